//! SVG pieces shared by charts and sparklines: escaped text, coordinates
//! with one fixed decimal (so output is byte-for-byte stable), marker
//! shapes, line styles, and a little bookkeeping that keeps labels from
//! overlapping.

use std::fmt::Write;

/// Line colours, one per line of a chart. Good and bad are never told by
/// colour: these only tell lines apart, and each line also has its own
/// marker shape and dash pattern.
pub(crate) const PALETTE: [&str; 4] = ["#0b4f8a", "#b35900", "#00727a", "#6a3d9a"];
/// Dash patterns, one per line (the first is solid).
pub(crate) const DASHES: [&str; 4] = ["", "6 3", "2 3", "8 3 2 3"];
/// Colour of targets and axes text.
pub(crate) const MUTED: &str = "#4f5a66";

/// Escape text for XML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// A coordinate with one decimal, never `-0.0`.
pub(crate) fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0 + 0.0;
    format!("{r:.1}")
}

/// Approximate width of `text` at `size` px: CJK characters are square,
/// Latin ones a little over half as wide.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * size
}

/// Style of the line at `index`: colour and dash pattern.
pub(crate) fn style(index: usize) -> (&'static str, &'static str) {
    (PALETTE[index % PALETTE.len()], DASHES[index % DASHES.len()])
}

/// A marker of the shape of line `index` (circle, square, triangle,
/// diamond) at (x, y); hollow for derived values; `title` is its tooltip.
pub(crate) fn marker(out: &mut String, index: usize, x: f64, y: f64, hollow: bool, title: &str) {
    let (colour, _) = style(index);
    let fill = if hollow { "#ffffff" } else { colour };
    let paint = format!(r#"fill="{fill}" stroke="{colour}" stroke-width="1.5""#);
    let title = if title.is_empty() {
        String::new()
    } else {
        format!("<title>{}</title>", esc(title))
    };
    let (xs, ys) = (n(x), n(y));
    let _ = match index % 4 {
        0 => write!(
            out,
            r#"<circle cx="{xs}" cy="{ys}" r="4" {paint}>{title}</circle>"#
        ),
        1 => write!(
            out,
            r#"<rect x="{}" y="{}" width="7" height="7" {paint}>{title}</rect>"#,
            n(x - 3.5),
            n(y - 3.5)
        ),
        2 => write!(
            out,
            r#"<path d="M{xs} {} L{} {} L{} {} Z" {paint}>{title}</path>"#,
            n(y - 5.0),
            n(x + 4.5),
            n(y + 3.5),
            n(x - 4.5),
            n(y + 3.5)
        ),
        _ => write!(
            out,
            r#"<path d="M{xs} {} L{} {ys} L{xs} {} L{} {ys} Z" {paint}>{title}</path>"#,
            n(y - 5.0),
            n(x + 5.0),
            n(y + 5.0),
            n(x - 5.0)
        ),
    };
}

/// A straight segment between two points; dashed when `dash` is given.
pub(crate) fn segment(
    out: &mut String,
    from: (f64, f64),
    to: (f64, f64),
    colour: &str,
    dash: &str,
) {
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{dash}""#)
    };
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="2"{dash}/>"#,
        n(from.0),
        n(from.1),
        n(to.0),
        n(to.1)
    );
}

/// A text element; `anchor` is start, middle or end.
pub(crate) fn text(out: &mut String, x: f64, y: f64, anchor: &str, class: &str, s: &str) {
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" text-anchor="{anchor}" class="{class}">{}</text>"#,
        n(x),
        n(y),
        esc(s)
    );
}

/// A label over the plot, centred on `x`, with a white halo so lines and
/// grid behind it do not cross its letters.
pub(crate) fn label(out: &mut String, x: f64, y: f64, class: &str, s: &str) {
    let _ = write!(
        out,
        r##"<text x="{}" y="{}" text-anchor="middle" class="{class}" font-size="11" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
        n(x),
        n(y),
        esc(s)
    );
}

/// Boxes already taken by labels.
#[derive(Default)]
pub(crate) struct Taken {
    boxes: Vec<(f64, f64, f64, f64)>,
}

impl Taken {
    /// Mark the square of side `size` around a marker at (x, y) as taken.
    pub(crate) fn block(&mut self, x: f64, y: f64, size: f64) {
        let h = size / 2.0;
        self.boxes.push((x - h, y - h, x + h, y + h));
    }

    /// Take the box of a label centred on `x` with its baseline at `y`, if
    /// it overlaps no earlier label; returns whether it was free.
    pub(crate) fn try_take(&mut self, x: f64, y: f64, width: f64, size: f64) -> bool {
        let b = (
            x - width / 2.0 - 2.0,
            y - size,
            x + width / 2.0 + 2.0,
            y + 3.0,
        );
        let free = self
            .boxes
            .iter()
            .all(|o| b.2 <= o.0 || o.2 <= b.0 || b.3 <= o.1 || o.3 <= b.1);
        if free {
            self.boxes.push(b);
        }
        free
    }
}
