//! The changed rows of the tables both reports hold (`DiffReport::table_rows`),
//! after the sections: each row with its cells old → new under the column names.

use super::outline::md_escape;
use crate::compare::report::table_rows::RowChange;
use crate::compare::report::DiffReport;
use colored::Colorize;

fn cells_line(r: &RowChange) -> String {
    r.cells
        .iter()
        .map(|c| match r.status {
            "new" => format!("{} {}", c.column, c.new),
            "dropped" => format!("{} {}", c.column, c.old),
            _ => format!("{} {} → {}", c.column, c.old, c.new),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The table rows in the terminal; empty when no row changed.
pub fn terminal(r: &DiffReport) -> String {
    if r.table_rows.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", "table rows".bold());
    for row in &r.table_rows {
        out.push_str(&format!("  {:<8} {}  {}\n", row.status, row.label, cells_line(row)));
    }
    out
}

/// The table rows in Markdown: one line per cell that differs.
pub fn markdown(r: &DiffReport) -> String {
    if r.table_rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n## Table rows\n\n| row | status | column | old | new |\n|---|---|---|---|---|\n");
    for row in &r.table_rows {
        for c in &row.cells {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                md_escape(&row.label),
                row.status,
                md_escape(&c.column),
                md_escape(&c.old),
                md_escape(&c.new)
            ));
        }
    }
    out
}
