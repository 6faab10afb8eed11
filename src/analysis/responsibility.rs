//! Who is blamed for each event, by whom, and who denies it.

use super::Context;
use crate::id::Id;
use crate::model::Details;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct Responsibility {
    pub event: String,
    /// Canonical actor name.
    pub actor: String,
    /// Active responsibility claims naming this actor.
    pub claims: Vec<Id>,
    /// Canonical names of who asserts it.
    pub asserted_by: Vec<String>,
    /// Canonical names of the deniers.
    pub denied_by: Vec<String>,
    pub denial_claims: Vec<Id>,
    /// Two or more actors are named for this event.
    pub contested: bool,
    pub evidence: usize,
    pub origins: Vec<String>,
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

pub fn responsibility(ctx: &Context<'_>) -> Vec<Responsibility> {
    // (event, actor key) -> row
    let mut rows: BTreeMap<(String, String), Responsibility> = BTreeMap::new();
    for c in ctx.claims.iter().filter(|c| ctx.is_active(c)) {
        let Details::Responsibility { actor } = &c.details else {
            continue;
        };
        let name = ctx.canonical(actor);
        let key = (c.event.clone(), ctx.config.aliases.key(actor));
        let row = rows.entry(key).or_insert_with(|| Responsibility {
            event: c.event.clone(),
            actor: name,
            claims: Vec::new(),
            asserted_by: Vec::new(),
            denied_by: Vec::new(),
            denial_claims: Vec::new(),
            contested: false,
            evidence: 0,
            origins: Vec::new(),
        });
        row.claims.push(c.id.clone());
        if let Some(a) = &c.asserted_by {
            push_unique(&mut row.asserted_by, ctx.canonical(a));
        }
        row.evidence += c.evidence.len();
        for o in ctx.claim_origins(c) {
            push_unique(&mut row.origins, o.clone());
        }
        for d in ctx.denied_by.get(c.id.as_str()).into_iter().flatten() {
            let denier = d
                .asserted_by
                .as_deref()
                .map(|a| ctx.canonical(a))
                .unwrap_or_else(|| "(unnamed)".into());
            push_unique(&mut row.denied_by, denier);
            push_unique(&mut row.denial_claims, d.id.clone());
        }
    }
    let mut actors_per_event: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (event, actor) in rows.keys() {
        actors_per_event.entry(event).or_default().insert(actor);
    }
    let contested: BTreeSet<String> = actors_per_event
        .into_iter()
        .filter(|(_, a)| a.len() >= 2)
        .map(|(e, _)| e.to_string())
        .collect();
    rows.into_values()
        .map(|mut r| {
            r.contested = contested.contains(&r.event);
            r
        })
        .collect()
}
