//! Splitting a bulletin's text into its YAML front matter and Markdown body.
//! Pure: works on `&str`, does no I/O.

use crate::diagnostics::Pos;

/// A file split at its front matter fences.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the text.
    pub body_start: usize,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Why a file has no usable front matter.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// Nothing but white space.
    Empty,
    /// The first line is not `---`.
    NoOpening,
    /// No closing `---` line.
    Unclosed,
}

impl SplitError {
    /// The message and position for the diagnostic.
    pub(crate) fn describe(&self) -> (Pos, &'static str) {
        match self {
            SplitError::Empty => (Pos::new(1, 1), "the file is empty; a bulletin starts with front matter between two `---` lines"),
            SplitError::NoOpening => (Pos::new(1, 1), "missing front matter: the first line must be `---`, followed by YAML and a closing `---` line"),
            SplitError::Unclosed => (Pos::new(1, 1), "front matter opened here is never closed: add a line `---` after the YAML"),
        }
    }
}

/// Split `text` (BOM already removed, line ends already `\n`).
pub(crate) fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::NoOpening);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, l) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if l.trim_end() == "---" {
            let body_start = offset + l.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[body_start..],
                body_start,
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let s = split("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_start, 17);
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let s = split("---\n---").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn reports_each_failure() {
        assert_eq!(split(" \n"), Err(SplitError::Empty));
        assert_eq!(split("title: a\n"), Err(SplitError::NoOpening));
        assert_eq!(split("---\ntitle: a\n"), Err(SplitError::Unclosed));
    }
}
