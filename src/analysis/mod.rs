//! What is derived, never stored: who speaks (entities, origins, parties),
//! figures and their series, best estimates, responsibility, claim
//! statuses, timelines and the semantic diff. Pure functions of the loaded
//! records; no I/O.

pub mod best;
pub mod context;
pub mod diff;
pub mod figures;
pub mod filter;
pub mod inbound;
pub mod names;
pub mod responsibility;
pub mod status;
pub mod summary;
pub mod timeline;
pub mod view;

pub use best::{Basis, Best};
pub use context::{Context, Inputs};
pub use figures::{Account, Figure, FigureStatus, Standing};
pub use responsibility::{Hypothesis, Responsibility, Verdict};
pub use status::Status;
pub use timeline::{AttributionTimeline, FigureTimeline, Version};

/// The whole derived picture of a workspace.
pub struct Analysis<'a> {
    pub ctx: Context<'a>,
    pub figures: Vec<Figure>,
    pub responsibility: Responsibility,
    /// Per claim, by position in the analysed claims.
    pub statuses: Vec<Vec<Status>>,
    /// Per claim: its figure and its position among the figure's accounts.
    accounts: Vec<Option<(u32, u32)>>,
}

impl<'a> Analysis<'a> {
    pub fn new(inputs: Inputs<'a>) -> Analysis<'a> {
        let ctx = Context::new(inputs);
        let (figures, responsibility) = rayon::join(
            || figures::figures(&ctx),
            || responsibility::responsibility(&ctx),
        );
        let statuses = status::statuses(&ctx, &figures, &responsibility);
        let mut accounts = vec![None; ctx.claims.len()];
        for (fi, f) in figures.iter().enumerate() {
            for (ai, a) in f.accounts.iter().enumerate() {
                accounts[a.claim] = Some((fi as u32, ai as u32));
            }
        }
        Analysis {
            ctx,
            figures,
            responsibility,
            statuses,
            accounts,
        }
    }

    /// The position of a claim.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.ctx.claim(id)
    }

    pub fn statuses_of(&self, id: &str) -> &[Status] {
        self.index(id)
            .map(|i| self.statuses[i].as_slice())
            .unwrap_or(&[])
    }

    pub fn has(&self, id: &str) -> bool {
        self.index(id).is_some()
    }

    /// Each figure's versions in time order.
    pub fn timelines(&self) -> Vec<FigureTimeline> {
        timeline::timelines(&self.ctx, &self.figures)
    }

    pub fn attributions(&self) -> Vec<AttributionTimeline> {
        timeline::attributions(&self.ctx, &self.responsibility)
    }

    /// The figure and account position of a casualty claim.
    pub fn account_of(&self, claim: usize) -> Option<(usize, usize)> {
        let (f, a) = (*self.accounts.get(claim)?)?;
        Some((f as usize, a as usize))
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small record builders for the analysis unit tests.
    use super::*;
    use crate::model::config::Config;
    use crate::model::count::{CountPolicy, Interval};
    use crate::model::id::Id;
    use crate::model::records::*;
    use crate::model::time::Timestamp;

    pub fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    pub fn evidence(source: &str, origin: &str) -> Evidence {
        Evidence {
            source: id(source),
            quote: "q".into(),
            attributed_to: Some(origin.into()),
            via: None,
            credibility: None,
        }
    }

    fn claim(name: &str, details: Details) -> Claim {
        Claim {
            id: id(name),
            event: "e".into(),
            statement: "s".into(),
            asserted_by: None,
            date: None,
            details,
            preferred: false,
            retraction: None,
            notes: None,
            tags: Vec::new(),
            relations: Relations::default(),
            review: None,
            evidence: vec![evidence("s1", &format!("origin of {name}"))],
        }
    }

    pub fn retraction(reason: &str) -> Retraction {
        Retraction {
            reason: reason.into(),
            on: None,
        }
    }

    /// A casualty account read by `default-v2` from `wording`.
    pub fn count(name: &str, wording: &str) -> Claim {
        let interval = CountPolicy::v2().read(wording).unwrap().interval;
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
                best: None,
                as_of: None,
                hedge: None,
                policy: Some("default-v2".into()),
            }),
        )
    }

    /// The claim with its one evidence item attributed to `origin`.
    pub fn from(mut c: Claim, origin: &str) -> Claim {
        c.evidence = vec![evidence("s1", origin)];
        c
    }

    pub fn dated(mut c: Claim, date: &str) -> Claim {
        c.date = Some(Timestamp::parse(date).unwrap());
        c
    }

    pub fn blame(name: &str, actor: &str, by: &str) -> Claim {
        let mut c = claim(
            name,
            Details::Responsibility(Blame {
                actor: actor.into(),
                stance: None,
                hedge: None,
            }),
        );
        c.asserted_by = Some(by.into());
        c
    }

    pub fn admission(name: &str, actor: &str, by: &str) -> Claim {
        let mut c = blame(name, actor, by);
        if let Details::Responsibility(b) = &mut c.details {
            b.stance = Some(Stance::Admits);
        }
        c
    }

    pub fn denial(name: &str, denies: &str, by: &str) -> Claim {
        let mut c = claim(
            name,
            Details::Denial(Denial {
                denies: Some(id(denies)),
                actor: None,
            }),
        );
        c.asserted_by = Some(by.into());
        c
    }

    pub fn denial_of_actor(name: &str, actor: &str, by: &str) -> Claim {
        let mut c = claim(
            name,
            Details::Denial(Denial {
                denies: None,
                actor: Some(actor.into()),
            }),
        );
        c.asserted_by = Some(by.into());
        c
    }

    pub fn entity(id_: &str, name: &str, part_of: Option<&str>) -> Entity {
        Entity {
            id: id(id_),
            name: name.into(),
            kind: None,
            part_of: part_of.map(id),
            aliases: Vec::new(),
            notes: None,
        }
    }

    pub fn source(id_: &str, publisher: &str, published: Option<&str>) -> Source {
        Source {
            id: id(id_),
            title: "t".into(),
            publisher: publisher.into(),
            url: None,
            published: published.map(|p| Timestamp::parse(p).unwrap()),
            accessed: None,
            language: None,
            reliability: None,
            cites: Vec::new(),
            revises: None,
            sha256: None,
            notes: None,
            tags: Vec::new(),
            capture: None,
        }
    }

    /// Records to analyse, owned.
    pub struct World {
        pub claims: Vec<Claim>,
        pub sources: Vec<Source>,
        pub entities: Vec<Entity>,
        pub events: Vec<Event>,
        pub config: Config,
    }

    impl World {
        pub fn analysis(&self) -> Analysis<'_> {
            Analysis::new(Inputs {
                claims: &self.claims,
                sources: &self.sources,
                entities: &self.entities,
                events: &self.events,
                config: &self.config,
            })
        }
    }

    pub fn world(claims: &[Claim], entities: &[Entity], events: &[Event]) -> World {
        World {
            claims: claims.to_vec(),
            sources: vec![source("s1", "Wire", None)],
            entities: entities.to_vec(),
            events: events.to_vec(),
            config: Config::default(),
        }
    }

    pub fn figure_of(claims: &[Claim]) -> Figure {
        world(claims, &[], &[]).analysis().figures.remove(0)
    }

    pub fn cumulative_figure_of(claims: &[Claim]) -> Figure {
        let ev = Event {
            id: id("e"),
            title: None,
            date: None,
            start: None,
            end: None,
            place: None,
            parties: Vec::new(),
            cumulative: true,
            notes: None,
        };
        world(claims, &[], &[ev]).analysis().figures.remove(0)
    }
}
