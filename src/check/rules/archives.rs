//! E012 / E013 / W106: the archived text is there and unchanged since it was recorded.

use super::Rule;
use crate::check::{ArchiveState, RuleInput};
use crate::model::diag::{Code, Diagnostic, Fixture, Loc, Severity, Step::*};
use crate::model::records::{RecordKind, archive_rel};

pub const E012: Code = Code {
    code: "E012",
    severity: Severity::Error,
    summary: "archive missing or unreadable: sha256 recorded but sources/<id>.txt absent, a link, or unreadable",
    fixtures: &[
        Fixture {
            steps: &[Write(
                "sources/a.toml",
                "title = \"t\"\npublisher = \"P\"\nsha256 = \"0000000000000000000000000000000000000000000000000000000000000000\"\n",
            )],
        },
        Fixture {
            steps: &[
                Write("secret.txt", "TOP SECRET"),
                Write("sources/a.toml", "title = \"t\"\npublisher = \"P\"\n"),
                Symlink("sources/a.txt", "../secret.txt"),
            ],
        },
    ],
};

pub const E013: Code = Code {
    code: "E013",
    severity: Severity::Error,
    summary: "archive modified: its sha256 differs from the one recorded",
    fixtures: &[Fixture {
        steps: &[
            Write(
                "sources/a.toml",
                "title = \"t\"\npublisher = \"P\"\nsha256 = \"0000000000000000000000000000000000000000000000000000000000000000\"\n",
            ),
            Write("sources/a.txt", "edited"),
        ],
    }],
};

pub const W106: Code = Code {
    code: "W106",
    severity: Severity::Warning,
    summary: "archive present but no sha256 recorded",
    fixtures: &[Fixture {
        steps: &[
            Write("sources/a.toml", "title = \"t\"\npublisher = \"P\"\n"),
            Write("sources/a.txt", "text"),
        ],
    }],
};

pub const RULE: Rule = Rule {
    name: "archives",
    codes: &[&E012, &E013, &W106],
    run,
};

fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in &input.loaded.sources {
        let txt = archive_rel(&s.id);
        let state = input.archives.get(s.id.as_str());
        let at = || input.loc(RecordKind::Source, &s.id, "sha256");
        match (&s.sha256, state) {
            (Some(_), None) => out.push(
                Diagnostic::new(&E012, &s.rel(), at(), format!("archive {} is missing", txt.display()))
                    .help("restore the archived text (git checkout), or remove `sha256` if the source has no archive"),
            ),
            (_, Some(ArchiveState::Unreadable(why))) => out.push(
                Diagnostic::new(&E012, &txt, Loc::START, format!("archive {why}"))
                    .help("make it a readable regular file inside the workspace"),
            ),
            (Some(recorded), Some(ArchiveState::Present { sha256, .. })) if recorded != sha256 => out.push(
                Diagnostic::new(&E013, &s.rel(), at(), format!("archive {} was modified: its sha256 is {sha256}", txt.display()))
                    .help("archives are kept as captured; restore the original, or record a new version with `factcheck source add NEW --revises OLD --text-file ...`"),
            ),
            (None, Some(ArchiveState::Present { sha256, .. })) => out.push(
                Diagnostic::new(&W106, &s.rel(), Loc::START, format!("archive {} has no sha256 recorded", txt.display()))
                    .help(format!("add sha256 = \"{sha256}\" so later edits to the archive are caught")),
            ),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::*;
    use crate::check::sha256_hex;

    #[test]
    fn edited_and_missing_archives() {
        let sha = sha256_hex(b"original");
        let src = format!("{SOURCE}sha256 = \"{sha}\"\n");
        let d = check_files(&[
            ("sources/a.toml", &src),
            ("sources/a.txt", "edited"),
            ("sources/b.toml", &src),
        ]);
        let got = codes(&d);
        assert!(
            got.contains(&("sources/a.toml".into(), "E013", 3)),
            "{got:?}"
        );
        assert!(
            got.contains(&("sources/b.toml".into(), "E012", 3)),
            "{got:?}"
        );
        let ok = check_files(&[("sources/a.toml", &src), ("sources/a.txt", "original")]);
        assert!(ok.is_empty(), "{ok:?}");
    }
}
