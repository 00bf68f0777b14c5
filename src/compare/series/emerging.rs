//! Emerging words: keyness (log-likelihood G²) of each report's words
//! against up to [`KEYNESS_WINDOW`] previous reports.

use super::{EmergingTerm, EmergingYear};
use crate::compare::phrases::scoring::log_likelihood;
use crate::compare::phrases::stop_words::{self, Role};
use crate::compare::report::Prepared;
use crate::compare::segment::TokenKind;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// How many previous reports form the reference of keyness.
pub(crate) const KEYNESS_WINDOW: usize = 3;

/// Word and adjacent-word-pair counts of a report, and its number of words.
/// A term is a slice of the report's text where it can be (a word, or a pair
/// written together), so only pairs with a skipped word between are copied.
pub(crate) type TermFrequencies<'r> = (HashMap<Cow<'r, str>, usize>, usize);

/// The emerging terms of report `i` against up to [`KEYNESS_WINDOW`] previous
/// reports (`freqs` holds at least those).
pub(crate) fn emerging_at(
    i: usize,
    freqs: &[Option<TermFrequencies<'_>>],
    years: &[Option<i32>],
    top: usize,
) -> EmergingYear {
    let empty = (HashMap::default(), 1);
    let (cur, cur_total) = freqs[i].as_ref().unwrap_or(&empty);
    // Reference: up to KEYNESS_WINDOW previous reports, so a word that merely
    // skipped one year does not count as emerging. Only the terms frequent
    // enough to be ranked are looked up there.
    let window = &freqs[i.saturating_sub(KEYNESS_WINDOW)..i];
    let prev_total: usize = window.iter().flatten().map(|(_, total)| total).sum();
    let prev = |t: &str| -> usize { window.iter().flatten().filter_map(|(f, _)| f.get(t)).sum() };
    let mut terms: Vec<EmergingTerm> = cur
        .iter()
        .filter(|(_, &a)| a >= 3)
        .filter_map(|(t, &a)| {
            let b = prev(t);
            let g2 = log_likelihood(a, *cur_total, b, prev_total)?;
            Some(EmergingTerm {
                text: t.to_string(),
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
pub(crate) fn term_frequencies<'r>(p: &Prepared<'r>) -> TermFrequencies<'r> {
    let mut counts: HashMap<Cow<'r, str>, usize> = HashMap::default();
    // `key` counted once more; `own` makes the map's key when it is new.
    fn bump<'r>(counts: &mut HashMap<Cow<'r, str>, usize>, key: &str, own: impl FnOnce() -> Cow<'r, str>) {
        match counts.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                counts.insert(own(), 1);
            }
        }
    }
    let text = p.report.text();
    let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let mut total = 0;
    let mut prev: Option<&'r str> = None;
    let mut pair = String::new();
    for (w, kind) in p.words() {
        let content =
            matches!(kind, TokenKind::Word | TokenKind::Phrase) && w.chars().nth(1).is_some() && !is_stop_word(w);
        if !content {
            // A word that is no term (one char, a stop word) does not break a pair;
            // anything else does (a space, a number, punctuation).
            if kind != TokenKind::Word {
                prev = None;
            }
            continue;
        }
        total += 1;
        bump(&mut counts, w, || Cow::Borrowed(w));
        if let Some(q) = prev {
            let start = offset(q);
            if start + q.len() == offset(w) {
                let written = &text[start..start + q.len() + w.len()];
                bump(&mut counts, written, || Cow::Borrowed(written));
            } else {
                pair.clear();
                pair.push_str(q);
                pair.push_str(w);
                bump(&mut counts, &pair, || Cow::Owned(pair.clone()));
            }
        }
        prev = Some(w);
    }
    (counts, total.max(1))
}

/// One of the stop words of emerging terms (looked up, not searched: asked of every word).
fn is_stop_word(w: &str) -> bool {
    stop_words::has(Role::Emerging, w)
}
