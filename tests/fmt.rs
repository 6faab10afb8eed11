//! `factcheck fmt`: canonical layout, comments kept, idempotent.

mod common;
use common::*;

#[test]
fn fmt_rewrites_into_canonical_layout_keeping_comments() {
    let ws = Ws::new();
    // Keys after [relations] belong to it in TOML, so build a file that is valid.
    let messy = "# Checked by the desk, 2020-03-12\nstatement   =   \"The attack killed 15 people.\"\nmax=15\nmin = 15 # lower bound\ngroup = \"people\"\n# who counts\ncategory = \"killed\"\nevent = \"e\"\nkind = \"casualty\"\n\n\n[[evidence]]\nquote = \"killing 15 people\"\n# the wire copy\nsource = \"s1\"\n[relations]\ncorroborates = [\"other\"]\n";
    ws.write("claims/c.toml", messy);
    let (code, out, _) = ws.out(&["fmt", "--check"]);
    assert_eq!(code, 1);
    assert_eq!(out, "would reformat claims/c.toml\n");
    assert_eq!(ws.read("claims/c.toml"), messy, "--check changed the file");
    assert_eq!(ws.ok(&["fmt"]), "formatted claims/c.toml\n");
    insta::assert_snapshot!(ws.read("claims/c.toml"));
    // Twice changes nothing.
    assert_eq!(
        ws.ok(&["fmt"]),
        "fmt: every record is in canonical layout\n"
    );
    let (code, _, _) = ws.out(&["fmt", "--check"]);
    assert_eq!(code, 0);
}

#[test]
fn fmt_leaves_tool_written_records_alone() {
    let ws = Ws::copy_of(&repo_root().join("tests/fixtures/multi"));
    assert_eq!(
        ws.ok(&["fmt", "--check"]),
        "fmt: every record is in canonical layout\n"
    );
    let sample = Ws::copy_of(&repo_root());
    let (code, out, _) = sample.out(&["fmt", "--check"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn fmt_names_broken_files_and_formats_the_rest() {
    let ws = Ws::new();
    ws.write("claims/bad.toml", "kind = ");
    ws.write(
        "claims/ok.toml",
        "statement = \"s\"\nevent = \"e\"\nkind = \"event\"\n",
    );
    let (code, out, err) = ws.out(&["fmt"]);
    assert_eq!(code, 1);
    assert!(out.contains("formatted claims/ok.toml"), "{out}");
    assert!(err.contains("skipped claims/bad.toml"), "{err}");
    assert_eq!(ws.read("claims/bad.toml"), "kind = ");
}

#[test]
fn fmt_takes_paths() {
    let ws = Ws::new();
    ws.write(
        "claims/a.toml",
        "statement = \"s\"\nevent = \"e\"\nkind = \"event\"\n",
    );
    ws.write(
        "claims/b.toml",
        "statement = \"s\"\nevent = \"e\"\nkind = \"event\"\n",
    );
    assert_eq!(
        ws.ok(&["fmt", "claims/a.toml"]),
        "formatted claims/a.toml\n"
    );
    assert!(ws.read("claims/b.toml").starts_with("statement"));
    let (code, _, err) = ws.out(&["fmt", "factcheck.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a record"), "{err}");
}
