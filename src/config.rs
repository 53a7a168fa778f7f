//! Configuration: `site.yaml` read and checked, merged with the command
//! line. Nothing downstream sees clap; everything downstream sees `Config`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Pos};
use crate::text::replace_controls;
use crate::yaml::fields::Fields;
use crate::yaml::YamlSource;

/// The site's own settings, from `site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Site title.
    pub title: String,
    /// Absolute URL the site is published at, always ending in `/`.
    pub base_url: String,
    /// Default language: `zh` or `en`.
    pub language: String,
    /// Default issuer of bulletins.
    pub issuer: String,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Declared kinds: key -> display name, in file order.
    pub kinds: Vec<(String, String)>,
    /// Entries in the Atom feed.
    pub feed_entries: usize,
    /// Write the full-text search page and index (`search:`, default true).
    pub search: bool,
    /// Entries per page of a year, tag or subject list (`paginate:`,
    /// default 50).
    pub paginate: usize,
    /// Declared subjects (主题分类, SPEC §2.6): key -> display name, in
    /// file order.
    pub subjects: Vec<(String, String)>,
}

const SITE_KEYS: &[&str] = &[
    "title", "base_url", "language", "issuer", "theme", "kinds", "feed", "search", "subjects",
    "paginate",
];
/// Languages the default theme has strings for.
pub const LANGUAGES: &[&str] = &["zh", "en"];

impl SiteConfig {
    /// Parse `site.yaml` text. All problems are returned, not only the first.
    pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let src = YamlSource {
            file: "site.yaml",
            text,
            line_offset: 0,
        };
        let source: Arc<str> = Arc::from(text);
        let attach = |ds: Vec<Diagnostic>| -> Vec<Diagnostic> {
            ds.into_iter()
                .map(|d| d.with_source(source.clone()))
                .collect()
        };
        let node = src.parse().map_err(|d| attach(vec![d]))?;
        let Some(mut f) = Fields::new(&src, &node, "site.yaml", SITE_KEYS) else {
            return Err(attach(vec![
                src.error(Pos::new(1, 1), "site.yaml must be a mapping of settings")
            ]));
        };
        let title = f.require("title", "site.yaml").and(f.string("title"));
        let base = f.require("base_url", "site.yaml").and(f.string("base_url"));
        let base_url = base.and_then(|(url, pos)| match normalize_base_url(&url) {
            Ok(u) => Some(u),
            Err(msg) => {
                f.push(src.error(pos, msg));
                None
            }
        });
        let language = match f.string("language") {
            Some((l, _)) if LANGUAGES.contains(&l.as_str()) => l,
            Some((l, pos)) => {
                f.push(src.error(
                    pos,
                    format!("language \"{l}\" is not supported: use zh or en"),
                ));
                String::new()
            }
            None => "zh".to_string(),
        };
        let issuer = f.string("issuer").map(|s| s.0).unwrap_or_default();
        let theme = f
            .string("theme")
            .map(|s| s.0)
            .unwrap_or_else(|| "default".into());
        if theme.contains(['/', '\\']) || theme.starts_with('.') {
            let pos = f.node("theme").map(|n| src.pos(n)).unwrap_or_default();
            f.push(src.error(
                pos,
                format!("theme \"{theme}\" must be a folder name under themes/"),
            ));
        }
        let kinds = read_kinds(&mut f);
        let feed_entries = read_feed(&mut f);
        let search = f.boolean("search").unwrap_or(true);
        let paginate = read_paginate(&mut f);
        let subjects = read_subjects(&mut f);
        let diags = std::mem::take(&mut f.diags);
        match (title, base_url) {
            (Some((title, _)), Some(base_url)) if diags.is_empty() => Ok(SiteConfig {
                title,
                base_url,
                language,
                issuer,
                theme,
                kinds,
                feed_entries,
                search,
                paginate,
                subjects,
            }),
            _ => Err(attach(diags)),
        }
    }

    /// Path prefix of `base_url` (`/bulletins/`), always starting and ending with `/`.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        let path_start = self.base_url[after_scheme..]
            .find('/')
            .map_or(self.base_url.len(), |i| after_scheme + i);
        &self.base_url[path_start..]
    }

    /// Display name of a subject.
    pub fn subject_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.subjects
            .iter()
            .find(|(k, _)| k == key)
            .map_or(key, |(_, v)| v.as_str())
    }

    /// Display name of a kind.
    pub fn kind_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.kinds
            .iter()
            .find(|(k, _)| k == key)
            .map_or(key, |(_, v)| v.as_str())
    }
}

fn read_kinds(f: &mut Fields) -> Vec<(String, String)> {
    let Some(node) = f.node("kinds") else {
        return default_kinds();
    };
    let Some(map) = node.as_mapping() else {
        f.error_at(
            node,
            "\"kinds\" must be a mapping like { report: 工作报告 }",
        );
        return default_kinds();
    };
    let mut kinds = Vec::new();
    for (k, v) in map.iter() {
        match v.as_scalar() {
            Some(s) => kinds.push((
                replace_controls(k.as_str()).into_owned(),
                replace_controls(s.as_str()).into_owned(),
            )),
            None => f.error_at(v, format!("kind \"{}\" needs a display name", k.as_str())),
        }
    }
    if !kinds.iter().any(|(k, _)| k == "notice") {
        // `notice` is the default kind of a bulletin, so it always exists.
        kinds.push(("notice".into(), "notice".into()));
    }
    kinds
}

/// `subjects: { finance: 财政金融 }`. Keys become URL segments
/// (`/subjects/finance/`), so they must be slugs.
fn read_subjects(f: &mut Fields) -> Vec<(String, String)> {
    let Some(node) = f.node("subjects") else {
        return Vec::new();
    };
    let Some(map) = node.as_mapping() else {
        f.error_at(
            node,
            "\"subjects\" must be a mapping like { finance: 财政金融 }",
        );
        return Vec::new();
    };
    let mut subjects = Vec::new();
    for (k, v) in map.iter() {
        let key = k.as_str();
        if !crate::slug::is_valid_slug(key) {
            let src = f.source();
            let pos = k
                .span()
                .start()
                .map(|m| Pos::new(m.line() + src.line_offset, m.column()))
                .unwrap_or_default();
            f.push(src.error(
                pos,
                format!("subject \"{key}\" is used in addresses (/subjects/{key}/): use lower-case letters, digits and `-`"),
            ));
            continue;
        }
        match v.as_scalar() {
            Some(s) => subjects.push((key.to_string(), replace_controls(s.as_str()).into_owned())),
            None => f.error_at(v, format!("subject \"{key}\" needs a display name")),
        }
    }
    subjects
}

fn default_kinds() -> Vec<(String, String)> {
    ["report", "plan", "notice", "statistics"]
        .iter()
        .map(|k| (k.to_string(), k.to_string()))
        .collect()
}

fn read_feed(f: &mut Fields) -> usize {
    let Some(node) = f.node("feed") else {
        return 20;
    };
    let src = f.source();
    let Some(mut feed) = Fields::new(src, node, "feed", &["entries"]) else {
        f.error_at(node, "\"feed\" must be a mapping like { entries: 30 }");
        return 20;
    };
    let entries = match feed.integer("entries") {
        Some((n, _)) if (1..=10_000).contains(&n) => n as usize,
        Some((_, pos)) => {
            feed.push(src.error(pos, "feed entries must be between 1 and 10000"));
            20
        }
        None => 20,
    };
    f.diags.append(&mut feed.diags);
    entries
}

/// Entries per list page: a whole number from 1 (default 50).
fn read_paginate(f: &mut Fields) -> usize {
    match f.integer("paginate") {
        Some((n, _)) if (1..=100_000).contains(&n) => n as usize,
        Some((_, pos)) => {
            let src = f.source();
            f.push(src.error(
                pos,
                "paginate must be a whole number of entries per page, from 1 to 100000 (default 50)",
            ));
            50
        }
        None => 50,
    }
}

/// Check a base URL is absolute http(s) and end it with `/`.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url \"{url}\" must be an absolute http:// or https:// URL"))?;
    if rest.is_empty() || rest.starts_with('/') || url.contains(['?', '#', ' ']) {
        return Err(format!(
            "base_url \"{url}\" must be an absolute URL like https://example.gov.cn/bulletins/"
        ));
    }
    let mut u = url.to_string();
    if !u.ends_with('/') {
        u.push('/');
    }
    Ok(u)
}

/// Everything a build needs to know, validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site root (holds site.yaml).
    pub root: PathBuf,
    /// Output folder.
    pub output: PathBuf,
    /// Settings from site.yaml, with command-line overrides applied.
    pub site: SiteConfig,
    /// Build drafts too.
    pub drafts: bool,
    /// Warnings fail the build.
    pub strict: bool,
    /// "Today" for the release calendar and `expires` (SPEC §2.6):
    /// `--now`, or the current date in UTC. Every page depends on it only
    /// through the date, so the same `--now` gives the same bytes.
    pub today: chrono::NaiveDate,
}

/// A problem with the configuration or the command line: exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// site.yaml is missing or unreadable.
    #[error("cannot read {path}: {source}")]
    Unreadable {
        /// Which file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// site.yaml has problems.
    #[error("site.yaml has {} problem(s)", .0.len())]
    Invalid(Vec<Diagnostic>),
    /// Anything else, already phrased for a person.
    #[error("{0}")]
    Other(String),
}

impl Config {
    /// Read site.yaml under `root` and apply the overrides.
    pub fn load(
        root: &Path,
        output: Option<&Path>,
        base_url: Option<&str>,
        drafts: bool,
        strict: bool,
    ) -> Result<Config, ConfigError> {
        let site_file = root.join("site.yaml");
        let text = std::fs::read_to_string(&site_file).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                ConfigError::Other(no_site_message(root))
            } else {
                ConfigError::Unreadable {
                    path: site_file.display().to_string(),
                    source,
                }
            }
        })?;
        let mut site = SiteConfig::parse(&text).map_err(ConfigError::Invalid)?;
        if let Some(url) = base_url {
            site.base_url = normalize_base_url(url)
                .map_err(|m| ConfigError::Other(format!("--base-url: {m}")))?;
        }
        let output = match output {
            Some(o) if o.is_absolute() => o.to_path_buf(),
            Some(o) => std::env::current_dir()
                .map(|d| d.join(o))
                .unwrap_or_else(|_| o.to_path_buf()),
            None => root.join("output"),
        };
        Ok(Config {
            root: root.to_path_buf(),
            output,
            site,
            drafts,
            strict,
            today: chrono::Utc::now().date_naive(),
        })
    }
}

/// Parse a `--now YYYY-MM-DD` argument.
pub fn parse_now(text: &str) -> Result<chrono::NaiveDate, String> {
    match chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(d) if text.trim().len() == 10 => Ok(d),
        _ => Err(format!("\"{text}\" is not a date written YYYY-MM-DD")),
    }
}

/// What to say when `root` holds no site.yaml: how to start a site, and
/// where the nearest site above is when the command was run inside one
/// (from `bulletins/2022/`, say).
fn no_site_message(root: &Path) -> String {
    let here = root.as_os_str().is_empty() || root == Path::new(".");
    let mut msg = if here {
        "no site.yaml here: run `gazette init` to start a site, or pass --root".to_string()
    } else {
        let dir = root.display();
        format!(
            "no site.yaml in {dir}: run `gazette init {dir}` to start a site there, \
             or pass the --root of an existing site"
        )
    };
    let absolute = std::env::current_dir().map(|d| d.join(root));
    let above = absolute.ok().and_then(|a| {
        a.ancestors()
            .skip(1)
            .find(|d| d.join("site.yaml").is_file())
            .map(Path::to_path_buf)
    });
    if let Some(site) = above {
        msg.push_str(&format!(
            " (the site around this folder is {}: run gazette there or pass --root {})",
            site.display(),
            site.display()
        ));
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_urls() {
        let mut c = SiteConfig::parse("title: t\nbase_url: https://x.org/a/b\n").unwrap();
        assert_eq!(c.base_url, "https://x.org/a/b/");
        assert_eq!(c.base_path(), "/a/b/");
        c.base_url = "http://127.0.0.1:1111/".into();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn unknown_keys_are_errors_with_suggestion() {
        let e = SiteConfig::parse("title: t\nbase_url: https://x.org/\nlanguge: zh\n").unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].pos, Some(Pos::new(3, 1)));
        assert!(
            e[0].message.contains("did you mean \"language\""),
            "{}",
            e[0].message
        );
    }
}
