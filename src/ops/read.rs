//! The reading side: the workspace as a view (optionally `--as-of D`), and
//! the archived texts `source diff` compares.

use crate::analysis::{Analysis, Inputs, view::claims_as_of};
use crate::error::{Error, Result};
use crate::model::id::Id;
use crate::model::records::*;
use crate::model::time::AsOf;
use crate::store::fsio::ReadError;
use crate::store::workspace::{Loaded, Workspace};

/// The records a reading command analyses.
pub struct View {
    pub loaded: Loaded,
    /// The claims as known at `as_of`, when given.
    pub claims_then: Option<Vec<Claim>>,
    pub as_of: Option<AsOf>,
}

impl View {
    pub fn load(ws: &Workspace, as_of: Option<AsOf>) -> View {
        let loaded = ws.load();
        View::from_loaded(loaded, as_of)
    }

    pub fn from_loaded(loaded: Loaded, as_of: Option<AsOf>) -> View {
        let claims_then = as_of
            .as_ref()
            .map(|d| claims_as_of(&loaded.claims, &loaded.sources, d));
        View {
            loaded,
            claims_then,
            as_of,
        }
    }

    pub fn claims(&self) -> &[Claim] {
        self.claims_then.as_deref().unwrap_or(&self.loaded.claims)
    }

    pub fn analysis<'a>(&'a self, ws: &'a Workspace) -> Analysis<'a> {
        Analysis::new(Inputs {
            claims: self.claims(),
            sources: &self.loaded.sources,
            entities: &self.loaded.entities,
            events: &self.loaded.events,
            config: &ws.config,
        })
    }
}

/// `--as-of D`, parsed.
pub fn as_of(raw: Option<&str>) -> Result<Option<AsOf>> {
    raw.map(|r| AsOf::parse(r).map_err(|why| Error::Usage(format!("--as-of: {why}"))))
        .transpose()
}

/// `--event E` must name an event some claim belongs to, or an event record.
pub fn known_event(view: &View, event: Option<&str>) -> Result<()> {
    let Some(e) = event else { return Ok(()) };
    let loaded = &view.loaded;
    if loaded.claims.iter().any(|c| c.event == e)
        || loaded.events.iter().any(|v| v.id.as_str() == e)
    {
        return Ok(());
    }
    let mut known: Vec<&str> = loaded.claims.iter().map(|c| c.event.as_str()).collect();
    known.extend(loaded.events.iter().map(|v| v.id.as_str()));
    known.sort_unstable();
    known.dedup();
    let near = crate::store::parse::reader::nearest(e, &known);
    Err(Error::UnknownId {
        what: "event",
        id: e.to_string(),
        hint: Some(match (near, known.is_empty()) {
            (_, true) => "the workspace has no claims yet".into(),
            (Some(n), _) => format!("did you mean `{n}`? events: {}", known.join(", ")),
            (None, _) => format!("events: {}", known.join(", ")),
        }),
    })
}

/// The archived text of a source, for `source diff`.
pub fn archive_text(ws: &Workspace, id: &Id) -> Result<String> {
    if !ws.has(RecordKind::Source, id) {
        return Err(ws.unknown(RecordKind::Source, id));
    }
    let rel = archive_rel(id);
    match ws.read_bytes(&rel) {
        Ok(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
        Err(ReadError::NotFound) => Err(Error::Usage(format!(
            "source `{id}` has no archived text to compare"
        ))),
        Err(e) => Err(Error::Refused {
            path: ws.path(&rel),
            why: e.describe(),
        }),
    }
}

/// The archived texts of these sources, read through the guarded reader.
/// A source without an archive is simply absent; one whose archive cannot be
/// read (a link, too large, ...) is absent and named in the
/// returned list, so the output can say what it left out.
pub fn archives_of<'a>(
    ws: &Workspace,
    ids: impl IntoIterator<Item = &'a Id>,
) -> (
    std::collections::BTreeMap<Id, String>,
    Vec<crate::store::workspace::Skipped>,
) {
    use crate::store::workspace::{Skipped, read_diagnostic};
    let mut texts = std::collections::BTreeMap::new();
    let mut skipped = Vec::new();
    for id in ids {
        if texts.contains_key(id) {
            continue;
        }
        let rel = archive_rel(id);
        match ws.read_bytes(&rel) {
            Ok(b) => {
                texts.insert(id.clone(), String::from_utf8_lossy(&b).into_owned());
            }
            Err(ReadError::NotFound) => {}
            Err(e) => {
                let d = read_diagnostic(&rel, &e);
                skipped.push(Skipped {
                    file: rel,
                    line: d.line,
                    column: d.column,
                    code: "E012".into(),
                    message: format!("archive left out: {}", d.message),
                });
            }
        }
    }
    (texts, skipped)
}
