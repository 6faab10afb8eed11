//! Tables: box-drawn for the terminal, GitHub-flavoured Markdown
//! otherwise. The text layout is computed here so that no line is wider
//! than the width asked for: cells wrap at spaces, then after hyphens (long
//! ids like `us-strikes-killed-25`), and only then inside a word.
//!
//! The borders are comfy-table's `UTF8_FULL_CONDENSED` look, drawn here
//! directly: with the layout already computed, going through comfy-table
//! made the text report three times slower to render than the JSON one
//! (measured on 100,000 claims), and the text report must not be slower.

use super::Style;
use unicode_width::UnicodeWidthStr;

/// The colours cells are painted in (256-colour ANSI codes, as terminals
/// show comfy-table's named colours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Red,
    Green,
    Yellow,
    DarkGrey,
}

impl Color {
    fn code(self) -> u8 {
        match self {
            Color::DarkGrey => 8,
            Color::Red => 9,
            Color::Green => 10,
            Color::Yellow => 11,
        }
    }
}

/// A table as rows of plain cells plus an optional colour per cell.
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<(String, Option<Color>)>>,
}

/// Display width of a string in terminal columns.
pub fn width(s: &str) -> usize {
    // Printable ASCII is one column a byte; only other text needs the tables.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    UnicodeWidthStr::width(s)
}

/// Wraps text to `w` columns: at spaces; a word wider than `w` breaks after
/// a hyphen, and only then anywhere.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in para.split(' ').filter(|x| !x.is_empty()) {
            let mut place = |piece: &str, joined: bool| {
                let pw = width(piece);
                let need = if line.is_empty() {
                    pw
                } else {
                    line_width + 1 + pw
                };
                if need > w && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                // Pieces of one word continue it without a space.
                if !line.is_empty() && !joined {
                    line.push(' ');
                    line_width += 1;
                }
                line.push_str(piece);
                line_width += pw;
            };
            if width(word) <= w {
                place(word, false);
                continue;
            }
            for piece in split_word(word, w) {
                let joined = piece.starts_with('\u{0}');
                place(piece.trim_start_matches('\u{0}'), joined);
            }
        }
        out.push(line);
    }
    out
}

/// A word as pieces that each fit `w`: broken after hyphens, then by width.
/// Pieces after the first start with a NUL marker: they join without a space.
fn split_word(word: &str, w: usize) -> Vec<String> {
    if width(word) <= w {
        return vec![word.to_string()];
    }
    let mut parts: Vec<String> = Vec::new();
    let mut cur = String::new();
    for seg in word.split_inclusive('-') {
        if !cur.is_empty() && width(&cur) + width(seg) > w {
            parts.push(std::mem::take(&mut cur));
        }
        cur.push_str(seg);
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    let mut out = Vec::new();
    for p in parts {
        let mut chunk = String::new();
        for c in p.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if !chunk.is_empty() && width(&chunk) + cw > w {
                out.push(std::mem::take(&mut chunk));
            }
            chunk.push(c);
        }
        if !chunk.is_empty() {
            out.push(chunk);
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(i, p)| if i == 0 { p } else { format!("\u{0}{p}") })
        .collect()
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

    /// A row of plain cells.
    pub fn plain(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.into_iter().map(|c| (c, None)).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Column widths that fit `total` columns of terminal.
    fn widths(&self, total: usize) -> Vec<usize> {
        let n = self.header.len();
        let natural: Vec<usize> = (0..n)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .flat_map(|(s, _)| s.split('\n'))
                    .chain(std::iter::once(self.header[c].as_str()))
                    .map(width)
                    .max()
                    .unwrap_or(1)
                    .max(1)
            })
            .collect();
        // "│ a ┆ b │": one border, two spaces and a separator per column.
        let budget = total.saturating_sub(3 * n + 1).max(n);
        if natural.iter().sum::<usize>() <= budget {
            return natural;
        }
        // Every column keeps a floor: its longest word (an id, a name), up
        // to 24 columns, and its header's longest word; the rest is shared
        // by how much more each would take.
        let floor: Vec<usize> = (0..n)
            .map(|c| {
                let head = self.header[c].split(' ').map(width).max().unwrap_or(1);
                let word = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .flat_map(|(s, _)| s.split([' ', '\n']))
                    .map(width)
                    .max()
                    .unwrap_or(1);
                natural[c].min(head.clamp(4, 12).max(word.min(24)))
            })
            .collect();
        let floor_sum: usize = floor.iter().sum();
        // Too many long words for the width: fall back to header floors.
        let floor: Vec<usize> = if floor_sum > budget {
            (0..n)
                .map(|c| {
                    let head = self.header[c].split(' ').map(width).max().unwrap_or(1);
                    natural[c].min(head.clamp(4, 12))
                })
                .collect()
        } else {
            floor
        };
        let floor_sum: usize = floor.iter().sum();
        if floor_sum >= budget {
            return floor
                .iter()
                .map(|f| (*f).max(1).min(budget / n + 1))
                .collect();
        }
        let spare = budget - floor_sum;
        let want: Vec<usize> = (0..n).map(|c| natural[c] - floor[c]).collect();
        let want_sum: usize = want.iter().sum::<usize>().max(1);
        let mut w: Vec<usize> = (0..n)
            .map(|c| floor[c] + want[c] * spare / want_sum)
            .collect();
        // Rounding leaves a few columns over: give them to the widest wants.
        let mut left = budget.saturating_sub(w.iter().sum());
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|c| std::cmp::Reverse(natural[*c] - w[*c].min(natural[*c])));
        for c in order.into_iter().cycle().take(n * 4) {
            if left == 0 {
                break;
            }
            if w[c] < natural[c] {
                w[c] += 1;
                left -= 1;
            }
        }
        w
    }

    pub fn text(&self, style: Style) -> String {
        let widths = self.widths(style.width as usize);
        let mut out = String::with_capacity(
            (self.rows.len() + 4) * (widths.iter().sum::<usize>() + 3 * widths.len() + 2) * 2,
        );
        border(&mut out, ['┌', '─', '┬', '┐'], &widths);
        let header: Vec<(String, Option<Color>)> =
            self.header.iter().map(|h| (h.clone(), None)).collect();
        row_lines(&mut out, &header, &widths, false);
        border(&mut out, ['╞', '═', '╪', '╡'], &widths);
        for r in &self.rows {
            row_lines(&mut out, r, &widths, style.color);
        }
        border(&mut out, ['└', '─', '┴', '┘'], &widths);
        out
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

/// A horizontal border: left corner, line, junction, right corner.
fn border(out: &mut String, [left, line, cross, right]: [char; 4], widths: &[usize]) {
    out.push(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            out.push(cross);
        }
        for _ in 0..w + 2 {
            out.push(line);
        }
    }
    out.push(right);
    out.push('\n');
}

/// One table row: its cells wrapped to their widths, side by side.
fn row_lines(out: &mut String, cells: &[(String, Option<Color>)], widths: &[usize], color: bool) {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|((s, _), w)| wrap(s, *w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    for k in 0..height {
        out.push('│');
        for (c, w) in widths.iter().enumerate() {
            if c > 0 {
                out.push('┆');
            }
            let text = wrapped
                .get(c)
                .and_then(|l| l.get(k))
                .map(String::as_str)
                .unwrap_or("");
            let paint = cells.get(c).and_then(|(_, col)| *col).filter(|_| color);
            if let Some(col) = paint {
                out.push_str(&format!("\x1b[38;5;{}m", col.code()));
            }
            out.push(' ');
            out.push_str(text);
            for _ in width(text)..*w {
                out.push(' ');
            }
            out.push(' ');
            if paint.is_some() {
                out.push_str("\x1b[39m");
            }
        }
        out.push('│');
        out.push('\n');
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
            '&' => out.push_str("&amp;"),
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

/// A Markdown link to `url` with escaped `text`; plain text when the URL
/// is not http(s) (a `javascript:` link must not become clickable).
pub fn md_link(text: &str, url: Option<&str>) -> String {
    match url {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => format!(
            "[{}](<{}>)",
            md_escape(text),
            u.replace(['<', '>', '\n', '\r', ' '], "")
        ),
        _ => md_escape(text),
    }
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
        assert_eq!(md_link("x", Some("javascript:alert(1)")), "x");
        assert_eq!(
            md_link("a]b", Some("https://e.org/a b")),
            "[a\\]b](<https://e.org/ab>)"
        );
    }

    #[test]
    fn wrapping_breaks_ids_after_hyphens() {
        assert_eq!(
            wrap("us-strikes-killed-25-people", 12),
            vec!["us-strikes-", "killed-25-", "people"]
        );
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("x\n\ny", 5), vec!["x", "", "y"]);
    }

    #[test]
    fn tables_fit_the_width() {
        let mut g = Grid::new(&["Claim", "Kind", "Event", "Summary", "Statuses"]);
        g.plain(vec![
            "a-very-long-claim-identifier-that-goes-on-and-on".into(),
            "casualty".into(),
            "baghdad-embassy-2019-12-31-and-more".into(),
            "us-personnel injured: four U.S. military members and then some".into(),
            "single-origin, conflicting, contested, denied".into(),
        ]);
        for w in [80u16, 100, 120] {
            let out = g.text(Style {
                color: false,
                width: w,
            });
            for line in out.lines() {
                assert!(
                    width(line) <= w as usize,
                    "{w}: {line:?} is {}",
                    width(line)
                );
            }
        }
    }
}
