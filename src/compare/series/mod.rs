//! The `series` command's result: one jurisdiction over many
//! years. Reports are ordered by year (ties by argument order); every report is
//! segmented once with one shared dictionary; consecutive pairs are diffed in
//! parallel; phrases get a timeline; level-1/2 sections are followed from year to
//! year; emerging words are ranked by keyness (log-likelihood G²) against the
//! previous report. Years missing between the first and the last report are
//! listed, and a phrase's first or last year next to a missing one says so.
//! A year given twice is followed through one copy ([`duplicates`]).

mod build;
pub mod duplicates;
mod emerging;
mod figures;
mod kept;
mod timelines;
mod tracks;

pub use crate::compare::phrases::tops::{ReportTop, TopPhrase};
pub use build::build_series;
pub use figures::targets_table;

use crate::compare::phrases::{PhraseKind, PhraseOptions};
use crate::compare::report::{DiffReport, Summary};
use crate::read::document::Report;
use crate::read::meta::ReportMeta;
use serde::Serialize;

/// Status of a phrase over a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesStatus {
    /// First seen after the first report, present in the last.
    New,
    /// Present in the first and the last report, never absent for more than
    /// one report at a time.
    Recurring,
    /// In the last report, back after an absence of at least
    /// [`MIN_REVIVAL_GAP`] consecutive reports (`last_seen`: the year it was
    /// last used before).
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

/// Consecutive reports a phrase must be absent from before its return makes it `revived`.
pub const MIN_REVIVAL_GAP: usize = 2;

/// Status of a phrase from its per-report counts.
pub fn series_status(counts: &[usize]) -> SeriesStatus {
    let present: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] > 0).collect();
    let (Some(&first), Some(&last)) = (present.first(), present.last()) else {
        return SeriesStatus::Absent;
    };
    if last + 1 < counts.len() {
        SeriesStatus::Dropped
    } else if last_seen_before_return(counts).is_some() {
        SeriesStatus::Revived
    } else if first > 0 {
        SeriesStatus::New
    } else {
        SeriesStatus::Recurring
    }
}

/// For a phrase in the last report: the index of the last report holding it
/// before its latest absence of at least [`MIN_REVIVAL_GAP`] consecutive
/// reports, if it had one since it first appeared.
pub fn last_seen_before_return(counts: &[usize]) -> Option<usize> {
    if counts.last().is_none_or(|&c| c == 0) {
        return None;
    }
    let present: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] > 0).collect();
    present
        .windows(2)
        .rev()
        .find(|w| w[1] - w[0] > MIN_REVIVAL_GAP)
        .map(|w| w[0])
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
    /// Longer forms the phrase stands in, in the reports where its text occurs
    /// only inside them (most frequent first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
    /// Year of the first report whose text contains it.
    pub first_year: Option<i32>,
    /// Year of the last report whose text contains it.
    pub last_year: Option<i32>,
    /// `revived` only: the year of the last report holding it before its
    /// latest absence of at least [`MIN_REVIVAL_GAP`] reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<i32>,
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
    /// 2 since first/last years and statuses come from the texts (1: from the counts).
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
    /// Years given more than once: the copy used and the copies set aside.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<duplicates::Duplicate>,
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

/// The label a series gives the report at `index`: its year, or `#<n>` (its
/// place, 1-based) when it has none.
pub(crate) fn report_label(index: usize, year: Option<i32>) -> String {
    year.map_or_else(|| format!("#{}", index + 1), |y| y.to_string())
}

/// Orders reports by year; reports without a year keep their place at the end,
/// ties by input order.
pub fn order_by_year(reports: &mut [Report]) {
    reports.sort_by_key(|r| (r.meta.year.is_none(), r.meta.year));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(series_status(&[1, 2, 3]), SeriesStatus::Recurring);
        assert_eq!(series_status(&[0, 2, 3]), SeriesStatus::New);
        assert_eq!(series_status(&[1, 2, 0]), SeriesStatus::Dropped);
        // One report missing is no revival; two are.
        assert_eq!(series_status(&[1, 0, 3]), SeriesStatus::Recurring);
        assert_eq!(series_status(&[0, 1, 0, 3]), SeriesStatus::New);
        assert_eq!(series_status(&[1, 0, 0, 3]), SeriesStatus::Revived);
        assert_eq!(series_status(&[1, 0, 0, 3, 0]), SeriesStatus::Dropped);
        assert_eq!(series_status(&[0, 1, 0]), SeriesStatus::Dropped);
        assert_eq!(series_status(&[0, 0, 0]), SeriesStatus::Absent);
    }

    #[test]
    fn last_seen_is_the_last_use_before_the_latest_long_absence() {
        assert_eq!(last_seen_before_return(&[1, 0, 0, 3]), Some(0));
        assert_eq!(last_seen_before_return(&[1, 0, 0, 1, 1, 0, 0, 0, 2]), Some(4));
        assert_eq!(last_seen_before_return(&[1, 0, 0, 1, 0, 1]), Some(0));
        assert_eq!(last_seen_before_return(&[1, 0, 1]), None);
        assert_eq!(
            last_seen_before_return(&[1, 0, 0, 1, 0]),
            None,
            "not back in the last report"
        );
        assert_eq!(last_seen_before_return(&[]), None);
    }
}
