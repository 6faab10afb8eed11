//! `factcheck relate`: contradicts, supersedes or corroborates.

use super::parse_id;
use crate::error::{Error, Result};
use crate::model::records::{RELATIONS, RecordKind};
use crate::store::canonical;
use crate::store::edit::edit_record;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::{Record, Workspace};

/// Adds `other` to the claim's `[relations]`; false when it was already there.
pub fn relate(ws: &Workspace, claim: &str, relation: &str, other: &str) -> Result<bool> {
    let claim_id = parse_id(claim)?;
    let other_id = parse_id(other)?;
    if !RELATIONS.contains(&relation) {
        return Err(Error::Usage(format!(
            "unknown relation {relation:?}; use contradicts, supersedes or corroborates"
        )));
    }
    if claim_id == other_id {
        return Err(Error::Usage("a relation links two different claims".into()));
    }
    if !ws.has(RecordKind::Claim, &other_id) {
        return Err(ws.unknown(RecordKind::Claim, &other_id));
    }
    let lock = WorkspaceLock::acquire(&ws.root)?;
    // A supersedes cycle would silently take both claims out of the vote.
    if relation == "supersedes"
        && let Ok(o) = ws.read_claim(&other_id)
        && o.relations.supersedes.contains(&claim_id)
    {
        return Err(Error::Usage(format!(
            "`{other_id}` already supersedes `{claim_id}`; two claims cannot supersede each other"
        )));
    }
    let edited = edit_record(
        ws,
        &lock,
        RecordKind::Claim,
        &claim_id,
        |_| Ok(()),
        |text| canonical::add_relation(text, relation, other_id.as_str()),
    )?;
    let _ = matches!(edited.before, Record::Claim(_));
    Ok(edited.changed)
}
