//! The report's parts around its numbered body: the opening address, the
//! final exhortation and the closing section, and the material printed with
//! the report (resolution, appendices, glossary).

use super::{Para, Role, Section};

/// Start of the body: the paragraph after the opening address (`各位代表:`).
pub(super) fn opening_address(paras: &[Para]) -> Option<usize> {
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
pub(super) fn final_exhortation(paras: &[Para], from: usize, to: usize) -> Option<usize> {
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
pub(super) fn closing_start(
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
    "为民实事",
    "办实事",
    "实事项目",
];

/// Resolution (关于政府工作报告的决议) and appendix parts (名词解释, 附件,
/// 民生实事项目), as level-1 sections. A resolution printed first runs to the
/// report's own start; an appendix is a heading among the last two fifths of the
/// text, or what follows the final exhortation when it reads as a glossary.
pub(super) fn accompanying_parts(chars: &[char], paras: &[Para]) -> Vec<Section> {
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
            && !crate::text::has_char(t, '。')
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
    // An appendix heading right after the final exhortation may start
    // earlier: a long 为民实事 list (10 items, each with what was done) and a
    // glossary can fill more than two fifths of the text.
    let early = chars.len() * 2 / 5;
    for (k, (p, t)) in paras.iter().zip(&texts).enumerate() {
        let keyword = is_appendix_heading(t);
        let right_after = k > 0 && exhortation == Some(paras[k - 1].start) && p.start >= early.max(body_from);
        if p.start < from.max(body_from) && !(keyword && right_after) {
            continue;
        }
        let after_exhortation = exhortation.is_some_and(|e| p.start > e);
        if is_resolution(t) && after_exhortation {
            parts.push(part(Role::Resolution, p.start, t));
        } else if keyword && (after_exhortation || exhortation.is_none()) {
            parts.push(part(Role::Appendix, p.start, t));
        } else if after_exhortation && k > 0 && exhortation == Some(paras[k - 1].start) && glossary_entry(t) {
            // Notes straight after the exhortation, without a heading.
            parts.push(part(Role::Appendix, p.start, ""));
        }
    }
    // A numbered list after the exhortation (`2024年为民办实事项目` without an
    // appendix word, then `一、…`) is material printed with the report.
    if let Some(list) = exhortation.and_then(|e| numbered_list_after(chars, paras, e)) {
        if parts.iter().all(|s| s.start > list.0) {
            parts.insert(0, part(Role::Appendix, list.0, list.1));
        }
    }
    let starts: Vec<usize> = parts.iter().map(|s| s.start).collect();
    for (i, s) in parts.iter_mut().enumerate() {
        s.end = starts.get(i + 1).copied().unwrap_or(chars.len());
    }
    leading.into_iter().chain(parts).collect()
}

/// Chars of an item of a list printed after the report, at most (a 为民实事
/// item is a line or two; the parts of a report run longer).
const MAX_LIST_ITEM_CHARS: usize = 200;

/// A list numbered from one (`一、`, `1.`, `(一)`) after the exhortation at
/// `exhortation`, in the last two fifths of the text and made of short items
/// to the end (an appeal in mid-report taken for the exhortation has long
/// parts after it): where it starts (at its title, a short line right before
/// it) and that title.
fn numbered_list_after<'t>(chars: &[char], paras: &[Para<'t>], exhortation: usize) -> Option<(usize, &'t str)> {
    let from = chars.len() * 3 / 5;
    let after: Vec<&Para> = paras.iter().filter(|p| p.start > exhortation).collect();
    let k = after
        .iter()
        .position(|p| super::markers::parse_marker(&chars[p.start..p.end], true).is_some_and(|c| c.ordinal == 1))?;
    if after[k].start < from || after[k..].iter().any(|p| p.end - p.start > MAX_LIST_ITEM_CHARS) {
        return None;
    }
    match k.checked_sub(1).map(|i| after[i]) {
        Some(title) if title.text.chars().count() <= 40 && !crate::text::has_char(title.text, '。') => {
            Some((title.start, title.text))
        }
        _ => Some((after[k].start, "")),
    }
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
    !crate::text::has_char(&compact, '。') && APPENDIX_WORDS.iter().any(|w| compact.contains(w))
}

/// `1.“三品一标”:…`, `①三条红线:…`, `[1]QFLP:…`: a numbered note.
fn glossary_entry(t: &str) -> bool {
    let head: String = t.chars().take(24).collect();
    let numbered = t.starts_with(|c: char| c.is_ascii_digit() || ('①'..='⑳').contains(&c) || c == '[');
    numbered && head.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appendix_headings_and_glossary_notes() {
        assert!(is_appendix_heading("名词解释"));
        assert!(is_appendix_heading("注 释"));
        assert!(is_appendix_heading("附件1"));
        assert!(!is_appendix_heading("做好民生实事。全年完成投资。"));
        assert!(glossary_entry("1.“三品一标”:指品种培优"));
        assert!(glossary_entry("①三条红线:生态保护红线"));
        assert!(!glossary_entry("1.加强基础设施建设"));
    }

    #[test]
    fn a_numbered_list_after_the_closing_is_an_appendix() {
        let text = "各位代表:\n一、回顾\n正文。\n二、安排\n正文。\n三、建设\n正文。\n各位代表!让我们团结奋斗!\n2024年市政府为民办实事项目\n一、新建学校10所。\n二、新增就业3万人。\n三、改造小区。\n四、新建养老设施。";
        let top = |text: &str| -> Vec<(Role, String)> {
            super::super::outline(text)
                .into_iter()
                .filter(|s| s.level == 1)
                .map(|s| (s.role, s.heading))
                .collect()
        };
        let expected = |appendix: &str| {
            vec![
                (Role::Preamble, String::new()),
                (Role::Heading, "回顾".to_string()),
                (Role::Heading, "安排".to_string()),
                (Role::Heading, "建设".to_string()),
                (Role::Closing, String::new()),
                (Role::Appendix, appendix.to_string()),
            ]
        };
        assert_eq!(top(text), expected("2024年市政府为民办实事项目"));
        // Without an appendix word in its title, the list numbered from one.
        let text = text.replace("为民办实事项目", "承诺事项");
        assert_eq!(top(&text), expected("2024年市政府承诺事项"));
    }

    #[test]
    fn appeals_to_the_deputies() {
        assert!(is_appeal("各位代表!"));
        assert!(is_appeal("“让我们携手奋进"));
        assert!(!is_appeal("我们要让人民满意"));
        assert!(ends_call("奋勇前进!附件1"));
        assert!(!ends_call("奋勇前进。"));
    }
}
