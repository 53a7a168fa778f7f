//! The build pipeline shared by `build`, `check` and `serve`:
//! config -> load -> model -> render. Each stage is a function of the
//! previous stage's value; writing is left to the caller.

use std::time::{Duration, Instant};

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::load::load_site;
use crate::model::site::Site;
use crate::render::search::index_site;
use crate::render::{render_site, OutputFile, RenderError, Theme};

/// A site rendered in memory.
pub struct Built {
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
    pub fn page_count(&self) -> usize {
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
pub enum SearchIndex {
    /// Index the site when site.yaml has `search: true`.
    Build,
    /// Render pages only.
    Skip,
}

/// Load, check and render the site. Progress messages go to `progress`.
pub fn build_in_memory(
    config: Config,
    search: SearchIndex,
    progress: &dyn Fn(&str),
) -> Result<Built, Failure> {
    let start = Instant::now();
    progress("reading bulletins");
    let mut loaded = load_site(&config);
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
    let strict = config.strict;
    let root = config.root.clone();
    let site = Site::assemble(config, loaded, &mut diagnostics);
    if strict {
        diagnostics.make_strict();
    }
    diagnostics.sort();
    diagnostics.fill_sources(|file| crate::load::source_text(&root, file));
    if diagnostics.has_errors() {
        return Err(Failure::Content(diagnostics));
    }
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
