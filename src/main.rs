//! The `gazette` command: parse the command line, run it, exit with its code.

use clap::Parser;

fn main() {
    let cli = gazette::cli::Cli::parse();
    let code = gazette::cli::run(cli);
    std::process::exit(code);
}
