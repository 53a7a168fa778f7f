//! The layers of the crate, checked: the data flows one way
//! (`cli -> config -> load -> model -> render -> write`, `serve` on top),
//! and so do the imports. `ALLOWED` below is the rule, written out in
//! docs/decisions.md ("Module layers"); the test reads every file under
//! `src/`, collects the `crate::…` paths it names, and fails with the file
//! and line of each path that goes against the table. A second test
//! keeps the files of the stages below rendering free of import cycles.
//!
//! Paths across top-level modules are written `crate::…` (never
//! `super::super::…`), so this is all that needs reading.

use std::path::Path;

/// The foundation: small helpers below every stage, which any module may
/// import. Each may import only the foundation modules listed for it.
const FOUNDATION: &[(&str, &[&str])] = &[
    ("diagnostics", &[]),
    ("fsutil", &[]),
    ("slug", &[]),
    // Helpers shared by the unit and integration tests (a tree copy).
    ("testing", &["fsutil"]),
    ("text", &["diagnostics"]),
    ("yaml", &["diagnostics", "text"]),
];

/// Every other top-level module and what it may import besides the
/// foundation: a module (`model`), or single items of one (`render::OutputFile`).
const ALLOWED: &[(&str, &[&str])] = &[
    ("config", &[]),
    ("model", &["config"]),
    ("load", &["config", "model"]),
    ("render", &["config", "model"]),
    // The output folder is written from the list of output files only.
    ("write", &["render::OutputFile", "render::Content"]),
    // `check` checks the links of the output files instead of writing them.
    ("check", &["render"]),
    // One run of the stages, for `build`, `check` and the preview.
    (
        "pipeline",
        &["config", "load", "model", "render", "write", "check"],
    ),
    // What the last build made of each page, and the bulletins it parsed,
    // kept in the cache folder.
    (
        "render_cache",
        &[
            "load::parses",
            "model::bulletin",
            "render",
            "write",
            "pipeline",
        ],
    ),
    (
        "serve",
        &[
            "config", "load", "model", "render", "write", "check", "pipeline",
        ],
    ),
    (
        "cli",
        &[
            "config",
            "load",
            "model",
            "render",
            "write",
            "check",
            "pipeline",
            "serve",
            "render_cache",
        ],
    ),
    // The entry points of the fuzz targets (fuzz/).
    ("fuzzing", &["config", "load", "model", "render"]),
];

/// A path that goes against the table, as `file:line: message`.
fn violations(rel: &str, text: &str) -> Vec<String> {
    let top = rel.split('/').next().unwrap_or(rel).trim_end_matches(".rs");
    let foundation = FOUNDATION.iter().find(|(m, _)| *m == top);
    let allowed: Vec<&str> = match (foundation, ALLOWED.iter().find(|(m, _)| *m == top)) {
        (Some((_, a)), _) => a.to_vec(),
        (None, Some((_, a))) => {
            let mut all: Vec<&str> = FOUNDATION.iter().map(|(m, _)| *m).collect();
            all.extend(a.iter());
            all
        }
        (None, None) => {
            return vec![format!(
                "src/{rel}: the module `{top}` has no row in the table of layers (src/layers.rs, docs/decisions.md): add one"
            )]
        }
    };
    let mut out = Vec::new();
    for (line, path) in crate_paths(text) {
        let target = path.split("::").next().unwrap_or_default();
        let ok = target == top
            || allowed
                .iter()
                .any(|a| path == *a || path.starts_with(&format!("{a}::")));
        if !ok {
            out.push(format!(
                "src/{rel}:{line}: `{top}` may not import `crate::{path}` (it may import: {}); the data flows cli -> config -> load -> model -> render -> write",
                if allowed.is_empty() { "nothing".to_string() } else { allowed.join(", ") }
            ));
        }
    }
    out
}

/// Every `crate::` path of `text` with its line, use groups expanded
/// (`crate::{a::B, c}` gives `a::B` and `c`). Comment lines are skipped.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    // Blank out comment lines, keeping the line count.
    let code: String = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let needle = concat!("crate", "::");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find(needle) {
        let at = from + i;
        from = at + needle.len();
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let line = code[..at].matches('\n').count() + 1;
        let mut paths = Vec::new();
        use_tree(&code[from..], "", &mut paths);
        out.extend(paths.into_iter().map(|p| (line, p)));
    }
    out
}

/// Read one use tree at the start of `s` (after `crate::`), pushing every
/// path it names with `prefix`; returns the bytes read.
fn use_tree(s: &str, prefix: &str, out: &mut Vec<String>) -> usize {
    let mut i = skip_space(s, 0);
    let mut path = prefix.to_string();
    loop {
        if s[i..].starts_with('{') {
            i += 1;
            loop {
                i = skip_space(s, i);
                if i >= s.len() || s[i..].starts_with('}') {
                    return (i + 1).min(s.len());
                }
                i += use_tree(&s[i..], &path, out);
                // Skip a rename (`as X`) up to the next item or the end.
                while i < s.len() && !s[i..].starts_with(',') && !s[i..].starts_with('}') {
                    i += s[i..].chars().next().map_or(1, char::len_utf8);
                }
                if i < s.len() && s[i..].starts_with(',') {
                    i += 1;
                }
            }
        }
        let len = s[i..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '*'))
            .unwrap_or(s.len() - i);
        if len == 0 {
            break;
        }
        if !path.is_empty() {
            path.push_str("::");
        }
        path.push_str(&s[i..i + len]);
        i += len;
        let next = skip_space(s, i);
        if s[next..].starts_with("::") {
            i = skip_space(s, next + 2);
        } else {
            break;
        }
    }
    if !path.is_empty() && path != prefix {
        out.push(path);
    }
    i
}

fn skip_space(s: &str, mut i: usize) -> usize {
    while i < s.len() && s[i..].starts_with(char::is_whitespace) {
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    i
}

/// Every `.rs` file under `src/` but the crate roots, as (path relative
/// to `src/`, text).
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(&src)
        .into_iter()
        .map(|e| e.expect("src/ can be walked"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = crate::fsutil::rel_path(&src, e.path());
            let text = std::fs::read_to_string(e.path()).expect("source is UTF-8");
            (rel, text)
        })
        .filter(|(rel, _)| !matches!(rel.as_str(), "lib.rs" | "main.rs" | "layers.rs"))
        .collect();
    files.sort();
    files
}

#[test]
fn imports_follow_the_layers() {
    let files = sources();
    assert!(
        files.iter().any(|(rel, _)| rel == "load/bulletin.rs"),
        "the sources were not found"
    );
    let found: Vec<String> = files
        .iter()
        .flat_map(|(rel, text)| violations(rel, text))
        .collect();
    assert!(
        found.is_empty(),
        "imports against the layers (docs/decisions.md, \"Module layers\"):\n{}",
        found.join("\n")
    );
}

/// Modules whose files must not import each other in a cycle: the
/// stages below rendering, where a cycle hid a piece both sides needed.
const ACYCLIC: &[&str] = &["model", "load", "yaml"];

/// A cycle among the files of the top-level module `top`, as
/// `a -> b -> a`, if there is one.
fn file_cycle(top: &str, files: &[(String, String)]) -> Option<String> {
    use std::collections::BTreeMap;
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (rel, text) in files {
        let mut parts = rel.split('/');
        if parts.next() != Some(top) {
            continue;
        }
        let Some(file) = parts.next().map(|f| f.trim_end_matches(".rs")) else {
            continue;
        };
        if file == "mod" {
            continue;
        }
        let to = edges.entry(file.to_string()).or_default();
        for (_, path) in crate_paths(text) {
            let mut segs = path.split("::");
            if segs.next() == Some(top) {
                if let Some(other) = segs.next().filter(|o| *o != file) {
                    to.push(other.to_string());
                }
            }
        }
    }
    fn visit(
        node: &str,
        edges: &std::collections::BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<String> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle.join(" -> "));
        }
        if done.iter().any(|d| d == node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.push(node.to_string());
        None
    }
    let mut done = Vec::new();
    edges
        .keys()
        .find_map(|k| visit(k, &edges, &mut Vec::new(), &mut done))
}

#[test]
fn the_files_of_the_data_stages_import_each_other_without_a_cycle() {
    let files = sources();
    for top in ACYCLIC {
        if let Some(cycle) = file_cycle(top, &files) {
            panic!("the files of src/{top}/ import each other in a cycle: {cycle}; move the piece both need into one of them or below both");
        }
    }
}

#[test]
fn a_cycle_is_named() {
    let files = [
        (
            "model/series.rs".to_string(),
            "use crate::model::derived::Derived;".to_string(),
        ),
        (
            "model/derived.rs".to_string(),
            "use crate::model::series::{Report, Series};".to_string(),
        ),
        (
            "model/site.rs".to_string(),
            "use crate::model::series::Series;".to_string(),
        ),
    ];
    assert_eq!(
        file_cycle("model", &files).as_deref(),
        Some("derived -> series -> derived")
    );
    assert_eq!(file_cycle("model", &files[1..]), None);
}

#[test]
fn a_path_against_the_flow_is_named_with_its_line() {
    let text = "//! `crate::render` in a comment is not an import.\nuse crate::model::site::Site;\nuse crate::render::summary::first;\n";
    let found = violations("load/bulletin.rs", text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(
            "src/load/bulletin.rs:3: `load` may not import `crate::render::summary::first`"
        ),
        "{}",
        found[0]
    );
}

#[test]
fn groups_are_read_item_by_item() {
    let text = "use crate::{\n    diagnostics::Pos,\n    render::{Content, OutputFile as Out, Theme},\n};\nfn f() { crate::config::load(); }\n";
    let found = violations("write/sync.rs", text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("`crate::render::Theme`"), "{}", found[0]);
    assert!(found[1].starts_with("src/write/sync.rs:5:"), "{}", found[1]);
    assert!(violations("config.rs", "use crate::yaml::fields::{self, Fields};").is_empty());
    assert_eq!(
        violations("text.rs", "use crate::yaml::YamlSource;").len(),
        1
    );
}

#[test]
fn a_new_module_needs_a_row() {
    let found = violations("cache/mod.rs", "");
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("no row in the table"), "{}", found[0]);
}
