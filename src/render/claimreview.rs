//! ClaimReview out (`export claimreview`): schema.org JSON-LD for the claims
//! the desk has rated, and the summary of an import.

use super::table::md_escape;
use super::{Format, json_doc};
use crate::model::id::Id;
use crate::model::records::{Claim, Source};
use crate::ops::import::Imported;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// How the export names the kind of a claim's author: `Person`,
/// `Organization`, or nothing when not known.
pub type AuthorType<'a> = &'a dyn Fn(&str) -> Option<&'static str>;

fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn named(name: &str, kind: Option<&str>) -> Value {
    let mut m = Map::new();
    if let Some(k) = kind {
        m.insert("@type".into(), json!(k));
    }
    m.insert("name".into(), json!(name));
    Value::Object(m)
}

/// A JSON-LD array of ClaimReview objects, one per rated claim, in id order.
pub fn export(
    claims: &[&Claim],
    sources: &HashMap<&Id, &Source>,
    author_type: AuthorType<'_>,
) -> String {
    let mut out = Vec::new();
    for c in claims {
        let Some(r) = &c.review else { continue };
        // Where the claim appeared: its evidence sources with a URL, earliest first.
        let mut seen: Vec<(&Source, &str)> = Vec::new();
        for e in &c.evidence {
            if let Some(s) = sources.get(&e.source)
                && let Some(u) = s.url.as_deref()
                && !seen.iter().any(|(_, x)| *x == u)
            {
                seen.push((s, u));
            }
        }
        seen.sort_by(|(a, _), (b, _)| match (a.known_since(), b.known_since()) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let mut item = Map::new();
        item.insert("@type".into(), json!("Claim"));
        if let Some(a) = &c.asserted_by {
            item.insert("author".into(), named(a, author_type(a)));
        }
        let claim_date = c
            .date
            .clone()
            .or_else(|| seen.first().and_then(|(s, _)| s.published.clone()));
        if let Some(d) = claim_date {
            item.insert("datePublished".into(), json!(d.to_string()));
        }
        if !seen.is_empty() {
            let appearance: Vec<Value> = seen
                .iter()
                .map(|(_, u)| json!({"@type": "CreativeWork", "url": u}))
                .collect();
            item.insert("appearance".into(), Value::Array(appearance));
            // The earliest is known only when it has a date.
            if seen[0].0.known_since().is_some() {
                item.insert(
                    "firstAppearance".into(),
                    json!({"@type": "CreativeWork", "url": seen[0].1}),
                );
            }
        }
        let mut rating = Map::new();
        rating.insert("@type".into(), json!("Rating"));
        if let Some(v) = r.rating_value {
            rating.insert("ratingValue".into(), number(v));
        }
        if let Some(v) = r.best_rating {
            rating.insert("bestRating".into(), number(v));
        }
        if let Some(v) = r.worst_rating {
            rating.insert("worstRating".into(), number(v));
        }
        rating.insert("alternateName".into(), json!(r.rating));
        if let Some(e) = &r.explanation {
            rating.insert("ratingExplanation".into(), json!(e));
        }
        let mut review = Map::new();
        review.insert("@context".into(), json!("https://schema.org"));
        review.insert("@type".into(), json!("ClaimReview"));
        review.insert("identifier".into(), json!(c.id));
        review.insert("claimReviewed".into(), json!(c.statement));
        review.insert("itemReviewed".into(), Value::Object(item));
        review.insert("reviewRating".into(), Value::Object(rating));
        if let Some(a) = &r.author {
            review.insert("author".into(), named(a, Some("Organization")));
        }
        if let Some(d) = &r.date {
            review.insert("datePublished".into(), json!(d.to_string()));
        }
        if let Some(u) = &r.url {
            review.insert("url".into(), json!(u));
        }
        out.push(Value::Object(review));
    }
    let mut s = serde_json::to_string_pretty(&Value::Array(out)).unwrap_or_default();
    s.push('\n');
    s
}

/// What an import did, for people (text, Markdown) or programs (JSON).
pub fn imported(i: &Imported, event: &str, format: Format) -> String {
    match format {
        Format::Json => {
            let rejected: Vec<Value> = i
                .rejected
                .iter()
                .map(|(at, why)| json!({"item": at, "why": why}))
                .collect();
            let notes: Vec<Value> = i
                .notes
                .iter()
                .map(|(id, n)| json!({"claim": id, "note": n}))
                .collect();
            json_doc(
                "import-claimreview",
                &[],
                json!({
                    "event": event,
                    "imported": i.imported,
                    "already": i.already,
                    "rejected": rejected,
                    "notes": notes,
                    "sources": i.sources,
                }),
            )
        }
        Format::Markdown => {
            let mut out = format!(
                "**Imported {} review(s)** into event `{event}` ({} new source(s)); {} already there; {} rejected.\n\n",
                i.imported.len(),
                i.sources.len(),
                i.already.len(),
                i.rejected.len()
            );
            if !i.rejected.is_empty() {
                out.push_str("| item | why rejected |\n|---|---|\n");
                for (at, why) in &i.rejected {
                    out.push_str(&format!("| `{}` | {} |\n", md_escape(at), md_escape(why)));
                }
                out.push('\n');
            }
            if !i.notes.is_empty() {
                out.push_str("| claim | dropped |\n|---|---|\n");
                for (id, n) in &i.notes {
                    out.push_str(&format!("| `{id}` | {} |\n", md_escape(n)));
                }
            }
            out
        }
        _ => {
            let mut out = format!(
                "imported {} review(s) as claims in event {event} ({} new source(s))\n",
                i.imported.len(),
                i.sources.len()
            );
            for id in &i.imported {
                out.push_str(&format!("  {id}\n"));
            }
            if !i.already.is_empty() {
                out.push_str(&format!(
                    "{} already there (nothing changed):\n",
                    i.already.len()
                ));
                for id in &i.already {
                    out.push_str(&format!("  {id}\n"));
                }
            }
            if !i.notes.is_empty() {
                out.push_str("dropped from imported items:\n");
                for (id, n) in &i.notes {
                    out.push_str(&format!("  {id}: {n}\n"));
                }
            }
            if !i.rejected.is_empty() {
                out.push_str(&format!("rejected {}:\n", i.rejected.len()));
                for (at, why) in &i.rejected {
                    out.push_str(&format!("  {at}: {why}\n"));
                }
            }
            out
        }
    }
}
