//! Targets: held against the full-year figure of their year (met, missed,
//! pending), shown on the indicator page, the year page (with a summary)
//! and the bulletin that set them; a target on an unknown indicator or
//! with an unknown comparison is an error with file and line.

use crate::support::TestSite;

fn statuses(html: &str) -> Vec<&str> {
    html.match_indices(r#"<span class="status status-"#)
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn the_year_page_summarises_and_lists_its_targets() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("2021/index.html");
    assert!(
        html.contains("5 targets: 3 met, 1 missed, 1 pending"),
        "{html}"
    );
    // In catalogue order: widget, gadget, pothole, sprocket, balance.
    assert_eq!(statuses(&html), ["met", "pending", "missed", "met", "met"]);
    let y2022 = site.output_unescaped("2022/index.html");
    assert!(y2022.contains("2 targets: 0 met, 0 missed, 2 pending"));
}

#[test]
fn the_indicator_page_shows_each_target_with_status_and_actual() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/widget-output/index.html");
    assert!(html.contains("2 targets: 1 met, 0 missed, 1 pending"));
    assert_eq!(statuses(&html), ["met", "pending"]);
    assert!(
        html.contains(r#"<td class="num">1,550 万件</td>"#),
        "actual figure"
    );
    let potholes = site.output_unescaped("indicators/pothole-repairs/index.html");
    assert!(potholes.contains("1 target: 0 met, 1 missed, 0 pending"));
    assert!(potholes.contains("✗ missed"), "a sign besides the colour");
}

#[test]
fn the_bulletin_that_set_them_shows_their_status() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("2021/plan-2021/index.html");
    assert!(html.contains("5 targets: 3 met, 1 missed, 1 pending"));
    // In catalogue order: widget, gadget, pothole, sprocket, balance.
    assert_eq!(statuses(&html), ["met", "pending", "missed", "met", "met"]);
}

#[test]
fn a_part_year_figure_leaves_the_target_pending() {
    // gadget-exports has January-November 2021 but no full year.
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/gadget-exports/index.html");
    assert_eq!(statuses(&html), ["pending"]);
}

#[test]
fn status_words_come_from_the_theme_language() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.language("zh").build().success();
    let html = site.output_unescaped("2021/index.html");
    assert!(html.contains("共 5 项目标：已达成 3 项，未达成 1 项，待评估 1 项"));
    for word in ["已达成", "未达成", "待评估"] {
        assert!(html.contains(word), "{word}");
    }
}

const BAD: &str = "bulletins/2022/bad-plan.md";

fn bad_plan(id: &str, op: &str) -> String {
    format!("---\ntitle: Bad plan\ndate: 2021-12-30\nyear: 2022\ntargets:\n  - id: {id}\n    year: 2022\n    op: \"{op}\"\n    value: 1\n---\nA plan with a mistake.\n")
}

#[test]
fn a_target_on_an_unknown_indicator_is_an_error_with_its_line() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.write(BAD, bad_plan("widget-outptu", ">="));
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = site.line_of(BAD, "targets:", "id: widget-outptu");
    assert!(run.stderr.contains(&format!(
        "error: {BAD}:{line}:9: unknown indicator \"widget-outptu\" (did you mean \"widget-output\"?)"
    )), "{}", run.stderr);
}

#[test]
fn a_target_with_an_unknown_comparison_is_an_error_with_its_line() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.write(BAD, bad_plan("widget-output", "=>"));
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = site.line_of(BAD, "targets:", "op:");
    assert!(
        run.stderr
            .contains(&format!("error: {BAD}:{line}:9: unknown comparison \"=>\"")),
        "{}",
        run.stderr
    );
}
