//! `factcheck init`: a new workspace.

use crate::error::{Error, Result};
use crate::model::config::{CONFIG_FILE, CONFIG_TEMPLATE};
use crate::model::records::RecordKind;
use crate::store::fsio;
use crate::store::lock::WORK_DIR;
use crate::store::workspace::find_root;
use std::path::{Path, PathBuf};

pub struct Options {
    /// Also `git init` the directory (unless it is already in a repository).
    pub git: bool,
    /// Allow a workspace inside another one.
    pub nested: bool,
}

/// What `init` made.
pub struct Initialized {
    pub root: PathBuf,
    /// Whether a git repository was created.
    pub git: bool,
}

/// Creates `factcheck.toml`, `claims/`, `sources/`, `entities/`, `events/`
/// and a `.gitignore` for `.factcheck/` in `dir`.
pub fn init(dir: &Path, opts: &Options) -> Result<Initialized> {
    std::fs::create_dir_all(dir).map_err(Error::io("create", dir))?;
    let given = dir.to_path_buf();
    let dir = std::path::absolute(dir).map_err(Error::io("resolve", dir))?;
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::AlreadyWorkspace { path: given });
    }
    if !opts.nested
        && let Some(parent) = dir.parent()
        && let Some(outer) = find_root(parent)?
    {
        return Err(Error::NestedWorkspace { path: dir, outer });
    }
    for kind in [
        RecordKind::Claim,
        RecordKind::Source,
        RecordKind::Entity,
        RecordKind::Event,
    ] {
        let keep = Path::new(kind.dir()).join(".gitkeep");
        if !fsio::exists(&dir, &keep) {
            fsio::replace(&dir, &keep, b"")?;
        }
    }
    let ignore = Path::new(".gitignore");
    let wanted = format!("{WORK_DIR}/\n");
    match fsio::read(&dir, ignore, 1 << 20) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            if !text
                .lines()
                .any(|l| l.trim() == wanted.trim() || l.trim() == WORK_DIR)
            {
                let mut t = text.into_owned();
                if !t.is_empty() && !t.ends_with('\n') {
                    t.push('\n');
                }
                t.push_str(&wanted);
                fsio::replace(&dir, ignore, t.as_bytes())?;
            }
        }
        Err(_) => fsio::replace(&dir, ignore, wanted.as_bytes())?,
    }
    match fsio::create_new(
        &dir,
        Path::new(CONFIG_FILE),
        CONFIG_TEMPLATE.as_bytes(),
        CONFIG_FILE,
    ) {
        Err(Error::IdTaken { .. }) => return Err(Error::AlreadyWorkspace { path: given }),
        other => other?,
    }
    let mut git = false;
    if opts.git && crate::store::git::Repo::open(&dir).is_err() {
        crate::store::git::init(&dir)?;
        git = true;
    }
    Ok(Initialized { root: dir, git })
}
