//! Character- and line-level facts shared by the stages: CJK classes, numerals,
//! full-width folding and the recognisers of site boilerplate.

/// Maps one character: `None` drops it.
pub fn map_char(c: char) -> Option<char> {
    match c {
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFFD}' => None,
        '\u{3000}' | '\u{00A0}' | '\t' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(' '),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Whether `c` must not reach a terminal or a CI log raw: control characters
/// (they end lines, start escape sequences or GitHub workflow commands) and the
/// bidirectional embeddings, overrides and isolates (they reorder what follows,
/// so a name can display as something else).
pub fn is_unsafe_to_display(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text safe to show to a person: every character of [`is_unsafe_to_display`]
/// written as an escape (`\n`, `\t`, `\u{1b}`, `\u{202e}`), everything else as is.
/// The one function used for file names, error lines and report text printed
/// to a terminal.
pub fn escape_for_display(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe_to_display) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_displayed(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// The byte offsets in `text` of the char offsets `chars` (in any order; past
/// the end means `text.len()`), in one pass over the text. A table of every
/// char's byte offset costs 8 bytes a char: 50 MB for a 20 MB report.
pub fn byte_offsets(text: &str, chars: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..chars.len()).collect();
    order.sort_by_key(|&k| chars[k]);
    let mut out = vec![text.len(); chars.len()];
    // Byte `b` starts char `c` (or is the end of the text).
    let (mut b, mut c) = (0, 0);
    for k in order {
        (b, c) = skip_chars(text, b, c, chars[k]);
        if c == chars[k] && b < text.len() {
            out[k] = b;
        }
    }
    out
}

/// The byte offset of char `n` of `text`, if it has that many chars.
pub fn byte_of_char(text: &str, n: usize) -> Option<usize> {
    let (b, c) = skip_chars(text, 0, 0, n);
    (c == n && b < text.len()).then_some(b)
}

/// From byte `b`, the start of char `c`, to char `to` or the end of the text:
/// the byte and char reached. Steps by the width its lead byte gives each
/// char instead of decoding it.
fn skip_chars(text: &str, mut b: usize, mut c: usize, to: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    while c < to && b < bytes.len() {
        b += match bytes[b] {
            0..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        c += 1;
    }
    (b.min(bytes.len()), c)
}

/// Pushes `c`, escaped as [`escape_for_display`] does when it is unsafe.
fn push_displayed(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_unsafe_to_display(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

/// A whole rendered text (terminal or Markdown) made safe to show: like
/// [`escape_for_display`], but the line breaks the renderer put there stay,
/// and with `colour` on, so do the colour sequences (`ESC [ digits ; … m`)
/// that the terminal renderers write. Everything else a terminal would obey
/// (screen clearing `ESC [2J`, titles `ESC ]0;…BEL`, C1 controls, bidi
/// overrides) comes out visible, the same way file names do.
pub fn escape_rendered(s: &str, colour: bool) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe_to_display(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let sgr = if colour && c == '\u{1b}' {
            colour_sequence(rest)
        } else {
            0
        };
        if sgr > 0 {
            out.push_str(&rest[..sgr]);
            rest = &rest[sgr..];
            continue;
        }
        if c == '\n' {
            out.push(c);
        } else {
            push_displayed(&mut out, c);
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// Length in bytes of the colour sequence (`ESC [`, digits and `;`, `m`) that
/// `s` starts with; 0 when it starts with anything else.
fn colour_sequence(s: &str) -> usize {
    let b = s.as_bytes();
    if !b.starts_with(b"\x1b[") {
        return 0;
    }
    let params = b[2..].iter().take_while(|c| c.is_ascii_digit() || **c == b';').count();
    if b.get(2 + params) == Some(&b'm') {
        3 + params
    } else {
        0
    }
}

/// A CJK unified ideograph (basic block and extension A).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether `s` holds `c`. `str::contains` with a non-ASCII `char` builds a
/// substring searcher on every call (a few hundred instructions, measured in
/// a series' profile); `matches` finds the char's last byte with `memchr`.
pub fn has_char(s: &str, c: char) -> bool {
    s.matches(c).next().is_some()
}

/// 一 … 十, 百, 〇/零, 两 (used in ordinals).
pub fn is_cjk_numeral(c: char) -> bool {
    // Not `str::contains`: a substring search per char, asked of every char near a number.
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '两'
    )
}

/// Value of a CJK numeral string (一 … 九十九, 一百 …), `None` if it is not one.
pub fn parse_cjk_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九".find(c).map(|i| (i / 3) as u32).or(if c == '零' {
            Some(0)
        } else if c == '两' {
            Some(2)
        } else {
            None
        })
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        [h, '百'] => digit(*h).map(|h| h * 100),
        _ => None,
    }
}

const BOILERPLATE_EXACT: &[&str] = &[
    "-",
    "}",
    "{",
    "|",
    "我要回帖",
    "更多推荐",
    "点击添加站长微信",
    "分享到",
    "打印本页",
    "关闭窗口",
    "返回顶部",
    "【打印】",
    "【关闭】",
    "扫一扫",
    "责任编辑",
    "相关阅读",
    "相关新闻",
    "上一篇",
    "下一篇",
    "Public domain",
    "false",
    "true",
];

const BOILERPLATE_PREFIX: &[&str] = &[
    "首页 >",
    "首页>",
    "当前位置",
    "来源:",
    "来源：",
    "原标题:",
    "责任编辑:",
    "编辑:",
    "版权声明",
    "版权所有",
    "Copyright",
    "copyright",
    "©",
    "有想补充的信息",
    "- 联系我们",
    "- 企业入驻",
    "更多关于",
    "分享到:",
    "扫一扫",
    "注:中文维基文库",
    "本文来源",
    "声明:",
];

/// A line that is site furniture, not report text. Long lines are never
/// boilerplate: one-line scrapes carry whole reports after a `原标题:` prefix.
pub fn is_boilerplate(s: &str) -> bool {
    let len = s.chars().count();
    if len > 80 {
        return false;
    }
    if BOILERPLATE_EXACT.contains(&s) || is_scrape_date(s) {
        return true;
    }
    if BOILERPLATE_PREFIX.iter().any(|p| s.starts_with(p)) {
        return true;
    }
    // Breadcrumb navigation: `首页 > 信息中心 > 头条要闻`.
    s.contains(" > ") && len < 40 && !has_char(s, '。')
}

/// `2025-07-08` or `2025-07-08 10:31`: a scrape or publication timestamp.
fn is_scrape_date(s: &str) -> bool {
    // Bytes, not `str` slices: the tenth byte may fall inside a CJK character.
    let b = s.as_bytes();
    b.len() >= 10
        && b.len() <= 19
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4] == b'-' || b[4] == b'/')
        && b[7] == b[4]
        && b[5..7].iter().chain(&b[8..10]).all(u8::is_ascii_digit)
        && b[10..].iter().all(|&c| c.is_ascii_digit() || c == b':' || c == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn has_char_is_contains() {
        for s in ["", "。", "一、二", "abc", "年月日", "——"] {
            for c in ['。', '、', '—', 'a', '年'] {
                assert_eq!(has_char(s, c), s.contains(c), "{s:?} {c:?}");
            }
        }
    }

    proptest! {
        /// The byte offsets agree with `char_indices` on any text (ASCII,
        /// CJK, four-byte chars), for offsets inside and past the end.
        #[test]
        fn byte_offsets_are_those_of_char_indices(text in "[a-z。中文𠀀é\n]{0,40}", wanted in proptest::collection::vec(0usize..50, 0..8)) {
            let reference = |n: usize| text.char_indices().nth(n).map(|(b, _)| b);
            let got = byte_offsets(&text, &wanted);
            for (k, &n) in wanted.iter().enumerate() {
                prop_assert_eq!(got[k], reference(n).unwrap_or(text.len()));
                prop_assert_eq!(byte_of_char(&text, n), reference(n));
            }
        }
    }

    #[test]
    fn byte_offsets_of_chars_in_any_order() {
        let text = "a中b文";
        assert_eq!(byte_offsets(text, &[4, 1, 0, 2, 9, 3]), vec![8, 1, 0, 4, 8, 5]);
        assert_eq!(byte_offsets("", &[0, 1]), vec![0, 0]);
    }

    #[test]
    fn display_escapes_controls_and_bidi_only() {
        assert_eq!(escape_for_display("报告2024.txt"), "报告2024.txt");
        assert_eq!(
            escape_for_display("a\n::error::x\u{1b}[31m\u{202E}b\u{2066}"),
            "a\\n::error::x\\u{1b}[31m\\u{202e}b\\u{2066}"
        );
    }

    #[test]
    fn rendered_text_keeps_line_breaks_and_only_colour_sequences() {
        let text = "（一）报告\u{1b}[2J\u{1b}]0;t\u{7}\u{85}\u{202e}，“六稳”\n\u{1b}[1;32m新\u{1b}[0m\n";
        assert_eq!(
            escape_rendered(text, true),
            "（一）报告\\u{1b}[2J\\u{1b}]0;t\\u{7}\\u{85}\\u{202e}，“六稳”\n\u{1b}[1;32m新\u{1b}[0m\n"
        );
        assert_eq!(
            escape_rendered(text, false),
            "（一）报告\\u{1b}[2J\\u{1b}]0;t\\u{7}\\u{85}\\u{202e}，“六稳”\n\\u{1b}[1;32m新\\u{1b}[0m\n"
        );
        assert!(matches!(
            escape_rendered("全面\n深化\n", false),
            std::borrow::Cow::Borrowed(_)
        ));
        // A lone ESC at the end, or `ESC [` without its `m`, is escaped.
        assert_eq!(escape_rendered("a\u{1b}", true), "a\\u{1b}");
        assert_eq!(escape_rendered("a\u{1b}[31", true), "a\\u{1b}[31");
    }

    #[test]
    fn cjk_numbers() {
        assert_eq!(parse_cjk_number("一"), Some(1));
        assert_eq!(parse_cjk_number("十"), Some(10));
        assert_eq!(parse_cjk_number("十二"), Some(12));
        assert_eq!(parse_cjk_number("二十"), Some(20));
        assert_eq!(parse_cjk_number("五十八"), Some(58));
        assert_eq!(parse_cjk_number("全"), None);
    }

    #[test]
    fn boilerplate_lines() {
        assert!(is_boilerplate("首页 > 信息中心 > 头条要闻"));
        assert!(is_boilerplate("来源:广州日报"));
        assert!(is_boilerplate("2025-07-08"));
        assert!(is_boilerplate("2025/07/08 10:31"));
        assert!(!is_boilerplate("2025-07-0一"));
        assert!(!is_boilerplate("2025-07-0八日起施行"));
        assert!(!is_boilerplate("2025-2030年"));
        assert!(!is_boilerplate("一、2024年工作回顾"));
    }
}
