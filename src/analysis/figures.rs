//! Figures: the accounts of one count (event, category, group), their
//! consensus, envelope and whether they conflict.

use super::Context;
use crate::count::{EXPLICIT_POLICY, Interval, Precision};
use crate::fxhash::{FxHashMap, FxHashSet};
use crate::id::Id;
use crate::model::Claim;
use crate::timestamp::Timestamp;
use rayon::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureStatus {
    Consistent,
    Conflicting,
    SingleAccount,
    Withdrawn,
}

impl FigureStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureStatus::Consistent => "consistent",
            FigureStatus::Conflicting => "conflicting",
            FigureStatus::SingleAccount => "single-account",
            FigureStatus::Withdrawn => "withdrawn",
        }
    }
}

/// Why an account does or does not vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Active,
    Retracted,
    Superseded,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub claim: Id,
    pub wording: Option<String>,
    pub interval: Interval,
    pub precision: Precision,
    pub asserted_by: Option<String>,
    pub sources: Vec<Id>,
    pub origins: Vec<String>,
    pub published: Option<Timestamp>,
    pub date: Option<Timestamp>,
    pub quote: Option<String>,
    pub standing: Standing,
}

impl Account {
    pub fn votes(&self) -> bool {
        self.standing == Standing::Active
    }

    pub fn is_vague(&self) -> bool {
        self.precision == Precision::Vague
    }

    /// The wording as written, or the interval when none was given.
    pub fn label(&self) -> String {
        self.wording
            .clone()
            .unwrap_or_else(|| self.interval.to_string())
    }
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub event: String,
    pub category: String,
    pub group: String,
    pub status: FigureStatus,
    pub consensus: Option<Interval>,
    pub envelope: Interval,
    /// Distinct canonical origins behind the voting accounts.
    pub origins: Vec<String>,
    pub accounts: Vec<Account>,
    /// Explicit `contradicts` links between two voting accounts.
    pub contradictions: Vec<(Id, Id)>,
    /// Consistent only because a vague account ("many") is wide enough.
    pub loose: bool,
    /// When the intervals do not overlap: the distance between the highest
    /// minimum and the lowest maximum ("18" vs "at least 25" are 7 apart).
    pub gap: Option<u64>,
}

impl Figure {
    pub fn key(&self) -> (String, String, String) {
        (
            self.event.clone(),
            self.category.clone(),
            self.group.clone(),
        )
    }

    pub fn name(&self) -> String {
        format!("{} {}", self.group, self.category)
    }
}

fn precision_of(
    ctx: &Context<'_>,
    wording: Option<&str>,
    policy: Option<&str>,
    iv: Interval,
) -> Precision {
    let from_interval = if iv.max == Some(iv.min) {
        Precision::Exact
    } else {
        Precision::Bounded
    };
    if policy == Some(EXPLICIT_POLICY) {
        return from_interval;
    }
    wording
        .and_then(|w| ctx.config.policy.read(w).ok())
        .map(|r| r.precision)
        .unwrap_or(from_interval)
}

pub fn account(ctx: &Context<'_>, c: &Claim) -> Option<Account> {
    let k = c.casualty()?;
    let standing = if c.is_retracted() {
        Standing::Retracted
    } else if ctx.superseded_by.contains_key(c.id.as_str()) {
        Standing::Superseded
    } else {
        Standing::Active
    };
    Some(Account {
        claim: c.id.clone(),
        wording: k.wording.clone(),
        interval: k.interval,
        precision: precision_of(ctx, k.wording.as_deref(), k.policy.as_deref(), k.interval),
        asserted_by: c.asserted_by.as_deref().map(|a| ctx.canonical(a)),
        sources: ctx.claim_sources(c),
        origins: ctx.claim_origins(c).to_vec(),
        published: ctx.first_published(c).map(|(t, _)| t),
        date: c.date.clone(),
        quote: c.evidence.first().map(|e| e.quote.clone()),
        standing,
    })
}

pub fn figures(ctx: &Context<'_>) -> Vec<Figure> {
    // Accounts on all cores, then grouped by (event, category, group).
    let accounts: Vec<(&Claim, Account)> = ctx
        .claims
        .par_iter()
        .filter_map(|c| account(ctx, c).map(|a| (c, a)))
        .collect();
    let mut groups: FxHashMap<(&str, &str, &str), Vec<Account>> = FxHashMap::default();
    for (c, a) in accounts {
        if let Some(k) = c.casualty() {
            groups
                .entry((c.event.as_str(), k.category.as_str(), k.group.as_str()))
                .or_default()
                .push(a);
        }
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    groups
        .into_par_iter()
        .map(|((event, category, group), mut accounts)| {
            accounts.sort_by(|a, b| {
                a.published
                    .cmp(&b.published)
                    .then_with(|| a.claim.cmp(&b.claim))
            });
            figure(
                ctx,
                event.to_string(),
                category.to_string(),
                group.to_string(),
                accounts,
            )
        })
        .collect()
}

fn figure(
    ctx: &Context<'_>,
    event: String,
    category: String,
    group: String,
    accounts: Vec<Account>,
) -> Figure {
    let voting: Vec<&Account> = accounts.iter().filter(|a| a.votes()).collect();
    let envelope_of =
        |it: &mut dyn Iterator<Item = &Account>| it.map(|a| a.interval).reduce(|x, y| x.hull(&y));
    let envelope = envelope_of(&mut voting.iter().copied())
        .or_else(|| envelope_of(&mut accounts.iter()))
        .unwrap_or(Interval::exact(0));
    let consensus = voting
        .iter()
        .map(|a| Some(a.interval))
        .reduce(|x, y| x.and_then(|x| y.and_then(|y| x.intersect(&y))))
        .flatten();
    let ids: FxHashSet<&str> = voting.iter().map(|a| a.claim.as_str()).collect();
    let mut contradictions = Vec::new();
    for a in &voting {
        if let Some(c) = ctx.by_id.get(a.claim.as_str()) {
            for other in &c.relations.contradicts {
                if ids.contains(other.as_str()) && other != &a.claim {
                    let pair = if a.claim < *other {
                        (a.claim.clone(), other.clone())
                    } else {
                        (other.clone(), a.claim.clone())
                    };
                    if !contradictions.contains(&pair) {
                        contradictions.push(pair);
                    }
                }
            }
        }
    }
    let status = match voting.len() {
        0 => FigureStatus::Withdrawn,
        _ if consensus.is_none() || !contradictions.is_empty() => FigureStatus::Conflicting,
        1 => FigureStatus::SingleAccount,
        _ => FigureStatus::Consistent,
    };
    let loose = status == FigureStatus::Consistent && voting.iter().any(|a| a.is_vague());
    let gap = match consensus {
        Some(_) => None,
        None => {
            let highest_min = voting.iter().map(|a| a.interval.min).max().unwrap_or(0);
            let lowest_max = voting.iter().filter_map(|a| a.interval.max).min();
            lowest_max.map(|m| highest_min.saturating_sub(m))
        }
    };
    let mut origins: Vec<String> = Vec::new();
    let mut keys: FxHashSet<String> = FxHashSet::default();
    for a in &voting {
        for o in &a.origins {
            if keys.insert(o.to_lowercase()) {
                origins.push(o.clone());
            }
        }
    }
    Figure {
        event,
        category,
        group,
        status,
        consensus,
        envelope,
        origins,
        accounts,
        contradictions,
        loose,
        gap,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::*;
    use crate::analysis::{Analysis, Status};
    use crate::config::Config;

    fn figure_of(claims: &[Claim]) -> Figure {
        let cfg = Config::default();
        Analysis::new(claims, &[], &cfg).figures.remove(0)
    }

    #[test]
    fn open_intervals_agree_with_points_inside_them() {
        let f = figure_of(&[count("a", "at least 10"), count("b", "25")]);
        assert_eq!(f.status, FigureStatus::Consistent);
        assert_eq!(f.consensus, Some(Interval::exact(25)));
        assert_eq!(f.envelope, Interval::new(10, None));
    }

    #[test]
    fn a_point_below_an_open_interval_conflicts_and_the_gap_is_reported() {
        let f = figure_of(&[count("a", "four"), count("b", "at least 10")]);
        assert_eq!(f.status, FigureStatus::Conflicting);
        assert_eq!(f.consensus, None);
        assert_eq!(f.gap, Some(6));
        assert_eq!(f.envelope, Interval::new(4, None));
    }

    #[test]
    fn retracted_and_superseded_accounts_do_not_vote() {
        let mut old = count("a", "15");
        old.retracted = Some("wrong".into());
        let f = figure_of(&[old, count("b", "25")]);
        assert_eq!(f.status, FigureStatus::SingleAccount);
        let mut newer = count("c", "18");
        newer.relations.supersedes.push(id("d"));
        let f = figure_of(&[newer, count("d", "15")]);
        assert_eq!(f.status, FigureStatus::SingleAccount);
        assert_eq!(
            f.accounts
                .iter()
                .find(|a| a.claim.as_str() == "d")
                .unwrap()
                .standing,
            Standing::Superseded
        );
        let mut gone = count("e", "3");
        gone.retracted = Some("x".into());
        assert_eq!(figure_of(&[gone]).status, FigureStatus::Withdrawn);
    }

    #[test]
    fn explicit_contradicts_wins_over_overlap() {
        let mut a = count("a", "about 20");
        a.relations.contradicts.push(id("b"));
        let f = figure_of(&[a, count("b", "21")]);
        assert_eq!(f.status, FigureStatus::Conflicting);
        assert_eq!(f.consensus, Some(Interval::exact(21)));
        assert_eq!(f.contradictions, vec![(id("a"), id("b"))]);
    }

    #[test]
    fn vague_agreement_is_loose() {
        let f = figure_of(&[count("a", "four"), count("b", "many")]);
        assert_eq!(f.status, FigureStatus::Consistent);
        assert!(f.loose);
        assert!(!figure_of(&[count("a", "four"), count("b", "4")]).loose);
    }

    #[test]
    fn statuses_follow_denials_and_contested_blame() {
        let cfg = Config::default();
        let claims = [
            blame("us", "Kataib Hezbollah", "U.S."),
            blame("trump", "Iran", "Trump"),
            denial("kh", "us", "KH"),
        ];
        let a = Analysis::new(&claims, &[], &cfg);
        assert!(a.statuses_of("us").contains(&Status::Denied));
        assert!(a.statuses_of("us").contains(&Status::Contested));
        assert!(a.statuses_of("trump").contains(&Status::Contested));
        assert!(!a.statuses_of("trump").contains(&Status::Denied));
        let us = a
            .responsibility
            .iter()
            .find(|r| r.actor == "Kataib Hezbollah")
            .unwrap();
        assert_eq!(us.denied_by, vec!["KH".to_string()]);
        assert!(us.contested);
    }

    #[test]
    fn a_retracted_denial_no_longer_denies() {
        let cfg = Config::default();
        let mut d = denial("kh", "us", "KH");
        d.retracted = Some("withdrawn".into());
        let claims = [blame("us", "Kataib Hezbollah", "U.S."), d];
        let a = Analysis::new(&claims, &[], &cfg);
        assert!(!a.statuses_of("us").contains(&Status::Denied));
    }
}
