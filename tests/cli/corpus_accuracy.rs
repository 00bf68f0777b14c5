//! Reading accuracy over every report of `../shared/corpus/cities` (1,345
//! reports of 277 jurisdictions), measured against what the corpus itself says:
//! the folder is the jurisdiction's official name, the file name the year whose
//! work the report plans. Prints the figures and the failures
//! (`scripts/accuracy.sh` shows them); fails below the thresholds of issue 13.
//!
//! `ACCURACY_CORPUS=DIR` measures another corpus of the same layout
//! (`DIR/<jurisdiction>/<year>.md|txt`) and only prints, without thresholds.

use crate::common;

use rayon::prelude::*;
use reportdiff::read::document::{self, LoadOptions, Report};
use reportdiff::read::outline::Role;
use reportdiff::read::source::{self, SourceOptions};
use std::path::{Path, PathBuf};

/// One file's verdicts.
#[derive(Debug, Default)]
struct Verdict {
    path: String,
    error: Option<String>,
    /// The raw text has a final exhortation (the closing check applies).
    exhortation: bool,
    /// The kind read (`work_report`, `plan`, …): the figures are also given per kind.
    kind: &'static str,
    /// Why each of [`CHECKS`] failed (`None` = right; the closing is also right
    /// when the text has no final exhortation to find).
    failures: [Option<String>; 5],
}

/// The checks, in the order the figures are printed.
const CHECKS: [&str; 5] = ["year", "jurisdiction", "title", "outline", "closing"];

/// Every report file of a corpus, sorted.
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
        if !folder.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()) {
            if matches!(f.extension().and_then(|e| e.to_str()), Some("md" | "txt")) {
                files.push(f);
            }
        }
    }
    files.sort();
    files
}

/// Char offset of the final exhortation in the raw file, found independently of
/// the outline: the last line that appeals to the deputies (`各位代表`, `同志们`,
/// `让我们`) and calls on them (`让我们…`, or a line ending in `！`; a few
/// characters of a glued-on `附件1` may follow), when at most [`AFTER_CLOSING`]
/// characters of report text follow it (notes, 附件, 名词解释 do not count: an
/// abridged text that stops mid-way has no final exhortation). Markdown
/// markers are ignored.
fn final_exhortation(raw: &str) -> Option<usize> {
    let raw_lines: Vec<&str> = raw.split('\n').collect();
    let lines: Vec<String> = raw_lines
        .iter()
        .map(|l| l.chars().filter(|c| !matches!(c, '*' | '#' | ' ' | '　')).collect())
        .collect();
    let is_call = |l: &str| {
        let appeal = ["各位代表", "同志们", "让我们"].iter().any(|a| l.starts_with(a));
        appeal && (l.contains("让我们") || l.chars().rev().take(8).any(|c| matches!(c, '！' | '!')))
    };
    let last = lines.iter().rposition(|l| is_call(l))?;
    let notes = [
        "名词解释",
        "注释",
        "释义",
        "附件",
        "附录",
        "附：",
        "说明",
        "民生实事",
        "术语",
        "---",
    ];
    let glossary = |l: &str| {
        let digits = l.chars().take_while(char::is_ascii_digit).count();
        (digits > 0 && l.chars().nth(digits).is_some_and(|c| matches!(c, '.' | '、' | '．')) && l.contains('：'))
            || l.starts_with(['[', '①'])
    };
    let following: usize = lines[last + 1..]
        .iter()
        .take_while(|l| {
            let note_heading = l.chars().count() <= 30 && notes.iter().any(|n| l.contains(n));
            !note_heading && !glossary(l)
        })
        .map(|l| l.chars().count())
        .sum();
    (following <= AFTER_CLOSING).then(|| raw_lines[..last].iter().map(|l| l.chars().count() + 1).sum())
}

/// Report text that may follow a final exhortation (a trailer, a date line).
const AFTER_CLOSING: usize = 300;

/// Reads a report under a neutral file name (`report.md`), so that year and
/// jurisdiction must come from the text, not from the corpus's naming.
fn read_blind(path: &str) -> Result<Vec<Report>, String> {
    let mut src = source::read_source(path, &SourceOptions::default()).map_err(|e| e.to_string())?;
    let ext = Path::new(path)
        .extension()
        .map_or("txt".into(), |e| e.to_string_lossy());
    src.path = format!("report.{ext}");
    let reports: Vec<Report> = document::reports_of(&src, &LoadOptions::default())
        .into_iter()
        .filter(|r| !r.text().trim().is_empty())
        .collect();
    if reports.is_empty() {
        return Err("no report text".into());
    }
    Ok(reports)
}

fn judge(path: &Path) -> Verdict {
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    // `2021.md`, or `2021-08.md` for a second report of the year (a new congress).
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let year: i32 = stem[..4].parse().unwrap();
    let mut v = Verdict {
        path: format!("{folder}/{}", path.file_name().unwrap().to_string_lossy()),
        ..Verdict::default()
    };
    let p = path.to_string_lossy().into_owned();
    let reports: Vec<Report> = match read_blind(&p) {
        Ok(r) => r,
        Err(e) => {
            v.error = Some(e.to_string());
            v.failures = std::array::from_fn(|_| Some("load error".into()));
            return v;
        }
    };
    if reports.len() != 1 {
        let titles: Vec<String> = reports.iter().map(|r| r.meta.display_title()).collect();
        v.error = Some(format!("holds {} reports: {}", reports.len(), titles.join(" | ")));
    }
    // Judge the longest report, so one stray split does not hide the rest.
    let r = reports.iter().max_by_key(|r| r.text().len()).unwrap();
    let m = &r.meta;
    v.kind = m.kind.as_str();
    let year_failure = match m.year {
        Some(y) if y == year => None,
        other => Some(format!("{other:?}")),
    };
    let jurisdiction_failure = match m.jurisdiction.as_deref() {
        Some(j) if j == folder => None,
        other => Some(format!("{other:?}")),
    };
    let title_failure = match m.title.as_deref() {
        Some(t) if t.contains("工作报告") && !t.starts_with('(') => None,
        other => Some(format!("{other:?}")),
    };
    let parts = r
        .sections
        .iter()
        .filter(|s| s.level == 1 && s.role == Role::Heading)
        .count();
    let outline_failure = (parts < 2).then(|| format!("{parts} top-level parts"));
    let raw = std::fs::read_to_string(path).unwrap();
    let exhortation = final_exhortation(&raw);
    v.exhortation = exhortation.is_some();
    let closing_failure = match exhortation {
        None => None,
        Some(at) => {
            let closing = r
                .sections
                .iter()
                .find(|s| s.role == Role::Closing)
                .map(|s| (r.file_offset(s.start), r.file_offset(s.end.saturating_sub(1))));
            match closing {
                Some((start, end)) if start <= at && at <= end => None,
                Some((start, end)) => Some(format!("closing {start}..{end} misses the exhortation at {at}")),
                None => Some(format!("no closing (exhortation at {at})")),
            }
        }
    };
    v.failures = [
        year_failure,
        jurisdiction_failure,
        title_failure,
        outline_failure,
        closing_failure,
    ];
    v
}

/// The figures of each kind read (a city report read as another kind shows
/// up here; `scripts/accuracy.sh` adds the plans of ../shared/corpus/plans).
fn print_by_kind(verdicts: &[Verdict]) {
    let kinds: std::collections::BTreeSet<&str> = verdicts.iter().map(|v| v.kind).filter(|k| !k.is_empty()).collect();
    for kind in kinds {
        let of_kind: Vec<&Verdict> = verdicts.iter().filter(|v| v.kind == kind).collect();
        let n = of_kind.len();
        let figures: Vec<String> = CHECKS
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let ok = of_kind.iter().filter(|v| v.failures[k].is_none()).count();
                format!("{name} {:.2} %", share(ok, n))
            })
            .collect();
        println!("  kind {kind}: {n} reports: {}", figures.join(", "));
    }
}

/// Percentage of `ok` in `n`.
fn share(ok: usize, n: usize) -> f64 {
    100.0 * ok as f64 / n.max(1) as f64
}

#[test]
#[ignore = "reads all 1,345 city reports; run by .ci/run and scripts/accuracy.sh with --ignored"]
fn cities_corpus_is_read_right() {
    let (dir, thresholds) = match std::env::var_os("ACCURACY_CORPUS") {
        Some(d) => (PathBuf::from(d), false),
        None => (common::root().join("../shared/corpus/cities"), true),
    };
    if !dir.exists() {
        eprintln!(
            "SKIPPED: {} is absent (the corpus sits beside the repository in ../shared)",
            dir.display()
        );
        return;
    }
    let files = corpus_files(&dir);
    assert!(!files.is_empty(), "no reports in {}", dir.display());
    let verdicts: Vec<Verdict> = files.par_iter().map(|f| judge(f)).collect();
    let n = verdicts.len();
    let folders: std::collections::BTreeSet<&str> = verdicts.iter().filter_map(|v| v.path.split('/').next()).collect();
    println!("corpus {}: {n} reports in {} folders", dir.display(), folders.len());
    let with_closing = verdicts.iter().filter(|v| v.exhortation).count();
    println!("{with_closing} reports end with an exhortation (the closing check applies to them)");
    let errors: Vec<&Verdict> = verdicts.iter().filter(|v| v.error.is_some()).collect();
    println!("errors: {}", errors.len());
    for v in &errors {
        println!("  error {}: {}", v.path, v.error.as_deref().unwrap_or(""));
    }
    let mut figures = Vec::new();
    for (k, name) in CHECKS.into_iter().enumerate() {
        let failed: Vec<(&str, &String)> = verdicts
            .iter()
            .filter_map(|v| v.failures[k].as_ref().map(|e| (v.path.as_str(), e)))
            .collect();
        let pct = share(n - failed.len(), n);
        println!("{name:>12}: {:6.2} % ({} of {n} right)", pct, n - failed.len());
        for (path, why) in &failed {
            println!("  {name} {path}: {why}");
        }
        figures.push((name, pct));
    }
    print_by_kind(&verdicts);
    if !thresholds {
        return;
    }
    let minimum = |name: &str| match name {
        "year" => 99.5,
        "closing" => 97.0,
        _ => 99.0,
    };
    let below: Vec<String> = figures
        .iter()
        .filter(|(name, pct)| *pct < minimum(name))
        .map(|(name, pct)| format!("{name} {pct:.2} % < {} %", minimum(name)))
        .collect();
    assert!(errors.is_empty(), "{} files did not read as one report", errors.len());
    assert!(below.is_empty(), "below the thresholds: {}", below.join(", "));
}
