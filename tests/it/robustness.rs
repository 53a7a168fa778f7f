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
    let mut cmd = site.command(args);
    cmd.env("RAYON_NUM_THREADS", "2")
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

/// A file system mounted for one test (a small tmpfs, or a read-only
/// bind), unmounted when dropped. Mounting needs CAP_SYS_ADMIN: CI runs as
/// root and has it; elsewhere the test says why it cannot run and passes.
struct Mount {
    point: std::path::PathBuf,
}

impl Mount {
    fn run(args: &[&str]) -> Result<(), String> {
        let out = Command::new("mount")
            .args(args)
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    fn tmpfs(point: &std::path::Path, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(point).unwrap();
        let opts = format!("size={size}");
        match Mount::run(&["-t", "tmpfs", "-o", &opts, "tmpfs", point.to_str().unwrap()]) {
            Ok(()) => Some(Mount {
                point: point.to_path_buf(),
            }),
            Err(e) => {
                eprintln!("skipped: cannot mount a tmpfs here (needs CAP_SYS_ADMIN): {e}");
                None
            }
        }
    }

    /// `point` mounted on itself: the same file system (and device
    /// number), but a rename across the mount fails with EXDEV.
    fn bind(point: &std::path::Path) -> Option<Mount> {
        std::fs::create_dir_all(point).unwrap();
        let p = point.to_str().unwrap();
        if let Err(e) = Mount::run(&["--bind", p, p]) {
            eprintln!("skipped: cannot bind-mount here (needs CAP_SYS_ADMIN): {e}");
            return None;
        }
        Some(Mount {
            point: point.to_path_buf(),
        })
    }

    fn read_only(point: &std::path::Path) -> Option<Mount> {
        let mount = Mount::bind(point)?;
        let p = point.to_str().unwrap();
        Mount::run(&["-o", "remount,bind,ro", p]).expect("remount read-only");
        Some(mount)
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.point).status();
    }
}

/// Names in `dir` other than `keep`: leftovers of a build.
fn leftovers(dir: &std::path::Path, keep: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect()
}

/// A write that failed: exit 3 with the OS error and the output path, the
/// previous output as it was, and no staging folder beside it.
fn assert_failed_write_kept_output(
    run: &crate::support::Run<'_>,
    os_error: &str,
    out: &std::path::Path,
    before: &std::collections::BTreeMap<String, Option<Vec<u8>>>,
) {
    run.exit(3);
    let out_arg = out.to_str().unwrap();
    assert!(
        run.stderr.contains(os_error) && run.stderr.contains(out_arg),
        "the OS error and the path:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("previous output was left"),
        "{}",
        run.stderr
    );
    assert_eq!(
        &crate::support::tree(out),
        before,
        "previous output changed"
    );
    assert_eq!(
        leftovers(out.parent().unwrap(), "out"),
        Vec::<String>::new(),
        "staging left behind"
    );
}

#[test]
fn full_disk_while_writing_keeps_the_previous_output_and_exits_3() {
    let site = TestSite::fixture("minimal");
    let disk = site.path("disk");
    let Some(_mount) = Mount::tmpfs(&disk, "1m") else {
        return;
    };
    let out = disk.join("out");
    let out_arg = out.to_str().unwrap();
    site.build_with(&["--output", out_arg]).success();
    let before = crate::support::tree(&out);
    // A page larger than what is left on the disk.
    let body = "A long paragraph that fills the disk.\n\n".repeat(60_000);
    site.write("bulletins/2021/huge.md", bulletin("", &body));
    let run = site.build_with(&["--output", out_arg]);
    assert_failed_write_kept_output(&run, "No space left on device", &out, &before);
}

#[test]
fn full_disk_with_the_cache_beside_keeps_the_previous_output_and_exits_3() {
    // The cache folder on the same (full) disk as the output: the build
    // stages in the cache, fails there, and leaves no staging folder.
    let site = TestSite::fixture("minimal");
    let disk = site.path("disk");
    let Some(_mount) = Mount::tmpfs(&disk, "1m") else {
        return;
    };
    let out = disk.join("out");
    let cache = disk.join("cache");
    let args = [
        "--output",
        out.to_str().unwrap(),
        "--cache-dir",
        cache.to_str().unwrap(),
    ];
    site.build_with(&args).success();
    site.build_with(&args).success();
    let before = crate::support::tree(&out);
    let body = "A long paragraph that fills the disk.\n\n".repeat(60_000);
    site.write("bulletins/2021/huge.md", bulletin("", &body));
    let run = site.build_with(&args);
    run.exit(3);
    assert!(
        run.stderr.contains("No space left on device"),
        "{}",
        run.stderr
    );
    assert_eq!(
        crate::support::tree(&out),
        before,
        "previous output changed"
    );
    let staging: Vec<_> = std::fs::read_dir(cache.join("staging")).unwrap().collect();
    assert!(staging.is_empty(), "staging left behind: {staging:?}");
    let mut beside = leftovers(&disk, "out");
    beside.sort();
    assert_eq!(beside, ["cache"]);
}

#[test]
fn read_only_output_parent_keeps_the_previous_output_and_exits_3() {
    let site = TestSite::fixture("minimal");
    let parent = site.path("published");
    std::fs::create_dir_all(&parent).unwrap();
    let out = parent.join("out");
    let out_arg = out.to_str().unwrap();
    site.build_with(&["--output", out_arg]).success();
    let before = crate::support::tree(&out);
    site.write("bulletins/2021/new.md", bulletin("", "New.\n"));
    let Some(_mount) = Mount::read_only(&parent) else {
        return;
    };
    let run = site.build_with(&["--output", out_arg]);
    assert_failed_write_kept_output(&run, "Read-only file system", &out, &before);
}

/// Every input a fuzz target once failed on (`fuzz/regressions/<target>/`),
/// through the same entry point the target calls, in this process: a
/// panic (a broken invariant) fails the test.
#[test]
fn a_cache_on_another_mount_of_the_same_file_system_still_swaps_the_site_whole() {
    // The staged tree cannot be renamed into place: it is copied beside
    // the output and swapped from there.
    let site = TestSite::fixture("minimal");
    let Some(_mount) = Mount::bind(&site.path("mounted")) else {
        return;
    };
    let args = ["--cache-dir", "mounted/gz"];
    site.build_with(&args).success();
    let run = site.build_with(&args);
    run.success();
    assert!(run.stderr.contains("another mount"), "{}", run.stderr);
    site.build_with(&["--output", "clean", "--cache-dir", ".clean-cache"])
        .success();
    assert!(
        crate::support::tree(&site.output_dir()) == crate::support::tree(&site.path("clean")),
        "the copied site differs from a clean build"
    );
    assert_eq!(
        leftovers(site.root(), "output")
            .into_iter()
            .filter(|n| n.starts_with(".output"))
            .collect::<Vec<_>>(),
        Vec::<String>::new(),
        "staging left beside the output"
    );
}

#[test]
fn fuzz_findings_stay_fixed() {
    type Entry = fn(&[u8]);
    let targets: [(&str, Entry); 3] = [
        ("front_matter", gazette::fuzzing::bulletin_file),
        ("markdown", gazette::fuzzing::markdown),
        ("period_number", gazette::fuzzing::period_and_number),
    ];
    let mut ran = 0;
    for (target, entry) in targets {
        let dir = crate::support::repo().join("fuzz/regressions").join(target);
        let Ok(files) = std::fs::read_dir(&dir) else {
            continue;
        };
        for file in files {
            let path = file.unwrap().path();
            entry(&std::fs::read(&path).unwrap());
            ran += 1;
        }
    }
    assert!(
        ran > 0,
        "no regression inputs found under fuzz/regressions/"
    );
}
