//! Archived texts as `check` sees them: the hash of each, its text read
//! (and normalized) only when a quote must be searched in it, and which
//! quotes were already found in it, remembered in `.factcheck/cache/` by the
//! archive's stat and hash, so an unchanged archive is neither re-read nor
//! re-searched. A quote not found is always searched again (its diagnostic
//! needs the closest passage).

use crate::model::quote::Archive;
use crate::store::cache::{self, Entry, StatKey, Table};
use crate::store::fsio;
use crate::store::workspace::Workspace;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

const NAME: &str = "archives";

/// What the cache keeps of one archive.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Known {
    pub sha256: String,
    /// Hashes of the quotes found in it.
    pub found: Vec<u64>,
}

/// One archive, read lazily.
pub struct ArchiveText {
    rel: PathBuf,
    root: PathBuf,
    limit: u64,
    key: Option<StatKey>,
    cell: OnceLock<Archive>,
    known: FxHashSet<u64>,
    /// Quotes found in this run that the cache did not know.
    found_now: Mutex<Vec<u64>>,
    /// Every quote searched in this run, and whether it was found (several
    /// rules ask about the same quote).
    searched: Mutex<rustc_hash::FxHashMap<u64, bool>>,
}

fn quote_key(quote: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(quote.as_bytes())
}

impl ArchiveText {
    /// An archive whose text is already read.
    pub fn loaded(archive: Archive, rel: PathBuf, key: Option<StatKey>) -> ArchiveText {
        let cell = OnceLock::new();
        let _ = cell.set(archive);
        ArchiveText {
            rel,
            root: PathBuf::new(),
            limit: 0,
            key,
            cell,
            known: FxHashSet::default(),
            found_now: Mutex::new(Vec::new()),
            searched: Mutex::default(),
        }
    }

    /// An archive known from the cache, read only if needed.
    fn cached(ws: &Workspace, rel: PathBuf, key: StatKey, known: Vec<u64>) -> ArchiveText {
        ArchiveText {
            rel,
            root: ws.root.clone(),
            limit: ws.config.max_file_size,
            key: Some(key),
            cell: OnceLock::new(),
            known: known.into_iter().collect(),
            found_now: Mutex::new(Vec::new()),
            searched: Mutex::default(),
        }
    }

    /// The normalized text (read now if it was not).
    pub fn archive(&self) -> &Archive {
        self.cell.get_or_init(|| {
            let bytes = fsio::read(&self.root, &self.rel, self.limit).unwrap_or_default();
            Archive::new(&String::from_utf8_lossy(&bytes))
        })
    }

    /// Whether the quote occurs in the archive at word boundaries.
    pub fn contains(&self, quote: &str) -> bool {
        let k = quote_key(quote);
        if self.known.contains(&k) {
            return true;
        }
        if let Some(found) = self.searched.lock().ok().and_then(|m| m.get(&k).copied()) {
            return found;
        }
        let found = self.archive().contains(quote);
        if let Ok(mut m) = self.searched.lock() {
            m.insert(k, found);
        }
        if found && let Ok(mut v) = self.found_now.lock() {
            v.push(k);
        }
        found
    }

    pub fn closest_passage(&self, quote: &str) -> Option<String> {
        self.archive().closest_passage(quote)
    }

    fn learned(&self) -> bool {
        self.found_now
            .lock()
            .map(|v| !v.is_empty())
            .unwrap_or(false)
    }
}

/// The archives' cache for this run: loaded before `check` reads the
/// archives, saved after the rules ran.
pub struct ArchiveCache {
    reference: (i64, i64),
    context: Vec<u8>,
    table: Option<Table<Known>>,
    /// Whether anything changed since the cache was written.
    pub stale: bool,
}

impl ArchiveCache {
    pub fn open(ws: &Workspace) -> Option<ArchiveCache> {
        if !ws.use_cache {
            return None;
        }
        let reference = cache::reference_time(&ws.root)?;
        let context = ws.config_digest.to_le_bytes().to_vec();
        let table = cache::load(&ws.root, NAME, &context);
        Some(ArchiveCache {
            reference,
            context,
            stale: table.is_none(),
            table,
        })
    }

    /// The archive at `rel` from the cache, if its stat is unchanged.
    pub fn take(
        &mut self,
        ws: &Workspace,
        rel: PathBuf,
        key: StatKey,
    ) -> Option<(String, ArchiveText)> {
        let k = self.table.as_mut()?.take_fresh(rel.to_str()?, &key);
        match k {
            Some(known) => {
                let sha = known.sha256.clone();
                Some((sha, ArchiveText::cached(ws, rel, key, known.found)))
            }
            None => {
                self.stale = true;
                None
            }
        }
    }

    /// Writes the cache when anything changed: new or changed archives,
    /// removed ones, or quotes newly found.
    pub fn save<'a>(
        mut self,
        ws: &Workspace,
        archives: impl Iterator<Item = (&'a String, &'a ArchiveText)>,
    ) {
        let archives: Vec<_> = archives.collect();
        let removed = self.table.as_ref().is_some_and(|t| !t.is_empty());
        if std::env::var_os("FACTCHECK_CACHE_STATS").is_some() {
            let lazy = archives
                .iter()
                .filter(|(_, a)| a.cell.get().is_none())
                .count();
            eprintln!("cache: archives: {} of {} not read", lazy, archives.len());
        }
        if !(self.stale || removed || archives.iter().any(|(_, a)| a.learned())) {
            return;
        }
        let mut table: Table<Known> = Table::new(self.reference);
        for (sha, a) in archives {
            let Some(key) = a.key else { continue };
            let Some(rel) = a.rel.to_str() else { continue };
            let mut found: Vec<u64> = a.known.iter().copied().collect();
            found.extend(a.found_now.lock().map(|v| v.clone()).unwrap_or_default());
            found.sort_unstable();
            found.dedup();
            table.insert(
                rel.to_string(),
                Entry {
                    key,
                    value: Known {
                        sha256: sha.clone(),
                        found,
                    },
                },
            );
        }
        self.table = None;
        cache::save(&ws.root, NAME, &self.context, &table);
    }
}
