//! The registry of every diagnostic code: the codes of single files
//! (`model::codes`) and the codes each rule declares. Text, JSON, GitHub
//! annotations and the docs all use it; a test makes sure every code is in
//! it, has fixtures that make it appear, and is documented.

use super::rules::RULES;
use crate::model::diag::Code;

/// Every code, in code order.
pub fn all() -> Vec<&'static Code> {
    let mut v: Vec<&'static Code> = crate::model::codes::FILE_CODES.to_vec();
    for r in RULES {
        v.extend(r.codes.iter().copied());
    }
    v.sort_by_key(|c| c.code);
    v
}

pub fn get(code: &str) -> Option<&'static Code> {
    all().into_iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_unique_and_well_formed() {
        let all = super::all();
        for w in all.windows(2) {
            assert_ne!(w[0].code, w[1].code);
        }
        for c in &all {
            let ok = (c.code.starts_with('E') && c.severity == crate::model::diag::Severity::Error)
                || (c.code.starts_with('W') && c.severity == crate::model::diag::Severity::Warning);
            assert!(ok, "{}", c.code);
            assert!(!c.fixtures.is_empty(), "{} has no fixture", c.code);
        }
    }
}
