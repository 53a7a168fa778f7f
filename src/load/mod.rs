//! Loading: walk the site, read and check every source, and return the
//! typed bulletins with every diagnostic found. Files are read and parsed
//! in parallel; the result does not depend on thread scheduling.

pub(crate) mod bulletin;
pub(crate) mod catalogue;
pub(crate) mod front_matter;
pub(crate) mod parses;
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
use parses::{ParsedNow, Parses};

/// Read the catalogue and every bulletin of the site.
pub(crate) fn load_site(config: &Config) -> Loaded {
    load_site_reusing(config, None).0
}

/// Read the catalogue and every bulletin of the site, taking from
/// `earlier` the bulletins of files it parsed from the same bytes in the
/// same context. Also returns this build's clean parses, for the next.
pub(crate) fn load_site_reusing(config: &Config, earlier: Option<&Parses>) -> (Loaded, ParsedNow) {
    let mut diagnostics = Diagnostics::new();
    let catalogue = load_catalogue(config, &mut diagnostics);
    let (sources, walk_diags) = walk::find_sources(&config.root);
    diagnostics.extend(walk_diags);
    let ctx = bulletin::Context {
        catalogue: &catalogue,
        site: &config.site,
    };
    let context = parses::context_of(&catalogue, &config.site);
    let earlier = earlier.map(|p| (context, p));
    let results: Vec<(Option<Bulletin>, Vec<Diagnostic>, u128)> = sources
        .par_iter()
        .map(|src| load_bulletin_reusing(src, &ctx, earlier))
        .collect();
    let mut bulletins = Vec::with_capacity(results.len());
    let mut parsed = Vec::new();
    for ((b, d, hash), src) in results.into_iter().zip(&sources) {
        if let Some(b) = b.map(Arc::new) {
            if d.is_empty() {
                parsed.push((src.rel.clone(), hash, b.clone()));
            }
            bulletins.push(b);
        }
        diagnostics.extend(d);
    }
    let loaded = Loaded {
        catalogue,
        bulletins,
        diagnostics,
    };
    let parsed = ParsedNow {
        context,
        bulletins: parsed,
    };
    (loaded, parsed)
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
    let (b, d, _) = load_bulletin_reusing(src, ctx, None);
    (b, d)
}

/// Read one bulletin file and parse it, or take the bulletin `earlier`
/// parsed from the same bytes (`earlier` holds the current context).
/// Also returns the hash of the file's bytes.
fn load_bulletin_reusing(
    src: &walk::SourceFile,
    ctx: &bulletin::Context,
    earlier: Option<(u128, &Parses)>,
) -> (Option<Bulletin>, Vec<Diagnostic>, u128) {
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
                0,
            )
        }
    };
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
    if let Some(b) = earlier.and_then(|(context, p)| p.get(context, &src.rel, hash)) {
        return (Some(with_attachments(b.clone(), src)), Vec::new(), hash);
    }
    let (text, mut diags) = match text::decode(&src.rel, &bytes) {
        Ok(t) => t,
        Err(d) => return (None, vec![d], hash),
    };
    let (bulletin, more) = bulletin::parse_bulletin(&src.rel, &text, &src.stem, ctx);
    diags.extend(more);
    let source: Arc<str> = Arc::from(text.as_str());
    let diags = diags
        .into_iter()
        .map(|d| d.with_source(source.clone()))
        .collect();
    (bulletin.map(|b| with_attachments(b, src)), diags, hash)
}

/// A bundle's other files, found by the walk.
fn with_attachments(mut b: Bulletin, src: &walk::SourceFile) -> Bulletin {
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
