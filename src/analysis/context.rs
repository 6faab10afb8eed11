//! What every part of the analysis shares: indexes, resolved names, each
//! claim's time, origins and grade, and which claims are superseded.

use super::names::{AgentId, Names};
use crate::model::config::Config;
use crate::model::records::*;
use crate::model::time::Timestamp;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::Ordering;

/// The records an analysis reads.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub claims: &'a [Claim],
    pub sources: &'a [Source],
    pub entities: &'a [Entity],
    pub events: &'a [Event],
    pub config: &'a Config,
}

/// Who the information of a claim comes from, counted at the root of the
/// `part_of` chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub root: AgentId,
    /// The agents actually speaking (attributed_to or publisher), in order.
    pub speakers: Vec<AgentId>,
    /// Every speaker is a party origin: an entity of its chain is among the
    /// parties of the claim's event.
    pub party: bool,
}

/// An Admiralty grade, for ranking accounts: information credibility 1–5
/// first, then the reliability A–E of the source the origin was reached
/// through. 6, F and a missing grade are unknown (9 here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Grade {
    pub credibility: u8,
    pub reliability: u8,
}

pub const UNKNOWN_GRADE: u8 = 9;

impl Grade {
    pub const UNKNOWN: Grade = Grade {
        credibility: UNKNOWN_GRADE,
        reliability: UNKNOWN_GRADE,
    };

    pub fn is_unknown(&self) -> bool {
        self.credibility == UNKNOWN_GRADE && self.reliability == UNKNOWN_GRADE
    }

    /// Whether this grade is strictly better than `other`: credibility
    /// decides when both are known and differ, else reliability when both
    /// are known and differ; a pair with an unknown side has no better one.
    pub fn better_than(&self, other: &Grade) -> bool {
        if self.is_unknown() || other.is_unknown() {
            return false;
        }
        let known = |a: u8, b: u8| a != UNKNOWN_GRADE && b != UNKNOWN_GRADE && a != b;
        if known(self.credibility, other.credibility) {
            return self.credibility < other.credibility;
        }
        if known(self.reliability, other.reliability) {
            return self.reliability < other.reliability;
        }
        false
    }

    /// "2/B", "?/C".
    pub fn label(&self) -> String {
        let c = if self.credibility == UNKNOWN_GRADE {
            "?".to_string()
        } else {
            self.credibility.to_string()
        };
        let r = if self.reliability == UNKNOWN_GRADE {
            "?".to_string()
        } else {
            ((b'A' + self.reliability - 1) as char).to_string()
        };
        format!("{c}/{r}")
    }
}

fn credibility_key(c: Option<u8>) -> u8 {
    match c {
        Some(n @ 1..=5) => n,
        _ => UNKNOWN_GRADE,
    }
}

fn reliability_key(r: Option<char>) -> u8 {
    match r {
        Some(c @ 'A'..='E') => c as u8 - b'A' + 1,
        _ => UNKNOWN_GRADE,
    }
}

/// The order of claims in time: `time`, then the earliest publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeKey {
    pub time: Option<Timestamp>,
    pub published: Option<Timestamp>,
}

impl TimeKey {
    /// Whether this claim is later than `other` (DESIGN, Time): a later
    /// time, or an equal time and a later first publication. A claim with no
    /// time is never later, nor earlier.
    pub fn later_than(&self, other: &TimeKey) -> bool {
        match (&self.time, &other.time) {
            (Some(a), Some(b)) => match a.cmp(b) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => matches!(
                    (&self.published, &other.published),
                    (Some(p), Some(q)) if p > q
                ),
            },
            _ => false,
        }
    }

    /// A total order for sorting: time (none last), then publication (none
    /// first among equal times).
    pub fn sort_cmp(&self, other: &TimeKey) -> Ordering {
        match (&self.time, &other.time) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(a), Some(b)) => a.cmp(b).then_with(|| self.published.cmp(&other.published)),
        }
    }
}

/// What the analysis knows of one claim.
#[derive(Debug, Clone)]
pub struct ClaimInfo {
    pub key: TimeKey,
    /// The source with the earliest publication among the evidence.
    pub first_source: Option<usize>,
    /// Distinct origins, by root, in evidence order.
    pub origins: Vec<Origin>,
    pub asserter: Option<AgentId>,
    /// The actor of a responsibility claim, or the `actor` of a denial.
    pub actor: Option<AgentId>,
    pub grade: Grade,
}

pub struct Context<'a> {
    pub claims: &'a [Claim],
    pub sources: &'a [Source],
    pub entities: &'a [Entity],
    pub config: &'a Config,
    pub names: Names,
    pub claim_index: FxHashMap<&'a str, usize>,
    pub source_index: FxHashMap<&'a str, usize>,
    pub events: FxHashMap<&'a str, &'a Event>,
    /// Per source: the root of its `cites` chain (cycle edges ignored).
    pub cites_root: Vec<usize>,
    /// Sources whose first `cites` edge is on a cycle.
    pub cites_cycle: Vec<usize>,
    pub info: Vec<ClaimInfo>,
    /// Per claim: the claims whose `supersedes` names it, not retracted.
    pub superseded_by: Vec<Vec<usize>>,
    /// Per claim: superseded, directly or through a chain.
    pub superseded: Vec<bool>,
    /// `supersedes` cycles (claim positions), each ignored until fixed.
    pub supersedes_cycles: Vec<Vec<usize>>,
}

impl<'a> Context<'a> {
    pub fn new(inputs: Inputs<'a>) -> Context<'a> {
        let Inputs {
            claims,
            sources,
            entities,
            events,
            config,
        } = inputs;
        let claim_index: FxHashMap<&str, usize> = claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let source_index: FxHashMap<&str, usize> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let events_by_id: FxHashMap<&str, &Event> =
            events.iter().map(|e| (e.id.as_str(), e)).collect();
        let (cites_root, cites_cycle) = cites_roots(sources, &source_index);
        let mut names = Names::new(entities, config);
        // Resolve every name once, serially, in a fixed order, so free names
        // get the same display spelling on every run.
        let mut cache: FxHashMap<&str, AgentId> = FxHashMap::default();
        let mut resolve = |names: &mut Names, raw: &'a str| -> AgentId {
            *cache.entry(raw).or_insert_with(|| names.resolve(raw))
        };
        let publisher: Vec<AgentId> = sources
            .iter()
            .map(|s| resolve(&mut names, &s.publisher))
            .collect();
        struct Raw {
            asserter: Option<AgentId>,
            actor: Option<AgentId>,
            attributed: Vec<Option<AgentId>>,
        }
        let raw: Vec<Raw> = claims
            .iter()
            .map(|c| {
                let actor = match &c.details {
                    Details::Responsibility(b) => Some(b.actor.as_str()),
                    Details::Denial(d) => d.actor.as_deref(),
                    _ => None,
                };
                Raw {
                    asserter: c.asserted_by.as_deref().map(|a| resolve(&mut names, a)),
                    actor: actor.map(|a| resolve(&mut names, a)),
                    attributed: c
                        .evidence
                        .iter()
                        .map(|e| e.attributed_to.as_deref().map(|a| resolve(&mut names, a)))
                        .collect(),
                }
            })
            .collect();
        // Evidence naming a source that does not exist still has an origin:
        // the missing id, as a name of its own (`check` reports it).
        let mut missing: FxHashMap<String, AgentId> = FxHashMap::default();
        for c in claims {
            for e in &c.evidence {
                let start = e.via.as_ref().unwrap_or(&e.source);
                if !source_index.contains_key(start.as_str()) {
                    let name = format!("unknown source {start}");
                    let a = names.resolve(&name);
                    missing.insert(start.to_string(), a);
                }
            }
        }
        let parties: FxHashMap<&str, FxHashSet<AgentId>> = events
            .iter()
            .map(|e| {
                let set = e
                    .parties
                    .iter()
                    .filter_map(|p| names.entity_agent(entities, p.as_str()))
                    .collect();
                (e.id.as_str(), set)
            })
            .collect();

        let info: Vec<ClaimInfo> = claims
            .par_iter()
            .zip(raw.par_iter())
            .map(|(c, r)| {
                let party_set = parties.get(c.event.as_str());
                let mut origins: Vec<Origin> = Vec::new();
                let mut grade = Grade::UNKNOWN;
                let mut first: Option<(&Timestamp, usize)> = None;
                for (e, attributed) in c.evidence.iter().zip(&r.attributed) {
                    if let Some(&si) = source_index.get(e.source.as_str())
                        && let Some(p) = &sources[si].published
                        && first.is_none_or(|(t, _)| p < t)
                    {
                        first = Some((p, si));
                    }
                    let start = e.via.as_ref().unwrap_or(&e.source);
                    let root_source = source_index.get(start.as_str()).map(|i| cites_root[*i]);
                    let speaker = match (attributed, root_source) {
                        (Some(a), _) => *a,
                        (None, Some(rs)) => publisher[rs],
                        (None, None) => missing[start.as_str()],
                    };
                    let g = Grade {
                        credibility: credibility_key(e.credibility),
                        reliability: reliability_key(
                            root_source.and_then(|rs| sources[rs].reliability),
                        ),
                    };
                    if (g.credibility, g.reliability) < (grade.credibility, grade.reliability) {
                        grade = g;
                    }
                    let root = names.root(speaker);
                    let party =
                        party_set.is_some_and(|set| names.chain(speaker).any(|a| set.contains(&a)));
                    match origins.iter_mut().find(|o| o.root == root) {
                        Some(o) => {
                            if !o.speakers.contains(&speaker) {
                                o.speakers.push(speaker);
                            }
                            o.party &= party;
                        }
                        None => origins.push(Origin {
                            root,
                            speakers: vec![speaker],
                            party,
                        }),
                    }
                }
                let time = c
                    .casualty()
                    .and_then(|k| k.as_of.clone())
                    .or_else(|| c.date.clone())
                    .or_else(|| first.map(|(t, _)| t.clone()));
                ClaimInfo {
                    key: TimeKey {
                        time,
                        published: first.map(|(t, _)| t.clone()),
                    },
                    first_source: first.map(|(_, i)| i),
                    origins,
                    asserter: r.asserter,
                    actor: r.actor,
                    grade,
                }
            })
            .collect();

        let (superseded_by, superseded, supersedes_cycles) = supersession(claims, &claim_index);
        Context {
            claims,
            sources,
            entities,
            config,
            names,
            claim_index,
            source_index,
            events: events_by_id,
            cites_root,
            cites_cycle,
            info,
            superseded_by,
            superseded,
            supersedes_cycles,
        }
    }

    pub fn claim(&self, id: &str) -> Option<usize> {
        self.claim_index.get(id).copied()
    }

    pub fn event(&self, id: &str) -> Option<&'a Event> {
        self.events.get(id).copied()
    }

    pub fn is_cumulative(&self, event: &str) -> bool {
        self.event(event).is_some_and(|e| e.cumulative)
    }

    pub fn has_parties(&self, event: &str) -> bool {
        self.event(event).is_some_and(|e| !e.parties.is_empty())
    }

    /// Root names of a claim's origins.
    pub fn origin_names(&self, i: usize) -> Vec<String> {
        self.info[i]
            .origins
            .iter()
            .map(|o| self.names.name(o.root).to_string())
            .collect()
    }

    /// "Freedonian government (Army Central Command)" for each origin.
    pub fn origin_labels(&self, i: usize) -> Vec<String> {
        self.info[i]
            .origins
            .iter()
            .map(|o| origin_label(&self.names, o))
            .collect()
    }

    /// The distinct sources a claim's evidence quotes, in the order linked.
    pub fn claim_sources(&self, i: usize) -> Vec<crate::model::id::Id> {
        let mut out: Vec<crate::model::id::Id> = Vec::new();
        for e in &self.claims[i].evidence {
            if !out.contains(&e.source) {
                out.push(e.source.clone());
            }
        }
        out
    }

    /// The root source of an evidence item's `via`/`cites` chain.
    pub fn root_source(&self, e: &Evidence) -> Option<&'a Source> {
        let start = e.via.as_ref().unwrap_or(&e.source);
        self.source_index
            .get(start.as_str())
            .map(|i| &self.sources[self.cites_root[*i]])
    }

    /// The speaking agent of one evidence item.
    pub fn evidence_speaker(&self, e: &Evidence) -> Option<AgentId> {
        if let Some(a) = &e.attributed_to {
            return self.names.lookup(a);
        }
        self.root_source(e)
            .and_then(|s| self.names.lookup(&s.publisher))
    }

    /// Whether the claim stands (not retracted, not superseded).
    pub fn stands(&self, i: usize) -> bool {
        !self.claims[i].is_retracted() && !self.superseded[i]
    }
}

/// The label of one origin: the root's name, and the speakers beside it
/// where they differ.
pub fn origin_label(names: &Names, o: &Origin) -> String {
    let others: Vec<&str> = o
        .speakers
        .iter()
        .filter(|s| **s != o.root)
        .map(|s| names.name(*s))
        .collect();
    if others.is_empty() {
        names.name(o.root).to_string()
    } else {
        format!("{} ({})", names.name(o.root), others.join(", "))
    }
}

/// Per source, the root of its first-`cites` chain; a source whose edge is
/// on a cycle keeps itself as root, so chains stop at the last valid link.
fn cites_roots(sources: &[Source], index: &FxHashMap<&str, usize>) -> (Vec<usize>, Vec<usize>) {
    let n = sources.len();
    let next: Vec<Option<usize>> = sources
        .iter()
        .map(|s| s.cites.first().and_then(|c| index.get(c.as_str())).copied())
        .collect();
    let mut state = vec![0u8; n];
    let mut on_cycle = vec![false; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut walk = Vec::new();
        let mut cur = Some(start);
        while let Some(c) = cur {
            match state[c] {
                0 => {
                    state[c] = 1;
                    walk.push(c);
                    cur = next[c];
                }
                1 => {
                    let from = walk.iter().position(|w| *w == c).unwrap_or(0);
                    for w in &walk[from..] {
                        on_cycle[*w] = true;
                    }
                    break;
                }
                _ => break,
            }
        }
        for w in walk {
            state[w] = 2;
        }
    }
    let mut root = vec![usize::MAX; n];
    for start in 0..n {
        let mut path = Vec::new();
        let mut cur = start;
        loop {
            if root[cur] != usize::MAX {
                break;
            }
            path.push(cur);
            match next[cur] {
                Some(nx) if !on_cycle[cur] => cur = nx,
                _ => {
                    root[cur] = cur;
                    break;
                }
            }
        }
        let r = root[cur];
        for p in path {
            root[p] = r;
        }
    }
    let cycle = (0..n).filter(|i| on_cycle[*i]).collect();
    (root, cycle)
}

/// The `supersedes` graph: direct superseders, the transitive superseded
/// set, and the cycles (Tarjan), whose edges are ignored so the claims on
/// a cycle keep voting until it is fixed.
#[allow(clippy::type_complexity)]
fn supersession(
    claims: &[Claim],
    index: &FxHashMap<&str, usize>,
) -> (Vec<Vec<usize>>, Vec<bool>, Vec<Vec<usize>>) {
    let n = claims.len();
    let edges: Vec<Vec<usize>> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v: Vec<usize> = c
                .relations
                .supersedes
                .iter()
                .filter_map(|s| index.get(s.as_str()).copied())
                .collect();
            v.retain(|t| *t != i);
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let comp = strongly_connected(&edges);
    let mut size = vec![0usize; n];
    for c in &comp {
        size[*c] += 1;
    }
    let in_cycle = |a: usize, b: usize| comp[a] == comp[b] && size[comp[a]] > 1;
    let mut cycles: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..n {
        if size[comp[i]] > 1 {
            cycles.entry(comp[i]).or_default().push(i);
        }
    }
    let mut cycles: Vec<Vec<usize>> = cycles.into_values().collect();
    cycles.sort();
    let mut superseded_by = vec![Vec::new(); n];
    for (i, targets) in edges.iter().enumerate() {
        if claims[i].is_retracted() {
            continue;
        }
        for t in targets {
            if !in_cycle(i, *t) {
                superseded_by[*t].push(i);
            }
        }
    }
    // Everything reachable from a claim that is not retracted.
    let mut superseded = vec![false; n];
    let mut stack: Vec<usize> = (0..n).filter(|i| !claims[*i].is_retracted()).collect();
    let mut expanded = vec![false; n];
    while let Some(i) = stack.pop() {
        if expanded[i] {
            continue;
        }
        expanded[i] = true;
        for t in &edges[i] {
            if !in_cycle(i, *t) {
                superseded[*t] = true;
                stack.push(*t);
            }
        }
    }
    (superseded_by, superseded, cycles)
}

/// Tarjan's strongly connected components, iteratively (chains can be long).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some((v, ei)) = work.pop() {
            if ei == 0 {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            } else {
                let w = edges[v][ei - 1];
                low[v] = low[v].min(low[w]);
            }
            let mut descended = false;
            let mut k = ei;
            while k < edges[v].len() {
                let w = edges[v][k];
                k += 1;
                if index[w] == usize::MAX {
                    work.push((v, k));
                    work.push((w, 0));
                    descended = true;
                    break;
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            }
            if descended {
                continue;
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tarjan_finds_cycles() {
        // 0 -> 1 -> 0, 2 -> 0, 3 alone
        let comp = strongly_connected(&[vec![1], vec![0], vec![0], vec![]]);
        assert_eq!(comp[0], comp[1]);
        assert_ne!(comp[2], comp[0]);
        assert_ne!(comp[3], comp[0]);
    }

    #[test]
    fn grades_compare_credibility_then_reliability() {
        let g = |c, r| Grade {
            credibility: c,
            reliability: r,
        };
        assert!(g(2, 3).better_than(&g(3, 1)));
        assert!(g(2, 1).better_than(&g(2, 3)));
        assert!(g(UNKNOWN_GRADE, 1).better_than(&g(2, 3)));
        assert!(!g(2, 2).better_than(&g(2, 2)));
        assert!(!g(1, 1).better_than(&Grade::UNKNOWN));
        assert!(!g(2, UNKNOWN_GRADE).better_than(&g(UNKNOWN_GRADE, 1)));
    }

    #[test]
    fn later_needs_both_times() {
        let t = |s: &str| Some(Timestamp::parse(s).unwrap());
        let k = |time, published| TimeKey { time, published };
        assert!(k(t("2020-01-02"), None).later_than(&k(t("2020-01-01"), None)));
        assert!(!k(None, None).later_than(&k(t("2020-01-01"), None)));
        assert!(!k(t("2020-01-01"), None).later_than(&k(None, None)));
        // Equal times: the later first publication.
        assert!(
            k(t("2020-01-01"), t("2020-01-03")).later_than(&k(t("2020-01-01"), t("2020-01-02")))
        );
        assert!(!k(t("2020-01-01"), None).later_than(&k(t("2020-01-01"), t("2020-01-02"))));
        assert!(k(t("2020-01-01T10:00:00Z"), None).later_than(&k(t("2020-01-01"), None)));
    }
}
