//! Build safety (SPEC §5.1): nothing is lost. A failing build leaves the
//! previous output as it was, gazette replaces only folders it wrote, and no
//! bulletin can make it write outside the output folder.

use std::os::unix::fs::MetadataExt;

use crate::support::{tree, TestSite};

const MARKER: &str = ".gazette-output";

#[test]
fn failed_build_keeps_previous_output() {
    let site = TestSite::fixture("minimal");
    site.build().success();
    let before = tree(&site.output_dir());
    site.write(
        "bulletins/2021/broken.md",
        "---\ntitle: Testville broken\ndate: 2021-13-01\n---\n",
    );
    // A second good bulletin changes what a successful build would write.
    site.write(
        "bulletins/2021/new.md",
        "---\ntitle: Testville new\ndate: 2021-07-01\n---\n",
    );
    site.build().exit(1);
    assert_eq!(tree(&site.output_dir()), before);
}

/// Pages are written as they are rendered, in batches: a template that
/// breaks after the first batches (the bulletin pages) were written still
/// leaves the previous output exactly as it was, and nothing staged.
#[test]
fn a_template_error_after_pages_were_written_keeps_previous_output() {
    let site = TestSite::fixture("minimal").with_default_theme();
    // More bulletin pages than one batch holds, rendered before any list.
    for i in 0..600 {
        site.write(
            &format!("bulletins/2020/n{i:03}.md"),
            format!("---\ntitle: Testville notice {i}\ndate: 2020-03-01\n---\n\nNotice {i}.\n"),
        );
    }
    site.build().success();
    let before = tree(&site.output_dir());
    site.write(
        "bulletins/2020/late.md",
        "---\ntitle: Testville late\ndate: 2020-04-01\n---\n",
    );
    // The 404 page comes after every bulletin page and list.
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{{ no_such_value.field }}{% endblock %}",
    );
    let run = site.build();
    run.exit(2);
    assert!(run.stderr.contains("404.html"), "{}", run.stderr);
    assert_eq!(tree(&site.output_dir()), before, "previous output changed");
    let staging = site.path(".gazette/staging");
    let staged: Vec<_> = std::fs::read_dir(&staging)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        staged.is_empty(),
        "left in {}: {staged:?}",
        staging.display()
    );
}

#[test]
fn writes_the_marker_file() {
    let site = TestSite::fixture("minimal");
    site.build().success();
    assert!(site.output_dir().join(MARKER).is_file());
}

#[test]
fn rebuild_replaces_its_own_output() {
    let site = TestSite::fixture("minimal");
    site.build().success();
    assert!(site.has_output("2021/spring-cleanup/index.html"));
    site.remove("bulletins/2021/spring-cleanup.md");
    site.build().success();
    assert!(!site.has_output("2021/spring-cleanup/index.html"));
    assert!(site.has_output("2021/annual-report/index.html"));
}

#[test]
fn refuses_output_folder_with_foreign_files_and_no_marker() {
    let site = TestSite::fixture("minimal");
    site.write("mine/notes.txt", "Testville council notes\n");
    site.write("mine/sub/photo.jpg", "not really a photo");
    let before = tree(&site.path("mine"));
    let run = site.build_with(&["--output", "mine"]);
    run.exit(2);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    assert!(run.stderr.contains(MARKER), "{}", run.stderr);
    assert_eq!(tree(&site.path("mine")), before);
}

#[test]
fn refuses_the_site_root_as_output() {
    let site = TestSite::fixture("minimal");
    let before = tree(site.root());
    let root = site.root().to_str().unwrap().to_string();
    let run = site.build_with(&["--output", &root]);
    run.exit(2);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    assert_eq!(tree(site.root()), before);
    // A relative spelling of the same folder is refused too.
    site.build_with(&["--output", "."]).exit(2);
    assert_eq!(tree(site.root()), before);
}

#[test]
fn refuses_output_inside_the_bulletins_folder() {
    let site = TestSite::fixture("minimal");
    let before = tree(site.root());
    for out in ["bulletins", "bulletins/2021", "bulletins/site"] {
        let run = site.build_with(&["--output", out]);
        run.exit(2);
        assert!(run.stderr.contains("bulletins/"), "{}", run.stderr);
    }
    assert_eq!(tree(site.root()), before);
}

#[test]
fn accepts_an_empty_existing_output_folder() {
    let site = TestSite::fixture("minimal");
    std::fs::create_dir(site.path("public")).unwrap();
    site.build_with(&["--output", "public"]).success();
    assert!(site.path("public").join(MARKER).is_file());
    assert!(site.path("public/2021/annual-report/index.html").is_file());
}

/// The names in the site root, sorted.
fn root_names(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `names` and `more`, sorted.
fn with(names: &[String], more: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = names.to_vec();
    all.extend(more.iter().map(|s| s.to_string()));
    all.sort();
    all
}

/// Folders in the cache's staging area.
fn staging(site: &TestSite, cache: &str) -> Vec<String> {
    std::fs::read_dir(site.path(&format!("{cache}/staging")))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The previous tree kept for reuse in `cache` (one output, one spare).
fn spare(site: &TestSite, cache: &str) -> std::path::PathBuf {
    let spares: Vec<_> = std::fs::read_dir(site.path(&format!("{cache}/spare")))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(spares.len(), 1, "{spares:?}");
    spares[0].clone()
}

#[test]
fn a_build_adds_only_the_output_and_the_cache_folder_to_the_site() {
    let site = TestSite::fixture("minimal");
    let before = root_names(&site);
    site.build().success();
    site.build().success();
    assert_eq!(root_names(&site), with(&before, &[".gazette", "output"]));
    // The cache says it is gazette's, for backup tools and later versions.
    let tag = site.read(".gazette/CACHEDIR.TAG");
    assert!(
        tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55\n"),
        "{tag}"
    );
    assert!(
        tag.contains(&format!("gazette {}", env!("CARGO_PKG_VERSION"))),
        "{tag}"
    );
}

#[test]
fn cache_dir_moves_the_cache_folder() {
    let site = TestSite::fixture("minimal");
    let before = root_names(&site);
    site.build_with(&["--cache-dir", "state/gz"]).success();
    site.build_with(&["--cache-dir", "state/gz"]).success();
    assert!(site.path("state/gz/CACHEDIR.TAG").is_file());
    assert!(spare(&site, "state/gz").join(MARKER).is_file());
    assert_eq!(root_names(&site), with(&before, &["output", "state"]));
    // An absolute path works the same.
    let elsewhere = tempfile::tempdir_in(site.root()).unwrap();
    let abs = elsewhere.path().join("cache");
    site.build_with(&["--cache-dir", abs.to_str().unwrap()])
        .success();
    assert!(abs.join("CACHEDIR.TAG").is_file());
}

#[test]
fn refuses_a_cache_folder_that_is_not_gazettes() {
    let site = TestSite::fixture("minimal");
    site.write("notes/todo.txt", "Testville: call the printer\n");
    let before = tree(site.root());
    for dir in ["notes", ".", "output/.gazette"] {
        let run = site.build_with(&["--cache-dir", dir]);
        run.exit(2);
        assert!(run.stderr.contains("cache folder"), "{}", run.stderr);
    }
    assert_eq!(tree(site.root()), before);
}

#[test]
fn cleans_up_staging_folder_of_a_dead_build() {
    // A build stages into `.gazette/staging/<pid>-<random>`. 999999999 is
    // above any Linux pid_max, so no process has it.
    let site = TestSite::fixture("minimal");
    site.build().success();
    let dead = ".gazette/staging/999999999-abc123";
    site.write(&format!("{dead}/index.html"), "half a site");
    // A staging folder of a build that fell back to staging beside the
    // output, and the spare tree older versions kept there.
    let beside = ".output.gazette-999999999-abc123";
    site.write(&format!("{beside}/index.html"), "half a site");
    site.write(&format!(".output.gazette-spare/{MARKER}"), "old spare");
    site.build().success();
    assert!(!site.path(dead).exists());
    assert!(!site.path(beside).exists());
    assert!(!site.path(".output.gazette-spare").exists());
}

#[test]
fn keeps_staging_folder_of_a_running_build_and_files_it_did_not_write() {
    // The test process itself is alive: its folder may be a build in progress.
    let site = TestSite::fixture("minimal");
    site.build().success();
    let live = format!(".gazette/staging/{}-abc123", std::process::id());
    site.write(&format!("{live}/index.html"), "in progress");
    // A user's file in gazette's cache is never deleted either.
    site.write(".gazette/README.txt", "Testville build notes\n");
    site.build().success();
    assert!(site.path(&live).join("index.html").is_file());
    assert!(site.path(".gazette/README.txt").is_file());
}

#[test]
fn no_staging_folder_is_left_after_a_build() {
    let site = TestSite::fixture("minimal");
    let before = root_names(&site);
    site.build().success();
    site.build().success();
    site.write(
        "bulletins/2021/broken.md",
        "---\ntitle: Testville\ndate: 2021-13-01\n---\n",
    );
    site.build().exit(1);
    // The previous tree is kept in the cache for the next build to reuse;
    // no staging folder of a finished build remains, beside the output or
    // in the cache.
    assert!(spare(&site, ".gazette").join(MARKER).is_file());
    assert_eq!(staging(&site, ".gazette"), Vec::<String>::new());
    assert_eq!(root_names(&site), with(&before, &[".gazette", "output"]));
}

#[test]
fn a_cache_on_another_file_system_stages_beside_the_output() {
    // /dev/shm is a tmpfs on Linux; the test site lives elsewhere.
    let shm = std::path::Path::new("/dev/shm");
    let Ok(cache) = tempfile::tempdir_in(shm) else {
        eprintln!("skipped: no /dev/shm");
        return;
    };
    let site = TestSite::fixture("minimal");
    let names = root_names(&site);
    if std::fs::metadata(shm).unwrap().dev() == std::fs::metadata(site.root()).unwrap().dev() {
        eprintln!("skipped: the test site is on /dev/shm's file system");
        return;
    }
    let dir = cache.path().join("gz");
    let args = ["--cache-dir", dir.to_str().unwrap()];
    site.build_with(&args).success();
    let before = tree(&site.output_dir());
    let run = site.build_with(&args);
    run.success();
    assert!(run.stderr.contains("another file system"), "{}", run.stderr);
    assert_eq!(tree(&site.output_dir()), before);
    assert_eq!(
        root_names(&site),
        with(&names, &["output"]),
        "nothing left beside the output"
    );
}

#[test]
fn a_tampered_spare_tree_never_reaches_the_output() {
    let site = TestSite::fixture("minimal");
    site.build().success();
    site.build().success();
    let reference = tree(&site.output_dir());
    let spare = spare(&site, ".gazette");
    assert!(spare.join(".gazette-output").is_file());
    // Junk, a changed page and a link out of the tree, planted in the spare.
    std::fs::write(spare.join("planted.html"), "junk").unwrap();
    std::fs::write(spare.join("2021/index.html"), "stale").unwrap();
    std::fs::remove_dir_all(spare.join("tags")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), spare.join("tags")).unwrap();
    site.build().success();
    assert_eq!(tree(&site.output_dir()), reference);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn two_builds_at_once_both_finish_with_one_complete_site() {
    let reference = TestSite::fixture("minimal");
    reference.build().success();
    let expected = tree(&reference.output_dir());

    let site = TestSite::fixture("minimal");
    let spawn = || {
        site.command(&["build", "--quiet"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    for _round in 0..3 {
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(tree(&site.output_dir()), expected);
    }
}

#[test]
fn nothing_is_written_outside_the_output_folder() {
    let outer = tempfile::tempdir().unwrap();
    let site = TestSite::fixture("minimal");
    // Tags and attachment names that look like paths.
    site.write(
        "bulletins/2021/climb/index.md",
        "---\ntitle: Testville climb\ndate: 2021-07-01\ntags: [\"../../../escape\", \"/etc/passwd\", \"..\\\\..\\\\win\"]\n---\n\nAttachments.\n",
    );
    site.write("bulletins/2021/climb/..pdf", "dots");
    site.write("bulletins/2021/climb/%2e%2e%2fescape.pdf", "encoded");
    let before_root = tree(site.root());
    let out = outer.path().join("public");
    let run = site.build_with(&["--output", out.to_str().unwrap()]);
    run.success();
    // Outside the output folder nothing changed but gazette's cache...
    let mut after_root = tree(site.root());
    after_root.retain(|k, _| !k.starts_with(".gazette/"));
    assert_eq!(after_root, before_root);
    let beside: Vec<String> = std::fs::read_dir(outer.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["public"]);
    // ...and inside it, the odd names landed where they belong.
    assert!(out.join("tags/escape/index.html").is_file());
    assert!(out.join("tags/etcpasswd/index.html").is_file());
    assert!(out.join("tags/win/index.html").is_file());
    assert!(out.join("2021/climb/%2e%2e%2fescape.pdf").is_file());
}

#[test]
fn attachment_cannot_replace_the_bulletin_page() {
    let site = TestSite::fixture("minimal");
    site.write(
        "bulletins/2021/budget-2021/index.html",
        "<h1>Not the Testville budget</h1>",
    );
    site.write("bulletins/2021/budget-2021/a\\b.pdf", "odd name");
    let run = site.build();
    run.exit(1)
        .error_at("bulletins/2021/budget-2021/index.html", &["attachment"])
        .error_at("bulletins/2021/budget-2021/a\\b.pdf", &["attachment"]);
    // `check` sees the same content errors.
    site.check().exit(1);
}

#[test]
fn refuses_output_that_is_a_link_to_the_site() {
    let site = TestSite::fixture("minimal");
    std::os::unix::fs::symlink(".", site.path("out")).unwrap();
    std::os::unix::fs::symlink("bulletins", site.path("out2")).unwrap();
    let before = tree(site.root());
    site.build_with(&["--output", "out"]).exit(2);
    site.build_with(&["--output", "out2"]).exit(2);
    assert_eq!(tree(site.root()), before);
}

/// Bulletins enough for a build to take a while, so a kill lands mid-way.
fn many_bulletins(site: &TestSite, n: usize, edition: &str) {
    for i in 0..n {
        site.write(
            &format!("bulletins/2021/notice-{i:04}.md"),
            format!(
                "---\ntitle: Testville notice {i} ({edition})\ndate: 2021-03-{:02}\ntags: [notices, batch-{}]\n---\n\n{}\n",
                i % 28 + 1,
                i % 7,
                "The council of Testville met and agreed on the works. ".repeat(40)
            ),
        );
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_site() {
    let site = TestSite::fixture("minimal");
    many_bulletins(&site, 400, "first");
    site.build().success();
    let first = tree(&site.output_dir());
    many_bulletins(&site, 400, "second");
    // What a finished build of the second edition writes.
    site.build_with(&["--output", "reference"]).success();
    let second = tree(&site.path("reference"));
    assert_ne!(first, second);
    // Kill the build after ever longer delays: before, during and after
    // writing. Each time the output is the old site or the new one; never
    // a mix, never missing.
    for delay_ms in (5u64..800).step_by(35) {
        let mut child = site
            .command(&["build", "--quiet"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait().unwrap();
        let now = tree(&site.output_dir());
        assert!(
            now == first || now == second,
            "after a kill at {delay_ms} ms the output is neither the old nor the new site"
        );
    }
    // The next build finishes and cleans up after the killed ones.
    site.build().success();
    let leftovers = staging(&site, ".gazette");
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(site
        .output("2021/notice-0001/index.html")
        .contains("(second)"));
}
