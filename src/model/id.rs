//! Record ids: the slugs that name claims, sources, entities and events and
//! become file stems. Validated before any path is built from them.

use std::fmt;

/// Longest id accepted (DESIGN: at most 64 characters).
pub const MAX_ID_LEN: usize = 64;

/// A validated slug `[a-z0-9][a-z0-9-]*`, at most 64 characters.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Id(String);

impl Id {
    /// Checks `raw` and explains, in one sentence, what is wrong with it.
    pub fn parse(raw: &str) -> Result<Id, String> {
        if raw.is_empty() {
            return Err("an id cannot be empty".into());
        }
        // Counted in characters, as the message says: "é" is one, not two.
        let chars = raw.chars().count();
        if chars > MAX_ID_LEN {
            return Err(format!(
                "an id is at most {MAX_ID_LEN} characters, this one has {chars}"
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

impl TryFrom<String> for Id {
    type Error = String;
    fn try_from(s: String) -> Result<Id, String> {
        Id::parse(&s)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0
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
    fn length_is_counted_in_characters() {
        // 40 × "é" is 80 bytes but 40 characters: the id is refused for its
        // characters, not for a length it does not have.
        let err = Id::parse(&"é".repeat(40)).unwrap_err();
        assert!(!err.contains("at most"), "{err}");
        let err = Id::parse(&"x".repeat(65)).unwrap_err();
        assert_eq!(err, "an id is at most 64 characters, this one has 65");
    }

    #[test]
    fn suggests_a_slug() {
        assert_eq!(Id::suggest("Foo Bar").as_deref(), Some("foo-bar"));
        assert_eq!(Id::suggest("../x").as_deref(), Some("x"));
        assert_eq!(Id::suggest("ok"), None);
    }
}
