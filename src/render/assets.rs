//! Static files: the theme's `static/` (embedded in the binary, then the
//! site's own copy of the theme) and then the site's `static/`, so the
//! site's files win over the theme's of the same name.

use std::path::Path;

use walkdir::WalkDir;

use crate::fsutil::{is_ignored, rel_path};
use crate::render::pages::PageContext;
use crate::render::{Content, OutputFile};

fn static_files(dir: &Path) -> Vec<OutputFile> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| OutputFile {
            path: rel_path(dir, e.path()),
            content: Content::Copy(e.into_path()),
        })
        .collect()
}

/// Theme static files (embedded, then the site's copy of the theme), then
/// the site's static files; a later file of the same path wins.
pub(crate) fn copy_static(ctx: &PageContext) -> Vec<OutputFile> {
    let theme = &ctx.theme.files;
    let mut files: Vec<OutputFile> = theme
        .embedded("static")
        .into_iter()
        .map(|(path, bytes)| OutputFile {
            path,
            content: Content::Embedded(bytes),
        })
        .collect();
    if let Some(dir) = theme.disk("static") {
        files.extend(static_files(&dir));
    }
    files.extend(static_files(&ctx.config().root.join("static")));
    files
}
