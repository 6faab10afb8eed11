//! `factcheck link`: a verbatim quote from a source, as evidence for a claim.

use super::{ensure_exists, parse_id};
use crate::error::{Error, Result};
use crate::model::quote::{Archive, normalize, word_diff};
use crate::model::records::*;
use crate::store::canonical;
use crate::store::edit::edit_record;
use crate::store::fsio::ReadError;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::{Record, Workspace};

#[derive(Debug, Default, Clone)]
pub struct NewLink {
    pub claim: String,
    pub source: String,
    pub quote: String,
    pub attributed_to: Option<String>,
    pub via: Option<String>,
    pub credibility: Option<u8>,
    /// Allows a quote from a source without an archived text.
    pub unverified: bool,
}

/// What `link` did, for its confirmation message.
pub struct Linked {
    pub evidence: Evidence,
    pub verified: bool,
    /// Position of the new evidence item in the claim.
    pub index: usize,
    /// `attributed_to` was taken from the claim's `asserted_by`.
    pub attributed_from_claim: bool,
}

/// Checks a quote against a source's archived text: `Ok(true)` when found,
/// `Ok(false)` when the source has no archive (and `unverified` allows it).
pub fn verify(
    ws: &Workspace,
    source: &crate::model::id::Id,
    quote: &str,
    unverified: bool,
) -> Result<bool> {
    let rel = archive_rel(source);
    match ws.read_bytes(&rel) {
        Ok(bytes) => {
            let archive = Archive::new(&String::from_utf8_lossy(&bytes));
            if archive.contains(quote) {
                return Ok(true);
            }
            let closest = archive
                .closest_passage(quote)
                .map(|p| word_diff(&normalize(quote), &p));
            Err(Error::QuoteNotFound {
                source_id: source.to_string(),
                closest,
            })
        }
        Err(ReadError::NotFound) if unverified => Ok(false),
        Err(ReadError::NotFound) => Err(Error::Usage(format!(
            "source `{source}` has no archived text, so the quote cannot be checked\n  help: pass --unverified to link it anyway (`check` will warn), or archive the page first"
        ))),
        Err(e) => Err(Error::Refused {
            path: ws.path(&rel),
            why: e.describe(),
        }),
    }
}

pub fn link(ws: &Workspace, new: NewLink) -> Result<Linked> {
    let claim_id = parse_id(&new.claim)?;
    let source_id = parse_id(&new.source)?;
    let via = new.via.as_deref().map(parse_id).transpose()?;
    if new.quote.trim().is_empty() {
        return Err(Error::Usage("--quote cannot be empty".into()));
    }
    if let Some(c) = new.credibility
        && !(1..=6).contains(&c)
    {
        return Err(Error::Usage(format!(
            "--credibility {c}: use an Admiralty grade, 1 (confirmed) to 6 (cannot be judged)"
        )));
    }
    if !ws.has(RecordKind::Claim, &claim_id) {
        return Err(ws.unknown(RecordKind::Claim, &claim_id));
    }
    ensure_exists(ws, RecordKind::Source, &source_id, "SOURCE")?;
    if let Some(v) = &via {
        if *v == source_id {
            return Err(Error::Usage(
                "--via names the source itself; it names the source this one relays".into(),
            ));
        }
        ensure_exists(ws, RecordKind::Source, v, "--via")?;
    }
    let verified = verify(ws, &source_id, &new.quote, new.unverified)?;
    let mut attributed_to = super::non_blank("attributed-to", new.attributed_to)?;
    // The words of a claim asserted by someone other than the outlet are that
    // someone's: without --attributed-to, the origin would be the outlet, and
    // two parties quoted by one paper would count as one origin's series.
    let mut attributed_from_claim = false;
    if attributed_to.is_none() {
        let claim = ws.read_claim(&claim_id)?;
        let source = ws.read_source(&source_id)?;
        if let Some(a) = claim.asserted_by
            && crate::model::names::fold(&a) != crate::model::names::fold(&source.publisher)
        {
            attributed_to = Some(a);
            attributed_from_claim = true;
        }
    }
    let evidence = Evidence {
        source: source_id,
        quote: new.quote,
        attributed_to,
        via,
        credibility: new.credibility,
    };
    let lock = WorkspaceLock::acquire(&ws.root)?;
    let edited = edit_record(
        ws,
        &lock,
        RecordKind::Claim,
        &claim_id,
        |before| {
            let Record::Claim(c) = before else {
                return Ok(());
            };
            let q = normalize(&evidence.quote);
            match c
                .evidence
                .iter()
                .position(|e| e.source == evidence.source && normalize(&e.quote) == q)
            {
                Some(index) => Err(Error::DuplicateLink {
                    claim: claim_id.to_string(),
                    source_id: evidence.source.to_string(),
                    index,
                }),
                None => Ok(()),
            }
        },
        |text| canonical::append_evidence(text, &evidence),
    )?;
    let index = match &edited.after {
        Record::Claim(c) => c.evidence.len().saturating_sub(1),
        _ => 0,
    };
    Ok(Linked {
        evidence,
        verified,
        index,
        attributed_from_claim,
    })
}
