//! `factcheck source list` and `entity list`: one row per record, every
//! stored field in JSON.

use super::table::Grid;
use super::{Format, Style, json_doc, plural, shorten, skipped_markdown, skipped_text};
use crate::model::fields;
use crate::model::records::{Entity, Source};
use crate::store::workspace::Skipped;
use serde_json::{Value, json};

/// A source row: its record, whether it has an archive, and how many
/// claims quote it.
pub struct SourceRow<'a> {
    pub source: &'a Source,
    pub archived: bool,
    pub quoted_by: usize,
}

pub fn sources(
    rows: &[SourceRow<'_>],
    skipped: &[Skipped],
    format: Format,
    style: Style,
) -> String {
    match format {
        Format::Json => {
            let items: Vec<Value> = rows
                .iter()
                .map(|r| {
                    let mut m = fields::source_json(r.source);
                    m.insert("archived".into(), json!(r.archived));
                    m.insert("quoted_by".into(), json!(r.quoted_by));
                    Value::Object(m)
                })
                .collect();
            json_doc("source-list", skipped, json!({ "sources": items }))
        }
        Format::Csv => {
            let mut w = super::csv::Writer::new(&[
                "id",
                "title",
                "publisher",
                "url",
                "published",
                "accessed",
                "language",
                "reliability",
                "cites",
                "revises",
                "archived",
                "sha256",
                "quoted_by",
            ]);
            for r in rows {
                let s = r.source;
                let t = |x: &Option<crate::model::time::Timestamp>| {
                    x.as_ref().map(|t| t.to_string()).unwrap_or_default()
                };
                let mut cells = vec![s.id.to_string()];
                for text in [&s.title, &s.publisher] {
                    cells.push(super::csv::defuse(text));
                }
                cells.push(super::csv::defuse(s.url.as_deref().unwrap_or("")));
                cells.extend([
                    t(&s.published),
                    t(&s.accessed),
                    s.language.clone().unwrap_or_default(),
                    s.reliability.map(|r| r.to_string()).unwrap_or_default(),
                    s.cites
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    s.revises
                        .as_ref()
                        .map(|r| r.to_string())
                        .unwrap_or_default(),
                    r.archived.to_string(),
                    s.sha256.clone().unwrap_or_default(),
                    r.quoted_by.to_string(),
                ]);
                w.row_raw(&cells);
            }
            w.finish()
        }
        _ => {
            let mut g = Grid::new(&[
                "Source",
                "Publisher",
                "Published",
                "Grade",
                "Archive",
                "Quoted by",
            ]);
            for r in rows {
                let s = r.source;
                g.plain(vec![
                    format!("{}\n{}", s.id, shorten(&s.title, 60)),
                    s.publisher.clone(),
                    s.published
                        .as_ref()
                        .map(|p| p.to_utc_string())
                        .unwrap_or_else(|| "—".into()),
                    s.reliability
                        .map(|r| r.to_string())
                        .unwrap_or_else(|| "—".into()),
                    if r.archived {
                        "yes".into()
                    } else {
                        "no".into()
                    },
                    plural(r.quoted_by, "claim", "claims"),
                ]);
            }
            finish(g, rows.len(), "source", "sources", skipped, format, style)
        }
    }
}

/// An entity row: the record and what is derived of it.
pub struct EntityRow<'a> {
    pub entity: &'a Entity,
    /// The root of its chain, when it is not the entity itself.
    pub root: Option<String>,
    pub claims: usize,
}

pub fn entities(
    rows: &[EntityRow<'_>],
    skipped: &[Skipped],
    format: Format,
    style: Style,
) -> String {
    match format {
        Format::Json => {
            let items: Vec<Value> = rows
                .iter()
                .map(|r| {
                    let mut m = fields::entity_json(r.entity);
                    m.insert("root".into(), json!(r.root));
                    m.insert("claims".into(), json!(r.claims));
                    Value::Object(m)
                })
                .collect();
            json_doc("entity-list", skipped, json!({ "entities": items }))
        }
        Format::Csv => {
            let mut w = super::csv::Writer::new(&[
                "id", "name", "kind", "part_of", "root", "aliases", "claims",
            ]);
            for r in rows {
                let e = r.entity;
                w.row_raw(&[
                    e.id.to_string(),
                    super::csv::defuse(&e.name),
                    e.kind.clone().unwrap_or_default(),
                    e.part_of
                        .as_ref()
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    r.root.clone().unwrap_or_default(),
                    super::csv::defuse(&e.aliases.join("; ")),
                    r.claims.to_string(),
                ]);
            }
            w.finish()
        }
        _ => {
            let mut g = Grid::new(&["Entity", "Name", "Kind", "Part of", "Aliases", "Claims"]);
            for r in rows {
                let e = r.entity;
                let part = match (&e.part_of, &r.root) {
                    (Some(p), Some(root)) if root != p.as_str() => format!("{p}\n(root {root})"),
                    (Some(p), _) => p.to_string(),
                    (None, _) => "—".into(),
                };
                g.plain(vec![
                    e.id.to_string(),
                    e.name.clone(),
                    e.kind.clone().unwrap_or_else(|| "—".into()),
                    part,
                    e.aliases.join(", "),
                    r.claims.to_string(),
                ]);
            }
            finish(g, rows.len(), "entity", "entities", skipped, format, style)
        }
    }
}

fn finish(
    g: Grid,
    n: usize,
    one: &str,
    many: &str,
    skipped: &[Skipped],
    format: Format,
    style: Style,
) -> String {
    if format == Format::Markdown {
        let mut out = skipped_markdown(skipped);
        out.push_str(&g.markdown());
        out.push_str(&format!("\n{}\n", plural(n, one, many)));
        return out;
    }
    let mut out = skipped_text(skipped);
    if n == 0 {
        out.push_str(&format!("No {many} yet.\n"));
    } else {
        out.push_str(&g.text(style));
        out.push_str(&format!("{}\n", plural(n, one, many)));
    }
    out
}
