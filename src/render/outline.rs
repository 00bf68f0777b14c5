//! Output of `outline` and `split`: the reports of one file, their metadata and
//! section trees.

use super::{thousands, to_json};
use crate::read::document::Report;
use crate::read::meta::{Kind, ReportMeta};
use crate::read::outline::Role;
use colored::Colorize;
use serde::Serialize;

/// The result of `outline`: the reports of one file with their section trees.
#[derive(Debug, Clone, Copy)]
pub struct Outline<'a>(pub &'a [Report]);

/// The result of `split`: the reports found in one scraped file.
#[derive(Debug, Clone, Copy)]
pub struct Listing<'a>(pub &'a [Report]);

/// Options of `outline`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutlineView {
    /// Colour is on (terminal only).
    pub color: bool,
    /// Also list lead paragraphs.
    pub leads: bool,
}

impl super::ViewOptions for OutlineView {
    fn color(&self) -> bool {
        self.color
    }
}

impl super::Render for Outline<'_> {
    type View = OutlineView;
    fn terminal(&self, view: &OutlineView) -> Option<String> {
        Some(terminal(self.0, view.leads))
    }
    fn json(&self, _view: &OutlineView) -> Option<String> {
        Some(json(self.0, true))
    }
    fn markdown(&self, view: &OutlineView) -> Option<String> {
        Some(markdown(self.0, view.leads))
    }
    fn html(&self, _view: &OutlineView) -> Option<String> {
        None
    }
}

impl super::Render for Listing<'_> {
    type View = super::Plain;
    fn terminal(&self, _view: &super::Plain) -> Option<String> {
        Some(split_terminal(self.0))
    }
    fn json(&self, _view: &super::Plain) -> Option<String> {
        Some(json(self.0, false))
    }
    fn markdown(&self, _view: &super::Plain) -> Option<String> {
        Some(split_markdown(self.0))
    }
    fn html(&self, _view: &super::Plain) -> Option<String> {
        None
    }
}

/// JSON view of one section (offsets are char offsets in the input file).
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// 1 = top level.
    pub level: u32,
    /// Marker as written, empty for preamble/closing/lead.
    pub marker: String,
    /// Heading text.
    pub heading: String,
    /// heading | preamble | closing | lead | appendix | resolution.
    pub role: Role,
    /// First char in the file.
    pub char_start: usize,
    /// One past the last char in the file.
    pub char_end: usize,
}

/// JSON view of one report.
#[derive(Debug, Serialize)]
pub struct ReportView {
    /// Input path.
    pub path: String,
    /// Title, if any.
    pub title: Option<String>,
    /// Year of delivery.
    pub year: Option<i32>,
    /// Jurisdiction.
    pub jurisdiction: Option<String>,
    /// Kind of document.
    pub kind: Kind,
    /// First char in the file.
    pub char_start: usize,
    /// One past the last char in the file.
    pub char_end: usize,
    /// Sections, flat, in document order (`split`: only the appendices and
    /// resolutions that accompany the report).
    pub sections: Vec<SectionView>,
    /// Image links (pictures, often tables), which are no text and are not
    /// compared; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImageView>,
    /// Tables in the text (compared row by row); absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableView>,
}

/// JSON view of one table in the text.
#[derive(Debug, Serialize)]
pub struct TableView {
    /// `pipe`, `tabs` or `spaces`.
    pub style: &'static str,
    /// The line before the table, when short.
    pub lead: Option<String>,
    /// The header row's cells.
    pub header: Vec<String>,
    /// Rows after the header.
    pub rows: usize,
    /// Char range of the table in the file.
    pub char_start: usize,
    /// One past its last char.
    pub char_end: usize,
}

fn tables(r: &Report) -> Vec<TableView> {
    use crate::read::table::TableStyle;
    r.tables
        .iter()
        .map(|t| TableView {
            style: match t.style {
                TableStyle::Pipe => "pipe",
                TableStyle::Tabs => "tabs",
                TableStyle::Spaces => "spaces",
            },
            lead: t.lead.clone(),
            header: t.header.cells.iter().map(|c| c.text.clone()).collect(),
            rows: t.rows.len(),
            char_start: t.chars().start,
            char_end: t.chars().end,
        })
        .collect()
}

/// JSON view of one image link.
#[derive(Debug, Serialize)]
pub struct ImageView {
    /// Where the picture is, as linked (`images/….jpg`).
    pub path: String,
    /// The alt text, else the link's title (`专栏1 …主要指标`); may be empty.
    pub caption: String,
    /// The innermost section it stands in (marker and heading, or the role's
    /// placeholder such as `(preamble)`).
    pub section: String,
    /// Char offset of the link in the file.
    pub char_start: usize,
}

/// The image links of a report with the innermost section each stands in.
fn images(r: &Report) -> Vec<ImageView> {
    let headings = r.quoted_headings();
    r.images
        .iter()
        .map(|im| {
            let section = r
                .sections
                .iter()
                .zip(&headings)
                .rfind(|(s, _)| {
                    s.role != Role::Lead && (r.file_offset(s.start)..r.file_offset(s.end)).contains(&im.char_start)
                })
                .map_or_else(String::new, |(s, (marker, heading))| {
                    // `第一章 发展环境`, `一、工作回顾`: a space after a marker word.
                    let space = if marker.ends_with(['章', '节', '篇', '编', '分']) {
                        " "
                    } else {
                        ""
                    };
                    format!("{marker}{space}{}", section_label(s.role, heading))
                });
            ImageView {
                path: im.path.clone(),
                caption: im.caption.clone(),
                section,
                char_start: im.char_start,
            }
        })
        .collect()
}

/// The `outline` / `split` JSON document.
#[derive(Debug, Serialize)]
pub struct OutlineDoc {
    /// Always 1.
    pub schema_version: u32,
    /// Reports in file order.
    pub reports: Vec<ReportView>,
}

/// Builds the JSON view of reports.
pub fn view(reports: &[Report], with_sections: bool) -> OutlineDoc {
    OutlineDoc {
        schema_version: 1,
        reports: reports
            .iter()
            .map(|r| ReportView {
                // `split` lists the parts that accompany a report (appendix, resolution).
                sections: r
                    .sections
                    .iter()
                    .zip(r.quoted_headings())
                    .filter(|(s, _)| with_sections || s.role.accompanies())
                    .map(|(s, (marker, heading))| SectionView {
                        level: s.level,
                        marker,
                        heading,
                        role: s.role,
                        char_start: r.file_offset(s.start),
                        char_end: r.file_offset(s.end),
                    })
                    .collect(),
                images: if with_sections { images(r) } else { Vec::new() },
                tables: if with_sections { tables(r) } else { Vec::new() },
                path: r.meta.path.clone(),
                title: r.meta.title.clone(),
                year: r.meta.year,
                jurisdiction: r.meta.jurisdiction.clone(),
                kind: r.meta.kind,
                char_start: r.char_start,
                char_end: r.char_end,
            })
            .collect(),
    }
}

/// JSON for `outline` (with sections) or `split` (without).
pub fn json(reports: &[Report], with_sections: bool) -> String {
    to_json(&view(reports, with_sections))
}

fn section_label(role: Role, heading: &str) -> String {
    role.placeholder().unwrap_or(heading).to_string()
}

/// The kind in Chinese and the title, joined by `sep`; the kind alone is left
/// out when the title already names it (`2025年广州市政府工作报告`).
fn kind_and_title(meta: &ReportMeta, sep: &str) -> String {
    let title = meta.display_title();
    if title.contains(meta.kind.label()) {
        title
    } else {
        format!("{}{sep}{title}", meta.kind.label())
    }
}

/// Terminal tree for `outline`.
pub fn terminal(reports: &[Report], leads: bool) -> String {
    let mut out = String::new();
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let shown = r.sections.iter().filter(|s| leads || s.role != Role::Lead).count();
        out.push_str(&format!(
            "{} {} · {}  ({} chars, {} sections)\n",
            super::year_text(r.meta.year, "????").bold(),
            r.meta.jurisdiction.as_deref().unwrap_or("?").bold(),
            kind_and_title(&r.meta, " · "),
            thousands(r.text().chars().count()),
            shown
        ));
        for (s, (marker, heading)) in r.sections.iter().zip(r.quoted_headings()) {
            if !leads && s.role == Role::Lead {
                continue;
            }
            let indent = "  ".repeat(s.level as usize);
            let label = section_label(s.role, &heading);
            let marker = if marker.is_empty() {
                String::new()
            } else {
                format!("{} ", marker.cyan())
            };
            let label = if s.role == Role::Heading && s.level == 1 {
                label.bold().to_string()
            } else {
                label
            };
            out.push_str(&format!(
                "{indent}{marker}{label}  {}\n",
                format!("{} chars", thousands(s.end - s.start)).dimmed()
            ));
        }
        if !r.images.is_empty() {
            out.push_str(&format!(
                "  {}\n",
                format!("{} images (pictures, often tables), not compared", r.images.len()).dimmed()
            ));
        }
        if !r.tables.is_empty() {
            let rows: usize = r.tables.iter().map(|t| t.rows.len()).sum();
            let line = format!(
                "{} tables in the text ({rows} rows), compared row by row",
                r.tables.len()
            );
            out.push_str(&format!("  {}\n", line.dimmed()));
        }
    }
    out
}

/// Markdown outline.
pub fn markdown(reports: &[Report], leads: bool) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&format!(
            "## {} {} — {}\n\n",
            super::year_text(r.meta.year, "????"),
            r.meta.jurisdiction.as_deref().unwrap_or("?"),
            r.meta.display_title()
        ));
        for (s, (marker, heading)) in r.sections.iter().zip(r.quoted_headings()) {
            if !leads && s.role == Role::Lead {
                continue;
            }
            let indent = "  ".repeat(s.level as usize - 1);
            let label = section_label(s.role, &heading);
            out.push_str(&format!(
                "{indent}- {}{} ({} chars)\n",
                md_escape(&marker),
                md_escape(&label),
                thousands(s.end - s.start)
            ));
        }
        out.push('\n');
    }
    out
}

/// Escapes Markdown control characters in report text.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Terminal list for `split`: one line per report.
pub fn split_terminal(reports: &[Report]) -> String {
    let mut out = String::new();
    for (i, r) in reports.iter().enumerate() {
        out.push_str(&format!(
            "{:>2}  {}  {}  {}  {}\n",
            i + 1,
            super::year_text(r.meta.year, "????").bold(),
            r.meta.jurisdiction.as_deref().unwrap_or("?").bold(),
            kind_and_title(&r.meta, "  "),
            format!("{} chars", thousands(r.text().chars().count())).dimmed()
        ));
        for (s, (_, heading)) in r.sections.iter().zip(r.quoted_headings()) {
            if !s.role.accompanies() {
                continue;
            }
            let role = if s.role == Role::Resolution {
                "resolution"
            } else {
                "appendix"
            };
            out.push_str(&format!(
                "      {}  {}  {}\n",
                role.cyan(),
                heading,
                format!("{} chars", thousands(s.end - s.start)).dimmed()
            ));
        }
    }
    out
}

/// Markdown table for `split`.
pub fn split_markdown(reports: &[Report]) -> String {
    let mut out = String::from("| # | year | jurisdiction | kind | title | chars |\n|---|---|---|---|---|---|\n");
    for (i, r) in reports.iter().enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            super::year_text(r.meta.year, "????"),
            md_escape(r.meta.jurisdiction.as_deref().unwrap_or("?")),
            r.meta.kind.label(),
            md_escape(&r.meta.display_title()),
            r.text().chars().count()
        ));
    }
    out
}
