//! The share of changed words of a diff, overall and per section: read by
//! the `max_changed_share`/`max_section_change` rules and by `init`'s starter
//! thresholds.

use crate::compare::phrases;
use crate::compare::report::DiffReport;
use crate::compare::segment::Segmenter;
use crate::read::document::Report;
use rayon::prelude::*;

/// Changed words of a section or a whole diff.
#[derive(Debug, Clone, Default)]
pub(super) struct Share {
    pub(super) changed: usize,
    pub(super) total: usize,
}

impl Share {
    pub(super) fn value(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.changed as f64 / self.total as f64
        }
    }
}

/// The share of changed words: (words inserted + words deleted) / (words of
/// OLD + words of NEW), overall and per section. 0 = identical, 1 = nothing
/// in common. Sections are counted with the diff's own segmentation.
pub(super) fn shares(diff: &DiffReport, old: &Report, new: &Report) -> (Share, Vec<(usize, Share, usize)>) {
    let protected: Vec<String> = phrases::candidates(old.text())
        .into_keys()
        .chain(phrases::candidates(new.text()).into_keys())
        .collect();
    let seg = Segmenter::new([old.text(), new.text()], &protected);
    let words = |text: &str| seg.tokenize(text).iter().filter(|t| t.kind.is_word()).count();
    let per_section: Vec<(usize, Share, usize)> = diff
        .sections
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let old_text: String = s.hunks.iter().map(|h| h.old.as_str()).collect();
            let new_text: String = s.hunks.iter().map(|h| h.new.as_str()).collect();
            let (o, n) = (words(&old_text), words(&new_text));
            let share = Share {
                changed: s.words_inserted + s.words_deleted,
                total: o + n,
            };
            (i, share, o.min(n))
        })
        .collect();
    let overall = per_section.iter().fold(Share::default(), |acc, (_, s, _)| Share {
        changed: acc.changed + s.changed,
        total: acc.total + s.total,
    });
    (overall, per_section)
}

pub(super) fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}
