//! Builds a [`SeriesReport`](super::SeriesReport): every report prepared once, consecutive pairs diffed, then
//! timelines, tracks and emerging terms.

use super::emerging::{emerging_at, term_frequencies, TermFrequencies, KEYNESS_WINDOW};
use super::kept::Kept;
use super::timelines::timelines;
use super::tracks::section_tracks;
use super::{EmergingYear, SeriesOptions, SeriesReport, Step};
use crate::compare::align::Pair;
use crate::compare::phrases::tops::{top_by_report, PhraseCounts};
use crate::compare::phrases::PhraseSet;
use crate::compare::report::{self, Cut, DiffOptions, DiffReport, Prepared, Summary};
use crate::compare::vocabulary::{Draft, Vocabulary};
use crate::read::document::Report;
use rayon::prelude::*;

/// Builds the series; `tick` is called once per finished step (progress).
///
/// Discovery needs the words of every report at once and runs on one
/// thread, which then makes the vocabulary; meanwhile the other threads diff
/// the sections of every year pair, which need no phrase vocabulary (unless
/// the whole diffs are kept: those are made once the vocabulary is there).
/// Then, a few reports at a time, each report is scanned for the run's
/// phrases and summarized (`Kept`), its pairs' phrases are counted, and it is
/// dropped: the counting texts and matches are never held for every report at
/// once.
pub fn build_series(reports: &[Report], opts: &SeriesOptions, tick: &(dyn Fn() + Sync)) -> SeriesReport {
    let (draft, prepared) = drafted(reports, opts);
    let diff_opts = DiffOptions {
        ignore_years: opts.ignore_years,
        phrases: opts.phrases.clone(),
        contexts: 1,
    };
    let (vocabulary, sections) = rayon::join(
        || {
            let found = report::discover(&prepared.iter().collect::<Vec<_>>(), &draft.seg);
            // One vocabulary and one matcher for the whole series; each report is
            // scanned once, and each year pair is a view of them.
            draft.finish(found)
        },
        || {
            if opts.keep_diffs {
                return Vec::new();
            }
            (1..prepared.len())
                .into_par_iter()
                .map(|i| Some(report::section_summary(&prepared[i - 1], &prepared[i], &diff_opts)))
                .collect()
        },
    );
    // Report `i` against report `i - 1`: its step, the diff if kept, and the section pairs.
    let diff_pair = |old: &Prepared, new: &Prepared, i: usize, sections: Option<SectionSummary>| {
        let step = pair_step(old, new, &vocabulary.pair(i - 1, i), &diff_opts, sections);
        tick();
        step
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
    let mut rest = prepared.into_iter();
    let mut sections = sections.into_iter();
    let mut previous: Option<Prepared> = None;
    let mut start = 0;
    while start < reports.len() {
        let end = (start + width).min(reports.len());
        let scanned = scan_batch(rest.by_ref().take(end - start).collect(), &vocabulary, opts.top > 0);
        let mut batch: Vec<Prepared> = Vec::with_capacity(scanned.len());
        for (p, k, f) in scanned {
            batch.push(p);
            kept.push(k);
            if opts.top > 0 {
                freqs.push(f);
            }
        }
        let window: Vec<&Prepared> = previous.iter().chain(&batch).collect();
        let first = end - window.len();
        let known: Vec<Option<SectionSummary>> = (1..window.len()).map(|_| sections.next().flatten()).collect();
        let pairs: Vec<(Step, Option<DiffReport>, Vec<Pair>)> = known
            .into_par_iter()
            .enumerate()
            .map(|(j, s)| diff_pair(window[j], window[j + 1], first + j + 1, s))
            .collect();
        for (step, d, a) in pairs {
            steps.push(step);
            diffs.extend(d);
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
    let steps = Steps {
        steps,
        alignments,
        emerging,
        diffs,
    };
    assemble(reports, &vocabulary, &kept, &years, steps, opts)
}

/// The draft of the run's vocabulary (with its segmenter) and every report
/// prepared with it. Each report is cut into units and its figures found
/// while the draft (and its dictionary) is made: they need no segmenter.
fn drafted<'r>(reports: &'r [Report], opts: &SeriesOptions) -> (Draft, Vec<Prepared<'r>>) {
    let texts: Vec<&str> = reports.iter().map(|r| r.text()).collect();
    let (draft, cuts) = rayon::join(
        || Draft::new(&texts, &opts.phrases),
        || reports.par_iter().map(Cut::new).collect::<Vec<_>>(),
    );
    let prepared = cuts.into_par_iter().map(|c| Prepared::segment(c, &draft.seg)).collect();
    (draft, prepared)
}

/// Each report of a batch scanned for the run's phrases and summarized, with
/// its term frequencies when `top` asks for them: one task per report.
fn scan_batch<'r>(
    batch: Vec<Prepared<'r>>,
    vocabulary: &Vocabulary,
    top: bool,
) -> Vec<(Prepared<'r>, Kept, Option<TermFrequencies<'r>>)> {
    batch
        .into_par_iter()
        .map(|mut p| {
            p.scan(vocabulary.matcher());
            let k = Kept::of(&p, vocabulary.set());
            let f = top.then(|| term_frequencies(&p));
            (p, k, f)
        })
        .collect()
}

/// A pair's summary without its phrases, and its section pairs (see
/// [`report::section_summary`]).
type SectionSummary = (Summary, Vec<Pair>);

/// The step of `old` to `new` (their phrases: `set`) and the section pairs;
/// from the `sections` already diffed when given (only the phrases are
/// counted), else from the whole diff, which is returned too.
fn pair_step(
    old: &Prepared,
    new: &Prepared,
    set: &PhraseSet,
    opts: &DiffOptions,
    sections: Option<SectionSummary>,
) -> (Step, Option<DiffReport>, Vec<Pair>) {
    let (summary, d, pairs) = match sections {
        Some((mut summary, pairs)) => {
            report::count_phrases(&mut summary, old, new, set);
            (summary, None, pairs)
        }
        None => {
            let (d, pairs) = report::diff_aligned(old, new, set, opts);
            (d.summary.clone(), Some(d), pairs)
        }
    };
    let step = Step {
        old_year: old.report.meta.year,
        new_year: new.report.meta.year,
        summary,
    };
    (step, d, pairs)
}

/// What the consecutive diffs of a series gave.
struct Steps {
    steps: Vec<Step>,
    alignments: Vec<Vec<Pair>>,
    emerging: Vec<EmergingYear>,
    diffs: Vec<DiffReport>,
}

/// The series from what each report kept and what the diffs gave.
fn assemble(
    reports: &[Report],
    vocabulary: &Vocabulary,
    kept: &[Kept],
    years: &[Option<i32>],
    done: Steps,
    opts: &SeriesOptions,
) -> SeriesReport {
    let (candidates, set) = (vocabulary.candidates(), vocabulary.set());
    // Plans follow plans, not years: only a series of annual reports misses years.
    let missing_years = if reports.iter().all(|r| r.meta.kind.annual()) {
        missing_years(years)
    } else {
        Vec::new()
    };
    let counted = PhraseCounts::of(
        set,
        kept.iter().map(|k| k.counts.clone()).collect(),
        kept.iter().map(|k| k.chars).collect(),
        reports.par_iter().map(|r| r.text()),
    );
    // The parts are independent: made side by side.
    let ((phrases, top_by_year), (sections, figures)) = rayon::join(
        || {
            rayon::join(
                || timelines(&counted, kept, candidates, years, &missing_years, opts.phrases.sort),
                || top_by_report(&counted, candidates, reports, opts.top),
            )
        },
        || {
            rayon::join(
                || section_tracks(kept, &done.alignments, years),
                || {
                    crate::compare::figures::timelines(
                        &kept
                            .iter()
                            .zip(years)
                            .enumerate()
                            .map(|(i, (k, y))| (super::report_label(i, *y), k.figures.as_slice()))
                            .collect::<Vec<_>>(),
                    )
                },
            )
        },
    );
    SeriesReport {
        schema_version: 3,
        reports: reports.iter().map(|r| r.meta.clone()).collect(),
        phrases,
        steps: done.steps,
        sections,
        emerging: done.emerging,
        figures,
        top_by_year,
        missing_years,
        duplicates: Vec::new(),
        diffs: done.diffs,
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
