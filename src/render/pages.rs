//! What every HTML page is made with: the shared `PageContext` (site
//! view, URL builder, theme) and page metadata. The figure and target rows
//! pages share are built in `render::figures`.

use std::collections::HashMap;

use tera::Context;

use crate::model::site::Site;
use crate::render::templates::template_error;
use crate::render::urls::Urls;
use crate::render::views::{BulletinCard, PageMeta, SiteView};
use crate::render::{RenderError, Theme};

/// Number of bulletins on the home page.
pub const HOME_LATEST: usize = 10;

/// What every page builder needs, made once per build.
pub struct PageContext<'a> {
    /// The site.
    pub site: &'a Site,
    /// The theme.
    pub theme: &'a Theme,
    /// URL builder.
    pub urls: Urls,
    /// The site language.
    pub lang: &'a str,
    site_view: tera::Value,
    /// (year, slug) -> index into `site.bulletins`, to render one page by name.
    by_address: HashMap<(i32, &'a str), usize>,
}

impl<'a> PageContext<'a> {
    /// Prepare the shared parts.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Self {
        let cfg = &site.config.site;
        let urls = Urls::new(&cfg.base_url, cfg.base_path());
        let view = SiteView {
            title: &cfg.title,
            base_url: &cfg.base_url,
            base_path: cfg.base_path(),
            language: &cfg.language,
            issuer: &cfg.issuer,
            years: site.years.keys().rev().copied().collect(),
            search: cfg.search && crate::render::search_page::has_search_page(theme),
        };
        let site_view = tera::to_value(view).unwrap_or(tera::Value::Null);
        let by_address = site
            .bulletins
            .iter()
            .enumerate()
            .map(|(i, b)| ((b.year, b.slug.as_str()), i))
            .collect();
        PageContext {
            site,
            theme,
            urls,
            lang: &cfg.language,
            site_view,
            by_address,
        }
    }

    /// The index of the bulletin published at `/<year>/<slug>/`.
    pub fn bulletin_at(&self, year: i32, slug: &str) -> Option<usize> {
        self.by_address.get(&(year, slug)).copied()
    }

    /// Page metadata for an output path (`2021/`).
    pub fn meta(&self, rel: &str, title: String, description: String, lang: &str) -> PageMeta {
        PageMeta {
            title,
            description,
            canonical: Some(self.urls.absolute(rel)),
            lang: lang.to_string(),
            path: self.urls.path(rel),
        }
    }

    /// A string of the theme's i18n file in the site language.
    pub fn t(&self, key: &'a str) -> &str {
        self.theme.i18n.get(self.lang, key)
    }

    /// Render `template` with `page` metadata and page-specific values.
    pub fn render(
        &self,
        template: &str,
        page: &PageMeta,
        fill: impl FnOnce(&mut Context),
    ) -> Result<Vec<u8>, RenderError> {
        let mut ctx = Context::new();
        ctx.insert("site", &self.site_view);
        ctx.insert("page", page);
        ctx.insert("lang", &page.lang);
        fill(&mut ctx);
        self.theme
            .tera
            .render(template, &ctx)
            .map(String::into_bytes)
            .map_err(|e| RenderError(format!("template {template}: {}", template_error(&e))))
    }

    /// Cards of bulletins by index.
    pub fn cards(&self, indices: &[usize]) -> Vec<BulletinCard<'a>> {
        indices
            .iter()
            .map(|&i| BulletinCard::new(self.site, &self.urls, &self.site.bulletins[i]))
            .collect()
    }
}
