//! `factcheck diff` on real git repositories made in temporary directories.

mod common;
use common::*;
use std::process::Command;

fn git(ws: &Ws, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Desk",
            "-c",
            "user.email=desk@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(ws.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const ARTICLE: &str = "Rockets struck the base on Friday, killing 15 people, officials said. Later reports said 18 people were killed. The ministry said at least 25 people died. The group denied any role.";

/// A committed workspace: one source, two claims.
fn repo() -> Ws {
    let ws = Ws::new();
    git(&ws, &["init", "-q"]);
    ws.write("article.txt", ARTICLE);
    ws.ok(&[
        "source",
        "add",
        "wire",
        "--title",
        "Rockets",
        "--publisher",
        "The Wire",
        "--published",
        "2020-03-11",
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
        "base",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "15 people",
        "--statement",
        "15 killed",
    ]);
    ws.ok(&[
        "link",
        "killed-15",
        "wire",
        "--quote",
        "killing 15 people, officials said",
        "--attributed-to",
        "officials",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "blame",
        "--kind",
        "responsibility",
        "--event",
        "base",
        "--actor",
        "the group",
        "--asserted-by",
        "officials",
        "--statement",
        "Officials blame the group.",
    ]);
    ws.ok(&[
        "link",
        "blame",
        "wire",
        "--quote",
        "Rockets struck the base on Friday",
        "--attributed-to",
        "officials",
    ]);
    ws.ok(&[
        "link",
        "blame",
        "wire",
        "--quote",
        "The ministry said",
        "--attributed-to",
        "ministry",
    ]);
    git(&ws, &["add", "-A"]);
    git(&ws, &["commit", "-qm", "first"]);
    ws
}

/// Five claim files change: a revision, a retraction, a new conflicting
/// figure, a denial, a lost source.
fn change(ws: &Ws) {
    ws.ok(&[
        "claim",
        "add",
        "killed-18",
        "--kind",
        "casualty",
        "--event",
        "base",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "18 people",
        "--statement",
        "18 killed",
    ]);
    ws.ok(&[
        "link",
        "killed-18",
        "wire",
        "--quote",
        "18 people were killed",
    ]);
    ws.ok(&["relate", "killed-18", "supersedes", "killed-15"]);
    ws.ok(&[
        "claim",
        "add",
        "killed-25",
        "--kind",
        "casualty",
        "--event",
        "base",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "at least 25 people",
        "--statement",
        "25+ died",
    ]);
    ws.ok(&[
        "link",
        "killed-25",
        "wire",
        "--quote",
        "at least 25 people died",
        "--attributed-to",
        "ministry",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "denial",
        "--kind",
        "denial",
        "--event",
        "base",
        "--denies",
        "blame",
        "--asserted-by",
        "the group",
        "--statement",
        "The group denies it.",
    ]);
    ws.ok(&[
        "link",
        "denial",
        "wire",
        "--quote",
        "The group denied any role.",
    ]);
    ws.ok(&[
        "retract",
        "killed-15",
        "--reason",
        "revised toll",
        "--on",
        "2020-03-12",
    ]);
    // A hand edit removes the ministry's evidence from the blame claim.
    let text = ws.read("claims/blame.toml");
    let cut = text.rfind("\n[[evidence]]").unwrap();
    ws.write("claims/blame.toml", &format!("{}\n", &text[..cut]));
    ws.write(
        "claims/blame.toml",
        &ws.read("claims/blame.toml").replace(
            "Officials blame the group.",
            "Officials blame the armed group.",
        ),
    );
}

#[test]
fn working_tree_against_head() {
    let ws = repo();
    change(&ws);
    insta::assert_snapshot!(ws.ok(&["diff"]));
    insta::assert_snapshot!(ws.ok(&["diff", "--format", "markdown"]));
    insta::assert_snapshot!(ws.ok(&["diff", "--format", "json"]));
}

#[test]
fn two_revisions_and_json_contract() {
    let ws = repo();
    change(&ws);
    git(&ws, &["add", "-A"]);
    git(&ws, &["commit", "-qm", "second"]);
    let v: serde_json::Value =
        serde_json::from_str(&ws.ok(&["diff", "HEAD~1", "HEAD", "--format", "json"])).unwrap();
    assert_eq!(v["schema"], "factcheck/diff/v1");
    let has = |id: &str, change: &str| {
        v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id && c["change"] == change)
    };
    assert!(has("killed-18", "added"));
    assert!(has("killed-15", "retracted"));
    assert!(has("killed-15", "superseded"));
    assert!(has("blame", "evidence-removed"));
    let edited = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "blame" && c["change"] == "edited")
        .unwrap();
    assert_eq!(edited["fields"][0]["name"], "statement");
    let fig = &v["figures"][0];
    assert_eq!(fig["before"]["status"], "single-account");
    assert_eq!(fig["after"]["status"], "conflicting");
    assert_eq!(fig["after"]["consensus"], serde_json::Value::Null);
    // Nothing changed since HEAD.
    assert!(ws.ok(&["diff"]).contains("no changes"));
}

#[test]
fn workspace_in_a_subdirectory() {
    let ws = Ws::new();
    git(&ws, &["init", "-q"]);
    let sub = ws.path().join("desk");
    std::fs::create_dir(&sub).unwrap();
    assert!(factcheck(&sub, &["init", "--nested", "."]).status.success());
    git(&ws, &["add", "-A"]);
    git(&ws, &["commit", "-qm", "empty"]);
    assert!(
        factcheck(
            &sub,
            &[
                "claim",
                "add",
                "c",
                "--kind",
                "event",
                "--event",
                "e",
                "--statement",
                "s"
            ]
        )
        .status
        .success()
    );
    let out = String::from_utf8(factcheck(&sub, &["diff"]).stdout).unwrap();
    assert!(out.contains("`c`") || out.contains("c added"), "{out}");
}

#[test]
fn bad_revisions_are_refused() {
    let ws = repo();
    let (code, _, err) = ws.out(&["diff", "nosuchrev"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown revision \"nosuchrev\""), "{err}");
    let (code, _, err) = ws.out(&["diff", "--", "--output=/tmp/x"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot start with '-'"), "{err}");
    let (code, _, err) = ws.out(&["diff", "HEAD;touch pwned"]);
    assert_eq!(code, 2, "{err}");
    assert!(!ws.path().join("pwned").exists());
}

#[test]
fn a_repository_without_commits() {
    let ws = Ws::new();
    git(&ws, &["init", "-q"]);
    let (code, _, err) = ws.out(&["diff"]);
    assert_eq!(code, 2);
    assert!(err.contains("no commits yet"), "{err}");
}

#[test]
fn outside_git() {
    let ws = Ws::new();
    let (code, _, err) = ws.out(&["diff"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not in a git repository"), "{err}");
}

#[test]
fn source_diff_marks_changed_numbers() {
    let ws = Ws::new();
    ws.write(
        "v1.txt",
        "A barrage of rockets struck Camp Taji, killing 15 people, officials said.",
    );
    ws.write("v2.txt", "A barrage of rockets struck Camp Taji, killing 18 people, officials said, raising an earlier toll.");
    ws.ok(&[
        "source",
        "add",
        "v1",
        "--title",
        "t",
        "--publisher",
        "Wire",
        "--text-file",
        "v1.txt",
    ]);
    ws.ok(&[
        "source",
        "add",
        "v2",
        "--title",
        "t",
        "--publisher",
        "Wire",
        "--revises",
        "v1",
        "--text-file",
        "v2.txt",
    ]);
    insta::assert_snapshot!(ws.ok(&["source", "diff", "v1", "v2"]));
    insta::assert_snapshot!(ws.ok(&["source", "diff", "v1", "v2", "--format", "json"]));
    insta::assert_snapshot!(ws.ok(&["source", "diff", "v1", "v2", "--format", "markdown"]));
}

#[test]
fn evidence_edits_are_reported_by_field() {
    // Changing a credibility, or adding `via` (which changes the origin),
    // is an evidence edit, named `evidence[N].field`.
    let ws = repo();
    ws.write(
        "other.txt",
        "Other outlet: Rockets struck the base on Friday, killing 15 people.",
    );
    ws.ok(&[
        "source",
        "add",
        "other",
        "--title",
        "O",
        "--publisher",
        "Other",
        "--text-file",
        "other.txt",
    ]);
    git(&ws, &["add", "-A"]);
    git(&ws, &["commit", "-qm", "other"]);
    let path = "claims/killed-15.toml";
    let text = ws.read(path);
    assert!(text.contains("[[evidence]]"), "{text}");
    let edited = text.replace(
        "attributed_to = \"officials\"",
        "attributed_to = \"officials\"\nvia = \"other\"\ncredibility = 2",
    );
    assert_ne!(edited, text);
    ws.write(path, &edited);
    let v: serde_json::Value = serde_json::from_str(&ws.ok(&["diff", "--format", "json"])).unwrap();
    let change = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "killed-15" && c["change"] == "evidence-edited")
        .unwrap_or_else(|| panic!("no evidence-edited in {v}"));
    let names: Vec<&str> = change["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["evidence[0].credibility", "evidence[0].via"]);
    assert_eq!(change["fields"][1]["new"], "other");
    let text_out = ws.ok(&["diff"]);
    assert!(
        text_out.contains("killed-15 evidence-edited: evidence[0].credibility: (none) → 2"),
        "{text_out}"
    );
}

#[test]
fn a_file_that_does_not_parse_is_unreadable_not_removed() {
    let ws = repo();
    let path = "claims/killed-15.toml";
    ws.write(
        path,
        &ws.read(path)
            .replace("kind = \"casualty\"", "kind = \"casualty"),
    );
    let v: serde_json::Value = serde_json::from_str(&ws.ok(&["diff", "--format", "json"])).unwrap();
    let changes: Vec<(&str, &str)> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["change"].as_str().unwrap()))
        .collect();
    assert!(
        changes.contains(&("killed-15", "unreadable")),
        "{changes:?}"
    );
    assert!(!changes.iter().any(|c| c.1 == "removed"), "{changes:?}");
    assert_eq!(v["skipped"][0]["file"], path);
    let text = ws.ok(&["diff"]);
    assert!(
        text.starts_with("WARNING: 1 unreadable file skipped"),
        "{text}"
    );
    assert!(
        text.contains("killed-15 unreadable: claims/killed-15.toml:1:17"),
        "{text}"
    );
}
