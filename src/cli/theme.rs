//! `gazette theme eject`: copy the default theme built into gazette out
//! to `themes/<name>/` of the site, for a team that wants to change it.
//! Under the name `default` the copy overrides the built-in files by name
//! (a file deleted from the copy comes from the binary again); under any
//! other name it is a theme of its own, used once site.yaml names it.

use std::path::PathBuf;

use clap::Subcommand;

use crate::config::Config;
use crate::render::theme_files::{embedded_files, DEFAULT_THEME_NAME};

use super::init::write_new_files;
use super::report::config_error;
use super::{EXIT_CONFIG, EXIT_CONTENT, EXIT_OK};

/// Options of `gazette theme`.
#[derive(Debug, clap::Args)]
pub struct ThemeArgs {
    /// What to do with the theme.
    #[command(subcommand)]
    pub command: ThemeCommand,
}

/// The theme subcommands.
#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Copy the built-in default theme into themes/<name>/ of the site, to
    /// change it there.
    Eject(EjectArgs),
}

/// Options of `gazette theme eject`.
#[derive(Debug, clap::Args)]
pub struct EjectArgs {
    /// The site folder (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The name of the copy: `default` overrides the built-in theme file
    /// by file; another name makes a theme of the site's own.
    #[arg(long, default_value = DEFAULT_THEME_NAME)]
    pub name: String,
}

/// Run; returns the exit code.
pub fn run(args: ThemeArgs) -> i32 {
    match args.command {
        ThemeCommand::Eject(a) => eject(a),
    }
}

fn eject(args: EjectArgs) -> i32 {
    let config = match Config::load(&args.root, None, None, false, false) {
        Ok(c) => c,
        Err(e) => return config_error(&e),
    };
    let name = &args.name;
    if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\']) {
        eprintln!("error: --name \"{name}\" must be a plain folder name, like civic");
        return EXIT_CONFIG;
    }
    let rel = format!("themes/{name}");
    let dest = config.root.join(&rel);
    let occupied = std::fs::read_dir(&dest).is_ok_and(|mut d| d.next().is_some());
    if occupied || (dest.exists() && !dest.is_dir()) {
        eprintln!(
            "error: {rel}/ exists already; nothing was copied. Move it aside first, \
             or eject under another name with --name"
        );
        return EXIT_CONFIG;
    }
    let files = embedded_files("");
    if let Err(msg) = write_new_files(&dest, &files) {
        eprintln!("error: {msg}; the files written before it were removed again");
        return EXIT_CONTENT;
    }
    println!(
        "copied the built-in theme to {rel}/ ({} files)",
        files.len()
    );
    if name == DEFAULT_THEME_NAME {
        println!(
            "the site uses it now: change what you like there. A file you delete from {rel}/ \
             comes from gazette's built-in copy again, so you may keep only the files you change."
        );
    } else if config.site.theme != *name {
        println!("to use it, set `theme: {name}` in site.yaml");
    }
    EXIT_OK
}
