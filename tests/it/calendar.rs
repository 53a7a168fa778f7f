//! The release calendar (SPEC §2.6): a scheduled bulletin is announced on
//! /calendar/ and in /calendar.ics until its date, leaks nowhere else, and
//! is published by the first build on or after its date (`--now`).

use crate::support::{tree, TestSite};

const RELEASE: &str = "---\ntitle: Fiscal revenue, Jan–Nov 2022; first look\ndate: 2022-12-28\nkind: statistics\nscheduled: true\ntags: [finance]\nindicators:\n  - id: fiscal-revenue\n    value: 25.1\n    period: 2022-01/2022-11\n---\nSECRET-BODY of the release.\n";
const PUBLISHED: &str = "---\ntitle: Spring cleanup\ndate: 2022-03-01\n---\nDone.\n";

fn site() -> TestSite {
    let site = TestSite::base();
    site.write("bulletins/2022/fiscal-2022-11.md", RELEASE);
    site.write("bulletins/2022/cleanup.md", PUBLISHED);
    site
}

#[test]
fn scheduled_bulletin_is_announced_only_on_the_calendar_before_its_date() {
    let s = site();
    s.build_with(&["--now", "2022-12-27"]).success();
    assert!(
        !s.has_output("2022/fiscal-2022-11/index.html"),
        "no page before its date"
    );
    let calendar = s.page("/calendar/");
    assert!(calendar.contains("<time datetime=\"2022-12-28\">2022-12-28</time></td><td>Fiscal revenue, Jan–Nov 2022; first look</td>"), "{calendar}");
    assert!(calendar.contains("Statistics"), "{calendar}");
    for (path, bytes) in tree(&s.output_dir()) {
        let Some(bytes) = bytes else { continue };
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("SECRET-BODY"), "the body leaked into {path}");
        if !path.starts_with("calendar") {
            assert!(
                !text.contains("fiscal-2022-11"),
                "the release leaked into {path}"
            );
            assert!(!text.contains("first look"), "the title leaked into {path}");
        }
    }
    let json = s.output("indicators.json");
    assert!(!json.contains("25.1"), "its figures are not open data yet");
    assert!(!s.page("/2022/").contains("25.1"));
}

#[test]
fn the_build_on_its_date_publishes_it() {
    let s = site();
    s.build_with(&["--now", "2022-12-27"]).success();
    let ics_before = s.output("calendar.ics");
    s.build_with(&["--now", "2022-12-28"]).success();
    let html = s.page("/2022/fiscal-2022-11/");
    assert!(html.contains("SECRET-BODY"), "{html}");
    assert!(s.output("feed.xml").contains("/2022/fiscal-2022-11/"));
    assert!(s.output("sitemap.xml").contains("/2022/fiscal-2022-11/"));
    assert!(s.page("/2022/").contains("/bulletins/2022/fiscal-2022-11/"));
    assert!(s.output("indicators.json").contains("25.1"));
    let calendar = s.page("/calendar/");
    assert!(
        calendar.contains("<a href=\"/bulletins/2022/fiscal-2022-11/\">"),
        "listed as released:\n{calendar}"
    );
    let ics_after = s.output("calendar.ics");
    let uid = |ics: &str| {
        ics.lines()
            .find(|l| l.starts_with("UID:"))
            .map(str::to_string)
    };
    assert_eq!(uid(&ics_before), uid(&ics_after), "the UID is stable");
    assert!(
        ics_after.contains("DTSTAMP:20221228T000000Z\r\n"),
        "{ics_after}"
    );
    s.check().success();
}

#[test]
fn calendar_ics_follows_rfc_5545_and_parses() {
    let s = site();
    s.write(
        "bulletins/2023/long.md",
        "---\ntitle: 瓜沥镇2023年国民经济和社会发展统计公报，含财政、投资和工业产值的全年数据\ndate: 2024-03-15\nyear: 2023\nkind: statistics\nscheduled: true\n---\nx\n",
    );
    s.build_with(&["--now", "2022-12-01"]).success();
    let bytes = std::fs::read(s.output_dir().join("calendar.ics")).unwrap();
    let ics = String::from_utf8(bytes.clone()).unwrap();
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(ics.contains("\r\n "), "the long title is folded");
    assert!(
        ics.contains("SUMMARY:Fiscal revenue\\, Jan–Nov 2022\\; first look\r\n"),
        "{ics}"
    );
    assert!(ics.contains("DTSTAMP:20221201T000000Z\r\n"));
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20221228\r\nDTEND;VALUE=DATE:20221229\r\n"),
        "{ics}"
    );
    assert!(
        ics.contains("UID:2022-fiscal-2022-11@testville.example\r\n"),
        "{ics}"
    );

    let parsed: icalendar::Calendar = ics.parse().expect("calendar.ics parses");
    let events: Vec<&icalendar::Event> = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 2);
    use icalendar::Component;
    let first = events[0];
    assert_eq!(
        first.get_summary(),
        Some("Fiscal revenue, Jan–Nov 2022; first look")
    );
    assert_eq!(
        first.get_start(),
        Some(icalendar::DatePerhapsTime::Date(
            chrono::NaiveDate::from_ymd_opt(2022, 12, 28).unwrap()
        ))
    );
    assert_eq!(
        events[1].get_summary(),
        Some("瓜沥镇2023年国民经济和社会发展统计公报，含财政、投资和工业产值的全年数据")
    );
}

#[test]
fn same_now_gives_the_same_bytes() {
    let s = site();
    s.build_with(&["--now", "2022-12-01"]).success();
    let first = tree(&s.output_dir());
    s.build_with(&["--now", "2022-12-01"]).success();
    assert_eq!(first, tree(&s.output_dir()));
}

#[test]
fn now_must_be_a_date() {
    let s = site();
    let run = s.build_with(&["--now", "2022-13-01"]);
    run.exit(2);
    assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
}
