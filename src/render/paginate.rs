//! Pagination of the list pages (SPEC §3): a year, tag or subject list
//! (and a year narrowed to a kind or subject) holds `paginate` entries per
//! page (site.yaml, default 50). Page 1 stays at the list's own address
//! (`/2021/`); later pages are `/2021/page/2/` and so on. There is no
//! `/page/1/`: one address per page, nothing to redirect. Every page links
//! the others with numbered links and `rel=prev/next`; the sitemap lists
//! them all.

use crate::render::pages::PageContext;
use crate::render::subjects::{filter_rel, year_filters};
use crate::render::urls::Urls;
use crate::render::views::{Pager, PagerLink};

/// Pages on each side of the current one that get a numbered link (the
/// first and last page always do), as Hugo's and Zola's default pagers.
const NEAR: usize = 2;

/// One page of a paginated list.
pub(crate) struct ListPage<'l> {
    /// The entries on this page (indices into `site.bulletins`).
    pub entries: &'l [usize],
    /// Its number, from 1.
    pub number: usize,
    /// Its output folder, `/`-terminated (`2021/page/2/`).
    pub rel: String,
    /// The links to the other pages; none when the list fits on one.
    pub pager: Option<Pager>,
}

impl ListPage<'_> {
    /// The page title: the list's title, with the page number after page 1
    /// so each page has its own.
    pub(crate) fn title(&self, ctx: &PageContext, list_title: String) -> String {
        if self.number == 1 {
            list_title
        } else {
            format!("{list_title} · {}", page_label(ctx, self.number))
        }
    }
}

/// "Page 2" / "第 2 页", from the theme's i18n files.
fn page_label(ctx: &PageContext, n: usize) -> String {
    ctx.t("pagination.page").replace("{n}", &n.to_string())
}

/// The output folder of page `n` of the list at `first` (`2021/`).
pub(crate) fn page_rel(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

/// How many pages a list of `len` entries takes (at least one: an empty
/// list still has its page).
pub(crate) fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// Split `list`, published at `first`, into its pages.
pub(crate) fn split<'l>(ctx: &PageContext, list: &'l [usize], first: &str) -> Vec<ListPage<'l>> {
    let per = ctx.config().site.paginate.max(1);
    let total = page_count(list.len(), per);
    (1..=total)
        .map(|n| ListPage {
            entries: &list[((n - 1) * per).min(list.len())..(n * per).min(list.len())],
            number: n,
            rel: page_rel(first, n),
            pager: (total > 1).then(|| pager(ctx, first, n, total)),
        })
        .collect()
}

fn pager(ctx: &PageContext, first: &str, current: usize, total: usize) -> Pager {
    let url = |n: usize| ctx.urls.path(&page_rel(first, n));
    let mut links = Vec::new();
    for n in 1..=total {
        let shown = n == 1 || n == total || n.abs_diff(current) <= NEAR;
        if shown {
            links.push(PagerLink {
                number: Some(n),
                url: url(n),
                current: n == current,
            });
        } else if links.last().is_some_and(|l| l.number.is_some()) {
            links.push(PagerLink {
                number: None,
                url: String::new(),
                current: false,
            });
        }
    }
    Pager {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        links,
    }
}

/// The output folders of every page after the first of every paginated
/// list, for the sitemap.
pub(crate) fn later_page_rels(ctx: &PageContext) -> Vec<String> {
    let per = ctx.config().site.paginate;
    let mut lists: Vec<(String, usize)> = Vec::new();
    for year in ctx.years() {
        lists.push((format!("{year}/"), ctx.year(year).len()));
        let filters = year_filters(ctx, year);
        let dims = [("kinds", &filters.kinds), ("subjects", &filters.subjects)];
        for (dim, links) in dims {
            lists.extend(
                links
                    .iter()
                    .map(|f| (filter_rel(year, (dim, f.key)), f.count)),
            );
        }
    }
    lists.extend(
        ctx.tags()
            .values()
            .map(|t| (Urls::tag_rel(&t.name), t.bulletins.len())),
    );
    lists.extend(
        ctx.subjects()
            .iter()
            .map(|(k, list)| (Urls::subject_rel(k), list.len())),
    );
    lists
        .into_iter()
        .flat_map(|(first, len)| (2..=page_count(len, per)).map(move |n| page_rel(&first, n)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_addresses_and_counts() {
        assert_eq!(page_rel("2021/", 1), "2021/");
        assert_eq!(page_rel("2021/", 3), "2021/page/3/");
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
    }
}
