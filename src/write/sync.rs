//! Filling the staging folder. The staging folder is either new and empty
//! or the tree of the build before last (the "spare", see `swap`), so
//! writing is a sync: files already there with the right bytes stay,
//! everything else is replaced or removed. A file is never written into:
//! a changed file is unlinked and created anew, because its inode may be
//! shared (hard link) with the live output. Unchanged files missing from
//! the staging tree are hard-linked from the live output when it holds
//! the same bytes. On ext4, creating and freeing ten thousand inodes per
//! build is most of a rebuild's cost; this keeps both near zero.

use rustc_hash::FxHashSet;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::{io, reuse, safe_join, WriteError};
use crate::render::{Content, OutputFile};

/// Remove whatever is at `path` without following links.
fn remove_any(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// What a staging folder held before the build wrote into it: the spare
/// tree's folders and files, taken by the walk that strips its links, so
/// that neither writing (no `mkdir` of a folder that is there) nor
/// pruning walks the tree again.
#[derive(Debug, Default)]
pub(super) struct Inventory {
    /// Folders.
    pub dirs: FxHashSet<PathBuf>,
    /// Regular files.
    pub files: Vec<PathBuf>,
}

/// Remove from the staging folder what it held before (`before`) and
/// this build did not write; only this build writes into the folder, so
/// nothing else can be there.
pub(super) fn prune(
    before: &Inventory,
    files: &FxHashSet<PathBuf>,
    dirs: &FxHashSet<PathBuf>,
) -> Result<(), WriteError> {
    // Gone already: inside a folder this build replaced by a file.
    let gone = |e: &std::io::Error| {
        matches!(
            e.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        )
    };
    // A path that changed from file to folder, or back, is this build's.
    for f in before
        .files
        .iter()
        .filter(|f| !files.contains(*f) && !dirs.contains(*f))
    {
        match remove_any(f) {
            Err(e) if !gone(&e) => {
                return Err(io(format!("clearing {}", f.display()))(e));
            }
            _ => {}
        }
    }
    let mut old: Vec<&PathBuf> = before
        .dirs
        .iter()
        .filter(|d| !dirs.contains(*d) && !files.contains(*d))
        .collect();
    old.sort();
    for d in old {
        match std::fs::remove_dir_all(d) {
            Err(e) if !gone(&e) => {
                return Err(io(format!("clearing {}", d.display()))(e));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The bytes of an output file (a copied file is read).
fn bytes_of(f: &OutputFile) -> Result<std::borrow::Cow<'_, [u8]>, WriteError> {
    match &f.content {
        Content::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
        Content::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
        Content::Copy(src) | Content::Linked { path: src, .. } => std::fs::read(src)
            .map(std::borrow::Cow::Owned)
            .map_err(io(format!("reading {}", src.display()))),
    }
}

/// Put one file in place (see the module comment).
/// `vacant` says nothing can be at `target` yet (a staging folder that
/// started empty, a path not written before): then it is not looked at,
/// which saves two lookups per file of a cold build.
fn place(
    f: &OutputFile,
    target: &Path,
    previous: Option<&Path>,
    vacant: bool,
) -> Result<(), WriteError> {
    if let Content::Linked { path, file_id, .. } = &f.content {
        if place_linked(path, *file_id, target, vacant).is_ok() {
            return Ok(());
        }
    }
    let bytes = bytes_of(f)?;
    if !vacant {
        // Links were stripped, so `target` is a regular file here, a
        // folder, or nothing.
        if reuse::holding(target, &bytes).is_some() {
            return Ok(());
        }
        remove_any(target).map_err(io(format!("replacing {}", f.path)))?;
    }
    let linked = previous
        .and_then(|p| safe_join(p, &f.path))
        .is_some_and(|old| reuse::link_if_unchanged(&old, target, &bytes));
    if linked {
        return Ok(());
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .and_then(|mut file| file.write_all(&bytes))
        .map_err(io(format!("writing {}", f.path)))
}

/// Put the render cache's file `kept` at `target` as a hard link: nothing
/// is read or written, and no inode is made. A staging tree of the build
/// before last often holds that very file already. An error (the cache on
/// another file system, say) leaves `target` vacant for an ordinary write.
fn place_linked(
    kept: &Path,
    (dev, ino): (u64, u64),
    target: &Path,
    vacant: bool,
) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    if !vacant {
        match std::fs::symlink_metadata(target) {
            Ok(m) if m.ino() == ino && m.dev() == dev => return Ok(()),
            _ => remove_any(target)?,
        }
    }
    std::fs::hard_link(kept, target)
}

/// Remove every link and special file under `dir` (a spare tree about to
/// be filled), so that no write goes through one; list what stays.
pub(super) fn strip_links(dir: &Path) -> Result<Inventory, WriteError> {
    let mut inventory = Inventory::default();
    for entry in WalkDir::new(dir).min_depth(1) {
        let Ok(entry) = entry else { continue };
        let ft = entry.file_type();
        if ft.is_dir() {
            inventory.dirs.insert(entry.into_path());
        } else if ft.is_file() {
            inventory.files.push(entry.into_path());
        } else {
            remove_any(entry.path()).map_err(io(format!("clearing {}", entry.path().display())))?;
        }
    }
    Ok(inventory)
}

/// Make the folder `d`, whose parent exists, replacing a file in its way.
/// (Created first and looked at only when something is there: one call
/// per folder of a cold build.)
fn make_dir(d: &Path) -> std::io::Result<()> {
    match std::fs::create_dir(d) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if std::fs::symlink_metadata(d)?.is_dir() {
                return Ok(());
            }
            std::fs::remove_file(d)?;
            std::fs::create_dir(d)
        }
        other => other,
    }
}

/// Folders with their depth, parents before children.
fn by_depth(dirs: impl Iterator<Item = PathBuf>) -> Vec<(usize, PathBuf)> {
    let mut by_depth: Vec<(usize, PathBuf)> = dirs.map(|d| (d.components().count(), d)).collect();
    by_depth.sort_unstable_by_key(|(depth, _)| *depth);
    by_depth
}

/// Make the folders a batch needs that the staging tree lacks, one depth
/// at a time so that every parent is there first, and the folders of one
/// depth in parallel. A new folder is an inode and a directory block: the
/// eleven thousand folders of a 10,000-bulletin site are a third of a
/// build that links every page from the render cache into an empty
/// staging folder (a CI job that restored only `.gazette/`), and made in
/// parallel that build went from 0.85 to 0.75 s. Folders of one parent
/// wait for each other on its lock (the waiting core spins), yet making
/// each parent's folders one after another, different parents' in
/// parallel, was slower still: 9.7 against 8.2 s at 100,000 bulletins.
fn make_dirs(new_dirs: Vec<PathBuf>, before: &Inventory) -> Result<(), WriteError> {
    let by_depth = by_depth(new_dirs.into_iter().filter(|d| !before.dirs.contains(d)));
    for level in by_depth.chunk_by(|a, b| a.0 == b.0) {
        level
            .par_iter()
            .try_for_each(|(_, d)| make_dir(d).map_err(io(format!("creating {}", d.display()))))?;
    }
    Ok(())
}

/// Make, in the empty staging folder `dir`, the folders `folders` (paths
/// relative to it) and their parents, and return those made; any that
/// cannot be made (outside `dir`, a failure) is left to the batch that
/// needs it. Run beside the loading of the sources (`Staging::
/// prefetch_folders`), one folder after another: they are mostly
/// siblings, and ext4 makes one at a time in a parent anyway.
pub(super) fn make_folders_ahead(dir: &Path, folders: Vec<String>) -> Vec<PathBuf> {
    let mut all: FxHashSet<PathBuf> = FxHashSet::default();
    for rel in &folders {
        let Some(mut d) = safe_join(dir, rel) else {
            continue;
        };
        while d != dir && all.insert(d.clone()) {
            match d.parent() {
                Some(p) => d = p.to_path_buf(),
                None => break,
            }
        }
    }
    let mut made: FxHashSet<PathBuf> = FxHashSet::default();
    for (_, d) in by_depth(all.into_iter()) {
        let parent_there = d.parent().is_some_and(|p| p == dir || made.contains(p));
        if parent_there && std::fs::create_dir(&d).is_ok() {
            made.insert(d);
        }
    }
    made.into_iter().collect()
}

/// Write a batch of files into `dir` (in parallel), with the folders they
/// need; `written` and `dirs` collect what the tree must keep. Of two
/// files of one path in a batch, the later is written.
/// `fresh`: the staging folder started empty.
pub(super) fn write_batch(
    dir: &Path,
    files: &[OutputFile],
    previous: Option<&Path>,
    before: &Inventory,
    written: &mut FxHashSet<PathBuf>,
    dirs: &mut FxHashSet<PathBuf>,
) -> Result<(), WriteError> {
    // Folders made ahead (`make_folders_ahead`) are not files: a target
    // is vacant unless the tree held files or a folder of that name.
    let fresh = before.files.is_empty();
    let mut seen: FxHashSet<&str> =
        FxHashSet::with_capacity_and_hasher(files.len(), Default::default());
    let mut batch: Vec<(&OutputFile, PathBuf, bool)> = Vec::with_capacity(files.len());
    let mut new_dirs: Vec<PathBuf> = Vec::new();
    for f in files.iter().rev() {
        if !seen.insert(f.path.as_str()) {
            continue;
        }
        let target = safe_join(dir, &f.path).ok_or_else(|| {
            WriteError::Refused(format!(
                "refusing to write outside the output folder: {:?}",
                f.path
            ))
        })?;
        let mut parent = target.parent();
        while let Some(p) = parent.filter(|p| *p != dir) {
            if !dirs.insert(p.to_path_buf()) {
                break;
            }
            new_dirs.push(p.to_path_buf());
            parent = p.parent();
        }
        let vacant = fresh && !written.contains(&target) && !before.dirs.contains(&target);
        batch.push((f, target, vacant));
    }
    make_dirs(new_dirs, before)?;
    batch
        .par_iter()
        .try_for_each(|(f, target, vacant)| place(f, target, previous, *vacant))?;
    written.extend(batch.into_iter().map(|(_, target, _)| target));
    Ok(())
}

/// Make `dir` hold exactly `files` (and the folders they need).
#[cfg(test)]
fn sync_tree(dir: &Path, files: &[OutputFile], previous: Option<&Path>) -> Result<(), WriteError> {
    let (mut written, mut dirs) = (FxHashSet::default(), FxHashSet::default());
    let before = strip_links(dir)?;
    write_batch(dir, files, previous, &before, &mut written, &mut dirs)?;
    prune(&before, &written, &dirs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &[u8]) -> OutputFile {
        OutputFile::bytes(path, bytes.to_vec())
    }

    #[test]
    fn sync_keeps_replaces_and_removes() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("a/old")).unwrap();
        std::fs::write(d.join("a/same.html"), b"same").unwrap();
        std::fs::write(d.join("a/changed.html"), b"before").unwrap();
        std::fs::write(d.join("a/old/gone.html"), b"x").unwrap();
        std::fs::write(d.join("b"), b"file where a folder belongs").unwrap();
        std::fs::create_dir_all(d.join("e/deep")).unwrap();
        std::fs::write(d.join("e/deep/old.html"), b"folder where a file belongs").unwrap();
        std::os::unix::fs::symlink("/", d.join("c")).unwrap();
        let files = vec![
            file("a/same.html", b"same"),
            file("a/changed.html", b"after"),
            file("b/new.html", b"new"),
            file("e", b"now a file"),
            file("c/x.html", b"through no link"),
        ];
        sync_tree(d, &files, None).unwrap();
        assert_eq!(std::fs::read(d.join("a/same.html")).unwrap(), b"same");
        assert_eq!(std::fs::read(d.join("a/changed.html")).unwrap(), b"after");
        assert!(!d.join("a/old").exists());
        assert_eq!(std::fs::read(d.join("b/new.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(d.join("e")).unwrap(), b"now a file");
        assert!(std::fs::symlink_metadata(d.join("c")).unwrap().is_dir());
        assert_eq!(
            std::fs::read(d.join("c/x.html")).unwrap(),
            b"through no link"
        );
    }

    #[test]
    fn a_changed_file_shared_with_the_live_output_is_not_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let (live, staging) = (dir.path().join("live"), dir.path().join("staging"));
        std::fs::create_dir_all(&live).unwrap();
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(live.join("p.html"), b"live").unwrap();
        std::fs::hard_link(live.join("p.html"), staging.join("p.html")).unwrap();
        sync_tree(&staging, &[file("p.html", b"new")], Some(&live)).unwrap();
        assert_eq!(std::fs::read(live.join("p.html")).unwrap(), b"live");
        assert_eq!(std::fs::read(staging.join("p.html")).unwrap(), b"new");
    }
}
