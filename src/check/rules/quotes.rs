//! E011 / W102: each quote occurs in its source's archived text, at word
//! boundaries.

use super::Rule;
use crate::check::{ArchiveState, RuleInput};
use crate::model::diag::{Code, Diagnostic, Fixture, Severity, Step::*};
use crate::model::quote::{normalize, word_diff};
use crate::model::records::Claim;
use rayon::prelude::*;

pub const E011: Code = Code {
    code: "E011",
    severity: Severity::Error,
    summary: "quote not found in the source's archived text (at word boundaries)",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "claims/c.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[[evidence]]\nsource = \"a\"\nquote = \"killed 25\"\n",
            ),
            Write("sources/a.toml", "title = \"t\"\npublisher = \"P\"\n"),
            Write("sources/a.txt", "Strikes killed 250 people."),
        ],
    }],
};

pub const W102: Code = Code {
    code: "W102",
    severity: Severity::Warning,
    summary: "quote cannot be verified: the source has no archived text",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "claims/c.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[[evidence]]\nsource = \"tv\"\nquote = \"q\"\n",
            ),
            Write("sources/tv.toml", "title = \"t\"\npublisher = \"TV\"\n"),
        ],
    }],
};

pub const RULE: Rule = Rule {
    name: "quotes",
    codes: &[&E011, &W102],
    run,
};

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    // The costliest rule (a search per quote), so it runs on all cores.
    input
        .loaded
        .claims
        .par_iter()
        .flat_map_iter(|c| check_claim(input, c))
        .collect()
}

fn check_claim(input: &RuleInput<'_>, c: &Claim) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, e) in c.evidence.iter().enumerate() {
        let at = || input.claim_loc(&c.id, &format!("evidence.{i}.quote"));
        match input.archives.get(e.source.as_str()) {
            Some(ArchiveState::Present { archive, .. }) if !archive.contains(&e.quote) => {
                let help = match archive.closest_passage(&e.quote) {
                    Some(p) => format!(
                        "closest passage ([-quote-] {{+archive+}}): {}",
                        word_diff(&normalize(&e.quote), &p)
                    ),
                    None => "copy the words exactly as the archive has them".into(),
                };
                out.push(
                    Diagnostic::new(
                        &E011,
                        &c.rel(),
                        at(),
                        format!("quote not found in the archived text of `{}`", e.source),
                    )
                    .help(help),
                );
            }
            None if input.loaded.sources.binary_search_by(|s| s.id.cmp(&e.source)).is_ok() => out.push(
                Diagnostic::new(
                    &W102,
                    &c.rel(),
                    at(),
                    format!("quote cannot be verified: source `{}` has no archived text", e.source),
                )
                .help("archive the page with `factcheck source add ID --url ... --fetch` or `--text-file`, if it exists"),
            ),
            // Unreadable archives and unknown sources have their own diagnostics.
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::*;

    #[test]
    fn quotes_are_checked_against_the_archive() {
        let claim = format!(
            "{EVENT}\n[[evidence]]\nsource = \"a\"\nquote = \"killed 24 people\"\n\n[[evidence]]\nsource = \"a\"\nquote = \"killed  25\\npeople\"\n\n[[evidence]]\nsource = \"b\"\nquote = \"x\"\n\n[[evidence]]\nsource = \"a\"\nquote = \"killed 2\"\n"
        );
        let d = check_files(&[
            ("claims/c.toml", &claim),
            ("sources/a.toml", SOURCE),
            ("sources/a.txt", "strikes killed 25 people"),
            ("sources/b.toml", SOURCE),
        ]);
        let got = codes(&d);
        assert!(
            got.contains(&("claims/c.toml".into(), "E011", 7)),
            "{got:?}"
        );
        assert!(
            got.contains(&("claims/c.toml".into(), "W102", 15)),
            "{got:?}"
        );
        // "killed 2" is inside "killed 25": not a match.
        assert!(
            got.contains(&("claims/c.toml".into(), "E011", 19)),
            "{got:?}"
        );
        assert_eq!(got.iter().filter(|g| g.1 == "E011").count(), 2, "{got:?}");
        let e = d.iter().find(|d| d.code == "E011").unwrap();
        assert!(
            e.help.as_ref().unwrap().contains("[-24-]{+25+}"),
            "{:?}",
            e.help
        );
    }
}
