//! Stage 2, **split**: find the reports inside one scraped file.
//!
//! A report starts at a title line (`2019年增城区中新镇政府工作报告`), at a
//! `原标题:` article marker, or at a long line that opens with a report title
//! (`政府工作报告——2022年1月11日在…`). Starts closer together than
//! [`MIN_REPORT_CHARS`] of text belong to one report (a page title followed by the
//! report's own title). Short unrelated text before the first report is dropped;
//! site furniture after a report is trimmed from its range. A file with no start
//! at all is one report.

use crate::text::{has_char, is_boilerplate, map_char};

/// Less body text than this between two starts means they open the same report.
pub const MIN_REPORT_CHARS: usize = 300;

/// Text before the first title shorter than this is a scrape's lead-in, not a report.
const MAX_LEAD_IN_CHARS: usize = 2000;

/// One report's place in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// First char of the report in the file (char index).
    pub char_start: usize,
    /// One past the last char of the report.
    pub char_end: usize,
    /// The title as found (cleaned: no `【…】` tags, `(全文)` suffixes), if any.
    pub title: Option<String>,
    /// The piece started at a `原标题:` article marker.
    pub article: bool,
}

/// A line of the file with its char range and a cleaned form for matching.
struct RawLine {
    start: usize,
    end: usize,
    clean: String,
}

/// Finds the reports in `text`.
pub fn split(text: &str) -> Vec<Piece> {
    let lines = raw_lines(text);
    let total_chars = lines.last().map_or(0, |l| l.end);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut content_since_start = 0usize;
    let mut lead_in_chars = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let start = classify(&line.clean).filter(|(_, article)| *article || stands_alone(&lines, i));
        if let Some((title, article)) = start {
            let merge = pieces.last().is_some() && content_since_start < MIN_REPORT_CHARS;
            if merge {
                if let Some(p) = pieces.last_mut() {
                    if p.title.is_none() {
                        p.title = title;
                    }
                }
            } else {
                if pieces.is_empty() && lead_in_chars >= MAX_LEAD_IN_CHARS {
                    pieces.push(Piece {
                        char_start: 0,
                        char_end: line.start,
                        title: None,
                        article: false,
                    });
                }
                pieces.push(Piece {
                    char_start: line.start,
                    char_end: total_chars,
                    title,
                    article,
                });
                content_since_start = 0;
            }
            // A long line that opens with a title carries the report itself.
            if line.clean.chars().count() > 200 {
                content_since_start += line.clean.chars().count();
            }
            continue;
        }
        if is_boilerplate(&line.clean) {
            continue;
        }
        let n = line.clean.chars().count();
        if pieces.is_empty() {
            lead_in_chars += n;
        } else {
            content_since_start += n;
        }
    }
    if pieces.is_empty() {
        pieces.push(Piece {
            char_start: 0,
            char_end: total_chars,
            title: None,
            article: false,
        });
    }
    let mut pieces = merge_accompanying(pieces, &lines);
    // Each piece ends where the next begins, less trailing furniture.
    let starts: Vec<usize> = pieces
        .iter()
        .skip(1)
        .map(|p| p.char_start)
        .chain([total_chars])
        .collect();
    for (piece, next_start) in pieces.iter_mut().zip(starts) {
        piece.char_end = lines
            .iter()
            .filter(|l| l.start >= piece.char_start && l.end <= next_start)
            .filter(|l| !l.clean.is_empty() && !is_boilerplate(&l.clean))
            .map(|l| l.end)
            .next_back()
            .unwrap_or(next_start)
            .max(piece.char_start);
    }
    pieces
}

/// Title words of the material printed with a report (名词解释, a 民生实事
/// list, a five-year-plan explanation): part of the report before it.
const APPENDIX_TITLE_WORDS: &[&str] = &[
    "名词解释",
    "注释",
    "释义",
    "附件",
    "附录",
    "说明",
    "术语",
    "民生实事",
    "解读",
];

/// Merges pieces that are not reports of their own: a resolution on the report
/// (关于政府工作报告的决议) joins the report after it; an appendix, and a bare
/// `政府工作报告` that opens no report (a newspaper's `(上接A2版)` page
/// header), join the report before them.
fn merge_accompanying(pieces: Vec<Piece>, lines: &[RawLine]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut carried_start: Option<usize> = None;
    let n = pieces.len();
    for (i, mut p) in pieces.into_iter().enumerate() {
        let title = p.title.clone().unwrap_or_default();
        if let Some(start) = carried_start.take() {
            p.char_start = start;
        }
        if title.contains("决议") && i + 1 < n {
            carried_start = Some(p.char_start);
            continue;
        }
        let accompanies = APPENDIX_TITLE_WORDS.iter().any(|w| title.contains(w))
            || is_attachment_link(&title)
            || (is_generic_title(&title) && !opens_report(lines, p.char_start));
        match out.last_mut() {
            Some(prev) if accompanies && !p.article => prev.char_end = p.char_end,
            _ => out.push(p),
        }
    }
    out
}

/// A file name in an attachment list (`附件：- 2025年政府工作报告.docx`): a
/// link to a copy of the report, no report of its own.
fn is_attachment_link(title: &str) -> bool {
    let lower = title.trim().to_ascii_lowercase();
    [".doc", ".docx", ".pdf", ".wps", ".ofd", ".xls", ".xlsx", ".zip", ".rar"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// `政府工作报告` with no place or year of its own.
fn is_generic_title(title: &str) -> bool {
    let rest = title.replace("人民政府工作报告", "").replace("政府工作报告", "");
    !title.is_empty() && !rest.chars().any(|c| crate::text::is_cjk(c) || c.is_ascii_digit())
}

/// The text after a title at `start` opens a report: an address to the
/// deputies, a delivery line or a congress within its first lines.
fn opens_report(lines: &[RawLine], start: usize) -> bool {
    let mut seen = 0;
    for l in lines.iter().filter(|l| l.start >= start) {
        if ["各位代表", "人民代表大会", "向大会报告"]
            .iter()
            .any(|k| l.clean.contains(k))
        {
            return true;
        }
        seen += l.clean.chars().count();
        if seen > 1500 {
            break;
        }
    }
    false
}

/// A title line stands on its own: the line before ends a sentence (or is
/// furniture, or there is none) and the line after does not continue a sentence.
/// This rejects link fragments like `国民经济和社会发展第十一个五年规划纲要`
/// that a scrape broke out of running text.
fn stands_alone(lines: &[RawLine], i: usize) -> bool {
    let prev = lines[..i].iter().rev().find(|l| !l.clean.is_empty());
    let next = lines[i + 1..].iter().find(|l| !l.clean.is_empty());
    let prev_ok = prev.is_none_or(|p| {
        is_boilerplate(&p.clean)
            || p.clean.ends_with(['。', '!', '?', '！', '？', '”', ':', '：', ')'])
            || classify(&p.clean).is_some()
    });
    let next_ok = next.is_none_or(|n| {
        !n.clean
            .starts_with([',', '，', '、', '。', ';', '；', ')', '）', '》', '”'])
    });
    let short = lines[i].clean.chars().count() <= 60;
    prev_ok && next_ok && !(short && lines[i].clean.contains(['《', '》']))
}

fn raw_lines(text: &str) -> Vec<RawLine> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut clean = String::new();
    let mut idx = 0;
    for c in text.chars() {
        if c == '\n' {
            lines.push(RawLine {
                start,
                end: idx,
                clean: collapse(&clean),
            });
            clean.clear();
            start = idx + 1;
        } else if let Some(m) = map_char(c) {
            clean.push(m);
        }
        idx += 1;
    }
    lines.push(RawLine {
        start,
        end: idx,
        clean: collapse(&clean),
    });
    lines
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that make a short line a report title.
const TITLE_KEYWORDS: &[&str] = &[
    "工作报告",
    "规划的建议",
    "规划建议",
    "规划纲要",
    "施政报告",
    "工作報告",
    "施政報告",
    "規劃綱要",
    "規劃的建議",
];

/// If the line starts a report: its cleaned title (if any) and whether it is an
/// article marker (`原标题:`).
fn classify(line: &str) -> Option<(Option<String>, bool)> {
    if let Some(rest) = line.strip_prefix("原标题:").or_else(|| line.strip_prefix("原標題:")) {
        let end = rest
            .char_indices()
            .find(|&(_, c)| matches!(c, '。' | ' ' | '!' | '?' | '！' | '？'))
            .map_or(rest.len(), |(i, _)| i);
        let title = clean_title(&rest[..end]);
        return Some(((!title.is_empty()).then_some(title), true));
    }
    let n = line.chars().count();
    // A numbered heading naming a plan (`二、编制“十三五”规划纲要的主要考虑`) is
    // a part of a report, not the title of another.
    if crate::read::marker::starts_like_heading(line) {
        return None;
    }
    if n <= 60 && !line.contains(['，', ',', '。', ';', '；', '!', '！', '?', '？', ':', '：']) {
        let title = clean_title(line);
        if TITLE_KEYWORDS.iter().any(|k| title.contains(k)) && title.chars().count() >= 4 {
            return Some((Some(title), false));
        }
    }
    // `政府工作报告——2022年1月11日在…`: a long line that opens with its title.
    if n > 200 {
        for k in ["政府工作报告", "政府工作報告"] {
            if let Some(i) = line.find(k) {
                let before = &line[..i];
                let after = &line[i + k.len()..];
                if before.chars().count() <= 20
                    && !before.contains(['，', ',', '。'])
                    && (after.starts_with("——") || after.starts_with('(') || after.starts_with(' '))
                {
                    return Some((Some(clean_title(&line[..i + k.len()])), false));
                }
            }
        }
    }
    None
}

/// Suffixes a scraped title may carry after the title itself. Each holds `(`
/// or `全`, so [`clean_title`] looks for them only in titles holding one.
const TITLE_SUFFIXES: [&str; 7] = ["(全文)", "(摘要)", "(图)", "(图文)", "(实录)", "(附全文)", "全文"];

/// Removes `【广州招商】`-style tags and `(全文)`/`(图)` suffixes.
pub fn clean_title(title: &str) -> String {
    let mut t = title.trim().to_string();
    while t.starts_with('【') {
        match t.find('】') {
            Some(i) => t = t[i + '】'.len_utf8()..].trim_start().to_string(),
            None => break,
        }
    }
    // Most titles hold neither `(` nor `全`, which every suffix holds.
    if t.contains('(') || has_char(&t, '全') {
        for suffix in TITLE_SUFFIXES {
            if let Some(i) = t.find(suffix) {
                if i > 0 {
                    t.truncate(i);
                }
            }
        }
    }
    t.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_title_suffix_holds_what_clean_title_looks_for() {
        for suffix in TITLE_SUFFIXES {
            assert!(suffix.contains('(') || suffix.contains('全'), "{suffix}");
        }
        assert_eq!(clean_title("2025年政府工作报告(全文)"), "2025年政府工作报告");
        assert_eq!(clean_title("政府工作报告全文"), "政府工作报告");
    }

    fn body(n: usize) -> String {
        "各位代表,现在我代表市人民政府向大会报告工作。".repeat(n)
    }

    #[test]
    fn attachment_list_is_not_a_report() {
        let text = format!(
            "2025年甲市政府工作报告\n各位代表:\n{}\n附件:\n- 2025年政府工作报告.docx\n- 2025年政府工作报告.pdf",
            body(40)
        );
        let p = split(&text);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].char_end, text.chars().count());
    }

    #[test]
    fn whole_file_when_no_title() {
        let text = format!("各位代表:\n{}", body(5));
        let p = split(&text);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].title, None);
        assert_eq!(p[0].char_start, 0);
    }

    #[test]
    fn page_title_and_report_title_merge() {
        let text = format!(
            "首页 > 新闻\n2025年广州市政府工作报告(全文)\n\n政府工作报告\n——2025年2月20日\n{}",
            body(40)
        );
        let p = split(&text);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].title.as_deref(), Some("2025年广州市政府工作报告"));
    }

    #[test]
    fn several_reports_and_trailing_furniture() {
        let text = format!(
            "-\n【广州招商】2019年甲镇政府工作报告\n{}\n2025-07-08\n-\n【广州招商】2019年乙镇政府工作报告\n{}\n2025-07-08\n- 联系我们",
            body(20),
            body(20)
        );
        let p = split(&text);
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].title.as_deref(), Some("2019年乙镇政府工作报告"));
        let second: String = text
            .chars()
            .skip(p[1].char_start)
            .take(p[1].char_end - p[1].char_start)
            .collect();
        assert!(second.ends_with("报告工作。"), "{second}");
    }

    #[test]
    fn sentence_mentioning_a_report_is_not_a_title() {
        assert_eq!(classify("2021年政府工作报告中提到,依靠()推动实体"), None);
        assert!(classify("原标题:坚定不移推动高质量发展180多个数据!3月6日").is_some());
    }
}
