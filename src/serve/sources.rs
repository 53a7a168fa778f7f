//! `Sources`: every bulletin source of the site with what reading it gave
//! (the bulletin, or the diagnostics that stopped it), kept between
//! rebuilds so that a change re-reads only the files it touched.
//!
//! A changed Markdown file outside any bundle is found without walking
//! the tree (`walk::plain_source`); anything else (a folder, a bundle, an
//! attachment) walks `bulletins/` again and re-reads what is new, touched
//! or has other attachments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::walk::{find_sources, plain_source, SourceFile};
use crate::load::{bulletin, load_bulletin};
use crate::model::bulletin::Bulletin;

/// One bulletin source and what reading it gave.
struct Entry {
    source: SourceFile,
    bulletin: Option<Arc<Bulletin>>,
    diags: Vec<Diagnostic>,
}

/// The bulletin sources of a site, by path relative to the root.
#[derive(Default)]
pub(crate) struct Sources {
    entries: BTreeMap<String, Entry>,
    walk_diags: Vec<Diagnostic>,
}

impl Sources {
    /// Forget everything: the next refresh reads every file.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    /// Bring the sources up to date after `touched` paths (relative to
    /// `root`) changed; returns the paths re-read or forgotten.
    pub(crate) fn refresh(
        &mut self,
        root: &Path,
        touched: &BTreeSet<String>,
        ctx: &bulletin::Context,
    ) -> BTreeSet<String> {
        let mut changed = BTreeSet::new();
        let to_read = match self.quick(root, touched, &mut changed) {
            Some(found) => found,
            None => self.walk(root, touched, &mut changed),
        };
        let read: Vec<Entry> = to_read
            .into_par_iter()
            .map(|source| {
                let (bulletin, diags) = load_bulletin(&source, ctx);
                Entry {
                    source,
                    bulletin: bulletin.map(Arc::new),
                    diags,
                }
            })
            .collect();
        for entry in read {
            changed.insert(entry.source.rel.clone());
            self.entries.insert(entry.source.rel.clone(), entry);
        }
        changed
    }

    /// Changed Markdown files outside bundles: no walk needed.
    fn quick(
        &mut self,
        root: &Path,
        touched: &BTreeSet<String>,
        changed: &mut BTreeSet<String>,
    ) -> Option<Vec<SourceFile>> {
        // A first or full read, or a file the last walk warned about (a
        // link, a special file), needs a walk.
        if self.entries.is_empty()
            || touched.is_empty()
            || self.walk_diags.iter().any(|d| touched.contains(&d.file))
        {
            return None;
        }
        let found: Vec<Option<SourceFile>> = touched
            .iter()
            .map(|rel| plain_source(root, rel))
            .collect::<Option<_>>()?;
        for rel in touched {
            if self.entries.remove(rel).is_some() {
                changed.insert(rel.clone());
            }
        }
        Some(found.into_iter().flatten().collect())
    }

    /// Walk `bulletins/`; returns the sources to read.
    fn walk(
        &mut self,
        root: &Path,
        touched: &BTreeSet<String>,
        changed: &mut BTreeSet<String>,
    ) -> Vec<SourceFile> {
        let (found, walk_diags) = find_sources(root);
        self.walk_diags = walk_diags;
        let mut kept = BTreeMap::new();
        let mut to_read = Vec::new();
        for src in found {
            match self.entries.remove(&src.rel) {
                Some(old)
                    if !touched.contains(&src.rel) && old.source.attachments == src.attachments =>
                {
                    kept.insert(src.rel.clone(), old);
                }
                _ => to_read.push(src),
            }
        }
        // What is left was deleted (or renamed away).
        changed.extend(std::mem::take(&mut self.entries).into_keys());
        self.entries = kept;
        to_read
    }

    /// Every diagnostic of walking and reading.
    pub(crate) fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        let read = self.entries.values().flat_map(|e| e.diags.iter());
        self.walk_diags.iter().chain(read)
    }

    /// Every bulletin that was read (drafts included), shared, not copied.
    pub(crate) fn bulletins(&self) -> Vec<Arc<Bulletin>> {
        self.entries
            .values()
            .filter_map(|e| e.bulletin.clone())
            .collect()
    }
}
