//! Full-text search: the Pagefind index under `/pagefind/`, built
//! in-process from the HTML pages just rendered (never read back from
//! disk), so it lands in the same output tree and the same atomic swap as
//! every other file.
//!
//! The theme decides what is content: a page is indexed when its HTML
//! carries `data-pagefind-body` (bulletins, indicator pages), and its
//! filters and metadata come from `data-pagefind-filter` and
//! `data-pagefind-meta` attributes in the templates. Lists, 404 and the
//! search page carry no body mark and stay out of the index.
//!
//! The whole site goes into one index in the site's language
//! (`force_language`): a resident searching a Chinese site finds its
//! English bulletins too, and Chinese text is segmented into words by
//! Pagefind's `extended` feature whatever each page's own `lang` says.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::render::{OutputFile, RenderError};

/// Folder of the index inside the output folder.
pub(crate) const INDEX_DIR: &str = "pagefind";

/// The attribute that marks a page as content to index.
const BODY_MARK: &[u8] = b"data-pagefind-body";

/// Pagefind's ready-made interfaces and its highlighter: the default
/// theme has its own small search page on Pagefind's JS API, so these
/// bundles are left out.
const UNUSED: &[&str] = &[
    "pagefind-highlight.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
];

/// A page to index: its site-relative URL and its HTML.
pub(crate) struct IndexPage {
    /// URL path of the page from the site root (`/2021/report/`).
    pub url: String,
    /// The rendered page.
    pub html: String,
}

/// Does this output file ask to be indexed?
pub(crate) fn wants_indexing(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && bytes.windows(BODY_MARK.len()).any(|w| w == BODY_MARK)
}

/// The pages of `files` to index, in path order so the index is the same
/// bytes for the same site. URLs are kept relative to the site root
/// (`/2021/report/`): Pagefind's script puts the folder it is served from
/// in front, so one index works under any `base_url` path.
pub(crate) fn pages_to_index<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Vec<IndexPage> {
    let mut pages: Vec<IndexPage> = files
        .into_iter()
        .filter(|(path, bytes)| wants_indexing(path, bytes))
        .map(|(path, bytes)| IndexPage {
            url: page_url(path),
            html: String::from_utf8_lossy(bytes).into_owned(),
        })
        .collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    pages
}

/// The generated files of a rendered site, as `pages_to_index` takes them.
pub(crate) fn generated(files: &[OutputFile]) -> impl Iterator<Item = (&str, &[u8])> {
    files.iter().filter_map(|f| match &f.content {
        crate::render::Content::Bytes(b) => Some((f.path.as_str(), b.as_slice())),
        crate::render::Content::Copy(_) | crate::render::Content::Embedded(_) => None,
    })
}

/// `2021/report/index.html` -> `/2021/report/`.
fn page_url(path: &str) -> String {
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    format!("/{dir}")
}

/// Build the index of `pages` and return its files, under `pagefind/`.
/// `language` is the site's (`zh`, `en`): Chinese is segmented, English
/// stemmed.
pub(crate) fn build_index(
    pages: Vec<IndexPage>,
    language: &str,
) -> Result<Vec<OutputFile>, RenderError> {
    let fail = |e: &dyn std::fmt::Display| RenderError(format!("search index: {e}"));
    // Pagefind's API is async; a private single-threaded runtime keeps it
    // out of the callers' way (`serve` runs this off its own runtime).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(&e))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| fail(&e))?;
        // All pages at once: the patched Pagefind parses them on every core
        // and moves them into the index (vendor/pagefind/PATCHES.md).
        let files = pages
            .into_iter()
            .map(|page| (None, Some(page.url), page.html))
            .collect();
        index.add_html_files(files).await.map_err(|e| fail(&e))?;
        let files = index.into_files().await.map_err(|e| fail(&e))?;
        let mut out: Vec<OutputFile> = files
            .into_iter()
            .filter_map(|f| {
                let rel = f.filename.to_string_lossy().replace('\\', "/");
                (!UNUSED.contains(&rel.as_str()))
                    .then(|| OutputFile::bytes(format!("{INDEX_DIR}/{rel}"), f.contents))
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_pages() {
        assert_eq!(page_url("2021/report/index.html"), "/2021/report/");
        assert_eq!(page_url("indicators/gdp/index.html"), "/indicators/gdp/");
    }

    #[test]
    fn only_marked_html_is_indexed() {
        assert!(wants_indexing(
            "a/index.html",
            b"<article data-pagefind-body>"
        ));
        assert!(!wants_indexing("a/index.html", b"<article>"));
        assert!(!wants_indexing("a.json", b"data-pagefind-body"));
    }
}
