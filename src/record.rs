//! Reading one record file into a [`Claim`] or [`Source`], reporting every
//! problem in the file (not only the first) with its line and column.
//!
//! The file is parsed into a spanned document and each field is validated by
//! hand, so a typo in a field name is an error with a suggestion, not silence.

use crate::count::{CountPolicy, Interval};
use crate::diag::{Diagnostic, LineIndex, Loc};
use crate::id::Id;
use crate::model::*;
use crate::timestamp::Timestamp;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Field names in canonical order (DESIGN "Canonical layout").
pub const CLAIM_FIELDS: [&str; 16] = [
    "id",
    "kind",
    "event",
    "statement",
    "asserted_by",
    "date",
    "category",
    "group",
    "wording",
    "min",
    "max",
    "policy",
    "actor",
    "denies",
    "state",
    "reason",
];
pub const CLAIM_TABLES: [&str; 2] = ["relations", "evidence"];
pub const EVIDENCE_FIELDS: [&str; 5] = ["source", "quote", "attributed_to", "via", "credibility"];
pub const SOURCE_FIELDS: [&str; 10] = [
    "id",
    "title",
    "publisher",
    "url",
    "published",
    "accessed",
    "reliability",
    "cites",
    "revises",
    "sha256",
];

/// Every field that belongs to one kind only.
const ALL_KIND_FIELDS: [&str; 8] = [
    "category", "group", "wording", "min", "max", "policy", "actor", "denies",
];

/// Fields that belong to one kind only.
fn kind_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Casualty => &["category", "group", "wording", "min", "max", "policy"],
        Kind::Responsibility => &["actor"],
        Kind::Denial => &["denies"],
        Kind::Event => &[],
    }
}

/// The outcome of reading one file: the record when it has no errors, and
/// every diagnostic found on the way.
pub struct Parsed<T> {
    pub record: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

struct Reader<'a> {
    file: &'a Path,
    text: &'a str,
    /// Built on the first diagnostic: clean files never need line numbers.
    idx: std::cell::OnceCell<LineIndex<'a>>,
    diags: Vec<Diagnostic>,
    /// Field positions, kept only when asked for (`collect`): bulk loading
    /// skips them, and diagnostics that need them re-read the one file.
    locs: Locs,
    collect: bool,
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

impl<'a> Reader<'a> {
    fn loc(&self, span: std::ops::Range<usize>) -> Loc {
        self.idx
            .get_or_init(|| LineIndex::new(self.text))
            .loc(span.start)
    }

    fn at(&self, offset: usize) -> Loc {
        self.loc(offset..offset)
    }

    fn note(&mut self, key: impl FnOnce() -> String, span: std::ops::Range<usize>) {
        if self.collect {
            let loc = self.loc(span);
            self.locs.0.insert(key(), loc);
        }
    }

    /// Where `key` is written in `table` (the start of the file if absent).
    fn key_loc(&self, table: &Table<'_>, key: &str) -> Loc {
        table
            .get_key_value(key)
            .map(|(k, _)| self.loc(k.span()))
            .unwrap_or(Loc::START)
    }

    fn error(&mut self, code: &'static str, loc: Loc, msg: String, help: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(code, self.file, loc, msg).help(help));
    }

    fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// Reports keys that are not in `allowed`, suggesting the nearest known name.
    fn unknown_keys(&mut self, table: &Table<'_>, allowed: &[&str], prefix: &str, what: &str) {
        for (key, _) in table.iter() {
            let name = key.get_ref().as_ref();
            self.note(|| format!("{prefix}{name}"), key.span());
            if !allowed.contains(&name) {
                let loc = self.loc(key.span());
                let help = match nearest(name, allowed) {
                    Some(s) => format!("did you mean `{s}`? Known fields: {}", allowed.join(", ")),
                    None => format!("known fields: {}", allowed.join(", ")),
                };
                self.error(
                    "E002",
                    loc,
                    format!("unknown field `{name}` in {what}"),
                    help,
                );
            }
        }
    }

    fn value<'t, 'i>(&mut self, table: &'t Table<'i>, key: &str) -> Option<&'t Value<'i>> {
        table.get(key)
    }

    /// `at`: byte offset of the table missing the field (0: the file).
    fn missing(&mut self, at: usize, key: &str, what: &str, help: &str) {
        self.error(
            "E003",
            self.at(at),
            format!("{what} is missing the required field `{key}`"),
            help,
        );
    }

    fn wrong_type(&mut self, v: &Value<'_>, key: &str, expected: &str) {
        let loc = self.loc(v.span());
        let found = v.get_ref().type_str();
        self.error(
            "E004",
            loc,
            format!("`{key}` must be {expected}, found {found}"),
            format!("write `{key}` as {expected}"),
        );
    }

    /// A string field and where its value starts (a byte offset; see `at`).
    fn string(&mut self, table: &Table<'_>, key: &str) -> Option<(String, usize)> {
        let v = self.value(table, key)?;
        match v.get_ref().as_str() {
            Some(s) => Some((s.to_string(), v.span().start)),
            None => {
                self.wrong_type(v, key, "a string");
                None
            }
        }
    }

    fn required_string(
        &mut self,
        table: &Table<'_>,
        key: &str,
        at: usize,
        what: &str,
        help: &str,
    ) -> Option<String> {
        if table.get(key).is_none() {
            self.missing(at, key, what, help);
            return None;
        }
        let (s, loc) = self.string(table, key)?;
        if s.trim().is_empty() {
            let at = self.at(loc);
            self.error("E004", at, format!("`{key}` is empty"), help.to_string());
            return None;
        }
        Some(s)
    }

    fn id_value(&mut self, v: &Value<'_>, key: &str) -> Option<Id> {
        let Some(s) = v.get_ref().as_str() else {
            self.wrong_type(v, key, "an id string");
            return None;
        };
        match Id::parse(s) {
            Ok(id) => Some(id),
            Err(why) => {
                let help = match Id::suggest(s) {
                    Some(sug) => format!("ids are slugs like `{sug}`"),
                    None => "ids are slugs: a-z, 0-9 and '-'".to_string(),
                };
                self.error(
                    "E006",
                    self.loc(v.span()),
                    format!("`{key}` = {s:?} is not a valid id: {why}"),
                    help,
                );
                None
            }
        }
    }

    fn id_field(&mut self, table: &Table<'_>, key: &str) -> Option<Id> {
        let v = self.value(table, key)?;
        self.id_value(v, key)
    }

    fn id_list(&mut self, table: &Table<'_>, key: &str, prefix: &str) -> Vec<Id> {
        let Some(v) = self.value(table, key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(v, key, "a list of ids, e.g. [\"other-id\"]");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            self.note(|| format!("{prefix}{key}.{i}"), item.span());
            if let Some(id) = self.id_value(item, key) {
                out.push(id);
            }
        }
        out
    }

    fn timestamp(&mut self, table: &Table<'_>, key: &str) -> Option<Timestamp> {
        let v = self.value(table, key)?;
        let parsed = match v.get_ref() {
            DeValue::String(s) => Timestamp::parse(s),
            DeValue::Datetime(dt) => Timestamp::from_toml(dt),
            _ => {
                self.wrong_type(v, key, "a date (2019-12-31) or date-time with offset");
                return None;
            }
        };
        match parsed {
            Ok(t) => Some(t),
            Err(why) => {
                self.error(
                    "E014",
                    self.loc(v.span()),
                    format!("`{key}`: {why}"),
                    "dates are YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM",
                );
                None
            }
        }
    }

    /// A whole number and where it is written (a byte offset; see `at`).
    fn integer(&mut self, table: &Table<'_>, key: &str) -> Option<(i128, usize)> {
        let v = self.value(table, key)?;
        let loc = v.span().start;
        let parsed = v.get_ref().as_integer().and_then(|i| {
            let s = i.as_str().replace('_', "");
            i128::from_str_radix(
                s.trim_start_matches("0x")
                    .trim_start_matches("0o")
                    .trim_start_matches("0b"),
                i.radix(),
            )
            .ok()
        });
        match parsed {
            Some(n) => Some((n, loc)),
            None => {
                self.wrong_type(v, key, "a whole number");
                None
            }
        }
    }

    fn count(&mut self, table: &Table<'_>, key: &str) -> Option<u64> {
        let (n, loc) = self.integer(table, key)?;
        match u64::try_from(n) {
            Ok(n) if n <= i64::MAX as u64 => Some(n),
            _ => {
                self.error(
                    "E004",
                    self.at(loc),
                    format!("`{key}` = {n} is not a count of people"),
                    "counts are whole numbers from 0",
                );
                None
            }
        }
    }

    fn slug(&mut self, table: &Table<'_>, key: &str, at: usize, what: &str) -> Option<String> {
        let help = format!("`{key}` is a slug such as `baghdad-embassy-2019`");
        let s = self.required_string(table, key, at, what, &help)?;
        if let Err(why) = Id::parse(&s) {
            let loc = self.key_loc(table, key);
            let help = match Id::suggest(&s) {
                Some(sug) => format!("write it as a slug, e.g. `{sug}`"),
                None => help,
            };
            self.error(
                "E004",
                loc,
                format!("`{key}` = {s:?} is not a slug: {why}"),
                help,
            );
            return None;
        }
        Some(s)
    }

    fn check_id_field(&mut self, table: &Table<'_>, stem: &str) {
        if let Some((id, loc)) = self.string(table, "id")
            && id != stem
        {
            self.error(
                "E005",
                self.at(loc),
                format!("`id` is {id:?} but the file is named {stem:?}"),
                format!(
                    "rename the file to {id}.toml or set id = {stem:?}; the file name is the id"
                ),
            );
        }
    }
}

/// Where a field of a record file stands, found by reading the file again:
/// records loaded in bulk do not keep positions, and only the few records
/// with a diagnostic need them.
pub fn locate(root: &Path, rel: &Path, key: &str, policy: &CountPolicy, is_claim: bool) -> Loc {
    let Ok(text) = crate::workspace::read_record(root, rel, u64::MAX) else {
        return Loc::START;
    };
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let locs = if is_claim {
        parse_claim_with(stem, rel, &text, policy, true)
            .record
            .map(|c| c.locs)
    } else {
        parse_source_with(stem, rel, &text, true)
            .record
            .map(|s| s.locs)
    };
    locs.map(|l| l.get(key)).unwrap_or(Loc::START)
}

/// Levenshtein distance; used only to suggest a field name for a typo.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

pub fn nearest<'s>(name: &str, known: &[&'s str]) -> Option<&'s str> {
    known
        .iter()
        .map(|k| (distance(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

/// Parses the document, or reports every syntax error (E001).
fn parse_document<'i>(
    file: &Path,
    text: &'i str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table<'i>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(doc.into_inner());
    }
    let idx = LineIndex::new(text);
    for e in errors {
        let loc = e.span().map(|s| idx.loc(s.start)).unwrap_or(Loc::START);
        let msg = e.message().trim().trim_end_matches('.').to_string();
        diags.push(
            Diagnostic::new("E001", file, loc, format!("TOML syntax error: {msg}")).help(
                "fix the TOML syntax at this place; strings need double quotes, tables [brackets]",
            ),
        );
        if diags.len() >= 20 {
            break;
        }
    }
    None
}

/// Parses the document and checks the `id` field against the file name;
/// a syntax error ends the reading there.
fn start<'a>(
    stem: &str,
    file: &'a Path,
    text: &'a str,
    collect: bool,
) -> Result<(Table<'a>, Reader<'a>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let Some(root) = parse_document(file, text, &mut diags) else {
        return Err(diags);
    };
    let mut r = Reader {
        file,
        text,
        idx: std::cell::OnceCell::new(),
        diags,
        locs: Locs::default(),
        collect,
    };
    r.check_id_field(&root, stem);
    Ok((root, r))
}

pub fn parse_claim(stem: &str, file: &Path, text: &str, policy: &CountPolicy) -> Parsed<Claim> {
    parse_claim_with(stem, file, text, policy, true)
}

/// Like [`parse_claim`]; `collect` keeps the position of every field in the
/// record's `locs` (bulk loading leaves it off).
pub fn parse_claim_with(
    stem: &str,
    file: &Path,
    text: &str,
    policy: &CountPolicy,
    collect: bool,
) -> Parsed<Claim> {
    let (root, mut r) = match start(stem, file, text, collect) {
        Ok(started) => started,
        Err(diagnostics) => {
            return Parsed {
                record: None,
                diagnostics,
            };
        }
    };
    let id = Id::parse(stem).ok();

    let what = "this claim";
    let kind = match r.string(&root, "kind") {
        None if root.get("kind").is_none() => {
            r.missing(
                0,
                "kind",
                what,
                "add kind = \"casualty\", \"responsibility\", \"denial\" or \"event\"",
            );
            None
        }
        None => None,
        Some((k, loc)) => match Kind::parse(&k) {
            Some(kind) => Some(kind),
            None => {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                let help = match nearest(&k, &names) {
                    Some(s) => format!("did you mean \"{s}\"? kinds: {}", names.join(", ")),
                    None => format!("kinds: {}", names.join(", ")),
                };
                r.error("E004", r.at(loc), format!("unknown kind {k:?}"), help);
                None
            }
        },
    };
    // Fields allowed here: the common ones plus the kind's own.
    let own = kind.map(kind_fields).unwrap_or(&[]);
    let all_kind_fields = &ALL_KIND_FIELDS;
    let allowed = || -> Vec<&str> {
        CLAIM_FIELDS
            .iter()
            .chain(CLAIM_TABLES.iter())
            .copied()
            .filter(|f| kind.is_none() || !all_kind_fields.contains(f) || own.contains(f))
            .collect()
    };
    for (key, _) in root.iter() {
        let name = key.get_ref().as_ref();
        r.note(|| name.to_string(), key.span());
        let span = key.span();
        if let (Some(kind), true) = (
            kind,
            all_kind_fields.contains(&name) && !own.contains(&name),
        ) {
            r.error(
                "E002",
                r.loc(span.clone()),
                format!(
                    "field `{name}` does not belong to {} claim",
                    kind.with_article()
                ),
                format!(
                    "remove it, or change `kind`; {} claim takes: {}",
                    kind.with_article(),
                    if own.is_empty() {
                        "no extra fields".to_string()
                    } else {
                        own.join(", ")
                    }
                ),
            );
        } else if !CLAIM_FIELDS.contains(&name) && !CLAIM_TABLES.contains(&name) {
            let allowed = allowed();
            let help = match nearest(name, &allowed) {
                Some(s) => format!("did you mean `{s}`? Known fields: {}", allowed.join(", ")),
                None => format!("known fields: {}", allowed.join(", ")),
            };
            r.error(
                "E002",
                r.loc(span.clone()),
                format!("unknown field `{name}` in a claim"),
                help,
            );
        }
    }

    let event = r.slug(&root, "event", 0, what);
    let statement = r.required_string(
        &root,
        "statement",
        0,
        what,
        "add statement = \"one sentence in your words\"",
    );
    let asserted_by = r.string(&root, "asserted_by").map(|s| s.0);
    let date = r.timestamp(&root, "date");

    let details = match kind {
        Some(Kind::Casualty) => casualty(&mut r, &root, policy),
        Some(Kind::Responsibility) => r
            .required_string(
                &root,
                "actor",
                0,
                "this responsibility claim",
                "add actor = \"who is said to have done it\"",
            )
            .map(|actor| Details::Responsibility { actor }),
        Some(Kind::Denial) => {
            if root.get("denies").is_none() {
                r.missing(
                    0,
                    "denies",
                    "this denial",
                    "add denies = \"id-of-the-denied-claim\"",
                );
                None
            } else {
                r.id_field(&root, "denies")
                    .map(|denies| Details::Denial { denies })
            }
        }
        Some(Kind::Event) => Some(Details::Event),
        None => None,
    };

    let state = r.string(&root, "state");
    let reason = r.string(&root, "reason");
    let retracted = match (&state, reason) {
        (None, None) => None,
        (Some((s, _)), reason) if s == "retracted" => match reason {
            Some((reason, _)) if !reason.trim().is_empty() => Some(reason),
            _ => {
                r.missing(
                    root.get_key_value("state")
                        .map(|(k, _)| k.span().start)
                        .unwrap_or(0),
                    "reason",
                    "a retracted claim",
                    "add reason = \"why it was retracted\"",
                );
                None
            }
        },
        (Some((s, _)), _) if s == "active" => None,
        (Some((s, loc)), _) => {
            r.error(
                "E004",
                r.at(*loc),
                format!("unknown state {s:?}"),
                "state is \"retracted\" (with a reason) or absent for an active claim",
            );
            None
        }
        (None, Some((_, loc))) => {
            r.error(
                "E004",
                r.at(loc),
                "`reason` is given but the claim is not retracted".into(),
                "add state = \"retracted\" or remove the reason",
            );
            None
        }
    };

    let mut relations = Relations::default();
    if let Some(v) = root.get("relations") {
        match v.get_ref().as_table() {
            Some(t) => {
                r.unknown_keys(t, &RELATIONS, "relations.", "[relations]");
                for name in RELATIONS {
                    *relations.get_mut(name) = r.id_list(t, name, "relations.");
                }
            }
            None => r.wrong_type(v, "relations", "a table ([relations])"),
        }
    }

    let mut evidence = Vec::new();
    if let Some(v) = root.get("evidence") {
        match v.get_ref().as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    r.note(|| format!("evidence.{i}"), item.span());
                    match item.get_ref().as_table() {
                        Some(t) => {
                            if let Some(e) = evidence_item(&mut r, t, i, item.span().start) {
                                evidence.push(e);
                            }
                        }
                        None => r.wrong_type(item, "evidence", "a table ([[evidence]])"),
                    }
                }
            }
            None => r.wrong_type(v, "evidence", "an array of tables ([[evidence]])"),
        }
    }

    let record = match (id, event, statement, details, r.has_errors()) {
        (Some(id), Some(event), Some(statement), Some(details), false) => Some(Claim {
            id,
            path: file.to_path_buf(),
            event,
            statement,
            asserted_by,
            date,
            details,
            retracted,
            relations,
            evidence,
            locs: r.locs,
        }),
        _ => None,
    };
    Parsed {
        record,
        diagnostics: r.diags,
    }
}

fn casualty(r: &mut Reader<'_>, root: &Table<'_>, policy: &CountPolicy) -> Option<Details> {
    let what = "this casualty claim";
    let category = r.required_string(
        root,
        "category",
        0,
        what,
        "add category = \"killed\" (or injured, missing, detained, displaced)",
    );
    if let Some(c) = &category
        && !CATEGORIES.contains(&c.as_str())
    {
        let help = match nearest(c, &CATEGORIES) {
            Some(s) => format!(
                "did you mean \"{s}\"? categories: {}",
                CATEGORIES.join(", ")
            ),
            None => format!("categories: {}", CATEGORIES.join(", ")),
        };
        r.error(
            "E004",
            r.key_loc(root, "category"),
            format!("unknown category {c:?}"),
            help,
        );
    }
    let group = r.slug(root, "group", 0, what);
    let wording = r.string(root, "wording").map(|s| s.0);
    let policy_name = r.string(root, "policy").map(|s| s.0);
    if root.get("min").is_none() {
        r.missing(
            0,
            "min",
            what,
            "add min = N (and max = N, or leave max out for an open count)",
        );
    }
    let min = r.count(root, "min");
    let max = r.count(root, "max");
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        r.error(
            "E015",
            r.key_loc(root, "min"),
            format!("min ({lo}) is greater than max ({hi})"),
            "swap them, or leave max out for an open count",
        );
        return None;
    }
    // W104: stored interval differs from what the named policy makes of the wording.
    if let (Some(w), Some(lo), Some(name)) = (&wording, min, &policy_name)
        && *name == policy.name
        && let Ok(reading) = policy.read(w)
        && reading.interval != Interval::new(lo, max)
    {
        let loc = r.key_loc(root, "min");
        r.diags.push(
            Diagnostic::new(
                "W104",
                r.file,
                loc,
                format!(
                    "policy {name} reads {w:?} as {}, but min/max say {}",
                    reading.interval,
                    Interval::new(lo, max)
                ),
            )
            .help("fix min/max, or set policy = \"explicit\" if the numbers were chosen by hand"),
        );
    }
    Some(Details::Casualty(Casualty {
        category: category?,
        group: group?,
        wording,
        interval: Interval::new(min?, max),
        policy: policy_name,
    }))
}

fn evidence_item(r: &mut Reader<'_>, t: &Table<'_>, i: usize, at: usize) -> Option<Evidence> {
    let prefix = format!("evidence.{i}.");
    r.unknown_keys(t, &EVIDENCE_FIELDS, &prefix, "an [[evidence]] block");
    let what = "this [[evidence]] block";
    let source = if t.get("source").is_none() {
        r.missing(at, "source", what, "add source = \"source-id\"");
        None
    } else {
        r.id_field(t, "source")
    };
    let quote = r.required_string(
        t,
        "quote",
        at,
        what,
        "add quote = \"the verbatim words from the source\"",
    );
    let attributed_to = r.string(t, "attributed_to").map(|s| s.0);
    let via = r.id_field(t, "via");
    let credibility = match r.integer(t, "credibility") {
        Some((n @ 1..=6, _)) => Some(n as u8),
        Some((n, loc)) => {
            r.error(
                "E004",
                r.at(loc),
                format!("credibility {n} is not an Admiralty grade"),
                "credibility is 1 (confirmed) to 6 (cannot be judged)",
            );
            None
        }
        None => None,
    };
    Some(Evidence {
        source: source?,
        quote: quote?,
        attributed_to,
        via,
        credibility,
    })
}

pub fn parse_source(stem: &str, file: &Path, text: &str) -> Parsed<Source> {
    parse_source_with(stem, file, text, true)
}

pub fn parse_source_with(stem: &str, file: &Path, text: &str, collect: bool) -> Parsed<Source> {
    let (root, mut r) = match start(stem, file, text, collect) {
        Ok(started) => started,
        Err(diagnostics) => {
            return Parsed {
                record: None,
                diagnostics,
            };
        }
    };
    let id = Id::parse(stem).ok();
    r.unknown_keys(&root, &SOURCE_FIELDS, "", "a source");
    let what = "this source";
    let title = r.required_string(&root, "title", 0, what, "add title = \"the headline\"");
    let publisher = r.required_string(
        &root,
        "publisher",
        0,
        what,
        "add publisher = \"the outlet\"",
    );
    let url = r.string(&root, "url").map(|s| s.0);
    let published = r.timestamp(&root, "published");
    let accessed = r.timestamp(&root, "accessed");
    let reliability = match r.string(&root, "reliability") {
        Some((s, loc)) => match s.as_str() {
            "A" | "B" | "C" | "D" | "E" | "F" => s.chars().next(),
            _ => {
                r.error(
                    "E004",
                    r.at(loc),
                    format!("reliability {s:?} is not an Admiralty grade"),
                    "reliability is one letter, A (reliable) to F (cannot be judged)",
                );
                None
            }
        },
        None => None,
    };
    let cites = r.id_list(&root, "cites", "");
    let revises = r.id_field(&root, "revises");
    let sha256 = match r.string(&root, "sha256") {
        Some((s, loc)) => {
            if s.len() == 64
                && s.chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            {
                Some(s)
            } else {
                r.error(
                    "E004",
                    r.at(loc),
                    "`sha256` is not 64 lowercase hex digits".into(),
                    "let `factcheck source add --text-file` record it, or remove the line",
                );
                None
            }
        }
        None => None,
    };
    let record = match (id, title, publisher, r.has_errors()) {
        (Some(id), Some(title), Some(publisher), false) => Some(Source {
            id,
            path: file.to_path_buf(),
            title,
            publisher,
            url,
            published,
            accessed,
            reliability,
            cites,
            revises,
            sha256,
            locs: r.locs,
        }),
        _ => None,
    };
    Parsed {
        record,
        diagnostics: r.diags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str) -> Parsed<Claim> {
        parse_claim(
            "c1",
            Path::new("claims/c1.toml"),
            text,
            &CountPolicy::default(),
        )
    }

    fn codes(p: &[Diagnostic]) -> Vec<(&'static str, usize, usize)> {
        p.iter().map(|d| (d.code, d.line, d.column)).collect()
    }

    #[test]
    fn reads_a_casualty_claim() {
        let p = claim(
            "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nwording = \"25\"\nmin = 25\nmax = 25\npolicy = \"default-v1\"\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n",
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let c = p.record.unwrap();
        assert_eq!(c.casualty().unwrap().interval, Interval::exact(25));
        assert_eq!(c.evidence[0].source.as_str(), "s1");
        assert_eq!(c.locs.get("evidence.0.source").line, 12);
    }

    #[test]
    fn reports_every_problem_in_one_file() {
        let p = claim(
            "kind = \"casualty\"\nevnt = \"e\"\nstatement = 3\ncategory = \"kiled\"\ngroup = \"g\"\nmin = 5\nmax = 2\nactor = \"x\"\n",
        );
        assert!(p.record.is_none());
        let got = codes(&p.diagnostics);
        assert!(got.contains(&("E002", 2, 1)), "{got:?}");
        assert!(got.contains(&("E002", 8, 1)), "{got:?}");
        assert!(got.contains(&("E003", 1, 1)), "{got:?}");
        assert!(got.contains(&("E004", 3, 13)), "{got:?}");
        assert!(got.contains(&("E004", 4, 1)), "{got:?}");
        assert!(got.contains(&("E015", 6, 1)), "{got:?}");
        let typo = p.diagnostics.iter().find(|d| d.line == 2).unwrap();
        assert!(typo.help.as_ref().unwrap().contains("did you mean `event`"));
    }

    #[test]
    fn syntax_errors_have_places() {
        let p = claim("kind = \"event\"\nevent = \"e\nstatement = \"s\"\n");
        assert_eq!(p.diagnostics[0].code, "E001");
        assert_eq!(p.diagnostics[0].line, 2);
    }

    #[test]
    fn id_field_must_match_stem() {
        let p = claim("id = \"other\"\nkind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n");
        assert_eq!(codes(&p.diagnostics), vec![("E005", 1, 6)]);
    }

    #[test]
    fn a_source_with_bad_fields() {
        let p = parse_source(
            "s1",
            Path::new("sources/s1.toml"),
            "title = \"t\"\npublisher = \"p\"\npublished = \"31/12/2019\"\nreliability = \"G\"\ncites = [\"Bad Id\"]\n",
        );
        let got = codes(&p.diagnostics);
        assert_eq!(got, vec![("E014", 3, 13), ("E004", 4, 15), ("E006", 5, 10)]);
    }

    #[test]
    fn nearest_names() {
        assert_eq!(nearest("evnt", &CLAIM_FIELDS), Some("event"));
        assert_eq!(nearest("zzzzzzzz", &CLAIM_FIELDS), None);
    }
}
