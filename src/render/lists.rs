//! List pages: home, one page per year, the tag index and tag pages, and
//! 404. Each is rendered on its own so `serve` can re-render a chosen few.

use crate::model::site::{Site, TagEntry};
use crate::render::pages::{PageContext, HOME_LATEST};
use crate::render::paginate::{page_rel, split};
use crate::render::subjects::{filter_rel, passes, year_filters, Filter};
use crate::render::urls::Urls;
use crate::render::views::{
    ObservationRow, PageMeta, TagView, TargetRow, TargetSummary, YearFilters, YearLink,
};
use crate::render::{OutputFile, RenderError};

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
pub(crate) fn render_home(ctx: &PageContext) -> Result<OutputFile, RenderError> {
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
pub(crate) fn render_not_found(ctx: &PageContext) -> Result<OutputFile, RenderError> {
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
pub(crate) fn all_years(site: &Site) -> Vec<i32> {
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
/// the same list narrowed to each kind and subject present in the year;
/// each list in pages of `paginate` bulletins (see `paginate`).
pub(crate) fn render_year(ctx: &PageContext, year: i32) -> Result<Vec<OutputFile>, RenderError> {
    let filters = year_filters(ctx, year);
    let mut out = render_year_all(ctx, year, &filters)?;
    let chosen = filters
        .kinds
        .iter()
        .map(|f| ("kinds", f))
        .chain(filters.subjects.iter().map(|f| ("subjects", f)));
    for (dim, link) in chosen {
        out.extend(render_year_filtered(
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
) -> Result<Vec<OutputFile>, RenderError> {
    let list: Vec<usize> = ctx
        .year(year)
        .iter()
        .copied()
        .filter(|&i| passes(ctx, i, filter))
        .collect();
    let mut out = Vec::new();
    for part in split(ctx, &list, &filter_rel(year, filter)) {
        let title = part.title(ctx, format!("{year}{} · {name}", ctx.t("year.suffix")));
        let desc = format!("{} {year}: {name}", ctx.t("year.description"));
        let page = ctx.meta(&part.rel, title, desc, ctx.lang);
        let html = ctx.render("year.html", &page, |c| {
            c.insert("year", &year);
            c.insert("bulletins", &ctx.cards(part.entries));
            c.insert("observations", &Vec::<ObservationRow>::new());
            c.insert("targets", &Vec::<TargetRow>::new());
            c.insert("target_summary", &TargetSummary::of(&[]));
            c.insert("filters", filters);
            c.insert(
                "filter",
                &serde_json::json!({ "dim": filter.0, "key": filter.1, "name": name }),
            );
            c.insert("pager", &part.pager);
        })?;
        out.push(OutputFile::bytes(format!("{}index.html", part.rel), html));
    }
    Ok(out)
}

/// The year's own pages: every bulletin, in pages; the figures and
/// targets of the year on the first page.
fn render_year_all(
    ctx: &PageContext,
    year: i32,
    filters: &YearFilters,
) -> Result<Vec<OutputFile>, RenderError> {
    let list: &[usize] = ctx.year(year);
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
    let mut out = Vec::new();
    for part in split(ctx, list, &format!("{year}/")) {
        let first = part.number == 1;
        let title = part.title(ctx, format!("{year}{}", ctx.t("year.suffix")));
        let desc = format!("{} {year}", ctx.t("year.description"));
        let page = ctx.meta(&part.rel, title, desc, ctx.lang);
        let (observations, targets) = if first {
            (&observations[..], &targets[..])
        } else {
            (&[][..], &[][..])
        };
        let html = ctx.render("year.html", &page, |c| {
            c.insert("year", &year);
            c.insert("bulletins", &ctx.cards(part.entries));
            c.insert("observations", observations);
            c.insert("targets", targets);
            c.insert("target_summary", &TargetSummary::of(targets));
            c.insert("filters", filters);
            c.insert("filter", &serde_json::Value::Null);
            c.insert("pager", &part.pager);
        })?;
        out.push(OutputFile::bytes(format!("{}index.html", part.rel), html));
    }
    Ok(out)
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
pub(crate) fn render_tags_index(ctx: &PageContext) -> Result<OutputFile, RenderError> {
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

/// `/tags/<slug>/` and its later pages: the bulletins carrying one tag
/// (no page if it is gone).
pub(crate) fn render_tag(ctx: &PageContext, slug: &str) -> Result<Vec<OutputFile>, RenderError> {
    let Some(t) = ctx.tag(slug) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for part in split(ctx, &t.bulletins, &Urls::tag_rel(&t.name)) {
        let desc = format!("{}: {}", ctx.t("tag.description"), t.name);
        let page = ctx.meta(&part.rel, part.title(ctx, t.name.clone()), desc, ctx.lang);
        let html = ctx.render("tag.html", &page, |c| {
            c.insert("tag", &tag_view(ctx, t));
            c.insert("bulletins", &ctx.cards(part.entries));
            c.insert("pager", &part.pager);
        })?;
        // The folder carries the slug as it is; links carry it encoded.
        let dir = page_rel(&format!("tags/{}/", t.slug), part.number);
        out.push(OutputFile::bytes(format!("{dir}index.html"), html));
    }
    Ok(out)
}
