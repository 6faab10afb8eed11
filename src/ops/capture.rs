//! `source add --fetch`, `source add --html-file` and `source recheck`:
//! capture a page into a source, and check the quotes linked to a source
//! against a new capture of its page. All or nothing: a refusal writes nothing.

use super::source::{NewSource, source_add};
use super::{ensure_exists, ensure_free, parse_id};
use crate::capture::recheck::{Linked, QuoteCheck, recheck as recheck_quotes};
use crate::capture::{self, Page, fetch};
use crate::error::{Error, Result};
use crate::model::id::Id;
use crate::model::records::*;
use crate::store::fsio::ReadError;
use crate::store::workspace::Workspace;

/// Where a page comes from.
pub enum PageFrom {
    /// Fetched from this URL.
    Url(String),
    /// Saved by a browser; `shown` is how to name it in messages.
    File { bytes: Vec<u8>, shown: String },
}

/// Which fields were taken from the page rather than the command line.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Taken {
    pub title: bool,
    pub publisher: bool,
    /// Where the publication time came from (`json-ld datePublished`).
    pub published: Option<String>,
    /// `canonical` or `final`, when the URL came from the page.
    pub url: Option<&'static str>,
    pub language: bool,
}

pub struct Captured {
    pub source: Source,
    pub taken: Taken,
    pub text: String,
    pub raw_kept: bool,
}

/// Captures a page and writes the source, its text and its raw page.
pub fn source_capture(
    ws: &Workspace,
    mut new: NewSource,
    from: PageFrom,
    allow_status: bool,
) -> Result<Captured> {
    // A taken or invalid id costs no request.
    let id = parse_id(&new.id)?;
    ensure_free(ws, &id)?;
    if let Some(r) = &new.revises {
        ensure_exists(ws, RecordKind::Source, &parse_id(r)?, "--revises")?;
    }
    let page = match &from {
        PageFrom::Url(u) => {
            capture::from_fetch(fetch::fetch(u, &ws.config.capture)?, allow_status)?
        }
        PageFrom::File { bytes, shown } => capture::from_file(bytes, new.url.as_deref(), shown)?,
    };
    let taken = fill(&mut new, &page)?;
    if page.text.len() as u64 > ws.config.max_file_size {
        return Err(Error::PageWanting(format!(
            "the page's text is {} bytes, over the workspace's file size limit ({} bytes); nothing was written",
            page.text.len(),
            ws.config.max_file_size
        )));
    }
    let text = page.text.clone();
    let raw_kept = page.raw.is_some();
    new.text = Some(page.text.into_bytes());
    new.raw = page.raw;
    new.capture = Some(page.capture);
    let source = source_add(ws, new)?;
    Ok(Captured {
        source,
        taken,
        text,
        raw_kept,
    })
}

/// Fills what the command line left out from what the page says.
fn fill(new: &mut NewSource, page: &Page) -> Result<Taken> {
    let mut taken = Taken::default();
    if new.title.trim().is_empty() {
        new.title = page
            .meta
            .title
            .clone()
            .ok_or_else(|| Error::Usage("the page declares no title; give --title".into()))?;
        taken.title = true;
    }
    if new.publisher.trim().is_empty() {
        // No guess from the host name: "bbc.co.uk" and "BBC News" would
        // count as two origins.
        new.publisher = page.meta.publisher.clone().ok_or_else(|| {
            Error::Usage(
                "the page does not name its publisher (no JSON-LD publisher, og:site_name or application-name); give --publisher, spelled as in your other sources".into(),
            )
        })?;
        taken.publisher = true;
    }
    if new.published.is_none()
        && let Some((t, d)) = page.meta.published()
    {
        new.published = Some(t.to_string());
        taken.published = Some(d.from.clone());
    }
    let base = page.capture.final_url.as_deref();
    let canonical = page.meta.canonical.as_deref().and_then(|c| {
        let u = match base.and_then(|b| url::Url::parse(b).ok()) {
            Some(b) => b.join(c).ok()?,
            None => url::Url::parse(c).ok()?,
        };
        capture::url::check(&u).ok().map(|_| u.to_string())
    });
    match (canonical, base) {
        (Some(c), _) => {
            taken.url = (new.url.as_deref() != Some(c.as_str())).then_some("canonical");
            new.url = Some(c);
        }
        (None, Some(f)) if new.url.is_none() || page.capture.requested_url.is_some() => {
            taken.url = (new.url.as_deref() != Some(f)).then_some("final");
            new.url = Some(f.to_string());
        }
        _ => {}
    }
    if new.language.is_none()
        && let Some(l) = &page.meta.language
    {
        new.language = Some(l.clone());
        taken.language = true;
    }
    if new.accessed.is_none() {
        new.accessed = page.capture.captured.as_ref().map(|t| t.to_string());
    }
    Ok(taken)
}

/// The outcome of `source recheck`.
pub struct Rechecked {
    pub source: Source,
    pub fetched_url: String,
    pub old_text: Option<String>,
    pub new_text: String,
    pub quotes: Vec<QuoteCheck>,
    /// The new capture, kept as a source that revises the old one.
    pub saved: Option<Source>,
}

impl Rechecked {
    /// Whether the page's text differs from the archive.
    pub fn changed(&self) -> bool {
        self.old_text.as_deref() != Some(self.new_text.as_str())
    }

    /// Whether any linked quote no longer matches.
    pub fn any_lost(&self) -> bool {
        self.quotes
            .iter()
            .any(|q| q.result != capture::recheck::Outcome::Unchanged)
    }
}

/// Fetches a source's page again and re-verifies every quote linked to it.
pub fn recheck(
    ws: &Workspace,
    claims: &[Claim],
    id: &Id,
    save: Option<&str>,
    allow_status: bool,
) -> Result<Rechecked> {
    let source = ws.read_source(id)?;
    let save = save.map(parse_id).transpose()?;
    if let Some(s) = &save {
        ensure_free(ws, s)?;
    }
    let url = source
        .capture
        .as_ref()
        .and_then(|c| c.requested_url.clone().or_else(|| c.final_url.clone()))
        .or_else(|| source.url.clone())
        .ok_or_else(|| {
            Error::Usage(format!(
                "source `{id}` has no URL to fetch again; add `url = \"...\"` to sources/{id}.toml"
            ))
        })?;
    let old_text = match ws.read_bytes(&archive_rel(id)) {
        Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
        Err(ReadError::NotFound) => None,
        Err(e) => {
            return Err(Error::Refused {
                path: ws.path(&archive_rel(id)),
                why: e.describe(),
            });
        }
    };
    let fetched = fetch::fetch(&url, &ws.config.capture)?;
    if !fetched.ok() && !allow_status {
        return Err(Error::PageWanting(format!(
            "{} now answers {}: the page may have been removed or moved; sources/{id}.txt is unchanged (give --allow-status to compare what it serves anyway)",
            fetched.final_url, fetched.status
        )));
    }
    let fetched_url = fetched.final_url.clone();
    let page = capture::from_fetch(fetched, allow_status)?;
    let linked: Vec<Linked<'_>> = claims
        .iter()
        .flat_map(|c| {
            c.evidence
                .iter()
                .enumerate()
                .filter(|(_, e)| e.source == *id)
                .map(move |(i, e)| Linked {
                    claim: &c.id,
                    evidence: i,
                    quote: &e.quote,
                })
        })
        .collect();
    let quotes = recheck_quotes(&page.text, &linked, &ws.config.policy);
    let new_text = page.text.clone();
    let saved = match save {
        Some(new_id) => {
            let mut new = NewSource {
                id: new_id.to_string(),
                title: source.title.clone(),
                publisher: source.publisher.clone(),
                published: source.published.as_ref().map(ToString::to_string),
                language: source.language.clone(),
                reliability: source.reliability,
                cites: source.cites.iter().map(ToString::to_string).collect(),
                revises: Some(id.to_string()),
                tags: source.tags.clone(),
                ..NewSource::default()
            };
            fill(&mut new, &page)?;
            new.text = Some(page.text.into_bytes());
            new.raw = page.raw;
            new.capture = Some(page.capture);
            Some(source_add(ws, new)?)
        }
        None => None,
    };
    Ok(Rechecked {
        source,
        fetched_url,
        old_text,
        new_text,
        quotes,
        saved,
    })
}
