//! The documentation cannot drift from the tool: every diagnostic code is
//! documented with its registry summary, and the console examples of the
//! docs run (see tests/readme.rs for the README).

mod common;
use common::*;

#[test]
fn every_diagnostic_code_is_documented_as_registered() {
    let reference = std::fs::read_to_string(repo_root().join("docs/reference.md")).unwrap();
    for c in factcheck::check::codes::all() {
        let row = format!("| {} | {} | {} |", c.code, c.severity.as_str(), c.summary);
        assert!(
            reference.contains(&row),
            "docs/reference.md lacks the row:\n{row}"
        );
    }
}
