//! E007: claims and sources share one id namespace.

use crate::check::RuleInput;
use crate::diag::{Diagnostic, Loc};
use crate::workspace::Workspace;

pub fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let mut ids: Vec<_> = input.claim_files.intersection(input.source_files).collect();
    ids.sort();
    ids.into_iter()
        .map(|id| {
            Diagnostic::new(
                "E007",
                &Workspace::claim_rel(id),
                Loc::START,
                format!(
                    "`{id}` is both a claim and a source ({})",
                    Workspace::source_rel(id).display()
                ),
            )
            .help("claims and sources share one id namespace; rename one of them")
        })
        .collect()
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
