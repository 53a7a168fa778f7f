//! The test harness: `TestSite` copies a fixture site into a fresh temporary
//! folder and runs the real `gazette` binary on it; `Run` holds what a user
//! would see (exit code, stdout, stderr) and asserts on it.
//!
//! A fixture is a folder under `tests/fixtures/`. `tests/fixtures/base/`
//! (site.yaml and indicators.yaml of the fictional town of Testville) is laid
//! down first and the fixture's own files on top, so the invalid-* fixtures
//! hold only the bulletins they are about. No theme is copied in: the
//! sites use the default theme built into the binary, as a new site does.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// No command of the suite may run longer than this: a hang (an alias bomb,
/// a symlink loop) fails the test instead of stalling the suite. Not a
/// timing assertion: a healthy run takes a fraction of it.
const RUN_LIMIT: Duration = Duration::from_secs(120);

/// The repository root (the example site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    repo().join("tests").join("fixtures")
}

/// Copy the contents of `from` into `to` (created if needed), keeping
/// symlinks as symlinks.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let ft = entry.file_type().unwrap();
        if ft.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if ft.is_symlink() {
            let link = std::fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(link, &target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file, folder and symlink under `dir`, by relative path, with the
/// bytes of the files (`None` for the others; links are not followed). Two
/// equal trees are byte-identical.
pub fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
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
pub struct TestSite {
    dir: TempDir,
}

impl TestSite {
    /// `tests/fixtures/base` + `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::base();
        let src = fixtures().join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        copy_tree(&src, site.root());
        site
    }

    /// The Testville configuration, no bulletins: for tests that generate
    /// their input.
    pub fn base() -> TestSite {
        let dir = tempfile::Builder::new()
            .prefix("gazette-test-")
            .tempdir()
            .unwrap();
        let site = TestSite { dir };
        copy_tree(&fixtures().join("base"), site.root());
        site
    }

    /// A copy of the repository's example site.
    pub fn example() -> TestSite {
        let dir = tempfile::Builder::new()
            .prefix("gazette-example-")
            .tempdir()
            .unwrap();
        let site = TestSite { dir };
        for f in ["site.yaml", "indicators.yaml"] {
            std::fs::copy(repo().join(f), site.path(f)).unwrap();
        }
        for d in ["bulletins", "themes", "i18n"] {
            copy_tree(&repo().join(d), &site.path(d));
        }
        site
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Write a file (creating its folders).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// Read a file of the site as text.
    pub fn read(&self, rel: &str) -> String {
        let p = self.path(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// `gazette build --root <site>`.
    pub fn build(&self) -> Run<'_> {
        self.run(&["build"])
    }

    /// `gazette build --root <site> <args>`.
    pub fn build_with(&self, args: &[&str]) -> Run<'_> {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `gazette check --root <site>`.
    pub fn check(&self) -> Run<'_> {
        self.run(&["check"])
    }

    /// `gazette <args> --root <site>`, run from the site root.
    pub fn run(&self, args: &[&str]) -> Run<'_> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
        cmd.args(args).arg("--root").arg(self.root());
        self.run_command(cmd)
    }

    /// Run a prepared command (from the site root) and collect what it printed.
    pub fn run_command(&self, mut cmd: Command) -> Run<'_> {
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
    pub fn output_dir(&self) -> PathBuf {
        self.path("output")
    }

    /// An output file as text (`feed.xml`, `2021/x/budget.pdf`).
    pub fn output(&self, rel: &str) -> String {
        let p = self.output_dir().join(rel.trim_start_matches('/'));
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// Does the output hold this file?
    pub fn has_output(&self, rel: &str) -> bool {
        self.output_dir().join(rel.trim_start_matches('/')).exists()
    }

    /// The HTML of a page by its site-relative URL (`/2021/x/`), read from
    /// `<url>/index.html` of the output.
    pub fn page(&self, url: &str) -> String {
        assert!(url.ends_with('/'), "pretty URLs end in `/`: {url}");
        self.output(&format!("{url}index.html"))
    }
}

/// Spawn, wait at most `RUN_LIMIT`, and return exit code, stdout, stderr.
pub fn run_bounded(cmd: &mut Command) -> (i32, String, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gazette starts");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gazette did not finish within {RUN_LIMIT:?}: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
    // Killed by a signal (out of memory, say): no exit code.
    let code = status.code().unwrap_or(-1);
    (code, stdout, stderr)
}

/// One finished run of gazette.
pub struct Run<'a> {
    site: &'a TestSite,
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run<'_> {
    /// Assert exit code 0.
    pub fn success(&self) -> &Self {
        self.exit(0)
    }

    /// Assert an exit code.
    pub fn exit(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}, got {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// The header lines of the diagnostics of one severity
    /// (`error: <file>:<line>:<col>: <message>`), without the summary line.
    fn headers(&self, severity: &str) -> Vec<&str> {
        let prefix = format!("{severity}: ");
        self.stderr
            .lines()
            .filter(|l| l.starts_with(&prefix))
            .filter(|l| {
                !l.starts_with("error: build failed") && !l.starts_with("error: check found")
            })
            .collect()
    }

    /// Every error reported about a source file.
    pub fn errors(&self) -> Vec<&str> {
        self.headers("error")
    }

    /// Every warning.
    pub fn warnings(&self) -> Vec<&str> {
        self.headers("warning")
    }

    /// Assert an error at `location` whose message contains every one of
    /// `parts`. `location` is `file:line:col`, `file:line` (any column) or
    /// `file` (any position, or none).
    pub fn error_at(&self, location: &str, parts: &[&str]) -> &Self {
        self.diagnostic_at("error", location, parts)
    }

    /// Assert a warning at `location` whose message contains `parts`.
    pub fn warning_at(&self, location: &str, parts: &[&str]) -> &Self {
        self.diagnostic_at("warning", location, parts)
    }

    fn diagnostic_at(&self, severity: &str, location: &str, parts: &[&str]) -> &Self {
        let head = format!("{severity}: {location}:");
        let found = self
            .stderr
            .lines()
            .any(|l| l.starts_with(&head) && parts.iter().all(|p| l.contains(p)));
        assert!(
            found,
            "expected a line starting with {head:?} and containing {parts:?}\n--- stderr\n{}",
            self.stderr
        );
        self
    }

    /// A page of the site's output (see `TestSite::page`).
    pub fn page(&self, url: &str) -> String {
        self.site.page(url)
    }
}
