//! Generates a realistic workspace for benchmarks and scale tests:
//!
//!     cargo run --release --example synth -- --claims N --sources M DIR [--seed S] [--max-event N]
//!
//! Records are rendered by the tool's own writer (`factcheck::canonical`);
//! files are written without the per-file fsync of the interactive commands,
//! so that 150,000 files take seconds, not minutes. Archived texts are about
//! 2 KB; each claim has one to three evidence items quoting those texts;
//! events hold 5 to 50 claims with conflicting figures, `cites` chains and
//! denials.

use factcheck::check::sha256_hex;
use factcheck::model::count::{CountPolicy, Interval};
use factcheck::model::*;
use factcheck::store::canonical::{claim_text, source_text};
use std::path::PathBuf;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64: small, fast, reproducible.
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
}

const OUTLETS: &[&str] = &[
    "Associated Press",
    "Reuters",
    "AFP",
    "The New York Times",
    "The Washington Post",
    "NBC News",
    "BBC News",
    "Al Jazeera",
    "The Hill",
    "Rudaw",
    "Kurdistan 24",
    "Al-Sumaria",
    "Shafaq News",
    "The National",
    "Asharq Al-Awsat",
    "Middle East Eye",
    "CNN",
    "Fox News",
    "The Guardian",
    "Le Monde",
];
const ORIGINS: &[&str] = &[
    "U.S. officials",
    "Iraqi security officials",
    "the Ministry of Health",
    "Popular Mobilization Forces",
    "hospital staff",
    "a militia spokesman",
    "the Pentagon",
    "witnesses",
    "local police",
    "the governor",
];
const ACTORS: &[&str] = &[
    "Kataib Hezbollah",
    "Iran",
    "Islamic State",
    "Asaib Ahl al-Haq",
    "unknown gunmen",
];
const PLACES: &[&str] = &[
    "Baghdad", "Basra", "Erbil", "Mosul", "Kirkuk", "Taji", "Al-Qaim", "Najaf", "Karbala", "Anbar",
];
const CATEGORIES: &[&str] = &["killed", "injured"];
const GROUPS: &[&str] = &[
    "civilians",
    "protesters",
    "soldiers",
    "militia-members",
    "contractors",
];

fn wording(rng: &mut Rng, n: u64) -> String {
    match rng.below(8) {
        0 => format!("at least {n}"),
        1 => format!("about {n}"),
        2 => format!("more than {n}"),
        3 => "dozens".to_string(),
        4 => format!("{n} people"),
        5 => format!("up to {n}"),
        _ => n.to_string(),
    }
}

/// An article of about 2 KB; returns its text and its sentences.
fn article(rng: &mut Rng, event: usize) -> (String, Vec<String>) {
    let mut sentences = Vec::new();
    let mut len = 0;
    while len < 2000 {
        let place = rng.pick(PLACES);
        let origin = rng.pick(ORIGINS);
        let n = 1 + rng.below(120);
        let s = match rng.below(6) {
            0 => format!(
                "The attack near {place} in incident {event} killed {} people, {origin} said.",
                wording(rng, n)
            ),
            1 => format!(
                "{origin} said {} were injured when rockets struck a base outside {place}.",
                wording(rng, n)
            ),
            2 => format!(
                "{} blamed {} for the strike on the convoy near {place}.",
                origin,
                rng.pick(ACTORS)
            ),
            3 => format!(
                "A spokesman for {} denied any role in the attack in {place}.",
                rng.pick(ACTORS)
            ),
            4 => format!(
                "Crowds gathered outside the compound in {place} as smoke rose over the checkpoint."
            ),
            _ => format!(
                "Officials in {place} said the investigation into incident {event} was continuing and that {n} arrests had been made."
            ),
        };
        len += s.len() + 1;
        sentences.push(s);
    }
    (sentences.join(" "), sentences)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut claims = 1000usize;
    let mut sources = 500usize;
    let mut seed = 1u64;
    // Claims per event are drawn from 5..=max_event (a stress test sets it high).
    let mut max_event = 50usize;
    let mut dir: Option<PathBuf> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--claims" => {
                claims = args[i + 1].parse().expect("--claims N");
                i += 1;
            }
            "--sources" => {
                sources = args[i + 1].parse().expect("--sources M");
                i += 1;
            }
            "--max-event" => {
                max_event = args[i + 1].parse().expect("--max-event N");
                i += 1;
            }
            "--seed" => {
                seed = args[i + 1].parse().expect("--seed S");
                i += 1;
            }
            d => dir = Some(PathBuf::from(d)),
        }
        i += 1;
    }
    let dir = dir.expect("usage: synth --claims N --sources M DIR");
    assert!(sources > 0, "--sources must be at least 1");
    if dir.join("factcheck.toml").exists() {
        eprintln!("{} is already a workspace; remove it first", dir.display());
        std::process::exit(2);
    }
    factcheck::ops::init::init(
        &dir,
        &factcheck::ops::init::Options {
            git: false,
            nested: true,
        },
    )
    .expect("init");
    let mut rng = Rng(seed);
    let policy = CountPolicy::default();

    // Sources: each about one event; one in ten relays an earlier source.
    let events = (claims / (max_event / 2).max(1)).max(1);
    let mut texts: Vec<Vec<String>> = Vec::with_capacity(sources);
    // Sources are written after the claims: a casualty claim's quote is a
    // sentence added to its source's text, stating the count as worded.
    let mut pending: Vec<(String, Source)> = Vec::with_capacity(sources);
    for s in 0..sources {
        let event = s % events;
        let (text, sentences) = article(&mut rng, event);
        let id = Id::parse(&format!("src-{s:06}")).unwrap();
        let cites = if s > 0 && rng.below(10) == 0 {
            vec![Id::parse(&format!("src-{:06}", rng.below(s as u64))).unwrap()]
        } else {
            vec![]
        };
        let day = 1 + rng.below(28);
        let hour = rng.below(24);
        let source = Source {
            id: id.clone(),
            title: format!("Report {s} on incident {event}"),
            publisher: rng.pick(OUTLETS).to_string(),
            url: Some(format!("https://news.example/{s}")),
            published: Timestamp::parse(&format!("2020-03-{day:02}T{hour:02}:00:00+03:00")).ok(),
            accessed: None,
            language: Some("en".into()),
            reliability: Some(*rng.pick(&['A', 'B', 'C', 'D', 'E', 'F'])),
            cites,
            revises: None,
            sha256: None,
            notes: None,
            tags: Vec::new(),
            capture: None,
        };
        pending.push((text, source));
        texts.push(sentences);
    }

    // Claims, in events of 5 to 50.
    let mut made = 0usize;
    let mut event = 0usize;
    while made < claims {
        let size =
            (5 + rng.below(max_event.saturating_sub(4).max(1) as u64) as usize).min(claims - made);
        let event_slug = format!("incident-{event:05}");
        let first = made;
        let mut blame: Option<Id> = None;
        for k in 0..size {
            let id = Id::parse(&format!("claim-{made:07}")).unwrap();
            let roll = rng.below(10);
            let details = if roll < 6 {
                let n = 5 + rng.below(40);
                // Some figures conflict: a few accounts far from the rest.
                let n = if rng.below(8) == 0 { n * 3 } else { n };
                let w = wording(&mut rng, n);
                let interval = policy
                    .read(&w)
                    .map(|r| r.interval)
                    .unwrap_or(Interval::exact(n));
                Details::Casualty(Casualty {
                    category: rng.pick(CATEGORIES).to_string(),
                    group: rng.pick(GROUPS).to_string(),
                    wording: Some(w),
                    interval,
                    best: None,
                    as_of: None,
                    hedge: None,
                    policy: Some(policy.name.clone()),
                })
            } else if roll < 8 {
                Details::Responsibility(Blame {
                    actor: rng.pick(ACTORS).to_string(),
                    stance: None,
                    hedge: None,
                })
            } else if roll == 8 && k > 0 {
                match &blame {
                    Some(b) => Details::Denial(Denial {
                        denies: Some(b.clone()),
                        actor: None,
                    }),
                    None => Details::Event,
                }
            } else {
                Details::Event
            };
            let n_evidence = 1 + rng.below(3) as usize;
            let mut evidence = Vec::with_capacity(n_evidence);
            for e in 0..n_evidence {
                let s = ((event * 7 + rng.below(5) as usize) % sources) as u64;
                let quote = match &details {
                    // The first quote of a casualty claim states its count.
                    Details::Casualty(c) if e == 0 => {
                        let q = format!(
                            "{} {} were {} in {event_slug} (report {made})",
                            c.wording.as_deref().unwrap_or(""),
                            c.group,
                            c.category
                        );
                        let text = &mut pending[s as usize].0;
                        text.push_str(&format!("Officials said {q}.\n"));
                        q
                    }
                    _ => {
                        let sentences = &texts[s as usize];
                        let sentence = rng.pick(sentences);
                        // A quote is a verbatim run of words from the archived text.
                        let words: Vec<&str> = sentence.split(' ').collect();
                        let from = rng.below((words.len() / 2) as u64) as usize;
                        words[from..].join(" ")
                    }
                };
                evidence.push(Evidence {
                    source: Id::parse(&format!("src-{s:06}")).unwrap(),
                    quote,
                    attributed_to: if rng.below(2) == 0 {
                        Some(rng.pick(ORIGINS).to_string())
                    } else {
                        None
                    },
                    via: None,
                    credibility: Some(1 + rng.below(6) as u8),
                });
            }
            let mut relations = Relations::default();
            if k > 0 && rng.below(20) == 0 {
                relations.supersedes.push(
                    Id::parse(&format!(
                        "claim-{:07}",
                        first + rng.below(k as u64) as usize
                    ))
                    .unwrap(),
                );
            }
            if matches!(details, Details::Responsibility(_)) {
                blame = Some(id.clone());
            }
            // Accounts come in over a month, so each origin's figures form
            // a series, as real reporting does.
            let day = 1 + rng.below(28);
            let hour = rng.below(24);
            let claim = Claim {
                id: id.clone(),
                event: event_slug.clone(),
                statement: format!("Statement {made} about {event_slug}."),
                asserted_by: Some(rng.pick(ORIGINS).to_string()),
                date: Timestamp::parse(&format!("2020-03-{day:02}T{hour:02}:00:00Z")).ok(),
                details,
                preferred: false,
                retraction: if rng.below(50) == 0 {
                    Some(Retraction {
                        reason: "superseded by a later toll".into(),
                        on: None,
                    })
                } else {
                    None
                },
                notes: None,
                tags: Vec::new(),
                relations,
                review: None,
                evidence,
            };
            std::fs::write(dir.join(format!("claims/{id}.toml")), claim_text(&claim)).unwrap();
            made += 1;
        }
        event += 1;
    }
    for (text, mut source) in pending {
        source.sha256 = Some(sha256_hex(text.as_bytes()));
        let id = &source.id;
        std::fs::write(dir.join(format!("sources/{id}.txt")), &text).unwrap();
        std::fs::write(dir.join(format!("sources/{id}.toml")), source_text(&source)).unwrap();
    }
    println!(
        "wrote {made} claims in {event} events and {sources} sources to {}",
        dir.display()
    );
}
