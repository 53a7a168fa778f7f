//! Derived earlier values: shown on the indicator page, marked as derived,
//! never published as observations; no value from a -100% change, an
//! error rather than an overflow, never `inf` or `NaN`.

use crate::support::TestSite;

fn json(site: &TestSite) -> serde_json::Value {
    serde_json::from_slice(&site.output_bytes("indicators.json")).unwrap()
}

fn indicator<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

#[test]
fn indicator_page_shows_the_derived_value_marked_as_derived() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/sprocket-waste/index.html");
    assert!(html.contains(r#"<tr class="derived">"#), "{html}");
    assert!(
        html.contains(r#"<th scope="row" class="period-cell"><data value="2020">2020</data></th>"#)
    );
    assert!(html.contains(r#"<span class="derived-mark">derived</span> 50.0</td>"#));
    assert!(html.contains("implied by 42 in 2021 and its change of -16%; not a reported figure"));
}

#[test]
fn chinese_pages_mark_derived_values_as_推算() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.language("zh").build().success();
    let html = site.output_unescaped("indicators/sprocket-waste/index.html");
    assert!(html.contains(r#"<span class="derived-mark">推算</span> 50.0</td>"#));
    assert!(html.contains("由2021的42及同比-16%推算，非公报发布数"));
}

#[test]
fn derived_values_are_never_open_data_observations() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let csv = String::from_utf8(site.output_bytes("indicators/sprocket-waste.csv")).unwrap();
    assert_eq!(
        csv.lines().count(),
        2,
        "header and the one reported row:\n{csv}"
    );
    assert!(!csv.contains("50"));
    let all = String::from_utf8(site.output_bytes("indicators.csv")).unwrap();
    assert!(!all.contains("sprocket-waste,Sprocket waste,2020,"));
    let doc = json(&site);
    let sprocket = indicator(&doc, "sprocket-waste");
    assert_eq!(sprocket["observations"].as_array().unwrap().len(), 1);
    assert_eq!(
        sprocket["derived"],
        serde_json::json!([{
            "period": "2020",
            "value": 50.0,
            "derived_from": {
                "period": "2021",
                "value": 42.0,
                "change": -16.0,
                "bulletin_url": "https://testville.example/gazette/2021/annual-2021/"
            }
        }])
    );
}

#[test]
fn no_value_is_derived_where_the_earlier_one_is_reported() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/widget-output/index.html");
    assert_eq!(
        html.matches(r#"class="period-cell"><data value="2020">2020</data></th>"#)
            .count(),
        1
    );
    assert_eq!(
        html.matches(r#"<tr class="derived">"#).count(),
        1,
        "only 2020-11"
    );
    assert_eq!(
        indicator(&json(&site), "widget-output")["derived"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_fall_of_100_percent_derives_nothing() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.write(
        "bulletins/2021/doodads.md",
        "---\ntitle: Doodad census\ndate: 2022-03-01\nyear: 2021\nindicators:\n  - id: doodad-registry\n    value: 0\n    change: -100\n  - id: bench-count\n    value: 5\n    change: -100\n    period: 2023\n---\nNo doodads left.\n",
    );
    let run = site.build();
    run.success();
    let expected = "warning: bulletins/2021/doodads.md:11:13: \"bench-count\" for 2023 states -100%, which leaves nothing, but the value is 5; no earlier value can be derived";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(!run.stderr.contains("doodad-registry"), "{}", run.stderr);
    for page in [
        "indicators/doodad-registry/index.html",
        "indicators/bench-count/index.html",
        "indicators.json",
    ] {
        let text = String::from_utf8(site.output_bytes(page)).unwrap();
        assert!(!text.contains("inf") && !text.contains("NaN"), "{page}");
        assert!(!text.contains("derived-mark"), "{page}");
    }
}

#[test]
fn an_implied_value_too_large_to_publish_is_an_error() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.write(
        "bulletins/2021/doodads.md",
        "---\ntitle: Doodad census\ndate: 2022-03-01\nyear: 2021\nindicators:\n  - id: doodad-registry\n    value: 1000000000\n    change: -99.9999999999\n---\nAlmost all doodads are new.\n",
    );
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: bulletins/2021/doodads.md:8:13: \"doodad-registry\" for 2021: a change of -99.9999999999% on 1000000000 implies an earlier value too large to publish"),
        "{}",
        run.stderr
    );
}
