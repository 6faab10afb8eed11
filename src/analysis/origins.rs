//! The origin of an evidence item: who the information really comes from.

use crate::config::Aliases;
use crate::model::{Evidence, Source};
use std::collections::{HashMap, HashSet};

/// `attributed_to` if given; else the publisher of the root source reached by
/// following `via`, then each source's first `cites` entry (guarding cycles).
pub fn evidence_origin<S: std::hash::BuildHasher>(
    e: &Evidence,
    sources: &HashMap<&str, &Source, S>,
    aliases: &Aliases,
) -> String {
    aliases.canonical(&raw_origin(e, sources))
}

/// The origin's name as written (not yet canonical): `attributed_to`, or the
/// publisher of the root source, or `source ID` for a dangling reference.
pub fn raw_origin<S: std::hash::BuildHasher>(
    e: &Evidence,
    sources: &HashMap<&str, &Source, S>,
) -> String {
    if let Some(a) = e.attributed_to.as_deref().filter(|a| !a.trim().is_empty()) {
        return a.to_string();
    }
    let start = e.via.as_ref().unwrap_or(&e.source);
    match root_source(start.as_str(), sources) {
        Some(s) => s.publisher.clone(),
        // A dangling reference is reported by `check`; count it under its id.
        None => format!("source {start}"),
    }
}

/// Follows `cites[0]` from `start` to the source that cites nothing (or to the
/// last source before a cycle or a missing id).
pub fn root_source<'a, S: std::hash::BuildHasher>(
    start: &str,
    sources: &HashMap<&str, &'a Source, S>,
) -> Option<&'a Source> {
    let mut seen = HashSet::new();
    let mut cur = *sources.get(start)?;
    seen.insert(cur.id.as_str());
    while let Some(next) = cur.cites.first() {
        match sources.get(next.as_str()) {
            Some(s) if seen.insert(s.id.as_str()) => cur = s,
            _ => break,
        }
    }
    Some(cur)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id;
    use crate::model::Locs;

    fn src(id: &str, publisher: &str, cites: &[&str]) -> Source {
        Source {
            id: Id::parse(id).unwrap(),
            path: Default::default(),
            title: "t".into(),
            publisher: publisher.into(),
            url: None,
            published: None,
            accessed: None,
            reliability: None,
            cites: cites.iter().map(|c| Id::parse(c).unwrap()).collect(),
            revises: None,
            sha256: None,
            locs: Locs::default(),
        }
    }

    fn ev(source: &str, attributed: Option<&str>, via: Option<&str>) -> Evidence {
        Evidence {
            source: Id::parse(source).unwrap(),
            quote: "q".into(),
            attributed_to: attributed.map(Into::into),
            via: via.map(|v| Id::parse(v).unwrap()),
            credibility: None,
        }
    }

    #[test]
    fn follows_a_cites_chain_three_deep() {
        let all = [
            src("hill", "The Hill", &["nbc"]),
            src("nbc", "NBC", &["ap"]),
            src("ap", "The Associated Press", &[]),
        ];
        let map: HashMap<&str, &Source> = all.iter().map(|s| (s.id.as_str(), s)).collect();
        let a = Aliases::default();
        assert_eq!(
            evidence_origin(&ev("hill", None, None), &map, &a),
            "Associated Press"
        );
        assert_eq!(
            evidence_origin(&ev("hill", Some("AP"), None), &map, &a),
            "Associated Press"
        );
        assert_eq!(
            evidence_origin(
                &ev("hill", Some("Popular Mobilization Forces"), None),
                &map,
                &a
            ),
            "Popular Mobilization Forces"
        );
    }

    #[test]
    fn via_is_followed_before_cites() {
        let all = [src("hill", "The Hill", &[]), src("nyt", "NYT", &[])];
        let map: HashMap<&str, &Source> = all.iter().map(|s| (s.id.as_str(), s)).collect();
        assert_eq!(
            evidence_origin(&ev("hill", None, Some("nyt")), &map, &Aliases::default()),
            "The New York Times"
        );
    }

    #[test]
    fn a_cycle_stops() {
        let all = [src("a", "A", &["b"]), src("b", "B", &["a"])];
        let map: HashMap<&str, &Source> = all.iter().map(|s| (s.id.as_str(), s)).collect();
        assert_eq!(root_source("a", &map).unwrap().publisher, "B");
    }
}
