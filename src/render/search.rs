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
            html: indexed_part(&String::from_utf8_lossy(bytes)),
        })
        .collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    pages
}

/// Elements whose content Pagefind leaves out of the index (its
/// `REMOVE_SELECTORS`): a body inside one of them is not indexed as-is.
const LEFT_OUT: &[&str] = &[
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
    "template",
];

/// Openings after which a `<` is text, not a tag.
const RAW_TEXT: &[&str] = &[
    "<!--",
    "<![cdata[",
    "<script",
    "<style",
    "<textarea",
    "<title",
    "<template",
    "<xmp",
    "<iframe",
    "<noscript",
    "<noembed",
    "<noframes",
    "<plaintext",
];

/// What Pagefind needs to read of a page: its `<html>` tag, its `<title>`
/// and the element marked `data-pagefind-body`, when the rest of the page
/// cannot change what is indexed (no `data-pagefind-*` attribute, `<h1>`
/// or `<img>` outside that element, which Pagefind would take as a filter,
/// meta, title or image, and the element not inside one Pagefind leaves
/// out); else the whole page. Pagefind parses every element it is given,
/// and the head, header, navigation and footer are about a quarter of a
/// bulletin page. The index is the same bytes either way.
fn indexed_part(html: &str) -> String {
    cut_indexed_part(html).unwrap_or_else(|| html.to_string())
}

fn cut_indexed_part(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mark = lower.find("data-pagefind-body")?;
    let start = lower[..mark].rfind('<')?;
    let name: String = lower[start + 1..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let end = matching_end(&lower, start, &name)?;
    // Where a `<` may not start a tag (a comment, a script, a style...),
    // counting tags could end the element in the wrong place.
    if RAW_TEXT.iter().any(|raw| lower[start..end].contains(raw)) {
        return None;
    }
    let (before, after) = (&lower[..start], &lower[end..]);
    let outside_matters = |part: &str| {
        part.contains("data-pagefind") || count_tags(part, "h1") > 0 || count_tags(part, "img") > 0
    };
    if outside_matters(before)
        || outside_matters(after)
        || lower[end..].contains("data-pagefind-body")
    {
        return None;
    }
    if LEFT_OUT
        .iter()
        .any(|tag| count_tags(before, tag) > count_tags(before, &format!("/{tag}")))
    {
        return None;
    }
    let html_start = find_tag(before, "html")?;
    let html_tag = &html[html_start..html_start + before[html_start..].find('>')? + 1];
    let title = find_tag(before, "title")
        .and_then(|t| Some(&html[t..t + before[t..].find("</title>")? + "</title>".len()]))
        .unwrap_or("");
    Some(format!(
        "{html_tag}<head>{title}</head><body>{}</body></html>",
        &html[start..end]
    ))
}

/// Byte offset just past the end tag closing the `name` element that
/// starts at `start` (elements of the same name nested inside counted).
fn matching_end(lower: &str, start: usize, name: &str) -> Option<usize> {
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let mut depth = 0usize;
    let mut at = start;
    loop {
        let next = lower[at..].find('<')? + at;
        let rest = &lower[next..];
        if starts_tag(rest, &open) {
            depth += 1;
        } else if starts_tag(rest, &close) {
            depth -= 1;
            if depth == 0 {
                return Some(next + rest.find('>')? + 1);
            }
        }
        at = next + 1;
    }
}

/// Does `text` start with the tag `<name` (`tag` given with its `<`)?
fn starts_tag(text: &str, tag: &str) -> bool {
    text.starts_with(tag)
        && text[tag.len()..]
            .bytes()
            .next()
            .is_none_or(|b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
}

/// Start of the first `<name` tag in `lower`.
fn find_tag(lower: &str, name: &str) -> Option<usize> {
    let tag = format!("<{name}");
    lower
        .match_indices(&tag)
        .map(|(i, _)| i)
        .find(|&i| starts_tag(&lower[i..], &tag))
}

/// How many `<name` tags `lower` holds (`name` may be `/p` for end tags).
fn count_tags(lower: &str, name: &str) -> usize {
    let tag = format!("<{name}");
    lower
        .match_indices(&tag)
        .filter(|&(i, _)| starts_tag(&lower[i..], &tag))
        .count()
}

/// The generated files of a rendered site, as `pages_to_index` takes them.
pub(crate) fn generated(files: &[OutputFile]) -> impl Iterator<Item = (&str, &[u8])> {
    files.iter().filter_map(|f| match &f.content {
        crate::render::Content::Bytes(b) => Some((f.path.as_str(), b.as_slice())),
        crate::render::Content::Copy(_)
        | crate::render::Content::Embedded(_)
        | crate::render::Content::Linked { .. } => None,
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

    const PAGE: &str = "<!DOCTYPE html>\n<html lang=\"zh\">\n<head><meta charset=\"utf-8\">\
        <title>新增停车位 · 公报</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n\
        <body><header><nav><a href=\"/\">首页</a></nav><form role=\"search\"><label>搜索</label>\
        <input name=\"q\"></form></header><main>\
        <article class=\"bulletin\" data-pagefind-body data-pagefind-filter=\"year:2022\">\
        <h1>新增停车位</h1><article><p>nested</p></article><p>正文</p></article>\
        <nav><a href=\"/2021/\">上一篇</a></nav></main><footer>示例镇</footer></body></html>";

    #[test]
    fn the_marked_element_is_cut_out_with_the_html_tag_and_title() {
        assert_eq!(
            indexed_part(PAGE),
            "<html lang=\"zh\"><head><title>新增停车位 · 公报</title></head><body>\
             <article class=\"bulletin\" data-pagefind-body data-pagefind-filter=\"year:2022\">\
             <h1>新增停车位</h1><article><p>nested</p></article><p>正文</p></article>\
             </body></html>"
        );
    }

    #[test]
    fn the_whole_page_when_the_rest_could_change_the_index() {
        for (from, to) in [
            // a filter, a title or an image outside the body
            ("<footer>", "<footer data-pagefind-filter=\"town\">"),
            ("<main>", "<main><h1>Other</h1>"),
            ("<footer>", "<footer><IMG src=\"/logo.png\">"),
            // the body inside an element Pagefind leaves out
            ("<main>", "<main><nav>"),
            // no <html> element
            ("<html lang=\"zh\">", ""),
            // a comment or a script in the body, where `<article` is not a tag
            ("<p>正文</p>", "<p>正文</p><!-- <article> -->"),
            (
                "<p>正文</p>",
                "<p>正文</p><script>let a = \"<article>\";</script>",
            ),
        ] {
            let page = PAGE.replacen(from, to, 1);
            assert_eq!(indexed_part(&page), page, "{to}");
        }
        // An unmarked page, and a body that is never closed.
        assert_eq!(
            indexed_part("<html><p>x</p></html>"),
            "<html><p>x</p></html>"
        );
        let open = "<html><div data-pagefind-body><p>x</p></html>";
        assert_eq!(indexed_part(open), open);
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
