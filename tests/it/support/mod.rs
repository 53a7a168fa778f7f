//! The test harness: `TestSite` is a site in a fresh temporary folder (a
//! fixture copied in, or files the test writes), and the real `gazette`
//! binary run on it. `Run` holds what a user would see of one command
//! (exit code, stdout, stderr) and asserts on it; `serve` adds a running
//! preview server on a free loopback port and an HTTP client.
//!
//! A fixture is a folder under `tests/fixtures/`. `tests/fixtures/base/`
//! (site.yaml and indicators.yaml of the fictional town of Testville) is laid
//! down first and the fixture's own files on top, so the invalid-* fixtures
//! hold only the bulletins they are about. No theme is copied in unless a
//! test asks for it (`with_default_theme`): the sites use the default theme
//! built into the binary, as a new site does.

mod run;
pub(crate) mod serve;

pub(crate) use run::{run_bounded, Run};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The repository root (the example site).
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    repo().join("tests").join("fixtures")
}

/// Copy the contents of `from` into `to`, keeping symlinks as symlinks
/// (the crate's own helper, shared with its unit tests).
fn copy_tree(from: &Path, to: &Path) {
    gazette::testing::copy_tree(from, to)
        .unwrap_or_else(|e| panic!("copy {} to {}: {e}", from.display(), to.display()));
}

/// Every file, folder and symlink under `dir`, by relative path, with the
/// bytes of the files (`None` for the others; links are not followed). Two
/// equal trees are byte-identical.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                out.insert(format!("{rel}/"), None);
                walk(root, &path, out);
            } else if meta.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(format!("{rel} -> {}", target.display()), None);
            } else {
                out.insert(rel, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A site in a temporary folder, removed when dropped.
pub(crate) struct TestSite {
    dir: TempDir,
}

impl TestSite {
    /// An empty folder with the given name prefix.
    fn empty(prefix: &str) -> TestSite {
        let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
        TestSite { dir }
    }

    /// `tests/fixtures/base` + `tests/fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> TestSite {
        let site = TestSite::base();
        let src = fixtures().join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        copy_tree(&src, site.root());
        site
    }

    /// The Testville configuration, no bulletins: for tests that write
    /// their input.
    pub(crate) fn base() -> TestSite {
        let site = TestSite::empty("gazette-test-");
        copy_tree(&fixtures().join("base"), site.root());
        site
    }

    /// A copy of the repository's example site (with its theme).
    pub(crate) fn example() -> TestSite {
        let site = TestSite::empty("gazette-example-");
        for f in ["site.yaml", "indicators.yaml"] {
            std::fs::copy(repo().join(f), site.path(f)).unwrap();
        }
        for d in ["bulletins", "themes", "i18n"] {
            copy_tree(&repo().join(d), &site.path(d));
        }
        site
    }

    /// Add the repository's default theme as the site's own
    /// `themes/default/`, as `gazette theme eject` would.
    pub(crate) fn with_default_theme(self) -> TestSite {
        copy_tree(&repo().join("themes/default"), &self.path("themes/default"));
        self
    }

    /// The site root.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the site.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Write (or replace) a file, creating its folders.
    pub(crate) fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// Replace `from` by `to` in a file of the site; `from` must be there.
    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, text.replace(from, to))
    }

    /// Delete a file of the site.
    pub(crate) fn remove(&self, rel: &str) -> &Self {
        let p = self.path(rel);
        std::fs::remove_file(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        self
    }

    /// Switch the site language (`language:` of site.yaml).
    pub(crate) fn language(&self, lang: &str) -> &Self {
        self.edit("site.yaml", "language: en", &format!("language: {lang}"))
    }

    /// Read a file of the site as text.
    pub(crate) fn read(&self, rel: &str) -> String {
        let p = self.path(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// The line (1-based) of the first line of `file` that contains
    /// `needle` at or after the first line that contains `after`.
    pub(crate) fn line_of(&self, file: &str, after: &str, needle: &str) -> usize {
        let text = self.read(file);
        let start = text.lines().position(|l| l.contains(after)).unwrap();
        start
            + 1
            + text
                .lines()
                .skip(start)
                .position(|l| l.contains(needle))
                .unwrap()
    }

    /// `gazette build --root <site>`.
    pub(crate) fn build(&self) -> Run<'_> {
        self.run(&["build"])
    }

    /// `gazette build --root <site> <args>`.
    pub(crate) fn build_with(&self, args: &[&str]) -> Run<'_> {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `gazette check --root <site>`.
    pub(crate) fn check(&self) -> Run<'_> {
        self.run(&["check"])
    }

    /// `gazette <args> --root <site>`, run from the site root.
    pub(crate) fn run(&self, args: &[&str]) -> Run<'_> {
        self.run_command(self.command(args))
    }

    /// The command `gazette <args> --root <site>`, for a test to add to
    /// (environment variables) before `run_command`.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
        cmd.args(args).arg("--root").arg(self.root());
        cmd.current_dir(self.root());
        cmd
    }

    /// Run a prepared command (from the site root) and collect what it printed.
    pub(crate) fn run_command(&self, mut cmd: Command) -> Run<'_> {
        let (code, stdout, stderr) = run_bounded(cmd.current_dir(self.root()));
        assert!(
            !stderr.contains("panicked at"),
            "gazette panicked:\n{stderr}"
        );
        Run {
            site: self,
            code,
            stdout,
            stderr,
        }
    }

    /// The default output folder.
    pub(crate) fn output_dir(&self) -> PathBuf {
        self.path("output")
    }

    /// Path of an output file (`feed.xml`, `2021/x/index.html`).
    pub(crate) fn output_path(&self, rel: &str) -> PathBuf {
        self.output_dir().join(rel.trim_start_matches('/'))
    }

    /// Bytes of an output file.
    pub(crate) fn output_bytes(&self, rel: &str) -> Vec<u8> {
        let p = self.output_path(rel);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// An output file as text (`feed.xml`, `2021/x/budget.pdf`).
    pub(crate) fn output(&self, rel: &str) -> String {
        let p = self.output_path(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// An output file as text with Tera's `&#x2F;` read back as `/`, so
    /// tests can quote links as a browser sees them.
    pub(crate) fn output_unescaped(&self, rel: &str) -> String {
        String::from_utf8(self.output_bytes(rel))
            .unwrap()
            .replace("&#x2F;", "/")
    }

    /// Does the output hold this file?
    pub(crate) fn has_output(&self, rel: &str) -> bool {
        self.output_path(rel).exists()
    }

    /// The HTML of a page by its site-relative URL (`/2021/x/`), read from
    /// `<url>/index.html` of the output.
    pub(crate) fn page(&self, url: &str) -> String {
        assert!(url.ends_with('/'), "pretty URLs end in `/`: {url}");
        self.output(&format!("{url}index.html"))
    }
}
