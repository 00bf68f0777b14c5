//! jieba's dictionary, filtered to the entries that can occur in a run's
//! texts (see the module above): the embedded tables `build.rs` writes, the
//! texts' character pairs, and jieba filled with the entries kept.

use jieba_rs::Jieba;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The words of jieba's dictionary (`data/jieba-dict.txt`) one after
/// another, grouped by `build.rs` by their first two characters.
const WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/jieba-dict-words.txt"));

/// One u32 (little-endian) per word of [`WORDS`], in its order: the word's
/// length in bytes above the lowest [`FREQUENCY_BITS`] bits, its frequency in them.
const ENTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba-dict-entries.bin"));

/// See [`ENTRIES`] (and `build.rs`, which writes it).
const FREQUENCY_BITS: u32 = 26;

/// The index of the dictionary's groups (written by `build.rs`): the total
/// frequency (u64), then per group in ascending key order the first character,
/// the second (0 for one-character words), the group's first entry and the
/// byte of [`WORDS`] where its first word starts (u32 each, all
/// little-endian), then one more record with the number of entries and the
/// length of [`WORDS`], where the last group ends.
const DICTIONARY_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba-dict-index.bin"));

/// The number of groups of the dictionary (the index's records but the last).
fn dictionary_group_count() -> usize {
    (DICTIONARY_INDEX.len().saturating_sub(8) / 16).saturating_sub(1)
}

/// Field `k` (0 to 3) of record `i` of [`DICTIONARY_INDEX`].
fn index_field(i: usize, k: usize) -> u32 {
    let at = 8 + i * 16 + k * 4;
    DICTIONARY_INDEX
        .get(at..at + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, u32::from_le_bytes)
}

/// A group key as one number, in the order of (first char, second char or 0).
fn group_key_of(first: u32, second: u32) -> u64 {
    (u64::from(first) << 32) | u64::from(second)
}

/// The key of group `i` (see [`group_key_of`]).
fn group_key(i: usize) -> u64 {
    group_key_of(index_field(i, 0), index_field(i, 1))
}

/// A group of the dictionary's entries: those sharing their first two characters.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Group {
    /// Its entries (indices of [`ENTRIES`]).
    entries: std::ops::Range<usize>,
    /// The byte of [`WORDS`] where its first word starts.
    start: usize,
}

impl Group {
    /// Group `i` of the dictionary.
    fn at(i: usize) -> Group {
        Group {
            entries: index_field(i, 2) as usize..index_field(i + 1, 2) as usize,
            start: index_field(i, 3) as usize,
        }
    }

    /// The group's words with their frequencies, in dictionary order.
    fn words(&self) -> impl Iterator<Item = (&'static str, u64)> {
        let mut at = self.start;
        self.entries.clone().map(move |e| {
            let record = ENTRIES
                .get(e * 4..e * 4 + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, u32::from_le_bytes);
            let len = (record >> FREQUENCY_BITS) as usize;
            let word = WORDS.get(at..at + len).unwrap_or_default();
            at += len;
            (word, u64::from(record & ((1 << FREQUENCY_BITS) - 1)))
        })
    }
}

/// The groups of the dictionary in key order.
#[cfg(test)]
fn dictionary_groups() -> impl Iterator<Item = (u64, Group)> {
    (0..dictionary_group_count()).map(|i| (group_key(i), Group::at(i)))
}

/// The groups whose keys are in `wanted` (sorted, distinct), in key order.
/// Each key is found by a galloping search from the one before, so a run
/// visits a few probes per key instead of all 190,000 groups.
fn groups_for(wanted: &[u64]) -> Vec<Group> {
    let n = dictionary_group_count();
    let key_at = group_key;
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
            out.push(Group::at(lo));
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
    groups_for(&[group_key_of(u32::from(a), u32::from(b))])
        .first()
        .is_some_and(|group| group.words().any(|(w, _)| w == word))
}

/// The sum of the frequencies of all entries of the dictionary.
fn dictionary_total() -> u64 {
    DICTIONARY_INDEX
        .get(..8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
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

    /// The group keys of the index ([`group_key_of`]) the texts hold.
    fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.iter().map(|&k| match k >> 32 {
            0 => group_key_of(k as u32, 0),
            prev => group_key_of((prev - 1) as u32, k as u32),
        })
    }

    /// The dictionary entries that can occur in the texts (each adjacent
    /// pair of characters of the word occurs in them), in dictionary order.
    fn entries(&self) -> Vec<(&'static str, u64)> {
        let mut wanted: Vec<u64> = self.keys().collect();
        wanted.par_sort_unstable();
        // Each thread looks up its share of the (sorted) keys; the groups
        // come out in key order, as one search would find them.
        let per_task = wanted.len().div_ceil(rayon::current_num_threads().max(1)).max(1);
        let groups: Vec<Group> = wanted.par_chunks(per_task).map(groups_for).collect::<Vec<_>>().concat();
        kept_entries(&groups, |word| self.covers(word))
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

/// Dictionary groups read and filtered per task (a pair of national reports
/// keeps about 4,500 groups, a series of 41 about 20,000).
const GROUPS_PER_TASK: usize = 512;

/// jieba with the dictionary words that can occur in a run's texts; the
/// protected phrases are added by [`super::Segmenter::with_dictionary`]. The two are
/// apart so a run can build this while it finds the phrases to protect.
pub struct Dictionary {
    pub(super) jieba: Jieba,
    /// Entries kept after filtering (for the performance notes).
    pub(super) entries_kept: usize,
    /// Frequencies of the kept entries of three characters or more.
    pub(super) long_words: HashMap<&'static str, u64>,
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
        let (kept, jieba) = rayon::join(|| CharPairs::union(parts).entries(), Jieba::empty);
        Self::from_kept(jieba, kept)
    }

    /// jieba's whole dictionary (reference for tests and benchmarks).
    pub fn full() -> Dictionary {
        let all: Vec<Group> = (0..dictionary_group_count()).map(Group::at).collect();
        Self::from_kept(Jieba::empty(), kept_entries(&all, |_| true))
    }

    /// The dictionary of texts whose own entries are `parts` (in report
    /// order). A word that can occur in none of the texts alone is never
    /// looked up, so this segments as [`Dictionary::for_texts`] does.
    pub fn for_text_words(parts: Vec<TextWords>) -> Dictionary {
        let (kept, jieba) = rayon::join(
            || {
                parts
                    .into_iter()
                    .map(|p| p.0)
                    .reduce(|a, b| merge_entries(&a, &b))
                    .unwrap_or_default()
            },
            Jieba::empty,
        );
        Self::from_kept(jieba, kept)
    }

    /// `jieba` (empty) with the entries `kept` (in dictionary order).
    fn from_kept(mut jieba: Jieba, kept: Vec<(&'static str, u64)>) -> Dictionary {
        // Adding the words to jieba's trie is one thread's work, while the
        // other indexes the long words.
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

/// The entries of `groups` (in key order) that `keep_word` keeps, in
/// dictionary order. It is asked about each word that is 9 bytes or longer
/// (three characters or more; a group's key already covers its shorter CJK
/// words), without its first character: the key is its first pair of
/// characters, so the pairs left to check are those of the rest.
fn kept_entries(groups: &[Group], keep_word: impl Fn(&str) -> bool + Sync) -> Vec<(&'static str, u64)> {
    // Reading and filtering the groups is spread over the threads, in order.
    groups
        .par_chunks(GROUPS_PER_TASK)
        .map(|chunk| {
            let mut words = Vec::new();
            for group in chunk {
                // CJK characters are 3 bytes: 9 bytes or more is 3 characters or more.
                words.extend(group.words().filter(|(word, _)| {
                    word.len() < 9 || keep_word(&word[word.chars().next().map_or(0, char::len_utf8)..])
                }));
            }
            words
        })
        .collect::<Vec<_>>()
        .concat()
}

/// Entries of the dictionary in both or either of `a` and `b` (each in
/// dictionary order, so ascending by address in [`WORDS`]), in dictionary order.
fn merge_entries(a: &[(&'static str, u64)], b: &[(&'static str, u64)]) -> Vec<(&'static str, u64)> {
    let at = |e: &(&'static str, u64)| e.0.as_ptr() as usize;
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut k) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(k)) {
        match at(x).cmp(&at(y)) {
            std::cmp::Ordering::Less => {
                out.push(*x);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(*y);
                k += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(*x);
                i += 1;
                k += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[k..]);
    out
}

/// The dictionary entries that can occur in one text (each adjacent pair of
/// characters of the word occurs in it), in dictionary order: a pair makes
/// each as soon as its text is read, and [`Dictionary::for_text_words`]
/// merges them. A series does not: the union of its texts' pairs
/// ([`Dictionary::for_parts`]) looks each group up once, not once a report.
pub struct TextWords(Vec<(&'static str, u64)>);

impl TextWords {
    /// The entries that can occur in `t`.
    pub fn of_text(t: &str) -> TextWords {
        TextWords(CharPairs::of_text(t).entries())
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

    #[test]
    fn char_pairs_cover_exactly_the_adjacent_pairs() {
        let seen = CharPairs::union(vec![CharPairs::of_text("新质生产力"), CharPairs::of_text("高质量")]);
        assert!(seen.covers("质生产"));
        assert!(seen.covers("新质"));
        assert!(!seen.covers("生产质量"), "产质 does not occur");
        assert!(!seen.covers("力高"), "the texts are not joined");
        let keys: Vec<u64> = seen.keys().collect();
        let key = |a: char, b: Option<char>| group_key_of(u32::from(a), b.map_or(0, u32::from));
        assert!(keys.contains(&key('新', None)));
        assert!(keys.contains(&key('新', Some('质'))));
        assert!(!keys.contains(&key('质', Some('新'))));
        assert!(
            key('新', None) < key('新', Some('质')),
            "a one-character word's group comes first"
        );
    }

    #[test]
    fn dictionary_index_covers_every_entry() {
        // Every line of the source is one entry of its group, with its frequency.
        let source = include_str!("../../../data/jieba-dict.txt");
        let mut expected: HashMap<&str, u64> = source
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (w, f) = l.split_once(' ').unwrap();
                (w, f.parse().unwrap())
            })
            .collect();
        let lines = expected.len();
        let total: u64 = expected.values().sum();
        let mut previous = None;
        let mut end = 0;
        for (key, group) in dictionary_groups() {
            assert!(previous < Some(key), "keys ascend");
            previous = Some(key);
            assert_eq!(group.entries.start, end, "groups follow each other");
            end = group.entries.end;
            for (word, frequency) in group.words() {
                let mut cs = word.chars();
                let first = cs.next().map_or(0, u32::from);
                let second = cs.next().map_or(0, u32::from);
                assert_eq!(group_key_of(first, second), key, "{word} in the group of its key");
                assert_eq!(
                    expected.remove(word),
                    Some(frequency),
                    "{word} once, with its frequency"
                );
            }
        }
        assert!(expected.is_empty(), "{} entries left out", expected.len());
        assert_eq!(end * 4, ENTRIES.len());
        assert_eq!(dictionary_total(), total);
        assert_eq!(Dictionary::full().entries_kept, lines);
    }
}
