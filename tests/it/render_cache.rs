//! The render cache in `.gazette/render/` (SPEC §5.1): a page whose inputs
//! are unchanged is taken from the last build instead of being rendered,
//! with or without the previous output folder; a damaged, stale or
//! foreign cache is ignored. Every cached build's output must equal a
//! clean build's, byte for byte.

use std::path::PathBuf;

use crate::support::{tree, Run, TestSite};

/// How many HTML pages a build rendered and how many it took from the
/// cache, from its summary line.
fn counts(run: &Run) -> (usize, usize) {
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap();
    let number_before = |what: &str| -> Option<usize> {
        let head = &line[..line.find(what)?];
        head.rsplit(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    };
    match number_before(" unchanged from the cache") {
        Some(reused) => (number_before(" rendered").unwrap(), reused),
        None => (number_before(" pages").unwrap(), 0),
    }
}

/// Build the same sources with a fresh cache into `clean/` and assert
/// that the output folder holds exactly the same files and bytes.
fn assert_same_as_clean(site: &TestSite) {
    let _ = std::fs::remove_dir_all(site.path("clean"));
    let _ = std::fs::remove_dir_all(site.path(".clean-cache"));
    let run = site.build_with(&["--output", "clean", "--cache-dir", ".clean-cache"]);
    run.success();
    assert_eq!(counts(&run).1, 0, "a fresh cache reused pages");
    assert!(
        tree(&site.output_dir()) == tree(&site.path("clean")),
        "the cached build differs from a clean build"
    );
}

fn render_dir(site: &TestSite) -> PathBuf {
    site.path(".gazette/render")
}

/// The blob holding the bytes of an output file.
fn blob_of(site: &TestSite, rel: &str) -> PathBuf {
    let bytes = site.output_bytes(rel);
    std::fs::read_dir(render_dir(site).join("blobs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read(p).unwrap() == bytes)
        .unwrap_or_else(|| panic!("no blob holds {rel}"))
}

#[test]
fn an_unchanged_site_renders_nothing_even_without_the_previous_output() {
    let site = TestSite::fixture("minimal");
    let first = site.build();
    first.success();
    let (pages, _) = counts(&first);
    assert!(pages > 5, "{}", first.stdout);
    let again = site.build();
    again.success();
    assert_eq!(counts(&again), (0, pages), "{}", again.stdout);
    assert_same_as_clean(&site);
    // A CI job that restores only .gazette/: no output folder at all.
    std::fs::remove_dir_all(site.output_dir()).unwrap();
    let restored = site.build();
    restored.success();
    assert_eq!(counts(&restored), (0, pages), "{}", restored.stdout);
    assert_same_as_clean(&site);
}

#[test]
fn a_one_bulletin_edit_renders_only_the_pages_it_reaches() {
    let site = TestSite::fixture("minimal");
    site.edit(
        "bulletins/2021/spring-cleanup.md",
        "on Saturday.",
        "on Saturday.\n\nThe council thanks them.",
    );
    let first = site.build();
    first.success();
    let (pages, _) = counts(&first);
    std::fs::remove_dir_all(site.output_dir()).unwrap();
    // Past the first paragraph (the summary lists show), the body shows
    // on the bulletin's own page only (and in the feed, which is not an
    // HTML page): nothing else needs rendering.
    site.edit(
        "bulletins/2021/spring-cleanup.md",
        "thanks them",
        "thanks them all",
    );
    let edited = site.build();
    edited.success();
    assert_eq!(counts(&edited), (1, pages - 1), "{}", edited.stdout);
    assert!(site
        .output("2021/spring-cleanup/index.html")
        .contains("thanks them all"));
    assert_same_as_clean(&site);
    // A new title shows on every list holding the bulletin: those pages
    // are rendered, the others are not.
    site.edit(
        "bulletins/2021/spring-cleanup.md",
        "title: Spring cleanup in Testville",
        "title: Spring river cleanup in Testville",
    );
    let retitled = site.build();
    retitled.success();
    let (rendered, reused) = counts(&retitled);
    assert!(rendered > 1 && reused > 0, "{}", retitled.stdout);
    assert_same_as_clean(&site);
}

#[test]
fn a_deleted_then_restored_bulletin_builds_as_a_clean_build_does() {
    // The build starts from the cache's table of keys, the deleted
    // bulletin's among them; the manifest it writes keeps only the keys
    // its pages name, renumbered.
    let site = TestSite::fixture("minimal");
    site.build().success();
    let plan = site.path("bulletins/2022/plan-2022.md");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::remove_file(&plan).unwrap();
    let without = site.build();
    without.success();
    assert!(!site.output_dir().join("2022/plan-2022/index.html").exists());
    assert_same_as_clean(&site);
    std::fs::write(&plan, text).unwrap();
    let restored = site.build();
    restored.success();
    assert_same_as_clean(&site);
    let again = site.build();
    again.success();
    assert_eq!(counts(&again).0, 0, "{}", again.stdout);
}

#[test]
fn the_last_builds_folders_this_build_does_not_use_are_not_left_in_the_output() {
    // With only `.gazette/` restored (a CI job), the staging folder is
    // given the last build's folders ahead of the first batch; those this
    // build does not use must go, and a file may take a folder's name.
    let site = TestSite::fixture("minimal");
    site.build().success();
    assert!(site.output_dir().join("2022/plan-2022").is_dir());
    std::fs::remove_file(site.path("bulletins/2022/plan-2022.md")).unwrap();
    std::fs::create_dir_all(site.path("static/2022")).unwrap();
    std::fs::write(
        site.path("static/2022/plan-2022"),
        "a file where a folder was",
    )
    .unwrap();
    std::fs::remove_dir_all(site.output_dir()).unwrap();
    let run = site.build();
    run.success();
    assert_eq!(
        site.output_bytes("2022/plan-2022"),
        b"a file where a folder was"
    );
    assert_same_as_clean(&site);
    // And a deleted page's folder does not come back empty.
    std::fs::remove_file(site.path("static/2022/plan-2022")).unwrap();
    std::fs::remove_dir_all(site.output_dir()).unwrap();
    site.build().success();
    assert!(!site.output_dir().join("2022/plan-2022").exists());
    assert_same_as_clean(&site);
    // A build that fails after its folders were made ahead keeps them as
    // the next build's starting tree; that build is still a clean one.
    std::fs::remove_dir_all(site.output_dir()).unwrap();
    let broken = site.path("bulletins/2022/broken.md");
    std::fs::write(&broken, "---\ntitle: [unclosed\n---\nBody.\n").unwrap();
    site.build().exit(1);
    assert!(!site.output_dir().exists());
    std::fs::remove_file(&broken).unwrap();
    site.build().success();
    assert_same_as_clean(&site);
}

/// One way of damaging the cache.
type Damage<'a> = Box<dyn Fn() + 'a>;

#[test]
fn a_damaged_cache_is_never_trusted() {
    let site = TestSite::fixture("minimal");
    site.build().success();
    let manifest = render_dir(&site).join("manifest.bin");
    let whole = std::fs::read(&manifest).unwrap();
    let page = "2021/spring-cleanup/index.html";
    let damages: Vec<(&str, Damage)> = vec![
        (
            "truncated manifest",
            Box::new(|| std::fs::write(&manifest, &whole[..whole.len() / 2]).unwrap()),
        ),
        (
            "garbled manifest",
            Box::new(|| {
                let mut bytes = whole.clone();
                let mid = bytes.len() / 2;
                bytes[mid] ^= 0x55;
                std::fs::write(&manifest, bytes).unwrap()
            }),
        ),
        (
            "empty manifest",
            Box::new(|| std::fs::write(&manifest, b"").unwrap()),
        ),
        (
            "missing blob",
            Box::new(|| std::fs::remove_file(blob_of(&site, page)).unwrap()),
        ),
        (
            "altered blob",
            Box::new(|| {
                // Replaced, not written into: the blob shares its inode
                // with the output file.
                let blob = blob_of(&site, page);
                let mut bytes = std::fs::read(&blob).unwrap();
                let at = bytes.len() / 2;
                bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
                std::fs::remove_file(&blob).unwrap();
                std::fs::write(&blob, bytes).unwrap();
            }),
        ),
    ];
    for (what, damage) in damages {
        // Each damage on a fresh cache of the current sources, and the
        // previous output gone, so nothing but the cache could supply bytes.
        site.build().success();
        let pages = counts(&site.build()).1;
        damage();
        std::fs::remove_dir_all(site.output_dir()).unwrap();
        let run = site.build();
        run.success();
        let (rendered, reused) = counts(&run);
        assert_eq!(rendered + reused, pages, "{what}: {}", run.stdout);
        assert!(rendered >= 1, "{what}: nothing rendered: {}", run.stdout);
        assert_same_as_clean(&site);
        // The build repaired the cache.
        assert_eq!(counts(&site.build()), (0, pages), "{what}");
    }
}

#[test]
fn a_cache_of_another_site_or_configuration_is_ignored() {
    let site = TestSite::fixture("minimal");
    let first = site.build();
    first.success();
    let (pages, _) = counts(&first);
    // The same sources elsewhere, with this site's cache: another site.
    let other = TestSite::fixture("minimal");
    copy_dir(&site.path(".gazette"), &other.path(".gazette"));
    let run = other.build();
    run.success();
    assert_eq!(counts(&run), (pages, 0), "{}", run.stdout);
    assert_same_as_clean(&other);
    // Another title in site.yaml reaches every page.
    let yaml = site.read("site.yaml");
    let title = yaml
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap()
        .to_string();
    site.edit("site.yaml", &title, "title: Testville Gazette, renamed");
    let run = site.build();
    run.success();
    assert_eq!(counts(&run), (pages, 0), "{}", run.stdout);
    assert_same_as_clean(&site);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn a_kept_parse_is_used_only_with_the_catalogue_and_settings_it_was_made_with() {
    let site = TestSite::fixture("minimal");
    site.build().success();
    assert!(site.path(".gazette/render/parses.bin").is_file());
    let report = "bulletins/2021/annual-report.md";
    // The bulletin is unchanged, but its indicator is no longer in the
    // catalogue: it must be checked again, not taken as parsed before.
    site.edit("indicators.yaml", "water-leaks:", "water-main-leaks:");
    site.build().exit(1).error_at(
        &format!("{report}:16:9"),
        &["unknown indicator \"water-leaks\""],
    );
    site.edit("indicators.yaml", "water-main-leaks:", "water-leaks:");
    site.build().success();
    // Nor with its kind gone from site.yaml.
    site.edit("site.yaml", "report: Work report, ", "");
    site.build()
        .exit(1)
        .error_at(&format!("{report}:4:7"), &["unknown kind \"report\""]);
    site.edit("site.yaml", "{ plan:", "{ report: Work report, plan:");
    site.build().success();
    assert_same_as_clean(&site);
}

#[test]
fn a_damaged_parse_cache_is_ignored_and_replaced() {
    let site = TestSite::fixture("minimal");
    site.build().success();
    let parses = site.path(".gazette/render/parses.bin");
    let whole = std::fs::read(&parses).unwrap();
    let mut damaged = whole.clone();
    let at = damaged.len() - 10;
    damaged[at] ^= 0x55;
    std::fs::write(&parses, &damaged).unwrap();
    std::fs::remove_dir_all(site.output_dir()).unwrap();
    site.build().success();
    assert_same_as_clean(&site);
    assert_eq!(std::fs::read(&parses).unwrap(), whole, "written anew");
}
