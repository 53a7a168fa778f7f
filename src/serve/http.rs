//! The HTTP side: axum on hyper and tokio. One route for the live-reload
//! stream; every other request is looked up in the served site (`state`). GET
//! and HEAD only (axum drops the body of HEAD answers and keeps the
//! length); content types from a table for what gazette writes and
//! mime_guess for the rest (attachments, theme files); the site's own
//! 404 page with status 404. Responses are never cached: a preview must
//! show the current build.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::serve::livereload::{self, EVENTS_PATH};
use crate::serve::paths::{folder_url, resolve};
use crate::serve::state::{Found, Served, Shared};

/// The application: live-reload events and the site.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(livereload::events))
        .fallback(serve_site)
        .with_state(shared)
}

/// The content type of an output path, by extension.
pub(crate) fn content_type(path: &str) -> String {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let known = match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "png" => "image/png",
        _ => "",
    };
    if known.is_empty() {
        mime_guess::from_ext(&ext)
            .first_or_octet_stream()
            .essence_str()
            .to_string()
    } else {
        known.to_string()
    }
}

async fn serve_site(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "405 method not allowed\n")
            .with_header(header::ALLOW, "GET, HEAD");
    }
    let Ok(req) = resolve(uri.path()) else {
        return plain(StatusCode::BAD_REQUEST, "400 bad request: path refused\n");
    };
    let found = shared.find(&req.key);
    if let Some(file) = &found.file {
        return respond(&req.key, file, StatusCode::OK, &found).await;
    }
    // `/2021` is the folder `/2021/`: redirect, so relative links work.
    let folder_index = format!("{}/index.html", req.bare);
    if req.key == req.bare && !req.bare.is_empty() && shared.contains(&folder_index) {
        return plain(StatusCode::MOVED_PERMANENTLY, "301 moved\n")
            .with_header(header::LOCATION, &folder_url(&req.bare));
    }
    not_found(&shared, &found).await
}

async fn not_found(shared: &Shared, found: &Found) -> Response {
    if !found.built {
        let page =
            livereload::waiting_page(found.version, found.problems.as_deref().map(|v| &v[..]));
        return bytes_response(StatusCode::NOT_FOUND, "text/html; charset=utf-8", page);
    }
    let page = shared.find("404.html");
    match &page.file {
        Some(file) => respond("404.html", file, StatusCode::NOT_FOUND, &page).await,
        None => plain(StatusCode::NOT_FOUND, "404 not found\n"),
    }
}

/// Answer with a file of the site; HTML gets the live-reload script and,
/// after a failed build, the error overlay.
async fn respond(path: &str, file: &Served, status: StatusCode, found: &Found) -> Response {
    let bytes = match file {
        Served::Bytes(b) => b.clone(),
        Served::Stored(source) | Served::File(source) => match tokio::fs::read(source).await {
            Ok(b) => b.into(),
            // Deleted since the last build (a source file, or the
            // preview's folder removed by hand): the next build redoes it.
            Err(_) => return plain(StatusCode::NOT_FOUND, "404 not found\n"),
        },
    };
    let kind = content_type(path);
    let res = if kind.starts_with("text/html") {
        let problems = found.problems.as_deref().map(|v| &v[..]);
        let page = livereload::inject(&bytes, found.version, problems);
        bytes_response(status, &kind, page)
    } else {
        let mut res = Response::new(Body::from(bytes));
        *res.status_mut() = status;
        res.with_header(header::CONTENT_TYPE, &kind)
    };
    with_build(res, found.version)
}

/// The header naming the build a served file belongs to (the version the
/// live-reload script carries), so a client can tell that every file it
/// got came from one whole build. Only the preview sends it; `gazette
/// build` output is untouched.
pub(crate) const BUILD_HEADER: &str = "x-gazette-build";

fn with_build(mut res: Response, version: u64) -> Response {
    res.headers_mut().insert(
        header::HeaderName::from_static(BUILD_HEADER),
        HeaderValue::from(version),
    );
    res
}

fn bytes_response(status: StatusCode, kind: &str, bytes: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(bytes));
    *res.status_mut() = status;
    res.with_header(header::CONTENT_TYPE, kind)
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// Setting a header on a response in a chain.
trait WithHeader {
    fn with_header(self, name: header::HeaderName, value: &str) -> Response;
}

impl WithHeader for Response {
    fn with_header(mut self, name: header::HeaderName, value: &str) -> Response {
        let headers = self.headers_mut();
        if let Ok(v) = HeaderValue::from_str(value) {
            headers.insert(name, v);
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_of_what_gazette_writes() {
        assert_eq!(
            content_type("2021/x/index.html"),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("app.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("indicators.json"), "application/json");
        assert_eq!(content_type("indicators/x.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
        assert_eq!(content_type("2021/x/agenda.PDF"), "application/pdf");
        assert_eq!(content_type("a.png"), "image/png");
        assert_eq!(content_type("photo.jpg"), "image/jpeg");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
