//! Finding the sources under `bulletins/`: Markdown files, bundles and
//! their attachments. Hidden files, `_`-prefixed files and editor leftovers
//! are ignored; special files are skipped with a warning; symlinks are
//! followed only when they stay inside the site root.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::fsutil::{is_ignored, rel_path};

/// A Markdown file to parse as a bulletin.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to the site root, `/`-separated.
    pub rel: String,
    /// The default slug (file stem, or the bundle folder's name).
    pub stem: String,
    /// For a bundle's index.md: its other files.
    pub attachments: Vec<(String, PathBuf, u64)>,
}

/// Walk `root/bulletins`.
pub(crate) fn find_sources(root: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let dir = root.join("bulletins");
    let mut diags = Vec::new();
    if std::fs::symlink_metadata(&dir).is_err() {
        // A new site may have no bulletins yet: it builds, and says how to
        // write the first one.
        diags.push(Diagnostic::warning(
            "bulletins",
            None,
            "there is no bulletins/ folder yet, so the site has no bulletins: \
             `gazette new \"Title\"` writes the first one",
        ));
        return (Vec::new(), diags);
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files: Vec<(PathBuf, u64)> = Vec::new();
    let mut walker = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| "bulletins".into());
                let msg = if e.loop_ancestor().is_some() {
                    "symbolic link loop: this link points back to a folder that contains it"
                        .to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    )
                };
                diags.push(Diagnostic::error(at, None, msg));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && is_ignored(&name) {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .map(|t| t.starts_with(&canonical_root))
                .unwrap_or(false);
            if !inside {
                diags.push(Diagnostic::error(
                    rel_path(root, entry.path()),
                    None,
                    "symbolic link points outside the site folder (or nowhere); only links within the site are followed",
                ));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            diags.push(Diagnostic::warning(
                rel_path(root, entry.path()),
                None,
                "not a regular file (a pipe, socket or device); skipped",
            ));
            continue;
        }
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        files.push((entry.into_path(), size));
    }
    let sources = group_bundles(root, files, &mut diags);
    (sources, diags)
}

/// The source of one changed path without walking the whole tree, for
/// the common case of an edited, added or deleted Markdown file outside
/// any bundle: `Some(Some(source))` when it is there, `Some(None)` when it
/// is gone, and `None` when only a walk can tell (a folder, a bundle, a
/// link, anything else).
pub(crate) fn plain_source(root: &Path, rel: &str) -> Option<Option<SourceFile>> {
    let parts: Vec<&str> = rel.split('/').collect();
    let (name, folders) = parts.split_last()?;
    if folders.first() != Some(&"bulletins")
        || !name.ends_with(".md")
        || *name == "index.md"
        || parts
            .iter()
            .any(|p| p.is_empty() || is_ignored(p) || *p == "..")
    {
        return None;
    }
    // No folder on the way may be a link or a bundle.
    let mut dir = root.to_path_buf();
    for folder in folders {
        dir.push(folder);
        let meta = std::fs::symlink_metadata(&dir).ok()?;
        if !meta.is_dir() || dir.join("index.md").exists() {
            return None;
        }
    }
    let path = dir.join(name);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => Some(Some(SourceFile {
            path,
            rel: rel.to_string(),
            stem: name.trim_end_matches(".md").to_string(),
            attachments: Vec::new(),
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(None),
        _ => None,
    }
}

/// Turn the flat file list into bulletins: a folder with `index.md` is a
/// bundle whose other files are attachments.
fn group_bundles(
    root: &Path,
    files: Vec<(PathBuf, u64)>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SourceFile> {
    let bundles: BTreeSet<PathBuf> = files
        .iter()
        .filter(|(p, _)| p.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|(p, _)| p.parent().map(Path::to_path_buf))
        .collect();
    let mut sources: Vec<SourceFile> = Vec::new();
    let mut attachments: Vec<(PathBuf, String, PathBuf, u64)> = Vec::new();
    for (path, size) in files {
        let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if bundles.contains(&parent) {
            if name == "index.md" {
                let stem = parent
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                sources.push(SourceFile {
                    rel: rel_path(root, &path),
                    path,
                    stem,
                    attachments: Vec::new(),
                });
            } else if name == "index.html" || name.contains('\\') {
                // index.html would replace the bulletin's own page; `\` is
                // a path separator elsewhere and is refused by the writer.
                diags.push(Diagnostic::error(
                    rel_path(root, &path),
                    None,
                    format!("an attachment may not be named \"{name}\" (it would replace the bulletin's page, or is no plain file name); rename it"),
                ));
            } else {
                attachments.push((parent, name, path, size));
            }
        } else if parent.ancestors().any(|a| bundles.contains(a)) {
            diags.push(Diagnostic::warning(
                rel_path(root, &path),
                None,
                "folders inside a bundle are not published; move the file next to index.md",
            ));
        } else if name.ends_with(".md") {
            let stem = name.trim_end_matches(".md").to_string();
            sources.push(SourceFile {
                rel: rel_path(root, &path),
                path,
                stem,
                attachments: Vec::new(),
            });
        } else {
            diags.push(Diagnostic::warning(
                rel_path(root, &path),
                None,
                "not a bulletin (.md) and not in a bundle folder with an index.md; not published",
            ));
        }
    }
    if attachments.is_empty() {
        return sources;
    }
    let by_bundle: rustc_hash::FxHashMap<PathBuf, usize> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.path.parent().map(|p| (p.to_path_buf(), i)))
        .collect();
    for (bundle, name, path, size) in attachments {
        if let Some(&i) = by_bundle.get(&bundle) {
            sources[i].attachments.push((name, path, size));
        }
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_sources_are_found_without_a_walk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("bulletins/2021/bundle")).unwrap();
        std::fs::write(root.join("bulletins/2021/a.md"), "x").unwrap();
        std::fs::write(root.join("bulletins/2021/bundle/index.md"), "x").unwrap();
        let a = plain_source(root, "bulletins/2021/a.md").unwrap().unwrap();
        assert_eq!(
            (a.rel.as_str(), a.stem.as_str()),
            ("bulletins/2021/a.md", "a")
        );
        assert!(plain_source(root, "bulletins/2021/gone.md")
            .unwrap()
            .is_none());
        for needs_walk in [
            "bulletins/2021",
            "bulletins/2021/bundle/index.md",
            "bulletins/2021/bundle/more.md",
            "bulletins/2021/notes.txt",
            "bulletins/2021/.a.md",
            "bulletins/../a.md",
            "static/a.md",
        ] {
            assert!(plain_source(root, needs_walk).is_none(), "{needs_walk}");
        }
    }
}
