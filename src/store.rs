//! Writing files safely: atomic replace, create-without-replace, and the
//! workspace lock that serializes concurrent writers.
//!
//! Every write goes to a temporary file in the target's directory, is fsynced,
//! then renamed (replace) or hard-linked (create: fails if the name exists), and
//! the directory is fsynced. Writers hold an exclusive `flock` on
//! `.factcheck.lock` in the workspace root; the kernel drops it when a process
//! dies, so a killed writer never leaves a stale lock.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = ".factcheck.lock";

/// Held while a command modifies the workspace.
pub struct WorkspaceLock {
    _file: File,
}

impl WorkspaceLock {
    pub fn acquire(root: &Path) -> Result<WorkspaceLock> {
        let path = root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(Error::io("open the lock file", &path))?;
        file.lock().map_err(Error::io("lock", &path))?;
        Ok(WorkspaceLock { _file: file })
    }
}

fn temp_in(dir: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".factcheck-tmp-")
        .tempfile_in(dir)
        .map_err(Error::io("create a temporary file in", dir))?;
    tmp.write_all(contents)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(Error::io("write", tmp.path().to_path_buf()))?;
    Ok(tmp)
}

fn sync_dir(dir: &Path) {
    // Best effort: some file systems refuse to fsync a directory.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Replaces `path` atomically: readers see the old or the new content, never a mix.
pub fn replace(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = parent(path);
    let tmp = temp_in(&dir, contents)?;
    tmp.persist(path).map_err(|e| Error::Io {
        action: "replace",
        path: path.to_path_buf(),
        source: e.error,
    })?;
    sync_dir(&dir);
    Ok(())
}

/// Creates `path` with `contents`, failing with `IdTaken` if it exists.
/// The file appears complete or not at all.
pub fn create_new(path: &Path, contents: &[u8], id: &str) -> Result<()> {
    let dir = parent(path);
    let tmp = temp_in(&dir, contents)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            sync_dir(&dir);
            Ok(())
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::IdTaken {
            id: id.to_string(),
            path: path.to_path_buf(),
        }),
        Err(e) => Err(Error::Io {
            action: "create",
            path: path.to_path_buf(),
            source: e.error,
        }),
    }
}

/// Read-modify-write of one file that refuses to overwrite a change made by
/// someone else (a hand edit) between the read and the write.
pub fn edit(path: &Path, change: impl Fn(&str) -> Result<String>) -> Result<String> {
    for _ in 0..3 {
        let before = std::fs::read_to_string(path).map_err(Error::io("read", path))?;
        let after = change(&before)?;
        let now = std::fs::read_to_string(path).map_err(Error::io("read", path))?;
        if now != before {
            continue;
        }
        if after != before {
            replace(path, after.as_bytes())?;
        }
        return Ok(after);
    }
    Err(Error::Conflict {
        path: path.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        create_new(&p, b"one", "a").unwrap();
        let err = create_new(&p, b"two", "a").unwrap_err();
        assert!(matches!(err, Error::IdTaken { .. }));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_hand_edit_during_an_edit_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        replace(&p, b"x = 1\n").unwrap();
        let calls = std::cell::Cell::new(0);
        let out = edit(&p, |s| {
            calls.set(calls.get() + 1);
            if calls.get() == 1 {
                // Someone edits the file between our read and our write.
                std::fs::write(&p, "x = 1\n# hand edit\n").unwrap();
            }
            Ok(format!("{s}y = 2\n"))
        })
        .unwrap();
        assert_eq!(calls.get(), 2);
        assert_eq!(out, "x = 1\n# hand edit\ny = 2\n");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), out);
    }

    #[test]
    fn replace_and_edit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        replace(&p, b"x = 1\n").unwrap();
        edit(&p, |s| Ok(format!("{s}y = 2\n"))).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "x = 1\ny = 2\n");
    }
}
