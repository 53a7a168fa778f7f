//! The indicator index (`/indicators/`, a row and sparkline per indicator)
//! and one page per indicator with its chart, its whole history (derived
//! earlier values marked as such), targets, downloads and schema.org
//! Dataset metadata.

use crate::model::catalogue::IndicatorDef;
use crate::render::chart::data::{lines_of, ChartData, TargetMark};
use crate::render::chart::describe::ChartText;
use crate::render::chart::render_chart;
use crate::render::chart::sparkline::render_sparkline;
use crate::render::jsonld::dataset_jsonld;
use crate::render::pages::PageContext;
use crate::render::qualify::FigureWords;
use crate::render::views::{Category, IndicatorCard, ObservationRow, TargetRow, TargetSummary};
use crate::render::{OutputFile, RenderError};

/// What the chart of `def` shows: its values and the given targets.
fn chart_data<'a>(
    ctx: &PageContext<'a>,
    def: &'a IndicatorDef,
    targets: &[TargetRow],
) -> ChartData<'a> {
    let figures = FigureWords::new(&ctx.theme.i18n, ctx.lang);
    ChartData {
        id: &def.id,
        name: def.name_in(ctx.lang),
        unit: &def.unit,
        measure: def.measure,
        whole: def.decimals == Some(0),
        lines: ctx
            .series(&def.id)
            .map(|s| lines_of(s, def, &figures, ctx.lang))
            .unwrap_or_default(),
        targets: targets
            .iter()
            .map(|t| TargetMark {
                year: t.year,
                value: t.value,
                text: format!("{}{}", t.op_text, t.value_text),
                status: t.status,
                status_text: t.status_text.clone(),
            })
            .collect(),
    }
}

fn words<'a>(ctx: &PageContext<'a>) -> ChartText<'a> {
    ChartText::new(&ctx.theme.i18n, ctx.lang)
}

/// The card of one indicator.
pub(crate) fn card<'a>(ctx: &PageContext<'a>, def: &'a IndicatorDef) -> IndicatorCard<'a> {
    let series = ctx.series(&def.id);
    let latest = series
        .and_then(|s| s.latest())
        .map(|p| ctx.point_row(&def.id, p, ctx.lang));
    IndicatorCard {
        id: &def.id,
        name: def.name_in(ctx.lang),
        unit: &def.unit,
        category: &def.category,
        url: ctx.urls.indicator(&def.id),
        csv_url: ctx.urls.path(&format!("indicators/{}.csv", def.id)),
        latest,
        years: series.map(|s| s.years()).unwrap_or_default(),
        count: series.map_or(0, |s| s.points.len()),
        sparkline: render_sparkline(&chart_data(ctx, def, &[]), &words(ctx)),
    }
}

/// Indicators for the home page: those the catalogue marks `headline:
/// true`, in catalogue order; a catalogue that marks none gets the most
/// recently reported ones with a stated change.
pub(crate) fn headline_rows<'a>(ctx: &PageContext<'a>) -> Vec<IndicatorCard<'a>> {
    let has_data = |d: &IndicatorDef| ctx.series(&d.id).is_some_and(|s| s.latest().is_some());
    let marked: Vec<&'a IndicatorDef> = ctx.catalogue().in_order().filter(|d| d.headline).collect();
    if !marked.is_empty() {
        return marked
            .into_iter()
            .filter(|d| has_data(d))
            .map(|d| card(ctx, d))
            .collect();
    }
    let mut with_data: Vec<(&'a IndicatorDef, crate::model::period::Period)> = ctx
        .catalogue()
        .in_order()
        .filter_map(|d| Some((d, ctx.series(&d.id)?.latest()?.period)))
        .collect();
    with_data.sort_by(|a, b| {
        b.1.year
            .cmp(&a.1.year)
            .then_with(|| a.0.rank.cmp(&b.0.rank))
    });
    let newest_year = with_data.first().map(|x| x.1.year);
    with_data
        .into_iter()
        .filter(|x| Some(x.1.year) == newest_year)
        .filter(|x| {
            ctx.series(&x.0.id)
                .and_then(|s| s.latest())
                .is_some_and(|p| p.current.change.is_some())
        })
        .take(6)
        .map(|(d, _)| card(ctx, d))
        .collect()
}

/// `/indicators/`: every catalogue entry grouped by category.
pub(crate) fn render_indicators_index(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    let mut categories: Vec<Category> = Vec::new();
    for def in ctx.catalogue().in_order() {
        let c = card(ctx, def);
        match categories.iter_mut().find(|cat| cat.key == def.category) {
            Some(cat) => cat.indicators.push(c),
            None => categories.push(Category {
                name: ctx
                    .theme
                    .i18n
                    .get(ctx.lang, &format!("category.{}", def.category))
                    .replace("category.", ""),
                key: &def.category,
                indicators: vec![c],
            }),
        }
    }
    // Categories in the order their first indicator has in the catalogue.
    let page = ctx.meta(
        "indicators/",
        ctx.t("indicators.title").to_string(),
        ctx.t("indicators.description").to_string(),
        ctx.lang,
    );
    let html = ctx.render("indicators.html", &page, |c| {
        c.insert("categories", &categories);
        c.insert("csv_url", &ctx.urls.path("indicators.csv"));
        c.insert("json_url", &ctx.urls.path("indicators.json"));
    })?;
    Ok(OutputFile::bytes("indicators/index.html", html))
}

/// Reported and derived values of an indicator, newest period first.
fn history<'a>(ctx: &PageContext<'a>, def: &'a IndicatorDef) -> Vec<ObservationRow<'a>> {
    let Some(s) = ctx.series(&def.id) else {
        return Vec::new();
    };
    let mut rows: Vec<_> = s
        .points
        .iter()
        .map(|p| {
            (
                (p.period, p.cumulative),
                ctx.point_row(&def.id, p, ctx.lang),
            )
        })
        .chain(
            s.derived
                .iter()
                .map(|d| ((d.period, None), ctx.derived_row(&def.id, d, ctx.lang))),
        )
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// `/indicators/<id>/`: one indicator's chart, history, targets and
/// downloads, and `/indicators/<id>.json` (nothing if the catalogue no
/// longer has it).
pub(crate) fn render_indicator(
    ctx: &PageContext,
    id: &str,
) -> Result<Vec<OutputFile>, RenderError> {
    let Some(def) = ctx.catalogue().get(id) else {
        return Ok(Vec::new());
    };
    // The page and its JSON read the same figures and targets, so they are
    // one unit of rendering.
    Ok(vec![
        indicator_page(ctx, def)?,
        crate::render::opendata::render_indicator_json(ctx, def)?,
    ])
}

fn indicator_page(ctx: &PageContext, def: &IndicatorDef) -> Result<OutputFile, RenderError> {
    let rel = format!("indicators/{}/", def.id);
    let rows = history(ctx, def);
    let targets: Vec<TargetRow> = ctx
        .targets_of(&def.id)
        .into_iter()
        .map(|(t, b)| ctx.target_row(t, b, ctx.lang))
        .collect();
    let chart = render_chart(&chart_data(ctx, def, &targets), &words(ctx));
    let name = def.name_in(ctx.lang);
    let description = match def.description_in(ctx.lang) {
        "" => format!("{name} ({})", def.unit),
        d => d.to_string(),
    };
    let jsonld = dataset_jsonld(ctx, def, ctx.series(&def.id), &description);
    let page = ctx.meta(&rel, name.to_string(), description.clone(), ctx.lang);
    let html = ctx.render("indicator.html", &page, |c| {
        c.insert("indicator", &card(ctx, def));
        c.insert("description", &description);
        c.insert("better", def.better.as_str());
        c.insert("chart", &chart);
        c.insert("jsonld", &jsonld);
        c.insert("observations", &rows);
        c.insert("has_derived", &rows.iter().any(|r| r.derived));
        c.insert("has_approx", &rows.iter().any(|r| r.approx.is_some()));
        c.insert("has_estimate", &rows.iter().any(|r| r.estimate));
        c.insert("measure", def.measure.as_str());
        c.insert("targets", &targets);
        c.insert("target_summary", &TargetSummary::of(&targets));
    })?;
    Ok(OutputFile::bytes(format!("{rel}index.html"), html))
}
