//! Parsing one bulletin: front matter checked field by field against SPEC
//! §2.1-§2.3, every problem recorded with its line and column. Pure: the
//! caller reads the file; `parse_bulletin` only sees its text.

use std::collections::HashMap;

use chrono::NaiveDate;
use marked_yaml::Node;

use crate::config::{SiteConfig, LANGUAGES};
use crate::diagnostics::{suggestion_suffix, Diagnostic, Pos};
use crate::load::front_matter;
use crate::load::summary::first_paragraph_summary;
use crate::model::bulletin::{Body, Bulletin, Observation, Target, TargetOp};
use crate::model::catalogue::Catalogue;
use crate::model::disclosure::{BulletinRef, Disclosure, Validity};
use crate::model::period::Period;
use crate::model::qualifiers::{Approx, Cumulative, Qualifiers, Since};
use crate::slug::{is_valid_slug, slugify, tag_slug};
use crate::yaml::fields::{self, Fields};
use crate::yaml::{YamlSource, MAX_MAGNITUDE};

const FIELDS: &[&str] = &[
    "title",
    "date",
    "year",
    "kind",
    "slug",
    "summary",
    "tags",
    "issuer",
    "lang",
    "draft",
    "updated",
    "indicators",
    "targets",
    "extra",
    "index_no",
    "doc_no",
    "written",
    "subject",
    "validity",
    "replaces",
    "expires",
    "interprets",
    "scheduled",
];
const OBSERVATION_FIELDS: &[&str] = &[
    "id",
    "value",
    "unit",
    "change",
    "period",
    "note",
    "approx",
    "estimate",
    "cumulative",
    "since",
    "revises",
];
const TARGET_FIELDS: &[&str] = &["id", "year", "op", "value", "unit", "note"];

/// What a bulletin is checked against.
pub(crate) struct Context<'a> {
    /// The indicator catalogue.
    pub catalogue: &'a Catalogue,
    /// Site settings (kinds, defaults).
    pub site: &'a SiteConfig,
}

/// Parse a bulletin's text. `file` is the path relative to the site root;
/// `default_slug` comes from the file stem or bundle folder.
pub(crate) fn parse_bulletin(
    file: &str,
    text: &str,
    default_slug: &str,
    ctx: &Context,
) -> (Option<Bulletin>, Vec<Diagnostic>) {
    let split = match front_matter::split(text) {
        Ok(s) => s,
        Err(e) => {
            let (pos, msg) = e.describe();
            return (None, vec![Diagnostic::error(file, Some(pos), msg)]);
        }
    };
    let src = YamlSource {
        file,
        text: split.yaml,
        line_offset: 1,
    };
    if split.yaml.trim().is_empty() {
        return (
            None,
            vec![src.error(
                Pos::new(2, 1),
                "front matter is empty: it needs at least title and date",
            )],
        );
    }
    let node = match src.parse() {
        Ok(n) => n,
        Err(d) => return (None, vec![d]),
    };
    let Some(mut f) = Fields::new(&src, &node, "front matter", FIELDS) else {
        let found = fields::shape(&node);
        return (
            None,
            vec![src.error(
                src.pos(&node),
                format!("front matter must be `key: value` lines, found {found}"),
            )],
        );
    };
    let bulletin = read_fields(&mut f, &split, default_slug, ctx);
    let diags = std::mem::take(&mut f.diags);
    let ok = !diags
        .iter()
        .any(|d| d.severity == crate::diagnostics::Severity::Error);
    (bulletin.filter(|_| ok), diags)
}

fn read_fields(
    f: &mut Fields,
    split: &front_matter::Split,
    default_slug: &str,
    ctx: &Context,
) -> Option<Bulletin> {
    let src = f.source();
    let title = f.require("title", "front matter").and(f.string("title"));
    let date = f.require("date", "front matter").and(f.date("date"));
    let year = match f.integer("year") {
        Some((y, _)) if (1000..=9999).contains(&y) => Some(y as i32),
        Some((y, pos)) => {
            f.push(src.error(pos, format!("year {y} is not a four-digit year")));
            None
        }
        None => None,
    };
    let kind = match f.string("kind") {
        Some((k, pos)) => {
            if !ctx.site.kinds.iter().any(|(key, _)| *key == k) {
                let hint = suggestion_suffix(&k, ctx.site.kinds.iter().map(|(k, _)| k.as_str()));
                let known: Vec<&str> = ctx.site.kinds.iter().map(|(k, _)| k.as_str()).collect();
                f.push(src.error(
                    pos,
                    format!(
                        "unknown kind \"{k}\"{hint}; site.yaml declares: {}",
                        known.join(", ")
                    ),
                ));
            }
            k
        }
        None => "notice".to_string(),
    };
    let (slug, slug_pos) = match f.string("slug") {
        Some((s, pos)) => {
            if !is_valid_slug(&s) {
                f.push(src.error(pos, format!("slug \"{s}\" may hold only lower-case letters, digits and `-` (no `/`, `.` or spaces)")));
            }
            (s, pos)
        }
        None => {
            let s = slugify(default_slug);
            if s.is_empty() {
                f.push(src.error(Pos::new(1, 1), format!("the file name \"{default_slug}\" gives no usable slug: rename the file or set `slug:`")));
            }
            (s, Pos::new(1, 1))
        }
    };
    let summary_given = f.string("summary");
    let tags = read_tags(f);
    let issuer = f
        .string("issuer")
        .map(|s| s.0)
        .unwrap_or_else(|| ctx.site.issuer.clone());
    let lang = match f.string("lang") {
        Some((l, _)) if LANGUAGES.contains(&l.as_str()) => l,
        Some((l, pos)) => {
            f.push(src.error(pos, format!("lang \"{l}\" is not supported: use zh or en")));
            l
        }
        None => ctx.site.language.clone(),
    };
    let draft = f.boolean("draft").unwrap_or(false);
    let updated = f.date("updated").map(|d| d.0);
    // Indicators and targets are checked even when the title or date is
    // wrong, so one run reports every problem of the file.
    let year = year
        .or_else(|| date.as_ref().map(|d| chrono::Datelike::year(&d.0)))
        .unwrap_or_default();
    let indicators = read_observations(f, year, ctx.catalogue);
    let targets = read_targets(f, year, ctx.catalogue);
    let disclosure = read_disclosure(f, date.as_ref().map(|d| d.0), ctx);
    let scheduled = f.boolean("scheduled").unwrap_or(false);
    let (title, date) = (title?, date?);
    let extra = f
        .node("extra")
        .map(fields::to_json)
        .unwrap_or(serde_json::Value::Null);
    let summary = match summary_given {
        Some((s, _)) => s,
        None => first_paragraph_summary(split.body),
    };
    Some(Bulletin {
        source: src.file.to_string(),
        title: title.0,
        date: date.0,
        year,
        kind,
        slug,
        slug_pos,
        summary,
        tags,
        issuer,
        lang,
        draft,
        updated,
        indicators,
        targets,
        extra,
        body: Body::new(split.body_start, split.body),
        attachments: Vec::new(),
        disclosure,
        scheduled,
    })
}

/// The disclosure fields (SPEC §2.6), each checked at its field; the
/// references to other bulletins are resolved when the site is assembled.
fn read_disclosure(f: &mut Fields, date: Option<NaiveDate>, ctx: &Context) -> Disclosure {
    let src = f.source();
    let index_no = f.string("index_no");
    let doc_no = f.string("doc_no").map(|s| s.0);
    let written = match (f.date("written"), date) {
        (Some((w, pos)), Some(d)) if w > d => {
            f.push(src.error(
                pos,
                format!("written {w} is after the publication date {d}: a document is written (成文) before it is published"),
            ));
            None
        }
        (w, _) => w.map(|w| w.0),
    };
    let subject = f.string("subject").and_then(|(s, pos)| {
        let subjects = &ctx.site.subjects;
        if subjects.iter().any(|(k, _)| *k == s) {
            return Some(s);
        }
        let msg = if subjects.is_empty() {
            format!("unknown subject \"{s}\": site.yaml declares no `subjects:` (add e.g. subjects: {{ {s}: ... }})")
        } else {
            let hint = suggestion_suffix(&s, subjects.iter().map(|(k, _)| k.as_str()));
            let known: Vec<&str> = subjects.iter().map(|(k, _)| k.as_str()).collect();
            format!(
                "unknown subject \"{s}\"{hint}; site.yaml declares: {}",
                known.join(", ")
            )
        };
        f.push(src.error(pos, msg));
        None
    });
    let validity = f.string("validity").and_then(|(v, pos)| {
        let parsed = Validity::parse(&v);
        if parsed.is_none() {
            let hint = suggestion_suffix(&v, Validity::NAMES);
            f.push(src.error(
                pos,
                format!("validity \"{v}\" must be valid (有效), expired (失效) or repealed (废止){hint}"),
            ));
        }
        parsed
    });
    let expires = match (f.date("expires"), date) {
        (Some((e, pos)), Some(d)) if e < d => {
            f.push(src.error(
                pos,
                format!("expires {e} is before the publication date {d}"),
            ));
            None
        }
        (e, _) => e.map(|e| e.0),
    };
    let replaces = read_refs(f, "replaces");
    let interprets =
        f.string("interprets")
            .and_then(|(t, pos)| match BulletinRef::parse(&t, pos) {
                Ok(r) => Some(r),
                Err(msg) => {
                    f.push(src.error(pos, format!("interprets: {msg}")));
                    None
                }
            });
    Disclosure {
        index_no,
        doc_no,
        written,
        subject,
        validity,
        replaces,
        expires,
        interprets,
    }
}

/// `replaces: 2021/old-notice` or a list of such addresses.
fn read_refs(f: &mut Fields, key: &str) -> Vec<BulletinRef> {
    let src = f.source();
    let items = match f.node(key) {
        Some(n) if n.as_scalar().is_some() => f.string(key).into_iter().collect(),
        Some(_) => f.string_list(key),
        None => Vec::new(),
    };
    let mut out: Vec<BulletinRef> = Vec::new();
    for (text, pos) in items {
        match BulletinRef::parse(&text, pos) {
            Ok(r) if out.iter().any(|o| o.address() == r.address()) => {
                f.push(src.error(pos, format!("{key}: {} is named twice", r.address())));
            }
            Ok(r) => out.push(r),
            Err(msg) => f.push(src.error(pos, format!("{key}: {msg}"))),
        }
    }
    out
}

fn read_tags(f: &mut Fields) -> Vec<String> {
    let src = f.source();
    let mut tags: Vec<String> = Vec::new();
    for (tag, pos) in f.string_list("tags") {
        if tag_slug(&tag).is_empty() {
            f.push(src.error(
                pos,
                format!("tag \"{tag}\" has no letters or digits, so it has no page address"),
            ));
        } else if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// The items of a list field, each a mapping.
fn list_items<'n>(f: &mut Fields<'n, '_>, key: &str) -> Vec<&'n Node> {
    let Some(node) = f.node(key) else {
        return Vec::new();
    };
    match node.as_sequence() {
        Some(seq) => seq.iter().collect(),
        None => {
            let found = fields::shape(node);
            f.error_at(
                node,
                format!("\"{key}\" must be a list of items starting with `- id:`, found {found}"),
            );
            Vec::new()
        }
    }
}

/// Check `unit` against the catalogue's unit of `id`.
fn check_unit(item: &mut Fields, id: &str, catalogue: &Catalogue) {
    if let (Some((unit, pos)), Some(def)) = (item.string("unit"), catalogue.get(id)) {
        if unit != def.unit {
            let src = item.source();
            item.push(src.error(
                pos,
                format!(
                    "unit \"{unit}\" does not match the catalogue's unit \"{}\" for \"{id}\"",
                    def.unit
                ),
            ));
        }
    }
}

/// Read and check the `id` of an item.
fn read_id(item: &mut Fields, catalogue: &Catalogue, what: &str) -> Option<String> {
    let (id, pos) = item.require("id", what).and(item.string("id"))?;
    if catalogue.get(&id).is_none() {
        let hint = suggestion_suffix(&id, catalogue.ids());
        let src = item.source();
        item.push(src.error(
            pos,
            if catalogue.entries.is_empty() {
                format!("unknown indicator \"{id}\": the site's indicators.yaml is missing or empty; declare \"{id}\" there with its name and unit")
            } else {
                format!("unknown indicator \"{id}\"{hint}; indicators are declared in indicators.yaml")
            },
        ));
        return None;
    }
    Some(id)
}

/// A number too large to be shown with its digits intact is an error
/// (SPEC §5.1.1), never `inf` or a rounded figure on a page.
fn publishable(item: &mut Fields, key: &str, n: Option<(f64, Pos)>) -> Option<(f64, Pos)> {
    match n {
        Some((v, pos)) if v.abs() >= MAX_MAGNITUDE => {
            let src = item.source();
            item.push(src.error(
                pos,
                format!("\"{key}\" {v:e} is too large to publish (at most 1e15 in magnitude)"),
            ));
            None
        }
        n => n,
    }
}

fn read_observations(f: &mut Fields, year: i32, catalogue: &Catalogue) -> Vec<Observation> {
    let src = f.source();
    let mut out: Vec<Observation> = Vec::new();
    let mut seen: HashMap<(String, Period, Option<Cumulative>), Pos> = HashMap::new();
    for node in list_items(f, "indicators") {
        let Some(mut item) = Fields::new(src, node, "an indicator", OBSERVATION_FIELDS) else {
            f.error_at(
                node,
                "each indicator must be a mapping like `- id: ...` with value and period",
            );
            continue;
        };
        let id = read_id(&mut item, catalogue, "an indicator");
        let value = item
            .require("value", "an indicator")
            .and(item.number("value"));
        let value = publishable(&mut item, "value", value);
        let change = item.number("change");
        let change = publishable(&mut item, "change", change);
        let period = match item.string("period") {
            Some((p, pos)) => match Period::parse(&p) {
                Ok(p) => Some(p),
                Err(msg) => {
                    item.push(src.error(pos, msg));
                    None
                }
            },
            None => Some(Period::full_year(year)),
        };
        let note = item.string("note").map(|n| n.0);
        let (qualifiers, cumulative) = read_qualifiers(&mut item, value.map(|v| v.0));
        let revises = item.boolean("revises").unwrap_or(false);
        if let Some(id) = &id {
            check_unit(&mut item, id, catalogue);
        }
        let pos = item.pos();
        f.diags.append(&mut item.diags);
        let (Some(id), Some((value, _)), Some(period)) = (id, value, period) else {
            continue;
        };
        if let Some(first) = seen.get(&(id.clone(), period, cumulative)) {
            let what = if cumulative.is_some() {
                "a cumulative total of "
            } else {
                ""
            };
            f.push(src.error(pos, format!("{what}indicator \"{id}\" for period {period} is reported twice in this bulletin (first on line {})", first.line)));
            continue;
        }
        seen.insert((id.clone(), period, cumulative), pos);
        out.push(Observation {
            id,
            value,
            change: change.map(|c| c.0),
            period,
            note,
            qualifiers,
            cumulative,
            revises,
            pos,
            change_pos: change.map(|c| c.1),
        });
    }
    out
}

/// `approx`, `estimate`, `cumulative` and `since` of an observation
/// (SPEC §2.5), each wrong use an error at its field.
fn read_qualifiers(item: &mut Fields, value: Option<f64>) -> (Qualifiers, Option<Cumulative>) {
    let src = item.source();
    let approx = match item.string("approx") {
        Some((a, pos)) => match Approx::parse(&a) {
            Some(_) if value == Some(0.0) => {
                item.push(src.error(
                    pos,
                    "approx on a value of zero means nothing: give the figure the source gives (约0 is 0)",
                ));
                None
            }
            Some(a) => Some(a),
            None => {
                let hint = suggestion_suffix(&a, ["about", "over", "under"]);
                item.push(src.error(
                    pos,
                    format!("approx: \"{a}\" must be about (约), over (超) or under (近){hint}"),
                ));
                None
            }
        },
        None => None,
    };
    let estimate = item.boolean("estimate").unwrap_or(false);
    let cumulative = item.boolean("cumulative").unwrap_or(false);
    let since = match item.string("since") {
        Some((text, pos)) => match Since::parse(&text) {
            Ok(_) if !cumulative => {
                item.push(src.error(
                    pos,
                    "`since` is the start of a running total: it needs `cumulative: true`",
                ));
                None
            }
            Ok(s) => Some(s),
            Err(msg) => {
                item.push(src.error(pos, msg));
                None
            }
        },
        None => None,
    };
    (
        Qualifiers { approx, estimate },
        cumulative.then_some(Cumulative { since }),
    )
}

fn read_targets(f: &mut Fields, year: i32, catalogue: &Catalogue) -> Vec<Target> {
    let src = f.source();
    let mut out = Vec::new();
    for node in list_items(f, "targets") {
        let Some(mut item) = Fields::new(src, node, "a target", TARGET_FIELDS) else {
            f.error_at(
                node,
                "each target must be a mapping like `- id: ...` with op and value",
            );
            continue;
        };
        let id = read_id(&mut item, catalogue, "a target");
        let target_year = match item.integer("year") {
            Some((y, _)) if (1000..=9999).contains(&y) => Some(y as i32),
            Some((y, pos)) => {
                item.push(src.error(pos, format!("year {y} is not a four-digit year")));
                None
            }
            None => Some(year),
        };
        let op = match item.require("op", "a target").and(item.string("op")) {
            Some((op, pos)) => {
                let parsed = TargetOp::parse(&op);
                if parsed.is_none() {
                    item.push(src.error(pos, format!("unknown comparison \"{op}\": use one of = >= <= > < (quoted, e.g. op: \">=\")")));
                }
                parsed
            }
            None => None,
        };
        let value = item.require("value", "a target").and(item.number("value"));
        let value = publishable(&mut item, "value", value);
        let note = item.string("note").map(|n| n.0);
        if let Some(id) = &id {
            check_unit(&mut item, id, catalogue);
        }
        f.diags.append(&mut item.diags);
        if let (Some(id), Some(year), Some(op), Some((value, _))) = (id, target_year, op, value) {
            out.push(Target {
                id,
                year,
                op,
                value,
                note,
            });
        }
    }
    out
}
