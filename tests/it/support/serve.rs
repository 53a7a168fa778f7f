//! The preview part of the harness: `TestSite::serve` starts the real
//! `gazette serve` on the site, on a free loopback port, collects its
//! output as it comes, and talks HTTP to it. The child process is killed
//! when the test ends, whatever happens.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::TestSite;

/// Generous bounds: the tests run on small, busy machines.
pub(crate) const START_TIMEOUT: Duration = Duration::from_secs(90);
pub(crate) const CHANGE_TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(100);

/// Lines a child printed so far, filled by a reader thread.
#[derive(Clone, Default)]
pub(crate) struct Output(Arc<Mutex<String>>);

impl Output {
    fn follow(stream: impl Read + Send + 'static) -> Output {
        let out = Output::default();
        let sink = out.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let mut text = sink.0.lock().unwrap_or_else(|e| e.into_inner());
                text.push_str(&line);
                text.push('\n');
            }
        });
        out
    }

    /// Everything so far.
    pub(crate) fn text(&self) -> String {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// A `gazette` process left running, its output collected as it comes.
pub(crate) struct Running {
    /// The child process.
    pub child: Child,
    /// Its stdout.
    pub out: Output,
    /// Its stderr.
    pub err: Output,
}

impl TestSite {
    /// Start `gazette <args> --root <site>` and return at once.
    pub(crate) fn spawn(&self, args: &[&str]) -> Running {
        let mut child = self
            .command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gazette");
        let out = Output::follow(child.stdout.take().expect("stdout"));
        let err = Output::follow(child.stderr.take().expect("stderr"));
        Running { child, out, err }
    }

    /// `gazette serve --port 0 <extra>` on this site, once it listens:
    /// `--port 0` lets the system choose a free port, which the server
    /// prints.
    pub(crate) fn serve(self, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--port", "0"];
        args.extend_from_slice(extra);
        let Running { child, out, err } = self.spawn(&args);
        let mut server = Server {
            child,
            out,
            err,
            site: self,
            addr: String::new(),
        };
        let start = Instant::now();
        loop {
            let text = server.out.text();
            if let Some(addr) = text
                .split("http://")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
            {
                server.addr = addr.to_string();
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("gazette serve exited with {status}: {}", server.err.text());
            }
            assert!(
                start.elapsed() < START_TIMEOUT,
                "gazette serve did not start: {}",
                server.err.text()
            );
            std::thread::sleep(POLL);
        }
    }
}

/// Wait for `child` to exit, killing it after `timeout`.
pub(crate) fn wait_exit(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(POLL);
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// Poll `check` until it holds or `timeout` passes; panics with `what`.
pub(crate) fn eventually(what: &str, timeout: Duration, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(POLL);
    }
}

/// A running `gazette serve` on a test site.
pub(crate) struct Server {
    /// The child process; killed on drop.
    pub child: Child,
    /// Its stdout.
    pub out: Output,
    /// Its stderr.
    pub err: Output,
    /// The site served (deleted on drop, after the server is stopped).
    pub site: TestSite,
    /// `127.0.0.1:<port>`.
    pub addr: String,
}

impl Server {
    /// A path inside the site.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.site.path(rel)
    }

    /// The URL of a site path.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Send a request; statuses are answers, not errors.
    pub(crate) fn request(&self, method: &str, path: &str) -> Reply {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(CHANGE_TIMEOUT))
            .build()
            .into();
        let url = self.url(path);
        let res = match method {
            "GET" => agent.get(&url).call(),
            "HEAD" => agent.head(&url).call(),
            "POST" => agent.post(&url).send_empty(),
            "PUT" => agent.put(&url).send_empty(),
            "DELETE" => agent.delete(&url).call(),
            other => panic!("unsupported method {other}"),
        };
        let mut res = res.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let (content_type, length) = (header("content-type"), header("content-length"));
        let allow = header("allow");
        let location = header("location");
        let status = res.status().as_u16();
        let body = res.body_mut().read_to_vec().unwrap_or_default();
        Reply {
            status,
            content_type,
            length,
            allow,
            location,
            body,
        }
    }

    /// GET a page.
    pub(crate) fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }

    /// Send `target` exactly as written (no client-side normalisation),
    /// and return the status and the body.
    pub(crate) fn raw_get(&self, target: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(CHANGE_TIMEOUT)).expect("timeout");
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .expect("send");
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        let text = String::from_utf8_lossy(&answer).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (status, text)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP answer.
pub(crate) struct Reply {
    pub status: u16,
    pub content_type: String,
    pub length: String,
    pub allow: String,
    pub location: String,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text.
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}
