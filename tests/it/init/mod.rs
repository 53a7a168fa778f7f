//! Starting a site with the binary alone: `gazette init`, the CI recipes it
//! writes, the embedded theme and `theme eject`, and the messages and
//! extras (completions, man page, --version) a new user meets first.

mod ci_recipes;
mod first_run;
mod new_site;
mod prompts;
mod theme;

use std::path::Path;
use std::process::Command;

use crate::support::run_bounded;

/// `gazette <args>` run from `dir` with no standard input: exit code,
/// stdout, stderr.
pub(crate) fn gazette_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let (code, out, err) = run_bounded(
        Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(args)
            .current_dir(dir),
    );
    assert!(!err.contains("panicked at"), "gazette panicked:\n{err}");
    (code, out, err)
}

/// Like `gazette_in`, asserting success.
pub(crate) fn ok_in(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = gazette_in(dir, args);
    assert_eq!(
        code, 0,
        "gazette {args:?} failed\n--- stdout\n{out}\n--- stderr\n{err}"
    );
    out
}

/// A fresh folder outside the repository.
pub(crate) fn empty_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("gazette-init-")
        .tempdir()
        .unwrap()
}
