//! `series --figures`: the key annual targets of every report beside the next
//! year's results, read without diffing the reports.

use super::report_label;
use crate::compare::figures::{timelines, Figure, TargetsTable};
use crate::compare::report::figures_of_report;
use crate::read::document::Report;
use rayon::prelude::*;

/// The targets table of reports ordered as a series orders them
/// ([`super::order_by_year`]).
pub fn targets_table(reports: &[Report]) -> TargetsTable {
    let figures: Vec<Vec<Figure>> = reports.par_iter().map(figures_of_report).collect();
    let labelled: Vec<(String, &[Figure])> = reports
        .iter()
        .zip(&figures)
        .enumerate()
        .map(|(i, (r, f))| (report_label(i, r.meta.year), f.as_slice()))
        .collect();
    let years: Vec<String> = labelled.iter().map(|(l, _)| l.clone()).collect();
    let jurisdiction = reports.iter().find_map(|r| r.meta.jurisdiction.clone());
    TargetsTable::of(&timelines(&labelled), &years, jurisdiction)
}
