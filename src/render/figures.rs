//! Figures as templates see them: table rows of reported, revised and
//! derived values, and targets with their status. Built on `PageContext`
//! so every page (bulletin, year, indicator) shows a figure the same way.

use serde::Serialize;

use crate::model::bulletin::{Bulletin, Target};
use crate::model::catalogue::Better;
use crate::model::derived::Derived;
use crate::model::period::Period;
use crate::model::series::{Point, Report};
use crate::model::targets::{evaluate, TargetStatus};
use crate::render::chart::describe::ChartText;
use crate::render::format::{format_change, format_fixed};
use crate::render::pages::PageContext;
use crate::render::views::{
    change_class, change_text, value_text, DerivedFromView, ObservationRow, RevisionView,
};

impl<'a> PageContext<'a> {
    /// The table row of a reported figure; `revisions` are the values it
    /// replaced, oldest first.
    pub fn observation_row(
        &self,
        id: &'a str,
        period: &Period,
        report: &Report,
        revisions: &[Report],
        lang: &str,
    ) -> ObservationRow<'a> {
        let def = self.site.catalogue.get(id);
        let b = &self.site.bulletins[report.bulletin];
        let revisions: Vec<RevisionView<'a>> = revisions
            .iter()
            .map(|r| {
                let rb = &self.site.bulletins[r.bulletin];
                RevisionView {
                    value_text: value_text(r.value, lang),
                    change_text: change_text(r.change, lang),
                    bulletin_title: &rb.title,
                    bulletin_url: self.urls.bulletin(rb),
                }
            })
            .collect();
        ObservationRow {
            id,
            name: def.map_or(id, |d| d.name_in(lang)),
            indicator_url: self.urls.indicator(id),
            period: period.to_string(),
            period_text: ChartText::new(&self.theme.i18n, lang).period_full(period),
            value: report.value,
            value_text: value_text(report.value, lang),
            unit: def.map_or("", |d| d.unit.as_str()),
            change: report.change,
            change_text: change_text(report.change, lang),
            change_class: change_class(report.change, def.map_or(Better::Neutral, |d| d.better)),
            note: report.note.clone(),
            bulletin_title: &b.title,
            bulletin_url: self.urls.bulletin(b),
            revised_from: revisions.last().map(|r| r.value_text.clone()),
            revisions,
            superseded_by: None,
            derived: false,
            derived_from: None,
        }
    }

    /// The row of a point of a series: the winning value and its revisions.
    pub fn point_row(&self, id: &'a str, p: &Point, lang: &str) -> ObservationRow<'a> {
        self.observation_row(id, &p.period, &p.current, &p.revisions, lang)
    }

    /// The row of a derived earlier value, marked as derived, with the
    /// figure and change it comes from; its source is that figure's bulletin.
    pub fn derived_row(&self, id: &'a str, d: &Derived, lang: &str) -> ObservationRow<'a> {
        let mut row = self.observation_row(id, &d.period, &d.from, &[], lang);
        row.value = d.value;
        row.value_text = format_fixed(d.value, d.decimals, lang);
        row.change = None;
        row.change_text = None;
        row.change_class = "neutral";
        row.note = None;
        row.derived = true;
        row.derived_from = Some(DerivedFromView {
            period: d.from_period.to_string(),
            value_text: value_text(d.from.value, lang),
            change_text: d
                .from
                .change
                .map(|c| format_change(c, lang))
                .unwrap_or_default(),
        });
        row
    }

    /// The rows of what bulletin `index` reported. Each shows the
    /// bulletin's own figure; where it revised an earlier figure the old
    /// values are listed, where a later bulletin revised it the row links
    /// there.
    pub fn bulletin_rows(&self, index: usize, b: &'a Bulletin) -> Vec<ObservationRow<'a>> {
        let site = self.site;
        b.indicators
            .iter()
            .map(|o| {
                let point = site.series.get(&o.id).and_then(|s| s.get(&o.period));
                let own = Report {
                    bulletin: index,
                    value: o.value,
                    change: o.change,
                    note: o.note.clone(),
                    pos: o.pos,
                    change_pos: o.change_pos,
                };
                let revisions = point
                    .filter(|p| p.current.bulletin == index)
                    .map_or(&[][..], |p| &p.revisions[..]);
                let mut row = self.observation_row(&o.id, &o.period, &own, revisions, &b.lang);
                row.superseded_by = point
                    .filter(|p| p.current.bulletin != index && p.current.value != o.value)
                    .map(|p| self.urls.bulletin(&site.bulletins[p.current.bulletin]));
                row
            })
            .collect()
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
        self.site
            .bulletins
            .iter()
            .rev()
            .flat_map(|b| b.targets.iter().map(move |t| (t, b.as_ref())))
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
