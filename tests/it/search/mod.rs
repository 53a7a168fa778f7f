//! Full-text search (SPEC §3.2): the Pagefind index `gazette build` writes
//! under `/pagefind/`, read back and queried term by term, and the
//! `/search/` page. Fixture: `tests/fixtures/search/` (a Chinese site with
//! an English and a mixed-language bulletin, and a draft).

pub(crate) mod index;

use index::SearchIndex;

use crate::support::TestSite;

fn built() -> (TestSite, SearchIndex) {
    let site = TestSite::fixture("search");
    site.build().success();
    let index = SearchIndex::read(&site.output_dir(), "zh");
    (site, index)
}

fn urls(list: &[&str]) -> std::collections::BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn chinese_queries_find_chinese_text() {
    let (_site, index) = built();
    // The bulletin says 新增停车位: the whole word and its first half
    // both find it; the mixed page speaks of 智慧停车.
    assert_eq!(index.search("停车位"), urls(&["/2022/parking/"]));
    assert_eq!(
        index.search("停车"),
        urls(&["/2022/mixed/", "/2022/parking/"])
    );
    assert_eq!(index.search("老旧小区"), urls(&["/2023/quiet/"]));
    assert!(index.search("飞机场").is_empty());
}

#[test]
fn latin_queries_find_english_and_mixed_pages() {
    let (_site, index) = built();
    assert_eq!(index.search("harbour"), urls(&["/2022/budget-en/"]));
    assert_eq!(index.search("Council budget"), urls(&["/2022/budget-en/"]));
    // A mixed page: Latin words and Chinese words both reach it.
    assert_eq!(index.search("carpark"), urls(&["/2022/mixed/"]));
    assert_eq!(index.search("pilot"), urls(&["/2022/mixed/"]));
    assert_eq!(index.search("试点"), urls(&["/2022/mixed/"]));
}

#[test]
fn indicator_names_of_a_bulletin_are_searchable() {
    let (_site, index) = built();
    // 财政收入 is only the name of the indicator the bulletin reports.
    assert_eq!(index.search("财政收入"), urls(&["/2022/parking/"]));
}

#[test]
fn records_carry_title_date_kind_and_filters() {
    let (_site, index) = built();
    let r = index.record("/2022/mixed/");
    assert_eq!(r.meta["title"], "智慧停车 pilot 启动");
    assert_eq!(r.meta["date"], "2022-06-20");
    assert_eq!(r.meta["kind"], "工作报告");
    assert_eq!(r.filters["year"], vec!["2022"]);
    assert_eq!(r.filters["kind"], vec!["工作报告"]);
    let mut tags = r.filters["tag"].clone();
    tags.sort();
    assert_eq!(tags, vec!["roads", "交通"]);
    // The 主题分类 of the disclosure block is a filter too.
    assert_eq!(r.filters["subject"], vec!["城乡建设"]);
    // Navigation around the article is not indexed.
    assert!(!r.content.contains("上一篇") && !r.content.contains("首页"));
}

#[test]
fn only_bulletins_are_indexed() {
    let (site, index) = built();
    // Lists, 404 and the search page itself stay out of the index.
    assert_eq!(
        index.urls(),
        urls(&[
            "/2022/budget-en/",
            "/2022/mixed/",
            "/2022/parking/",
            "/2023/quiet/"
        ])
    );
    assert!(site.has_output("/pagefind/pagefind.js"));
    assert!(!site.has_output("/pagefind/pagefind-ui.js"));
}

#[test]
fn drafts_are_indexed_only_with_drafts() {
    let (site, index) = built();
    assert!(index.search("zeppelin").is_empty());
    site.build_with(&["--drafts"]).success();
    let index = SearchIndex::read(&site.output_dir(), "zh");
    assert_eq!(index.search("zeppelin"), urls(&["/2023/draft-plan/"]));
}

#[test]
fn search_false_writes_no_index_and_no_search_page() {
    let site = TestSite::fixture("search");
    let config = site
        .read("site.yaml")
        .replace("search: true", "search: false");
    site.write("site.yaml", config);
    site.build().success();
    assert!(!site.has_output("/pagefind"));
    assert!(!site.has_output("/search/index.html"));
    assert!(!site.page("/").contains("role=\"search\""));
}

#[test]
fn search_must_be_true_or_false() {
    let site = TestSite::fixture("search");
    let config = site
        .read("site.yaml")
        .replace("search: true", "search: maybe");
    site.write("site.yaml", config);
    let run = site.build();
    run.exit(2);
    assert!(
        run.stderr.contains("site.yaml:8:")
            && run.stderr.contains("\"search\" must be true or false"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_search_page_and_the_header_box() {
    let (site, _index) = built();
    // Tera escapes `/` in attribute values as `&#x2F;`.
    let page = site.page("/search/").replace("&#x2F;", "/");
    // Without JavaScript: say so and link the years.
    assert!(page.contains("<noscript>"));
    assert!(page.contains("搜索功能需要启用 JavaScript"));
    assert!(
        page.contains("href=\"/bulletins/2022/\"") && page.contains("href=\"/bulletins/2023/\"")
    );
    // The script finds the index under the site's path; strings are zh.
    assert!(page.contains("data-index=\"/bulletins/pagefind/pagefind.js\""));
    assert!(page.contains("\"search.filter.year\":\"年份\""));
    // Every page's header has a search box that goes to /search/?q=.
    let home = site.page("/").replace("&#x2F;", "/");
    assert!(home.contains("action=\"/bulletins/search/\""));
    assert!(home.contains("name=\"q\""));
    let bulletin = site.page("/2022/parking/").replace("&#x2F;", "/");
    assert!(bulletin.contains("action=\"/bulletins/search/\""));
}

#[test]
fn a_theme_without_a_search_template_still_builds() {
    // A theme of the site's own, made before search existed: the default
    // theme ejected under another name, without search.html.
    let site = TestSite::fixture("search");
    site.run(&["theme", "eject", "--name", "old"]).success();
    site.remove("themes/old/templates/search.html");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", yaml.replace("theme: default", "theme: old"));
    site.build().success();
    assert!(!site.has_output("/search/index.html"));
    assert!(!site.output("sitemap.xml").contains("/search/"));
    assert!(!site.page("/").contains("role=\"search\""));
    // The index is still written, for a theme that uses it its own way.
    let index = SearchIndex::read(&site.output_dir(), "zh");
    assert_eq!(index.search("停车位"), urls(&["/2022/parking/"]));
}
