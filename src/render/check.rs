//! `factcheck check` output: rustc-style text (the offending line quoted
//! with a marker), Markdown, JSON, GitHub annotations.

use super::{Format, json_doc};
use crate::model::diag::{Diagnostic, Severity};
use serde_json::json;
use std::path::Path;

/// `prefix` is where the workspace sits inside the git repository (for
/// GitHub annotations); empty when it is the repository root.
pub fn render(
    diags: &[Diagnostic],
    skipped: &[crate::store::workspace::Skipped],
    format: Format,
    color: bool,
    prefix: &Path,
) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match format {
        Format::Json => json_doc(
            "check",
            skipped,
            json!({ "diagnostics": diags, "errors": errors, "warnings": warnings }),
        ),
        Format::Markdown => {
            let mut g = super::table::Grid::new(&["Place", "Code", "Problem", "What to do"]);
            for d in diags {
                let level = if d.is_error() { "error" } else { "warning" };
                g.row(vec![
                    (
                        format!("{}:{}:{}", d.file.display(), d.line, d.column),
                        None,
                    ),
                    (format!("{level} {}", d.code), None),
                    (d.message.clone(), None),
                    (d.help.clone().unwrap_or_default(), None),
                ]);
            }
            let mut out = String::from("### factcheck check\n\n");
            if !diags.is_empty() {
                out.push_str(&g.markdown());
                out.push('\n');
            }
            out.push_str(&format!("**{}**", summary(errors, warnings).trim_end()));
            out.push('\n');
            out
        }
        Format::Github => {
            let mut out = String::new();
            for d in diags {
                let level = if d.is_error() { "error" } else { "warning" };
                let file = prefix.join(&d.file);
                let msg = match &d.help {
                    Some(h) => format!("{}%0Ahelp: {}", d.message, h),
                    None => d.message.clone(),
                };
                out.push_str(&format!(
                    "::{level} file={},line={},col={},title={}::{}\n",
                    escape_property(&file.display().to_string()),
                    d.line,
                    d.column,
                    d.code,
                    escape_data(&msg)
                ));
            }
            out.push_str(&summary(errors, warnings));
            out
        }
        _ => {
            let mut out = String::new();
            let paint = |s: &str, code: &str| {
                if color {
                    format!("\x1b[{code}m{s}\x1b[0m")
                } else {
                    s.to_string()
                }
            };
            for d in diags {
                let (label, c) = match d.severity {
                    Severity::Error => ("error", "1;31"),
                    Severity::Warning => ("warning", "1;33"),
                };
                out.push_str(&format!(
                    "{}: {}: {}\n",
                    paint(
                        &format!("{}:{}:{}", d.file.display(), d.line, d.column),
                        "1"
                    ),
                    paint(&format!("{label}[{}]", d.code), c),
                    d.message
                ));
                if let Some(text) = &d.snippet {
                    let gutter = d.line.to_string();
                    let pad = " ".repeat(gutter.len());
                    let shown: String = text.chars().take(160).collect();
                    let caret_at = d.column.saturating_sub(1).min(shown.chars().count());
                    let lead: String = shown
                        .chars()
                        .take(caret_at)
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    out.push_str(&format!(
                        "{pad} |\n{gutter} | {shown}\n{pad} | {lead}{}\n",
                        paint("^", c)
                    ));
                }
                if let Some(h) = &d.help {
                    out.push_str(&format!("  = help: {h}\n"));
                }
                out.push('\n');
            }
            out.push_str(&summary(errors, warnings));
            out
        }
    }
}

fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if errors == 0 && warnings == 0 {
        "check: no problems found\n".to_string()
    } else {
        format!(
            "check: {}, {}\n",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

/// GitHub workflow command escaping for the message part.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace("%250A", "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
