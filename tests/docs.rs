//! The documentation cannot drift from the tool: every diagnostic code is
//! documented with its registry summary, and the console examples of the
//! docs run (see tests/readme.rs for the README).

mod common;
use common::*;

#[test]
fn every_diagnostic_code_is_documented_as_registered() {
    let reference = std::fs::read_to_string(repo_root().join("docs/reference.md")).unwrap();
    for c in factcheck::check::codes::all() {
        let row = format!("| {} | {} | {} |", c.code, c.severity.as_str(), c.summary);
        assert!(
            reference.contains(&row),
            "docs/reference.md lacks the row:\n{row}"
        );
    }
}

#[test]
fn the_count_table_says_what_both_policies_read() {
    use factcheck::model::count::CountPolicy;
    let doc = std::fs::read_to_string(repo_root().join("docs/counts.md")).unwrap();
    let table = doc
        .split("| wording | default-v1 | default-v2 |\n|---|---|---|\n")
        .nth(1)
        .expect("the side-by-side table");
    let mut rows = 0;
    for line in table.lines().take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let wording = cells[0].trim_matches('`');
        for (p, want) in [(CountPolicy::v1(), cells[1]), (CountPolicy::v2(), cells[2])] {
            let got = match p.read(wording) {
                Ok(r) => r.interval.to_string(),
                Err(_) => "refused".into(),
            };
            assert_eq!(got, want, "{} reads {wording:?}", p.name);
        }
        rows += 1;
    }
    assert!(rows >= 50, "{rows} rows");
}

/// Runs the console examples of a document in one sandbox, in order (see
/// tests/readme.rs), with the given input files.
fn run_doc(doc: &str, inputs: &[(&str, &[u8])]) {
    let root = repo_root();
    let dir = tempfile::tempdir().unwrap();
    let name = std::path::Path::new(doc).file_name().unwrap();
    std::fs::copy(root.join(doc), dir.path().join(name)).unwrap();
    let stem = std::path::Path::new(name)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let input = dir.path().join(format!("{stem}.in"));
    std::fs::create_dir(&input).unwrap();
    for (file, bytes) in inputs {
        std::fs::write(input.join(file), bytes).unwrap();
    }
    std::fs::create_dir(dir.path().join(format!("{stem}.out"))).unwrap();
    std::fs::write(dir.path().join(format!("{stem}.out/.keep")), "").unwrap();
    trycmd::TestCases::new()
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .register_bin("factcheck", bin())
        .case(dir.path().join(name))
        .run();
    if std::env::var("TRYCMD").as_deref() == Ok("overwrite") {
        std::fs::copy(dir.path().join(name), root.join(doc)).unwrap();
    }
}

#[test]
fn guide_examples() {
    run_doc(
        "docs/guide.md",
        &[
            ("live-1.txt", include_bytes!("fixtures/docs/live-1.txt")),
            ("live-2.txt", include_bytes!("fixtures/docs/live-2.txt")),
            ("live-3.txt", include_bytes!("fixtures/docs/live-3.txt")),
        ],
    );
}
