//! The key figures of every report of a jurisdiction, as the corpus exports
//! them (`targets.csv` / `targets.jsonl`): kept with the jurisdiction's
//! cached series, so a cached run exports the same rows.

use crate::compare::figures::FigureTimeline;
use serde::{Deserialize, Serialize};

/// One key figure of one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFigure {
    /// The report's year.
    pub year: i32,
    /// The indicator as the jurisdiction's series first writes it.
    pub indicator: String,
    /// The pairing key ([`crate::compare::figures::key`]): scope words dropped,
    /// synonyms written one way (`地区生产总值增长`, `GDP增长` → `生产总值增长`),
    /// the same across jurisdictions.
    pub indicator_key: String,
    /// `target` or `result`.
    pub kind: String,
    /// `year` or `plan`.
    pub horizon: String,
    /// A plan figure's last year, when the report says it.
    pub end_year: Option<i32>,
    /// Lower end, magnitude applied (`1.4万亿元` → 1.4e12).
    pub low: f64,
    /// Upper end; equal to `low` for a single value.
    pub high: f64,
    /// The unit, magnitude excluded.
    pub unit: String,
    /// `左右`, `以上`, `以内`, `以下`, `区间`, or empty.
    pub qualifier: String,
    /// The value as printed, in the report's own characters.
    pub value: String,
    /// The sentence, in the report's own characters.
    pub sentence: String,
}

/// The key figures of a series' reports (the first statement of each
/// indicator in each report), by year, then in the series' indicator order.
/// Reports without a year (labels `#n`) are left out: the corpus keeps none.
pub fn key_figures(timelines: &[FigureTimeline]) -> Vec<KeyFigure> {
    let mut out: Vec<(usize, KeyFigure)> = Vec::new();
    for (order, t) in timelines.iter().enumerate().filter(|(_, t)| t.key) {
        for (label, v) in &t.values {
            let Ok(year) = label.parse::<i32>() else {
                continue;
            };
            out.push((
                order,
                KeyFigure {
                    year,
                    indicator: t.indicator.clone(),
                    indicator_key: crate::compare::figures::key(&t.indicator),
                    kind: t.kind.as_str().to_string(),
                    horizon: t.horizon.as_str().to_string(),
                    end_year: v.end_year,
                    low: v.low,
                    high: v.high,
                    unit: v.unit.clone(),
                    qualifier: v.qualifier.clone(),
                    value: v.value.clone(),
                    sentence: v.sentence.clone(),
                },
            ));
        }
    }
    out.sort_by(|(a, x), (b, y)| (x.year, a).cmp(&(y.year, b)));
    out.into_iter().map(|(_, f)| f).collect()
}
