//! `factcheck source recheck`: what changed on the page since it was
//! archived, and what became of each quote linked to it.

use super::table::md_escape;
use super::{Format, json_doc, shorten, skipped_markdown, skipped_text, source_diff};
use crate::capture::recheck::{CountReading, Outcome, QuoteCheck};
use crate::store::workspace::Skipped;
use serde_json::json;

/// What the renderer needs to know about a recheck.
pub struct RecheckView<'a> {
    pub source: &'a str,
    pub url: &'a str,
    pub old_text: Option<&'a str>,
    pub new_text: &'a str,
    pub quotes: &'a [QuoteCheck],
    pub saved: Option<&'a str>,
    /// Claim files that could not be read, so their quotes were not rechecked.
    pub skipped: &'a [Skipped],
}

impl RecheckView<'_> {
    fn changed(&self) -> bool {
        self.old_text != Some(self.new_text)
    }
    fn lost(&self) -> usize {
        self.quotes
            .iter()
            .filter(|q| q.result != Outcome::Unchanged)
            .count()
    }
}

fn reading(c: &CountReading) -> String {
    let range = match c.max {
        Some(m) if m == c.min => m.to_string(),
        Some(m) => format!("{}–{m}", c.min),
        None => format!("{} or more", c.min),
    };
    if c.wording == range {
        range
    } else {
        format!("{} ({range})", c.wording)
    }
}

fn count_line(q: &QuoteCheck) -> Option<String> {
    Some(format!(
        "{} → {}",
        reading(q.count_before.as_ref()?),
        reading(q.count_after.as_ref()?)
    ))
}

pub fn render(v: &RecheckView<'_>, format: Format, color: bool) -> String {
    match format {
        Format::Json => json(v),
        Format::Markdown => markdown(v),
        _ => text(v, color),
    }
}

fn summary(v: &RecheckView<'_>) -> String {
    let n = v.quotes.len();
    match (n, v.lost()) {
        (0, _) => "no claim quotes this source".to_string(),
        (_, 0) => format!("all {n} linked quote(s) still match the page"),
        (_, lost) => format!("{lost} of {n} linked quote(s) no longer match the page"),
    }
}

fn text(v: &RecheckView<'_>, color: bool) -> String {
    let mut out = skipped_text(v.skipped);
    out.push_str(&format!("source {}: fetched {} again\n", v.source, v.url));
    match v.old_text {
        None => out.push_str("  (it had no archived text to compare)\n\n"),
        Some(_) if !v.changed() => out.push_str(&format!(
            "  the text is unchanged since sources/{}.txt\n\n",
            v.source
        )),
        Some(old) => {
            out.push_str(&format!(
                "  the text differs from sources/{}.txt:\n\n",
                v.source
            ));
            out.push_str(&source_diff::text(old, v.new_text, color));
            out.push('\n');
        }
    }
    if !v.quotes.is_empty() {
        out.push_str("linked quotes:\n");
    }
    for q in v.quotes {
        out.push_str(&format!(
            "  {:<9} {} evidence[{}]: \"{}\"\n",
            q.result.as_str(),
            q.claim,
            q.evidence,
            shorten(&q.quote, 100)
        ));
        if q.result != Outcome::Unchanged {
            match &q.closest {
                Some(c) if q.result == Outcome::Changed => {
                    out.push_str(&format!("            now: \"{}\"\n", shorten(c, 100)))
                }
                _ => out.push_str("            no passage of the page resembles it any more\n"),
            }
        }
        if let Some(l) = count_line(q) {
            out.push_str(&format!("            count: {l}\n"));
        }
    }
    out.push_str(&summary(v));
    out.push('\n');
    if let Some(s) = v.saved {
        out.push_str(&format!(
            "saved the new capture as sources/{s}.toml (revises {})\n",
            v.source
        ));
    }
    out
}

fn markdown(v: &RecheckView<'_>) -> String {
    let mut out = skipped_markdown(v.skipped);
    out.push_str(&format!(
        "### Recheck of `{}`\n\nFetched <{}> again. ",
        v.source, v.url
    ));
    out.push_str(match (v.old_text, v.changed()) {
        (None, _) => "It had no archived text to compare.\n\n",
        (_, false) => "The text is unchanged.\n\n",
        (_, true) => "The text differs from the archive:\n\n",
    });
    if let (Some(old), true) = (v.old_text, v.changed()) {
        let md = source_diff::markdown(v.source, "now", old, v.new_text);
        // Drop the diff's own heading.
        out.push_str(md.split_once("\n\n").map_or(md.as_str(), |(_, rest)| rest));
        out.push('\n');
    }
    if !v.quotes.is_empty() {
        out.push_str("| result | claim | quote | now | count |\n|---|---|---|---|---|\n");
        for q in v.quotes {
            out.push_str(&format!(
                "| {} | `{}` evidence[{}] | {} | {} | {} |\n",
                q.result.as_str(),
                q.claim,
                q.evidence,
                md_escape(&shorten(&q.quote, 120)),
                q.closest
                    .as_deref()
                    .filter(|_| q.result == Outcome::Changed)
                    .map(|c| md_escape(&shorten(c, 120)))
                    .unwrap_or_default(),
                count_line(q).map(|l| md_escape(&l)).unwrap_or_default(),
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!("{}.\n", capitalize(&summary(v))));
    if let Some(s) = v.saved {
        out.push_str(&format!(
            "\nSaved the new capture as `{s}` (revises `{}`).\n",
            v.source
        ));
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn json(v: &RecheckView<'_>) -> String {
    let quotes: Vec<_> = v
        .quotes
        .iter()
        .map(|q| {
            json!({
                "claim": q.claim,
                "evidence": q.evidence,
                "quote": q.quote,
                "result": q.result,
                "closest": if q.result == Outcome::Unchanged { None } else { q.closest.as_deref() },
                "count_before": q.count_before,
                "count_after": q.count_after,
            })
        })
        .collect();
    json_doc(
        "source-recheck",
        v.skipped,
        json!({
            "source": v.source,
            "url": v.url,
            "changed": v.changed(),
            "archived": v.old_text.is_some(),
            "quotes": quotes,
            "saved": v.saved,
        }),
    )
}
