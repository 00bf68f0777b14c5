//! Stage 8, **phrases**: policy phrases, where they occur and how often.
//!
//! Candidates: quoted terms (“…” 「…」 ‘…’, 2–20 chars), 《titles》, numeric
//! slogans (`3+5+X`, `1+1+9`), number+noun sets (`六稳六保`, `三农`) and every
//! watch-list entry. Occurrences are non-overlapping substrings of the normalized
//! text with quote marks removed, so 六稳 inside 六稳六保 counts and a term quoted
//! in one year is found unquoted in another.

use crate::text::{is_cjk, is_cjk_numeral};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a candidate phrase came from (the strongest source wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhraseKind {
    /// From the user's watch list.
    Watch,
    /// A numeric slogan: `12218`, `3+5+X`.
    Slogan,
    /// A number+noun set: `六稳`, `两个确立`.
    NumberSet,
    /// A quoted term.
    Quoted,
    /// A 《title》.
    Title,
}

impl PhraseKind {
    /// The JSON name, also used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            PhraseKind::Watch => "watch",
            PhraseKind::Slogan => "slogan",
            PhraseKind::NumberSet => "number_set",
            PhraseKind::Quoted => "quoted",
            PhraseKind::Title => "title",
        }
    }
}

/// Quote marks removed before counting.
const QUOTES: &[char] = &['“', '”', '「', '」', '『', '』', '‘', '’', '"', '\''];

/// Normalized text with quote marks removed: what occurrences are counted in.
pub fn counting_text(text: &str) -> String {
    text.chars().filter(|c| !QUOTES.contains(c)).collect()
}

/// Candidate phrases found in `text`, with their kinds.
pub fn candidates(text: &str) -> BTreeMap<String, PhraseKind> {
    let mut out: BTreeMap<String, PhraseKind> = BTreeMap::new();
    let mut add = |s: String, k: PhraseKind| {
        let e = out.entry(s).or_insert(k);
        if k < *e {
            *e = k;
        }
    };
    let chars: Vec<char> = text.chars().collect();
    for (open, close, kind, max) in [
        ('“', '”', PhraseKind::Quoted, 20),
        ('「', '」', PhraseKind::Quoted, 20),
        ('‘', '’', PhraseKind::Quoted, 20),
        ('《', '》', PhraseKind::Title, 30),
    ] {
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == open {
                if let Some(len) = chars[i + 1..]
                    .iter()
                    .take(max + 1)
                    .position(|&c| c == close || c == open || c == '\n')
                {
                    let inner = &chars[i + 1..i + 1 + len];
                    let closed = chars.get(i + 1 + len) == Some(&close);
                    if closed && (2..=max).contains(&inner.len()) && is_phrase_like(inner) {
                        let s: String = inner.iter().filter(|c| !QUOTES.contains(c)).collect();
                        let k = if is_slogan(&s) { PhraseKind::Slogan } else { kind };
                        add(s, k);
                    }
                    i += len + 1;
                    continue;
                }
            }
            i += 1;
        }
    }
    for s in slogans(&chars) {
        add(s, PhraseKind::Slogan);
    }
    for s in number_sets(&chars) {
        add(s, PhraseKind::NumberSet);
    }
    out
}

/// Quoted text that is a term, not a quotation: no sentence punctuation.
fn is_phrase_like(inner: &[char]) -> bool {
    !inner
        .iter()
        .any(|c| matches!(c, '。' | ',' | ';' | '!' | '?' | ':' | '，' | '；' | '：'))
        && inner.iter().any(|&c| is_cjk(c) || c.is_ascii_alphanumeric())
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
fn number_sets(chars: &[char]) -> Vec<String> {
    let is_set_start = |i: usize| {
        i + 1 < chars.len()
            && "两三四五六七八九十".contains(chars[i])
            && is_cjk(chars[i + 1])
            && !is_cjk_numeral(chars[i + 1])
            && !COUNT_WORDS.contains(chars[i + 1])
            && (i == 0 || !is_cjk_numeral(chars[i - 1]) && chars[i - 1] != '第')
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        if is_set_start(i) {
            let len = if is_set_start(i + 2) { 4 } else { 2 };
            *seen.entry(chars[i..i + len].iter().collect()).or_default() += 1;
            i += len;
        } else {
            i += 1;
        }
    }
    seen.into_iter().filter(|&(_, n)| n >= 2).map(|(s, _)| s).collect()
}

/// A numeral (CJK or ASCII digit): a phrase that starts or ends with one is not
/// found inside a longer number (`九五` is not in `一九五四年`).
fn is_numeral(c: char) -> bool {
    is_cjk_numeral(c) || c.is_ascii_digit()
}

/// Whether the occurrence at byte range `start..end` of `text` stands clear of
/// neighbouring numerals where the phrase itself begins or ends with one.
fn clear_of_numbers(text: &str, phrase: &str, start: usize, end: usize) -> bool {
    let starts_num = phrase.chars().next().is_some_and(is_numeral);
    let ends_num = phrase.chars().next_back().is_some_and(is_numeral);
    let joined_before = starts_num && text[..start].chars().next_back().is_some_and(is_numeral);
    let joined_after = ends_num && text[end..].chars().next().is_some_and(is_numeral);
    !joined_before && !joined_after
}

/// Non-overlapping occurrences of `phrase` in `counting` (a [`counting_text`]).
pub fn count(counting: &str, phrase: &str) -> usize {
    if phrase.is_empty() {
        return 0;
    }
    counting
        .match_indices(phrase)
        .filter(|&(i, m)| clear_of_numbers(counting, phrase, i, i + m.len()))
        .count()
}

/// Which of `phrases` occur in `text` (quote marks ignored), as indices in
/// ascending order: one pass of a prebuilt automaton.
pub fn present(automaton: &aho_corasick::AhoCorasick, text: &str) -> Vec<usize> {
    let counting = counting_text(text);
    let mut found: Vec<usize> = automaton
        .find_overlapping_iter(&counting)
        .map(|m| m.pattern().as_usize())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Counts of every phrase in `counting` (a [`counting_text`]) in one pass:
/// the same numbers as [`count`] for each, nested phrases counted separately.
pub fn count_all<S: AsRef<str>>(counting: &str, phrases: &[S]) -> Vec<usize> {
    PhraseCounter::new(phrases.iter().map(|p| p.as_ref())).count(counting)
}

/// Counts a fixed list of phrases in many texts: the automaton is built once.
pub struct PhraseCounter {
    patterns: Vec<String>,
    automaton: Option<aho_corasick::AhoCorasick>,
}

impl PhraseCounter {
    /// A counter of `phrases`, in this order.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseCounter {
        let patterns: Vec<String> = phrases.into_iter().map(str::to_string).collect();
        let automaton = if patterns.iter().all(|p| p.is_empty()) {
            None
        } else {
            aho_corasick::AhoCorasick::new(&patterns).ok()
        };
        PhraseCounter { patterns, automaton }
    }

    /// Counts of every phrase in `counting` (a [`counting_text`]), like [`count`] for each.
    pub fn count(&self, counting: &str) -> Vec<usize> {
        let mut counts = vec![0usize; self.patterns.len()];
        if self.patterns.iter().all(|p| p.is_empty()) {
            return counts;
        }
        let Some(ac) = &self.automaton else {
            // Too many patterns for the automaton: count one by one.
            return self.patterns.iter().map(|p| count(counting, p)).collect();
        };
        let mut last_end = vec![0usize; self.patterns.len()];
        for m in ac.find_overlapping_iter(counting) {
            let k = m.pattern().as_usize();
            // Non-overlapping per phrase, leftmost first, like `str::matches`.
            if m.start() >= last_end[k]
                && !self.patterns[k].is_empty()
                && clear_of_numbers(counting, &self.patterns[k], m.start(), m.end())
            {
                counts[k] += 1;
                last_end[k] = m.end();
            }
        }
        counts
    }
}

/// Status of a phrase between two reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairStatus {
    /// Only in NEW.
    New,
    /// Only in OLD.
    Dropped,
    /// In both.
    Recurring,
    /// Watched, in neither.
    Absent,
}

impl PairStatus {
    /// Status from the two counts.
    pub fn of(old: usize, new: usize) -> PairStatus {
        match (old > 0, new > 0) {
            (false, true) => PairStatus::New,
            (true, false) => PairStatus::Dropped,
            (true, true) => PairStatus::Recurring,
            (false, false) => PairStatus::Absent,
        }
    }
}

/// Reads a watch list: one phrase per line, `#` starts a comment.
pub fn parse_watch_list(content: &str) -> Vec<String> {
    let mut out: Vec<String> = content
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| crate::read::normalize::normalize(l, 0).text)
        .filter(|l| !l.is_empty())
        .collect();
    out.dedup();
    out
}

/// One keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Context {
    /// Which side of a pair (`old`/`new`) or the report's year in a series.
    pub report: String,
    /// Path of the section the occurrence is in.
    pub section: String,
    /// The sentence around the occurrence.
    pub text: String,
}

/// The sentences of `text` that contain `phrase` (quote marks ignored), at most
/// `limit`, each with its char offset in `text`.
pub fn sentences_with(text: &str, phrase: &str, limit: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    if phrase.is_empty() || limit == 0 {
        return out;
    }
    let quoted = |s: &str| s.contains(QUOTES);
    let mut offset = 0;
    for sentence in text.split_inclusive(['。', '!', '?', ';', '\n']) {
        let n = sentence.chars().count();
        let hit = if quoted(sentence) {
            counting_text(sentence).contains(phrase)
        } else {
            sentence.contains(phrase)
        };
        if hit {
            out.push((offset, sentence.trim().to_string()));
            if out.len() == limit {
                break;
            }
        }
        offset += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn quotations_are_not_terms() {
        let c = candidates("他说“我们要加快发展,不能停步。”然后");
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn counting_ignores_quotes_and_counts_nested() {
        let t = counting_text("做好“六稳”工作,落实“六稳六保”,构建新发展格局和发展格局");
        assert_eq!(count(&t, "六稳"), 2);
        assert_eq!(count(&t, "新发展格局"), 1);
        assert_eq!(count(&t, "发展格局"), 2);
    }

    #[test]
    fn count_all_equals_count() {
        let t = counting_text("做好“六稳”工作,落实“六稳六保”,构建新发展格局和发展格局,啊啊啊");
        let phrases = ["六稳", "六稳六保", "发展格局", "新发展格局", "啊啊", "不在"];
        let expect: Vec<usize> = phrases.iter().map(|p| count(&t, p)).collect();
        assert_eq!(count_all(&t, &phrases), expect);
        assert_eq!(expect, vec![2, 1, 2, 1, 1, 0]);
        // Numeral phrases are not found inside longer numbers.
        let t = counting_text("一九五四年,“九五”计划,“12218”与122180");
        assert_eq!((count(&t, "九五"), count(&t, "12218")), (1, 1));
        assert_eq!(count_all(&t, &["九五", "12218"]), vec![1, 1]);
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

    #[test]
    fn watch_list_parsing() {
        let w = parse_watch_list("# policy terms\n新质生产力\n\n六稳  # comment\n  ＡＩ＋\n");
        assert_eq!(w, vec!["新质生产力", "六稳", "AI+"]);
    }

    #[test]
    fn status_from_counts() {
        assert_eq!(PairStatus::of(0, 2), PairStatus::New);
        assert_eq!(PairStatus::of(1, 0), PairStatus::Dropped);
        assert_eq!(PairStatus::of(1, 1), PairStatus::Recurring);
        assert_eq!(PairStatus::of(0, 0), PairStatus::Absent);
    }
}
