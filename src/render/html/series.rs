//! The `series` page: phrase timeline, section history and every consecutive diff.

use super::*;

/// The `series` page: phrase timeline, section history and every consecutive
/// diff (changed sentences, inline) in one file.
pub fn series(report: &SeriesReport) -> String {
    series_linked(report, None)
}

/// The `series` page with a link up to `up` (the index of a `corpus` site).
pub fn series_linked(report: &SeriesReport, up: Option<&str>) -> String {
    let mut page = SeriesPage::new(report);
    page.up = up.map(str::to_string);
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

/// One phrase of the timeline.
struct TimelineRow {
    id: String,
    text: String,
    status: &'static str,
    status_label: &'static str,
    kind: &'static str,
    span: String,
    total: usize,
    cells: Vec<TimelineCell>,
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
    cells: Vec<Option<TrackCell>>,
    /// Distinct headings with the year they first took that form.
    renamed: Vec<(String, String)>,
}

/// A section of a consecutive diff: its changed sentences, inline.
struct StepSection {
    status: &'static str,
    status_label: &'static str,
    title: String,
    words_inserted: String,
    words_deleted: String,
    sentences: Vec<Vec<Frag>>,
    /// Sentences of an added/removed section not shown.
    more: usize,
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
    tracks: Vec<TrackRow>,
    steps: Vec<StepView>,
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

fn timeline(report: &SeriesReport) -> Vec<TimelineRow> {
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
        .map(|(i, p)| TimelineRow {
            id: format!("tl-{i}"),
            text: p.text.clone(),
            status: p.status.as_str(),
            status_label: series_status_label(p.status),
            kind: phrase_kind_label(p.kind),
            span: match (p.first_year, p.last_year) {
                (Some(a), Some(b)) if a == b => a.to_string(),
                (Some(a), Some(b)) => format!("{a}–{b}"),
                _ => "—".to_string(),
            },
            total: totals[i],
            cells: p
                .counts
                .iter()
                .enumerate()
                .map(|(y, &count)| TimelineCell {
                    count,
                    shade: shade(count),
                    // Appearing or disappearing in year y happened in step y-1 → y.
                    step: (y > 0 && (count > 0) != (p.counts[y - 1] > 0)).then(|| format!("#step-{}", y - 1)),
                })
                .collect(),
            by_total: by_total[i],
            by_last: by_last[i],
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
                        heading: h.clone(),
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
                cells,
                renamed: if renamed.len() > 1 { renamed } else { Vec::new() },
            }
        })
        .collect()
}

fn step_view(k: usize, d: &DiffReport, report: &SeriesReport, occ: &mut Occurrences) -> StepView {
    let (section_counts, other_counts) = summary_counts(&d.summary);
    let sections = d
        .sections
        .iter()
        .filter(|s| s.status != Status::Unchanged)
        .map(|s| StepSection {
            status: s.status.as_str(),
            status_label: status_label(s.status),
            title: section_title(s),
            words_inserted: thousands(s.words_inserted),
            words_deleted: thousands(s.words_deleted),
            sentences: {
                let all = sentences(&s.hunks, d.ignore_years);
                // Whole added/removed sections are summed up by their first
                // sentence, as in the terminal and Markdown output.
                let keep = if s.old.is_some() && s.new.is_some() {
                    all.len()
                } else {
                    1
                };
                all.iter()
                    .filter(|x| x.changed)
                    .take(keep)
                    .map(|x| row(x, String::new(), "", occ).inline)
                    .collect()
            },
            more: match (&s.old, &s.new) {
                (Some(_), Some(_)) => 0,
                _ => sentences(&s.hunks, d.ignore_years).len().saturating_sub(1),
            },
        })
        .collect();
    let phrase_links = |status: PairStatus| -> Vec<Link> {
        d.phrases
            .iter()
            .filter(|p| p.status == status)
            .map(|p| Link {
                href: occ.anchors.get(&p.text).map_or_else(String::new, |a| format!("#{a}")),
                text: p.text.clone(),
            })
            .collect()
    };
    let emerging = report.emerging.iter().find(|e| e.year == d.new.year);
    StepView {
        id: format!("step-{k}"),
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
    fn new(report: &SeriesReport) -> SeriesPage {
        let mut occ = Occurrences::new(report.phrases.iter().map(|p| p.text.as_str()), "tl");
        let steps = report
            .diffs
            .iter()
            .enumerate()
            .map(|(k, d)| step_view(k, d, report, &mut occ))
            .collect();
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
                    kind: kind_label(m.kind),
                })
                .collect(),
            years: report
                .reports
                .iter()
                .map(|m| crate::render::year_text(m.year, "?"))
                .collect(),
            phrase_counts: vec![
                count("新出现", SeriesStatus::New, "added"),
                count("延续", SeriesStatus::Recurring, "unchanged"),
                count("复现", SeriesStatus::Revived, "moved"),
                count("不再出现", SeriesStatus::Dropped, "removed"),
            ],
            timeline: timeline(report),
            tracks: tracks(report),
            steps,
        }
    }
}
