//! E008 / E009: every id a record names must exist, as the right kind of record.

use crate::check::RuleInput;
use crate::diag::Diagnostic;
use crate::id::Id;
use crate::model::{Details, RELATIONS};
use std::path::Path;

/// A reference to a record that does not exist: E008 for sources, E009 for claims.
struct Reference<'a> {
    code: &'static str,
    /// "source" or "claim"
    what: &'static str,
    exists: &'a crate::fxhash::FxHashSet<Id>,
    /// The other kind of record, to say "this id is a claim, not a source".
    other: &'a crate::fxhash::FxHashSet<Id>,
    other_what: &'static str,
    help: fn(&Id) -> String,
}

impl Reference<'_> {
    fn check(
        &self,
        file: &Path,
        at: impl FnOnce() -> crate::diag::Loc,
        field: &str,
        id: &Id,
    ) -> Option<Diagnostic> {
        if self.exists.contains(id) {
            return None;
        }
        let help = if self.other.contains(id) {
            format!(
                "`{id}` is a {}; `{field}` names a {}",
                self.other_what, self.what
            )
        } else {
            (self.help)(id)
        };
        let msg = format!("`{field}` names {} `{id}`, which does not exist", self.what);
        Some(Diagnostic::new(self.code, file, at(), msg).help(help))
    }
}

pub fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let source = Reference {
        code: "E008",
        what: "source",
        exists: input.source_files,
        other: input.claim_files,
        other_what: "claim",
        help: |id| format!("add it with `factcheck source add {id} ...`, or fix the id"),
    };
    let claim = Reference {
        code: "E009",
        what: "claim",
        exists: input.claim_files,
        other: input.source_files,
        other_what: "source",
        help: |_| "check the id with `factcheck list`".to_string(),
    };
    let mut out = Vec::new();
    for c in input.claims {
        for (i, e) in c.evidence.iter().enumerate() {
            out.extend(source.check(
                &c.path,
                || input.claim_loc(c, &format!("evidence.{i}.source")),
                "source",
                &e.source,
            ));
            if let Some(via) = &e.via {
                out.extend(source.check(
                    &c.path,
                    || input.claim_loc(c, &format!("evidence.{i}.via")),
                    "via",
                    via,
                ));
            }
        }
        for name in RELATIONS {
            for (i, other) in c.relations.get(name).iter().enumerate() {
                let at = || input.claim_loc(c, &format!("relations.{name}.{i}"));
                if other == &c.id {
                    out.push(
                        Diagnostic::new(
                            "E009",
                            &c.path,
                            at(),
                            format!("`{name}` names the claim itself"),
                        )
                        .help("a relation links two different claims"),
                    );
                }
                out.extend(claim.check(&c.path, at, name, other));
            }
        }
        if let Details::Denial { denies } = &c.details {
            out.extend(claim.check(&c.path, || input.claim_loc(c, "denies"), "denies", denies));
        }
    }
    for s in input.sources {
        for (i, cited) in s.cites.iter().enumerate() {
            out.extend(source.check(
                &s.path,
                || input.source_loc(s, &format!("cites.{i}")),
                "cites",
                cited,
            ));
        }
        if let Some(r) = &s.revises {
            out.extend(source.check(&s.path, || input.source_loc(s, "revises"), "revises", r));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::*;

    #[test]
    fn dangling_ids_are_named_where_they_stand() {
        let claim = format!(
            "{EVENT}\n[relations]\ncontradicts = [\"ghost\"]\n\n[[evidence]]\nsource = \"nowhere\"\nquote = \"q\"\n"
        );
        let d = check_files(&[
            ("claims/c.toml", &claim),
            (
                "sources/s.toml",
                "title = \"t\"\npublisher = \"P\"\ncites = [\"gone\"]\n",
            ),
        ]);
        let got = codes(&d);
        assert!(
            got.contains(&("claims/c.toml".into(), "E009", 6)),
            "{got:?}"
        );
        assert!(
            got.contains(&("claims/c.toml".into(), "E008", 9)),
            "{got:?}"
        );
        assert!(
            got.contains(&("sources/s.toml".into(), "E008", 3)),
            "{got:?}"
        );
    }
}
