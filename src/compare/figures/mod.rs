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
//! figure per noun, a `分别` list (`城镇和农村居民人均可支配收入分别增长5.5%、7.5%`)
//! one figure per item. Whether a figure is a target or a result comes from the
//! main-targets passage (`主要预期目标是：…`), else the part of the report it is
//! in (工作安排 vs 工作回顾), else from the sentence's words (`预期`, `拟`, `力争`).
//! A figure is annual unless its sentence speaks of a plan period (`年均`,
//! `到2030年`, `“十五五”时期`).
//!
//! The key figures are the main-targets passage and the headline indicators
//! (output, growth, fiscal revenue, employment, unemployment, prices, income,
//! grain, energy and emissions, the national fiscal lines); the rest are kept
//! as all figures.
//!
//! `value` reads a figure's number, unit and qualifier, `indicator` the noun
//! phrase and verb before it, `names` the pairing key of an indicator (synonyms
//! and abbreviations), `pairing` pairs the figures of two reports and builds the
//! timelines of a series with met or missed targets; this module finds the
//! figures of a text.

mod indicator;
mod names;
mod pairing;
mod rows;
mod targets;
mod value;

pub use names::key;
pub use pairing::{
    pair, timelines, Figure, FigureChange, FigureStatus, FigureTimeline, FigureValue, Outcome, OutcomeStatus,
};
pub use rows::{row_figures, RowFigure};
pub use targets::{Stated, TargetCell, TargetRow, TargetsTable};

use crate::read::outline::Part;
use indicator::{indicator_of, respectively, verb_only};
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

/// The period a figure speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// One year (the report's coming year for a target, the past year for a result).
    Year,
    /// A plan period (`年均增长7%`, `到2030年`, `“十五五”时期`).
    Plan,
}

impl Horizon {
    /// The JSON name, also used by the renderers.
    pub fn as_str(self) -> &'static str {
        match self {
            Horizon::Year => "year",
            Horizon::Plan => "plan",
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
    /// Annual or over a plan period.
    pub horizon: Horizon,
    /// The plan period's last year, when the sentence says it (`到2030年`, `十五五`).
    pub end_year: Option<i32>,
    /// The number with its magnitude, unit and qualifier (`5%左右`, `4.5%—5%`).
    pub value: Range<usize>,
    /// Lower end, magnitude applied (`1.4万亿` → 1.4e12); the number for a single value.
    pub low: f64,
    /// Upper end; equal to `low` for a single value.
    pub high: f64,
    /// The unit (`%`, `元`, `斤`, `个百分点`), magnitude excluded.
    pub unit: String,
    /// `左右`, `以上`, `以内`, `以下`, `区间` (a range), or empty; bounding verbs
    /// count (`突破`, `超过`, `不低于` → `以上`; `低于`, `不超过` → `以内`).
    pub qualifier: String,
    /// A clause that qualifies the figure (`在实际工作中努力争取更好结果`).
    pub extra: Option<Range<usize>>,
    /// The whole sentence holding the figure.
    pub sentence: Range<usize>,
    /// In the key set: the main-targets passage or a headline indicator.
    pub key: bool,
}

/// Words allowed between the figure and the end of its clause.
const TRAILERS: &[&str] = &["安排", "的目标", "目标", "的水平"];

/// Bounding verbs and the qualifier they mean when no qualifier follows the number.
const BOUNDING_VERBS: &[(&str, &str)] = &[
    ("不低于", "以上"),
    ("不少于", "以上"),
    ("不超过", "以内"),
    ("突破", "以上"),
    ("超过", "以上"),
    ("高于", "以上"),
    ("低于", "以内"),
    ("超", "以上"),
    ("逾", "以上"),
    ("近", "以下"),
];

/// Words in a sentence that mark a target outside the plan part.
const TARGET_WORDS: &[&str] = &["预期目标", "目标是", "目标为", "拟", "力争", "预期", "计划"];

/// Words that open the main-targets passage (`主要预期目标是：`); its figures
/// are targets wherever the outline put them.
const PASSAGE_WORDS: &[&str] = &[
    "预期目标是",
    "预期目标为",
    "预期目标建议",
    "主要目标是",
    "主要目标为",
    "主要目标建议",
    "目标任务是",
];

/// Words of a clause that qualifies the figure before it.
const EXTRA_WORDS: &[&str] = &["争取更好", "力争更好", "努力争取"];

/// Headline indicators (substrings of the indicator): output, growth, fiscal
/// revenue, employment, unemployment, prices, income, grain, energy and
/// emissions, the national fiscal lines.
const HEADLINE: &[&str] = &[
    "生产总值",
    "GDP",
    "经济增长",
    "财政收入",
    "财政总收入",
    "预算收入",
    "新增就业",
    "失业率",
    "居民消费价格",
    "零售价格",
    "可支配收入",
    "纯收入",
    "粮食",
    "能耗",
    "排放",
    "赤字",
    "专项债",
    "特别国债",
];

/// A headline name holding one of these is a share or a comparison, not the headline.
/// (a revision of an earlier year's figure, `修订为`, is not a headline either).
const NOT_HEADLINE: &[&str] = &["占", "比重", "比例", "排名", "总量", "修订"];

/// Plan periods and their last year.
const PLAN_PERIODS: &[(&str, i32)] = &[
    ("十一五", 2010),
    ("十二五", 2015),
    ("十三五", 2020),
    ("十四五", 2025),
    ("十五五", 2030),
    ("十六五", 2035),
];

/// Words after a plan period's name that make a sentence speak of that period.
const PERIOD_WORDS: &[&str] = &["期间", "时期", "末", "规划", "以来", "目标"];

/// Openings of a paragraph that speaks of a whole plan period (`五年来，…城镇新增就业4200万人`):
/// its figures are totals or averages over the period, not annual figures.
const PERIOD_OPENINGS: &[&str] = &[
    "五年来",
    "这五年",
    "过去五年",
    "过去的五年",
    "五年间",
    "今后五年",
    "未来五年",
];

/// The figures of `text` (one section's own text), in text order.
pub fn find(text: &str, part: Part) -> Vec<Found> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut passage_open = false;
    // The paragraph looks back (or ahead) over a plan period: its figures are totals or averages.
    let (mut paragraph_start, mut period_paragraph) = (true, false);
    for sentence in text.split_inclusive(['。', '!', '?', '\n']) {
        let range = start..start + sentence.len();
        start = range.end;
        let trimmed_sentence = sentence.trim();
        if trimmed_sentence.is_empty() {
            paragraph_start |= sentence.ends_with('\n');
            continue;
        }
        if paragraph_start {
            period_paragraph = PERIOD_OPENINGS.iter().any(|w| trimmed_sentence.starts_with(w));
        }
        paragraph_start = sentence.ends_with('\n');
        let opens = PASSAGE_WORDS.iter().any(|w| sentence.contains(w));
        let in_passage = opens || passage_open;
        // A passage opened by a line ending in `：` goes on in the next paragraph.
        passage_open = opens && trimmed_sentence.ends_with([':', '：']);
        if !sentence.bytes().any(|b| b.is_ascii_digit()) && !sentence.contains("百分之") {
            continue;
        }
        let kind = match part {
            _ if in_passage => FigureKind::Target,
            Part::Plan => FigureKind::Target,
            Part::Review => FigureKind::Result,
            Part::Other if TARGET_WORDS.iter().any(|w| sentence.contains(w)) => FigureKind::Target,
            Part::Other => FigureKind::Result,
        };
        let first = out.len();
        in_sentence(text, range, kind, &mut out);
        for f in &mut out[first..] {
            if period_paragraph {
                f.horizon = Horizon::Plan;
            }
            f.key = is_key(f, in_passage);
        }
    }
    out
}

/// In the key set: an annual target of the main-targets passage (or a plan
/// target there), or an annual headline indicator.
fn is_key(f: &Found, in_passage: bool) -> bool {
    let headline =
        HEADLINE.iter().any(|h| f.indicator.contains(h)) && !NOT_HEADLINE.iter().any(|w| f.indicator.contains(w));
    (in_passage && f.kind == FigureKind::Target) || (headline && f.horizon == Horizon::Year)
}

/// The plan period a figure speaks of, if any: (its last year, when known),
/// from its clause up to the number (`head`) and the sentence's opening clause
/// when that holds no figure (`到2027年，…`, `“十五五”时期主要目标是：…`).
fn plan_period(opening: &str, head: &str) -> Option<Option<i32>> {
    let sentence = format!("{opening}{head}");
    let sentence = sentence.as_str();
    let by_year = sentence.match_indices('到').find_map(|(at, _)| {
        let rest = &sentence[at + '到'.len_utf8()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        (digits == 4 && rest[digits..].starts_with('年'))
            .then(|| rest[..digits].parse::<i32>().ok())
            .flatten()
    });
    let by_period = PLAN_PERIODS.iter().find_map(|(name, end)| {
        sentence.match_indices(name).find_map(|(at, _)| {
            let rest = sentence[at + name.len()..].trim_start_matches(['”', '"', '’', '\'', '」']);
            PERIOD_WORDS.iter().any(|w| rest.starts_with(w)).then_some(*end)
        })
    });
    let average = ["年均", "年平均", "平均每年", "每年平均"]
        .iter()
        .any(|w| head.contains(w));
    match (by_year.or(by_period), average) {
        (Some(end), _) => Some(Some(end)),
        (None, true) => Some(None),
        (None, false) => None,
    }
}

/// Figures of one sentence (`range` of `text`).
fn in_sentence(text: &str, range: Range<usize>, kind: FigureKind, out: &mut Vec<Found>) {
    let sentence = &text[range.clone()];
    let mut previous: Option<String> = None;
    let mut levels: Vec<String> = Vec::new();
    let mut clause_start = 0;
    let clauses: Vec<&str> = sentence
        .split_inclusive([',', ';', ':', '，', '；', '：', '。', '!', '?', '\n'])
        .collect();
    let opening = clauses
        .first()
        .filter(|c| numbers(c).next().is_none())
        .copied()
        .unwrap_or("");
    for (ci, clause) in clauses.iter().enumerate() {
        let at = clause_start;
        clause_start += clause.len();
        let body = clause.trim_end_matches([',', ';', ':', '，', '；', '：', '。', '!', '?', '\n', ' ']);
        let base = range.start + at;
        let found: Vec<Range<usize>> = numbers(body).collect();
        let before = out.len();
        if let Some(list) = respectively_list(body, &found) {
            let head = &body[..found[0].start];
            let period = plan_period(if ci == 0 { "" } else { opening }, head);
            if let Some((nouns, verb, change)) = respectively(head, found.len(), &levels) {
                for (i, noun) in nouns.into_iter().enumerate() {
                    let number = &list[i.min(list.len() - 1)];
                    push(
                        out,
                        text,
                        &range,
                        base,
                        body,
                        number.clone(),
                        &noun,
                        &verb,
                        change,
                        kind,
                        period,
                    );
                }
                previous = None;
                extra_after(out, before, &clauses, ci, range.start + clause_start);
                continue;
            }
        }
        let mut head_start = 0;
        for number in found {
            let head = &body[head_start..number.start];
            // `按4%左右安排、比上年提高1个百分点`: the trailer belongs to the figure before.
            let head = TRAILERS
                .iter()
                .find_map(|t| head.strip_prefix(t).filter(|r| r.starts_with('、')))
                .unwrap_or(head);
            head_start = number.end;
            if !ends_clause(&body[number.end..]) {
                continue;
            }
            let Some((nouns, verb, change)) = indicator_of(head, previous.as_deref()) else {
                continue;
            };
            let period = plan_period(if ci == 0 { "" } else { opening }, head);
            previous = nouns.last().cloned();
            for noun in nouns {
                if !change {
                    levels.push(noun.clone());
                }
                push(
                    out,
                    text,
                    &range,
                    base,
                    body,
                    number.clone(),
                    &noun,
                    &verb,
                    change,
                    kind,
                    period,
                );
            }
        }
        extra_after(out, before, &clauses, ci, range.start + clause_start);
    }
}

/// Gives the last figure of a clause the next clause as `extra` when that
/// clause qualifies it (`，在实际工作中努力争取更好结果`).
fn extra_after(out: &mut [Found], before: usize, clauses: &[&str], ci: usize, next_start: usize) {
    let Some(next) = clauses.get(ci + 1) else {
        return;
    };
    if out.len() == before || next.bytes().any(|b| b.is_ascii_digit()) || !EXTRA_WORDS.iter().any(|w| next.contains(w))
    {
        return;
    }
    let body = next.trim_end_matches([',', ';', ':', '，', '；', '：', '。', '!', '?', '\n', ' ']);
    let lead = body.len() - body.trim_start().len();
    let extra = next_start + lead..next_start + body.len();
    for f in &mut out[before..] {
        f.extra = Some(extra.clone());
    }
}

/// The numbers of a `分别` clause (`分别增长5%、14%`, `分别增长18.3%和11.7%`):
/// numbers joined only by `、` or `和` after a head holding `分别`, or after a
/// verb alone (`…农村居民人均纯收入5153元，实际增长9.8%和8.5%`).
fn respectively_list(body: &str, found: &[Range<usize>]) -> Option<Vec<Range<usize>>> {
    let first = found.first()?;
    let head = &body[..first.start];
    if !(head.contains("分别") || (found.len() > 1 && verb_only(head))) {
        return None;
    }
    let joined = found
        .windows(2)
        .all(|w| matches!(&body[w[0].end..w[1].start], "、" | "和" | "及"));
    let last = found.last()?;
    (joined && ends_clause(&body[last.end..])).then(|| found.to_vec())
}

/// True when `rest`, the text after a figure, lets it end its clause: nothing,
/// a trailer (`安排`), a parenthesis, or `、` going on with other text
/// (`增长5.5%、增速居一线城市首位`, `按4%左右安排、比上年提高1个百分点`).
fn ends_clause(rest: &str) -> bool {
    let rest = TRAILERS.iter().find_map(|t| rest.strip_prefix(t)).unwrap_or(rest);
    rest.is_empty() || rest.starts_with(['、', '(', '（']) || (rest.starts_with('和') && numbers(rest).next().is_some())
}

/// Adds one figure.
#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Found>,
    text: &str,
    sentence: &Range<usize>,
    base: usize,
    body: &str,
    number: Range<usize>,
    noun: &str,
    verb: &str,
    change: bool,
    kind: FigureKind,
    period: Option<Option<i32>>,
) {
    let Some(v) = parse_value(&body[number.clone()]) else {
        return;
    };
    let qualifier = if v.low != v.high {
        "区间"
    } else {
        match v.suffix {
            "上下" => "左右",
            "" => BOUNDING_VERBS.iter().find(|(b, _)| *b == verb).map_or("", |(_, q)| q),
            s => s,
        }
    };
    out.push(Found {
        indicator: if change {
            format!("{noun}{verb}")
        } else {
            noun.to_string()
        },
        kind,
        horizon: if period.is_some() { Horizon::Plan } else { Horizon::Year },
        end_year: period.flatten(),
        value: base + number.start..base + number.end,
        low: v.low,
        high: v.high,
        unit: v.unit.to_string(),
        qualifier: qualifier.to_string(),
        extra: None,
        sentence: trimmed(text, sentence.clone()),
        key: false,
    });
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
        assert_eq!(f[3].2, "以内");
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
    fn a_paragraph_looking_back_five_years_states_plan_totals() {
        // /work/shared/corpus/national/2006.txt: 4200万人 is the five years' total, not 2005's.
        let t = "五年来,人民生活明显改善。城镇新增就业4200万人。\n2005年,城镇新增就业970万人。";
        let horizons: Vec<(String, Horizon, bool)> = find(t, Part::Review)
            .into_iter()
            .map(|f| (t[f.value.clone()].to_string(), f.horizon, f.key))
            .collect();
        assert_eq!(
            horizons,
            vec![
                ("4200万人".to_string(), Horizon::Plan, false),
                ("970万人".to_string(), Horizon::Year, true)
            ]
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
        assert_eq!(f[2].2, "以上");
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

    #[test]
    fn deficit_ratio_of_2025() {
        // The national 2025 report: the ratio, then its change, in one clause.
        let t = "今年赤字率拟按4%左右安排、比上年提高1个百分点。";
        let f = find(t, Part::Plan);
        assert_eq!((f[0].indicator.as_str(), &t[f[0].value.clone()]), ("赤字率", "4%左右"));
        assert_eq!((f[0].low, f[0].high, f[0].qualifier.as_str()), (4.0, 4.0, "左右"));
        assert_eq!(
            (f[1].indicator.as_str(), &t[f[1].value.clone()]),
            ("赤字率提高", "1个百分点")
        );
        assert!(f[0].key);
    }

    #[test]
    fn ranges_continued_numbers_and_extra() {
        let t = "主要预期目标是:地区生产总值增长4.5%—5%,在实际工作中努力争取更好结果;居民消费价格涨幅2%左右。";
        let f = find(t, Part::Review);
        assert_eq!(f[0].indicator, "地区生产总值增长");
        assert_eq!((f[0].low, f[0].high, f[0].qualifier.as_str()), (4.5, 5.0, "区间"));
        assert_eq!(f[0].extra.clone().map(|e| &t[e]), Some("在实际工作中努力争取更好结果"));
        // The passage makes targets even where the outline says review.
        assert!(f.iter().all(|x| x.kind == FigureKind::Target && x.key));
        let t = "地区生产总值增长5.5%、增速居一线城市首位。";
        assert_eq!(names(t, Part::Review), pairs(&[("地区生产总值增长", "5.5%")]));
    }

    #[test]
    fn passage_on_the_next_line_and_respectively() {
        let t = "今年经济社会发展的主要预期目标是:\n\n国内生产总值增长8%左右;城镇和农村居民人均可支配收入分别增长5.5%左右、7.5%以上,金融机构存贷款余额分别增长5%、14%。";
        let f = find(t, Part::Other);
        assert_eq!(
            f.iter()
                .map(|x| (x.indicator.as_str(), &t[x.value.clone()]))
                .collect::<Vec<_>>(),
            vec![
                ("国内生产总值增长", "8%左右"),
                ("城镇居民人均可支配收入增长", "5.5%左右"),
                ("农村居民人均可支配收入增长", "7.5%以上"),
                ("金融机构存款余额增长", "5%"),
                ("金融机构贷款余额增长", "14%"),
            ]
        );
        assert!(f.iter().all(|x| x.kind == FigureKind::Target && x.key));
        let t = "财政总收入85.4亿元,财政总支出111.6亿元,分别增长18.3%和11.7%。";
        assert_eq!(
            names(t, Part::Review)[2..],
            pairs(&[("财政总收入增长", "18.3%"), ("财政总支出增长", "11.7%")])[..]
        );
    }

    #[test]
    fn plan_horizons_and_chinese_numerals() {
        let t = "“十五五”时期主要目标是:地区生产总值年均增长5%左右。";
        let f = find(t, Part::Plan);
        assert_eq!((f[0].horizon, f[0].end_year), (Horizon::Plan, Some(2030)));
        let f = find(
            "到2027年,全社会研发经费支出相当于全市生产总值的比例达到4.6%。",
            Part::Plan,
        );
        assert_eq!(f[0].indicator, "全社会研发经费支出相当于全市生产总值的比例");
        assert_eq!((f[0].horizon, f[0].end_year), (Horizon::Plan, Some(2027)));
        let t = "今年国民生产总值计划增长百分之八,是留有余地的。";
        let f = find(t, Part::Other);
        assert_eq!(
            (f[0].indicator.as_str(), f[0].low, f[0].kind),
            ("国民生产总值增长", 8.0, FigureKind::Target)
        );
        let f = find("城镇新增就业超10万人,细颗粒物平均浓度降至30微克/立方米。", Part::Review);
        assert_eq!(
            (f[0].indicator.as_str(), f[0].qualifier.as_str()),
            ("城镇新增就业", "以上")
        );
    }
}
