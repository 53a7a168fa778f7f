//! The site as the server sees it: a map from output path to the file
//! that holds its bytes (a page the preview rendered, kept in its own
//! folder by `store`, or a source file: attachments and static files), read
//! at request time,
//! the error of the last failed build if any, and the live-reload channel.
//!
//! The map is keyed by normalized output path, so a request can only ever
//! reach a file the build produced: there is no folder on disk to escape
//! from. The site is an immutable snapshot behind an `Arc`: a rebuild
//! prepares the next snapshot aside and swaps the pointer under a lock held
//! for a pointer's copy, so a request sees one whole build, never half of
//! one, and never waits for a rebuild to finish applying.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use axum::body::Bytes;
use rayon::prelude::*;
use tokio::sync::watch;

use crate::render::search::{pages_to_index, IndexPage};
use crate::render::{serves, site_files, Content, OutputFile};
use crate::serve::rebuild::Update;

/// One served file.
#[derive(Debug, Clone)]
pub(crate) enum Served {
    /// Bytes in memory (the search index, files embedded in gazette).
    Bytes(Bytes),
    /// A page the preview rendered, in its folder (`store`).
    Stored(PathBuf),
    /// A source file, read when requested.
    File(PathBuf),
}

impl From<Content> for Served {
    fn from(c: Content) -> Self {
        match c {
            Content::Bytes(b) => Served::Bytes(Bytes::from(b)),
            Content::Copy(p) | Content::Linked { path: p, .. } => Served::File(p),
            Content::Embedded(b) => Served::Bytes(Bytes::from_static(b)),
        }
    }
}

/// A file of the site: its output path and where its bytes are.
pub(crate) type ServedFile = (String, Served);

/// One problem shown in the browser overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// `path:line:col`, or just the path, or empty.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

/// What the live-reload endpoint tells open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LiveEvent {
    /// Nothing happened yet.
    Idle,
    /// A build succeeded; the number is the new version.
    Reload(u64),
    /// A build failed; the number is the new version.
    Failed(u64),
    /// The server is stopping: close the streams.
    Shutdown,
}

#[derive(Default, Clone)]
struct Snapshot {
    generated: HashMap<String, Served>,
    statics: HashMap<String, Served>,
    /// The search index, swapped in whole by `reindex`, apart from the
    /// generated files so a full rebuild does not drop it meanwhile.
    search: HashMap<String, Served>,
    problems: Option<Arc<Vec<Problem>>>,
    version: u64,
    built: bool,
}

/// The state shared by the HTTP handlers and the rebuild thread.
pub(crate) struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Held from the copy of a snapshot to its swap: the rebuild thread
    /// and the search re-indexer both update the site, and neither may
    /// lose the other's change.
    updating: Mutex<()>,
    live: watch::Sender<LiveEvent>,
}

/// A file found for a request, with the state it was found in.
pub(crate) struct Found {
    /// The file, if the path exists.
    pub file: Option<Served>,
    /// The errors of the last build, if it failed.
    pub problems: Option<Arc<Vec<Problem>>>,
    /// The version of the site.
    pub version: u64,
    /// False until a first build succeeded.
    pub built: bool,
}

impl Shared {
    /// An empty site.
    pub(crate) fn new() -> Arc<Shared> {
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            updating: Mutex::new(()),
            live: watch::Sender::new(LiveEvent::Idle),
        })
    }

    /// The current snapshot. A panic elsewhere must not take the preview
    /// down with a poisoned lock: the lock guards only a pointer, replaced
    /// whole, so it is never half-written.
    fn read(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Build the next snapshot from the current one with `change`, then
    /// swap it in as a new version of the site. Requests keep reading the
    /// old snapshot until the swap. Returns the new version.
    fn update(&self, change: impl FnOnce(&mut Snapshot)) -> u64 {
        self.swap(|s| {
            change(s);
            s.version += 1;
        })
    }

    /// Copy the current snapshot, change the copy and swap it in; updates
    /// are serialized by `updating`, so none is lost between copy and swap.
    fn swap(&self, change: impl FnOnce(&mut Snapshot)) -> u64 {
        let _one_at_a_time = self.updating.lock().unwrap_or_else(|e| e.into_inner());
        let mut next = Snapshot::clone(&self.read());
        change(&mut next);
        let version = next.version;
        let old = std::mem::replace(
            &mut *self.snapshot.write().unwrap_or_else(|e| e.into_inner()),
            Arc::new(next),
        );
        // Freed here (or by the last request still holding it), outside
        // the lock.
        drop(old);
        version
    }

    /// Apply a successful build and tell open pages to reload.
    pub(crate) fn apply(&self, update: Update) {
        let version = self.update(|s| {
            if update.replace_all {
                s.generated.clear();
            }
            for path in update.remove {
                s.generated.remove(&path);
            }
            s.generated.extend(update.insert);
            if let Some(statics) = update.statics {
                s.statics = site_files(None, statics).into_iter().collect();
            }
            s.problems = None;
            s.built = true;
        });
        self.live.send_replace(LiveEvent::Reload(version));
    }

    /// Record a failed build: the site stays, the problems are shown.
    pub(crate) fn fail(&self, problems: Vec<Problem>) {
        let version = self.update(|s| s.problems = Some(Arc::new(problems)));
        self.live.send_replace(LiveEvent::Failed(version));
    }

    /// Look up an output path; static files win over generated ones by
    /// the rule `build` follows (`render::serves`).
    pub(crate) fn find(&self, path: &str) -> Found {
        let s = self.read();
        Found {
            file: serves(s.statics.get(path), s.generated.get(path))
                .or_else(|| s.search.get(path))
                .cloned(),
            problems: s.problems.clone(),
            version: s.version,
            built: s.built,
        }
    }

    /// Every file of the site but the search index, by path: what a
    /// `build` of the same sources writes, before its search index.
    #[cfg(test)]
    pub(crate) fn files(&self) -> std::collections::BTreeMap<String, Served> {
        let s = self.read();
        let clone = |(p, f): (&String, &Served)| (p.clone(), f.clone());
        site_files(s.generated.iter().map(clone), s.statics.iter().map(clone))
    }

    /// Does the site have this output path?
    pub(crate) fn contains(&self, path: &str) -> bool {
        let s = self.read();
        s.statics.contains_key(path)
            || s.generated.contains_key(path)
            || s.search.contains_key(path)
    }

    /// The rendered pages to index for search, as `build` indexes them:
    /// picked under the lock, read and decoded after it is released, in
    /// parallel batches so only a batch of pages is in memory at once. A
    /// page whose file went meanwhile (a newer rebuild) is left out; the
    /// index is made again after that rebuild anyway.
    pub(crate) fn pages_to_index(&self) -> Vec<IndexPage> {
        let html: Vec<(String, PathBuf)> = {
            let s = self.read();
            s.generated
                .iter()
                .filter_map(|(path, served)| match served {
                    Served::Stored(p) if path.ends_with(".html") => Some((path.clone(), p.clone())),
                    _ => None,
                })
                .collect()
        };
        let mut pages: Vec<IndexPage> = html
            .par_chunks(256)
            .flat_map_iter(|chunk| {
                let read: Vec<(&str, Vec<u8>)> = chunk
                    .iter()
                    .filter_map(|(path, file)| Some((path.as_str(), std::fs::read(file).ok()?)))
                    .collect();
                pages_to_index(read.iter().map(|(p, b)| (*p, b.as_slice())))
            })
            .collect();
        // In path order, as `build` indexes them, whatever the map's order.
        pages.sort_by(|a, b| a.url.cmp(&b.url));
        pages
    }

    /// Swap in a new search index (no reload: open pages keep working
    /// with the index they loaded).
    pub(crate) fn set_search_index(&self, files: Vec<OutputFile>) {
        let search = files
            .into_iter()
            .map(|f| (f.path, f.content.into()))
            .collect();
        self.swap(|s| s.search = search);
    }

    /// Drop the search index (`search: false`).
    pub(crate) fn clear_search_index(&self) {
        self.swap(|s| s.search.clear());
    }

    /// The current version of the site.
    pub(crate) fn version(&self) -> u64 {
        self.read().version
    }

    /// A receiver of live-reload events from now on.
    pub(crate) fn subscribe(&self) -> watch::Receiver<LiveEvent> {
        self.live.subscribe()
    }

    /// Close every live-reload stream.
    pub(crate) fn shutdown(&self) {
        self.live.send_replace(LiveEvent::Shutdown);
    }
}
