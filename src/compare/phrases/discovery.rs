//! Formulations that no quote marks announce: multiword expressions found in
//! the segmented text of the reports being compared.
//!
//! A candidate is a run of 2–4 jieba words, or one word of four characters or
//! three ending in a noun suffix (`城镇化`), that
//! 1. holds together: the pointwise mutual information of its weakest split
//!    (`高质量|发展`) is high, so it is more than two words that happen to meet;
//! 2. has free boundaries: the words before and after it vary (left and right
//!    boundary entropy), so `推动高质量` (always followed by `发展`) is not one;
//! 3. is not merely part of a longer candidate (`供给侧结构性` inside
//!    `供给侧结构性改革`: a shorter one used almost only inside a longer one goes);
//! 4. changes across the reports: its count in some report, or before and after
//!    some year, differs from the rest by a log-likelihood G² above the 5 % level.
//!
//! Function words may not stand at its edges, nor verbs at its start
//! (`的`, `推动`, `加快` …: `data/edge-words.txt`, from the part-of-speech tags
//! of jieba's dictionary, and a short list of generic words of the reports),
//! except a one-character verb before a two-character noun (`去产能`, `调结构`);
//! ordinary words (see [`super::lexicon::is_ordinary`]) are never one-word
//! candidates, a word jieba lists often (对外开放) must change at the 0.1 %
//! level, and a word that is a phrase in disguise (`认真落实`, `一九八二年`) is none.

use super::lexicon;
use super::scoring;
use super::stop_words::{self, Role};
use crate::compare::segment::TokenKind;
use rustc_hash::FxHashMap as HashMap;
use std::hash::BuildHasher;

/// Marks the end of a run of words (punctuation, numbers, line breaks).
const BREAK: u32 = u32::MAX;

/// Longest candidate in words.
const MAX_WORDS: usize = 4;

/// Candidates have 3–12 characters (one-word candidates at least 4).
const MIN_CHARS: usize = 3;
const MAX_CHARS: usize = 12;
const MIN_CHARS_ONE_WORD: usize = 4;

/// Occurrences over all reports below which nothing can be told.
const MIN_COUNT: u32 = 3;

/// Weakest split's pointwise mutual information (natural log).
const MIN_PMI: f64 = 3.0;

/// Boundary entropy (nats) required on each side: two different neighbours,
/// or one in three occurrences different (`巩固拓展脱贫攻坚成果` is common).
const MIN_ENTROPY: f64 = 0.5;

/// A candidate seen inside one longer candidate at least this share of the time goes.
const SUBSUMED_SHARE: f64 = 0.7;

/// G² at p < 0.05 with one degree of freedom: a formulation used steadily
/// after its first years (新发展理念 in a city's reports 2012–2026) changes
/// less sharply than a one-year slogan, and must still pass.
pub const MIN_KEYNESS: f64 = 3.84;

/// `word first|last|both` per line: words that may not begin (`first`), end
/// (`last`) or do either (`both`) a formulation.
#[cfg(test)]
const EDGE_WORDS: &str = include_str!("../../../data/edge-words.txt");

/// `data/edge-words.txt` as a perfect-hash map (`build.rs`): each word's
/// (not first, not last).
static EDGE_RULES: phf::Map<&'static str, (bool, bool)> = include!(concat!(env!("OUT_DIR"), "/edge-words.txt.map.rs"));

/// Where a word may not stand: (not first, not last).
fn edge_rule(word: &str) -> (bool, bool) {
    EDGE_RULES.get(word).copied().unwrap_or((false, false))
}

/// Function words and generic verbs of the reports' prose that neither begin
/// nor end a formulation (`data/stop-words.txt`, role `function`).
fn function_words(word: &str) -> bool {
    stop_words::has(Role::Function, word)
}

/// Further generic words that never begin a formulation, beyond the
/// dictionary's verbs and function words (role `first`).
fn first_only(word: &str) -> bool {
    stop_words::has(Role::First, word)
}

/// Further generic words that never end a formulation (role `last`).
fn last_only(word: &str) -> bool {
    stop_words::has(Role::Last, word)
}

/// The only one-character words a formulation may end with: noun suffixes
/// (`河长制`, `城镇化`, `自贸区`, `经济带`).
const LAST_SINGLE: &[char] = &[
    '制', '化', '区', '带', '圈', '港', '城', '网', '链', '群', '业', '园', '站', '库', '型', '户', '村', '街', '镇',
    '局', '队', '所', '馆', '院', '岛', '湾', '路', '桥', '线',
];

/// jieba lists terms such as 共同富裕 or 城市更新 with a token frequency of 3;
/// a dictionary word listed more often (对外开放 1360, 精神文明 1118) is a
/// one-word formulation only if its use changes sharply across the reports
/// ([`MIN_KEYNESS_LISTED_WORD`]): a word of general language is used steadily.
const MAX_TERM_FREQUENCY: u64 = 5;

/// G² at p < 0.001: the change a frequently listed dictionary word must show.
const MIN_KEYNESS_LISTED_WORD: f64 = 10.83;

/// Whether a single word is a phrase in disguise, made of a generic word and
/// something: it begins with a function word or generic verb of two
/// characters or more (`认真落实`, `大力发展`, `今年以来`) or ends with one
/// (`信访工作`); if jieba made it up from unknown characters, even a
/// one-character function word or verb at its start counts (`有可能`, `拟安排`);
/// or it is mostly numerals (`一九八二年`, `二十八年`, `三分之一`): a quantity.
fn phrase_in_a_word(word: &str, made_up: bool) -> bool {
    let generic_start = |part: &str| match part.chars().count() {
        1 => made_up && (function_words(part) || edge_rule(part).0),
        _ => function_words(part) || first_only(part),
    };
    let generic_end = |part: &str| part.chars().count() > 1 && (function_words(part) || last_only(part));
    let numerals = word.chars().filter(|&c| crate::text::is_cjk_numeral(c)).count();
    word.char_indices()
        .skip(1)
        .any(|(i, _)| generic_start(&word[..i]) || generic_end(&word[i..]))
        || 2 * numerals >= word.chars().count()
        || word.contains("分之")
}

/// Whether `word` ends in one of the noun suffixes of [`LAST_SINGLE`]
/// (`城镇化`, `河长制`): a three-character word so built names a thing.
fn ends_in_suffix(word: &str) -> bool {
    word.chars().next_back().is_some_and(|c| LAST_SINGLE.contains(&c))
}

/// A formulation found in the reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Discovered {
    /// Its text (the words joined).
    pub text: String,
    /// The largest G² of one report against the others (0 with one report).
    pub keyness: f64,
}

/// Token ids of the reports, one stream after the other; `BREAK` between runs
/// of words and at the end of each report, so no n-gram spans two.
struct Interned<'a> {
    words: Vec<&'a str>,
    stream: Vec<u32>,
    /// Each report's part of `stream`.
    reports: Vec<std::ops::Range<usize>>,
}

fn intern<'a>(reports: Vec<impl Iterator<Item = (&'a str, TokenKind)>>) -> Interned<'a> {
    let mut ids: HashMap<&'a str, u32> = HashMap::default();
    let mut words: Vec<&'a str> = Vec::new();
    let mut stream: Vec<u32> = Vec::new();
    let mut ranges = Vec::with_capacity(reports.len());
    for tokens in reports {
        let start = stream.len();
        for (w, kind) in tokens {
            match kind {
                TokenKind::Word | TokenKind::Phrase if w.chars().all(crate::text::is_cjk) => {
                    let id = *ids.entry(w).or_insert_with(|| {
                        words.push(w);
                        (words.len() - 1) as u32
                    });
                    stream.push(id);
                }
                // A space inside a run of Chinese is a line-wrapping artefact at most.
                TokenKind::Space if !w.contains('\n') => {}
                _ => {
                    if stream.len() > start && stream.last() != Some(&BREAK) {
                        stream.push(BREAK);
                    }
                }
            }
        }
        stream.push(BREAK);
        ranges.push(start..stream.len());
    }
    stream.shrink_to_fit();
    Interned {
        words,
        stream,
        reports: ranges,
    }
}

/// An n-gram of word ids, padded with `BREAK`.
type Gram = [u32; MAX_WORDS];

fn gram(ids: &[u32]) -> Gram {
    let mut g = [BREAK; MAX_WORDS];
    g[..ids.len()].copy_from_slice(ids);
    g
}

fn len(g: &Gram) -> usize {
    g.iter().position(|&w| w == BREAK).unwrap_or(MAX_WORDS)
}

/// Boundary entropy from neighbour counts; each run boundary counts as a
/// neighbour of its own (a formulation often stands between punctuation).
fn entropy(neighbours: &HashMap<u32, u32>, boundaries: u32, total: u32) -> f64 {
    let total = f64::from(total.max(1));
    let term = |n: u32| {
        let p = f64::from(n) / total;
        -p * p.ln()
    };
    neighbours.values().map(|&n| term(n)).sum::<f64>() + f64::from(boundaries) * term(1)
}

/// Per-candidate statistics of the second pass.
#[derive(Default)]
struct Stats {
    per_report: Vec<usize>,
    left: HashMap<u32, u32>,
    right: HashMap<u32, u32>,
    left_breaks: u32,
    right_breaks: u32,
}

/// No n-gram of this length is counted at this position.
const NONE: u32 = u32::MAX;

/// n-grams counted in one pass at most (about 12 MB of table): longer
/// inputs count each length in several passes, each over a share of the
/// n-grams chosen by hash.
const GRAMS_PER_PASS: usize = 1 << 20;

/// The n-grams of words in `stream` (within a run, at most [`MAX_CHARS`]
/// characters) seen at least [`MIN_COUNT`] times, with their counts, and the
/// number of words. `chars` is the length of each word id; at most
/// `per_pass` n-grams are counted in one pass ([`GRAMS_PER_PASS`]).
///
/// Counted one length at a time: an n-gram seen `MIN_COUNT` times has a prefix
/// and a suffix of n − 1 words seen as often, so an n-gram is counted only
/// where both are frequent, keyed by its prefix's number and its last word.
/// The rest are never looked at again (a candidate is frequent, and so are the
/// parts its cohesion is measured on). Counting every n-gram of a 20 MB report
/// at once held hundreds of megabytes of n-grams seen once or twice.
fn frequent_grams(stream: &[u32], chars: &[usize], vocabulary: usize, per_pass: usize) -> (HashMap<Gram, u32>, u64) {
    let mut frequent: HashMap<Gram, u32> = HashMap::default();
    let mut unigrams = vec![0u32; vocabulary];
    let mut total_words: u64 = 0;
    for &w in stream.iter().filter(|&&w| w != BREAK) {
        total_words += 1;
        unigrams[w as usize] += 1;
    }
    let counted = |w: u32| w != BREAK && chars[w as usize] <= MAX_CHARS && unigrams[w as usize] >= MIN_COUNT;
    for (w, &c) in unigrams.iter().enumerate() {
        if counted(w as u32) {
            frequent.insert(gram(&[w as u32]), c);
        }
    }
    // The number of the frequent n-gram of the current length starting at each
    // position (for single words, the word id), or NONE.
    let mut at: Vec<u32> = stream.iter().map(|&w| if counted(w) { w } else { NONE }).collect();
    for n in 2..=MAX_WORDS {
        // Where an n-gram is counted (prefix and suffix frequent, short
        // enough), one bit a position: `at` changes under the passes below.
        let mut open = vec![0u64; stream.len().div_ceil(64)];
        let mut opened = 0;
        for i in 0..stream.len().saturating_sub(n - 1) {
            if at[i] != NONE
                && at[i + 1] != NONE
                && stream[i..i + n].iter().map(|&w| chars[w as usize]).sum::<usize>() <= MAX_CHARS
            {
                open[i / 64] |= 1 << (i % 64);
                opened += 1;
            }
        }
        // Positions counted so far: their `at` holds the n-gram's number now.
        let mut done = vec![0u64; open.len()];
        let bit = |bits: &[u64], i: usize| bits[i / 64] & (1 << (i % 64)) != 0;
        let passes = (opened as usize).div_ceil(per_pass.max(1)).max(1) as u64;
        let mut counts: Vec<u32> = Vec::new();
        for pass in 0..passes {
            let mut number_of: HashMap<(u32, u32), u32> = HashMap::default();
            for i in 0..stream.len() {
                if !bit(&open, i) || bit(&done, i) {
                    continue;
                }
                // The prefix's number: position i is rewritten only here.
                let k = (at[i], stream[i + n - 1]);
                if passes > 1 && rustc_hash::FxBuildHasher.hash_one(k) % passes != pass {
                    continue;
                }
                let number = *number_of.entry(k).or_insert_with(|| {
                    counts.push(0);
                    (counts.len() - 1) as u32
                });
                counts[number as usize] += 1;
                at[i] = number;
                done[i / 64] |= 1 << (i % 64);
            }
        }
        // The n-grams replace the (n − 1)-grams; the rare ones are forgotten.
        let mut recorded = vec![false; counts.len()];
        for (i, slot) in at.iter_mut().enumerate() {
            if !bit(&done, i) || counts[*slot as usize] < MIN_COUNT {
                *slot = NONE;
            } else if !std::mem::replace(&mut recorded[*slot as usize], true) {
                frequent.insert(gram(&stream[i..i + n]), counts[*slot as usize]);
            }
        }
    }
    (frequent, total_words)
}

/// The formulations of `reports` (each a token stream), sorted by text.
/// `dictionary_frequency` gives jieba's frequency of a long dictionary word
/// (see `MAX_TERM_FREQUENCY`).
pub fn discover<'a>(
    reports: Vec<impl Iterator<Item = (&'a str, TokenKind)>>,
    dictionary_frequency: &(dyn Fn(&str) -> Option<u64> + Sync),
) -> Vec<Discovered> {
    let interned = intern(reports);
    let n_reports = interned.reports.len();
    let words = &interned.words;
    let flags = WordFlags::of(words);

    // Pass 1: the frequent n-grams within runs, up to MAX_CHARS characters.
    let (counts, total_words) = frequent_grams(&interned.stream, &flags.chars, words.len(), GRAMS_PER_PASS);
    let mut grams: Vec<(Gram, u32)> = counts
        .iter()
        .filter(|(g, &c)| flags.candidate(words, g, c, &counts, total_words, dictionary_frequency))
        .map(|(g, &c)| (*g, c))
        .collect();
    grams.sort_unstable();
    let index: HashMap<Gram, usize> = grams.iter().enumerate().map(|(k, (g, _))| (*g, k)).collect();

    // Pass 2: per-report counts and neighbours of the candidates.
    let (stats, report_words) = neighbours(&interned, &index, grams.len());
    let kept = free_and_not_subsumed(&grams, &stats, &index);
    let mut out: Vec<Discovered> = grams
        .iter()
        .enumerate()
        .filter(|&(k, _)| kept[k])
        .filter_map(|(k, (g, _))| {
            let keyness = scoring::keyness(&stats[k].per_report, &report_words);
            let listed_word =
                len(g) == 1 && dictionary_frequency(words[g[0] as usize]).is_some_and(|f| f > MAX_TERM_FREQUENCY);
            let required = if listed_word {
                MIN_KEYNESS_LISTED_WORD
            } else {
                MIN_KEYNESS
            };
            let single_report_ok = n_reports == 1 && !listed_word;
            (single_report_ok || (n_reports > 1 && keyness >= required)).then(|| Discovered {
                text: g[..len(g)].iter().map(|&w| words[w as usize]).collect(),
                keyness: (keyness * 100.0).round() / 100.0,
            })
        })
        .collect();
    out.sort_by(|a, b| a.text.cmp(&b.text));
    out.dedup_by(|a, b| a.text == b.text);
    out
}

/// What the edge and inside rules say of each interned word.
struct WordFlags {
    /// Length of each word in characters.
    chars: Vec<usize>,
    not_first: Vec<bool>,
    not_last: Vec<bool>,
    not_inside: Vec<bool>,
    /// An ordinary word (see [`lexicon::is_ordinary`]).
    ordinary: Vec<bool>,
    /// One-character verbs that may lead a three-character slogan (`去产能`, `补短板`).
    lead_verb: Vec<bool>,
}

impl WordFlags {
    fn of(words: &[&str]) -> WordFlags {
        let n = words.len();
        let mut flags = WordFlags {
            chars: Vec::with_capacity(n),
            not_first: Vec::with_capacity(n),
            not_last: Vec::with_capacity(n),
            not_inside: Vec::with_capacity(n),
            ordinary: Vec::with_capacity(n),
            lead_verb: Vec::with_capacity(n),
        };
        // Each list is asked once per word (the stop words' roles in one lookup).
        for w in words {
            let chars = w.chars().count();
            let roles = stop_words::roles(w);
            let (function, first, last) = (roles.has(Role::Function), roles.has(Role::First), roles.has(Role::Last));
            let (edge_first, edge_last) = edge_rule(w);
            flags.chars.push(chars);
            flags.not_first.push(function || first || edge_first);
            flags.not_last.push(function || last || edge_last);
            flags.not_inside.push(roles.has(Role::Inside));
            flags.ordinary.push(lexicon::is_ordinary(w));
            flags
                .lead_verb
                .push(chars == 1 && (edge_first, edge_last) == (true, false) && !function && !first);
        }
        flags
    }

    /// Whether n-gram `g`, seen `c` times, is a candidate formulation: long
    /// and frequent enough, edges and inside allowed, cohesive (PMI of its
    /// weakest split); `counts` are every frequent n-gram's counts.
    fn candidate(
        &self,
        words: &[&str],
        g: &Gram,
        c: u32,
        counts: &HashMap<Gram, u32>,
        total_words: u64,
        dictionary_frequency: &(dyn Fn(&str) -> Option<u64> + Sync),
    ) -> bool {
        let chars = &self.chars;
        let count = |ids: &[u32]| counts.get(&gram(ids)).copied().unwrap_or(0);
        let n_total = total_words.max(1) as f64;
        let n = len(g);
        let ids = &g[..n];
        let n_chars: usize = ids.iter().map(|&w| chars[w as usize]).sum();
        if c < MIN_COUNT || n_chars < MIN_CHARS {
            return false;
        }
        if n == 1 {
            let w = words[ids[0] as usize];
            return (n_chars >= MIN_CHARS_ONE_WORD || ends_in_suffix(w))
                && !self.ordinary[ids[0] as usize]
                && !edge_rule(w).0
                && !phrase_in_a_word(w, dictionary_frequency(w).is_none());
        }
        let last = words[ids[n - 1] as usize];
        let verb_object = n == 2 && n_chars == 3 && self.lead_verb[ids[0] as usize];
        if (self.not_first[ids[0] as usize] && !verb_object)
            || self.not_last[ids[n - 1] as usize]
            || (chars[ids[n - 1] as usize] == 1 && !ends_in_suffix(last))
            || ids[1..n - 1].iter().any(|&w| self.not_inside[w as usize])
        {
            return false;
        }
        // Cohesion of the weakest split.
        let pmi = (1..n)
            .map(|s| (f64::from(c) * n_total / (f64::from(count(&ids[..s])) * f64::from(count(&ids[s..])))).ln())
            .fold(f64::INFINITY, f64::min);
        pmi >= MIN_PMI
    }
}

/// Per-report counts and neighbours of the candidates (`index`: candidate →
/// its index), and the number of words of each report.
fn neighbours(interned: &Interned, index: &HashMap<Gram, usize>, candidates: usize) -> (Vec<Stats>, Vec<usize>) {
    let n_reports = interned.reports.len();
    let mut stats: Vec<Stats> = (0..candidates)
        .map(|_| Stats {
            per_report: vec![0; n_reports],
            ..Stats::default()
        })
        .collect();
    let mut report_words: Vec<usize> = vec![0; n_reports];
    for (r, range) in interned.reports.iter().enumerate() {
        let stream = &interned.stream[range.clone()];
        for i in 0..stream.len() {
            if stream[i] == BREAK {
                continue;
            }
            report_words[r] += 1;
            for n in 1..=MAX_WORDS.min(stream.len() - i) {
                if stream[i + n - 1] == BREAK {
                    break;
                }
                let Some(&k) = index.get(&gram(&stream[i..i + n])) else {
                    continue;
                };
                let s = &mut stats[k];
                s.per_report[r] += 1;
                match i.checked_sub(1).map(|j| stream[j]) {
                    Some(w) if w != BREAK => *s.left.entry(w).or_default() += 1,
                    _ => s.left_breaks += 1,
                }
                match stream.get(i + n) {
                    Some(&w) if w != BREAK => *s.right.entry(w).or_default() += 1,
                    _ => s.right_breaks += 1,
                }
            }
        }
    }
    (stats, report_words)
}

/// Which candidates have free boundaries (one-word candidates have jieba's)
/// and are not used mostly inside one longer candidate.
fn free_and_not_subsumed(grams: &[(Gram, u32)], stats: &[Stats], index: &HashMap<Gram, usize>) -> Vec<bool> {
    let free: Vec<bool> = grams
        .iter()
        .zip(stats)
        .map(|((g, c), s)| {
            len(g) == 1 || entropy(&s.left, s.left_breaks, *c).min(entropy(&s.right, s.right_breaks, *c)) >= MIN_ENTROPY
        })
        .collect();
    // A shorter candidate used mostly inside one longer candidate goes.
    let mut subsumed = vec![false; grams.len()];
    for (k, (g, c)) in grams.iter().enumerate() {
        if !free[k] {
            continue;
        }
        let n = len(g);
        for a in 0..n {
            for b in a + 1..=n {
                if b - a == n {
                    continue;
                }
                if let Some(&j) = index.get(&gram(&g[a..b])) {
                    if f64::from(*c) >= SUBSUMED_SHARE * f64::from(grams[j].1) {
                        subsumed[j] = true;
                    }
                }
            }
        }
    }
    free.iter().zip(&subsumed).map(|(&f, &s)| f && !s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::segment::Segmenter;

    #[test]
    fn edge_rules_are_read_through_the_map() {
        let mut rows = 0;
        for line in EDGE_WORDS.lines().filter(|l| !l.starts_with('#')) {
            let (word, rule) = line.split_once(' ').unwrap();
            assert_eq!(edge_rule(word), (rule != "last", rule != "first"), "{line}");
            rows += 1;
        }
        assert_eq!(EDGE_RULES.len(), rows);
        assert!(rows > 6_000);
        assert_eq!(edge_rule("新质生产力"), (false, false));
    }

    fn tokens<'a>(seg: &Segmenter, text: &'a str) -> Vec<(&'a str, TokenKind)> {
        seg.tokenize(text).iter().map(|t| (t.text(text), t.kind)).collect()
    }

    #[test]
    fn finds_a_new_formulation_and_its_boundaries() {
        // A real report as the old year, so that word frequencies are realistic.
        let old = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/national-2013.txt")).unwrap();
        let new = "着力推动高质量发展,实现高质量发展,坚持高质量发展,我们要推动高质量发展。加快发展新质生产力,因地制宜发展新质生产力,培育新质生产力。"
            .repeat(3);
        let seg = Segmenter::new([old.as_str(), new.as_str()], &[]);
        let found = discover(
            vec![tokens(&seg, &old).into_iter(), tokens(&seg, &new).into_iter()],
            &|w| seg.long_word_frequency(w),
        );
        let texts: Vec<&str> = found.iter().map(|d| d.text.as_str()).collect();
        assert!(texts.contains(&"高质量发展"), "{texts:?}");
        assert!(texts.contains(&"新质生产力"), "{texts:?}");
        assert!(
            !texts.iter().any(|t| t.starts_with("推动") || t.ends_with("高质量")),
            "{texts:?}"
        );
        assert!(found.iter().all(|d| d.keyness >= MIN_KEYNESS));
    }

    #[test]
    fn frequent_grams_are_counted_exactly_in_any_number_of_passes() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/national-2013.txt")).unwrap();
        let seg = Segmenter::new([text.as_str()], &[]);
        let interned = intern(vec![tokens(&seg, &text).into_iter(), tokens(&seg, &text).into_iter()]);
        let chars: Vec<usize> = interned.words.iter().map(|w| w.chars().count()).collect();
        // Every n-gram counted at once, the rare ones dropped afterwards.
        let mut all: HashMap<Gram, u32> = HashMap::default();
        let stream = &interned.stream;
        for i in 0..stream.len() {
            let mut n_chars = 0;
            for n in 1..=MAX_WORDS.min(stream.len() - i) {
                let w = stream[i + n - 1];
                if w == BREAK {
                    break;
                }
                n_chars += chars[w as usize];
                if n_chars > MAX_CHARS {
                    break;
                }
                *all.entry(gram(&stream[i..i + n])).or_default() += 1;
            }
        }
        all.retain(|_, c| *c >= MIN_COUNT);
        let mut expected: Vec<(Gram, u32)> = all.into_iter().collect();
        expected.sort_unstable();
        assert!(expected.iter().any(|(g, _)| len(g) == MAX_WORDS));
        for per_pass in [GRAMS_PER_PASS, 1_000, 7] {
            let (found, _) = frequent_grams(stream, &chars, interned.words.len(), per_pass);
            let mut found: Vec<(Gram, u32)> = found.into_iter().collect();
            found.sort_unstable();
            assert_eq!(found, expected, "{per_pass} n-grams a pass");
        }
    }

    #[test]
    fn phrases_in_disguise_are_not_one_word_candidates() {
        for (w, made_up) in [
            ("认真落实", false),
            ("一九八二年", false),
            ("三分之一", false),
            ("有可能", true),
            ("信访工作", false),
        ] {
            assert!(phrase_in_a_word(w, made_up), "{w}");
        }
        for (w, made_up) in [
            ("对外开放", false),
            ("经济特区", false),
            ("十一届三中全会", false),
            ("城镇化", false),
        ] {
            assert!(!phrase_in_a_word(w, made_up), "{w}");
        }
        assert!(ends_in_suffix("城镇化") && ends_in_suffix("河长制") && !ends_in_suffix("新常态"));
    }

    #[test]
    fn steady_words_are_not_key() {
        let text = "坚持高质量发展,实现高质量发展,推动高质量发展。".repeat(4);
        let seg = Segmenter::new([text.as_str()], &[]);
        let t = tokens(&seg, &text);
        let found = discover(vec![t.clone().into_iter(), t.into_iter()], &|w| {
            seg.long_word_frequency(w)
        });
        assert!(found.is_empty(), "{found:?}");
    }
}
