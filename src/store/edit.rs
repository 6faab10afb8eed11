//! Read-check-write of one record file, for commands that edit records.
//!
//! The caller holds the workspace lock. The file is read through the guard,
//! must parse before the edit (a broken record is never edited blind) and
//! after it (an edit can never leave a broken record), and is re-read just
//! before the write: a hand edit made meanwhile is never overwritten.

use super::fsio;
use super::lock::WorkspaceLock;
use super::workspace::{Record, Workspace, read_diagnostic, record_text};
use crate::error::{Error, Result};
use crate::model::id::Id;
use crate::model::records::RecordKind;

/// The outcome of an edit: the record before and after, and whether the
/// file changed.
pub struct Edited {
    pub before: Record,
    pub after: Record,
    pub changed: bool,
}

fn read_raw(ws: &Workspace, kind: RecordKind, id: &Id) -> Result<String> {
    let rel = kind.rel(id);
    match ws.read_bytes(&rel) {
        Ok(bytes) => {
            // Keep a BOM: the edit functions preserve it.
            let bom = bytes.starts_with("\u{feff}".as_bytes());
            let text = record_text(&rel, bytes).map_err(|d| Error::BrokenRecord {
                path: rel.clone(),
                diagnostics: vec![d],
            })?;
            Ok(if bom { format!("\u{feff}{text}") } else { text })
        }
        Err(fsio::ReadError::NotFound) => Err(ws.unknown(kind, id)),
        Err(e) => Err(Error::BrokenRecord {
            diagnostics: vec![read_diagnostic(&rel, &e)],
            path: rel,
        }),
    }
}

/// Edits a record file with `change` (text in, text out). `check` sees the
/// parsed record before the edit and may refuse it (already retracted, ...).
pub fn edit_record(
    ws: &Workspace,
    _lock: &WorkspaceLock,
    kind: RecordKind,
    id: &Id,
    check: impl Fn(&Record) -> Result<()>,
    change: impl Fn(&str) -> Result<String>,
) -> Result<Edited> {
    let rel = kind.rel(id);
    for _ in 0..3 {
        let raw = read_raw(ws, kind, id)?;
        let body = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
        let before = ws.parse_record(kind, id, body)?;
        check(&before)?;
        let edited = change(&raw)?;
        let after = ws
            .parse_record(kind, id, edited.strip_prefix('\u{feff}').unwrap_or(&edited))
            .map_err(|e| match e {
                Error::BrokenRecord { path, diagnostics } => {
                    Error::InvalidEdit { path, diagnostics }
                }
                e => e,
            })?;
        if read_raw(ws, kind, id)? != raw {
            continue;
        }
        let changed = edited != raw;
        if changed {
            fsio::replace(&ws.root, &rel, edited.as_bytes())?;
        }
        return Ok(Edited {
            before,
            after,
            changed,
        });
    }
    Err(Error::Conflict { path: rel })
}
