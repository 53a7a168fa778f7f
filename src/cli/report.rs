//! Printing diagnostics and summaries for people: diagnostics to stderr
//! (coloured on a terminal), one summary line per build.

use std::io::IsTerminal;

use crate::config::ConfigError;
use crate::diagnostics::Diagnostics;
use crate::pipeline::Failure;

use super::{EXIT_CONFIG, EXIT_CONTENT};

/// Print every diagnostic.
pub fn print_diagnostics(diags: &Diagnostics) {
    let color = std::io::stderr().is_terminal();
    let mut out = String::new();
    for d in diags.items() {
        out.push_str(&d.render(color));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    eprint!("{out}");
}

/// Print a configuration error and return exit code 2.
pub fn config_error(e: &ConfigError) -> i32 {
    if let ConfigError::Invalid(diags) = e {
        let mut all = Diagnostics::new();
        all.extend(diags.iter().cloned());
        print_diagnostics(&all);
    }
    eprintln!("error: {e}");
    EXIT_CONFIG
}

/// Print a failed build and return its exit code.
pub fn failure(f: &Failure) -> i32 {
    match f {
        Failure::Content(diags) => {
            print_diagnostics(diags);
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
