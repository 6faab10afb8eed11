//! `--as-of D`: the workspace as it was known at D (DESIGN, Time).
//!
//! Only evidence from sources known by D (published, else accessed or
//! captured, at or before D); only claims with such evidence (a claim
//! without evidence: when its `date` is at or before D; `as_of` orders
//! claims but never brings a later publication into view); retractions only
//! from their `retracted_on`; relations only when both claims are in view.

use crate::model::records::{Claim, Source};
use crate::model::time::AsOf;
use rustc_hash::{FxHashMap, FxHashSet};

/// The claims known at `d`, each with only its evidence known then.
pub fn claims_as_of(claims: &[Claim], sources: &[Source], d: &AsOf) -> Vec<Claim> {
    let known: FxHashMap<&str, bool> = sources
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.known_since().is_some_and(|t| d.includes(t)),
            )
        })
        .collect();
    let mut out: Vec<Claim> = claims
        .iter()
        .filter_map(|c| {
            let visible = if c.evidence.is_empty() {
                c.date.as_ref().is_some_and(|t| d.includes(t))
            } else {
                c.evidence
                    .iter()
                    .any(|e| known.get(e.source.as_str()).copied().unwrap_or(false))
            };
            if !visible {
                return None;
            }
            let mut c = c.clone();
            c.evidence
                .retain(|e| known.get(e.source.as_str()).copied().unwrap_or(false));
            // A retraction dated after D has not happened yet; one recorded
            // without a date applies always.
            if c.retraction
                .as_ref()
                .and_then(|r| r.on.as_ref())
                .is_some_and(|on| !d.includes(on))
            {
                c.retraction = None;
            }
            Some(c)
        })
        .collect();
    let ids: FxHashSet<String> = out.iter().map(|c| c.id.to_string()).collect();
    for c in &mut out {
        for name in crate::model::records::RELATIONS {
            c.relations
                .get_mut(name)
                .retain(|other| ids.contains(other.as_str()));
        }
        if let Some(den) = c.denial()
            && den
                .denies
                .as_ref()
                .is_some_and(|t| !ids.contains(t.as_str()))
            && let crate::model::records::Details::Denial(d) = &mut c.details
        {
            d.denies = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::*;
    use crate::model::time::AsOf;

    #[test]
    fn what_was_known_then() {
        let s1 = source("s1", "Wire", Some("2024-01-01"));
        let s2 = source("s2", "Wire", Some("2024-01-05"));
        let mut a = count("a", "15");
        a.evidence[0].source = id("s1");
        let mut b = count("b", "18");
        b.evidence[0].source = id("s2");
        b.relations.supersedes.push(id("a"));
        let mut r = count("r", "9");
        r.evidence[0].source = id("s1");
        r.retraction = Some(crate::model::records::Retraction {
            reason: "wrong".into(),
            on: Some(crate::model::time::Timestamp::parse("2024-01-03").unwrap()),
        });
        let claims = [a, b, r];
        let sources = [s1, s2];
        let then = claims_as_of(&claims, &sources, &AsOf::parse("2024-01-02").unwrap());
        let ids: Vec<&str> = then.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "r"]);
        assert!(then[1].retraction.is_none());
        let later = claims_as_of(&claims, &sources, &AsOf::parse("2024-01-06").unwrap());
        assert_eq!(later.len(), 3);
        assert_eq!(later[1].relations.supersedes, vec![id("a")]);
        assert!(later[2].retraction.is_some());
    }
}
