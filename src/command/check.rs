//! `reportdiff check`: a CI gate over a rules file.
//!
//! The rules file (TOML, `reportdiff.toml` by default) names the reports of one
//! jurisdiction (paths or globs, relative to the rules file's folder) and what
//! must hold in them: phrases required or forbidden in the newest report,
//! tracked phrases (status reported, never a failure), headings that must
//! remain, a minimum outline size, a maximum share of changed words between the
//! two newest reports, and a baseline snapshot of their diff. Evaluation gives
//! one [`CheckReport`] with a [`RuleResult`] per rule; every output format is a
//! pure function of it (see [`crate::render::check`]).
//!
//! Exit codes: 0 every rule holds, 1 a rule is violated, 2 a configuration or
//! input error (one line naming the file and, for the rules file, the line).

use crate::cli::{CheckArgs, CheckFormat, CommonArgs, Format, InitArgs};
use crate::command::select_report;
use crate::compare::phrases::{self, PairStatus, PhraseKind};
use crate::compare::report::{self, DiffOptions, DiffReport};
use crate::compare::segment::Segmenter;
use crate::error::{Error, Result};
use crate::output;
use crate::read::document::{self, LoadOptions, Report};
use crate::read::meta::ReportMeta;
use crate::read::normalize;
use crate::read::outline::Role;
use crate::read::source::SourceOptions;
use crate::render;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The rules file read when `--config` is not given.
pub const DEFAULT_CONFIG: &str = "reportdiff.toml";

/// Sections with fewer words than this on either side are left out of the
/// per-section share: a two-line preamble rewritten is not news.
pub const DEFAULT_MIN_SECTION_WORDS: usize = 50;

// ---------------------------------------------------------------- rules file

/// The rules file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Paths or globs of the reports, or tables `{ path, report, year }`.
    pub reports: Spanned<Vec<Spanned<ReportEntry>>>,
    /// `[phrases]`.
    #[serde(default)]
    pub phrases: PhraseRules,
    /// `[sections]`.
    #[serde(default)]
    pub sections: SectionRules,
    /// `[changes]`.
    #[serde(default)]
    pub changes: ChangeRules,
    /// `[baseline]`.
    pub baseline: Option<BaselineRule>,
}

/// One entry of `reports`.
#[derive(Debug)]
pub enum ReportEntry {
    /// A path or glob.
    Path(String),
    /// A path or glob with options.
    Table(ReportTable),
}

/// `{ path = "…", report = 2, year = 2021 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTable {
    /// A path or glob.
    pub path: String,
    /// Which report of a multi-report file: a number (1 = first, as listed by
    /// `split`) or text found in its title or jurisdiction.
    pub report: Option<Selector>,
    /// The year, overriding detection.
    pub year: Option<i32>,
}

/// A report selector: `2` or `"天河"`.
#[derive(Debug)]
pub enum Selector {
    /// 1-based position.
    Number(usize),
    /// Text in the title or jurisdiction.
    Text(String),
}

// Written out rather than `#[serde(untagged)]`, so that a mistake inside a
// table (`reprt = 1`) is reported as such, not as "no variant matched".
impl<'de> Deserialize<'de> for ReportEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ReportEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a path or glob, or a table { path = \"…\", report = 2, year = 2021 }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<ReportEntry, E> {
                Ok(ReportEntry::Path(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> std::result::Result<ReportEntry, A::Error> {
                ReportTable::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(ReportEntry::Table)
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl<'de> Deserialize<'de> for Selector {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Selector;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a report number (1 = first) or text of its title or jurisdiction")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Selector, E> {
                usize::try_from(v)
                    .ok()
                    .filter(|&n| n >= 1)
                    .map(Selector::Number)
                    .ok_or_else(|| E::custom(format!("report numbers start at 1, not {v}")))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Selector, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(-1))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Selector, E> {
                Ok(Selector::Text(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `[phrases]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseRules {
    /// Must appear in the newest report.
    #[serde(default)]
    pub require: Vec<Spanned<String>>,
    /// Must not appear in the newest report.
    #[serde(default)]
    pub forbid: Vec<Spanned<String>>,
    /// Reported with their status; never a failure.
    #[serde(default)]
    pub track: Vec<Spanned<String>>,
}

/// `[sections]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRules {
    /// Text that some heading of the newest report must contain.
    #[serde(default)]
    pub require: Vec<Spanned<String>>,
    /// The newest report has at least this many sections.
    pub min_count: Option<usize>,
}

/// `[changes]`: between the two newest reports.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRules {
    /// Largest accepted share of changed words overall.
    pub max_changed_share: Option<Spanned<f64>>,
    /// Smallest accepted share of changed words overall (catches last year's
    /// report saved again under this year's name).
    pub min_changed_share: Option<Spanned<f64>>,
    /// Largest accepted share of changed words in any paired section.
    pub max_section_changed_share: Option<Spanned<f64>>,
    /// Sections smaller than this (words, on either side) are not held to
    /// `max_section_changed_share`.
    pub min_section_words: Option<usize>,
    /// Pure year shifts (`2024年` → `2025年`) are not changes (also for the baseline).
    #[serde(default)]
    pub ignore_years: bool,
}

/// `[baseline]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineRule {
    /// The snapshot file.
    pub path: String,
}

/// An error that stops `check` (exit 2), with the file (and line) it is about
/// when known, so CI output can annotate it.
#[derive(Debug)]
pub struct CheckError {
    /// The error, as shown on standard error.
    pub error: Error,
    /// The rules file or the report the error is about.
    pub file: Option<String>,
    /// The 1-based line in `file`.
    pub line: Option<usize>,
}

impl From<Error> for CheckError {
    fn from(error: Error) -> Self {
        let file = match &error {
            Error::Input { path, .. } => Some(path.clone()),
            _ => None,
        };
        CheckError {
            error,
            file,
            line: None,
        }
    }
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

/// A mistake in the rules file: one line naming the file, line and column.
fn config_error(file: &Path, source: &str, span: Option<Range<usize>>, message: &str) -> CheckError {
    let shown = file.display().to_string();
    let one_line: Vec<&str> = message.split_whitespace().collect();
    let (place, line) = match span {
        Some(span) => {
            let (line, column) = line_column(source, span.start);
            (format!("{shown}:{line}:{column}"), Some(line))
        }
        None => (shown.clone(), None),
    };
    CheckError {
        error: Error::Usage(format!("{place}: {}", one_line.join(" "))),
        file: Some(shown),
        line,
    }
}

/// A `check` result whose error may point into the rules file.
pub type CheckResult<T> = std::result::Result<T, CheckError>;

/// 1-based line and column (in chars) of byte `at` in `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parses and validates a rules file's text; `file` names it in errors.
pub fn parse_rules(file: &Path, text: &str) -> CheckResult<Rules> {
    let rules: Rules = toml::from_str(text).map_err(|e| config_error(file, text, e.span(), e.message()))?;
    let bad = |span: Range<usize>, msg: &str| Err(config_error(file, text, Some(span), msg));
    if rules.reports.get_ref().is_empty() {
        return bad(
            rules.reports.span(),
            "`reports` is empty: name at least one report file or glob",
        );
    }
    for share in [
        &rules.changes.max_changed_share,
        &rules.changes.min_changed_share,
        &rules.changes.max_section_changed_share,
    ]
    .into_iter()
    .flatten()
    {
        if !(0.0..=1.0).contains(share.get_ref()) {
            return bad(share.span(), "a share of changed words is between 0 and 1 (0.6 = 60%)");
        }
    }
    let lists = [
        &rules.phrases.require,
        &rules.phrases.forbid,
        &rules.phrases.track,
        &rules.sections.require,
    ];
    for item in lists.into_iter().flatten() {
        if normalized(item.get_ref()).is_empty() {
            return bad(item.span(), "empty phrase or heading");
        }
    }
    Ok(rules)
}

/// A phrase or heading as the normalized reports spell it (full-width,
/// traditional script and stray spaces folded).
fn normalized(text: &str) -> String {
    normalize::normalize(text.trim(), 0).text
}

// ---------------------------------------------------------------- reports

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
    fn described(&self) -> String {
        format!("{} ({})", self.report.meta.label(), self.path())
    }

    /// Normalized offset of the sentence holding the first occurrence of `phrase`.
    fn find(&self, phrase: &str) -> Option<usize> {
        phrases::sentences_with(self.report.text(), phrase, 1)
            .first()
            .map(|&(offset, _)| offset)
    }

    /// Sections shown by `outline` (lead paragraphs left out).
    fn sections(&self) -> impl Iterator<Item = &crate::read::outline::Section> {
        self.report.sections.iter().filter(|s| s.role != Role::Lead)
    }
}

/// A path joined to the rules folder, without a leading `./`.
fn resolve(dir: &Path, relative: &str) -> PathBuf {
    let joined = dir.join(relative);
    joined.strip_prefix(".").map(Path::to_path_buf).unwrap_or(joined)
}

/// Expands the entries (globs relative to `dir`), loads every report and
/// orders them by year, then path.
fn load_reports(rules: &Rules, file: &Path, text: &str, dir: &Path, opts: &LoadOptions) -> CheckResult<Vec<Loaded>> {
    let mut wanted: Vec<(String, Option<&Selector>, Option<i32>)> = Vec::new();
    for entry in rules.reports.get_ref() {
        let (pattern, selector, year) = match entry.get_ref() {
            ReportEntry::Path(p) => (p.as_str(), None, None),
            ReportEntry::Table(t) => (t.path.as_str(), t.report.as_ref(), t.year),
        };
        let paths = expand(dir, pattern).map_err(|m| config_error(file, text, Some(entry.span()), &m))?;
        for p in paths {
            if !wanted.iter().any(|(w, _, _)| *w == p) {
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
    let escaped_dir = glob::Pattern::escape(&dir.to_string_lossy());
    let full_pattern = resolve(Path::new(&escaped_dir), pattern);
    let paths = glob::glob(&full_pattern.to_string_lossy()).map_err(|e| format!("bad glob `{pattern}`: {e}"))?;
    let mut out: Vec<String> = paths
        .filter_map(|p| p.ok())
        .filter(|p| p.is_file())
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    out.sort();
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

// ---------------------------------------------------------------- results

/// The outcome of `reportdiff check`: every renderer reads this value.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// Always 1.
    pub schema_version: u32,
    /// The rules file.
    pub config: String,
    /// The reports, oldest first; the last is the newest.
    pub reports: Vec<ReportMeta>,
    /// One result per rule, in the order of the rules file's sections.
    pub results: Vec<RuleResult>,
    /// Counts of the results.
    pub summary: CheckSummary,
    /// The baseline file written by `--update-baseline`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_written: Option<String>,
}

/// Counts of a check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckSummary {
    /// Rules evaluated.
    pub rules: usize,
    /// Rules that hold.
    pub passed: usize,
    /// Rules violated.
    pub failed: usize,
    /// Tracked phrases whose status changed (passed, but worth a look).
    pub notices: usize,
}

impl CheckReport {
    /// True when every rule holds.
    pub fn passed(&self) -> bool {
        self.summary.failed == 0
    }
}

/// The result of one rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleResult {
    /// The rule's key: `phrases.require`, `sections.min_count`, `baseline`, …
    pub rule: String,
    /// The rule with its subject: `phrases.require 百千万工程`.
    pub name: String,
    /// The rule holds.
    pub passed: bool,
    /// A tracked phrase changed status between the two newest reports.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub notice: bool,
    /// One line saying what was found, naming the report and file.
    pub message: String,
    /// Further lines: where, how often, earlier years.
    pub details: Vec<String>,
    /// The file the result concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The 1-based line in `file`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl RuleResult {
    fn new(rule: &str, subject: Option<&str>, passed: bool, message: String) -> RuleResult {
        RuleResult {
            rule: rule.to_string(),
            name: match subject {
                Some(s) => format!("{rule} {s}"),
                None => rule.to_string(),
            },
            passed,
            notice: false,
            message,
            details: Vec::new(),
            file: None,
            line: None,
        }
    }

    fn at(mut self, loaded: &Loaded, offset: Option<usize>) -> RuleResult {
        self.file = Some(loaded.path().to_string());
        self.line = offset.map(|o| loaded.line_of(o));
        self
    }

    fn details(mut self, details: Vec<String>) -> RuleResult {
        self.details = details;
        self
    }
}

/// `file:line` or `file`.
fn place(loaded: &Loaded, offset: Option<usize>) -> String {
    match offset {
        Some(o) => format!("{}:{}", loaded.path(), loaded.line_of(o)),
        None => loaded.path().to_string(),
    }
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{n} times")
    }
}

// ---------------------------------------------------------------- rules

/// A phrase rule: the phrase, the reports, the counts of every phrase in every
/// report, and the phrase's index in those counts.
type PhraseRule = fn(&str, &[Loaded], &[Vec<usize>], usize) -> RuleResult;

fn require_phrase(phrase: &str, reports: &[Loaded], counts: &[Vec<usize>], k: usize) -> RuleResult {
    let (newest, n) = (
        reports.last().expect("at least one report"),
        counts[k][reports.len() - 1],
    );
    if n > 0 {
        let at = newest.find(phrase);
        return RuleResult::new(
            "phrases.require",
            Some(phrase),
            true,
            format!("“{phrase}” found {} in {}", times(n), newest.report.meta.label()),
        )
        .at(newest, at)
        .details(vec![format!("first at {}", place(newest, at))]);
    }
    let earlier = (0..reports.len() - 1).rev().find(|&i| counts[k][i] > 0);
    let details = match earlier {
        Some(i) => {
            let at = reports[i].find(phrase);
            vec![format!(
                "last found in {}: {} (first at {})",
                reports[i].report.meta.label(),
                times(counts[k][i]),
                place(&reports[i], at)
            )]
        }
        None if reports.len() > 1 => vec!["not found in any earlier report either: check the spelling".into()],
        None => Vec::new(),
    };
    RuleResult::new(
        "phrases.require",
        Some(phrase),
        false,
        format!(
            "required phrase “{phrase}” is missing from the newest report, {}",
            newest.described()
        ),
    )
    .at(newest, None)
    .details(details)
}

fn forbid_phrase(phrase: &str, reports: &[Loaded], counts: &[Vec<usize>], k: usize) -> RuleResult {
    let (newest, n) = (
        reports.last().expect("at least one report"),
        counts[k][reports.len() - 1],
    );
    if n == 0 {
        return RuleResult::new(
            "phrases.forbid",
            Some(phrase),
            true,
            format!("“{phrase}” does not appear in {}", newest.report.meta.label()),
        )
        .at(newest, None);
    }
    let sentences = phrases::sentences_with(newest.report.text(), phrase, 3);
    let details = sentences
        .iter()
        .map(|(offset, s)| format!("line {}: {}", newest.line_of(*offset), clip(s, 80)))
        .collect();
    RuleResult::new(
        "phrases.forbid",
        Some(phrase),
        false,
        format!(
            "forbidden phrase “{phrase}” appears {} in the newest report, {}",
            times(n),
            newest.described()
        ),
    )
    .at(newest, sentences.first().map(|&(o, _)| o))
    .details(details)
}

fn track_phrase(phrase: &str, reports: &[Loaded], counts: &[Vec<usize>], k: usize) -> RuleResult {
    let newest = reports.last().expect("at least one report");
    let per_year: Vec<String> = reports
        .iter()
        .zip(&counts[k])
        .map(|(r, n)| {
            format!(
                "{}: {n}",
                r.report
                    .meta
                    .year
                    .map_or_else(|| r.path().to_string(), |y| y.to_string())
            )
        })
        .collect();
    let last = counts[k][reports.len() - 1];
    let status = match reports.len() {
        1 if last > 0 => "present",
        1 => "absent",
        len => match PairStatus::of(counts[k][len - 2], last) {
            PairStatus::New => "new",
            PairStatus::Dropped => "dropped",
            PairStatus::Recurring => "recurring",
            PairStatus::Absent => "absent",
        },
    };
    let at = (last > 0).then(|| newest.find(phrase)).flatten();
    let mut result = RuleResult::new(
        "phrases.track",
        Some(phrase),
        true,
        format!(
            "“{phrase}” {status} in {} ({})",
            newest.report.meta.label(),
            per_year.join(", ")
        ),
    )
    .at(newest, at);
    result.notice = matches!(status, "new" | "dropped");
    let seen: Vec<i32> = reports
        .iter()
        .zip(&counts[k])
        .filter(|(_, n)| **n > 0)
        .filter_map(|(r, _)| r.report.meta.year)
        .collect();
    if let (Some(first), Some(last)) = (seen.first(), seen.last()) {
        result.details.push(format!("first seen {first}, last seen {last}"));
    }
    if let Some(o) = at {
        result.details.push(format!("first at {}", place(newest, Some(o))));
    }
    result
}

/// The first section of `loaded` whose heading contains `heading`.
fn find_section(loaded: &Loaded, heading: &str) -> Option<(String, usize)> {
    loaded
        .sections()
        .find(|s| s.heading.contains(heading))
        .map(|s| (format!("{}{}", s.marker, s.heading), s.start))
}

fn require_section(heading: &str, reports: &[Loaded]) -> RuleResult {
    let newest = reports.last().expect("at least one report");
    if let Some((found, start)) = find_section(newest, heading) {
        return RuleResult::new(
            "sections.require",
            Some(heading),
            true,
            format!("“{found}” in {}", newest.report.meta.label()),
        )
        .at(newest, Some(start))
        .details(vec![format!("at {}", place(newest, Some(start)))]);
    }
    let earlier = reports[..reports.len() - 1]
        .iter()
        .rev()
        .find_map(|r| find_section(r, heading).map(|f| (r, f)));
    let details = match earlier {
        Some((r, (found, start))) => vec![format!(
            "last found in {} as “{found}” ({})",
            r.report.meta.label(),
            place(r, Some(start))
        )],
        None => Vec::new(),
    };
    RuleResult::new(
        "sections.require",
        Some(heading),
        false,
        format!(
            "no heading containing “{heading}” in the newest report, {}",
            newest.described()
        ),
    )
    .at(newest, None)
    .details(details)
}

fn min_sections(min: usize, reports: &[Loaded]) -> RuleResult {
    let newest = reports.last().expect("at least one report");
    let n = newest.sections().count();
    let mut details: Vec<String> = reports[..reports.len() - 1]
        .iter()
        .map(|r| format!("{}: {} sections", r.report.meta.label(), r.sections().count()))
        .collect();
    if n < min {
        details.push(format!(
            "a sudden drop usually means a broken scrape or a lost line structure: see `reportdiff outline {}`",
            newest.path()
        ));
    }
    RuleResult::new(
        "sections.min_count",
        None,
        n >= min,
        format!(
            "{} has {n} sections (minimum {min}), {}",
            newest.report.meta.label(),
            newest.path()
        ),
    )
    .at(newest, None)
    .details(details)
}

/// Changed words of a section or a whole diff.
#[derive(Debug, Clone, Default)]
struct Share {
    changed: usize,
    total: usize,
}

impl Share {
    fn value(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.changed as f64 / self.total as f64
        }
    }
}

/// The share of changed words: (words inserted + words deleted) / (words of
/// OLD + words of NEW), overall and per section. 0 = identical, 1 = nothing
/// in common. Sections are counted with the diff's own segmentation.
fn shares(diff: &DiffReport, old: &Report, new: &Report) -> (Share, Vec<(usize, Share, usize)>) {
    let protected: Vec<String> = phrases::candidates(old.text())
        .into_keys()
        .chain(phrases::candidates(new.text()).into_keys())
        .collect();
    let seg = Segmenter::new([old.text(), new.text()], &protected);
    let words = |text: &str| seg.tokenize(text).iter().filter(|t| t.kind.is_word()).count();
    let per_section: Vec<(usize, Share, usize)> = diff
        .sections
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let old_text: String = s.hunks.iter().map(|h| h.old.as_str()).collect();
            let new_text: String = s.hunks.iter().map(|h| h.new.as_str()).collect();
            let (o, n) = (words(&old_text), words(&new_text));
            let share = Share {
                changed: s.words_inserted + s.words_deleted,
                total: o + n,
            };
            (i, share, o.min(n))
        })
        .collect();
    let overall = per_section.iter().fold(Share::default(), |acc, (_, s, _)| Share {
        changed: acc.changed + s.changed,
        total: acc.total + s.total,
    });
    (overall, per_section)
}

fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Normalized start of the section of NEW with aligned id `s<i>`.
fn section_start(loaded: &Loaded, id: &str) -> Option<usize> {
    let i: usize = id.strip_prefix('s')?.parse().ok()?;
    loaded.sections().nth(i).map(|s| s.start)
}

/// A limit on the overall share of changed words.
#[derive(Debug, Clone, Copy)]
enum Bound {
    /// At most.
    Max(f64),
    /// At least.
    Min(f64),
}

fn changed_share(bound: Bound, pair: &PairView, overall: &Share, sections: &[(usize, Share, usize)]) -> RuleResult {
    let share = overall.value();
    let (rule, passed, limit) = match bound {
        Bound::Max(limit) => (
            "changes.max_changed_share",
            share <= limit,
            format!("maximum {}", percent(limit)),
        ),
        Bound::Min(limit) => (
            "changes.min_changed_share",
            share >= limit,
            format!("minimum {}", percent(limit)),
        ),
    };
    let mut ranked: Vec<&(usize, Share, usize)> = sections.iter().filter(|(_, s, _)| s.changed > 0).collect();
    ranked.sort_by(|a, b| b.1.changed.cmp(&a.1.changed).then(a.0.cmp(&b.0)));
    let mut details: Vec<String> = ranked
        .iter()
        .take(3)
        .map(|(i, s, _)| {
            format!(
                "{}: {} of {} words changed",
                section_label(&pair.diff.sections[*i]),
                render::thousands(s.changed),
                render::thousands(s.total)
            )
        })
        .collect();
    if !passed && matches!(bound, Bound::Min(_)) {
        details.push("nearly the same text: is the newest file an earlier report saved again?".into());
    }
    RuleResult::new(
        rule,
        None,
        passed,
        format!(
            "{} of the words changed from {} to {} ({limit})",
            percent(share),
            pair.old.described(),
            pair.new.described(),
        ),
    )
    .at(pair.new, None)
    .details(details)
}

fn section_label(s: &report::SectionDiff) -> String {
    match (&s.old, &s.new) {
        (_, Some(n)) => n.path.clone(),
        (Some(o), None) => format!("{} (removed)", o.path),
        (None, None) => String::new(),
    }
}

fn section_changed_share(
    limit: f64,
    min_words: usize,
    pair: &PairView,
    sections: &[(usize, Share, usize)],
) -> RuleResult {
    let eligible: Vec<&(usize, Share, usize)> = sections
        .iter()
        .filter(|(i, _, smaller)| {
            let s = &pair.diff.sections[*i];
            s.old.is_some() && s.new.is_some() && *smaller >= min_words
        })
        .collect();
    let mut over: Vec<&&(usize, Share, usize)> = eligible.iter().filter(|(_, s, _)| s.value() > limit).collect();
    over.sort_by(|a, b| b.1.value().total_cmp(&a.1.value()).then(a.0.cmp(&b.0)));
    let worst = eligible
        .iter()
        .max_by(|a, b| a.1.value().total_cmp(&b.1.value()).then(b.0.cmp(&a.0)));
    let Some((wi, ws, _)) = worst else {
        return RuleResult::new(
            "changes.max_section_changed_share",
            None,
            true,
            format!("no paired section of at least {min_words} words to compare"),
        );
    };
    let ws_section = &pair.diff.sections[*wi];
    let start = ws_section.new.as_ref().and_then(|n| section_start(pair.new, &n.id));
    let details = over
        .iter()
        .take(5)
        .map(|(i, s, _)| format!("{}: {}", section_label(&pair.diff.sections[*i]), percent(s.value())))
        .collect();
    let message = if over.is_empty() {
        format!(
            "every section of {} changed at most {} (most: {} in “{}”)",
            pair.new.report.meta.label(),
            percent(limit),
            percent(ws.value()),
            section_label(ws_section)
        )
    } else {
        format!(
            "{} section(s) of {} changed more than {}; most: {} in “{}”",
            over.len(),
            pair.new.described(),
            percent(limit),
            percent(ws.value()),
            section_label(ws_section)
        )
    };
    RuleResult::new("changes.max_section_changed_share", None, over.is_empty(), message)
        .at(pair.new, start)
        .details(details)
}

/// The two newest reports and their diff.
struct PairView<'a> {
    old: &'a Loaded,
    new: &'a Loaded,
    diff: DiffReport,
}

// ---------------------------------------------------------------- baseline

/// The committed form of a diff: its JSON with the report paths removed (they
/// differ between checkouts). Equal to `reportdiff diff OLD NEW --format json`
/// without `old.path` and `new.path`.
pub fn snapshot(diff: &DiffReport) -> Value {
    // Through text, so a snapshot read back from its file compares equal.
    let text = render::to_json(diff);
    let mut value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    for side in ["old", "new"] {
        if let Some(meta) = value.get_mut(side).and_then(Value::as_object_mut) {
            meta.remove("path");
        }
    }
    value
}

/// The text of one side of a snapshot, rebuilt from its hunks in document
/// order, with the start of each section (char offset, section path).
fn side_text(snapshot: &Value, side: &str) -> (String, Vec<(usize, String)>) {
    let mut parts: Vec<(usize, String, String)> = Vec::new();
    for s in snapshot["sections"].as_array().into_iter().flatten() {
        let reference = &s[side];
        let Some(index) = reference["id"]
            .as_str()
            .and_then(|id| id.strip_prefix('s')?.parse().ok())
        else {
            continue;
        };
        let text: String = s["hunks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h[side].as_str())
            .collect();
        let path = reference["path"].as_str().unwrap_or("").to_string();
        parts.push((index, path, text));
    }
    parts.sort_by_key(|(i, _, _)| *i);
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut offset = 0;
    for (_, path, t) in parts {
        starts.push((offset, path));
        offset += t.chars().count();
        text.push_str(&t);
    }
    (text, starts)
}

/// Where two texts first differ: (char offset, baseline excerpt, current excerpt).
fn first_text_difference(baseline: &str, current: &str) -> Option<(usize, String, String)> {
    let b: Vec<char> = baseline.chars().collect();
    let c: Vec<char> = current.chars().collect();
    let prefix = b.iter().zip(&c).take_while(|(x, y)| x == y).count();
    if prefix == b.len() && prefix == c.len() {
        return None;
    }
    let max_suffix = b.len().min(c.len()) - prefix;
    let suffix = b
        .iter()
        .rev()
        .zip(c.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let context_start = (prefix.saturating_sub(12)..prefix)
        .find(|&i| !b[i..prefix].contains(&'\n'))
        .unwrap_or(prefix);
    let context: String = b[context_start..prefix].iter().collect();
    let excerpt = |chars: &[char], end: usize| {
        let changed: String = chars[prefix..end].iter().take(24).collect();
        let more = if end - prefix > 24 { "…" } else { "" };
        let after: String = chars[end..].iter().take(6).take_while(|&&ch| ch != '\n').collect();
        format!("…{context}[{changed}{more}]{after}…")
    };
    Some((prefix, excerpt(&b, b.len() - suffix), excerpt(&c, c.len() - suffix)))
}

/// The first place two JSON values differ: (path, baseline, current).
fn first_value_difference(path: &str, a: &Value, b: &Value) -> Option<(String, String, String)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                first_value_difference(
                    &child,
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                )
            })
        }
        (Value::Array(x), Value::Array(y)) => (0..x.len().max(y.len())).find_map(|i| {
            first_value_difference(
                &format!("{path}[{i}]"),
                x.get(i).unwrap_or(&Value::Null),
                y.get(i).unwrap_or(&Value::Null),
            )
        }),
        _ if a == b => None,
        _ => Some((path.to_string(), clip(&a.to_string(), 60), clip(&b.to_string(), 60))),
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// Compares the current snapshot with the committed one.
fn baseline_result(file: &str, baseline: &Value, current: &Value, pair: &PairView) -> RuleResult {
    if baseline == current {
        return RuleResult::new(
            "baseline",
            None,
            true,
            format!(
                "the diff of {} → {} equals the baseline {file}",
                pair.old.report.meta.label(),
                pair.new.report.meta.label()
            ),
        )
        .at(pair.new, None);
    }
    for (side, loaded) in [("new", pair.new), ("old", pair.old)] {
        let (b, _) = side_text(baseline, side);
        let (c, starts) = side_text(current, side);
        if let Some((offset, was, now)) = first_text_difference(&b, &c) {
            let section = starts
                .iter()
                .rev()
                .find(|(start, _)| *start <= offset)
                .map_or(String::new(), |(_, p)| p.clone());
            let details = vec![
                format!("baseline: {was}"),
                format!("now:      {now}"),
                format!("if the change is intended, run `reportdiff check --update-baseline` and commit {file}"),
            ];
            let within = if section.is_empty() {
                String::new()
            } else {
                format!(", in “{section}”")
            };
            return RuleResult::new(
                "baseline",
                None,
                false,
                format!(
                    "the text of {} differs from the baseline {file} at line {}{within}",
                    loaded.described(),
                    loaded.line_of(offset),
                ),
            )
            .at(loaded, Some(offset))
            .details(details);
        }
    }
    let (path, was, now) = first_value_difference("", baseline, current).unwrap_or_default();
    RuleResult::new(
        "baseline",
        None,
        false,
        format!(
            "the diff of {} differs from the baseline {file} at {path}",
            pair.new.described()
        ),
    )
    .at(pair.new, None)
    .details(vec![
        format!("baseline: {was}"),
        format!("now:      {now}"),
        "the report texts match the baseline; their comparison changed (another reportdiff version or `ignore_years`?)"
            .into(),
        format!("if that is intended, run `reportdiff check --update-baseline` and commit {file}"),
    ])
}

// ---------------------------------------------------------------- evaluation

/// What the caller of [`evaluate`] asks besides the rules.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Write the baseline snapshot instead of comparing with it.
    pub update_baseline: bool,
}

/// Evaluates `rules` (read from `file`, whose folder anchors relative paths)
/// over freshly loaded reports.
pub fn evaluate(
    rules: &Rules,
    file: &Path,
    text: &str,
    load: &LoadOptions,
    opts: &CheckOptions,
) -> CheckResult<CheckReport> {
    let dir = file.parent().unwrap_or(Path::new(""));
    let reports = load_reports(rules, file, text, dir, load)?;
    let changes = &rules.changes;
    let needs_shares = changes.max_changed_share.is_some()
        || changes.min_changed_share.is_some()
        || changes.max_section_changed_share.is_some();
    let needs_pair = needs_shares || rules.baseline.is_some();
    if needs_pair && reports.len() < 2 {
        return Err(config_error(
            file,
            text,
            Some(rules.reports.span()),
            "`[changes]` and `[baseline]` compare the two newest reports, but `reports` names only one",
        ));
    }
    if opts.update_baseline && rules.baseline.is_none() {
        return Err(config_error(
            file,
            text,
            None,
            "--update-baseline needs a `[baseline]` table with a `path`",
        ));
    }

    let phrase_rules: [(PhraseRule, &Vec<Spanned<String>>); 3] = [
        (require_phrase, &rules.phrases.require),
        (forbid_phrase, &rules.phrases.forbid),
        (track_phrase, &rules.phrases.track),
    ];
    let all_phrases: Vec<(PhraseRule, String)> = phrase_rules
        .iter()
        .flat_map(|(rule, list)| list.iter().map(move |p| (*rule, normalized(p.get_ref()))))
        .collect();
    let counting: Vec<String> = reports
        .par_iter()
        .map(|r| phrases::counting_text(r.report.text()))
        .collect();
    let counts: Vec<Vec<usize>> = all_phrases
        .iter()
        .map(|(_, p)| counting.iter().map(|t| phrases::count(t, p)).collect())
        .collect();
    let mut results: Vec<RuleResult> = all_phrases
        .iter()
        .enumerate()
        .map(|(k, (rule, phrase))| rule(phrase, &reports, &counts, k))
        .collect();
    for heading in &rules.sections.require {
        results.push(require_section(&normalized(heading.get_ref()), &reports));
    }
    if let Some(min) = rules.sections.min_count {
        results.push(min_sections(min, &reports));
    }

    let mut baseline_written = None;
    if needs_pair {
        let (old, new) = (&reports[reports.len() - 2], &reports[reports.len() - 1]);
        let diff = report::diff_reports(
            &old.report,
            &new.report,
            &DiffOptions {
                ignore_years: rules.changes.ignore_years,
                phrases: Default::default(),
                contexts: 2,
            },
        );
        let pair = PairView { old, new, diff };
        if needs_shares {
            let (overall, sections) = shares(&pair.diff, &old.report, &new.report);
            if let Some(limit) = &changes.max_changed_share {
                results.push(changed_share(Bound::Max(*limit.get_ref()), &pair, &overall, &sections));
            }
            if let Some(limit) = &changes.min_changed_share {
                results.push(changed_share(Bound::Min(*limit.get_ref()), &pair, &overall, &sections));
            }
            if let Some(limit) = &changes.max_section_changed_share {
                let min_words = changes.min_section_words.unwrap_or(DEFAULT_MIN_SECTION_WORDS);
                results.push(section_changed_share(*limit.get_ref(), min_words, &pair, &sections));
            }
        }
        if let Some(baseline) = &rules.baseline {
            let path = resolve(dir, &baseline.path);
            let shown = path.display().to_string();
            let current = snapshot(&pair.diff);
            if opts.update_baseline {
                output::write_atomically(&path, render::to_json(&current).as_bytes())?;
                results.push(
                    RuleResult::new(
                        "baseline",
                        None,
                        true,
                        format!(
                            "baseline {shown} written from {} → {}",
                            old.report.meta.label(),
                            new.report.meta.label()
                        ),
                    )
                    .at(new, None),
                );
                baseline_written = Some(shown);
            } else {
                results.push(match read_baseline(&path)? {
                    Some(committed) => baseline_result(&shown, &committed, &current, &pair),
                    None => RuleResult::new(
                        "baseline",
                        None,
                        false,
                        format!("baseline {shown} does not exist; create it with `reportdiff check --update-baseline`"),
                    ),
                });
            }
        }
    }

    let summary = CheckSummary {
        rules: results.len(),
        passed: results.iter().filter(|r| r.passed).count(),
        failed: results.iter().filter(|r| !r.passed).count(),
        notices: results.iter().filter(|r| r.notice).count(),
    };
    Ok(CheckReport {
        schema_version: 1,
        config: file.display().to_string(),
        reports: reports.iter().map(|r| r.report.meta.clone()).collect(),
        results,
        summary,
        baseline_written,
    })
}

/// The committed snapshot, or `None` when the file does not exist.
fn read_baseline(path: &Path) -> Result<Option<Value>> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
            Error::input(
                path.display(),
                format!("is not a baseline snapshot (invalid JSON: {e})"),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::input(path.display(), e)),
    }
}

// ---------------------------------------------------------------- commands

/// Shared options for output and loading, from `check`'s own arguments.
fn common_of(args: &CheckArgs) -> CommonArgs {
    CommonArgs {
        format: Format::Terminal,
        output: args.output.clone(),
        color: args.color,
        encoding: args.encoding.clone(),
        year: None,
        jurisdiction: None,
        max_input_size: args.max_input_size,
    }
}

/// Runs `reportdiff check`: exit 0 when every rule holds, 1 otherwise.
pub fn run(args: CheckArgs) -> Result<crate::command::Status> {
    let common = common_of(&args);
    let outcome = read_rules(&args.config).and_then(|(text, rules)| {
        let load = LoadOptions {
            source: SourceOptions {
                encoding: common.encoding.clone(),
                max_size: common.max_input_size,
            },
            year: None,
            jurisdiction: None,
        };
        let opts = CheckOptions {
            update_baseline: args.update_baseline,
        };
        evaluate(&rules, &args.config, &text, &load, &opts)
    });
    let report = match outcome {
        Ok(report) => report,
        Err(e) => {
            // In a workflow, the error also becomes an annotation on the run.
            if args.format == CheckFormat::Github {
                let annotation = render::check::github_error(&e.to_string(), e.file.as_deref(), e.line);
                let _ = output::emit(&common, &annotation);
            }
            return Err(e.error);
        }
    };
    let color = output::color_for(&common);
    let text = match args.format {
        CheckFormat::Terminal => render::check::terminal(&report, color),
        CheckFormat::Json => render::check::json(&report),
        CheckFormat::Github => render::check::github(&report),
        CheckFormat::Junit => render::check::junit(&report),
        CheckFormat::Markdown => render::check::markdown(&report),
    };
    if args.format == CheckFormat::Github {
        if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty()) {
            append(Path::new(&summary), &render::check::markdown(&report))?;
        }
    }
    output::emit(&common, &text)?;
    Ok(if report.passed() { 0 } else { 1 })
}

fn read_rules(path: &Path) -> CheckResult<(String, Rules)> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::NotFound {
            " (create one with `reportdiff init`, or pass --config FILE)"
        } else {
            ""
        };
        Error::Usage(format!("{}: cannot read the rules file: {e}{hint}", path.display()))
    })?;
    let rules = parse_rules(path, &text)?;
    Ok((text, rules))
}

/// Appends to a file (the GitHub step summary), creating it if needed.
fn append(path: &Path, text: &str) -> Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| Error::Output {
            path: path.display().to_string(),
            problem: e.to_string(),
        })
}

// ---------------------------------------------------------------- init

/// File extensions `init` treats as reports.
const REPORT_EXTENSIONS: [&str; 4] = ["txt", "text", "htm", "html"];

/// Runs `reportdiff init [DIR]`: writes a commented starter rules file.
pub fn init(args: InitArgs) -> Result<crate::command::Status> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let target = resolve(&dir, DEFAULT_CONFIG);
    if target.exists() {
        return Err(Error::Usage(format!(
            "{}: already exists; edit it, or remove it to start again",
            target.display()
        )));
    }
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::input(dir.display(), e))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            !n.starts_with('.')
                && Path::new(n)
                    .extension()
                    .is_some_and(|x| REPORT_EXTENSIONS.contains(&x.to_string_lossy().to_lowercase().as_str()))
        })
        .collect();
    names.sort();
    let opts = LoadOptions::default();
    let scanned: Vec<(String, Result<Vec<Report>>)> = names
        .par_iter()
        .map(|n| (n.clone(), document::load(&resolve(&dir, n).to_string_lossy(), &opts)))
        .collect();
    let starter = starter_rules(&dir, &scanned)?;
    output::write_atomically(&target, starter.text.as_bytes())?;
    // A closed pipe is no reason to fail: the file is written.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "wrote {}: {}\ncheck with: reportdiff check --config {}",
        target.display(),
        starter.summary,
        target.display()
    );
    Ok(0)
}

/// A starter rules file and a one-line description of it.
struct Starter {
    text: String,
    summary: String,
}

/// Groups the single-report files by jurisdiction and kind; the largest group
/// (then the newest) becomes `reports`, the rest is listed in comments. Every
/// threshold is set from the reports as they are now, so the file passes.
fn starter_rules(dir: &Path, scanned: &[(String, Result<Vec<Report>>)]) -> Result<Starter> {
    let mut groups: BTreeMap<(String, &'static str), Vec<(&str, &Report)>> = BTreeMap::new();
    let mut other: Vec<String> = Vec::new();
    for (name, loaded) in scanned {
        match loaded {
            Ok(reports) if reports.len() == 1 && reports[0].meta.year.is_some() => {
                let r = &reports[0];
                let key = (r.meta.jurisdiction.clone().unwrap_or_default(), r.meta.kind.as_str());
                groups.entry(key).or_default().push((name, r));
            }
            Ok(reports) if reports.len() > 1 => other.push(format!(
                "{name}: holds {} reports; name one as {{ path = \"{name}\", report = 1 }} or split it with `reportdiff split --out-dir`",
                reports.len()
            )),
            Ok(_) => other.push(format!("{name}: no year detected; add {{ path = \"{name}\", year = … }}")),
            Err(e) => other.push(format!("{name}: {e}")),
        }
    }
    let best = groups
        .iter()
        .max_by_key(|(_, members)| (members.len(), members.iter().filter_map(|(_, r)| r.meta.year).max()))
        .map(|(k, _)| k.clone());
    let Some(best) = best else {
        return Err(Error::input(
            dir.display(),
            format!(
                "no report files to check ({} here){}",
                REPORT_EXTENSIONS.map(|e| format!("*.{e}")).join(", "),
                if other.is_empty() {
                    String::new()
                } else {
                    format!(": {}", other.join("; "))
                }
            ),
        ));
    };
    let mut members = groups.remove(&best).unwrap_or_default();
    members.sort_by(|a, b| a.1.meta.year.cmp(&b.1.meta.year).then(a.0.cmp(b.0)));
    for (key, rest) in &groups {
        for (name, r) in rest {
            other.push(format!(
                "{name}: {} {} ({})",
                r.meta.label(),
                key.1,
                "another jurisdiction or kind"
            ));
        }
    }
    other.sort();

    let newest = members.last().expect("a group has members").1;
    let previous = members.len().checked_sub(2).map(|i| members[i].1);
    let new_counting = phrases::counting_text(newest.text());
    let old_counting = previous.map(|p| phrases::counting_text(p.text()));
    let mut recurring: Vec<(usize, String)> = Vec::new();
    let mut fresh: Vec<(usize, String)> = Vec::new();
    for (phrase, kind) in phrases::candidates(newest.text()) {
        if kind == PhraseKind::Title || phrase.chars().count() < 2 {
            continue;
        }
        let n = phrases::count(&new_counting, &phrase);
        match old_counting.as_deref().map(|t| phrases::count(t, &phrase)) {
            Some(0) => fresh.push((n, phrase)),
            _ => recurring.push((n, phrase)),
        }
    }
    let top = |mut list: Vec<(usize, String)>| -> Vec<String> {
        list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        list.into_iter().take(4).map(|(_, p)| p).collect()
    };
    let (require, track) = (top(recurring), top(fresh));
    let section_count = newest.sections.iter().filter(|s| s.role != Role::Lead).count();
    let headings: Vec<String> = newest
        .sections
        .iter()
        .filter(|s| s.role == Role::Heading && s.level == 1)
        .map(|s| s.heading.clone())
        .collect();
    let share = previous.map(|old| {
        let diff = report::diff_reports(old, newest, &DiffOptions::default());
        shares(&diff, old, newest).0.value()
    });

    let quoted = |items: &[String]| items.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", ");
    let label = |r: &Report| r.meta.label();
    let mut t = String::new();
    t.push_str("# reportdiff check rules, written by `reportdiff init`.\n");
    t.push_str("# Run `reportdiff check` in this folder (or `reportdiff check --config PATH`).\n");
    t.push_str("# Exit 0: every rule holds; 1: a rule is violated; 2: this file or a report cannot be read.\n");
    t.push_str("# Every threshold below was set from the reports as they are today: tighten them.\n\n");
    t.push_str("# Reports of one jurisdiction: paths or globs relative to this file's folder,\n");
    t.push_str("# ordered by detected year; the last is the newest. A table picks one report of a\n");
    t.push_str("# multi-report file or sets the year: { path = \"scrape.txt\", report = 2, year = 2021 }\n");
    let names: Vec<String> = members.iter().map(|(n, _)| n.to_string()).collect();
    t.push_str(&format!(
        "# ({}: {})\n",
        best.0.as_str().trim(),
        members.iter().map(|(_, r)| label(r)).collect::<Vec<_>>().join(", ")
    ));
    t.push_str(&format!("reports = [{}]\n", quoted(&names)));
    if !other.is_empty() {
        t.push_str("# Also in this folder, left out:\n");
        for o in &other {
            t.push_str(&format!("#   {o}\n"));
        }
    }
    t.push_str("\n[phrases]\n");
    t.push_str(&format!(
        "# Must appear in the newest report ({}); these occur there most often.\nrequire = [{}]\n",
        label(newest),
        quoted(&require)
    ));
    t.push_str("# Must not appear in the newest report.\nforbid = []\n");
    t.push_str("# Status (new, dropped, recurring) reported, never a failure");
    if previous.is_some() {
        t.push_str("; these are new in the newest report");
    }
    t.push_str(&format!(".\ntrack = [{}]\n", quoted(&track)));
    t.push_str("\n[sections]\n");
    t.push_str("# Text some heading of the newest report must contain. Its top-level headings:\n");
    for h in &headings {
        t.push_str(&format!("#   {}\n", toml_string(h)));
    }
    t.push_str("require = []\n");
    t.push_str(&format!(
        "# The newest report has at least this many sections (it has {section_count} now);\n# a scrape that suddenly parses into one section is broken.\nmin_count = {}\n",
        section_count.div_ceil(2).max(1)
    ));
    match share {
        Some(share) => {
            // Halfway to 1, at least 2 points above today's share.
            let limit = (((share + ((1.0 - share) / 2.0).max(0.02)) * 100.0).ceil() / 100.0).min(1.0);
            t.push_str(&format!(
                "\n[changes]\n# Share of changed words between the two newest reports: (inserted + deleted) /\n# (words of both); {} now ({} → {}).\nmax_changed_share = {limit:.2}\n",
                percent(share),
                previous.map(label).unwrap_or_default(),
                label(newest)
            ));
            if share >= 0.1 {
                t.push_str("# At least this share: catches an earlier report saved again under a new name.\n");
                t.push_str("min_changed_share = 0.05\n");
            }
            t.push_str("# The same per paired section (sections under min_section_words are left out).\n");
            t.push_str("# max_section_changed_share = 0.9\n# min_section_words = 50\n");
            t.push_str("# Pure year shifts (2024年 → 2025年) are not changes.\nignore_years = false\n");
            t.push_str("\n# A committed snapshot of the diff of the two newest reports; any difference\n");
            t.push_str("# fails. Create or refresh it with `reportdiff check --update-baseline`.\n");
            t.push_str("# [baseline]\n# path = \"reportdiff-baseline.json\"\n");
        }
        None => t.push_str("\n# With two or more reports: [changes] max_changed_share and [baseline] path.\n"),
    }
    Ok(Starter {
        summary: format!(
            "{} report(s) of {} ({}), {} required and {} tracked phrase(s)",
            members.len(),
            best.0.as_str().trim(),
            members.iter().map(|(_, r)| label(r)).collect::<Vec<_>>().join(", "),
            require.len(),
            track.len()
        ),
        text: t,
    })
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_errors_name_the_line() {
        let e = parse_rules(
            Path::new("r.toml"),
            "reports = [\"a.txt\"]\n\n[phrases]\nrequre = [\"x\"]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("r.toml:4:"), "{e}");
        assert!(e.contains("requre"), "{e}");
        assert!(!e.contains('\n'), "{e}");
        let e = parse_rules(
            Path::new("r.toml"),
            "reports = [\"a.txt\"]\n[changes]\nmax_changed_share = 1.5\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("r.toml:3:"), "{e}");
        let e = parse_rules(Path::new("r.toml"), "reports = []\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("r.toml:1:"), "{e}");
    }

    #[test]
    fn report_entries_are_paths_or_tables() {
        let r = parse_rules(
            Path::new("r.toml"),
            "reports = [\"a/*.txt\", { path = \"s.txt\", report = 2 }, { path = \"t.txt\", report = \"天河\", year = 2021 }]\n",
        )
        .unwrap();
        let entries = r.reports.get_ref();
        assert!(matches!(entries[0].get_ref(), ReportEntry::Path(p) if p == "a/*.txt"));
        assert!(matches!(
            entries[1].get_ref(),
            ReportEntry::Table(ReportTable {
                report: Some(Selector::Number(2)),
                ..
            })
        ));
        assert!(matches!(
            entries[2].get_ref(),
            ReportEntry::Table(ReportTable {
                report: Some(Selector::Text(_)),
                year: Some(2021),
                ..
            })
        ));
    }

    #[test]
    fn text_difference_shows_the_changed_words() {
        let (at, was, now) = first_text_difference("推进百千万工程建设。", "推进千百万工程建设。").unwrap();
        assert_eq!(at, 2);
        assert_eq!(was, "…推进[百千]万工程建设。…");
        assert_eq!(now, "…推进[千百]万工程建设。…");
        assert!(first_text_difference("同", "同").is_none());
        let (_, was, now) = first_text_difference("abc", "abcd").unwrap();
        assert_eq!((was.as_str(), now.as_str()), ("…abc[]…", "…abc[d]…"));
    }

    #[test]
    fn value_difference_has_a_path() {
        let a: Value = serde_json::json!({"summary": {"x": 1}, "sections": [{"status": "moved"}]});
        let b: Value = serde_json::json!({"summary": {"x": 1}, "sections": [{"status": "changed"}]});
        let (path, was, now) = first_value_difference("", &a, &b).unwrap();
        assert_eq!(path, "sections[0].status");
        assert_eq!((was.as_str(), now.as_str()), ("\"moved\"", "\"changed\""));
    }

    #[test]
    fn line_and_column_count_chars() {
        assert_eq!(line_column("ab\n一二x", "ab\n一二".len()), (2, 3));
        assert_eq!(line_column("ab", 0), (1, 1));
    }
}
