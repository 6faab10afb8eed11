//! Capture from the web (`source add --fetch`, `--html-file`) and `source
//! recheck`, against a real HTTP server this test starts on 127.0.0.1.

mod common;

use common::Ws;
use common::http::{Reply, Server};
use std::time::Duration;

const ARTICLE: &[u8] = include_bytes!("fixtures/capture/article.html");
const EDITED: &[u8] = include_bytes!("fixtures/capture/article-edited.html");
const ARABIC: &[u8] = include_bytes!("fixtures/capture/arabic-windows-1256.html");

/// A workspace with small capture limits, so the limit cases are quick.
fn workspace() -> Ws {
    let ws = Ws::new();
    let cfg = ws
        .read("factcheck.toml")
        .replace("timeout_s = 30", "timeout_s = 2")
        .replace("max_bytes = 16777216", "max_bytes = 65536")
        .replace("max_redirects = 10", "max_redirects = 3");
    assert!(cfg.contains("timeout_s = 2") && cfg.contains("max_bytes = 65536"));
    ws.write("factcheck.toml", &cfg);
    ws
}

/// The workspace's files, to show a refusal left nothing behind.
fn files(ws: &Ws) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(ws.path().join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn fetch(ws: &Ws, id: &str, url: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["source", "add", id, "--url", url, "--fetch"];
    args.extend_from_slice(extra);
    ws.out(&args)
}

#[test]
fn captures_a_news_article_with_its_metadata() {
    let server = Server::start();
    server.route(
        "/world/halden",
        Reply::html(ARTICLE).header("ETag", "\"v1\""),
    );
    let ws = workspace();
    let (code, out, err) = fetch(&ws, "meridian", &server.url("/world/halden"), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("created sources/meridian.toml, sources/meridian.txt"),
        "{out}"
    );
    assert!(
        out.contains("and sources/meridian.html (the page as received)"),
        "{out}"
    );
    assert!(
        out.contains("title      Rocket attack wounds four at Camp Halden  (from the page)"),
        "{out}"
    );
    assert!(
        out.contains("publisher  The Daily Meridian  (from the page)"),
        "{out}"
    );
    assert!(
        out.contains("published  2031-03-04T06:30:00Z  (from json-ld datePublished)"),
        "{out}"
    );

    let record = ws.read("sources/meridian.toml");
    // The canonical URL, made absolute against the page's own address.
    assert!(
        record.contains(&format!(
            "url = \"{}\"",
            server.url("/world/2031/03/04/camp-halden-attack")
        )),
        "{record}"
    );
    for line in [
        "[capture]",
        &format!("requested_url = \"{}\"", server.url("/world/halden")),
        "status = 200",
        "content_type = \"text/html; charset=utf-8\"",
        "etag = '\"v1\"'",
        "{ value = \"2031-03-04T06:30:00Z\", from = \"json-ld datePublished\" }",
        "{ value = \"2031-03-04T09:30:00+03:00\", from = \"meta article:published_time\" }",
        "{ value = \"2031-03-04T12:05:00+03:00\", from = \"meta article:modified_time\" }",
        "tool = \"factcheck ",
    ] {
        assert!(record.contains(line), "missing {line:?} in\n{record}");
    }
    // The raw page is kept byte for byte, its hash recorded.
    assert_eq!(
        std::fs::read(ws.path().join("sources/meridian.html")).unwrap(),
        ARTICLE
    );
    let text = ws.read("sources/meridian.txt");
    // Readable text: markup gone, entities decoded, paragraphs kept;
    // navigation, ads, scripts and footers left out.
    assert!(
        text.contains("The Northern Front said it \"had no part\" in the attack"),
        "{text}"
    );
    assert!(
        text.contains("reporters.\n\nThe spokesperson said"),
        "{text}"
    );
    for junk in [
        "Advertisement",
        "Privacy",
        "killed 99",
        "Markets fall",
        "display: none",
        "<",
    ] {
        assert!(!text.contains(junk), "{junk:?} in\n{text}");
    }
    // A quote written as a reader sees it links, with no markup in it.
    ws.ok(&[
        "claim",
        "add",
        "nf-denies",
        "--kind",
        "denial",
        "--event",
        "halden",
        "--statement",
        "The Northern Front denies the attack",
        "--asserted-by",
        "Northern Front",
        "--actor",
        "Northern Front",
    ]);
    ws.ok(&[
        "link",
        "nf-denies",
        "meridian",
        "--quote",
        "The Northern Front said it \"had no part\" in the attack",
    ]);
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn follows_redirects_and_records_each_hop() {
    let server = Server::start();
    server
        .route("/old", Reply::redirect(301, "/r2"))
        .route("/r2", Reply::redirect(302, &server.url("/article")))
        .route("/article", Reply::html(ARTICLE));
    let ws = workspace();
    let (code, out, err) = fetch(&ws, "s", &server.url("/old"), &[]);
    assert_eq!(code, 0, "{out}{err}");
    let record = ws.read("sources/s.toml");
    assert!(
        record.contains(&format!(
            "redirects = [\n  {{ url = \"{}\", status = 301 }},\n  {{ url = \"{}\", status = 302 }},\n]",
            server.url("/old"),
            server.url("/r2")
        )),
        "{record}"
    );
    assert!(
        record.contains(&format!("final_url = \"{}\"", server.url("/article"))),
        "{record}"
    );
    assert!(
        out.contains(&format!("redirect   {} (301)", server.url("/old"))),
        "{out}"
    );
}

#[test]
fn refusals_exit_2_when_the_fetch_stopped_and_write_nothing() {
    let server = Server::start();
    let big = format!(
        "<html><body><p>{}</p></body></html>",
        "word ".repeat(20_000)
    );
    server
        .route("/loop-a", Reply::redirect(302, "/loop-b"))
        .route("/loop-b", Reply::redirect(302, "/loop-a"))
        .route("/h1", Reply::redirect(302, "/h2"))
        .route("/h2", Reply::redirect(302, "/h3"))
        .route("/h3", Reply::redirect(302, "/h4"))
        .route("/h4", Reply::redirect(302, "/h5"))
        .route("/h5", Reply::html(ARTICLE))
        .route("/to-ftp", Reply::redirect(302, "ftp://127.0.0.1/file"))
        .route(
            "/slow",
            Reply {
                delay: Duration::from_secs(4),
                ..Reply::html(ARTICLE)
            },
        )
        .route("/huge", Reply::html(big.clone()))
        .route(
            "/huge-no_length",
            Reply {
                no_length: true,
                ..Reply::html(big)
            },
        );
    let ws = workspace();
    let before = files(&ws);
    let cases: [(&str, &str); 6] = [
        ("/loop-a", "redirect loop"),
        ("/h1", "too many redirects (more than 3)"),
        ("/to-ftp", "only http and https"),
        ("/slow", "did not arrive within 2 s"),
        ("/huge", "larger than the capture limit of 65536 bytes"),
        (
            "/huge-no_length",
            "larger than the capture limit of 65536 bytes",
        ),
    ];
    for (path, why) in cases {
        let (code, out, err) = fetch(&ws, "s", &server.url(path), &[]);
        assert_eq!(code, 2, "{path}: {out}{err}");
        assert!(err.contains(why), "{path}: {err}");
        assert!(
            err.contains("nothing was written") || path == "/to-ftp",
            "{path}: {err}"
        );
        assert_eq!(files(&ws), before, "{path} left files behind");
    }
    // Nothing listens on this port (it was bound and released).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (code, _, err) = fetch(&ws, "s", &format!("http://127.0.0.1:{port}/"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("could not reach 127.0.0.1"), "{err}");
    for url in ["ftp://127.0.0.1/x", "file:///etc/passwd"] {
        let (code, _, err) = fetch(&ws, "s", url, &[]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("only http and https"), "{err}");
    }
    assert_eq!(files(&ws), before);
}

#[test]
fn credentials_in_the_url_are_refused_never_sent_or_printed() {
    let server = Server::start();
    server.route("/article", Reply::html(ARTICLE));
    let ws = workspace();
    let url = format!("http://reporter:hunter2@{}/article", server.addr);
    let (code, out, err) = fetch(&ws, "s", &url, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("user name or password"), "{err}");
    assert!(
        !out.contains("hunter2") && !err.contains("hunter2"),
        "{out}{err}"
    );
    assert!(
        server.hits().is_empty(),
        "a request was sent: {:?}",
        server.hits()
    );
    // Nor through a redirect.
    server.route("/leak", Reply::redirect(302, &url));
    let (code, _, err) = fetch(&ws, "s", &server.url("/leak"), &[]);
    assert_eq!(code, 2);
    assert!(!err.contains("hunter2"), "{err}");
    assert_eq!(server.hits(), ["/leak"]);
    assert_eq!(files(&ws), [".gitkeep"]);
}

#[test]
fn pages_found_wanting_exit_1_and_write_nothing() {
    let server = Server::start();
    server
        .route("/missing", Reply::html("<html><body><h1>Not found</h1><p>This page has gone.</p></body></html>").status(404))
        .route("/report.pdf", Reply::ok("application/pdf", b"%PDF-1.7\n%...".to_vec()))
        .route("/photo", Reply::ok("image/png", b"\x89PNG\r\n\x1a\n....".to_vec()))
        .route("/mislabelled", Reply::ok("application/octet-stream", b"%PDF-1.4 ...".to_vec()))
        .route("/empty", Reply::html("<html><head><title>Live</title><script>load()</script></head><body><nav><a href=/>Home</a></nav></body></html>"));
    let ws = workspace();
    let cases = [
        ("/missing", "answered 404 Not Found"),
        ("/report.pdf", "is a PDF, not a web page"),
        ("/photo", "is an image (image/png)"),
        ("/mislabelled", "is a PDF"),
        ("/empty", "no readable text found"),
    ];
    for (path, why) in cases {
        let (code, out, err) = fetch(&ws, "s", &server.url(path), &[]);
        assert_eq!(code, 1, "{path}: {out}{err}");
        assert!(err.contains(why), "{path}: {err}");
        assert_eq!(files(&ws), [".gitkeep"], "{path}");
    }
    let (_, _, err) = fetch(&ws, "s", &server.url("/empty"), &[]);
    assert!(err.contains("--text-file"), "{err}");
    // --allow-status archives an error page, its status recorded.
    let (code, out, err) = fetch(
        &ws,
        "gone",
        &server.url("/missing"),
        &["--title", "Gone", "--publisher", "P", "--allow-status"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(ws.read("sources/gone.toml").contains("status = 404"));
    assert!(
        out.contains("status     404 (archived with --allow-status)"),
        "{out}"
    );
}

#[test]
fn plain_text_is_archived_as_text() {
    let server = Server::start();
    server.route(
        "/wire.txt",
        Reply::ok(
            "text/plain; charset=utf-8",
            "BAGHDAD (Wire) - Four people were killed.\n\nMore follows.\n",
        ),
    );
    let ws = workspace();
    let (code, out, err) = fetch(
        &ws,
        "wire",
        &server.url("/wire.txt"),
        &["--title", "Wire", "--publisher", "Wire"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        ws.read("sources/wire.txt"),
        "BAGHDAD (Wire) - Four people were killed.\n\nMore follows.\n"
    );
    assert!(!ws.path().join("sources/wire.html").exists());
}

#[test]
fn decodes_windows_1256_from_meta_or_header() {
    let server = Server::start();
    server
        .route("/ar-meta", Reply::ok("text/html", ARABIC))
        .route(
            "/ar-header",
            Reply::ok("text/html; charset=windows-1256", ARABIC),
        );
    let ws = workspace();
    for (id, path) in [("ar1", "/ar-meta"), ("ar2", "/ar-header")] {
        let (code, out, err) = fetch(&ws, id, &server.url(path), &[]);
        assert_eq!(code, 0, "{out}{err}");
        let text = ws.read(&format!("sources/{id}.txt"));
        assert!(text.contains("إن أربعة جنود أصيبوا في الهجوم"), "{text}");
        assert!(!text.contains('\u{FFFD}'), "{text}");
        let record = ws.read(&format!("sources/{id}.toml"));
        assert!(record.contains("publisher = \"صحيفة المدار\""), "{record}");
        assert!(record.contains("language = \"ar\""), "{record}");
    }
    // An Arabic quote links against the decoded text.
    ws.ok(&[
        "claim",
        "add",
        "ar-wounded",
        "--kind",
        "casualty",
        "--event",
        "halden",
        "--category",
        "injured",
        "--group",
        "soldiers",
        "--count",
        "4",
        "--statement",
        "Four soldiers wounded",
    ]);
    ws.ok(&["link", "ar-wounded", "ar1", "--quote", "أربعة جنود أصيبوا"]);
}

#[test]
fn a_saved_page_is_captured_without_the_network() {
    let ws = workspace();
    ws.write("saved.html", std::str::from_utf8(ARTICLE).unwrap());
    let out = ws.ok(&[
        "source",
        "add",
        "saved",
        "--html-file",
        "saved.html",
        "--url",
        "https://meridian.example/x",
        "--publisher",
        "Daily Meridian",
    ]);
    assert!(
        out.contains("publisher  Daily Meridian\n"),
        "the command line wins: {out}"
    );
    let record = ws.read("sources/saved.toml");
    assert!(
        record.contains("url = \"https://meridian.example/world/2031/03/04/camp-halden-attack\""),
        "{record}"
    );
    assert!(
        record.contains("final_url = \"https://meridian.example/x\""),
        "{record}"
    );
    assert!(!record.contains("requested_url"), "{record}");
    // Malformed markup is read as a browser would, never an error.
    ws.write("broken.html", "<html><title>Broken</title><p>Four <b>killed<p>Six <i>wounded</b> near</html> the gate <div");
    let out = ws.ok(&[
        "source",
        "add",
        "broken",
        "--html-file",
        "broken.html",
        "--publisher",
        "P",
    ]);
    assert!(out.contains("title      Broken  (from the page)"), "{out}");
    assert!(
        ws.read("sources/broken.txt")
            .contains("Six wounded near the gate")
    );
    // A page naming no publisher needs --publisher: no guess from the host.
    let (code, _, err) = ws.out(&["source", "add", "nopub", "--html-file", "broken.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("does not name its publisher"), "{err}");
    assert!(!ws.path().join("sources/nopub.toml").exists());
    // A taken id costs nothing.
    let (code, _, err) = ws.out(&["source", "add", "saved", "--html-file", "saved.html"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn recheck_catches_a_figure_edited_after_publication() {
    let server = Server::start();
    server.route("/world/halden", Reply::html(ARTICLE));
    let ws = workspace();
    let (code, out, err) = fetch(&ws, "meridian", &server.url("/world/halden"), &[]);
    assert_eq!(code, 0, "{out}{err}");
    ws.ok(&[
        "claim",
        "add",
        "halden-wounded",
        "--kind",
        "casualty",
        "--event",
        "halden",
        "--category",
        "injured",
        "--group",
        "us-service-members",
        "--count",
        "four",
        "--statement",
        "Four U.S. service members wounded",
    ]);
    ws.ok(&[
        "link",
        "halden-wounded",
        "meridian",
        "--quote",
        "four U.S. service members were wounded in the attack",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "halden-rockets",
        "--kind",
        "event",
        "--event",
        "halden",
        "--statement",
        "The rockets were fired from an orchard",
    ]);
    ws.ok(&[
        "link",
        "halden-rockets",
        "meridian",
        "--quote",
        "fired from an orchard about eight kilometres west of the camp",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "halden-ministry",
        "--kind",
        "event",
        "--event",
        "halden",
        "--statement",
        "The ministry opened an investigation",
    ]);
    ws.ok(&[
        "link",
        "halden-ministry",
        "meridian",
        "--quote",
        "The defence ministry said it had opened an investigation",
    ]);

    // Unchanged page: every quote still matches, exit 0.
    let (code, out, _) = ws.out(&["source", "recheck", "meridian"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("the text is unchanged"), "{out}");
    assert!(
        out.contains("all 3 linked quote(s) still match the page"),
        "{out}"
    );

    // The site edits the figure without a correction note, and drops a paragraph.
    let edited = String::from_utf8(EDITED.to_vec())
        .unwrap()
        .replace("<p>The defence ministry said it had opened an investigation and would &quot;hold those responsible to account&quot;.</p>", "");
    server.route("/world/halden", Reply::html(edited));
    let (code, out, err) = ws.out(&["source", "recheck", "meridian"]);
    assert_eq!(code, 1, "{out}{err}");
    insta::assert_snapshot!(
        "recheck_text",
        out.replace(&server.addr.to_string(), "127.0.0.1:PORT")
    );

    let (code, json, _) = ws.out(&["source", "recheck", "meridian", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "factcheck/source-recheck/v1");
    assert_eq!(v["changed"], true);
    let q = &v["quotes"];
    let by_claim = |id: &str| {
        q.as_array()
            .unwrap()
            .iter()
            .find(|x| x["claim"] == id)
            .unwrap()
            .clone()
    };
    let w = by_claim("halden-wounded");
    assert_eq!(w["result"], "changed");
    assert_eq!(
        w["closest"],
        "six U.S. service members were wounded in the attack"
    );
    assert_eq!(
        w["count_before"],
        serde_json::json!({"wording": "four", "min": 4, "max": 4})
    );
    assert_eq!(
        w["count_after"],
        serde_json::json!({"wording": "six", "min": 6, "max": 6})
    );
    assert_eq!(by_claim("halden-rockets")["result"], "unchanged");
    assert_eq!(
        by_claim("halden-rockets")["closest"],
        serde_json::Value::Null
    );
    assert_eq!(by_claim("halden-ministry")["result"], "gone");
    assert_eq!(v["saved"], serde_json::Value::Null);

    // Nothing in the workspace changed; --save keeps the new capture.
    assert!(
        ws.read("sources/meridian.txt")
            .contains("four U.S. service members")
    );
    let (code, out, _) = ws.out(&["source", "recheck", "meridian", "--save", "meridian-v2"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("saved the new capture as sources/meridian-v2.toml (revises meridian)"),
        "{out}"
    );
    let v2 = ws.read("sources/meridian-v2.toml");
    assert!(v2.contains("revises = \"meridian\""), "{v2}");
    assert!(
        ws.read("sources/meridian-v2.txt")
            .contains("six U.S. service members")
    );
    let (code, diff, _) = ws.out(&["source", "diff", "meridian", "meridian-v2"]);
    assert_eq!(code, 0);
    assert!(diff.contains("[-four-]{+six+}"), "{diff}");
    assert!(diff.contains("[-a dozen-]{+14+}"), "{diff}");

    // The page is then taken down.
    server.route("/world/halden", Reply::html("<p>Not found</p>").status(404));
    let (code, _, err) = ws.out(&["source", "recheck", "meridian"]);
    assert_eq!(code, 1);
    assert!(err.contains("now answers 404"), "{err}");
}

#[test]
fn recheck_needs_a_url_and_a_known_source() {
    let ws = workspace();
    ws.write("a.txt", "text\n");
    ws.ok(&[
        "source",
        "add",
        "s",
        "--title",
        "t",
        "--publisher",
        "p",
        "--text-file",
        "a.txt",
    ]);
    let (code, _, err) = ws.out(&["source", "recheck", "s"]);
    assert_eq!(code, 2);
    assert!(err.contains("has no URL to fetch again"), "{err}");
    let (code, _, err) = ws.out(&["source", "recheck", "nope"]);
    assert_eq!(code, 2, "{err}");
}
