//! Government information disclosure (政府信息公开, SPEC §2.6): the
//! catalogue metadata a bulletin carries (索引号, 发文字号, 成文日期,
//! 主题分类, 有效性), the bulletins it repeals or explains, and the
//! validity a reader sees on a given day.

use chrono::NaiveDate;

use crate::diagnostics::Pos;

/// 有效性 as written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) enum Validity {
    /// 有效: in force (the default).
    Valid,
    /// 失效: no longer in force (its term ended).
    Expired,
    /// 废止: repealed (withdrawn or replaced).
    Repealed,
}

impl Validity {
    /// The words front matter accepts.
    pub(crate) const NAMES: [&'static str; 3] = ["valid", "expired", "repealed"];

    /// Parse `valid`, `expired` or `repealed`.
    pub(crate) fn parse(s: &str) -> Option<Validity> {
        Some(match s.trim() {
            "valid" => Validity::Valid,
            "expired" => Validity::Expired,
            "repealed" => Validity::Repealed,
            _ => return None,
        })
    }

    /// The key as written (and as the i18n key suffix).
    pub(crate) fn key(&self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Expired => "expired",
            Validity::Repealed => "repealed",
        }
    }
}

/// A reference to another bulletin by address, `<year>/<slug>`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct BulletinRef {
    /// Reporting year.
    pub year: i32,
    /// Slug.
    pub slug: String,
    /// Where the reference is written.
    pub pos: Pos,
}

impl BulletinRef {
    /// Parse `2022/work-plan-2022` (slashes around it are tolerated).
    pub(crate) fn parse(text: &str, pos: Pos) -> Result<BulletinRef, String> {
        let t = text.trim().trim_matches('/');
        let bad = || {
            format!("\"{text}\" is not a bulletin address: write <year>/<slug>, e.g. 2022/work-plan-2022")
        };
        let (year, slug) = t.split_once('/').ok_or_else(bad)?;
        let year: i32 = year
            .parse()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .ok_or_else(bad)?;
        if !crate::slug::is_valid_slug(slug) {
            return Err(bad());
        }
        Ok(BulletinRef {
            year,
            slug: slug.to_string(),
            pos,
        })
    }

    /// `2022/work-plan-2022`.
    pub(crate) fn address(&self) -> String {
        format!("{}/{}", self.year, self.slug)
    }
}

/// The disclosure fields of one bulletin, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Disclosure {
    /// 索引号, with where it is written (for the duplicate error).
    pub index_no: Option<(String, Pos)>,
    /// 发文字号.
    pub doc_no: Option<String>,
    /// 成文日期.
    pub written: Option<NaiveDate>,
    /// 主题分类: a subject key of site.yaml.
    pub subject: Option<String>,
    /// 有效性 as written (none: valid unless replaced or expired).
    pub validity: Option<Validity>,
    /// Bulletins this one repeals or supersedes.
    pub replaces: Vec<BulletinRef>,
    /// 失效日期.
    pub expires: Option<NaiveDate>,
    /// The bulletin this one explains (政策解读).
    pub interprets: Option<BulletinRef>,
}

impl Disclosure {
    /// Does the bulletin carry any disclosure field (and so show the block)?
    pub(crate) fn is_empty(&self) -> bool {
        *self == Disclosure::default()
    }

    /// The validity a reader sees on `today`: repealed when written so or
    /// when a published bulletin replaces it, expired when written so or
    /// when `today` is past `expires`.
    pub(crate) fn validity_on(&self, today: NaiveDate, replaced: bool) -> Validity {
        match self.validity {
            Some(Validity::Repealed) => Validity::Repealed,
            _ if replaced => Validity::Repealed,
            Some(Validity::Expired) => Validity::Expired,
            _ if self.expires.is_some_and(|e| today > e) => Validity::Expired,
            _ => Validity::Valid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn references_parse_year_and_slug() {
        let r = BulletinRef::parse("/2022/work-plan-2022/", Pos::new(1, 1)).unwrap();
        assert_eq!((r.year, r.slug.as_str()), (2022, "work-plan-2022"));
        for bad in ["work-plan", "22/x", "2022/", "2022/a/b", "2022/A B"] {
            assert!(BulletinRef::parse(bad, Pos::new(1, 1)).is_err(), "{bad}");
        }
    }

    #[test]
    fn validity_follows_replacement_and_expiry() {
        let mut m = Disclosure {
            expires: Some(d("2022-06-30")),
            ..Disclosure::default()
        };
        assert_eq!(m.validity_on(d("2022-06-30"), false), Validity::Valid);
        assert_eq!(m.validity_on(d("2022-07-01"), false), Validity::Expired);
        assert_eq!(m.validity_on(d("2022-01-01"), true), Validity::Repealed);
        m.validity = Some(Validity::Expired);
        assert_eq!(m.validity_on(d("2022-01-01"), false), Validity::Expired);
    }
}
