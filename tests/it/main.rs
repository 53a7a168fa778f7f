//! Integration tests of gazette: the real binary run on fixture sites.
//! One test binary, a module per feature (STYLE.md rule 11).

mod calendar;
mod determinism;
mod disclosure;
mod errors;
mod indicators;
mod init;
mod links;
mod new_cmd;
mod pagination;
mod render_cache;
mod rendering;
mod robustness;
mod safety;
mod search;
mod serve;
mod snapshot;
mod support;
mod templates;
