//! `factcheck check`: every problem in the workspace in one run. Parse-level
//! diagnostics come from loading; each cross-record rule is a file in
//! `rules/`, registered in [`rules::RULES`] with the codes it emits.

pub mod archive_text;
pub mod codes;
pub mod rules;

use archive_text::ArchiveCache;
pub use archive_text::ArchiveText;

use crate::analysis::{Analysis, Inputs};
use crate::model::diag::{Diagnostic, Loc};
use crate::model::id::Id;
use crate::model::quote::Archive;
use crate::model::records::{RecordKind, archive_rel};
use crate::store::fsio;
use crate::store::git::{Deleted, Repo};
use crate::store::workspace::{Loaded, Workspace};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The state of one source's archived text.
#[allow(clippy::large_enum_variant)] // one per source, never moved after reading
pub enum ArchiveState {
    Unreadable(String),
    Present {
        archive: ArchiveText,
        sha256: String,
    },
}

/// What git remembers of the workspace, for the rule that ids are never
/// reused. `None` outside a git repository or without git.
pub struct History {
    pub deleted: Vec<Deleted>,
    /// Records at HEAD.
    pub head: Loaded,
}

/// What a rule sees.
pub struct RuleInput<'a> {
    pub ws: &'a Workspace,
    pub loaded: &'a Loaded,
    pub analysis: &'a Analysis<'a>,
    /// Archived texts by source id; a source with none is absent.
    pub archives: &'a FxHashMap<String, ArchiveState>,
    pub history: Option<&'a History>,
}

impl RuleInput<'_> {
    /// Where a field of a record is written (`evidence.2.quote`, `denies`):
    /// the file is read again, only for the few records with a diagnostic.
    pub fn loc(&self, kind: RecordKind, id: &Id, key: &str) -> Loc {
        match self.ws.read_bytes(&kind.rel(id)) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                crate::store::parse::locate(text.trim_start_matches('\u{feff}'), key)
            }
            Err(_) => Loc::START,
        }
    }

    pub fn claim_loc(&self, id: &Id, key: &str) -> Loc {
        self.loc(RecordKind::Claim, id, key)
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads every archive (`sources/*.txt`) in parallel through the guard:
/// hash and normalized text. With a cache, an archive whose stat is
/// unchanged is not read at all (its hash is remembered, its text read
/// only if a quote must be searched in it).
pub fn read_archives(
    ws: &Workspace,
    mut cache: Option<&mut ArchiveCache>,
) -> FxHashMap<String, ArchiveState> {
    use crate::store::cache::StatKey;
    let dir_rel = Path::new(RecordKind::Source.dir());
    let names: Vec<(String, Id)> = fsio::list(&ws.root, dir_rel)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|e| {
            let stem = e
                .name
                .to_str()
                .and_then(|n| n.strip_suffix(".txt"))
                .filter(|stem| !stem.starts_with('.'))?
                .to_string();
            let id = Id::parse(&stem).ok()?;
            Some((stem, id))
        })
        .collect();
    let dir = fsio::Dir::open(&ws.root, dir_rel).ok();
    let stated: Vec<(String, Id, Option<StatKey>)> = names
        .into_par_iter()
        .map(|(stem, id)| {
            let key = match (&dir, cache.is_some()) {
                (Some(d), true) => d.regular_file(std::ffi::OsStr::new(&format!("{stem}.txt"))),
                _ => None,
            };
            (stem, id, key)
        })
        .collect();
    let mut out: FxHashMap<String, ArchiveState> = FxHashMap::default();
    let mut misses = Vec::new();
    for (stem, id, key) in stated {
        let hit = match (cache.as_deref_mut(), key) {
            (Some(c), Some(k)) => c.take(ws, archive_rel(&id), k),
            _ => None,
        };
        match hit {
            Some((sha256, archive)) => {
                out.insert(stem, ArchiveState::Present { archive, sha256 });
            }
            None => misses.push((stem, id)),
        }
    }
    let limit = ws.config.max_file_size;
    let read: Vec<(String, ArchiveState)> = misses
        .into_par_iter()
        .map(|(stem, id)| {
            let rel = archive_rel(&id);
            let read = match &dir {
                Some(d) => d.read(std::ffi::OsStr::new(&format!("{stem}.txt")), limit),
                None => fsio::read_with_meta(&ws.root, &rel, limit),
            };
            let state = match read {
                Ok((bytes, meta)) => ArchiveState::Present {
                    sha256: sha256_hex(&bytes),
                    archive: ArchiveText::loaded(
                        Archive::new(&String::from_utf8_lossy(&bytes)),
                        rel,
                        Some(StatKey::of(&meta)),
                    ),
                },
                Err(e) => ArchiveState::Unreadable(e.describe()),
            };
            (stem, state)
        })
        .collect();
    out.extend(read);
    out
}

/// The git history of the workspace, when it is in a repository.
pub fn read_history(ws: &Workspace) -> Option<History> {
    let repo = Repo::open(&ws.root).ok()?;
    let head = repo.resolve("HEAD").ok()?;
    let deleted = repo.deleted_records().ok()?;
    let files = repo.files(&head).ok()?;
    Some(History {
        deleted,
        head: crate::store::workspace::load_snapshot(&ws.config, files),
    })
}

/// The outcome of `check`.
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub loaded: Loaded,
}

/// Loads the workspace and runs every rule; diagnostics sorted by file and
/// position, each with the text of its line.
pub fn check(ws: &Workspace) -> Checked {
    let mut cache = ArchiveCache::open(ws);
    let ((loaded, archives), history) = rayon::join(
        || rayon::join(|| ws.load(), || read_archives(ws, cache.as_mut())),
        || read_history(ws),
    );
    let diagnostics = check_loaded(ws, &loaded, &archives, history.as_ref());
    if let Some(c) = cache {
        c.save(
            ws,
            archives.values().filter_map(|s| match s {
                ArchiveState::Present { archive, sha256 } => Some((sha256, archive)),
                ArchiveState::Unreadable(_) => None,
            }),
        );
    }
    Checked {
        diagnostics,
        loaded,
    }
}

/// Runs every rule over records already loaded.
pub fn check_loaded(
    ws: &Workspace,
    loaded: &Loaded,
    archives: &FxHashMap<String, ArchiveState>,
    history: Option<&History>,
) -> Vec<Diagnostic> {
    let analysis = Analysis::new(Inputs {
        claims: &loaded.claims,
        sources: &loaded.sources,
        entities: &loaded.entities,
        events: &loaded.events,
        config: &ws.config,
    });
    let input = RuleInput {
        ws,
        loaded,
        analysis: &analysis,
        archives,
        history,
    };
    let mut out = loaded.diagnostics.clone();
    let found: Vec<Vec<Diagnostic>> = rules::RULES.par_iter().map(|r| (r.run)(&input)).collect();
    out.extend(found.into_iter().flatten());
    out.sort_by_key(|d| d.sort_key());
    out.dedup();
    attach_snippets(ws, &mut out);
    out
}

/// Fills in the text of each diagnostic's line, reading each file once.
fn attach_snippets(ws: &Workspace, diags: &mut [Diagnostic]) {
    let mut cache: FxHashMap<std::path::PathBuf, Option<Vec<String>>> = FxHashMap::default();
    for d in diags.iter_mut() {
        let lines = cache.entry(d.file.clone()).or_insert_with(|| {
            let bytes = ws.read_bytes(&d.file).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            Some(
                text.trim_start_matches('\u{feff}')
                    .lines()
                    .map(str::to_string)
                    .collect(),
            )
        });
        d.snippet = lines
            .as_ref()
            .and_then(|l| l.get(d.line.checked_sub(1)?).cloned());
    }
}
