//! E012 / E013 / W106: the archived text is there and unchanged since it was recorded.

use crate::check::{ArchiveState, RuleInput};
use crate::diag::{Diagnostic, Loc};
use crate::workspace::Workspace;

pub fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in input.sources {
        let txt = Workspace::archive_rel(&s.id);
        let state = input.archives.get(s.id.as_str());
        match (&s.sha256, state) {
            (Some(_), None) => out.push(
                Diagnostic::new("E012", &s.path, input.source_loc(s, "sha256"), format!("archive {} is missing", txt.display()))
                    .help("restore the archived text (git checkout), or remove `sha256` if the source has no archive"),
            ),
            (_, Some(ArchiveState::Unreadable(why))) => out.push(
                Diagnostic::new("E012", &txt, Loc::START, format!("archive cannot be read: {why}"))
                    .help("make it a readable regular file"),
            ),
            (Some(recorded), Some(ArchiveState::Present { sha256, .. })) if recorded != sha256 => out.push(
                Diagnostic::new("E013", &s.path, input.source_loc(s, "sha256"), format!("archive {} was modified: its sha256 is {sha256}", txt.display()))
                    .help("archives are kept as captured; restore the original, or record a new version with `factcheck source add NEW --revises OLD --text-file ...`"),
            ),
            (None, Some(ArchiveState::Present { sha256, .. })) => out.push(
                Diagnostic::new("W106", &s.path, Loc::START, format!("archive {} has no sha256 recorded", txt.display()))
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
