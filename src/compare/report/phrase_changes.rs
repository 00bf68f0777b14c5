//! The policy phrases of two reports compared: gained, lost, counted, and
//! marked in the hunks that hold them.

use super::prepare::quote_in;
use super::{DiffOptions, PhraseChange, Prepared, SectionDiff, MAX_FOLD_PHRASES};
use crate::compare::diff::Op;
use crate::compare::phrases::{self, scoring, Context, PairStatus, PhraseKind};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Phrases of `list` in `new` and not in `old`, and the other way round; longest
/// first, at most [`MAX_FOLD_PHRASES`] each.
pub(super) fn gained_lost(
    ac: &aho_corasick::AhoCorasick,
    list: &[&str],
    old: &str,
    new: &str,
) -> (Vec<String>, Vec<String>) {
    let (o, n) = (phrases::present(ac, old), phrases::present(ac, new));
    let only = |x: &[usize], y: &[usize]| -> Vec<String> {
        let mut v: Vec<String> = x
            .iter()
            .filter(|k| y.binary_search(k).is_err())
            .map(|&k| list[k].to_string())
            .collect();
        v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        v.truncate(MAX_FOLD_PHRASES);
        v
    };
    (only(&n, &o), only(&o, &n))
}

pub(super) fn compare_phrases(
    a: &Prepared,
    b: &Prepared,
    candidates: &BTreeMap<String, PhraseKind>,
    opts: &DiffOptions,
) -> Vec<PhraseChange> {
    let set = phrases::PhraseSet::new(candidates);
    let list = set.texts();
    let counting = |p: &Prepared| phrases::counting_text(p.report.text());
    let (old_counting, new_counting) = rayon::join(|| counting(a), || counting(b));
    let (old_tally, new_tally) = rayon::join(|| a.tally_in(&set, &old_counting), || b.tally_in(&set, &new_counting));
    let (old_counts, new_counts) = (&old_tally.counts, &new_tally.counts);
    let quoted: std::collections::BTreeSet<String> = phrases::candidates::quoted_terms(a.report.text())
        .into_keys()
        .chain(phrases::candidates::quoted_terms(b.report.text()).into_keys())
        .collect();
    // For contexts: which units hold each phrase, from one automaton pass per unit.
    let automaton = aho_corasick::AhoCorasick::new(list).ok();
    let holders = |p: &Prepared, counting: &str| -> Vec<Vec<usize>> {
        let mut by_phrase = vec![Vec::new(); list.len()];
        if let Some(ac) = &automaton {
            for (u, range) in p.unit_counting.iter().enumerate() {
                let mut hits: Vec<usize> = ac
                    .find_overlapping_iter(&counting[range.clone()])
                    .map(|m| m.pattern().as_usize())
                    .collect();
                hits.sort_unstable();
                hits.dedup();
                for k in hits {
                    by_phrase[k].push(u);
                }
            }
        }
        by_phrase
    };
    let (old_holders, new_holders) = (holders(a, &old_counting), holders(b, &new_counting));
    drop((old_counting, new_counting));
    let sizes = [a.chars, b.chars];
    let mut out: Vec<(scoring::SortKey, PhraseChange)> = candidates
        .iter()
        .enumerate()
        .filter(|&(k, (_, &kind))| old_counts[k] + new_counts[k] > 0 || kind == PhraseKind::Watch)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(k, (text, &kind))| {
            let (old_count, new_count) = (old_counts[k], new_counts[k]);
            let mut contexts = Vec::new();
            for (side, p, holders) in [("old", a, &old_holders), ("new", b, &new_holders)] {
                let r = p.report;
                let mut left = opts.contexts;
                for u in holders[k].iter().map(|&i| &p.units[i]) {
                    if left == 0 {
                        break;
                    }
                    let own = &r.text()[u.bytes.clone()];
                    for (_, sentence) in phrases::sentences_with(own, text, left) {
                        contexts.push(Context {
                            report: side.to_string(),
                            section: u.reference.path.clone(),
                            text: quote_in(r, own, u.first_char, &sentence),
                        });
                        left -= 1;
                    }
                }
            }
            let counts = [old_count, new_count];
            let per_10k = [
                scoring::per_10k(old_count, a.chars),
                scoring::per_10k(new_count, b.chars),
            ];
            let lexicon = phrases::lexicon::contains(text);
            let score = scoring::score(
                scoring::keyness(&counts, &sizes),
                per_10k[0].max(per_10k[1]),
                quoted.contains(text),
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
            let change = PhraseChange {
                text: text.clone(),
                status: PairStatus::of_presence(old_tally.present[k], new_tally.present[k]),
                within,
                old_count,
                new_count,
                kind,
                contexts,
                score,
                per_10k,
                lexicon,
                background_share: phrases::background::share(text),
                novelty: phrases::background::novelty(text),
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

/// Lists in each changed hunk the new/dropped/watched phrases its changed text holds.
pub(super) fn mark_phrases(sections: &mut [SectionDiff], changes: &[PhraseChange]) {
    let notable: Vec<&PhraseChange> = changes
        .iter()
        .filter(|p| matches!(p.status, PairStatus::New | PairStatus::Dropped) || p.kind == PhraseKind::Watch)
        .collect();
    if notable.is_empty() {
        return;
    }
    let Ok(automaton) = aho_corasick::AhoCorasick::new(notable.iter().map(|p| p.text.as_str())) else {
        return;
    };
    sections.par_iter_mut().for_each(|s| {
        for h in s.hunks.iter_mut().filter(|h| h.op != Op::Equal) {
            let mut hits = phrases::present(&automaton, &h.old);
            hits.extend(phrases::present(&automaton, &h.new));
            hits.sort_unstable();
            hits.dedup();
            let mut found: Vec<String> = hits.into_iter().map(|k| notable[k].text.clone()).collect();
            found.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            h.phrases = found;
        }
    });
}
