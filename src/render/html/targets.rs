//! The `series --figures` page: per key indicator, a chart of each year's
//! target (a band from low to high) beside the result the next year's report
//! gives (a dot: met, missed or without a target), then the values as a table.
//! Inline SVG drawn by the template; no script.

use super::story::figure_kind_label;
use super::*;
use crate::compare::figures::{FigureKind, OutcomeStatus, Stated, TargetCell, TargetRow, TargetsTable};

/// Chart geometry (SVG user units): column per year, plot height, margins.
const STEP: f64 = 26.0;
const PLOT: f64 = 110.0;
const TOP: f64 = 14.0;
const LEFT: f64 = 8.0;
const BOTTOM: f64 = 18.0;

/// The `series --figures` page.
pub fn targets(table: &TargetsTable) -> String {
    TargetsPage::new(table)
        .render()
        .unwrap_or_else(|e| format!("<!-- render error: {e} -->\n"))
}

/// A target band or result dot, in SVG units.
struct Mark {
    y: f64,
    /// Height of a target band (at least 2 units, so a single value shows).
    h: f64,
    /// `5%左右`, in the report's characters.
    label: String,
    sentence: String,
}

/// One year of a chart.
struct Point {
    year: String,
    /// Year labels are shown every few columns so they do not overlap.
    show_year: bool,
    x: f64,
    target: Option<Mark>,
    result: Option<Mark>,
    reported: String,
    /// `met`, `missed` or `absent`.
    status: &'static str,
    /// `达成`, `未达成` or empty.
    status_zh: &'static str,
}

/// One indicator's chart and table.
struct Chart {
    id: String,
    indicator: String,
    kind: &'static str,
    unit: String,
    width: f64,
    height: f64,
    baseline: f64,
    met: usize,
    missed: usize,
    stated: usize,
    /// Values in another unit than the chart's, left out of the drawing.
    off_scale: usize,
    points: Vec<Point>,
}

#[derive(Template)]
#[template(path = "targets.html", whitespace = "minimize")]
struct TargetsPage {
    csp: &'static str,
    heading: String,
    years: usize,
    /// Indicators with a target in two reports or more.
    charts: Vec<Chart>,
    /// Indicators with a target in one report: a table, no chart.
    once: Vec<Chart>,
}

impl TargetsPage {
    fn new(table: &TargetsTable) -> TargetsPage {
        let mut page = TargetsPage {
            csp: CSP,
            heading: table.jurisdiction.clone().unwrap_or_else(|| "报告系列".to_string()),
            years: table.years.len(),
            charts: Vec::new(),
            once: Vec::new(),
        };
        for (i, r) in table.indicators.iter().enumerate() {
            let c = chart(i, r);
            if c.stated >= 2 {
                page.charts.push(c);
            } else {
                page.once.push(c);
            }
        }
        page
    }
}

/// The unit most targets of the row use (the latest on a tie).
fn main_unit(row: &TargetRow) -> String {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, t) in row
        .cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.target.as_ref().map(|t| (i, t)))
    {
        let e = counts.entry(t.unit.as_str()).or_default();
        e.0 += 1;
        e.1 = i;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(u, _)| u.to_string())
        .unwrap_or_default()
}

fn chart(index: usize, row: &TargetRow) -> Chart {
    let unit = main_unit(row);
    let on_scale = |s: &&Stated| s.unit == unit;
    let values: Vec<f64> = row
        .cells
        .iter()
        .flat_map(|c| c.target.iter().chain(c.result.iter()))
        .filter(on_scale)
        .flat_map(|s| [s.low, s.high])
        .collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let min = values.iter().copied().fold(0.0, f64::min);
    let span = if max > min { max - min } else { 1.0 };
    let y = |v: f64| TOP + (max - v) / span * PLOT;
    // The years from the first to the last stating a target or a result.
    let stated = |c: &&TargetCell| c.target.is_some() || c.result.is_some();
    let first = row.cells.iter().position(|c| stated(&c)).unwrap_or(0);
    let last = row.cells.iter().rposition(|c| stated(&c)).unwrap_or(0);
    let cells = row.cells.get(first..=last).unwrap_or(&[]);
    let every = cells.len().div_ceil(16).max(1);
    let mut off_scale = 0;
    let mut mark = |s: Option<&Stated>| -> Option<Mark> {
        let s = s?;
        if s.unit != unit {
            off_scale += 1;
            return None;
        }
        let (top, bottom) = (y(s.high), y(s.low));
        Some(Mark {
            y: top - 1.0,
            h: (bottom - top).max(0.0) + 2.0,
            label: s.value.clone(),
            sentence: s.sentence.clone(),
        })
    };
    let points: Vec<Point> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| Point {
            year: c.year.clone(),
            show_year: i % every == 0,
            x: LEFT + i as f64 * STEP + STEP / 2.0,
            target: mark(c.target.as_ref()),
            result: mark(c.result.as_ref()),
            reported: c.reported.clone().unwrap_or_default(),
            status: c.status.as_str(),
            status_zh: match c.status {
                OutcomeStatus::Met => "达成",
                OutcomeStatus::Missed => "未达成",
                OutcomeStatus::Absent => "",
            },
        })
        .collect();
    let n = |s: OutcomeStatus| row.cells.iter().filter(|c| c.status == s).count();
    Chart {
        id: format!("ind-{index}"),
        indicator: row.indicator.clone(),
        kind: figure_kind_label(FigureKind::Target),
        unit,
        width: LEFT * 2.0 + cells.len() as f64 * STEP,
        height: TOP + PLOT + BOTTOM,
        baseline: y(min.max(0.0).min(max)),
        met: n(OutcomeStatus::Met),
        missed: n(OutcomeStatus::Missed),
        stated: row.stated(),
        off_scale,
        points,
    }
}
