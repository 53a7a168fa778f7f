//! Writing the output tree without ever leaving half a site or deleting a
//! file gazette did not write (SPEC §5.1):
//!
//! 1. the output folder is checked: absent, empty, or carrying gazette's
//!    marker file; never the site root, a folder holding it, or a source
//!    folder;
//! 2. everything is written into a fresh staging folder in gazette's cache
//!    folder (`.gazette/`, see `cache`), which starts as the tree of the
//!    build before last;
//! 3. that folder is swapped into place with one atomic rename (Linux
//!    `renameat2(RENAME_EXCHANGE)`), so a build killed at any moment leaves
//!    either the old site or the new one;
//! 4. the old tree is kept in the cache as the next build's starting point;
//!    leftovers of killed builds are cleaned up by the next build.
//!
//! A rename cannot cross file systems. When the cache and the output are
//! on different ones, that build stages in a folder beside the output
//! instead (removed after the swap) and says so: the swap stays atomic.

mod cache;
mod guard;
mod reuse;
mod swap;
mod sync;

use std::path::{Component, Path, PathBuf};

use crate::render::OutputFile;

pub use cache::{check_cache_dir, resolve as cache_dir, DEFAULT_NAME as DEFAULT_CACHE_DIR};
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

/// What a successful write has to tell the user.
#[derive(Debug, Default)]
pub struct Written {
    /// Notes (not warnings): how the write departed from the usual way.
    pub notes: Vec<String>,
}

/// Write `files` as the new content of `output`, staging in the cache
/// folder `cache` (see the module comment).
pub fn write_site(
    output: &Path,
    root: &Path,
    cache: &Path,
    files: &[OutputFile],
) -> Result<Written, WriteError> {
    let output = guard::absolute(output);
    check_output_dir(&output, root)?;
    let parent = output
        .parent()
        .ok_or_else(|| WriteError::Refused(format!("{} has no parent folder", output.display())))?;
    std::fs::create_dir_all(parent).map_err(io(format!("creating {}", parent.display())))?;
    swap::clean_leftovers_beside(&output);
    // Unchanged files are linked from the previous output, when it is ours.
    let previous = output.join(MARKER).is_file().then_some(output.as_path());
    let mut written = Written::default();
    match cache::Cache::open(cache, &output, root) {
        Ok(c) if c.same_file_system(&output) => {
            match write_through_cache(&c, &output, files, previous) {
                Err(e) if crosses_devices(&e) => written.notes.push(format!(
                    "the cache folder {} and the output cannot be renamed into each other (another mount); this build was staged beside the output",
                    c.path().display()
                )),
                other => return other.map(|()| written),
            }
        }
        Ok(c) => written.notes.push(format!(
            "the cache folder {} is on another file system than {}; this build was staged beside the output (use --cache-dir on the output's file system to keep the previous tree for reuse)",
            c.path().display(),
            output.display()
        )),
        Err(WriteError::Io { context, source }) => written.notes.push(format!(
            "{context}: {source}; this build was staged beside the output"
        )),
        Err(refused) => return Err(refused),
    }
    let staging = swap::staging_beside(&output)
        .map_err(io(format!("creating a folder beside {}", output.display())))?;
    write_tree(staging.path(), files, previous)?;
    // The old tree lands in `staging` and is removed when it drops.
    swap::swap_into_place(staging.path(), &output)?;
    Ok(written)
}

/// Stage in the cache, starting from the spare tree, swap, and keep the
/// old tree as the next spare. On failure the staging folder is removed
/// when its handle drops; the old output was never touched.
fn write_through_cache(
    cache: &cache::Cache,
    output: &Path,
    files: &[OutputFile],
    previous: Option<&Path>,
) -> Result<(), WriteError> {
    cache.clean_leftovers();
    let staging = cache.staging().map_err(io(format!(
        "creating a staging folder in {}",
        cache.path().display()
    )))?;
    let spare = cache.spare_for(output);
    swap::claim_spare(&spare, staging.path());
    write_tree(staging.path(), files, previous)?;
    swap::swap_into_place(staging.path(), output)?;
    swap::keep_as_spare(staging.path(), &spare);
    Ok(())
}

/// Whether a failure is a rename across file systems (EXDEV).
fn crosses_devices(e: &WriteError) -> bool {
    matches!(e, WriteError::Io { source, .. }
        if source.raw_os_error() == Some(rustix::io::Errno::XDEV.raw_os_error()))
}

fn write_tree(dir: &Path, files: &[OutputFile], previous: Option<&Path>) -> Result<(), WriteError> {
    sync::sync_tree(dir, files, previous)?;
    std::fs::write(dir.join(MARKER), guard::MARKER_TEXT).map_err(io("writing the output marker"))
}

/// The absolute, normalised form of an output path, as the guard sees it.
pub fn absolute_path(p: &Path) -> PathBuf {
    guard::absolute(p)
}
