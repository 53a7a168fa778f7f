//! Hostile input that once crashed or hung the build (SPEC §5.1.1): input
//! nested far deeper than any reader should recurse, and input whose work
//! grows with the square of its size. Each build runs in a child under an
//! address-space limit (setrlimit in the child before exec), so a runaway
//! allocation is a failed test rather than a starved machine; the suite's
//! run limit guards against a hang.

use std::os::unix::process::CommandExt;
use std::process::Command;

use crate::support::{Run, TestSite};

/// Address space the child may map. Generous for these inputs (a healthy
/// build of them stays under a few hundred MiB), small enough that a
/// runaway allocation is stopped long before it troubles the machine.
const ADDRESS_SPACE: u64 = 2 << 30;

/// `gazette <args> --root <site>` with the address space limited. Threads
/// and malloc arenas are capped so the limit does not depend on the core
/// count.
fn run_limited<'a>(site: &'a TestSite, args: &[&str]) -> Run<'a> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
    cmd.args(args)
        .arg("--root")
        .arg(site.root())
        .env("RAYON_NUM_THREADS", "2")
        .env("MALLOC_ARENA_MAX", "2");
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between
    // fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = rustix::process::Rlimit {
                current: Some(ADDRESS_SPACE),
                maximum: Some(ADDRESS_SPACE),
            };
            rustix::process::setrlimit(rustix::process::Resource::As, limit)
                .map_err(std::io::Error::from)
        });
    }
    site.run_command(cmd)
}

fn bulletin(extra_front_matter: &str, body: &str) -> String {
    format!("---\ntitle: Testville hostile\ndate: 2021-06-01\n{extra_front_matter}---\n\n{body}")
}

#[test]
fn block_sequence_nested_ten_thousand_deep_is_an_error_not_an_abort() {
    let site = TestSite::base();
    let deep = format!("extra:\n  {}x\n", "- ".repeat(10_000));
    site.write("bulletins/2021/deep.md", bulletin(&deep, "Deep.\n"));
    site.write(
        "bulletins/2021/fine.md",
        "---\ntitle: Testville fine\ndate: 2021-06-02\nextra:\n  colour: [red\n---\n",
    );
    let run = run_limited(&site, &["build"]);
    // Exit 1 with every diagnostic: the deep file did not take the other
    // file's error down with it.
    run.exit(1)
        .error_at("bulletins/2021/deep.md:5", &["nested more than 64 levels"])
        .error_at("bulletins/2021/fine.md", &["invalid YAML"]);
    assert!(run.stderr.contains("build failed"), "{}", run.stderr);
}

#[test]
fn block_mappings_nested_ten_thousand_deep_are_an_error() {
    let site = TestSite::base();
    // 1,000 levels: indentation makes the text grow with the square of
    // the depth, and deeper would hit the 1 MiB limit first.
    let mut deep = String::from("extra:\n");
    for level in 0..1_000 {
        deep.push_str(&" ".repeat(level + 2));
        deep.push_str("a:\n");
    }
    site.write("bulletins/2021/deep.md", bulletin(&deep, "Deep.\n"));
    run_limited(&site, &["build"])
        .exit(1)
        .error_at("bulletins/2021/deep.md", &["nested more than 64 levels"]);
}

#[test]
fn deep_nesting_in_indicators_yaml_is_an_error() {
    let site = TestSite::base();
    let mut catalogue = site.read("indicators.yaml");
    catalogue.push_str(&format!("deep:\n  {}x\n", "- ".repeat(10_000)));
    site.write("indicators.yaml", catalogue);
    let run = run_limited(&site, &["build"]);
    assert!(run.code == 1 || run.code == 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("nested more than 64 levels"),
        "{}",
        run.stderr
    );
}

#[test]
fn hundred_thousand_equal_headings_get_unique_ids() {
    let site = TestSite::base();
    let body = "## Same heading\n\nA paragraph.\n\n".repeat(100_000);
    site.write("bulletins/2021/same.md", bulletin("", &body));
    run_limited(&site, &["build"]).success();
    let html = site.page("/2021/same/");
    let ids: Vec<&str> = html
        .split("<h2 id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(ids.len(), 100_000);
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), 100_000, "duplicate heading ids");
    assert_eq!(ids[0], "same-heading");
    assert_eq!(ids[1], "same-heading-1");
    assert_eq!(ids[99_999], "same-heading-99999");
}

#[test]
fn markdown_nested_ten_thousand_deep_builds_and_checks() {
    let site = TestSite::base();
    site.write(
        "bulletins/2021/quotes.md",
        bulletin("", &format!("{} deep quote\n", ">".repeat(10_000))),
    );
    site.write(
        "bulletins/2021/lists.md",
        bulletin("", &format!("{}deep item\n", "- ".repeat(10_000))),
    );
    site.write(
        "bulletins/2021/brackets.md",
        bulletin(
            "",
            &format!(
                "{}x{}\n\n{}x{}\n",
                "[".repeat(50_000),
                "]".repeat(50_000),
                "*".repeat(50_000),
                "*".repeat(50_000)
            ),
        ),
    );
    run_limited(&site, &["build"]).success();
    let quotes = site.page("/2021/quotes/");
    assert_eq!(quotes.matches("<blockquote>").count(), 10_000);
    let lists = site.page("/2021/lists/");
    assert!(lists.matches("<li>").count() >= 10_000);
    // The link checker reads the same pages back.
    run_limited(&site, &["check"]).success();
}
