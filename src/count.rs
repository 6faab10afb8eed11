//! Count wording to interval: the named, versioned count policy (`default-v1`).
//!
//! The wording is always kept verbatim in the claim; this module only derives
//! `min`/`max` from it, and refuses wording it cannot read.

use std::collections::BTreeMap;

/// The name of the built-in policy.
pub const DEFAULT_POLICY: &str = "default-v1";
/// Recorded as `policy` when the user gave `--min`/`--max` explicitly.
pub const EXPLICIT_POLICY: &str = "explicit";

/// The forms `default-v1` understands, shown when wording is refused.
pub const FORMS_UNDERSTOOD: &str = concat!(
    "    N, N people          25, 1,200, twenty-five, a dozen\n",
    "    at least N, N or more, no fewer than N\n",
    "    more than N, over N\n",
    "    up to N, as many as N, at most N, no more than N\n",
    "    fewer than N, less than N\n",
    "    about/around/roughly/approximately/some N\n",
    "    nearly/almost N\n",
    "    N to M, N-M, between N and M\n",
    "    a couple, a few, several, many, tens, dozens, hundreds, thousands\n",
    "    no one, nobody, none, zero",
);

/// A closed or half-open interval of people counted. `max: None` is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Interval {
    pub min: u64,
    pub max: Option<u64>,
}

impl Interval {
    pub fn new(min: u64, max: Option<u64>) -> Interval {
        Interval { min, max }
    }

    pub fn exact(n: u64) -> Interval {
        Interval::new(n, Some(n))
    }

    /// The intersection, or `None` when the intervals do not overlap.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        let min = self.min.max(other.min);
        let max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, None) => a,
            (None, b) => b,
        };
        match max {
            Some(m) if m < min => None,
            _ => Some(Interval::new(min, max)),
        }
    }

    /// The smallest interval holding both.
    pub fn hull(&self, other: &Interval) -> Interval {
        let max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        Interval::new(self.min.min(other.min), max)
    }

    pub fn contains(&self, n: u64) -> bool {
        n >= self.min && self.max.is_none_or(|m| n <= m)
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.max {
            Some(m) if m == self.min => write!(f, "{m}"),
            Some(m) => write!(f, "{}–{m}", self.min),
            None => write!(f, "{}+", self.min),
        }
    }
}

/// How precise the wording was. Vague accounts agree only loosely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    /// "25", "no one"
    Exact,
    /// "at least 10", "up to 30", "10 to 15"
    Bounded,
    /// "about 20", "nearly 50"
    Approximate,
    /// "many", "dozens", "several"
    Vague,
}

/// The result of reading a wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub interval: Interval,
    pub precision: Precision,
}

/// A count policy: `default-v1`, optionally with the vague terms redefined
/// (in factcheck.toml) under a new name.
#[derive(Debug, Clone, PartialEq)]
pub struct CountPolicy {
    pub name: String,
    vague: BTreeMap<String, Interval>,
}

impl Default for CountPolicy {
    fn default() -> Self {
        let vague = [
            ("couple", 2, Some(2)),
            ("few", 2, Some(5)),
            ("several", 3, Some(9)),
            ("many", 2, None),
            ("tens", 20, Some(99)),
            ("dozens", 24, Some(99)),
            ("hundreds", 200, Some(999)),
            ("thousands", 2000, Some(9999)),
        ]
        .into_iter()
        .map(|(w, lo, hi)| (w.to_string(), Interval::new(lo, hi)))
        .collect();
        CountPolicy {
            name: DEFAULT_POLICY.into(),
            vague,
        }
    }
}

/// Why a wording was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordingError {
    pub wording: String,
    pub reason: String,
}

impl std::fmt::Display for WordingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "count wording {:?} is not understood: {}",
            self.wording, self.reason
        )
    }
}

impl CountPolicy {
    /// The vague terms this policy knows, for documentation and overrides.
    pub fn vague_terms(&self) -> impl Iterator<Item = (&str, Interval)> {
        self.vague.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// Builds a named variant of `default-v1` with some vague terms redefined.
    pub fn with_overrides(
        name: &str,
        overrides: impl IntoIterator<Item = (String, Interval)>,
    ) -> Result<CountPolicy, String> {
        let mut p = CountPolicy::default();
        for (term, iv) in overrides {
            if !p.vague.contains_key(&term) {
                return Err(format!(
                    "`{term}` is not a vague term of default-v1 (known: {})",
                    p.vague.keys().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
            p.vague.insert(term, iv);
        }
        p.name = name.to_string();
        Ok(p)
    }

    /// Reads `wording` into an interval, or explains why it cannot.
    pub fn read(&self, wording: &str) -> Result<Reading, WordingError> {
        let fail = |reason: &str| WordingError {
            wording: wording.to_string(),
            reason: reason.to_string(),
        };
        let toks = tokenize(wording);
        if toks.is_empty() {
            return Err(fail("it is empty"));
        }
        let t: Vec<&str> = toks.iter().map(String::as_str).collect();
        let (reading, used) = self
            .read_phrase(&t)
            .ok_or_else(|| fail("no count phrase from the policy was found at its start"))?;
        // What follows the count may only name who is counted ("people", "U.S. soldiers").
        if let Some(extra) = t[used..].iter().find(|w| is_numeric_word(w)) {
            return Err(fail(&format!(
                "`{extra}` after the count cannot be read; give the count alone or use --min/--max"
            )));
        }
        Ok(reading)
    }

    fn read_phrase(&self, t: &[&str]) -> Option<(Reading, usize)> {
        use Precision::*;
        let starts = |p: &[&str]| t.len() >= p.len() && t[..p.len()] == *p;
        // Vague terms, with an optional leading "a" and trailing "of".
        for (i, lead) in [(1usize, "a"), (0, "")] {
            if i == 1 && t.first() != Some(&lead) {
                continue;
            }
            if let Some(iv) = t.get(i).and_then(|w| self.vague.get(*w)) {
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
            if starts(prefix) {
                let (n, used) = read_number(&t[prefix.len()..])?;
                let (interval, precision) = shape(n)?;
                return Some((
                    Reading {
                        interval,
                        precision,
                    },
                    prefix.len() + used,
                ));
            }
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
}

fn about(n: u64) -> Option<(Interval, Precision)> {
    let lo = n.checked_mul(9)? / 10;
    let hi = (n.checked_mul(11)?).div_ceil(10);
    Some((Interval::new(lo, Some(hi)), Precision::Approximate))
}

fn range(a: u64, b: u64) -> Option<Interval> {
    (a <= b).then_some(Interval::new(a, Some(b)))
}

/// Lowercases, unifies dashes, splits "10-15" into "10 - 15", drops punctuation
/// around words ("people." -> "people").
fn tokenize(s: &str) -> Vec<String> {
    let s = crate::quote::normalize(s).to_lowercase();
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

const UNITS: [&str; 20] = [
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
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn small_number(w: &str) -> Option<u64> {
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

fn multiplier(w: &str) -> Option<u64> {
    match w {
        "dozen" => Some(12),
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        _ => None,
    }
}

fn digits(w: &str) -> Option<u64> {
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

fn is_numeric_word(w: &str) -> bool {
    digits(w).is_some() || small_number(w).is_some() || multiplier(w).is_some()
}

/// Reads a number at the start of `t`: digits, number words, "a dozen",
/// "two hundred and fifty", "a" / "an" (one). Returns the value and tokens used.
fn read_number(t: &[&str]) -> Option<(u64, usize)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(w: &str) -> (u64, Option<u64>) {
        let r = CountPolicy::default()
            .read(w)
            .unwrap_or_else(|e| panic!("{e}"));
        (r.interval.min, r.interval.max)
    }

    #[test]
    fn default_v1_table() {
        assert_eq!(read("25"), (25, Some(25)));
        assert_eq!(read("25 people"), (25, Some(25)));
        assert_eq!(read("1,200"), (1200, Some(1200)));
        assert_eq!(read("twenty-five"), (25, Some(25)));
        assert_eq!(read("a dozen"), (12, Some(12)));
        assert_eq!(read("at least 10 protesters"), (10, None));
        assert_eq!(read("10 or more"), (10, None));
        assert_eq!(read("no fewer than 3"), (3, None));
        assert_eq!(read("more than 40"), (41, None));
        assert_eq!(read("over 100"), (101, None));
        assert_eq!(read("up to 30"), (0, Some(30)));
        assert_eq!(read("as many as 30"), (0, Some(30)));
        assert_eq!(read("at most 30"), (0, Some(30)));
        assert_eq!(read("fewer than 10"), (0, Some(9)));
        assert_eq!(read("less than 10"), (0, Some(9)));
        assert_eq!(read("about 25"), (22, Some(28)));
        assert_eq!(read("around 100"), (90, Some(110)));
        assert_eq!(read("some 200"), (180, Some(220)));
        assert_eq!(read("nearly 50"), (45, Some(50)));
        assert_eq!(read("almost 25"), (22, Some(25)));
        assert_eq!(read("10 to 15"), (10, Some(15)));
        assert_eq!(read("10-15"), (10, Some(15)));
        assert_eq!(read("10–15"), (10, Some(15)));
        assert_eq!(read("between 10 and 15"), (10, Some(15)));
        assert_eq!(read("a couple"), (2, Some(2)));
        assert_eq!(read("a few"), (2, Some(5)));
        assert_eq!(read("several"), (3, Some(9)));
        assert_eq!(read("many"), (2, None));
        assert_eq!(read("tens of"), (20, Some(99)));
        assert_eq!(read("dozens of people"), (24, Some(99)));
        assert_eq!(read("hundreds"), (200, Some(999)));
        assert_eq!(read("thousands of demonstrators"), (2000, Some(9999)));
        assert_eq!(read("no one"), (0, Some(0)));
        assert_eq!(read("nobody"), (0, Some(0)));
        assert_eq!(read("none"), (0, Some(0)));
        assert_eq!(read("zero"), (0, Some(0)));
    }

    #[test]
    fn number_words() {
        assert_eq!(read("four U.S. military members"), (4, Some(4)));
        assert_eq!(read("a U.S. contractor"), (1, Some(1)));
        assert_eq!(read("two hundred and fifty"), (250, Some(250)));
        assert_eq!(read("three thousand"), (3000, Some(3000)));
        assert_eq!(read("3 thousand"), (3000, Some(3000)));
        assert_eq!(read("Eleven"), (11, Some(11)));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let p = CountPolicy::default();
        for bad in [
            "",
            "a lot",
            "countless",
            "25 or 30",
            "fewer than 0",
            "between 9 and 3",
            "1,20",
            "few",
        ] {
            assert!(p.read(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn huge_numbers_are_refused_not_overflowed() {
        // Found by proptest: "nearly 9999999999999999999" overflowed 9 × N.
        let p = CountPolicy::default();
        for w in [
            "nearly 9999999999999999999",
            "about 9999999999999999999",
            "more than 18446744073709551615",
            "99999999999999999999999",
        ] {
            assert!(p.read(w).is_err(), "{w}");
        }
        assert_eq!(
            p.read("18446744073709551615").unwrap().interval.min,
            u64::MAX
        );
    }

    #[test]
    fn vague_terms_are_marked() {
        let p = CountPolicy::default();
        assert_eq!(p.read("many").unwrap().precision, Precision::Vague);
        assert_eq!(p.read("25").unwrap().precision, Precision::Exact);
        assert_eq!(p.read("about 5").unwrap().precision, Precision::Approximate);
    }

    #[test]
    fn overrides_rename_the_policy() {
        let p = CountPolicy::with_overrides("desk-v1", [("many".into(), Interval::new(5, None))])
            .unwrap();
        assert_eq!(p.name, "desk-v1");
        assert_eq!(p.read("many").unwrap().interval, Interval::new(5, None));
        assert!(CountPolicy::with_overrides("x", [("lots".into(), Interval::exact(1))]).is_err());
    }

    #[test]
    fn intervals() {
        let a = Interval::new(10, None);
        assert_eq!(a.intersect(&Interval::exact(25)), Some(Interval::exact(25)));
        assert_eq!(Interval::exact(4).intersect(&a), None);
        assert_eq!(a.hull(&Interval::exact(4)), Interval::new(4, None));
    }
}
