//! `factcheck show`: one record with every stored field and its statuses.

use super::table::{Grid, md_cell};
use super::{Format, Style, json_doc};
use crate::analysis::Status;
use crate::model::{Claim, Details, Source};
use serde_json::{Map, Value, json};

pub fn claim_json(c: &Claim) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(c.id));
    m.insert("kind".into(), json!(c.kind()));
    m.insert("event".into(), json!(c.event));
    m.insert("statement".into(), json!(c.statement));
    if let Some(a) = &c.asserted_by {
        m.insert("asserted_by".into(), json!(a));
    }
    if let Some(d) = &c.date {
        m.insert("date".into(), json!(d.to_string()));
    }
    match &c.details {
        Details::Casualty(k) => {
            m.insert("category".into(), json!(k.category));
            m.insert("group".into(), json!(k.group));
            if let Some(w) = &k.wording {
                m.insert("wording".into(), json!(w));
            }
            m.insert("min".into(), json!(k.interval.min));
            m.insert("max".into(), json!(k.interval.max));
            if let Some(p) = &k.policy {
                m.insert("policy".into(), json!(p));
            }
        }
        Details::Responsibility { actor } => {
            m.insert("actor".into(), json!(actor));
        }
        Details::Denial { denies } => {
            m.insert("denies".into(), json!(denies));
        }
        Details::Event => {}
    }
    if let Some(r) = &c.retracted {
        m.insert("state".into(), json!("retracted"));
        m.insert("reason".into(), json!(r));
    }
    m.insert(
        "relations".into(),
        json!({
            "contradicts": c.relations.contradicts,
            "supersedes": c.relations.supersedes,
            "corroborates": c.relations.corroborates,
        }),
    );
    let evidence: Vec<Value> = c
        .evidence
        .iter()
        .map(|e| {
            json!({
                "source": e.source,
                "quote": e.quote,
                "attributed_to": e.attributed_to,
                "via": e.via,
                "credibility": e.credibility,
            })
        })
        .collect();
    m.insert("evidence".into(), Value::Array(evidence));
    m
}

pub fn source_json(s: &Source) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(s.id));
    m.insert("title".into(), json!(s.title));
    m.insert("publisher".into(), json!(s.publisher));
    let opt = |m: &mut Map<String, Value>, k: &str, v: Option<String>| {
        if let Some(v) = v {
            m.insert(k.into(), json!(v));
        }
    };
    opt(&mut m, "url", s.url.clone());
    opt(
        &mut m,
        "published",
        s.published.as_ref().map(|p| p.to_string()),
    );
    opt(
        &mut m,
        "accessed",
        s.accessed.as_ref().map(|p| p.to_string()),
    );
    opt(&mut m, "reliability", s.reliability.map(|r| r.to_string()));
    m.insert("cites".into(), json!(s.cites));
    opt(&mut m, "revises", s.revises.as_ref().map(|r| r.to_string()));
    opt(&mut m, "sha256", s.sha256.clone());
    m
}

fn fields_grid(m: &Map<String, Value>) -> Grid {
    let mut g = Grid::new(&["Field", "Value"]);
    for (k, v) in m {
        if matches!(k.as_str(), "evidence" | "relations") {
            continue;
        }
        let text = match v {
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
            other => other.to_string(),
        };
        g.row(vec![(k.clone(), None), (text, None)]);
    }
    g
}

pub fn render_claim(
    c: &Claim,
    statuses: &[Status],
    origins: &[String],
    format: Format,
    style: Style,
) -> String {
    let mut m = claim_json(c);
    match format {
        Format::Json => {
            m.insert("statuses".into(), json!(statuses));
            m.insert("origins".into(), json!(origins));
            json_doc("show", Value::Object(m))
        }
        _ => {
            let md = format == Format::Markdown;
            let st = statuses
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            m.insert(
                "statuses".into(),
                json!(if st.is_empty() { "—".to_string() } else { st }),
            );
            m.insert("origins".into(), json!(origins.join(", ")));
            let mut out = if md {
                format!("## Claim `{}`\n\n", md_cell(c.id.as_str()))
            } else {
                format!("claim {}\n", c.id)
            };
            let g = fields_grid(&m);
            out.push_str(&if md { g.markdown() } else { g.text(style) });
            for name in crate::model::RELATIONS {
                let ids = c.relations.get(name);
                if !ids.is_empty() {
                    out.push_str(&format!(
                        "{name}: {}\n",
                        ids.iter()
                            .map(|i| i.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
            if !c.evidence.is_empty() {
                out.push_str(if md {
                    "\n### Evidence\n\n"
                } else {
                    "\nEvidence\n"
                });
                let mut g = Grid::new(&["#", "Source", "Quote", "Attributed to", "Via", "Cred."]);
                for (i, e) in c.evidence.iter().enumerate() {
                    g.row(vec![
                        ((i + 1).to_string(), None),
                        (e.source.to_string(), None),
                        (format!("“{}”", e.quote), None),
                        (e.attributed_to.clone().unwrap_or_default(), None),
                        (
                            e.via.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                            None,
                        ),
                        (
                            e.credibility.map(|c| c.to_string()).unwrap_or_default(),
                            None,
                        ),
                    ]);
                }
                out.push_str(&if md { g.markdown() } else { g.text(style) });
            }
            out
        }
    }
}

pub fn render_source(s: &Source, archived: bool, format: Format, style: Style) -> String {
    let mut m = source_json(s);
    m.insert("archived".into(), json!(archived));
    match format {
        Format::Json => json_doc("show", Value::Object(m)),
        Format::Markdown => format!(
            "## Source `{}`\n\n{}",
            md_cell(s.id.as_str()),
            fields_grid(&m).markdown()
        ),
        _ => format!("source {}\n{}", s.id, fields_grid(&m).text(style)),
    }
}
