//! Where a theme's files come from. The default theme (`themes/default/`
//! of gazette's own repository) is embedded in the binary, so a site needs
//! no `themes/` folder at all. Layers, lowest first, each overriding the
//! one below by file name:
//!
//! 1. the embedded default theme, when site.yaml names `theme: default`
//!    (or names no theme);
//! 2. the site's own `themes/<name>/` when it exists (required for any
//!    other name: a theme of the site's own stands alone);
//! 3. the site's `templates/` and `static/` (handled by the callers).
//!
//! i18n strings merge key by key across layers 1 and 2, so a site that
//! ejected the theme keeps working when a later gazette adds strings.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::fsutil::is_ignored;

/// The default theme, as it was in gazette's source tree when the binary
/// was built (build.rs reruns the build when a file is added there).
pub(crate) static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name of the embedded theme in site.yaml.
pub(crate) const DEFAULT_THEME_NAME: &str = "default";

/// The theme layers of one site.
#[derive(Debug, Clone)]
pub(crate) struct ThemeFiles {
    /// The theme's name (site.yaml `theme`).
    pub name: String,
    /// Whether the embedded default theme is the bottom layer.
    pub embedded: bool,
    /// The site's own `themes/<name>/`, when it exists.
    pub dir: Option<PathBuf>,
}

impl ThemeFiles {
    /// Find the layers of theme `name` for the site at `root`.
    pub(crate) fn resolve(root: &Path, name: &str) -> Result<ThemeFiles, String> {
        let dir = root.join("themes").join(name);
        let dir = dir.is_dir().then_some(dir);
        let embedded = name == DEFAULT_THEME_NAME;
        if !embedded && dir.is_none() {
            return Err(format!(
                "theme \"{name}\" not found: expected a folder themes/{name}/ in the site \
                 (the theme built into gazette is called \"{DEFAULT_THEME_NAME}\"; \
                 `gazette theme eject --name {name}` copies it there to start from)"
            ));
        }
        Ok(ThemeFiles {
            name: name.to_string(),
            embedded,
            dir,
        })
    }

    /// The folder `sub` (`templates`, `static`, `i18n`) of the site's own
    /// copy of the theme, when it has one.
    pub(crate) fn disk(&self, sub: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(sub))
    }

    /// Every embedded file under `sub`, as (path relative to `sub`, bytes),
    /// sorted by path; empty when this theme has no embedded layer.
    pub(crate) fn embedded(&self, sub: &str) -> Vec<(String, &'static [u8])> {
        if self.embedded {
            embedded_files(sub)
        } else {
            Vec::new()
        }
    }
}

/// Every file of the embedded default theme under `sub` (`""` for all),
/// as (path relative to `sub`, `/`-separated, bytes), sorted by path.
pub(crate) fn embedded_files(sub: &str) -> Vec<(String, &'static [u8])> {
    // Hidden files and editor leftovers are skipped, as on disk.
    fn visible(path: &Path) -> bool {
        path.file_name()
            .is_some_and(|n| !is_ignored(&n.to_string_lossy()))
    }
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for f in dir.files().filter(|f| visible(f.path())) {
            out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
        }
        for d in dir.dirs().filter(|d| visible(d.path())) {
            walk(d, out);
        }
    }
    let start = if sub.is_empty() {
        Some(&DEFAULT_THEME)
    } else {
        DEFAULT_THEME.get_dir(sub)
    };
    let mut out = Vec::new();
    if let Some(dir) = start {
        walk(dir, &mut out);
    }
    let prefix = if sub.is_empty() {
        String::new()
    } else {
        format!("{sub}/")
    };
    let mut out: Vec<(String, &'static [u8])> = out
        .into_iter()
        .map(|(p, b)| (p.strip_prefix(&prefix).unwrap_or(&p).to_string(), b))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A hash of every file the templates and strings of a site are compiled
/// from: the theme's layers and the site's own `templates/` and `i18n/`.
/// A page made with the same fingerprint used the same templates.
pub(crate) fn fingerprint(theme: &ThemeFiles, root: &Path) -> crate::render::inputs::Fingerprint {
    let mut feed = crate::render::inputs::Feed::default();
    feed.add(&theme.name);
    for sub in ["templates", "i18n"] {
        for (name, bytes) in theme.embedded(sub) {
            feed.add(&name).add(&bytes);
        }
        let dirs = [theme.disk(sub), Some(root.join(sub))];
        for dir in dirs.into_iter().flatten() {
            feed.add(&dir.is_dir());
            let files = walkdir::WalkDir::new(&dir).sort_by_file_name();
            for entry in files
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
            {
                let name = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let bytes = std::fs::read(entry.path()).unwrap_or_default();
                feed.add(&name.to_string_lossy()).add(&bytes);
            }
        }
    }
    feed.print()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_theme_matches_the_source_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let embedded = embedded_files("");
        let on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::fsutil::rel_path(&root, e.path()))
            .collect();
        let mut names: Vec<String> = embedded.iter().map(|(p, _)| p.clone()).collect();
        names.sort();
        let mut disk = on_disk.clone();
        disk.sort();
        assert_eq!(names, disk);
        for (p, bytes) in embedded {
            assert_eq!(std::fs::read(root.join(&p)).unwrap(), bytes, "{p}");
        }
    }

    #[test]
    fn sub_folders_are_relative_to_themselves() {
        let t = embedded_files("templates");
        assert!(t.iter().any(|(p, _)| p == "base.html"), "{t:?}");
        assert!(embedded_files("no-such-folder").is_empty());
    }

    #[test]
    fn another_theme_needs_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let e = ThemeFiles::resolve(dir.path(), "civic").unwrap_err();
        assert!(e.contains("themes/civic/"), "{e}");
        let d = ThemeFiles::resolve(dir.path(), "default").unwrap();
        assert!(d.embedded && d.dir.is_none());
    }
}
