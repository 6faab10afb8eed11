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
    /// Overlaps the version before but moved its bounds.
    Revised,
    /// Does not overlap the version before.
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
                        source: first.as_ref().map(|(_, s)| (*s).clone()).or_else(|| a.sources.first().cloned()),
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
            let mut prev: Option<Interval> = None;
            for v in &mut versions {
                v.change = match prev {
                    None => Change::First,
                    Some(p) if p == v.interval => Change::Same,
                    Some(p) if p.intersect(&v.interval).is_some() => Change::Revised,
                    Some(_) => Change::Contradicts,
                };
                prev = Some(v.interval);
            }
            FigureTimeline { event: f.event.clone(), category: f.category.clone(), group: f.group.clone(), versions }
        })
        .collect()
}
