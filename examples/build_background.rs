//! Builds `data/background.tsv`: how many reports of a background corpus
//! contain each phrase, so a diff of two reports can tell stock phrasing
//! (most reports use it) from a formulation new to the country.
//!
//!     cargo run --release --example build_background -- DIR... > data/background.tsv
//!
//! Each DIR holds reports (`*.txt`, `*.md`) or folders of them (one folder per
//! jurisdiction, as in the shared city corpus). The phrases are those the
//! `phrases` command finds in each folder (marked terms, lexicon entries,
//! discovered multiword expressions); each is then looked up, as text (quote
//! marks removed), in every report. Written: a `# reports N` line, then
//! `phrase<TAB>reports` for the phrases in at least [`MIN_REPORTS`] reports,
//! in phrase order.
//!
//! With `--national FILE` first, it also writes FILE (`data/background-national.tsv`):
//! the years of the national work reports among them (jurisdiction 国务院) on a
//! `# national YEAR YEAR …` line, then `phrase<TAB>years` for every phrase whose
//! text one of them holds, the years as runs over that list (`2009-2013`: every
//! national report of the background from 2009 to 2013), so a diff of two
//! national reports can say when a phrase absent from the old one was last used
//! in the reports the background holds.

use reportdiff::compare::phrases::report::phrases_report;
use reportdiff::compare::phrases::{self, PhraseOptions};
use reportdiff::read::document::{self, LoadOptions, Report};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Phrases in fewer reports are not kept: the table says "at most this few".
const MIN_REPORTS: usize = 3;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// The year of a national work report (jurisdiction 国务院), else `None`.
fn national_year(r: &Report) -> Option<i32> {
    (r.meta.jurisdiction.as_deref() == Some("国务院"))
        .then_some(r.meta.year)
        .flatten()
}

/// `years` (ascending, a subset of `all`) as runs over `all`: `1954-1956,2009-2013`.
fn runs(years: &[i32], all: &[i32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let start = all.iter().position(|&y| y == years[i]).unwrap_or(0);
        let mut j = i;
        while j + 1 < years.len() && all.get(start + j + 1 - i) == Some(&years[j + 1]) {
            j += 1;
        }
        out.push(if i == j {
            years[i].to_string()
        } else {
            format!("{}-{}", years[i], years[j])
        });
        i = j + 1;
    }
    out.join(",")
}

fn load_folder(dir: &Path) -> Vec<Report> {
    let opts = LoadOptions::default();
    files_in(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter_map(|p| document::load(&p.to_string_lossy(), &opts).ok())
        .filter_map(|mut r| (!r.is_empty()).then(|| r.swap_remove(0)))
        .collect()
}

fn main() {
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let national_out = (args.first().map(String::as_str) == Some("--national")).then(|| {
        let path = args.get(1).cloned().expect("--national FILE");
        args.drain(..2);
        path
    });
    for arg in args {
        let dir = PathBuf::from(arg);
        let subdirs: Vec<PathBuf> = files_in(&dir).into_iter().filter(|p| p.is_dir()).collect();
        folders.push(dir);
        folders.extend(subdirs);
    }
    let mut texts: Vec<String> = Vec::new();
    let mut national: Vec<Option<i32>> = Vec::new();
    let mut vocabulary: BTreeSet<String> = BTreeSet::new();
    for (i, folder) in folders.iter().enumerate() {
        let reports = load_folder(folder);
        if reports.is_empty() {
            continue;
        }
        let found = phrases_report(&reports, &PhraseOptions::default(), 0, 0);
        vocabulary.extend(found.phrases.into_iter().map(|p| p.text));
        texts.extend(reports.iter().map(|r| phrases::counting_text(r.text())));
        national.extend(reports.iter().map(national_year));
        if i % 20 == 0 {
            eprintln!(
                "{i}/{} folders, {} reports, {} phrases",
                folders.len(),
                texts.len(),
                vocabulary.len()
            );
        }
    }
    let list: Vec<&str> = vocabulary.iter().map(String::as_str).collect();
    let ac = aho_corasick::AhoCorasick::new(&list).expect("automaton");
    let mut df = vec![0usize; list.len()];
    let mut years_of: Vec<Vec<i32>> = vec![Vec::new(); list.len()];
    for (t, year) in texts.iter().zip(&national) {
        let mut seen: Vec<usize> = ac.find_overlapping_iter(t).map(|m| m.pattern().as_usize()).collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            df[k] += 1;
            if let Some(y) = year {
                years_of[k].push(*y);
            }
        }
    }
    if let Some(path) = national_out {
        let mut all: Vec<i32> = national.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("national file"));
        let head: Vec<String> = all.iter().map(i32::to_string).collect();
        writeln!(f, "# national {}", head.join(" ")).expect("write");
        for (p, years) in list.iter().zip(years_of.iter_mut()) {
            if !years.is_empty() {
                years.sort_unstable();
                years.dedup();
                writeln!(f, "{p}\t{}", runs(years, &all)).expect("write");
            }
        }
    }
    println!("# reports {}", texts.len());
    for (p, n) in list.iter().zip(&df) {
        if *n >= MIN_REPORTS {
            println!("{p}\t{n}");
        }
    }
}
