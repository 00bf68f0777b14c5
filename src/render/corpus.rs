//! Output of `corpus`: a terminal summary, JSON, the two export tables (CSV
//! and JSON Lines) and the pages of the static site.

use super::tables::{csv_of, jsonl_of};
use super::{plural, thousands, to_json};
use crate::corpus::{CorpusReport, Diffusion, Jurisdiction};
use crate::text::escape_for_display;
use askama::Template;
use colored::Colorize;
use serde::Serialize;

impl super::Render for CorpusReport {
    type View = super::Rows;
    fn terminal(&self, view: &super::Rows) -> Option<String> {
        Some(terminal(self, view.limit))
    }
    fn json(&self, _view: &super::Rows) -> Option<String> {
        Some(to_json(self))
    }
    /// The corpus has no one-page form: its HTML is a site (`--out-dir`).
    fn markdown(&self, _view: &super::Rows) -> Option<String> {
        None
    }
    fn html(&self, _view: &super::Rows) -> Option<String> {
        None
    }
}

/// A jurisdiction's report years as ranges: `2016–2019, 2021`.
fn report_years(j: &Jurisdiction) -> String {
    super::year_ranges(&j.reports.iter().map(|r| r.year).collect::<Vec<_>>())
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

/// The same line in Chinese, for the site's pages.
fn overview_zh(r: &CorpusReport) -> String {
    let reports: usize = r.jurisdictions.iter().map(|j| j.reports.len()).sum();
    let span = match (r.reports_by_year.keys().next(), r.reports_by_year.keys().next_back()) {
        (Some(a), Some(b)) => format!(" · {a}–{b} 年"),
        _ => String::new(),
    };
    let problems = if r.problems.is_empty() {
        String::new()
    } else {
        format!(" · {} 个问题", thousands(r.problems.len()))
    };
    format!(
        "{} 份报告 · {} 个地区{span} · 跟踪 {} 个政策短语{problems}",
        thousands(reports),
        thousands(r.jurisdictions.len()),
        thousands(r.phrases.len()),
    )
}

/// Chinese name of an administrative level as `jurisdictions::level_of` gives it.
pub fn level_label(level: &str) -> &'static str {
    match level {
        "national" => "全国",
        "province" => "省级",
        "city" => "市级",
        "county" => "县级",
        "town" => "乡镇",
        _ => "其他",
    }
}

/// Phrases given a page of their own: the first this many in the corpus
/// ranking (watched phrases, then established terms that spread most), and
/// every watched phrase. The others are rows of the paged tables of all
/// phrases: thousands of pages nobody looks up would make the site hundreds of
/// megabytes.
pub const PAGE_PHRASES: usize = 200;

/// Phrase rows of the index shown before the fold (a phone screen or three).
const INDEX_OPEN_ROWS: usize = 30;

/// Rows per page of the table of all phrases (`all-K.html`).
pub const ALL_ROWS: usize = 500;

/// Whether the phrase ranked `i` (0 = first) gets its own page.
pub fn has_page(i: usize, d: &Diffusion) -> bool {
    i < PAGE_PHRASES || d.kind == crate::compare::phrases::PhraseKind::Watch
}

/// Path of page `k` (0 = first) of the table of all phrases.
pub fn all_page(k: usize) -> String {
    format!("all-{}.html", k + 1)
}

/// `s` escaped (with colour on, the final pass keeps colour sequences, and a
/// folder name could carry one) and padded to `w` columns.
fn pad(s: &str, w: usize) -> String {
    super::layout::pad(&escape_for_display(s), w)
}

/// The first adopters, at most three named.
fn first_names(d: &Diffusion) -> String {
    let names: Vec<&str> = d.first.iter().take(3).map(|a| a.jurisdiction.as_str()).collect();
    let more = d.first.len().saturating_sub(3);
    let names = escape_for_display(&names.join("、")).into_owned();
    if more > 0 {
        format!("{names} +{more}")
    } else {
        names
    }
}

/// `83%`: `n` of `of` as a whole percent (`<1%` for a small non-zero share).
fn percent(n: usize, of: usize) -> String {
    if of == 0 {
        return "-".to_string();
    }
    let p = (n as f64 * 100.0 / of as f64).round() as usize;
    if p == 0 && n > 0 {
        "<1%".to_string()
    } else {
        format!("{p}%")
    }
}

/// `83% (24/29)`: a share with its count and denominator.
pub fn share_text(n: usize, of: usize) -> String {
    format!("{} ({n}/{of})", percent(n, of))
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
            .map(|d| super::layout::width(&escape_for_display(&d.text)))
            .max()
            .unwrap_or(6)
            .max(6);
        let latest = share_year(r).map(|(y, _)| y);
        out.push_str(&format!(
            "\n{} {:>5}  {:>5}  {}  {:<15}  first adopters\n",
            pad("phrase", name_w),
            "juris",
            "first",
            years.iter().map(|y| format!("{y:>4}")).collect::<Vec<_>>().join(" "),
            latest.map_or_else(String::new, |y| format!("in {y}"))
        ));
        // The denominators: jurisdictions with a work report that year.
        out.push_str(
            &format!(
                "{} {:>5}  {:>5}  {}\n",
                pad("of reports", name_w),
                "",
                "",
                years
                    .iter()
                    .map(|y| format!("{:>4}", r.reports_by_year.get(y).copied().unwrap_or(0)))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
            .dimmed()
            .to_string(),
        );
        for d in shown {
            let first = d.first.first().map_or_else(|| "-".to_string(), |a| a.year.to_string());
            let cells: Vec<String> = years
                .iter()
                .map(|y| match d.by_year.get(y).copied().unwrap_or(0) {
                    0 => format!("{:>4}", "·"),
                    n => format!("{:>4}", percent(n, r.reports_by_year.get(y).copied().unwrap_or(0))),
                })
                .collect();
            let last = latest.map_or_else(String::new, |y| {
                share_text(
                    d.by_year.get(&y).copied().unwrap_or(0),
                    r.reports_by_year.get(&y).copied().unwrap_or(0),
                )
            });
            out.push_str(&format!(
                "{} {:>5}  {:>5}  {}  {}  {}\n",
                pad(&d.text, name_w).bold(),
                d.jurisdictions,
                first,
                cells.join(" "),
                pad(&last, 15),
                first_names(d)
            ));
        }
        if r.phrases.len() > shown.len() {
            out.push_str(&format!(
                "… {} more phrases (--limit, --format json)\n",
                r.phrases.len() - shown.len()
            ));
        }
        out.push_str("(columns: share of the jurisdictions with a work report that year whose report uses the phrase; the row under the years gives how many reports that is)\n");
    }
    jurisdictions_terminal(&mut out, r);
    out
}

/// The jurisdictions table and the problems of the terminal output.
fn jurisdictions_terminal(out: &mut String, r: &CorpusReport) {
    let name_w = r
        .jurisdictions
        .iter()
        .map(|j| super::layout::width(&escape_for_display(&j.name)))
        .max()
        .unwrap_or(4)
        .max(12);
    out.push_str(&format!(
        "\n{} {} {} {:>7}  years\n",
        pad("jurisdiction", name_w),
        pad("level", 6),
        pad("kind", 12),
        "reports"
    ));
    for j in &r.jurisdictions {
        let aside = match j.set_aside {
            0 => String::new(),
            n => format!("  (+{n} set aside: same year)"),
        };
        out.push_str(&format!(
            "{} {} {} {:>7}  {}{aside}\n",
            pad(&j.name, name_w),
            pad(level_label(j.level), 6),
            pad(j.kind.label(), 12),
            j.reports.len(),
            report_years(j)
        ));
    }
    let aside: Vec<usize> = r.jurisdictions.iter().map(|j| j.set_aside).filter(|&n| n > 0).collect();
    if !aside.is_empty() {
        out.push_str(&format!(
            "duplicate years: {} set aside in {} (the copy with a closing, else the longer, kept; each listed under problems)\n",
            plural(aside.iter().sum::<usize>(), "report"),
            plural(aside.len(), "jurisdiction")
        ));
    }
    if !r.problems.is_empty() {
        out.push_str(&format!("\nproblems ({}):\n", r.problems.len()));
        for p in &r.problems {
            out.push_str(&format!(
                "  {}: {}\n",
                escape_for_display(&p.path),
                escape_for_display(&p.message).yellow()
            ));
        }
    }
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

/// The export tables as (file name, content): one row per report, one row per
/// phrase × jurisdiction × year with a count above zero, one row per key
/// figure of a work report (`targets`).
pub fn tables(r: &CorpusReport, csv: bool) -> Vec<(&'static str, String)> {
    let reports = report_rows(r);
    let phrases = phrase_rows(r);
    let targets = super::corpus_targets::rows(r);
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
            ("targets.csv", csv_of(&targets, super::corpus_targets::COLUMNS)),
        ]
    } else {
        vec![
            ("reports.jsonl", jsonl_of(&reports)),
            ("phrases.jsonl", jsonl_of(&phrases)),
            ("targets.jsonl", jsonl_of(&targets)),
        ]
    }
}

/// A link with its text.
struct Link {
    href: String,
    text: String,
}

struct PhraseItem {
    /// Its page, empty when it has none.
    href: String,
    text: String,
    jurisdictions: usize,
    first_year: String,
    first: String,
    /// The share in the latest year, `83% (24/29)`.
    latest: String,
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
    /// The latest year (the share column).
    latest_year: String,
    /// The first phrases with a page, shown open.
    phrases: Vec<PhraseItem>,
    /// The other phrases with a page, folded.
    folded: Vec<PhraseItem>,
    /// All phrases followed, and the pages of their table.
    phrase_total: usize,
    all_pages: Vec<Link>,
    jurisdictions: Vec<JurisdictionItem>,
    problems: Vec<ProblemItem>,
}

struct YearItem {
    year: i32,
    /// `83% (24/29)`.
    share: String,
}

#[derive(Template)]
#[template(path = "all-phrases.html", whitespace = "minimize")]
struct AllPhrasesPage {
    csp: &'static str,
    heading: String,
    latest_year: String,
    phrases: Vec<PhraseItem>,
    pages: Vec<Link>,
    /// Index of this page in `pages`.
    current: usize,
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

/// Phrase rows from `first` on (at most `n`), linked where they have a page;
/// `prefix` leads from the page written to the site root.
fn phrase_items(r: &CorpusReport, first: usize, n: usize, prefix: &str) -> Vec<PhraseItem> {
    let latest = share_year(r);
    r.phrases
        .iter()
        .enumerate()
        .skip(first)
        .take(n)
        .map(|(i, d)| PhraseItem {
            href: if has_page(i, d) {
                format!("{prefix}{}", phrase_page(i))
            } else {
                String::new()
            },
            text: d.text.clone(),
            jurisdictions: d.jurisdictions,
            first_year: d.first.first().map_or_else(String::new, |a| a.year.to_string()),
            first: first_names(d),
            latest: latest.map_or_else(String::new, |(y, n)| {
                share_text(d.by_year.get(&y).copied().unwrap_or(0), n)
            }),
        })
        .collect()
}

/// Links to the pages of the table of all phrases.
fn all_links(r: &CorpusReport) -> Vec<Link> {
    (0..r.phrases.len().div_ceil(ALL_ROWS))
        .map(|k| Link {
            href: all_page(k),
            text: format!("{}–{}", k * ALL_ROWS + 1, ((k + 1) * ALL_ROWS).min(r.phrases.len())),
        })
        .collect()
}

/// The latest year with enough work reports for a share to mean something
/// (a corpus scraped in January has two reports of the new year).
fn share_year(r: &CorpusReport) -> Option<(i32, usize)> {
    let busiest = r.reports_by_year.values().copied().max().unwrap_or(0);
    let enough = crate::corpus::MIN_REPORTS_FOR_SHARE.min(busiest).max(1);
    r.reports_by_year
        .iter()
        .rev()
        .find(|(_, &n)| n >= enough)
        .map(|(&y, &n)| (y, n))
}

fn latest_year(r: &CorpusReport) -> String {
    share_year(r).map_or_else(String::new, |(y, _)| y.to_string())
}

/// The site's index page: the phrases that have a page (the first rows open,
/// the rest folded), links to the table of all phrases, the jurisdictions
/// (folded), the problems.
pub fn index_page(r: &CorpusReport) -> String {
    let paged = r.phrases.iter().enumerate().filter(|(i, d)| has_page(*i, d)).count();
    let page = IndexPage {
        csp: super::html::CSP,
        heading: "各地政府工作报告".to_string(),
        summary: overview_zh(r),
        latest_year: latest_year(r),
        phrases: phrase_items(r, 0, paged.min(INDEX_OPEN_ROWS), ""),
        folded: phrase_items(r, INDEX_OPEN_ROWS, paged.saturating_sub(INDEX_OPEN_ROWS), ""),
        phrase_total: r.phrases.len(),
        all_pages: all_links(r),
        jurisdictions: r
            .jurisdictions
            .iter()
            .map(|j| JurisdictionItem {
                href: series_page(j),
                name: j.name.clone(),
                level: level_label(j.level),
                kind: j.kind.label(),
                reports: j.reports.len(),
                years: report_years(j),
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

/// The pages of the table of all phrases, as (path, page).
pub fn all_phrase_pages(r: &CorpusReport) -> Vec<(String, String)> {
    let pages = all_links(r);
    (0..pages.len())
        .map(|k| {
            let page = AllPhrasesPage {
                csp: super::html::CSP,
                heading: format!("全部政策短语（{}）", thousands(r.phrases.len())),
                latest_year: latest_year(r),
                phrases: phrase_items(r, k * ALL_ROWS, ALL_ROWS, ""),
                pages: all_links(r),
                current: k,
            };
            (all_page(k), render_or_comment(&page))
        })
        .collect()
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
                share: share_text(count, r.reports_by_year.get(&year).copied().unwrap_or(0)),
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

#[cfg(test)]
mod share_tests {
    use super::*;

    #[test]
    fn shares_carry_their_denominator() {
        assert_eq!(share_text(24, 29), "83% (24/29)");
        assert_eq!(share_text(1, 400), "<1% (1/400)");
        assert_eq!(share_text(0, 0), "- (0/0)");
    }
}
