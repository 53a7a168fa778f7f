//! Open data: every published figure as CSV (one file per indicator and one
//! for all) and JSON (catalogue, observations with their revision history,
//! targets with status). CSV is written by the `csv` crate (RFC 4180) with
//! a UTF-8 BOM so spreadsheet programs read Chinese text correctly.
//!
//! Derived earlier values are not observations: they never appear in the
//! CSV, and the JSON keeps them apart in each indicator's `derived` list,
//! with the figure and change they are implied by.

use serde::Serialize;

use crate::model::catalogue::IndicatorDef;
use crate::model::series::Series;
use crate::model::targets::evaluate;
use crate::render::figures::value_number;
use crate::render::inputs::Part;
use crate::render::pages::PageContext;
use crate::render::urls::Urls;
use crate::render::views::{
    JsonDerived, JsonDerivedFrom, JsonDoc, JsonIndicator, JsonObservation, JsonRevision, JsonTarget,
};
use crate::render::{OutputFile, RenderError};

/// The CSV header (SPEC §3.1, with the qualifiers of §2.5 appended).
pub(crate) const CSV_HEADER: [&str; 12] = [
    "id",
    "name",
    "period",
    "value",
    "unit",
    "change",
    "revised_from",
    "bulletin_url",
    "approx",
    "estimate",
    "cumulative",
    "since",
];

/// `true` or empty, for the CSV's flag columns.
fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        ""
    }
}

/// A plain number for data files: shortest exact form, no grouping.
pub(crate) fn plain_number(v: f64) -> String {
    format!("{v}")
}

/// `v` rounded to `decimals` places, through its decimal text so the JSON
/// number reads as the page shows it (`15.0` -> `15.0`, not `15.03131`).
fn round_to(v: f64, decimals: usize) -> f64 {
    format!("{v:.decimals$}").parse().unwrap_or(v)
}

/// `v` as the page shows it with `decimals`, as a JSON number: an integer
/// when there are no decimals.
fn shown_number(v: f64, decimals: usize) -> serde_json::Number {
    let rounded = round_to(v, decimals);
    if decimals == 0 && rounded.abs() < 9e15 {
        serde_json::Number::from(rounded as i64)
    } else {
        serde_json::Number::from_f64(rounded).unwrap_or(0.into())
    }
}

fn csv_rows(
    ctx: &PageContext,
    series: &Series,
    w: &mut csv::Writer<Vec<u8>>,
) -> Result<(), csv::Error> {
    let Some(def) = ctx.catalogue().get(&series.id) else {
        return Ok(());
    };
    for p in &series.points {
        let b = ctx.bulletin(p.current.bulletin, Part::Address);
        w.write_record([
            def.id.as_str(),
            def.name_in(ctx.lang),
            &p.period.to_string(),
            &plain_number(p.current.value),
            &def.unit,
            &p.current.change.map(plain_number).unwrap_or_default(),
            &p.revised_from()
                .map(|r| plain_number(r.value))
                .unwrap_or_default(),
            &ctx.urls.absolute(&Urls::bulletin_rel(b)),
            p.current.qualifiers.approx.map_or("", |a| a.as_str()),
            flag(p.current.qualifiers.estimate),
            flag(p.cumulative.is_some()),
            &p.cumulative
                .and_then(|c| c.since)
                .map(|s| s.to_string())
                .unwrap_or_default(),
        ])?;
    }
    Ok(())
}

fn csv_file<'s>(
    ctx: &PageContext,
    series: impl Iterator<Item = &'s Series>,
) -> Result<Vec<u8>, RenderError> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let err = |e: csv::Error| RenderError(format!("writing CSV: {e}"));
    w.write_record(CSV_HEADER).map_err(err)?;
    for s in series {
        csv_rows(ctx, s, &mut w).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| RenderError(format!("writing CSV: {e}")))
}

/// One indicator's entry of indicators.json, which is also the whole of
/// its own `/indicators/<id>.json`.
fn json_indicator<'a>(ctx: &PageContext<'a>, def: &'a IndicatorDef) -> JsonIndicator<'a> {
    let bulletin_url = |i: usize| {
        ctx.urls
            .absolute(&Urls::bulletin_rel(ctx.bulletin(i, Part::Address)))
    };
    let series = ctx.series(&def.id);
    let observations = series
        .map(|s| {
            s.points
                .iter()
                .map(|p| JsonObservation {
                    period: p.period.to_string(),
                    value: value_number(p.current.value, Some(def)),
                    change: p.current.change,
                    note: p.current.note.clone(),
                    approx: p.current.qualifiers.approx.map(|a| a.as_str()),
                    estimate: p.current.qualifiers.estimate,
                    cumulative: p.cumulative.is_some(),
                    since: p.cumulative.and_then(|c| c.since).map(|s| s.to_string()),
                    bulletin_url: bulletin_url(p.current.bulletin),
                    revisions: p
                        .revisions
                        .iter()
                        .map(|r| JsonRevision {
                            value: value_number(r.value, Some(def)),
                            change: r.change,
                            approx: r.qualifiers.approx.map(|a| a.as_str()),
                            estimate: r.qualifiers.estimate,
                            bulletin_url: bulletin_url(r.bulletin),
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let derived = series
        .map(|s| {
            s.derived
                .iter()
                .map(|d| JsonDerived {
                    period: d.period.to_string(),
                    value: shown_number(d.value, d.decimals),
                    derived_from: JsonDerivedFrom {
                        period: d.from_period.to_string(),
                        value: d.from.value,
                        change: d.from.change,
                        bulletin_url: bulletin_url(d.from.bulletin),
                    },
                })
                .collect()
        })
        .unwrap_or_default();
    let targets = ctx
        .targets_of(&def.id)
        .into_iter()
        .map(|(t, b)| {
            let (status, actual) = evaluate(t, series);
            JsonTarget {
                year: t.year,
                op: t.op.symbol(),
                value: value_number(t.value, Some(def)),
                note: t.note.as_deref(),
                status: status.as_str(),
                actual: actual.map(|r| value_number(r.value, Some(def))),
                actual_estimate: actual.is_some_and(|r| r.qualifiers.estimate),
                bulletin_url: ctx.urls.absolute(&Urls::bulletin_rel(b)),
            }
        })
        .collect();
    JsonIndicator {
        id: &def.id,
        name: &def.name,
        unit: &def.unit,
        category: &def.category,
        better: def.better.as_str(),
        measure: def.measure.as_str(),
        decimals: def.decimals,
        derive: def.derive,
        description: &def.description,
        url: ctx.urls.absolute(&format!("indicators/{}/", def.id)),
        observations,
        derived,
        targets,
    }
}

/// Pretty JSON with a final newline.
fn to_json_bytes(value: &impl Serialize) -> Result<Vec<u8>, RenderError> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|e| RenderError(format!("writing JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn json_file(ctx: &PageContext) -> Result<Vec<u8>, RenderError> {
    let indicators = ctx
        .catalogue()
        .in_order()
        .map(|def| json_indicator(ctx, def))
        .collect();
    let doc = JsonDoc {
        base_url: &ctx.config().site.base_url,
        indicators,
        site: &ctx.config().site.title,
    };
    to_json_bytes(&doc)
}

/// `/indicators/<id>.json`: one indicator, the same object as its entry
/// in indicators.json, for clients that want one series.
pub(crate) fn render_indicator_json(
    ctx: &PageContext,
    def: &IndicatorDef,
) -> Result<OutputFile, RenderError> {
    Ok(OutputFile::bytes(
        format!("indicators/{}.json", def.id),
        to_json_bytes(&json_indicator(ctx, def))?,
    ))
}

/// indicators.csv: every observation of every indicator.
pub(crate) fn render_all_csv(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    let bytes = csv_file(ctx, ctx.catalogue().ids().filter_map(|id| ctx.series(id)))?;
    Ok(OutputFile::bytes("indicators.csv", bytes))
}

/// indicators.json: the catalogue, every observation with its revision
/// history, and every target with its status.
pub(crate) fn render_json(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    Ok(OutputFile::bytes("indicators.json", json_file(ctx)?))
}

/// indicators/<id>.csv (none if the indicator has no series).
pub(crate) fn render_indicator_csv(
    ctx: &PageContext,
    id: &str,
) -> Result<Option<OutputFile>, RenderError> {
    let Some(s) = ctx.series(id) else {
        return Ok(None);
    };
    Ok(Some(OutputFile::bytes(
        format!("indicators/{}.csv", s.id),
        csv_file(ctx, std::iter::once(s))?,
    )))
}
