//! `gazette serve`, end to end: the real binary on a free loopback port,
//! serving a copy of `tests/fixtures/serve-site`, driven over HTTP.

mod limits;

use std::io::{BufRead, BufReader};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::serve::{
    eventually, wait_exit, Running, Server, CHANGE_TIMEOUT, START_TIMEOUT,
};
use crate::support::TestSite;

const BUDGET: &str = "bulletins/2021/budget.md";
const BUDGET_PAGE: &str = "/2021/budget/";

/// A fresh copy of `tests/fixtures/serve-site`, with the default theme
/// as its own `themes/default/`.
fn site() -> TestSite {
    TestSite::fixture("serve-site").with_default_theme()
}

/// `gazette serve --port 0 <extra>` on a fresh copy of the fixture site.
fn serve(extra: &[&str]) -> Server {
    site().serve(extra)
}

fn page_shows(server: &Server, path: &str, text: &str) -> bool {
    let r = server.get(path);
    r.status == 200 && r.text().contains(text)
}

#[test]
fn serves_pages_and_files_with_their_content_types() {
    let s = serve(&[]);
    for (path, kind) in [
        ("/", "text/html; charset=utf-8"),
        (BUDGET_PAGE, "text/html; charset=utf-8"),
        (
            "/indicators/fiscal-revenue-total/",
            "text/html; charset=utf-8",
        ),
        ("/style.css", "text/css; charset=utf-8"),
        ("/feed.xml", "application/xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/indicators.csv", "text/csv; charset=utf-8"),
        (
            "/indicators/fiscal-revenue-total.csv",
            "text/csv; charset=utf-8",
        ),
        ("/indicators.json", "application/json"),
        ("/2022/plan/agenda.pdf", "application/pdf"),
        ("/logo.svg", "image/svg+xml"),
        ("/pixel.png", "image/png"),
    ] {
        let r = s.get(path);
        assert_eq!((r.status, r.content_type.as_str()), (200, kind), "{path}");
        assert!(!r.body.is_empty(), "{path}");
    }
    let home = s.get("/").text();
    assert!(home.contains("/__gazette/events"), "live-reload script");
    assert!(
        s.get("/feed.xml")
            .text()
            .contains(&format!("<id>http://{}/</id>", s.addr)),
        "base_url is the local address"
    );
    let head = s.request("HEAD", BUDGET_PAGE);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.length, s.get(BUDGET_PAGE).body.len().to_string());
    let folder = s.get("/2021");
    assert_eq!((folder.status, folder.location.as_str()), (301, "/2021/"));
}

#[test]
fn missing_pages_get_the_site_404_page() {
    let s = serve(&[]);
    let r = s.get("/2021/no-such-bulletin/");
    assert_eq!(r.status, 404);
    assert_eq!(r.content_type, "text/html; charset=utf-8");
    assert_eq!(r.text(), String::from_utf8_lossy(&s.get("/404.html").body));
    assert!(r.text().contains("<html lang=\"en\""));
}

#[test]
fn only_get_and_head_are_allowed() {
    let s = serve(&[]);
    for method in ["POST", "PUT", "DELETE"] {
        let r = s.request(method, "/");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.allow, "GET, HEAD");
    }
}

#[test]
fn path_traversal_is_refused_in_every_spelling() {
    let s = serve(&[]);
    // A file beside the site: the prize of a successful traversal.
    let secret = s
        .site
        .root()
        .parent()
        .unwrap()
        .join("gazette-serve-secret.txt");
    std::fs::write(&secret, "TOP-SECRET").unwrap();
    let name = "gazette-serve-secret.txt";
    for target in [
        format!("/../{name}"),
        format!("/2021/../../{name}"),
        format!("/%2e%2e/{name}"),
        format!("/%2E%2E%2F{name}"),
        format!("/%252e%252e/{name}"),
        format!("/%252e%252e%252f{name}"),
        format!("/..%5c{name}"),
        format!("/..\\{name}"),
        "/../../../../etc/passwd".to_string(),
        "/site.yaml".to_string(),
        "/bulletins/2021/budget.md".to_string(),
    ] {
        let (status, answer) = s.raw_get(&target);
        assert!(matches!(status, 400 | 404), "{target}: {status}");
        assert!(
            !answer.contains("TOP-SECRET") && !answer.contains("root:"),
            "{target}"
        );
    }
    let _ = std::fs::remove_file(secret);
}

#[test]
fn saved_edit_is_served_within_seconds_and_output_is_untouched() {
    let s = serve(&["--watch"]);
    std::fs::create_dir(s.path("output")).unwrap();
    std::fs::write(s.path("output/keep.txt"), "mine").unwrap();
    s.site.edit(BUDGET, "up 43.7%", "up by nearly half");
    eventually("the edit to be served", CHANGE_TIMEOUT, || {
        page_shows(&s, BUDGET_PAGE, "up by nearly half")
    });
    eventually("the rebuild line", CHANGE_TIMEOUT, || {
        s.out.text().contains("rebuilt ")
    });
    let out: Vec<_> = std::fs::read_dir(s.path("output")).unwrap().collect();
    assert_eq!(out.len(), 1, "serve writes nothing into output/");
    assert_eq!(
        std::fs::read_to_string(s.path("output/keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn burst_of_saves_ends_with_the_last_content() {
    let s = serve(&["--watch"]);
    let path = s.path(BUDGET);
    let text = std::fs::read_to_string(&path).unwrap();
    for i in 0..20 {
        // Save through a temporary file and a rename, as editors do.
        let tmp = s.path("bulletins/2021/.budget.md.tmp");
        std::fs::write(&tmp, text.replace("up 43.7%", &format!("save number {i}."))).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        std::thread::sleep(Duration::from_millis(15));
    }
    eventually("the last save to be served", CHANGE_TIMEOUT, || {
        page_shows(&s, BUDGET_PAGE, "save number 19.")
    });
}

#[test]
fn broken_save_keeps_the_last_good_page_shows_the_error_then_recovers() {
    let s = serve(&["--watch"]);
    s.site.edit(BUDGET, "kind: statistics", "kind: statistcs");
    eventually("the error in the terminal", CHANGE_TIMEOUT, || {
        let err = s.err.text();
        err.contains("error: bulletins/2021/budget.md:4:7") && err.contains("still serving")
    });
    let page = s.get(BUDGET_PAGE);
    assert_eq!(page.status, 200, "the last good page is still served");
    let html = page.text();
    assert!(html.contains("gazette-error"), "overlay");
    assert!(
        html.contains("bulletins/2021/budget.md:4:7"),
        "file, line, column"
    );
    assert!(html.contains("statistcs"), "message");
    assert!(
        s.get("/2021/roads/").text().contains("gazette-error"),
        "on every page"
    );
    s.site.edit(BUDGET, "kind: statistcs", "kind: statistics");
    eventually("the overlay to go", CHANGE_TIMEOUT, || {
        let r = s.get(BUDGET_PAGE);
        r.status == 200 && !r.text().contains("gazette-error")
    });
}

#[test]
fn deleted_bulletin_disappears() {
    let s = serve(&["--watch"]);
    assert_eq!(s.get("/2021/roads/").status, 200);
    s.site.remove("bulletins/2021/roads.md");
    eventually("the page to go", CHANGE_TIMEOUT, || {
        s.get("/2021/roads/").status == 404
    });
    assert!(!s.get("/2021/").text().contains("Hangjin Road"));
}

#[test]
fn live_reload_event_arrives_after_a_change() {
    let s = serve(&["--watch"]);
    let (tx, rx) = mpsc::channel::<String>();
    let url = s.url("/__gazette/events");
    std::thread::spawn(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(START_TIMEOUT))
            .build()
            .into();
        if let Ok(res) = agent.get(&url).call() {
            let reader = BufReader::new(res.into_body().into_reader());
            for line in reader.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        }
    });
    let next_event = |name: &str| {
        let deadline = std::time::Instant::now() + CHANGE_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) if line == format!("event: {name}") => return,
                Ok(_) => continue,
                Err(e) => panic!("no {name} event: {e}"),
            }
        }
    };
    next_event("hello");
    s.site
        .edit("bulletins/2021/roads.md", "is closed", "is open again");
    next_event("reload");
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let s = serve(&["--watch"]);
    // An open live-reload stream must not hold the shutdown up.
    let mut stream = std::net::TcpStream::connect(&s.addr).unwrap();
    let request = format!("GET /__gazette/events HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr);
    std::io::Write::write_all(&mut stream, request.as_bytes()).unwrap();
    let mut server = s;
    let pid = rustix::process::Pid::from_raw(server.child.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
    let status = wait_exit(&mut server.child, CHANGE_TIMEOUT).expect("it stops");
    assert!(status.success(), "{status}");
    eventually("the goodbye", CHANGE_TIMEOUT, || {
        server.out.text().contains("stopped")
    });
    drop(stream);
}

#[test]
fn port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = site();
    let Running { mut child, err, .. } = site.spawn(&["serve", "--port", &port]);
    let status = wait_exit(&mut child, START_TIMEOUT).expect("it exits");
    assert_eq!(status.code(), Some(2));
    eventually("the message", CHANGE_TIMEOUT, || {
        err.text().contains("already in use")
    });
    assert!(!err.text().contains("panicked"));
}

#[test]
fn search_index_follows_edits_in_the_background() {
    use crate::search::index::SearchIndex;
    let s = serve(&["--watch"]);
    let search = |query: &str| {
        SearchIndex::load(|rel| s.get(&format!("/pagefind/{rel}")).body, "en")
            .map(|index| index.search(query))
    };
    // The first index comes after the first build, without a reload.
    eventually("the first search index", START_TIMEOUT, || {
        // (An English index is stemmed: query words the stemmer keeps.)
        search("fiscal").is_ok_and(|found| found.contains(BUDGET_PAGE))
    });
    assert!(search("zeppelin").unwrap().is_empty());
    s.site.edit(
        BUDGET,
        "in 2021, up",
        "in 2021 (zeppelin levy included), up",
    );
    eventually("the edit in the search index", CHANGE_TIMEOUT, || {
        search("zeppelin").is_ok_and(|found| found.contains(BUDGET_PAGE))
    });
}

/// The folders in the preview's part of a cache folder.
fn preview_folders(cache: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(cache.join("serve"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_preview_keeps_its_pages_in_the_cache_folder_and_removes_them_when_it_stops() {
    let site = site();
    let mut before: Vec<String> = std::fs::read_dir(site.path("."))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut server = site.serve(&["--watch", "--cache-dir", "state"]);
    let folders = preview_folders(&server.path("state"));
    let pid = server.child.id().to_string();
    assert_eq!(folders.len(), 1, "{folders:?}");
    assert!(folders[0].starts_with(&format!("{pid}-")), "{folders:?}");
    let store = server.path("state/serve").join(&folders[0]);
    // The page a citizen gets is a file in that folder (named by the hash
    // of its bytes), with the live-reload script added on the way out.
    let page = server.get(BUDGET_PAGE);
    assert_eq!(page.status, 200);
    let stored: Vec<String> = std::fs::read_dir(&store)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let body = page.text();
    let title = "<title>";
    let head = &body[..body.find(title).expect("a title") + 60];
    assert!(
        stored.iter().any(|f| f.starts_with(head)),
        "no stored file begins like the served page"
    );
    // Nothing but the cache folder appeared in the site.
    let mut after: Vec<String> = std::fs::read_dir(server.path("."))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    before.push("state".into());
    before.sort();
    after.sort();
    assert_eq!(after, before);
    assert!(
        !server.path(".gazette").exists(),
        "--cache-dir moves it all"
    );
    let id = rustix::process::Pid::from_raw(server.child.id() as i32).unwrap();
    rustix::process::kill_process(id, rustix::process::Signal::TERM).unwrap();
    let status = wait_exit(&mut server.child, CHANGE_TIMEOUT).expect("it stops");
    assert!(status.success(), "{status}");
    assert!(!store.exists(), "the preview's folder goes when it stops");
    assert!(server.path("state/CACHEDIR.TAG").is_file());
}
