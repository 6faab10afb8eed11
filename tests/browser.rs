//! The HTML report in a real browser: headless Chromium loads the sample's
//! report, and the figures, bars and quote anchors must be in the rendered
//! DOM; hostile archive text must stay text; the page must request nothing.
//!
//! Chromium is found as `$FACTCHECK_CHROMIUM`, else `chromium`,
//! `chromium-headless-shell` or `google-chrome` on PATH (`.ci/run` installs
//! Debian's `chromium` when missing). Without it the tests say so and pass
//! locally; under CI (`CI` set) they fail, since there they must run.

mod common;

use common::Ws;
use common::http::{Reply, Server};
use dom_query::Document;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FACTCHECK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-headless-shell",
        "google-chrome",
        "chromium-browser",
    ] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium, or `None` after saying why the test does not run here.
fn browser() -> Option<PathBuf> {
    match chromium() {
        Some(p) => Some(p),
        None if std::env::var_os("CI").is_some() => {
            panic!("Chromium is required under CI: .ci/run installs Debian's chromium package")
        }
        None => {
            eprintln!(
                "skipped: no Chromium found (install Debian's chromium, or set FACTCHECK_CHROMIUM)"
            );
            None
        }
    }
}

/// Runs headless Chromium with `args` on `url`; returns stdout.
fn run(chrome: &Path, args: &[&str], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox", // tests run as root in CI
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .env("HOME", profile.path())
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_sample_report_renders_with_a_bar_per_account() {
    let Some(chrome) = browser() else { return };
    let ws = Ws::sample();
    let html = ws.ok(&["report", "--format", "html"]);
    let json: serde_json::Value =
        serde_json::from_str(&ws.ok(&["report", "--format", "json"])).unwrap();
    let page = ws.path().join("report.html");
    std::fs::write(&page, &html).unwrap();
    let url = format!("file://{}", page.display());
    let dom = run(&chrome, &["--dump-dom"], &url);
    let doc = Document::from(dom.as_str());

    let figures = json["figures"].as_array().unwrap();
    assert_eq!(doc.select("section.figure").length(), figures.len());
    let accounts: usize = figures
        .iter()
        .map(|f| f["accounts"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        doc.select("svg.chart g.bar").length(),
        accounts,
        "one bar per account"
    );
    for f in figures {
        for a in f["accounts"].as_array().unwrap() {
            let claim = a["claim"].as_str().unwrap();
            assert_eq!(
                doc.select(&format!("svg.chart g.bar[data-claim=\"{claim}\"]"))
                    .length(),
                1,
                "{claim}"
            );
        }
    }
    // Every quote link lands on an element of the page, and the passage is highlighted.
    let links = doc.select("a.src");
    assert!(links.length() >= accounts);
    for a in links.iter() {
        let href = a.attr("href").unwrap().to_string();
        let id = href.strip_prefix('#').expect("an in-page link");
        let target = doc.select(&format!("[id=\"{id}\"]"));
        assert_eq!(target.length(), 1, "{href} has no target");
        let is_mark = target.is("mark") || target.parent().is("mark");
        assert!(is_mark, "{href} is not a highlighted passage");
    }
    let sha = doc.select("code.hash").text();
    assert!(
        sha.contains("6d3abf2726d60a25c7ad1289f7b67d20e61c5f6a404cc33bb021ef50bab12ddb"),
        "{sha}"
    );
    // The verdicts are in words.
    assert!(doc.select("h3 .verdict").text().contains("consistent"));

    // A screenshot, kept under target/ as a CI artifact, and refreshed in
    // docs/ when asked (UPDATE_SCREENSHOT=1).
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&target).unwrap();
    let shot = target.join("report.png");
    run(
        &chrome,
        &[
            "--window-size=1000,2400",
            &format!("--screenshot={}", shot.display()),
        ],
        &url,
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/report.png");
        std::fs::copy(&shot, docs).unwrap();
    }
}

#[test]
fn the_page_requests_nothing_but_itself() {
    let Some(chrome) = browser() else { return };
    let ws = Ws::sample();
    let html = ws.ok(&["report", "--format", "html"]);
    let doc = Document::from(html.as_str());
    let csp = doc
        .select("meta[http-equiv=\"Content-Security-Policy\"]")
        .attr("content")
        .unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert_eq!(
        doc.select(
            "script, link[rel=stylesheet], img, iframe, object, embed, video, audio, source"
        )
        .length(),
        0
    );
    assert_eq!(doc.select("[src]").length(), 0, "no element loads anything");
    // Served over HTTP by the test, the page is the only request.
    let server = Server::start();
    server.route("/report.html", Reply::html(html));
    run(&chrome, &["--dump-dom"], &server.url("/report.html"));
    let hits: Vec<String> = server
        .hits()
        .into_iter()
        .filter(|h| h != "/favicon.ico")
        .collect();
    assert_eq!(hits, ["/report.html"]);
}

#[test]
fn hostile_archive_text_stays_text() {
    let Some(chrome) = browser() else { return };
    let ws = Ws::new();
    let hostile = "Officials said \"four\" were hurt. <script>document.title='owned'</script> </svg><img src=x onerror=alert(1)> \u{202E}evil\u{202C} and 'single' quotes & ampersands.\n";
    ws.write("a.txt", hostile);
    ws.ok(&[
        "source",
        "add",
        "evil",
        "--title",
        "<b>Bold</b> title",
        "--publisher",
        "Wire</td>",
        "--text-file",
        "a.txt",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "hurt",
        "--kind",
        "casualty",
        "--event",
        "e",
        "--category",
        "injured",
        "--group",
        "people",
        "--count",
        "four",
        "--statement",
        "<i>Four</i> hurt",
    ]);
    ws.ok(&[
        "link",
        "hurt",
        "evil",
        "--quote",
        "Officials said \"four\" were hurt. <script>document.title='owned'</script>",
    ]);
    let html = ws.ok(&["report", "--format", "html"]);
    assert!(!html.contains("<script>"), "escaped in the file");
    let page = ws.path().join("r.html");
    std::fs::write(&page, &html).unwrap();
    let dom = run(
        &chrome,
        &["--dump-dom"],
        &format!("file://{}", page.display()),
    );
    let doc = Document::from(dom.as_str());
    assert_eq!(
        doc.select("script, img, b, i").length(),
        0,
        "no markup from the data:\n{dom}"
    );
    assert_eq!(
        doc.select("head > title").text().to_string(),
        "factcheck report"
    );
    let text = doc.select("body").text().to_string();
    for shown in [
        "<script>document.title='owned'</script>",
        "<img src=x onerror=alert(1)>",
        "<b>Bold</b> title",
        "Wire</td>",
        "& ampersands",
    ] {
        assert!(text.contains(shown), "{shown:?} not shown as text");
    }
    assert!(
        doc.select("mark#q-hurt-0").text().contains("<script>"),
        "the quote is highlighted as text"
    );
    assert!(
        !text.contains('\u{202E}'),
        "bidirectional overrides are removed"
    );
    // The charts survived the hostile names.
    assert_eq!(doc.select("svg.chart g.bar").length(), 1);
}
