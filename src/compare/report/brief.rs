//! The brief: what a reporter needs on the first screen of a diff — the key
//! figures that changed, the formulations that came and went ranked by
//! importance, and the sections that changed most. Chosen here, once, so every
//! renderer shows the same brief.

use super::{PhraseChange, SectionDiff, Status};
use crate::compare::figures::{FigureChange, FigureKind, FigureStatus};
use crate::compare::phrases::{PairStatus, PhraseKind};
use serde::Serialize;

/// Key targets listed that are new, and that are dropped: each its own slots
/// (changed ones are all listed), so a dropped main target always shows.
const MAX_NEW_TARGETS: usize = 8;
/// Dropped key targets listed.
const MAX_DROPPED_TARGETS: usize = 8;
/// Changed results listed.
const MAX_RESULTS: usize = 6;
/// Formulations listed per side.
const MAX_FORMULATIONS: usize = 12;
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
    /// How new it is against the shipped background (`1 - background_share`).
    pub novelty: f64,
    /// Share of the background reports whose text holds it.
    pub background_share: f64,
    /// What the brief is ordered by: [`rank`].
    pub rank: f64,
    /// The first sentence holding it in the report that has it, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// Rank of a new or dropped formulation in the brief: novelty first (a
/// formulation few reports of the background use), then marks (a report
/// quotes it, or it is a title, slogan or number set), then repetition,
/// which counts least: `3 × novelty + marked + ln(1 + count) / 2`.
pub fn rank(novelty: f64, marked: bool, count: usize) -> f64 {
    let r = 3.0 * novelty + f64::from(u8::from(marked)) + (count as f64).ln_1p() / 2.0;
    (r * 100.0).round() / 100.0
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
    /// Changed key targets, new key targets, dropped key targets (each with
    /// their own slots), then changed key results.
    pub figures: Vec<FigureChange>,
    /// Phrases only in NEW, most important first.
    pub new_formulations: Vec<Formulation>,
    /// Phrases only in OLD, most important first.
    pub dropped_formulations: Vec<Formulation>,
    /// The sections with the most words changed.
    pub sections: Vec<ChangedSection>,
}

/// A formulation the report marks as one: quoted, a title, a slogan, a number set, or watched.
fn marked(kind: PhraseKind) -> bool {
    !matches!(kind, PhraseKind::Lexicon | PhraseKind::Discovered)
}

/// Chooses the brief of a diff.
pub fn brief(figures: &[FigureChange], phrases: &[PhraseChange], sections: &[SectionDiff]) -> Brief {
    let of =
        |kind: FigureKind, status: FigureStatus| figures.iter().filter(move |f| f.kind == kind && f.status == status);
    let mut picked: Vec<FigureChange> = of(FigureKind::Target, FigureStatus::Changed).cloned().collect();
    picked.extend(of(FigureKind::Target, FigureStatus::New).take(MAX_NEW_TARGETS).cloned());
    picked.extend(
        of(FigureKind::Target, FigureStatus::Dropped)
            .take(MAX_DROPPED_TARGETS)
            .cloned(),
    );
    picked.extend(of(FigureKind::Result, FigureStatus::Changed).take(MAX_RESULTS).cloned());
    let ranked = |status: PairStatus| -> Vec<Formulation> {
        let mut v: Vec<Formulation> = phrases
            .iter()
            .filter(|p| p.status == status)
            .map(|p| {
                let count = p.old_count.max(p.new_count);
                let side = if status == PairStatus::New { "new" } else { "old" };
                Formulation {
                    text: p.text.clone(),
                    count,
                    score: p.score,
                    novelty: p.novelty,
                    background_share: p.background_share,
                    rank: rank(p.novelty, marked(p.kind), count),
                    context: p.contexts.iter().find(|c| c.report == side).map(|c| c.text.clone()),
                }
            })
            .collect();
        v.sort_by(|a, b| {
            b.rank
                .total_cmp(&a.rank)
                .then(b.score.total_cmp(&a.score))
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
