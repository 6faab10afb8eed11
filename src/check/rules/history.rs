//! W111: ids are never reused, and nothing is deleted. In a git
//! repository, a record id that existed in history and is missing from the
//! tree, or that names another kind of claim or another event than it did,
//! is reported with the commit. A rename that git's rename detection sees
//! (as `factcheck mv` makes) is not a deletion.

use super::Rule;
use crate::check::RuleInput;
use crate::model::diag::{Code, Diagnostic, Fixture, Loc, Severity, Step::*};
use crate::model::records::{Claim, RecordKind};
use crate::store::workspace::{Record, parse_bytes};

pub const W111: Code = Code {
    code: "W111",
    severity: Severity::Warning,
    summary: "a record id from the git history is missing, or was re-created as another claim",
    fixtures: &[
        Fixture {
            steps: &[
                Write(
                    "claims/x.toml",
                    "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n",
                ),
                Commit,
                Remove("claims/x.toml"),
            ],
        },
        Fixture {
            steps: &[
                Write(
                    "claims/x.toml",
                    "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n",
                ),
                Commit,
                Remove("claims/x.toml"),
                Commit,
            ],
        },
        Fixture {
            steps: &[
                Write(
                    "claims/x.toml",
                    "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n",
                ),
                Commit,
                Write(
                    "claims/x.toml",
                    "kind = \"casualty\"\nevent = \"other\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nmin = 1\nmax = 1\n",
                ),
            ],
        },
    ],
};

pub const RULE: Rule = Rule {
    name: "history",
    codes: &[&W111],
    run,
};

const HELP_DELETED: &str = "nothing is deleted: restore it (git checkout) and retract it with a reason, or rename ids with `factcheck mv`";
const HELP_REUSED: &str =
    "ids are never reused: give the new claim a new id (`factcheck mv`), and restore the old one";

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(12)]
}

/// Whether two claims are the same claim as far as the id's meaning goes.
fn same_claim(a: &Claim, b: &Claim) -> bool {
    a.kind() == b.kind() && a.event == b.event
}

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let Some(h) = input.history else {
        return Vec::new();
    };
    let now = input.loaded;
    let mut out = Vec::new();
    let claim_now = |id: &crate::model::id::Id| now.claims.iter().find(|c| &c.id == id);
    // Deleted since HEAD, not yet committed: a rename keeps the content.
    for kind in RecordKind::ALL {
        for id in h.head.present(kind) {
            if now.present(kind).contains(id) {
                continue;
            }
            let renamed = match kind {
                RecordKind::Claim => {
                    h.head
                        .claims
                        .iter()
                        .find(|c| &c.id == id)
                        .is_some_and(|old| {
                            now.claims.iter().any(|c| {
                                !h.head.present(kind).contains(&c.id)
                                    && same_claim(old, c)
                                    && old.statement == c.statement
                            })
                        })
                }
                RecordKind::Source => {
                    h.head
                        .sources
                        .iter()
                        .find(|s| &s.id == id)
                        .is_some_and(|old| {
                            now.sources.iter().any(|s| {
                                !h.head.present(kind).contains(&s.id)
                                    && s.title == old.title
                                    && s.publisher == old.publisher
                            })
                        })
                }
                RecordKind::Entity => {
                    h.head
                        .entities
                        .iter()
                        .find(|e| &e.id == id)
                        .is_some_and(|old| {
                            now.entities.iter().any(|e| {
                                !h.head.present(kind).contains(&e.id) && e.name == old.name
                            })
                        })
                }
                RecordKind::Event => {
                    h.head
                        .events
                        .iter()
                        .find(|e| &e.id == id)
                        .is_some_and(|old| {
                            now.events.iter().any(|e| {
                                !h.head.present(kind).contains(&e.id) && e.title == old.title
                            })
                        })
                }
            };
            if !renamed {
                out.push(
                    Diagnostic::new(
                        &W111,
                        &kind.rel(id),
                        Loc::START,
                        format!(
                            "{} `{id}` is in HEAD but was deleted from the working tree",
                            kind.as_str()
                        ),
                    )
                    .help(HELP_DELETED),
                );
            }
        }
    }
    // The same id naming another kind of claim or another event than at HEAD.
    for old in &h.head.claims {
        if let Some(new) = claim_now(&old.id)
            && !same_claim(old, new)
        {
            out.push(
                Diagnostic::new(
                    &W111,
                    &new.rel(),
                    input.claim_loc(
                        &new.id,
                        if old.kind() != new.kind() {
                            "kind"
                        } else {
                            "event"
                        },
                    ),
                    format!(
                        "claim `{}` was {} in `{}` at HEAD and is now {} in `{}`",
                        new.id,
                        old.kind().with_article(),
                        old.event,
                        new.kind().with_article(),
                        new.event
                    ),
                )
                .help(HELP_REUSED),
            );
        }
    }
    // Deleted in a commit.
    for d in &h.deleted {
        let Some(kind) = d
            .rel
            .parent()
            .and_then(|p| p.to_str())
            .and_then(RecordKind::from_dir)
        else {
            continue;
        };
        let Some(id) = d
            .rel
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| crate::model::id::Id::parse(s).ok())
        else {
            continue;
        };
        if !now.present(kind).contains(&id) {
            out.push(
                Diagnostic::new(
                    &W111,
                    &d.rel,
                    Loc::START,
                    format!(
                        "{} `{id}` was deleted in commit {}",
                        kind.as_str(),
                        short(&d.commit)
                    ),
                )
                .help(HELP_DELETED),
            );
            continue;
        }
        if kind != RecordKind::Claim {
            continue;
        }
        let old = parse_bytes(kind, &id, &d.rel, d.bytes.clone(), &input.ws.config);
        if let (Some(Record::Claim(old)), Some(new)) = (old.record, claim_now(&id))
            && !same_claim(&old, new)
        {
            out.push(
                Diagnostic::new(
                    &W111,
                    &new.rel(),
                    input.claim_loc(&id, "kind"),
                    format!(
                        "claim `{id}` was deleted in commit {} ({} in `{}`) and re-created as {} in `{}`",
                        short(&d.commit),
                        old.kind().with_article(),
                        old.event,
                        new.kind().with_article(),
                        new.event
                    ),
                )
                .help(HELP_REUSED),
            );
        }
    }
    out
}
