//! Helpers for the files of a site, shared by every stage that walks a
//! folder (sources, theme files, static files, the watcher): which names
//! gazette skips without a word, and the `/`-separated relative path it
//! names files by in messages and in the output; and the one tree copy
//! (the tests' fixtures, a staged site copied across mounts). They sit
//! below `load` and `render` so both can walk folders the same way.

use std::path::Path;

use walkdir::WalkDir;

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

/// Copy the contents of `from` into `to` (created if needed), keeping
/// symlinks as symlinks (a test fixture may hold a symlink on purpose: a
/// loop, a link out of the site; a staged site holds none). Existing files of `to` are overwritten, so
/// one tree can be laid on top of another.
pub(crate) fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    // Links are not followed: a symlink is copied as the link it is.
    for entry in WalkDir::new(from).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(from)
            .map_err(std::io::Error::other)?;
        let target = to.join(rel);
        let with_path = |e: std::io::Error| {
            std::io::Error::new(e.kind(), format!("{}: {e}", entry.path().display()))
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            std::fs::create_dir_all(&target).map_err(with_path)?;
        } else if kind.is_symlink() {
            let link = std::fs::read_link(entry.path()).map_err(with_path)?;
            std::os::unix::fs::symlink(link, &target).map_err(with_path)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(with_path)?;
        }
    }
    Ok(())
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
