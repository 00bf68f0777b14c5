//! The series summary of each jurisdiction: built as `series` builds it,
//! kept in the cache with its discovered formulations, its page written.

use super::scan::Reloads;
use super::site::Site;
use super::{CorpusOptions, Jurisdiction, Problem, Progress};
use crate::compare::phrases::PhraseKind;
use crate::compare::series::{self, EmergingYear, SectionTrack, SeriesOptions, Step};
use crate::corpus::cache::KeyParts;
use crate::read::document::Report;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the series of a jurisdiction says, without the texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesSummary {
    /// Consecutive diff summaries.
    pub steps: Vec<Step>,
    /// Level-1/2 sections followed across years.
    pub sections: Vec<SectionTrack>,
    /// Emerging terms per report after the first.
    pub emerging: Vec<EmergingYear>,
}

/// What the cache keeps of a jurisdiction's series.
#[derive(Serialize, Deserialize)]
pub(super) struct SeriesEntry {
    pub(super) summary: SeriesSummary,
    /// The key figures of its reports (`targets.csv`).
    pub(super) key_figures: Vec<super::KeyFigure>,
    /// Formulations discovered in its reports (multiword expressions no report
    /// marks and the lexicon lacks), sorted: candidates of the diffusion table.
    pub(super) discovered: Vec<String>,
    /// Reports that could not be read again, left out of this series (which
    /// is then not cached: the next run must not take it for the whole one).
    #[serde(skip)]
    pub(super) problems: Vec<Problem>,
}

/// The series summary of every jurisdiction.
pub(super) fn series_all(
    jurisdictions: &[Jurisdiction],
    opts: &CorpusOptions,
    progress: &dyn Progress,
    pages: Option<&Site>,
) -> crate::error::Result<Vec<SeriesEntry>> {
    progress.stage("series", jurisdictions.len() as u64);
    let reloads = Reloads::new(jurisdictions.iter().flat_map(|j| &j.reports));
    let out: Vec<crate::error::Result<SeriesEntry>> = jurisdictions
        .par_iter()
        .map(|j| {
            let r = series_of(j, opts, pages, &reloads);
            progress.tick();
            r
        })
        .collect();
    out.into_iter().collect()
}

fn series_of(
    j: &Jurisdiction,
    opts: &CorpusOptions,
    pages: Option<&Site>,
    reloads: &Reloads,
) -> crate::error::Result<SeriesEntry> {
    let s = &opts.series;
    let sort = serde_json::to_string(&s.phrases.sort).unwrap_or_default();
    let mut parts = KeyParts::new()
        .text("series")
        .texts(s.phrases.watch.iter().map(String::as_str))
        .flag(s.phrases.no_lexicon)
        .text(&sort)
        .int(s.top as i128)
        .flag(s.ignore_years)
        .int(j.reports.len() as i128);
    for r in &j.reports {
        parts = parts
            .text(r.source.file_key.as_str())
            .int(r.source.index as i128)
            .int(i128::from(r.year));
    }
    let key = parts.key();
    let page_name = format!("{}.html", j.slug);
    if let Some(cache) = &opts.cache {
        let entry = cache.get::<SeriesEntry>("series", &key);
        let page = pages.map(|_| cache.get_text("page", &key));
        match (entry, page) {
            (Some(entry), None) => {
                j.reports.iter().for_each(|r| reloads.skip(r));
                return Ok(entry);
            }
            (Some(entry), Some(Some(html))) => {
                j.reports.iter().for_each(|r| reloads.skip(r));
                if let Some(site) = pages {
                    site.write_series_page(&page_name, &html)?;
                }
                return Ok(entry);
            }
            _ => {}
        }
    }
    // A report that cannot be read again is left out of the series, listed
    // as a problem, and the incomplete series is not cached.
    let mut problems = Vec::new();
    let mut reports: Vec<Report> = Vec::with_capacity(j.reports.len());
    for e in &j.reports {
        match reloads.report(e, opts) {
            Ok(r) => reports.push(r),
            Err(p) => problems.push(Problem {
                path: p.path,
                message: format!("{}; left out of the series of {}", p.message, j.name),
            }),
        }
    }
    let complete = problems.is_empty();
    // The series page shows the consecutive diffs; the summary does not.
    let page_options = SeriesOptions {
        keep_diffs: true,
        ..s.clone()
    };
    let series = series::build_series(&reports, if pages.is_some() { &page_options } else { s }, &|| {});
    drop(reports);
    let summary = SeriesSummary {
        steps: series.steps.clone(),
        sections: series.sections.clone(),
        emerging: series.emerging.clone(),
    };
    if let Some(site) = pages {
        let html = Site::series_page(&series);
        if let Some(cache) = opts.cache.as_ref().filter(|_| complete) {
            cache.put_text("page", &key, &html);
        }
        site.write_series_page(&page_name, &html)?;
    }
    let entry = SeriesEntry {
        summary,
        key_figures: super::targets::key_figures(&series.figures),
        discovered: series
            .phrases
            .iter()
            .filter(|p| p.kind == PhraseKind::Discovered)
            .map(|p| p.text.clone())
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect(),
        problems,
    };
    if let Some(cache) = opts.cache.as_ref().filter(|_| complete) {
        cache.put("series", &key, &entry);
    }
    Ok(entry)
}
