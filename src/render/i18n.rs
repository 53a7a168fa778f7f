//! The theme's interface strings, one YAML file per language
//! (`themes/<theme>/i18n/<lang>.yaml`, a flat map of key to text).

use std::collections::BTreeMap;
use std::path::Path;

/// Strings by language, then key.
#[derive(Debug, Clone, Default)]
pub struct I18n {
    langs: BTreeMap<String, BTreeMap<String, String>>,
}

impl I18n {
    /// Read every `*.yaml` in `dir`.
    pub fn load(dir: &Path) -> Result<I18n, String> {
        let mut langs = BTreeMap::new();
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let lang = path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let map: BTreeMap<String, String> =
                    serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
                langs.insert(lang, map);
            }
        }
        Ok(I18n { langs })
    }

    /// The text of `key` in `lang`, falling back to English, then the key.
    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.langs
            .get(lang)
            .and_then(|m| m.get(key))
            .or_else(|| self.langs.get("en").and_then(|m| m.get(key)))
            .map_or(key, String::as_str)
    }
}
