//! W101: a claim with no evidence stands on nothing.

use super::Rule;
use crate::check::RuleInput;
use crate::model::diag::{Code, Diagnostic, Fixture, Loc, Severity, Step::*};

pub const W101: Code = Code {
    code: "W101",
    severity: Severity::Warning,
    summary: "claim has no evidence (unsourced)",
    fixtures: &[Fixture {
        steps: &[Write(
            "claims/c.toml",
            "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n",
        )],
    }],
};

pub const RULE: Rule = Rule {
    name: "unsourced",
    codes: &[&W101],
    run,
};

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    input
        .loaded
        .claims
        .iter()
        .filter(|c| c.evidence.is_empty() && !c.is_retracted())
        .map(|c| {
            Diagnostic::new(
                &W101,
                &c.rel(),
                Loc::START,
                format!("claim `{}` has no evidence", c.id),
            )
            .help(format!(
                "link a quote: factcheck link {} SOURCE --quote \"...\"",
                c.id
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::*;

    #[test]
    fn unsourced_claims_warn() {
        let d = check_files(&[("claims/c.toml", EVENT)]);
        assert_eq!(codes(&d), vec![("claims/c.toml".into(), "W101", 1)]);
    }
}
