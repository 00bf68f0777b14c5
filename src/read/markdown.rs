//! Markdown input: YAML front matter read as metadata, markup hidden from the
//! later stages without moving any character.
//!
//! [`mask`] replaces every markup character (front matter, `#` heading marks,
//! `**bold**`/`*em*`/`__` delimiters, HTML comments, thematic breaks, `>` quote
//! marks, image links `![…](…)`, and a `<details>` block: the table of
//! contents the converters print before the text) by a zero-width space, which
//! normalization drops. The text keeps its
//! length in chars, so every offset still points at the same character of the
//! file and output can quote the original.

/// Metadata from a YAML front matter block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// `title:`.
    pub title: Option<String>,
    /// `source:` (the original address).
    pub source: Option<String>,
}

/// The character that stands in for hidden markup (dropped by normalization).
pub const HIDDEN: char = '\u{200B}';

/// True for a Markdown file: a `.md`/`.markdown` name, text that opens with
/// a front matter block, or text laid out in Markdown headings (a `.txt`
/// export of a Markdown page). A `#` at the start of a line of plain text
/// (`#1号工程`, a lone `# 注`) stays text.
pub fn is_markdown(path: &str, text: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || front_matter_lines(text).is_some() || markdown_like(text)
}

/// Lines that are Markdown headings (`## 一、工作回顾`: one to six `#`, a
/// space, a short heading) at least this many times make a text Markdown.
const MIN_ATX_HEADINGS: usize = 2;

/// Text laid out in Markdown headings: at least [`MIN_ATX_HEADINGS`] lines of
/// `#`…`######`, a space and a short heading without sentence punctuation,
/// and more of them than lines opening with `#` that read as text.
fn markdown_like(text: &str) -> bool {
    let (mut headings, mut other) = (0usize, 0usize);
    for line in text.lines() {
        let line = line.trim_start_matches([' ', '\u{3000}', '\u{feff}']);
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if hashes == 0 {
            continue;
        }
        let rest = &line[hashes..];
        let heading = rest.trim().trim_end_matches('#').trim();
        let shaped = hashes <= 6
            && rest.starts_with(' ')
            && (1..=40).contains(&heading.chars().count())
            && !heading.contains(['。', '；', ';']);
        if shaped {
            headings += 1;
        } else {
            other += 1;
        }
    }
    headings >= MIN_ATX_HEADINGS && headings > other
}

/// Lines of the front matter block (between the opening and closing `---`),
/// and the number of lines it spans including both fences.
fn front_matter_lines(text: &str) -> Option<(Vec<&str>, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut body = Vec::new();
    for line in lines.take(60) {
        if matches!(line.trim_end(), "---" | "...") {
            let n = body.len() + 2;
            return Some((body, n));
        }
        body.push(line);
    }
    None
}

/// The front matter's `title` and `source`, if the text opens with one.
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let (lines, _) = front_matter_lines(text)?;
    let mut fm = FrontMatter::default();
    for line in lines {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "title" => fm.title = Some(value.to_string()),
            "source" | "url" | "link" => fm.source = Some(value.to_string()),
            _ => {}
        }
    }
    Some(fm)
}

/// The text with all Markdown markup replaced by [`HIDDEN`] (same length in chars).
pub fn mask(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut hidden = vec![false; chars.len()];
    // Front matter: every line of the block, fences included.
    let mut skip_lines = front_matter_lines(text).map_or(0, |(_, n)| n);
    let mut line_start = 0;
    let mut in_comment = false;
    let mut in_details = false;
    while line_start <= chars.len() {
        let line_end = chars[line_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |k| line_start + k);
        let line: String = chars[line_start..line_end].iter().collect();
        let opens_details = line.trim_start().starts_with("<details");
        if skip_lines > 0 || in_details || opens_details {
            skip_lines = skip_lines.saturating_sub(1);
            // A folded block (the table of contents) is no text of the report.
            in_details = (in_details || opens_details) && !line.contains("</details>");
            hide(&mut hidden, line_start, line_end);
        } else {
            in_comment = mask_line(
                &chars[line_start..line_end],
                &mut hidden[line_start..line_end],
                in_comment,
            );
        }
        line_start = line_end + 1;
    }
    for (c, h) in chars.iter_mut().zip(&hidden) {
        if *h && *c != '\n' {
            *c = HIDDEN;
        }
    }
    chars.into_iter().collect()
}

fn hide(hidden: &mut [bool], start: usize, end: usize) {
    for h in &mut hidden[start..end] {
        *h = true;
    }
}

/// Marks the markup of one line; returns whether an HTML comment is still open
/// at its end.
fn mask_line(line: &[char], hidden: &mut [bool], mut in_comment: bool) -> bool {
    // HTML comments, possibly spanning lines.
    let mut i = 0;
    while i < line.len() {
        if in_comment {
            let close = find(line, i, &['-', '-', '>']);
            let end = close.map_or(line.len(), |k| k + 3);
            hide(hidden, i, end);
            in_comment = close.is_none();
            i = end;
        } else if let Some(k) = find(line, i, &['<', '!', '-', '-']) {
            hide(hidden, i.max(k), k + 4);
            in_comment = true;
            i = k + 4;
        } else {
            break;
        }
    }
    let visible: Vec<usize> = (0..line.len()).filter(|&k| !hidden[k]).collect();
    let first = visible
        .iter()
        .copied()
        .find(|&k| !matches!(line[k], ' ' | '\t' | '\u{3000}'));
    let Some(first) = first else { return in_comment };
    // Thematic break: a line of only `-`, `*` or `_` (three or more).
    let rest: Vec<char> = visible
        .iter()
        .map(|&k| line[k])
        .filter(|c| !c.is_whitespace())
        .collect();
    if rest.len() >= 3 && rest.iter().all(|&c| c == rest[0]) && matches!(rest[0], '-' | '*' | '_') {
        hide(hidden, 0, line.len());
        return in_comment;
    }
    // Block marks at the start: `> `, `#`…`###### `, list bullets `- `/`* `.
    let mut k = first;
    while k < line.len() && line[k] == '>' {
        hidden[k] = true;
        k += 1;
        while k < line.len() && line[k] == ' ' {
            k += 1;
        }
    }
    let hashes = line[k..].iter().take_while(|&&c| c == '#').count();
    if (1..=6).contains(&hashes) && line.get(k + hashes).is_none_or(|&c| c == ' ') {
        hide(hidden, k, k + hashes);
        // Closing hashes of an ATX heading.
        let mut end = line.len();
        while end > k + hashes && line[end - 1] == ' ' {
            end -= 1;
        }
        let trailing = line[..end].iter().rev().take_while(|&&c| c == '#').count();
        if trailing > 0 && end - trailing > k + hashes && line[end - trailing - 1] == ' ' {
            hide(hidden, end - trailing, end);
        }
    } else if matches!(line.get(k), Some('-' | '+' | '*')) && line.get(k + 1) == Some(&' ') {
        hidden[k] = true;
    }
    mask_images(line, hidden);
    mask_emphasis(line, hidden);
    in_comment
}

/// Hides image links `![alt](target)`: a picture (often a table printed as an
/// image) is no text to compare. [`images`] lists them.
fn mask_images(line: &[char], hidden: &mut [bool]) {
    for (start, end, _) in image_links(line) {
        hide(hidden, start, end);
    }
}

/// An image link of a Markdown text (often a table printed as a picture).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Char offset of the link (`!`) in the file.
    pub char_start: usize,
    /// Where the picture is (`images/….jpg`).
    pub path: String,
    /// Its caption: the alt text, else the link's title (`"专栏1 …主要指标"`).
    pub caption: String,
}

/// Image links `![alt](target)` of one line: char range and target.
fn image_links(line: &[char]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = find(line, i, &['!', '[']) {
        let Some(close) = find(line, k + 2, &[']', '(']) else {
            break;
        };
        let Some(end) = line[close + 2..].iter().position(|&c| c == ')').map(|e| close + 2 + e) else {
            break;
        };
        out.push((
            k,
            end + 1,
            line[close + 2..end].iter().collect::<String>().trim().to_string(),
        ));
        i = end + 1;
    }
    out
}

/// The image links of a Markdown text, in order, with their char offsets.
pub fn images(text: &str) -> Vec<Image> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let chars: Vec<char> = line.chars().collect();
        for (start, _, target) in image_links(&chars) {
            // `images/a.jpg "专栏1 主要指标"`: the path, then an optional title.
            let (path, title) = match target.split_once([' ', '\t']) {
                Some((path, title)) => (path, title.trim().trim_matches(['"', '\'']).trim()),
                None => (target.as_str(), ""),
            };
            let alt_end = (start + 2..chars.len()).find(|&k| chars[k] == ']').unwrap_or(start + 2);
            let alt: String = chars[start + 2..alt_end].iter().collect::<String>().trim().to_string();
            out.push(Image {
                char_start: line_start + start,
                path: path.to_string(),
                caption: if alt.is_empty() { title.to_string() } else { alt },
            });
        }
        line_start += chars.len() + 1;
    }
    out
}

/// Position of `pat` in `line` at or after `from`.
fn find(line: &[char], from: usize, pat: &[char]) -> Option<usize> {
    (from..line.len().saturating_sub(pat.len() - 1)).find(|&k| line[k..].starts_with(pat))
}

/// Hides emphasis delimiters (`**`, `__`, `*`, `_` runs) that pair up within
/// the line; an unpaired `*` (a footnote mark, `3*5`) stays.
fn mask_emphasis(line: &[char], hidden: &mut [bool]) {
    for delim in ['*', '_'] {
        let runs: Vec<(usize, usize)> = {
            let mut runs = Vec::new();
            let mut k = 0;
            while k < line.len() {
                if line[k] == delim && !hidden[k] {
                    let s = k;
                    while k < line.len() && line[k] == delim {
                        k += 1;
                    }
                    runs.push((s, k));
                } else {
                    k += 1;
                }
            }
            runs
        };
        // `_` inside words (snake_case, URLs) is not emphasis: only `__` runs count.
        let runs: Vec<(usize, usize)> = runs.into_iter().filter(|&(s, e)| delim == '*' || e - s >= 2).collect();
        // Pair runs of the same length in order; an odd one out stays visible.
        let mut open: Vec<(usize, usize)> = Vec::new();
        for run in runs {
            match open.iter().rposition(|o| o.1 - o.0 == run.1 - run.0) {
                Some(p) => {
                    let o = open.remove(p);
                    open.truncate(p);
                    hide(hidden, o.0, o.1);
                    hide(hidden, run.0, run.1);
                }
                None => open.push(run),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_links_are_listed_with_their_captions() {
        let text = "正文。\n![](images/a.jpg \"专栏1 主要指标\")\n![表2](images/b.png)";
        let images = images(text);
        assert_eq!(images.len(), 2);
        assert_eq!(
            (
                images[0].char_start,
                images[0].path.as_str(),
                images[0].caption.as_str()
            ),
            (4, "images/a.jpg", "专栏1 主要指标")
        );
        assert_eq!(
            (images[1].path.as_str(), images[1].caption.as_str()),
            ("images/b.png", "表2")
        );
    }

    #[test]
    fn a_txt_file_is_markdown_when_laid_out_in_headings() {
        let md = "# 政府工作报告\n各位代表:\n## 一、工作回顾\n正文。\n## 二、工作安排\n正文。";
        assert!(is_markdown("report.txt", md));
        // A `#` opening a line of text, or one heading alone, is no Markdown.
        assert!(!is_markdown(
            "report.txt",
            "正文。\n#1号工程建设顺利。\n# 注:数据为初步统计。\n"
        ));
        assert!(!is_markdown("report.txt", "# 政府工作报告\n一、工作回顾\n正文。"));
        assert!(!is_markdown("report.txt", "#一、回顾\n#二、安排\n"));
    }

    fn visible(s: &str) -> String {
        mask(s).chars().filter(|&c| c != HIDDEN).collect()
    }

    #[test]
    fn front_matter_is_metadata_and_hidden() {
        let t = "---\nsource: https://x.gov.cn/a.html\ntitle: 七台河市政府工作报告（2021年1月14日 李兵）\n---\n\n各位代表：";
        let fm = front_matter(t).unwrap();
        assert_eq!(fm.title.as_deref(), Some("七台河市政府工作报告（2021年1月14日 李兵）"));
        assert_eq!(fm.source.as_deref(), Some("https://x.gov.cn/a.html"));
        assert_eq!(visible(t), "\n\n\n\n\n各位代表：");
        assert_eq!(mask(t).chars().count(), t.chars().count());
        assert!(is_markdown("a.txt", t));
        assert!(!is_markdown("a.txt", "各位代表：\n---\n"));
    }

    #[test]
    fn markup_hidden_text_kept() {
        assert_eq!(
            visible("**（一）聚力扩内需、稳外需。**强化经济运行调度"),
            "（一）聚力扩内需、稳外需。强化经济运行调度"
        );
        assert_eq!(visible("## 一、工作回顾 ##"), " 一、工作回顾 ");
        assert_eq!(visible("*强调*与3*5"), "强调与3*5");
        assert_eq!(visible("<!-- 来源：邢台日报 -->\n正文"), "\n正文");
        assert_eq!(visible("a<!-- x\ny -->b"), "a\nb");
        assert_eq!(visible("---"), "");
        assert_eq!(visible("> - 条目"), "  条目");
        assert_eq!(visible("snake_case"), "snake_case");
        assert_eq!(visible("表一![](images/a.png)见上"), "表一见上");
        let paths: Vec<String> = images("a\n![主要指标](images/a.png) ![](b.jpg)")
            .into_iter()
            .map(|im| im.path)
            .collect();
        assert_eq!(paths, ["images/a.png", "b.jpg"]);
    }

    #[test]
    fn table_of_contents_block_hidden() {
        let t = "标题\n<details>\n<summary>目录</summary>\n\n- 第一章　任务\n</details>\n\n## 第一章　任务";
        assert_eq!(visible(t), "标题\n\n\n\n\n\n\n 第一章　任务");
    }
}
