//! What a figure says about itself (SPEC §2.5), on the fixture
//! `indicators-qualified` which has one indicator of each kind: a flow, a
//! stock headcount with `decimals: 0`, running totals with and without
//! `since`, approximate figures, an estimate that decides a target, and
//! growth at comparable prices (`derive: false`). Each is checked in the
//! page text, the SVG and the CSV/JSON, in English and Chinese.

use super::charts::chart;
use super::xml::{all, child_text, Element};
use crate::support::TestSite;

/// The texts of the chart's `<text>` elements.
fn texts(svg: &[Element]) -> Vec<String> {
    all(svg, "text").iter().map(|e| e.text.clone()).collect()
}

fn csv_rows(site: &TestSite, id: &str) -> Vec<Vec<String>> {
    let bytes = site.output_bytes(&format!("indicators/{id}.csv"));
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
    csv::Reader::from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn json_indicator(site: &TestSite, id: &str) -> serde_json::Value {
    let doc: serde_json::Value =
        serde_json::from_slice(&site.output_bytes("indicators.json")).unwrap();
    doc["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} in indicators.json"))
}

/// The history table's rows of an indicator page, tags stripped and
/// whitespace collapsed.
fn rows(html: &str) -> Vec<String> {
    let table = &html[html.find(r#"id="observations""#).unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    table
        .split("<tr")
        .skip(2)
        .map(|r| &r[r.find('>').unwrap() + 1..])
        .map(|r| {
            let mut out = String::new();
            let mut in_tag = false;
            for c in r.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        out.push(' ');
                    }
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn a_stock_stands_at_the_end_of_its_period_and_counts_whole_things() {
    let site = TestSite::fixture("indicators-qualified").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/harbour-wardens/index.html");
    let rows = rows(&html);
    assert!(rows[0].starts_with("at end-2021 2 people"), "{rows:?}");
    assert!(!html.contains(">2.0<"), "no 2.0 for two people");
    let svg = chart(&site, "harbour-wardens");
    let t = texts(&svg);
    assert_eq!(&t[..4], ["people", "0", "1", "2"], "whole ticks, not 0.5");
    assert!(t.contains(&"year-end".to_string()), "{t:?}");
    assert!(
        !t.contains(&"full year".to_string()),
        "a stock is no full-year figure"
    );
    let obs = &json_indicator(&site, "harbour-wardens")["observations"];
    assert!(obs[1]["value"].is_u64(), "an integer in the JSON: {obs}");
    assert!(
        String::from_utf8(site.output_bytes("indicators.json"))
            .unwrap()
            .contains("\"value\": 2\n"),
        "written as 2, not 2.0"
    );
    site.language("zh").build().success();
    let zh = site.output_unescaped("indicators/harbour-wardens/index.html");
    assert!(zh.contains(r#"<data value="2021">截至2021年末</data>"#));
    assert!(zh.contains("港口管理员（年末）：由2020年的1升至2021年的2people。"));
}

#[test]
fn a_flow_covers_its_period() {
    let site = TestSite::fixture("indicators-qualified").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/ferry-revenue/index.html");
    let rows = rows(&html);
    assert!(
        rows[0].starts_with("2021 3,990 million PVD ▲ +5%"),
        "{rows:?}"
    );
    assert!(rows[1].starts_with("2020 derived 3,800.0"), "{rows:?}");
    site.language("zh").build().success();
    let zh = site.output_unescaped("indicators/ferry-revenue/index.html");
    assert!(
        zh.contains(">3990</td>"),
        "no thousands separator in Chinese"
    );
    assert!(!zh.contains("3,990"));
}

#[test]
fn a_running_total_is_its_own_series_and_never_decides_a_yearly_target() {
    let site = TestSite::fixture("indicators-qualified").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/lamps-installed/index.html");
    let r = rows(&html);
    assert!(
        r[0].starts_with("at end-2021 cumulative over 800 lamps"),
        "{r:?}"
    );
    assert!(r[1].starts_with("2021 120 lamps ▲ +20%"), "{r:?}");
    assert!(
        r[2].starts_with("2020 derived 100 lamps"),
        "derived from the yearly figure, whole like the catalogue says: {r:?}"
    );
    assert!(
        html.contains(r#"<td class="num">≥ 100 lamps</td>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<td class="num">120 lamps</td>"#),
        "held against the year's 120, not the running total"
    );
    let svg = chart(&site, "lamps-installed");
    let t = texts(&svg);
    for label in ["cumulative over 800", "cumulative", "full year"] {
        assert!(t.contains(&label.to_string()), "{label}: {t:?}");
    }
    assert!(t.contains(&"target for the year (not cumulative)".to_string()));
    let desc = child_text(&svg, "desc");
    assert!(
        desc.contains("Street lamps installed (cumulative): over 800 lamps in 2021."),
        "{desc}"
    );
    let csv = csv_rows(&site, "lamps-installed");
    assert_eq!(csv[0][3..4], ["120".to_string()]);
    assert_eq!(csv[1][8..], ["over", "", "true", ""]);
    let json = json_indicator(&site, "lamps-installed");
    assert_eq!(json["targets"][0]["actual"], 120);
    assert_eq!(json["targets"][0]["value"], 100);
    assert_eq!(json["observations"][1]["cumulative"], true);
    assert_eq!(json["observations"][1]["approx"], "over");
    assert!(json["derived"][0]["value"].is_u64(), "{}", json["derived"]);
    site.language("zh").build().success();
    let zh = site.output_unescaped("indicators/lamps-installed/index.html");
    assert!(zh.contains(r#"<span class="mark mark-cumulative">累计</span> 超800</td>"#));
}

#[test]
fn a_running_total_says_since_when() {
    let site = TestSite::fixture("indicators-qualified").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/quay-rebuilt/index.html");
    assert!(html.contains(
        r#"<span class="mark mark-cumulative">cumulative since 2017</span> 1,081.5</td>"#
    ));
    let desc = child_text(&chart(&site, "quay-rebuilt"), "desc");
    assert_eq!(
        desc,
        "Quay rebuilt (cumulative since 2017): 1,081.5 m in 2021."
    );
    assert_eq!(
        csv_rows(&site, "quay-rebuilt")[0][8..],
        ["", "", "true", "2017"]
    );
    assert_eq!(
        json_indicator(&site, "quay-rebuilt")["observations"][0]["since"],
        "2017"
    );
    site.language("zh").build().success();
    let zh = site.output_unescaped("indicators/quay-rebuilt/index.html");
    assert!(zh.contains("2017年以来累计</span> 1081.5</td>"), "{zh}");
}

#[test]
fn an_approximate_figure_keeps_its_word_and_is_neither_checked_nor_derived_from() {
    let site = TestSite::fixture("indicators-qualified").with_default_theme();
    // 10 -> 31 is +210%, not the stated +40%: an exact figure would warn.
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let html = site.output_unescaped("indicators/festival-visitors/index.html");
    let r = rows(&html);
    assert!(r[0].starts_with("2021 about 31 thousand ▲ +40%"), "{r:?}");
    assert!(
        r[1].starts_with("Q3 2021 about 12 thousand ▲ +20%"),
        "{r:?}"
    );
    assert!(
        !html.contains("derived-mark"),
        "nothing derived from about 12"
    );
    assert!(html.contains("Figures marked about, over or nearly are approximate"));
    let svg = chart(&site, "festival-visitors");
    assert!(texts(&svg).contains(&"about 31".to_string()));
    assert_eq!(
        csv_rows(&site, "festival-visitors")[2][8..],
        ["about", "", "", ""]
    );
    site.language("zh").build().success();
    let zh = site.output_unescaped("indicators/festival-visitors/index.html");
    assert!(zh.contains(">约31</td>"));
    assert!(zh.contains("节庆游客（全年）：由2020年的10升至2021年的约31thousand。"));
}

#[test]
fn an_estimate_is_hollow_labelled_and_qualifies_the_target_it_decides() {
    let site = TestSite::fixture("indicators-qualified").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/cargo-handled/index.html");
    assert!(html.contains(r#"<span class="mark mark-estimate">estimated</span> 83.5</td>"#));
    assert!(html.contains("✓ met, estimated"), "{html}");
    assert!(html.contains(r#"<td class="num">estimated 83.5 kt</td>"#));
    let svg = chart(&site, "cargo-handled");
    let marker = all(&svg, "circle")
        .into_iter()
        .find(|c| c.attr("fill") == Some("#ffffff"))
        .expect("a hollow marker");
    assert!(marker.attr("cx").is_some());
    let t = texts(&svg);
    for label in ["estimated 83.5", "estimate", "target ≥80 (met, estimated)"] {
        assert!(t.contains(&label.to_string()), "{label}: {t:?}");
    }
    assert_eq!(
        csv_rows(&site, "cargo-handled")[0][8..],
        ["", "true", "", ""]
    );
    let json = json_indicator(&site, "cargo-handled");
    assert_eq!(json["observations"][0]["estimate"], true);
    assert_eq!(json["targets"][0]["actual_estimate"], true);
    assert_eq!(json["targets"][0]["status"], "met");
    site.language("zh").build().success();
    let zh = site.output_unescaped("indicators/cargo-handled/index.html");
    assert!(zh.contains("✓ 预计已达成"));
    assert!(zh.contains(r#"<span class="mark mark-estimate">预计</span> 83.5</td>"#));
    let plan = site.output_unescaped("2021/plan-2021/index.html");
    assert!(
        plan.contains("预计已达成"),
        "on the bulletin that set it too"
    );
}

#[test]
fn growth_at_comparable_prices_derives_no_earlier_value() {
    let site = TestSite::fixture("indicators-qualified").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/mill-value-added/index.html");
    assert_eq!(rows(&html).len(), 1, "only the reported 2021 row");
    assert!(!html.contains("derived"));
    assert_eq!(
        json_indicator(&site, "mill-value-added")["derived"],
        serde_json::json!([])
    );
    assert_eq!(json_indicator(&site, "mill-value-added")["derive"], false);
    let ferry = json_indicator(&site, "ferry-revenue");
    assert_eq!(
        ferry["derived"][0]["value"], 3800.0,
        "a current-price flow derives"
    );
}

#[test]
fn the_catalogue_order_is_the_display_order() {
    let site = TestSite::fixture("indicators-qualified").with_default_theme();
    site.build().success();
    let home = site.output_unescaped("index.html");
    let at = |s: &str| {
        home.find(s)
            .unwrap_or_else(|| panic!("{s} on the home page"))
    };
    assert!(at("Ferry revenue") < at("Mill value added"));
    assert!(at("Mill value added") < at("Harbour wardens"));
    assert!(
        !home.contains("figure-name\">Cargo handled"),
        "not a headline"
    );
    let year = site.output_unescaped("2021/index.html");
    let y = |s: &str| year.rfind(s).unwrap();
    assert!(y(">Ferry revenue<") < y(">Mill value added<"));
    assert!(y(">Quay rebuilt<") < y(">Festival visitors<"));
    assert!(y(">Festival visitors<") < y(">Cargo handled<"));
    let csv = String::from_utf8(site.output_bytes("indicators.csv")).unwrap();
    let ids: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids.first(), Some(&"ferry-revenue"));
    assert_eq!(ids.last(), Some(&"cargo-handled"));
}

#[test]
fn qualifiers_used_wrongly_are_errors_at_the_field() {
    let site = TestSite::fixture("indicators-qualified").with_default_theme();
    site.write(
        "bulletins/2021/wrong.md",
        "---\ntitle: Wrong\ndate: 2021-06-01\nindicators:\n  - id: quay-rebuilt\n    value: 10\n    since: 2017\n  - id: lamps-installed\n    value: 0\n    approx: about\n  - id: festival-visitors\n    value: 5\n    approx: roughly\n---\nBody.\n",
    );
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (at, what) in [
        (
            "bulletins/2021/wrong.md:7:12",
            "`since` is the start of a running total: it needs `cumulative: true`",
        ),
        ("bulletins/2021/wrong.md:10:13", "approx on a value of zero"),
        (
            "bulletins/2021/wrong.md:13:13",
            "approx: \"roughly\" must be about (约), over (超) or under (近)",
        ),
    ] {
        assert!(
            run.stderr.contains(&format!("error: {at}: {what}")),
            "{at}: {}",
            run.stderr
        );
    }
}
