//! Emerging words: keyness (log-likelihood G²) of each report's words
//! against up to [`KEYNESS_WINDOW`] previous reports.

use super::{EmergingTerm, EmergingYear};
use crate::compare::phrases::scoring::log_likelihood;
use crate::compare::phrases::stop_words::{self, Role};
use crate::compare::report::Prepared;
use crate::compare::segment::TokenKind;
use std::collections::HashMap;

/// How many previous reports form the reference of keyness.
pub(crate) const KEYNESS_WINDOW: usize = 3;

/// Word and adjacent-word-pair counts of a report, and its number of words.
pub(crate) type TermFrequencies = (HashMap<String, usize>, usize);

/// The emerging terms of report `i` against up to [`KEYNESS_WINDOW`] previous
/// reports (`freqs` holds at least those).
pub(crate) fn emerging_at(
    i: usize,
    freqs: &[Option<TermFrequencies>],
    years: &[Option<i32>],
    top: usize,
) -> EmergingYear {
    let empty = (HashMap::new(), 1);
    let (cur, cur_total) = freqs[i].as_ref().unwrap_or(&empty);
    // Reference: up to KEYNESS_WINDOW previous reports, so a word that merely
    // skipped one year does not count as emerging.
    let mut prev: HashMap<&str, usize> = HashMap::new();
    let mut prev_total = 0;
    for (f, total) in freqs[i.saturating_sub(KEYNESS_WINDOW)..i].iter().flatten() {
        prev_total += total;
        for (t, n) in f {
            *prev.entry(t.as_str()).or_default() += n;
        }
    }
    let mut terms: Vec<EmergingTerm> = cur
        .iter()
        .filter(|(_, &a)| a >= 3)
        .filter_map(|(t, &a)| {
            let b = prev.get(t.as_str()).copied().unwrap_or(0);
            let g2 = log_likelihood(a, *cur_total, b, prev_total)?;
            Some(EmergingTerm {
                text: t.clone(),
                g2: (g2 * 100.0).round() / 100.0,
                count: a,
                previous_count: b,
            })
        })
        .collect();
    terms.sort_by(|x, y| y.g2.total_cmp(&x.g2).then(x.text.cmp(&y.text)));
    terms.truncate(top);
    EmergingYear {
        year: years[i],
        against: years[i.saturating_sub(KEYNESS_WINDOW)],
        against_to: years[i - 1],
        terms,
    }
}

/// Word and adjacent-word-pair counts of a report (numbers, punctuation, single
/// characters and stop words left out), and the number of words.
pub(crate) fn term_frequencies(p: &Prepared) -> TermFrequencies {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    let mut prev: Option<&str> = None;
    for (w, kind) in p.words() {
        let content = matches!(kind, TokenKind::Word | TokenKind::Phrase)
            && w.chars().count() >= 2
            && !stop_words::words(Role::Emerging).contains(&w);
        if !content {
            // Spaces between words inside a sentence do not break a pair; the rest does.
            if kind != TokenKind::Word {
                prev = None;
            }
            continue;
        }
        total += 1;
        *counts.entry(w.to_string()).or_default() += 1;
        if let Some(q) = prev {
            *counts.entry(format!("{q}{w}")).or_default() += 1;
        }
        prev = Some(w);
    }
    (counts, total.max(1))
}
