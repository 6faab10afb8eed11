//! The parsed-record cache only ever changes speed: after any sequence of
//! edits, touches, same-size rewrites that keep the old modification time,
//! renames, deletions, broken files and damaged caches, `check`, `report`
//! and `timeline` (JSON) print byte for byte what they print with
//! `--no-cache`, and exit the same.

mod common;

use common::Ws;
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const CLAIMS: usize = 8;

fn claim_text(i: usize, v: u8) -> String {
    // Variants differ in count; several have the same length.
    let counts = [
        "min = 25\nmax = 25",
        "min = 35\nmax = 35",
        "min = 40",
        "min = 27\nmax = 33",
        "min = 3",
        "min = 2",
        "min = 45\nmax = 45",
        "min = 55\nmax = 55",
    ];
    let count = counts[v as usize % counts.len()];
    format!(
        "kind = \"casualty\"\nevent = \"e{}\"\nstatement = \"s{v}\"\nasserted_by = \"{}\"\ndate = 2020-01-0{}\ncategory = \"killed\"\ngroup = \"people\"\n{count}\n\n[[evidence]]\nsource = \"s{}\"\nquote = \"killed {}\"\n",
        i % 2,
        ["Ministry", "Wire", "Police"][i % 3],
        1 + (v % 8),
        i % 3,
        ["25", "35", "40"][v as usize % 3],
    )
}

fn setup() -> Ws {
    let ws = Ws::new();
    for s in 0..3 {
        ws.write(
            &format!("sources/s{s}.txt"),
            "Officials said strikes killed 25 people, then killed 35 more; police said killed 40.\n",
        );
        ws.write(
            &format!("sources/s{s}.toml"),
            &format!("title = \"t{s}\"\npublisher = \"P{s}\"\n"),
        );
    }
    for i in 0..CLAIMS {
        ws.write(&format!("claims/c{i}.toml"), &claim_text(i, i as u8));
    }
    ws
}

#[derive(Debug, Clone)]
enum Op {
    /// Rewrite a claim with other content.
    Edit(usize, u8),
    /// Rewrite a claim with other content of the same size, and put its
    /// old modification time back (as a coarse clock would).
    SameSizeKeepTime(usize),
    /// Only the modification time changes.
    Touch(usize),
    Rename(usize),
    Delete(usize),
    Break(usize),
    /// Edit an archived text.
    EditArchive(usize),
    /// Damage the cache files in one of several ways.
    Corrupt(u8),
    /// Let the clock move on, so that entries stop being "racy".
    Wait,
    /// Run a reading command with the cache (fills it).
    Warm(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..CLAIMS, any::<u8>()).prop_map(|(i, v)| Op::Edit(i, v)),
        (0..CLAIMS).prop_map(Op::SameSizeKeepTime),
        (0..CLAIMS).prop_map(Op::Touch),
        (0..CLAIMS).prop_map(Op::Rename),
        (0..CLAIMS).prop_map(Op::Delete),
        (0..CLAIMS).prop_map(Op::Break),
        (0..3usize).prop_map(Op::EditArchive),
        any::<u8>().prop_map(Op::Corrupt),
        Just(Op::Wait),
        Just(Op::Wait),
        any::<u8>().prop_map(Op::Warm),
        any::<u8>().prop_map(Op::Warm),
    ]
}

fn set_mtime(path: &Path, sec: i64, nsec: i64) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    let times = [
        libc::timespec {
            tv_sec: sec,
            tv_nsec: nsec,
        },
        libc::timespec {
            tv_sec: sec,
            tv_nsec: nsec,
        },
    ];
    // SAFETY: a valid path and two timespecs.
    let rc = unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), 0) };
    assert_eq!(rc, 0);
}

fn apply(ws: &Ws, op: &Op) {
    use std::os::unix::fs::MetadataExt;
    let claim = |i: usize| ws.path().join(format!("claims/c{i}.toml"));
    match op {
        Op::Edit(i, v) => {
            ws.write(&format!("claims/c{i}.toml"), &claim_text(*i, *v));
        }
        Op::SameSizeKeepTime(i) => {
            let p = claim(*i);
            if let Ok(old) = std::fs::read(&p) {
                let m = std::fs::metadata(&p).unwrap();
                // Same length, other content: swap two digits of the count.
                let text = String::from_utf8(old).unwrap();
                let new = if text.contains("= 25\n") {
                    text.replace("= 25\n", "= 52\n")
                } else {
                    text.replace("statement = \"s", "statement = \"t")
                };
                assert_eq!(new.len(), text.len());
                std::fs::write(&p, new).unwrap();
                set_mtime(&p, m.mtime(), m.mtime_nsec());
            }
        }
        Op::Touch(i) => {
            let p = claim(*i);
            if p.exists() {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap();
                set_mtime(&p, now.as_secs() as i64, now.subsec_nanos() as i64);
            }
        }
        Op::Rename(i) => {
            let p = claim(*i);
            if p.exists() {
                let _ = std::fs::rename(&p, ws.path().join(format!("claims/r{i}.toml")));
            }
        }
        Op::Delete(i) => {
            let _ = std::fs::remove_file(claim(*i));
        }
        Op::Break(i) => {
            ws.write(
                &format!("claims/c{i}.toml"),
                "kind = \"casualty\nevent = 3\n",
            );
        }
        Op::EditArchive(s) => {
            ws.write(
                &format!("sources/s{s}.txt"),
                "Officials said strikes killed 26 people; police said killed 40.\n",
            );
        }
        Op::Corrupt(how) => {
            let dir = ws.path().join(".factcheck/cache");
            for name in ["records", "archives"] {
                let p = dir.join(name);
                let Ok(bytes) = std::fs::read(&p) else {
                    continue;
                };
                let damaged = match how % 5 {
                    0 => bytes[..bytes.len() / 2].to_vec(),
                    1 => {
                        let mut b = bytes.clone();
                        let i = b.len() - 1 - (*how as usize % (b.len() / 2));
                        b[i] ^= 0x5a;
                        b
                    }
                    2 => b"not a cache at all".to_vec(),
                    3 => Vec::new(),
                    _ => {
                        // A whole, valid cache from a workspace with other files.
                        let _ = std::fs::remove_file(&p);
                        continue;
                    }
                };
                std::fs::write(&p, damaged).unwrap();
            }
        }
        Op::Wait => std::thread::sleep(std::time::Duration::from_millis(25)),
        Op::Warm(which) => {
            let args: &[&str] = match which % 3 {
                0 => &["check"],
                1 => &["report"],
                _ => &["timeline", "--format", "json"],
            };
            common::factcheck(ws.path(), args);
        }
    }
}

fn run(dir: &Path, args: &[&str], no_cache: bool) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let mut cmd = Command::new(common::bin());
    if no_cache {
        cmd.arg("--no-cache");
    }
    let o = cmd
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("FACTCHECK_CACHE_STATS")
        .output()
        .unwrap();
    (o.status.code(), o.stdout, o.stderr)
}

/// How many record files the last run took from the cache.
fn hits(dir: &Path) -> usize {
    let o = Command::new(common::bin())
        .args(["list"])
        .current_dir(dir)
        .env("FACTCHECK_CACHE_STATS", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    err.lines()
        .find_map(|l| l.strip_prefix("cache: records: "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn same_with_and_without(ws: &Ws) -> Result<(), TestCaseError> {
    for args in [
        &["check", "--format", "json"][..],
        &["report", "--format", "json"],
        &["timeline", "--format", "json"],
        &["report"],
    ] {
        let cached = run(ws.path(), args, false);
        let plain = run(ws.path(), args, true);
        prop_assert_eq!(cached.0, plain.0, "exit of {:?}", args);
        prop_assert!(
            cached.1 == plain.1,
            "{:?} differs with the cache:\n--- cached\n{}\n--- no cache\n{}",
            args,
            String::from_utf8_lossy(&cached.1),
            String::from_utf8_lossy(&plain.1)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_cache_never_changes_output(ops in proptest::collection::vec(op(), 1..14)) {
        let ws = setup();
        // Fill the cache, and let the files age past its clock.
        apply(&ws, &Op::Warm(0));
        apply(&ws, &Op::Wait);
        apply(&ws, &Op::Warm(1));
        for op in &ops {
            apply(&ws, op);
            same_with_and_without(&ws)?;
        }
    }
}

#[test]
fn an_unchanged_workspace_is_read_from_the_cache() {
    let ws = setup();
    common::factcheck(ws.path(), &["check"]);
    std::thread::sleep(std::time::Duration::from_millis(50));
    // The first run after the files aged rewrites the cache (every entry
    // was "racy"); the next takes every record from it.
    common::factcheck(ws.path(), &["check"]);
    assert_eq!(hits(ws.path()), CLAIMS + 3);
    // One file changed: only it is read again.
    std::thread::sleep(std::time::Duration::from_millis(50));
    ws.write("claims/c0.toml", &claim_text(0, 3));
    assert_eq!(hits(ws.path()), CLAIMS + 2);
    // --no-cache neither reads nor writes it.
    let before = std::fs::read(ws.path().join(".factcheck/cache/records")).unwrap();
    run(ws.path(), &["--no-cache", "report"], false);
    assert_eq!(
        std::fs::read(ws.path().join(".factcheck/cache/records")).unwrap(),
        before
    );
    // A cache that is a link is not followed.
    std::fs::remove_file(ws.path().join(".factcheck/cache/records")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", ws.path().join(".factcheck/cache/records")).unwrap();
    let (code, out, _) = run(ws.path(), &["check"], false);
    assert_eq!(code, Some(0), "{}", String::from_utf8_lossy(&out));
    assert_eq!(hits(ws.path()), 0);
}

#[test]
fn a_read_only_workspace_works_without_a_cache() {
    // Reading commands never need to write: without a writable work
    // directory they read every file, with the same output.
    let ws = setup();
    std::fs::create_dir_all(ws.path().join(".factcheck")).unwrap();
    std::fs::write(
        ws.path().join(".factcheck/cache"),
        "a file where the directory would be",
    )
    .unwrap();
    let a = run(ws.path(), &["report", "--format", "json"], false);
    let b = run(ws.path(), &["report", "--format", "json"], true);
    assert_eq!(a.1, b.1);
    assert_eq!(a.0, Some(0));
}
