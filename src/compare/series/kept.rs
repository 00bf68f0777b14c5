//! What a series keeps of each report once its pairs are diffed (read by
//! the build, the timelines and the section tracks).

use crate::compare::phrases;
use crate::compare::report::Prepared;
use std::collections::BTreeMap;

/// What a series keeps of a report once its pairs are diffed.
pub(crate) struct Kept {
    /// Count of every candidate, in the phrase set's order.
    pub(crate) counts: Vec<usize>,
    /// Whether each candidate's text occurs in the report at all.
    pub(crate) present: Vec<bool>,
    /// Longer forms of the candidates present but counted 0.
    pub(crate) within: BTreeMap<usize, Vec<String>>,
    /// Length in characters.
    pub(crate) chars: usize,
    /// Level-1/2 sections with a marker: (unit index, level, marker + heading).
    pub(crate) outline: Vec<(usize, u32, String)>,
    /// Key figures in document order.
    pub(crate) figures: Vec<crate::compare::figures::Figure>,
}

impl Kept {
    pub(crate) fn of(p: &Prepared, set: &phrases::PhraseSet) -> Kept {
        let tally = p.tally(set);
        Kept {
            counts: tally.counts,
            present: tally.present,
            within: tally.within,
            chars: p.chars(),
            outline: p
                .outline_refs()
                .into_iter()
                .filter(|(_, r, _)| r.level <= 2 && !r.marker.is_empty())
                .map(|(u, r, _)| (u, r.level, format!("{}{}", r.marker, r.heading)))
                .collect(),
            figures: p.figures().to_vec(),
        }
    }
}
