//! The canonical layout of record files, and edits that change only the lines
//! they must (toml_edit keeps comments, order and spacing of everything else).

use super::parse::claim::{EVIDENCE_FIELDS, REVIEW_FIELDS, field_order};
use super::parse::entity::{ENTITY_FIELDS, EVENT_FIELDS};
use super::parse::source::{CAPTURE_FIELDS, SOURCE_FIELDS};
use crate::error::{Error, Result};
use crate::model::id::Id;
use crate::model::records::*;
use crate::model::time::Timestamp;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value, value};

/// Quotes longer than this are written as multi-line strings.
const LONG_QUOTE: usize = 100;

pub fn datetime(t: &Timestamp) -> Item {
    match t.to_string().parse::<toml_edit::Datetime>() {
        Ok(dt) => value(dt),
        Err(_) => value(t.to_string()),
    }
}

fn id_array<'a>(ids: impl IntoIterator<Item = &'a Id>) -> Item {
    let mut a = Array::new();
    for id in ids {
        a.push(id.as_str());
    }
    value(a)
}

fn str_array<'a>(items: impl IntoIterator<Item = &'a String>) -> Item {
    let mut a = Array::new();
    for s in items {
        a.push(s.as_str());
    }
    value(a)
}

/// A number as TOML: whole numbers as integers.
pub fn number(x: f64) -> Item {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        value(x as i64)
    } else {
        value(x)
    }
}

fn text_item(s: &str) -> Item {
    if s.chars().count() > LONG_QUOTE {
        multiline(s).unwrap_or_else(|| value(s))
    } else {
        value(s)
    }
}

fn evidence_table(e: &Evidence) -> Table {
    let mut t = Table::new();
    t.insert("source", value(e.source.as_str()));
    t.insert("quote", text_item(&e.quote));
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

pub fn review_table(r: &Review) -> Table {
    let mut t = Table::new();
    t.insert("rating", value(r.rating.as_str()));
    let nums = [
        ("rating_value", r.rating_value),
        ("best_rating", r.best_rating),
        ("worst_rating", r.worst_rating),
    ];
    for (k, v) in nums {
        if let Some(v) = v {
            t.insert(k, number(v));
        }
    }
    if let Some(e) = &r.explanation {
        t.insert("explanation", text_item(e));
    }
    if let Some(u) = &r.url {
        t.insert("url", value(u.as_str()));
    }
    if let Some(d) = &r.date {
        t.insert("date", datetime(d));
    }
    if let Some(a) = &r.author {
        t.insert("author", value(a.as_str()));
    }
    t
}

fn opt(doc: &mut DocumentMut, key: &str, v: Option<&str>) {
    if let Some(v) = v {
        doc.insert(key, value(v));
    }
}

/// The text of a new claim file in canonical layout.
pub fn claim_text(c: &Claim) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("kind", value(c.kind().as_str()));
    doc.insert("event", value(c.event.as_str()));
    doc.insert("statement", value(c.statement.as_str()));
    opt(&mut doc, "asserted_by", c.asserted_by.as_deref());
    if let Some(d) = &c.date {
        doc.insert("date", datetime(d));
    }
    match &c.details {
        Details::Casualty(k) => {
            doc.insert("category", value(k.category.as_str()));
            doc.insert("group", value(k.group.as_str()));
            opt(&mut doc, "wording", k.wording.as_deref());
            doc.insert("min", value(k.interval.min as i64));
            if let Some(m) = k.interval.max {
                doc.insert("max", value(m as i64));
            }
            if let Some(b) = k.best {
                doc.insert("best", value(b as i64));
            }
            if let Some(a) = &k.as_of {
                doc.insert("as_of", datetime(a));
            }
            opt(&mut doc, "hedge", k.hedge.as_deref());
            opt(&mut doc, "policy", k.policy.as_deref());
        }
        Details::Responsibility(b) => {
            doc.insert("actor", value(b.actor.as_str()));
            opt(&mut doc, "stance", b.stance.map(Stance::as_str));
            opt(&mut doc, "hedge", b.hedge.as_deref());
        }
        Details::Denial(d) => {
            opt(&mut doc, "denies", d.denies.as_ref().map(Id::as_str));
            opt(&mut doc, "actor", d.actor.as_deref());
        }
        Details::Event => {}
    }
    if c.preferred {
        doc.insert("rank", value("preferred"));
    }
    if let Some(r) = &c.retraction {
        doc.insert("state", value("retracted"));
        doc.insert("reason", value(r.reason.as_str()));
        if let Some(on) = &r.on {
            doc.insert("retracted_on", datetime(on));
        }
    }
    opt(&mut doc, "notes", c.notes.as_deref());
    if !c.tags.is_empty() {
        doc.insert("tags", str_array(&c.tags));
    }
    if !c.relations.is_empty() {
        let mut t = Table::new();
        for name in RELATIONS {
            let ids = c.relations.get(name);
            if !ids.is_empty() {
                t.insert(name, id_array(ids));
            }
        }
        t.decor_mut().set_prefix("\n");
        doc.insert("relations", Item::Table(t));
    }
    if let Some(r) = &c.review {
        let mut t = review_table(r);
        t.decor_mut().set_prefix("\n");
        doc.insert("review", Item::Table(t));
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
    opt(&mut doc, "url", s.url.as_deref());
    if let Some(p) = &s.published {
        doc.insert("published", datetime(p));
    }
    if let Some(a) = &s.accessed {
        doc.insert("accessed", datetime(a));
    }
    opt(&mut doc, "language", s.language.as_deref());
    if let Some(r) = s.reliability {
        doc.insert("reliability", value(r.to_string()));
    }
    if !s.cites.is_empty() {
        doc.insert("cites", id_array(&s.cites));
    }
    opt(&mut doc, "revises", s.revises.as_ref().map(Id::as_str));
    opt(&mut doc, "sha256", s.sha256.as_deref());
    opt(&mut doc, "notes", s.notes.as_deref());
    if !s.tags.is_empty() {
        doc.insert("tags", str_array(&s.tags));
    }
    if let Some(c) = &s.capture {
        let mut t = Table::new();
        let mut o = |k: &str, v: Option<&str>| {
            if let Some(v) = v {
                t.insert(k, value(v));
            }
        };
        o("requested_url", c.requested_url.as_deref());
        o("final_url", c.final_url.as_deref());
        if !c.redirects.is_empty() {
            let mut a = Array::new();
            for r in &c.redirects {
                let mut it = InlineTable::new();
                it.insert("url", r.url.as_str().into());
                it.insert("status", i64::from(r.status).into());
                a.push(it);
            }
            fmt_multiline(&mut a);
            t.insert("redirects", value(a));
        }
        if let Some(st) = c.status {
            t.insert("status", value(i64::from(st)));
        }
        let mut o = |k: &str, v: Option<&str>| {
            if let Some(v) = v {
                t.insert(k, value(v));
            }
        };
        o("content_type", c.content_type.as_deref());
        if let Some(cap) = &c.captured {
            t.insert("captured", datetime(cap));
        }
        let mut o = |k: &str, v: Option<&str>| {
            if let Some(v) = v {
                t.insert(k, value(v));
            }
        };
        o("tool", c.tool.as_deref());
        o("raw_sha256", c.raw_sha256.as_deref());
        o("etag", c.etag.as_deref());
        o("last_modified", c.last_modified.as_deref());
        if !c.dates.is_empty() {
            let mut a = Array::new();
            for d in &c.dates {
                let mut it = InlineTable::new();
                it.insert("value", d.value.as_str().into());
                it.insert("from", d.from.as_str().into());
                a.push(it);
            }
            fmt_multiline(&mut a);
            t.insert("dates", value(a));
        }
        t.decor_mut().set_prefix("\n");
        doc.insert("capture", Item::Table(t));
    }
    doc.to_string()
}

/// One element per line, for arrays of inline tables.
fn fmt_multiline(a: &mut Array) {
    for v in a.iter_mut() {
        v.decor_mut().set_prefix("\n  ");
        v.decor_mut().set_suffix("");
    }
    a.set_trailing("\n");
    a.set_trailing_comma(true);
}

/// The text of a new entity file in canonical layout.
pub fn entity_text(e: &Entity) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("name", value(e.name.as_str()));
    opt(&mut doc, "kind", e.kind.as_deref());
    opt(&mut doc, "part_of", e.part_of.as_ref().map(Id::as_str));
    if !e.aliases.is_empty() {
        doc.insert("aliases", str_array(&e.aliases));
    }
    opt(&mut doc, "notes", e.notes.as_deref());
    doc.to_string()
}

/// The text of a new event file in canonical layout.
pub fn event_text(e: &Event) -> String {
    let mut doc = DocumentMut::new();
    opt(&mut doc, "title", e.title.as_deref());
    for (k, t) in [("date", &e.date), ("start", &e.start), ("end", &e.end)] {
        if let Some(t) = t {
            doc.insert(k, datetime(t));
        }
    }
    opt(&mut doc, "place", e.place.as_deref());
    if !e.parties.is_empty() {
        doc.insert("parties", id_array(&e.parties));
    }
    if e.cumulative {
        doc.insert("cumulative", value(true));
    }
    opt(&mut doc, "notes", e.notes.as_deref());
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

fn rank(order: &[&str], key: &str) -> usize {
    order.iter().position(|k| *k == key).unwrap_or(order.len())
}

/// Inserts a new top-level value at its canonical place: right after the
/// last existing field that comes before it in `order`, moving nothing else.
fn insert_in_order(t: &mut Table, key: &str, item: Item, order: &[&str]) {
    if let Some(old) = t.get_mut(key) {
        *old = item.into_with_decor(old);
        return;
    }
    let r = rank(order, key);
    let keys: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
    let at = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| t.get(k).is_some_and(Item::is_value) && rank(order, k) < r)
        .map(|(i, _)| i + 1)
        .max()
        .unwrap_or(0);
    let tail: Vec<(toml_edit::Key, Item)> = keys[at..]
        .iter()
        .filter_map(|k| t.remove_entry(k))
        .collect();
    t.insert(key, item);
    for (k, it) in tail {
        t.insert_formatted(&k, it);
    }
}

/// Gives a new document-level table the place right before the first
/// `[[evidence]]` block (or at the end), shifting the tables after it.
fn place_before_evidence(doc: &mut DocumentMut, t: &mut Table) {
    let first_evidence = doc
        .get("evidence")
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.iter().filter_map(|t| t.position()).min());
    if let Some(pos) = first_evidence {
        let root = doc.as_table_mut();
        for (_, item) in root.iter_mut() {
            match item {
                Item::Table(x) => {
                    if let Some(p) = x.position().filter(|p| *p >= pos) {
                        x.set_position(Some(p + 1));
                    }
                }
                Item::ArrayOfTables(a) => {
                    for x in a.iter_mut() {
                        if let Some(p) = x.position().filter(|p| *p >= pos) {
                            x.set_position(Some(p + 1));
                        }
                    }
                }
                _ => {}
            }
        }
        t.set_position(Some(pos));
    }
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
    Ok(format!("{bom}{}", with_line_endings(body, out)))
}

/// Adds `other` to `[relations].name`, creating the table before the first
/// `[[evidence]]` block if needed. Adding an id already there changes nothing.
pub fn add_relation(text: &str, name: &str, other: &str) -> Result<String> {
    edit_doc(text, |doc| {
        if doc.get("relations").is_none() {
            let mut t = Table::new();
            t.decor_mut().set_prefix("\n");
            place_before_evidence(doc, &mut t);
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

/// The canonical order of a claim file's top-level fields, from its `kind`.
fn claim_order(doc: &DocumentMut) -> Vec<&'static str> {
    let kind = doc.get("kind").and_then(Item::as_str).and_then(Kind::parse);
    field_order(kind)
}

/// Sets (or, with `None`, removes) one top-level field of a claim, keeping
/// every other line; a new field goes to its canonical place.
pub fn set_claim_field(text: &str, key: &str, item: Option<Item>) -> Result<String> {
    edit_doc(text, |doc| {
        let order = claim_order(doc);
        match item {
            Some(item) => insert_in_order(doc.as_table_mut(), key, item, &order),
            None => {
                doc.as_table_mut().remove(key);
            }
        }
        Ok(())
    })
}

/// Marks the claim retracted: adds (or updates) `state`, `reason` and
/// `retracted_on`.
pub fn retract(text: &str, reason: &str, on: &Timestamp) -> Result<String> {
    edit_doc(text, |doc| {
        let order = claim_order(doc);
        let root = doc.as_table_mut();
        insert_in_order(root, "state", value("retracted"), &order);
        insert_in_order(root, "reason", value(reason), &order);
        insert_in_order(root, "retracted_on", datetime(on), &order);
        Ok(())
    })
}

/// Sets or clears `rank = "preferred"`.
pub fn set_rank(text: &str, preferred: bool) -> Result<String> {
    set_claim_field(text, "rank", preferred.then(|| value("preferred")))
}

/// Writes the `[review]` table, replacing an earlier one in place.
pub fn set_review(text: &str, review: &Review) -> Result<String> {
    edit_doc(text, |doc| {
        let mut t = review_table(review);
        match doc.get_mut("review") {
            Some(Item::Table(old)) => {
                t.set_position(old.position());
                *t.decor_mut() = old.decor().clone();
                *old = t;
            }
            _ => {
                t.decor_mut().set_prefix("\n");
                place_before_evidence(doc, &mut t);
                doc.insert("review", Item::Table(t));
            }
        }
        Ok(())
    })
}

/// Adds spellings to an entity's `aliases`; ones already there are skipped.
pub fn add_aliases(text: &str, aliases: &[String]) -> Result<String> {
    edit_doc(text, |doc| {
        let root = doc.as_table_mut();
        if root.get("aliases").is_none() {
            insert_in_order(root, "aliases", value(Array::new()), &ENTITY_FIELDS);
        }
        let a = root
            .get_mut("aliases")
            .and_then(Item::as_array_mut)
            .ok_or_else(|| Error::Usage("`aliases` in this file is not a list".into()))?;
        for alias in aliases {
            if !a.iter().any(|v| v.as_str() == Some(alias.as_str())) {
                a.push(alias.as_str());
            }
        }
        Ok(())
    })
}

/// Sets one top-level field of a source, entity or event file.
pub fn set_field(text: &str, kind: RecordKind, key: &str, item: Option<Item>) -> Result<String> {
    if kind == RecordKind::Claim {
        return set_claim_field(text, key, item);
    }
    let order: &[&str] = match kind {
        RecordKind::Source => &SOURCE_FIELDS,
        RecordKind::Entity => &ENTITY_FIELDS,
        _ => &EVENT_FIELDS,
    };
    edit_doc(text, |doc| {
        match item {
            Some(item) => insert_in_order(doc.as_table_mut(), key, item, order),
            None => {
                doc.as_table_mut().remove(key);
            }
        }
        Ok(())
    })
}

/// Where one kind of record names records of another kind: (field path,
/// kind named). `evidence.*.source` is a field of each `[[evidence]]` block.
pub fn reference_fields(of: RecordKind, target: RecordKind) -> &'static [&'static str] {
    use RecordKind::*;
    match (of, target) {
        (Claim, Claim) => &[
            "denies",
            "relations.contradicts",
            "relations.supersedes",
            "relations.corroborates",
        ],
        (Claim, Source) => &["evidence.*.source", "evidence.*.via"],
        (Claim, Event) => &["event"],
        (Source, Source) => &["cites", "revises"],
        (Entity, Entity) => &["part_of"],
        (Event, Entity) => &["parties"],
        _ => &[],
    }
}

fn rename_value(v: &mut Value, old: &str, new: &str) -> bool {
    match v {
        Value::String(s) if s.value() == old => {
            let decor = s.decor().clone();
            let mut n = toml_edit::Formatted::new(new.to_string());
            *n.decor_mut() = decor;
            *s = n;
            true
        }
        Value::Array(a) => {
            let mut changed = false;
            for x in a.iter_mut() {
                changed |= rename_value(x, old, new);
            }
            changed
        }
        _ => false,
    }
}

fn rename_in_table(t: &mut dyn toml_edit::TableLike, path: &[&str], old: &str, new: &str) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return false;
    };
    let Some(item) = t.get_mut(first) else {
        return false;
    };
    if rest.is_empty() {
        return item
            .as_value_mut()
            .is_some_and(|v| rename_value(v, old, new));
    }
    if rest[0] == "*" {
        let rest = &rest[1..];
        let mut changed = false;
        match item {
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    changed |= rename_in_table(t, rest, old, new);
                }
            }
            Item::Value(Value::Array(a)) => {
                for v in a.iter_mut() {
                    if let Value::InlineTable(t) = v {
                        changed |= rename_in_table(t, rest, old, new);
                    }
                }
            }
            _ => {}
        }
        return changed;
    }
    match item.as_table_like_mut() {
        Some(sub) => rename_in_table(sub, rest, old, new),
        None => false,
    }
}

/// Rewrites every reference from a record of kind `of` to the record `old`
/// of kind `target` as `new`. `None` when the file names it nowhere.
pub fn rename_references(
    text: &str,
    of: RecordKind,
    target: RecordKind,
    old: &str,
    new: &str,
) -> Result<Option<String>> {
    let fields = reference_fields(of, target);
    if fields.is_empty() || !text.contains(old) {
        return Ok(None);
    }
    let mut changed = false;
    let out = edit_doc(text, |doc| {
        for f in fields {
            let path: Vec<&str> = f.split('.').collect();
            changed |= rename_in_table(doc.as_table_mut(), &path, old, new);
        }
        Ok(())
    })?;
    Ok(changed.then_some(out))
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

fn is_long(v: &Item) -> bool {
    v.as_str().is_some_and(|s| s.chars().count() > LONG_QUOTE)
}

/// Rewrites a record into the canonical layout, keeping comments: fields in
/// canonical order (a comment moves with the line below it), one space around
/// `=`, `[relations]` and `[review]` before the `[[evidence]]` blocks, one
/// blank line between tables, long quotes as multi-line strings.
pub fn format_record(text: &str, kind: RecordKind) -> Result<String> {
    let (bom, body) = split_bom(text);
    let mut doc = parse_mut(body)?;
    let order: Vec<&str> = match kind {
        RecordKind::Claim => claim_order(&doc),
        RecordKind::Source => SOURCE_FIELDS.to_vec(),
        RecordKind::Entity => ENTITY_FIELDS.to_vec(),
        RecordKind::Event => EVENT_FIELDS.to_vec(),
    };
    normalize_table(doc.as_table_mut(), &order);
    let mut pos = 1isize;
    let sub_tables: &[(&str, &[&str])] = match kind {
        RecordKind::Claim => &[("relations", &RELATIONS), ("review", &REVIEW_FIELDS)],
        RecordKind::Source => &[("capture", &CAPTURE_FIELDS)],
        _ => &[],
    };
    for (name, fields) in sub_tables {
        if let Some(t) = doc.get_mut(name).and_then(Item::as_table_mut) {
            normalize_table(t, fields);
            t.set_position(Some(pos));
            pos += 1;
            let prefix = blank_prefix(t.decor().prefix());
            t.decor_mut().set_prefix(prefix);
        }
    }
    if kind == RecordKind::Claim
        && let Some(aot) = doc
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

    fn ev(source: &str, quote: &str) -> Evidence {
        Evidence {
            source: Id::parse(source).unwrap(),
            quote: quote.into(),
            attributed_to: None,
            via: None,
            credibility: None,
        }
    }

    #[test]
    fn append_keeps_every_byte() {
        let text = "# a hand-written claim\nkind = \"event\"   # aligned\nevent = \"e\"\nstatement = \"s\"\n";
        let mut e = ev("s1", "q \"x\"");
        e.attributed_to = Some("AP".into());
        e.credibility = Some(2);
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
    fn retract_adds_three_lines_in_place() {
        let text = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nnotes = \"n\"\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n";
        let on = Timestamp::parse("2020-01-02").unwrap();
        let out = retract(text, "wrong", &on).unwrap();
        assert_eq!(
            out,
            "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nstate = \"retracted\"\nreason = \"wrong\"\nretracted_on = 2020-01-02\nnotes = \"n\"\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n"
        );
    }

    #[test]
    fn a_new_field_goes_to_its_canonical_place() {
        let text = "kind = \"casualty\"   # aligned\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nmin = 25\n# the policy\npolicy = \"default-v2\"\n";
        let out = set_claim_field(text, "best", Some(value(25))).unwrap();
        assert_eq!(
            out,
            "kind = \"casualty\"   # aligned\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nmin = 25\nbest = 25\n# the policy\npolicy = \"default-v2\"\n"
        );
        let out = set_rank(&out, true).unwrap();
        assert!(
            out.ends_with("policy = \"default-v2\"\nrank = \"preferred\"\n"),
            "{out}"
        );
        assert_eq!(
            set_rank(&out, false).unwrap(),
            set_claim_field(text, "best", Some(value(25))).unwrap()
        );
    }

    #[test]
    fn review_goes_between_relations_and_evidence() {
        let text = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[relations]\ncontradicts = [\"x\"]\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n";
        let r = Review {
            rating: "False".into(),
            rating_value: Some(1.0),
            best_rating: Some(5.0),
            ..Review::default()
        };
        let out = set_review(text, &r).unwrap();
        assert_eq!(
            out,
            "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[relations]\ncontradicts = [\"x\"]\n\n[review]\nrating = \"False\"\nrating_value = 1\nbest_rating = 5\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n"
        );
        let r2 = Review {
            rating: "Misleading".into(),
            ..Review::default()
        };
        let again = set_review(&out, &r2).unwrap();
        assert!(
            again.contains("[review]\nrating = \"Misleading\"\n\n[[evidence]]"),
            "{again}"
        );
    }

    #[test]
    fn references_are_renamed_where_they_stand() {
        let text = "kind = \"denial\"\nevent = \"e\"\nstatement = \"s\"\ndenies = \"old\"  # the claim\n\n[relations]\nsupersedes = [\"a\", \"old\"]\n\n[[evidence]]\nsource = \"old\"\nquote = \"old words\"\n";
        let out = rename_references(text, RecordKind::Claim, RecordKind::Claim, "old", "new")
            .unwrap()
            .unwrap();
        assert_eq!(
            out,
            "kind = \"denial\"\nevent = \"e\"\nstatement = \"s\"\ndenies = \"new\"  # the claim\n\n[relations]\nsupersedes = [\"a\", \"new\"]\n\n[[evidence]]\nsource = \"old\"\nquote = \"old words\"\n"
        );
        let out = rename_references(text, RecordKind::Claim, RecordKind::Source, "old", "src")
            .unwrap()
            .unwrap();
        assert!(
            out.contains("source = \"src\"\nquote = \"old words\""),
            "{out}"
        );
        assert!(out.contains("denies = \"old\""));
        assert_eq!(
            rename_references(text, RecordKind::Claim, RecordKind::Entity, "old", "x").unwrap(),
            None
        );
    }

    #[test]
    fn aliases_are_appended() {
        let text = "name = \"Ministry of Health\"\nkind = \"ministry\"\nnotes = \"n\"\n";
        let out = add_aliases(text, &["MoH".into()]).unwrap();
        assert_eq!(
            out,
            "name = \"Ministry of Health\"\nkind = \"ministry\"\naliases = [\"MoH\"]\nnotes = \"n\"\n"
        );
        let out = add_aliases(&out, &["MoH".into(), "MOH".into()]).unwrap();
        assert!(out.contains("aliases = [\"MoH\", \"MOH\"]"), "{out}");
    }

    #[test]
    fn format_orders_fields_and_keeps_comments() {
        let text = "statement = \"s\"\n# the event\nevent   =   \"e\"\nkind = \"event\" # why\n[[evidence]]\nquote = \"q\"\nsource = \"s1\"\n[relations]\nsupersedes = [\"x\"]\n";
        let out = format_record(text, RecordKind::Claim).unwrap();
        assert_eq!(
            out,
            "kind = \"event\" # why\n# the event\nevent = \"e\"\nstatement = \"s\"\n\n[relations]\nsupersedes = [\"x\"]\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n"
        );
        assert_eq!(format_record(&out, RecordKind::Claim).unwrap(), out);
    }

    #[test]
    fn format_orders_kind_fields_by_kind() {
        let text = "hedge = \"most likely\"\nstance = \"accuses\"\nactor = \"X\"\nkind = \"responsibility\"\nevent = \"e\"\nstatement = \"s\"\n";
        let out = format_record(text, RecordKind::Claim).unwrap();
        assert_eq!(
            out,
            "kind = \"responsibility\"\nevent = \"e\"\nstatement = \"s\"\nactor = \"X\"\nstance = \"accuses\"\nhedge = \"most likely\"\n"
        );
    }

    #[test]
    fn inline_evidence_and_relations_are_extended_in_place() {
        let text = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nrelations = { supersedes = [\"a\"] }\nevidence = [{ source = \"s1\", quote = \"q\" }]\n";
        let out = append_evidence(text, &ev("s2", "r")).unwrap();
        assert!(out.contains("evidence = [{ source = \"s1\", quote = \"q\" }, { source = \"s2\", quote = \"r\" }]"), "{out}");
        let out = add_relation(&out, "supersedes", "b").unwrap();
        assert!(
            out.contains("relations = { supersedes = [\"a\", \"b\"] }"),
            "{out}"
        );
    }

    #[test]
    fn crlf_and_bom_survive_edits() {
        let text = "\u{feff}kind = \"event\"\r\nevent = \"e\"\r\nstatement = \"s\"\r\n";
        let on = Timestamp::parse("2020-01-02").unwrap();
        let out = retract(text, "r", &on).unwrap();
        assert_eq!(
            out,
            "\u{feff}kind = \"event\"\r\nevent = \"e\"\r\nstatement = \"s\"\r\nstate = \"retracted\"\r\nreason = \"r\"\r\nretracted_on = 2020-01-02\r\n"
        );
    }
}
