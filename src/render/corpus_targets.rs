//! The corpus's `targets.csv` / `targets.jsonl` rows: every key figure of
//! every work report, with its jurisdiction, province and level.

use crate::corpus::CorpusReport;
use serde::Serialize;

/// A row of the targets table: one key figure of one report.
#[derive(Serialize)]
pub(crate) struct TargetRow<'a> {
    jurisdiction: &'a str,
    province: Option<String>,
    level: &'a str,
    year: i32,
    indicator: &'a str,
    indicator_key: &'a str,
    kind: &'a str,
    horizon: &'a str,
    end_year: Option<i32>,
    low: f64,
    high: f64,
    unit: &'a str,
    qualifier: &'a str,
    value: &'a str,
    sentence: &'a str,
}

/// The columns of `targets.csv`, in order.
pub(crate) const COLUMNS: &[&str] = &[
    "jurisdiction",
    "province",
    "level",
    "year",
    "indicator",
    "indicator_key",
    "kind",
    "horizon",
    "end_year",
    "low",
    "high",
    "unit",
    "qualifier",
    "value",
    "sentence",
];

/// Every key figure of every work report, by jurisdiction, year, then the
/// series' indicator order.
pub(crate) fn rows(r: &CorpusReport) -> Vec<TargetRow<'_>> {
    r.jurisdictions
        .iter()
        .filter(|j| j.kind == crate::read::meta::Kind::WorkReport)
        .flat_map(|j| {
            let province = crate::compare::reuse::places::province_of(&j.name);
            j.key_figures.iter().map(move |f| TargetRow {
                jurisdiction: &j.name,
                province: province.clone(),
                level: j.level,
                year: f.year,
                indicator: &f.indicator,
                indicator_key: &f.indicator_key,
                kind: &f.kind,
                horizon: &f.horizon,
                end_year: f.end_year,
                low: f.low,
                high: f.high,
                unit: &f.unit,
                qualifier: &f.qualifier,
                value: &f.value,
                sentence: &f.sentence,
            })
        })
        .collect()
}
