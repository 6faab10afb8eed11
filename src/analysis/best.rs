//! The best estimate of a figure and its basis (DESIGN, Best estimate):
//! the desk's `preferred` account; else, in a cumulative event, the `latest`
//! running totals when they agree; else the `consensus` of a consistent or
//! single-account figure; else the `graded` accounts, when in every clashing
//! pair one account is strictly better graded and the better ones agree;
//! else none, with the reason.

use super::figures::{Figure, FigureStatus};
use crate::model::count::Interval;
use crate::model::id::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    Preferred,
    Latest,
    Consensus,
    Graded,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Preferred => "preferred",
            Basis::Latest => "latest",
            Basis::Consensus => "consensus",
            Basis::Graded => "graded",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Best {
    pub interval: Interval,
    /// The accounts the estimate rests on.
    pub claims: Vec<Id>,
    pub basis: Basis,
}

fn intersect_all(f: &Figure, idx: &[usize]) -> Option<Interval> {
    idx.iter()
        .map(|i| Some(f.accounts[*i].interval))
        .reduce(|x, y| x.and_then(|x| y.and_then(|y| x.intersect(&y))))
        .flatten()
}

fn ids(f: &Figure, idx: &[usize]) -> Vec<Id> {
    idx.iter().map(|i| f.accounts[*i].id.clone()).collect()
}

pub fn estimate(f: &Figure) -> Result<Best, String> {
    let active: Vec<usize> = f.active().map(|(i, _)| i).collect();
    if active.is_empty() {
        return Err("no active account: every account is retracted or superseded".into());
    }
    let preferred: Vec<usize> = active
        .iter()
        .copied()
        .filter(|i| f.accounts[*i].preferred)
        .collect();
    if let [p] = preferred[..] {
        return Ok(Best {
            interval: f.accounts[p].interval,
            claims: vec![f.accounts[p].id.clone()],
            basis: Basis::Preferred,
        });
    }
    if f.cumulative {
        // The active accounts that no other active account is later than.
        let latest: Vec<usize> = active
            .iter()
            .copied()
            .filter(|i| f.accounts[*i].key.time.is_some())
            .filter(|i| {
                !active
                    .iter()
                    .any(|j| f.accounts[*j].key.later_than(&f.accounts[*i].key))
            })
            .collect();
        if !latest.is_empty()
            && let Some(iv) = intersect_all(f, &latest)
        {
            return Ok(Best {
                interval: iv,
                claims: ids(f, &latest),
                basis: Basis::Latest,
            });
        }
    }
    if matches!(
        f.status,
        FigureStatus::Consistent | FigureStatus::SingleAccount
    ) && let Some(c) = f.consensus
    {
        return Ok(Best {
            interval: c,
            claims: ids(f, &active),
            basis: Basis::Consensus,
        });
    }
    // Graded: every clashing pair must have a strictly better-graded side.
    let mut better: Vec<usize> = Vec::new();
    for c in &f.conflicts {
        let (a, b) = (&f.accounts[c.a], &f.accounts[c.b]);
        let winner = if a.grade.better_than(&b.grade) {
            c.a
        } else if b.grade.better_than(&a.grade) {
            c.b
        } else {
            let why = if a.grade.is_unknown() || b.grade.is_unknown() {
                let ungraded = if a.grade.is_unknown() && b.grade.is_unknown() {
                    "neither is graded".to_string()
                } else if a.grade.is_unknown() {
                    format!("{} is not graded", a.id)
                } else {
                    format!("{} is not graded", b.id)
                };
                format!(
                    "accounts conflict and nothing ranks them: {} and {} clash and {ungraded} (give evidence a credibility or sources a reliability, or `factcheck prefer` one)",
                    a.id, b.id
                )
            } else {
                format!(
                    "accounts conflict and nothing ranks them: {} and {} clash and are graded alike ({} / {})",
                    a.id,
                    b.id,
                    a.grade.label(),
                    b.grade.label()
                )
            };
            return Err(why);
        };
        if !better.contains(&winner) {
            better.push(winner);
        }
    }
    let mut basis_set = better.clone();
    for i in &active {
        if !f.clashes(*i) && !basis_set.contains(i) {
            basis_set.push(*i);
        }
    }
    basis_set.sort_unstable();
    match intersect_all(f, &basis_set) {
        Some(iv) => Ok(Best {
            interval: iv,
            claims: ids(f, &basis_set),
            basis: Basis::Graded,
        }),
        None => Err(if preferred.len() > 1 {
            "accounts conflict, and more than one account is marked preferred".into()
        } else {
            "accounts conflict, and the better-graded accounts disagree with each other or with the accounts that clash with none".into()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::*;

    #[test]
    fn consensus_of_a_consistent_figure() {
        let f = figure_of(&[count("a", "at least 10"), count("b", "25")]);
        let b = f.best.unwrap();
        assert_eq!(b.basis, Basis::Consensus);
        assert_eq!(b.interval, Interval::exact(25));
        assert_eq!(b.claims, vec![id("a"), id("b")]);
    }

    #[test]
    fn a_preferred_account_wins() {
        let mut b = count("b", "40 to 60");
        b.preferred = true;
        let f = figure_of(&[count("a", "22"), b]);
        let best = f.best.unwrap();
        assert_eq!(best.basis, Basis::Preferred);
        assert_eq!(best.interval, Interval::new(40, Some(60)));
    }

    #[test]
    fn graded_when_one_side_is_better() {
        let mut a = count("a", "22");
        a.evidence[0].credibility = Some(2);
        let mut b = count("b", "40 to 60");
        b.evidence[0].credibility = Some(4);
        let f = figure_of(&[a, b, count("c", "at least 20")]);
        let best = f.best.unwrap();
        assert_eq!(best.basis, Basis::Graded);
        assert_eq!(best.interval, Interval::exact(22));
        assert_eq!(best.claims, vec![id("a"), id("c")]);
    }

    #[test]
    fn none_when_nothing_ranks_the_accounts() {
        let f = figure_of(&[count("a", "22"), count("b", "40 to 60")]);
        assert!(f.best.is_none());
        assert!(
            f.why
                .unwrap()
                .starts_with("accounts conflict and nothing ranks them")
        );
    }

    #[test]
    fn latest_running_totals_in_a_cumulative_event() {
        let claims = [
            dated(from(count("a", "11,000"), "Ministry"), "2024-10-01"),
            dated(from(count("b", "about 11,500"), "Agency"), "2024-10-01"),
            dated(from(count("c", "9,000"), "Agency"), "2024-09-01"),
        ];
        let f = cumulative_figure_of(&claims);
        let best = f.best.unwrap();
        assert_eq!(best.basis, Basis::Latest);
        assert_eq!(best.interval, Interval::exact(11_000));
        assert_eq!(best.claims, vec![id("a"), id("b")]);
    }
}
