//! Evaluating the rules over the loaded reports. Writes no file: the baseline
//! to write is handed back to the caller.

use super::baseline::{baseline_result, read_baseline, snapshot};
use super::load::{load_reports, resolve, Loaded, PairView};
use super::rules::{config_error, normalized, CheckResult, Rules};
use super::shares::{percent, shares, Share};
use super::DEFAULT_MIN_SECTION_WORDS;
use crate::check::report::{CheckReport, CheckSummary, RuleResult};
use crate::compare::phrases::{self, PairStatus};
use crate::compare::report::{self, DiffOptions, DiffReport};
use crate::read::document::LoadOptions;
use crate::render;
use rayon::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use toml::Spanned;
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

/// A phrase rule: the phrase, the newest report, all reports, the counts of every phrase in every
/// report, and the phrase's index in those counts.
type PhraseRule = fn(&str, &Loaded, &[Loaded], &[Vec<usize>], usize) -> RuleResult;

fn require_phrase(phrase: &str, newest: &Loaded, reports: &[Loaded], counts: &[Vec<usize>], k: usize) -> RuleResult {
    let (newest, n) = (newest, counts[k][reports.len() - 1]);
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

fn forbid_phrase(phrase: &str, newest: &Loaded, reports: &[Loaded], counts: &[Vec<usize>], k: usize) -> RuleResult {
    let (newest, n) = (newest, counts[k][reports.len() - 1]);
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
        .map(|(offset, s)| {
            format!(
                "line {}: {}",
                newest.line_of(*offset),
                newest.excerpt(*offset, s, phrase, 80)
            )
        })
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

fn track_phrase(phrase: &str, newest: &Loaded, reports: &[Loaded], counts: &[Vec<usize>], k: usize) -> RuleResult {
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
    // "new" only when no earlier report has it: one absent from the previous
    // report but seen before is "back" (its first-seen year is printed too).
    let seen_before = counts[k][..reports.len().saturating_sub(2)].iter().any(|&n| n > 0);
    let status = match reports.len() {
        1 if last > 0 => "present",
        1 => "absent",
        len => match PairStatus::of(counts[k][len - 2], last) {
            PairStatus::New if seen_before => "back",
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
    result.notice = matches!(status, "new" | "back" | "dropped");
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

fn require_section(heading: &str, newest: &Loaded, reports: &[Loaded]) -> RuleResult {
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

fn min_sections(min: usize, newest: &Loaded, reports: &[Loaded]) -> RuleResult {
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
            "{} of the words changed from {} to {} ({limit}){}",
            percent(share),
            pair.old.described(),
            pair.new.described(),
            degraded_note(&pair.diff),
        ),
    )
    .at(pair.new, None)
    .details(details)
}

/// Said wherever change counts are shown: a degraded diff compared some
/// blocks whole, so its counts are upper bounds.
fn degraded_note(diff: &DiffReport) -> &'static str {
    if diff.degraded {
        " — degraded: some blocks compared whole, counts are upper bounds"
    } else {
        ""
    }
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
    let message = format!("{message}{}", degraded_note(&pair.diff));
    RuleResult::new("changes.max_section_changed_share", None, over.is_empty(), message)
        .at(pair.new, start)
        .details(details)
}

/// What the caller of [`evaluate`] asks besides the rules.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Write the baseline snapshot instead of comparing with it.
    pub update_baseline: bool,
}

/// What [`evaluate`] found, and the baseline snapshot to write when asked to
/// update it (the caller writes it, so evaluation stays free of side effects).
#[derive(Debug)]
pub struct Evaluation {
    /// The result every output format reads.
    pub report: CheckReport,
    /// The baseline file and the snapshot to write to it.
    pub baseline: Option<(PathBuf, Value)>,
}

/// Evaluates `rules` (read from `file`, whose folder anchors relative paths)
/// over freshly loaded reports.
pub fn evaluate(
    rules: &Rules,
    file: &Path,
    text: &str,
    load: &LoadOptions,
    opts: &CheckOptions,
) -> CheckResult<Evaluation> {
    let dir = file.parent().unwrap_or(Path::new(""));
    let reports = load_reports(rules, file, text, dir, load)?;
    // Parsing rejects an empty `reports` and every entry names a file, so there is one.
    let Some(newest) = reports.last() else {
        return Err(config_error(
            file,
            text,
            Some(rules.reports.span()),
            "`reports` names no report",
        ));
    };
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

    let mut results = phrase_and_section_results(rules, newest, &reports);
    let (mut pair_results, baseline_written, to_write) = if needs_pair {
        pair_results(rules, dir, &reports, load, opts, needs_shares)?
    } else {
        (Vec::new(), None, None)
    };
    results.append(&mut pair_results);

    let summary = CheckSummary {
        rules: results.len(),
        passed: results.iter().filter(|r| r.passed).count(),
        failed: results.iter().filter(|r| !r.passed).count(),
        notices: results.iter().filter(|r| r.notice).count(),
    };
    let report = CheckReport {
        schema_version: 1,
        config: file.display().to_string(),
        reports: reports.iter().map(|r| r.report.meta.clone()).collect(),
        results,
        summary,
        baseline_written,
    };
    Ok(Evaluation {
        report,
        baseline: to_write,
    })
}

/// The `[phrases]` and `[sections]` rules, in the order they are written.
fn phrase_and_section_results(rules: &Rules, newest: &Loaded, reports: &[Loaded]) -> Vec<RuleResult> {
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
        .map(|(k, (rule, phrase))| rule(phrase, newest, reports, &counts, k))
        .collect();
    for heading in &rules.sections.require {
        results.push(require_section(&normalized(heading.get_ref()), newest, reports));
    }
    if let Some(min) = rules.sections.min_count {
        results.push(min_sections(min, newest, reports));
    }
    results
}

/// What the `[changes]` and `[baseline]` rules found on the two newest
/// reports, the baseline written (shown path) and the snapshot to write.
type PairResults = (Vec<RuleResult>, Option<String>, Option<(PathBuf, Value)>);

fn pair_results(
    rules: &Rules,
    dir: &Path,
    reports: &[Loaded],
    load: &LoadOptions,
    opts: &CheckOptions,
    needs_shares: bool,
) -> CheckResult<PairResults> {
    let changes = &rules.changes;
    let mut results = Vec::new();
    let mut baseline_written = None;
    let mut to_write = None;
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
            let inputs: Vec<&str> = reports.iter().map(Loaded::path).collect();
            crate::output::refuse_input_as_output(&path, &inputs)?;
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
            to_write = Some((path, current));
        } else {
            results.push(match read_baseline(&path, load.source.max_size)? {
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
    Ok((results, baseline_written, to_write))
}
