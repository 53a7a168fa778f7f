//! Charts of indicators, drawn at build time as inline SVG so they need no
//! JavaScript: one chart per indicator page and a sparkline per row of
//! `/indicators/`.
//!
//! A chart has a value axis with the unit and round ticks (zero always
//! included, negative values below it), years along the bottom, one line
//! per kind of period (full years apart from January-November figures,
//! months, quarters) with its own colour, dash pattern and marker shape,
//! gaps where a period is missing, derived values as hollow markers on
//! dotted segments, and targets as bracketed dashed bars with their status
//! in words. `role="img"`, a `<title>` and a `<desc>` say in words what
//! it shows; the page puts the same numbers in a table beside it.

pub(crate) mod axis;
pub(crate) mod data;
pub(crate) mod describe;
pub(crate) mod sparkline;
pub(crate) mod svg;

use std::fmt::Write;

use axis::{time_of, TimeScale, ValueScale};
use data::{ChartData, Family, Line};
use describe::ChartText;
use svg::{esc, marker, n, segment, style, text, text_width, Taken, MUTED};

const WIDTH: f64 = 640.0;
const TOP: f64 = 40.0;
const PLOT_HEIGHT: f64 = 200.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = WIDTH - 24.0;
const FONT: f64 = 12.0;
/// Values are labelled on the chart when there are at most this many.
const LABEL_LIMIT: usize = 12;
/// Dash pattern of segments that end at a derived value.
const DERIVED_DASH: &str = "2 4";

/// The SVG of an indicator's chart, or `None` when there is nothing to
/// draw (or a value is not finite, which the model never lets through).
pub(crate) fn render_chart(data: &ChartData, words: &ChartText) -> Option<String> {
    let (first, last) = data.years()?;
    let values: Vec<f64> = data
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.value))
        .chain(data.targets.iter().map(|t| t.value))
        .collect();
    let bottom = TOP + PLOT_HEIGHT;
    let ys = ValueScale::new(&values, data.whole, TOP, bottom)?;
    let xs = TimeScale::new(first, last, LEFT, RIGHT);
    let (legend, legend_height) = legend(data, words, bottom + 42.0);
    let height = bottom + 42.0 + legend_height;
    let id = esc(data.id);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="chart-{id}-title chart-{id}-desc" font-size="{FONT}"><title id="chart-{id}-title">{}</title><desc id="chart-{id}-desc">{}</desc>"#,
        n(WIDTH),
        n(height),
        esc(&words.title(data)),
        esc(&words.describe(data)),
    );
    axes(&mut out, &ys, &xs, data.unit, words.lang());
    // Labels go on top of every line, target labels first so that value
    // labels make way for them.
    let mut taken = Taken::default();
    for p in data.lines.iter().flat_map(|l| &l.points) {
        taken.block(xs.x(time_of(&p.period)), ys.y(p.value), 10.0);
    }
    let target_labels = targets(&mut out, data, words, &ys, &xs, &mut taken);
    for (i, line) in data.lines.iter().enumerate() {
        draw_line(
            &mut out,
            i,
            line,
            &words.unit_suffix(data.unit),
            words,
            &ys,
            &xs,
        );
    }
    out.push_str(&target_labels);
    let count: usize = data.lines.iter().map(|l| l.points.len()).sum();
    if count <= LABEL_LIMIT {
        value_labels(&mut out, data, &ys, &xs, &mut taken);
    }
    out.push_str(&legend);
    out.push_str("</svg>");
    Some(out)
}

/// Grid lines with tick labels, the unit, and the years.
fn axes(out: &mut String, ys: &ValueScale, xs: &TimeScale, unit: &str, lang: &str) {
    out.push_str(r#"<g class="axes">"#);
    text(out, 8.0, TOP - 20.0, "start", "axis-unit", unit);
    for t in ys.ticks() {
        let y = ys.y(t);
        let (colour, width) = if t == 0.0 {
            (MUTED, "1.2")
        } else {
            ("#d5dbe2", "1")
        };
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="{width}"/>"#,
            n(LEFT),
            n(y),
            n(RIGHT),
            n(y)
        );
        let label = crate::render::format::format_fixed(t, ys.decimals, lang);
        text(out, LEFT - 8.0, y + 4.0, "end", "tick", &label);
    }
    let bottom = ys.y(ys.lo);
    // Over many years, label every few so labels stay about 40px apart.
    let every = (40.0 / xs.band()).ceil().max(1.0) as i32;
    for year in xs.years().filter(|y| (y - xs.first) % every == 0) {
        let x0 = xs.x(f64::from(year));
        if year > xs.first {
            let _ = write!(
                out,
                r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#e6eaee" stroke-width="1"/>"##,
                n(x0),
                n(TOP),
                n(x0),
                n(bottom)
            );
        }
        let mid = xs.x(f64::from(year) + 0.5);
        text(out, mid, bottom + 20.0, "middle", "year", &year.to_string());
    }
    out.push_str("</g>");
}

/// One line: segments between neighbouring periods (none across a gap),
/// then a marker per value with its period and value as tooltip.
fn draw_line(
    out: &mut String,
    index: usize,
    line: &Line,
    unit: &str,
    words: &ChartText,
    ys: &ValueScale,
    xs: &TimeScale,
) {
    let (colour, dash) = style(index);
    let at = |p: &data::Plotted| (xs.x(time_of(&p.period)), ys.y(p.value));
    let _ = write!(out, r#"<g class="line line-{index}">"#);
    for pair in line.points.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if Family::ordinal(&b.period) - Family::ordinal(&a.period) != 1 {
            continue;
        }
        let d = if a.derived || b.derived {
            DERIVED_DASH
        } else {
            dash
        };
        segment(out, at(a), at(b), colour, d);
    }
    for p in &line.points {
        let (x, y) = at(p);
        let mut tip = format!("{}: {}{unit}", words.period(&p.period), p.label);
        if p.derived {
            tip.push_str(words.t("chart.derived"));
        }
        marker(out, index, x, y, p.derived || p.estimate, &tip);
    }
    out.push_str("</g>");
}

/// Targets: a dashed bar across the middle of the year, bracketed at both
/// ends, with its figure and status in words as tooltip and as a label
/// (returned, to be drawn over the lines).
fn targets(
    out: &mut String,
    data: &ChartData,
    words: &ChartText,
    ys: &ValueScale,
    xs: &TimeScale,
    taken: &mut Taken,
) -> String {
    let half = (xs.band() * 0.3).min(60.0);
    let mut labels = String::from(r#"<g class="target-labels" aria-hidden="true">"#);
    for t in &data.targets {
        let (x, y) = (xs.x(f64::from(t.year) + 0.5), ys.y(t.value));
        let _ = write!(
            out,
            r#"<g class="target target-{}"><title>{}</title>"#,
            t.status.as_str(),
            esc(&words.target(data, t))
        );
        target_bar(out, x - half, x + half, y);
        out.push_str("</g>");
        let label = describe::fill_target_label(words, t);
        let width = text_width(&label, 11.0);
        for ly in [y - 8.0, y + 17.0] {
            if taken.try_take(x, ly, width, 11.0) {
                svg::label(&mut labels, x, ly, "target-label", &label);
                break;
            }
        }
    }
    if data.targets.is_empty() {
        return String::new();
    }
    labels.push_str("</g>");
    labels
}

/// The target symbol: a dashed bar with a bracket at each end.
fn target_bar(out: &mut String, x0: f64, x1: f64, y: f64) {
    segment(out, (x0, y), (x1, y), MUTED, "5 3");
    for x in [x0, x1] {
        segment(out, (x, y - 5.0), (x, y + 5.0), MUTED, "");
    }
}

/// Value labels above (or else below) each marker, skipped where they
/// would overlap another label.
fn value_labels(
    out: &mut String,
    data: &ChartData,
    ys: &ValueScale,
    xs: &TimeScale,
    taken: &mut Taken,
) {
    out.push_str(r#"<g class="values" aria-hidden="true">"#);
    for line in &data.lines {
        for p in &line.points {
            let (x, y) = (xs.x(time_of(&p.period)), ys.y(p.value));
            let width = text_width(&p.label, 11.0);
            for ly in [y - 9.0, y + 18.0] {
                if taken.try_take(x, ly, width, 11.0) {
                    svg::label(out, x, ly, "value", &p.label);
                    break;
                }
            }
        }
    }
    out.push_str("</g>");
}

/// What a legend entry shows.
enum Sample {
    /// The line with this index.
    Line(usize),
    /// A derived value.
    Derived,
    /// An estimate.
    Estimate,
    /// A target.
    Target,
}

fn draw_sample(out: &mut String, sample: &Sample, x: f64, y: f64) {
    match *sample {
        Sample::Line(i) => {
            let (colour, dash) = style(i);
            segment(out, (x, y), (x + 24.0, y), colour, dash);
            marker(out, i, x + 12.0, y, false, "");
        }
        Sample::Derived => {
            segment(out, (x, y), (x + 24.0, y), MUTED, DERIVED_DASH);
            marker(out, 0, x + 12.0, y, true, "");
        }
        Sample::Estimate => marker(out, 0, x + 12.0, y, true, ""),
        Sample::Target => target_bar(out, x + 2.0, x + 22.0, y),
    }
}

/// The i18n key of a target's words: the plain one, or its `_yearly`
/// variant when the chart also shows a running total, so a yearly target
/// beside a cumulative line is not read as a planned fall.
pub(crate) fn target_key(data: &ChartData, key: &'static str) -> &'static str {
    let cumulative = data
        .lines
        .iter()
        .any(|l| matches!(l.family, Family::Cumulative(_)));
    match (cumulative, key) {
        (true, "chart.legend.target") => "chart.legend.target_yearly",
        (true, "chart.target") => "chart.target_yearly",
        _ => key,
    }
}

/// The legend, wrapped into rows below the years; returns the SVG and its
/// height.
fn legend(data: &ChartData, words: &ChartText, top: f64) -> (String, f64) {
    let mut items: Vec<(String, Sample)> = data
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| (words.family(line.family, data.measure), Sample::Line(i)))
        .collect();
    if data
        .lines
        .iter()
        .any(|l| l.points.iter().any(|p| p.estimate))
    {
        let label = words.t("chart.legend.estimate").to_string();
        items.push((label, Sample::Estimate));
    }
    if data
        .lines
        .iter()
        .any(|l| l.points.iter().any(|p| p.derived))
    {
        let label = words.t("chart.legend.derived").to_string();
        items.push((label, Sample::Derived));
    }
    if !data.targets.is_empty() {
        let label = words.t(target_key(data, "chart.legend.target")).to_string();
        items.push((label, Sample::Target));
    }
    let mut out = String::from(r#"<g class="legend">"#);
    let (mut x, mut y) = (LEFT, top);
    for (label, sample) in &items {
        let width = 32.0 + text_width(label, FONT) + 20.0;
        if x > LEFT && x + width > RIGHT {
            x = LEFT;
            y += 22.0;
        }
        draw_sample(&mut out, sample, x, y - 4.0);
        text(&mut out, x + 32.0, y, "start", "legend-label", label);
        x += width;
    }
    out.push_str("</g>");
    (out, y - top + 16.0)
}
