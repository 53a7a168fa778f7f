//! gazette: a static site generator for municipal bulletins, with the
//! figures they report (indicators) and the targets they set as checked,
//! charted, downloadable data.
//!
//! The data flows one way: `cli` -> `config::Config` -> `load` (sources and
//! diagnostics) -> `model::site::Site` -> `render` (a list of output files)
//! -> `write` (the output folder, swapped into place only when complete).

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzzing;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod serve;
#[doc(hidden)]
pub mod testing;
pub mod write;
