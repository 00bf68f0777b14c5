//! `reuse` output: terminal, JSON, Markdown, one HTML page, CSV/JSONL tables.

use super::{to_json, Render, Rows};
use crate::compare::reuse::{ReusePair, ReuseResult, SharedPassage};
use crate::text::escape_for_display;
use askama::Template;
use std::fmt::Write as _;

/// Chars of a passage shown in the terminal before it is cut.
const SHOWN_CHARS: usize = 160;

/// What a pair's verdict means, for people.
fn verdict_text(code: &str) -> &'static str {
    match code {
        "common_source" => "输入中的国务院或本省报告有同样文字",
        "province_text" => "同省其他城市也有：可能出自省里的文件（未提供省报告，未核实）",
        "province_cities" => "同省其他城市也有，但省报告里没有",
        _ => "未找到共同来源",
    }
}

fn cut(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

fn who(o: &crate::compare::reuse::Occurrence) -> String {
    let year = super::year_text(o.year, "????");
    let name = escape_for_display(&o.jurisdiction);
    match &o.delivered {
        Some(d) => format!("{name} {year}（{d}）"),
        None => format!("{name} {year}"),
    }
}

fn source_text(p: &SharedPassage) -> String {
    p.source.clone().unwrap_or_else(|| "输入中无".to_string())
}

fn direction_text(p: &SharedPassage) -> String {
    p.direction
        .as_ref()
        .map_or_else(|| "无法判断".to_string(), |d| d.replace("->", " → "))
}

fn terminal(r: &ReuseResult, view: &Rows) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} reports of {} jurisdictions · {} shared passages (≥ {} chars) · {} carried over within a jurisdiction · {} foreign place names",
        r.reports,
        r.jurisdictions,
        r.passages.len(),
        r.parameters.min_chars,
        r.carried.len(),
        r.foreign_places.len()
    );
    if !r.pairs.is_empty() {
        let _ = writeln!(
            out,
            "\njurisdiction pairs (score = chars ÷ how many jurisdictions use the text)"
        );
        for p in r.pairs.iter().take(view.limit) {
            pair_line(&mut out, p);
        }
    }
    if !r.passages.is_empty() {
        let _ = writeln!(out, "\npassages, rarest first");
    }
    for (i, p) in r.passages.iter().take(view.limit).enumerate() {
        let _ = writeln!(
            out,
            "\n#{} {} chars · {} jurisdictions (text used by {}) · identity {:.0}% · source: {} · direction: {}",
            i + 1,
            p.chars,
            p.jurisdictions,
            p.weight,
            p.identity * 100.0,
            source_text(p),
            direction_text(p)
        );
        for o in &p.occurrences {
            let path = escape_for_display(&o.path);
            let _ = writeln!(out, "  {}  {path}:{}-{}", who(o), o.char_start, o.char_end);
            let _ = writeln!(out, "    {}", cut(&o.text.replace(['\n', '\r'], " "), SHOWN_CHARS));
        }
    }
    if !r.foreign_places.is_empty() {
        let _ = writeln!(
            out,
            "\nplaces of other prefectures named (a sign of copied text; check the sentence)"
        );
        for f in r.foreign_places.iter().take(view.limit) {
            let _ = writeln!(
                out,
                "  {} {}: {} ({}) — {}",
                escape_for_display(&f.jurisdiction),
                super::year_text(f.year, "????"),
                f.name,
                f.belongs_to,
                cut(&f.sentence, 80)
            );
        }
    }
    for p in &r.problems {
        // Names escaped here, not only by the final pass: with colour on,
        // that pass keeps colour sequences, and a name could carry one.
        let _ = writeln!(
            out,
            "problem: {}: {}",
            escape_for_display(&p.path),
            escape_for_display(&p.message)
        );
    }
    out
}

fn pair_line(out: &mut String, p: &ReusePair) {
    let _ = writeln!(
        out,
        "  {:>8.1}  {} ↔ {}  {} passages, {} chars{} · {}",
        p.score,
        escape_for_display(&p.a),
        escape_for_display(&p.b),
        p.passages,
        p.chars,
        if p.same_province { " · same province" } else { "" },
        verdict_text(p.verdict)
    );
}

fn markdown(r: &ReuseResult, view: &Rows) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Shared passages\n\n{} reports of {} jurisdictions; {} passages of at least {} chars shared across jurisdictions.\n",
        r.reports,
        r.jurisdictions,
        r.passages.len(),
        r.parameters.min_chars
    );
    if !r.pairs.is_empty() {
        let _ = writeln!(
            out,
            "| 地区 | 地区 | 同省 | 段落 | 字数 | 解读 |\n|---|---|---|---:|---:|---|"
        );
        for p in r.pairs.iter().take(view.limit) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                p.a,
                p.b,
                if p.same_province { "是" } else { "否" },
                p.passages,
                p.chars,
                verdict_text(p.verdict)
            );
        }
    }
    for (i, p) in r.passages.iter().take(view.limit).enumerate() {
        let _ = writeln!(
            out,
            "\n## {}. {} chars, {} jurisdictions\n\nsource: {} · direction: {}\n",
            i + 1,
            p.chars,
            p.jurisdictions,
            source_text(p),
            direction_text(p)
        );
        for o in &p.occurrences {
            let _ = writeln!(
                out,
                "> **{}** ({}:{}–{}): {}\n",
                who(o),
                o.path,
                o.char_start,
                o.char_end,
                o.text.replace('\n', " ")
            );
        }
    }
    out
}

struct PairRow {
    a: String,
    b: String,
    same: &'static str,
    passages: usize,
    chars: usize,
    verdict: &'static str,
}

struct OccurrenceBox {
    who: String,
    path: String,
    char_start: usize,
    char_end: usize,
    before: String,
    text: String,
    after: String,
}

struct PassageBox {
    chars: usize,
    jurisdictions: usize,
    weight: usize,
    identity: String,
    source: String,
    direction: String,
    occurrences: Vec<OccurrenceBox>,
}

struct PlaceRow {
    who: String,
    name: String,
    belongs_to: String,
    sentence: String,
}

#[derive(Template)]
#[template(path = "reuse.html", whitespace = "minimize")]
struct ReusePage {
    csp: &'static str,
    reports: usize,
    jurisdictions: usize,
    passage_count: usize,
    min_chars: usize,
    pairs: Vec<PairRow>,
    passages: Vec<PassageBox>,
    places: Vec<PlaceRow>,
    problems: Vec<String>,
}

fn html(r: &ReuseResult, view: &Rows) -> String {
    let page = ReusePage {
        csp: super::html::CSP,
        reports: r.reports,
        jurisdictions: r.jurisdictions,
        passage_count: r.passages.len(),
        min_chars: r.parameters.min_chars,
        pairs: r
            .pairs
            .iter()
            .take(view.limit)
            .map(|p| PairRow {
                a: p.a.clone(),
                b: p.b.clone(),
                same: if p.same_province { "是" } else { "否" },
                passages: p.passages,
                chars: p.chars,
                verdict: verdict_text(p.verdict),
            })
            .collect(),
        passages: r
            .passages
            .iter()
            .take(view.limit)
            .map(|p| PassageBox {
                chars: p.chars,
                jurisdictions: p.jurisdictions,
                weight: p.weight,
                identity: format!("{:.0}%", p.identity * 100.0),
                source: source_text(p),
                direction: direction_text(p),
                occurrences: p
                    .occurrences
                    .iter()
                    .map(|o| OccurrenceBox {
                        who: who(o),
                        path: o.path.clone(),
                        char_start: o.char_start,
                        char_end: o.char_end,
                        before: o.before.clone(),
                        text: o.text.clone(),
                        after: o.after.clone(),
                    })
                    .collect(),
            })
            .collect(),
        places: r
            .foreign_places
            .iter()
            .take(view.limit)
            .map(|f| PlaceRow {
                who: format!("{} {}", f.jurisdiction, super::year_text(f.year, "?")),
                name: f.name.clone(),
                belongs_to: f.belongs_to.clone(),
                sentence: f.sentence.clone(),
            })
            .collect(),
        problems: r
            .problems
            .iter()
            .map(|p| format!("{}：{}", p.path, p.message))
            .collect(),
    };
    page.render()
        .unwrap_or_else(|e| format!("<!-- render error: {e} -->\n"))
}

impl Render for ReuseResult {
    type View = Rows;
    fn terminal(&self, view: &Rows) -> Option<String> {
        Some(terminal(self, view))
    }

    fn json(&self, _view: &Rows) -> Option<String> {
        Some(to_json(self))
    }

    fn markdown(&self, view: &Rows) -> Option<String> {
        Some(markdown(self, view))
    }

    fn html(&self, view: &Rows) -> Option<String> {
        Some(html(self, view))
    }
}

/// One row per occurrence of a passage.
#[derive(serde::Serialize)]
struct OccurrenceRow<'a> {
    passage: usize,
    chars: usize,
    jurisdictions: usize,
    weight: usize,
    identity: f64,
    source: Option<&'a str>,
    direction: Option<&'a str>,
    path: &'a str,
    jurisdiction: &'a str,
    year: Option<i32>,
    delivered: Option<&'a str>,
    char_start: usize,
    char_end: usize,
    text: &'a str,
}

const OCCURRENCE_COLUMNS: &[&str] = &[
    "passage",
    "chars",
    "jurisdictions",
    "weight",
    "identity",
    "source",
    "direction",
    "path",
    "jurisdiction",
    "year",
    "delivered",
    "char_start",
    "char_end",
    "text",
];

const PAIR_COLUMNS: &[&str] = &[
    "a",
    "b",
    "same_province",
    "passages",
    "chars",
    "score",
    "explained_by_source",
    "also_in_province",
    "province_report_given",
    "verdict",
];

/// The two tables (`passages`, one row per occurrence; `pairs`) as
/// `(file name, content)`.
pub fn tables(r: &ReuseResult, csv: bool) -> Vec<(&'static str, String)> {
    let rows: Vec<OccurrenceRow> = r
        .passages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.occurrences.iter().map(move |o| OccurrenceRow {
                passage: i + 1,
                chars: p.chars,
                jurisdictions: p.jurisdictions,
                weight: p.weight,
                identity: p.identity,
                source: p.source.as_deref(),
                direction: p.direction.as_deref(),
                path: &o.path,
                jurisdiction: &o.jurisdiction,
                year: o.year,
                delivered: o.delivered.as_deref(),
                char_start: o.char_start,
                char_end: o.char_end,
                text: &o.text,
            })
        })
        .collect();
    if csv {
        vec![
            ("passages.csv", super::tables::csv_of(&rows, OCCURRENCE_COLUMNS)),
            ("pairs.csv", super::tables::csv_of(&r.pairs, PAIR_COLUMNS)),
        ]
    } else {
        vec![
            ("passages.jsonl", super::tables::jsonl_of(&rows)),
            ("pairs.jsonl", super::tables::jsonl_of(&r.pairs)),
        ]
    }
}
