//! `factcheck.toml`: workspace settings, the count policy, name aliases,
//! capture limits and the review author. Parsed from text; reading the file
//! is the store's job.

use super::codes;
use super::count::{CountPolicy, EXPLICIT_POLICY, Interval, POLICY_V1, POLICY_V2};
use super::diag::{Diagnostic, LineIndex, Loc};
use super::names::fold;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub const CONFIG_FILE: &str = "factcheck.toml";
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// What `factcheck init` writes.
pub const CONFIG_TEMPLATE: &str = r#"# factcheck workspace settings. This file marks the workspace root.

[workspace]
# Files larger than this many bytes get a size diagnostic instead of a parse.
max_file_size = 16777216

[count]
# The count policy that reads the wording of new claims ("at least 10") into
# min/max. Claims keep the policy they were read with. See docs/counts.md.
policy = "default-v2"

[analysis]
# Independent origins needed before a claim counts as corroborated.
corroboration_threshold = 2

[capture]
# Limits for `source add --fetch` and `source recheck`.
timeout_s = 30
max_bytes = 16777216
max_redirects = 10

[review]
# The author of the desk's verdicts (`factcheck rate`), for ClaimReview.
# author = "Example Fact Check"

[aliases]
# Spellings of one name, so they count as one origin. Prefer entities
# (`factcheck entity add`), which also know who belongs to whom. Built-in
# aliases cover the big agencies and papers (AP, AFP, Reuters, NYT, ...).
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
    capture: RawCapture,
    #[serde(default)]
    review: RawReview,
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

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCapture {
    timeout_s: Option<u64>,
    max_bytes: Option<u64>,
    max_redirects: Option<u32>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawReview {
    author: Option<String>,
}

/// Canonical spellings for the variants of one name, compared after
/// [`fold`]. Resolution through entities happens in the analysis.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    map: HashMap<String, String>,
}

/// The built-in aliases: the big agencies and papers.
pub const BUILTIN_ALIASES: &[(&str, &[&str])] = &[
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

impl Aliases {
    pub fn builtin() -> Aliases {
        let mut a = Aliases::default();
        for (canon, variants) in BUILTIN_ALIASES {
            a.add(canon, variants.iter().copied());
        }
        a
    }

    pub fn add<'s>(&mut self, canonical: &str, variants: impl IntoIterator<Item = &'s str>) {
        let canonical = super::names::display(canonical);
        self.map.insert(fold(&canonical), canonical.clone());
        for v in variants {
            self.map.insert(fold(v), canonical.clone());
        }
    }

    /// The canonical spelling `name` is an alias of, if any.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        self.map.get(&fold(name)).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Limits for fetching pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptureLimits {
    pub timeout_s: u64,
    pub max_bytes: u64,
    pub max_redirects: u32,
}

impl Default for CaptureLimits {
    fn default() -> Self {
        CaptureLimits {
            timeout_s: 30,
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 10,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub max_file_size: u64,
    /// The policy new claims are read with.
    pub policy: CountPolicy,
    pub corroboration_threshold: usize,
    /// `[aliases]` of factcheck.toml.
    pub aliases: Aliases,
    pub capture: CaptureLimits,
    pub review_author: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            policy: CountPolicy::default(),
            corroboration_threshold: 2,
            aliases: Aliases::default(),
            capture: CaptureLimits::default(),
            review_author: None,
        }
    }
}

impl Config {
    /// The policy a claim names: a built-in one, or the workspace's own
    /// named variant. `None` for "explicit" and for names not known here.
    pub fn policy_named(&self, name: &str) -> Option<CountPolicy> {
        if name == self.policy.name {
            return Some(self.policy.clone());
        }
        CountPolicy::builtin(name)
    }

    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let file = Path::new(CONFIG_FILE);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let at = |span: Option<std::ops::Range<usize>>| {
            span.map(|s| LineIndex::new(text).loc(s.start))
                .unwrap_or(Loc::START)
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim().to_string();
            let code = if msg.starts_with("unknown field") {
                &codes::E002
            } else {
                &codes::E001
            };
            Diagnostic::new(code, file, at(e.span()), format!("in {CONFIG_FILE}: {msg}"))
                .help("see docs/reference.md, factcheck.toml, for the settings")
        })?;
        let invalid = |msg: String| Diagnostic::new(&codes::E004, file, Loc::START, msg);
        let mut cfg = Config::default();
        if let Some(m) = raw.workspace.max_file_size {
            cfg.max_file_size = m;
        }
        if let Some(t) = raw.analysis.corroboration_threshold {
            if t == 0 {
                return Err(invalid("corroboration_threshold must be at least 1".into()));
            }
            cfg.corroboration_threshold = t;
        }
        let base_name = raw.count.policy.unwrap_or_else(|| POLICY_V1.into());
        let base = CountPolicy::builtin(&base_name).ok_or_else(|| {
            invalid(format!("unknown count policy {base_name:?}")).help(format!(
                "the built-in policies are \"{POLICY_V2}\" (for new workspaces) and \"{POLICY_V1}\"; \
                 redefine vague terms under [count.vague] with a new [count] name"
            ))
        })?;
        cfg.policy = base.clone();
        if !raw.count.vague.is_empty() || raw.count.name.is_some() {
            let name = raw.count.name.ok_or_else(|| {
                Diagnostic::new(&codes::E003, file, Loc::START, "[count.vague] changes the policy, so [count] needs a `name`")
                    .help("add name = \"desk-v1\" under [count]; claims record which policy read their wording")
            })?;
            if CountPolicy::builtin(&name).is_some() || name == EXPLICIT_POLICY {
                return Err(invalid(format!(
                    "a customised policy cannot be named {name:?}"
                )));
            }
            let overrides = raw
                .count
                .vague
                .into_iter()
                .map(|(k, v)| (k, Interval::new(v.min, v.max)));
            cfg.policy = base.with_overrides(&name, overrides).map_err(invalid)?;
        }
        for (canon, variants) in &raw.aliases {
            cfg.aliases.add(canon, variants.iter().map(String::as_str));
        }
        if let Some(t) = raw.capture.timeout_s {
            if t == 0 {
                return Err(invalid("[capture] timeout_s must be at least 1".into()));
            }
            cfg.capture.timeout_s = t;
        }
        if let Some(b) = raw.capture.max_bytes {
            cfg.capture.max_bytes = b;
        }
        if let Some(r) = raw.capture.max_redirects {
            cfg.capture.max_redirects = r;
        }
        cfg.review_author = raw.review.author.filter(|a| !a.trim().is_empty());
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
        assert_eq!(c.policy.name, "default-v2");
        assert_eq!(c.capture, CaptureLimits::default());
    }

    #[test]
    fn an_old_config_without_a_policy_keeps_v1() {
        assert_eq!(Config::parse("").unwrap().policy.name, "default-v1");
    }

    #[test]
    fn aliases_fold_spellings() {
        let c =
            Config::parse("[aliases]\n\"Kataib Hezbollah\" = [\"Kataib Hizbollah\"]\n").unwrap();
        assert_eq!(
            c.aliases.lookup("kataib hizbollah"),
            Some("Kataib Hezbollah")
        );
        assert_eq!(
            c.aliases.lookup("Kataib  Hezbollah"),
            Some("Kataib Hezbollah")
        );
        assert_eq!(c.aliases.lookup("AP"), None);
        assert_eq!(
            Aliases::builtin().lookup("The AP"),
            Some("Associated Press")
        );
    }

    #[test]
    fn custom_policy_names_its_base() {
        let c = Config::parse(
            "[count]\npolicy = \"default-v2\"\nname = \"desk-v1\"\n[count.vague]\nmany = { min = 5 }\n",
        )
        .unwrap();
        assert_eq!(c.policy.name, "desk-v1");
        assert_eq!(c.policy.base(), "default-v2");
        assert!(c.policy_named("default-v1").is_some());
        assert!(c.policy_named("desk-v1").is_some());
        assert!(c.policy_named("other").is_none());
    }

    #[test]
    fn unknown_setting_is_an_error_with_a_place() {
        let d = Config::parse("[analysis]\ncorroboration = 3\n").unwrap_err();
        assert_eq!((d.code, d.line), ("E002", 2));
    }
}
