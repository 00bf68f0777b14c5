//! The series summary of each jurisdiction: built as `series` builds it,
//! kept in the cache with its discovered formulations, its page written.

use super::scan::reload;
use super::site::Site;
use super::{CorpusOptions, Jurisdiction, Progress};
use crate::compare::phrases::PhraseKind;
use crate::compare::series::{self, EmergingYear, SectionTrack, SeriesOptions, Step};
use crate::corpus::cache::Key;
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
    /// Formulations discovered in its reports (multiword expressions no report
    /// marks and the lexicon lacks), sorted: candidates of the diffusion table.
    pub(super) discovered: Vec<String>,
}

/// The series summary of every jurisdiction.
pub(super) fn series_all(
    jurisdictions: &[Jurisdiction],
    opts: &CorpusOptions,
    progress: &dyn Progress,
    pages: Option<&Site>,
) -> crate::error::Result<Vec<SeriesEntry>> {
    progress.stage("series", jurisdictions.len() as u64);
    let out: Vec<crate::error::Result<SeriesEntry>> = jurisdictions
        .par_iter()
        .map(|j| {
            let r = series_of(j, opts, pages);
            progress.tick();
            r
        })
        .collect();
    out.into_iter().collect()
}

fn series_of(j: &Jurisdiction, opts: &CorpusOptions, pages: Option<&Site>) -> crate::error::Result<SeriesEntry> {
    let s = &opts.series;
    let mut parts: Vec<Vec<u8>> = vec![
        b"series".to_vec(),
        format!(
            "{:?}|{}|{:?}|{}|{}",
            s.phrases.watch, s.phrases.no_lexicon, s.phrases.sort, s.top, s.ignore_years
        )
        .into_bytes(),
    ];
    for r in &j.reports {
        parts.push(r.source.file_key.as_str().as_bytes().to_vec());
        parts.push(format!("{}|{}", r.source.index, r.year).into_bytes());
    }
    let key = Key::of(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let page_name = format!("{}.html", j.slug);
    if let Some(cache) = &opts.cache {
        let entry = cache.get::<SeriesEntry>("series", &key);
        let page = pages.map(|_| cache.get_text("page", &key));
        match (entry, page) {
            (Some(entry), None) => return Ok(entry),
            (Some(entry), Some(Some(html))) => {
                if let Some(site) = pages {
                    site.write_series_page(&page_name, &html)?;
                }
                return Ok(entry);
            }
            _ => {}
        }
    }
    // A report that vanished since the scan is left out of the series; the
    // counting step lists it as a problem.
    let reports: Vec<Report> = j.reports.iter().filter_map(|e| reload(e, opts).ok()).collect();
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
        if let Some(cache) = &opts.cache {
            cache.put_text("page", &key, &html);
        }
        site.write_series_page(&page_name, &html)?;
    }
    let entry = SeriesEntry {
        summary,
        discovered: series
            .phrases
            .iter()
            .filter(|p| p.kind == PhraseKind::Discovered)
            .map(|p| p.text.clone())
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect(),
    };
    if let Some(cache) = &opts.cache {
        cache.put("series", &key, &entry);
    }
    Ok(entry)
}
