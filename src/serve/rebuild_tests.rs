//! Tests of the rebuild engine on small sites on disk: what a change
//! re-renders (counted by the engine, not guessed from timestamps), and
//! that a site updated change by change serves exactly what a fresh full
//! build of the same files gives.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::changes::Changes;
use super::rebuild::{Engine, EngineOptions, RebuildError, Update};
use super::state::Served as File;
use super::testing::{write_site, FISCAL};
use crate::render::page_id::PageId;

fn engine(root: &Path) -> Engine {
    Engine::new(EngineOptions {
        root: root.to_path_buf(),
        base_url: "http://127.0.0.1:1111/".into(),
        drafts: false,
        now: chrono::NaiveDate::from_ymd_opt(2022, 12, 20),
        cache_dir: root.join(".gazette"),
    })
    .expect("config loads")
}

fn bulletin(slug: &str, date: &str, extra: &str) -> (String, String) {
    (
        format!("bulletins/{slug}.md"),
        format!("---\ntitle: {slug}\ndate: {date}\n{extra}---\nBody of {slug}.\n"),
    )
}

fn five() -> Vec<(String, String)> {
    vec![
        bulletin("a", "2021-01-10", "tags: [finance]\n"),
        bulletin("b", "2021-02-10", ""),
        bulletin("c", "2021-03-10", &format!("indicators:\n{FISCAL}")),
        bulletin("d", "2021-04-10", "tags: [roads]\n"),
        bulletin("e", "2021-05-10", ""),
    ]
}

fn page(slug: &str) -> PageId {
    PageId::Bulletin {
        year: 2021,
        slug: slug.into(),
    }
}

fn bulletins(paths: &[&str]) -> Changes {
    Changes {
        bulletins: paths.iter().map(|p| p.to_string()).collect(),
        ..Changes::default()
    }
}

/// The served files as a map, kept up to date the way `state` does.
#[derive(Default, PartialEq, Debug)]
struct Served(BTreeMap<String, Vec<u8>>);

impl Served {
    fn apply(&mut self, u: Update) {
        if u.replace_all {
            self.0.retain(|k, _| k.starts_with("static:"));
        }
        for p in u.remove {
            self.0.remove(&p);
        }
        let generated = u.insert.into_iter();
        let statics = u.statics.map(|s| {
            self.0.retain(|k, _| !k.starts_with("static:"));
            s.into_iter().map(|(path, f)| (format!("static:{path}"), f))
        });
        for (path, served) in generated.chain(statics.into_iter().flatten()) {
            let bytes = match served {
                File::Bytes(b) => b.to_vec(),
                // Pages are read as they are now: the store keeps the
                // files of the last two updates, and these tests look at
                // the latest.
                File::Stored(p) => std::fs::read(p).expect("stored page"),
                File::File(p) => p.to_string_lossy().into_owned().into_bytes(),
            };
            self.0.insert(path, bytes);
        }
    }

    fn page(&self, path: &str) -> String {
        String::from_utf8_lossy(&self.0[path]).into_owned()
    }
}

#[test]
fn editing_one_bulletin_does_not_rerender_unrelated_pages() {
    let dir = tempfile::tempdir().unwrap();
    let files = five();
    write_site(dir.path(), &files);
    let mut e = engine(dir.path());
    let first = e.rebuild(&Changes::default()).unwrap();
    assert!(first.full);
    let mut served = Served::default();
    served.apply(first.update);
    std::fs::write(
        dir.path().join("bulletins/a.md"),
        files[0].1.replace("Body of a.", "A new body."),
    )
    .unwrap();
    let r = e.rebuild(&bulletins(&["bulletins/a.md"])).unwrap();
    assert!(!r.full);
    served.apply(r.update);
    assert!(served.page("2021/a/index.html").contains("A new body."));
    assert_eq!(e.render_count(&page("a")), 2, "the edited page");
    assert_eq!(e.render_count(&page("b")), 2, "its newer neighbour");
    for unrelated in ["c", "d", "e"] {
        assert_eq!(e.render_count(&page(unrelated)), 1, "{unrelated}");
    }
    let fiscal = PageId::Indicator("fiscal-revenue-total".into());
    assert_eq!(e.render_count(&fiscal), 1, "a reports no figure");
    assert_eq!(e.render_count(&PageId::Tag("roads".into())), 1);
    assert_eq!(e.render_count(&PageId::Tag("finance".into())), 2);
    assert_eq!(e.render_count(&PageId::Home), 2);
    assert_eq!(e.render_count(&PageId::Static), 1);
}

#[test]
fn failed_rebuild_reports_the_file_and_recovers_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let files = five();
    write_site(dir.path(), &files);
    let mut e = engine(dir.path());
    e.rebuild(&Changes::default()).unwrap();
    let a = dir.path().join("bulletins/a.md");
    std::fs::write(&a, files[0].1.replace("date:", "dat:")).unwrap();
    match e.rebuild(&bulletins(&["bulletins/a.md"])) {
        Err(RebuildError::Content(d)) => {
            assert!(
                d.items().iter().any(|d| d.file == "bulletins/a.md"),
                "{d:?}"
            )
        }
        other => panic!("expected content errors, got {other:?}"),
    }
    std::fs::write(&a, files[0].1.replace("Body of a.", "Fixed.")).unwrap();
    // The fix arrives as a change to the same file; what the failed build
    // had read is redone as well.
    let r = e.rebuild(&bulletins(&["bulletins/a.md"])).unwrap();
    assert!(!r.full);
    let page = r
        .update
        .insert
        .iter()
        .find(|(path, _)| path == "2021/a/index.html");
    match page.map(|(_, f)| f) {
        Some(File::Stored(p)) => {
            assert!(std::fs::read_to_string(p).unwrap().contains("Fixed."))
        }
        other => panic!("a's page was not re-rendered: {other:?}"),
    }
}

#[test]
fn static_change_renders_only_the_static_list() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &five());
    let mut e = engine(dir.path());
    e.rebuild(&Changes::default()).unwrap();
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::write(dir.path().join("static/hello.txt"), "hi").unwrap();
    let r = e
        .rebuild(&Changes {
            statics: true,
            ..Changes::default()
        })
        .unwrap();
    assert_eq!(r.rendered, 1);
    let statics = r.update.statics.expect("static list");
    assert!(statics.iter().any(|(path, _)| path == "hello.txt"));
    assert!(r.update.insert.is_empty());
}

#[test]
fn body_edit_past_the_first_paragraph_renders_only_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = five();
    files[2].1.push_str("\nA second paragraph.\n");
    write_site(dir.path(), &files);
    let mut e = engine(dir.path());
    let first = e.rebuild(&Changes::default()).unwrap();
    std::fs::write(
        dir.path().join("bulletins/c.md"),
        files[2].1.replace("A second", "An edited second"),
    )
    .unwrap();
    let r = e.rebuild(&bulletins(&["bulletins/c.md"])).unwrap();
    assert_eq!(
        r.rendered,
        1,
        "{:?}",
        r.update
            .insert
            .iter()
            .map(|(path, _)| path)
            .collect::<Vec<_>>()
    );
    assert_eq!(e.render_count(&page("c")), 2);
    assert!(first.rendered > 20);
}

#[test]
fn title_edit_reaches_its_year_tags_home_and_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    let files = five();
    write_site(dir.path(), &files);
    let mut e = engine(dir.path());
    e.rebuild(&Changes::default()).unwrap();
    std::fs::write(
        dir.path().join("bulletins/a.md"),
        files[0].1.replace("title: a", "title: A renamed"),
    )
    .unwrap();
    let r = e.rebuild(&bulletins(&["bulletins/a.md"])).unwrap();
    let mut served = Served::default();
    served.apply(r.update);
    for path in ["2021/index.html", "tags/finance/index.html", "index.html"] {
        assert!(served.page(path).contains("A renamed"), "{path}");
    }
    assert_eq!(e.render_count(&page("b")), 2, "its newer neighbour");
    assert_eq!(e.render_count(&page("c")), 1);
    assert_eq!(e.render_count(&PageId::Tag("roads".into())), 1);
}

#[test]
fn template_change_renders_every_page() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &five());
    let mut e = engine(dir.path());
    let first = e.rebuild(&Changes::default()).unwrap();
    let theme = Changes {
        theme: true,
        ..Changes::default()
    };
    let same = e.rebuild(&theme).unwrap();
    assert_eq!(
        same.rendered, 1,
        "an unchanged theme: the static files only"
    );
    let base = dir.path().join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, text.replace("</body>", "<p>changed</p></body>")).unwrap();
    let r = e.rebuild(&theme).unwrap();
    assert_eq!(r.rendered, first.rendered);
    assert_eq!(e.render_count(&page("e")), 2);
}

/// New text for a file from its old text; `None` deletes it.
type Edit<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// An edit replacing `from` (which must be there) by `to`.
fn replace(from: &'static str, to: &'static str) -> Box<Edit<'static>> {
    Box::new(move |t: &str| {
        assert!(t.contains(from), "no {from:?} to replace");
        Some(t.replacen(from, to, 1))
    })
}

/// A series of edits of the example site, each applied incrementally,
/// must leave exactly the files a fresh build of the same sources gives.
#[test]
fn incremental_updates_match_a_full_build_after_each_edit() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(repo.join("bulletins")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "md") {
            let rel = crate::fsutil::rel_path(repo, entry.path());
            files.push((rel, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    write_site(dir.path(), &files);
    for name in ["site.yaml", "indicators.yaml"] {
        std::fs::copy(repo.join(name), dir.path().join(name)).unwrap();
    }
    let mut e = engine(dir.path());
    let mut served = Served::default();
    served.apply(e.rebuild(&Changes::default()).unwrap().update);
    let budget = "bulletins/2021/fiscal-budget-2021.md";
    let notice = "---\ntitle: 新通知\ndate: 2021-06-01\ntags: [财政]\n---\n正文。\n";
    let target = "\ntargets:\n  - id: fiscal-revenue-total\n    year: 2021\n    op: \">=\"\n    value: 20\n---\n";
    let edits: Vec<(&str, Box<Edit>)> = vec![
        (budget, Box::new(|t| Some(format!("{t}\n追加的一段。\n")))),
        (budget, replace("value: 21.6", "value: 23.1")),
        (budget, replace("change: 43.7", "change: 40.1")),
        (
            budget,
            replace("change: 40.1", "change: 40.1\n    approx: about"),
        ),
        (
            budget,
            replace("value: 3.4", "value: 3.4\n    estimate: true"),
        ),
        (
            budget,
            replace("estimate: true", "estimate: true\n    revises: true"),
        ),
        (
            budget,
            replace("title: 2021年1—11月", "title: 2021年1至11月"),
        ),
        (budget, replace("kind: statistics", "kind: notice")),
        (budget, replace("date: 2021-12-28", "date: 2021-03-01")),
        (
            budget,
            replace("tags: [财政, 统计, 人大]", "tags: [新标签]"),
        ),
        (budget, replace("\n---\n", target)),
        // Disclosure fields reach linked bulletins, subjects and the year's
        // filtered lists (SPEC §2.6).
        (budget, replace("subject: finance", "subject: urban")),
        (
            "bulletins/2022/parking-notice-2022-06.md",
            replace("replaces: 2022/parking-notice-2022-01\n", ""),
        ),
        (
            "bulletins/2022/parking-notice-2022-01.md",
            replace("title: 瓜沥镇关于", "title: 关于"),
        ),
        (
            "bulletins/2022/parking-notice-2022-06.md",
            replace(
                "subject: urban\n",
                "subject: urban\nreplaces: 2022/parking-notice-2022-01\n",
            ),
        ),
        (
            "bulletins/2022/work-plan-2022.md",
            replace(
                "title: 瓜沥镇2022年工作计划",
                "title: 瓜沥镇2022年度工作计划",
            ),
        ),
        (
            "bulletins/2022/work-plan-2022-explained.md",
            replace("interprets: 2022/work-plan-2022\n", ""),
        ),
        (
            "bulletins/2022/fiscal-revenue-2022-11.md",
            replace("date: 2022-12-28", "date: 2022-12-29"),
        ),
        (
            "bulletins/2022/fiscal-revenue-2022-11.md",
            replace("scheduled: true\n", ""),
        ),
        (
            "bulletins/2021/new-notice.md",
            Box::new(|_| Some(notice.into())),
        ),
        (budget, Box::new(|_| None)),
    ];
    for (path, edit) in edits {
        let file = dir.path().join(path);
        let before = std::fs::read_to_string(&file).unwrap_or_default();
        match edit(&before) {
            Some(text) => std::fs::write(&file, text).unwrap(),
            None => std::fs::remove_file(&file).unwrap(),
        }
        let r = e.rebuild(&bulletins(&[path])).unwrap();
        assert!(!r.full, "no edit here changes the years: {path}");
        served.apply(r.update);
        let mut fresh = Served::default();
        fresh.apply(
            engine(dir.path())
                .rebuild(&Changes::default())
                .unwrap()
                .update,
        );
        let differing: BTreeSet<&String> = served
            .0
            .keys()
            .chain(fresh.0.keys())
            .filter(|k| served.0.get(*k) != fresh.0.get(*k))
            .collect();
        assert!(differing.is_empty(), "after editing {path}: {differing:?}");
    }
}

#[test]
fn a_bulletin_page_records_its_own_parts_and_its_neighbours_listing() {
    use crate::render::inputs::{InputKey, PageInputs, Part};
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &five());
    let mut e = engine(dir.path());
    e.rebuild(&Changes::default()).unwrap();
    let inputs = e.inputs(&page("c")).expect("c was rendered");
    let keys: Vec<&InputKey> = inputs.0.iter().map(|(k, _)| k).collect();
    let part = |p: Part, slug: &str| InputKey::Bulletin(p, format!("bulletins/{slug}.md"));
    for wanted in [
        part(Part::Body, "c"),
        part(Part::Figures, "c"),
        part(Part::Listing, "b"),
        part(Part::Listing, "d"),
        InputKey::Theme,
        InputKey::Settings,
    ] {
        assert!(keys.contains(&&wanted), "{wanted:?} in {keys:?}");
    }
    assert!(!keys.contains(&&part(Part::Body, "b")));
    assert!(
        !keys.contains(&&part(Part::Listing, "a")),
        "not a neighbour"
    );
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
    let json = serde_json::to_string(&inputs).unwrap();
    assert_eq!(serde_json::from_str::<PageInputs>(&json).unwrap(), inputs);
}
