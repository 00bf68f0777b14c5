//! The `series` and `phrases` commands' results: one jurisdiction over many
//! years. Reports are ordered by year (ties by argument order); every report is
//! segmented once with one shared dictionary; consecutive pairs are diffed in
//! parallel; phrases get a timeline; level-1/2 sections are followed from year to
//! year; emerging words are ranked by keyness (log-likelihood G²) against the
//! previous report. Years missing between the first and the last report are
//! listed, and a phrase's first or last year next to a missing one says so.

use crate::compare::align::Pair;
use crate::compare::phrases::scoring::log_likelihood;
use crate::compare::phrases::{self, scoring, Context, PhraseKind, PhraseOptions};
use crate::compare::report::{self, DiffOptions, DiffReport, Prepared, Segmented, Summary};
use crate::compare::segment::{Segmenter, TokenKind};
use crate::read::document::Report;
use crate::read::meta::ReportMeta;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Status of a phrase over a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesStatus {
    /// First seen after the first report, present in the last.
    New,
    /// Present in the first and the last report, never absent between.
    Recurring,
    /// Absent for some reports after first appearing, then back.
    Revived,
    /// Not in the last report.
    Dropped,
    /// Watched, never seen.
    Absent,
}

impl SeriesStatus {
    /// The JSON name, also used by the renderers.
    pub fn as_str(self) -> &'static str {
        match self {
            SeriesStatus::New => "new",
            SeriesStatus::Recurring => "recurring",
            SeriesStatus::Revived => "revived",
            SeriesStatus::Dropped => "dropped",
            SeriesStatus::Absent => "absent",
        }
    }
}

/// Status of a phrase from its per-report counts.
pub fn series_status(counts: &[usize]) -> SeriesStatus {
    let present: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] > 0).collect();
    let (Some(&first), Some(&last)) = (present.first(), present.last()) else {
        return SeriesStatus::Absent;
    };
    if present.len() < last - first + 1 {
        SeriesStatus::Revived
    } else if last + 1 < counts.len() {
        SeriesStatus::Dropped
    } else if first > 0 {
        SeriesStatus::New
    } else {
        SeriesStatus::Recurring
    }
}

/// One phrase over the series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhraseTimeline {
    /// The phrase.
    pub text: String,
    /// Status over the series.
    pub status: SeriesStatus,
    /// Years (of the reports) in which it occurs.
    pub years: Vec<Option<i32>>,
    /// Count per report, in report order.
    pub counts: Vec<usize>,
    /// Year of the first report it occurs in.
    pub first_year: Option<i32>,
    /// Year of the last report it occurs in.
    pub last_year: Option<i32>,
    /// Where the candidate came from.
    pub kind: PhraseKind,
    /// Importance (see [`scoring::score`]); the default order.
    pub score: f64,
    /// Occurrences per 10,000 characters, per report.
    pub per_10k: Vec<f64>,
    /// In the built-in lexicon of formulations.
    pub lexicon: bool,
    /// Years missing from the series just before `first_year`: the phrase may
    /// have appeared in them first.
    pub missing_before_first: Vec<i32>,
    /// Years missing from the series just after `last_year`: it may have lasted into them.
    pub missing_after_last: Vec<i32>,
}

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

/// Summary of one consecutive diff.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Step {
    /// Year of the older report.
    pub old_year: Option<i32>,
    /// Year of the newer report.
    pub new_year: Option<i32>,
    /// The diff's counts.
    pub summary: Summary,
}

/// A section followed across years.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct SectionTrack {
    /// Outline level (1 or 2).
    pub level: u32,
    /// Heading (marker included) in each report it appears in: (year, heading).
    pub headings: Vec<(Option<i32>, String)>,
    /// First year.
    pub first_year: Option<i32>,
    /// Last year.
    pub last_year: Option<i32>,
}

/// A word that became markedly more frequent.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct EmergingTerm {
    /// The word or two-word collocation.
    pub text: String,
    /// Log-likelihood G² against the previous report.
    pub g2: f64,
    /// Occurrences this year.
    pub count: usize,
    /// Occurrences in the previous report.
    pub previous_count: usize,
}

/// The emerging terms of one report.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct EmergingYear {
    /// Year of the report.
    pub year: Option<i32>,
    /// Earliest year of the reference (the previous reports it is compared against).
    pub against: Option<i32>,
    /// Latest year of the reference (the previous report).
    pub against_to: Option<i32>,
    /// Top terms, strongest first.
    pub terms: Vec<EmergingTerm>,
}

/// The result of `reportdiff series`.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesReport {
    /// Always 1.
    pub schema_version: u32,
    /// Reports, ordered by year.
    pub reports: Vec<ReportMeta>,
    /// Phrases with their timelines.
    pub phrases: Vec<PhraseTimeline>,
    /// Consecutive diff summaries.
    pub steps: Vec<Step>,
    /// Section history (levels 1–2).
    pub sections: Vec<SectionTrack>,
    /// Emerging terms per report after the first.
    pub emerging: Vec<EmergingYear>,
    /// Key figures (targets, results) per indicator across the years.
    pub figures: Vec<crate::compare::figures::FigureTimeline>,
    /// Years between the first and the last report with no report in the series.
    pub missing_years: Vec<i32>,
    /// The top formulations of each report, with a keyword-in-context line.
    pub top_by_year: Vec<ReportTop>,
    /// The full consecutive diffs (for HTML; the JSON carries `steps`); empty
    /// unless [`SeriesOptions::keep_diffs`].
    #[serde(skip)]
    pub diffs: Vec<DiffReport>,
}

/// Options of a series.
#[derive(Debug, Clone, Default)]
pub struct SeriesOptions {
    /// Watched phrases, the lexicon, the order of phrases.
    pub phrases: PhraseOptions,
    /// Emerging terms and top formulations kept per year.
    pub top: usize,
    /// Year shifts are not changes.
    pub ignore_years: bool,
    /// Keep every consecutive diff in full ([`SeriesReport::diffs`], which
    /// the HTML pages show); otherwise only their summaries (`steps`) are kept
    /// and each diff is dropped once summarized.
    pub keep_diffs: bool,
}

/// Orders reports by year; reports without a year keep their place at the end,
/// ties by input order.
pub fn order_by_year(reports: &mut [Report]) {
    reports.sort_by_key(|r| (r.meta.year.is_none(), r.meta.year));
}

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
        schema_version: 1,
        reports: reports.iter().map(|r| r.meta.clone()).collect(),
        phrases: timelines(&counted, &candidates, &years, &missing_years, opts.phrases.sort),
        steps,
        sections: section_tracks(&kept, &alignments, &years),
        emerging,
        figures: crate::compare::figures::timelines(
            &kept
                .iter()
                .zip(&years)
                .enumerate()
                .map(|(i, (k, y))| {
                    (
                        y.map_or_else(|| format!("#{}", i + 1), |y| y.to_string()),
                        k.figures.as_slice(),
                    )
                })
                .collect::<Vec<_>>(),
        ),
        top_by_year: top_by_report(&counted, &candidates, reports, opts.top),
        missing_years,
        diffs,
    }
}

/// What a series keeps of a report once its pairs are diffed.
struct Kept {
    /// Count of every candidate, in the phrase set's order.
    counts: Vec<usize>,
    /// Length in characters.
    chars: usize,
    /// Level-1/2 sections with a marker: (unit index, level, marker + heading).
    outline: Vec<(usize, u32, String)>,
    /// Key figures in document order.
    figures: Vec<crate::compare::figures::Figure>,
}

impl Kept {
    fn of(p: &Prepared, set: &phrases::PhraseSet) -> Kept {
        Kept {
            counts: p.counts(set),
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
fn missing_years(years: &[Option<i32>]) -> Vec<i32> {
    let known: std::collections::BTreeSet<i32> = years.iter().flatten().copied().collect();
    match (known.first(), known.last()) {
        (Some(&a), Some(&b)) => (a..=b).filter(|y| !known.contains(y)).collect(),
        _ => Vec::new(),
    }
}

/// Counts of every candidate in every report, with what scoring needs.
struct PhraseCounts {
    texts: Vec<String>,
    /// `per_report[r][k]`: count of phrase `k` in report `r`.
    per_report: Vec<Vec<usize>>,
    /// Report lengths in characters.
    sizes: Vec<usize>,
    /// Phrases some report quotes.
    quoted: std::collections::BTreeSet<String>,
}

impl PhraseCounts {
    fn new(prepared: &[Prepared], candidates: &BTreeMap<String, PhraseKind>) -> PhraseCounts {
        let set = phrases::PhraseSet::new(candidates);
        PhraseCounts::of(
            &set,
            prepared.par_iter().map(|p| p.counts(&set)).collect(),
            prepared.iter().map(Prepared::chars).collect(),
            prepared.iter().map(|p| p.report.text()),
        )
    }

    /// From the counts of `set` per report, the reports' lengths and texts.
    fn of<'a>(
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

    fn counts(&self, k: usize) -> Vec<usize> {
        self.per_report.iter().map(|c| c[k]).collect()
    }

    fn per_10k(&self, counts: &[usize]) -> Vec<f64> {
        counts
            .iter()
            .zip(&self.sizes)
            .map(|(&c, &n)| scoring::per_10k(c, n))
            .collect()
    }

    /// Score over all reports: the keyness of the phrase's change.
    fn score(&self, k: usize, counts: &[usize], per_10k: &[f64]) -> f64 {
        let text = &self.texts[k];
        scoring::score(
            scoring::keyness(counts, &self.sizes),
            per_10k.iter().copied().fold(0.0, f64::max),
            self.quoted.contains(text),
            phrases::lexicon::contains(text),
        )
    }

    /// Score within report `r`: its keyness there against the other reports.
    fn score_in(&self, k: usize, r: usize, total: usize) -> f64 {
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

fn timelines(
    counted: &PhraseCounts,
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
            let present: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] > 0).collect();
            let per_10k = counted.per_10k(&counts);
            let score = counted.score(k, &counts, &per_10k);
            let timeline = PhraseTimeline {
                text: text.clone(),
                status: series_status(&counts),
                first_year: present.first().and_then(|&i| years[i]),
                last_year: present.last().and_then(|&i| years[i]),
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
            (scoring::SortKey::of(score, &timeline.counts), timeline)
        })
        .filter(|(_, t)| t.status != SeriesStatus::Absent || t.kind == PhraseKind::Watch)
        .collect();
    out.sort_by(|(ka, a), (kb, b)| ka.cmp(kb, sort).then(a.text.cmp(&b.text)));
    out.into_iter().map(|(_, t)| t).collect()
}

/// The `top` most important formulations of each report, with the first
/// sentence holding each.
fn top_by_report(
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

/// Follows level-1 and level-2 sections through the consecutive alignments
/// (`alignments[i]` pairs report `i` with report `i + 1`, as the diffs did).
fn section_tracks(kept: &[Kept], alignments: &[Vec<Pair>], years: &[Option<i32>]) -> Vec<SectionTrack> {
    // track id of (report, unit)
    let mut track_of: Vec<HashMap<usize, usize>> = vec![HashMap::new(); kept.len()];
    let mut tracks: Vec<SectionTrack> = Vec::new();
    for (r, k) in kept.iter().enumerate() {
        let from_prev: HashMap<usize, usize> = if r == 0 {
            HashMap::new()
        } else {
            alignments[r - 1].iter().map(|p| (p.new, p.old)).collect()
        };
        for &(u, level, ref heading) in &k.outline {
            let existing = from_prev.get(&u).and_then(|o| track_of[r - 1].get(o)).copied();
            let id = match existing {
                Some(id) if tracks[id].level == level => id,
                _ => {
                    tracks.push(SectionTrack {
                        level,
                        headings: Vec::new(),
                        first_year: years[r],
                        last_year: years[r],
                    });
                    tracks.len() - 1
                }
            };
            tracks[id].headings.push((years[r], heading.clone()));
            tracks[id].last_year = years[r];
            track_of[r].insert(u, id);
        }
    }
    tracks
}

/// Words that say nothing about policy.
const STOP_WORDS: &[&str] = &[
    "的",
    "了",
    "和",
    "是",
    "在",
    "要",
    "对",
    "把",
    "为",
    "与",
    "及",
    "等",
    "中",
    "上",
    "下",
    "以",
    "我们",
    "我国",
    "进一步",
    "加强",
    "一个",
    "这个",
    "这些",
    "一些",
    "以及",
    "同时",
    "今年",
    "去年",
    "全年",
    "坚持",
    "推进",
    "推动",
    "工作",
    "发展",
    "建设",
    "方面",
    "就是",
    "继续",
    "更好",
    "更加",
    "做到",
    "出台",
    "开展",
    "放在",
    "超过",
    "始终",
    "已经",
    "还要",
    "必须",
    "需要",
    "不断",
    "没有",
    "通过",
    "实现",
    "提高",
    "进行",
    "认真",
    "积极",
    "努力",
    "大力",
    "切实",
    "着力",
    "深入",
    "全面",
    "各级",
    "有关",
    "各项",
    "一批",
];

/// How many previous reports form the reference of keyness.
const KEYNESS_WINDOW: usize = 3;

/// Word and adjacent-word-pair counts of a report, and its number of words.
type TermFrequencies = (HashMap<String, usize>, usize);

/// The emerging terms of report `i` against up to [`KEYNESS_WINDOW`] previous
/// reports (`freqs` holds at least those).
fn emerging_at(i: usize, freqs: &[Option<TermFrequencies>], years: &[Option<i32>], top: usize) -> EmergingYear {
    let empty = (HashMap::new(), 1);
    let (cur, cur_total) = freqs[i].as_ref().unwrap_or(&empty);
    // Reference: up to KEYNESS_WINDOW previous reports, so a word that merely
    // skipped one year does not count as emerging.
    let mut prev: HashMap<&str, usize> = HashMap::new();
    let mut prev_total = 0;
    for (f, total) in freqs[i.saturating_sub(KEYNESS_WINDOW)..i].iter().flatten() {
        prev_total += total;
        for (t, n) in f {
            *prev.entry(t.as_str()).or_default() += n;
        }
    }
    let mut terms: Vec<EmergingTerm> = cur
        .iter()
        .filter(|(_, &a)| a >= 3)
        .filter_map(|(t, &a)| {
            let b = prev.get(t.as_str()).copied().unwrap_or(0);
            let g2 = log_likelihood(a, *cur_total, b, prev_total)?;
            Some(EmergingTerm {
                text: t.clone(),
                g2: (g2 * 100.0).round() / 100.0,
                count: a,
                previous_count: b,
            })
        })
        .collect();
    terms.sort_by(|x, y| y.g2.total_cmp(&x.g2).then(x.text.cmp(&y.text)));
    terms.truncate(top);
    EmergingYear {
        year: years[i],
        against: years[i.saturating_sub(KEYNESS_WINDOW)],
        against_to: years[i - 1],
        terms,
    }
}

/// Word and adjacent-word-pair counts of a report (numbers, punctuation, single
/// characters and stop words left out), and the number of words.
fn term_frequencies(p: &Prepared) -> TermFrequencies {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    let mut prev: Option<&str> = None;
    for (w, kind) in p.words() {
        let content =
            matches!(kind, TokenKind::Word | TokenKind::Phrase) && w.chars().count() >= 2 && !STOP_WORDS.contains(&w);
        if !content {
            // Spaces between words inside a sentence do not break a pair; the rest does.
            if kind != TokenKind::Word {
                prev = None;
            }
            continue;
        }
        total += 1;
        *counts.entry(w.to_string()).or_default() += 1;
        if let Some(q) = prev {
            *counts.entry(format!("{q}{w}")).or_default() += 1;
        }
        prev = Some(w);
    }
    (counts, total.max(1))
}

/// One phrase in `reportdiff phrases`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhraseOccurrences {
    /// The phrase.
    pub text: String,
    /// Where the candidate came from.
    pub kind: PhraseKind,
    /// Count per report.
    pub counts: Vec<usize>,
    /// Keyword-in-context sentences.
    pub contexts: Vec<Context>,
    /// Importance (see [`scoring::score`]).
    pub score: f64,
    /// Occurrences per 10,000 characters, per report.
    pub per_10k: Vec<f64>,
    /// In the built-in lexicon of formulations.
    pub lexicon: bool,
}

/// The result of `reportdiff phrases`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhrasesReport {
    /// Always 1.
    pub schema_version: u32,
    /// Reports in input order.
    pub reports: Vec<ReportMeta>,
    /// Phrases: watched ones first, then in the order asked for (most important first).
    pub phrases: Vec<PhraseOccurrences>,
    /// The top formulations of each report, with a keyword-in-context line.
    pub top_by_year: Vec<ReportTop>,
}

/// Finds the policy phrases of `reports`, with up to `contexts` KWIC sentences
/// per phrase and report, and the `top` formulations of each report.
pub fn phrases_report(reports: &[Report], opts: &PhraseOptions, contexts: usize, top: usize) -> PhrasesReport {
    let mut candidates = phrases::candidates_of(reports.iter().map(|r| r.text()), opts);
    let protected = phrases::protected(&candidates);
    let seg = Segmenter::new(reports.iter().map(|r| r.text()), &protected);
    let prepared: Vec<Prepared> = reports.par_iter().map(|r| Prepared::new(r, &seg)).collect();
    phrases::add_discovered(
        &mut candidates,
        &report::discover(&prepared.iter().collect::<Vec<_>>(), &seg),
    );
    let counted = PhraseCounts::new(&prepared, &candidates);
    let mut out: Vec<(scoring::SortKey, PhraseOccurrences)> = counted
        .texts
        .par_iter()
        .enumerate()
        .map(|(k, text)| {
            let mut ctx = Vec::new();
            for r in reports {
                for (offset, sentence) in phrases::sentences_with(r.text(), text, contexts) {
                    ctx.push(Context {
                        report: r.meta.label(),
                        section: section_path_at(r, offset),
                        text: r.quote_found(offset, &sentence),
                    });
                }
            }
            let counts = counted.counts(k);
            let per_10k = counted.per_10k(&counts);
            let score = counted.score(k, &counts, &per_10k);
            let p = PhraseOccurrences {
                text: text.clone(),
                kind: candidates[text],
                counts,
                contexts: ctx,
                score,
                per_10k,
                lexicon: phrases::lexicon::contains(text),
            };
            (scoring::SortKey::of(score, &p.counts), p)
        })
        .filter(|(_, p)| p.kind == PhraseKind::Watch || p.counts.iter().any(|&c| c > 0))
        .collect();
    out.sort_by(|(ka, a), (kb, b)| {
        (b.kind == PhraseKind::Watch)
            .cmp(&(a.kind == PhraseKind::Watch))
            .then(ka.cmp(kb, opts.sort))
            .then(a.text.cmp(&b.text))
    });
    PhrasesReport {
        schema_version: 1,
        reports: reports.iter().map(|r| r.meta.clone()).collect(),
        phrases: out.into_iter().map(|(_, p)| p).collect(),
        top_by_year: top_by_report(&counted, &candidates, reports, top),
    }
}

/// Headings of the sections containing normalized char `offset`, top down.
fn section_path_at(r: &Report, offset: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(series_status(&[1, 2, 3]), SeriesStatus::Recurring);
        assert_eq!(series_status(&[0, 2, 3]), SeriesStatus::New);
        assert_eq!(series_status(&[1, 2, 0]), SeriesStatus::Dropped);
        assert_eq!(series_status(&[1, 0, 3]), SeriesStatus::Revived);
        assert_eq!(series_status(&[0, 1, 0]), SeriesStatus::Dropped);
        assert_eq!(series_status(&[0, 0, 0]), SeriesStatus::Absent);
    }
}
