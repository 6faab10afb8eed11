//! Claim statuses: several can hold at once; reports list them all.

use super::context::Context;
use super::figures::{Figure, Standing};
use super::responsibility::{DenialStanding, Responsibility};
use crate::model::records::Kind;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

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
    Revised,
    Retracted,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Unsourced,
        Status::SingleOrigin,
        Status::Corroborated,
        Status::Conflicting,
        Status::Contested,
        Status::Denied,
        Status::Superseded,
        Status::Revised,
        Status::Retracted,
        Status::Withdrawn,
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
            Status::Revised => "revised",
            Status::Retracted => "retracted",
            Status::Withdrawn => "withdrawn",
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

pub fn statuses(ctx: &Context<'_>, figures: &[Figure], resp: &Responsibility) -> Vec<Vec<Status>> {
    let n = ctx.claims.len();
    let mut standing: Vec<Option<Standing>> = vec![None; n];
    let mut clashing: FxHashSet<usize> = FxHashSet::default();
    for f in figures {
        for (i, a) in f.accounts.iter().enumerate() {
            standing[a.claim] = Some(a.standing);
            if a.votes() && f.clashes(i) {
                clashing.insert(a.claim);
            }
        }
    }
    let active = |i: usize| -> bool {
        match (&standing[i], &resp.denial_standing[i]) {
            (Some(s), _) => *s == Standing::Active,
            (_, Some(d)) => *d == DenialStanding::Active,
            _ => ctx.stands(i),
        }
    };
    // Active claims linked by `contradicts` to an active claim, either way.
    let mut contradicted: FxHashSet<usize> = FxHashSet::default();
    for (i, c) in ctx.claims.iter().enumerate() {
        for other in &c.relations.contradicts {
            if let Some(j) = ctx.claim(other.as_str())
                && j != i
                && active(i)
                && active(j)
            {
                contradicted.insert(i);
                contradicted.insert(j);
            }
        }
    }
    let mut contested: FxHashSet<usize> = FxHashSet::default();
    for h in resp.hypotheses.iter().filter(|h| h.contested) {
        contested.extend(h.claims.iter().copied());
    }
    let threshold = ctx.config.corroboration_threshold;
    (0..n)
        .into_par_iter()
        .map(|i| {
            let c = &ctx.claims[i];
            let mut s = Vec::new();
            let origins = ctx.info[i].origins.len();
            if c.evidence.is_empty() {
                s.push(Status::Unsourced);
            } else if origins >= threshold {
                s.push(Status::Corroborated);
            } else if origins == 1 {
                s.push(Status::SingleOrigin);
            }
            if active(i) && (clashing.contains(&i) || contradicted.contains(&i)) {
                s.push(Status::Conflicting);
            }
            if c.kind() == Kind::Responsibility && contested.contains(&i) {
                s.push(Status::Contested);
            }
            if !resp.denied_by[i].is_empty() {
                s.push(Status::Denied);
            }
            if ctx.superseded[i] {
                s.push(Status::Superseded);
            }
            if standing[i] == Some(Standing::Revised) {
                s.push(Status::Revised);
            }
            if c.is_retracted() {
                s.push(Status::Retracted);
            }
            if resp.denial_standing[i] == Some(DenialStanding::Withdrawn) {
                s.push(Status::Withdrawn);
            }
            s
        })
        .collect()
}
