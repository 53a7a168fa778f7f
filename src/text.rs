//! Turning a file's bytes into text the parsers can trust: UTF-8 checked
//! (with the line of the first bad byte), BOM dropped, CRLF folded to LF,
//! and control characters replaced so they never reach the output raw;
//! and the CJK rule of spacing (no space between two CJK characters) that
//! both the loader's default summaries and the Markdown renderer apply.
//! Config, loader and renderer all use it, so it sits below all of them.

use crate::diagnostics::{Diagnostic, Pos};

/// Decode `bytes` of the file `rel`. Invalid UTF-8 anywhere is an error
/// (we do not publish guessed text); control characters are replaced with
/// U+FFFD and reported as a warning.
pub(crate) fn decode(rel: &str, bytes: &[u8]) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = String::from_utf8_lossy(
                &good[good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)..],
            )
            .chars()
            .count()
                + 1;
            return Err(Diagnostic::error(
                rel,
                Some(Pos::new(line, col)),
                "the file is not valid UTF-8 text: save it as UTF-8",
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_plain(text.as_bytes()) {
        return Ok((text.to_owned(), Vec::new()));
    }
    let mut out = String::with_capacity(text.len());
    let mut warnings = Vec::new();
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                out.push('\n');
                line += 1;
            }
            '\t' => out.push(c),
            c if c.is_control() => {
                if warnings.is_empty() {
                    warnings.push(Diagnostic::warning(
                        rel,
                        Some(Pos::new(line, 1)),
                        format!("control character U+{:04X} replaced with U+FFFD", c as u32),
                    ));
                }
                out.push('\u{fffd}');
            }
            c => out.push(c),
        }
    }
    Ok((out, warnings))
}

/// No carriage return and no control character but line feed and tab: the
/// text is kept as it is. A byte scan, because nearly every file is plain
/// and decoding it char by char was a twentieth of a build. C1 controls
/// (U+0080-U+009F) are 0xC2 0x80-0x9F in UTF-8.
fn is_plain(b: &[u8]) -> bool {
    !b.iter().enumerate().any(|(i, &c)| {
        (c < 0x20 && c != b'\n' && c != b'\t')
            || c == 0x7f
            || (c == 0xc2 && matches!(b.get(i + 1), Some(0x80..=0x9f)))
    })
}

/// Is `c` a control character that must not reach the output? Line feed
/// and tab are text.
pub(crate) fn is_forbidden_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `s` with every forbidden control character replaced by U+FFFD. YAML
/// escapes (`"\0"`, `"\x07"`) create them after decoding, so every string
/// read from YAML goes through here too.
pub(crate) fn replace_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_forbidden_control) {
        s.chars()
            .map(|c| {
                if is_forbidden_control(c) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Is `c` a CJK character or CJK punctuation (no spaces belong around it)?
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

/// Remove single spaces that sit between two CJK characters.
pub(crate) fn join_cjk_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() && is_cjk(chars[i - 1]) && is_cjk(chars[i + 1])
        {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        let (t, w) = decode("a", "\u{feff}---\r\ntitle: x\r\n---\r\n".as_bytes()).unwrap();
        assert_eq!(t, "---\ntitle: x\n---\n");
        assert!(w.is_empty());
    }

    #[test]
    fn plain_text_is_kept_and_every_control_is_still_seen() {
        let plain = "---\ntitle: 财政收入\tok ü €\n---\n";
        let (t, w) = decode("a", plain.as_bytes()).unwrap();
        assert_eq!((t.as_str(), w.len()), (plain, 0));
        // A C1 control (U+0085) and DEL take the careful path.
        for bad in ["x\u{85}y", "x\u{7f}y", "x\u{9f}"] {
            let (t, w) = decode("a", bad.as_bytes()).unwrap();
            assert!(t.contains('\u{fffd}') && w.len() == 1, "{bad:?}");
        }
        // U+00A0 (0xC2 0xA0) is text.
        assert!(decode("a", "a\u{a0}b".as_bytes()).unwrap().1.is_empty());
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let e = decode("a", b"---\ntitle: \xff\n").unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(2, 8)));
    }

    #[test]
    fn yaml_escapes_cannot_smuggle_control_characters() {
        assert_eq!(
            replace_controls("a\0b\u{1b}[0m\u{85}"),
            "a\u{fffd}b\u{fffd}[0m\u{fffd}"
        );
        assert!(matches!(
            replace_controls("line\n\tok"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn control_characters_never_pass() {
        let (t, w) = decode("a", b"a\x00b\x07").unwrap();
        assert_eq!(t, "a\u{fffd}b\u{fffd}");
        assert_eq!(w.len(), 1);
    }
}
