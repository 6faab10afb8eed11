//! `factcheck timeline`: each figure's versions in time order, with how
//! each changed its origin's series and what it clashed with then; then who
//! blamed whom, who denied and who admitted, per event.

use super::table::Color;
use super::table::{Grid, md_escape};
use super::{Format, Style, skipped_markdown, skipped_text};
use crate::analysis::timeline::{AttributionTimeline, Change, FigureTimeline};
use crate::analysis::{Analysis, Standing};
use crate::store::workspace::Skipped;

fn change_text(c: Change) -> &'static str {
    match c {
        Change::First => "first report",
        Change::Unchanged => "unchanged",
        Change::Narrowed => "narrowed",
        Change::Widened => "widened",
        Change::RevisedUp => "revised up",
        Change::RevisedDown => "revised down",
        Change::Changed => "changed",
    }
}

pub struct TimelineInput<'a> {
    pub analysis: &'a Analysis<'a>,
    pub figures: Vec<FigureTimeline>,
    pub attributions: Vec<AttributionTimeline>,
    pub skipped: &'a [Skipped],
}

pub fn render(t: &TimelineInput<'_>, format: Format, style: Style) -> String {
    let a = t.analysis;
    let names = &a.ctx.names;
    let when = |i: usize| a.ctx.info[i].key.time.as_ref().map(|p| p.to_utc_string());
    match format {
        Format::Json => {
            use crate::analysis::figures::Standing;
            use crate::analysis::timeline::Change;
            use crate::model::id::Id;
            #[derive(serde::Serialize)]
            struct VersionJson<'a> {
                claim: &'a Id,
                wording: &'a Option<String>,
                min: u64,
                max: Option<u64>,
                source: Option<Id>,
                published: Option<String>,
                time: Option<String>,
                origin: Option<&'a str>,
                change: Change,
                clashes: &'a [Id],
                standing: Standing,
            }
            #[derive(serde::Serialize)]
            struct FigureJson<'a> {
                event: &'a str,
                category: &'a str,
                group: &'a str,
                versions: Vec<VersionJson<'a>>,
            }
            #[derive(serde::Serialize)]
            struct EntryJson<'a> {
                claim: &'a Id,
                kind: crate::model::records::Kind,
                stance: &'a str,
                actor: Option<&'a str>,
                asserted_by: Option<&'a str>,
                time: Option<String>,
                standing: &'a str,
            }
            #[derive(serde::Serialize)]
            struct AttributionJson<'a> {
                event: &'a str,
                entries: Vec<EntryJson<'a>>,
            }
            #[derive(serde::Serialize)]
            struct Doc<'a> {
                schema: &'static str,
                skipped: &'a [Skipped],
                figures: Vec<FigureJson<'a>>,
                attributions: Vec<AttributionJson<'a>>,
            }
            let figures: Vec<FigureJson<'_>> = t
                .figures
                .iter()
                .map(|ft| {
                    let f = &a.figures[ft.figure];
                    FigureJson {
                        event: &f.event,
                        category: &f.category,
                        group: &f.group,
                        versions: ft
                            .versions
                            .iter()
                            .map(|v| {
                                let acc = &f.accounts[v.account];
                                let src = a.ctx.info[acc.claim]
                                    .first_source
                                    .map(|s| a.ctx.sources[s].id.clone())
                                    .or_else(|| acc.sources.first().cloned());
                                VersionJson {
                                    claim: &v.claim,
                                    wording: &acc.wording,
                                    min: acc.interval.min,
                                    max: acc.interval.max,
                                    source: src,
                                    published: acc
                                        .key
                                        .published
                                        .as_ref()
                                        .map(|p| p.to_utc_string()),
                                    time: when(acc.claim),
                                    origin: v.origin.map(|o| names.name(o)),
                                    change: v.change,
                                    clashes: &v.clashes,
                                    standing: acc.standing,
                                }
                            })
                            .collect(),
                    }
                })
                .collect();
            let attributions: Vec<AttributionJson<'_>> = t
                .attributions
                .iter()
                .map(|at| AttributionJson {
                    event: &at.event,
                    entries: at
                        .entries
                        .iter()
                        .map(|e| EntryJson {
                            claim: &a.ctx.claims[e.claim].id,
                            kind: e.kind,
                            stance: e.stance,
                            actor: e.actor.map(|x| names.name(x)),
                            asserted_by: e.asserted_by.map(|x| names.name(x)),
                            time: e.time.as_ref().map(|p| p.to_utc_string()),
                            standing: e.standing,
                        })
                        .collect(),
                })
                .collect();
            let doc = Doc {
                schema: "factcheck/timeline/v1",
                skipped: t.skipped,
                figures,
                attributions,
            };
            let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
            out.push('\n');
            out
        }
        Format::Csv => {
            let mut w = super::csv::Writer::new(&[
                "claim", "event", "category", "group", "time", "origin", "wording", "min", "max",
                "change", "clashes", "standing",
            ]);
            for ft in &t.figures {
                let f = &a.figures[ft.figure];
                for v in &ft.versions {
                    let acc = &f.accounts[v.account];
                    let mut cells = vec![
                        v.claim.to_string(),
                        f.event.clone(),
                        f.category.clone(),
                        f.group.clone(),
                        when(acc.claim).unwrap_or_default(),
                    ];
                    cells.push(super::csv::defuse(
                        v.origin.map(|o| names.name(o)).unwrap_or(""),
                    ));
                    cells.push(super::csv::defuse(acc.wording.as_deref().unwrap_or("")));
                    cells.push(acc.interval.min.to_string());
                    cells.push(acc.interval.max.map(|m| m.to_string()).unwrap_or_default());
                    cells.push(v.change.as_str().into());
                    cells.push(
                        v.clashes
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    );
                    cells.push(acc.standing.as_str().into());
                    w.row_raw(&cells);
                }
            }
            w.finish()
        }
        _ => {
            let md = format == Format::Markdown;
            let mut out = if md {
                let mut o = String::from("# factcheck timeline\n\n");
                o.push_str(&skipped_markdown(t.skipped));
                o
            } else {
                skipped_text(t.skipped)
            };
            if t.figures.is_empty() {
                out.push_str("No casualty figures yet.\n");
            }
            for ft in &t.figures {
                let f = &a.figures[ft.figure];
                let title = format!("{}: {} {}", f.event, f.group, f.category);
                out.push_str(&if md {
                    format!("\n## {}\n\n", md_escape(&title))
                } else {
                    format!("\n{title}\n")
                });
                let mut g =
                    Grid::new(&["Time", "Claim", "Origin", "Count", "Change", "Clashes with"]);
                for v in &ft.versions {
                    let acc = &f.accounts[v.account];
                    let mut change = change_text(v.change).to_string();
                    if acc.standing != Standing::Active {
                        change.push_str(&format!(" ({})", acc.standing.as_str()));
                    }
                    let count = match &acc.wording {
                        Some(w) if *w != acc.interval.to_string() => {
                            format!("{}\n\"{w}\"", acc.interval)
                        }
                        _ => acc.interval.to_string(),
                    };
                    g.row(vec![
                        (
                            a.ctx.info[acc.claim]
                                .key
                                .time
                                .as_ref()
                                .map(|t| t.readable())
                                .unwrap_or_else(|| "undated".into()),
                            None,
                        ),
                        (v.claim.to_string(), None),
                        (
                            v.origin
                                .map(|o| names.name(o).to_string())
                                .unwrap_or_else(|| "no evidence".into()),
                            None,
                        ),
                        (count, None),
                        (
                            change,
                            (v.change == Change::RevisedDown && f.cumulative).then_some(Color::Red),
                        ),
                        (
                            v.clashes
                                .iter()
                                .map(|c| c.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                            (!v.clashes.is_empty()).then_some(Color::Red),
                        ),
                    ]);
                }
                out.push_str(&if md { g.markdown() } else { g.text(style) });
            }
            for at in &t.attributions {
                let title = format!("{}: responsibility", at.event);
                out.push_str(&if md {
                    format!("\n## {}\n\n", md_escape(&title))
                } else {
                    format!("\n{title}\n")
                });
                let mut g = Grid::new(&["Time", "Claim", "Who", "Says", "Standing"]);
                for e in &at.entries {
                    let who = e
                        .asserted_by
                        .map(|x| names.name(x).to_string())
                        .unwrap_or_else(|| "—".into());
                    let target = e.actor.map(|x| names.name(x).to_string());
                    let c = &a.ctx.claims[e.claim];
                    let says = match (e.stance, target) {
                        ("denies", Some(x)) => format!("denies that {x} did it"),
                        ("denies", None) => format!(
                            "denies {}",
                            c.denial()
                                .and_then(|d| d.denies.as_ref())
                                .map(|d| d.to_string())
                                .unwrap_or_default()
                        ),
                        ("accuses", Some(x)) => format!("accuses {x}"),
                        ("claims", Some(x)) => format!("claims it ({x})"),
                        ("admits", Some(x)) => format!("admits it ({x})"),
                        (s, _) => s.to_string(),
                    };
                    g.plain(vec![
                        e.time
                            .as_ref()
                            .map(|p| p.readable())
                            .unwrap_or_else(|| "undated".into()),
                        c.id.to_string(),
                        who,
                        says,
                        e.standing.to_string(),
                    ]);
                }
                out.push_str(&if md { g.markdown() } else { g.text(style) });
            }
            out
        }
    }
}
