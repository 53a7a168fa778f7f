//! `/search/`: the search page. The page itself is static; the theme's
//! script queries the Pagefind index in the browser. The page carries the
//! years (what it offers without JavaScript) and the interface strings
//! the script needs, in the site language.

use std::collections::BTreeMap;

use crate::render::pages::PageContext;
use crate::render::views::SearchYearLink;
use crate::render::{OutputFile, RenderError, Theme};

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
    "search.filter.subject",
    "search.filter.tag",
];

/// Does the theme (or the site's `templates/`) have a search page?
pub(crate) fn has_search_page(theme: &Theme) -> bool {
    theme
        .tera
        .get_template_names()
        .any(|name| name == "search.html")
}

/// Render `/search/index.html`; nothing when the theme has no
/// `search.html` (a theme made before search existed keeps building, and
/// may use the index its own way).
pub(crate) fn render_search(ctx: &PageContext) -> Result<Option<OutputFile>, RenderError> {
    if !has_search_page(ctx.theme) {
        return Ok(None);
    }
    let rel = "search/";
    let page = ctx.meta(
        rel,
        ctx.t("search.title").to_string(),
        ctx.t("search.description").to_string(),
        ctx.lang,
    );
    let years: Vec<SearchYearLink> = ctx
        .years()
        .rev()
        .map(|year| SearchYearLink {
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
    Ok(Some(OutputFile::bytes(format!("{rel}index.html"), html)))
}
