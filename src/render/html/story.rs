//! What the series page opens with: the key figures by year (targets and
//! results, newest year first, each value with a bar scaled within its column)
//! and the formulations that rose and fell at each step, newest step first.
//! Both read the series result as it is; nothing is recomputed.

use crate::compare::figures::{FigureKind, FigureTimeline};
use crate::compare::report::DiffReport;
use crate::compare::series::SeriesReport;

/// Indicators shown as columns: a phone shows four narrow columns.
const FIGURE_COLUMNS: usize = 4;

/// Formulations listed per side of a step in the opening list.
const STORY_FORMULATIONS: usize = 8;

/// The key-figure table: one column per indicator, one row per year.
pub(super) struct FigureTable {
    pub(super) columns: Vec<FigureColumn>,
    pub(super) rows: Vec<FigureYear>,
}

/// An indicator of the table.
pub(super) struct FigureColumn {
    pub(super) indicator: String,
    /// `目标` or `实绩`.
    pub(super) kind: &'static str,
}

/// The values of one year.
pub(super) struct FigureYear {
    pub(super) year: String,
    pub(super) cells: Vec<Option<FigureCell>>,
}

/// One value as the report writes it, with the bar width (percent of the
/// column's largest value of the same unit; 0 when the unit differs).
pub(super) struct FigureCell {
    pub(super) value: String,
    pub(super) bar: u32,
    /// The sentence it was read from (shown on hover).
    pub(super) sentence: String,
}

/// The formulations that came and went in one step.
pub(super) struct StoryStep {
    pub(super) id: String,
    pub(super) old_year: String,
    pub(super) new_year: String,
    pub(super) rose: Vec<String>,
    pub(super) fell: Vec<String>,
    /// More than listed, per side.
    pub(super) more_rose: usize,
    pub(super) more_fell: usize,
}

/// Chinese label of a figure kind.
pub(super) fn figure_kind_label(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Target => "目标",
        FigureKind::Result => "实绩",
    }
}

/// The key-figure table of a series, `None` when no indicator is stated in
/// two reports or more. Columns: the indicators stated in most reports
/// (targets first, the order of [`SeriesReport::figures`]).
pub(super) fn figure_table(report: &SeriesReport) -> Option<FigureTable> {
    let chosen: Vec<&FigureTimeline> = report
        .figures
        .iter()
        .filter(|t| t.values.len() >= 2)
        .take(FIGURE_COLUMNS)
        .collect();
    if chosen.is_empty() {
        return None;
    }
    // Label of each report, as the series keys its figures: the year, or `#n`.
    let labels: Vec<String> = report
        .reports
        .iter()
        .enumerate()
        .map(|(i, m)| m.year.map_or_else(|| format!("#{}", i + 1), |y| y.to_string()))
        .collect();
    let scale: Vec<(String, f64)> = chosen
        .iter()
        .map(|t| {
            let unit = labels
                .iter()
                .rev()
                .find_map(|l| t.values.get(l))
                .map(|v| v.unit.clone())
                .unwrap_or_default();
            let max = t
                .values
                .values()
                .filter(|v| v.unit == unit)
                .map(|v| v.high.abs())
                .fold(0.0, f64::max);
            (unit, max)
        })
        .collect();
    let rows = labels
        .iter()
        .rev()
        .filter(|l| chosen.iter().any(|t| t.values.contains_key(*l)))
        .map(|l| FigureYear {
            year: l.clone(),
            cells: chosen
                .iter()
                .zip(&scale)
                .map(|(t, (unit, max))| {
                    t.values.get(l).map(|v| FigureCell {
                        value: v.value.clone(),
                        bar: if &v.unit == unit && *max > 0.0 {
                            (v.high.abs() / max * 100.0).round().clamp(0.0, 100.0) as u32
                        } else {
                            0
                        },
                        sentence: v.sentence.clone(),
                    })
                })
                .collect(),
        })
        .collect();
    Some(FigureTable {
        columns: chosen
            .iter()
            .map(|t| FigureColumn {
                indicator: t.indicator.clone(),
                kind: figure_kind_label(t.kind),
            })
            .collect(),
        rows,
    })
}

/// The formulations each step brought and dropped (its brief), newest step
/// first; steps where none came or went are left out.
pub(super) fn story_steps(diffs: &[DiffReport]) -> Vec<StoryStep> {
    diffs
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, d)| !d.brief.new_formulations.is_empty() || !d.brief.dropped_formulations.is_empty())
        .map(|(k, d)| {
            let texts = |v: &[crate::compare::report::brief::Formulation]| -> Vec<String> {
                v.iter().take(STORY_FORMULATIONS).map(|f| f.text.clone()).collect()
            };
            let (new, dropped) = (&d.brief.new_formulations, &d.brief.dropped_formulations);
            StoryStep {
                id: format!("step-{k}"),
                old_year: crate::render::year_text(d.old.year, "?"),
                new_year: crate::render::year_text(d.new.year, "?"),
                rose: texts(new),
                fell: texts(dropped),
                more_rose: new.len().saturating_sub(STORY_FORMULATIONS),
                more_fell: dropped.len().saturating_sub(STORY_FORMULATIONS),
            }
        })
        .collect()
}
/// The first [`BRIEF_CONTEXTS`](crate::render::layout::BRIEF_CONTEXTS)
/// formulations of a brief list that have a context: (phrase, the sentence
/// around it, cut as in the terminal).
pub(super) fn brief_contexts(list: &[&crate::compare::report::brief::Formulation]) -> Vec<(String, String)> {
    use crate::render::layout::{snippet, BRIEF_CONTEXTS};
    list.iter()
        .take(BRIEF_CONTEXTS)
        .filter_map(|p| Some((p.text.clone(), snippet(p.context.as_ref()?, &p.text))))
        .collect()
}

/// One side's image links in words: `3 张图片（其中表格 2 张）`.
fn images_zh(images: &[crate::compare::report::images::ImageRef]) -> String {
    let tables = images.iter().filter(|i| i.table).count();
    match (images.len(), tables) {
        (0, _) => "无图片".to_string(),
        (n, 0) => format!("{n} 张图片"),
        (n, t) => format!("{n} 张图片（其中表格 {t} 张）"),
    }
}

/// The brief's line on the image links of both sides (not compared); empty without any.
pub(super) fn images_line(report: &crate::compare::report::DiffReport) -> String {
    if report.images.old.is_empty() && report.images.new.is_empty() {
        return String::new();
    }
    format!(
        "旧报告{}，新报告{}：图片不是文字，未作比较。",
        images_zh(&report.images.old),
        images_zh(&report.images.new)
    )
}

/// The changed table rows of a diff for the page: label, change in Chinese,
/// and the cells (`1957年计划数：13,834万头 → 14,200万头；…`).
pub(super) fn table_rows(report: &crate::compare::report::DiffReport) -> Vec<(String, &'static str, String)> {
    report
        .table_rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|c| match r.status {
                    "new" => format!("{}：{}", c.column, c.new),
                    "dropped" => format!("{}：{}", c.column, c.old),
                    _ => format!("{}：{} → {}", c.column, c.old, c.new),
                })
                .collect();
            let status = match r.status {
                "new" => "新增",
                "dropped" => "删除",
                _ => "修改",
            };
            (r.label.clone(), status, cells.join("；"))
        })
        .collect()
}
