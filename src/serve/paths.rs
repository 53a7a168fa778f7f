//! From a request path to an output path. The served site is a map keyed
//! by output path, so no request can reach a file outside it whatever it
//! says; requests that try (`..`, encoded or double-encoded, backslashes,
//! NUL) are still refused outright rather than looked up, so an attempt is
//! answered plainly and never depends on what the map holds.

use percent_encoding::percent_decode_str;

/// A request path made into an output path.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The output path to look up (`2021/report/index.html`).
    pub key: String,
    /// Without a trailing `/`: the path of a folder is redirected to its
    /// `/` form so relative links in the page work.
    pub bare: String,
}

/// Why a request path was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Refused;

/// Make a request path (as sent, percent-encoded) into an output path.
pub(crate) fn resolve(raw: &str) -> Result<Resolved, Refused> {
    let decoded = percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| Refused)?
        .into_owned();
    // What a second decoding would reveal counts too: a server or proxy
    // in front may decode once more.
    let twice = percent_decode_str(&decoded).decode_utf8_lossy();
    for text in [decoded.as_str(), &twice] {
        if text.contains(['\\', '\0']) || text.split('/').any(|s| s == "." || s == "..") {
            return Err(Refused);
        }
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    let folder = decoded.is_empty() || decoded.ends_with('/');
    let bare = segments.join("/");
    let key = if folder {
        if bare.is_empty() {
            "index.html".to_string()
        } else {
            format!("{bare}/index.html")
        }
    } else {
        bare.clone()
    };
    Ok(Resolved { key, bare })
}

/// The canonical request path of an output folder (`/2021/`), encoded
/// again; built from the output path, never from the request, so a
/// redirect cannot point to another host (`//example.com`).
pub(crate) fn folder_url(bare: &str) -> String {
    let mut url = String::from("/");
    for segment in bare.split('/').filter(|s| !s.is_empty()) {
        url.push_str(&crate::render::urls::encode_segment(segment));
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str) -> String {
        resolve(raw).expect(raw).key
    }

    #[test]
    fn folders_map_to_index_html() {
        assert_eq!(key("/"), "index.html");
        assert_eq!(key(""), "index.html");
        assert_eq!(key("/2021/"), "2021/index.html");
        assert_eq!(key("/2021/report/"), "2021/report/index.html");
        assert_eq!(key("/style.css"), "style.css");
        assert_eq!(key("//2021//report/"), "2021/report/index.html");
        assert_eq!(resolve("/2021").unwrap().bare, "2021");
    }

    #[test]
    fn decodes_percent_encoding_once() {
        assert_eq!(key("/tags/%E8%B4%A2%E6%94%BF/"), "tags/财政/index.html");
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        for raw in [
            "/../etc/passwd",
            "/2021/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/%252e%252e/etc/passwd",
            "/%252e%252e%252fetc%252fpasswd",
            "/..%5c..%5cetc%5cpasswd",
            "/..\\etc\\passwd",
            "/%5c%5cserver%5cshare",
            "/./index.html",
            "/a%00.html",
            "/%ff%fe",
        ] {
            assert_eq!(resolve(raw), Err(Refused), "{raw}");
        }
    }

    #[test]
    fn folder_urls_are_local_and_encoded() {
        assert_eq!(folder_url("2021"), "/2021/");
        assert_eq!(folder_url("tags/财政"), "/tags/%E8%B4%A2%E6%94%BF/");
        assert_eq!(folder_url("/example.com"), "/example.com/");
    }
}
