//! The template API of docs/templates.md: a site's own `templates/` folder
//! overrides theme templates by name, and every documented value, filter
//! and function is there. The override templates below name each
//! documented field, so removing one from the view structs fails the build
//! (Tera refuses an unknown variable) and this test with it.

use crate::support::TestSite;

const BULLETIN: &str = r#"{% extends "base.html" %}{% block content %}
SITE[{{ site.title }}|{{ site.base_url }}|{{ site.base_path }}|{{ site.language }}|{{ site.issuer }}|{{ site.years | join(sep=",") }}]
PAGE[{{ page.title }}|{{ page.description }}|{{ page.canonical }}|{{ page.lang }}|{{ page.path }}|{{ lang }}]
CARD[{{ bulletin.title }}|{{ bulletin.date }}|{{ bulletin.year }}|{{ bulletin.kind }}|{{ bulletin.kind_name }}|{{ bulletin.url }}|{{ bulletin.draft }}|{% for t in bulletin.tags %}{{ t.name }}={{ t.url }};{% endfor %}]
BODY[{{ issuer }}|{{ updated }}|{{ content | length > 0 }}|{{ extra }}]
{% for r in indicators %}ROW[{{ r.id }}|{{ r.name }}|{{ r.indicator_url }}|{{ r.period }}|{{ r.value }}|{{ r.value_text }}|{{ r.unit }}|{{ r.change }}|{{ r.change_text }}|{{ r.change_class }}|{{ r.note }}|{{ r.bulletin_title }}|{{ r.bulletin_url }}|{{ r.revised_from }}|{{ r.revisions | length }}|{{ r.superseded_by }}|{{ r.derived }}|{{ r.derived_from }}]
{% endfor %}PT[{% for r in indicators %}{{ r.period_text }};{% endfor %}]
SUMMARY[{{ target_summary.total }}|{{ target_summary.met }}|{{ target_summary.missed }}|{{ target_summary.pending }}]
{% for a in attachments %}ATT[{{ a.name }}|{{ a.url }}|{{ a.size }}|{{ a.size_text }}]{% endfor %}
NAV[{% if previous %}{{ previous.title }}{% endif %}|{% if next %}{{ next.title }}{% endif %}]
FN[{{ url(path="2021/") }}|{{ t(key="status.met") }}|{{ t(key="status.met", lang="zh") }}|{{ 1234567.5 | num }}|{{ 43.7 | change }}|{{ -2.1 | change }}]
{% endblock content %}"#;

const YEAR: &str = r#"{% extends "base.html" %}{% block content %}
YEAR[{{ year }}|{% for b in bulletins %}{{ b.title }};{% endfor %}|{{ observations | length }}]
{% for t in targets %}TARGET[{{ t.id }}|{{ t.name }}|{{ t.indicator_url }}|{{ t.year }}|{{ t.op }}|{{ t.op_text }}|{{ t.value }}|{{ t.value_text }}|{{ t.unit }}|{{ t.note }}|{{ t.status }}|{{ t.status_text }}|{{ t.actual_text }}|{{ t.bulletin_title }}|{{ t.bulletin_url }}]
{% endfor %}{% endblock content %}"#;

const INDICATOR: &str = r#"{% extends "base.html" %}{% block content %}
IND[{{ indicator.id }}|{{ indicator.name }}|{{ indicator.unit }}|{{ indicator.category }}|{{ indicator.url }}|{{ indicator.csv_url }}|{{ indicator.years | join(sep=",") }}|{{ indicator.count }}|{{ indicator.latest.value_text }}|{{ indicator.sparkline | length > 0 }}]
MORE[{{ description }}|{{ better }}|{{ chart | length > 0 }}|{{ jsonld | length > 0 }}|{{ observations | length }}|{{ has_derived }}|{{ targets | length }}]
{% endblock content %}"#;

/// Values are printed HTML-escaped; compare text.
fn unescape(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn site_with_overrides() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write("templates/bulletin.html", BULLETIN);
    site.write("templates/year.html", YEAR);
    site.write("templates/indicator.html", INDICATOR);
    site
}

#[test]
fn site_templates_override_the_theme_by_name() {
    let site = site_with_overrides();
    site.build().success();
    assert!(site.page("/2021/annual-report/").contains("CARD["));
    // Templates the site does not override still come from the theme.
    assert!(site.page("/tags/").contains("class=\"tag-cloud\""));
}

#[test]
fn bulletin_template_sees_every_documented_value() {
    let site = site_with_overrides();
    site.build().success();
    let html = unescape(&site.page("/2021/annual-report/"));
    for expected in [
        "SITE[Testville Bulletins|https://testville.example/bulletins/|/bulletins/|en|Testville Town Council|2022,2021]",
        "PAGE[Testville Annual Report 2021|",
        "|https://testville.example/bulletins/2021/annual-report/|en|/bulletins/2021/annual-report/|en]",
        "CARD[Testville Annual Report 2021|2021-12-20|2021|report|Work report|/bulletins/2021/annual-report/|false|Public Works=/bulletins/tags/public-works/;财政=/bulletins/tags/%E8%B4%A2%E6%94%BF/;]",
        "BODY[Testville Town Council||true|]",
        "ROW[fiscal-revenue|",
        "|12.5|12.5|million|4.2|+4.2%|good|full year|",
        "PT[2021;Q3 2021;2021;]",
        "FN[/bulletins/2021/|met|已达成|1,234,567.5|+43.7%|-2.1%]",
    ] {
        assert!(html.contains(expected), "{expected} in\n{html}");
    }
}

#[test]
fn year_and_indicator_templates_see_their_documented_values() {
    let site = site_with_overrides();
    site.build().success();
    let year = unescape(&site.page("/2021/"));
    assert!(year.contains("YEAR[2021|"), "{year}");
    let ind = unescape(&site.page("/indicators/fiscal-revenue/"));
    assert!(
        ind.contains("IND[fiscal-revenue|")
            && ind.contains("|/bulletins/indicators/fiscal-revenue.csv|"),
        "{ind}"
    );
    assert!(ind.contains("MORE["), "{ind}");
}

#[test]
fn a_template_naming_an_unknown_value_is_a_configuration_error() {
    let site = TestSite::fixture("minimal");
    site.write(
        "templates/tag.html",
        r#"{% extends "base.html" %}{% block content %}{{ tag.no_such_field }}{% endblock content %}"#,
    );
    let run = site.build();
    run.exit(2);
    assert!(run.stderr.contains("tag.html"), "{}", run.stderr);
}
