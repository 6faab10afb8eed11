//! One file per cross-record rule. Each declares its codes (with the
//! fixtures that make them appear) and a `run`, registered in [`RULES`].

pub mod archives;
pub mod cycles;
pub mod history;
pub mod ids;
pub mod names;
pub mod preferred;
pub mod quotes;
pub mod references;
pub mod revisions;
pub mod running_totals;
pub mod unsourced;
pub mod wording;

use super::RuleInput;
use crate::model::diag::{Code, Diagnostic};

/// A cross-record rule: its name, the codes it emits, and its check.
pub struct Rule {
    pub name: &'static str,
    pub codes: &'static [&'static Code],
    pub run: fn(&RuleInput<'_>) -> Vec<Diagnostic>,
}

/// Every cross-record rule, in the order they are listed in the docs.
pub const RULES: &[Rule] = &[
    ids::RULE,
    references::RULE,
    cycles::RULE,
    archives::RULE,
    quotes::RULE,
    revisions::RULE,
    unsourced::RULE,
    names::RULE,
    running_totals::RULE,
    wording::RULE,
    preferred::RULE,
    history::RULE,
];

#[cfg(test)]
pub(crate) mod testing {
    //! Builds a small workspace in a temp dir and runs `check` on it.
    use crate::model::diag::Diagnostic;
    use crate::store::workspace::Workspace;

    pub fn check_files(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("factcheck.toml"),
            "[count]\npolicy = \"default-v2\"\n",
        )
        .unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let ws = Workspace::open(dir.path()).unwrap();
        crate::check::check(&ws).diagnostics
    }

    pub fn codes(d: &[Diagnostic]) -> Vec<(String, &'static str, usize)> {
        d.iter()
            .map(|d| (d.file.display().to_string(), d.code, d.line))
            .collect()
    }

    pub const SOURCE: &str = "title = \"t\"\npublisher = \"P\"\n";
    pub const EVENT: &str = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n";
}
