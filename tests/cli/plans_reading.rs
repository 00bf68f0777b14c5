//! Reading the national five-year plans of `../shared/corpus/plans`: each
//! file's own table of contents (the `<details>` list the converter printed
//! before the text) is the gold outline. Every numbered entry of its first
//! level must be a level-1 heading, every numbered entry of its second level a
//! level-2 heading under the right one, in order; the kind is `plan`, the
//! jurisdiction 全国, the year the year of adoption.

use crate::common;

use reportdiff::read::document::{self, LoadOptions, Report};
use reportdiff::read::meta::Kind;
use reportdiff::read::outline::Role;

/// The plans and the year each was adopted, as its adoption line says (the
/// 1976 draft names no adoption: the first year of its period; 十二五 prints
/// no adoption line: the first year of the 12th five-year period).
const PLANS: &[(&str, i32)] = &[
    ("1953-一五计划.md", 1955),
    ("1976-五五计划摘要.md", 1976),
    ("1981-六五计划摘要.md", 1982),
    ("1986-七五计划摘要.md", 1986),
    ("1991-八五计划纲要.md", 1991),
    ("1996-九五计划纲要.md", 1996),
    ("2001-十五计划纲要.md", 2001),
    ("2006-十一五规划纲要.md", 2006),
    ("2011-十二五规划纲要.md", 2011),
];

/// Spaces of every width removed, for comparing a heading with its entry.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect()
}

/// True for an entry that opens with a number (`第一篇`, `一、`, `（一）`):
/// unnumbered entries (序言, 绪论) are the preamble's.
fn numbered(entry: &str) -> bool {
    let e = squeeze(entry);
    let first = e.trim_start_matches(['第', '(']).chars().next().unwrap_or(' ');
    "一二三四五六七八九十".contains(first) || first.is_ascii_digit()
}

/// The marker an entry opens with (`第十二章`, `三、`, `(四)`).
fn marker(entry: &str) -> String {
    let c: Vec<char> = entry.chars().collect();
    let numeral = |ch: char| "一二三四五六七八九十百〇零".contains(ch) || ch.is_ascii_digit();
    let (open, close): (usize, &[char]) = match c.first() {
        Some('第') => (1, &['篇', '编', '章', '节', '部']),
        Some('(') => (1, &[')']),
        _ => (0, &['、', '.']),
    };
    let n = c[open..].iter().take_while(|&&ch| numeral(ch)).count();
    match c.get(open + n) {
        Some(ch) if n > 0 && close.contains(ch) => c[..open + n + 1].iter().collect(),
        _ => String::new(),
    }
}

/// An entry the converter glued to the one before (`…研究五、教育发展及其政策`):
/// where a top-level `五、` marker starts inside it.
fn glued_top_entry(entry: &str) -> Option<usize> {
    let c: Vec<char> = entry.chars().collect();
    (2..c.len()).find(|&i| {
        !"一二三四五六七八九十".contains(c[i - 1])
            && "一二三四五六七八九十".contains(c[i])
            && c[i..].iter().find(|&&ch| !"一二三四五六七八九十".contains(ch)) == Some(&'、')
    })
}

/// The table of contents: (level 1 entry, its level 2 entries), numbered only.
fn table_of_contents(raw: &str) -> Vec<(String, Vec<String>)> {
    let start = raw.find("<details>").expect("a table of contents");
    let end = raw[start..].find("</details>").expect("its end") + start;
    let mut toc: Vec<(String, Vec<String>)> = Vec::new();
    for line in raw[start..end].lines() {
        if let Some(entry) = line.strip_prefix("- ") {
            if numbered(entry) {
                toc.push((squeeze(entry), Vec::new()));
            }
        } else if let Some(entry) = line.trim_start().strip_prefix("- ") {
            if numbered(entry) {
                let entry = squeeze(entry);
                let glued = glued_top_entry(&entry).map(|i| entry.chars().skip(i).collect::<String>());
                let own: String = entry
                    .chars()
                    .take(entry.chars().count() - glued.as_ref().map_or(0, |g| g.chars().count()))
                    .collect();
                if let Some(last) = toc.last_mut() {
                    last.1.push(own);
                }
                if let Some(g) = glued {
                    toc.push((g, Vec::new()));
                }
            }
        }
    }
    toc
}

/// The outline's headings: (level 1 marker + heading, its level 2 ones).
fn outline_of(report: &Report) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    // Numbered headings: the contents list no unnumbered ones.
    for s in report
        .sections
        .iter()
        .filter(|s| s.role == Role::Heading && !s.marker.is_empty())
    {
        let text = squeeze(&format!("{}{}", s.marker, s.heading));
        match s.level {
            1 => out.push((text, Vec::new())),
            2 => {
                if let Some(last) = out.last_mut() {
                    last.1.push(text);
                }
            }
            _ => {}
        }
    }
    out
}

fn load(name: &str) -> (String, Report) {
    let path = common::shared(&format!("corpus/plans/{name}"));
    let raw = std::fs::read_to_string(&path).unwrap();
    let mut reports = document::load(&path, &LoadOptions::default()).unwrap();
    assert_eq!(reports.len(), 1, "{name}: one report");
    (raw, reports.remove(0))
}

#[test]
fn plan_outlines_match_their_tables_of_contents() {
    let mut failures = Vec::new();
    for (name, _) in PLANS {
        let (raw, report) = load(name);
        let toc = table_of_contents(&raw);
        let found = outline_of(&report);
        // The entries' markers: a heading's text may differ from its entry by
        // the converter's typos (远县 for 远景); where the contents list no
        // level 2 (一五's 节), the outline's level 2 is not compared.
        let markers = |v: &[(String, Vec<String>)], with_level2: bool| -> Vec<(String, Vec<String>)> {
            v.iter()
                .map(|(e, sub)| {
                    let sub = if with_level2 {
                        sub.iter().map(|s| marker(s)).collect()
                    } else {
                        Vec::new()
                    };
                    (marker(e), sub)
                })
                .collect()
        };
        let with_level2 = toc.iter().any(|t| !t.1.is_empty());
        let (toc, found) = (markers(&toc, with_level2), markers(&found, with_level2));
        let (toc1, toc2) = (toc.len(), toc.iter().map(|t| t.1.len()).sum::<usize>());
        let (got1, got2) = (found.len(), found.iter().map(|t| t.1.len()).sum::<usize>());
        println!("{name}: level 1 {got1}/{toc1}, level 2 {got2}/{toc2}");
        if toc != found {
            failures.push(format!("{name}:\n  toc   {toc:?}\n  found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn plans_are_national_plans_dated_by_adoption() {
    for (name, year) in PLANS {
        let (_, report) = load(name);
        let m = &report.meta;
        println!(
            "{name}: kind {}, jurisdiction {:?}, year {:?} (adopted {year})",
            m.kind.as_str(),
            m.jurisdiction,
            m.year
        );
        assert_eq!(m.kind, Kind::Plan, "{name}");
        assert_eq!(m.kind.label(), "规划纲要");
        assert_eq!(m.jurisdiction.as_deref(), Some("全国"), "{name}");
        assert_eq!(m.year, Some(*year), "{name}");
    }
}

#[test]
fn series_over_plans_misses_no_years() {
    let files: Vec<String> = PLANS
        .iter()
        .map(|(n, _)| common::shared(&format!("corpus/plans/{n}")))
        .collect();
    let out = common::bin()
        .arg("series")
        .args(&files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["missing_years"], serde_json::json!([]));
    assert_eq!(v["reports"].as_array().map(Vec::len), Some(PLANS.len()));
}
