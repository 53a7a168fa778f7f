//! What a figure says about itself (SPEC §2.5): whether it is approximate
//! (约 / 超 / 近), an estimate made before its period closed (预计), or a
//! running total (累计, possibly counted from a given start). Pages, charts
//! and open data carry these so a figure is never shown with more
//! confidence than its source gives it.

use std::fmt;

/// How an approximate figure relates to the true one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum Approx {
    /// 约: about.
    About,
    /// 超 / 余: more than.
    Over,
    /// 近: nearly, a little less than.
    Under,
}

impl Approx {
    /// Parse the front-matter word.
    pub(crate) fn parse(s: &str) -> Option<Approx> {
        match s {
            "about" => Some(Approx::About),
            "over" => Some(Approx::Over),
            "under" => Some(Approx::Under),
            _ => None,
        }
    }

    /// The front-matter word (also the open-data value).
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Approx::About => "about",
            Approx::Over => "over",
            Approx::Under => "under",
        }
    }
}

/// The start of a running total: a year, or a month of a year.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) struct Since {
    /// Year.
    pub year: i32,
    /// Month 1-12, if given.
    pub month: Option<u8>,
}

impl Since {
    /// Parse `YYYY` or `YYYY-MM`.
    pub(crate) fn parse(s: &str) -> Result<Since, String> {
        let s = s.trim();
        let bad =
            || format!("invalid `since` \"{s}\": expected a year (2017) or a month (2017-03)");
        let year = |y: &str| {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse::<i32>().ok())
                .flatten()
                .filter(|y| (1000..=9999).contains(y))
        };
        match s.split_once('-') {
            Some((y, m)) => {
                let month = (m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| m.parse::<u8>().ok())
                    .flatten()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)?;
                Ok(Since {
                    year: year(y).ok_or_else(bad)?,
                    month: Some(month),
                })
            }
            None => Ok(Since {
                year: year(s).ok_or_else(bad)?,
                month: None,
            }),
        }
    }
}

impl fmt::Display for Since {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(m) => write!(f, "{}-{m:02}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

/// A running total up to the end of its period, counted from `since` when
/// the source says where it starts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) struct Cumulative {
    /// Where the total starts, if stated.
    pub since: Option<Since>,
}

/// The qualifiers of one reported figure.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub(crate) struct Qualifiers {
    /// 约 / 超 / 近.
    pub approx: Option<Approx>,
    /// 预计: an estimate.
    pub estimate: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_since() {
        assert_eq!(
            Since::parse("2017").unwrap(),
            Since {
                year: 2017,
                month: None
            }
        );
        assert_eq!(Since::parse("2017-03").unwrap().to_string(), "2017-03");
        for bad in ["17", "2017-13", "2017-3", "x"] {
            assert!(Since::parse(bad).is_err(), "{bad}");
        }
    }
}
