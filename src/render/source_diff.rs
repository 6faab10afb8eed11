//! `factcheck source diff`: the changed paragraphs of two archived versions
//! of a page, each with a word diff and a paragraph of context, and the
//! changed numbers called out (a figure revised from 15 to 25).

use super::table::md_escape;
use super::{json_doc, shorten};
use crate::model::quote::Piece;
use crate::model::textdiff::{Hunk, hunks};
use serde_json::json;

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn word_diff(pieces: &[Piece], color: bool) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Same(s) => out.push_str(s),
            Piece::Changed { old, new } => {
                if !old.is_empty() {
                    out.push_str(&paint(&format!("[-{old}-]"), "31", color));
                }
                if !new.is_empty() {
                    out.push_str(&paint(&format!("{{+{new}+}}"), "32", color));
                }
            }
        }
    }
    out
}

/// The diff as text, for a terminal.
pub fn text(old: &str, new: &str, color: bool) -> String {
    let hs = hunks(old, new);
    if hs.is_empty() {
        return "the archived texts are identical (after normalizing whitespace and typography)\n"
            .into();
    }
    let mut out = String::new();
    let mut numbers = Vec::new();
    for h in &hs {
        out.push_str(&paint(
            &format!("@@ paragraph {} → {} @@", h.old_paragraph, h.new_paragraph),
            "36",
            color,
        ));
        out.push('\n');
        if let Some(b) = &h.before {
            out.push_str(&format!("  {}\n", shorten(b, 160)));
        }
        for line in word_diff(&h.pieces, color).split('\n') {
            out.push_str(&format!("> {line}\n"));
        }
        if let Some(a) = &h.after {
            out.push_str(&format!("  {}\n", shorten(a, 160)));
        }
        out.push('\n');
        numbers.extend(h.numbers());
    }
    if !numbers.is_empty() {
        out.push_str("changed numbers:\n");
        for (a, b) in numbers {
            let a = if a.is_empty() {
                "(added)".to_string()
            } else {
                a
            };
            let b = if b.is_empty() {
                "(removed)".to_string()
            } else {
                b
            };
            out.push_str(&format!("  {a} → {}\n", paint(&b, "1", color)));
        }
    }
    out
}

/// The changes as data.
pub fn json(old_id: &str, new_id: &str, old: &str, new: &str) -> String {
    let hs = hunks(old, new);
    let changes: Vec<_> = hs
        .iter()
        .flat_map(|h| h.pieces.iter())
        .filter_map(|p| match p {
            Piece::Changed { old, new } => {
                let numbers = !crate::model::count::numbers_in(old).is_empty()
                    || !crate::model::count::numbers_in(new).is_empty()
                    || old.chars().chain(new.chars()).any(char::is_numeric);
                Some(json!({ "old": old, "new": new, "numbers": numbers }))
            }
            Piece::Same(_) => None,
        })
        .collect();
    json_doc(
        "source-diff",
        &[],
        json!({
            "old": old_id,
            "new": new_id,
            "identical": hs.is_empty(),
            "hunks": hs,
            "changes": changes,
        }),
    )
}

fn md_hunk(h: &Hunk) -> String {
    let mut out = format!(
        "**Paragraph {} → {}**\n\n",
        h.old_paragraph, h.new_paragraph
    );
    if let Some(b) = &h.before {
        out.push_str(&format!("> {}\n>\n", md_escape(&shorten(b, 200))));
    }
    let mut line = String::new();
    for p in &h.pieces {
        match p {
            Piece::Same(s) => line.push_str(&md_escape(s)),
            Piece::Changed { old, new } => {
                if !old.is_empty() {
                    line.push_str(&format!("~~{}~~", md_escape(old)));
                }
                if !new.is_empty() {
                    line.push_str(&format!("**{}**", md_escape(new)));
                }
            }
        }
    }
    for l in line.split('\n') {
        out.push_str(&format!("> {l}\n"));
    }
    if let Some(a) = &h.after {
        out.push_str(&format!(">\n> {}\n", md_escape(&shorten(a, 200))));
    }
    out.push('\n');
    out
}

/// The changes in Markdown, for a pull-request comment.
pub fn markdown(old_id: &str, new_id: &str, old: &str, new: &str) -> String {
    let hs = hunks(old, new);
    let mut out = format!("### `{old_id}` → `{new_id}`\n\n");
    if hs.is_empty() {
        out.push_str("The archived texts are identical.\n");
        return out;
    }
    for h in &hs {
        out.push_str(&md_hunk(h));
    }
    let numbers: Vec<(String, String)> = hs.iter().flat_map(|h| h.numbers()).collect();
    if !numbers.is_empty() {
        out.push_str("**Changed numbers:**\n\n");
        for (a, b) in numbers {
            out.push_str(&format!("- {} → {}\n", md_escape(&a), md_escape(&b)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn calls_out_changed_numbers_with_context() {
        let out = super::text(
            "Intro.\n\nStrikes killed 15 people on Sunday.\n\nOutro.",
            "Intro.\n\nStrikes killed 25 people on Sunday.\n\nOutro.",
            false,
        );
        assert!(out.contains("[-15-]{+25+}"), "{out}");
        assert!(out.contains("15 → 25"), "{out}");
        assert!(out.contains("  Intro.\n"), "{out}");
        assert!(out.contains("@@ paragraph 2 → 2 @@"), "{out}");
    }
}
