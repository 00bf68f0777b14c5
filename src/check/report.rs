//! The result of `reportdiff check`: one value every output format reads, kept
//! outside [`crate::command`] so [`crate::render`] never imports a command.

use crate::read::meta::ReportMeta;
use serde::Serialize;

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
    /// A result of `rule` (about `subject`, when it has one) with no place yet.
    pub fn new(rule: &str, subject: Option<&str>, passed: bool, message: String) -> RuleResult {
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

    /// The result with further lines.
    pub fn details(mut self, details: Vec<String>) -> RuleResult {
        self.details = details;
        self
    }
}
