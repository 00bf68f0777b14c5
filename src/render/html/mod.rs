//! Self-contained HTML pages: askama templates in `templates/` fed with view
//! values built from a command's result. Every report string goes through the
//! templates' HTML escaping ([`HtmlText`]); the page loads nothing (the CSP forbids
//! it) and needs no script: the side-by-side/inline switch is CSS on a radio
//! button.
//!
//! The view values are layout only (sentences, anchors, labels, look-ups of
//! what the report already says); nothing here diffs or counts.

use super::layout::section_title;
use super::layout::{phrase_pieces, sentences, visible, Sentence, SpanKind};
use super::thousands;
use crate::compare::diff::Tag;
use crate::compare::phrases::report::PhrasesReport;
use crate::compare::phrases::{PairStatus, PhraseKind};
use crate::compare::report::{DiffReport, SectionDiff, SectionRef, Status, Summary};
use crate::compare::series::{SeriesReport, SeriesStatus};
use crate::read::meta::ReportMeta;
use crate::read::outline::Role;
use crate::text::{is_cjk, is_cjk_numeral};
use askama::Template;
use std::collections::{BTreeMap, BTreeSet};

/// The templates' escaper (see `askama.toml`): askama's HTML escaping of the
/// text after [`escape_rendered`](crate::text::escape_rendered), so a bidi
/// override (U+202E) or control character in a report or a file name shows as
/// `\u{202e}` instead of reordering the page; line breaks stay.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlText;

impl askama::filters::Escaper for HtmlText {
    fn write_escaped_str<W: std::fmt::Write>(&self, dest: W, string: &str) -> std::fmt::Result {
        askama::filters::Html.write_escaped_str(dest, &crate::text::escape_rendered(string, false))
    }
}

/// The page's Content-Security-Policy: inline styles only, every load and
/// every script forbidden.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; \
connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; \
manifest-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

/// The `diff` page.
pub fn diff(report: &DiffReport, context: usize, brief_only: bool, all_figures: bool) -> String {
    diff_page(report, context, brief_only, None, all_figures)
}

/// The `diff` page, with a link `up` to the page it belongs to (a series).
fn diff_page(report: &DiffReport, context: usize, brief_only: bool, up: Option<Link>, all_figures: bool) -> String {
    let mut page = DiffPage::new(report, context, up);
    page.brief_only = brief_only;
    if all_figures {
        page.all_figures = crate::render::figure_list::rows(report);
    }
    // Rendering into a String only fails if a Display impl fails; ours do not.
    page.render()
        .unwrap_or_else(|e| format!("<!-- render error: {e} -->\n"))
}

mod phrases;
mod series;
mod story;
mod targets;

pub use phrases::phrases;
pub use series::{series, series_linked, series_pages};
pub use targets::targets;

/// A piece of sentence text, linked to the phrase table when it is a phrase.
#[derive(Clone)]
struct Part {
    text: String,
    /// `ph-N` of the phrase table row, for notable phrases in changed text.
    phrase: Option<String>,
}

/// A run of text: plain, `<del>` or `<ins>`.
#[derive(Clone)]
struct Frag {
    /// `""`, `"del"` or `"ins"`.
    tag: &'static str,
    /// CSS class for tagged changes: `num`, `yr`, `mv` or `""`.
    class: &'static str,
    parts: Vec<Part>,
}

/// One display sentence in both layouts.
struct Row {
    /// Anchor (`new-s5-3`) on changed sentences, else empty.
    id: String,
    changed: bool,
    /// OLD column: equal and deleted text.
    old: Vec<Frag>,
    /// NEW column: equal and inserted text.
    new: Vec<Frag>,
    /// Inline: everything in order.
    inline: Vec<Frag>,
}

/// Rows of a paired section: shown rows and collapsed runs of context.
enum Block {
    Row(Row),
    Gap(Vec<Row>),
}

/// A link with its text.
struct Link {
    href: String,
    text: String,
}

/// Occurrences of a phrase in one section: the first linked by the section's
/// label, the others by their number.
struct OccurrenceGroup {
    first: Link,
    more: Vec<Link>,
}

/// One entry of `sections[]`.
struct Entry {
    anchor: String,
    status: &'static str,
    status_label: &'static str,
    /// `old → new` heading.
    title: String,
    /// The section's own label (NEW's, else OLD's), for navigation.
    label: String,
    /// CSS class for the outline level (`lv1`…`lv4`).
    level_class: String,
    /// Heading element level (3…6).
    heading_level: u32,
    old_path: Option<String>,
    new_path: Option<String>,
    /// Moved: link to the old position in the old outline.
    moved_from: Option<Link>,
    similarity: Option<String>,
    words_inserted: String,
    words_deleted: String,
    degraded: bool,
    /// A rewritten pair: its summary line; the text is then inside `<details>`.
    rewritten: Option<String>,
    /// Paired sections: side-by-side/inline rows.
    blocks: Vec<Block>,
    /// Added, removed and unchanged sections: one column of text.
    flow: Vec<Row>,
    sentence_count: usize,
}

/// One entry of the OLD report's outline, in OLD order.
struct OldItem {
    id: String,
    level_class: String,
    label: String,
    status: &'static str,
    status_label: &'static str,
    entry: String,
    now: Option<String>,
}

/// A keyword-in-context sentence.
struct ContextView {
    /// Which report: 旧/新 in a diff, the report's label elsewhere.
    side: String,
    section: Option<Link>,
    section_path: String,
    parts: Vec<(bool, String)>,
}

/// One row of a phrase table.
struct PhraseRow {
    id: String,
    text: String,
    old_count: usize,
    new_count: usize,
    kind: &'static str,
    occurrences: Vec<OccurrenceGroup>,
    contexts: Vec<ContextView>,
}

/// Phrases of one status.
struct PhraseGroup {
    id: &'static str,
    status: &'static str,
    label: &'static str,
    explain: &'static str,
    rows: Vec<PhraseRow>,
}

/// Metadata of one side, ready to show.
struct MetaView {
    label: String,
    title: String,
    year: String,
    jurisdiction: String,
    kind: &'static str,
}

/// A labelled count of the summary.
struct Count {
    label: &'static str,
    value: String,
    class: &'static str,
}

#[derive(Template)]
#[template(path = "diff.html", whitespace = "minimize")]
struct DiffPage {
    csp: &'static str,
    /// Link back to the series page this step belongs to.
    up: Option<Link>,
    old: MetaView,
    new: MetaView,
    section_counts: Vec<Count>,
    other_counts: Vec<Count>,
    year_shifts: usize,
    ignore_years: bool,
    degraded: bool,
    context: usize,
    entries: Vec<Entry>,
    old_outline: Vec<OldItem>,
    phrase_groups: Vec<PhraseGroup>,
    brief: BriefView,
    /// `--brief`: the header and the brief only.
    brief_only: bool,
    /// `--all-figures`: every figure, key set first.
    all_figures: Vec<crate::render::figure_list::FigureRow>,
    table_rows: Vec<(String, &'static str, String)>, // changed table rows: label, change, cells
}

/// One changed key figure in the brief.
struct FigureRow {
    indicator: String,
    kind: &'static str,
    old: String,
    new: String,
}

/// The brief at the top of the page.
struct BriefView {
    figures: Vec<FigureRow>,
    new_formulations: Vec<String>,
    dropped_formulations: Vec<String>,
    /// The first formulations of each list with their context: (phrase, snippet).
    new_contexts: Vec<(String, String)>,
    dropped_contexts: Vec<(String, String)>,
    /// Revived formulations (`十一五（2011）`), and what the year says.
    revived_formulations: Vec<String>,
    revived_note: Option<String>,
    sections: Vec<Link>,
    images: String, // the image links of each side, not compared ("" without any)
}

fn brief_view(report: &DiffReport, entries: &[Entry]) -> BriefView {
    let b = &report.brief;
    let listed = |v: &[&crate::compare::report::brief::Formulation]| -> Vec<String> {
        v.iter().map(|p| format!("{}（{}）", p.text, p.count)).collect()
    };
    let (new, revived) = b.new_and_revived();
    let dropped: Vec<&crate::compare::report::brief::Formulation> = b.dropped_formulations.iter().collect();
    BriefView {
        figures: b
            .figures
            .iter()
            .map(|f| {
                let value = |x: &Option<crate::compare::figures::FigureValue>, none: &str| {
                    x.as_ref().map_or_else(|| none.to_string(), |x| x.value.clone())
                };
                let (old, new) = (value(&f.old, "（未提）"), value(&f.new, "（未提）"));
                FigureRow {
                    indicator: f.indicator.clone(),
                    kind: story::figure_kind_label(f.kind),
                    old,
                    new,
                }
            })
            .collect(),
        images: story::images_line(report),
        new_formulations: listed(&new),
        dropped_formulations: listed(&dropped),
        new_contexts: story::brief_contexts(&new),
        dropped_contexts: story::brief_contexts(&dropped),
        revived_formulations: revived
            .iter()
            .flat_map(|p| p.last_seen.map(|y| format!("{}（{y}）", p.text)))
            .collect(),
        revived_note: crate::compare::report::brief::revived_note(true).filter(|_| !revived.is_empty()),
        sections: b
            .sections
            .iter()
            .filter_map(|c| {
                entries.get(c.index).map(|e| Link {
                    href: format!("#{}", e.anchor),
                    text: format!("{}（{}，{} 词）", e.title, e.status_label, thousands(c.words_changed)),
                })
            })
            .collect(),
    }
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Unchanged => "未变",
        Status::Changed => "修改",
        Status::Moved => "移动",
        Status::Added => "新增",
        Status::Removed => "删除",
    }
}

fn phrase_kind_label(k: PhraseKind) -> &'static str {
    match k {
        PhraseKind::Watch => "关注词",
        PhraseKind::Slogan => "数字口号",
        PhraseKind::NumberSet => "数字概括",
        PhraseKind::Quoted => "引号术语",
        PhraseKind::Title => "书名号",
        PhraseKind::Lexicon => "常见提法",
        PhraseKind::Discovered => "文中发现",
    }
}

fn meta_view(m: &ReportMeta) -> MetaView {
    MetaView {
        label: m.label(),
        title: m.display_title(),
        year: m.year.map_or_else(|| "—".to_string(), |y| y.to_string()),
        jurisdiction: m.jurisdiction.clone().unwrap_or_else(|| "—".to_string()),
        kind: m.kind.label(),
    }
}

/// A section label or path for a Chinese page: the untitled parts' placeholders
/// (`(preamble)`, `(closing)`) in Chinese. The JSON keeps the English ones,
/// which `check` rules name.
fn zh(label: &str) -> String {
    [(Role::Preamble, "（开篇）"), (Role::Closing, "（结束语）")]
        .iter()
        .fold(label.to_string(), |s, (role, zh)| match role.placeholder() {
            Some(en) if s.contains(en) => s.replace(en, zh),
            _ => s,
        })
}

/// `marker + heading`, or the path for untitled parts (preamble, closing).
fn short_label(r: &SectionRef) -> String {
    if r.marker.is_empty() && r.heading.is_empty() {
        zh(&r.path)
    } else {
        format!("{}{}", r.marker, r.heading)
    }
}

/// The `s<index>` of a section id, for listing a side in its own order.
fn ref_index(r: &SectionRef) -> usize {
    r.id.trim_start_matches('s').parse().unwrap_or(usize::MAX)
}

fn level_class(level: u32) -> String {
    format!("lv{}", level.clamp(1, 4))
}

/// Where phrases occur in the page, gathered while building the rows.
#[derive(Default)]
struct Occurrences {
    /// Phrase text → `ph-N`.
    anchors: BTreeMap<String, String>,
    /// Phrase text → links to the sentences showing it changed.
    links: BTreeMap<String, Vec<OccurrenceGroup>>,
}

impl Occurrences {
    /// Phrases link to `{prefix}-{index}`.
    fn new<'a>(phrases: impl Iterator<Item = &'a str>, prefix: &str) -> Occurrences {
        Occurrences {
            anchors: phrases
                .enumerate()
                .map(|(i, p)| (p.to_string(), format!("{prefix}-{i}")))
                .collect(),
            links: BTreeMap::new(),
        }
    }

    /// Notes that `phrase` shows in the sentence `row` of `section`.
    fn record(&mut self, phrase: &str, row: &str, section: &str) {
        let href = format!("#{row}");
        let groups = self.links.entry(phrase.to_string()).or_default();
        match groups.last_mut() {
            Some(g) if g.first.href == href || g.more.last().is_some_and(|l| l.href == href) => {}
            Some(g) if g.first.text == section => {
                let n = g.more.len() + 2;
                g.more.push(Link {
                    href,
                    text: n.to_string(),
                });
            }
            _ => groups.push(OccurrenceGroup {
                first: Link {
                    href,
                    text: section.to_string(),
                },
                more: Vec::new(),
            }),
        }
    }

    /// The parts of a span's text, recording each phrase hit at `row`.
    fn parts(&mut self, text: &str, phrases: &[String], row: &str, section: &str) -> Vec<Part> {
        phrase_pieces(text, phrases)
            .into_iter()
            .map(|(hit, piece)| {
                let phrase = if hit { self.anchors.get(piece).cloned() } else { None };
                if phrase.is_some() && !row.is_empty() {
                    self.record(piece, row, section);
                }
                Part {
                    text: piece.to_string(),
                    phrase,
                }
            })
            .collect()
    }
}

fn tag_class(tag: Option<Tag>) -> &'static str {
    match tag {
        Some(Tag::Number) => "num",
        Some(Tag::Year) => "yr",
        Some(Tag::Moved) => "mv",
        None => "",
    }
}

/// Both layouts of one sentence.
fn row(s: &Sentence, id: String, section: &str, occ: &mut Occurrences) -> Row {
    let mut r = Row {
        id: if s.changed { id } else { String::new() },
        changed: s.changed,
        old: Vec::new(),
        new: Vec::new(),
        inline: Vec::new(),
    };
    for sp in &s.spans {
        let (tag, class, phrases): (&'static str, &'static str, &[String]) = match sp.kind {
            SpanKind::Equal => ("", "", &[]),
            SpanKind::Deleted => ("del", tag_class(sp.tag), &sp.phrases),
            SpanKind::Inserted => ("ins", tag_class(sp.tag), &sp.phrases),
        };
        let f = Frag {
            tag,
            class,
            parts: occ.parts(&sp.text, phrases, &r.id, section),
        };
        match sp.kind {
            SpanKind::Equal => {
                r.old.push(f.clone());
                r.new.push(f.clone());
            }
            SpanKind::Deleted => r.old.push(f.clone()),
            SpanKind::Inserted => r.new.push(f.clone()),
        }
        r.inline.push(f);
    }
    r
}

fn entry(s: &SectionDiff, ignore_years: bool, context: usize, occ: &mut Occurrences) -> Entry {
    let main = s.new.as_ref().or(s.old.as_ref());
    let anchor = match (&s.new, &s.old) {
        (Some(n), _) => format!("new-{}", n.id),
        (None, Some(o)) => format!("old-{}", o.id),
        (None, None) => String::new(),
    };
    let level = main.map_or(1, |r| r.level);
    let label = main.map(short_label).unwrap_or_default();
    let sents = sentences(&s.hunks, ignore_years);
    let mut blocks = Vec::new();
    let mut flow = Vec::new();
    let row_id = |i: usize| format!("{anchor}-{i}");
    if s.old.is_some() && s.new.is_some() && s.status != Status::Unchanged {
        let shown: BTreeSet<usize> = visible(&sents, context).into_iter().flatten().collect();
        let mut gap: Vec<Row> = Vec::new();
        for (i, sentence) in sents.iter().enumerate() {
            let r = row(sentence, row_id(i), &label, occ);
            if shown.contains(&i) {
                if !gap.is_empty() {
                    blocks.push(Block::Gap(std::mem::take(&mut gap)));
                }
                blocks.push(Block::Row(r));
            } else {
                gap.push(r);
            }
        }
        if !gap.is_empty() {
            blocks.push(Block::Gap(gap));
        }
    } else {
        flow = sents
            .iter()
            .enumerate()
            .map(|(i, sentence)| row(sentence, row_id(i), &label, occ))
            .collect();
    }
    let paired = s.old.is_some() && s.new.is_some();
    Entry {
        status: s.status.as_str(),
        status_label: status_label(s.status),
        title: zh(&section_title(s)),
        label,
        level_class: level_class(level),
        heading_level: (level + 2).clamp(3, 6),
        old_path: s.old.as_ref().map(|r| zh(&r.path)),
        new_path: s.new.as_ref().map(|r| zh(&r.path)),
        moved_from: match (s.status, &s.old) {
            (Status::Moved, Some(o)) => Some(Link {
                href: format!("#was-{}", o.id),
                text: zh(&o.path),
            }),
            _ => None,
        },
        similarity: paired.then(|| format!("{:.2}", s.similarity)),
        words_inserted: thousands(s.words_inserted),
        words_deleted: thousands(s.words_deleted),
        degraded: s.degraded,
        rewritten: s.rewritten.as_ref().map(|rw| {
            let mut line = format!(
                "改写：{} → {} 字，相似度过低，不逐词对比",
                thousands(rw.old_chars),
                thousands(rw.new_chars)
            );
            if !rw.gained.is_empty() {
                line.push_str(&format!("；新增短语：{}", rw.gained.join("、")));
            }
            if !rw.lost.is_empty() {
                line.push_str(&format!("；删去短语：{}", rw.lost.join("、")));
            }
            line
        }),
        blocks,
        flow,
        sentence_count: sents.len(),
        anchor,
    }
}

fn old_outline(report: &DiffReport, entries: &[Entry]) -> Vec<OldItem> {
    let mut items: Vec<(usize, OldItem)> = report
        .sections
        .iter()
        .zip(entries)
        .filter_map(|(s, e)| {
            let o = s.old.as_ref()?;
            Some((
                ref_index(o),
                OldItem {
                    id: format!("was-{}", o.id),
                    level_class: level_class(o.level),
                    label: short_label(o),
                    status: e.status,
                    status_label: e.status_label,
                    entry: format!("#{}", e.anchor),
                    now: s.new.as_ref().map(short_label),
                },
            ))
        })
        .collect();
    items.sort_by_key(|(i, _)| *i);
    items.into_iter().map(|(_, item)| item).collect()
}

/// A keyword-in-context sentence cut around `phrase` (true = the phrase).
fn kwic_parts(sentence: &str, phrase: &str) -> Vec<(bool, String)> {
    phrase_pieces(sentence, &[phrase.to_string()])
        .into_iter()
        .map(|(hit, t)| (hit, t.to_string()))
        .collect()
}

fn phrase_groups(report: &DiffReport, entries: &[Entry], mut occ: Occurrences) -> Vec<PhraseGroup> {
    // Contexts name their section by side and path.
    let mut sections: BTreeMap<(&str, &str), Link> = BTreeMap::new();
    for (s, e) in report.sections.iter().zip(entries) {
        for (side, r) in [("old", &s.old), ("new", &s.new)] {
            if let Some(r) = r {
                sections.entry((side, r.path.as_str())).or_insert_with(|| Link {
                    href: format!("#{}", e.anchor),
                    text: short_label(r),
                });
            }
        }
    }
    let mut groups: Vec<PhraseGroup> = [
        (PairStatus::New, "new", "新出现", "只在新报告中出现"),
        (PairStatus::Dropped, "dropped", "不再出现", "只在旧报告中出现"),
        (PairStatus::Recurring, "recurring", "延续", "两份报告都有"),
        (
            PairStatus::Absent,
            "absent",
            "关注但未出现",
            "关注词表中的词，两份报告都没有",
        ),
    ]
    .into_iter()
    .map(|(status, name, label, explain)| PhraseGroup {
        id: name,
        status: name,
        label,
        explain,
        rows: report
            .phrases
            .iter()
            .enumerate()
            .filter(|(_, p)| p.status == status)
            .map(|(i, p)| PhraseRow {
                id: format!("ph-{i}"),
                text: match p.last_seen {
                    Some(y) => format!("{}（重现：{y}）", p.label()),
                    None => p.label(),
                },
                old_count: p.old_count,
                new_count: p.new_count,
                kind: phrase_kind_label(p.kind),
                occurrences: occ.links.remove(&p.text).unwrap_or_default(),
                contexts: p
                    .contexts
                    .iter()
                    .map(|c| ContextView {
                        side: if c.report == "old" { "旧" } else { "新" }.to_string(),
                        section: sections.get(&(c.report.as_str(), c.section.as_str())).map(|l| Link {
                            href: l.href.clone(),
                            text: l.text.clone(),
                        }),
                        section_path: zh(&c.section),
                        parts: kwic_parts(&c.text, &p.text),
                    })
                    .collect(),
            })
            .collect(),
    })
    .collect();
    groups.retain(|g| !g.rows.is_empty());
    groups
}

impl DiffPage {
    fn new(report: &DiffReport, context: usize, up: Option<Link>) -> DiffPage {
        let mut occ = Occurrences::new(report.phrases.iter().map(|p| p.text.as_str()), "ph");
        let entries: Vec<Entry> = report
            .sections
            .iter()
            .map(|s| entry(s, report.ignore_years, context, &mut occ))
            .collect();
        let s = &report.summary;
        let (section_counts, other_counts) = summary_counts(s);
        DiffPage {
            csp: CSP,
            up,
            old: meta_view(&report.old),
            new: meta_view(&report.new),
            section_counts,
            other_counts,
            year_shifts: s.year_shifts,
            ignore_years: report.ignore_years,
            degraded: report.degraded,
            context,
            old_outline: old_outline(report, &entries),
            phrase_groups: phrase_groups(report, &entries, occ),
            brief: brief_view(report, &entries),
            brief_only: false,
            all_figures: Vec::new(),
            table_rows: story::table_rows(report),
            entries,
        }
    }
}

/// Counts of a diff summary, as shown in headers and step blocks.
fn summary_counts(s: &Summary) -> (Vec<Count>, Vec<Count>) {
    let count = |label, n: usize, class| Count {
        label,
        value: thousands(n),
        class,
    };
    (
        vec![
            count("新增", s.sections_added, "added"),
            count("删除", s.sections_removed, "removed"),
            count("移动", s.sections_moved, "moved"),
            count("修改", s.sections_changed, "changed"),
            count("未变", s.sections_unchanged, "unchanged"),
        ],
        vec![
            count("增加词数", s.words_inserted, "added"),
            count("删除词数", s.words_deleted, "removed"),
            count("新出现短语", s.phrases_new, "added"),
            count("不再出现短语", s.phrases_dropped, "removed"),
            count("延续短语", s.phrases_recurring, "unchanged"),
        ],
    )
}
