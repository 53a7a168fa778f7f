//! Helpers shared by the unit tests inside the crate and the integration
//! tests under `tests/`. Hidden from the documentation: this is a test
//! seam, not an API; it lives in the library so both kinds of tests copy
//! site folders the same way.

use std::path::Path;

/// Copy the contents of `from` into `to` (see `fsutil::copy_tree`).
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    crate::fsutil::copy_tree(from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_files_folders_and_symlinks_as_they_are() {
        let from = tempfile::tempdir().unwrap();
        let to = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(from.path().join("a/b")).unwrap();
        std::fs::write(from.path().join("a/b/c.txt"), "deep").unwrap();
        std::fs::write(from.path().join("top.md"), "top").unwrap();
        std::os::unix::fs::symlink("a/b/c.txt", from.path().join("link")).unwrap();
        std::os::unix::fs::symlink("loop", from.path().join("loop")).unwrap();
        std::fs::write(to.path().join("top.md"), "older").unwrap();
        std::fs::write(to.path().join("kept.txt"), "kept").unwrap();

        copy_tree(from.path(), to.path()).unwrap();

        let read = |rel: &str| std::fs::read_to_string(to.path().join(rel)).unwrap();
        assert_eq!(read("a/b/c.txt"), "deep");
        assert_eq!(read("top.md"), "top", "overwritten");
        assert_eq!(read("kept.txt"), "kept", "laid on top, not replaced");
        let link = to.path().join("link");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("a/b/c.txt"));
        assert_eq!(read("link"), "deep");
        assert_eq!(
            std::fs::read_link(to.path().join("loop")).unwrap(),
            Path::new("loop")
        );
    }

    #[test]
    fn a_missing_source_is_an_error_naming_it() {
        let to = tempfile::tempdir().unwrap();
        let missing = to.path().join("no-such-folder");
        let err = copy_tree(&missing, &to.path().join("copy")).unwrap_err();
        assert!(err.to_string().contains("no-such-folder"), "{err}");
    }
}
