//! `/search/`: the search page. The page itself is static; the theme's
//! script queries the Pagefind index in the browser. The page carries the
//! years (what it offers without JavaScript) and the interface strings
//! the script needs, in the site language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::render::pages::PageContext;
use crate::render::{OutputFile, RenderError};

/// Interface strings the search script uses (theme i18n keys).
const SCRIPT_STRINGS: &[&str] = &[
    "search.loading",
    "search.results",
    "search.results_one",
    "search.none",
    "search.empty",
    "search.error",
    "search.more",
    "search.any",
    "search.filter.year",
    "search.filter.kind",
    "search.filter.tag",
];

#[derive(Serialize)]
struct YearLink {
    year: i32,
    url: String,
}

/// Render `/search/index.html`.
pub fn render_search(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    let rel = "search/";
    let page = ctx.meta(
        rel,
        ctx.t("search.title").to_string(),
        ctx.t("search.description").to_string(),
        ctx.lang,
    );
    let years: Vec<YearLink> = ctx
        .site
        .years
        .keys()
        .rev()
        .map(|&year| YearLink {
            year,
            url: ctx.urls.year(year),
        })
        .collect();
    let strings: BTreeMap<&str, &str> = SCRIPT_STRINGS.iter().map(|k| (*k, ctx.t(k))).collect();
    let json = serde_json::to_string(&strings)
        .map_err(|e| RenderError(format!("search strings: {e}")))?
        // Never let a string close the <script> element it sits in.
        .replace('<', "\\u003c");
    let html = ctx.render("search.html", &page, |c| {
        c.insert("years", &years);
        c.insert("strings_json", &json);
        c.insert("index_url", &ctx.urls.path("pagefind/pagefind.js"));
    })?;
    Ok(OutputFile::bytes(format!("{rel}index.html"), html))
}
