//! `reportdiff diff --format html` as a user runs it: a snapshot of a small
//! pair, hostile input, self-containment, link integrity, determinism and size.
//!
//! Review snapshot changes with `cargo insta review`, or accept them with
//! `INSTA_UPDATE=always cargo test --test cli html::`.

use crate::common;
use common::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Runs `diff --format html` and returns the page (exit 1: the pairs differ).
fn html(old: &str, new: &str, extra: &[&str], code: i32) -> String {
    let mut args = vec!["diff", old, new, "--format", "html"];
    args.extend_from_slice(extra);
    run_ok(&args, code)
}

/// Values of `attr="…"` in document order.
fn attr_values<'a>(page: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    page.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &page[i + pat.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Every in-page link points at an element, ids are unique, and nothing is
/// loaded from anywhere.
fn assert_self_contained(page: &str) {
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(page.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;;"
    ));
    for banned in [
        "<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(",
    ] {
        assert!(!page.contains(banned), "page contains {banned}");
    }
    assert!(attr_values(page, "src").is_empty());
    let ids = attr_values(page, "id");
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    for href in attr_values(page, "href") {
        let target = href.strip_prefix('#').unwrap_or_else(|| panic!("external link {href}"));
        assert!(unique.contains(target), "dangling link {href}");
    }
}

/// The navigation entries: `<li>` of `<ol id="toc">`.
fn nav_entries(page: &str) -> usize {
    let start = page.find("<ol id=\"toc\">").expect("navigation");
    let end = start + page[start..].find("</ol>").unwrap();
    page[start..end].matches("<li").count()
}

/// The 2023 summary cut to its preamble and first three parts, and a NEW
/// version of it: a sentence with a new phrase, a changed number, the third
/// part dropped and an unrelated part added.
fn small_pair(dir: &Path) -> (String, String) {
    let text = std::fs::read_to_string(sample("guangzhou-2023-summary.txt")).unwrap();
    let lines: Vec<&str> = text.lines().take(16).collect();
    let mut new: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    new[3] = new[3].replace(
        "增強制造業(yè)核心競爭力。",
        "增強制造業(yè)核心競爭力。大力發展“新質生產力”。",
    );
    new[8] = new[8].replace("800個", "900個");
    new.truncate(11);
    new.push("4 堅持文化傳承 擦亮嶺南名片".into());
    new.push("辦好“嶺南文化季”系列活動。".into());
    let old_path = dir.join("old.txt");
    let new_path = dir.join("new.txt");
    std::fs::write(&old_path, lines.join("\n") + "\n").unwrap();
    std::fs::write(&new_path, new.join("\n") + "\n").unwrap();
    (
        old_path.to_string_lossy().into_owned(),
        new_path.to_string_lossy().into_owned(),
    )
}

#[test]
fn small_pair_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = small_pair(dir.path());
    let page = html(&old, &new, &[], 1);
    assert_self_contained(&page);
    for status in ["未变", "修改", "删除", "新增"] {
        assert!(page.contains(&format!("\">{status}</span>")), "{status}");
    }
    assert!(page.contains("<del class=\"num\">800個</del>"));
    assert!(page.contains("<ins class=\"num\">900個</ins>"));
    assert!(
        page.contains("<details class=\"same\">"),
        "unchanged preamble collapsed"
    );
    assert!(page.contains("<details class=\"gap\">"), "context collapsed");
    // The stylesheet is the same on every page: keep the snapshot to the markup.
    let (head, rest) = page.split_once("<style>\n").unwrap();
    let (_, tail) = rest.split_once("</style>").unwrap();
    let markup = format!("{head}<style>[templates/style.css]</style>{tail}");
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("html-diff-guangzhou-2023-summary-edited", markup);
    });
}

#[test]
fn hostile_text_appears_only_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let title = "\"><img src=x onerror=alert(1)>";
    let old = format!(
        "{title}2024年某市政府工作报告\n一、总体要求\n坚持稳中求进。<script>alert(1)</script>推进&amp;发展。\n二、主要任务\n推进“<b>新词</b>”建设。\n"
    );
    let new = format!(
        "{title}2025年某市政府工作报告\n一、总体要求\n坚持稳中求进。<script>alert(2)</script>推进&amp;发展。\n二、主要任务\n推进“<b>新词</b>”建设,落实“<i>另一</i>”。\n三、加强<script>alert(3)</script>建设\n全面推进各项工作落实。\n"
    );
    std::fs::write(dir.path().join("old.txt"), old).unwrap();
    std::fs::write(dir.path().join("new.txt"), new).unwrap();
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    // The hostile text reaches the report value…
    let json = run_ok(
        &["diff", old, new, "--format", "json", "--jurisdiction", "<u>市</u>"],
        1,
    );
    for raw in ["<script>alert(3)</script>", "<b>新词</b>", "onerror=alert(1)>", "&amp;"] {
        assert!(json.contains(raw), "{raw} not in the report");
    }
    // …and the page shows it only as text.
    let page = html(old, new, &["--jurisdiction", "<u>市</u>"], 1);
    assert_self_contained(&page);
    for raw in ["<script", "<img", "<b>", "<i>", "<u>", "\"><img", "onerror=alert(1)>"] {
        assert!(!page.contains(raw), "unescaped {raw}");
    }
    for escaped in [
        "&#60;script&#62;alert(3)&#60;/script&#62;",
        "&#34;&#62;&#60;img src=x onerror=alert(1)&#62;",
        "&#38;amp;",
        "&#60;b&#62;新词&#60;/b&#62;",
        "&#60;u&#62;市&#60;/u&#62;",
    ] {
        assert!(page.contains(escaped), "{escaped} missing");
    }
    let title_start = page.find("<title>").unwrap();
    let title_end = page.find("</title>").unwrap();
    assert!(page[title_start..title_end].contains("&#60;img"));
    // Headings (navigation, section titles) and the phrase table too.
    assert!(page.contains("三、加强&#60;script&#62;alert(3)&#60;/script&#62;建设</a></li>"));
    assert!(page.contains("<th scope=\"row\" class=\"t\">&#60;i&#62;另一&#60;/i&#62;</th>"));
}

#[test]
fn guangzhou_page_navigation_and_links() {
    let (old, new) = (sample("guangzhou-2021.txt"), sample("guangzhou-2025.txt"));
    let page = html(&old, &new, &[], 1);
    assert_self_contained(&page);
    let json = run_json(&["diff", &old, &new], 1);
    let sections = json["sections"].as_array().unwrap();
    assert_eq!(nav_entries(&page), sections.len());
    // Every section has its entry, moved ones link to their old position.
    for s in sections {
        let id = match (s["new"]["id"].as_str(), s["old"]["id"].as_str()) {
            (Some(n), _) => format!("new-{n}"),
            (None, Some(o)) => format!("old-{o}"),
            _ => unreachable!(),
        };
        assert!(page.contains(&format!(
            "<section class=\"entry st-{}\" id=\"{id}\">",
            s["status"].as_str().unwrap()
        )));
        if s["status"] == "moved" {
            assert!(page.contains(&format!(
                "原位置：<a href=\"#was-{}\">",
                s["old"]["id"].as_str().unwrap()
            )));
        }
    }
    // Each new phrase links to the sentences where it was inserted.
    let row = page.find("<tr id=\"ph-").unwrap();
    let first = &page[row..row + page[row..].find("</tr>").unwrap()];
    assert!(
        first.contains("百千万工程") && first.contains("见于修改：<span><a href=\"#new-s"),
        "{first}"
    );
    // Both layouts are in the page; CSS chooses.
    assert!(page.contains("<div class=\"o\">") && page.contains("<div class=\"i\">"));
    assert!(page.contains("id=\"view-sbs\" class=\"view-switch\" checked"));
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let (old, new) = (sample("guangzhou-2021.txt"), sample("guangzhou-2025.txt"));
    let run = |threads: &str| {
        let out = bin()
            .env("RAYON_NUM_THREADS", threads)
            .args(["diff", &old, &new, "--format", "html"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    let first = run("1");
    assert_eq!(first, run("4"));
    assert_eq!(first, run("4"));
}

#[test]
fn national_pair_is_well_under_two_megabytes() {
    let page = html(&sample("national-2012.txt"), &sample("national-2013.txt"), &[], 1);
    assert_self_contained(&page);
    assert!(page.len() < 1_000_000, "{} bytes", page.len());
}

#[test]
fn html_to_file_and_identical_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("same.html");
    let path = sample("guangzhou-2023-summary.txt");
    run_ok(
        &["diff", &path, &path, "--format", "html", "-o", out.to_str().unwrap()],
        0,
    );
    let page = std::fs::read_to_string(&out).unwrap();
    assert_self_contained(&page);
    assert_eq!(page.matches("<details class=\"same\">").count(), nav_entries(&page));
    assert!(!page.contains("<div class=\"row"), "no diff rows when nothing changed");
}

/// Years covered by the cells of a timeline row (runs of empty years span
/// several), the total excluded.
fn year_cells(row: &str) -> usize {
    let cells = row.matches("<td").count() - 1;
    let spans: usize = attr_values(row, "colspan")
        .iter()
        .map(|n| n.parse::<usize>().unwrap() - 1)
        .sum();
    cells + spans
}

/// The last ten national reports of the corpus.
fn national_ten() -> Vec<String> {
    let dir = std::path::PathBuf::from(shared("corpus/national"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    files.split_off(files.len() - 10)
}

#[test]
fn series_page_timeline_history_and_steps() {
    let files = national_ten();
    let mut args: Vec<&str> = vec!["series"];
    args.extend(files.iter().map(String::as_str));
    let json = run_json(&args, 0);
    args.extend(["--format", "html"]);
    let page = run_ok(&args, 0);
    assert_self_contained(&page);
    assert!(page.len() < 2_000_000, "{} bytes", page.len());
    let steps = json["steps"].as_array().unwrap().len();
    assert_eq!(steps, 9);
    assert_eq!(nav_entries(&page), steps);
    for k in 0..steps {
        assert!(page.contains(&format!("<section class=\"step\" id=\"step-{k}\">")));
    }
    // One timeline row per phrase up to the page's row budget (400; JSON keeps
    // every phrase), a cell per year.
    let phrases = json["phrases"].as_array().unwrap();
    assert_eq!(page.matches("<tr id=\"tl-").count(), phrases.len().min(400));
    let first = &phrases[0];
    let row = page.find("<tr id=\"tl-0\" style=\"--by-total:").unwrap();
    let row = &page[row..row + page[row..].find("</tr>").unwrap()];
    assert!(row.contains(&format!(">{}<small>", first["text"].as_str().unwrap())));
    assert_eq!(year_cells(row), 10);
    // Section history: one row per followed section.
    let history = &page[page.find("id=\"history\"").unwrap()..page.find("id=\"steps\"").unwrap()];
    assert_eq!(
        history.matches("<tr class=\"lv").count(),
        json["sections"].as_array().unwrap().len()
    );
    // Byte-identical whatever the thread count.
    let again = bin().env("RAYON_NUM_THREADS", "1").args(&args).output().unwrap();
    assert_eq!(again.stdout, page.as_bytes());
}

#[test]
fn phrases_page_lists_every_phrase_with_counts_and_contexts() {
    let (a, b) = (sample("guangzhou-2021.txt"), sample("guangzhou-2025.txt"));
    let args = ["phrases", a.as_str(), b.as_str(), "--context", "1"];
    let json = run_json(&args, 0);
    let mut html_args = args.to_vec();
    html_args.extend(["--format", "html"]);
    let page = run_ok(&html_args, 0);
    assert_self_contained(&page);
    let phrases = json["phrases"].as_array().unwrap();
    assert_eq!(page.matches("<tr id=\"ph-").count(), phrases.len());
    let with_contexts = phrases
        .iter()
        .filter(|p| !p["contexts"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(page.matches("<td class=\"ctx\">").count(), with_contexts);
    let first = &phrases[0];
    let start = page
        .find(&format!(
            "<tr id=\"ph-0\"><th scope=\"row\">{}</th>",
            first["text"].as_str().unwrap()
        ))
        .expect("first phrase first");
    let row = &page[start..start + page[start..].find("</tr>").unwrap()];
    for c in first["counts"].as_array().unwrap() {
        // The page shows an absent phrase's 0 as `·`.
        let cell = if c == 0 { "·".to_string() } else { c.to_string() };
        assert!(row.contains(&format!(">{cell}</td>")), "{c} in {row}");
    }
}

/// Every national report: the series page a newsroom would publish.
fn national_all() -> Vec<String> {
    let dir = std::path::PathBuf::from(shared("corpus/national"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn national_series_page_within_budget_chinese_and_printable() {
    let files = national_all();
    assert_eq!(files.len(), 41);
    let mut args: Vec<&str> = vec!["series"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--format", "html"]);
    let page = run_ok(&args, 0);
    assert_self_contained(&page);
    assert!(page.len() <= 1_200_000, "{} bytes", page.len());
    // Labels a reader sees are Chinese: no English placeholder.
    for english in [
        "(work report)",
        "(plan proposal)",
        "(summary)",
        "(news)",
        "(preamble)",
        "(closing)",
    ] {
        assert!(!page.contains(english), "page shows {english}");
    }
    assert!(page.contains("<td>政府工作报告</td>"), "report kinds in Chinese");
    // Print: the timeline again in blocks of years, the last ending with 2013 and the total.
    let print = &page[page.find("<div class=\"print-only\">").unwrap()..page.find("id=\"history\"").unwrap()];
    assert_eq!(print.matches("<table class=\"tl-print\">").count(), 3);
    assert!(print.contains("<th scope=\"col\">2013</th><th scope=\"col\">合计</th>"));
    // Every phrase row of every print block covers its block's years.
    let first_block = &print[..print.find("</table>").unwrap()];
    let row = &first_block[first_block.find("<tbody><tr>").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    // (`<td>` stands in for the total, which only the last block has.)
    assert_eq!(year_cells(&format!("{row}<td>")), 14);
}

#[test]
fn series_out_dir_writes_linked_step_pages() {
    let dir = tempfile::tempdir().unwrap();
    let files = national_ten();
    let mut args: Vec<&str> = vec!["series"];
    args.extend(files.iter().map(String::as_str));
    let out = dir.path().join("site");
    let out_str = out.to_string_lossy().into_owned();
    args.extend(["--out-dir", out_str.as_str(), "--format", "json"]);
    run_ok(&args, 0);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.starts_with("<!DOCTYPE html>"));
    for k in 0..9 {
        let name = format!("step-{k}.html");
        assert!(index.contains(&format!("<h3><a href=\"{name}\">")), "{name} not linked");
        let step = std::fs::read_to_string(out.join(&name)).unwrap();
        assert!(step.contains("<p class=\"up\"><a href=\"index.html\">"));
        assert!(
            step.contains("<div class=\"row chg\""),
            "{name} has no changed sentence"
        );
        // Section links of the index land on an entry of the step page.
        for href in attr_values(&index, "href")
            .into_iter()
            .filter(|h| h.starts_with(&format!("{name}#")))
        {
            let anchor = &href[name.len() + 1..];
            assert!(step.contains(&format!(" id=\"{anchor}\"")), "{href} dangles");
        }
    }
    assert!(!out.join("step-9.html").exists());
}
