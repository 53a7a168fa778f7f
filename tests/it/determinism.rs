//! Deterministic output (SPEC §3): the same input gives byte-identical
//! files, wherever the site lives and however the threads are scheduled.

use crate::support::{tree, TestSite};

#[test]
fn example_site_builds_byte_identical_twice() {
    // Two copies at different paths: nothing of the machine (paths, clock,
    // thread order) may reach the output.
    let a = TestSite::example();
    let b = TestSite::example();
    a.build().success();
    b.build().success();
    let (ta, tb) = (tree(&a.output_dir()), tree(&b.output_dir()));
    assert!(ta.len() > 50, "the example site has many files");
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (path, bytes) in &ta {
        assert!(tb[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn rebuilding_in_place_changes_nothing() {
    let site = TestSite::fixture("minimal");
    site.build().success();
    let first = tree(&site.output_dir());
    site.build().success();
    assert_eq!(tree(&site.output_dir()), first);
}
