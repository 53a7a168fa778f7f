//! View structs: what templates see, all of them here (and the structs of
//! indicators.json, the open-data view). They borrow from the model where
//! they can and are the documented template API (docs/templates.md), so
//! the model can change without breaking themes. The functions that build
//! each page from them stay with the page (`lists`, `bulletin_page`, ...).

use serde::Serialize;

use crate::model::bulletin::Bulletin;
use crate::model::site::Site;
use crate::model::targets::TargetStatus;
use crate::render::format::format_change;
use crate::render::urls::Urls;

/// Site-wide values, in every template as `site`.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
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
pub(crate) struct TagLink<'a> {
    /// The tag as written.
    pub name: &'a str,
    /// Its page, site-relative (`/bulletins/tags/财政/`, encoded).
    pub url: String,
}

/// A bulletin in a list.
#[derive(Serialize)]
pub(crate) struct BulletinCard<'a> {
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
    pub(crate) fn new(site: &'a Site, urls: &Urls, b: &'a Bulletin) -> Self {
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
pub(crate) struct ObservationRow<'a> {
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
    pub marks: Vec<Mark>,
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
pub(crate) struct RevisionView<'a> {
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
pub(crate) struct DerivedFromView {
    /// The later period.
    pub period: String,
    /// Its reported value, formatted.
    pub value_text: String,
    /// The stated change, formatted (`+43.7%`).
    pub change_text: String,
}

/// Classify a change as good, bad or neutral for the reader.
pub(crate) fn change_class(
    change: Option<f64>,
    better: crate::model::catalogue::Better,
) -> &'static str {
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
pub(crate) fn change_text(c: Option<f64>, lang: &str) -> Option<String> {
    c.map(|c| format_change(c, lang))
}

// Page metadata.

/// Page metadata, in every template as `page`.
#[derive(Serialize)]
pub(crate) struct PageMeta {
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

// List pages: home, years, tags, subjects, search.

/// A year with its page and count, on the home and 404 pages as `years`.
#[derive(Serialize)]
pub(crate) struct YearLink {
    pub(crate) year: i32,
    pub(crate) url: String,
    pub(crate) count: usize,
}

/// A tag with its page and count, on the tag pages as `tag` / `tags`.
#[derive(Serialize)]
pub(crate) struct TagView<'a> {
    pub(crate) name: &'a str,
    pub(crate) slug: &'a str,
    pub(crate) url: String,
    pub(crate) count: usize,
}

/// A subject with its page and count, on the subject pages as
/// `subject` / `subjects`.
#[derive(Serialize)]
pub(crate) struct SubjectView<'a> {
    pub(crate) key: &'a str,
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) count: usize,
}

/// One filter link of a year page.
#[derive(Serialize, Clone)]
pub(crate) struct FilterLink<'a> {
    /// Kind or subject key.
    pub key: &'a str,
    /// Display name.
    pub name: &'a str,
    /// The filtered page.
    pub url: String,
    /// Bulletins of the year it keeps.
    pub count: usize,
}

/// The filters of a year page, in templates as `filters`.
#[derive(Serialize)]
pub(crate) struct YearFilters<'a> {
    /// The unfiltered year page.
    pub all_url: String,
    /// Kinds present in the year, in site.yaml order.
    pub kinds: Vec<FilterLink<'a>>,
    /// Subjects present in the year, in site.yaml order.
    pub subjects: Vec<FilterLink<'a>>,
}

/// A year with its page, on the search page as `years`.
#[derive(Serialize)]
pub(crate) struct SearchYearLink {
    pub(crate) year: i32,
    pub(crate) url: String,
}

// The bulletin page.

/// An attachment of a bundle, on the bulletin page as `attachments`.
#[derive(Serialize)]
pub(crate) struct AttachmentView<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) size: u64,
    pub(crate) size_text: String,
}

/// A subject with its page.
#[derive(Serialize)]
pub(crate) struct SubjectLink<'a> {
    /// Key from site.yaml.
    pub key: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Its page.
    pub url: String,
}

/// The disclosure metadata of a bulletin page, in templates as `disclosure`.
#[derive(Serialize)]
pub(crate) struct DisclosureView<'a> {
    /// The bulletin carries disclosure fields: show the block.
    pub block: bool,
    /// 索引号.
    pub index_no: Option<&'a str>,
    /// 发文字号.
    pub doc_no: Option<&'a str>,
    /// 成文日期, `YYYY-MM-DD`.
    pub written: Option<String>,
    /// 主题分类.
    pub subject: Option<SubjectLink<'a>>,
    /// `valid`, `expired` or `repealed`, as of the build's today.
    pub validity: &'static str,
    /// The same in the site language (有效 / valid).
    pub validity_text: &'a str,
    /// 失效日期, `YYYY-MM-DD`.
    pub expires: Option<String>,
    /// The bulletins this one repeals or supersedes.
    pub replaces: Vec<BulletinCard<'a>>,
    /// The bulletins that replaced this one.
    pub replaced_by: Vec<BulletinCard<'a>>,
    /// The bulletin this one explains (政策解读).
    pub interprets: Option<BulletinCard<'a>>,
    /// The bulletins explaining this one.
    pub interpreted_by: Vec<BulletinCard<'a>>,
    /// schema.org JSON-LD, safe to insert inside `<script>` (empty when the
    /// bulletin carries no disclosure field).
    pub jsonld: String,
}

// Figures and targets.

/// A word shown beside a figure: 预计 (estimate) or 累计 (cumulative).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Mark {
    /// `estimate` or `cumulative` (a CSS class suffix).
    pub kind: &'static str,
    /// The word in the page language.
    pub text: String,
}

/// A target as templates see it.
#[derive(Serialize)]
pub(crate) struct TargetRow<'a> {
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
    /// Operator, figure and unit: `≥600个`, `≥ 600 spaces`.
    pub target_text: String,
    /// Unit.
    pub unit: &'a str,
    /// Note.
    pub note: Option<&'a str>,
    /// met | missed | pending.
    pub status: TargetStatus,
    /// The status word in the page language (`预计已达成` when it was
    /// held against an estimate).
    pub status_text: String,
    /// True when the full-year figure it was held against is an estimate.
    pub estimated: bool,
    /// The full-year figure it was held against, with its qualifiers and
    /// unit (`预计83.5万平方米`).
    pub actual_text: Option<String>,
    /// The bulletin that set it.
    pub bulletin_title: &'a str,
    /// Its page.
    pub bulletin_url: String,
}

/// Counts of target statuses, for summaries.
#[derive(Serialize, Default)]
pub(crate) struct TargetSummary {
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
    pub(crate) fn of(rows: &[TargetRow]) -> Self {
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

// Indicator pages.

/// An indicator in the index.
#[derive(Serialize)]
pub(crate) struct IndicatorCard<'a> {
    /// Id.
    pub id: &'a str,
    /// Name in the site language.
    pub name: &'a str,
    /// Unit.
    pub unit: &'a str,
    /// Category.
    pub category: &'a str,
    /// Page URL.
    pub url: String,
    /// CSV download URL.
    pub csv_url: String,
    /// The latest reported figure, if any.
    pub latest: Option<ObservationRow<'a>>,
    /// Years with observations.
    pub years: Vec<i32>,
    /// Number of observations.
    pub count: usize,
    /// Inline SVG sparkline of the main line (insert with `| safe`).
    pub sparkline: Option<String>,
}

/// A category of the indicator index with its indicators, as `categories`.
#[derive(Serialize)]
pub(crate) struct Category<'a> {
    pub(crate) name: String,
    pub(crate) key: &'a str,
    pub(crate) indicators: Vec<IndicatorCard<'a>>,
}

// The release calendar.

/// A release in the calendar, in templates as items of `upcoming` and
/// `released`.
#[derive(Serialize)]
pub(crate) struct ReleaseView<'a> {
    /// Title.
    pub title: &'a str,
    /// Release date, `YYYY-MM-DD`.
    pub date: String,
    /// Kind key.
    pub kind: &'a str,
    /// Kind display name.
    pub kind_name: &'a str,
    /// Its page, once released (none before).
    pub url: Option<String>,
}

// Open data: indicators.json. Its structs are serialized directly
// (building a serde_json::Value first took three times as long, and
// `serve` writes this file after every changed figure). Their fields are
// declared in alphabetical order: that is the key order of the published
// file.

#[derive(Serialize)]
pub(crate) struct JsonDoc<'a> {
    pub(crate) base_url: &'a str,
    pub(crate) indicators: Vec<JsonIndicator<'a>>,
    pub(crate) site: &'a str,
}

#[derive(Serialize)]
pub(crate) struct JsonIndicator<'a> {
    pub(crate) better: &'a str,
    pub(crate) category: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) decimals: Option<usize>,
    pub(crate) derive: bool,
    pub(crate) description: &'a std::collections::BTreeMap<String, String>,
    pub(crate) id: &'a str,
    pub(crate) measure: &'a str,
    pub(crate) name: &'a std::collections::BTreeMap<String, String>,
    pub(crate) observations: Vec<JsonObservation>,
    pub(crate) derived: Vec<JsonDerived>,
    pub(crate) targets: Vec<JsonTarget<'a>>,
    pub(crate) unit: &'a str,
    pub(crate) url: String,
}

#[derive(Serialize)]
pub(crate) struct JsonDerived {
    pub(crate) period: String,
    /// Rounded as the page shows it (an integer with no decimals).
    pub(crate) value: serde_json::Number,
    pub(crate) derived_from: JsonDerivedFrom,
}

#[derive(Serialize)]
pub(crate) struct JsonDerivedFrom {
    pub(crate) period: String,
    pub(crate) value: f64,
    pub(crate) change: Option<f64>,
    pub(crate) bulletin_url: String,
}

#[derive(Serialize)]
pub(crate) struct JsonObservation {
    pub(crate) approx: Option<&'static str>,
    pub(crate) bulletin_url: String,
    pub(crate) change: Option<f64>,
    pub(crate) cumulative: bool,
    pub(crate) estimate: bool,
    pub(crate) note: Option<String>,
    pub(crate) period: String,
    pub(crate) revisions: Vec<JsonRevision>,
    pub(crate) since: Option<String>,
    pub(crate) value: serde_json::Number,
}

#[derive(Serialize)]
pub(crate) struct JsonRevision {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) approx: Option<&'static str>,
    pub(crate) bulletin_url: String,
    pub(crate) change: Option<f64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) estimate: bool,
    pub(crate) value: serde_json::Number,
}

#[derive(Serialize)]
pub(crate) struct JsonTarget<'a> {
    pub(crate) actual: Option<serde_json::Number>,
    pub(crate) actual_estimate: bool,
    pub(crate) bulletin_url: String,
    pub(crate) note: Option<&'a str>,
    pub(crate) op: &'a str,
    pub(crate) status: &'a str,
    pub(crate) value: serde_json::Number,
    pub(crate) year: i32,
}

// Pagination.

/// The numbered links between the pages of a paginated list (year, tag
/// and subject pages), in templates as `pager`.
#[derive(Serialize)]
pub(crate) struct Pager {
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
pub(crate) struct PagerLink {
    /// Page number; none for a gap ("…").
    pub number: Option<usize>,
    /// Link to the page (empty for a gap).
    pub url: String,
    /// Whether this is the page being shown.
    pub current: bool,
}
