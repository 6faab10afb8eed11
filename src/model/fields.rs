//! Records as their stored fields, under their TOML names: the shape of
//! `show --format json`, `source list`, `entity list`, and what `diff`
//! compares field by field (`evidence[2].credibility`, `relations.supersedes`).

use super::records::*;
use serde_json::{Map, Value, json};

fn put(m: &mut Map<String, Value>, k: &str, v: Option<Value>) {
    if let Some(v) = v {
        m.insert(k.into(), v);
    }
}

fn text(s: &Option<String>) -> Option<Value> {
    s.as_ref().map(|s| json!(s))
}

fn time(t: &Option<super::time::Timestamp>) -> Option<Value> {
    t.as_ref().map(|t| json!(t.to_string()))
}

fn list<T: serde::Serialize>(v: &[T]) -> Option<Value> {
    (!v.is_empty()).then(|| json!(v))
}

fn number(x: Option<f64>) -> Option<Value> {
    x.map(|x| {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            json!(x as i64)
        } else {
            json!(x)
        }
    })
}

pub fn evidence_json(e: &Evidence) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("source".into(), json!(e.source));
    m.insert("quote".into(), json!(e.quote));
    put(&mut m, "attributed_to", text(&e.attributed_to));
    put(&mut m, "via", e.via.as_ref().map(|v| json!(v)));
    put(&mut m, "credibility", e.credibility.map(|c| json!(c)));
    m
}

pub fn review_json(r: &Review) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("rating".into(), json!(r.rating));
    put(&mut m, "rating_value", number(r.rating_value));
    put(&mut m, "best_rating", number(r.best_rating));
    put(&mut m, "worst_rating", number(r.worst_rating));
    put(&mut m, "explanation", text(&r.explanation));
    put(&mut m, "url", text(&r.url));
    put(&mut m, "date", time(&r.date));
    put(&mut m, "author", text(&r.author));
    m
}

/// A claim with every stored field under its TOML name; absent optional
/// fields are left out, `max` is always there (`null` when open).
pub fn claim_json(c: &Claim) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(c.id));
    m.insert("kind".into(), json!(c.kind()));
    m.insert("event".into(), json!(c.event));
    m.insert("statement".into(), json!(c.statement));
    put(&mut m, "asserted_by", text(&c.asserted_by));
    put(&mut m, "date", time(&c.date));
    match &c.details {
        Details::Casualty(k) => {
            m.insert("category".into(), json!(k.category));
            m.insert("group".into(), json!(k.group));
            put(&mut m, "wording", text(&k.wording));
            m.insert("min".into(), json!(k.interval.min));
            m.insert("max".into(), json!(k.interval.max));
            put(&mut m, "best", k.best.map(|b| json!(b)));
            put(&mut m, "as_of", time(&k.as_of));
            put(&mut m, "hedge", text(&k.hedge));
            put(&mut m, "policy", text(&k.policy));
        }
        Details::Responsibility(b) => {
            m.insert("actor".into(), json!(b.actor));
            put(&mut m, "stance", b.stance.map(|s| json!(s.as_str())));
            put(&mut m, "hedge", text(&b.hedge));
        }
        Details::Denial(d) => {
            put(&mut m, "denies", d.denies.as_ref().map(|x| json!(x)));
            put(&mut m, "actor", text(&d.actor));
        }
        Details::Event => {}
    }
    if c.preferred {
        m.insert("rank".into(), json!("preferred"));
    }
    if let Some(r) = &c.retraction {
        m.insert("state".into(), json!("retracted"));
        m.insert("reason".into(), json!(r.reason));
        put(&mut m, "retracted_on", time(&r.on));
    }
    put(&mut m, "notes", text(&c.notes));
    put(&mut m, "tags", list(&c.tags));
    let mut rel = Map::new();
    for name in RELATIONS {
        put(&mut rel, name, list(c.relations.get(name)));
    }
    if !rel.is_empty() {
        m.insert("relations".into(), Value::Object(rel));
    }
    if let Some(r) = &c.review {
        m.insert("review".into(), Value::Object(review_json(r)));
    }
    m.insert(
        "evidence".into(),
        Value::Array(
            c.evidence
                .iter()
                .map(|e| Value::Object(evidence_json(e)))
                .collect(),
        ),
    );
    m
}

pub fn capture_json(c: &Capture) -> Map<String, Value> {
    let mut m = Map::new();
    put(&mut m, "requested_url", text(&c.requested_url));
    put(&mut m, "final_url", text(&c.final_url));
    put(&mut m, "redirects", list(&c.redirects));
    put(&mut m, "status", c.status.map(|s| json!(s)));
    put(&mut m, "content_type", text(&c.content_type));
    put(&mut m, "captured", time(&c.captured));
    put(&mut m, "tool", text(&c.tool));
    put(&mut m, "raw_sha256", text(&c.raw_sha256));
    put(&mut m, "etag", text(&c.etag));
    put(&mut m, "last_modified", text(&c.last_modified));
    put(&mut m, "dates", list(&c.dates));
    m
}

pub fn source_json(s: &Source) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(s.id));
    m.insert("title".into(), json!(s.title));
    m.insert("publisher".into(), json!(s.publisher));
    put(&mut m, "url", text(&s.url));
    put(&mut m, "published", time(&s.published));
    put(&mut m, "accessed", time(&s.accessed));
    put(&mut m, "language", text(&s.language));
    put(
        &mut m,
        "reliability",
        s.reliability.map(|r| json!(r.to_string())),
    );
    put(&mut m, "cites", list(&s.cites));
    put(&mut m, "revises", s.revises.as_ref().map(|r| json!(r)));
    put(&mut m, "sha256", text(&s.sha256));
    put(&mut m, "notes", text(&s.notes));
    put(&mut m, "tags", list(&s.tags));
    if let Some(c) = &s.capture {
        m.insert("capture".into(), Value::Object(capture_json(c)));
    }
    m
}

pub fn entity_json(e: &Entity) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(e.id));
    m.insert("name".into(), json!(e.name));
    put(&mut m, "kind", text(&e.kind));
    put(&mut m, "part_of", e.part_of.as_ref().map(|p| json!(p)));
    put(&mut m, "aliases", list(&e.aliases));
    put(&mut m, "notes", text(&e.notes));
    m
}

pub fn event_json(e: &Event) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(e.id));
    put(&mut m, "title", text(&e.title));
    put(&mut m, "date", time(&e.date));
    put(&mut m, "start", time(&e.start));
    put(&mut m, "end", time(&e.end));
    put(&mut m, "place", text(&e.place));
    put(&mut m, "parties", list(&e.parties));
    if e.cumulative {
        m.insert("cumulative".into(), json!(true));
    }
    put(&mut m, "notes", text(&e.notes));
    m
}

/// The fields of a record map flattened for comparison: tables become
/// `relations.supersedes`, arrays of tables `evidence[2].credibility`.
/// `skip` names top-level fields left out.
pub fn flatten(m: &Map<String, Value>, skip: &[&str]) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (k, v) in m {
        if skip.contains(&k.as_str()) {
            continue;
        }
        match v {
            Value::Object(sub) => {
                for (sk, sv) in sub {
                    out.push((format!("{k}.{sk}"), sv.clone()));
                }
            }
            Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(sub) = item {
                        for (sk, sv) in sub {
                            out.push((format!("{k}[{i}].{sk}"), sv.clone()));
                        }
                    }
                }
            }
            Value::Null => {}
            other => out.push((k.clone(), other.clone())),
        }
    }
    out
}
