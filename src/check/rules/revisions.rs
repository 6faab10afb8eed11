//! W103: a quote from a source that has been revised should still be in the
//! latest version, or the claim may rest on wording the outlet withdrew.

use super::Rule;
use crate::check::{ArchiveState, RuleInput};
use crate::model::diag::{Code, Diagnostic, Fixture, Severity, Step::*};
use std::collections::{HashMap, HashSet};

pub const W103: Code = Code {
    code: "W103",
    severity: Severity::Warning,
    summary: "quoted passage no longer appears in the latest revision of the source",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "claims/c.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[[evidence]]\nsource = \"v1\"\nquote = \"killed 15\"\n",
            ),
            Write("sources/v1.toml", "title = \"t\"\npublisher = \"P\"\n"),
            Write("sources/v1.txt", "strikes killed 15 people"),
            Write(
                "sources/v2.toml",
                "title = \"t\"\npublisher = \"P\"\nrevises = \"v1\"\n",
            ),
            Write("sources/v2.txt", "strikes killed 25 people"),
        ],
    }],
};

pub const RULE: Rule = Rule {
    name: "revisions",
    codes: &[&W103],
    run,
};

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let mut revised_by: HashMap<&str, &str> = HashMap::new();
    for s in &input.loaded.sources {
        if let Some(old) = &s.revises {
            // With two revisions of one page, the later id wins deterministically.
            let e = revised_by.entry(old.as_str()).or_insert(s.id.as_str());
            if s.id.as_str() > *e {
                *e = s.id.as_str();
            }
        }
    }
    fn latest<'a>(revised_by: &HashMap<&'a str, &'a str>, start: &'a str) -> &'a str {
        let mut seen = HashSet::new();
        let mut cur = start;
        while let Some(next) = revised_by.get(cur) {
            if !seen.insert(cur) {
                break;
            }
            cur = next;
        }
        cur
    }
    let mut out = Vec::new();
    for c in &input.loaded.claims {
        for (i, e) in c.evidence.iter().enumerate() {
            let last = latest(&revised_by, e.source.as_str());
            if last == e.source.as_str() {
                continue;
            }
            if let Some(ArchiveState::Present { archive, .. }) = input.archives.get(last)
                && !archive.contains(&e.quote)
            {
                out.push(
                    Diagnostic::new(
                        &W103,
                        &c.rel(),
                        input.claim_loc(&c.id, &format!("evidence.{i}.quote")),
                        format!("source `{}` was revised by `{last}`, and the quoted passage is gone from it", e.source),
                    )
                    .help(format!("run `factcheck source diff {} {last}` to see what changed; retract or update the claim", e.source)),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::*;

    #[test]
    fn a_quote_that_the_revision_dropped() {
        let claim = format!("{EVENT}\n[[evidence]]\nsource = \"v1\"\nquote = \"killed 15\"\n");
        let d = check_files(&[
            ("claims/c.toml", &claim),
            ("sources/v1.toml", SOURCE),
            ("sources/v1.txt", "strikes killed 15 people"),
            ("sources/v2.toml", &format!("{SOURCE}revises = \"v1\"\n")),
            ("sources/v2.txt", "strikes killed 25 people"),
        ]);
        assert!(
            codes(&d).contains(&("claims/c.toml".into(), "W103", 7)),
            "{d:?}"
        );
    }
}
