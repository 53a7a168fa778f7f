//! List pages: home, one page per year, the tag index and tag pages, and
//! 404. Each is rendered on its own so `serve` can re-render a chosen few.

use serde::Serialize;

use crate::model::site::{Site, TagEntry};
use crate::render::figures::{TargetRow, TargetSummary};
use crate::render::pages::{PageContext, PageMeta, HOME_LATEST};
use crate::render::subjects::{filter_rel, passes, year_filters, Filter, YearFilters};
use crate::render::urls::Urls;
use crate::render::views::ObservationRow;
use crate::render::{OutputFile, RenderError};

#[derive(Serialize)]
struct YearLink {
    year: i32,
    url: String,
    count: usize,
}

fn year_links(ctx: &PageContext) -> Vec<YearLink> {
    ctx.years()
        .rev()
        .map(|year| YearLink {
            year,
            url: ctx.urls.year(year),
            count: ctx.year(year).len(),
        })
        .collect()
}

/// The home page: latest bulletins, the years, headline indicators.
pub fn render_home(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    let latest: Vec<usize> = (0..ctx.archive_len().min(HOME_LATEST)).collect();
    let headline = crate::render::indicator_pages::headline_rows(ctx);
    let page = ctx.meta(
        "",
        ctx.t("home.title").to_string(),
        ctx.t("site.description").to_string(),
        ctx.lang,
    );
    let html = ctx.render("index.html", &page, |c| {
        c.insert("latest", &ctx.cards(&latest));
        c.insert("years", &year_links(ctx));
        c.insert("headline", &headline);
    })?;
    Ok(OutputFile::bytes("index.html", html))
}

/// The 404 page: no canonical link (SPEC §3.1).
pub fn render_not_found(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    let page = PageMeta {
        title: ctx.t("notfound.title").to_string(),
        description: ctx.t("notfound.description").to_string(),
        canonical: None,
        lang: ctx.lang.to_string(),
        path: ctx.urls.path("404.html"),
    };
    let html = ctx.render("404.html", &page, |c| {
        c.insert("years", &year_links(ctx));
    })?;
    Ok(OutputFile::bytes("404.html", html))
}

/// Years that get a page: those with bulletins, observations or targets.
pub fn all_years(site: &Site) -> Vec<i32> {
    let mut years: std::collections::BTreeSet<i32> = site.years.keys().copied().collect();
    for s in site.series.values() {
        years.extend(s.points.iter().map(|p| p.period.year));
    }
    for b in &site.bulletins {
        years.extend(b.targets.iter().map(|t| t.year));
    }
    years.into_iter().collect()
}

/// The page of one year (its bulletins, observations and targets), and
/// the same list narrowed to each kind and subject present in the year.
pub fn render_year(ctx: &PageContext, year: i32) -> Result<Vec<OutputFile>, RenderError> {
    let filters = year_filters(ctx, year);
    let mut out = vec![render_year_all(ctx, year, &filters)?];
    let chosen = filters
        .kinds
        .iter()
        .map(|f| ("kinds", f))
        .chain(filters.subjects.iter().map(|f| ("subjects", f)));
    for (dim, link) in chosen {
        out.push(render_year_filtered(
            ctx,
            year,
            &filters,
            (dim, link.key),
            link.name,
        )?);
    }
    Ok(out)
}

/// A year page narrowed to one kind or subject: its bulletins only.
fn render_year_filtered(
    ctx: &PageContext,
    year: i32,
    filters: &YearFilters,
    filter: Filter,
    name: &str,
) -> Result<OutputFile, RenderError> {
    let list: Vec<usize> = ctx
        .year(year)
        .iter()
        .copied()
        .filter(|&i| passes(ctx, i, filter))
        .collect();
    let rel = filter_rel(year, filter);
    let title = format!("{year}{} · {name}", ctx.t("year.suffix"));
    let desc = format!("{} {year}: {name}", ctx.t("year.description"));
    let page = ctx.meta(&rel, title, desc, ctx.lang);
    let html = ctx.render("year.html", &page, |c| {
        c.insert("year", &year);
        c.insert("bulletins", &ctx.cards(&list));
        c.insert("observations", &Vec::<ObservationRow>::new());
        c.insert("targets", &Vec::<TargetRow>::new());
        c.insert("target_summary", &TargetSummary::of(&[]));
        c.insert("filters", filters);
        c.insert(
            "filter",
            &serde_json::json!({ "dim": filter.0, "key": filter.1, "name": name }),
        );
    })?;
    Ok(OutputFile::bytes(format!("{rel}index.html"), html))
}

fn render_year_all(
    ctx: &PageContext,
    year: i32,
    filters: &YearFilters,
) -> Result<OutputFile, RenderError> {
    let rel = format!("{year}/");
    let bulletins = ctx.cards(ctx.year(year));
    let mut observations: Vec<ObservationRow> = Vec::new();
    for id in ctx.catalogue().ids() {
        for p in ctx.points_in(id, year) {
            observations.push(ctx.point_row(id, p, ctx.lang));
        }
    }
    let mut targets: Vec<_> = ctx.targets_in(year);
    targets.sort_by_key(|(t, _)| ctx.catalogue().rank(&t.id));
    let targets: Vec<TargetRow> = targets
        .into_iter()
        .map(|(t, b)| ctx.target_row(t, b, ctx.lang))
        .collect();
    let title = format!("{year}{}", ctx.t("year.suffix"));
    let desc = format!("{} {year}", ctx.t("year.description"));
    let page = ctx.meta(&rel, title, desc, ctx.lang);
    let html = ctx.render("year.html", &page, |c| {
        c.insert("year", &year);
        c.insert("bulletins", &bulletins);
        c.insert("observations", &observations);
        c.insert("targets", &targets);
        c.insert("target_summary", &TargetSummary::of(&targets));
        c.insert("filters", filters);
        c.insert("filter", &serde_json::Value::Null);
    })?;
    Ok(OutputFile::bytes(format!("{rel}index.html"), html))
}

#[derive(Serialize)]
struct TagView<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    count: usize,
}

fn tag_view<'a>(ctx: &PageContext, t: &'a TagEntry) -> TagView<'a> {
    TagView {
        name: &t.name,
        slug: &t.slug,
        url: ctx.urls.tag(&t.name),
        count: t.bulletins.len(),
    }
}

/// `/tags/`: every tag with its count.
pub fn render_tags_index(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    let tags: Vec<TagView> = ctx.tags().values().map(|t| tag_view(ctx, t)).collect();
    let page = ctx.meta(
        "tags/",
        ctx.t("tags.title").to_string(),
        ctx.t("tags.description").to_string(),
        ctx.lang,
    );
    let html = ctx.render("tags.html", &page, |c| c.insert("tags", &tags))?;
    Ok(OutputFile::bytes("tags/index.html", html))
}

/// `/tags/<slug>/`: the bulletins carrying one tag (none if it is gone).
pub fn render_tag(ctx: &PageContext, slug: &str) -> Result<Option<OutputFile>, RenderError> {
    let Some(t) = ctx.tag(slug) else {
        return Ok(None);
    };
    let rel = Urls::tag_rel(&t.name);
    let desc = format!("{}: {}", ctx.t("tag.description"), t.name);
    let page = ctx.meta(&rel, t.name.clone(), desc, ctx.lang);
    let html = ctx.render("tag.html", &page, |c| {
        c.insert("tag", &tag_view(ctx, t));
        c.insert("bulletins", &ctx.cards(&t.bulletins));
    })?;
    Ok(Some(OutputFile::bytes(
        format!("tags/{}/index.html", t.slug),
        html,
    )))
}
