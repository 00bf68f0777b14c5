//! The policy phrases of two reports compared: gained, lost, counted, and
//! marked in the hunks that hold them.

use super::prepare::ReportIndex;
use super::{DiffOptions, PhraseChange, Prepared, SectionDiff, MAX_FOLD_PHRASES};
use crate::compare::diff::Op;
use crate::compare::phrases::matcher::{ByPhrase, Matcher, Matches};
use crate::compare::phrases::{self, scoring, Context, PairStatus, PhraseKind, PhraseSet};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The phrases of `set` standing wholly within `range` of a report's
/// counting text (`found`: its occurrences), as indices in ascending order.
fn present_within(set: &PhraseSet, found: &Matches, range: std::ops::Range<usize>) -> Vec<usize> {
    let mut v: Vec<usize> = found.within(range).filter_map(|m| set.local(m.id)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Phrases of `set` in unit `new` (of `b`) and not in unit `old` (of `a`),
/// and the other way round; longest first, at most [`MAX_FOLD_PHRASES`] each.
pub(super) fn gained_lost(set: &PhraseSet, a: Side, old: usize, b: Side, new: usize) -> (Vec<String>, Vec<String>) {
    let (Some(fa), Some(fb)) = (a.1, b.1) else {
        return (Vec::new(), Vec::new());
    };
    let o = present_within(set, fa, a.0.unit_counting[old].clone());
    let n = present_within(set, fb, b.0.unit_counting[new].clone());
    let only = |x: &[usize], y: &[usize]| -> Vec<String> {
        let mut v: Vec<String> = x
            .iter()
            .filter(|k| y.binary_search(k).is_err())
            .map(|&k| set.text(k).to_string())
            .collect();
        v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        v.truncate(MAX_FOLD_PHRASES);
        v
    };
    (only(&n, &o), only(&o, &n))
}

/// A prepared report with the occurrences of the set's matcher in it.
pub(super) type Side<'a, 'r> = (&'a Prepared<'r>, Option<&'a Matches>);

/// Made on first use and kept in the [`Prepared`] report.
impl ReportIndex {
    fn of<'p>(p: &'p Prepared) -> &'p ReportIndex {
        p.phrase_index.get_or_init(|| {
            let sentences = p.unit_sentences();
            ReportIndex {
                quoted: phrases::candidates::quoted_terms(p.report.text()).into_keys().collect(),
                quotes: (0..sentences.all().len()).map(|_| OnceLock::new()).collect(),
                sentences,
            }
        })
    }
}

/// Up to `limit` keyword-in-context lines of phrase `k` of `set` in one report.
fn contexts_in(
    set: &PhraseSet,
    k: usize,
    (p, found): Side,
    (index, by_phrase): (&ReportIndex, &Option<ByPhrase>),
    side: &str,
    limit: usize,
) -> Vec<Context> {
    let (Some(found), Some(by_phrase)) = (found, by_phrase) else {
        return Vec::new();
    };
    let r = p.report;
    index
        .sentences
        .holding(by_phrase.of(found, set.id(k)), limit)
        .into_iter()
        .map(|s| {
            let u = &p.units[s.piece];
            let text = index.quotes[index.sentences.index_of(s)].get_or_init(|| {
                // Quoted where it is: a search from the unit's start would
                // find an earlier copy inside a longer sentence first.
                r.quote_sentence(u.first_char + s.char_in_piece, &r.text()[s.bytes.clone()])
            });
            Context {
                report: side.to_string(),
                section: u.reference.path.clone(),
                text: text.clone(),
            }
        })
        .collect()
}

/// The status of each phrase [`compare_phrases`] lists, in no particular
/// order: the same filter (counted in either report, or watched) and the
/// same presence, without contexts or scores.
pub(super) fn phrase_statuses(a: Side, b: Side, set: &PhraseSet) -> Vec<PairStatus> {
    let (old, new) = rayon::join(|| a.0.tally_found(set, a.1), || b.0.tally_found(set, b.1));
    set.texts()
        .zip(set.kinds())
        .enumerate()
        .filter(|&(k, (_, &kind))| old.counts[k] + new.counts[k] > 0 || kind == PhraseKind::Watch)
        .map(|(k, _)| PairStatus::of_presence(old.present[k], new.present[k]))
        .collect()
}

/// The phrases of `set` compared between two reports, in the order of `opts`.
pub(super) fn compare_phrases(a: Side, b: Side, set: &PhraseSet, opts: &DiffOptions) -> Vec<PhraseChange> {
    let (old_tally, new_tally) = rayon::join(|| a.0.tally_found(set, a.1), || b.0.tally_found(set, b.1));
    let (old_counts, new_counts) = (&old_tally.counts, &new_tally.counts);
    let (a_prepared, b_prepared) = (a.0, b.0);
    // Each report's index, and its occurrences by phrase (for contexts).
    let by_phrase = |found: Option<&Matches>| found.map(Matches::by_phrase);
    let ((old_index, old_by), (new_index, new_by)) = rayon::join(
        || (ReportIndex::of(a.0), by_phrase(a.1)),
        || (ReportIndex::of(b.0), by_phrase(b.1)),
    );
    let quoted = |text: &str| old_index.quoted.contains(text) || new_index.quoted.contains(text);
    let sizes = [a_prepared.chars, b_prepared.chars];
    let mut out: Vec<(scoring::SortKey, PhraseChange)> = set
        .texts()
        .zip(set.kinds())
        .enumerate()
        .filter(|&(k, (_, &kind))| old_counts[k] + new_counts[k] > 0 || kind == PhraseKind::Watch)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(k, (text, &kind))| {
            let (old_count, new_count) = (old_counts[k], new_counts[k]);
            let mut contexts = contexts_in(set, k, a, (old_index, &old_by), "old", opts.contexts);
            contexts.extend(contexts_in(set, k, b, (new_index, &new_by), "new", opts.contexts));
            let counts = [old_count, new_count];
            let per_10k = [
                scoring::per_10k(old_count, a_prepared.chars),
                scoring::per_10k(new_count, b_prepared.chars),
            ];
            let facts = set.matcher().facts(set.id(k));
            let (lexicon, share) = (facts.lexicon, facts.background_share);
            let score = scoring::score(
                scoring::keyness(&counts, &sizes),
                per_10k[0].max(per_10k[1]),
                quoted(text),
                lexicon,
            );
            let within = old_tally
                .within
                .get(&k)
                .into_iter()
                .chain(new_tally.within.get(&k))
                .flatten()
                .cloned()
                .collect();
            let status = PairStatus::of_presence(old_tally.present[k], new_tally.present[k]);
            let last_seen = (status == PairStatus::New)
                .then(|| revived_since(text, a_prepared.report, b_prepared.report))
                .flatten();
            let change = PhraseChange {
                text: text.to_string(),
                status,
                within,
                old_count,
                new_count,
                kind,
                contexts,
                score,
                per_10k,
                lexicon,
                background_share: share,
                novelty: phrases::background::novelty_of_share(share),
                last_seen,
                revived: last_seen.is_some(),
            };
            (scoring::SortKey::of(score, &counts), change)
        })
        .collect();
    out.sort_by(|(ka, a), (kb, b)| {
        ka.cmp(kb, opts.phrases.sort)
            .then(a.status.cmp(&b.status))
            .then(a.text.cmp(&b.text))
    });
    out.into_iter().map(|(_, p)| p).collect()
}

/// For a phrase absent from `old` when both reports are national work
/// reports (国务院): the latest year before `old`'s whose national report in
/// the shipped background holds it (one missing report is enough in a pair:
/// the phrase is not new to the jurisdiction). Only the national reports are in the
/// background by jurisdiction; a city's earlier reports are not, so a city
/// pair says nothing.
fn revived_since(text: &str, old: &crate::read::document::Report, new: &crate::read::document::Report) -> Option<i32> {
    let national = |r: &crate::read::document::Report| {
        r.meta.jurisdiction.as_deref() == Some("国务院") && r.meta.kind == crate::read::kind::Kind::WorkReport
    };
    if !(national(old) && national(new)) {
        return None;
    }
    phrases::background::national_last_before(text, old.meta.year?)
}

/// Lists in each changed hunk the new/dropped/watched phrases its changed
/// text holds (found by the set's matcher).
pub(super) fn mark_phrases(
    sections: &mut [SectionDiff],
    hits: Vec<Vec<Vec<usize>>>,
    changes: &[PhraseChange],
    set: &PhraseSet,
) {
    let matcher = set.matcher();
    // The matcher's id of each notable phrase → its text.
    let notable: BTreeMap<usize, &str> = changes
        .iter()
        .filter(|p| matches!(p.status, PairStatus::New | PairStatus::Dropped) || p.kind == PhraseKind::Watch)
        .filter_map(|p| matcher.id(&p.text).map(|id| (id, p.text.as_str())))
        .collect();
    if notable.is_empty() {
        return;
    }
    sections.par_iter_mut().zip(hits).for_each(|(s, hits)| {
        for (h, hits) in s.hunks.iter_mut().filter(|h| h.op != Op::Equal).zip(hits) {
            let mut found: Vec<String> = hits
                .into_iter()
                .filter_map(|id| notable.get(&id).map(|t| t.to_string()))
                .collect();
            found.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            h.phrases = found;
        }
    });
}

/// For each changed hunk of each section (in order), the ids of the phrases
/// of `matcher` its old or new text holds, ascending: what [`mark_phrases`]
/// reads, found while the phrase changes it needs are being compared.
pub(super) fn hunk_hits(sections: &[SectionDiff], matcher: &Matcher) -> Vec<Vec<Vec<usize>>> {
    sections
        .par_iter()
        .with_max_len(1)
        .map(|s| {
            s.hunks
                .iter()
                .filter(|h| h.op != Op::Equal)
                .map(|h| {
                    let mut hits = matcher.present(&h.old);
                    hits.extend(matcher.present(&h.new));
                    hits.sort_unstable();
                    hits.dedup();
                    hits
                })
                .collect()
        })
        .collect()
}
