//! `gazette serve`: build the site into memory and serve it locally, with
//! `--watch` rebuilding on every change (see `crate::serve`).

use std::net::IpAddr;
use std::path::PathBuf;

use crate::serve::rebuild::RebuildError;
use crate::serve::{serve, ServeError, ServeOptions};

use super::report::config_error;
use super::{SiteArgs, EXIT_CONFIG, EXIT_CONTENT, EXIT_IO, EXIT_OK};

/// Options of `gazette serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    /// Which site.
    pub site: SiteArgs,
    /// Port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address makes the
    /// preview reachable from the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Rebuild when bulletins, indicators.yaml, site.yaml, templates or
    /// static files change; open pages reload by themselves.
    #[arg(long)]
    pub watch: bool,
    /// Open the site in a browser.
    #[arg(long)]
    pub open: bool,
    /// Where gazette keeps its state (here: the pages the preview
    /// rendered, in a folder of their own removed when it stops); relative
    /// to the site root.
    #[arg(long, value_name = "DIR", default_value = crate::write::DEFAULT_CACHE_DIR)]
    pub cache_dir: PathBuf,
}

/// Run the server until Ctrl-C; returns the exit code.
pub fn run(args: ServeArgs) -> i32 {
    let cache_dir = crate::write::cache_dir(&args.site.root, Some(&args.cache_dir));
    let opts = ServeOptions {
        root: args.site.root,
        bind: args.bind,
        port: args.port,
        watch: args.watch,
        open: args.open,
        drafts: args.site.drafts,
        now: args.site.now,
        verbose: args.site.verbose,
        cache_dir,
    };
    match serve(opts) {
        Ok(()) => EXIT_OK,
        Err(ServeError::Config(e)) => config_error(&e),
        Err(ServeError::Cache(e)) => {
            eprintln!("error: {e}");
            EXIT_CONFIG
        }
        Err(ServeError::Build(e)) => {
            crate::serve::report::print_errors(&e);
            eprintln!("error: the site did not build, so there is nothing to serve");
            match e {
                RebuildError::Content(_) => EXIT_CONTENT,
                RebuildError::Config(_) | RebuildError::Theme(_) => EXIT_CONFIG,
                RebuildError::Store(_) => EXIT_IO,
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_CONFIG
        }
    }
}
