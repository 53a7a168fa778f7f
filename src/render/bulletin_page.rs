//! The page of one bulletin: its body, indicators table, targets,
//! attachments and its neighbours in the year.

use crate::model::bulletin::Bulletin;
use crate::model::site::Site;
use crate::render::markdown::render_markdown;
use crate::render::pages::PageContext;
use crate::render::urls::Urls;
use crate::render::views::{AttachmentView, TargetRow, TargetSummary};
use crate::render::{OutputFile, RenderError};

fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.0} KB", b as f64 / (1 << 10) as f64),
        b => format!("{b} B"),
    }
}

/// Previous (older) and next (newer) bulletin of the same year.
pub(crate) fn neighbours(site: &Site, index: usize, year: i32) -> (Option<usize>, Option<usize>) {
    // Year lists hold indices in ascending order (bulletins are sorted
    // newest first), so a binary search finds the position.
    let list = &site.years[&year];
    let pos = list.binary_search(&index).unwrap_or(0);
    let newer = pos.checked_sub(1).map(|p| list[p]);
    let older = list.get(pos + 1).copied();
    (older, newer)
}

/// Render one bulletin page (and list its attachments to copy).
pub(crate) fn render_bulletin(
    ctx: &PageContext,
    index: usize,
    b: &Bulletin,
) -> Result<Vec<OutputFile>, RenderError> {
    let rel = Urls::bulletin_rel(b);
    let markdown = b
        .body
        .read(&ctx.config().root, &b.source)
        .map_err(RenderError)?;
    let body = render_markdown(&markdown, ctx.config().site.base_path());
    let lang = b.lang.as_str();
    let indicators = ctx.bulletin_rows(index, b);
    let mut targets: Vec<_> = b.targets.iter().collect();
    targets.sort_by_key(|t| ctx.catalogue().rank(&t.id));
    let targets: Vec<TargetRow> = targets
        .into_iter()
        .map(|t| ctx.target_row(t, b, lang))
        .collect();
    let attachments: Vec<AttachmentView> = b
        .attachments
        .iter()
        .map(|a| AttachmentView {
            name: &a.name,
            url: ctx.urls.path(&format!(
                "{rel}{}",
                crate::render::urls::encode_segment(&a.name)
            )),
            size: a.size,
            size_text: size_text(a.size),
        })
        .collect();
    let (older, newer) = ctx.neighbours(index);
    let card = ctx.card(index);
    let page = ctx.meta(&rel, b.title.clone(), b.summary.clone(), lang);
    let disclosure = crate::render::disclosure::disclosure_view(ctx, index, b);
    let html = ctx.render("bulletin.html", &page, |c| {
        c.insert("bulletin", &card);
        c.insert("issuer", &b.issuer);
        c.insert(
            "updated",
            &b.updated.map(|d| d.format("%Y-%m-%d").to_string()),
        );
        c.insert("content", &body.html);
        c.insert("indicators", &indicators);
        c.insert("targets", &targets);
        c.insert("target_summary", &TargetSummary::of(&targets));
        c.insert("attachments", &attachments);
        c.insert("previous", &older.map(|i| ctx.card(i)));
        c.insert("next", &newer.map(|i| ctx.card(i)));
        c.insert("extra", &b.extra);
        c.insert("disclosure", &disclosure);
    })?;
    let mut out = vec![OutputFile::bytes(
        format!("{}/{}/index.html", b.year, b.slug),
        html,
    )];
    for a in &b.attachments {
        out.push(OutputFile {
            path: format!("{}/{}/{}", b.year, b.slug, a.name),
            content: crate::render::Content::Copy(a.source.clone()),
        });
    }
    Ok(out)
}
