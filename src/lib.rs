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

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
#[cfg(test)]
mod layers;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod render_cache;
pub mod serve;
pub mod slug;
#[doc(hidden)]
pub mod testing;
pub mod text;
pub mod write;
pub mod yaml;
