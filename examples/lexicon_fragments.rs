//! Finds the lexicon entries that are fragments of longer words: entries
//! whose occurrences in a corpus mostly start or end inside a word of the
//! segmenter (`大精神` in `十九大/精神`, `三角` in `长三角`), so that
//! what a report says is the longer term, never the entry.
//!
//!     cargo run --example lexicon_fragments -- DIR... > /tmp/fragments.tsv
//!
//! Each DIR holds reports (`*.txt`, `*.md`) or folders of them. Written: one
//! line per lexicon entry found at least [`MIN_OCCURRENCES`] times,
//! `entry<TAB>occurrences<TAB>share cut mid-word<TAB>the longer words most cut from`,
//! the entries at or above [`FRAGMENT_SHARE`] marked `fragment`. The rule is
//! applied by hand to `data/lexicon.txt` (entries moved to
//! `data/lexicon-rejected.txt`), after a reading of the list.

use reportdiff::compare::phrases::{self, lexicon};
use reportdiff::compare::segment::Segmenter;
use reportdiff::read::document::{self, LoadOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Entries seen fewer times are not judged.
const MIN_OCCURRENCES: usize = 5;
/// Share of occurrences cut mid-word from which an entry is a fragment.
const FRAGMENT_SHARE: f64 = 0.8;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn main() {
    let mut paths: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        for p in files_in(Path::new(&arg)) {
            if p.is_dir() {
                paths.extend(files_in(&p));
            } else {
                paths.push(p);
            }
        }
    }
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"));
    let entries = lexicon::entries();
    let ac = aho_corasick::AhoCorasick::new(entries).expect("automaton");
    let seg = Segmenter::full(&[]);
    // Per entry: occurrences, cut mid-word, and the words it was cut from.
    let mut seen = vec![(0usize, 0usize); entries.len()];
    let mut cut_from: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); entries.len()];
    let opts = LoadOptions::default();
    for (i, p) in paths.iter().enumerate() {
        let Ok(reports) = document::load(&p.to_string_lossy(), &opts) else {
            continue;
        };
        for r in &reports {
            let text = phrases::counting_text(r.text());
            let tokens = seg.tokenize(&text);
            // Byte offset → index of the token covering it.
            let mut starts = vec![false; text.len() + 1];
            let mut covering = vec![usize::MAX; text.len() + 1];
            for (k, t) in tokens.iter().enumerate() {
                starts[t.start()] = true;
                starts[t.end()] = true;
                covering[t.start()..t.end()].fill(k);
            }
            for m in ac.find_overlapping_iter(&text) {
                let e = m.pattern().as_usize();
                seen[e].0 += 1;
                let inside = |b: usize| !starts[b];
                if inside(m.start()) || inside(m.end()) {
                    seen[e].1 += 1;
                    // The words around the cut, as one string.
                    let first = covering[m.start()];
                    let last = covering[m.end().saturating_sub(1)];
                    if first != usize::MAX && last != usize::MAX {
                        let w = &text[tokens[first].start()..tokens[last].end()];
                        *cut_from[e].entry(w.to_string()).or_default() += 1;
                    }
                }
            }
        }
        if i % 200 == 0 {
            eprintln!("{i}/{} files", paths.len());
        }
    }
    for (e, &(n, cut)) in seen.iter().enumerate() {
        if n < MIN_OCCURRENCES {
            continue;
        }
        let share = cut as f64 / n as f64;
        let mut from: Vec<(&String, &usize)> = cut_from[e].iter().collect();
        from.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let from: Vec<String> = from.iter().take(4).map(|(w, c)| format!("{w}:{c}")).collect();
        println!(
            "{}\t{n}\t{share:.2}\t{}\t{}",
            entries[e],
            if share >= FRAGMENT_SHARE { "fragment" } else { "" },
            from.join(" ")
        );
    }
}
