//! The `corpus` command's result: every report under some folders, grouped by
//! jurisdiction and kind, a series summary per jurisdiction, and how each
//! policy phrase spread across jurisdictions year by year.
//!
//! The work streams, so memory grows with the summaries, not the texts:
//! 1. **scan** (parallel over files): read, split, normalize, outline; keep the
//!    metadata and phrase candidates (marked terms, lexicon entries) of each
//!    report, store its counting text in the cache, drop the text;
//! 2. **group**: by jurisdiction and kind, ordered by year; duplicates and
//!    undated reports become problems;
//! 3. **series** (parallel over jurisdictions): each jurisdiction's reports are
//!    read again and its series built as `series` builds it (phrase discovery
//!    needs every report of the series at once), then dropped: memory holds
//!    the jurisdictions in flight, not the corpus. Its discovered formulations
//!    are kept;
//! 4. **count** (parallel over reports): the corpus-wide phrase list (watched,
//!    marked, lexicon, discovered) in each report's counting text, as plain
//!    substrings, one automaton pass.
//!
//! Every step reads and writes the optional [`Cache`], keyed by content.
//!
//! Submodules by step: `scan` (1, and reading a report again), `jurisdictions`
//! (2), `summary` (3), `followed` (the phrase list) and `diffusion` (4, and
//! the ranking).

pub mod cache;
mod diffusion;
mod followed;
mod jurisdictions;
mod scan;
pub mod site;
mod summary;
mod targets;

pub use diffusion::{Adoption, Diffusion, Use, MIN_REPORTS_FOR_SHARE};
pub use jurisdictions::level_of;
pub use scan::walk;
pub use summary::SeriesSummary;
pub use targets::KeyFigure;

use crate::compare::phrases::PhraseKind;
use crate::compare::series::SeriesOptions;
use crate::corpus::cache::{Cache, Key};
use crate::read::document::LoadOptions;
use crate::read::meta::Kind;
use followed::Followed;
use jurisdictions::Found;
use rayon::prelude::*;
use scan::{Scanned, SourceRef};
use serde::Serialize;
use site::Site;
use std::collections::BTreeMap;

/// Options of a corpus run.
#[derive(Debug, Clone, Default)]
pub struct CorpusOptions {
    /// How files become reports.
    pub load: LoadOptions,
    /// Watched phrases, emerging terms, year shifts: as for `series`.
    pub series: SeriesOptions,
    /// Answer for this one phrase only: no candidates, no series.
    pub phrase: Option<String>,
    /// A formulation is followed when it is a candidate (marked, lexicon,
    /// discovered) in at least this many jurisdictions (watched phrases always are).
    pub min_jurisdictions: usize,
    /// Where prepared summaries are kept between runs.
    pub cache: Option<Cache>,
    /// Group by the folder each file is in, not by the jurisdiction the
    /// report names (for curated one-folder-per-place collections).
    pub group_by_folder: bool,
}

/// Progress of a long run (a bar on a terminal, nothing otherwise).
pub trait Progress: Sync {
    /// A stage with `len` steps begins.
    fn stage(&self, label: &str, len: u64);
    /// One step of the stage is done.
    fn tick(&self);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _: &str, _: u64) {}
    fn tick(&self) {}
}

/// A file or report that could not be used, and why. Never fatal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The file.
    pub path: String,
    /// What is wrong and what was done about it.
    pub message: String,
}

/// One report of a jurisdiction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportEntry {
    /// Year of delivery.
    pub year: i32,
    /// The file.
    pub path: String,
    /// The title, if the scrape had one.
    pub title: Option<String>,
    /// Position of the report in its file (1-based), when the file holds several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<usize>,
    /// Characters of normalized text.
    pub chars: usize,
    #[serde(skip)]
    source: SourceRef,
}

/// The reports of one jurisdiction and kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Jurisdiction {
    /// Official name as detected in the reports (`广州市`), or the folder name.
    pub name: String,
    /// `national`, `province`, `city`, `county` or `town`, from the name.
    pub level: &'static str,
    /// Kind of the reports.
    pub kind: Kind,
    /// The name is the folder's: no report named its jurisdiction.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub name_from_folder: bool,
    /// Reports ordered by year, one per year.
    pub reports: Vec<ReportEntry>,
    /// Copies of a year already covered, left out (each listed under the problems).
    #[serde(skip_serializing_if = "is_zero")]
    pub set_aside: usize,
    /// The series summary (absent with `--phrase`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<SeriesSummary>,
    /// File-name stem of its pages (`广州市` or `广州市-summary`).
    #[serde(skip)]
    pub slug: String,
    /// The key figures of its reports (empty with `--phrase`): the rows of
    /// `targets.csv`.
    #[serde(skip)]
    pub key_figures: Vec<KeyFigure>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The result of `reportdiff corpus`.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusReport {
    /// Always 1.
    pub schema_version: u32,
    /// Jurisdictions by name, then kind.
    pub jurisdictions: Vec<Jurisdiction>,
    /// Phrases: watched, then established terms, then the rest; each tier by
    /// [`Diffusion::rise`], then by adopters.
    pub phrases: Vec<Diffusion>,
    /// Files and reports left out, with the reason.
    pub problems: Vec<Problem>,
    /// Work reports per year (the denominators of `share_by_year`).
    pub reports_by_year: BTreeMap<i32, usize>,
}
/// Builds the corpus report of the `files` found by [`walk`] (with the
/// problems of the walk). `pages`, when given, gets each jurisdiction's
/// series page rendered by the renderer.
pub fn build_corpus(
    (files, mut problems): (Vec<String>, Vec<Problem>),
    opts: &CorpusOptions,
    progress: &dyn Progress,
    pages: Option<&Site>,
) -> crate::error::Result<CorpusReport> {
    progress.stage("reading", files.len() as u64);
    let scans: Vec<Result<(Key, Vec<Scanned>), Problem>> = files
        .par_iter()
        .map(|f| {
            let r = scan::scan_file(f, opts);
            progress.tick();
            r
        })
        .collect();
    let mut found: Vec<Found> = Vec::new();
    for scan in scans {
        match scan {
            Err(p) => problems.push(p),
            Ok((key, scanned)) => {
                let several = scanned.len() > 1;
                for (index, s) in scanned.into_iter().enumerate() {
                    found.push(jurisdictions::found_of(
                        s,
                        key.clone(),
                        index,
                        several,
                        opts.group_by_folder,
                    ));
                }
            }
        }
    }
    let (mut jurisdictions, candidates) = jurisdictions::group(found, opts.group_by_folder, &mut problems);
    jurisdictions.sort_by(|a, b| (&a.name, a.kind).cmp(&(&b.name, b.kind)));
    jurisdictions::slugs(&mut jurisdictions);

    // The series come first: their discovered formulations join the list.
    let mut discovered: Vec<Vec<String>> = Vec::new();
    if opts.phrase.is_none() {
        let entries = summary::series_all(&jurisdictions, opts, progress, pages)?;
        for (j, e) in jurisdictions.iter_mut().zip(entries) {
            problems.extend(e.problems);
            j.series = Some(e.summary);
            j.key_figures = e.key_figures;
            discovered.push(e.discovered);
        }
    }
    let list: Vec<Followed> = match &opts.phrase {
        Some(p) => vec![Followed {
            text: p.clone(),
            kind: PhraseKind::Watch,
            sources: BTreeMap::new(),
        }],
        None => followed::phrase_list(&jurisdictions, &candidates, &discovered, opts),
    };
    let reports_by_year = diffusion::reports_by_year(&jurisdictions);
    let phrases = diffusion::diffusion(&jurisdictions, &list, opts, progress, &reports_by_year, &mut problems);
    problems.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    Ok(CorpusReport {
        schema_version: 1,
        jurisdictions,
        phrases,
        problems,
        reports_by_year,
    })
}
