//! Writing the output tree without ever leaving half a site or deleting a
//! file gazette did not write (SPEC §5.1):
//!
//! 1. the output folder is checked: absent, empty, or carrying gazette's
//!    marker file; never the site root, a folder holding it, or a source
//!    folder;
//! 2. everything is written into a fresh sibling folder;
//! 3. that folder is swapped into place with one atomic rename (Linux
//!    `renameat2(RENAME_EXCHANGE)`), so a build killed at any moment leaves
//!    either the old site or the new one;
//! 4. the old tree is removed; leftovers of killed builds are cleaned up by
//!    the next build.

mod guard;
mod reuse;
mod swap;
mod sync;

use std::path::{Component, Path, PathBuf};

use crate::render::OutputFile;

pub use guard::{check_output_dir, MARKER};

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output folder may not be used (configuration error, exit 2).
    #[error("{0}")]
    Refused(String),
    /// An I/O failure while writing.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The failure.
        source: std::io::Error,
    },
}

fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> WriteError {
    let context = context.into();
    move |source| WriteError::Io { context, source }
}

/// Join a `/`-separated output path to `dir`, refusing anything that could
/// leave it (`..`, absolute paths, empty segments).
pub fn safe_join(dir: &Path, rel: &str) -> Option<PathBuf> {
    let p = Path::new(rel);
    if rel.is_empty() || rel.contains('\\') || rel.contains('\0') {
        return None;
    }
    let mut out = dir.to_path_buf();
    for c in p.components() {
        match c {
            Component::Normal(s) => out.push(s),
            _ => return None,
        }
    }
    Some(out)
}

/// Write `files` as the new content of `output` (see the module comment).
pub fn write_site(output: &Path, root: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let output = guard::absolute(output);
    check_output_dir(&output, root)?;
    let parent = output
        .parent()
        .ok_or_else(|| WriteError::Refused(format!("{} has no parent folder", output.display())))?;
    std::fs::create_dir_all(parent).map_err(io(format!("creating {}", parent.display())))?;
    swap::clean_leftovers(&output);
    let staging = swap::staging_dir(&output)
        .map_err(io(format!("creating a folder beside {}", output.display())))?;
    swap::claim_spare(&output, staging.path());
    // Unchanged files are linked from the previous output, when it is ours.
    let previous = output.join(MARKER).is_file().then_some(output.as_path());
    let result = write_tree(staging.path(), files, previous)
        .and_then(|()| swap::swap_into_place(staging.path(), &output))
        .map(|()| swap::keep_as_spare(staging.path(), &output));
    // On failure the staging folder is removed when `staging` drops; the
    // old output was never touched.
    result
}

fn write_tree(dir: &Path, files: &[OutputFile], previous: Option<&Path>) -> Result<(), WriteError> {
    sync::sync_tree(dir, files, previous)?;
    std::fs::write(dir.join(MARKER), guard::MARKER_TEXT).map_err(io("writing the output marker"))
}

/// The absolute, normalised form of an output path, as the guard sees it.
pub fn absolute_path(p: &Path) -> PathBuf {
    guard::absolute(p)
}
