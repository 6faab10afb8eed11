//! The README's console examples are run as tests (trycmd), so the README
//! cannot drift from what the tool does. They run in a fresh sandbox laid
//! out like the root of a clone, holding the files the tour uses.

use std::path::PathBuf;

#[test]
fn readme_examples() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("README.md"), dir.path().join("README.md")).unwrap();
    // The tour runs from the root of a clone: the files it uses, at the
    // same paths, and the sample's factcheck.toml (so `init --nested` sees
    // what it sees there).
    let input = dir.path().join("README.in");
    for rel in [
        "factcheck.toml",
        "sources/the-hill-2019-12-31.txt",
        "tests/fixtures/capture/article.html",
        "docs/tour/wire.txt",
    ] {
        let to = input.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(rel), to).unwrap();
    }
    // An empty README.out/ makes every block run in one sandbox, in order.
    std::fs::create_dir(dir.path().join("README.out")).unwrap();
    std::fs::write(dir.path().join("README.out/.keep"), "").unwrap();
    let cases = trycmd::TestCases::new();
    cases
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .register_bin("factcheck", PathBuf::from(env!("CARGO_BIN_EXE_factcheck")))
        .case(dir.path().join("README.md"));
    cases.run();
    // `TRYCMD=overwrite cargo test --test readme` refreshes the README's outputs.
    if std::env::var("TRYCMD").as_deref() == Ok("overwrite") {
        std::fs::copy(dir.path().join("README.md"), root.join("README.md")).unwrap();
    }
}
