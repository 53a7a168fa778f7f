//! `gazette new TITLE`: scaffold a draft bulletin, never overwrite one.

use crate::support::TestSite;

fn new_x(site: &TestSite) -> crate::support::Run<'_> {
    site.run(&[
        "new",
        "Testville Fair",
        "--date",
        "2022-03-01",
        "--slug",
        "x",
    ])
}

#[test]
fn new_creates_a_draft_bulletin() {
    let site = TestSite::fixture("minimal");
    new_x(&site).success();
    let text = site.read("bulletins/2022/x.md");
    assert!(text.starts_with("---\n"), "{text}");
    assert!(text.contains("title: \"Testville Fair\"\n"), "{text}");
    assert!(text.contains("date: 2022-03-01\n"), "{text}");
    assert!(text.contains("draft: true\n"), "{text}");
}

#[test]
fn new_refuses_an_existing_file_and_leaves_it_untouched() {
    let site = TestSite::fixture("minimal");
    new_x(&site).success();
    // The author has started writing.
    let edited = format!("{}Work in progress.\n", site.read("bulletins/2022/x.md"));
    site.write("bulletins/2022/x.md", &edited);
    let run = new_x(&site);
    run.exit(1);
    assert!(run.stderr.contains("\"x\""), "{}", run.stderr);
    assert_eq!(site.read("bulletins/2022/x.md"), edited);
}

#[test]
fn new_refuses_a_slug_the_year_already_has() {
    let site = TestSite::fixture("minimal");
    let before = site.read("bulletins/2021/annual-report.md");
    let run = site.run(&[
        "new",
        "Another report",
        "--date",
        "2021-05-05",
        "--slug",
        "annual-report",
    ]);
    run.exit(1);
    assert!(
        run.stderr.contains("bulletins/2021/annual-report.md"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("bulletins/2021/annual-report.md"), before);
}

#[test]
fn new_rejects_a_malformed_date_as_usage_error() {
    let site = TestSite::fixture("minimal");
    site.run(&["new", "Testville", "--date", "01/03/2022"])
        .exit(2);
    assert!(!site.path("bulletins/2022").join("testville.md").exists());
}

#[test]
fn drafts_are_built_only_with_drafts_flag() {
    let site = TestSite::fixture("minimal");
    new_x(&site).success();
    site.build().success();
    assert!(!site.has_output("2022/x/index.html"));
    assert!(!site.output("feed.xml").contains("/2022/x/"));
    assert!(!site.output("sitemap.xml").contains("/2022/x/"));
    assert!(!site.page("/2022/").contains("Testville Fair"));

    site.build_with(&["--drafts"]).success();
    assert!(site.page("/2022/x/").contains("<h1>Testville Fair</h1>"));
    assert!(site.output("sitemap.xml").contains("/2022/x/"));
    assert!(site.page("/2022/").contains("Testville Fair"));
}

#[test]
fn new_keeps_an_awkward_title_intact() {
    // Quotes, a colon, a hash and markup must survive the YAML round trip.
    let site = TestSite::fixture("minimal");
    let title = r#"Say "hi": <b>Testville</b> # 1"#;
    site.run(&["new", title, "--date", "2022-03-01"]).success();
    let page = site
        .build_with(&["--drafts"])
        .success()
        .page("/2022/say-hi-b-testville-b-1/");
    assert!(
        page.contains("<h1>Say &quot;hi&quot;: &lt;b&gt;Testville&lt;/b&gt; # 1</h1>"),
        "{page}"
    );
}
