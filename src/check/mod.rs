//! `factcheck check`: every problem in the workspace in one run. Parse-level
//! diagnostics come from the loader; each cross-record rule is a file in
//! `rules/`, registered in [`RULES`].

pub mod codes;
pub mod rules;

use crate::diag::Diagnostic;
use crate::fxhash::{FxHashMap, FxHashSet};
use crate::id::Id;
use crate::model::{Claim, Source};
use crate::quote::Archive;
use crate::workspace::{Loaded, Workspace};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The state of one source's archived text.
pub enum ArchiveState {
    Unreadable(String),
    Present { archive: Archive, sha256: String },
}

/// What a rule sees.
pub struct RuleInput<'a> {
    pub root: &'a std::path::Path,
    pub policy: &'a crate::count::CountPolicy,
    pub claims: &'a [Claim],
    pub sources: &'a [Source],
    pub claim_files: &'a FxHashSet<Id>,
    pub source_files: &'a FxHashSet<Id>,
    pub sources_by_id: HashMap<&'a str, &'a Source>,
    /// Archived texts by source id; a source with none is absent.
    pub archives: FxHashMap<String, ArchiveState>,
}

impl RuleInput<'_> {
    /// Where a field of a claim is written (`evidence.2.quote`, `denies`).
    pub fn claim_loc(&self, c: &Claim, key: &str) -> crate::diag::Loc {
        if !c.locs.0.is_empty() {
            return c.locs.get(key);
        }
        crate::record::locate(self.root, &c.path, key, self.policy, true)
    }

    /// Where a field of a source is written (`cites.0`, `sha256`).
    pub fn source_loc(&self, s: &Source, key: &str) -> crate::diag::Loc {
        if !s.locs.0.is_empty() {
            return s.locs.get(key);
        }
        crate::record::locate(self.root, &s.path, key, self.policy, false)
    }
}

pub type Rule = fn(&RuleInput<'_>) -> Vec<Diagnostic>;

/// Every cross-record rule, in the order they run.
pub const RULES: &[Rule] = &[
    rules::duplicate_ids::run,
    rules::references::run,
    rules::cycles::run,
    rules::archives::run,
    rules::quotes::run,
    rules::revisions::run,
    rules::unsourced::run,
];

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads every archive (`sources/*.txt`) in parallel: hash and normalized text.
pub fn read_archives(ws: &Workspace) -> FxHashMap<String, ArchiveState> {
    let dir = ws.root.join(crate::workspace::SOURCES_DIR);
    let names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(r) => r
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".txt"))
                    .map(str::to_string)
            })
            .filter(|stem| !stem.starts_with('.'))
            .collect(),
        Err(_) => Vec::new(),
    };
    let limit = ws.config.max_file_size;
    names
        .into_par_iter()
        .map(|stem| {
            let path = dir.join(format!("{stem}.txt"));
            let state = read_archive(&path, limit);
            (stem, state)
        })
        .collect()
}

fn read_archive(path: &std::path::Path, limit: u64) -> ArchiveState {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return ArchiveState::Unreadable("it is a symbolic link".into());
        }
        Err(e) => return ArchiveState::Unreadable(e.to_string()),
    };
    match file.metadata() {
        Ok(m) if !m.is_file() => {
            return ArchiveState::Unreadable("it is not a regular file".into());
        }
        Ok(m) if m.len() > limit => {
            return ArchiveState::Unreadable(format!(
                "it is {} bytes, over the limit of {limit} bytes",
                m.len()
            ));
        }
        Err(e) => return ArchiveState::Unreadable(e.to_string()),
        _ => {}
    }
    let mut bytes = Vec::new();
    if let Err(e) = file.read_to_end(&mut bytes) {
        return ArchiveState::Unreadable(e.to_string());
    }
    let sha256 = sha256_hex(&bytes);
    let text = String::from_utf8_lossy(&bytes);
    ArchiveState::Present {
        archive: Archive::new(&text),
        sha256,
    }
}

/// Loads the workspace and reads the archives at the same time.
pub fn load_for_check(ws: &Workspace) -> (Loaded, FxHashMap<String, ArchiveState>) {
    rayon::join(|| ws.load(), || read_archives(ws))
}

/// Runs the loader's diagnostics and every rule; sorted by file and position.
pub fn check(ws: &Workspace, loaded: &Loaded) -> Vec<Diagnostic> {
    check_with(ws, loaded, read_archives(ws))
}

/// [`check`] with the archives already read (see [`load_for_check`]).
pub fn check_with(
    ws: &Workspace,
    loaded: &Loaded,
    archives: FxHashMap<String, ArchiveState>,
) -> Vec<Diagnostic> {
    let input = RuleInput {
        root: &ws.root,
        policy: &ws.config.policy,
        claims: &loaded.claims,
        sources: &loaded.sources,
        claim_files: &loaded.claim_files,
        source_files: &loaded.source_files,
        sources_by_id: loaded.sources.iter().map(|s| (s.id.as_str(), s)).collect(),
        archives,
    };
    let mut out = loaded.diagnostics.clone();
    let found: Vec<Vec<Diagnostic>> = RULES.par_iter().map(|rule| rule(&input)).collect();
    out.extend(found.into_iter().flatten());
    out.sort_by_key(|d| d.sort_key());
    out.dedup();
    out
}
