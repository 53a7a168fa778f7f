//! What a reader gets: Markdown features, Chinese text without stray
//! spaces, heading ids, escaping, tags, the feed, the sitemap, 404, and
//! pretty URLs that work under a base_url with a path prefix (SPEC §3, §4).

use std::collections::BTreeSet;

use crate::support::{tree, TestSite};

/// Values of every `href` and `src` attribute, HTML entities of URLs undone.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].replace("&amp;", "&").replace("&#x27;", "'"));
            rest = &rest[end..];
        }
    }
    out
}

/// The text between `<main` and `</main>`.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a </main> element");
    &html[start..end]
}

fn built(fixture: &str) -> TestSite {
    let site = TestSite::fixture(fixture);
    site.build().success();
    site
}

#[test]
fn clean_site_builds_with_a_summary_and_no_warnings() {
    let site = TestSite::fixture("minimal");
    let run = site.build();
    run.success();
    assert!(run.warnings().is_empty(), "{}", run.stderr);
    assert!(
        run.stdout.starts_with("built 4 bulletins, "),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 1, "one summary line");
    let quiet = site.build_with(&["--quiet"]);
    quiet.success();
    assert_eq!(quiet.stdout, "");
}

#[test]
fn renders_tables_footnotes_strikethrough_and_task_lists() {
    let site = built("minimal");
    let html = site.page("/2021/annual-report/");
    for needle in [
        "<table><thead><tr><th>Item</th><th>Amount</th></tr></thead>",
        "<td>Fees</td><td>2.5</td>",
        "<del>large</del> small.",
        "class=\"footnote-definition\"",
        "Figures are unaudited.",
        "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>",
    ] {
        assert!(html.contains(needle), "{needle} in {html}");
    }
}

#[test]
fn highlights_code_with_css_classes_not_inline_styles() {
    let site = built("minimal");
    let html = site.page("/2021/annual-report/");
    let code = &html[html.find("<pre").unwrap()..html.find("</pre>").unwrap()];
    assert!(code.contains("class=\"hl-"), "{code}");
    assert!(!code.contains("style="), "{code}");
    assert!(code.contains("Testville"), "{code}");
}

#[test]
fn soft_breaks_vanish_between_chinese_characters_and_stay_between_words() {
    let site = built("minimal");
    let html = site.page("/2021/annual-report/");
    assert!(html.contains("<p>测试镇财政收入稳步增长。</p>"), "{html}");
    assert!(
        html.contains("reports on a quiet year.\nBenches were installed"),
        "{html}"
    );
}

#[test]
fn headings_get_stable_unique_cjk_safe_ids() {
    let site = built("minimal");
    let html = site.page("/2021/annual-report/");
    assert!(html.contains("<h2 id=\"finances\">Finances</h2>"), "{html}");
    assert!(
        html.contains("<h2 id=\"finances-1\">Finances</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"财政收入-2021\">财政收入 2021</h2>"),
        "{html}"
    );
}

#[test]
fn site_relative_markdown_links_get_the_base_path() {
    let site = built("minimal");
    let html = site.page("/2021/annual-report/");
    assert!(
        html.contains("<a href=\"/bulletins/2021/spring-cleanup/\">spring notice</a>"),
        "{html}"
    );
}

#[test]
fn front_matter_html_is_escaped_in_pages_and_feed() {
    let site = built("hostile");
    let html = site.page("/2021/hostile/");
    assert!(
        html.contains("<h1>&lt;script&gt;alert(&#x27;Testville&#x27;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;</h1>"),
        "{html}"
    );
    assert!(html.contains("<title>&lt;script&gt;"), "{html}");
    assert!(html.contains("&lt;em&gt;markup&lt;/em&gt;"), "{html}");
    let feed = site.output("feed.xml");
    assert!(
        feed.contains("<title>&lt;script&gt;alert(&apos;Testville&apos;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;</title>"),
        "{feed}"
    );
    assert!(feed.contains("&lt;em&gt;markup&lt;/em&gt;"), "{feed}");
    for (path, bytes) in tree(&site.output_dir()) {
        // The search index holds the text as data (filter values, page
        // text), which Pagefind's script escapes before it shows it.
        if is_search_data(&path) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes.as_deref().unwrap_or_default());
        for raw in ["<script>", "<b>Co", "<em>markup", "<i>roads"] {
            assert!(!text.contains(raw), "{raw} raw in {path}");
        }
    }
}

#[test]
fn control_characters_never_reach_the_output_raw() {
    let site = TestSite::fixture("hostile");
    site.build()
        .success()
        .warning_at("bulletins/2021/hostile.md:15:1", &["control character"])
        .warning_at(
            "bulletins/2021/hostile.md:5:9",
            &["control character in \"issuer\""],
        );
    for (path, bytes) in tree(&site.output_dir()) {
        let Some(bytes) = bytes else { continue };
        // The search index is binary (gzip, WebAssembly); its text is
        // checked through the pages it was made from.
        if is_search_data(&path) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        // iCalendar lines end in CRLF (RFC 5545), so `\r` is expected there.
        let crlf = path.ends_with(".ics");
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| c.is_control() && !matches!(c, '\n' | '\t') && !(crlf && c == '\r'))
            .collect();
        assert!(bad.is_empty(), "{path} holds control characters {bad:?}");
    }
    // The text around them is still published.
    let html = site.page("/2021/hostile/");
    assert!(html.contains("Body with a raw NUL"), "{html}");
}

#[test]
fn tags_get_pages_with_readable_urls() {
    let site = built("minimal");
    let works = site.page("/tags/public-works/");
    assert!(works.contains("<h1>Public Works</h1>"), "{works}");
    assert!(works.contains("Testville Annual Report 2021"), "{works}");
    assert!(works.contains("Spring cleanup in Testville"), "{works}");
    assert!(!works.contains("Testville Budget 2021"), "{works}");
    // CJK is kept in the folder name and percent-encoded in links.
    assert!(site
        .page("/tags/财政/")
        .contains("Testville Annual Report 2021"));
    let tags = site.page("/tags/");
    assert!(
        links(&tags).contains(&"/bulletins/tags/%E8%B4%A2%E6%94%BF/".to_string()),
        "{tags}"
    );
}

#[test]
fn bundle_attachments_are_copied_and_listed() {
    let site = built("minimal");
    assert_eq!(
        site.output("2021/budget-2021/budget.pdf"),
        site.read("bulletins/2021/budget-2021/budget.pdf")
    );
    assert!(!site.has_output("2021/budget-2021/index.md"));
    let html = site.page("/2021/budget-2021/");
    assert!(
        links(&html).contains(&"/bulletins/2021/budget-2021/budget.pdf".to_string()),
        "{html}"
    );
}

#[test]
fn targets_show_their_status() {
    let site = built("minimal");
    let html = main_of(&site.page("/2022/plan-2022/")).to_string();
    assert!(
        html.contains("3 targets: 1 met, 1 missed, 1 pending"),
        "{html}"
    );
    for word in ["met", "missed", "pending"] {
        let status = format!("<span class=\"status status-{word}\">");
        let at = html
            .find(&status)
            .unwrap_or_else(|| panic!("{status} in {html}"));
        let text = &html[at + status.len()..];
        assert!(
            text[..text.find("</span>").unwrap()].ends_with(word),
            "{word} in {html}"
        );
    }
}

#[test]
fn feed_lists_newest_first_ties_by_slug_and_honours_entries() {
    let site = TestSite::fixture("minimal");
    site.write(
        "bulletins/2021/b-same-day.md",
        "---\ntitle: Testville B\ndate: 2021-12-20\n---\n\nB.\n",
    );
    let config = site.read("site.yaml").replace("entries: 10", "entries: 4");
    site.write("site.yaml", config);
    site.build().success();
    let feed = site.output("feed.xml");
    let titles: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| {
            let start = e.find("<title>").unwrap() + "<title>".len();
            &e[start..e.find("</title>").unwrap()]
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Testville Plan 2022",
            "Testville Annual Report 2021", // annual-report < b-same-day
            "Testville B",
            "Spring cleanup in Testville",
        ]
    );
    assert!(feed.contains("<link href=\"https://testville.example/bulletins/2022/plan-2022/\" rel=\"alternate\"/>"), "{feed}");
}

#[test]
fn sitemap_lists_every_page_but_404_with_absolute_urls() {
    let site = built("minimal");
    let sitemap = site.output("sitemap.xml");
    let locs: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|l| l[..l.find("</loc>").unwrap()].to_string())
        .collect();
    let pages: BTreeSet<String> = tree(&site.output_dir())
        .keys()
        .filter_map(|p| p.strip_suffix("index.html"))
        .map(|p| {
            let p = percent_encoding::utf8_percent_encode(p, percent_encoding::CONTROLS);
            format!("https://testville.example/bulletins/{p}")
        })
        .collect();
    assert_eq!(locs, pages);
    assert!(!sitemap.contains("404"), "{sitemap}");
}

#[test]
fn not_found_page_has_lang_title_description_and_no_canonical() {
    let site = built("minimal");
    let html = site.output("404.html");
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains("<title>Page not found"), "{html}");
    assert!(
        html.contains("<meta name=\"description\" content=\""),
        "{html}"
    );
    assert!(!html.contains("rel=\"canonical\""), "{html}");
}

#[test]
fn pages_have_lang_title_canonical_and_description() {
    let site = built("minimal");
    let html = site.page("/2021/spring-cleanup/");
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(
        html.contains("<title>Spring cleanup in Testville"),
        "{html}"
    );
    assert!(
        html.contains("<meta name=\"description\" content=\"Volunteers cleared the river bank on Saturday.\">"),
        "{html}"
    );
    assert!(
        links(&html)
            .contains(&"https://testville.example/bulletins/2021/spring-cleanup/".to_string()),
        "{html}"
    );
}

/// Every page is a folder with index.html, and every site-relative link of
/// every page starts with `prefix` and leads to a file of the output.
fn assert_pretty_urls_under(site: &TestSite, prefix: &str) {
    let files = tree(&site.output_dir());
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        assert!(
            path == "404.html" || path == "index.html" || path.ends_with("/index.html"),
            "{path} is not a pretty URL"
        );
        let html = String::from_utf8_lossy(bytes.as_deref().unwrap());
        for link in links(&html) {
            if !link.starts_with('/') || link.starts_with("//") {
                continue;
            }
            let rest = link
                .strip_prefix(prefix)
                .unwrap_or_else(|| panic!("{link} on {path} lacks the prefix {prefix}"));
            let rest = rest.split('#').next().unwrap();
            let rest = percent_encoding::percent_decode_str(rest)
                .decode_utf8()
                .unwrap();
            let target = if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest.to_string()
            };
            assert!(
                files.contains_key(&target),
                "{link} on {path}: no {target} in the output"
            );
        }
    }
}

#[test]
fn pretty_urls_work_under_the_base_url_path() {
    let site = built("minimal");
    assert_pretty_urls_under(&site, "/bulletins/");
}

#[test]
fn base_url_option_overrides_site_yaml() {
    let site = TestSite::fixture("minimal");
    site.build_with(&["--base-url", "https://other.example/town/records"])
        .success();
    assert_pretty_urls_under(&site, "/town/records/");
    let html = site.page("/2021/annual-report/");
    assert!(
        links(&html)
            .contains(&"https://other.example/town/records/2021/annual-report/".to_string()),
        "{html}"
    );
    assert!(site
        .output("feed.xml")
        .contains("https://other.example/town/records/2021/annual-report/"));
    assert!(!site.output("sitemap.xml").contains("testville.example"));
}

#[test]
fn year_page_lists_its_bulletins_newest_first() {
    let site = built("minimal");
    let html = main_of(&site.page("/2021/")).to_string();
    let order: Vec<usize> = [
        "Testville Annual Report 2021",
        "Spring cleanup in Testville",
        "Testville Budget 2021",
    ]
    .iter()
    .map(|t| html.find(t).unwrap_or_else(|| panic!("{t} in {html}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn revised_values_are_marked_and_the_later_bulletin_wins() {
    let site = built("revision");
    let indicator = main_of(&site.page("/indicators/park-benches/")).to_string();
    assert!(
        indicator.contains("42 <span class=\"revised-mark\">revised</span>")
            && indicator.contains("revised from 40, first published in"),
        "{indicator}"
    );
    let first = main_of(&site.page("/2021/first/")).to_string();
    assert!(
        links(&first).contains(&"/bulletins/2021/second/".to_string())
            && first.contains("revised later"),
        "{first}"
    );
    let csv = site.output("indicators/park-benches.csv");
    assert!(
        csv.contains("park-benches,Park benches installed,2021-Q1,42,benches,,40,https://testville.example/bulletins/2021/second/"),
        "{csv}"
    );
}

/// A data file of the search index (compressed or WebAssembly), as opposed
/// to its scripts and entry JSON.
fn is_search_data(path: &str) -> bool {
    path.starts_with("pagefind/") && !path.ends_with(".js") && !path.ends_with(".json")
}

#[test]
fn a_figures_table_has_a_note_column_only_when_a_row_has_a_note() {
    let site = built("minimal");
    let with = site.page("/2021/annual-report/");
    let table = &with[with.find("class=\"data\"").expect("the figures table")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert!(table.contains("<th scope=\"col\">Note</th>"), "{table}");
    assert!(
        table.contains("<td class=\"note-cell\">full year</td>"),
        "{table}"
    );
    // Every row has the cell, so the columns stay aligned.
    assert_eq!(
        table.matches("<tr").count() - 1,
        table.matches("class=\"note-cell\"").count()
    );
    let without = site.page("/indicators/water-leaks/");
    let table = &without[without.find("class=\"data\"").expect("the history table")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert!(table.contains("<th scope=\"col\">Period</th>"), "{table}");
    assert!(!table.contains(">Note</th>"), "{table}");
    assert!(!table.contains("note-cell"), "{table}");
}
