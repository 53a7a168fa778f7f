//! Numbers by language: thousands separators in English and none in
//! Chinese (SPEC §2.5), a sign on every change,
//! units exactly as the catalogue gives them, and figures too large to
//! show refused rather than printed as `inf`.

use crate::support::TestSite;

#[test]
fn english_pages_group_thousands_and_sign_changes() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/widget-output/index.html");
    assert!(html.contains(">1,550</td>"));
    assert!(html.contains(r#"<span aria-hidden="true">▲</span>+12.3%</span>"#));
    assert!(html.contains("<td>万件</td>"), "the unit as given");
    let sprocket = site.output_unescaped("indicators/sprocket-waste/index.html");
    assert!(
        sprocket.contains(
            r#"<span class="change change-good"><span aria-hidden="true">▼</span>-16%</span>"#
        ),
        "falling waste is good, and says so with an arrow and a sign"
    );
}

#[test]
fn chinese_pages_write_numbers_without_separators() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.language("zh").build().success();
    let html = site.output_unescaped("indicators/widget-output/index.html");
    assert!(html.contains(">1550</td>"));
    assert!(!html.contains("1,550"));
    assert!(html.contains("+12.3%"));
    assert!(html.contains("<td>万件</td>"));
    let svg = &html[html.find("<svg").unwrap()..];
    assert!(svg.contains("小部件产量（全年）：由2019年的1200升至2021年的1550万件。"));
}

#[test]
fn a_figure_too_large_to_show_is_an_error() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.write(
        "bulletins/2021/huge.md",
        "---\ntitle: Huge\ndate: 2022-03-01\nyear: 2021\nindicators:\n  - id: doodad-registry\n    value: 1e16\n---\nToo many doodads.\n",
    );
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: bulletins/2021/huge.md:7:12: \"value\" is too large: 1e16 cannot be shown"
        ),
        "{}",
        run.stderr
    );
}
