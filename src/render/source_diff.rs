//! `factcheck source diff`: a word diff of two archived versions of a page,
//! with changed numbers called out (a figure revised from 15 to 25).

use similar::{ChangeTag, TextDiff};

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

pub fn render(old: &str, new: &str, color: bool) -> String {
    let old_n = crate::quote::normalize(old);
    let new_n = crate::quote::normalize(new);
    let diff = TextDiff::from_words(old_n.as_str(), new_n.as_str());
    let mut out = String::new();
    let mut numbers: Vec<(String, String)> = Vec::new();
    let mut removed = String::new();
    let paint = |s: &str, code: &str| if color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() };
    if diff.ratio() == 1.0 {
        return "the archived texts are identical (after normalizing whitespace and typography)\n".into();
    }
    // Show only the changed passages with a few words of context.
    for group in diff.grouped_ops(6) {
        out.push_str("…");
        for op in group {
            for change in diff.iter_changes(&op) {
                let v = change.value();
                match change.tag() {
                    ChangeTag::Equal => out.push_str(v),
                    ChangeTag::Delete => {
                        if !v.trim().is_empty() {
                            out.push_str(&paint(&format!("[-{v}-]"), "31"));
                            if has_digit(v) {
                                removed = v.to_string();
                            }
                        } else {
                            out.push_str(v);
                        }
                    }
                    ChangeTag::Insert => {
                        if !v.trim().is_empty() {
                            out.push_str(&paint(&format!("{{+{v}+}}"), "32"));
                            if has_digit(v) {
                                numbers.push((std::mem::take(&mut removed), v.to_string()));
                            }
                        }
                    }
                }
            }
        }
        out.push_str("…\n\n");
    }
    if !numbers.is_empty() {
        out.push_str("changed numbers:\n");
        for (a, b) in numbers {
            let a = if a.is_empty() { "(new)".to_string() } else { a };
            out.push_str(&format!("  {} → {}\n", a, paint(&b, "1")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn calls_out_changed_numbers() {
        let out = super::render("Strikes killed 15 people on Sunday.", "Strikes killed 25 people on Sunday.", false);
        assert!(out.contains("[-15-]{+25+}"), "{out}");
        assert!(out.contains("15 → 25"), "{out}");
    }
}
