//! E022 / W110: names must resolve to one entity, and two names that look
//! like one name ("Kestrel" / "Kestral", "KH" / "Kataib Hezbollah") but
//! resolve to different entities are probably one origin counted twice.

use super::Rule;
use crate::analysis::names::AgentId;
use crate::check::RuleInput;
use crate::model::diag::{Code, Diagnostic, Fixture, Loc, Severity, Step::*};
use crate::model::id::Id;
use crate::model::names::{look_alike, skeleton};
use crate::model::records::RecordKind;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::PathBuf;

pub const E022: Code = Code {
    code: "E022",
    severity: Severity::Error,
    summary: "a name or alias belongs to two entities, so what it names is ambiguous",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "entities/a.toml",
                "name = \"Ministry of Health\"\naliases = [\"MoH\"]\n",
            ),
            Write(
                "entities/b.toml",
                "name = \"Ministry of Housing\"\naliases = [\"MoH\"]\n",
            ),
        ],
    }],
};

pub const W110: Code = Code {
    code: "W110",
    severity: Severity::Warning,
    summary: "two names look like one name but count as different origins",
    fixtures: &[
        Fixture {
            steps: &[
                Write(
                    "claims/a.toml",
                    "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nasserted_by = \"Kestrel Group\"\n",
                ),
                Write(
                    "claims/b.toml",
                    "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nasserted_by = \"Kestral Group\"\n",
                ),
            ],
        },
        Fixture {
            steps: &[
                Write("entities/kh.toml", "name = \"Kataib Hezbollah\"\n"),
                Write(
                    "claims/a.toml",
                    "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nasserted_by = \"KH\"\n",
                ),
            ],
        },
    ],
};

pub const RULE: Rule = Rule {
    name: "names",
    codes: &[&E022, &W110],
    run,
};

/// Where a name is first written, and how often.
struct Use {
    file: PathBuf,
    kind: RecordKind,
    id: Id,
    key: String,
    count: usize,
}

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let ctx = &input.analysis.ctx;
    let names = &ctx.names;
    let mut out = Vec::new();
    for (name, ents) in &names.ambiguous {
        let ids: Vec<&Id> = ents
            .iter()
            .filter_map(|a| {
                names.agents[*a as usize]
                    .entity
                    .map(|i| &ctx.entities[i].id)
            })
            .collect();
        for (k, id) in ids.iter().enumerate().skip(1) {
            out.push(
                Diagnostic::new(
                    &E022,
                    &RecordKind::Entity.rel(id),
                    input.loc(RecordKind::Entity, id, "aliases"),
                    format!(
                        "the name {name:?} belongs to {} entities: {}",
                        ids.len(),
                        ids.iter()
                            .map(|i| format!("`{i}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .help(format!(
                    "keep the spelling on one entity only; until then it resolves to `{}`",
                    ids[0]
                )),
            );
            let _ = k;
        }
    }

    // Every agent named anywhere, with the first place it is written.
    let mut uses: FxHashMap<AgentId, Use> = FxHashMap::default();
    let mut note = |a: Option<AgentId>, file: PathBuf, kind: RecordKind, id: &Id, key: String| {
        let Some(a) = a else { return };
        uses.entry(a).and_modify(|u| u.count += 1).or_insert(Use {
            file,
            kind,
            id: id.clone(),
            key,
            count: 1,
        });
    };
    for s in ctx.sources {
        note(
            names.lookup(&s.publisher),
            s.rel(),
            RecordKind::Source,
            &s.id,
            "publisher".into(),
        );
    }
    for (i, c) in ctx.claims.iter().enumerate() {
        let info = &ctx.info[i];
        note(
            info.asserter,
            c.rel(),
            RecordKind::Claim,
            &c.id,
            "asserted_by".into(),
        );
        note(
            info.actor,
            c.rel(),
            RecordKind::Claim,
            &c.id,
            "actor".into(),
        );
        for (n, e) in c.evidence.iter().enumerate() {
            if let Some(a) = &e.attributed_to {
                note(
                    names.lookup(a),
                    c.rel(),
                    RecordKind::Claim,
                    &c.id,
                    format!("evidence.{n}.attributed_to"),
                );
            }
        }
    }
    for (i, e) in ctx.entities.iter().enumerate() {
        note(
            Some(i as AgentId),
            e.rel(),
            RecordKind::Entity,
            &e.id,
            "name".into(),
        );
    }

    // Candidate pairs by blocking keys, then the look-alike test.
    let agents: Vec<AgentId> = {
        let mut v: Vec<AgentId> = uses.keys().copied().collect();
        v.sort_unstable();
        v
    };
    let mut buckets: FxHashMap<String, Vec<AgentId>> = FxHashMap::default();
    for &a in &agents {
        let sk = skeleton(names.name(a));
        let words: Vec<&str> = sk.split(' ').collect();
        buckets.entry(format!("=\u{0}{sk}")).or_default().push(a);
        // One word differing: by one letter (the first two or the last two
        // letters survive a single edit in a word of four or more) or as a
        // prefix (the first two letters are shared).
        for i in 0..words.len() {
            let mut rest = words.clone();
            rest[i] = "*";
            let rest = rest.join(" ");
            let w: Vec<char> = words[i].chars().collect();
            let head: String = w.iter().take(2).collect();
            let tail: String = w.iter().skip(w.len().saturating_sub(2)).collect();
            buckets
                .entry(format!("{}^{head}\u{0}{rest}", words.len()))
                .or_default()
                .push(a);
            buckets
                .entry(format!("{}${tail}\u{0}{rest}", words.len()))
                .or_default()
                .push(a);
        }
        if words.len() >= 2 {
            let all: String = words.iter().filter_map(|w| w.chars().next()).collect();
            buckets.entry(format!("#\u{0}{all}")).or_default().push(a);
            let small = ["of", "the", "and", "for", "in", "on", "de", "al"];
            let big: String = words
                .iter()
                .filter(|w| !small.contains(w))
                .filter_map(|w| w.chars().next())
                .collect();
            if big != all {
                buckets.entry(format!("#\u{0}{big}")).or_default().push(a);
            }
        } else {
            buckets.entry(format!("#\u{0}{sk}")).or_default().push(a);
        }
    }
    let mut pairs: FxHashSet<(AgentId, AgentId)> = FxHashSet::default();
    for list in buckets.values() {
        if list.len() < 2 {
            continue;
        }
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                if a != b {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    let mut pairs: Vec<(AgentId, AgentId)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    for (a, b) in pairs {
        // Parts of one entity (a ministry and its spokesman) are not a look-alike.
        if names.root(a) == names.root(b) {
            continue;
        }
        let (na, nb) = (names.name(a), names.name(b));
        let Some(why) = look_alike(na, nb) else {
            continue;
        };
        let entity = |x: AgentId| names.agents[x as usize].entity.map(|i| &ctx.entities[i]);
        // The spelling to fold into the other: the one that is not an entity,
        // else the rarer one.
        let (keep, fold) = match (entity(a), entity(b)) {
            (Some(_), None) => (a, b),
            (None, Some(_)) => (b, a),
            _ if uses[&a].count >= uses[&b].count => (a, b),
            _ => (b, a),
        };
        let (kn, fname) = (names.name(keep), names.name(fold));
        let help = match entity(keep) {
            Some(e) => format!(
                "if they are one, run: factcheck entity alias {} {}",
                e.id,
                shell_quote(fname)
            ),
            None => format!(
                "if they are one, run: factcheck entity add {} --name {} --alias {}",
                Id::suggest(kn).unwrap_or_else(|| kn.to_lowercase()),
                shell_quote(kn),
                shell_quote(fname)
            ),
        };
        let u = &uses[&fold];
        let loc = if u.kind == RecordKind::Entity {
            Loc::START
        } else {
            input.loc(u.kind, &u.id, &u.key)
        };
        out.push(
            Diagnostic::new(
                &W110,
                &u.file,
                loc,
                format!("{fname:?} and {kn:?} look like one name ({why}) but count as two origins"),
            )
            .help(help),
        );
    }
    out
}

/// A shell word for the suggested command.
fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::*;

    fn claim_by(who: &str) -> String {
        format!("{EVENT}asserted_by = \"{who}\"\n")
    }

    #[test]
    fn near_spellings_warn_with_the_command_that_merges_them() {
        let d = check_files(&[
            ("claims/a.toml", &claim_by("Kestrel Group")),
            ("claims/b.toml", &claim_by("Kestrel Group")),
            ("claims/c.toml", &claim_by("Kestral Group")),
        ]);
        let w: Vec<_> = d.iter().filter(|d| d.code == "W110").collect();
        assert_eq!(w.len(), 1, "{d:?}");
        assert_eq!(w[0].file.to_str(), Some("claims/c.toml"));
        assert_eq!(w[0].line, 4);
        assert_eq!(
            w[0].help.as_deref(),
            Some(
                "if they are one, run: factcheck entity add kestrel-group --name 'Kestrel Group' --alias 'Kestral Group'"
            )
        );
    }

    #[test]
    fn genuinely_different_names_do_not_warn() {
        let d = check_files(&[
            ("claims/a.toml", &claim_by("Iraqi officials")),
            ("claims/b.toml", &claim_by("Iranian officials")),
            ("claims/c.toml", &claim_by("Northland officials")),
            ("claims/d.toml", &claim_by("Southland officials")),
        ]);
        assert!(d.iter().all(|d| d.code != "W110"), "{d:?}");
    }

    #[test]
    fn an_acronym_of_an_entity() {
        let d = check_files(&[
            ("entities/kh.toml", "name = \"Kataib Hezbollah\"\n"),
            ("claims/a.toml", &claim_by("KH")),
        ]);
        let w = d.iter().find(|d| d.code == "W110").unwrap();
        assert_eq!(
            w.help.as_deref(),
            Some("if they are one, run: factcheck entity alias kh KH")
        );
    }
}
