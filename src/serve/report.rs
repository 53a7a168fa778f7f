//! What `serve` tells people: one line per rebuild on stdout ("rebuilt N
//! pages in X ms", which the benchmark reads), diagnostics with their
//! source lines on stderr, and the same errors as overlay problems for the
//! browser.

use std::io::IsTerminal;

use crate::config::ConfigError;
use crate::diagnostics::{count, Diagnostic, Diagnostics, Severity};
use crate::serve::rebuild::{RebuildError, Rebuilt};
use crate::serve::state::Problem;

/// Most problems listed in the overlay; the terminal has all of them.
const OVERLAY_MAX: usize = 20;

fn print_all<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) {
    let color = std::io::stderr().is_terminal();
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render(color));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    eprint!("{out}");
}

/// Warnings, a screenful of each kind unless `verbose`, then a count.
fn print_warnings<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>, verbose: bool) {
    let summary = Diagnostics::summarise(diags, verbose);
    print_all(summary.shown.iter().copied());
    for line in summary.hidden_lines("serve") {
        eprintln!("{line}");
    }
}

/// The first build: its warnings and a summary like `build`'s.
pub(crate) fn first_build(r: &Rebuilt, verbose: bool) {
    print_warnings(r.diagnostics.items(), verbose);
    println!(
        "built {}, {}, {}, {} in {} ms",
        count(r.bulletins, "bulletin"),
        count(r.pages, "page"),
        count(r.indicators, "indicator"),
        count(r.diagnostics.warning_count(), "warning"),
        r.elapsed.as_millis()
    );
}

/// A rebuild: the warnings about the files that changed, and one line.
pub(crate) fn rebuilt(r: &Rebuilt, verbose: bool) {
    print_warnings(
        r.diagnostics
            .items()
            .iter()
            .filter(|d| r.full || r.changed.contains(&d.file)),
        verbose,
    );
    println!(
        "rebuilt {} {} in {} ms{}",
        r.rendered,
        if r.rendered == 1 { "page" } else { "pages" },
        r.elapsed.as_millis(),
        if r.full { " (everything)" } else { "" }
    );
}

/// A failed build, on stderr; returns the problems for the overlay.
pub(crate) fn failed(e: &RebuildError, first: bool) -> Vec<Problem> {
    let problems = print_errors(e);
    // One line naming the first problem; the details are printed above.
    let summary = problems
        .first()
        .map(|p| {
            let first_line = p.message.lines().next().unwrap_or_default().trim_end();
            match p.location.as_str() {
                "" => first_line.to_string(),
                at => format!("{at}: {first_line}"),
            }
        })
        .unwrap_or_default();
    if first {
        eprintln!("error: the site did not build ({summary}); pages show the error until it does");
    } else {
        eprintln!("error: rebuild failed ({summary}); still serving the last good site");
    }
    problems
}

/// Print the errors of a failed build with their source lines; returns
/// them as overlay problems.
pub(crate) fn print_errors(e: &RebuildError) -> Vec<Problem> {
    match e {
        RebuildError::Content(diags) => {
            let errors: Vec<&Diagnostic> = diags
                .items()
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            print_all(errors.iter().copied());
            problems_of(errors)
        }
        RebuildError::Config(ConfigError::Invalid(diags)) => {
            print_all(diags);
            problems_of(diags.iter())
        }
        RebuildError::Config(other) => {
            eprintln!("error: {other}");
            vec![message(other.to_string())]
        }
        RebuildError::Theme(t) => {
            eprintln!("error: {t}");
            vec![message(t.to_string())]
        }
        RebuildError::Store(e) => {
            let text = format!(
                "cannot write a rendered page into the preview's folder: {e} (check the space and permissions of the cache folder, .gazette/ or --cache-dir)"
            );
            eprintln!("error: {text}");
            vec![message(text)]
        }
    }
}

fn message(message: String) -> Problem {
    Problem {
        location: String::new(),
        message,
    }
}

fn problems_of<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<Problem> {
    let all: Vec<&Diagnostic> = diags.into_iter().collect();
    let mut problems: Vec<Problem> = all
        .iter()
        .take(OVERLAY_MAX)
        .map(|d| Problem {
            location: d.location(),
            message: d.message.clone(),
        })
        .collect();
    if all.len() > OVERLAY_MAX {
        problems.push(message(format!(
            "and {} more (see the terminal)",
            all.len() - OVERLAY_MAX
        )));
    }
    problems
}
