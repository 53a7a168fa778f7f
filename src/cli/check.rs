//! `gazette check`: everything `build` checks, plus every internal link and
//! anchor of the generated pages. Writes nothing.

use std::collections::HashMap;

use crate::check::check_links;
use crate::config::Config;
use crate::diagnostics::{count, Diagnostics};
use crate::pipeline::{build_in_memory, SearchIndex};

use super::report::{config_error, failure, print_diagnostics};
use super::{SiteArgs, EXIT_CONTENT, EXIT_OK};

/// Options of `gazette check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    /// Which site.
    pub site: SiteArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

/// Run the check; returns the exit code.
pub fn run(args: CheckArgs) -> i32 {
    let config = match Config::load(&args.site.root, None, None, args.site.drafts, args.strict) {
        Ok(c) => c,
        Err(e) => return config_error(&e),
    };
    let mut config = config;
    args.site.apply(&mut config);
    let built = match build_in_memory(config, SearchIndex::Skip, &|_| {}) {
        Ok(b) => b,
        Err(f) => return failure(&f, args.site.verbose, "check"),
    };
    let cfg = &built.site.config.site;
    let sources: HashMap<String, String> = built
        .site
        .bulletins
        .iter()
        .map(|b| {
            (
                format!("{}/{}/index.html", b.year, b.slug),
                b.source.clone(),
            )
        })
        .collect();
    let mut diags: Diagnostics = built.diagnostics.clone();
    diags.extend(check_links(
        &built.files,
        &cfg.base_url,
        cfg.base_path(),
        &sources,
    ));
    diags.sort();
    print_diagnostics(&diags, args.site.verbose, "check");
    if diags.has_errors() {
        eprintln!(
            "error: check found {} error(s) and {} warning(s)",
            diags.error_count(),
            diags.warning_count()
        );
        EXIT_CONTENT
    } else {
        println!(
            "checked {}, {} and their links: no errors, {}",
            count(built.site.bulletins.len(), "bulletin"),
            count(built.page_count(), "page"),
            count(diags.warning_count(), "warning")
        );
        EXIT_OK
    }
}
