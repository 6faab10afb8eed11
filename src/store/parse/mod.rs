//! Record parsing: one file's text into a record, with every diagnostic.
//! Parsing never reads files; the workspace hands it text.

pub mod claim;
pub mod entity;
pub mod reader;
pub mod source;

use crate::model::diag::Diagnostic;

pub use claim::parse_claim;
pub use entity::{parse_entity, parse_event};
pub use reader::locate;
pub use source::parse_source;

/// The outcome of reading one file: the record when it has no errors, and
/// every diagnostic found on the way.
pub struct Parsed<T> {
    pub record: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}
