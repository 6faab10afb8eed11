//! Reports, timelines and listings of a hand-built multi-source workspace
//! (tests/fixtures/multi, made by tests/fixtures/build-multi.sh) and of the
//! shipped sample, snapshotted in every format.

mod common;
use common::*;
use serde_json::Value;

fn multi() -> std::path::PathBuf {
    repo_root().join("tests/fixtures/multi")
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> String {
    let out = factcheck(dir, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn multi_report_text() {
    insta::assert_snapshot!(run_in(&multi(), &["report"]));
}

#[test]
fn multi_report_markdown() {
    insta::assert_snapshot!(run_in(&multi(), &["report", "--format", "markdown"]));
}

#[test]
fn multi_report_json() {
    insta::assert_snapshot!(run_in(&multi(), &["report", "--format", "json"]));
}

#[test]
fn multi_timeline() {
    insta::assert_snapshot!(run_in(&multi(), &["timeline"]));
    insta::assert_snapshot!(run_in(&multi(), &["timeline", "--format", "json"]));
    insta::assert_snapshot!(run_in(
        &multi(),
        &[
            "timeline",
            "--format",
            "markdown",
            "--event",
            "camp-taji-2020-03-11"
        ]
    ));
}

#[test]
fn multi_show_and_list() {
    insta::assert_snapshot!(run_in(
        &multi(),
        &["show", "wire-killed-18", "--format", "markdown"]
    ));
    insta::assert_snapshot!(run_in(&multi(), &["show", "wire-v2"]));
    insta::assert_snapshot!(run_in(
        &multi(),
        &["list", "--event", "camp-taji-2020-03-11"]
    ));
}

#[test]
fn the_report_states_what_a_desk_needs() {
    let v: Value =
        serde_json::from_str(&run_in(&multi(), &["report", "--format", "json"])).unwrap();
    assert_eq!(v["schema"], "factcheck/report/v1");
    let fig = |cat: &str| {
        v["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["category"] == cat)
            .unwrap()
            .clone()
    };
    let killed = fig("killed");
    let account = |id: &str| {
        killed["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["claim"] == id)
            .unwrap()
            .clone()
    };
    // The Daily relays the Wire, which cites Iraqi security officials: one
    // origin, not two (circular reporting counted once). Security officials
    // and the Interior Ministry are both the Iraqi government.
    let k18 = account("wire-killed-18");
    assert_eq!(k18["origins"], serde_json::json!(["Iraqi government"]));
    assert_eq!(
        k18["speakers"],
        serde_json::json!(["Iraqi government (Iraqi security officials)"])
    );
    // The government's series: 15 (superseded by hand), 18, then at least 25.
    assert_eq!(account("wire-killed-15")["standing"], "superseded");
    assert_eq!(k18["standing"], "revised");
    assert_eq!(k18["revised_by"], serde_json::json!(["ministry-killed-25"]));
    assert_eq!(killed["status"], "single-account");
    assert_eq!(killed["independent_origins"], 1);
    assert_eq!(
        killed["consensus"],
        serde_json::json!({"min": 25, "max": null})
    );
    assert_eq!(killed["best"]["basis"], "consensus");
    // Wounded: "a dozen" and "dozens" from independent origins clash.
    let injured = fig("injured");
    assert_eq!(injured["status"], "conflicting");
    assert_eq!(injured["independent_origins"], 2);
    assert_eq!(injured["gap"], 12);
    assert_eq!(injured["best"], Value::Null);
    assert!(
        injured["why"]
            .as_str()
            .unwrap()
            .starts_with("accounts conflict and nothing ranks them")
    );
    // Blame: two hypotheses; the U.S. claim denied by Kataib Hezbollah,
    // resting only on a party's word (the U.S. government is a party).
    let kh = v["responsibility"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["actor"] == "Kataib Hezbollah")
        .unwrap();
    assert_eq!(kh["contested"], true);
    assert_eq!(kh["verdict"], "denied");
    assert_eq!(kh["denied_by"], serde_json::json!(["Kataib Hezbollah"]));
    assert_eq!(kh["denial_claims"], serde_json::json!(["kh-denies"]));
    assert_eq!(kh["independent_origins"], 1);
    assert_eq!(kh["nonparty_origins"], 0);
    let statuses = |id: &str| {
        v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["statuses"]
            .clone()
    };
    assert_eq!(
        statuses("wire-killed-15"),
        serde_json::json!(["single-origin", "superseded"])
    );
    assert_eq!(
        statuses("wire-killed-18"),
        serde_json::json!(["single-origin", "revised"])
    );
    assert_eq!(
        statuses("iran-took-part"),
        serde_json::json!(["unsourced", "denied"])
    );
    assert_eq!(
        statuses("rockets-hit-taji"),
        serde_json::json!(["corroborated"])
    );
}

#[test]
fn report_filters_by_event_and_refuses_unknown_ones() {
    let out = run_in(
        &multi(),
        &["report", "--event", "iran-role", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["events"], serde_json::json!(["iran-role"]));
    let bad = factcheck(&multi(), &["report", "--event", "nope"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("events: camp-taji-2020-03-11, iran-role"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn sample_report_shows_the_contested_blame() {
    let root = repo_root();
    let out = run_in(&root, &["report"]);
    insta::assert_snapshot!(out);
    let v: Value = serde_json::from_str(&run_in(&root, &["report", "--format", "json"])).unwrap();
    let k1: Vec<&Value> = v["responsibility"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["event"] == "k1-base-attack-2019-12-27")
        .collect();
    assert_eq!(k1.len(), 2);
    assert!(k1.iter().all(|r| r["contested"] == true));
    let injured = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["group"] == "us-personnel")
        .unwrap();
    assert_eq!(injured["status"], "consistent");
    assert_eq!(injured["loose"], true);
    // U.S. officials and the President are one origin, and a party.
    assert_eq!(injured["independent_origins"], 1);
    assert_eq!(injured["nonparty_origins"], 0);
    assert_eq!(injured["origins"], serde_json::json!(["U.S. government"]));
    let contractor = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["group"] == "us-contractor")
        .unwrap();
    assert_eq!(contractor["independent_origins"], 2);
    assert_eq!(contractor["nonparty_origins"], 1);
    let kh = k1
        .iter()
        .find(|r| r["actor"] == "Kataib Hezbollah")
        .unwrap();
    assert_eq!(kh["verdict"], "denied");
    assert_eq!(kh["denial_claims"], serde_json::json!(["kh-denies-k1"]));
}

#[test]
fn sample_check_is_clean() {
    let out = factcheck(&repo_root(), &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn markdown_escapes_table_breakers() {
    let ws = Ws::new();
    ws.write("a.txt", "He said <b>|`25`|</b> died.");
    ws.ok(&[
        "source",
        "add",
        "s",
        "--title",
        "t",
        "--publisher",
        "P",
        "--text-file",
        "a.txt",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "c",
        "--kind",
        "casualty",
        "--event",
        "e",
        "--category",
        "killed",
        "--group",
        "g",
        "--min",
        "25",
        "--max",
        "25",
        "--statement",
        "25 died",
    ]);
    ws.ok(&["link", "c", "s", "--quote", "<b>|`25`|</b> died"]);
    let md = ws.ok(&["report", "--format", "markdown"]);
    assert!(
        md.contains("&lt;b&gt;\\|\\`25\\`\\|&lt;/b&gt; died"),
        "{md}"
    );
    for line in md
        .lines()
        .filter(|l| l.starts_with('|') && l.contains("died"))
    {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 5, "{line}");
    }
}

#[test]
fn colour_only_when_asked() {
    let plain = run_in(&multi(), &["report"]);
    assert!(!plain.contains('\x1b'));
    let coloured = run_in(&multi(), &["--color", "always", "report"]);
    assert!(coloured.contains('\x1b'));
}

#[test]
fn skipped_files_are_named_and_the_rest_is_reported() {
    let ws = Ws::copy_of(&multi());
    ws.write("claims/broken.toml", "kind = \"event\"\nevent = ");
    let (code, out, _) = ws.out(&["report"]);
    assert_eq!(code, 0);
    assert!(out.contains("camp-taji-2020-03-11"));
    assert!(
        out.starts_with("WARNING: 1 unreadable file skipped"),
        "{out}"
    );
    assert!(out.contains("claims/broken.toml:2:"), "{out}");
}
