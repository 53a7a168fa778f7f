//! The preview serves what `build` writes: random sequences of edits of a
//! small site on disk (titles, dates, figures, targets, tags, subjects, bodies,
//! scheduled flags, links between bulletins, a template, site.yaml; added,
//! deleted and renamed bulletins), and after each one the files the
//! preview engine serves are compared, path by path and byte by byte,
//! with a fresh `pipeline::build_in_memory` of the same sources.
//!
//! PROPTEST_CASES sets the number of random sequences (default 8).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use proptest::prelude::*;

use super::changes::Changes;
use super::rebuild::{Engine, EngineOptions};
use super::state::{Served, Shared};
use super::testing::write_site;
use crate::config::Config;
use crate::pipeline::{build_in_memory, SearchIndex};
use crate::render::Content;

const BASE_URL: &str = "http://127.0.0.1:1111/";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2022, 6, 1).unwrap_or_default()
}

/// One bulletin of the generated site.
#[derive(Debug, Clone)]
struct Spec {
    stem: String,
    title: u8,
    /// Months since December 2020: 1..=24.
    month: u32,
    tag: Option<u8>,
    value: Option<u8>,
    target: Option<u8>,
    subject: Option<u8>,
    paragraphs: u8,
    scheduled: bool,
    replaces: Option<String>,
}

impl Spec {
    fn new(stem: String, month: u32) -> Spec {
        Spec {
            stem,
            title: 0,
            month,
            tag: None,
            value: None,
            target: None,
            subject: None,
            paragraphs: 1,
            scheduled: false,
            replaces: None,
        }
    }

    fn year(&self) -> i32 {
        2020 + (self.month as i32 + 11) / 12
    }

    fn path(&self) -> String {
        format!("bulletins/{}.md", self.stem)
    }

    fn address(&self) -> String {
        format!("{}/{}", self.year(), self.stem)
    }

    fn text(&self) -> String {
        let mm = (self.month - 1) % 12 + 1;
        let mut t = format!(
            "---\ntitle: Bulletin {} {}\ndate: {}-{mm:02}-10\nkind: notice\n",
            self.stem,
            self.title,
            self.year()
        );
        if let Some(tag) = self.tag {
            t += &format!("tags: [topic {tag}]\n");
        }
        if let Some(s) = self.subject {
            t += ["subject: finance\n", "subject: urban\n"][s as usize % 2];
        }
        if self.scheduled {
            t += "scheduled: true\n";
        }
        if let Some(r) = &self.replaces {
            t += &format!("replaces: {r}\n");
        }
        if let Some(v) = self.value {
            t += &format!(
                "indicators:\n  - id: fiscal-revenue-total\n    value: {v}.5\n    period: {}\n",
                self.year() - 1
            );
        }
        if let Some(v) = self.target {
            t += &format!(
                "targets:\n  - id: fiscal-revenue-total\n    year: {}\n    op: \">=\"\n    value: {v}\n",
                self.year() - 1
            );
        }
        t += &format!("---\nFirst paragraph of {}.\n", self.stem);
        for n in 1..self.paragraphs {
            t += &format!("\nParagraph {n}.\n");
        }
        t
    }
}

/// One change to the site.
#[derive(Debug, Clone)]
enum Edit {
    Title(usize),
    Date(usize, u32),
    Figure(usize, Option<u8>),
    Target(usize, Option<u8>),
    Tag(usize, Option<u8>),
    Subject(usize, Option<u8>),
    Body(usize),
    Schedule(usize),
    Replaces(usize, usize),
    Template(u8),
    SiteTitle(u8),
    Add(u32),
    Delete(usize),
    Rename(usize),
}

fn edits() -> impl Strategy<Value = Edit> {
    let i = 0..8usize;
    prop_oneof![
        i.clone().prop_map(Edit::Title),
        (i.clone(), 1..=24u32).prop_map(|(i, m)| Edit::Date(i, m)),
        (i.clone(), proptest::option::of(0..4u8)).prop_map(|(i, v)| Edit::Figure(i, v)),
        (i.clone(), proptest::option::of(0..3u8)).prop_map(|(i, t)| Edit::Tag(i, t)),
        (i.clone(), proptest::option::of(0..4u8)).prop_map(|(i, v)| Edit::Target(i, v)),
        (i.clone(), proptest::option::of(0..2u8)).prop_map(|(i, s)| Edit::Subject(i, s)),
        i.clone().prop_map(Edit::Body),
        i.clone().prop_map(Edit::Schedule),
        (i.clone(), i.clone()).prop_map(|(a, b)| Edit::Replaces(a, b)),
        (0..3u8).prop_map(Edit::Template),
        (0..3u8).prop_map(Edit::SiteTitle),
        (1..=24u32).prop_map(Edit::Add),
        i.clone().prop_map(Edit::Delete),
        i.prop_map(Edit::Rename),
    ]
}

fn site_yaml(title: u8) -> String {
    format!(
        "title: Test {title}\nbase_url: https://example.org/\nlanguage: en\n\
         kinds: {{ notice: Notice }}\nsubjects: {{ finance: Finance, urban: Urban }}\n"
    )
}

/// The site on disk and the edits made to it.
struct Site<'a> {
    root: &'a Path,
    specs: Vec<Spec>,
    made: u32,
}

impl Site<'_> {
    fn write(&self, spec: &Spec) {
        std::fs::write(self.root.join(spec.path()), spec.text()).expect("write bulletin");
    }

    /// Make the edit on disk; returns what changed, as the watcher says it.
    fn apply(&mut self, edit: &Edit) -> Changes {
        let mut changes = Changes::default();
        let n = self.specs.len();
        let pick = |i: usize| (n > 0).then(|| i % n);
        let mut touched = BTreeSet::new();
        match *edit {
            Edit::Template(k) => {
                let base = self.root.join("themes/default/templates/base.html");
                let text = std::fs::read_to_string(&base).expect("base.html");
                let text = text.replacen("</body>", &format!("<!-- edit {k} --></body>"), 1);
                std::fs::write(&base, text).expect("write base.html");
                changes.theme = true;
            }
            Edit::SiteTitle(k) => {
                std::fs::write(self.root.join("site.yaml"), site_yaml(k)).expect("site.yaml");
                changes.config = true;
            }
            Edit::Add(month) => {
                self.made += 1;
                let spec = Spec::new(format!("new{}", self.made), month);
                self.write(&spec);
                touched.insert(spec.path());
                self.specs.push(spec);
            }
            Edit::Delete(i) => {
                if let Some(i) = pick(i) {
                    let spec = self.specs.remove(i);
                    std::fs::remove_file(self.root.join(spec.path())).expect("delete");
                    touched.insert(spec.path());
                }
            }
            Edit::Rename(i) => {
                if let Some(i) = pick(i) {
                    self.made += 1;
                    let old = self.specs[i].path();
                    std::fs::remove_file(self.root.join(&old)).expect("rename");
                    touched.insert(old);
                    self.specs[i].stem = format!("moved{}", self.made);
                    self.write(&self.specs[i]);
                    touched.insert(self.specs[i].path());
                }
            }
            ref edit => {
                let Some(i) = pick(edit_index(edit)) else {
                    return changes;
                };
                let other = match *edit {
                    Edit::Replaces(_, j) => Some(self.specs[j % n].address()),
                    _ => None,
                };
                let spec = &mut self.specs[i];
                match *edit {
                    Edit::Title(_) => spec.title += 1,
                    Edit::Date(_, m) => spec.month = m,
                    Edit::Figure(_, v) => spec.value = v,
                    Edit::Target(_, v) => spec.target = v,
                    Edit::Tag(_, t) => spec.tag = t,
                    Edit::Subject(_, s) => spec.subject = s,
                    Edit::Body(_) => spec.paragraphs += 1,
                    Edit::Schedule(_) => spec.scheduled = !spec.scheduled,
                    _ => spec.replaces = other.filter(|o| *o != spec.address()),
                }
                let spec = spec.clone();
                self.write(&spec);
                touched.insert(spec.path());
            }
        }
        changes.bulletins = touched;
        changes
    }
}

fn edit_index(edit: &Edit) -> usize {
    match *edit {
        Edit::Title(i)
        | Edit::Date(i, _)
        | Edit::Figure(i, _)
        | Edit::Target(i, _)
        | Edit::Tag(i, _)
        | Edit::Subject(i, _)
        | Edit::Body(i)
        | Edit::Schedule(i)
        | Edit::Replaces(i, _)
        | Edit::Delete(i)
        | Edit::Rename(i) => i,
        Edit::Template(_) | Edit::SiteTitle(_) | Edit::Add(_) => 0,
    }
}

fn bytes_of(content: Content) -> Vec<u8> {
    match content {
        Content::Bytes(b) => b,
        Content::Copy(p) | Content::Linked { path: p, .. } => {
            std::fs::read(p).expect("copied file")
        }
        Content::Embedded(b) => b.to_vec(),
    }
}

/// A fresh build of the site as `build` makes it (without the search
/// index, which the preview makes in the background), or `None` when the
/// sources have errors.
fn fresh_build(root: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let mut config =
        Config::load(root, None, Some(BASE_URL), false, false).expect("site.yaml loads");
    config.today = today();
    let built = build_in_memory(config, SearchIndex::Skip, &|_| {}).ok()?;
    Some(
        built
            .files
            .into_iter()
            .map(|f| (f.path, bytes_of(f.content)))
            .collect(),
    )
}

fn served(shared: &Shared) -> BTreeMap<String, Vec<u8>> {
    shared
        .files()
        .into_iter()
        .map(|(path, file)| {
            let bytes = match file {
                Served::Bytes(b) => b.to_vec(),
                Served::Stored(p) | Served::File(p) => std::fs::read(p).expect("served file"),
            };
            (path, bytes)
        })
        .collect()
}

/// Paths whose bytes differ, or that only one side has.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let paths: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    paths
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect()
}

fn check_sequence(edits: &[Edit]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let mut site = Site {
        root,
        specs: Vec::new(),
        made: 0,
    };
    let mut first = Spec::new("a".into(), 3);
    first.tag = Some(0);
    first.value = Some(1);
    let mut second = Spec::new("b".into(), 14);
    second.subject = Some(0);
    let mut third = Spec::new("c".into(), 15);
    third.paragraphs = 2;
    third.tag = Some(0);
    site.specs = vec![first, second, third];
    let files: Vec<(String, String)> = site.specs.iter().map(|s| (s.path(), s.text())).collect();
    write_site(root, &files);
    std::fs::write(root.join("site.yaml"), site_yaml(0)).expect("site.yaml");
    let mut engine = Engine::new(EngineOptions {
        root: root.to_path_buf(),
        base_url: BASE_URL.into(),
        drafts: false,
        now: Some(today()),
        cache_dir: root.join(".gazette"),
    })
    .expect("config loads");
    let shared = Shared::new();
    shared.apply(
        engine
            .rebuild(&Changes::default())
            .expect("first build")
            .update,
    );
    for (n, edit) in edits.iter().enumerate() {
        let changes = site.apply(edit);
        let rebuilt = engine.rebuild(&changes);
        let Some(fresh) = fresh_build(root) else {
            prop_assert!(
                rebuilt.is_err(),
                "edit {n} {edit:?}: build failed, preview did not"
            );
            continue;
        };
        let rebuilt = match rebuilt {
            Ok(r) => r,
            Err(e) => return Err(TestCaseError::fail(format!("edit {n} {edit:?}: {e:?}"))),
        };
        shared.apply(rebuilt.update);
        let diff = differing(&served(&shared), &fresh);
        prop_assert!(diff.is_empty(), "after edit {n} {edit:?}: {diff:?}");
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn preview_serves_what_build_writes(edits in proptest::collection::vec(edits(), 1..8)) {
        check_sequence(&edits)?;
    }
}
