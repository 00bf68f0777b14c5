//! The `reuse` command's result: the engine's passages with paths, years,
//! file offsets and the reports' own text, jurisdiction-pair scores, carried
//! text and foreign place names.

use super::{find_reuse, places, DocLevel, ForeignPlace, Passage, ReuseDoc, ReuseOptions, Source, Span};
use crate::read::document::Report;
use serde::Serialize;
use std::collections::BTreeMap;

/// Version of the `reuse` JSON contract (docs/json-schema.md).
pub const REUSE_SCHEMA_VERSION: u32 = 1;

/// One report given to `reuse`, with the file text it was read from.
pub struct ReuseInput {
    /// The file.
    pub path: String,
    /// The decoded file (offsets in the output are char offsets into it).
    pub file_text: String,
    /// The report read from it.
    pub report: Report,
    /// Its jurisdiction (detected, or the folder when grouping by folder).
    pub jurisdiction: String,
    /// National, provincial or local (decides common sources).
    pub level: DocLevel,
}

/// A file that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReuseProblem {
    /// The file.
    pub path: String,
    /// What is wrong and what was done about it.
    pub message: String,
}

/// Where a passage stands in one report.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    /// The file.
    pub path: String,
    /// Its jurisdiction.
    pub jurisdiction: String,
    /// The report's year.
    pub year: Option<i32>,
    /// Delivery day `YYYY-MM-DD`, when the report gives it.
    pub delivered: Option<String>,
    /// First char of the passage in the file as read (char offset).
    pub char_start: usize,
    /// One past its last char.
    pub char_end: usize,
    /// The passage as the file writes it.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] chars of the file before the passage.
    pub before: String,
    /// Up to [`CONTEXT_CHARS`] chars after it.
    pub after: String,
}

/// Chars of context kept on each side of an occurrence.
pub const CONTEXT_CHARS: usize = 40;

/// One shared passage.
#[derive(Debug, Clone, Serialize)]
pub struct SharedPassage {
    /// Length in compared chars (letters, digits, ideographs; the shortest occurrence).
    pub chars: usize,
    /// Distinct jurisdictions sharing it.
    pub jurisdictions: usize,
    /// How many jurisdictions of all the inputs use its text (2 = rare, high = boilerplate).
    pub weight: usize,
    /// Share of compared chars the same in every aligned pair (1 = verbatim).
    pub identity: f64,
    /// The common source among the inputs that explains it (`国务院`, a
    /// province), or null.
    pub source: Option<String>,
    /// `from->to[,to…]` by delivery date (earliest at least a week before every
    /// other), or null when the dates do not tell or a source explains it.
    pub direction: Option<String>,
    /// Every place it stands.
    pub occurrences: Vec<Occurrence>,
}

/// Two jurisdictions and what they share.
#[derive(Debug, Clone, Serialize)]
pub struct ReusePair {
    /// First jurisdiction (by name order).
    pub a: String,
    /// Second jurisdiction.
    pub b: String,
    /// They lie in the same province.
    pub same_province: bool,
    /// Passages they share.
    pub passages: usize,
    /// Compared chars of those passages.
    pub chars: usize,
    /// Ranking score: chars of each passage divided by its weight (rare text counts most).
    pub score: f64,
    /// Passages explained by a common source among the inputs (national or
    /// provincial report).
    pub explained_by_source: usize,
    /// Passages that also stand in a third jurisdiction of their province: a
    /// sign of a common provincial text even when that text is not among the inputs.
    pub also_in_province: usize,
    /// Whether the province's own report was among the inputs (so the
    /// common-source rule could explain their shared text).
    pub province_report_given: bool,
    /// What explains the shared text: `common_source` (most passages are in the
    /// national or provincial report among the inputs), `province_text`
    /// (most also stand in a third city of the province; the province's report
    /// was not given, so this is likely, not shown), `province_cities` (ditto,
    /// and the province's report was given but lacks them), or `unexplained`.
    pub verdict: &'static str,
}

/// Text a jurisdiction carried from its own earlier report.
#[derive(Debug, Clone, Serialize)]
pub struct CarriedText {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// Length in compared chars.
    pub chars: usize,
    /// The earlier report's occurrence.
    pub earlier: Occurrence,
    /// The later report's occurrence.
    pub later: Occurrence,
}

/// A place of another prefecture named in a report.
#[derive(Debug, Clone, Serialize)]
pub struct ForeignName {
    /// The file.
    pub path: String,
    /// The report's jurisdiction.
    pub jurisdiction: String,
    /// The report's year.
    pub year: Option<i32>,
    /// The place named.
    pub name: String,
    /// Where that place belongs.
    pub belongs_to: String,
    /// It lies in the report's own province.
    pub same_province: bool,
    /// The sentence, as the file writes it.
    pub sentence: String,
    /// Char offset of the name in the file.
    pub char_start: usize,
}

/// Parameters echoed in the output.
#[derive(Debug, Clone, Serialize)]
pub struct ReuseParameters {
    /// Shortest passage, in compared chars.
    pub min_chars: usize,
    /// Chars per hashed window.
    pub shingle: usize,
    /// One window in this many indexed.
    pub sample: u64,
    /// Windows in more jurisdictions than this seed nothing.
    pub max_jurisdictions: usize,
    /// Least share of the same chars.
    pub min_identity: f64,
}

/// The `reuse` result every renderer reads.
#[derive(Debug, Clone, Serialize)]
pub struct ReuseResult {
    /// Contract version.
    pub schema_version: u32,
    /// The parameters used.
    pub parameters: ReuseParameters,
    /// Reports compared.
    pub reports: usize,
    /// Distinct jurisdictions among them.
    pub jurisdictions: usize,
    /// Shared passages, rarest first.
    pub passages: Vec<SharedPassage>,
    /// Jurisdiction pairs, highest score first.
    pub pairs: Vec<ReusePair>,
    /// Text carried over within a jurisdiction, longest first.
    pub carried: Vec<CarriedText>,
    /// Places of other prefectures named outside any linking sentence.
    pub foreign_places: Vec<ForeignName>,
    /// Files not used, and why.
    pub problems: Vec<ReuseProblem>,
}

/// Runs the engine over `inputs` and assembles the result.
pub fn build_reuse(inputs: &[ReuseInput], opts: &ReuseOptions, problems: Vec<ReuseProblem>) -> ReuseResult {
    let provinces: Vec<Option<String>> = inputs.iter().map(|i| places::province_of(&i.jurisdiction)).collect();
    let days: Vec<Option<(i32, u32, u32)>> = inputs
        .iter()
        .map(|i| crate::read::meta::delivered_on(i.report.meta.title.as_deref(), i.report.text()))
        .collect();
    let docs: Vec<ReuseDoc> = inputs
        .iter()
        .enumerate()
        .map(|(k, i)| ReuseDoc {
            jurisdiction: &i.jurisdiction,
            province: provinces[k].as_deref(),
            level: i.level,
            year: i.report.meta.year,
            delivered: days[k].map(|(y, m, d)| super::day_number(y, m, d)),
            text: i.report.text(),
        })
        .collect();
    let found = find_reuse(&docs, opts);
    let occurrence = |s: &Span| occurrence_of(&inputs[s.doc], &days[s.doc], s);
    let passages: Vec<SharedPassage> = found
        .passages
        .iter()
        .map(|p| SharedPassage {
            chars: p.chars,
            jurisdictions: p.jurisdictions,
            weight: p.weight,
            identity: (p.identity * 1000.0).round() / 1000.0,
            source: p.source.as_ref().map(|s| match s {
                Source::National { doc } | Source::Province { doc } => inputs[*doc].jurisdiction.clone(),
            }),
            direction: p.direction.as_ref().map(|(from, to)| {
                let to: Vec<&str> = to.iter().map(|&d| inputs[d].jurisdiction.as_str()).collect();
                format!("{}->{}", inputs[*from].jurisdiction, to.join(","))
            }),
            occurrences: p.occurrences.iter().map(occurrence).collect(),
        })
        .collect();
    let pairs = pairs_of(&found.passages, &docs);
    let carried = found
        .carried
        .iter()
        .map(|c| CarriedText {
            jurisdiction: inputs[c.earlier.doc].jurisdiction.clone(),
            chars: c.chars,
            earlier: occurrence(&c.earlier),
            later: occurrence(&c.later),
        })
        .collect();
    let foreign_places = inputs
        .iter()
        .enumerate()
        .flat_map(|(k, i)| places::foreign_places(k, &i.jurisdiction, i.report.text()))
        .map(|f| foreign_name(&inputs[f.doc], &f))
        .collect();
    let mut names: Vec<&str> = inputs.iter().map(|i| i.jurisdiction.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    ReuseResult {
        schema_version: REUSE_SCHEMA_VERSION,
        parameters: ReuseParameters {
            min_chars: opts.min_chars,
            shingle: opts.shingle,
            sample: opts.sample,
            max_jurisdictions: opts.max_jurisdictions,
            min_identity: opts.min_identity,
        },
        reports: inputs.len(),
        jurisdictions: names.len(),
        passages,
        pairs,
        carried,
        foreign_places,
        problems,
    }
}

/// `[from, to)` normalized chars of a report as char offsets into its file.
fn file_span(report: &Report, from: usize, to: usize) -> (usize, usize) {
    let start = report.file_offset(from);
    let end = if to == 0 { start } else { report.file_offset(to - 1) + 1 };
    (start, end.max(start))
}

/// Chars `[from, to)` of a text.
fn chars_between(text: &str, from: usize, to: usize) -> &str {
    let mut idx = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let start = idx.nth(from).unwrap_or(text.len());
    let end = if to > from {
        idx.nth(to - from - 1).unwrap_or(text.len())
    } else {
        start
    };
    &text[start..end]
}

fn occurrence_of(input: &ReuseInput, day: &Option<(i32, u32, u32)>, s: &Span) -> Occurrence {
    let (char_start, char_end) = file_span(&input.report, s.start, s.end);
    let text = &input.file_text;
    let context = |from: usize, to: usize| chars_between(text, from, to).replace(['\n', '\r'], " ");
    Occurrence {
        path: input.path.clone(),
        jurisdiction: input.jurisdiction.clone(),
        year: input.report.meta.year,
        delivered: day.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        char_start,
        char_end,
        text: chars_between(text, char_start, char_end).to_string(),
        before: context(char_start.saturating_sub(CONTEXT_CHARS), char_start),
        after: context(char_end, char_end + CONTEXT_CHARS),
    }
}

fn foreign_name(input: &ReuseInput, f: &ForeignPlace) -> ForeignName {
    let (s, e) = file_span(&input.report, f.sentence_start, f.sentence_end);
    ForeignName {
        path: input.path.clone(),
        jurisdiction: input.jurisdiction.clone(),
        year: input.report.meta.year,
        name: f.name.clone(),
        belongs_to: f.belongs_to.clone(),
        same_province: f.same_province,
        sentence: chars_between(&input.file_text, s, e).to_string(),
        char_start: input.report.file_offset(f.start),
    }
}

/// Scores every pair of local jurisdictions that share a passage.
fn pairs_of(passages: &[Passage], docs: &[ReuseDoc]) -> Vec<ReusePair> {
    let province_given: std::collections::BTreeSet<&str> = docs
        .iter()
        .filter(|d| d.level == DocLevel::Province)
        .map(|d| d.jurisdiction)
        .collect();
    let mut pairs: BTreeMap<(&str, &str), ReusePair> = BTreeMap::new();
    for p in passages {
        let mut js: Vec<(&str, Option<&str>)> = p
            .occurrences
            .iter()
            .filter(|o| docs[o.doc].level == DocLevel::Local)
            .map(|o| (docs[o.doc].jurisdiction, docs[o.doc].province))
            .collect();
        js.sort_unstable();
        js.dedup();
        for (i, &(a, pa)) in js.iter().enumerate() {
            for &(b, pb) in &js[i + 1..] {
                let same_province = pa.is_some() && pa == pb;
                let third = same_province && js.iter().any(|&(c, pc)| c != a && c != b && pc == pa);
                let e = pairs.entry((a, b)).or_insert_with(|| ReusePair {
                    a: a.to_string(),
                    b: b.to_string(),
                    same_province,
                    passages: 0,
                    chars: 0,
                    score: 0.0,
                    explained_by_source: 0,
                    also_in_province: 0,
                    province_report_given: same_province && pa.is_some_and(|x| province_given.contains(x)),
                    verdict: "",
                });
                e.passages += 1;
                e.chars += p.chars;
                e.score += p.chars as f64 / p.weight.max(1) as f64;
                e.explained_by_source += usize::from(p.source.is_some());
                e.also_in_province += usize::from(third);
            }
        }
    }
    let mut out: Vec<ReusePair> = pairs.into_values().collect();
    for p in &mut out {
        p.score = (p.score * 10.0).round() / 10.0;
        p.verdict = verdict(p);
    }
    out.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    out
}

/// What a reporter may say of a pair.
fn verdict(p: &ReusePair) -> &'static str {
    if p.explained_by_source * 2 > p.passages {
        "common_source"
    } else if p.same_province && p.also_in_province * 2 > p.passages {
        if p.province_report_given {
            "province_cities"
        } else {
            "province_text"
        }
    } else {
        "unexplained"
    }
}
