//! The workspace lock that serializes writers: an exclusive `flock` on
//! `.factcheck/lock`. The kernel drops it when a process dies, so a killed
//! writer never leaves a stale lock. Every read-check-write of a record
//! happens while it is held.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::path::Path;

/// The local, git-ignored directory of working files (lock, caches).
pub const WORK_DIR: &str = ".factcheck";
pub const LOCK_FILE: &str = ".factcheck/lock";

/// Held while a command modifies the workspace.
pub struct WorkspaceLock {
    _file: File,
}

impl WorkspaceLock {
    pub fn acquire(root: &Path) -> Result<WorkspaceLock> {
        let dir = root.join(WORK_DIR);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(Error::Refused {
                    path: dir,
                    why: "is not a directory (a link or a file); factcheck keeps its lock there"
                        .into(),
                });
            }
            Err(_) => match std::fs::create_dir(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::io("create", &dir)(e)),
            },
        }
        let path = root.join(LOCK_FILE);
        use std::os::unix::fs::OpenOptionsExt;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
            .map_err(Error::io("open the lock file", &path))?;
        file.lock().map_err(Error::io("lock", &path))?;
        Ok(WorkspaceLock { _file: file })
    }
}
