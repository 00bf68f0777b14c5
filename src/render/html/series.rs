//! The `series` page: phrase timeline, section history and a summary of every
//! consecutive diff; with `--out-dir`, each consecutive diff on its own page.
//!
//! The page keeps to a budget (about 1 MB for forty reports): step diffs are
//! summed up (counts, phrases, changed sections) rather than quoted, and the
//! timeline cells carry no more markup than their count.

use super::*;

/// Phrase rows of the timeline at most: a page a reader can open and print
/// (forty reports yield some 1,700 phrases, a third of them in one report only;
/// 400 rows keep the page near 1 MB with its print copy).
/// Watched phrases always have a row; the others are chosen by the number of
/// reports they are in, then their total count. JSON has every phrase.
const TIMELINE_ROWS: usize = 400;

/// Timeline rows of a series page inside a `corpus` site: hundreds of pages
/// share the site's budget (≤ 60 MB for 279 jurisdictions), and the site has
/// its own page per phrase.
const SITE_TIMELINE_ROWS: usize = 150;

/// Years per block of the printed timeline: fits an A4 portrait page at 10 pt
/// with the phrase column repeated in each block.
const PRINT_YEARS: usize = 14;

/// New and dropped phrases listed per step on the page, in the diff's order
/// (importance first); discovery finds hundreds per step, which alone would
/// break the page budget. JSON keeps them all; the brief's formulations
/// open the page.
const STEP_PHRASES: usize = 20;

/// The `series` page in one file: timeline, section history and step summaries.
pub fn series(report: &SeriesReport) -> String {
    render_page(&SeriesPage::new(report, false, TIMELINE_ROWS))
}

/// The `series` page of a `corpus` site, with a link up to `up` (the site's
/// index) and a shorter timeline ([`SITE_TIMELINE_ROWS`]).
pub fn series_linked(report: &SeriesReport, up: Option<&str>) -> String {
    let mut page = SeriesPage::new(report, false, SITE_TIMELINE_ROWS);
    page.up = up.map(str::to_string);
    render_page(&page)
}

/// The `series` pages for `--out-dir`: `index.html` (the series page, each step
/// linked to its page) and `step-K.html`, the full diff page of step K, with
/// `context` sentences around each change. Returned as (file name, page).
pub fn series_pages(report: &SeriesReport, context: usize) -> Vec<(String, String)> {
    let page = SeriesPage::new(report, true, TIMELINE_ROWS);
    let up = Link {
        href: "index.html".to_string(),
        text: format!("{}：历年报告对比", page.heading),
    };
    let mut pages = vec![("index.html".to_string(), render_page(&page))];
    pages.extend(report.diffs.iter().enumerate().map(|(k, d)| {
        (
            step_file(k),
            diff_page(
                d,
                context,
                false,
                Some(Link {
                    href: up.href.clone(),
                    text: up.text.clone(),
                }),
                false,
            ),
        )
    }));
    pages
}

/// File name of step K's page.
fn step_file(k: usize) -> String {
    format!("step-{k}.html")
}

fn render_page(page: &SeriesPage) -> String {
    page.render()
        .unwrap_or_else(|e| format!("<!-- render error: {e} -->\n"))
}

fn series_status_label(s: SeriesStatus) -> &'static str {
    match s {
        SeriesStatus::New => "新出现",
        SeriesStatus::Recurring => "延续",
        SeriesStatus::Revived => "复现",
        SeriesStatus::Dropped => "不再出现",
        SeriesStatus::Absent => "未出现",
    }
}

/// One cell of the phrase timeline.
pub(super) struct TimelineCell {
    pub(super) count: usize,
    /// Shade: `c0` (absent) … `c4` (10 or more).
    pub(super) shade: &'static str,
    /// The step where the phrase appeared or disappeared in this year, if any.
    pub(super) step: Option<String>,
}

/// A cell of a timeline row as written: a year, or a run of `span` years in
/// which the phrase is absent and nothing links (one element instead of many:
/// most cells of a long series are empty).
struct Run {
    count: usize,
    shade: &'static str,
    step: Option<String>,
    span: usize,
}

/// `cells` with runs of plain empty years merged.
fn runs(cells: &[TimelineCell]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for c in cells {
        let plain = c.count == 0 && c.step.is_none();
        match out.last_mut() {
            Some(last) if plain && last.count == 0 && last.step.is_none() => last.span += 1,
            _ => out.push(Run {
                count: c.count,
                shade: c.shade,
                step: c.step.clone(),
                span: 1,
            }),
        }
    }
    out
}

/// Runs of empty years of a section history row: `None` = absent.
fn track_runs(cells: Vec<Option<TrackCell>>) -> Vec<(Option<TrackCell>, usize)> {
    let mut out: Vec<(Option<TrackCell>, usize)> = Vec::new();
    for c in cells {
        match (out.last_mut(), &c) {
            (Some((None, span)), None) => *span += 1,
            _ => out.push((c, 1)),
        }
    }
    out
}

/// One phrase of the timeline.
struct TimelineRow {
    id: String,
    text: String,
    status: &'static str,
    /// The status in words; a revived phrase says when it was last used before.
    status_label: String,
    kind: &'static str,
    span: String,
    total: usize,
    cells: Vec<TimelineCell>,
    runs: Vec<Run>,
    /// Positions in the other orders (CSS `order`).
    by_total: usize,
    by_last: usize,
}

/// One year of a followed section.
struct TrackCell {
    marker: String,
    heading: String,
}

/// A level-1/2 section followed across years.
struct TrackRow {
    level_class: String,
    latest: String,
    span: String,
    reports: usize,
    /// Years, empty runs merged: (cell, years spanned).
    cells: Vec<(Option<TrackCell>, usize)>,
    /// Distinct headings with the year they first took that form.
    renamed: Vec<(String, String)>,
}

/// A changed section of a consecutive diff, summed up in one line.
struct StepSection {
    status: &'static str,
    status_label: &'static str,
    title: String,
    words_inserted: String,
    words_deleted: String,
    /// The section on the step's own page (`--out-dir`), else empty.
    href: String,
}

/// A block of years of the printed timeline.
struct PrintBlock {
    years: Vec<String>,
    /// Per phrase: its text, the block's cells, and the total in the last block.
    rows: Vec<PrintRow>,
    last: bool,
}

/// One phrase in a print block.
struct PrintRow {
    text: String,
    runs: Vec<Run>,
    total: usize,
}

/// A word that became markedly more frequent.
struct EmergingView {
    text: String,
    count: usize,
    previous: usize,
    g2: String,
}

/// One consecutive diff.
struct StepView {
    id: String,
    /// The step's own page (`--out-dir`), else empty.
    href: String,
    old_year: String,
    new_year: String,
    old_title: String,
    new_title: String,
    section_counts: Vec<Count>,
    other_counts: Vec<Count>,
    sections: Vec<StepSection>,
    unchanged: usize,
    new_phrases: Vec<Link>,
    dropped_phrases: Vec<Link>,
    emerging_against: String,
    emerging: Vec<EmergingView>,
}

/// One report of the series.
pub(super) struct ReportRow {
    pub(super) year: String,
    pub(super) title: String,
    pub(super) kind: &'static str,
}

#[derive(Template)]
#[template(path = "series.html", whitespace = "minimize")]
struct SeriesPage {
    csp: &'static str,
    /// Link to the page listing this one (a `corpus` site's index).
    up: Option<String>,
    heading: String,
    reports: Vec<ReportRow>,
    years: Vec<String>,
    phrase_counts: Vec<Count>,
    timeline: Vec<TimelineRow>,
    /// Phrases of the series (the timeline may show fewer).
    phrase_total: usize,
    print_blocks: Vec<PrintBlock>,
    tracks: Vec<TrackRow>,
    steps: Vec<StepView>,
    /// Steps link to their own pages (`--out-dir`).
    linked: bool,
    /// Key figures by year, opening the page.
    figures: Option<story::FigureTable>,
    /// Formulations that came and went, newest step first.
    story: Vec<story::StoryStep>,
    /// One line per year given more than once: the copy used, those set aside.
    duplicates: Vec<String>,
}

/// Shade of a timeline cell.
pub(super) fn shade(count: usize) -> &'static str {
    match count {
        0 => "c0",
        1 => "c1",
        2..=4 => "c2",
        5..=9 => "c3",
        _ => "c4",
    }
}

/// Ranks of `keys` (0 = first), ties in timeline order.
fn ranks<K: Ord>(keys: Vec<K>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let mut rank = vec![0; keys.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// Indices of the phrases that get a timeline row, `rows` at most (see [`TIMELINE_ROWS`]).
fn shown_phrases(report: &SeriesReport, rows: usize) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..report.phrases.len()).collect();
    order.sort_by_key(|&i| {
        let p = &report.phrases[i];
        (
            p.kind != PhraseKind::Watch,
            std::cmp::Reverse(p.counts.iter().filter(|&&c| c > 0).count()),
            std::cmp::Reverse(p.counts.iter().sum::<usize>()),
            i,
        )
    });
    order.into_iter().take(rows).collect()
}

fn timeline(report: &SeriesReport, shown: &BTreeSet<usize>) -> Vec<TimelineRow> {
    let totals: Vec<usize> = report.phrases.iter().map(|p| p.counts.iter().sum()).collect();
    let by_total = ranks(totals.iter().map(|&t| std::cmp::Reverse(t)).collect());
    let by_last = ranks(
        report
            .phrases
            .iter()
            .map(|p| std::cmp::Reverse(p.counts.iter().rposition(|&c| c > 0)))
            .collect(),
    );
    report
        .phrases
        .iter()
        .enumerate()
        .filter(|(i, _)| shown.contains(i))
        .map(|(i, p)| {
            let cells: Vec<TimelineCell> = p
                .counts
                .iter()
                .enumerate()
                .map(|(y, &count)| TimelineCell {
                    count,
                    shade: shade(count),
                    // Appearing or disappearing in year y happened in step y-1 → y.
                    step: (y > 0 && (count > 0) != (p.counts[y - 1] > 0)).then(|| format!("#step-{}", y - 1)),
                })
                .collect();
            TimelineRow {
                id: format!("tl-{i}"),
                text: p.text.clone(),
                status: p.status.as_str(),
                status_label: match p.last_seen {
                    Some(y) => format!("{}（上次 {y}）", series_status_label(p.status)),
                    None => series_status_label(p.status).to_string(),
                },
                kind: phrase_kind_label(p.kind),
                span: match (p.first_year, p.last_year) {
                    (Some(a), Some(b)) if a == b => a.to_string(),
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    _ => "—".to_string(),
                },
                total: totals[i],
                runs: runs(&cells),
                cells,
                by_total: by_total[i],
                by_last: by_last[i],
            }
        })
        .collect()
}

/// The timeline again, cut into blocks of [`PRINT_YEARS`] years for print.
fn print_blocks(rows: &[TimelineRow], years: &[String]) -> Vec<PrintBlock> {
    let blocks = years.len().div_ceil(PRINT_YEARS);
    (0..blocks)
        .map(|b| {
            let range = b * PRINT_YEARS..((b + 1) * PRINT_YEARS).min(years.len());
            PrintBlock {
                years: years[range.clone()].to_vec(),
                rows: rows
                    .iter()
                    .map(|r| PrintRow {
                        text: r.text.clone(),
                        // No links on paper: only the counts.
                        runs: runs(
                            &r.cells[range.clone()]
                                .iter()
                                .map(|c| TimelineCell {
                                    count: c.count,
                                    shade: c.shade,
                                    step: None,
                                })
                                .collect::<Vec<_>>(),
                        ),
                        total: r.total,
                    })
                    .collect(),
                last: b + 1 == blocks,
            }
        })
        .collect()
}

fn tracks(report: &SeriesReport) -> Vec<TrackRow> {
    let years: Vec<Option<i32>> = report.reports.iter().map(|m| m.year).collect();
    report
        .sections
        .iter()
        .map(|t| {
            let mut renamed: Vec<(String, String)> = Vec::new();
            for (y, h) in &t.headings {
                if renamed.last().is_none_or(|(_, last)| last != h) {
                    renamed.push((crate::render::year_text(*y, "?"), h.clone()));
                }
            }
            // Headings are listed in report order; match them to the year columns.
            let mut rest = t.headings.iter().peekable();
            let cells = years
                .iter()
                .map(|y| {
                    let (_, h) = rest.next_if(|(hy, _)| hy == y)?;
                    // The marker (`三、`, `(二)`) shows where the section stood that year.
                    let marker: String = h
                        .chars()
                        .take_while(|&c| !is_cjk(c) || is_cjk_numeral(c))
                        .take(6)
                        .collect();
                    Some(TrackCell {
                        marker: if marker.is_empty() { "●".to_string() } else { marker },
                        // Shown on hover where the heading differs from the row's.
                        heading: if Some(h) == t.headings.last().map(|(_, l)| l) {
                            String::new()
                        } else {
                            h.clone()
                        },
                    })
                })
                .collect();
            TrackRow {
                level_class: level_class(t.level),
                latest: t.headings.last().map(|(_, h)| h.clone()).unwrap_or_default(),
                span: match (t.first_year, t.last_year) {
                    (a, b) if a == b => crate::render::year_text(a, "?"),
                    (a, b) => format!(
                        "{}–{}",
                        crate::render::year_text(a, "?"),
                        crate::render::year_text(b, "?")
                    ),
                },
                reports: t.headings.len(),
                cells: track_runs(cells),
                renamed: if renamed.len() > 1 { renamed } else { Vec::new() },
            }
        })
        .collect()
}

fn step_view(k: usize, d: &DiffReport, report: &SeriesReport, occ: &Occurrences, linked: bool) -> StepView {
    let (section_counts, other_counts) = summary_counts(&d.summary);
    let page = if linked { step_file(k) } else { String::new() };
    let sections = d
        .sections
        .iter()
        .filter(|s| s.status != Status::Unchanged)
        .map(|s| StepSection {
            status: s.status.as_str(),
            status_label: status_label(s.status),
            title: zh(&section_title(s)),
            words_inserted: thousands(s.words_inserted),
            words_deleted: thousands(s.words_deleted),
            href: match (linked, &s.new, &s.old) {
                (false, _, _) => String::new(),
                (true, Some(n), _) => format!("{page}#new-{}", n.id),
                (true, None, Some(o)) => format!("{page}#old-{}", o.id),
                (true, None, None) => page.clone(),
            },
        })
        .collect();
    let phrase_links = |status: PairStatus| -> Vec<Link> {
        let all: Vec<_> = d.phrases.iter().filter(|p| p.status == status).collect();
        let mut links: Vec<Link> = all
            .iter()
            .take(STEP_PHRASES)
            .map(|p| Link {
                href: occ.anchors.get(&p.text).map_or_else(String::new, |a| format!("#{a}")),
                text: p.text.clone(),
            })
            .collect();
        if all.len() > STEP_PHRASES {
            links.push(Link {
                href: String::new(),
                text: format!("……另有 {} 个", all.len() - STEP_PHRASES),
            });
        }
        links
    };
    let emerging = report.emerging.iter().find(|e| e.year == d.new.year);
    StepView {
        id: format!("step-{k}"),
        href: page,
        old_year: crate::render::year_text(d.old.year, "?"),
        new_year: crate::render::year_text(d.new.year, "?"),
        old_title: d.old.display_title(),
        new_title: d.new.display_title(),
        section_counts,
        other_counts,
        unchanged: d.summary.sections_unchanged,
        new_phrases: phrase_links(PairStatus::New),
        dropped_phrases: phrase_links(PairStatus::Dropped),
        emerging_against: emerging.map_or_else(String::new, |e| match (e.against, e.against_to) {
            (a, b) if a == b => crate::render::year_text(a, "?"),
            (a, b) => format!(
                "{}–{}",
                crate::render::year_text(a, "?"),
                crate::render::year_text(b, "?")
            ),
        }),
        emerging: emerging
            .map(|e| {
                e.terms
                    .iter()
                    .map(|t| EmergingView {
                        text: t.text.clone(),
                        count: t.count,
                        previous: t.previous_count,
                        g2: format!("{:.1}", t.g2),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        sections,
    }
}

impl SeriesPage {
    fn new(report: &SeriesReport, linked: bool, rows: usize) -> SeriesPage {
        let shown = shown_phrases(report, rows);
        let mut occ = Occurrences::new(report.phrases.iter().map(|p| p.text.as_str()), "tl");
        // Phrases without a row are named, not linked.
        let ids: BTreeSet<String> = shown.iter().map(|i| format!("tl-{i}")).collect();
        occ.anchors.retain(|_, a| ids.contains(a));
        let steps = report
            .diffs
            .iter()
            .enumerate()
            .map(|(k, d)| step_view(k, d, report, &occ, linked))
            .rev()
            .collect();
        let years: Vec<String> = report
            .reports
            .iter()
            .map(|m| crate::render::year_text(m.year, "?"))
            .collect();
        let timeline = timeline(report, &shown);
        let jurisdiction = report
            .reports
            .iter()
            .find_map(|m| m.jurisdiction.clone())
            .unwrap_or_default();
        let first = report
            .reports
            .first()
            .map(|m| crate::render::year_text(m.year, "?"))
            .unwrap_or_default();
        let last = report
            .reports
            .last()
            .map(|m| crate::render::year_text(m.year, "?"))
            .unwrap_or_default();
        let count = |label, status: SeriesStatus, class| Count {
            label,
            value: thousands(report.phrases.iter().filter(|p| p.status == status).count()),
            class,
        };
        SeriesPage {
            csp: CSP,
            up: None,
            heading: format!("{jurisdiction} {first}–{last}").trim().to_string(),
            reports: report
                .reports
                .iter()
                .map(|m| ReportRow {
                    year: crate::render::year_text(m.year, "?"),
                    title: m.display_title(),
                    kind: m.kind.label(),
                })
                .collect(),
            print_blocks: print_blocks(&timeline, &years),
            phrase_total: report.phrases.len(),
            years,
            phrase_counts: vec![
                count("新出现", SeriesStatus::New, "added"),
                count("延续", SeriesStatus::Recurring, "unchanged"),
                count("复现", SeriesStatus::Revived, "moved"),
                count("不再出现", SeriesStatus::Dropped, "removed"),
            ],
            timeline,
            tracks: tracks(report),
            steps,
            linked,
            figures: story::figure_table(report),
            story: story::story_steps(&report.diffs),
            duplicates: report.duplicates.iter().map(duplicate_note).collect(),
        }
    }
}

/// `2013 年有 2 份：采用 a.txt；未用 b.txt（无结束语）`.
fn duplicate_note(d: &crate::compare::series::duplicates::Duplicate) -> String {
    use crate::compare::series::duplicates::Reason;
    let aside: Vec<String> = d
        .set_aside
        .iter()
        .map(|s| {
            let why = match s.reason {
                Reason::SameText => "文字相同".to_string(),
                Reason::Closing => "无结束语".to_string(),
                Reason::Longer => format!(
                    "较短：{} 字，采用的 {} 字",
                    thousands(s.copy.chars),
                    thousands(d.used.chars)
                ),
                Reason::FirstGiven => "同样长，后给出".to_string(),
            };
            format!("{}（{why}）", s.copy.path)
        })
        .collect();
    format!(
        "{} 年有 {} 份：采用 {}；未用 {}",
        d.year,
        d.set_aside.len() + 1,
        d.used.path,
        aside.join("、")
    )
}
