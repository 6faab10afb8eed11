//! Claim statuses: several can hold at once; reports list them all.

use super::{Context, Figure, FigureStatus, Responsibility};
use crate::fxhash::FxHashSet;
use crate::model::Kind;
use rayon::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Unsourced,
    SingleOrigin,
    Corroborated,
    Conflicting,
    Contested,
    Denied,
    Superseded,
    Retracted,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Unsourced,
        Status::SingleOrigin,
        Status::Corroborated,
        Status::Conflicting,
        Status::Contested,
        Status::Denied,
        Status::Superseded,
        Status::Retracted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unsourced => "unsourced",
            Status::SingleOrigin => "single-origin",
            Status::Corroborated => "corroborated",
            Status::Conflicting => "conflicting",
            Status::Contested => "contested",
            Status::Denied => "denied",
            Status::Superseded => "superseded",
            Status::Retracted => "retracted",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Statuses a desk should look at.
    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            Status::Unsourced
                | Status::SingleOrigin
                | Status::Conflicting
                | Status::Denied
                | Status::Contested
        )
    }
}

pub fn statuses(
    ctx: &Context<'_>,
    figures: &[Figure],
    resp: &[Responsibility],
) -> Vec<Vec<Status>> {
    let conflicting_accounts: FxHashSet<&str> = figures
        .iter()
        .filter(|f| f.status == FigureStatus::Conflicting)
        .flat_map(|f| {
            f.accounts
                .iter()
                .filter(|a| a.votes())
                .map(|a| a.claim.as_str())
        })
        .collect();
    // Claims linked by `contradicts` to an active claim, in either direction.
    let mut contradicted: FxHashSet<&str> = FxHashSet::default();
    for c in ctx.claims {
        for other in &c.relations.contradicts {
            let other_active = ctx
                .by_id
                .get(other.as_str())
                .is_some_and(|o| ctx.is_active(o));
            if other_active && ctx.is_active(c) {
                contradicted.insert(c.id.as_str());
                contradicted.insert(other.as_str());
            }
        }
    }
    let contested_events: FxHashSet<&str> = resp
        .iter()
        .filter(|r| r.contested)
        .map(|r| r.event.as_str())
        .collect();
    let threshold = ctx.config.corroboration_threshold;

    ctx.claims
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut s = Vec::new();
            let origins = ctx.origins_at(i).len();
            if c.evidence.is_empty() {
                s.push(Status::Unsourced);
            } else if origins >= threshold {
                s.push(Status::Corroborated);
            } else if origins == 1 {
                s.push(Status::SingleOrigin);
            }
            let active = ctx.is_active(c);
            if active
                && (conflicting_accounts.contains(c.id.as_str())
                    || contradicted.contains(c.id.as_str()))
            {
                s.push(Status::Conflicting);
            }
            if active
                && c.kind() == Kind::Responsibility
                && contested_events.contains(c.event.as_str())
            {
                s.push(Status::Contested);
            }
            if ctx.denied_by.contains_key(c.id.as_str()) {
                s.push(Status::Denied);
            }
            if ctx.superseded_by.contains_key(c.id.as_str()) {
                s.push(Status::Superseded);
            }
            if c.is_retracted() {
                s.push(Status::Retracted);
            }
            s
        })
        .collect()
}
