//! Files: the guarded reader and writer, record parsing, the canonical
//! writer, the lock, loading the workspace, and git.

pub mod cache;
pub mod canonical;
pub mod edit;
pub mod fsio;
pub mod git;
pub mod lock;
pub mod parse;
pub mod record_cache;
pub mod workspace;

pub use lock::WorkspaceLock;
pub use workspace::{Loaded, Record, Skipped, Workspace};
