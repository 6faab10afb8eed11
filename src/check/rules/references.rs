//! E008 / E009 / E019: every id a record names must exist, as the right
//! kind of record.

use super::Rule;
use crate::check::RuleInput;
use crate::model::diag::{Code, Diagnostic, Fixture, Loc, Severity, Step::*};
use crate::model::id::Id;
use crate::model::records::{Details, RELATIONS, RecordKind};

pub const E008: Code = Code {
    code: "E008",
    severity: Severity::Error,
    summary: "reference to a source that does not exist (evidence source or via, cites, revises)",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "claims/c.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[[evidence]]\nsource = \"nowhere\"\nquote = \"q\"\n",
            ),
            Write(
                "sources/s.toml",
                "title = \"t\"\npublisher = \"P\"\ncites = [\"c\"]\n",
            ),
        ],
    }],
};

pub const E009: Code = Code {
    code: "E009",
    severity: Severity::Error,
    summary: "reference to a claim that does not exist (relations, denies), or a claim naming itself",
    fixtures: &[
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"denial\"\nevent = \"e\"\nstatement = \"s\"\ndenies = \"ghost\"\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[relations]\ncontradicts = [\"c\"]\n",
            )],
        },
    ],
};

pub const E019: Code = Code {
    code: "E019",
    severity: Severity::Error,
    summary: "reference to an entity that does not exist (part_of, parties)",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "entities/spokesman.toml",
                "name = \"Spokesman\"\npart_of = \"ministry\"\n",
            ),
            Write(
                "events/e.toml",
                "title = \"E\"\nparties = [\"northland\"]\n",
            ),
        ],
    }],
};

pub const RULE: Rule = Rule {
    name: "references",
    codes: &[&E008, &E009, &E019],
    run,
};

fn exists(input: &RuleInput<'_>, kind: RecordKind, id: &Id) -> bool {
    input.loaded.present(kind).contains(id)
}

/// A reference to a record that does not exist, or `None`.
fn check(
    input: &RuleInput<'_>,
    file: &std::path::Path,
    at: impl FnOnce() -> Loc,
    field: &str,
    id: &Id,
    want: RecordKind,
) -> Option<Diagnostic> {
    if exists(input, want, id) {
        return None;
    }
    let code = match want {
        RecordKind::Source => &E008,
        RecordKind::Claim => &E009,
        _ => &E019,
    };
    let other = RecordKind::ALL
        .into_iter()
        .find(|k| *k != want && exists(input, *k, id));
    let help = match (other, want) {
        (Some(k), _) => format!(
            "`{id}` is {}; `{field}` names {}",
            k.with_article(),
            want.with_article()
        ),
        (None, RecordKind::Source) => {
            format!("add it with `factcheck source add {id} ...`, or fix the id")
        }
        (None, RecordKind::Entity) => {
            format!("add it with `factcheck entity add {id} --name ...`, or fix the id")
        }
        _ => "check the id with `factcheck list`".to_string(),
    };
    let msg = format!(
        "`{field}` names {} `{id}`, which does not exist",
        want.as_str()
    );
    Some(Diagnostic::new(code, file, at(), msg).help(help))
}

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    use RecordKind::*;
    let mut out = Vec::new();
    for c in &input.loaded.claims {
        let file = c.rel();
        for (i, e) in c.evidence.iter().enumerate() {
            out.extend(check(
                input,
                &file,
                || input.claim_loc(&c.id, &format!("evidence.{i}.source")),
                "source",
                &e.source,
                Source,
            ));
            if let Some(via) = &e.via {
                out.extend(check(
                    input,
                    &file,
                    || input.claim_loc(&c.id, &format!("evidence.{i}.via")),
                    "via",
                    via,
                    Source,
                ));
            }
        }
        for name in RELATIONS {
            for (i, other) in c.relations.get(name).iter().enumerate() {
                let key = format!("relations.{name}.{i}");
                if other == &c.id {
                    out.push(
                        Diagnostic::new(
                            &E009,
                            &file,
                            input.claim_loc(&c.id, &key),
                            format!("`{name}` names the claim itself"),
                        )
                        .help("a relation links two different claims"),
                    );
                    continue;
                }
                out.extend(check(
                    input,
                    &file,
                    || input.claim_loc(&c.id, &key),
                    name,
                    other,
                    Claim,
                ));
            }
        }
        if let Details::Denial(d) = &c.details
            && let Some(t) = &d.denies
        {
            if t == &c.id {
                out.push(
                    Diagnostic::new(
                        &E009,
                        &file,
                        input.claim_loc(&c.id, "denies"),
                        "a denial cannot deny itself",
                    )
                    .help("`denies` names the claim denied"),
                );
            } else {
                out.extend(check(
                    input,
                    &file,
                    || input.claim_loc(&c.id, "denies"),
                    "denies",
                    t,
                    Claim,
                ));
            }
        }
    }
    for s in &input.loaded.sources {
        let file = s.rel();
        for (i, cited) in s.cites.iter().enumerate() {
            out.extend(check(
                input,
                &file,
                || input.loc(Source, &s.id, &format!("cites.{i}")),
                "cites",
                cited,
                Source,
            ));
        }
        if let Some(r) = &s.revises {
            out.extend(check(
                input,
                &file,
                || input.loc(Source, &s.id, "revises"),
                "revises",
                r,
                Source,
            ));
        }
    }
    for e in &input.loaded.entities {
        if let Some(p) = &e.part_of {
            out.extend(check(
                input,
                &e.rel(),
                || input.loc(Entity, &e.id, "part_of"),
                "part_of",
                p,
                Entity,
            ));
        }
    }
    for ev in &input.loaded.events {
        for (i, p) in ev.parties.iter().enumerate() {
            out.extend(check(
                input,
                &ev.rel(),
                || input.loc(Event, &ev.id, &format!("parties.{i}")),
                "parties",
                p,
                Entity,
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
            ("entities/x.toml", "name = \"X\"\npart_of = \"y\"\n"),
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
        assert!(
            got.contains(&("entities/x.toml".into(), "E019", 2)),
            "{got:?}"
        );
    }
}
