//! The built-in lexicon of formulations (提法) and the list of ordinary words.
//!
//! Both are data files embedded at build time (see `data/README.md` for their
//! provenance and how `examples/mine_lexicon.rs` regenerates them):
//! - `data/lexicon.txt`: formulations mined from the national reports 1954–2013
//!   and 1,345 city reports with this crate's own extractor, then reviewed;
//! - `data/ordinary-words.txt`: words of general language (jieba dictionary
//!   entries of high frequency), which are not formulations unless a report
//!   quotes them as a term of art.

use std::sync::OnceLock;

/// One formulation per line, `#` comments.
const LEXICON: &str = include_str!("../../../data/lexicon.txt");

/// One word per line, `#` comments.
const ORDINARY: &str = include_str!("../../../data/ordinary-words.txt");

/// A sorted, deduplicated word list from a `#`-commented file. The shipped
/// files are already in compared form (normalized, simplified script; a test
/// holds them to it), so they are only split here, not normalized on every
/// run: that took about a third of a small diff's start-up.
fn word_list(content: &'static str) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = content
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect();
    if !words.is_sorted() {
        words.sort_unstable();
    }
    words.dedup();
    words
}

/// The lexicon's entries, sorted.
pub fn entries() -> &'static [&'static str] {
    static ENTRIES: OnceLock<Vec<&'static str>> = OnceLock::new();
    ENTRIES.get_or_init(|| word_list(LEXICON))
}

/// Whether `phrase` is in the lexicon.
pub fn contains(phrase: &str) -> bool {
    entries().binary_search(&phrase).is_ok()
}

/// Whether `word` is an ordinary word of general language.
pub fn is_ordinary(word: &str) -> bool {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| word_list(ORDINARY)).binary_search(&word).is_ok()
}

/// The lexicon entries occurring in `counting` (a counting text), in lexicon order.
pub fn found_in(counting: &str) -> Vec<&'static str> {
    static AUTOMATON: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    let Some(ac) = AUTOMATON.get_or_init(|| aho_corasick::AhoCorasick::new(entries()).ok()) else {
        return Vec::new();
    };
    let mut found: Vec<usize> = ac
        .find_overlapping_iter(counting)
        .map(|m| m.pattern().as_usize())
        .collect();
    found.sort_unstable();
    found.dedup();
    found.into_iter().map(|k| entries()[k]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lists_are_in_compared_form() {
        // What `word_list` no longer does at run time: every entry is its own
        // normalized, simplified form (as a watch list would be read).
        for content in [LEXICON, ORDINARY] {
            let mut parsed = super::super::parse_watch_list(content);
            parsed.sort_unstable();
            parsed.dedup();
            assert_eq!(parsed, word_list(content));
        }
    }

    #[test]
    fn ordinary_words_are_listed() {
        for w in ["社会主义", "和平", "发展", "改革", "保护", "建议", "民主", "自由"] {
            assert!(is_ordinary(w), "{w}");
        }
        for w in ["一国两制", "新质生产力", "高质量发展"] {
            assert!(!is_ordinary(w), "{w}");
        }
    }

    #[test]
    fn lexicon_is_sorted_and_has_no_ordinary_words() {
        assert!(entries().windows(2).all(|w| w[0] < w[1]));
        assert!(entries().iter().all(|e| !is_ordinary(e)));
    }
}
