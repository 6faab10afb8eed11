//! Quote matching shared by `link`, `check` and `recheck`: one normalization,
//! one search at word boundaries, and the closest passage when a quote is not
//! found.

use unicode_normalization::UnicodeNormalization;

/// NFC; typographic quotes, apostrophes and dashes to ASCII; bidirectional and
/// zero-width marks removed; runs of whitespace collapsed to one space; trimmed.
pub fn normalize(text: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    // Most text is already NFC (all ASCII is); composing it again is the
    // costliest step, so only do it when the quick check cannot say yes.
    if text.is_ascii() {
        return fold_ascii(text);
    }
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        fold(text.chars(), text.len())
    } else {
        fold(text.nfc(), text.len())
    }
}

/// The ASCII case, byte by byte: only whitespace needs collapsing.
fn fold_ascii(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut pending_space = false;
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() || b == 0x0b {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        out.push(b);
    }
    // Only ASCII bytes were copied.
    String::from_utf8(out).unwrap_or_default()
}

/// Typography to ASCII, invisible marks dropped, whitespace collapsed.
fn fold(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in chars {
        let mapped = match c {
            ' ' => {
                pending_space = !out.is_empty();
                continue;
            }
            c if c.is_ascii_alphanumeric() || (c.is_ascii_punctuation()) => c,
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            // Bidirectional marks, zero-width characters, BOM, soft hyphen.
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
            | '\u{00AD}' => continue,
            c if c.is_whitespace() => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(mapped);
    }
    out
}

/// An archive text prepared once for many quote look-ups.
pub struct Archive {
    normalized: String,
}

impl Archive {
    pub fn new(text: &str) -> Archive {
        Archive {
            normalized: normalize(text),
        }
    }

    /// Whether the quote occurs in the archive at word boundaries.
    pub fn contains(&self, quote: &str) -> bool {
        self.find(quote).is_some()
    }

    /// The byte range of the first occurrence of the quote in the normalized
    /// text that stands at word boundaries ("killed 25" is not found in
    /// "killed 250" nor in "killed 25,000").
    pub fn find(&self, quote: &str) -> Option<std::ops::Range<usize>> {
        find_at_boundaries(&self.normalized, &normalize(quote))
    }

    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// The passage of the archive most like `quote`, of about the same length in words.
    pub fn closest_passage(&self, quote: &str) -> Option<String> {
        closest_passage(&self.normalized, &normalize(quote))
    }
}

/// Scripts written without spaces between words: there, only digits touching
/// a match make it a partial one.
fn unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF   // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x2E80..=0x2FDF // CJK radicals
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3100..=0x31FF // Bopomofo, Katakana ext.
        | 0x3400..=0x4DBF // CJK ext. A
        | 0x4E00..=0x9FFF // CJK unified
        | 0xF900..=0xFAFF // CJK compatibility
        | 0xFF66..=0xFF9F // half-width Katakana
        | 0x20000..=0x3FFFF)
}

/// Whether `neighbour` (the character just outside a match) glues onto
/// `edge` (the match's own character at that end), so that the match is part
/// of a longer word or number. `beyond` is the next character outward.
fn glued(edge: char, neighbour: char, beyond: Option<char>, at_end: bool) -> bool {
    let separator = matches!(neighbour, ',' | '.');
    // "25" is not in "25,000" or "2.5" (a separator followed by a digit after
    // the match), nor in "1,250" or ".25" (one followed by the match's digit).
    if separator && at_end && beyond.is_some_and(char::is_numeric) {
        return true;
    }
    if separator && !at_end && edge.is_numeric() {
        return true;
    }
    // A hyphen between letters or digits joins them into one word: "five"
    // is not in "twenty-five", nor "25" in "25-30".
    if neighbour == '-' && edge.is_alphanumeric() && beyond.is_some_and(char::is_alphanumeric) {
        return true;
    }
    if !edge.is_alphanumeric() || !neighbour.is_alphanumeric() {
        return false;
    }
    // Chinese, Japanese, Thai... have no spaces between words: only a digit
    // next to a digit makes a partial match there.
    if unspaced_script(edge) || unspaced_script(neighbour) {
        return edge.is_numeric() && neighbour.is_numeric();
    }
    true
}

/// The first occurrence of `needle` in `hay` that no letter or digit touches
/// (nor a `,` or `.` followed by a digit). Both are normalized text.
pub fn find_at_boundaries(hay: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    let first = needle.chars().next()?;
    let last = needle.chars().next_back()?;
    hay.match_indices(needle)
        .map(|(i, _)| i..i + needle.len())
        .find(|r| {
            let mut before = hay[..r.start].chars().rev();
            let ok_start = match before.next() {
                None => true,
                Some(n) => !glued(first, n, before.next(), false),
            };
            let mut after = hay[r.end..].chars();
            let ok_end = match after.next() {
                None => true,
                Some(n) => !glued(last, n, after.next(), true),
            };
            ok_start && ok_end
        })
}

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Slides a window of the quote's word count over the text and keeps the one
/// sharing the most words with the quote (a multiset overlap, updated in O(1) per step).
fn closest_passage(text: &str, quote: &str) -> Option<String> {
    use std::collections::HashMap;
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let qwords: Vec<String> = quote.split(' ').map(word_key).collect();
    if words.is_empty() || qwords.is_empty() {
        return None;
    }
    let n = qwords.len().min(words.len());
    let mut want: HashMap<String, i64> = HashMap::new();
    for w in &qwords {
        *want.entry(w.clone()).or_default() += 1;
    }
    let keys: Vec<String> = words.iter().map(|w| word_key(w)).collect();
    let mut have: HashMap<&str, i64> = HashMap::new();
    let mut score: i64 = 0;
    fn bump<'k>(
        want: &HashMap<String, i64>,
        have: &mut HashMap<&'k str, i64>,
        score: &mut i64,
        k: &'k str,
        delta: i64,
    ) {
        let cap = want.get(k).copied().unwrap_or(0);
        let e = have.entry(k).or_default();
        let before = (*e).min(cap);
        *e += delta;
        *score += (*e).min(cap) - before;
    }
    for k in &keys[..n] {
        bump(&want, &mut have, &mut score, k, 1);
    }
    let mut scores = vec![score];
    for start in 1..=(words.len() - n) {
        bump(&want, &mut have, &mut score, &keys[start - 1], -1);
        bump(&want, &mut have, &mut score, &keys[start + n - 1], 1);
        scores.push(score);
    }
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return None;
    }
    // Among the windows sharing the most words, prefer the one whose word
    // order is closest to the quote's.
    let passage = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| **s == best)
        .take(64)
        .map(|(start, _)| words[start..start + n].join(" "))
        .map(|p| (similar::TextDiff::from_words(quote, p.as_str()).ratio(), p))
        .fold(None::<(f32, String)>, |acc, (r, p)| match acc {
            Some((br, bp)) if br >= r => Some((br, bp)),
            _ => Some((r, p)),
        })
        .map(|(_, p)| p)?;
    // Punctuation the quote does not have at its ends is not part of the passage.
    let trim_end = quote.ends_with(|c: char| c.is_alphanumeric());
    let trim_start = quote.starts_with(|c: char| c.is_alphanumeric());
    let mut p = passage.as_str();
    if trim_end {
        p = p.trim_end_matches(|c: char| !c.is_alphanumeric());
    }
    if trim_start {
        p = p.trim_start_matches(|c: char| !c.is_alphanumeric());
    }
    Some(p.to_string())
}

/// One run of a word diff: text both sides share, or a replaced passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Changed { old: String, new: String },
}

/// A word diff as runs: consecutive deletions and insertions (with the spaces
/// between them) are merged into one change.
pub fn word_pieces(old: &str, new: &str) -> Vec<Piece> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let mut out = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut Vec<Piece>, del: &mut String, ins: &mut String| {
        if !del.is_empty() || !ins.is_empty() {
            let (d, i) = (std::mem::take(del), std::mem::take(ins));
            // Keep leading/trailing spaces outside the markers.
            let lead = d.len() - d.trim_start().len();
            let lead = lead.min(i.len() - i.trim_start().len());
            if lead > 0 {
                out.push(Piece::Same(d[..lead].to_string()));
            }
            out.push(Piece::Changed {
                old: d[lead..].trim_end().to_string(),
                new: i[lead..].trim_end().to_string(),
            });
            let tail = if d.trim_end().len() < d.len() {
                &d[d.trim_end().len()..]
            } else {
                &i[i.trim_end().len()..]
            };
            if !tail.is_empty() {
                out.push(Piece::Same(tail.to_string()));
            }
        }
    };
    for change in diff.iter_all_changes() {
        let v = change.value();
        match change.tag() {
            ChangeTag::Equal if v.trim().is_empty() && (!del.is_empty() || !ins.is_empty()) => {
                del.push_str(v);
                ins.push_str(v);
            }
            ChangeTag::Equal => {
                flush(&mut out, &mut del, &mut ins);
                match out.last_mut() {
                    Some(Piece::Same(s)) => s.push_str(v),
                    _ => out.push(Piece::Same(v.to_string())),
                }
            }
            ChangeTag::Delete => del.push_str(v),
            ChangeTag::Insert => ins.push_str(v),
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// A word diff from `expected` (what the user typed) to `found` (the archive),
/// in git's word-diff notation: `[-typed-]{+archived+}`.
pub fn word_diff(expected: &str, found: &str) -> String {
    let mut out = String::new();
    for p in word_pieces(expected, found) {
        match p {
            Piece::Same(s) => out.push_str(&s),
            Piece::Changed { old, new } => {
                if !old.is_empty() {
                    out.push_str(&format!("[-{old}-]"));
                }
                if !new.is_empty() {
                    out.push_str(&format!("{{+{new}+}}"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_typography_and_space() {
        assert_eq!(
            normalize("  “Death\n to   America” — it’s"),
            "\"Death to America\" - it's"
        );
        assert_eq!(normalize("a\u{200F}b\u{200B}c"), "abc");
        // NFC: e + combining acute == é
        assert_eq!(normalize("e\u{0301}"), "\u{e9}");
    }

    #[test]
    fn ascii_fast_path_matches_the_general_one() {
        for s in ["  a \t b\n\n c  ", "", "x", "a\u{b}b\u{c}c\rd", "no-op"] {
            assert_eq!(fold_ascii(s), fold(s.chars(), s.len()), "{s:?}");
        }
    }

    #[test]
    fn finds_quotes_across_typography() {
        let a = Archive::new("Iraq’s interior minister,\n was on the scene");
        assert!(a.contains("Iraq's interior minister, was on"));
        assert!(!a.contains("Iraq's foreign minister"));
        assert!(!a.contains("   "));
    }

    #[test]
    fn quotes_match_at_word_boundaries_only() {
        let a = Archive::new("Strikes killed 250 people. Later 25,000 fled; 1,25 is odd.");
        assert!(!a.contains("killed 25"));
        assert!(a.contains("killed 250"));
        assert!(a.contains("killed 250 people"));
        assert!(a.contains("killed 250 people."));
        assert!(!a.contains("Later 25"));
        assert!(!a.contains("kill"));
        assert!(!a.contains("illed 250"));
        assert!(!a.contains("50 people"));
        assert!(a.contains("people. Later"));
        let b = Archive::new("The toll was 1,250, then 2.5 thousand. Twenty-five died.");
        assert!(!b.contains("250"));
        assert!(!b.contains("5 thousand"));
        assert!(b.contains("1,250"));
        assert!(b.contains("1,250,"));
        assert!(b.contains("Twenty-five"));
        assert!(!b.contains("five died"));
        assert!(!Archive::new("killed 25-30 people").contains("killed 25"));
        assert!(Archive::new("U.S.-led forces").contains("U.S.-led forces"));
        // A later occurrence at boundaries is found even when an earlier one is not.
        let c = Archive::new("killed 250 and later killed 25.");
        assert!(c.contains("killed 25"));
        assert_eq!(c.find("killed 25"), Some(21..30));
    }

    #[test]
    fn unspaced_scripts_only_refuse_digits() {
        let a = Archive::new("空袭造成125人死亡。泰国ตาย25คน");
        assert!(a.contains("人死亡"));
        assert!(!a.contains("25人死亡"));
        assert!(a.contains("125人死亡"));
        assert!(a.contains("ตาย25คน"));
        assert!(!a.contains("5คน"));
    }

    #[test]
    fn arabic_digits_and_rtl_marks() {
        let a = Archive::new("\u{200F}قتل ١٢٥ شخصا");
        assert!(!a.contains("٢٥ شخصا"));
        assert!(a.contains("١٢٥ شخصا"));
    }

    #[test]
    fn closest_passage_and_diff() {
        let a = Archive::new("The U.S. airstrikes killed 25 people over the weekend in Iraq.");
        let p = a.closest_passage("airstrikes killed 24 people").unwrap();
        assert_eq!(p, "airstrikes killed 25 people");
        let a2 =
            Archive::new("so notified!\" Iran killed an American contractor, wounding many. We");
        let p2 = a2
            .closest_passage("Iran killed an American contractor, wounding several.")
            .unwrap();
        assert_eq!(p2, "Iran killed an American contractor, wounding many.");
        assert_eq!(
            word_diff("airstrikes killed 24 people", &p),
            "airstrikes killed [-24-]{+25+} people"
        );
        assert_eq!(word_diff("a b c", "a x y c"), "a [-b-]{+x y+} c");
        assert_eq!(word_diff("a b", "a b c d"), "a b{+ c d+}");
    }
}
