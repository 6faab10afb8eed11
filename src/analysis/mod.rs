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
use crate::id::Id;
use crate::model::{Claim, Source};
use crate::timestamp::Timestamp;
use std::collections::{BTreeMap, HashMap};

/// Lookups shared by every rule.
pub struct Context<'a> {
    pub claims: &'a [Claim],
    pub sources: HashMap<&'a str, &'a Source>,
    pub by_id: HashMap<&'a str, &'a Claim>,
    pub config: &'a Config,
    /// Claim id -> ids of active claims that supersede it.
    pub superseded_by: HashMap<&'a str, Vec<&'a Id>>,
    /// Claim id -> active denial claims naming it.
    pub denied_by: HashMap<&'a str, Vec<&'a Claim>>,
    /// Claim id -> its distinct canonical origins, computed once.
    origins: HashMap<&'a str, Vec<String>>,
}

impl<'a> Context<'a> {
    pub fn new(claims: &'a [Claim], sources: &'a [Source], config: &'a Config) -> Self {
        let by_id: HashMap<&str, &Claim> = claims.iter().map(|c| (c.id.as_str(), c)).collect();
        let sources = sources.iter().map(|s| (s.id.as_str(), s)).collect();
        let mut ctx = Context {
            claims,
            sources,
            by_id,
            config,
            superseded_by: HashMap::new(),
            denied_by: HashMap::new(),
            origins: HashMap::new(),
        };
        ctx.origins = ctx.all_origins();
        // Supersession first: a superseded denial no longer denies.
        let mut superseded_by: HashMap<&str, Vec<&Id>> = HashMap::new();
        for c in claims.iter().filter(|c| !c.is_retracted()) {
            for old in &c.relations.supersedes {
                if old != &c.id {
                    superseded_by.entry(old.as_str()).or_default().push(&c.id);
                }
            }
        }
        ctx.superseded_by = superseded_by;
        let mut denied_by: HashMap<&str, Vec<&Claim>> = HashMap::new();
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

    /// Every claim's distinct canonical origins, in first-seen order. Names
    /// repeat a lot (a few outlets, a few officials), so each raw name is
    /// canonicalized once.
    fn all_origins(&self) -> HashMap<&'a str, Vec<String>> {
        let mut cache: HashMap<String, String> = HashMap::new();
        let mut out = HashMap::with_capacity(self.claims.len());
        for c in self.claims {
            let mut seen: Vec<String> = Vec::new();
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
            out.insert(c.id.as_str(), seen);
        }
        out
    }

    /// The distinct canonical origins behind a claim's evidence, in first-seen order.
    pub fn claim_origins(&self, c: &Claim) -> &[String] {
        self.origins
            .get(c.id.as_str())
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
pub struct Analysis {
    pub figures: Vec<Figure>,
    pub responsibility: Vec<Responsibility>,
    pub statuses: BTreeMap<Id, Vec<Status>>,
    pub origins: BTreeMap<Id, Vec<String>>,
}

impl Analysis {
    pub fn new(claims: &[Claim], sources: &[Source], config: &Config) -> Analysis {
        let ctx = Context::new(claims, sources, config);
        let figures = figures::figures(&ctx);
        let responsibility = responsibility::responsibility(&ctx);
        let statuses = status::statuses(&ctx, &figures, &responsibility);
        let origins = claims
            .iter()
            .map(|c| (c.id.clone(), ctx.claim_origins(c).to_vec()))
            .collect();
        Analysis {
            figures,
            responsibility,
            statuses,
            origins,
        }
    }

    pub fn statuses_of(&self, id: &Id) -> &[Status] {
        self.statuses.get(id).map(Vec::as_slice).unwrap_or(&[])
    }
}
