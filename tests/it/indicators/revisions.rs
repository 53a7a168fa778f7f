//! Revisions: the later-dated bulletin wins; the page shows the old value,
//! the new one and both sources; the warning names both files; the open
//! data keeps the winner with the superseded value beside it.

use crate::support::TestSite;

#[test]
fn the_page_shows_old_and_new_values_with_both_sources() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("indicators/pothole-repairs/index.html");
    let row = html
        .split("<tr")
        .find(|r| r.contains(r#"class="period-cell"><data value="2020">2020</data></th>"#))
        .expect("a 2020 row");
    assert!(
        row.contains(r#"305 <span class="revised-mark">revised</span></td>"#),
        "{row}"
    );
    assert!(row.contains(
        r#"revised from 310, first published in <a href="/gazette/2020/annual-2020/">Testville statistical bulletin 2020</a>"#
    ), "{row}");
    assert!(
        row.contains(
            r#"<a href="/gazette/2021/annual-2021/">Testville statistical bulletin 2021</a>"#
        ),
        "{row}"
    );
}

#[test]
fn the_warning_names_both_files_and_values() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    let run = site.build();
    run.success();
    assert!(run.stderr.contains(
        "warning: bulletins/2021/annual-2021.md:28:5: \"pothole-repairs\" for 2020 is revised from 310 (in bulletins/2020/annual-2020.md) to 305"
    ), "{}", run.stderr);
}

#[test]
fn the_superseded_bulletin_links_to_the_revision() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let html = site.output_unescaped("2020/annual-2020/index.html");
    assert!(html.contains(r#"<tr class="superseded">"#));
    assert!(html.contains(r#"<a href="/gazette/2021/annual-2021/">revised later</a>"#));
}

#[test]
fn open_data_keeps_the_winner_and_the_history() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let csv = String::from_utf8(site.output_bytes("indicators/pothole-repairs.csv")).unwrap();
    assert!(csv.contains("pothole-repairs,Potholes repaired,2020,305,potholes,,310,https://testville.example/gazette/2021/annual-2021/"), "{csv}");
    let doc: serde_json::Value =
        serde_json::from_slice(&site.output_bytes("indicators.json")).unwrap();
    let potholes = doc["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "pothole-repairs")
        .unwrap();
    let y2020 = &potholes["observations"][0];
    assert_eq!(y2020["value"], 305.0);
    assert_eq!(
        y2020["revisions"],
        serde_json::json!([{ "value": 310.0, "change": null, "bulletin_url": "https://testville.example/gazette/2020/annual-2020/" }])
    );
}

#[test]
fn consistency_is_checked_against_the_winning_value() {
    // 350 on the revised 305 is +14.8%; on the superseded 310 it would be
    // +12.9%, which is what the bulletin states.
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    let path = site.root().join("bulletins/2021/annual-2021.md");
    let text = std::fs::read_to_string(&path).unwrap();
    site.write(
        "bulletins/2021/annual-2021.md",
        text.replace("value: 350\n", "value: 350\n    change: 12.9\n"),
    );
    let run = site.build();
    run.success();
    assert!(run.stderr.contains(
        "\"pothole-repairs\" for 2021 states +12.9%, but 305 -> 350 is +14.8% (2020 from bulletins/2021/annual-2021.md)"
    ), "{}", run.stderr);
}

#[test]
fn the_warning_quotes_the_revising_line() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    let run = site.build();
    run.success();
    let warning = run
        .stderr
        .split("\n\n")
        .find(|w| w.contains("\"pothole-repairs\" for 2020 is revised"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        warning.contains("28 │   - id: pothole-repairs"),
        "{warning}"
    );
}

#[test]
fn a_declared_revision_is_routine_and_not_warned_about() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    let file = "bulletins/2021/annual-2021.md";
    let text = std::fs::read_to_string(site.root().join(file)).unwrap();
    let declared = text.replacen("    value: 305\n", "    value: 305\n    revises: true\n", 1);
    assert_ne!(declared, text, "the fixture revises pothole-repairs to 305");
    site.write(file, &declared);
    let run = site.build();
    run.success();
    assert!(!run.stderr.contains("is revised from"), "{}", run.stderr);
    let html = site.output_unescaped("indicators/pothole-repairs/index.html");
    assert!(html.contains("revised from 310"), "the page still says so");
}

/// Two bulletins giving different figures for the twelve months of 2019:
/// twelve undeclared revisions.
fn many_revisions(site: &TestSite) {
    let months = |value: u32| -> String {
        (1..=12)
            .map(|m| {
                format!("  - id: doodad-registry\n    value: {value}\n    period: 2019-{m:02}\n")
            })
            .collect()
    };
    site.write(
        "bulletins/2019/first.md",
        format!(
            "---\ntitle: First\ndate: 2019-12-01\nindicators:\n{}---\nA.\n",
            months(1)
        ),
    );
    site.write(
        "bulletins/2020/second.md",
        format!(
            "---\ntitle: Second\ndate: 2020-02-01\nyear: 2019\nindicators:\n{}---\nB.\n",
            months(2)
        ),
    );
}

#[test]
fn many_warnings_of_one_kind_are_summarised_unless_verbose() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    many_revisions(&site);
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let shown = run.stderr.matches("\"doodad-registry\" for 2019-").count();
        assert_eq!(shown, 5, "{command}: the first few in full\n{}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "warning: 8 more revision warnings like these not shown (`gazette {command} --verbose` shows them all)"
            )),
            "{command}: 7 of the doodads and the pothole are counted\n{}",
            run.stderr
        );
        let verbose = site.run(&[command, "--verbose"]);
        assert_eq!(
            verbose
                .stderr
                .matches("\"doodad-registry\" for 2019-")
                .count(),
            12,
            "{}",
            verbose.stderr
        );
        assert!(!verbose.stderr.contains("more revision warnings"));
    }
}
