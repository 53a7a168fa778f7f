//! What depends on what: given the site before and after some bulletins
//! changed, the pages that can differ. This is the one place that knows
//! which page shows which data, so `serve` re-renders a handful of pages
//! after an edit instead of the whole site.
//!
//! A changed bulletin reaches: its own page (at its old and new address),
//! its neighbours in the year (old and new: they link to it), its year
//! pages, its tags, every indicator it reports or sets a target for, the
//! pages of other bulletins that report the same figure (they show
//! revisions) or set a target that figure decides, and the site-wide
//! lists (home, feed, sitemap, tag and indicator indexes, open data).
//! The years with bulletins appear in every page's footer, so when that
//! set changes everything is re-rendered.

use std::collections::{BTreeSet, HashSet};

use crate::model::bulletin::Bulletin;
use crate::model::period::Period;
use crate::model::site::Site;
use crate::model::slug::tag_slug;
use crate::render::bulletin_page::neighbours;
use crate::render::page_id::PageId;

/// What a change requires.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    /// Render every page again.
    Full,
    /// Render these pages (some may no longer exist: they render to nothing).
    Pages(BTreeSet<PageId>),
}

/// Pages that show data from every bulletin, re-rendered on any change.
const SITE_WIDE: [PageId; 7] = [
    PageId::Home,
    PageId::TagsIndex,
    PageId::NotFound,
    PageId::IndicatorsIndex,
    PageId::Feed,
    PageId::Sitemap,
    PageId::OpenData,
];

/// The figures and targets a change touches.
#[derive(Default)]
struct Touched<'a> {
    pages: BTreeSet<PageId>,
    years: BTreeSet<i32>,
    indicators: BTreeSet<&'a str>,
    figures: HashSet<(&'a str, Period)>,
}

impl<'a> Touched<'a> {
    /// Everything bulletin `i` of `site` shows up on.
    fn add(&mut self, site: &Site, i: usize, b: &'a Bulletin) {
        self.pages.insert(PageId::bulletin(b));
        let (older, newer) = neighbours(site, i, b.year);
        for n in older.into_iter().chain(newer) {
            self.pages.insert(PageId::bulletin(&site.bulletins[n]));
        }
        self.years.insert(b.year);
        for t in &b.tags {
            self.pages.insert(PageId::Tag(tag_slug(t)));
        }
        for o in &b.indicators {
            self.indicators.insert(&o.id);
            self.figures.insert((&o.id, o.period));
            self.years.insert(o.period.year);
        }
        for t in &b.targets {
            self.indicators.insert(&t.id);
            self.years.insert(t.year);
        }
    }

    /// Does bulletin `b`'s page show one of the touched figures, either as
    /// a reported value (revision notes) or as the figure deciding one of
    /// its targets?
    fn shows_figure(&self, b: &Bulletin) -> bool {
        b.indicators
            .iter()
            .any(|o| self.figures.contains(&(o.id.as_str(), o.period)))
            || b.targets.iter().any(|t| {
                self.figures
                    .iter()
                    .any(|(id, p)| *id == t.id && p.year == t.year)
            })
    }
}

/// The pages to re-render after the bulletins whose source paths are in
/// `changed` were edited, added or removed, going from `old` to `new`.
pub fn plan(old: &Site, new: &Site, changed: &BTreeSet<String>) -> Plan {
    if !old.years.keys().eq(new.years.keys()) {
        return Plan::Full;
    }
    let mut touched = Touched::default();
    for site in [old, new] {
        for (i, b) in site.bulletins.iter().enumerate() {
            if changed.contains(&b.source) {
                touched.add(site, i, b);
            }
        }
    }
    if !touched.figures.is_empty() {
        for b in &new.bulletins {
            if touched.shows_figure(b) {
                touched.pages.insert(PageId::bulletin(b));
            }
        }
    }
    let Touched {
        mut pages,
        years,
        indicators,
        ..
    } = touched;
    pages.extend(SITE_WIDE.iter().cloned());
    pages.extend(years.into_iter().map(PageId::Year));
    for id in indicators {
        pages.insert(PageId::Indicator(id.to_string()));
        pages.insert(PageId::IndicatorCsv(id.to_string()));
    }
    Plan::Pages(pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::testing::{site_of, FISCAL};

    fn bulletin(slug: &str, date: &str, extra: &str) -> (String, String) {
        (
            format!("bulletins/{slug}.md"),
            format!("---\ntitle: {slug}\ndate: {date}\n{extra}---\nBody of {slug}.\n"),
        )
    }

    fn four() -> Vec<(String, String)> {
        vec![
            bulletin("a", "2021-01-10", "tags: [finance]\n"),
            bulletin("b", "2021-02-10", ""),
            bulletin("c", "2021-03-10", &format!("indicators:\n{FISCAL}")),
            bulletin("d", "2021-04-10", "tags: [roads]\n"),
        ]
    }

    fn pages(plan: Plan) -> BTreeSet<PageId> {
        match plan {
            Plan::Pages(p) => p,
            Plan::Full => panic!("expected a page list, got a full rebuild"),
        }
    }

    fn page(slug: &str) -> PageId {
        PageId::Bulletin {
            year: 2021,
            slug: slug.into(),
        }
    }

    fn changed(paths: &[&str]) -> BTreeSet<String> {
        paths.iter().map(|p| format!("bulletins/{p}.md")).collect()
    }

    #[test]
    fn body_edit_reaches_page_neighbours_year_and_lists_only() {
        let old = site_of(&four());
        let mut files = four();
        files[0].1 = files[0].1.replace("Body of a", "New body of a");
        let new = site_of(&files);
        let p = pages(plan(&old, &new, &changed(&["a"])));
        assert!(p.contains(&page("a")));
        assert!(p.contains(&page("b")), "a's only neighbour (newer)");
        assert!(!p.contains(&page("c")), "c is not next to a");
        assert!(!p.contains(&page("d")));
        assert!(p.contains(&PageId::Year(2021)));
        assert!(p.contains(&PageId::Tag("finance".into())));
        assert!(!p.contains(&PageId::Tag("roads".into())));
        assert!(p.contains(&PageId::Home) && p.contains(&PageId::Feed));
        assert!(!p.iter().any(|id| matches!(id, PageId::Indicator(_))));
    }

    #[test]
    fn moving_a_bulletin_reaches_old_and_new_neighbours() {
        let old = site_of(&four());
        let mut files = four();
        files[0].1 = files[0].1.replace("2021-01-10", "2021-05-10");
        let new = site_of(&files);
        let p = pages(plan(&old, &new, &changed(&["a"])));
        for s in ["a", "b", "d"] {
            assert!(p.contains(&page(s)), "{s}");
        }
        assert!(!p.contains(&page("c")));
    }

    #[test]
    fn figures_reach_indicator_pages_and_other_reporters() {
        let mut files = four();
        files[3].1 = files[3]
            .1
            .replace("tags: [roads]\n", &format!("indicators:\n{FISCAL}"));
        let old = site_of(&files);
        files[2].1 = files[2].1.replace("value: 21.6", "value: 22.0");
        let new = site_of(&files);
        let p = pages(plan(&old, &new, &changed(&["c"])));
        assert!(p.contains(&PageId::Indicator("fiscal-revenue-total".into())));
        assert!(p.contains(&PageId::IndicatorCsv("fiscal-revenue-total".into())));
        assert!(p.contains(&page("d")), "d reports the same figure");
        assert!(!p.contains(&page("a")));
    }

    #[test]
    fn deleted_bulletin_reaches_its_page_and_neighbours() {
        let old = site_of(&four());
        let mut files = four();
        files.remove(1);
        let new = site_of(&files);
        let p = pages(plan(&old, &new, &changed(&["b"])));
        for s in ["a", "b", "c"] {
            assert!(p.contains(&page(s)), "{s}");
        }
        assert!(!p.contains(&page("d")));
    }

    #[test]
    fn new_year_of_bulletins_is_a_full_rebuild() {
        let old = site_of(&four());
        let mut files = four();
        files.push(bulletin("e", "2022-01-10", ""));
        let new = site_of(&files);
        assert_eq!(plan(&old, &new, &changed(&["e"])), Plan::Full);
    }
}
