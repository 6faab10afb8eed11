//! The semantic diff: what changed in the facts between two states of a
//! workspace, in domain terms (claims, evidence, figures, statuses), not lines.

use crate::analysis::{Analysis, FigureStatus, Status};
use crate::config::Config;
use crate::count::Interval;
use crate::id::Id;
use crate::model::{Claim, Evidence, Source};
use crate::render::show::{claim_json, source_json};
use crate::workspace::Loaded;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldChange {
    pub name: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordChange {
    pub id: Id,
    /// added, removed, edited, retracted, superseded, evidence-added,
    /// evidence-removed (claims); added, removed, edited, archive-changed (sources).
    pub change: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct EvidenceRef {
    pub source: String,
    pub quote: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
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

#[derive(Debug, Clone, Serialize)]
pub struct ResponsibilityChange {
    pub event: String,
    pub contested_before: bool,
    pub contested_after: bool,
    pub actors_before: Vec<String>,
    pub actors_after: Vec<String>,
    pub denied_before: Vec<String>,
    pub denied_after: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Diff {
    pub claims: Vec<RecordChange>,
    pub sources: Vec<RecordChange>,
    pub figures: Vec<FigureChange>,
    pub statuses: Vec<StatusChange>,
    pub responsibility: Vec<ResponsibilityChange>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
            && self.sources.is_empty()
            && self.figures.is_empty()
            && self.statuses.is_empty()
            && self.responsibility.is_empty()
    }
}

fn fields(
    old: &serde_json::Map<String, Value>,
    new: &serde_json::Map<String, Value>,
    skip: &[&str],
) -> Vec<FieldChange> {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut out = Vec::new();
    for k in keys {
        if skip.contains(&k.as_str()) {
            continue;
        }
        let (o, n) = (
            old.get(k).filter(|v| !v.is_null()),
            new.get(k).filter(|v| !v.is_null()),
        );
        if k == "relations" {
            for rel in crate::model::RELATIONS {
                let get = |m: Option<&Value>| {
                    m.and_then(|v| v.get(rel))
                        .cloned()
                        .filter(|v| v.as_array().is_some_and(|a| !a.is_empty()))
                };
                let (ro, rn) = (get(o), get(n));
                if ro != rn {
                    out.push(FieldChange {
                        name: format!("relations.{rel}"),
                        old: ro,
                        new: rn,
                    });
                }
            }
            continue;
        }
        if o != n {
            out.push(FieldChange {
                name: k.clone(),
                old: o.cloned(),
                new: n.cloned(),
            });
        }
    }
    out
}

fn evidence_key(e: &Evidence) -> EvidenceRef {
    EvidenceRef {
        source: e.source.to_string(),
        quote: crate::quote::normalize(&e.quote),
        attributed_to: e.attributed_to.clone(),
    }
}

fn summary(c: &Claim) -> String {
    match &c.details {
        crate::model::Details::Casualty(k) => format!(
            "{} {} {}: {}",
            c.event,
            k.group,
            k.category,
            k.wording.clone().unwrap_or_else(|| k.interval.to_string())
        ),
        crate::model::Details::Responsibility { actor } => format!(
            "{}: {} blames {actor}",
            c.event,
            c.asserted_by.as_deref().unwrap_or("someone")
        ),
        crate::model::Details::Denial { denies } => format!(
            "{}: {} denies {denies}",
            c.event,
            c.asserted_by.as_deref().unwrap_or("someone")
        ),
        crate::model::Details::Event => format!("{}: {}", c.event, c.statement),
    }
}

fn claim_changes(
    old: &[Claim],
    new: &[Claim],
    old_st: &Analysis<'_>,
    new_st: &Analysis<'_>,
) -> Vec<RecordChange> {
    let o: BTreeMap<&Id, &Claim> = old.iter().map(|c| (&c.id, c)).collect();
    let n: BTreeMap<&Id, &Claim> = new.iter().map(|c| (&c.id, c)).collect();
    let ids: BTreeSet<&Id> = o.keys().chain(n.keys()).copied().collect();
    let mut out = Vec::new();
    let rc = |id: &Id, change| RecordChange {
        id: id.clone(),
        change,
        fields: Vec::new(),
        summary: None,
        evidence: Vec::new(),
    };
    for id in ids {
        match (o.get(id), n.get(id)) {
            (None, Some(c)) => out.push(RecordChange {
                summary: Some(summary(c)),
                ..rc(id, "added")
            }),
            (Some(c), None) => out.push(RecordChange {
                summary: Some(summary(c)),
                ..rc(id, "removed")
            }),
            (Some(a), Some(b)) => {
                if b.is_retracted() && !a.is_retracted() {
                    out.push(RecordChange {
                        summary: b.retracted.clone(),
                        ..rc(id, "retracted")
                    });
                }
                let was_sup = old_st
                    .statuses_of(id.as_str())
                    .contains(&Status::Superseded);
                let is_sup = new_st
                    .statuses_of(id.as_str())
                    .contains(&Status::Superseded);
                if is_sup && !was_sup {
                    out.push(rc(id, "superseded"));
                }
                let skip: &[&str] = if b.is_retracted() && !a.is_retracted() {
                    &["evidence", "state", "reason"]
                } else {
                    &["evidence"]
                };
                let f = fields(&claim_json(a), &claim_json(b), skip);
                if !f.is_empty() {
                    out.push(RecordChange {
                        fields: f,
                        ..rc(id, "edited")
                    });
                }
                let ea: BTreeSet<EvidenceRef> = a.evidence.iter().map(evidence_key).collect();
                let eb: BTreeSet<EvidenceRef> = b.evidence.iter().map(evidence_key).collect();
                let added: Vec<EvidenceRef> = eb.difference(&ea).cloned().collect();
                let removed: Vec<EvidenceRef> = ea.difference(&eb).cloned().collect();
                if !added.is_empty() {
                    out.push(RecordChange {
                        evidence: added,
                        ..rc(id, "evidence-added")
                    });
                }
                if !removed.is_empty() {
                    out.push(RecordChange {
                        evidence: removed,
                        ..rc(id, "evidence-removed")
                    });
                }
            }
            (None, None) => {}
        }
    }
    out
}

fn source_changes(old: &[Source], new: &[Source]) -> Vec<RecordChange> {
    let o: BTreeMap<&Id, &Source> = old.iter().map(|c| (&c.id, c)).collect();
    let n: BTreeMap<&Id, &Source> = new.iter().map(|c| (&c.id, c)).collect();
    let ids: BTreeSet<&Id> = o.keys().chain(n.keys()).copied().collect();
    let mut out = Vec::new();
    for id in ids {
        let rc = |change, summary: Option<String>, fields| RecordChange {
            id: id.clone(),
            change,
            fields,
            summary,
            evidence: Vec::new(),
        };
        match (o.get(id), n.get(id)) {
            (None, Some(s)) => out.push(rc(
                "added",
                Some(format!("{} ({})", s.title, s.publisher)),
                Vec::new(),
            )),
            (Some(s), None) => out.push(rc(
                "removed",
                Some(format!("{} ({})", s.title, s.publisher)),
                Vec::new(),
            )),
            (Some(a), Some(b)) => {
                if a.sha256 != b.sha256 {
                    out.push(rc("archive-changed", None, Vec::new()));
                }
                let f = fields(&source_json(a), &source_json(b), &["sha256"]);
                if !f.is_empty() {
                    out.push(rc("edited", None, f));
                }
            }
            (None, None) => {}
        }
    }
    out
}

/// Compares two loaded states of a workspace.
pub fn diff(old: &Loaded, new: &Loaded, config: &Config) -> Diff {
    let a = Analysis::new(&old.claims, &old.sources, config);
    let b = Analysis::new(&new.claims, &new.sources, config);
    let claims = claim_changes(&old.claims, &new.claims, &a, &b);
    let sources = source_changes(&old.sources, &new.sources);

    let state = |f: &crate::analysis::Figure| FigureState {
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

    let per_event = |an: &Analysis| {
        let mut m: BTreeMap<String, (bool, Vec<String>, Vec<String>)> = BTreeMap::new();
        for r in &an.responsibility {
            let e = m.entry(r.event.clone()).or_default();
            e.0 |= r.contested;
            e.1.push(r.actor.clone());
            for d in &r.denied_by {
                if !e.2.contains(d) {
                    e.2.push(d.clone());
                }
            }
        }
        m
    };
    let (ra, rb) = (per_event(&a), per_event(&b));
    let events: BTreeSet<&String> = ra.keys().chain(rb.keys()).collect();
    let responsibility = events
        .into_iter()
        .filter_map(|e| {
            let empty = (false, Vec::new(), Vec::new());
            let (x, y) = (ra.get(e).unwrap_or(&empty), rb.get(e).unwrap_or(&empty));
            (x != y).then(|| ResponsibilityChange {
                event: e.clone(),
                contested_before: x.0,
                contested_after: y.0,
                actors_before: x.1.clone(),
                actors_after: y.1.clone(),
                denied_before: x.2.clone(),
                denied_after: y.2.clone(),
            })
        })
        .collect();
    Diff {
        claims,
        sources,
        figures,
        statuses,
        responsibility,
    }
}
