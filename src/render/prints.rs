//! The current fingerprint of each input key of a site (`render::inputs`):
//! what the key holds, hashed. Bulletins are named by source path and
//! lists by the source paths they hold, never by positions in
//! `Site::bulletins`, which shift when a bulletin is added. The parts of a
//! bulletin are hashed once per version of its file (`PartCache`).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::Arc;

use rayon::prelude::*;

use crate::model::bulletin::{Bulletin, Target};
use crate::model::series::{Point, Report, Series};
use crate::model::site::Site;
use crate::render::bulletin_page::neighbours;
use crate::render::inputs::{point_text, Fingerprint, InputKey, Part};
use crate::render::lists::all_years;

/// The fingerprints of each part of bulletins, kept between rebuilds: a
/// bulletin that was not read again is the same shared value, so its
/// parts are hashed once.
#[derive(Default)]
pub struct PartCache {
    by_source: HashMap<String, Hashed>,
}

/// A version of a bulletin and the fingerprints of its parts.
type Hashed = (Arc<Bulletin>, [Fingerprint; 4]);

impl PartCache {
    /// Hash the parts of the bulletins of `site` that are new or were
    /// read again (in parallel), and forget those no longer there.
    pub fn refresh(&mut self, site: &Site) {
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
        self.by_source.extend(fresh);
        if self.by_source.len() > site.bulletins.len() {
            let live: HashSet<&str> = site.bulletins.iter().map(|b| b.source.as_str()).collect();
            self.by_source.retain(|s, _| live.contains(s.as_str()));
        }
    }

    fn get(&self, b: &Arc<Bulletin>, part: Part) -> Fingerprint {
        match self.by_source.get(&b.source) {
            Some((kept, prints)) if Arc::ptr_eq(kept, b) => prints[part as usize],
            _ => part_print(b, part),
        }
    }
}

fn part_print(b: &Bulletin, part: Part) -> Fingerprint {
    match part {
        Part::Listing => Fingerprint::of_debug(&(
            (&b.title, b.date, b.year, &b.slug, &b.kind, &b.summary),
            (&b.tags, &b.issuer, &b.lang, b.draft, b.updated, b.scheduled),
        )),
        Part::Body => {
            let mut h = blake3::Hasher::new();
            h.update(b.body.as_bytes());
            let _ = write!(h, "\0{:?}{:?}", b.attachments, b.extra);
            Fingerprint::finish(&h)
        }
        Part::Figures => Fingerprint::of_debug(&(&b.indicators, &b.targets)),
        Part::Disclosure => Fingerprint::of_debug(&b.disclosure),
    }
}

/// The current fingerprint of any key of one site.
pub struct Prints<'s> {
    site: &'s Site,
    theme: Fingerprint,
    by_source: HashMap<&'s str, usize>,
    parts: &'s PartCache,
}

impl<'s> Prints<'s> {
    /// Fingerprints of `site` rendered with a theme of fingerprint
    /// `theme`; `parts` must have been refreshed for this site.
    pub fn new(site: &'s Site, theme: Fingerprint, parts: &'s PartCache) -> Self {
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
    pub fn of(&self, key: &InputKey) -> Fingerprint {
        self.compute(key)
    }

    fn sources(&self, list: &[usize]) -> Vec<&'s str> {
        let site = self.site;
        list.iter()
            .map(|&i| site.bulletins[i].source.as_str())
            .collect()
    }

    fn compute(&self, key: &InputKey) -> Fingerprint {
        let site = self.site;
        let absent = Fingerprint::of_bytes(b"\0absent");
        match key {
            InputKey::Settings => {
                let c = &site.config;
                Fingerprint::of_debug(&(&c.site, c.drafts, c.today, &site.catalogue))
            }
            InputKey::Theme => self.theme,
            InputKey::Years => Fingerprint::of_debug(&site.years.keys().collect::<Vec<_>>()),
            InputKey::PageYears => Fingerprint::of_debug(&all_years(site)),
            InputKey::Bulletin(part, source) => match self.by_source.get(source.as_str()) {
                Some(&i) => self.parts.get(&site.bulletins[i], *part),
                None => absent,
            },
            InputKey::Archive => {
                Fingerprint::of_debug(&self.sources(&(0..site.bulletins.len()).collect::<Vec<_>>()))
            }
            InputKey::Year(y) => match site.years.get(y) {
                Some(list) => Fingerprint::of_debug(&self.sources(list)),
                None => absent,
            },
            InputKey::Tags => Fingerprint::of_debug(
                &site
                    .tags
                    .values()
                    .map(|t| (&t.slug, &t.name, t.bulletins.len()))
                    .collect::<Vec<_>>(),
            ),
            InputKey::Tag(slug) => match site.tags.get(slug) {
                Some(t) => Fingerprint::of_debug(&(&t.name, self.sources(&t.bulletins))),
                None => absent,
            },
            InputKey::Subjects => Fingerprint::of_debug(
                &site
                    .subjects
                    .iter()
                    .map(|(k, l)| (k, l.len()))
                    .collect::<Vec<_>>(),
            ),
            InputKey::Subject(key) => match site.subjects.get(key) {
                Some(list) => Fingerprint::of_debug(&self.sources(list)),
                None => absent,
            },
            InputKey::Upcoming => Fingerprint::of_debug(&site.upcoming),
            InputKey::Links(source) => match self.by_source.get(source.as_str()) {
                Some(&i) => {
                    let l = &site.links[i];
                    Fingerprint::of_debug(&(
                        self.sources(&l.replaces),
                        self.sources(&l.replaced_by),
                        self.sources(&l.interprets.into_iter().collect::<Vec<_>>()),
                        self.sources(&l.interpreted_by),
                    ))
                }
                None => absent,
            },
            InputKey::Neighbours(source) => match self.by_source.get(source.as_str()) {
                Some(&i) => {
                    let (older, newer) = neighbours(site, i, site.bulletins[i].year);
                    let name = |n: Option<usize>| n.map(|n| site.bulletins[n].source.as_str());
                    Fingerprint::of_debug(&(name(older), name(newer)))
                }
                None => absent,
            },
            InputKey::Series(id) => match site.series.get(id) {
                Some(s) => series_print(site, s),
                None => absent,
            },
            InputKey::Point { id, period } => {
                let point = site.series.get(id).and_then(|s| {
                    s.points
                        .iter()
                        .find(|p| point_text(&p.period, p.cumulative) == *period)
                });
                match point {
                    Some(p) => {
                        let mut h = blake3::Hasher::new();
                        point_into(&mut h, site, p);
                        Fingerprint::finish(&h)
                    }
                    None => absent,
                }
            }
            InputKey::SeriesYear { id, year } => {
                let mut h = blake3::Hasher::new();
                let points = site.series.get(id).map(|s| s.points.as_slice());
                for p in points
                    .unwrap_or(&[])
                    .iter()
                    .filter(|p| p.period.year == *year)
                {
                    point_into(&mut h, site, p);
                }
                Fingerprint::finish(&h)
            }
            InputKey::TargetsOf(id) => targets_print(site, |t| t.id == *id),
            InputKey::TargetsIn(year) => targets_print(site, |t| t.year == *year),
        }
    }
}

/// The targets `keep` picks, with the bulletins setting them, in order.
fn targets_print(site: &Site, keep: impl Fn(&Target) -> bool) -> Fingerprint {
    let mut h = blake3::Hasher::new();
    for b in site.bulletins.iter().rev() {
        for t in b.targets.iter().filter(|t| keep(t)) {
            let _ = write!(h, "{:?}{:?}", b.source, t);
        }
    }
    Fingerprint::finish(&h)
}

/// A report, naming its bulletin by source path.
fn report_into(h: &mut blake3::Hasher, site: &Site, r: &Report) {
    let _ = write!(
        h,
        "{:?}{:?}",
        site.bulletins[r.bulletin].source,
        (r.value, r.change, &r.note, r.qualifiers, r.revises)
    );
}

fn point_into(h: &mut blake3::Hasher, site: &Site, p: &Point) {
    let _ = write!(h, "{:?}{:?}", p.period, p.cumulative);
    report_into(h, site, &p.current);
    for r in &p.revisions {
        report_into(h, site, r);
    }
    h.update(b";");
}

fn series_print(site: &Site, s: &Series) -> Fingerprint {
    let mut h = blake3::Hasher::new();
    for p in &s.points {
        point_into(&mut h, site, p);
    }
    for d in &s.derived {
        let _ = write!(h, "{:?}", (d.period, d.value, d.decimals, d.from_period));
        report_into(&mut h, site, &d.from);
    }
    Fingerprint::finish(&h)
}
