//! `factcheck source diff`: a word diff of two archived versions of a page,
//! with changed numbers called out (a figure revised from 15 to 25).

use crate::quote::{Piece, word_pieces};

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

/// Words of context kept around each change.
const CONTEXT: usize = 8;

fn head_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() <= n {
        s.to_string()
    } else {
        format!("{}…", words[..n].join(" "))
    }
}

fn tail_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() <= n {
        s.to_string()
    } else {
        format!("…{}", words[words.len() - n..].join(" "))
    }
}

/// The changes as data: each replaced passage, and the changed numbers.
pub fn json(old_id: &str, new_id: &str, old: &str, new: &str) -> String {
    #[derive(serde::Serialize)]
    struct Change {
        old: String,
        new: String,
        numbers: bool,
    }
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        old: &'a str,
        new: &'a str,
        identical: bool,
        changes: Vec<Change>,
    }
    let (o, n) = (crate::quote::normalize(old), crate::quote::normalize(new));
    let changes = word_pieces(&o, &n)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Changed { old, new } => {
                let numbers = has_digit(&old) || has_digit(&new);
                Some(Change { old, new, numbers })
            }
            Piece::Same(_) => None,
        })
        .collect();
    let doc = Doc {
        schema: "factcheck/source-diff/v1",
        old: old_id,
        new: new_id,
        identical: o == n,
        changes,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The changes as a Markdown list, for a pull-request comment.
pub fn markdown(old_id: &str, new_id: &str, old: &str, new: &str) -> String {
    use super::table::md_escape;
    let (o, n) = (crate::quote::normalize(old), crate::quote::normalize(new));
    let mut out = format!("### `{old_id}` → `{new_id}`\n\n");
    if o == n {
        out.push_str("The archived texts are identical.\n");
        return out;
    }
    for p in word_pieces(&o, &n) {
        if let Piece::Changed { old, new } = p {
            let mark = if has_digit(&old) || has_digit(&new) {
                " **(number)**"
            } else {
                ""
            };
            out.push_str(&format!(
                "- ~~{}~~ → {}{mark}\n",
                md_escape(&old),
                md_escape(&new)
            ));
        }
    }
    out
}

pub fn render(old: &str, new: &str, color: bool) -> String {
    let old_n = crate::quote::normalize(old);
    let new_n = crate::quote::normalize(new);
    if old_n == new_n {
        return "the archived texts are identical (after normalizing whitespace and typography)\n"
            .into();
    }
    let paint = |s: &str, code: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let pieces = word_pieces(&old_n, &new_n);
    let mut out = String::new();
    let mut numbers = Vec::new();
    let last = pieces.len().saturating_sub(1);
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Same(s) => {
                // Between two changes keep both ends; at the edges keep one.
                let text = if i == 0 {
                    tail_words(s, CONTEXT)
                } else if i == last {
                    head_words(s, CONTEXT)
                } else if s.split(' ').count() > 2 * CONTEXT {
                    format!("{}\n\n{}", head_words(s, CONTEXT), tail_words(s, CONTEXT))
                } else {
                    s.clone()
                };
                out.push_str(&text);
            }
            Piece::Changed { old, new } => {
                if !old.is_empty() {
                    out.push_str(&paint(&format!("[-{old}-]"), "31"));
                }
                if !new.is_empty() {
                    out.push_str(&paint(&format!("{{+{new}+}}"), "32"));
                }
                if has_digit(old) || has_digit(new) {
                    numbers.push((old.clone(), new.clone()));
                }
            }
        }
    }
    out.push('\n');
    if !numbers.is_empty() {
        out.push_str("\nchanged numbers:\n");
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
            out.push_str(&format!("  {a} → {}\n", paint(&b, "1")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn calls_out_changed_numbers() {
        let out = super::render(
            "Strikes killed 15 people on Sunday.",
            "Strikes killed 25 people on Sunday.",
            false,
        );
        assert!(out.contains("[-15-]{+25+}"), "{out}");
        assert!(out.contains("15 → 25"), "{out}");
    }
}
