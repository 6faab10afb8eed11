//! W108: in a cumulative event, a running total that falls within one
//! origin's series: either a correction worth a note, or an error.

use super::Rule;
use crate::analysis::timeline::Change;
use crate::check::RuleInput;
use crate::model::diag::{Code, Diagnostic, Fixture, Severity, Step::*};

pub const W108: Code = Code {
    code: "W108",
    severity: Severity::Warning,
    summary: "a running total falls within one origin's series (cumulative event)",
    fixtures: &[Fixture {
        steps: &[
            Write("events/war.toml", "title = \"War\"\ncumulative = true\n"),
            Write(
                "sources/m.toml",
                "title = \"Daily toll\"\npublisher = \"Ministry\"\n",
            ),
            Write(
                "claims/a.toml",
                "kind = \"casualty\"\nevent = \"war\"\nstatement = \"s\"\nasserted_by = \"Ministry\"\ndate = 2024-05-01\ncategory = \"killed\"\ngroup = \"civilians\"\nmin = 11000\nmax = 11000\n\n[[evidence]]\nsource = \"m\"\nquote = \"q\"\nattributed_to = \"Ministry\"\n",
            ),
            Write(
                "claims/b.toml",
                "kind = \"casualty\"\nevent = \"war\"\nstatement = \"s\"\nasserted_by = \"Ministry\"\ndate = 2024-05-08\ncategory = \"killed\"\ngroup = \"civilians\"\nmin = 10500\nmax = 10500\n\n[[evidence]]\nsource = \"m\"\nquote = \"q\"\nattributed_to = \"Ministry\"\n",
            ),
        ],
    }],
};

pub const RULE: Rule = Rule {
    name: "running-totals",
    codes: &[&W108],
    run,
};

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let an = input.analysis;
    if !an.figures.iter().any(|f| f.cumulative) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for t in an.timelines() {
        let f = &an.figures[t.figure];
        if !f.cumulative {
            continue;
        }
        // The previous version of each origin, to name what it fell from.
        let mut previous: std::collections::HashMap<_, usize> = Default::default();
        for v in &t.versions {
            if v.change == Change::RevisedDown
                && let Some(o) = v.origin
                && let Some(p) = previous.get(&o)
            {
                let (old, new) = (&f.accounts[*p], &f.accounts[v.account]);
                out.push(
                    Diagnostic::new(
                        &W108,
                        &an.ctx.claims[new.claim].rel(),
                        input.claim_loc(&new.id, "min"),
                        format!(
                            "the running total of {} falls from {} (`{}`) to {} (`{}`) in {}'s series",
                            f.name(),
                            old.interval,
                            old.id,
                            new.interval,
                            new.id,
                            an.ctx.names.name(o)
                        ),
                    )
                    .help("a cumulative toll should not fall: check the figure, or record why it was corrected in `notes`"),
                );
            }
            if let Some(o) = v.origin {
                previous.insert(o, v.account);
            }
        }
    }
    out
}
