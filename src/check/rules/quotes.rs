//! E011 / W102: each quote occurs in its source's archived text.

use crate::check::{ArchiveState, RuleInput};
use crate::diag::Diagnostic;
use rayon::prelude::*;

pub fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    // The costliest rule (a search per quote), so it runs on all cores.
    input
        .claims
        .par_iter()
        .flat_map_iter(|c| check_claim(input, c))
        .collect()
}

fn check_claim(input: &RuleInput<'_>, c: &crate::model::Claim) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, e) in c.evidence.iter().enumerate() {
        let at = || input.claim_loc(c, &format!("evidence.{i}.quote"));
        match input.archives.get(e.source.as_str()) {
            Some(ArchiveState::Present { archive, .. }) if !archive.contains(&e.quote) => {
                let help = match archive.closest_passage(&e.quote) {
                    Some(p) => format!(
                        "closest passage ([-quote-] {{+archive+}}): {}",
                        crate::quote::word_diff(&crate::quote::normalize(&e.quote), &p)
                    ),
                    None => "copy the words exactly as the archive has them".into(),
                };
                out.push(
                    Diagnostic::new(
                        "E011",
                        &c.path,
                        at(),
                        format!("quote not found in the archived text of `{}`", e.source),
                    )
                    .help(help),
                );
            }
            None if input.sources_by_id.contains_key(e.source.as_str()) => out.push(
                Diagnostic::new(
                    "W102",
                    &c.path,
                    at(),
                    format!(
                        "quote cannot be verified: source `{}` has no archived text",
                        e.source
                    ),
                )
                .help(
                    "archive the text with `factcheck source add ... --text-file`, if one exists",
                ),
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
            "{EVENT}\n[[evidence]]\nsource = \"a\"\nquote = \"killed 24 people\"\n\n[[evidence]]\nsource = \"a\"\nquote = \"killed  25\\npeople\"\n\n[[evidence]]\nsource = \"b\"\nquote = \"x\"\n"
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
        assert_eq!(got.iter().filter(|g| g.1 == "E011").count(), 1, "{got:?}");
        let e = d.iter().find(|d| d.code == "E011").unwrap();
        assert!(
            e.help.as_ref().unwrap().contains("[-24-]{+25+}"),
            "{:?}",
            e.help
        );
    }
}
