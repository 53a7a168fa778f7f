//! The rebuild engine of `serve`: it runs the stages of `pipeline` and
//! keeps what it can of their results from one build to the next: each
//! bulletin's parse result, the catalogue, the compiled theme, and for
//! each page the output paths it owns and what it read (`PageInputs`).
//!
//! A changed bulletin is re-read alone, the model is re-assembled from the
//! kept parse results (cheap: no I/O, no Markdown) by the same function
//! `build` uses, and a page is rendered again only when one of the inputs
//! it recorded now has another fingerprint, or when it is new; the files
//! of pages gone from the site are removed. A change to site.yaml, the
//! catalogue or the theme changes an input every page read. A failed
//! build changes nothing that is served: the last good site stays, and
//! what is still to be redone is kept for the next attempt.

use std::collections::BTreeSet;
use std::path::PathBuf;

use rayon::prelude::*;
// Fx hashing for the maps of keys and pages: they are hashed tens of
// thousands of times per edit and hold no attacker-chosen keys that could
// flood them (sources and pages come from the site's own files).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::time::{Duration, Instant};

use crate::config::{Config, ConfigError};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{bulletin, load_catalogue};
use crate::model::catalogue::Catalogue;
use crate::model::site::{Loaded, Site};
use crate::pipeline;
#[cfg(test)]
use crate::render::inputs::PageInputs;
use crate::render::inputs::{Family, Fingerprint, InputKey};
use crate::render::page_id::{all_pages, PageId};
use crate::render::prints::{PartCache, Prints};
use crate::render::{RenderError, Theme};
use crate::serve::changes::Changes;
use crate::serve::sources::Sources;
use crate::serve::state::{Served, ServedFile};
use crate::serve::store::PageStore;
use crate::write::WriteError;

/// Why a rebuild produced no site.
#[derive(Debug)]
pub(crate) enum RebuildError {
    /// site.yaml is missing or wrong.
    Config(ConfigError),
    /// Content errors (every one of them).
    Content(Diagnostics),
    /// A template is broken.
    Theme(RenderError),
    /// A rendered page could not be written into the preview's folder.
    Store(std::io::Error),
}

impl From<RenderError> for RebuildError {
    fn from(e: RenderError) -> Self {
        RebuildError::Theme(e)
    }
}

/// How the served files change. Removals apply before insertions.
#[derive(Debug, Default)]
pub(crate) struct Update {
    /// Drop every generated file first (a full render).
    pub replace_all: bool,
    /// Generated paths that no longer exist.
    pub remove: Vec<String>,
    /// Generated files, new or re-rendered, as served (`store`).
    pub insert: Vec<ServedFile>,
    /// The new list of static files, when it was rebuilt.
    pub statics: Option<Vec<ServedFile>>,
}

/// A successful rebuild.
#[derive(Debug)]
pub(crate) struct Rebuilt {
    /// What to change in the served site.
    pub update: Update,
    /// Units of rendering done (pages, data files; static files as one).
    pub rendered: usize,
    /// True when everything was rendered.
    pub full: bool,
    /// Warnings of the whole site.
    pub diagnostics: Diagnostics,
    /// Bulletin sources re-read by this rebuild.
    pub changed: BTreeSet<String>,
    /// Published bulletins.
    pub bulletins: usize,
    /// HTML pages of the site.
    pub pages: usize,
    /// Indicators in the catalogue.
    pub indicators: usize,
    /// Time taken.
    pub elapsed: Duration,
}

/// The settings `serve` builds with.
#[derive(Debug, Clone)]
pub(crate) struct EngineOptions {
    /// Site root.
    pub root: PathBuf,
    /// The local address the site is served at.
    pub base_url: String,
    /// Build drafts too.
    pub drafts: bool,
    /// `--now`: today for the release calendar (default: the current date).
    pub now: Option<chrono::NaiveDate>,
    /// gazette's cache folder, where the preview keeps its rendered pages
    /// (`store`).
    pub cache_dir: PathBuf,
}

/// Why the engine could not start.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StartError {
    /// site.yaml is missing or wrong.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The cache folder cannot be used.
    #[error(transparent)]
    Cache(#[from] WriteError),
}

/// What the last good render of a page left: its files' paths and the
/// keys it read (numbers in `Known`, sorted, each once).
struct PageRecord {
    paths: Vec<String>,
    keys: Vec<u32>,
}

/// Every key some page read, numbered, with its fingerprint as of the last
/// good render. Every page was rendered again when one of its keys
/// changed, so this is also what each page saw.
#[derive(Default)]
struct Known {
    keys: Vec<(InputKey, Fingerprint)>,
    ids: HashMap<InputKey, u32>,
}

impl Known {
    /// The number of `key`, fingerprinting it if it is new.
    fn id(&mut self, key: InputKey, prints: &Prints) -> u32 {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.push((key.clone(), prints.of(&key)));
        self.ids.insert(key, id);
        id
    }

    /// Forget the keys no page reads any more, renumbering the rest.
    fn compact(&mut self, pages: &mut HashMap<PageId, PageRecord>) {
        let mut used = vec![false; self.keys.len()];
        for &k in pages.values().flat_map(|r| &r.keys) {
            used[k as usize] = true;
        }
        let mut renumber = vec![0u32; self.keys.len()];
        let mut kept = Vec::new();
        for (i, entry) in std::mem::take(&mut self.keys).into_iter().enumerate() {
            if used[i] {
                renumber[i] = kept.len() as u32;
                kept.push(entry);
            }
        }
        self.keys = kept;
        self.ids = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i as u32))
            .collect();
        for r in pages.values_mut() {
            for k in &mut r.keys {
                *k = renumber[*k as usize];
            }
        }
    }
}

/// Everything kept from one build to the next.
pub(crate) struct Engine {
    opts: EngineOptions,
    config: Config,
    catalogue: Catalogue,
    catalogue_diags: Vec<Diagnostic>,
    theme: Option<Theme>,
    sources: Sources,
    /// The last site that built without errors.
    site: Option<Site>,
    /// Each page of the last good render (static files excluded).
    pages: HashMap<PageId, PageRecord>,
    /// Every key some page read, with its fingerprint.
    known: Known,
    /// Fingerprints of the parts of each bulletin.
    parts: PartCache,
    /// The digest of each key family (`Family::ALL` order) as of the last
    /// good render: the keys of a family whose digest is the same are
    /// not fingerprinted again.
    families: Option<[Fingerprint; 4]>,
    // What the next build still has to redo (kept across failed builds).
    reload_config: bool,
    reload_catalogue: bool,
    reload_theme: bool,
    statics: bool,
    pending: BTreeSet<String>,
    render_counts: HashMap<PageId, u32>,
    /// The rendered pages' files.
    store: PageStore,
}

impl Engine {
    /// Read the configuration; the first `rebuild` builds everything.
    pub(crate) fn new(opts: EngineOptions) -> Result<Engine, StartError> {
        let config = load_config(&opts)?;
        let output = crate::write::absolute_path(&config.output);
        let store = PageStore::open(&opts.cache_dir, &output, &config.root)?;
        Ok(Engine {
            store,
            opts,
            config,
            catalogue: Catalogue::default(),
            catalogue_diags: Vec::new(),
            theme: None,
            sources: Sources::default(),
            site: None,
            pages: HashMap::default(),
            known: Known::default(),
            parts: PartCache::default(),
            families: None,
            reload_config: false,
            reload_catalogue: true,
            reload_theme: true,
            statics: true,
            pending: BTreeSet::new(),
            render_counts: HashMap::default(),
        })
    }

    /// Forget everything kept: the next rebuild reads and renders it all.
    pub(crate) fn reset(&mut self) {
        self.reload_config = true;
        self.reload_catalogue = true;
        self.reload_theme = true;
        self.statics = true;
        self.sources.clear();
        self.site = None;
        self.pages.clear();
        self.known = Known::default();
        self.parts = PartCache::default();
        self.families = None;
    }

    /// The folder the rendered pages are kept in.
    pub(crate) fn store_path(&self) -> &std::path::Path {
        self.store.path()
    }

    /// The site's language, when search is on (`search:` in site.yaml).
    pub(crate) fn search_language(&self) -> Option<&str> {
        let site = &self.config.site;
        site.search.then_some(site.language.as_str())
    }

    /// How many times a page has been rendered (for tests and benchmarks).
    #[cfg(test)]
    pub(crate) fn render_count(&self, id: &PageId) -> u32 {
        self.render_counts.get(id).copied().unwrap_or(0)
    }

    /// Apply `changes` and everything still pending from failed builds.
    pub(crate) fn rebuild(&mut self, changes: &Changes) -> Result<Rebuilt, RebuildError> {
        let start = Instant::now();
        self.reload_config |= changes.config;
        self.reload_catalogue |= changes.catalogue;
        self.reload_theme |= changes.theme;
        self.statics |= changes.statics;
        let model_dirty = self.reload_config
            || self.reload_catalogue
            || self.reload_theme
            || self.site.is_none()
            || !changes.bulletins.is_empty()
            || !self.pending.is_empty();
        if !model_dirty {
            return self.render_statics_only(start);
        }
        if self.reload_config {
            self.config = load_config(&self.opts).map_err(RebuildError::Config)?;
            self.reload_config = false;
            self.reload_catalogue = true;
            self.reload_theme = true;
        }
        if self.reload_catalogue {
            let mut diags = Diagnostics::new();
            self.catalogue = load_catalogue(&self.config, &mut diags);
            self.catalogue_diags = diags.into_iter().collect();
            // Bulletins are checked against the catalogue and the site
            // settings: read every one again.
            self.sources.clear();
            self.reload_catalogue = false;
        }
        self.refresh_sources(&changes.bulletins);
        let (site, diagnostics) = self.assemble()?;
        if self.reload_theme {
            self.theme = Some(Theme::load(&site).map_err(RebuildError::Theme)?);
            self.reload_theme = false;
            self.statics = true;
        }
        let (update, rendered, full) = self.render(&site)?;
        let bulletins = site.bulletins.len();
        let indicators = site.catalogue.entries.len();
        self.site = Some(site);
        self.statics = false;
        Ok(Rebuilt {
            update,
            rendered,
            full,
            diagnostics,
            changed: std::mem::take(&mut self.pending),
            bulletins,
            pages: self.html_pages(),
            indicators,
            elapsed: start.elapsed(),
        })
    }

    /// Only static files changed: list them again, render nothing else.
    fn render_statics_only(&mut self, start: Instant) -> Result<Rebuilt, RebuildError> {
        let (Some(site), Some(theme)) = (&self.site, &self.theme) else {
            return Err(RebuildError::Theme(RenderError(
                "no site has been built yet".into(),
            )));
        };
        let files = pipeline::render(site, theme, &[PageId::Static])
            .map_err(RebuildError::Theme)?
            .into_iter()
            .flat_map(|r| r.files)
            .map(|f| (f.path, Served::from(f.content)))
            .collect();
        *self.render_counts.entry(PageId::Static).or_default() += 1;
        self.statics = false;
        Ok(Rebuilt {
            update: Update {
                statics: Some(files),
                ..Update::default()
            },
            rendered: 1,
            full: false,
            diagnostics: Diagnostics::new(),
            changed: BTreeSet::new(),
            bulletins: site.bulletins.len(),
            pages: self.html_pages(),
            indicators: site.catalogue.entries.len(),
            elapsed: start.elapsed(),
        })
    }

    /// Re-read what changed on disk; remember it for the next render.
    fn refresh_sources(&mut self, touched: &BTreeSet<String>) {
        let ctx = bulletin::Context {
            catalogue: &self.catalogue,
            site: &self.config.site,
        };
        let changed = self.sources.refresh(&self.config.root, touched, &ctx);
        self.pending.extend(changed);
    }

    /// The model from the kept parse results, with every diagnostic of
    /// the site; content errors stop here.
    fn assemble(&self) -> Result<(Site, Diagnostics), RebuildError> {
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(self.sources.diagnostics().cloned());
        diagnostics.extend(self.catalogue_diags.iter().cloned());
        let loaded = Loaded {
            catalogue: self.catalogue.clone(),
            bulletins: self.sources.bulletins(),
            diagnostics,
        };
        pipeline::assemble(self.config.clone(), loaded).map_err(RebuildError::Content)
    }

    /// Render the pages that are new or whose inputs changed, and say how
    /// the served files change.
    fn render(&mut self, site: &Site) -> Result<(Update, usize, bool), RebuildError> {
        let theme = self
            .theme
            .as_ref()
            .ok_or_else(|| RebuildError::Theme(RenderError("the theme is not loaded".into())))?;
        let every: Vec<PageId> = all_pages(site);
        let full = self.pages.is_empty();
        self.parts.refresh(site);
        let prints = Prints::new(site, theme.fingerprint, &self.parts);
        // Each key once, in parallel: not the parts of bulletins whose file
        // was not read again, nor the keys of a family whose digest is the
        // same. Then the pages that read a changed key.
        let families: Vec<Fingerprint> =
            Family::ALL.par_iter().map(|&f| prints.family(f)).collect();
        let families: [Fingerprint; 4] = [families[0], families[1], families[2], families[3]];
        let same = |f: Family| {
            self.families
                .is_some_and(|was| was[f as usize] == families[f as usize])
        };
        let parts = &self.parts;
        let changed: Vec<(usize, Fingerprint)> = self
            .known
            .keys
            .par_iter()
            .enumerate()
            .filter_map(|(i, (key, was))| {
                if let InputKey::Bulletin(_, source) = key {
                    if !parts.may_differ(source) {
                        return None;
                    }
                }
                if key.family().is_some_and(same) {
                    return None;
                }
                let now = prints.of(key);
                (now != *was).then_some((i, now))
            })
            .collect();
        let mut dirty = vec![false; self.known.keys.len()];
        for (i, _) in &changed {
            dirty[*i] = true;
        }
        let stale: HashSet<&PageId> = if changed.is_empty() {
            HashSet::default()
        } else {
            self.pages
                .par_iter()
                .filter(|(_, r)| r.keys.iter().any(|&k| dirty[k as usize]))
                .map(|(id, _)| id)
                .collect()
        };
        let mut todo: Vec<PageId> = every
            .iter()
            .filter(|id| **id != PageId::Static)
            .filter(|id| stale.contains(id) || !self.pages.contains_key(id))
            .cloned()
            .collect();
        if full || self.statics {
            todo.push(PageId::Static);
        }
        // Rendered in batches, each batch's files written to the store at
        // once; nothing is recorded until every batch has rendered, so a
        // failed build changes nothing the next one relies on.
        let mut rendered: Vec<(PageId, Vec<u32>, Vec<ServedFile>)> = Vec::new();
        let (known, store) = (&mut self.known, &mut self.store);
        pipeline::render_batched(site, theme, &todo, |batch| {
            // Each page's id, keys and number of files; the batch's files
            // are written in one parallel pass, in order.
            let mut pages: Vec<(PageId, Vec<u32>, usize)> = Vec::new();
            let mut files = Vec::new();
            for r in batch {
                // Numbers first, then sorted: a page such as the sitemap
                // reads tens of thousands of keys, many of them more than once.
                let mut keys: Vec<u32> =
                    r.reads.into_iter().map(|k| known.id(k, &prints)).collect();
                keys.sort_unstable();
                keys.dedup();
                if r.id == PageId::Static {
                    // Static files are few and mostly on disk already: they
                    // stay out of the store, which follows generated paths only.
                    let statics = r
                        .files
                        .into_iter()
                        .map(|f| (f.path, Served::from(f.content)));
                    rendered.push((r.id, keys, statics.collect()));
                } else {
                    pages.push((r.id, keys, r.files.len()));
                    files.extend(r.files);
                }
            }
            let mut kept = store.keep(files).map_err(RebuildError::Store)?.into_iter();
            for (id, keys, n) in pages {
                rendered.push((id, keys, kept.by_ref().take(n).collect()));
            }
            Ok::<(), RebuildError>(())
        })?;
        for (i, now) in changed {
            self.known.keys[i].1 = now;
        }
        self.families = Some(families);
        let mut update = Update {
            replace_all: full,
            ..Update::default()
        };
        let exists: HashSet<&PageId> = every.iter().collect();
        let gone: Vec<PageId> = self
            .pages
            .keys()
            .filter(|id| !exists.contains(id))
            .cloned()
            .collect();
        for id in &gone {
            let paths = self.pages.remove(id).map(|r| r.paths);
            update.remove.extend(paths.unwrap_or_default());
        }
        let count = rendered.len();
        for (id, keys, files) in rendered {
            *self.render_counts.entry(id.clone()).or_default() += 1;
            if id == PageId::Static {
                update.statics = Some(files);
                continue;
            }
            let paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
            let record = PageRecord {
                paths: paths.clone(),
                keys,
            };
            let before = self.pages.insert(id, record).map(|r| r.paths);
            update.remove.extend(
                before
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| !paths.contains(p)),
            );
            update.insert.extend(files);
        }
        self.store
            .update(update.replace_all, &update.remove, &update.insert);
        drop(prints);
        self.parts.settle();
        if !gone.is_empty() {
            // Stop fingerprinting what no page reads any more.
            self.known.compact(&mut self.pages);
        }
        Ok((update, count, full))
    }

    /// What a page of the last good render read, with fingerprints: the
    /// record a render cache would key the page by.
    #[cfg(test)]
    pub(crate) fn inputs(&self, id: &PageId) -> Option<PageInputs> {
        let record = self.pages.get(id)?;
        let mut inputs: Vec<_> = record
            .keys
            .iter()
            .map(|&k| self.known.keys[k as usize].clone())
            .collect();
        inputs.sort_unstable();
        Some(PageInputs(inputs))
    }

    fn html_pages(&self) -> usize {
        self.pages
            .values()
            .flat_map(|r| &r.paths)
            .filter(|p| p.ends_with(".html"))
            .count()
    }
}

fn load_config(opts: &EngineOptions) -> Result<Config, ConfigError> {
    let mut config = Config::load(&opts.root, None, Some(&opts.base_url), opts.drafts, false)?;
    if let Some(now) = opts.now {
        config.today = now;
    }
    Ok(config)
}
