//! Count wording to interval: named, versioned count policies.
//!
//! The wording is always kept verbatim in the claim; a policy only derives
//! `min`/`max` from it, and refuses wording it cannot read. A claim records
//! the policy that read it, so a reading never changes under it: `default-v1`
//! stays as it was, and `default-v2` (what `init` writes) fixes its misreadings.

mod v1;
mod v2;
mod words;

use std::collections::BTreeMap;

/// The built-in policies.
pub const POLICY_V1: &str = "default-v1";
pub const POLICY_V2: &str = "default-v2";
/// Recorded as `policy` when the user gave `--min`/`--max` explicitly.
pub const EXPLICIT_POLICY: &str = "explicit";

/// The forms `default-v1` understands, shown when wording is refused.
pub const FORMS_V1: &str = concat!(
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

/// The forms `default-v2` understands.
pub const FORMS_V2: &str = concat!(
    "    N, N people, all N     25, 1,200, twenty-five, a dozen, 25 dead, all 52 people\n",
    "    at least N, N or more, no fewer than N\n",
    "    more than N, over N\n",
    "    up to N, as many as N, at most N, no more than N\n",
    "    fewer than N, less than N\n",
    "    about/around/roughly/approximately/some N, N or so, a dozen or so\n",
    "    nearly/almost N\n",
    "    N to M, N-M, between N and M (in digits or words: between twenty and thirty)\n",
    "    a couple, a few, several, many, a score, scores, tens, dozens, hundreds,\n",
    "      thousands, millions; tens/hundreds of thousands, tens/hundreds of millions\n",
    "    no one, nobody, none, zero",
);

/// A closed or half-open interval of people counted. `max: None` is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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

    /// Whether `other` lies inside this interval (an open max holds any).
    pub fn covers(&self, other: &Interval) -> bool {
        other.min >= self.min
            && match (self.max, other.max) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) => b <= a,
            }
    }

    /// The distance between two intervals that do not overlap, else 0.
    pub fn gap(&self, other: &Interval) -> u64 {
        let below = |a: &Interval, b: &Interval| a.max.map(|m| b.min.saturating_sub(m));
        below(self, other)
            .filter(|g| *g > 0)
            .or_else(|| below(other, self).filter(|g| *g > 0))
            .unwrap_or(0)
    }

    pub fn is_exact(&self) -> bool {
        self.max == Some(self.min)
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.max {
            Some(m) if m == self.min => write!(f, "{}", group_digits(m)),
            Some(m) => write!(f, "{}–{}", group_digits(self.min), group_digits(m)),
            None => write!(f, "{}+", group_digits(self.min)),
        }
    }
}

/// 1234567 -> "1,234,567"; numbers below 10,000 stay as they are.
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    if n < 10_000 {
        return s;
    }
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How precise the wording was. Vague accounts agree only loosely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V1,
    V2,
}

/// A count policy: `default-v1` or `default-v2`, optionally with the vague
/// terms redefined (in factcheck.toml) under a new name.
#[derive(Debug, Clone, PartialEq)]
pub struct CountPolicy {
    pub name: String,
    version: Version,
    vague: BTreeMap<String, Interval>,
}

impl Default for CountPolicy {
    /// `default-v2`, the policy for new claims.
    fn default() -> Self {
        CountPolicy::v2()
    }
}

fn table(entries: &[(&str, u64, Option<u64>)]) -> BTreeMap<String, Interval> {
    entries
        .iter()
        .map(|(w, lo, hi)| (w.to_string(), Interval::new(*lo, *hi)))
        .collect()
}

const V1_VAGUE: &[(&str, u64, Option<u64>)] = &[
    ("couple", 2, Some(2)),
    ("few", 2, Some(5)),
    ("several", 3, Some(9)),
    ("many", 2, None),
    ("tens", 20, Some(99)),
    ("dozens", 24, Some(99)),
    ("hundreds", 200, Some(999)),
    ("thousands", 2000, Some(9999)),
];

impl CountPolicy {
    pub fn v1() -> CountPolicy {
        CountPolicy {
            name: POLICY_V1.into(),
            version: Version::V1,
            vague: table(V1_VAGUE),
        }
    }

    pub fn v2() -> CountPolicy {
        let mut vague = table(V1_VAGUE);
        vague.extend(table(&[
            ("scores", 40, Some(99)),
            ("millions", 2_000_000, Some(9_999_999)),
        ]));
        CountPolicy {
            name: POLICY_V2.into(),
            version: Version::V2,
            vague,
        }
    }

    /// A built-in policy by name.
    pub fn builtin(name: &str) -> Option<CountPolicy> {
        match name {
            POLICY_V1 => Some(CountPolicy::v1()),
            POLICY_V2 => Some(CountPolicy::v2()),
            _ => None,
        }
    }

    /// The name of the built-in policy this one is based on.
    pub fn base(&self) -> &'static str {
        match self.version {
            Version::V1 => POLICY_V1,
            Version::V2 => POLICY_V2,
        }
    }

    /// The forms this policy understands, for error messages.
    pub fn forms(&self) -> &'static str {
        match self.version {
            Version::V1 => FORMS_V1,
            Version::V2 => FORMS_V2,
        }
    }

    /// The vague terms this policy knows, for documentation and overrides.
    pub fn vague_terms(&self) -> impl Iterator<Item = (&str, Interval)> {
        self.vague.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// A named variant of this policy with some vague terms redefined.
    pub fn with_overrides(
        &self,
        name: &str,
        overrides: impl IntoIterator<Item = (String, Interval)>,
    ) -> Result<CountPolicy, String> {
        let mut p = self.clone();
        for (term, iv) in overrides {
            if !p.vague.contains_key(&term) {
                return Err(format!(
                    "`{term}` is not a vague term of {} (known: {})",
                    self.base(),
                    p.vague.keys().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
            if iv.max.is_some_and(|m| m < iv.min) {
                return Err(format!("`{term}`: min is greater than max"));
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
        let toks = words::tokenize(wording);
        if toks.is_empty() {
            return Err(fail("it is empty"));
        }
        let t: Vec<&str> = toks.iter().map(String::as_str).collect();
        let phrase = match self.version {
            Version::V1 => v1::read_phrase(&self.vague, &t),
            Version::V2 => v2::read_phrase(&self.vague, &t),
        };
        let (reading, used) =
            phrase.ok_or_else(|| fail("no count phrase from the policy was found at its start"))?;
        // What follows the count may only name who is counted ("people",
        // "U.S. soldiers"), never more quantity.
        let extra = match self.version {
            Version::V1 => t[used..].iter().find(|w| words::is_numeric_word(w)),
            Version::V2 => t[used..].iter().find(|w| v2::is_quantity_word(w)),
        };
        if let Some(extra) = extra {
            if used == 1 && matches!(t[0], "a" | "an") {
                return Err(fail(&format!(
                    "\"{} {extra}\" is not a count this policy reads",
                    t[0]
                )));
            }
            return Err(fail(&format!(
                "`{extra}` after the count cannot be read; give the count alone or use --min/--max"
            )));
        }
        Ok(reading)
    }
}

/// The numbers a wording states, as values: "between twenty and 30" gives
/// 20 and 30; "a dozen" 12. Articles ("a contractor") are not numbers here.
pub fn numbers_in(text: &str) -> Vec<u64> {
    let toks = words::tokenize(text);
    let t: Vec<&str> = toks.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let starts_number = words::digits(t[i]).is_some()
            || words::small_number(t[i]).is_some()
            || (matches!(t[i], "a" | "an")
                && t.get(i + 1).is_some_and(|w| words::multiplier(w).is_some()));
        if starts_number && let Some((n, used)) = v2::read_number(&t[i..]) {
            out.push(n);
            i += used.max(1);
        } else {
            i += 1;
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(w: &str) -> (u64, Option<u64>) {
        let r = CountPolicy::v1().read(w).unwrap_or_else(|e| panic!("{e}"));
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
    fn only_scale_words_take_addends() {
        assert_eq!(numbers_in("a dozen and twelve"), vec![12, 12]);
        assert_eq!(numbers_in("a dozen twelve"), vec![12, 12]);
        assert_eq!(numbers_in("a hundred and five"), vec![105]);
        assert_eq!(numbers_in("two thousand five hundred"), vec![2500]);
        assert_eq!(numbers_in("nine hundred and nine hundred"), vec![900, 900]);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let p = CountPolicy::v1();
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
        let p = CountPolicy::v1();
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
        let p = CountPolicy::v1();
        assert_eq!(p.read("many").unwrap().precision, Precision::Vague);
        assert_eq!(p.read("25").unwrap().precision, Precision::Exact);
        assert_eq!(p.read("about 5").unwrap().precision, Precision::Approximate);
    }

    #[test]
    fn overrides_rename_the_policy() {
        let p = CountPolicy::v1()
            .with_overrides("desk-v1", [("many".into(), Interval::new(5, None))])
            .unwrap();
        assert_eq!(p.name, "desk-v1");
        assert_eq!(p.read("many").unwrap().interval, Interval::new(5, None));
        assert!(
            CountPolicy::v1()
                .with_overrides("x", [("lots".into(), Interval::exact(1))])
                .is_err()
        );
    }

    fn read2(w: &str) -> (u64, Option<u64>) {
        let r = CountPolicy::v2().read(w).unwrap_or_else(|e| panic!("{e}"));
        (r.interval.min, r.interval.max)
    }

    #[test]
    fn v2_fixes_what_v1_misread() {
        let (v1, v2) = (CountPolicy::v1(), CountPolicy::v2());
        // v1 readings stay as they were, for the claims that name v1.
        assert_eq!(
            v1.read("hundreds of thousands").unwrap().interval,
            Interval::new(200, Some(999))
        );
        assert_eq!(
            v1.read("tens of thousands").unwrap().interval,
            Interval::new(20, Some(99))
        );
        assert_eq!(
            v1.read("a large number of people").unwrap().interval,
            Interval::exact(1)
        );
        assert_eq!(v1.read("a score of").unwrap().interval, Interval::exact(1));
        assert_eq!(
            v1.read("a dozen or so").unwrap().interval,
            Interval::exact(12)
        );
        assert_eq!(
            v1.read("twenty and thirty").unwrap().interval,
            Interval::exact(50)
        );
        assert!(v1.read("between twenty and thirty").is_err());
        assert!(v1.read("all 52 people").is_err());
        // v2 reads them as a reader would, or refuses.
        assert_eq!(read2("hundreds of thousands"), (200_000, Some(999_999)));
        assert_eq!(read2("tens of thousands of people"), (20_000, Some(99_999)));
        assert_eq!(read2("tens of millions"), (20_000_000, Some(99_999_999)));
        assert_eq!(read2("a score of"), (20, Some(20)));
        assert_eq!(read2("scores of protesters"), (40, Some(99)));
        assert_eq!(read2("a dozen or so"), (10, Some(14)));
        assert_eq!(read2("20 or so"), (18, Some(22)));
        assert_eq!(read2("between twenty and thirty"), (20, Some(30)));
        assert_eq!(read2("twenty to thirty"), (20, Some(30)));
        assert_eq!(read2("all 52 people"), (52, Some(52)));
        assert_eq!(read2("all fifty-two"), (52, Some(52)));
        assert_eq!(read2("25 dead"), (25, Some(25)));
        assert_eq!(read2("25 killed"), (25, Some(25)));
        assert_eq!(read2("millions"), (2_000_000, Some(9_999_999)));
        assert_eq!(
            read2("between nine hundred and one thousand"),
            (900, Some(1000))
        );
        assert_eq!(
            read2("between two hundred and fifty and three hundred"),
            (250, Some(300))
        );
        assert_eq!(
            read2("one hundred and one thousand"),
            (101_000, Some(101_000))
        );
        assert!(v2.read("nine hundred and nine hundred").is_err());
        for bad in [
            "a large number of people",
            "twenty and thirty",
            "25 people, more than half of them children",
            "a lot",
            "countless",
            "25 or 30",
            "several hundred",
            "a handful",
            "dozens, perhaps hundreds",
        ] {
            assert!(v2.read(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn v2_keeps_every_v1_form() {
        for (w, want) in [
            ("25", (25, Some(25))),
            ("1,200", (1200, Some(1200))),
            ("twenty-five", (25, Some(25))),
            ("twenty five", (25, Some(25))),
            ("a dozen", (12, Some(12))),
            ("at least 10 protesters", (10, None)),
            ("10 or more", (10, None)),
            ("no fewer than 3", (3, None)),
            ("more than 40", (41, None)),
            ("more than a dozen", (13, None)),
            ("over 100", (101, None)),
            ("up to 30", (0, Some(30))),
            ("as many as 30", (0, Some(30))),
            ("at most 30", (0, Some(30))),
            ("no more than 30", (0, Some(30))),
            ("fewer than 10", (0, Some(9))),
            ("less than 10", (0, Some(9))),
            ("about 25", (22, Some(28))),
            ("around 100", (90, Some(110))),
            ("roughly 100", (90, Some(110))),
            ("approximately 100", (90, Some(110))),
            ("some 200", (180, Some(220))),
            ("nearly 50", (45, Some(50))),
            ("almost 25", (22, Some(25))),
            ("10 to 15", (10, Some(15))),
            ("10-15", (10, Some(15))),
            ("10–15", (10, Some(15))),
            ("between 10 and 15", (10, Some(15))),
            ("a couple", (2, Some(2))),
            ("a few", (2, Some(5))),
            ("several", (3, Some(9))),
            ("many", (2, None)),
            ("tens of", (20, Some(99))),
            ("dozens of people", (24, Some(99))),
            ("hundreds", (200, Some(999))),
            ("thousands of demonstrators", (2000, Some(9999))),
            ("no one", (0, Some(0))),
            ("nobody", (0, Some(0))),
            ("none", (0, Some(0))),
            ("zero", (0, Some(0))),
            ("four U.S. military members", (4, Some(4))),
            ("a U.S. contractor", (1, Some(1))),
            ("an American contractor", (1, Some(1))),
            ("two hundred and fifty", (250, Some(250))),
            ("one hundred twenty", (120, Some(120))),
            ("two thousand three hundred", (2300, Some(2300))),
            ("three thousand", (3000, Some(3000))),
            ("3 thousand", (3000, Some(3000))),
            ("Eleven", (11, Some(11))),
            ("at least twenty-five", (25, None)),
            ("nearly two hundred", (180, Some(200))),
        ] {
            assert_eq!(read2(w), want, "{w}");
        }
    }

    #[test]
    fn numbers_stated_in_text() {
        assert_eq!(numbers_in("between twenty and 30"), vec![20, 30]);
        assert_eq!(numbers_in("a dozen people"), vec![12]);
        assert_eq!(numbers_in("killed a U.S. contractor"), Vec::<u64>::new());
        assert_eq!(numbers_in("Seven people died, 1,200 fled"), vec![7, 1200]);
        assert_eq!(numbers_in("two hundred and fifty"), vec![250]);
    }

    #[test]
    fn grouped_display() {
        assert_eq!(
            Interval::new(20_000, Some(99_999)).to_string(),
            "20,000–99,999"
        );
        assert_eq!(Interval::new(1200, None).to_string(), "1200+");
    }

    #[test]
    fn intervals() {
        let a = Interval::new(10, None);
        assert_eq!(a.intersect(&Interval::exact(25)), Some(Interval::exact(25)));
        assert_eq!(Interval::exact(4).intersect(&a), None);
        assert_eq!(a.hull(&Interval::exact(4)), Interval::new(4, None));
    }
}
