//! Figures: the accounts of one count (event, category, group), each
//! account's standing (active, revised, superseded, retracted), the pairs
//! that clash, and the figure's verdict, consensus, envelope and gap.

use super::best::{self, Best};
use super::context::{Context, Grade, TimeKey};
use super::names::AgentId;
use crate::model::count::{EXPLICIT_POLICY, Interval, Precision};
use crate::model::id::Id;
use crate::model::records::Claim;
use crate::model::time::Timestamp;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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

/// Why an account does or does not vote. Only active accounts vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Active,
    /// Every origin of it has a later account in the figure, or (in a
    /// cumulative event) a later running total overtook it.
    Revised,
    Superseded,
    Retracted,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Active => "active",
            Standing::Revised => "revised",
            Standing::Superseded => "superseded",
            Standing::Retracted => "retracted",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Account {
    /// Position of the claim in the analysed claims.
    pub claim: usize,
    pub id: Id,
    pub wording: Option<String>,
    pub interval: Interval,
    pub precision: Precision,
    pub best: Option<u64>,
    pub hedge: Option<String>,
    pub as_of: Option<Timestamp>,
    pub key: TimeKey,
    pub standing: Standing,
    /// The later accounts that revise it.
    pub revised_by: Vec<Id>,
    pub preferred: bool,
    pub sources: Vec<Id>,
    /// Origin roots, in evidence order.
    pub origins: Vec<AgentId>,
    pub grade: Grade,
    /// The verbatim quote that carries the count, if any is linked.
    pub quote: Option<String>,
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

/// Two active accounts that cannot both hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Positions in the figure's accounts.
    pub a: usize,
    pub b: usize,
    /// The distance between the intervals; `None` when only a
    /// `contradicts` relation makes them clash.
    pub gap: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub event: String,
    pub category: String,
    pub group: String,
    pub cumulative: bool,
    pub status: FigureStatus,
    pub consensus: Option<Interval>,
    pub envelope: Option<Interval>,
    pub gap: Option<u64>,
    pub conflicts: Vec<Conflict>,
    /// Roots of the active accounts' origins.
    pub origins: Vec<AgentId>,
    /// Those roots with an origin outside the event's parties.
    pub nonparty: Vec<AgentId>,
    pub best: Option<Best>,
    /// Why there is no best estimate.
    pub why: Option<String>,
    /// Accounts in time order.
    pub accounts: Vec<Account>,
    /// Consistent only because a vague account ("many") is wide enough.
    pub loose: bool,
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

    /// Whether account `i` is in a clashing pair.
    pub fn clashes(&self, i: usize) -> bool {
        self.conflicts.iter().any(|c| c.a == i || c.b == i)
    }

    pub fn active(&self) -> impl Iterator<Item = (usize, &Account)> {
        self.accounts.iter().enumerate().filter(|(_, a)| a.votes())
    }
}

fn precision_of(ctx: &Context<'_>, c: &Claim) -> Precision {
    let Some(k) = c.casualty() else {
        return Precision::Exact;
    };
    let from_interval = if k.interval.is_exact() {
        Precision::Exact
    } else {
        Precision::Bounded
    };
    let policy = match k.policy.as_deref() {
        Some(EXPLICIT_POLICY) => return from_interval,
        Some(name) => ctx.config.policy_named(name),
        None => Some(ctx.config.policy.clone()),
    };
    match (k.wording.as_deref(), policy) {
        (Some(w), Some(p)) => p.read(w).map(|r| r.precision).unwrap_or(from_interval),
        _ => from_interval,
    }
}

/// The quote that carries the count: the first whose numbers include one
/// of the wording's, else the first quote.
fn count_quote(c: &Claim) -> Option<String> {
    let wording_numbers = c
        .casualty()
        .and_then(|k| k.wording.as_deref())
        .map(crate::model::count::numbers_in)
        .unwrap_or_default();
    c.evidence
        .iter()
        .find(|e| {
            let q = crate::model::count::numbers_in(&e.quote);
            wording_numbers.iter().any(|n| q.contains(n))
        })
        .or(c.evidence.first())
        .map(|e| e.quote.clone())
}

fn account(ctx: &Context<'_>, i: usize) -> Option<Account> {
    let c = &ctx.claims[i];
    let k = c.casualty()?;
    let info = &ctx.info[i];
    let standing = if c.is_retracted() {
        Standing::Retracted
    } else if ctx.superseded[i] {
        Standing::Superseded
    } else {
        Standing::Active
    };
    Some(Account {
        claim: i,
        id: c.id.clone(),
        wording: k.wording.clone(),
        interval: k.interval,
        precision: precision_of(ctx, c),
        best: k.best,
        hedge: k.hedge.clone(),
        as_of: k.as_of.clone(),
        key: info.key.clone(),
        standing,
        revised_by: Vec::new(),
        preferred: c.preferred,
        sources: ctx.claim_sources(i),
        origins: info.origins.iter().map(|o| o.root).collect(),
        grade: info.grade,
        quote: count_quote(c),
    })
}

pub fn figures(ctx: &Context<'_>) -> Vec<Figure> {
    let accounts: Vec<Account> = (0..ctx.claims.len())
        .into_par_iter()
        .filter_map(|i| account(ctx, i))
        .collect();
    let mut groups: FxHashMap<(&str, &str, &str), Vec<Account>> = FxHashMap::default();
    for a in accounts {
        let c = &ctx.claims[a.claim];
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
            accounts.sort_by(|a, b| a.key.sort_cmp(&b.key).then_with(|| a.id.cmp(&b.id)));
            figure(ctx, event, category, group, accounts)
        })
        .collect()
}

/// The first position in `keys` (sorted by [`TimeKey::sort_cmp`]) of a key
/// later than `k`: the later keys are a suffix.
pub fn later_start(keys: &[&TimeKey], k: &TimeKey) -> usize {
    let Some(t) = &k.time else {
        return keys.len();
    };
    keys.partition_point(|x| match &x.time {
        None => false,
        Some(xt) => match xt.cmp(t) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => match (&k.published, &x.published) {
                (Some(p), Some(q)) => q <= p,
                _ => true,
            },
        },
    })
}

/// Marks revised accounts (DESIGN, Standing): every origin has a later,
/// non-retracted account in the figure; in a cumulative event, also an
/// account overtaken by a later running total above its maximum.
pub fn mark_revised(accounts: &mut [Account], cumulative: bool) {
    // Non-retracted accounts with a time, in time order, per origin.
    let order: Vec<usize> = {
        let mut v: Vec<usize> = (0..accounts.len())
            .filter(|i| {
                accounts[*i].standing != Standing::Retracted && accounts[*i].key.time.is_some()
            })
            .collect();
        v.sort_by(|a, b| accounts[*a].key.sort_cmp(&accounts[*b].key));
        v
    };
    let mut per_origin: FxHashMap<AgentId, Vec<usize>> = FxHashMap::default();
    for i in &order {
        for o in &accounts[*i].origins {
            per_origin.entry(*o).or_default().push(*i);
        }
    }
    let mut revised: Vec<(usize, Vec<Id>)> = Vec::new();
    // Overtaking: the highest minimum among the later accounts.
    let keys_all: Vec<&TimeKey> = order.iter().map(|i| &accounts[*i].key).collect();
    let mut suffix_best: Vec<Option<usize>> = vec![None; order.len() + 1];
    if cumulative {
        for p in (0..order.len()).rev() {
            let here = order[p];
            suffix_best[p] = match suffix_best[p + 1] {
                Some(b) if accounts[b].interval.min >= accounts[here].interval.min => Some(b),
                _ => Some(here),
            };
        }
    }
    for (i, a) in accounts.iter().enumerate() {
        if a.standing != Standing::Active || a.key.time.is_none() {
            continue;
        }
        let mut by = Vec::new();
        let every_origin = !a.origins.is_empty()
            && a.origins.iter().all(|o| {
                let list = &per_origin[o];
                let keys: Vec<&TimeKey> = list.iter().map(|j| &accounts[*j].key).collect();
                let start = later_start(&keys, &a.key);
                match list.get(start) {
                    Some(next) => {
                        by.push(accounts[*next].id.clone());
                        true
                    }
                    None => false,
                }
            });
        if every_origin {
            revised.push((i, by));
            continue;
        }
        if cumulative && let Some(max) = a.interval.max {
            let start = later_start(&keys_all, &a.key);
            if let Some(b) = suffix_best[start]
                && accounts[b].interval.min > max
            {
                revised.push((i, vec![accounts[b].id.clone()]));
            }
        }
    }
    for (i, mut by) in revised {
        by.sort();
        by.dedup();
        accounts[i].standing = Standing::Revised;
        accounts[i].revised_by = by;
    }
}

/// Whether two active accounts clash, and their gap.
pub fn clash(a: &Account, b: &Account, cumulative: bool, contradicts: bool) -> Option<Option<u64>> {
    if cumulative && a.key.time.is_some() && b.key.time.is_some() && a.key.time != b.key.time {
        let (early, late) = if b.key.later_than(&a.key) {
            (a, b)
        } else {
            (b, a)
        };
        let lower = late.interval.max.is_some_and(|m| m < early.interval.min);
        if lower {
            return Some(late.interval.max.map(|m| early.interval.min - m));
        }
        return contradicts.then_some(None);
    }
    if a.interval.intersect(&b.interval).is_none() {
        return Some(Some(a.interval.gap(&b.interval)));
    }
    contradicts.then_some(None)
}

fn figure(
    ctx: &Context<'_>,
    event: &str,
    category: &str,
    group: &str,
    mut accounts: Vec<Account>,
) -> Figure {
    let cumulative = ctx.is_cumulative(event);
    mark_revised(&mut accounts, cumulative);
    let active: Vec<usize> = (0..accounts.len())
        .filter(|i| accounts[*i].votes())
        .collect();
    // `contradicts` links between accounts of this figure, either direction.
    let position: FxHashMap<&str, usize> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut linked: FxHashSet<(usize, usize)> = FxHashSet::default();
    for (i, a) in accounts.iter().enumerate() {
        for other in &ctx.claims[a.claim].relations.contradicts {
            if let Some(&j) = position.get(other.as_str())
                && j != i
            {
                linked.insert((i.min(j), i.max(j)));
            }
        }
    }
    let mut conflicts = Vec::new();
    for (x, &i) in active.iter().enumerate() {
        for &j in &active[x + 1..] {
            let contradicts = linked.contains(&(i.min(j), i.max(j)));
            if let Some(gap) = clash(&accounts[i], &accounts[j], cumulative, contradicts) {
                conflicts.push(Conflict { a: i, b: j, gap });
            }
        }
    }
    let status = match active.len() {
        0 => FigureStatus::Withdrawn,
        _ if !conflicts.is_empty() => FigureStatus::Conflicting,
        1 => FigureStatus::SingleAccount,
        _ => FigureStatus::Consistent,
    };
    let consensus = active
        .iter()
        .map(|i| Some(accounts[*i].interval))
        .reduce(|x, y| x.and_then(|x| y.and_then(|y| x.intersect(&y))))
        .flatten();
    let envelope = active
        .iter()
        .map(|i| accounts[*i].interval)
        .reduce(|x, y| x.hull(&y));
    let gap = conflicts.iter().filter_map(|c| c.gap).max();
    let loose =
        status == FigureStatus::Consistent && active.iter().any(|i| accounts[*i].is_vague());
    let mut origins: Vec<AgentId> = Vec::new();
    let mut nonparty: Vec<AgentId> = Vec::new();
    for i in &active {
        for o in &ctx.info[accounts[*i].claim].origins {
            if !origins.contains(&o.root) {
                origins.push(o.root);
            }
            let outside = !o.party;
            if outside && !nonparty.contains(&o.root) {
                nonparty.push(o.root);
            }
        }
    }
    let mut f = Figure {
        event: event.to_string(),
        category: category.to_string(),
        group: group.to_string(),
        cumulative,
        status,
        consensus,
        envelope,
        gap,
        conflicts,
        origins,
        nonparty,
        best: None,
        why: None,
        accounts,
        loose,
    };
    match best::estimate(&f) {
        Ok(b) => f.best = Some(b),
        Err(why) => f.why = Some(why),
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::*;

    #[test]
    fn open_intervals_agree_with_points_inside_them() {
        let f = figure_of(&[count("a", "at least 10"), count("b", "25")]);
        assert_eq!(f.status, FigureStatus::Consistent);
        assert_eq!(f.consensus, Some(Interval::exact(25)));
        assert_eq!(f.envelope, Some(Interval::new(10, None)));
    }

    #[test]
    fn a_point_below_an_open_interval_conflicts_and_the_gap_is_reported() {
        let f = figure_of(&[count("a", "four"), count("b", "at least 10")]);
        assert_eq!(f.status, FigureStatus::Conflicting);
        assert_eq!(f.consensus, None);
        assert_eq!(f.gap, Some(6));
        assert_eq!(f.envelope, Some(Interval::new(4, None)));
    }

    #[test]
    fn at_least_40_beside_44_and_47_clashes_with_neither() {
        let f = figure_of(&[
            count("a", "at least 40"),
            count("b", "44"),
            count("c", "47"),
        ]);
        assert_eq!(f.status, FigureStatus::Conflicting);
        assert_eq!(f.conflicts.len(), 1);
        let ids: Vec<&str> = [f.conflicts[0].a, f.conflicts[0].b]
            .iter()
            .map(|i| f.accounts[*i].id.as_str())
            .collect();
        assert_eq!(ids, vec!["b", "c"]);
        let a = f
            .accounts
            .iter()
            .position(|x| x.id.as_str() == "a")
            .unwrap();
        assert!(!f.clashes(a));
        assert_eq!(f.gap, Some(3));
    }

    #[test]
    fn retracted_and_superseded_accounts_do_not_vote() {
        let mut old = count("a", "15");
        old.retraction = Some(retraction("wrong"));
        let f = figure_of(&[old, count("b", "25")]);
        assert_eq!(f.status, FigureStatus::SingleAccount);
        let mut newer = count("c", "18");
        newer.relations.supersedes.push(id("d"));
        let f = figure_of(&[newer, count("d", "15")]);
        assert_eq!(f.status, FigureStatus::SingleAccount);
        let d = f.accounts.iter().find(|a| a.id.as_str() == "d").unwrap();
        assert_eq!(d.standing, Standing::Superseded);
        let mut gone = count("e", "3");
        gone.retraction = Some(retraction("x"));
        let f = figure_of(&[gone]);
        assert_eq!(f.status, FigureStatus::Withdrawn);
        assert_eq!(f.envelope, None);
    }

    #[test]
    fn a_supersedes_cycle_is_ignored_and_the_conflict_stays() {
        let mut a = count("a", "18");
        a.relations.supersedes.push(id("b"));
        let mut b = count("b", "at least 25");
        b.relations.supersedes.push(id("a"));
        let f = figure_of(&[a, b]);
        assert_eq!(f.status, FigureStatus::Conflicting);
        assert!(f.accounts.iter().all(|a| a.votes()));
    }

    #[test]
    fn explicit_contradicts_wins_over_overlap() {
        let mut a = count("a", "about 20");
        a.relations.contradicts.push(id("b"));
        let f = figure_of(&[a, count("b", "21")]);
        assert_eq!(f.status, FigureStatus::Conflicting);
        assert_eq!(f.consensus, Some(Interval::exact(21)));
        assert_eq!(
            f.conflicts,
            vec![Conflict {
                a: 0,
                b: 1,
                gap: None
            }]
        );
        assert_eq!(f.gap, None);
    }

    #[test]
    fn vague_agreement_is_loose() {
        let f = figure_of(&[count("a", "four"), count("b", "many")]);
        assert_eq!(f.status, FigureStatus::Consistent);
        assert!(f.loose);
        assert!(!figure_of(&[count("a", "four"), count("b", "4")]).loose);
    }

    #[test]
    fn a_growing_series_from_one_origin_is_revised_not_rival() {
        // An armed group's count of its wounded, updated over a week, and
        // the other side's claim.
        let claims = [
            dated(from(count("rb-1", "3"), "Ridge Brigade"), "2024-03-05"),
            dated(from(count("rb-2", "9"), "Ridge Brigade"), "2024-03-07"),
            dated(from(count("rb-3", "15"), "Ridge Brigade"), "2024-03-09"),
            dated(from(count("rb-4", "18"), "Ridge Brigade"), "2024-03-10"),
            dated(from(count("rb-5", "22"), "Ridge Brigade"), "2024-03-12"),
            dated(
                from(count("other", "40 to 60"), "Valley Command"),
                "2024-03-08",
            ),
        ];
        let f = figure_of(&claims);
        let standing = |id: &str| {
            f.accounts
                .iter()
                .find(|a| a.id.as_str() == id)
                .unwrap()
                .standing
        };
        for old in ["rb-1", "rb-2", "rb-3", "rb-4"] {
            assert_eq!(standing(old), Standing::Revised, "{old}");
        }
        assert_eq!(standing("rb-5"), Standing::Active);
        assert_eq!(f.status, FigureStatus::Conflicting);
        assert_eq!(f.conflicts.len(), 1);
        // The gap is measured from the current figure, 22, not the stale 3.
        assert_eq!(f.gap, Some(18));
        let rb1 = f.accounts.iter().find(|a| a.id.as_str() == "rb-1").unwrap();
        assert_eq!(rb1.revised_by, vec![id("rb-2")]);
    }

    #[test]
    fn a_ministry_revising_down_is_a_revision() {
        let claims = [
            dated(from(count("moh-1", "410"), "Health Ministry"), "2024-01-01"),
            dated(from(count("moh-2", "385"), "Health Ministry"), "2024-01-02"),
        ];
        let f = figure_of(&claims);
        assert_eq!(f.status, FigureStatus::SingleAccount);
        assert_eq!(f.consensus, Some(Interval::exact(385)));
    }

    #[test]
    fn running_totals_in_a_cumulative_event() {
        let claims = [
            dated(from(count("agency", "6,000"), "Aid Agency"), "2024-04-01"),
            dated(from(count("ministry", "11,000"), "Ministry"), "2024-10-01"),
        ];
        let f = cumulative_figure_of(&claims);
        let agency = f
            .accounts
            .iter()
            .find(|a| a.id.as_str() == "agency")
            .unwrap();
        assert_eq!(agency.standing, Standing::Revised);
        assert_eq!(agency.revised_by, vec![id("ministry")]);
        assert_eq!(f.status, FigureStatus::SingleAccount);
        assert_eq!(f.gap, None);
        // A later total that is lower clashes.
        let claims = [
            dated(from(count("agency", "11,000"), "Aid Agency"), "2024-04-01"),
            dated(from(count("ministry", "6,000"), "Ministry"), "2024-10-01"),
        ];
        let f = cumulative_figure_of(&claims);
        assert_eq!(f.status, FigureStatus::Conflicting);
        assert_eq!(f.gap, Some(5000));
        // The same stale pair outside a cumulative event is a plain conflict.
        let claims = [
            dated(from(count("agency", "6,000"), "Aid Agency"), "2024-04-01"),
            dated(from(count("ministry", "11,000"), "Ministry"), "2024-10-01"),
        ];
        assert_eq!(figure_of(&claims).status, FigureStatus::Conflicting);
    }

    #[test]
    fn an_account_with_two_origins_stays_while_one_still_stands_behind_it() {
        let mut both = dated(count("both", "10"), "2024-01-01");
        both.evidence = vec![evidence("s1", "A"), evidence("s1", "B")];
        let claims = [both, dated(from(count("a-later", "12"), "A"), "2024-01-02")];
        let f = figure_of(&claims);
        let b = f.accounts.iter().find(|a| a.id.as_str() == "both").unwrap();
        assert_eq!(b.standing, Standing::Active);
        assert_eq!(f.status, FigureStatus::Conflicting);
    }

    #[test]
    fn undated_accounts_are_never_later() {
        let claims = [from(count("a", "3"), "X"), from(count("b", "5"), "X")];
        let f = figure_of(&claims);
        assert!(f.accounts.iter().all(|a| a.votes()));
        assert_eq!(f.status, FigureStatus::Conflicting);
    }
}
