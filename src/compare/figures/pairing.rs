//! Figures of two reports paired by indicator meaning, kind and horizon (never
//! an annual target with a plan average, never a target with a result), and the
//! timelines of a series, where the target set in year N stands beside the
//! result reported in year N+1 (met, missed or absent).

use super::names::key;
use super::{FigureKind, Horizon};
use serde::Serialize;
use std::collections::BTreeMap;

/// What happened to a figure between two reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureStatus {
    /// Other number, unit or qualifier.
    Changed,
    /// Only in NEW.
    New,
    /// Only in OLD.
    Dropped,
    /// Same value.
    Unchanged,
}

impl FigureStatus {
    /// The JSON name, also used by the renderers.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureStatus::Changed => "changed",
            FigureStatus::New => "new",
            FigureStatus::Dropped => "dropped",
            FigureStatus::Unchanged => "unchanged",
        }
    }
}

/// A figure as quoted from one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureValue {
    /// The value as written (`5%左右`, `4.5%—5%`), in the report's own characters.
    pub value: String,
    /// Lower end, magnitude applied (`1.4万亿元` → 1.4e12); the number itself for a single value.
    pub low: f64,
    /// Upper end; equal to `low` for a single value.
    pub high: f64,
    /// The unit, magnitude excluded (`元` of `亿元`).
    pub unit: String,
    /// `左右`, `以上`, `以内`, `以下`, `区间`, or empty.
    pub qualifier: String,
    /// The plan period's last year, for a plan figure that says it.
    pub end_year: Option<i32>,
    /// A clause qualifying the figure (`在实际工作中努力争取更好结果`).
    pub extra: Option<String>,
    /// The sentence, in the report's own characters.
    pub sentence: String,
    /// The section path.
    pub section: String,
    /// Char offsets of the value in the report's text (start, end).
    pub chars: (usize, usize),
}

impl FigureValue {
    /// Same number(s), unit and qualifier.
    pub fn same_value(&self, other: &FigureValue) -> bool {
        self.low == other.low && self.high == other.high && self.unit == other.unit && self.qualifier == other.qualifier
    }
}

/// A figure of one report, ready to pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The indicator.
    pub indicator: String,
    /// Target or result.
    pub kind: FigureKind,
    /// Annual or over a plan period.
    pub horizon: Horizon,
    /// In the key set (main-targets passage or headline indicator).
    pub key: bool,
    /// The value as quoted.
    pub value: FigureValue,
}

/// One entry of the diff's `figures[]` (key set) or `all_figures[]` (the rest).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureChange {
    /// The indicator.
    pub indicator: String,
    /// Target or result.
    pub kind: FigureKind,
    /// Annual or over a plan period.
    pub horizon: Horizon,
    /// In OLD, if stated there.
    pub old: Option<FigureValue>,
    /// In NEW, if stated there.
    pub new: Option<FigureValue>,
    /// What happened.
    pub status: FigureStatus,
    /// In the key set of either report.
    #[serde(skip)]
    pub key: bool,
}

/// The figures of a report by pairing key, the first statement of each.
fn first_of(figs: &[Figure]) -> BTreeMap<(FigureKind, Horizon, String), (usize, &Figure)> {
    let mut m = BTreeMap::new();
    for (i, f) in figs.iter().enumerate() {
        m.entry((f.kind, f.horizon, key(&f.indicator))).or_insert((i, f));
    }
    m
}

/// Pairs the figures of two reports by indicator key, kind and horizon (the
/// first statement of each counts). Order: targets before results, annual
/// before plan; changed, new, dropped, unchanged; then NEW's order (OLD's for
/// dropped ones).
pub fn pair(old: &[Figure], new: &[Figure]) -> Vec<FigureChange> {
    let (mut o, n) = (first_of(old), first_of(new));
    let mut out: Vec<(usize, FigureChange)> = Vec::new();
    for ((kind, horizon, k), (j, nf)) in n {
        let (old_value, status, key) = match o.remove(&(kind, horizon, k)) {
            Some((_, of)) if of.value.same_value(&nf.value) => {
                (Some(of.value.clone()), FigureStatus::Unchanged, of.key)
            }
            Some((_, of)) => (Some(of.value.clone()), FigureStatus::Changed, of.key),
            None => (None, FigureStatus::New, false),
        };
        out.push((
            j,
            FigureChange {
                indicator: nf.indicator.clone(),
                kind,
                horizon,
                old: old_value,
                new: Some(nf.value.clone()),
                status,
                key: key || nf.key,
            },
        ));
    }
    for ((kind, horizon, _), (i, of)) in o {
        out.push((
            i,
            FigureChange {
                indicator: of.indicator.clone(),
                kind,
                horizon,
                old: Some(of.value.clone()),
                new: None,
                status: FigureStatus::Dropped,
                key: of.key,
            },
        ));
    }
    out.sort_by(|(i, a), (j, b)| {
        (a.kind, a.horizon, a.status)
            .cmp(&(b.kind, b.horizon, b.status))
            .then(i.cmp(j))
    });
    out.into_iter().map(|(_, c)| c).collect()
}

/// Whether a target was reached, judged on the next report's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeStatus {
    /// The result meets the target and its qualifier.
    Met,
    /// The result falls short (or, for a ceiling such as unemployment or prices, above).
    Missed,
    /// No target that year, or no result in the next year's report (or a result in another unit).
    Absent,
}

impl OutcomeStatus {
    /// The JSON name, also used by the renderers.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeStatus::Met => "met",
            OutcomeStatus::Missed => "missed",
            OutcomeStatus::Absent => "absent",
        }
    }
}

/// An annual target of year N beside the result reported in year N+1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The year the target is set for.
    pub year: String,
    /// The target as written, if that year's report states one.
    pub target: Option<String>,
    /// The result as written in the next year's report, if it states one.
    pub result: Option<String>,
    /// The year of the report stating the result.
    pub reported: Option<String>,
    /// Met, missed or absent.
    pub status: OutcomeStatus,
}

/// Indicators whose target is a ceiling (lower is better): a result below it is met.
const CEILINGS: &[&str] = &["失业率", "价格", "涨幅", "能耗", "排放", "赤字", "浓度"];

/// Met or missed: a floor is met when the result reaches `low` (`左右`: when it
/// does at the target's own precision, `5%左右` is met by 4.96%), a ceiling
/// when the result stays at or below `high`; a result in another unit is
/// absent.
fn judge(indicator: &str, target: &FigureValue, result: &FigureValue) -> OutcomeStatus {
    if target.unit != result.unit {
        return OutcomeStatus::Absent;
    }
    let decimals = target
        .value
        .split('.')
        .nth(1)
        .map_or(0, |d| d.chars().take_while(char::is_ascii_digit).count());
    let scale = 10f64.powi(decimals as i32);
    let r = if target.qualifier == "左右" {
        (result.low * scale).round() / scale
    } else {
        result.low
    };
    let met = if CEILINGS.iter().any(|c| indicator.contains(c)) {
        r <= target.high
    } else {
        r >= target.low
    };
    if met {
        OutcomeStatus::Met
    } else {
        OutcomeStatus::Missed
    }
}

/// One indicator over a series: its value in each report that states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureTimeline {
    /// The indicator (as first written).
    pub indicator: String,
    /// Target or result.
    pub kind: FigureKind,
    /// Annual or over a plan period.
    pub horizon: Horizon,
    /// In the key set of some report.
    pub key: bool,
    /// Year (or `#<n>`, the report's place, when it has none) → value.
    pub values: BTreeMap<String, FigureValue>,
    /// Annual targets only: for each year of the series, the target beside the
    /// result the next year's report gives.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<Outcome>,
}

/// The timelines of the figures of several reports, each given with its label
/// (year). Key figures first, targets first, then indicators stated in more
/// reports, then by name. Annual targets get their outcomes.
pub fn timelines(reports: &[(String, &[Figure])]) -> Vec<FigureTimeline> {
    let mut by_key: BTreeMap<(FigureKind, Horizon, String), FigureTimeline> = BTreeMap::new();
    for (label, figs) in reports {
        for f in figs.iter() {
            let t = by_key
                .entry((f.kind, f.horizon, key(&f.indicator)))
                .or_insert_with(|| FigureTimeline {
                    indicator: f.indicator.clone(),
                    kind: f.kind,
                    horizon: f.horizon,
                    key: false,
                    values: BTreeMap::new(),
                    outcomes: Vec::new(),
                });
            t.key |= f.key;
            t.values.entry(label.clone()).or_insert_with(|| f.value.clone());
        }
    }
    let years: Vec<i32> = reports.iter().filter_map(|(l, _)| l.parse().ok()).collect();
    let outcomes: Vec<((FigureKind, Horizon, String), Vec<Outcome>)> = by_key
        .iter()
        .filter(|((kind, horizon, _), t)| *kind == FigureKind::Target && *horizon == Horizon::Year && t.key)
        .map(|((_, _, k), t)| {
            let results = by_key.get(&(FigureKind::Result, Horizon::Year, k.clone()));
            let list = years
                .iter()
                .map(|y| {
                    let target = t.values.get(&y.to_string());
                    let next = (y + 1).to_string();
                    let result = results.and_then(|r| r.values.get(&next));
                    let status = match (target, result) {
                        (Some(tv), Some(rv)) => judge(&t.indicator, tv, rv),
                        _ => OutcomeStatus::Absent,
                    };
                    Outcome {
                        year: y.to_string(),
                        target: target.map(|v| v.value.clone()),
                        result: result.map(|v| v.value.clone()),
                        reported: result.map(|_| next),
                        status,
                    }
                })
                .collect();
            ((FigureKind::Target, Horizon::Year, k.clone()), list)
        })
        .collect();
    for (k, list) in outcomes {
        if let Some(t) = by_key.get_mut(&k) {
            t.outcomes = list;
        }
    }
    let mut out: Vec<FigureTimeline> = by_key.into_values().collect();
    out.sort_by(|a, b| {
        (!a.key, a.kind, a.horizon)
            .cmp(&(!b.key, b.kind, b.horizon))
            .then(b.values.len().cmp(&a.values.len()))
            .then(a.indicator.cmp(&b.indicator))
    });
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A key annual figure in %, qualified `左右` (also the builder of the targets table's tests).
    pub(in crate::compare::figures) fn figure(indicator: &str, kind: FigureKind, value: &str, number: f64) -> Figure {
        Figure {
            indicator: indicator.to_string(),
            kind,
            horizon: Horizon::Year,
            key: true,
            value: FigureValue {
                value: value.to_string(),
                low: number,
                high: number,
                unit: "%".to_string(),
                qualifier: "左右".to_string(),
                end_year: None,
                extra: None,
                sentence: String::new(),
                section: String::new(),
                chars: (0, 0),
            },
        }
    }

    #[test]
    fn pairing_by_indicator_and_kind() {
        let old = vec![
            figure("国内生产总值增长", FigureKind::Target, "5%左右", 5.0),
            figure("赤字率", FigureKind::Target, "3%左右", 3.0),
            figure("居民消费价格涨幅", FigureKind::Target, "3%左右", 3.0),
        ];
        let new = vec![
            figure("国内生产总值增长", FigureKind::Target, "5%左右", 5.0),
            figure("赤字率", FigureKind::Target, "4%左右", 4.0),
            figure("国内生产总值增长", FigureKind::Result, "5%左右", 5.0),
        ];
        let p = pair(&old, &new);
        let got: Vec<(&str, FigureKind, FigureStatus)> =
            p.iter().map(|c| (c.indicator.as_str(), c.kind, c.status)).collect();
        assert_eq!(
            got,
            vec![
                ("赤字率", FigureKind::Target, FigureStatus::Changed),
                ("居民消费价格涨幅", FigureKind::Target, FigureStatus::Dropped),
                ("国内生产总值增长", FigureKind::Target, FigureStatus::Unchanged),
                ("国内生产总值增长", FigureKind::Result, FigureStatus::New),
            ]
        );
    }

    #[test]
    fn annual_targets_never_pair_with_plan_averages() {
        let mut plan = figure("地区生产总值增长", FigureKind::Target, "5%左右", 5.0);
        plan.horizon = Horizon::Plan;
        let old = vec![figure("地区生产总值增长", FigureKind::Target, "5%左右", 5.0)];
        let new = vec![plan, figure("GDP增长", FigureKind::Target, "4.5%—5%", 4.5)];
        let got: Vec<(Horizon, FigureStatus)> = pair(&old, &new).iter().map(|c| (c.horizon, c.status)).collect();
        assert_eq!(
            got,
            vec![
                (Horizon::Year, FigureStatus::Changed),
                (Horizon::Plan, FigureStatus::New)
            ]
        );
    }

    #[test]
    fn targets_beside_next_years_results() {
        let t2012 = [figure("国内生产总值增长", FigureKind::Target, "7.5%", 7.5)];
        let mut missed = figure("国内生产总值增长", FigureKind::Target, "8%左右", 8.0);
        missed.value.qualifier = "左右".into();
        let r2013 = [
            figure("国内生产总值增长", FigureKind::Result, "7.8%", 7.8),
            figure("国内生产总值增长", FigureKind::Target, "7.5%左右", 7.5),
        ];
        let r2014 = [figure("国内生产总值增长", FigureKind::Result, "7.4%", 7.44)];
        let reports: Vec<(String, &[Figure])> = vec![
            ("2012".into(), &t2012[..]),
            ("2013".into(), &r2013[..]),
            ("2014".into(), &r2014[..]),
        ];
        let tl = timelines(&reports);
        let o: Vec<(&str, OutcomeStatus)> = tl[0].outcomes.iter().map(|o| (o.year.as_str(), o.status)).collect();
        // 7.8 ≥ 7.5: met; 7.44 is 7.4 at the target's precision, below 7.5: missed; 2014 has no next report.
        assert_eq!(
            o,
            vec![
                ("2012", OutcomeStatus::Met),
                ("2013", OutcomeStatus::Missed),
                ("2014", OutcomeStatus::Absent)
            ]
        );
        let mut cpi = figure("居民消费价格涨幅", FigureKind::Target, "3%左右", 3.0);
        cpi.value.unit = "%".into();
        let r = figure("居民消费价格涨幅", FigureKind::Result, "2.6%", 2.6);
        assert_eq!(judge("居民消费价格涨幅", &cpi.value, &r.value), OutcomeStatus::Met);
    }
}
