//! `gazette serve`: a live preview. The site is built into a folder of its
//! own in gazette's cache folder (`store`; never into `output/`) with
//! `base_url` set to the local address, served over HTTP, and with
//! `--watch` rebuilt on every change, re-rendering only what the change
//! reaches. Open pages reload by themselves; a failed
//! build keeps the last good site and shows the error on every page.
//!
//! The parts: `rebuild` (what was read and rendered, and how a change is
//! applied: pages whose recorded inputs changed), `watch` (file
//! events into `Changes`), `state` (the served files), `store` (the
//! rendered pages on disk), `http` and `paths`
//! (requests), `livereload` (the script, the SSE stream, the overlay) and
//! `report` (the terminal), `reindex` (the search index, rebuilt in the
//! background after each rebuild).

pub(crate) mod changes;
pub(crate) mod http;
pub(crate) mod listen;
pub(crate) mod livereload;
pub(crate) mod paths;
pub(crate) mod rebuild;
pub(crate) mod reindex;
pub(crate) mod report;
pub(crate) mod sources;
pub(crate) mod state;
pub(crate) mod store;
pub(crate) mod watch;

#[cfg(test)]
mod equivalence_tests;
#[cfg(test)]
mod rebuild_tests;
#[cfg(test)]
pub(crate) mod testing;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::Duration;

use crate::config::ConfigError;
use changes::Changes;
use rebuild::{Engine, EngineOptions, RebuildError, Rebuilt, StartError};
use reindex::Reindexer;
use state::Shared;
use watch::SiteWatcher;

/// How long open connections get to finish after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    /// Site root.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port (0: any free port).
    pub port: u16,
    /// Rebuild on changes.
    pub watch: bool,
    /// Open a browser on the site.
    pub open: bool,
    /// Build drafts too.
    pub drafts: bool,
    /// `--now`: today for the release calendar.
    pub now: Option<chrono::NaiveDate>,
    /// Print every warning, not a screenful of each kind and a count.
    pub verbose: bool,
    /// gazette's cache folder (`.gazette/` or `--cache-dir`), where the
    /// rendered pages are kept while the preview runs.
    pub cache_dir: PathBuf,
}

/// Why `serve` stopped with an error.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ServeError {
    /// site.yaml is missing or wrong.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The cache folder cannot be used.
    #[error(transparent)]
    Cache(crate::write::WriteError),
    /// The address cannot be listened on.
    #[error("cannot listen on {addr}: {reason}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why, phrased for a person.
        reason: String,
    },
    /// The first build failed (without `--watch`, nothing would fix it).
    #[error("the site did not build")]
    Build(RebuildError),
    /// The file watcher could not start.
    #[error("cannot watch the site for changes: {0}")]
    Watch(#[from] notify_debouncer_full::notify::Error),
    /// The server itself failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// Build, serve, and (with `--watch`) rebuild until Ctrl-C.
pub(crate) fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let addr = SocketAddr::new(opts.bind, opts.port);
    // Listen first: with --port 0 the port is known only now, and the
    // site's base_url must carry it.
    let listener = std::net::TcpListener::bind(addr).map_err(|e| ServeError::Bind {
        addr,
        reason: if e.kind() == std::io::ErrorKind::AddrInUse {
            "the port is already in use (choose another with --port)".into()
        } else {
            e.to_string()
        },
    })?;
    listener.set_nonblocking(true)?;
    let local = listener.local_addr()?;
    let base_url = format!("http://{local}/");
    let mut engine = Engine::new(EngineOptions {
        root: opts.root.clone(),
        base_url: base_url.clone(),
        drafts: opts.drafts,
        now: opts.now,
        cache_dir: opts.cache_dir.clone(),
    })
    .map_err(|e| match e {
        StartError::Config(e) => ServeError::Config(e),
        StartError::Cache(e) => ServeError::Cache(e),
    })?;
    let shared = Shared::new();
    let reindexer = Reindexer::start(shared.clone())?;
    match engine.rebuild(&Changes::default()) {
        Ok(r) => {
            report::first_build(&r, opts.verbose);
            publish(&engine, &shared, &reindexer, r);
        }
        Err(e) if opts.watch => shared.fail(report::failed(&e, true)),
        Err(e) => return Err(ServeError::Build(e)),
    }
    if let Some(warning) = exposure_warning(opts.bind) {
        eprintln!("warning: {warning}");
    }
    // The rebuild thread never ends, so the store's folder is not dropped
    // with it: removed here when the server stops.
    let store = engine.store_path().to_path_buf();
    if opts.watch {
        let (tx, rx) = channel();
        let watcher = SiteWatcher::start(&opts.root, tx)?;
        let shared = shared.clone();
        let verbose = opts.verbose;
        // The thread ends with the process; its one resource that needs
        // closing, the store's folder, is removed below.
        std::thread::Builder::new()
            .name("gazette-rebuild".into())
            .spawn(move || rebuild_loop(engine, watcher, rx, &shared, &reindexer, verbose))?;
    }
    println!(
        "serving {} at {base_url} (Ctrl-C to stop)",
        opts.root.display()
    );
    if opts.open {
        open_browser(&base_url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(run_server(listener, shared))?;
    let _ = std::fs::remove_dir_all(store);
    println!("stopped");
    Ok(())
}

/// Serve a successful rebuild, then bring the search index up to date
/// in the background (or drop it when search is off).
fn publish(engine: &Engine, shared: &Shared, reindexer: &Reindexer, rebuilt: Rebuilt) {
    shared.apply(rebuilt.update);
    match engine.search_language() {
        Some(language) => reindexer.request(language),
        None => shared.clear_search_index(),
    }
}

/// The warning due when the preview can be reached from other machines.
fn exposure_warning(bind: IpAddr) -> Option<String> {
    (!bind.is_loopback()).then(|| {
        format!(
            "listening on {bind} makes the preview reachable from the network, drafts included; \
             use --bind 127.0.0.1 to keep it on this machine"
        )
    })
}

/// The rebuild thread: wait for changes, merge whatever else is waiting
/// (a burst of saves becomes one rebuild that reads the last content),
/// rebuild, publish, report.
fn rebuild_loop(
    mut engine: Engine,
    mut watcher: SiteWatcher,
    rx: Receiver<Changes>,
    shared: &Shared,
    reindexer: &Reindexer,
    verbose: bool,
) {
    while let Ok(mut changes) = rx.recv() {
        while let Ok(more) = rx.try_recv() {
            changes.merge(more);
        }
        watcher.watch_folders();
        // A bug must not end the preview silently: report it, start over
        // from the files on disk, and keep watching.
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.rebuild(&changes)));
        match result {
            Ok(Ok(r)) => {
                report::rebuilt(&r, verbose);
                publish(&engine, shared, reindexer, r);
            }
            Ok(Err(e)) => shared.fail(report::failed(&e, false)),
            Err(_) => {
                engine.reset();
                let message = "internal error while rebuilding (a bug in gazette); \
                               the next change rebuilds everything";
                eprintln!("error: {message}");
                shared.fail(vec![state::Problem {
                    location: String::new(),
                    message: message.into(),
                }]);
            }
        }
    }
}

async fn run_server(listener: std::net::TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let stop = Arc::new(tokio::sync::Notify::new());
    let signal = {
        let (stop, shared) = (stop.clone(), shared.clone());
        async move {
            stop_signal().await;
            // Live-reload streams never end by themselves: end them so
            // the graceful shutdown does not wait for open tabs.
            shared.shutdown();
            stop.notify_one();
        }
    };
    let server = listen::serve(listener, http::router(shared), signal);
    tokio::select! {
        () = server => {}
        () = async { stop.notified().await; tokio::time::sleep(SHUTDOWN_GRACE).await } => {}
    }
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Open the site in the desktop's browser; a failure is only a warning.
/// (The platform's opener command, rather than a crate for one call.)
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("warning: cannot open a browser ({program}: {e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_only_when_reachable_from_the_network() {
        assert!(exposure_warning("127.0.0.1".parse().unwrap()).is_none());
        assert!(exposure_warning("::1".parse().unwrap()).is_none());
        assert!(exposure_warning("0.0.0.0".parse().unwrap()).is_some());
        assert!(exposure_warning("192.168.1.5".parse().unwrap()).is_some());
    }
}
