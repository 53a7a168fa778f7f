//! The default summary of a bulletin: the plain text of its first
//! paragraph, cut at about 160 characters on a character boundary.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Length of a default summary, in characters.
pub(crate) const SUMMARY_CHARS: usize = 160;

/// Plain text of the first paragraph of `markdown`, at most
/// `SUMMARY_CHARS` characters (then ending in `…`).
pub(crate) fn first_paragraph_summary(markdown: &str) -> String {
    let mut text = String::new();
    let mut in_para = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => in_para = true,
            Event::End(TagEnd::Paragraph) if in_para => break,
            Event::Text(t) | Event::Code(t) if in_para => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_para => text.push(' '),
            _ => {}
        }
        if text.chars().count() > SUMMARY_CHARS * 2 {
            break;
        }
    }
    let text = crate::text::join_cjk_spaces(text.trim());
    cut(&text, SUMMARY_CHARS)
}

/// Cut `s` to `max` characters, adding `…` when something was cut.
pub(crate) fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_first_paragraph_only() {
        assert_eq!(
            first_paragraph_summary("# H\n\nOne *two*\nthree.\n\nNext."),
            "One two three."
        );
    }

    #[test]
    fn cuts_on_character_boundary() {
        let long = "瓜".repeat(300);
        let s = first_paragraph_summary(&long);
        assert_eq!(s.chars().count(), SUMMARY_CHARS + 1);
        assert!(s.ends_with('…'));
    }

    #[test]
    fn no_space_between_cjk_lines() {
        assert_eq!(first_paragraph_summary("财政收入\n增长"), "财政收入增长");
    }
}
