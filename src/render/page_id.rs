//! `PageId` names each unit of rendering: one page, one data file, or the
//! static files as a group. `build` renders every id of the site; `serve`
//! renders only the ids a change can reach, so the set of ids and the
//! function that renders one of them are the seam between the two.

use rayon::prelude::*;

use crate::model::site::Site;
use crate::render::inputs::InputKey;
use crate::render::pages::{PageContext, SiteContext};
use crate::render::{
    assets, bulletin_page, calendar, feeds, indicator_pages, lists, opendata, search_page,
    subjects, OutputFile, RenderError,
};

/// One unit of rendering. Keys are stable across rebuilds (addresses and
/// ids, never positions in a list), so a page can be followed from one
/// version of the site to the next.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum PageId {
    /// `/<year>/<slug>/` and its attachments.
    Bulletin {
        /// Reporting year.
        year: i32,
        /// Slug.
        slug: String,
    },
    /// `/`.
    Home,
    /// `/<year>/`.
    Year(i32),
    /// `/tags/`.
    TagsIndex,
    /// `/tags/<slug>/`.
    Tag(String),
    /// `/404.html`.
    NotFound,
    /// `/search/` (only when `search:` is on).
    Search,
    /// `/indicators/`.
    IndicatorsIndex,
    /// `/indicators/<id>/`.
    Indicator(String),
    /// `/feed.xml`.
    Feed,
    /// `/sitemap.xml`.
    Sitemap,
    /// `/robots.txt`.
    Robots,
    /// `/indicators.csv`.
    IndicatorsCsv,
    /// `/indicators.json`.
    IndicatorsJson,
    /// `/indicators/<id>.csv`.
    IndicatorCsv(String),
    /// `/subjects/`.
    SubjectsIndex,
    /// `/subjects/<key>/`.
    Subject(String),
    /// `/calendar/`.
    Calendar,
    /// `/calendar.ics`.
    CalendarIcs,
    /// The theme's and the site's `static/` files.
    Static,
}

impl PageId {
    /// The id of a bulletin's page.
    pub(crate) fn bulletin(b: &crate::model::bulletin::Bulletin) -> PageId {
        PageId::Bulletin {
            year: b.year,
            slug: b.slug.clone(),
        }
    }
}

/// Every id of the site, in the order a build renders them. Static
/// files come last because they override generated files of the same path.
pub(crate) fn all_pages(site: &Site) -> Vec<PageId> {
    let mut ids: Vec<PageId> = site.bulletins.iter().map(|b| PageId::bulletin(b)).collect();
    ids.push(PageId::Home);
    ids.extend(lists::all_years(site).into_iter().map(PageId::Year));
    ids.push(PageId::TagsIndex);
    ids.extend(site.tags.keys().cloned().map(PageId::Tag));
    ids.push(PageId::SubjectsIndex);
    ids.extend(site.subjects.keys().cloned().map(PageId::Subject));
    ids.push(PageId::Calendar);
    ids.push(PageId::CalendarIcs);
    ids.push(PageId::NotFound);
    if site.config.site.search {
        ids.push(PageId::Search);
    }
    ids.push(PageId::IndicatorsIndex);
    ids.extend(
        site.catalogue
            .ids()
            .map(|id| PageId::Indicator(id.to_string())),
    );
    ids.extend([
        PageId::Feed,
        PageId::Sitemap,
        PageId::Robots,
        PageId::IndicatorsCsv,
        PageId::IndicatorsJson,
    ]);
    ids.extend(site.series.keys().cloned().map(PageId::IndicatorCsv));
    ids.push(PageId::Static);
    ids
}

/// One rendered id: its files and what it read of the model.
#[derive(Debug)]
pub(crate) struct Rendered {
    /// The id.
    pub id: PageId,
    /// Its files.
    pub files: Vec<OutputFile>,
    /// What building it read (unsorted, with repeats; see
    /// `inputs::distinct`).
    pub reads: Vec<InputKey>,
}

/// Render one id. An id whose subject no longer exists (a deleted
/// bulletin, a tag nobody carries) renders to no files.
pub(crate) fn render_page(site: &SiteContext, id: &PageId) -> Result<Rendered, RenderError> {
    let ctx = site.page();
    let files = render_with(&ctx, id)?;
    Ok(Rendered {
        id: id.clone(),
        files,
        reads: ctx.into_reads(),
    })
}

fn render_with(ctx: &PageContext, id: &PageId) -> Result<Vec<OutputFile>, RenderError> {
    let one = |f: OutputFile| vec![f];
    Ok(match id {
        PageId::Bulletin { year, slug } => match ctx.bulletin_at(*year, slug) {
            Some(i) => bulletin_page::render_bulletin(ctx, i, ctx.whole_bulletin(i))?,
            None => Vec::new(),
        },
        PageId::Home => one(lists::render_home(ctx)?),
        PageId::Year(y) => lists::render_year(ctx, *y)?,
        PageId::SubjectsIndex => one(subjects::render_subjects_index(ctx)?),
        PageId::Subject(key) => subjects::render_subject(ctx, key)?.into_iter().collect(),
        PageId::Calendar => one(calendar::render_calendar(ctx)?),
        PageId::CalendarIcs => one(calendar::render_ics(ctx)),
        PageId::TagsIndex => one(lists::render_tags_index(ctx)?),
        PageId::Tag(slug) => lists::render_tag(ctx, slug)?.into_iter().collect(),
        PageId::NotFound => one(lists::render_not_found(ctx)?),
        PageId::Search => search_page::render_search(ctx)?.into_iter().collect(),
        PageId::IndicatorsIndex => one(indicator_pages::render_indicators_index(ctx)?),
        PageId::Indicator(id) => indicator_pages::render_indicator(ctx, id)?
            .into_iter()
            .collect(),
        PageId::Feed => one(feeds::atom_feed(ctx)),
        PageId::Sitemap => one(feeds::sitemap(ctx)),
        PageId::Robots => one(feeds::robots(ctx)),
        PageId::IndicatorsCsv => one(opendata::render_all_csv(ctx)?),
        PageId::IndicatorsJson => one(opendata::render_json(ctx)?),
        PageId::IndicatorCsv(id) => opendata::render_indicator_csv(ctx, id)?
            .into_iter()
            .collect(),
        PageId::Static => assets::copy_static(ctx),
    })
}

/// Render the given ids in parallel; results keep the order of `ids`.
pub(crate) fn render_pages(
    ctx: &SiteContext,
    ids: &[PageId],
) -> Result<Vec<Rendered>, RenderError> {
    ids.par_iter().map(|id| render_page(ctx, id)).collect()
}
