//! The authoring commands, end to end: what the user types, what they see,
//! what lands on disk (byte for byte), and what happens on a mistake.

mod common;
use common::*;

const ARTICLE: &str = "Rockets struck the base on Friday, killing 15 people, officials said.\nA spokesman said the group was “not responsible”.\n";

fn desk() -> Ws {
    let ws = Ws::new();
    ws.write("article.txt", ARTICLE);
    ws.ok(&[
        "source",
        "add",
        "wire",
        "--title",
        "Rockets hit base",
        "--publisher",
        "The Wire",
        "--published",
        "2020-03-11T21:00:00Z",
        "--reliability",
        "B",
        "--text-file",
        "article.txt",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "killed-15",
        "--kind",
        "casualty",
        "--event",
        "base-attack",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "15 people",
        "--asserted-by",
        "officials",
        "--date",
        "2020-03-11",
        "--statement",
        "The attack killed 15 people.",
    ]);
    ws
}

fn outcome(ws: &Ws, args: &[&str]) -> String {
    let (code, out, err) = ws.out(args);
    format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
}

#[test]
fn init_creates_a_workspace_and_refuses_twice() {
    let dir = tempfile::tempdir().unwrap();
    let out = factcheck(dir.path(), &["init", "desk"]);
    assert!(out.status.success());
    for p in ["desk/factcheck.toml", "desk/claims", "desk/sources"] {
        assert!(dir.path().join(p).exists(), "{p}");
    }
    let again = factcheck(dir.path(), &["init", "desk"]);
    assert_eq!(again.status.code(), Some(2));
    insta::assert_snapshot!(
        String::from_utf8_lossy(&again.stderr).replace(&dir.path().display().to_string(), "[TMP]")
    );
}

#[test]
fn outside_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let out = factcheck(dir.path(), &["report"]);
    assert_eq!(out.status.code(), Some(2));
    let err =
        String::from_utf8_lossy(&out.stderr).replace(&dir.path().display().to_string(), "[TMP]");
    insta::assert_snapshot!(err);
}

#[test]
fn commands_find_the_root_from_a_subdirectory() {
    let ws = desk();
    std::fs::create_dir_all(ws.path().join("claims/deep")).ok();
    let out = factcheck(&ws.path().join("sources"), &["list", "--format", "json"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("killed-15"));
}

#[test]
fn new_records_are_written_in_canonical_layout() {
    let ws = desk();
    insta::assert_snapshot!(ws.read("sources/wire.toml"));
    insta::assert_snapshot!(ws.read("claims/killed-15.toml"));
    assert_eq!(ws.read("sources/wire.txt"), ARTICLE);
}

#[test]
fn every_kind_of_claim() {
    let ws = desk();
    ws.ok(&[
        "claim",
        "add",
        "blame",
        "--kind",
        "responsibility",
        "--event",
        "base-attack",
        "--actor",
        "Kataib Hezbollah",
        "--asserted-by",
        "U.S. officials",
        "--statement",
        "The U.S. blames KH.",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "denial",
        "--kind",
        "denial",
        "--event",
        "base-attack",
        "--denies",
        "blame",
        "--asserted-by",
        "Kataib Hezbollah",
        "--statement",
        "KH denies it.",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "fire",
        "--kind",
        "event",
        "--event",
        "base-attack",
        "--statement",
        "A fire broke out.",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "injured",
        "--kind",
        "casualty",
        "--event",
        "base-attack",
        "--category",
        "injured",
        "--group",
        "soldiers",
        "--min",
        "4",
        "--statement",
        "Four were injured.",
    ]);
    insta::assert_snapshot!(ws.read("claims/blame.toml"));
    insta::assert_snapshot!(ws.read("claims/denial.toml"));
    insta::assert_snapshot!(ws.read("claims/injured.toml"));
    let (code, _, _) = ws.out(&["check"]);
    assert_eq!(code, 0);
}

#[test]
fn link_appends_one_block_and_keeps_hand_edits() {
    let ws = desk();
    let hand = "# Checked by R.K. on 2020-03-12\nkind = \"casualty\"  # the toll\nevent = \"base-attack\"\nstatement = \"The attack killed 15 people.\"\ncategory = \"killed\"\ngroup = \"people\"\nwording = \"15 people\"\nmin = 15\nmax = 15\npolicy = \"default-v1\"\n";
    ws.write("claims/killed-15.toml", hand);
    let out = outcome(
        &ws,
        &[
            "link",
            "killed-15",
            "wire",
            "--quote",
            "killing 15\n people, officials said",
            "--attributed-to",
            "officials",
            "--credibility",
            "2",
        ],
    );
    insta::assert_snapshot!(out);
    let after = ws.read("claims/killed-15.toml");
    assert!(
        after.starts_with(hand),
        "the hand-written part changed:\n{after}"
    );
    insta::assert_snapshot!(&after[hand.len()..]);
}

#[test]
fn link_refuses_a_quote_that_is_not_in_the_source() {
    let ws = desk();
    let before = ws.read("claims/killed-15.toml");
    insta::assert_snapshot!(outcome(
        &ws,
        &[
            "link",
            "killed-15",
            "wire",
            "--quote",
            "killing 16 people, officials said"
        ]
    ));
    assert_eq!(ws.read("claims/killed-15.toml"), before);
}

#[test]
fn typographic_quotes_match() {
    let ws = desk();
    ws.ok(&[
        "claim",
        "add",
        "denial",
        "--kind",
        "event",
        "--event",
        "base-attack",
        "--statement",
        "The group says it is not responsible.",
    ]);
    ws.ok(&[
        "link",
        "denial",
        "wire",
        "--quote",
        "the group was \"not responsible\"",
    ]);
}

#[test]
fn unverified_sources_need_the_flag() {
    let ws = desk();
    ws.ok(&[
        "source",
        "add",
        "tv",
        "--title",
        "Broadcast",
        "--publisher",
        "Al-Ahd TV",
    ]);
    insta::assert_snapshot!(outcome(
        &ws,
        &["link", "killed-15", "tv", "--quote", "anything"]
    ));
    ws.ok(&[
        "link",
        "killed-15",
        "tv",
        "--quote",
        "anything",
        "--unverified",
    ]);
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 0);
    assert!(out.contains("W102"), "{out}");
}

#[test]
fn relate_and_retract_make_minimal_edits() {
    let ws = desk();
    ws.ok(&["link", "killed-15", "wire", "--quote", "killing 15 people"]);
    ws.ok(&[
        "claim",
        "add",
        "killed-18",
        "--kind",
        "casualty",
        "--event",
        "base-attack",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "18",
        "--statement",
        "18 killed.",
    ]);
    let before = ws.read("claims/killed-18.toml");
    ws.ok(&["relate", "killed-18", "supersedes", "killed-15"]);
    let after = ws.read("claims/killed-18.toml");
    assert_eq!(
        after,
        format!("{before}\n[relations]\nsupersedes = [\"killed-15\"]\n")
    );
    assert!(
        ws.ok(&["relate", "killed-18", "supersedes", "killed-15"])
            .contains("already recorded")
    );
    let before = ws.read("claims/killed-15.toml");
    ws.ok(&[
        "retract",
        "killed-15",
        "--reason",
        "Superseded by the revised toll",
        "--on",
        "2020-03-12",
    ]);
    let after = ws.read("claims/killed-15.toml");
    insta::assert_snapshot!(
        similar::TextDiff::from_lines(&before, &after)
            .unified_diff()
            .to_string()
    );
}

#[test]
fn mistakes_get_clear_errors_and_exit_codes() {
    let ws = desk();
    let before_claims: Vec<_> = std::fs::read_dir(ws.path().join("claims"))
        .unwrap()
        .collect();
    let cases: &[&[&str]] = &[
        &[
            "claim",
            "add",
            "killed-15",
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
        ],
        &[
            "claim",
            "add",
            "../x",
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
        ],
        &[
            "claim",
            "add",
            "A B",
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
        ],
        &[
            "claim",
            "add",
            "",
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
        ],
        &[
            "claim",
            "add",
            "wire",
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
        ],
        &[
            "claim",
            "add",
            "x",
            "--kind",
            "casualty",
            "--event",
            "e",
            "--statement",
            "s",
            "--category",
            "killed",
            "--group",
            "g",
            "--count",
            "a lot of people",
        ],
        &[
            "claim",
            "add",
            "x",
            "--kind",
            "casualty",
            "--event",
            "e",
            "--statement",
            "s",
            "--category",
            "killd",
            "--group",
            "g",
            "--count",
            "3",
        ],
        &[
            "claim",
            "add",
            "x",
            "--kind",
            "denial",
            "--event",
            "e",
            "--statement",
            "s",
            "--denies",
            "ghost",
        ],
        &[
            "claim",
            "add",
            "x",
            "--kind",
            "event",
            "--event",
            "Base Attack",
            "--statement",
            "s",
        ],
        &[
            "claim",
            "add",
            "x",
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
            "--date",
            "2020-03-11T10:00",
        ],
        &["link", "ghost", "wire", "--quote", "q"],
        &["link", "killed-15", "ghost", "--quote", "q"],
        &["link", "killed-15", "killed-15", "--quote", "q"],
        &["relate", "killed-15", "contradicts", "ghost"],
        &["relate", "killed-15", "refutes", "killed-15"],
        &["source", "add", "wire", "--title", "t", "--publisher", "p"],
        &[
            "source",
            "add",
            "new",
            "--title",
            "t",
            "--publisher",
            "p",
            "--cites",
            "ghost",
        ],
        &[
            "source",
            "add",
            "new",
            "--title",
            "t",
            "--publisher",
            "p",
            "--text-file",
            "missing.txt",
        ],
        &["show", "ghost"],
        &["retract", "killed-15", "--reason", ""],
    ];
    let mut all = String::new();
    for args in cases {
        all.push_str(&format!(
            "$ factcheck {}\n{}\n",
            args.iter()
                .map(|a| if a.contains(' ') || a.is_empty() {
                    format!("{a:?}")
                } else {
                    a.to_string()
                })
                .collect::<Vec<_>>()
                .join(" "),
            outcome(&ws, args)
        ));
    }
    insta::assert_snapshot!(all);
    let after_claims: Vec<_> = std::fs::read_dir(ws.path().join("claims"))
        .unwrap()
        .collect();
    assert_eq!(
        before_claims.len(),
        after_claims.len(),
        "a failed command left a file behind"
    );
}

#[test]
fn source_add_reads_stdin() {
    let ws = Ws::new();
    let mut child = std::process::Command::new(bin())
        .args([
            "source",
            "add",
            "piped",
            "--title",
            "t",
            "--publisher",
            "p",
            "--text-file",
            "-",
        ])
        .current_dir(ws.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"piped text")
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(ws.read("sources/piped.txt"), "piped text");
    assert!(
        ws.read("sources/piped.toml")
            .contains(&factcheck::check::sha256_hex(b"piped text"))
    );
}

#[test]
fn show_and_list_in_every_format() {
    let ws = desk();
    ws.ok(&[
        "link",
        "killed-15",
        "wire",
        "--quote",
        "killing 15 people",
        "--attributed-to",
        "officials",
    ]);
    insta::assert_snapshot!(ws.ok(&["show", "killed-15"]));
    insta::assert_snapshot!(ws.ok(&["show", "killed-15", "--format", "json"]));
    insta::assert_snapshot!(ws.ok(&["show", "wire", "--format", "markdown"]));
    insta::assert_snapshot!(ws.ok(&["list"]));
    insta::assert_snapshot!(ws.ok(&["list", "--format", "json", "--status", "single-origin"]));
    insta::assert_snapshot!(ws.ok(&["list", "--format", "markdown", "--kind", "event"]));
}

#[test]
fn every_write_command_says_what_it_did() {
    let ws = Ws::new();
    ws.write("article.txt", ARTICLE);
    let mut all = String::new();
    for args in [
        &[
            "source",
            "add",
            "wire",
            "--title",
            "t",
            "--publisher",
            "The Wire",
            "--text-file",
            "article.txt",
        ][..],
        &["source", "add", "tv", "--title", "t", "--publisher", "TV"],
        &[
            "claim",
            "add",
            "a",
            "--kind",
            "casualty",
            "--event",
            "e",
            "--category",
            "killed",
            "--group",
            "people",
            "--count",
            "about 15",
            "--statement",
            "s",
        ],
        &[
            "claim",
            "add",
            "b",
            "--kind",
            "casualty",
            "--event",
            "e",
            "--category",
            "killed",
            "--group",
            "people",
            "--count",
            "15 people",
            "--min",
            "15",
            "--max",
            "16",
            "--statement",
            "s",
        ],
        &[
            "claim",
            "add",
            "c",
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
        ],
        &["link", "a", "wire", "--quote", "killing 15 people"],
        &["link", "a", "tv", "--quote", "fifteen dead", "--unverified"],
        &["link", "a", "wire", "--quote", "killing 15 people"],
        &["relate", "a", "corroborates", "b"],
        &["relate", "a", "corroborates", "b"],
        &[
            "retract",
            "c",
            "--reason",
            "duplicate",
            "--on",
            "2020-03-12",
        ],
        &["retract", "c", "--reason", "again", "--on", "2020-03-12"],
    ] {
        all.push_str(&format!(
            "$ factcheck {}\n{}\n",
            args.join(" "),
            outcome(&ws, args)
        ));
    }
    insta::assert_snapshot!(all);
    insta::assert_snapshot!(ws.read("claims/b.toml"));
}
