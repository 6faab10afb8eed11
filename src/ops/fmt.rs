//! `factcheck fmt`: records rewritten in the canonical layout, comments kept.

use crate::error::{Error, Result};
use crate::model::records::RecordKind;
use crate::store::canonical::format_record;
use crate::store::fsio;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::{Workspace, read_diagnostic};
use std::path::{Path, PathBuf};

/// What `fmt` found.
#[derive(Default)]
pub struct Formatted {
    /// Files that are (or, with `check`, would be) rewritten.
    pub changed: Vec<PathBuf>,
    /// Files that could not be formatted, and why.
    pub skipped: Vec<(PathBuf, String)>,
}

/// The record kind of a workspace path (`claims/x.toml`), or why it is not one.
fn record_kind(rel: &Path) -> Result<RecordKind> {
    let dir = rel.parent().and_then(|p| p.to_str()).unwrap_or("");
    match (
        RecordKind::from_dir(dir),
        rel.extension().and_then(|e| e.to_str()),
    ) {
        (Some(k), Some("toml")) => Ok(k),
        _ => Err(Error::Usage(format!(
            "{} is not a record (records are claims/, sources/, entities/ and events/ *.toml)",
            rel.display()
        ))),
    }
}

/// Formats `paths` (relative to `cwd`), or every record when empty.
pub fn fmt(ws: &Workspace, cwd: &Path, paths: &[PathBuf], check: bool) -> Result<Formatted> {
    let files: Vec<(PathBuf, RecordKind)> = if paths.is_empty() {
        let mut v = Vec::new();
        for kind in RecordKind::ALL {
            v.extend(ws.ids(kind).into_iter().map(|id| (kind.rel(&id), kind)));
        }
        v
    } else {
        paths
            .iter()
            .map(|p| {
                let rel = fsio::rel_in_root(&ws.root, cwd, p).map_err(|e| Error::Refused {
                    path: p.clone(),
                    why: e.describe(),
                })?;
                let kind = record_kind(&rel)?;
                Ok((rel, kind))
            })
            .collect::<Result<_>>()?
    };
    let _lock = (!check)
        .then(|| WorkspaceLock::acquire(&ws.root))
        .transpose()?;
    let mut out = Formatted::default();
    for (rel, kind) in files {
        let raw = match ws.read_bytes(&rel) {
            Ok(b) => b,
            Err(e) => {
                out.skipped
                    .push((rel.clone(), read_diagnostic(&rel, &e).message));
                continue;
            }
        };
        let Ok(raw) = String::from_utf8(raw) else {
            out.skipped.push((rel, "file is not valid UTF-8".into()));
            continue;
        };
        let formatted = match format_record(&raw, kind) {
            Ok(f) => f,
            Err(e) => {
                out.skipped.push((rel, e.to_string()));
                continue;
            }
        };
        if formatted != raw {
            if !check {
                fsio::replace(&ws.root, &rel, formatted.as_bytes())?;
            }
            out.changed.push(rel);
        }
    }
    Ok(out)
}
