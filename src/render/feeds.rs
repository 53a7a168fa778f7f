//! Machine-read files: the Atom feed, the sitemap and robots.txt. XML is
//! written with quick-xml so every string is escaped by the writer, never
//! by hand. Dates come from the content, never from the clock, so two
//! builds give the same bytes.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::render::inputs::Part;
use crate::render::pages::PageContext;
use crate::render::urls::Urls;
use crate::render::OutputFile;

type XmlWriter = Writer<Vec<u8>>;

fn text_element(w: &mut XmlWriter, name: &str, text: &str) {
    let _ = w.write_event(Event::Start(BytesStart::new(name)));
    let _ = w.write_event(Event::Text(BytesText::new(text)));
    let _ = w.write_event(Event::End(BytesEnd::new(name)));
}

fn empty_element(w: &mut XmlWriter, name: &str, attrs: &[(&str, &str)]) {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute((*k, *v));
    }
    let _ = w.write_event(Event::Empty(e));
}

fn rfc3339(date: chrono::NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// robots.txt, pointing at the sitemap.
pub(crate) fn robots(ctx: &PageContext) -> OutputFile {
    OutputFile::bytes(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            ctx.urls.absolute("sitemap.xml")
        )
        .into_bytes(),
    )
}

/// Atom feed of the newest bulletins: newest date first, ties by slug.
pub(crate) fn atom_feed(ctx: &PageContext) -> OutputFile {
    OutputFile::bytes("feed.xml", atom_bytes(ctx))
}

fn atom_bytes(ctx: &PageContext) -> Vec<u8> {
    let cfg = &ctx.config().site;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
    let mut feed = BytesStart::new("feed");
    feed.push_attribute(("xmlns", "http://www.w3.org/2005/Atom"));
    feed.push_attribute(("xml:lang", cfg.language.as_str()));
    let _ = w.write_event(Event::Start(feed));
    text_element(&mut w, "title", &cfg.title);
    text_element(&mut w, "id", &cfg.base_url);
    empty_element(
        &mut w,
        "link",
        &[("href", &ctx.urls.absolute("")), ("rel", "alternate")],
    );
    empty_element(
        &mut w,
        "link",
        &[("href", &ctx.urls.absolute("feed.xml")), ("rel", "self")],
    );
    let updated = ctx
        .archive(Part::Listing)
        .map(|(_, b)| b.updated.unwrap_or(b.date).max(b.date))
        .max()
        .unwrap_or_default();
    text_element(&mut w, "updated", &rfc3339(updated));
    let _ = w.write_event(Event::Start(BytesStart::new("author")));
    text_element(
        &mut w,
        "name",
        if cfg.issuer.is_empty() {
            &cfg.title
        } else {
            &cfg.issuer
        },
    );
    let _ = w.write_event(Event::End(BytesEnd::new("author")));
    for (_, b) in ctx.archive(Part::Listing).take(cfg.feed_entries) {
        let url = ctx.urls.absolute(&Urls::bulletin_rel(b));
        let _ = w.write_event(Event::Start(BytesStart::new("entry")));
        text_element(&mut w, "title", &b.title);
        text_element(&mut w, "id", &url);
        empty_element(&mut w, "link", &[("href", &url), ("rel", "alternate")]);
        text_element(&mut w, "published", &rfc3339(b.date));
        text_element(
            &mut w,
            "updated",
            &rfc3339(b.updated.unwrap_or(b.date).max(b.date)),
        );
        let _ = w.write_event(Event::Start(BytesStart::new("author")));
        text_element(&mut w, "name", &b.issuer);
        let _ = w.write_event(Event::End(BytesEnd::new("author")));
        empty_element(&mut w, "category", &[("term", cfg.kind_name(&b.kind))]);
        text_element(&mut w, "summary", &b.summary);
        let _ = w.write_event(Event::End(BytesEnd::new("entry")));
    }
    let _ = w.write_event(Event::End(BytesEnd::new("feed")));
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

/// sitemap.xml: every HTML page but 404.
pub(crate) fn sitemap(ctx: &PageContext) -> OutputFile {
    OutputFile::bytes("sitemap.xml", sitemap_bytes(ctx))
}

fn sitemap_bytes(ctx: &PageContext) -> Vec<u8> {
    let mut entries: Vec<(String, Option<chrono::NaiveDate>)> = vec![("".into(), None)];
    entries.extend(
        ctx.page_years()
            .into_iter()
            .map(|y| (format!("{y}/"), None)),
    );
    entries.extend(ctx.archive(Part::Listing).map(|(_, b)| {
        (
            Urls::bulletin_rel(b),
            Some(b.updated.unwrap_or(b.date).max(b.date)),
        )
    }));
    entries.push(("indicators/".into(), None));
    entries.extend(
        ctx.catalogue()
            .ids()
            .map(|id| (format!("indicators/{id}/"), None)),
    );
    entries.push(("tags/".into(), None));
    entries.extend(ctx.tags().values().map(|t| (Urls::tag_rel(&t.name), None)));
    if ctx.config().site.search && crate::render::search_page::has_search_page(ctx.theme) {
        entries.push(("search/".into(), None));
    }
    for y in ctx.years() {
        entries.extend(
            crate::render::subjects::filtered_rels(ctx, y)
                .into_iter()
                .map(|r| (r, None)),
        );
    }
    entries.push(("subjects/".into(), None));
    entries.extend(ctx.subjects().keys().map(|k| (Urls::subject_rel(k), None)));
    entries.push(("calendar/".into(), None));
    entries.extend(
        crate::render::paginate::later_page_rels(ctx)
            .into_iter()
            .map(|r| (r, None)),
    );
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
    let mut set = BytesStart::new("urlset");
    set.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
    let _ = w.write_event(Event::Start(set));
    for (rel, lastmod) in entries {
        let _ = w.write_event(Event::Start(BytesStart::new("url")));
        text_element(&mut w, "loc", &ctx.urls.absolute(&rel));
        if let Some(d) = lastmod {
            text_element(&mut w, "lastmod", &d.format("%Y-%m-%d").to_string());
        }
        let _ = w.write_event(Event::End(BytesEnd::new("url")));
    }
    let _ = w.write_event(Event::End(BytesEnd::new("urlset")));
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}
