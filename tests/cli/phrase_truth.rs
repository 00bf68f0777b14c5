//! Phrase statuses are statements about the texts, checked on real reports:
//! a phrase is `new` only when its text (normalized, quote marks removed)
//! occurs nowhere in the old report, `dropped` only when it occurs nowhere in
//! the new one, unless it carries `within` (the longer forms it stands in
//! there); a series phrase's first and last years are those of the first and
//! last report whose text contains it. Also the hand-verified new
//! formulations of `tests/data/novel/`: most of them on the first screen.

use crate::common;

use reportdiff::compare::phrases::counting_text;
use reportdiff::read::document::{load, LoadOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The shared corpus: `../shared` beside the repository, or `$REPORTDIFF_SHARED`
/// (a git worktree elsewhere).
fn shared() -> PathBuf {
    let beside = common::root().join("../shared");
    if beside.join("corpus").exists() {
        return beside;
    }
    let env = std::env::var("REPORTDIFF_SHARED").unwrap_or_default();
    assert!(!env.is_empty(), "no ../shared: set REPORTDIFF_SHARED");
    PathBuf::from(env)
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt") || p.ends_with(".md"))
        .collect();
    v.sort();
    v
}

/// The national reports and 20 city folders (every 13th of the 277, by name).
fn series_folders() -> Vec<Vec<String>> {
    let root = shared().join("corpus");
    let mut out = vec![files(&root.join("national"))];
    let mut cities: Vec<PathBuf> = std::fs::read_dir(root.join("cities"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    cities.sort();
    out.extend(cities.iter().step_by(13).take(20).map(|c| files(c)));
    out
}

/// What a phrase is looked for in: the report's normalized text, quote marks removed.
fn counting(path: &str) -> String {
    let reports = load(path, &LoadOptions::default()).unwrap_or_else(|e| panic!("{path}: {e}"));
    counting_text(reports[0].text())
}

fn json(args: &[&str]) -> Value {
    let out = common::bin()
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run");
    // `diff` exits 1 when the reports differ, as diff(1) does.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn has_within(p: &Value) -> bool {
    p["within"].as_array().is_some_and(|w| !w.is_empty())
}

#[test]
fn new_and_dropped_phrases_are_absent_from_the_other_report() {
    let (mut pairs, mut checked, mut false_statuses) = (0, 0, Vec::new());
    for folder in series_folders() {
        let texts: Vec<String> = folder.iter().map(|f| counting(f)).collect();
        for i in 1..folder.len() {
            let d = json(&["diff", &folder[i - 1], &folder[i]]);
            pairs += 1;
            for p in d["phrases"].as_array().expect("phrases") {
                let text = p["text"].as_str().unwrap_or_default();
                let other = match p["status"].as_str() {
                    Some("new") => &texts[i - 1],
                    Some("dropped") => &texts[i],
                    _ => continue,
                };
                checked += 1;
                if other.contains(text) && !has_within(p) {
                    false_statuses.push(format!("{} → {}: {text} {}", folder[i - 1], folder[i], p["status"]));
                }
            }
        }
    }
    assert!(pairs >= 60, "{pairs} pairs");
    assert!(checked > 1000, "{checked} statuses");
    assert!(
        false_statuses.is_empty(),
        "{} of {checked}:\n{}",
        false_statuses.len(),
        false_statuses.join("\n")
    );
}

#[test]
fn series_first_and_last_years_are_those_of_the_texts() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for folder in series_folders() {
        let mut args = vec!["series"];
        args.extend(folder.iter().map(String::as_str));
        let s = json(&args);
        let years: Vec<i64> = s["reports"]
            .as_array()
            .expect("reports")
            .iter()
            .map(|r| r["year"].as_i64().unwrap_or(0))
            .collect();
        // The series orders its reports by year; files are named by year.
        let mut by_year: Vec<(i64, String)> = Vec::new();
        for f in &folder {
            let y: i64 = Path::new(f)
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            by_year.push((y, counting(f)));
        }
        by_year.sort_by_key(|(y, _)| *y);
        assert_eq!(years, by_year.iter().map(|(y, _)| *y).collect::<Vec<_>>(), "{folder:?}");
        for p in s["phrases"].as_array().expect("phrases") {
            let text = p["text"].as_str().unwrap_or_default();
            let holding: Vec<i64> = by_year
                .iter()
                .filter(|(_, t)| t.contains(text))
                .map(|(y, _)| *y)
                .collect();
            checked += 1;
            let (first, last) = (p["first_year"].as_i64(), p["last_year"].as_i64());
            if (first, last) != (holding.first().copied(), holding.last().copied()) && !has_within(p) {
                wrong.push(format!("{}: {text} {first:?}–{last:?}, texts {holding:?}", folder[0]));
            }
        }
    }
    assert!(checked > 1000, "{checked} phrases");
    assert!(wrong.is_empty(), "{} of {checked}:\n{}", wrong.len(), wrong.join("\n"));
}

/// A gold file: OLD and NEW paths, and the formulations (alternatives split).
fn gold(path: &Path) -> (String, String, Vec<Vec<String>>) {
    let content = std::fs::read_to_string(path).expect("gold");
    let mut lines = content.lines();
    let mut side = || {
        let l = lines.next().unwrap_or_default().trim_start_matches('#').trim();
        shared().join("corpus").join(l).to_string_lossy().into_owned()
    };
    let (old, new) = (side(), side());
    let items = content
        .lines()
        .skip(2)
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.split('|').map(str::to_string).collect())
        .collect();
    (old, new, items)
}

/// The gold files of `tests/data/novel/`, in name order.
fn golds() -> Vec<PathBuf> {
    let dir = common::root().join("tests/data/novel");
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("gold dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    golds.sort();
    assert_eq!(golds.len(), 4);
    golds
}

#[test]
fn the_briefs_new_formulations_are_absent_from_the_old_report() {
    for g in golds() {
        let (old, new, _) = gold(&g);
        let d = json(&["diff", &old, &new]);
        let old_text = counting(&old);
        let listed = d["brief"]["new_formulations"].as_array().expect("brief");
        assert!(!listed.is_empty(), "{}", g.display());
        for f in listed {
            let text = f["text"].as_str().unwrap_or_default();
            assert!(!old_text.contains(text), "{}: brief says {text} is new", g.display());
        }
    }
}

/// Issue #23 asks for 70 %: 34 of 41 (83 %) measured on 2026-12-03
/// (docs/phrases.md, "Novelty").
#[test]
fn hand_verified_new_formulations_lead_the_first_screen() {
    let (mut found, mut total) = (0, 0);
    let mut report = Vec::new();
    for g in golds() {
        let (old, new, items) = gold(&g);
        let out = common::bin().args(["diff", &old, &new]).output().expect("run");
        let screen: String = String::from_utf8_lossy(&out.stdout)
            .lines()
            .take(60)
            .collect::<Vec<_>>()
            .join("\n");
        let hits = items
            .iter()
            .filter(|forms| forms.iter().any(|f| screen.contains(f.as_str())))
            .count();
        report.push(format!("{}: {hits}/{}", g.display(), items.len()));
        found += hits;
        total += items.len();
    }
    println!("{found}/{total} in the first 60 lines: {report:?}");
    assert!(
        found * 10 >= total * 7,
        "{found}/{total} in the first 60 lines: {report:?}"
    );
}

/// `revived` (issue #23) is a statement about the texts too: on every
/// consecutive pair of the national reports from 1992, a revived phrase is
/// `new`, absent from the old report, its `last_seen` year an earlier
/// national report whose text holds it,
/// and no national report in between holds it; on city pairs nothing is revived (the
/// background holds no city by jurisdiction).
#[test]
fn revived_phrases_were_last_seen_where_they_say() {
    let national = files(&shared().join("corpus/national"));
    let by_year = |y: i64| national.iter().find(|p| p.ends_with(&format!("/{y}.txt"))).cloned();
    let mut revived = 0;
    let pairs: Vec<&[String]> = national
        .windows(2)
        .filter(|w| w[0].contains("/199") || w[0].contains("/20"))
        .collect();
    for w in pairs {
        let (old, new) = (&w[0], &w[1]);
        let d = json(&["diff", old, new]);
        let old_year = d["old"]["year"].as_i64().expect("year");
        let old_text = counting(old);
        for p in d["phrases"].as_array().expect("phrases") {
            let Some(last) = p["last_seen"].as_i64() else {
                assert!(p.get("revived").is_none(), "{p}");
                continue;
            };
            revived += 1;
            let text = p["text"].as_str().expect("text");
            assert_eq!(p["status"], "new", "{old} → {new}: {text}");
            assert_eq!(p["revived"], true);
            assert!(last < old_year, "{old} → {new}: {text} last seen {last}");
            for between in (last + 1)..old_year {
                if let Some(r) = by_year(between) {
                    assert!(
                        !counting(&r).contains(text),
                        "{text}: in {r}, after its last_seen {last}"
                    );
                }
            }
            assert!(!old_text.contains(text), "{old} → {new}: {text} is in the old report");
            let seen = by_year(last).unwrap_or_else(|| panic!("{text}: no national report of {last}"));
            assert!(counting(&seen).contains(text), "{text}: not in {seen}");
        }
    }
    println!("{revived} revived phrases over the national pairs from 1992, each checked");
    assert!(revived > 0, "no revived phrase in any national pair");
    let cities = shared().join("corpus/cities");
    for c in ["东营市", "中山市", "三亚市"] {
        let f = files(&cities.join(c));
        if f.len() >= 2 {
            let d = json(&["diff", &f[0], &f[f.len() - 1]]);
            let any = d["phrases"]
                .as_array()
                .expect("phrases")
                .iter()
                .any(|p| p.get("last_seen").is_some());
            assert!(!any, "{c}: a city pair says revived");
        }
    }
}
