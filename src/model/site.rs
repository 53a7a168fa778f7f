//! The checked site: bulletins in publication order, years, tags and the
//! indicator series, with the cross-file rules of SPEC §2-§3 applied
//! (duplicate year+slug, revisions across bulletins, the consistency of
//! stated changes) and derived earlier values computed.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
// Fx hashing: these maps of the site's own slugs are rebuilt after every
// edit in the preview.
use rustc_hash::FxHashMap as HashMap;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::bulletin::Bulletin;
use crate::model::catalogue::Catalogue;
use crate::model::consistency::check_consistency;
use crate::model::derived::derive_previous;
use crate::model::relations::{check_references, resolve_links, Links};
use crate::model::series::{build_series, Series};
use crate::slug::tag_slug;

/// One tag and the bulletins carrying it.
#[derive(Debug, Clone)]
pub(crate) struct TagEntry {
    /// The tag as first written (by publication order).
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Bulletin indices, newest first.
    pub bulletins: Vec<usize>,
}

/// What loading produced (`load::load_site`) and `Site::assemble` takes:
/// model values only, so the model does not depend on the loader.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// The catalogue.
    pub catalogue: Catalogue,
    /// Every bulletin that parsed, drafts included, sorted by source path.
    pub bulletins: Vec<Arc<Bulletin>>,
    /// Everything found wrong.
    pub diagnostics: Diagnostics,
}

/// Everything the renderer needs, checked.
#[derive(Debug)]
pub(crate) struct Site {
    /// The configuration the site was loaded with.
    pub config: Config,
    /// The indicator catalogue.
    pub catalogue: Catalogue,
    /// Published bulletins, newest first (date descending, then slug).
    /// Shared, so a live preview can re-assemble the site after an edit
    /// without copying every bulletin.
    pub bulletins: Vec<Arc<Bulletin>>,
    /// Year -> bulletin indices of that reporting year, newest first.
    pub years: BTreeMap<i32, Vec<usize>>,
    /// Tag slug -> tag.
    pub tags: BTreeMap<String, TagEntry>,
    /// Indicator id -> its series (every catalogue entry has one).
    pub series: BTreeMap<String, Series>,
    /// Links between bulletins (`replaces`, `interprets`), one entry per
    /// bulletin, in the order of `bulletins`.
    pub links: Vec<Links>,
    /// Subject key -> bulletin indices of that subject, newest first.
    pub subjects: BTreeMap<String, Vec<usize>>,
    /// Scheduled bulletins whose date has not come (SPEC §2.6): only
    /// their title, kind and date are published, on the release calendar.
    /// Soonest first.
    pub upcoming: Vec<Arc<Bulletin>>,
}

impl Site {
    /// Assemble the site from what was loaded. Cross-file problems are
    /// added to `diags`.
    pub(crate) fn assemble(config: Config, loaded: Loaded, diags: &mut Diagnostics) -> Site {
        let Loaded {
            catalogue,
            bulletins,
            ..
        } = loaded;
        let today = config.today;
        let is_upcoming = |b: &Bulletin| b.scheduled && b.date > today;
        let built = |b: &Bulletin| (config.drafts || !b.draft) && !is_upcoming(b);
        check_references(&bulletins, &built, diags);
        let (mut bulletins, mut upcoming): (Vec<Arc<Bulletin>>, Vec<Arc<Bulletin>>) = bulletins
            .into_iter()
            .filter(|b| config.drafts || !b.draft)
            .partition(|b| !is_upcoming(b));
        upcoming.sort_by(|a, b| (a.date, a.year, &a.slug).cmp(&(b.date, b.year, &b.slug)));
        // Source paths are unique: an unstable sort gives the one order.
        bulletins.sort_unstable_by(|a, b| a.source.cmp(&b.source));
        reject_duplicate_slugs(&mut bulletins, diags);
        reject_reserved_slugs(&mut bulletins, diags);
        // (year, slug) is unique now, so the order is total.
        bulletins.sort_unstable_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.slug.cmp(&b.slug))
                .then_with(|| a.year.cmp(&b.year))
        });
        let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for (i, b) in bulletins.iter().enumerate() {
            years.entry(b.year).or_default().push(i);
        }
        let tags = collect_tags(&bulletins);
        let links = resolve_links(&bulletins);
        let mut subjects: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, b) in bulletins.iter().enumerate() {
            if let Some(s) = &b.disclosure.subject {
                subjects.entry(s.clone()).or_default().push(i);
            }
        }
        let mut series = build_series(&catalogue, &bulletins, diags);
        // One indicator per task; the findings are added in catalogue order.
        let found: Vec<Diagnostics> = series
            .par_iter_mut()
            .map(|(_, s)| {
                let mut found = Diagnostics::new();
                check_consistency(s, &bulletins, &mut found);
                s.derived = derive_previous(s, catalogue.get(&s.id), &bulletins, &mut found);
                found
            })
            .collect();
        for f in found {
            diags.extend(f);
        }
        Site {
            config,
            catalogue,
            bulletins,
            years,
            tags,
            series,
            links,
            subjects,
            upcoming,
        }
    }
}

/// Tags by slug. A site has few distinct tags written many times, so
/// each spelling is slugged and looked up once (`serve` re-assembles the
/// model after every edit).
fn collect_tags(bulletins: &[Arc<Bulletin>]) -> BTreeMap<String, TagEntry> {
    let mut entries: Vec<TagEntry> = Vec::new();
    let mut by_slug: HashMap<String, usize> = HashMap::default();
    let mut by_text: HashMap<&str, usize> = HashMap::default();
    for (i, b) in bulletins.iter().enumerate() {
        for t in &b.tags {
            let entry = *by_text.entry(t.as_str()).or_insert_with(|| {
                let slug = tag_slug(t);
                *by_slug.entry(slug.clone()).or_insert_with(|| {
                    entries.push(TagEntry {
                        name: t.clone(),
                        slug,
                        bulletins: Vec::new(),
                    });
                    entries.len() - 1
                })
            });
            entries[entry].bulletins.push(i);
        }
    }
    entries.into_iter().map(|e| (e.slug.clone(), e)).collect()
}

/// Year folders that hold the year page's filtered lists
/// (`/<year>/kinds/<kind>/`, `/<year>/subjects/<subject>/`).
pub(crate) const RESERVED_SLUGS: [&str; 2] = ["kinds", "subjects"];

/// A bulletin may not take the address of a year's filtered lists.
fn reject_reserved_slugs(bulletins: &mut Vec<Arc<Bulletin>>, diags: &mut Diagnostics) {
    bulletins.retain(|b| {
        let reserved = RESERVED_SLUGS.contains(&b.slug.as_str());
        if reserved {
            diags.push(Diagnostic::error(
                &b.source,
                Some(b.slug_pos),
                format!(
                    "slug \"{}\" is reserved: /{}/{}/ holds the year's lists by {}; choose another `slug:`",
                    b.slug,
                    b.year,
                    b.slug,
                    if b.slug == "kinds" { "kind" } else { "subject" }
                ),
            ));
        }
        !reserved
    });
}

/// Two bulletins at the same `/<year>/<slug>/` are an error; the second
/// (by path) is dropped so the rest of the build can still be checked.
fn reject_duplicate_slugs(bulletins: &mut Vec<Arc<Bulletin>>, diags: &mut Diagnostics) {
    let mut first: HashMap<(i32, &str), &str> =
        HashMap::with_capacity_and_hasher(bulletins.len(), Default::default());
    let mut taken = vec![false; bulletins.len()];
    for (i, b) in bulletins.iter().enumerate() {
        match first.get(&(b.year, b.slug.as_str())) {
            Some(first) => {
                diags.push(Diagnostic::error(
                    &b.source,
                    Some(b.slug_pos),
                    format!(
                        "bulletin address /{}/{}/ is already taken by {first}: give one of them another `slug:`",
                        b.year, b.slug
                    ),
                ));
                taken[i] = true;
            }
            None => {
                first.insert((b.year, b.slug.as_str()), b.source.as_str());
            }
        }
    }
    let mut i = 0;
    bulletins.retain(|_| {
        i += 1;
        !taken[i - 1]
    });
}
