//! `factcheck diff` output: a dozen lines a reviewer can read.

use super::table::md_escape;
use super::{Format, json_doc, shorten};
use crate::analysis::diff::{Diff, FieldChange, FigureState};
use crate::analysis::{FigureStatus, Status};
use crate::store::workspace::Skipped;
use serde_json::{Value, json};

fn value_text(v: &Option<Value>) -> String {
    match v {
        None => "(none)".into(),
        Some(Value::String(s)) => shorten(s, 60),
        Some(Value::Array(a)) => format!(
            "[{}]",
            a.iter()
                .map(|x| x
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| x.to_string()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Some(Value::Null) => "open".into(),
        Some(v) => v.to_string(),
    }
}

fn field_text(f: &FieldChange) -> String {
    format!(
        "{}: {} → {}",
        f.name,
        value_text(&f.old),
        value_text(&f.new)
    )
}

fn fig_state(s: &Option<FigureState>) -> String {
    match s {
        None => "(none)".into(),
        Some(s) => {
            let status = match s.status {
                FigureStatus::Conflicting => "CONFLICTING",
                other => other.as_str(),
            };
            match s.consensus {
                Some(c) => format!("{status} ({c})"),
                None => status.to_string(),
            }
        }
    }
}

fn statuses(s: &[Status]) -> String {
    if s.is_empty() {
        "(none)".into()
    } else {
        s.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// A short reading of a status change: what a reviewer should notice.
fn status_note(before: &[Status], after: &[Status]) -> Option<&'static str> {
    let had = |s| before.contains(&s);
    let has = |s| after.contains(&s);
    if had(Status::Corroborated) && !has(Status::Corroborated) {
        return Some("lost corroboration");
    }
    if !had(Status::Corroborated) && has(Status::Corroborated) {
        return Some("now corroborated");
    }
    if !had(Status::Unsourced) && has(Status::Unsourced) {
        return Some("lost its only source");
    }
    if !had(Status::Conflicting) && has(Status::Conflicting) {
        return Some("now conflicting");
    }
    if had(Status::Conflicting) && !has(Status::Conflicting) {
        return Some("conflict resolved");
    }
    if !had(Status::Denied) && has(Status::Denied) {
        return Some("newly denied");
    }
    if !had(Status::Contested) && has(Status::Contested) {
        return Some("now contested");
    }
    None
}

fn lines(d: &Diff, md: bool) -> Vec<(String, Vec<String>)> {
    let code = |s: &str| {
        if md {
            format!("`{}`", s.replace('`', ""))
        } else {
            s.to_string()
        }
    };
    let text = |s: &str| if md { md_escape(s) } else { s.to_string() };
    let mut sections = Vec::new();
    let record_lines = |changes: &[crate::analysis::diff::RecordChange]| -> Vec<String> {
        changes
            .iter()
            .map(|c| {
                let mut s = format!("{} {}", code(c.id.as_str()), c.change);
                if let Some(sum) = &c.summary {
                    s.push_str(&format!(": {}", text(sum)));
                }
                if !c.fields.is_empty() && c.change != "retracted" {
                    s.push_str(&format!(
                        ": {}",
                        text(
                            &c.fields
                                .iter()
                                .map(field_text)
                                .collect::<Vec<_>>()
                                .join("; ")
                        )
                    ));
                }
                for e in &c.evidence {
                    s.push_str(&format!(
                        " [{} “{}”]",
                        code(&e.source),
                        text(&shorten(&e.quote, 70))
                    ));
                }
                s
            })
            .collect()
    };
    if !d.claims.is_empty() {
        sections.push(("Claims".to_string(), record_lines(&d.claims)));
    }
    if !d.sources.is_empty() {
        sections.push(("Sources".to_string(), record_lines(&d.sources)));
    }
    if !d.entities.is_empty() {
        sections.push(("Entities".to_string(), record_lines(&d.entities)));
    }
    if !d.events.is_empty() {
        sections.push(("Events".to_string(), record_lines(&d.events)));
    }
    if !d.figures.is_empty() {
        let l = d
            .figures
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}: {} → {}",
                    code(&f.event),
                    text(&f.group),
                    f.category,
                    fig_state(&f.before),
                    fig_state(&f.after)
                )
            })
            .collect();
        sections.push(("Figures".to_string(), l));
    }
    if !d.responsibility.is_empty() {
        let l = d
            .responsibility
            .iter()
            .map(|r| {
                let mut s = format!("{}: ", code(&r.event));
                let (b, a) = (&r.before, &r.after);
                let mut parts = Vec::new();
                if a.contested && !b.contested {
                    parts.push(format!("now CONTESTED ({})", text(&a.actors.join(" vs "))));
                } else if b.contested && !a.contested {
                    parts.push(format!(
                        "no longer contested ({})",
                        text(&a.actors.join(", "))
                    ));
                } else if b.actors != a.actors {
                    parts.push(format!(
                        "actors {} → {}",
                        text(&b.actors.join(", ")),
                        text(&a.actors.join(", "))
                    ));
                }
                let new_deniers: Vec<&String> = a
                    .deniers
                    .iter()
                    .filter(|x| !b.deniers.contains(x))
                    .collect();
                if !new_deniers.is_empty() {
                    parts.push(format!(
                        "new denial by {}",
                        text(
                            &new_deniers
                                .iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    ));
                }
                let gone: Vec<&String> = b
                    .deniers
                    .iter()
                    .filter(|x| !a.deniers.contains(x))
                    .collect();
                if !gone.is_empty() {
                    parts.push(format!(
                        "denial no longer standing: {}",
                        text(
                            &gone
                                .iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    ));
                }
                if b.verdicts != a.verdicts {
                    parts.push(format!(
                        "verdicts {} → {}",
                        text(&if b.verdicts.is_empty() {
                            "none".into()
                        } else {
                            b.verdicts.join(", ")
                        }),
                        text(&if a.verdicts.is_empty() {
                            "none".into()
                        } else {
                            a.verdicts.join(", ")
                        })
                    ));
                }
                if parts.is_empty() {
                    parts.push("denials changed".into());
                }
                s.push_str(&parts.join("; "));
                s
            })
            .collect();
        sections.push(("Responsibility".to_string(), l));
    }
    if !d.statuses.is_empty() {
        let l = d
            .statuses
            .iter()
            .map(|s| {
                let note = status_note(&s.before, &s.after)
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                format!(
                    "{}: {} → {}{note}",
                    code(s.id.as_str()),
                    statuses(&s.before),
                    statuses(&s.after)
                )
            })
            .collect();
        sections.push(("Statuses".to_string(), l));
    }
    sections
}

pub fn render(d: &Diff, from: &str, to: &str, skipped: &[Skipped], format: Format) -> String {
    match format {
        Format::Json => {
            let mut v = serde_json::to_value(d).unwrap_or(Value::Null);
            if let Value::Object(m) = &mut v {
                m.insert("from".into(), json!(from));
                m.insert("to".into(), json!(to));
            }
            json_doc("diff", skipped, v)
        }
        Format::Markdown => {
            let mut out = super::skipped_markdown(skipped);
            out.push_str(&format!(
                "### factcheck diff `{}` → `{}`\n",
                from.replace('`', ""),
                to.replace('`', "")
            ));
            if d.is_empty() {
                out.push_str("\nNo changes to the records.\n");
            }
            for (title, ls) in lines(d, true) {
                out.push_str(&format!("\n**{title}**\n\n"));
                for l in ls {
                    out.push_str(&format!("- {l}\n"));
                }
            }
            out
        }
        _ => {
            let mut out = super::skipped_text(skipped);
            out.push_str(&format!("factcheck diff {from} → {to}\n"));
            if d.is_empty() {
                out.push_str("no changes to the records\n");
            }
            for (title, ls) in lines(d, false) {
                out.push_str(&format!("\n{title}\n"));
                for l in ls {
                    out.push_str(&format!("  {l}\n"));
                }
            }
            out
        }
    }
}
