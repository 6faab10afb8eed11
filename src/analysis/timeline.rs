//! How each figure evolved (DESIGN, Time): one version per (claim, origin)
//! pair in time order; each compared with the previous version of the same
//! origin, and with the other origins' accounts active at that moment. Then
//! who blamed whom, who denied and who admitted, per event.

use super::context::{Context, TimeKey};
use super::figures::{Account, Figure, clash, later_start};
use super::names::AgentId;
use super::responsibility::{DenialStanding, Responsibility};
use crate::model::count::Interval;
use crate::model::id::Id;
use crate::model::records::{Details, Kind, Stance};
use crate::model::time::Timestamp;
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Opens its origin's series.
    First,
    Unchanged,
    /// Inside the previous interval.
    Narrowed,
    /// Contains the previous interval ("18", then "at least 18").
    Widened,
    /// Both bounds at or above the previous ones.
    RevisedUp,
    /// Both bounds at or below the previous ones.
    RevisedDown,
    Changed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::First => "first",
            Change::Unchanged => "unchanged",
            Change::Narrowed => "narrowed",
            Change::Widened => "widened",
            Change::RevisedUp => "revised-up",
            Change::RevisedDown => "revised-down",
            Change::Changed => "changed",
        }
    }

    /// How `new` relates to `old`, an open max counting as no upper bound.
    pub fn between(old: &Interval, new: &Interval) -> Change {
        // `None` (open) is above every number.
        let up = |x: Option<u64>| x.map(u128::from).unwrap_or(u128::MAX);
        if old == new {
            Change::Unchanged
        } else if old.covers(new) {
            Change::Narrowed
        } else if new.covers(old) {
            Change::Widened
        } else if new.min >= old.min && up(new.max) >= up(old.max) {
            Change::RevisedUp
        } else if new.min <= old.min && up(new.max) <= up(old.max) {
            Change::RevisedDown
        } else {
            Change::Changed
        }
    }
}

#[derive(Debug, Clone)]
pub struct Version {
    /// Position of the account in its figure.
    pub account: usize,
    pub claim: Id,
    pub origin: Option<AgentId>,
    pub change: Change,
    /// Ids of the other origins' accounts it clashes with at that moment.
    pub clashes: Vec<Id>,
}

#[derive(Debug, Clone)]
pub struct FigureTimeline {
    /// Position of the figure in the analysis.
    pub figure: usize,
    pub versions: Vec<Version>,
}

/// A range-maximum table over the accounts' minimums (for overtaking).
struct RangeMax {
    levels: Vec<Vec<(u64, usize)>>,
}

impl RangeMax {
    fn new(values: Vec<(u64, usize)>) -> RangeMax {
        let mut levels = vec![values];
        let mut width = 1;
        while width * 2 <= levels[0].len() {
            let prev = levels.last().map(Vec::as_slice).unwrap_or(&[]);
            let next: Vec<(u64, usize)> = (0..prev.len() - width)
                .map(|i| prev[i].max(prev[i + width]))
                .collect();
            levels.push(next);
            width *= 2;
        }
        RangeMax { levels }
    }

    /// The maximum over positions `lo..hi`.
    fn max(&self, lo: usize, hi: usize) -> Option<(u64, usize)> {
        if lo >= hi {
            return None;
        }
        let k = (usize::BITS - 1 - (hi - lo).leading_zeros()) as usize;
        let l = &self.levels[k];
        Some(l[lo].max(l[hi - (1 << k)]))
    }
}

fn retracted_at(ctx: &Context<'_>, claim: usize, at: &TimeKey) -> bool {
    match &ctx.claims[claim].retraction {
        None => false,
        Some(r) => match (&r.on, &at.time) {
            (Some(on), Some(t)) => on <= t,
            _ => true,
        },
    }
}

/// `k` is at or before the moment `at` (not later than it).
fn in_view(k: &TimeKey, at: &TimeKey) -> bool {
    at.time.is_none() || k.sort_cmp(at) != std::cmp::Ordering::Greater
}

fn figure_timeline(ctx: &Context<'_>, fi: usize, f: &Figure) -> FigureTimeline {
    let accts: &[Account] = &f.accounts;
    // Accounts are in time order already (see `figures`).
    let mins = RangeMax::new(
        accts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.interval.min, i))
            .collect(),
    );
    let keys: Vec<&TimeKey> = accts.iter().map(|a| &a.key).collect();
    // Per origin, the accounts carrying it, in time order.
    let mut per_origin: FxHashMap<AgentId, Vec<usize>> = FxHashMap::default();
    for (i, a) in accts.iter().enumerate() {
        for o in &a.origins {
            per_origin.entry(*o).or_default().push(i);
        }
    }
    let mut origins: Vec<AgentId> = per_origin.keys().copied().collect();
    origins.sort_unstable();
    let position: FxHashMap<&str, usize> = accts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();

    let mut versions = Vec::new();
    let mut previous: FxHashMap<AgentId, Interval> = FxHashMap::default();
    let mut start = 0;
    while start < accts.len() {
        let at = &accts[start].key;
        let mut end = start + 1;
        while end < accts.len() && accts[end].key.sort_cmp(at) == std::cmp::Ordering::Equal {
            end += 1;
        }
        // The latest non-retracted account of each origin at this moment.
        let mut latest: FxHashMap<AgentId, &TimeKey> = FxHashMap::default();
        let mut candidates: Vec<usize> = Vec::new();
        for o in &origins {
            let list = &per_origin[o];
            let upto = list.partition_point(|i| *i < end);
            let mut top: Option<&TimeKey> = None;
            for &i in list[..upto].iter().rev() {
                if retracted_at(ctx, accts[i].claim, at) {
                    continue;
                }
                match top {
                    None => {
                        top = Some(&accts[i].key);
                        candidates.push(i);
                    }
                    Some(t) if !t.later_than(&accts[i].key) => candidates.push(i),
                    Some(_) => break,
                }
            }
            if let Some(t) = top {
                latest.insert(*o, t);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let active_at = |b: usize| -> bool {
            let acc = &accts[b];
            if retracted_at(ctx, acc.claim, at) {
                return false;
            }
            let superseded = ctx.superseded_by[acc.claim]
                .iter()
                .any(|s| in_view(&ctx.info[*s].key, at) && !retracted_at(ctx, *s, at));
            if superseded {
                return false;
            }
            let revised = !acc.origins.is_empty()
                && acc
                    .origins
                    .iter()
                    .all(|o| latest.get(o).is_some_and(|t| t.later_than(&acc.key)));
            if revised {
                return false;
            }
            if f.cumulative
                && let Some(max) = acc.interval.max
                && acc.key.time.is_some()
            {
                let from = later_start(&keys, &acc.key);
                if let Some((m, _)) = mins.max(from, end)
                    && m > max
                {
                    return false;
                }
            }
            true
        };
        let active: Vec<usize> = candidates.into_iter().filter(|b| active_at(*b)).collect();
        for i in start..end {
            let a = &accts[i];
            let linked = |b: usize| {
                ctx.claims[a.claim]
                    .relations
                    .contradicts
                    .iter()
                    .chain(&ctx.claims[accts[b].claim].relations.contradicts)
                    .any(|x| {
                        position.get(x.as_str()) == Some(&b) || position.get(x.as_str()) == Some(&i)
                    })
            };
            let clashes: Vec<Id> = active
                .iter()
                .copied()
                .filter(|b| *b != i)
                .filter(|b| !accts[*b].origins.iter().any(|o| a.origins.contains(o)))
                .filter(|b| clash(a, &accts[*b], f.cumulative, linked(*b)).is_some())
                .map(|b| accts[b].id.clone())
                .collect();
            let series: Vec<Option<AgentId>> = if a.origins.is_empty() {
                vec![None]
            } else {
                a.origins.iter().map(|o| Some(*o)).collect()
            };
            for o in series {
                let change = match o.and_then(|o| previous.get(&o)) {
                    Some(old) => Change::between(old, &a.interval),
                    None => Change::First,
                };
                if let Some(o) = o {
                    previous.insert(o, a.interval);
                }
                versions.push(Version {
                    account: i,
                    claim: a.id.clone(),
                    origin: o,
                    change,
                    clashes: clashes.clone(),
                });
            }
        }
        start = end;
    }
    FigureTimeline {
        figure: fi,
        versions,
    }
}

pub fn timelines(ctx: &Context<'_>, figures: &[Figure]) -> Vec<FigureTimeline> {
    use rayon::prelude::*;
    figures
        .par_iter()
        .enumerate()
        .map(|(i, f)| figure_timeline(ctx, i, f))
        .collect()
}

/// One responsibility or denial claim, placed in time.
#[derive(Debug, Clone)]
pub struct Attribution {
    pub claim: usize,
    pub kind: Kind,
    /// accuses, claims, admits, or "denies".
    pub stance: &'static str,
    /// The actor blamed, or the actor a denial concerns.
    pub actor: Option<AgentId>,
    pub asserted_by: Option<AgentId>,
    pub time: Option<Timestamp>,
    /// active, retracted, superseded, withdrawn.
    pub standing: &'static str,
}

#[derive(Debug, Clone)]
pub struct AttributionTimeline {
    pub event: String,
    pub entries: Vec<Attribution>,
}

/// Responsibility and denial claims per event, in time order.
pub fn attributions(ctx: &Context<'_>, resp: &Responsibility) -> Vec<AttributionTimeline> {
    let mut by_event: std::collections::BTreeMap<&str, Vec<Attribution>> = Default::default();
    for (i, c) in ctx.claims.iter().enumerate() {
        let (stance, actor) = match &c.details {
            Details::Responsibility(_) => (
                resp.stance[i].map(Stance::as_str).unwrap_or("accuses"),
                ctx.info[i].actor,
            ),
            Details::Denial(_) => ("denies", resp.concerns[i]),
            _ => continue,
        };
        let standing = match resp.denial_standing[i] {
            Some(DenialStanding::Withdrawn) => "withdrawn",
            _ if c.is_retracted() => "retracted",
            _ if ctx.superseded[i] => "superseded",
            _ => "active",
        };
        by_event
            .entry(c.event.as_str())
            .or_default()
            .push(Attribution {
                claim: i,
                kind: c.kind(),
                stance,
                actor,
                asserted_by: ctx.info[i].asserter,
                time: ctx.info[i].key.time.clone(),
                standing,
            });
    }
    by_event
        .into_iter()
        .map(|(event, mut entries)| {
            entries.sort_by(|a, b| {
                ctx.info[a.claim]
                    .key
                    .sort_cmp(&ctx.info[b.claim].key)
                    .then_with(|| ctx.claims[a.claim].id.cmp(&ctx.claims[b.claim].id))
            });
            AttributionTimeline {
                event: event.to_string(),
                entries,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::*;

    fn iv(min: u64, max: Option<u64>) -> Interval {
        Interval::new(min, max)
    }

    #[test]
    fn change_labels() {
        use Change::*;
        assert_eq!(Change::between(&iv(18, Some(18)), &iv(18, None)), Widened);
        assert_eq!(Change::between(&iv(18, None), &iv(25, Some(25))), Narrowed);
        assert_eq!(
            Change::between(&iv(15, Some(15)), &iv(18, Some(18))),
            RevisedUp
        );
        assert_eq!(
            Change::between(&iv(410, Some(410)), &iv(385, Some(385))),
            RevisedDown
        );
        assert_eq!(
            Change::between(&iv(10, Some(20)), &iv(10, Some(20))),
            Unchanged
        );
        assert_eq!(
            Change::between(&iv(10, Some(20)), &iv(15, Some(30))),
            RevisedUp
        );
        assert_eq!(Change::between(&iv(10, None), &iv(5, Some(8))), RevisedDown);
        assert_eq!(
            Change::between(&iv(10, Some(20)), &iv(0, Some(100))),
            Widened
        );
        assert_eq!(Change::between(&iv(10, Some(20)), &iv(5, None)), Widened);
        assert_eq!(
            Change::between(&iv(10, Some(20)), &iv(12, Some(18))),
            Narrowed
        );
        assert_eq!(
            Change::between(&iv(10, Some(20)), &iv(15, Some(15))),
            Narrowed
        );
        assert_eq!(
            Change::between(&iv(10, Some(12)), &iv(11, Some(13))),
            RevisedUp
        );
    }

    #[test]
    fn a_series_reads_revised_up_and_clashes_follow_the_moment() {
        let claims = [
            dated(from(count("rb-1", "3"), "Ridge Brigade"), "2024-03-05"),
            dated(from(count("rb-2", "9"), "Ridge Brigade"), "2024-03-07"),
            dated(
                from(count("other", "40 to 60"), "Valley Command"),
                "2024-03-08",
            ),
            dated(from(count("rb-3", "15"), "Ridge Brigade"), "2024-03-09"),
            dated(from(count("rb-4", "45"), "Ridge Brigade"), "2024-03-10"),
        ];
        let w = world(&claims, &[], &[]);
        let a = w.analysis();
        let ts = a.timelines();
        let t = &ts[0];
        let got: Vec<(&str, &str, Vec<&str>)> = t
            .versions
            .iter()
            .map(|v| {
                (
                    v.claim.as_str(),
                    v.change.as_str(),
                    v.clashes.iter().map(|c| c.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("rb-1", "first", vec![]),
                ("rb-2", "revised-up", vec![]),
                ("other", "first", vec!["rb-2"]),
                ("rb-3", "revised-up", vec!["other"]),
                ("rb-4", "revised-up", vec![]),
            ]
        );
    }
}
