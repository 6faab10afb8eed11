//! factcheck: claims about contested events, linked by verbatim quotes to
//! archived sources, checked for consistency. This crate is the engine; the
//! command line (`src/main.rs`, `src/cli/`) is a thin layer over it.
//!
//! Layers, each using only the ones below it: `ops` (what commands do to
//! the workspace) and `render` (bytes out), `check` (rules), `analysis`
//! (derived facts), `store` (files), `model` (records and values).

// A diagnostic returned as an error (a file that does not parse) is the rare
// path; boxing it everywhere would cost clarity for nothing measurable.
#![allow(clippy::result_large_err)]

pub mod analysis;
pub mod capture;
pub mod check;
pub mod error;
pub mod model;
pub mod ops;
pub mod render;
pub mod store;

pub use error::{Error, Result};
