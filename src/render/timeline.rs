//! `factcheck timeline`: each figure's versions in publication order.

use super::table::{Grid, md_escape};
use super::{Format, Style, json_doc};
use crate::analysis::timeline::{AttributionTimeline, Change, FigureTimeline};
use serde_json::json;

fn change_text(c: Change) -> &'static str {
    match c {
        Change::First => "first report",
        Change::Same => "same",
        Change::RevisedUp => "revised up",
        Change::RevisedDown => "revised down",
        Change::Narrowed => "different, overlapping",
        Change::Contradicts => "CONFLICTS with earlier",
    }
}

pub fn render(
    timelines: &[FigureTimeline],
    attributions: &[AttributionTimeline],
    format: Format,
    style: Style,
) -> String {
    match format {
        Format::Json => {
            let figures: Vec<_> = timelines
                .iter()
                .map(|t| {
                    json!({
                        "event": t.event,
                        "category": t.category,
                        "group": t.group,
                        "versions": t.versions.iter().map(|v| json!({
                            "claim": v.claim,
                            "wording": v.wording,
                            "min": v.interval.min,
                            "max": v.interval.max,
                            "source": v.source,
                            "published": v.published.as_ref().map(|p| p.to_utc_string()),
                            "change": v.change,
                            "active": v.votes,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let attributions: Vec<_> = attributions
                .iter()
                .map(|t| {
                    json!({
                        "event": t.event,
                        "entries": t.entries.iter().map(|a| json!({
                            "claim": a.claim,
                            "action": a.action,
                            "by": a.by,
                            "target": a.target,
                            "source": a.source,
                            "published": a.published.as_ref().map(|p| p.to_utc_string()),
                            "active": a.active,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json_doc(
                "timeline",
                json!({ "figures": figures, "attributions": attributions }),
            )
        }
        _ => {
            let md = format == Format::Markdown;
            let mut out = String::from(if md { "# factcheck timeline\n" } else { "" });
            if timelines.is_empty() {
                out.push_str("No casualty figures yet.\n");
            }
            for t in timelines {
                let title = format!("{}: {} {}", t.event, t.group, t.category);
                out.push_str(&if md {
                    format!("\n## {}\n\n", md_escape(&title))
                } else {
                    format!("\n{title}\n")
                });
                let mut g = Grid::new(&[
                    "Published (UTC)",
                    "Claim",
                    "Wording",
                    "Count",
                    "Source",
                    "Change",
                ]);
                for v in &t.versions {
                    let mut change = change_text(v.change).to_string();
                    if !v.votes {
                        change.push_str(" (withdrawn)");
                    }
                    g.row(vec![
                        (
                            v.published
                                .as_ref()
                                .map(|p| p.to_utc_string())
                                .unwrap_or_else(|| "undated".into()),
                            None,
                        ),
                        (v.claim.to_string(), None),
                        (v.wording.clone().unwrap_or_default(), None),
                        (v.interval.to_string(), None),
                        (
                            v.source.as_ref().map(|s| s.to_string()).unwrap_or_default(),
                            None,
                        ),
                        (
                            change,
                            if v.change == Change::Contradicts {
                                Some(comfy_table::Color::Red)
                            } else {
                                None
                            },
                        ),
                    ]);
                }
                out.push_str(&if md { g.markdown() } else { g.text(style) });
            }
            for t in attributions {
                let title = format!("{}: responsibility", t.event);
                out.push_str(&if md {
                    format!("\n## {}\n\n", md_escape(&title))
                } else {
                    format!("\n{title}\n")
                });
                let mut g = Grid::new(&["Published (UTC)", "Claim", "Who", "Says", "Source"]);
                for a in &t.entries {
                    let says = format!(
                        "{} {}{}",
                        a.action,
                        a.target,
                        if a.active { "" } else { " (withdrawn)" }
                    );
                    g.row(vec![
                        (
                            a.published
                                .as_ref()
                                .map(|p| p.to_utc_string())
                                .unwrap_or_else(|| "undated".into()),
                            None,
                        ),
                        (a.claim.to_string(), None),
                        (a.by.clone().unwrap_or_else(|| "—".into()), None),
                        (says, None),
                        (
                            a.source.as_ref().map(|s| s.to_string()).unwrap_or_default(),
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
