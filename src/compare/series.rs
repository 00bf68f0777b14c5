//! The `series` and `phrases` commands' results: one jurisdiction over many
//! years. Reports are ordered by year (ties by argument order); every report is
//! segmented once with one shared dictionary; consecutive pairs are diffed in
//! parallel; phrases get a timeline; level-1/2 sections are followed from year to
//! year; emerging words are ranked by keyness (log-likelihood G²) against the
//! previous report.

use crate::compare::phrases::{self, Context, PhraseKind};
use crate::compare::report::{self, DiffOptions, DiffReport, Prepared, Summary};
use crate::compare::segment::{Segmenter, TokenKind};
use crate::read::document::Report;
use crate::read::meta::ReportMeta;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};

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
    /// The full consecutive diffs (for HTML; the JSON carries `steps`).
    #[serde(skip)]
    pub diffs: Vec<DiffReport>,
}

/// Options of a series.
#[derive(Debug, Clone, Default)]
pub struct SeriesOptions {
    /// Watched phrases.
    pub watch: Vec<String>,
    /// Emerging terms kept per year.
    pub top: usize,
    /// Year shifts are not changes.
    pub ignore_years: bool,
}

/// Orders reports by year; reports without a year keep their place at the end,
/// ties by input order.
pub fn order_by_year(reports: &mut [Report]) {
    reports.sort_by_key(|r| (r.meta.year.is_none(), r.meta.year));
}

/// Builds the series of reports already in memory; `tick` is called once per
/// finished step (progress).
pub fn build_series(reports: &[Report], opts: &SeriesOptions, tick: &(dyn Fn() + Sync)) -> SeriesReport {
    let candidates = report::candidates_of(reports.iter().map(|r| r.text()), &opts.watch);
    let protected: Vec<String> = candidates.keys().cloned().collect();
    let seg = Segmenter::new(reports.iter().map(|r| r.text()), &protected);
    let mut builder = SeriesBuilder::new(&seg, candidates, opts.clone(), true);
    for (i, r) in reports.iter().enumerate() {
        builder.push(r.clone());
        if i > 0 {
            tick();
        }
    }
    builder.finish()
}

/// Builds a series one report at a time, in year order, holding at most two
/// prepared reports (the previous and the current one): its memory grows with
/// the summaries (counts, steps, section history), not with the texts.
pub struct SeriesBuilder<'s> {
    seg: &'s Segmenter,
    candidates: BTreeMap<String, PhraseKind>,
    counter: phrases::PhraseCounter,
    opts: SeriesOptions,
    /// Keep every consecutive diff (the HTML page shows them).
    keep_diffs: bool,
    previous: Option<Previous>,
    reports: Vec<ReportMeta>,
    counts: Vec<Vec<usize>>,
    /// Word frequencies of the last [`KEYNESS_WINDOW`] reports, with their years.
    window: VecDeque<(TermCounts, Option<i32>)>,
    steps: Vec<Step>,
    tracks: Vec<SectionTrack>,
    emerging: Vec<EmergingYear>,
    diffs: Vec<DiffReport>,
}

/// The previous report, kept until the next one is diffed against it.
struct Previous {
    prepared: Prepared<'static>,
    /// Section track id of each of its units.
    track_of: HashMap<usize, usize>,
}

/// Word and word-pair counts of a report, and its number of words.
type TermCounts = (HashMap<String, usize>, usize);

impl<'s> SeriesBuilder<'s> {
    /// A builder whose reports are segmented with `seg` (which should protect
    /// every candidate) and whose phrase timelines follow `candidates`.
    pub fn new(
        seg: &'s Segmenter,
        candidates: BTreeMap<String, PhraseKind>,
        opts: SeriesOptions,
        keep_diffs: bool,
    ) -> SeriesBuilder<'s> {
        let counter = phrases::PhraseCounter::new(candidates.keys().map(String::as_str));
        SeriesBuilder {
            seg,
            candidates,
            counter,
            opts,
            keep_diffs,
            previous: None,
            reports: Vec::new(),
            counts: Vec::new(),
            window: VecDeque::new(),
            steps: Vec::new(),
            tracks: Vec::new(),
            emerging: Vec::new(),
            diffs: Vec::new(),
        }
    }

    /// Adds the next report (reports must come in year order) and returns the
    /// counts of the candidates in it, in candidate order.
    pub fn push(&mut self, report: Report) -> &[usize] {
        let year = report.meta.year;
        self.reports.push(report.meta.clone());
        let current = Prepared::owned(report, self.seg);
        self.counts.push(self.counter.count(current.counting_text()));
        let freqs = (self.opts.top > 0).then(|| term_frequencies(&current));
        let mut from_previous: HashMap<usize, usize> = HashMap::new();
        let previous = self.previous.take();
        if let Some(prev) = &previous {
            let pair_candidates =
                report::candidates_of([prev.prepared.report.text(), current.report.text()], &self.opts.watch);
            let diff_opts = DiffOptions {
                ignore_years: self.opts.ignore_years,
                watch: self.opts.watch.clone(),
                contexts: 1,
            };
            let (d, pairs) = report::diff_aligned(&prev.prepared, &current, &pair_candidates, &diff_opts);
            self.steps.push(Step {
                old_year: d.old.year,
                new_year: d.new.year,
                summary: d.summary.clone(),
            });
            if self.keep_diffs {
                self.diffs.push(d);
            }
            from_previous = pairs.iter().map(|p| (p.new, p.old)).collect();
            if let Some(f) = &freqs {
                self.emerging.push(emerging_year(f, year, &self.window, self.opts.top));
            }
        }
        let track_of = self.follow_sections(&current, &from_previous, previous.as_ref().map(|p| &p.track_of), year);
        if let Some(f) = freqs {
            self.window.push_back((f, year));
            if self.window.len() > KEYNESS_WINDOW {
                self.window.pop_front();
            }
        }
        self.previous = Some(Previous {
            prepared: current,
            track_of,
        });
        self.counts.last().map_or(&[], Vec::as_slice)
    }

    /// Extends the level-1 and level-2 section tracks with the sections of
    /// `current`, following its alignment with the previous report.
    fn follow_sections(
        &mut self,
        current: &Prepared,
        from_previous: &HashMap<usize, usize>,
        previous_tracks: Option<&HashMap<usize, usize>>,
        year: Option<i32>,
    ) -> HashMap<usize, usize> {
        let mut track_of = HashMap::new();
        for (u, reference, _) in current.outline_refs() {
            if reference.level > 2 || reference.marker.is_empty() {
                continue;
            }
            let heading = format!("{}{}", reference.marker, reference.heading);
            let existing = from_previous
                .get(&u)
                .and_then(|o| previous_tracks.and_then(|t| t.get(o)))
                .copied();
            let id = match existing {
                Some(id) if self.tracks[id].level == reference.level => id,
                _ => {
                    self.tracks.push(SectionTrack {
                        level: reference.level,
                        headings: Vec::new(),
                        first_year: year,
                        last_year: year,
                    });
                    self.tracks.len() - 1
                }
            };
            self.tracks[id].headings.push((year, heading));
            self.tracks[id].last_year = year;
            track_of.insert(u, id);
        }
        track_of
    }

    /// The series of the reports pushed so far.
    pub fn finish(self) -> SeriesReport {
        let years: Vec<Option<i32>> = self.reports.iter().map(|m| m.year).collect();
        SeriesReport {
            schema_version: 1,
            phrases: timelines(&self.counts, &self.candidates, &years),
            reports: self.reports,
            steps: self.steps,
            sections: self.tracks,
            emerging: self.emerging,
            diffs: self.diffs,
        }
    }
}

fn timelines(
    per_report: &[Vec<usize>],
    candidates: &BTreeMap<String, PhraseKind>,
    years: &[Option<i32>],
) -> Vec<PhraseTimeline> {
    let mut out: Vec<PhraseTimeline> = candidates
        .iter()
        .enumerate()
        .map(|(k, (text, &kind))| {
            let counts: Vec<usize> = per_report.iter().map(|c| c[k]).collect();
            let present: Vec<Option<i32>> = (0..counts.len()).filter(|&i| counts[i] > 0).map(|i| years[i]).collect();
            PhraseTimeline {
                text: text.clone(),
                status: series_status(&counts),
                first_year: present.first().copied().flatten(),
                last_year: present.last().copied().flatten(),
                years: present,
                counts,
                kind,
            }
        })
        .filter(|t| t.status != SeriesStatus::Absent || t.kind == PhraseKind::Watch)
        .collect();
    // By first appearance, then by total count, then text.
    out.sort_by(|a, b| {
        let first = |t: &PhraseTimeline| t.counts.iter().position(|&c| c > 0).unwrap_or(usize::MAX);
        first(a)
            .cmp(&first(b))
            .then(b.counts.iter().sum::<usize>().cmp(&a.counts.iter().sum::<usize>()))
            .then(a.text.cmp(&b.text))
    });
    out
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

/// Emerging terms of a report against the previous ones in `window`
/// (log-likelihood G²). The reference spans up to [`KEYNESS_WINDOW`] previous
/// reports, so a word that merely skipped one year does not count as emerging.
fn emerging_year(
    current: &TermCounts,
    year: Option<i32>,
    window: &VecDeque<(TermCounts, Option<i32>)>,
    top: usize,
) -> EmergingYear {
    let (cur, cur_total) = current;
    let mut prev: HashMap<&str, usize> = HashMap::new();
    let mut prev_total = 0;
    for ((f, total), _) in window {
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
        year,
        against: window.front().and_then(|(_, y)| *y),
        against_to: window.back().and_then(|(_, y)| *y),
        terms,
    }
}

/// Word and adjacent-word-pair counts of a report (numbers, punctuation, single
/// characters and stop words left out), and the number of words.
fn term_frequencies(p: &Prepared) -> TermCounts {
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

/// G² of a term seen `a` times in `c` words against `b` times in `d` words;
/// `None` unless the term is relatively more frequent in the first text.
pub fn log_likelihood(a: usize, c: usize, b: usize, d: usize) -> Option<f64> {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if a / c <= b / d {
        return None;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    Some(2.0 * (term(a, e1) + term(b, e2)))
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
}

/// The result of `reportdiff phrases`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhrasesReport {
    /// Always 1.
    pub schema_version: u32,
    /// Reports in input order.
    pub reports: Vec<ReportMeta>,
    /// Phrases, most frequent first.
    pub phrases: Vec<PhraseOccurrences>,
}

/// Finds the policy phrases of `reports`, with up to `contexts` KWIC sentences
/// per phrase and report.
pub fn phrases_report(reports: &[Report], watch: &[String], contexts: usize) -> PhrasesReport {
    let candidates = report::candidates_of(reports.iter().map(|r| r.text()), watch);
    let list: Vec<&String> = candidates.keys().collect();
    let counting: Vec<String> = reports.par_iter().map(|r| phrases::counting_text(r.text())).collect();
    let per_report: Vec<Vec<usize>> = counting.par_iter().map(|t| phrases::count_all(t, &list)).collect();
    let mut out: Vec<PhraseOccurrences> = list
        .par_iter()
        .enumerate()
        .map(|(k, text)| {
            let mut ctx = Vec::new();
            for r in reports {
                for (offset, sentence) in phrases::sentences_with(r.text(), text, contexts) {
                    ctx.push(Context {
                        report: r.meta.label(),
                        section: section_path_at(r, offset),
                        text: sentence,
                    });
                }
            }
            PhraseOccurrences {
                text: (*text).clone(),
                kind: candidates[*text],
                counts: per_report.iter().map(|c| c[k]).collect(),
                contexts: ctx,
            }
        })
        .filter(|p| p.kind == PhraseKind::Watch || p.counts.iter().any(|&c| c > 0))
        .collect();
    out.sort_by(|a, b| {
        (b.kind == PhraseKind::Watch)
            .cmp(&(a.kind == PhraseKind::Watch))
            .then(b.counts.iter().sum::<usize>().cmp(&a.counts.iter().sum::<usize>()))
            .then(a.text.cmp(&b.text))
    });
    PhrasesReport {
        schema_version: 1,
        reports: reports.iter().map(|r| r.meta.clone()).collect(),
        phrases: out,
    }
}

/// Headings of the sections containing normalized char `offset`, top down.
fn section_path_at(r: &Report, offset: usize) -> String {
    let mut path: Vec<String> = Vec::new();
    for s in r.sections.iter().filter(|s| s.start <= offset && offset < s.end) {
        path.push(
            s.role
                .placeholder()
                .map_or_else(|| format!("{}{}", s.marker, s.heading), str::to_string),
        );
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

    #[test]
    fn g2_is_zero_for_equal_rates_and_grows_with_difference() {
        assert_eq!(log_likelihood(10, 1000, 10, 1000), None);
        let small = log_likelihood(12, 1000, 10, 1000).unwrap();
        let large = log_likelihood(40, 1000, 10, 1000).unwrap();
        assert!(small > 0.0 && large > small);
        // Known value: a=30,c=1000,b=0,d=1000 → 2*30*ln(2) ≈ 41.59.
        assert!((log_likelihood(30, 1000, 0, 1000).unwrap() - 41.5888).abs() < 1e-3);
    }
}
