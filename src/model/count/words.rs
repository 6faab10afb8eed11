//! The words of counts: tokens, digits, number words and multipliers.

use super::{Interval, Precision, Reading};

pub(super) fn about(n: u64) -> Option<(Interval, Precision)> {
    let lo = n.checked_mul(9)? / 10;
    let hi = (n.checked_mul(11)?).div_ceil(10);
    Some((Interval::new(lo, Some(hi)), Precision::Approximate))
}

pub(super) fn range(a: u64, b: u64) -> Option<Interval> {
    (a <= b).then_some(Interval::new(a, Some(b)))
}

/// Lowercases, unifies dashes, splits "10-15" into "10 - 15", drops punctuation
/// around words ("people." -> "people").
pub(super) fn tokenize(s: &str) -> Vec<String> {
    let s = crate::model::quote::normalize(s).to_lowercase();
    let mut out = Vec::new();
    for raw in s.split_whitespace() {
        let w = raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == ','));
        let w = w.trim_end_matches(',').trim_start_matches(',');
        if w.is_empty() {
            continue;
        }
        // "10-15" is a range; "twenty-five" is one number word; "-" alone is kept.
        if let Some((a, b)) = w.split_once('-')
            && !a.is_empty()
            && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit() || c == ',')
            && b.chars().all(|c| c.is_ascii_digit() || c == ',')
        {
            out.extend([a.to_string(), "-".into(), b.to_string()]);
            continue;
        }
        out.push(w.to_string());
    }
    out
}

pub(super) const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
pub(super) const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

pub(super) fn small_number(w: &str) -> Option<u64> {
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u64);
    }
    if let Some(i) = TENS.iter().position(|u| *u == w) {
        return Some(20 + 10 * i as u64);
    }
    let (t, u) = w.split_once('-')?;
    let t = TENS.iter().position(|x| *x == t)?;
    let u = UNITS
        .iter()
        .position(|x| *x == u)
        .filter(|u| (1..10).contains(u))?;
    Some(20 + 10 * t as u64 + u as u64)
}

pub(super) fn multiplier(w: &str) -> Option<u64> {
    match w {
        "dozen" => Some(12),
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        _ => None,
    }
}

pub(super) fn digits(w: &str) -> Option<u64> {
    if w.is_empty() || !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "1,200" but not "1,20" or "12,00".
    let groups: Vec<&str> = w.split(',').collect();
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let joined: String = groups.concat();
    if !joined.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    joined.parse().ok()
}

pub(super) fn is_numeric_word(w: &str) -> bool {
    digits(w).is_some() || small_number(w).is_some() || multiplier(w).is_some()
}

/// Reads a number at the start of `t`: digits, number words, "a dozen",
/// "two hundred and fifty", "a" / "an" (one). Returns the value and tokens used.
pub(super) fn read_number_v1(t: &[&str]) -> Option<(u64, usize)> {
    let first = *t.first()?;
    if let Some(n) = digits(first) {
        // "1,5 thousand" is not a thing; "3 thousand" is.
        if let Some(m) = t.get(1).and_then(|w| multiplier(w)) {
            return Some((n.checked_mul(m)?, 2));
        }
        return Some((n, 1));
    }
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut used = 0;
    let mut any = false;
    let mut i = 0;
    while i < t.len() {
        let w = t[i];
        if let Some(v) = small_number(w) {
            current = current.checked_add(v)?;
        } else if (w == "a" || w == "an")
            && !any
            && !t.get(i + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "lot"
                        | "lots"
                        | "number"
                        | "handful"
                        | "bunch"
                        | "slew"
                        | "host"
                        | "total"
                        | "series"
                )
            })
        {
            // "a dozen", "a hundred"; a bare "a" counts one.
            current = 1;
        } else if let Some(m) = multiplier(w) {
            if !any && i == 0 {
                return None;
            }
            if m >= 1000 {
                total = total.checked_add(current.max(1).checked_mul(m)?)?;
                current = 0;
            } else {
                current = current.max(1).checked_mul(m)?;
            }
        } else if w == "and" && any && t.get(i + 1).is_some_and(|n| small_number(n).is_some()) {
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

/// "at least N", "up to N", "about N", ...: a prefix, then a number read by
/// the policy's own number reader. The same table in every policy.
/// `None` when no prefix starts `t`; `Some(None)` when one does but what
/// follows is not read (the wording is then refused, not read another way).
pub(super) fn read_prefixed(
    t: &[&str],
    read_number: fn(&[&str]) -> Option<(u64, usize)>,
) -> Option<Option<(Reading, usize)>> {
    use Precision::*;
    type Shape = fn(u64) -> Option<(Interval, Precision)>;
    let prefixes: &[(&[&str], Shape)] = &[
        (&["at", "least"], |n| {
            Some((Interval::new(n, None), Bounded))
        }),
        (&["no", "fewer", "than"], |n| {
            Some((Interval::new(n, None), Bounded))
        }),
        (&["no", "less", "than"], |n| {
            Some((Interval::new(n, None), Bounded))
        }),
        (&["more", "than"], |n| {
            Some((Interval::new(n.checked_add(1)?, None), Bounded))
        }),
        (&["over"], |n| {
            Some((Interval::new(n.checked_add(1)?, None), Bounded))
        }),
        (&["up", "to"], |n| {
            Some((Interval::new(0, Some(n)), Bounded))
        }),
        (&["as", "many", "as"], |n| {
            Some((Interval::new(0, Some(n)), Bounded))
        }),
        (&["at", "most"], |n| {
            Some((Interval::new(0, Some(n)), Bounded))
        }),
        (&["no", "more", "than"], |n| {
            Some((Interval::new(0, Some(n)), Bounded))
        }),
        (&["fewer", "than"], |n| {
            Some((Interval::new(0, Some(n.checked_sub(1)?)), Bounded))
        }),
        (&["less", "than"], |n| {
            Some((Interval::new(0, Some(n.checked_sub(1)?)), Bounded))
        }),
        (&["about"], about),
        (&["around"], about),
        (&["roughly"], about),
        (&["approximately"], about),
        (&["some"], about),
        (&["nearly"], |n| {
            Some((Interval::new(n.checked_mul(9)? / 10, Some(n)), Approximate))
        }),
        (&["almost"], |n| {
            Some((Interval::new(n.checked_mul(9)? / 10, Some(n)), Approximate))
        }),
    ];
    for (prefix, shape) in prefixes {
        if t.len() >= prefix.len() && t[..prefix.len()] == **prefix {
            let read = || {
                let (n, used) = read_number(&t[prefix.len()..])?;
                let (interval, precision) = shape(n)?;
                Some((
                    Reading {
                        interval,
                        precision,
                    },
                    prefix.len() + used,
                ))
            };
            return Some(read());
        }
    }
    None
}
