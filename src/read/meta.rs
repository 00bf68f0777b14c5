//! Report metadata: title, jurisdiction, year of delivery and kind, detected from
//! the title, the delivery line, the body and the file name (in that order).

use serde::Serialize;

/// What sort of document a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 政府工作报告.
    WorkReport,
    /// 五年规划的建议 / 规划纲要.
    PlanProposal,
    /// A summary or digest of a report (newspaper version).
    Summary,
    /// A news story about reports.
    News,
}

impl Kind {
    /// The JSON name, also used in terminal output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::WorkReport => "work_report",
            Kind::PlanProposal => "plan_proposal",
            Kind::Summary => "summary",
            Kind::News => "news",
        }
    }

    /// The Chinese name a reader sees in pages and in place of a missing title.
    pub fn label(self) -> &'static str {
        match self {
            Kind::WorkReport => "政府工作报告",
            Kind::PlanProposal => "规划建议／纲要",
            Kind::Summary => "报告摘要",
            Kind::News => "新闻报道",
        }
    }
}

/// Metadata of one report (the `meta` object of the JSON contract).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportMeta {
    /// The input path as given.
    pub path: String,
    /// The title, if the scrape had one.
    pub title: Option<String>,
    /// City, district, town, province or 国务院.
    pub jurisdiction: Option<String>,
    /// Year of delivery.
    pub year: Option<i32>,
    /// Kind of document.
    pub kind: Kind,
}

impl ReportMeta {
    /// A short human label: `2025 广州市` or the file name.
    pub fn label(&self) -> String {
        match (self.year, &self.jurisdiction) {
            (Some(y), Some(j)) => format!("{y} {j}"),
            (Some(y), None) => format!("{y}"),
            (None, Some(j)) => j.clone(),
            (None, None) => self.path.clone(),
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

/// Detects the metadata of a report with normalized `text` and `title`.
/// `article` is true for a piece that began at a `原标题:` marker.
pub fn detect(path: &str, title: Option<&str>, text: &str, article: bool) -> ReportMeta {
    let head: String = text.chars().take(600).collect();
    let kind = detect_kind(title, &head, text.chars().count(), article);
    let year = title
        .and_then(year_in_title)
        .or_else(|| delivery_year(&head))
        .or_else(|| year_from_path(path))
        .or_else(|| review_year(text))
        .or_else(|| leading_year(&head));
    let jurisdiction = title
        .and_then(jurisdiction_in_title)
        .or_else(|| jurisdiction_in_body(&head))
        .or_else(|| most_frequent_place(text));
    ReportMeta {
        path: path.to_string(),
        title: title.map(str::to_string),
        jurisdiction,
        year,
        kind,
    }
}

fn detect_kind(title: Option<&str>, head: &str, text_len: usize, article: bool) -> Kind {
    if let Some(t) = title {
        if t.contains("规划的建议") || t.contains("规划建议") || t.contains("规划纲要") {
            return Kind::PlanProposal;
        }
        if t.contains("工作报告") || t.contains("施政报告") {
            return Kind::WorkReport;
        }
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

/// `2019年增城区中新镇政府工作报告` → 2019; a five-year-plan proposal → the year
/// before its plan starts.
fn year_in_title(title: &str) -> Option<i32> {
    let c = chars(title);
    for i in 0..c.len() {
        if c[i] == '年' {
            if let Some(y) = year_before(&c, i) {
                return Some(y);
            }
        }
    }
    let plan = title.find("第")?;
    let rest = &title[plan + '第'.len_utf8()..];
    let end = rest.find("个五年")?;
    let n = crate::text::parse_cjk_number(&rest[..end])? as i32;
    (n >= 6).then_some(1981 + 5 * (n - 6) - 1)
}

/// The year of a full date `YYYY年M月D日` used as a delivery line: after `——`,
/// inside parentheses, or followed by `在`.
fn delivery_year(head: &str) -> Option<i32> {
    let c = chars(head);
    for i in 0..c.len() {
        if c[i] != '年' {
            continue;
        }
        let Some(y) = year_before(&c, i) else { continue };
        // M月D日
        let mut j = i + 1;
        let digits = |j: &mut usize| {
            let s = *j;
            while *j < c.len() && c[*j].is_ascii_digit() {
                *j += 1;
            }
            *j > s && *j - s <= 2
        };
        if !(digits(&mut j) && c.get(j) == Some(&'月')) {
            continue;
        }
        j += 1;
        if !(digits(&mut j) && c.get(j) == Some(&'日')) {
            continue;
        }
        let before = &c[i.saturating_sub(6)..i - 4];
        let after = c.get(j + 1).copied();
        let delivered = before.ends_with(&['—']) || before.contains(&'(') || after == Some('在') || after == Some(')');
        if delivered {
            return Some(y);
        }
    }
    None
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

/// `2019年增城区中新镇政府工作报告` → `增城区中新镇`;
/// `中共广州市委关于制定…` → `广州市`.
fn jurisdiction_in_title(title: &str) -> Option<String> {
    if let Some(rest) = title.strip_prefix("中共") {
        if let Some(i) = rest.find("委") {
            return non_empty_place(&rest[..i]);
        }
    }
    let end = ["人民政府工作报告", "政府工作报告", "人民政府", "工作报告"]
        .iter()
        .find_map(|k| title.find(k))?;
    let before = &title[..end];
    let start = before.rfind('年').map_or(0, |i| i + '年'.len_utf8());
    non_empty_place(&before[start..])
}

fn non_empty_place(s: &str) -> Option<String> {
    let s = s.trim();
    let n = s.chars().count();
    let ok = (2..=16).contains(&n) && s.chars().all(crate::text::is_cjk);
    ok.then(|| s.to_string())
}

/// `在广州市第十五届人民代表大会` → `广州市`; `我代表中新镇人民政府` → `中新镇`;
/// `我代表国务院` → `国务院`.
fn jurisdiction_in_body(head: &str) -> Option<String> {
    if [
        "我代表国务院",
        "我代表中央人民政府",
        "国务院决定由我",
        "届全国人民代表大会",
    ]
    .iter()
    .any(|k| head.contains(k))
    {
        return Some("国务院".to_string());
    }
    if let Some(i) = head.find("届人民代表大会") {
        let before = &head[..i];
        if let Some(d) = before.rfind('第') {
            let b = &before[..d];
            let start = b
                .rfind(['在', '\n', ' ', ')'])
                .map_or(0, |k| k + b[k..].chars().next().map_or(1, char::len_utf8));
            if let Some(p) = non_empty_place(&b[start..]) {
                if p.ends_with(PLACE_SUFFIXES) {
                    return Some(p);
                }
            }
        }
    }
    if ["我国各族人民", "全国各族人民", "受中共中央和国务院"]
        .iter()
        .any(|k| head.contains(k))
    {
        return Some("国务院".to_string());
    }
    let i = head.find("我代表")?;
    let rest = &head[i + "我代表".len()..];
    let end = rest.find("人民政府")?;
    non_empty_place(&rest[..end]).filter(|p| p.chars().count() >= 2)
}

/// Provincial-level divisions (with their suffix) and major cities, for reports
/// whose jurisdiction is named only in the body.
const PLACES: &[&str] = &[
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
    "广州市",
    "深圳市",
    "珠海市",
    "汕头市",
    "佛山市",
    "韶关市",
    "湛江市",
    "肇庆市",
    "江门市",
    "茂名市",
    "惠州市",
    "梅州市",
    "汕尾市",
    "河源市",
    "阳江市",
    "清远市",
    "东莞市",
    "中山市",
    "潮州市",
    "揭阳市",
    "云浮市",
    "石家庄市",
    "太原市",
    "呼和浩特市",
    "沈阳市",
    "大连市",
    "长春市",
    "哈尔滨市",
    "南京市",
    "苏州市",
    "无锡市",
    "杭州市",
    "宁波市",
    "温州市",
    "合肥市",
    "福州市",
    "厦门市",
    "泉州市",
    "南昌市",
    "济南市",
    "青岛市",
    "郑州市",
    "武汉市",
    "长沙市",
    "南宁市",
    "海口市",
    "成都市",
    "贵阳市",
    "昆明市",
    "拉萨市",
    "西安市",
    "兰州市",
    "西宁市",
    "银川市",
    "乌鲁木齐市",
];

/// The listed place named most often (at least three times), by its short name
/// (`天津` counts for 天津市).
fn most_frequent_place(text: &str) -> Option<String> {
    PLACES
        .iter()
        .map(|p| {
            let short = p
                .trim_end_matches(['省', '市'])
                .trim_end_matches("自治区")
                .trim_end_matches("特别行政区");
            let short: String = short.chars().take(2).collect();
            (text.matches(short.as_str()).count(), *p)
        })
        .filter(|&(n, _)| n >= 3)
        .max_by_key(|&(n, p)| (n, std::cmp::Reverse(p)))
        .map(|(_, p)| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_sources() {
        assert_eq!(year_in_title("2019年增城区中新镇政府工作报告"), Some(2019));
        assert_eq!(
            year_in_title("中共广州市委关于制定广州市国民经济和社会发展第十五个五年规划的建议"),
            Some(2025)
        );
        assert_eq!(
            delivery_year("广州市2021年1月29日在广州市第十五届人民代表大会"),
            Some(2021)
        );
        assert_eq!(delivery_year("政府工作报告汤剑宁(2019年1月26日)各位代表"), Some(2019));
        assert_eq!(delivery_year("2024年8月21日,商务部决定"), None);
        assert_eq!(year_from_path("../corpus/national/2013.txt"), Some(2013));
        assert_eq!(year_from_path("report-20130.txt"), None);
        assert_eq!(review_year("一、过去五年及2022年工作回顾"), Some(2023));
    }

    #[test]
    fn jurisdictions() {
        assert_eq!(
            jurisdiction_in_title("2019年增城区中新镇政府工作报告").as_deref(),
            Some("增城区中新镇")
        );
        assert_eq!(jurisdiction_in_title("广州市政府工作报告").as_deref(), Some("广州市"));
        assert_eq!(jurisdiction_in_title("政府工作报告"), None);
        assert_eq!(
            jurisdiction_in_body("——2022年1月11日在肇庆市第十四届人民代表大会").as_deref(),
            Some("肇庆市")
        );
        assert_eq!(
            jurisdiction_in_body("现在,我代表国务院,向大会报告").as_deref(),
            Some("国务院")
        );
        let body = "我代表市人民政府。天津发展,天津港,天津故事,全市服务,服务业,服务";
        assert_eq!(most_frequent_place(body).as_deref(), Some("天津市"));
    }
}
