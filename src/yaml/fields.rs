//! Reading one YAML mapping field by field: `Fields` rejects unknown keys
//! with a "did you mean", and its typed getters record a diagnostic for
//! every value of the wrong shape instead of stopping at the first. Every
//! diagnostic carries the line and column of the value it is about.

use std::borrow::Cow;

use marked_yaml::Node;

use crate::diagnostics::{suggestion_suffix, Diagnostic, Pos};
use crate::text::replace_controls;
use crate::yaml::{YamlSource, MAX_MAGNITUDE};

/// A human word for a node's shape, for "expected X, found Y".
pub(crate) fn shape(node: &Node) -> &'static str {
    match node {
        Node::Scalar(_) => "a single value",
        Node::Sequence(_) => "a list",
        Node::Mapping(_) => "a mapping",
    }
}

/// One mapping being read: which keys are allowed, what was found, and the
/// diagnostics so far.
pub(crate) struct Fields<'n, 's> {
    src: &'s YamlSource<'s>,
    map: &'n marked_yaml::types::MarkedMappingNode,
    /// Everything wrong found while reading.
    pub diags: Vec<Diagnostic>,
}

impl<'n, 's> Fields<'n, 's> {
    /// Start reading `node`, which must be a mapping whose keys are all in
    /// `allowed`. `what` names the mapping in messages ("front matter").
    pub(crate) fn new(
        src: &'s YamlSource<'s>,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<Self> {
        let map = node.as_mapping()?;
        let mut diags = Vec::new();
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let pos = key
                    .span()
                    .start()
                    .map(|m| Pos::new(m.line() + src.line_offset, m.column()))
                    .unwrap_or_default();
                let hint = suggestion_suffix(key.as_str(), allowed.iter().copied());
                diags.push(src.error(
                    pos,
                    format!("unknown field \"{}\" in {what}{hint}", key.as_str()),
                ));
            }
        }
        Some(Fields { src, map, diags })
    }

    /// The source being read.
    pub(crate) fn source(&self) -> &'s YamlSource<'s> {
        self.src
    }

    /// Position of the mapping itself: where its first key starts. (The
    /// mapping's own span starts at the first `:`, not at the key.)
    pub(crate) fn pos(&self) -> Pos {
        self.map
            .keys()
            .next()
            .and_then(|k| k.span().start())
            .or_else(|| self.map.span().start())
            .map(|m| Pos::new(m.line() + self.src.line_offset, m.column()))
            .unwrap_or(Pos::new(self.src.line_offset + 1, 1))
    }

    /// The raw node of a key.
    pub(crate) fn node(&self, key: &str) -> Option<&'n Node> {
        self.map.get_node(key)
    }

    /// Record a diagnostic.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Record an error at a node.
    pub(crate) fn error_at(&mut self, node: &Node, msg: impl Into<String>) {
        let pos = self.src.pos(node);
        self.diags.push(self.src.error(pos, msg));
    }

    /// A required key: records "missing field" when absent.
    pub(crate) fn require(&mut self, key: &str, what: &str) -> Option<&'n Node> {
        let node = self.node(key);
        if node.is_none() {
            let pos = self.pos();
            self.diags.push(
                self.src
                    .error(pos, format!("missing required field \"{key}\" in {what}")),
            );
        }
        node
    }

    /// A scalar value as text (empty scalars are `None` with an error).
    pub(crate) fn string(&mut self, key: &str) -> Option<(String, Pos)> {
        let node = self.node(key)?;
        self.string_of(key, node)
    }

    /// A node that must be a non-empty scalar.
    pub(crate) fn string_of(&mut self, key: &str, node: &Node) -> Option<(String, Pos)> {
        let pos = self.src.pos(node);
        match node.as_scalar() {
            Some(s) if !(s.may_coerce() && matches!(s.as_str(), "" | "~" | "null")) => {
                let text = replace_controls(s.as_str());
                if let Cow::Owned(_) = text {
                    self.diags.push(Diagnostic::warning(
                        self.src.file,
                        Some(pos),
                        format!("control character in \"{key}\" replaced with U+FFFD"),
                    ));
                }
                Some((text.into_owned(), pos))
            }
            Some(_) => {
                self.error_at(node, format!("\"{key}\" is empty"));
                None
            }
            None => {
                let found = shape(node);
                self.error_at(node, format!("\"{key}\" must be text, found {found}"));
                None
            }
        }
    }

    /// A finite number.
    pub(crate) fn number(&mut self, key: &str) -> Option<(f64, Pos)> {
        let node = self.node(key)?;
        let pos = self.src.pos(node);
        let Some(s) = node.as_scalar() else {
            let found = shape(node);
            self.error_at(node, format!("\"{key}\" must be a number, found {found}"));
            return None;
        };
        let text = s.as_str().trim().replace('_', "");
        if s.may_coerce()
            && matches!(
                text.to_ascii_lowercase().as_str(),
                ".inf" | "+.inf" | "-.inf" | ".nan"
            )
        {
            self.error_at(
                node,
                format!(
                    "\"{key}\" must be a finite number, found \"{}\"",
                    s.as_str()
                ),
            );
            return None;
        }
        match text.parse::<f64>() {
            Ok(v) if v.abs() >= MAX_MAGNITUDE && v.is_finite() && s.may_coerce() => {
                self.error_at(
                    node,
                    format!(
                        "\"{key}\" is too large: {} cannot be shown with its digits intact (the limit is 1e15)",
                        s.as_str()
                    ),
                );
                None
            }
            Ok(v) if v.is_finite() && s.may_coerce() => Some((v, pos)),
            Ok(_) if s.may_coerce() => {
                self.error_at(
                    node,
                    format!(
                        "\"{key}\" must be a finite number, found \"{}\"",
                        s.as_str()
                    ),
                );
                None
            }
            _ => {
                let hint = percent_hint(key, &text);
                self.error_at(
                    node,
                    format!("\"{key}\" must be a number, found \"{}\"{hint}", s.as_str()),
                );
                None
            }
        }
    }

    /// An integer.
    pub(crate) fn integer(&mut self, key: &str) -> Option<(i64, Pos)> {
        let node = self.node(key)?;
        let pos = self.src.pos(node);
        match node
            .as_scalar()
            .filter(|s| s.may_coerce())
            .map(|s| s.as_str().parse::<i64>())
        {
            Some(Ok(v)) => Some((v, pos)),
            _ => {
                self.error_at(node, format!("\"{key}\" must be a whole number"));
                None
            }
        }
    }

    /// A boolean.
    pub(crate) fn boolean(&mut self, key: &str) -> Option<bool> {
        let node = self.node(key)?;
        match node
            .as_scalar()
            .filter(|s| s.may_coerce())
            .and_then(|s| s.as_bool())
        {
            Some(b) => Some(b),
            None => {
                self.error_at(node, format!("\"{key}\" must be true or false"));
                None
            }
        }
    }

    /// A date `YYYY-MM-DD`.
    pub(crate) fn date(&mut self, key: &str) -> Option<(chrono::NaiveDate, Pos)> {
        let (text, pos) = self.string(key)?;
        match chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(d) if text.trim().len() == 10 => Some((d, pos)),
            _ => {
                self.diags.push(self.src.error(
                    pos,
                    format!("\"{key}\" must be a date written YYYY-MM-DD, found \"{text}\""),
                ));
                None
            }
        }
    }

    /// A list of text values.
    pub(crate) fn string_list(&mut self, key: &str) -> Vec<(String, Pos)> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        let Some(seq) = node.as_sequence() else {
            let found = shape(node);
            self.error_at(node, format!("\"{key}\" must be a list, found {found}"));
            return Vec::new();
        };
        seq.iter()
            .filter_map(|item| self.string_of(key, item))
            .collect()
    }

    /// A mapping from language code to text (`{ zh: ..., en: ... }`), or a
    /// plain string taken as the text for every language.
    pub(crate) fn localized(&mut self, key: &str) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        let Some(node) = self.node(key) else {
            return out;
        };
        match node {
            Node::Scalar(s) => {
                out.insert(String::new(), replace_controls(s.as_str()).into_owned());
            }
            Node::Mapping(m) => {
                for (k, v) in m.iter() {
                    match v.as_scalar() {
                        Some(s) => {
                            out.insert(
                                replace_controls(k.as_str()).into_owned(),
                                replace_controls(s.as_str()).into_owned(),
                            );
                        }
                        None => self.error_at(v, format!("\"{key}.{}\" must be text", k.as_str())),
                    }
                }
            }
            Node::Sequence(_) => self.error_at(
                node,
                format!("\"{key}\" must be text or a mapping like {{ zh: ..., en: ... }}"),
            ),
        }
        out
    }
}

/// Convert a node to JSON for templates (`extra:`). Scalars that YAML would
/// read as numbers or booleans become those.
pub(crate) fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value;
    match node {
        Node::Scalar(s) => {
            if s.may_coerce() {
                if let Some(b) = s.as_bool() {
                    return Value::Bool(b);
                }
                if let Ok(i) = s.as_str().parse::<i64>() {
                    return Value::from(i);
                }
                if let Some(n) = s
                    .as_str()
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                {
                    return Value::Number(n);
                }
                if matches!(s.as_str(), "~" | "null" | "") {
                    return Value::Null;
                }
            }
            Value::String(replace_controls(s.as_str()).into_owned())
        }
        Node::Sequence(seq) => Value::Array(seq.iter().map(to_json).collect()),
        Node::Mapping(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (replace_controls(k.as_str()).into_owned(), to_json(v)))
                .collect(),
        ),
    }
}

/// `change: 12.3%` is a natural thing to write: say how to write it.
fn percent_hint(key: &str, text: &str) -> String {
    let Some(n) = text.strip_suffix('%').map(str::trim) else {
        return String::new();
    };
    match n.parse::<f64>() {
        Ok(v) if v.is_finite() && key == "change" => {
            let plain = n.trim_start_matches('+');
            format!(" (a change is a plain number of percent: write {plain} for {v:+}%)")
        }
        Ok(v) if v.is_finite() => format!(
            " (write the number without %: {})",
            n.trim_start_matches('+')
        ),
        _ => String::new(),
    }
}
