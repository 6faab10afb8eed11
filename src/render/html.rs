//! `report --format html`: one self-contained page for editors and readers.
//!
//! No request leaves it (a Content-Security-Policy of `default-src 'none'`
//! with inline styles, no scripts, no external images or fonts); every text
//! is escaped by the template (maud), archives included, since archived
//! pages are untrusted. Per figure an inline SVG range chart, then the
//! accounts with their full quotes, each linking to its passage highlighted
//! in the embedded archive text of its source.

use super::report::Report;
use crate::analysis::context::origin_label;
use crate::analysis::figures::Standing;
use crate::analysis::summary::takeaway;
use crate::analysis::timeline::{AttributionTimeline, FigureTimeline};
use crate::analysis::{Account, Figure, FigureStatus};
use crate::model::count::group_digits;
use crate::model::id::Id;
use crate::model::quote::{find_at_boundaries, normalize};
use crate::model::textdiff::paragraphs;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::BTreeMap;

/// The archived texts the page embeds, by source id.
pub type Archives = BTreeMap<Id, String>;

const STYLE: &str = include_str!("html.css");

/// The anchor of a claim's evidence item in its source's archive text.
fn quote_anchor(claim: &Id, evidence: usize) -> String {
    format!("q-{claim}-{evidence}")
}

fn figure_anchor(f: &Figure) -> String {
    format!("fig-{}--{}--{}", f.event, f.category, f.group)
}

impl Report<'_> {
    /// The whole page.
    pub fn html(&self, archives: &Archives) -> String {
        let title = "factcheck report";
        let timelines = self.a.timelines();
        let attributions = self.a.attributions();
        // Indexed once, not searched per event.
        let mut by_figure: Vec<Option<&FigureTimeline>> = vec![None; self.a.figures.len()];
        for t in &timelines {
            by_figure[t.figure] = Some(t);
        }
        let by_event: BTreeMap<&str, &AttributionTimeline> =
            attributions.iter().map(|t| (t.event.as_str(), t)).collect();
        let page = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="referrer" content="no-referrer";
                    meta name="generator" content=(format!("factcheck {}", env!("CARGO_PKG_VERSION")));
                    title { (title) }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    header {
                        h1 { (title) }
                        p.summary { (self.header_line()) }
                    }
                    (self.skipped_notice())
                    @if self.events.len() > 1 {
                        nav.toc aria-label="Events" {
                            ul {
                                @for e in &self.events {
                                    li { a href=(format!("#ev-{e}")) { (e) } }
                                }
                            }
                        }
                    }
                    main {
                        @if self.events.is_empty() {
                            p { "No claims match." }
                        }
                        @for e in &self.events {
                            (self.event_section(e, &by_figure, &by_event))
                        }
                        (self.sources_section(archives))
                    }
                    footer {
                        p {
                            "Made with factcheck " (env!("CARGO_PKG_VERSION"))
                            ". Quotes are matched against each source's archived text after normalizing whitespace and typography; the text shown below is that normalized text. "
                            "Bars: one per account, from its minimum to its maximum; an arrow means no upper bound; faded bars are revised, superseded or retracted accounts."
                        }
                    }
                }
            }
        };
        let mut s = page.into_string();
        s.push('\n');
        s
    }

    fn skipped_notice(&self) -> Markup {
        let skipped = self.input.skipped;
        html! {
            @if !skipped.is_empty() {
                aside.skipped role="alert" {
                    strong { (skipped.len()) " record file(s) could not be read and are left out of this report:" }
                    ul {
                        @for s in skipped {
                            li {
                                code { (format!("{}:{}:{}", s.file.display(), s.line, s.column)) }
                                " " (s.code) ": " (s.message)
                            }
                        }
                    }
                }
            }
        }
    }

    fn event_section(
        &self,
        event: &str,
        timelines: &[Option<&FigureTimeline>],
        attributions: &BTreeMap<&str, &AttributionTimeline>,
    ) -> Markup {
        let parts = &self.by_event[event];
        let att = self.attention(&parts.claims);
        let single = self.single_origin(&parts.claims);
        html! {
            section.event id=(format!("ev-{event}")) {
                h2 { (event) }
                @if let Some(l) = self.event_line(event) {
                    p.event-line { (l) }
                }
                @for &fi in &parts.figures {
                    (self.figure_section(&self.a.figures[fi]))
                }
                @if !parts.hypotheses.is_empty() {
                    (self.responsibility_section(&parts.hypotheses))
                }
                @if !att.is_empty() {
                    section.attention {
                        h3 { "Needs attention" }
                        div.scroll {
                            table {
                                thead { tr { th { "Claim" } th { "Status" } th { "Why" } } }
                                tbody {
                                    @for (i, st, why) in &att {
                                        tr {
                                            td { code { (self.a.ctx.claims[*i].id) } }
                                            td.bad { (st.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")) }
                                            td { (why) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !single.is_empty() {
                    section.single {
                        h3 { "Resting on a single origin" }
                        ul {
                            @for (origin, claims) in &single {
                                li { strong { (origin) } ": " (claims.join(", ")) }
                            }
                        }
                    }
                }
                (self.timeline_section(event, timelines, attributions))
            }
        }
    }

    fn figure_section(&self, f: &Figure) -> Markup {
        let class = match f.status {
            FigureStatus::Conflicting => "verdict conflict",
            FigureStatus::Consistent => "verdict consistent",
            _ => "verdict",
        };
        html! {
            section.figure id=(figure_anchor(f)) {
                h3 { (f.name()) ": " span class=(class) { (self.verdict_line(f)) } }
                p.takeaway { (takeaway(self.a, f)) }
                p.facts { (self.facts_line(f)) }
                (chart(self, f))
                div.scroll {
                    table.accounts {
                        thead { tr { th { "Account" } th { "Count" } th { "Origin / source" } th { "Quote" } } }
                        tbody {
                            @for (i, acc) in f.accounts.iter().enumerate() {
                                tr class=(row_class(f, i, acc)) id=(format!("acc-{}", acc.id)) {
                                    td {
                                        code { (acc.id) }
                                        @if acc.standing != Standing::Active {
                                            br; span.standing { (acc.standing.as_str()) }
                                        }
                                        @if acc.preferred { br; span.preferred { "preferred" } }
                                        @if let Some(t) = acc.as_of.as_ref().or(acc.key.time.as_ref()) {
                                            br; span.time { (t.readable()) }
                                        }
                                    }
                                    td.count { (self.count_cell(acc).replace('\n', " ").replace('*', "")) }
                                    td { (self.origin_cell(acc, false).replace('\n', " · ")) }
                                    td.quote { (self.quotes_of(acc.claim)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A claim's quotes, each linking to its passage in the source's archive.
    fn quotes_of(&self, claim: usize) -> Markup {
        let c = &self.a.ctx.claims[claim];
        html! {
            @for (i, e) in c.evidence.iter().enumerate() {
                blockquote dir="auto" {
                    "“" (normalize(&e.quote)) "” "
                    a.src href=(format!("#{}", quote_anchor(&c.id, i))) title="the passage in the archived text" {
                        "in " (e.source)
                    }
                    @if let Some(w) = &e.attributed_to { span.attr { " — " (w) } }
                }
            }
        }
    }

    fn responsibility_section(&self, hs: &[usize]) -> Markup {
        html! {
            section.responsibility {
                h3 { "Responsibility" }
                div.scroll {
                    table {
                        thead { tr { th { "Hypothesis" } th { "Said by" } th { "Denied by" } th { "Verdict" } } }
                        tbody {
                            @for &hi in hs {
                                @let h = &self.a.responsibility.hypotheses[hi];
                                @let (verdict, _) = self.verdict_of(h);
                                tr {
                                    td { strong { (self.names().name(h.actor)) } }
                                    td { (lines(&self.said_by(h).replace('*', ""))) }
                                    td { (lines(&self.denied_by(h))) }
                                    td class=(if h.contested { "bad" } else { "" }) { (lines(&verdict)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn timeline_section(
        &self,
        event: &str,
        timelines: &[Option<&FigureTimeline>],
        attributions: &BTreeMap<&str, &AttributionTimeline>,
    ) -> Markup {
        let figures: Vec<&FigureTimeline> = self.by_event[event]
            .figures
            .iter()
            .filter_map(|fi| timelines[*fi])
            .collect();
        let attributions: Vec<&AttributionTimeline> =
            attributions.get(event).copied().into_iter().collect();
        let names = self.names();
        html! {
            @if !figures.is_empty() || attributions.iter().any(|t| !t.entries.is_empty()) {
                section.timeline {
                    h3 { "Timeline" }
                    @for t in &figures {
                        @let f = &self.a.figures[t.figure];
                        h4 { (f.name()) }
                        ol {
                            @for v in &t.versions {
                                @let acc = &f.accounts[v.account];
                                li class=(if acc.votes() { "" } else { "faded" }) {
                                    span.time { (acc.key.time.as_ref().map(|x| x.readable()).unwrap_or_else(|| "undated".into())) }
                                    " "
                                    strong { (v.origin.map(|o| names.name(o).to_string()).unwrap_or_else(|| "no origin".into())) }
                                    ": " (acc.label()) " (" (acc.interval) ", " (v.change.as_str()) ") "
                                    a href=(format!("#acc-{}", v.claim)) { code { (v.claim) } }
                                    @if !v.clashes.is_empty() {
                                        span.bad { " clashes with " (v.clashes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")) }
                                    }
                                }
                            }
                        }
                    }
                    @for t in &attributions {
                        @if !t.entries.is_empty() {
                            h4 { "Who blamed whom" }
                            ol {
                                @for e in &t.entries {
                                    li class=(if e.standing == "active" { "" } else { "faded" }) {
                                        span.time { (e.time.as_ref().map(|x| x.readable()).unwrap_or_else(|| "undated".into())) }
                                        " "
                                        strong { (e.asserted_by.map(|w| names.name(w).to_string()).unwrap_or_else(|| "unnamed".into())) }
                                        " " (e.stance)
                                        @if let Some(a) = e.actor { " " (names.name(a)) }
                                        " " code { (self.a.ctx.claims[e.claim].id) }
                                        @if e.standing != "active" { " (" (e.standing) ")" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Each source quoted by a shown claim: its record and its archive
    /// text with every quote from it highlighted.
    fn sources_section(&self, archives: &Archives) -> Markup {
        let ctx = &self.a.ctx;
        // Quotes by source: (anchor, quote), in claim order.
        let mut quotes: BTreeMap<&Id, Vec<(String, &str)>> = BTreeMap::new();
        for &i in &self.input.shown {
            let c = &ctx.claims[i];
            for (n, e) in c.evidence.iter().enumerate() {
                quotes
                    .entry(&e.source)
                    .or_default()
                    .push((quote_anchor(&c.id, n), e.quote.as_str()));
            }
        }
        html! {
            @if !quotes.is_empty() {
                section.sources id="sources" {
                    h2 { "Sources" }
                    @for (sid, qs) in &quotes {
                        @let source = ctx.source_index.get(sid.as_str()).map(|i| &ctx.sources[*i]);
                        article.source id=(format!("src-{sid}")) {
                            h3 {
                                (source.map(|s| s.title.as_str()).unwrap_or("(unknown source)"))
                                " " code { (sid) }
                            }
                            dl {
                                @if let Some(s) = source {
                                    dt { "Publisher" } dd { (s.publisher) }
                                    @if let Some(p) = &s.published { dt { "Published" } dd { (p.readable()) } }
                                    @if let Some(u) = &s.url { dt { "URL" } dd { a href=(u) rel="noreferrer noopener" { (u) } } }
                                    @if let Some(h) = &s.sha256 { dt { "Archive sha256" } dd { code.hash { (h) } } }
                                }
                            }
                            @match archives.get(*sid) {
                                Some(text) => (archive_text(text, qs)),
                                None => {
                                    p.missing { "No archived text: its quotes cannot be shown in context." }
                                    @for (anchor, q) in qs {
                                        p id=(anchor) { mark { (normalize(q)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn lines(s: &str) -> Markup {
    html! {
        @for (i, l) in s.lines().enumerate() {
            @if i > 0 { br; }
            (l)
        }
    }
}

fn row_class(f: &Figure, i: usize, acc: &Account) -> String {
    let mut c = vec![acc.standing.as_str()];
    if f.clashes(i) {
        c.push("clash");
    }
    c.join(" ")
}

/// The archive text as paragraphs, each quote marked and anchored. A quote
/// not found in the text is listed after it, so its link still lands.
fn archive_text(text: &str, quotes: &[(String, &str)]) -> Markup {
    let paras = paragraphs(text);
    // The paragraphs joined by single spaces, as quotes are matched.
    let mut joined = String::new();
    let mut bounds = Vec::new();
    for p in &paras {
        if !joined.is_empty() {
            joined.push(' ');
        }
        let start = joined.len();
        joined.push_str(p);
        bounds.push((start, joined.len()));
    }
    let mut ranges: Vec<(usize, usize, String)> = Vec::new();
    let mut missing = Vec::new();
    for (anchor, q) in quotes {
        match find_at_boundaries(&joined, &normalize(q)) {
            Some(r) => ranges.push((r.start, r.end, anchor.clone())),
            None => missing.push((anchor.clone(), *q)),
        }
    }
    ranges.sort();
    // Overlapping quotes become one highlighted stretch with several anchors.
    let mut marks: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (s, e, id) in ranges {
        match marks.last_mut() {
            Some(last) if s < last.1 => {
                last.1 = last.1.max(e);
                last.2.push(id);
            }
            _ => marks.push((s, e, vec![id])),
        }
    }
    html! {
        div.archive {
            @for (ps, pe) in &bounds {
                p dir="auto" { (paragraph(&joined, *ps, *pe, &marks)) }
            }
        }
        @if !missing.is_empty() {
            div.missing {
                p { "Not found in the archived text (see `factcheck check`):" }
                @for (anchor, q) in &missing {
                    p id=(anchor) { mark.notfound { (normalize(q)) } }
                }
            }
        }
    }
}

/// One paragraph `[ps, pe)` of `joined`, with the marks that fall in it.
fn paragraph(joined: &str, ps: usize, pe: usize, marks: &[(usize, usize, Vec<String>)]) -> Markup {
    let mut pieces: Vec<(bool, &str, Vec<&str>)> = Vec::new();
    let mut at = ps;
    for (s, e, ids) in marks {
        if *e <= ps || *s >= pe {
            continue;
        }
        let (s2, e2) = ((*s).max(ps), (*e).min(pe));
        if s2 > at {
            pieces.push((false, &joined[at..s2], vec![]));
        }
        // Anchors go on the piece where the quote starts.
        let ids: Vec<&str> = if *s >= ps {
            ids.iter().map(String::as_str).collect()
        } else {
            vec![]
        };
        pieces.push((true, &joined[s2..e2], ids));
        at = e2;
    }
    if at < pe {
        pieces.push((false, &joined[at..pe], vec![]));
    }
    html! {
        @for (marked, text, ids) in &pieces {
            @if *marked {
                @if let Some(first) = ids.first() {
                    mark id=(first) {
                        @for extra in ids.iter().skip(1) { span id=(extra) {} }
                        (text)
                    }
                } @else {
                    mark { (text) }
                }
            } @else {
                (text)
            }
        }
    }
}

/// Chart geometry (SVG user units).
const WIDTH: f64 = 720.0;
const LABEL: f64 = 250.0;
const ROW: f64 = 22.0;
const TOP: f64 = 20.0;
const AXIS: f64 = 26.0;

/// A "nice" tick step for an axis up to `max`.
fn tick_step(max: f64) -> f64 {
    let raw = (max / 5.0).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

/// The range chart of one figure: a bar per account, the consensus band
/// and the best estimate.
fn chart(r: &Report<'_>, f: &Figure) -> Markup {
    let names = r.names();
    let top_value = f
        .accounts
        .iter()
        .map(|a| a.interval.max.unwrap_or(a.interval.min).max(a.interval.min))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let step = tick_step(top_value * 1.1);
    let axis_max = ((top_value * 1.1) / step).ceil() * step;
    let plot = WIDTH - LABEL - 20.0;
    let x = |v: f64| LABEL + (v / axis_max).min(1.0) * plot;
    let rows = f.accounts.len() as f64;
    let height = TOP + rows * ROW + AXIS;
    let bottom = TOP + rows * ROW;
    let ticks: Vec<f64> = (0..)
        .map(|i| i as f64 * step)
        .take_while(|t| *t <= axis_max + 0.5)
        .collect();
    let label = |a: &Account| {
        let who: Vec<String> = r.a.ctx.info[a.claim]
            .origins
            .iter()
            .map(|o| origin_label(names, o))
            .collect();
        let who = if who.is_empty() {
            "no evidence".to_string()
        } else {
            who.join("; ")
        };
        format!("{}: {}", who, a.label())
    };
    let description = format!(
        "Range chart of {}: {} account(s){}{}",
        f.name(),
        f.accounts.len(),
        f.consensus
            .map(|c| format!(", consensus {c}"))
            .unwrap_or_default(),
        f.best
            .as_ref()
            .map(|b| format!(", best estimate {}", b.interval))
            .unwrap_or_default()
    );
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-label=(description) {
            title { (description) }
            @for t in &ticks {
                line.grid x1=(x(*t)) x2=(x(*t)) y1=(TOP) y2=(bottom) {}
                text.tick x=(x(*t)) y=(bottom + 16.0) text-anchor="middle" { (group_digits(*t as u64)) }
            }
            @if let Some(c) = f.consensus.filter(|_| f.status != FigureStatus::SingleAccount) {
                rect.consensus x=(x(c.min as f64)) y=(TOP) width=((x(c.max.map_or(axis_max, |m| m as f64)) - x(c.min as f64)).max(2.0)) height=(rows * ROW) {
                    title { "consensus " (c) }
                }
            }
            @if let Some(b) = &f.best {
                @let bx0 = x(b.interval.min as f64);
                @let bx1 = x(b.interval.max.map_or(axis_max, |m| m as f64));
                g.best {
                    title { "best estimate " (b.interval) " (" (b.basis.as_str()) ")" }
                    rect x=(bx0 - 1.0) y=(TOP) width=((bx1 - bx0).max(0.0) + 2.0) height=(rows * ROW) {}
                    text x=((bx0 + bx1) / 2.0) y=(TOP - 6.0) text-anchor="middle" class="best-label" { "best " (b.interval) }
                }
            }
            @for (i, a) in f.accounts.iter().enumerate() {
                @let y = TOP + i as f64 * ROW;
                @let x0 = x(a.interval.min as f64);
                @let x1 = a.interval.max.map(|m| x(m as f64));
                g class=(format!("bar {}", row_class(f, i, a))) data-claim=(a.id) {
                    title { (label(a)) " — " (a.interval) " (" (a.standing.as_str()) ")" }
                    text.label x=(LABEL - 6.0) y=(y + ROW * 0.68) text-anchor="end" { (short(&label(a), 40)) }
                    @match x1 {
                        // An exact count is a dot; a range a bar.
                        Some(x1) if x1 - x0 < 3.0 => {
                            circle cx=((x0 + x1) / 2.0) cy=(y + ROW / 2.0) r="5" {}
                        }
                        Some(x1) => {
                            rect x=(x0) y=(y + 5.0) width=(x1 - x0) height=(ROW - 10.0) rx="2" {}
                        }
                        None => {
                            rect x=(x0) y=(y + 5.0) width=((WIDTH - 14.0 - x0).max(3.0)) height=(ROW - 10.0) {}
                            polygon.open points=(format!("{},{} {},{} {},{}", WIDTH - 14.0, y + 2.0, WIDTH - 4.0, y + ROW / 2.0, WIDTH - 14.0, y + ROW - 2.0)) {}
                        }
                    }
                }
            }
            line.axis x1=(LABEL) x2=(WIDTH - 4.0) y1=(bottom) y2=(bottom) {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(tick_step(27.5), 10.0);
        assert_eq!(tick_step(4.0), 1.0);
        assert_eq!(tick_step(2750.0), 1000.0);
        assert_eq!(tick_step(1100.0), 500.0);
    }

    #[test]
    fn quotes_are_marked_across_paragraphs_and_overlaps() {
        let text = "First para has four killed.\n\nSecond para, <script>alert(1)</script> here.";
        let out = archive_text(
            text,
            &[
                ("q-a-0".into(), "four killed. Second"),
                ("q-b-0".into(), "killed"),
                ("q-c-0".into(), "not in the text"),
            ],
        )
        .into_string();
        assert!(
            out.contains("<mark id=\"q-a-0\"><span id=\"q-b-0\"></span>"),
            "{out}"
        );
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(!out.contains("<script>"), "{out}");
        assert!(
            out.contains("<mark>Second</mark>"),
            "the rest of the quote in the next paragraph: {out}"
        );
        assert!(out.contains("id=\"q-c-0\""), "{out}");
    }
}
