//! Rendering for people (text tables, Markdown) and scripts (JSON).

pub mod check;
pub mod diff;
pub mod list;
pub mod report;
pub mod show;
pub mod source_diff;
pub mod table;
pub mod timeline;

/// Output format of a reading command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    /// GitHub workflow annotations (`check` only).
    Github,
}

/// How text output looks: colour and table width.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Table width in columns; `None` lets comfy-table ask the terminal.
    pub width: Option<u16>,
}

impl Style {
    pub const PLAIN: Style = Style {
        color: false,
        width: Some(100),
    };
}

/// A JSON document with its schema name first.
pub fn json_doc(command: &str, mut body: serde_json::Value) -> String {
    let mut doc = serde_json::Map::new();
    doc.insert("schema".into(), format!("factcheck/{command}/v1").into());
    if let serde_json::Value::Object(m) = &mut body {
        doc.append(m);
    }
    let mut s = serde_json::to_string_pretty(&serde_json::Value::Object(doc)).unwrap_or_default();
    s.push('\n');
    s
}

/// Shortens long text for a table cell, on a character boundary.
pub fn shorten(s: &str, max: usize) -> String {
    let s = crate::quote::normalize(s);
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
