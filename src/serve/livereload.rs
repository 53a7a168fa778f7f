//! Live reload and the error overlay. Every served HTML page gets a small
//! script that listens on a Server-Sent Events stream and reloads the page
//! when a build finishes, good or bad. While the last build failed, every
//! page also gets an overlay naming each error (file, line, message), so
//! nobody mistakes the last good version for the current one.
//!
//! SSE rather than WebSocket: the browser only listens, `EventSource`
//! reconnects by itself, and it is plain HTTP that axum streams with no
//! extra crate.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};

use crate::render::highlight::escape_html;
use crate::serve::state::{LiveEvent, Problem, Shared};

/// Where pages listen for rebuilds.
pub(crate) const EVENTS_PATH: &str = "/__gazette/events";

/// The SSE stream: `hello` with the current version on connect (a page
/// that missed a rebuild while reconnecting sees a newer version and
/// reloads), then `reload` or `failed` after each build.
pub(crate) async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = shared.subscribe();
    let hello = Event::default()
        .event("hello")
        .data(shared.version().to_string());
    let updates = stream::unfold(rx, |mut rx| async move {
        loop {
            // An error means the sender is gone: the server is stopping.
            rx.changed().await.ok()?;
            let event = rx.borrow_and_update().clone();
            let (name, version) = match event {
                LiveEvent::Reload(v) => ("reload", v),
                LiveEvent::Failed(v) => ("failed", v),
                LiveEvent::Shutdown => return None,
                LiveEvent::Idle => continue,
            };
            let event = Event::default().event(name).data(version.to_string());
            return Some((Ok(event), rx));
        }
    });
    let stream = stream::once(async { Ok(hello) }).chain(updates);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The script injected into every page served at `version`.
fn script(version: u64) -> String {
    format!(
        "<script>/* gazette serve: live reload */(function(){{\
if(!window.EventSource)return;\
var es=new EventSource(\"{EVENTS_PATH}\");\
function again(){{es.close();location.reload();}}\
es.addEventListener(\"hello\",function(e){{if(e.data!==\"{version}\")again();}});\
es.addEventListener(\"reload\",again);\
es.addEventListener(\"failed\",again);\
}})();</script>\n"
    )
}

/// The overlay listing the errors of the last build. Its one sentence is
/// in English and Chinese, the languages the default theme speaks.
pub(crate) fn overlay(problems: &[Problem]) -> String {
    let mut out = String::from(
        "<div id=\"gazette-error\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;\
z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;\
background:#2b0b0b;color:#ffecec;border-top:4px solid #e5484d;\
font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\
<p style=\"margin:0 0 .5em;font-weight:bold\">The last change did not build. \
This is the last good version of the site; fix the error below and save.<br>\
最近一次修改未能生成网站，当前显示的是上一次成功生成的版本；请修正以下错误后保存。</p>\
<ul style=\"margin:0;padding-left:1.2em;white-space:pre-wrap\">",
    );
    for p in problems {
        out.push_str("<li>");
        if !p.location.is_empty() {
            out.push_str("<code style=\"color:#ffb4b4\">");
            out.push_str(&escape_html(&p.location));
            out.push_str("</code>: ");
        }
        out.push_str(&escape_html(&p.message));
        out.push_str("</li>");
    }
    out.push_str("</ul></div>\n");
    out
}

/// Insert the script (and the overlay, if any) before the last `</body>`,
/// or at the end of a page without one.
pub(crate) fn inject(html: &[u8], version: u64, problems: Option<&[Problem]>) -> Vec<u8> {
    let mut snippet = problems.map(overlay).unwrap_or_default();
    snippet.push_str(&script(version));
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page shown before any build succeeded: only the errors.
pub(crate) fn waiting_page(version: u64, problems: Option<&[Problem]>) -> Vec<u8> {
    let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>gazette serve: waiting for a good build</title></head>\
<body><p>The site has not built yet.</p></body></html>\n";
    inject(page.as_bytes(), version, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", 3, None);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(EVENTS_PATH));
        assert!(text.ends_with("</script>\n</BODY></html>"), "{text}");
        assert!(text.contains("e.data!==\"3\""));
    }

    #[test]
    fn overlay_escapes_what_it_quotes() {
        let p = Problem {
            location: "bulletins/a.md:3:7".into(),
            message: "unknown kind \"<script>\"".into(),
        };
        let out = String::from_utf8(inject(b"<body></body>", 1, Some(&[p]))).unwrap();
        assert!(out.contains("gazette-error"));
        assert!(out.contains("bulletins/a.md:3:7"));
        assert!(out.contains("&lt;script&gt;"));
        assert!(!out.contains("\"<script>\""));
    }
}
