//! A fixture site in a temporary folder, built by the real binary: copy
//! `tests/fixtures/<name>/` and the repository's `themes/` side by side,
//! change files if a test needs to, run `gazette`, read what it wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A site under test.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What one run of the binary did.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error (diagnostics).
    pub stderr: String,
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestSite {
    /// A copy of the fixture `name` with the default theme.
    pub fn new(name: &str) -> TestSite {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo.join("tests/fixtures").join(name), dir.path());
        copy_tree(&repo.join("themes"), &dir.path().join("themes"));
        TestSite { dir }
    }

    /// A copy of the example site at the repository root.
    pub fn example() -> TestSite {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        for file in ["site.yaml", "indicators.yaml"] {
            std::fs::copy(repo.join(file), dir.path().join(file)).unwrap();
        }
        for folder in ["bulletins", "themes", "i18n"] {
            copy_tree(&repo.join(folder), &dir.path().join(folder));
        }
        TestSite { dir }
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Write (or replace) a file of the site.
    pub fn write(&self, rel: &str, text: &str) -> &TestSite {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Switch the site language (`language:` in site.yaml).
    pub fn language(&self, lang: &str) -> &TestSite {
        let path = self.root().join("site.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("language: en", &format!("language: {lang}"));
        std::fs::write(path, text).unwrap();
        self
    }

    /// Run `gazette <command> --root <site> <args>`.
    pub fn run(&self, command: &str, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .arg(command)
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Build into `<site>/output`; panics if the build fails.
    pub fn build(&self) -> Run {
        let run = self.run("build", &["--quiet"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// Path of an output file.
    pub fn output_path(&self, rel: &str) -> PathBuf {
        self.root().join("output").join(rel)
    }

    /// Bytes of an output file.
    pub fn bytes(&self, rel: &str) -> Vec<u8> {
        let path = self.output_path(rel);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Text of an output file, with Tera's `&#x2F;` read back as `/` so
    /// tests can quote links as a browser sees them.
    pub fn page(&self, rel: &str) -> String {
        String::from_utf8(self.bytes(rel))
            .unwrap()
            .replace("&#x2F;", "/")
    }
}

/// The line (1-based) of the first line of `file` under the site that
/// contains `needle` after line `after`.
pub fn line_of(site: &TestSite, file: &str, after: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(site.root().join(file)).unwrap();
    let start = text.lines().position(|l| l.contains(after)).unwrap();
    start
        + 1
        + text
            .lines()
            .skip(start)
            .position(|l| l.contains(needle))
            .unwrap()
}
