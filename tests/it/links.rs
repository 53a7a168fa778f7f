//! `gazette check`: everything `build` checks, plus every internal link and
//! `#fragment` of the generated pages; it writes nothing.

use crate::support::TestSite;

#[test]
fn example_site_links_all_resolve() {
    let site = TestSite::example();
    let run = site.check();
    run.success();
    assert!(run.stdout.contains("no errors"), "{}", run.stdout);
    assert!(!site.output_dir().exists(), "check writes nothing");
}

#[test]
fn minimal_fixture_links_all_resolve() {
    TestSite::fixture("minimal").check().success();
}

#[test]
fn broken_link_and_fragment_fail_naming_the_bulletin() {
    let site = TestSite::fixture("broken-links");
    let run = site.check();
    run.exit(1)
        .error_at(
            "bulletins/2021/links.md",
            &["broken link", "/bulletins/2021/nope/"],
        )
        .error_at(
            "bulletins/2021/links.md",
            &["broken link", "/bulletins/2021/target/#nope", "\"nope\""],
        );
    // The link to an existing section is fine.
    assert_eq!(run.errors().len(), 2, "{}", run.stderr);
    assert!(!site.output_dir().exists(), "check writes nothing");
}

#[test]
fn check_reports_content_errors_like_build() {
    TestSite::fixture("invalid-kind")
        .check()
        .exit(1)
        .error_at("bulletins/2021/notice.md:4:7", &["unknown kind \"notise\""]);
}

#[test]
fn build_does_not_check_links() {
    // Broken links are `check`'s business; the build still succeeds.
    TestSite::fixture("broken-links").build().success();
}
