//! How each figure evolved, in order of publication (compared in UTC).

use super::{Context, Figure};
use crate::count::Interval;
use crate::id::Id;
use crate::timestamp::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// The first account of this figure.
    First,
    /// Same interval as the version before.
    Same,
    /// Supersedes an earlier version with a higher count.
    RevisedUp,
    /// Supersedes an earlier version with a lower count.
    RevisedDown,
    /// Overlaps the latest standing version but moved its bounds.
    Narrowed,
    /// Does not overlap the latest standing version, and does not supersede it.
    Contradicts,
}

#[derive(Debug, Clone)]
pub struct Version {
    pub claim: Id,
    pub wording: Option<String>,
    pub interval: Interval,
    pub source: Option<Id>,
    pub published: Option<Timestamp>,
    pub change: Change,
    pub votes: bool,
}

#[derive(Debug, Clone)]
pub struct FigureTimeline {
    pub event: String,
    pub category: String,
    pub group: String,
    pub versions: Vec<Version>,
}

/// Versions in order of the earliest publication among each claim's sources;
/// accounts with no dated source come last, by claim date then id.
pub fn timelines(ctx: &Context<'_>, figures: &[Figure]) -> Vec<FigureTimeline> {
    figures
        .iter()
        .map(|f| {
            let mut versions: Vec<Version> = f
                .accounts
                .iter()
                .map(|a| {
                    let claim = ctx.by_id.get(a.claim.as_str());
                    let first = claim.and_then(|c| ctx.first_published(c));
                    Version {
                        claim: a.claim.clone(),
                        wording: a.wording.clone(),
                        interval: a.interval,
                        source: first
                            .as_ref()
                            .map(|(_, s)| (*s).clone())
                            .or_else(|| a.sources.first().cloned()),
                        published: first.map(|(t, _)| t),
                        change: Change::First,
                        votes: a.votes(),
                    }
                })
                .collect();
            versions.sort_by(|a, b| {
                let key = |v: &Version| (v.published.is_none(), v.published.clone());
                key(a).cmp(&key(b)).then_with(|| a.claim.cmp(&b.claim))
            });
            // Compare each version with the latest earlier one still standing
            // (or with the one it supersedes).
            let mut seen: Vec<(Id, Interval, bool)> = Vec::new();
            for v in &mut versions {
                let supersedes: Vec<&Id> = ctx
                    .by_id
                    .get(v.claim.as_str())
                    .map(|c| c.relations.supersedes.iter().collect())
                    .unwrap_or_default();
                let replaced = seen
                    .iter()
                    .rev()
                    .find(|(id, _, _)| supersedes.contains(&id));
                let standing = seen
                    .iter()
                    .rev()
                    .find(|(_, _, votes)| *votes)
                    .or(seen.last());
                v.change = match (replaced, standing) {
                    (Some((_, old, _)), _)
                        if v.interval.min > old.min
                            || (v.interval.min == old.min && v.interval.max > old.max) =>
                    {
                        Change::RevisedUp
                    }
                    (Some((_, old, _)), _) if *old != v.interval => Change::RevisedDown,
                    (Some(_), _) => Change::Same,
                    (None, None) => Change::First,
                    (None, Some((_, p, _))) if *p == v.interval => Change::Same,
                    (None, Some((_, p, _))) if p.intersect(&v.interval).is_some() => {
                        Change::Narrowed
                    }
                    (None, Some(_)) => Change::Contradicts,
                };
                seen.push((v.claim.clone(), v.interval, v.votes));
            }
            FigureTimeline {
                event: f.event.clone(),
                category: f.category.clone(),
                group: f.group.clone(),
                versions,
            }
        })
        .collect()
}

/// One responsibility or denial claim, placed in time.
#[derive(Debug, Clone)]
pub struct Attribution {
    pub claim: Id,
    /// "blames" or "denies".
    pub action: &'static str,
    /// Who asserts it.
    pub by: Option<String>,
    /// The actor blamed, or the claim denied.
    pub target: String,
    pub source: Option<Id>,
    pub published: Option<Timestamp>,
    pub active: bool,
}

#[derive(Debug, Clone)]
pub struct AttributionTimeline {
    pub event: String,
    pub entries: Vec<Attribution>,
}

/// Responsibility and denial claims per event, in publication order.
pub fn attributions(ctx: &Context<'_>) -> Vec<AttributionTimeline> {
    use crate::model::Details;
    let mut by_event: std::collections::BTreeMap<String, Vec<Attribution>> = Default::default();
    for c in ctx.claims {
        let (action, target) = match &c.details {
            Details::Responsibility { actor } => ("blames", ctx.canonical(actor)),
            Details::Denial { denies } => ("denies", denies.to_string()),
            _ => continue,
        };
        let first = ctx.first_published(c);
        by_event
            .entry(c.event.clone())
            .or_default()
            .push(Attribution {
                claim: c.id.clone(),
                action,
                by: c.asserted_by.as_deref().map(|a| ctx.canonical(a)),
                target,
                source: first
                    .as_ref()
                    .map(|(_, s)| (*s).clone())
                    .or_else(|| c.evidence.first().map(|e| e.source.clone())),
                published: first.map(|(t, _)| t),
                active: ctx.is_active(c),
            });
    }
    by_event
        .into_iter()
        .map(|(event, mut entries)| {
            entries.sort_by(|a, b| {
                let key = |v: &Attribution| (v.published.is_none(), v.published.clone());
                key(a).cmp(&key(b)).then_with(|| a.claim.cmp(&b.claim))
            });
            AttributionTimeline { event, entries }
        })
        .collect()
}
