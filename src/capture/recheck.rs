//! Re-verifying the quotes linked to a source against a new capture of its
//! page: each is `unchanged` (still there, word for word), `changed` (a
//! passage still resembles it; when the count in it changed, both readings
//! through the count policy) or `gone` (nothing resembles it any more).

use crate::model::count::CountPolicy;
use crate::model::id::Id;
use crate::model::quote::{Archive, Piece, normalize, word_pieces};
use serde::Serialize;

/// Below this share of the quote's words, in order, a passage no longer
/// "resembles" the quote: it is `gone`.
pub const RESEMBLANCE: f32 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Unchanged,
    Changed,
    Gone,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Unchanged => "unchanged",
            Outcome::Changed => "changed",
            Outcome::Gone => "gone",
        }
    }
}

/// A count wording read through the count policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountReading {
    pub wording: String,
    pub min: u64,
    pub max: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteCheck {
    pub claim: Id,
    /// Which evidence item of the claim (from 0).
    pub evidence: usize,
    pub quote: String,
    pub result: Outcome,
    /// The passage of the new text most like the quote (for `changed` and
    /// `gone`, when any passage shares words with it).
    pub closest: Option<String>,
    pub count_before: Option<CountReading>,
    pub count_after: Option<CountReading>,
}

/// A quote to re-verify: the claim, its evidence index and the quote.
pub struct Linked<'a> {
    pub claim: &'a Id,
    pub evidence: usize,
    pub quote: &'a str,
}

pub fn recheck(new_text: &str, quotes: &[Linked<'_>], policy: &CountPolicy) -> Vec<QuoteCheck> {
    let archive = Archive::new(new_text);
    quotes
        .iter()
        .map(|q| {
            let mut check = QuoteCheck {
                claim: q.claim.clone(),
                evidence: q.evidence,
                quote: q.quote.to_string(),
                result: Outcome::Unchanged,
                closest: None,
                count_before: None,
                count_after: None,
            };
            if archive.contains(q.quote) {
                return check;
            }
            let closest = archive.closest_passage(q.quote);
            let resembles = closest
                .as_deref()
                .is_some_and(|p| resemblance(&normalize(q.quote), p) >= RESEMBLANCE);
            check.result = if resembles {
                Outcome::Changed
            } else {
                Outcome::Gone
            };
            if resembles
                && let Some(p) = &closest
                && let Some((before, after)) = count_change(&normalize(q.quote), p, policy)
            {
                check.count_before = Some(before);
                check.count_after = Some(after);
            }
            check.closest = closest;
            check
        })
        .collect()
}

/// The share of words two passages have in common, in order (0 to 1).
pub fn resemblance(a: &str, b: &str) -> f32 {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_slices(&wa, &wb)
        .ratio()
}

/// Where the quote and the passage differ in a count ("four" → "six"), both
/// wordings and their readings; `None` when no changed words read as counts
/// or they read the same.
fn count_change(
    quote: &str,
    passage: &str,
    policy: &CountPolicy,
) -> Option<(CountReading, CountReading)> {
    word_pieces(quote, passage).into_iter().find_map(|p| {
        let Piece::Changed { old, new } = p else {
            return None;
        };
        let read = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            policy.read(w).ok().map(|r| CountReading {
                wording: w.to_string(),
                min: r.interval.min,
                max: r.interval.max,
            })
        };
        let (before, after) = (read(&old)?, read(&new)?);
        (before.min != after.min || before.max != after.max).then_some((before, after))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, quote: &str) -> QuoteCheck {
        let id = Id::parse("c").unwrap();
        recheck(
            text,
            &[Linked {
                claim: &id,
                evidence: 0,
                quote,
            }],
            &CountPolicy::v2(),
        )
        .remove(0)
    }

    #[test]
    fn unchanged_changed_gone() {
        let q = "four U.S. military members were wounded";
        let same = run("Officials said four U.S. military members were wounded.", q);
        assert_eq!(same.result, Outcome::Unchanged);
        assert_eq!(same.count_before, None);

        let edited = run("Officials said six U.S. military members were wounded.", q);
        assert_eq!(edited.result, Outcome::Changed);
        assert_eq!(
            edited.closest.as_deref(),
            Some("six U.S. military members were wounded")
        );
        let (b, a) = (edited.count_before.unwrap(), edited.count_after.unwrap());
        assert_eq!((b.wording.as_str(), b.min, b.max), ("four", 4, Some(4)));
        assert_eq!((a.wording.as_str(), a.min, a.max), ("six", 6, Some(6)));

        let reworded = run(
            "Officials said four U.S. service members were hurt badly.",
            q,
        );
        assert_eq!(reworded.result, Outcome::Changed);
        assert_eq!(reworded.count_before, None, "the count did not change");

        let gone = run(
            "The weather in the capital was mild on Tuesday, officials said.",
            q,
        );
        assert_eq!(gone.result, Outcome::Gone);
    }

    #[test]
    fn a_longer_number_is_a_change_not_a_match() {
        let c = run(
            "The strikes killed 250 fighters.",
            "The strikes killed 25 fighters",
        );
        assert_eq!(c.result, Outcome::Changed);
        assert_eq!(c.count_after.unwrap().min, 250);
    }
}
