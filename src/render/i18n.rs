//! The theme's interface strings, one YAML file per language
//! (`themes/<theme>/i18n/<lang>.yaml`, a flat map of key to text), from
//! the embedded default theme, the site's own copy of it, and the site's
//! `i18n/` folder, which overrides single strings (the site's description,
//! say) without a copy of the theme.

use std::collections::BTreeMap;
use std::path::Path;

use crate::render::theme_files::ThemeFiles;

/// Strings by language, then key.
#[derive(Debug, Clone, Default)]
pub(crate) struct I18n {
    langs: BTreeMap<String, BTreeMap<String, String>>,
}

impl I18n {
    /// The strings of a theme: the embedded default theme's `i18n/*.yaml`
    /// first, then the site's own copy of the theme, then the site's own
    /// `i18n/` (as in Hugo), merged key by key: a later file overrides the
    /// keys it has and keeps the others.
    pub(crate) fn load(theme: &ThemeFiles, site_i18n: &Path) -> Result<I18n, String> {
        let mut i18n = I18n::default();
        for (name, bytes) in theme.embedded("i18n") {
            let text = String::from_utf8_lossy(bytes);
            i18n.merge(&name, &text, &format!("gazette's built-in i18n/{name}"))?;
        }
        if let Some(dir) = theme.disk("i18n") {
            // A theme of the site's own must carry its strings.
            if dir.is_dir() || !theme.embedded {
                i18n.merge_dir(&dir)?;
            }
        }
        if site_i18n.is_dir() {
            i18n.merge_dir(site_i18n)?;
        }
        Ok(i18n)
    }

    /// Add every `<lang>.yaml` of a folder, in name order.
    fn merge_dir(&mut self, dir: &Path) -> Result<(), String> {
        let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                continue;
            };
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            self.merge(&name, &text, &path.display().to_string())?;
        }
        Ok(())
    }

    /// Add the strings of `<lang>.yaml` (other file names are skipped).
    fn merge(&mut self, file_name: &str, text: &str, origin: &str) -> Result<(), String> {
        let Some(lang) = file_name.strip_suffix(".yaml") else {
            return Ok(());
        };
        let map: BTreeMap<String, String> =
            serde_yaml::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
        self.langs.entry(lang.to_string()).or_default().extend(map);
        Ok(())
    }

    /// The text of `key` in `lang`, falling back to English, then the key.
    pub(crate) fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.langs
            .get(lang)
            .and_then(|m| m.get(key))
            .or_else(|| self.langs.get("en").and_then(|m| m.get(key)))
            .map_or(key, String::as_str)
    }
}
