//! Reading `indicators.yaml`, the indicator catalogue (SPEC §2.2).

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Pos};
use crate::model::catalogue::{Better, Catalogue, IndicatorDef, Measure};
use crate::yaml::fields::Fields;
use crate::yaml::YamlSource;

const ENTRY_FIELDS: &[&str] = &[
    "name",
    "unit",
    "category",
    "better",
    "description",
    "measure",
    "decimals",
    "derive",
    "headline",
];

/// Parse the catalogue text. Entries with problems are left out and the
/// problems returned; the rest of the catalogue is still usable.
pub(crate) fn parse_catalogue(file: &str, text: &str) -> (Catalogue, Vec<Diagnostic>) {
    let src = YamlSource {
        file,
        text,
        line_offset: 0,
    };
    let source: Arc<str> = Arc::from(text);
    let mut catalogue = Catalogue::default();
    let mut diags = Vec::new();
    if text.trim().is_empty() {
        return (catalogue, diags);
    }
    let node = match src.parse() {
        Ok(n) => n,
        Err(d) => return (catalogue, vec![d.with_source(source)]),
    };
    let Some(map) = node.as_mapping() else {
        let d = src.error(
            Pos::new(1, 1),
            "indicators.yaml must map each indicator id to its description",
        );
        return (catalogue, vec![d.with_source(source)]);
    };
    for (key, value) in map.iter() {
        let id = key.as_str().to_string();
        let key_pos = key
            .span()
            .start()
            .map(|m| Pos::new(m.line(), m.column()))
            .unwrap_or_default();
        if !is_valid_id(&id) {
            diags.push(src.error(
                key_pos,
                format!("indicator id \"{id}\" may hold only a-z, 0-9 and `-`"),
            ));
            continue;
        }
        let Some(mut f) = Fields::new(&src, value, &format!("indicator \"{id}\""), ENTRY_FIELDS)
        else {
            diags.push(src.error(
                key_pos,
                format!("indicator \"{id}\" must be a mapping with name, unit and category"),
            ));
            continue;
        };
        let what = format!("indicator \"{id}\"");
        f.require("name", &what);
        let name = f.localized("name");
        let unit = f.require("unit", &what).and(f.string("unit"));
        let category = f
            .string("category")
            .map_or_else(|| "other".to_string(), |c| c.0);
        let better = match f.string("better") {
            Some((b, pos)) => Better::parse(&b).unwrap_or_else(|| {
                f.push(src.error(
                    pos,
                    format!("better: \"{b}\" must be higher, lower or neutral"),
                ));
                Better::Neutral
            }),
            None => Better::Neutral,
        };
        let description = f.localized("description");
        let measure = match f.string("measure") {
            Some((m, pos)) => Measure::parse(&m).unwrap_or_else(|| {
                f.push(src.error(pos, format!("measure: \"{m}\" must be flow or stock")));
                Measure::Flow
            }),
            None => Measure::Flow,
        };
        let decimals = match f.integer("decimals") {
            Some((d, _)) if (0..=6).contains(&d) => Some(d as usize),
            Some((d, pos)) => {
                f.push(src.error(pos, format!("decimals: {d} must be between 0 and 6")));
                None
            }
            None => None,
        };
        let derive = f.boolean("derive").unwrap_or(true);
        let headline = f.boolean("headline").unwrap_or(false);
        let ok = f.diags.is_empty();
        diags.append(&mut f.diags);
        if let (true, Some((unit, _))) = (ok, unit) {
            catalogue.push(IndicatorDef {
                id,
                name: fill_default_lang(name),
                unit,
                category,
                better,
                description: fill_default_lang(description),
                measure,
                decimals,
                derive,
                headline,
                rank: 0,
            });
        }
    }
    let diags = diags
        .into_iter()
        .map(|d| d.with_source(source.clone()))
        .collect();
    (catalogue, diags)
}

/// A plain string (stored under "") stands for every language.
fn fill_default_lang(
    mut m: std::collections::BTreeMap<String, String>,
) -> std::collections::BTreeMap<String, String> {
    if let Some(v) = m.remove("") {
        for lang in crate::config::LANGUAGES {
            m.entry(lang.to_string()).or_insert_with(|| v.clone());
        }
    }
    m
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_reports_bad_ones() {
        let text = "gdp:\n  name: { zh: 生产总值, en: GDP }\n  unit: 亿元\n  category: economy\n  better: higher\nbad:\n  name: x\n  unit: 个\n  better: up\n";
        let (c, d) = parse_catalogue("indicators.yaml", text);
        assert_eq!(c.get("gdp").unwrap().name_in("en"), "GDP");
        assert!(c.get("bad").is_none());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pos, Some(Pos::new(9, 11)));
    }

    #[test]
    fn reads_what_kind_of_quantity_and_keeps_the_order() {
        let text = "z:\n  name: Z\n  unit: 所\n  measure: stock\n  decimals: 0\n  headline: true\na:\n  name: A\n  unit: 亿元\n  derive: false\nbad:\n  name: B\n  unit: 个\n  measure: level\n  decimals: 9\n";
        let (c, d) = parse_catalogue("indicators.yaml", text);
        let z = c.get("z").unwrap();
        assert_eq!(
            (z.measure, z.decimals, z.derive, z.headline),
            (Measure::Stock, Some(0), true, true)
        );
        let a = c.get("a").unwrap();
        assert_eq!(
            (a.measure, a.decimals, a.derive),
            (Measure::Flow, None, false)
        );
        assert_eq!(
            c.ids().collect::<Vec<_>>(),
            ["z", "a"],
            "file order, not sorted"
        );
        let at: Vec<Pos> = d.iter().filter_map(|d| d.pos).collect();
        assert_eq!(at, [Pos::new(14, 12), Pos::new(15, 13)], "{d:?}");
    }
}
