//! Code highlighting with syntect, as CSS classes so the theme decides the
//! colours. The syntax set is loaded the first time a page has code, so
//! sites without code never pay for it.
//!
//! Each token gets one short class naming what it is (`hl-string`,
//! `hl-key`, ...; `CATEGORIES`), and neighbouring tokens of one class share
//! a span. syntect's own HTML output opens a span for every scope on the
//! stack, with every atom of its name as a class (`<span class="hl-meta
//! hl-structure hl-dictionary hl-key hl-json">` around each key of a JSON
//! block): 8 kB for a twenty-line block, 16 MB of a 10,000-bulletin site.
//! The class of a token is found by syntect's theme machinery: the
//! categories are the items of a `Theme` whose colours are only their
//! numbers, so the most specific selector wins as it would in an editor.

use std::str::FromStr;
use std::sync::OnceLock;

use syntect::easy::HighlightLines;
use syntect::highlighting::{Color, ScopeSelectors, StyleModifier, Theme, ThemeItem};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The classes a token can get (after `hl-`), with the scopes that give
/// each. Tokens matching none are left as text.
pub(crate) const CATEGORIES: &[(&str, &str)] = &[
    ("comment", "comment"),
    ("string", "string"),
    (
        "constant",
        "constant.numeric, constant.language, constant.character",
    ),
    ("keyword", "keyword, storage"),
    ("name", "entity.name, support.function, support.macro"),
    (
        "key",
        "meta.mapping.key string, meta.structure.dictionary.key string, support.type.property-name",
    ),
    ("punctuation", "punctuation"),
    ("invalid", "invalid"),
];

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The categories as a syntect theme: category `i` is the foreground
/// colour with red `i + 1`; 0 is "none".
fn categories() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| Theme {
        scopes: CATEGORIES
            .iter()
            .enumerate()
            .filter_map(|(i, (_, selectors))| {
                Some(ThemeItem {
                    // The selectors are constants, checked by a test.
                    scope: ScopeSelectors::from_str(selectors).ok()?,
                    style: StyleModifier {
                        foreground: Some(Color {
                            r: u8::try_from(i + 1).ok()?,
                            g: 0,
                            b: 0,
                            a: 255,
                        }),
                        background: None,
                        font_style: None,
                    },
                })
            })
            .collect(),
        ..Theme::default()
    })
}

/// Escape text for HTML element content and attribute values (quick-xml's
/// escaping: `& < > " '`).
pub(crate) fn escape_html(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// A `<pre><code>` block; highlighted when `lang` names a known syntax.
pub(crate) fn highlight_code(code: &str, lang: &str) -> String {
    let lang_attr = escape_html(lang);
    let plain = || {
        if lang.is_empty() {
            format!("<pre><code>{}</code></pre>\n", escape_html(code))
        } else {
            format!(
                "<pre><code class=\"language-{lang_attr}\">{}</code></pre>\n",
                escape_html(code)
            )
        }
    };
    let set = syntaxes();
    let Some(syntax) = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten()
    else {
        return plain();
    };
    let mut lines = HighlightLines::new(syntax, categories());
    // Runs of text of one category: (category, text).
    let mut runs: Vec<(u8, String)> = Vec::new();
    for line in LinesWithEndings::from(code) {
        let Ok(tokens) = lines.highlight_line(line, set) else {
            return plain();
        };
        for (style, text) in tokens {
            let category = style.foreground.r;
            match runs.last_mut() {
                Some((c, run)) if *c == category => run.push_str(text),
                _ => runs.push((category, text.to_string())),
            }
        }
    }
    let mut html = format!("<pre class=\"highlight\"><code class=\"language-{lang_attr}\">");
    for (category, text) in runs {
        let name = usize::from(category)
            .checked_sub(1)
            .and_then(|i| CATEGORIES.get(i));
        match name {
            // Whitespace needs no colour: it joins the text around it.
            Some((name, _)) if !text.trim().is_empty() => {
                html.push_str("<span class=\"hl-");
                html.push_str(name);
                html.push_str("\">");
                html.push_str(&escape_html(&text));
                html.push_str("</span>");
            }
            _ => html.push_str(&escape_html(&text)),
        }
    }
    html.push_str("</code></pre>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_selector_parses() {
        for (name, selectors) in CATEGORIES {
            assert!(ScopeSelectors::from_str(selectors).is_ok(), "{name}");
        }
        assert_eq!(categories().scopes.len(), CATEGORIES.len());
    }

    #[test]
    fn each_token_gets_one_class_for_what_it_is() {
        let html = highlight_code("{\"id\": \"a<b\", \"n\": 12, \"ok\": true}\n", "json");
        assert!(!html.contains("style="), "{html}");
        for token in [
            "<span class=\"hl-key\">id</span>",
            "<span class=\"hl-string\">a&lt;b</span>",
            "<span class=\"hl-constant\">12</span>",
            "<span class=\"hl-constant\">true</span>",
            "<span class=\"hl-punctuation\">{&quot;</span>",
        ] {
            assert!(html.contains(token), "{token} in {html}");
        }
        // No span holds another, and none is left open.
        assert!(!html.contains("<span class=\"hl-key\"><span"), "{html}");
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
        let text: String = {
            let mut t = String::new();
            let mut inside = false;
            for c in html.strip_suffix('\n').unwrap_or(&html).chars() {
                match c {
                    '<' => inside = true,
                    '>' => inside = false,
                    c if !inside => t.push(c),
                    _ => {}
                }
            }
            t
        };
        assert_eq!(
            text.replace("&quot;", "\"").replace("&lt;", "<"),
            "{\"id\": \"a<b\", \"n\": 12, \"ok\": true}\n",
            "the code, unchanged, once the tags are taken out"
        );
    }

    #[test]
    fn comments_keywords_and_names_in_a_program() {
        let html = highlight_code("# total\ndef total(x):\n    return x\n", "python");
        for token in [
            "<span class=\"hl-comment\">",
            "<span class=\"hl-keyword\">def</span>",
            "<span class=\"hl-name\">total</span>",
        ] {
            assert!(html.contains(token), "{token} in {html}");
        }
    }

    #[test]
    fn unknown_language_is_escaped_plain() {
        let html = highlight_code("<b>", "nosuchlang");
        assert!(html.contains("&lt;b&gt;"));
    }
}
