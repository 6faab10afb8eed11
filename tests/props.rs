//! Property tests (bounded case counts so CI stays fast): the count-wording
//! parser, record round-trips through the writer and the parser, and the
//! interval logic of figures.

use factcheck::canonical::{append_evidence, claim_text};
use factcheck::config::Config;
use factcheck::count::{CountPolicy, Interval};
use factcheck::id::Id;
use factcheck::model::*;
use factcheck::record::parse_claim;
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
        if h > 0 {
            parts.push(format!("and {t}"));
        } else {
            parts.push(t);
        }
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

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_parser_never_panics(s in "\\PC{0,40}") {
        let _ = CountPolicy::default().read(&s);
    }

    #[test]
    fn the_parser_never_panics_on_count_like_text(s in "(at least |about |up to |fewer than |between |nearly |a |no )?[0-9,]{0,25}( to | and |-| or more)?[0-9]{0,25}( people)?") {
        let _ = CountPolicy::default().read(&s);
    }

    #[test]
    fn digits_words_and_grouping_agree(n in 0u64..999_999) {
        let p = CountPolicy::default();
        let exact = Interval::exact(n);
        prop_assert_eq!(p.read(&n.to_string()).unwrap().interval, exact);
        prop_assert_eq!(p.read(&grouped(n)).unwrap().interval, exact);
        prop_assert_eq!(p.read(&format!("{} people", words(n))).unwrap().interval, exact);
        prop_assert_eq!(p.read(&format!("at least {n}")).unwrap().interval, Interval::new(n, None));
        prop_assert_eq!(p.read(&format!("more than {n}")).unwrap().interval, Interval::new(n + 1, None));
        let about = p.read(&format!("about {n}")).unwrap().interval;
        prop_assert!(about.contains(n));
    }

    #[test]
    fn ascii_normalization_collapses_whitespace_only(s in "[\\x00-\\x7f]{0,80}") {
        let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(factcheck::quote::normalize(&s), want);
    }

    #[test]
    fn ranges_read_in_order(a in 0u64..100_000, b in 0u64..100_000) {
        let p = CountPolicy::default();
        let r = p.read(&format!("between {a} and {b}"));
        if a <= b {
            prop_assert_eq!(r.unwrap().interval, Interval::new(a, Some(b)));
        } else {
            prop_assert!(r.is_err());
        }
    }
}

fn claim(
    statement: String,
    asserted_by: Option<String>,
    wording: String,
    min: u64,
    extra: Option<u64>,
    quotes: Vec<(String, Option<String>)>,
) -> Claim {
    let id = Id::parse("c").unwrap();
    Claim {
        id: id.clone(),
        path: "claims/c.toml".into(),
        event: "e".into(),
        statement,
        asserted_by,
        date: None,
        details: Details::Casualty(Casualty {
            category: "killed".into(),
            group: "people".into(),
            wording: Some(wording),
            interval: Interval::new(min, extra.map(|e| min + e)),
            policy: Some("explicit".into()),
        }),
        retracted: None,
        relations: Relations::default(),
        evidence: quotes
            .into_iter()
            .map(|(quote, attributed_to)| Evidence {
                source: Id::parse("s1").unwrap(),
                quote,
                attributed_to,
                via: None,
                credibility: Some(3),
            })
            .collect(),
        locs: Locs::default(),
    }
}

fn parse(text: &str) -> Claim {
    let p = parse_claim(
        "c",
        Path::new("claims/c.toml"),
        text,
        &CountPolicy::default(),
    );
    match p.record {
        Some(c) => c,
        None => panic!("did not parse back: {:?}\n{text}", p.diagnostics),
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

proptest! {
    #![proptest_config(config())]

    #[test]
    fn records_round_trip(
        statement in text_value(),
        asserted_by in proptest::option::of(text_value()),
        wording in text_value(),
        min in 0u64..1_000_000_000,
        extra in proptest::option::of(0u64..1000),
        quotes in proptest::collection::vec((text_value(), proptest::option::of(text_value())), 0..4),
    ) {
        let c = claim(statement, asserted_by, wording, min, extra, quotes);
        let text = claim_text(&c);
        let back = parse(&text);
        prop_assert_eq!(&back.statement, &c.statement);
        prop_assert_eq!(&back.asserted_by, &c.asserted_by);
        prop_assert_eq!(&back.details, &c.details);
        prop_assert_eq!(&back.evidence, &c.evidence);
    }

    #[test]
    fn link_appends_exactly_one_item_and_keeps_every_byte(
        first in text_value(),
        quote in text_value(),
        who in proptest::option::of(text_value()),
        comment in "[a-z #]{0,30}",
    ) {
        let c = claim("s".into(), None, "w".into(), 1, Some(0), vec![(first, None)]);
        let text = format!("# {comment}\n{}", claim_text(&c));
        let e = Evidence { source: Id::parse("s2").unwrap(), quote, attributed_to: who, via: Some(Id::parse("s1").unwrap()), credibility: None };
        let after = append_evidence(&text, &e).unwrap();
        prop_assert!(after.starts_with(&text));
        let back = parse(&after);
        prop_assert_eq!(back.evidence.len(), 2);
        prop_assert_eq!(&back.evidence[1], &e);
    }
}

fn accounts(intervals: &[(u64, Option<u64>)]) -> Vec<Claim> {
    intervals
        .iter()
        .enumerate()
        .map(|(i, (min, extra))| {
            let mut c = claim("s".into(), None, "w".into(), *min, *extra, vec![]);
            c.id = Id::parse(&format!("c{i}")).unwrap();
            c
        })
        .collect()
}

fn consensus(
    intervals: &[(u64, Option<u64>)],
) -> (
    factcheck::analysis::FigureStatus,
    Option<Interval>,
    Vec<Interval>,
) {
    let claims = accounts(intervals);
    let cfg = Config::default();
    let a = factcheck::analysis::Analysis::new(&claims, &[], &cfg);
    let f = &a.figures[0];
    (
        f.status,
        f.consensus,
        f.accounts.iter().map(|a| a.interval).collect(),
    )
}

fn within(inner: &Interval, outer: &Interval) -> bool {
    inner.min >= outer.min
        && match (inner.max, outer.max) {
            (_, None) => true,
            (Some(i), Some(o)) => i <= o,
            (None, Some(_)) => false,
        }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn consensus_lies_within_every_account(v in proptest::collection::vec((0u64..200, proptest::option::of(0u64..100)), 1..8)) {
        let (status, cons, all) = consensus(&v);
        use factcheck::analysis::FigureStatus::*;
        match cons {
            Some(c) => {
                prop_assert!(status == Consistent || status == SingleAccount);
                for a in &all {
                    prop_assert!(within(&c, a), "{c:?} not within {a:?}");
                }
                // Point accounts that agree: the consensus is exactly that point.
                if all.iter().all(|a| a.max == Some(a.min)) {
                    prop_assert!(all.iter().all(|a| c.contains(a.min)));
                }
            }
            None => prop_assert_eq!(status, Conflicting),
        }
    }

    #[test]
    fn adding_an_account_never_widens_the_consensus(
        v in proptest::collection::vec((0u64..200, proptest::option::of(0u64..100)), 1..6),
        extra in (0u64..200, proptest::option::of(0u64..100)),
    ) {
        let (_, before, _) = consensus(&v);
        let mut more = v.clone();
        more.push(extra);
        let (_, after, _) = consensus(&more);
        match (before, after) {
            (Some(b), Some(a)) => prop_assert!(within(&a, &b)),
            (None, Some(_)) => prop_assert!(false, "a conflict was resolved by adding an account"),
            _ => {}
        }
    }
}
