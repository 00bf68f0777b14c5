//! Properties of the diff on reports built from real text: the hunks rebuild both
//! normalized texts exactly, a report diffed with itself has no changes, an
//! inserted phrase is new and a removed one dropped, the run's filtered
//! dictionary cuts like jieba's whole one, and the output does not depend on
//! the number of threads.

use crate::common;

use proptest::prelude::*;
use reportdiff::compare::phrases::PairStatus;
use reportdiff::compare::report::{diff_reports, DiffOptions, DiffReport, Status};
use reportdiff::compare::segment::Segmenter;
use reportdiff::read::document::{reports_of, LoadOptions, Report};
use reportdiff::read::source::SourceText;
use std::sync::OnceLock;

fn config(cases: u32) -> ProptestConfig {
    let long = std::env::var("REPORTDIFF_LONG_PROPTEST").is_ok_and(|v| v == "1");
    // PROPTEST_CASES sets every property's count (a long run of a chosen size).
    let chosen = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok());
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(chosen.unwrap_or(if long { 2_000 } else { cases }))
    }
}

/// Paragraphs of the real 2025 Guangzhou report.
fn paragraphs() -> &'static Vec<String> {
    static P: OnceLock<Vec<String>> = OnceLock::new();
    P.get_or_init(|| {
        let text = std::fs::read_to_string(common::sample("guangzhou-2025.txt")).unwrap();
        // Body paragraphs only: site furniture is dropped by design and a title line
        // would start another report.
        // (Judged after normalization: the scrape's navigation line uses NBSPs.)
        text.lines()
            .map(|l| reportdiff::read::normalize::normalize(l, 0).text)
            .filter(|l| !l.is_empty() && !reportdiff::text::is_boilerplate(l) && !l.contains("工作报告"))
            .collect()
    })
}

fn report(text: &str, name: &str) -> Report {
    let src = SourceText {
        path: name.to_string(),
        text: text.to_string(),
        encoding: "UTF-8",
    };
    reports_of(&src, &LoadOptions::default()).remove(0)
}

/// A document from paragraph indices, with optional word-level edits.
fn build(indices: &[usize], edits: &[(usize, usize)]) -> String {
    let p = paragraphs();
    let mut out: Vec<String> = indices.iter().map(|&i| p[i % p.len()].clone()).collect();
    for &(k, cut) in edits {
        if out.is_empty() {
            break;
        }
        let k = k % out.len();
        let chars: Vec<char> = out[k].chars().collect();
        if chars.len() > 2 {
            let at = cut % chars.len();
            // Delete a few characters and insert a phrase: a small, real-looking edit.
            let end = (at + 3).min(chars.len());
            out[k] = chars[..at]
                .iter()
                .chain("加快发展".chars().collect::<Vec<_>>().iter())
                .chain(chars[end..].iter())
                .collect();
        }
    }
    out.join("\n")
}

/// The report's body: its text without the parts that accompany it
/// (appendices, resolutions), which the diff leaves out by design.
fn body(r: &Report) -> String {
    let chars: Vec<char> = r.text().chars().collect();
    let mut keep = vec![true; chars.len()];
    let sections = &r.sections;
    for (k, s) in sections.iter().enumerate() {
        if s.role.accompanies() {
            let end = sections[k + 1..]
                .iter()
                .find(|n| !n.role.accompanies())
                .map_or(chars.len(), |n| n.start);
            for c in keep.iter_mut().take(end.min(chars.len())).skip(s.start) {
                *c = false;
            }
        }
    }
    chars.iter().zip(keep).filter(|(_, k)| *k).map(|(c, _)| c).collect()
}

/// OLD (or NEW) text rebuilt from the hunks, sections in their document order.
fn rebuild(d: &DiffReport, old_side: bool) -> String {
    let mut parts: Vec<(usize, String)> = d
        .sections
        .iter()
        .filter_map(|s| {
            let r = if old_side { s.old.as_ref() } else { s.new.as_ref() }?;
            let idx: usize = r.id.trim_start_matches('s').parse().ok()?;
            let text: String = s
                .hunks
                .iter()
                .map(|h| if old_side { h.old.as_str() } else { h.new.as_str() })
                .collect();
            Some((idx, text))
        })
        .collect();
    parts.sort_by_key(|p| p.0);
    parts.into_iter().map(|p| p.1).collect()
}

fn doc_strategy() -> impl Strategy<Value = (Vec<usize>, Vec<usize>, Vec<(usize, usize)>)> {
    let n = paragraphs().len();
    (
        prop::collection::vec(0..n, 1..25),
        prop::collection::vec(0..n, 1..25),
        prop::collection::vec((0..100usize, 0..400usize), 0..6),
    )
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn hunks_rebuild_both_texts((a, b, edits) in doc_strategy()) {
        let old = report(&build(&a, &[]), "old.txt");
        let new = report(&build(&b, &edits), "new.txt");
        let d = diff_reports(&old, &new, &DiffOptions::default());
        prop_assert_eq!(rebuild(&d, true), body(&old));
        prop_assert_eq!(rebuild(&d, false), body(&new));
    }

    #[test]
    fn a_report_against_itself_has_no_changes((a, _, edits) in doc_strategy()) {
        let r = report(&build(&a, &edits), "same.txt");
        let d = diff_reports(&r, &r, &DiffOptions::default());
        prop_assert!(d.summary.identical());
        prop_assert!(d.sections.iter().all(|s| s.status == Status::Unchanged));
        prop_assert_eq!(d.summary.words_inserted + d.summary.words_deleted, 0);
    }

    #[test]
    fn inserted_phrase_is_new_and_removed_one_dropped(
        (a, _, _) in doc_strategy(),
        phrase in "[甲乙丙丁戊己庚辛壬癸]{3,6}",
        at in 0..40usize,
    ) {
        let base = build(&a, &[]);
        let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
        let k = at % lines.len();
        lines[k] = format!("{}实施“{}”行动。", lines[k], phrase);
        let with = lines.join("\n");
        let (plain, marked) = (report(&base, "2024.txt"), report(&with, "2025.txt"));
        let status = |d: &DiffReport| d.phrases.iter().find(|p| p.text == phrase).map(|p| (p.status, p.old_count, p.new_count));
        prop_assert_eq!(status(&diff_reports(&plain, &marked, &DiffOptions::default())), Some((PairStatus::New, 0, 1)));
        prop_assert_eq!(status(&diff_reports(&marked, &plain, &DiffOptions::default())), Some((PairStatus::Dropped, 1, 0)));
    }
}

/// jieba with all 349k entries, built once for the property below.
fn full_segmenter() -> &'static Segmenter {
    static S: OnceLock<Segmenter> = OnceLock::new();
    S.get_or_init(|| Segmenter::full(&[]))
}

proptest! {
    #![proptest_config(config(48))]

    /// The run's dictionary keeps only the entries whose adjacent character
    /// pairs occur in the inputs; cutting any text spliced from pieces of real
    /// paragraphs (words cut through, pieces joined anywhere) with it gives the
    /// same words as the whole dictionary.
    #[test]
    fn filtered_dictionary_cuts_like_the_full_one(
        pieces in prop::collection::vec((0..400usize, 0..200usize, 1..40usize), 1..8),
    ) {
        let ps = paragraphs();
        let text: String = pieces
            .iter()
            .map(|&(p, from, len)| {
                let chars: Vec<char> = ps[p % ps.len()].chars().collect();
                let from = from % chars.len();
                chars[from..(from + len).min(chars.len())].iter().collect::<String>()
            })
            .collect();
        let words = |seg: &Segmenter| -> Vec<String> {
            seg.tokenize(&text).iter().map(|t| t.text(&text).to_string()).collect()
        };
        let filtered = Segmenter::new([text.as_str()], &[]);
        prop_assert_eq!(words(&filtered), words(full_segmenter()));
    }
}

#[test]
fn output_is_identical_with_one_and_several_threads() {
    let old = report(
        &std::fs::read_to_string(common::sample("guangzhou-2021.txt")).unwrap(),
        "gz2021.txt",
    );
    let new = report(
        &std::fs::read_to_string(common::sample("guangzhou-2025.txt")).unwrap(),
        "gz2025.txt",
    );
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| serde_json::to_string(&diff_reports(&old, &new, &DiffOptions::default())).unwrap())
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(4));
}

/// Found by `hunks_rebuild_both_texts` on 2026-12-03 (fresh clone): a numbered
/// part after the closing exhortation is read as an appendix (material printed
/// with the report), which the diff leaves out; the rest rebuilds exactly.
#[test]
fn hunks_rebuild_the_body_when_an_appendix_follows_the_closing() {
    let old = report(&build(&[0], &[]), "old.txt");
    let new = report(&build(&[102, 0, 0, 5], &[]), "new.txt");
    assert!(new.sections.iter().any(|s| s.role.accompanies()));
    let d = diff_reports(&old, &new, &DiffOptions::default());
    assert_eq!(rebuild(&d, true), body(&old));
    assert_eq!(rebuild(&d, false), body(&new));
    assert!(body(&new).len() < new.text().len());
}

/// Found by the proptest above on a fresh-clone CI run (2026-12-04): a text
/// opening with `(一)` and `(四)`, which the outline drops as a list, had no
/// preamble either, so its whole body was in no section and missing from the diff.
#[test]
fn hunks_rebuild_both_texts_ci_case() {
    let (a, b): (Vec<usize>, Vec<usize>) = (vec![53, 70, 18, 0], vec![0]);
    let old = report(&build(&a, &[]), "old.txt");
    let new = report(&build(&b, &[]), "new.txt");
    let d = diff_reports(&old, &new, &DiffOptions::default());
    assert_eq!(rebuild(&d, true), body(&old));
    assert_eq!(rebuild(&d, false), body(&new));
}
