//! The indicator index (`/indicators/`) and one page per indicator with
//! its whole history, targets and downloads.

use serde::Serialize;

use crate::model::catalogue::IndicatorDef;
use crate::render::pages::{PageContext, TargetRow, TargetSummary};
use crate::render::views::ObservationRow;
use crate::render::{OutputFile, RenderError};

/// An indicator in the index.
#[derive(Serialize)]
pub struct IndicatorCard<'a> {
    /// Id.
    pub id: &'a str,
    /// Name in the site language.
    pub name: &'a str,
    /// Unit.
    pub unit: &'a str,
    /// Category.
    pub category: &'a str,
    /// Page URL.
    pub url: String,
    /// CSV download URL.
    pub csv_url: String,
    /// The latest reported figure, if any.
    pub latest: Option<ObservationRow<'a>>,
    /// Years with observations.
    pub years: Vec<i32>,
    /// Number of observations.
    pub count: usize,
}

#[derive(Serialize)]
struct Category<'a> {
    name: String,
    key: &'a str,
    indicators: Vec<IndicatorCard<'a>>,
}

/// The card of one indicator.
pub fn card<'a>(ctx: &PageContext<'a>, def: &'a IndicatorDef) -> IndicatorCard<'a> {
    let series = ctx.site.series.get(&def.id);
    let latest = series.and_then(|s| s.latest()).map(|p| {
        ctx.observation_row(
            &def.id,
            p.period.to_string(),
            &p.current,
            p.revised_from().map(|r| r.value),
            ctx.lang,
        )
    });
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
    }
}

/// Indicators for the home page: the most recently reported ones.
pub fn headline_rows<'a>(ctx: &PageContext<'a>) -> Vec<IndicatorCard<'a>> {
    let mut with_data: Vec<(&'a IndicatorDef, crate::model::period::Period)> = ctx
        .site
        .catalogue
        .entries
        .values()
        .filter_map(|d| Some((d, ctx.site.series.get(&d.id)?.latest()?.period)))
        .collect();
    with_data.sort_by(|a, b| b.1.year.cmp(&a.1.year).then_with(|| a.0.id.cmp(&b.0.id)));
    let newest_year = with_data.first().map(|x| x.1.year);
    with_data
        .into_iter()
        .filter(|x| Some(x.1.year) == newest_year)
        .filter(|x| {
            ctx.site.series[&x.0.id]
                .latest()
                .is_some_and(|p| p.current.change.is_some())
        })
        .take(6)
        .map(|(d, _)| card(ctx, d))
        .collect()
}

/// `/indicators/`: every catalogue entry grouped by category.
pub fn render_indicators_index(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    let site = ctx.site;
    let mut categories: Vec<Category> = Vec::new();
    for def in site.catalogue.entries.values() {
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
    categories.sort_by(|a, b| a.key.cmp(b.key));
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

/// `/indicators/<id>/`: one indicator's history, targets and downloads
/// (none if the catalogue no longer has it).
pub fn render_indicator(ctx: &PageContext, id: &str) -> Result<Option<OutputFile>, RenderError> {
    let Some(def) = ctx.site.catalogue.get(id) else {
        return Ok(None);
    };
    indicator_page(ctx, def).map(Some)
}

fn indicator_page(ctx: &PageContext, def: &IndicatorDef) -> Result<OutputFile, RenderError> {
    let site = ctx.site;
    let rel = format!("indicators/{}/", def.id);
    let rows: Vec<ObservationRow> = site
        .series
        .get(&def.id)
        .map(|s| {
            s.points
                .iter()
                .rev()
                .map(|p| {
                    ctx.observation_row(
                        &def.id,
                        p.period.to_string(),
                        &p.current,
                        p.revised_from().map(|r| r.value),
                        ctx.lang,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let targets: Vec<TargetRow> = ctx
        .all_targets()
        .filter(|(t, _)| t.id == def.id)
        .map(|(t, b)| ctx.target_row(t, b, ctx.lang))
        .collect();
    let name = def.name_in(ctx.lang);
    let description = match def.description_in(ctx.lang) {
        "" => format!("{name} ({})", def.unit),
        d => d.to_string(),
    };
    let page = ctx.meta(&rel, name.to_string(), description.clone(), ctx.lang);
    let html = ctx.render("indicator.html", &page, |c| {
        c.insert("indicator", &card(ctx, def));
        c.insert("description", &description);
        c.insert("better", def.better.as_str());
        c.insert("observations", &rows);
        c.insert("targets", &targets);
        c.insert("target_summary", &TargetSummary::of(&targets));
    })?;
    Ok(OutputFile::bytes(format!("{rel}index.html"), html))
}
