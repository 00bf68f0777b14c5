//! Stage 5, **segment**: split normalized text into whole words.
//!
//! Chinese runs go through jieba; numbers with their units (`5.5%`,
//! `1.2万亿元`, `3.4万家`, `2024年`) are single tokens; protected phrases
//! (quoted policy terms, watch-list entries, numeric slogans like `3+5+X`) are
//! matched first and never split. Every character of the input belongs to exactly
//! one token, so tokens rebuild the text.
//!
//! The dictionary is jieba's, embedded as plain text and filtered to the entries
//! that can occur in the inputs: every pair of adjacent characters of the word
//! (or its single character) occurs in them. jieba only looks up words that are
//! substrings of the text it cuts, so one sentinel entry keeping the total
//! frequency makes segmentation identical to the full dictionary's, while
//! loading is many times cheaper (a pair of national reports keeps about 6,000
//! of 349,000 entries). `build.rs` groups the entries by their first two
//! characters and indexes the groups, so the filter picks groups from the
//! index instead of scanning every line.

use crate::read::marker::bracket_marker_len;
use crate::text::is_cjk;
use jieba_rs::Jieba;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

mod numbers;
pub use numbers::{is_year, MAGNITUDES, UNITS};
use numbers::{latin_len, number_or_latin};

/// jieba's dictionary (`data/jieba-dict.txt`), `word frequency` per line,
/// grouped by `build.rs` by the first two characters of the word.
const DICTIONARY: &str = include_str!(concat!(env!("OUT_DIR"), "/jieba-dict-grouped.txt"));

/// The index of [`DICTIONARY`]'s groups (written by `build.rs`): the total
/// frequency (u64), then per group in ascending key order the first character,
/// the second (0 for one-character words), the start and end byte (u32 each,
/// all little-endian).
const DICTIONARY_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba-dict-index.bin"));

/// The number of groups of [`DICTIONARY`].
fn dictionary_group_count() -> usize {
    DICTIONARY_INDEX.len().saturating_sub(8) / 16
}

/// Group `i` of [`DICTIONARY`]: key (first char, second char or 0) and byte range.
fn dictionary_group(i: usize) -> ((u32, u32), std::ops::Range<usize>) {
    let at = |k: usize| {
        DICTIONARY_INDEX
            .get(8 + i * 16 + k..8 + i * 16 + k + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, u32::from_le_bytes)
    };
    ((at(0), at(4)), at(8) as usize..at(12) as usize)
}

/// The groups of [`DICTIONARY`] in key order.
#[cfg(test)]
fn dictionary_groups() -> impl Iterator<Item = ((u32, u32), std::ops::Range<usize>)> {
    (0..dictionary_group_count()).map(dictionary_group)
}

/// The byte ranges of the groups whose keys are in `wanted` (sorted, distinct).
/// Each key is found by a galloping search from the one before, so a run
/// visits a few probes per key instead of all 190,000 groups.
fn groups_for(wanted: &[(u32, u32)]) -> Vec<std::ops::Range<usize>> {
    let n = dictionary_group_count();
    let key_at = |i: usize| dictionary_group(i).0;
    let mut out = Vec::with_capacity(wanted.len());
    let mut base = 0;
    for &key in wanted {
        let mut bound = 1;
        while base + bound <= n && key_at(base + bound - 1) < key {
            bound *= 2;
        }
        // The first group not below `key` lies in [base + bound/2, base + bound).
        let (mut lo, mut hi) = (base + bound / 2, (base + bound).min(n));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if key_at(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        base = lo;
        if lo < n && key_at(lo) == key {
            out.push(dictionary_group(lo).1);
            base = lo + 1;
        }
    }
    out
}

/// Whether `word` (two characters or more) is a word of jieba's dictionary.
pub fn in_dictionary(word: &str) -> bool {
    let mut chars = word.chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return false;
    };
    groups_for(&[(u32::from(a), u32::from(b))])
        .first()
        .is_some_and(|bytes| {
            DICTIONARY
                .get(bytes.clone())
                .unwrap_or_default()
                .lines()
                .any(|line| line.split_once(' ').map_or(line, |(w, _)| w) == word)
        })
}

/// The sum of the frequencies of all entries of the dictionary.
fn dictionary_total() -> u64 {
    DICTIONARY_INDEX
        .get(..8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// A frequency field as `build.rs` parses it (the dictionary holds digits only).
fn parse_frequency(field: &str) -> u64 {
    field
        .bytes()
        .fold(0u64, |n, b| n * 10 + u64::from(b.wrapping_sub(b'0')) % 10)
}

/// The characters and the pairs of adjacent characters of a run's texts: a
/// dictionary word can occur in them only if each of its adjacent pairs does.
/// A single character is stored as the pair `(c, 0)`.
pub struct CharPairs(HashSet<u64>);

impl CharPairs {
    /// The pairs of one text: made on its own, so a run can make each as soon
    /// as its text is read ([`Dictionary::for_parts`] takes their union).
    pub fn of_text(t: &str) -> CharPairs {
        // About one distinct pair per three bytes of Chinese text or
        // fewer: reserved once instead of grown by rehashing.
        let mut set: HashSet<u64> = HashSet::with_capacity_and_hasher(t.len() / 3, Default::default());
        let mut prev: Option<char> = None;
        for c in t.chars() {
            set.insert(pack(c, None));
            if prev.is_some() {
                set.insert(pack(c, prev));
            }
            prev = Some(c);
        }
        CharPairs(set)
    }

    /// The pairs of all of `parts`.
    fn union(parts: Vec<CharPairs>) -> CharPairs {
        // The smaller set of two goes into the larger.
        let set = parts.into_iter().map(|p| p.0).reduce(|mut a, mut b| {
            if a.len() < b.len() {
                std::mem::swap(&mut a, &mut b);
            }
            a.extend(b);
            a
        });
        CharPairs(set.unwrap_or_default())
    }

    /// The group keys of the index (first character, second or 0) the texts hold.
    fn keys(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.0.iter().map(|&k| match k >> 32 {
            0 => (k as u32, 0),
            prev => ((prev - 1) as u32, k as u32),
        })
    }

    /// True when every pair of adjacent characters of `word` occurs in the texts.
    fn covers(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let mut prev = chars.next();
        chars.all(|c| {
            let ok = self.0.contains(&pack(c, prev));
            prev = Some(c);
            ok
        })
    }
}

/// `c` after `prev` (or alone) as one set key: `prev + 1` in the high half.
fn pack(c: char, prev: Option<char>) -> u64 {
    (prev.map_or(0, |p| u64::from(p) + 1) << 32) | u64::from(c)
}

/// A private-use character the normalizer never emits: the sentinel entry.
const SENTINEL: char = '\u{E000}';

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A Chinese word from jieba.
    Word,
    /// A number with its unit (`5.5%`, `1.2万亿元`, `2024年`).
    Number,
    /// A run of Latin letters and digits (`5G`, `IPv6`).
    Latin,
    /// A protected phrase (quoted term, watch-list entry, numeric slogan).
    Phrase,
    /// A section marker in brackets: `(一)`, `(12)`.
    Marker,
    /// One punctuation mark or symbol.
    Punct,
    /// A run of whitespace (spaces, line breaks).
    Space,
}

impl TokenKind {
    /// Words count in summaries; punctuation and spaces do not.
    pub fn is_word(self) -> bool {
        !matches!(self, TokenKind::Punct | TokenKind::Space | TokenKind::Marker)
    }
}

/// A token: a byte range of the segmented text and its kind.
///
/// Offsets are `u32`: a 20 MB report has millions of tokens, and 12 bytes a
/// token instead of 24 is a fifth of the memory of a diff. Texts are at most
/// [`crate::read::source::MAX_TEXT_BYTES`] (checked when read), so they fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    fn new(start: usize, end: usize, kind: TokenKind) -> Token {
        Token {
            start: offset(start),
            end: offset(end),
            kind,
        }
    }

    /// Byte offset of the first byte.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past the last byte.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The token's text within `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start()..self.end()]
    }
}

/// A byte offset as stored in a [`Token`]. Inputs longer than
/// [`crate::read::source::MAX_TEXT_BYTES`] are refused when read, so the
/// saturation (which would cut the last token short) cannot happen in a run.
fn offset(byte: usize) -> u32 {
    u32::try_from(byte).unwrap_or(u32::MAX)
}

/// Dictionary groups read and filtered per task (a pair of national reports
/// keeps about 4,500 groups, a series of 41 about 20,000).
const GROUPS_PER_TASK: usize = 512;

/// jieba with the dictionary words that can occur in a run's texts; the
/// protected phrases are added by [`Segmenter::with_dictionary`]. The two are
/// apart so a run can build this while it finds the phrases to protect.
pub struct Dictionary {
    jieba: Jieba,
    /// Entries kept after filtering (for the performance notes).
    entries_kept: usize,
    /// Frequencies of the kept entries of three characters or more.
    long_words: HashMap<&'static str, u64>,
}

impl Dictionary {
    /// The dictionary for `texts` (all the inputs of the run). Only the text
    /// of `texts` (or of its parts) may be tokenized with it: it keeps just the
    /// words that can occur there.
    pub fn for_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Dictionary {
        let texts: Vec<&str> = texts.into_iter().collect();
        Self::for_parts(texts.par_iter().map(|t| CharPairs::of_text(t)).collect())
    }

    /// [`Dictionary::for_texts`] of the texts whose [`CharPairs`] are `parts`.
    pub fn for_parts(parts: Vec<CharPairs>) -> Dictionary {
        // jieba's empty tables (half a megabyte of root transitions) are
        // made while the texts' pairs are merged.
        let ((seen, wanted), jieba) = rayon::join(
            || {
                let seen = CharPairs::union(parts);
                let mut wanted: Vec<(u32, u32)> = seen.keys().collect();
                wanted.par_sort_unstable();
                (seen, wanted)
            },
            Jieba::empty,
        );
        // Each thread looks up its share of the (sorted) keys; the groups
        // come out in key order, as one search would find them.
        let per_task = wanted.len().div_ceil(rayon::current_num_threads().max(1)).max(1);
        let groups: Vec<std::ops::Range<usize>> =
            wanted.par_chunks(per_task).map(groups_for).collect::<Vec<_>>().concat();
        Self::from_groups(jieba, groups, |word| seen.covers(word))
    }

    /// jieba's whole dictionary (reference for tests and benchmarks).
    pub fn full() -> Dictionary {
        let all = (0..dictionary_group_count()).map(|i| dictionary_group(i).1).collect();
        Self::from_groups(Jieba::empty(), all, |_| true)
    }

    /// `jieba` (empty) with the words of `groups` (byte ranges of
    /// [`DICTIONARY`]); `keep_word` is asked about each word that is 9 bytes
    /// or longer (three characters or more; a group's key already covers its
    /// shorter CJK words).
    fn from_groups(
        mut jieba: Jieba,
        groups: Vec<std::ops::Range<usize>>,
        keep_word: impl Fn(&str) -> bool + Sync,
    ) -> Dictionary {
        // Reading and filtering the groups' lines is spread over the threads
        // (in order: the words go into jieba in dictionary order either way);
        // adding them to jieba's trie is one thread's work, while the other
        // indexes the long words.
        let kept: Vec<(&'static str, u64)> = groups
            .par_chunks(GROUPS_PER_TASK)
            .map(|chunk| {
                let mut words = Vec::new();
                for bytes in chunk {
                    for line in DICTIONARY.get(bytes.clone()).unwrap_or_default().lines() {
                        let (word, frequency) = line.split_once(' ').unwrap_or((line, ""));
                        // CJK characters are 3 bytes: 9 bytes or more is 3 characters or more.
                        if word.len() >= 9 && !keep_word(word) {
                            continue;
                        }
                        words.push((word, parse_frequency(frequency)));
                    }
                }
                words
            })
            .collect::<Vec<_>>()
            .concat();
        let (kept_frequency, long_words) = rayon::join(
            || {
                let mut kept_frequency: u64 = 0;
                for &(word, frequency) in &kept {
                    // What `Jieba::with_dict` does with each line of a
                    // dictionary (the total is the sum of the frequencies
                    // either way), without writing the kept lines out and
                    // parsing them back.
                    jieba.add_word(word, Some(frequency as usize), None);
                    kept_frequency += frequency;
                }
                kept_frequency
            },
            || -> HashMap<&'static str, u64> { kept.iter().copied().filter(|(w, _)| w.len() >= 9).collect() },
        );
        let left_out = dictionary_total().saturating_sub(kept_frequency);
        jieba.add_word(&SENTINEL.to_string(), Some(left_out as usize), None);
        Dictionary {
            jieba,
            entries_kept: kept.len(),
            long_words,
        }
    }
}

/// The phrases a segmenter never splits (those of two characters or more),
/// as its leftmost-longest matcher: built apart from the dictionary, so a run
/// can make the two side by side.
pub struct Protected(Option<aho_corasick::AhoCorasick>);

impl Protected {
    pub fn new(phrases: &[String]) -> Protected {
        let mut protected: Vec<&str> = phrases
            .iter()
            .map(String::as_str)
            .filter(|p| p.chars().count() >= 2)
            .collect();
        protected.sort_unstable();
        protected.dedup();
        Protected(
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&protected)
                .ok()
                .filter(|_| !protected.is_empty()),
        )
    }
}

/// A segmenter for one run: the filtered dictionary plus the protected phrases.
pub struct Segmenter {
    dictionary: Dictionary,
    /// Leftmost-longest matcher of the protected phrases.
    protected: Option<aho_corasick::AhoCorasick>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("entries_kept", &self.entries_kept())
            .finish()
    }
}

impl Segmenter {
    /// Builds a segmenter for `texts` (all the inputs of the run) that never splits
    /// any of `phrases` (see [`Dictionary::for_texts`]).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>, phrases: &[String]) -> Segmenter {
        Self::with_dictionary(Dictionary::for_texts(texts), phrases)
    }

    /// A segmenter with jieba's whole dictionary (reference for tests and benchmarks).
    pub fn full(phrases: &[String]) -> Segmenter {
        Self::with_dictionary(Dictionary::full(), phrases)
    }

    /// `dictionary`, never splitting any of `phrases`.
    pub fn with_dictionary(dictionary: Dictionary, phrases: &[String]) -> Segmenter {
        Self::with_protected(dictionary, Protected::new(phrases))
    }

    /// A segmenter with `dictionary` that never splits the `protected` phrases.
    pub fn with_protected(dictionary: Dictionary, protected: Protected) -> Segmenter {
        Segmenter {
            dictionary,
            protected: protected.0,
        }
    }

    /// Dictionary entries kept after filtering (for the performance notes).
    pub fn entries_kept(&self) -> usize {
        self.dictionary.entries_kept
    }

    /// jieba's frequency of a dictionary word of three characters or more that
    /// can occur in the inputs; `None` for other words.
    pub fn long_word_frequency(&self, word: &str) -> Option<u64> {
        self.dictionary.long_words.get(word).copied()
    }

    /// Splits `text` into tokens covering every byte.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let spans = self.protected_spans(text);
        // Reports average well over 4 bytes a token (a CJK char is 3): the
        // estimate rarely grows, and the surplus is given back.
        let mut tokens = Vec::with_capacity(text.len() / 4);
        let mut pos = 0;
        for (s, e) in spans {
            self.tokenize_plain(text, pos, s, &mut tokens);
            tokens.push(Token::new(s, e, TokenKind::Phrase));
            pos = e;
        }
        self.tokenize_plain(text, pos, text.len(), &mut tokens);
        tokens.shrink_to_fit();
        tokens
    }

    /// Non-overlapping occurrences of protected phrases, longest first at each place.
    fn protected_spans(&self, text: &str) -> Vec<(usize, usize)> {
        match &self.protected {
            Some(ac) => ac.find_iter(text).map(|m| (m.start(), m.end())).collect(),
            None => Vec::new(),
        }
    }

    fn tokenize_plain(&self, text: &str, from: usize, to: usize, out: &mut Vec<Token>) {
        let mut i = from;
        while i < to {
            let rest = &text[i..to];
            let c = rest.chars().next().unwrap_or(' ');
            let (len, kind) = if let Some(len) = bracket_marker_len(rest) {
                (len, TokenKind::Marker)
            } else if c.is_ascii_digit() {
                number_or_latin(rest)
            } else if c.is_ascii_alphabetic() {
                (latin_len(rest), TokenKind::Latin)
            } else if c.is_whitespace() {
                (
                    rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len()),
                    TokenKind::Space,
                )
            } else if is_cjk(c) {
                let run = rest.find(|c: char| !is_cjk(c)).unwrap_or(rest.len());
                for t in self.dictionary.jieba.cut(&rest[..run], true) {
                    out.push(Token::new(i + t.byte_start, i + t.byte_end, TokenKind::Word));
                }
                i += run;
                continue;
            } else {
                (c.len_utf8(), TokenKind::Punct)
            };
            out.push(Token::new(i, i + len, kind));
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_words_are_found_by_their_group() {
        for w in ["长三角", "红十字", "翻两番", "区四园", "高质量"] {
            assert!(in_dictionary(w), "{w}");
        }
        for w in ["好六稳", "六稳", "长", "", "新质生产力"] {
            assert!(!in_dictionary(w), "{w}");
        }
    }

    fn words(seg: &Segmenter, text: &str) -> Vec<String> {
        seg.tokenize(text).iter().map(|t| t.text(text).to_string()).collect()
    }

    #[test]
    fn numbers_with_units_are_single_tokens() {
        let text = "地区生产总值增长5.5%左右,达到1.2万亿元,新增3.4万家企业,2024年";
        let seg = Segmenter::new([text], &[]);
        let w = words(&seg, text);
        for t in ["5.5%", "1.2万亿元", "3.4万家", "2024年"] {
            assert!(w.contains(&t.to_string()), "{t} not a token in {w:?}");
        }
    }

    #[test]
    fn protected_phrases_stay_whole() {
        let text = "谋划建设“12218”现代化产业体系,推动“百千万工程”和3+5+X战略";
        let phrases = vec!["12218".to_string(), "百千万工程".to_string(), "3+5+X".to_string()];
        let seg = Segmenter::new([text], &phrases);
        let w = words(&seg, text);
        for p in &phrases {
            assert!(w.contains(p), "{p} split in {w:?}");
        }
    }

    #[test]
    fn tokens_cover_the_text() {
        let text = "一、2024年工作回顾\n(三)我们 坚持5G和IPv6建设(12)。";
        let seg = Segmenter::new([text], &[]);
        let rebuilt: String = words(&seg, text).concat();
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn filtered_dictionary_segments_like_the_full_one() {
        let text = "坚持稳中求进工作总基调,完整准确全面贯彻新发展理念,加快构建新发展格局,着力推动高质量发展。";
        let filtered = Segmenter::new([text], &[]);
        let full = Segmenter::full(&[]);
        assert_eq!(words(&filtered, text), words(&full, text));
        assert!(filtered.entries_kept() < full.entries_kept() / 10);
    }

    #[test]
    fn filtered_dictionary_segments_real_reports_like_the_full_one() {
        // Two whole reports, as a pair is segmented: every word of either, cut
        // with the pairs of both, is cut as with all 349k entries.
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/");
        let texts: Vec<String> = ["national-2013.txt", "guangzhou-2025.txt"]
            .iter()
            .map(|f| std::fs::read_to_string(format!("{root}{f}")).unwrap())
            .collect();
        let filtered = Segmenter::new(texts.iter().map(String::as_str), &[]);
        let full = Segmenter::full(&[]);
        for text in &texts {
            assert_eq!(words(&filtered, text), words(&full, text));
        }
        // The pairs filter keeps far fewer entries than the groups of the
        // first two characters alone (about 27,000 for a national pair).
        assert!(filtered.entries_kept() < 15_000, "{}", filtered.entries_kept());
    }

    #[test]
    fn char_pairs_cover_exactly_the_adjacent_pairs() {
        let seen = CharPairs::union(vec![CharPairs::of_text("新质生产力"), CharPairs::of_text("高质量")]);
        assert!(seen.covers("质生产"));
        assert!(seen.covers("新质"));
        assert!(!seen.covers("生产质量"), "产质 does not occur");
        assert!(!seen.covers("力高"), "the texts are not joined");
        let mut keys: Vec<(u32, u32)> = seen.keys().collect();
        keys.sort_unstable();
        assert!(keys.contains(&(u32::from('新'), 0)));
        assert!(keys.contains(&(u32::from('新'), u32::from('质'))));
        assert!(!keys.contains(&(u32::from('质'), u32::from('新'))));
    }

    #[test]
    fn dictionary_index_covers_every_entry() {
        let source = include_str!("../../data/jieba-dict.txt");
        let lines = source.lines().filter(|l| !l.is_empty()).count();
        let total: u64 = source
            .lines()
            .map(|l| parse_frequency(l.split_once(' ').map_or("", |(_, f)| f)))
            .sum();
        let mut grouped = 0;
        let mut previous = None;
        for (key, bytes) in dictionary_groups() {
            assert!(previous < Some(key), "keys ascend");
            previous = Some(key);
            for line in DICTIONARY[bytes].lines() {
                let mut cs = line.split(' ').next().unwrap_or("").chars();
                let first = cs.next().map_or(0, u32::from);
                let second = cs.next().map_or(0, u32::from);
                assert_eq!((first, second), key, "{line} in the group of its key");
                grouped += 1;
            }
        }
        assert_eq!(grouped, lines);
        assert_eq!(dictionary_total(), total);
        assert_eq!(Segmenter::full(&[]).entries_kept(), lines);
    }

    #[test]
    fn years() {
        assert!(is_year("2024年"));
        assert!(is_year("2013"));
        assert!(!is_year("5.5%"));
        assert!(!is_year("12218"));
    }
}
