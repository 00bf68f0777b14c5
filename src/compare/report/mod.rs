//! The `diff` command's result: two reports aligned section by section, each
//! pair diffed word by word, and the policy phrases compared. Every renderer
//! reads this value; none recomputes it.

pub mod brief;
pub mod images;
mod moved;
mod phrase_changes;
mod prepare;
mod row_figures;
mod section_diffs;
mod summary;
pub mod table_rows;

pub use prepare::{figures_of_report, Cut, Prepared};
pub use section_diffs::{
    count_phrases, cut_pair, diff_aligned, diff_drafted, diff_prepared, diff_reports, discover, section_summary,
};

use crate::compare::diff::Hunk;
use crate::compare::figures::FigureChange;
use crate::compare::phrases::{Context, PairStatus, PhraseKind, PhraseOptions};
use crate::compare::report::brief::Brief;
use crate::read::meta::ReportMeta;
use serde::Serialize;

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
    /// new, dropped, recurring (absent: watched, in neither): whether the
    /// phrase's text occurs in each report, whatever the counts.
    pub status: PairStatus,
    /// Where the phrase's text stands in a report only inside longer forms (so
    /// it counts 0 there): those forms, most frequent first (`五乐` → `五乐计划`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
    /// Occurrences in OLD.
    pub old_count: usize,
    /// Occurrences in NEW.
    pub new_count: usize,
    /// Where the candidate came from.
    pub kind: PhraseKind,
    /// Sentences around occurrences, with their sections.
    pub contexts: Vec<Context>,
    /// Importance (see [`scoring::score`](crate::compare::phrases::scoring::score)); the default order.
    pub score: f64,
    /// Occurrences per 10,000 characters in OLD and NEW.
    pub per_10k: [f64; 2],
    /// In the built-in lexicon of formulations.
    pub lexicon: bool,
    /// Share of the shipped background reports (national and city work
    /// reports) whose text holds the phrase: high for stock phrasing.
    pub background_share: f64,
    /// How new the phrase is against the background: `1 - background_share`.
    pub novelty: f64,
    /// A `new` phrase of a diff of two national work reports that an earlier
    /// national report of the background holds: the latest such year (the
    /// background's national reports: 1954–2013 with gaps).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<i32>,
    /// `last_seen` is set: an old formulation back, not a new one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub revived: bool,
}

impl PhraseChange {
    /// The phrase as listed: `五乐 → 五乐计划` where it stands in a report
    /// only inside longer forms.
    pub fn label(&self) -> String {
        if self.within.is_empty() {
            self.text.clone()
        } else {
            format!("{} → {}", self.text, self.within.join("、"))
        }
    }
}

/// The result of `reportdiff diff`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    /// 2 since statuses are statements about the texts (1: taken from the counts).
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
    /// Key figures (the main-targets passage and the headline indicators:
    /// targets and results) paired by indicator, kind and horizon, unchanged ones included.
    pub figures: Vec<FigureChange>,
    /// The other figures, paired the same way.
    pub all_figures: Vec<FigureChange>,
    /// What the first screen shows: changed figures, ranked formulations, the
    /// sections that changed most.
    pub brief: Brief,
    /// Some part was diffed at a coarser unit than words.
    pub degraded: bool,
    /// The image links of each side (pictures, often tables): not compared.
    pub images: images::Images,
    /// Rows of the tables both reports hold that changed, or that one side lacks.
    pub table_rows: Vec<table_rows::RowChange>,
    /// Year shifts are not counted as changes.
    #[serde(skip)]
    pub ignore_years: bool,
}
