//! The phrase vocabulary of a comparison, built in one place: the candidates
//! of each report (its marked terms and lexicon entries, see
//! [`phrases::candidates_of`]), the watch list, the segmenter that never splits
//! them, the formulations discovered in the segmented texts, and the one
//! [`Matcher`] over all of them. A pair, a series and the `phrases` command
//! build it once per run; a series's year pairs are views of it
//! ([`Vocabulary::pair`]), not vocabularies of their own.
//!
//! ```text
//! Draft::new(texts) → segment the reports with draft.seg → discover
//!   → draft.finish(discovered) → Vocabulary { candidates, set (one matcher) }
//! ```

use crate::compare::phrases::discovery::Discovered;
use crate::compare::phrases::matcher::Matcher;
use crate::compare::phrases::{self, PhraseKind, PhraseOptions, PhraseSet};
use crate::compare::segment::{CharPairs, Dictionary, Protected, Segmenter, TextWords};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Candidates by phrase, the strongest source of each.
pub type Candidates = BTreeMap<String, PhraseKind>;

/// The vocabulary before discovery: candidates and the segmenter.
pub struct Draft {
    /// The candidates of each report (watch list apart).
    per_report: Vec<Candidates>,
    /// The watch list.
    watch: Vec<String>,
    /// The candidates of all reports and the watch list.
    candidates: Candidates,
    /// One dictionary for all the reports, which never splits a marked term
    /// or a watched phrase.
    pub seg: Segmenter,
}

/// What a [`Draft`] needs of one report's text, made from that text alone
/// ([`Draft::part`]): a pair makes each as soon as its file is read.
pub struct TextPart {
    candidates: Candidates,
    words: TextWords,
}

impl Draft {
    /// The candidates of `texts` (each report's normalized text) and their segmenter.
    ///
    /// The dictionary (the texts' pairs, then jieba's trie, filled on one
    /// thread) is made beside the candidates (each text's, merged, then the
    /// matcher of the protected phrases), not after them: the threads the
    /// dictionary's serial stretches leave idle take the candidates' work.
    pub fn new(texts: &[&str], opts: &PhraseOptions) -> Draft {
        let own = own_options(opts);
        let ((per_report, merged), dictionary) = rayon::join(
            || {
                let per_report: Vec<Candidates> =
                    texts.par_iter().map(|t| phrases::candidates_of([*t], &own)).collect();
                let merged = protected_candidates(&per_report, opts);
                (per_report, merged)
            },
            || Dictionary::for_parts(texts.par_iter().map(|t| CharPairs::of_text(t)).collect()),
        );
        Self::assemble(per_report, merged, dictionary, opts)
    }

    /// What the draft of a run needs of `text`, one of its reports' texts.
    pub fn part(text: &str, opts: &PhraseOptions) -> TextPart {
        let (candidates, words) = rayon::join(
            || phrases::candidates_of([text], &own_options(opts)),
            || TextWords::of_text(text),
        );
        TextPart { candidates, words }
    }

    /// The draft of the texts of `parts` (in report order).
    pub fn from_parts(parts: Vec<TextPart>, opts: &PhraseOptions) -> Draft {
        let (per_report, words): (Vec<Candidates>, Vec<TextWords>) =
            parts.into_iter().map(|p| (p.candidates, p.words)).unzip();
        // The dictionary needs only the texts' words: it is built while the
        // candidates are merged and the matcher of the phrases it must not
        // split is made.
        let (merged, dictionary) = rayon::join(
            || protected_candidates(&per_report, opts),
            || Dictionary::for_text_words(words),
        );
        Self::assemble(per_report, merged, dictionary, opts)
    }

    /// The draft of the reports' own candidates `per_report`, all of them
    /// (with the watch list) and their matcher `merged`, and the dictionary.
    fn assemble(
        per_report: Vec<Candidates>,
        (candidates, protected): (Candidates, Protected),
        dictionary: Dictionary,
        opts: &PhraseOptions,
    ) -> Draft {
        Draft {
            per_report,
            watch: opts.watch.clone(),
            candidates,
            seg: Segmenter::with_protected(dictionary, protected),
        }
    }

    /// The vocabulary, with the formulations `found` in the segmented reports.
    pub fn finish(self, found: Vec<Discovered>) -> Vocabulary {
        let mut candidates = self.candidates;
        phrases::add_discovered(&mut candidates, &found);
        let set = PhraseSet::new(&candidates);
        let matcher = set.matcher();
        let ids = |m: &Candidates| -> Vec<(usize, PhraseKind)> {
            m.iter().filter_map(|(t, &k)| Some((matcher.id(t)?, k))).collect()
        };
        // What `add_discovered` adds to an empty map.
        let mut discovered = Candidates::new();
        phrases::add_discovered(&mut discovered, &found);
        Vocabulary {
            per_report: self.per_report.par_iter().map(ids).collect(),
            watch: self.watch.iter().filter_map(|w| matcher.id(w)).collect(),
            discovered: ids(&discovered),
            splits: PhraseSet::splits(matcher),
            candidates,
            set,
        }
    }
}

/// The phrase vocabulary of a run and its one matcher.
pub struct Vocabulary {
    /// Each report's own candidates as the matcher's ids (ascending) and kinds.
    per_report: Vec<Vec<(usize, PhraseKind)>>,
    /// The watch list's ids.
    watch: Vec<usize>,
    /// The discovered formulations' ids and kinds.
    discovered: Vec<(usize, PhraseKind)>,
    /// See [`PhraseSet::splits`].
    splits: Vec<Vec<(usize, usize)>>,
    candidates: Candidates,
    set: PhraseSet,
}

impl Vocabulary {
    /// Every candidate of the run with its kind.
    pub fn candidates(&self) -> &Candidates {
        &self.candidates
    }

    /// Every candidate with its counting rules, matched by the run's matcher.
    pub fn set(&self) -> &PhraseSet {
        &self.set
    }

    /// The run's one matcher.
    pub fn matcher(&self) -> &Arc<Matcher> {
        self.set.matcher()
    }

    /// The vocabulary of reports `old` and `new` of the run compared as a
    /// pair: their own candidates, the watch list and the run's discovered
    /// formulations (as if the pair were compared alone, discovery apart),
    /// as a view of the run's matcher.
    pub fn pair(&self, old: usize, new: usize) -> PhraseSet {
        // The strongest kind of each phrase, as `candidates_of` then
        // `add_discovered`; by the matcher's id, so the entries come out in
        // id order without a sorted map (40 of them make a series).
        let mut kinds: Vec<Option<PhraseKind>> = vec![None; self.matcher().texts().len()];
        for &(id, kind) in self.per_report[old].iter().chain(&self.per_report[new]) {
            let e = kinds[id].get_or_insert(kind);
            *e = (*e).min(kind);
        }
        for &id in &self.watch {
            kinds[id] = Some(PhraseKind::Watch);
        }
        for &(id, kind) in &self.discovered {
            kinds[id].get_or_insert(kind);
        }
        let entries: Vec<(usize, PhraseKind)> = kinds
            .iter()
            .enumerate()
            .filter_map(|(id, k)| Some((id, (*k)?)))
            .collect();
        PhraseSet::of_ids(Arc::clone(self.matcher()), &entries, &self.splits)
    }
}

/// `opts` without the watch list: it is added once, to all the reports'
/// candidates, not to each report's own.
fn own_options(opts: &PhraseOptions) -> PhraseOptions {
    PhraseOptions {
        watch: Vec::new(),
        ..opts.clone()
    }
}

/// The candidates of all the reports (`per_report`) and the watch list, and
/// the matcher of the phrases the segmenter must not split.
fn protected_candidates(per_report: &[Candidates], opts: &PhraseOptions) -> (Candidates, Protected) {
    let candidates = with_watch(merged(per_report.iter()), &opts.watch);
    let protected = Protected::new(&phrases::protected(&candidates));
    (candidates, protected)
}

/// The candidate maps merged, the strongest kind of each phrase winning: the
/// same as [`phrases::candidates_of`] over all their texts.
fn merged<'a>(maps: impl IntoIterator<Item = &'a Candidates>) -> Candidates {
    let mut out = Candidates::new();
    for m in maps {
        for (p, &k) in m {
            let e = out.entry(p.clone()).or_insert(k);
            *e = (*e).min(k);
        }
    }
    out
}

/// `candidates` with the watch list, which wins over every other source.
fn with_watch(mut candidates: Candidates, watch: &[String]) -> Candidates {
    for w in watch {
        candidates.insert(w.clone(), PhraseKind::Watch);
    }
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 3] = [
        "推进“大众创业、万众创新”,坚持“一国两制”。",
        "建设“社会主义”,发展新质生产力,落实“六稳”。",
        "坚持一国两制,做好“六稳”“六保”工作,“社会主义”。",
    ];

    #[test]
    fn merged_candidates_equal_candidates_of_all_texts() {
        let opts = PhraseOptions {
            watch: vec!["六稳".to_string(), "不在".to_string()],
            ..PhraseOptions::default()
        };
        let draft = Draft::new(&TEXTS, &opts);
        assert_eq!(draft.candidates, phrases::candidates_of(TEXTS, &opts));
        let vocabulary = draft.finish(Vec::new());
        let set = vocabulary.pair(1, 2);
        let pair = phrases::candidates_of([TEXTS[1], TEXTS[2]], &opts);
        assert_eq!(
            set.texts().collect::<Vec<_>>(),
            pair.keys().map(String::as_str).collect::<Vec<_>>()
        );
        assert_eq!(set.kinds(), pair.values().copied().collect::<Vec<_>>().as_slice());
        assert!(Arc::ptr_eq(set.matcher(), vocabulary.matcher()));
    }

    #[test]
    fn a_view_counts_as_a_set_of_its_own() {
        let opts = PhraseOptions::default();
        let found = vec![Discovered {
            text: "新质生产力".to_string(),
            keyness: 4.0,
        }];
        let vocabulary = Draft::new(&TEXTS, &opts).finish(found.clone());
        let view = vocabulary.pair(0, 2);
        let mut pair = phrases::candidates_of([TEXTS[0], TEXTS[2]], &opts);
        phrases::add_discovered(&mut pair, &found);
        let own = PhraseSet::new(&pair);
        assert_eq!(view.texts().collect::<Vec<_>>(), own.texts().collect::<Vec<_>>());
        assert_eq!(view.kinds(), own.kinds());
        for text in TEXTS {
            let counting = phrases::counting_text(text);
            let mut boundaries = phrases::Boundaries::new(counting.len());
            for (i, _) in counting.char_indices() {
                boundaries.insert(i);
            }
            boundaries.insert(counting.len());
            assert_eq!(
                view.tally(text, &counting, &boundaries),
                own.tally(text, &counting, &boundaries)
            );
        }
    }
}
