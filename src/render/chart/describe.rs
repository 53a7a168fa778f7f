//! Charts in words: the title, the description of each line's trend and
//! of each target, and the labels of periods and lines, all from the
//! theme's i18n strings (`chart.*`), so a screen reader hears what the
//! picture shows ("Gadget exports (Jan–Nov): rose from 80 in 2019 to 130
//! million TVD in 2021.").

use crate::model::catalogue::Measure;
use crate::model::period::{Period, PeriodKind};
use crate::model::qualifiers::Cumulative;
use crate::render::chart::data::{ChartData, Family, Line, TargetMark};
use crate::render::format::with_unit;
use crate::render::i18n::I18n;
use crate::render::qualify::FigureWords;

/// The chart strings of one language.
pub(crate) struct ChartText<'a> {
    i18n: &'a I18n,
    lang: &'a str,
}

/// Replace `{name}` placeholders in `template`.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

impl<'a> ChartText<'a> {
    /// Strings of `lang`.
    pub(crate) fn new(i18n: &'a I18n, lang: &'a str) -> Self {
        ChartText { i18n, lang }
    }

    /// The language.
    pub(crate) fn lang(&self) -> &'a str {
        self.lang
    }

    /// A string of the theme.
    pub(crate) fn t(&self, key: &'a str) -> &'a str {
        self.i18n.get(self.lang, key)
    }

    fn month(&self, m: u8) -> String {
        let key = format!("month.{m}");
        match self.i18n.get(self.lang, &key) {
            k if k == key => m.to_string(),
            name => name.to_string(),
        }
    }

    /// Name of a line: "full year" ("year-end" for a stock), "Jan–Nov",
    /// "monthly", "quarterly", "cumulative since 2017".
    pub(crate) fn family(&self, f: Family, measure: Measure) -> String {
        match f {
            Family::Year if measure == Measure::Stock => self.t("chart.kind.year_end").to_string(),
            Family::Year => self.t("chart.kind.year").to_string(),
            Family::Cumulative(since) => {
                FigureWords::new(self.i18n, self.lang).cumulative(Cumulative { since })
            }
            Family::Range(a, b) => fill(
                self.t("chart.kind.months"),
                &[("from", &self.month(a)), ("to", &self.month(b))],
            ),
            Family::Month => self.t("chart.kind.monthly").to_string(),
            Family::Quarter => self.t("chart.kind.quarterly").to_string(),
        }
    }

    /// A period in words within its line: "2021", "Nov 2021", "Q3 2021".
    pub(crate) fn period(&self, p: &Period) -> String {
        let year = p.year.to_string();
        match p.kind {
            PeriodKind::Months(a, b) if a == b => fill(
                self.t("chart.month"),
                &[("year", &year), ("month", &self.month(a))],
            ),
            PeriodKind::Quarter(q) => fill(
                self.t("chart.quarter"),
                &[("year", &year), ("q", &q.to_string())],
            ),
            _ => fill(self.t("chart.year"), &[("year", &year)]),
        }
    }

    /// A period in full words, for tables: "2021年1月—11月", "Jan–Nov 2021".
    pub(crate) fn period_full(&self, p: &Period) -> String {
        match p.kind {
            PeriodKind::Months(a, b) if a != b => fill(
                self.t("period.months"),
                &[
                    ("year", &p.year.to_string()),
                    ("from", &self.month(a)),
                    ("to", &self.month(b)),
                ],
            ),
            _ => self.period(p),
        }
    }

    /// The chart's title.
    pub(crate) fn title(&self, data: &ChartData) -> String {
        fill(
            self.t("chart.title"),
            &[("name", data.name), ("unit", data.unit)],
        )
    }

    /// One sentence on a line: where it starts and ends.
    pub(crate) fn trend(&self, data: &ChartData, line: &Line) -> String {
        let (Some(first), Some(last)) = (line.points.first(), line.points.last()) else {
            return String::new();
        };
        let value = |p: &crate::render::chart::data::Plotted| {
            if p.derived {
                format!("{}{}", p.text, self.t("chart.derived"))
            } else {
                p.spoken.clone()
            }
        };
        let series = fill(
            self.t("chart.series"),
            &[
                ("name", data.name),
                ("kind", &self.family(line.family, data.measure)),
            ],
        );
        let key = if line.points.len() == 1 {
            "chart.trend.single"
        } else if last.value > first.value {
            "chart.trend.rose"
        } else if last.value < first.value {
            "chart.trend.fell"
        } else {
            "chart.trend.flat"
        };
        fill(
            self.t(key),
            &[
                ("series", &series),
                ("from", &self.period(&first.period)),
                ("to", &self.period(&last.period)),
                ("first", &value(first)),
                ("last", &value(last)),
                ("unit", &self.unit_suffix(data.unit)),
            ],
        )
    }

    /// The unit as it follows a number: `亿元`, ` km`, `%`.
    pub(crate) fn unit_suffix(&self, unit: &str) -> String {
        with_unit("", unit, self.lang)
    }

    /// One sentence on a target and its status.
    pub(crate) fn target(&self, data: &ChartData, t: &TargetMark) -> String {
        fill(
            self.t(crate::render::chart::target_key(data, "chart.target")),
            &[
                ("year", &t.year.to_string()),
                ("target", &t.text),
                ("unit", &self.unit_suffix(data.unit)),
                ("status", &t.status_text),
            ],
        )
    }

    /// The whole description: a sentence per line, then per target, and
    /// a word on approximate figures when there are any.
    pub(crate) fn describe(&self, data: &ChartData) -> String {
        let approx = data.lines.iter().any(|l| l.points.iter().any(|p| p.approx));
        let sentences = data
            .lines
            .iter()
            .map(|l| self.trend(data, l))
            .chain(data.targets.iter().map(|t| self.target(data, t)))
            .chain(approx.then(|| self.t("chart.approx").to_string()));
        join_sentences(sentences)
    }
}

/// Join sentences; a space follows Latin full stops, none follows `。`.
pub(crate) fn join_sentences(sentences: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for s in sentences.filter(|s| !s.is_empty()) {
        if out.ends_with('.') {
            out.push(' ');
        }
        out.push_str(&s);
    }
    out
}

/// The short label of a target on a chart: "target ≥ 1,500 (met)".
pub(crate) fn fill_target_label(words: &ChartText, t: &TargetMark) -> String {
    fill(
        words.t("chart.target_label"),
        &[("target", &t.text), ("status", &t.status_text)],
    )
}
