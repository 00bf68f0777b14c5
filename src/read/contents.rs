//! A table of contents printed as plain lines (`目录` / `目錄` on its own
//! line, then one short line per entry) is no text of the report: its entries
//! would otherwise be read as the outline. [`hide_contents`] hides it char for
//! char, the way [`crate::read::markdown::mask`] hides a `<details>` block, so
//! every offset still points into the file.
//!
//! A list counts as the contents only when its entries come back later as the
//! report's own headings: at least two entries, and at least half of them
//! found again after the list (spaces, page numbers and dot leaders aside).

use crate::read::markdown::HIDDEN;

/// Lines of a contents list at most (a plan's runs to a few hundred).
const MAX_ENTRIES: usize = 400;
/// Chars of an entry at most (page numbers and leaders included).
const MAX_ENTRY_CHARS: usize = 60;

/// The text with a plain table of contents hidden, or `None` when it has none.
pub fn hide_contents(text: &str) -> Option<String> {
    let lines = lines_of(text);
    let heading = lines.iter().position(|l| is_contents_heading(l.text))?;
    let mut entries: Vec<(usize, String)> = Vec::new();
    let mut end = heading + 1;
    for (k, line) in lines.iter().enumerate().skip(heading + 1).take(MAX_ENTRIES) {
        let squeezed = squeeze(line.text);
        if squeezed.is_empty() {
            continue;
        }
        let Some(entry) = entry_text(&squeezed) else { break };
        // The body starts where the first entry comes back as its heading.
        if entries.first().is_some_and(|(_, first)| *first == entry) {
            break;
        }
        entries.push((k, entry));
        end = k + 1;
    }
    if entries.len() < 2 {
        return None;
    }
    let after = squeeze(&text[lines.get(end).map_or(text.len(), |l| l.byte_start)..]);
    let found = entries.iter().filter(|(_, e)| after.contains(e.as_str())).count();
    if found * 2 < entries.len() {
        return None;
    }
    let hidden_lines: Vec<usize> = std::iter::once(heading)
        .chain(entries.iter().map(|&(k, _)| k))
        .collect();
    let mut out = String::with_capacity(text.len());
    for (k, line) in lines.iter().enumerate() {
        if hidden_lines.contains(&k) {
            out.extend(line.text.chars().map(|_| HIDDEN));
        } else {
            out.push_str(line.text);
        }
        if line.newline {
            out.push('\n');
        }
    }
    Some(out)
}

struct Line<'a> {
    byte_start: usize,
    text: &'a str,
    newline: bool,
}

fn lines_of(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        out.push(Line {
            byte_start: start,
            text: &text[start..i],
            newline: true,
        });
        start = i + 1;
    }
    out.push(Line {
        byte_start: start,
        text: &text[start..],
        newline: false,
    });
    out
}

/// `目录`, `目 錄`, `## 目录` (markup already hidden).
fn is_contents_heading(line: &str) -> bool {
    matches!(squeeze(line).as_str(), "目录" | "目錄")
}

/// The line without spaces of any width and hidden markup, full-width ASCII
/// folded: an entry and its heading compare equal however they are spaced.
fn squeeze(line: &str) -> String {
    line.chars()
        .filter(|&c| !c.is_whitespace() && c != HIDDEN && c != '\u{3000}')
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// An entry of the list, without its page number and dot leader
/// (`一、工作回顾……3` → `一、工作回顾`); `None` for a line that is no entry
/// (a sentence, an address `各位代表:`, a long line).
fn entry_text(squeezed: &str) -> Option<String> {
    if squeezed.chars().count() > MAX_ENTRY_CHARS
        || squeezed.contains(['。', ';', '；', '!', '！', '?', '？', ':', '：', ',', '，'])
    {
        return None;
    }
    let entry =
        squeezed.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '-' | '–' | '—'));
    // A bare list bullet or page number is no entry; a heading has two chars.
    (entry.chars().count() >= 2).then(|| entry.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "政府工作报告\n目录\n一、2023年工作回顾……1\n二、2024年工作安排……5\n\n各位代表：\n现在报告工作。\n一、2023年工作回顾\n过去一年。\n二、2024年工作安排\n今年。";

    #[test]
    fn a_contents_list_is_hidden_char_for_char() {
        let hidden = hide_contents(REPORT).unwrap();
        assert_eq!(hidden.chars().count(), REPORT.chars().count());
        assert_eq!(hidden.matches("工作回顾").count(), 1);
        assert!(hidden.contains("各位代表：\n现在报告工作。\n一、2023年工作回顾"));
        assert!(!hidden.contains("目录"));
    }

    #[test]
    fn the_body_starts_where_the_first_entry_returns() {
        let text = "目 錄\n前言\n經濟\n前言\n1. 今年是關鍵一年。\n經濟\n2. 我們將。";
        let hidden = hide_contents(text).unwrap();
        assert_eq!(hidden.matches("前言").count(), 1);
        assert!(hidden.ends_with("前言\n1. 今年是關鍵一年。\n經濟\n2. 我們將。"));
    }

    #[test]
    fn a_list_whose_entries_never_return_is_kept() {
        // A `目录` line followed by lines that are no headings of the text.
        let text = "目录\n甲项目清单\n乙项目清单\n正文说明了别的事情。";
        assert_eq!(hide_contents(text), None);
        assert_eq!(hide_contents("目录\n一、回顾\n"), None);
        assert_eq!(hide_contents("没有目录的报告。\n一、回顾"), None);
    }
}
