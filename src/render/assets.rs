//! Static files: the theme's `static/` and then the site's `static/`, so
//! the site's files win over the theme's of the same name.

use std::path::Path;

use walkdir::WalkDir;

use crate::load::walk::{is_ignored, rel_path};
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

/// Theme static files, then site static files.
pub fn copy_static(ctx: &PageContext) -> Vec<OutputFile> {
    let mut files = static_files(&ctx.theme.dir.join("static"));
    files.extend(static_files(&ctx.site.config.root.join("static")));
    files
}
