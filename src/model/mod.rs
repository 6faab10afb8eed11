//! Records and values: ids, times, counts and policies, quotes, names,
//! configuration and diagnostics. No I/O.

pub mod claimreview;
pub mod codes;
pub mod config;
pub mod count;
pub mod diag;
pub mod fields;
pub mod id;
pub mod names;
pub mod quote;
pub mod records;
pub mod textdiff;
pub mod time;

pub use config::Config;
pub use diag::{Diagnostic, Loc};
pub use id::Id;
pub use records::*;
pub use time::{AsOf, Timestamp};
