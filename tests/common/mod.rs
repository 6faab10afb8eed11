//! Helpers shared by the integration tests: temporary workspaces and running
//! the real binary.
#![allow(dead_code)]

pub mod http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SOURCE: &str = "title = \"t\"\npublisher = \"P\"\n";
pub const EVENT: &str = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n";

pub struct Ws {
    pub dir: tempfile::TempDir,
}

impl Ws {
    /// An initialised, empty workspace.
    pub fn new() -> Ws {
        let dir = tempfile::tempdir().unwrap();
        let ws = Ws { dir };
        let out = ws.run(&["init", "."]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        ws
    }

    /// A workspace with source `s1` (archiving `article`) and a casualty
    /// claim `claim` ("25" people killed), not yet linked.
    pub fn with_claim(article: &str, claim: &str) -> Ws {
        let ws = Ws::new();
        ws.write("a.txt", article);
        ws.ok(&[
            "source",
            "add",
            "s1",
            "--title",
            "t",
            "--publisher",
            "Wire",
            "--text-file",
            "a.txt",
        ]);
        ws.ok(&[
            "claim",
            "add",
            claim,
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
            "--statement",
            "25 killed",
        ]);
        ws
    }

    /// A copy of a workspace: factcheck.toml, claims/ and sources/ only.
    pub fn copy_of(src: &Path) -> Ws {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            src.join("factcheck.toml"),
            dir.path().join("factcheck.toml"),
        )
        .unwrap();
        for sub in ["claims", "sources"] {
            copy_dir(&src.join(sub), &dir.path().join(sub));
        }
        Ws { dir }
    }

    /// A copy of the shipped sample workspace, entities and events included.
    pub fn sample() -> Ws {
        let root = repo_root();
        let ws = Ws::copy_of(&root);
        for sub in ["entities", "events"] {
            copy_dir(&root.join(sub), &ws.path().join(sub));
        }
        ws
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    pub fn run(&self, args: &[&str]) -> Output {
        factcheck(self.path(), args)
    }

    /// Runs and returns (exit code, stdout, stderr).
    pub fn out(&self, args: &[&str]) -> (i32, String, String) {
        let o = self.run(args);
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }

    /// Runs a command that must succeed; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.out(args);
        assert_eq!(code, 0, "factcheck {args:?} failed:\n{out}\n{err}");
        out
    }
}

/// A workspace built from a diagnostic code's fixture steps.
pub fn build(steps: &[factcheck::model::diag::Step]) -> Ws {
    use factcheck::model::diag::Step;
    let ws = Ws::new();
    for step in steps {
        let p = |rel: &str| {
            let p = ws.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            p
        };
        match step {
            Step::Write(rel, text) => std::fs::write(p(rel), text).unwrap(),
            Step::Bytes(rel, bytes) => std::fs::write(p(rel), bytes).unwrap(),
            Step::Symlink(rel, target) => std::os::unix::fs::symlink(target, p(rel)).unwrap(),
            Step::Dir(rel) => std::fs::create_dir_all(p(rel)).unwrap(),
            Step::Big(rel, size) => std::fs::write(p(rel), vec![b'#'; *size as usize]).unwrap(),
            Step::Fifo(rel) => {
                let c = std::ffi::CString::new(p(rel).as_os_str().as_encoded_bytes()).unwrap();
                // SAFETY: a valid path; mkfifo only creates a node.
                assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
            }
            Step::Commit => {
                if !ws.path().join(".git").exists() {
                    git(ws.path(), &["init", "-q"]);
                }
                git(ws.path(), &["add", "-A"]);
                git(ws.path(), &["commit", "-q", "-m", "fixture"]);
            }
            Step::Remove(rel) => std::fs::remove_file(ws.path().join(rel)).unwrap(),
        }
    }
    ws
}

/// Runs git with a fixed identity; panics on failure.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        // Fixed dates make commit ids the same on every run.
        .env("GIT_AUTHOR_DATE", "2020-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2020-01-01T00:00:00Z")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_factcheck"))
}

pub fn factcheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        // Capture tests talk to 127.0.0.1 directly, never through a proxy.
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .env("COLUMNS", "120")
        .output()
        .unwrap()
}

pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), to).unwrap();
        }
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seed_article() -> String {
    std::fs::read_to_string(repo_root().join("sources/the-hill-2019-12-31.txt")).unwrap()
}
