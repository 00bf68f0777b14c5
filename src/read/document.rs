//! A report as every command sees it: metadata, normalized text with its map to
//! the original file, and the outline. Built by running source → split →
//! normalize → meta → outline.

use crate::error::{Error, Result};
use crate::read::meta::{self, ReportMeta};
use crate::read::normalize::{self, Normalized};
use crate::read::outline::{self, Section};
use crate::read::source::{self, SourceOptions, SourceText};
use crate::read::split;
use crate::read::table::{self, Table};
use crate::read::{contents, markdown};

/// One report of an input file.
#[derive(Debug, Clone)]
pub struct Report {
    /// Title, jurisdiction, year, kind, path.
    pub meta: ReportMeta,
    /// Normalized text and its origin map (indices into the file's chars).
    pub normalized: Normalized,
    /// First char of the report in the file.
    pub char_start: usize,
    /// One past the last char of the report in the file.
    pub char_end: usize,
    /// Sections in document order (offsets into `normalized.text`).
    pub sections: Vec<Section>,
    /// Image links of a Markdown file inside the report (file char offsets):
    /// pictures, often tables, that are no text and are not compared.
    pub images: Vec<markdown::Image>,
    /// Tables in the text (pipe, tab- or space-aligned rows; file char offsets).
    pub tables: Vec<Table>,
}

impl Report {
    /// The normalized text.
    pub fn text(&self) -> &str {
        &self.normalized.text
    }

    /// `s`, found in the normalized text at or after char `from`, in the report's
    /// own characters (full-width punctuation as written); `s` itself when it is
    /// not there. Linear in the text before the match: for headings and quotes.
    pub fn quote_found(&self, from: usize, s: &str) -> String {
        let text = self.text();
        match crate::text::byte_of_char(text, from) {
            Some(byte) => self.quote_in(from, &text[byte..], s),
            None => s.to_string(),
        }
    }

    /// `s`, found in `rest` (normalized text starting at char `from`, such as
    /// a section's own text), in the report's own characters; `s` itself when
    /// it is not there.
    pub(crate) fn quote_in(&self, from: usize, rest: &str, s: &str) -> String {
        match find_near_start(rest, s) {
            Some(b) if !s.is_empty() => self.normalized.original_of(from + rest[..b].chars().count(), s),
            _ => s.to_string(),
        }
    }

    /// `raw`, a slice of the normalized text that starts at char `start`
    /// (such as a sentence with its spaces), trimmed, in the report's own
    /// characters: where the caller knows it is, without a search.
    pub fn quote_sentence(&self, start: usize, raw: &str) -> String {
        let sentence = raw.trim_start();
        let lead = raw[..raw.len() - sentence.len()].chars().count();
        self.normalized.original_of(start + lead, sentence.trim_end())
    }

    /// Every section's marker and heading in the report's own characters
    /// (`（一）` as written, not the compared `(一)`), in section order. One pass
    /// over the text, so an outline of thousands of sections stays linear.
    pub fn quoted_headings(&self) -> Vec<(String, String)> {
        let text = self.text();
        let char_starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        self.sections
            .iter()
            .map(|s| {
                let last = char_starts.len() - 1;
                let from = s.start.min(last);
                // Within the section: a heading not found costs its section, not the text.
                let rest = &text[char_starts[from]..char_starts[s.end.clamp(from, last)]];
                (
                    self.quote_in(from, rest, &s.marker),
                    self.quote_in(from, rest, &s.heading),
                )
            })
            .collect()
    }

    /// Maps a normalized char offset to a char offset in the input file.
    pub fn file_offset(&self, normalized: usize) -> usize {
        if normalized >= self.normalized.origin.len() {
            return self.char_end;
        }
        self.normalized.origin_of(normalized, self.char_end)
    }
}

/// The byte offset of the first `s` in `rest`. Headings and markers are
/// found at or just after the start of their section: the first chars are
/// tried one by one before a searcher is built (memmem's costs some 9,000
/// instructions to set up).
fn find_near_start(rest: &str, s: &str) -> Option<usize> {
    const NEAR: usize = 8;
    let (bytes, needle) = (rest.as_bytes(), s.as_bytes());
    match rest
        .char_indices()
        .take(NEAR)
        .find(|&(b, _)| bytes[b..].starts_with(needle))
    {
        Some((b, _)) => Some(b),
        None => memchr::memmem::find(bytes, needle),
    }
}

/// Options that affect how inputs become reports.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Decoding options.
    pub source: SourceOptions,
    /// `--year`: overrides detection.
    pub year: Option<i32>,
    /// `--jurisdiction`: overrides detection.
    pub jurisdiction: Option<String>,
}

/// Reads `path` and returns every report in it (at least one).
pub fn load(path: &str, opts: &LoadOptions) -> Result<Vec<Report>> {
    load_with_source(path, opts).map(|(_, reports)| reports)
}

/// Like [`load`], also returning the decoded file.
pub fn load_with_source(path: &str, opts: &LoadOptions) -> Result<(SourceText, Vec<Report>)> {
    let src = source::read_source(path, &opts.source)?;
    reports_of_source(src, opts)
}

/// Like [`load`], for the `bytes` already read from `path` (a file read once,
/// bounded, by the caller).
pub fn load_bytes(path: &str, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Vec<Report>> {
    let src = source::source_of_bytes(path, bytes, &opts.source)?;
    reports_of_source(src, opts).map(|(_, reports)| reports)
}

/// The non-empty reports of a decoded file; an error when there is none.
fn reports_of_source(src: SourceText, opts: &LoadOptions) -> Result<(SourceText, Vec<Report>)> {
    let path = src.path.as_str();
    let reports: Vec<Report> = reports_of(&src, opts)
        .into_iter()
        .filter(|r| !r.text().trim().is_empty())
        .collect();
    if reports.is_empty() {
        return Err(Error::input(
            path,
            "contains no report text (empty or only whitespace and site furniture)",
        ));
    }
    Ok((src, reports))
}

/// Splits and analyses decoded text.
pub fn reports_of(src: &SourceText, opts: &LoadOptions) -> Vec<Report> {
    // Markdown markup is hidden char for char, so offsets stay those of the file.
    let markdown = markdown::is_markdown(&src.path, &src.text);
    let front = markdown.then(|| markdown::front_matter(&src.text)).flatten();
    let masked;
    let text: &str = if markdown {
        masked = markdown::mask(&src.text);
        &masked
    } else {
        &src.text
    };
    // A plain table of contents is hidden the same way (its entries are no outline).
    let without_contents = contents::hide_contents(text);
    let text: &str = without_contents.as_deref().unwrap_or(text);
    let images = if markdown {
        markdown::images(&src.text)
    } else {
        Vec::new()
    };
    // Tables and reports are found independently: side by side, so a thread
    // done with its own file helps with the other's.
    let (tables, pieces) = rayon::join(|| table::tables(text), || split::split(text));
    let table_lines = table::table_lines(&tables);
    // The pieces' char ranges as byte ranges, in one walk over the text.
    let bounds: Vec<usize> = pieces.iter().flat_map(|p| [p.char_start, p.char_end]).collect();
    let byte_at = crate::text::byte_offsets(text, &bounds);
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let slice = &text[byte_at[2 * i]..byte_at[2 * i + 1]];
            let in_piece = |r: &std::ops::Range<usize>| (p.char_start..p.char_end).contains(&r.start);
            let lines: Vec<table::TableLine> = table_lines.iter().filter(|l| in_piece(&l.chars)).cloned().collect();
            let normalized = normalize::normalize_with_tables(slice, p.char_start, &lines);
            // The front matter names the file's (first) report.
            let front_title = front.as_ref().filter(|_| i == 0).and_then(|f| f.title.as_deref());
            let title = front_title
                .or(p.title.as_deref())
                .map(|t| normalize::normalize_title(t, &normalized));
            let mut meta = meta::detect(&src.path, title.as_deref(), &normalized.text, p.article);
            // Detection reads the normalized title; readers see the title as written
            // (`（2021年1月12日 李明伟）`, not `(…)`).
            if let (Some(detected), Some(written)) = (&meta.title, front_title.or(p.title.as_deref())) {
                if title.as_deref() == Some(detected.as_str()) {
                    meta.title = Some(normalize::as_written(written));
                }
            }
            meta.source = front.as_ref().filter(|_| i == 0).and_then(|f| f.source.clone());
            if opts.year.is_some() {
                meta.year = opts.year;
            }
            if opts.jurisdiction.is_some() {
                meta.jurisdiction = opts.jurisdiction.clone();
            }
            let sections = outline::outline(&normalized.text);
            Report {
                meta,
                normalized,
                char_start: p.char_start,
                char_end: p.char_end,
                sections,
                images: images
                    .iter()
                    .filter(|im| (p.char_start..p.char_end).contains(&im.char_start))
                    .cloned()
                    .collect(),
                tables: tables.iter().filter(|t| in_piece(&t.chars())).cloned().collect(),
            }
        })
        .collect()
}
