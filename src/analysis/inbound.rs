//! Links into a record, for `show`: what supersedes, revises, denies,
//! contradicts or corroborates a claim; who quotes and relays a source; the
//! members of an entity and the claims that name it.

use super::Analysis;
use crate::model::id::Id;
use crate::model::records::RELATIONS;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct ClaimInbound {
    pub superseded_by: Vec<Id>,
    pub revised_by: Vec<Id>,
    pub denied_by: Vec<Id>,
    pub withdrawn_by: Vec<Id>,
    pub contradicted_by: Vec<Id>,
    pub corroborated_by: Vec<Id>,
}

pub fn claim_inbound(a: &Analysis<'_>, i: usize) -> ClaimInbound {
    let ctx = &a.ctx;
    let me = &ctx.claims[i].id;
    let mut out = ClaimInbound {
        superseded_by: ctx.superseded_by[i]
            .iter()
            .map(|j| ctx.claims[*j].id.clone())
            .collect(),
        denied_by: a.responsibility.denied_by[i]
            .iter()
            .map(|j| ctx.claims[*j].id.clone())
            .collect(),
        withdrawn_by: a.responsibility.withdrawn_by[i]
            .iter()
            .map(|j| ctx.claims[*j].id.clone())
            .collect(),
        ..ClaimInbound::default()
    };
    if let Some((f, ai)) = a.account_of(i) {
        out.revised_by = a.figures[f].accounts[ai].revised_by.clone();
    }
    for c in ctx.claims {
        for name in RELATIONS {
            if name == "supersedes" || !c.relations.get(name).contains(me) {
                continue;
            }
            match name {
                "contradicts" => out.contradicted_by.push(c.id.clone()),
                _ => out.corroborated_by.push(c.id.clone()),
            }
        }
    }
    out
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceInbound {
    /// Claims whose evidence quotes it, or relays through it (`via`).
    pub quoted_by: Vec<Id>,
    /// Sources that cite it.
    pub relayed_by: Vec<Id>,
    /// Later versions of the same page.
    pub revised_by: Vec<Id>,
}

pub fn source_inbound(a: &Analysis<'_>, id: &Id) -> SourceInbound {
    let ctx = &a.ctx;
    let mut out = SourceInbound::default();
    for c in ctx.claims {
        if c.evidence
            .iter()
            .any(|e| &e.source == id || e.via.as_ref() == Some(id))
        {
            out.quoted_by.push(c.id.clone());
        }
    }
    for s in ctx.sources {
        if s.cites.contains(id) {
            out.relayed_by.push(s.id.clone());
        }
        if s.revises.as_ref() == Some(id) {
            out.revised_by.push(s.id.clone());
        }
    }
    out
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EntityInbound {
    /// Entities `part_of` it, directly.
    pub members: Vec<Id>,
    /// The root of its `part_of` chain, where its independence is counted.
    pub root: Option<Id>,
    /// Claims that name it or a member: as asserter, origin or actor.
    pub claims: Vec<Id>,
    /// Events that list it as a party.
    pub party_in: Vec<Id>,
}

pub fn entity_inbound(a: &Analysis<'_>, entity: usize) -> EntityInbound {
    let ctx = &a.ctx;
    let names = &ctx.names;
    let me = entity as super::names::AgentId;
    let id = &ctx.entities[entity].id;
    let mut out = EntityInbound {
        members: ctx
            .entities
            .iter()
            .filter(|e| e.part_of.as_ref() == Some(id))
            .map(|e| e.id.clone())
            .collect(),
        ..EntityInbound::default()
    };
    let root = names.root(me);
    out.root = names.agents[root as usize]
        .entity
        .map(|i| ctx.entities[i].id.clone());
    for (i, c) in ctx.claims.iter().enumerate() {
        let info = &ctx.info[i];
        let names_it = info.asserter.is_some_and(|x| names.within(x, me))
            || info.actor.is_some_and(|x| names.within(x, me))
            || info
                .origins
                .iter()
                .flat_map(|o| &o.speakers)
                .any(|s| names.within(*s, me));
        if names_it {
            out.claims.push(c.id.clone());
        }
    }
    for ev in ctx.events.values() {
        if ev.parties.contains(id) {
            out.party_in.push(ev.id.clone());
        }
    }
    out.party_in.sort();
    out
}

/// For every source at once (`source list`): how many claims quote it or
/// relay through it. One pass over the evidence, not one per source.
pub fn quoted_counts<'a>(a: &'a Analysis<'_>) -> rustc_hash::FxHashMap<&'a Id, usize> {
    let mut out: rustc_hash::FxHashMap<&Id, usize> = Default::default();
    for c in a.ctx.claims {
        let mut seen: Vec<&Id> = Vec::new();
        for e in &c.evidence {
            for id in std::iter::once(&e.source).chain(e.via.as_ref()) {
                if !seen.contains(&id) {
                    seen.push(id);
                    *out.entry(id).or_default() += 1;
                }
            }
        }
    }
    out
}

/// For every entity at once (`entity list`): how many claims name it or one
/// of its members, as in [`entity_inbound`]. One pass over the claims.
pub fn entity_claim_counts(a: &Analysis<'_>) -> Vec<usize> {
    let ctx = &a.ctx;
    let names = &ctx.names;
    let mut counts = vec![0usize; ctx.entities.len()];
    let mut named: Vec<super::names::AgentId> = Vec::new();
    for info in ctx.info.iter() {
        named.clear();
        let direct = info
            .asserter
            .iter()
            .chain(info.actor.iter())
            .chain(info.origins.iter().flat_map(|o| &o.speakers));
        for x in direct {
            for anc in names.chain(*x) {
                if !named.contains(&anc) {
                    named.push(anc);
                }
            }
        }
        for agent in &named {
            if let Some(e) = names.agents[*agent as usize].entity
                && let Some(c) = counts.get_mut(e)
            {
                *c += 1;
            }
        }
    }
    counts
}
