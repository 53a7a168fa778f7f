//! The command line (clap derive; the doc comments are the help text) and
//! the dispatch to one module per subcommand.

pub mod build;
pub mod check;
pub mod new;
pub mod report;
pub mod serve;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: content errors.
pub const EXIT_CONTENT: i32 = 1;
/// Exit code: usage or configuration error.
pub const EXIT_CONFIG: i32 = 2;
/// Exit code: the system failed us while writing (disk full, read-only
/// folder, permissions): not the content's fault, so not 1, and a CI job
/// can tell "fix the bulletin" from "fix the runner".
pub const EXIT_IO: i32 = 3;

/// gazette builds a static website from municipal bulletins written as
/// Markdown with YAML front matter, and publishes the figures they report
/// as checked, charted, downloadable data.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(build::BuildArgs),
    /// Build in memory and check everything, including every internal link
    /// and #fragment; writes nothing.
    Check(check::CheckArgs),
    /// Build the site into memory and serve it on a local address; with
    /// --watch, rebuild on every change and reload open pages.
    Serve(serve::ServeArgs),
    /// Create a new bulletin at bulletins/<year>/<slug>.md (as a draft).
    New(new::NewArgs),
}

/// Options shared by the commands that read a site.
#[derive(Debug, clap::Args, Clone)]
pub struct SiteArgs {
    /// The site folder (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include bulletins marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
