//! URLs of every page, in one place: site-relative paths under the base
//! path, each segment percent-encoded (CJK slugs and tags stay readable in
//! the file system and valid in links).

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::model::bulletin::Bulletin;
use crate::slug::tag_slug;

/// Characters encoded in a path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'\\');

/// Encode one path segment.
pub(crate) fn encode_segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// Builds URLs for a site with a given base.
#[derive(Debug, Clone)]
pub(crate) struct Urls {
    base_url: String,
    base_path: String,
}

impl Urls {
    /// For `base_url` (ending in `/`) and its path part.
    pub(crate) fn new(base_url: &str, base_path: &str) -> Self {
        Urls {
            base_url: base_url.to_string(),
            base_path: base_path.to_string(),
        }
    }

    /// Site-relative path of an output path (`2021/x/` -> `/bulletins/2021/x/`).
    pub(crate) fn path(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel.trim_start_matches('/'))
    }

    /// Absolute URL of an output path, for canonical links, feeds, sitemaps.
    pub(crate) fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.base_url, rel.trim_start_matches('/'))
    }

    /// Output path of a bulletin page, encoded (`2021/report/`).
    pub(crate) fn bulletin_rel(b: &Bulletin) -> String {
        format!("{}/{}/", b.year, encode_segment(&b.slug))
    }

    /// Link to a bulletin.
    pub(crate) fn bulletin(&self, b: &Bulletin) -> String {
        self.path(&Self::bulletin_rel(b))
    }

    /// Output path of a tag page, encoded.
    pub(crate) fn tag_rel(tag: &str) -> String {
        format!("tags/{}/", encode_segment(&tag_slug(tag)))
    }

    /// Link to a tag page.
    pub(crate) fn tag(&self, tag: &str) -> String {
        self.path(&Self::tag_rel(tag))
    }

    /// Link to a year page.
    pub(crate) fn year(&self, year: i32) -> String {
        self.path(&format!("{year}/"))
    }

    /// Output path of a subject page (`subjects/finance/`).
    pub(crate) fn subject_rel(key: &str) -> String {
        format!("subjects/{}/", encode_segment(key))
    }

    /// Link to a subject page.
    pub(crate) fn subject(&self, key: &str) -> String {
        self.path(&Self::subject_rel(key))
    }

    /// Link to an indicator page.
    pub(crate) fn indicator(&self, id: &str) -> String {
        self.path(&format!("indicators/{id}/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_cjk_and_keeps_prefix() {
        let u = Urls::new("https://x.org/b/", "/b/");
        assert_eq!(
            u.tag("乡村振兴"),
            "/b/tags/%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4/"
        );
        assert_eq!(u.absolute("2021/"), "https://x.org/b/2021/");
    }
}
