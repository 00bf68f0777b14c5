//! Terminal, JSON and Markdown output of `series` and `phrases`.

use super::formulations;
use super::layout::{pad, width};
use super::outline::md_escape;
use super::{thousands, to_json};
use crate::compare::phrases::report::PhrasesReport;
use crate::compare::series::duplicates::{Duplicate, Reason};
use crate::compare::series::{SeriesReport, SeriesStatus};
use colored::Colorize;
use std::io::Write;

/// Rows and columns shown in the terminal.
#[derive(Debug, Clone, Copy)]
pub struct SeriesView {
    /// Colour is on (terminal only).
    pub color: bool,
    /// Phrase rows at most (watched phrases always shown).
    pub limit: usize,
}

impl super::ViewOptions for SeriesView {
    fn color(&self) -> bool {
        self.color
    }
}

/// JSON per the contract.
pub fn json(r: &SeriesReport) -> String {
    to_json(r)
}

/// The same JSON as [`json`], written to `out` as it is serialized (the JSON
/// of the 41 national reports is 11 MB, more than the series it describes).
/// The phrase timelines, three quarters of it, are serialized side by side
/// ([`super::write_json_spliced`]).
pub fn write_json(mut r: SeriesReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // serde_json writes a few bytes at a time: into a buffer it can call
    // directly, not through `out`'s vtable on every write.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let phrases = std::mem::take(&mut r.phrases);
    super::write_json_spliced(&mut out, &r, "phrases", &phrases)?;
    out.flush()
}

impl super::Render for SeriesReport {
    type View = SeriesView;
    fn terminal(&self, view: &SeriesView) -> Option<String> {
        Some(terminal(self, *view))
    }
    fn json(&self, _view: &SeriesView) -> Option<String> {
        Some(json(self))
    }
    fn markdown(&self, view: &SeriesView) -> Option<String> {
        Some(markdown(self, *view))
    }
    fn html(&self, _view: &SeriesView) -> Option<String> {
        Some(super::html::series(self))
    }
}

impl super::Render for PhrasesReport {
    type View = super::Rows;
    fn terminal(&self, view: &super::Rows) -> Option<String> {
        Some(phrases_terminal(self, view.limit))
    }
    fn json(&self, _view: &super::Rows) -> Option<String> {
        Some(phrases_json(self))
    }
    fn markdown(&self, view: &super::Rows) -> Option<String> {
        Some(phrases_markdown(self, view.limit))
    }
    fn html(&self, _view: &super::Rows) -> Option<String> {
        Some(super::html::phrases(self))
    }
}

fn paint(s: SeriesStatus, text: &str) -> String {
    match s {
        SeriesStatus::New => text.green().to_string(),
        SeriesStatus::Dropped => text.red().to_string(),
        SeriesStatus::Revived => text.magenta().to_string(),
        SeriesStatus::Recurring => text.normal().to_string(),
        SeriesStatus::Absent => text.dimmed().to_string(),
    }
}

/// Rows shown: watched phrases, then the first ones in the report's order
/// (by score unless `--sort` says otherwise), in that order.
fn shown_rows(r: &SeriesReport, limit: usize) -> Vec<usize> {
    let mut keep: Vec<usize> = (0..r.phrases.len())
        .filter(|&i| r.phrases[i].kind == crate::compare::phrases::PhraseKind::Watch)
        .collect();
    for i in 0..r.phrases.len() {
        if keep.len() >= limit.max(keep.len()) {
            break;
        }
        if !keep.contains(&i) {
            keep.push(i);
        }
    }
    keep.sort_unstable();
    keep
}

/// One line on a year given more than once: the copy used, the copies set
/// aside and why (`2023 given twice (合肥市): used a.md; set aside b.md
/// (shorter: 12,003 vs 30,512 chars)`).
pub fn duplicate_line(d: &Duplicate) -> String {
    use crate::text::escape_for_display as esc;
    let times = match d.set_aside.len() + 1 {
        2 => "twice".to_string(),
        n => format!("{n} times"),
    };
    let place = d.jurisdiction.as_deref().map(|j| format!(" ({j})")).unwrap_or_default();
    let aside: Vec<String> = d
        .set_aside
        .iter()
        .map(|s| {
            let why = match s.reason {
                Reason::SameText => "same text, given later".to_string(),
                Reason::Closing => "no closing; the copy used has one".to_string(),
                Reason::Longer => format!(
                    "shorter: {} vs {} chars",
                    thousands(s.copy.chars),
                    thousands(d.used.chars)
                ),
                Reason::FirstGiven => "as long, given later".to_string(),
            };
            format!("{} ({why})", esc(&s.copy.path))
        })
        .collect();
    format!(
        "{} given {times}{place}: used {}; set aside {}",
        d.year,
        esc(&d.used.path),
        aside.join(", ")
    )
}

/// Terminal output: year × phrase table, steps, section history, emerging terms.
pub fn terminal(r: &SeriesReport, view: SeriesView) -> String {
    let mut out = String::new();
    let first = r.reports.first().and_then(|m| m.year);
    let last = r.reports.last().and_then(|m| m.year);
    let places: Vec<&str> = r.reports.iter().filter_map(|m| m.jurisdiction.as_deref()).collect();
    out.push_str(&format!(
        "{} reports, {}–{}{}\n",
        r.reports.len(),
        super::year_text(first, "????"),
        super::year_text(last, "????"),
        places.first().map(|p| format!(" · {p}")).unwrap_or_default()
    ));
    out.push_str(&formulations::missing_note(&r.missing_years));
    for d in &r.duplicates {
        out.push_str(&duplicate_line(d));
        out.push('\n');
    }
    phrase_table(&mut out, r, view.limit);
    steps_and_sections(&mut out, r);
    out.push_str(&formulations::top_terminal(&r.top_by_year));
    out
}

/// The year × phrase table of the terminal output.
fn phrase_table(out: &mut String, r: &SeriesReport, limit: usize) {
    let rows = shown_rows(r, limit);
    if !rows.is_empty() {
        let name_w = rows
            .iter()
            .map(|&i| width(&r.phrases[i].text))
            .max()
            .unwrap_or(4)
            .min(24);
        out.push_str(&format!(
            "\n{} ({} of {} phrases; count per year, · absent)\n",
            "phrases".bold(),
            rows.len(),
            r.phrases.len()
        ));
        let header: String = r
            .reports
            .iter()
            .map(|m| format!("{:>4}", m.year.map_or("?".into(), |y| format!("'{:02}", y % 100))))
            .collect();
        out.push_str(&format!("{} {:<10}{}\n", pad("", name_w), "", header.dimmed()));
        for &i in &rows {
            let p = &r.phrases[i];
            let mut name: String = p.text.chars().take(12).collect();
            if !p.missing_before_first.is_empty() || !p.missing_after_last.is_empty() {
                name.push('*');
            }
            let cells: String = p
                .counts
                .iter()
                .map(|&c| match c {
                    0 => format!("{:>4}", "·").dimmed().to_string(),
                    c if c > 999 => format!("{:>4}", "+"),
                    c => format!("{c:>4}"),
                })
                .collect();
            let last_seen = p
                .last_seen
                .map(|y| format!("  (revived, last {y})"))
                .unwrap_or_default();
            out.push_str(&format!(
                "{} {}{}{}\n",
                pad(&name, name_w),
                paint(p.status, &format!("{:<10}", p.status.as_str())),
                cells,
                paint(p.status, &last_seen)
            ));
        }
    }
}

/// The steps between years, the parts followed across years and the emerging terms.
fn steps_and_sections(out: &mut String, r: &SeriesReport) {
    if !r.steps.is_empty() {
        out.push_str(&format!("\n{}\n", "steps".bold()));
        for s in &r.steps {
            let m = &s.summary;
            out.push_str(&format!(
                "  {} → {}  sections +{} −{} ~{} ↷{}  words +{} −{}  phrases +{} −{}\n",
                super::year_text(s.old_year, "????"),
                super::year_text(s.new_year, "????"),
                m.sections_added,
                m.sections_removed,
                m.sections_changed,
                m.sections_moved,
                thousands(m.words_inserted),
                thousands(m.words_deleted),
                m.phrases_new,
                m.phrases_dropped
            ));
        }
    }
    let lasting: Vec<_> = r
        .sections
        .iter()
        .filter(|t| t.level == 1 && t.headings.len() > 1)
        .collect();
    if !lasting.is_empty() {
        out.push_str(&format!(
            "\n{} (top-level parts followed across years)\n",
            "sections".bold()
        ));
        for t in lasting {
            let latest = t.headings.last().map(|h| h.1.as_str()).unwrap_or("");
            out.push_str(&format!(
                "  {}–{}  {} reports  {}\n",
                super::year_text(t.first_year, "????"),
                super::year_text(t.last_year, "????"),
                t.headings.len(),
                latest
            ));
        }
    }
    if r.emerging.iter().any(|e| !e.terms.is_empty()) {
        out.push_str(&format!(
            "\n{} (keyness G² against up to three previous reports; count ← count before)\n",
            "emerging".bold()
        ));
        for e in &r.emerging {
            let terms: Vec<String> = e
                .terms
                .iter()
                .map(|t| format!("{} ({}←{})", t.text, t.count, t.previous_count))
                .collect();
            out.push_str(&format!(
                "  {} vs {}: {}\n",
                super::year_text(e.year, "????"),
                reference_years(e),
                terms.join(", ")
            ));
        }
    }
}

/// Markdown output of a series.
pub fn markdown(r: &SeriesReport, view: SeriesView) -> String {
    let mut out = String::from("# Phrase timeline\n\n");
    out.push_str(&formulations::missing_note(&r.missing_years));
    for d in &r.duplicates {
        out.push_str(&md_escape(&duplicate_line(d)));
        out.push('\n');
    }
    if !r.missing_years.is_empty() || !r.duplicates.is_empty() {
        out.push('\n');
    }
    out.push_str("| phrase | status | first | last |");
    for m in &r.reports {
        out.push_str(&format!(" {} |", super::year_text(m.year, "????")));
    }
    out.push_str("\n|---|---|---|---|");
    out.push_str(&"---|".repeat(r.reports.len()));
    out.push('\n');
    for i in shown_rows(r, view.limit) {
        let p = &r.phrases[i];
        let gap = |missing: &[i32]| if missing.is_empty() { "" } else { "*" };
        out.push_str(&format!(
            "| {} | {} | {}{} | {}{} |",
            md_escape(&p.text),
            match p.last_seen {
                Some(y) => format!("revived (last {y})"),
                None => p.status.as_str().to_string(),
            },
            super::year_text(p.first_year, "????"),
            gap(&p.missing_before_first),
            super::year_text(p.last_year, "????"),
            gap(&p.missing_after_last)
        ));
        for c in &p.counts {
            out.push_str(&format!(" {} |", if *c == 0 { "·".to_string() } else { c.to_string() }));
        }
        out.push('\n');
    }
    out.push_str("\n## Steps\n\n| from | to | sections added | removed | moved | changed | words + | words − |\n|---|---|---|---|---|---|---|---|\n");
    for s in &r.steps {
        let m = &s.summary;
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            super::year_text(s.old_year, "????"),
            super::year_text(s.new_year, "????"),
            m.sections_added,
            m.sections_removed,
            m.sections_moved,
            m.sections_changed,
            m.words_inserted,
            m.words_deleted
        ));
    }
    if r.emerging.iter().any(|e| !e.terms.is_empty()) {
        out.push_str("\n## Emerging terms\n\n");
        for e in &r.emerging {
            let terms: Vec<String> = e.terms.iter().map(|t| md_escape(&t.text)).collect();
            out.push_str(&format!(
                "- **{}** vs {}: {}\n",
                super::year_text(e.year, "????"),
                reference_years(e),
                terms.join(", ")
            ));
        }
    }
    out.push_str(&formulations::top_markdown(&r.top_by_year));
    out
}

/// `2010–2012`, or one year when the reference is one report.
fn reference_years(e: &crate::compare::series::EmergingYear) -> String {
    if e.against == e.against_to {
        super::year_text(e.against, "????")
    } else {
        format!(
            "{}–{}",
            super::year_text(e.against, "????"),
            super::year_text(e.against_to, "????")
        )
    }
}

/// JSON of `phrases`.
pub fn phrases_json(r: &PhrasesReport) -> String {
    to_json(r)
}

/// Terminal table of `phrases`, with KWIC lines when contexts were gathered.
pub fn phrases_terminal(r: &PhrasesReport, limit: usize) -> String {
    let mut out = String::new();
    let labels: Vec<String> = r.reports.iter().map(|m| m.label()).collect();
    out.push_str(&format!("{} reports: {}\n", r.reports.len(), labels.join(", ")));
    let name_w = r
        .phrases
        .iter()
        .take(limit)
        .map(|p| width(&p.text))
        .max()
        .unwrap_or(4)
        .min(30);
    if !r.phrases.is_empty() {
        // One column per report, in the order listed above: its year, `'24`.
        let header: String = r
            .reports
            .iter()
            .enumerate()
            .map(|(i, m)| {
                format!(
                    "{:>4}",
                    m.year.map_or(format!("#{}", i + 1), |y| format!("'{:02}", y % 100))
                )
            })
            .collect();
        let line = format!("{}  {:<10}{header}  (count per report)", pad("phrase", name_w), "kind");
        out.push_str(&format!("{}\n", line.dimmed()));
    }
    for p in r.phrases.iter().take(limit) {
        let counts: Vec<String> = p.counts.iter().map(|c| format!("{c:>4}")).collect();
        out.push_str(&format!(
            "{}  {:<10}{}\n",
            pad(&p.text, name_w).bold(),
            format!("{:?}", p.kind).to_lowercase().dimmed(),
            counts.join("")
        ));
        for c in &p.contexts {
            out.push_str(&format!(
                "    {} {} {}\n",
                c.report.dimmed(),
                format!("[{}]", c.section).dimmed(),
                highlight(&c.text, &p.text)
            ));
        }
    }
    if r.phrases.len() > limit {
        out.push_str(&format!(
            "… {} more (see --limit, or --format json)\n",
            r.phrases.len() - limit
        ));
    }
    out.push_str(&formulations::top_terminal(&r.top_by_year));
    out
}

fn highlight(sentence: &str, phrase: &str) -> String {
    sentence.replace(phrase, &phrase.yellow().bold().to_string())
}

/// Markdown table of `phrases`.
pub fn phrases_markdown(r: &PhrasesReport, limit: usize) -> String {
    let mut out = String::from("| phrase | kind |");
    for m in &r.reports {
        out.push_str(&format!(" {} |", md_escape(&m.label())));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(r.reports.len()));
    out.push('\n');
    for p in r.phrases.iter().take(limit) {
        out.push_str(&format!(
            "| {} | {} |",
            md_escape(&p.text),
            format!("{:?}", p.kind).to_lowercase()
        ));
        for c in &p.counts {
            out.push_str(&format!(" {c} |"));
        }
        out.push('\n');
    }
    out.push_str(&formulations::top_markdown(&r.top_by_year));
    out
}

#[cfg(test)]
mod write_json_tests {
    use super::*;
    use crate::compare::series::{build_series, SeriesOptions};
    use crate::read::document::{load, LoadOptions};

    /// The streamed JSON, with its phrase timelines serialized apart and
    /// spliced in, is byte for byte the report's own serialization: on real
    /// reports with more timelines than one window, and with none.
    #[test]
    fn streamed_json_is_the_serialized_report() {
        let dir = format!("{}/../shared/corpus/national", env!("CARGO_MANIFEST_DIR"));
        let reports: Vec<_> = (2000..=2013)
            .map(|y| format!("{dir}/{y}.txt"))
            .filter(|p| std::path::Path::new(p).exists())
            .flat_map(|p| load(&p, &LoadOptions::default()).expect("a national report"))
            .collect();
        assert!(reports.len() >= 10, "the national corpus is needed for this test");
        let opts = SeriesOptions {
            top: 5,
            ..SeriesOptions::default()
        };
        let report = build_series(&reports, &opts, &|| {});
        assert!(
            report.phrases.len() > super::super::SPLICE_WINDOW,
            "{} timelines",
            report.phrases.len()
        );
        let mut empty = report.clone();
        empty.phrases.clear();
        for r in [report, empty] {
            let expected = json(&r);
            let mut written = Vec::new();
            write_json(r, &mut written).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), expected);
        }
    }
}
