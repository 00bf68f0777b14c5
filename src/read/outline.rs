//! Stage 4, **outline**: the section tree of a normalized report.
//!
//! Marker styles, in order of rank: `一、`, `第一,` (short lines only), `(一)`,
//! `1.`/`1、`/`1 `, `(1)`, `专栏一`. Levels are relative: the highest-ranked
//! style a report uses is level 1. Headings are found at paragraph starts and
//! inline (one-line scrapes) after a sentence end or a space; each style keeps
//! only the candidates that form the best chain of consecutive ordinals
//! (restarting at 1 only under a new higher-ranked heading), which rejects
//! numbering inside running text (`四分之 一、全省一半`, `第五、第六`).
//! Text before the first heading is a preamble, the unnumbered closing part
//! (from a standalone `各位代表!` after the last heading) its own section, and
//! short lead sentences (`加快推进新型工业化。…`) titled paragraphs one level
//! below their section.

use crate::text::{is_cjk, parse_cjk_number};
use serde::Serialize;

/// What a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A numbered heading.
    Heading,
    /// Text before the first heading.
    Preamble,
    /// The unnumbered closing part.
    Closing,
    /// A paragraph titled by its short lead sentence.
    Lead,
}

/// The part of a report a top-level section belongs to: what was done, or what
/// is planned. Figures in the plan are targets; alignment prefers partners in
/// the same part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The review of the past year or term (`2024年工作回顾`).
    Review,
    /// The plan (`2025年工作安排`, `主要预期目标`, `对今年政府工作的建议`).
    Plan,
    /// Preamble, closing, or a heading that says neither.
    Other,
}

impl Part {
    /// The part a top-level heading announces.
    pub fn of_heading(heading: &str) -> Part {
        const REVIEW: &[&str] = &["回顾", "过去", "工作总结", "成就", "主要工作", "取得"];
        const PLAN: &[&str] = &[
            "安排",
            "部署",
            "要求",
            "任务",
            "目标",
            "建议",
            "今年",
            "思路",
            "重点工作",
        ];
        if REVIEW.iter().any(|w| heading.contains(w)) {
            Part::Review
        } else if PLAN.iter().any(|w| heading.contains(w)) {
            Part::Plan
        } else {
            Part::Other
        }
    }
}

impl Role {
    /// The label shown for a section with no heading of its own:
    /// `(preamble)`, `(closing)`; `None` for headings and leads.
    pub fn placeholder(self) -> Option<&'static str> {
        match self {
            Role::Preamble => Some("(preamble)"),
            Role::Closing => Some("(closing)"),
            Role::Heading | Role::Lead => None,
        }
    }
}

/// One section of the outline. Offsets are char indices into the normalized text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// 1 = top level.
    pub level: u32,
    /// The marker as written (`一、`, `(三)`, `专栏二`); empty for preamble, closing, lead.
    pub marker: String,
    /// The heading text without the marker.
    pub heading: String,
    /// What the section is.
    pub role: Role,
    /// First char (the marker).
    pub start: usize,
    /// One past the last char, children included.
    pub end: usize,
}

/// Marker styles in order of rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    CjkComma,
    Ordinal,
    CjkParen,
    Arabic,
    ArabicParen,
    Box,
}

const STYLES: [Style; 6] = [
    Style::CjkComma,
    Style::Ordinal,
    Style::CjkParen,
    Style::Arabic,
    Style::ArabicParen,
    Style::Box,
];

#[derive(Debug, Clone)]
struct Candidate {
    pos: usize,
    style: Style,
    ordinal: u32,
    /// 3 paragraph start, 2 after a sentence end, 1 after a space.
    strength: u32,
    marker: String,
    heading: String,
}

/// Builds the outline of normalized `text`.
pub fn outline(text: &str) -> Vec<Section> {
    let chars: Vec<char> = text.chars().collect();
    let candidates = find_candidates(&chars);
    let mut accepted: Vec<Candidate> = Vec::new();
    for style in STYLES {
        let of_style: Vec<&Candidate> = candidates.iter().filter(|c| c.style == style).collect();
        if of_style.is_empty() {
            continue;
        }
        let mut boundaries: Vec<usize> = accepted.iter().map(|c| c.pos).collect();
        boundaries.sort_unstable();
        let chain = best_chain(&of_style, &boundaries);
        accepted.extend(chain.into_iter().cloned());
    }
    accepted.sort_by_key(|c| c.pos);
    let mut present: Vec<Style> = accepted.iter().map(|c| c.style).collect();
    present.sort();
    present.dedup();
    let level_of = |s: Style| present.iter().position(|&p| p == s).map_or(1, |i| i as u32 + 1);

    let mut sections: Vec<Section> = Vec::new();
    let first = accepted.first().map_or(chars.len(), |c| c.pos);
    if chars[..first].iter().any(|c| !c.is_whitespace()) {
        sections.push(Section {
            level: 1,
            marker: String::new(),
            heading: String::new(),
            role: Role::Preamble,
            start: 0,
            end: 0,
        });
    }
    for c in &accepted {
        sections.push(Section {
            level: level_of(c.style),
            marker: c.marker.clone(),
            heading: c.heading.clone(),
            role: Role::Heading,
            start: c.pos,
            end: 0,
        });
    }
    if let Some(last) = accepted.last() {
        if let Some(pos) = closing_start(&chars, last.pos) {
            sections.push(Section {
                level: 1,
                marker: String::new(),
                heading: String::new(),
                role: Role::Closing,
                start: pos,
                end: 0,
            });
        }
    }
    if !accepted.is_empty() {
        add_lead_sentences(&chars, &mut sections);
    }
    sections.sort_by_key(|s| (s.start, s.level));
    // Extents: up to the next section at the same or a higher level.
    for i in 0..sections.len() {
        let level = sections[i].level;
        sections[i].end = sections[i + 1..]
            .iter()
            .find(|s| s.level <= level)
            .map_or(chars.len(), |s| s.start);
    }
    sections
}

/// Finds marker candidates at paragraph starts and at inline boundaries.
fn find_candidates(chars: &[char]) -> Vec<Candidate> {
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
fn parse_marker(s: &[char], at_para_start: bool) -> Option<Candidate> {
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
        if !crate::text::is_cjk_numeral(next) {
            return numeral(0, numeral_len).map(|n| make(Style::CjkComma, n, numeral_len + 1));
        }
    }
    // 一 alone on its line (older national reports)
    if at_para_start && numeral_len > 0 && matches!(s.get(numeral_len), None | Some('\n')) {
        return numeral(0, numeral_len).map(|n| make(Style::CjkComma, n, numeral_len));
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

/// The heading after a marker: the rest of a short paragraph, else up to the
/// first sentence end (or, inline, the first space), at most 40 chars.
fn heading_text(rest: &[char], at_para_start: bool) -> String {
    let rest: &[char] = {
        let skip = rest.iter().take_while(|&&c| c == ' ').count();
        &rest[skip..]
    };
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

/// Score of one chain member; a skipped ordinal costs 1.
const MEMBER: u32 = 5;

/// The best chain of consecutive ordinals among `cands` (sorted by position):
/// most members first, then the strongest boundaries. A chain restarts at 1 only
/// across a higher-ranked heading (in `boundaries`).
fn best_chain<'a>(cands: &[&'a Candidate], boundaries: &[usize]) -> Vec<&'a Candidate> {
    let n = cands.len();
    // score[j] = (MEMBER per member less skipped numbers, strength) of the best
    // chain ending at j.
    let mut score: Vec<(u32, u32)> = vec![(0, 0); n];
    let mut prev: Vec<Option<usize>> = vec![None; n];
    // The best chain so far ending at each ordinal, and (prefix_best[k]) among the
    // first k candidates; the earliest wins ties. Keeps the search linear in a
    // one-line scrape with thousands of candidates of one ordinal.
    let mut best_by_ordinal: std::collections::HashMap<u32, ((u32, u32), usize)> = Default::default();
    let mut prefix_best: Vec<Option<((u32, u32), usize)>> = vec![None];
    for j in 0..n {
        let c = cands[j];
        let mut best: Option<((u32, u32), Option<usize>)> = None;
        let mut consider = |s: (u32, u32), from: Option<usize>| {
            if best.is_none_or(|(bs, _)| s > bs) {
                best = Some((s, from));
            }
        };
        if c.ordinal == 1 {
            consider((MEMBER, c.strength), None);
            // Restart: continue the best chain ending before the last boundary.
            let last_boundary = boundaries.iter().rev().find(|&&b| b < c.pos);
            if let Some(&b) = last_boundary {
                let before = cands[..j].partition_point(|x| x.pos < b);
                if let Some((s, i)) = prefix_best[before] {
                    consider((s.0 + MEMBER, s.1 + c.strength), Some(i));
                }
            }
        }
        // Continue from ordinal - 1; a heading at a paragraph start may also skip
        // up to four numbers that a scrape lost (each skipped number costs).
        let max_gap = if c.strength == 3 { 4 } else { 0 };
        for gap in 0..=max_gap {
            let Some(prev_ordinal) = c.ordinal.checked_sub(gap + 1).filter(|&o| o > 0) else {
                break;
            };
            if let Some(&(s, i)) = best_by_ordinal.get(&prev_ordinal) {
                consider((s.0 + MEMBER - gap, s.1 + c.strength), Some(i));
            }
        }
        if let Some((s, p)) = best {
            score[j] = s;
            prev[j] = p;
            let entry = best_by_ordinal.entry(c.ordinal).or_insert((s, j));
            if s > entry.0 {
                *entry = (s, j);
            }
        }
        let last = prefix_best[j];
        prefix_best.push(match last {
            Some((ls, _)) if ls >= score[j] => last,
            _ if score[j].0 > 0 => Some((score[j], j)),
            _ => last,
        });
    }
    let Some(end) = (0..n)
        .filter(|&j| score[j].0 > 0)
        .max_by_key(|&j| (score[j], std::cmp::Reverse(j)))
    else {
        return Vec::new();
    };
    let mut chain = Vec::new();
    let mut cur = Some(end);
    while let Some(j) = cur {
        chain.push(cands[j]);
        cur = prev[j];
    }
    chain.reverse();
    // A lone heading must stand at the start of a paragraph.
    if chain.len() == 1 && chain[0].strength < 3 {
        chain.clear();
    }
    chain
}

/// Start of the closing part: the first standalone `各位代表!` paragraph after the
/// last heading.
fn closing_start(chars: &[char], after: usize) -> Option<usize> {
    let mut i = after;
    while i < chars.len() {
        if chars[i] == '\n' {
            let start = i + 1;
            let end = chars[start..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |k| start + k);
            let para: String = chars[start..end].iter().collect();
            if para.starts_with("各位代表") && para.chars().count() <= 6 {
                return Some(start);
            }
            i = end;
        } else {
            i += 1;
        }
    }
    None
}

/// Adds titled paragraphs for short lead sentences inside numbered sections.
fn add_lead_sentences(chars: &[char], sections: &mut Vec<Section>) {
    let mut sorted: Vec<Section> = sections.clone();
    sorted.sort_by_key(|s| s.start);
    let mut leads = Vec::new();
    let mut para_start = 0;
    let mut current: Option<&Section> = None;
    let mut idx = 0;
    while para_start < chars.len() {
        let para_end = chars[para_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |k| para_start + k);
        while idx < sorted.len() && sorted[idx].start <= para_start {
            current = Some(&sorted[idx]);
            idx += 1;
        }
        let is_heading_para = sorted.binary_search_by_key(&para_start, |s| s.start).is_ok();
        if let Some(sec) = current {
            if sec.role == Role::Heading && !is_heading_para {
                if let Some(h) = lead_sentence(&chars[para_start..para_end]) {
                    leads.push(Section {
                        level: sec.level + 1,
                        marker: String::new(),
                        heading: h,
                        role: Role::Lead,
                        start: para_start,
                        end: 0,
                    });
                }
            }
        }
        para_start = para_end + 1;
    }
    sections.extend(leads);
}

/// `加快推进新型工业化。围绕…` → `加快推进新型工业化`.
fn lead_sentence(para: &[char]) -> Option<String> {
    let skip = para.iter().take_while(|&&c| c == '—' || c == ' ').count();
    let body = &para[skip..];
    let end = body.iter().take(26).position(|&c| c == '。')?;
    let sentence = &body[..end];
    let ok = sentence.len() >= 4
        && !sentence
            .iter()
            .any(|&c| matches!(c, ',' | ';' | ':' | '!' | '?' | '“' | '(' | '、'))
        && sentence.iter().filter(|&&c| is_cjk(c)).count() * 10 >= sentence.len() * 8
        && body.len() > end + 10;
    ok.then(|| sentence.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(text: &str) -> Vec<(u32, String, String)> {
        outline(text)
            .into_iter()
            .filter(|s| s.role == Role::Heading)
            .map(|s| (s.level, s.marker, s.heading))
            .collect()
    }

    #[test]
    fn nested_styles_and_relative_levels() {
        let t =
            "各位代表:\n一、工作回顾\n(一)发展经济。正文。\n(二)改善民生。正文。\n二、工作安排\n(一)扩大内需。正文。";
        let h = headings(t);
        assert_eq!(h.len(), 5);
        assert_eq!(h[0], (1, "一、".into(), "工作回顾".into()));
        assert_eq!(h[1], (2, "(一)".into(), "发展经济".into()));
        assert_eq!(h[4], (2, "(一)".into(), "扩大内需".into()));
        let o = outline(t);
        assert_eq!(o[0].role, Role::Preamble);
    }

    #[test]
    fn arabic_only_is_level_one() {
        let h = headings("前言。\n1 坚持产业第一 加快构建体系\n正文。\n2 坚持扩大需求 稳定增长\n正文。");
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].0, 1);
        assert_eq!(h[0].2, "坚持产业第一 加快构建体系");
    }

    #[test]
    fn inline_headings_by_continuity() {
        let t = "意见。 一、“十三五”成就 正文占全国四分之 一、全省一半;正文。 二、奋斗目标 正文。 三、2021年工作安排 正文。";
        let o = outline(t);
        let h: Vec<_> = o.iter().filter(|s| s.role == Role::Heading).collect();
        assert_eq!(h.len(), 3);
        assert_eq!(h[0].heading, "“十三五”成就");
        assert_eq!(h[0].start, 4);
    }

    #[test]
    fn running_text_numbering_rejected() {
        let h = headings("吞吐量分别居全球第五、第六,运营。\n落实“五统一、一开放”基本要求。");
        assert!(h.is_empty(), "{h:?}");
    }

    #[test]
    fn closing_and_lead_sentences() {
        let t = "一、回顾\n加快推进新型工业化。围绕先进制造业强市建设出台政策,动工建设。\n二、安排\n正文。\n各位代表!\n让我们团结奋斗。";
        let o = outline(t);
        let lead = o.iter().find(|s| s.role == Role::Lead).unwrap();
        assert_eq!((lead.level, lead.heading.as_str()), (2, "加快推进新型工业化"));
        let closing = o.last().unwrap();
        assert_eq!(closing.role, Role::Closing);
        assert_eq!(closing.end, t.chars().count());
        // Part 一 ends where part 二 starts.
        assert_eq!(o[0].end, t.chars().position(|c| c == '二').unwrap());
    }
}
