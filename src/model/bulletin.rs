//! A bulletin: one Markdown file (or bundle) with its checked front matter.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::Pos;
use crate::model::disclosure::Disclosure;
use crate::model::period::Period;
use crate::model::qualifiers::{Cumulative, Qualifiers};

/// One reported figure of an indicator.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Attachment {
    /// File name (one path component, checked).
    pub name: String,
    /// Path relative to the site root.
    pub source: PathBuf,
    /// Size in bytes.
    pub size: u64,
}

/// A bulletin's Markdown body, by where it is rather than by its text.
/// The bodies are most of a corpus's bytes and a build needs each one
/// once, when its page is rendered: held for the whole build they were a
/// third of its memory. The page reads the body again from its file, and
/// the hash says the file still holds the body that was loaded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Body {
    /// Byte offset in the file's text (decoded as `text::decode` does).
    pub start: usize,
    /// Length in bytes.
    pub len: usize,
    /// XXH3-128 of the body's bytes.
    pub hash: u128,
}

impl Body {
    /// The body `body`, found at byte `start` of the file's text.
    pub(crate) fn new(start: usize, body: &str) -> Body {
        Body {
            start,
            len: body.len(),
            hash: xxhash_rust::xxh3::xxh3_128(body.as_bytes()),
        }
    }

    /// The body within `text`, when `text` still holds it.
    pub(crate) fn within<'a>(&self, text: &'a str) -> Option<&'a str> {
        let body = text.get(self.start..self.start.checked_add(self.len)?)?;
        (xxhash_rust::xxh3::xxh3_128(body.as_bytes()) == self.hash).then_some(body)
    }

    /// Read the body again from the bulletin's file `source` (relative to
    /// `root`). An error names the file: it changed or went away since it
    /// was loaded.
    pub(crate) fn read(&self, root: &Path, source: &str) -> Result<String, String> {
        let changed =
            || format!("{source}: the file changed while the site was being built; build again");
        let bytes = std::fs::read(root.join(source))
            .map_err(|e| format!("{source}: cannot read the file again to render it: {e}"))?;
        let (text, _) = crate::text::decode(source, &bytes).map_err(|_| changed())?;
        self.within(&text).map(str::to_string).ok_or_else(changed)
    }
}

/// A checked bulletin.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
    #[serde(with = "json_text")]
    pub extra: serde_json::Value,
    /// Where the Markdown body is in the file (its text is read when the
    /// page is rendered).
    pub body: Body,
    /// Attachments of a bundle, sorted by name (found by the walk, not
    /// parsed: not kept in the parse cache).
    #[serde(skip)]
    pub attachments: Vec<Attachment>,
    /// Disclosure metadata (SPEC §2.6).
    pub disclosure: Disclosure,
    /// Announced ahead on the release calendar; published when its date
    /// has come.
    pub scheduled: bool,
}

/// `extra` as JSON text in the parse cache: bincode cannot read a
/// self-describing `serde_json::Value` back.
mod json_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &serde_json::Value, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<serde_json::Value, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_read_again_only_while_the_file_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let text = "---\ntitle: a\n---\n正文 body\r\n";
        std::fs::write(dir.path().join("a.md"), text).unwrap();
        // Loaded as `load` does: line ends made `\n`, then split.
        let body = Body::new(17, "正文 body\n");
        assert_eq!(body.read(dir.path(), "a.md").unwrap(), "正文 body\n");
        // A longer front matter moves the body: still found only where it was.
        std::fs::write(dir.path().join("a.md"), "---\ntitle: ab\n---\n正文 body\n").unwrap();
        let err = body.read(dir.path(), "a.md").unwrap_err();
        assert!(
            err.starts_with("a.md: the file changed while the site was being built"),
            "{err}"
        );
        std::fs::remove_file(dir.path().join("a.md")).unwrap();
        let err = body.read(dir.path(), "a.md").unwrap_err();
        assert!(err.starts_with("a.md: cannot read the file again"), "{err}");
    }
}
