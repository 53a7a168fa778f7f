//! Sparklines for the rows of `/indicators/`: the main line of an
//! indicator (full years if there are two, else the longest line) in a
//! small inline SVG, with gaps as gaps, derived values hollow, and its
//! trend in words as `<title>` and `<desc>`.

use std::fmt::Write;

use crate::render::chart::axis::time_of;
use crate::render::chart::data::{ChartData, Family};
use crate::render::chart::describe::ChartText;
use crate::render::chart::svg::{esc, n, segment, PALETTE};

const WIDTH: f64 = 100.0;
const HEIGHT: f64 = 28.0;
const PAD: f64 = 4.0;

/// The sparkline of an indicator, or `None` without values.
pub(crate) fn render_sparkline(data: &ChartData, words: &ChartText) -> Option<String> {
    let line = data.main_line()?;
    let first = line.points.first()?;
    let last = line.points.last()?;
    let (t0, t1) = (time_of(&first.period), time_of(&last.period));
    let lo = line.points.iter().map(|p| p.value).fold(f64::MAX, f64::min);
    let hi = line.points.iter().map(|p| p.value).fold(f64::MIN, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        return None;
    }
    let x = |t: f64| {
        if t1 > t0 {
            PAD + (t - t0) / (t1 - t0) * (WIDTH - 2.0 * PAD)
        } else {
            WIDTH / 2.0
        }
    };
    let y = |v: f64| {
        if hi > lo {
            HEIGHT - PAD - (v - lo) / (hi - lo) * (HEIGHT - 2.0 * PAD)
        } else {
            HEIGHT / 2.0
        }
    };
    let id = esc(data.id);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="spark-{id}-title spark-{id}-desc"><title id="spark-{id}-title">{}</title><desc id="spark-{id}-desc">{}</desc>"#,
        esc(data.name),
        esc(&words.trend(data, line)),
        w = n(WIDTH),
        h = n(HEIGHT),
    );
    let colour = PALETTE[0];
    for pair in line.points.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if Family::ordinal(&b.period) - Family::ordinal(&a.period) == 1 {
            let dash = if a.derived || b.derived { "2 3" } else { "" };
            segment(
                &mut out,
                (x(time_of(&a.period)), y(a.value)),
                (x(time_of(&b.period)), y(b.value)),
                colour,
                dash,
            );
        }
    }
    for (i, p) in line.points.iter().enumerate() {
        let r = if i + 1 == line.points.len() { 2.8 } else { 1.8 };
        let fill = if p.derived || p.estimate {
            "#ffffff"
        } else {
            colour
        };
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="{r}" fill="{fill}" stroke="{colour}" stroke-width="1.2"/>"#,
            n(x(time_of(&p.period))),
            n(y(p.value))
        );
    }
    out.push_str("</svg>");
    Some(out)
}
