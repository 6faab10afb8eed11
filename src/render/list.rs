//! `factcheck list`: one line per claim with its statuses.

use super::table::Grid;
use super::{Format, Style, plural, shorten, skipped_markdown, skipped_text};
use crate::analysis::Analysis;
use crate::model::records::{Claim, Details, Stance};
use crate::store::workspace::Skipped;

/// One short line saying what a claim is.
pub fn summary(a: &Analysis<'_>, i: usize) -> String {
    let c: &Claim = &a.ctx.claims[i];
    let names = &a.ctx.names;
    let who = a.ctx.info[i]
        .asserter
        .map(|w| names.name(w).to_string())
        .unwrap_or_else(|| "someone".into());
    match &c.details {
        Details::Casualty(k) => format!(
            "{} {}: {}",
            k.group,
            k.category,
            k.wording.clone().unwrap_or_else(|| k.interval.to_string())
        ),
        Details::Responsibility(b) => {
            let stance = a.responsibility.stance[i].unwrap_or(Stance::Accuses);
            let verb = match stance {
                Stance::Accuses => "blames",
                Stance::Claims => "claims it, as",
                Stance::Admits => "admits it, as",
            };
            format!("{who} {verb} {}", b.actor)
        }
        Details::Denial(d) => match (&d.denies, &d.actor) {
            (Some(t), _) => format!("{who} denies {t}"),
            (None, Some(x)) => format!("{who} denies that {x} did it"),
            _ => format!("{who} denies"),
        },
        Details::Event => shorten(&c.statement, 60),
    }
}

pub fn render(
    a: &Analysis<'_>,
    rows: &[usize],
    skipped: &[Skipped],
    format: Format,
    style: Style,
) -> String {
    let statuses =
        |i: usize| -> Vec<&'static str> { a.statuses[i].iter().map(|s| s.as_str()).collect() };
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Row<'a> {
                id: &'a crate::model::id::Id,
                kind: crate::model::records::Kind,
                event: &'a str,
                statement: &'a str,
                asserted_by: &'a Option<String>,
                time: Option<String>,
                statuses: &'a [crate::analysis::Status],
                origins: Vec<String>,
                tags: &'a [String],
            }
            let claims: Vec<Row<'_>> = rows
                .iter()
                .map(|&i| {
                    let c = &a.ctx.claims[i];
                    Row {
                        id: &c.id,
                        kind: c.kind(),
                        event: &c.event,
                        statement: &c.statement,
                        asserted_by: &c.asserted_by,
                        time: a.ctx.info[i].key.time.as_ref().map(|t| t.to_utc_string()),
                        statuses: &a.statuses[i],
                        origins: a.ctx.origin_names(i),
                        tags: &c.tags,
                    }
                })
                .collect();
            super::json_items("list", skipped, "claims", &claims)
        }
        Format::Csv => {
            let mut w = super::csv::Writer::new(&[
                "id",
                "kind",
                "event",
                "statement",
                "asserted_by",
                "time",
                "statuses",
                "origins",
            ]);
            for &i in rows {
                let c = &a.ctx.claims[i];
                w.row(&[
                    c.id.to_string(),
                    c.kind().as_str().into(),
                    c.event.clone(),
                    c.statement.clone(),
                    c.asserted_by.clone().unwrap_or_default(),
                    a.ctx.info[i]
                        .key
                        .time
                        .as_ref()
                        .map(|t| t.to_utc_string())
                        .unwrap_or_default(),
                    statuses(i).join("; "),
                    a.ctx.origin_names(i).join("; "),
                ]);
            }
            w.finish()
        }
        _ => {
            let mut g = Grid::new(&["Claim", "Kind", "Event", "Summary", "Statuses"]);
            for &i in rows {
                let c = &a.ctx.claims[i];
                g.plain(vec![
                    c.id.to_string(),
                    c.kind().as_str().to_string(),
                    c.event.clone(),
                    summary(a, i),
                    statuses(i).join(", "),
                ]);
            }
            if format == Format::Markdown {
                let mut out = skipped_markdown(skipped);
                out.push_str(&g.markdown());
                out.push_str(&format!("\n{}\n", plural(rows.len(), "claim", "claims")));
                out
            } else {
                let mut out = skipped_text(skipped);
                if rows.is_empty() {
                    out.push_str("No claims match.\n");
                } else {
                    out.push_str(&g.text(style));
                    out.push_str(&format!("{}\n", plural(rows.len(), "claim", "claims")));
                }
                out
            }
        }
    }
}
