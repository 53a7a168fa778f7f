//! Reporting periods of observations: a year, a month, a quarter, or a run
//! of months within one year (`2021-01/2021-11`, "January to November").
//!
//! SPEC §3.1 fixes that `2022` and `2022-01/2022-12` are the same full year,
//! and that "one year earlier" is the same kind of period shifted by a year.

use std::fmt;

/// The shape of a period within its year.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum PeriodKind {
    /// The whole year.
    Year,
    /// Months `from..=to` (1-based), not the whole year.
    Months(u8, u8),
    /// Quarter 1-4.
    Quarter(u8),
}

/// A reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct Period {
    /// Calendar year.
    pub year: i32,
    /// Which part of it.
    pub kind: PeriodKind,
}

impl Period {
    /// The full year.
    pub(crate) fn full_year(year: i32) -> Self {
        Period {
            year,
            kind: PeriodKind::Year,
        }
    }

    /// Parse `2021`, `2021-11`, `2021-Q3` or `2021-01/2021-11`.
    pub(crate) fn parse(s: &str) -> Result<Period, String> {
        let s = s.trim();
        let bad = || {
            format!("invalid period \"{s}\": expected 2021, 2021-11, 2021-Q3 or 2021-01/2021-11")
        };
        if let Some((a, b)) = s.split_once('/') {
            let (y1, m1) = parse_month(a).ok_or_else(bad)?;
            let (y2, m2) = parse_month(b).ok_or_else(bad)?;
            if y1 != y2 {
                return Err(format!(
                    "invalid period \"{s}\": a range of months must lie within one year"
                ));
            }
            if m1 > m2 {
                return Err(format!(
                    "invalid period \"{s}\": the range ends before it starts"
                ));
            }
            let kind = if (m1, m2) == (1, 12) {
                PeriodKind::Year
            } else {
                PeriodKind::Months(m1, m2)
            };
            return Ok(Period { year: y1, kind });
        }
        if let Some((y, q)) = s.split_once("-Q") {
            let year = parse_year(y).ok_or_else(bad)?;
            let q: u8 = q
                .parse()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(bad)?;
            return Ok(Period {
                year,
                kind: PeriodKind::Quarter(q),
            });
        }
        if s.contains('-') {
            let (year, m) = parse_month(s).ok_or_else(bad)?;
            return Ok(Period {
                year,
                kind: PeriodKind::Months(m, m),
            });
        }
        parse_year(s).map(Period::full_year).ok_or_else(bad)
    }

    /// The same kind of period one year earlier.
    pub(crate) fn year_before(&self) -> Period {
        Period {
            year: self.year - 1,
            kind: self.kind,
        }
    }

    /// Sort key: chronological by end of period, then by length.
    pub(crate) fn sort_key(&self) -> (i32, u8, u8) {
        let (from, to) = match self.kind {
            PeriodKind::Year => (1, 12),
            PeriodKind::Months(a, b) => (a, b),
            PeriodKind::Quarter(q) => (q * 3 - 2, q * 3),
        };
        (self.year, to, 12 - (to - from))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then(self.kind.cmp(&other.kind))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let y = self.year;
        match self.kind {
            PeriodKind::Year => write!(f, "{y}"),
            PeriodKind::Quarter(q) => write!(f, "{y}-Q{q}"),
            PeriodKind::Months(a, b) if a == b => write!(f, "{y}-{a:02}"),
            PeriodKind::Months(a, b) => write!(f, "{y}-{a:02}/{y}-{b:02}"),
        }
    }
}

fn parse_year(s: &str) -> Option<i32> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|y| (1000..=9999).contains(y))
}

fn parse_month(s: &str) -> Option<(i32, u8)> {
    let (y, m) = s.split_once('-')?;
    if m.len() != 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let m: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((parse_year(y)?, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(Period::parse("2021").unwrap(), Period::full_year(2021));
        assert_eq!(
            Period::parse("2021-01/2021-12").unwrap(),
            Period::full_year(2021)
        );
        assert_eq!(
            Period::parse("2021-01/2021-11").unwrap().to_string(),
            "2021-01/2021-11"
        );
        assert_eq!(Period::parse("2021-Q3").unwrap().to_string(), "2021-Q3");
        assert_eq!(Period::parse("2021-11").unwrap().to_string(), "2021-11");
    }

    #[test]
    fn rejects_nonsense() {
        for s in [
            "21",
            "2021-13",
            "2021-Q5",
            "2020-01/2021-02",
            "2021-05/2021-01",
            "abc",
        ] {
            assert!(Period::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn year_before_keeps_the_kind() {
        let p = Period::parse("2022-01/2022-11").unwrap();
        assert_eq!(p.year_before().to_string(), "2021-01/2021-11");
    }
}
