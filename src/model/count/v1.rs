//! `default-v1`, kept exactly as it read wording when claims were written
//! with it: a claim names its policy, and its reading never changes under it.
//! `default-v2` fixes its misreadings for new claims.

use super::words::{read_number_v1 as read_number, *};
use super::{Interval, Precision, Reading};
use std::collections::BTreeMap;

pub(super) fn read_phrase(
    vague: &BTreeMap<String, Interval>,
    t: &[&str],
) -> Option<(Reading, usize)> {
    use Precision::*;
    let starts = |p: &[&str]| t.len() >= p.len() && t[..p.len()] == *p;
    // Vague terms, with an optional leading "a" and trailing "of".
    for (i, lead) in [(1usize, "a"), (0, "")] {
        if i == 1 && t.first() != Some(&lead) {
            continue;
        }
        if let Some(iv) = t.get(i).and_then(|w| vague.get(*w)) {
            // "a few" / "a couple" need the article; "many" must not take one.
            let word = t[i];
            let needs_a = matches!(word, "few" | "couple");
            if needs_a != (i == 1) {
                continue;
            }
            let mut used = i + 1;
            if t.get(used) == Some(&"of") {
                used += 1;
            }
            return Some((
                Reading {
                    interval: *iv,
                    precision: Vague,
                },
                used,
            ));
        }
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
            let r = Reading {
                interval: Interval::exact(0),
                precision: Exact,
            };
            return Some((r, zero.len()));
        }
    }
    if starts(&["between"]) {
        let (a, used_a) = read_number(&t[1..])?;
        let rest = &t[1 + used_a..];
        if rest.first() != Some(&"and") {
            return None;
        }
        let (b, used_b) = read_number(&rest[1..])?;
        let r = Reading {
            interval: range(a, b)?,
            precision: Bounded,
        };
        return Some((r, 2 + used_a + used_b));
    }
    // A bare number, possibly followed by "or more", "to M", "- M".
    let (n, used) = read_number(t)?;
    let rest = &t[used..];
    if rest.len() >= 2 && rest[0] == "or" && rest[1] == "more" {
        let r = Reading {
            interval: Interval::new(n, None),
            precision: Bounded,
        };
        return Some((r, used + 2));
    }
    if matches!(rest.first(), Some(&"to") | Some(&"-")) {
        let (m, used_m) = read_number(&rest[1..])?;
        let r = Reading {
            interval: range(n, m)?,
            precision: Bounded,
        };
        return Some((r, used + 1 + used_m));
    }
    Some((
        Reading {
            interval: Interval::exact(n),
            precision: Exact,
        },
        used,
    ))
}
