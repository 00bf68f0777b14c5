//! Unnumbered headings on their own line (`2023年工作回顾`, `加强政府自身建设`).

use super::markers::{glued_paragraph_number, parse_marker};
use super::{Para, Role, Section};
use crate::text::is_cjk;

/// An unnumbered heading on its own line (`2023年工作回顾`, `加强政府自身建设`;
/// a heading set on two lines is one heading).
#[derive(Debug, Clone)]
pub(super) struct PlainHeading {
    /// Char index of the heading's first line.
    pub(super) start: usize,
    /// The heading's lines joined by a space.
    pub(super) heading: String,
    /// A paragraph number is glued to it (`前言1.`): a heading of the text,
    /// never of the scrape's title block.
    pub(super) glued: bool,
}

impl PlainHeading {
    /// The heading as a section at `level`.
    pub(super) fn section(&self, level: u32) -> Section {
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
    heading_shaped_from(line, 4)
}

/// [`heading_shaped`] with at least `min_chars` chars.
fn heading_shaped_from(line: &str, min_chars: usize) -> bool {
    let n = line.chars().count();
    if !(min_chars..=32).contains(&n) {
        return false;
    }
    let cjk = line.chars().filter(|&c| is_cjk(c)).count();
    let letters = line.chars().filter(char::is_ascii_alphabetic).count();
    let bad_char = line
        .chars()
        .any(|c| matches!(c, '。' | '!' | '?' | ';' | ':' | '…' | '(' | ')'))
        || crate::text::has_char(line, '—') && !titled_with_dash(line);
    let bad_end = line.ends_with([',', '、', '“']);
    let not_heading = ["人民代表大会", "会议上", "各位代表", "同志们", "工作报告", "【"]
        .iter()
        .any(|k| line.contains(k))
        || is_date_line(line)
        || line.contains(" ") && line.chars().filter(|&c| is_cjk(c)).count() < 8;
    !bad_char && !bad_end && !not_heading && cjk * 2 >= n && letters <= 3
}

/// The heading of a paragraph that opens with one and its paragraph number
/// glued on (`前言1. 今年…`, `结语 250. 让我们…` → `前言`, `结语`): the text
/// before the number is heading-shaped but for its length (two chars are
/// enough: 前言, 结语).
fn glued_heading(para: &[char]) -> Option<String> {
    let at = glued_paragraph_number(para)?;
    let heading: String = para[..at].iter().collect::<String>().trim().to_string();
    (heading.chars().all(is_cjk) && heading_shaped_from(&heading, 2)).then_some(heading)
}

/// `锚定新坐标——“十四五”时期主要任务`: a motto, a dash, the part's subject
/// (the dash joins two headings' worth of words; a line opening with a dash
/// is a list item, `——抗击新冠肺炎疫情取得重大战略成果`).
fn titled_with_dash(line: &str) -> bool {
    line.split_once("——").is_some_and(|(motto, subject)| {
        motto.chars().count() >= 2
            && subject.chars().count() >= 2
            && !crate::text::has_char(motto, '—')
            && !crate::text::has_char(subject, '—')
    })
}

/// `2021年1月14日`, `二〇二一年一月十八日`: a date alone.
fn is_date_line(line: &str) -> bool {
    line.ends_with('日')
        && crate::text::has_char(line, '年')
        && crate::text::has_char(line, '月')
        && line.chars().count() <= 12
}

/// Unnumbered headings on their own line between `from` and `to`: the line
/// before ends a sentence (or is a heading) and something follows.
pub(super) fn plain_headings(chars: &[char], paras: &[Para], from: usize, to: usize) -> Vec<PlainHeading> {
    let texts: Vec<&str> = paras.iter().map(|p| p.text).collect();
    let shaped: Vec<bool> = texts.iter().map(|t| heading_shaped(t)).collect();
    let mut out: Vec<PlainHeading> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let p = paras[i];
        if p.start < from || p.start >= to || parse_marker(&chars[p.start..p.end], true).is_some() {
            i += 1;
            continue;
        }
        let prev_ok = i == 0 || shaped[i - 1] || texts[i - 1].chars().last().is_some_and(ends_sentence);
        if !shaped[i] {
            // `前言1. 今年…`: a heading with the first paragraph number glued to it.
            if let Some(heading) = glued_heading(&chars[p.start..p.end]).filter(|_| prev_ok) {
                out.push(PlainHeading {
                    start: p.start,
                    heading,
                    glued: true,
                });
            }
            i += 1;
            continue;
        }
        // A heading over two lines: the second line is heading-shaped too.
        let mut j = i + 1;
        while j < paras.len() && j < i + 2 && shaped[j] && paras[j].start < to {
            j += 1;
        }
        if prev_ok && j < paras.len() {
            out.push(PlainHeading {
                start: p.start,
                heading: texts[i..j].join(" "),
                glued: false,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_shaped_lines() {
        assert!(heading_shaped("2023年工作回顾"));
        assert!(heading_shaped("加强政府自身建设"));
        assert!(!heading_shaped("2021年1月14日"));
        assert!(!heading_shaped("各位代表"));
        assert!(!heading_shaped("加快推进新型工业化。"));
        assert!(!heading_shaped("坚持稳中求进,"));
        // 黄山市 2021, 常德市 2016: a motto, a dash, the part's subject.
        assert!(heading_shaped("锚定新坐标——“十四五”时期主要任务"));
        assert!(heading_shaped("2015——奋发有为、迎难而上的一年"));
        assert!(!heading_shaped("——融杭接沪取得新的突破"));
        assert!(!heading_shaped("新征程——"));
    }

    #[test]
    fn a_heading_with_a_paragraph_number_glued_on() {
        let glued = |s: &str| glued_heading(&s.chars().collect::<Vec<char>>());
        assert_eq!(glued("前言1. 今年是关键一年。").as_deref(), Some("前言"));
        assert_eq!(glued("结语 250. 让我们携手。").as_deref(), Some("结语"));
        assert_eq!(glued("各位代表1. 今年").as_deref(), None);
        assert_eq!(glued("全市生产总值增长5.5%。"), None);
    }
}
