//! Stage 5, **segment**: split normalized text into whole words.
//!
//! Chinese runs go through jieba; numbers with their units (`5.5%`,
//! `1.2万亿元`, `3.4万家`, `2024年`) are single tokens; protected phrases
//! (quoted policy terms, watch-list entries, numeric slogans like `3+5+X`) are
//! matched first and never split. Every character of the input belongs to exactly
//! one token, so tokens rebuild the text.
//!
//! The dictionary is jieba's (`segment/dictionary.rs`), filtered to the entries that
//! can occur in the inputs: every pair of adjacent characters of the word (or
//! its single character) occurs in one of them. jieba only looks up words that
//! are substrings of the text it cuts, so one sentinel entry keeping the total
//! frequency makes segmentation identical to the full dictionary's, while
//! loading is many times cheaper (a pair of national reports keeps about 6,000
//! of 349,000 entries). `build.rs` groups the entries by their first two
//! characters, stores their words and frequencies as tables and indexes the
//! groups, so the filter picks groups from the index and reads their entries
//! without parsing lines. A series filters once with the pairs of all its
//! texts; a pair filters each text as soon as it is read and merges the two.

use crate::read::marker::bracket_marker_len;
use crate::text::is_cjk;

mod dictionary;
mod numbers;
pub use dictionary::{in_dictionary, CharPairs, Dictionary, TextWords};
pub use numbers::{is_year, MAGNITUDES, UNITS};
use numbers::{latin_len, number_or_latin};

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

    fn words(seg: &Segmenter, text: &str) -> Vec<String> {
        seg.tokenize(text).iter().map(|t| t.text(text).to_string()).collect()
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
        // As a pair builds it: each text's own entries, merged.
        let merged = Segmenter::with_dictionary(
            Dictionary::for_text_words(texts.iter().map(|t| TextWords::of_text(t)).collect()),
            &[],
        );
        let full = Segmenter::full(&[]);
        for text in &texts {
            let expected = words(&full, text);
            assert_eq!(words(&filtered, text), expected);
            assert_eq!(words(&merged, text), expected);
            for w in expected.iter().filter(|w| w.chars().count() >= 3) {
                let frequency = full.long_word_frequency(w);
                assert_eq!(filtered.long_word_frequency(w), frequency, "{w}");
                assert_eq!(merged.long_word_frequency(w), frequency, "{w}");
            }
        }
        // The pairs filter keeps far fewer entries than the groups of the
        // first two characters alone (about 27,000 for a national pair); a
        // word whose pairs occur only across the two texts is not kept by
        // either text's own filter.
        assert!(filtered.entries_kept() < 15_000, "{}", filtered.entries_kept());
        assert!(merged.entries_kept() <= filtered.entries_kept());
    }

    #[test]
    fn years() {
        assert!(is_year("2024年"));
        assert!(is_year("2013"));
        assert!(!is_year("5.5%"));
        assert!(!is_year("12218"));
    }
}
