//! gazette's own folder, `.gazette/` at the site root by default
//! (`--cache-dir` moves it; SPEC §5.1): everything kept between builds
//! lives there, so nothing but the output folder appears beside it.
//!
//! - `CACHEDIR.TAG` marks the folder as gazette's (the standard cache
//!   directory tag, so backup tools skip it) and names the gazette version
//!   that wrote it;
//! - `staging/<pid>-<random>/` is the folder a build writes into before the
//!   swap (the pid lets a later build tell a dead build's leftover from a
//!   running one);
//! - `spare/<output name>-<hash>/` is the previous output tree, reused as
//!   the next build's staging folder (see `sync`);
//! - `serve/<pid>-<random>/` holds the pages a running `serve` rendered
//!   (see `serve::store`), removed when it stops.
//!
//! gazette deletes only what matches these names, never anything else a
//! user put in the folder, and refuses a folder that holds files but no
//! tag of its own.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::{io, WriteError};

/// The cache folder's name at the site root.
pub(crate) const DEFAULT_NAME: &str = ".gazette";
/// The file that marks a cache folder as gazette's.
pub(super) const TAG: &str = "CACHEDIR.TAG";
/// The first line of every cache directory tag
/// (<https://bford.info/cachedir/>).
const TAG_SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";
/// What follows the signature in gazette's tag; the version comes after.
const TAG_OWNER: &str = "# gazette cache folder, written by gazette ";

/// The text of the tag this gazette writes.
fn tag_text() -> String {
    format!(
        "{TAG_SIGNATURE}\n{TAG_OWNER}{}\n# Safe to delete at any time; safe to keep between CI runs.\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The gazette version named in a cache folder's tag, if the tag is
/// gazette's.
pub(super) fn tag_version(cache: &Path) -> Option<String> {
    let text = std::fs::read_to_string(cache.join(TAG)).ok()?;
    let mut lines = text.lines();
    (lines.next()? == TAG_SIGNATURE).then_some(())?;
    lines
        .find_map(|l| l.strip_prefix(TAG_OWNER))
        .map(|v| v.trim().to_string())
}

/// The cache folder for a site: `dir` (relative to the site root when
/// relative) or `<root>/.gazette`.
pub(crate) fn resolve(root: &Path, dir: Option<&Path>) -> PathBuf {
    let dir = dir.unwrap_or(Path::new(DEFAULT_NAME));
    super::guard::absolute(&root.join(dir))
}

/// Refuse a cache folder gazette may not use: the site root or a folder
/// holding it, the output folder or a folder inside it, or a folder that
/// holds files but no tag of gazette's. Nothing is written.
pub(crate) fn check_cache_dir(cache: &Path, output: &Path, root: &Path) -> Result<(), WriteError> {
    let root = super::guard::absolute(root);
    let refuse = |why: &str| {
        Err(WriteError::Refused(format!(
            "refusing to use {} as gazette's cache folder: {why}",
            cache.display()
        )))
    };
    if root.starts_with(cache) {
        return refuse("it holds the site itself; leave --cache-dir out to use .gazette/");
    }
    if cache.starts_with(output) {
        return refuse("it is inside the output folder, which every build replaces");
    }
    match std::fs::symlink_metadata(cache) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => refuse("it is not a folder"),
        Ok(_) if tag_version(cache).is_some() => Ok(()),
        Ok(_) => {
            let empty = std::fs::read_dir(cache)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if empty {
                Ok(())
            } else {
                refuse(&format!(
                    "it is not empty and has no {TAG} written by gazette; choose a new or empty folder"
                ))
            }
        }
    }
}

/// Create the cache folder `dir`, tag included, in one step: it is made
/// under a temporary name beside where it goes and renamed into place, so
/// another build starting at the same moment finds no folder, an empty
/// one, or a tagged one, never one with gazette's folders and no tag.
fn create_tagged(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let parent = dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let tmp = tempfile::Builder::new()
        .prefix(".gazette-cache-")
        .tempdir_in(parent)?;
    std::fs::write(tmp.path().join(TAG), tag_text())?;
    match std::fs::rename(tmp.path(), dir) {
        Ok(()) => Ok(()),
        // Another build made it first.
        Err(_) if dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// An open cache folder: checked, created and tagged.
pub(super) struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// Check `dir` (see `check_cache_dir`), create it and write the tag
    /// (again when another gazette version wrote it).
    pub(super) fn open(dir: &Path, output: &Path, root: &Path) -> Result<Cache, WriteError> {
        check_cache_dir(dir, output, root)?;
        create_tagged(dir).map_err(io(format!("creating the cache folder {}", dir.display())))?;
        if tag_version(dir).as_deref() != Some(env!("CARGO_PKG_VERSION")) {
            // Replaced by rename: a build starting now reads the old tag or
            // the new one, never half of one.
            let tmp = dir.join(format!(".{TAG}-{}", std::process::id()));
            std::fs::write(&tmp, tag_text())
                .and_then(|()| std::fs::rename(&tmp, dir.join(TAG)))
                .map_err(io(format!("writing {}", dir.join(TAG).display())))?;
        }
        std::fs::create_dir_all(dir.join("staging"))
            .and_then(|()| std::fs::create_dir_all(dir.join("spare")))
            .map_err(io(format!("creating the cache folder {}", dir.display())))?;
        Ok(Cache {
            dir: dir.to_path_buf(),
        })
    }

    /// The folder.
    pub(super) fn path(&self) -> &Path {
        &self.dir
    }

    /// Whether a folder in the cache can be renamed to `output` (same file
    /// system). Bind mounts of one file system still fail the rename; the
    /// caller handles that too.
    pub(super) fn same_file_system(&self, output: &Path) -> bool {
        let parent = output.parent().unwrap_or(Path::new("/"));
        match (std::fs::metadata(&self.dir), std::fs::metadata(parent)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev(),
            _ => false,
        }
    }

    /// A fresh staging folder, removed on drop unless swapped in.
    pub(super) fn staging(&self) -> std::io::Result<tempfile::TempDir> {
        tempfile::Builder::new()
            .prefix(&format!("{}-", std::process::id()))
            .tempdir_in(self.dir.join("staging"))
    }

    /// Remove staging folders of builds that were killed.
    pub(super) fn clean_leftovers(&self) {
        super::swap::clean_dead(&self.dir.join("staging"), "");
    }

    /// Where the previous tree of `output` waits for the next build: one
    /// spare per output folder, named after it.
    pub(super) fn spare_for(&self, output: &Path) -> PathBuf {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.dir.join("spare").join(format!(
            "{name}-{:016x}",
            fnv1a(output.as_os_str().as_encoded_bytes())
        ))
    }
}

/// The folder a preview keeps its rendered pages in: a fresh
/// `serve/<pid>-<random>/` in the cache folder `dir` (checked, created and
/// tagged as for a build), removed when the handle is dropped. Folders of
/// previews that are no longer running are removed first.
pub(crate) fn preview_folder(
    dir: &Path,
    output: &Path,
    root: &Path,
) -> Result<tempfile::TempDir, WriteError> {
    let cache = Cache::open(dir, output, root)?;
    let serve = cache.path().join("serve");
    std::fs::create_dir_all(&serve).map_err(io(format!("creating {}", serve.display())))?;
    super::swap::clean_dead(&serve, "");
    tempfile::Builder::new()
        .prefix(&format!("{}-", std::process::id()))
        .tempdir_in(&serve)
        .map_err(io(format!("creating a folder in {}", serve.display())))
}

/// FNV-1a, 64 bits: a stable name for an output path (not a security
/// boundary; two outputs sharing a spare would only reuse less).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names_gazette_and_its_version() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join(".gazette");
        let (root, out) = (dir.path(), dir.path().join("output"));
        Cache::open(&cache, &out, root).unwrap();
        assert_eq!(
            tag_version(&cache).as_deref(),
            Some(env!("CARGO_PKG_VERSION"))
        );
        // Someone else's cache directory tag is not gazette's.
        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join(TAG), format!("{TAG_SIGNATURE}\n# cargo\n")).unwrap();
        assert!(tag_version(&other).is_none());
        assert!(check_cache_dir(&other, &out, root).is_err());
    }

    #[test]
    fn refuses_the_site_root_and_folders_inside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("output");
        assert!(check_cache_dir(root, &out, root).is_err());
        assert!(check_cache_dir(&out.join(".gazette"), &out, root).is_err());
        assert!(check_cache_dir(&root.join(".gazette"), &out, root).is_ok());
    }

    #[test]
    fn spares_differ_by_output_path() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache {
            dir: dir.path().to_path_buf(),
        };
        let a = cache.spare_for(Path::new("/site/output"));
        let b = cache.spare_for(Path::new("/elsewhere/output"));
        assert_ne!(a, b);
        assert!(a
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("output-"));
    }
}
