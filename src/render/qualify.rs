//! Figures in words with everything their source says about them (SPEC
//! §2.5): 约 / 超 / 近 before the number, 预计 and 累计 (since ...) as marks
//! beside it, and the period of a stock or a running total as the date it
//! stands at (截至2021年末). Every page, chart and table takes its figure
//! text from here, so a figure reads the same wherever it appears.

use crate::model::catalogue::{IndicatorDef, Measure};
use crate::model::period::{Period, PeriodKind};
use crate::model::qualifiers::{Approx, Cumulative, Qualifiers, Since};
use crate::render::chart::describe::ChartText;
use crate::render::format::format_value;
use crate::render::i18n::I18n;
use crate::render::views::Mark;

/// Figure words of one language.
pub(crate) struct FigureWords<'a> {
    i18n: &'a I18n,
    lang: &'a str,
}

impl<'a> FigureWords<'a> {
    /// Words of `lang`.
    pub(crate) fn new(i18n: &'a I18n, lang: &'a str) -> Self {
        FigureWords { i18n, lang }
    }

    fn t(&self, key: &'a str) -> &'a str {
        self.i18n.get(self.lang, key)
    }

    /// The number with the catalogue's decimals and its approximation:
    /// `约31`, `about 31`, `超52`, `nearly 100`.
    pub(crate) fn number(
        &self,
        value: f64,
        def: Option<&IndicatorDef>,
        approx: Option<Approx>,
    ) -> String {
        let n = format_value(value, def.and_then(|d| d.decimals), self.lang);
        match approx {
            None => n,
            Some(a) => {
                let key = match a {
                    Approx::About => "approx.about",
                    Approx::Over => "approx.over",
                    Approx::Under => "approx.under",
                };
                self.t(key).replace("{value}", &n)
            }
        }
    }

    /// The marks of a figure: 预计 when it is an estimate, 累计 (since
    /// ...) when it is a running total.
    pub(crate) fn marks(&self, q: &Qualifiers, cumulative: Option<Cumulative>) -> Vec<Mark> {
        let mut out = Vec::new();
        if q.estimate {
            out.push(Mark {
                kind: "estimate",
                text: self.t("mark.estimate").to_string(),
            });
        }
        if let Some(c) = cumulative {
            out.push(Mark {
                kind: "cumulative",
                text: self.cumulative(c),
            });
        }
        out
    }

    /// 累计, 2017年以来累计, cumulative since 2017.
    pub(crate) fn cumulative(&self, c: Cumulative) -> String {
        match c.since {
            None => self.t("mark.cumulative").to_string(),
            Some(since) => self
                .t("mark.cumulative_since")
                .replace("{since}", &self.since(since)),
        }
    }

    /// The start of a running total in words: 2017年, 2017年3月, Mar 2017.
    pub(crate) fn since(&self, s: Since) -> String {
        let words = ChartText::new(self.i18n, self.lang);
        match s.month {
            None => words.period(&Period::full_year(s.year)),
            Some(m) => words.period(&Period {
                year: s.year,
                kind: PeriodKind::Months(m, m),
            }),
        }
    }

    /// The marks and number together, as one phrase: `预计83.5`,
    /// `累计超800`, `estimated 83.5`.
    pub(crate) fn phrase(&self, marks: &[Mark], number: &str) -> String {
        let mut out = String::new();
        for m in marks {
            out.push_str(&m.text);
            if self.lang != "zh" {
                out.push(' ');
            }
        }
        out.push_str(number);
        out
    }

    /// The period of a figure in words. A stock, and a running total,
    /// stand at the end of their period (截至2021年末, at end-2021); a flow
    /// covers it (2021年, 2021年1月—11月).
    pub(crate) fn period(
        &self,
        p: &Period,
        measure: Measure,
        cumulative: Option<Cumulative>,
    ) -> String {
        let words = ChartText::new(self.i18n, self.lang);
        if measure == Measure::Flow && cumulative.is_none() {
            return words.period_full(p);
        }
        let end = match p.kind {
            PeriodKind::Year => {
                return self
                    .t("period.end_year")
                    .replace("{year}", &p.year.to_string())
            }
            PeriodKind::Months(_, b) => Period {
                year: p.year,
                kind: PeriodKind::Months(b, b),
            },
            PeriodKind::Quarter(_) => *p,
        };
        self.t("period.end_of")
            .replace("{period}", &words.period(&end))
    }
}
