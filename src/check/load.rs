//! Loading the reports a rules file names (paths or globs) with what is needed
//! to point at a line of their files.

use super::rules::{config_error, CheckResult, ReportEntry, Rules, Selector};
use crate::check::report::RuleResult;
use crate::compare::phrases;
use crate::compare::report::DiffReport;
use crate::error::{Error, Result};
use crate::read::document::{self, LoadOptions, Report};
use crate::read::outline::Role;
use crate::read::select::select_report;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A report of the rules file with what is needed to point into its file.
#[derive(Debug)]
pub struct Loaded {
    /// The report.
    pub report: Report,
    /// Char offsets of the line breaks of the decoded file.
    newlines: Vec<usize>,
}

impl Loaded {
    /// The file as shown to the user (relative paths stay relative).
    pub fn path(&self) -> &str {
        &self.report.meta.path
    }

    /// 1-based line in the file of normalized char `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let at = self.report.file_offset(offset);
        self.newlines.partition_point(|&n| n < at) + 1
    }

    /// `2025 广州市 (samples/guangzhou-2025.txt)`.
    pub(super) fn described(&self) -> String {
        format!("{} ({})", self.report.meta.label(), self.path())
    }

    /// Normalized offset of the sentence holding the first occurrence of `phrase`.
    pub(super) fn find(&self, phrase: &str) -> Option<usize> {
        phrases::sentences_with(self.report.text(), phrase, 1)
            .first()
            .map(|&(offset, _)| offset)
    }

    /// The sentence at normalized `offset` in the report's own characters
    /// (`，` as written), cut to about `max` chars centred on `phrase`.
    pub(super) fn excerpt(&self, offset: usize, sentence: &str, phrase: &str, max: usize) -> String {
        let original: Vec<char> = self.report.quote_found(offset, sentence).chars().collect();
        let at = sentence.find(phrase).map_or(0, |b| sentence[..b].chars().count());
        centred(&original, at, phrase.chars().count(), max)
    }

    /// Sections shown by `outline` (lead paragraphs left out).
    pub(super) fn sections(&self) -> impl Iterator<Item = &crate::read::outline::Section> {
        self.report.sections.iter().filter(|s| s.role != Role::Lead)
    }
}

impl RuleResult {
    /// The result placed at `offset` (a normalized char offset) of a loaded report.
    pub(super) fn at(mut self, loaded: &Loaded, offset: Option<usize>) -> RuleResult {
        self.file = Some(loaded.path().to_string());
        self.line = offset.map(|o| loaded.line_of(o));
        self
    }
}

/// A path joined to the rules folder, without a leading `./`.
pub fn resolve(dir: &Path, relative: &str) -> PathBuf {
    let joined = dir.join(relative);
    joined.strip_prefix(".").map(Path::to_path_buf).unwrap_or(joined)
}

/// Expands the entries (globs relative to `dir`), loads every report and
/// orders them by year, then path.
pub(super) fn load_reports(
    rules: &Rules,
    file: &Path,
    text: &str,
    dir: &Path,
    opts: &LoadOptions,
) -> CheckResult<Vec<Loaded>> {
    let mut wanted: Vec<(String, Option<&Selector>, Option<i32>)> = Vec::new();
    let mut identities = std::collections::BTreeSet::new();
    for entry in rules.reports.get_ref() {
        let (pattern, selector, year) = match entry.get_ref() {
            ReportEntry::Path(p) => (p.as_str(), None, None),
            ReportEntry::Table(t) => (t.path.as_str(), t.report.as_ref(), t.year),
        };
        let paths = expand(dir, pattern).map_err(|m| config_error(file, text, Some(entry.span()), &m))?;
        for p in paths {
            // Each report once, however many entries or links name its file.
            let which = selector.map(|s| match s {
                Selector::Number(n) => (*n, String::new()),
                Selector::Text(t) => (0, t.clone()),
            });
            if identities.insert((crate::writing_rule::Identity::of(Path::new(&p)), which)) {
                wanted.push((p, selector, year));
            }
        }
    }
    let mut loaded: Vec<Loaded> = wanted
        .par_iter()
        .map(|(path, selector, year)| load_one(path, *selector, *year, opts))
        .collect::<Result<_>>()?;
    if let Some(l) = loaded.iter().find(|l| l.report.meta.year.is_none()) {
        return Err(Error::input(
            l.path(),
            "cannot tell the year of this report; put the year in the file name or give it in the rules file: { path = \"…\", year = 2025 }",
        )
        .into());
    }
    loaded.sort_by(|a, b| a.report.meta.year.cmp(&b.report.meta.year).then(a.path().cmp(b.path())));
    Ok(loaded)
}

/// The files a path or glob names, sorted; an error message when there are none.
fn expand(dir: &Path, pattern: &str) -> std::result::Result<Vec<String>, String> {
    let is_glob = pattern.contains(['*', '?', '[']);
    let full = resolve(dir, pattern);
    if !is_glob {
        return if full.is_file() {
            Ok(vec![full.to_string_lossy().into_owned()])
        } else {
            Err(format!("report file not found: {}", full.display()))
        };
    }
    let out = super::glob_walk::expand_glob(dir, pattern)?;
    if out.is_empty() {
        return Err(format!("`{pattern}` matches no file (looked for {})", full.display()));
    }
    Ok(out)
}

fn load_one(path: &str, selector: Option<&Selector>, year: Option<i32>, opts: &LoadOptions) -> Result<Loaded> {
    let (src, reports) = document::load_with_source(path, opts)?;
    let selector = match selector {
        Some(Selector::Number(n)) => Some(n.to_string()),
        Some(Selector::Text(t)) => Some(t.clone()),
        None if reports.len() > 1 => {
            let listing: Vec<String> = reports
                .iter()
                .enumerate()
                .map(|(i, r)| format!("{} = {}", i + 1, r.meta.label()))
                .collect();
            return Err(Error::input(
                path,
                format!(
                    "holds {} reports ({}); pick one in the rules file: {{ path = \"…\", report = 2 }}",
                    reports.len(),
                    listing.join("; ")
                ),
            ));
        }
        None => None,
    };
    let mut report = select_report(path, reports, selector.as_deref())?;
    if year.is_some() {
        report.meta.year = year;
    }
    let newlines = src
        .text
        .chars()
        .enumerate()
        .filter(|&(_, c)| c == '\n')
        .map(|(i, _)| i)
        .collect();
    Ok(Loaded { report, newlines })
}

/// The two newest reports and their diff.
pub(super) struct PairView<'a> {
    pub(super) old: &'a Loaded,
    pub(super) new: &'a Loaded,
    pub(super) diff: DiffReport,
}

/// About `max` chars of `chars` around the match at `at` (`len` chars long),
/// `…` where the sentence was cut.
pub(super) fn centred(chars: &[char], at: usize, len: usize, max: usize) -> String {
    if chars.len() <= max {
        return chars.iter().collect();
    }
    let mid = (at + len / 2).min(chars.len());
    let start = mid.saturating_sub(max / 2).min(chars.len() - max);
    let end = start + max;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod excerpt_tests {
    use super::centred;

    #[test]
    fn the_excerpt_keeps_the_match_in_the_middle() {
        let s: Vec<char> = format!("{}禁止词{}", "前".repeat(100), "后".repeat(100))
            .chars()
            .collect();
        let e = centred(&s, 100, 3, 21);
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.contains("禁止词"), "{e}");
        let before = e.split("禁止词").next().unwrap().chars().count();
        let after = e.split("禁止词").nth(1).unwrap().chars().count();
        assert!(before.abs_diff(after) <= 1, "{e}");
        let short: Vec<char> = "短句，禁止词。".chars().collect();
        assert_eq!(centred(&short, 3, 3, 80), "短句，禁止词。");
        let tail: Vec<char> = format!("{}禁止词", "前".repeat(100)).chars().collect();
        assert!(centred(&tail, 100, 3, 20).ends_with("禁止词"));
    }
}
