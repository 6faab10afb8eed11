//! Writers that race, and writers that die: nothing is lost, nothing is
//! half-written, and no stale lock is left behind.

mod common;
use common::*;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A claim and an article with 500 distinct quotable passages ("item 17"),
/// since linking one quote twice is refused.
fn linked_workspace() -> Ws {
    let article: Vec<String> = (0..500).map(|i| format!("item {i}.")).collect();
    Ws::with_claim(&article.join(" "), "c")
}

fn evidence_count(ws: &Ws) -> usize {
    let v: serde_json::Value =
        serde_json::from_str(&ws.ok(&["show", "c", "--format", "json"])).unwrap();
    v["evidence"].as_array().unwrap().len()
}

#[test]
fn eight_writers_linking_to_one_claim_lose_nothing() {
    let ws = linked_workspace();
    let dir = ws.path().to_path_buf();
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                for i in 0..50 {
                    let who = format!("writer {w}");
                    let quote = format!("item {}.", w * 50 + i);
                    let out = factcheck(
                        &dir,
                        &[
                            "link",
                            "c",
                            "s1",
                            "--quote",
                            &quote,
                            "--attributed-to",
                            &who,
                        ],
                    );
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(evidence_count(&ws), 400);
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn two_retractions_of_one_claim_exactly_one_wins() {
    // The "already retracted" check runs under the lock, on the file as it
    // is then: two racing retractions cannot both succeed and lose a reason.
    let ws = Ws::with_claim("The strikes killed 25 people.", "c");
    for round in 0..10 {
        let id = format!("r-{round}");
        ws.ok(&[
            "claim",
            "add",
            &id,
            "--kind",
            "event",
            "--event",
            "e",
            "--statement",
            "s",
        ]);
        let spawn = |reason: &str| {
            Command::new(bin())
                .args(["retract", &id, "--reason", reason])
                .current_dir(ws.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("reason one"), spawn("reason two"));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let codes = [a.status.code(), b.status.code()];
        assert!(
            codes.contains(&Some(0)) && codes.contains(&Some(2)),
            "round {round}: {codes:?}"
        );
        let text = ws.read(&format!("claims/{id}.toml"));
        let winner = if a.status.success() {
            "reason one"
        } else {
            "reason two"
        };
        assert!(text.contains(winner), "{text}");
        let loser = if a.status.success() { &b } else { &a };
        assert!(String::from_utf8_lossy(&loser.stderr).contains("already retracted"));
    }
}

#[test]
fn two_processes_adding_one_id_exactly_one_wins() {
    let ws = Ws::new();
    for round in 0..10 {
        let id = format!("same-{round}");
        let spawn = |statement: &str| {
            Command::new(bin())
                .args([
                    "claim",
                    "add",
                    &id,
                    "--kind",
                    "event",
                    "--event",
                    "e",
                    "--statement",
                    statement,
                ])
                .current_dir(ws.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("first"), spawn("second"));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let codes = [a.status.code(), b.status.code()];
        assert!(
            codes.contains(&Some(0)) && codes.contains(&Some(2)),
            "round {round}: {codes:?}"
        );
        let loser = if a.status.success() { &b } else { &a };
        assert!(
            String::from_utf8_lossy(&loser.stderr).contains("already taken"),
            "{}",
            String::from_utf8_lossy(&loser.stderr)
        );
        let text = ws.read(&format!("claims/{id}.toml"));
        assert!(text.contains("statement = \"first\"") || text.contains("statement = \"second\""));
    }
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn killed_writers_leave_old_or_new_content() {
    let ws = linked_workspace();
    let mut rng = Lcg(0x5eed);
    let mut count = 0;
    let mut killed = 0;
    for i in 0..60 {
        let mut child = Command::new(bin())
            .args([
                "link",
                "c",
                "s1",
                "--quote",
                &format!("item {i}."),
                "--attributed-to",
                &format!("round {i}"),
            ])
            .current_dir(ws.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next() % 6000));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        // The file parses and holds the old or the new content.
        let now = evidence_count(&ws);
        assert!(
            now == count || now == count + 1,
            "round {i}: {count} -> {now}"
        );
        count = now;
    }
    assert!(killed > 0, "no writer was killed; the test proves nothing");
    // Leftover temporary files are named, never taken for records.
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("error["), "{out}");
    // The lock died with the killed writers: one more write goes through at once.
    ws.ok(&["link", "c", "s1", "--quote", "item 499."]);
    assert_eq!(evidence_count(&ws), count + 1);
}
