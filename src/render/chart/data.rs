//! What a chart shows, taken from the model: the values of a series
//! grouped into lines by the kind of period (full years, a run of months
//! such as January-November, single months, quarters, and running totals
//! as a kind of their own), derived values among them, and the targets set
//! for the indicator.

use crate::model::catalogue::{IndicatorDef, Measure};
use crate::model::period::{Period, PeriodKind};
use crate::model::qualifiers::{Cumulative, Since};
use crate::model::series::{Derived, Series};
use crate::model::targets::TargetStatus;
use crate::render::format::format_fixed;
use crate::render::qualify::FigureWords;

/// Which periods a line joins. Values of different families are never
/// joined: a January-November figure is not a point on the full-year line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Family {
    /// Full years.
    Year,
    /// The same run of months each year (`from`, `to`).
    Range(u8, u8),
    /// Single months, joined month to month.
    Month,
    /// Quarters, joined quarter to quarter.
    Quarter,
    /// Running totals (from the given start), never joined to the
    /// figures of their periods (SPEC §2.5).
    Cumulative(Option<Since>),
}

impl Family {
    /// The family of a period's figure, or of a running total.
    pub(crate) fn of(p: &Period, cumulative: Option<Cumulative>) -> Family {
        if let Some(c) = cumulative {
            return Family::Cumulative(c.since);
        }
        match p.kind {
            PeriodKind::Year => Family::Year,
            PeriodKind::Months(a, b) if a == b => Family::Month,
            PeriodKind::Months(a, b) => Family::Range(a, b),
            PeriodKind::Quarter(_) => Family::Quarter,
        }
    }

    /// Position of a period within its family; neighbours differ by one,
    /// so a larger difference is a gap.
    pub(crate) fn ordinal(p: &Period) -> i64 {
        let y = i64::from(p.year);
        match p.kind {
            PeriodKind::Year => y,
            PeriodKind::Months(a, b) if a == b => y * 12 + i64::from(a),
            PeriodKind::Months(..) => y,
            PeriodKind::Quarter(q) => y * 4 + i64::from(q),
        }
    }
}

/// One value on a chart.
#[derive(Debug, Clone)]
pub(crate) struct Plotted {
    /// Its period.
    pub period: Period,
    /// The value (finite).
    pub value: f64,
    /// The value as the page shows it, with its approximation (`约31`).
    pub text: String,
    /// The label on the chart: marks and value (`预计83.5`, `累计超800`).
    pub label: String,
    /// The value in a sentence about its line, which names a running
    /// total already: `预计83.5`, `超800`.
    pub spoken: String,
    /// True when it is derived from a stated change, not reported.
    pub derived: bool,
    /// True when it is an estimate (drawn hollow, labelled).
    pub estimate: bool,
    /// True when it is approximate.
    pub approx: bool,
}

/// The values of one family, oldest first.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Which periods.
    pub family: Family,
    /// Values, by period.
    pub points: Vec<Plotted>,
}

/// A target drawn on a chart.
#[derive(Debug, Clone)]
pub(crate) struct TargetMark {
    /// Year it is for.
    pub year: i32,
    /// Target figure.
    pub value: f64,
    /// `≥ 600`.
    pub text: String,
    /// Where it stands.
    pub status: TargetStatus,
    /// The status word in the page language.
    pub status_text: String,
}

/// Everything one chart shows.
#[derive(Debug, Clone)]
pub(crate) struct ChartData<'a> {
    /// Indicator id (for element ids).
    pub id: &'a str,
    /// Indicator name.
    pub name: &'a str,
    /// Unit, as given.
    pub unit: &'a str,
    /// Flow or stock (names the full-year line: 全年 or 年末).
    pub measure: Measure,
    /// Whole things only: integer ticks.
    pub whole: bool,
    /// Lines: full years first.
    pub lines: Vec<Line>,
    /// Targets, by year.
    pub targets: Vec<TargetMark>,
}

impl ChartData<'_> {
    /// The line a one-line summary (sparkline) shows: full years when
    /// there are at least two, else the line with most values (the first
    /// of a tie, so full years win).
    pub(crate) fn main_line(&self) -> Option<&Line> {
        let full = self
            .lines
            .iter()
            .find(|l| l.family == Family::Year && l.points.len() >= 2);
        full.or_else(|| self.lines.iter().rev().max_by_key(|l| l.points.len()))
    }

    /// First and last year with anything to draw.
    pub(crate) fn years(&self) -> Option<(i32, i32)> {
        let years = self
            .lines
            .iter()
            .flat_map(|l| l.points.iter().map(|p| p.period.year))
            .chain(self.targets.iter().map(|t| t.year));
        years.fold(None, |acc, y| match acc {
            None => Some((y, y)),
            Some((a, b)) => Some((a.min(y), b.max(y))),
        })
    }
}

/// Group a series' points and derived values into lines.
pub(crate) fn lines_of(
    series: &Series,
    def: &IndicatorDef,
    words: &FigureWords,
    lang: &str,
) -> Vec<Line> {
    let reported = series.points.iter().map(|p| {
        let q = &p.current.qualifiers;
        let text = words.number(p.current.value, Some(def), q.approx);
        // A running total says so at the point too (its start is in the
        // legend), so it is never read against a yearly target beside it.
        let marks = words.marks(q, None);
        let point_marks = words.marks(q, p.cumulative.map(|_| Cumulative { since: None }));
        let plotted = Plotted {
            period: p.period,
            value: p.current.value,
            label: words.phrase(&point_marks, &text),
            spoken: words.phrase(&marks, &text),
            text,
            derived: false,
            estimate: q.estimate,
            approx: q.approx.is_some(),
        };
        (Family::of(&p.period, p.cumulative), plotted)
    });
    let derived = series.derived.iter().map(|d: &Derived| {
        let text = format_fixed(d.value, d.decimals, lang);
        let plotted = Plotted {
            period: d.period,
            value: d.value,
            label: text.clone(),
            spoken: text.clone(),
            text,
            derived: true,
            estimate: false,
            approx: false,
        };
        (Family::of(&d.period, None), plotted)
    });
    let mut all: Vec<(Family, Plotted)> = reported.chain(derived).collect();
    all.sort_by_key(|(f, p)| (*f, Family::ordinal(&p.period), p.period));
    let mut lines: Vec<Line> = Vec::new();
    for (family, p) in all {
        match lines.last_mut() {
            Some(line) if line.family == family => line.points.push(p),
            _ => lines.push(Line {
                family,
                points: vec![p],
            }),
        }
    }
    lines
}
