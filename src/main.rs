//! The `gazette` command: parse the command line, run it, exit with its code.

use std::ffi::{c_int, c_long};

use clap::Parser;

// A build allocates many short-lived strings on two threads at once;
// mimalloc handles that pattern markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same number in mimalloc v2
/// and v3); the `mimalloc` crate does not name it.
const MI_OPTION_PURGE_DELAY: c_int = 15;

/// How long freed memory stays with mimalloc before it goes back to the
/// system: mimalloc v2's default (v3 waits a second).
const PURGE_DELAY_MS: c_long = 10;

extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
}

fn main() {
    // mimalloc v3 gives memory back to the system a second after it is
    // freed. A build frees each batch of pages while the next is rendered,
    // so at its peak about 30 MiB of freed memory was still resident
    // (10,000 bulletins: 135-165 MB with 1 s, 117-131 MB with 10 ms).
    // No delay at all saves a few MB more but costs three times the page
    // faults (270,000 against 80,000), each a page the kernel zeroes.
    // SAFETY: sets one of mimalloc's options; any value is valid for it.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    let cli = gazette::cli::Cli::parse();
    let code = gazette::cli::run(cli);
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_with_its_documented_default() {
        // The purge delay defaults to 1,000 ms in mimalloc v3, which the
        // `mimalloc` crate builds; no other option defaults to that.
        // SAFETY: reads and sets one of mimalloc's options.
        unsafe {
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
            mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), PURGE_DELAY_MS);
        }
    }
}
