//! W101: a claim with no evidence stands on nothing.

use crate::check::RuleInput;
use crate::diag::{Diagnostic, Loc};

pub fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    input
        .claims
        .iter()
        .filter(|c| c.evidence.is_empty() && !c.is_retracted())
        .map(|c| {
            Diagnostic::new(
                "W101",
                &c.path,
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
