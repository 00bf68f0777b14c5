//! Phrase counts over a series: each phrase's timeline and the top
//! formulations of each report.

use super::{last_seen_before_return, series_status, PhraseTimeline, ReportTop, TopPhrase};
use crate::compare::phrases::scoring::log_likelihood;
use crate::compare::phrases::{self, scoring, Context, PhraseKind};
use crate::compare::report::Prepared;
use crate::read::document::Report;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Counts of every candidate in every report, with what scoring needs.
pub(crate) struct PhraseCounts {
    pub(crate) texts: Vec<String>,
    /// `per_report[r][k]`: count of phrase `k` in report `r`.
    pub(crate) per_report: Vec<Vec<usize>>,
    /// Report lengths in characters.
    pub(crate) sizes: Vec<usize>,
    /// Phrases some report quotes.
    pub(crate) quoted: std::collections::BTreeSet<String>,
}

impl PhraseCounts {
    pub(crate) fn new(prepared: &[Prepared], candidates: &BTreeMap<String, PhraseKind>) -> PhraseCounts {
        let set = phrases::PhraseSet::new(candidates);
        PhraseCounts::of(
            &set,
            prepared.par_iter().map(|p| p.counts(&set)).collect(),
            prepared.iter().map(Prepared::chars).collect(),
            prepared.iter().map(|p| p.report.text()),
        )
    }

    /// From the counts of `set` per report, the reports' lengths and texts.
    pub(crate) fn of<'a>(
        set: &phrases::PhraseSet,
        per_report: Vec<Vec<usize>>,
        sizes: Vec<usize>,
        texts: impl Iterator<Item = &'a str>,
    ) -> PhraseCounts {
        PhraseCounts {
            texts: set.texts().to_vec(),
            per_report,
            sizes,
            quoted: texts
                .flat_map(|t| phrases::candidates::quoted_terms(t).into_keys())
                .collect(),
        }
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
        let text = &self.texts[k];
        scoring::score(
            scoring::keyness(counts, &self.sizes),
            per_10k.iter().copied().fold(0.0, f64::max),
            self.quoted.contains(text),
            phrases::lexicon::contains(text),
        )
    }

    /// Score within report `r`: its keyness there against the other reports.
    pub(crate) fn score_in(&self, k: usize, r: usize, total: usize) -> f64 {
        let text = &self.texts[k];
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
        scoring::score(
            keyness,
            scoring::per_10k(a, self.sizes[r]),
            self.quoted.contains(text),
            phrases::lexicon::contains(text),
        )
    }
}

pub(crate) fn timelines(
    counted: &PhraseCounts,
    kept: &[super::build::Kept],
    candidates: &BTreeMap<String, PhraseKind>,
    years: &[Option<i32>],
    missing: &[i32],
    sort: phrases::PhraseSort,
) -> Vec<PhraseTimeline> {
    // Missing years between report i-1 and report i, and after the last report none.
    let gap_before = |i: usize| -> Vec<i32> {
        match (i.checked_sub(1).and_then(|j| years[j]), years[i]) {
            (Some(a), Some(b)) => missing.iter().copied().filter(|&y| a < y && y < b).collect(),
            _ => Vec::new(),
        }
    };
    let mut out: Vec<(scoring::SortKey, PhraseTimeline)> = counted
        .texts
        .iter()
        .enumerate()
        .map(|(k, text)| {
            let counts = counted.counts(k);
            // Years and status from the texts: where the phrase's text stands, counted or not.
            let present: Vec<usize> = (0..counts.len()).filter(|&i| kept[i].present[k]).collect();
            let presence: Vec<usize> = kept.iter().map(|r| usize::from(r.present[k])).collect();
            let mut within: Vec<String> = Vec::new();
            for f in kept.iter().filter_map(|r| r.within.get(&k)).flatten() {
                if !within.contains(f) {
                    within.push(f.clone());
                }
            }
            let per_10k = counted.per_10k(&counts);
            let score = counted.score(k, &counts, &per_10k);
            let timeline = PhraseTimeline {
                text: text.clone(),
                status: series_status(&presence),
                within,
                first_year: present.first().and_then(|&i| years[i]),
                last_year: present.last().and_then(|&i| years[i]),
                last_seen: last_seen_before_return(&presence).and_then(|i| years[i]),
                years: present.iter().map(|&i| years[i]).collect(),
                missing_before_first: present.first().map(|&i| gap_before(i)).unwrap_or_default(),
                missing_after_last: present
                    .last()
                    .filter(|&&i| i + 1 < years.len())
                    .map(|&i| gap_before(i + 1))
                    .unwrap_or_default(),
                counts,
                kind: candidates[text],
                score,
                per_10k,
                lexicon: phrases::lexicon::contains(text),
            };
            let total = timeline.counts.iter().sum();
            (
                scoring::SortKey {
                    total,
                    ..scoring::SortKey::of(score, &presence)
                },
                timeline,
            )
        })
        .filter(|(k, t)| k.total > 0 || t.kind == PhraseKind::Watch)
        .collect();
    out.sort_by(|(ka, a), (kb, b)| ka.cmp(kb, sort).then(a.text.cmp(&b.text)));
    out.into_iter().map(|(_, t)| t).collect()
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
    reports
        .par_iter()
        .enumerate()
        .map(|(r, report)| {
            let mut ranked: Vec<(f64, usize)> = (0..counted.texts.len())
                .filter(|&k| counted.per_report[r][k] > 0 && candidates[&counted.texts[k]] != PhraseKind::Title)
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
                        context: phrases::sentences_with(report.text(), text, 1).into_iter().next().map(
                            |(offset, sentence)| Context {
                                report: report.meta.label(),
                                section: section_path_at(report, offset),
                                text: report.quote_found(offset, &sentence),
                            },
                        ),
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
    let mut path: Vec<String> = Vec::new();
    for s in r.sections.iter().filter(|s| s.start <= offset && offset < s.end) {
        path.push(s.role.placeholder().map_or_else(
            || {
                let (marker, heading) = r.quoted_heading(s);
                format!("{marker}{heading}")
            },
            str::to_string,
        ));
    }
    path.join(" > ")
}
