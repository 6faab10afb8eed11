//! Tables: comfy-table for the terminal, GitHub-flavoured Markdown otherwise.

use super::Style;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};

/// Words longer than this may still be broken to fit a narrow terminal.
const MAX_UNBROKEN: usize = 28;

/// A table as rows of plain cells plus an optional colour per cell.
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<(String, Option<Color>)>>,
}

impl Grid {
    pub fn new(header: &[&str]) -> Grid {
        Grid {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<(String, Option<Color>)>) {
        self.rows.push(cells);
    }

    pub fn text(&self, style: Style) -> String {
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        t.set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(w) = style.width {
            t.set_width(w);
        }
        if style.color {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        t.set_header(self.header.iter().map(Cell::new).collect::<Vec<_>>());
        // Never break an id or a name in the middle when the table is squeezed:
        // each column is at least as wide as its longest word (up to a cap).
        let longest_word = |col: usize| {
            self.rows
                .iter()
                .filter_map(|r| r.get(col))
                .flat_map(|(s, _)| s.split_whitespace())
                .map(|w| w.chars().count())
                .chain(self.header.get(col).map(|h| h.chars().count().min(12)))
                .max()
                .unwrap_or(0)
                .min(MAX_UNBROKEN) as u16
        };
        let constraints: Vec<ColumnConstraint> = (0..self.header.len())
            .map(|c| ColumnConstraint::LowerBoundary(Width::Fixed(longest_word(c) + 2)))
            .collect();
        t.set_constraints(constraints);
        for r in &self.rows {
            t.add_row(
                r.iter()
                    .map(|(s, c)| match (c, style.color) {
                        (Some(c), true) => Cell::new(s).fg(*c),
                        _ => Cell::new(s),
                    })
                    .collect::<Vec<_>>(),
            );
        }
        let mut s = t.to_string();
        s.push('\n');
        s
    }

    pub fn markdown(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "| {} |\n",
            self.header
                .iter()
                .map(|h| md_cell(h))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        s.push_str(&format!("|{}\n", "---|".repeat(self.header.len())));
        for r in &self.rows {
            s.push_str(&format!(
                "| {} |\n",
                r.iter()
                    .map(|(c, _)| md_cell(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        s
    }
}

/// Escapes text for a Markdown table cell: `|`, `<`, `>`, backticks, and
/// line breaks become `<br>`.
pub fn md_cell(s: &str) -> String {
    md_escape(s).replace('\n', "<br>")
}

/// Escapes text for Markdown outside tables as well.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '`' => out.push_str("\\`"),
            '*' => out.push_str("\\*"),
            '_' => out.push_str("\\_"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(
            md_cell("a|b <script> `x`\nnext"),
            "a\\|b &lt;script&gt; \\`x\\`<br>next"
        );
    }
}
