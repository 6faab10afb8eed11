//! What is derived, never stored: origins, figures, responsibility, claim
//! statuses and timelines. Pure functions of the loaded records; no I/O.

pub mod figures;
pub mod origins;
pub mod responsibility;
pub mod status;
pub mod timeline;

pub use figures::{Account, Figure, FigureStatus};
pub use responsibility::Responsibility;
pub use status::Status;
pub use timeline::{FigureTimeline, Version};

use crate::config::Config;
use crate::fxhash::FxHashMap;
use crate::id::Id;
use crate::model::{Claim, Source};
use crate::timestamp::Timestamp;
use rayon::prelude::*;

/// Lookups shared by every rule.
pub struct Context<'a> {
    pub claims: &'a [Claim],
    pub sources: FxHashMap<&'a str, &'a Source>,
    pub by_id: FxHashMap<&'a str, &'a Claim>,
    /// Claim id -> position in `claims`.
    pub index: FxHashMap<&'a str, usize>,
    pub config: &'a Config,
    /// Claim id -> ids of active claims that supersede it.
    pub superseded_by: FxHashMap<&'a str, Vec<&'a Id>>,
    /// Claim id -> active denial claims naming it.
    pub denied_by: FxHashMap<&'a str, Vec<&'a Claim>>,
    /// Each claim's distinct canonical origins, by position, computed once.
    origins: Vec<Vec<String>>,
}

impl<'a> Context<'a> {
    pub fn new(claims: &'a [Claim], sources: &'a [Source], config: &'a Config) -> Self {
        let by_id: FxHashMap<&str, &Claim> = claims.iter().map(|c| (c.id.as_str(), c)).collect();
        let index = claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let sources = sources.iter().map(|s| (s.id.as_str(), s)).collect();
        let mut ctx = Context {
            claims,
            sources,
            by_id,
            index,
            config,
            superseded_by: FxHashMap::default(),
            denied_by: FxHashMap::default(),
            origins: Vec::new(),
        };
        ctx.origins = ctx.all_origins();
        // Supersession first: a superseded denial no longer denies.
        let mut superseded_by: FxHashMap<&str, Vec<&Id>> = FxHashMap::default();
        for c in claims.iter().filter(|c| !c.is_retracted()) {
            for old in &c.relations.supersedes {
                if old != &c.id {
                    superseded_by.entry(old.as_str()).or_default().push(&c.id);
                }
            }
        }
        ctx.superseded_by = superseded_by;
        let mut denied_by: FxHashMap<&str, Vec<&Claim>> = FxHashMap::default();
        for c in claims.iter().filter(|c| ctx.is_active(c)) {
            if let crate::model::Details::Denial { denies } = &c.details {
                denied_by.entry(denies.as_str()).or_default().push(c);
            }
        }
        ctx.denied_by = denied_by;
        ctx
    }

    /// Active: neither retracted nor superseded. Only active claims vote.
    pub fn is_active(&self, c: &Claim) -> bool {
        !c.is_retracted() && !self.superseded_by.contains_key(c.id.as_str())
    }

    pub fn canonical(&self, name: &str) -> String {
        self.config.aliases.canonical(name)
    }

    /// Every claim's distinct canonical origins, in first-seen order, on all
    /// cores. Names repeat a lot (a few outlets, a few officials), so each
    /// thread canonicalizes each raw name once.
    fn all_origins(&self) -> Vec<Vec<String>> {
        self.claims
            .par_iter()
            .map_init(FxHashMap::<String, String>::default, |cache, c| {
                let mut seen: Vec<String> = Vec::with_capacity(c.evidence.len());
                for e in &c.evidence {
                    let raw = origins::raw_origin(e, &self.sources);
                    let canonical = match cache.get(&raw) {
                        Some(canon) => canon.clone(),
                        None => {
                            let canon = self.config.aliases.canonical(&raw);
                            cache.insert(raw, canon.clone());
                            canon
                        }
                    };
                    let key = canonical.to_lowercase();
                    if !seen.iter().any(|o| o.to_lowercase() == key) {
                        seen.push(canonical);
                    }
                }
                seen
            })
            .collect()
    }

    /// The origins of the claim at position `i` of `claims`.
    pub fn origins_at(&self, i: usize) -> &[String] {
        self.origins.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The distinct canonical origins behind a claim's evidence, in first-seen order.
    pub fn claim_origins(&self, c: &Claim) -> &[String] {
        self.index
            .get(c.id.as_str())
            .and_then(|i| self.origins.get(*i))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The earliest publication time among the claim's sources.
    pub fn first_published(&self, c: &Claim) -> Option<(Timestamp, &'a Id)> {
        c.evidence
            .iter()
            .filter_map(|e| self.sources.get(e.source.as_str()))
            .filter_map(|s| s.published.clone().map(|p| (p, &s.id)))
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
    }

    /// The distinct sources a claim cites, in the order linked.
    pub fn claim_sources(&self, c: &Claim) -> Vec<Id> {
        let mut out: Vec<Id> = Vec::new();
        for e in &c.evidence {
            if !out.contains(&e.source) {
                out.push(e.source.clone());
            }
        }
        out
    }
}

/// The whole derived picture of a workspace.
pub struct Analysis<'a> {
    pub figures: Vec<Figure>,
    pub responsibility: Vec<Responsibility>,
    /// Per claim, by position in the claims given to [`Analysis::new`].
    statuses: Vec<Vec<Status>>,
    origins: Vec<Vec<String>>,
    index: FxHashMap<&'a str, usize>,
}

impl<'a> Analysis<'a> {
    pub fn new(claims: &'a [Claim], sources: &'a [Source], config: &'a Config) -> Analysis<'a> {
        let ctx = Context::new(claims, sources, config);
        let figures = figures::figures(&ctx);
        let responsibility = responsibility::responsibility(&ctx);
        let statuses = status::statuses(&ctx, &figures, &responsibility);
        let Context { origins, index, .. } = ctx;
        Analysis {
            figures,
            responsibility,
            statuses,
            origins,
            index,
        }
    }

    pub fn statuses_of(&self, id: &str) -> &[Status] {
        self.index
            .get(id)
            .and_then(|i| self.statuses.get(*i))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn origins_of(&self, id: &str) -> &[String] {
        self.index
            .get(id)
            .and_then(|i| self.origins.get(*i))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Whether `id` is one of the analysed claims.
    pub fn has(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small record builders for the analysis unit tests.
    use crate::count::{CountPolicy, Interval};
    use crate::id::Id;
    use crate::model::*;

    pub fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    fn claim(name: &str, details: Details) -> Claim {
        Claim {
            id: id(name),
            path: format!("claims/{name}.toml").into(),
            event: "e".into(),
            statement: "s".into(),
            asserted_by: None,
            date: None,
            details,
            retracted: None,
            relations: Relations::default(),
            evidence: vec![Evidence {
                source: id("s1"),
                quote: "q".into(),
                attributed_to: Some(format!("origin of {name}")),
                via: None,
                credibility: None,
            }],
            locs: Locs::default(),
        }
    }

    /// A casualty account read by `default-v1` from `wording`.
    pub fn count(name: &str, wording: &str) -> Claim {
        let interval = CountPolicy::default().read(wording).unwrap().interval;
        casualty(name, wording, interval)
    }

    pub fn casualty(name: &str, wording: &str, interval: Interval) -> Claim {
        claim(
            name,
            Details::Casualty(Casualty {
                category: "injured".into(),
                group: "people".into(),
                wording: Some(wording.into()),
                interval,
                policy: Some("default-v1".into()),
            }),
        )
    }

    pub fn blame(name: &str, actor: &str, by: &str) -> Claim {
        let mut c = claim(
            name,
            Details::Responsibility {
                actor: actor.into(),
            },
        );
        c.asserted_by = Some(by.into());
        c
    }

    pub fn denial(name: &str, denies: &str, by: &str) -> Claim {
        let mut c = claim(name, Details::Denial { denies: id(denies) });
        c.asserted_by = Some(by.into());
        c
    }
}
