//! Phrase counts over several reports (a series, or the `phrases` command's
//! reports) and the top formulations of each report. Shared by
//! [`crate::compare::series`] and [`super::report`], so neither imports the other.

use crate::compare::phrases::scoring::log_likelihood;
use crate::compare::phrases::{self, scoring, Context, PhraseKind};
use crate::compare::report::Prepared;
use crate::read::document::Report;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One of the top formulations of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopPhrase {
    /// The phrase.
    pub text: String,
    /// Occurrences in the report.
    pub count: usize,
    /// Occurrences per 10,000 characters.
    pub per_10k: f64,
    /// Importance in this report: its keyness against the other reports, its
    /// density, quoted, in the lexicon.
    pub score: f64,
    /// The first sentence holding it.
    pub context: Option<Context>,
}

/// The top formulations of one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportTop {
    /// Year of the report.
    pub year: Option<i32>,
    /// The report's label (year or title).
    pub report: String,
    /// Most important first.
    pub phrases: Vec<TopPhrase>,
}

/// Counts of every candidate in every report, with what scoring needs.
pub(crate) struct PhraseCounts {
    pub(crate) texts: Vec<String>,
    /// `per_report[r][k]`: count of phrase `k` in report `r`.
    pub(crate) per_report: Vec<Vec<usize>>,
    /// Report lengths in characters.
    pub(crate) sizes: Vec<usize>,
    /// Per phrase: whether some report quotes it, and whether it is in the
    /// lexicon (looked up once, not in every report's ranking).
    marks: Vec<(bool, bool)>,
}

impl PhraseCounts {
    pub(crate) fn new(prepared: &[Prepared], set: &phrases::PhraseSet) -> PhraseCounts {
        PhraseCounts::of(
            set,
            prepared.par_iter().map(|p| p.counts(set)).collect(),
            prepared.iter().map(Prepared::chars).collect(),
            prepared.par_iter().map(|p| p.report.text()),
        )
    }

    /// From the counts of `set` per report, the reports' lengths and texts
    /// (whose quoted terms are found in parallel).
    pub(crate) fn of<'a>(
        set: &phrases::PhraseSet,
        per_report: Vec<Vec<usize>>,
        sizes: Vec<usize>,
        texts: impl IndexedParallelIterator<Item = &'a str>,
    ) -> PhraseCounts {
        let quoted: Vec<Vec<String>> = texts
            .map(|t| phrases::candidates::quoted_terms(t).into_keys().collect())
            .collect();
        let quoted: std::collections::BTreeSet<String> = quoted.into_iter().flatten().collect();
        let texts: Vec<String> = set.texts().map(str::to_string).collect();
        let marks = texts
            .par_iter()
            .map(|t| (quoted.contains(t), phrases::lexicon::contains(t)))
            .collect();
        PhraseCounts {
            texts,
            per_report,
            sizes,
            marks,
        }
    }

    /// Whether phrase `k` is in the lexicon.
    pub(crate) fn in_lexicon(&self, k: usize) -> bool {
        self.marks[k].1
    }

    pub(crate) fn counts(&self, k: usize) -> Vec<usize> {
        self.per_report.iter().map(|c| c[k]).collect()
    }

    pub(crate) fn per_10k(&self, counts: &[usize]) -> Vec<f64> {
        counts
            .iter()
            .zip(&self.sizes)
            .map(|(&c, &n)| scoring::per_10k(c, n))
            .collect()
    }

    /// Score over all reports: the keyness of the phrase's change.
    pub(crate) fn score(&self, k: usize, counts: &[usize], per_10k: &[f64]) -> f64 {
        let (quoted, lexicon) = self.marks[k];
        scoring::score(
            scoring::keyness(counts, &self.sizes),
            per_10k.iter().copied().fold(0.0, f64::max),
            quoted,
            lexicon,
        )
    }

    /// Score within report `r`: its keyness there against the other reports.
    pub(crate) fn score_in(&self, k: usize, r: usize, total: usize) -> f64 {
        let a = self.per_report[r][k];
        let grand: usize = self.sizes.iter().sum();
        let keyness = if a >= 2 {
            log_likelihood(
                a,
                self.sizes[r].max(1),
                total - a,
                grand.saturating_sub(self.sizes[r]).max(1),
            )
            .unwrap_or(0.0)
        } else {
            0.0
        };
        let (quoted, lexicon) = self.marks[k];
        scoring::score(keyness, scoring::per_10k(a, self.sizes[r]), quoted, lexicon)
    }
}

/// The `top` most important formulations of each report, with the first
/// sentence holding each.
pub(crate) fn top_by_report(
    counted: &PhraseCounts,
    candidates: &BTreeMap<String, PhraseKind>,
    reports: &[Report],
    top: usize,
) -> Vec<ReportTop> {
    let totals: Vec<usize> = (0..counted.texts.len())
        .map(|k| counted.per_report.iter().map(|c| c[k]).sum())
        .collect();
    // Looked up once, not in each report's ranking.
    let title: Vec<bool> = counted
        .texts
        .par_iter()
        .map(|t| candidates.get(t) == Some(&PhraseKind::Title))
        .collect();
    reports
        .par_iter()
        .enumerate()
        .map(|(r, report)| {
            let sentences = phrases::FirstSentences::of(report.text());
            // `Report::quote_found` with the byte of each char found once (when a context needs it).
            let starts: std::cell::OnceCell<Vec<usize>> = std::cell::OnceCell::new();
            let quote = |from: usize, s: &str| {
                let text = report.text();
                let starts = starts.get_or_init(|| text.char_indices().map(|(b, _)| b).collect());
                match starts.get(from) {
                    Some(&byte) => report.quote_in(from, &text[byte..], s),
                    None => s.to_string(),
                }
            };
            let mut ranked: Vec<(f64, usize)> = (0..counted.texts.len())
                .filter(|&k| counted.per_report[r][k] > 0 && !title[k])
                .map(|k| (counted.score_in(k, r, totals[k]), k))
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(counted.texts[a.1].cmp(&counted.texts[b.1])));
            let phrases = ranked
                .into_iter()
                .take(top)
                .map(|(score, k)| {
                    let text = &counted.texts[k];
                    let count = counted.per_report[r][k];
                    TopPhrase {
                        text: text.clone(),
                        count,
                        per_10k: scoring::per_10k(count, counted.sizes[r]),
                        score,
                        context: sentences.first(text).map(|(offset, bytes)| Context {
                            report: report.meta.label(),
                            section: section_path_with(report, offset, quote),
                            text: report.quote_sentence(offset, &report.text()[bytes]),
                        }),
                    }
                })
                .collect();
            ReportTop {
                year: report.meta.year,
                report: report.meta.label(),
                phrases,
            }
        })
        .collect()
}

/// Headings of the sections containing normalized char `offset`, top down.
pub(crate) fn section_path_at(r: &Report, offset: usize) -> String {
    section_path_with(r, offset, |from, s| r.quote_found(from, s))
}

/// [`section_path_at`] quoting each marker and heading found from its
/// section's start with `quote` (as [`Report::quote_found`]).
fn section_path_with(r: &Report, offset: usize, quote: impl Fn(usize, &str) -> String) -> String {
    let mut path: Vec<String> = Vec::new();
    for s in r.sections.iter().filter(|s| s.start <= offset && offset < s.end) {
        path.push(s.role.placeholder().map_or_else(
            || format!("{}{}", quote(s.start, &s.marker), quote(s.start, &s.heading)),
            str::to_string,
        ));
    }
    path.join(" > ")
}
