//! Foreign place names: a report that names a county or district of another
//! prefecture, outside any sentence about working with it, may carry text
//! written for that other place — the cheapest strong sign of copying.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The gazetteer's data file (NBS codes).
const DIVISIONS: &str = include_str!("../../../data/divisions.tsv");

/// Words that make naming another place in a sentence ordinary: cooperation,
/// aid, borders, and the roads and railways that run there.
const LINKING_WORDS: &[&str] = &[
    "对口",
    "帮扶",
    "协作",
    "合作",
    "援",
    "结对",
    "交界",
    "毗邻",
    "接壤",
    "联动",
    "一体化",
    "共建",
    "携手",
    "同城",
    "都市圈",
    "城市群",
    "飞地",
    "高速",
    "铁路",
    "公路",
    "通道",
    "连接",
    "航线",
    "管道",
];

/// Words right next to a name that make it one end of a link (`至鄞州`, `与鄞州区`).
const NEAR_WORDS: &[char] = &['与', '和', '同', '至', '到', '往', '经', '及', '、'];

/// Parts of county-level names that many places also use for their own zones
/// (滨海新区, 高新区, 经济开发区): not a sign of another place.
const GENERIC: &[&str] = &[
    "市辖区",
    "新区",
    "开发区",
    "高新",
    "经济",
    "城区",
    "郊区",
    "矿区",
    "林区",
    "工业",
];

/// Chars on each side of a name searched for [`NEAR_WORDS`].
const NEAR: usize = 3;

/// A county-level name of another prefecture found in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForeignPlace {
    /// Index of the report.
    pub doc: usize,
    /// The name as found (official county-level name).
    pub name: String,
    /// The prefecture (or province, for a municipality's districts) it belongs to.
    pub belongs_to: String,
    /// It lies in the report's own province.
    pub same_province: bool,
    /// Normalized char offset of the name.
    pub start: usize,
    /// The sentence it stands in (normalized; renderers quote the original).
    pub sentence_start: usize,
    /// One past the sentence's last char.
    pub sentence_end: usize,
}

/// Unambiguous county-level names and the code of each, plus every name's code.
struct Places {
    /// County-level names used once in the whole gazetteer, with their code.
    counties: Vec<(String, String)>,
    /// Every official name → its code (the first, for shared names).
    codes: BTreeMap<String, String>,
    /// Every code → its name.
    names: BTreeMap<String, String>,
    matcher: Option<AhoCorasick>,
}

fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(|| {
        let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut codes = BTreeMap::new();
        let mut names = BTreeMap::new();
        for line in DIVISIONS.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(code), Some(name)) = (f.next(), f.next()) else {
                continue;
            };
            codes.entry(name.to_string()).or_insert_with(|| code.to_string());
            names.entry(code.to_string()).or_insert_with(|| name.to_string());
            seen.entry(name.to_string()).or_default().push(code.to_string());
        }
        let counties: Vec<(String, String)> = seen
            .into_iter()
            .filter(|(name, cs)| {
                cs.len() == 1
                    && cs[0].len() == 6
                    && name.chars().count() >= 3
                    && !GENERIC.iter().any(|g| name.contains(g))
            })
            .map(|(name, mut cs)| (name, cs.remove(0)))
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(counties.iter().map(|(n, _)| n.as_str()))
            .ok();
        Places {
            counties,
            codes,
            names,
            matcher,
        }
    })
}

/// County-level names of other prefectures in `text` (a report of
/// `jurisdiction`, index `doc`), outside sentences that link places.
pub fn foreign_places(doc: usize, jurisdiction: &str, text: &str) -> Vec<ForeignPlace> {
    let p = places();
    let Some(own) = p.codes.get(jurisdiction) else {
        return Vec::new();
    };
    // A province (or municipality) owns every code under its 2 digits; a
    // prefecture its 4; a county its prefecture's 4 (its neighbours are often named).
    let own_prefix = if own.len() == 2 { &own[..2] } else { &own[..4] };
    let Some(matcher) = &p.matcher else {
        return Vec::new();
    };
    let char_at = char_index(text);
    let mut out: Vec<ForeignPlace> = Vec::new();
    for m in matcher.find_iter(text) {
        let (name, code) = &p.counties[m.pattern().as_usize()];
        if code.starts_with(own_prefix) {
            continue;
        }
        let (s, e) = sentence_around(text, m.start(), m.end());
        let sentence = &text[s..e];
        let before: String = text[..m.start()].chars().rev().take(NEAR).collect();
        let after: String = text[m.end()..].chars().take(NEAR).collect();
        if LINKING_WORDS.iter().any(|w| sentence.contains(w))
            || before.contains(NEAR_WORDS)
            || after.contains(NEAR_WORDS)
        {
            continue;
        }
        let parent = if p.names.contains_key(&code[..4]) {
            &code[..4]
        } else {
            &code[..2]
        };
        let sentence_start = char_at(s);
        if out
            .last()
            .is_some_and(|f| f.name == *name && f.sentence_start == sentence_start)
        {
            continue;
        }
        out.push(ForeignPlace {
            doc,
            name: name.clone(),
            belongs_to: p.names.get(parent).cloned().unwrap_or_default(),
            same_province: code[..2] == own[..2],
            start: char_at(m.start()),
            sentence_start,
            sentence_end: char_at(e),
        });
    }
    out
}

/// The province a division lies in (itself for a province), by its official name.
pub fn province_of(name: &str) -> Option<String> {
    let p = places();
    let code = p.codes.get(name)?;
    p.names.get(&code[..2]).cloned()
}

/// Byte offset → char offset, for offsets found in order.
fn char_index(text: &str) -> impl Fn(usize) -> usize + '_ {
    move |byte| text[..byte].chars().count()
}

/// The sentence (between 。！？; or line breaks) around bytes `[from, to)`.
fn sentence_around(text: &str, from: usize, to: usize) -> (usize, usize) {
    let ends = |c: char| matches!(c, '。' | '!' | '?' | ';' | '！' | '？' | '；' | '\n');
    let start = text[..from]
        .rfind(ends)
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[to..].find(ends).map_or(text.len(), |i| to + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_county_of_another_prefecture_is_flagged_with_its_sentence() {
        // 番禺区 is Guangzhou's; 鄞州区 is Ningbo's.
        let text = "今年重点推进鄞州区老旧小区改造。番禺区建设取得新进展。";
        let found = foreign_places(0, "广州市", text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].name, "鄞州区");
        assert_eq!(found[0].belongs_to, "宁波市");
        assert!(!found[0].same_province);
        assert_eq!(
            &text
                .chars()
                .skip(found[0].sentence_start)
                .take(found[0].sentence_end - found[0].sentence_start)
                .collect::<String>(),
            "今年重点推进鄞州区老旧小区改造"
        );
    }

    #[test]
    fn naming_a_partner_place_is_not_a_sign() {
        let text = "深化与鄞州区的对口协作。";
        assert!(foreign_places(0, "广州市", text).is_empty());
    }
}
