//! W112: a figure's best estimate can rest on one preferred account only.

use super::Rule;
use crate::check::RuleInput;
use crate::model::diag::{Code, Diagnostic, Fixture, Severity, Step::*};

pub const W112: Code = Code {
    code: "W112",
    severity: Severity::Warning,
    summary: "more than one active account of a figure is marked preferred",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "claims/a.toml",
                "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nmin = 3\nmax = 3\nrank = \"preferred\"\n",
            ),
            Write(
                "claims/b.toml",
                "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nmin = 5\nmax = 5\nrank = \"preferred\"\n",
            ),
        ],
    }],
};

pub const RULE: Rule = Rule {
    name: "preferred",
    codes: &[&W112],
    run,
};

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in &input.analysis.figures {
        let preferred: Vec<&crate::analysis::Account> =
            f.active().map(|(_, a)| a).filter(|a| a.preferred).collect();
        if preferred.len() < 2 {
            continue;
        }
        let ids: Vec<String> = preferred.iter().map(|a| format!("`{}`", a.id)).collect();
        for a in &preferred[1..] {
            out.push(
                Diagnostic::new(
                    &W112,
                    &input.analysis.ctx.claims[a.claim].rel(),
                    input.claim_loc(&a.id, "rank"),
                    format!(
                        "{} are {} marked preferred in {} of `{}`, so none is used as the best estimate",
                        ids.join(" and "),
                        if ids.len() == 2 { "both" } else { "all" },
                        f.name(),
                        f.event
                    ),
                )
                .help(format!("keep one: `factcheck prefer {}` clears the others", preferred[0].id)),
            );
        }
    }
    out
}
