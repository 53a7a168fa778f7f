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

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::load::load_site;
use crate::model::site::Loaded;
use crate::model::site::Site;
use crate::render::inputs::{Fingerprint, InputKey};
use crate::render::page_id::{all_pages, render_pages, PageId, Rendered};
use crate::render::pages::SiteContext;
use crate::render::prints::{PartCache, Prints};
use crate::render::record::PageRecord;
use crate::render::search::index_site;
use crate::render::{render_site, site_files, OutputFile, RenderError, Theme};

/// A site rendered in memory.
pub(crate) struct Built {
    /// The model it was rendered from.
    pub site: Site,
    /// Every output file.
    pub files: Vec<OutputFile>,
    /// Warnings (and errors, when `--strict` turned warnings into them).
    pub diagnostics: Diagnostics,
    /// Time taken.
    pub elapsed: Duration,
    /// What the render cache keeps of each page (empty unless the build
    /// used one, see `build_reusing`).
    pub records: Vec<PageRecord>,
    /// The fingerprint of every key the records name, against `site`.
    pub prints: HashMap<InputKey, Fingerprint>,
    /// How many pages were rendered, and how many taken from an earlier
    /// build unchanged.
    pub rendered: usize,
    /// See `rendered`.
    pub reused: usize,
}

impl Built {
    /// Number of HTML pages.
    pub(crate) fn page_count(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count()
    }
}

/// Why a build produced no site.
pub enum Failure {
    /// Content errors (exit 1): all of them.
    Content(Diagnostics),
    /// The theme or a template is broken (exit 2).
    Theme(RenderError),
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

/// The pages of an earlier build whose inputs all fingerprint the same
/// against the site being built: their records and files, as they were.
pub(crate) type Reused = HashMap<PageId, (PageRecord, Vec<OutputFile>)>;

/// Finds the reusable pages of an earlier build (the render cache, kept
/// by `write`), given the site and theme being built and the current
/// fingerprint of any key.
pub(crate) type Earlier<'a> = &'a (dyn Fn(&Site, &Theme, &Prints) -> Reused + Sync);

/// Load, check and render the site. Progress messages go to `progress`.
pub(crate) fn build_in_memory(
    config: Config,
    search: SearchIndex,
    progress: &dyn Fn(&str),
) -> Result<Built, Failure> {
    run(config, search, progress, None)
}

/// Like `build_in_memory`, but pages `earlier` can give are not rendered,
/// and every page's record is returned for the next build to reuse.
pub(crate) fn build_reusing(
    config: Config,
    search: SearchIndex,
    progress: &dyn Fn(&str),
    earlier: Earlier,
) -> Result<Built, Failure> {
    run(config, search, progress, Some(earlier))
}

fn run(
    config: Config,
    search: SearchIndex,
    progress: &dyn Fn(&str),
    earlier: Option<Earlier>,
) -> Result<Built, Failure> {
    let start = Instant::now();
    progress("reading bulletins");
    let loaded = load_site(&config);
    let root = config.root.clone();
    let (site, mut diagnostics) = assemble(config, loaded).map_err(|mut d| {
        quote(&mut d, &root);
        Failure::Content(d)
    })?;
    quote(&mut diagnostics, &root);
    progress("rendering pages");
    let theme = Theme::load(&site).map_err(Failure::Theme)?;
    let (mut files, records, prints, rendered, reused) = match earlier {
        None => {
            let files = render_site(&site, &theme).map_err(Failure::Theme)?;
            let n = files.iter().filter(|f| f.path.ends_with(".html")).count();
            (files, Vec::new(), HashMap::new(), n, 0)
        }
        Some(earlier) => render_reusing(&site, &theme, earlier).map_err(Failure::Theme)?,
    };
    if search == SearchIndex::Build && site.config.site.search {
        progress("indexing for search");
        index_site(&site, &mut files).map_err(Failure::Theme)?;
    }
    Ok(Built {
        site,
        files,
        diagnostics,
        elapsed: start.elapsed(),
        records,
        prints,
        rendered,
        reused,
    })
}

/// The files of a rendered site, the records of its pages, the
/// fingerprints of every key they name, and how many HTML pages were
/// rendered and reused.
type Rendering = (
    Vec<OutputFile>,
    Vec<PageRecord>,
    HashMap<InputKey, Fingerprint>,
    usize,
    usize,
);

/// Render the pages `earlier` cannot give; record every page.
fn render_reusing(site: &Site, theme: &Theme, earlier: Earlier) -> Result<Rendering, RenderError> {
    let mut parts = PartCache::default();
    parts.refresh(site);
    let prints = Prints::new(site, theme.fingerprint, &parts);
    let mut reused = earlier(site, theme, &prints);
    let ids = all_pages(site);
    let todo: Vec<PageId> = ids
        .iter()
        .filter(|id| !reused.contains_key(id))
        .cloned()
        .collect();
    let fresh = render(site, theme, &todo)?;
    let html = |files: &[OutputFile]| files.iter().filter(|f| f.path.ends_with(".html")).count();
    let (mut rendered_pages, mut reused_pages) = (0, 0);
    let mut records = Vec::with_capacity(ids.len());
    let mut generated = Vec::new();
    let mut statics = Vec::new();
    for r in fresh {
        rendered_pages += html(&r.files);
        match PageRecord::of(&r) {
            Some(record) => {
                records.push(record);
                generated.extend(r.files);
            }
            None => statics.extend(r.files),
        }
    }
    for id in &ids {
        if let Some((record, files)) = reused.remove(id) {
            reused_pages += html(&files);
            records.push(record);
            generated.extend(files);
        }
    }
    let keys: Vec<&InputKey> = {
        let mut keys: Vec<&InputKey> = records.iter().flat_map(|r| &r.keys).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    let prints: HashMap<InputKey, Fingerprint> = keys
        .into_par_iter()
        .map(|k| (k.clone(), prints.of(k)))
        .collect();
    let pairs = |files: Vec<OutputFile>| files.into_iter().map(|f| (f.path, f.content));
    let files = site_files(pairs(generated), pairs(statics))
        .into_iter()
        .map(|(path, content)| OutputFile { path, content })
        .collect();
    Ok((files, records, prints, rendered_pages, reused_pages))
}
