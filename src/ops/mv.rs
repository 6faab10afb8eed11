//! `factcheck mv OLD NEW`: renames any record id and rewrites every
//! reference to it. Free-text names stay as written: they resolve to an
//! entity by name, not by id.

use super::{ensure_free, parse_id};
use crate::error::{Error, Result};
use crate::model::id::Id;
use crate::model::records::*;
use crate::store::canonical::{reference_fields, rename_references};
use crate::store::fsio;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::Workspace;
use std::path::PathBuf;

/// What `mv` did.
pub struct Moved {
    pub kind: RecordKind,
    /// Files renamed, as (old, new).
    pub renamed: Vec<(PathBuf, PathBuf)>,
    /// Other files whose references were rewritten.
    pub rewritten: Vec<PathBuf>,
}

/// The kind of record an id names: a record file, or an event slug that
/// claims use without an `events/` record.
fn kind_of(ws: &Workspace, id: &Id) -> Result<RecordKind> {
    if let Some(k) = RecordKind::ALL.into_iter().find(|k| ws.has(*k, id)) {
        return Ok(k);
    }
    let used = ws
        .ids(RecordKind::Claim)
        .into_iter()
        .any(|c| ws.read_claim(&c).is_ok_and(|c| c.event == id.as_str()));
    if used {
        return Ok(RecordKind::Event);
    }
    Err(Error::UnknownId {
        what: "record or event",
        id: id.to_string(),
        hint: Some("`factcheck list`, `source list` and `entity list` show the ids".into()),
    })
}

pub fn mv(ws: &Workspace, old: &str, new: &str) -> Result<Moved> {
    let old = parse_id(old)?;
    let new = parse_id(new)?;
    if old == new {
        return Err(Error::Usage("OLD and NEW are the same id".into()));
    }
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    let kind = kind_of(ws, &old)?;
    ensure_free(ws, &new)?;
    // Every rewrite is prepared first: a file that cannot be rewritten stops
    // the whole rename before anything is written.
    let mut rewrites: Vec<(PathBuf, String, String)> = Vec::new();
    let mut broken: Vec<String> = Vec::new();
    for of in RecordKind::ALL {
        if reference_fields(of, kind).is_empty() && of != kind {
            continue;
        }
        for id in ws.ids(of) {
            let rel = of.rel(&id);
            let text = match ws.read_bytes(&rel) {
                Ok(b) => match String::from_utf8(b) {
                    Ok(t) => t,
                    Err(_) => {
                        broken.push(format!("{}: not UTF-8", rel.display()));
                        continue;
                    }
                },
                Err(e) => {
                    broken.push(format!("{}: {}", rel.display(), e.describe()));
                    continue;
                }
            };
            let mut out = text.clone();
            if !reference_fields(of, kind).is_empty() {
                match rename_references(&out, of, kind, old.as_str(), new.as_str()) {
                    Ok(Some(t)) => out = t,
                    Ok(None) => {}
                    Err(e) => {
                        if text.contains(old.as_str()) {
                            broken.push(format!("{}: {e}", rel.display()));
                        }
                        continue;
                    }
                }
            }
            // The record itself may carry `id = "old"`.
            if of == kind
                && id == old
                && let Ok(doc) = out.parse::<toml_edit::DocumentMut>()
                && doc.get("id").and_then(|i| i.as_str()) == Some(old.as_str())
            {
                out = crate::store::canonical::set_field(
                    &out,
                    kind,
                    "id",
                    Some(toml_edit::value(new.as_str())),
                )?;
            }
            if out != text {
                rewrites.push((rel, text, out));
            }
        }
    }
    if !broken.is_empty() {
        return Err(Error::Usage(format!(
            "cannot rename `{old}`: these files name it but cannot be rewritten; fix them first, nothing was changed:\n{}",
            broken
                .iter()
                .map(|b| format!("  {b}"))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    let mut renamed = Vec::new();
    if ws.has(kind, &old) {
        let from = kind.rel(&old);
        let to = kind.rel(&new);
        fsio::rename_new(&ws.root, &from, &to, new.as_str())?;
        renamed.push((from, to));
        if kind == RecordKind::Source {
            for (a, b) in [
                (archive_rel(&old), archive_rel(&new)),
                (raw_rel(&old), raw_rel(&new)),
            ] {
                if fsio::exists(&ws.root, &a) {
                    fsio::rename_new(&ws.root, &a, &b, new.as_str())?;
                    renamed.push((a, b));
                }
            }
        }
    }
    let mut rewritten = Vec::new();
    for (rel, _before, after) in rewrites {
        // The record itself was renamed above.
        let target = if kind.rel(&old) == rel {
            kind.rel(&new)
        } else {
            rel.clone()
        };
        fsio::replace(&ws.root, &target, after.as_bytes())?;
        if target == rel {
            rewritten.push(rel);
        }
    }
    Ok(Moved {
        kind,
        renamed,
        rewritten,
    })
}
