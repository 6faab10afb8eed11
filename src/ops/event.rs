//! `factcheck event add`: an event's title, date, place and parties.

use super::{ensure_exists, ensure_free, non_blank, parse_id, parse_time};
use crate::error::{Error, Result};
use crate::model::records::*;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::Workspace;
use crate::store::{canonical, fsio};

#[derive(Debug, Default, Clone)]
pub struct NewEvent {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: Option<String>,
    pub parties: Vec<String>,
    pub cumulative: bool,
    pub notes: Option<String>,
}

pub fn event_add(ws: &Workspace, new: NewEvent) -> Result<Event> {
    let id = parse_id(&new.id)?;
    let parties = new
        .parties
        .iter()
        .map(|p| parse_id(p))
        .collect::<Result<Vec<_>>>()?;
    for p in &parties {
        ensure_exists(ws, RecordKind::Entity, p, "--party")?;
    }
    let date = parse_time("date", new.date.as_deref())?;
    let start = parse_time("start", new.start.as_deref())?;
    let end = parse_time("end", new.end.as_deref())?;
    if date.is_some() && (start.is_some() || end.is_some()) {
        return Err(Error::Usage(
            "give --date, or --start and --end, not both".into(),
        ));
    }
    if let (Some(s), Some(e)) = (&start, &end)
        && e < s
    {
        return Err(Error::Usage(format!("--end {e} is before --start {s}")));
    }
    let event = Event {
        id: id.clone(),
        title: non_blank("title", new.title)?,
        date,
        start,
        end,
        place: non_blank("place", new.place)?,
        parties,
        cumulative: new.cumulative,
        notes: non_blank("notes", new.notes)?,
    };
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    // Claims may name the slug before its record exists: that is what the
    // slug is for. Another record with the id is not.
    ensure_free(ws, &id)?;
    fsio::create_new(
        &ws.root,
        &event.rel(),
        canonical::event_text(&event).as_bytes(),
        id.as_str(),
    )?;
    Ok(event)
}
