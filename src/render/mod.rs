//! Rendering: derived data in, bytes out. Text tables for people, Markdown
//! for pull requests, JSON for scripts, CSV for spreadsheets, HTML for
//! readers, ClaimReview for other fact-checkers. Reads no files.

pub mod check;
pub mod claimreview;
pub mod csv;
pub mod diff;
pub mod html;
pub mod list;
pub mod quote;
pub mod recheck;
pub mod records;
pub mod report;
pub mod show;
pub mod source_diff;
pub mod table;
pub mod timeline;

use crate::store::workspace::Skipped;

/// Output format of a reading command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Csv,
    Html,
    /// GitHub workflow annotations (`check` only).
    Github,
}

/// How text output looks: colour and table width.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Width of the terminal in columns.
    pub width: u16,
}

impl Style {
    pub const PLAIN: Style = Style {
        color: false,
        width: 100,
    };
}

/// The notice that opens text output when records were skipped: nothing a
/// reading command leaves out is silent.
pub fn skipped_text(skipped: &[Skipped]) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "WARNING: {} skipped; what follows leaves {} out:\n",
        plural(skipped.len(), "unreadable file", "unreadable files"),
        if skipped.len() == 1 { "it" } else { "them" }
    );
    for s in skipped {
        out.push_str(&format!(
            "  {}:{}:{}: error[{}]: {}\n",
            s.file.display(),
            s.line,
            s.column,
            s.code,
            s.message
        ));
    }
    out.push_str("  run `factcheck check` for details; `--strict` makes this an error\n\n");
    out
}

/// The same notice in Markdown.
pub fn skipped_markdown(skipped: &[Skipped]) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "> **Warning:** {} skipped; this output leaves {} out:\n",
        plural(skipped.len(), "unreadable file", "unreadable files"),
        if skipped.len() == 1 { "it" } else { "them" }
    );
    for s in skipped {
        out.push_str(&format!(
            "> - `{}:{}:{}`: {} ({})\n",
            s.file.display().to_string().replace('`', ""),
            s.line,
            s.column,
            table::md_escape(&s.message),
            s.code
        ));
    }
    out.push('\n');
    out
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A JSON document with its schema first and `skipped[]` after it.
pub fn json_doc(command: &str, skipped: &[Skipped], body: serde_json::Value) -> String {
    let mut doc = serde_json::Map::new();
    doc.insert("schema".into(), format!("factcheck/{command}/v1").into());
    doc.insert(
        "skipped".into(),
        serde_json::to_value(skipped).unwrap_or_default(),
    );
    if let serde_json::Value::Object(mut m) = body {
        doc.append(&mut m);
    }
    let mut s = serde_json::to_string_pretty(&serde_json::Value::Object(doc)).unwrap_or_default();
    s.push('\n');
    s
}

/// A JSON document of one list of items, serialized straight from the
/// items (no intermediate tree: a list of 100,000 claims stays small).
/// The same shape as [`json_doc`]: `schema`, `skipped`, then `key`.
pub fn json_items<T: serde::Serialize>(
    command: &str,
    skipped: &[Skipped],
    key: &str,
    items: &[T],
) -> String {
    use serde::ser::{SerializeMap, Serializer};
    let mut buf = Vec::new();
    let mut ser =
        serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::new());
    let result = (|| {
        let mut m = ser.serialize_map(Some(3))?;
        m.serialize_entry("schema", &format!("factcheck/{command}/v1"))?;
        m.serialize_entry("skipped", skipped)?;
        m.serialize_entry(key, items)?;
        m.end()
    })();
    if result.is_err() {
        return String::new();
    }
    buf.push(b'\n');
    String::from_utf8(buf).unwrap_or_default()
}

/// Shortens text for a table cell, on a word boundary.
pub fn shorten(s: &str, max: usize) -> String {
    let s = crate::model::quote::normalize(s);
    if s.chars().count() <= max {
        return s;
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    if let Some(i) = out.rfind(' ')
        && i > max / 2
    {
        out.truncate(i);
    }
    out.push('…');
    out
}
