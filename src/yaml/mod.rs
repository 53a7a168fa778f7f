//! Reading YAML with positions. serde_yaml checks the syntax; a streaming
//! pass over yaml-rust2's events then bounds the nesting depth; only then
//! does marked-yaml build the tree that gives every key and value its line
//! and column, so errors about a field point at that field rather than at a
//! text search for its value.
//!
//! The order matters: marked-yaml (through yaml-rust2's `load`) recurses
//! once per level of nesting, so a block sequence 10,000 levels deep
//! (`- - - - … x`) would overflow the stack and abort the process. The two
//! passes before it are iterative (serde_yaml skips a value with an explicit
//! stack; the depth pass counts start and end events), so no input reaches
//! a recursive reader deeper than `MAX_DEPTH`.
//! `yaml::fields` then reads a mapping field by field. `config` reads
//! site.yaml with them and `load` the front matter and the catalogue, so
//! they sit below both.

pub(crate) mod fields;

use marked_yaml::{LoaderOptions, Node};

use crate::diagnostics::{Diagnostic, Pos};

/// Front matter larger than this is refused (SPEC §5.1.1).
pub(crate) const MAX_YAML_BYTES: usize = 1 << 20;
/// Nesting deeper than this is refused (SPEC §5.1.1).
pub(crate) const MAX_DEPTH: usize = 64;
/// Figures at or beyond this magnitude cannot be shown with their digits
/// intact: reported values are refused at load time, derived values that
/// reach it are errors.
pub(crate) const MAX_MAGNITUDE: f64 = 1e15;

/// Where a YAML text sits in its file, for positions in diagnostics.
#[derive(Debug, Clone)]
pub(crate) struct YamlSource<'a> {
    /// Path relative to the site root.
    pub file: &'a str,
    /// The YAML text.
    pub text: &'a str,
    /// Lines of the file before the YAML text starts.
    pub line_offset: usize,
}

impl YamlSource<'_> {
    /// File position of a marked-yaml node.
    pub(crate) fn pos(&self, node: &Node) -> Pos {
        node.span()
            .start()
            .map(|m| Pos::new(m.line() + self.line_offset, m.column()))
            .unwrap_or(Pos::new(self.line_offset + 1, 1))
    }

    /// An error at a position of this file.
    pub(crate) fn error(&self, pos: Pos, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.file, Some(pos), msg)
    }

    /// Parse the text into a node tree, or the one diagnostic that explains
    /// why it cannot be read.
    pub(crate) fn parse(&self) -> Result<Node, Diagnostic> {
        if self.text.len() > MAX_YAML_BYTES {
            return Err(self.error(
                Pos::new(self.line_offset + 1, 1),
                format!(
                    "front matter is {} bytes; the limit is {} (1 MiB)",
                    self.text.len(),
                    MAX_YAML_BYTES
                ),
            ));
        }
        // serde_yaml first: its syntax messages are the clearest, and it
        // refuses recursion bombs and alias expansions ("billion laughs").
        if let Err(e) = serde_yaml::from_str::<serde::de::IgnoredAny>(self.text) {
            let pos = e
                .location()
                .map(|l| Pos::new(l.line() + self.line_offset, l.column()))
                .unwrap_or(Pos::new(self.line_offset + 1, 1));
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let hint = syntax_hint(&msg);
            return Err(self.error(pos, format!("invalid YAML: {msg}{hint}")));
        }
        self.check_depth()?;
        let options = LoaderOptions::default().error_on_duplicate_keys(true);
        marked_yaml::parse_yaml_with_options(0, self.text, options).map_err(|e| self.load_error(e))
    }

    /// Refuse nesting deeper than `MAX_DEPTH` without building anything:
    /// one pass over the parser's events, counting open mappings and
    /// sequences (the top-level mapping is level 1). A syntax error ends
    /// the pass quietly: marked-yaml stops at the same event and reports
    /// it, having nested no deeper than this pass saw.
    fn check_depth(&self) -> Result<(), Diagnostic> {
        use yaml_rust2::parser::{Event, Parser};
        let mut parser = Parser::new_from_str(self.text);
        let mut depth = 0usize;
        while let Ok((event, mark)) = parser.next_token() {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(self.error(
                            Pos::new(mark.line() + self.line_offset, mark.col() + 1),
                            format!(
                                "YAML nested more than {MAX_DEPTH} levels deep; \
                                 flatten this value (at most {MAX_DEPTH} levels of lists and mappings)"
                            ),
                        ));
                    }
                }
                Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
                Event::StreamEnd => break,
                _ => {}
            }
        }
        Ok(())
    }

    fn load_error(&self, e: marked_yaml::LoadError) -> Diagnostic {
        use marked_yaml::LoadError as E;
        let at = |m: &marked_yaml::Marker| Pos::new(m.line() + self.line_offset, m.column());
        match e {
            E::TopLevelMustBeMapping(m) => {
                self.error(at(&m), "expected a mapping of `key: value` lines")
            }
            E::TopLevelMustBeSequence(m) => self.error(at(&m), "expected a list"),
            E::UnexpectedAnchor(m) => self.error(
                at(&m),
                "YAML anchors and aliases (&name, *name) are not allowed here; write the value out",
            ),
            E::MappingKeyMustBeScalar(m) => self.error(at(&m), "keys must be plain words"),
            E::UnexpectedTag(m) => self.error(at(&m), "YAML tags (!name) are not allowed here"),
            E::ScanError(m, s) => self.error(at(&m), format!("invalid YAML: {s}")),
            E::DuplicateKey(d) => {
                let first = d
                    .prev_key
                    .span()
                    .start()
                    .map(|m| m.line() + self.line_offset);
                let pos = d
                    .key
                    .span()
                    .start()
                    .map(at)
                    .unwrap_or(Pos::new(self.line_offset + 1, 1));
                let also = first
                    .map(|l| format!(" (first on line {l})"))
                    .unwrap_or_default();
                self.error(
                    pos,
                    format!("key \"{}\" appears twice{also}", d.key.as_str()),
                )
            }
        }
    }
}
/// What usually causes the YAML syntax errors people meet first.
fn syntax_hint(msg: &str) -> &'static str {
    if msg.contains("unexpected end of stream") {
        " (is a quote or a bracket left open?)"
    } else if msg.contains("mapping values are not allowed") {
        " (text holding `: ` needs quotes, as in title: \"Notice: road works\")"
    } else {
        ""
    }
}
