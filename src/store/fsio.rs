//! The one guarded path for every workspace file read or written.
//!
//! Reads: regular files only, never through a symbolic link (in any
//! component of the path, checked by opening each directory with
//! `O_NOFOLLOW`), within a size limit, inside the workspace root (a path that
//! leaves it with `..` is refused), and a pipe cannot hang the command.
//!
//! Writes: to a temporary file in the target's directory, fsynced, then
//! renamed over the target (replace) or hard-linked to it (create, which
//! fails if the name exists), then the directory is fsynced. New files get
//! the process umask (0644 under the usual 022), like git and cargo.

use std::ffi::CString;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

/// Why a workspace file could not be read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// The path, or a directory on the way, is a symbolic link.
    Link,
    /// A directory where a file was expected, or a file where a directory was.
    Directory,
    /// A pipe, socket or device.
    NotRegular,
    /// The path leaves the workspace.
    Outside,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(std::io::Error),
}

impl ReadError {
    /// One phrase: "is a symbolic link; factcheck never follows links".
    pub fn describe(&self) -> String {
        match self {
            ReadError::NotFound => "no such file".into(),
            ReadError::Link => {
                "is a symbolic link, or inside one; factcheck never follows links in the workspace"
                    .into()
            }
            ReadError::Directory => "is a directory, not a file".into(),
            ReadError::NotRegular => "is not a regular file (a pipe, socket or device)".into(),
            ReadError::Outside => "is outside the workspace".into(),
            ReadError::TooLarge { size, limit } => {
                format!("is {size} bytes, over the limit of {limit} bytes")
            }
            ReadError::Io(e) => match e.kind() {
                std::io::ErrorKind::PermissionDenied => "cannot be read: permission denied".into(),
                _ => format!("cannot be read: {e}"),
            },
        }
    }

    pub fn help(&self) -> &'static str {
        match self {
            ReadError::Link => "replace the link with the file itself",
            ReadError::Directory => "move the directory out of the way",
            ReadError::NotRegular => "records and archives are plain files; remove it",
            ReadError::Outside => "name a file inside the workspace",
            ReadError::TooLarge { .. } => {
                "split it, or raise [workspace] max_file_size in factcheck.toml"
            }
            ReadError::Io(_) => "check that the file is readable (permissions)",
            ReadError::NotFound => "check the path",
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::NotFound)
    }
}

/// A path relative to the root with `.` removed and `..` resolved, refused
/// when it is absolute, empty, or climbs out of the root.
pub fn clean_rel(rel: &Path) -> Result<PathBuf, ReadError> {
    let mut out = PathBuf::new();
    for c in rel.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return Err(ReadError::Outside);
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(ReadError::Outside),
        }
    }
    if out.as_os_str().is_empty() {
        return Err(ReadError::Outside);
    }
    Ok(out)
}

/// The workspace-relative form of a path given by a user (relative to
/// `cwd`, or absolute), refused when it is not inside `root`.
pub fn rel_in_root(root: &Path, cwd: &Path, given: &Path) -> Result<PathBuf, ReadError> {
    let abs = if given.is_absolute() {
        given.to_path_buf()
    } else {
        cwd.join(given)
    };
    let abs = std::path::absolute(&abs).map_err(ReadError::Io)?;
    // Lexically: `claims/../../x.toml` is outside even if it exists.
    let mut norm = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                norm.pop();
            }
            Component::CurDir => {}
            other => norm.push(other),
        }
    }
    let root = std::path::absolute(root).map_err(ReadError::Io)?;
    let rel = norm.strip_prefix(&root).map_err(|_| ReadError::Outside)?;
    clean_rel(rel)
}

fn cstr(p: &std::ffi::OsStr) -> Result<CString, ReadError> {
    CString::new(p.as_bytes()).map_err(|_| ReadError::NotFound)
}

fn errno_error(e: std::io::Error, last: bool) -> ReadError {
    match e.raw_os_error() {
        Some(libc::ELOOP) => ReadError::Link,
        Some(libc::ENOENT) => ReadError::NotFound,
        Some(libc::ENOTDIR) if last => ReadError::NotFound,
        Some(libc::ENOTDIR) => ReadError::Link,
        Some(libc::EISDIR) => ReadError::Directory,
        Some(libc::ENXIO) => ReadError::NotRegular,
        _ => ReadError::Io(e),
    }
}

fn openat(
    dir: Option<&OwnedFd>,
    name: &std::ffi::OsStr,
    flags: i32,
) -> Result<OwnedFd, std::io::Error> {
    use std::os::fd::AsRawFd;
    let c = CString::new(name.as_bytes())
        .map_err(|_| std::io::Error::from_raw_os_error(libc::ENOENT))?;
    let fd = unsafe {
        // SAFETY: `c` is a valid NUL-terminated string and `dir` a live fd.
        libc::openat(
            dir.map(|d| d.as_raw_fd()).unwrap_or(libc::AT_FDCWD),
            c.as_ptr(),
            flags | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `fd` was just returned by openat and is owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Opens the directory `rel_dir` under `root`, no component being a link.
fn open_dir_chain(root: &Path, rel_dir: &Path) -> Result<OwnedFd, ReadError> {
    let _ = cstr(root.as_os_str())?;
    let mut fd = openat(None, root.as_os_str(), libc::O_RDONLY | libc::O_DIRECTORY)
        .map_err(|e| errno_error(e, false))?;
    for c in rel_dir.components() {
        let Component::Normal(name) = c else {
            return Err(ReadError::Outside);
        };
        fd = openat(
            Some(&fd),
            name,
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW,
        )
        .map_err(|e| errno_error(e, false))?;
    }
    Ok(fd)
}

/// Opens a workspace file for reading through the guard.
fn open_guarded(root: &Path, rel: &Path) -> Result<(File, std::fs::Metadata), ReadError> {
    let rel = clean_rel(rel)?;
    let name = rel.file_name().ok_or(ReadError::Outside)?;
    let dir = open_dir_chain(root, rel.parent().unwrap_or(Path::new("")))?;
    open_in(&dir, name)
}

/// Opens `name` in an opened directory: never through a link, never
/// blocking on a pipe, and only if it is a regular file.
fn open_in(dir: &OwnedFd, name: &std::ffi::OsStr) -> Result<(File, std::fs::Metadata), ReadError> {
    let fd = openat(
        Some(dir),
        name,
        libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK,
    )
    .map_err(|e| errno_error(e, true))?;
    let file = File::from(fd);
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok((file, meta))
}

/// Reads a workspace file through the guard: regular files only, never
/// through a link, within `limit` bytes, inside the root.
pub fn read(root: &Path, rel: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_with_meta(root, rel, limit).map(|(b, _)| b)
}

/// [`read`], with the metadata of the file as opened (for the cache key of
/// exactly the bytes read).
pub fn read_with_meta(
    root: &Path,
    rel: &Path,
    limit: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
    let (file, meta) = open_guarded(root, rel)?;
    read_open(file, meta, limit)
}

fn read_open(
    file: File,
    meta: std::fs::Metadata,
    limit: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // The file may grow while it is read: never take more than the limit.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok((bytes, meta))
}

/// A workspace directory opened once through the guard, to stat many of
/// its files without following links.
pub struct Dir {
    fd: OwnedFd,
}

impl Dir {
    pub fn open(root: &Path, rel_dir: &Path) -> Result<Dir, ReadError> {
        let rel_dir = clean_rel(rel_dir)?;
        Ok(Dir {
            fd: open_dir_chain(root, &rel_dir)?,
        })
    }

    /// Reads the file `name` of this directory like [`read`]: a regular
    /// file only, not through a link, within `limit` bytes. With the stat of
    /// the file as opened.
    pub fn read(
        &self,
        name: &std::ffi::OsStr,
        limit: u64,
    ) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
        let (file, meta) = open_in(&self.fd, name)?;
        read_open(file, meta, limit)
    }

    /// The metadata of `name` in this directory, if it is a regular file
    /// (not a link, directory or device).
    pub fn regular_file(&self, name: &std::ffi::OsStr) -> Option<crate::store::cache::StatKey> {
        use std::os::fd::AsRawFd;
        let c = CString::new(name.as_bytes()).ok()?;
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: a live directory fd, a NUL-terminated name, and a stat
        // buffer of the right type.
        let rc = unsafe {
            libc::fstatat(
                self.fd.as_raw_fd(),
                c.as_ptr(),
                &mut st,
                libc::AT_SYMLINK_NOFOLLOW,
            )
        };
        if rc != 0 || (st.st_mode & libc::S_IFMT) != libc::S_IFREG {
            return None;
        }
        Some(crate::store::cache::StatKey {
            size: st.st_size as u64,
            mtime: (st.st_mtime, st.st_mtime_nsec),
            ctime: (st.st_ctime, st.st_ctime_nsec),
            ino: st.st_ino,
            dev: st.st_dev,
        })
    }
}

/// The metadata of a workspace file or directory without following links,
/// and only if every directory on the way is a real one.
pub fn stat(root: &Path, rel: &Path) -> Result<std::fs::Metadata, ReadError> {
    let rel = clean_rel(rel)?;
    if let Some(parent) = rel.parent()
        && !parent.as_os_str().is_empty()
    {
        open_dir_chain(root, parent)?;
    }
    std::fs::symlink_metadata(root.join(&rel)).map_err(|e| errno_error(e, true))
}

/// Whether anything (a file, a link, a directory) has this name.
pub fn exists(root: &Path, rel: &Path) -> bool {
    match clean_rel(rel) {
        Ok(rel) => std::fs::symlink_metadata(root.join(rel)).is_ok(),
        Err(_) => false,
    }
}

/// One entry of a workspace directory.
pub struct Entry {
    pub name: std::ffi::OsString,
    pub file_type: Option<std::fs::FileType>,
}

/// Lists a workspace directory (`claims`), which must be a real directory
/// inside the root. A missing directory is empty.
pub fn list(root: &Path, rel_dir: &Path) -> Result<Vec<Entry>, ReadError> {
    let rel_dir = clean_rel(rel_dir)?;
    match open_dir_chain(root, &rel_dir) {
        Ok(_) => {}
        Err(ReadError::NotFound) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    }
    let rd = std::fs::read_dir(root.join(&rel_dir)).map_err(|e| errno_error(e, true))?;
    Ok(rd
        .flatten()
        .map(|e| Entry {
            name: e.file_name(),
            file_type: e.file_type().ok(),
        })
        .collect())
}

/// The directory a write goes to, checked like a read: inside the root and
/// reached through real directories only. Created when `create`.
fn write_dir(root: &Path, rel: &Path, create: bool) -> Result<PathBuf, crate::Error> {
    let rel = clean_rel(rel).map_err(|e| refused(root, rel, e))?;
    let parent = rel.parent().unwrap_or(Path::new("")).to_path_buf();
    if create && !parent.as_os_str().is_empty() {
        let mut so_far = PathBuf::new();
        for c in parent.components() {
            so_far.push(c);
            match std::fs::symlink_metadata(root.join(&so_far)) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => return Err(refused(root, &so_far, ReadError::Link)),
                Err(_) => std::fs::create_dir(root.join(&so_far))
                    .or_else(|e| {
                        if e.kind() == std::io::ErrorKind::AlreadyExists {
                            Ok(())
                        } else {
                            Err(e)
                        }
                    })
                    .map_err(crate::Error::io("create", root.join(&so_far)))?,
            }
        }
    }
    open_dir_chain(root, &parent).map_err(|e| refused(root, &parent, e))?;
    Ok(root.join(parent))
}

fn refused(root: &Path, rel: &Path, e: ReadError) -> crate::Error {
    crate::Error::Refused {
        path: if rel.is_absolute() {
            rel.to_path_buf()
        } else {
            root.join(rel)
        },
        why: e.describe(),
    }
}

fn temp_in(dir: &Path, contents: &[u8]) -> crate::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    // 0666 before the umask, as `open(2)` applies it: 0644 under 022.
    let mut tmp = tempfile::Builder::new()
        .prefix(".factcheck-tmp-")
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(crate::Error::io("create a temporary file in", dir))?;
    tmp.write_all(contents)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(crate::Error::io("write", tmp.path().to_path_buf()))?;
    Ok(tmp)
}

fn sync_dir(dir: &Path) {
    // Best effort: some file systems refuse to fsync a directory.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Replaces a workspace file atomically: readers see the old or the new
/// content, never a mix. The target may not be a link or a directory.
pub fn replace(root: &Path, rel: &Path, contents: &[u8]) -> crate::Result<()> {
    let dir = write_dir(root, rel, true)?;
    let target = root.join(clean_rel(rel).map_err(|e| refused(root, rel, e))?);
    if let Ok(m) = std::fs::symlink_metadata(&target)
        && !m.is_file()
    {
        let e = if m.is_symlink() {
            ReadError::Link
        } else if m.is_dir() {
            ReadError::Directory
        } else {
            ReadError::NotRegular
        };
        return Err(refused(root, rel, e));
    }
    let tmp = temp_in(&dir, contents)?;
    tmp.persist(&target).map_err(|e| crate::Error::Io {
        action: "replace",
        path: target.clone(),
        source: e.error,
    })?;
    sync_dir(&dir);
    Ok(())
}

/// Replaces a file atomically without waiting for the disk: for files that
/// can be lost in a crash without harm (the cache). Readers still see the
/// old or the new content, never a mix.
pub fn replace_unsynced(root: &Path, rel: &Path, contents: &[u8]) -> crate::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = write_dir(root, rel, true)?;
    let target = root.join(clean_rel(rel).map_err(|e| refused(root, rel, e))?);
    if let Ok(m) = std::fs::symlink_metadata(&target)
        && !m.is_file()
    {
        return Err(refused(root, rel, ReadError::Link));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".factcheck-tmp-")
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(&dir)
        .map_err(crate::Error::io("create a temporary file in", &dir))?;
    tmp.write_all(contents)
        .map_err(crate::Error::io("write", tmp.path().to_path_buf()))?;
    tmp.persist(&target).map_err(|e| crate::Error::Io {
        action: "replace",
        path: target.clone(),
        source: e.error,
    })?;
    Ok(())
}

/// The file system's clock: the modification time of a file created now at
/// `rel` (then removed), as (seconds, nanoseconds).
pub fn probe_time(root: &Path, rel: &Path) -> Option<(i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    let dir = write_dir(root, rel, true).ok()?;
    let tmp = tempfile::Builder::new()
        .prefix(".factcheck-clock-")
        .tempfile_in(&dir)
        .ok()?;
    let m = tmp.as_file().metadata().ok()?;
    Some((m.mtime(), m.mtime_nsec()))
}

/// Creates a workspace file, failing with [`crate::Error::IdTaken`] if the
/// name exists. The file appears complete or not at all.
pub fn create_new(root: &Path, rel: &Path, contents: &[u8], id: &str) -> crate::Result<()> {
    let dir = write_dir(root, rel, true)?;
    let target = root.join(clean_rel(rel).map_err(|e| refused(root, rel, e))?);
    let tmp = temp_in(&dir, contents)?;
    match tmp.persist_noclobber(&target) {
        Ok(_) => {
            sync_dir(&dir);
            Ok(())
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(crate::Error::IdTaken {
                id: id.to_string(),
                path: clean_rel(rel).unwrap_or_else(|_| rel.to_path_buf()),
            })
        }
        Err(e) => Err(crate::Error::Io {
            action: "create",
            path: target,
            source: e.error,
        }),
    }
}

/// Renames a workspace file without replacing anything at the new name.
pub fn rename_new(root: &Path, from: &Path, to: &Path, id: &str) -> crate::Result<()> {
    let from_dir = write_dir(root, from, false)?;
    let to_dir = write_dir(root, to, true)?;
    let src = root.join(clean_rel(from).map_err(|e| refused(root, from, e))?);
    let dst = root.join(clean_rel(to).map_err(|e| refused(root, to, e))?);
    match std::fs::symlink_metadata(&src) {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(refused(root, from, ReadError::Link)),
        Err(e) => return Err(crate::Error::io("rename", &src)(e)),
    }
    // A hard link fails if the new name exists; then the old name goes.
    match std::fs::hard_link(&src, &dst) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(crate::Error::IdTaken {
                id: id.to_string(),
                path: to.to_path_buf(),
            });
        }
        Err(e) => return Err(crate::Error::io("rename", &src)(e)),
    }
    std::fs::remove_file(&src).map_err(crate::Error::io("remove", &src))?;
    sync_dir(&to_dir);
    sync_dir(&from_dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        create_new(dir.path(), Path::new("a.toml"), b"one", "a").unwrap();
        let err = create_new(dir.path(), Path::new("a.toml"), b"two", "a").unwrap_err();
        assert!(matches!(err, crate::Error::IdTaken { .. }));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.toml")).unwrap(),
            "one"
        );
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn files_get_the_umask_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        create_new(dir.path(), Path::new("claims/a.toml"), b"x", "a").unwrap();
        replace(dir.path(), Path::new("claims/b.toml"), b"x").unwrap();
        // The test process's own umask decides, as it does for git.
        let umask = unsafe {
            // SAFETY: umask only swaps a process-wide integer; set it back at once.
            let old = libc::umask(0o022);
            libc::umask(old);
            old
        };
        let want = 0o666 & !(umask as u32);
        for f in ["claims/a.toml", "claims/b.toml"] {
            let mode = std::fs::metadata(dir.path().join(f))
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(mode, want, "{f}");
        }
    }

    #[test]
    fn reads_refuse_links_anywhere_on_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("sources")).unwrap();
        let err = read(dir.path(), Path::new("sources/x.txt"), 100).unwrap_err();
        assert!(matches!(err, ReadError::Link), "{err:?}");
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("x.txt"),
            dir.path().join("claims/l.toml"),
        )
        .unwrap();
        let err = read(dir.path(), Path::new("claims/l.toml"), 100).unwrap_err();
        assert!(matches!(err, ReadError::Link), "{err:?}");
        // Writing through the linked directory is refused too.
        assert!(replace(dir.path(), Path::new("sources/y.txt"), b"x").is_err());
        assert!(!outside.path().join("y.txt").exists());
    }

    #[test]
    fn paths_that_leave_the_root_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for p in ["../x", "claims/../../x", "/etc/passwd", ""] {
            assert!(
                matches!(read(dir.path(), Path::new(p), 100), Err(ReadError::Outside)),
                "{p}"
            );
        }
        assert_eq!(
            clean_rel(Path::new("claims/./../claims/a.toml")).unwrap(),
            Path::new("claims/a.toml")
        );
        let cwd = dir.path().join("claims");
        assert!(rel_in_root(dir.path(), &cwd, Path::new("../../x.toml")).is_err());
        assert_eq!(
            rel_in_root(dir.path(), &cwd, Path::new("a.toml")).unwrap(),
            Path::new("claims/a.toml")
        );
    }

    #[test]
    fn size_limit_and_pipes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big"), vec![b'x'; 101]).unwrap();
        assert!(matches!(
            read(dir.path(), Path::new("big"), 100),
            Err(ReadError::TooLarge { size: 101, .. })
        ));
        let fifo = CString::new(dir.path().join("pipe").as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid path; mkfifo only creates a node.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        assert!(matches!(
            read(dir.path(), Path::new("pipe"), 100),
            Err(ReadError::NotRegular)
        ));
    }
}
