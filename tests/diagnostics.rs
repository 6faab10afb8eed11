//! One fixture per diagnostic: each case is a tiny workspace, `factcheck
//! check` runs on it, and the whole message is snapshotted.

mod common;
use common::*;

fn check(files: &[(&str, &str)]) -> String {
    let ws = Ws::new();
    for (p, t) in files {
        ws.write(p, t);
    }
    let (code, out, err) = ws.out(&["check"]);
    format!("exit: {code}\n{out}{err}")
}

fn casualty(extra: &str) -> String {
    format!(
        "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"people\"\n{extra}"
    )
}

const LINKED: &str = "\n[[evidence]]\nsource = \"s1\"\nquote = \"killed 25 people\"\n";

#[test]
fn e001_toml_syntax() {
    insta::assert_snapshot!(check(&[(
        "claims/c.toml",
        "kind = \"event\"\nevent = \"e\nstatement = \"s\"\n"
    )]));
}

#[test]
fn e002_unknown_field() {
    insta::assert_snapshot!(check(&[(
        "claims/c.toml",
        "kind = \"event\"\nevnt = \"e\"\nevent = \"e\"\nstatement = \"s\"\n"
    )]));
}

#[test]
fn e002_field_of_another_kind() {
    insta::assert_snapshot!(check(&[(
        "claims/c.toml",
        &format!("{EVENT}actor = \"Iran\"\n")
    )]));
}

#[test]
fn e003_missing_field() {
    insta::assert_snapshot!(check(&[(
        "claims/c.toml",
        "kind = \"event\"\nevent = \"e\"\n"
    )]));
}

#[test]
fn e003_empty_file() {
    insta::assert_snapshot!(check(&[("claims/c.toml", "")]));
}

#[test]
fn e004_wrong_type() {
    insta::assert_snapshot!(check(&[("claims/c.toml", &casualty("min = \"ten\"\n"))]));
}

#[test]
fn e004_unknown_kind() {
    insta::assert_snapshot!(check(&[(
        "claims/c.toml",
        "kind = \"casuality\"\nevent = \"e\"\nstatement = \"s\"\n"
    )]));
}

#[test]
fn e005_id_mismatch() {
    insta::assert_snapshot!(check(&[(
        "claims/c.toml",
        &format!("id = \"other\"\n{EVENT}")
    )]));
}

#[test]
fn e006_invalid_file_name() {
    insta::assert_snapshot!(check(&[("claims/Bad Name.toml", EVENT)]));
}

#[test]
fn e007_shared_id() {
    insta::assert_snapshot!(check(&[
        ("claims/x.toml", &format!("{EVENT}{LINKED}")),
        ("sources/x.toml", SOURCE),
        ("sources/s1.toml", SOURCE)
    ]));
}

#[test]
fn e008_missing_source() {
    insta::assert_snapshot!(check(&[("claims/c.toml", &format!("{EVENT}{LINKED}"))]));
}

#[test]
fn e009_missing_claim() {
    insta::assert_snapshot!(check(&[
        (
            "claims/c.toml",
            "kind = \"denial\"\nevent = \"e\"\nstatement = \"s\"\ndenies = \"ghost\"\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n"
        ),
        ("sources/s1.toml", SOURCE)
    ]));
}

#[test]
fn e010_cites_cycle() {
    insta::assert_snapshot!(check(&[
        ("sources/a.toml", &format!("{SOURCE}cites = [\"b\"]\n")),
        ("sources/b.toml", &format!("{SOURCE}cites = [\"a\"]\n")),
    ]));
}

#[test]
fn e011_quote_not_found() {
    insta::assert_snapshot!(check(&[
        (
            "claims/c.toml",
            &format!("{EVENT}\n[[evidence]]\nsource = \"s1\"\nquote = \"killed 24 people\"\n")
        ),
        ("sources/s1.toml", SOURCE),
        (
            "sources/s1.txt",
            "The strikes killed 25 people over the weekend."
        ),
    ]));
}

#[test]
fn e012_archive_missing() {
    let sha = "0".repeat(64);
    insta::assert_snapshot!(check(&[(
        "sources/s1.toml",
        &format!("{SOURCE}sha256 = \"{sha}\"\n")
    )]));
}

#[test]
fn e013_archive_modified() {
    let sha = factcheck::check::sha256_hex(b"original text");
    insta::assert_snapshot!(check(&[
        ("sources/s1.toml", &format!("{SOURCE}sha256 = \"{sha}\"\n")),
        ("sources/s1.txt", "edited text")
    ]));
}

#[test]
fn e014_bad_date() {
    insta::assert_snapshot!(check(&[(
        "sources/s1.toml",
        &format!("{SOURCE}published = \"31/12/2019\"\n")
    )]));
}

#[test]
fn e015_min_over_max() {
    insta::assert_snapshot!(check(&[(
        "claims/c.toml",
        &casualty("min = 30\nmax = 20\n")
    )]));
}

#[test]
fn e016_not_utf8() {
    let ws = Ws::new();
    std::fs::write(
        ws.path().join("claims/c.toml"),
        b"kind = \"event\"\nevent = \"\xff\"\n",
    )
    .unwrap();
    let (code, out, _) = ws.out(&["check"]);
    insta::assert_snapshot!(format!("exit: {code}\n{out}"));
}

#[test]
fn e016_directory() {
    let ws = Ws::new();
    std::fs::create_dir(ws.path().join("claims/c.toml")).unwrap();
    let (code, out, _) = ws.out(&["check"]);
    insta::assert_snapshot!(format!("exit: {code}\n{out}"));
}

#[test]
fn e017_too_large() {
    let big = format!("{EVENT}# {}\n", "x".repeat(2000));
    insta::assert_snapshot!(check(&[
        ("factcheck.toml", "[workspace]\nmax_file_size = 1000\n"),
        ("claims/c.toml", &big)
    ]));
}

#[test]
fn w101_unsourced() {
    insta::assert_snapshot!(check(&[("claims/c.toml", EVENT)]));
}

#[test]
fn w102_unverifiable() {
    insta::assert_snapshot!(check(&[
        ("claims/c.toml", &format!("{EVENT}{LINKED}")),
        ("sources/s1.toml", SOURCE)
    ]));
}

#[test]
fn w103_revised_away() {
    insta::assert_snapshot!(check(&[
        ("claims/c.toml", &format!("{EVENT}{LINKED}")),
        ("sources/s1.toml", SOURCE),
        ("sources/s1.txt", "strikes killed 25 people"),
        ("sources/s2.toml", &format!("{SOURCE}revises = \"s1\"\n")),
        ("sources/s2.txt", "strikes killed 31 people"),
    ]));
}

#[test]
fn w104_interval_disagrees_with_policy() {
    insta::assert_snapshot!(check(&[(
        "claims/c.toml",
        &casualty("wording = \"at least 10\"\nmin = 10\nmax = 10\npolicy = \"default-v1\"\n")
    )]));
}

#[test]
fn w105_stray_file() {
    insta::assert_snapshot!(check(&[("claims/notes.md", "# notes\n")]));
}

#[test]
fn w106_no_sha() {
    insta::assert_snapshot!(check(&[
        ("sources/s1.toml", SOURCE),
        ("sources/s1.txt", "text")
    ]));
}

#[test]
fn every_problem_in_one_run_json() {
    let ws = Ws::new();
    ws.write("claims/a.toml", "kind = \"event\"\nevnt = \"e\"\n");
    ws.write(
        "claims/b.toml",
        &format!("{EVENT}\n[relations]\ncontradicts = [\"nope\"]\n"),
    );
    ws.write("sources/s.toml", "title = 3\n");
    let (code, out, _) = ws.out(&["check", "--format", "json"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn github_annotations_use_repository_paths() {
    let repo = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(repo.path())
        .status()
        .unwrap();
    assert!(status.success());
    let ws_dir = repo.path().join("desk");
    std::fs::create_dir(&ws_dir).unwrap();
    assert!(factcheck(&ws_dir, &["init", "."]).status.success());
    std::fs::write(
        ws_dir.join("claims/c.toml"),
        "kind = \"event\"\nevnt = \"e\"\nevent = \"e\"\nstatement = \"s\"\n",
    )
    .unwrap();
    let out = factcheck(&ws_dir, &["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn w107_leftover_temporary_file() {
    insta::assert_snapshot!(check(&[("claims/.factcheck-tmp-AbC123", EVENT)]));
}

#[test]
fn markdown_for_a_pull_request() {
    let ws = Ws::new();
    ws.write(
        "claims/c.toml",
        "kind = \"event\"\nevnt = \"e|x\"\nevent = \"e\"\nstatement = \"s\"\n",
    );
    let (code, out, _) = ws.out(&["check", "--format", "markdown"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}
