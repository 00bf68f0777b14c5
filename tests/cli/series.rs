//! `series` and `phrases` as a user runs them, checked against independent counts.

use crate::common;
use common::*;

/// Occurrences in a file's raw text with quote marks and line breaks removed:
/// an independent count for phrases made of CJK characters.
fn plain_count(path: &str, phrase: &str) -> usize {
    let raw = std::fs::read_to_string(path).unwrap();
    let flat: String = raw
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '「' | '」' | '‘' | '’' | '"' | '\n' | '\r'))
        .collect();
    flat.matches(phrase).count()
}

#[test]
fn guangzhou_pair_phrase_statuses_match_plain_counts() {
    let (old, new) = (sample("guangzhou-2021.txt"), sample("guangzhou-2025.txt"));
    let v = run_json(&["diff", &old, &new], 1);
    let phrases = v["phrases"].as_array().unwrap();
    for (text, status) in [
        ("百千万工程", "new"),
        ("12218", "new"),
        ("六稳", "dropped"),
        ("四个出新出彩", "recurring"),
    ] {
        let p = phrases
            .iter()
            .find(|p| p["text"] == text)
            .unwrap_or_else(|| panic!("{text} missing"));
        assert_eq!(p["status"], status, "{text}");
        assert_eq!(
            p["old_count"].as_u64(),
            Some(plain_count(&old, text) as u64),
            "{text} in 2021"
        );
        assert_eq!(
            p["new_count"].as_u64(),
            Some(plain_count(&new, text) as u64),
            "{text} in 2025"
        );
        assert!(!p["contexts"].as_array().unwrap().is_empty());
    }
}

const WATCH: &[&str] = &[
    "改革开放",
    "科学发展观",
    "小康社会",
    "西部大开发",
    "三农",
    "供给侧",
    "社会主义",
    "人民公社",
    "四个现代化",
    "计划经济",
    "市场经济",
    "宏观调控",
    "可持续发展",
    "和谐社会",
    "依法治国",
    "大跃进",
    "阶级斗争",
    "对外开放",
    "精神文明",
    "总路线",
];

#[test]
fn national_series_watch_list_years_are_exact() {
    let dir = tempfile::tempdir().unwrap();
    let watch = dir.path().join("watch.txt");
    std::fs::write(&watch, format!("# policy phrases\n{}\n", WATCH.join("\n"))).unwrap();
    let corpus = root().join("../shared/corpus/national");
    let mut files: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files.reverse(); // any order in, year order out
    let mut args: Vec<&str> = vec!["series"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--watch", watch.to_str().unwrap(), "--top", "10"]);
    let v = run_json(&args, 0);
    let years: Vec<i64> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years.len(), 41);
    assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
    assert_eq!(v["steps"].as_array().unwrap().len(), 40);

    // The truth, computed independently: the normalized text of each year (library
    // pipeline) searched with plain `contains` after removing quote marks.
    let opts = reportdiff::read::document::LoadOptions::default();
    let texts: Vec<(i64, String)> = files
        .iter()
        .map(|f| {
            let r = reportdiff::read::document::load(f, &opts).unwrap().remove(0);
            let t: String = r
                .text()
                .chars()
                .filter(|c| !matches!(c, '“' | '”' | '「' | '」' | '‘' | '’' | '"' | '\''))
                .collect();
            (r.meta.year.unwrap() as i64, t)
        })
        .collect();
    let phrases = v["phrases"].as_array().unwrap();
    for w in WATCH {
        let p = phrases
            .iter()
            .find(|p| p["text"] == *w)
            .unwrap_or_else(|| panic!("watched {w} missing"));
        let mut truth: Vec<i64> = texts.iter().filter(|(_, t)| t.contains(w)).map(|(y, _)| *y).collect();
        truth.sort();
        let got: Vec<i64> = p["years"]
            .as_array()
            .unwrap()
            .iter()
            .map(|y| y.as_i64().unwrap())
            .collect();
        assert_eq!(got, truth, "years of {w}");
        assert_eq!(p["first_year"].as_i64(), truth.first().copied(), "{w}");
        assert_eq!(p["last_year"].as_i64(), truth.last().copied(), "{w}");
        if truth.is_empty() {
            assert_eq!(p["status"], "absent", "{w}");
        }
    }
    // Traditional-script 1954 and 1957 are counted after conversion.
    let socialism = phrases.iter().find(|p| p["text"] == "社会主义").unwrap();
    assert!(
        socialism["counts"][0].as_u64().unwrap() > 10,
        "1954: {}",
        socialism["counts"][0]
    );
    let p57 = years.iter().position(|&y| y == 1957).unwrap();
    assert!(socialism["counts"][p57].as_u64().unwrap() > 10);
    let status = |t: &str| {
        phrases
            .iter()
            .find(|p| p["text"] == t)
            .map(|p| p["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status("四人帮").as_deref(), Some("dropped"));
    assert_eq!(status("三个代表").as_deref(), Some("new"));
    // Emerging terms exist for 2013 and are ranked.
    let e2013 = v["emerging"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["year"] == 2013)
        .unwrap();
    let g2: Vec<f64> = e2013["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["g2"].as_f64().unwrap())
        .collect();
    assert_eq!(g2.len(), 10);
    assert!(g2.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn phrases_command_counts_and_contexts() {
    let dir = tempfile::tempdir().unwrap();
    let watch = dir.path().join("w.txt");
    std::fs::write(&watch, "新质生产力\n从未出现的口号\n").unwrap();
    let v = run_json(
        &[
            "phrases",
            &sample("guangzhou-2025.txt"),
            &sample("guangzhou-2021.txt"),
            "--watch",
            watch.to_str().unwrap(),
            "--context",
            "1",
        ],
        0,
    );
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 2);
    let phrases = v["phrases"].as_array().unwrap();
    let nq = phrases.iter().find(|p| p["text"] == "新质生产力").unwrap();
    assert_eq!(nq["kind"], "watch");
    assert_eq!(
        nq["counts"][0].as_u64(),
        Some(plain_count(&sample("guangzhou-2025.txt"), "新质生产力") as u64)
    );
    let ctx = nq["contexts"].as_array().unwrap();
    assert!(ctx.iter().all(|c| c["text"].as_str().unwrap().contains("新质生产力")));
    // One context per report asked for: the first occurrence, in part 一's section (一).
    assert_eq!(ctx.len(), 1);
    assert!(
        ctx[0]["section"]
            .as_str()
            .unwrap()
            .starts_with("一、2024年工作回顾 > (一)"),
        "{ctx:?}"
    );
    let never = phrases.iter().find(|p| p["text"] == "从未出现的口号").unwrap();
    assert_eq!(never["counts"], serde_json::json!([0, 0]));
    let terminal = run_ok(
        &[
            "phrases",
            &sample("guangzhou-2025.txt"),
            "--color",
            "never",
            "--context",
            "1",
        ],
        0,
    );
    assert!(terminal.contains("12218"));
}

#[test]
fn series_terminal_and_markdown() {
    let files = [
        sample("national-2013.txt"),
        sample("national-2012.txt"),
        sample("national-1957.txt"),
    ];
    let mut args = vec!["series"];
    args.extend(files.iter().map(String::as_str));
    let out = run_ok(&[args.as_slice(), &["--color", "never"]].concat(), 0);
    assert!(out.starts_with("3 reports, 1957–2013"), "{out}");
    assert!(out.contains("1957 → 2012") && out.contains("2012 → 2013"));
    let md = run_ok(&[args.as_slice(), &["--format", "markdown"]].concat(), 0);
    assert!(md.contains("| phrase | status | first | last | 1957 | 2012 | 2013 |"));
}

/// The national GDP target of every year 2005–2013 that states one, with its
/// low/high/qualifier, beside the growth the next year's report gives
/// (../shared/corpus/national; the figures were read off the reports by hand).
#[test]
fn national_gdp_targets_met_or_missed() {
    let files: Vec<String> = (2005..=2013)
        .map(|y| shared(&format!("corpus/national/{y}.txt")))
        .collect();
    let mut args = vec!["series"];
    args.extend(files.iter().map(String::as_str));
    let v = run_json(&args, 0);
    let gdp = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "target" && t["horizon"] == "year" && t["indicator"] == "国内生产总值增长")
        .expect("a GDP target timeline");
    for (year, low, qualifier) in [
        ("2005", 8.0, "左右"),
        ("2008", 8.0, "左右"),
        ("2010", 8.0, "左右"),
        ("2011", 8.0, "左右"),
        ("2012", 7.5, ""),
        ("2013", 7.5, "左右"),
    ] {
        let t = &gdp["values"][year];
        assert_eq!(
            (t["low"].as_f64(), t["high"].as_f64()),
            (Some(low), Some(low)),
            "{year}"
        );
        assert_eq!(t["qualifier"], qualifier, "{year}");
    }
    let outcome = |year: &str| {
        let o = gdp["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["year"] == year)
            .unwrap();
        (
            o["result"].as_str().map(str::to_string),
            o["status"].as_str().unwrap().to_string(),
        )
    };
    // 2010: 8%左右 → 10.3% in the 2011 report; 2012: 7.5% → 7.8% in 2013.
    assert_eq!(outcome("2010"), (Some("10.3%".to_string()), "met".to_string()));
    assert_eq!(outcome("2012"), (Some("7.8%".to_string()), "met".to_string()));
    // 2013 is the last report: no result, absent.
    assert_eq!(outcome("2013"), (None, "absent".to_string()));
}
