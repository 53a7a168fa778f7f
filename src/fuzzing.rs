//! Entry points for the fuzz targets under `fuzz/` (cargo-fuzz, nightly).
//! Each takes raw bytes, runs gazette's real parsers and renderers on them
//! exactly as a build would, and panics only where an invariant the site
//! relies on is broken (duplicate heading ids, an `inf` on a page, a period
//! that does not read back as itself). Hidden from the documentation: this
//! is a test seam, not an API; it lives here so the fuzz crate does not
//! depend on the signatures of internal modules.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::config::SiteConfig;
use crate::load::bulletin::{parse_bulletin, Context};
use crate::load::catalogue::parse_catalogue;
use crate::model::catalogue::Catalogue;
use crate::model::period::Period;
use crate::render::format::{format_change, format_fixed, format_number};
use crate::render::markdown::render_markdown;

const SITE_YAML: &str = "title: Fuzz\nbase_url: https://example.org/fuzz/\nlanguage: zh\n";
const CATALOGUE: &str = "\
fiscal-revenue-total:
  name: { zh: 财政总收入, en: Total fiscal revenue }
  unit: 亿元
  category: finance
  better: higher
new-parking-spaces:
  name: { zh: 新增停车位, en: New parking spaces }
  unit: 个
  category: transport
  better: higher
";

fn context() -> &'static (SiteConfig, Catalogue) {
    static CTX: OnceLock<(SiteConfig, Catalogue)> = OnceLock::new();
    CTX.get_or_init(|| {
        let site = SiteConfig::parse(SITE_YAML).expect("the fuzz site.yaml is valid");
        let (catalogue, diags) = parse_catalogue("indicators.yaml", CATALOGUE);
        assert!(diags.is_empty(), "the fuzz catalogue is valid: {diags:?}");
        (site, catalogue)
    })
}

/// A bulletin file's bytes: decoding, the front matter split, YAML and the
/// field-by-field validation (indicators, targets, periods, numbers), then
/// the body's Markdown when the front matter is valid.
pub fn bulletin_file(data: &[u8]) {
    let file = "bulletins/2021/fuzz.md";
    let Ok((text, _warnings)) = crate::text::decode(file, data) else {
        return;
    };
    let (site, catalogue) = context();
    let ctx = Context { catalogue, site };
    let (bulletin, diags) = parse_bulletin(file, &text, "fuzz", &ctx);
    let source: std::sync::Arc<str> = text.as_str().into();
    for d in diags {
        assert_eq!(d.file, file, "{d:?}");
        // As the terminal shows it: the source line quoted under the message.
        let _ = d.with_source(source.clone()).render(false);
    }
    if let Some(b) = bulletin {
        let body = b
            .body
            .within(&text)
            .expect("the body is a slice of the text");
        markdown_invariants(body);
    }
}

/// A Markdown body: rendering with heading ids and CJK soft breaks.
pub fn markdown(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        markdown_invariants(text);
    }
}

fn markdown_invariants(text: &str) {
    let rendered = render_markdown(text, "/fuzz/");
    let mut seen = HashSet::new();
    for id in &rendered.heading_ids {
        assert!(!id.is_empty(), "empty heading id");
        assert!(seen.insert(id.as_str()), "duplicate heading id {id:?}");
    }
}

/// A period (`2021-01/2021-11`) and a number as front matter spells them.
pub fn period_and_number(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = Period::parse(text) {
        let shown = p.to_string();
        assert_eq!(Period::parse(&shown), Ok(p), "{shown:?} reads back");
        let _ = p.year_before().sort_key();
    }
    // The number as the value of an indicator in front matter, read by the
    // same field reader a build uses; an accepted value must format.
    let (site, catalogue) = context();
    let ctx = Context { catalogue, site };
    let line = text.lines().next().unwrap_or("");
    let file = format!(
        "---\ntitle: t\ndate: 2021-06-01\nindicators:\n  - id: fiscal-revenue-total\n    value: {line}\n    change: {line}\n    period: 2021\n---\n"
    );
    let (bulletin, _) = parse_bulletin("bulletins/2021/n.md", &file, "n", &ctx);
    for o in bulletin.iter().flat_map(|b| &b.indicators) {
        for v in [Some(o.value), o.change].into_iter().flatten() {
            for shown in [
                format_number(v, "zh"),
                format_fixed(v, 2, "en"),
                format_change(v, "zh"),
            ] {
                assert!(
                    !shown.contains("inf") && !shown.contains("NaN"),
                    "{v} shown as {shown}"
                );
            }
        }
    }
    // Any f64 the bytes spell (the eight first bytes), through the formatters.
    if data.len() >= 8 {
        let v = f64::from_le_bytes(data[..8].try_into().expect("eight bytes"));
        let _ = (
            format_number(v, "en"),
            format_fixed(v, 1, "en"),
            format_change(v, "en"),
        );
    }
}
