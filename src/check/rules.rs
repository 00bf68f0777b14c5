//! The rules file: its TOML shape, parsed with spans so every mistake names its line.

use crate::error::Error;
use crate::read::normalize;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

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
pub(super) fn config_error(file: &Path, source: &str, span: Option<Range<usize>>, message: &str) -> CheckError {
    let shown = file.display().to_string();
    let mut one_line: Vec<&str> = message.split_whitespace().collect();
    // The TOML parser says nothing (or only "invalid key") about a control
    // character; name the character.
    let control = span
        .as_ref()
        .and_then(|s| source.get(s.start..))
        .and_then(|rest| rest.chars().next())
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    let named;
    if let Some(c) = control {
        named = format!("control character U+{:04X} is not allowed here", c as u32);
        if !one_line.is_empty() {
            one_line.push("—");
        }
        one_line.push(&named);
    }
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
        if item.get_ref().chars().count() > crate::compare::phrases::MAX_PHRASE_CHARS {
            return bad(
                item.span(),
                &format!(
                    "a phrase or heading has at most {} characters",
                    crate::compare::phrases::MAX_PHRASE_CHARS
                ),
            );
        }
    }
    Ok(rules)
}

/// A phrase or heading as the normalized reports spell it (full-width,
/// traditional script and stray spaces folded).
pub(super) fn normalized(text: &str) -> String {
    normalize::normalize(text.trim(), 0).text
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
    fn line_and_column_count_chars() {
        assert_eq!(line_column("ab\n一二x", "ab\n一二".len()), (2, 3));
        assert_eq!(line_column("ab", 0), (1, 1));
    }
}
