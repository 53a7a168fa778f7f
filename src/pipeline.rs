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

use std::time::{Duration, Instant};

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::load::load_site;
use crate::model::site::Loaded;
use crate::model::site::Site;
use crate::render::page_id::{render_pages, PageId, Rendered};
use crate::render::pages::SiteContext;
use crate::render::search::index_site;
use crate::render::{render_site, OutputFile, RenderError, Theme};

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

/// Load, check and render the site. Progress messages go to `progress`.
pub(crate) fn build_in_memory(
    config: Config,
    search: SearchIndex,
    progress: &dyn Fn(&str),
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
    let mut files = render_site(&site, &theme).map_err(Failure::Theme)?;
    if search == SearchIndex::Build && site.config.site.search {
        progress("indexing for search");
        index_site(&site, &mut files).map_err(Failure::Theme)?;
    }
    Ok(Built {
        site,
        files,
        diagnostics,
        elapsed: start.elapsed(),
    })
}
