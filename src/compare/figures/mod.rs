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
//!
//! `value` reads a figure's number, unit and qualifier, `indicator` the noun
//! phrase and verb before it, `pairing` pairs the figures of two reports and
//! builds the timelines of a series; this module finds the figures of a text.

mod indicator;
mod pairing;
mod value;

pub use pairing::{key, pair, timelines, Figure, FigureChange, FigureStatus, FigureTimeline, FigureValue};

use crate::read::outline::Part;
use indicator::indicator_of;
use serde::Serialize;
use std::ops::Range;
use value::{numbers, parse_value};

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

/// Words allowed between the figure and the end of its clause.
const TRAILERS: &[&str] = &["安排", "的目标", "目标", "的水平"];

/// Verbs that bound the value and say so when no qualifier follows it.
const BOUNDING_VERBS: &[&str] = &["不低于", "不超过", "不少于", "突破", "超过", "低于", "高于"];

/// Words in a sentence that mark a target outside the plan part.
const TARGET_WORDS: &[&str] = &["预期目标", "目标是", "目标为", "拟", "力争", "预期", "计划"];

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
}
