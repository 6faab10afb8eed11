//! `factcheck import claimreview FILE|-`: fact-checkers' published verdicts
//! as claims (kind `event`) with their `[review]`, and a source per place the
//! claim appeared (no archive, so their quotes stay unverified, W102).
//!
//! Idempotent: a review's claim id is derived from its URL (else its claim,
//! author and date), and a review already in the workspace, under that id or
//! with the same review URL, is left alone.

use super::slug;
use crate::check::sha256_hex;
use crate::error::{Error, Result};
use crate::model::claimreview::{ReviewItem, read};
use crate::model::id::Id;
use crate::model::records::*;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::Workspace;
use crate::store::{canonical, fsio};
use std::collections::{HashMap, HashSet};

/// The event imported claims go to unless `--event` says otherwise.
pub const DEFAULT_EVENT: &str = "claimreview-import";

#[derive(Debug, Default)]
pub struct Imported {
    /// New claims, in file order.
    pub imported: Vec<Id>,
    /// Reviews already in the workspace: the claim holding each.
    pub already: Vec<Id>,
    /// Items not taken: where in the file, and why.
    pub rejected: Vec<(String, String)>,
    /// What was dropped from taken items.
    pub notes: Vec<(Id, String)>,
    /// Sources created for the places the claims appeared.
    pub sources: Vec<Id>,
}

/// The id of a review's claim: `cr-`, the claim's first words, and a hash of
/// the review's key (so the same review always gets the same id).
pub fn claim_id(item: &ReviewItem) -> Id {
    let hash = &sha256_hex(item.key().as_bytes())[..8];
    let words = Id::suggest(&ascii_letters(&item.claim_reviewed)).unwrap_or_default();
    let mut stem = String::new();
    for w in words.split('-').filter(|w| !w.is_empty()) {
        if stem.len() + w.len() + 1 > 40 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(w);
    }
    let raw = if stem.is_empty() {
        format!("cr-{hash}")
    } else {
        format!("cr-{stem}-{hash}")
    };
    Id::parse(&raw).unwrap_or_else(|_| Id::parse(&format!("cr-{hash}")).expect("a valid id"))
}

/// Latin letters without their accents ("ã" → "a"), for readable ids.
fn ascii_letters(s: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    s.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The id of the source for an appearance URL: `web-`, its host, a hash.
pub fn appearance_id(url: &str) -> Id {
    let hash = &sha256_hex(url.as_bytes())[..8];
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        })
        .unwrap_or_default();
    let stem: String = Id::suggest(&host)
        .unwrap_or_default()
        .chars()
        .take(30)
        .collect();
    let stem = stem.trim_end_matches('-');
    let raw = if stem.is_empty() {
        format!("web-{hash}")
    } else {
        format!("web-{stem}-{hash}")
    };
    Id::parse(&raw).unwrap_or_else(|_| Id::parse(&format!("web-{hash}")).expect("a valid id"))
}

fn appearance_source(id: Id, url: &str) -> Source {
    let parsed = url::Url::parse(url).ok();
    let host = parsed
        .as_ref()
        .and_then(|u| u.host_str())
        .unwrap_or("unknown host")
        .trim_start_matches("www.")
        .to_string();
    let path = parsed
        .as_ref()
        .map(|u| u.path().to_string())
        .unwrap_or_default();
    let mut title: String = format!("{host}{}", path.trim_end_matches('/'));
    if title.chars().count() > 80 {
        title = title.chars().take(79).collect::<String>() + "…";
    }
    Source {
        id,
        title,
        publisher: host,
        url: Some(url.to_string()),
        published: None,
        accessed: None,
        language: None,
        reliability: None,
        cites: vec![],
        revises: None,
        sha256: None,
        notes: Some(
            "A place where a reviewed claim appeared, from an imported ClaimReview; not archived."
                .into(),
        ),
        tags: vec![],
        capture: None,
    }
}

/// Imports every ClaimReview in `bytes` (JSON) into `event`.
pub fn import_claimreview(
    ws: &Workspace,
    bytes: &[u8],
    shown: &str,
    event: Option<&str>,
) -> Result<Imported> {
    let event = slug("event", event.unwrap_or(DEFAULT_EVENT))?;
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::Invalid(format!(
            "{shown}:{}:{}: not JSON: {e}\n  help: import reads ClaimReview JSON-LD (an object, an array or an @graph) or a Fact Check Tools claims:search response",
            e.line(),
            e.column()
        ))
    })?;
    let items = read(&doc);
    if items.is_empty() {
        return Err(Error::Invalid(format!(
            "{shown} holds no ClaimReview (no object with \"@type\": \"ClaimReview\", no claims:search response)"
        )));
    }
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    // Reviews already here, by their URL.
    let loaded = ws.load();
    let mut by_url: HashMap<String, Id> = loaded
        .claims
        .iter()
        .filter_map(|c| Some((c.review.as_ref()?.url.clone()?, c.id.clone())))
        .collect();
    let mut out = Imported::default();
    let mut sources_here: HashSet<Id> = loaded.sources.iter().map(|s| s.id.clone()).collect();
    // A page the workspace already has a source for is quoted from that source.
    let known_urls: HashMap<String, Id> = loaded
        .sources
        .iter()
        .filter_map(|s| Some((s.url.clone()?, s.id.clone())))
        .collect();
    for item in items {
        let item = match item {
            Ok(i) => i,
            Err(r) => {
                out.rejected.push((r.at, r.why));
                continue;
            }
        };
        let id = claim_id(&item);
        if let Some(existing) = item.review.url.as_ref().and_then(|u| by_url.get(u)) {
            out.already.push(existing.clone());
            continue;
        }
        if let Some(rel) = ws.id_in_use(&id) {
            if ws.has(RecordKind::Claim, &id) {
                out.already.push(id);
            } else {
                out.rejected.push((
                    item.at,
                    format!("its claim id `{id}` is taken by {}", rel.display()),
                ));
            }
            continue;
        }
        match write_item(
            ws,
            &item,
            &id,
            &event,
            &known_urls,
            &mut sources_here,
            &mut out.sources,
        ) {
            Ok(()) => {
                if let Some(u) = &item.review.url {
                    by_url.insert(u.clone(), id.clone());
                }
                out.notes
                    .extend(item.notes.iter().map(|n| (id.clone(), n.clone())));
                out.imported.push(id);
            }
            Err(e) => out.rejected.push((item.at, e.to_string())),
        }
    }
    Ok(out)
}

/// Writes one item: its appearance sources (when new), then its claim. On
/// failure the files this item created are removed.
fn write_item(
    ws: &Workspace,
    item: &ReviewItem,
    id: &Id,
    event: &str,
    known_urls: &HashMap<String, Id>,
    sources_here: &mut HashSet<Id>,
    created_sources: &mut Vec<Id>,
) -> Result<()> {
    let mut written: Vec<std::path::PathBuf> = Vec::new();
    let mut evidence = Vec::new();
    let result = (|| {
        for url in &item.appearances {
            let sid = known_urls
                .get(url)
                .cloned()
                .unwrap_or_else(|| appearance_id(url));
            if !sources_here.contains(&sid) {
                let s = appearance_source(sid.clone(), url);
                fsio::create_new(
                    &ws.root,
                    &s.rel(),
                    canonical::source_text(&s).as_bytes(),
                    sid.as_str(),
                )?;
                written.push(s.rel());
            }
            evidence.push(Evidence {
                source: sid,
                quote: item.claim_reviewed.clone(),
                attributed_to: item.claimant.clone(),
                via: None,
                credibility: None,
            });
        }
        let claim = Claim {
            id: id.clone(),
            event: event.to_string(),
            statement: item.claim_reviewed.clone(),
            asserted_by: item.claimant.clone(),
            date: item.claim_date.clone(),
            details: Details::Event,
            preferred: false,
            retraction: None,
            notes: Some(format!(
                "Imported from ClaimReview{}.",
                item.review
                    .author
                    .as_ref()
                    .map(|a| format!(" by {a}"))
                    .unwrap_or_default()
            )),
            tags: vec!["claimreview".into()],
            relations: Relations::default(),
            review: Some(item.review.clone()),
            evidence: evidence.clone(),
        };
        fsio::create_new(
            &ws.root,
            &claim.rel(),
            canonical::claim_text(&claim).as_bytes(),
            id.as_str(),
        )
    })();
    match result {
        Ok(()) => {
            for e in &evidence {
                if sources_here.insert(e.source.clone()) {
                    created_sources.push(e.source.clone());
                }
            }
            Ok(())
        }
        Err(e) => {
            for rel in &written {
                let _ = std::fs::remove_file(ws.path(rel));
            }
            Err(e)
        }
    }
}
