//! Indicator series: every observation of an indicator across bulletins,
//! one point per period. When two bulletins report different values for
//! the same period, the later-dated bulletin wins and the earlier value is
//! kept as a revision (SPEC §2.2, §3.1).

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::bulletin::Bulletin;
use crate::model::catalogue::Catalogue;
use crate::model::period::Period;
use crate::model::qualifiers::{Cumulative, Qualifiers};

/// One bulletin's report of a value.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    /// Index into `Site::bulletins`.
    pub bulletin: usize,
    /// The value.
    pub value: f64,
    /// Stated change, percent.
    pub change: Option<f64>,
    /// Note.
    pub note: Option<String>,
    /// Approximate or estimated.
    pub qualifiers: Qualifiers,
    /// Declared as a revision of an earlier bulletin's figure.
    pub revises: bool,
    /// Where in the bulletin.
    pub pos: Pos,
    /// Where its `change` field is.
    pub change_pos: Option<Pos>,
}

/// One period of a series.
#[derive(Debug, Clone)]
pub(crate) struct Point {
    /// The period.
    pub period: Period,
    /// A running total rather than a figure of the period: its own series
    /// of points, never compared with the period's figures.
    pub cumulative: Option<Cumulative>,
    /// The report that counts (latest publication date).
    pub current: Report,
    /// Earlier reports with a different value, oldest first.
    pub revisions: Vec<Report>,
}

impl Point {
    /// The value this point replaced, if any (the most recent superseded).
    pub(crate) fn revised_from(&self) -> Option<&Report> {
        self.revisions.last()
    }
}

impl Report {
    /// The report of an observation of bulletin `bulletin`.
    pub(crate) fn of(bulletin: usize, o: &crate::model::bulletin::Observation) -> Report {
        Report {
            bulletin,
            value: o.value,
            change: o.change,
            note: o.note.clone(),
            qualifiers: o.qualifiers,
            revises: o.revises,
            pos: o.pos,
            change_pos: o.change_pos,
        }
    }

    /// True for 约 / 超 / 近 figures, which are neither checked for
    /// consistency nor used to derive earlier values.
    pub(crate) fn is_approx(&self) -> bool {
        self.qualifiers.approx.is_some()
    }
}

/// An earlier value implied by a stated change.
#[derive(Debug, Clone)]
pub(crate) struct Derived {
    /// The earlier period (`period.year_before()` of the source).
    pub period: Period,
    /// The implied value, unrounded (always finite).
    pub value: f64,
    /// Decimals to show it with: the catalogue's, or else those of the
    /// reported value, at least one.
    pub decimals: usize,
    /// The period of the observation it is derived from.
    pub from_period: Period,
    /// The report stating the value and the change.
    pub from: Report,
}

/// All points of one indicator, oldest period first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Series {
    /// Indicator id.
    pub id: String,
    /// Points, by period.
    pub points: Vec<Point>,
    /// Earlier values implied by stated changes, oldest first (never
    /// published as observations).
    pub derived: Vec<Derived>,
}

impl Series {
    /// The figure for a period (not a running total).
    pub(crate) fn get(&self, period: &Period) -> Option<&Point> {
        self.get_as(period, None)
    }

    /// The point for a period: its figure, or a running total.
    pub(crate) fn get_as(&self, period: &Period, cumulative: Option<Cumulative>) -> Option<&Point> {
        self.points
            .binary_search_by(|p| (p.period, p.cumulative).cmp(&(*period, cumulative)))
            .ok()
            .map(|i| &self.points[i])
    }

    /// The most recent point: of the newest period, its figure rather
    /// than a running total when there are both.
    pub(crate) fn latest(&self) -> Option<&Point> {
        let last = self.points.last()?;
        self.get(&last.period).or(Some(last))
    }

    /// The years the series covers.
    pub(crate) fn years(&self) -> Vec<i32> {
        let mut y: Vec<i32> = self.points.iter().map(|p| p.period.year).collect();
        y.dedup();
        y
    }
}

/// Build every catalogue entry's series from the bulletins (which are
/// sorted newest first), warning on revisions.
pub(crate) fn build_series(
    catalogue: &Catalogue,
    bulletins: &[Arc<Bulletin>],
    diags: &mut Diagnostics,
) -> BTreeMap<String, Series> {
    // Oldest bulletin first, so the last report of a period is the winner;
    // the sort in `series_of` is stable, so it keeps that order within a
    // period. (Buckets and sorts rather than nested maps, and one indicator
    // per task: `serve` re-assembles the model after every edit, so this
    // is on the path of every rebuild.)
    let mut by_id: FxHashMap<&str, Vec<(Key, Report)>> = FxHashMap::default();
    for (i, b) in bulletins.iter().enumerate().rev() {
        for o in &b.indicators {
            by_id
                .entry(o.id.as_str())
                .or_default()
                .push(((o.period, o.cumulative), Report::of(i, o)));
        }
    }
    let work: Vec<(&str, Vec<(Key, Report)>)> = catalogue
        .ids()
        .map(|id| (id, by_id.remove(id).unwrap_or_default()))
        .collect();
    let built: Vec<(Series, Diagnostics)> = work
        .into_par_iter()
        .map(|(id, reports)| series_of(id, reports, bulletins))
        .collect();
    // Catalogue order, as one thread would have produced them.
    let mut out = BTreeMap::new();
    for (series, found) in built {
        diags.extend(found);
        out.insert(series.id.clone(), series);
    }
    out
}

/// A point's period and running-total marker.
type Key = (Period, Option<Cumulative>);

/// The series of indicator `id` from its reports, oldest bulletin first.
fn series_of(
    id: &str,
    mut reports_of: Vec<(Key, Report)>,
    bulletins: &[Arc<Bulletin>],
) -> (Series, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut points = Vec::new();
    reports_of.sort_by_key(|(period, _)| *period);
    let mut grouped: Vec<(Key, Vec<Report>)> = Vec::new();
    for (key, report) in reports_of {
        match grouped.last_mut() {
            Some((k, reports)) if *k == key => reports.push(report),
            _ => grouped.push((key, vec![report])),
        }
    }
    for ((period, cumulative), mut reports) in grouped {
        let current = reports.pop().expect("a period has at least one report");
        let revisions: Vec<Report> = reports
            .into_iter()
            .filter(|r| r.value != current.value)
            .collect();
        // A declared revision is routine (SPEC §2.2); only an
        // undeclared one may be a mistake.
        if let Some(old) = revisions.last().filter(|_| !current.revises) {
            let (nb, ob) = (&bulletins[current.bulletin], &bulletins[old.bulletin]);
            diags.push(
                Diagnostic::warning(
                    &nb.source,
                    Some(current.pos),
                    format!(
                        "\"{id}\" for {period} is revised from {} (in {}) to {}; the later bulletin's value is published (add `revises: true` if that is intended)",
                        old.value, ob.source, current.value
                    ),
                )
                .in_group("revision"),
            );
        }
        points.push(Point {
            period,
            cumulative,
            current,
            revisions,
        });
    }
    points.sort_by_key(|p| (p.period, p.cumulative));
    let series = Series {
        id: id.to_string(),
        points,
        derived: Vec::new(),
    };
    (series, diags)
}
