//! `gazette init`: what it writes, what it refuses, and a new site going
//! from nothing to built, checked and served with no theme folder anywhere.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::{empty_dir, gazette_in, ok_in};
use crate::support::tree;

const WRITTEN: &[&str] = &[
    "site.yaml",
    "indicators.yaml",
    ".gitignore",
    ".github/workflows/publish.yml",
    ".gitlab-ci.yml",
];

#[test]
fn init_writes_a_site_with_ci_recipes_and_no_theme_folder() {
    let dir = empty_dir();
    let out = ok_in(dir.path(), &["init", "town"]);
    let site = dir.path().join("town");
    for f in WRITTEN {
        assert!(site.join(f).is_file(), "{f} missing; stdout:\n{out}");
    }
    assert!(!site.join("themes").exists());
    let bulletins: Vec<String> = tree(&site.join("bulletins"))
        .into_keys()
        .filter(|k| k.ends_with(".md"))
        .collect();
    assert_eq!(bulletins.len(), 1, "{bulletins:?}");
    let gitignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "output/"), "{gitignore}");
    assert!(gitignore.lines().any(|l| l == ".gazette/"), "{gitignore}");
    assert!(out.contains("cd "), "next steps name the folder: {out}");
    assert!(out.contains("gazette serve --watch"), "{out}");
}

#[test]
fn init_flags_set_title_language_and_base_url() {
    let dir = empty_dir();
    ok_in(
        dir.path(),
        &[
            "init",
            "--title",
            "Testville: news & figures",
            "--language",
            "en",
            "--base-url",
            "https://testville.example/news",
        ],
    );
    ok_in(dir.path(), &["build", "--quiet"]);
    let home = std::fs::read_to_string(dir.path().join("output/index.html"))
        .unwrap()
        .replace("&#x2F;", "/");
    assert!(home.contains("<html lang=\"en\""), "{home}");
    assert!(home.contains("Testville: news &amp; figures"), "{home}");
    assert!(
        home.contains("https://testville.example/news/"),
        "canonical link under the base URL: {home}"
    );
    let index = std::fs::read_to_string(dir.path().join("output/indicators/index.html")).unwrap();
    assert!(index.contains("New parking spaces"), "{index}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let dir = empty_dir();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let before = tree(dir.path());
    let (code, _, err) = gazette_in(dir.path(), &["init"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not empty"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn init_accepts_a_fresh_git_clone_but_not_one_with_a_gitignore() {
    let dir = empty_dir();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    ok_in(dir.path(), &["init"]);
    let other = empty_dir();
    std::fs::write(other.path().join(".gitignore"), "secret\n").unwrap();
    let (code, _, err) = gazette_in(other.path(), &["init"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".gitignore exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(other.path().join(".gitignore")).unwrap(),
        "secret\n"
    );
    assert!(!other.path().join("site.yaml").exists());
}

#[test]
fn init_rejects_a_relative_base_url() {
    let dir = empty_dir();
    let (code, _, err) = gazette_in(dir.path(), &["init", "--base-url", "example.org"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--base-url"), "{err}");
    assert!(tree(dir.path()).is_empty());
}

/// The whole first session of a new user, binary alone, from a folder
/// outside the repository: init, build, check, new, build --drafts, serve.
#[test]
fn a_new_site_builds_checks_and_serves_with_the_binary_alone() {
    let dir = empty_dir();
    let root = dir.path();
    ok_in(root, &["init"]);
    let built = ok_in(root, &["build"]);
    assert!(built.starts_with("built 1 bulletin, "), "{built}");
    assert!(built.contains(", 1 indicator, 0 warnings"), "{built}");
    let css = std::fs::read(root.join("output/style.css")).unwrap();
    let repo_css = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .unwrap();
    assert_eq!(css, repo_css, "the embedded stylesheet is published");
    let checked = ok_in(root, &["check"]);
    assert!(checked.contains("no errors"), "{checked}");

    // The example indicator has a page with its target.
    let indicator =
        std::fs::read_to_string(root.join("output/indicators/new-parking-spaces/index.html"))
            .unwrap();
    assert!(indicator.contains("新增停车位"), "{indicator}");
    assert!(
        indicator.contains("待评估"),
        "the target is pending: {indicator}"
    );

    let created = ok_in(
        root,
        &[
            "new",
            "Spring cleanup",
            "--date",
            "2026-04-01",
            "--slug",
            "spring-cleanup",
        ],
    );
    assert!(
        created.contains("bulletins/2026/spring-cleanup.md"),
        "{created}"
    );
    let drafts = ok_in(root, &["build", "--drafts"]);
    assert!(drafts.starts_with("built 2 bulletins, "), "{drafts}");
    assert!(root.join("output/2026/spring-cleanup/index.html").is_file());

    let home = serve_home_page(root);
    assert!(home.contains("政务公报"), "{home}");
    assert!(!root.join("themes").exists(), "no theme folder was made");
}

/// Start `gazette serve --port 0` in `root`, GET `/`, stop the server.
fn serve_home_page(root: &Path) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["serve", "--port", "0"])
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("gazette serve starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://").nth(1) {
                let addr = rest.split('/').next().unwrap_or_default().to_string();
                let _ = tx.send(addr);
                return;
            }
        }
    });
    // A guard against a hang, not a timing assertion.
    let addr = rx.recv_timeout(Duration::from_secs(90));
    let body = addr.map(|addr| {
        ureq::get(&format!("http://{addr}/"))
            .call()
            .expect("GET /")
            .body_mut()
            .read_to_string()
            .expect("body")
    });
    let _ = child.kill();
    let _ = child.wait();
    body.expect("gazette serve printed its address")
}
