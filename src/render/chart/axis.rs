//! Axes of a chart: a value scale with "nice" ticks (1, 2 or 5 times a
//! power of ten, so labels read as round numbers) and a time scale in
//! years, where each period sits at the middle of the months it covers.

use crate::model::period::{Period, PeriodKind};

/// A linear value scale mapped onto a vertical pixel range.
#[derive(Debug, Clone)]
pub(crate) struct ValueScale {
    /// Lowest tick.
    pub lo: f64,
    /// Highest tick.
    pub hi: f64,
    /// Distance between ticks.
    pub step: f64,
    /// Decimals the tick labels need.
    pub decimals: usize,
    top: f64,
    bottom: f64,
}

impl ValueScale {
    /// A scale covering `values` and zero, drawn between pixel rows `top`
    /// and `bottom`; with `whole`, ticks are whole numbers (a headcount has
    /// no tick at 0.5). `None` when a value is not finite.
    pub(crate) fn new(values: &[f64], whole: bool, top: f64, bottom: f64) -> Option<ValueScale> {
        if values.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let min = values.iter().copied().fold(0.0_f64, f64::min);
        let max = values.iter().copied().fold(0.0_f64, f64::max);
        let span = if max > min { max - min } else { 1.0 };
        let (step, decimals) = match nice_step(span / 4.0) {
            (step, _) if whole && step < 1.0 => (1.0, 0),
            nice => nice,
        };
        let lo = (min / step).floor() * step;
        let mut hi = (max / step).ceil() * step;
        if hi <= lo {
            hi = lo + step;
        }
        Some(ValueScale {
            lo,
            hi,
            step,
            decimals,
            top,
            bottom,
        })
    }

    /// Pixel row of a value.
    pub(crate) fn y(&self, v: f64) -> f64 {
        self.bottom - (v - self.lo) / (self.hi - self.lo) * (self.bottom - self.top)
    }

    /// The tick values, lowest first (at most a dozen).
    pub(crate) fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as usize;
        (0..=n.min(12))
            .map(|i| self.lo + i as f64 * self.step)
            // Snap to the step's precision so labels never read 0.30000000004.
            .map(|t| (t / self.step).round() * self.step)
            .collect()
    }
}

/// The smallest 1, 2 or 5 times a power of ten at least `raw`, and the
/// decimals a label of a multiple of it needs.
pub(crate) fn nice_step(raw: f64) -> (f64, usize) {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw
    } else {
        1.0
    };
    let exp = raw.log10().floor();
    let base = 10f64.powf(exp);
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * base)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * base);
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    (step, decimals.min(6))
}

/// Where a period sits on the time axis, in years: the middle of the
/// months it covers (the full year 2021 at 2021.5, November 2021 at
/// 2021.875).
pub(crate) fn time_of(p: &Period) -> f64 {
    let (from, to) = match p.kind {
        PeriodKind::Year => (1, 12),
        PeriodKind::Months(a, b) => (a, b),
        PeriodKind::Quarter(q) => (q * 3 - 2, q * 3),
    };
    f64::from(p.year) + (f64::from(from) - 1.0 + f64::from(to)) / 24.0
}

/// A time scale over whole years `first..=last`, mapped onto a pixel range.
#[derive(Debug, Clone)]
pub(crate) struct TimeScale {
    /// First year shown.
    pub first: i32,
    /// Last year shown.
    pub last: i32,
    left: f64,
    right: f64,
}

impl TimeScale {
    /// Years `first..=last` between pixel columns `left` and `right`.
    pub(crate) fn new(first: i32, last: i32, left: f64, right: f64) -> TimeScale {
        TimeScale {
            first,
            last: last.max(first),
            left,
            right,
        }
    }

    /// Width of one year in pixels.
    pub(crate) fn band(&self) -> f64 {
        (self.right - self.left) / f64::from(self.last - self.first + 1)
    }

    /// Pixel column of a time in years.
    pub(crate) fn x(&self, t: f64) -> f64 {
        self.left + (t - f64::from(self.first)) * self.band()
    }

    /// The years shown.
    pub(crate) fn years(&self) -> impl Iterator<Item = i32> {
        self.first..=self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(5.4), (10.0, 0));
        assert_eq!(nice_step(1.6), (2.0, 0));
        assert_eq!(nice_step(0.3), (0.5, 1));
        assert_eq!(nice_step(0.0), (1.0, 0));
    }

    #[test]
    fn scale_includes_zero_and_negatives() {
        let s = ValueScale::new(&[-12.5, 4.0], false, 0.0, 100.0).unwrap();
        assert_eq!((s.lo, s.hi, s.step), (-15.0, 5.0, 5.0));
        assert_eq!(s.ticks(), vec![-15.0, -10.0, -5.0, 0.0, 5.0]);
        assert_eq!(s.y(5.0), 0.0);
        assert_eq!(s.y(-15.0), 100.0);
        let single = ValueScale::new(&[64.0], false, 0.0, 100.0).unwrap();
        assert!(single.hi >= 64.0 && single.lo == 0.0);
        assert!(ValueScale::new(&[f64::NAN], false, 0.0, 1.0).is_none());
    }

    #[test]
    fn whole_things_get_whole_ticks() {
        let half = ValueScale::new(&[1.0, 2.0], false, 0.0, 100.0).unwrap();
        assert_eq!(half.step, 0.5);
        let whole = ValueScale::new(&[1.0, 2.0], true, 0.0, 100.0).unwrap();
        assert_eq!((whole.step, whole.decimals), (1.0, 0));
        assert_eq!(whole.ticks(), vec![0.0, 1.0, 2.0]);
    }

    #[test]
    fn periods_sit_mid_period() {
        assert_eq!(time_of(&Period::parse("2021").unwrap()), 2021.5);
        assert_eq!(time_of(&Period::parse("2021-11").unwrap()), 2021.875);
        assert_eq!(time_of(&Period::parse("2021-Q1").unwrap()), 2021.125);
    }
}
