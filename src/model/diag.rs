//! Diagnostics: a stable code, a place (`file:line:column`), one sentence of
//! what is wrong and one of what to do.
//!
//! A diagnostic can only be made from a [`Code`], and every `Code` is declared
//! once, next to the code that emits it, and listed in the registry
//! (`check::codes::all`), so a code cannot exist outside it.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One step of building a fixture workspace for a code (see [`Fixture`]).
#[derive(Debug, Clone, Copy)]
pub enum Step {
    /// Write a text file.
    Write(&'static str, &'static str),
    /// Write raw bytes.
    Bytes(&'static str, &'static [u8]),
    /// A symbolic link at the first path pointing to the second.
    Symlink(&'static str, &'static str),
    /// A directory.
    Dir(&'static str),
    /// A named pipe (root cannot read one either: it blocks, or is refused).
    Fifo(&'static str),
    /// A file of this many bytes.
    Big(&'static str, u64),
    /// `git init`, add everything, commit.
    Commit,
    /// Remove a file.
    Remove(&'static str),
}

/// A small workspace that makes its code appear: the files, then steps.
#[derive(Debug, Clone, Copy)]
pub struct Fixture {
    pub steps: &'static [Step],
}

/// A diagnostic code: `E0xx` errors, `W1xx` warnings.
#[derive(Debug)]
pub struct Code {
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what the problem is.
    pub summary: &'static str,
    /// Workspaces that make this code appear, one per message it can print.
    pub fixtures: &'static [Fixture],
}

/// A place in a file; 1-based, columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Loc {
    pub line: usize,
    pub column: usize,
}

impl Loc {
    pub const START: Loc = Loc { line: 1, column: 1 };
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    /// Relative to the workspace root.
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The text of the offending line, filled in by whoever can read the file
    /// (renderers read no files).
    #[serde(skip)]
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static Code, file: &Path, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.code,
            severity: code.severity,
            file: file.to_path_buf(),
            line: loc.line,
            column: loc.column,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: file, then position, then code.
    pub fn sort_key(&self) -> (PathBuf, usize, usize, &'static str) {
        (self.file.clone(), self.line, self.column, self.code)
    }

    /// `file:line:column: error[E001]: message`, on one line.
    pub fn one_line(&self) -> String {
        format!(
            "{}:{}:{}: {}[{}]: {}",
            self.file.display(),
            self.line,
            self.column,
            self.severity.as_str(),
            self.code,
            self.message
        )
    }
}

/// Byte offsets to line/column for one file.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn loc(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start)
            + 1;
        Loc {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index() {
        let idx = LineIndex::new("ab\ncé\nx");
        assert_eq!(idx.loc(0), Loc { line: 1, column: 1 });
        assert_eq!(idx.loc(3), Loc { line: 2, column: 1 });
        assert_eq!(idx.loc(6), Loc { line: 2, column: 3 });
        assert_eq!(idx.loc(7), Loc { line: 3, column: 1 });
    }
}
