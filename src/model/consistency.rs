//! The consistency check (SPEC §2.2, §3.1): an observation that states its
//! change on the year before is held against the published value of that
//! earlier period, when there is one. A gap of more than half a percentage
//! point is reported as a warning (an error under `--strict`) at the line
//! of the `change` field, naming both figures and where the earlier one
//! comes from.

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::bulletin::Bulletin;
use crate::model::derived::decimals_of;
use crate::model::series::Series;

/// Largest accepted gap between a stated and an implied change, in
/// percentage points.
pub(crate) const TOLERANCE_PP: f64 = 0.5;

/// Percent change from `previous` to `current`, or `None` when it means
/// nothing: a base of zero or below, or a result that is not finite.
pub(crate) fn implied_change(previous: f64, current: f64) -> Option<f64> {
    if previous <= 0.0 {
        return None;
    }
    Some((current / previous - 1.0) * 100.0).filter(|c| c.is_finite())
}

/// Check every stated change of a series against its year-earlier point.
/// Running totals are never compared (SPEC §2.5), and neither are
/// approximate figures: 超52 against 50 says nothing about a stated change.
pub(crate) fn check_consistency(
    series: &Series,
    bulletins: &[Arc<Bulletin>],
    diags: &mut Diagnostics,
) {
    for p in series.points.iter().filter(|p| p.cumulative.is_none()) {
        let Some(stated) = p.current.change else {
            continue;
        };
        let earlier_period = p.period.year_before();
        let Some(earlier) = series.get(&earlier_period) else {
            continue;
        };
        if p.current.is_approx() || earlier.current.is_approx() {
            continue;
        }
        let (before, now) = (earlier.current.value, p.current.value);
        let Some(implied) = implied_change(before, now) else {
            continue;
        };
        // A hair of slack so that a gap of exactly 0.5 in decimal terms is
        // not flagged because of binary rounding.
        if (implied - stated).abs() <= TOLERANCE_PP + 1e-9 {
            continue;
        }
        let decimals = decimals_of(before).max(decimals_of(now));
        let stating = &bulletins[p.current.bulletin];
        let source = &bulletins[earlier.current.bulletin].source;
        diags.push(Diagnostic::warning(
            &stating.source,
            Some(p.current.change_pos.unwrap_or(p.current.pos)),
            format!(
                "\"{}\" for {} states {}%, but {before:.decimals$} -> {now:.decimals$} is {}% ({earlier_period} from {source})",
                series.id,
                p.period,
                signed(stated),
                signed_one_decimal(implied),
            ),
        ).in_group("consistency"));
    }
}

/// A stated figure with its sign, as written: `+43.7`, `-2.1`, `0`.
fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{v}")
    } else {
        format!("{v}")
    }
}

/// A computed change to one decimal with its sign: `+44.0`, `-2.1`, `0.0`.
fn signed_one_decimal(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0.0".to_string()
    } else {
        format!("{r:+.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implied_change_guards_the_base() {
        assert!((implied_change(15.0, 21.6).unwrap() - 44.0).abs() < 1e-9);
        assert_eq!(implied_change(0.0, 5.0), None);
        assert_eq!(implied_change(-3.0, 5.0), None);
        assert_eq!(implied_change(1e-320, 1e300), None);
    }

    #[test]
    fn signs_figures() {
        assert_eq!(signed(43.7), "+43.7");
        assert_eq!(signed(-2.5), "-2.5");
        assert_eq!(signed_one_decimal(44.0), "+44.0");
        assert_eq!(signed_one_decimal(-0.01), "0.0");
    }
}
