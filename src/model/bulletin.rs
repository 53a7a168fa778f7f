//! A bulletin: one Markdown file (or bundle) with its checked front matter.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::diagnostics::Pos;
use crate::model::disclosure::Disclosure;
use crate::model::period::Period;
use crate::model::qualifiers::{Cumulative, Qualifiers};

/// One reported figure of an indicator.
#[derive(Debug, Clone)]
pub(crate) struct Observation {
    /// Catalogue id.
    pub id: String,
    /// The reported value (finite).
    pub value: f64,
    /// Percent change on the same period a year earlier, as stated.
    pub change: Option<f64>,
    /// The period the value covers.
    pub period: Period,
    /// Free note ("截至11月").
    pub note: Option<String>,
    /// Approximate or estimated (SPEC §2.5).
    pub qualifiers: Qualifiers,
    /// A running total (its own series, SPEC §2.5), or a figure of its period.
    pub cumulative: Option<Cumulative>,
    /// Knowingly replaces an earlier bulletin's figure (no warning).
    pub revises: bool,
    /// Where the list item starts.
    pub pos: Pos,
    /// Where the `change` field is, for consistency warnings.
    pub change_pos: Option<Pos>,
}

/// Comparison of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetOp {
    /// `=`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `<`
    Lt,
}

impl TargetOp {
    /// Parse one of `= >= <= > <`.
    pub(crate) fn parse(s: &str) -> Option<TargetOp> {
        Some(match s.trim() {
            "=" | "==" => TargetOp::Eq,
            ">=" => TargetOp::Ge,
            "<=" => TargetOp::Le,
            ">" => TargetOp::Gt,
            "<" => TargetOp::Lt,
            _ => return None,
        })
    }

    /// The operator as written in front matter.
    pub(crate) fn symbol(&self) -> &'static str {
        match self {
            TargetOp::Eq => "=",
            TargetOp::Ge => ">=",
            TargetOp::Le => "<=",
            TargetOp::Gt => ">",
            TargetOp::Lt => "<",
        }
    }

    /// The operator as a reader sees it.
    pub(crate) fn display(&self) -> &'static str {
        match self {
            TargetOp::Eq => "=",
            TargetOp::Ge => "≥",
            TargetOp::Le => "≤",
            TargetOp::Gt => ">",
            TargetOp::Lt => "<",
        }
    }

    /// Does `actual` satisfy `actual OP target`?
    pub(crate) fn holds(&self, actual: f64, target: f64) -> bool {
        match self {
            TargetOp::Eq => (actual - target).abs() <= f64::EPSILON * target.abs().max(1.0),
            TargetOp::Ge => actual >= target,
            TargetOp::Le => actual <= target,
            TargetOp::Gt => actual > target,
            TargetOp::Lt => actual < target,
        }
    }
}

/// A plan figure a bulletin commits the town to.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// Catalogue id.
    pub id: String,
    /// The year it is for.
    pub year: i32,
    /// The comparison.
    pub op: TargetOp,
    /// The figure.
    pub value: f64,
    /// Free note, usually the plan's own words.
    pub note: Option<String>,
}

/// A file next to a bundle's `index.md`, copied beside its page.
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    /// File name (one path component, checked).
    pub name: String,
    /// Path relative to the site root.
    pub source: PathBuf,
    /// Size in bytes.
    pub size: u64,
}

/// A checked bulletin.
#[derive(Debug, Clone)]
pub(crate) struct Bulletin {
    /// Path relative to the site root, `/`-separated.
    pub source: String,
    /// Title.
    pub title: String,
    /// Publication date.
    pub date: NaiveDate,
    /// Reporting year.
    pub year: i32,
    /// Kind key from site.yaml.
    pub kind: String,
    /// URL segment within the year.
    pub slug: String,
    /// Where the `slug` field is (1:1 when the slug comes from the file name).
    pub slug_pos: Pos,
    /// Plain-text summary (given or taken from the first paragraph).
    pub summary: String,
    /// Tags as written.
    pub tags: Vec<String>,
    /// Issuing body.
    pub issuer: String,
    /// Language code.
    pub lang: String,
    /// Draft flag.
    pub draft: bool,
    /// Last update.
    pub updated: Option<NaiveDate>,
    /// Reported figures.
    pub indicators: Vec<Observation>,
    /// Plan targets.
    pub targets: Vec<Target>,
    /// Free-form data for templates.
    pub extra: serde_json::Value,
    /// Markdown body.
    pub body: String,
    /// Attachments of a bundle, sorted by name.
    pub attachments: Vec<Attachment>,
    /// Disclosure metadata (SPEC §2.6).
    pub disclosure: Disclosure,
    /// Announced ahead on the release calendar; published when its date
    /// has come.
    pub scheduled: bool,
}
