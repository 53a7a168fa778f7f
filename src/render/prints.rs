//! The current fingerprint of each input key of a site (`render::inputs`):
//! what the key holds, hashed. Bulletins are named by source path and
//! lists by the source paths they hold, never by positions in
//! `Site::bulletins`, which shift when a bulletin is added. The parts of a
//! bulletin are hashed once per version of its file (`PartCache`).

use std::sync::Arc;

use rayon::prelude::*;
// Looked up once per key per edit or build: Fx hashing (the keys are the
// site's own source paths).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::bulletin::{Bulletin, Target};
use crate::model::series::{Point, Report, Series};
use crate::model::site::Site;
use crate::render::bulletin_page::neighbours;
use crate::render::inputs::{Family, Feed, Fingerprint, InputKey, Part};
use crate::render::lists::all_years;

/// The fingerprints of each part of bulletins, kept between rebuilds: a
/// bulletin that was not read again is the same shared value, so its
/// parts are hashed once.
#[derive(Default)]
pub(crate) struct PartCache {
    by_source: HashMap<String, Hashed>,
    /// Sources hashed anew or gone since the last `settle`.
    touched: HashSet<String>,
}

/// A version of a bulletin and the fingerprints of its parts.
type Hashed = (Arc<Bulletin>, [Fingerprint; 5]);

impl PartCache {
    /// Hash the parts of the bulletins of `site` that are new or were
    /// read again (in parallel), and forget those no longer there.
    pub(crate) fn refresh(&mut self, site: &Site) {
        let was = self.by_source.len();
        let fresh: Vec<(String, Hashed)> = site
            .bulletins
            .par_iter()
            .filter(|b| {
                !self
                    .by_source
                    .get(&b.source)
                    .is_some_and(|(kept, _)| Arc::ptr_eq(kept, b))
            })
            .map(|b| {
                let prints = Part::ALL.map(|p| part_print(b, p));
                (b.source.clone(), (b.clone(), prints))
            })
            .collect();
        let fresh_count = fresh.len();
        for (source, hashed) in fresh {
            self.touched.insert(source.clone());
            self.by_source.insert(source, hashed);
        }
        if was + fresh_count > site.bulletins.len() {
            let live: HashSet<&str> = site.bulletins.iter().map(|b| b.source.as_str()).collect();
            let touched = &mut self.touched;
            self.by_source.retain(|s, _| {
                let keep = live.contains(s.as_str());
                if !keep {
                    touched.insert(s.clone());
                }
                keep
            });
        }
    }

    /// Can the parts of the bulletin at `source` differ from what they
    /// were at the last `settle`? (Not when the same version of the file
    /// has been there since.)
    pub(crate) fn may_differ(&self, source: &str) -> bool {
        self.touched.contains(source)
    }

    /// The fingerprints now current have been taken note of.
    pub(crate) fn settle(&mut self) {
        self.touched.clear();
    }

    fn get(&self, b: &Arc<Bulletin>, part: Part) -> Fingerprint {
        match self.by_source.get(&b.source) {
            Some((kept, prints)) if Arc::ptr_eq(kept, b) => prints[part as usize],
            _ => part_print(b, part),
        }
    }
}

fn part_print(b: &Bulletin, part: Part) -> Fingerprint {
    let mut feed = Feed::default();
    match part {
        Part::Address => feed.add(&(b.year, &b.slug)),
        Part::Listing => feed
            .add(&(&b.title, b.date, b.year, &b.slug, &b.kind, &b.summary))
            .add(&(&b.tags, &b.issuer, &b.lang, b.draft, b.updated, b.scheduled)),
        Part::Body => feed
            .add(&(b.body.len, b.body.hash))
            .debug(&b.attachments)
            .debug(&b.extra),
        Part::Figures => feed.debug(&(&b.indicators, &b.targets)),
        Part::Disclosure => feed.debug(&b.disclosure),
    };
    feed.print()
}

/// The current fingerprint of any key of one site.
pub(crate) struct Prints<'s> {
    site: &'s Site,
    theme: Fingerprint,
    by_source: HashMap<&'s str, usize>,
    parts: &'s PartCache,
}

impl<'s> Prints<'s> {
    /// Fingerprints of `site` rendered with a theme of fingerprint
    /// `theme`; `parts` must have been refreshed for this site.
    pub(crate) fn new(site: &'s Site, theme: Fingerprint, parts: &'s PartCache) -> Self {
        let by_source = site
            .bulletins
            .iter()
            .enumerate()
            .map(|(i, b)| (b.source.as_str(), i))
            .collect();
        Prints {
            site,
            theme,
            by_source,
            parts,
        }
    }

    /// The fingerprint of what `key` holds now.
    pub(crate) fn of(&self, key: &InputKey) -> Fingerprint {
        self.compute(key)
    }

    /// A digest of everything the keys of `family` are answered from
    /// (`InputKey::family`): one pass over that part of the model.
    pub(crate) fn family(&self, family: Family) -> Fingerprint {
        let site = self.site;
        let mut feed = Feed::default();
        match family {
            Family::Order => {
                for b in &site.bulletins {
                    feed.add(&(&b.source, b.year));
                }
            }
            Family::Links => {
                for (b, l) in site.bulletins.iter().zip(&site.links) {
                    feed.add(&b.source);
                    self.sources(&mut feed, &l.replaces);
                    self.sources(&mut feed, &l.replaced_by);
                    self.sources(&mut feed, &l.interprets.into_iter().collect::<Vec<_>>());
                    self.sources(&mut feed, &l.interpreted_by);
                }
            }
            Family::Series => {
                for (id, s) in &site.series {
                    feed.add(id);
                    series_into(&mut feed, site, s);
                }
            }
            Family::Targets => {
                targets_into(&mut feed, site, |_| true);
            }
        }
        feed.print()
    }

    /// The source paths of bulletins by index.
    fn sources<'f>(&self, feed: &'f mut Feed, list: &[usize]) -> &'f mut Feed {
        feed.add(&list.len());
        for &i in list {
            feed.add(&self.site.bulletins[i].source);
        }
        feed
    }

    fn compute(&self, key: &InputKey) -> Fingerprint {
        let site = self.site;
        let mut feed = Feed::default();
        let found = match key {
            InputKey::Settings => {
                let c = &site.config;
                feed.debug(&(&c.site, c.drafts, &site.catalogue));
                true
            }
            InputKey::Today => {
                feed.debug(&site.config.today);
                true
            }
            InputKey::Theme => return self.theme,
            InputKey::Years => {
                feed.add(&site.years.keys().collect::<Vec<_>>());
                true
            }
            InputKey::PageYears => {
                feed.add(&all_years(site));
                true
            }
            InputKey::Bulletin(part, source) => match self.by_source.get(source.as_str()) {
                Some(&i) => return self.parts.get(&site.bulletins[i], *part),
                None => false,
            },
            InputKey::Archive => {
                for b in &site.bulletins {
                    feed.add(&b.source);
                }
                true
            }
            InputKey::Year(y) => site
                .years
                .get(y)
                .map(|l| self.sources(&mut feed, l))
                .is_some(),
            InputKey::Tags => {
                for t in site.tags.values() {
                    feed.add(&(&t.slug, &t.name, t.bulletins.len()));
                }
                true
            }
            InputKey::Tag(slug) => match site.tags.get(slug) {
                Some(t) => {
                    self.sources(feed.add(&t.name), &t.bulletins);
                    true
                }
                None => false,
            },
            InputKey::Subjects => {
                for (k, l) in &site.subjects {
                    feed.add(&(k, l.len()));
                }
                true
            }
            InputKey::Subject(key) => {
                let list = site.subjects.get(key);
                list.map(|l| self.sources(&mut feed, l)).is_some()
            }
            InputKey::Upcoming => {
                feed.debug(&site.upcoming);
                true
            }
            InputKey::Links(source) => match self.by_source.get(source.as_str()) {
                Some(&i) => {
                    let l = &site.links[i];
                    self.sources(&mut feed, &l.replaces);
                    self.sources(&mut feed, &l.replaced_by);
                    self.sources(&mut feed, &l.interprets.into_iter().collect::<Vec<_>>());
                    self.sources(&mut feed, &l.interpreted_by);
                    true
                }
                None => false,
            },
            InputKey::Neighbours(source) => match self.by_source.get(source.as_str()) {
                Some(&i) => {
                    let (older, newer) = neighbours(site, i, site.bulletins[i].year);
                    let name = |n: Option<usize>| n.map(|n| site.bulletins[n].source.as_str());
                    feed.add(&(name(older), name(newer)));
                    true
                }
                None => false,
            },
            InputKey::Series(id) => match site.series.get(id) {
                Some(s) => {
                    series_into(&mut feed, site, s);
                    true
                }
                None => false,
            },
            InputKey::Point { id, period } => {
                let (period, cumulative) = period.to_model();
                let point = site
                    .series
                    .get(id)
                    .and_then(|s| s.get_as(&period, cumulative));
                point.map(|p| point_into(&mut feed, site, p)).is_some()
            }
            InputKey::SeriesYear { id, year } => {
                let points = site.series.get(id).map(|s| points_in_year(s, *year));
                for p in points.unwrap_or(&[]) {
                    point_into(&mut feed, site, p);
                }
                true
            }
            InputKey::TargetsOf(id) => targets_into(&mut feed, site, |t| t.id == *id),
            InputKey::TargetsIn(year) => targets_into(&mut feed, site, |t| t.year == *year),
        };
        if !found {
            feed.bytes(b"\0absent");
        }
        feed.print()
    }
}

/// The targets `keep` picks, with the bulletins setting them, in order.
fn targets_into(feed: &mut Feed, site: &Site, keep: impl Fn(&Target) -> bool) -> bool {
    for b in site.bulletins.iter().rev() {
        for t in b.targets.iter().filter(|t| keep(t)) {
            feed.add(&b.source).debug(t);
        }
    }
    true
}

/// The points of a series whose period falls in `year` (points are
/// sorted by period, and periods by year first).
pub(crate) fn points_in_year(s: &Series, year: i32) -> &[Point] {
    let start = s.points.partition_point(|p| p.period.year < year);
    let end = s.points.partition_point(|p| p.period.year <= year);
    &s.points[start..end]
}

/// A report, naming its bulletin by source path.
fn report_into(feed: &mut Feed, site: &Site, r: &Report) {
    feed.add(&site.bulletins[r.bulletin].source)
        .float(r.value)
        .add(&r.change.map(f64::to_bits))
        .add(&(&r.note, r.qualifiers, r.revises));
}

fn point_into(feed: &mut Feed, site: &Site, p: &Point) {
    feed.add(&(p.period, p.cumulative, p.revisions.len()));
    report_into(feed, site, &p.current);
    for r in &p.revisions {
        report_into(feed, site, r);
    }
}

fn series_into(feed: &mut Feed, site: &Site, s: &Series) {
    feed.add(&s.points.len());
    for p in &s.points {
        point_into(feed, site, p);
    }
    for d in &s.derived {
        feed.add(&(d.period, d.decimals, d.from_period))
            .float(d.value);
        report_into(feed, site, &d.from);
    }
}
