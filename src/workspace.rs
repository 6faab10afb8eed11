//! The workspace on disk: finding its root, naming record paths, and loading
//! every record in parallel without stopping at a bad file.

use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Loc};
use crate::error::{Error, Result};
use crate::fxhash::FxHashSet;
use crate::id::Id;
use crate::model::{Claim, Source};
use crate::record::{parse_claim, parse_claim_with, parse_source, parse_source_with};
use rayon::prelude::*;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub const CLAIMS_DIR: &str = "claims";
pub const SOURCES_DIR: &str = "sources";

pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
}

/// The records of one directory.
struct DirRecords<T> {
    records: Vec<T>,
    ids: FxHashSet<Id>,
    diagnostics: Vec<Diagnostic>,
    skipped: Vec<PathBuf>,
}

/// Everything read from the workspace: the records that parsed cleanly, every
/// diagnostic, and the ids of every record file present (parsed or not).
#[derive(Default)]
pub struct Loaded {
    pub claims: Vec<Claim>,
    pub sources: Vec<Source>,
    pub diagnostics: Vec<Diagnostic>,
    pub claim_files: FxHashSet<Id>,
    pub source_files: FxHashSet<Id>,
    /// Record files that could not be read or had errors, relative to the root.
    pub skipped: Vec<PathBuf>,
}

impl Workspace {
    /// Walks up from `start` to the nearest directory holding `factcheck.toml`.
    pub fn discover(start: &Path) -> Result<Workspace> {
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
                return Workspace::open(d);
            }
            dir = d.parent();
        }
        Err(Error::NoWorkspace { start })
    }

    pub fn open(root: &Path) -> Result<Workspace> {
        let config = Config::load(root)?;
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
        })
    }

    pub fn claim_rel(id: &Id) -> PathBuf {
        Path::new(CLAIMS_DIR).join(format!("{id}.toml"))
    }

    pub fn source_rel(id: &Id) -> PathBuf {
        Path::new(SOURCES_DIR).join(format!("{id}.toml"))
    }

    pub fn archive_rel(id: &Id) -> PathBuf {
        Path::new(SOURCES_DIR).join(format!("{id}.txt"))
    }

    pub fn path(&self, rel: &Path) -> PathBuf {
        self.root.join(rel)
    }

    /// Where an id is already in use, as a claim or a source.
    pub fn id_in_use(&self, id: &Id) -> Option<PathBuf> {
        [
            Workspace::claim_rel(id),
            Workspace::source_rel(id),
            Workspace::archive_rel(id),
        ]
        .into_iter()
        .find(|rel| self.path(rel).symlink_metadata().is_ok())
    }

    /// Reads and parses one claim without loading the workspace.
    pub fn read_claim(&self, id: &Id) -> Result<(Claim, String)> {
        let rel = Workspace::claim_rel(id);
        if !self.path(&rel).exists() {
            return Err(self.unknown("claim", id));
        }
        let text = read_record(&self.root, &rel, self.config.max_file_size).map_err(|d| {
            Error::BrokenRecord {
                path: rel.clone(),
                diagnostics: vec![d],
            }
        })?;
        let parsed = parse_claim(id.as_str(), &rel, &text, &self.config.policy);
        match parsed.record {
            Some(c) => Ok((c, text)),
            None => Err(Error::BrokenRecord {
                path: rel,
                diagnostics: parsed.diagnostics,
            }),
        }
    }

    pub fn read_source(&self, id: &Id) -> Result<Source> {
        let rel = Workspace::source_rel(id);
        if !self.path(&rel).exists() {
            return Err(self.unknown("source", id));
        }
        let text = read_record(&self.root, &rel, self.config.max_file_size).map_err(|d| {
            Error::BrokenRecord {
                path: rel.clone(),
                diagnostics: vec![d],
            }
        })?;
        let parsed = parse_source(id.as_str(), &rel, &text);
        parsed.record.ok_or(Error::BrokenRecord {
            path: rel,
            diagnostics: parsed.diagnostics,
        })
    }

    /// An unknown-id error that says what the id is instead, if anything.
    pub fn unknown(&self, what: &'static str, id: &Id) -> Error {
        let other = if what == "claim" { "source" } else { "claim" };
        let other_rel = if what == "claim" {
            Workspace::source_rel(id)
        } else {
            Workspace::claim_rel(id)
        };
        let hint = if self.path(&other_rel).exists() {
            Some(format!("`{id}` is a {other}, not a {what}"))
        } else {
            let dir = if what == "claim" {
                CLAIMS_DIR
            } else {
                SOURCES_DIR
            };
            Some(format!(
                "`factcheck list` shows the claims; the {what}s are the files in {dir}/"
            ))
        };
        Error::UnknownId {
            what,
            id: id.to_string(),
            hint,
        }
    }

    /// Loads every record, in parallel. Never fails on a bad file: the file is
    /// named in a diagnostic and skipped.
    pub fn load(&self) -> Loaded {
        let limit = self.config.max_file_size;
        let policy = &self.config.policy;
        // Both directories at once: listing a directory is serial work, and
        // the other core would otherwise wait.
        let (claims, sources) = rayon::join(
            || {
                self.load_dir(
                    CLAIMS_DIR,
                    |id, rel, text| {
                        let p = parse_claim_with(id, rel, text, policy, false);
                        (p.record, p.diagnostics)
                    },
                    limit,
                )
            },
            || {
                self.load_dir(
                    SOURCES_DIR,
                    |id, rel, text| {
                        let p = parse_source_with(id, rel, text, false);
                        (p.record, p.diagnostics)
                    },
                    limit,
                )
            },
        );
        let mut diagnostics = claims.diagnostics;
        diagnostics.extend(sources.diagnostics);
        let mut skipped = claims.skipped;
        skipped.extend(sources.skipped);
        Loaded {
            claims: claims.records,
            sources: sources.records,
            diagnostics,
            claim_files: claims.ids,
            source_files: sources.ids,
            skipped,
        }
    }

    fn load_dir<T: Send>(
        &self,
        dir: &str,
        parse: impl Fn(&str, &Path, &str) -> (Option<T>, Vec<Diagnostic>) + Sync,
        limit: u64,
    ) -> DirRecords<T> {
        let mut diagnostics = Vec::new();
        let entries = self.entries(dir, &mut diagnostics);
        let parsed: Vec<_> = entries
            .par_iter()
            .map(|(id, rel)| match read_record(&self.root, rel, limit) {
                Ok(text) => parse(id.as_str(), rel, &text),
                Err(d) => (None, vec![d]),
            })
            .collect();
        let mut out = DirRecords {
            records: Vec::with_capacity(entries.len()),
            ids: FxHashSet::default(),
            diagnostics,
            skipped: Vec::new(),
        };
        out.ids.reserve(entries.len());
        for ((id, rel), (record, diags)) in entries.into_iter().zip(parsed) {
            if record.is_none() {
                out.skipped.push(rel);
            }
            out.ids.insert(id);
            out.records.extend(record);
            out.diagnostics.extend(diags);
        }
        out
    }

    /// The `*.toml` record files of one directory, sorted by id. Files that can
    /// never be records (bad names, directories, links) become diagnostics.
    fn entries(&self, dir: &str, diags: &mut Vec<Diagnostic>) -> Vec<(Id, PathBuf)> {
        let abs = self.root.join(dir);
        let read = match std::fs::read_dir(&abs) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => {
                diags.push(
                    Diagnostic::new(
                        "E016",
                        Path::new(dir),
                        Loc::START,
                        format!("cannot read the directory: {e}"),
                    )
                    .help("check its permissions"),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for entry in read.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                let rel = Path::new(dir).join(&name);
                diags.push(
                    Diagnostic::new("W105", &rel, Loc::START, "file name is not UTF-8; ignored")
                        .help("rename or remove it"),
                );
                continue;
            };
            if name.starts_with(".factcheck-tmp-") {
                let rel = Path::new(dir).join(name);
                diags.push(
                    Diagnostic::new(
                        "W107",
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
            let rel = Path::new(dir).join(name);
            let Some(stem) = name.strip_suffix(".toml") else {
                if dir == SOURCES_DIR && name.ends_with(".txt") {
                    continue;
                }
                diags.push(
                    Diagnostic::new(
                        "W105",
                        &rel,
                        Loc::START,
                        format!("{name} is not a record file (records end in .toml); ignored"),
                    )
                    .help(format!("move it out of {dir}/")),
                );
                continue;
            };
            // The type comes from the directory listing: no extra stat per file.
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    diags.push(Diagnostic::new(
                        "E016",
                        &rel,
                        Loc::START,
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            if file_type.is_symlink() {
                diags.push(
                    Diagnostic::new(
                        "E016",
                        &rel,
                        Loc::START,
                        "is a symbolic link; factcheck never follows links in the workspace",
                    )
                    .help("replace the link with the record file itself"),
                );
                continue;
            }
            if file_type.is_dir() {
                diags.push(
                    Diagnostic::new(
                        "E016",
                        &rel,
                        Loc::START,
                        "is a directory, not a record file",
                    )
                    .help(format!(
                        "records are files; move the directory out of {dir}/"
                    )),
                );
                continue;
            }
            match Id::parse(stem) {
                Ok(id) => out.push((id, rel)),
                Err(why) => {
                    let help = match Id::suggest(stem) {
                        Some(s) => format!("rename the file to {s}.toml"),
                        None => "rename the file to a slug: a-z, 0-9 and '-'".to_string(),
                    };
                    diags.push(
                        Diagnostic::new(
                            "E006",
                            &rel,
                            Loc::START,
                            format!("file name {stem:?} is not a valid id: {why}"),
                        )
                        .help(help),
                    );
                }
            }
        }
        out.sort();
        out
    }
}

/// Reads one record file as text: size limit, permissions, UTF-8, BOM.
pub fn read_record(root: &Path, rel: &Path, limit: u64) -> std::result::Result<String, Diagnostic> {
    let abs = root.join(rel);
    let unreadable = |e: std::io::Error| {
        Diagnostic::new(
            "E016",
            rel,
            Loc::START,
            format!("cannot read the file: {}", io_reason(&e)),
        )
        .help("check that the file exists and is readable (permissions)")
    };
    // O_NOFOLLOW: a link is refused by the open itself, in one path lookup.
    // O_NONBLOCK: a FIFO named like a record cannot hang the command.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&abs);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(Diagnostic::new(
                "E016",
                rel,
                Loc::START,
                "is a symbolic link; factcheck never follows links in the workspace",
            )
            .help("replace the link with the record file itself"));
        }
        Err(e) => return Err(unreadable(e)),
    };
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(
            Diagnostic::new("E016", rel, Loc::START, "is a directory, not a record file")
                .help("records are files; move the directory out of the way"),
        );
    }
    if !meta.is_file() {
        return Err(Diagnostic::new(
            "E016",
            rel,
            Loc::START,
            "is not a regular file (a device, socket or pipe)",
        )
        .help("records are plain files; remove it"));
    }
    if meta.len() > limit {
        return Err(Diagnostic::new(
            "E017",
            rel,
            Loc::START,
            format!(
                "file is {} bytes, over the limit of {limit} bytes; not parsed",
                meta.len()
            ),
        )
        .help("split the record, or raise [workspace] max_file_size in factcheck.toml"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let loc = crate::diag::LineIndex::new(valid).loc(valid.len());
        Diagnostic::new("E016", rel, loc, "file is not valid UTF-8").help("save the file as UTF-8")
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Diagnostic::new("E003", rel, Loc::START, "file is empty")
            .help("write the record's fields, or remove the file"));
    }
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "no such file".into(),
        _ => e.to_string(),
    }
}

/// Loads records from in-memory files (an old revision read through git),
/// with the same parsing and diagnostics as [`Workspace::load`].
pub fn load_snapshot(config: &Config, files: &[(PathBuf, Vec<u8>)]) -> Loaded {
    /// One parsed file of the snapshot.
    enum Parsed {
        Claim(Id, Option<Claim>, Vec<Diagnostic>),
        Source(Id, Option<Source>, Vec<Diagnostic>),
        NotUtf8,
    }
    let parsed: Vec<(&PathBuf, Parsed)> = files
        .par_iter()
        .filter_map(|(rel, bytes)| {
            let dir = rel.parent().and_then(|p| p.to_str()).unwrap_or("");
            let stem = rel
                .file_name()
                .and_then(|n| n.to_str())?
                .strip_suffix(".toml")?;
            let id = Id::parse(stem).ok()?;
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Some((rel, Parsed::NotUtf8));
            };
            let text = text.trim_start_matches('\u{feff}');
            let out = match dir {
                CLAIMS_DIR => {
                    let p = parse_claim_with(id.as_str(), rel, text, &config.policy, false);
                    Parsed::Claim(id, p.record, p.diagnostics)
                }
                SOURCES_DIR => {
                    let p = parse_source_with(id.as_str(), rel, text, false);
                    Parsed::Source(id, p.record, p.diagnostics)
                }
                _ => return None,
            };
            Some((rel, out))
        })
        .collect();
    let mut loaded = Loaded::default();
    for (rel, p) in parsed {
        match p {
            Parsed::NotUtf8 => loaded.skipped.push(rel.clone()),
            Parsed::Claim(id, record, diags) => {
                loaded.claim_files.insert(id);
                if record.is_none() {
                    loaded.skipped.push(rel.clone());
                }
                loaded.claims.extend(record);
                loaded.diagnostics.extend(diags);
            }
            Parsed::Source(id, record, diags) => {
                loaded.source_files.insert(id);
                if record.is_none() {
                    loaded.skipped.push(rel.clone());
                }
                loaded.sources.extend(record);
                loaded.diagnostics.extend(diags);
            }
        }
    }
    loaded.claims.sort_by(|a, b| a.id.cmp(&b.id));
    loaded.sources.sort_by(|a, b| a.id.cmp(&b.id));
    loaded
}
