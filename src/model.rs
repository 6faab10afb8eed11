//! The records: sources and claims, as read from their files.

use crate::count::Interval;
use crate::diag::Loc;
use crate::id::Id;
use crate::timestamp::Timestamp;
use std::collections::HashMap;
use std::path::PathBuf;

/// Where each field of a record stands in its file, keyed by a dotted path:
/// `kind`, `relations.contradicts.0`, `evidence.2.quote`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Locs(pub HashMap<String, Loc>);

impl Locs {
    pub fn get(&self, key: &str) -> Loc {
        self.0.get(key).copied().unwrap_or(Loc::START)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: Id,
    /// Relative to the workspace root.
    pub path: PathBuf,
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub published: Option<Timestamp>,
    pub accessed: Option<Timestamp>,
    pub reliability: Option<char>,
    pub cites: Vec<Id>,
    pub revises: Option<Id>,
    pub sha256: Option<String>,
    pub locs: Locs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Casualty,
    Responsibility,
    Denial,
    Event,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Casualty,
        Kind::Responsibility,
        Kind::Denial,
        Kind::Event,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Casualty => "casualty",
            Kind::Responsibility => "responsibility",
            Kind::Denial => "denial",
            Kind::Event => "event",
        }
    }

    /// "a casualty claim", "an event claim".
    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Casualty => "a casualty",
            Kind::Responsibility => "a responsibility",
            Kind::Denial => "a denial",
            Kind::Event => "an event",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

pub const CATEGORIES: [&str; 5] = ["killed", "injured", "missing", "detained", "displaced"];

#[derive(Debug, Clone, PartialEq)]
pub struct Casualty {
    pub category: String,
    pub group: String,
    pub wording: Option<String>,
    pub interval: Interval,
    pub policy: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Details {
    Casualty(Casualty),
    Responsibility { actor: String },
    Denial { denies: Id },
    Event,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Relations {
    pub contradicts: Vec<Id>,
    pub supersedes: Vec<Id>,
    pub corroborates: Vec<Id>,
}

/// The three relation names, as written in `[relations]` and on the command line.
pub const RELATIONS: [&str; 3] = ["contradicts", "supersedes", "corroborates"];

impl Relations {
    pub fn get(&self, name: &str) -> &[Id] {
        match name {
            "contradicts" => &self.contradicts,
            "supersedes" => &self.supersedes,
            _ => &self.corroborates,
        }
    }

    pub fn get_mut(&mut self, name: &str) -> &mut Vec<Id> {
        match name {
            "contradicts" => &mut self.contradicts,
            "supersedes" => &mut self.supersedes,
            _ => &mut self.corroborates,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.contradicts.is_empty() && self.supersedes.is_empty() && self.corroborates.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub source: Id,
    pub quote: String,
    pub attributed_to: Option<String>,
    pub via: Option<Id>,
    pub credibility: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: Id,
    pub path: PathBuf,
    pub event: String,
    pub statement: String,
    pub asserted_by: Option<String>,
    pub date: Option<Timestamp>,
    pub details: Details,
    /// `Some(reason)` when retracted.
    pub retracted: Option<String>,
    pub relations: Relations,
    pub evidence: Vec<Evidence>,
    pub locs: Locs,
}

impl Claim {
    pub fn kind(&self) -> Kind {
        match self.details {
            Details::Casualty(_) => Kind::Casualty,
            Details::Responsibility { .. } => Kind::Responsibility,
            Details::Denial { .. } => Kind::Denial,
            Details::Event => Kind::Event,
        }
    }

    pub fn casualty(&self) -> Option<&Casualty> {
        match &self.details {
            Details::Casualty(c) => Some(c),
            _ => None,
        }
    }

    pub fn is_retracted(&self) -> bool {
        self.retracted.is_some()
    }
}
