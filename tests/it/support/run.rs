//! One run of the `gazette` binary, bounded in time: `Run` holds what a
//! user would see of it (exit code, stdout, stderr) and asserts on it.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::TestSite;

/// No command of the suite may run longer than this: a hang (an alias bomb,
/// a symlink loop) fails the test instead of stalling the suite. Not a
/// timing assertion: a healthy run takes a fraction of it.
const RUN_LIMIT: Duration = Duration::from_secs(120);

/// One finished run of gazette.
pub(crate) struct Run<'a> {
    pub(super) site: &'a TestSite,
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run<'_> {
    /// Assert exit code 0.
    pub(crate) fn success(&self) -> &Self {
        self.exit(0)
    }

    /// Assert an exit code.
    pub(crate) fn exit(&self, code: i32) -> &Self {
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
    pub(crate) fn errors(&self) -> Vec<&str> {
        self.headers("error")
    }

    /// Every warning.
    pub(crate) fn warnings(&self) -> Vec<&str> {
        self.headers("warning")
    }

    /// Assert an error at `location` whose message contains every one of
    /// `parts`. `location` is `file:line:col`, `file:line` (any column) or
    /// `file` (any position, or none).
    pub(crate) fn error_at(&self, location: &str, parts: &[&str]) -> &Self {
        self.diagnostic_at("error", location, parts)
    }

    /// Assert a warning at `location` whose message contains `parts`.
    pub(crate) fn warning_at(&self, location: &str, parts: &[&str]) -> &Self {
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
    pub(crate) fn page(&self, url: &str) -> String {
        self.site.page(url)
    }
}

/// Spawn, wait at most `RUN_LIMIT`, and return exit code, stdout, stderr.
pub(crate) fn run_bounded(cmd: &mut Command) -> (i32, String, String) {
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
