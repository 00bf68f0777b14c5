//! `diff --all-figures`: every figure the two reports state, paired — the key
//! set first (unchanged ones included), then the rest (`all_figures` of the
//! JSON) — in the terminal, Markdown and HTML.

use super::layout::figure_values;
use super::outline::md_escape;
use crate::compare::figures::FigureChange;
use crate::compare::report::DiffReport;
use colored::Colorize;

/// One row as shown: status, kind, horizon, indicator, old, new.
pub(crate) struct FigureRow {
    pub(crate) status: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) horizon: &'static str,
    pub(crate) indicator: String,
    pub(crate) old: String,
    pub(crate) new: String,
    /// In the key set.
    pub(crate) key: bool,
}

/// The key set, then the rest, in the diff's order.
pub(crate) fn rows(r: &DiffReport) -> Vec<FigureRow> {
    let row = |f: &FigureChange, key: bool| {
        let (old, new) = figure_values(f);
        FigureRow {
            status: f.status.as_str(),
            kind: f.kind.as_str(),
            horizon: f.horizon.as_str(),
            indicator: f.indicator.clone(),
            old,
            new,
            key,
        }
    };
    r.figures
        .iter()
        .map(|f| row(f, true))
        .chain(r.all_figures.iter().map(|f| row(f, false)))
        .collect()
}

/// The terminal list.
pub fn terminal(r: &DiffReport, color: bool) -> String {
    let rows = rows(r);
    let key = rows.iter().filter(|x| x.key).count();
    let title = format!("all figures ({key} key, {} more)", rows.len() - key);
    let mut out = format!("\n{}\n", if color { title.bold().to_string() } else { title });
    let w = rows
        .iter()
        .map(|x| super::layout::width(&x.indicator))
        .max()
        .unwrap_or(0);
    for x in &rows {
        out.push_str(&format!(
            "  {} {:<9} {:<6} {:<4} {}  {} → {}\n",
            if x.key { "*" } else { " " },
            x.status,
            x.kind,
            x.horizon,
            super::layout::pad(&x.indicator, w),
            x.old,
            x.new
        ));
    }
    out
}

/// The Markdown table.
pub fn markdown(r: &DiffReport) -> String {
    let mut out = String::from(
        "\n## All figures\n\n| key | status | kind | horizon | indicator | old | new |\n|---|---|---|---|---|---|---|\n",
    );
    for x in rows(r) {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            if x.key { "key" } else { "" },
            x.status,
            x.kind,
            x.horizon,
            md_escape(&x.indicator),
            md_escape(&x.old),
            md_escape(&x.new)
        ));
    }
    out
}
