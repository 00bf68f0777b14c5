//! A report cut into aligned units and segmented, then prepared for
//! diffing: subtree words, counting texts, phrase boundaries, figures.

use super::SectionRef;
use crate::compare::align::sections;
use crate::compare::diff::{Hunk, Tokenized};
use crate::compare::figures::{self, Figure, FigureValue};
use crate::compare::phrases::{self, matcher::Matcher, matcher::Matches, matcher::Sentences};
use crate::compare::segment::{Segmenter, Token, TokenKind};
use crate::read::document::Report;
use crate::read::outline::{Part, Role};
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::Arc;

/// A section of one report prepared for alignment.
pub(super) struct Unit {
    pub(super) reference: SectionRef,
    role: Role,
    parent: Option<usize>,
    /// Review, plan or other: the part its top-level ancestor announces.
    part: Part,
    /// The heading as normalized (the reference quotes the original): for matching.
    heading: String,
    /// Byte range of the own text (up to the next unit).
    pub(super) bytes: std::ops::Range<usize>,
    /// Char index of the own text's first char (to quote the original).
    pub(super) first_char: usize,
    pub(super) tokens: Vec<Token>,
}

/// The aligned units of a report, segmented.
fn segment_units(text: &str, units: &mut [Unit], seg: &Segmenter) {
    // One task a unit: a report has a few dozen of very different sizes (see
    // `section_diffs`).
    units.par_iter_mut().with_max_len(1).for_each(|u| {
        u.tokens = seg.tokenize(&text[u.bytes.clone()]);
    });
}

/// The figures of a report (key and the rest) in document order, quoted in
/// its own characters: the same figures a diff or a series reads, without
/// segmenting the report (`series --figures`).
pub fn figures_of_report(report: &Report) -> Vec<Figure> {
    figures_of(report, &cut_units(report))
}

/// The aligned units of a report, not yet segmented (lead paragraphs stay
/// inside their section; appendices and resolutions accompany the report and
/// are not its body).
fn cut_units(report: &Report) -> Vec<Unit> {
    let text = report.text();
    let sections: Vec<&crate::read::outline::Section> =
        report.sections.iter().filter(|s| s.role != Role::Lead).collect();
    // Char offsets where units may start and end (the last: the end of the text).
    let bounds: Vec<usize> = sections.iter().map(|s| s.start).chain([usize::MAX]).collect();
    let bytes = crate::text::byte_offsets(text, &bounds);
    let mut units: Vec<Unit> = Vec::with_capacity(sections.len());
    let mut stack: Vec<(u32, usize, String)> = Vec::new(); // (level, unit index, path)
    for (k, s) in sections.iter().enumerate() {
        if s.role.accompanies() {
            continue;
        }
        let i = units.len();
        let start = if i == 0 { 0 } else { s.start };
        let end = bounds[k + 1];
        while stack.last().is_some_and(|(l, _, _)| *l >= s.level) {
            stack.pop();
        }
        let start_byte = if i == 0 { 0 } else { bytes[k] };
        let own_bytes = start_byte..if end >= start { bytes[k + 1] } else { start_byte };
        let own = &text[own_bytes.clone()];
        let marker = report.quote_in(start, own, &s.marker);
        let heading = report.quote_in(start, own, &s.heading);
        let label = s
            .role
            .placeholder()
            .map_or_else(|| format!("{marker}{heading}"), str::to_string);
        let parent = if matches!(s.role, Role::Preamble | Role::Closing) {
            None
        } else {
            stack.last().map(|(_, u, _)| *u)
        };
        let path = match (parent, stack.last()) {
            (Some(_), Some((_, _, p))) => format!("{p} > {label}"),
            _ => label.clone(),
        };
        let part = match (parent, s.role) {
            (Some(p), _) => units[p].part,
            (None, Role::Heading) => Part::of_heading(&s.heading),
            _ => Part::Other,
        };
        units.push(Unit {
            reference: SectionRef {
                id: format!("s{i}"),
                path: path.clone(),
                marker,
                heading,
                level: s.level,
            },
            role: s.role,
            parent,
            part,
            heading: s.heading.clone(),
            bytes: own_bytes,
            first_char: start,
            tokens: Vec::new(),
        });
        // Unnumbered tail parts (政府自身建设, 外交) sit under the closing.
        if matches!(s.role, Role::Heading | Role::Closing) {
            stack.push((s.level, i, path));
        }
    }
    units
}

/// Puts the hunks of a section back into the report's own characters: the
/// OLD (resp. NEW) texts of the hunks are consecutive slices of the unit's text.
pub(super) fn quote_hunks(hunks: &mut [Hunk], old: Option<(&Report, &Unit)>, new: Option<(&Report, &Unit)>) {
    let (mut o, mut n) = (
        old.map_or(0, |(_, u)| u.first_char),
        new.map_or(0, |(_, u)| u.first_char),
    );
    for h in hunks {
        if let Some((r, _)) = old {
            let len = h.old.chars().count();
            h.old = r.normalized.original_of(o, &h.old);
            o += len;
        }
        if let Some((r, _)) = new {
            let len = h.new.chars().count();
            h.new = r.normalized.original_of(n, &h.new);
            n += len;
        }
    }
}

/// The key figures of a report's units, quoted in its own characters.
fn figures_of(report: &Report, units: &[Unit]) -> Vec<Figure> {
    let text = report.text();
    let mut figures: Vec<Figure> = units
        .iter()
        .flat_map(|u| {
            let own = &text[u.bytes.clone()];
            let at = |b: usize| u.first_char + own[..b].chars().count();
            figures::find(own, u.part).into_iter().map(move |f| {
                let chars = (at(f.value.start), at(f.value.end));
                Figure {
                    indicator: f.indicator,
                    kind: f.kind,
                    horizon: f.horizon,
                    key: f.key,
                    value: FigureValue {
                        value: report.normalized.original_of(chars.0, &own[f.value.clone()]),
                        low: f.low,
                        high: f.high,
                        unit: f.unit,
                        qualifier: f.qualifier,
                        end_year: f.end_year,
                        extra: f.extra.map(|e| report.normalized.original_of(at(e.start), &own[e])),
                        sentence: report
                            .normalized
                            .original_of(at(f.sentence.start), &own[f.sentence.clone()]),
                        section: u.reference.path.clone(),
                        chars,
                    },
                }
            })
        })
        .collect();
    // The section holding a normalized char: the last unit starting at or before it.
    let section_at = |c: usize| {
        let k = units.partition_point(|u| u.first_char <= c);
        k.checked_sub(1)
            .map_or_else(String::new, |k| units[k].reference.path.clone())
    };
    super::row_figures::add_row_figures(report, &section_at, &mut figures);
    figures
}

/// Tokens of the units of `text`, in order.
fn words_of<'t, 'u>(text: &'t str, units: &'u [Unit]) -> impl Iterator<Item = (&'t str, TokenKind)> + use<'t, 'u> {
    units.iter().flat_map(move |u| {
        let t = &text[u.bytes.clone()];
        u.tokens.iter().map(move |k| (k.text(t), k.kind))
    })
}

/// A report cut into its aligned units, with what needs no segmenter: its
/// figures and length, and its counting text when asked for. A run makes it
/// while its dictionary is built; [`Prepared::segment`] finishes it.
pub struct Cut<'r> {
    report: &'r Report,
    units: Vec<Unit>,
    figures: Vec<Figure>,
    chars: usize,
    counting: std::sync::OnceLock<String>,
}

impl<'r> Cut<'r> {
    /// `report` cut into units, its figures found.
    pub fn new(report: &'r Report) -> Cut<'r> {
        let units = cut_units(report);
        let figures = figures_of(report, &units);
        Cut {
            report,
            units,
            figures,
            chars: report.text().chars().count(),
            counting: std::sync::OnceLock::new(),
        }
    }

    /// The same with the counting text made now (a pair counts phrases in
    /// both reports; a series makes each report's when it is scanned, so
    /// as not to hold every report's at once).
    pub fn with_counting(self) -> Cut<'r> {
        let _ = self.counting.set(phrases::counting_text(self.report.text()));
        self
    }
}

/// A report segmented and cut into aligned units, ready to be diffed against
/// any other report prepared with the same segmenter.
pub struct Prepared<'r> {
    /// The report.
    pub report: &'r Report,
    pub(super) units: Vec<Unit>,
    /// One past the last unit of each unit's subtree: a section is compared by
    /// its own words and its descendants' (they follow it).
    subtree_end: Vec<usize>,
    /// Each unit's part of the counting text (the text with quote marks
    /// removed, made when phrases are counted), to find the units holding a phrase.
    pub(super) unit_counting: Vec<std::ops::Range<usize>>,
    /// Key figures in document order.
    pub(super) figures: Vec<Figure>,
    /// Length of the text in characters (for counts per 10,000 characters).
    pub(super) chars: usize,
    /// Byte offsets of the counting text where a token starts or ends.
    boundaries: phrases::Boundaries,
    /// The occurrences of a matcher's phrases in the counting text, found once
    /// by [`Prepared::scan`], with the matcher that found them.
    found: Option<(Arc<Matcher>, Matches)>,
    /// The counting text (quote marks removed), made on first use and kept
    /// while the report is compared (a series diffs it twice).
    counting: std::sync::OnceLock<String>,
    /// What comparing phrases reads of the report, made on first use.
    pub(super) phrase_index: std::sync::OnceLock<ReportIndex>,
}

/// What comparing phrases reads of one report whatever the other: its quoted
/// terms, its sentences, and each sentence quoted in the report's own
/// characters once some phrase takes it as a context (phrases share
/// sentences, and a series compares each report twice). Made on first use.
pub(super) struct ReportIndex {
    /// The terms the report quotes (see [`phrases::candidates::quoted_terms`]).
    pub(super) quoted: std::collections::BTreeSet<String>,
    pub(super) sentences: Sentences,
    /// The quote of each sentence, made when first needed.
    pub(super) quotes: Vec<std::sync::OnceLock<String>>,
}

/// Byte offsets of a text mapped to those of its counting text (quote marks
/// removed), asked in ascending order: one walk over the text instead of a
/// table of 8 bytes for every byte of it.
struct CountingOffsets<'t> {
    text: &'t str,
    byte: usize,
    counting: usize,
}

impl CountingOffsets<'_> {
    /// The counting-text offset of `byte` (a char boundary of the text).
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            // Asked out of order: walk again from the start.
            (self.byte, self.counting) = (0, 0);
        }
        self.counting += self.text[self.byte..byte]
            .chars()
            .filter(|c| !phrases::QUOTES.contains(c))
            .map(char::len_utf8)
            .sum::<usize>();
        self.byte = byte;
        self.counting
    }
}

/// Where each unit lies in the counting text (quote marks removed), and which
/// byte offsets of the counting text are token boundaries: lexicon and
/// discovered phrases count only as whole words.
fn counting_layout(text: &str, units: &[Unit]) -> (Vec<std::ops::Range<usize>>, phrases::Boundaries) {
    let mut offsets = CountingOffsets {
        text,
        byte: 0,
        counting: 0,
    };
    let quotes: usize = text
        .chars()
        .filter(|c| phrases::QUOTES.contains(c))
        .map(char::len_utf8)
        .sum();
    let mut boundaries = phrases::Boundaries::new(text.len() - quotes);
    let ranges = units
        .iter()
        .map(|u| {
            let start = offsets.at(u.bytes.start);
            for t in &u.tokens {
                boundaries.insert(offsets.at(u.bytes.start + t.start()));
                boundaries.insert(offsets.at(u.bytes.start + t.end()));
            }
            start..offsets.at(u.bytes.end)
        })
        .collect();
    (ranges, boundaries)
}

impl<'r> Prepared<'r> {
    /// Each unit's text with its tokens (what [`sections::Unit::texts`] slices).
    pub(super) fn tokenized(&self) -> Vec<Tokenized<'_>> {
        self.units
            .iter()
            .map(|u| Tokenized {
                text: &self.report.text()[u.bytes.clone()],
                tokens: &u.tokens,
            })
            .collect()
    }

    /// What section alignment reads of each unit; `tokenized` is [`Self::tokenized`].
    pub(super) fn section_units<'a>(&'a self, tokenized: &'a [Tokenized<'a>]) -> Vec<sections::Unit<'a>> {
        self.units
            .iter()
            .enumerate()
            .map(|(i, u)| sections::Unit {
                heading: &u.heading,
                level: u.reference.level,
                role: u.role,
                part: u.part,
                parent: u.parent,
                texts: &tokenized[i..self.subtree_end[i]],
            })
            .collect()
    }

    /// Segments `report` with `seg` and prepares it.
    pub fn new(report: &'r Report, seg: &Segmenter) -> Prepared<'r> {
        Self::segment(Cut::new(report), seg)
    }

    /// Segments the units of `cut` with `seg` and prepares the report.
    pub fn segment(cut: Cut<'r>, seg: &Segmenter) -> Prepared<'r> {
        let Cut {
            report,
            mut units,
            figures,
            chars,
            counting,
        } = cut;
        segment_units(report.text(), &mut units, seg);
        // A section is compared by its whole subtree: a part's children are its content.
        let subtree_end = (0..units.len())
            .map(|i| {
                (i + 1..units.len())
                    .find(|&k| units[k].reference.level <= units[i].reference.level || units[k].parent.is_none())
                    .unwrap_or(units.len())
            })
            .collect();
        let (unit_counting, boundaries) = counting_layout(report.text(), &units);
        Prepared {
            report,
            figures,
            units,
            subtree_end,
            unit_counting,
            chars,
            boundaries,
            found: None,
            counting,
            phrase_index: std::sync::OnceLock::new(),
        }
    }

    /// Finds the occurrences of `matcher`'s phrases in the report once, for
    /// every later count, list and context of a set matched by it.
    pub fn scan(&mut self, matcher: &Arc<Matcher>) {
        self.found = matcher.find(self.counting()).map(|m| (Arc::clone(matcher), m));
    }

    /// The occurrences of `matcher`'s phrases: those [`Prepared::scan`] found,
    /// else found now; `None` when the matcher has no automaton.
    pub(crate) fn found(&self, matcher: &Arc<Matcher>) -> Option<Cow<'_, Matches>> {
        match &self.found {
            Some((m, found)) if Arc::ptr_eq(m, matcher) => Some(Cow::Borrowed(found)),
            _ => matcher.find(self.counting()).map(Cow::Owned),
        }
    }

    /// Counts of every phrase of `set` in the report.
    pub fn counts(&self, set: &phrases::PhraseSet) -> Vec<usize> {
        self.tally(set).counts
    }

    /// Counts, presence and longer forms of every phrase of `set` in the report.
    pub fn tally(&self, set: &phrases::PhraseSet) -> phrases::Tally {
        self.tally_found(set, self.found(set.matcher()).as_deref())
    }

    /// The same from the occurrences of the set's matcher (see [`Prepared::found`]).
    pub(crate) fn tally_found(&self, set: &phrases::PhraseSet, found: Option<&Matches>) -> phrases::Tally {
        set.tally_found(self.report.text(), self.counting(), &self.boundaries, found)
    }

    /// The counting text of the report (see [`phrases::counting_text`]).
    fn counting(&self) -> &str {
        self.counting.get_or_init(|| phrases::counting_text(self.report.text()))
    }

    /// The sentences of each unit (to quote a phrase's contexts from its occurrences).
    pub(crate) fn unit_sentences(&self) -> Sentences {
        let pieces: Vec<std::ops::Range<usize>> = self.units.iter().map(|u| u.bytes.clone()).collect();
        Sentences::of(self.report.text(), &pieces)
    }

    /// Length of the text in characters.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Tokens of the whole report with their kinds, in order (for keyness and discovery).
    pub fn words(&self) -> impl Iterator<Item = (&'r str, TokenKind)> + '_ {
        words_of(self.report.text(), &self.units)
    }

    /// Key figures (targets and results) in document order.
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }

    /// Sections of level 1 and 2 as (unit index, reference, parent unit index).
    pub fn outline_refs(&self) -> Vec<(usize, &SectionRef, Option<usize>)> {
        self.units
            .iter()
            .enumerate()
            .map(|(i, u)| (i, &u.reference, u.parent))
            .collect()
    }
}
