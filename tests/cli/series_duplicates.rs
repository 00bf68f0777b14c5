//! `series` given two reports for one year: one copy used, the others set
//! aside, and the output says which and why (terminal line, JSON `duplicates`).

use crate::common::*;

/// The 2013 national report cut at 60 % of its characters: a scrape that
/// lost its end (and so its closing), dated by its file name.
fn truncated_2013(dir: &std::path::Path) -> String {
    let text = std::fs::read_to_string(sample("national-2013.txt")).expect("sample");
    let cut: String = text.chars().take(text.chars().count() * 6 / 10).collect();
    let path = dir.join("national-2013-draft.txt");
    std::fs::write(&path, cut).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn a_truncated_copy_and_a_second_copy_are_set_aside_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cut = truncated_2013(dir.path());
    let (y2012, y2013) = (sample("national-2012.txt"), sample("national-2013.txt"));
    // The truncated copy first: the full one is used all the same.
    let args = ["series", cut.as_str(), y2012.as_str(), y2013.as_str(), y2013.as_str()];
    let json = run_json(&args, 0);
    let paths: Vec<&str> = json["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|m| m["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths, [y2012.as_str(), y2013.as_str()]);
    let dups = json["duplicates"].as_array().expect("duplicates");
    assert_eq!(dups.len(), 1, "{dups:?}");
    let d = &dups[0];
    assert_eq!(d["year"], 2013);
    assert_eq!(d["used"]["path"], y2013.as_str());
    assert_eq!(d["used"]["closing"], true);
    let aside = d["set_aside"].as_array().expect("set_aside");
    assert_eq!(aside.len(), 2);
    assert_eq!(aside[0]["path"], cut.as_str());
    assert_eq!(aside[0]["closing"], false);
    assert_eq!(aside[0]["reason"], "closing");
    assert!(aside[0]["chars"].as_u64() < d["used"]["chars"].as_u64());
    assert_eq!(aside[1]["path"], y2013.as_str());
    assert_eq!(aside[1]["reason"], "same_text");
    // The steps diff 2012 with the full 2013 report only.
    assert_eq!(json["steps"].as_array().map(Vec::len), Some(1));

    let out = run_ok(&[args.as_slice(), &["--color", "never"]].concat(), 0);
    let line = out
        .lines()
        .find(|l| l.starts_with("2013 given 3 times"))
        .unwrap_or_else(|| panic!("no duplicate line:\n{out}"));
    assert!(line.contains(&format!("used {y2013};")), "{line}");
    assert!(line.contains(&format!("{cut} (no closing")), "{line}");
    assert!(line.contains("(same text, given later)"), "{line}");

    let html = run_ok(&[args.as_slice(), &["--format", "html"]].concat(), 0);
    assert!(
        html.contains(&format!(
            "2013 年有 3 份：采用 {y2013}；未用 {cut}（无结束语）、{y2013}（文字相同）"
        )),
        "no duplicate note in the page"
    );
}

#[test]
fn one_year_given_once_says_nothing_of_duplicates() {
    let (y2012, y2013) = (sample("national-2012.txt"), sample("national-2013.txt"));
    let json = run_json(&["series", &y2012, &y2013], 0);
    assert!(json.get("duplicates").is_none());
    let out = run_ok(&["series", &y2012, &y2013, "--color", "never"], 0);
    assert!(!out.contains(" given "), "{out}");
}

#[test]
fn figures_table_names_the_duplicates_on_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cut = truncated_2013(dir.path());
    let (y2012, y2013) = (sample("national-2012.txt"), sample("national-2013.txt"));
    let out = bin()
        .args(["series", "--figures", &y2012, &y2013, &cut])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2013 given twice") && err.contains(&cut), "{err}");
}
