//! Figures of two reports paired by indicator and kind, and the timelines of
//! the figures of a series.

use super::FigureKind;
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
    /// The value as written (`5%左右`), in the report's own characters.
    pub value: String,
    /// The number, magnitude applied.
    pub number: f64,
    /// The unit.
    pub unit: String,
    /// `左右`, `以上`, `超过`…; empty when none.
    pub qualifier: String,
    /// The sentence, in the report's own characters.
    pub sentence: String,
    /// The section path.
    pub section: String,
}

impl FigureValue {
    /// Same number, unit and qualifier.
    pub fn same_value(&self, other: &FigureValue) -> bool {
        self.number == other.number && self.unit == other.unit && self.qualifier == other.qualifier
    }
}

/// A figure of one report, ready to pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The indicator.
    pub indicator: String,
    /// Target or result.
    pub kind: FigureKind,
    /// The value as quoted.
    pub value: FigureValue,
}

/// One entry of the diff's `figures[]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureChange {
    /// The indicator.
    pub indicator: String,
    /// Target or result.
    pub kind: FigureKind,
    /// In OLD, if stated there.
    pub old: Option<FigureValue>,
    /// In NEW, if stated there.
    pub new: Option<FigureValue>,
    /// What happened.
    pub status: FigureStatus,
}

/// The key figures are paired by: the indicator without spaces and quote marks.
pub fn key(indicator: &str) -> String {
    indicator
        .chars()
        .filter(|c| !c.is_whitespace() && !"“”‘’\"'「」".contains(*c))
        .collect()
}

/// Pairs the figures of two reports by indicator and kind (the first statement of
/// each counts). Order: targets before results; changed, new, dropped,
/// unchanged; then NEW's order (OLD's for dropped ones).
pub fn pair(old: &[Figure], new: &[Figure]) -> Vec<FigureChange> {
    let first = |figs: &[Figure]| -> BTreeMap<(FigureKind, String), (usize, FigureValue)> {
        let mut m = BTreeMap::new();
        for (i, f) in figs.iter().enumerate() {
            m.entry((f.kind, key(&f.indicator))).or_insert((i, f.value.clone()));
        }
        m
    };
    let (mut o, n) = (first(old), first(new));
    let mut out: Vec<(usize, FigureChange)> = Vec::new();
    let name = |figs: &[Figure], i: usize| figs[i].indicator.clone();
    for ((kind, k), (j, nv)) in n {
        let (indicator, old_value, status) = match o.remove(&(kind, k)) {
            Some((_, ov)) => {
                let status = if ov.same_value(&nv) {
                    FigureStatus::Unchanged
                } else {
                    FigureStatus::Changed
                };
                (name(new, j), Some(ov), status)
            }
            None => (name(new, j), None, FigureStatus::New),
        };
        out.push((
            j,
            FigureChange {
                indicator,
                kind,
                old: old_value,
                new: Some(nv),
                status,
            },
        ));
    }
    for ((kind, _), (i, ov)) in o {
        out.push((
            i,
            FigureChange {
                indicator: name(old, i),
                kind,
                old: Some(ov),
                new: None,
                status: FigureStatus::Dropped,
            },
        ));
    }
    out.sort_by(|(i, a), (j, b)| a.kind.cmp(&b.kind).then(a.status.cmp(&b.status)).then(i.cmp(j)));
    out.into_iter().map(|(_, c)| c).collect()
}

/// One indicator over a series: its value in each report that states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureTimeline {
    /// The indicator (as first written).
    pub indicator: String,
    /// Target or result.
    pub kind: FigureKind,
    /// Year (or `#<n>`, the report's place, when it has none) → value.
    pub values: BTreeMap<String, FigureValue>,
}

/// The timelines of the figures of several reports, each given with its label
/// (year). Targets first, then indicators stated in more reports, then by name.
pub fn timelines(reports: &[(String, &[Figure])]) -> Vec<FigureTimeline> {
    let mut by_key: BTreeMap<(FigureKind, String), FigureTimeline> = BTreeMap::new();
    for (label, figs) in reports {
        for f in figs.iter() {
            let t = by_key
                .entry((f.kind, key(&f.indicator)))
                .or_insert_with(|| FigureTimeline {
                    indicator: f.indicator.clone(),
                    kind: f.kind,
                    values: BTreeMap::new(),
                });
            t.values.entry(label.clone()).or_insert_with(|| f.value.clone());
        }
    }
    let mut out: Vec<FigureTimeline> = by_key.into_values().collect();
    out.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.values.len().cmp(&a.values.len()))
            .then(a.indicator.cmp(&b.indicator))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(indicator: &str, kind: FigureKind, value: &str, number: f64) -> Figure {
        Figure {
            indicator: indicator.to_string(),
            kind,
            value: FigureValue {
                value: value.to_string(),
                number,
                unit: "%".to_string(),
                qualifier: "左右".to_string(),
                sentence: String::new(),
                section: String::new(),
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
}
