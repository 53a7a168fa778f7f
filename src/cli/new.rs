//! `gazette new TITLE`: scaffold a draft bulletin at
//! `bulletins/<year>/<slug>.md`. Refuses to touch an existing file or to
//! take a slug the year already has.

use std::io::Write;

use chrono::{Datelike, NaiveDate};

use crate::config::Config;
use crate::load::load_site;
use crate::slug::{is_valid_slug, slugify};

use super::report::config_error;
use super::{EXIT_CONFIG, EXIT_CONTENT, EXIT_IO, EXIT_OK};

/// Options of `gazette new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The bulletin's title.
    pub title: String,
    /// The site folder (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub root: std::path::PathBuf,
    /// Kind, one of those declared in site.yaml.
    #[arg(long, default_value = "notice")]
    pub kind: String,
    /// Publication date, YYYY-MM-DD [default: today].
    #[arg(long)]
    pub date: Option<String>,
    /// URL slug [default: made from the title].
    #[arg(long)]
    pub slug: Option<String>,
}

/// The text of a new bulletin.
pub fn scaffold(title: &str, date: NaiveDate, kind: &str) -> String {
    let title = serde_json::to_string(title).unwrap_or_else(|_| "\"\"".into());
    format!(
        "---\ntitle: {title}\ndate: {}\nkind: {kind}\ndraft: true\ntags: []\n---\n\n",
        date.format("%Y-%m-%d")
    )
}

/// Run; returns the exit code.
pub fn run(args: NewArgs) -> i32 {
    let config = match Config::load(&args.root, None, None, true, false) {
        Ok(c) => c,
        Err(e) => return config_error(&e),
    };
    let date = match &args.date {
        Some(d) => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => {
                eprintln!("error: --date \"{d}\" must be written YYYY-MM-DD");
                return EXIT_CONFIG;
            }
        },
        None => chrono::Local::now().date_naive(),
    };
    if !config.site.kinds.iter().any(|(k, _)| *k == args.kind) {
        let known: Vec<&str> = config.site.kinds.iter().map(|(k, _)| k.as_str()).collect();
        eprintln!(
            "error: unknown kind \"{}\"; site.yaml declares: {}",
            args.kind,
            known.join(", ")
        );
        return EXIT_CONFIG;
    }
    let slug = args.slug.clone().unwrap_or_else(|| slugify(&args.title));
    if !is_valid_slug(&slug) {
        eprintln!(
            "error: slug \"{slug}\" may hold only lower-case letters, digits and `-`; pass --slug"
        );
        return EXIT_CONFIG;
    }
    let year = date.year();
    let loaded = load_site(&config);
    if let Some(b) = loaded
        .bulletins
        .iter()
        .find(|b| b.year == year && b.slug == slug)
    {
        eprintln!("error: {year} already has a bulletin with slug \"{slug}\" ({}); choose another with --slug", b.source);
        return EXIT_CONTENT;
    }
    let rel = format!("bulletins/{year}/{slug}.md");
    let path = config.root.join(&rel);
    if let Some(dir) = path.parent() {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return EXIT_IO;
        }
    }
    // create_new: never overwrite, even if the file appeared meanwhile.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("error: {rel} already exists; it was left untouched");
            return EXIT_CONTENT;
        }
        Err(e) => {
            eprintln!("error: cannot create {}: {e}", path.display());
            return EXIT_IO;
        }
    };
    match file
        .write_all(scaffold(&args.title, date, &args.kind).as_bytes())
        .and_then(|()| file.sync_all())
    {
        Ok(()) => {
            println!("created {rel} (a draft: build it with --drafts, publish it by removing `draft: true`)");
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            // The file is ours (create_new) and only partly written:
            // better none than half a scaffold.
            let _ = std::fs::remove_file(&path);
            EXIT_IO
        }
    }
}
