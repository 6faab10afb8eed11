//! The semantic diff: what changed in the facts between two states of a
//! workspace, in domain terms (claims, evidence, figures, statuses), not
//! lines. A file that does not parse on either side is `unreadable`, never
//! `removed`.

use super::{Analysis, FigureStatus, Inputs, Status};
use crate::model::config::Config;
use crate::model::count::Interval;
use crate::model::fields::{self, flatten};
use crate::model::id::Id;
use crate::model::quote::normalize;
use crate::model::records::*;
use crate::store::workspace::{Loaded, Skipped};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldChange {
    pub name: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct EvidenceRef {
    pub source: String,
    pub quote: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordChange {
    pub id: Id,
    /// added, removed, edited, retracted, superseded, revised,
    /// evidence-added, evidence-removed, evidence-edited, unreadable;
    /// archive-changed for sources.
    pub change: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceRef>,
}

impl RecordChange {
    fn new(id: &Id, change: &'static str) -> RecordChange {
        RecordChange {
            id: id.clone(),
            change,
            fields: Vec::new(),
            summary: None,
            evidence: Vec::new(),
        }
    }

    fn summary(mut self, s: impl Into<String>) -> RecordChange {
        self.summary = Some(s.into());
        self
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct FigureState {
    pub status: FigureStatus,
    pub consensus: Option<Interval>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureChange {
    pub event: String,
    pub category: String,
    pub group: String,
    pub before: Option<FigureState>,
    pub after: Option<FigureState>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusChange {
    pub id: Id,
    pub before: Vec<Status>,
    pub after: Vec<Status>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct BlameState {
    pub contested: bool,
    pub actors: Vec<String>,
    pub deniers: Vec<String>,
    pub verdicts: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResponsibilityChange {
    pub event: String,
    pub before: BlameState,
    pub after: BlameState,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Diff {
    pub claims: Vec<RecordChange>,
    pub sources: Vec<RecordChange>,
    pub entities: Vec<RecordChange>,
    pub events: Vec<RecordChange>,
    pub figures: Vec<FigureChange>,
    pub statuses: Vec<StatusChange>,
    pub responsibility: Vec<ResponsibilityChange>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
            && self.sources.is_empty()
            && self.entities.is_empty()
            && self.events.is_empty()
            && self.figures.is_empty()
            && self.statuses.is_empty()
            && self.responsibility.is_empty()
    }
}

fn field_changes(old: &[(String, Value)], new: &[(String, Value)]) -> Vec<FieldChange> {
    let o: BTreeMap<&String, &Value> = old.iter().map(|(k, v)| (k, v)).collect();
    let n: BTreeMap<&String, &Value> = new.iter().map(|(k, v)| (k, v)).collect();
    let keys: BTreeSet<&String> = o.keys().chain(n.keys()).copied().collect();
    keys.into_iter()
        .filter(|k| o.get(k) != n.get(k))
        .map(|k| FieldChange {
            name: k.clone(),
            old: o.get(k).map(|v| (*v).clone()),
            new: n.get(k).map(|v| (*v).clone()),
        })
        .collect()
}

fn evidence_ref(e: &Evidence) -> EvidenceRef {
    EvidenceRef {
        source: e.source.to_string(),
        quote: normalize(&e.quote),
        attributed_to: e.attributed_to.clone(),
    }
}

/// One line saying what a claim is.
pub fn claim_summary(c: &Claim) -> String {
    let who = c.asserted_by.as_deref().unwrap_or("someone");
    match &c.details {
        Details::Casualty(k) => format!(
            "{} {} {}: {}",
            c.event,
            k.group,
            k.category,
            k.wording.clone().unwrap_or_else(|| k.interval.to_string())
        ),
        Details::Responsibility(b) => format!(
            "{}: {who} {} {}",
            c.event,
            match b.stance {
                Some(Stance::Claims) => "claims it, as",
                Some(Stance::Admits) => "admits it, as",
                _ => "blames",
            },
            b.actor
        ),
        Details::Denial(d) => match (&d.denies, &d.actor) {
            (Some(t), _) => format!("{}: {who} denies {t}", c.event),
            (None, Some(a)) => format!("{}: {who} denies that {a} did it", c.event),
            _ => format!("{}: {who} denies", c.event),
        },
        Details::Event => format!("{}: {}", c.event, c.statement),
    }
}

/// Evidence changes of one claim: matched by source and quote; an item
/// whose quote changed at the same position and source is edited.
fn evidence_changes(id: &Id, a: &[Evidence], b: &[Evidence]) -> Vec<RecordChange> {
    let key = |e: &Evidence| (e.source.clone(), normalize(&e.quote));
    let mut old_left: Vec<usize> = (0..a.len()).collect();
    let mut new_left: Vec<usize> = Vec::new();
    let mut edited = Vec::new();
    for (j, e) in b.iter().enumerate() {
        match old_left.iter().position(|i| key(&a[*i]) == key(e)) {
            Some(p) => {
                let i = old_left.remove(p);
                edited.push((i, j));
            }
            None => new_left.push(j),
        }
    }
    // Same position, same source, another quote: the quote was edited.
    let mut still_new = Vec::new();
    for j in new_left {
        match old_left
            .iter()
            .position(|i| *i == j && a[*i].source == b[j].source)
        {
            Some(p) => {
                let i = old_left.remove(p);
                edited.push((i, j));
            }
            None => still_new.push(j),
        }
    }
    let mut fields = Vec::new();
    edited.sort_by_key(|(_, j)| *j);
    for (i, j) in edited {
        let prefix = format!("evidence[{j}]");
        let old = flatten(
            &serde_json::Map::from_iter([(
                prefix.clone(),
                Value::Object(fields::evidence_json(&a[i])),
            )]),
            &[],
        );
        let new = flatten(
            &serde_json::Map::from_iter([(prefix, Value::Object(fields::evidence_json(&b[j])))]),
            &[],
        );
        fields.extend(field_changes(&old, &new));
    }
    let mut out = Vec::new();
    if !fields.is_empty() {
        let mut rc = RecordChange::new(id, "evidence-edited");
        rc.fields = fields;
        out.push(rc);
    }
    if !still_new.is_empty() {
        let mut rc = RecordChange::new(id, "evidence-added");
        rc.evidence = still_new.iter().map(|j| evidence_ref(&b[*j])).collect();
        out.push(rc);
    }
    if !old_left.is_empty() {
        let mut rc = RecordChange::new(id, "evidence-removed");
        rc.evidence = old_left.iter().map(|i| evidence_ref(&a[*i])).collect();
        out.push(rc);
    }
    out
}

/// The files of one kind that could not be read, by id.
fn unreadable(loaded: &Loaded, kind: RecordKind) -> BTreeMap<Id, &Skipped> {
    loaded
        .skipped
        .iter()
        .filter(|s| s.file.parent().and_then(|p| p.to_str()) == Some(kind.dir()))
        .filter_map(|s| {
            let stem = s.file.file_stem()?.to_str()?;
            Some((Id::parse(stem).ok()?, s))
        })
        .collect()
}

/// Changes of a record beyond its fields (retracted, evidence, archive).
type Extra<'a, T> = dyn FnMut(&Id, &T, &T, &mut Vec<RecordChange>) + 'a;

/// Changes of one kind of record, by id: added, removed, unreadable, edited.
fn record_changes<T>(
    kind: RecordKind,
    old: (&Loaded, &[T]),
    new: (&Loaded, &[T]),
    id_of: fn(&T) -> &Id,
    json: fn(&T) -> serde_json::Map<String, Value>,
    describe: fn(&T) -> String,
    edited: &mut Extra<'_, T>,
) -> Vec<RecordChange> {
    let o: BTreeMap<&Id, &T> = old.1.iter().map(|r| (id_of(r), r)).collect();
    let n: BTreeMap<&Id, &T> = new.1.iter().map(|r| (id_of(r), r)).collect();
    let (bad_old, bad_new) = (unreadable(old.0, kind), unreadable(new.0, kind));
    let ids: BTreeSet<&Id> = o
        .keys()
        .chain(n.keys())
        .copied()
        .chain(bad_old.keys())
        .chain(bad_new.keys())
        .collect();
    let mut out: Vec<RecordChange> = Vec::new();
    for id in ids {
        if let Some(s) = bad_new.get(id) {
            out.push(RecordChange::new(id, "unreadable").summary(format!(
                "{}:{}:{}: {} (in the new version)",
                s.file.display(),
                s.line,
                s.column,
                s.message
            )));
            continue;
        }
        if let Some(s) = bad_old.get(id) {
            out.push(RecordChange::new(id, "unreadable").summary(format!(
                "{}:{}:{}: {} (in the old version)",
                s.file.display(),
                s.line,
                s.column,
                s.message
            )));
            continue;
        }
        match (o.get(id), n.get(id)) {
            (None, Some(r)) => out.push(RecordChange::new(id, "added").summary(describe(r))),
            (Some(r), None) => out.push(RecordChange::new(id, "removed").summary(describe(r))),
            (Some(a), Some(b)) => {
                let before = out.len();
                edited(id, a, b, &mut out);
                let f = field_changes(
                    &flatten(&json(a), &["evidence"]),
                    &flatten(&json(b), &["evidence"]),
                );
                let f: Vec<FieldChange> = f
                    .into_iter()
                    .filter(|c| !out[before..].iter().any(|r| r.fields.contains(c)))
                    .collect();
                if !f.is_empty() {
                    let mut rc = RecordChange::new(id, "edited");
                    rc.fields = f;
                    out.push(rc);
                }
                // What happened to a record reads in a fixed order.
                out[before..].sort_by_key(|r| change_rank(r.change));
            }
            (None, None) => {}
        }
    }
    out
}

fn change_rank(change: &str) -> usize {
    [
        "retracted",
        "superseded",
        "revised",
        "archive-changed",
        "edited",
        "evidence-edited",
        "evidence-added",
        "evidence-removed",
    ]
    .iter()
    .position(|c| *c == change)
    .unwrap_or(usize::MAX)
}

fn blame_states(an: &Analysis<'_>) -> BTreeMap<String, BlameState> {
    let names = &an.ctx.names;
    let mut m: BTreeMap<String, BlameState> = BTreeMap::new();
    for h in &an.responsibility.hypotheses {
        let e = m.entry(h.event.clone()).or_default();
        e.contested |= h.contested;
        e.actors.push(names.name(h.actor).to_string());
        if let Some(v) = h.verdict {
            e.verdicts
                .push(format!("{}: {}", names.name(h.actor), v.as_str()));
        }
        for d in &h.deniers {
            let d = names.name(*d).to_string();
            if !e.deniers.contains(&d) {
                e.deniers.push(d);
            }
        }
    }
    m
}

/// Compares two loaded states of a workspace.
pub fn diff(old: &Loaded, new: &Loaded, config: &Config) -> Diff {
    let inputs = |l: &Loaded| -> (Vec<Claim>, Vec<Source>, Vec<Entity>, Vec<Event>) {
        (
            l.claims.clone(),
            l.sources.clone(),
            l.entities.clone(),
            l.events.clone(),
        )
    };
    let (oc, os, oe, ov) = inputs(old);
    let (nc, ns, ne, nv) = inputs(new);
    let a = Analysis::new(Inputs {
        claims: &oc,
        sources: &os,
        entities: &oe,
        events: &ov,
        config,
    });
    let b = Analysis::new(Inputs {
        claims: &nc,
        sources: &ns,
        entities: &ne,
        events: &nv,
        config,
    });
    let claims = record_changes(
        RecordKind::Claim,
        (old, &old.claims),
        (new, &new.claims),
        |c| &c.id,
        fields::claim_json,
        claim_summary,
        &mut |id, x, y, out| {
            if y.is_retracted() && !x.is_retracted() {
                let mut rc = RecordChange::new(id, "retracted");
                rc.summary = y.retraction.as_ref().map(|r| match &r.on {
                    Some(on) => format!("{} (as of {on})", r.reason),
                    None => r.reason.clone(),
                });
                rc.fields = field_changes(
                    &flatten(&fields::claim_json(x), &["evidence"]),
                    &flatten(&fields::claim_json(y), &["evidence"]),
                )
                .into_iter()
                .filter(|f| matches!(f.name.as_str(), "state" | "reason" | "retracted_on"))
                .collect();
                out.push(rc);
            }
            let st = |an: &Analysis<'_>, s| an.statuses_of(id.as_str()).contains(&s);
            if st(&b, Status::Superseded) && !st(&a, Status::Superseded) {
                out.push(RecordChange::new(id, "superseded"));
            }
            if st(&b, Status::Revised) && !st(&a, Status::Revised) {
                out.push(RecordChange::new(id, "revised"));
            }
            out.extend(evidence_changes(id, &x.evidence, &y.evidence));
        },
    );
    let sources = record_changes(
        RecordKind::Source,
        (old, &old.sources),
        (new, &new.sources),
        |s| &s.id,
        |s| {
            let mut m = fields::source_json(s);
            m.remove("sha256");
            m
        },
        |s| format!("{} ({})", s.title, s.publisher),
        &mut |id, x, y, out| {
            if x.sha256 != y.sha256 {
                let mut rc = RecordChange::new(id, "archive-changed");
                rc.fields = vec![FieldChange {
                    name: "sha256".into(),
                    old: x.sha256.clone().map(Value::String),
                    new: y.sha256.clone().map(Value::String),
                }];
                out.push(rc);
            }
        },
    );
    let entities = record_changes(
        RecordKind::Entity,
        (old, &old.entities),
        (new, &new.entities),
        |e| &e.id,
        fields::entity_json,
        |e| e.name.clone(),
        &mut |_, _, _, _| {},
    );
    let events = record_changes(
        RecordKind::Event,
        (old, &old.events),
        (new, &new.events),
        |e| &e.id,
        fields::event_json,
        |e| e.title.clone().unwrap_or_else(|| e.id.to_string()),
        &mut |_, _, _, _| {},
    );

    let state = |f: &super::Figure| FigureState {
        status: f.status,
        consensus: f.consensus,
    };
    let fa: BTreeMap<_, _> = a.figures.iter().map(|f| (f.key(), state(f))).collect();
    let fb: BTreeMap<_, _> = b.figures.iter().map(|f| (f.key(), state(f))).collect();
    let keys: BTreeSet<_> = fa.keys().chain(fb.keys()).cloned().collect();
    let figures = keys
        .into_iter()
        .filter_map(|k| {
            let (before, after) = (fa.get(&k).copied(), fb.get(&k).copied());
            (before != after).then_some(FigureChange {
                event: k.0,
                category: k.1,
                group: k.2,
                before,
                after,
            })
        })
        .collect();

    // Status changes of claims present on both sides (new claims are listed as added).
    let statuses = new
        .claims
        .iter()
        .filter(|c| a.has(c.id.as_str()))
        .filter_map(|c| {
            let (before, after) = (a.statuses_of(c.id.as_str()), b.statuses_of(c.id.as_str()));
            (before != after).then(|| StatusChange {
                id: c.id.clone(),
                before: before.to_vec(),
                after: after.to_vec(),
            })
        })
        .collect();

    let (ra, rb) = (blame_states(&a), blame_states(&b));
    let events_blamed: BTreeSet<&String> = ra.keys().chain(rb.keys()).collect();
    let responsibility = events_blamed
        .into_iter()
        .filter_map(|e| {
            let (x, y) = (
                ra.get(e).cloned().unwrap_or_default(),
                rb.get(e).cloned().unwrap_or_default(),
            );
            (x != y).then(|| ResponsibilityChange {
                event: e.clone(),
                before: x,
                after: y,
            })
        })
        .collect();
    Diff {
        claims,
        sources,
        entities,
        events,
        figures,
        statuses,
        responsibility,
    }
}
