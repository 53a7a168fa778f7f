//! What a new user meets in the first minutes: messages that say what to
//! do next, completions, the man page and `--version`.

use super::{empty_dir, gazette_in, ok_in};
use crate::support::TestSite;

#[test]
fn a_folder_without_site_yaml_points_to_init() {
    let dir = empty_dir();
    for cmd in ["build", "check", "serve"] {
        let (code, _, err) = gazette_in(dir.path(), &[cmd]);
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(
            err.contains("no site.yaml here: run `gazette init` to start a site, or pass --root"),
            "{cmd}: {err}"
        );
    }
    let (code, _, err) = gazette_in(dir.path(), &["new", "A title"]);
    assert_eq!(code, 2);
    assert!(err.contains("gazette init"), "{err}");
}

#[test]
fn inside_a_site_the_message_names_the_site_around() {
    let dir = empty_dir();
    ok_in(dir.path(), &["init"]);
    let inner = dir.path().join("bulletins");
    let (code, _, err) = gazette_in(&inner, &["build"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("pass --root {}", dir.path().display())),
        "{err}"
    );
}

#[test]
fn a_root_without_site_yaml_says_how_to_start_one_there() {
    let dir = empty_dir();
    let (code, _, err) = gazette_in(dir.path(), &["build", "--root", "town"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no site.yaml in town: run `gazette init town`"),
        "{err}"
    );
}

#[test]
fn a_change_written_with_a_percent_sign_says_how_to_write_it() {
    let site = TestSite::base();
    let text = std::fs::read_to_string(site.path("indicators.yaml")).unwrap();
    let id = text
        .lines()
        .find(|l| !l.starts_with([' ', '#']) && l.ends_with(':'))
        .unwrap()
        .trim_end_matches(':')
        .to_string();
    site.write(
        "bulletins/2021/report.md",
        format!(
            "---\ntitle: Report\ndate: 2021-12-01\nindicators:\n  - id: {id}\n    value: 21.6\n    change: 12.3%\n---\n\nText.\n"
        ),
    );
    site.build().exit(1).error_at(
        "bulletins/2021/report.md:7:13",
        &["\"change\" must be a number", "write 12.3 for +12.3%"],
    );
}

#[test]
fn summaries_count_in_the_singular_for_one() {
    let site = TestSite::base();
    site.write(
        "bulletins/2021/only.md",
        "---\ntitle: Only\ndate: 2021-05-01\n---\n\nText.\n",
    );
    let run = site.build();
    run.success();
    assert!(
        run.stdout.starts_with("built 1 bulletin, "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(", 0 warnings in "), "{}", run.stdout);
    let check = site.check();
    assert!(
        check.stdout.starts_with("checked 1 bulletin, "),
        "{}",
        check.stdout
    );
}

#[test]
fn completions_are_printed_for_every_shell() {
    let dir = empty_dir();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef gazette"),
        ("fish", "complete -c gazette"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = ok_in(dir.path(), &["completions", shell]);
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("init"), "{shell} completes subcommands");
    }
    let (code, _, err) = gazette_in(dir.path(), &["completions", "cmd"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_man_page_describes_every_command() {
    let dir = empty_dir();
    let page = ok_in(dir.path(), &["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH gazette"),
        "{page}"
    );
    for cmd in ["build", "check", "serve", "new", "init", "completions"] {
        assert!(page.contains(cmd), "{cmd} in the man page");
    }
    ok_in(dir.path(), &["man", "--output", "man"]);
    assert!(dir.path().join("man/gazette.1").is_file());
    assert!(dir.path().join("man/gazette-init.1").is_file());
}

#[test]
fn version_is_shown() {
    let dir = empty_dir();
    let out = ok_in(dir.path(), &["--version"]);
    assert_eq!(out.trim(), format!("gazette {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_site_without_a_bulletins_folder_builds_and_says_how_to_start() {
    let site = TestSite::base();
    let run = site.build();
    run.success();
    assert!(
        run.stdout.starts_with("built 0 bulletins, "),
        "{}",
        run.stdout
    );
    run.warning_at("bulletins", &["no bulletins/ folder yet", "gazette new"]);
}

#[test]
fn common_yaml_slips_say_what_usually_causes_them() {
    let site = TestSite::base();
    site.write(
        "bulletins/2021/open.md",
        "---\ntitle: \"Road works\ndate: 2021-05-01\n---\n\nText.\n",
    );
    site.write(
        "bulletins/2021/colon.md",
        "---\ntitle: Notice: road works\ndate: 2021-05-01\n---\n\nText.\n",
    );
    let run = site.build();
    run.exit(1);
    run.error_at(
        "bulletins/2021/open.md",
        &["invalid YAML", "quote or a bracket left open"],
    );
    run.error_at(
        "bulletins/2021/colon.md:2",
        &["invalid YAML", "needs quotes"],
    );
}

#[test]
fn gazette_alone_shows_how_to_start() {
    let dir = empty_dir();
    let (code, _, err) = gazette_in(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("gazette init"), "{err}");
}
