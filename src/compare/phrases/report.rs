//! The `phrases` command's result: every policy phrase of some reports with
//! counts, keyword-in-context sentences and a score.

use crate::compare::phrases::matcher::{ByPhrase, Matches, Sentences};
use crate::compare::phrases::tops::{section_path_at, top_by_report, PhraseCounts, ReportTop};
use crate::compare::phrases::{scoring, Context, PhraseKind, PhraseOptions};
use crate::compare::report::{self, Prepared};
use crate::compare::vocabulary::Draft;
use crate::read::document::Report;
use crate::read::meta::ReportMeta;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;

/// One phrase in `reportdiff phrases`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhraseOccurrences {
    /// The phrase.
    pub text: String,
    /// Where the candidate came from.
    pub kind: PhraseKind,
    /// Count per report.
    pub counts: Vec<usize>,
    /// Keyword-in-context sentences.
    pub contexts: Vec<Context>,
    /// Importance (see [`scoring::score`]).
    pub score: f64,
    /// Occurrences per 10,000 characters, per report.
    pub per_10k: Vec<f64>,
    /// In the built-in lexicon of formulations.
    pub lexicon: bool,
}

/// The result of `reportdiff phrases`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhrasesReport {
    /// Always 1.
    pub schema_version: u32,
    /// Reports in input order.
    pub reports: Vec<ReportMeta>,
    /// Phrases: watched ones first, then in the order asked for (most important first).
    pub phrases: Vec<PhraseOccurrences>,
    /// The top formulations of each report, with a keyword-in-context line.
    pub top_by_year: Vec<ReportTop>,
}

/// Finds the policy phrases of `reports`, with up to `contexts` KWIC sentences
/// per phrase and report, and the `top` formulations of each report.
pub fn phrases_report(reports: &[Report], opts: &PhraseOptions, contexts: usize, top: usize) -> PhrasesReport {
    let texts: Vec<&str> = reports.iter().map(|r| r.text()).collect();
    let draft = Draft::new(&texts, opts);
    let mut prepared: Vec<Prepared> = reports.par_iter().map(|r| Prepared::new(r, &draft.seg)).collect();
    let found = report::discover(&prepared.iter().collect::<Vec<_>>(), &draft.seg);
    let vocabulary = draft.finish(found);
    prepared.par_iter_mut().for_each(|p| p.scan(vocabulary.matcher()));
    let (candidates, set) = (vocabulary.candidates(), vocabulary.set());
    let counted = PhraseCounts::new(&prepared, set);
    // Each report's sentences and occurrences by phrase, for the contexts.
    type Index<'p> = (Sentences, Option<(Cow<'p, Matches>, ByPhrase)>);
    let indexes: Vec<Index> = prepared
        .par_iter()
        .map(|p| {
            let text = p.report.text();
            let found = p.found(set.matcher()).map(|f| {
                let by_phrase = f.by_phrase();
                (f, by_phrase)
            });
            (Sentences::of_text(text), found)
        })
        .collect();
    let mut out: Vec<(scoring::SortKey, PhraseOccurrences)> = counted
        .texts
        .par_iter()
        .enumerate()
        .map(|(k, text)| {
            let mut ctx = Vec::new();
            for (r, (sentences, found)) in reports.iter().zip(&indexes) {
                let Some((found, by_phrase)) = found else { continue };
                for s in sentences.holding(by_phrase.of(found, set.id(k)), contexts) {
                    let offset = s.char_in_piece;
                    ctx.push(Context {
                        report: r.meta.label(),
                        section: section_path_at(r, offset),
                        text: r.quote_sentence(offset, &r.text()[s.bytes.clone()]),
                    });
                }
            }
            let counts = counted.counts(k);
            let per_10k = counted.per_10k(&counts);
            let score = counted.score(k, &counts, &per_10k);
            let p = PhraseOccurrences {
                text: text.clone(),
                kind: candidates[text],
                counts,
                contexts: ctx,
                score,
                per_10k,
                lexicon: counted.in_lexicon(k),
            };
            (scoring::SortKey::of(score, &p.counts), p)
        })
        .filter(|(_, p)| p.kind == PhraseKind::Watch || p.counts.iter().any(|&c| c > 0))
        .collect();
    out.sort_by(|(ka, a), (kb, b)| {
        (b.kind == PhraseKind::Watch)
            .cmp(&(a.kind == PhraseKind::Watch))
            .then(ka.cmp(kb, opts.sort))
            .then(a.text.cmp(&b.text))
    });
    PhrasesReport {
        schema_version: 1,
        reports: reports.iter().map(|r| r.meta.clone()).collect(),
        phrases: out.into_iter().map(|(_, p)| p).collect(),
        top_by_year: top_by_report(&counted, candidates, reports, top),
    }
}
