//! A figure's value as written: the number, its magnitude (`万`, `亿`), unit
//! and qualifier (`左右`, `以上`), and which numbers in a clause are figures at all.

use crate::compare::segment::{MAGNITUDES, UNITS};
use std::ops::Range;

/// Units a figure may have beyond the segmenter's (checked first: `个百分点` before `个`).
const MORE_UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "人次",
    "标准箱",
    "公斤",
    "万亿斤",
    "斤",
    "立方米",
    "公顷",
];

/// Qualifiers written after the number.
const SUFFIX_QUALIFIERS: &[&str] = &["左右", "以上", "以内", "以下", "上下"];

/// Byte ranges of numbers with a unit (and a trailing qualifier) in `clause`.
/// Years, ordinals (`第3位`) and dates are not figures.
pub(super) fn numbers(clause: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = clause.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.')) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit() || (b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let Some(len) = unit_len(&clause[i..]) else {
                continue;
            };
            i += len;
            let ordinal = clause[..start].ends_with('第');
            let calendar = ["年", "月", "日", "周年", "届", "轮", "位"]
                .iter()
                .any(|u| clause[start..i].ends_with(u) && !clause[start..i].ends_with("万年"));
            if ordinal || calendar {
                continue;
            }
            if let Some(q) = SUFFIX_QUALIFIERS.iter().find(|q| clause[i..].starts_with(*q)) {
                i += q.len();
            }
            return Some(start..i);
        }
        None
    })
}

/// Length of the magnitude and unit at the start of `s`, if there is a unit.
fn unit_len(s: &str) -> Option<usize> {
    let magnitude = MAGNITUDES.iter().find(|m| s.starts_with(*m)).map_or(0, |m| m.len());
    let rest = &s[magnitude..];
    let approx = ["多", "余"]
        .iter()
        .find(|a| rest.starts_with(*a))
        .map_or(0, |a| a.len());
    let rest = &rest[approx..];
    MORE_UNITS
        .iter()
        .chain(UNITS.iter())
        .find(|u| rest.starts_with(*u))
        .map(|u| magnitude + approx + u.len())
}

/// (number with magnitude applied, unit, suffix qualifier) of a figure's text.
pub(super) fn parse_value(s: &str) -> Option<(f64, &str, &str)> {
    let digits = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let mut number: f64 = s[..digits].parse().ok()?;
    let mut rest = &s[digits..];
    let suffix = SUFFIX_QUALIFIERS
        .iter()
        .find(|q| rest.ends_with(*q))
        .copied()
        .unwrap_or("");
    rest = &rest[..rest.len() - suffix.len()];
    for (m, factor) in [("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2)] {
        if let Some(r) = rest.strip_prefix(m) {
            // `万千瓦` and `万亿斤` are units with their magnitude: keep the number as written.
            if !MORE_UNITS.contains(&rest) && rest != "万千瓦" {
                number *= factor;
                rest = r;
            }
            break;
        }
    }
    let rest = rest.trim_start_matches(['多', '余']);
    Some(((number * 1e6).round() / 1e6, rest, suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_magnitude_unit_and_qualifier() {
        assert_eq!(parse_value("8000亿元"), Some((8e11, "元", "")));
        // `万亿斤` is a unit of its own: the number stays as written.
        assert_eq!(parse_value("1.4万亿斤左右"), Some((1.4, "万亿斤", "左右")));
        let clause = "城镇新增就业900万人以上";
        let found: Vec<&str> = numbers(clause).map(|r| &clause[r]).collect();
        assert_eq!(found, vec!["900万人以上"]);
        assert_eq!(numbers("由2017年第63位提升").count(), 0);
    }
}
