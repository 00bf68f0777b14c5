//! Figures from table rows: a row with a label and numbers in columns headed
//! by a year (`指标 | 2020年 | 2025年 | 年均增长 | 属性`) states its indicator's
//! value at that year. The label is the indicator; the latest column of a year
//! before the report's year (or an earlier column of a `from → to` table) is a
//! result, the latest later column a target (over the plan period when its
//! year is not the report's own); a `年均增长` column a plan-period growth; a
//! `属性` column (`约束性`, `预期性`) joins the qualifier. Units come from the
//! cell, else a `单位` column, the label's or header's `（%）`, or the line
//! before the table (`（单位――万人）`).

use super::value::{parse_value, unit_len};
use super::{FigureKind, Horizon};
use crate::read::table::{Cell, Table};
use std::ops::Range;

/// One figure read from a table row; ranges are char offsets of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct RowFigure {
    /// The row's label (plus `年均增长` for a growth column).
    pub indicator: String,
    /// Target or result.
    pub kind: FigureKind,
    /// Annual or over a plan period.
    pub horizon: Horizon,
    /// The column's year, for a target over a plan period.
    pub end_year: Option<i32>,
    /// The cell as written (`6.5亿吨以上`, `1,012.4`).
    pub value: String,
    /// Lower end, magnitude applied.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// The unit, magnitude excluded.
    pub unit: String,
    /// `左右`, `以上`…, and the `属性` (`约束性`, `预期性`) when the table has one.
    pub qualifier: String,
    /// The value cell.
    pub cell: Range<usize>,
    /// The row.
    pub row: Range<usize>,
    /// The table is a table of main indicators or targets (`主要指标`, `目标`).
    pub key: bool,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    /// Values at a year; `Some(kind)` when the header says (`计划`, `实际`).
    Year(i32, Option<FigureKind>),
    /// Average annual growth over the period.
    Growth,
    /// The unit of the row.
    Unit,
    /// `约束性` / `预期性`.
    Attribute,
    Other,
}

/// The one year a header names (`2025年`, `1957年计划产量`); `None` for none or two.
fn header_year(h: &str) -> Option<i32> {
    let b = h.as_bytes();
    let mut years = (0..b.len().saturating_sub(3)).filter(|&i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
            && matches!(&h[i..i + 2], "19" | "20")
    });
    let first = years.next()?;
    if years.next().is_some() {
        return None;
    }
    h[first..first + 4].parse().ok()
}

fn column(h: &str) -> Column {
    if let Some(y) = header_year(h) {
        let kind = if h.contains("计划") || h.contains("目标") {
            Some(FigureKind::Target)
        } else if h.contains("实际") || h.contains("完成") {
            Some(FigureKind::Result)
        } else {
            None
        };
        return Column::Year(y, kind);
    }
    if h.contains("属性") {
        Column::Attribute
    } else if h == "单位" || h == "计量单位" {
        Column::Unit
    } else if h.contains("年均") && h.contains("增") {
        Column::Growth
    } else {
        Column::Other
    }
}

/// `（%）`, `(亿元)` or `单位：万人`/`单位――万人` in `s`: the unit it names.
fn named_unit(s: &str) -> Option<String> {
    if let Some(at) = s.find("单位") {
        let rest = s[at + "单位".len()..].trim_start_matches([':', '：', '―', '—', '-', ' ']);
        let unit: String = rest
            .chars()
            .take_while(|c| !matches!(c, '）' | ')' | '，' | ',' | '。' | '；' | ';'))
            .collect();
        return (!unit.is_empty() && unit_len(&unit) == Some(unit.len())).then_some(unit);
    }
    let open = s.rfind(['（', '('])?;
    let inner = s[open..].trim_start_matches(['（', '(']);
    let inner = &inner[..inner.find(['）', ')'])?];
    // A unit is a unit of the figures' list (`（%）`, `（亿元）`; `（折合百分之百）` is none).
    let unit_like = inner == "%" || unit_len(inner) == Some(inner.len());
    unit_like.then(|| inner.to_string())
}

/// The label without footnote marks (`机床[^11]`), spaces between CJK chars
/// (`工 业`) and a trailing unit in brackets.
fn label_of(cell: &str) -> String {
    let mut s = cell.to_string();
    while let Some(at) = s.find("[^") {
        let Some(end) = s[at..].find(']') else { break };
        s.replace_range(at..at + end + 1, "");
    }
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    s.trim_end_matches(['：', ':']).to_string()
}

/// A last comma followed by one or two digits is a decimal point of the
/// scan (`304,5万吨`, `6,352,8万吨`), never a thousands separator (three digits).
fn decimal_comma(s: &str) -> String {
    let digits_after = |at: usize| s[at + 1..].bytes().take_while(u8::is_ascii_digit).count();
    match s.rfind(',') {
        Some(at) if (1..=2).contains(&digits_after(at)) && s[..at].ends_with(|c: char| c.is_ascii_digit()) => {
            format!("{}.{}", &s[..at], &s[at + 1..])
        }
        _ => s.to_string(),
    }
}

/// A cell read as a number (`1,528台`, `６.５％`, `1,012.4` with the unit given).
fn cell_value(cell: &str, unit: Option<&str>) -> Option<(f64, f64, String, String)> {
    let s = decimal_comma(&label_of(cell));
    let s: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '％' => '%',
            '．' => '.',
            _ => c,
        })
        .filter(|&c| c != ',' && c != '，')
        .collect();
    // `>6.5`, `<5.5` in indicator tables: bounds written as signs.
    let bound = match s.chars().next() {
        Some('>' | '＞' | '≥') => "以上",
        Some('<' | '＜' | '≤') => "以内",
        _ => "",
    };
    let s = if bound.is_empty() {
        s
    } else {
        s.chars().skip(1).filter(|&c| c != '=').collect()
    };
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let bare = s.chars().all(|c| c.is_ascii_digit() || c == '.');
    let text = match unit {
        Some(u) if bare => format!("{s}{u}"),
        _ => s,
    };
    let v = parse_value(&text)?;
    let suffix = if v.suffix.is_empty() { bound } else { v.suffix };
    Some((v.low, v.high, v.unit.to_string(), suffix.to_string()))
}

/// The year columns read: the latest target column (with its year), the
/// latest result column, and the latest year of all.
type YearColumns = (Option<(usize, i32)>, Option<usize>, Option<i32>);

fn year_columns(columns: &[Column], year: Option<i32>) -> YearColumns {
    let years: Vec<(usize, i32, Option<FigureKind>)> = columns
        .iter()
        .enumerate()
        .filter_map(|(k, c)| match *c {
            Column::Year(y, kind) => Some((k, y, kind)),
            _ => None,
        })
        .collect();
    let latest = years.iter().map(|y| y.1).max();
    let kind_of = |y: i32, said: Option<FigureKind>| {
        said.or_else(|| match year {
            Some(r) => Some(if y >= r { FigureKind::Target } else { FigureKind::Result }),
            // Without the report's year, a table from one year to another: the last is the aim.
            None if years.len() >= 2 => Some(if Some(y) == latest {
                FigureKind::Target
            } else {
                FigureKind::Result
            }),
            None => None,
        })
    };
    // Per kind, the latest column: one target and one result per row.
    let pick = |kind: FigureKind| {
        years
            .iter()
            .filter(|&&(_, y, s)| kind_of(y, s) == Some(kind))
            .max_by_key(|c| c.1)
            .map(|&(k, y, _)| (k, y))
    };
    (pick(FigureKind::Target), pick(FigureKind::Result).map(|c| c.0), latest)
}

/// The figures of `table`'s rows; `year` is the report's.
pub fn row_figures(table: &Table, year: Option<i32>) -> Vec<RowFigure> {
    let columns: Vec<Column> = table.header.cells.iter().map(|c| column(&c.text)).collect();
    let (target, result, latest) = year_columns(&columns, year);
    let growth = columns.iter().position(|c| *c == Column::Growth);
    let text = |k: usize| table.header.cells.get(k).map_or("", |c| c.text.as_str());
    let lead_unit = table.lead.as_deref().and_then(named_unit);
    let key = text(0) == "指标"
        || [table.lead.as_deref().unwrap_or(""), text(0)]
            .iter()
            .any(|s| s.contains("主要指标") || s.contains("主要目标"));
    let mut out = Vec::new();
    let mut label = String::new();
    for row in &table.rows {
        let cells: &[Cell] = &row.cells;
        let Some(first) = cells.first() else { continue };
        if !first.text.is_empty() {
            label = label_of(&first.text);
        }
        if label.is_empty() || cell_value(&label, None).is_some() {
            continue;
        }
        let at = |k: usize| cells.get(k).filter(|c| !c.text.is_empty());
        let unit_cell = columns.iter().position(|c| *c == Column::Unit).and_then(at);
        let attribute = columns.iter().position(|c| *c == Column::Attribute).and_then(at);
        let column_unit = |k: usize| {
            unit_cell
                .map(|c| c.text.clone())
                .or_else(|| named_unit(&first.text))
                .or_else(|| named_unit(text(k)))
                .or_else(|| lead_unit.clone())
        };
        let mut push = |k: usize, indicator: String, kind: FigureKind, horizon: Horizon, end_year: Option<i32>| {
            let Some(cell) = at(k) else { return };
            let unit = column_unit(k);
            let Some((low, high, unit, suffix)) = cell_value(&cell.text, unit.as_deref()) else {
                return;
            };
            let qualifier = match attribute {
                Some(a) if suffix.is_empty() => a.text.clone(),
                Some(a) => format!("{suffix} {}", a.text),
                None => suffix,
            };
            out.push(RowFigure {
                indicator,
                kind,
                horizon,
                end_year,
                value: cell.text.clone(),
                low,
                high,
                unit,
                qualifier,
                cell: cell.char_start..cell.char_start + cell.text.chars().count(),
                row: row.chars.clone(),
                key,
            });
        };
        let label = match label.rfind(['（', '(']) {
            Some(at) if label.ends_with(['）', ')']) && named_unit(&label[at..]).is_some() => label[..at].to_string(),
            _ => label.clone(),
        };
        if let Some(k) = result {
            push(k, label.clone(), FigureKind::Result, Horizon::Year, None);
        }
        if let Some((k, y)) = target {
            let horizon = if Some(y) == year { Horizon::Year } else { Horizon::Plan };
            let end = (horizon == Horizon::Plan).then_some(y);
            push(k, label.clone(), FigureKind::Target, horizon, end);
        }
        if let Some(k) = growth {
            let base = label.strip_suffix("增长").unwrap_or(&label);
            push(k, format!("{base}年均增长"), FigureKind::Target, Horizon::Plan, latest);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::table::tables;

    fn figures(text: &str, year: Option<i32>) -> Vec<RowFigure> {
        tables(text).iter().flat_map(|t| row_figures(t, year)).collect()
    }

    #[test]
    fn main_indicators_table_gives_results_targets_and_attributes() {
        let t = "| 指标 | 2020年 | 2025年 | 年均增长 | 属性 |\n|---|---|---|---|---|\n\
                 | 国内生产总值增长（%） | 2.3 | — | 保持在合理区间 | 预期性 |\n\
                 | 城镇调查失业率（%） | 5.2 | <5.5 | — | 预期性 |\n\
                 | 粮食综合生产能力（亿吨） | — | >6.5 | — | 约束性 |\n\
                 | 研发经费投入增长（%） | — | — | >7 | 预期性 |\n\
                 | 常住人口城镇化率 | 60.6% | 65% | — | 预期性 |\n";
        let f = figures(t, Some(2021));
        let got: Vec<(&str, FigureKind, Horizon, &str, f64, &str, &str)> = f
            .iter()
            .map(|f| {
                (
                    f.indicator.as_str(),
                    f.kind,
                    f.horizon,
                    f.value.as_str(),
                    f.low,
                    f.unit.as_str(),
                    f.qualifier.as_str(),
                )
            })
            .collect();
        use FigureKind::*;
        use Horizon::*;
        assert_eq!(
            got,
            [
                ("国内生产总值增长", Result, Year, "2.3", 2.3, "%", "预期性"),
                ("城镇调查失业率", Result, Year, "5.2", 5.2, "%", "预期性"),
                ("城镇调查失业率", Target, Plan, "<5.5", 5.5, "%", "以内 预期性"),
                ("粮食综合生产能力", Target, Plan, ">6.5", 6.5e8, "吨", "以上 约束性"),
                ("研发经费投入年均增长", Target, Plan, ">7", 7.0, "%", "以上 预期性"),
                ("常住人口城镇化率", Result, Year, "60.6%", 60.6, "%", "预期性"),
                ("常住人口城镇化率", Target, Plan, "65%", 65.0, "%", "预期性"),
            ]
        );
        assert!(f.iter().all(|f| f.key));
        assert_eq!(f[6].end_year, Some(2025));
    }

    #[test]
    fn plan_table_with_lead_unit_and_continuation_rows() {
        // The 1953 plan: bare numbers whose unit the lead line names; a
        // continuation row (empty label) is the row above in another unit.
        let t = "其分配如下列（单位――万人）：\n\n| 类别 | 1952年人数 | 五年内增加人数 | 1957年人数 | 1957年为1952年的百分比 |\n\
                 | --- | --- | --- | --- | --- |\n| 总 计 | 1,012.4 | 536.0 | 1,548.4 | 152.9 |\n| 其 中： | | | | |\n";
        let f = figures(t, Some(1955));
        assert_eq!(f.len(), 2);
        assert_eq!(
            (f[0].indicator.as_str(), f[0].kind, f[0].low),
            ("总计", FigureKind::Result, 10_124_000.0)
        );
        assert_eq!(
            (f[1].kind, f[1].horizon, f[1].low, f[1].unit.as_str()),
            (FigureKind::Target, Horizon::Plan, 15_484_000.0, "人")
        );
        assert!(!f[0].key);
        let t = "| 产品名称 | 1952年产量 | 1957年计划产量 |\n| --- | --- | --- |\n| 内燃机 | 1,528台 | 10,630台 |\n|  | 2.76万马力 | 26.02万马力 |\n| 机床[^11] | 16,298吨 | 29,292吨 |\n";
        let f = figures(t, None);
        let names: Vec<(&str, &str)> = f.iter().map(|f| (f.indicator.as_str(), f.value.as_str())).collect();
        assert_eq!(
            names,
            [
                ("内燃机", "1,528台"),
                ("内燃机", "10,630台"),
                ("内燃机", "2.76万马力"),
                ("内燃机", "26.02万马力"),
                ("机床", "16,298吨"),
                ("机床", "29,292吨")
            ]
        );
        assert_eq!(f[1].kind, FigureKind::Target);
    }

    #[test]
    fn tables_without_year_columns_or_numbers_give_no_figures() {
        let t = "| 重点事项 | 牵头单位 | 实际进度 |\n| --- | --- | --- |\n| 一、推进电梯建设 | 市住建局 | 86个梯口建成投入使用。 |\n";
        assert!(figures(t, Some(2022)).is_empty());
        assert_eq!(named_unit("烧碱（折合百分之百）"), None);
        assert_eq!(named_unit("城镇调查失业率（%）").as_deref(), Some("%"));
        assert_eq!(header_year("1957年为1952年的百分比"), None);
        assert_eq!(header_year("2025年"), Some(2025));
        // Commas of the scan that stand for a decimal point; thousands separators stay.
        assert_eq!(cell_value("304,5万吨", None).map(|v| v.0), Some(3_045_000.0));
        assert_eq!(cell_value("6,352,8万吨", None).map(|v| v.0), Some(63_528_000.0));
        assert_eq!(cell_value("11,298.5万吨", None).map(|v| v.0), Some(112_985_000.0));
        assert_eq!(cell_value("44,000吨", None).map(|v| v.0), Some(44_000.0));
    }
}
