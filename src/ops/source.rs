//! `factcheck source add`: a source record and, when given, its archived
//! text (and the raw page it was extracted from).

use super::{ensure_exists, ensure_free, non_blank, parse_id, parse_time};
use crate::error::{Error, Result};
use crate::model::records::*;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::Workspace;
use crate::store::{canonical, fsio};

#[derive(Debug, Default, Clone)]
pub struct NewSource {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub accessed: Option<String>,
    pub language: Option<String>,
    pub reliability: Option<char>,
    pub cites: Vec<String>,
    pub revises: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    /// The archived text, stored verbatim as `sources/<id>.txt`.
    pub text: Option<Vec<u8>>,
    /// The raw page, stored as `sources/<id>.html`, with how it was captured.
    pub raw: Option<Vec<u8>>,
    pub capture: Option<Capture>,
}

/// Checks a new source's fields and builds the record.
pub fn build(ws: &Workspace, new: &NewSource) -> Result<Source> {
    let id = parse_id(&new.id)?;
    let cites = new
        .cites
        .iter()
        .map(|c| parse_id(c))
        .collect::<Result<Vec<_>>>()?;
    let revises = new.revises.as_deref().map(parse_id).transpose()?;
    if new.title.trim().is_empty() || new.publisher.trim().is_empty() {
        return Err(Error::Usage(
            "--title and --publisher cannot be empty".into(),
        ));
    }
    if let Some(r) = new.reliability
        && !('A'..='F').contains(&r)
    {
        return Err(Error::Usage(format!(
            "--reliability {r}: use an Admiralty grade, A (reliable) to F (cannot be judged)"
        )));
    }
    if let Some(l) = &new.language
        && !crate::store::parse::source::is_language_tag(l)
    {
        return Err(Error::Usage(format!(
            "--language {l:?} is not a BCP 47 language tag; write e.g. en, ar, pt-BR"
        )));
    }
    for c in &cites {
        if *c == id {
            return Err(Error::Usage("a source cannot cite itself".into()));
        }
        ensure_exists(ws, RecordKind::Source, c, "--cites")?;
    }
    if let Some(r) = &revises {
        ensure_exists(ws, RecordKind::Source, r, "--revises")?;
    }
    let sha256 = match &new.text {
        Some(bytes) => {
            if std::str::from_utf8(bytes).is_err() {
                return Err(Error::Usage(
                    "the archived text is not UTF-8; convert it first (e.g. iconv -t UTF-8)".into(),
                ));
            }
            Some(crate::check::sha256_hex(bytes))
        }
        None => None,
    };
    if new.tags.iter().any(|t| t.trim().is_empty()) {
        return Err(Error::Usage("--tag cannot be empty".into()));
    }
    Ok(Source {
        id,
        title: new.title.clone(),
        publisher: new.publisher.clone(),
        url: non_blank("url", new.url.clone())?,
        published: parse_time("published", new.published.as_deref())?,
        accessed: parse_time("accessed", new.accessed.as_deref())?,
        language: new.language.clone(),
        reliability: new.reliability,
        cites,
        revises,
        sha256,
        notes: non_blank("notes", new.notes.clone())?,
        tags: new.tags.clone(),
        capture: new.capture.clone(),
    })
}

/// Writes the source: archive and raw page first, the record last, each
/// created without replacing anything; on failure nothing is left behind.
pub fn source_add(ws: &Workspace, new: NewSource) -> Result<Source> {
    let source = build(ws, &new)?;
    let id = source.id.clone();
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    ensure_free(ws, &id)?;
    let mut written = Vec::new();
    let result = (|| {
        if let Some(bytes) = &new.text {
            fsio::create_new(&ws.root, &archive_rel(&id), bytes, id.as_str())?;
            written.push(archive_rel(&id));
        }
        if let Some(bytes) = &new.raw {
            fsio::create_new(&ws.root, &raw_rel(&id), bytes, id.as_str())?;
            written.push(raw_rel(&id));
        }
        fsio::create_new(
            &ws.root,
            &source.rel(),
            canonical::source_text(&source).as_bytes(),
            id.as_str(),
        )
    })();
    if result.is_err() {
        for rel in &written {
            let _ = std::fs::remove_file(ws.path(rel));
        }
    }
    result.map(|_| source)
}
