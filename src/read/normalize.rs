//! Stage 3, **normalize**: make scraped text comparable across years and sources.
//!
//! - traditional → simplified (phrase-aware, `hanconv`), only when the text is
//!   recognisably traditional, so simplified text is never touched;
//! - full-width ASCII (U+FF01–U+FF5E) → half-width, ideographic space → space;
//! - zero-width characters, BOMs and control characters removed;
//! - pinyin artifacts of a bad conversion removed (`現(xiàn)` → `现`);
//! - whitespace runs collapsed, lines trimmed, empty lines dropped;
//! - boilerplate lines dropped (site navigation, `来源:`, share buttons, copyright
//!   notices, the Wikisource licence footer);
//! - in files whose paragraphs are separated by blank lines, the single line breaks
//!   inside a paragraph (left by links in the scrape) are joined.
//!
//! Every output character keeps the index of the original character it came from
//! ([`Normalized::origin`]), so output can point back into the input file.
//! Normalizing normalized text changes nothing.

use crate::read::marker::starts_like_heading;
use crate::text::{is_boilerplate, is_cjk, map_char};

mod chars;
mod map;
use chars::{is_tone_vowel, is_traditional_only};
use map::index;
pub use map::{Normalized, OriginMap};

/// Normalizes `text`; `base` is added to every origin index (the offset of `text`
/// in its file, in chars).
pub fn normalize(text: &str, base: usize) -> Normalized {
    normalize_with_tables(text, base, &[])
}
/// Like [`normalize`]; a table's rows (`rows`, `base` applied) stay lines of their own, its rule goes.
pub fn normalize_with_tables(text: &str, base: usize, rows: &[crate::read::table::TableLine]) -> Normalized {
    let lines = clean_lines(text, base);
    // The script is judged on the lines that stay when nothing is converted:
    // dropped furniture must not dilute the share, or normalizing the output
    // again would judge (and convert) differently.
    let traditional = looks_traditional(
        lines
            .iter()
            .map(|l| (l, collapsed_head(l)))
            .take_while(|(_, head)| !is_licence_footer(head))
            .filter(|(_, head)| !is_boilerplate(head))
            .flat_map(|(l, _)| l.chars.iter().map(|&(c, _)| c)),
    );
    let mut paragraphs: Vec<Line> = Vec::with_capacity(lines.len());
    let blank_separated = uses_blank_line_paragraphs(&lines);
    let mut previous_blank = true;
    for mut line in lines {
        if line.chars.is_empty() {
            previous_blank = true;
            continue;
        }
        if traditional {
            to_simplified(&mut line);
        }
        collapse_spaces(&mut line);
        join_letter_spacing(&mut line);
        if line.chars.is_empty() {
            continue;
        }
        let s = line.head();
        let row = crate::read::table::role(rows, line.chars.first().map(|c| c.1 as usize));
        if is_licence_footer(&s) {
            break;
        }
        if is_boilerplate(&s) || row == Some(true) {
            previous_blank = true;
            continue;
        }
        previous_blank |= row.is_some(); // a table row is joined to nothing
        let rejected = match paragraphs.last_mut() {
            Some(prev) if blank_separated && !previous_blank && !starts_like_heading(&s) => join_fragment(prev, line),
            _ => Some(line),
        };
        if let Some(line) = rejected {
            paragraphs.push(line);
        }
        previous_blank = row.is_some();
    }
    let mut out = Normalized {
        traditional,
        text: String::with_capacity(
            paragraphs
                .iter()
                .map(|p| 1 + p.chars.iter().map(|&(c, _)| c.len_utf8()).sum::<usize>())
                .sum(),
        ),
        ..Normalized::default()
    };
    let mut original = Original::new(text);
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.text.push('\n');
            // The newline stands for the line break just before the paragraph.
            out.origin.push(p.chars[0].1.saturating_sub(1));
        }
        for &(c, o) in &p.chars {
            // Only width is undone: spaces stay collapsed, script stays converted.
            if let Some(was) = (o as usize).checked_sub(base).and_then(|k| original.char_at(k)) {
                if was != c && c != ' ' && (map_char(was) == Some(c) || (traditional && simplified_of(was, c))) {
                    out.restored.push((index(out.origin.len()), was));
                }
            }
            out.text.push(c);
            out.origin.push(o);
        }
    }
    out
}

/// The chars of the text being normalized, read by index as the output is
/// written. Origins never go backwards, so one walk serves them all (a copy
/// of the text as `Vec<char>` cost 4 bytes a char).
struct Original<'t> {
    text: &'t str,
    chars: std::str::Chars<'t>,
    /// Index of the char `chars` yields next.
    next: usize,
}

impl<'t> Original<'t> {
    fn new(text: &'t str) -> Original<'t> {
        Original {
            text,
            chars: text.chars(),
            next: 0,
        }
    }

    /// The char at index `k`, if any.
    fn char_at(&mut self, k: usize) -> Option<char> {
        if k < self.next {
            // Backwards: walk again from the start.
            (self.chars, self.next) = (self.text.chars(), 0);
        }
        let c = self.chars.nth(k - self.next);
        self.next = k + 1;
        c
    }
}

/// Normalizes a title found by split, in the script of the report it heads: a
/// title alone (`2024年廣州市政府工作報告`) is too short to be recognised as
/// traditional, and metadata detection reads simplified titles.
pub fn normalize_title(title: &str, report: &Normalized) -> String {
    let title = normalize(title, 0);
    if report.traditional && !title.traditional {
        hanconv::t2s(&title.text)
    } else {
        title.text
    }
}

/// A short text (a title) cleaned like a report's text (spaces collapsed,
/// zero-width characters and pinyin glosses dropped) but in its own
/// characters: full-width punctuation, digits and letters as written.
pub fn as_written(text: &str) -> String {
    let n = normalize(text, 0);
    n.original_of(0, &n.text)
}

/// One line under construction: characters with their origin (8 bytes a char).
#[derive(Debug, Clone, Default)]
struct Line {
    chars: Vec<(char, u32)>,
}

impl Line {
    fn string(&self) -> String {
        self.chars.iter().map(|&(c, _)| c).collect()
    }

    /// The first [`HEAD_CHARS`] chars: all that is asked of a line to tell
    /// boilerplate (at most 80 chars: a head of 81 is too long, as the line
    /// is), the licence footer or a heading's start; a paragraph is one line
    /// of thousands of chars.
    fn head(&self) -> String {
        self.chars.iter().take(HEAD_CHARS).map(|&(c, _)| c).collect()
    }
}

/// See [`Line::head`].
const HEAD_CHARS: usize = 81;

/// Character-level cleaning and line splitting (`\n`, `\r\n`, `\r`).
fn clean_lines(text: &str, base: usize) -> Vec<Line> {
    let mut lines = vec![Line::default()];
    let mut prev_cr = false;
    for (i, c) in text.chars().enumerate() {
        let origin = index(base + i);
        if c == '\n' && prev_cr {
            prev_cr = false;
            continue;
        }
        prev_cr = c == '\r';
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            lines.push(Line::default());
            continue;
        }
        if let Some(c) = map_char(c) {
            if let Some(line) = lines.last_mut() {
                line.chars.push((c, origin));
            }
        }
    }
    for line in &mut lines {
        remove_pinyin_artifacts(line);
    }
    lines
}

/// Removes `(xiàn)`-style pinyin glosses that follow a CJK character. The
/// character before a gloss is looked up in the output, so a doubled gloss
/// (`現(xiàn)(xiàn)`) goes entirely and a second pass finds nothing left.
fn remove_pinyin_artifacts(line: &mut Line) {
    if !line.chars.iter().any(|&(c, _)| is_tone_vowel(c)) {
        return;
    }
    let chars = &line.chars;
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].0 == '(' && out.last().is_some_and(|&(c, _): &(char, u32)| is_cjk(c)) {
            if let Some(len) = pinyin_gloss_len(&chars[i + 1..]) {
                i += len + 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    line.chars = out;
}

/// Length of a pinyin syllable followed by `)`, if `rest` starts with one.
fn pinyin_gloss_len(rest: &[(char, u32)]) -> Option<usize> {
    let len = rest
        .iter()
        .take(8)
        .take_while(|&&(c, _)| c.is_ascii_lowercase() || is_tone_vowel(c))
        .count();
    let closes = rest.get(len).is_some_and(|&(c, _)| c == ')');
    let toned = rest[..len].iter().any(|&(c, _)| is_tone_vowel(c));
    ((1..=7).contains(&len) && closes && toned).then_some(len)
}

/// True when at least 0.5% of the CJK characters (and at least 3) are
/// traditional-only: the text is in traditional script.
pub fn looks_traditional(chars: impl Iterator<Item = char>) -> bool {
    let (mut cjk, mut trad) = (0usize, 0usize);
    for c in chars {
        if is_cjk(c) {
            cjk += 1;
            if is_traditional_only(c) {
                trad += 1;
            }
        }
    }
    trad >= 3 && trad * 200 >= cjk
}

/// Converts a line to simplified script. Origins stay exact when the conversion
/// keeps the length (nearly always); otherwise converted characters point at the
/// start of the line.
fn to_simplified(line: &mut Line) {
    let s = line.string();
    let converted = hanconv::t2s(&s);
    if converted == s {
        return;
    }
    let new: Vec<char> = converted.chars().collect();
    if new.len() == line.chars.len() {
        for (slot, c) in line.chars.iter_mut().zip(new) {
            slot.0 = c;
        }
    } else {
        let start = line.chars.first().map_or(0, |&(_, o)| o);
        line.chars = new.into_iter().map(|c| (c, start)).collect();
    }
}

/// True when `simplified` is the simplified form of the traditional `was`
/// (a converted char, restored for output: a traditional report is shown in
/// its own script).
fn simplified_of(was: char, simplified: char) -> bool {
    let mut buf = [0u8; 4];
    let converted = hanconv::t2s(was.encode_utf8(&mut buf));
    let mut chars = converted.chars();
    chars.next() == Some(simplified) && chars.next().is_none()
}

/// True for a char that letter-spaced CJK text is made of: a CJK character
/// or punctuation, or a bracket (`( 三 ) 土 地 供 應`).
fn spaced_unit(c: char) -> bool {
    !c.is_ascii_alphanumeric() && !c.is_whitespace() && (c.is_ascii_punctuation() == matches!(c, '(' | ')'))
}

/// Joins letter-spaced text (`北 部 都 會 區`, PDF conversions spread
/// headings out): a space goes when a single CJK char stands on one side of
/// it, in a run of at least three single chars separated by single spaces.
/// Two spaced chars (`张 三`) or words (`供应 政策`) stay apart. Each kept char
/// keeps its origin, so the original can still be shown.
fn join_letter_spacing(line: &mut Line) {
    let chars = &line.chars;
    if !chars.iter().any(|&(c, _)| c == ' ') {
        return;
    }
    // Tokens between spaces: (start, end) in `chars`.
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, &(c, _)) in chars.iter().enumerate() {
        if c == ' ' {
            tokens.push((start, i));
            start = i + 1;
        }
    }
    tokens.push((start, chars.len()));
    let single: Vec<bool> = tokens
        .iter()
        .map(|&(s, e)| e == s + 1 && spaced_unit(chars[s].0))
        .collect();
    let spaced: Vec<bool> = tokens
        .iter()
        .map(|&(s, e)| e > s && chars[s..e].iter().all(|&(c, _)| spaced_unit(c)))
        .collect();
    // Length of the run of single tokens each token is in.
    let mut run = vec![0usize; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while j < tokens.len() && single[j] {
            j += 1;
        }
        for r in &mut run[i..j] {
            *r = j - i;
        }
        i = j.max(i + 1);
    }
    let joins =
        |k: usize| spaced[k] && spaced[k + 1] && ((single[k] && run[k] >= 3) || (single[k + 1] && run[k + 1] >= 3));
    let drop: Vec<usize> = (0..tokens.len() - 1)
        .filter(|&k| joins(k))
        .map(|k| tokens[k].1)
        .collect();
    if drop.is_empty() {
        return;
    }
    let mut d = drop.iter().peekable();
    let mut out = Vec::with_capacity(chars.len() - drop.len());
    for (i, &c) in chars.iter().enumerate() {
        if d.peek() == Some(&&i) {
            d.next();
        } else {
            out.push(c);
        }
    }
    line.chars = out;
}

/// Collapses runs of spaces to one, trims both ends, and drops spaces between two
/// CJK characters or CJK punctuation only when they are runs (a single space is kept,
/// it often separates a heading from text in one-line scrapes).
fn collapse_spaces(line: &mut Line) {
    // In place: a one-line report is one line of millions of chars.
    let mut previous = ' ';
    line.chars.retain(|&(c, _)| {
        let keep = !(c == ' ' && previous == ' ');
        if keep {
            previous = c;
        }
        keep
    });
    while line.chars.last().is_some_and(|&(c, _)| c == ' ') {
        line.chars.pop();
    }
}

/// The first 81 chars of `line` as [`collapse_spaces`] leaves them: enough to
/// recognise boilerplate (at most 80 chars) and the licence footer.
fn collapsed_head(line: &Line) -> String {
    let mut head = String::new();
    let mut count = 0;
    for &(c, _) in &line.chars {
        if c == ' ' && (head.is_empty() || head.ends_with(' ')) {
            continue;
        }
        if count == HEAD_CHARS {
            // Longer than any boilerplate: a trailing space here is not the end.
            return head;
        }
        head.push(c);
        count += 1;
    }
    head.trim_end_matches(' ').to_string()
}

/// Appends the link fragment `line` to the paragraph `prev`, or gives it back
/// when the joined text would read differently line by line: a pinyin gloss that
/// now follows a CJK character is removed, and a join that would make the
/// paragraph boilerplate or the licence footer is refused. So a second
/// normalization, which sees the paragraph as one line, changes nothing.
/// Only the seam is examined, so joining many fragments stays linear.
fn join_fragment(prev: &mut Line, line: Line) -> Option<Line> {
    // A gloss across the seam starts at most 8 chars before it (`(` and up to 7
    // letters), after a CJK char: 10 chars of `prev` give every such gloss its context.
    let keep = prev.chars.len().saturating_sub(10);
    let mut seam = Line {
        chars: prev.chars[keep..].iter().chain(&line.chars).copied().collect(),
    };
    remove_pinyin_artifacts(&mut seam);
    let head: String = prev.chars[..keep]
        .iter()
        .chain(&seam.chars)
        .take(HEAD_CHARS)
        .map(|&(c, _)| c)
        .collect();
    if is_boilerplate(&head) || is_licence_footer(&head) {
        return Some(line);
    }
    prev.chars.truncate(keep);
    prev.chars.extend(seam.chars);
    None
}

/// Paragraphs separated by blank lines (the national corpus, many web pages):
/// then a single line break inside a block is a scrape artifact.
fn uses_blank_line_paragraphs(lines: &[Line]) -> bool {
    let non_blank = lines.iter().filter(|l| !l.chars.is_empty()).count();
    let mut single_breaks = 0;
    for pair in lines.windows(2) {
        if !pair[0].chars.is_empty() && !pair[1].chars.is_empty() {
            single_breaks += 1;
        }
    }
    non_blank >= 4 && single_breaks * 2 < non_blank
}

/// The Wikisource licence block that ends every file of the national corpus.
fn is_licence_footer(s: &str) -> bool {
    s.starts_with("本作品是中华人民共和国的") || s.starts_with("本作品是中華人民共和國的")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_keeps_its_own_punctuation() {
        assert_eq!(
            as_written("白城市政府工作报告（2021年1月12日 李明伟）"),
            "白城市政府工作报告（2021年1月12日 李明伟）"
        );
        assert_eq!(as_written("（一）总体要求\u{200b}"), "（一）总体要求");
    }

    #[test]
    fn original_characters_come_back() {
        let n = normalize("前言\n　　国内生产总值增长５％左右，就业（城镇）：稳定；好。", 0);
        assert_eq!(n.text, "前言\n国内生产总值增长5%左右,就业(城镇):稳定;好。");
        let start = n.text.chars().position(|c| c == '国').unwrap();
        let body = &n.text[n.text.find('国').unwrap()..];
        assert_eq!(
            n.original_of(start, body),
            "国内生产总值增长５％左右，就业（城镇）：稳定；好。"
        );
        assert_eq!(n.original_of(start + 8, "5%"), "５％");
        assert_eq!(normalize(&n.text, 0).restored, Vec::new());
    }

    #[test]
    fn letter_spacing_joined_origin_kept() {
        let n = normalize("( 三 ) 土 地 供應\n北 部 都 會 區 發展", 0);
        assert_eq!(n.text, "(三)土地供应\n北部都会区发展");
        // Each char still points at its own original char, shown in its own script.
        let start = n.text.chars().position(|c| c == '北').unwrap();
        assert_eq!(
            n.origin.get(start + 1),
            Some(start_of("( 三 ) 土 地 供應\n北 部", '部'))
        );
        assert_eq!(n.original_of(start, "北部都会区"), "北部都會區");
        // Two spaced chars, words, numbers and Latin stay apart.
        for kept in ["市长 王 伟", "供应 政策 支持", "2021 年 1 月", "GDP 增 长"] {
            assert_eq!(normalize(kept, 0).text, kept);
        }
        assert_eq!(normalize(&n.text, 0).text, n.text);
    }

    fn start_of(s: &str, c: char) -> usize {
        s.chars().position(|x| x == c).unwrap()
    }

    #[test]
    fn traditional_shown_in_its_own_script() {
        let t = "我們堅持發展經濟,這個國家的產業體系與農業現代化。";
        let n = normalize(t, 0);
        assert!(n.traditional);
        assert_eq!(n.text, "我们坚持发展经济,这个国家的产业体系与农业现代化。");
        assert_eq!(n.original_of(0, &n.text), t);
    }

    #[test]
    fn full_width_and_spaces() {
        let n = normalize("ＧＤＰ增长５．５％\u{3000}\u{3000}左右\u{200B}", 0);
        assert_eq!(n.text, "GDP增长5.5% 左右");
        assert_eq!(n.origin.len(), n.text.chars().count());
    }

    #[test]
    fn pinyin_artifacts_repaired_and_simplified() {
        let n = normalize(
            "推進中國式現(xiàn)代化，促進經(jīng)濟發(fā)展，堅持產(chǎn)業(yè)第一",
            0,
        );
        assert_eq!(n.text, "推进中国式现代化,促进经济发展,坚持产业第一");
    }

    #[test]
    fn simplified_text_untouched_by_t2s() {
        let s = "他著有《论十大关系》，发展着";
        assert_eq!(normalize(s, 0).text, "他著有《论十大关系》,发展着");
    }

    #[test]
    fn boilerplate_dropped() {
        let n = normalize(
            "首页  > 信息中心  > 头条要闻\n\n政府工作报告\n来源:广州日报\n2025-07-08\n我要回帖",
            0,
        );
        assert_eq!(n.text, "政府工作报告");
    }

    #[test]
    fn corpus_link_fragments_joined() {
        let s = "各位代表:\n\n我们贯彻\n民族区域自治法\n,支持少数民族。\n\n一、过去五年工作回顾\n\n正文。\n\n本作品是中华人民共和国的\n法律";
        let n = normalize(s, 0);
        assert_eq!(
            n.text,
            "各位代表:\n我们贯彻民族区域自治法,支持少数民族。\n一、过去五年工作回顾\n正文。"
        );
    }

    #[test]
    fn origins_point_back() {
        let src = "一、\u{3000}回顾\n\n\n（一）发展";
        let n = normalize(src, 10);
        let orig: Vec<char> = src.chars().collect();
        for (c, o) in n.text.chars().zip(n.origin.iter()) {
            if c != '\n' && c != ' ' && c != '(' && c != ')' {
                assert_eq!(orig[o - 10], c);
            }
        }
    }

    #[test]
    fn origin_map_keeps_runs_and_answers_every_index() {
        let n = normalize("一、\u{3000}回顾\n\n\n（一）发展  改革", 5);
        let all: Vec<usize> = n.origin.iter().collect();
        assert_eq!(all.len(), n.text.chars().count());
        for (i, &o) in all.iter().enumerate() {
            assert_eq!(n.origin.get(i), Some(o));
        }
        assert_eq!(n.origin.get(all.len()), None);
        // Runs break only where chars were dropped: the ideographic space (as a
        // space, kept), the blank lines, one of the two spaces.
        assert!(n.origin.runs.len() <= 3, "{:?}", n.origin);
        let one_line = normalize(&"坚持高质量发展。".repeat(1000), 0);
        assert_eq!(one_line.origin.runs.len(), 1);
    }

    #[test]
    fn doubled_gloss_and_gloss_after_a_joined_fragment_removed() {
        assert_eq!(normalize("现(xiàn)(xiàn)代化", 0).text, "现代化");
        let n = normalize("现代化\n(xiàn)建设\n\n一\n\n二\n\n三", 0);
        assert_eq!(n.text, "现代化建设\n一\n二\n三");
        let n = normalize("。\n\n现(\nxiàn)代化\n\n。\n\n。", 0);
        assert_eq!(n.text, "。\n现代化\n。\n。");
    }

    #[test]
    fn fragments_that_would_join_into_boilerplate_stay_apart() {
        let n = normalize("我要\n回帖\n\n一\n\n二\n\n三", 0);
        assert_eq!(n.text, "我要\n回帖\n一\n二\n三");
    }

    #[test]
    fn title_follows_the_script_of_its_report() {
        let report = normalize("們這個國家的經濟發展", 0);
        assert!(report.traditional);
        assert_eq!(
            normalize_title("2024年廣州市政府工作報告", &report),
            "2024年广州市政府工作报告"
        );
        let simplified = normalize("我们这个国家的经济发展", 0);
        assert!(!simplified.traditional);
        assert_eq!(normalize_title("乾隆", &simplified), "乾隆");
    }

    #[test]
    fn idempotent_on_examples() {
        for s in [
            "現(xiàn)代化\r\n\r\n首页 > 新闻\n\n（一）　ＡＢ",
            "a\n\nb\nc\n\nd\ne",
            "现代化\n(xiàn)\n\n。\n\n。",
            "2025-07-0\n8\n\nx\n\ny\n\nz",
        ] {
            let once = normalize(s, 0).text;
            assert_eq!(normalize(&once, 0).text, once);
        }
    }
}
