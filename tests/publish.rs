//! Outputs for people who do not run the tool: CSV (one row per item, RFC
//! 4180, formula-safe) and the HTML page's structure and escaping (the
//! browser test renders it for real).

mod common;

use common::Ws;
use serde_json::Value;

fn rows(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_reader(csv_text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let body = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, body)
}

#[test]
fn report_csv_has_one_row_per_account() {
    let ws = Ws::sample();
    let csv_text = ws.ok(&["report", "--format", "csv"]);
    assert!(csv_text.contains("\r\n"), "RFC 4180 line ends");
    let (header, body) = rows(&csv_text);
    assert_eq!(
        header,
        [
            "event",
            "category",
            "group",
            "figure_status",
            "claim",
            "wording",
            "min",
            "max",
            "best",
            "standing",
            "origins",
            "sources",
            "time",
            "quote"
        ]
    );
    let json: Value = serde_json::from_str(&ws.ok(&["report", "--format", "json"])).unwrap();
    let accounts: Vec<&Value> = json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["accounts"].as_array().unwrap())
        .collect();
    assert_eq!(body.len(), accounts.len());
    for (row, acc) in body.iter().zip(&accounts) {
        assert_eq!(row[4], acc["claim"].as_str().unwrap());
        assert_eq!(row[6], acc["min"].to_string());
        // An open maximum is an empty cell.
        let max = if acc["max"].is_null() {
            String::new()
        } else {
            acc["max"].to_string()
        };
        assert_eq!(row[7], max);
    }
    insta::assert_snapshot!("sample_report_csv", csv_text);
}

#[test]
fn every_table_has_csv_with_an_id_column_first() {
    let ws = Ws::sample();
    for (args, first, key) in [
        (vec!["list"], "id", "claims"),
        (vec!["source", "list"], "id", "sources"),
        (vec!["entity", "list"], "id", "entities"),
    ] {
        let mut csv_args = args.clone();
        csv_args.extend(["--format", "csv"]);
        let (header, body) = rows(&ws.ok(&csv_args));
        assert_eq!(header[0], first, "{args:?}");
        let mut json_args = args.clone();
        json_args.extend(["--format", "json"]);
        let v: Value = serde_json::from_str(&ws.ok(&json_args)).unwrap();
        let items = v[key].as_array().unwrap();
        assert_eq!(body.len(), items.len(), "{args:?}");
        for (row, item) in body.iter().zip(items) {
            assert_eq!(row[0], item["id"].as_str().unwrap(), "{args:?}");
        }
    }
    let (header, body) = rows(&ws.ok(&["timeline", "--format", "csv"]));
    assert_eq!(header[0], "claim");
    let v: Value = serde_json::from_str(&ws.ok(&["timeline", "--format", "json"])).unwrap();
    let versions: usize = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["versions"].as_array().unwrap().len())
        .sum();
    assert_eq!(body.len(), versions);
}

#[test]
fn cells_that_a_spreadsheet_would_run_are_defused() {
    let ws = Ws::new();
    ws.write(
        "a.txt",
        "=HYPERLINK(\"http://evil.example\",\"25\") said 25 people were killed.\n",
    );
    ws.ok(&[
        "source",
        "add",
        "s",
        "--title",
        "@SUM(A1)",
        "--publisher",
        "+Wire",
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
        "people",
        "--count",
        "25",
        "--statement=-25 killed",
        "--asserted-by",
        "=cmd|' /C calc'!A0",
    ]);
    ws.ok(&[
        "link",
        "c",
        "s",
        "--quote",
        "=HYPERLINK(\"http://evil.example\",\"25\") said 25 people were killed",
    ]);
    for args in [
        vec!["report", "--format", "csv"],
        vec!["list", "--format", "csv"],
        vec!["source", "list", "--format", "csv"],
        vec!["timeline", "--format", "csv"],
    ] {
        let (_, body) = rows(&ws.ok(&args));
        for row in &body {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{args:?}: {cell:?} would run as a formula"
                );
            }
        }
    }
    let (_, body) = rows(&ws.ok(&["list", "--format", "csv"]));
    assert!(
        body[0].contains(&"'-25 killed".to_string()),
        "{:?}",
        body[0]
    );
    assert!(
        body[0].contains(&"'=cmd|' /C calc'!A0".to_string()),
        "{:?}",
        body[0]
    );
}

#[test]
fn skipped_files_are_named_in_csv_and_html_too() {
    let ws = Ws::sample();
    ws.write("claims/broken.toml", "kind = \"casualty\nevent = 1\n");
    for args in [
        vec!["report", "--format", "csv"],
        vec!["list", "--format", "csv"],
        vec!["timeline", "--format", "csv"],
        vec!["source", "list", "--format", "csv"],
        vec!["entity", "list", "--format", "csv"],
        vec!["export", "claimreview"],
    ] {
        let (code, out, err) = ws.out(&args);
        assert_eq!(code, 0, "{args:?}");
        assert!(err.contains("claims/broken.toml:1:"), "{args:?}: {err}");
        assert!(!out.contains("broken"), "the data stays clean: {args:?}");
        let mut strict = args.clone();
        strict.push("--strict");
        assert_eq!(ws.out(&strict).0, 1, "{strict:?}");
    }
    let html = ws.ok(&["report", "--format", "html"]);
    assert!(
        html.contains("<aside class=\"skipped\" role=\"alert\">"),
        "{html}"
    );
    assert!(html.contains("claims/broken.toml:1:"));
    assert_eq!(ws.out(&["report", "--format", "html", "--strict"]).0, 1);
}

#[test]
fn html_is_self_contained_and_escaped() {
    let ws = Ws::sample();
    let html = ws.ok(&["report", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"));
    for forbidden in [
        "<script",
        "<link rel=\"stylesheet\"",
        "<img",
        "src=\"",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    // Every quote link has its target.
    let doc = dom_query::Document::from(html.as_str());
    for a in doc.select("a.src").iter() {
        let id = a.attr("href").unwrap().trim_start_matches('#').to_string();
        assert_eq!(doc.select(&format!("[id=\"{id}\"]")).length(), 1, "{id}");
    }
    // Revised and superseded accounts are faded, in the chart and the table.
    let many = Ws::new();
    many.write(
        "a.txt",
        "The ministry said 10 people were killed. Later the ministry said 14 people were killed.\n",
    );
    many.ok(&[
        "source",
        "add",
        "m",
        "--title",
        "t",
        "--publisher",
        "Ministry",
        "--text-file",
        "a.txt",
    ]);
    for (id, n, date) in [("m1", "10", "2020-01-01"), ("m2", "14", "2020-01-02")] {
        many.ok(&[
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
            n,
            "--statement",
            "s",
            "--date",
            date,
            "--asserted-by",
            "Ministry",
        ]);
        many.ok(&[
            "link",
            id,
            "m",
            "--quote",
            &format!("ministry said {n} people were killed"),
        ]);
    }
    let html = many.ok(&["report", "--format", "html"]);
    let doc = dom_query::Document::from(html.as_str());
    assert_eq!(
        doc.select("g.bar.revised[data-claim=m1]").length(),
        1,
        "{html}"
    );
    assert_eq!(doc.select("g.bar.active[data-claim=m2]").length(), 1);
    assert_eq!(doc.select("tr.revised#acc-m1").length(), 1);
    // The same quote twice in one archive: two anchors on one highlight.
    assert_eq!(doc.select("mark").length(), 2);
}
