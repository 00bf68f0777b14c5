//! Two prepared reports aligned and diffed section by section into a
//! [`DiffReport`].

use super::moved::pair_moved_passages;
use super::phrase_changes::{compare_phrases, gained_lost, hunk_hits, mark_phrases, phrase_statuses, Side};
use super::prepare::{quote_hunks, Unit};
use super::summary::{count_phrase, summarize};
use super::{Cut, DiffOptions, DiffReport, Prepared, Rewritten, SectionDiff, Status, Summary, REWRITTEN_BELOW};
use crate::compare::align::{sections, Pair};
use crate::compare::diff::{diff_texts, Op, Tag, TextDiff, Tokenized};
use crate::compare::figures;
use crate::compare::phrases::{self, PhraseSet};
use crate::compare::report::brief;
use crate::compare::segment::Segmenter;
use crate::compare::vocabulary::Draft;
use crate::read::document::Report;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Compares two reports.
pub fn diff_reports(old: &Report, new: &Report, opts: &DiffOptions) -> DiffReport {
    let (draft, (a, b)) = rayon::join(
        || Draft::new(&[old.text(), new.text()], &opts.phrases),
        || cut_pair(old, new),
    );
    diff_drafted(a, b, draft, opts)
}

/// Both reports of a pair cut, with their counting texts: what needs no
/// segmenter, made while the dictionary is built.
pub fn cut_pair<'r>(old: &'r Report, new: &'r Report) -> (Cut<'r>, Cut<'r>) {
    rayon::join(|| Cut::new(old).with_counting(), || Cut::new(new).with_counting())
}

/// [`diff_reports`] of the reports of `old` and `new` ([`cut_pair`]) with
/// the `draft` of their texts made by the caller (the `diff` command makes
/// each text's part as the file is read).
pub fn diff_drafted(old: Cut, new: Cut, draft: Draft, opts: &DiffOptions) -> DiffReport {
    let (mut a, mut b) = rayon::join(
        || Prepared::segment(old, &draft.seg),
        || Prepared::segment(new, &draft.seg),
    );
    // The sections need only the tokens: they are aligned and diffed on the
    // other threads while discovery reads the words, and the vocabulary is
    // made, on this one.
    let (vocabulary, sections) = rayon::join(
        || {
            let found = discover(&[&a, &b], &draft.seg);
            draft.finish(found)
        },
        || section_diffs(&a, &b, opts, true),
    );
    rayon::join(|| a.scan(vocabulary.matcher()), || b.scan(vocabulary.matcher()));
    with_phrases(&a, &b, vocabulary.set(), opts, sections).0
}

/// The formulations found in the text of `prepared`, segmented by `seg`.
pub fn discover(prepared: &[&Prepared], seg: &Segmenter) -> Vec<phrases::discovery::Discovered> {
    // Read straight from the tokens: a copy of every report's words as
    // (text, kind) pairs cost 24 bytes a word.
    let words = prepared.iter().map(|p| p.words()).collect();
    phrases::discovery::discover(words, &|w| seg.long_word_frequency(w))
}

/// The unit pairs of two prepared reports, and which of them moved
/// (the rules are in [`sections`]).
fn align_prepared(a: &Prepared, b: &Prepared) -> (Vec<Pair>, Vec<bool>) {
    let (ta, tb) = (a.tokenized(), b.tokenized());
    sections::align(&a.section_units(&ta), &b.section_units(&tb))
}

/// Compares two prepared reports; `set` holds the phrases to compare with
/// their counting rules.
pub fn diff_prepared(a: &Prepared, b: &Prepared, set: &PhraseSet, opts: &DiffOptions) -> DiffReport {
    diff_aligned(a, b, set, opts).0
}

/// Compares two prepared reports; `set` holds the phrases to compare.
/// Also returns the section pairs, so a caller that needs them (`series`)
/// does not align the reports again.
pub fn diff_aligned(a: &Prepared, b: &Prepared, set: &PhraseSet, opts: &DiffOptions) -> (DiffReport, Vec<Pair>) {
    with_phrases(a, b, set, opts, section_diffs(a, b, opts, true))
}

/// The diff of `a` and `b` made from their quoted `sections` and section
/// pairs ([`section_diffs`]) and the phrases of `set`.
fn with_phrases(
    a: &Prepared,
    b: &Prepared,
    set: &PhraseSet,
    opts: &DiffOptions,
    (mut sections, pairs): (Vec<SectionDiff>, Vec<Pair>),
) -> (DiffReport, Vec<Pair>) {
    let (old, new) = (a.report, b.report);
    let (found_a, found_b) = rayon::join(|| a.found(set.matcher()), || b.found(set.matcher()));
    let (side_a, side_b) = ((a, found_a.as_deref()), (b, found_b.as_deref()));
    // Three independent parts side by side: the sections' rewritten phrases,
    // moved passages and the phrases in their changes; the phrase changes;
    // the figures and tables.
    let (hits, (phrase_changes, (figure_pairs, (images, table_rows)))) = rayon::join(
        || {
            add_rewritten(&mut sections, &pairs, set, side_a, side_b);
            pair_moved_passages(&mut sections);
            hunk_hits(&sections, set.matcher())
        },
        || {
            rayon::join(
                || compare_phrases(side_a, side_b, set, opts),
                || {
                    rayon::join(
                        || figures::pair(&a.figures, &b.figures),
                        || (super::images::images(old, new), super::table_rows::table_rows(old, new)),
                    )
                },
            )
        },
    );
    mark_phrases(&mut sections, hits, &phrase_changes, set);
    let summary = summarize(
        &mut sections,
        phrase_changes.iter().map(|p| p.status),
        opts.ignore_years,
    );
    let (figure_changes, all_figures): (Vec<_>, Vec<_>) = figure_pairs.into_iter().partition(|f| f.key);
    let report = DiffReport {
        schema_version: 2,
        text: "original",
        brief: brief::brief(&figure_changes, &phrase_changes, &sections),
        figures: figure_changes,
        all_figures,
        old: old.meta.clone(),
        new: new.meta.clone(),
        degraded: sections.iter().any(|s| s.degraded),
        images,
        table_rows,
        summary,
        sections,
        phrases: phrase_changes,
        ignore_years: opts.ignore_years,
    };
    (report, pairs)
}

/// The summary of the sections of two prepared reports (phrases not yet
/// counted: see [`count_phrases`]) and the section pairs. It needs no phrase
/// vocabulary, so a series makes it while the vocabulary is discovered. With
/// [`count_phrases`] it is `diff_aligned(a, b, set, opts).0.summary` without
/// the rest of the diff: the same section statuses and hunks, but no hunks
/// quoted in the reports' own characters, moved passages, phrase contexts or
/// scores, figures or brief.
pub fn section_summary(a: &Prepared, b: &Prepared, opts: &DiffOptions) -> (Summary, Vec<Pair>) {
    let (mut sections, pairs) = section_diffs(a, b, opts, false);
    (summarize(&mut sections, std::iter::empty(), opts.ignore_years), pairs)
}

/// Adds to `summary` the phrases of `set` new, dropped and recurring from `a`
/// to `b`, as [`diff_aligned`] counts them.
pub fn count_phrases(summary: &mut Summary, a: &Prepared, b: &Prepared, set: &PhraseSet) {
    let (found_a, found_b) = rayon::join(|| a.found(set.matcher()), || b.found(set.matcher()));
    for status in phrase_statuses((a, found_a.as_deref()), (b, found_b.as_deref()), set) {
        count_phrase(summary, status);
    }
}

/// The sections of two reports aligned and diffed, in NEW order, and the
/// section pairs. With `quote` the hunks are quoted in the reports' own
/// characters; without, only what the summary counts is made. Rewritten
/// sections get the phrases they gained and lost from [`add_rewritten`].
fn section_diffs(a: &Prepared, b: &Prepared, opts: &DiffOptions, quote: bool) -> (Vec<SectionDiff>, Vec<Pair>) {
    let (old, new) = (a.report, b.report);
    let (old_units, new_units) = (&a.units, &b.units);
    let (pairs, moved) = align_prepared(a, b);
    let entries = order_entries(&pairs, old_units.len(), new_units.len());
    // One task a section: a pair has a few dozen sections of very different
    // sizes, and rayon's default split (a few runs of them, cut only when
    // stolen) left a thread done with discovery idle beside a run of five.
    let sections: Vec<SectionDiff> = entries
        .par_iter()
        .with_max_len(1)
        .map(|entry| match *entry {
            Entry::Pair(k) => {
                let p: Pair = pairs[k];
                let (a, b) = (&old_units[p.old], &new_units[p.new]);
                let (ot, nt) = (&old.text()[a.bytes.clone()], &new.text()[b.bytes.clone()]);
                let d = diff_texts(
                    Tokenized {
                        text: ot,
                        tokens: &a.tokens,
                    },
                    Tokenized {
                        text: nt,
                        tokens: &b.tokens,
                    },
                );
                let mut hunks = d.hunks;
                if quote {
                    quote_hunks(&mut hunks, Some((old, a)), Some((new, b)));
                }
                let changed = hunks
                    .iter()
                    .any(|h| h.op != Op::Equal && !(opts.ignore_years && h.tag == Some(Tag::Year)));
                let status = if moved[k] {
                    Status::Moved
                } else if changed {
                    Status::Changed
                } else {
                    Status::Unchanged
                };
                let rewritten = (quote && p.similarity < REWRITTEN_BELOW).then(|| Rewritten {
                    old_chars: ot.chars().count(),
                    new_chars: nt.chars().count(),
                    gained: Vec::new(),
                    lost: Vec::new(),
                });
                SectionDiff {
                    status,
                    old: Some(a.reference.clone()),
                    new: Some(b.reference.clone()),
                    similarity: (p.similarity * 1000.0).round() / 1000.0,
                    hunks,
                    words_inserted: 0,
                    words_deleted: 0,
                    degraded: d.degraded,
                    rewritten,
                }
            }
            Entry::Added(j) => one_sided(Status::Added, &new_units[j], new, quote),
            Entry::Removed(i) => one_sided(Status::Removed, &old_units[i], old, quote),
        })
        .collect();
    (sections, pairs)
}

/// The phrases of `set` each rewritten section (see [`section_diffs`]) gained and lost.
fn add_rewritten(sections: &mut [SectionDiff], pairs: &[Pair], set: &PhraseSet, side_a: Side, side_b: Side) {
    let entries = order_entries(pairs, side_a.0.units.len(), side_b.0.units.len());
    sections.par_iter_mut().zip(entries).for_each(|(section, entry)| {
        if let (Entry::Pair(k), Some(rewritten)) = (entry, section.rewritten.as_mut()) {
            let p = pairs[k];
            (rewritten.gained, rewritten.lost) = gained_lost(set, side_a, p.old, side_b, p.new);
        }
    });
}

/// A section only in one report; `quote`: its hunks in the report's own characters.
fn one_sided(status: Status, u: &Unit, r: &Report, quote: bool) -> SectionDiff {
    let text = &r.text()[u.bytes.clone()];
    let t: TextDiff = if status == Status::Added {
        diff_texts(
            Tokenized { text: "", tokens: &[] },
            Tokenized {
                text,
                tokens: &u.tokens,
            },
        )
    } else {
        diff_texts(
            Tokenized {
                text,
                tokens: &u.tokens,
            },
            Tokenized { text: "", tokens: &[] },
        )
    };
    let mut hunks = t.hunks;
    if quote {
        let side = Some((r, u));
        match status {
            Status::Added => quote_hunks(&mut hunks, None, side),
            _ => quote_hunks(&mut hunks, side, None),
        }
    }
    SectionDiff {
        status,
        old: (status == Status::Removed).then(|| u.reference.clone()),
        new: (status == Status::Added).then(|| u.reference.clone()),
        similarity: 0.0,
        hunks,
        words_inserted: 0,
        words_deleted: 0,
        degraded: false,
        rewritten: None,
    }
}

enum Entry {
    Pair(usize),
    Added(usize),
    Removed(usize),
}

/// NEW order; each removed OLD section right after the entry of its nearest
/// preceding paired OLD section.
fn order_entries(pairs: &[Pair], old_len: usize, new_len: usize) -> Vec<Entry> {
    let pair_of_new: BTreeMap<usize, usize> = pairs.iter().enumerate().map(|(k, p)| (p.new, k)).collect();
    let paired_old: BTreeMap<usize, usize> = pairs.iter().enumerate().map(|(k, p)| (p.old, k)).collect();
    let mut removed_after: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for i in 0..old_len {
        if !paired_old.contains_key(&i) {
            let anchor = paired_old.range(..i).next_back().map(|(_, &k)| pairs[k].new);
            removed_after.entry(anchor).or_default().push(i);
        }
    }
    let mut out: Vec<Entry> = removed_after
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .map(Entry::Removed)
        .collect();
    for j in 0..new_len {
        match pair_of_new.get(&j) {
            Some(&k) => out.push(Entry::Pair(k)),
            None => out.push(Entry::Added(j)),
        }
        if let Some(rs) = removed_after.remove(&Some(j)) {
            out.extend(rs.into_iter().map(Entry::Removed));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::phrases::PhraseOptions;
    use crate::read::document::{load, LoadOptions};

    fn report(name: &str) -> Report {
        let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
        load(&path, &LoadOptions::default()).unwrap().remove(0)
    }

    #[test]
    fn summary_alone_is_the_full_diffs_summary() {
        // Real pairs (one rewritten, with moved passages and year shifts), a
        // watched phrase in neither report, with and without --ignore-years.
        for (old, new) in [
            ("national-2012.txt", "national-2013.txt"),
            ("guangzhou-2021.txt", "guangzhou-2025.txt"),
        ] {
            let (old, new) = (report(old), report(new));
            for ignore_years in [false, true] {
                let opts = DiffOptions {
                    ignore_years,
                    phrases: PhraseOptions {
                        watch: vec!["新质生产力".to_string(), "不在文中的短语".to_string()],
                        ..PhraseOptions::default()
                    },
                    contexts: 1,
                };
                let draft = Draft::new(&[old.text(), new.text()], &opts.phrases);
                let (mut a, mut b) = (Prepared::new(&old, &draft.seg), Prepared::new(&new, &draft.seg));
                let found = discover(&[&a, &b], &draft.seg);
                let vocabulary = draft.finish(found);
                a.scan(vocabulary.matcher());
                b.scan(vocabulary.matcher());
                let (full, full_pairs) = diff_aligned(&a, &b, vocabulary.set(), &opts);
                let (mut summary, pairs) = section_summary(&a, &b, &opts);
                count_phrases(&mut summary, &a, &b, vocabulary.set());
                assert_eq!(summary, full.summary);
                assert_eq!(pairs, full_pairs);
                assert!(summary.phrases_new + summary.phrases_dropped > 0 && summary.words_inserted > 0);
            }
        }
    }

    #[test]
    fn unit_vectors_are_the_tfidf_of_the_units_words() {
        // Nested outlines (national: three levels; Guangzhou; a city report
        // of the corpus), each text read once against every subtree's words.
        let city = format!("{}/../shared/corpus/cities/三亚市/2023.md", env!("CARGO_MANIFEST_DIR"));
        let city = load(&city, &LoadOptions::default()).unwrap().remove(0);
        let reports = [report("national-2012.txt"), report("guangzhou-2025.txt"), city];
        let texts: Vec<&str> = reports.iter().map(|r| r.text()).collect();
        let draft = Draft::new(&texts, &PhraseOptions::default());
        for pair in reports.windows(2) {
            let (a, b) = (Prepared::new(&pair[0], &draft.seg), Prepared::new(&pair[1], &draft.seg));
            let (ta, tb) = (a.tokenized(), b.tokenized());
            let units: Vec<_> = a.section_units(&ta).into_iter().chain(b.section_units(&tb)).collect();
            assert!(units.iter().any(|u| u.texts.len() > 2), "nested sections");
            let words = units.iter().map(|u| {
                u.texts
                    .iter()
                    .flat_map(|t| t.tokens.iter().filter(|k| k.kind.is_word()).map(|k| k.text(t.text)))
            });
            assert_eq!(
                crate::compare::align::sections::unit_vectors(&units),
                crate::compare::align::tfidf(words)
            );
        }
    }
}
