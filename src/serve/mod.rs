//! `gazette serve`: a live preview. The site is built into memory (never
//! into `output/`) with `base_url` set to the local address, served over
//! HTTP, and with `--watch` rebuilt on every change, re-rendering only
//! what the change reaches.
//!
//! The parts: `rebuild` (what was read and rendered, and how a change is
//! applied) with `deps` (which pages a bulletin reaches).

pub mod changes;
pub mod deps;
pub mod rebuild;

#[cfg(test)]
mod rebuild_tests;
#[cfg(test)]
pub(crate) mod testing;
