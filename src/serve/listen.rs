//! Accepting connections for the preview, with the limits a server needs
//! when a browser, a load test or a misbehaving client is on the other
//! end (the habits of nginx and Hugo's server):
//!
//! - each connection is its own task, so a slow client never holds up
//!   another;
//! - a request's headers must arrive within `HEADER_TIMEOUT` (hyper's
//!   header read timeout, which also ends keep-alive connections that sit
//!   idle that long), so a client sending a byte a second, or a thousand
//!   connections that send nothing, are closed instead of kept forever;
//! - at most `max_connections()` connections are open at once; past that,
//!   new ones wait in the kernel's accept queue until one closes, instead
//!   of the process running out of file descriptors;
//! - a request head is at most `MAX_HEAD_BYTES`, so a thousand slow
//!   clients cannot make the server buffer much;
//! - accept errors (out of descriptors) pause accepting briefly rather
//!   than spinning or stopping the server.
//!
//! axum's own `serve` sets none of these (it gives hyper no timer, so
//! hyper's header timeout is off), hence this loop around hyper's HTTP/1
//! connection builder.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

/// Time a client has to send a request's headers (and the longest a
/// keep-alive connection may sit idle between requests).
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Largest request head read (request line and headers). A preview gets
/// GET requests from a browser; 64 KiB is far above any real one.
pub(crate) const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Upper bound on open connections, whatever the descriptor limit allows.
const CONNECTION_CAP: u64 = 4096;

/// Descriptors kept for everything else (the site's files, the watcher).
const SPARE_DESCRIPTORS: u64 = 256;

/// Raise the soft limit on open files to the hard limit (as most servers
/// do: the soft default of 1,024 is a shell convention, not a budget) and
/// return how many connections the server may hold open.
pub(crate) fn max_connections() -> usize {
    use rustix::process::{getrlimit, setrlimit, Resource};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.current < limit.maximum {
        limit.current = limit.maximum;
        let _ = setrlimit(Resource::Nofile, limit);
    }
    let available = getrlimit(Resource::Nofile)
        .current
        .unwrap_or(CONNECTION_CAP + SPARE_DESCRIPTORS);
    available
        .saturating_sub(SPARE_DESCRIPTORS)
        .clamp(16, CONNECTION_CAP) as usize
}

/// Serve `app` on `listener` until `stop` completes; then ask every open
/// connection to finish its current response and close, and return once
/// all have (the caller bounds how long it waits).
pub(crate) async fn serve(listener: TcpListener, app: Router, stop: impl Future<Output = ()>) {
    let permits = Arc::new(Semaphore::new(max_connections()));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES);
    // Dropped when serving stops: every connection task sees its receiver
    // change and shuts its connection down gracefully.
    let (closing, close_rx) = watch::channel(());
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut stop => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of descriptors, or a connection reset before it
                    // was accepted: pause, then go on accepting.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let conn =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let mut close = close_rx.clone();
        tokio::spawn(async move {
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = close.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            drop(permit);
            drop(close);
        });
    }
    drop(close_rx);
    drop(listener);
    let _ = closing.send(());
    closing.closed().await;
}
