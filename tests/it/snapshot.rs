//! The whole rendered page of one bulletin, pinned by an insta snapshot:
//! any change to what a reader gets shows up as a reviewable diff
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test` and git diff).

use crate::support::TestSite;

#[test]
fn bulletin_page_snapshot() {
    let site = TestSite::fixture("minimal");
    let html = site.build().success().page("/2021/annual-report/");
    insta::assert_snapshot!("annual_report_page", html);
}
