//! Writing the output tree without ever leaving half a site or deleting a
//! file gazette did not write (SPEC §5.1):
//!
//! 1. the output folder is checked: absent, empty, or carrying gazette's
//!    marker file; never the site root, a folder holding it, or a source
//!    folder;
//! 2. everything is written into a fresh staging folder in gazette's cache
//!    folder (`.gazette/`, see `cache`), which starts as the tree of the
//!    build before last, batch by batch as the pages are rendered
//!    (`Staging::write`);
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

use rustc_hash::FxHashSet;
use std::path::{Component, Path, PathBuf};

use crate::render::OutputFile;

pub(crate) use cache::{
    check_cache_dir, preview_folder, resolve as cache_dir, DEFAULT_NAME as DEFAULT_CACHE_DIR,
};
pub(crate) use guard::{check_output_dir, MARKER};

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WriteError {
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
pub(crate) fn safe_join(dir: &Path, rel: &str) -> Option<PathBuf> {
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
pub(crate) struct Written {
    /// Notes (not warnings): how the write departed from the usual way.
    pub notes: Vec<String>,
}

/// Where a staging folder lives.
enum Place {
    /// In the cache folder; the swapped-out tree is kept as the spare.
    Cache { cache: cache::Cache, spare: PathBuf },
    /// Beside the output (the cache is on another file system).
    Beside,
}

/// A new output tree being filled, batch by batch, as pages are rendered
/// (so that a build never holds the whole site in memory), then swapped
/// into place whole by `finish`. Dropped without `finish`, it is removed
/// and the output was never touched.
pub(crate) struct Staging {
    output: PathBuf,
    dir: tempfile::TempDir,
    place: Place,
    /// The live output, when it is ours: unchanged files are linked from it.
    previous: Option<PathBuf>,
    /// Every file written so far, and the folders they need.
    files: FxHashSet<PathBuf>,
    dirs: FxHashSet<PathBuf>,
    written: Written,
    /// Swapped (or being swapped) into place.
    finished: bool,
    /// What the folder held before this build (empty: no spare tree),
    /// and the folders made ahead once `prefetch` is joined.
    before: sync::Inventory,
    /// Folders being made ahead of the first batch (`prefetch_folders`).
    prefetch: Option<std::thread::JoinHandle<Vec<PathBuf>>>,
}

impl Staging {
    /// Check the output folder and open a staging folder for it: in the
    /// cache, starting as the tree of the build before last, or beside
    /// the output when the cache cannot be renamed into it.
    pub(crate) fn open(output: &Path, root: &Path, cache: &Path) -> Result<Staging, WriteError> {
        let output = guard::absolute(output);
        check_output_dir(&output, root)?;
        let parent = output.parent().ok_or_else(|| {
            WriteError::Refused(format!("{} has no parent folder", output.display()))
        })?;
        std::fs::create_dir_all(parent).map_err(io(format!("creating {}", parent.display())))?;
        swap::clean_leftovers_beside(&output);
        let previous = output.join(MARKER).is_file().then(|| output.clone());
        let mut written = Written::default();
        let in_cache = match cache::Cache::open(cache, &output, root) {
            Ok(c) if c.same_file_system(&output) => {
                c.clean_leftovers();
                match c.staging() {
                    Ok(dir) => {
                        let spare = c.spare_for(&output);
                        swap::claim_spare(&spare, dir.path());
                        Some((dir, Place::Cache { cache: c, spare }))
                    }
                    Err(e) => {
                        written.notes.push(format!(
                            "creating a staging folder in {}: {e}; this build was staged beside the output",
                            c.path().display()
                        ));
                        None
                    }
                }
            }
            Ok(c) => {
                written.notes.push(format!(
                    "the cache folder {} is on another file system than {}; this build was staged beside the output (use --cache-dir on the output's file system to keep the previous tree for reuse)",
                    c.path().display(),
                    output.display()
                ));
                None
            }
            Err(WriteError::Io { context, source }) => {
                written.notes.push(format!(
                    "{context}: {source}; this build was staged beside the output"
                ));
                None
            }
            Err(refused) => return Err(refused),
        };
        let (dir, place) = match in_cache {
            Some(staged) => staged,
            None => (
                swap::staging_beside(&output)
                    .map_err(io(format!("creating a folder beside {}", output.display())))?,
                Place::Beside,
            ),
        };
        // The spare tree is gazette's own, but it was a live output that
        // anyone could change: no link in it is ever written through.
        let before = sync::strip_links(dir.path())?;
        Ok(Staging {
            before,
            output,
            dir,
            place,
            previous,
            files: FxHashSet::default(),
            dirs: FxHashSet::default(),
            written,
            finished: false,
            prefetch: None,
        })
    }

    /// When the staging folder starts empty (no spare tree: a CI job that
    /// restored only `.gazette/`, or the build after a cold one), make the
    /// folders `folders` will name (the last build's, from the render
    /// cache) on a thread of their own while the sources are read, instead
    /// of one batch at a time later. At 10,000 bulletins they are eleven
    /// thousand folders, a third of such a build. A folder this build does
    /// not use is removed before the swap, like a spare tree's.
    pub(crate) fn prefetch_folders(
        &mut self,
        folders: impl FnOnce() -> Vec<String> + Send + 'static,
    ) {
        if !self.before.files.is_empty() || !self.before.dirs.is_empty() {
            return;
        }
        let dir = self.dir.path().to_path_buf();
        self.prefetch = Some(std::thread::spawn(move || {
            sync::make_folders_ahead(&dir, folders())
        }));
    }

    /// Wait for the folders made ahead, and count them as the tree's.
    fn join_prefetch(&mut self) {
        if let Some(made) = self.prefetch.take().and_then(|h| h.join().ok()) {
            self.before.dirs.extend(made);
        }
    }

    /// The folder being filled.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write a batch of files (in parallel). A path written again later
    /// holds the later file.
    pub(crate) fn write(&mut self, files: &[OutputFile]) -> Result<(), WriteError> {
        self.join_prefetch();
        sync::write_batch(
            self.dir.path(),
            files,
            self.previous.as_deref(),
            &self.before,
            &mut self.files,
            &mut self.dirs,
        )
    }

    /// Remove what the spare tree held and this build did not write, mark
    /// the tree as gazette's, and swap it into place with one rename.
    pub(crate) fn finish(mut self) -> Result<Written, WriteError> {
        self.join_prefetch();
        let dir = self.dir.path().to_path_buf();
        sync::prune(&self.before, &self.files, &self.dirs)?;
        std::fs::write(dir.join(MARKER), guard::MARKER_TEXT)
            .map_err(io("writing the output marker"))?;
        let mut written = std::mem::take(&mut self.written);
        // From here on the staging folder is the new site, or the old one
        // after the swap: never kept as a spare by `drop`.
        self.finished = true;
        match &self.place {
            Place::Beside => {
                // The old tree lands in `dir` and is removed when it drops.
                swap::swap_into_place(&dir, &self.output)?;
            }
            Place::Cache { cache, spare } => match swap::swap_into_place(&dir, &self.output) {
                Ok(()) => swap::keep_as_spare(&dir, spare),
                Err(e) if crosses_devices(&e) => {
                    // Same device number, another mount: the tree is
                    // copied beside the output and swapped from there.
                    written.notes.push(format!(
                        "the cache folder {} and the output cannot be renamed into each other (another mount); this build was staged beside the output",
                        cache.path().display()
                    ));
                    let beside = swap::staging_beside(&self.output).map_err(io(format!(
                        "creating a folder beside {}",
                        self.output.display()
                    )))?;
                    // Links were stripped from the staged tree: files and
                    // folders only.
                    crate::fsutil::copy_tree(&dir, beside.path()).map_err(io(format!(
                        "copying the site to {}",
                        beside.path().display()
                    )))?;
                    swap::swap_into_place(beside.path(), &self.output)?;
                }
                Err(e) => return Err(e),
            },
        }
        Ok(written)
    }
}

impl Drop for Staging {
    /// A build that failed after it started writing: the staging folder
    /// began as the spare tree, and still is a tree of gazette's to start
    /// the next build from (it is synced like any spare), so it is kept as
    /// the spare rather than deleted.
    fn drop(&mut self) {
        // No folder is made in the tree once it is kept or removed.
        self.join_prefetch();
        if let (false, Place::Cache { spare, .. }) = (self.finished, &self.place) {
            swap::keep_as_spare(self.dir.path(), spare);
        }
    }
}

/// Whether a failure is a rename across file systems (EXDEV).
fn crosses_devices(e: &WriteError) -> bool {
    matches!(e, WriteError::Io { source, .. }
        if source.raw_os_error() == Some(rustix::io::Errno::XDEV.raw_os_error()))
}

/// The absolute, normalised form of an output path, as the guard sees it.
pub(crate) fn absolute_path(p: &Path) -> PathBuf {
    guard::absolute(p)
}
