//! Section markers (`一、`, `(三)`, `1.`, `专栏二`): the quick checks the
//! other stages need. The full marker parser, with the ranks of the styles,
//! is in `read/outline/markers.rs`; a new heading style is added there and, when a line
//! break before it must be kept or the segmenter must keep it whole, here.

/// A line that starts with a section marker must never be glued to the previous one.
pub fn starts_like_heading(s: &str) -> bool {
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    (first == '(' && (crate::text::is_cjk_numeral(second) || second.is_ascii_digit()))
        || (crate::text::is_cjk_numeral(first) && s.chars().take(4).any(|c| c == '、'))
        || s.starts_with("专栏")
        || unit_heading(s)
        || s.starts_with("各位代表")
}

/// Length in bytes of a `(一)`/`(12)` marker at the start of `s`.
pub fn bracket_marker_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('(')?;
    let n = inner
        .chars()
        .take(4)
        .take_while(|&c| c.is_ascii_digit() || crate::text::is_cjk_numeral(c))
        .count();
    let close = inner.chars().nth(n)?;
    (n > 0 && n <= 3 && close == ')').then(|| 2 + inner.chars().take(n).map(char::len_utf8).sum::<usize>())
}

/// `第一篇`, `第十二章`, `第三节`: a plan's part, chapter or section heading.
fn unit_heading(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('第') else {
        return false;
    };
    let n = rest
        .chars()
        .take(4)
        .take_while(|&c| crate::text::is_cjk_numeral(c) || c.is_ascii_digit())
        .count();
    n > 0 && matches!(rest.chars().nth(n), Some('篇' | '编' | '章' | '节'))
}
