//! The figures of a report's table rows (`compare/figures/rows.rs`) as
//! [`Figure`]s placed in the normalized text: a row's figures replace whatever
//! the sentence reader found in it (a row is no sentence).

use crate::compare::figures::{row_figures, Figure, FigureValue};
use crate::read::document::Report;
use std::ops::Range;

/// The normalized char index of file char `file`: the first char that comes
/// from it or from a later one (origins never go backwards).
fn normalized_at(report: &Report, file: usize) -> usize {
    let origin = &report.normalized.origin;
    let (mut lo, mut hi) = (0, origin.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if origin.get(mid).is_some_and(|o| o < file) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Adds the figures of `report`'s table rows to `figures` (document order kept;
/// `section_at` names the section path of a normalized char),
/// dropping those the sentence reader found inside the rows that gave figures
/// (a table of sentences, such as a list of works done, keeps them).
pub(super) fn add_row_figures(report: &Report, section_at: &dyn Fn(usize) -> String, figures: &mut Vec<Figure>) {
    if report.tables.is_empty() {
        return;
    }
    let text = report.text();
    let found: Vec<_> = report
        .tables
        .iter()
        .flat_map(|t| row_figures(t, report.meta.year))
        .collect();
    if found.is_empty() {
        return;
    }
    // Rows read as figures are no sentences: what the sentence reader found in them goes.
    let rows: Vec<Range<usize>> = found
        .iter()
        .map(|f| normalized_at(report, f.row.start)..normalized_at(report, f.row.end))
        .collect();
    figures.retain(|f| !rows.iter().any(|r| r.contains(&f.value.chars.0)));
    let places: Vec<usize> = found
        .iter()
        .flat_map(|f| [f.row.start, f.row.end, f.cell.start, f.cell.end])
        .map(|c| normalized_at(report, c))
        .collect();
    let bytes = crate::text::byte_offsets(text, &places);
    for (i, f) in found.into_iter().enumerate() {
        let [row_start, _, cell_start, cell_end] = [0, 1, 2, 3].map(|k| places[4 * i + k]);
        let row_text = &text[bytes[4 * i]..bytes[4 * i + 1].max(bytes[4 * i])];
        let section = section_at(row_start);
        figures.push(Figure {
            indicator: f.indicator,
            kind: f.kind,
            horizon: f.horizon,
            key: f.key,
            value: FigureValue {
                value: f.value,
                low: f.low,
                high: f.high,
                unit: f.unit,
                qualifier: f.qualifier,
                end_year: f.end_year,
                extra: None,
                sentence: report.normalized.original_of(row_start, row_text),
                section,
                chars: (cell_start, cell_end),
            },
        });
    }
    figures.sort_by_key(|f| f.value.chars.0);
}
