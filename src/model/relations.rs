//! The links between bulletins that SPEC §2.6 declares: `replaces` (a
//! later notice repeals an earlier one) and `interprets` (a 政策解读
//! explains a policy document), checked across the whole site — every
//! address must name a bulletin, a `replaces` chain must not loop, and a
//! 索引号 is unique — and resolved both ways so each page can link the
//! other.

use std::sync::Arc;

// Fx hashing: these maps of the site's own addresses are rebuilt after
// every edit in the preview.
use rustc_hash::FxHashMap as HashMap;

use crate::diagnostics::{suggestion_suffix, Diagnostic, Diagnostics};
use crate::model::bulletin::Bulletin;
use crate::model::disclosure::BulletinRef;

/// The resolved links of one published bulletin (indices into
/// `Site::bulletins`, newest first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Links {
    /// The bulletins it repeals or supersedes.
    pub replaces: Vec<usize>,
    /// The bulletins that repeal or supersede it.
    pub replaced_by: Vec<usize>,
    /// The bulletin it explains.
    pub interprets: Option<usize>,
    /// The bulletins explaining it (解读).
    pub interpreted_by: Vec<usize>,
}

/// Check every reference and index number among all loaded bulletins
/// (drafts and scheduled ones included: a typo is a typo). `built`
/// says which of them become pages; a page may not link one that does
/// not.
pub(crate) fn check_references(
    all: &[Arc<Bulletin>],
    built: &dyn Fn(&Bulletin) -> bool,
    diags: &mut Diagnostics,
) {
    let by_address: HashMap<(i32, &str), &Bulletin> = all
        .iter()
        .map(|b| ((b.year, b.slug.as_str()), &**b))
        .collect();
    // The addresses a mistyped reference is compared with, made only when
    // one is found: the preview runs this after every edit.
    let addresses = std::cell::OnceCell::new();
    let addresses = || {
        addresses.get_or_init(|| {
            let mut all: Vec<String> = all
                .iter()
                .map(|b| format!("{}/{}", b.year, b.slug))
                .collect();
            all.sort();
            all
        })
    };
    for b in all {
        let m = &b.disclosure;
        let refs = m
            .replaces
            .iter()
            .map(|r| ("replaces", r))
            .chain(m.interprets.iter().map(|r| ("interprets", r)));
        for (field, r) in refs {
            let msg = match by_address.get(&(r.year, r.slug.as_str())) {
                None => {
                    let hint =
                        suggestion_suffix(&r.address(), addresses().iter().map(String::as_str));
                    Some(format!(
                        "{field}: no bulletin is published at {}{hint}",
                        r.address()
                    ))
                }
                Some(t) if std::ptr::eq(*t, &**b) => {
                    Some(format!("{field}: a bulletin cannot name itself"))
                }
                Some(t) if built(b) && !built(t) => Some(format!(
                    "{field}: {} ({}) is {}, so this page could not link it",
                    r.address(),
                    t.source,
                    if t.draft {
                        "a draft"
                    } else {
                        "scheduled and not published yet"
                    }
                )),
                Some(_) => None,
            };
            if let Some(msg) = msg {
                diags.push(Diagnostic::error(&b.source, Some(r.pos), msg));
            }
        }
    }
    check_loops(all, &by_address, diags);
    check_index_numbers(all, diags);
}

/// A `replaces` chain that comes back to where it started is an error,
/// reported once, at the `replaces` entry of the first bulletin of the
/// loop (by file name) with the whole loop spelled out.
fn check_loops(
    all: &[Arc<Bulletin>],
    by_address: &HashMap<(i32, &str), &Bulletin>,
    diags: &mut Diagnostics,
) {
    fn next<'a>(
        b: &'a Bulletin,
        by_address: &HashMap<(i32, &str), &'a Bulletin>,
    ) -> Vec<(&'a BulletinRef, &'a Bulletin)> {
        b.disclosure
            .replaces
            .iter()
            .filter_map(|r| {
                let t = by_address.get(&(r.year, r.slug.as_str()))?;
                (!std::ptr::eq(*t, b)).then_some((r, *t))
            })
            .collect()
    }
    let mut sources: Vec<&Bulletin> = all.iter().map(|b| &**b).collect();
    sources.sort_by(|a, b| a.source.cmp(&b.source));
    let mut reported: Vec<Vec<&str>> = Vec::new();
    for start in sources {
        // Depth-first from `start`, looking for a way back to it.
        let mut stack: Vec<(Vec<&Bulletin>, &BulletinRef)> = next(start, by_address)
            .into_iter()
            .map(|(r, t)| (vec![start, t], r))
            .collect();
        let mut seen: Vec<*const Bulletin> = Vec::new();
        while let Some((path, first_ref)) = stack.pop() {
            let last = *path.last().unwrap_or(&start);
            if std::ptr::eq(last, start) {
                let mut members: Vec<&str> = path.iter().map(|b| b.source.as_str()).collect();
                members.sort();
                members.dedup();
                if !reported.contains(&members) {
                    let chain: Vec<String> = path
                        .iter()
                        .map(|b| format!("{}/{}", b.year, b.slug))
                        .collect();
                    diags.push(Diagnostic::error(
                        &start.source,
                        Some(first_ref.pos),
                        format!(
                            "replaces: the chain loops ({}): a bulletin cannot be replaced by one it replaces",
                            chain.join(" -> ")
                        ),
                    ));
                    reported.push(members);
                }
                break;
            }
            if seen.contains(&(last as *const Bulletin)) {
                continue;
            }
            seen.push(last);
            for (_, t) in next(last, by_address) {
                let mut p = path.clone();
                p.push(t);
                stack.push((p, first_ref));
            }
        }
    }
}

/// A 索引号 names one document in the disclosure catalogue: a second use
/// is an error at the later file (by path), naming the first.
fn check_index_numbers(all: &[Arc<Bulletin>], diags: &mut Diagnostics) {
    let mut sorted: Vec<&Bulletin> = all.iter().map(|b| &**b).collect();
    sorted.sort_by(|a, b| a.source.cmp(&b.source));
    let mut first: HashMap<&str, &Bulletin> = HashMap::default();
    for b in sorted {
        let Some((no, pos)) = &b.disclosure.index_no else {
            continue;
        };
        match first.get(no.trim()) {
            Some(f) => diags.push(Diagnostic::error(
                &b.source,
                Some(*pos),
                format!(
                    "index_no \"{no}\" is already the 索引号 of {} ({}): each document needs its own",
                    f.source,
                    f.title
                ),
            )),
            None => {
                first.insert(no.trim(), b);
            }
        }
    }
}

/// Resolve the links among the published bulletins (`bulletins` in site
/// order). References to bulletins not published are left out; they were
/// reported by `check_references` when they matter.
pub(crate) fn resolve_links(bulletins: &[Arc<Bulletin>]) -> Vec<Links> {
    let at: HashMap<(i32, &str), usize> = bulletins
        .iter()
        .enumerate()
        .map(|(i, b)| ((b.year, b.slug.as_str()), i))
        .collect();
    let find = |r: &BulletinRef| at.get(&(r.year, r.slug.as_str())).copied();
    let mut links = vec![Links::default(); bulletins.len()];
    for (i, b) in bulletins.iter().enumerate() {
        for t in b.disclosure.replaces.iter().filter_map(find) {
            if t != i {
                links[i].replaces.push(t);
                links[t].replaced_by.push(i);
            }
        }
        if let Some(t) = b.disclosure.interprets.as_ref().and_then(find) {
            if t != i {
                links[i].interprets = Some(t);
                links[t].interpreted_by.push(i);
            }
        }
    }
    for l in &mut links {
        l.replaces.sort_unstable();
        l.replaced_by.sort_unstable();
        l.interpreted_by.sort_unstable();
    }
    links
}
