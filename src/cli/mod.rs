//! The command line (clap derive; the doc comments are the help text) and
//! the dispatch to one module per subcommand.

pub mod build;
pub mod check;
pub mod completions;
pub mod init;
pub mod new;
pub mod prompt;
pub mod report;
pub mod serve;
pub mod theme;

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
#[command(
    name = "gazette",
    version,
    about,
    long_about = None,
    after_help = "Start a new site with `gazette init my-town`, then `gazette serve --watch` \
                  inside it. `gazette <command> --help` tells more about each command."
)]
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
    /// Start a new site in a folder: site.yaml, an indicator, an example
    /// bulletin, .gitignore and CI recipes for GitHub and GitLab.
    Init(init::InitArgs),
    /// Work with the theme: `gazette theme eject` copies the built-in
    /// default theme into the site to change it.
    Theme(theme::ThemeArgs),
    /// Print the shell completion script for bash, zsh, fish, powershell
    /// or elvish.
    Completions(completions::CompletionsArgs),
    /// Print gazette's man page (roff), or write all of them with --output.
    Man(completions::ManArgs),
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
    /// Print every warning; without it, more than a screenful of one kind
    /// (revisions, say) is cut to the first few and a count.
    #[arg(long)]
    pub verbose: bool,
    /// Take this date (YYYY-MM-DD) as today: scheduled bulletins whose date
    /// has come are published, later ones stay on the release calendar.
    /// Default: today's date in UTC. The same --now gives the same site.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::config::parse_now)]
    pub now: Option<chrono::NaiveDate>,
}

impl SiteArgs {
    /// Apply `--now` to a loaded configuration.
    pub fn apply(&self, config: &mut crate::config::Config) {
        if let Some(now) = self.now {
            config.today = now;
        }
    }
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Init(args) => init::run(args),
        Command::Theme(args) => theme::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
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
