//! The followed phrases: which formulations the corpus counts.

use super::jurisdictions::Candidates;
use super::{CorpusOptions, Jurisdiction};
use crate::compare::phrases::{self, PhraseKind};
use crate::read::meta::Kind;
use std::collections::BTreeMap;

/// The followed phrases: watched ones, and the formulations (marked by a
/// report, lexicon entries, discovered in a series) that are candidates in at
/// least `min_jurisdictions` jurisdictions (work reports). Ordinary words are
/// left out unless watched: counted as plain substrings they would be found
/// everywhere, quoted or not.
///
/// `discovered[i]` lists the formulations discovered in jurisdiction `i`'s series.
pub(super) fn phrase_list(
    jurisdictions: &[Jurisdiction],
    candidates: &Candidates,
    discovered: &[Vec<String>],
    opts: &CorpusOptions,
) -> Vec<Followed> {
    let mut sources: BTreeMap<&str, BTreeMap<PhraseKind, usize>> = BTreeMap::new();
    for (i, j) in jurisdictions
        .iter()
        .enumerate()
        .filter(|(_, j)| j.kind == Kind::WorkReport)
    {
        let mut own: BTreeMap<&str, PhraseKind> = BTreeMap::new();
        if let Some(c) = candidates.get(&(j.name.clone(), j.kind)) {
            for (text, &kind) in c {
                if kind != PhraseKind::Lexicon || !opts.series.phrases.no_lexicon {
                    own.insert(text.as_str(), kind);
                }
            }
        }
        for text in discovered.get(i).into_iter().flatten() {
            own.entry(text.as_str()).or_insert(PhraseKind::Discovered);
        }
        for (text, kind) in own {
            *sources.entry(text).or_default().entry(kind).or_insert(0) += 1;
        }
    }
    let mut list: BTreeMap<String, Followed> = sources
        .into_iter()
        .filter(|(t, by_kind)| {
            by_kind.values().sum::<usize>() >= opts.min_jurisdictions.max(1)
                && !is_short_number(t)
                && !phrases::lexicon::is_ordinary(t)
        })
        .map(|(t, sources)| {
            let kind = sources.keys().next().copied().unwrap_or(PhraseKind::Discovered);
            (
                t.to_string(),
                Followed {
                    text: t.to_string(),
                    kind,
                    sources,
                },
            )
        })
        .collect();
    for w in &opts.series.phrases.watch {
        let sources = list.remove(w).map(|f| f.sources).unwrap_or_default();
        list.insert(
            w.clone(),
            Followed {
                text: w.clone(),
                kind: PhraseKind::Watch,
                sources,
            },
        );
    }
    list.into_values().collect()
}

/// A followed phrase before counting.
pub(super) struct Followed {
    pub(super) text: String,
    pub(super) kind: PhraseKind,
    /// Jurisdictions by the phrase's strongest source there.
    pub(super) sources: BTreeMap<PhraseKind, usize>,
}

impl Followed {
    /// Jurisdictions whose reports mark it as a term.
    pub(super) fn quoted_in(&self) -> usize {
        self.sources
            .iter()
            .filter(|(k, _)| {
                matches!(
                    k,
                    PhraseKind::Slogan | PhraseKind::NumberSet | PhraseKind::Quoted | PhraseKind::Title
                )
            })
            .map(|(_, n)| n)
            .sum()
    }
}

/// `10`, `35`: numbers some report quoted, not slogans (`12345` is a hotline).
fn is_short_number(text: &str) -> bool {
    text.len() < 4 && text.chars().all(|c| c.is_ascii_digit())
}
