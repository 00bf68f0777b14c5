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
//!
//! The finding is split by what is found: `markers` (numbered-heading
//! candidates), `numbered` (which of them are headings), `plain`
//! (unnumbered headings), `parts` (opening, closing, resolution and
//! appendices), `lead` (lead sentences) and `lists` (numbered lists in running
//! text, which are no headings); this module orders them into one outline.

mod lead;
mod lists;
mod markers;
mod numbered;
mod parts;
mod plain;

use lead::add_lead_sentences;
use markers::{find_candidates, rank_order, Candidate, Style};
use numbered::numbered_headings;
use parts::{accompanying_parts, closing_start, final_exhortation, opening_address};
use plain::{plain_headings, PlainHeading};
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
    let present: Vec<Style> = rank_order(&candidates)
        .into_iter()
        .filter(|&s| accepted.iter().any(|c| c.style == s))
        .collect();
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
        // or with a paragraph number glued on (else it is the scrape's title block).
        // A glued heading after the last part (`结语 250.`) is a part of its own.
        let glued_last = h.glued && last_numbered.is_some_and(|(pos, level)| h.start > pos && level == 1);
        if plain_on_top || (h.start < first_numbered && (opening.is_some() || h.glued)) || glued_last {
            headings.push(h.section(1));
        } else if tail_part {
            tail.push(h);
        }
    }
    headings.sort_by_key(|h| h.start);
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
    let body_left = closing.unwrap_or(body_end).min(body_end);
    lists::drop_lists(&mut headings, &chars, &paras, body_left);
    // Judged once the lists are dropped: a text that opens with one (`(一)`,
    // `(四)`) has its preamble up to the first heading left, not none.
    let first = headings.first().map_or(body_left, |h| h.start).min(body_left);
    sections.extend(preamble(&chars, &accompanying, first));
    let has_headings = !headings.is_empty();
    sections.extend(headings);
    if has_headings {
        add_lead_sentences(&chars, &mut sections);
    }
    sections.extend(accompanying.iter().cloned());
    sections.sort_by_key(|s| (s.start, s.level));
    set_extents(&mut sections, chars.len());
    sections
}

/// The text before the first heading `first` (after a resolution printed
/// first: the report's own preamble), when it holds anything.
fn preamble(chars: &[char], accompanying: &[Section], first: usize) -> Option<Section> {
    // After a resolution printed first, the report's own preamble.
    let preamble_start = accompanying.iter().find(|a| a.start == 0).map_or(0, |a| a.end);
    if chars[preamble_start..first.max(preamble_start)]
        .iter()
        .any(|c| !c.is_whitespace())
    {
        return Some(Section {
            level: 1,
            marker: String::new(),
            heading: String::new(),
            role: Role::Preamble,
            start: preamble_start,
            end: 0,
        });
    }
    None
}

/// Extents: each section runs up to the next one at the same or a higher level.
fn set_extents(sections: &mut [Section], len: usize) {
    for i in 0..sections.len() {
        let level = sections[i].level;
        sections[i].end = sections[i + 1..]
            .iter()
            .find(|s| s.level <= level)
            .map_or(len, |s| s.start);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbered and unnumbered headings of `text`: level, marker, heading.
    pub(super) fn headings(text: &str) -> Vec<(u32, String, String)> {
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
    fn a_heading_with_a_glued_paragraph_number_opens_a_part() {
        let h = headings("行政长官施政报告\n前言1. 今年是关键一年。\n一、稳固经济 2. 我们将巩固地位。\n二、改善民生 3. 我们会增加供应。\n结语 4. 让我们携手。");
        let names: Vec<&str> = h.iter().map(|(_, _, heading)| heading.as_str()).collect();
        assert_eq!(names, ["前言", "稳固经济", "改善民生", "结语"]);
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
