//! Errors that stop a command, and the exit code each maps to.

use crate::model::diag::Diagnostic;
use std::path::PathBuf;

/// Exit codes (DESIGN): 1 the input was read and found wanting, 2 the command
/// could not be carried out as asked.
pub const EXIT_WANTING: u8 = 1;
pub const EXIT_FAILED: u8 = 2;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no factcheck workspace in {start} or any parent directory\n  help: run `factcheck init` to create one, or pass -C DIR"
    )]
    NoWorkspace { start: PathBuf },
    #[error(
        "{path} is already a factcheck workspace (it has factcheck.toml)\n  help: work in it as it is; nothing was changed"
    )]
    AlreadyWorkspace { path: PathBuf },
    #[error(
        "{path} is inside the factcheck workspace {outer}\n  help: work in that workspace, or pass --nested to make a separate one here"
    )]
    NestedWorkspace { path: PathBuf, outer: PathBuf },
    #[error("invalid id {raw:?}: {why}{}", suggestion.as_ref().map(|s| format!("\n  help: try `{s}`")).unwrap_or_default())]
    InvalidId {
        raw: String,
        why: String,
        suggestion: Option<String>,
    },
    #[error(
        "the id `{id}` is already taken by {path}\n  help: ids are never reused; choose another id"
    )]
    IdTaken { id: String, path: PathBuf },
    #[error("no {what} with id `{id}`{}", hint.as_ref().map(|h| format!("\n  help: {h}")).unwrap_or_default())]
    UnknownId {
        what: &'static str,
        id: String,
        hint: Option<String>,
    },
    #[error("{0}")]
    Usage(String),
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A path the guard refuses: a link, outside the root, too large, ...
    #[error("{} {why}; nothing was read or written there", path.display())]
    Refused { path: PathBuf, why: String },
    #[error(
        "{path} changed on disk while this command was editing it; nothing was written\n  help: run the command again"
    )]
    Conflict { path: PathBuf },
    /// A record that must be read to carry out the command is broken.
    #[error("{} cannot be used until it is fixed:\n{}", path.display(), diagnostics.iter().map(|d| format!("  {}", d.one_line())).collect::<Vec<_>>().join("\n"))]
    BrokenRecord {
        path: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
    /// An edit that would leave the record invalid; nothing was written.
    #[error("the change would make {} invalid, so nothing was written:\n{}", path.display(), diagnostics.iter().map(|d| format!("  {}{}", d.one_line(), d.help.as_ref().map(|h| format!("\n    help: {h}")).unwrap_or_default())).collect::<Vec<_>>().join("\n"))]
    InvalidEdit {
        path: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
    /// The quote is not in the archived text (exit 1).
    #[error("the quote is not in the archived text of source `{source_id}`{}", closest.as_ref().map(|c| format!("\n  closest passage ([-your quote-] {{+archive+}}):\n    {c}")).unwrap_or_else(|| "\n  no passage of the archive shares a word with it".into()))]
    QuoteNotFound {
        source_id: String,
        closest: Option<String>,
    },
    /// The same source and quote are already linked to the claim (exit 1).
    #[error(
        "this quote from `{source_id}` is already linked to `{claim}` (evidence[{index}]); nothing was written"
    )]
    DuplicateLink {
        claim: String,
        source_id: String,
        index: usize,
    },
    /// Count wording the policy cannot read (exit 1).
    #[error(
        "{message}\n  the count policy `{policy}` understands:\n{forms}\n  help: or give --min N [--max N] to record the numbers explicitly"
    )]
    Wording {
        message: String,
        policy: String,
        forms: &'static str,
    },
    /// A fetch that could not complete: unreachable, timeout, too large,
    /// redirects, scheme (exit 2).
    #[error("{0}")]
    Fetch(String),
    /// A page that was fetched and found wanting: a non-2xx status, a PDF or
    /// image, no readable text (exit 1).
    #[error("{0}")]
    PageWanting(String),
    /// Input that was read and found wanting, not tied to a record (exit 1).
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Git(String),
    #[error("{0}")]
    Config(String),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::QuoteNotFound { .. }
            | Error::Wording { .. }
            | Error::DuplicateLink { .. }
            | Error::PageWanting(_)
            | Error::Invalid(_) => EXIT_WANTING,
            _ => EXIT_FAILED,
        }
    }

    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
