//! The counts of a diff: sections by status, changed words, phrases.

use super::{SectionDiff, Status, Summary};
use crate::compare::diff::Tag;
use crate::compare::phrases::PairStatus;

/// The counts of `sections` (whose word counts it sets) and of the compared
/// phrases' `statuses`.
pub(super) fn summarize(
    sections: &mut [SectionDiff],
    statuses: impl Iterator<Item = PairStatus>,
    ignore_years: bool,
) -> Summary {
    let mut s = Summary::default();
    for sec in sections.iter_mut() {
        match sec.status {
            Status::Added => s.sections_added += 1,
            Status::Removed => s.sections_removed += 1,
            Status::Moved => s.sections_moved += 1,
            Status::Changed => s.sections_changed += 1,
            Status::Unchanged => s.sections_unchanged += 1,
        }
        for h in &sec.hunks {
            if h.tag == Some(Tag::Year) {
                s.year_shifts += 1;
                if ignore_years {
                    continue;
                }
            }
            sec.words_inserted += h.words_inserted;
            sec.words_deleted += h.words_deleted;
        }
        s.words_inserted += sec.words_inserted;
        s.words_deleted += sec.words_deleted;
    }
    for status in statuses {
        count_phrase(&mut s, status);
    }
    s
}

/// Counts one compared phrase of `status` in `s`.
pub(super) fn count_phrase(s: &mut Summary, status: PairStatus) {
    match status {
        PairStatus::New => s.phrases_new += 1,
        PairStatus::Dropped => s.phrases_dropped += 1,
        PairStatus::Recurring => s.phrases_recurring += 1,
        PairStatus::Absent => {}
    }
}
