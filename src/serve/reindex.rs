//! The preview's search index, kept current in the background. Indexing
//! the whole site takes far longer than re-rendering one bulletin, so a
//! rebuild never waits for it: after each successful rebuild a worker
//! thread indexes the pages being served and swaps the new index in whole.
//! Until then the previous index keeps answering (a few results may be a
//! rebuild behind); requests that arrive while it works are merged into
//! one more pass, so the last index always matches the last site.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;

use crate::render::search::build_index;
use crate::serve::state::Shared;

/// A handle on the indexing thread.
pub(crate) struct Reindexer {
    tx: Sender<String>,
}

impl Reindexer {
    /// Start the thread; it indexes nothing until asked.
    pub(crate) fn start(shared: Arc<Shared>) -> std::io::Result<Reindexer> {
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("gazette-search-index".into())
            .spawn(move || index_loop(&shared, &rx))?;
        Ok(Reindexer { tx })
    }

    /// Index the served site again, in `language` (the site's).
    pub(crate) fn request(&self, language: &str) {
        // The thread lives as long as the process; a send can only fail
        // if it panicked, and then the preview merely lacks search.
        let _ = self.tx.send(language.to_string());
    }
}

fn index_loop(shared: &Shared, rx: &Receiver<String>) {
    lower_priority();
    while let Ok(mut language) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            language = newer;
        }
        let pages = shared.pages_to_index();
        match build_index(pages, &language) {
            Ok(files) => shared.set_search_index(files),
            Err(e) => eprintln!("warning: {e}; search in the preview shows the previous index"),
        }
    }
}

/// Give the CPU to rebuilds first: on Linux the nice value belongs to the
/// thread (and the threads it starts, here Pagefind's workers), so the
/// preview's rebuilds and requests keep their priority. Elsewhere the
/// index simply competes as any thread does.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // `None`: the calling thread, under Linux's per-thread nice values.
        let _ = rustix::process::setpriority_process(None, 10);
    }
}
