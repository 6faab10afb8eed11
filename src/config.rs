//! `factcheck.toml`: workspace settings, the count policy and the name aliases.

use crate::count::{CountPolicy, DEFAULT_POLICY, Interval};
use crate::diag::{Diagnostic, LineIndex, Loc};
use crate::error::Error;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub const CONFIG_FILE: &str = "factcheck.toml";
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// What `factcheck init` writes.
pub const CONFIG_TEMPLATE: &str = r#"# factcheck workspace settings. This file marks the workspace root.

[workspace]
# Record files larger than this many bytes get a size diagnostic instead of a parse.
max_file_size = 16777216

[count]
# How count wording ("at least 10") becomes min/max. See the README.
policy = "default-v1"

[analysis]
# Independent origins needed before a claim counts as corroborated.
corroboration_threshold = 2

[aliases]
# Spellings of one name, so they count as one origin. Built-in aliases cover
# the big agencies and papers (AP, AFP, Reuters, NYT, ...).
# "Kataib Hezbollah" = ["Kataib Hizbollah", "Kata'ib Hizballah"]
"#;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    workspace: RawWorkspace,
    #[serde(default)]
    count: RawCount,
    #[serde(default)]
    analysis: RawAnalysis,
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWorkspace {
    max_file_size: Option<u64>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCount {
    policy: Option<String>,
    name: Option<String>,
    #[serde(default)]
    vague: BTreeMap<String, RawInterval>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterval {
    min: u64,
    max: Option<u64>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAnalysis {
    corroboration_threshold: Option<usize>,
}

/// Canonical names for the spellings of one name (case and spacing ignored).
#[derive(Debug, Clone)]
pub struct Aliases {
    map: HashMap<String, String>,
}

const DEFAULT_ALIASES: &[(&str, &[&str])] = &[
    (
        "Associated Press",
        &["AP", "The Associated Press", "The AP", "AP News"],
    ),
    ("Reuters", &["Thomson Reuters", "Reuters News"]),
    ("Agence France-Presse", &["AFP", "Agence France Presse"]),
    ("The New York Times", &["New York Times", "NYT", "NYTimes"]),
    ("The Washington Post", &["Washington Post", "WaPo"]),
    ("The Wall Street Journal", &["Wall Street Journal", "WSJ"]),
    ("NBC News", &["NBC"]),
    ("BBC News", &["BBC"]),
    ("CNN", &["Cable News Network"]),
    ("Al Jazeera", &["Al-Jazeera", "Aljazeera"]),
];

fn fold(name: &str) -> String {
    crate::quote::normalize(name).to_lowercase()
}

impl Default for Aliases {
    fn default() -> Self {
        let mut a = Aliases {
            map: HashMap::new(),
        };
        for (canon, variants) in DEFAULT_ALIASES {
            a.add(canon, variants.iter().copied());
        }
        a
    }
}

impl Aliases {
    pub fn add<'s>(&mut self, canonical: &str, variants: impl IntoIterator<Item = &'s str>) {
        let canonical = crate::quote::normalize(canonical);
        self.map.insert(fold(&canonical), canonical.clone());
        for v in variants {
            self.map.insert(fold(v), canonical.clone());
        }
    }

    /// The canonical spelling of `name`: the alias table's, else `name` with
    /// spacing and typography normalized.
    pub fn canonical(&self, name: &str) -> String {
        let folded = fold(name);
        self.map
            .get(&folded)
            .cloned()
            .unwrap_or_else(|| crate::quote::normalize(name))
    }

    /// A key under which two spellings of one name compare equal.
    pub fn key(&self, name: &str) -> String {
        fold(&self.canonical(name))
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub max_file_size: u64,
    pub policy: CountPolicy,
    pub corroboration_threshold: usize,
    pub aliases: Aliases,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            policy: CountPolicy::default(),
            corroboration_threshold: 2,
            aliases: Aliases::default(),
        }
    }
}

impl Config {
    /// Reads `factcheck.toml`; an error names the file, line and column.
    pub fn load(root: &Path) -> Result<Config, Error> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(Error::io("read", &path))?;
        Config::parse(&text).map_err(|d| {
            Error::Config(format!(
                "{}:{}:{}: error[{}]: {}{}",
                CONFIG_FILE,
                d.line,
                d.column,
                d.code,
                d.message,
                d.help.map(|h| format!("\n  help: {h}")).unwrap_or_default()
            ))
        })
    }

    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let file = Path::new(CONFIG_FILE);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let loc = e
                .span()
                .map(|s| LineIndex::new(text).loc(s.start))
                .unwrap_or(Loc::START);
            let msg = e.message().trim().to_string();
            let code = if msg.starts_with("unknown field") {
                "E002"
            } else {
                "E001"
            };
            Diagnostic::new(code, file, loc, format!("in {CONFIG_FILE}: {msg}"))
                .help("see the README section on factcheck.toml for the settings")
        })?;
        let mut cfg = Config::default();
        if let Some(m) = raw.workspace.max_file_size {
            cfg.max_file_size = m;
        }
        if let Some(t) = raw.analysis.corroboration_threshold {
            if t == 0 {
                return Err(Diagnostic::new(
                    "E004",
                    file,
                    Loc::START,
                    "corroboration_threshold must be at least 1",
                ));
            }
            cfg.corroboration_threshold = t;
        }
        let base = raw.count.policy.unwrap_or_else(|| DEFAULT_POLICY.into());
        if base != DEFAULT_POLICY {
            return Err(Diagnostic::new("E004", file, Loc::START, format!("unknown count policy {base:?}"))
                .help("the built-in policy is \"default-v1\"; redefine vague terms under [count.vague] with a new [count] name"));
        }
        if !raw.count.vague.is_empty() || raw.count.name.is_some() {
            let name = raw.count.name.ok_or_else(|| {
                Diagnostic::new("E003", file, Loc::START, "[count.vague] changes the policy, so [count] needs a `name`")
                    .help("add name = \"desk-v1\" under [count]; claims record which policy read their wording")
            })?;
            if name == DEFAULT_POLICY || name == crate::count::EXPLICIT_POLICY {
                return Err(Diagnostic::new(
                    "E004",
                    file,
                    Loc::START,
                    format!("a customised policy cannot be named {name:?}"),
                ));
            }
            let overrides = raw
                .count
                .vague
                .into_iter()
                .map(|(k, v)| (k, Interval::new(v.min, v.max)));
            cfg.policy = CountPolicy::with_overrides(&name, overrides)
                .map_err(|e| Diagnostic::new("E004", file, Loc::START, e))?;
        }
        for (canon, variants) in &raw.aliases {
            cfg.aliases.add(canon, variants.iter().map(String::as_str));
        }
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_to_defaults() {
        let c = Config::parse(CONFIG_TEMPLATE).unwrap();
        assert_eq!(c.corroboration_threshold, 2);
        assert_eq!(c.policy.name, "default-v1");
    }

    #[test]
    fn aliases_fold_spellings() {
        let c =
            Config::parse("[aliases]\n\"Kataib Hezbollah\" = [\"Kataib Hizbollah\"]\n").unwrap();
        assert_eq!(c.aliases.canonical("kataib hizbollah"), "Kataib Hezbollah");
        assert_eq!(
            c.aliases.canonical("The Associated Press"),
            "Associated Press"
        );
        assert_eq!(c.aliases.canonical("AP"), "Associated Press");
        assert_eq!(
            c.aliases.key("U.S.  officials"),
            c.aliases.key("u.s. officials")
        );
    }

    #[test]
    fn unknown_setting_is_an_error_with_a_place() {
        let d = Config::parse("[analysis]\ncorroboration = 3\n").unwrap_err();
        assert_eq!((d.code, d.line), ("E002", 2));
    }
}
