//! schema.org `Dataset` metadata for indicator pages, built as JSON with
//! serde_json and made safe to sit inside `<script>`: `<`, `>` and `&`
//! are written as `\u003c`, `\u003e`, `\u0026`, so no string from the
//! content can close the script element (`</script>`) or open a comment.

use serde_json::{json, Value};

use crate::model::catalogue::IndicatorDef;
use crate::model::series::Series;
use crate::render::pages::PageContext;

/// The JSON-LD of an indicator's page, ready to insert unescaped inside
/// `<script type="application/ld+json">`.
pub(crate) fn dataset_jsonld(
    ctx: &PageContext,
    def: &IndicatorDef,
    series: Option<&Series>,
    description: &str,
) -> String {
    let site = &ctx.config().site;
    let name = def.name_in(ctx.lang);
    let years = series.map(Series::years).unwrap_or_default();
    let temporal = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => Value::String(a.to_string()),
        (Some(a), Some(b)) => Value::String(format!("{a}/{b}")),
        _ => Value::Null,
    };
    let category = ctx
        .theme
        .i18n
        .get(ctx.lang, &format!("category.{}", def.category))
        .replace("category.", "");
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": ctx.urls.absolute(&format!("indicators/{}/", def.id)),
        "identifier": def.id,
        "inLanguage": ctx.lang,
        "isAccessibleForFree": true,
        "keywords": [name, category],
        "variableMeasured": {
            "@type": "PropertyValue",
            "name": name,
            "unitText": def.unit,
        },
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": site.title,
            "url": ctx.urls.absolute("indicators/"),
        },
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": ctx.urls.absolute(&format!("indicators/{}.csv", def.id)),
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": ctx.urls.absolute("indicators.json"),
            },
        ],
    });
    if let Some(map) = doc.as_object_mut() {
        if !temporal.is_null() {
            map.insert("temporalCoverage".into(), temporal);
        }
        if !site.issuer.is_empty() {
            let org = json!({ "@type": "GovernmentOrganization", "name": site.issuer });
            map.insert("creator".into(), org.clone());
            map.insert("publisher".into(), org);
        }
    }
    script_safe(&doc.to_string())
}

/// Escape the characters that could end or confuse a `<script>` element.
/// Inside JSON they can only occur in strings, where `\uXXXX` means the
/// same character.
pub(crate) fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_can_close_the_script() {
        let doc = json!({ "name": "</script><!-- & -->" });
        let safe = script_safe(&doc.to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, doc);
    }
}
