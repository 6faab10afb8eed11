//! `factcheck claim add`, `claim set` and `claim edit`.

use super::{ensure_exists, ensure_free, non_blank, parse_id, parse_time, slug};
use crate::error::{Error, Result};
use crate::model::count::{CountPolicy, EXPLICIT_POLICY, Interval};
use crate::model::id::Id;
use crate::model::records::*;
use crate::store::edit::edit_record;
use crate::store::lock::{WORK_DIR, WorkspaceLock};
use crate::store::workspace::{Record, Workspace};
use crate::store::{canonical, fsio};
use std::path::{Path, PathBuf};
use toml_edit::value;

#[derive(Debug, Default, Clone)]
pub struct NewClaim {
    pub id: String,
    pub kind: Option<String>,
    pub event: Option<String>,
    pub statement: Option<String>,
    pub asserted_by: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
    pub group: Option<String>,
    pub count: Option<String>,
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub best: Option<u64>,
    pub as_of: Option<String>,
    pub hedge: Option<String>,
    pub actor: Option<String>,
    pub stance: Option<String>,
    pub denies: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
}

fn wording_error(policy: &CountPolicy, e: crate::model::count::WordingError) -> Error {
    Error::Wording {
        message: e.to_string(),
        policy: policy.name.clone(),
        forms: policy.forms(),
    }
}

/// Reads a wording with a policy, or refuses it (exit 1).
pub fn read_count(policy: &CountPolicy, wording: &str) -> Result<Interval> {
    policy
        .read(wording)
        .map(|r| r.interval)
        .map_err(|e| wording_error(policy, e))
}

fn check_best(interval: Interval, best: Option<u64>) -> Result<()> {
    match best {
        Some(b) if !interval.contains(b) => Err(Error::Usage(format!(
            "--best {b} lies outside the count {interval}; a best estimate is a point within min–max"
        ))),
        _ => Ok(()),
    }
}

/// Builds the claim from the flags, reporting every missing or misplaced
/// flag in one message.
pub fn build(ws: &Workspace, new: &NewClaim) -> Result<Claim> {
    let id = parse_id(&new.id)?;
    let mut missing: Vec<String> = Vec::new();
    let kind = match &new.kind {
        None => {
            missing.push("--kind (casualty, responsibility, denial or event)".into());
            None
        }
        Some(k) => Some(Kind::parse(k).ok_or_else(|| {
            Error::Usage(format!(
                "unknown --kind {k:?}; use casualty, responsibility, denial or event"
            ))
        })?),
    };
    if new.event.is_none() {
        missing.push("--event (a slug grouping the claims about one incident)".into());
    }
    if new.statement.as_deref().is_none_or(|s| s.trim().is_empty()) {
        missing.push("--statement (one sentence in your words)".into());
    }
    let casualty_flags = [
        ("category", new.category.is_some()),
        ("group", new.group.is_some()),
        ("count", new.count.is_some()),
        ("min", new.min.is_some()),
        ("max", new.max.is_some()),
        ("best", new.best.is_some()),
        ("as-of", new.as_of.is_some()),
    ];
    let given = |flags: &[(&'static str, bool)]| -> Vec<&'static str> {
        flags.iter().filter(|(_, g)| *g).map(|(f, _)| *f).collect()
    };
    let misplaced: Vec<&str> = match kind {
        Some(Kind::Casualty) => given(&[
            ("actor", new.actor.is_some()),
            ("stance", new.stance.is_some()),
            ("denies", new.denies.is_some()),
        ]),
        Some(Kind::Responsibility) => {
            let mut v = given(&casualty_flags);
            v.extend(given(&[("denies", new.denies.is_some())]));
            v
        }
        Some(Kind::Denial) => {
            let mut v = given(&casualty_flags);
            v.extend(given(&[
                ("stance", new.stance.is_some()),
                ("hedge", new.hedge.is_some()),
            ]));
            v
        }
        Some(Kind::Event) => {
            let mut v = given(&casualty_flags);
            v.extend(given(&[
                ("actor", new.actor.is_some()),
                ("stance", new.stance.is_some()),
                ("denies", new.denies.is_some()),
                ("hedge", new.hedge.is_some()),
            ]));
            v
        }
        None => Vec::new(),
    };
    if let Some(k) = kind {
        match k {
            Kind::Casualty => {
                if new.category.is_none() {
                    missing.push(format!("--category ({})", CATEGORIES.join(", ")));
                }
                if new.group.is_none() {
                    missing.push("--group (a slug naming who is counted, e.g. protesters)".into());
                }
                if new.count.is_none() && new.min.is_none() {
                    missing
                        .push("--count WORDING (e.g. \"at least 10\") or --min N [--max N]".into());
                }
            }
            Kind::Responsibility if new.actor.as_deref().is_none_or(|a| a.trim().is_empty()) => {
                missing.push("--actor (who is said to have done it)".into());
            }
            Kind::Denial if new.denies.is_none() && new.actor.is_none() => {
                missing.push(
                    "--denies CLAIM (the claim denied) or --actor A (deny that A did it)".into(),
                );
            }
            _ => {}
        }
    }
    if !missing.is_empty() || !misplaced.is_empty() {
        let mut msg = String::new();
        if !missing.is_empty() {
            msg.push_str(&format!(
                "{} claim needs:\n{}",
                kind.map(|k| k.with_article()).unwrap_or("a"),
                missing
                    .iter()
                    .map(|m| format!("    {m}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
        if let (Some(k), false) = (kind, misplaced.is_empty()) {
            if !msg.is_empty() {
                msg.push('\n');
            }
            msg.push_str(&format!(
                "{} do{} not apply to {} claim",
                misplaced
                    .iter()
                    .map(|f| format!("--{f}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if misplaced.len() == 1 { "es" } else { "" },
                k.with_article()
            ));
        }
        return Err(Error::Usage(msg));
    }
    let kind = kind.ok_or_else(|| Error::Usage("--kind is required".into()))?;
    let event = slug("event", new.event.as_deref().unwrap_or_default())?;
    let hedge = non_blank("hedge", new.hedge.clone())?;
    let details = match kind {
        Kind::Casualty => {
            let category = new.category.clone().unwrap_or_default();
            if !CATEGORIES.contains(&category.as_str()) {
                return Err(Error::Usage(format!(
                    "unknown --category {category:?}; use one of {}",
                    CATEGORIES.join(", ")
                )));
            }
            let group = slug("group", new.group.as_deref().unwrap_or_default())?;
            let (interval, policy) = match (&new.count, new.min) {
                (_, Some(min)) => {
                    if let Some(max) = new.max
                        && min > max
                    {
                        return Err(Error::Usage(format!(
                            "--min {min} is greater than --max {max}"
                        )));
                    }
                    (Interval::new(min, new.max), EXPLICIT_POLICY.to_string())
                }
                (Some(w), None) => {
                    if new.max.is_some() {
                        return Err(Error::Usage(
                            "--max needs --min (a count with only a maximum is --min 0 --max N)"
                                .into(),
                        ));
                    }
                    let policy = &ws.config.policy;
                    (read_count(policy, w)?, policy.name.clone())
                }
                (None, None) => unreachable_count()?,
            };
            check_best(interval, new.best)?;
            Details::Casualty(Casualty {
                category,
                group,
                wording: non_blank("count", new.count.clone())?,
                interval,
                best: new.best,
                as_of: parse_time("as-of", new.as_of.as_deref())?,
                hedge,
                policy: Some(policy),
            })
        }
        Kind::Responsibility => Details::Responsibility(Blame {
            actor: new.actor.clone().unwrap_or_default(),
            stance: match &new.stance {
                Some(s) => Some(Stance::parse(s).ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown --stance {s:?}; use accuses, claims or admits"
                    ))
                })?),
                None => None,
            },
            hedge,
        }),
        Kind::Denial => {
            let denies = new.denies.as_deref().map(parse_id).transpose()?;
            if let Some(d) = &denies {
                if *d == id {
                    return Err(Error::Usage("a claim cannot deny itself".into()));
                }
                ensure_exists(ws, RecordKind::Claim, d, "--denies")?;
            }
            Details::Denial(Denial {
                denies,
                actor: non_blank("actor", new.actor.clone())?,
            })
        }
        Kind::Event => Details::Event,
    };
    if new.tags.iter().any(|t| t.trim().is_empty()) {
        return Err(Error::Usage("--tag cannot be empty".into()));
    }
    Ok(Claim {
        id,
        event,
        statement: new.statement.clone().unwrap_or_default(),
        asserted_by: non_blank("asserted-by", new.asserted_by.clone())?,
        date: parse_time("date", new.date.as_deref())?,
        details,
        preferred: false,
        retraction: None,
        notes: non_blank("notes", new.notes.clone())?,
        tags: new.tags.clone(),
        relations: Relations::default(),
        review: None,
        evidence: Vec::new(),
    })
}

fn unreachable_count() -> Result<(Interval, String)> {
    Err(Error::Usage(
        "a casualty claim needs --count WORDING or --min N [--max N]".into(),
    ))
}

pub fn claim_add(ws: &Workspace, new: NewClaim) -> Result<Claim> {
    let claim = build(ws, &new)?;
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    ensure_free(ws, &claim.id)?;
    fsio::create_new(
        &ws.root,
        &claim.rel(),
        canonical::claim_text(&claim).as_bytes(),
        claim.id.as_str(),
    )?;
    Ok(claim)
}

/// The fields `claim set` can change.
pub const SETTABLE: [&str; 18] = [
    "statement",
    "asserted_by",
    "date",
    "event",
    "category",
    "group",
    "wording",
    "min",
    "max",
    "best",
    "as_of",
    "hedge",
    "actor",
    "stance",
    "denies",
    "notes",
    "tags",
    "policy",
];

/// The policy a claim's wording is read with: its own, else the workspace's.
fn policy_for(ws: &Workspace, k: &Casualty) -> Result<Option<CountPolicy>> {
    match k.policy.as_deref() {
        Some(EXPLICIT_POLICY) => Ok(None),
        Some(name) => ws.config.policy_named(name).map(Some).ok_or_else(|| {
            Error::Usage(format!(
                "this claim's policy {name:?} is not known to this workspace; set policy first (`claim set ID policy {}`)",
                ws.config.policy.name
            ))
        }),
        None => Ok(Some(ws.config.policy.clone())),
    }
}

fn number(field: &str, raw: &str) -> Result<i64> {
    raw.trim()
        .replace([',', '_'], "")
        .parse::<u64>()
        .ok()
        .filter(|n| *n <= i64::MAX as u64)
        .map(|n| n as i64)
        .ok_or_else(|| {
            Error::Usage(format!(
                "{field} must be a whole number from 0, not {raw:?}"
            ))
        })
}

/// What `claim set` did.
pub struct SetOutcome {
    pub claim: Claim,
    pub changed: bool,
}

/// Sets one field of a claim (an empty value removes an optional field);
/// the record is validated before it is written, and a changed wording
/// recomputes min/max through the claim's count policy unless it is
/// explicit.
pub fn claim_set(ws: &Workspace, id: &str, field: &str, raw: &str) -> Result<SetOutcome> {
    let id = parse_id(id)?;
    if field == "kind" {
        return Err(Error::Usage(
            "the kind of a claim cannot change: an id names one claim forever; add a new claim instead".into(),
        ));
    }
    if !SETTABLE.contains(&field) {
        let near = crate::store::parse::reader::nearest(field, &SETTABLE)
            .map(|n| format!("did you mean `{n}`? "))
            .unwrap_or_default();
        return Err(Error::Usage(format!(
            "`{field}` cannot be set here; {near}fields: {}",
            SETTABLE.join(", ")
        )));
    }
    let lock = WorkspaceLock::acquire(&ws.root)?;
    let empty = raw.trim().is_empty();
    let edited = edit_record(
        ws,
        &lock,
        RecordKind::Claim,
        &id,
        |_| Ok(()),
        |text| {
            let Record::Claim(c) =
                ws.parse_record(RecordKind::Claim, &id, text.trim_start_matches('\u{feff}'))?
            else {
                return Err(Error::Usage("not a claim".into()));
            };
            let set = |t: &str, key: &str, item: Option<toml_edit::Item>| {
                canonical::set_claim_field(t, key, item)
            };
            let required = ["statement", "event", "category", "group", "min", "actor"];
            if empty && required.contains(&field) {
                return Err(Error::Usage(format!(
                    "`{field}` is required and cannot be removed"
                )));
            }
            if empty {
                let mut t = set(text, field, None)?;
                if field == "wording" || field == "max" {
                    // Without a wording, the numbers are the desk's own.
                    if c.casualty().is_some() && field == "max" {
                        t = set(&t, "policy", Some(value(EXPLICIT_POLICY)))?;
                    }
                }
                return Ok(t);
            }
            match field {
                "date" | "as_of" => {
                    let t = crate::model::time::Timestamp::parse(raw)
                        .map_err(|why| Error::Usage(format!("{field}: {why}")))?;
                    set(text, field, Some(canonical::datetime(&t)))
                }
                "event" | "group" => set(text, field, Some(value(slug(field, raw)?))),
                "denies" => {
                    let d = parse_id(raw)?;
                    ensure_exists(ws, RecordKind::Claim, &d, "denies")?;
                    set(text, field, Some(value(d.as_str())))
                }
                "min" | "max" => {
                    let n = number(field, raw)?;
                    let t = set(text, field, Some(value(n)))?;
                    set(&t, "policy", Some(value(EXPLICIT_POLICY)))
                }
                "best" => set(text, field, Some(value(number(field, raw)?))),
                "tags" => {
                    let mut a = toml_edit::Array::new();
                    for tag in raw.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                        a.push(tag);
                    }
                    set(text, field, Some(value(a)))
                }
                "wording" => {
                    let Some(k) = c.casualty() else {
                        return set(text, field, Some(value(raw)));
                    };
                    let mut t = set(text, field, Some(value(raw)))?;
                    if let Some(policy) = policy_for(ws, k)? {
                        let iv = read_count(&policy, raw)?;
                        t = set(&t, "min", Some(value(iv.min as i64)))?;
                        t = set(&t, "max", iv.max.map(|m| value(m as i64)))?;
                        t = set(&t, "policy", Some(value(policy.name.as_str())))?;
                    }
                    Ok(t)
                }
                "policy" => {
                    let Some(k) = c.casualty() else {
                        return Err(Error::Usage(
                            "only a casualty claim has a count policy".into(),
                        ));
                    };
                    let mut t = set(text, field, Some(value(raw)))?;
                    if raw != EXPLICIT_POLICY {
                        let policy = ws.config.policy_named(raw).ok_or_else(|| {
                            Error::Usage(format!("unknown policy {raw:?}; use default-v2, default-v1, explicit or this workspace's own"))
                        })?;
                        if let Some(w) = &k.wording {
                            let iv = read_count(&policy, w)?;
                            t = set(&t, "min", Some(value(iv.min as i64)))?;
                            t = set(&t, "max", iv.max.map(|m| value(m as i64)))?;
                        }
                    }
                    Ok(t)
                }
                _ => set(text, field, Some(value(raw))),
            }
        },
    )?;
    match edited.after {
        Record::Claim(claim) => Ok(SetOutcome {
            claim,
            changed: edited.changed,
        }),
        _ => Err(Error::Usage("not a claim".into())),
    }
}

/// What `claim edit` did.
pub enum EditOutcome {
    Unchanged,
    Written(Box<Claim>),
    /// The edit was invalid; it is kept at this path.
    Kept {
        path: PathBuf,
        error: Error,
    },
}

/// Applies the recomputation a changed wording needs, on edited text.
fn recompute(ws: &Workspace, before: &Claim, text: &str) -> Result<String> {
    let Ok(Record::Claim(after)) = ws.parse_record(
        RecordKind::Claim,
        &before.id,
        text.trim_start_matches('\u{feff}'),
    ) else {
        return Ok(text.to_string());
    };
    let (Some(old), Some(new)) = (before.casualty(), after.casualty()) else {
        return Ok(text.to_string());
    };
    if old.wording == new.wording {
        return Ok(text.to_string());
    }
    let (Some(w), Some(policy)) = (&new.wording, policy_for(ws, new)?) else {
        return Ok(text.to_string());
    };
    let iv = read_count(&policy, w)?;
    let mut t = canonical::set_claim_field(text, "min", Some(value(iv.min as i64)))?;
    t = canonical::set_claim_field(&t, "max", iv.max.map(|m| value(m as i64)))?;
    t = canonical::set_claim_field(&t, "policy", Some(value(policy.name.as_str())))?;
    Ok(t)
}

/// `claim edit`: the claim is copied to `.factcheck/edit/`, `editor` edits
/// the copy, and the result is validated and written atomically under the
/// lock, after checking the file did not change meanwhile. `again` decides
/// whether an invalid edit re-opens the editor; if not, the copy is kept.
pub fn claim_edit(
    ws: &Workspace,
    id: &str,
    editor: &dyn Fn(&Path) -> Result<()>,
    again: &dyn Fn(&Error) -> bool,
) -> Result<EditOutcome> {
    let id = parse_id(id)?;
    let original = ws.read_record_text(RecordKind::Claim, &id)?;
    let Record::Claim(before) = ws.parse_record(RecordKind::Claim, &id, &original)? else {
        return Err(ws.unknown(RecordKind::Claim, &id));
    };
    let raw_original =
        String::from_utf8_lossy(&ws.read_bytes(&RecordKind::Claim.rel(&id)).map_err(|e| {
            Error::Refused {
                path: ws.path(&RecordKind::Claim.rel(&id)),
                why: e.describe(),
            }
        })?)
        .into_owned();
    let copy_rel = Path::new(WORK_DIR).join("edit").join(format!("{id}.toml"));
    fsio::replace(&ws.root, &copy_rel, raw_original.as_bytes())?;
    let copy = ws.path(&copy_rel);
    loop {
        editor(&copy)?;
        let edited = String::from_utf8(
            fsio::read(&ws.root, &copy_rel, ws.config.max_file_size).map_err(|e| {
                Error::Refused {
                    path: copy.clone(),
                    why: e.describe(),
                }
            })?,
        )
        .map_err(|_| Error::Usage(format!("{} is not UTF-8 any more", copy.display())))?;
        if edited == raw_original {
            let _ = std::fs::remove_file(&copy);
            return Ok(EditOutcome::Unchanged);
        }
        let attempt = (|| -> Result<Claim> {
            let text = recompute(ws, &before, &edited)?;
            let body = text.trim_start_matches('\u{feff}');
            let parsed = crate::store::workspace::parse_text(
                RecordKind::Claim,
                &id,
                &RecordKind::Claim.rel(&id),
                body,
                &ws.config,
            );
            let Some(Record::Claim(after)) = parsed.record else {
                return Err(Error::InvalidEdit {
                    path: RecordKind::Claim.rel(&id),
                    diagnostics: parsed
                        .diagnostics
                        .into_iter()
                        .filter(|d| d.is_error())
                        .collect(),
                });
            };
            if after.kind() != before.kind() {
                return Err(Error::Usage(
                    "the kind of a claim cannot change: an id names one claim forever".into(),
                ));
            }
            let _lock = WorkspaceLock::acquire(&ws.root)?;
            let now = ws
                .read_bytes(&RecordKind::Claim.rel(&id))
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            if now != raw_original {
                return Err(Error::Conflict {
                    path: RecordKind::Claim.rel(&id),
                });
            }
            fsio::replace(&ws.root, &RecordKind::Claim.rel(&id), text.as_bytes())?;
            Ok(after)
        })();
        match attempt {
            Ok(after) => {
                let _ = std::fs::remove_file(&copy);
                return Ok(EditOutcome::Written(Box::new(after)));
            }
            Err(e) if matches!(e, Error::Conflict { .. }) => {
                return Ok(EditOutcome::Kept {
                    path: copy_rel,
                    error: e,
                });
            }
            Err(e) => {
                if !again(&e) {
                    return Ok(EditOutcome::Kept {
                        path: copy_rel,
                        error: e,
                    });
                }
            }
        }
    }
}

/// The id of a claim, validated.
pub fn claim_id(raw: &str) -> Result<Id> {
    parse_id(raw)
}
