//! `gazette completions SHELL` (clap_complete) and `gazette man`
//! (clap_mangen): both made from the clap definition of the command line,
//! so they never drift from it.

use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, EXIT_CONTENT, EXIT_OK};

/// Options of `gazette completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Options of `gazette man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write gazette.1 and one page per subcommand (gazette-build.1, ...)
    /// into this folder instead of printing gazette.1.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

/// Print the completion script for a shell.
pub fn completions(args: CompletionsArgs) -> i32 {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "gazette", &mut std::io::stdout());
    EXIT_OK
}

/// Print or write the man pages.
pub fn man(args: ManArgs) -> i32 {
    let cmd = Cli::command();
    let done = match &args.output {
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(cmd, dir))
            .map(|()| println!("wrote the man pages to {}", dir.display())),
        None => clap_mangen::Man::new(cmd).render(&mut std::io::stdout()),
    };
    match done {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write the man page: {e}");
            EXIT_CONTENT
        }
    }
}
