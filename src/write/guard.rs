//! Which output folders gazette may replace: absent, empty, or marked as
//! its own. Anything else (a source folder, the site root, a folder of
//! someone's files) is refused before anything is written or deleted.

use std::path::{Path, PathBuf};

use super::WriteError;

/// The marker file at the root of every output folder gazette writes.
pub(crate) const MARKER: &str = ".gazette-output";
/// Its content, for the curious.
pub(super) const MARKER_TEXT: &str = "This folder is written by `gazette build` and replaced on every build.\nDo not keep your own files here.\n";

/// Make a path absolute and lexically normal, without following links
/// (the folder may not exist yet).
pub(super) fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    // Resolve links in the part that exists, so `output -> ../site` is seen.
    match out.canonicalize() {
        Ok(c) => c,
        Err(_) => match (
            out.parent().and_then(|p| p.canonicalize().ok()),
            out.file_name(),
        ) {
            (Some(parent), Some(name)) => parent.join(name),
            _ => out,
        },
    }
}

/// Source folders of a site that an output folder may never be or be in.
const SOURCE_DIRS: &[&str] = &[
    "bulletins",
    "themes",
    "templates",
    "static",
    "src",
    "tests",
    ".git",
];

/// Refuse output folders that are not gazette's to replace.
pub(crate) fn check_output_dir(output: &Path, root: &Path) -> Result<(), WriteError> {
    let root = absolute(root);
    if root.starts_with(output) {
        return Err(WriteError::Refused(format!(
            "refusing to use {} as the output folder: it holds the site itself; choose a folder such as {}",
            output.display(),
            root.join("output").display()
        )));
    }
    for d in SOURCE_DIRS {
        if output.starts_with(root.join(d)) {
            return Err(WriteError::Refused(format!(
                "refusing to use {} as the output folder: it is inside the site's {d}/ folder",
                output.display()
            )));
        }
    }
    match std::fs::symlink_metadata(output) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => Err(WriteError::Refused(format!(
            "refusing to use {} as the output folder: it is not a folder",
            output.display()
        ))),
        Ok(_) => {
            let marked = output.join(MARKER).is_file();
            let empty = std::fs::read_dir(output)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if marked || empty {
                Ok(())
            } else {
                Err(WriteError::Refused(format!(
                    "refusing to replace {}: it is not empty and has no {MARKER} marker, so gazette did not write it; remove it yourself or choose another --output",
                    output.display()
                )))
            }
        }
    }
}
