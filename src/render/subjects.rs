//! Lists by 主题分类 (SPEC §2.6): `/subjects/` with every declared
//! subject, `/subjects/<subject>/` with its bulletins, and the year
//! pages narrowed by kind or subject (`/<year>/kinds/<kind>/`,
//! `/<year>/subjects/<subject>/`) — plain pages reached by plain links,
//! so filtering works without JavaScript.

use crate::render::inputs::Part;
use crate::render::pages::PageContext;
use crate::render::paginate::split;
use crate::render::urls::{encode_segment, Urls};
use crate::render::views::{FilterLink, SubjectView, YearFilters};
use crate::render::{OutputFile, RenderError};

/// `/subjects/`: every subject declared in site.yaml, in its order, with
/// its count (a subject nobody uses yet is listed with 0 and no link).
pub(crate) fn render_subjects_index(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    let in_use = ctx.subjects();
    let subjects: Vec<SubjectView> = ctx
        .config()
        .site
        .subjects
        .iter()
        .map(|(key, name)| SubjectView {
            key,
            name,
            url: ctx.urls.subject(key),
            count: in_use.get(key).map_or(0, Vec::len),
        })
        .collect();
    let page = ctx.meta(
        "subjects/",
        ctx.t("subjects.title").to_string(),
        ctx.t("subjects.description").to_string(),
        ctx.lang,
    );
    let html = ctx.render("subjects.html", &page, |c| c.insert("subjects", &subjects))?;
    Ok(OutputFile::bytes("subjects/index.html", html))
}

/// `/subjects/<key>/` and its later pages: the bulletins of one subject,
/// newest first (no page if no published bulletin carries it).
pub(crate) fn render_subject(ctx: &PageContext, key: &str) -> Result<Vec<OutputFile>, RenderError> {
    let Some(list) = ctx.subject(key) else {
        return Ok(Vec::new());
    };
    let name = ctx.config().site.subject_name(key);
    let view = SubjectView {
        key,
        name,
        url: ctx.urls.subject(key),
        count: list.len(),
    };
    let mut out = Vec::new();
    for part in split(ctx, list, &Urls::subject_rel(key)) {
        let desc = format!("{}: {name}", ctx.t("subject.description"));
        let page = ctx.meta(&part.rel, part.title(ctx, name.to_string()), desc, ctx.lang);
        let html = ctx.render("subject.html", &page, |c| {
            c.insert("subject", &view);
            c.insert("bulletins", &ctx.cards(part.entries));
            c.insert("pager", &part.pager);
        })?;
        out.push(OutputFile::bytes(format!("{}index.html", part.rel), html));
    }
    Ok(out)
}

/// Which filter a year page shows: `("kinds", key)` or `("subjects", key)`.
pub(crate) type Filter<'a> = (&'static str, &'a str);

/// The filters available on the page of `year`.
pub(crate) fn year_filters<'a>(ctx: &PageContext<'a>, year: i32) -> YearFilters<'a> {
    let list: &[usize] = ctx.year(year);
    let links = |dim: &'static str,
                 declared: &'a [(String, String)],
                 of: &dyn Fn(usize) -> Option<&'a str>| {
        declared
            .iter()
            .filter_map(|(key, name)| {
                let count = list
                    .iter()
                    .filter(|&&i| of(i) == Some(key.as_str()))
                    .count();
                (count > 0).then(|| FilterLink {
                    key,
                    name,
                    url: ctx.urls.path(&filter_rel(year, (dim, key))),
                    count,
                })
            })
            .collect::<Vec<_>>()
    };
    let cfg = &ctx.config().site;
    YearFilters {
        all_url: ctx.urls.year(year),
        kinds: links("kinds", &cfg.kinds, &|i| {
            Some(ctx.bulletin(i, Part::Listing).kind.as_str())
        }),
        subjects: links("subjects", &cfg.subjects, &|i| {
            ctx.bulletin(i, Part::Disclosure)
                .disclosure
                .subject
                .as_deref()
        }),
    }
}

/// Output folders of the filtered pages of `year`, for the sitemap.
pub(crate) fn filtered_rels(ctx: &PageContext, year: i32) -> Vec<String> {
    let list: &[usize] = ctx.year(year);
    let cfg = &ctx.config().site;
    let kinds = cfg
        .kinds
        .iter()
        .filter(|(k, _)| {
            list.iter()
                .any(|&i| ctx.bulletin(i, Part::Listing).kind == *k)
        })
        .map(|(k, _)| ("kinds", k.as_str()));
    let subjects = cfg
        .subjects
        .iter()
        .filter(|(k, _)| {
            list.iter().any(|&i| {
                ctx.bulletin(i, Part::Disclosure)
                    .disclosure
                    .subject
                    .as_deref()
                    == Some(k)
            })
        })
        .map(|(k, _)| ("subjects", k.as_str()));
    kinds.chain(subjects).map(|f| filter_rel(year, f)).collect()
}

/// Output folder of a filtered year page (`2022/kinds/notice/`).
pub(crate) fn filter_rel(year: i32, (dim, key): Filter) -> String {
    format!("{year}/{dim}/{}/", encode_segment(key))
}

/// Does bulletin `i` pass the filter?
pub(crate) fn passes(ctx: &PageContext, i: usize, (dim, key): Filter) -> bool {
    match dim {
        "kinds" => ctx.bulletin(i, Part::Listing).kind == key,
        _ => {
            ctx.bulletin(i, Part::Disclosure)
                .disclosure
                .subject
                .as_deref()
                == Some(key)
        }
    }
}
