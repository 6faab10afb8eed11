//! Comparing names (asserted_by, attributed_to, actor, publisher): one
//! normalization, and the tests of `check`'s look-alike rule.

use unicode_normalization::UnicodeNormalization;

/// The key under which two spellings of one name compare equal: NFC,
/// case-folded, typographic punctuation to ASCII, a leading "the" dropped,
/// whitespace collapsed. "The Associated Press" and "the  associated press"
/// share a key; "U.S." and "US" do not (the look-alike rule catches those).
pub fn fold(name: &str) -> String {
    let n = super::quote::normalize(name).to_lowercase();
    match n.strip_prefix("the ") {
        Some(rest) if !rest.trim().is_empty() => rest.to_string(),
        _ => n,
    }
}

/// The name as it should be displayed: spacing and typography normalized,
/// case kept.
pub fn display(name: &str) -> String {
    super::quote::normalize(name)
}

/// `fold`, then diacritics and punctuation removed: "Kata'ib Hizballah" and
/// "Kataib Hizballah", "U.S. officials" and "US officials" become equal.
pub fn skeleton(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else if c.is_whitespace() || c == '-' || c == '/' {
            space = true;
        }
        // Other punctuation ("U.S.", "Kata'ib") joins the letters around it.
    }
    out
}

fn words(s: &str) -> Vec<&str> {
    s.split(' ').filter(|w| !w.is_empty()).collect()
}

/// Words too small to carry an acronym letter in some styles ("Ministry of
/// Health" is MoH or MH).
const SMALL_WORDS: [&str; 8] = ["of", "the", "and", "for", "in", "on", "de", "al"];

/// Whether two names that resolve to different entities look like one name
/// (DESIGN, the look-alike rule), and why. Genuinely different names
/// ("Iraqi officials" / "Iranian officials", "Northland officials" /
/// "Southland officials") do not: they differ by a whole word or by two or
/// more edits within a word.
pub fn look_alike(a: &str, b: &str) -> Option<&'static str> {
    let (sa, sb) = (skeleton(a), skeleton(b));
    if sa.is_empty() || sb.is_empty() {
        return None;
    }
    if sa == sb {
        return Some("they differ only in diacritics or punctuation");
    }
    if acronym_of(&sa, &sb) || acronym_of(&sb, &sa) {
        return Some("one is the acronym of the other");
    }
    let (wa, wb) = (words(&sa), words(&sb));
    if wa.len() != wb.len() {
        return None;
    }
    let differing: Vec<usize> = (0..wa.len()).filter(|i| wa[*i] != wb[*i]).collect();
    let [i] = differing[..] else { return None };
    let (x, y) = (wa[i], wb[i]);
    let (lx, ly) = (x.chars().count(), y.chars().count());
    if lx.max(ly) >= 5 && lx.min(ly) >= 4 && strsim::levenshtein(x, y) == 1 {
        return Some("one word is one letter apart");
    }
    let (short, long) = if lx <= ly { (x, y) } else { (y, x) };
    if short.chars().count() >= 3 && long.starts_with(short) && ly != lx {
        return Some("one word is the start of the other's");
    }
    None
}

/// Whether `short` (one word) is the acronym of `long` (two or more words):
/// the initials of every word, or of every word but the small ones.
fn acronym_of(short: &str, long: &str) -> bool {
    let s: Vec<char> = short.chars().collect();
    if short.contains(' ') || s.len() < 2 || !s.iter().all(|c| c.is_alphabetic()) {
        return false;
    }
    let lw = words(long);
    if lw.len() < 2 {
        return false;
    }
    let initials = |skip_small: bool| -> Vec<char> {
        lw.iter()
            .filter(|w| !(skip_small && SMALL_WORDS.contains(w)))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    initials(false) == s || initials(true) == s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("The Associated  Press"), "associated press");
        assert_eq!(fold("“The” Hill"), "\"the\" hill");
        assert_eq!(fold("the"), "the");
        assert_eq!(fold("Théâtre"), "théâtre");
        assert_eq!(fold("e\u{301}"), "é");
    }

    #[test]
    fn look_alikes_that_warn() {
        for (a, b) in [
            ("Kestrel", "Kestral"),
            ("Freedonia state radio", "Freedonian state radio"),
            ("Kataib Hezbollah", "KH"),
            ("Popular Mobilization Forces", "PMF"),
            ("Ministry of Health", "MoH"),
            ("Ministry of Health", "MH"),
            ("U.S. officials", "US officials"),
            ("Kata'ib Hizballah", "Kataib Hizballah"),
            ("Télé Liban", "Tele Liban"),
            ("Kataib Hezbollah", "Kataib Hizbollah"),
            ("Reuters", "Reuter"),
            ("United States", "U.S."),
        ] {
            assert!(look_alike(a, b).is_some(), "{a} / {b}");
            assert!(look_alike(b, a).is_some(), "{b} / {a}");
        }
    }

    #[test]
    fn different_names_that_do_not() {
        for (a, b) in [
            ("Iraqi officials", "Iranian officials"),
            ("Northland officials", "Southland officials"),
            ("Iraqi officials", "Iraqi security officials"),
            ("U.S. officials", "Iraqi officials"),
            ("AP", "AFP"),
            ("Kataib Hezbollah", "Kataib Sayyid al-Shuhada"),
            ("John Smith", "Jane Smith"),
            ("Army", "Navy"),
        ] {
            assert_eq!(look_alike(a, b), None, "{a} / {b}");
        }
    }
}
