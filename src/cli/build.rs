//! `gazette build`: build the site into the output folder.

use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::count;
use crate::pipeline::{build_reusing, Failure, SearchIndex, Sink};
use crate::render::{Content, OutputFile};
use crate::render_cache::RenderCache;
use crate::write::{safe_join, Staging, WriteError};

use super::report::{config_error, failure, print_diagnostics, spinner};
use super::{SiteArgs, EXIT_CONFIG, EXIT_IO, EXIT_OK};

/// Options of `gazette build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    /// Which site.
    pub site: SiteArgs,
    /// Where to write the site [default: <root>/output].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Publish under this URL instead of site.yaml's base_url.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print nothing but errors and warnings.
    #[arg(long, short)]
    pub quiet: bool,
    /// Where gazette keeps its state between builds (the previous tree it
    /// reuses, its staging folder); relative to the site root. Safe to
    /// delete; worth caching in CI. It must be on the output's file system
    /// for the previous tree to be kept.
    #[arg(long, value_name = "DIR", default_value = crate::write::DEFAULT_CACHE_DIR)]
    pub cache_dir: PathBuf,
}

/// Run the build; returns the exit code.
pub fn run(args: BuildArgs) -> i32 {
    let config = match Config::load(
        &args.site.root,
        args.output.as_deref(),
        args.base_url.as_deref(),
        args.site.drafts,
        args.strict,
    ) {
        Ok(c) => c,
        Err(e) => return config_error(&e),
    };
    let mut config = config;
    args.site.apply(&mut config);
    let output = config.output.clone();
    let root = config.root.clone();
    // Refuse a bad output folder before any work is done.
    let cache = crate::write::cache_dir(&root, Some(&args.cache_dir));
    let absolute = crate::write::absolute_path(&output);
    if let Err(e) = crate::write::check_output_dir(&absolute, &root)
        .and_then(|()| crate::write::check_cache_dir(&cache, &absolute, &root))
    {
        eprintln!("error: {e}");
        return EXIT_CONFIG;
    }
    let pb = spinner(args.quiet);
    let render_cache = std::sync::Arc::new(RenderCache::new(&cache, &root));
    // The staging folder is opened first: each batch of pages is written
    // into it as soon as it is rendered.
    let mut staging = match Staging::open(&output, &root, &cache) {
        Ok(s) => s,
        Err(e) => {
            pb.finish_and_clear();
            return write_error(&e, &output);
        }
    };
    let for_folders = render_cache.clone();
    staging.prefetch_folders(move || for_folders.page_folders());
    render_cache.open_blobs();
    let mut sink = WriteAndKeep {
        staging,
        cache: &render_cache,
    };
    let built = build_reusing(
        config,
        SearchIndex::Build,
        &|msg| pb.set_message(msg.to_string()),
        &*render_cache,
        &mut sink,
    );
    let built = match built {
        Ok(b) => b,
        Err(Failure::Write(e)) => {
            pb.finish_and_clear();
            return write_error(&e, &output);
        }
        Err(f) => {
            pb.finish_and_clear();
            return failure(&f, args.site.verbose, "build");
        }
    };
    pb.set_message("putting the new site in place");
    let written = sink.staging.finish().map(|mut written| {
        // The site is in place; a cache that cannot be kept only costs the
        // next build time.
        if let Err(e) = render_cache.save(&built.records, &built.keys, &built.prints) {
            written
                .notes
                .push(format!("the render cache was not kept: {e}"));
        }
        render_cache.save_parses(&built.parsed);
        written
    });
    pb.finish_and_clear();
    print_diagnostics(&built.diagnostics, args.site.verbose, "build");
    match written {
        Ok(written) => {
            if !args.quiet {
                for note in &written.notes {
                    eprintln!("note: {note}");
                }
                let reused = match built.reused {
                    0 => String::new(),
                    n => format!(
                        " ({} rendered, {n} unchanged from the cache)",
                        built.rendered
                    ),
                };
                println!(
                    "built {}, {}{reused}, {}, {} in {} ms -> {}",
                    count(built.site.bulletins.len(), "bulletin"),
                    count(built.page_count(), "page"),
                    count(built.site.catalogue.entries.len(), "indicator"),
                    count(built.diagnostics.warning_count(), "warning"),
                    built.elapsed.as_millis(),
                    output.display()
                );
            }
            EXIT_OK
        }
        Err(e) => write_error(&e, &output),
    }
}

/// Report a failure to write the site; returns the exit code.
fn write_error(e: &WriteError, output: &Path) -> i32 {
    match e {
        WriteError::Refused(msg) => {
            eprintln!("error: {msg}");
            EXIT_CONFIG
        }
        e => {
            eprintln!(
                "error: cannot write the site to {}: {e}\n\
                 the previous output was left as it was; nothing else was written",
                output.display()
            );
            EXIT_IO
        }
    }
}

/// The build's sink: each batch into the staging folder, and the files of
/// pages into the render cache (linked, not copied).
struct WriteAndKeep<'a> {
    staging: Staging,
    cache: &'a RenderCache,
}

impl Sink for WriteAndKeep<'_> {
    fn put(&mut self, files: Vec<OutputFile>, pages: bool) -> Result<(), WriteError> {
        self.staging.write(&files)?;
        if pages {
            // Of two files of one path, the later is the one on disk.
            let mut seen = FxHashSet::default();
            let last: Vec<&OutputFile> = files
                .iter()
                .rev()
                .filter(|f| seen.insert(f.path.as_str()))
                .collect();
            let dir = self.staging.path();
            last.par_iter().for_each(|f| {
                if let (Content::Bytes(bytes), Some(staged)) = (&f.content, safe_join(dir, &f.path))
                {
                    self.cache.keep(&staged, bytes);
                }
            });
        }
        Ok(())
    }
}
