//! Helpers for the files of a site, shared by every stage that walks a
//! folder (sources, theme files, static files, the watcher): which names
//! gazette skips without a word, and the `/`-separated relative path it
//! names files by in messages and in the output. They sit below `load`
//! and `render` so both can walk folders the same way.

use std::path::Path;

/// Should this file or folder name be skipped without a word?
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('_')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// Relative `/`-separated path of `path` under `root`.
pub(crate) fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_hidden_and_editor_files() {
        for n in [".git", "_draft.md", "a.md~", ".a.md.swp", "#a.md#"] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("report.md"));
    }
}
