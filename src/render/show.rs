//! `factcheck show`: one record with every stored field, what is derived of
//! it, and the links into it from other records.

use super::table::{Grid, md_cell};
use super::{Format, Style, json_doc, skipped_markdown, skipped_text};
use crate::analysis::inbound::{ClaimInbound, EntityInbound, SourceInbound};
use crate::store::workspace::Skipped;
use serde_json::{Map, Value, json};

/// What `show` displays of one record.
pub struct Shown<'a> {
    /// "claim", "source", "entity", "event".
    pub what: &'static str,
    pub id: String,
    /// The stored fields under their TOML names.
    pub fields: Map<String, Value>,
    /// Derived facts (statuses, origins, standing...), shown after the fields.
    pub derived: Map<String, Value>,
    /// Inbound links, by name ("superseded_by" -> ids).
    pub inbound: Vec<(&'static str, Vec<String>)>,
    pub skipped: &'a [Skipped],
}

pub fn claim_inbound(i: &ClaimInbound) -> Vec<(&'static str, Vec<String>)> {
    let ids = |v: &[crate::model::id::Id]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        ("superseded_by", ids(&i.superseded_by)),
        ("revised_by", ids(&i.revised_by)),
        ("denied_by", ids(&i.denied_by)),
        ("withdrawn_by", ids(&i.withdrawn_by)),
        ("contradicted_by", ids(&i.contradicted_by)),
        ("corroborated_by", ids(&i.corroborated_by)),
    ]
}

pub fn source_inbound(i: &SourceInbound) -> Vec<(&'static str, Vec<String>)> {
    let ids = |v: &[crate::model::id::Id]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        ("quoted_by", ids(&i.quoted_by)),
        ("relayed_by", ids(&i.relayed_by)),
        ("revised_by", ids(&i.revised_by)),
    ]
}

pub fn entity_inbound(i: &EntityInbound) -> Vec<(&'static str, Vec<String>)> {
    let ids = |v: &[crate::model::id::Id]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        ("members", ids(&i.members)),
        ("claims", ids(&i.claims)),
        ("party_in", ids(&i.party_in)),
    ]
}

fn label(name: &str) -> String {
    name.replace('_', " ")
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "open".into(),
        Value::Array(a) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| x.to_string())
            })
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| format!("{k}: {}", text_of(v)))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

pub fn render(s: &Shown<'_>, format: Format, style: Style) -> String {
    match format {
        Format::Json => {
            let mut m = s.fields.clone();
            m.extend(s.derived.clone());
            for (k, v) in &s.inbound {
                m.insert((*k).into(), json!(v));
            }
            m.insert("record".into(), json!(s.what));
            json_doc("show", s.skipped, Value::Object(m))
        }
        _ => {
            let md = format == Format::Markdown;
            let mut out = if md {
                skipped_markdown(s.skipped)
            } else {
                skipped_text(s.skipped)
            };
            out.push_str(&if md {
                format!("## {} `{}`\n\n", capitalize(s.what), md_cell(&s.id))
            } else {
                format!("{} {}\n", s.what, s.id)
            });
            let mut g = Grid::new(&["Field", "Value"]);
            for (k, v) in s.fields.iter().chain(&s.derived) {
                if matches!(k.as_str(), "evidence" | "id") {
                    continue;
                }
                g.plain(vec![label(k), text_of(v)]);
            }
            out.push_str(&if md { g.markdown() } else { g.text(style) });
            if let Some(Value::Array(ev)) = s.fields.get("evidence")
                && !ev.is_empty()
            {
                out.push_str(if md {
                    "\n### Evidence\n\n"
                } else {
                    "\nEvidence\n"
                });
                let mut g = Grid::new(&["#", "Source", "Quote", "Attributed to", "Via", "Cred."]);
                for (i, e) in ev.iter().enumerate() {
                    let f = |k: &str| e.get(k).map(text_of).unwrap_or_default();
                    g.plain(vec![
                        i.to_string(),
                        f("source"),
                        format!("“{}”", f("quote")),
                        f("attributed_to"),
                        f("via"),
                        f("credibility"),
                    ]);
                }
                out.push_str(&if md { g.markdown() } else { g.text(style) });
            }
            let links: Vec<&(&str, Vec<String>)> =
                s.inbound.iter().filter(|(_, v)| !v.is_empty()).collect();
            if !links.is_empty() {
                out.push_str(if md {
                    "\n### Linked from\n\n"
                } else {
                    "\nLinked from\n"
                });
                let mut g = Grid::new(&["Link", "Records"]);
                for (k, v) in links {
                    g.plain(vec![label(k), v.join(", ")]);
                }
                out.push_str(&if md { g.markdown() } else { g.text(style) });
            }
            out
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
