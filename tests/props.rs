//! Property tests (bounded case counts so CI stays fast): the count-wording
//! policies never read a number a wording does not contain; records survive
//! the writer, the parser and minimal edits; quotes match at word
//! boundaries only; figures keep their interval invariants.

use factcheck::analysis::{Analysis, FigureStatus, Inputs};
use factcheck::model::config::Config;
use factcheck::model::count::{CountPolicy, Interval, numbers_in};
use factcheck::model::quote::{Archive, normalize};
use factcheck::model::*;
use factcheck::store::canonical::{append_evidence, claim_text, set_claim_field};
use factcheck::store::parse::parse_claim;
use proptest::prelude::*;
use std::path::Path;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
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
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn words_below_1000(n: u64) -> String {
    let (h, r) = (n / 100, n % 100);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{} hundred", UNITS[h as usize]));
    }
    if r > 0 || h == 0 {
        let t = if r < 20 {
            UNITS[r as usize].to_string()
        } else if r % 10 == 0 {
            TENS[(r / 10) as usize].to_string()
        } else {
            format!("{}-{}", TENS[(r / 10) as usize], UNITS[(r % 10) as usize])
        };
        parts.push(if h > 0 { format!("and {t}") } else { t });
    }
    parts.join(" ")
}

fn words(n: u64) -> String {
    if n < 1000 {
        return words_below_1000(n);
    }
    let (th, r) = (n / 1000, n % 1000);
    if r == 0 {
        format!("{} thousand", words_below_1000(th))
    } else {
        format!("{} thousand {}", words_below_1000(th), words_below_1000(r))
    }
}

fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The values a bound read from `text` may take: derived from a number the
/// text states (as itself, one more or less, 90 % or 110 %, or a range
/// bound), or from the policy's vague terms, zero, one ("a"), or twenty
/// ("a score").
fn allowed_bounds(p: &CountPolicy, text: &str) -> Vec<u64> {
    let mut v = vec![0, 1, 20];
    for n in numbers_in(text) {
        v.extend([
            n,
            n.saturating_add(1),
            n.saturating_sub(1),
            n * 9 / 10,
            (n * 11).div_ceil(10),
        ]);
    }
    for (_, iv) in p.vague_terms() {
        for by in [1u64, 1_000, 1_000_000] {
            v.push(iv.min * by);
            if let Some(m) = iv.max {
                v.push((m + 1) * by - 1);
                v.push(m);
            }
        }
    }
    v
}

fn count_phrase() -> impl Strategy<Value = String> {
    let lead = prop_oneof![
        Just(""),
        Just("at least "),
        Just("about "),
        Just("up to "),
        Just("fewer than "),
        Just("between "),
        Just("nearly "),
        Just("a "),
        Just("no "),
        Just("all "),
        Just("more than "),
        Just("some "),
        Just("over "),
        Just("almost "),
    ];
    let number = prop_oneof![
        (0u64..5000).prop_map(|n| n.to_string()),
        (0u64..5000).prop_map(grouped),
        (0u64..3000).prop_map(words),
        Just("a dozen".to_string()),
        Just("dozens".to_string()),
        Just("hundreds of thousands".to_string()),
        Just("several".to_string()),
        Just("scores".to_string()),
    ];
    let joiner = prop_oneof![
        Just(""),
        Just(" to "),
        Just(" and "),
        Just("-"),
        Just(" or more"),
        Just(" or so"),
        Just(" ")
    ];
    let tail = prop_oneof![
        Just(""),
        Just(" people"),
        Just(" dead"),
        Just(" of them"),
        Just(" protesters, police said")
    ];
    (
        lead,
        number.clone(),
        joiner,
        proptest::option::of(number),
        tail,
    )
        .prop_map(|(l, a, j, b, t)| format!("{l}{a}{j}{}{t}", b.unwrap_or_default()))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_wording_is_read_as_a_number_it_does_not_contain(text in count_phrase()) {
        for p in [CountPolicy::v2()] {
            if let Ok(r) = p.read(&text) {
                let allowed = allowed_bounds(&p, &text);
                prop_assert!(allowed.contains(&r.interval.min), "{text:?} read as {}", r.interval);
                if let Some(m) = r.interval.max {
                    prop_assert!(allowed.contains(&m), "{text:?} read as {}", r.interval);
                    prop_assert!(m >= r.interval.min);
                }
            }
        }
    }

    #[test]
    fn any_text_is_read_or_refused_never_a_panic(s in "\\PC{0,40}") {
        for p in [CountPolicy::v1(), CountPolicy::v2()] {
            if let Ok(r) = p.read(&s) {
                prop_assert!(r.interval.max.is_none_or(|m| m >= r.interval.min));
            }
        }
    }

    #[test]
    fn digits_words_and_grouping_agree(n in 0u64..999_999) {
        for p in [CountPolicy::v1(), CountPolicy::v2()] {
            let exact = Interval::exact(n);
            prop_assert_eq!(p.read(&n.to_string()).unwrap().interval, exact);
            prop_assert_eq!(p.read(&grouped(n)).unwrap().interval, exact);
            prop_assert_eq!(p.read(&format!("{} people", words(n))).unwrap().interval, exact);
            prop_assert_eq!(p.read(&format!("at least {n}")).unwrap().interval, Interval::new(n, None));
            prop_assert_eq!(p.read(&format!("more than {n}")).unwrap().interval, Interval::new(n + 1, None));
            let about = p.read(&format!("about {n}")).unwrap().interval;
            prop_assert!(about.contains(n));
        }
    }

    #[test]
    fn word_ranges_read_like_digit_ranges(a in 0u64..2000, b in 0u64..2000) {
        let p = CountPolicy::v2();
        let digits = p.read(&format!("between {a} and {b}"));
        let wordy = p.read(&format!("between {} and {}", words(a), words(b)));
        if a <= b {
            prop_assert_eq!(digits.unwrap().interval, Interval::new(a, Some(b)));
            prop_assert_eq!(wordy.unwrap().interval, Interval::new(a, Some(b)));
        } else {
            prop_assert!(digits.is_err());
            prop_assert!(wordy.is_err());
        }
    }

    #[test]
    fn ascii_normalization_collapses_whitespace_only(s in "[\\x00-\\x7f]{0,80}") {
        let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(normalize(&s), want);
    }

    #[test]
    fn a_number_is_never_found_inside_a_longer_number(n in 1u64..100_000, more in 0u64..10) {
        // "killed N" is not in "killed N<digit>", "killed N,000" or "killed 1,N".
        let quote = format!("killed {n}");
        for text in [format!("They killed {n}{more} people."), format!("killed {n},000 in all"), format!("killed {n}.5 on average")] {
            prop_assert!(!Archive::new(&text).contains(&quote), "{quote:?} in {text:?}");
        }
        let plain = format!("They killed {n} people.");
        prop_assert!(Archive::new(&plain).contains(&quote));
    }

    #[test]
    fn a_found_quote_is_really_in_the_text(text in "[a-z0-9 ,.]{0,60}", from in 0usize..60, len in 1usize..20) {
        let t = normalize(&text);
        let chars: Vec<char> = t.chars().collect();
        let q: String = chars.iter().skip(from).take(len).collect();
        if Archive::new(&text).contains(&q) {
            prop_assert!(t.contains(normalize(&q).as_str()));
        }
    }
}

fn text_value() -> impl Strategy<Value = String> {
    // Any Unicode, control characters, quotes and backslashes included; not blank.
    prop_oneof![
        "\\PC{1,60}",
        "[\\x00-\\x7f]{1,60}",
        "[\"'\\\\\\n\\t a-z\u{0600}-\u{06ff}\u{1F600}-\u{1F64F}\u{0300}-\u{036f}\u{200f}]{1,60}",
        "[a-z ]{150,300}",
    ]
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn claim(
    statement: String,
    asserted_by: Option<String>,
    wording: String,
    min: u64,
    extra: Option<u64>,
    best_at: Option<u64>,
    hedge: Option<String>,
    quotes: Vec<(String, Option<String>)>,
) -> Claim {
    let interval = Interval::new(min, extra.map(|e| min + e));
    Claim {
        id: id("c"),
        event: "e".into(),
        statement,
        asserted_by,
        date: None,
        details: Details::Casualty(Casualty {
            category: "killed".into(),
            group: "people".into(),
            wording: Some(wording),
            interval,
            best: best_at.map(|b| min + b.min(extra.unwrap_or(b))),
            as_of: Some(Timestamp::parse("2020-03-12T10:00:00+03:00").unwrap()),
            hedge,
            policy: Some("explicit".into()),
        }),
        preferred: false,
        retraction: None,
        notes: None,
        tags: Vec::new(),
        relations: Relations::default(),
        review: None,
        evidence: quotes
            .into_iter()
            .map(|(quote, attributed_to)| Evidence {
                source: id("s1"),
                quote,
                attributed_to,
                via: None,
                credibility: Some(3),
            })
            .collect(),
    }
}

fn parse(text: &str) -> Claim {
    let p = parse_claim("c", Path::new("claims/c.toml"), text, &Config::default());
    match p.record {
        Some(c) => c,
        None => panic!("did not parse back: {:?}\n{text}", p.diagnostics),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn records_round_trip(
        statement in text_value(),
        asserted_by in proptest::option::of(text_value()),
        wording in text_value(),
        min in 0u64..1_000_000_000,
        extra in proptest::option::of(0u64..1000),
        best_at in proptest::option::of(0u64..1000),
        hedge in proptest::option::of(text_value()),
        tags in proptest::collection::vec("[a-z]{1,8}", 0..3),
        notes in proptest::option::of(text_value()),
        rating in proptest::option::of(text_value()),
        quotes in proptest::collection::vec((text_value(), proptest::option::of(text_value())), 0..4),
    ) {
        let mut c = claim(statement, asserted_by, wording, min, extra, best_at, hedge, quotes);
        c.tags = tags;
        c.notes = notes;
        c.review = rating.map(|r| Review { rating: r, rating_value: Some(2.0), best_rating: Some(5.0), worst_rating: Some(1.0), ..Review::default() });
        let text = claim_text(&c);
        let back = parse(&text);
        prop_assert_eq!(&back, &c);
    }

    #[test]
    fn a_set_field_reads_back_and_nothing_else_moves(
        hedge in text_value(),
        comment in "[a-z ]{0,20}",
        best in 0u64..10,
    ) {
        let c = claim("s".into(), None, "10 to 20".into(), 10, Some(10), None, None, vec![("q".into(), None)]);
        let text = format!("# {comment}\n{}", claim_text(&c));
        let edited = set_claim_field(&text, "hedge", Some(toml_edit::value(hedge.as_str()))).unwrap();
        let edited = set_claim_field(&edited, "best", Some(toml_edit::value((10 + best) as i64))).unwrap();
        let back = parse(&edited);
        let k = back.casualty().unwrap();
        prop_assert_eq!(k.hedge.as_deref(), Some(hedge.as_str()));
        prop_assert_eq!(k.best, Some(10 + best));
        // Every line of the original is still there, in order.
        let mut rest = edited.as_str();
        for line in text.lines() {
            let at = rest.find(line);
            prop_assert!(at.is_some(), "{line:?} lost from\n{edited}");
            rest = &rest[at.unwrap() + line.len()..];
        }
        // Removing them again gives back the original.
        let undone = set_claim_field(&set_claim_field(&edited, "hedge", None).unwrap(), "best", None).unwrap();
        prop_assert_eq!(undone, text);
    }

    #[test]
    fn link_appends_exactly_one_item_and_keeps_every_byte(
        first in text_value(),
        quote in text_value(),
        who in proptest::option::of(text_value()),
        comment in "[a-z #]{0,30}",
    ) {
        let c = claim("s".into(), None, "w".into(), 1, Some(0), None, None, vec![(first, None)]);
        let text = format!("# {comment}\n{}", claim_text(&c));
        let e = Evidence { source: id("s2"), quote, attributed_to: who, via: Some(id("s1")), credibility: None };
        let after = append_evidence(&text, &e).unwrap();
        prop_assert!(after.starts_with(&text));
        let back = parse(&after);
        prop_assert_eq!(back.evidence.len(), 2);
        prop_assert_eq!(&back.evidence[1], &e);
    }
}

/// Accounts with the given intervals and origins, in one figure.
fn accounts(v: &[(u64, Option<u64>, u8, Option<u8>)]) -> Vec<Claim> {
    v.iter()
        .enumerate()
        .map(|(i, (min, extra, origin, cred))| {
            let mut c = claim(
                "s".into(),
                None,
                "w".into(),
                *min,
                *extra,
                None,
                None,
                vec![("q".into(), Some(format!("Origin {origin}")))],
            );
            c.id = id(&format!("c{i}"));
            c.evidence[0].credibility = *cred;
            if let Details::Casualty(k) = &mut c.details {
                k.as_of = None;
            }
            c.date = Some(Timestamp::parse(&format!("2020-01-{:02}", 1 + i % 28)).unwrap());
            c
        })
        .collect()
}

fn disjoint(a: &Interval, b: &Interval) -> bool {
    a.intersect(b).is_none()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn figures_keep_their_invariants(
        v in proptest::collection::vec((0u64..200, proptest::option::of(0u64..100), 0u8..4, proptest::option::of(1u8..7)), 1..9),
    ) {
        let claims = accounts(&v);
        let cfg = Config::default();
        let a = Analysis::new(Inputs { claims: &claims, sources: &[], entities: &[], events: &[], config: &cfg });
        let f = &a.figures[0];
        let active: Vec<&factcheck::analysis::Account> = f.accounts.iter().filter(|x| x.votes()).collect();
        // Each origin has exactly one active account: its latest.
        let mut roots: Vec<u32> = active.iter().flat_map(|x| x.origins.clone()).collect();
        roots.sort_unstable();
        let before = roots.len();
        roots.dedup();
        prop_assert_eq!(before, roots.len(), "an origin has two active accounts");
        // The status follows the clashing pairs, and pairs are exactly the disjoint ones.
        let mut pairs = 0;
        for (x, p) in active.iter().enumerate() {
            for q in &active[x + 1..] {
                if disjoint(&p.interval, &q.interval) {
                    pairs += 1;
                }
            }
        }
        prop_assert_eq!(pairs, f.conflicts.len());
        match f.status {
            FigureStatus::Conflicting => prop_assert!(pairs > 0),
            FigureStatus::Consistent => prop_assert!(pairs == 0 && active.len() >= 2),
            FigureStatus::SingleAccount => prop_assert!(pairs == 0 && active.len() == 1),
            FigureStatus::Withdrawn => prop_assert!(active.is_empty()),
        }
        // The consensus lies within every active account; the gap is the widest pair's.
        if let Some(c) = f.consensus {
            for x in &active {
                prop_assert!(x.interval.covers(&c));
            }
        }
        let widest = f.conflicts.iter().filter_map(|c| c.gap).max();
        prop_assert_eq!(f.gap, widest);
        // A best estimate lies within every account it rests on, and in the envelope.
        if let Some(b) = &f.best {
            for id in &b.claims {
                let x = f.accounts.iter().find(|x| &x.id == id).unwrap();
                prop_assert!(x.interval.covers(&b.interval), "{:?} not within {}", b, x.interval);
            }
            prop_assert!(f.envelope.unwrap().covers(&b.interval));
        } else {
            prop_assert!(f.why.is_some());
        }
    }
}
