//! Stage 8, **phrases**: policy formulations (提法), where they occur, how
//! often and how much they matter.
//!
//! Candidates come from five sources: the report's own marks ([`candidates`]:
//! quoted terms, 《titles》, numeric slogans, number sets), multiword expressions
//! found in the segmented text ([`discovery`]), the built-in [`lexicon`] of
//! formulations, and the user's watch list, which wins over all. Ordinary words
//! (社会主义, 发展 …) are not formulations unless a report quotes them.
//! Occurrences are counted by [`counting`] as substrings of the normalized text
//! with quote marks removed, so a term quoted in one year is found unquoted in
//! another; [`scoring`] ranks them.

pub mod background;
pub mod candidates;
pub mod counting;
pub mod discovery;
mod keyed;
pub mod lexicon;
pub mod matcher;
pub mod report;
pub mod scoring;
pub mod stop_words;
pub mod tops;

pub use candidates::candidates;
pub use counting::{count, counting_text, present, push_counting_text, Boundaries, PhraseCounter, PhraseSet, Tally};
pub use scoring::PhraseSort;

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
    /// An entry of the built-in lexicon.
    Lexicon,
    /// A multiword expression found in the segmented text.
    Discovered,
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
            PhraseKind::Lexicon => "lexicon",
            PhraseKind::Discovered => "discovered",
        }
    }
}

/// What a run looks for besides the reports' own marks.
#[derive(Debug, Clone, Default)]
pub struct PhraseOptions {
    /// Watched phrases: always reported, counted as plain substrings.
    pub watch: Vec<String>,
    /// Leave the built-in lexicon out.
    pub no_lexicon: bool,
    /// Order of the phrase lists.
    pub sort: PhraseSort,
}

/// The candidates of several reports before discovery: their marked terms,
/// the lexicon entries they contain and the watch list (the strongest source
/// wins; watch entries always). Ordinary words stay only where quoted.
pub fn candidates_of<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    opts: &PhraseOptions,
) -> BTreeMap<String, PhraseKind> {
    let mut out: BTreeMap<String, PhraseKind> = BTreeMap::new();
    for t in texts {
        for (k, v) in candidates(t) {
            add(&mut out, k, v);
        }
        if !opts.no_lexicon {
            for e in lexicon::found_in(&counting_text(t)) {
                add(&mut out, e.to_string(), PhraseKind::Lexicon);
            }
        }
    }
    for w in &opts.watch {
        out.insert(w.clone(), PhraseKind::Watch);
    }
    out
}

/// The candidates the segmenter must never split: the reports' own marked
/// terms and the watch list. Lexicon entries are left to jieba, so that one
/// cannot cut a word in two (`大产业` in `扩大产业布局`).
pub fn protected(candidates: &BTreeMap<String, PhraseKind>) -> Vec<String> {
    candidates
        .iter()
        .filter(|(_, &k)| k != PhraseKind::Lexicon)
        .map(|(p, _)| p.clone())
        .collect()
}

/// Adds discovered formulations to `candidates` (other sources keep their kind).
pub fn add_discovered(candidates: &mut BTreeMap<String, PhraseKind>, found: &[discovery::Discovered]) {
    for d in found {
        add(candidates, d.text.clone(), PhraseKind::Discovered);
    }
}

/// The items of a list formulation (`大众创业、万众创新`, `不忘初心、牢记使命`),
/// each of three characters or more: reports use the items alone as well, so
/// each is a formulation of its own.
pub fn list_items(phrase: &str) -> Option<Vec<&str>> {
    is_list(phrase).then(|| phrase.split('、').collect())
}

/// Whether `phrase` is a list formulation ([`list_items`] is `Some`),
/// without collecting the items: asked of every phrase of every year pair.
pub fn is_list(phrase: &str) -> bool {
    crate::text::has_char(phrase, '、') && phrase.split('、').all(|i| i.chars().count() >= 3)
}

/// Adds one candidate: the strongest kind wins; ordinary words only as quoted
/// terms (a 《title》 that is an ordinary word, such as 《建议》, names a document).
/// A quoted or lexicon list brings its items with it.
fn add(out: &mut BTreeMap<String, PhraseKind>, phrase: String, kind: PhraseKind) {
    let quoted = matches!(kind, PhraseKind::Quoted | PhraseKind::Watch);
    if !quoted && lexicon::is_ordinary(&phrase) {
        return;
    }
    if matches!(kind, PhraseKind::Quoted | PhraseKind::Lexicon) {
        for item in list_items(&phrase).unwrap_or_default() {
            add(out, item.to_string(), kind);
        }
    }
    let e = out.entry(phrase).or_insert(kind);
    *e = (*e).min(kind);
}

/// Quote marks removed before counting.
pub const QUOTES: &[char] = &['“', '”', '「', '」', '『', '』', '‘', '’', '"', '\''];

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
    /// Status from whether the phrase's text stands in each report (a
    /// statement about the texts: `new` only when OLD has it nowhere). With
    /// counts, the same as [`PairStatus::of`] on counts `> 0`.
    pub fn of(old: usize, new: usize) -> PairStatus {
        PairStatus::of_presence(old > 0, new > 0)
    }

    /// Status from the phrase's presence in OLD and in NEW.
    pub fn of_presence(old: bool, new: bool) -> PairStatus {
        match (old, new) {
            (false, true) => PairStatus::New,
            (true, false) => PairStatus::Dropped,
            (true, true) => PairStatus::Recurring,
            (false, false) => PairStatus::Absent,
        }
    }
}

/// The longest phrase a user may watch (`--watch`, `corpus --phrase`, `check`
/// rules), in characters: lexicon entries have at most 14, a quoted term
/// 20, a 《title》 30; a phrase of thousands of characters would make the
/// matching automaton's build take seconds.
pub const MAX_PHRASE_CHARS: usize = 100;

/// Reads the shipped lists a comparison uses (the background table, the
/// ordinary words and, with `lexicon`, the lexicon and its automaton) on the
/// pool's threads: each is otherwise read on first use, one after the other,
/// while the other threads wait (a pair's start-up). Called beside reading
/// the inputs; results do not depend on it.
pub fn warm_up(lexicon: bool) {
    rayon::join(
        || {
            if lexicon {
                lexicon::found_in("");
            }
        },
        || rayon::join(|| background::share(""), || lexicon::is_ordinary("")),
    );
}

/// Reads a watch list: one phrase per line, `#` starts a comment.
pub fn parse_watch_list(content: &str) -> Vec<String> {
    let mut out: Vec<String> = content
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        // Reports are compared in simplified script: a phrase written in
        // traditional (一國兩制) matches both scripts. A phrase is too short for
        // the script test of a report, so it is always converted.
        .map(|l| hanconv::t2s(&crate::read::normalize::normalize(l, 0).text))
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

/// What ends a sentence for [`sentences_with`] and [`FirstSentences`].
const SENTENCE_ENDS: [char; 5] = ['。', '!', '?', ';', '\n'];

/// The sentences of `text` that contain `phrase` (quote marks ignored), at most
/// `limit`, each with its char offset in `text`.
pub fn sentences_with(text: &str, phrase: &str, limit: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    if phrase.is_empty() || limit == 0 {
        return out;
    }
    let quoted = |s: &str| s.contains(QUOTES);
    let mut offset = 0;
    for sentence in text.split_inclusive(SENTENCE_ENDS) {
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

/// [`sentences_with`] at `limit` 1 for many phrases of one text: the
/// sentences, their offsets and their compared texts (counting text when they
/// hold a quote mark) are made once, and each phrase is one `memchr` search.
pub struct FirstSentences {
    /// Each sentence's char offset in the text, its bytes there and in `search`.
    sentences: Vec<(usize, std::ops::Range<usize>, std::ops::Range<usize>)>,
    /// The sentences as compared, one after the other.
    search: String,
}

impl FirstSentences {
    /// The sentences of `text`, split as [`sentences_with`] splits them.
    pub fn of(text: &str) -> FirstSentences {
        let mut sentences = Vec::new();
        let mut search = String::with_capacity(text.len());
        let (mut offset, mut byte) = (0, 0);
        for sentence in text.split_inclusive(SENTENCE_ENDS) {
            let at = search.len();
            // A sentence without quote marks is its own counting text.
            push_counting_text(&mut search, sentence);
            sentences.push((offset, byte..byte + sentence.len(), at..search.len()));
            offset += sentence.chars().count();
            byte += sentence.len();
        }
        FirstSentences { sentences, search }
    }

    /// `sentences_with(text, phrase, 1)`: the char offset and the byte range
    /// in the text of the first sentence holding `phrase` (its text, trimmed,
    /// is what `sentences_with` gives).
    pub fn first(&self, phrase: &str) -> Option<(usize, std::ops::Range<usize>)> {
        if phrase.is_empty() {
            return None;
        }
        let finder = memchr::memmem::Finder::new(phrase.as_bytes());
        let mut from = 0;
        while let Some(found) = finder.find(&self.search.as_bytes()[from..]) {
            let at = from + found;
            // The sentence the occurrence starts in; one across its end is no hit.
            let i = self.sentences.partition_point(|s| s.2.end <= at);
            let (offset, bytes, searched) = &self.sentences[i];
            if at + phrase.len() <= searched.end {
                return Some((*offset, bytes.clone()));
            }
            from = at + 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentences_are_those_sentences_with_finds() {
        let mut texts = vec![
            "坚持“一国两制”。一国两制行稳致远!发展新质生产力;“新质”生产力\n新质生产力,新质生产力。".to_string(),
            "没有这个词。".to_string(),
            "“六稳”六保;六稳六保。六稳\n".to_string(),
            "a。a。aa".to_string(),
            String::new(),
        ];
        for year in [1978, 2003, 2013] {
            let p = format!("{}/../shared/corpus/national/{year}.txt", env!("CARGO_MANIFEST_DIR"));
            texts.push(std::fs::read_to_string(p).expect("the national corpus is needed for this test"));
        }
        let phrases = [
            "一国两制",
            "新质生产力",
            "六稳六保",
            "六稳",
            "没有",
            "。",
            "a。a",
            "aa",
            "改革开放",
            "“改革开放”",
            "国内生产总值",
            "发展。",
            "稳中求进",
            "十二五",
            "\n",
            "社会主义市场经济体制",
            "",
        ];
        for text in &texts {
            let index = FirstSentences::of(text);
            for phrase in phrases {
                let ours = index.first(phrase);
                let theirs = sentences_with(text, phrase, 1).into_iter().next();
                assert_eq!(
                    ours.as_ref()
                        .map(|(o, bytes)| (*o, text[bytes.clone()].trim().to_string())),
                    theirs,
                    "{phrase}"
                );
                if let Some((offset, bytes)) = ours {
                    assert_eq!(crate::text::byte_of_char(text, offset), Some(bytes.start), "{phrase}");
                }
            }
        }
    }

    #[test]
    fn watch_list_parsing() {
        let w = parse_watch_list("# policy terms\n新质生产力\n\n六稳  # comment\n  ＡＩ＋\n");
        assert_eq!(w, vec!["新质生产力", "六稳", "AI+"]);
    }

    #[test]
    fn a_quoted_list_brings_its_items() {
        assert_eq!(list_items("大众创业、万众创新"), Some(vec!["大众创业", "万众创新"]));
        assert_eq!(list_items("蓝天、碧水"), None);
        assert_eq!(list_items("新质生产力"), None);
        for p in [
            "大众创业、万众创新",
            "蓝天、碧水",
            "新质生产力",
            "、",
            "稳就业、",
            "大众创业、万众创新、保市场主体",
        ] {
            assert_eq!(is_list(p), list_items(p).is_some(), "{p}");
        }
        let found = candidates_of(["推进“大众创业、万众创新”。"], &PhraseOptions::default());
        for p in ["大众创业、万众创新", "大众创业", "万众创新"] {
            assert_eq!(found.get(p), Some(&PhraseKind::Quoted), "{p}");
        }
    }

    #[test]
    fn status_from_counts() {
        assert_eq!(PairStatus::of(0, 2), PairStatus::New);
        assert_eq!(PairStatus::of(1, 0), PairStatus::Dropped);
        assert_eq!(PairStatus::of(1, 1), PairStatus::Recurring);
        assert_eq!(PairStatus::of(0, 0), PairStatus::Absent);
    }
}
