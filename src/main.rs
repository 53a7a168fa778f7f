//! The `gazette` command: parse the command line, run it, exit with its code.

use clap::Parser;

// A build allocates many short-lived strings on two threads at once;
// mimalloc handles that pattern markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = gazette::cli::Cli::parse();
    let code = gazette::cli::run(cli);
    std::process::exit(code);
}
