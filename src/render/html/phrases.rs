//! The `phrases` page: counts per report and keyword-in-context lines.

use super::series::{shade, ReportRow, TimelineCell};
use super::*;

/// The `phrases` page: each phrase's count per report, with its
/// keyword-in-context sentences.
pub fn phrases(report: &PhrasesReport) -> String {
    let page = PhrasesPage::new(report);
    page.render()
        .unwrap_or_else(|e| format!("<!-- render error: {e} -->\n"))
}

/// One phrase of the `phrases` page.
struct PhraseListRow {
    id: String,
    text: String,
    kind: &'static str,
    cells: Vec<TimelineCell>,
    total: usize,
    contexts: Vec<ContextView>,
}

#[derive(Template)]
#[template(path = "phrases.html", whitespace = "minimize")]
struct PhrasesPage {
    csp: &'static str,
    heading: String,
    reports: Vec<ReportRow>,
    columns: Vec<String>,
    rows: Vec<PhraseListRow>,
}

impl PhrasesPage {
    fn new(report: &PhrasesReport) -> PhrasesPage {
        let labels: Vec<String> = report.reports.iter().map(ReportMeta::label).collect();
        PhrasesPage {
            csp: CSP,
            heading: labels.join("、"),
            reports: report
                .reports
                .iter()
                .map(|m| ReportRow {
                    year: m.label(),
                    title: m.display_title(),
                    kind: m.kind.label(),
                })
                .collect(),
            columns: report
                .reports
                .iter()
                .map(|m| crate::render::year_text(m.year, "?"))
                .collect(),
            rows: report
                .phrases
                .iter()
                .enumerate()
                .map(|(i, p)| PhraseListRow {
                    id: format!("ph-{i}"),
                    text: p.text.clone(),
                    kind: phrase_kind_label(p.kind),
                    cells: p
                        .counts
                        .iter()
                        .map(|&count| TimelineCell {
                            count,
                            shade: shade(count),
                            step: None,
                        })
                        .collect(),
                    total: p.counts.iter().sum(),
                    contexts: p
                        .contexts
                        .iter()
                        .map(|c| ContextView {
                            side: c.report.clone(),
                            section: None,
                            section_path: zh(&c.section),
                            parts: kwic_parts(&c.text, &p.text),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
