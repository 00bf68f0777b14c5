//! Tables in the text: Markdown pipe tables (`| a | b |`, with or without the
//! `|---|` rule) and rows aligned by tabs or by runs of spaces. A table is a
//! block of a header row and rows; its rows stay lines of their own through
//! normalization (a row is a unit of the diff, not a fragment to join) and
//! rows with a label and numbers become key figures (`compare/figures/rows.rs`).
//!
//! Offsets are char offsets of the text given: the file's, since Markdown
//! markup is hidden char for char.

use crate::read::markdown::HIDDEN;
use std::ops::Range;

/// How the cells of a table are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableStyle {
    /// `| a | b |`.
    Pipe,
    /// Cells separated by tabs.
    Tabs,
    /// Cells separated by runs of two or more spaces (or ideographic spaces).
    Spaces,
}

/// One cell: its text as written (trimmed, hidden markup left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text.
    pub text: String,
    /// Char offset of its first char.
    pub char_start: usize,
}

/// One line of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Char range of the line (line break excluded).
    pub chars: Range<usize>,
    /// Its cells, in order (a ragged row has fewer or more than the header).
    pub cells: Vec<Cell>,
}

/// A table: header row, the `|---|` rule if any, and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// How its cells are separated.
    pub style: TableStyle,
    /// The line before the table, when short (`其分配如下列（单位――万人）：`), as written.
    pub lead: Option<String>,
    /// The first row (column names).
    pub header: Row,
    /// Char range of the `|---|` rule line, if any.
    pub rule: Option<Range<usize>>,
    /// The rows after the header.
    pub rows: Vec<Row>,
}

impl Table {
    /// Char range of the whole table.
    pub fn chars(&self) -> Range<usize> {
        self.header.chars.start..self.rows.last().map_or(self.header.chars.end, |r| r.chars.end)
    }
}

/// A line of a table, as normalization sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLine {
    /// Char range of the line.
    pub chars: Range<usize>,
    /// The `|---|` rule: no text, dropped.
    pub rule: bool,
}

/// Every line of `tables` (header, rule, rows), in order.
pub fn table_lines(tables: &[Table]) -> Vec<TableLine> {
    let mut out = Vec::new();
    for t in tables {
        out.push(TableLine {
            chars: t.header.chars.clone(),
            rule: false,
        });
        if let Some(rule) = &t.rule {
            out.push(TableLine {
                chars: rule.clone(),
                rule: true,
            });
        }
        out.extend(t.rows.iter().map(|r| TableLine {
            chars: r.chars.clone(),
            rule: false,
        }));
    }
    out
}

/// Whether the line starting at char `first` is a table line: `Some(true)` for
/// a rule, `Some(false)` for a row (`lines` in order).
pub fn role(lines: &[TableLine], first: Option<usize>) -> Option<bool> {
    let o = first?;
    let k = lines.partition_point(|t| t.chars.end <= o);
    lines.get(k).filter(|t| t.chars.start <= o).map(|t| t.rule)
}

/// A lead line longer than this (chars) is prose, not kept as the table's lead.
const MAX_LEAD_CHARS: usize = 120;

/// A cell of a tab- or space-aligned row longer than this (chars) is prose.
const MAX_ALIGNED_CELL_CHARS: usize = 40;

/// The tables of `text`, in order.
pub fn tables(text: &str) -> Vec<Table> {
    let lines = lines_of(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match table_at(&lines, i) {
            Some((table, next)) => {
                out.push(table);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// One line of the text: its char offset and its chars (only for lines that
/// may be table lines; others are kept empty, marked `blank` or not).
struct Line<'t> {
    text: &'t str,
    start: usize,
    len: usize,
    chars: Vec<char>,
    blank: bool,
}

fn lines_of(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split('\n') {
        let raw_len = raw.chars().count();
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let len = line.chars().count();
        let blank = line.chars().all(|c| c.is_whitespace() || c == HIDDEN);
        let candidate = !blank && (line.contains(['|', '\t']) || line.contains("  ") || line.contains('\u{3000}'));
        // Very long lines are paragraphs (a one-line report), never rows.
        let chars = if candidate && len <= MAX_ROW_CHARS {
            line.chars().collect()
        } else {
            Vec::new()
        };
        out.push(Line {
            text: line,
            start,
            len,
            chars,
            blank,
        });
        start += raw_len + 1;
    }
    out
}

/// A line longer than this (chars) is a paragraph, never a row.
const MAX_ROW_CHARS: usize = 2_000;

/// Index of the first char of a line's content: indentation, hidden markup,
/// quote marks and a list bullet (`- `, `* `, `+ `, `1. `) skipped.
fn content_start(chars: &[char]) -> usize {
    let skip_space = |mut k: usize| {
        while k < chars.len() && (matches!(chars[k], ' ' | '\t' | '\u{3000}' | '>') || chars[k] == HIDDEN) {
            k += 1;
        }
        k
    };
    let mut k = skip_space(0);
    if matches!(chars.get(k), Some('-' | '*' | '+')) && chars.get(k + 1) == Some(&' ') {
        k = skip_space(k + 1);
    } else {
        let digits = chars[k..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && matches!(chars.get(k + digits), Some('.' | ')')) && chars.get(k + digits + 1) == Some(&' ') {
            k = skip_space(k + digits + 1);
        }
    }
    k
}

/// The cells of `chars[from..]` split at `|` (a leading and a trailing pipe
/// open and close the row, they separate nothing).
fn pipe_cells(chars: &[char], from: usize, line_start: usize) -> Vec<Cell> {
    let mut end = chars.len();
    while end > from && (chars[end - 1].is_whitespace() || chars[end - 1] == HIDDEN) {
        end -= 1;
    }
    let mut bounds: Vec<usize> = (from..end)
        .filter(|&k| chars[k] == '|' && (k == 0 || chars[k - 1] != '\\'))
        .collect();
    let mut start = from;
    if bounds.first() == Some(&from) {
        start = from + 1;
        bounds.remove(0);
    }
    if end > start && bounds.last() == Some(&(end - 1)) {
        end -= 1;
        bounds.pop();
    }
    let mut cells = Vec::new();
    let mut s = start;
    for b in bounds.into_iter().chain([end]) {
        cells.push(cell(chars, s, b, line_start));
        s = b + 1;
    }
    cells
}

fn cell(chars: &[char], from: usize, to: usize, line_start: usize) -> Cell {
    let mut s = from;
    while s < to && (chars[s].is_whitespace() || chars[s] == HIDDEN) {
        s += 1;
    }
    let text: String = chars[s..to.max(s)].iter().filter(|&&c| c != HIDDEN).collect();
    Cell {
        text: text.trim_end().to_string(),
        char_start: line_start + s,
    }
}

/// A pipe line: content opening with `|`, or holding one (then only with a rule after it).
fn is_pipe_line(line: &Line) -> Option<(bool, usize)> {
    let from = content_start(&line.chars);
    let n = line.chars[from..].iter().filter(|&&c| c == '|').count();
    (n > 0).then(|| (line.chars.get(from) == Some(&'|'), from))
}

/// The `|---|:--:|` rule under a pipe table's header.
fn is_rule(line: &Line) -> bool {
    let from = content_start(&line.chars);
    let body: String = line.chars[from..]
        .iter()
        .filter(|c| !c.is_whitespace() && **c != HIDDEN)
        .collect();
    body.contains('|')
        && body.contains("---")
        && body
            .split('|')
            .all(|c| c.is_empty() || (c.trim_matches(':').chars().all(|c| c == '-') && c.contains('-')))
}

/// Cells separated by tabs (`Tabs`) or runs of 2+ spaces / ideographic spaces (`Spaces`).
fn aligned_cells(line: &Line, style: TableStyle) -> Vec<Cell> {
    let chars = &line.chars;
    let from = content_start(chars);
    let mut cells = Vec::new();
    let mut s = from;
    let mut k = from;
    while k < chars.len() {
        let run = chars[k..]
            .iter()
            .take_while(|&&c| matches!(c, ' ' | '\t' | '\u{3000}'))
            .count();
        let separates = match style {
            TableStyle::Tabs => chars[k..k + run].contains(&'\t'),
            _ => run >= 2,
        };
        if run > 0 && separates {
            cells.push(cell(chars, s, k, line.start));
            s = k + run;
        }
        k += run.max(1);
    }
    cells.push(cell(chars, s, chars.len(), line.start));
    cells.retain(|c| !c.text.is_empty());
    cells
}

/// A row of an aligned table: two or more short cells, none ending a sentence.
fn aligned_row(line: &Line, style: TableStyle) -> Option<Vec<Cell>> {
    if line.chars.is_empty() {
        return None;
    }
    let cells = aligned_cells(line, style);
    let short = cells
        .iter()
        .all(|c| c.text.chars().count() <= MAX_ALIGNED_CELL_CHARS && !c.text.ends_with(['。', '；', ';', '，', ',']));
    (cells.len() >= 2 && short).then_some(cells)
}

/// The table starting at line `i`, and the index of the line after it.
fn table_at(lines: &[Line], i: usize) -> Option<(Table, usize)> {
    let line = &lines[i];
    if line.chars.is_empty() {
        return None;
    }
    let row = |l: &Line, cells| Row {
        chars: l.start..l.start + l.len,
        cells,
    };
    let lead = lead_of(lines, i);
    if let Some((leading, from)) = is_pipe_line(line) {
        let ruled = lines.get(i + 1).is_some_and(|l| !l.chars.is_empty() && is_rule(l));
        let header = row(line, pipe_cells(&line.chars, from, line.start));
        let mut k = if ruled { i + 2 } else { i + 1 };
        let mut rows = Vec::new();
        while let Some(l) = lines.get(k).filter(|l| !l.chars.is_empty()) {
            match is_pipe_line(l) {
                Some((lead_pipe, from)) if lead_pipe || ruled => rows.push(row(l, pipe_cells(&l.chars, from, l.start))),
                _ => break,
            }
            k += 1;
        }
        // Without the rule: two or more lines opening with a pipe, two cells or more.
        let enough = ruled || (leading && !rows.is_empty() && header.cells.len() >= 2);
        return enough.then(|| {
            let table = Table {
                style: TableStyle::Pipe,
                lead,
                header,
                rule: ruled.then(|| lines[i + 1].start..lines[i + 1].start + lines[i + 1].len),
                rows,
            };
            (table, k)
        });
    }
    let style = if line.chars.contains(&'\t') {
        TableStyle::Tabs
    } else {
        TableStyle::Spaces
    };
    let header = aligned_row(line, style)?;
    let mut rows = Vec::new();
    let mut k = i + 1;
    while let Some(cells) = lines.get(k).and_then(|l| aligned_row(l, style)) {
        rows.push(row(&lines[k], cells));
        k += 1;
    }
    // Aligned rows need company: two lines, and two of them with the same number of cells.
    let widths: Vec<usize> = std::iter::once(header.len())
        .chain(rows.iter().map(|r| r.cells.len()))
        .collect();
    let repeated = widths.iter().enumerate().any(|(a, w)| widths[a + 1..].contains(w));
    (!rows.is_empty() && repeated).then(|| {
        let table = Table {
            style,
            lead,
            header: row(line, header),
            rule: None,
            rows,
        };
        (table, k)
    })
}

/// The non-blank line just before line `i` (one blank line between allowed),
/// when short and not itself a table line, as written.
fn lead_of(lines: &[Line], i: usize) -> Option<String> {
    let before = lines[..i].iter().rev().take(2).find(|l| !l.blank)?;
    let text: String = before.text.chars().filter(|&c| c != HIDDEN).collect();
    let text = text.trim();
    (text.chars().count() <= MAX_LEAD_CHARS).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(r: &Row) -> Vec<&str> {
        r.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn pipe_table_with_rule() {
        let t =
            "正文。\n| 指标 | 2020年 | 2025年 |\n| --- | :---: | ---: |\n| 粮食产量 | 6.5亿吨 | 6.5亿吨以上 |\n\n后文";
        let found = super::tables(t);
        assert_eq!(found.len(), 1);
        let table = &found[0];
        assert_eq!(table.style, TableStyle::Pipe);
        assert_eq!(texts(&table.header), ["指标", "2020年", "2025年"]);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(texts(&table.rows[0]), ["粮食产量", "6.5亿吨", "6.5亿吨以上"]);
        // Offsets are char offsets of the text.
        let c = &table.rows[0].cells[1];
        assert_eq!(t.chars().skip(c.char_start).take(5).collect::<String>(), "6.5亿吨");
        assert!(table.rule.is_some());
        assert_eq!(table.chars().end, t.chars().count() - "\n\n后文".chars().count());
    }

    #[test]
    fn pipe_table_without_rule_and_ragged_rows() {
        // The 1953 plan: a continuation row with an empty label, a ragged row of five cells.
        let t = "| 内燃机 | 1,528台 | 10,630台 | 696 |\n|  | 2.76万马力 | 26.02万马力 | 942 |\n| 民用船舶 | 84艘 | 1,347艘 | 1,604 | 9 |\n";
        let found = super::tables(t);
        assert_eq!(found.len(), 1);
        assert!(found[0].rule.is_none());
        assert_eq!(texts(&found[0].rows[0]), ["", "2.76万马力", "26.02万马力", "942"]);
        assert_eq!(found[0].rows[1].cells.len(), 5);
        // One pipe line alone, or a pipe inside prose, is no table.
        assert!(tables("| 单独一行 | 没有表 |\n正文。").is_empty());
        assert!(tables("甲|乙两地\n丙|丁两地").is_empty());
    }

    #[test]
    fn tab_and_space_aligned_rows() {
        let t = "主要指标\n指标\t2020年\t2025年\n地区生产总值\t100亿元\t150亿元\n研发投入强度\t2%\t\t2.5%\n\n正文";
        let found = super::tables(t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].style, TableStyle::Tabs);
        assert_eq!(found[0].lead.as_deref(), Some("主要指标"));
        assert_eq!(texts(&found[0].rows[1]), ["研发投入强度", "2%", "2.5%"]);
        let t = "　　指标　　　　2020年　　2025年\n　　粮食产量  6.5亿吨    6.5亿吨以上\n　　耕地保有量  18.65亿亩  18.65亿亩\n";
        let found = super::tables(t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].style, TableStyle::Spaces);
        assert_eq!(texts(&found[0].header), ["指标", "2020年", "2025年"]);
        assert_eq!(texts(&found[0].rows[1]), ["耕地保有量", "18.65亿亩", "18.65亿亩"]);
    }

    #[test]
    fn lines_with_two_spaces_are_no_table() {
        // A dateline, an indented paragraph, a heading with a wide space: prose.
        assert!(tables("<!-- 2018年01月29日 11:43   来源：朝阳日报 -->\n正文。").is_empty());
        assert!(tables("　　一、工作回顾\n　　过去一年，我们  坚持稳中求进，经济  运行平稳。\n").is_empty());
        assert!(tables("第一章　任务\n第二章　目标\n").is_empty());
        // Two aligned lines of long clauses are prose.
        let prose =
            "我们坚持稳中求进工作总基调，统筹发展和安全  经济运行总体平稳，\n全面深化改革开放  持续增进民生福祉，\n";
        assert!(tables(prose).is_empty());
    }

    #[test]
    fn table_inside_a_list() {
        let t = "- 主要指标如下：\n  | 指标 | 2025年 |\n  |---|---|\n  | 城镇新增就业 | 50万人 |\n- 下一项";
        let found = super::tables(t);
        assert_eq!(found.len(), 1);
        assert_eq!(texts(&found[0].rows[0]), ["城镇新增就业", "50万人"]);
        assert_eq!(found[0].lead.as_deref(), Some("- 主要指标如下："));
        let lines = table_lines(&found);
        assert_eq!(lines.iter().filter(|l| l.rule).count(), 1);
        assert_eq!(lines.len(), 3);
    }
}
