//! The targets table of `series --figures`: each key annual target, per year
//! of the series, beside the result the next year's report gives (met,
//! missed or absent). Built from the timelines of [`super::timelines`], so
//! the table and the series JSON's `figures[].outcomes` say the same thing.

use super::names::key;
use super::pairing::{FigureTimeline, FigureValue, OutcomeStatus};
use super::{FigureKind, Horizon};
use serde::Serialize;

/// A value as one report states it, with its numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stated {
    /// As written (`5%左右`, `4.5%—5%`), in the report's own characters.
    pub value: String,
    /// Lower end, magnitude applied.
    pub low: f64,
    /// Upper end; equal to `low` for a single value.
    pub high: f64,
    /// The unit, magnitude excluded.
    pub unit: String,
    /// `左右`, `以上`, `以内`, `以下`, `区间`, or empty.
    pub qualifier: String,
    /// A clause qualifying it (`在实际工作中努力争取更好结果`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<String>,
    /// The sentence it was read from.
    pub sentence: String,
}

impl Stated {
    fn of(v: &FigureValue) -> Stated {
        Stated {
            value: v.value.clone(),
            low: v.low,
            high: v.high,
            unit: v.unit.clone(),
            qualifier: v.qualifier.clone(),
            extra: v.extra.clone(),
            sentence: v.sentence.clone(),
        }
    }
}

/// One indicator in one year: the target set in that year's report and the
/// result the next year's report gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetCell {
    /// The year the target is set for (the report's label).
    pub year: String,
    /// The target, if that year's report states one.
    pub target: Option<Stated>,
    /// The result in the next year's report, if it states one.
    pub result: Option<Stated>,
    /// The year of the report giving the result.
    pub reported: Option<String>,
    /// Met, missed or absent.
    pub status: OutcomeStatus,
}

/// One key indicator over the series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetRow {
    /// The indicator as first written.
    pub indicator: String,
    /// One cell per year of the series, in the order of [`TargetsTable::years`].
    pub cells: Vec<TargetCell>,
}

impl TargetRow {
    /// Years with a stated target.
    pub fn stated(&self) -> usize {
        self.cells.iter().filter(|c| c.target.is_some()).count()
    }
}

/// The result of `series --figures`: key annual targets × years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetsTable {
    /// 1.
    pub schema_version: u32,
    /// The jurisdiction of the series (the first report naming one).
    pub jurisdiction: Option<String>,
    /// The reports' labels (years, or `#n`), in series order.
    pub years: Vec<String>,
    /// Indicators stated as targets in more years first, then by name.
    pub indicators: Vec<TargetRow>,
}

impl TargetsTable {
    /// The table of the key annual targets among `timelines` (as
    /// [`super::timelines`] builds them over reports labelled `years`).
    pub fn of(timelines: &[FigureTimeline], years: &[String], jurisdiction: Option<String>) -> TargetsTable {
        let results = |indicator: &str| {
            let k = key(indicator);
            timelines
                .iter()
                .find(|t| t.kind == FigureKind::Result && t.horizon == Horizon::Year && key(&t.indicator) == k)
        };
        let mut indicators: Vec<TargetRow> = timelines
            .iter()
            .filter(|t| t.key && t.kind == FigureKind::Target && t.horizon == Horizon::Year)
            .map(|t| {
                let result_line = results(&t.indicator);
                let cells = years
                    .iter()
                    .map(|y| {
                        let outcome = t.outcomes.iter().find(|o| &o.year == y);
                        let reported = outcome.and_then(|o| o.reported.clone());
                        let result = reported
                            .as_ref()
                            .and_then(|r| result_line.and_then(|l| l.values.get(r)))
                            .map(Stated::of);
                        TargetCell {
                            year: y.clone(),
                            target: t.values.get(y).map(Stated::of),
                            result,
                            reported,
                            status: outcome.map_or(OutcomeStatus::Absent, |o| o.status),
                        }
                    })
                    .collect();
                TargetRow {
                    indicator: t.indicator.clone(),
                    cells,
                }
            })
            .collect();
        indicators.sort_by(|a, b| b.stated().cmp(&a.stated()).then(a.indicator.cmp(&b.indicator)));
        TargetsTable {
            schema_version: 1,
            jurisdiction,
            years: years.to_vec(),
            indicators,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pairing::{timelines, Figure};
    use super::*;

    /// The pairing tests' figure with no qualifier and its sentence.
    fn figure(indicator: &str, kind: FigureKind, value: &str, number: f64) -> Figure {
        let mut f = super::super::pairing::tests::figure(indicator, kind, value, number);
        f.value.qualifier.clear();
        f.value.sentence = format!("{indicator}{value}。");
        f
    }

    #[test]
    fn each_target_beside_the_next_years_result() {
        let y2019 = [figure("国内生产总值增长", FigureKind::Target, "6%", 6.0)];
        let y2020 = [figure("GDP增长", FigureKind::Result, "6.1%", 6.1)];
        let y2021 = [
            figure("国内生产总值增长", FigureKind::Target, "6%以上", 6.0),
            figure("城镇调查失业率", FigureKind::Target, "5.5%", 5.5),
        ];
        let reports: Vec<(String, &[Figure])> = vec![
            ("2019".into(), &y2019[..]),
            ("2020".into(), &y2020[..]),
            ("2021".into(), &y2021[..]),
        ];
        let years: Vec<String> = reports.iter().map(|(y, _)| y.clone()).collect();
        let t = TargetsTable::of(&timelines(&reports), &years, Some("全国".into()));
        let names: Vec<&str> = t.indicators.iter().map(|r| r.indicator.as_str()).collect();
        assert_eq!(names, vec!["国内生产总值增长", "城镇调查失业率"]);
        let gdp = &t.indicators[0].cells;
        assert_eq!(gdp.len(), 3);
        // 2019: 6% beside 6.1% reported in 2020 (GDP增长 pairs with 国内生产总值增长).
        assert_eq!(gdp[0].target.as_ref().map(|s| s.value.as_str()), Some("6%"));
        assert_eq!(gdp[0].result.as_ref().map(|s| s.value.as_str()), Some("6.1%"));
        assert_eq!(gdp[0].reported.as_deref(), Some("2020"));
        assert_eq!(gdp[0].status, OutcomeStatus::Met);
        // 2020 states no target: absent, not a miss.
        assert!(gdp[1].target.is_none());
        assert_eq!(gdp[1].status, OutcomeStatus::Absent);
        // 2021: no next report.
        assert_eq!(gdp[2].target.as_ref().map(|s| s.qualifier.as_str()), Some(""));
        assert!(gdp[2].result.is_none());
        assert_eq!(gdp[2].status, OutcomeStatus::Absent);
    }
}
