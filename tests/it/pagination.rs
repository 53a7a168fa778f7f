//! Pagination (SPEC §3): year, tag and subject lists hold `paginate`
//! entries a page; later pages live at `<list>/page/<n>/`, linked with
//! numbered links and rel=prev/next, and listed in the sitemap.

use crate::support::TestSite;

const SITE: &str = "title: Testville Bulletins\nbase_url: https://testville.example/bulletins/\nlanguage: en\nissuer: Testville Town Council\nkinds: { report: Work report, plan: Work plan, notice: Notice, statistics: Statistics }\nsubjects: { urban: Urban development }\npaginate: 2\n";

/// Five notices of 2021, all tagged `roads` and on the subject `urban`,
/// published on 1 to 5 March (newest first on every list).
fn five_notices() -> TestSite {
    let site = TestSite::base();
    site.write("site.yaml", SITE);
    for day in 1..=5 {
        site.write(
            &format!("bulletins/2021/notice-{day}.md"),
            format!(
                "---\ntitle: Testville road notice {day}\ndate: 2021-03-0{day}\nkind: notice\ntags: [roads]\nsubject: urban\n---\n\nRoad works, part {day}.\n"
            ),
        );
    }
    site.build().success();
    site
}

/// The titles of the bulletin cards on a page, in order.
fn card_titles(html: &str) -> Vec<String> {
    html.split("Testville road notice ")
        .skip(1)
        .map(|rest| format!("notice {}", &rest[..1]))
        .collect()
}

#[test]
fn a_long_year_is_split_into_pages_with_links_between_them() {
    let site = five_notices();
    let first = site.page("/2021/");
    let second = site.page("/2021/page/2/");
    let third = site.page("/2021/page/3/");
    assert_eq!(card_titles(&first), ["notice 5", "notice 4"]);
    assert_eq!(card_titles(&second), ["notice 3", "notice 2"]);
    assert_eq!(card_titles(&third), ["notice 1"]);
    // Page 1 stays at the year's address: there is no /page/1/.
    assert!(!site.has_output("2021/page/1/index.html"));
    // rel=prev/next in the head, on the right pages.
    assert!(first.contains("<link rel=\"next\" href=\"/bulletins/2021/page/2/\">"));
    assert!(!first.contains("rel=\"prev\""));
    assert!(second.contains("<link rel=\"prev\" href=\"/bulletins/2021/\">"));
    assert!(second.contains("<link rel=\"next\" href=\"/bulletins/2021/page/3/\">"));
    assert!(!third.contains("rel=\"next\""));
    // Numbered links, the current page marked, in a labelled nav.
    assert!(second.contains("<nav class=\"pagination\" aria-label=\"Pages\">"));
    assert!(second.contains(
        "<a href=\"/bulletins/2021/page/2/\" aria-label=\"Page 2\" aria-current=\"page\">2</a>"
    ));
    assert!(second.contains("<a href=\"/bulletins/2021/\" aria-label=\"Page 1\">1</a>"));
    // Each page has its own title and canonical link.
    assert!(second.contains("<title>2021 · Page 2 · Testville Bulletins</title>"));
    assert!(second.contains(
        "<link rel=\"canonical\" href=\"https://testville.example/bulletins/2021/page/2/\">"
    ));
}

#[test]
fn tag_subject_and_narrowed_year_lists_are_paginated_too() {
    let site = five_notices();
    for list in ["/tags/roads/", "/subjects/urban/", "/2021/kinds/notice/"] {
        assert_eq!(
            card_titles(&site.page(list)),
            ["notice 5", "notice 4"],
            "{list}"
        );
        let second = site.page(&format!("{list}page/2/"));
        assert_eq!(card_titles(&second), ["notice 3", "notice 2"], "{list}");
        assert!(second.contains("rel=\"prev\""), "{list}");
        assert_eq!(
            card_titles(&site.page(&format!("{list}page/3/"))),
            ["notice 1"],
            "{list}"
        );
    }
    // Every link between pages resolves.
    site.check().success();
}

#[test]
fn the_sitemap_lists_the_later_pages() {
    let site = five_notices();
    let sitemap = site.output("sitemap.xml");
    for url in [
        "2021/page/2/",
        "2021/page/3/",
        "tags/roads/page/3/",
        "subjects/urban/page/2/",
        "2021/kinds/notice/page/3/",
    ] {
        let loc = format!("<loc>https://testville.example/bulletins/{url}</loc>");
        assert!(sitemap.contains(&loc), "{loc} missing:\n{sitemap}");
    }
    assert!(!sitemap.contains("page/1/"));
    assert!(!sitemap.contains("page/4/"));
}

#[test]
fn a_list_that_fits_on_one_page_has_no_pager() {
    let site = TestSite::fixture("minimal");
    site.build().success();
    let year = site.page("/2021/");
    assert!(!year.contains("class=\"pagination\""));
    assert!(!year.contains("rel=\"next\""));
    assert!(!site.has_output("2021/page/2/index.html"));
}

#[test]
fn paginate_must_be_a_positive_whole_number() {
    let site = TestSite::fixture("minimal");
    let base = site.read("site.yaml");
    for (value, says) in [
        ("0", "from 1"),
        ("many", "whole number"),
        ("2.5", "whole number"),
    ] {
        site.write("site.yaml", format!("{base}paginate: {value}\n"));
        let line = base.lines().count() + 1;
        site.build()
            .exit(2)
            .error_at(&format!("site.yaml:{line}:11"), &["paginate", says]);
    }
}
