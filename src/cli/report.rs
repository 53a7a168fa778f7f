//! Printing diagnostics and summaries for people: diagnostics to stderr
//! (coloured on a terminal), one summary line per build.

use std::io::IsTerminal;

use crate::config::ConfigError;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pipeline::Failure;

use super::{EXIT_CONFIG, EXIT_CONTENT};

/// Print every error, and the warnings of each kind up to a screenful
/// unless `verbose` (then a count and how to see them all); `command`
/// names the subcommand in that hint.
pub fn print_diagnostics(diags: &Diagnostics, verbose: bool, command: &str) {
    print_summarised(diags.items(), verbose, command);
}

/// `print_diagnostics` over any list of diagnostics.
pub fn print_summarised<'a>(
    diags: impl IntoIterator<Item = &'a Diagnostic>,
    verbose: bool,
    command: &str,
) {
    let color = std::io::stderr().is_terminal();
    let summary = Diagnostics::summarise(diags, verbose);
    let mut out = String::new();
    for d in &summary.shown {
        out.push_str(&d.render(color));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    for line in summary.hidden_lines(command) {
        out.push_str(&line);
        out.push('\n');
    }
    eprint!("{out}");
}

/// Print a configuration error and return exit code 2.
pub fn config_error(e: &ConfigError) -> i32 {
    if let ConfigError::Invalid(diags) = e {
        print_summarised(diags, true, "");
    }
    eprintln!("error: {e}");
    EXIT_CONFIG
}

/// Print a failed build and return its exit code.
pub(crate) fn failure(f: &Failure, verbose: bool, command: &str) -> i32 {
    match f {
        Failure::Content(diags) => {
            print_diagnostics(diags, verbose, command);
            eprintln!(
                "error: build failed with {} error(s) and {} warning(s); the previous output was left as it was",
                diags.error_count(),
                diags.warning_count()
            );
            EXIT_CONTENT
        }
        Failure::Theme(e) => {
            eprintln!("error: {e}");
            EXIT_CONFIG
        }
        Failure::Write(e) => {
            eprintln!("error: {e}; the previous output was left as it was");
            super::EXIT_IO
        }
    }
}

/// A spinner on stderr when it is a terminal (indicatif hides it
/// otherwise), silent under `--quiet`.
pub fn spinner(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new_spinner();
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}
