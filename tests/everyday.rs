//! A working day at the desk: editing, renaming, listing and filtering,
//! help, completions, manual pages, and tables that fit.

mod common;
use common::*;
use serde_json::Value;

fn json(ws: &Ws, args: &[&str]) -> Value {
    serde_json::from_str(&ws.ok(args)).unwrap()
}

/// A workspace with a source, an entity, an event and a few claims.
fn desk() -> Ws {
    let ws = Ws::new();
    ws.write("a.txt", "The ministry said 410 people were killed. Officials said at least 412 people were killed. Police blamed the Ridge Brigade.");
    ws.ok(&[
        "source",
        "add",
        "wire",
        "--title",
        "Toll",
        "--publisher",
        "The Wire",
        "--published",
        "2024-01-02",
        "--language",
        "en",
        "--tag",
        "wire",
        "--notes",
        "from the newsroom",
        "--text-file",
        "a.txt",
    ]);
    ws.ok(&[
        "entity",
        "add",
        "moh",
        "--name",
        "Health Ministry",
        "--kind",
        "ministry",
    ]);
    ws.ok(&[
        "event",
        "add",
        "strike",
        "--title",
        "Strike",
        "--date",
        "2024-01-01",
        "--party",
        "moh",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "toll",
        "--kind",
        "casualty",
        "--event",
        "strike",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "410",
        "--asserted-by",
        "Health Ministry",
        "--date",
        "2024-01-02",
        "--tag",
        "toll",
        "--notes",
        "first count",
        "--statement",
        "The ministry counts 410 dead.",
    ]);
    ws.ok(&[
        "link",
        "toll",
        "wire",
        "--quote",
        "410 people were killed",
        "--attributed-to",
        "Health Ministry",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "blame",
        "--kind",
        "responsibility",
        "--event",
        "strike",
        "--actor",
        "Ridge Brigade",
        "--asserted-by",
        "police",
        "--date",
        "2024-01-03",
        "--statement",
        "Police blame the Ridge Brigade.",
    ]);
    ws.ok(&[
        "link",
        "blame",
        "wire",
        "--quote",
        "Police blamed the Ridge Brigade",
    ]);
    ws
}

#[test]
fn claim_set_changes_one_field_and_recomputes_counts() {
    let ws = desk();
    let before = ws.read("claims/toll.toml");
    let out = ws.ok(&["claim", "set", "toll", "wording", "at least 412"]);
    assert_eq!(
        out,
        "updated claims/toll.toml: people killed: 412+ (default-v2)\n"
    );
    let after = ws.read("claims/toll.toml");
    assert!(
        after.contains("wording = \"at least 412\"\nmin = 412\npolicy = \"default-v2\""),
        "{after}"
    );
    assert!(!after.contains("max ="), "{after}");
    // Nothing else moved.
    assert_eq!(before.lines().count(), after.lines().count() + 1);
    // Explicit numbers keep the wording and mark the policy.
    ws.ok(&["claim", "set", "toll", "max", "420"]);
    assert!(
        ws.read("claims/toll.toml")
            .contains("policy = \"explicit\"")
    );
    // Mistakes are refused before anything is written.
    let snapshot = ws.read("claims/toll.toml");
    for (args, needle, exit) in [
        (
            vec!["claim", "set", "toll", "best", "999"],
            "best (999) lies outside min–max",
            2,
        ),
        (
            vec!["claim", "set", "toll", "kind", "event"],
            "the kind of a claim cannot change",
            2,
        ),
        (
            vec!["claim", "set", "toll", "evnt", "x"],
            "did you mean `event`?",
            2,
        ),
        (
            vec!["claim", "set", "toll", "date", "yesterday"],
            "date: `yesterday` is not a date",
            2,
        ),
        (
            vec!["claim", "set", "toll", "statement", ""],
            "`statement` is required",
            2,
        ),
        (
            vec!["claim", "set", "nope", "notes", "x"],
            "no claim with id `nope`",
            2,
        ),
    ] {
        let (code, _, err) = ws.out(&args);
        assert_eq!(code, exit, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(
            ws.read("claims/toll.toml"),
            snapshot,
            "{args:?} wrote something"
        );
    }
    let (code, _, err) = ws.out(&["claim", "set", "blame", "policy", "default-v2"]);
    assert_eq!(code, 2, "{err}");
    // Tags and notes; an empty value removes an optional field.
    ws.ok(&["claim", "set", "toll", "tags", "toll, revised"]);
    assert!(
        ws.read("claims/toll.toml")
            .contains("tags = [\"toll\", \"revised\"]")
    );
    ws.ok(&["claim", "set", "toll", "notes", ""]);
    assert!(!ws.read("claims/toll.toml").contains("notes"));
    let out = ws.ok(&["claim", "set", "blame", "stance", "accuses"]);
    assert!(out.contains("blames Ridge Brigade"), "{out}");
}

/// An editor script: `sed` applied to the file it is given.
fn editor(ws: &Ws, name: &str, sed: &str) -> String {
    let path = ws.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\nsed -i '{sed}' \"$1\"\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

fn edit(ws: &Ws, editor: &str, id: &str) -> (i32, String, String) {
    let o = std::process::Command::new(bin())
        .args(["claim", "edit", id])
        .current_dir(ws.path())
        .env("VISUAL", editor)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn claim_edit_validates_recomputes_and_never_loses_an_edit() {
    let ws = desk();
    // A changed wording recomputes min/max through the claim's policy.
    let e = editor(
        &ws,
        "ed1.sh",
        "s/wording = \"410\"/wording = \"about 400\"/",
    );
    let (code, out, err) = edit(&ws, &e, "toll");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "updated claims/toll.toml: people killed: 360–440 (default-v2)\n"
    );
    let text = ws.read("claims/toll.toml");
    assert!(text.contains("min = 360\nmax = 440"), "{text}");
    // No change writes nothing.
    let e = editor(&ws, "ed2.sh", "s/nothing//");
    let (code, out, _) = edit(&ws, &e, "toll");
    assert_eq!(code, 0);
    assert!(out.starts_with("no change"), "{out}");
    // An invalid edit is kept, named, and the claim is left as it was.
    let before = ws.read("claims/toll.toml");
    let e = editor(
        &ws,
        "ed3.sh",
        "s/category = \"killed\"/category = \"kiled\"/",
    );
    let (code, _, err) = edit(&ws, &e, "toll");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unknown category \"kiled\""), "{err}");
    assert!(
        err.contains("your edit is kept in .factcheck/edit/toll.toml"),
        "{err}"
    );
    assert_eq!(ws.read("claims/toll.toml"), before);
    assert!(ws.read(".factcheck/edit/toll.toml").contains("kiled"));
    // A change made meanwhile by someone else is not overwritten.
    let e = ws.path().join("ed4.sh");
    std::fs::write(
        &e,
        format!(
            "#!/bin/sh\nsed -i 's/first count/edited/' \"$1\"\nsed -i 's/The ministry counts/Someone else: the ministry counts/' {}\n",
            ws.path().join("claims/toll.toml").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&e, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (code, _, err) = edit(&ws, &e.display().to_string(), "toll");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("changed on disk while this command was editing it"),
        "{err}"
    );
    let now = ws.read("claims/toll.toml");
    assert!(now.contains("Someone else"), "{now}");
    assert!(!now.contains("edited"), "{now}");
}

#[test]
fn mv_renames_every_kind_of_record_and_every_reference() {
    let ws = desk();
    ws.ok(&[
        "source",
        "add",
        "wire-2",
        "--title",
        "t",
        "--publisher",
        "P",
        "--cites",
        "wire",
        "--revises",
        "wire",
    ]);
    ws.ok(&[
        "entity",
        "add",
        "moh-spox",
        "--name",
        "Spokesman",
        "--part-of",
        "moh",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "denial",
        "--kind",
        "denial",
        "--event",
        "strike",
        "--denies",
        "blame",
        "--statement",
        "s",
    ]);
    ws.ok(&["relate", "toll", "contradicts", "blame"]);
    let text = ws
        .read("claims/toll.toml")
        .replace("attributed_to", "via = \"wire\"\nattributed_to");
    ws.write("claims/toll.toml", &text);
    // A source, with its archive.
    let out = ws.ok(&["mv", "wire", "wire-2024"]);
    assert!(
        out.starts_with("renamed source `wire` to `wire-2024`\n"),
        "{out}"
    );
    assert!(
        out.contains("moved sources/wire.txt -> sources/wire-2024.txt"),
        "{out}"
    );
    assert!(out.contains("rewrote claims/toll.toml"), "{out}");
    assert!(out.contains("rewrote sources/wire-2.toml"), "{out}");
    let toll = ws.read("claims/toll.toml");
    assert!(
        toll.contains("source = \"wire-2024\"") && toll.contains("via = \"wire-2024\""),
        "{toll}"
    );
    assert!(
        ws.read("sources/wire-2.toml")
            .contains("cites = [\"wire-2024\"]\nrevises = \"wire-2024\"")
    );
    // A claim.
    ws.ok(&["mv", "blame", "police-blame"]);
    assert!(
        ws.read("claims/denial.toml")
            .contains("denies = \"police-blame\"")
    );
    assert!(
        ws.read("claims/toll.toml")
            .contains("contradicts = [\"police-blame\"]")
    );
    // An entity: part_of and parties; free-text names stay as written.
    ws.ok(&["mv", "moh", "gaza-moh"]);
    assert!(
        ws.read("entities/moh-spox.toml")
            .contains("part_of = \"gaza-moh\"")
    );
    assert!(
        ws.read("events/strike.toml")
            .contains("parties = [\"gaza-moh\"]")
    );
    assert!(
        ws.read("claims/toll.toml")
            .contains("asserted_by = \"Health Ministry\"")
    );
    // An event: its record and every claim's `event`.
    ws.ok(&["mv", "strike", "strike-2024-01-01"]);
    assert!(ws.path().join("events/strike-2024-01-01.toml").exists());
    assert!(
        ws.read("claims/toll.toml")
            .contains("event = \"strike-2024-01-01\"")
    );
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 0, "{out}");
    // Ids are never reused, and a missing id is named.
    let (code, _, err) = ws.out(&["mv", "toll", "denial"]);
    assert_eq!(code, 2);
    assert!(err.contains("already taken"), "{err}");
    let (code, _, err) = ws.out(&["mv", "tol", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("no record or event with id `tol`"), "{err}");
}

#[test]
fn filters_narrow_what_is_shown_never_what_is_analysed() {
    let ws = desk();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["list", "--format", "json"];
        a.extend_from_slice(args);
        json(&ws, &a)["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&[]), vec!["blame", "toll"]);
    assert_eq!(ids(&["--kind", "casualty"]), vec!["toll"]);
    assert_eq!(ids(&["--tag", "toll"]), vec!["toll"]);
    assert_eq!(ids(&["--origin", "Health Ministry"]), vec!["toll"]);
    assert_eq!(ids(&["--actor", "Ridge Brigade"]), vec!["blame"]);
    assert_eq!(ids(&["--source", "wire"]), vec!["blame", "toll"]);
    assert_eq!(ids(&["--since", "2024-01-03"]), vec!["blame"]);
    assert_eq!(ids(&["--until", "2024-01-02"]), vec!["toll"]);
    assert_eq!(
        ids(&["--status", "single-origin", "--kind", "responsibility"]),
        vec!["blame"]
    );
    // The origin filter matches an entity and everything part of it.
    ws.ok(&[
        "entity",
        "add",
        "spox",
        "--name",
        "Ashraf",
        "--part-of",
        "moh",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "spox-toll",
        "--kind",
        "casualty",
        "--event",
        "strike",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "at least 412",
        "--statement",
        "s",
        "--date",
        "2024-01-04",
    ]);
    ws.ok(&[
        "link",
        "spox-toll",
        "wire",
        "--quote",
        "at least 412 people were killed",
        "--attributed-to",
        "Ashraf",
    ]);
    assert_eq!(
        ids(&["--origin", "Health Ministry"]),
        vec!["spox-toll", "toll"]
    );
    // A figure shown through a filter keeps its verdict.
    let all = json(&ws, &["report", "--format", "json"]);
    let some = json(&ws, &["report", "--format", "json", "--origin", "Ashraf"]);
    assert_eq!(all["figures"][0]["status"], some["figures"][0]["status"]);
    // Unknown names and bad values are errors.
    let (code, _, err) = ws.out(&["list", "--origin", "Nobody at all"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--origin \"Nobody at all\" names no entity"),
        "{err}"
    );
    let (code, _, err) = ws.out(&["list", "--status", "shaky"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown --status"), "{err}");
    // "1 claim", not "1 claims".
    assert!(
        ws.ok(&["list", "--kind", "responsibility"])
            .ends_with("\n1 claim\n")
    );
}

#[test]
fn missing_flags_are_all_reported_in_one_run() {
    let ws = desk();
    let (code, _, err) = ws.out(&["claim", "add", "x", "--kind", "casualty", "--actor", "A"]);
    assert_eq!(code, 2);
    for needle in [
        "--event",
        "--statement",
        "--category",
        "--group",
        "--count WORDING",
        "--actor does not apply to a casualty claim",
    ] {
        assert!(err.contains(needle), "{needle}: {err}");
    }
    let (code, _, err) = ws.out(&["show", "tol"]);
    assert_eq!(code, 2);
    let (code2, _, err2) = ws.out(&["link", "tol", "wire", "--quote", "x"]);
    assert_eq!(code2, 2);
    assert!(err2.contains("did you mean `toll`?"), "{err2}");
    assert!(
        err.contains("no claim, source, entity or event with id `tol`"),
        "{err}"
    );
    let (code, _, err) = ws.out(&["link", "toll", "wir", "--quote", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `wire`?"), "{err}");
}

#[test]
fn records_take_notes_tags_and_a_language() {
    let ws = desk();
    let s = json(&ws, &["show", "wire", "--format", "json"]);
    assert_eq!(s["language"], "en");
    assert_eq!(s["tags"], serde_json::json!(["wire"]));
    assert_eq!(s["notes"], "from the newsroom");
    let c = json(&ws, &["show", "toll", "--format", "json"]);
    assert_eq!(c["notes"], "first count");
    let (code, _, err) = ws.out(&[
        "source",
        "add",
        "x",
        "--title",
        "t",
        "--publisher",
        "p",
        "--language",
        "english",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("not a BCP 47 language tag"), "{err}");
    ws.write(
        "claims/toll.toml",
        &format!("colour = \"red\"\n{}", ws.read("claims/toll.toml")),
    );
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 1);
    assert!(out.contains("unknown field `colour` in a claim"), "{out}");
}

#[test]
fn show_gives_the_links_into_a_record() {
    let ws = desk();
    ws.ok(&[
        "claim",
        "add",
        "denial",
        "--kind",
        "denial",
        "--event",
        "strike",
        "--denies",
        "blame",
        "--asserted-by",
        "Ridge Brigade",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "later",
        "--kind",
        "casualty",
        "--event",
        "strike",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "at least 412",
        "--asserted-by",
        "Health Ministry",
        "--date",
        "2024-01-05",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "link",
        "later",
        "wire",
        "--quote",
        "at least 412 people were killed",
        "--attributed-to",
        "Health Ministry",
    ]);
    ws.ok(&["relate", "later", "corroborates", "toll"]);
    let c = json(&ws, &["show", "toll", "--format", "json"]);
    assert_eq!(c["revised_by"], serde_json::json!(["later"]));
    assert_eq!(c["corroborated_by"], serde_json::json!(["later"]));
    assert_eq!(c["standing"], "revised");
    let b = json(&ws, &["show", "blame", "--format", "json"]);
    assert_eq!(b["denied_by"], serde_json::json!(["denial"]));
    let s = json(&ws, &["show", "wire", "--format", "json"]);
    assert_eq!(
        s["quoted_by"],
        serde_json::json!(["blame", "later", "toll"])
    );
    let text = ws.ok(&["show", "toll"]);
    assert!(text.contains("Linked from"), "{text}");
    assert!(text.contains("revised by"), "{text}");
    let e = ws.ok(&["show", "strike"]);
    assert!(e.contains("event strike"), "{e}");
}

#[test]
fn every_command_has_help_lines_and_examples() {
    let cmd = std::process::Command::new(bin())
        .arg("--help")
        .output()
        .unwrap();
    let top = String::from_utf8_lossy(&cmd.stdout).to_string();
    assert!(top.contains("Examples:"), "{top}");
    let mut commands: Vec<Vec<String>> = Vec::new();
    let mut in_commands = false;
    for line in top.lines() {
        if line.starts_with("Commands:") {
            in_commands = true;
            continue;
        }
        if in_commands {
            if line.trim().is_empty() {
                break;
            }
            let name = line.split_whitespace().next().unwrap().to_string();
            if name != "help" {
                commands.push(vec![name]);
            }
        }
    }
    for sub in ["source", "claim", "entity", "event", "export", "import"] {
        commands.retain(|c| c[0] != sub);
        let o = std::process::Command::new(bin())
            .args([sub, "--help"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&o.stdout).to_string();
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with("Commands:") {
                inside = true;
                continue;
            }
            if inside {
                if line.trim().is_empty() {
                    break;
                }
                let name = line.split_whitespace().next().unwrap().to_string();
                if name != "help" {
                    commands.push(vec![sub.to_string(), name]);
                }
            }
        }
    }
    assert!(commands.len() >= 25, "{commands:?}");
    for c in &commands {
        let mut args: Vec<&str> = c.iter().map(String::as_str).collect();
        args.push("--help");
        let o = std::process::Command::new(bin())
            .args(&args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&o.stdout).to_string();
        assert!(o.status.success(), "{args:?}");
        assert!(
            text.trim_end()
                .lines()
                .rev()
                .any(|l| l.starts_with("Examples:")),
            "{args:?} has no examples:\n{text}"
        );
        // Every argument and option has a help line.
        let mut section = "";
        for line in text.lines() {
            if line.ends_with(':') && !line.starts_with(' ') {
                section = line;
                continue;
            }
            if (section == "Options:" || section == "Arguments:")
                && line.starts_with("  ")
                && !line.starts_with("      ")
            {
                let spec = line.trim();
                let described =
                    spec.contains("  ") || text.contains(&format!("{spec}\n          "));
                assert!(described, "{args:?}: {spec:?} has no help line");
            }
        }
    }
}

#[test]
fn completions_for_every_shell_and_a_manual_that_renders() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = std::process::Command::new(bin())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(o.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains("factcheck"), "{shell}");
        assert!(text.contains("report"), "{shell}");
    }
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(bin())
        .args(["man", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    for page in [
        "factcheck.1",
        "factcheck-report.1",
        "factcheck-claim-add.1",
        "factcheck-entity-alias.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{page}");
    }
    // Rendered by man(1) when the machine has it.
    if let Ok(o) = std::process::Command::new("man")
        .args([
            "-l",
            dir.path().join("factcheck-report.1").to_str().unwrap(),
        ])
        .env("MANPAGER", "cat")
        .output()
    {
        if o.status.success() {
            let text = String::from_utf8_lossy(&o.stdout);
            assert!(text.contains("factcheck-report"), "{text}");
        } else {
            eprintln!(
                "man -l did not run here: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    } else {
        eprintln!("man is not installed; the pages were checked for their roff header only");
    }
    let o = std::process::Command::new(bin())
        .arg("--version")
        .output()
        .unwrap();
    let v = String::from_utf8_lossy(&o.stdout);
    assert!(v.starts_with("factcheck 0."), "{v}");
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok()
        && repo_root().join(".git").exists()
    {
        assert!(
            v.contains("(git "),
            "built from a checkout, the version names the commit: {v}"
        );
    }
}

#[test]
fn tables_fit_80_columns_and_break_ids_at_hyphens() {
    let ws = Ws::copy_of(&repo_root());
    let long = Ws::with_claim(
        "The strikes killed 25 people.",
        "an-extraordinarily-long-claim-identifier-for-a-wide-table",
    );
    for w in [&ws, &long] {
        for cmd in [
            vec!["list"],
            vec!["report"],
            vec!["timeline"],
            vec!["source", "list"],
            vec!["entity", "list"],
        ] {
            let o = std::process::Command::new(bin())
                .args(&cmd)
                .current_dir(w.path())
                .env("COLUMNS", "80")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&o.stdout);
            for line in text.lines() {
                let width = unicode_width::UnicodeWidthStr::width(line);
                assert!(width <= 80, "{cmd:?}: {width} columns: {line}");
            }
        }
    }
    let o = std::process::Command::new(bin())
        .args(["list"])
        .current_dir(long.path())
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("an-extraordinarily-"), "{text}");
    // The quote is shortened around the words that carry the count.
    let md = ws.ok(&["report", "--format", "markdown"]);
    assert!(md.contains("“…guards at the embassy were also set on fire, but no one was immediately reported injured.”"), "{md}");
}

#[test]
fn init_offers_git_and_refuses_a_nested_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let out = factcheck(dir.path(), &["init", "--git", "desk"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "created a factcheck workspace and a git repository in desk\n  next: factcheck source add ID --title T --publisher P --text-file article.txt\n"
    );
    assert!(dir.path().join("desk/.git").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("desk/.gitignore")).unwrap(),
        ".factcheck/\n"
    );
    let out = factcheck(&dir.path().join("desk"), &["init", "sub"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is inside the factcheck workspace"));
    assert!(!dir.path().join("desk/sub/factcheck.toml").exists());
    let out = factcheck(&dir.path().join("desk"), &["init", "--nested", "sub"]);
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(dir.path().join("desk/factcheck.toml"))
            .unwrap()
            .contains("policy = \"default-v2\"")
    );
}
