//! The example site at the repository root (瓜沥镇): its 2022 targets are
//! pending, its January-November 2021 figures show derived 2020
//! baselines where growth is at current prices (and none where it is at
//! comparable prices), its running totals are never read against a yearly
//! target, and it builds clean even under `--strict`.

use crate::support::TestSite;

#[test]
fn the_2022_targets_are_pending() {
    let site = TestSite::example();
    site.build().success();
    let html = site.output_unescaped("2022/index.html");
    assert!(
        html.contains("共 8 项目标：已达成 0 项，未达成 0 项，待评估 8 项"),
        "{html}"
    );
}

#[test]
fn the_2021_figures_show_derived_2020_baselines() {
    let site = TestSite::example();
    site.build().success();
    let html = site.output_unescaped("indicators/fiscal-revenue-total/index.html");
    assert!(html.contains(r#"<th scope="row" class="period-cell"><data value="2020-01/2020-11">2020年1月—11月</data></th>"#));
    assert!(html.contains(r#"<span class="derived-mark">推算</span> 15.0</td>"#));
    assert!(html.contains("财政总收入（1月—11月）：由2020年的15.0（推算）升至2021年的21.6亿元。"));
}

#[test]
fn the_example_builds_clean_under_strict() {
    let site = TestSite::example();
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.contains("61 indicators, 0 warnings"),
        "{}",
        run.stdout
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn comparable_price_growth_shows_no_derived_baseline() {
    let site = TestSite::example();
    site.build().success();
    for id in [
        "industrial-output-above-scale",
        "industrial-value-added-above-scale",
        "digital-economy-value-added",
    ] {
        let html = site.output_unescaped(&format!("indicators/{id}/index.html"));
        assert!(!html.contains("derived-mark"), "{id}");
        assert!(!html.contains("2020年1月—11月"), "{id}");
    }
}

#[test]
fn running_totals_read_as_running_totals_beside_the_yearly_target() {
    let site = TestSite::example();
    site.build().success();
    let html = site.output_unescaped("indicators/new-parking-spaces/index.html");
    assert!(html.contains(r#"<data value="2021">截至2021年末</data></th>"#));
    assert!(html.contains(r#"<span class="mark mark-cumulative">累计</span> 超800</td>"#));
    assert!(html.contains(
        "新增停车位（累计）：2021年为超800个。2022年目标（当年数，非累计）≥600个：待评估。"
    ));
    assert!(html.contains(">年度目标（当年新增，非累计）</text>"));
    assert!(html.contains(">累计超800</text>"));
    let demolished = site.output_unescaped("indicators/illegal-buildings-demolished/index.html");
    assert!(demolished.contains("超52</td>"));
    let land = site.output_unescaped("indicators/idle-industrial-land-revitalised/index.html");
    assert!(land.contains(r#"<span class="mark mark-cumulative">累计</span> 1081.5</td>"#));
    let home = site.output_unescaped("index.html");
    let headline = &home[home.find(r#"id="headline""#).unwrap()..];
    let headline = &headline[..headline.find("</section>").unwrap()];
    assert!(
        !headline.contains("全年"),
        "no headline figure claims a full year"
    );
    assert!(headline.contains("2021年1月—11月"), "{headline}");
}

#[test]
fn the_report_keeps_its_qualifiers() {
    let site = TestSite::example();
    site.build().success();
    let year = site.output_unescaped("2021/index.html");
    for text in [
        ">近100</td>",
        ">约31</td>",
        "预计</span> 83.5</td>",
        "预计</span> 273</td>",
        "预计</span> 197</td>",
        "截至2021年末</data>",
        ">99.51</td>",
    ] {
        assert!(year.contains(text), "{text}");
    }
    let csv = String::from_utf8(site.output_bytes("indicators.csv")).unwrap();
    assert!(
        csv.contains(",3990,亩,"),
        "no separators in the data either"
    );
    let plan = site.output_unescaped("2022/work-plan-2022/index.html");
    assert!(
        plan.contains(r#"<td class="num">=3片</td>"#),
        "exactly three, not at least"
    );
    assert!(plan.contains("美丽乡村示范村建设"));
    assert!(plan.contains("第四批美丽乡村提升村"));
}

/// Every row of docs/example-figures.md (the seed report's figures) is in
/// the built open data: the observation with its period, value and
/// qualifiers, the stated change, or the target with its comparison.
#[test]
fn every_figure_of_the_seed_is_carried_with_its_qualifier() {
    let site = TestSite::example();
    site.build().success();
    let doc: serde_json::Value =
        serde_json::from_slice(&site.output_bytes("indicators.json")).unwrap();
    let checklist = include_str!("../../../docs/example-figures.md");
    let rows: Vec<Vec<&str>> = checklist
        .lines()
        .filter(|l| l.starts_with("| ") && l[2..].starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 71, "the seed report's figures");
    for row in &rows {
        let [n, words, id, kind, period, value, qualifiers] = row[..] else {
            panic!("a row of seven cells: {row:?}");
        };
        let id = id.trim_matches('`');
        let value: f64 = value.parse().unwrap();
        let ind = doc["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("#{n} {words}: no indicator {id}"));
        let found = match kind {
            "observation" | "change" => ind["observations"].as_array().unwrap().iter().any(|o| {
                let q: Vec<&str> = qualifiers.split_whitespace().collect();
                let approx = q.iter().find_map(|x| x.strip_prefix("approx="));
                o["period"] == period
                    && (kind == "change" || o["value"].as_f64() == Some(value))
                    && (kind == "observation" || o["change"].as_f64() == Some(value))
                    && o["approx"].as_str() == approx
                    && o["estimate"] == q.contains(&"estimate")
                    && o["cumulative"] == q.contains(&"cumulative")
            }),
            "target" => ind["targets"].as_array().unwrap().iter().any(|t| {
                t["year"].as_i64().map(|y| y.to_string()).as_deref() == Some(period)
                    && t["value"].as_f64() == Some(value)
                    && t["op"] == qualifiers
            }),
            other => panic!("#{n}: unknown kind {other}"),
        };
        assert!(
            found,
            "#{n} {words}: {kind} {id} {period} {value} {qualifiers} not carried"
        );
    }
}
