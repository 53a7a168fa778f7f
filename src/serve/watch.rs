//! Watching the site for changes with notify, debounced by
//! notify-debouncer-full: editors save in bursts (temp file, rename,
//! delete the backup), and the debouncer folds each path's burst into one
//! event and pairs renames. Each batch is sorted into `Changes` and sent
//! to the rebuild loop, which merges whatever batches are waiting, so a
//! burst of saves ends in one rebuild that reads the last content.
//!
//! Only what makes the site is watched: the root itself (not
//! recursively, for site.yaml and indicators.yaml, which editors replace
//! by renaming) and `bulletins/`, `templates/`, `static/`, `themes/` and `i18n/`
//! recursively. `output/`, `target/` or `.git/` beside them are never
//! watched, which matters when the site is a code repository.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::fsutil::is_ignored;
use crate::serve::changes::Changes;

/// How long a path must be quiet before its events are delivered.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(150);

/// The folders under the root that are watched recursively.
const FOLDERS: [&str; 5] = ["bulletins", "templates", "static", "themes", "i18n"];

/// A running watcher; dropping it stops watching.
pub(crate) struct SiteWatcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl SiteWatcher {
    /// Start watching the site at `root`; batches of changes go to `tx`.
    pub(crate) fn start(
        root: &Path,
        tx: Sender<Changes>,
    ) -> notify_debouncer_full::notify::Result<Self> {
        // Events carry the watched path as prefix; watch the canonical
        // path so that prefix can be stripped again.
        let root = root.canonicalize()?;
        let events_root = root.clone();
        let handler = move |result: DebounceEventResult| match result {
            Ok(events) => {
                let mut changes = Changes::default();
                for event in events {
                    if matches!(event.kind, EventKind::Access(_)) {
                        continue;
                    }
                    if event.need_rescan() {
                        // The kernel dropped events: re-read everything.
                        changes.config = true;
                    }
                    for path in &event.paths {
                        if let Ok(rel) = path.strip_prefix(&events_root) {
                            changes.merge(classify(rel));
                        }
                    }
                }
                if !changes.is_empty() {
                    // The receiver is gone only while shutting down.
                    let _ = tx.send(changes);
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: watching for changes: {e}");
                }
            }
        };
        let debouncer = new_debouncer(DEBOUNCE, None, handler)?;
        let mut watcher = SiteWatcher {
            debouncer,
            root,
            watched: Vec::new(),
        };
        watcher
            .debouncer
            .watch(&watcher.root, RecursiveMode::NonRecursive)?;
        watcher.watch_folders();
        Ok(watcher)
    }

    /// Watch the site's folders that exist and are not watched yet (one
    /// may be created while serving, say a first `static/`).
    pub(crate) fn watch_folders(&mut self) {
        for name in FOLDERS {
            let dir = self.root.join(name);
            if self.watched.contains(&dir) || !dir.is_dir() {
                continue;
            }
            match self.debouncer.watch(&dir, RecursiveMode::Recursive) {
                Ok(()) => self.watched.push(dir),
                Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
            }
        }
        // A folder that was deleted is watched again when it comes back.
        self.watched.retain(|d| d.is_dir());
    }
}

/// What a change at `rel` (relative to the site root) means.
pub(crate) fn classify(rel: &Path) -> Changes {
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let mut changes = Changes::default();
    // Editor leftovers and hidden files never make the site.
    if parts.iter().skip(1).any(|p| is_ignored(p)) {
        return changes;
    }
    match parts
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["site.yaml"] => changes.config = true,
        ["indicators.yaml"] => changes.catalogue = true,
        ["bulletins", ..] => {
            changes.bulletins.insert(parts.join("/"));
        }
        ["templates", ..] | ["i18n", ..] => changes.theme = true,
        ["static", ..] | ["themes", _, "static", ..] => changes.statics = true,
        ["themes", ..] => changes.theme = true,
        _ => {}
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(path: &str) -> Changes {
        classify(Path::new(path))
    }

    #[test]
    fn sorts_paths_by_what_they_change() {
        assert!(of("site.yaml").config);
        assert!(of("indicators.yaml").catalogue);
        assert!(of("templates/base.html").theme);
        assert!(of("i18n/zh.yaml").theme);
        assert!(of("themes/default/i18n/zh.yaml").theme);
        assert!(of("themes/default/static/style.css").statics);
        assert!(of("static/logo.svg").statics);
        let b = of("bulletins/2021/report.md");
        assert_eq!(
            b.bulletins.into_iter().collect::<Vec<_>>(),
            ["bulletins/2021/report.md"]
        );
    }

    #[test]
    fn ignores_output_editor_files_and_other_folders() {
        for p in [
            "output/index.html",
            "target/debug/gazette",
            ".git/index",
            "README.md",
            "bulletins/2021/.report.md.swp",
            "bulletins/2021/report.md~",
            "bulletins/2021/#report.md#",
            "templates/.base.html.swp",
        ] {
            assert!(of(p).is_empty(), "{p}");
        }
    }
}
