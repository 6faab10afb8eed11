//! `factcheck retract`: nothing is deleted; a wrong claim is retracted, with
//! the reason and the date from which the retraction applies.

use super::{parse_id, parse_time};
use crate::error::{Error, Result};
use crate::model::records::RecordKind;
use crate::model::time::Timestamp;
use crate::store::canonical;
use crate::store::edit::edit_record;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::{Record, Workspace};

pub fn retract(ws: &Workspace, claim: &str, reason: &str, on: Option<&str>) -> Result<Timestamp> {
    let claim_id = parse_id(claim)?;
    if reason.trim().is_empty() {
        return Err(Error::Usage(
            "--reason cannot be empty: say why the claim is retracted".into(),
        ));
    }
    let on = parse_time("on", on)?.unwrap_or_else(Timestamp::today);
    let lock = WorkspaceLock::acquire(&ws.root)?;
    // The check runs under the lock, on the file as it is now: two
    // concurrent retractions cannot both succeed.
    edit_record(
        ws,
        &lock,
        RecordKind::Claim,
        &claim_id,
        |before| match before {
            Record::Claim(c) => match &c.retraction {
                Some(old) => Err(Error::Usage(format!(
                    "claim `{claim_id}` is already retracted (reason: {})",
                    old.reason
                ))),
                None => Ok(()),
            },
            _ => Ok(()),
        },
        |text| canonical::retract(text, reason, &on),
    )?;
    Ok(on)
}
