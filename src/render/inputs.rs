//! What a page was made from: the input keys a renderer read while it
//! built the page's view (`PageContext` notes them, see `render::pages`),
//! each with a fingerprint of what the key held. The preview compares a
//! page's record with the current fingerprints to decide whether the page
//! must be rendered again; the records are plain, serialisable and sorted
//! so that they can also serve as the key of a render cache on disk.
//!
//! A key names one question asked of the model ("the listing fields of
//! bulletins/a.md", "the bulletins of 2021, in order"); its fingerprint is
//! a hash of the answer. The answer is computed by `prints::Prints::of`
//! from the site alone, so a record made during one build can be checked against
//! any later version of the site. Bulletins are named by source path and
//! lists by the source paths they hold, never by positions in
//! `Site::bulletins`, which shift when a bulletin is added.
//!
//! Hashes are BLAKE3 (truncated to 128 bits) over the model's `Debug`
//! text: stable across processes and builds of the same gazette version,
//! which a cache key holds as well.

use std::fmt::Debug;
use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::model::period::Period;
use crate::model::qualifiers::Cumulative;
use crate::render::prints::Prints;

/// A part of a bulletin, as pages show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Part {
    /// What cards and links show: title, date, address, kind, summary,
    /// tags, issuer, language, draft, update and scheduled flags.
    Listing,
    /// What only its own page shows: the body, attachments, `extra`.
    Body,
    /// Reported figures and targets.
    Figures,
    /// Disclosure metadata (SPEC §2.6).
    Disclosure,
}

impl Part {
    /// Every part.
    pub const ALL: [Part; 4] = [Part::Listing, Part::Body, Part::Figures, Part::Disclosure];
}

/// One thing a page read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InputKey {
    /// site.yaml's settings, `--drafts`, today's date and the indicator
    /// catalogue: every page reads them.
    Settings,
    /// The compiled theme (templates and strings): every page.
    Theme,
    /// The years with bulletins (every page's footer).
    Years,
    /// Years with a page (bulletins, figures or targets).
    PageYears,
    /// One part of the bulletin at a source path.
    Bulletin(Part, String),
    /// The published bulletins, in order.
    Archive,
    /// The bulletins of a year, in order.
    Year(i32),
    /// Every tag: slug, name and count.
    Tags,
    /// The bulletins of a tag (by slug), in order, and its name.
    Tag(String),
    /// Every subject in use and its count.
    Subjects,
    /// The bulletins of a subject, in order.
    Subject(String),
    /// The scheduled bulletins whose date has not come, as the release
    /// calendar shows them.
    Upcoming,
    /// The bulletins a bulletin replaces, explains, or is replaced or
    /// explained by.
    Links(String),
    /// The older and newer bulletin of a bulletin's year.
    Neighbours(String),
    /// Every point and derived value of an indicator's series.
    Series(String),
    /// One point of a series (period and running-total marker as text).
    Point {
        /// Indicator id.
        id: String,
        /// `point_text` of the point.
        period: String,
    },
    /// The points of an indicator's series in one year.
    SeriesYear {
        /// Indicator id.
        id: String,
        /// Year of the periods.
        year: i32,
    },
    /// The targets of an indicator, with the bulletins setting them.
    TargetsOf(String),
    /// The targets for a year, with the bulletins setting them.
    TargetsIn(i32),
}

/// A 128-bit hash of what a key held.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Fingerprint(pub [u8; 16]);

impl Fingerprint {
    /// The fingerprint of `Debug` text of a value.
    pub fn of_debug(value: &impl Debug) -> Fingerprint {
        let mut h = blake3::Hasher::new();
        let _ = write!(h, "{value:?}");
        Fingerprint::finish(&h)
    }

    /// The fingerprint of bytes.
    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint::finish(blake3::Hasher::new().update(bytes))
    }

    /// The fingerprint of what was fed to `h`.
    pub fn finish(h: &blake3::Hasher) -> Fingerprint {
        let mut out = [0; 16];
        out.copy_from_slice(&h.finalize().as_bytes()[..16]);
        Fingerprint(out)
    }
}

/// What one page read, sorted by key, each key once, with the
/// fingerprint of what each key held when the page was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageInputs(pub Vec<(InputKey, Fingerprint)>);

impl PageInputs {
    /// Fingerprint the keys a page read against the site it was made from.
    pub fn record(keys: Vec<InputKey>, prints: &Prints) -> PageInputs {
        PageInputs(
            distinct(keys)
                .into_iter()
                .map(|k| {
                    let fp = prints.of(&k);
                    (k, fp)
                })
                .collect(),
        )
    }

    /// Does any input now hold something else?
    pub fn changed(&self, prints: &Prints) -> bool {
        self.0.iter().any(|(k, fp)| prints.of(k) != *fp)
    }
}

/// Keys sorted, each once.
pub fn distinct(mut keys: Vec<InputKey>) -> Vec<InputKey> {
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// How a `Point` key names a point of a series: its period and its
/// running-total marker.
pub fn point_text(period: &Period, cumulative: Option<Cumulative>) -> String {
    format!("{period}{cumulative:?}")
}
