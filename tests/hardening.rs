//! Regressions for defects found in the first landing: each case failed
//! there and holds now.

mod common;
use common::*;
use serde_json::Value;

fn json(ws: &Ws, args: &[&str]) -> Value {
    serde_json::from_str(&ws.ok(args)).unwrap()
}

#[test]
fn a_quote_is_not_verified_inside_a_longer_number() {
    let ws = Ws::with_claim("Airstrikes killed 250 people, and 25,000 fled.", "c");
    for quote in ["killed 25", "and 25"] {
        let (code, _, err) = ws.out(&["link", "c", "s1", "--quote", quote]);
        assert_eq!(code, 1, "{quote}: {err}");
        assert!(
            err.contains("the quote is not in the archived text"),
            "{err}"
        );
    }
    ws.ok(&["link", "c", "s1", "--quote", "killed 250 people"]);
    // A hand-written quote is caught by check too.
    let text = ws
        .read("claims/c.toml")
        .replace("killed 250 people", "killed 25");
    ws.write("claims/c.toml", &text);
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[E011]"), "{out}");
}

#[test]
fn no_command_reads_through_a_symbolic_link() {
    let ws = Ws::with_claim("The strikes killed 25 people.", "c");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("x.txt");
    std::fs::write(&secret, "TOP SECRET: killed 99 people").unwrap();
    ws.ok(&["source", "add", "s2", "--title", "t", "--publisher", "P"]);
    std::os::unix::fs::symlink(&secret, ws.path().join("sources/s2.txt")).unwrap();
    // link does not verify a quote against the link's target.
    let (code, out, err) = ws.out(&["link", "c", "s2", "--quote", "killed 99 people"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!err.contains("TOP SECRET"), "{err}");
    // source diff and show print nothing of it.
    let (code, out, err) = ws.out(&["source", "diff", "s1", "s2"]);
    assert_eq!(code, 2);
    assert!(
        !out.contains("TOP SECRET") && !err.contains("TOP SECRET"),
        "{out}{err}"
    );
    let (_, out, err) = ws.out(&["show", "s2"]);
    assert!(
        !out.contains("TOP SECRET") && !err.contains("TOP SECRET"),
        "{out}{err}"
    );
    // A claims/ directory that is a link is refused as a whole.
    let ws2 = Ws::new();
    std::fs::remove_dir_all(ws2.path().join("claims")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("x.toml"), EVENT).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), ws2.path().join("claims")).unwrap();
    let (code, out, _) = ws2.out(&["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("claims:1:1: error[E016]"), "{out}");
    assert_eq!(
        json(&ws2, &["list", "--format", "json"])["claims"],
        Value::Array(vec![])
    );
}

#[test]
fn fmt_never_writes_outside_the_workspace() {
    let parent = tempfile::tempdir().unwrap();
    let ws_dir = parent.path().join("desk");
    std::fs::create_dir(&ws_dir).unwrap();
    assert!(factcheck(&ws_dir, &["init", "."]).status.success());
    let victim = parent.path().join("x.toml");
    let original = "statement = \"s\"\nevent = \"e\"\nkind = \"event\"\n";
    std::fs::write(&victim, original).unwrap();
    let out = factcheck(&ws_dir, &["fmt", "claims/../../x.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside the workspace"));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), original);
}

#[test]
fn an_open_count_after_the_same_count_is_widened_not_revised_down() {
    let ws = Ws::new();
    ws.write(
        "a.txt",
        "Officials said 18 were killed. Later, at least 18 were killed, officials said.",
    );
    ws.ok(&[
        "source",
        "add",
        "s1",
        "--title",
        "t",
        "--publisher",
        "Wire",
        "--text-file",
        "a.txt",
    ]);
    for (id, count, date) in [
        ("first", "18", "2020-01-01"),
        ("second", "at least 18", "2020-01-02"),
    ] {
        ws.ok(&[
            "claim",
            "add",
            id,
            "--kind",
            "casualty",
            "--event",
            "e",
            "--category",
            "killed",
            "--group",
            "people",
            "--count",
            count,
            "--date",
            date,
            "--statement",
            "s",
        ]);
        ws.ok(&[
            "link",
            id,
            "s1",
            "--quote",
            if id == "first" {
                "18 were killed"
            } else {
                "at least 18 were killed"
            },
            "--attributed-to",
            "officials",
        ]);
    }
    let v = json(&ws, &["timeline", "--format", "json"]);
    let changes: Vec<&str> = v["figures"][0]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes, vec!["first", "widened"]);
}

#[test]
fn skipped_records_are_never_silent() {
    let ws = Ws::with_claim("The strikes killed 25 people.", "good");
    ws.write(
        "claims/bad.toml",
        "kind = \"event\"\nevnt = \"e\"\nstatement = \"s\"\n",
    );
    ws.write(
        "sources/typo.toml",
        "title = \"t\"\npublisher = \"P\"\npublishd = 2020-01-01\n",
    );
    for cmd in [
        vec!["report", "--format", "json"],
        vec!["list", "--format", "json"],
        vec!["timeline", "--format", "json"],
        vec!["source", "list", "--format", "json"],
        vec!["entity", "list", "--format", "json"],
        vec!["show", "good", "--format", "json"],
    ] {
        let v = json(&ws, &cmd);
        let files: Vec<&str> = v["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["file"].as_str().unwrap())
            .collect();
        assert_eq!(
            files,
            vec!["claims/bad.toml", "sources/typo.toml"],
            "{cmd:?}"
        );
        assert_eq!(v["skipped"][0]["code"], "E003", "{cmd:?}");
        assert_eq!(
            v["skipped"][1]["message"], "unknown field `publishd` in a source",
            "{cmd:?}"
        );
    }
    for cmd in [
        vec!["report"],
        vec!["list"],
        vec!["timeline"],
        vec!["source", "list"],
        vec!["show", "good"],
    ] {
        let out = ws.ok(&cmd);
        assert!(
            out.starts_with("WARNING: 2 unreadable files skipped"),
            "{cmd:?}:\n{out}"
        );
        assert!(out.contains("claims/bad.toml:1:1: error[E003]"), "{out}");
        let mut md = cmd.clone();
        md.extend(["--format", "markdown"]);
        let out = ws.ok(&md);
        assert!(
            out.contains("> **Warning:** 2 unreadable files skipped"),
            "{md:?}:\n{out}"
        );
        // --strict turns a skip into exit 1, after printing the output.
        let mut strict = cmd.clone();
        strict.push("--strict");
        let (code, out, _) = ws.out(&strict);
        assert_eq!(code, 1, "{strict:?}");
        assert!(out.contains("WARNING"), "{out}");
    }
}

#[test]
fn files_are_created_with_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Ws::with_claim("The strikes killed 25 people.", "c");
    ws.ok(&["link", "c", "s1", "--quote", "killed 25 people"]);
    for f in [
        "factcheck.toml",
        "claims/c.toml",
        "sources/s1.toml",
        "sources/s1.txt",
        ".gitignore",
    ] {
        let mode = std::fs::metadata(ws.path().join(f))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        // The tests run under the usual umask 022.
        assert_eq!(mode, 0o644, "{f}: {mode:o}");
    }
}

#[test]
fn every_reading_command_refuses_an_unknown_event() {
    let ws = Ws::with_claim("The strikes killed 25 people.", "c");
    for cmd in ["list", "report", "timeline"] {
        let (code, _, err) = ws.out(&[cmd, "--event", "nope"]);
        assert_eq!(code, 2, "{cmd}");
        assert!(err.contains("no event with id `nope`"), "{cmd}: {err}");
        assert!(err.contains("events: e"), "{err}");
    }
    let (code, _, err) = ws.out(&["list", "--event", "ee"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `e`?"), "{err}");
}

#[test]
fn an_id_deleted_by_hand_and_added_again_is_reported_with_its_commit() {
    let ws = Ws::with_claim("The strikes killed 25 people.", "c");
    git(ws.path(), &["init", "-q"]);
    git(ws.path(), &["add", "-A"]);
    git(ws.path(), &["commit", "-q", "-m", "first"]);
    std::fs::remove_file(ws.path().join("claims/c.toml")).unwrap();
    git(ws.path(), &["commit", "-q", "-am", "delete c"]);
    ws.ok(&[
        "claim",
        "add",
        "c",
        "--kind",
        "event",
        "--event",
        "other",
        "--statement",
        "a different claim",
    ]);
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning[W111]: claim `c` was deleted in commit"),
        "{out}"
    );
    assert!(
        out.contains("(a casualty in `e`) and re-created as an event in `other`"),
        "{out}"
    );
    // A rename git sees is not a deletion.
    let ws = Ws::with_claim("The strikes killed 25 people.", "old-id");
    git(ws.path(), &["init", "-q"]);
    git(ws.path(), &["add", "-A"]);
    git(ws.path(), &["commit", "-q", "-m", "first"]);
    ws.ok(&["mv", "old-id", "new-id"]);
    let (_, out, _) = ws.out(&["check"]);
    assert!(!out.contains("W111"), "{out}");
    git(ws.path(), &["add", "-A"]);
    git(ws.path(), &["commit", "-q", "-m", "rename"]);
    let (_, out, _) = ws.out(&["check"]);
    assert!(!out.contains("W111"), "{out}");
}
