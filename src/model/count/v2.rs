//! `default-v2`: v1's forms, read without v1's misreadings, plus the forms
//! news copy uses for large and rough counts. What it cannot read it refuses.

use super::words::*;
use super::{Interval, Precision, Reading};
use std::collections::BTreeMap;

/// Words that, after a count, say there is more quantity to read than the
/// count itself ("a large number of", "25 or more than 30"): refused.
pub(super) const QUANTITY_WORDS: &[&str] = &[
    "number",
    "numbers",
    "lot",
    "lots",
    "handful",
    "dozen",
    "dozens",
    "score",
    "scores",
    "tens",
    "hundreds",
    "thousands",
    "millions",
    "many",
    "several",
    "few",
    "couple",
    "more",
    "less",
    "fewer",
    "least",
    "most",
    "over",
    "under",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "multiple",
    "numerous",
    "plus",
    "half",
    "percent",
    "%",
    "dozens",
    "countless",
    "scores",
];

pub(super) fn is_quantity_word(w: &str) -> bool {
    is_numeric_word(w) || QUANTITY_WORDS.contains(&w)
}

/// Reads a number at the start of `t`: digits ("1,200", "3 thousand"),
/// number words ("two hundred and fifty", "twenty-five"), "a dozen",
/// "a hundred". Unlike v1, "and" joins only after "hundred" or "thousand"
/// ("twenty and thirty" is two numbers, not fifty), and a bare "a" is not a
/// number here (the phrase reader decides what "a" means).
pub(super) fn read_number(t: &[&str]) -> Option<(u64, usize)> {
    let first = *t.first()?;
    if let Some(n) = digits(first) {
        if let Some(m) = t.get(1).and_then(|w| multiplier(w)) {
            return Some((n.checked_mul(m)?, 2));
        }
        return Some((n, 1));
    }
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut used = 0;
    let mut any = false;
    let mut after_multiplier = false;
    let mut last_multiplier = 0;
    // A bare tens word just read ("twenty"), which a unit may complete ("five").
    let mut open_tens = false;
    let mut i = 0;
    while i < t.len() {
        let w = t[i];
        if let Some(v) = small_number(w) {
            // "twenty five" and "hundred and five" are one number; "twenty
            // thirty" or "five six" are two.
            // Only scale words take addends: "a hundred five" is 105, but "a
            // dozen twelve" is not 24.
            let joins = !any
                || (after_multiplier && last_multiplier >= 100 && v < last_multiplier)
                || (t[i - 1] == "and" && v < last_multiplier)
                || (open_tens && (1..10).contains(&v));
            if !joins {
                break;
            }
            current = current.checked_add(v)?;
            after_multiplier = false;
            open_tens = v >= 20 && v % 10 == 0 && !w.contains('-');
        } else if (w == "a" || w == "an")
            && !any
            && t.get(i + 1).is_some_and(|n| multiplier(n).is_some())
        {
            current = 1;
        } else if let Some(m) = multiplier(w) {
            if !any {
                return None;
            }
            if m >= 1000 {
                total = total.checked_add(current.max(1).checked_mul(m)?)?;
                current = 0;
            } else {
                current = current.max(1).checked_mul(m)?;
            }
            after_multiplier = true;
            last_multiplier = m;
            open_tens = false;
        } else if w == "and"
            && after_multiplier
            && last_multiplier >= 100
            && t.get(i + 1).is_some_and(|n| small_number(n).is_some())
            // "nine hundred and nine hundred" is two numbers; "one hundred
            // and one thousand" is one.
            && t
                .get(i + 2)
                .and_then(|n| multiplier(n))
                .is_none_or(|m| m > last_multiplier)
        {
            // "two hundred and fifty"
        } else {
            break;
        }
        any = true;
        i += 1;
        used = i;
    }
    if !any {
        return None;
    }
    Some((total.checked_add(current)?, used))
}

fn exact(n: u64) -> Reading {
    Reading {
        interval: Interval::exact(n),
        precision: Precision::Exact,
    }
}

/// `magnitude` × 1,000 or 1,000,000: "tens of thousands" is 20,000–99,999.
fn magnify(iv: Interval, by: u64) -> Option<Interval> {
    let min = iv.min.checked_mul(by)?;
    let max = match iv.max {
        Some(m) => Some(m.checked_add(1)?.checked_mul(by)?.checked_sub(1)?),
        None => None,
    };
    Some(Interval::new(min, max))
}

pub(super) fn read_phrase(
    vague: &BTreeMap<String, Interval>,
    t: &[&str],
) -> Option<(Reading, usize)> {
    use Precision::*;
    let starts = |p: &[&str]| t.len() >= p.len() && t[..p.len()] == *p;
    let skip_of = |used: usize| {
        if t.get(used) == Some(&"of") {
            used + 1
        } else {
            used
        }
    };

    // "all 52 people", "all fifty-two".
    if starts(&["all"]) {
        let (n, used) = read_number(&t[1..])?;
        return Some((exact(n), 1 + used));
    }
    // "a score of" is twenty; "scores of" is vague.
    if starts(&["a", "score"]) {
        let r = Reading {
            interval: Interval::exact(20),
            precision: Approximate,
        };
        return Some((r, skip_of(2)));
    }
    // Vague terms, with an optional leading "a"; "tens of thousands" multiplies.
    for i in [1usize, 0] {
        if i == 1 && !matches!(t.first(), Some(&"a")) {
            continue;
        }
        let Some(word) = t.get(i) else { continue };
        let Some(iv) = vague.get(*word) else { continue };
        // "a few" / "a couple" need the article; "many" must not take one.
        if matches!(*word, "few" | "couple") != (i == 1) {
            continue;
        }
        let mut used = i + 1;
        let mut interval = *iv;
        if t.get(used) == Some(&"of") {
            let by = match t.get(used + 1) {
                Some(&"thousands") => Some(1_000),
                Some(&"millions") => Some(1_000_000),
                _ => None,
            };
            if let Some(by) = by {
                interval = magnify(interval, by)?;
                used += 2;
            }
        }
        let r = Reading {
            interval,
            precision: Vague,
        };
        return Some((r, skip_of(used)));
    }
    if let Some(r) = read_prefixed(t, read_number) {
        return r;
    }
    for zero in [
        &["no", "one"][..],
        &["nobody"],
        &["none"],
        &["zero"],
        &["no"],
    ] {
        if starts(zero) {
            return Some((exact(0), zero.len()));
        }
    }
    if starts(&["between"]) {
        // "and" can join a number ("two hundred and fifty") or separate the
        // two: take the split that reads the most words, the leftmost first.
        let mut best: Option<(Interval, usize)> = None;
        for k in 2..t.len() {
            if t[k] != "and" {
                continue;
            }
            let Some((a, used_a)) = read_number(&t[1..k]) else {
                continue;
            };
            if used_a != k - 1 {
                continue;
            }
            let Some((b, used_b)) = read_number(&t[k + 1..]) else {
                continue;
            };
            let Some(iv) = range(a, b) else { continue };
            let used = k + 1 + used_b;
            if best.is_none_or(|(_, u)| used > u) {
                best = Some((iv, used));
            }
        }
        let (interval, used) = best?;
        return Some((
            Reading {
                interval,
                precision: Bounded,
            },
            used,
        ));
    }
    // "a U.S. contractor", "an American": one.
    if matches!(t.first(), Some(&"a") | Some(&"an"))
        && t.get(1).is_none_or(|w| multiplier(w).is_none())
    {
        return Some((exact(1), 1));
    }
    // A number, possibly followed by "or more", "or so", "to M", "- M".
    let (n, used) = read_number(t)?;
    let rest = &t[used..];
    if rest.len() >= 2 && rest[0] == "or" && rest[1] == "more" {
        let r = Reading {
            interval: Interval::new(n, None),
            precision: Bounded,
        };
        return Some((r, used + 2));
    }
    if rest.len() >= 2 && rest[0] == "or" && rest[1] == "so" {
        let (interval, precision) = about(n)?;
        return Some((
            Reading {
                interval,
                precision,
            },
            used + 2,
        ));
    }
    if matches!(rest.first(), Some(&"to") | Some(&"-")) {
        let (m, used_m) = read_number(&rest[1..])?;
        let r = Reading {
            interval: range(n, m)?,
            precision: Bounded,
        };
        return Some((r, used + 1 + used_m));
    }
    Some((exact(n), used))
}
