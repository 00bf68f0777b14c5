//! The year of a report: delivery dates (Arabic or Chinese numerals), plan
//! headings (`2022年工作安排`), review headings, a plan's adoption line and
//! period, the file name.

/// The year a plan was adopted: the date of the line that says the congress
/// adopted (通过) or approved (批准) it, as it stands (a plan adopted in
/// December is that year's, unlike a report delivered then).
pub(super) fn adoption_year(head: &str) -> Option<i32> {
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
pub(super) fn numbered_plan_start(title: &str) -> Option<i32> {
    let rest = &title[title.find("第")? + '第'.len_utf8()..];
    let n = crate::text::parse_cjk_number(&rest[..rest.find("个五年")?])? as i32;
    (n >= 6).then_some(1981 + 5 * (n - 6))
}

/// The first year of a period a title names: `1976—1985年` → 1976,
/// `(一九五三—一九五七)` → 1953.
pub(super) fn period_start(title: &str) -> Option<i32> {
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
pub(super) fn year_in_title(title: &str) -> Option<i32> {
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
pub(super) fn year_in_text(head: &str, text: &str) -> Option<i32> {
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

/// Words that make a heading a review of the year it names, whatever else it
/// says (`2003年政府工作回顾`, `2023年主要工作总结`).
const REVIEW_WORDS: &[&str] = &["回顾", "总结", "回眸", "成绩", "成就"];

/// `二、2022年工作安排` (a short paragraph) → 2022; a review heading
/// (`一、2003年政府工作回顾`) is none.
fn plan_heading_year(text: &str) -> Option<i32> {
    text.split('\n')
        .filter(|p| p.chars().count() <= 40 && !crate::text::has_char(p, '。'))
        .filter(|p| !REVIEW_WORDS.iter().any(|w| p.contains(w)))
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
/// `2003年政府工作回顾` → 2004: the last year named before `回顾` in a short heading.
fn review_year(text: &str) -> Option<i32> {
    if let Some(i) = text.find("年工作回顾") {
        let c = chars(&text[..i]);
        if let Some(y) = year_before(&c, c.len()) {
            return Some(y + 1);
        }
    }
    text.split('\n')
        .filter(|p| p.chars().count() <= 40 && !crate::text::has_char(p, '。'))
        .find_map(|p| {
            let c = chars(&p[..p.find("回顾")?]);
            (0..c.len())
                .rev()
                .filter(|&i| c[i] == '年')
                .find_map(|i| year_before(&c, i))
        })
        .map(|y| y + 1)
}

/// A summary that opens `2023年,广州将…`.
pub(super) fn leading_year(head: &str) -> Option<i32> {
    let c = chars(head);
    if c.get(4) == Some(&'年') {
        year_before(&c, 4)
    } else {
        None
    }
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
        // A review heading that holds a plan word reviews its year.
        assert_eq!(year_in_text("各位代表:", "一、2003年政府工作回顾\n正文。"), Some(2004));
        assert_eq!(year_in_text("各位代表:", "一、2003年主要工作回顾\n正文。"), Some(2004));
        assert_eq!(
            year_in_text("各位代表:", "一、2003年工作回顾\n正文。\n二、2004年主要工作\n"),
            Some(2004)
        );
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
    fn plan_years() {
        assert_eq!(
            adoption_year("标题\n(1982 年 12 月 10 日第五届全国人民代表大会第五次会议通过)"),
            Some(1982)
        );
        assert_eq!(period_start("1976—1985年发展国民经济十年规划纲要"), Some(1976));
        assert_eq!(period_start("第一个五年计划(一九五三—一九五七)"), Some(1953));
        assert_eq!(numbered_plan_start("第十二个五年规划纲要"), Some(2011));
    }
}
