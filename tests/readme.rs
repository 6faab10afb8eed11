//! The README's console examples are run as tests (trycmd), so the README
//! cannot drift from what the tool does. They run in a fresh sandbox holding
//! `article.txt` (the sample's archived article), `wire.txt` (the tour's
//! second source, quoted in the README) and `saved-page.html` (the capture
//! fixture page).

use std::path::PathBuf;

#[test]
fn readme_examples() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("README.md"), dir.path().join("README.md")).unwrap();
    let input = dir.path().join("README.in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(
        root.join("sources/the-hill-2019-12-31.txt"),
        input.join("article.txt"),
    )
    .unwrap();
    // The second source of the tour, quoted in full in the README.
    std::fs::write(
        input.join("wire.txt"),
        "BAGHDAD (Wire) — Six U.S. service members were wounded in Friday's rocket attack, an Iraqi security official told the AP.\n",
    )
    .unwrap();
    std::fs::copy(
        root.join("tests/fixtures/capture/article.html"),
        input.join("saved-page.html"),
    )
    .unwrap();
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
