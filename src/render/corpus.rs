//! Output of `corpus`: a terminal summary, JSON, the two export tables (CSV
//! and JSON Lines) and the pages of the static site.

use super::{thousands, to_json};
use crate::corpus::{CorpusReport, Diffusion, Jurisdiction};
use crate::text::escape_for_display;
use askama::Template;
use colored::Colorize;
use serde::Serialize;

impl super::Render for CorpusReport {
    fn terminal(&self, view: &super::View) -> Option<String> {
        Some(terminal(self, view.limit))
    }
    fn json(&self, _view: &super::View) -> Option<String> {
        Some(to_json(self))
    }
    /// The corpus has no one-page form: its HTML is a site (`--out-dir`).
    fn markdown(&self, _view: &super::View) -> Option<String> {
        None
    }
    fn html(&self, _view: &super::View) -> Option<String> {
        None
    }
}

fn years(j: &Jurisdiction) -> String {
    match (j.reports.first(), j.reports.last()) {
        (Some(a), Some(b)) if a.year != b.year => format!("{}–{}", a.year, b.year),
        (Some(a), _) => a.year.to_string(),
        _ => String::new(),
    }
}

/// One-line description of the corpus.
fn overview(r: &CorpusReport) -> String {
    let reports: usize = r.jurisdictions.iter().map(|j| j.reports.len()).sum();
    let span = match (r.reports_by_year.keys().next(), r.reports_by_year.keys().next_back()) {
        (Some(a), Some(b)) => format!(" · {a}–{b}"),
        _ => String::new(),
    };
    format!(
        "{} reports · {} jurisdictions{span} · {} phrases followed · {} problems",
        thousands(reports),
        thousands(r.jurisdictions.len()),
        thousands(r.phrases.len()),
        thousands(r.problems.len())
    )
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(super::diff::width(s))))
}

/// The first adopters, at most three named.
fn first_names(d: &Diffusion) -> String {
    let names: Vec<&str> = d.first.iter().take(3).map(|a| a.jurisdiction.as_str()).collect();
    let more = d.first.len().saturating_sub(3);
    if more > 0 {
        format!("{} +{more}", names.join("、"))
    } else {
        names.join("、")
    }
}

/// Terminal output: the phrases that spread furthest (at most `limit`, with
/// the number of jurisdictions using each per year), the jurisdictions, the problems.
pub fn terminal(r: &CorpusReport, limit: usize) -> String {
    let mut out = format!("{}\n", overview(r));
    let years: Vec<i32> = r.reports_by_year.keys().copied().collect();
    if !r.phrases.is_empty() {
        let shown = &r.phrases[..r.phrases.len().min(limit.max(1))];
        let name_w = shown
            .iter()
            .map(|d| super::diff::width(&d.text))
            .max()
            .unwrap_or(6)
            .max(6);
        out.push_str(&format!(
            "\n{} {:>5}  {:>5}  {}  first adopters\n",
            pad("phrase", name_w),
            "juris",
            "first",
            years.iter().map(|y| format!("{y:>4}")).collect::<Vec<_>>().join(" ")
        ));
        for d in shown {
            let first = d.first.first().map_or_else(|| "-".to_string(), |a| a.year.to_string());
            let cells: Vec<String> = years
                .iter()
                .map(|y| match d.by_year.get(y).copied().unwrap_or(0) {
                    0 => format!("{:>4}", "·"),
                    n => format!("{n:>4}"),
                })
                .collect();
            out.push_str(&format!(
                "{} {:>5}  {:>5}  {}  {}\n",
                pad(&d.text, name_w).bold(),
                d.jurisdictions,
                first,
                cells.join(" "),
                first_names(d)
            ));
        }
        if r.phrases.len() > shown.len() {
            out.push_str(&format!(
                "… {} more phrases (--limit, --format json)\n",
                r.phrases.len() - shown.len()
            ));
        }
        out.push_str("(columns: jurisdictions whose report of that year uses the phrase)\n");
    }
    let name_w = r
        .jurisdictions
        .iter()
        .map(|j| super::diff::width(&j.name))
        .max()
        .unwrap_or(4)
        .max(12);
    out.push_str(&format!(
        "\n{} {:<8} {:<12} {:>7}  years\n",
        pad("jurisdiction", name_w),
        "level",
        "kind",
        "reports"
    ));
    for j in &r.jurisdictions {
        out.push_str(&format!(
            "{} {:<8} {:<12} {:>7}  {}\n",
            pad(&j.name, name_w),
            j.level,
            j.kind.as_str(),
            j.reports.len(),
            years_of(j)
        ));
    }
    if !r.problems.is_empty() {
        out.push_str(&format!("\nproblems ({}):\n", r.problems.len()));
        for p in &r.problems {
            // Names escaped here, not only by the final pass: with colour on,
            // that pass keeps colour sequences, and a name could carry one.
            out.push_str(&format!(
                "  {}: {}\n",
                escape_for_display(&p.path),
                escape_for_display(&p.message).yellow()
            ));
        }
    }
    out
}

fn years_of(j: &Jurisdiction) -> String {
    j.reports
        .iter()
        .map(|r| r.year.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A row of the reports table.
#[derive(Serialize)]
struct ReportRow<'a> {
    jurisdiction: &'a str,
    level: &'a str,
    kind: &'a str,
    year: i32,
    path: &'a str,
    title: &'a str,
    report: Option<usize>,
    chars: usize,
}

/// A row of the phrase table: one phrase in one jurisdiction's report of one year.
#[derive(Serialize)]
struct PhraseRow<'a> {
    phrase: &'a str,
    phrase_kind: &'a str,
    jurisdiction: &'a str,
    level: &'a str,
    year: i32,
    count: usize,
}

fn report_rows(r: &CorpusReport) -> Vec<ReportRow<'_>> {
    r.jurisdictions
        .iter()
        .flat_map(|j| {
            j.reports.iter().map(move |e| ReportRow {
                jurisdiction: &j.name,
                level: j.level,
                kind: j.kind.as_str(),
                year: e.year,
                path: &e.path,
                title: e.title.as_deref().unwrap_or(""),
                report: e.report,
                chars: e.chars,
            })
        })
        .collect()
}

fn phrase_rows(r: &CorpusReport) -> Vec<PhraseRow<'_>> {
    let mut rows: Vec<PhraseRow> = Vec::new();
    for d in &r.phrases {
        let kind = d.kind.as_str();
        let mut uses: Vec<&crate::corpus::Use> = d.uses.iter().collect();
        uses.sort_by(|a, b| {
            (&r.jurisdictions[a.jurisdiction].name, a.year).cmp(&(&r.jurisdictions[b.jurisdiction].name, b.year))
        });
        for u in uses {
            let j = &r.jurisdictions[u.jurisdiction];
            rows.push(PhraseRow {
                phrase: &d.text,
                phrase_kind: kind,
                jurisdiction: &j.name,
                level: j.level,
                year: u.year,
                count: u.count,
            });
        }
    }
    rows
}

/// A CSV field, quoted when needed (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(crate) fn csv_of<T: Serialize>(rows: &[T], header: &[&str]) -> String {
    let mut out = header.join(",");
    out.push('\n');
    for row in rows {
        let Ok(serde_json::Value::Object(map)) = serde_json::to_value(row) else {
            continue;
        };
        let fields: Vec<String> = header
            .iter()
            .map(|h| match map.get(*h) {
                Some(serde_json::Value::String(s)) => csv_field(s),
                Some(serde_json::Value::Null) | None => String::new(),
                Some(v) => v.to_string(),
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

pub(crate) fn jsonl_of<T: Serialize>(rows: &[T]) -> String {
    let mut out = String::new();
    for row in rows {
        if let Ok(line) = serde_json::to_string(row) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The export tables as (file name, content): one row per report, one row per
/// phrase × jurisdiction × year with a count above zero.
pub fn tables(r: &CorpusReport, csv: bool) -> Vec<(&'static str, String)> {
    let reports = report_rows(r);
    let phrases = phrase_rows(r);
    if csv {
        vec![
            (
                "reports.csv",
                csv_of(
                    &reports,
                    &[
                        "jurisdiction",
                        "level",
                        "kind",
                        "year",
                        "path",
                        "title",
                        "report",
                        "chars",
                    ],
                ),
            ),
            (
                "phrases.csv",
                csv_of(
                    &phrases,
                    &["phrase", "phrase_kind", "jurisdiction", "level", "year", "count"],
                ),
            ),
        ]
    } else {
        vec![
            ("reports.jsonl", jsonl_of(&reports)),
            ("phrases.jsonl", jsonl_of(&phrases)),
        ]
    }
}

/// A link with its text.
struct Link {
    href: String,
    text: String,
}

struct PhraseItem {
    href: String,
    text: String,
    jurisdictions: usize,
    first_year: String,
    first: String,
}

struct JurisdictionItem {
    href: String,
    name: String,
    level: &'static str,
    kind: &'static str,
    reports: usize,
    years: String,
}

struct ProblemItem {
    path: String,
    message: String,
}

#[derive(Template)]
#[template(path = "corpus.html", whitespace = "minimize")]
struct IndexPage {
    csp: &'static str,
    heading: String,
    summary: String,
    phrases: Vec<PhraseItem>,
    jurisdictions: Vec<JurisdictionItem>,
    problems: Vec<ProblemItem>,
}

struct YearItem {
    year: i32,
    count: usize,
    total: usize,
    share: String,
}

struct AdopterItem {
    year: i32,
    link: Link,
}

#[derive(Template)]
#[template(path = "diffusion.html", whitespace = "minimize")]
struct DiffusionPage {
    csp: &'static str,
    text: String,
    jurisdictions: usize,
    first_year: String,
    first: Vec<Link>,
    chart: String,
    years: Vec<YearItem>,
    adopters: Vec<AdopterItem>,
}

/// Path of a phrase's page, relative to the site root.
pub fn phrase_page(index: usize) -> String {
    format!("p/{:04}.html", index + 1)
}

/// Path of a jurisdiction's series page, relative to the site root.
pub fn series_page(j: &Jurisdiction) -> String {
    format!("j/{}.html", j.slug)
}

fn render_or_comment(t: &impl Template) -> String {
    // Rendering into a String only fails if a Display impl fails; ours do not.
    t.render().unwrap_or_else(|e| format!("<!-- render error: {e} -->\n"))
}

/// The site's index page: phrases and jurisdictions, linked to their pages.
pub fn index_page(r: &CorpusReport) -> String {
    let page = IndexPage {
        csp: super::html::CSP,
        heading: "各地政府工作报告".to_string(),
        summary: overview(r),
        phrases: r
            .phrases
            .iter()
            .enumerate()
            .map(|(i, d)| PhraseItem {
                href: phrase_page(i),
                text: d.text.clone(),
                jurisdictions: d.jurisdictions,
                first_year: d.first.first().map_or_else(String::new, |a| a.year.to_string()),
                first: first_names(d),
            })
            .collect(),
        jurisdictions: r
            .jurisdictions
            .iter()
            .map(|j| JurisdictionItem {
                href: series_page(j),
                name: j.name.clone(),
                level: j.level,
                kind: j.kind.as_str(),
                reports: j.reports.len(),
                years: years(j),
            })
            .collect(),
        problems: r
            .problems
            .iter()
            .map(|p| ProblemItem {
                path: p.path.clone(),
                message: p.message.clone(),
            })
            .collect(),
    };
    render_or_comment(&page)
}

/// A bar chart of the share per year as inline SVG (no script, no external
/// resource: allowed by the page's CSP). Scales to the page width.
fn share_chart(d: &Diffusion) -> String {
    let n = d.share_by_year.len().max(1);
    let (bar, gap, height, top, bottom) = (28.0, 8.0, 120.0, 16.0, 18.0);
    let width = n as f64 * (bar + gap) + gap;
    let mut svg = format!(
        "<svg viewBox=\"0 0 {width} {}\" role=\"img\" aria-label=\"各年使用比例\"><line class=\"axis\" x1=\"0\" y1=\"{}\" x2=\"{width}\" y2=\"{}\"/>",
        top + height + bottom,
        top + height,
        top + height
    );
    for (i, (year, share)) in d.share_by_year.iter().enumerate() {
        let x = gap + i as f64 * (bar + gap);
        let h = (share * height).max(if *share > 0.0 { 1.0 } else { 0.0 });
        let y = top + height - h;
        svg.push_str(&format!(
            "<rect class=\"bar\" x=\"{x}\" y=\"{y:.1}\" width=\"{bar}\" height=\"{h:.1}\"><title>{year}: {:.0}%</title></rect>",
            share * 100.0
        ));
        if *share > 0.0 {
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{:.0}%</text>",
                x + bar / 2.0,
                y - 3.0,
                share * 100.0
            ));
        }
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x + bar / 2.0,
            top + height + 13.0,
            year
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The page of one phrase: chart, counts per year, each jurisdiction's first year.
pub fn diffusion_page(r: &CorpusReport, d: &Diffusion) -> String {
    let link = |name: &str| Link {
        href: r
            .jurisdictions
            .iter()
            .find(|j| j.name == name && j.kind == crate::read::meta::Kind::WorkReport)
            .map_or_else(
                || "../index.html#jurisdictions".to_string(),
                |j| format!("../{}", series_page(j)),
            ),
        text: name.to_string(),
    };
    let page = DiffusionPage {
        csp: super::html::CSP,
        text: d.text.clone(),
        jurisdictions: d.jurisdictions,
        first_year: d.first.first().map_or_else(String::new, |a| a.year.to_string()),
        first: d.first.iter().map(|a| link(&a.jurisdiction)).collect(),
        chart: share_chart(d),
        years: d
            .by_year
            .iter()
            .map(|(&year, &count)| YearItem {
                year,
                count,
                total: r.reports_by_year.get(&year).copied().unwrap_or(0),
                share: format!("{:.1}%", d.share_by_year.get(&year).copied().unwrap_or(0.0) * 100.0),
            })
            .collect(),
        adopters: d
            .first_years
            .iter()
            .map(|a| AdopterItem {
                year: a.year,
                link: link(&a.jurisdiction),
            })
            .collect(),
    };
    render_or_comment(&page)
}
