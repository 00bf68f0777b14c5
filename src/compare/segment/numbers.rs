//! Numbers with their units (`5.5%`, `1.2万亿元`, `2024年`) and Latin runs
//! that start with digits (`5G`): each one token of the segmenter.

use super::TokenKind;

pub(super) fn latin_len(s: &str) -> usize {
    s.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(s.len())
}

/// Magnitudes that follow a number.
pub const MAGNITUDES: &[&str] = &["万亿", "亿", "万", "千", "百"];

/// Units and measure words that follow a number (longest first where they share a prefix).
pub const UNITS: &[&str] = &[
    "平方公里",
    "平方米",
    "万千瓦",
    "千瓦时",
    "千瓦",
    "公里",
    "千米",
    "美元",
    "元",
    "%",
    "‰",
    "年",
    "月",
    "日",
    "个",
    "家",
    "项",
    "人",
    "户",
    "亩",
    "吨",
    "米",
    "倍",
    "座",
    "所",
    "条",
    "件",
    "次",
    "辆",
    "套",
    "张",
    "台",
    "艘",
    "架",
    "床",
    "岁",
    "名",
    "位",
    "篇",
    "部",
    "处",
    "届",
    "批",
    "轮",
    "场",
    "周年",
    "小时",
    "天",
    "度",
];

/// A number with its unit, or a Latin run that starts with digits (`5G`).
pub(super) fn number_or_latin(s: &str) -> (usize, TokenKind) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    // Decimal part or thousands groups.
    while i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i < b.len() && b[i].is_ascii_alphabetic() {
        return (latin_len(s), TokenKind::Latin);
    }
    let mut rest = &s[i..];
    if let Some(m) = MAGNITUDES.iter().find(|m| rest.starts_with(*m)) {
        i += m.len();
        rest = &s[i..];
    }
    for approx in ["多", "余"] {
        if rest.starts_with(approx) && UNITS.iter().any(|u| rest[approx.len()..].starts_with(u)) {
            i += approx.len();
            rest = &s[i..];
        }
    }
    if let Some(u) = UNITS.iter().find(|u| rest.starts_with(*u)) {
        i += u.len();
    }
    (i, TokenKind::Number)
}

/// True for a token that is a year: `2024年` or a bare 4-digit year.
pub fn is_year(token: &str) -> bool {
    let digits = token.strip_suffix('年').unwrap_or(token);
    digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && matches!(digits.as_bytes()[0], b'1' | b'2')
}
