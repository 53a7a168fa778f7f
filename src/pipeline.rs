//! The build pipeline shared by `build`, `check` and `serve`:
//! config -> load -> model -> render. Each stage is a function of the
//! previous stage's value; writing is left to the caller.
//!
//! The stages, each a public function: `load_site` (sources -> `Loaded`),
//! `assemble` (`Loaded` -> checked `Site`, or every content error),
//! `Theme::load`, `render` (a set of `PageId`s -> their files and what
//! each read) and `render::site_files` (the override rule: the site's
//! files by path). `build_in_memory` runs them all; the preview
//! (`serve::rebuild`) runs the same functions and only decides which
//! results of the last run it can keep.
//!
//! A build renders its pages in batches and hands each batch to a `Sink`
//! as soon as it is rendered: `build` writes it into the staging folder,
//! `check` and the tests collect it. So a build holds one batch of pages
//! in memory, not the site (search, when on, keeps the indexed pages'
//! text until the index is made).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::load::load_site_reusing;
use crate::load::parses::{ParsedNow, Parses};
use crate::model::site::Loaded;
use crate::model::site::Site;
use crate::render::inputs::Fingerprint;
use crate::render::page_id::{all_pages, render_pages, PageId, Rendered};
use crate::render::pages::SiteContext;
use crate::render::prints::{PartCache, Prints};
use crate::render::record::{KeyTable, PageRecord};
use crate::render::search::{build_index, generated, pages_to_index, IndexPage};
use crate::render::{site_files, Content, OutputFile, RenderError, Theme};
use crate::write::WriteError;

/// A site rendered (its files went to the sink, or to `files` for
/// `build_in_memory`).
pub(crate) struct Built {
    /// The model it was rendered from.
    pub site: Site,
    /// Every output file, sorted by path (`build_in_memory` only).
    pub files: Vec<OutputFile>,
    /// Warnings (and errors, when `--strict` turned warnings into them).
    pub diagnostics: Diagnostics,
    /// Time taken.
    pub elapsed: Duration,
    /// What the render cache keeps of each page (empty unless the build
    /// used one, see `build_reusing`).
    pub records: Vec<PageRecord>,
    /// The keys the records name.
    pub keys: KeyTable,
    /// The fingerprint of each key of `keys` against `site`, by index.
    pub prints: Vec<Fingerprint>,
    /// How many pages were rendered, and how many taken from an earlier
    /// build unchanged.
    pub rendered: usize,
    /// See `rendered`.
    pub reused: usize,
    /// Number of HTML pages of the site.
    pub pages: usize,
    /// The bulletins parsed without a diagnostic, for the next build.
    pub parsed: ParsedNow,
}

impl Built {
    /// Number of HTML pages.
    pub(crate) fn page_count(&self) -> usize {
        self.pages
    }
}

/// Why a build produced no site.
pub(crate) enum Failure {
    /// Content errors (exit 1): all of them.
    Content(Diagnostics),
    /// The theme or a template is broken (exit 2).
    Theme(RenderError),
    /// The output could not be written (exit 3, or 2 when refused).
    Write(WriteError),
}

/// Where a build's files go, batch by batch. Files of one path given
/// again later replace the earlier ones.
pub(crate) trait Sink: Send {
    /// Take a batch of files; `pages` when they are the files of pages
    /// (which a render cache keeps), not static files or the index.
    fn put(&mut self, files: Vec<OutputFile>, pages: bool) -> Result<(), WriteError>;
}

/// Collects the files in memory, by path.
#[derive(Default)]
struct Collect(BTreeMap<String, Content>);

impl Sink for Collect {
    fn put(&mut self, files: Vec<OutputFile>, _pages: bool) -> Result<(), WriteError> {
        self.0
            .extend(files.into_iter().map(|f| (f.path, f.content)));
        Ok(())
    }
}

/// Pages rendered (or taken from the render cache) per batch: enough to
/// keep both cores busy, few enough that a batch stays in the tens of
/// megabytes.
const BATCH: usize = 512;

/// What one id other than a bulletin counts for in a batch: a year, tag,
/// subject or indicator id renders all of its pages at once (a tag of
/// 2,000 bulletins is 40 pages of 45 kB at 10,000 bulletins), and the
/// open data files are megabytes each. Counted as one, the ids after the
/// bulletins made one batch of a sixth of the site.
const LIST_WEIGHT: usize = 32;

/// `ids` cut into consecutive batches of at most `BATCH` by weight.
fn batches(ids: &[PageId]) -> Vec<&[PageId]> {
    let mut out = Vec::new();
    let (mut start, mut weight) = (0, 0);
    for (i, id) in ids.iter().enumerate() {
        let w = match id {
            PageId::Bulletin { .. } => 1,
            _ => LIST_WEIGHT,
        };
        if weight + w > BATCH && i > start {
            out.push(&ids[start..i]);
            (start, weight) = (i, 0);
        }
        weight += w;
    }
    if start < ids.len() {
        out.push(&ids[start..]);
    }
    out
}

/// Whether a build makes the search index (`check` does not need it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SearchIndex {
    /// Index the site when site.yaml has `search: true`.
    Build,
    /// Render pages only.
    Skip,
}

/// The checked model from what was loaded: cross-file rules applied,
/// every diagnostic sorted (warnings become errors under `--strict`).
/// Content errors stop here, all of them returned.
pub(crate) fn assemble(
    config: Config,
    mut loaded: Loaded,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
    let strict = config.strict;
    let site = Site::assemble(config, loaded, &mut diagnostics);
    if strict {
        diagnostics.make_strict();
    }
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok((site, diagnostics))
}

/// Quote the source line under diagnostics found after loading (those
/// loading found carry their text already). This reads their files
/// again, so the preview, which reports only the changed files, skips it.
pub(crate) fn quote(diagnostics: &mut Diagnostics, root: &std::path::Path) {
    diagnostics.fill_sources(|file| crate::load::source_text(root, file));
}

/// Render the given pages of `site`: their files, and what each read of
/// the model (`render::inputs`).
pub(crate) fn render(
    site: &Site,
    theme: &Theme,
    ids: &[PageId],
) -> Result<Vec<Rendered>, RenderError> {
    render_pages(&SiteContext::new(site, theme), ids)
}

/// Render the given pages in batches with one site context, handing each
/// batch to `each` as soon as it is rendered, so that only one batch of
/// files is in memory at a time (the preview's rebuilds; `build` streams
/// its own way, taking pages from its cache too).
pub(crate) fn render_batched<E: From<RenderError>>(
    site: &Site,
    theme: &Theme,
    ids: &[PageId],
    mut each: impl FnMut(Vec<Rendered>) -> Result<(), E>,
) -> Result<(), E> {
    let context = SiteContext::new(site, theme);
    for batch in batches(ids) {
        each(render_pages(&context, batch)?)?;
    }
    Ok(())
}

/// The pages of an earlier build whose inputs all fingerprint the same
/// against the site being built: their records (their files are read
/// when their batch is written), and the keys the records name by index.
#[derive(Default)]
pub(crate) struct Reused {
    /// The earlier build's keys; the build adds its own to them.
    pub keys: KeyTable,
    /// The pages.
    pub pages: FxHashMap<PageId, PageRecord>,
}

/// An earlier build's pages (the render cache, kept by `write`).
pub(crate) trait Earlier: Sync {
    /// The pages whose every input fingerprints the same now (`prints`
    /// gives the current fingerprint of any key).
    fn reusable(&self, prints: &Prints) -> Reused;
    /// The bulletins an earlier build parsed.
    fn parses(&self) -> Option<&Parses>;
    /// A kept file's content; `None` when missing or damaged (the page is
    /// then rendered). With `bytes`, its bytes, checked against their hash;
    /// otherwise the file itself (`Content::Linked`) when it is as the cache
    /// left it.
    fn blob(&self, hash: &Fingerprint, bytes: bool) -> Option<Content>;
}

/// Load, check and render the site into memory. Progress messages go to
/// `progress`.
pub(crate) fn build_in_memory(
    config: Config,
    search: SearchIndex,
    progress: &dyn Fn(&str),
) -> Result<Built, Failure> {
    let mut files = Collect::default();
    let mut built = run(config, search, progress, None, &mut files)?;
    built.files = files
        .0
        .into_iter()
        .map(|(path, content)| OutputFile { path, content })
        .collect();
    Ok(built)
}

/// Load, check and render the site, each batch of files to `sink`; pages
/// `earlier` can give are not rendered, and every page's record is
/// returned for the next build to reuse.
pub(crate) fn build_reusing(
    config: Config,
    search: SearchIndex,
    progress: &dyn Fn(&str),
    earlier: &dyn Earlier,
    sink: &mut dyn Sink,
) -> Result<Built, Failure> {
    run(config, search, progress, Some(earlier), sink)
}

fn run(
    config: Config,
    search: SearchIndex,
    progress: &dyn Fn(&str),
    earlier: Option<&dyn Earlier>,
    sink: &mut dyn Sink,
) -> Result<Built, Failure> {
    let start = Instant::now();
    progress("reading bulletins");
    let (loaded, parsed) = load_site_reusing(&config, earlier.and_then(|e| e.parses()));
    let root = config.root.clone();
    let (site, mut diagnostics) = assemble(config, loaded).map_err(|mut d| {
        quote(&mut d, &root);
        Failure::Content(d)
    })?;
    quote(&mut diagnostics, &root);
    progress("rendering pages");
    let theme = Theme::load(&site).map_err(Failure::Theme)?;
    let index = search == SearchIndex::Build && site.config.site.search;
    let streamed = stream(&site, &theme, earlier, index, sink)?;
    if index {
        progress("indexing for search");
        let files =
            build_index(streamed.to_index, &site.config.site.language).map_err(Failure::Theme)?;
        sink.put(files, false).map_err(Failure::Write)?;
    }
    Ok(Built {
        site,
        files: Vec::new(),
        diagnostics,
        elapsed: start.elapsed(),
        records: streamed.records,
        keys: streamed.keys,
        prints: streamed.prints,
        rendered: streamed.rendered,
        reused: streamed.reused,
        pages: streamed.pages,
        parsed,
    })
}

/// What rendering the site in batches left besides its files.
struct Streamed {
    records: Vec<PageRecord>,
    keys: KeyTable,
    prints: Vec<Fingerprint>,
    rendered: usize,
    reused: usize,
    pages: usize,
    to_index: Vec<IndexPage>,
    /// The paths of the HTML pages written so far.
    page_paths: FxHashSet<String>,
}

/// Render every page (or take it from `earlier`), in batches in site
/// order, each batch to `sink`; the static files go last, so that they
/// win over generated files of the same path (`render::serves`).
fn stream(
    site: &Site,
    theme: &Theme,
    earlier: Option<&dyn Earlier>,
    index: bool,
    sink: &mut dyn Sink,
) -> Result<Streamed, Failure> {
    let statics: Vec<OutputFile> = render(site, theme, &[PageId::Static])
        .map_err(Failure::Theme)?
        .into_iter()
        .flat_map(|r| r.files)
        .collect();
    let statics: Vec<OutputFile> = site_files(
        std::iter::empty(),
        statics.into_iter().map(|f| (f.path, f.content)),
    )
    .into_iter()
    .map(|(path, content)| OutputFile { path, content })
    .collect();
    let overridden: FxHashSet<&str> = statics.iter().map(|f| f.path.as_str()).collect();
    let mut parts = PartCache::default();
    let prints = earlier.map(|_| {
        parts.refresh(site);
        Prints::new(site, theme.fingerprint, &parts)
    });
    let Reused {
        keys,
        pages: mut reused,
    } = match (earlier, &prints) {
        (Some(e), Some(p)) => e.reusable(p),
        _ => Reused::default(),
    };
    let mut out = Streamed {
        records: Vec::new(),
        keys,
        prints: Vec::new(),
        rendered: 0,
        reused: 0,
        pages: 0,
        to_index: Vec::new(),
        page_paths: FxHashSet::default(),
    };
    let ids: Vec<PageId> = all_pages(site)
        .into_iter()
        .filter(|id| *id != PageId::Static)
        .collect();
    // Made once: it indexes every bulletin by address, so one per batch
    // made a build quadratic in the number of bulletins.
    let context = SiteContext::new(site, theme);
    // Each batch is rendered while the one before is written: writing is
    // mostly the kernel making folders and files, with waits on folder
    // locks, and rendering fills those gaps (a batch more in memory).
    // The batches still reach `sink` one at a time and in order.
    let maker = BatchMaker {
        context: &context,
        earlier,
        index,
        overridden: &overridden,
    };
    let mut to_write: Option<Vec<OutputFile>> = None;
    for batch in batches(&ids) {
        let (put, files) = rayon::join(
            || {
                to_write
                    .take()
                    .map_or(Ok(()), |files| sink.put(files, true))
            },
            || maker.files(batch, &mut reused, &mut out),
        );
        put.map_err(Failure::Write)?;
        to_write = Some(files?);
    }
    if let Some(files) = to_write {
        sink.put(files, true).map_err(Failure::Write)?;
    }
    out.page_paths.extend(
        statics
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .map(|f| f.path.clone()),
    );
    out.pages = out.page_paths.len();
    sink.put(statics, false).map_err(Failure::Write)?;
    if let Some(prints) = &prints {
        let keys: Vec<_> = out.keys.iter().collect();
        out.prints = keys.into_par_iter().map(|k| prints.of(k)).collect();
    }
    // Pages are indexed in path order, whatever the batches were.
    out.to_index.sort_by(|a, b| a.url.cmp(&b.url));
    Ok(out)
}

/// What every batch of a build shares.
struct BatchMaker<'a> {
    context: &'a SiteContext<'a>,
    earlier: Option<&'a dyn Earlier>,
    /// The search index is built (it needs the kept pages' bytes).
    index: bool,
    /// Paths a static file takes.
    overridden: &'a FxHashSet<&'a str>,
}

impl BatchMaker<'_> {
    /// One batch's files: its kept pages read back from `earlier` (taken
    /// out of `reused`), the rest rendered; records, counts, page paths
    /// and pages to index go to `out`.
    fn files(
        &self,
        batch: &[PageId],
        reused: &mut FxHashMap<PageId, PageRecord>,
        out: &mut Streamed,
    ) -> Result<Vec<OutputFile>, Failure> {
        let html =
            |files: &[OutputFile]| files.iter().filter(|f| f.path.ends_with(".html")).count();
        // Kept pages whose files can all be read back; the rest is rendered.
        let kept: Vec<(PageRecord, Vec<OutputFile>)> = batch
            .par_iter()
            .filter_map(|id| {
                let record = reused.get(id)?;
                let e = self.earlier?;
                // The search index reads the pages' bytes.
                let files = record.files(|hash| e.blob(hash, self.index))?;
                Some((record.clone(), files))
            })
            .collect();
        let kept_ids: FxHashSet<&PageId> = kept.iter().map(|(r, _)| &r.id).collect();
        let todo: Vec<PageId> = batch
            .iter()
            .filter(|id| !kept_ids.contains(id))
            .cloned()
            .collect();
        let fresh = render_pages(self.context, &todo).map_err(Failure::Theme)?;
        let mut files = Vec::new();
        for r in fresh {
            out.rendered += html(&r.files);
            if self.earlier.is_some() {
                out.records.extend(PageRecord::of(&r, &mut out.keys));
            }
            files.extend(r.files);
        }
        for (record, kept_files) in kept {
            out.reused += html(&kept_files);
            reused.remove(&record.id);
            out.records.push(record);
            files.extend(kept_files);
        }
        files.retain(|f| !self.overridden.contains(f.path.as_str()));
        out.page_paths.extend(
            files
                .iter()
                .filter(|f| f.path.ends_with(".html"))
                .map(|f| f.path.clone()),
        );
        if self.index {
            out.to_index.extend(pages_to_index(generated(&files)));
        }
        Ok(files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_keep_order_and_bound_list_pages() {
        let mut ids: Vec<PageId> = (0..1000)
            .map(|i| PageId::Bulletin {
                year: 2020,
                slug: format!("b{i}"),
            })
            .collect();
        ids.extend((0..100).map(|i| PageId::Tag(format!("t{i}"))));
        let cut = batches(&ids);
        assert_eq!(cut.concat(), ids, "every id once, in order");
        assert_eq!(cut[0].len(), BATCH);
        let last = cut.last().unwrap();
        assert_eq!(last.len(), 100 % (BATCH / LIST_WEIGHT));
        assert!(cut
            .iter()
            .filter(|b| matches!(b[0], PageId::Tag(_)))
            .all(|b| b.len() <= BATCH / LIST_WEIGHT));
        assert!(batches(&[]).is_empty());
    }
}
