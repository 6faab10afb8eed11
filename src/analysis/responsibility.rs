//! Who is blamed for each event, by whom, with what stance, and who denies
//! it (DESIGN, Responsibility).
//!
//! Blaming a battalion and blaming the army it is `part_of` are one
//! hypothesis, reported under the topmost actor named. A denial covers the
//! claim it names, and with `actor` every accusation of an entity of that
//! actor's tree in the event; it is withdrawn when its own denier (same root)
//! later claims or admits the act.

use super::context::Context;
use super::names::AgentId;
use crate::model::records::{Details, Stance};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Admitted,
    Claimed,
    Denied,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Admitted => "admitted",
            Verdict::Claimed => "claimed",
            Verdict::Denied => "denied",
        }
    }
}

/// The standing of a denial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DenialStanding {
    Active,
    /// Its denier later claimed or admitted the act.
    Withdrawn,
    Superseded,
    Retracted,
}

/// One responsibility hypothesis of an event.
#[derive(Debug, Clone)]
pub struct Hypothesis {
    pub event: String,
    /// The topmost actor named.
    pub actor: AgentId,
    /// Every actor named in it.
    pub actors: Vec<AgentId>,
    /// Its standing responsibility claims (positions).
    pub claims: Vec<usize>,
    pub stances: Vec<Stance>,
    pub asserted_by: Vec<AgentId>,
    pub origins: Vec<AgentId>,
    pub nonparty: Vec<AgentId>,
    /// Active denials covering one of its claims.
    pub denials: Vec<usize>,
    pub deniers: Vec<AgentId>,
    pub withdrawn_denials: Vec<usize>,
    pub verdict: Option<Verdict>,
    pub contested: bool,
    pub evidence: usize,
}

/// The responsibility picture of a workspace.
#[derive(Debug, Clone, Default)]
pub struct Responsibility {
    pub hypotheses: Vec<Hypothesis>,
    /// Per claim: the stance of a responsibility claim.
    pub stance: Vec<Option<Stance>>,
    /// Per claim: the standing of a denial.
    pub denial_standing: Vec<Option<DenialStanding>>,
    /// Per claim: the active denials covering it.
    pub denied_by: Vec<Vec<usize>>,
    /// Per denial: the actor it concerns.
    pub concerns: Vec<Option<AgentId>>,
    /// Per denial: the responsibility claims whose later stance withdrew it.
    pub withdrawn_by: Vec<Vec<usize>>,
}

/// The stance of a responsibility claim: as written, else `claims` when the
/// asserter is the actor or within it, else `accuses`.
pub fn stance_of(ctx: &Context<'_>, i: usize) -> Option<Stance> {
    let b = ctx.claims[i].blame()?;
    if let Some(s) = b.stance {
        return Some(s);
    }
    let info = &ctx.info[i];
    Some(match (info.asserter, info.actor) {
        (Some(who), Some(actor)) if ctx.names.within(who, actor) => Stance::Claims,
        _ => Stance::Accuses,
    })
}

fn push<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

pub fn responsibility(ctx: &Context<'_>) -> Responsibility {
    let n = ctx.claims.len();
    let stance: Vec<Option<Stance>> = (0..n).map(|i| stance_of(ctx, i)).collect();
    let names = &ctx.names;
    // Responsibility claims per event.
    let mut by_event: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, c) in ctx.claims.iter().enumerate() {
        if c.blame().is_some() {
            by_event.entry(c.event.as_str()).or_default().push(i);
        }
    }
    let empty = Vec::new();

    // Denials: what each concerns and covers, and whether it was withdrawn.
    let mut concerns = vec![None; n];
    let mut covers: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut withdrawn_by: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut denial_standing = vec![None; n];
    for (d, c) in ctx.claims.iter().enumerate() {
        let Details::Denial(den) = &c.details else {
            continue;
        };
        let target = den.denies.as_ref().and_then(|t| ctx.claim(t.as_str()));
        concerns[d] = ctx.info[d].actor.or_else(|| {
            target.and_then(|t| {
                ctx.info[t]
                    .actor
                    .filter(|_| ctx.claims[t].blame().is_some())
            })
        });
        if let Some(t) = target {
            covers[d].push(t);
        }
        let same_event = by_event.get(c.event.as_str()).unwrap_or(&empty);
        if let Some(x) = ctx.info[d].actor {
            for &r in same_event {
                if stance[r] == Some(Stance::Accuses)
                    && ctx.info[r].actor.is_some_and(|a| names.within(a, x))
                {
                    push(&mut covers[d], r);
                }
            }
        }
        if let (Some(x), Some(denier)) = (concerns[d], ctx.info[d].asserter) {
            let root = names.root(denier);
            for &r in same_event {
                let related = ctx.info[r]
                    .actor
                    .is_some_and(|a| names.within(a, x) || names.within(x, a));
                if ctx.stands(r)
                    && matches!(stance[r], Some(Stance::Claims) | Some(Stance::Admits))
                    && related
                    && ctx.info[r].asserter.is_some_and(|w| names.root(w) == root)
                    && ctx.info[r].key.later_than(&ctx.info[d].key)
                {
                    withdrawn_by[d].push(r);
                }
            }
        }
        denial_standing[d] = Some(if c.is_retracted() {
            DenialStanding::Retracted
        } else if ctx.superseded[d] {
            DenialStanding::Superseded
        } else if !withdrawn_by[d].is_empty() {
            DenialStanding::Withdrawn
        } else {
            DenialStanding::Active
        });
    }
    let mut denied_by: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut withdrawn_cover: Vec<Vec<usize>> = vec![Vec::new(); n];
    for d in 0..n {
        let list = match denial_standing[d] {
            Some(DenialStanding::Active) => &mut denied_by,
            Some(DenialStanding::Withdrawn) => &mut withdrawn_cover,
            _ => continue,
        };
        for t in &covers[d] {
            list[*t].push(d);
        }
    }

    // Hypotheses per event, under the topmost actor named.
    let mut hypotheses = Vec::new();
    let mut events: Vec<&str> = by_event.keys().copied().collect();
    events.sort_unstable();
    for event in events {
        let standing: Vec<usize> = by_event[event]
            .iter()
            .copied()
            .filter(|i| ctx.stands(*i))
            .collect();
        let named: Vec<AgentId> = {
            let mut v: Vec<AgentId> = standing.iter().filter_map(|i| ctx.info[*i].actor).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let top = |a: AgentId| -> AgentId {
            names
                .chain(a)
                .filter(|x| named.contains(x))
                .last()
                .unwrap_or(a)
        };
        let mut groups: BTreeMap<AgentId, Vec<usize>> = BTreeMap::new();
        for i in &standing {
            if let Some(a) = ctx.info[*i].actor {
                groups.entry(top(a)).or_default().push(*i);
            }
        }
        let contested = groups.len() >= 2;
        for (actor, mut claims) in groups {
            // In the order they were said.
            claims.sort_by(|a, b| {
                ctx.info[*a]
                    .key
                    .sort_cmp(&ctx.info[*b].key)
                    .then_with(|| ctx.claims[*a].id.cmp(&ctx.claims[*b].id))
            });
            let mut h = Hypothesis {
                event: event.to_string(),
                actor,
                actors: vec![actor],
                claims: claims.clone(),
                stances: Vec::new(),
                asserted_by: Vec::new(),
                origins: Vec::new(),
                nonparty: Vec::new(),
                denials: Vec::new(),
                deniers: Vec::new(),
                withdrawn_denials: Vec::new(),
                verdict: None,
                contested,
                evidence: 0,
            };
            for &i in &claims {
                let info = &ctx.info[i];
                if let Some(a) = info.actor {
                    push(&mut h.actors, a);
                }
                if let Some(s) = stance[i] {
                    push(&mut h.stances, s);
                }
                if let Some(w) = info.asserter {
                    push(&mut h.asserted_by, w);
                }
                for o in &info.origins {
                    push(&mut h.origins, o.root);
                    if !o.party {
                        push(&mut h.nonparty, o.root);
                    }
                }
                h.evidence += ctx.claims[i].evidence.len();
                for d in &denied_by[i] {
                    push(&mut h.denials, *d);
                    if let Some(w) = ctx.info[*d].asserter {
                        push(&mut h.deniers, w);
                    }
                }
                for d in &withdrawn_cover[i] {
                    push(&mut h.withdrawn_denials, *d);
                }
            }
            h.stances.sort();
            h.denials.sort_unstable();
            h.withdrawn_denials.sort_unstable();
            h.verdict = if h.stances.contains(&Stance::Admits) {
                Some(Verdict::Admitted)
            } else if h.stances.contains(&Stance::Claims) {
                Some(Verdict::Claimed)
            } else if !h.denials.is_empty() {
                Some(Verdict::Denied)
            } else {
                None
            };
            hypotheses.push(h);
        }
    }
    Responsibility {
        hypotheses,
        stance,
        denial_standing,
        denied_by,
        concerns,
        withdrawn_by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::*;
    use crate::analysis::{Analysis, Status};

    fn verdicts(a: &Analysis<'_>) -> Vec<(String, Option<Verdict>, bool)> {
        a.responsibility
            .hypotheses
            .iter()
            .map(|h| {
                (
                    a.ctx.names.name(h.actor).to_string(),
                    h.verdict,
                    h.contested,
                )
            })
            .collect()
    }

    #[test]
    fn contested_blame_and_a_denial() {
        let claims = [
            blame("us", "Kataib Hezbollah", "U.S."),
            blame("trump", "Iran", "Trump"),
            denial("kh", "us", "Kataib Hezbollah"),
        ];
        let w = world(&claims, &[], &[]);
        let a = w.analysis();
        assert!(a.statuses_of("us").contains(&Status::Denied));
        assert!(a.statuses_of("us").contains(&Status::Contested));
        assert!(a.statuses_of("trump").contains(&Status::Contested));
        assert!(!a.statuses_of("trump").contains(&Status::Denied));
        assert_eq!(
            verdicts(&a),
            vec![
                ("Kataib Hezbollah".into(), Some(Verdict::Denied), true),
                ("Iran".into(), None, true)
            ]
        );
    }

    #[test]
    fn a_retracted_denial_no_longer_denies() {
        let mut d = denial("kh", "us", "KH");
        d.retraction = Some(retraction("withdrawn"));
        let claims = [blame("us", "Kataib Hezbollah", "U.S."), d];
        let w = world(&claims, &[], &[]);
        assert!(!w.analysis().statuses_of("us").contains(&Status::Denied));
    }

    #[test]
    fn blame_on_a_unit_and_its_army_is_one_hypothesis() {
        let ents = [
            entity("army", "Northland Army", None),
            entity("bn", "3rd Battalion", Some("army")),
        ];
        let claims = [
            blame("a", "3rd Battalion", "Southland"),
            blame("b", "Northland Army", "Observers"),
        ];
        let w = world(&claims, &ents, &[]);
        let a = w.analysis();
        let h = &a.responsibility.hypotheses;
        assert_eq!(h.len(), 1);
        assert_eq!(a.ctx.names.name(h[0].actor), "Northland Army");
        assert_eq!(h[0].actors.len(), 2);
        assert!(!h[0].contested);
        assert!(!a.statuses_of("a").contains(&Status::Contested));
    }

    #[test]
    fn a_denial_then_an_admission_withdraws_the_denial() {
        let ents = [entity("kh", "Kataib Hezbollah", None)];
        let claims = [
            dated(
                blame("us", "Kataib Hezbollah", "U.S. officials"),
                "2024-01-01",
            ),
            dated(
                denial_of_actor("kh-denies", "Kataib Hezbollah", "Kataib Hezbollah"),
                "2024-01-01",
            ),
            dated(
                admission("kh-admits", "Kataib Hezbollah", "Kataib Hezbollah"),
                "2024-01-03",
            ),
        ];
        let w = world(&claims, &ents, &[]);
        let a = w.analysis();
        let h = &a.responsibility.hypotheses[0];
        assert_eq!(h.verdict, Some(Verdict::Admitted));
        assert!(h.denials.is_empty());
        assert_eq!(h.withdrawn_denials.len(), 1);
        assert!(a.statuses_of("kh-denies").contains(&Status::Withdrawn));
        assert!(!a.statuses_of("us").contains(&Status::Denied));
    }

    #[test]
    fn a_denial_of_an_actor_covers_every_accusation_of_its_tree() {
        let ents = [
            entity("kh", "Kataib Hezbollah", None),
            entity("kh-bn", "KH 46th Brigade", Some("kh")),
        ];
        let claims = [
            blame("us", "Kataib Hezbollah", "U.S. officials"),
            blame("iraq", "KH 46th Brigade", "Iraqi officials"),
            denial_of_actor("kh-denies", "Kataib Hezbollah", "Kataib Hezbollah"),
        ];
        let w = world(&claims, &ents, &[]);
        let a = w.analysis();
        assert!(a.statuses_of("us").contains(&Status::Denied));
        assert!(a.statuses_of("iraq").contains(&Status::Denied));
        let h = &a.responsibility.hypotheses[0];
        assert_eq!(h.verdict, Some(Verdict::Denied));
        assert_eq!(h.denials.len(), 1);
    }

    #[test]
    fn a_claim_by_the_actor_itself_defaults_to_claims() {
        let ents = [
            entity("g", "Ridge Brigade", None),
            entity("spk", "Ridge Brigade spokesman", Some("g")),
        ];
        let claims = [blame("c", "Ridge Brigade", "Ridge Brigade spokesman")];
        let w = world(&claims, &ents, &[]);
        let a = w.analysis();
        assert_eq!(a.responsibility.stance[0], Some(Stance::Claims));
        assert_eq!(
            a.responsibility.hypotheses[0].verdict,
            Some(Verdict::Claimed)
        );
    }
}
