//! HTML pages of bulletins, years, tags, the home page and 404, each a
//! template filled with view structs.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::model::bulletin::Bulletin;
use crate::model::site::Site;
use crate::render::figures::{TargetRow, TargetSummary};
use crate::render::markdown::render_markdown;
use crate::render::templates::template_error;
use crate::render::urls::Urls;
use crate::render::views::{BulletinCard, ObservationRow, SiteView};
use crate::render::{OutputFile, RenderError, Theme};

/// Number of bulletins on the home page.
pub const HOME_LATEST: usize = 10;

/// What every page builder needs, made once per build.
pub struct PageContext<'a> {
    /// The site.
    pub site: &'a Site,
    /// The theme.
    pub theme: &'a Theme,
    /// URL builder.
    pub urls: Urls,
    /// The site language.
    pub lang: &'a str,
    site_view: tera::Value,
}

/// Page metadata, in every template as `page`.
#[derive(Serialize)]
pub struct PageMeta {
    /// `<title>` text (without the site title).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Absolute canonical URL; none on 404.
    pub canonical: Option<String>,
    /// Language of the page.
    pub lang: String,
    /// Site-relative path of the page.
    pub path: String,
}

impl<'a> PageContext<'a> {
    /// Prepare the shared parts.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Self {
        let cfg = &site.config.site;
        let urls = Urls::new(&cfg.base_url, cfg.base_path());
        let view = SiteView {
            title: &cfg.title,
            base_url: &cfg.base_url,
            base_path: cfg.base_path(),
            language: &cfg.language,
            issuer: &cfg.issuer,
            years: site.years.keys().rev().copied().collect(),
        };
        let site_view = tera::to_value(view).unwrap_or(tera::Value::Null);
        PageContext {
            site,
            theme,
            urls,
            lang: &cfg.language,
            site_view,
        }
    }

    /// Page metadata for an output path (`2021/`).
    pub fn meta(&self, rel: &str, title: String, description: String, lang: &str) -> PageMeta {
        PageMeta {
            title,
            description,
            canonical: Some(self.urls.absolute(rel)),
            lang: lang.to_string(),
            path: self.urls.path(rel),
        }
    }

    /// A string of the theme's i18n file in the site language.
    pub fn t(&self, key: &'a str) -> &str {
        self.theme.i18n.get(self.lang, key)
    }

    /// Render `template` with `page` metadata and page-specific values.
    pub fn render(
        &self,
        template: &str,
        page: &PageMeta,
        fill: impl FnOnce(&mut Context),
    ) -> Result<Vec<u8>, RenderError> {
        let mut ctx = Context::new();
        ctx.insert("site", &self.site_view);
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
    pub fn cards(&self, indices: &[usize]) -> Vec<BulletinCard<'a>> {
        indices
            .iter()
            .map(|&i| BulletinCard::new(self.site, &self.urls, &self.site.bulletins[i]))
            .collect()
    }
}

#[derive(Serialize)]
struct AttachmentView<'a> {
    name: &'a str,
    url: String,
    size: u64,
    size_text: String,
}

fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.0} KB", b as f64 / (1 << 10) as f64),
        b => format!("{b} B"),
    }
}

/// One page per bulletin, with its attachments.
pub fn render_bulletins(ctx: &PageContext) -> Result<Vec<OutputFile>, RenderError> {
    let site = ctx.site;
    let parts: Vec<Vec<OutputFile>> = site
        .bulletins
        .par_iter()
        .enumerate()
        .map(|(i, b)| render_bulletin(ctx, i, b))
        .collect::<Result<_, _>>()?;
    Ok(parts.into_iter().flatten().collect())
}

/// Previous (older) and next (newer) bulletin of the same year.
fn neighbours(site: &Site, index: usize, year: i32) -> (Option<usize>, Option<usize>) {
    // Year lists hold indices in ascending order (bulletins are sorted
    // newest first), so a binary search finds the position.
    let list = &site.years[&year];
    let pos = list.binary_search(&index).unwrap_or(0);
    let newer = pos.checked_sub(1).map(|p| list[p]);
    let older = list.get(pos + 1).copied();
    (older, newer)
}

/// Render one bulletin page (and list its attachments to copy).
pub fn render_bulletin(
    ctx: &PageContext,
    index: usize,
    b: &Bulletin,
) -> Result<Vec<OutputFile>, RenderError> {
    let site = ctx.site;
    let rel = Urls::bulletin_rel(b);
    let body = render_markdown(&b.body, site.config.site.base_path());
    let lang = b.lang.as_str();
    let indicators = ctx.bulletin_rows(index, b);
    let targets: Vec<TargetRow> = b
        .targets
        .iter()
        .map(|t| ctx.target_row(t, b, lang))
        .collect();
    let attachments: Vec<AttachmentView> = b
        .attachments
        .iter()
        .map(|a| AttachmentView {
            name: &a.name,
            url: ctx.urls.path(&format!(
                "{rel}{}",
                crate::render::urls::encode_segment(&a.name)
            )),
            size: a.size,
            size_text: size_text(a.size),
        })
        .collect();
    let (older, newer) = neighbours(site, index, b.year);
    let card = BulletinCard::new(site, &ctx.urls, b);
    let page = ctx.meta(&rel, b.title.clone(), b.summary.clone(), lang);
    let html = ctx.render("bulletin.html", &page, |c| {
        c.insert("bulletin", &card);
        c.insert("issuer", &b.issuer);
        c.insert(
            "updated",
            &b.updated.map(|d| d.format("%Y-%m-%d").to_string()),
        );
        c.insert("content", &body.html);
        c.insert("indicators", &indicators);
        c.insert("targets", &targets);
        c.insert("target_summary", &TargetSummary::of(&targets));
        c.insert("attachments", &attachments);
        c.insert(
            "previous",
            &older.map(|i| BulletinCard::new(site, &ctx.urls, &site.bulletins[i])),
        );
        c.insert(
            "next",
            &newer.map(|i| BulletinCard::new(site, &ctx.urls, &site.bulletins[i])),
        );
        c.insert("extra", &b.extra);
    })?;
    let mut out = vec![OutputFile::bytes(
        format!("{}/{}/index.html", b.year, b.slug),
        html,
    )];
    for a in &b.attachments {
        out.push(OutputFile {
            path: format!("{}/{}/{}", b.year, b.slug, a.name),
            content: crate::render::Content::Copy(a.source.clone()),
        });
    }
    Ok(out)
}

#[derive(Serialize)]
struct YearLink {
    year: i32,
    url: String,
    count: usize,
}

/// Home, year pages, tag pages and 404.
pub fn render_lists(ctx: &PageContext) -> Result<Vec<OutputFile>, RenderError> {
    let site = ctx.site;
    let mut out = Vec::new();
    let years: Vec<YearLink> = site
        .years
        .iter()
        .rev()
        .map(|(&year, list)| YearLink {
            year,
            url: ctx.urls.year(year),
            count: list.len(),
        })
        .collect();
    let latest: Vec<usize> = (0..site.bulletins.len().min(HOME_LATEST)).collect();
    let headline = crate::render::indicator_pages::headline_rows(ctx);
    let page = ctx.meta(
        "",
        ctx.t("home.title").to_string(),
        ctx.t("site.description").to_string(),
        ctx.lang,
    );
    out.push(OutputFile::bytes(
        "index.html",
        ctx.render("index.html", &page, |c| {
            c.insert("latest", &ctx.cards(&latest));
            c.insert("years", &years);
            c.insert("headline", &headline);
        })?,
    ));
    let year_pages: Vec<OutputFile> = all_years(site)
        .par_iter()
        .map(|&y| render_year(ctx, y))
        .collect::<Result<_, _>>()?;
    out.extend(year_pages);
    out.extend(render_tags(ctx)?);
    let page = PageMeta {
        title: ctx.t("notfound.title").to_string(),
        description: ctx.t("notfound.description").to_string(),
        canonical: None,
        lang: ctx.lang.to_string(),
        path: ctx.urls.path("404.html"),
    };
    out.push(OutputFile::bytes(
        "404.html",
        ctx.render("404.html", &page, |c| {
            c.insert("years", &years);
        })?,
    ));
    Ok(out)
}

/// Years that get a page: those with bulletins, observations or targets.
pub fn all_years(site: &Site) -> Vec<i32> {
    let mut years: std::collections::BTreeSet<i32> = site.years.keys().copied().collect();
    for s in site.series.values() {
        years.extend(s.points.iter().map(|p| p.period.year));
    }
    for b in &site.bulletins {
        years.extend(b.targets.iter().map(|t| t.year));
    }
    years.into_iter().collect()
}

fn render_year(ctx: &PageContext, year: i32) -> Result<OutputFile, RenderError> {
    let site = ctx.site;
    let rel = format!("{year}/");
    let bulletins = site
        .years
        .get(&year)
        .map(|l| ctx.cards(l))
        .unwrap_or_default();
    let mut observations: Vec<ObservationRow> = Vec::new();
    for (id, series) in &site.series {
        for p in series.points.iter().filter(|p| p.period.year == year) {
            observations.push(ctx.point_row(id, p, ctx.lang));
        }
    }
    let targets: Vec<TargetRow> = ctx
        .all_targets()
        .filter(|(t, _)| t.year == year)
        .map(|(t, b)| ctx.target_row(t, b, ctx.lang))
        .collect();
    let title = format!("{year}{}", ctx.t("year.suffix"));
    let desc = format!("{} {year}", ctx.t("year.description"));
    let page = ctx.meta(&rel, title, desc, ctx.lang);
    let html = ctx.render("year.html", &page, |c| {
        c.insert("year", &year);
        c.insert("bulletins", &bulletins);
        c.insert("observations", &observations);
        c.insert("targets", &targets);
        c.insert("target_summary", &TargetSummary::of(&targets));
    })?;
    Ok(OutputFile::bytes(format!("{rel}index.html"), html))
}

#[derive(Serialize)]
struct TagView<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    count: usize,
}

fn render_tags(ctx: &PageContext) -> Result<Vec<OutputFile>, RenderError> {
    let site = ctx.site;
    let tags: Vec<TagView> = site
        .tags
        .values()
        .map(|t| TagView {
            name: &t.name,
            slug: &t.slug,
            url: ctx.urls.tag(&t.name),
            count: t.bulletins.len(),
        })
        .collect();
    let page = ctx.meta(
        "tags/",
        ctx.t("tags.title").to_string(),
        ctx.t("tags.description").to_string(),
        ctx.lang,
    );
    let mut out = vec![OutputFile::bytes(
        "tags/index.html",
        ctx.render("tags.html", &page, |c| c.insert("tags", &tags))?,
    )];
    let pages: Vec<OutputFile> = site
        .tags
        .values()
        .zip(&tags)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|(t, view)| {
            let rel = Urls::tag_rel(&t.name);
            let desc = format!("{}: {}", ctx.t("tag.description"), t.name);
            let page = ctx.meta(&rel, t.name.clone(), desc, ctx.lang);
            let html = ctx.render("tag.html", &page, |c| {
                c.insert("tag", view);
                c.insert("bulletins", &ctx.cards(&t.bulletins));
            })?;
            Ok(OutputFile::bytes(
                format!("tags/{}/index.html", t.slug),
                html,
            ))
        })
        .collect::<Result<_, RenderError>>()?;
    out.extend(pages);
    Ok(out)
}
