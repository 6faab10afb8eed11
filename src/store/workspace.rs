//! The workspace on disk: finding its root, reading single records, and
//! loading every record in parallel without stopping at a bad file. Every
//! read goes through the guard in [`super::fsio`].

use super::fsio::{self, ReadError};
use super::parse::{Parsed, parse_claim, parse_entity, parse_event, parse_source};
use crate::error::{Error, Result};
use crate::model::codes::*;
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::diag::{Diagnostic, LineIndex, Loc};
use crate::model::id::Id;
use crate::model::records::*;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    /// Whether reading commands may use the parsed-record cache in
    /// `.factcheck/cache/` (`--no-cache` turns it off; it never changes output).
    pub use_cache: bool,
    /// A hash of factcheck.toml's bytes: what parsed records depend on
    /// besides their own files, so the caches are keyed by it.
    pub config_digest: u64,
}

/// A record file that a reading command could not use, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub code: String,
    pub message: String,
}

/// Everything read from the workspace: the records that parsed cleanly,
/// every diagnostic, the ids of every record file present (parsed or not),
/// and the files skipped.
#[derive(Default, Debug)]
pub struct Loaded {
    pub claims: Vec<Claim>,
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
    /// Ids of the record files present, per kind (in `RecordKind::ALL` order).
    pub present: [FxHashSet<Id>; 4],
    pub skipped: Vec<Skipped>,
}

fn kind_index(kind: RecordKind) -> usize {
    match kind {
        RecordKind::Claim => 0,
        RecordKind::Source => 1,
        RecordKind::Entity => 2,
        RecordKind::Event => 3,
    }
}

impl Loaded {
    pub fn present(&self, kind: RecordKind) -> &FxHashSet<Id> {
        &self.present[kind_index(kind)]
    }

    /// Records the outcome of one file.
    pub(super) fn add(&mut self, outcome: FileOutcome) {
        let FileOutcome {
            kind,
            id,
            rel,
            record,
            diagnostics,
        } = outcome;
        if let Some(id) = id {
            self.present[kind_index(kind)].insert(id);
        }
        match record {
            Some(Record::Claim(c)) => self.claims.push(c),
            Some(Record::Source(s)) => self.sources.push(s),
            Some(Record::Entity(e)) => self.entities.push(e),
            Some(Record::Event(e)) => self.events.push(e),
            None => {
                if let Some(rel) = rel {
                    self.skipped.push(skipped_from(&rel, &diagnostics));
                }
            }
        }
        self.diagnostics.extend(diagnostics);
    }

    pub(super) fn sort(&mut self) {
        self.claims.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        self.sources.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        self.entities.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        self.events.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        self.skipped.sort_by(|a, b| a.file.cmp(&b.file));
    }
}

fn skipped_from(rel: &Path, diags: &[Diagnostic]) -> Skipped {
    match diags
        .iter()
        .filter(|d| d.is_error() && d.file == rel)
        .min_by_key(|d| (d.line, d.column))
    {
        Some(d) => Skipped {
            file: rel.to_path_buf(),
            line: d.line,
            column: d.column,
            code: d.code.to_string(),
            message: d.message.clone(),
        },
        None => Skipped {
            file: rel.to_path_buf(),
            line: 1,
            column: 1,
            code: "E016".into(),
            message: "cannot be read".into(),
        },
    }
}

/// A parsed record of any kind.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum Record {
    Claim(Claim),
    Source(Source),
    Entity(Entity),
    Event(Event),
}

/// What came of one record file.
pub struct FileOutcome {
    pub kind: RecordKind,
    pub id: Option<Id>,
    /// `None` for diagnostics about a directory rather than a file.
    pub rel: Option<PathBuf>,
    pub record: Option<Record>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A read failure as a diagnostic on the file (E016, E017).
pub fn read_diagnostic(rel: &Path, e: &ReadError) -> Diagnostic {
    let code = match e {
        ReadError::TooLarge { .. } => &E017,
        _ => &E016,
    };
    let msg = match e {
        ReadError::TooLarge { size, limit } => {
            format!("file is {size} bytes, over the limit of {limit} bytes; not parsed")
        }
        other => other.describe(),
    };
    Diagnostic::new(code, rel, Loc::START, msg).help(e.help())
}

/// Bytes of a record file to text: UTF-8 (with or without a BOM), not empty.
pub fn record_text(rel: &Path, bytes: Vec<u8>) -> std::result::Result<String, Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let loc = LineIndex::new(valid).loc(valid.len());
        Diagnostic::new(&E016, rel, loc, "file is not valid UTF-8").help("save the file as UTF-8")
    })?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if body.trim().is_empty() {
        return Err(Diagnostic::new(&E003, rel, Loc::START, "file is empty")
            .help("write the record's fields, or remove the file"));
    }
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Parses the text of one record file of `kind`.
pub fn parse_text(
    kind: RecordKind,
    id: &Id,
    rel: &Path,
    text: &str,
    config: &Config,
) -> FileOutcome {
    fn wrap<T>(p: Parsed<T>, f: fn(T) -> Record) -> (Option<Record>, Vec<Diagnostic>) {
        (p.record.map(f), p.diagnostics)
    }
    let stem = id.as_str();
    let (record, diagnostics) = match kind {
        RecordKind::Claim => wrap(parse_claim(stem, rel, text, config), Record::Claim),
        RecordKind::Source => wrap(parse_source(stem, rel, text), Record::Source),
        RecordKind::Entity => wrap(parse_entity(stem, rel, text), Record::Entity),
        RecordKind::Event => wrap(parse_event(stem, rel, text), Record::Event),
    };
    FileOutcome {
        kind,
        id: Some(id.clone()),
        rel: Some(rel.to_path_buf()),
        record,
        diagnostics,
    }
}

/// Parses one record file given as bytes (from disk or from git).
pub fn parse_bytes(
    kind: RecordKind,
    id: &Id,
    rel: &Path,
    bytes: Vec<u8>,
    config: &Config,
) -> FileOutcome {
    match record_text(rel, bytes) {
        Ok(text) => parse_text(kind, id, rel, &text, config),
        Err(d) => FileOutcome {
            kind,
            id: Some(id.clone()),
            rel: Some(rel.to_path_buf()),
            record: None,
            diagnostics: vec![d],
        },
    }
}

impl Workspace {
    /// Walks up from `start` to the nearest directory holding `factcheck.toml`.
    pub fn discover(start: &Path) -> Result<Workspace> {
        let root = find_root(start)?.ok_or_else(|| Error::NoWorkspace {
            start: std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf()),
        })?;
        Workspace::open(&root)
    }

    pub fn open(root: &Path) -> Result<Workspace> {
        let bytes = fsio::read(
            root,
            Path::new(CONFIG_FILE),
            crate::model::config::DEFAULT_MAX_FILE_SIZE,
        )
        .map_err(|e| Error::Refused {
            path: root.join(CONFIG_FILE),
            why: e.describe(),
        })?;
        let config_digest = xxhash_rust::xxh3::xxh3_64(&bytes);
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Config(format!(
                "{CONFIG_FILE}:1:1: error[E016]: file is not valid UTF-8"
            ))
        })?;
        let config = Config::parse(&text).map_err(|d| {
            Error::Config(format!(
                "{}{}",
                d.one_line(),
                d.help.map(|h| format!("\n  help: {h}")).unwrap_or_default()
            ))
        })?;
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
            use_cache: true,
            config_digest,
        })
    }

    pub fn path(&self, rel: &Path) -> PathBuf {
        self.root.join(rel)
    }

    /// Reads a workspace file through the guard, within the size limit.
    pub fn read_bytes(&self, rel: &Path) -> std::result::Result<Vec<u8>, ReadError> {
        fsio::read(&self.root, rel, self.config.max_file_size)
    }

    /// Whether a record of `kind` with this id has a file.
    pub fn has(&self, kind: RecordKind, id: &Id) -> bool {
        fsio::exists(&self.root, &kind.rel(id))
    }

    /// Whether a source has an archived text file.
    pub fn has_archive(&self, id: &Id) -> bool {
        fsio::exists(&self.root, &archive_rel(id))
    }

    /// The ids of the sources with an archived text file, from one listing.
    pub fn archived(&self) -> FxHashSet<String> {
        fsio::list(&self.root, Path::new(RecordKind::Source.dir()))
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.file_type.is_some_and(|t| t.is_file()))
            .filter_map(|e| {
                e.name
                    .to_str()
                    .and_then(|n| n.strip_suffix(".txt"))
                    .map(str::to_string)
            })
            .collect()
    }

    /// Where an id is already in use, by any record or archive.
    pub fn id_in_use(&self, id: &Id) -> Option<PathBuf> {
        RecordKind::ALL
            .iter()
            .map(|k| k.rel(id))
            .chain([archive_rel(id), raw_rel(id)])
            .find(|rel| fsio::exists(&self.root, rel))
    }

    /// Reads one record file's text through the guard. A missing file is
    /// an unknown id.
    pub fn read_record_text(&self, kind: RecordKind, id: &Id) -> Result<String> {
        let rel = kind.rel(id);
        let bytes = match self.read_bytes(&rel) {
            Ok(b) => b,
            Err(ReadError::NotFound) => return Err(self.unknown(kind, id)),
            Err(e) => {
                return Err(Error::BrokenRecord {
                    diagnostics: vec![read_diagnostic(&rel, &e)],
                    path: rel,
                });
            }
        };
        record_text(&rel, bytes).map_err(|d| Error::BrokenRecord {
            path: rel.clone(),
            diagnostics: vec![d],
        })
    }

    /// Reads and parses one record without loading the workspace.
    pub fn read_record(&self, kind: RecordKind, id: &Id) -> Result<Record> {
        let text = self.read_record_text(kind, id)?;
        self.parse_record(kind, id, &text)
    }

    /// Parses a record's text, or says what is wrong with it.
    pub fn parse_record(&self, kind: RecordKind, id: &Id, text: &str) -> Result<Record> {
        let rel = kind.rel(id);
        let out = parse_text(kind, id, &rel, text, &self.config);
        out.record.ok_or(Error::BrokenRecord {
            path: rel,
            diagnostics: out
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect(),
        })
    }

    pub fn read_claim(&self, id: &Id) -> Result<Claim> {
        match self.read_record(RecordKind::Claim, id)? {
            Record::Claim(c) => Ok(c),
            _ => Err(self.unknown(RecordKind::Claim, id)),
        }
    }

    pub fn read_source(&self, id: &Id) -> Result<Source> {
        match self.read_record(RecordKind::Source, id)? {
            Record::Source(s) => Ok(s),
            _ => Err(self.unknown(RecordKind::Source, id)),
        }
    }

    pub fn read_entity(&self, id: &Id) -> Result<Entity> {
        match self.read_record(RecordKind::Entity, id)? {
            Record::Entity(e) => Ok(e),
            _ => Err(self.unknown(RecordKind::Entity, id)),
        }
    }

    pub fn read_event(&self, id: &Id) -> Result<Option<Event>> {
        if !self.has(RecordKind::Event, id) {
            return Ok(None);
        }
        match self.read_record(RecordKind::Event, id)? {
            Record::Event(e) => Ok(Some(e)),
            _ => Ok(None),
        }
    }

    /// The ids of one kind's record files, by name only (no parsing).
    pub fn ids(&self, kind: RecordKind) -> Vec<Id> {
        let mut out: Vec<Id> = fsio::list(&self.root, Path::new(kind.dir()))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| {
                let name = e.name.to_str()?;
                Id::parse(name.strip_suffix(".toml")?).ok()
            })
            .collect();
        out.sort();
        out
    }

    /// An unknown-id error that says what the id is instead, or the nearest
    /// known id ("did you mean").
    pub fn unknown(&self, kind: RecordKind, id: &Id) -> Error {
        let other = RecordKind::ALL
            .into_iter()
            .find(|k| *k != kind && self.has(*k, id));
        let hint = match other {
            Some(o) => Some(format!(
                "`{id}` is {}, not {}",
                o.with_article(),
                kind.with_article()
            )),
            None => {
                let known = self.ids(kind);
                let nearest = known
                    .iter()
                    .map(|k| (strsim::levenshtein(k.as_str(), id.as_str()), k))
                    .filter(|(d, k)| *d <= 2.max(k.as_str().len() / 4))
                    .min()
                    .map(|(_, k)| k.clone())
                    .or_else(|| {
                        known
                            .iter()
                            .find(|k| {
                                k.as_str().starts_with(id.as_str())
                                    || id.as_str().starts_with(k.as_str())
                            })
                            .cloned()
                    });
                match nearest {
                    Some(n) => Some(format!("did you mean `{n}`?")),
                    None if known.is_empty() => {
                        Some(format!("the workspace has no {}s yet", kind.as_str()))
                    }
                    None => Some(format!(
                        "the {}s are the files in {}/ (`factcheck {}` lists them)",
                        kind.as_str(),
                        kind.dir(),
                        match kind {
                            RecordKind::Claim => "list",
                            RecordKind::Source => "source list",
                            RecordKind::Entity => "entity list",
                            RecordKind::Event => "list",
                        }
                    )),
                }
            }
        };
        Error::UnknownId {
            what: kind.as_str(),
            id: id.to_string(),
            hint,
        }
    }

    /// Loads every record, in parallel. Never fails on a bad file: the file
    /// is named in a diagnostic, listed in `skipped`, and left out.
    pub fn load(&self) -> Loaded {
        let mut dir_diags = Vec::new();
        let mut entries: Vec<(RecordKind, Id, PathBuf)> = Vec::new();
        for kind in RecordKind::ALL {
            self.entries(kind, &mut dir_diags, &mut entries);
        }
        let loaded = Loaded {
            diagnostics: dir_diags,
            ..Loaded::default()
        };
        super::record_cache::load(self, entries, loaded)
    }

    /// The `*.toml` record files of one directory. Files that can never be
    /// records (bad names, directories, links) become diagnostics; links and
    /// directories named like records are also skipped records.
    fn entries(
        &self,
        kind: RecordKind,
        diags: &mut Vec<Diagnostic>,
        out: &mut Vec<(RecordKind, Id, PathBuf)>,
    ) {
        let dir = kind.dir();
        let listed = match fsio::list(&self.root, Path::new(dir)) {
            Ok(l) => l,
            Err(e) => {
                diags.push(read_diagnostic(Path::new(dir), &e));
                return;
            }
        };
        for entry in listed {
            let Some(name) = entry.name.to_str() else {
                let rel = Path::new(dir).join(&entry.name);
                diags.push(
                    Diagnostic::new(&W105, &rel, Loc::START, "file name is not UTF-8; ignored")
                        .help("rename or remove it"),
                );
                continue;
            };
            let rel = Path::new(dir).join(name);
            if name.starts_with(".factcheck-tmp-") {
                diags.push(
                    Diagnostic::new(
                        &W107,
                        &rel,
                        Loc::START,
                        "temporary file left by an interrupted write; ignored",
                    )
                    .help(
                        "no record depends on it; delete it when no factcheck command is running",
                    ),
                );
                continue;
            }
            if name.starts_with('.') {
                continue;
            }
            let Some(stem) = name.strip_suffix(".toml") else {
                if kind == RecordKind::Source && (name.ends_with(".txt") || name.ends_with(".html"))
                {
                    continue;
                }
                diags.push(
                    Diagnostic::new(
                        &W105,
                        &rel,
                        Loc::START,
                        format!("{name} is not a record file (records end in .toml); ignored"),
                    )
                    .help(format!("move it out of {dir}/")),
                );
                continue;
            };
            match Id::parse(stem) {
                Ok(id) => out.push((kind, id, rel)),
                Err(why) => {
                    let help = match Id::suggest(stem) {
                        Some(s) => format!("rename the file to {s}.toml"),
                        None => "rename the file to a slug: a-z, 0-9 and '-'".to_string(),
                    };
                    diags.push(
                        Diagnostic::new(
                            &E006,
                            &rel,
                            Loc::START,
                            format!("file name {stem:?} is not a valid id: {why}"),
                        )
                        .help(help),
                    );
                }
            }
        }
    }
}

/// The nearest directory at or above `start` that holds `factcheck.toml`.
pub fn find_root(start: &Path) -> Result<Option<PathBuf>> {
    let start = std::path::absolute(start).map_err(Error::io("resolve", start))?;
    if !start.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a directory",
            start.display()
        )));
    }
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        if d.join(CONFIG_FILE).is_file() {
            return Ok(Some(d.to_path_buf()));
        }
        dir = d.parent();
    }
    Ok(None)
}

/// Loads records from in-memory files (an old revision read through git),
/// with the same parsing and diagnostics as [`Workspace::load`].
pub fn load_snapshot(config: &Config, files: Vec<(PathBuf, Vec<u8>)>) -> Loaded {
    let outcomes: Vec<FileOutcome> = files
        .into_par_iter()
        .filter_map(|(rel, bytes)| {
            let dir = rel.parent().and_then(|p| p.to_str())?;
            let kind = RecordKind::from_dir(dir)?;
            let stem = rel.file_name()?.to_str()?.strip_suffix(".toml")?;
            let id = Id::parse(stem).ok()?;
            Some(parse_bytes(kind, &id, &rel, bytes, config))
        })
        .collect();
    let mut loaded = Loaded::default();
    for o in outcomes {
        loaded.add(o);
    }
    loaded.sort();
    loaded
}
