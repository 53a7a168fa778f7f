//! The preview under abuse: a client that sends its headers a byte at a
//! time, a thousand connections that send nothing, and the build id every
//! answer carries.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::support::serve::{eventually, CHANGE_TIMEOUT};

/// The server's header timeout is 10 s; this bounds the wait for it.
const CLOSE_WITHIN: Duration = Duration::from_secs(40);

/// Raise this process's soft limit on open files to the hard limit, as
/// the server does for itself, so the test can hold a thousand sockets.
fn allow_many_sockets() {
    use rustix::process::{getrlimit, setrlimit, Resource};
    let mut limit = getrlimit(Resource::Nofile);
    limit.current = limit.maximum;
    let _ = setrlimit(Resource::Nofile, limit);
}

/// Read until the peer closes (or `limit` passes); true if it closed.
fn closed_by_server(mut s: TcpStream, limit: Duration) -> bool {
    s.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 4096];
    let start = Instant::now();
    while start.elapsed() < limit {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
    false
}

#[test]
fn slow_and_idle_clients_do_not_block_others_and_are_closed() {
    allow_many_sockets();
    let s = super::serve(&[]);
    let idle: Vec<TcpStream> = (0..1_000)
        .map(|_| TcpStream::connect(&s.addr).expect("connect an idle client"))
        .collect();
    let slow_addr = s.addr.clone();
    let slow = std::thread::spawn(move || {
        let mut c = TcpStream::connect(&slow_addr).expect("connect the slow client");
        let request = format!("GET / HTTP/1.1\r\nHost: {slow_addr}\r\nX-Slow: yes\r\n\r\n");
        let start = Instant::now();
        // One byte every 250 ms: the headers would take ~15 s.
        for b in request.bytes() {
            if c.write_all(&[b]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        (closed_by_server(c, CLOSE_WITHIN), start.elapsed())
    });
    // Meanwhile, other clients are answered as usual.
    for _ in 0..20 {
        let r = s.get("/");
        assert_eq!(r.status, 200);
        assert!(r.text().contains("</html>"));
    }
    let (status, answer) = s.raw_get("/2021/budget/");
    assert_eq!(status, 200, "{answer}");
    // The build id: in a header and in the page's live-reload script.
    let build = answer
        .lines()
        .find_map(|l| l.strip_prefix("x-gazette-build: "))
        .expect("a build header")
        .trim()
        .to_string();
    assert!(
        answer.contains(&format!("e.data!==\"{build}\"")),
        "the page carries the same build: {build}"
    );
    // The slow client is cut off at the header timeout, long before it
    // would have finished.
    let (closed, took) = slow.join().unwrap();
    assert!(closed, "the slow client was never closed");
    assert!(took < Duration::from_secs(30), "closed only after {took:?}");
    // So are the idle ones.
    let mut idle = idle.into_iter();
    assert!(closed_by_server(idle.next().unwrap(), CLOSE_WITHIN));
    drop(idle);
    eventually(
        "the server to answer after the storm",
        CHANGE_TIMEOUT,
        || s.get("/").status == 200,
    );
}
