//! Number formatting for readers: thousands separators, signs on changes,
//! and never `inf` or `NaN` on a page.

/// Values at or beyond this magnitude are refused at load time: they cannot
/// be shown with their digits intact.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Format a value with thousands separators (`12,345.6`). Chinese
/// publications use the same comma grouping, so both languages share it;
/// the language is taken so a theme language with other rules can be added.
pub fn format_number(value: f64, _lang: &str) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let text = format!("{}", (value * 1e6).round() / 1e6);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
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
pub fn format_change(change: f64, lang: &str) -> String {
    if !change.is_finite() {
        return "—".to_string();
    }
    let rounded = (change * 10.0).round() / 10.0;
    let sign = if rounded > 0.0 { "+" } else { "" };
    let body = format_number(rounded, lang);
    let body = if body == "-0" { "0".to_string() } else { body };
    format!("{sign}{body}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(format_number(1234567.5, "zh"), "1,234,567.5");
        assert_eq!(format_number(-1234.0, "en"), "-1,234");
        assert_eq!(format_number(21.6, "zh"), "21.6");
        assert_eq!(format_number(f64::NAN, "zh"), "—");
    }

    #[test]
    fn signs_changes() {
        assert_eq!(format_change(43.7, "zh"), "+43.7%");
        assert_eq!(format_change(-2.14, "en"), "-2.1%");
        assert_eq!(format_change(0.0, "en"), "0%");
    }
}
