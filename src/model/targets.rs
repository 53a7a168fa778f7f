//! Target evaluation (SPEC §2.3): a target is held against the full-year
//! observation of its indicator for its year.

use crate::model::bulletin::Target;
use crate::model::period::Period;
use crate::model::series::{Report, Series};

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TargetStatus {
    /// The full-year figure satisfies the target.
    Met,
    /// The full-year figure does not.
    Missed,
    /// No full-year figure yet.
    Pending,
}

impl TargetStatus {
    /// The i18n key of the status word (`status.met`...).
    pub(crate) fn key(&self) -> &'static str {
        match self {
            TargetStatus::Met => "status.met",
            TargetStatus::Missed => "status.missed",
            TargetStatus::Pending => "status.pending",
        }
    }

    /// The English word, for open data.
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::Missed => "missed",
            TargetStatus::Pending => "pending",
        }
    }
}

/// Evaluate a target; returns the status and the full-year report used.
/// A running total never decides a yearly target (SPEC §2.5); an estimate
/// does, and the report's qualifiers say so wherever the status is shown.
pub(crate) fn evaluate<'s>(
    target: &Target,
    series: Option<&'s Series>,
) -> (TargetStatus, Option<&'s Report>) {
    let actual = series
        .and_then(|s| s.get(&Period::full_year(target.year)))
        .map(|p| &p.current);
    match actual {
        None => (TargetStatus::Pending, None),
        Some(r) if target.op.holds(r.value, target.value) => (TargetStatus::Met, Some(r)),
        Some(r) => (TargetStatus::Missed, Some(r)),
    }
}
