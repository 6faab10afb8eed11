//! The authoring operations behind `init`, `source add`, `claim add`, `link`,
//! `relate` and `retract`. They take plain values (no clap), touch only the
//! files they need (never the whole workspace) and write under the lock.

use crate::canonical;
use crate::config::{CONFIG_FILE, CONFIG_TEMPLATE};
use crate::count::{EXPLICIT_POLICY, Interval};
use crate::error::{Error, Result};
use crate::id::Id;
use crate::model::*;
use crate::quote::Archive;
use crate::record::parse_claim;
use crate::store::{self, WorkspaceLock};
use crate::timestamp::Timestamp;
use crate::workspace::{CLAIMS_DIR, SOURCES_DIR, Workspace};
use std::path::{Path, PathBuf};

/// Validates a user-given id before any path is built from it.
pub fn parse_id(raw: &str) -> Result<Id> {
    Id::parse(raw).map_err(|why| Error::InvalidId {
        raw: raw.to_string(),
        why,
        suggestion: Id::suggest(raw),
    })
}

fn parse_time(flag: &str, raw: Option<&str>) -> Result<Option<Timestamp>> {
    raw.map(|r| Timestamp::parse(r).map_err(|why| Error::Usage(format!("--{flag}: {why}"))))
        .transpose()
}

/// Creates `factcheck.toml`, `claims/` and `sources/` in `dir`.
pub fn init(dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(Error::io("create", dir))?;
    let config = dir.join(CONFIG_FILE);
    if config.exists() {
        return Err(Error::AlreadyWorkspace {
            path: dir.to_path_buf(),
        });
    }
    for sub in [CLAIMS_DIR, SOURCES_DIR] {
        let p = dir.join(sub);
        std::fs::create_dir_all(&p).map_err(Error::io("create", &p))?;
        let keep = p.join(".gitkeep");
        if !keep.exists() {
            std::fs::write(&keep, "").map_err(Error::io("write", &keep))?;
        }
    }
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        store::replace(&ignore, format!("{}\n", store::LOCK_FILE).as_bytes())?;
    }
    match store::create_new(&config, CONFIG_TEMPLATE.as_bytes(), CONFIG_FILE) {
        Err(Error::IdTaken { .. }) => Err(Error::AlreadyWorkspace {
            path: dir.to_path_buf(),
        }),
        other => other.map(|_| config),
    }
}

fn ensure_free(ws: &Workspace, id: &Id) -> Result<()> {
    match ws.id_in_use(id) {
        Some(rel) => Err(Error::IdTaken {
            id: id.to_string(),
            path: rel,
        }),
        None => Ok(()),
    }
}

fn ensure_source(ws: &Workspace, id: &Id, flag: &str) -> Result<()> {
    if ws.path(&Workspace::source_rel(id)).exists() {
        Ok(())
    } else {
        Err(match ws.unknown("source", id) {
            Error::UnknownId { what, id, hint } => Error::UnknownId {
                what,
                id,
                hint: hint.map(|h| format!("{flag} names a source; {h}")),
            },
            e => e,
        })
    }
}

#[derive(Debug, Default, Clone)]
pub struct NewSource {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub accessed: Option<String>,
    pub reliability: Option<char>,
    pub cites: Vec<String>,
    pub revises: Option<String>,
    /// The archived text, stored verbatim as `sources/<id>.txt`.
    pub text: Option<Vec<u8>>,
}

pub fn source_add(ws: &Workspace, new: NewSource) -> Result<Source> {
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
    for c in &cites {
        ensure_source(ws, c, "--cites")?;
        if *c == id {
            return Err(Error::Usage("a source cannot cite itself".into()));
        }
    }
    if let Some(r) = &revises {
        ensure_source(ws, r, "--revises")?;
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
    let source = Source {
        id: id.clone(),
        path: Workspace::source_rel(&id),
        title: new.title,
        publisher: new.publisher,
        url: new.url,
        published: parse_time("published", new.published.as_deref())?,
        accessed: parse_time("accessed", new.accessed.as_deref())?,
        reliability: new.reliability,
        cites,
        revises,
        sha256,
        locs: Locs::default(),
    };
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    ensure_free(ws, &id)?;
    let txt = ws.path(&Workspace::archive_rel(&id));
    if let Some(bytes) = &new.text {
        store::create_new(&txt, bytes, id.as_str())?;
    }
    let written = store::create_new(
        &ws.path(&source.path),
        canonical::source_text(&source).as_bytes(),
        id.as_str(),
    );
    if written.is_err() && new.text.is_some() {
        let _ = std::fs::remove_file(&txt);
    }
    written.map(|_| source)
}

#[derive(Debug, Default, Clone)]
pub struct NewClaim {
    pub id: String,
    pub kind: String,
    pub event: String,
    pub statement: String,
    pub asserted_by: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
    pub group: Option<String>,
    pub count: Option<String>,
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub actor: Option<String>,
    pub denies: Option<String>,
}

fn slug(flag: &str, raw: &str) -> Result<String> {
    Id::parse(raw).map(|_| raw.to_string()).map_err(|why| {
        let hint = Id::suggest(raw)
            .map(|s| format!(" (try `{s}`)"))
            .unwrap_or_default();
        Error::Usage(format!("--{flag} {raw:?} is not a slug: {why}{hint}"))
    })
}

fn not_for(kind: Kind, flags: &[(&str, bool)]) -> Result<()> {
    match flags.iter().find(|(_, given)| *given) {
        Some((flag, _)) => Err(Error::Usage(format!(
            "--{flag} does not apply to {} claim",
            kind.with_article()
        ))),
        None => Ok(()),
    }
}

pub fn claim_add(ws: &Workspace, new: NewClaim) -> Result<Claim> {
    let id = parse_id(&new.id)?;
    let kind = Kind::parse(&new.kind).ok_or_else(|| {
        Error::Usage(format!(
            "unknown kind {:?}; use casualty, responsibility, denial or event",
            new.kind
        ))
    })?;
    let event = slug("event", &new.event)?;
    if new.statement.trim().is_empty() {
        return Err(Error::Usage("--statement cannot be empty".into()));
    }
    let casualty_flags = [
        ("category", new.category.is_some()),
        ("group", new.group.is_some()),
        ("count", new.count.is_some()),
        ("min", new.min.is_some()),
        ("max", new.max.is_some()),
    ];
    let details = match kind {
        Kind::Casualty => {
            not_for(
                kind,
                &[
                    ("actor", new.actor.is_some()),
                    ("denies", new.denies.is_some()),
                ],
            )?;
            let category = new.category.ok_or_else(|| {
                Error::Usage(format!(
                    "a casualty claim needs --category ({})",
                    CATEGORIES.join(", ")
                ))
            })?;
            if !CATEGORIES.contains(&category.as_str()) {
                return Err(Error::Usage(format!(
                    "unknown --category {category:?}; use one of {}",
                    CATEGORIES.join(", ")
                )));
            }
            let group = slug("group", &new.group.ok_or_else(|| Error::Usage("a casualty claim needs --group (a slug naming who is counted, e.g. protesters)".into()))?)?;
            let (interval, policy) = match (&new.count, new.min) {
                (_, Some(min)) => {
                    if let Some(max) = new.max
                        && min > max {
                            return Err(Error::Usage(format!("--min {min} is greater than --max {max}")));
                        }
                    (Interval::new(min, new.max), EXPLICIT_POLICY.to_string())
                }
                (Some(w), None) => {
                    if new.max.is_some() {
                        return Err(Error::Usage("--max needs --min (a count with only a maximum is --min 0 --max N)".into()));
                    }
                    let policy = &ws.config.policy;
                    let reading = policy.read(w).map_err(|e| Error::Wording {
                        message: e.to_string(),
                        policy: policy.name.clone(),
                        forms: crate::count::FORMS_UNDERSTOOD,
                    })?;
                    (reading.interval, policy.name.clone())
                }
                (None, None) => return Err(Error::Usage("a casualty claim needs --count WORDING (e.g. \"at least 10\") or --min N [--max N]".into())),
            };
            Details::Casualty(Casualty {
                category,
                group,
                wording: new.count,
                interval,
                policy: Some(policy),
            })
        }
        Kind::Responsibility => {
            not_for(kind, &casualty_flags)?;
            not_for(kind, &[("denies", new.denies.is_some())])?;
            let actor = new.actor.filter(|a| !a.trim().is_empty()).ok_or_else(|| {
                Error::Usage(
                    "a responsibility claim needs --actor (who is said to have done it)".into(),
                )
            })?;
            Details::Responsibility { actor }
        }
        Kind::Denial => {
            not_for(kind, &casualty_flags)?;
            not_for(kind, &[("actor", new.actor.is_some())])?;
            let denies = parse_id(&new.denies.ok_or_else(|| {
                Error::Usage("a denial needs --denies CLAIM (the id of the denied claim)".into())
            })?)?;
            if !ws.path(&Workspace::claim_rel(&denies)).exists() {
                return Err(ws.unknown("claim", &denies));
            }
            if denies == id {
                return Err(Error::Usage("a claim cannot deny itself".into()));
            }
            Details::Denial { denies }
        }
        Kind::Event => {
            not_for(kind, &casualty_flags)?;
            not_for(
                kind,
                &[
                    ("actor", new.actor.is_some()),
                    ("denies", new.denies.is_some()),
                ],
            )?;
            Details::Event
        }
    };
    let claim = Claim {
        id: id.clone(),
        path: Workspace::claim_rel(&id),
        event,
        statement: new.statement,
        asserted_by: new.asserted_by.filter(|a| !a.trim().is_empty()),
        date: parse_time("date", new.date.as_deref())?,
        details,
        retracted: None,
        relations: Relations::default(),
        evidence: Vec::new(),
        locs: Locs::default(),
    };
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    ensure_free(ws, &id)?;
    store::create_new(
        &ws.path(&claim.path),
        canonical::claim_text(&claim).as_bytes(),
        id.as_str(),
    )?;
    Ok(claim)
}

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
    pub duplicate: bool,
}

/// Edits a claim file under the lock, then checks the result still reads as
/// the same claim, so an edit can never leave a broken record behind.
fn edit_claim(ws: &Workspace, id: &Id, change: impl Fn(&str) -> Result<String>) -> Result<()> {
    let rel = Workspace::claim_rel(id);
    let path = ws.path(&rel);
    store::edit(&path, |text| {
        let before = parse_claim(
            id.as_str(),
            &rel,
            text.trim_start_matches('\u{feff}'),
            &ws.config.policy,
        );
        if before.record.is_none() {
            return Err(Error::BrokenRecord {
                path: rel.clone(),
                diagnostics: before.diagnostics,
            });
        }
        let after = change(text)?;
        let parsed = parse_claim(
            id.as_str(),
            &rel,
            after.trim_start_matches('\u{feff}'),
            &ws.config.policy,
        );
        if parsed.record.is_none() {
            return Err(Error::BrokenRecord {
                path: rel.clone(),
                diagnostics: parsed.diagnostics,
            });
        }
        Ok(after)
    })?;
    Ok(())
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
    let (claim, _) = ws.read_claim(&claim_id)?;
    ensure_source(ws, &source_id, "SOURCE")?;
    if let Some(v) = &via {
        ensure_source(ws, v, "--via")?;
    }
    let txt = ws.path(&Workspace::archive_rel(&source_id));
    let verified = match std::fs::read(&txt) {
        Ok(bytes) => {
            let archive = Archive::new(&String::from_utf8_lossy(&bytes));
            if !archive.contains(&new.quote) {
                let closest = archive
                    .closest_passage(&new.quote)
                    .map(|p| crate::quote::word_diff(&crate::quote::normalize(&new.quote), &p));
                return Err(Error::QuoteNotFound {
                    source_id: source_id.to_string(),
                    closest,
                });
            }
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !new.unverified {
                return Err(Error::Usage(format!(
                    "source `{source_id}` has no archived text, so the quote cannot be checked\n  help: pass --unverified to link it anyway (`check` will warn), or archive the text first"
                )));
            }
            false
        }
        Err(e) => {
            return Err(Error::Io {
                action: "read",
                path: txt,
                source: e,
            });
        }
    };
    let evidence = Evidence {
        source: source_id,
        quote: new.quote,
        attributed_to: new.attributed_to.filter(|a| !a.trim().is_empty()),
        via,
        credibility: new.credibility,
    };
    let duplicate = claim.evidence.iter().any(|e| {
        e.source == evidence.source
            && crate::quote::normalize(&e.quote) == crate::quote::normalize(&evidence.quote)
    });
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    edit_claim(ws, &claim_id, |text| {
        canonical::append_evidence(text, &evidence)
    })?;
    Ok(Linked {
        evidence,
        verified,
        duplicate,
    })
}

/// Adds `other` to the claim's `[relations]`; false when it was already there.
pub fn relate(ws: &Workspace, claim: &str, relation: &str, other: &str) -> Result<bool> {
    let claim_id = parse_id(claim)?;
    let other_id = parse_id(other)?;
    if !RELATIONS.contains(&relation) {
        return Err(Error::Usage(format!(
            "unknown relation {relation:?}; use contradicts, supersedes or corroborates"
        )));
    }
    if claim_id == other_id {
        return Err(Error::Usage("a relation links two different claims".into()));
    }
    let (c, _) = ws.read_claim(&claim_id)?;
    ws.read_claim(&other_id)?;
    if c.relations.get(relation).contains(&other_id) {
        return Ok(false);
    }
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    edit_claim(ws, &claim_id, |text| {
        canonical::add_relation(text, relation, other_id.as_str())
    })?;
    Ok(true)
}

pub fn retract(ws: &Workspace, claim: &str, reason: &str) -> Result<()> {
    let claim_id = parse_id(claim)?;
    if reason.trim().is_empty() {
        return Err(Error::Usage(
            "--reason cannot be empty: say why the claim is retracted".into(),
        ));
    }
    let (c, _) = ws.read_claim(&claim_id)?;
    if let Some(old) = &c.retracted {
        return Err(Error::Usage(format!(
            "claim `{claim_id}` is already retracted (reason: {old})"
        )));
    }
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    edit_claim(ws, &claim_id, |text| canonical::retract(text, reason))
}
