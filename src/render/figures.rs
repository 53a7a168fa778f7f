//! Figures as templates see them: table rows of reported, revised and
//! derived values, and targets with their status. Built on `PageContext`
//! so every page (bulletin, year, indicator) shows a figure the same way.

use crate::model::bulletin::{Bulletin, Target};
use crate::model::catalogue::{Better, IndicatorDef, Measure};
use crate::model::period::Period;
use crate::model::qualifiers::Cumulative;
use crate::model::series::{Derived, Point, Report};
use crate::model::targets::evaluate;
use crate::render::format::{format_change, format_fixed, with_unit};
use crate::render::inputs::Part;
use crate::render::pages::PageContext;
use crate::render::qualify::FigureWords;
use crate::render::views::{
    change_class, change_text, DerivedFromView, ObservationRow, RevisionView, TargetRow,
};

/// A value as a JSON number for templates: an integer when the catalogue
/// counts whole things (`decimals: 0`), so no "6.0" reaches a page.
pub(crate) fn value_number(v: f64, def: Option<&IndicatorDef>) -> serde_json::Number {
    let whole = def.and_then(|d| d.decimals) == Some(0) && v.fract() == 0.0 && v.abs() < 9e15;
    if whole {
        serde_json::Number::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).unwrap_or(0.into())
    }
}

impl<'a> PageContext<'a> {
    /// The table row of a reported figure (a running total when
    /// `cumulative`); `revisions` are the values it replaced, oldest first.
    pub(crate) fn observation_row(
        &self,
        id: &'a str,
        (period, cumulative): (&Period, Option<Cumulative>),
        report: &Report,
        revisions: &[Report],
        lang: &str,
    ) -> ObservationRow<'a> {
        let def = self.catalogue().get(id);
        let words = FigureWords::new(&self.theme.i18n, lang);
        let b = self.bulletin(report.bulletin, Part::Listing);
        let revisions: Vec<RevisionView<'a>> = revisions
            .iter()
            .map(|r| {
                let rb = self.bulletin(r.bulletin, Part::Listing);
                RevisionView {
                    value_text: words.number(r.value, def, r.qualifiers.approx),
                    change_text: change_text(r.change, lang),
                    bulletin_title: &rb.title,
                    bulletin_url: self.urls.bulletin(rb),
                }
            })
            .collect();
        let unit = def.map_or("", |d| d.unit.as_str());
        let measure = def.map_or(Measure::Flow, |d| d.measure);
        let value_text = words.number(report.value, def, report.qualifiers.approx);
        let marks = words.marks(&report.qualifiers, cumulative);
        ObservationRow {
            id,
            name: def.map_or(id, |d| d.name_in(lang)),
            indicator_url: self.urls.indicator(id),
            period: period.to_string(),
            period_text: words.period(period, measure, cumulative),
            value: value_number(report.value, def),
            figure_text: with_unit(&words.phrase(&marks, &value_text), unit, lang),
            value_text,
            marks,
            approx: report.qualifiers.approx.map(|a| a.as_str()),
            estimate: report.qualifiers.estimate,
            cumulative: cumulative.is_some(),
            since: cumulative.and_then(|c| c.since).map(|s| s.to_string()),
            stock: measure == Measure::Stock,
            unit,
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
    pub(crate) fn point_row(&self, id: &'a str, p: &Point, lang: &str) -> ObservationRow<'a> {
        self.observation_row(
            id,
            (&p.period, p.cumulative),
            &p.current,
            &p.revisions,
            lang,
        )
    }

    /// The row of a derived earlier value, marked as derived, with the
    /// figure and change it comes from; its source is that figure's bulletin.
    pub(crate) fn derived_row(&self, id: &'a str, d: &Derived, lang: &str) -> ObservationRow<'a> {
        let mut row = self.observation_row(id, (&d.period, None), &d.from, &[], lang);
        let words = FigureWords::new(&self.theme.i18n, lang);
        let def = self.catalogue().get(id);
        row.value = serde_json::Number::from_f64(d.value).unwrap_or(0.into());
        row.value_text = format_fixed(d.value, d.decimals, lang);
        row.figure_text = with_unit(&row.value_text, row.unit, lang);
        row.marks = Vec::new();
        row.estimate = false;
        row.change = None;
        row.change_text = None;
        row.change_class = "neutral";
        row.note = None;
        row.derived = true;
        row.derived_from = Some(DerivedFromView {
            period: d.from_period.to_string(),
            value_text: words.number(d.from.value, def, d.from.qualifiers.approx),
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
    /// Rows are in catalogue order.
    pub(crate) fn bulletin_rows(&self, index: usize, b: &'a Bulletin) -> Vec<ObservationRow<'a>> {
        let mut observations: Vec<_> = b.indicators.iter().collect();
        observations.sort_by_key(|o| self.catalogue().rank(&o.id));
        observations
            .into_iter()
            .map(|o| {
                let point = self.point(&o.id, &o.period, o.cumulative);
                let own = Report::of(index, o);
                let revisions = point
                    .filter(|p| p.current.bulletin == index)
                    .map_or(&[][..], |p| &p.revisions[..]);
                let key = (&o.period, o.cumulative);
                let mut row = self.observation_row(&o.id, key, &own, revisions, &b.lang);
                row.superseded_by = point
                    .filter(|p| p.current.bulletin != index && p.current.value != o.value)
                    .map(|p| {
                        let by = self.bulletin(p.current.bulletin, Part::Address);
                        self.urls.bulletin(by)
                    });
                row
            })
            .collect()
    }

    /// The view of a target with its status.
    pub(crate) fn target_row(
        &self,
        t: &'a Target,
        set_by: &'a Bulletin,
        lang: &str,
    ) -> TargetRow<'a> {
        let def = self.catalogue().get(&t.id);
        let words = FigureWords::new(&self.theme.i18n, lang);
        let (status, actual) = evaluate(t, self.series_for_target(t));
        let unit = def.map_or("", |d| d.unit.as_str());
        let value_text = words.number(t.value, def, None);
        let estimated = actual.is_some_and(|r| r.qualifiers.estimate);
        let status_word = self.theme.i18n.get(lang, status.key());
        let status_text = if estimated {
            self.theme
                .i18n
                .get(lang, "status.estimated")
                .replace("{status}", status_word)
        } else {
            status_word.to_string()
        };
        let op_text = t.op.display();
        let sep = if lang == "zh" { "" } else { " " };
        TargetRow {
            id: &t.id,
            name: def.map_or(&t.id, |d| d.name_in(lang)),
            indicator_url: self.urls.indicator(&t.id),
            year: t.year,
            op: t.op.symbol(),
            op_text,
            value: t.value,
            target_text: with_unit(&format!("{op_text}{sep}{value_text}"), unit, lang),
            value_text,
            unit,
            note: t.note.as_deref(),
            status,
            status_text,
            estimated,
            actual_text: actual.map(|r| {
                let marks = words.marks(&r.qualifiers, None);
                let n = words.number(r.value, def, r.qualifiers.approx);
                with_unit(&words.phrase(&marks, &n), unit, lang)
            }),
            bulletin_title: &set_by.title,
            bulletin_url: self.urls.bulletin(set_by),
        }
    }
}
