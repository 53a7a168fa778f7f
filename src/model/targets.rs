//! Target evaluation (SPEC §2.3): a target is held against the full-year
//! observation of its indicator for its year.

use crate::model::bulletin::Target;
use crate::model::period::Period;
use crate::model::series::Series;

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetStatus {
    /// The full-year figure satisfies the target.
    Met,
    /// The full-year figure does not.
    Missed,
    /// No full-year figure yet.
    Pending,
}

impl TargetStatus {
    /// The i18n key of the status word (`status.met`...).
    pub fn key(&self) -> &'static str {
        match self {
            TargetStatus::Met => "status.met",
            TargetStatus::Missed => "status.missed",
            TargetStatus::Pending => "status.pending",
        }
    }

    /// The English word, for open data.
    pub fn as_str(&self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::Missed => "missed",
            TargetStatus::Pending => "pending",
        }
    }
}

/// Evaluate a target; returns the status and the full-year value used.
pub fn evaluate(target: &Target, series: Option<&Series>) -> (TargetStatus, Option<f64>) {
    let actual = series
        .and_then(|s| s.get(&Period::full_year(target.year)))
        .map(|p| p.current.value);
    match actual {
        None => (TargetStatus::Pending, None),
        Some(v) if target.op.holds(v, target.value) => (TargetStatus::Met, Some(v)),
        Some(v) => (TargetStatus::Missed, Some(v)),
    }
}
