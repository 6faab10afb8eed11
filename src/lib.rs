//! factcheck: claims about contested events, linked by verbatim quotes to
//! archived sources, checked for consistency. This crate is the engine; the
//! command line (`src/main.rs`, `src/cli/`) is a thin layer over it.

pub mod analysis;
pub mod canonical;
pub mod check;
pub mod config;
pub mod count;
pub mod diag;
pub mod diff;
pub mod error;
pub mod fxhash;
pub mod git;
pub mod id;
pub mod model;
pub mod ops;
pub mod quote;
pub mod record;
pub mod render;
pub mod store;
pub mod timestamp;
pub mod workspace;

pub use error::{Error, Result};
