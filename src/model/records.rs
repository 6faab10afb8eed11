//! The records: claims, sources, entities and events, as read from their
//! files. Plain data: no positions, no I/O.

use super::count::Interval;
use super::id::Id;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The four kinds of record and the directory each lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Claim,
    Source,
    Entity,
    Event,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Claim,
        RecordKind::Source,
        RecordKind::Entity,
        RecordKind::Event,
    ];

    pub fn dir(self) -> &'static str {
        match self {
            RecordKind::Claim => "claims",
            RecordKind::Source => "sources",
            RecordKind::Entity => "entities",
            RecordKind::Event => "events",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Claim => "claim",
            RecordKind::Source => "source",
            RecordKind::Entity => "entity",
            RecordKind::Event => "event",
        }
    }

    /// "a claim", "an entity".
    pub fn with_article(self) -> &'static str {
        match self {
            RecordKind::Claim => "a claim",
            RecordKind::Source => "a source",
            RecordKind::Entity => "an entity",
            RecordKind::Event => "an event",
        }
    }

    /// `claims/<id>.toml`, relative to the workspace root.
    pub fn rel(self, id: &Id) -> PathBuf {
        PathBuf::from(format!("{}/{id}.toml", self.dir()))
    }

    pub fn from_dir(dir: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.dir() == dir)
    }
}

/// `sources/<id>.txt`: the archived text of a source.
pub fn archive_rel(id: &Id) -> PathBuf {
    PathBuf::from(format!("sources/{id}.txt"))
}

/// `sources/<id>.html`: the raw bytes of a captured page.
pub fn raw_rel(id: &Id) -> PathBuf {
    PathBuf::from(format!("sources/{id}.html"))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Redirect {
    pub url: String,
    pub status: u16,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateCandidate {
    pub value: String,
    pub from: String,
}

/// How a source's page was captured from the web (`[capture]`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Capture {
    pub requested_url: Option<String>,
    pub final_url: Option<String>,
    pub redirects: Vec<Redirect>,
    pub status: Option<u16>,
    pub content_type: Option<String>,
    pub captured: Option<Timestamp>,
    pub tool: Option<String>,
    pub raw_sha256: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub dates: Vec<DateCandidate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: Id,
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub published: Option<Timestamp>,
    pub accessed: Option<Timestamp>,
    pub language: Option<String>,
    pub reliability: Option<char>,
    pub cites: Vec<Id>,
    pub revises: Option<Id>,
    pub sha256: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub capture: Option<Capture>,
}

impl Source {
    pub fn rel(&self) -> PathBuf {
        RecordKind::Source.rel(&self.id)
    }

    /// When the source is known to have existed: its publication time, else
    /// when it was accessed or captured (a page seen then was published by then).
    pub fn known_since(&self) -> Option<&Timestamp> {
        self.published
            .as_ref()
            .or(self.accessed.as_ref())
            .or_else(|| self.capture.as_ref().and_then(|c| c.captured.as_ref()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Casualty {
    pub category: String,
    pub group: String,
    pub wording: Option<String>,
    pub interval: Interval,
    /// A point estimate within the interval.
    pub best: Option<u64>,
    /// The moment the count refers to ("as of 3 May").
    pub as_of: Option<Timestamp>,
    /// The asserter's own hedge, verbatim ("may rise").
    pub hedge: Option<String>,
    pub policy: Option<String>,
}

/// How a responsibility claim stands towards its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// The asserter blames the actor.
    Accuses,
    /// The actor, or an entity within it, claims the act.
    Claims,
    /// The actor acknowledges it, typically after denying.
    Admits,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Accuses, Stance::Claims, Stance::Admits];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Accuses => "accuses",
            Stance::Claims => "claims",
            Stance::Admits => "admits",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blame {
    pub actor: String,
    /// As written; `None` means the default (derived from the entities).
    pub stance: Option<Stance>,
    pub hedge: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Denial {
    /// The one claim denied.
    pub denies: Option<Id>,
    /// Denies "ACTOR did it" for the claim's event.
    pub actor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Details {
    Casualty(Casualty),
    Responsibility(Blame),
    Denial(Denial),
    Event,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub source: Id,
    pub quote: String,
    pub attributed_to: Option<String>,
    pub via: Option<Id>,
    pub credibility: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Retraction {
    pub reason: String,
    /// From when the retraction applies; absent in files written before it
    /// was recorded, and then it applies always.
    pub on: Option<Timestamp>,
}

/// The desk's published verdict on a claim (`[review]`), as in ClaimReview.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Review {
    pub rating: String,
    pub rating_value: Option<f64>,
    pub best_rating: Option<f64>,
    pub worst_rating: Option<f64>,
    pub explanation: Option<String>,
    pub url: Option<String>,
    pub date: Option<Timestamp>,
    pub author: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: Id,
    pub event: String,
    pub statement: String,
    pub asserted_by: Option<String>,
    pub date: Option<Timestamp>,
    pub details: Details,
    /// `rank = "preferred"`: the desk's chosen value for its figure.
    pub preferred: bool,
    pub retraction: Option<Retraction>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub relations: Relations,
    pub review: Option<Review>,
    pub evidence: Vec<Evidence>,
}

impl Claim {
    pub fn rel(&self) -> PathBuf {
        RecordKind::Claim.rel(&self.id)
    }

    pub fn kind(&self) -> Kind {
        match self.details {
            Details::Casualty(_) => Kind::Casualty,
            Details::Responsibility(_) => Kind::Responsibility,
            Details::Denial(_) => Kind::Denial,
            Details::Event => Kind::Event,
        }
    }

    pub fn casualty(&self) -> Option<&Casualty> {
        match &self.details {
            Details::Casualty(c) => Some(c),
            _ => None,
        }
    }

    pub fn blame(&self) -> Option<&Blame> {
        match &self.details {
            Details::Responsibility(b) => Some(b),
            _ => None,
        }
    }

    pub fn denial(&self) -> Option<&Denial> {
        match &self.details {
            Details::Denial(d) => Some(d),
            _ => None,
        }
    }

    pub fn is_retracted(&self) -> bool {
        self.retraction.is_some()
    }
}

pub const ENTITY_KINDS: [&str; 10] = [
    "person",
    "outlet",
    "agency",
    "government",
    "ministry",
    "military",
    "armed-group",
    "ngo",
    "intergovernmental",
    "other",
];

/// A named speaker or actor (`entities/<id>.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: Id,
    pub name: String,
    pub kind: Option<String>,
    pub part_of: Option<Id>,
    pub aliases: Vec<String>,
    pub notes: Option<String>,
}

impl Entity {
    pub fn rel(&self) -> PathBuf {
        RecordKind::Entity.rel(&self.id)
    }
}

/// An event's own record (`events/<id>.toml`); an event slug needs none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: Id,
    pub title: Option<String>,
    pub date: Option<Timestamp>,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    pub place: Option<String>,
    /// Entity ids of the sides in this event.
    pub parties: Vec<Id>,
    /// Counts are running totals (a war's toll).
    pub cumulative: bool,
    pub notes: Option<String>,
}

impl Event {
    pub fn rel(&self) -> PathBuf {
        RecordKind::Event.rel(&self.id)
    }
}
