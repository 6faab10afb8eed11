//! Reading old versions of the workspace through the `git` program.
//! Revisions come from users: they never reach a shell, and one starting with
//! `-` is refused so it cannot be taken for an option.

use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A record file deleted in the history.
pub struct Deleted {
    pub rel: PathBuf,
    pub commit: String,
    /// Its content just before the deletion.
    pub bytes: Vec<u8>,
}

/// `git init` in `dir`.
pub fn init(dir: &Path) -> Result<()> {
    let mut c = git(dir);
    c.args(["init", "--quiet"]);
    run(c, "git init failed").map(|_| ())
}

pub struct Repo {
    /// The directory git runs in (the workspace root).
    dir: PathBuf,
    /// The workspace's path inside the repository ("" at the top).
    pub prefix: PathBuf,
}

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C");
    c
}

fn run(mut cmd: Command, what: &str) -> Result<Vec<u8>> {
    let out = cmd.stdin(Stdio::null()).output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Git(
                "git is not installed; `factcheck diff` reads old versions through git".into(),
            )
        } else {
            Error::Git(format!("cannot run git: {e}"))
        }
    })?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(Error::Git(format!("{what}: {msg}")));
    }
    Ok(out.stdout)
}

impl Repo {
    pub fn open(ws_root: &Path) -> Result<Repo> {
        let mut c = git(ws_root);
        c.args(["rev-parse", "--show-prefix"]);
        let out = run(c, "not a git repository").map_err(|e| match e {
            Error::Git(m) if m.starts_with("not a git repository") => Error::Git(format!(
                "{} is not in a git repository\n  help: `factcheck diff` compares git revisions; run `git init` and commit the workspace first",
                ws_root.display()
            )),
            e => e,
        })?;
        let prefix = String::from_utf8_lossy(&out)
            .trim()
            .trim_end_matches('/')
            .to_string();
        Ok(Repo {
            dir: ws_root.to_path_buf(),
            prefix: PathBuf::from(prefix),
        })
    }

    /// The commit id a revision names; unknown revisions are an error.
    pub fn resolve(&self, rev: &str) -> Result<String> {
        if rev.starts_with('-') || rev.is_empty() {
            return Err(Error::Usage(format!(
                "{rev:?} is not a revision (revisions cannot start with '-')"
            )));
        }
        let mut c = git(&self.dir);
        c.args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
            .arg(format!("{rev}^{{commit}}"));
        let out = run(c, "").map_err(|_| {
            let help = if rev == "HEAD" {
                "the repository has no commits yet: commit the workspace, then diff against it"
            } else {
                "name a commit, branch or tag, e.g. HEAD~1 or main"
            };
            Error::Git(format!("unknown revision {rev:?}\n  help: {help}"))
        })?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }

    /// The record files of the workspace at `commit`, paths relative to the workspace.
    pub fn files(&self, commit: &str) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let mut c = git(&self.dir);
        // Paths are relative to the current directory (the workspace root).
        c.args(["ls-tree", "-r", "-z", "--full-tree", commit, "--"]);
        let out = run(c, "cannot list files")?;
        let prefix = self.prefix.clone();
        let mut wanted: Vec<(String, PathBuf)> = Vec::new();
        for entry in out.split(|b| *b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut parts = meta.split_whitespace();
            let (_mode, kind, hash) = (parts.next(), parts.next(), parts.next());
            if kind != Some("blob") {
                continue;
            }
            let Ok(rel) = Path::new(path).strip_prefix(&prefix) else {
                continue;
            };
            let top = rel
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().to_string());
            let is_record = top
                .as_deref()
                .is_some_and(|t| crate::model::records::RecordKind::from_dir(t).is_some())
                && rel.components().count() == 2
                && rel.extension().is_some_and(|e| e == "toml");
            if (is_record || rel == Path::new(crate::model::config::CONFIG_FILE))
                && let Some(h) = hash
            {
                wanted.push((h.to_string(), rel.to_path_buf()));
            }
        }
        self.cat(&wanted)
    }

    /// Record files deleted in the history of HEAD (renames that git's
    /// rename detection sees are not deletions), the most recent deletion of
    /// each path first, with the commit that deleted it and the content it
    /// had just before. Empty when the repository has no commits.
    pub fn deleted_records(&self) -> Result<Vec<Deleted>> {
        if self.resolve("HEAD").is_err() {
            return Ok(Vec::new());
        }
        let mut c = git(&self.dir);
        c.args([
            "log",
            "-M",
            "--relative",
            "--diff-filter=D",
            "--name-only",
            "--format=commit %H",
            "HEAD",
            "--",
        ]);
        c.args(crate::model::records::RecordKind::ALL.map(|k| k.dir()));
        let out = run(c, "cannot read the history")?;
        let text = String::from_utf8_lossy(&out);
        let mut seen = std::collections::HashSet::new();
        let mut found: Vec<(String, PathBuf)> = Vec::new();
        let mut commit = String::new();
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("commit ") {
                commit = h.trim().to_string();
            } else if !line.trim().is_empty() {
                let rel = PathBuf::from(line.trim());
                if rel.extension().is_some_and(|e| e == "toml") && seen.insert(rel.clone()) {
                    found.push((commit.clone(), rel));
                }
            }
        }
        let wanted: Vec<(String, PathBuf)> = found
            .iter()
            .map(|(c, rel)| {
                (
                    format!("{c}^:{}", self.prefix.join(rel).display()),
                    rel.clone(),
                )
            })
            .collect();
        let contents = self.cat(&wanted)?;
        Ok(found
            .into_iter()
            .filter_map(|(commit, rel)| {
                let bytes = contents.iter().find(|(p, _)| *p == rel)?.1.clone();
                Some(Deleted { rel, commit, bytes })
            })
            .collect())
    }

    /// Reads many blobs in one `git cat-file --batch` process.
    fn cat(&self, wanted: &[(String, PathBuf)]) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let mut child = git(&self.dir)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Error::Git(format!("cannot run git: {e}")))?;
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| Error::Git("git cat-file: no stdin".into()))?;
        let input: String = wanted.iter().map(|(h, _)| format!("{h}\n")).collect();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        let mut out = Vec::new();
        child
            .stdout
            .take()
            .ok_or_else(|| Error::Git("git cat-file: no stdout".into()))?
            .read_to_end(&mut out)
            .map_err(|e| Error::Git(format!("git cat-file: {e}")))?;
        let _ = writer.join();
        let _ = child.wait();
        let mut files = Vec::new();
        let mut pos = 0;
        for (_, path) in wanted {
            let nl = out[pos..]
                .iter()
                .position(|b| *b == b'\n')
                .ok_or_else(|| Error::Git("git cat-file: short output".into()))?;
            let header = String::from_utf8_lossy(&out[pos..pos + nl]).to_string();
            pos += nl + 1;
            if header.ends_with(" missing") || header.ends_with(" ambiguous") {
                continue;
            }
            let size: usize = header
                .split_whitespace()
                .nth(2)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| Error::Git(format!("git cat-file: unexpected header {header:?}")))?;
            let end = (pos + size).min(out.len());
            files.push((path.clone(), out[pos..end].to_vec()));
            pos = end + 1;
        }
        Ok(files)
    }
}
