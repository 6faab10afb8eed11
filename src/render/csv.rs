//! CSV (RFC 4180, one header row): one row per item. A cell from untrusted
//! text that starts with `=`, `+`, `-`, `@`, tab or carriage return is
//! prefixed with `'`, as OWASP recommends, so that no spreadsheet runs it
//! as a formula. Numbers the tool computes are left as they are.

use crate::analysis::{Analysis, Standing};
use crate::render::quote::around_count;

/// Builds one CSV document.
pub struct Writer {
    w: csv::Writer<Vec<u8>>,
}

/// The OWASP defence against formula injection.
pub fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

impl Writer {
    pub fn new(header: &[&str]) -> Writer {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let _ = w.write_record(header);
        Writer { w }
    }

    /// A row of text cells, each defused.
    pub fn row(&mut self, cells: &[String]) {
        let cells: Vec<String> = cells.iter().map(|c| defuse(c)).collect();
        let _ = self.w.write_record(&cells);
    }

    /// A row whose cells are ours (numbers, ids, statuses): written as is.
    pub fn row_raw(&mut self, cells: &[String]) {
        let _ = self.w.write_record(cells);
    }

    pub fn finish(self) -> String {
        let bytes = self.w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// `report --format csv`: one row per account of the figures shown.
pub fn report(a: &Analysis<'_>, figures: &[usize]) -> String {
    let mut w = Writer::new(&[
        "event",
        "category",
        "group",
        "figure_status",
        "claim",
        "wording",
        "min",
        "max",
        "best",
        "standing",
        "origins",
        "sources",
        "time",
        "quote",
    ]);
    for &fi in figures {
        let f = &a.figures[fi];
        for acc in &f.accounts {
            let opt = |x: Option<u64>| x.map(|v| v.to_string()).unwrap_or_default();
            let ours = [
                f.event.clone(),
                f.category.clone(),
                f.group.clone(),
                f.status.as_str().to_string(),
                acc.id.to_string(),
            ];
            let wording = acc.wording.clone().unwrap_or_default();
            let theirs = [
                defuse(&wording),
                acc.interval.min.to_string(),
                opt(acc.interval.max),
                opt(acc.best),
                match acc.standing {
                    Standing::Active => "active".into(),
                    s => s.as_str().to_string(),
                },
                defuse(&a.ctx.origin_labels(acc.claim).join("; ")),
                acc.sources
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                acc.key
                    .time
                    .as_ref()
                    .map(|t| t.to_utc_string())
                    .unwrap_or_default(),
                defuse(
                    &acc.quote
                        .as_deref()
                        .map(|q| around_count(q, acc.wording.as_deref(), usize::MAX))
                        .unwrap_or_default(),
                ),
            ];
            let mut cells: Vec<String> = ours.to_vec();
            cells.extend(theirs);
            w.row_raw(&cells);
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_quoting_is_rfc4180() {
        let mut w = Writer::new(&["a", "b"]);
        w.row(&[
            "=HYPERLINK(\"http://x\")".into(),
            "line\nbreak, \"quoted\"".into(),
        ]);
        w.row(&["-2+3".into(), "@SUM(A1)".into()]);
        let out = w.finish();
        assert_eq!(
            out,
            "a,b\r\n\"'=HYPERLINK(\"\"http://x\"\")\",\"line\nbreak, \"\"quoted\"\"\"\r\n'-2+3,'@SUM(A1)\r\n"
        );
    }
}
