//! E007: claims, sources, entities and events share one id namespace, and
//! an event slug may not be another record's id.

use super::Rule;
use crate::check::RuleInput;
use crate::model::diag::{Code, Diagnostic, Fixture, Loc, Severity, Step::*};
use crate::model::records::RecordKind;
use std::collections::BTreeMap;

pub const E007: Code = Code {
    code: "E007",
    severity: Severity::Error,
    summary: "two records share an id (claims, sources, entities and events share one namespace)",
    fixtures: &[
        Fixture {
            steps: &[
                Write(
                    "claims/x.toml",
                    "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n",
                ),
                Write("sources/x.toml", "title = \"t\"\npublisher = \"P\"\n"),
            ],
        },
        Fixture {
            steps: &[
                Write(
                    "claims/c.toml",
                    "kind = \"event\"\nevent = \"ap\"\nstatement = \"s\"\n",
                ),
                Write("entities/ap.toml", "name = \"AP\"\n"),
            ],
        },
    ],
};

pub const RULE: Rule = Rule {
    name: "ids",
    codes: &[&E007],
    run,
};

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let mut owners: BTreeMap<&str, Vec<RecordKind>> = BTreeMap::new();
    for kind in RecordKind::ALL {
        for id in input.loaded.present(kind) {
            owners.entry(id.as_str()).or_default().push(kind);
        }
    }
    let mut out = Vec::new();
    for (id, kinds) in &owners {
        if kinds.len() < 2 {
            continue;
        }
        let mut kinds = kinds.clone();
        kinds.sort();
        let Ok(parsed) = crate::model::id::Id::parse(id) else {
            continue;
        };
        let others: Vec<String> = kinds[1..]
            .iter()
            .map(|k| k.rel(&parsed).display().to_string())
            .collect();
        out.push(
            Diagnostic::new(
                &E007,
                &kinds[0].rel(&parsed),
                Loc::START,
                format!("`{id}` is also {}", others.join(" and ")),
            )
            .help("claims, sources, entities and events share one id namespace; rename one with `factcheck mv OLD NEW`"),
        );
    }
    // An event slug that is another record's id.
    let mut seen = std::collections::BTreeSet::new();
    for c in &input.loaded.claims {
        if !seen.insert(c.event.as_str()) {
            continue;
        }
        if let Some(kinds) = owners.get(c.event.as_str()) {
            let others: Vec<RecordKind> = kinds
                .iter()
                .copied()
                .filter(|k| *k != RecordKind::Event)
                .collect();
            if let Some(k) = others.first() {
                out.push(
                    Diagnostic::new(
                        &E007,
                        &c.rel(),
                        input.claim_loc(&c.id, "event"),
                        format!("event `{}` is also {}", c.event, k.rel(&crate::model::id::Id::parse(&c.event).unwrap_or_else(|_| c.id.clone())).display()),
                    )
                    .help("an event slug shares the id namespace; rename the event or the record with `factcheck mv`"),
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
    fn a_claim_and_a_source_with_one_id() {
        let d = check_files(&[("claims/x.toml", EVENT), ("sources/x.toml", SOURCE)]);
        assert!(
            codes(&d).contains(&("claims/x.toml".into(), "E007", 1)),
            "{d:?}"
        );
    }
}
