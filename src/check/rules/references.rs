//! E008 / E009: every id a record names must exist, as the right kind of record.

use crate::check::RuleInput;
use crate::diag::Diagnostic;
use crate::id::Id;
use crate::model::{Details, RELATIONS};
use std::path::Path;

fn missing_source(
    input: &RuleInput<'_>,
    file: &Path,
    at: impl FnOnce() -> crate::diag::Loc,
    field: &str,
    id: &Id,
) -> Option<Diagnostic> {
    if input.source_files.contains(id) {
        return None;
    }
    let help = if input.claim_files.contains(id) {
        format!("`{id}` is a claim; `{field}` names a source")
    } else {
        format!("add it with `factcheck source add {id} ...`, or fix the id")
    };
    Some(
        Diagnostic::new(
            "E008",
            file,
            at(),
            format!("`{field}` names source `{id}`, which does not exist"),
        )
        .help(help),
    )
}

fn missing_claim(
    input: &RuleInput<'_>,
    file: &Path,
    at: impl FnOnce() -> crate::diag::Loc,
    field: &str,
    id: &Id,
) -> Option<Diagnostic> {
    if input.claim_files.contains(id) {
        return None;
    }
    let help = if input.source_files.contains(id) {
        format!("`{id}` is a source; `{field}` names a claim")
    } else {
        "check the id with `factcheck list`".to_string()
    };
    Some(
        Diagnostic::new(
            "E009",
            file,
            at(),
            format!("`{field}` names claim `{id}`, which does not exist"),
        )
        .help(help),
    )
}

pub fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in input.claims {
        for (i, e) in c.evidence.iter().enumerate() {
            out.extend(missing_source(
                input,
                &c.path,
                || input.claim_loc(c, &format!("evidence.{i}.source")),
                "source",
                &e.source,
            ));
            if let Some(via) = &e.via {
                out.extend(missing_source(
                    input,
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
                out.extend(missing_claim(input, &c.path, at, name, other));
            }
        }
        if let Details::Denial { denies } = &c.details {
            out.extend(missing_claim(
                input,
                &c.path,
                || input.claim_loc(c, "denies"),
                "denies",
                denies,
            ));
        }
    }
    for s in input.sources {
        for (i, cited) in s.cites.iter().enumerate() {
            out.extend(missing_source(
                input,
                &s.path,
                || input.source_loc(s, &format!("cites.{i}")),
                "cites",
                cited,
            ));
        }
        if let Some(r) = &s.revises {
            out.extend(missing_source(
                input,
                &s.path,
                || input.source_loc(s, "revises"),
                "revises",
                r,
            ));
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
