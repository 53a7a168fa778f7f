//! The release calendar (SPEC §2.6): `/calendar/` and `/calendar.ics`.
//! A scheduled bulletin whose date has not come is announced here with
//! its title, kind and date only; once published it stays on the
//! calendar as released, linked to its page, as a statistics office's
//! release calendar does.
//!
//! The iCalendar file is written by hand to RFC 5545 — CRLF line ends,
//! lines folded at 75 octets on character boundaries, TEXT values
//! escaped, one all-day event per release with a UID that depends only
//! on the bulletin's address (so a calendar program updates the event
//! when the date moves instead of adding another), and a DTSTAMP taken
//! from `--now` so the same input gives the same bytes. Tests parse it
//! back with the `icalendar` crate.

use crate::model::bulletin::Bulletin;
use crate::render::inputs::Part;
use crate::render::pages::PageContext;
use crate::render::urls::{encode_segment, Urls};
use crate::render::views::ReleaseView;
use crate::render::{OutputFile, RenderError};

fn release<'a>(ctx: &PageContext<'a>, b: &'a Bulletin, released: bool) -> ReleaseView<'a> {
    ReleaseView {
        title: &b.title,
        date: b.date.format("%Y-%m-%d").to_string(),
        kind: &b.kind,
        kind_name: ctx.config().site.kind_name(&b.kind),
        url: released.then(|| ctx.urls.bulletin(b)),
    }
}

/// Scheduled bulletins already published, newest first.
fn released<'a, 'c>(ctx: &'c PageContext<'a>) -> impl Iterator<Item = &'a Bulletin> + 'c {
    ctx.archive(Part::Listing)
        .map(|(_, b)| b)
        .filter(|b| b.scheduled)
}

/// `/calendar/`: upcoming releases, soonest first, then the released.
pub(crate) fn render_calendar(ctx: &PageContext) -> Result<OutputFile, RenderError> {
    let upcoming: Vec<ReleaseView> = ctx
        .upcoming()
        .iter()
        .map(|b| release(ctx, b, false))
        .collect();
    let done: Vec<ReleaseView> = released(ctx).map(|b| release(ctx, b, true)).collect();
    let page = ctx.meta(
        "calendar/",
        ctx.t("calendar.title").to_string(),
        ctx.t("calendar.description").to_string(),
        ctx.lang,
    );
    let today = ctx.today().format("%Y-%m-%d").to_string();
    let html = ctx.render("calendar.html", &page, |c| {
        c.insert("upcoming", &upcoming);
        c.insert("released", &done);
        c.insert("today", &today);
        c.insert("ics_url", &ctx.urls.path("calendar.ics"));
    })?;
    Ok(OutputFile::bytes("calendar/index.html", html))
}

/// `/calendar.ics`: every release, upcoming and released, as all-day
/// events.
pub(crate) fn render_ics(ctx: &PageContext) -> OutputFile {
    let cfg = &ctx.config().site;
    let host = host_of(&cfg.base_url);
    let stamp = format!("{}T000000Z", ctx.today().format("%Y%m%d"));
    let mut w = Ics::default();
    w.line("BEGIN", "VCALENDAR");
    w.line("VERSION", "2.0");
    w.line("PRODID", "-//gazette//release calendar//EN");
    w.line("CALSCALE", "GREGORIAN");
    w.line("METHOD", "PUBLISH");
    w.line(
        "X-WR-CALNAME",
        &escape(&format!("{} · {}", cfg.title, ctx.t("calendar.title"))),
    );
    let mut events: Vec<(&Bulletin, bool)> = ctx.upcoming().iter().map(|b| (&**b, false)).collect();
    events.extend(released(ctx).map(|b| (b, true)));
    events.sort_by(|(a, _), (b, _)| (a.date, a.year, &a.slug).cmp(&(b.date, b.year, &b.slug)));
    for (b, is_released) in events {
        let kind = cfg.kind_name(&b.kind);
        w.line("BEGIN", "VEVENT");
        w.line(
            "UID",
            &format!("{}-{}@{host}", b.year, encode_segment(&b.slug)),
        );
        w.line("DTSTAMP", &stamp);
        w.line("DTSTART;VALUE=DATE", &b.date.format("%Y%m%d").to_string());
        let end = b.date.succ_opt().unwrap_or(b.date);
        w.line("DTEND;VALUE=DATE", &end.format("%Y%m%d").to_string());
        w.line("SUMMARY", &escape(&b.title));
        w.line("CATEGORIES", &escape(kind));
        let mut description = format!("{kind} · {}", b.issuer);
        if is_released {
            let url = ctx.urls.absolute(&Urls::bulletin_rel(b));
            description.push_str(&format!("\n{url}"));
            w.line("URL;VALUE=URI", &url);
        }
        w.line("DESCRIPTION", &escape(&description));
        w.line("TRANSP", "TRANSPARENT");
        w.line("STATUS", "CONFIRMED");
        w.line("END", "VEVENT");
    }
    w.line("END", "VCALENDAR");
    OutputFile::bytes("calendar.ics", w.out.into_bytes())
}

/// The host of the base URL, for UIDs (`example.gov.cn`).
fn host_of(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

/// An iCalendar file being written: content lines folded and ended
/// with CRLF.
#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    /// Write `name:value` folded at 75 octets (RFC 5545 §3.1): a longer
    /// line breaks before a character that would cross the limit, and the
    /// continuation starts with one space, which counts toward its 75.
    fn line(&mut self, name: &str, value: &str) {
        let line = format!("{name}:{value}");
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(c);
            width += n;
        }
        self.out.push_str("\r\n");
    }
}

/// Escape a TEXT value (RFC 5545 §3.3.11): backslash, `;`, `,` and line
/// breaks; other control characters are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_on_character_boundaries() {
        let mut w = Ics::default();
        let title = "瓜沥镇2022年国民经济和社会发展统计公报发布".repeat(3);
        w.line("SUMMARY", &title);
        for l in w.out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = w.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{title}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn host_of_base_url() {
        assert_eq!(
            host_of("https://example.gov.cn/bulletins/"),
            "example.gov.cn"
        );
        assert_eq!(host_of("http://127.0.0.1:1111/"), "127.0.0.1");
    }
}
