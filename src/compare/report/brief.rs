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
/// New formulations listed: a new report quotes 50–90 terms the old one
/// lacks, nearly all genuinely its own; the brief lists them compactly.
const MAX_NEW_FORMULATIONS: usize = 40;
/// Dropped formulations listed.
const MAX_DROPPED_FORMULATIONS: usize = 16;
/// Background share below which a discovered phrase counts as a coinage
/// (at most 13 of the 1,386 background reports use it).
const COINED_SHARE: f64 = 0.01;
/// Background share above which a phrase counts as stock phrasing: most reports use it.
const STOCK_SHARE: f64 = 0.5;
/// Sections listed.
const MAX_SECTIONS: usize = 5;
/// What a revived formulation loses in rank: a marked old term back ranks
/// with wording found by discovery, below the new formulations.
const REVIVED_PENALTY: f64 = 2.0;

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
    /// A new formulation an earlier national report of the background used
    /// (see [`PhraseChange::last_seen`]): that report's year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<i32>,
    /// The first sentence holding it in the report that has it, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// Rank of a new or dropped formulation in the brief: marks first (a
/// report quotes it, or it is a title, slogan, number set or watched: 2; a
/// lexicon formulation, or a discovered one under 1 % of the background: 1;
/// other wording found only by discovery: 0), stock
/// phrasing down (3 × how far its background share lies above one half,
/// scaled to 0–1: most reports use it), repetition least:
/// `2 × marked + lexicon − 3 × max(0, share − ½) / ½ + ln(1 + count) / 2`,
/// − 2 for a revived one (an old term back: below the new ones).
///
/// Novelty below one half is not rewarded: the background holds the later
/// city reports, where a national term's adoption (乙类乙管, 两个确立) shows
/// as a moderate share; that a phrase is absent from the old report already
/// says it is new here.
pub fn rank(kind: PhraseKind, background_share: f64, count: usize, revived: bool) -> f64 {
    let stock = ((background_share - STOCK_SHARE) / (1.0 - STOCK_SHARE)).max(0.0);
    // A discovered phrase hardly any background report uses is a coinage
    // (具身智能, 育儿补贴), not wording: it counts as a known formulation.
    let coined = kind == PhraseKind::Discovered && background_share < COINED_SHARE;
    let known = kind == PhraseKind::Lexicon || coined;
    let r = 2.0 * f64::from(u8::from(marked(kind))) + f64::from(u8::from(known)) - 3.0 * stock
        + (count as f64).ln_1p() / 2.0
        - REVIVED_PENALTY * f64::from(u8::from(revived));
    (r * 100.0).round() / 100.0
}

impl Brief {
    /// The new formulations split for listing: those new to the background's
    /// national reports too, and the revived ones (an earlier national report
    /// of the background used them).
    pub fn new_and_revived(&self) -> (Vec<&Formulation>, Vec<&Formulation>) {
        self.new_formulations.iter().partition(|f| f.last_seen.is_none())
    }
}

/// What the year of a revived formulation says, in one line (`zh`: in
/// Chinese): the background's national reports are all the tool knows of
/// earlier years.
pub fn revived_note(zh: bool) -> Option<String> {
    let years = crate::compare::phrases::background::national_years();
    let (first, last) = (years.first()?, years.last()?);
    let n = years.len();
    Some(if zh {
        format!(
            "重现：旧报告中没有；括号内为本工具背景语料 {n} 份全国政府工作报告（{first}–{last}）中最后一次使用的年份"
        )
    } else {
        format!("revived: not in the old report; the year is the last of the background's {n} national reports ({first}–{last}) using it")
    })
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
    let ranked = |status: PairStatus, max: usize| -> Vec<Formulation> {
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
                    rank: rank(p.kind, p.background_share, count, p.revived),
                    last_seen: p.last_seen,
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
        // A phrase inside one listed above it (事争一流 in 创新实干、事争一流) takes no slot.
        let mut listed: Vec<Formulation> = Vec::new();
        for f in v {
            if listed.len() < max && !listed.iter().any(|l| l.text.contains(f.text.as_str())) {
                listed.push(f);
            }
        }
        listed
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
        new_formulations: ranked(PairStatus::New, MAX_NEW_FORMULATIONS),
        dropped_formulations: ranked(PairStatus::Dropped, MAX_DROPPED_FORMULATIONS),
        sections: changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_lead_stock_phrasing_falls_repetition_counts_least() {
        let quoted_once = rank(PhraseKind::Quoted, 0.0, 1, false);
        let lexicon_often = rank(PhraseKind::Lexicon, 0.0, 5, false);
        let discovered_often = rank(PhraseKind::Discovered, 0.07, 5, false);
        assert!(quoted_once > lexicon_often, "{quoted_once} {lexicon_often}");
        assert!(lexicon_often > discovered_often);
        let (coinage, wording) = (
            rank(PhraseKind::Discovered, 0.0, 1, false),
            rank(PhraseKind::Discovered, 0.07, 1, false),
        );
        assert!(coinage > wording, "{coinage} {wording}");
        // A share up to one half is not stock: a national term adopted here.
        assert_eq!(rank(PhraseKind::Quoted, 0.4, 1, false), quoted_once);
        // Most reports use it: down, below a discovered phrase used once.
        assert!(rank(PhraseKind::Quoted, 0.95, 1, false) < rank(PhraseKind::Discovered, 0.0, 1, false));
        // An old term back ranks below the new formulations of its kind and below known ones.
        assert!(rank(PhraseKind::Quoted, 0.07, 3, true) < rank(PhraseKind::Lexicon, 0.0, 1, false));
    }

    #[test]
    fn a_phrase_inside_a_listed_one_takes_no_slot() {
        let change = |text: &str| PhraseChange {
            text: text.to_string(),
            status: PairStatus::New,
            within: Vec::new(),
            old_count: 0,
            new_count: 2,
            kind: PhraseKind::Quoted,
            contexts: Vec::new(),
            score: 1.0,
            per_10k: [0.0, 1.0],
            lexicon: false,
            background_share: 0.0,
            novelty: 1.0,
            last_seen: None,
            revived: false,
        };
        let phrases = [change("创新实干、事争一流"), change("事争一流"), change("盐碱地农业")];
        let b = brief(&[], &phrases, &[]);
        let texts: Vec<&str> = b.new_formulations.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["创新实干、事争一流", "盐碱地农业"]);
    }
}
