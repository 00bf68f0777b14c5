//! Table rows compared as rows: the tables of the two reports paired by their
//! header, their rows by label, and each changed row listed with its cells
//! old → new under the column names (the hunks show the same rows in place).

use crate::read::document::Report;
use crate::read::table::{Row, Table};
use serde::Serialize;
use std::collections::BTreeMap;

/// One cell that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellChange {
    /// The column's name (the header cell; `#3` past the header).
    pub column: String,
    /// In OLD, as written (empty when the row has no such cell).
    pub old: String,
    /// In NEW, as written.
    pub new: String,
}

/// A row of a paired table that changed, or that only one side has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowChange {
    /// The row's label as written in NEW (OLD for a dropped row).
    pub label: String,
    /// `changed`, `new` or `dropped`.
    pub status: &'static str,
    /// The cells that differ (every cell of a new or dropped row).
    pub cells: Vec<CellChange>,
    /// Char offset of the row in the NEW file (OLD for a dropped row).
    pub char_start: usize,
}

/// Share of header cells two tables must have in common to be the same table.
const MIN_HEADER_OVERLAP: f64 = 0.5;

/// A cell compared: whitespace and footnote marks do not count.
fn key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn overlap(a: &Table, b: &Table) -> f64 {
    let set = |t: &Table| -> Vec<String> { t.header.cells.iter().map(|c| key(&c.text)).collect() };
    let (x, y) = (set(a), set(b));
    let common = x.iter().filter(|c| y.contains(c)).count();
    common as f64 / x.len().max(y.len()).max(1) as f64
}

/// Rows by label; an empty label continues the label above; a label repeated
/// (`国营` under several groups) is told apart by its occurrence (`国营#2`).
fn rows_by_label(t: &Table) -> BTreeMap<String, (usize, &Row)> {
    let mut out = BTreeMap::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut label = String::new();
    for (i, r) in t.rows.iter().enumerate() {
        if let Some(first) = r.cells.first().filter(|c| !c.text.is_empty()) {
            label = key(&first.text);
        }
        let n = seen.entry(label.clone()).or_insert(0);
        *n += 1;
        let name = if *n == 1 { label.clone() } else { format!("{label}#{n}") };
        out.insert(name, (i, r));
    }
    out
}

fn column(t: &Table, k: usize) -> String {
    t.header
        .cells
        .get(k)
        .map(|c| c.text.clone())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| format!("#{}", k + 1))
}

fn cell(r: &Row, k: usize) -> String {
    r.cells.get(k).map_or_else(String::new, |c| c.text.clone())
}

fn label_of(r: &Row, name: &str) -> String {
    r.cells
        .first()
        .map(|c| c.text.clone())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| name.to_string())
}

fn one_sided(t: &Table, r: &Row, name: &str, status: &'static str) -> RowChange {
    let cells = (1..r.cells.len())
        .map(|k| {
            let (old, new) = if status == "new" {
                (String::new(), cell(r, k))
            } else {
                (cell(r, k), String::new())
            };
            CellChange {
                column: column(t, k),
                old,
                new,
            }
        })
        .collect();
    RowChange {
        label: label_of(r, name),
        status,
        cells,
        char_start: r.chars.start,
    }
}

/// The changed, new and dropped rows of the tables both reports hold, in NEW order.
pub fn table_rows(old: &Report, new: &Report) -> Vec<RowChange> {
    changed_rows(&old.tables, &new.tables)
}

fn changed_rows(old: &[Table], new: &[Table]) -> Vec<RowChange> {
    let mut used = vec![false; old.len()];
    let mut out = Vec::new();
    for b in new {
        let best = old
            .iter()
            .enumerate()
            .filter(|(i, a)| !used[*i] && overlap(a, b) >= MIN_HEADER_OVERLAP)
            .max_by(|x, y| overlap(x.1, b).total_cmp(&overlap(y.1, b)).then(y.0.cmp(&x.0)));
        let Some((i, a)) = best else { continue };
        used[i] = true;
        let (rows_a, rows_b) = (rows_by_label(a), rows_by_label(b));
        let mut changes: Vec<(usize, RowChange)> = Vec::new();
        for (name, &(j, rb)) in &rows_b {
            let Some(&(_, ra)) = rows_a.get(name) else {
                changes.push((j, one_sided(b, rb, name, "new")));
                continue;
            };
            let cells: Vec<CellChange> = (1..ra.cells.len().max(rb.cells.len()))
                .filter(|&k| key(&cell(ra, k)) != key(&cell(rb, k)))
                .map(|k| CellChange {
                    column: column(b, k),
                    old: cell(ra, k),
                    new: cell(rb, k),
                })
                .collect();
            if !cells.is_empty() {
                changes.push((
                    j,
                    RowChange {
                        label: label_of(rb, name),
                        status: "changed",
                        cells,
                        char_start: rb.chars.start,
                    },
                ));
            }
        }
        for (name, &(j, ra)) in &rows_a {
            if !rows_b.contains_key(name) {
                changes.push((j, one_sided(a, ra, name, "dropped")));
            }
        }
        changes.sort_by_key(|c| c.0);
        out.extend(changes.into_iter().map(|c| c.1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::table::tables;

    #[test]
    fn rows_paired_by_label_in_tables_paired_by_header() {
        let old = tables(
            "| 种类 | 1952年数 | 1957年计划数 |\n|---|---|---|\n| 马 | 613万匹 | 834万匹 |\n| 猪 | 8,977万头 | 13,834万头 |\n| 驴 | 1,181万头 | 1,395万头 |\n\n\
             | 类别 | 人数 |\n|---|---|\n| 国 营 | 1 |\n| 其 中： | |\n| 国 营 | 2 |\n",
        );
        let new = tables(
            "| 类别 | 人数 |\n|---|---|\n| 国营 | 1 |\n| 其 中： | |\n| 国营 | 3 |\n\n\
             | 种类 | 1952年数 | 1957年计划数 |\n|---|---|---|\n| 猪 | 8,977万头 | 14,200万头 |\n| 马 | 613万匹 | 834万匹 |\n| 兔 | — | 50万只 |\n",
        );
        type Cells = Vec<(String, String, String)>;
        let got: Vec<(String, &str, Cells)> = changed_rows(&old, &new)
            .into_iter()
            .map(|r| {
                let cells = r.cells.into_iter().map(|c| (c.column, c.old, c.new)).collect();
                (r.label, r.status, cells)
            })
            .collect();
        let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            got,
            [
                // The second 国营 (under 其中) changed; the first, spaced differently, did not.
                ("国营".to_string(), "changed", vec![s("人数", "2", "3")]),
                (
                    "猪".to_string(),
                    "changed",
                    vec![s("1957年计划数", "13,834万头", "14,200万头")]
                ),
                (
                    "兔".to_string(),
                    "new",
                    vec![s("1952年数", "", "—"), s("1957年计划数", "", "50万只")]
                ),
                (
                    "驴".to_string(),
                    "dropped",
                    vec![s("1952年数", "1,181万头", ""), s("1957年计划数", "1,395万头", "")]
                ),
            ]
        );
        // Tables with other headers are not paired.
        let other = tables("| 重点事项 | 牵头单位 |\n|---|---|\n| 猪 | 市农业局 |\n");
        assert!(changed_rows(&old, &other).is_empty());
    }
}
