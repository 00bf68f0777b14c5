//! Terminal, Markdown, CSV and JSON output of `series --figures`: the key
//! annual targets per year beside the next year's results. Terminal and
//! Markdown lay years out as rows and indicators as columns (a year reads
//! across like a report's main-targets passage); CSV and JSON are long tables,
//! one row per indicator and year, for a spreadsheet or DuckDB.

use super::layout::{pad, width};
use super::outline::md_escape;
use super::tables::csv_of;
use super::to_json;
use crate::compare::figures::{OutcomeStatus, TargetCell, TargetsTable};
use colored::Colorize;
use serde::Serialize;

/// Indicator columns shown in the terminal; the rest are counted below it.
const TERMINAL_COLUMNS: usize = 5;

/// Widest column in the terminal (display columns); longer names are cut with `…`.
const MAX_COLUMN: usize = 20;

impl super::Render for TargetsTable {
    type View = super::Plain;
    fn terminal(&self, _view: &super::Plain) -> Option<String> {
        Some(terminal(self))
    }
    fn json(&self, _view: &super::Plain) -> Option<String> {
        Some(to_json(self))
    }
    fn markdown(&self, _view: &super::Plain) -> Option<String> {
        Some(markdown(self))
    }
    fn html(&self, _view: &super::Plain) -> Option<String> {
        Some(super::html::targets(self))
    }
    fn csv(&self, _view: &super::Plain) -> Option<String> {
        Some(csv(self))
    }
}

/// `✓` met, `✗` missed, nothing when absent.
fn mark(status: OutcomeStatus) -> &'static str {
    match status {
        OutcomeStatus::Met => "✓",
        OutcomeStatus::Missed => "✗",
        OutcomeStatus::Absent => "",
    }
}

/// A cell as text: `8%左右 → 9.9% ✓`; `→ 9.9%` for a result without a target.
pub(crate) fn cell_text(c: &TargetCell) -> String {
    let target = c.target.as_ref().map_or("", |t| t.value.as_str());
    match &c.result {
        Some(r) if c.target.is_some() => format!("{target} → {} {}", r.value, mark(c.status))
            .trim_end()
            .to_string(),
        Some(r) => format!("→ {}", r.value),
        None => target.to_string(),
    }
}

/// Years that have a target or a result in some of `rows`.
fn years_with<'a>(t: &'a TargetsTable, rows: &[&crate::compare::figures::TargetRow]) -> Vec<(usize, &'a str)> {
    t.years
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            rows.iter()
                .any(|r| r.cells[*i].target.is_some() || r.cells[*i].result.is_some())
        })
        .map(|(i, y)| (i, y.as_str()))
        .collect()
}

/// `s` cut to `w` display columns, with `…` when cut.
fn cut(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + width(&c.to_string()) + 1 > w {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Met and missed counts of a row.
fn tally(r: &crate::compare::figures::TargetRow) -> (usize, usize) {
    let n = |s| r.cells.iter().filter(|c| c.status == s).count();
    (n(OutcomeStatus::Met), n(OutcomeStatus::Missed))
}

/// Terminal: years as rows, the indicators stated in most years as columns.
pub fn terminal(t: &TargetsTable) -> String {
    let mut out = format!(
        "{} · key annual targets beside the next year's result (✓ met, ✗ missed)\n",
        t.jurisdiction.as_deref().unwrap_or("series")
    );
    if t.indicators.is_empty() {
        out.push_str("no key annual target found\n");
        return out;
    }
    let rows: Vec<_> = t.indicators.iter().take(TERMINAL_COLUMNS).collect();
    let years = years_with(t, &rows);
    let widths: Vec<usize> = rows
        .iter()
        .map(|r| {
            let cells = years.iter().map(|(i, _)| width(&cell_text(&r.cells[*i])));
            cells.max().unwrap_or(0).max(width(&r.indicator).min(MAX_COLUMN))
        })
        .collect();
    let header: Vec<String> = rows
        .iter()
        .zip(&widths)
        .map(|(r, w)| pad(&cut(&r.indicator, *w), *w))
        .collect();
    out.push_str(&format!("{}\n", format!("year  {}", header.join("  ")).bold()));
    for (i, y) in &years {
        let cells: Vec<String> = rows
            .iter()
            .zip(&widths)
            .map(|(r, w)| {
                let c = &r.cells[*i];
                let text = pad(&cell_text(c), *w);
                match c.status {
                    OutcomeStatus::Met => text.green().to_string(),
                    OutcomeStatus::Missed => text.red().to_string(),
                    OutcomeStatus::Absent => text,
                }
            })
            .collect();
        out.push_str(&format!("{}  {}\n", pad(y, 4), cells.join("  ").trim_end()));
    }
    out.push('\n');
    for r in &rows {
        let (met, missed) = tally(r);
        out.push_str(&format!(
            "  {}: target in {} of {} reports, {met} met, {missed} missed\n",
            r.indicator,
            r.stated(),
            t.years.len()
        ));
    }
    if t.indicators.len() > rows.len() {
        out.push_str(&format!(
            "  {} more indicators with a target (every one in --format markdown, csv or json)\n",
            t.indicators.len() - rows.len()
        ));
    }
    out
}

/// Markdown: one row per year, one column per indicator.
pub fn markdown(t: &TargetsTable) -> String {
    let mut out = format!(
        "# Key targets{}\n\nEach annual target beside the result the next year's report gives: ✓ met, ✗ missed; no mark when there is no target or no result.\n\n",
        t.jurisdiction.as_deref().map(|j| format!(" · {}", md_escape(j))).unwrap_or_default()
    );
    if t.indicators.is_empty() {
        out.push_str("No key annual target found.\n");
        return out;
    }
    let rows: Vec<_> = t.indicators.iter().collect();
    out.push_str("| year |");
    for r in &rows {
        out.push_str(&format!(" {} |", md_escape(&r.indicator)));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(rows.len()));
    out.push('\n');
    for (i, y) in years_with(t, &rows) {
        out.push_str(&format!("| {y} |"));
        for r in &rows {
            out.push_str(&format!(" {} |", md_escape(&cell_text(&r.cells[i]))));
        }
        out.push('\n');
    }
    out
}

/// A row of the CSV: one indicator in one year.
#[derive(Serialize)]
struct CsvRow<'a> {
    indicator: &'a str,
    year: &'a str,
    target: Option<&'a str>,
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<&'a str>,
    qualifier: Option<&'a str>,
    result: Option<&'a str>,
    result_low: Option<f64>,
    result_high: Option<f64>,
    reported: Option<&'a str>,
    status: &'static str,
    sentence: Option<&'a str>,
    result_sentence: Option<&'a str>,
}

/// The CSV header, in column order.
const CSV_HEADER: &[&str] = &[
    "indicator",
    "year",
    "target",
    "low",
    "high",
    "unit",
    "qualifier",
    "result",
    "result_low",
    "result_high",
    "reported",
    "status",
    "sentence",
    "result_sentence",
];

/// CSV: one row per indicator and year with a target or a result.
pub fn csv(t: &TargetsTable) -> String {
    let rows: Vec<CsvRow> = t
        .indicators
        .iter()
        .flat_map(|r| {
            r.cells
                .iter()
                .filter(|c| c.target.is_some() || c.result.is_some())
                .map(|c| CsvRow {
                    indicator: &r.indicator,
                    year: &c.year,
                    target: c.target.as_ref().map(|v| v.value.as_str()),
                    low: c.target.as_ref().map(|v| v.low),
                    high: c.target.as_ref().map(|v| v.high),
                    unit: c.target.as_ref().map(|v| v.unit.as_str()),
                    qualifier: c.target.as_ref().map(|v| v.qualifier.as_str()),
                    result: c.result.as_ref().map(|v| v.value.as_str()),
                    result_low: c.result.as_ref().map(|v| v.low),
                    result_high: c.result.as_ref().map(|v| v.high),
                    reported: c.reported.as_deref(),
                    status: c.status.as_str(),
                    sentence: c.target.as_ref().map(|v| v.sentence.as_str()),
                    result_sentence: c.result.as_ref().map(|v| v.sentence.as_str()),
                })
        })
        .collect();
    csv_of(&rows, CSV_HEADER)
}
