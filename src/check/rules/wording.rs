//! W109: the number(s) in a casualty claim's wording should occur in one of
//! its verified quotes ("eight" linked to "Seven people died" is a typo or a
//! misreading).

use super::Rule;
use crate::check::{ArchiveState, RuleInput};
use crate::model::count::numbers_in;
use crate::model::diag::{Code, Diagnostic, Fixture, Severity, Step::*};
use rayon::prelude::*;

pub const W109: Code = Code {
    code: "W109",
    severity: Severity::Warning,
    summary: "the number in a casualty claim's wording occurs in none of its verified quotes",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "claims/c.toml",
                "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"people\"\nwording = \"eight\"\nmin = 8\nmax = 8\npolicy = \"default-v2\"\n\n[[evidence]]\nsource = \"a\"\nquote = \"Seven people died\"\n",
            ),
            Write("sources/a.toml", "title = \"t\"\npublisher = \"P\"\n"),
            Write("sources/a.txt", "Seven people died on Friday."),
        ],
    }],
};

pub const RULE: Rule = Rule {
    name: "wording",
    codes: &[&W109],
    run,
};

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    input
        .loaded
        .claims
        .par_iter()
        .filter_map(|c| {
            let wording = c.casualty()?.wording.as_deref()?;
            let wanted = numbers_in(wording);
            if wanted.is_empty() {
                return None;
            }
            let verified: Vec<&str> = c
                .evidence
                .iter()
                .filter(|e| {
                    matches!(input.archives.get(e.source.as_str()), Some(ArchiveState::Present { archive, .. }) if archive.contains(&e.quote))
                })
                .map(|e| e.quote.as_str())
                .collect();
            if verified.is_empty() {
                return None;
            }
            let found = verified
                .iter()
                .any(|q| numbers_in(q).iter().any(|n| wanted.contains(n)));
            if found {
                return None;
            }
            let shown: Vec<String> = wanted.iter().map(|n| n.to_string()).collect();
            Some(
                Diagnostic::new(
                    &W109,
                    &c.rel(),
                    input.claim_loc(&c.id, "wording"),
                    format!(
                        "the wording {wording:?} says {}, but no verified quote of this claim states it",
                        shown.join(" and ")
                    ),
                )
                .help("check the wording against the quotes; link the quote that states the number"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::*;

    fn claim(wording: &str, quote: &str) -> String {
        format!(
            "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"people\"\nwording = \"{wording}\"\nmin = 0\npolicy = \"explicit\"\n\n[[evidence]]\nsource = \"a\"\nquote = \"{quote}\"\n"
        )
    }

    #[test]
    fn numbers_must_be_in_a_verified_quote() {
        let article =
            "Seven people died. Officials said a dozen were hurt, at least 10 protesters.";
        let cases = [
            ("eight", "Seven people died", true),
            ("seven", "Seven people died", false),
            ("7", "Seven people died", false),
            ("12", "a dozen were hurt", false),
            ("at least 10", "at least 10 protesters", false),
            ("many", "Seven people died", false),
        ];
        for (wording, quote, warns) in cases {
            let d = check_files(&[
                ("claims/c.toml", &claim(wording, quote)),
                ("sources/a.toml", SOURCE),
                ("sources/a.txt", article),
            ]);
            assert_eq!(
                d.iter().any(|d| d.code == "W109"),
                warns,
                "{wording} / {quote}: {d:?}"
            );
        }
    }
}
