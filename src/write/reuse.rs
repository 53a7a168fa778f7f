//! Reusing unchanged files of the previous output. A rebuild mostly
//! writes the same bytes again; creating ten thousand fresh inodes (and
//! freeing the old ones) is then most of its cost on ext4, whose inode
//! allocator slows down over recently freed inodes. A file whose bytes are
//! unchanged is instead hard-linked from the previous output into the
//! staging folder: a new name, no new inode, and the previous output is
//! not modified (gazette never writes into an existing file).

use std::fs::{File, Metadata};
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// The metadata of the regular file at `path` when it holds exactly
/// `bytes` (read through one open handle, so the metadata is of the very
/// file that was compared).
pub(super) fn holding(path: &Path, bytes: &[u8]) -> Option<Metadata> {
    let mut file = File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    let mut content = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut content).ok()?;
    (content == bytes).then_some(meta)
}

/// Try to place `bytes` at `target` by linking the previous output's file
/// `previous`, when that file holds exactly these bytes. Returns false when
/// the caller must write the file itself.
pub(super) fn link_if_unchanged(previous: &Path, target: &Path, bytes: &[u8]) -> bool {
    let Some(meta) = holding(previous, bytes) else {
        return false;
    };
    if std::fs::hard_link(previous, target).is_err() {
        return false;
    }
    // Another build may have swapped the output between the read and the
    // link: keep the link only if it is the very file that was compared.
    match std::fs::symlink_metadata(target) {
        Ok(linked) if linked.ino() == meta.ino() && linked.dev() == meta.dev() => true,
        _ => {
            let _ = std::fs::remove_file(target);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_only_identical_files() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old");
        std::fs::write(&old, b"same").unwrap();
        let a = dir.path().join("a");
        assert!(link_if_unchanged(&old, &a, b"same"));
        assert_eq!(
            std::fs::metadata(&a).unwrap().ino(),
            std::fs::metadata(&old).unwrap().ino()
        );
        let b = dir.path().join("b");
        assert!(!link_if_unchanged(&old, &b, b"diff"));
        assert!(!b.exists());
        assert!(!link_if_unchanged(&dir.path().join("missing"), &b, b"same"));
    }
}
