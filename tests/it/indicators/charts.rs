//! Charts: inline SVG that parses as XML, says what it shows in `<title>`
//! and `<desc>`, keeps full-year and part-year figures on separate lines,
//! leaves gaps as gaps, copes with negative values and single points,
//! draws targets with their status in words, and a sparkline per row of
//! `/indicators/`.

use super::xml::{all, child_text, parse, svgs, Element};
use crate::support::TestSite;

/// The parsed chart of an indicator page.
pub(super) fn chart(site: &TestSite, id: &str) -> Vec<Element> {
    let html = site.output_unescaped(&format!("indicators/{id}/index.html"));
    let found = svgs(&html, "chart");
    assert_eq!(found.len(), 1, "one chart on the page of {id}");
    parse(found[0])
}

/// Children of the `<g>` whose class is `class`.
fn in_group<'a>(svg: &'a [Element], class: &str, name: &str) -> Vec<&'a Element> {
    let g = svg
        .iter()
        .position(|e| e.name == "g" && e.attr("class") == Some(class))
        .unwrap_or_else(|| panic!("no <g class=\"{class}\">"));
    svg.iter()
        .filter(|e| e.parent == Some(g) && e.name == name)
        .collect()
}

#[test]
fn indicator_chart_is_accessible_and_states_the_trend() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let svg = chart(&site, "widget-output");
    let root = &svg[0];
    assert_eq!(root.attr("role"), Some("img"));
    assert_eq!(
        root.attr("aria-labelledby"),
        Some("chart-widget-output-title chart-widget-output-desc")
    );
    assert_eq!(child_text(&svg, "title"), "Widget output over time (万件)");
    let desc = child_text(&svg, "desc");
    for sentence in [
        "Widget output (full year): rose from 1,200 in 2019 to 1,550 万件 in 2021.",
        "Widget output (monthly): rose from 130.0 (derived) in Nov 2020 to 150 万件 in Dec 2021.",
        "Target for 2021: ≥1,500 万件, met.",
        "Target for 2022: ≥1,700 万件, pending.",
    ] {
        assert!(desc.contains(sentence), "{desc}");
    }
}

#[test]
fn full_year_and_part_year_figures_are_separate_lines() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let svg = chart(&site, "gadget-exports");
    // Jan-Nov figures of three years, joined; the Q3 figure on its own.
    assert_eq!(in_group(&svg, "line line-0", "line").len(), 2);
    assert_eq!(in_group(&svg, "line line-0", "circle").len(), 3);
    assert_eq!(in_group(&svg, "line line-1", "rect").len(), 1);
    let legend: Vec<String> = all(&svg, "text")
        .into_iter()
        .filter(|t| t.attr("class") == Some("legend-label"))
        .map(|t| t.text.clone())
        .collect();
    assert_eq!(legend, ["Jan–Nov", "quarterly", "target"]);
}

#[test]
fn gaps_are_not_bridged() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let svg = chart(&site, "widget-output");
    // Monthly: 2020-11 (derived), 2021-05, 2021-11, 2021-12: only the last
    // two are neighbours.
    let monthly = in_group(&svg, "line line-1", "line");
    assert_eq!(monthly.len(), 1, "{monthly:?}");
    assert_eq!(in_group(&svg, "line line-1", "rect").len(), 4);
    // Full years 2019-2021 are all neighbours.
    assert_eq!(in_group(&svg, "line line-0", "line").len(), 2);
}

#[test]
fn derived_values_are_hollow_and_say_so() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let svg = chart(&site, "widget-output");
    let marks = in_group(&svg, "line line-1", "rect");
    let derived = marks
        .iter()
        .find(|m| m.attr("fill") == Some("#ffffff"))
        .expect("a hollow marker");
    let tip = svg
        .iter()
        .find(|e| {
            e.name == "title" && e.parent == svg.iter().position(|x| std::ptr::eq(x, *derived))
        })
        .expect("a tooltip");
    assert_eq!(tip.text, "Nov 2020: 130.0 万件 (derived)");
}

#[test]
fn negative_values_get_ticks_below_zero() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let svg = chart(&site, "balance-of-trade");
    let ticks: Vec<String> = all(&svg, "text")
        .into_iter()
        .filter(|t| t.attr("class") == Some("tick"))
        .map(|t| t.text.clone())
        .collect();
    assert_eq!(ticks, ["-15", "-10", "-5", "0", "5"]);
    assert!(child_text(&svg, "desc").contains(
        "Balance of trade (full year): rose from -12.5 in 2019 to -3.5 million TVD in 2021."
    ));
}

#[test]
fn a_single_point_is_drawn_and_text_is_escaped() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/bench-count/index.html");
    assert!(!html.contains("<new>"), "raw markup from the catalogue");
    let svg = chart(&site, "bench-count");
    assert_eq!(in_group(&svg, "line line-0", "circle").len(), 1);
    assert!(in_group(&svg, "line line-0", "line").is_empty());
    assert_eq!(
        child_text(&svg, "title"),
        "Park benches <new> over time (benches)"
    );
    assert_eq!(
        child_text(&svg, "desc"),
        "Park benches <new> (full year): 64 benches in 2021."
    );
}

#[test]
fn targets_are_markers_with_their_status_in_words() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let svg = chart(&site, "widget-output");
    let groups: Vec<&Element> = svg
        .iter()
        .filter(|e| e.name == "g" && e.attr("class").is_some_and(|c| c.starts_with("target ")))
        .collect();
    let classes: Vec<&str> = groups.iter().filter_map(|g| g.attr("class")).collect();
    assert_eq!(classes, ["target target-met", "target target-pending"]);
    let labels: Vec<String> = all(&svg, "text")
        .into_iter()
        .filter(|t| t.attr("class") == Some("target-label"))
        .map(|t| t.text.clone())
        .collect();
    assert_eq!(labels, ["target ≥1,500 (met)", "target ≥1,700 (pending)"]);
}

#[test]
fn the_chart_numbers_are_in_the_table_beside_it() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/widget-output/index.html");
    let chart_at = html.find("<svg").unwrap();
    let table_at = html.find("<table").unwrap();
    assert!(chart_at < table_at);
    for v in ["1,200", "1,380", "1,550", "130.0", "120", "140", "150"] {
        assert!(html[table_at..].contains(&format!("{v}</td>")), "{v}");
    }
}

#[test]
fn the_index_has_a_sparkline_per_indicator_with_data() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/index.html");
    let lines = svgs(&html, "sparkline");
    assert_eq!(lines.len(), 6, "every indicator but the one without data");
    for s in &lines {
        let svg = parse(s);
        assert_eq!(svg[0].attr("role"), Some("img"));
        assert!(!child_text(&svg, "title").is_empty());
        assert!(!child_text(&svg, "desc").is_empty());
    }
    let gadget = lines
        .iter()
        .find(|s| s.contains("spark-gadget-exports"))
        .unwrap();
    assert_eq!(
        child_text(&parse(gadget), "desc"),
        "Gadget exports (Jan–Nov): rose from 80 in 2019 to 130 million TVD in 2021."
    );
    let widget = lines
        .iter()
        .find(|s| s.contains("spark-widget-output"))
        .unwrap();
    assert_eq!(
        child_text(&parse(widget), "desc"),
        "Widget output (full year): rose from 1,200 in 2019 to 1,550 万件 in 2021.",
        "full years win over a longer but gappy monthly line"
    );
    assert!(html.contains("No data yet"));
}

#[test]
fn charts_are_the_same_bytes_every_build() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let first = site.output_bytes("indicators/widget-output/index.html");
    let index = site.output_bytes("indicators/index.html");
    site.build().success();
    assert_eq!(
        first,
        site.output_bytes("indicators/widget-output/index.html")
    );
    assert_eq!(index, site.output_bytes("indicators/index.html"));
}

#[test]
fn a_long_span_of_years_keeps_its_labels_apart() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.write(
        "bulletins/1921/old.md",
        "---\ntitle: A century ago\ndate: 1922-01-10\nyear: 1921\nindicators:\n  - id: bench-count\n    value: 3\n---\nThree benches.\n",
    );
    site.build().success();
    let svg = chart(&site, "bench-count");
    let years: Vec<String> = all(&svg, "text")
        .into_iter()
        .filter(|t| t.attr("class") == Some("year"))
        .map(|t| t.text.clone())
        .collect();
    assert_eq!(years.first().map(String::as_str), Some("1921"));
    assert!(years.len() <= 14, "{years:?}");
    assert!(
        in_group(&svg, "line line-0", "line").is_empty(),
        "a century-long gap"
    );
}
