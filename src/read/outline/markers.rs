//! Numbered-heading markers: where a marker may stand (paragraph starts and
//! inline boundaries), what it says (style, ordinal, the marker as written)
//! and the heading text after it. Which candidates are headings is decided in
//! [`super::numbered`].

use crate::text::{is_cjk, parse_cjk_number};

/// Marker styles in order of rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Style {
    /// `第一篇`, `第一编`, `第一部分`: the parts of a plan.
    PartUnit,
    /// `第一章`.
    ChapterUnit,
    /// `第一节`.
    ArticleUnit,
    CjkComma,
    Ordinal,
    CjkParen,
    Arabic,
    ArabicParen,
    Box,
}

/// Every style, highest rank first.
pub(super) const STYLES: [Style; 9] = [
    Style::PartUnit,
    Style::ChapterUnit,
    Style::ArticleUnit,
    Style::CjkComma,
    Style::Ordinal,
    Style::CjkParen,
    Style::Arabic,
    Style::ArabicParen,
    Style::Box,
];

/// The styles of `candidates` in order of rank: [`STYLES`], except that a
/// `一、` numbering opening before the first `第一章`/`第一节` ranks above them
/// (a plan in parts `一、` holding chapters numbered through).
pub(super) fn rank_order(candidates: &[Candidate]) -> Vec<Style> {
    let first = |style: Style| {
        candidates
            .iter()
            .find(|c| c.style == style && c.ordinal == 1 && c.strength == 3)
            .map(|c| c.pos)
    };
    let units_first = [Style::PartUnit, Style::ChapterUnit, Style::ArticleUnit]
        .into_iter()
        .filter_map(first)
        .min();
    let mut order = STYLES.to_vec();
    if let (Some(comma), Some(unit)) = (first(Style::CjkComma), units_first) {
        if comma < unit {
            order.retain(|&s| s != Style::CjkComma);
            order.insert(0, Style::CjkComma);
        }
    }
    order
}

/// A marker found in the text, before the chains decide whether it is a heading.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    /// Char index of the marker.
    pub(super) pos: usize,
    pub(super) style: Style,
    pub(super) ordinal: u32,
    /// 3 paragraph start, 2 after a sentence end, 1 after a space.
    pub(super) strength: u32,
    /// The marker as written (`一、`, `(三)`).
    pub(super) marker: String,
    /// The heading text after the marker.
    pub(super) heading: String,
}

/// Finds marker candidates at paragraph starts and at inline boundaries.
pub(super) fn find_candidates(chars: &[char]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut para_start = 0;
    // Found once per paragraph: one-line scrapes hold thousands of candidates.
    let mut para_end = line_end(chars, 0);
    for i in 0..chars.len() {
        if chars[i] == '\n' {
            para_start = i + 1;
            para_end = line_end(chars, para_start);
            continue;
        }
        let strength = if i == para_start {
            3
        } else {
            match chars[i - 1] {
                ' ' if i >= 2 && matches!(chars[i - 2], '。' | '!' | '?' | ';' | ':' | '”') => 2,
                '。' | '!' | '?' | ';' | ':' => 2,
                ' ' => 1,
                _ => 0,
            }
        };
        if strength == 0 {
            continue;
        }
        if let Some(mut c) = parse_marker(&chars[i..], i == para_start) {
            c.pos = i;
            c.strength = strength;
            let marker_len = c.marker.chars().count();
            c.heading = heading_text(&chars[(i + marker_len).min(para_end)..para_end], i == para_start);
            if !c.heading.is_empty() || c.marker.chars().all(crate::text::is_cjk_numeral) {
                out.push(c);
            }
        }
    }
    out
}

/// Index of the first `\n` at or after `start`, or the end of the text.
fn line_end(chars: &[char], start: usize) -> usize {
    chars[start.min(chars.len())..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |k| start + k)
}

/// Parses a marker at the start of `s`.
pub(super) fn parse_marker(s: &[char], at_para_start: bool) -> Option<Candidate> {
    let numeral_len = s
        .iter()
        .take(4)
        .take_while(|&&c| crate::text::is_cjk_numeral(c))
        .count();
    let digit_len = s.iter().take(4).take_while(|c| c.is_ascii_digit()).count();
    let make = |style, ordinal, len: usize| Candidate {
        pos: 0,
        style,
        ordinal,
        strength: 0,
        marker: s[..len].iter().collect::<String>().trim_end().to_string(),
        heading: String::new(),
    };
    let numeral = |a: usize, b: usize| parse_cjk_number(&s[a..b].iter().collect::<String>());
    // 一、
    if numeral_len > 0 && s.get(numeral_len) == Some(&'、') {
        let next = s.get(numeral_len + 1).copied().unwrap_or(' ');
        // `一、二、三` is a list, unless a heading line follows (`一、十年规划的出发点`).
        let heading_line = at_para_start && {
            let para = &s[..s.iter().position(|&c| c == '\n').unwrap_or(s.len())];
            para.len() <= 50 && !para.contains(&'。') && !para[numeral_len + 1..].contains(&'、')
        };
        if !crate::text::is_cjk_numeral(next) || heading_line {
            return numeral(0, numeral_len).map(|n| make(Style::CjkComma, n, numeral_len + 1));
        }
    }
    // 一 alone on its line (older national reports)
    if at_para_start && numeral_len > 0 && matches!(s.get(numeral_len), None | Some('\n')) {
        return numeral(0, numeral_len).map(|n| make(Style::CjkComma, n, numeral_len));
    }
    // 第一篇 / 第一章 / 第一节 heading lines (plans, laws)
    if at_para_start && s.first() == Some(&'第') {
        if let Some(c) = unit_marker(s) {
            return Some(c);
        }
    }
    // 第一, (short heading lines only)
    if at_para_start && s.first() == Some(&'第') {
        let n = s[1..]
            .iter()
            .take(3)
            .take_while(|&&c| crate::text::is_cjk_numeral(c))
            .count();
        let para_len = s.iter().position(|&c| c == '\n').unwrap_or(s.len());
        if n > 0 && matches!(s.get(n + 1), Some(',' | '、')) && para_len <= 40 && !s[..para_len].contains(&'。') {
            return numeral(1, n + 1).map(|v| make(Style::Ordinal, v, n + 2));
        }
    }
    if s.first() == Some(&'(') {
        // (一)
        let n = s[1..]
            .iter()
            .take(3)
            .take_while(|&&c| crate::text::is_cjk_numeral(c))
            .count();
        if n > 0 && s.get(n + 1) == Some(&')') {
            return numeral(1, n + 1).map(|v| make(Style::CjkParen, v, n + 2));
        }
        // (1)
        let d = s[1..].iter().take(4).take_while(|c| c.is_ascii_digit()).count();
        if d > 0 && d <= 3 && s.get(d + 1) == Some(&')') {
            let v: u32 = s[1..d + 1].iter().collect::<String>().parse().ok()?;
            return Some(make(Style::ArabicParen, v, d + 2));
        }
        return None;
    }
    // 1. 1、 1␠
    if digit_len > 0 && digit_len <= 2 {
        let sep = s.get(digit_len).copied();
        let next = s.get(digit_len + 1).copied().unwrap_or(' ');
        let ok = match sep {
            Some('.') | Some('、') => !next.is_ascii_digit() && next != '%',
            Some(' ') => is_cjk(next),
            _ => false,
        };
        if ok {
            let v: u32 = s[..digit_len].iter().collect::<String>().parse().ok()?;
            return Some(make(Style::Arabic, v, digit_len + 1));
        }
    }
    // 专栏一
    if s.starts_with(&['专', '栏']) {
        let n = s[2..]
            .iter()
            .take(3)
            .take_while(|&&c| crate::text::is_cjk_numeral(c))
            .count();
        if n > 0 {
            return numeral(2, n + 2).map(|v| make(Style::Box, v, n + 2));
        }
    }
    None
}

/// `第一篇`, `第十二章`, `第3节` at the start of a heading line (short, no
/// sentence end): a plan's part, chapter or section.
fn unit_marker(s: &[char]) -> Option<Candidate> {
    let n = s[1..]
        .iter()
        .take(4)
        .take_while(|&&c| crate::text::is_cjk_numeral(c) || c.is_ascii_digit())
        .count();
    if n == 0 {
        return None;
    }
    let (style, unit_len) = match (s.get(n + 1), s.get(n + 2)) {
        (Some('部'), Some('分')) => (Style::PartUnit, 2),
        (Some('篇' | '编'), _) => (Style::PartUnit, 1),
        (Some('章'), _) => (Style::ChapterUnit, 1),
        (Some('节'), _) => (Style::ArticleUnit, 1),
        _ => return None,
    };
    let para_len = s.iter().position(|&c| c == '\n').unwrap_or(s.len());
    let len = n + 1 + unit_len;
    // A heading line: short, no sentence or clause inside.
    if para_len > 60 || s[len..para_len].iter().any(|&c| matches!(c, '。' | ';' | '!' | '?')) {
        return None;
    }
    let digits: String = s[1..n + 1].iter().collect();
    let ordinal = digits.parse().ok().or_else(|| parse_cjk_number(&digits))?;
    Some(Candidate {
        pos: 0,
        style,
        ordinal,
        strength: 0,
        marker: s[..len].iter().collect(),
        heading: String::new(),
    })
}

/// The heading after a marker: the rest of a short paragraph, else up to the
/// first sentence end (or, inline, the first space), at most 40 chars.
fn heading_text(rest: &[char], at_para_start: bool) -> String {
    let rest: &[char] = {
        let skip = rest.iter().take_while(|&&c| c == ' ').count();
        &rest[skip..]
    };
    // A paragraph number glued to the heading (`稳固经济 2. 我们将…`) starts the text.
    let rest = &rest[..glued_paragraph_number(rest).unwrap_or(rest.len())];
    if at_para_start && rest.len() <= 50 && !rest.contains(&'。') {
        return rest.iter().collect::<String>().trim().to_string();
    }
    // Only the first 41 chars decide the heading; never scan the whole line.
    let stop = rest
        .iter()
        .take(41)
        .position(|&c| matches!(c, '。' | ';' | '!' | '?' | '\n') || (c == ' ' && !at_para_start))
        .unwrap_or(rest.len());
    let mut end = stop.min(40);
    if stop > 40 {
        if let Some(comma) = rest[..40].iter().position(|&c| c == ',') {
            end = comma;
        }
    }
    rest[..end].iter().collect::<String>().trim().to_string()
}

/// Where a paragraph number glued to a heading starts (`前言1. 今年…`,
/// `稳固经济 2. 我们…`): Arabic digits and a full stop after at least two
/// chars of heading text (a CJK char, or one and a space, right before), then
/// a space or a CJK char, so `2.0版`, `5.5%` and `3.5环` are no number.
pub(super) fn glued_paragraph_number(s: &[char]) -> Option<usize> {
    let limit = s.len().min(41);
    (2..limit).find(|&i| {
        let after_cjk = is_cjk(s[i - 1]) || (s[i - 1] == ' ' && is_cjk(s[i - 2]));
        let digits = s[i..].iter().take(4).take_while(|c| c.is_ascii_digit()).count();
        after_cjk
            && (1..=3).contains(&digits)
            && s.get(i + digits) == Some(&'.')
            && s.get(i + digits + 1).is_some_and(|&c| c == ' ' || is_cjk(c))
            && !s[..i].iter().any(|&c| matches!(c, '。' | ';' | '!' | '?' | ':' | ','))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(s: &str, at_para_start: bool) -> Option<(Style, u32, String)> {
        let chars: Vec<char> = s.chars().collect();
        parse_marker(&chars, at_para_start).map(|c| (c.style, c.ordinal, c.marker))
    }

    fn glued(s: &str) -> Option<usize> {
        glued_paragraph_number(&s.chars().collect::<Vec<char>>())
    }

    #[test]
    fn paragraph_numbers_glued_to_headings() {
        assert_eq!(glued("前言1. 今年是关键一年。"), Some(2));
        assert_eq!(glued("稳固经济 2. 我们将巩固"), Some(5));
        assert_eq!(glued("稳固经济 12.我们将巩固"), Some(5));
        assert_eq!(glued("推进城市更新2.0版建设"), None);
        assert_eq!(glued("全市生产总值增长5.5%"), None);
        assert_eq!(glued("经济增长,3. 其他"), None);
        let heading = |s: &str| heading_text(&s.chars().collect::<Vec<char>>(), true);
        assert_eq!(
            heading("稳固经济 2. 我们将巩固香港的地位。我们会推出措施。"),
            "稳固经济"
        );
        assert_eq!(heading("推进城市更新2.0版建设"), "推进城市更新2.0版建设");
    }

    #[test]
    fn marker_styles() {
        assert_eq!(marker("三、工作安排", false), Some((Style::CjkComma, 3, "三、".into())));
        assert_eq!(
            marker("(十二)加强监管", false),
            Some((Style::CjkParen, 12, "(十二)".into()))
        );
        assert_eq!(marker("第二,稳增长", true), Some((Style::Ordinal, 2, "第二,".into())));
        assert_eq!(
            marker("(3)推进改革", false),
            Some((Style::ArabicParen, 3, "(3)".into()))
        );
        assert_eq!(marker("4.扩大内需", false), Some((Style::Arabic, 4, "4.".into())));
        assert_eq!(marker("专栏三 重点项目", false), Some((Style::Box, 3, "专栏三".into())));
        assert_eq!(
            marker("第二篇 建设社会主义新农村", true),
            Some((Style::PartUnit, 2, "第二篇".into()))
        );
        assert_eq!(
            marker("第十二章 优化发展能源工业", true),
            Some((Style::ChapterUnit, 12, "第十二章".into()))
        );
        assert_eq!(
            marker("第三节 推进航空航天产业", true),
            Some((Style::ArticleUnit, 3, "第三节".into()))
        );
        // In running text, or a sentence, it is no heading.
        assert_eq!(marker("第三章 规定的事项应当执行。", true), None);
        assert_eq!(marker("第三章规定", false), None);
        // `第二,` inside running text, and a decimal, are not markers.
        assert_eq!(marker("第二,稳增长", false), None);
        assert_eq!(marker("1.5%的增长", false), None);
    }
}
