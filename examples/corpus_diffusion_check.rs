//! Checks `reportdiff corpus` diffusion counts against plain substring counts.
//!
//!     reportdiff corpus DIR --format jsonl --out-dir TABLES
//!     cargo run --release --example corpus_diffusion_check -- TABLES [EVERY]
//!
//! Reads TABLES/reports.jsonl and TABLES/phrases.jsonl; for the 100 most
//! widely used phrases and every EVERY-th other one (default 10), reads each
//! work report again and counts the phrase with `phrases::count`
//! (`str::match_indices` in the normalized text with quote marks removed, not
//! inside a longer number; the command counts with Aho–Corasick). Prints the number of (phrase, report) cells compared and
//! every mismatch; exits 1 on a mismatch.

use reportdiff::compare::phrases;
use reportdiff::read::document::{self, LoadOptions};
use std::collections::{BTreeMap, BTreeSet};

fn rows(path: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).expect("usage: corpus_diffusion_check TABLES [EVERY]");
    let every: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let reports = rows(&format!("{dir}/reports.jsonl"));
    let uses = rows(&format!("{dir}/phrases.jsonl"));
    let mut exported: BTreeMap<(String, String, i64), u64> = BTreeMap::new();
    let mut reach: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for u in &uses {
        let (p, j) = (
            u["phrase"].as_str().unwrap_or(""),
            u["jurisdiction"].as_str().unwrap_or(""),
        );
        exported.insert(
            (p.into(), j.into(), u["year"].as_i64().unwrap_or(0)),
            u["count"].as_u64().unwrap_or(0),
        );
        reach.entry(p.into()).or_default().insert(j.into());
    }
    let mut by_reach: Vec<(&String, usize)> = reach.iter().map(|(p, s)| (p, s.len())).collect();
    by_reach.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let chosen: Vec<&String> = by_reach
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 100 || i % every == 0)
        .map(|(_, (p, _))| *p)
        .collect();
    let opts = LoadOptions::default();
    let (mut cells, mut mismatches) = (0usize, 0usize);
    for r in reports.iter().filter(|r| r["kind"] == "work_report") {
        let path = r["path"].as_str().unwrap_or("");
        let index = r["report"].as_u64().map_or(0, |n| n as usize - 1);
        let Ok(loaded) = document::load(path, &opts) else {
            eprintln!("{path}: cannot be read again");
            mismatches += 1;
            continue;
        };
        let counting = phrases::counting_text(loaded[index].text());
        let (j, y) = (
            r["jurisdiction"].as_str().unwrap_or(""),
            r["year"].as_i64().unwrap_or(0),
        );
        for p in &chosen {
            let plain = phrases::count(&counting, p) as u64;
            let tool = exported.get(&((*p).clone(), j.to_string(), y)).copied().unwrap_or(0);
            cells += 1;
            if plain != tool {
                mismatches += 1;
                println!("MISMATCH {p} {j} {y}: tool {tool}, plain {plain} ({path})");
            }
        }
    }
    println!(
        "{} phrases × {} work reports: {cells} cells compared, {mismatches} mismatches",
        chosen.len(),
        reports.iter().filter(|r| r["kind"] == "work_report").count()
    );
    std::process::exit(i32::from(mismatches > 0));
}
