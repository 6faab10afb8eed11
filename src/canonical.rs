//! The canonical layout of record files, and edits that change only the lines
//! they must (toml_edit keeps comments, order and spacing of everything else).

use crate::error::{Error, Result};
use crate::model::{Claim, Details, Evidence, Source};
use crate::record::{CLAIM_FIELDS, EVIDENCE_FIELDS, SOURCE_FIELDS};
use crate::timestamp::Timestamp;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

/// Quotes longer than this are written as multi-line strings in `fmt`.
const LONG_QUOTE: usize = 100;

fn datetime(t: &Timestamp) -> Item {
    match t.to_string().parse::<toml_edit::Datetime>() {
        Ok(dt) => value(dt),
        Err(_) => value(t.to_string()),
    }
}

fn id_array<'a>(ids: impl IntoIterator<Item = &'a crate::id::Id>) -> Item {
    let mut a = Array::new();
    for id in ids {
        a.push(id.as_str());
    }
    value(a)
}

fn evidence_table(e: &Evidence) -> Table {
    let mut t = Table::new();
    t.insert("source", value(e.source.as_str()));
    let quote = match e.quote.chars().count() > LONG_QUOTE {
        true => multiline(&e.quote).unwrap_or_else(|| value(e.quote.as_str())),
        false => value(e.quote.as_str()),
    };
    t.insert("quote", quote);
    if let Some(a) = &e.attributed_to {
        t.insert("attributed_to", value(a.as_str()));
    }
    if let Some(v) = &e.via {
        t.insert("via", value(v.as_str()));
    }
    if let Some(c) = e.credibility {
        t.insert("credibility", value(i64::from(c)));
    }
    t
}

/// The text of a new claim file in canonical layout.
pub fn claim_text(c: &Claim) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("kind", value(c.kind().as_str()));
    doc.insert("event", value(c.event.as_str()));
    doc.insert("statement", value(c.statement.as_str()));
    if let Some(a) = &c.asserted_by {
        doc.insert("asserted_by", value(a.as_str()));
    }
    if let Some(d) = &c.date {
        doc.insert("date", datetime(d));
    }
    match &c.details {
        Details::Casualty(k) => {
            doc.insert("category", value(k.category.as_str()));
            doc.insert("group", value(k.group.as_str()));
            if let Some(w) = &k.wording {
                doc.insert("wording", value(w.as_str()));
            }
            doc.insert("min", value(k.interval.min as i64));
            if let Some(m) = k.interval.max {
                doc.insert("max", value(m as i64));
            }
            if let Some(p) = &k.policy {
                doc.insert("policy", value(p.as_str()));
            }
        }
        Details::Responsibility { actor } => {
            doc.insert("actor", value(actor.as_str()));
        }
        Details::Denial { denies } => {
            doc.insert("denies", value(denies.as_str()));
        }
        Details::Event => {}
    }
    if let Some(reason) = &c.retracted {
        doc.insert("state", value("retracted"));
        doc.insert("reason", value(reason.as_str()));
    }
    if !c.relations.is_empty() {
        let mut t = Table::new();
        for name in crate::model::RELATIONS {
            let ids = c.relations.get(name);
            if !ids.is_empty() {
                t.insert(name, id_array(ids));
            }
        }
        t.decor_mut().set_prefix("\n");
        doc.insert("relations", Item::Table(t));
    }
    if !c.evidence.is_empty() {
        let mut aot = ArrayOfTables::new();
        for e in &c.evidence {
            let mut t = evidence_table(e);
            t.decor_mut().set_prefix("\n");
            aot.push(t);
        }
        doc.insert("evidence", Item::ArrayOfTables(aot));
    }
    doc.to_string()
}

/// The text of a new source file in canonical layout.
pub fn source_text(s: &Source) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("title", value(s.title.as_str()));
    doc.insert("publisher", value(s.publisher.as_str()));
    if let Some(u) = &s.url {
        doc.insert("url", value(u.as_str()));
    }
    if let Some(p) = &s.published {
        doc.insert("published", datetime(p));
    }
    if let Some(a) = &s.accessed {
        doc.insert("accessed", datetime(a));
    }
    if let Some(r) = s.reliability {
        doc.insert("reliability", value(r.to_string()));
    }
    if !s.cites.is_empty() {
        doc.insert("cites", id_array(&s.cites));
    }
    if let Some(r) = &s.revises {
        doc.insert("revises", value(r.as_str()));
    }
    if let Some(h) = &s.sha256 {
        doc.insert("sha256", value(h.as_str()));
    }
    doc.to_string()
}

/// Splits off a UTF-8 BOM so edits keep it.
fn split_bom(text: &str) -> (&str, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    }
}

fn parse_mut(text: &str) -> Result<DocumentMut> {
    text.parse::<DocumentMut>()
        .map_err(|e| Error::Usage(format!("the file is not valid TOML: {}", e.message())))
}

/// Uses the file's own line ending for lines the edit adds.
fn with_line_endings(original: &str, edited: String) -> String {
    if original.contains("\r\n") {
        let mut out = String::with_capacity(edited.len() + 64);
        let mut prev = '\0';
        for c in edited.chars() {
            if c == '\n' && prev != '\r' {
                out.push('\r');
            }
            out.push(c);
            prev = c;
        }
        out
    } else {
        edited
    }
}

fn edit_doc(text: &str, f: impl FnOnce(&mut DocumentMut) -> Result<()>) -> Result<String> {
    let (bom, body) = split_bom(text);
    let mut doc = parse_mut(body)?;
    f(&mut doc)?;
    let out = with_line_endings(body, doc.to_string());
    Ok(format!("{bom}{out}"))
}

/// Appends one `[[evidence]]` block at the end of the claim file.
pub fn append_evidence(text: &str, e: &Evidence) -> Result<String> {
    // A hand-written `evidence = [{...}]` takes one more inline table instead.
    let (_, body) = split_bom(text);
    if let Ok(doc) = body.parse::<DocumentMut>()
        && doc.get("evidence").is_some_and(Item::is_array)
    {
        return edit_doc(text, |doc| {
            if let Some(items) = doc.get_mut("evidence").and_then(Item::as_array_mut) {
                items.push(evidence_table(e).into_inline_table());
            }
            Ok(())
        });
    }
    // Appending text keeps every existing byte; toml_edit renders the block.
    let mut t = evidence_table(e);
    t.decor_mut().set_prefix("");
    let mut aot = ArrayOfTables::new();
    aot.push(t);
    let mut doc = DocumentMut::new();
    doc.insert("evidence", Item::ArrayOfTables(aot));
    let block = doc.to_string();
    let (bom, body) = split_bom(text);
    let mut out = String::from(body);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.trim().is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(&block);
    // The appended block must parse as part of the file: if the file ends in a
    // table that is not [[evidence]], the append stays valid since [[evidence]]
    // opens a new table.
    Ok(format!("{bom}{}", with_line_endings(body, out)))
}

/// Adds `other` to `[relations].name`, creating the table before the first
/// `[[evidence]]` block if needed. Adding an id already there changes nothing.
pub fn add_relation(text: &str, name: &str, other: &str) -> Result<String> {
    edit_doc(text, |doc| {
        if doc.get("relations").is_none() {
            let mut t = Table::new();
            t.decor_mut().set_prefix("\n");
            // Place it right before the first evidence block.
            let first_evidence = doc
                .get("evidence")
                .and_then(Item::as_array_of_tables)
                .and_then(|a| a.iter().filter_map(|t| t.position()).min());
            if let Some(pos) = first_evidence {
                if let Some(aot) = doc
                    .get_mut("evidence")
                    .and_then(Item::as_array_of_tables_mut)
                {
                    for t in aot.iter_mut() {
                        let p = t.position().map(|p| p + 1);
                        t.set_position(p);
                    }
                }
                t.set_position(Some(pos));
            }
            doc.insert("relations", Item::Table(t));
        }
        let rel = doc
            .get_mut("relations")
            .and_then(Item::as_table_like_mut)
            .ok_or_else(|| Error::Usage("`relations` in this file is not a table".into()))?;
        match rel.get_mut(name) {
            None => {
                let mut a = Array::new();
                a.push(other);
                rel.insert(name, value(a));
            }
            Some(item) => {
                let a = item
                    .as_array_mut()
                    .ok_or_else(|| Error::Usage(format!("`relations.{name}` is not a list")))?;
                if !a.iter().any(|v| v.as_str() == Some(other)) {
                    a.push(other);
                }
            }
        }
        Ok(())
    })
}

/// Marks the claim retracted: adds (or updates) `state` and `reason`.
pub fn retract(text: &str, reason: &str) -> Result<String> {
    edit_doc(text, |doc| {
        let root = doc.as_table_mut();
        match root.get_mut("state") {
            Some(item) => *item = value("retracted").into_with_decor(item),
            None => {
                root.insert("state", value("retracted"));
            }
        }
        match root.get_mut("reason") {
            Some(item) => *item = value(reason).into_with_decor(item),
            None => {
                root.insert("reason", value(reason));
            }
        }
        Ok(())
    })
}

trait KeepDecor {
    fn into_with_decor(self, old: &Item) -> Item;
}

impl KeepDecor for Item {
    fn into_with_decor(self, old: &Item) -> Item {
        match (self, old.as_value()) {
            (Item::Value(mut v), Some(old)) => {
                *v.decor_mut() = old.decor().clone();
                Item::Value(v)
            }
            (item, _) => item,
        }
    }
}

fn rank(order: &[&str], key: &str) -> usize {
    order.iter().position(|k| *k == key).unwrap_or(order.len())
}

fn is_long(v: &Item) -> bool {
    v.as_str().is_some_and(|s| s.chars().count() > LONG_QUOTE)
}

/// Rewrites a record into the canonical layout, keeping comments: fields in
/// canonical order (a comment moves with the line below it), one space around
/// `=`, `[relations]` before the `[[evidence]]` blocks, one blank line between
/// tables, long quotes as multi-line strings.
pub fn format_record(text: &str, is_claim: bool) -> Result<String> {
    let (bom, body) = split_bom(text);
    let mut doc = parse_mut(body)?;
    let order: &[&str] = if is_claim {
        &CLAIM_FIELDS
    } else {
        &SOURCE_FIELDS
    };
    normalize_table(doc.as_table_mut(), order);
    if is_claim {
        let mut pos = 1isize;
        if let Some(t) = doc.get_mut("relations").and_then(Item::as_table_mut) {
            normalize_table(t, &crate::model::RELATIONS);
            t.set_position(Some(pos));
            pos += 1;
            let prefix = blank_prefix(t.decor().prefix());
            t.decor_mut().set_prefix(prefix);
        }
        if let Some(aot) = doc
            .get_mut("evidence")
            .and_then(Item::as_array_of_tables_mut)
        {
            for t in aot.iter_mut() {
                normalize_table(t, &EVIDENCE_FIELDS);
                for (_, v) in t.iter_mut() {
                    if is_long(v)
                        && let Some(s) = v.as_str().map(str::to_string)
                        && let Some(ml) = multiline(&s)
                    {
                        *v = ml.into_with_decor(v);
                    }
                }
                t.set_position(Some(pos));
                pos += 1;
                let prefix = blank_prefix(t.decor().prefix());
                t.decor_mut().set_prefix(prefix);
            }
        }
    }
    let out = doc.to_string();
    let out = out.trim_start_matches('\n').to_string();
    Ok(format!("{bom}{}", with_line_endings(body, out)))
}

/// A table header keeps its comments but gets exactly one blank line before it.
fn blank_prefix(old: Option<&toml_edit::RawString>) -> String {
    let old = old.and_then(|r| r.as_str()).unwrap_or("");
    let comments: Vec<&str> = old
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = String::from("\n");
    for c in comments {
        out.push_str(c);
        out.push('\n');
    }
    out
}

fn normalize_table(t: &mut Table, order: &[&str]) {
    t.sort_values_by(|k1, _, k2, _| rank(order, k1.get()).cmp(&rank(order, k2.get())));
    for (mut key, v) in t.iter_mut() {
        if !v.is_value() {
            continue;
        }
        // Keep comment lines above a key, drop stray blank lines and padding.
        let prefix = key
            .leaf_decor()
            .prefix()
            .and_then(|r| r.as_str())
            .unwrap_or("")
            .to_string();
        let comments: String = prefix
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        key.leaf_decor_mut().set_prefix(comments);
        key.leaf_decor_mut().set_suffix(" ");
        if let Some(val) = v.as_value_mut() {
            let suffix = val
                .decor()
                .suffix()
                .and_then(|r| r.as_str())
                .unwrap_or("")
                .trim()
                .to_string();
            val.decor_mut().set_prefix(" ");
            val.decor_mut().set_suffix(if suffix.is_empty() {
                String::new()
            } else {
                format!(" {suffix}")
            });
        }
    }
}

/// A string as a TOML multi-line basic string, when it can be written so.
fn multiline(s: &str) -> Option<Item> {
    if s.contains("\"\"\"") || s.contains('\\') || s.chars().any(|c| c.is_control() && c != '\n') {
        return None;
    }
    let repr = format!("\"\"\"\n{s}\"\"\"");
    let v: Value = repr.parse().ok()?;
    (v.as_str() == Some(s)).then_some(Item::Value(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_keeps_every_byte() {
        let text = "# a hand-written claim\nkind = \"event\"   # aligned\nevent = \"e\"\nstatement = \"s\"\n";
        let e = Evidence {
            source: crate::id::Id::parse("s1").unwrap(),
            quote: "q \"x\"".into(),
            attributed_to: Some("AP".into()),
            via: None,
            credibility: Some(2),
        };
        let out = append_evidence(text, &e).unwrap();
        assert!(out.starts_with(text));
        assert_eq!(
            &out[text.len()..],
            "\n[[evidence]]\nsource = \"s1\"\nquote = 'q \"x\"'\nattributed_to = \"AP\"\ncredibility = 2\n"
        );
    }

    #[test]
    fn relation_goes_before_evidence() {
        let text = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n";
        let out = add_relation(text, "contradicts", "c2").unwrap();
        assert_eq!(
            out,
            "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[relations]\ncontradicts = [\"c2\"]\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n"
        );
        let again = add_relation(&out, "contradicts", "c3").unwrap();
        assert!(
            again.contains("contradicts = [\"c2\", \"c3\"]\n"),
            "{again}"
        );
        assert_eq!(add_relation(&again, "contradicts", "c3").unwrap(), again);
    }

    #[test]
    fn retract_adds_two_lines() {
        let text = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n";
        let out = retract(text, "wrong").unwrap();
        assert_eq!(
            out,
            "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nstate = \"retracted\"\nreason = \"wrong\"\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n"
        );
    }

    #[test]
    fn format_orders_fields_and_keeps_comments() {
        let text = "statement = \"s\"\n# the event\nevent   =   \"e\"\nkind = \"event\" # why\n[[evidence]]\nquote = \"q\"\nsource = \"s1\"\n[relations]\nsupersedes = [\"x\"]\n";
        let out = format_record(text, true).unwrap();
        assert_eq!(
            out,
            "kind = \"event\" # why\n# the event\nevent = \"e\"\nstatement = \"s\"\n\n[relations]\nsupersedes = [\"x\"]\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n"
        );
        assert_eq!(format_record(&out, true).unwrap(), out);
    }

    #[test]
    fn inline_evidence_and_relations_are_extended_in_place() {
        let text = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nrelations = { supersedes = [\"a\"] }\nevidence = [{ source = \"s1\", quote = \"q\" }]\n";
        let e = Evidence {
            source: crate::id::Id::parse("s2").unwrap(),
            quote: "r".into(),
            attributed_to: None,
            via: None,
            credibility: None,
        };
        let out = append_evidence(text, &e).unwrap();
        assert!(out.contains("evidence = [{ source = \"s1\", quote = \"q\" }, { source = \"s2\", quote = \"r\" }]"), "{out}");
        let out = add_relation(&out, "supersedes", "b").unwrap();
        assert!(
            out.contains("relations = { supersedes = [\"a\", \"b\"] }"),
            "{out}"
        );
        let out = add_relation(&out, "contradicts", "c").unwrap();
        assert!(out.contains("contradicts = [\"c\"]"), "{out}");
    }

    #[test]
    fn crlf_and_bom_survive_edits() {
        let text = "\u{feff}kind = \"event\"\r\nevent = \"e\"\r\nstatement = \"s\"\r\n";
        let out = retract(text, "r").unwrap();
        assert_eq!(
            out,
            "\u{feff}kind = \"event\"\r\nevent = \"e\"\r\nstatement = \"s\"\r\nstate = \"retracted\"\r\nreason = \"r\"\r\n"
        );
    }
}
