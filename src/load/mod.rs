//! Loading: walk the site, read and check every source, and return the
//! typed bulletins with every diagnostic found. Files are read and parsed
//! in parallel; the result does not depend on thread scheduling.

pub(crate) mod bulletin;
pub(crate) mod catalogue;
pub(crate) mod front_matter;
pub(crate) mod summary;
pub(crate) mod walk;

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::bulletin::{Attachment, Bulletin};
use crate::model::catalogue::Catalogue;
use crate::model::site::Loaded;
use crate::text;

/// Read the catalogue and every bulletin of the site.
pub(crate) fn load_site(config: &Config) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let catalogue = load_catalogue(config, &mut diagnostics);
    let (sources, walk_diags) = walk::find_sources(&config.root);
    diagnostics.extend(walk_diags);
    let ctx = bulletin::Context {
        catalogue: &catalogue,
        site: &config.site,
    };
    let results: Vec<(Option<Bulletin>, Vec<Diagnostic>)> = sources
        .par_iter()
        .map(|src| load_bulletin(src, &ctx))
        .collect();
    let mut bulletins = Vec::with_capacity(results.len());
    for (b, d) in results {
        bulletins.extend(b.map(Arc::new));
        diagnostics.extend(d);
    }
    Loaded {
        catalogue,
        bulletins,
        diagnostics,
    }
}

/// Read `indicators.yaml` (a missing catalogue is an empty one).
pub(crate) fn load_catalogue(config: &Config, diagnostics: &mut Diagnostics) -> Catalogue {
    let path = config.root.join("indicators.yaml");
    match std::fs::read(&path) {
        Ok(bytes) => match text::decode("indicators.yaml", &bytes) {
            Ok((text, warnings)) => {
                diagnostics.extend(warnings);
                let (c, d) = catalogue::parse_catalogue("indicators.yaml", &text);
                diagnostics.extend(d);
                c
            }
            Err(d) => {
                diagnostics.push(d);
                Catalogue::default()
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Catalogue::default(),
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                "indicators.yaml",
                None,
                format!("cannot read: {e}"),
            ));
            Catalogue::default()
        }
    }
}

/// Read one bulletin file and parse it.
pub(crate) fn load_bulletin(
    src: &walk::SourceFile,
    ctx: &bulletin::Context,
) -> (Option<Bulletin>, Vec<Diagnostic>) {
    let bytes = match std::fs::read(&src.path) {
        Ok(b) => b,
        Err(e) => {
            return (
                None,
                vec![Diagnostic::error(
                    &src.rel,
                    None,
                    format!("cannot read: {e}"),
                )],
            )
        }
    };
    let (text, mut diags) = match text::decode(&src.rel, &bytes) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let (bulletin, more) = bulletin::parse_bulletin(&src.rel, &text, &src.stem, ctx);
    diags.extend(more);
    let source: Arc<str> = Arc::from(text.as_str());
    let diags = diags
        .into_iter()
        .map(|d| d.with_source(source.clone()))
        .collect();
    let bulletin = bulletin.map(|mut b| {
        b.attachments = src
            .attachments
            .iter()
            .map(|(name, path, size)| Attachment {
                name: name.clone(),
                source: path.clone(),
                size: *size,
            })
            .collect();
        b
    });
    (bulletin, diags)
}

/// The text of a site file as the loader saw it (BOM dropped, line ends
/// folded), for quoting the offending line under a diagnostic that was
/// found after loading (revisions, consistency, duplicate slugs).
pub(crate) fn source_text(root: &std::path::Path, rel: &str) -> Option<Arc<str>> {
    let bytes = std::fs::read(root.join(rel)).ok()?;
    text::decode(rel, &bytes)
        .ok()
        .map(|(t, _)| Arc::from(t.as_str()))
}
