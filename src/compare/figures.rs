//! Key figures: the indicators a report states with a number — targets
//! (`国内生产总值增长5%左右`, `城镇新增就业1200万人以上`, `赤字率拟按4%左右安排`)
//! and results (`国内生产总值达到134.9万亿元、增长5%`).
//!
//! Found from sentence structure, not from a list of names: a clause that ends
//! in a number with a unit (and maybe a qualifier such as `左右`, `以上`), read
//! backwards through a linking verb (`增长`, `达到`, `控制在`, `拟按`…) to the
//! noun phrase before it. A clause holding only a verb and a number
//! (`…达到134.9万亿元、增长5%`) takes the noun phrase of the figure before it. A
//! noun list (`地区生产总值、固定资产投资、社会消费品零售总额增长5%左右`) gives one
//! figure per noun. Whether a figure is a target or a result comes from the part
//! of the report it is in (工作安排 vs 工作回顾), else from the sentence's words
//! (`预期`, `拟`, `力争` mark targets).
//!
//! Figures of two reports are paired by indicator and kind.

use crate::compare::segment::{MAGNITUDES, UNITS};
use crate::read::outline::Part;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// Whether a figure is aimed at or achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// A goal for the coming period (`预期目标`, `拟`, `力争`, the plan part).
    Target,
    /// An outcome of the past period (the review part).
    Result,
}

impl FigureKind {
    /// The JSON name, also used by the renderers.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Target => "target",
            FigureKind::Result => "result",
        }
    }
}

/// One figure found in a normalized text; ranges are byte ranges of that text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The indicator: its noun phrase, plus the verb when the figure is a change
    /// (`国内生产总值增长`), so a level and a growth rate are different indicators.
    pub indicator: String,
    /// Target or result.
    pub kind: FigureKind,
    /// The number with its magnitude, unit and qualifier (`5%左右`, `1.4万亿斤`).
    pub value: Range<usize>,
    /// The number, magnitude applied (`1.4万亿` → 1.4e12).
    pub number: f64,
    /// The unit (`%`, `元`, `斤`, `个百分点`), magnitude excluded.
    pub unit: String,
    /// `左右`, `以上`, `以内`, `以下`, or the bounding verb (`超过`, `低于`, `不低于`…); may be empty.
    pub qualifier: String,
    /// The whole sentence holding the figure.
    pub sentence: Range<usize>,
}

/// Units a figure may have beyond the segmenter's (checked first: `个百分点` before `个`).
const MORE_UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "人次",
    "标准箱",
    "公斤",
    "万亿斤",
    "斤",
    "立方米",
    "公顷",
];

/// Qualifiers written after the number.
const SUFFIX_QUALIFIERS: &[&str] = &["左右", "以上", "以内", "以下", "上下"];

/// Words allowed between the figure and the end of its clause.
const TRAILERS: &[&str] = &["安排", "的目标", "目标", "的水平"];

/// Linking verbs between indicator and number, longest first. The bool says
/// whether the verb makes the figure a change (part of the indicator's name).
const VERBS: &[(&str, bool)] = &[
    ("提高到", false),
    ("下降到", false),
    ("降低到", false),
    ("增长到", false),
    ("增加到", false),
    ("减少到", false),
    ("控制在", false),
    ("保持在", false),
    ("稳定在", false),
    ("不低于", false),
    ("不超过", false),
    ("不少于", false),
    ("拟按", false),
    ("定为", false),
    ("达到", false),
    ("突破", false),
    ("超过", false),
    ("低于", false),
    ("高于", false),
    ("增至", false),
    ("提高", true),
    ("下降", true),
    ("降低", true),
    ("增长", true),
    ("上涨", true),
    ("增加", true),
    ("减少", true),
    ("回落到", false),
    ("达", false),
    ("在", false),
    ("为", false),
    ("约", false),
];

/// Verbs that bound the value and say so when no qualifier follows it.
const BOUNDING_VERBS: &[&str] = &["不低于", "不超过", "不少于", "突破", "超过", "低于", "高于"];

/// Words that open a clause without being part of the indicator.
const LEADING_FILLERS: &[&str] = &[
    "初步核算",
    "拟安排",
    "拟",
    "今年",
    "全年",
    "去年",
    "明年",
    "其中",
    "力争",
    "预计",
    "确保",
    "实现",
    "全市",
    "全省",
    "全区",
    "全国",
    "我国",
    "我市",
    "我省",
    "累计",
    "比上年",
    "同比",
    "分别",
    "并",
    "和",
    "及",
    "要",
    "将",
    "把",
    "提出",
    "争取",
    "推动",
];

/// Modifiers that leave a clause without its own noun (`年均增长6%`).
const MODIFIERS: &[&str] = &["年均", "平均", "比上年", "同比", "分别", "实际", "名义"];

/// Words in a sentence that mark a target outside the plan part.
const TARGET_WORDS: &[&str] = &["预期目标", "目标是", "目标为", "拟", "力争", "预期", "计划"];

/// Indicators longer than this (in chars) are run-on text, not a name.
const MAX_INDICATOR_CHARS: usize = 18;

/// The figures of `text` (one section's own text), in text order.
pub fn find(text: &str, part: Part) -> Vec<Found> {
    let mut out = Vec::new();
    let mut start = 0;
    for sentence in text.split_inclusive(['。', '!', '?', '\n']) {
        let range = start..start + sentence.len();
        start = range.end;
        if !sentence.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let kind = match part {
            Part::Plan => FigureKind::Target,
            Part::Review => FigureKind::Result,
            Part::Other if TARGET_WORDS.iter().any(|w| sentence.contains(w)) => FigureKind::Target,
            Part::Other => FigureKind::Result,
        };
        in_sentence(text, range, kind, &mut out);
    }
    out
}

/// Figures of one sentence (`range` of `text`).
fn in_sentence(text: &str, range: Range<usize>, kind: FigureKind, out: &mut Vec<Found>) {
    let sentence = &text[range.clone()];
    let mut previous: Option<String> = None;
    let mut clause_start = 0;
    for clause in sentence.split_inclusive([',', ';', ':', '，', '；', '：', '。', '!', '?', '\n']) {
        let at = clause_start;
        clause_start += clause.len();
        let body = clause.trim_end_matches([',', ';', ':', '，', '；', '：', '。', '!', '?', '\n', ' ']);
        let mut head_start = 0;
        for number in numbers(body) {
            let head = &body[head_start..number.start];
            head_start = number.end;
            let end_ok = {
                let rest = &body[number.end..];
                rest.is_empty() || rest == "、" || TRAILERS.contains(&rest) || next_is_figure(rest)
            };
            if !end_ok {
                continue;
            }
            let Some((nouns, verb, change)) = indicator_of(head, previous.as_deref()) else {
                continue;
            };
            let value_text = &body[number.clone()];
            let Some((value, unit, suffix)) = parse_value(value_text) else {
                continue;
            };
            let qualifier = if suffix.is_empty() && BOUNDING_VERBS.contains(&verb.as_str()) {
                verb.clone()
            } else {
                suffix.to_string()
            };
            let base = range.start + at;
            previous = nouns.last().cloned();
            for noun in nouns {
                out.push(Found {
                    indicator: if change { format!("{noun}{verb}") } else { noun },
                    kind,
                    value: base + number.start..base + number.end,
                    number: value,
                    unit: unit.to_string(),
                    qualifier: qualifier.clone(),
                    sentence: trimmed(text, range.clone()),
                });
            }
        }
    }
}

/// True when `rest` (after a figure) is `、` followed by another verb and number:
/// `达到134.9万亿元、增长5%`.
fn next_is_figure(rest: &str) -> bool {
    rest.starts_with('、') && numbers(rest).next().is_some()
}

/// The sentence range without surrounding whitespace.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    range.start + lead..range.end - trail
}

/// Byte ranges of numbers with a unit (and a trailing qualifier) in `clause`.
/// Years, ordinals (`第3位`) and dates are not figures.
fn numbers(clause: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = clause.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.')) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit() || (b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let Some(len) = unit_len(&clause[i..]) else {
                continue;
            };
            i += len;
            let ordinal = clause[..start].ends_with('第');
            let calendar = ["年", "月", "日", "周年", "届", "轮", "位"]
                .iter()
                .any(|u| clause[start..i].ends_with(u) && !clause[start..i].ends_with("万年"));
            if ordinal || calendar {
                continue;
            }
            if let Some(q) = SUFFIX_QUALIFIERS.iter().find(|q| clause[i..].starts_with(*q)) {
                i += q.len();
            }
            return Some(start..i);
        }
        None
    })
}

/// Length of the magnitude and unit at the start of `s`, if there is a unit.
fn unit_len(s: &str) -> Option<usize> {
    let magnitude = MAGNITUDES.iter().find(|m| s.starts_with(*m)).map_or(0, |m| m.len());
    let rest = &s[magnitude..];
    let approx = ["多", "余"]
        .iter()
        .find(|a| rest.starts_with(*a))
        .map_or(0, |a| a.len());
    let rest = &rest[approx..];
    MORE_UNITS
        .iter()
        .chain(UNITS.iter())
        .find(|u| rest.starts_with(*u))
        .map(|u| magnitude + approx + u.len())
}

/// (number with magnitude applied, unit, suffix qualifier) of a figure's text.
fn parse_value(s: &str) -> Option<(f64, &str, &str)> {
    let digits = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let mut number: f64 = s[..digits].parse().ok()?;
    let mut rest = &s[digits..];
    let suffix = SUFFIX_QUALIFIERS
        .iter()
        .find(|q| rest.ends_with(*q))
        .copied()
        .unwrap_or("");
    rest = &rest[..rest.len() - suffix.len()];
    for (m, factor) in [("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2)] {
        if let Some(r) = rest.strip_prefix(m) {
            // `万千瓦` and `万亿斤` are units with their magnitude: keep the number as written.
            if !MORE_UNITS.contains(&rest) && rest != "万千瓦" {
                number *= factor;
                rest = r;
            }
            break;
        }
    }
    let rest = rest.trim_start_matches(['多', '余']);
    Some(((number * 1e6).round() / 1e6, rest, suffix))
}

/// The indicator nouns, the verb and whether the verb names a change, from the
/// text before a number; `previous` is the noun of the figure before (for a
/// clause with only a verb).
fn indicator_of(head: &str, previous: Option<&str>) -> Option<(Vec<String>, String, bool)> {
    let head = head.trim().trim_start_matches('、').trim_start_matches(['和', '及']);
    let (noun, verb, change) = split_verb(head);
    let noun = strip_fillers(noun);
    let noun = MODIFIERS.iter().fold(noun, |n, m| n.trim_end_matches(m));
    let (verb, change) = (verb.to_string(), change);
    if noun.is_empty() || MODIFIERS.contains(&noun) || all_fillers(noun) {
        let p = previous?;
        return Some((vec![p.to_string()], verb, change));
    }
    let name_like = |n: &str| {
        let chars = n.chars().count();
        (2..=MAX_INDICATOR_CHARS).contains(&chars)
            && n.chars().all(|c| crate::text::is_cjk(c) || c.is_ascii_uppercase())
            && !n.ends_with('的')
            && !n.contains("关于")
    };
    let parts: Vec<&str> = noun.split('、').collect();
    let nouns: Vec<String> = if parts.len() > 1 && parts.iter().all(|p| p.chars().count() >= 4) {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![noun.replace('、', "")]
    };
    if !nouns.iter().all(|n| name_like(n)) {
        return None;
    }
    Some((nouns, verb, change))
}

/// Splits the linking verb off the end of `head`: (noun, verb, names a change).
fn split_verb(head: &str) -> (&str, &str, bool) {
    for &(v, change) in VERBS {
        if let Some(noun) = head.strip_suffix(v) {
            return (strip_target_words(noun), v, change);
        }
    }
    (strip_target_words(head), "", false)
}

/// Removes a closing `预期目标为` (`国内生产总值预期目标为增长5%左右`).
fn strip_target_words(noun: &str) -> &str {
    [
        "预期目标为",
        "预期目标是",
        "预期目标定为",
        "预期目标",
        "目标为",
        "目标是",
        "预期",
        "为",
    ]
    .iter()
    .find_map(|w| noun.strip_suffix(w))
    .unwrap_or(noun)
}

/// Removes opening fillers (`今年`, `2024年`, `其中`…), repeatedly.
fn strip_fillers(mut s: &str) -> &str {
    loop {
        let before = s;
        for f in LEADING_FILLERS {
            s = s.strip_prefix(f).unwrap_or(s);
        }
        s = strip_year(s);
        if s == before {
            return s;
        }
    }
}

/// Removes a leading `2024年` (or `5年`, `1-11月`-free year spans).
fn strip_year(s: &str) -> &str {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if digits > 0 {
        if let Some(rest) = s[digits..].strip_prefix('年') {
            return rest;
        }
    }
    s
}

/// True when `s` is only fillers and modifiers.
fn all_fillers(s: &str) -> bool {
    let mut rest = s;
    while !rest.is_empty() {
        let Some(w) = LEADING_FILLERS.iter().chain(MODIFIERS).find(|w| rest.starts_with(*w)) else {
            return false;
        };
        rest = &rest[w.len()..];
    }
    true
}

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

    /// (indicator, value text, qualifier, kind) of each figure.
    fn figs(text: &str, part: Part) -> Vec<(String, String, String, FigureKind)> {
        find(text, part)
            .into_iter()
            .map(|f| (f.indicator, text[f.value].to_string(), f.qualifier, f.kind))
            .collect()
    }

    fn names(text: &str, part: Part) -> Vec<(String, String)> {
        figs(text, part).into_iter().map(|(i, v, _, _)| (i, v)).collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn national_2013_targets() {
        // /work/shared/corpus/national/2013.txt, normalized.
        let t = "今年经济社会发展的主要预期目标是:国内生产总值增长7.5%左右,发展的协调性进一步增强;居民消费价格涨幅3.5%左右;城镇新增就业900万人以上,城镇登记失业率低于4.6%;城乡居民人均收入实际增长与经济增长同步,劳动报酬增长和劳动生产率提高同步;国际收支状况进一步改善。";
        assert_eq!(
            names(t, Part::Plan),
            pairs(&[
                ("国内生产总值增长", "7.5%左右"),
                ("居民消费价格涨幅", "3.5%左右"),
                ("城镇新增就业", "900万人以上"),
                ("城镇登记失业率", "4.6%"),
            ])
        );
        let f = figs(t, Part::Plan);
        assert_eq!(f[3].2, "低于");
        assert!(f.iter().all(|x| x.3 == FigureKind::Target));
    }

    #[test]
    fn national_2012_targets_and_deficit() {
        // /work/shared/corpus/national/2012.txt, normalized.
        let t = "拟安排财政赤字8000亿元,其中中央财政赤字5500亿元,代地方发行债券2500亿元。赤字率拟按4%左右安排。粮食产量1.4万亿斤左右。单位国内生产总值能耗降低3%左右。";
        assert_eq!(
            names(t, Part::Plan),
            pairs(&[
                ("财政赤字", "8000亿元"),
                ("中央财政赤字", "5500亿元"),
                ("代地方发行债券", "2500亿元"),
                ("赤字率", "4%左右"),
                ("粮食产量", "1.4万亿斤左右"),
                ("单位国内生产总值能耗降低", "3%左右"),
            ])
        );
    }

    #[test]
    fn results_share_the_noun() {
        let t =
            "国内生产总值达到134.9万亿元、增长5%。2020年地区生产总值突破2.5万亿元,增长2.7%,5年年均增长6%,与全省同步。";
        let f = figs(t, Part::Review);
        assert_eq!(
            f.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect::<Vec<_>>(),
            vec![
                ("国内生产总值", "134.9万亿元"),
                ("国内生产总值增长", "5%"),
                ("地区生产总值", "2.5万亿元"),
                ("地区生产总值增长", "2.7%"),
                ("地区生产总值增长", "6%"),
            ]
        );
        assert_eq!(f[2].2, "突破");
        assert!(f.iter().all(|x| x.3 == FigureKind::Result));
    }

    #[test]
    fn local_noun_lists_and_years() {
        // samples/guangzhou-2025.txt, the 2025 targets.
        let t = "今年经济社会发展的主要预期目标是:地区生产总值、规模以上工业增加值、固定资产投资、社会消费品零售总额增长5%左右,商品进出口总值增长3%左右,地方一般公共预算收入增长3%,城乡居民收入增长与经济增长同步,居民消费价格涨幅2%左右,城镇新增就业25万人以上,主要生态质量指标完成省下达的目标任务。";
        assert_eq!(
            names(t, Part::Plan),
            pairs(&[
                ("地区生产总值增长", "5%左右"),
                ("规模以上工业增加值增长", "5%左右"),
                ("固定资产投资增长", "5%左右"),
                ("社会消费品零售总额增长", "5%左右"),
                ("商品进出口总值增长", "3%左右"),
                ("地方一般公共预算收入增长", "3%"),
                ("居民消费价格涨幅", "2%左右"),
                ("城镇新增就业", "25万人以上"),
            ])
        );
        // Ranks, years and counts inside running text are not figures.
        assert!(names("全球创新集群百强排名由2017年第63位提升到2019年第21位。", Part::Review).is_empty());
    }

    #[test]
    fn kind_from_words_outside_parts() {
        let t = "今年国内生产总值预期目标为增长5%左右。";
        assert_eq!(figs(t, Part::Other)[0].3, FigureKind::Target);
        assert_eq!(figs("国内生产总值增长5.2%。", Part::Other)[0].3, FigureKind::Result);
    }

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
