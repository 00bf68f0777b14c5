//! The `diff` command's result: two reports aligned section by section, each
//! pair diffed word by word, and the policy phrases compared. Every renderer
//! reads this value; none recomputes it.

use crate::compare::align::{sections, Pair};
use crate::compare::brief::{self, Brief};
use crate::compare::diff::{diff_texts, sentence_edits, Hunk, Move, Op, Tag, TextDiff, Tokenized};
use crate::compare::figures::{self, Figure, FigureChange, FigureValue};
use crate::compare::phrases::{self, scoring, Context, PairStatus, PhraseKind, PhraseOptions};
use crate::compare::segment::{Segmenter, Token, TokenKind};
use crate::read::document::Report;
use crate::read::meta::ReportMeta;
use crate::read::outline::{Part, Role};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Options of a diff.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// Count pure year shifts (`2024年` → `2025年`) as no change.
    pub ignore_years: bool,
    /// Watched phrases (always reported, never split), the lexicon, the order.
    pub phrases: PhraseOptions,
    /// Keyword-in-context sentences kept per phrase and side.
    pub contexts: usize,
}

/// A section as referred to in a diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionRef {
    /// `s<index>`: the section's index among the report's aligned sections.
    pub id: String,
    /// Headings from the top level down to this section, joined by ` > `.
    pub path: String,
    /// Marker as written.
    pub marker: String,
    /// Heading text.
    pub heading: String,
    /// Outline level.
    pub level: u32,
}

/// What happened to a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Same text.
    Unchanged,
    /// Text or heading changed (renamed included).
    Changed,
    /// At another position or under another parent (text may also have changed).
    Moved,
    /// Only in NEW.
    Added,
    /// Only in OLD.
    Removed,
}

impl Status {
    /// The JSON name, also used by the renderers.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Changed => "changed",
            Status::Moved => "moved",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// One entry of `sections[]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionDiff {
    /// What happened.
    pub status: Status,
    /// The OLD section, if any.
    pub old: Option<SectionRef>,
    /// The NEW section, if any.
    pub new: Option<SectionRef>,
    /// Similarity of the pair (0 for added/removed).
    pub similarity: f64,
    /// Hunks rebuilding the section's own text on each side.
    pub hunks: Vec<Hunk>,
    /// Words inserted in this section (year shifts excluded with `--ignore-years`).
    pub words_inserted: usize,
    /// Words deleted in this section.
    pub words_deleted: usize,
    /// The pair was too large to diff word by word everywhere.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub degraded: bool,
    /// For a pair too dissimilar to read as edits: what to show instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rewritten: Option<Rewritten>,
}

/// A section pair whose similarity is below [`REWRITTEN_BELOW`]: the same place
/// in the report, new text. Renderers fold its hunks and show this instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rewritten {
    /// Chars of the OLD section's own text.
    pub old_chars: usize,
    /// Chars of the NEW section's own text.
    pub new_chars: usize,
    /// Phrases in the NEW section, not in the OLD one (longest first, at most [`MAX_FOLD_PHRASES`]).
    pub gained: Vec<String>,
    /// Phrases in the OLD section, not in the NEW one.
    pub lost: Vec<String>,
}

/// Section pairs less similar than this are shown as rewritten. Measured on
/// Guangzhou 2021→2025 and the national pairs 2003→2013 (docs/design.md): below
/// 0.3 a pair's word diff keeps a median 0.4–3 % of its text equal, never 20 %.
pub const REWRITTEN_BELOW: f64 = 0.3;

/// Gained and lost phrases listed per rewritten pair.
pub const MAX_FOLD_PHRASES: usize = 12;

/// Counts of the whole diff.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Summary {
    /// Sections only in NEW.
    pub sections_added: usize,
    /// Sections only in OLD.
    pub sections_removed: usize,
    /// Sections moved.
    pub sections_moved: usize,
    /// Sections changed in place.
    pub sections_changed: usize,
    /// Sections unchanged.
    pub sections_unchanged: usize,
    /// Words inserted (punctuation and spaces not counted).
    pub words_inserted: usize,
    /// Words deleted.
    pub words_deleted: usize,
    /// Phrases only in NEW.
    pub phrases_new: usize,
    /// Phrases only in OLD.
    pub phrases_dropped: usize,
    /// Phrases in both.
    pub phrases_recurring: usize,
    /// Pure year shifts (`2024年` → `2025年`), hidden with `--ignore-years`.
    pub year_shifts: usize,
}

impl Summary {
    /// True when nothing differs.
    pub fn identical(&self) -> bool {
        self.sections_added + self.sections_removed + self.sections_moved + self.sections_changed == 0
    }
}

/// One phrase compared between the two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhraseChange {
    /// The phrase.
    pub text: String,
    /// new, dropped, recurring (absent: watched, in neither).
    pub status: PairStatus,
    /// Occurrences in OLD.
    pub old_count: usize,
    /// Occurrences in NEW.
    pub new_count: usize,
    /// Where the candidate came from.
    pub kind: PhraseKind,
    /// Sentences around occurrences, with their sections.
    pub contexts: Vec<Context>,
    /// Importance (see [`scoring::score`]); the default order.
    pub score: f64,
    /// Occurrences per 10,000 characters in OLD and NEW.
    pub per_10k: [f64; 2],
    /// In the built-in lexicon of formulations.
    pub lexicon: bool,
}

/// The result of `reportdiff diff`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    /// Always 1.
    pub schema_version: u32,
    /// `"original"`: every quoted text (hunks, headings, contexts, figures) is
    /// in the report's own characters; normalization is only for comparing.
    pub text: &'static str,
    /// OLD's metadata.
    pub old: ReportMeta,
    /// NEW's metadata.
    pub new: ReportMeta,
    /// Counts.
    pub summary: Summary,
    /// Sections in NEW order, removed ones after their OLD predecessor.
    pub sections: Vec<SectionDiff>,
    /// Phrases: new, dropped, recurring (and watched absent ones).
    pub phrases: Vec<PhraseChange>,
    /// Key figures (targets and results) paired by indicator and kind.
    pub figures: Vec<FigureChange>,
    /// What the first screen shows: changed figures, ranked formulations, the
    /// sections that changed most.
    pub brief: Brief,
    /// Some part was diffed at a coarser unit than words.
    pub degraded: bool,
    /// Year shifts are not counted as changes.
    #[serde(skip)]
    pub ignore_years: bool,
}

/// A section of one report prepared for alignment.
struct Unit {
    reference: SectionRef,
    role: Role,
    parent: Option<usize>,
    /// Review, plan or other: the part its top-level ancestor announces.
    part: Part,
    /// The heading as normalized (the reference quotes the original): for matching.
    heading: String,
    /// Byte range of the own text (up to the next unit).
    bytes: std::ops::Range<usize>,
    /// Char index of the own text's first char (to quote the original).
    first_char: usize,
    tokens: Vec<Token>,
}

/// The aligned units of a report (lead paragraphs stay inside their section;
/// appendices and resolutions accompany the report and are not its body).
fn units_of(report: &Report, seg: &Segmenter) -> Vec<Unit> {
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
        let marker = quote_in(report, own, start, &s.marker);
        let heading = quote_in(report, own, start, &s.heading);
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
    units.par_iter_mut().for_each(|u| {
        u.tokens = seg.tokenize(&text[u.bytes.clone()]);
    });
    units
}

/// `s` (found in `own`, a unit's text starting at char `first_char`) in the
/// report's own characters; `s` itself when it is not there.
fn quote_in(report: &Report, own: &str, first_char: usize, s: &str) -> String {
    match own.find(s) {
        Some(b) if !s.is_empty() => report.normalized.original_of(first_char + own[..b].chars().count(), s),
        _ => s.to_string(),
    }
}

/// Puts the hunks of a section back into the report's own characters: the
/// OLD (resp. NEW) texts of the hunks are consecutive slices of the unit's text.
fn quote_hunks(hunks: &mut [Hunk], old: Option<(&Report, &Unit)>, new: Option<(&Report, &Unit)>) {
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
    units
        .iter()
        .flat_map(|u| {
            let own = &text[u.bytes.clone()];
            let at = |b: usize| u.first_char + own[..b].chars().count();
            figures::find(own, u.part).into_iter().map(move |f| Figure {
                indicator: f.indicator,
                kind: f.kind,
                value: FigureValue {
                    value: report.normalized.original_of(at(f.value.start), &own[f.value.clone()]),
                    number: f.number,
                    unit: f.unit,
                    qualifier: f.qualifier,
                    sentence: report
                        .normalized
                        .original_of(at(f.sentence.start), &own[f.sentence.clone()]),
                    section: u.reference.path.clone(),
                },
            })
        })
        .collect()
}

/// A report cut into units and segmented: the tokens only, without the
/// indexes a [`Prepared`] report derives from them (words per subtree, counting
/// texts, boundaries, figures — several times larger). A series keeps every
/// report's `Segmented` for discovery and prepares a few reports at a time.
pub struct Segmented(Vec<Unit>);

impl Segmented {
    /// Segments `report` with `seg`.
    pub fn new(report: &Report, seg: &Segmenter) -> Segmented {
        Segmented(units_of(report, seg))
    }

    /// Tokens of `report` (the report segmented) with their kinds, in order.
    pub fn words<'a>(&'a self, report: &'a Report) -> impl Iterator<Item = (&'a str, TokenKind)> + 'a {
        words_of(report.text(), &self.0)
    }
}

/// Tokens of the units of `text`, in order.
fn words_of<'a>(text: &'a str, units: &'a [Unit]) -> impl Iterator<Item = (&'a str, TokenKind)> + 'a {
    units.iter().flat_map(move |u| {
        let t = &text[u.bytes.clone()];
        u.tokens.iter().map(move |k| (k.text(t), k.kind))
    })
}

/// A report segmented and cut into aligned units, ready to be diffed against
/// any other report prepared with the same segmenter.
pub struct Prepared<'r> {
    /// The report.
    pub report: &'r Report,
    units: Vec<Unit>,
    /// One past the last unit of each unit's subtree: a section is compared by
    /// its own words and its descendants' (they follow it).
    subtree_end: Vec<usize>,
    /// Each unit's part of the counting text (the text with quote marks
    /// removed, made when phrases are counted), to find the units holding a phrase.
    unit_counting: Vec<std::ops::Range<usize>>,
    /// Key figures in document order.
    figures: Vec<Figure>,
    /// Length of the text in characters (for counts per 10,000 characters).
    chars: usize,
    /// Byte offsets of the counting text where a token starts or ends.
    boundaries: phrases::Boundaries,
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
    fn tokenized(&self) -> Vec<Tokenized<'_>> {
        self.units
            .iter()
            .map(|u| Tokenized {
                text: &self.report.text()[u.bytes.clone()],
                tokens: &u.tokens,
            })
            .collect()
    }

    /// What section alignment reads of each unit; `tokenized` is [`Self::tokenized`].
    fn section_units<'a>(&'a self, tokenized: &'a [Tokenized<'a>]) -> Vec<sections::Unit<'a>> {
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

    /// Segments `report` with `seg`.
    pub fn new(report: &'r Report, seg: &Segmenter) -> Prepared<'r> {
        Prepared::from_segmented(report, Segmented::new(report, seg))
    }

    /// Prepares `report` from its segmentation.
    pub fn from_segmented(report: &'r Report, segmented: Segmented) -> Prepared<'r> {
        let units = segmented.0;
        // A section is compared by its whole subtree: a part's children are its content.
        let subtree_end = (0..units.len())
            .map(|i| {
                (i + 1..units.len())
                    .find(|&k| units[k].reference.level <= units[i].reference.level || units[k].parent.is_none())
                    .unwrap_or(units.len())
            })
            .collect();
        let (unit_counting, boundaries) = counting_layout(report.text(), &units);
        let figures = figures_of(report, &units);
        Prepared {
            report,
            figures,
            units,
            subtree_end,
            unit_counting,
            chars: report.text().chars().count(),
            boundaries,
        }
    }

    /// Counts of every phrase of `set` in the report.
    pub fn counts(&self, set: &phrases::PhraseSet) -> Vec<usize> {
        self.counts_in(set, &phrases::counting_text(self.report.text()))
    }

    /// The same, `counting` being the report's counting text (made when needed,
    /// not kept: it is as large as the text).
    fn counts_in(&self, set: &phrases::PhraseSet, counting: &str) -> Vec<usize> {
        set.counts(self.report.text(), counting, &self.boundaries)
    }

    /// Length of the text in characters.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Tokens of the whole report with their kinds, in order (for keyness and discovery).
    pub fn words(&self) -> impl Iterator<Item = (&str, TokenKind)> + '_ {
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

/// Compares two reports.
pub fn diff_reports(old: &Report, new: &Report, opts: &DiffOptions) -> DiffReport {
    let mut candidates = phrases::candidates_of([old.text(), new.text()], &opts.phrases);
    let protected = phrases::protected(&candidates);
    let seg = Segmenter::new([old.text(), new.text()], &protected);
    let (a, b) = rayon::join(|| Prepared::new(old, &seg), || Prepared::new(new, &seg));
    phrases::add_discovered(&mut candidates, &discover(&[&a, &b], &seg));
    diff_prepared(&a, &b, &candidates, opts)
}

/// The formulations found in the text of `prepared`, segmented by `seg`.
pub fn discover(prepared: &[&Prepared], seg: &Segmenter) -> Vec<phrases::discovery::Discovered> {
    // Read straight from the tokens: a copy of every report's words as
    // (text, kind) pairs cost 24 bytes a word.
    let words = prepared.iter().map(|p| p.words()).collect();
    phrases::discovery::discover(words, &|w| seg.long_word_frequency(w))
}

/// [`discover`] over segmented reports (`segmented[i]` of `reports[i]`).
pub fn discover_segmented(
    reports: &[Report],
    segmented: &[Segmented],
    seg: &Segmenter,
) -> Vec<phrases::discovery::Discovered> {
    let words = reports.iter().zip(segmented).map(|(r, s)| s.words(r)).collect();
    phrases::discovery::discover(words, &|w| seg.long_word_frequency(w))
}

/// The unit pairs of two prepared reports, and which of them moved
/// (the rules are in [`sections`]).
fn align_prepared(a: &Prepared, b: &Prepared) -> (Vec<Pair>, Vec<bool>) {
    let (ta, tb) = (a.tokenized(), b.tokenized());
    sections::align(&a.section_units(&ta), &b.section_units(&tb))
}

/// Compares two prepared reports; `candidates` are the phrases to compare.
pub fn diff_prepared(
    a: &Prepared,
    b: &Prepared,
    candidates: &BTreeMap<String, PhraseKind>,
    opts: &DiffOptions,
) -> DiffReport {
    diff_aligned(a, b, candidates, opts).0
}

/// Compares two prepared reports; `candidates` are the phrases to compare.
/// Also returns the section pairs, so a caller that needs them (`series`)
/// does not align the reports again.
pub fn diff_aligned(
    a: &Prepared,
    b: &Prepared,
    candidates: &BTreeMap<String, PhraseKind>,
    opts: &DiffOptions,
) -> (DiffReport, Vec<Pair>) {
    let (old, new) = (a.report, b.report);
    let (old_units, new_units) = (&a.units, &b.units);
    let (pairs, moved) = align_prepared(a, b);
    let entries = order_entries(&pairs, old_units.len(), new_units.len());
    let phrase_list: Vec<&str> = candidates.keys().map(String::as_str).collect();
    let automaton = aho_corasick::AhoCorasick::new(&phrase_list).ok();
    let mut sections: Vec<SectionDiff> = entries
        .par_iter()
        .map(|entry| match *entry {
            Entry::Pair(k) => {
                let p: Pair = pairs[k];
                let (a, b) = (&old_units[p.old], &new_units[p.new]);
                let d = diff_texts(
                    Tokenized {
                        text: &old.text()[a.bytes.clone()],
                        tokens: &a.tokens,
                    },
                    Tokenized {
                        text: &new.text()[b.bytes.clone()],
                        tokens: &b.tokens,
                    },
                );
                let mut hunks = d.hunks;
                quote_hunks(&mut hunks, Some((old, a)), Some((new, b)));
                let changed = hunks
                    .iter()
                    .any(|h| h.op != Op::Equal && !(opts.ignore_years && h.tag == Some(Tag::Year)));
                let status = if moved[k] {
                    Status::Moved
                } else if changed {
                    Status::Changed
                } else {
                    Status::Unchanged
                };
                SectionDiff {
                    status,
                    old: Some(a.reference.clone()),
                    new: Some(b.reference.clone()),
                    similarity: (p.similarity * 1000.0).round() / 1000.0,
                    hunks,
                    words_inserted: 0,
                    words_deleted: 0,
                    degraded: d.degraded,
                    rewritten: (p.similarity < REWRITTEN_BELOW).then(|| {
                        let (ot, nt) = (&old.text()[a.bytes.clone()], &new.text()[b.bytes.clone()]);
                        let (gained, lost) = automaton
                            .as_ref()
                            .map_or((Vec::new(), Vec::new()), |ac| gained_lost(ac, &phrase_list, ot, nt));
                        Rewritten {
                            old_chars: ot.chars().count(),
                            new_chars: nt.chars().count(),
                            gained,
                            lost,
                        }
                    }),
                }
            }
            Entry::Added(j) => one_sided(Status::Added, &new_units[j], new),
            Entry::Removed(i) => one_sided(Status::Removed, &old_units[i], old),
        })
        .collect();

    pair_moved_passages(&mut sections);
    let phrase_changes = compare_phrases(a, b, candidates, opts);
    mark_phrases(&mut sections, &phrase_changes);
    let summary = summarize(&mut sections, &phrase_changes, opts.ignore_years);
    let figure_changes = figures::pair(&a.figures, &b.figures);
    let report = DiffReport {
        schema_version: 1,
        text: "original",
        brief: brief::brief(&figure_changes, &phrase_changes, &sections),
        figures: figure_changes,
        old: old.meta.clone(),
        new: new.meta.clone(),
        degraded: sections.iter().any(|s| s.degraded),
        summary,
        sections,
        phrases: phrase_changes,
        ignore_years: opts.ignore_years,
    };
    (report, pairs)
}

fn one_sided(status: Status, u: &Unit, r: &Report) -> SectionDiff {
    let text = &r.text()[u.bytes.clone()];
    let t: TextDiff = if status == Status::Added {
        diff_texts(
            Tokenized { text: "", tokens: &[] },
            Tokenized {
                text,
                tokens: &u.tokens,
            },
        )
    } else {
        diff_texts(
            Tokenized {
                text,
                tokens: &u.tokens,
            },
            Tokenized { text: "", tokens: &[] },
        )
    };
    let mut hunks = t.hunks;
    if status == Status::Added {
        quote_hunks(&mut hunks, None, Some((r, u)));
    } else {
        quote_hunks(&mut hunks, Some((r, u)), None);
    }
    SectionDiff {
        status,
        old: (status == Status::Removed).then(|| u.reference.clone()),
        new: (status == Status::Added).then(|| u.reference.clone()),
        similarity: 0.0,
        hunks,
        words_inserted: 0,
        words_deleted: 0,
        degraded: false,
        rewritten: None,
    }
}

/// Phrases of `list` in `new` and not in `old`, and the other way round; longest
/// first, at most [`MAX_FOLD_PHRASES`] each.
fn gained_lost(ac: &aho_corasick::AhoCorasick, list: &[&str], old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let (o, n) = (phrases::present(ac, old), phrases::present(ac, new));
    let only = |x: &[usize], y: &[usize]| -> Vec<String> {
        let mut v: Vec<String> = x
            .iter()
            .filter(|k| y.binary_search(k).is_err())
            .map(|&k| list[k].to_string())
            .collect();
        v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        v.truncate(MAX_FOLD_PHRASES);
        v
    };
    (only(&n, &o), only(&o, &n))
}

enum Entry {
    Pair(usize),
    Added(usize),
    Removed(usize),
}

/// NEW order; each removed OLD section right after the entry of its nearest
/// preceding paired OLD section.
fn order_entries(pairs: &[Pair], old_len: usize, new_len: usize) -> Vec<Entry> {
    let pair_of_new: BTreeMap<usize, usize> = pairs.iter().enumerate().map(|(k, p)| (p.new, k)).collect();
    let paired_old: BTreeMap<usize, usize> = pairs.iter().enumerate().map(|(k, p)| (p.old, k)).collect();
    let mut removed_after: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for i in 0..old_len {
        if !paired_old.contains_key(&i) {
            let anchor = paired_old.range(..i).next_back().map(|(_, &k)| pairs[k].new);
            removed_after.entry(anchor).or_default().push(i);
        }
    }
    let mut out: Vec<Entry> = removed_after
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .map(Entry::Removed)
        .collect();
    for j in 0..new_len {
        match pair_of_new.get(&j) {
            Some(&k) => out.push(Entry::Pair(k)),
            None => out.push(Entry::Added(j)),
        }
        if let Some(rs) = removed_after.remove(&Some(j)) {
            out.extend(rs.into_iter().map(Entry::Removed));
        }
    }
    out
}

fn compare_phrases(
    a: &Prepared,
    b: &Prepared,
    candidates: &BTreeMap<String, PhraseKind>,
    opts: &DiffOptions,
) -> Vec<PhraseChange> {
    let set = phrases::PhraseSet::new(candidates);
    let list = set.texts();
    let counting = |p: &Prepared| phrases::counting_text(p.report.text());
    let (old_counting, new_counting) = rayon::join(|| counting(a), || counting(b));
    let (old_counts, new_counts) =
        rayon::join(|| a.counts_in(&set, &old_counting), || b.counts_in(&set, &new_counting));
    let quoted: std::collections::BTreeSet<String> = phrases::candidates::quoted_terms(a.report.text())
        .into_keys()
        .chain(phrases::candidates::quoted_terms(b.report.text()).into_keys())
        .collect();
    // For contexts: which units hold each phrase, from one automaton pass per unit.
    let automaton = aho_corasick::AhoCorasick::new(list).ok();
    let holders = |p: &Prepared, counting: &str| -> Vec<Vec<usize>> {
        let mut by_phrase = vec![Vec::new(); list.len()];
        if let Some(ac) = &automaton {
            for (u, range) in p.unit_counting.iter().enumerate() {
                let mut hits: Vec<usize> = ac
                    .find_overlapping_iter(&counting[range.clone()])
                    .map(|m| m.pattern().as_usize())
                    .collect();
                hits.sort_unstable();
                hits.dedup();
                for k in hits {
                    by_phrase[k].push(u);
                }
            }
        }
        by_phrase
    };
    let (old_holders, new_holders) = (holders(a, &old_counting), holders(b, &new_counting));
    drop((old_counting, new_counting));
    let sizes = [a.chars, b.chars];
    let mut out: Vec<(scoring::SortKey, PhraseChange)> = candidates
        .iter()
        .enumerate()
        .filter(|&(k, (_, &kind))| old_counts[k] + new_counts[k] > 0 || kind == PhraseKind::Watch)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(k, (text, &kind))| {
            let (old_count, new_count) = (old_counts[k], new_counts[k]);
            let mut contexts = Vec::new();
            for (side, p, holders) in [("old", a, &old_holders), ("new", b, &new_holders)] {
                let r = p.report;
                let mut left = opts.contexts;
                for u in holders[k].iter().map(|&i| &p.units[i]) {
                    if left == 0 {
                        break;
                    }
                    let own = &r.text()[u.bytes.clone()];
                    for (_, sentence) in phrases::sentences_with(own, text, left) {
                        contexts.push(Context {
                            report: side.to_string(),
                            section: u.reference.path.clone(),
                            text: quote_in(r, own, u.first_char, &sentence),
                        });
                        left -= 1;
                    }
                }
            }
            let counts = [old_count, new_count];
            let per_10k = [
                scoring::per_10k(old_count, a.chars),
                scoring::per_10k(new_count, b.chars),
            ];
            let lexicon = phrases::lexicon::contains(text);
            let score = scoring::score(
                scoring::keyness(&counts, &sizes),
                per_10k[0].max(per_10k[1]),
                quoted.contains(text),
                lexicon,
            );
            let change = PhraseChange {
                text: text.clone(),
                status: PairStatus::of(old_count, new_count),
                old_count,
                new_count,
                kind,
                contexts,
                score,
                per_10k,
                lexicon,
            };
            (scoring::SortKey::of(score, &counts), change)
        })
        .collect();
    out.sort_by(|(ka, a), (kb, b)| {
        ka.cmp(kb, opts.phrases.sort)
            .then(a.status.cmp(&b.status))
            .then(a.text.cmp(&b.text))
    });
    out.into_iter().map(|(_, p)| p).collect()
}

/// A deleted and an inserted passage this similar (Dice of char bigrams) are one
/// passage moved between sections.
const MIN_MOVED_SIMILARITY: f64 = 0.6;
/// Passages are looked for this many section entries away (neighbouring sections).
const MOVE_WINDOW: usize = 6;
/// Passages shorter than this are too generic to call moved; longer ones are
/// rewritten blocks, not sentences.
const MOVED_CHARS: std::ops::RangeInclusive<usize> = 12..=600;

/// A deleted or inserted passage: section index, hunk index, sorted char bigrams.
type Passage = (usize, usize, Vec<(char, char)>);

/// Pairs a passage deleted in one section with a nearly identical passage
/// inserted in a neighbouring one: both are tagged `moved`, point at each
/// other's section, and carry the word edits between the two wordings (a number
/// changed on the way is tagged). Work is bounded by the window and the lengths.
fn pair_moved_passages(sections: &mut [SectionDiff]) {
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    };
    let pick = |op: Op| -> Vec<Passage> {
        let mut out = Vec::new();
        for (si, s) in sections.iter().enumerate() {
            for (hi, h) in s.hunks.iter().enumerate() {
                let text = if op == Op::Delete { &h.old } else { &h.new };
                if h.op == op && h.tag.is_none() && MOVED_CHARS.contains(&text.chars().count()) {
                    out.push((si, hi, grams(text)));
                }
            }
        }
        out
    };
    let (deleted, inserted) = (pick(Op::Delete), pick(Op::Insert));
    let mut taken = vec![false; inserted.len()];
    let mut found: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for (si, hi, g) in &deleted {
        let best = inserted
            .iter()
            .enumerate()
            .filter(|(k, (sj, _, _))| !taken[*k] && sj != si && sj.abs_diff(*si) <= MOVE_WINDOW)
            .map(|(k, (_, _, h))| (crate::compare::align::sorted_dice(g, h), k))
            .filter(|&(d, _)| d >= MIN_MOVED_SIMILARITY)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, k)) = best {
            taken[k] = true;
            found.push(((*si, *hi), (inserted[k].0, inserted[k].1)));
        }
    }
    let place = |s: &SectionDiff, old_side: bool| {
        let r = if old_side { s.old.as_ref() } else { s.new.as_ref() };
        r.map_or((String::new(), String::new()), |r| (r.id.clone(), r.path.clone()))
    };
    for ((si, hi), (sj, hj)) in found {
        let edits = sentence_edits(&sections[si].hunks[hi].old, &sections[sj].hunks[hj].new);
        let (to_id, to_path) = place(&sections[sj], false);
        let (from_id, from_path) = place(&sections[si], true);
        let d = &mut sections[si].hunks[hi];
        d.tag = Some(Tag::Moved);
        d.moved = Some(Box::new(Move {
            id: to_id,
            section: to_path,
            edits: edits.clone(),
        }));
        let i = &mut sections[sj].hunks[hj];
        i.tag = Some(Tag::Moved);
        i.moved = Some(Box::new(Move {
            id: from_id,
            section: from_path,
            edits,
        }));
    }
}

/// Lists in each changed hunk the new/dropped/watched phrases its changed text holds.
fn mark_phrases(sections: &mut [SectionDiff], changes: &[PhraseChange]) {
    let notable: Vec<&PhraseChange> = changes
        .iter()
        .filter(|p| matches!(p.status, PairStatus::New | PairStatus::Dropped) || p.kind == PhraseKind::Watch)
        .collect();
    if notable.is_empty() {
        return;
    }
    let Ok(automaton) = aho_corasick::AhoCorasick::new(notable.iter().map(|p| p.text.as_str())) else {
        return;
    };
    sections.par_iter_mut().for_each(|s| {
        for h in s.hunks.iter_mut().filter(|h| h.op != Op::Equal) {
            let mut hits = phrases::present(&automaton, &h.old);
            hits.extend(phrases::present(&automaton, &h.new));
            hits.sort_unstable();
            hits.dedup();
            let mut found: Vec<String> = hits.into_iter().map(|k| notable[k].text.clone()).collect();
            found.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            h.phrases = found;
        }
    });
}

fn summarize(sections: &mut [SectionDiff], phrases: &[PhraseChange], ignore_years: bool) -> Summary {
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
    for p in phrases {
        match p.status {
            PairStatus::New => s.phrases_new += 1,
            PairStatus::Dropped => s.phrases_dropped += 1,
            PairStatus::Recurring => s.phrases_recurring += 1,
            PairStatus::Absent => {}
        }
    }
    s
}
