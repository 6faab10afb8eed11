//! E010 / E018 / E020: `cites`, `revises`, `supersedes` and `part_of` must
//! not loop back. Until fixed, the analysis ignores the edges of a cycle, so
//! the claims on it keep voting; `check` names every record on it.

use super::Rule;
use crate::check::RuleInput;
use crate::model::diag::{Code, Diagnostic, Fixture, Severity, Step::*};
use crate::model::id::Id;
use crate::model::records::{RecordKind, Source};
use std::collections::HashMap;

pub const E010: Code = Code {
    code: "E010",
    severity: Severity::Error,
    summary: "`cites` or `revises` forms a cycle",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "sources/a.toml",
                "title = \"t\"\npublisher = \"P\"\ncites = [\"b\"]\n",
            ),
            Write(
                "sources/b.toml",
                "title = \"t\"\npublisher = \"P\"\ncites = [\"a\"]\n",
            ),
        ],
    }],
};

pub const E018: Code = Code {
    code: "E018",
    severity: Severity::Error,
    summary: "`supersedes` forms a cycle; the accounts on it keep voting until it is fixed",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "claims/a.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[relations]\nsupersedes = [\"b\"]\n",
            ),
            Write(
                "claims/b.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[relations]\nsupersedes = [\"a\"]\n",
            ),
        ],
    }],
};

pub const E020: Code = Code {
    code: "E020",
    severity: Severity::Error,
    summary: "`part_of` forms a cycle; each entity on it counts as its own root until it is fixed",
    fixtures: &[Fixture {
        steps: &[
            Write("entities/a.toml", "name = \"A\"\npart_of = \"b\"\n"),
            Write("entities/b.toml", "name = \"B\"\npart_of = \"a\"\n"),
        ],
    }],
};

pub const RULE: Rule = Rule {
    name: "cycles",
    codes: &[&E010, &E018, &E020],
    run,
};

/// Finds each cycle once, reported on the source where it is entered first (by id).
fn source_cycles(
    input: &RuleInput<'_>,
    edges: impl Fn(&Source) -> Vec<&str>,
    field: &str,
) -> Vec<Diagnostic> {
    let sources = &input.loaded.sources;
    let by_id: HashMap<&str, &Source> = sources.iter().map(|s| (s.id.as_str(), s)).collect();
    // 0 = unvisited, 1 = on stack, 2 = done
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut out = Vec::new();
    for start in sources {
        if state.get(start.id.as_str()).copied().unwrap_or(0) != 0 {
            continue;
        }
        // Iterative DFS so a long chain cannot overflow the stack.
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(start.id.as_str(), edges(start))];
        let mut path: Vec<&str> = vec![start.id.as_str()];
        state.insert(start.id.as_str(), 1);
        while let Some((_, next)) = stack.last_mut() {
            match next.pop() {
                Some(n) => {
                    match state.get(n).copied().unwrap_or(0) {
                        0 => {
                            if let Some(s) = by_id.get(n) {
                                state.insert(n, 1);
                                path.push(n);
                                stack.push((n, edges(s)));
                            }
                        }
                        1 => {
                            let from = path.iter().position(|p| *p == n).unwrap_or(0);
                            let mut ring: Vec<&str> = path[from..].to_vec();
                            ring.push(n);
                            let s = by_id[n];
                            let key = if field == "cites" {
                                "cites.0"
                            } else {
                                "revises"
                            };
                            out.push(
                            Diagnostic::new(&E010, &s.rel(), input.loc(RecordKind::Source, &s.id, key), format!("`{field}` forms a cycle: {}", ring.join(" -> ")))
                                .help(format!("a source cannot {} itself, even through others; remove one link", if field == "cites" { "cite" } else { "revise" })),
                        );
                        }
                        _ => {}
                    }
                }
                None => {
                    let (done, _) = stack.pop().unwrap_or(("", Vec::new()));
                    state.insert(done, 2);
                    path.pop();
                }
            }
        }
    }
    out
}

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let mut out = source_cycles(input, |s| s.cites.iter().map(Id::as_str).collect(), "cites");
    out.extend(source_cycles(
        input,
        |s| s.revises.iter().map(Id::as_str).collect(),
        "revises",
    ));
    let ctx = &input.analysis.ctx;
    for cycle in &ctx.supersedes_cycles {
        let ids: Vec<&str> = cycle.iter().map(|i| ctx.claims[*i].id.as_str()).collect();
        for &i in cycle {
            let c = &ctx.claims[i];
            let at = c
                .relations
                .supersedes
                .iter()
                .position(|s| ids.contains(&s.as_str()))
                .unwrap_or(0);
            out.push(
                Diagnostic::new(
                    &E018,
                    &c.rel(),
                    input.claim_loc(&c.id, &format!("relations.supersedes.{at}")),
                    format!("`supersedes` forms a cycle: {}", ring(&ids)),
                )
                .help("two claims cannot replace each other; remove the link from the claim that is not the newer one (until then both keep voting)"),
            );
        }
    }
    let names = &ctx.names;
    for a in &names.on_cycle {
        let Some(e) = names.agents[*a as usize].entity.map(|i| &ctx.entities[i]) else {
            continue;
        };
        let ring: Vec<&str> = names
            .on_cycle
            .iter()
            .filter_map(|x| {
                names.agents[*x as usize]
                    .entity
                    .map(|i| ctx.entities[i].id.as_str())
            })
            .collect();
        out.push(
            Diagnostic::new(
                &E020,
                &e.rel(),
                input.loc(RecordKind::Entity, &e.id, "part_of"),
                format!("`part_of` forms a cycle among {}", ring.join(", ")),
            )
            .help("an entity cannot belong to itself, even through others; remove one `part_of`"),
        );
    }
    out
}

fn ring(ids: &[&str]) -> String {
    let mut v: Vec<&str> = ids.to_vec();
    v.push(ids[0]);
    v.join(" -> ")
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::*;

    #[test]
    fn a_cites_cycle_through_three_sources() {
        let s = |c: &str| format!("{SOURCE}cites = [\"{c}\"]\n");
        let d = check_files(&[
            ("sources/a.toml", &s("b")),
            ("sources/b.toml", &s("c")),
            ("sources/c.toml", &s("a")),
        ]);
        let e: Vec<_> = d.iter().filter(|d| d.code == "E010").collect();
        assert_eq!(e.len(), 1, "{d:?}");
        assert!(
            e[0].message.contains("a -> b -> c -> a"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn a_supersedes_cycle_names_both_files() {
        let c = |other: &str| format!("{EVENT}\n[relations]\nsupersedes = [\"{other}\"]\n");
        let d = check_files(&[("claims/a.toml", &c("b")), ("claims/b.toml", &c("a"))]);
        let got = codes(&d);
        assert!(
            got.contains(&("claims/a.toml".into(), "E018", 6)),
            "{got:?}"
        );
        assert!(
            got.contains(&("claims/b.toml".into(), "E018", 6)),
            "{got:?}"
        );
    }

    #[test]
    fn a_part_of_cycle() {
        let d = check_files(&[
            ("entities/a.toml", "name = \"A\"\npart_of = \"b\"\n"),
            ("entities/b.toml", "name = \"B\"\npart_of = \"a\"\n"),
        ]);
        assert_eq!(d.iter().filter(|d| d.code == "E020").count(), 2, "{d:?}");
    }
}
