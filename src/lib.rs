//! gazette: a static site generator for municipal bulletins, with the
//! figures they report (indicators) and the targets they set as checked,
//! charted, downloadable data.
//!
//! The data flows one way: `cli` -> `config::Config` -> `load` (sources and
//! diagnostics) -> `model::site::Site` -> `render` (a list of output files)
//! -> `write` (the output folder, swapped into place only when complete).
//! Imports flow the same way; `diagnostics`, `text`, `yaml`, `slug` and
//! `fsutil` are helpers below every stage. `layers` checks it (the table
//! is in docs/decisions.md, "Module layers").
//!
//! The library is the binary's: only what `main`, the integration tests
//! and the fuzz targets use is `pub` (`cli`, `config`, and the hidden
//! `fuzzing` and `testing`); everything else is `pub(crate)`, and the
//! `unreachable_pub` lint keeps it so.

#![warn(unreachable_pub)]

pub(crate) mod check;
pub mod cli;
pub mod config;
pub(crate) mod diagnostics;
pub(crate) mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
#[cfg(test)]
mod layers;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod pipeline;
pub(crate) mod render;
pub(crate) mod render_cache;
pub(crate) mod serve;
pub(crate) mod slug;
#[doc(hidden)]
pub mod testing;
pub(crate) mod text;
pub(crate) mod write;
pub(crate) mod yaml;
