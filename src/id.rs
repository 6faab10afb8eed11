//! Record ids: the slugs that name claims and sources and become file stems.
//! Validated before any path is built from them.

use std::fmt;

/// Longest id accepted (DESIGN: at most 64 characters).
pub const MAX_ID_LEN: usize = 64;

/// A validated slug `[a-z0-9][a-z0-9-]*`, at most 64 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    /// Checks `raw` and explains, in one sentence, what is wrong with it.
    pub fn parse(raw: &str) -> Result<Id, String> {
        if raw.is_empty() {
            return Err("an id cannot be empty".into());
        }
        if raw.len() > MAX_ID_LEN {
            return Err(format!(
                "an id is at most {MAX_ID_LEN} characters, this one has {}",
                raw.chars().count()
            ));
        }
        let first = raw.chars().next().unwrap_or('-');
        if !(first.is_ascii_lowercase() || first.is_ascii_digit()) {
            return Err("an id must start with a lowercase letter or a digit".into());
        }
        if let Some(bad) = raw
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(format!(
                "an id may contain only a-z, 0-9 and '-', not {bad:?}"
            ));
        }
        Ok(Id(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Suggests a valid slug for a rejected id, e.g. `Foo Bar` -> `foo-bar`.
    pub fn suggest(raw: &str) -> Option<String> {
        let mut out = String::new();
        for c in raw.chars() {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let out = out
            .trim_end_matches('-')
            .chars()
            .take(MAX_ID_LEN)
            .collect::<String>();
        let out = out.trim_end_matches('-').to_string();
        (Id::parse(&out).is_ok() && out != raw).then_some(out)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs() {
        for ok in ["a", "0", "us-strikes-killed-25", "a-", &"x".repeat(64)] {
            assert!(Id::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_paths_spaces_and_case() {
        for bad in [
            "",
            "../x",
            "A B",
            "Abc",
            "-a",
            "a/b",
            "a.b",
            "é",
            &"x".repeat(65),
        ] {
            assert!(Id::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn suggests_a_slug() {
        assert_eq!(Id::suggest("Foo Bar").as_deref(), Some("foo-bar"));
        assert_eq!(Id::suggest("../x").as_deref(), Some("x"));
        assert_eq!(Id::suggest("ok"), None);
    }
}
