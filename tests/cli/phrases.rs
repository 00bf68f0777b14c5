//! Formulations as a user finds them without a watch list: ordinary words stay
//! out, numerals are not counted inside numbers, nested phrases count where they
//! stand alone, missing years are named, the lexicon can be turned off.

use crate::common;
use common::*;
use serde_json::Value;

/// The stop list: `data/ordinary-words.txt`.
fn ordinary_words() -> std::collections::BTreeSet<String> {
    std::fs::read_to_string(root().join("data/ordinary-words.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

/// The examples of ordinary words that were listed as policy phrases.
const NEVER: &[&str] = &["社会主义", "和平", "发展", "改革", "保护", "建议", "民主", "自由"];

fn files_in(dir: &str, ext: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(shared(dir))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(ext))
        .collect();
    files.sort();
    files
}

fn series(files: &[String], extra: &[&str]) -> Value {
    let mut args: Vec<&str> = vec!["series"];
    args.extend(files.iter().map(String::as_str));
    args.extend(extra);
    run_json(&args, 0)
}

/// Quoted occurrences of `word` in `text` that are not scare quotes (所谓“…”).
fn quoted_count(text: &str, word: &str) -> usize {
    ["“", "「", "‘"]
        .iter()
        .zip(["”", "」", "’"])
        .map(|(open, close)| {
            let pattern = format!("{open}{word}{close}");
            text.match_indices(&pattern)
                .filter(|(i, _)| !text[..*i].ends_with("所谓"))
                .count()
        })
        .sum()
}

fn normalized(path: &str) -> String {
    let opts = reportdiff::read::document::LoadOptions::default();
    reportdiff::read::document::load(path, &opts)
        .unwrap()
        .remove(0)
        .text()
        .to_string()
}

#[test]
fn ordinary_words_are_never_phrases_unless_quoted_as_terms() {
    let ordinary = ordinary_words();
    let national = files_in("corpus/national", ".txt");
    let city = files_in("corpus/cities/岳阳市", ".md");
    let samples = vec![
        sample("national-1957.txt"),
        sample("national-2012.txt"),
        sample("national-2013.txt"),
    ];
    for files in [&national, &city, &samples] {
        let v = series(files, &[]);
        // In the series' order (by year), from each report's own path.
        let texts: Vec<String> = v["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| normalized(r["path"].as_str().unwrap()))
            .collect();
        for p in v["phrases"].as_array().unwrap() {
            let text = p["text"].as_str().unwrap();
            assert!(!NEVER.contains(&text), "{text} listed in {:?}", files.first());
            if !ordinary.contains(text) {
                continue;
            }
            assert_eq!(p["kind"], "quoted", "{text}: an ordinary word only as a quoted term");
            for (count, t) in p["counts"].as_array().unwrap().iter().zip(&texts) {
                let c = count.as_u64().unwrap() as usize;
                if c > 0 {
                    assert!(c >= 2, "{text}: quoted once is not a term of art");
                    assert_eq!(c, quoted_count(t, text), "{text}: only its quoted uses count");
                }
            }
        }
    }
}

#[test]
fn numerals_are_not_counted_inside_numbers_or_ordinals() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("2001.txt");
    std::fs::write(
        &report,
        "政府工作报告\n\n实施“十五”计划。十五年来成就巨大。第十五届会议召开。党的十五大精神。十五计划开局良好。“十五”期间继续努力。一九九五年。\n",
    )
    .unwrap();
    let watch = dir.path().join("w.txt");
    std::fs::write(&watch, "十五\n九五\n").unwrap();
    let v = run_json(
        &["phrases", report.to_str().unwrap(), "--watch", watch.to_str().unwrap()],
        0,
    );
    let count = |t: &str| {
        v["phrases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["text"] == t)
            .unwrap()["counts"][0]
            .as_u64()
            .unwrap()
    };
    // 计划 ×2 and 期间; not 十五年, 第十五届, 十五大.
    assert_eq!(count("十五"), 3);
    assert_eq!(count("九五"), 0, "not inside 一九九五年");
}

#[test]
fn nested_phrases_count_only_where_they_stand_alone() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("1997.txt");
    std::fs::write(
        &report,
        "政府工作报告\n\n坚持“一国两制”方针。贯彻“一国两制”。“一国两制”是伟大构想。两制并存。\n",
    )
    .unwrap();
    let v = run_json(&["phrases", report.to_str().unwrap()], 0);
    let phrases = v["phrases"].as_array().unwrap();
    let count = |t: &str| {
        phrases
            .iter()
            .find(|p| p["text"] == t)
            .map(|p| p["counts"][0].as_u64().unwrap())
    };
    assert_eq!(count("一国两制"), Some(3));
    assert!(matches!(count("两制"), None | Some(1)), "{:?}", count("两制"));
}

#[test]
fn missing_years_are_named_and_gaps_marked() {
    // 岳阳市 has 2016 and 2018 but not 2017.
    let v = series(&files_in("corpus/cities/岳阳市", ".md"), &[]);
    let missing: Vec<i64> = v["missing_years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect();
    let years: Vec<i64> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["year"].as_i64().unwrap())
        .collect();
    for y in years[0]..=*years.last().unwrap() {
        assert_eq!(missing.contains(&y), !years.contains(&y), "{y}");
    }
    assert!(!missing.is_empty());
    for p in v["phrases"].as_array().unwrap() {
        let first = p["first_year"].as_i64().unwrap();
        let before: Vec<i64> = p["missing_before_first"]
            .as_array()
            .unwrap()
            .iter()
            .map(|y| y.as_i64().unwrap())
            .collect();
        // Exactly the missing years between the previous report and the first year.
        let previous = years.iter().copied().filter(|&y| y < first).max();
        let expect: Vec<i64> = previous.map_or_else(Vec::new, |prev| {
            missing.iter().copied().filter(|&y| prev < y && y < first).collect()
        });
        assert_eq!(before, expect, "{}", p["text"]);
    }
    let terminal = run_ok(
        &[
            &["series"][..],
            &files_in("corpus/cities/岳阳市", ".md")
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()[..],
            &["--color", "never"],
        ]
        .concat(),
        0,
    );
    assert!(terminal.contains("missing years: "), "{terminal}");
}

#[test]
fn scores_sort_per_10k_and_lexicon_flags() {
    let files = vec![sample("guangzhou-2021.txt"), sample("guangzhou-2025.txt")];
    let v = series(&files, &[]);
    let phrases = v["phrases"].as_array().unwrap();
    let scores: Vec<f64> = phrases.iter().map(|p| p["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "sorted by score");
    let sizes: Vec<f64> = files.iter().map(|f| normalized(f).chars().count() as f64).collect();
    for p in phrases {
        for ((c, per), size) in p["counts"]
            .as_array()
            .unwrap()
            .iter()
            .zip(p["per_10k"].as_array().unwrap())
            .zip(&sizes)
        {
            let expect = c.as_f64().unwrap() * 10_000.0 / size;
            assert!((per.as_f64().unwrap() - expect).abs() < 0.006, "{}", p["text"]);
        }
    }
    assert!(phrases.iter().any(|p| p["lexicon"] == true));
    let by_first = series(&files, &["--sort", "first"]);
    // First year as the texts show it (a year may hold a phrase only inside a longer form).
    let firsts: Vec<i64> = by_first["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["first_year"].as_i64().unwrap())
        .collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]));
    // Without the lexicon, no phrase is a lexicon-only candidate.
    let bare = series(&files, &["--no-lexicon"]);
    assert!(bare["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["kind"] != "lexicon"));
    assert!(bare["phrases"].as_array().unwrap().len() < phrases.len());
}

#[test]
fn top_formulations_have_contexts() {
    let v = run_json(&["phrases", &sample("guangzhou-2025.txt")], 0);
    let top = v["top_by_year"].as_array().unwrap();
    assert_eq!(top.len(), 1);
    let list = top[0]["phrases"].as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 10);
    for p in list {
        let ctx = p["context"]["text"].as_str().unwrap().replace(['“', '”'], "");
        assert!(ctx.contains(p["text"].as_str().unwrap()), "{p}");
    }
}
