//! The closing part survives year to year: `reportdiff diff` as a user runs it
//! on every consecutive pair of `../shared/corpus/national` and of a sample of
//! city folders never shows a closing as removed (or added) when both reports
//! have one; and a sample of city folders goes through `series`.

use crate::common;
use common::*;
use rayon::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

/// Report files of a folder, sorted by name (= by year).
fn files_of(dir: &std::path::Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

/// Every tenth city folder (28 of 277), in name order.
fn city_sample() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("../shared/corpus/cities"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter().step_by(10).collect()
}

/// The problem with one pair's closing, if any.
fn closing_problem(old: &str, new: &str) -> Option<String> {
    let out = bin().args(["diff", old, new, "--format", "json"]).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{old} → {new}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sections = v["sections"].as_array().unwrap();
    let is_closing = |side: &Value| side["path"] == "(closing)";
    let old_has = sections.iter().any(|s| is_closing(&s["old"]));
    let new_has = sections.iter().any(|s| is_closing(&s["new"]));
    let unpaired = sections.iter().find(|s| {
        (is_closing(&s["old"]) || is_closing(&s["new"])) && matches!(s["status"].as_str(), Some("removed" | "added"))
    });
    match unpaired {
        Some(s) if old_has && new_has => Some(format!("{old} → {new}: closing {}", s["status"])),
        _ => None,
    }
}

fn assert_closings_pair(dirs: &[PathBuf]) -> usize {
    let pairs: Vec<(String, String)> = dirs
        .iter()
        .flat_map(|d| {
            let f = files_of(d);
            f.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect::<Vec<_>>()
        })
        .collect();
    let problems: Vec<String> = pairs.par_iter().filter_map(|(a, b)| closing_problem(a, b)).collect();
    assert!(
        problems.is_empty(),
        "closings shown as removed/added:\n{}",
        problems.join("\n")
    );
    pairs.len()
}

#[test]
fn national_closings_are_never_removed() {
    let n = assert_closings_pair(&[root().join("../shared/corpus/national")]);
    assert_eq!(n, 40);
}

#[test]
#[ignore = "a sample of city folders; run by .ci/run with --ignored"]
fn city_closings_are_never_removed() {
    let n = assert_closings_pair(&city_sample());
    assert!(n >= 50, "{n} pairs");
}

#[test]
#[ignore = "a sample of city folders; run by .ci/run with --ignored"]
fn city_folders_go_through_series() {
    for dir in city_sample() {
        let files = files_of(&dir);
        let mut args = vec!["series".to_string()];
        args.extend(files.iter().cloned());
        args.extend(["--format".into(), "json".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let v: Value = serde_json::from_str(&run_ok(&args, 0)).unwrap();
        let reports = v["reports"].as_array().unwrap();
        assert_eq!(reports.len(), files.len(), "{}", dir.display());
    }
}
