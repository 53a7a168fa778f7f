//! What a bulletin page shows of its disclosure metadata (SPEC §2.6): the
//! 政府信息公开 block, the repealed or expired notice at the top with the
//! bulletin that replaced it, the 解读 links both ways, and the same facts
//! as schema.org JSON-LD.

use serde_json::{json, Map, Value};

use crate::model::bulletin::Bulletin;
use crate::model::disclosure::Validity;
use crate::render::jsonld::script_safe;
use crate::render::pages::PageContext;
use crate::render::views::{BulletinCard, DisclosureView, SubjectLink};

/// Build the view of bulletin `index`.
pub(crate) fn disclosure_view<'a>(
    ctx: &PageContext<'a>,
    index: usize,
    b: &'a Bulletin,
) -> DisclosureView<'a> {
    let m = &b.disclosure;
    let links = ctx.links(index);
    let validity = m.validity_on(ctx.today(), !links.replaced_by.is_empty());
    let cards = |l: &[usize]| ctx.cards(l);
    let subject = m.subject.as_deref().map(|key| SubjectLink {
        key,
        name: ctx.config().site.subject_name(key),
        url: ctx.urls.subject(key),
    });
    let mut view = DisclosureView {
        block: !m.is_empty(),
        index_no: m.index_no.as_ref().map(|(n, _)| n.as_str()),
        doc_no: m.doc_no.as_deref(),
        written: m.written.map(|d| d.format("%Y-%m-%d").to_string()),
        subject,
        validity: validity.key(),
        validity_text: ctx.theme.i18n.get(ctx.lang, validity_key(validity)),
        expires: m.expires.map(|d| d.format("%Y-%m-%d").to_string()),
        replaces: cards(&links.replaces),
        replaced_by: cards(&links.replaced_by),
        interprets: links.interprets.map(|i| cards(&[i]).remove(0)),
        interpreted_by: cards(&links.interpreted_by),
        jsonld: String::new(),
    };
    if view.block || !view.replaced_by.is_empty() || !view.interpreted_by.is_empty() {
        view.jsonld = bulletin_jsonld(ctx, b, &view, validity);
    }
    view
}

fn validity_key(v: Validity) -> &'static str {
    match v {
        Validity::Valid => "validity.valid",
        Validity::Expired => "validity.expired",
        Validity::Repealed => "validity.repealed",
    }
}

/// schema.org metadata: a `Legislation` (a document in force or not, with
/// its number, date and issuer, and the documents it changes), or an
/// `Article` about the document it explains when it is a 解读.
fn bulletin_jsonld(
    ctx: &PageContext,
    b: &Bulletin,
    v: &DisclosureView,
    validity: Validity,
) -> String {
    let urls = &ctx.urls;
    let absolute = |c: &BulletinCard| -> String {
        urls.absolute(
            c.url
                .strip_prefix(ctx.config().site.base_path())
                .unwrap_or(&c.url),
        )
    };
    let kind = if v.interprets.is_some() {
        "Article"
    } else {
        "Legislation"
    };
    let mut doc = Map::new();
    doc.insert("@context".into(), json!("https://schema.org"));
    doc.insert("@type".into(), json!(kind));
    doc.insert("name".into(), json!(b.title));
    doc.insert(
        "url".into(),
        json!(urls.absolute(&crate::render::urls::Urls::bulletin_rel(b))),
    );
    doc.insert("inLanguage".into(), json!(b.lang));
    doc.insert(
        "datePublished".into(),
        json!(b.date.format("%Y-%m-%d").to_string()),
    );
    if !b.issuer.is_empty() {
        let org = json!({ "@type": "GovernmentOrganization", "name": b.issuer });
        doc.insert("publisher".into(), org.clone());
        if kind == "Legislation" {
            doc.insert("legislationPassedBy".into(), org);
        }
    }
    if let Some(no) = v.index_no {
        doc.insert(
            "identifier".into(),
            json!({ "@type": "PropertyValue", "propertyID": "索引号", "value": no }),
        );
    }
    let mut about: Vec<Value> = Vec::new();
    if let Some(s) = &v.subject {
        about.push(json!({ "@type": "Thing", "name": s.name, "url": urls.absolute(&crate::render::urls::Urls::subject_rel(s.key)) }));
    }
    if let Some(t) = &v.interprets {
        about.push(json!({ "@type": "Legislation", "name": t.title, "url": absolute(t) }));
    }
    if !about.is_empty() {
        doc.insert("about".into(), Value::Array(about));
    }
    if kind == "Legislation" {
        if let Some(no) = v.doc_no {
            doc.insert("legislationIdentifier".into(), json!(no));
        }
        if let Some(w) = &v.written {
            doc.insert("legislationDate".into(), json!(w));
        }
        let force = match validity {
            Validity::Valid => "https://schema.org/InForce",
            _ => "https://schema.org/NotInForce",
        };
        doc.insert("legislationLegalForce".into(), json!(force));
        if !v.replaces.is_empty() {
            let changed: Vec<Value> = v
                .replaces
                .iter()
                .map(|c| json!({ "@type": "Legislation", "name": c.title, "url": absolute(c) }))
                .collect();
            doc.insert("legislationChanges".into(), Value::Array(changed));
        }
    } else if let Some(w) = &v.written {
        doc.insert("dateCreated".into(), json!(w));
    }
    if let Some(e) = &v.expires {
        doc.insert("expires".into(), json!(e));
    }
    script_safe(&Value::Object(doc).to_string())
}
