//! Number formatting for readers: thousands separators in English and none
//! in Chinese (as official Chinese statistics write them: 3990亩), signs on
//! changes, fixed decimals where a figure is computed (derived values,
//! chart ticks) or the catalogue fixes them, units joined as each language
//! writes them, and never `inf`, `NaN` or `-0` on a page.

/// Format a value in its shortest exact form up to six decimals, with
/// thousands separators in English (`12,345.6`) and none in Chinese
/// (`12345.6`, as the National Bureau of Statistics writes figures).
pub(crate) fn format_number(value: f64, lang: &str) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    // `+ 0.0` turns a negative zero into zero.
    group(&format!("{}", (value * 1e6).round() / 1e6 + 0.0), lang)
}

/// Format a value with exactly `decimals` decimals (`15.0`, `1,200.50`;
/// `1200.50` in Chinese).
pub(crate) fn format_fixed(value: f64, decimals: usize, lang: &str) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    group(&format!("{value:.decimals$}"), lang)
}

/// A value with the catalogue's fixed decimals, or in its shortest form.
pub(crate) fn format_value(value: f64, decimals: Option<usize>, lang: &str) -> String {
    match decimals {
        Some(d) => format_fixed(value, d, lang),
        None => format_number(value, lang),
    }
}

/// A figure with its unit as the language writes it: no space in Chinese
/// (`21.6亿元`), a space in English (`21.6 km`) except before a percent
/// sign (`99.51%`).
pub(crate) fn with_unit(text: &str, unit: &str, lang: &str) -> String {
    if unit.is_empty() {
        text.to_string()
    } else if lang == "zh" || unit.starts_with('%') || unit.starts_with('‰') {
        format!("{text}{unit}")
    } else {
        format!("{text} {unit}")
    }
}

/// Group the integer digits of a plain decimal number by thousands
/// (not in Chinese).
fn group(text: &str, lang: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        // "-0.00" is zero: no sign.
        Some(d) if d.bytes().any(|b| matches!(b, b'1'..=b'9')) => ("-", d),
        Some(d) => ("", d),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if lang == "zh" {
        return format!("{sign}{digits}");
    }
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Format a percent change with its sign: `+43.7%`, `-2.1%`, `0%`.
pub(crate) fn format_change(change: f64, lang: &str) -> String {
    if !change.is_finite() {
        return "—".to_string();
    }
    let rounded = (change * 10.0).round() / 10.0;
    let sign = if rounded > 0.0 { "+" } else { "" };
    format!("{sign}{}%", format_number(rounded, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_in_english_only() {
        assert_eq!(format_number(1234567.5, "en"), "1,234,567.5");
        assert_eq!(format_number(3990.0, "zh"), "3990");
        assert_eq!(format_number(-1234.0, "en"), "-1,234");
        assert_eq!(format_number(-1234.0, "zh"), "-1234");
        assert_eq!(format_number(21.6, "zh"), "21.6");
        assert_eq!(format_number(f64::NAN, "zh"), "—");
        assert_eq!(format_number(-0.0000001, "zh"), "0");
    }

    #[test]
    fn fixed_decimals() {
        assert_eq!(format_fixed(15.0313, 1, "zh"), "15.0");
        assert_eq!(format_fixed(1200.5, 2, "en"), "1,200.50");
        assert_eq!(format_fixed(-0.04, 1, "en"), "0.0");
        assert_eq!(format_fixed(-2500.0, 0, "en"), "-2,500");
        assert_eq!(format_fixed(1200.5, 2, "zh"), "1200.50");
        assert_eq!(format_value(6.0, Some(0), "en"), "6");
        assert_eq!(format_value(6.0, None, "en"), "6");
        assert_eq!(format_fixed(f64::INFINITY, 1, "en"), "—");
    }

    #[test]
    fn joins_units() {
        assert_eq!(with_unit("99.51", "%", "en"), "99.51%");
        assert_eq!(with_unit("99.51", "%", "zh"), "99.51%");
        assert_eq!(with_unit("21.6", "亿元", "zh"), "21.6亿元");
        assert_eq!(with_unit("31", "km", "en"), "31 km");
    }

    #[test]
    fn signs_changes() {
        assert_eq!(format_change(43.7, "zh"), "+43.7%");
        assert_eq!(format_change(-2.14, "en"), "-2.1%");
        assert_eq!(format_change(0.0, "en"), "0%");
        assert_eq!(format_change(-0.04, "en"), "0%");
    }
}
