//! Quotes shortened for tables: around the words that carry the count,
//! never cutting them off ("no one was immediately reported injured" keeps
//! "no one").

use crate::model::count::numbers_in;
use crate::model::quote::normalize;

/// Words that carry a count without a number.
const COUNT_WORDS: [&str; 14] = [
    "no one",
    "nobody",
    "none",
    "zero",
    "many",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "several",
    "a few",
    "a couple",
    "scores",
    "a score",
];

/// The byte span of the words in `q` that carry the count of `wording`.
fn count_span(q: &str, wording: Option<&str>) -> Option<(usize, usize)> {
    let lower = q.to_lowercase();
    // `to_lowercase` can change byte lengths outside ASCII; only trust
    // positions when it did not.
    let same = lower.len() == q.len();
    if let Some(w) = wording {
        let w = normalize(w).to_lowercase();
        if same
            && !w.is_empty()
            && let Some(i) = lower.find(&w)
        {
            return Some((i, i + w.len()));
        }
        let wanted = numbers_in(&w);
        if !wanted.is_empty() {
            // Token starts, then the shortest run of tokens stating a wanted number.
            let starts: Vec<usize> = q
                .char_indices()
                .filter(|(i, c)| !c.is_whitespace() && (*i == 0 || q[..*i].ends_with(' ')))
                .map(|(i, _)| i)
                .collect();
            for (k, &s) in starts.iter().enumerate() {
                for len in 1..=4 {
                    let end = starts.get(k + len).copied().unwrap_or(q.len());
                    let piece = q[s..end].trim_end();
                    let found = numbers_in(piece);
                    if found.first().is_some_and(|n| wanted.contains(n)) {
                        return Some((s, s + piece.len()));
                    }
                    if k + len >= starts.len() {
                        break;
                    }
                }
            }
        }
    }
    if same {
        for cw in COUNT_WORDS {
            if let Some(i) = lower.find(cw) {
                return Some((i, i + cw.len()));
            }
        }
    }
    None
}

/// The quote, at most `max` characters (more only when the count phrase
/// itself is longer), cut at word boundaries around the count.
pub fn around_count(quote: &str, wording: Option<&str>, max: usize) -> String {
    let q = normalize(quote);
    let chars = q.chars().count();
    if chars <= max {
        return q;
    }
    let (s, e) = count_span(&q, wording).unwrap_or((0, 0));
    let span_chars = q[s..e].chars().count();
    let room = max.saturating_sub(span_chars);
    // Context before the count: a third of the room, the rest after it.
    let before_chars = q[..s].chars().count();
    let want_before = (room / 3).min(before_chars);
    let after_chars = chars - before_chars - span_chars;
    let want_after = (room - want_before).min(after_chars);
    let want_before = (room - want_after).min(before_chars);
    let start_char = before_chars - want_before;
    let end_char = before_chars + span_chars + want_after;
    let byte = |c: usize| q.char_indices().nth(c).map(|(b, _)| b).unwrap_or(q.len());
    let (mut a, mut b) = (byte(start_char), byte(end_char));
    // Snap to word boundaries, never inside the count span.
    if a > 0 && !q[..a].ends_with(' ') {
        a = q[a..s.max(a)]
            .find(' ')
            .map(|i| a + i + 1)
            .unwrap_or(s.min(a.max(s)));
    }
    if b < q.len() && !q[b..].starts_with(' ') {
        b = q[e.min(b)..b]
            .rfind(' ')
            .map(|i| e.min(b) + i)
            .unwrap_or(b.max(e));
    }
    let mut out = String::new();
    if a > 0 {
        out.push('…');
    }
    out.push_str(q[a..b].trim());
    if b < q.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_count_words() {
        let q = "Three trailers used by security guards at the embassy were also set on fire, but no one was immediately reported injured.";
        let s = around_count(q, Some("no one"), 50);
        assert!(s.contains("no one"), "{s}");
        assert!(s.chars().count() <= 52, "{s}");
        let q = "The U.S. says Kataib Hezbollah is responsible for 11 attacks on U.S.-led coalition bases in the past two months, most recently one on Friday that killed a U.S. contractor and injured four U.S. military members.";
        let s = around_count(q, Some("four U.S. military members"), 60);
        assert!(s.contains("four U.S. military members"), "{s}");
        assert!(s.starts_with('…'), "{s}");
        let s = around_count(q, Some("4"), 60);
        assert!(s.contains("four"), "{s}");
    }

    #[test]
    fn short_quotes_are_kept_whole() {
        assert_eq!(
            around_count("killed 25 people", Some("25"), 60),
            "killed 25 people"
        );
    }
}
