//! Open data: CSV (RFC 4180 through the csv crate, UTF-8 with BOM) holding
//! exactly the fixture's observations, indicators.json with catalogue,
//! observations and targets with status, links from the pages, and the
//! schema.org Dataset JSON-LD of each indicator page.

use crate::support::TestSite;

const HEADER: [&str; 12] = [
    "id",
    "name",
    "period",
    "value",
    "unit",
    "change",
    "revised_from",
    "bulletin_url",
    "approx",
    "estimate",
    "cumulative",
    "since",
];

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, HEADER);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// (id, period, value, change, revised_from, bulletin) as the fixture's
/// bulletins report them, the winner of each (id, period) only, in
/// catalogue order.
const EXPECTED: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("widget-output", "2019", "1200", "", "", "2019/annual-2019"),
    (
        "widget-output",
        "2020",
        "1380",
        "15",
        "",
        "2020/annual-2020",
    ),
    (
        "widget-output",
        "2021-05",
        "120",
        "",
        "",
        "2021/widget-flash-2021-05",
    ),
    (
        "widget-output",
        "2021-11",
        "140",
        "7.7",
        "",
        "2021/annual-2021",
    ),
    (
        "widget-output",
        "2021",
        "1550",
        "12.3",
        "",
        "2021/annual-2021",
    ),
    (
        "widget-output",
        "2021-12",
        "150",
        "",
        "",
        "2021/annual-2021",
    ),
    (
        "gadget-exports",
        "2019-01/2019-11",
        "80",
        "",
        "",
        "2019/annual-2019",
    ),
    (
        "gadget-exports",
        "2020-01/2020-11",
        "96",
        "20",
        "",
        "2020/annual-2020",
    ),
    (
        "gadget-exports",
        "2021-Q3",
        "40",
        "",
        "",
        "2021/annual-2021",
    ),
    (
        "gadget-exports",
        "2021-01/2021-11",
        "130",
        "43.7",
        "",
        "2021/annual-2021",
    ),
    (
        "pothole-repairs",
        "2020",
        "305",
        "",
        "310",
        "2021/annual-2021",
    ),
    ("pothole-repairs", "2021", "350", "", "", "2021/annual-2021"),
    (
        "sprocket-waste",
        "2021",
        "42",
        "-16",
        "",
        "2021/annual-2021",
    ),
    (
        "balance-of-trade",
        "2019",
        "-12.5",
        "",
        "",
        "2019/annual-2019",
    ),
    ("balance-of-trade", "2020", "4", "", "", "2020/annual-2020"),
    (
        "balance-of-trade",
        "2021",
        "-3.5",
        "",
        "",
        "2021/annual-2021",
    ),
    ("bench-count", "2021", "64", "", "", "2021/annual-2021"),
];

#[test]
fn the_csv_holds_exactly_the_reported_observations() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let rows = read_csv(&site.output_bytes("indicators.csv"));
    let got: Vec<(String, String, String, String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[0].clone(),
                r[2].clone(),
                r[3].clone(),
                r[5].clone(),
                r[6].clone(),
                r[7].clone(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String, String, String, String)> = EXPECTED
        .iter()
        .map(|e| {
            (
                e.0.into(),
                e.1.into(),
                e.2.into(),
                e.3.into(),
                e.4.into(),
                format!("https://testville.example/gazette/{}/", e.5),
            )
        })
        .collect();
    assert_eq!(got, expected);
    let widget = rows.iter().find(|r| r[0] == "widget-output").unwrap();
    assert_eq!(
        (widget[1].as_str(), widget[4].as_str()),
        ("Widget output", "万件")
    );
}

#[test]
fn each_indicator_has_its_own_csv() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let rows = read_csv(&site.output_bytes("indicators/widget-output.csv"));
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().all(|r| r[0] == "widget-output"));
    assert!(read_csv(&site.output_bytes("indicators/doodad-registry.csv")).is_empty());
}

#[test]
fn the_json_has_catalogue_observations_and_target_status() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let doc: serde_json::Value =
        serde_json::from_slice(&site.output_bytes("indicators.json")).unwrap();
    let list = doc["indicators"].as_array().unwrap();
    assert_eq!(list.len(), 7, "every catalogue entry");
    let widget = list.iter().find(|i| i["id"] == "widget-output").unwrap();
    assert_eq!(widget["unit"], "万件");
    assert_eq!(widget["better"], "higher");
    assert_eq!(widget["observations"].as_array().unwrap().len(), 6);
    let targets: Vec<(&str, &str)> = list
        .iter()
        .flat_map(|i| i["targets"].as_array().unwrap())
        .map(|t| (t["op"].as_str().unwrap(), t["status"].as_str().unwrap()))
        .collect();
    assert_eq!(targets.iter().filter(|t| t.1 == "met").count(), 3);
    assert_eq!(targets.iter().filter(|t| t.1 == "missed").count(), 1);
    assert_eq!(targets.iter().filter(|t| t.1 == "pending").count(), 3);
    assert_eq!(widget["targets"][0]["actual"], 1550.0);
}

#[test]
fn each_indicator_has_its_own_json_equal_to_its_entry_in_indicators_json() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let doc: serde_json::Value =
        serde_json::from_slice(&site.output_bytes("indicators.json")).unwrap();
    let list = doc["indicators"].as_array().unwrap();
    assert_eq!(list.len(), 7);
    for entry in list {
        let id = entry["id"].as_str().unwrap();
        let own: serde_json::Value =
            serde_json::from_slice(&site.output_bytes(&format!("indicators/{id}.json"))).unwrap();
        assert_eq!(&own, entry, "indicators/{id}.json");
    }
    // One with observations and targets, one with none: both whole.
    let widget: serde_json::Value =
        serde_json::from_slice(&site.output_bytes("indicators/widget-output.json")).unwrap();
    assert_eq!(widget["observations"].as_array().unwrap().len(), 6);
    assert_eq!(widget["targets"][0]["actual"], 1550.0);
    let doodad: serde_json::Value =
        serde_json::from_slice(&site.output_bytes("indicators/doodad-registry.json")).unwrap();
    assert_eq!(doodad["observations"], serde_json::json!([]));
}

#[test]
fn pages_link_the_downloads() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let page = site.output_unescaped("indicators/widget-output/index.html");
    assert!(page.contains(r#"href="/gazette/indicators/widget-output.csv""#));
    assert!(
        page.contains(r#"href="/gazette/indicators/widget-output.json">widget-output.json</a>"#)
    );
    assert!(page.contains(r#"href="/gazette/indicators.json""#));
    let index = site.output_unescaped("indicators/index.html");
    assert!(index.contains(r#"href="/gazette/indicators.csv""#));
    assert!(index.contains(r#"href="/gazette/indicators.json""#));
}

fn jsonld(html: &str) -> &str {
    let open = r#"<script type="application/ld+json">"#;
    let start = html.find(open).expect("JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    &html[start..end]
}

#[test]
fn indicator_pages_carry_a_safe_dataset_jsonld() {
    let site = TestSite::fixture("indicators-testville").with_default_theme();
    site.build().success();
    let raw = String::from_utf8(site.output_bytes("indicators/bench-count/index.html")).unwrap();
    let script = jsonld(&raw);
    assert!(!script.contains('<') && !script.contains('>'), "{script}");
    assert!(script.contains(r"Park benches \u003cnew\u003e"));
    let doc: serde_json::Value = serde_json::from_str(script).unwrap();
    assert_eq!(doc["@context"], "https://schema.org");
    assert_eq!(doc["@type"], "Dataset");
    assert_eq!(doc["name"], "Park benches <new>");
    assert_eq!(
        doc["url"],
        "https://testville.example/gazette/indicators/bench-count/"
    );
    assert_eq!(doc["temporalCoverage"], "2021");
    assert_eq!(doc["variableMeasured"]["unitText"], "benches");
    assert_eq!(
        doc["distribution"][0]["contentUrl"],
        "https://testville.example/gazette/indicators/bench-count.csv"
    );
    assert_eq!(doc["creator"]["name"], "Testville Town Office");
    let widget =
        String::from_utf8(site.output_bytes("indicators/widget-output/index.html")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(jsonld(&widget)).unwrap();
    assert_eq!(doc["temporalCoverage"], "2019/2021");
}
