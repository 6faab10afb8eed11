//! `factcheck report`: figures, responsibility and the claims needing attention,
//! per event, as text tables, Markdown or JSON.

use super::table::{Grid, md_escape};
use super::{Format, Style, shorten};
use crate::analysis::figures::Standing;
use crate::analysis::{Account, Analysis, Figure, FigureStatus, Responsibility, Status};
use crate::config::Config;
use crate::count::Interval;
use crate::count::Precision;
use crate::fxhash::FxHashMap;
use crate::id::Id;
use crate::model::Kind;
use crate::model::{Claim, Details, Source};
use comfy_table::Color;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

const QUOTE_WIDTH: usize = 70;

pub struct Report<'a> {
    pub claims: Vec<&'a Claim>,
    pub analysis: Analysis<'a>,
    pub events: Vec<String>,
    pub sources: usize,
    /// Indexes built once, so rendering stays linear in the workspace size.
    by_event: BTreeMap<&'a str, EventParts<'a>>,
    /// Claim id -> its conflicting figure, and that figure's "18 vs 25+".
    conflicting_figure: FxHashMap<String, usize>,
    disagreement: FxHashMap<usize, String>,
    deniers: FxHashMap<&'a str, Vec<&'a Claim>>,
}

/// What the report shows for one event: positions in `analysis`.
#[derive(Default)]
struct EventParts<'a> {
    claims: Vec<&'a Claim>,
    figures: Vec<usize>,
    responsibility: Vec<usize>,
}

impl<'a> Report<'a> {
    /// The report over all events, or one (`--event`).
    pub fn new(
        claims: &'a [Claim],
        sources: &'a [Source],
        config: &'a Config,
        event: Option<&str>,
    ) -> Report<'a> {
        // Analyse the whole workspace (denials and relations cross events), then filter.
        let mut analysis = Analysis::new(claims, sources, config);
        let keep = |e: &str| event.is_none_or(|want| want == e);
        analysis.figures.retain(|f| keep(&f.event));
        analysis.responsibility.retain(|r| keep(&r.event));
        let mut deniers: FxHashMap<&str, Vec<&Claim>> = FxHashMap::default();
        for d in claims.iter().filter(|d| !d.is_retracted()) {
            if let Details::Denial { denies } = &d.details {
                deniers.entry(denies.as_str()).or_default().push(d);
            }
        }
        let claims: Vec<&Claim> = claims.iter().filter(|c| keep(&c.event)).collect();
        let mut by_event: BTreeMap<&str, EventParts> = BTreeMap::new();
        for c in &claims {
            by_event.entry(c.event.as_str()).or_default().claims.push(c);
        }
        let mut conflicting_figure = FxHashMap::default();
        let mut disagreement = FxHashMap::default();
        for (i, f) in analysis.figures.iter().enumerate() {
            if let Some(parts) = by_event.get_mut(f.event.as_str()) {
                parts.figures.push(i);
            }
            if f.status == FigureStatus::Conflicting {
                disagreement.insert(i, range_text(f));
                for a in &f.accounts {
                    conflicting_figure.entry(a.claim.to_string()).or_insert(i);
                }
            }
        }
        for (i, r) in analysis.responsibility.iter().enumerate() {
            if let Some(parts) = by_event.get_mut(r.event.as_str()) {
                parts.responsibility.push(i);
            }
        }
        let events = by_event.keys().map(|e| e.to_string()).collect();
        Report {
            claims,
            analysis,
            events,
            sources: sources.len(),
            by_event,
            conflicting_figure,
            disagreement,
            deniers,
        }
    }

    pub fn render(&self, format: Format, style: Style) -> String {
        match format {
            Format::Json => self.json(),
            Format::Markdown => self.markdown(),
            _ => self.text(style),
        }
    }

    fn parts(&self, event: &str) -> Option<&EventParts<'a>> {
        self.by_event.get(event)
    }

    fn figures_of(&self, event: &str) -> impl Iterator<Item = &Figure> {
        self.parts(event)
            .into_iter()
            .flat_map(|p| p.figures.iter().map(|i| &self.analysis.figures[*i]))
    }

    fn responsibility_of(&self, event: &str) -> impl Iterator<Item = &Responsibility> {
        self.parts(event).into_iter().flat_map(|p| {
            p.responsibility
                .iter()
                .map(|i| &self.analysis.responsibility[*i])
        })
    }

    fn claims_of(&self, event: &str) -> impl Iterator<Item = &&'a Claim> {
        self.parts(event).into_iter().flat_map(|p| p.claims.iter())
    }

    fn attention_of(&self, event: &str) -> Vec<(&Claim, Vec<Status>, String)> {
        self.claims_of(event)
            .filter_map(|c| {
                let st: Vec<Status> = self.analysis.statuses_of(c.id.as_str()).to_vec();
                let serious = st
                    .iter()
                    .any(|s| s.needs_attention() && *s != Status::SingleOrigin);
                if c.is_retracted() || !serious {
                    return None;
                }
                let why = self.why(c, &st);
                Some((*c, st, why))
            })
            .collect()
    }

    /// One line saying why a claim needs attention.
    fn why(&self, c: &Claim, st: &[Status]) -> String {
        let mut parts = Vec::new();
        let origins = self.analysis.origins_of(c.id.as_str()).to_vec();
        for s in st {
            match s {
                Status::Unsourced => parts.push("no evidence linked".to_string()),
                Status::SingleOrigin => parts.push(format!("only origin: {}", origins.join(", "))),
                Status::Conflicting => {
                    let f = self
                        .conflicting_figure
                        .get(c.id.as_str())
                        .map(|i| (&self.analysis.figures[*i], &self.disagreement[i]));
                    match f {
                        Some((f, text)) => {
                            parts.push(format!("{} accounts disagree ({text})", f.name()))
                        }
                        None => parts.push(format!(
                            "contradicts {}",
                            c.relations
                                .contradicts
                                .iter()
                                .map(|i| i.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    }
                }
                Status::Contested => {
                    let actors: Vec<&str> = self
                        .responsibility_of(&c.event)
                        .map(|r| r.actor.as_str())
                        .collect();
                    parts.push(format!("blame is contested: {}", actors.join(" vs ")));
                }
                Status::Denied => {
                    let deniers: Vec<String> = self
                        .deniers
                        .get(c.id.as_str())
                        .into_iter()
                        .flatten()
                        .map(|d| {
                            format!(
                                "{} ({})",
                                d.asserted_by.clone().unwrap_or_else(|| "unnamed".into()),
                                d.id
                            )
                        })
                        .collect();
                    parts.push(format!("denied by {}", deniers.join(", ")));
                }
                _ => {}
            }
        }
        parts.join("; ")
    }

    /// Single-origin claims grouped by their one origin.
    fn single_origin_of(&self, event: &str) -> Vec<(String, Vec<String>)> {
        let mut by: BTreeMap<String, Vec<String>> = Default::default();
        for c in self.claims_of(event).filter(|c| !c.is_retracted()) {
            if self
                .analysis
                .statuses_of(c.id.as_str())
                .contains(&Status::SingleOrigin)
            {
                let o = self
                    .analysis
                    .origins_of(c.id.as_str())
                    .first()
                    .cloned()
                    .unwrap_or_default();
                by.entry(o).or_default().push(c.id.to_string());
            }
        }
        by.into_iter().collect()
    }

    fn text(&self, style: Style) -> String {
        let mut out = format!(
            "factcheck report: {}, {}, {}\n",
            plural(self.claims.len(), "claim"),
            plural(self.sources, "source"),
            plural(self.events.len(), "event")
        );
        if self.events.is_empty() {
            out.push_str("\nNo claims yet. Add one with `factcheck claim add`.\n");
        }
        for event in &self.events {
            let n = self.claims_of(event).count();
            out.push_str(&format!("\n== {event} ({}) ==\n", plural(n, "claim")));
            let figures: Vec<&Figure> = self.figures_of(event).collect();
            if !figures.is_empty() {
                out.push_str("\nFigures\n");
                out.push_str(&figure_grid(&figures, true).text(style));
            }
            let resp: Vec<&Responsibility> = self.responsibility_of(event).collect();
            if !resp.is_empty() {
                out.push_str("\nResponsibility\n");
                out.push_str(&responsibility_grid(&resp).text(style));
            }
            let att = self.attention_of(event);
            if !att.is_empty() {
                out.push_str("\nNeeds attention\n");
                out.push_str(&attention_grid(&att).text(style));
            }
            let single = self.single_origin_of(event);
            if !single.is_empty() {
                out.push_str("\nResting on a single origin\n");
                out.push_str(&single_grid(&single).text(style));
            }
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!(
            "# factcheck report\n\n{}, {}, {}.\n",
            plural(self.claims.len(), "claim"),
            plural(self.sources, "source"),
            plural(self.events.len(), "event")
        );
        for event in &self.events {
            out.push_str(&format!("\n## {}\n", md_escape(event)));
            let figures: Vec<&Figure> = self.figures_of(event).collect();
            if !figures.is_empty() {
                out.push_str("\n### Figures\n\n");
                out.push_str(&figure_grid(&figures, false).markdown());
            }
            let resp: Vec<&Responsibility> = self.responsibility_of(event).collect();
            if !resp.is_empty() {
                out.push_str("\n### Responsibility\n\n");
                out.push_str(&responsibility_grid(&resp).markdown());
            }
            let att = self.attention_of(event);
            if !att.is_empty() {
                out.push_str("\n### Needs attention\n\n");
                out.push_str(&attention_grid(&att).markdown());
            }
            let single = self.single_origin_of(event);
            if !single.is_empty() {
                out.push_str("\n### Resting on a single origin\n\n");
                out.push_str(&single_grid(&single).markdown());
            }
        }
        out
    }

    fn json(&self) -> String {
        let mut out = Vec::new();
        // Writing to memory cannot fail.
        let _ = self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Streams the JSON report to `w` (a large workspace makes tens of MB).
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        let doc = ReportJson {
            schema: "factcheck/report/v1",
            events: &self.events,
            figures: self.analysis.figures.iter().map(FigureJson::from).collect(),
            responsibility: self
                .analysis
                .responsibility
                .iter()
                .map(ResponsibilityJson::from)
                .collect(),
            claims: self
                .claims
                .iter()
                .map(|c| ClaimJson {
                    id: &c.id,
                    kind: c.kind(),
                    event: &c.event,
                    statuses: self.analysis.statuses_of(c.id.as_str()),
                    origins: self.analysis.origins_of(c.id.as_str()),
                })
                .collect(),
        };
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        serde_json::to_writer_pretty(&mut w, &doc).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
        w.flush()
    }
}

// The JSON contract, serialized straight from borrowed data (no value tree).

#[derive(Serialize)]
struct ReportJson<'a> {
    schema: &'static str,
    events: &'a [String],
    figures: Vec<FigureJson<'a>>,
    responsibility: Vec<ResponsibilityJson<'a>>,
    claims: Vec<ClaimJson<'a>>,
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    id: &'a Id,
    kind: Kind,
    event: &'a str,
    statuses: &'a [Status],
    origins: &'a [String],
}

#[derive(Serialize)]
struct FigureJson<'a> {
    event: &'a str,
    category: &'a str,
    group: &'a str,
    status: FigureStatus,
    consensus: Option<Interval>,
    envelope: Interval,
    independent_origins: usize,
    origins: &'a [String],
    loose: bool,
    gap: Option<u64>,
    contradictions: &'a [(Id, Id)],
    accounts: Vec<AccountJson<'a>>,
}

impl<'a> From<&'a Figure> for FigureJson<'a> {
    fn from(f: &'a Figure) -> Self {
        FigureJson {
            event: &f.event,
            category: &f.category,
            group: &f.group,
            status: f.status,
            consensus: f.consensus,
            envelope: f.envelope,
            independent_origins: f.origins.len(),
            origins: &f.origins,
            loose: f.loose,
            gap: f.gap,
            contradictions: &f.contradictions,
            accounts: f.accounts.iter().map(AccountJson::from).collect(),
        }
    }
}

#[derive(Serialize)]
struct AccountJson<'a> {
    claim: &'a Id,
    wording: Option<&'a str>,
    min: u64,
    max: Option<u64>,
    precision: Precision,
    vague: bool,
    standing: Standing,
    asserted_by: Option<&'a str>,
    sources: &'a [Id],
    origins: &'a [String],
    published: Option<String>,
    quote: Option<&'a str>,
}

impl<'a> From<&'a Account> for AccountJson<'a> {
    fn from(a: &'a Account) -> Self {
        AccountJson {
            claim: &a.claim,
            wording: a.wording.as_deref(),
            min: a.interval.min,
            max: a.interval.max,
            precision: a.precision,
            vague: a.is_vague(),
            standing: a.standing,
            asserted_by: a.asserted_by.as_deref(),
            sources: &a.sources,
            origins: &a.origins,
            published: a.published.as_ref().map(|p| p.to_utc_string()),
            quote: a.quote.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct ResponsibilityJson<'a> {
    event: &'a str,
    actor: &'a str,
    claims: &'a [Id],
    asserted_by: &'a [String],
    denied_by: &'a [String],
    denial_claims: &'a [Id],
    contested: bool,
    evidence: usize,
    origins: &'a [String],
}

impl<'a> From<&'a Responsibility> for ResponsibilityJson<'a> {
    fn from(r: &'a Responsibility) -> Self {
        ResponsibilityJson {
            event: &r.event,
            actor: &r.actor,
            claims: &r.claims,
            asserted_by: &r.asserted_by,
            denied_by: &r.denied_by,
            denial_claims: &r.denial_claims,
            contested: r.contested,
            evidence: r.evidence,
            origins: &r.origins,
        }
    }
}

pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Accounts listed by name before a list is summarized ("and 12 more").
const LIST_AT_MOST: usize = 6;

/// The disagreeing counts, "18 vs 25+"; a long list is cut, so a figure
/// with thousands of accounts does not make every line of the report huge.
fn range_text(f: &Figure) -> String {
    let voting: Vec<String> = f
        .accounts
        .iter()
        .filter(|a| a.votes())
        .map(|a| a.interval.to_string())
        .collect();
    listing(&voting, " vs ", LIST_AT_MOST)
}

/// Joins at most `max` items, then says how many more there are.
fn listing(items: &[String], sep: &str, max: usize) -> String {
    if items.len() <= max {
        return items.join(sep);
    }
    format!("{} and {} more", items[..max].join(sep), items.len() - max)
}

fn verdict(f: &Figure) -> (String, Color) {
    let mut lines = Vec::new();
    let color = match f.status {
        FigureStatus::Conflicting => {
            lines.push("CONFLICT".to_string());
            if f.consensus.is_some() {
                lines.push("(marked contradicting)".into());
            }
            if let Some(g) = f.gap {
                lines.push(format!("{g} apart"));
            }
            Color::Red
        }
        FigureStatus::Consistent if f.loose => {
            lines.push("consistent, loosely".to_string());
            lines.push("(vague wording)".to_string());
            Color::Yellow
        }
        FigureStatus::Consistent => {
            lines.push("consistent".to_string());
            Color::Green
        }
        FigureStatus::SingleAccount => {
            lines.push("single account".to_string());
            Color::Yellow
        }
        FigureStatus::Withdrawn => {
            lines.push("withdrawn".to_string());
            Color::DarkGrey
        }
    };
    if let Some(c) = f.consensus
        && f.status != FigureStatus::SingleAccount
    {
        lines.push(format!("consensus {c}"));
    }
    lines.push(format!("envelope {}", f.envelope));
    lines.push(format!(
        "{} independent origin{}",
        f.origins.len(),
        if f.origins.len() == 1 { "" } else { "s" }
    ));
    (lines.join("\n"), color)
}

fn account_cell(a: &Account) -> String {
    let mut s = format!("{}\n\"{}\"", a.claim, a.label());
    let mut marks = Vec::new();
    if a.is_vague() {
        marks.push("vague");
    }
    match a.standing {
        crate::analysis::figures::Standing::Retracted => marks.push("retracted"),
        crate::analysis::figures::Standing::Superseded => marks.push("superseded"),
        _ => {}
    }
    if !marks.is_empty() {
        s.push_str(&format!(" ({})", marks.join(", ")));
    }
    if let Some(q) = &a.quote {
        s.push_str(&format!("\n“{}”", shorten(q, QUOTE_WIDTH)));
    }
    s
}

fn figure_grid(figures: &[&Figure], _text: bool) -> Grid {
    let mut g = Grid::new(&["Figure", "Verdict", "Account", "Count", "Origins / source"]);
    for f in figures {
        let (v, color) = verdict(f);
        for (i, a) in f.accounts.iter().enumerate() {
            let who = if a.origins.is_empty() {
                "no evidence".to_string()
            } else {
                a.origins.join(", ")
            };
            let src = if a.sources.is_empty() {
                String::new()
            } else {
                format!(
                    "\nin {}",
                    a.sources
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let first = i == 0;
            g.row(vec![
                (if first { f.name() } else { String::new() }, None),
                (
                    if first { v.clone() } else { String::new() },
                    if first { Some(color) } else { None },
                ),
                (
                    account_cell(a),
                    if a.votes() {
                        None
                    } else {
                        Some(Color::DarkGrey)
                    },
                ),
                (a.interval.to_string(), None),
                (format!("{who}{src}"), None),
            ]);
        }
    }
    g
}

fn responsibility_grid(rows: &[&Responsibility]) -> Grid {
    let mut g = Grid::new(&[
        "Actor",
        "Asserted by",
        "Claims",
        "Denied by",
        "Evidence",
        "Verdict",
    ]);
    for r in rows {
        let mut verdict = Vec::new();
        if r.contested {
            verdict.push("CONTESTED");
        }
        if !r.denied_by.is_empty() {
            verdict.push("DENIED");
        }
        let color = if verdict.is_empty() {
            Color::Green
        } else {
            Color::Red
        };
        let denied = if r.denied_by.is_empty() {
            "—".to_string()
        } else {
            format!(
                "{}\n({})",
                r.denied_by.join(", "),
                r.denial_claims
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        g.row(vec![
            (r.actor.clone(), None),
            (
                if r.asserted_by.is_empty() {
                    "—".into()
                } else {
                    r.asserted_by.join(", ")
                },
                None,
            ),
            (
                r.claims
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
                None,
            ),
            (denied, None),
            (r.evidence.to_string(), None),
            (
                if verdict.is_empty() {
                    "uncontested".into()
                } else {
                    verdict.join(", ")
                },
                Some(color),
            ),
        ]);
    }
    g
}

fn single_grid(rows: &[(String, Vec<String>)]) -> Grid {
    let mut g = Grid::new(&["Only origin", "Claims"]);
    for (origin, claims) in rows {
        // The full list is in the JSON report and in `list --status single-origin`.
        let shown = listing(claims, ", ", 4 * LIST_AT_MOST);
        g.row(vec![(origin.clone(), None), (shown, None)]);
    }
    g
}

fn attention_grid(rows: &[(&Claim, Vec<Status>, String)]) -> Grid {
    let mut g = Grid::new(&["Claim", "Status", "Why"]);
    for (c, st, why) in rows {
        let st: Vec<&str> = st.iter().map(|s| s.as_str()).collect();
        let color = if st
            .iter()
            .any(|s| matches!(*s, "conflicting" | "denied" | "contested" | "unsourced"))
        {
            Color::Red
        } else {
            Color::Yellow
        };
        g.row(vec![
            (c.id.to_string(), None),
            (st.join(", "), Some(color)),
            (why.clone(), None),
        ]);
    }
    g
}
