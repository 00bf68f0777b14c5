//! A figure's value as written: the number (or range), its magnitude (`万`,
//! `亿`), unit and qualifier (`左右`, `以上`), and which numbers in a clause are
//! figures at all. Arabic digits (full-width ones are half-width after
//! normalization), ranges (`5%—5.5%`, `4.5-5%`) and percentages in Chinese
//! numerals (`百分之十二点八`).

use crate::compare::segment::{MAGNITUDES, UNITS};
use std::ops::Range;

/// Units a figure may have beyond the segmenter's (checked first: `个百分点`
/// before `个`, `微克/立方米` before `立方米`).
const MORE_UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "人次",
    "标准箱",
    "微克/立方米",
    "毫克/立方米",
    "毫克/升",
    "元/吨",
    "元/平方米",
    "公斤",
    "万亿斤",
    "斤",
    "立方米",
    "公顷",
];

/// Qualifiers written after the number.
const SUFFIX_QUALIFIERS: &[&str] = &["左右", "以上", "以内", "以下", "上下"];

/// Characters joining the two ends of a range (`5%—5.5%`, `4.5-5%`, `3～4%`).
const RANGE_DASHES: &[char] = &['—', '–', '-', '~', '～', '至'];

/// Written `百分之…` percentages.
const PERCENT_WORDS: &str = "百分之";

/// A value as read: the ends of its range (equal for one number), magnitude
/// applied, the unit without magnitude, and the suffix qualifier as written.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Value<'a> {
    /// Lower end (the number, for a single value).
    pub low: f64,
    /// Upper end (the number, for a single value).
    pub high: f64,
    /// The unit, magnitude excluded (`元` of `亿元`), except units that carry
    /// their magnitude (`万亿斤`, `万千瓦`).
    pub unit: &'a str,
    /// `左右`, `以上`, `以内`, `以下`, `上下` as written, or empty.
    pub suffix: &'a str,
}

/// Byte ranges of numbers with a unit (and a trailing qualifier) in `clause`;
/// a range (`4.5%—5%`, `4.5-5%`) is one figure. Years, ordinals (`第3位`) and
/// dates are not figures.
pub(super) fn numbers(clause: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = clause.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if b[i..].starts_with(PERCENT_WORDS.as_bytes()) {
                let start = i;
                let Some(len) = chinese_percent_len(&clause[i..]) else {
                    i += PERCENT_WORDS.len();
                    continue;
                };
                i += len;
                if let Some(q) = SUFFIX_QUALIFIERS.iter().find(|q| clause[i..].starts_with(*q)) {
                    i += q.len();
                }
                return Some(start..i);
            }
            if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.')) {
                i += 1;
                continue;
            }
            let start = i;
            i += digits_len(&clause[i..]);
            let unit = unit_len(&clause[i..]);
            // A range: `4.5%—5%` (unit on both ends) or `4.5-5%` (on the second).
            if let Some(second) = range_end(&clause[i + unit.unwrap_or(0)..]) {
                i += unit.unwrap_or(0) + second;
            } else {
                let Some(len) = unit else {
                    continue;
                };
                i += len;
            }
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

/// Length of the digits (with a decimal point) at the start of `s`. Scrapes that
/// space out every digit (`7 4 7 7 2 亿元`, `8 ％` in the national 1998 report)
/// are read whole: single digits joined by single spaces, and one space before
/// `%`, `亿` or `万`.
fn digits_len(s: &str) -> usize {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i < b.len() && (digit(i) || (b[i] == b'.' && digit(i + 1))) {
        i += 1;
    }
    if i == 1 {
        while b.get(i) == Some(&b' ') && digit(i + 1) && !digit(i + 2) {
            i += 2;
        }
        if b.get(i) == Some(&b' ') && ["%", "亿", "万"].iter().any(|u| s[i + 1..].starts_with(u)) {
            i += 1;
        }
    }
    i
}

/// Length of `—5%` (a dash, or two, then a number with its unit) at the start of `s`.
fn range_end(s: &str) -> Option<usize> {
    let dashes: usize = s
        .chars()
        .take_while(|c| RANGE_DASHES.contains(c))
        .take(2)
        .map(char::len_utf8)
        .sum();
    if dashes == 0 {
        return None;
    }
    let rest = &s[dashes..];
    let digits = digits_len(rest);
    if digits == 0 {
        return None;
    }
    unit_len(&rest[digits..]).map(|u| dashes + digits + u)
}

/// Length of the magnitude and unit at the start of `s`, if there is a unit.
pub(super) fn unit_len(s: &str) -> Option<usize> {
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

/// Value of one Chinese numeral digit.
fn digit_value(c: char) -> Option<u32> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
        .or(match c {
            '〇' => Some(0),
            '两' => Some(2),
            _ => None,
        })
}

/// An integer below 1000 in Chinese numerals at the start of `s`: (value, bytes).
fn chinese_integer(s: &str) -> Option<(u32, usize)> {
    let (mut total, mut pending, mut len, mut any) = (0u32, 0u32, 0usize, false);
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            pending = d;
        } else if c == '十' || c == '百' {
            let factor = if c == '十' { 10 } else { 100 };
            total += pending.max(1) * factor;
            pending = 0;
        } else {
            break;
        }
        any = true;
        len += c.len_utf8();
    }
    any.then_some((total + pending, len))
}

/// Length of `百分之十二点八` at the start of `s`.
fn chinese_percent_len(s: &str) -> Option<usize> {
    chinese_percent(s).map(|(_, len)| len)
}

/// `百分之十二点八` → (12.8, bytes).
fn chinese_percent(s: &str) -> Option<(f64, usize)> {
    let rest = s.strip_prefix(PERCENT_WORDS)?;
    let (integer, len) = chinese_integer(rest)?;
    let mut used = PERCENT_WORDS.len() + len;
    let mut value = f64::from(integer);
    if let Some(fraction) = s[used..].strip_prefix('点') {
        let digits: Vec<u32> = fraction.chars().map_while(digit_value).collect();
        if !digits.is_empty() {
            used += '点'.len_utf8() + digits.len() * '零'.len_utf8();
            let text: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
            value += format!("0.{text}").parse::<f64>().unwrap_or(0.0);
        }
    }
    Some((value, used))
}

/// Reads a figure's text (`5%左右`, `4.5%—5%`, `1.4万亿斤`, `百分之八`).
pub(super) fn parse_value(s: &str) -> Option<Value<'_>> {
    if s.contains(' ') {
        // Spaced-out digits (`7 4 7 7 2 亿元`): the digits joined, the rest as written.
        let digits = digits_len(s);
        let joined: String = s[..digits].chars().filter(|c| *c != ' ').collect();
        let number: f64 = joined.parse().ok()?;
        let rest = &s[digits..];
        let suffix = SUFFIX_QUALIFIERS
            .iter()
            .find(|q| rest.ends_with(*q))
            .copied()
            .unwrap_or("");
        let (unit, factor) = magnitude(&rest[..rest.len() - suffix.len()]);
        let v = scaled(number, factor);
        return Some(Value {
            low: v,
            high: v,
            unit,
            suffix,
        });
    }
    parse_value_joined(s)
}

/// Reads a figure's text without spaces.
fn parse_value_joined(s: &str) -> Option<Value<'_>> {
    if s.starts_with(PERCENT_WORDS) {
        let (v, len) = chinese_percent(s)?;
        return Some(Value {
            low: v,
            high: v,
            unit: "%",
            suffix: &s[len..],
        });
    }
    let digits = digits_len(s);
    let first: f64 = s[..digits].parse().ok()?;
    let mut rest = &s[digits..];
    let suffix = SUFFIX_QUALIFIERS
        .iter()
        .find(|q| rest.ends_with(*q))
        .copied()
        .unwrap_or("");
    rest = &rest[..rest.len() - suffix.len()];
    // A range: the second end carries the unit (`4.5-5%`) or both do (`4.5%—5%`).
    let (first_unit, second) = match rest.find(RANGE_DASHES) {
        Some(at) => {
            let after = rest[at..].trim_start_matches(RANGE_DASHES);
            let d = digits_len(after);
            (&rest[..at], Some((after[..d].parse::<f64>().ok()?, &after[d..])))
        }
        None => (rest, None),
    };
    let (unit, factor) = magnitude(second.map_or(first_unit, |(_, u)| u));
    let low = scaled(
        first,
        if first_unit.is_empty() {
            factor
        } else {
            magnitude(first_unit).1
        },
    );
    let high = second.map_or(low, |(n, _)| scaled(n, factor));
    Some(Value {
        low,
        high,
        unit,
        suffix,
    })
}

/// The magnitude factor of a unit as written and the unit without it.
fn magnitude(unit: &str) -> (&str, f64) {
    for (m, factor) in [("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2)] {
        if let Some(r) = unit.strip_prefix(m) {
            // `万千瓦` and `万亿斤` are units with their magnitude: keep the number as written.
            if MORE_UNITS.contains(&unit) || unit == "万千瓦" {
                return (unit.trim_start_matches(['多', '余']), 1.0);
            }
            return (r.trim_start_matches(['多', '余']), factor);
        }
    }
    (unit.trim_start_matches(['多', '余']), 1.0)
}

/// `number × factor`, rounded to six decimals so `1.4万亿` stays exact.
fn scaled(number: f64, factor: f64) -> f64 {
    (number * factor * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(clause: &str) -> Vec<&str> {
        numbers(clause).map(|r| &clause[r]).collect()
    }

    fn value(s: &str) -> (f64, f64, &str, &str) {
        let v = parse_value(s).unwrap();
        (v.low, v.high, v.unit, v.suffix)
    }

    #[test]
    fn values_with_magnitude_unit_and_qualifier() {
        assert_eq!(value("8000亿元"), (8e11, 8e11, "元", ""));
        // `万亿斤` is a unit of its own: the number stays as written.
        assert_eq!(value("1.4万亿斤左右"), (1.4, 1.4, "万亿斤", "左右"));
        assert_eq!(found("城镇新增就业900万人以上"), vec!["900万人以上"]);
        assert!(found("由2017年第63位提升").is_empty());
    }

    #[test]
    fn ranges_are_one_figure() {
        assert_eq!(found("地区生产总值增长4.5%—5%"), vec!["4.5%—5%"]);
        assert_eq!(found("增长4.5-5%左右"), vec!["4.5-5%左右"]);
        assert_eq!(value("4.5%—5%"), (4.5, 5.0, "%", ""));
        assert_eq!(value("4.5-5%"), (4.5, 5.0, "%", ""));
        assert_eq!(value("5%——5.5%"), (5.0, 5.5, "%", ""));
        // A number without unit and no range after it is no figure.
        assert!(found("增长4.5-").is_empty());
    }

    #[test]
    fn units_with_a_slash_and_chinese_numerals() {
        assert_eq!(found("细颗粒物平均浓度35微克/立方米以下"), vec!["35微克/立方米以下"]);
        assert_eq!(value("35微克/立方米以下"), (35.0, 35.0, "微克/立方米", "以下"));
        assert_eq!(found("国民生产总值计划增长百分之八"), vec!["百分之八"]);
        assert_eq!(value("百分之十二点八"), (12.8, 12.8, "%", ""));
        assert_eq!(value("百分之八左右"), (8.0, 8.0, "%", "左右"));
        assert_eq!(value("百分之二十"), (20.0, 20.0, "%", ""));
        assert_eq!(value("百分之十"), (10.0, 10.0, "%", ""));
        // Spaced-out digits of a scrape.
        assert_eq!(
            found("经济增长速度8 %,国内生产总值达到7 4 7 7 2 亿元"),
            vec!["8 %", "7 4 7 7 2 亿元"]
        );
        assert_eq!(value("7 4 7 7 2 亿元"), (7.4772e12, 7.4772e12, "元", ""));
        assert_eq!(value("3 %以内"), (3.0, 3.0, "%", "以内"));
    }
}
