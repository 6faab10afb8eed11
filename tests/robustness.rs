//! Bad and tricky input: each case asserts the exact outcome and exit code,
//! that nothing panics, and that the rest of the workspace is still checked.
//! Large and binary cases are generated here, not committed.

mod common;
use common::*;

/// A workspace with one good, linked claim, so every case can also assert that
/// the rest is still checked and reported.
fn with_good_claim() -> Ws {
    let ws = Ws::with_claim("The strikes killed 25 people.", "good");
    ws.ok(&["link", "good", "s1", "--quote", "killed 25 people"]);
    ws
}

/// Runs `check` and `report`; returns check's (exit, stdout) after asserting
/// that nothing panicked and the good claim is still reported.
fn check_bad(ws: &Ws) -> (i32, String) {
    let (code, out, err) = ws.out(&["check"]);
    assert!(!err.contains("panicked"), "{err}");
    let (rcode, report, rerr) = ws.out(&["report", "--format", "json"]);
    assert_eq!(rcode, 0, "{rerr}");
    assert!(
        report.contains("\"good\""),
        "the rest of the workspace was not reported:\n{report}"
    );
    assert!(!rerr.contains("panicked"), "{rerr}");
    (code, out)
}

fn assert_diag(out: &str, file: &str, code: &str) {
    let needle = format!("{file}:");
    assert!(
        out.lines()
            .any(|l| l.starts_with(&needle) && l.contains(&format!("[{code}]"))),
        "expected {code} on {file}:\n{out}"
    );
}

#[test]
fn truncated_toml() {
    let ws = with_good_claim();
    let full = ws.read("claims/good.toml");
    ws.write("claims/cut.toml", &full[..full.len() / 2]);
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/cut.toml", "E001");
}

#[test]
fn invalid_utf8() {
    let ws = with_good_claim();
    std::fs::write(
        ws.path().join("claims/bin.toml"),
        [0x6b, 0x69, 0x6e, 0x64, 0xff, 0xfe, 0x00, 0x01],
    )
    .unwrap();
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/bin.toml:1:5", "E016");
}

#[test]
fn empty_file() {
    let ws = with_good_claim();
    ws.write("claims/empty.toml", "");
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/empty.toml", "E003");
}

#[test]
fn file_over_the_size_limit() {
    let ws = with_good_claim();
    let big = format!("{EVENT}# {}\n", "x".repeat(17 * 1024 * 1024));
    ws.write("claims/big.toml", &big);
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/big.toml", "E017");
    assert!(out.contains("over the limit of 16777216 bytes"), "{out}");
}

#[test]
fn deeply_nested_arrays_and_tables() {
    let ws = with_good_claim();
    let n = 200_000;
    ws.write(
        "claims/deep.toml",
        &format!("{EVENT}x = {}{}\n", "[".repeat(n), "]".repeat(n)),
    );
    ws.write(
        "claims/deeper.toml",
        &format!("{EVENT}x = {}1{}\n", "{a = ".repeat(n), "}".repeat(n)),
    );
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/deep.toml", "E001");
    assert_diag(&out, "claims/deeper.toml", "E001");
}

#[test]
fn duplicate_keys() {
    let ws = with_good_claim();
    ws.write(
        "claims/dup.toml",
        "kind = \"event\"\nevent = \"e\"\nevent = \"f\"\nstatement = \"s\"\n",
    );
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/dup.toml:3:1", "E001");
}

#[test]
fn id_field_differs_from_file_name() {
    let ws = with_good_claim();
    ws.write("claims/named.toml", &format!("id = \"other\"\n{EVENT}"));
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/named.toml:1:6", "E005");
}

#[test]
fn directory_named_like_a_record() {
    let ws = with_good_claim();
    std::fs::create_dir(ws.path().join("claims/folder.toml")).unwrap();
    std::fs::create_dir(ws.path().join("sources/folder2.toml")).unwrap();
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/folder.toml", "E016");
    assert_diag(&out, "sources/folder2.toml", "E016");
}

#[test]
fn symlink_pointing_outside_is_refused_not_followed() {
    let ws = with_good_claim();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    std::fs::write(
        &secret,
        "kind = \"event\"\nevent = \"e\"\nstatement = \"TOP SECRET LINE\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&secret, ws.path().join("claims/link.toml")).unwrap();
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/link.toml", "E016");
    assert!(out.contains("symbolic link"), "{out}");
    assert!(
        !out.contains("TOP SECRET"),
        "the link target was read:\n{out}"
    );
    let (_, report, _) = ws.out(&["report"]);
    assert!(!report.contains("TOP SECRET"));
    // An archive that is a link is refused too.
    std::os::unix::fs::symlink(&secret, ws.path().join("sources/s2.txt")).unwrap();
    ws.write("sources/s2.toml", SOURCE);
    let (_, out, _) = ws.out(&["check"]);
    assert_diag(&out, "sources/s2.txt", "E012");
}

/// Runs the binary with the privileges of `nobody` when it can drop them
/// (under root, which CI uses), else as the current user: either way a file
/// with mode 000 cannot be read.
fn out_unprivileged(ws: &Ws, args: &[&str]) -> (i32, String, String) {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    // `nobody` must be able to reach the workspace.
    let mut stack = vec![ws.path().to_path_buf()];
    while let Some(p) = stack.pop() {
        let meta = std::fs::symlink_metadata(&p).unwrap();
        if meta.is_dir() {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
            for e in std::fs::read_dir(&p).unwrap().flatten() {
                stack.push(e.path());
            }
        } else if meta.permissions().mode() & 0o777 != 0 {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let mut cmd = std::process::Command::new(bin());
    cmd.args(args).current_dir(ws.path()).env("COLUMNS", "120");
    // SAFETY: only async-signal-safe calls between fork and exec; a
    // failure (not privileged) leaves the user as it is.
    unsafe {
        cmd.pre_exec(|| {
            let _ = libc::setgid(65534);
            let _ = libc::setuid(65534);
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    let ws = with_good_claim();
    let p = ws.path().join("claims/locked.toml");
    std::fs::write(&p, EVENT).unwrap();
    let _ = out_unprivileged(&ws, &["--version"]);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (code, out, err) = out_unprivileged(&ws, &["check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_diag(&out, "claims/locked.toml", "E016");
    assert!(out.contains("permission denied"), "{out}");
    // Reading commands name it too, and go on with the rest.
    let (code, report, _) = out_unprivileged(&ws, &["report", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(v["skipped"][0]["file"], "claims/locked.toml");
    assert!(report.contains("\"good\""));
}

#[test]
fn a_pipe_named_like_a_record_cannot_hang_a_command() {
    let ws = with_good_claim();
    let c = std::ffi::CString::new(
        ws.path()
            .join("claims/pipe.toml")
            .as_os_str()
            .as_encoded_bytes(),
    )
    .unwrap();
    // SAFETY: a valid path; mkfifo only creates a node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let (code, out) = check_bad(&ws);
    assert_eq!(code, 1);
    assert_diag(&out, "claims/pipe.toml", "E016");
    assert!(out.contains("not a regular file"), "{out}");
}

#[test]
fn a_broken_claim_cannot_be_edited_and_is_left_alone() {
    let ws = with_good_claim();
    let bad = "kind = \"event\"\nevnt = \"e\"\nstatement = \"s\"\n";
    ws.write("claims/bad.toml", bad);
    let (code, _, err) = ws.out(&["link", "bad", "s1", "--quote", "killed 25 people"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("claims/bad.toml cannot be used until it is fixed"),
        "{err}"
    );
    assert!(err.contains("claims/bad.toml:2:1"), "{err}");
    assert_eq!(ws.read("claims/bad.toml"), bad);
}

/// Valid but tricky text is accepted, linked, and round-tripped byte for byte.
fn roundtrip(name: &str, article: &str, claim_prefix: &str, quote: &str) {
    let ws = Ws::new();
    ws.write("a.txt", article);
    ws.ok(&[
        "source",
        "add",
        "s1",
        "--title",
        "t",
        "--publisher",
        "P",
        "--text-file",
        "a.txt",
    ]);
    let path = format!("claims/{name}.toml");
    let text = format!("{claim_prefix}kind = \"event\"\nevent = \"e\"\nstatement = \"{quote}\"\n");
    let text = if article.contains("\r\n") {
        text.replace('\n', "\r\n")
    } else {
        text
    };
    ws.write(&path, &text);
    ws.ok(&["link", name, "s1", "--quote", quote]);
    let after = ws.read(&path);
    assert!(after.starts_with(&text), "the original bytes changed");
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 0, "{out}");
    let shown: serde_json::Value =
        serde_json::from_str(&ws.ok(&["show", name, "--format", "json"])).unwrap();
    assert_eq!(shown["evidence"][0]["quote"], quote);
    assert_eq!(shown["statement"], quote);
    // fmt leaves a tool-written file alone.
    ws.ok(&["fmt"]);
    assert!(ws.read(&path) == after, "fmt changed a file the tool wrote");
}

#[test]
fn bom_is_kept() {
    roundtrip("bom", "plain text here", "\u{feff}", "plain text");
}

#[test]
fn crlf_line_endings_are_kept() {
    roundtrip(
        "crlf",
        "line one\r\nline two\r\n",
        "# windows\n",
        "line one line two",
    );
}

#[test]
fn arabic_with_diacritics_and_rtl_marks() {
    let article = "قال المتحدث: «قُتِلَ ٢٥ شخصاً» \u{200F}في الغارات.";
    roundtrip("arabic", article, "", "قُتِلَ ٢٥ شخصاً");
    // The RTL mark is ignored when matching.
    let ws = Ws::new();
    ws.write("a.txt", article);
    ws.ok(&[
        "source",
        "add",
        "s1",
        "--title",
        "t",
        "--publisher",
        "P",
        "--text-file",
        "a.txt",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "c",
        "--kind",
        "event",
        "--event",
        "e",
        "--statement",
        "s",
    ]);
    ws.ok(&["link", "c", "s1", "--quote", "شخصاً» في الغارات"]);
}

#[test]
fn emoji_and_combining_characters() {
    roundtrip(
        "emoji",
        "Crowds 🔥 chanted; the café burned.",
        "",
        "Crowds 🔥 chanted; the café",
    );
}

#[test]
fn nfc_matches_decomposed_and_precomposed_text_both_ways() {
    // "á" as a + combining acute (decomposed) in the archive, precomposed
    // in the quote; then the reverse.
    for (article, quote) in [
        (
            "Rockets hit Bogota\u{0301} at dawn.",
            "Rockets hit Bogot\u{e1} at dawn",
        ),
        (
            "Rockets hit Bogot\u{e1} at dawn.",
            "Rockets hit Bogota\u{0301} at dawn",
        ),
    ] {
        assert_ne!(article.contains('\u{e1}'), quote.contains('\u{e1}'));
        let ws = Ws::new();
        ws.write("a.txt", article);
        ws.ok(&[
            "source",
            "add",
            "s1",
            "--title",
            "t",
            "--publisher",
            "P",
            "--text-file",
            "a.txt",
        ]);
        ws.ok(&[
            "claim",
            "add",
            "c",
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
        ]);
        ws.ok(&["link", "c", "s1", "--quote", quote]);
        let (code, out, _) = ws.out(&["check"]);
        assert_eq!(code, 0, "{out}");
        assert!(!out.contains("E011"), "{out}");
        // A different letter is not normalized into a match.
        let (code, _, err) = ws.out(&["link", "c", "s1", "--quote", "Rockets hit Bogote at dawn"]);
        assert_eq!(code, 1, "{err}");
    }
}

#[test]
fn very_long_quotes() {
    let article: String = (0..5000).map(|i| format!("word{i} ")).collect();
    let quote = article.trim().to_string();
    roundtrip("long", &article, "", &quote);
}

#[test]
fn control_characters_in_values_are_escaped() {
    let ws = Ws::new();
    ws.ok(&[
        "claim",
        "add",
        "c",
        "--kind",
        "event",
        "--event",
        "e",
        "--statement",
        "tab\there \u{7} bell \"quoted\" back\\slash",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&ws.ok(&["show", "c", "--format", "json"])).unwrap();
    assert_eq!(
        shown["statement"],
        "tab\there \u{7} bell \"quoted\" back\\slash"
    );
}

#[test]
fn ids_never_become_paths() {
    let ws = Ws::new();
    for id in [
        "../escape",
        "/abs",
        "a/b",
        "..",
        ".hidden",
        "UPPER",
        "a b",
        "x\ty",
    ] {
        let (code, _, err) = ws.out(&[
            "claim",
            "add",
            id,
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
        ]);
        assert_eq!(code, 2, "{id}: {err}");
        assert!(err.contains("invalid id"), "{id}: {err}");
    }
    // `claims/../escape.toml` would be the workspace root's escape.toml;
    // `/abs` and `a/b` would leave claims/ too.
    assert!(!ws.path().join("escape.toml").exists());
    assert!(!ws.path().join("claims/a").exists());
    assert!(!std::path::Path::new("/abs.toml").exists());
    let parent = ws.path().parent().unwrap();
    assert!(!parent.join("escape.toml").exists());
    assert_eq!(
        std::fs::read_dir(ws.path().join("claims"))
            .unwrap()
            .filter(|e| !e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.'))
            .count(),
        0
    );
}
