//! One fixture per diagnostic: each case is a tiny workspace, `factcheck
//! check` runs on it, and the whole message is snapshotted.

mod common;
use common::*;

/// Every code in the registry, every fixture it declares: the code appears,
/// and the whole message is snapshotted (`codes__E011-1`). A code cannot be
/// emitted without being declared (a `Code` is needed to make a
/// diagnostic), and this test makes every declared code show up for real.
#[test]
fn every_code_appears_from_its_fixtures() {
    for code in factcheck::check::codes::all() {
        for (n, fixture) in code.fixtures.iter().enumerate() {
            let ws = build(fixture.steps);
            let (exit, out, err) = ws.out(&["check"]);
            assert!(
                out.contains(&format!("[{}]", code.code)),
                "{} fixture {n} does not produce it:\n{out}{err}",
                code.code
            );
            let expected_exit = if out.contains("error[") { 1 } else { 0 };
            assert_eq!(exit, expected_exit, "{out}");
            insta::assert_snapshot!(
                format!("{}-{}", code.code, n + 1),
                format!("exit: {exit}\n{out}{err}")
            );
        }
    }
}

/// Every `Code { ... }` declared in the sources is in the registry.
#[test]
fn no_code_exists_outside_the_registry() {
    let registered: Vec<&str> = factcheck::check::codes::all()
        .iter()
        .map(|c| c.code)
        .collect();
    let mut declared = Vec::new();
    let mut stack = vec![repo_root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                for (i, _) in text.match_indices(": Code = Code {") {
                    let after = &text[i..];
                    let code = after
                        .split("code: \"")
                        .nth(1)
                        .and_then(|r| r.split('"').next())
                        .unwrap();
                    declared.push(code.to_string());
                }
            }
        }
    }
    declared.sort();
    assert!(!declared.is_empty());
    for d in &declared {
        assert!(
            registered.contains(&d.as_str()),
            "{d} is declared but not registered"
        );
    }
    assert_eq!(
        declared.len(),
        registered.len(),
        "{declared:?} vs {registered:?}"
    );
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
