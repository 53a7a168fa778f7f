//! Helpers for the unit tests of `serve`: a small site on disk with the
//! repository's default theme.

use std::path::Path;

/// The site settings of the test sites.
pub(crate) const SITE_YAML: &str = "title: Test\nbase_url: http://127.0.0.1:1111/\nlanguage: en\n";

/// A one-entry indicator catalogue.
pub(crate) const CATALOGUE: &str = "fiscal-revenue-total:\n  name: { zh: 财政总收入, en: Total fiscal revenue }\n  unit: 亿元\n  category: finance\n  better: higher\n";

/// An `indicators:` list reporting one full-year figure of 2021.
pub(crate) const FISCAL: &str = "  - id: fiscal-revenue-total\n    value: 21.6\n    period: 2021\n";

/// Write a small site under `root`: site.yaml, the catalogue, the
/// repository's default theme and the given bulletins.
pub(crate) fn write_site(root: &Path, files: &[(String, String)]) {
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
