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

use reportdiff::compare::phrases::report::phrases_report;
use reportdiff::compare::phrases::{self, PhraseOptions};
use reportdiff::read::document::{self, LoadOptions, Report};
use std::collections::BTreeSet;
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
    for arg in std::env::args().skip(1) {
        let dir = PathBuf::from(arg);
        let subdirs: Vec<PathBuf> = files_in(&dir).into_iter().filter(|p| p.is_dir()).collect();
        folders.push(dir);
        folders.extend(subdirs);
    }
    let mut texts: Vec<String> = Vec::new();
    let mut vocabulary: BTreeSet<String> = BTreeSet::new();
    for (i, folder) in folders.iter().enumerate() {
        let reports = load_folder(folder);
        if reports.is_empty() {
            continue;
        }
        let found = phrases_report(&reports, &PhraseOptions::default(), 0, 0);
        vocabulary.extend(found.phrases.into_iter().map(|p| p.text));
        texts.extend(reports.iter().map(|r| phrases::counting_text(r.text())));
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
    for t in &texts {
        let mut seen: Vec<usize> = ac.find_overlapping_iter(t).map(|m| m.pattern().as_usize()).collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            df[k] += 1;
        }
    }
    println!("# reports {}", texts.len());
    for (p, n) in list.iter().zip(&df) {
        if *n >= MIN_REPORTS {
            println!("{p}\t{n}");
        }
    }
}
