//! Report metadata: title, jurisdiction, year of delivery and kind, detected from
//! the title, the delivery line, the body and the file name (in that order).

use crate::read::gazetteer::{short_name, Gazetteer, Level};
use serde::Serialize;

/// What sort of document a report is. What each kind is called and how it
/// is recognised is data: [`KINDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 政府工作报告.
    WorkReport,
    /// A five-year (or ten-year) plan, 规划纲要 / 五年计划: parts 篇, chapters
    /// 章, sections 节; dated by the year of its adoption.
    Plan,
    /// 关于制定…规划的建议: the party's proposal for a plan.
    PlanProposal,
    /// 施政报告: the Chief Executive's policy address (Hong Kong, Macao).
    PolicyAddress,
    /// A summary or digest of a report (newspaper version).
    Summary,
    /// A news story about reports.
    News,
}

/// One kind of document: its names and the title words that identify it.
pub struct KindSpec {
    /// The kind.
    pub kind: Kind,
    /// The JSON name.
    pub name: &'static str,
    /// The Chinese name a reader sees.
    pub label: &'static str,
    /// A title holding one of these is of this kind (checked in [`KINDS`] order,
    /// so a plan proposal's `规划的建议` wins over the plan's `规划`).
    pub title_words: &'static [&'static str],
    /// One a year: a series of them misses the years with none. A plan
    /// follows the previous plan, not the previous year.
    pub annual: bool,
}

/// Every kind, in the order titles are checked.
pub const KINDS: &[KindSpec] = &[
    KindSpec {
        kind: Kind::PlanProposal,
        name: "plan_proposal",
        label: "规划建议",
        title_words: &["规划的建议", "规划建议", "计划的建议"],
        annual: false,
    },
    KindSpec {
        kind: Kind::Plan,
        name: "plan",
        label: "规划纲要",
        title_words: &[
            "规划纲要",
            "计划纲要",
            "远景目标纲要",
            "五年计划",
            "五年规划",
            "十年规划",
        ],
        annual: false,
    },
    KindSpec {
        kind: Kind::PolicyAddress,
        name: "policy_address",
        label: "施政报告",
        title_words: &["施政报告", "施政報告"],
        annual: true,
    },
    KindSpec {
        kind: Kind::WorkReport,
        name: "work_report",
        label: "政府工作报告",
        title_words: &["工作报告", "工作報告"],
        annual: true,
    },
    KindSpec {
        kind: Kind::Summary,
        name: "summary",
        label: "报告摘要",
        title_words: &[],
        annual: true,
    },
    KindSpec {
        kind: Kind::News,
        name: "news",
        label: "新闻报道",
        title_words: &[],
        annual: true,
    },
];

impl Kind {
    fn spec(self) -> &'static KindSpec {
        KINDS.iter().find(|k| k.kind == self).unwrap_or(&KINDS[0])
    }

    /// The JSON name, also used in terminal output.
    pub fn as_str(self) -> &'static str {
        self.spec().name
    }

    /// The Chinese name a reader sees in pages and in place of a missing title.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// True for a kind delivered once a year (a series of them misses the
    /// years without one).
    pub fn annual(self) -> bool {
        self.spec().annual
    }

    /// The kind a title names, if any.
    pub fn of_title(title: &str) -> Option<Kind> {
        KINDS
            .iter()
            .find(|k| k.title_words.iter().any(|w| title.contains(w)))
            .map(|k| k.kind)
    }
}

/// Metadata of one report (the `meta` object of the JSON contract).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ReportMeta {
    /// The input path as given.
    pub path: String,
    /// The title: the front matter's, the scrape's title line, or
    /// `政府工作报告` when the text says it is one.
    pub title: Option<String>,
    /// City, district, town, province or 国务院 (official full name when the
    /// gazetteer knows it).
    pub jurisdiction: Option<String>,
    /// The year whose work the report plans: the year of delivery, or the next
    /// one for a report delivered in November or December.
    pub year: Option<i32>,
    /// Kind of document.
    pub kind: Kind,
    /// The original address (`source:` of a Markdown front matter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl ReportMeta {
    /// A short human label: `2025 广州市` or the file name, its control
    /// characters and bidi overrides escaped: a name is the one label part
    /// that normalization never saw, and with colour on an escape sequence in
    /// it would otherwise pass for one of the renderer's own.
    pub fn label(&self) -> String {
        match (self.year, &self.jurisdiction) {
            (Some(y), Some(j)) => format!("{y} {j}"),
            (Some(y), None) => format!("{y}"),
            (None, Some(j)) => j.clone(),
            (None, None) => crate::text::escape_for_display(&self.path).into_owned(),
        }
    }

    /// The title, or a Chinese description (`（政府工作报告）`) when the scrape
    /// had none: readers of these reports read Chinese, in pages and terminal.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => format!("（{}）", self.kind.label()),
        }
    }
}

/// How much of the text's start holds the title block, the delivery line and
/// the speaker (a congress resolution printed first may come before them).
const HEAD_CHARS: usize = 3000;

/// Detects the metadata of a report with normalized `text` and `title`.
/// `article` is true for a piece that began at a `原标题:` marker.
pub fn detect(path: &str, title: Option<&str>, text: &str, article: bool) -> ReportMeta {
    let head: String = text.chars().take(HEAD_CHARS).collect();
    let kind = detect_kind(title, &head, text.chars().count(), article);
    let adopted = (kind == Kind::Plan)
        .then(|| {
            adoption_year(&head)
                .or_else(|| title.and_then(period_start))
                .or_else(|| title.and_then(numbered_plan_start))
        })
        .flatten();
    let year = adopted
        .or_else(|| title.and_then(year_in_title))
        .or_else(|| year_in_text(&head, text))
        .or_else(|| year_from_path(path))
        .or_else(|| leading_year(&head));
    let jurisdiction = match (title.and_then(jurisdiction_in_title), congress_place(&head)) {
        // The congress the report is delivered to outranks a mislabelled title
        // (`大理市政府工作报告` delivered to 大理白族自治州's congress), unless
        // one names the other (`增城区中新镇` / `中新镇`).
        (Some(t), Some(c)) if !t.contains(&c) && !c.contains(&t) => Some(c),
        (Some(t), _) => Some(t),
        (None, _) => jurisdiction_in_body(&head).or_else(|| most_frequent_place(text)),
    };
    // A plan or a proposal of the whole country is the nation's, not the
    // government's (国务院) nor its dateline's (新华社北京…电).
    let national = title.is_some_and(|t| t.starts_with("中华人民共和国"))
        || jurisdiction.as_deref() == Some("国务院")
        || (title.and_then(jurisdiction_in_title).is_none() && national_opening(&head));
    let jurisdiction = if matches!(kind, Kind::Plan | Kind::PlanProposal) && national {
        Some("全国".to_string())
    } else {
        jurisdiction
    };
    let title = title
        .map(str::to_string)
        .or_else(|| (kind == Kind::WorkReport && names_itself(&head)).then(|| "政府工作报告".to_string()));
    ReportMeta {
        path: path.to_string(),
        title,
        jurisdiction,
        year,
        kind,
        source: None,
    }
}

/// The year a plan was adopted: the date of the line that says the congress
/// adopted (通过) or approved (批准) it, as it stands (a plan adopted in
/// December is that year's, unlike a report delivered then).
fn adoption_year(head: &str) -> Option<i32> {
    head.split('\n')
        .filter(|l| l.contains("代表大会") && (l.contains("通过") || l.contains("批准")))
        .find_map(|line| {
            // `1982 年 12 月`: the digits of a converted PDF stand apart.
            let c: Vec<char> = line.chars().filter(|&ch| ch != ' ').collect();
            (0..c.len())
                .filter(|&i| c[i] == '年')
                .find_map(|i| year_before(&c, i).or_else(|| cjk_year(&c, i).map(|(y, _)| y)))
        })
}

/// The first year of a numbered five-year plan: `第十二个五年规划` → 2011
/// (regular from the sixth, 1981–1985).
fn numbered_plan_start(title: &str) -> Option<i32> {
    let rest = &title[title.find("第")? + '第'.len_utf8()..];
    let n = crate::text::parse_cjk_number(&rest[..rest.find("个五年")?])? as i32;
    (n >= 6).then_some(1981 + 5 * (n - 6))
}

/// The first year of a period a title names: `1976—1985年` → 1976,
/// `(一九五三—一九五七)` → 1953.
fn period_start(title: &str) -> Option<i32> {
    let c = chars(title);
    (0..c.len()).find_map(|i| {
        if !matches!(c[i], '—' | '-' | '–' | '～' | '~' | '至') {
            return None;
        }
        let first = year_before(&c, i).or_else(|| cjk_year(&c, i).map(|(y, _)| y))?;
        let next = c.get(i + 1..i + 5)?;
        let second = chars_year(next)?;
        (second > first && second - first <= 15).then_some(first)
    })
}

/// Four Arabic digits or Chinese numerals as a year.
fn chars_year(c: &[char]) -> Option<i32> {
    let mut with_end = c.to_vec();
    with_end.push('年');
    arabic_year(&with_end, 4)
        .or_else(|| cjk_year(&with_end, 4))
        .map(|(y, _)| y)
}

/// The opening speaks for the whole country.
fn national_opening(head: &str) -> bool {
    let opening: String = head.chars().take(600).collect();
    ["全国人民代表大会", "中华人民共和国", "我国", "全国"]
        .iter()
        .any(|k| opening.contains(k))
}

/// The opening says what the text is: `向大会报告政府工作`, `作政府工作报告`.
fn names_itself(head: &str) -> bool {
    let opening: String = head.chars().take(800).collect();
    [
        "政府工作报告",
        "报告政府工作",
        "向大会报告工作",
        "向大会作工作报告",
        "报告过去",
    ]
    .iter()
    .any(|k| opening.contains(k))
        || (opening.contains("向大会报告") && opening.contains("工作"))
}

fn detect_kind(title: Option<&str>, head: &str, text_len: usize, article: bool) -> Kind {
    if let Some(kind) = title.and_then(Kind::of_title) {
        return kind;
    }
    if article {
        return Kind::News;
    }
    // A newspaper summary is short; an untitled long text is the report itself.
    if head.contains("各位代表") || head.contains("向大会报告") || text_len > 8000 {
        Kind::WorkReport
    } else {
        Kind::Summary
    }
}

/// Chars of `s` as a vector (the detectors index by char).
fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// The 4-digit year that ends right before char index `i` (exclusive), if any.
fn year_before(c: &[char], i: usize) -> Option<i32> {
    if i < 4 || (i >= 5 && c[i - 5].is_ascii_digit()) {
        return None;
    }
    let s: String = c[i - 4..i].iter().collect();
    let y: i32 = s.parse().ok()?;
    (1949..=2100).contains(&y).then_some(y)
}

/// A full date `YYYY年M月D日` (Arabic digits or Chinese numerals,
/// `二〇二一年一月十八日`) found in a text, by char positions.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Date {
    start: usize,
    end: usize,
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// The year whose work a report delivered on this date plans.
    fn plan_year(self) -> i32 {
        if self.month >= 11 {
            self.year + 1
        } else {
            self.year
        }
    }
}

/// Every full date in `c`.
fn dates(c: &[char]) -> Vec<Date> {
    let mut out = Vec::new();
    for i in 0..c.len() {
        if c[i] != '年' {
            continue;
        }
        let Some((year, start)) = arabic_year(c, i).or_else(|| cjk_year(c, i)) else {
            continue;
        };
        let Some((month, j)) = number_before(c, i + 1, '月').filter(|(m, _)| (1..=12).contains(m)) else {
            continue;
        };
        let Some((day, k)) = number_before(c, j, '日').filter(|(d, _)| (1..=31).contains(d)) else {
            continue;
        };
        out.push(Date {
            start,
            end: k,
            year,
            month,
            day,
        });
    }
    out
}

fn arabic_year(c: &[char], i: usize) -> Option<(i32, usize)> {
    year_before(c, i).map(|y| (y, i - 4))
}

/// `二〇二一` / `二○二一` / `二零二一` before `年`.
fn cjk_year(c: &[char], i: usize) -> Option<(i32, usize)> {
    if i < 4 {
        return None;
    }
    let mut y = 0;
    for &ch in &c[i - 4..i] {
        let d = match ch {
            '〇' | '○' | '零' | 'Ｏ' | 'O' => 0,
            _ => "一二三四五六七八九".chars().position(|n| n == ch)? as i32 + 1,
        };
        y = y * 10 + d;
    }
    (1949..=2100).contains(&y).then_some((y, i - 4))
}

/// A number (1–2 Arabic digits or a Chinese numeral up to 三十一) starting at
/// `from` and followed by `unit`: its value and the index after the unit.
fn number_before(c: &[char], from: usize, unit: char) -> Option<(u32, usize)> {
    let len = c[from.min(c.len())..]
        .iter()
        .take(4)
        .take_while(|&&ch| ch.is_ascii_digit() || (crate::text::is_cjk_numeral(ch) && ch != '百'))
        .count();
    if len == 0 || c.get(from + len) != Some(&unit) {
        return None;
    }
    let s: String = c[from..from + len].iter().collect();
    let v = if s.chars().all(|ch| ch.is_ascii_digit()) {
        (len <= 2).then(|| s.parse().ok()).flatten()?
    } else {
        crate::text::parse_cjk_number(&s)?
    };
    Some((v, from + len + 1))
}

/// The year a title names: a delivery date in it (`（2021年12月29日 马洪海）` →
/// 2022), else its first `YYYY年` (`2019年增城区中新镇政府工作报告`); a
/// five-year-plan proposal → the year before its plan starts.
fn year_in_title(title: &str) -> Option<i32> {
    let c = chars(title);
    if let Some(d) = dates(&c).first() {
        return Some(d.plan_year());
    }
    for i in 0..c.len() {
        if c[i] == '年' {
            if let Some(y) = year_before(&c, i) {
                return Some(y);
            }
        }
    }
    numbered_plan_start(title).map(|y| y - 1)
}

/// The year from the text: the delivery date in the head, confirmed (or, when
/// there is none, given) by a `YYYY年工作安排`-style heading; else the year
/// after a `YYYY年工作回顾`.
fn year_in_text(head: &str, text: &str) -> Option<i32> {
    let delivered = delivery_date(head);
    let planned = plan_heading_year(text);
    match (delivered, planned) {
        // A plan heading for the delivery year or the next one settles it.
        (Some(d), Some(p)) if p == d.year || p == d.year + 1 => Some(p),
        (Some(d), _) => Some(d.plan_year()),
        (None, Some(p)) => Some(p),
        (None, None) => review_year(text),
    }
}

/// The day a report was delivered, `(year, month, day)`: the date in its title
/// (`（2021年1月14日 李兵）`), else the delivery line in the first 600 chars.
pub fn delivered_on(title: Option<&str>, text: &str) -> Option<(i32, u32, u32)> {
    let in_title = title.and_then(|t| dates(&chars(t)).into_iter().next());
    let head: String = text.chars().take(600).collect();
    in_title
        .or_else(|| delivery_date(&head))
        .map(|d| (d.year, d.month, d.day))
}

/// The delivery date: a full date after `——`, inside parentheses, followed by
/// `在`, or alone on its line.
fn delivery_date(head: &str) -> Option<Date> {
    let c = chars(head);
    dates(&c).into_iter().find(|d| {
        let before = &c[d.start.saturating_sub(2)..d.start];
        let line_start = d.start == 0 || c[d.start - 1] == '\n';
        let after = c.get(d.end).copied();
        let line_end = matches!(after, None | Some('\n'));
        before.ends_with(&['—'])
            || before.contains(&'(')
            || matches!(after, Some('在' | ')' | ' '))
            || (line_start && line_end)
            || (before.ends_with(&['\n']) && after == Some('在'))
    })
}

/// Words that make `YYYY年…` a heading of the year's plan.
const PLAN_WORDS: &[&str] = &[
    "年工作安排",
    "年重点工作",
    "年主要任务",
    "年工作任务",
    "年目标任务",
    "年政府工作",
    "年主要工作",
    "年工作总体要求",
    "年经济社会发展",
];

/// `二、2022年工作安排` (a short paragraph) → 2022.
fn plan_heading_year(text: &str) -> Option<i32> {
    text.split('\n')
        .filter(|p| p.chars().count() <= 40 && !p.contains('。'))
        .find_map(|p| {
            PLAN_WORDS.iter().find_map(|w| {
                let i = p.find(w)?;
                let c = chars(&p[..i + '年'.len_utf8()]);
                year_before(&c, c.len() - 1)
            })
        })
}

/// `2013.txt`, `reports/gz-2021.txt` → the 4-digit year in the file name.
pub fn year_from_path(path: &str) -> Option<i32> {
    let name = std::path::Path::new(path).file_stem()?.to_string_lossy().to_string();
    let c = chars(&name);
    let mut i = 0;
    while i < c.len() {
        if c[i].is_ascii_digit() {
            let s = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            if i - s == 4 {
                let y: i32 = c[s..i].iter().collect::<String>().parse().ok()?;
                if (1949..=2100).contains(&y) {
                    return Some(y);
                }
            }
        } else {
            i += 1;
        }
    }
    None
}

/// `过去五年及2022年工作回顾` → 2023: a review of year N is delivered in N+1.
fn review_year(text: &str) -> Option<i32> {
    let i = text.find("年工作回顾")?;
    let c = chars(&text[..i]);
    year_before(&c, c.len()).map(|y| y + 1)
}

/// A summary that opens `2023年,广州将…`.
fn leading_year(head: &str) -> Option<i32> {
    let c = chars(head);
    if c.get(4) == Some(&'年') {
        year_before(&c, 4)
    } else {
        None
    }
}

const PLACE_SUFFIXES: &[char] = &['省', '市', '区', '县', '镇', '乡', '州', '盟', '旗'];

/// A place name as written, checked: the gazetteer's official name when it
/// knows it (`凉山州` → `凉山彝族自治州`), the name as written when it is below
/// the gazetteer's levels (`增城区中新镇`), nothing when it is not a name
/// (`自治州`, `第十四届`).
fn place(written: &str) -> Option<String> {
    let s = written.trim();
    let n = s.chars().count();
    if !(2..=16).contains(&n) || !s.chars().all(crate::text::is_cjk) {
        return None;
    }
    if let Some(d) = Gazetteer::global().resolve(s) {
        return Some(d.name);
    }
    let base = s.trim_end_matches(PLACE_SUFFIXES);
    let generic = base.chars().count() < 2
        || base.ends_with("自治")
        || base.contains(['第', '届'])
        || ["本", "全", "我", "该"].iter().any(|p| base.starts_with(p));
    (s.ends_with(PLACE_SUFFIXES) && !generic).then(|| s.to_string())
}

/// `2019年增城区中新镇政府工作报告` → `增城区中新镇`;
/// `中共广州市委关于制定…` → `广州市`.
fn jurisdiction_in_title(title: &str) -> Option<String> {
    if let Some(rest) = title.strip_prefix("中共") {
        if let Some(i) = rest.find("委") {
            return place(&rest[..i]);
        }
    }
    let end = ["人民政府工作报告", "政府工作报告", "人民政府", "工作报告"]
        .iter()
        .find_map(|k| title.find(k))?;
    let before = &title[..end];
    let start = before.rfind('年').map_or(0, |i| i + '年'.len_utf8());
    place(&before[start..])
}

/// The congress line (`在七台河市第十一届人民代表大会`), then the speaker line
/// (`我代表中新镇人民政府`, `凉山州人民政府州长 某某`); `我代表国务院` →
/// `国务院`.
fn jurisdiction_in_body(head: &str) -> Option<String> {
    // The national markers only count in the opening: a local report may cite
    // the 全国人民代表大会 further on.
    let opening: String = head.chars().take(600).collect();
    if [
        "我代表国务院",
        "我代表中央人民政府",
        "国务院决定由我",
        "届全国人民代表大会",
    ]
    .iter()
    .any(|k| opening.contains(k))
    {
        return Some("国务院".to_string());
    }
    if let Some(p) = congress_place(head) {
        return Some(p);
    }
    if ["我国各族人民", "全国各族人民", "受中共中央和国务院"]
        .iter()
        .any(|k| opening.contains(k))
    {
        return Some("国务院".to_string());
    }
    for (i, _) in head.match_indices("人民政府") {
        let b = &head[..i];
        let start = b
            .rfind(['代', '表', '\n', ' ', ',', '。', ')'])
            .map_or(0, |k| k + b[k..].chars().next().map_or(1, char::len_utf8));
        if let Some(p) = place(&b[start..]) {
            return Some(p);
        }
    }
    None
}

/// The place of the congress the report is delivered to
/// (`在七台河市第十一届人民代表大会` → `七台河市`).
fn congress_place(head: &str) -> Option<String> {
    head.match_indices("届人民代表大会").find_map(|(i, _)| {
        let before = &head[..i];
        let b = &before[..before.rfind('第')?];
        let start = b
            .rfind(['在', '\n', ' ', ')', '—', '日'])
            .map_or(0, |k| k + b[k..].chars().next().map_or(1, char::len_utf8));
        place(&b[start..])
    })
}

/// The most-named division (at least three times, by its name without suffix:
/// `天津` counts for 天津市) of the level the text speaks as: a text that says
/// `全市`/`我市` more than `全省`/`我省` is a city's, and a city's report is
/// never given its province.
fn most_frequent_place(text: &str) -> Option<String> {
    let count = |words: &[&str]| words.iter().map(|w| text.matches(w).count()).sum::<usize>();
    let city = count(&["全市", "我市", "本市", "市委", "市政府"]);
    let province = count(&["全省", "我省", "本省", "省委", "省政府"]);
    let region = count(&["特区政府", "本港", "全港", "本澳", "全澳"]);
    let g = Gazetteer::global();
    let candidates: Vec<&str> = if region > city.max(province) {
        g.names_at(Level::Province)
            .filter(|n| n.ends_with("特别行政区"))
            .collect()
    } else if province > city {
        g.names_at(Level::Province).collect()
    } else if city > 0 {
        g.names_at(Level::Prefecture)
            .chain(g.names_at(Level::Province).filter(|n| n.ends_with('市')))
            .collect()
    } else {
        return None;
    };
    candidates
        .into_iter()
        .filter_map(|p| {
            let short = short_name(p)?;
            let short: String = short.chars().take(2).collect();
            Some((mentions(text, p, &short)?, p))
        })
        .filter(|&(n, _)| n >= 3)
        .max_by_key(|&(n, p)| (n, std::cmp::Reverse(p)))
        .map(|(_, p)| p.to_string())
}

/// Different chars after a short name that make it a mention without the full name.
const MIN_DISTINCT_CONTEXTS: usize = 3;

/// How often a text names the division `name` by its `short` form, when it
/// names it at least once in full (or with its suffix kind, `长治市`):
/// `长治久安` and `上海合作组织` alone are no mention of 长治市 or 上海市.
/// A news dateline (`新华社北京3月5日电`) is where the story was filed, no mention.
fn mentions(text: &str, name: &str, short: &str) -> Option<usize> {
    let suffix = name.chars().last()?;
    let named = text.contains(name)
        || text.contains(&format!("{short}{suffix}"))
        || (name.ends_with("特别行政区") && text.contains(&format!("{short}特区")));
    // A text that never writes the full name still names the place when the
    // short form stands in several different phrases (`廣州將`, `廣州路徑`,
    // `廣州實驗室`); a word that merely contains it repeats one phrase
    // (`长治久安`, `上海合作组织`).
    let mut next: Vec<char> = text
        .match_indices(short)
        .filter_map(|(at, _)| text[at + short.len()..].chars().next())
        .collect();
    next.sort_unstable();
    next.dedup();
    if !named && next.len() < MIN_DISTINCT_CONTEXTS {
        return None;
    }
    let datelines = text.matches(&format!("社{short}")).count();
    Some(text.matches(short).count().saturating_sub(datelines))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivered(head: &str) -> Option<i32> {
        delivery_date(head).map(Date::plan_year)
    }

    #[test]
    fn year_sources() {
        assert_eq!(year_in_title("2019年增城区中新镇政府工作报告"), Some(2019));
        assert_eq!(
            year_in_title("中共广州市委关于制定广州市国民经济和社会发展第十五个五年规划的建议"),
            Some(2025)
        );
        assert_eq!(delivered("广州市2021年1月29日在广州市第十五届人民代表大会"), Some(2021));
        assert_eq!(delivered("政府工作报告汤剑宁(2019年1月26日)各位代表"), Some(2019));
        assert_eq!(delivered("2024年8月21日,商务部决定"), None);
        assert_eq!(year_from_path("../corpus/national/2013.txt"), Some(2013));
        assert_eq!(year_from_path("report-20130.txt"), None);
        assert_eq!(review_year("一、过去五年及2022年工作回顾"), Some(2023));
    }

    #[test]
    fn november_and_december_plan_the_next_year() {
        assert_eq!(year_in_title("中卫市政府工作报告(2021年12月29日 马洪海)"), Some(2022));
        assert_eq!(year_in_title("七台河市政府工作报告(2021年1月14日 李兵)"), Some(2021));
        assert_eq!(delivered("2021年12月29日在中卫市第五届人民代表大会"), Some(2022));
        assert_eq!(delivered("政府工作报告\n二〇二一年一月十八日\n各位代表:"), Some(2021));
        assert_eq!(delivered("——二○二○年十一月二十日在某某市"), Some(2021));
        // The plan heading settles a delivery late in the year.
        assert_eq!(
            year_in_text(
                "——2021年10月28日在某市\n各位代表:",
                "一、回顾\n二、2022年工作安排\n正文。"
            ),
            Some(2022)
        );
        assert_eq!(
            year_in_text("各位代表:", "一、回顾\n二、2024年重点工作\n正文。"),
            Some(2024)
        );
    }

    #[test]
    fn jurisdictions() {
        assert_eq!(
            jurisdiction_in_title("2019年增城区中新镇政府工作报告").as_deref(),
            Some("增城区中新镇")
        );
        assert_eq!(jurisdiction_in_title("广州市政府工作报告").as_deref(), Some("广州市"));
        assert_eq!(jurisdiction_in_title("政府工作报告"), None);
        assert_eq!(jurisdiction_in_title("2026年自治州政府工作报告"), None);
        assert_eq!(
            jurisdiction_in_title("黔南州政府工作报告(2025年1月8日 向承强)").as_deref(),
            Some("黔南布依族苗族自治州")
        );
        assert_eq!(
            jurisdiction_in_body("——2022年1月11日在肇庆市第十四届人民代表大会").as_deref(),
            Some("肇庆市")
        );
        assert_eq!(
            jurisdiction_in_body("2026年1月13日在克孜勒苏柯尔克孜自治州第十五届人民代表大会").as_deref(),
            Some("克孜勒苏柯尔克孜自治州")
        );
        assert_eq!(jurisdiction_in_body("在自治州第十四届人民代表大会"), None);
        assert_eq!(
            jurisdiction_in_body("凉山州人民政府州长 某某\n各位代表:").as_deref(),
            Some("凉山彝族自治州")
        );
        assert_eq!(
            jurisdiction_in_body("现在,我代表国务院,向大会报告").as_deref(),
            Some("国务院")
        );
        // A place is counted when the text names it in full once.
        let body = "我代表天津市人民政府。天津发展,天津港,天津故事,全市服务,服务业,服务";
        assert_eq!(most_frequent_place(body).as_deref(), Some("天津市"));
    }

    #[test]
    fn a_name_inside_a_word_is_no_place() {
        // 长治久安 (Tibet), 上海合作组织: no mention of 长治市 or 上海市.
        let body =
            "全市维护长治久安,长治久安,长治久安,参与上海合作组织,上海合作组织,上海合作组织,拉萨市发展,拉萨,拉萨,市委";
        assert_eq!(most_frequent_place(body).as_deref(), Some("拉萨市"));
        // A dateline names where the story was filed.
        let news = "新华社北京3月5日电 全市,新华社北京,新华社北京,新华社北京,西安市,西安,西安";
        assert_eq!(most_frequent_place(news).as_deref(), Some("西安市"));
    }

    #[test]
    fn hong_kong_policy_address() {
        let body = "施政报告。本港经济,香港特区政府,特区政府,香港发展,香港创新,深圳合作,全港市民";
        assert_eq!(most_frequent_place(body).as_deref(), Some("香港特别行政区"));
        assert_eq!(
            detect_kind(Some("行政長官2023年施政報告"), "", 50000, false),
            Kind::PolicyAddress
        );
        assert_eq!(Kind::PolicyAddress.label(), "施政报告");
    }

    #[test]
    fn every_kind_has_its_names() {
        for kind in [
            Kind::WorkReport,
            Kind::Plan,
            Kind::PlanProposal,
            Kind::PolicyAddress,
            Kind::Summary,
            Kind::News,
        ] {
            assert_eq!(kind.spec().kind, kind);
        }
        assert_eq!(
            Kind::of_title("中共中央关于制定国民经济和社会发展第十四个五年规划的建议"),
            Some(Kind::PlanProposal)
        );
        assert_eq!(
            Kind::of_title("国民经济和社会发展第十一个五年规划纲要"),
            Some(Kind::Plan)
        );
        assert!(!Kind::Plan.annual() && Kind::WorkReport.annual());
    }

    #[test]
    fn plan_years() {
        assert_eq!(
            adoption_year("标题\n(1982 年 12 月 10 日第五届全国人民代表大会第五次会议通过)"),
            Some(1982)
        );
        assert_eq!(period_start("1976—1985年发展国民经济十年规划纲要"), Some(1976));
        assert_eq!(period_start("第一个五年计划(一九五三—一九五七)"), Some(1953));
        assert_eq!(numbered_plan_start("第十二个五年规划纲要"), Some(2011));
    }

    #[test]
    fn a_city_is_not_given_its_province() {
        let body =
            "在省委、省政府和市委的领导下,全市人民。辽宁振兴,辽宁全面振兴,辽宁发展。丹东港,丹东边境,丹东市场,我市,全市";
        assert_eq!(most_frequent_place(body).as_deref(), Some("丹东市"));
    }
}
