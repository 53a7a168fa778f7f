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
//! Hashes are XXH3-128 over the model's values (`Feed`): stable across
//! processes and builds of the same gazette version (which a cache key
//! holds as well), unlike std's randomly keyed hasher.

use std::fmt::Debug;
use std::hash::{Hash, Hasher};
use std::io::Write;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

use crate::model::period::{Period, PeriodKind};
use crate::model::qualifiers::{Cumulative, Since};

/// A part of a bulletin, as pages show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Part {
    /// Its address, `/<year>/<slug>/` (what a bare link needs).
    Address,
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
    pub(crate) const ALL: [Part; 5] = [
        Part::Address,
        Part::Listing,
        Part::Body,
        Part::Figures,
        Part::Disclosure,
    ];
}

/// One thing a page read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum InputKey {
    /// site.yaml's settings, `--drafts` and the indicator catalogue:
    /// every page reads them.
    Settings,
    /// Today's date (`--now`): the release calendar and disclosure
    /// validity read it. Apart from `Settings` so that a render cache
    /// kept between days is not void on each new day.
    Today,
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
        /// Its period and running-total marker.
        period: PointPeriod,
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

impl InputKey {
    /// The family whose digest (`prints::Prints::family`) covers
    /// everything this key's answer is computed from, if it has one: when
    /// the digest has not changed, neither has the key's fingerprint.
    /// Families let the preview skip, after an edit, the tens of thousands
    /// of per-bulletin and per-point keys a large site records.
    pub(crate) fn family(&self) -> Option<Family> {
        match self {
            InputKey::Archive | InputKey::Years | InputKey::Year(_) | InputKey::Neighbours(_) => {
                Some(Family::Order)
            }
            InputKey::Links(_) => Some(Family::Links),
            InputKey::Series(_) | InputKey::Point { .. } | InputKey::SeriesYear { .. } => {
                Some(Family::Series)
            }
            InputKey::TargetsOf(_) | InputKey::TargetsIn(_) => Some(Family::Targets),
            _ => None,
        }
    }
}

/// Keys whose answers all come from one part of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// The published bulletins in order, by source path and year.
    Order,
    /// The links between bulletins (`replaces`, `interprets`).
    Links,
    /// Every indicator's series: points, reports, derived values.
    Series,
    /// Every target, with the bulletin setting it.
    Targets,
}

impl Family {
    /// Every family.
    pub(crate) const ALL: [Family; 4] = [
        Family::Order,
        Family::Links,
        Family::Series,
        Family::Targets,
    ];
}

/// A 128-bit hash of what a key held.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub(crate) struct Fingerprint(pub [u8; 16]);

impl Fingerprint {
    /// The fingerprint of bytes.
    pub(crate) fn of_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint(xxh3_128(bytes).to_le_bytes())
    }
}

/// Bytes to fingerprint, gathered and then hashed at once (XXH3-128):
/// values go in through their `Hash` impls (field by field, integers as
/// bytes, strings with a terminator), or as `Debug` text, or raw.
pub(crate) struct Feed(Vec<u8>);

impl Default for Feed {
    fn default() -> Feed {
        // Most keys hold a few dozen bytes: one allocation, no regrowth.
        Feed(Vec::with_capacity(256))
    }
}

impl Feed {
    /// Add a value through its `Hash` impl.
    pub(crate) fn add(&mut self, value: &impl Hash) -> &mut Feed {
        value.hash(self);
        self
    }

    /// Add a value's `Debug` text.
    pub(crate) fn debug(&mut self, value: &impl Debug) -> &mut Feed {
        let _ = write!(self.0, "{value:?}");
        self
    }

    /// Add raw bytes.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut Feed {
        self.0.extend_from_slice(bytes);
        self
    }

    /// Add a float by its bits.
    pub(crate) fn float(&mut self, v: f64) -> &mut Feed {
        self.bytes(&v.to_bits().to_le_bytes())
    }

    /// The fingerprint of everything added.
    pub(crate) fn print(&self) -> Fingerprint {
        Fingerprint::of_bytes(&self.0)
    }
}

impl Hasher for Feed {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        xxh3_64(&self.0)
    }
}

/// What one page read, sorted by key, each key once, with the
/// fingerprint of what each key held when the page was made (the preview
/// gives it with `Engine::inputs`; a render cache can key pages by it).
#[cfg(test)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PageInputs(pub Vec<(InputKey, Fingerprint)>);

/// Keys sorted, each once.
pub(crate) fn distinct(mut keys: Vec<InputKey>) -> Vec<InputKey> {
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// How a `Point` key names a point of a series: its period (year, shape
/// and months or quarter) and its running-total marker (with the year and
/// month it counts from), as plain numbers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct PointPeriod {
    year: i32,
    /// 0: the year, 1: months `a..=b`, 2: quarter `a`.
    shape: u8,
    a: u8,
    b: u8,
    /// `None`: a figure of the period; `Some(since)`: a running total.
    cumulative: Option<Option<(i32, Option<u8>)>>,
}

impl PointPeriod {
    /// The name of a point.
    pub(crate) fn new(period: &Period, cumulative: Option<Cumulative>) -> PointPeriod {
        let (shape, a, b) = match period.kind {
            PeriodKind::Year => (0, 0, 0),
            PeriodKind::Months(a, b) => (1, a, b),
            PeriodKind::Quarter(q) => (2, q, 0),
        };
        PointPeriod {
            year: period.year,
            shape,
            a,
            b,
            cumulative: cumulative.map(|c| c.since.map(|s| (s.year, s.month))),
        }
    }

    /// The period and marker it names.
    pub(crate) fn to_model(&self) -> (Period, Option<Cumulative>) {
        let kind = match self.shape {
            0 => PeriodKind::Year,
            1 => PeriodKind::Months(self.a, self.b),
            _ => PeriodKind::Quarter(self.a),
        };
        let cumulative = self.cumulative.map(|since| Cumulative {
            since: since.map(|(year, month)| Since { year, month }),
        });
        (
            Period {
                year: self.year,
                kind,
            },
            cumulative,
        )
    }
}
