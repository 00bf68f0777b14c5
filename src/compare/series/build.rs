//! Builds a [`SeriesReport`](super::SeriesReport): every report prepared once, consecutive pairs diffed, then
//! timelines, tracks and emerging terms.

use super::emerging::{emerging_at, term_frequencies, TermFrequencies, KEYNESS_WINDOW};
use super::timelines::{timelines, top_by_report, PhraseCounts};
use super::tracks::section_tracks;
use super::{EmergingYear, SeriesOptions, SeriesReport, Step};
use crate::compare::align::Pair;
use crate::compare::phrases::{self, PhraseKind};
use crate::compare::report::{self, DiffOptions, DiffReport, Prepared, Segmented};
use crate::compare::segment::Segmenter;
use crate::read::document::Report;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Builds the series; `tick` is called once per finished step (progress).
///
/// Memory: discovery needs the tokens of every report at once, so each
/// report's segmentation ([`Segmented`]) is kept; the indexes a prepared
/// report derives from it (words per subtree, counting texts, boundaries) are
/// built a few reports at a time, for the pairs being diffed, and dropped once
/// the report is summarized (`Kept`). The result is the same as preparing
/// every report at once.
pub fn build_series(reports: &[Report], opts: &SeriesOptions, tick: &(dyn Fn() + Sync)) -> SeriesReport {
    let mut candidates = phrases::candidates_of(reports.iter().map(|r| r.text()), &opts.phrases);
    let protected = phrases::protected(&candidates);
    let seg = Segmenter::new(reports.iter().map(|r| r.text()), &protected);
    let segmented: Vec<Segmented> = reports.par_iter().map(|r| Segmented::new(r, &seg)).collect();
    let found = report::discover_segmented(reports, &segmented, &seg);
    phrases::add_discovered(&mut candidates, &found);
    let set = phrases::PhraseSet::new(&candidates);
    let diff_opts = DiffOptions {
        ignore_years: opts.ignore_years,
        phrases: opts.phrases.clone(),
        contexts: 1,
    };
    // Report `i` against report `i - 1`.
    let diff_pair = |old: &Prepared, new: &Prepared, i: usize| {
        let mut pair_candidates: BTreeMap<String, PhraseKind> =
            phrases::candidates_of([reports[i - 1].text(), reports[i].text()], &opts.phrases);
        phrases::add_discovered(&mut pair_candidates, &found);
        let d = report::diff_aligned(old, new, &pair_candidates, &diff_opts);
        tick();
        d
    };
    let years: Vec<Option<i32>> = reports.iter().map(|r| r.meta.year).collect();
    let mut kept: Vec<Kept> = Vec::with_capacity(reports.len());
    let mut diffs: Vec<DiffReport> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut alignments: Vec<Vec<Pair>> = Vec::new();
    let mut emerging: Vec<EmergingYear> = Vec::new();
    // Term frequencies of the reports still needed as a keyness reference.
    let mut freqs: Vec<Option<TermFrequencies>> = Vec::with_capacity(reports.len());
    // Enough reports at a time to keep every thread busy with a pair.
    let width = 2 * rayon::current_num_threads().max(1);
    let mut rest = segmented.into_iter();
    let mut previous: Option<Prepared> = None;
    let mut start = 0;
    while start < reports.len() {
        let end = (start + width).min(reports.len());
        let batch: Vec<Prepared> = reports[start..end]
            .iter()
            .zip(rest.by_ref())
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(r, s)| Prepared::from_segmented(r, s))
            .collect();
        kept.extend(batch.par_iter().map(|p| Kept::of(p, &set)).collect::<Vec<_>>());
        if opts.top > 0 {
            freqs.extend(batch.par_iter().map(|p| Some(term_frequencies(p))).collect::<Vec<_>>());
        }
        let window: Vec<&Prepared> = previous.iter().chain(&batch).collect();
        let first = end - window.len();
        let pairs: Vec<(DiffReport, Vec<Pair>)> = (1..window.len())
            .into_par_iter()
            .map(|k| diff_pair(window[k - 1], window[k], first + k))
            .collect();
        for (d, a) in pairs {
            steps.push(Step {
                old_year: d.old.year,
                new_year: d.new.year,
                summary: d.summary.clone(),
            });
            if opts.keep_diffs {
                diffs.push(d);
            }
            alignments.push(a);
        }
        if opts.top > 0 {
            let years = &years;
            let freqs = &freqs;
            emerging.extend(
                (start.max(1)..end)
                    .into_par_iter()
                    .map(|i| emerging_at(i, freqs, years, opts.top))
                    .collect::<Vec<_>>(),
            );
        }
        // Reports before the next batch's keyness window are no reference any more.
        for f in freqs.iter_mut().take(end.saturating_sub(KEYNESS_WINDOW)) {
            *f = None;
        }
        previous = batch.into_iter().last();
        start = end;
    }
    drop(previous);
    // Plans follow plans, not years: only a series of annual reports misses years.
    let missing_years = if reports.iter().all(|r| r.meta.kind.annual()) {
        missing_years(&years)
    } else {
        Vec::new()
    };
    let counted = PhraseCounts::of(
        &set,
        kept.iter().map(|k| k.counts.clone()).collect(),
        kept.iter().map(|k| k.chars).collect(),
        reports.iter().map(|r| r.text()),
    );
    SeriesReport {
        schema_version: 3,
        reports: reports.iter().map(|r| r.meta.clone()).collect(),
        phrases: timelines(&counted, &kept, &candidates, &years, &missing_years, opts.phrases.sort),
        steps,
        sections: section_tracks(&kept, &alignments, &years),
        emerging,
        figures: crate::compare::figures::timelines(
            &kept
                .iter()
                .zip(&years)
                .enumerate()
                .map(|(i, (k, y))| (super::report_label(i, *y), k.figures.as_slice()))
                .collect::<Vec<_>>(),
        ),
        top_by_year: top_by_report(&counted, &candidates, reports, opts.top),
        missing_years,
        diffs,
    }
}

/// What a series keeps of a report once its pairs are diffed.
pub(crate) struct Kept {
    /// Count of every candidate, in the phrase set's order.
    pub(crate) counts: Vec<usize>,
    /// Whether each candidate's text occurs in the report at all.
    pub(crate) present: Vec<bool>,
    /// Longer forms of the candidates present but counted 0.
    pub(crate) within: BTreeMap<usize, Vec<String>>,
    /// Length in characters.
    pub(crate) chars: usize,
    /// Level-1/2 sections with a marker: (unit index, level, marker + heading).
    pub(crate) outline: Vec<(usize, u32, String)>,
    /// Key figures in document order.
    pub(crate) figures: Vec<crate::compare::figures::Figure>,
}

impl Kept {
    pub(crate) fn of(p: &Prepared, set: &phrases::PhraseSet) -> Kept {
        let tally = p.tally(set);
        Kept {
            counts: tally.counts,
            present: tally.present,
            within: tally.within,
            chars: p.chars(),
            outline: p
                .outline_refs()
                .into_iter()
                .filter(|(_, r, _)| r.level <= 2 && !r.marker.is_empty())
                .map(|(u, r, _)| (u, r.level, format!("{}{}", r.marker, r.heading)))
                .collect(),
            figures: p.figures().to_vec(),
        }
    }
}

/// Years after the first and before the last report that no report covers.
pub(crate) fn missing_years(years: &[Option<i32>]) -> Vec<i32> {
    let known: std::collections::BTreeSet<i32> = years.iter().flatten().copied().collect();
    match (known.first(), known.last()) {
        (Some(&a), Some(&b)) => (a..=b).filter(|y| !known.contains(y)).collect(),
        _ => Vec::new(),
    }
}
