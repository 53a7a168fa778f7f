//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough and
//! task lists (pulldown-cmark), stable CJK-safe heading ids, site-relative
//! links prefixed with the base path, no stray spaces where a line break
//! falls between two CJK characters, and fenced code highlighted by syntect.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::render::highlight::highlight_code;
use crate::text::is_cjk;

/// The Markdown features gazette turns on.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading id from its text: lower-case letters and digits of any script
/// kept, runs of anything else turned into one `-`.
pub(crate) fn heading_id(text: &str) -> String {
    let id = crate::slug::slugify(text);
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub(crate) struct RenderedBody {
    /// HTML.
    pub html: String,
    /// Ids of the headings, in order.
    pub heading_ids: Vec<String>,
}

/// Render a bulletin body. `base_path` (`/bulletins/`) is put in front of
/// links that start with `/`.
pub(crate) fn render_markdown(markdown: &str, base_path: &str) -> RenderedBody {
    let mut events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let heading_ids = assign_heading_ids(&mut events);
    drop_cjk_soft_breaks(&mut events);
    let events = rewrite(events, base_path);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    RenderedBody {
        html: out,
        heading_ids,
    }
}

/// Element ids of the page template that headings must not take.
pub(crate) const RESERVED_IDS: &[&str] = &[
    "main",
    "bulletin-indicators",
    "bulletin-targets",
    "bulletin-attachments",
];

fn assign_heading_ids(events: &mut [Event]) -> Vec<String> {
    // Ids the page around the body already uses (the default theme's
    // landmarks and sections), so a heading never duplicates them.
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    // The next suffix to try for each base id. Without it the n-th
    // repetition of a heading would retry `-1`, `-2`, … `-n` (quadratic:
    // 100,000 equal headings never finish); with it every suffix of a base
    // is tried once, so the whole pass is linear.
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut ids = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id, .. }) = &events[i] {
            let given = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = given.unwrap_or_else(|| heading_id(&text));
            let unique = unique_id(base, &mut used, &mut next_suffix);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            ids.push(unique);
            i = j;
        }
        i += 1;
    }
    ids
}

/// `base`, or `base-1`, `base-2`, … the first that is not in `used`; the
/// result is added to `used`.
fn unique_id(
    base: String,
    used: &mut HashSet<String>,
    next_suffix: &mut HashMap<String, usize>,
) -> String {
    let unique = if used.contains(&base) {
        let n = next_suffix.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if !used.contains(&candidate) {
                break candidate;
            }
        }
    } else {
        base
    };
    used.insert(unique.clone());
    unique
}

fn last_char(e: &Event) -> Option<char> {
    match e {
        Event::Text(t) | Event::Code(t) => t.chars().last(),
        _ => None,
    }
}

fn first_char(e: &Event) -> Option<char> {
    match e {
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        _ => None,
    }
}

/// A soft line break between two CJK characters renders as nothing
/// (SPEC §3.1): Chinese has no spaces between words.
fn drop_cjk_soft_breaks(events: &mut [Event]) {
    for i in 1..events.len().saturating_sub(1) {
        if matches!(events[i], Event::SoftBreak) {
            let before = last_char(&events[i - 1]).is_some_and(is_cjk);
            let after = first_char(&events[i + 1]).is_some_and(is_cjk);
            if before && after {
                events[i] = Event::Text(CowStr::Borrowed(""));
            }
        }
    }
}

fn site_relative(url: &str, base_path: &str) -> Option<String> {
    if url.starts_with('/') && !url.starts_with("//") {
        Some(format!("{}{}", base_path.trim_end_matches('/'), url))
    } else {
        None
    }
}

fn rewrite<'a>(events: Vec<Event<'a>>, base_path: &str) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    for e in events {
        match e {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => {
                        l.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, buf)) = code.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, buf)) = code.take() {
                    out.push(Event::Html(CowStr::from(highlight_code(&buf, &lang))));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = site_relative(&dest_url, base_path).map_or(dest_url, CowStr::from);
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = site_relative(&dest_url, base_path).map_or(dest_url, CowStr::from);
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            e => out.push(e),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_are_unique_and_keep_cjk() {
        let r = render_markdown(
            "# 主要指标 Key\n\n# 主要指标 Key\n\n## !!!\n\n## Main\n",
            "/",
        );
        assert_eq!(
            r.heading_ids,
            ["主要指标-key", "主要指标-key-1", "section", "main-1"]
        );
        assert!(r.html.contains("<h1 id=\"主要指标-key\">"), "{}", r.html);
    }

    #[test]
    fn heading_ids_skip_suffixes_taken_by_other_headings() {
        let r = render_markdown("# A\n\n# A 1\n\n# A\n\n# A\n\n# A {#a-3}\n\n# A\n", "/");
        assert_eq!(r.heading_ids, ["a", "a-1", "a-2", "a-3", "a-3-1", "a-4"]);
    }

    #[test]
    fn cjk_soft_breaks_vanish_latin_ones_stay() {
        let r = render_markdown("财政收入\n增长\n\nfiscal\nrevenue\n", "/");
        assert!(r.html.contains("<p>财政收入增长</p>"), "{}", r.html);
        assert!(r.html.contains("fiscal\nrevenue"), "{}", r.html);
    }

    #[test]
    fn site_relative_links_get_the_base_path() {
        let r = render_markdown(
            "[a](/2021/x/) [b](https://x.org/) [c](//cdn/x)",
            "/bulletins/",
        );
        assert!(r.html.contains("href=\"/bulletins/2021/x/\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.org/\""));
        assert!(r.html.contains("href=\"//cdn/x\""));
    }

    #[test]
    fn tables_footnotes_tasks_strikethrough() {
        let r = render_markdown(
            "|a|b|\n|-|-|\n|1|2|\n\n~~x~~ [^1]\n\n- [x] done\n\n[^1]: note\n",
            "/",
        );
        for needle in [
            "<table>",
            "<del>x</del>",
            "footnote-definition",
            "type=\"checkbox\"",
        ] {
            assert!(r.html.contains(needle), "{needle} in {}", r.html);
        }
    }
}
