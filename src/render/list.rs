//! `factcheck list`: one line per claim with its statuses.

use super::table::Grid;
use super::{Format, Style, shorten};
use crate::analysis::Status;
use crate::model::Claim;

pub struct Row<'a> {
    pub claim: &'a Claim,
    pub statuses: Vec<Status>,
}

fn summary(c: &Claim) -> String {
    match &c.details {
        crate::model::Details::Casualty(k) => format!(
            "{} {}: {}",
            k.group,
            k.category,
            k.wording.clone().unwrap_or_else(|| k.interval.to_string())
        ),
        crate::model::Details::Responsibility { actor } => format!("blames {actor}"),
        crate::model::Details::Denial { denies } => format!("denies {denies}"),
        crate::model::Details::Event => shorten(&c.statement, 60),
    }
}

pub fn render(rows: &[Row<'_>], format: Format, style: Style) -> String {
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct ClaimJson<'a> {
                id: &'a crate::id::Id,
                kind: crate::model::Kind,
                event: &'a str,
                statement: &'a str,
                asserted_by: Option<&'a str>,
                statuses: &'a [Status],
            }
            #[derive(serde::Serialize)]
            struct ListJson<'a> {
                schema: &'static str,
                claims: Vec<ClaimJson<'a>>,
            }
            let doc = ListJson {
                schema: "factcheck/list/v1",
                claims: rows
                    .iter()
                    .map(|r| ClaimJson {
                        id: &r.claim.id,
                        kind: r.claim.kind(),
                        event: &r.claim.event,
                        statement: &r.claim.statement,
                        asserted_by: r.claim.asserted_by.as_deref(),
                        statuses: &r.statuses,
                    })
                    .collect(),
            };
            let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
            s.push('\n');
            s
        }
        _ => {
            let mut g = Grid::new(&["Claim", "Kind", "Event", "Summary", "Statuses"]);
            for r in rows {
                g.row(vec![
                    (r.claim.id.to_string(), None),
                    (r.claim.kind().as_str().to_string(), None),
                    (r.claim.event.clone(), None),
                    (summary(r.claim), None),
                    (
                        r.statuses
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        None,
                    ),
                ]);
            }
            if format == Format::Markdown {
                g.markdown()
            } else if rows.is_empty() {
                "No claims match.\n".to_string()
            } else {
                format!("{}{} claims\n", g.text(style), rows.len())
            }
        }
    }
}
