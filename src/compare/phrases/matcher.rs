//! The one phrase matcher of a run: one Aho-Corasick automaton over every
//! candidate, built once (once per series, not per year pair), run once over
//! each report's counting text ([`Matches`]). Counting, presence, longer
//! forms, gained/lost lists and keyword-in-context sentences all read those
//! match positions; a [`super::PhraseSet`] is a view of some of the phrases.

use super::counting_text;
use std::ops::Range;
use std::sync::OnceLock;

/// Every candidate of a run, in key order, with one automaton over them.
pub struct Matcher {
    texts: Vec<String>,
    /// Over `texts`; `None` when one is empty or the automaton cannot be built
    /// (then phrases are counted one by one).
    automaton: Option<aho_corasick::AhoCorasick>,
    /// What the shipped lists say of each phrase, looked up on first use
    /// (a series compares a phrase in every year pair).
    facts: Vec<OnceLock<Facts>>,
    /// Each phrase's [`Shape`], made on first use: a series views the
    /// matcher once per year pair.
    shapes: Vec<OnceLock<Shape>>,
}

/// What a phrase's text alone says of how it is counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// A list ([`super::is_list`]).
    pub list: bool,
    /// An ordinary word ([`super::lexicon::is_ordinary`]).
    pub ordinary: bool,
}

/// What the shipped lists say of a phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Facts {
    /// In the policy lexicon ([`super::lexicon::contains`]).
    pub lexicon: bool,
    /// [`super::background::share`].
    pub background_share: f64,
}

impl Matcher {
    /// A matcher of `texts` (sorted and unique: the keys of a candidate map).
    pub fn new(texts: Vec<String>) -> Matcher {
        let automaton = if texts.iter().any(String::is_empty) {
            None
        } else {
            aho_corasick::AhoCorasick::new(&texts).ok()
        };
        let facts = texts.iter().map(|_| OnceLock::new()).collect();
        let shapes = texts.iter().map(|_| OnceLock::new()).collect();
        Matcher {
            texts,
            automaton,
            facts,
            shapes,
        }
    }

    /// What the shipped lists say of phrase `id`.
    pub fn facts(&self, id: usize) -> Facts {
        *self.facts[id].get_or_init(|| Facts {
            lexicon: super::lexicon::contains(&self.texts[id]),
            background_share: super::background::share(&self.texts[id]),
        })
    }

    /// What the text of phrase `id` says of how it is counted.
    pub fn shape(&self, id: usize) -> Shape {
        *self.shapes[id].get_or_init(|| Shape {
            list: super::is_list(&self.texts[id]),
            ordinary: super::lexicon::is_ordinary(&self.texts[id]),
        })
    }

    /// The phrases, in key order (a phrase's id is its index).
    pub fn texts(&self) -> &[String] {
        &self.texts
    }

    /// The id of `phrase`.
    pub fn id(&self, phrase: &str) -> Option<usize> {
        self.texts.binary_search_by(|t| t.as_str().cmp(phrase)).ok()
    }

    /// Whether the automaton exists (see [`Matcher::automaton`]).
    pub fn matches_all(&self) -> bool {
        self.automaton.is_some()
    }

    /// Every occurrence of every phrase in `counting` (a [`counting_text`]),
    /// overlapping ones included; `None` without an automaton.
    pub fn find(&self, counting: &str) -> Option<Matches> {
        let ac = self.automaton.as_ref()?;
        let mut all: Vec<Match> = ac
            .find_overlapping_iter(counting)
            .map(|m| Match {
                start: m.start(),
                end: m.end(),
                id: m.pattern().as_usize(),
            })
            .collect();
        // Start ascending, end descending: a match that contains another comes
        // first. Equal start and end means the same phrase, so the order is total.
        all.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        Some(Matches { all })
    }

    /// The ids of the phrases whose text stands in `text` (quote marks
    /// ignored), ascending.
    pub fn present(&self, text: &str) -> Vec<usize> {
        let Some(ac) = &self.automaton else {
            let counting = counting_text(text);
            return (0..self.texts.len())
                .filter(|&k| !self.texts[k].is_empty() && counting.contains(self.texts[k].as_str()))
                .collect();
        };
        super::present(ac, text)
    }
}

/// One occurrence: byte range in the counting text and phrase id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The phrase's id in its [`Matcher`].
    pub id: usize,
}

/// The occurrences of a matcher's phrases in one report's counting text,
/// start ascending, end descending.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matches {
    all: Vec<Match>,
}

impl Matches {
    /// Every occurrence, start ascending, end descending.
    pub fn all(&self) -> &[Match] {
        &self.all
    }

    /// The occurrences lying wholly within `range` of the counting text.
    pub fn within(&self, range: Range<usize>) -> impl Iterator<Item = &Match> + '_ {
        let from = self.all.partition_point(|m| m.start < range.start);
        self.all[from..]
            .iter()
            .take_while(move |m| m.start < range.end)
            .filter(move |m| m.end <= range.end)
    }

    /// The occurrences grouped by phrase: for each id, its occurrences in
    /// order (see [`ByPhrase`]).
    pub fn by_phrase(&self) -> ByPhrase {
        let mut order: Vec<u32> = (0..self.all.len() as u32).collect();
        order.sort_by_key(|&i| (self.all[i as usize].id, self.all[i as usize].start));
        ByPhrase { order }
    }
}

/// Indices of [`Matches::all`] sorted by phrase id, then start.
pub struct ByPhrase {
    order: Vec<u32>,
}

impl ByPhrase {
    /// The occurrences of phrase `id`, start ascending.
    pub fn of<'m>(&'m self, matches: &'m Matches, id: usize) -> impl Iterator<Item = &'m Match> + 'm {
        let from = self.order.partition_point(|&i| matches.all[i as usize].id < id);
        self.order[from..]
            .iter()
            .map(|&i| &matches.all[i as usize])
            .take_while(move |m| m.id == id)
    }
}

/// Ends a sentence (the terminator stays in it).
const SENTENCE_ENDS: [char; 5] = ['。', '!', '?', ';', '\n'];

/// One sentence of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Byte range in the text (terminator included).
    pub bytes: Range<usize>,
    /// Char offset of its first char in its piece (see [`Sentences::of`]).
    pub char_in_piece: usize,
    /// Index of its piece.
    pub piece: usize,
    /// Byte range in the counting text.
    counting: Range<usize>,
}

/// The sentences of a text, cut within pieces of it (a report's sections, or
/// the whole text), each with where it lies in the counting text: a phrase's
/// sentences are found from its match positions instead of rescanning.
pub struct Sentences {
    sentences: Vec<Sentence>,
}

impl Sentences {
    /// The sentences of the `pieces` (ascending, non-overlapping byte ranges)
    /// of `text`, each cut after `。`, `!`, `?`, `;` and line ends.
    pub fn of(text: &str, pieces: &[Range<usize>]) -> Sentences {
        let mut sentences = Vec::new();
        // `byte` in the text is `counting` in the counting text.
        let (mut byte, mut counting) = (0, 0);
        for (p, piece) in pieces.iter().enumerate() {
            counting += counting_len(text.get(byte..piece.start).unwrap_or(""));
            byte = piece.start;
            let mut chars = 0;
            for s in text[piece.clone()].split_inclusive(SENTENCE_ENDS) {
                let len = counting_len(s);
                sentences.push(Sentence {
                    bytes: byte..byte + s.len(),
                    char_in_piece: chars,
                    piece: p,
                    counting: counting..counting + len,
                });
                chars += s.chars().count();
                counting += len;
                byte += s.len();
            }
        }
        Sentences { sentences }
    }

    /// The sentences of the whole of `text`.
    pub fn of_text(text: &str) -> Sentences {
        Sentences::of(text, std::slice::from_ref(&(0..text.len())))
    }

    /// The sentences, in order.
    pub fn all(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The index in [`Sentences::all`] of `s`, one of them.
    pub fn index_of(&self, s: &Sentence) -> usize {
        // Sentences are non-empty and in text order: their starts ascend.
        let i = self.sentences.partition_point(|x| x.bytes.start < s.bytes.start);
        if self.sentences.get(i).is_some_and(|x| std::ptr::eq(x, s)) {
            i
        } else {
            self.sentences.iter().position(|x| std::ptr::eq(x, s)).unwrap_or(i)
        }
    }

    /// The sentences holding an occurrence from `occurrences` (start
    /// ascending) wholly, in order, each once, at most `limit`.
    pub fn holding<'a>(&self, occurrences: impl Iterator<Item = &'a Match>, limit: usize) -> Vec<&Sentence> {
        let mut out: Vec<&Sentence> = Vec::new();
        let mut last = usize::MAX;
        for m in occurrences {
            if out.len() >= limit {
                break;
            }
            let i = self.sentences.partition_point(|s| s.counting.end <= m.start);
            let Some(s) = self.sentences.get(i) else { break };
            if s.counting.start <= m.start && m.end <= s.counting.end && i != last {
                out.push(s);
                last = i;
            }
        }
        out
    }
}

/// Length in bytes of `s` without quote marks.
fn counting_len(s: &str) -> usize {
    s.chars()
        .filter(|c| !super::QUOTES.contains(c))
        .map(char::len_utf8)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences_of(text: &str, pieces: &[Range<usize>], phrase: &str, limit: usize) -> Vec<(usize, String)> {
        let m = Matcher::new(vec![phrase.to_string()]);
        let Some(found) = m.find(&counting_text(text)) else {
            return Vec::new();
        };
        let index = Sentences::of(text, pieces);
        index
            .holding(found.by_phrase().of(&found, 0), limit)
            .into_iter()
            .map(|s| (s.char_in_piece, text[s.bytes.clone()].trim().to_string()))
            .collect()
    }

    #[test]
    fn sentences_from_matches_equal_a_rescan() {
        let texts = [
            "坚持“一国两制”。一国两制行稳致远!发展新质生产力;“新质”生产力\n新质生产力,新质生产力。",
            "没有这个词。",
            "“六稳”六保;六稳六保。六稳\n",
            "",
        ];
        for text in texts {
            for phrase in ["一国两制", "新质生产力", "六稳六保", "六稳", "没有", "。"] {
                for limit in [0, 1, 2, 5] {
                    let whole = 0..text.len();
                    assert_eq!(
                        sentences_of(text, std::slice::from_ref(&whole), phrase, limit),
                        super::super::sentences_with(text, phrase, limit),
                        "{text} {phrase} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn sentences_stay_within_pieces() {
        let text = "发展新质生产力。新质生产力很好。";
        let seam = text.rfind("生产力").unwrap_or(0);
        let pieces = [0..seam, seam..text.len()];
        // The second occurrence spans the pieces' seam: no sentence holds it.
        assert_eq!(
            sentences_of(text, &pieces, "新质生产力", 5),
            vec![(0, "发展新质生产力。".to_string())]
        );
        assert_eq!(
            sentences_of(text, std::slice::from_ref(&(0..text.len())), "新质生产力", 5).len(),
            2
        );
    }

    #[test]
    fn occurrences_within_a_range() {
        let m = Matcher::new(vec!["ab".to_string(), "b".to_string()]);
        let found = m.find("abab").unwrap_or_default();
        let ids: Vec<(usize, usize)> = found.within(1..4).map(|x| (x.start, x.id)).collect();
        assert_eq!(ids, vec![(1, 1), (2, 0), (3, 1)]);
    }
}
