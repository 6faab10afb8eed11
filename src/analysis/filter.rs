//! The filters of reading commands: `--event`, `--kind`, `--status`,
//! `--source`, `--origin`, `--actor`, `--tag`, `--since`, `--until`.
//! Filters narrow what is shown, never what is analysed.

use super::Analysis;
use super::names::AgentId;
use super::status::Status;
use crate::model::id::Id;
use crate::model::records::Kind;
use crate::model::time::{AsOf, Timestamp};

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub event: Option<String>,
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    pub source: Option<Id>,
    pub origin: Option<String>,
    pub actor: Option<String>,
    pub tag: Option<String>,
    pub since: Option<Timestamp>,
    pub until: Option<AsOf>,
}

/// A filter whose names are resolved against one analysis.
pub struct Resolved<'f> {
    filter: &'f Filter,
    origin: Option<AgentId>,
    actor: Option<AgentId>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.event.is_none()
            && self.kind.is_none()
            && self.status.is_none()
            && self.source.is_none()
            && self.origin.is_none()
            && self.actor.is_none()
            && self.tag.is_none()
            && self.since.is_none()
            && self.until.is_none()
    }

    /// Resolves `--origin` and `--actor` to agents; an unknown name is an
    /// error naming the flag.
    pub fn resolve<'f>(&'f self, a: &Analysis<'_>) -> Result<Resolved<'f>, String> {
        let agent = |flag: &str, name: &Option<String>| -> Result<Option<AgentId>, String> {
            match name {
                None => Ok(None),
                Some(n) => a.ctx.names.lookup(n).map(Some).ok_or_else(|| {
                    format!(
                        "{flag} {n:?} names no entity, asserter, origin or actor in this workspace"
                    )
                }),
            }
        };
        Ok(Resolved {
            filter: self,
            origin: agent("--origin", &self.origin)?,
            actor: agent("--actor", &self.actor)?,
        })
    }
}

impl Resolved<'_> {
    /// Whether claim `i` is shown.
    pub fn matches(&self, a: &Analysis<'_>, i: usize) -> bool {
        let f = self.filter;
        let c = &a.ctx.claims[i];
        let info = &a.ctx.info[i];
        let names = &a.ctx.names;
        if f.event.as_ref().is_some_and(|e| &c.event != e) {
            return false;
        }
        if f.kind.is_some_and(|k| c.kind() != k) {
            return false;
        }
        if f.status.is_some_and(|s| !a.statuses[i].contains(&s)) {
            return false;
        }
        if f.tag.as_ref().is_some_and(|t| !c.tags.contains(t)) {
            return false;
        }
        if let Some(o) = self.origin {
            let any = info
                .origins
                .iter()
                .flat_map(|x| &x.speakers)
                .any(|s| names.within(*s, o));
            if !any {
                return false;
            }
        }
        if let Some(x) = self.actor
            && !info.actor.is_some_and(|act| names.within(act, x))
        {
            return false;
        }
        if let Some(s) = &f.source {
            let any = c.evidence.iter().any(|e| {
                e.source == *s
                    || e.via.as_ref() == Some(s)
                    || relayed_from(a, &e.source, s)
                    || e.via.as_ref().is_some_and(|v| relayed_from(a, v, s))
            });
            if !any {
                return false;
            }
        }
        if f.since.is_some() || f.until.is_some() {
            let Some(t) = &info.key.time else {
                return false;
            };
            if let Some(since) = &f.since {
                let after = match since {
                    Timestamp::Date(d) => t.utc_date() >= *d,
                    s => t >= s,
                };
                if !after {
                    return false;
                }
            }
            if f.until.as_ref().is_some_and(|u| !u.includes(t)) {
                return false;
            }
        }
        true
    }
}

/// Whether `start` relays `target` through its `cites` chain.
fn relayed_from(a: &Analysis<'_>, start: &Id, target: &Id) -> bool {
    let sources = a.ctx.sources;
    let mut cur = a.ctx.source_index.get(start.as_str()).copied();
    let mut steps = 0;
    while let Some(i) = cur {
        if sources[i].id == *target {
            return true;
        }
        steps += 1;
        if steps > sources.len() {
            break;
        }
        cur = sources[i]
            .cites
            .first()
            .and_then(|c| a.ctx.source_index.get(c.as_str()).copied());
    }
    false
}
