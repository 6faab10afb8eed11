//! `factcheck entity add` and `entity alias`: who is who.

use super::{ensure_exists, ensure_free, non_blank, parse_id};
use crate::error::{Error, Result};
use crate::model::id::Id;
use crate::model::names::fold;
use crate::model::records::*;
use crate::store::edit::edit_record;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::{Record, Workspace};
use crate::store::{canonical, fsio};

#[derive(Debug, Default, Clone)]
pub struct NewEntity {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub part_of: Option<String>,
    pub aliases: Vec<String>,
    pub notes: Option<String>,
}

/// Refuses spellings that already name another entity: a name must
/// resolve to one entity.
fn ensure_spellings_free(ws: &Workspace, me: &Id, spellings: &[&str]) -> Result<()> {
    let loaded_entities: Vec<Entity> = ws
        .ids(RecordKind::Entity)
        .into_iter()
        .filter(|id| id != me)
        .filter_map(|id| ws.read_entity(&id).ok())
        .collect();
    for s in spellings {
        let key = fold(s);
        if let Some(other) = loaded_entities
            .iter()
            .find(|e| fold(&e.name) == key || e.aliases.iter().any(|a| fold(a) == key))
        {
            return Err(Error::Usage(format!(
                "{s:?} already names entity `{}` ({}); a name must resolve to one entity",
                other.id, other.name
            )));
        }
    }
    Ok(())
}

pub fn entity_add(ws: &Workspace, new: NewEntity) -> Result<Entity> {
    let id = parse_id(&new.id)?;
    if new.name.trim().is_empty() {
        return Err(Error::Usage("--name cannot be empty".into()));
    }
    if let Some(k) = &new.kind
        && !ENTITY_KINDS.contains(&k.as_str())
    {
        return Err(Error::Usage(format!(
            "unknown --kind {k:?}; use one of {}",
            ENTITY_KINDS.join(", ")
        )));
    }
    let part_of = new.part_of.as_deref().map(parse_id).transpose()?;
    if let Some(p) = &part_of {
        if *p == id {
            return Err(Error::Usage("an entity cannot be part of itself".into()));
        }
        ensure_exists(ws, RecordKind::Entity, p, "--part-of")?;
    }
    if new.aliases.iter().any(|a| a.trim().is_empty()) {
        return Err(Error::Usage("--alias cannot be empty".into()));
    }
    let entity = Entity {
        id: id.clone(),
        name: new.name.clone(),
        kind: new.kind.clone(),
        part_of,
        aliases: new.aliases.clone(),
        notes: non_blank("notes", new.notes.clone())?,
    };
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    ensure_free(ws, &id)?;
    let mut spellings: Vec<&str> = vec![&new.name];
    spellings.extend(new.aliases.iter().map(String::as_str));
    ensure_spellings_free(ws, &id, &spellings)?;
    fsio::create_new(
        &ws.root,
        &entity.rel(),
        canonical::entity_text(&entity).as_bytes(),
        id.as_str(),
    )?;
    Ok(entity)
}

/// Adds spellings to an entity; returns the ones that were new.
pub fn entity_alias(ws: &Workspace, id: &str, spellings: &[String]) -> Result<Vec<String>> {
    let id = parse_id(id)?;
    if spellings.is_empty() || spellings.iter().any(|s| s.trim().is_empty()) {
        return Err(Error::Usage("give one or more non-empty spellings".into()));
    }
    let lock = WorkspaceLock::acquire(&ws.root)?;
    let refs: Vec<&str> = spellings.iter().map(String::as_str).collect();
    ensure_spellings_free(ws, &id, &refs)?;
    let edited = edit_record(
        ws,
        &lock,
        RecordKind::Entity,
        &id,
        |_| Ok(()),
        |t| canonical::add_aliases(t, spellings),
    )?;
    let Record::Entity(e) = edited.before else {
        return Ok(Vec::new());
    };
    Ok(spellings
        .iter()
        .filter(|s| fold(s) != fold(&e.name) && !e.aliases.iter().any(|a| fold(a) == fold(s)))
        .cloned()
        .collect())
}
