//! How well capture extracts articles: measured on Mozilla Readability's
//! test pages (../shared/data/readability, read in place, never copied),
//! against the article text and metadata Readability.js expects.
//!
//! Prints a table per page and the means; fails if they fall below the
//! figures the README reports.

use factcheck::capture;
use std::collections::HashMap;
use std::path::PathBuf;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/readability");
    dir.is_dir().then_some(dir)
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_lowercase()).or_default() += 1;
    }
    m
}

/// Word-level precision and recall of `ours` against `expected` (multisets).
fn precision_recall(ours: &str, expected: &str) -> (f64, f64) {
    let (a, b) = (words(ours), words(expected));
    let overlap: usize = a
        .iter()
        .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
        .sum();
    let total = |m: &HashMap<String, usize>| m.values().sum::<usize>().max(1) as f64;
    (overlap as f64 / total(&a), overlap as f64 / total(&b))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn extraction_quality_on_readability_test_pages() {
    let Some(dir) = corpus() else {
        eprintln!(
            "skipped: ../shared/data/readability is absent (the corpus is read in place, never copied)"
        );
        return;
    };
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("source.html").is_file())
        .collect();
    pages.sort();
    assert!(
        pages.len() >= 20,
        "expected the 30-page corpus, found {}",
        pages.len()
    );
    let (mut p_sum, mut r_sum) = (0.0, 0.0);
    let (mut titles, mut dated, mut dates_ok, mut undated_guessed) = (0, 0, 0, 0);
    let mut rows = Vec::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let html = std::fs::read(page.join("source.html")).unwrap();
        let expected_html = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let meta: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(page.join("expected-metadata.json")).unwrap(),
        )
        .unwrap();
        let expected = dom_query::Document::from(expected_html.as_str())
            .select("body")
            .text()
            .to_string();
        let got = capture::from_file(&html, Some("http://fakehost/test/page.html"), &name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let (p, r) = precision_recall(&got.text, &expected);
        p_sum += p;
        r_sum += r;
        let title_ok = meta["title"].as_str().is_some_and(|t| {
            got.meta
                .title
                .as_deref()
                .is_some_and(|g| squash(g) == squash(t))
        });
        titles += usize::from(title_ok);
        let date = match meta["publishedTime"].as_str() {
            Some(want) => {
                dated += 1;
                let want = factcheck::model::time::Timestamp::lenient(want);
                let ok =
                    got.meta.published().map(|(t, _)| t).is_some_and(|t| {
                        want.as_ref().is_some_and(|w| t.utc_date() == w.utc_date())
                    });
                dates_ok += usize::from(ok);
                if ok { "ok" } else { "MISSED" }
            }
            None => {
                undated_guessed += usize::from(got.meta.published().is_some());
                "-"
            }
        };
        rows.push(format!(
            "| {name} | {p:.3} | {r:.3} | {} | {date} |",
            if title_ok { "ok" } else { "differs" }
        ));
    }
    let n = pages.len() as f64;
    let (mp, mr) = (p_sum / n, r_sum / n);
    eprintln!("| page | precision | recall | title | date |\n|---|---|---|---|---|");
    for r in &rows {
        eprintln!("{r}");
    }
    eprintln!(
        "\n{} pages: mean word precision {mp:.3}, mean word recall {mr:.3}; titles equal to Readability.js's: {titles}/{}; publication date found on {dates_ok}/{dated} pages that declare one; a date found on {undated_guessed} pages where Readability.js reports none",
        pages.len(),
        pages.len()
    );
    // The floor under the figures the README reports.
    assert!(mp >= 0.98, "mean precision {mp:.3}");
    assert!(mr >= 0.98, "mean recall {mr:.3}");
    assert!(titles + 2 >= pages.len(), "titles {titles}/{}", pages.len());
    assert_eq!(dates_ok, dated, "publication dates found");
}
