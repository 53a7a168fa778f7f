//! Link checking for `gazette check`: every internal link and `#fragment`
//! in the generated HTML must lead to a generated file and, for fragments,
//! to an element with that id. HTML is parsed with `tl`, not scanned with
//! patterns, so links in attributes of any element are found.

use std::collections::{HashMap, HashSet};

use percent_encoding::percent_decode_str;

use crate::diagnostics::Diagnostic;
use crate::render::{Content, OutputFile};

/// Links and ids of one HTML page.
struct PageLinks {
    links: Vec<String>,
    ids: HashSet<String>,
}

fn scan(html: &str) -> PageLinks {
    let mut links = Vec::new();
    let mut ids = HashSet::new();
    if let Ok(dom) = tl::parse(html, tl::ParserOptions::default()) {
        for node in dom.nodes() {
            let Some(tag) = node.as_tag() else { continue };
            let attrs = tag.attributes();
            if let Some(id) = attrs.id() {
                ids.insert(id.as_utf8_str().into_owned());
            }
            let name = tag.name().as_utf8_str();
            // <link rel=canonical> and alternate feeds point at the public
            // base URL; everything else must resolve in the output.
            for attr in ["href", "src"] {
                if let Some(Some(v)) = attrs.get(attr) {
                    let v = html_unescape(&v.as_utf8_str());
                    if name == "link"
                        && attrs
                            .get("rel")
                            .flatten()
                            .is_some_and(|r| r.as_utf8_str() == "canonical")
                    {
                        continue;
                    }
                    links.push(v);
                }
            }
        }
    }
    PageLinks { links, ids }
}

/// Attribute values as written in the HTML, entities decoded (quick-xml
/// knows the XML ones and every numeric form Tera and gazette emit); a
/// value it cannot decode is checked as written.
fn html_unescape(s: &str) -> String {
    quick_xml::escape::unescape(s).map_or_else(|_| s.to_string(), |u| u.into_owned())
}

/// Resolve a link found on `page` (output path) to an output path and a
/// fragment; `None` for external links.
fn resolve(
    link: &str,
    page: &str,
    base_url: &str,
    base_path: &str,
) -> Option<(String, Option<String>)> {
    let link = link.trim();
    let link = link
        .strip_prefix(base_url.trim_end_matches('/'))
        .map_or(link.to_string(), |rest| rest.to_string());
    if link.is_empty()
        || link.starts_with("//")
        || link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("tel:")
        || link.starts_with("data:")
        || link.starts_with("javascript:")
    {
        return None;
    }
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string())),
        None => (link.clone(), None),
    };
    let path = path.split('?').next().unwrap_or("").to_string();
    let target = if path.is_empty() {
        page.to_string()
    } else if let Some(rest) = path.strip_prefix('/') {
        let bp = base_path.trim_start_matches('/');
        rest.strip_prefix(bp)
            .map(str::to_string)
            .unwrap_or_else(|| format!("\u{0}{rest}"))
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        normalize(&format!("{dir}/{path}"))
    };
    let target = percent_decode_str(&target).decode_utf8_lossy().into_owned();
    let fragment = fragment.map(|f| percent_decode_str(&f).decode_utf8_lossy().into_owned());
    Some((target, fragment))
}

fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if p.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

/// Check every internal link of the HTML files. `sources` maps output
/// pages to the bulletin file they were made from, so a broken link in a
/// bulletin's text is reported against that file.
pub(crate) fn check_links(
    files: &[OutputFile],
    base_url: &str,
    base_path: &str,
    sources: &HashMap<String, String>,
) -> Vec<Diagnostic> {
    let existing: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let pages: HashMap<&str, PageLinks> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| match &f.content {
            Content::Bytes(b) => Some((f.path.as_str(), scan(&String::from_utf8_lossy(b)))),
            Content::Copy(_) | Content::Embedded(_) | Content::Linked { .. } => None,
        })
        .collect();
    let mut diags = Vec::new();
    let mut page_names: Vec<&&str> = pages.keys().collect();
    page_names.sort();
    for page in page_names {
        let links = &pages[*page];
        for link in &links.links {
            let Some((target, fragment)) = resolve(link, page, base_url, base_path) else {
                continue;
            };
            let file = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else if existing.contains(target.as_str()) {
                target.clone()
            } else {
                format!("{target}/index.html")
            };
            let reported = sources
                .get(*page)
                .cloned()
                .unwrap_or_else(|| format!("output/{page}"));
            if target.starts_with('\u{0}') || !existing.contains(file.as_str()) {
                diags.push(Diagnostic::error(
                    &reported,
                    None,
                    format!(
                        "broken link \"{link}\" on page /{page}: no such page or file in the site"
                    ),
                ));
                continue;
            }
            if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
                let ok = pages
                    .get(file.as_str())
                    .is_none_or(|p| p.ids.contains(&frag));
                if !ok {
                    diags.push(Diagnostic::error(&reported, None, format!("broken link \"{link}\" on page /{page}: /{file} has no element with id \"{frag}\"")));
                }
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile::bytes(path, html.as_bytes().to_vec())
    }

    #[test]
    fn attribute_values_are_decoded_once() {
        assert_eq!(html_unescape("&#x2F;b&#x2F;2021&#x2F;"), "/b/2021/");
        assert_eq!(html_unescape("a&amp;lt;b&#x27;"), "a&lt;b'");
        assert_eq!(html_unescape("a&nbsp;b"), "a&nbsp;b");
    }

    #[test]
    fn finds_broken_links_and_fragments() {
        let files = vec![
            page(
                "index.html",
                r#"<a href="/b/2021/">y</a><a href="/b/2022/">n</a><a href="/b/2021/#top">f</a><a href="/b/2021/#nope">g</a><a href="https://x.org/">e</a>"#,
            ),
            page("2021/index.html", r#"<h1 id="top">x</h1>"#),
        ];
        let d = check_links(&files, "https://e.org/b/", "/b/", &HashMap::new());
        let msgs: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].contains("/b/2022/"));
        assert!(msgs[1].contains("\"nope\""));
    }
}
