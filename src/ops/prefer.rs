//! `factcheck prefer`: the desk's chosen value for a figure
//! (`rank = "preferred"`); it clears the rank of the figure's other accounts.

use super::parse_id;
use crate::error::{Error, Result};
use crate::model::id::Id;
use crate::model::records::RecordKind;
use crate::store::canonical;
use crate::store::edit::edit_record;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::{Record, Workspace};

/// What `prefer` changed.
pub struct Preferred {
    pub claim: Id,
    /// Other accounts of the figure whose rank was cleared.
    pub cleared: Vec<Id>,
    pub changed: bool,
}

pub fn prefer(ws: &Workspace, claim: &str, clear: bool) -> Result<Preferred> {
    let id = parse_id(claim)?;
    let lock = WorkspaceLock::acquire(&ws.root)?;
    let c = ws.read_claim(&id)?;
    let Some(k) = c.casualty() else {
        return Err(Error::Usage(format!(
            "`{id}` is {} claim; only a casualty account can be the preferred value of a figure",
            c.kind().with_article()
        )));
    };
    let mut cleared = Vec::new();
    if !clear {
        // The figure's other accounts: this reads every claim, as a figure
        // spans files.
        let loaded = ws.load();
        for other in &loaded.claims {
            let same = other.id != id
                && other.preferred
                && other.event == c.event
                && other
                    .casualty()
                    .is_some_and(|o| o.category == k.category && o.group == k.group);
            if same {
                edit_record(
                    ws,
                    &lock,
                    RecordKind::Claim,
                    &other.id,
                    |_| Ok(()),
                    |t| canonical::set_rank(t, false),
                )?;
                cleared.push(other.id.clone());
            }
        }
    }
    let edited = edit_record(
        ws,
        &lock,
        RecordKind::Claim,
        &id,
        |before| match before {
            Record::Claim(c) if c.is_retracted() && !clear => Err(Error::Usage(format!(
                "`{id}` is retracted; a retracted account cannot be preferred"
            ))),
            _ => Ok(()),
        },
        |t| canonical::set_rank(t, !clear),
    )?;
    Ok(Preferred {
        claim: id,
        cleared,
        changed: edited.changed,
    })
}
