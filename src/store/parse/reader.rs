//! Reading the fields of one record file: every problem in the file is
//! reported (not only the first), each at its line and column.
//!
//! The file is parsed into a spanned document and each field is validated by
//! hand, so a typo in a field name is an error with a suggestion, not silence.

use crate::model::codes::*;
use crate::model::diag::{Code, Diagnostic, LineIndex, Loc};
use crate::model::id::Id;
use crate::model::time::Timestamp;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub type Table<'i> = DeTable<'i>;
pub type Value<'i> = Spanned<DeValue<'i>>;

pub struct Reader<'a> {
    pub file: &'a Path,
    text: &'a str,
    /// Built on the first diagnostic: clean files never need line numbers.
    idx: std::cell::OnceCell<LineIndex<'a>>,
    pub diags: Vec<Diagnostic>,
}

/// The nearest known name to a typo, if any is close enough.
pub fn nearest<'s>(name: &str, known: &[&'s str]) -> Option<&'s str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

impl<'a> Reader<'a> {
    pub fn loc(&self, span: std::ops::Range<usize>) -> Loc {
        self.idx
            .get_or_init(|| LineIndex::new(self.text))
            .loc(span.start)
    }

    pub fn at(&self, offset: usize) -> Loc {
        self.loc(offset..offset)
    }

    /// Where `key` is written in `table` (the start of the file if absent).
    pub fn key_loc(&self, table: &Table<'_>, key: &str) -> Loc {
        table
            .get_key_value(key)
            .map(|(k, _)| self.loc(k.span()))
            .unwrap_or(Loc::START)
    }

    pub fn error(&mut self, code: &'static Code, loc: Loc, msg: String, help: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(code, self.file, loc, msg).help(help));
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// Reports keys that are not in `allowed`, suggesting the nearest known name.
    pub fn unknown_keys(&mut self, table: &Table<'_>, allowed: &[&str], what: &str) {
        for (key, _) in table.iter() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let loc = self.loc(key.span());
                let help = match nearest(name, allowed) {
                    Some(s) => format!("did you mean `{s}`? Known fields: {}", allowed.join(", ")),
                    None if allowed.contains(&"tags") => format!(
                        "known fields: {}; `notes` and `tags` are the place for anything else",
                        allowed.join(", ")
                    ),
                    None if allowed.contains(&"notes") => format!(
                        "known fields: {}; `notes` is the place for anything else",
                        allowed.join(", ")
                    ),
                    None => format!("known fields: {}", allowed.join(", ")),
                };
                self.error(
                    &E002,
                    loc,
                    format!("unknown field `{name}` in {what}"),
                    help,
                );
            }
        }
    }

    /// `at`: byte offset of the table missing the field (0: the file).
    pub fn missing(&mut self, at: usize, key: &str, what: &str, help: &str) {
        self.error(
            &E003,
            self.at(at),
            format!("{what} is missing the required field `{key}`"),
            help,
        );
    }

    pub fn wrong_type(&mut self, v: &Value<'_>, key: &str, expected: &str) {
        let loc = self.loc(v.span());
        let found = v.get_ref().type_str();
        self.error(
            &E004,
            loc,
            format!("`{key}` must be {expected}, found {found}"),
            format!("write `{key}` as {expected}"),
        );
    }

    /// A string field and where its value starts (a byte offset; see `at`).
    pub fn string(&mut self, table: &Table<'_>, key: &str) -> Option<(String, usize)> {
        let v = table.get(key)?;
        match v.get_ref().as_str() {
            Some(s) => Some((s.to_string(), v.span().start)),
            None => {
                self.wrong_type(v, key, "a string");
                None
            }
        }
    }

    /// An optional string that, when given, must not be blank.
    pub fn text(&mut self, table: &Table<'_>, key: &str) -> Option<String> {
        let (s, at) = self.string(table, key)?;
        if s.trim().is_empty() {
            let loc = self.at(at);
            self.error(
                &E004,
                loc,
                format!("`{key}` is empty"),
                format!("write the {key}, or remove the line"),
            );
            return None;
        }
        Some(s)
    }

    pub fn required_string(
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
            self.error(&E004, at, format!("`{key}` is empty"), help.to_string());
            return None;
        }
        Some(s)
    }

    pub fn id_value(&mut self, v: &Value<'_>, key: &str) -> Option<Id> {
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
                    &E006,
                    self.loc(v.span()),
                    format!("`{key}` = {s:?} is not a valid id: {why}"),
                    help,
                );
                None
            }
        }
    }

    pub fn id_field(&mut self, table: &Table<'_>, key: &str) -> Option<Id> {
        let v = table.get(key)?;
        self.id_value(v, key)
    }

    pub fn id_list(&mut self, table: &Table<'_>, key: &str) -> Vec<Id> {
        let Some(v) = table.get(key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(v, key, "a list of ids, e.g. [\"other-id\"]");
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.id_value(item, key))
            .collect()
    }

    /// A list of non-blank strings (`tags`, `aliases`).
    pub fn string_list(&mut self, table: &Table<'_>, key: &str) -> Vec<String> {
        let Some(v) = table.get(key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(v, key, "a list of strings, e.g. [\"one\", \"two\"]");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(s) if !s.trim().is_empty() => out.push(s.to_string()),
                Some(_) => {
                    let loc = self.loc(item.span());
                    self.error(
                        &E004,
                        loc,
                        format!("`{key}` has an empty entry"),
                        "remove it",
                    );
                }
                None => self.wrong_type(item, key, "a list of strings"),
            }
        }
        out
    }

    pub fn timestamp(&mut self, table: &Table<'_>, key: &str) -> Option<Timestamp> {
        let v = table.get(key)?;
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
                    &E014,
                    self.loc(v.span()),
                    format!("`{key}`: {why}"),
                    "dates are YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM",
                );
                None
            }
        }
    }

    /// A whole number and where it is written (a byte offset; see `at`).
    pub fn integer(&mut self, table: &Table<'_>, key: &str) -> Option<(i128, usize)> {
        let v = table.get(key)?;
        let loc = v.span().start;
        let parsed = v.get_ref().as_integer().and_then(|i| {
            let s = i.as_str().replace('_', "");
            let digits = s
                .trim_start_matches('+')
                .trim_start_matches("0x")
                .trim_start_matches("0o")
                .trim_start_matches("0b");
            i128::from_str_radix(digits, i.radix())
                .ok()
                .map(|n| if s.starts_with('-') { -n.abs() } else { n })
        });
        match parsed {
            Some(n) => Some((n, loc)),
            None => {
                self.wrong_type(v, key, "a whole number");
                None
            }
        }
    }

    /// A count of people: a whole number from 0.
    pub fn count(&mut self, table: &Table<'_>, key: &str) -> Option<u64> {
        let (n, loc) = self.integer(table, key)?;
        match u64::try_from(n) {
            Ok(n) if n <= i64::MAX as u64 => Some(n),
            _ => {
                self.error(
                    &E004,
                    self.at(loc),
                    format!("`{key}` = {n} is not a count of people"),
                    "counts are whole numbers from 0",
                );
                None
            }
        }
    }

    /// A number, whole or not (rating values).
    pub fn number(&mut self, table: &Table<'_>, key: &str) -> Option<f64> {
        let v = table.get(key)?;
        match v.get_ref() {
            DeValue::Float(f) => match f.as_str().replace('_', "").parse::<f64>() {
                Ok(x) if x.is_finite() => Some(x),
                _ => {
                    self.wrong_type(v, key, "a finite number");
                    None
                }
            },
            DeValue::Integer(_) => self.integer(table, key).map(|(n, _)| n as f64),
            _ => {
                self.wrong_type(v, key, "a number");
                None
            }
        }
    }

    pub fn boolean(&mut self, table: &Table<'_>, key: &str) -> Option<bool> {
        let v = table.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(v, key, "true or false");
                None
            }
        }
    }

    /// A required slug (`event`, `group`).
    pub fn slug(&mut self, table: &Table<'_>, key: &str, at: usize, what: &str) -> Option<String> {
        let help = format!("`{key}` is a slug such as `baghdad-embassy-2019`");
        let s = self.required_string(table, key, at, what, &help)?;
        if let Err(why) = Id::parse(&s) {
            let loc = self.key_loc(table, key);
            let help = match Id::suggest(&s) {
                Some(sug) => format!("write it as a slug, e.g. `{sug}`"),
                None => help,
            };
            self.error(
                &E004,
                loc,
                format!("`{key}` = {s:?} is not a slug: {why}"),
                help,
            );
            return None;
        }
        Some(s)
    }

    /// One of a fixed set of words (`kind`, `category`, `stance`).
    pub fn choice(&mut self, table: &Table<'_>, key: &str, allowed: &[&str]) -> Option<String> {
        let (s, _) = self.string(table, key)?;
        if allowed.contains(&s.as_str()) {
            return Some(s);
        }
        let help = match nearest(&s, allowed) {
            Some(n) => format!(
                "did you mean \"{n}\"? {key} is one of: {}",
                allowed.join(", ")
            ),
            None => format!("{key} is one of: {}", allowed.join(", ")),
        };
        let loc = self.key_loc(table, key);
        self.error(&E004, loc, format!("unknown {key} {s:?}"), help);
        None
    }

    pub fn check_id_field(&mut self, table: &Table<'_>, stem: &str) {
        if let Some((id, loc)) = self.string(table, "id")
            && id != stem
        {
            self.error(
                &E005,
                self.at(loc),
                format!("`id` is {id:?} but the file is named {stem:?}"),
                format!(
                    "rename the file to {id}.toml or set id = {stem:?}; the file name is the id"
                ),
            );
        }
    }

    /// The tables of an array of tables (`[[evidence]]`), with their offsets.
    pub fn tables<'t, 'i>(
        &mut self,
        table: &'t Table<'i>,
        key: &str,
        what: &str,
    ) -> Vec<(&'t Table<'i>, usize)> {
        let Some(v) = table.get(key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(v, key, &format!("an array of tables ({what})"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(t) => out.push((t, item.span().start)),
                None => self.wrong_type(item, key, &format!("a table ({what})")),
            }
        }
        out
    }

    /// A sub-table (`[relations]`) and its offset.
    pub fn table<'t, 'i>(
        &mut self,
        table: &'t Table<'i>,
        key: &str,
    ) -> Option<(&'t Table<'i>, usize)> {
        let v = table.get(key)?;
        match v.get_ref().as_table() {
            Some(t) => Some((t, v.span().start)),
            None => {
                self.wrong_type(v, key, &format!("a table ([{key}])"));
                None
            }
        }
    }
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
            Diagnostic::new(&E001, file, loc, format!("TOML syntax error: {msg}")).help(
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
pub fn start<'a>(
    stem: &str,
    file: &'a Path,
    text: &'a str,
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
    };
    r.check_id_field(&root, stem);
    Ok((root, r))
}

/// Where a field of a record file is written: `evidence.2.quote`,
/// `relations.contradicts.0`, `denies`. The start of the file when the
/// document does not parse or the field is absent.
pub fn locate(text: &str, key: &str) -> Loc {
    let (doc, _) = DeTable::parse_recoverable(text);
    let idx = LineIndex::new(text);
    let mut table: &Table<'_> = doc.get_ref();
    let mut span: Option<std::ops::Range<usize>> = None;
    let parts: Vec<&str> = key.split('.').collect();
    let mut i = 0;
    while i < parts.len() {
        let Some((k, v)) = table.get_key_value(parts[i]) else {
            break;
        };
        span = Some(k.span());
        i += 1;
        let mut value = v;
        if let Some(n) = parts.get(i).and_then(|p| p.parse::<usize>().ok()) {
            let Some(item) = v.get_ref().as_array().and_then(|a| a.get(n)) else {
                break;
            };
            span = Some(item.span());
            value = item;
            i += 1;
        } else if i == parts.len() {
            break;
        }
        match value.get_ref().as_table() {
            Some(t) => table = t,
            None => break,
        }
    }
    span.map(|s| idx.loc(s.start)).unwrap_or(Loc::START)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_nested_fields() {
        let text = "kind = \"event\"\n\n[relations]\ncontradicts = [\"a\", \"b\"]\n\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\n\n[[evidence]]\nsource = \"t\"\nquote = \"r\"\n";
        assert_eq!(locate(text, "kind"), Loc { line: 1, column: 1 });
        assert_eq!(
            locate(text, "relations.contradicts.1"),
            Loc {
                line: 4,
                column: 21
            }
        );
        assert_eq!(
            locate(text, "evidence.1.quote"),
            Loc {
                line: 12,
                column: 1
            }
        );
        assert_eq!(
            locate(text, "evidence.0.source"),
            Loc { line: 7, column: 1 }
        );
        assert_eq!(locate(text, "nothing"), Loc::START);
    }

    #[test]
    fn nearest_names() {
        assert_eq!(nearest("evnt", &["event", "kind"]), Some("event"));
        assert_eq!(nearest("zzzzzzzz", &["event", "kind"]), None);
    }
}
