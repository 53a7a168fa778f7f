//! Government information disclosure (SPEC §2.6): the metadata block,
//! repealed and expired notices, 解读 links, JSON-LD, subject pages and
//! year filters, and every disclosure error at its field.

use crate::support::TestSite;

const SITE: &str = "title: Testville Bulletins\nbase_url: https://testville.example/bulletins/\nlanguage: en\nissuer: Testville Town Council\nkinds: { report: Work report, plan: Work plan, notice: Notice, statistics: Statistics }\nsubjects: { finance: Finance, urban: Urban development }\n";

fn site(files: &[(&str, &str)]) -> TestSite {
    let site = TestSite::base();
    site.write("site.yaml", SITE);
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

const OLD: &str = "---\ntitle: Parking rules\ndate: 2022-01-20\nindex_no: 001008003/2022-00012\ndoc_no: TT〔2022〕2\nwritten: 2022-01-18\nsubject: urban\nexpires: 2022-12-31\n---\nTemporary parking.\n";
const NEW: &str = "---\ntitle: New parking rules\ndate: 2022-06-15\nindex_no: 001008003/2022-00057\nsubject: urban\nreplaces: 2022/old-parking\n---\nLonger stays.\n";
const EXPLAINER: &str = "---\ntitle: Parking rules explained\ndate: 2022-06-16\nkind: report\ninterprets: 2022/new-parking\n---\nQuestions and answers.\n";

fn parking() -> TestSite {
    site(&[
        ("bulletins/2022/old-parking.md", OLD),
        ("bulletins/2022/new-parking.md", NEW),
        ("bulletins/2022/explained.md", EXPLAINER),
    ])
}

#[test]
fn bulletin_page_shows_the_disclosure_block() {
    let s = parking();
    s.build_with(&["--now", "2022-07-01"]).success();
    let html = s.page("/2022/old-parking/");
    for part in [
        "<dt>Index number</dt><dd>001008003/2022-00012</dd>",
        "<dt>Document number</dt><dd>TT〔2022〕2</dd>",
        "<dt>Date written</dt><dd><time datetime=\"2022-01-18\">2022-01-18</time></dd>",
        "<dt>Subject</dt><dd><a href=\"/bulletins/subjects/urban/\" data-pagefind-filter=\"subject\">Urban development</a></dd>",
        "<dt>Issued by</dt><dd>Testville Town Council</dd>",
        "<dt>Expires</dt>",
    ] {
        assert!(html.contains(part), "{part} missing:\n{html}");
    }
    // A bulletin without any disclosure field keeps the plain facts.
    let plain = site(&[(
        "bulletins/2022/plain.md",
        "---\ntitle: Plain\ndate: 2022-01-01\n---\nx\n",
    )]);
    plain.build().success();
    let html = plain.page("/2022/plain/");
    assert!(
        !html.contains("Index number") && !html.contains("ld+json"),
        "{html}"
    );
}

#[test]
fn repealed_bulletin_says_so_and_links_its_replacement() {
    let s = parking();
    s.build_with(&["--now", "2022-07-01"]).success();
    let old = s.page("/2022/old-parking/");
    assert!(old.contains("This document has been repealed."), "{old}");
    assert!(
        old.contains("Replaced by: <a href=\"/bulletins/2022/new-parking/\">New parking rules</a>"),
        "{old}"
    );
    assert!(
        old.contains("class=\"validity-repealed\">repealed</dd>"),
        "{old}"
    );
    let new = s.page("/2022/new-parking/");
    assert!(
        new.contains("Documents this one repeals or replaces"),
        "{new}"
    );
    assert!(
        new.contains("<a href=\"/bulletins/2022/old-parking/\">Parking rules</a>"),
        "{new}"
    );
    assert!(!new.contains("has been repealed"), "{new}");
    assert!(new.contains("class=\"validity-valid\">valid</dd>"), "{new}");
}

#[test]
fn bulletin_reads_as_expired_after_its_expiry_date() {
    let s = site(&[("bulletins/2022/old-parking.md", OLD)]);
    s.build_with(&["--now", "2022-12-31"]).success();
    let html = s.page("/2022/old-parking/");
    assert!(
        !html.contains("has expired"),
        "valid on its last day:\n{html}"
    );
    s.build_with(&["--now", "2023-01-01"]).success();
    let html = s.page("/2022/old-parking/");
    assert!(html.contains("This document has expired."), "{html}");
    assert!(
        html.contains("class=\"validity-expired\">expired</dd>"),
        "{html}"
    );
}

#[test]
fn explainer_and_explained_document_link_each_other() {
    let s = parking();
    s.build_with(&["--now", "2022-07-01"]).success();
    let explainer = s.page("/2022/explained/");
    assert!(
        explainer.contains(
            "Policy explainer for</span> <a href=\"/bulletins/2022/new-parking/\">New parking rules</a>"
        ),
        "{explainer}"
    );
    let doc = s.page("/2022/new-parking/");
    assert!(
        doc.contains(
            "Policy explainers</span> <a href=\"/bulletins/2022/explained/\">Parking rules explained</a>"
        ),
        "{doc}"
    );
}

fn jsonld(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[test]
fn json_ld_carries_the_metadata() {
    let s = parking();
    s.build_with(&["--now", "2022-07-01"]).success();
    let old = jsonld(&s.page("/2022/old-parking/"));
    assert_eq!(old["@type"], "Legislation");
    assert_eq!(old["identifier"]["value"], "001008003/2022-00012");
    assert_eq!(old["legislationIdentifier"], "TT〔2022〕2");
    assert_eq!(old["legislationDate"], "2022-01-18");
    assert_eq!(
        old["legislationLegalForce"],
        "https://schema.org/NotInForce"
    );
    assert_eq!(old["expires"], "2022-12-31");
    assert_eq!(old["about"][0]["name"], "Urban development");
    let new = jsonld(&s.page("/2022/new-parking/"));
    assert_eq!(new["legislationLegalForce"], "https://schema.org/InForce");
    assert_eq!(
        new["legislationChanges"][0]["url"],
        "https://testville.example/bulletins/2022/old-parking/"
    );
    let explainer = jsonld(&s.page("/2022/explained/"));
    assert_eq!(explainer["@type"], "Article");
    assert_eq!(
        explainer["about"][0]["url"],
        "https://testville.example/bulletins/2022/new-parking/"
    );
}

#[test]
fn subject_pages_list_bulletins_by_subject() {
    let s = parking();
    s.build_with(&["--now", "2022-07-01"]).success();
    let index = s.page("/subjects/");
    assert!(index.contains("<a href=\"/bulletins/subjects/urban/\">Urban development</a> <span class=\"count\">2</span>"), "{index}");
    assert!(
        index.contains("<span>Finance</span> <span class=\"count\">0</span>"),
        "{index}"
    );
    let urban = s.page("/subjects/urban/");
    assert!(
        urban.contains("/bulletins/2022/old-parking/")
            && urban.contains("/bulletins/2022/new-parking/"),
        "{urban}"
    );
    assert!(!urban.contains("/bulletins/2022/explained/"), "{urban}");
    assert!(
        !s.has_output("subjects/finance/index.html"),
        "no page for an unused subject"
    );
    let sitemap = s.output("sitemap.xml");
    assert!(
        sitemap.contains("https://testville.example/bulletins/subjects/urban/"),
        "{sitemap}"
    );
}

#[test]
fn year_page_is_narrowed_by_kind_and_subject_through_links() {
    let s = parking();
    s.build_with(&["--now", "2022-07-01"]).success();
    let year = s.page("/2022/");
    assert!(
        year.contains("href=\"/bulletins/2022/kinds/report/\">Work report (1)</a>"),
        "{year}"
    );
    assert!(
        year.contains("href=\"/bulletins/2022/kinds/notice/\">Notice (2)</a>"),
        "{year}"
    );
    assert!(
        year.contains("href=\"/bulletins/2022/subjects/urban/\">Urban development (2)</a>"),
        "{year}"
    );
    assert!(!year.contains("<script"), "filters need no JavaScript");
    let reports = s.page("/2022/kinds/report/");
    assert!(reports.contains("/bulletins/2022/explained/"), "{reports}");
    assert!(
        !reports.contains("/bulletins/2022/old-parking/\">"),
        "{reports}"
    );
    assert!(
        reports.contains("aria-current=\"page\">Work report (1)"),
        "{reports}"
    );
    let urban = s.page("/2022/subjects/urban/");
    assert!(
        urban.contains("/bulletins/2022/new-parking/")
            && !urban.contains("href=\"/bulletins/2022/explained/\""),
        "{urban}"
    );
    s.check().success();
}

#[test]
fn duplicate_index_number_names_both_files() {
    let dup = NEW.replace("2022-00057", "2022-00012");
    let s = site(&[
        ("bulletins/2022/old-parking.md", OLD),
        ("bulletins/2022/new-parking.md", &dup),
    ]);
    s.build().exit(1).error_at(
        "bulletins/2022/old-parking.md:4:11",
        &[
            "index_no \"001008003/2022-00012\"",
            "bulletins/2022/new-parking.md",
        ],
    );
}

#[test]
fn unknown_subject_gets_did_you_mean() {
    let s = site(&[(
        "bulletins/2022/a.md",
        "---\ntitle: A\ndate: 2022-01-01\nsubject: urbn\n---\nx\n",
    )]);
    s.build().exit(1).error_at(
        "bulletins/2022/a.md:4:10",
        &["unknown subject \"urbn\"", "did you mean \"urban\""],
    );
}

#[test]
fn written_after_date_is_an_error_at_the_field() {
    let s = site(&[(
        "bulletins/2022/a.md",
        "---\ntitle: A\ndate: 2022-01-01\nwritten: 2022-01-05\n---\nx\n",
    )]);
    s.build().exit(1).error_at(
        "bulletins/2022/a.md:4:10",
        &["written 2022-01-05 is after the publication date 2022-01-01"],
    );
}

#[test]
fn bad_validity_and_reference_forms_are_errors_at_the_field() {
    let s = site(&[(
        "bulletins/2022/a.md",
        "---\ntitle: A\ndate: 2022-01-01\nvalidity: repeald\ninterprets: not-an-address\n---\nx\n",
    )]);
    s.build()
        .exit(1)
        .error_at(
            "bulletins/2022/a.md:4:11",
            &["validity \"repeald\"", "did you mean \"repealed\""],
        )
        .error_at(
            "bulletins/2022/a.md:5:13",
            &["interprets:", "<year>/<slug>"],
        );
}

#[test]
fn replaces_or_interprets_naming_no_bulletin_is_an_error_at_the_field() {
    let s = site(&[
        ("bulletins/2022/old-parking.md", OLD),
        (
            "bulletins/2022/b.md",
            "---\ntitle: B\ndate: 2022-02-01\nreplaces:\n  - 2022/old-parking\n  - 2022/old-parkin\ninterprets: 2021/nothing\n---\nx\n",
        ),
    ]);
    s.build()
        .exit(1)
        .error_at(
            "bulletins/2022/b.md:6:5",
            &[
                "replaces: no bulletin is published at 2022/old-parkin",
                "did you mean \"2022/old-parking\"",
            ],
        )
        .error_at(
            "bulletins/2022/b.md:7:13",
            &["interprets: no bulletin is published at 2021/nothing"],
        );
}

#[test]
fn a_loop_in_a_replaces_chain_is_an_error() {
    let s = site(&[
        (
            "bulletins/2022/a.md",
            "---\ntitle: A\ndate: 2022-01-01\nreplaces: 2022/c\n---\nx\n",
        ),
        (
            "bulletins/2022/b.md",
            "---\ntitle: B\ndate: 2022-02-01\nreplaces: 2022/a\n---\nx\n",
        ),
        (
            "bulletins/2022/c.md",
            "---\ntitle: C\ndate: 2022-03-01\nreplaces: 2022/b\n---\nx\n",
        ),
    ]);
    let run = s.build();
    run.exit(1).error_at(
        "bulletins/2022/a.md:4:11",
        &["the chain loops (2022/a -> 2022/c -> 2022/b -> 2022/a)"],
    );
    assert_eq!(
        run.errors().len(),
        1,
        "one loop, one error: {:?}",
        run.errors()
    );
}
