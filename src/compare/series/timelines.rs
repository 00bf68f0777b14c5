//! Each phrase's timeline over a series.

use super::{last_seen_before_return, series_status, PhraseTimeline};
use crate::compare::phrases::tops::PhraseCounts;
use crate::compare::phrases::{self, scoring, PhraseKind};
use rayon::prelude::*;
use std::collections::BTreeMap;

pub(crate) fn timelines(
    counted: &PhraseCounts,
    kept: &[super::kept::Kept],
    candidates: &BTreeMap<String, PhraseKind>,
    years: &[Option<i32>],
    missing: &[i32],
    sort: phrases::PhraseSort,
) -> Vec<PhraseTimeline> {
    // Missing years between report i-1 and report i, and after the last report none.
    let gap_before = |i: usize| -> Vec<i32> {
        match (i.checked_sub(1).and_then(|j| years[j]), years[i]) {
            (Some(a), Some(b)) => missing.iter().copied().filter(|&y| a < y && y < b).collect(),
            _ => Vec::new(),
        }
    };
    // Each phrase on its own (in parallel); the sort below gives the order.
    let mut out: Vec<(scoring::SortKey, PhraseTimeline)> = counted
        .texts
        .par_iter()
        .enumerate()
        .filter_map(|(k, text)| {
            let counts = counted.counts(k);
            let total: usize = counts.iter().sum();
            let kind = candidates[text];
            // Only counted or watched phrases are listed: the rest is not built.
            if total == 0 && kind != PhraseKind::Watch {
                return None;
            }
            // Years and status from the texts: where the phrase's text stands, counted or not.
            let present: Vec<usize> = (0..counts.len()).filter(|&i| kept[i].present[k]).collect();
            let presence: Vec<usize> = kept.iter().map(|r| usize::from(r.present[k])).collect();
            let mut within: Vec<String> = Vec::new();
            for f in kept.iter().filter_map(|r| r.within.get(&k)).flatten() {
                if !within.contains(f) {
                    within.push(f.clone());
                }
            }
            let per_10k = counted.per_10k(&counts);
            let score = counted.score(k, &counts, &per_10k);
            let timeline = PhraseTimeline {
                text: text.clone(),
                status: series_status(&presence),
                within,
                first_year: present.first().and_then(|&i| years[i]),
                last_year: present.last().and_then(|&i| years[i]),
                last_seen: last_seen_before_return(&presence).and_then(|i| years[i]),
                years: present.iter().map(|&i| years[i]).collect(),
                missing_before_first: present.first().map(|&i| gap_before(i)).unwrap_or_default(),
                missing_after_last: present
                    .last()
                    .filter(|&&i| i + 1 < years.len())
                    .map(|&i| gap_before(i + 1))
                    .unwrap_or_default(),
                counts,
                kind,
                score,
                per_10k,
                lexicon: counted.in_lexicon(k),
            };
            Some((
                scoring::SortKey {
                    total,
                    ..scoring::SortKey::of(score, &presence)
                },
                timeline,
            ))
        })
        .collect();
    out.sort_by(|(ka, a), (kb, b)| ka.cmp(kb, sort).then(a.text.cmp(&b.text)));
    out.into_iter().map(|(_, t)| t).collect()
}
