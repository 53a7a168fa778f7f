//! What depends on what: given the site before and after some bulletins
//! changed, the pages that can differ. This is the one place that knows
//! which page shows which data, so `serve` re-renders a handful of pages
//! after an edit instead of the whole site.
//!
//! A changed bulletin is compared with its previous version, and each
//! kind of difference reaches its own pages:
//! - anything: its own page (at its old and new address);
//! - what lists show (title, date, address, kind, summary, tags, issuer,
//!   draft flag): its neighbours in the year, its year, its tags, home,
//!   feed, sitemap, the tag index and 404 (years with counts); and all its
//!   figures and targets, since indicator and year pages name it;
//! - a reported figure (added, removed or with another value, change,
//!   note, approximation, estimate flag, running-total flag or `since`, or
//!   `revises`): that indicator's page and CSV, the year of the period, the
//!   pages of other bulletins reporting the same figure (they show
//!   revisions) or setting a target that figure decides, home (headline
//!   figures), the indicator index and the open data;
//! - a target: that indicator's page, the target's year, the open data;
//! - disclosure metadata (SPEC §2.6) or what lists show: the pages of the
//!   bulletins it replaces or explains and of those replacing or
//!   explaining it (they show its title, link and validity), the subject
//!   index and the pages of its old and new subject, and its year (the
//!   filtered lists are rendered with it);
//! - a bulletin scheduled before or after the change: the release
//!   calendar and calendar.ics. A scheduled bulletin whose date has not
//!   come has no page: it is in neither version's bulletins, so only the
//!   calendar changes.
//!
//! So an edit of a bulletin's text past its first paragraph re-renders
//! that one page. The years with bulletins appear in every page's footer:
//! when that set changes everything is re-rendered.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::model::bulletin::{Bulletin, Observation, Target};
use crate::model::period::Period;
use crate::model::qualifiers::{Cumulative, Qualifiers};
use crate::model::site::Site;
use crate::render::bulletin_page::neighbours;
use crate::render::lists::all_years;
use crate::render::page_id::PageId;
use crate::slug::tag_slug;

/// What a change requires.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    /// Render every page again.
    Full,
    /// Render these pages (some may no longer exist: they render to nothing).
    Pages(BTreeSet<PageId>),
}

/// Pages listing bulletins across the site.
const LISTS: [PageId; 5] = [
    PageId::Home,
    PageId::Feed,
    PageId::Sitemap,
    PageId::TagsIndex,
    PageId::NotFound,
];

/// Pages showing figures across the site.
const FIGURES: [PageId; 4] = [
    PageId::Home,
    PageId::IndicatorsIndex,
    PageId::IndicatorsCsv,
    PageId::IndicatorsJson,
];

/// Does what lists and links show of the bulletin differ?
fn listing_differs(a: &Bulletin, b: &Bulletin) -> bool {
    (&a.title, a.date, a.year, &a.slug, &a.kind, &a.summary)
        != (&b.title, b.date, b.year, &b.slug, &b.kind, &b.summary)
        || (&a.tags, &a.issuer, a.draft, a.updated) != (&b.tags, &b.issuer, b.draft, b.updated)
}

/// Do the disclosure fields or the scheduled flag differ?
fn disclosure_differs(a: &Bulletin, b: &Bulletin) -> bool {
    a.disclosure != b.disclosure || a.scheduled != b.scheduled
}

/// An observation as pages show it, with everything it says about
/// itself (approximate, estimate, running total, declared revision).
type Figure<'a> = (
    (&'a str, Period, Option<Cumulative>),
    (u64, Option<u64>, Option<&'a str>),
    (Qualifiers, bool),
);

/// An observation as pages show it.
fn figure(o: &Observation) -> Figure<'_> {
    let change = o.change.map(f64::to_bits);
    (
        (&o.id, o.period, o.cumulative),
        (o.value.to_bits(), change, o.note.as_deref()),
        (o.qualifiers, o.revises),
    )
}

/// A target as pages show it.
fn target(t: &Target) -> (&str, i32, &str, u64, Option<&str>) {
    (
        &t.id,
        t.year,
        t.op.symbol(),
        t.value.to_bits(),
        t.note.as_deref(),
    )
}

/// Items in one list but not the other.
fn differing<'a, K: Eq + std::hash::Hash, T>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Vec<&'a T> {
    let before: HashSet<K> = old.iter().map(&key).collect();
    let after: HashSet<K> = new.iter().map(&key).collect();
    let gone = old.iter().filter(|x| !after.contains(&key(x)));
    gone.chain(new.iter().filter(|x| !before.contains(&key(x))))
        .collect()
}

/// What the changes touch, gathered from both versions of the site.
#[derive(Default)]
struct Touched<'a> {
    pages: BTreeSet<PageId>,
    figures: HashSet<(&'a str, Period)>,
}

impl<'a> Touched<'a> {
    /// Everything bulletin `i` of `site` is listed on, with its title and
    /// link. When it `moved` (new date or address, or it came or went),
    /// every figure it reports counts as changed too: the date decides
    /// which report of a figure wins, and other pages link to it.
    fn listing(&mut self, site: &'a Site, i: usize, moved: bool) {
        let b: &'a Bulletin = &site.bulletins[i];
        let (older, newer) = neighbours(site, i, b.year);
        for n in older.into_iter().chain(newer) {
            self.pages.insert(PageId::bulletin(&site.bulletins[n]));
        }
        self.pages.insert(PageId::Year(b.year));
        self.pages
            .extend(b.tags.iter().map(|t| PageId::Tag(tag_slug(t))));
        self.pages.extend(LISTS.iter().cloned());
        if moved {
            self.observations(b.indicators.iter());
            self.targets(b.targets.iter());
            return;
        }
        // Indicator and year pages, and the latest figures in the index,
        // name the bulletin that reported or set each figure.
        for o in &b.indicators {
            self.pages.insert(PageId::Indicator(o.id.clone()));
            self.pages.insert(PageId::Year(o.period.year));
            self.pages.insert(PageId::IndicatorsIndex);
        }
        for t in &b.targets {
            self.pages.insert(PageId::Indicator(t.id.clone()));
            self.pages.insert(PageId::Year(t.year));
        }
    }

    /// The pages that show bulletin `i` of `site` through a link between
    /// bulletins or a subject list.
    fn related(&mut self, site: &Site, i: usize) {
        let b = &site.bulletins[i];
        if let Some(l) = site.links.get(i) {
            let linked = l
                .replaces
                .iter()
                .chain(&l.replaced_by)
                .chain(&l.interpreted_by);
            for &n in linked.chain(l.interprets.iter()) {
                self.pages.insert(PageId::bulletin(&site.bulletins[n]));
            }
        }
        self.pages.insert(PageId::SubjectsIndex);
        self.pages.insert(PageId::Sitemap);
        self.pages.insert(PageId::Year(b.year));
        if let Some(s) = &b.disclosure.subject {
            self.pages.insert(PageId::Subject(s.clone()));
        }
    }

    fn observations(&mut self, obs: impl Iterator<Item = &'a Observation>) {
        for o in obs {
            self.figures.insert((&o.id, o.period));
            self.pages.insert(PageId::Indicator(o.id.clone()));
            self.pages.insert(PageId::IndicatorCsv(o.id.clone()));
            self.pages.insert(PageId::Year(o.period.year));
            self.pages.extend(FIGURES.iter().cloned());
        }
    }

    fn targets(&mut self, targets: impl Iterator<Item = &'a Target>) {
        for t in targets {
            self.pages.insert(PageId::Indicator(t.id.clone()));
            self.pages.insert(PageId::Year(t.year));
            self.pages.insert(PageId::IndicatorsJson);
        }
    }

    /// Pages of other bulletins that show one of the touched figures:
    /// as a report of their own (revision notes) or as the full-year
    /// figure deciding one of their targets.
    fn reporters(&mut self, site: &Site) {
        if self.figures.is_empty() {
            return;
        }
        let years: HashSet<(&str, i32)> =
            self.figures.iter().map(|(id, p)| (*id, p.year)).collect();
        for b in &site.bulletins {
            let shows = b
                .indicators
                .iter()
                .any(|o| self.figures.contains(&(o.id.as_str(), o.period)))
                || b.targets
                    .iter()
                    .any(|t| years.contains(&(t.id.as_str(), t.year)));
            if shows {
                self.pages.insert(PageId::bulletin(b));
            }
        }
    }
}

/// Is the bulletin at `source` scheduled in `site` (announced on the
/// calendar, released or not)?
fn scheduled_in(site: &Site, source: &str) -> bool {
    site.upcoming
        .iter()
        .chain(&site.bulletins)
        .any(|b| b.source == source && b.scheduled)
}

/// Source path -> index, of the changed bulletins of `site`.
fn changed_in<'a>(site: &'a Site, changed: &BTreeSet<String>) -> HashMap<&'a str, usize> {
    site.bulletins
        .iter()
        .enumerate()
        .filter(|(_, b)| changed.contains(&b.source))
        .map(|(i, b)| (b.source.as_str(), i))
        .collect()
}

/// The pages to re-render after the bulletins whose source paths are in
/// `changed` were edited, added or removed, going from `old` to `new`.
pub fn plan(old: &Site, new: &Site, changed: &BTreeSet<String>) -> Plan {
    if !old.years.keys().eq(new.years.keys()) {
        return Plan::Full;
    }
    let (before, after) = (changed_in(old, changed), changed_in(new, changed));
    let mut touched = Touched::default();
    for source in changed {
        let was = before
            .get(source.as_str())
            .map(|&i| (i, &*old.bulletins[i]));
        let is = after.get(source.as_str()).map(|&i| (i, &*new.bulletins[i]));
        for (_, b) in was.iter().chain(is.iter()) {
            touched.pages.insert(PageId::bulletin(b));
        }
        let (moved, listed, disclosed) = match (was, is) {
            (Some((_, a)), Some((_, b))) => {
                let moved = (a.date, a.year, &a.slug) != (b.date, b.year, &b.slug);
                (
                    moved,
                    moved || listing_differs(a, b),
                    disclosure_differs(a, b),
                )
            }
            _ => (true, true, true),
        };
        if listed || disclosed {
            for (i, site) in [(was, old), (is, new)]
                .into_iter()
                .filter_map(|(at, site)| Some((at?.0, site)))
            {
                touched.related(site, i);
            }
        }
        if scheduled_in(old, source) || scheduled_in(new, source) {
            touched.pages.insert(PageId::Calendar);
            touched.pages.insert(PageId::CalendarIcs);
        }
        if listed {
            for (i, site) in [(was, old), (is, new)]
                .into_iter()
                .filter_map(|(at, site)| Some((at?.0, site)))
            {
                touched.listing(site, i, moved);
            }
        }
        if let (Some((_, a)), Some((_, b)), false) = (was, is, moved) {
            touched.observations(differing(&a.indicators, &b.indicators, figure).into_iter());
            touched.targets(differing(&a.targets, &b.targets, target).into_iter());
        }
    }
    touched.reporters(new);
    // A figure or target in a year that had none adds a year page; a
    // subject used for the first time, or no longer, adds or drops one.
    if all_years(old) != all_years(new) || !old.subjects.keys().eq(new.subjects.keys()) {
        touched.pages.insert(PageId::Sitemap);
    }
    Plan::Pages(touched.pages)
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
    fn text_edit_past_the_summary_reaches_only_its_page() {
        let mut files = four();
        files[2].1.push_str("\nA second paragraph.\n");
        let old = site_of(&files);
        files[2].1 = files[2].1.replace("A second", "An edited second");
        let new = site_of(&files);
        let p = pages(plan(&old, &new, &changed(&["c"])));
        assert_eq!(p, BTreeSet::from([page("c")]));
    }

    #[test]
    fn summary_edit_reaches_neighbours_year_tags_and_lists() {
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
    fn title_edit_reaches_indicator_pages_but_not_other_reporters() {
        let mut files = four();
        files[3].1 = files[3]
            .1
            .replace("tags: [roads]\n", &format!("indicators:\n{FISCAL}"));
        let old = site_of(&files);
        files[2].1 = files[2].1.replace("title: c", "title: c, renamed");
        let new = site_of(&files);
        let p = pages(plan(&old, &new, &changed(&["c"])));
        assert!(p.contains(&PageId::Indicator("fiscal-revenue-total".into())));
        assert!(
            p.contains(&page("b")) && p.contains(&page("d")),
            "neighbours"
        );
        assert!(!p.contains(&PageId::IndicatorsJson), "links are unchanged");
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
        assert!(p.contains(&PageId::IndicatorsJson) && p.contains(&PageId::Home));
        assert!(
            !p.contains(&PageId::Tag("finance".into())),
            "listing unchanged"
        );
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
