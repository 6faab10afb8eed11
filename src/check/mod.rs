//! `factcheck check`: every problem in the workspace in one run. Parse-level
//! diagnostics come from the loader; each cross-record rule is a file in
//! `rules/`, registered in [`RULES`].

pub mod codes;
pub mod rules;

use crate::diag::Diagnostic;
use crate::id::Id;
use crate::model::{Claim, Source};
use crate::quote::Archive;
use crate::workspace::{Loaded, Workspace};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// The state of one source's archived text.
pub enum ArchiveState {
    /// No `sources/<id>.txt`.
    Missing,
    Unreadable(String),
    Present {
        archive: Archive,
        sha256: String,
    },
}

/// What a rule sees.
pub struct RuleInput<'a> {
    pub root: &'a std::path::Path,
    pub policy: &'a crate::count::CountPolicy,
    pub claims: &'a [Claim],
    pub sources: &'a [Source],
    pub claim_files: &'a HashSet<Id>,
    pub source_files: &'a HashSet<Id>,
    pub sources_by_id: HashMap<&'a str, &'a Source>,
    pub archives: HashMap<&'a str, ArchiveState>,
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

/// Reads every source's archive (in parallel): hash and normalized text.
pub fn read_archives<'a>(ws: &Workspace, sources: &'a [Source]) -> HashMap<&'a str, ArchiveState> {
    sources
        .par_iter()
        .map(|s| {
            let path = ws.path(&Workspace::archive_rel(&s.id));
            let state = match std::fs::symlink_metadata(&path) {
                Err(_) => ArchiveState::Missing,
                Ok(m) if m.file_type().is_symlink() => {
                    ArchiveState::Unreadable("it is a symbolic link".into())
                }
                Ok(m) if m.len() > ws.config.max_file_size => ArchiveState::Unreadable(format!(
                    "it is {} bytes, over the limit of {} bytes",
                    m.len(),
                    ws.config.max_file_size
                )),
                Ok(_) => match std::fs::read(&path) {
                    Err(e) => ArchiveState::Unreadable(e.to_string()),
                    Ok(bytes) => {
                        let sha256 = sha256_hex(&bytes);
                        let text = String::from_utf8_lossy(&bytes);
                        ArchiveState::Present {
                            archive: Archive::new(&text),
                            sha256,
                        }
                    }
                },
            };
            (s.id.as_str(), state)
        })
        .collect()
}

/// Runs the loader's diagnostics and every rule; sorted by file and position.
pub fn check(ws: &Workspace, loaded: &Loaded) -> Vec<Diagnostic> {
    let input = RuleInput {
        root: &ws.root,
        policy: &ws.config.policy,
        claims: &loaded.claims,
        sources: &loaded.sources,
        claim_files: &loaded.claim_files,
        source_files: &loaded.source_files,
        sources_by_id: loaded.sources.iter().map(|s| (s.id.as_str(), s)).collect(),
        archives: read_archives(ws, &loaded.sources),
    };
    let mut out = loaded.diagnostics.clone();
    let found: Vec<Vec<Diagnostic>> = RULES.par_iter().map(|rule| rule(&input)).collect();
    out.extend(found.into_iter().flatten());
    out.sort_by_key(|d| d.sort_key());
    out.dedup();
    out
}
