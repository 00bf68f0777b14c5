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
    /// Material printed after the report (名词解释, 附件, 民生实事项目): part of
    /// the file, not of the report's body, and not diffed by default.
    Appendix,
    /// The congress resolution on the report printed with it (关于政府工作报告的决议).
    Resolution,
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
    /// True for the parts that accompany a report rather than belong to its body.
    pub fn accompanies(self) -> bool {
        matches!(self, Role::Appendix | Role::Resolution)
    }

    /// The label shown for a section with no heading of its own:
    /// `(preamble)`, `(closing)`; `None` for headings, leads and the
    /// accompanying parts (their heading is shown).
    pub fn placeholder(self) -> Option<&'static str> {
        match self {
            Role::Preamble => Some("(preamble)"),
            Role::Closing => Some("(closing)"),
            Role::Heading | Role::Lead | Role::Appendix | Role::Resolution => None,
        }
    }
}

/// One section of the outline. Offsets are char indices into the normalized text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// 1 = top level.
    pub level: u32,
    /// The marker as written (`一、`, `(三)`, `专栏二`); empty for unnumbered
    /// headings, preamble, closing, lead, appendix and resolution.
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
    let mut chars: Vec<char> = Vec::with_capacity(text.chars().count());
    chars.extend(text.chars());
    let paras = paragraphs(text);
    let accompanying = accompanying_parts(&chars, &paras);
    let inside_accompanying = |pos: usize| accompanying.iter().any(|s| s.start <= pos && pos < s.end);
    let candidates: Vec<Candidate> = find_candidates(&chars)
        .into_iter()
        .filter(|c| !inside_accompanying(c.pos))
        .collect();
    // The body: from the opening address to the first accompanying part after it.
    let opening = opening_address(&paras);
    let body_start = opening.unwrap_or(0);
    let body_end = accompanying
        .iter()
        .map(|s| s.start)
        .filter(|&s| s > body_start)
        .min()
        .unwrap_or(chars.len());
    let exhortation = final_exhortation(&paras, body_start, body_end);
    let plain: Vec<PlainHeading> = plain_headings(&chars, &paras, body_start, exhortation.unwrap_or(body_end))
        .into_iter()
        .filter(|h| !candidates.iter().any(|c| c.pos == h.start))
        .collect();

    let plain_starts: Vec<usize> = plain.iter().map(|h| h.start).collect();
    let (accepted, plain_on_top) = numbered_headings(&candidates, &plain_starts);
    let mut present: Vec<Style> = accepted.iter().map(|c| c.style).collect();
    present.sort();
    present.dedup();
    let top_members = present
        .first()
        .map_or(0, |&top| accepted.iter().filter(|c| c.style == top).count());
    // Unnumbered headings rank above the numbered ones when numbering restarts
    // under them, or when there is no numbered top level to speak of.
    let plain_on_top = plain_on_top || (top_members < 2 && plain.len() >= 2);
    let shift = u32::from(plain_on_top);
    let level_of = |s: Style| present.iter().position(|&p| p == s).map_or(1, |i| i as u32 + 1) + shift;

    let mut sections: Vec<Section> = Vec::new();
    let mut headings: Vec<Section> = accepted
        .iter()
        .map(|c| Section {
            level: level_of(c.style),
            marker: c.marker.clone(),
            heading: c.heading.clone(),
            role: Role::Heading,
            start: c.pos,
            end: 0,
        })
        .collect();
    let first_numbered = accepted.first().map_or(chars.len(), |c| c.pos);
    let last_numbered = headings.last().map(|h| (h.start, h.level));
    let mut tail: Vec<&PlainHeading> = Vec::new();
    for h in &plain {
        let tail_part = last_numbered.is_some_and(|(pos, level)| h.start > pos && level >= 2);
        // Before the first numbered part only after an address to the deputies
        // (else it is the scrape's title block).
        if plain_on_top || (h.start < first_numbered && opening.is_some()) {
            headings.push(h.section(1));
        } else if tail_part {
            tail.push(h);
        }
    }
    headings.sort_by_key(|h| h.start);
    let first = headings.first().map_or(body_end, |h| h.start).min(body_end);
    // After a resolution printed first, the report's own preamble.
    let preamble_start = accompanying.iter().find(|a| a.start == 0).map_or(0, |a| a.end);
    if chars[preamble_start..first.max(preamble_start)]
        .iter()
        .any(|c| !c.is_whitespace())
    {
        sections.push(Section {
            level: 1,
            marker: String::new(),
            heading: String::new(),
            role: Role::Preamble,
            start: preamble_start,
            end: 0,
        });
    }
    let last_heading = headings.last().map(|h| (h.start, h.level));
    let closing = last_heading
        .and_then(|(pos, level)| closing_start(&chars, &paras, pos, level, exhortation, tail.first().map(|h| h.start)));
    if let Some(pos) = closing {
        sections.push(Section {
            level: 1,
            marker: String::new(),
            heading: String::new(),
            role: Role::Closing,
            start: pos,
            end: 0,
        });
        sections.extend(tail.iter().filter(|h| h.start >= pos).map(|h| h.section(2)));
    }
    let has_headings = !headings.is_empty();
    sections.extend(headings);
    if has_headings {
        add_lead_sentences(&chars, &mut sections);
    }
    sections.extend(accompanying.iter().cloned());
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

/// One line of the normalized text (char range, without the `\n`) and its
/// text, trimmed: a slice, as a one-line report is one paragraph of millions
/// of chars.
#[derive(Debug, Clone, Copy)]
struct Para<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

fn paragraphs(text: &str) -> Vec<Para<'_>> {
    let mut out = Vec::new();
    let (mut start, mut byte_start, mut len) = (0, 0, 0);
    for (i, (b, c)) in text.char_indices().enumerate() {
        if c == '\n' {
            out.push(Para {
                start,
                end: i,
                text: text[byte_start..b].trim(),
            });
            (start, byte_start) = (i + 1, b + 1);
        }
        len = i + 1;
    }
    if start < len {
        out.push(Para {
            start,
            end: len,
            text: text[byte_start..].trim(),
        });
    }
    out
}

/// The numbered headings (styles in order of rank, each the best chain of
/// consecutive ordinals), and whether the top numbering restarts under the
/// unnumbered headings at `plain` (then those rank above it: 酒泉 2016's
/// `2016年工作安排` holds its own `一、`…`九、`).
fn numbered_headings(candidates: &[Candidate], plain: &[usize]) -> (Vec<Candidate>, bool) {
    let mut accepted: Vec<Candidate> = Vec::new();
    let mut plain_on_top = false;
    for style in STYLES {
        let of_style: Vec<&Candidate> = candidates.iter().filter(|c| c.style == style).collect();
        if of_style.is_empty() {
            continue;
        }
        let mut boundaries: Vec<usize> = accepted.iter().map(|c| c.pos).collect();
        boundaries.sort_unstable();
        let mut chain = best_chain(&of_style, &boundaries);
        if accepted.is_empty() && !plain.is_empty() {
            let mut with_plain = boundaries.clone();
            with_plain.extend_from_slice(plain);
            with_plain.sort_unstable();
            let restarted = best_chain(&of_style, &with_plain);
            let runs = runs_of(&restarted);
            if runs.len() >= 2 && runs.iter().all(|&n| n >= 2) {
                chain = restarted;
                plain_on_top = true;
            }
        }
        accepted.extend(chain.into_iter().cloned());
    }
    accepted.sort_by_key(|c| c.pos);
    (accepted, plain_on_top)
}

/// Lengths of the runs of a chain (a run starts at every ordinal 1).
fn runs_of(chain: &[&Candidate]) -> Vec<usize> {
    let mut runs: Vec<usize> = Vec::new();
    for c in chain {
        match runs.last_mut() {
            Some(n) if c.ordinal != 1 => *n += 1,
            _ => runs.push(1),
        }
    }
    runs
}

/// An unnumbered heading on its own line (`2023年工作回顾`, `加强政府自身建设`;
/// a heading set on two lines is one heading).
#[derive(Debug, Clone)]
struct PlainHeading {
    start: usize,
    heading: String,
}

impl PlainHeading {
    fn section(&self, level: u32) -> Section {
        Section {
            level,
            marker: String::new(),
            heading: self.heading.clone(),
            role: Role::Heading,
            start: self.start,
            end: 0,
        }
    }
}

/// Sentence punctuation (normalized: full-width forms are half-width here).
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | ':' | '…' | '”' | ')')
}

/// A line a reader sees as a heading: short, no sentence punctuation, no
/// trailing comma, mostly CJK, not a date, speaker or congress line.
fn heading_shaped(line: &str) -> bool {
    let n = line.chars().count();
    if !(4..=32).contains(&n) {
        return false;
    }
    let cjk = line.chars().filter(|&c| is_cjk(c)).count();
    let letters = line.chars().filter(char::is_ascii_alphabetic).count();
    let bad_char = line
        .chars()
        .any(|c| matches!(c, '。' | '!' | '?' | ';' | ':' | '…' | '—' | '(' | ')'));
    let bad_end = line.ends_with([',', '、', '“']);
    let not_heading = ["人民代表大会", "会议上", "各位代表", "同志们", "工作报告", "【"]
        .iter()
        .any(|k| line.contains(k))
        || is_date_line(line)
        || line.contains(" ") && line.chars().filter(|&c| is_cjk(c)).count() < 8;
    !bad_char && !bad_end && !not_heading && cjk * 2 >= n && letters <= 3
}

/// `2021年1月14日`, `二〇二一年一月十八日`: a date alone.
fn is_date_line(line: &str) -> bool {
    line.ends_with('日') && line.contains('年') && line.contains('月') && line.chars().count() <= 12
}

/// Unnumbered headings on their own line between `from` and `to`: the line
/// before ends a sentence (or is a heading) and something follows.
fn plain_headings(chars: &[char], paras: &[Para], from: usize, to: usize) -> Vec<PlainHeading> {
    let texts: Vec<&str> = paras.iter().map(|p| p.text).collect();
    let shaped: Vec<bool> = texts.iter().map(|t| heading_shaped(t)).collect();
    let mut out: Vec<PlainHeading> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let p = paras[i];
        if p.start < from || p.start >= to || !shaped[i] || parse_marker(&chars[p.start..p.end], true).is_some() {
            i += 1;
            continue;
        }
        let prev_ok = i == 0 || shaped[i - 1] || texts[i - 1].chars().last().is_some_and(ends_sentence);
        // A heading over two lines: the second line is heading-shaped too.
        let mut j = i + 1;
        while j < paras.len() && j < i + 2 && shaped[j] && paras[j].start < to {
            j += 1;
        }
        if prev_ok && j < paras.len() {
            out.push(PlainHeading {
                start: p.start,
                heading: texts[i..j].join(" "),
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Start of the body: the paragraph after the opening address (`各位代表:`).
fn opening_address(paras: &[Para]) -> Option<usize> {
    let i = paras.iter().take(60).position(|&p| {
        let t = p.text;
        t.chars().count() <= 12 && ["各位代表", "代表们", "同志们"].iter().any(|k| t.starts_with(k))
    })?;
    paras.get(i + 1).map(|p| p.start)
}

/// Paragraphs that open with an appeal to the deputies.
fn is_appeal(t: &str) -> bool {
    let t = t.trim_start_matches(['“', ' ']);
    ["各位代表", "同志们", "代表们", "让我们"]
        .iter()
        .any(|k| t.starts_with(k))
}

/// The last paragraph between `from` and `to` that appeals to the deputies and
/// calls on them (`让我们…`, or ending in `!`): the final exhortation (its start).
fn final_exhortation(paras: &[Para], from: usize, to: usize) -> Option<usize> {
    let mut body = paras.iter().rev().filter(|p| p.start >= from && p.start < to);
    // The body's last paragraph, when it appeals to the deputies, closes it.
    let last = body.next().filter(|p| is_appeal(p.text));
    last.into_iter()
        .chain(body)
        .find(|&&p| {
            let t = p.text;
            is_appeal(t) && (t.contains("让我们") || ends_call(t) || last.is_some_and(|l| l.start == p.start))
        })
        .map(|p| p.start)
}

/// The paragraph ends with a call (`!`); a few characters of a glued-on
/// trailer (`!附件1`) may follow it.
fn ends_call(t: &str) -> bool {
    t.chars().rev().take(8).any(|c| c == '!')
}

/// Start of the closing part, after the last heading at `last` (of `level`):
/// the first standalone `各位代表!` after it; after a numbered subsection also
/// the first appeal or unnumbered heading (`tail`) after it (the national
/// reports' 政府自身建设, 国防, 外交 paragraphs); else the final exhortation
/// (with a standalone appeal just before it).
fn closing_start(
    chars: &[char],
    paras: &[Para],
    last: usize,
    level: u32,
    exhortation: Option<usize>,
    tail: Option<usize>,
) -> Option<usize> {
    let after: Vec<(Para, &str)> = paras.iter().filter(|p| p.start > last).map(|&p| (p, p.text)).collect();
    let standalone = |t: &str| is_appeal(t) && t.chars().count() <= 6;
    let limit = exhortation.unwrap_or(chars.len());
    let mut start = after
        .iter()
        .find(|(p, t)| p.start <= limit && standalone(t))
        .map(|(p, _)| p.start);
    if level >= 2 {
        let appeal = after
            .iter()
            .find(|(p, t)| p.start <= limit && is_appeal(t))
            .map(|(p, _)| p.start);
        start = [start, appeal, tail].into_iter().flatten().min();
    }
    let exhortation = exhortation.filter(|&e| e > last).map(|e| {
        // A standalone `各位代表!` right before the exhortation opens it.
        let i = after.iter().position(|(p, _)| p.start == e).unwrap_or(0);
        match i.checked_sub(1).map(|k| &after[k]) {
            Some((p, t)) if standalone(t) => p.start,
            _ => e,
        }
    });
    [start, exhortation].into_iter().flatten().min()
}

/// Headings of material that accompanies a report.
const APPENDIX_WORDS: &[&str] = &[
    "解释",
    "注解",
    "注释",
    "释义",
    "附件",
    "附录",
    "附表",
    "附:",
    "附注",
    "用语说明",
    "术语",
    "解释和说明",
    "有关说明",
    "情况说明",
    "民生实事",
    "民生工程",
    "惠民实事",
];

/// Resolution (关于政府工作报告的决议) and appendix parts (名词解释, 附件,
/// 民生实事项目), as level-1 sections. A resolution printed first runs to the
/// report's own start; an appendix is a heading among the last two fifths of the
/// text, or what follows the final exhortation when it reads as a glossary.
fn accompanying_parts(chars: &[char], paras: &[Para]) -> Vec<Section> {
    let texts: Vec<&str> = paras.iter().map(|p| p.text).collect();
    let mut parts: Vec<Section> = Vec::new();
    let part = |role, start, heading: &str| Section {
        level: 1,
        marker: String::new(),
        heading: heading.chars().take(40).collect(),
        role,
        start,
        end: 0,
    };
    let is_resolution = |t: &str| {
        t.contains("决议")
            && (t.contains("工作报告") || t.contains("人民代表大会"))
            && t.chars().count() <= 80
            && !t.contains('。')
    };
    // A resolution printed before the report, up to the report's own start.
    let leading = texts.iter().take(8).position(|t| is_resolution(t)).map(|i| {
        let mut s = part(Role::Resolution, paras[i].start, texts[i]);
        s.end = resolution_end(chars, paras, s.start);
        s
    });
    let from = chars.len() * 3 / 5;
    let body_from = leading.as_ref().map_or(0, |s| s.end);
    let exhortation = final_exhortation(paras, body_from, chars.len());
    for (k, (p, t)) in paras.iter().zip(&texts).enumerate() {
        if p.start < from.max(body_from) {
            continue;
        }
        let after_exhortation = exhortation.is_some_and(|e| p.start > e);
        let keyword = is_appendix_heading(t);
        if is_resolution(t) && after_exhortation {
            parts.push(part(Role::Resolution, p.start, t));
        } else if keyword && (after_exhortation || exhortation.is_none()) {
            parts.push(part(Role::Appendix, p.start, t));
        } else if after_exhortation && k > 0 && exhortation == Some(paras[k - 1].start) && glossary_entry(t) {
            // Notes straight after the exhortation, without a heading.
            parts.push(part(Role::Appendix, p.start, ""));
        }
    }
    let starts: Vec<usize> = parts.iter().map(|s| s.start).collect();
    for (i, s) in parts.iter_mut().enumerate() {
        s.end = starts.get(i + 1).copied().unwrap_or(chars.len());
    }
    leading.into_iter().chain(parts).collect()
}

/// Where the report starts after a resolution that begins at `start`.
fn resolution_end(chars: &[char], paras: &[Para], start: usize) -> usize {
    paras
        .iter()
        .filter(|p| p.start > start)
        .find(|&&p| {
            let t = p.text;
            (t.contains("工作报告") && t.chars().count() <= 40 && !t.contains("决议"))
                || t.starts_with('—')
                || is_appeal(t)
        })
        .map_or(chars.len(), |p| p.start)
}

/// A short line naming an appendix (`名词解释`, `注 释`, `附件1`).
fn is_appendix_heading(t: &str) -> bool {
    // Measured before copying: a paragraph can be a whole one-line report.
    if t.chars().filter(|c| !c.is_whitespace()).nth(30).is_some() {
        return false;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    !compact.contains('。') && APPENDIX_WORDS.iter().any(|w| compact.contains(w))
}

/// `1.“三品一标”:…`, `①三条红线:…`, `[1]QFLP:…`: a numbered note.
fn glossary_entry(t: &str) -> bool {
    let head: String = t.chars().take(24).collect();
    let numbered = t.starts_with(|c: char| c.is_ascii_digit() || ('①'..='⑳').contains(&c) || c == '[');
    numbered && head.contains(':')
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
