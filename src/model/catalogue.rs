//! The indicator catalogue (`indicators.yaml`): what each indicator is called,
//! its unit, its category and which direction of change is good.

use std::collections::BTreeMap;

/// Which direction of change is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Growth is good.
    Higher,
    /// Decline is good.
    Lower,
    /// Neither.
    Neutral,
}

impl Better {
    /// Parse the catalogue word.
    pub fn parse(s: &str) -> Option<Better> {
        match s {
            "higher" => Some(Better::Higher),
            "lower" => Some(Better::Lower),
            "neutral" => Some(Better::Neutral),
            _ => None,
        }
    }

    /// The catalogue word.
    pub fn as_str(&self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
            Better::Neutral => "neutral",
        }
    }
}

/// One catalogue entry.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    /// Stable id, used in URLs.
    pub id: String,
    /// Name by language code.
    pub name: BTreeMap<String, String>,
    /// Unit all observations are in.
    pub unit: String,
    /// Group on the index page.
    pub category: String,
    /// Good direction.
    pub better: Better,
    /// Description by language code.
    pub description: BTreeMap<String, String>,
}

impl IndicatorDef {
    /// Name in `lang`, falling back to zh, en, then the id.
    pub fn name_in(&self, lang: &str) -> &str {
        localized(&self.name, lang).unwrap_or(&self.id)
    }

    /// Description in `lang`, with the same fallbacks, or "".
    pub fn description_in(&self, lang: &str) -> &str {
        localized(&self.description, lang).unwrap_or("")
    }
}

fn localized<'a>(map: &'a BTreeMap<String, String>, lang: &str) -> Option<&'a str> {
    map.get(lang)
        .or_else(|| map.get("zh"))
        .or_else(|| map.get("en"))
        .or_else(|| map.values().next())
        .map(String::as_str)
}

/// All indicators, by id (sorted, so output order is stable).
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// Entries by id.
    pub entries: BTreeMap<String, IndicatorDef>,
}

impl Catalogue {
    /// Look up an id.
    pub fn get(&self, id: &str) -> Option<&IndicatorDef> {
        self.entries.get(id)
    }

    /// All ids, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}
