//! `gazette init [DIR]`: start a new site that builds with the binary
//! alone: site.yaml, an indicator catalogue with one indicator, one example
//! bulletin (an observation and a target), `.gitignore`, and CI recipes for
//! GitHub Actions and GitLab CI. The default theme is built into gazette,
//! so no `themes/` folder is written.
//!
//! Like `zola init`: on a terminal it asks, with defaults, for what the
//! flags did not say; otherwise it asks nothing. A folder that holds
//! anything but hidden entries (a fresh `.git` is fine) is refused, and so
//! is one where any file it would write exists: exit 2, nothing written.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::config::{normalize_base_url, LANGUAGES};

use super::prompt::{ask, ask_valid};
use super::{EXIT_CONFIG, EXIT_CONTENT, EXIT_OK};

/// Options of `gazette init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to start the site in; created when missing, and it must
    /// be empty (hidden entries such as .git aside).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The site's title [asked on a terminal; otherwise 政务公报, or Town
    /// bulletins in English].
    #[arg(long)]
    pub title: Option<String>,
    /// The language of the theme's words and of the example content
    /// [asked on a terminal; otherwise zh].
    #[arg(long, value_parser = ["zh", "en"])]
    pub language: Option<String>,
    /// The absolute URL the site will be published at [asked on a
    /// terminal; otherwise https://example.org/].
    #[arg(long)]
    pub base_url: Option<String>,
    /// Who issues the bulletins [asked on a terminal; otherwise a
    /// placeholder to replace].
    #[arg(long)]
    pub issuer: Option<String>,
}

/// What a new site is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// Site title.
    pub title: String,
    /// `zh` or `en`.
    pub language: String,
    /// Normalised base URL (ends in `/`).
    pub base_url: String,
    /// Default issuer.
    pub issuer: String,
}

const DEFAULT_BASE_URL: &str = "https://example.org/";

fn default_title(lang: &str) -> &'static str {
    if lang == "en" {
        "Town bulletins"
    } else {
        "政务公报"
    }
}

fn default_issuer(lang: &str) -> &'static str {
    if lang == "en" {
        "Town council"
    } else {
        "某某镇人民政府"
    }
}

/// The files of a new site, as (relative path, text), in writing order.
pub fn starter_files(a: &Answers, today: NaiveDate) -> Vec<(String, String)> {
    let en = a.language == "en";
    let pick = |zh: &'static str, en_text: &'static str| if en { en_text } else { zh };
    // JSON strings are valid YAML double-quoted scalars: any title is safe.
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let year = today.year();
    let site = pick(
        include_str!("starter/site.zh.yaml"),
        include_str!("starter/site.en.yaml"),
    )
    .replace("__TITLE__", &quote(&a.title))
    .replace("__BASE_URL__", &quote(&a.base_url))
    .replace("__ISSUER__", &quote(&a.issuer));
    let bulletin = pick(
        include_str!("starter/bulletin.zh.md"),
        include_str!("starter/bulletin.en.md"),
    )
    .replace("__DATE__", &today.format("%Y-%m-%d").to_string())
    .replace("__LAST_YEAR__", &(year - 1).to_string())
    .replace("__YEAR__", &year.to_string());
    let indicators = pick(
        include_str!("starter/indicators.zh.yaml"),
        include_str!("starter/indicators.en.yaml"),
    );
    vec![
        ("site.yaml".into(), site),
        ("indicators.yaml".into(), indicators.to_string()),
        (format!("bulletins/{year}/work-plan-{year}.md"), bulletin),
        (
            ".gitignore".into(),
            include_str!("starter/gitignore").into(),
        ),
        (
            ".github/workflows/publish.yml".into(),
            include_str!("starter/publish.yml").into(),
        ),
        (
            ".gitlab-ci.yml".into(),
            include_str!("starter/gitlab-ci.yml").into(),
        ),
    ]
}

/// Why `dir` cannot take a new site, if it cannot.
fn refusal(dir: &Path, files: &[(String, String)]) -> Option<String> {
    let meta = match std::fs::metadata(dir) {
        Err(_) => return None,
        Ok(m) => m,
    };
    let shown = dir.display();
    if !meta.is_dir() {
        return Some(format!(
            "refusing to start a site in {shown}: it is not a folder"
        ));
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return Some(format!("cannot read {shown}: {e}")),
    };
    let mut visible: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    visible.sort();
    if !visible.is_empty() {
        let listed = visible
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if visible.len() > 3 { ", ..." } else { "" };
        return Some(format!(
            "refusing to start a site in {shown}: it is not empty ({listed}{more}); \
             nothing was written. Start it in a new folder (`gazette init my-site`) \
             or empty this one"
        ));
    }
    files
        .iter()
        .find(|(rel, _)| dir.join(rel).symlink_metadata().is_ok())
        .map(|(rel, _)| {
            format!(
                "refusing to start a site in {shown}: {rel} exists already; nothing was written"
            )
        })
}

/// Fill in what the flags did not say: asked on a terminal, else defaults.
fn answers(args: &InitArgs, interactive: bool) -> Result<Answers, String> {
    if let Some(u) = &args.base_url {
        normalize_base_url(u).map_err(|m| format!("--base-url: {m}"))?;
    }
    if interactive {
        return ask_missing(args).map_err(|e| format!("cannot read the answer: {e}"));
    }
    let language = args.language.clone().unwrap_or_else(|| "zh".into());
    Ok(Answers {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| default_title(&language).into()),
        base_url: normalize_base_url(args.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?,
        issuer: args
            .issuer
            .clone()
            .unwrap_or_else(|| default_issuer(&language).into()),
        language,
    })
}

/// Ask, on the terminal, for each value no flag gave.
fn ask_missing(args: &InitArgs) -> std::io::Result<Answers> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout();
    let all_given = args.language.is_some()
        && args.title.is_some()
        && args.issuer.is_some()
        && args.base_url.is_some();
    if !all_given {
        println!("Welcome to gazette! A few questions (Enter takes the default in brackets):");
    }
    let language = match &args.language {
        Some(l) => l.clone(),
        None => ask_valid(
            &mut input,
            &mut out,
            "Language of the site (zh or en)",
            "zh",
            |a| {
                LANGUAGES
                    .contains(&a)
                    .then(|| a.to_string())
                    .ok_or_else(|| "answer zh or en".to_string())
            },
        )?,
    };
    let title = match &args.title {
        Some(t) => t.clone(),
        None => ask(
            &mut input,
            &mut out,
            "Title of the site",
            default_title(&language),
        )?,
    };
    let issuer = match &args.issuer {
        Some(i) => i.clone(),
        None => ask(
            &mut input,
            &mut out,
            "Who issues the bulletins",
            default_issuer(&language),
        )?,
    };
    let base_url = match &args.base_url {
        // Checked by the caller.
        Some(u) => normalize_base_url(u).unwrap_or_else(|_| u.clone()),
        None => ask_valid(
            &mut input,
            &mut out,
            "URL the site will be published at",
            DEFAULT_BASE_URL,
            normalize_base_url,
        )?,
    };
    Ok(Answers {
        title,
        language,
        base_url,
        issuer,
    })
}

/// Write every file under `dir`, each only if it does not exist yet; on a
/// failure the files written so far are removed again, so nothing is left
/// half done. Shared with `theme eject`.
pub(crate) fn write_new_files<B: AsRef<[u8]>>(
    dir: &Path,
    files: &[(String, B)],
) -> Result<(), String> {
    let mut written: Vec<PathBuf> = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(rel);
        let step = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            })
            .and_then(|mut f| {
                written.push(path.clone());
                f.write_all(bytes.as_ref())
            });
        if let Err(e) = step {
            for p in written {
                let _ = std::fs::remove_file(p);
            }
            return Err(format!("cannot write {}: {e}", path.display()));
        }
    }
    Ok(())
}

/// Run; returns the exit code.
pub fn run(args: InitArgs) -> i32 {
    let today = chrono::Local::now().date_naive();
    // The files do not depend on the answers' content for the checks, so
    // the folder is checked before any question is asked.
    let probe = starter_files(
        &Answers {
            title: String::new(),
            language: "zh".into(),
            base_url: DEFAULT_BASE_URL.into(),
            issuer: String::new(),
        },
        today,
    );
    if let Some(msg) = refusal(&args.dir, &probe) {
        eprintln!("error: {msg}");
        return EXIT_CONFIG;
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let answers = match answers(&args, interactive) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("error: {msg}");
            return EXIT_CONFIG;
        }
    };
    let files = starter_files(&answers, today);
    if let Err(msg) = write_new_files(&args.dir, &files) {
        eprintln!("error: {msg}; the files written before it were removed again");
        return EXIT_CONTENT;
    }
    print_next_steps(&args.dir, &files);
    EXIT_OK
}

fn print_next_steps(dir: &Path, files: &[(String, String)]) {
    let shown = dir.display().to_string();
    println!("created a gazette site in {shown}:");
    for (rel, _) in files {
        println!("  {rel}");
    }
    println!("next:");
    if shown != "." {
        println!("  cd {shown}");
    }
    println!("  gazette serve --watch      preview at http://127.0.0.1:1111/, rebuilt as you edit");
    println!("  gazette new \"Title\"        start a bulletin (a draft until you publish it)");
    println!("  gazette build              the site, in output/");
    println!(
        "to publish: fill in GAZETTE_GIT in .github/workflows/publish.yml or .gitlab-ci.yml \
         (gazette's docs/deployment.md walks through it)"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers_en() -> Answers {
        Answers {
            title: "Town: \"bulletins\"".into(),
            language: "en".into(),
            base_url: "https://example.org/town/".into(),
            issuer: "Council".into(),
        }
    }

    #[test]
    fn any_title_makes_valid_site_yaml() {
        let files = starter_files(&answers_en(), NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        let site = crate::config::SiteConfig::parse(&files[0].1).unwrap();
        assert_eq!(site.title, "Town: \"bulletins\"");
        assert_eq!(site.base_url, "https://example.org/town/");
        assert_eq!(site.language, "en");
        assert_eq!(files[2].0, "bulletins/2026/work-plan-2026.md");
        assert!(files[2].1.contains("period: \"2025\""), "{}", files[2].1);
    }

    #[test]
    fn a_failed_write_removes_what_it_wrote_and_keeps_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "theirs").unwrap();
        let files = [("a/a.txt".to_string(), "1"), ("b.txt".to_string(), "2")];
        let err = write_new_files(dir.path(), &files).unwrap_err();
        assert!(err.contains("b.txt"), "{err}");
        assert!(!dir.path().join("a/a.txt").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.txt")).unwrap(),
            "theirs"
        );
    }

    #[test]
    fn a_folder_with_only_hidden_entries_is_empty_enough() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let files = starter_files(&answers_en(), NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(refusal(dir.path(), &files), None);
        std::fs::write(dir.path().join(".gitignore"), "x").unwrap();
        let why = refusal(dir.path(), &files).unwrap();
        assert!(why.contains(".gitignore exists"), "{why}");
    }
}
