//! Diagnostics: every problem a build finds, with the file, line and column
//! it is about, collected rather than thrown so that one run reports all of
//! them (a compiler's habit, and ripgrep's `messages.rs`).
//!
//! Rendering uses codespan-reporting so the offending source line is shown
//! under the message without hand-drawn snippets. The first line of each
//! report keeps the `error: path:line:col: message` form that editors and CI
//! log scrapers recognise.

use std::fmt;
use std::io::Write;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

/// How bad a diagnostic is. Warnings become errors under `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Content is wrong; the build fails.
    Error,
    /// Content is suspicious; the build goes on.
    Warning,
}

/// A position in a source file, both 1-based, column counted in characters.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

impl Pos {
    /// A position from a 1-based line and column.
    pub fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }
}

/// One problem found in the site's sources.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// Where in the file, when known.
    pub pos: Option<Pos>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file's text, for the snippet, when it is available.
    pub source: Option<Arc<str>>,
    /// The kind of warning ("revision", "consistency"), so that many of
    /// one kind can be summarised; `None` for one of a kind.
    pub group: Option<&'static str>,
}

impl Diagnostic {
    /// An error at a position.
    pub fn error(file: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            pos,
            message: message.into(),
            source: None,
            group: None,
        }
    }

    /// A warning at a position.
    pub fn warning(file: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    /// Mark the kind of warning, for summaries.
    pub fn in_group(mut self, group: &'static str) -> Self {
        self.group = Some(group);
        self
    }

    /// Attach the file's text so the rendered report can quote the line.
    pub fn with_source(mut self, source: Arc<str>) -> Self {
        self.source = Some(source);
        self
    }

    fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// `path:line:col` (or just `path` without a position).
    pub fn location(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.col),
            None => self.file.clone(),
        }
    }

    /// The report as a person reads it: the header line and, where the
    /// source is known, the offending line with a marker under it.
    pub fn render(&self, color: bool) -> String {
        let header = format!("{}: {}", self.location(), self.message);
        let mut out: Vec<u8> = Vec::new();
        let snippet = match (&self.source, self.pos) {
            (Some(src), Some(pos)) => byte_range(src, pos),
            _ => None,
        };
        match (snippet, &self.source) {
            (Some(range), Some(src)) => {
                let mut files = SimpleFiles::new();
                let id = files.add(self.file.as_str(), src.as_ref());
                let diag = match self.severity {
                    Severity::Error => CsDiagnostic::error(),
                    Severity::Warning => CsDiagnostic::warning(),
                }
                .with_message(header)
                .with_labels(vec![Label::primary(id, range)]);
                let config = term::Config::default();
                let result = if color {
                    let mut w = termcolor::Ansi::new(&mut out);
                    term::emit(&mut w, &config, &files, &diag)
                } else {
                    let mut w = termcolor::NoColor::new(&mut out);
                    term::emit(&mut w, &config, &files, &diag)
                };
                if result.is_err() {
                    out.clear();
                    let _ = writeln!(out, "{}: {}", self.label(), self.location_message());
                }
            }
            _ => {
                let _ = writeln!(out, "{}: {}", self.label(), self.location_message());
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    fn location_message(&self) -> String {
        format!("{}: {}", self.location(), self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label(), self.location_message())
    }
}

/// Byte range of the token starting at `pos` (up to the end of the word, at
/// least one character), or `None` when the position is outside the text.
fn byte_range(src: &str, pos: Pos) -> Option<std::ops::Range<usize>> {
    let line_start = if pos.line <= 1 {
        0
    } else {
        src.match_indices('\n').nth(pos.line - 2)?.0 + 1
    };
    let line_end = src[line_start..]
        .find('\n')
        .map_or(src.len(), |i| line_start + i);
    let line = &src[line_start..line_end];
    let start = line_start
        + line
            .char_indices()
            .nth(pos.col.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
    let rest = &src[start..line_end];
    let len = rest
        .char_indices()
        .find(|&(i, c)| i > 0 && c.is_whitespace())
        .map_or(rest.len(), |(i, _)| i);
    Some(start..start + len.max(rest.chars().next().map_or(0, char::len_utf8)))
}

/// Every diagnostic of a run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Add many.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Sort by file, position and message so output does not depend on
    /// thread scheduling.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message).cmp(&(&b.file, b.pos, b.severity, &b.message))
        });
        self.items
            .dedup_by(|a, b| a.file == b.file && a.pos == b.pos && a.message == b.message);
    }

    /// Give every diagnostic that has a position but no source text the
    /// text `read` returns for its file (read once per file).
    pub fn fill_sources(&mut self, mut read: impl FnMut(&str) -> Option<Arc<str>>) {
        let mut cache: std::collections::HashMap<String, Option<Arc<str>>> = Default::default();
        for d in self
            .items
            .iter_mut()
            .filter(|d| d.source.is_none() && d.pos.is_some())
        {
            let text = cache.entry(d.file.clone()).or_insert_with(|| read(&d.file));
            d.source = text.clone();
        }
    }

    /// Turn warnings into errors (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// All diagnostics.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True when at least one error was found.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }
}

/// Warnings of one kind printed in full before the rest are only counted.
pub(crate) const SHOWN_PER_KIND: usize = 5;
/// More warnings of one kind than this (about a screenful with their
/// source lines) are summarised unless `--verbose` asks for all.
pub(crate) const SUMMARISE_ABOVE: usize = 8;

/// What to print of a run's diagnostics: every error, and the warnings
/// of each kind in full up to a screenful, then counted.
pub struct Summary<'a> {
    /// Diagnostics to print in full, in order.
    pub shown: Vec<&'a Diagnostic>,
    /// (kind, number not shown), by kind.
    pub hidden: Vec<(&'static str, usize)>,
}

impl Summary<'_> {
    /// The closing lines: `warning: 1423 more revision warnings not shown
    /// (gazette build --verbose shows them all)`.
    pub fn hidden_lines(&self, command: &str) -> Vec<String> {
        self.hidden
            .iter()
            .map(|(kind, n)| {
                let kind = if *kind == "other" { "" } else { kind };
                let noun = if *n == 1 { "warning" } else { "warnings" };
                let kind = if kind.is_empty() {
                    String::new()
                } else {
                    format!("{kind} ")
                };
                format!(
                    "warning: {n} more {kind}{noun} like these not shown (`gazette {command} --verbose` shows them all)"
                )
            })
            .collect()
    }
}

impl Diagnostics {
    /// Choose what to print: with `verbose` everything; otherwise every
    /// error, and of each kind of warning the first few when there are
    /// more than a screenful.
    pub fn summarise<'a>(
        items: impl IntoIterator<Item = &'a Diagnostic>,
        verbose: bool,
    ) -> Summary<'a> {
        let items: Vec<&Diagnostic> = items.into_iter().collect();
        if verbose {
            return Summary {
                shown: items,
                hidden: Vec::new(),
            };
        }
        let kind = |d: &Diagnostic| d.group.unwrap_or("other");
        let mut totals: std::collections::BTreeMap<&'static str, usize> = Default::default();
        for d in items.iter().filter(|d| d.severity == Severity::Warning) {
            *totals.entry(kind(d)).or_default() += 1;
        }
        let mut seen: std::collections::BTreeMap<&'static str, usize> = Default::default();
        let shown = items
            .into_iter()
            .filter(|d| {
                if d.severity == Severity::Error || totals[kind(d)] <= SUMMARISE_ABOVE {
                    return true;
                }
                let n = seen.entry(kind(d)).or_default();
                *n += 1;
                *n <= SHOWN_PER_KIND
            })
            .collect();
        let hidden = totals
            .into_iter()
            .filter(|(_, n)| *n > SUMMARISE_ABOVE)
            .map(|(k, n)| (k, n - SHOWN_PER_KIND))
            .collect();
        Summary { shown, hidden }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// "1 bulletin", "2 bulletins": a count for a summary line (the nouns
/// gazette counts all take `s` in the plural).
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The "did you mean" suggestion: the closest candidate by Jaro-Winkler
/// similarity, when it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `" (did you mean "x"?)"` or nothing.
pub(crate) fn suggestion_suffix<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    did_you_mean(word, candidates)
        .map(|c| format!(" (did you mean \"{c}\"?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_header_and_source_line() {
        let src: Arc<str> = Arc::from("---\ntitle: x\nkind: notce\n---\n");
        let d = Diagnostic::error(
            "bulletins/a.md",
            Some(Pos::new(3, 7)),
            "unknown kind \"notce\"",
        )
        .with_source(src);
        let text = d.render(false);
        assert!(
            text.starts_with("error: bulletins/a.md:3:7: unknown kind \"notce\""),
            "{text}"
        );
        assert!(text.contains("kind: notce"), "{text}");
    }

    #[test]
    fn summarises_many_warnings_of_one_kind() {
        let mut diags = Diagnostics::new();
        for i in 0..20 {
            diags.push(
                Diagnostic::warning(format!("b{i:02}.md"), None, "revised").in_group("revision"),
            );
        }
        diags.push(Diagnostic::warning("x.md", None, "odd"));
        diags.push(Diagnostic::error("y.md", None, "bad"));
        let s = Diagnostics::summarise(diags.items(), false);
        assert_eq!(s.shown.len(), SHOWN_PER_KIND + 2);
        assert_eq!(s.hidden, vec![("revision", 20 - SHOWN_PER_KIND)]);
        assert_eq!(
            s.hidden_lines("build"),
            ["warning: 15 more revision warnings like these not shown (`gazette build --verbose` shows them all)"]
        );
        let all = Diagnostics::summarise(diags.items(), true);
        assert_eq!((all.shown.len(), all.hidden.len()), (22, 0));
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(did_you_mean("titel", ["title", "date"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "date"]), None);
    }
}
