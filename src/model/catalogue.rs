//! The indicator catalogue (`indicators.yaml`): what each indicator is called,
//! its unit, its category, which direction of change is good, and what
//! kind of quantity it is (SPEC §2.5: a flow or a stock, how many decimals,
//! whether an earlier value may be derived from a stated change). The
//! catalogue's order is the display order everywhere.

use std::collections::BTreeMap;

/// Which direction of change is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Better {
    /// Growth is good.
    Higher,
    /// Decline is good.
    Lower,
    /// Neither.
    Neutral,
}

impl Better {
    /// Parse the catalogue word.
    pub(crate) fn parse(s: &str) -> Option<Better> {
        match s {
            "higher" => Some(Better::Higher),
            "lower" => Some(Better::Lower),
            "neutral" => Some(Better::Neutral),
            _ => None,
        }
    }

    /// The catalogue word.
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
            Better::Neutral => "neutral",
        }
    }
}

/// What kind of quantity an indicator is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    /// Happens over its period (revenue, new parking spaces).
    Flow,
    /// A level at the period's end (population, kindergartens).
    Stock,
}

impl Measure {
    /// Parse the catalogue word.
    pub(crate) fn parse(s: &str) -> Option<Measure> {
        match s {
            "flow" => Some(Measure::Flow),
            "stock" => Some(Measure::Stock),
            _ => None,
        }
    }

    /// The catalogue word.
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Measure::Flow => "flow",
            Measure::Stock => "stock",
        }
    }
}

/// One catalogue entry.
#[derive(Debug, Clone)]
pub(crate) struct IndicatorDef {
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
    /// Flow (default) or stock.
    pub measure: Measure,
    /// Display precision, when fixed (`0`: whole things).
    pub decimals: Option<usize>,
    /// May an earlier value be derived from a stated change? (`false` for
    /// growth at comparable prices.)
    pub derive: bool,
    /// One of the home page's headline figures.
    pub headline: bool,
    /// Position in `indicators.yaml`, the display order.
    pub rank: usize,
}

impl IndicatorDef {
    /// Name in `lang`, falling back to zh, en, then the id.
    pub(crate) fn name_in(&self, lang: &str) -> &str {
        localized(&self.name, lang).unwrap_or(&self.id)
    }

    /// Description in `lang`, with the same fallbacks, or "".
    pub(crate) fn description_in(&self, lang: &str) -> &str {
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

/// All indicators, by id, and their order in `indicators.yaml`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Catalogue {
    /// Entries by id.
    pub entries: BTreeMap<String, IndicatorDef>,
    /// Ids in catalogue order.
    order: Vec<String>,
}

impl Catalogue {
    /// Add an entry at the end of the order.
    pub(crate) fn push(&mut self, mut def: IndicatorDef) {
        def.rank = self.order.len();
        self.order.push(def.id.clone());
        self.entries.insert(def.id.clone(), def);
    }

    /// Look up an id.
    pub(crate) fn get(&self, id: &str) -> Option<&IndicatorDef> {
        self.entries.get(id)
    }

    /// All ids, in catalogue order.
    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    /// All entries, in catalogue order (the display order).
    pub(crate) fn in_order(&self) -> impl Iterator<Item = &IndicatorDef> {
        self.order.iter().filter_map(|id| self.entries.get(id))
    }

    /// Display position of an id (unknown ids last).
    pub(crate) fn rank(&self, id: &str) -> usize {
        self.get(id).map_or(usize::MAX, |d| d.rank)
    }
}
