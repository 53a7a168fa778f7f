//! What every HTML page is made with: the shared `PageContext` (site
//! view, URL builder, theme), page metadata and the target rows that
//! bulletin, year and indicator pages all show.

use std::collections::HashMap;

use serde::Serialize;
use tera::Context;

use crate::model::bulletin::{Bulletin, Target};
use crate::model::site::Site;
use crate::model::targets::{evaluate, TargetStatus};
use crate::render::templates::template_error;
use crate::render::urls::Urls;
use crate::render::views::{
    change_class, change_text, value_text, BulletinCard, ObservationRow, SiteView,
};
use crate::render::{RenderError, Theme};

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
    /// (year, slug) -> index into `site.bulletins`, to render one page by name.
    by_address: HashMap<(i32, &'a str), usize>,
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
        let by_address = site
            .bulletins
            .iter()
            .enumerate()
            .map(|(i, b)| ((b.year, b.slug.as_str()), i))
            .collect();
        PageContext {
            site,
            theme,
            urls,
            lang: &cfg.language,
            site_view,
            by_address,
        }
    }

    /// The index of the bulletin published at `/<year>/<slug>/`.
    pub fn bulletin_at(&self, year: i32, slug: &str) -> Option<usize> {
        self.by_address.get(&(year, slug)).copied()
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

    /// The table row of a figure from a report the row does not borrow.
    pub fn observation_row_owned(
        &self,
        id: &'a str,
        period: String,
        report: crate::model::series::Report,
        revised_from: Option<f64>,
        lang: &str,
    ) -> ObservationRow<'a> {
        let note = report.note.clone();
        let mut row = self.observation_row(id, period, &report, revised_from, lang);
        row.note = note;
        row
    }

    /// The table row of a reported figure.
    pub fn observation_row(
        &self,
        id: &'a str,
        period: String,
        report: &crate::model::series::Report,
        revised_from: Option<f64>,
        lang: &str,
    ) -> ObservationRow<'a> {
        let def = self.site.catalogue.get(id);
        let b = &self.site.bulletins[report.bulletin];
        ObservationRow {
            id,
            name: def.map_or(id, |d| d.name_in(lang)),
            indicator_url: self.urls.indicator(id),
            period,
            value: report.value,
            value_text: value_text(report.value, lang),
            unit: def.map_or("", |d| d.unit.as_str()),
            change: report.change,
            change_text: change_text(report.change, lang),
            change_class: change_class(
                report.change,
                def.map_or(crate::model::catalogue::Better::Neutral, |d| d.better),
            ),
            note: report.note.clone(),
            bulletin_title: &b.title,
            bulletin_url: self.urls.bulletin(b),
            revised_from: revised_from.map(|v| value_text(v, lang)),
            superseded_by: None,
        }
    }

    /// The view of a target with its status.
    pub fn target_row(&self, t: &'a Target, set_by: &'a Bulletin, lang: &str) -> TargetRow<'a> {
        let def = self.site.catalogue.get(&t.id);
        let (status, actual) = evaluate(t, self.site.series.get(&t.id));
        TargetRow {
            id: &t.id,
            name: def.map_or(&t.id, |d| d.name_in(lang)),
            indicator_url: self.urls.indicator(&t.id),
            year: t.year,
            op: t.op.symbol(),
            op_text: t.op.display(),
            value: t.value,
            value_text: value_text(t.value, lang),
            unit: def.map_or("", |d| d.unit.as_str()),
            note: t.note.as_deref(),
            status,
            status_text: self.theme.i18n.get(lang, status.key()).to_string(),
            actual_text: actual.map(|v| value_text(v, lang)),
            bulletin_title: &set_by.title,
            bulletin_url: self.urls.bulletin(set_by),
        }
    }

    /// Every target of the site with the bulletin that set it, in
    /// publication order (oldest first).
    pub fn all_targets(&self) -> impl Iterator<Item = (&'a Target, &'a Bulletin)> {
        self.site.bulletins.iter().rev().flat_map(|b| {
            let b: &Bulletin = b;
            b.targets.iter().map(move |t| (t, b))
        })
    }
}

/// A target as templates see it.
#[derive(Serialize)]
pub struct TargetRow<'a> {
    /// Indicator id.
    pub id: &'a str,
    /// Indicator name.
    pub name: &'a str,
    /// Indicator page.
    pub indicator_url: String,
    /// Target year.
    pub year: i32,
    /// `>=` etc.
    pub op: &'static str,
    /// `≥` etc.
    pub op_text: &'static str,
    /// Target figure.
    pub value: f64,
    /// Formatted.
    pub value_text: String,
    /// Unit.
    pub unit: &'a str,
    /// Note.
    pub note: Option<&'a str>,
    /// met | missed | pending.
    pub status: TargetStatus,
    /// The status word in the page language.
    pub status_text: String,
    /// The full-year figure it was held against.
    pub actual_text: Option<String>,
    /// The bulletin that set it.
    pub bulletin_title: &'a str,
    /// Its page.
    pub bulletin_url: String,
}

/// Counts of target statuses, for summaries.
#[derive(Serialize, Default)]
pub struct TargetSummary {
    /// All targets.
    pub total: usize,
    /// Met.
    pub met: usize,
    /// Missed.
    pub missed: usize,
    /// Pending.
    pub pending: usize,
}

impl TargetSummary {
    /// Count the rows.
    pub fn of(rows: &[TargetRow]) -> Self {
        let mut s = TargetSummary {
            total: rows.len(),
            ..Default::default()
        };
        for r in rows {
            match r.status {
                TargetStatus::Met => s.met += 1,
                TargetStatus::Missed => s.missed += 1,
                TargetStatus::Pending => s.pending += 1,
            }
        }
        s
    }
}
