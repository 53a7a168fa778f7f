//! What every HTML page is made with: the `SiteContext` shared by all
//! pages (site view, URL builder, theme), the `PageContext` each page is
//! built with (which notes every read of the model, `render::inputs`) and
//! page metadata. The figure and target rows
//! pages share are built in `render::figures`.

use std::cell::RefCell;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::sync::Arc;

use tera::Context;

use crate::config::Config;
use crate::model::bulletin::{Bulletin, Target};
use crate::model::catalogue::Catalogue;
use crate::model::period::Period;
use crate::model::qualifiers::Cumulative;
use crate::model::relations::Links;
use crate::model::series::{Point, Series};
use crate::model::site::{Site, TagEntry};
use crate::render::inputs::{InputKey, Part, PointPeriod};
use crate::render::prints::points_in_year;
use crate::render::templates::template_error;
use crate::render::urls::Urls;
use crate::render::views::{BulletinCard, PageMeta, SiteView};
use crate::render::{RenderError, Theme};

/// Number of bulletins on the home page.
pub(crate) const HOME_LATEST: usize = 10;

/// What every page builder shares, made once per render.
pub(crate) struct SiteContext<'a> {
    site: &'a Site,
    theme: &'a Theme,
    urls: Urls,
    site_view: tera::Value,
    /// (year, slug) -> index into `site.bulletins`, to render one page by name.
    by_address: FxHashMap<(i32, &'a str), usize>,
}

/// What one page builder works with: the theme, the URL builder, and the
/// site behind recording accessors. Every read of the model goes through
/// a method that notes an `InputKey`, so the page's inputs are known when
/// it is done (`PageContext::into_reads`); there is no other way to the
/// model from a renderer.
pub(crate) struct PageContext<'a> {
    site: &'a Site,
    /// The theme.
    pub theme: &'a Theme,
    /// URL builder.
    pub urls: &'a Urls,
    /// The site language.
    pub lang: &'a str,
    site_view: &'a tera::Value,
    by_address: &'a FxHashMap<(i32, &'a str), usize>,
    reads: RefCell<Vec<InputKey>>,
    /// Bulletins read, by index, with the part: noted as numbers and
    /// named by source path once each when the page is done (a list page
    /// may read every bulletin several times).
    bulletin_reads: RefCell<Vec<(u32, Part)>>,
}

impl<'a> SiteContext<'a> {
    /// Prepare the shared parts.
    pub(crate) fn new(site: &'a Site, theme: &'a Theme) -> Self {
        let cfg = &site.config.site;
        let urls = Urls::new(&cfg.base_url, cfg.base_path());
        let view = SiteView {
            title: &cfg.title,
            base_url: &cfg.base_url,
            base_path: cfg.base_path(),
            language: &cfg.language,
            issuer: &cfg.issuer,
            years: site.years.keys().rev().copied().collect(),
            search: cfg.search && crate::render::search_page::has_search_page(theme),
        };
        let site_view = tera::to_value(view).unwrap_or(tera::Value::Null);
        let by_address = site
            .bulletins
            .iter()
            .enumerate()
            .map(|(i, b)| ((b.year, b.slug.as_str()), i))
            .collect();
        SiteContext {
            site,
            theme,
            urls,
            site_view,
            by_address,
        }
    }

    /// The context of one page. It has read the settings, the theme and
    /// the years (the site view every page template gets) already.
    pub(crate) fn page(&self) -> PageContext<'_> {
        PageContext {
            site: self.site,
            theme: self.theme,
            urls: &self.urls,
            lang: &self.site.config.site.language,
            site_view: &self.site_view,
            by_address: &self.by_address,
            reads: RefCell::new(vec![InputKey::Settings, InputKey::Theme, InputKey::Years]),
            bulletin_reads: RefCell::default(),
        }
    }
}

impl<'a> PageContext<'a> {
    /// The keys read so far.
    pub(crate) fn into_reads(self) -> Vec<InputKey> {
        let mut taken = self.bulletin_reads.into_inner();
        taken.sort_unstable();
        taken.dedup();
        let bulletins = &self.site.bulletins;
        let mut reads = self.reads.into_inner();
        reads.extend(
            taken
                .into_iter()
                .map(|(i, part)| InputKey::Bulletin(part, bulletins[i as usize].source.clone())),
        );
        reads
    }

    fn note(&self, key: InputKey) {
        self.reads.borrow_mut().push(key);
    }

    /// The index of the bulletin published at `/<year>/<slug>/`.
    pub(crate) fn bulletin_at(&self, year: i32, slug: &str) -> Option<usize> {
        self.by_address.get(&(year, slug)).copied()
    }

    /// Today's date, as the build takes it (`--now`).
    pub(crate) fn today(&self) -> chrono::NaiveDate {
        self.note(InputKey::Today);
        self.site.config.today
    }

    /// The configuration (read by every page).
    pub(crate) fn config(&self) -> &'a Config {
        &self.site.config
    }

    /// The indicator catalogue (read by every page, with the settings).
    pub(crate) fn catalogue(&self) -> &'a Catalogue {
        &self.site.catalogue
    }

    /// Bulletin `i`, for what `part` holds.
    pub(crate) fn bulletin(&self, i: usize, part: Part) -> &'a Bulletin {
        self.bulletin_reads.borrow_mut().push((i as u32, part));
        &self.site.bulletins[i]
    }

    /// Bulletin `i`, every part of it (its own page).
    pub(crate) fn whole_bulletin(&self, i: usize) -> &'a Bulletin {
        for part in Part::ALL {
            self.bulletin(i, part);
        }
        &self.site.bulletins[i]
    }

    /// The published bulletins in order (newest first), for what `part`
    /// holds; each bulletin taken is noted.
    pub(crate) fn archive(&self, part: Part) -> impl Iterator<Item = (usize, &'a Bulletin)> + '_ {
        self.note(InputKey::Archive);
        (0..self.site.bulletins.len()).map(move |i| (i, self.bulletin(i, part)))
    }

    /// Number of published bulletins.
    pub(crate) fn archive_len(&self) -> usize {
        self.note(InputKey::Archive);
        self.site.bulletins.len()
    }

    /// The bulletins of `year`, newest first (none for a year without).
    pub(crate) fn year(&self, year: i32) -> &'a [usize] {
        self.note(InputKey::Year(year));
        self.site.years.get(&year).map_or(&[], Vec::as_slice)
    }

    /// The years with bulletins, oldest first.
    pub(crate) fn years(&self) -> impl DoubleEndedIterator<Item = i32> + 'a {
        self.site.years.keys().copied()
    }

    /// The years with a page: bulletins, figures or targets.
    pub(crate) fn page_years(&self) -> Vec<i32> {
        self.note(InputKey::PageYears);
        crate::render::lists::all_years(self.site)
    }

    /// Every tag, by slug.
    pub(crate) fn tags(&self) -> &'a BTreeMap<String, TagEntry> {
        self.note(InputKey::Tags);
        &self.site.tags
    }

    /// One tag and its bulletins.
    pub(crate) fn tag(&self, slug: &str) -> Option<&'a TagEntry> {
        self.note(InputKey::Tag(slug.to_string()));
        self.site.tags.get(slug)
    }

    /// The subjects in use, with their bulletins.
    pub(crate) fn subjects(&self) -> &'a BTreeMap<String, Vec<usize>> {
        self.note(InputKey::Subjects);
        &self.site.subjects
    }

    /// The bulletins of one subject.
    pub(crate) fn subject(&self, key: &str) -> Option<&'a [usize]> {
        self.note(InputKey::Subject(key.to_string()));
        self.site.subjects.get(key).map(Vec::as_slice)
    }

    /// Scheduled bulletins whose date has not come, soonest first.
    pub(crate) fn upcoming(&self) -> &'a [Arc<Bulletin>] {
        self.note(InputKey::Upcoming);
        &self.site.upcoming
    }

    /// The links of bulletin `i` to other bulletins.
    pub(crate) fn links(&self, i: usize) -> &'a Links {
        let source = self.site.bulletins[i].source.clone();
        self.note(InputKey::Links(source));
        &self.site.links[i]
    }

    /// Previous (older) and next (newer) bulletin of bulletin `i`'s year.
    pub(crate) fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let b = &self.site.bulletins[i];
        self.note(InputKey::Neighbours(b.source.clone()));
        crate::render::bulletin_page::neighbours(self.site, i, b.year)
    }

    /// The whole series of an indicator.
    pub(crate) fn series(&self, id: &str) -> Option<&'a Series> {
        self.note(InputKey::Series(id.to_string()));
        self.site.series.get(id)
    }

    /// One point of an indicator's series.
    pub(crate) fn point(
        &self,
        id: &str,
        period: &Period,
        cumulative: Option<Cumulative>,
    ) -> Option<&'a Point> {
        self.note(InputKey::Point {
            id: id.to_string(),
            period: PointPeriod::new(period, cumulative),
        });
        self.site.series.get(id)?.get_as(period, cumulative)
    }

    /// The series a target is judged against; only its full-year point
    /// for the target's year is read (`model::targets::evaluate`).
    pub(crate) fn series_for_target(&self, t: &Target) -> Option<&'a Series> {
        self.point(&t.id, &Period::full_year(t.year), None);
        self.site.series.get(&t.id)
    }

    /// The points of an indicator's series in one year.
    pub(crate) fn points_in(&self, id: &str, year: i32) -> Vec<&'a Point> {
        self.note(InputKey::SeriesYear {
            id: id.to_string(),
            year,
        });
        let points = self.site.series.get(id).map(|s| points_in_year(s, year));
        points.unwrap_or(&[]).iter().collect()
    }

    /// The targets of one indicator with the bulletins setting them, in
    /// publication order (oldest first).
    pub(crate) fn targets_of(&self, id: &str) -> Vec<(&'a Target, &'a Bulletin)> {
        self.note(InputKey::TargetsOf(id.to_string()));
        self.targets(|t| t.id == id)
    }

    /// The targets for one year, as `targets_of`.
    pub(crate) fn targets_in(&self, year: i32) -> Vec<(&'a Target, &'a Bulletin)> {
        self.note(InputKey::TargetsIn(year));
        self.targets(|t| t.year == year)
    }

    fn targets(&self, keep: impl Fn(&Target) -> bool) -> Vec<(&'a Target, &'a Bulletin)> {
        let site = self.site;
        let mut out = Vec::new();
        for (i, b) in site.bulletins.iter().enumerate().rev() {
            let kept = b.targets.iter().filter(|t| keep(t));
            for t in kept {
                out.push((t, self.bulletin(i, Part::Listing)));
            }
        }
        out
    }

    /// Page metadata for an output path (`2021/`).
    pub(crate) fn meta(
        &self,
        rel: &str,
        title: String,
        description: String,
        lang: &str,
    ) -> PageMeta {
        PageMeta {
            title,
            description,
            canonical: Some(self.urls.absolute(rel)),
            lang: lang.to_string(),
            path: self.urls.path(rel),
        }
    }

    /// A string of the theme's i18n file in the site language.
    pub(crate) fn t(&self, key: &'a str) -> &str {
        self.theme.i18n.get(self.lang, key)
    }

    /// Render `template` with `page` metadata and page-specific values.
    pub(crate) fn render(
        &self,
        template: &str,
        page: &PageMeta,
        fill: impl FnOnce(&mut Context),
    ) -> Result<Vec<u8>, RenderError> {
        let mut ctx = Context::new();
        ctx.insert("site", self.site_view);
        ctx.insert("page", page);
        ctx.insert("lang", &page.lang);
        fill(&mut ctx);
        self.theme
            .tera
            .render(template, &ctx)
            .map(String::into_bytes)
            .map_err(|e| RenderError(format!("template {template}: {}", template_error(&e))))
    }

    /// Cards of bulletins by index.
    pub(crate) fn cards(&self, indices: &[usize]) -> Vec<BulletinCard<'a>> {
        indices.iter().map(|&i| self.card(i)).collect()
    }

    /// The card of bulletin `i`.
    pub(crate) fn card(&self, i: usize) -> BulletinCard<'a> {
        BulletinCard::new(self.site, self.urls, self.bulletin(i, Part::Listing))
    }
}
