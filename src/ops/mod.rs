//! What each command does to the workspace. Operations take plain values
//! (no clap), write only under the lock, and single-record writes read only
//! the records they touch.

pub mod capture;
pub mod claim;
pub mod entity;
pub mod event;
pub mod fmt;
pub mod import;
pub mod init;
pub mod link;
pub mod mv;
pub mod prefer;
pub mod rate;
pub mod read;
pub mod relate;
pub mod retract;
pub mod source;

use crate::error::{Error, Result};
use crate::model::id::Id;
use crate::model::records::RecordKind;
use crate::model::time::Timestamp;
use crate::store::workspace::Workspace;

/// Validates a user-given id before any path is built from it.
pub fn parse_id(raw: &str) -> Result<Id> {
    Id::parse(raw).map_err(|why| Error::InvalidId {
        raw: raw.to_string(),
        why,
        suggestion: Id::suggest(raw),
    })
}

/// A date or date-time given with `--flag`.
pub fn parse_time(flag: &str, raw: Option<&str>) -> Result<Option<Timestamp>> {
    raw.map(|r| Timestamp::parse(r).map_err(|why| Error::Usage(format!("--{flag}: {why}"))))
        .transpose()
}

/// A slug given with `--flag` (an event, a group).
pub fn slug(flag: &str, raw: &str) -> Result<String> {
    Id::parse(raw).map(|_| raw.to_string()).map_err(|why| {
        let hint = Id::suggest(raw)
            .map(|s| format!(" (try `{s}`)"))
            .unwrap_or_default();
        Error::Usage(format!("--{flag} {raw:?} is not a slug: {why}{hint}"))
    })
}

/// Refuses an id that any record or archive already uses.
pub fn ensure_free(ws: &Workspace, id: &Id) -> Result<()> {
    match ws.id_in_use(id) {
        Some(rel) => Err(Error::IdTaken {
            id: id.to_string(),
            path: rel,
        }),
        None => Ok(()),
    }
}

/// Requires a record of `kind` with this id; `flag` says where it was named.
pub fn ensure_exists(ws: &Workspace, kind: RecordKind, id: &Id, flag: &str) -> Result<()> {
    if ws.has(kind, id) {
        return Ok(());
    }
    Err(match ws.unknown(kind, id) {
        Error::UnknownId { what, id, hint } => Error::UnknownId {
            what,
            id,
            hint: Some(match hint {
                Some(h) => format!("{flag} names {}; {h}", kind.with_article()),
                None => format!("{flag} names {}", kind.with_article()),
            }),
        },
        e => e,
    })
}

/// Text that must not be blank, given with `--flag`.
pub fn non_blank(flag: &str, s: Option<String>) -> Result<Option<String>> {
    match s {
        Some(s) if s.trim().is_empty() => Err(Error::Usage(format!("--{flag} cannot be empty"))),
        other => Ok(other),
    }
}
