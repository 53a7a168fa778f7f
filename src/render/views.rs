//! View structs: what templates see. They borrow from the model where they
//! can and are the documented template API (docs/templates.md), so the
//! model can change without breaking themes.

use serde::Serialize;

use crate::model::bulletin::Bulletin;
use crate::model::site::Site;
use crate::render::format::format_change;
use crate::render::urls::Urls;

/// Site-wide values, in every template as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Absolute base URL, ending in `/`.
    pub base_url: &'a str,
    /// Path part of the base URL (`/bulletins/`).
    pub base_path: &'a str,
    /// Site language.
    pub language: &'a str,
    /// Default issuer.
    pub issuer: &'a str,
    /// Years with bulletins, newest first.
    pub years: Vec<i32>,
    /// Full-text search is on (`/search/` exists).
    pub search: bool,
}

/// A link to a tag.
#[derive(Serialize)]
pub struct TagLink<'a> {
    /// The tag as written.
    pub name: &'a str,
    /// Its page, site-relative (`/bulletins/tags/财政/`, encoded).
    pub url: String,
}

/// A bulletin in a list.
#[derive(Serialize)]
pub struct BulletinCard<'a> {
    /// Title.
    pub title: &'a str,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Reporting year.
    pub year: i32,
    /// Kind key.
    pub kind: &'a str,
    /// Kind display name.
    pub kind_name: &'a str,
    /// Page URL (site-relative path).
    pub url: String,
    /// Plain-text summary.
    pub summary: &'a str,
    /// Tags.
    pub tags: Vec<TagLink<'a>>,
    /// Draft flag (only with --drafts).
    pub draft: bool,
}

impl<'a> BulletinCard<'a> {
    /// The card of a bulletin.
    pub fn new(site: &'a Site, urls: &Urls, b: &'a Bulletin) -> Self {
        BulletinCard {
            title: &b.title,
            date: b.date.format("%Y-%m-%d").to_string(),
            year: b.year,
            kind: &b.kind,
            kind_name: site.config.site.kind_name(&b.kind),
            url: urls.bulletin(b),
            summary: &b.summary,
            tags: b
                .tags
                .iter()
                .map(|t| TagLink {
                    name: t,
                    url: urls.tag(t),
                })
                .collect(),
            draft: b.draft,
        }
    }
}

/// One figure in a table row.
#[derive(Serialize)]
pub struct ObservationRow<'a> {
    /// Indicator id.
    pub id: &'a str,
    /// Indicator name in the page language.
    pub name: &'a str,
    /// Indicator page.
    pub indicator_url: String,
    /// Period as written (`2021-01/2021-11`).
    pub period: String,
    /// Period in words of the page language (`2021年1月—11月`, `Jan–Nov 2021`).
    pub period_text: String,
    /// Raw value (an integer when the catalogue says `decimals: 0`).
    pub value: serde_json::Number,
    /// Formatted value with its approximation (`约31`, `about 31`).
    pub value_text: String,
    /// 预计 / 累计 marks to show before the value.
    pub marks: Vec<crate::render::qualify::Mark>,
    /// The whole figure in one phrase: marks, value and unit
    /// (`累计超800个`, `cumulative over 800 个`).
    pub figure_text: String,
    /// `about`, `over`, `under` or none.
    pub approx: Option<&'static str>,
    /// An estimate (预计).
    pub estimate: bool,
    /// A running total (累计).
    pub cumulative: bool,
    /// Start of the running total (`2017`), if stated.
    pub since: Option<String>,
    /// The indicator is a stock (a level at the period's end).
    pub stock: bool,
    /// Unit.
    pub unit: &'a str,
    /// Raw change, percent.
    pub change: Option<f64>,
    /// Formatted change (`+43.7%`).
    pub change_text: Option<String>,
    /// `good`, `bad` or `neutral`, from the catalogue's `better`.
    pub change_class: &'static str,
    /// Note.
    pub note: Option<String>,
    /// The bulletin that reports it.
    pub bulletin_title: &'a str,
    /// Its page.
    pub bulletin_url: String,
    /// The value this one replaced, formatted, if it is a revision.
    pub revised_from: Option<String>,
    /// Every value this one replaced, oldest first, with its source.
    pub revisions: Vec<RevisionView<'a>>,
    /// When a later bulletin revised this figure: that bulletin's page.
    pub superseded_by: Option<String>,
    /// True for an earlier value implied by a stated change, not reported.
    pub derived: bool,
    /// For a derived value: the figure and change it is implied by.
    pub derived_from: Option<DerivedFromView>,
}

/// A superseded value of a figure and the bulletin that reported it.
#[derive(Serialize)]
pub struct RevisionView<'a> {
    /// Formatted value.
    pub value_text: String,
    /// Formatted change as that bulletin stated it.
    pub change_text: Option<String>,
    /// The bulletin that reported it.
    pub bulletin_title: &'a str,
    /// Its page.
    pub bulletin_url: String,
}

/// What a derived value is computed from: `value / (1 + change/100)`.
#[derive(Serialize)]
pub struct DerivedFromView {
    /// The later period.
    pub period: String,
    /// Its reported value, formatted.
    pub value_text: String,
    /// The stated change, formatted (`+43.7%`).
    pub change_text: String,
}

/// Classify a change as good, bad or neutral for the reader.
pub fn change_class(change: Option<f64>, better: crate::model::catalogue::Better) -> &'static str {
    use crate::model::catalogue::Better;
    match (change, better) {
        (Some(c), Better::Higher) if c > 0.0 => "good",
        (Some(c), Better::Higher) if c < 0.0 => "bad",
        (Some(c), Better::Lower) if c < 0.0 => "good",
        (Some(c), Better::Lower) if c > 0.0 => "bad",
        _ => "neutral",
    }
}

/// `+43.7%` or nothing.
pub fn change_text(c: Option<f64>, lang: &str) -> Option<String> {
    c.map(|c| format_change(c, lang))
}

/// The numbered links between the pages of a paginated list (year, tag
/// and subject pages), in templates as `pager`.
#[derive(Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the list has.
    pub total: usize,
    /// Link to the page before, if any (also `<link rel="prev">`).
    pub prev: Option<String>,
    /// Link to the page after, if any (also `<link rel="next">`).
    pub next: Option<String>,
    /// The numbered links: the first and last page, and the pages near
    /// this one; a gap between them has no number.
    pub links: Vec<PagerLink>,
}

/// One numbered link of a `Pager`, or a gap (`number` empty).
#[derive(Serialize)]
pub struct PagerLink {
    /// Page number; none for a gap ("…").
    pub number: Option<usize>,
    /// Link to the page (empty for a gap).
    pub url: String,
    /// Whether this is the page being shown.
    pub current: bool,
}
