//! Candidates marked by the report itself: quoted terms (“…” 「…」 ‘…’,
//! 2–20 chars), 《titles》, numeric slogans (`3+5+X`, `1+1+9`) and number+noun
//! sets (`六稳六保`, `三农`).

use super::PhraseKind;
use crate::compare::segment::in_dictionary;
use crate::read::gazetteer::Gazetteer;
use crate::text::{is_cjk, is_cjk_numeral};
use std::collections::BTreeMap;

/// Candidate phrases found in `text`, with their kinds.
pub fn candidates(text: &str) -> BTreeMap<String, PhraseKind> {
    let mut out: BTreeMap<String, PhraseKind> = BTreeMap::new();
    let mut add = |s: String, k: PhraseKind| {
        let e = out.entry(s).or_insert(k);
        if k < *e {
            *e = k;
        }
    };
    for (s, k) in quoted(text) {
        add(s, k);
    }
    let chars: Vec<char> = text.chars().collect();
    for s in slogans(&chars) {
        add(s, PhraseKind::Slogan);
    }
    for s in number_sets(&chars) {
        add(s, PhraseKind::NumberSet);
    }
    out
}

/// The terms `text` puts in quote marks as terms (quote marks removed), with
/// how often: not 《titles》, not scare quotes (所谓“保护”区域, “so-called”).
pub fn quoted_terms(text: &str) -> BTreeMap<String, usize> {
    let mut out: BTreeMap<String, usize> = BTreeMap::new();
    for (s, k, at) in quoted_at(text) {
        let scare = text[..at].ends_with("所谓");
        if k != PhraseKind::Title && !scare {
            *out.entry(s).or_default() += 1;
        }
    }
    out
}

/// Quoted terms and 《titles》 (quoted digit strings and `+` sets as slogans).
fn quoted(text: &str) -> Vec<(String, PhraseKind)> {
    quoted_at(text).into_iter().map(|(s, k, _)| (s, k)).collect()
}

/// Quoted terms one sentence may bring as candidates, per kind of quote mark.
/// Real reports quote at most 14 terms in a sentence (1,345 city reports, 41
/// national reports, 9 plans); past the cap every further term would be a
/// candidate holding the whole long sentence as its context, so they are left
/// out (the command layer says so with [`quoted_over_cap`]).
pub const MAX_QUOTED_PER_SENTENCE: usize = 64;

/// How many quoted terms of `text` [`MAX_QUOTED_PER_SENTENCE`] leaves out.
pub fn quoted_over_cap(text: &str) -> usize {
    quoted_scan(text).1
}

/// [`quoted`] with the byte offset of each opening mark.
fn quoted_at(text: &str) -> Vec<(String, PhraseKind, usize)> {
    quoted_scan(text).0
}

/// Ends a sentence for [`MAX_QUOTED_PER_SENTENCE`].
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n' | '！' | '？' | '；')
}

/// The marks a term is quoted in: opening, closing, the kind of what they
/// hold, and its longest length in chars.
const QUOTE_MARKS: [(char, char, PhraseKind, usize); 4] = [
    ('“', '”', PhraseKind::Quoted, 20),
    ('「', '」', PhraseKind::Quoted, 20),
    ('‘', '’', PhraseKind::Quoted, 20),
    ('《', '》', PhraseKind::Title, 30),
];

/// The quoted terms and 《titles》 of `text` with the byte offsets of their
/// opening marks, and how many were left out by [`MAX_QUOTED_PER_SENTENCE`].
/// Each kind of mark is one pass: `memchr` finds the next opening mark, and
/// only the few characters after it are read one by one.
fn quoted_scan(text: &str) -> (Vec<(String, PhraseKind, usize)>, usize) {
    let mut out = Vec::new();
    let mut left_out = 0;
    for (open, close, kind, max) in QUOTE_MARKS {
        let mut mark = [0u8; 4];
        let finder = memchr::memmem::Finder::new(open.encode_utf8(&mut mark).as_bytes());
        // Terms of this kind in the current sentence; `scanned` is how far the
        // sentence ends have been looked for (the loop only moves forward).
        let (mut in_sentence, mut scanned) = (0, 0);
        let mut from = 0;
        while let Some(found) = finder.find(&text.as_bytes()[from..]) {
            let i = from + found;
            if text[scanned..i].chars().any(ends_sentence) {
                in_sentence = 0;
            }
            scanned = i;
            let start = i + open.len_utf8();
            // The first closing mark, opening mark or line break within `max + 1` characters.
            let stop = text[start..]
                .char_indices()
                .take(max + 1)
                .enumerate()
                .find(|&(_, (_, c))| c == close || c == open || c == '\n');
            let Some((len, (end, c))) = stop else {
                from = start;
                continue;
            };
            let inner = &text[start..start + end];
            if c == close && (2..=max).contains(&len) && is_phrase_like(inner) {
                in_sentence += 1;
                take_term(inner, kind, i, in_sentence, &mut out, &mut left_out);
            }
            // The mark that stopped the term is looked at again (it may open the next).
            from = start + end;
        }
    }
    (out, left_out)
}

/// The quoted term `inner` (opening mark at `at`), the `in_sentence`-th of
/// its kind in its sentence: kept in `out` (quote marks removed, a digit or `+`
/// set as a slogan) up to [`MAX_QUOTED_PER_SENTENCE`], else counted as left out.
fn take_term(
    inner: &str,
    kind: PhraseKind,
    at: usize,
    in_sentence: usize,
    out: &mut Vec<(String, PhraseKind, usize)>,
    left_out: &mut usize,
) {
    if in_sentence > MAX_QUOTED_PER_SENTENCE {
        *left_out += 1;
        return;
    }
    let s = super::counting_text(inner);
    let k = if is_slogan(&s) { PhraseKind::Slogan } else { kind };
    out.push((s, k, at));
}

/// Quoted text that is a term, not a quotation: no sentence punctuation.
fn is_phrase_like(inner: &str) -> bool {
    !inner
        .chars()
        .any(|c| matches!(c, '。' | ',' | ';' | '!' | '?' | ':' | '，' | '；' | '：'))
        && inner.chars().any(|c| is_cjk(c) || c.is_ascii_alphanumeric())
}

/// `12218`, `3+5+X`: digits and letters joined by `+`, or a quoted digit string.
fn is_slogan(s: &str) -> bool {
    let digits_only = s.len() >= 3 && s.bytes().all(|b| b.is_ascii_digit());
    let plus = s.contains('+')
        && s.split('+').all(|p| !p.is_empty() && p.chars().count() <= 3)
        && s.chars().any(|c| c.is_ascii_digit());
    digits_only || plus
}

/// Unquoted `3+5+X`-style slogans.
fn slogans(chars: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    let part = |c: char| c.is_ascii_alphanumeric();
    while i < chars.len() {
        if part(chars[i]) && (i == 0 || !part(chars[i - 1]) && chars[i - 1] != '+') {
            let mut j = i;
            let mut groups = 0;
            loop {
                let s = j;
                while j < chars.len() && part(chars[j]) {
                    j += 1;
                }
                if j == s || j - s > 3 {
                    break;
                }
                groups += 1;
                if j < chars.len() && chars[j] == '+' && chars.get(j + 1).is_some_and(|&c| part(c)) {
                    j += 1;
                } else {
                    break;
                }
            }
            let s: String = chars[i..j].iter().collect();
            if groups >= 2 && !s.ends_with('+') && is_slogan(&s) {
                out.push(s);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Characters that make `numeral + char` an ordinary count, not a policy set.
const COUNT_WORDS: &str = "年月日天次个种项条位批些点成倍号届级类名家人部股亿万千百十分季度是大小方面件座所岁期轮场周代把只台辆套张层步产条线区县市省镇村中川国者份处以多余几来要是就则";

/// `六稳六保`, `三农`-style sets: a numeral and one character that is not a
/// count word, used at least twice (a repeated pair `六稳六保` is kept whole).
/// Not a set: the numeral inside a word that starts before it (`长三角`,
/// `红十字`, `翻两番`: a dictionary word from the character before), or a
/// lone pair that is a place (`三亚`, `六盘水`, `十堰市`: a division's name,
/// with or without its suffix; `三河两山`, `四战四平` stay sets).
fn number_sets(chars: &[char]) -> Vec<String> {
    let inside_word = |i: usize| {
        i > 0
            && [3, 4].iter().any(|&n| {
                chars
                    .get(i - 1..i - 1 + n)
                    .is_some_and(|w| w.iter().all(|&c| is_cjk(c)) && in_dictionary(&w.iter().collect::<String>()))
            })
    };
    let place = |i: usize| {
        let rest: String = chars[i..chars.len().min(i + 12)].iter().collect();
        Gazetteer::global().place_at(&rest)
    };
    let is_set_start = |i: usize| {
        i + 1 < chars.len()
            && matches!(chars[i], '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
            && is_cjk(chars[i + 1])
            && !is_cjk_numeral(chars[i + 1])
            && !COUNT_WORDS.contains(chars[i + 1])
            && (i == 0 || !is_cjk_numeral(chars[i - 1]) && chars[i - 1] != '第')
            && !inside_word(i)
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        let len = if !is_set_start(i) {
            0
        } else if is_set_start(i + 2) {
            4
        } else if !place(i) {
            2
        } else {
            0
        };
        if len > 0 {
            *seen.entry(chars[i..i + len].iter().collect()).or_default() += 1;
            i += len;
        } else {
            i += 1;
        }
    }
    seen.into_iter().filter(|&(_, n)| n >= 2).map(|(s, _)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan as it was written over a `Vec<char>` (char indices), before
    /// the byte scan with `memchr`: the reference the property test holds it to.
    fn char_scan(chars: &[char]) -> (Vec<(String, PhraseKind, usize)>, usize) {
        let mut out = Vec::new();
        let mut left_out = 0;
        for (open, close, kind, max) in QUOTE_MARKS {
            let (mut in_sentence, mut scanned) = (0, 0);
            let mut i = 0;
            while i < chars.len() {
                if chars[i] == open {
                    if chars[scanned..i].iter().any(|&c| ends_sentence(c)) {
                        in_sentence = 0;
                    }
                    scanned = i;
                    if let Some(len) = chars[i + 1..]
                        .iter()
                        .take(max + 1)
                        .position(|&c| c == close || c == open || c == '\n')
                    {
                        let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                        let closed = chars.get(i + 1 + len) == Some(&close);
                        if closed && (2..=max).contains(&len) && is_phrase_like(&inner) {
                            in_sentence += 1;
                            take_term(&inner, kind, i, in_sentence, &mut out, &mut left_out);
                        }
                        i += len + 1;
                        continue;
                    }
                }
                i += 1;
            }
        }
        (out, left_out)
    }

    #[test]
    fn byte_scan_is_the_char_scan_on_the_national_reports() {
        let dir = format!("{}/../shared/corpus/national", env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for entry in std::fs::read_dir(&dir).expect("the national corpus is needed for this test") {
            let path = entry.expect("a listing of the national corpus").path();
            let text = std::fs::read_to_string(&path).expect("a readable national report");
            let (theirs, left) = char_scan(&text.chars().collect::<Vec<char>>());
            let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            let theirs: Vec<(String, PhraseKind, usize)> =
                theirs.into_iter().map(|(s, k, at)| (s, k, starts[at])).collect();
            assert_eq!(quoted_scan(&text), (theirs, left));
            read += 1;
        }
        assert!(read >= 41, "{read} national reports");
    }

    proptest! {
        /// Texts of quote marks, sentence ends, line breaks, 所谓 and words:
        /// the byte scan finds what the char scan found, at the same marks.
        #[test]
        fn byte_scan_is_the_char_scan(parts in proptest::collection::vec(
            prop_oneof![
                Just("“"), Just("”"), Just("「"), Just("」"), Just("‘"), Just("’"), Just("《"), Just("》"),
                Just("。"), Just("；"), Just(";"), Just("\n"), Just(","), Just("所谓"), Just("新质生产力"),
                Just("12218"), Just("3+5+X"), Just("a"), Just("六稳"), Just(" "),
            ],
            0..120,
        ), repeat in 1usize..80) {
            let text: String = parts.concat();
            let chars: Vec<char> = text.chars().collect();
            let byte_of = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
            let (expected, expected_left) = char_scan(&chars);
            let expected: Vec<(String, PhraseKind, usize)> =
                expected.into_iter().map(|(s, k, at)| (s, k, byte_of(at))).collect();
            prop_assert_eq!(quoted_scan(&text), (expected, expected_left));
            // Past the cap: one sentence quoting the same term many times.
            let crowded = "“新质生产力”".repeat(repeat);
            let (ours, left) = quoted_scan(&crowded);
            let (theirs, their_left) = char_scan(&crowded.chars().collect::<Vec<char>>());
            prop_assert_eq!((ours.len(), left), (theirs.len(), their_left));
        }
    }

    #[test]
    fn numerals_inside_words_and_places_are_no_sets() {
        let t = "推进长三角一体化,对接长三角和珠三角;支持红十字会,红十字事业;三亚市和三亚、六盘水与六盘水市、十堰十堰;落实六稳六保,做好六稳六保,抓好三农,三农工作;“三河两山”“三河两山”,“四战四平”“四战四平”。";
        let sets: Vec<String> = number_sets(&t.chars().collect::<Vec<char>>());
        assert_eq!(sets, ["三农", "三河两山", "六稳六保", "四战四平"]);
    }

    #[test]
    fn quoted_titles_and_slogans() {
        let t = "谋划建设“12218”现代化产业体系,推动“百千万工程”,落实《南沙方案》,著力推动“3+5+X”战略,提升“5+2+4”商圈和2+2+N平台,做好六稳六保工作,落实六稳六保。";
        let c = candidates(t);
        assert_eq!(c.get("12218"), Some(&PhraseKind::Slogan));
        assert_eq!(c.get("百千万工程"), Some(&PhraseKind::Quoted));
        assert_eq!(c.get("南沙方案"), Some(&PhraseKind::Title));
        assert_eq!(c.get("3+5+X"), Some(&PhraseKind::Slogan));
        assert_eq!(c.get("2+2+N"), Some(&PhraseKind::Slogan));
        assert_eq!(c.get("六稳六保"), Some(&PhraseKind::NumberSet));
        assert!(!c.contains_key("现代化产业体系"));
    }

    #[test]
    fn scare_quotes_are_not_terms_of_art() {
        let q = quoted_terms("所谓“保护”区域,坚持“两个毫不动摇”,《建议》");
        assert_eq!(q.keys().collect::<Vec<_>>(), ["两个毫不动摇"]);
    }

    #[test]
    fn quotations_are_not_terms() {
        let c = candidates("他说“我们要加快发展,不能停步。”然后");
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn a_sentence_brings_at_most_the_cap_of_quoted_terms() {
        let terms = |n: usize| (0..n).map(|i| format!("“词{i}”")).collect::<Vec<_>>().join("、");
        let crowded = format!("推进{}。推进“新词一”“新词二”。", terms(MAX_QUOTED_PER_SENTENCE + 10));
        let q = quoted_terms(&crowded);
        assert_eq!(
            q.len(),
            MAX_QUOTED_PER_SENTENCE + 2,
            "the next sentence starts a new count"
        );
        assert!(q.contains_key("词0") && q.contains_key("新词二"));
        assert!(!q.contains_key(&format!("词{MAX_QUOTED_PER_SENTENCE}")));
        assert_eq!(quoted_over_cap(&crowded), 10);
        let spread = (0..MAX_QUOTED_PER_SENTENCE + 10)
            .map(|i| format!("推进“词{i}”。"))
            .collect::<String>();
        assert_eq!(quoted_terms(&spread).len(), MAX_QUOTED_PER_SENTENCE + 10);
        assert_eq!(quoted_over_cap(&spread), 0);
    }

    #[test]
    fn ordinary_counts_are_not_sets() {
        let c = candidates("三年来,两个方面,五个百分点,三农工作,三年,加强三农");
        assert!(c.contains_key("三农"), "{c:?}");
        assert!(
            !c.keys().any(|k| k.starts_with("三年") || k.starts_with("两个")),
            "{c:?}"
        );
    }
}
