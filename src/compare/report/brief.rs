//! The brief: what a reporter needs on the first screen of a diff — the key
//! figures that changed, the formulations that came and went ranked by
//! importance, and the sections that changed most. Chosen here, once, so every
//! renderer shows the same brief.

use super::{PhraseChange, SectionDiff, Status};
use crate::compare::figures::{FigureChange, FigureKind, FigureStatus};
use crate::compare::phrases::PairStatus;
use serde::Serialize;

/// Targets listed that are new or dropped (changed ones are all listed).
const MAX_NEW_DROPPED_TARGETS: usize = 8;
/// Changed results listed.
const MAX_RESULTS: usize = 6;
/// Formulations listed per side.
const MAX_FORMULATIONS: usize = 10;
/// Sections listed.
const MAX_SECTIONS: usize = 5;

/// A new or dropped formulation with its importance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Formulation {
    /// The phrase.
    pub text: String,
    /// Occurrences in the report that has it.
    pub count: usize,
    /// Importance: the phrase's score (`phrases::scoring`: keyness, frequency,
    /// quoted, in the lexicon).
    pub score: f64,
}

/// A section among those that changed most.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedSection {
    /// Index into the diff's `sections`.
    pub index: usize,
    /// Its status.
    pub status: Status,
    /// Words inserted plus words deleted.
    pub words_changed: usize,
}

/// The first screen of a diff.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Brief {
    /// Changed targets, new and dropped targets, then changed results.
    pub figures: Vec<FigureChange>,
    /// Phrases only in NEW, most important first.
    pub new_formulations: Vec<Formulation>,
    /// Phrases only in OLD, most important first.
    pub dropped_formulations: Vec<Formulation>,
    /// The sections with the most words changed.
    pub sections: Vec<ChangedSection>,
}

/// Chooses the brief of a diff.
pub fn brief(figures: &[FigureChange], phrases: &[PhraseChange], sections: &[SectionDiff]) -> Brief {
    let of =
        |kind: FigureKind, status: FigureStatus| figures.iter().filter(move |f| f.kind == kind && f.status == status);
    let mut picked: Vec<FigureChange> = of(FigureKind::Target, FigureStatus::Changed).cloned().collect();
    picked.extend(
        of(FigureKind::Target, FigureStatus::New)
            .chain(of(FigureKind::Target, FigureStatus::Dropped))
            .take(MAX_NEW_DROPPED_TARGETS)
            .cloned(),
    );
    picked.extend(of(FigureKind::Result, FigureStatus::Changed).take(MAX_RESULTS).cloned());
    let ranked = |status: PairStatus| -> Vec<Formulation> {
        let mut v: Vec<Formulation> = phrases
            .iter()
            .filter(|p| p.status == status)
            .map(|p| {
                let count = p.old_count.max(p.new_count);
                Formulation {
                    text: p.text.clone(),
                    count,
                    score: p.score,
                }
            })
            .collect();
        v.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.text.chars().count().cmp(&a.text.chars().count()))
                .then(a.text.cmp(&b.text))
        });
        v.truncate(MAX_FORMULATIONS);
        v
    };
    let mut changed: Vec<ChangedSection> = sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.status != Status::Unchanged)
        .map(|(index, s)| ChangedSection {
            index,
            status: s.status,
            words_changed: s.words_inserted + s.words_deleted,
        })
        .collect();
    changed.sort_by(|a, b| b.words_changed.cmp(&a.words_changed).then(a.index.cmp(&b.index)));
    changed.truncate(MAX_SECTIONS);
    Brief {
        figures: picked,
        new_formulations: ranked(PairStatus::New),
        dropped_formulations: ranked(PairStatus::Dropped),
        sections: changed,
    }
}
