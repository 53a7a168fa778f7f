//! Derived previous values (SPEC §2.2): when an observation states its
//! change on the same period a year earlier and no observation of that
//! earlier period exists, the earlier value is implied by
//! `value / (1 + change/100)`. Derived values are shown on the indicator
//! page, marked as such, and never published as observations.
//!
//! A change of -100% implies nothing (division by zero); an implied value
//! too large to publish is an error, so `inf` or `NaN` never reach a page.
//! The values are kept on their series (`model::series::Derived`), so the
//! series does not depend on the computation.

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::bulletin::Bulletin;
use crate::model::catalogue::IndicatorDef;
use crate::model::series::{Derived, Series};
use crate::yaml::MAX_MAGNITUDE;

/// Decimal places in the shortest form of `v` (`21.6` -> 1), at most 6.
pub(crate) fn decimals_of(v: f64) -> usize {
    let text = format!("{v}");
    text.split_once('.').map_or(0, |(_, f)| f.len()).min(6)
}

/// `value / (1 + change/100)`, or `None` when the change is -100% or the
/// result is not a finite number.
pub(crate) fn implied_previous(value: f64, change: f64) -> Option<f64> {
    let factor = 1.0 + change / 100.0;
    if factor == 0.0 {
        return None;
    }
    Some(value / factor).filter(|v| v.is_finite())
}

/// The derived earlier values of a series, oldest first. Problems (an
/// implied value too large to publish, a -100% change on a value that is
/// not zero) are reported at the line of the `change` field.
///
/// Nothing is derived for an indicator whose catalogue entry says
/// `derive: false` (growth at comparable prices: value / (1 + change) is
/// not last year's figure), from a running total, or from an approximate
/// figure (SPEC §2.5). A catalogue that fixes `decimals` fixes them for
/// derived values too (a headcount is derived as a whole number).
pub(crate) fn derive_previous(
    series: &Series,
    def: Option<&IndicatorDef>,
    bulletins: &[Arc<Bulletin>],
    diags: &mut Diagnostics,
) -> Vec<Derived> {
    let mut out = Vec::new();
    if def.is_some_and(|d| !d.derive) {
        return out;
    }
    let fixed = def.and_then(|d| d.decimals);
    let sources = series
        .points
        .iter()
        .filter(|p| p.cumulative.is_none() && !p.current.is_approx());
    for p in sources {
        let Some(change) = p.current.change else {
            continue;
        };
        let earlier = p.period.year_before();
        if series.get(&earlier).is_some() {
            continue;
        }
        let value = p.current.value;
        let file = &bulletins[p.current.bulletin].source;
        let pos = Some(p.current.change_pos.unwrap_or(p.current.pos));
        let id = &series.id;
        match implied_previous(value, change) {
            Some(v) if v.abs() < MAX_MAGNITUDE => out.push(Derived {
                period: earlier,
                value: v,
                decimals: fixed.unwrap_or_else(|| decimals_of(value).max(1)),
                from_period: p.period,
                from: p.current.clone(),
            }),
            Some(_) | None if change != -100.0 => diags.push(Diagnostic::error(
                file,
                pos,
                format!(
                    "\"{id}\" for {}: a change of {change}% on {value} implies an earlier value too large to publish; check the change",
                    p.period
                ),
            )),
            _ if value != 0.0 => diags.push(Diagnostic::warning(
                file,
                pos,
                format!(
                    "\"{id}\" for {} states -100%, which leaves nothing, but the value is {value}; no earlier value can be derived",
                    p.period
                ),
            )),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implies_the_earlier_value() {
        let v = implied_previous(21.6, 43.7).unwrap();
        assert!((v - 15.0313).abs() < 1e-3, "{v}");
        assert_eq!(implied_previous(10.0, -100.0), None);
        assert_eq!(implied_previous(1e308, -99.999999), None);
    }

    #[test]
    fn counts_decimals() {
        assert_eq!(decimals_of(21.6), 1);
        assert_eq!(decimals_of(85.0), 0);
        assert_eq!(decimals_of(99.51), 2);
        assert_eq!(decimals_of(1.0 / 3.0), 6);
    }
}
