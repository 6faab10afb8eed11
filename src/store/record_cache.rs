//! Loading the workspace through the parsed-record cache (see `cache`):
//! stat every record file, take what the cache holds for the files whose
//! stat is unchanged, read and parse the rest, and rewrite the cache when
//! enough has changed. The result is the same `Loaded` as without a cache.

use super::cache::{self, Entry, StatKey, Table};
use super::fsio;
use super::workspace::{FileOutcome, Loaded, Record, Workspace, parse_bytes, read_diagnostic};
use crate::model::codes::FILE_CODES;
use crate::model::diag::Diagnostic;
use crate::model::id::Id;
use crate::model::records::{Claim, Entity, Event, RecordKind, Source};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const NAME: &str = "records";

/// Rewrite the cache when more than 1 in this many files changed since it
/// was written; below that, the few changed files are simply re-parsed.
const REWRITE_BELOW: usize = 50;

/// A diagnostic as cached; its code is looked up again when loaded.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedDiag {
    code: String,
    file: PathBuf,
    line: usize,
    column: usize,
    message: String,
    help: Option<String>,
    snippet: Option<String>,
}

impl CachedDiag {
    fn of(d: &Diagnostic) -> CachedDiag {
        CachedDiag {
            code: d.code.to_string(),
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            help: d.help.clone(),
            snippet: d.snippet.clone(),
        }
    }

    fn diagnostic(self) -> Option<Diagnostic> {
        let code = FILE_CODES.iter().find(|c| c.code == self.code)?;
        Some(Diagnostic {
            code: code.code,
            severity: code.severity,
            file: self.file,
            line: self.line,
            column: self.column,
            message: self.message,
            help: self.help,
            snippet: self.snippet,
        })
    }
}

/// What one record file parsed to.
#[derive(Debug, Deserialize)]
struct Parsed {
    /// Boxed, so the cache's tables stay small while records move out.
    record: Option<Box<Record>>,
    diagnostics: Vec<CachedDiag>,
}

/// The same, borrowed from what was loaded, for writing without a copy.
/// Its encoding is the same as `Parsed`'s.
#[derive(Serialize)]
struct ParsedRef<'a> {
    record: Option<RecordRef<'a>>,
    diagnostics: &'a [CachedDiag],
}

#[derive(Serialize)]
enum RecordRef<'a> {
    Claim(&'a Claim),
    Source(&'a Source),
    Entity(&'a Entity),
    Event(&'a Event),
}

/// The record directories, each opened once through the guard.
struct Dirs(Vec<(RecordKind, Option<fsio::Dir>)>);

impl Dirs {
    fn open(ws: &Workspace) -> Dirs {
        Dirs(
            RecordKind::ALL
                .iter()
                .map(|k| (*k, fsio::Dir::open(&ws.root, Path::new(k.dir())).ok()))
                .collect(),
        )
    }

    fn get(&self, kind: RecordKind) -> Option<&fsio::Dir> {
        self.0
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, d)| d.as_ref())
    }

    fn stat(&self, f: &Found) -> Option<StatKey> {
        self.get(f.kind)?.regular_file(f.rel.file_name()?)
    }

    /// Reads and parses one record file: the outcome, and the stat of the
    /// bytes read.
    fn read(&self, ws: &Workspace, f: &Found) -> (Option<StatKey>, FileOutcome) {
        let limit = ws.config.max_file_size;
        let read = match (self.get(f.kind), f.rel.file_name()) {
            (Some(d), Some(name)) => d.read(name, limit),
            _ => fsio::read_with_meta(&ws.root, &f.rel, limit),
        };
        match read {
            Ok((bytes, meta)) => (
                Some(StatKey::of(&meta)),
                parse_bytes(f.kind, &f.id, &f.rel, bytes, &ws.config),
            ),
            Err(e) => (
                None,
                FileOutcome {
                    kind: f.kind,
                    id: Some(f.id.clone()),
                    diagnostics: vec![read_diagnostic(&f.rel, &e)],
                    rel: Some(f.rel.clone()),
                    record: None,
                },
            ),
        }
    }
}

/// What the new cache will hold of one file (its record is taken from the
/// loaded records when the cache is written).
type Manifest = (String, StatKey, RecordKind, Id, bool, Vec<CachedDiag>);

/// One record file found, and what is known of it.
struct Found {
    kind: RecordKind,
    id: Id,
    rel: PathBuf,
    key: Option<StatKey>,
}

/// Loads every record, using and refreshing the cache. Falls back to a
/// plain load when the work directory cannot be written.
pub fn load(ws: &Workspace, found: Vec<(RecordKind, Id, PathBuf)>, mut loaded: Loaded) -> Loaded {
    let dirs = Dirs::open(ws);
    let found: Vec<Found> = found
        .into_iter()
        .map(|(kind, id, rel)| Found {
            kind,
            id,
            rel,
            key: None,
        })
        .collect();
    let reference = if ws.use_cache {
        cache::reference_time(&ws.root)
    } else {
        None
    };
    let Some(reference) = reference else {
        return plain(ws, &dirs, found, loaded);
    };
    // What the cached values depend on besides the files: factcheck.toml.
    let context = ws.config_digest.to_le_bytes();
    let mut table: Option<Table<Parsed>> = cache::load(&ws.root, NAME, &context);
    let had_cache = table.is_some();
    let cached_count = table.as_ref().map_or(0, |t| t.len());
    // Stat every file, one open directory per kind.
    let found: Vec<Found> = found
        .into_par_iter()
        .map(|mut f| {
            f.key = dirs.stat(&f);
            f
        })
        .collect();
    // Take what the cache still holds, shard by shard on all cores; the
    // rest is read and parsed.
    let (mut hits, mut misses): (Vec<(Found, Parsed)>, Vec<Found>) = (Vec::new(), Vec::new());
    match &mut table {
        Some(t) => {
            let reference = t.reference;
            let mut by_shard: Vec<Vec<Found>> = (0..cache::SHARDS).map(|_| Vec::new()).collect();
            for f in found {
                match f.rel.to_str() {
                    Some(r) => by_shard[cache::shard_of(r)].push(f),
                    None => misses.push(f),
                }
            }
            type Split = (Vec<(Found, Parsed)>, Vec<Found>);
            let parts: Vec<Split> = t
                .shards
                .par_iter_mut()
                .zip(by_shard)
                .map(|(shard, files)| {
                    let (mut h, mut m) = (Vec::new(), Vec::new());
                    for f in files {
                        let fresh = match (&f.key, f.rel.to_str()) {
                            (Some(k), Some(r)) => cache::take_from(shard, reference, r, k),
                            _ => None,
                        };
                        match fresh {
                            Some(p) => h.push((f, p)),
                            None => m.push(f),
                        }
                    }
                    (h, m)
                })
                .collect();
            for (h, m) in parts {
                hits.extend(h);
                misses.extend(m);
            }
        }
        None => misses = found,
    }
    let parsed: Vec<(Found, Option<StatKey>, FileOutcome)> = misses
        .into_par_iter()
        .map(|f| {
            let (key, o) = dirs.read(ws, &f);
            (f, key, o)
        })
        .collect();
    let changed = parsed.len() + table.as_ref().map_or(0, |t| t.len());
    let rewrite = !had_cache || changed * REWRITE_BELOW > cached_count.max(1);
    // What is left in the cache is for files gone or changed.
    drop(table);
    if std::env::var_os("FACTCHECK_CACHE_STATS").is_some() {
        eprintln!(
            "cache: records: {} from the cache, {} read{}",
            hits.len(),
            parsed.len(),
            if rewrite { ", cache rewritten" } else { "" }
        );
    }
    // What the new cache will hold: each file's key, kind, id and diagnostics.
    let mut manifest: Vec<Manifest> = Vec::new();
    for (f, p) in hits {
        let diagnostics: Option<Vec<Diagnostic>> = p
            .diagnostics
            .iter()
            .cloned()
            .map(CachedDiag::diagnostic)
            .collect();
        let Some(diagnostics) = diagnostics else {
            // A code this build does not know: parse the file again.
            loaded.add(dirs.read(ws, &f).1);
            continue;
        };
        if rewrite && let (Some(k), Some(r)) = (f.key, f.rel.to_str()) {
            manifest.push((
                r.to_string(),
                k,
                f.kind,
                f.id.clone(),
                p.record.is_some(),
                p.diagnostics,
            ));
        }
        loaded.add(FileOutcome {
            kind: f.kind,
            id: Some(f.id),
            rel: Some(f.rel),
            record: p.record.map(|r| *r),
            diagnostics,
        });
    }
    for (f, key, o) in parsed {
        if rewrite && let (Some(k), Some(r)) = (key, f.rel.to_str()) {
            let diags = o.diagnostics.iter().map(CachedDiag::of).collect();
            manifest.push((
                r.to_string(),
                k,
                f.kind,
                f.id.clone(),
                o.record.is_some(),
                diags,
            ));
        }
        loaded.add(o);
    }
    loaded.sort();
    if rewrite {
        save(ws, &context, reference, &loaded, &manifest);
    }
    loaded
}

/// Without a cache: read and parse everything.
fn plain(ws: &Workspace, dirs: &Dirs, found: Vec<Found>, mut loaded: Loaded) -> Loaded {
    let outcomes: Vec<FileOutcome> = found.into_par_iter().map(|f| dirs.read(ws, &f).1).collect();
    for o in outcomes {
        loaded.add(o);
    }
    loaded.sort();
    loaded
}

fn save(
    ws: &Workspace,
    context: &[u8],
    reference: (i64, i64),
    loaded: &Loaded,
    manifest: &[Manifest],
) {
    fn find<'a, T>(v: &'a [T], id: &Id, key: impl Fn(&T) -> &Id) -> Option<&'a T> {
        v.binary_search_by(|x| key(x).cmp(id)).ok().map(|i| &v[i])
    }
    let mut table: Table<ParsedRef<'_>> = Table::new(reference);
    for (rel, key, kind, id, has_record, diagnostics) in manifest {
        let record = if *has_record {
            let r = match kind {
                RecordKind::Claim => find(&loaded.claims, id, |c| &c.id).map(RecordRef::Claim),
                RecordKind::Source => find(&loaded.sources, id, |c| &c.id).map(RecordRef::Source),
                RecordKind::Entity => find(&loaded.entities, id, |c| &c.id).map(RecordRef::Entity),
                RecordKind::Event => find(&loaded.events, id, |c| &c.id).map(RecordRef::Event),
            };
            // A record that did not make it into the load is not cached.
            let Some(r) = r else { continue };
            Some(r)
        } else {
            None
        };
        table.insert(
            rel.clone(),
            Entry {
                key: *key,
                value: ParsedRef {
                    record,
                    diagnostics,
                },
            },
        );
    }
    cache::save(&ws.root, NAME, context, &table);
}
