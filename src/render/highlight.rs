//! Code highlighting with syntect, as CSS classes so the theme decides the
//! colours. The syntax set is loaded the first time a page has code, so
//! sites without code never pay for it.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Escape text for HTML element content and attribute values (quick-xml's
/// escaping: `& < > " '`).
pub(crate) fn escape_html(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// A `<pre><code>` block; highlighted when `lang` names a known syntax.
pub(crate) fn highlight_code(code: &str, lang: &str) -> String {
    let lang_attr = escape_html(lang);
    if lang.is_empty() {
        return format!("<pre><code>{}</code></pre>\n", escape_html(code));
    }
    let set = syntaxes();
    let Some(syntax) = set.find_syntax_by_token(lang) else {
        return format!(
            "<pre><code class=\"language-{lang_attr}\">{}</code></pre>\n",
            escape_html(code)
        );
    };
    let mut gen = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre><code class=\"language-{lang_attr}\">{}</code></pre>\n",
                escape_html(code)
            );
        }
    }
    format!(
        "<pre class=\"highlight\"><code class=\"language-{lang_attr}\">{}</code></pre>\n",
        gen.finalize()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_classes() {
        let html = highlight_code("{\"a\": 1}\n", "json");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain() {
        let html = highlight_code("<b>", "nosuchlang");
        assert!(html.contains("&lt;b&gt;"));
    }
}
