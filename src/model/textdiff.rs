//! Differences between two versions of an archived text, by paragraph: the
//! changed paragraphs with a word diff inside, and a paragraph of context
//! around them (`source diff`, `source recheck`).

use super::quote::{Piece, normalize, word_pieces};

/// The paragraphs of a text: blank-line separated when it has blank lines,
/// else one per line; normalized, empty ones dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    let blocks: Vec<&str> = if text.contains("\n\n") {
        text.split("\n\n").collect()
    } else {
        text.split('\n').collect()
    };
    blocks
        .into_iter()
        .map(normalize)
        .filter(|p| !p.is_empty())
        .collect()
}

/// One changed stretch of paragraphs.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hunk {
    /// 1-based paragraph numbers of the change in the old and new text.
    pub old_paragraph: usize,
    pub new_paragraph: usize,
    /// The unchanged paragraph before and after it, if any.
    pub before: Option<String>,
    pub after: Option<String>,
    /// The word diff of the changed paragraphs.
    #[serde(skip)]
    pub pieces: Vec<Piece>,
    pub old: String,
    pub new: String,
}

impl Hunk {
    /// Whether a number changed in this hunk.
    pub fn numbers(&self) -> Vec<(String, String)> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Changed { old, new } if has_number(old) || has_number(new) => {
                    Some((old.clone(), new.clone()))
                }
                _ => None,
            })
            .collect()
    }
}

/// Digits or number words ("four", "a dozen").
fn has_number(s: &str) -> bool {
    s.chars().any(char::is_numeric) || !super::count::numbers_in(s).is_empty()
}

/// The changed paragraphs of `old` → `new`.
pub fn hunks(old: &str, new: &str) -> Vec<Hunk> {
    let (a, b) = (paragraphs(old), paragraphs(new));
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ops.len() {
        if matches!(ops[i], similar::DiffOp::Equal { .. }) {
            i += 1;
            continue;
        }
        let start = i;
        while i < ops.len() && !matches!(ops[i], similar::DiffOp::Equal { .. }) {
            i += 1;
        }
        let (old_range, new_range) = ops[start..i].iter().fold(
            ((usize::MAX, 0), (usize::MAX, 0)),
            |((os, oe), (ns, ne)), op| {
                let (o, n) = (op.old_range(), op.new_range());
                (
                    (os.min(o.start), oe.max(o.end)),
                    (ns.min(n.start), ne.max(n.end)),
                )
            },
        );
        let (old_range, new_range) = (old_range.0..old_range.1, new_range.0..new_range.1);
        let old_start = old_range.start.min(a.len());
        let new_start = new_range.start.min(b.len());
        let old_text = a[old_start..old_range.end.max(old_start)].join("\n");
        let new_text = b[new_start..new_range.end.max(new_start)].join("\n");
        out.push(Hunk {
            old_paragraph: old_start + 1,
            new_paragraph: new_start + 1,
            before: old_start.checked_sub(1).and_then(|p| a.get(p)).cloned(),
            after: a.get(old_range.end.max(old_start)).cloned(),
            pieces: word_pieces(&old_text, &new_text),
            old: old_text,
            new: new_text,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_paragraphs_with_context() {
        let old = "First paragraph.\n\nThe strike killed four people.\n\nThird.\n\nFourth.";
        let new = "First paragraph.\n\nThe strike killed six people.\n\nThird.\n\nFourth.";
        let h = hunks(old, new);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].old_paragraph, 2);
        assert_eq!(h[0].before.as_deref(), Some("First paragraph."));
        assert_eq!(h[0].after.as_deref(), Some("Third."));
        assert_eq!(
            h[0].numbers(),
            vec![("four".to_string(), "six".to_string())]
        );
        let h = hunks("Killed 15.\n\nSame.", "Killed 25.\n\nSame.");
        assert_eq!(h[0].numbers(), vec![("15.".to_string(), "25.".to_string())]);
        assert!(hunks("a\n\nb", "a\n\nb").is_empty());
    }
}
