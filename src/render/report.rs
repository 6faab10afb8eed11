//! `factcheck report`: per event, the figures (with what a reader should
//! take away), responsibility, and the claims needing attention; as text
//! tables, Markdown, JSON or CSV.

use super::quote::around_count;
use super::table::Color;
use super::table::{Grid, md_escape, md_link};
use super::{Format, Style, plural, skipped_markdown, skipped_text};
use crate::analysis::context::origin_label;
use crate::analysis::figures::Standing;
use crate::analysis::summary::takeaway;
use crate::analysis::{Account, Analysis, Figure, FigureStatus, Hypothesis, Status};
use crate::model::count::{Interval, Precision};
use crate::model::id::Id;
use crate::model::records::{Claim, Kind};
use crate::model::time::AsOf;
use crate::store::workspace::Skipped;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

const QUOTE_WIDTH: usize = 90;

/// What a report shows: the analysis, and which claims pass the filters.
pub struct ReportInput<'a> {
    pub analysis: &'a Analysis<'a>,
    /// Positions of the claims shown (all of them without filters).
    pub shown: Vec<usize>,
    pub skipped: &'a [Skipped],
    pub as_of: Option<&'a AsOf>,
}

pub struct Report<'a> {
    pub(super) a: &'a Analysis<'a>,
    pub(super) input: ReportInput<'a>,
    pub(super) events: Vec<String>,
    pub(super) by_event: BTreeMap<String, EventParts>,
    /// Every responsibility hypothesis of each event, shown or not.
    all_hypotheses: BTreeMap<&'a str, Vec<usize>>,
    /// Per figure, per account: its conflicts (positions in `conflicts`).
    conflicts_of: Vec<Vec<Vec<usize>>>,
}

/// What the report shows of one event: positions in the analysis.
#[derive(Default)]
pub(super) struct EventParts {
    pub(super) claims: Vec<usize>,
    pub(super) figures: Vec<usize>,
    pub(super) hypotheses: Vec<usize>,
}

impl<'a> Report<'a> {
    pub fn new(input: ReportInput<'a>) -> Report<'a> {
        let a = input.analysis;
        let mut shown = vec![false; a.ctx.claims.len()];
        for i in &input.shown {
            shown[*i] = true;
        }
        let mut by_event: BTreeMap<String, EventParts> = BTreeMap::new();
        for i in &input.shown {
            by_event
                .entry(a.ctx.claims[*i].event.clone())
                .or_default()
                .claims
                .push(*i);
        }
        for (fi, f) in a.figures.iter().enumerate() {
            if f.accounts.iter().any(|x| shown[x.claim])
                && let Some(p) = by_event.get_mut(&f.event)
            {
                p.figures.push(fi);
            }
        }
        for (hi, h) in a.responsibility.hypotheses.iter().enumerate() {
            if h.claims.iter().chain(&h.denials).any(|c| shown[*c])
                && let Some(p) = by_event.get_mut(&h.event)
            {
                p.hypotheses.push(hi);
            }
        }
        let events = by_event.keys().cloned().collect();
        let mut all_hypotheses: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (hi, h) in a.responsibility.hypotheses.iter().enumerate() {
            all_hypotheses.entry(h.event.as_str()).or_default().push(hi);
        }
        let conflicts_of = a
            .figures
            .iter()
            .map(|f| {
                let mut per: Vec<Vec<usize>> = vec![Vec::new(); f.accounts.len()];
                for (k, cf) in f.conflicts.iter().enumerate() {
                    per[cf.a].push(k);
                    per[cf.b].push(k);
                }
                per
            })
            .collect();
        Report {
            a,
            input,
            events,
            by_event,
            all_hypotheses,
            conflicts_of,
        }
    }

    pub fn render(&self, format: Format, style: Style) -> String {
        match format {
            Format::Json => {
                let mut out = Vec::new();
                let _ = self.write_json(&mut out);
                String::from_utf8(out).unwrap_or_default()
            }
            Format::Markdown => self.markdown(),
            Format::Csv => super::csv::report(self.a, &self.figures_shown()),
            _ => self.text(style),
        }
    }

    /// The figures shown, in event order.
    pub fn figures_shown(&self) -> Vec<usize> {
        self.events
            .iter()
            .flat_map(|e| self.by_event[e].figures.iter().copied())
            .collect()
    }

    pub(super) fn names(&self) -> &crate::analysis::names::Names {
        &self.a.ctx.names
    }

    pub(super) fn header_line(&self) -> String {
        // As known at a moment: the sources published (or seen) by then.
        let sources = match self.input.as_of {
            Some(d) => self
                .a
                .ctx
                .sources
                .iter()
                .filter(|s| s.known_since().is_none_or(|t| d.includes(t)))
                .count(),
            None => self.a.ctx.sources.len(),
        };
        format!(
            "{}, {}, {}{}",
            plural(self.input.shown.len(), "claim", "claims"),
            plural(sources, "source", "sources"),
            plural(self.events.len(), "event", "events"),
            self.input
                .as_of
                .map(|d| format!(", as known at {d}"))
                .unwrap_or_default()
        )
    }

    /// "Missile attack on K-1 · 2019-12-27 · Kirkuk · parties: A, B".
    pub(super) fn event_line(&self, event: &str) -> Option<String> {
        let ev = self.a.ctx.event(event)?;
        let mut parts = Vec::new();
        if let Some(t) = &ev.title {
            parts.push(t.clone());
        }
        match (&ev.date, &ev.start, &ev.end) {
            (Some(d), _, _) => parts.push(d.to_string()),
            (None, Some(s), Some(e)) => parts.push(format!("{s} to {e}")),
            (None, Some(s), None) => parts.push(format!("since {s}")),
            _ => {}
        }
        if let Some(p) = &ev.place {
            parts.push(p.clone());
        }
        if !ev.parties.is_empty() {
            let names: Vec<String> = ev
                .parties
                .iter()
                .map(|p| {
                    self.a
                        .ctx
                        .entities
                        .iter()
                        .find(|e| &e.id == p)
                        .map(|e| e.name.clone())
                        .unwrap_or_else(|| p.to_string())
                })
                .collect();
            parts.push(format!("parties: {}", names.join(", ")));
        }
        if ev.cumulative {
            parts.push("running totals".into());
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    pub(super) fn verdict_line(&self, f: &Figure) -> String {
        let mut v = match f.status {
            FigureStatus::Conflicting => "CONFLICT".to_string(),
            FigureStatus::Consistent if f.loose => "consistent, loosely (vague wording)".into(),
            FigureStatus::Consistent => "consistent".into(),
            FigureStatus::SingleAccount => "single account".into(),
            FigureStatus::Withdrawn => "withdrawn".into(),
        };
        if let Some(g) = f.gap {
            v.push_str(&format!(", {} apart", crate::model::count::group_digits(g)));
        }
        v
    }

    pub(super) fn facts_line(&self, f: &Figure) -> String {
        let mut parts = Vec::new();
        if let Some(c) = f.consensus
            && f.status != FigureStatus::SingleAccount
        {
            parts.push(format!("consensus {c}"));
        }
        if let Some(e) = f.envelope {
            parts.push(format!("envelope {e}"));
        }
        let mut origins = plural(f.origins.len(), "independent origin", "independent origins");
        if self.a.ctx.has_parties(&f.event) {
            origins.push_str(&format!(" ({} outside the parties)", f.nonparty.len()));
        }
        parts.push(origins);
        match &f.best {
            Some(b) => parts.push(format!(
                "best estimate {} ({})",
                b.interval,
                b.basis.as_str()
            )),
            None => parts.push("no best estimate".into()),
        }
        parts.join(" · ")
    }

    pub(super) fn count_cell(&self, a: &Account) -> String {
        let mut s = a.interval.to_string();
        if let Some(b) = a.best {
            s.push_str(&format!(", best {b}"));
        }
        if let Some(h) = &a.hedge {
            s.push_str(&format!(", *{h}*"));
        }
        if a.is_vague() {
            s.push_str("\n(vague wording)");
        }
        s
    }

    fn account_cell(&self, a: &Account) -> String {
        let mut s = a.id.to_string();
        let mut marks: Vec<&str> = Vec::new();
        if a.standing != Standing::Active {
            marks.push(a.standing.as_str());
        }
        if a.preferred {
            marks.push("preferred");
        }
        if !marks.is_empty() {
            s.push_str(&format!("\n({})", marks.join(", ")));
        }
        match (&a.as_of, &a.key.time) {
            (Some(t), _) => s.push_str(&format!("\nas of {}", t.readable())),
            (None, Some(t)) => s.push_str(&format!("\n{}", t.readable())),
            _ => {}
        }
        s
    }

    pub(super) fn origin_cell(&self, a: &Account, md: bool) -> String {
        let info = &self.a.ctx.info[a.claim];
        let labels: Vec<String> = info
            .origins
            .iter()
            .map(|o| origin_label(self.names(), o))
            .collect();
        let who = if labels.is_empty() {
            "no evidence".to_string()
        } else {
            labels.join("; ")
        };
        if a.sources.is_empty() {
            return if md { md_escape(&who) } else { who };
        }
        let sources: Vec<String> = a
            .sources
            .iter()
            .map(|s| {
                if md {
                    let url = self
                        .a
                        .ctx
                        .source_index
                        .get(s.as_str())
                        .and_then(|i| self.a.ctx.sources[*i].url.as_deref());
                    md_link(s.as_str(), url)
                } else {
                    s.to_string()
                }
            })
            .collect();
        if md {
            format!("{}<br>in {}", md_escape(&who), sources.join(", "))
        } else {
            format!("{who}\nin {}", sources.join(", "))
        }
    }

    /// Revised accounts, collapsed: each group of one origin goes under the
    /// account that revised it.
    fn rows_of(&self, f: &Figure) -> Vec<Row> {
        let position: BTreeMap<&str, usize> = f
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        // The current account a revised one leads to.
        let current = |mut i: usize| -> Option<usize> {
            for _ in 0..f.accounts.len() {
                let a = &f.accounts[i];
                if a.standing != Standing::Revised {
                    return Some(i);
                }
                i = *a
                    .revised_by
                    .iter()
                    .filter_map(|r| position.get(r.as_str()))
                    .max()?;
            }
            None
        };
        let mut groups: BTreeMap<(usize, Vec<u32>), Vec<usize>> = BTreeMap::new();
        let mut loose = Vec::new();
        for (i, a) in f.accounts.iter().enumerate() {
            if a.standing != Standing::Revised {
                continue;
            }
            match current(i) {
                Some(c) => groups.entry((c, a.origins.clone())).or_default().push(i),
                None => loose.push(i),
            }
        }
        let mut rows = Vec::new();
        for (i, a) in f.accounts.iter().enumerate() {
            if a.standing == Standing::Revised && !loose.contains(&i) {
                continue;
            }
            rows.push(Row::Account(i));
            for ((c, origins), members) in &groups {
                if *c == i {
                    rows.push(Row::Revised {
                        members: members.clone(),
                        origins: origins.clone(),
                    });
                }
            }
        }
        rows
    }

    fn revised_cells(&self, f: &Figure, members: &[usize], origins: &[u32]) -> [String; 4] {
        let hull = members
            .iter()
            .map(|m| f.accounts[*m].interval)
            .reduce(|x, y| x.hull(&y))
            .unwrap_or(Interval::exact(0));
        let who: Vec<&str> = origins.iter().map(|o| self.names().name(*o)).collect();
        let from = if who.is_empty() {
            String::new()
        } else {
            format!(" from {}", who.join(" and "))
        };
        let range = if hull.is_exact() || hull.max.is_none() {
            hull.to_string()
        } else {
            format!(
                "{}–{}",
                crate::model::count::group_digits(hull.min),
                crate::model::count::group_digits(hull.max.unwrap_or(hull.min))
            )
        };
        [
            format!(
                "↳ {}{from}, revised",
                plural(members.len(), "earlier report", "earlier reports")
            ),
            range,
            members
                .iter()
                .map(|m| f.accounts[*m].id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            String::new(),
        ]
    }

    fn figure_grid(&self, f: &Figure, md: bool) -> Grid {
        let mut g = Grid::new(&["Account", "Count", "Origin / source", "Quote"]);
        for row in self.rows_of(f) {
            match row {
                Row::Account(i) => {
                    let a = &f.accounts[i];
                    let quote = a
                        .quote
                        .as_deref()
                        .map(|q| {
                            format!("“{}”", around_count(q, a.wording.as_deref(), QUOTE_WIDTH))
                        })
                        .unwrap_or_default();
                    let grey = (!a.votes()).then_some(Color::DarkGrey);
                    g.row(vec![
                        (self.account_cell(a), grey),
                        (
                            self.count_cell(a),
                            if f.clashes(i) { Some(Color::Red) } else { grey },
                        ),
                        (
                            if md {
                                self.origin_cell(a, true)
                            } else {
                                self.origin_cell(a, false)
                            },
                            grey,
                        ),
                        (quote, grey),
                    ]);
                }
                Row::Revised { members, origins } => {
                    let cells = self.revised_cells(f, &members, &origins);
                    g.row(
                        cells
                            .into_iter()
                            .map(|c| (c, Some(Color::DarkGrey)))
                            .collect(),
                    );
                }
            }
        }
        g
    }

    pub(super) fn said_by(&self, h: &Hypothesis) -> String {
        let mut lines = Vec::new();
        for &i in &h.claims {
            let c = &self.a.ctx.claims[i];
            let who = self.a.ctx.info[i]
                .asserter
                .map(|w| self.names().name(w).to_string())
                .unwrap_or_else(|| "(unnamed)".into());
            let stance = self.a.responsibility.stance[i]
                .map(|s| s.as_str())
                .unwrap_or("accuses");
            let actor = self.a.ctx.info[i]
                .actor
                .filter(|x| *x != h.actor)
                .map(|x| format!(" {}", self.names().name(x)))
                .unwrap_or_default();
            let hedge = c
                .blame()
                .and_then(|b| b.hedge.as_deref())
                .map(|x| format!(", *{x}*"))
                .unwrap_or_default();
            lines.push(format!("{who} {stance}{actor}{hedge} ({})", c.id));
        }
        lines.join("\n")
    }

    pub(super) fn denied_by(&self, h: &Hypothesis) -> String {
        let mut lines = Vec::new();
        let denier = |d: usize| {
            self.a.ctx.info[d]
                .asserter
                .map(|w| self.names().name(w).to_string())
                .unwrap_or_else(|| "(unnamed)".into())
        };
        for &d in &h.denials {
            lines.push(format!("{} ({})", denier(d), self.a.ctx.claims[d].id));
        }
        for &d in &h.withdrawn_denials {
            lines.push(format!(
                "withdrawn: {} ({})",
                denier(d),
                self.a.ctx.claims[d].id
            ));
        }
        if lines.is_empty() {
            "—".into()
        } else {
            lines.join("\n")
        }
    }

    pub(super) fn verdict_of(&self, h: &Hypothesis) -> (String, Color) {
        let mut v = Vec::new();
        if h.contested {
            v.push("CONTESTED".to_string());
        }
        match h.verdict {
            Some(x) => v.push(x.as_str().to_uppercase()),
            None if !h.contested => v.push("uncontested".into()),
            None => {}
        }
        let color = match (h.contested, h.verdict) {
            (true, _) | (_, Some(crate::analysis::Verdict::Denied)) => Color::Red,
            (_, Some(_)) => Color::Yellow,
            _ => Color::Green,
        };
        let mut s = v.join(", ");
        s.push_str(&format!(
            "\n{}",
            plural(h.origins.len(), "independent origin", "independent origins")
        ));
        if self.a.ctx.has_parties(&h.event) {
            s.push_str(&format!(" ({} outside the parties)", h.nonparty.len()));
        }
        (s, color)
    }

    fn responsibility_grid(&self, hs: &[usize]) -> Grid {
        let mut g = Grid::new(&["Hypothesis", "Said by", "Denied by", "Verdict"]);
        for &hi in hs {
            let h = &self.a.responsibility.hypotheses[hi];
            let mut actor = self.names().name(h.actor).to_string();
            let others: Vec<&str> = h
                .actors
                .iter()
                .filter(|x| **x != h.actor)
                .map(|x| self.names().name(*x))
                .collect();
            if !others.is_empty() {
                actor.push_str(&format!("\n(incl. {})", others.join(", ")));
            }
            let (v, color) = self.verdict_of(h);
            g.row(vec![
                (actor, None),
                (self.said_by(h), None),
                (self.denied_by(h), None),
                (v, Some(color)),
            ]);
        }
        g
    }

    /// One line saying why a claim needs attention.
    fn why(&self, i: usize, st: &[Status]) -> String {
        let a = self.a;
        let c = &a.ctx.claims[i];
        let mut parts = Vec::new();
        for s in st {
            match s {
                Status::Unsourced => parts.push("no evidence linked".to_string()),
                Status::Conflicting => {
                    let mut clash: Vec<String> = Vec::new();
                    if let Some((fi, ai)) = a.account_of(i) {
                        let f = &a.figures[fi];
                        for cf in self.conflicts_of[fi][ai].iter().map(|k| &f.conflicts[*k]) {
                            let other = if cf.a == ai {
                                cf.b
                            } else if cf.b == ai {
                                cf.a
                            } else {
                                continue;
                            };
                            let o = &f.accounts[other];
                            clash.push(match cf.gap {
                                Some(g) => format!(
                                    "{} ({}, {} apart)",
                                    o.id,
                                    o.interval,
                                    crate::model::count::group_digits(g)
                                ),
                                None => format!("{} (marked as contradicting)", o.id),
                            });
                        }
                    }
                    for other in &c.relations.contradicts {
                        if !clash.iter().any(|x| x.starts_with(other.as_str())) {
                            clash.push(format!("{other} (marked as contradicting)"));
                        }
                    }
                    let shown = listing(&clash, ", ", 4);
                    parts.push(format!("clashes with {shown}"));
                }
                Status::Contested => {
                    let actors: Vec<&str> = self
                        .all_hypotheses
                        .get(c.event.as_str())
                        .into_iter()
                        .flatten()
                        .map(|hi| a.ctx.names.name(a.responsibility.hypotheses[*hi].actor))
                        .collect();
                    parts.push(format!("blame is contested: {}", actors.join(" vs ")));
                }
                Status::Denied => {
                    let deniers: Vec<String> = a.responsibility.denied_by[i]
                        .iter()
                        .map(|d| {
                            format!(
                                "{} ({})",
                                a.ctx.info[*d]
                                    .asserter
                                    .map(|w| a.ctx.names.name(w).to_string())
                                    .unwrap_or_else(|| "unnamed".into()),
                                a.ctx.claims[*d].id
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

    pub(super) fn attention(&self, claims: &[usize]) -> Vec<(usize, Vec<Status>, String)> {
        claims
            .iter()
            .filter_map(|&i| {
                let st = self.a.statuses[i].clone();
                let serious = st
                    .iter()
                    .any(|s| s.needs_attention() && *s != Status::SingleOrigin);
                let standing = !self.a.ctx.claims[i].is_retracted()
                    && !st.contains(&Status::Revised)
                    && !st.contains(&Status::Superseded)
                    && !st.contains(&Status::Withdrawn);
                (serious && standing).then(|| {
                    let why = self.why(i, &st);
                    (i, st, why)
                })
            })
            .collect()
    }

    fn attention_grid(&self, rows: &[(usize, Vec<Status>, String)]) -> Grid {
        let mut g = Grid::new(&["Claim", "Status", "Why"]);
        for (i, st, why) in rows {
            let names: Vec<&str> = st.iter().map(|s| s.as_str()).collect();
            g.row(vec![
                (self.a.ctx.claims[*i].id.to_string(), None),
                (names.join(", "), Some(Color::Red)),
                (why.clone(), None),
            ]);
        }
        g
    }

    /// Standing single-origin claims grouped by their one origin.
    pub(super) fn single_origin(&self, claims: &[usize]) -> Vec<(String, Vec<String>)> {
        let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for &i in claims {
            let st = &self.a.statuses[i];
            if st.contains(&Status::SingleOrigin)
                && !st.iter().any(|s| {
                    matches!(
                        s,
                        Status::Retracted
                            | Status::Revised
                            | Status::Superseded
                            | Status::Withdrawn
                    )
                })
            {
                let o = self.a.ctx.info[i]
                    .origins
                    .first()
                    .map(|o| origin_label(self.names(), o))
                    .unwrap_or_default();
                by.entry(o)
                    .or_default()
                    .push(self.a.ctx.claims[i].id.to_string());
            }
        }
        by.into_iter().collect()
    }

    fn single_grid(rows: &[(String, Vec<String>)]) -> Grid {
        let mut g = Grid::new(&["Only origin", "Claims"]);
        for (origin, claims) in rows {
            // The full list is in the JSON report and in `list --status single-origin`.
            g.plain(vec![origin.clone(), listing(claims, ", ", 24)]);
        }
        g
    }

    fn text(&self, style: Style) -> String {
        let mut out = Vec::new();
        let _ = self.write_text(&mut out, style);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the text report, rendering events on all cores a batch at a
    /// time, so that a large report streams out in bounded memory.
    pub fn write_text(&self, w: &mut dyn Write, style: Style) -> std::io::Result<()> {
        let mut head = skipped_text(self.input.skipped);
        head.push_str(&format!("factcheck report: {}\n", self.header_line()));
        if self.events.is_empty() {
            head.push_str(if self.a.ctx.claims.is_empty() {
                "\nNo claims yet. Add one with `factcheck claim add`.\n"
            } else {
                "\nNo claims match.\n"
            });
        }
        w.write_all(head.as_bytes())?;
        self.write_events(w, |e| self.event_text(e, style))
    }

    /// Renders the events in order, in parallel batches.
    fn write_events(
        &self,
        w: &mut dyn Write,
        render: impl Fn(&str) -> String + Sync,
    ) -> std::io::Result<()> {
        use rayon::prelude::*;
        for batch in self.events.chunks(256) {
            let parts: Vec<String> = batch.par_iter().map(|e| render(e)).collect();
            for p in parts {
                w.write_all(p.as_bytes())?;
            }
        }
        Ok(())
    }

    fn event_text(&self, event: &str, style: Style) -> String {
        let mut out = String::new();
        let parts = &self.by_event[event];
        out.push_str(&format!(
            "\n== {event} ({}) ==\n",
            plural(parts.claims.len(), "claim", "claims")
        ));
        if let Some(l) = self.event_line(event) {
            out.push_str(&format!("{l}\n"));
        }
        if !parts.figures.is_empty() {
            out.push_str("\nFigures\n");
        }
        for &fi in &parts.figures {
            let f = &self.a.figures[fi];
            out.push_str(&format!("\n{}: {}\n", f.name(), self.verdict_line(f)));
            for line in super::table::wrap(&takeaway(self.a, f), style.width as usize - 2) {
                out.push_str(&format!("  {line}\n"));
            }
            for line in super::table::wrap(&self.facts_line(f), style.width as usize - 2) {
                out.push_str(&format!("  {line}\n"));
            }
            out.push_str(&self.figure_grid(f, false).text(style));
        }
        if !parts.hypotheses.is_empty() {
            out.push_str("\nResponsibility\n");
            out.push_str(&self.responsibility_grid(&parts.hypotheses).text(style));
        }
        let att = self.attention(&parts.claims);
        if !att.is_empty() {
            out.push_str("\nNeeds attention\n");
            out.push_str(&self.attention_grid(&att).text(style));
        }
        let single = self.single_origin(&parts.claims);
        if !single.is_empty() {
            out.push_str("\nResting on a single origin\n");
            out.push_str(&Report::single_grid(&single).text(style));
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = Vec::new();
        let _ = self.write_markdown(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the Markdown report (see [`Report::write_text`]).
    pub fn write_markdown(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let mut head = String::from("# factcheck report\n\n");
        head.push_str(&skipped_markdown(self.input.skipped));
        head.push_str(&format!("{}.\n", md_escape(&self.header_line())));
        w.write_all(head.as_bytes())?;
        self.write_events(w, |e| self.event_markdown(e))
    }

    fn event_markdown(&self, event: &str) -> String {
        let mut out = String::new();
        let parts = &self.by_event[event];
        out.push_str(&format!("\n## {}\n", md_escape(event)));
        if let Some(l) = self.event_line(event) {
            out.push_str(&format!("\n{}\n", md_escape(&l)));
        }
        if !parts.figures.is_empty() {
            out.push_str("\n### Figures\n");
        }
        for &fi in &parts.figures {
            let f = &self.a.figures[fi];
            out.push_str(&format!(
                "\n**{}: {}.** {}\n\n{}\n\n",
                md_escape(&f.name()),
                md_escape(&self.verdict_line(f)),
                md_escape(&takeaway(self.a, f)),
                md_escape(&self.facts_line(f))
            ));
            out.push_str(&self.figure_grid(f, true).markdown_raw_origin());
        }
        if !parts.hypotheses.is_empty() {
            out.push_str("\n### Responsibility\n\n");
            out.push_str(&self.responsibility_grid(&parts.hypotheses).markdown());
        }
        let att = self.attention(&parts.claims);
        if !att.is_empty() {
            out.push_str("\n### Needs attention\n\n");
            out.push_str(&self.attention_grid(&att).markdown());
        }
        let single = self.single_origin(&parts.claims);
        if !single.is_empty() {
            out.push_str("\n### Resting on a single origin\n\n");
            out.push_str(&Report::single_grid(&single).markdown());
        }
        out
    }

    /// Streams the JSON report (a large workspace makes tens of MB).
    pub fn write_json(&self, w: impl Write) -> std::io::Result<()> {
        let a = self.a;
        let figures: Vec<FigureJson> = self
            .figures_shown()
            .into_iter()
            .map(|fi| figure_json(a, &a.figures[fi]))
            .collect();
        let responsibility: Vec<ResponsibilityJson> = self
            .events
            .iter()
            .flat_map(|e| self.by_event[e].hypotheses.iter())
            .map(|hi| responsibility_json(a, &a.responsibility.hypotheses[*hi]))
            .collect();
        let claims: Vec<ClaimJson> = self
            .input
            .shown
            .iter()
            .map(|i| {
                let c: &Claim = &a.ctx.claims[*i];
                ClaimJson {
                    id: &c.id,
                    kind: c.kind(),
                    event: &c.event,
                    statuses: &a.statuses[*i],
                    origins: a.ctx.origin_names(*i),
                }
            })
            .collect();
        let doc = ReportJson {
            schema: "factcheck/report/v1",
            skipped: self.input.skipped,
            as_of: self.input.as_of.map(|d| d.to_string()),
            events: &self.events,
            figures,
            responsibility,
            claims,
        };
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        serde_json::to_writer_pretty(&mut w, &doc).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
        w.flush()
    }
}

enum Row {
    Account(usize),
    Revised {
        members: Vec<usize>,
        origins: Vec<u32>,
    },
}

impl Grid {
    /// Markdown whose cells already hold Markdown (links) in the origin
    /// column: only the other cells are escaped.
    fn markdown_raw_origin(&self) -> String {
        let mut s = format!(
            "| {} |\n|{}\n",
            self.header.join(" | "),
            "---|".repeat(self.header.len())
        );
        for r in &self.rows {
            let cells: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(c, (text, _))| {
                    if c == 2 {
                        text.replace('\n', "<br>")
                    } else {
                        super::table::md_cell(text)
                    }
                })
                .collect();
            s.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        s
    }
}

/// Joins at most `max` items, then says how many more there are.
pub fn listing(items: &[String], sep: &str, max: usize) -> String {
    if items.len() <= max {
        return items.join(sep);
    }
    format!("{} and {} more", items[..max].join(sep), items.len() - max)
}

// The JSON contract, serialized straight from borrowed data.

#[derive(Serialize)]
struct ReportJson<'a> {
    schema: &'static str,
    skipped: &'a [Skipped],
    as_of: Option<String>,
    events: &'a [String],
    figures: Vec<FigureJson<'a>>,
    responsibility: Vec<ResponsibilityJson>,
    claims: Vec<ClaimJson<'a>>,
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    id: &'a Id,
    kind: Kind,
    event: &'a str,
    statuses: &'a [Status],
    origins: Vec<String>,
}

#[derive(Serialize)]
pub struct BestJson<'a> {
    pub min: u64,
    pub max: Option<u64>,
    pub claims: &'a [Id],
    pub basis: &'static str,
}

#[derive(Serialize)]
pub struct ConflictJson<'a> {
    pub a: &'a Id,
    pub b: &'a Id,
    pub gap: Option<u64>,
}

#[derive(Serialize)]
pub struct FigureJson<'a> {
    pub event: &'a str,
    pub category: &'a str,
    pub group: &'a str,
    pub status: FigureStatus,
    pub cumulative: bool,
    pub consensus: Option<Interval>,
    pub envelope: Option<Interval>,
    pub gap: Option<u64>,
    pub independent_origins: usize,
    pub nonparty_origins: usize,
    pub origins: Vec<String>,
    pub best: Option<BestJson<'a>>,
    pub why: Option<&'a str>,
    pub summary: String,
    pub loose: bool,
    pub conflicts: Vec<ConflictJson<'a>>,
    pub accounts: Vec<AccountJson<'a>>,
}

#[derive(Serialize)]
pub struct AccountJson<'a> {
    pub claim: &'a Id,
    pub wording: Option<&'a str>,
    pub min: u64,
    pub max: Option<u64>,
    pub best: Option<u64>,
    pub hedge: Option<&'a str>,
    pub as_of: Option<String>,
    pub time: Option<String>,
    pub standing: Standing,
    pub revised_by: &'a [Id],
    pub preferred: bool,
    pub precision: Precision,
    pub vague: bool,
    pub sources: &'a [Id],
    pub origins: Vec<String>,
    pub speakers: Vec<String>,
    pub published: Option<String>,
    pub grade: Option<String>,
    pub quote: Option<&'a str>,
}

pub fn figure_json<'a>(a: &'a Analysis<'a>, f: &'a Figure) -> FigureJson<'a> {
    let names = &a.ctx.names;
    FigureJson {
        event: &f.event,
        category: &f.category,
        group: &f.group,
        status: f.status,
        cumulative: f.cumulative,
        consensus: f.consensus,
        envelope: f.envelope,
        gap: f.gap,
        independent_origins: f.origins.len(),
        nonparty_origins: f.nonparty.len(),
        origins: f
            .origins
            .iter()
            .map(|o| names.name(*o).to_string())
            .collect(),
        best: f.best.as_ref().map(|b| BestJson {
            min: b.interval.min,
            max: b.interval.max,
            claims: &b.claims,
            basis: b.basis.as_str(),
        }),
        why: f.why.as_deref(),
        summary: takeaway(a, f),
        loose: f.loose,
        conflicts: f
            .conflicts
            .iter()
            .map(|c| ConflictJson {
                a: &f.accounts[c.a].id,
                b: &f.accounts[c.b].id,
                gap: c.gap,
            })
            .collect(),
        accounts: f
            .accounts
            .iter()
            .map(|x| AccountJson {
                claim: &x.id,
                wording: x.wording.as_deref(),
                min: x.interval.min,
                max: x.interval.max,
                best: x.best,
                hedge: x.hedge.as_deref(),
                as_of: x.as_of.as_ref().map(|t| t.to_utc_string()),
                time: x.key.time.as_ref().map(|t| t.to_utc_string()),
                standing: x.standing,
                revised_by: &x.revised_by,
                preferred: x.preferred,
                precision: x.precision,
                vague: x.is_vague(),
                sources: &x.sources,
                origins: a.ctx.origin_names(x.claim),
                speakers: a.ctx.origin_labels(x.claim),
                published: x.key.published.as_ref().map(|t| t.to_utc_string()),
                grade: (!x.grade.is_unknown()).then(|| x.grade.label()),
                quote: x.quote.as_deref(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct ResponsibilityJson {
    pub event: String,
    pub actor: String,
    pub actors: Vec<String>,
    pub claims: Vec<Id>,
    pub asserted_by: Vec<String>,
    pub stances: Vec<&'static str>,
    pub independent_origins: usize,
    pub nonparty_origins: usize,
    pub origins: Vec<String>,
    pub denied_by: Vec<String>,
    pub denial_claims: Vec<Id>,
    pub withdrawn_denials: Vec<Id>,
    pub verdict: Option<&'static str>,
    pub contested: bool,
    pub evidence: usize,
}

pub fn responsibility_json(a: &Analysis<'_>, h: &Hypothesis) -> ResponsibilityJson {
    let names = &a.ctx.names;
    let ids = |v: &[usize]| -> Vec<Id> { v.iter().map(|i| a.ctx.claims[*i].id.clone()).collect() };
    ResponsibilityJson {
        event: h.event.clone(),
        actor: names.name(h.actor).to_string(),
        actors: h
            .actors
            .iter()
            .map(|x| names.name(*x).to_string())
            .collect(),
        claims: ids(&h.claims),
        asserted_by: h
            .asserted_by
            .iter()
            .map(|x| names.name(*x).to_string())
            .collect(),
        stances: h.stances.iter().map(|s| s.as_str()).collect(),
        independent_origins: h.origins.len(),
        nonparty_origins: h.nonparty.len(),
        origins: h
            .origins
            .iter()
            .map(|x| names.name(*x).to_string())
            .collect(),
        denied_by: h
            .deniers
            .iter()
            .map(|x| names.name(*x).to_string())
            .collect(),
        denial_claims: ids(&h.denials),
        withdrawn_denials: ids(&h.withdrawn_denials),
        verdict: h.verdict.map(|v| v.as_str()),
        contested: h.contested,
        evidence: h.evidence,
    }
}
