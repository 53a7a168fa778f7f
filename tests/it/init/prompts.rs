//! `gazette init` on a terminal asks its questions, takes Enter for the
//! default and asks again after a wrong answer. The binary runs on a
//! pseudo-terminal (rustix's pty), as in a person's shell.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};

use super::empty_dir;

/// Run `gazette <args>` in `dir` with a terminal as stdin and stdout,
/// typing `typed` into it; returns the exit code and what the terminal
/// showed.
fn on_a_terminal(dir: &Path, args: &[&str], typed: &str) -> (i32, String) {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("a pseudo-terminal");
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let terminal = || {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap()
    };
    // The Command, and with it the parent's handles of the terminal, is
    // dropped once the child has started.
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::from(terminal()))
        .stdout(Stdio::from(terminal()))
        .stderr(Stdio::null())
        .spawn()
        .expect("gazette starts");
    let mut master = File::from(master);
    // The terminal holds the typed lines until gazette reads them, one
    // line per read.
    master.write_all(typed.as_bytes()).unwrap();
    let shown = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        // Reading fails (EIO) once gazette has exited and closed its end.
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&all).into_owned()
    });
    // A guard against a hang (a question nobody answers), not a timing test.
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gazette init kept waiting for an answer");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), shown.join().unwrap())
}

#[test]
fn init_on_a_terminal_asks_with_defaults_and_asks_again_after_a_wrong_answer() {
    let dir = empty_dir();
    // Language: "fr" (wrong), then "en"; title typed; issuer: Enter;
    // address: a bare host (wrong), then a full URL.
    let typed = "fr\nen\nRiverside News\n\nriverside.example\nhttps://riverside.example/news\n";
    let (code, shown) = on_a_terminal(dir.path(), &["init", "site"], typed);
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("Language of the site (zh or en) [zh]"),
        "{shown}"
    );
    assert!(shown.contains("answer zh or en"), "{shown}");
    assert!(
        shown.contains("Who issues the bulletins [Town council]"),
        "{shown}"
    );
    assert!(
        shown.contains("must be an absolute http:// or https:// URL"),
        "{shown}"
    );
    let site = std::fs::read_to_string(dir.path().join("site/site.yaml")).unwrap();
    assert!(site.contains("title: \"Riverside News\""), "{site}");
    assert!(site.contains("language: en"), "{site}");
    assert!(site.contains("issuer: \"Town council\""), "{site}");
    assert!(
        site.contains("base_url: \"https://riverside.example/news/\""),
        "{site}"
    );
}

#[test]
fn flags_given_on_a_terminal_are_not_asked_again() {
    let dir = empty_dir();
    let (code, shown) = on_a_terminal(
        dir.path(),
        &["init", "--language", "zh", "--title", "瓜沥镇政务公报"],
        "\n\n",
    );
    assert_eq!(code, 0, "{shown}");
    assert!(!shown.contains("Language of the site"), "{shown}");
    assert!(!shown.contains("Title of the site"), "{shown}");
    assert!(
        shown.contains("Who issues the bulletins [某某镇人民政府]"),
        "{shown}"
    );
    let site = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
    assert!(site.contains("title: \"瓜沥镇政务公报\""), "{site}");
    assert!(
        site.contains("base_url: \"https://example.org/\""),
        "{site}"
    );
}
