//! Helpers for the unit tests of `serve`: a small site assembled from
//! in-memory sources, and a small site on disk with the repository's
//! default theme.

use std::path::Path;

use crate::config::{Config, SiteConfig};
use crate::diagnostics::Diagnostics;
use crate::load::bulletin::{parse_bulletin, Context};
use crate::load::catalogue::parse_catalogue;
use crate::model::site::{Loaded, Site};

/// The site settings of the test sites.
pub const SITE_YAML: &str = "title: Test\nbase_url: http://127.0.0.1:1111/\nlanguage: en\n";

/// A one-entry indicator catalogue.
pub const CATALOGUE: &str = "fiscal-revenue-total:\n  name: { zh: 财政总收入, en: Total fiscal revenue }\n  unit: 亿元\n  category: finance\n  better: higher\n";

/// An `indicators:` list reporting one full-year figure of 2021.
pub const FISCAL: &str = "  - id: fiscal-revenue-total\n    value: 21.6\n    period: 2021\n";

/// Assemble a site from `(path, text)` bulletins; panics on any error,
/// since test inputs are meant to be valid.
pub fn site_of(files: &[(String, String)]) -> Site {
    let site = SiteConfig::parse(SITE_YAML).expect("valid site.yaml");
    let (catalogue, diags) = parse_catalogue("indicators.yaml", CATALOGUE);
    assert!(diags.is_empty(), "{diags:?}");
    let ctx = Context {
        catalogue: &catalogue,
        site: &site,
    };
    let mut bulletins = Vec::new();
    for (path, text) in files {
        let stem = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".md");
        let (b, d) = parse_bulletin(path, text, stem, &ctx);
        assert!(d.is_empty(), "{path}: {d:?}");
        bulletins.extend(b.map(std::sync::Arc::new));
    }
    let config = Config {
        root: ".".into(),
        output: "output".into(),
        site,
        drafts: false,
        strict: false,
        today: chrono::NaiveDate::from_ymd_opt(2022, 6, 1).unwrap_or_default(),
    };
    let loaded = Loaded {
        catalogue: catalogue.clone(),
        bulletins,
        diagnostics: Diagnostics::new(),
    };
    let mut diags = Diagnostics::new();
    let site = Site::assemble(config, loaded, &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.items());
    site
}

/// Write a small site under `root`: site.yaml, the catalogue, the
/// repository's default theme and the given bulletins.
pub fn write_site(root: &Path, files: &[(String, String)]) {
    std::fs::write(root.join("site.yaml"), SITE_YAML).expect("write site.yaml");
    std::fs::write(root.join("indicators.yaml"), CATALOGUE).expect("write catalogue");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    crate::testing::copy_tree(&theme, &root.join("themes/default")).expect("copy the theme");
    for (path, text) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().expect("file in a folder")).expect("mkdir");
        std::fs::write(p, text).expect("write bulletin");
    }
}
