//! The consistency check: a stated change held against the published
//! value one year earlier; a warning with both figures, an error under
//! `--strict`, silence within half a percentage point.

use crate::support::TestSite;

const FILE: &str = "bulletins/2021/annual-2021.md";

#[test]
fn warns_on_inconsistent_change_with_both_figures_at_the_change_line() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    let run = site.build();
    run.success();
    let line = site.line_of(FILE, "value: 130", "change: 43.7");
    let expected = format!(
        "warning: {FILE}:{line}:13: \"gadget-exports\" for 2021-01/2021-11 states +43.7%, \
         but 96 -> 130 is +35.4% (2020-01/2020-11 from bulletins/2020/annual-2020.md)"
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
}

#[test]
fn is_silent_within_half_a_point() {
    // widget-output: 1380 -> 1550 is +12.32%, stated +12.3%; 1200 -> 1380
    // is +15.0%, stated 15.0; gadget-exports 80 -> 96 is +20%, stated 20.
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    let run = site.build();
    run.success();
    assert!(!run.stderr.contains("\"widget-output\" for 2021 states"));
    assert!(!run.stderr.contains("\"widget-output\" for 2020 states"));
    assert!(!run
        .stderr
        .contains("\"gadget-exports\" for 2020-01/2020-11"));
    // Exactly 0.5 points off is still within tolerance.
    site.write(
        "bulletins/2020/annual-2020.md",
        std::fs::read_to_string(site.root().join("bulletins/2020/annual-2020.md"))
            .unwrap()
            .replace("change: 20\n", "change: 20.5\n"),
    );
    let run = site.build();
    run.success();
    assert!(
        !run.stderr.contains("for 2020-01/2020-11 states"),
        "{}",
        run.stderr
    );
}

#[test]
fn strict_makes_the_inconsistency_an_error() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    let run = site.run(&["build", "--strict", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: bulletins/2021/annual-2021.md:20:13: \"gadget-exports\""),
        "{}",
        run.stderr
    );
    assert!(!site.output_path("index.html").exists());
}

#[test]
fn compares_with_the_comparable_period_only() {
    // A monthly figure stating a change is not compared with the full
    // year or a quarter: 2021-11 has no 2020-11 point, so no warning.
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    let run = site.build();
    run.success();
    assert!(!run.stderr.contains("for 2021-11 states"), "{}", run.stderr);
}

#[test]
fn a_zero_base_is_never_divided_by() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.write(
        "bulletins/2018/zero.md",
        "---\ntitle: Zero year\ndate: 2019-01-10\nyear: 2018\nindicators:\n  - id: widget-output\n    value: 0\n    period: 2018\n---\nNothing made.\n",
    );
    site.write(
        "bulletins/2019/annual-2019.md",
        std::fs::read_to_string(site.root().join("bulletins/2019/annual-2019.md"))
            .unwrap()
            .replace("value: 1200\n", "value: 1200\n    change: 12\n"),
    );
    let run = site.build();
    run.success();
    assert!(!run.stderr.contains("inf"), "{}", run.stderr);
    assert!(!run.stderr.contains("NaN"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("\"widget-output\" for 2019"),
        "{}",
        run.stderr
    );
}
