//! The example site at the repository root (瓜沥镇): its 2022 targets are
//! pending, its January-November 2021 figures show derived 2020
//! baselines, and it builds clean even under `--strict`.

use super::support::TestSite;

#[test]
fn the_2022_targets_are_pending() {
    let site = TestSite::example();
    site.build();
    let html = site.page("2022/index.html");
    assert!(
        html.contains("共 7 项目标：已达成 0 项，未达成 0 项，待评估 7 项"),
        "{html}"
    );
}

#[test]
fn the_2021_figures_show_derived_2020_baselines() {
    let site = TestSite::example();
    site.build();
    let html = site.page("indicators/fiscal-revenue-total/index.html");
    assert!(html.contains(r#"<th scope="row" class="period-cell"><data value="2020-01/2020-11">2020年1月—11月</data></th>"#));
    assert!(html.contains(r#"<span class="derived-mark">推算</span> 15.0</td>"#));
    assert!(html.contains("财政总收入（1月—11月）：由2020年的15.0（推算）升至2021年的21.6亿元。"));
}

#[test]
fn the_example_builds_clean_under_strict() {
    let site = TestSite::example();
    let run = site.run("build", &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.contains("42 indicators, 0 warnings"),
        "{}",
        run.stdout
    );
    let check = site.run("check", &[]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}
