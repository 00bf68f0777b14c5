//! The built-in lexicon of formulations (提法) and the list of ordinary words.
//!
//! Both are data files embedded at build time (see `data/README.md` for their
//! provenance and how `examples/mine_lexicon.rs` regenerates them):
//! - `data/lexicon.txt`: formulations mined from the national reports 1954–2013
//!   and 1,345 city reports with this crate's own extractor, then reviewed;
//! - `data/ordinary-words.txt`: words of general language (jieba dictionary
//!   entries of high frequency), which are not formulations unless a report
//!   quotes them as a term of art.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// One formulation per line, `#` comments.
#[cfg(test)]
const LEXICON: &str = include_str!("../../../data/lexicon.txt");

/// One word per line, `#` comments.
#[cfg(test)]
const ORDINARY: &str = include_str!("../../../data/ordinary-words.txt");

/// The lexicon's entries, sorted and deduplicated by `build.rs` (comments and
/// blank lines dropped). The shipped files are already in compared form
/// (normalized, simplified script; a test holds them to it), so they are
/// neither normalized nor even split on a run.
const ENTRIES: &[&str] = include!(concat!(env!("OUT_DIR"), "/lexicon.txt.rs"));

/// The ordinary words, likewise (looked up through [`ORDINARY_SET`]).
#[cfg(test)]
const ORDINARY_WORDS: &[&str] = include!(concat!(env!("OUT_DIR"), "/ordinary-words.txt.rs"));

/// The lexicon's entries, sorted.
pub fn entries() -> &'static [&'static str] {
    ENTRIES
}

/// Whether `phrase` is in the lexicon.
pub fn contains(phrase: &str) -> bool {
    ENTRIES.binary_search(&phrase).is_ok()
}

/// Whether `word` is an ordinary word of general language.
pub fn is_ordinary(word: &str) -> bool {
    ORDINARY_SET.contains(word)
}

/// [`ORDINARY_WORDS`] as a perfect-hash set (`build.rs`): one probe per word,
/// where a binary search took a dozen string comparisons.
static ORDINARY_SET: phf::Set<&'static str> = include!(concat!(env!("OUT_DIR"), "/ordinary-words.txt.set.rs"));

/// Indices into [`entries`] by the entries' first character and second (if
/// any), and whether any entry has a single character.
struct ByStart {
    index: HashMap<(char, Option<char>), Vec<usize>>,
    single: bool,
    /// The entries' first characters of the Basic Multilingual Plane, as a
    /// bitset (8 KB): most characters of a text start no entry and are passed
    /// over without a lookup.
    first_bmp: Vec<u64>,
}

impl ByStart {
    /// Whether some entry may start with `c` (`true` beyond the BMP: looked up).
    fn may_start(&self, c: char) -> bool {
        let c = c as usize;
        self.first_bmp
            .get(c / 64)
            .is_none_or(|bits| bits & (1 << (c % 64)) != 0)
    }
}

/// The lexicon's entries (indices into [`entries`]) by their first two
/// characters; an entry of one character is keyed by it alone. A run builds
/// this in well under a millisecond, where an Aho-Corasick automaton of the
/// 2,100 entries took several.
fn by_start() -> &'static ByStart {
    static INDEX: OnceLock<ByStart> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<(char, Option<char>), Vec<usize>> = HashMap::default();
        let mut first_bmp = vec![0u64; 0x10000 / 64];
        for (k, e) in entries().iter().enumerate() {
            let mut cs = e.chars();
            if let Some(first) = cs.next() {
                index.entry((first, cs.next())).or_default().push(k);
                if let Some(bits) = first_bmp.get_mut(first as usize / 64) {
                    *bits |= 1 << (first as usize % 64);
                }
            }
        }
        let single = index.keys().any(|(_, second)| second.is_none());
        ByStart {
            index,
            single,
            first_bmp,
        }
    })
}

/// The lexicon entries occurring in `counting` (a counting text), in lexicon order.
pub fn found_in(counting: &str) -> Vec<&'static str> {
    let (by, entries) = (by_start(), entries());
    let (index, single) = (&by.index, by.single);
    let mut found = vec![false; entries.len()];
    let mut chars = counting.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !by.may_start(c) {
            continue;
        }
        let next = chars.peek().map(|&(_, d)| d);
        let keys = [(c, next), (c, None)];
        for key in &keys[..if single { 2 } else { 1 }] {
            for &k in index.get(key).map_or(&[][..], Vec::as_slice) {
                if counting[i..].starts_with(entries[k]) {
                    found[k] = true;
                }
            }
        }
    }
    entries.iter().zip(found).filter_map(|(e, f)| f.then_some(*e)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lists_are_in_compared_form() {
        // What is no longer done at run time: every entry is its own
        // normalized, simplified form (as a watch list would be read).
        for (content, list) in [(LEXICON, ENTRIES), (ORDINARY, ORDINARY_WORDS)] {
            let mut parsed = super::super::parse_watch_list(content);
            parsed.sort_unstable();
            parsed.dedup();
            assert!(parsed.len() > 1_000);
            assert_eq!(parsed, list);
        }
    }

    #[test]
    fn the_ordinary_set_holds_the_ordinary_words() {
        assert_eq!(ORDINARY_SET.len(), ORDINARY_WORDS.len());
        assert!(ORDINARY_WORDS.iter().all(|w| is_ordinary(w)));
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
    fn found_in_finds_exactly_the_entries_a_text_contains() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/");
        for file in ["national-2013.txt", "guangzhou-2025.txt", "national-1957.txt"] {
            let text = std::fs::read_to_string(format!("{root}{file}")).unwrap();
            let counting = super::super::counting::counting_text(&text);
            let contained: Vec<&str> = entries().iter().copied().filter(|e| counting.contains(e)).collect();
            assert!(contained.len() > 20, "{file}: {}", contained.len());
            assert_eq!(found_in(&counting), contained, "{file}");
        }
        // Entries inside one another, and at the very end of the text.
        let nested = "坚持高质量发展和新质生产力";
        let inside: Vec<&str> = entries().iter().copied().filter(|e| nested.contains(e)).collect();
        assert!(inside.contains(&"新质生产力"), "{inside:?}");
        assert_eq!(found_in(nested), inside);
        assert!(found_in("").is_empty());
    }

    #[test]
    fn lexicon_is_sorted_and_has_no_ordinary_words() {
        assert!(entries().windows(2).all(|w| w[0] < w[1]));
        assert!(entries().iter().all(|e| !is_ordinary(e)));
    }
}
