//! Terminal, JSON and Markdown output of `diff`.

use super::layout::{
    figure_values, phrase_pieces, section_title, sentences, snippet, visible, width, Sentence, SpanKind, BRIEF_CONTEXTS,
};
use super::outline::md_escape;
use super::{thousands, to_json};
use crate::compare::diff::Tag;
use crate::compare::phrases::PairStatus;
use crate::compare::report::images::describe;
use crate::compare::report::{DiffReport, Rewritten, SectionDiff, Status};
use colored::Colorize;

mod markdown;
pub use markdown::markdown;

/// Options of the diff renderers.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffView {
    /// Sentences of context around each change.
    pub context: usize,
    /// Summary only.
    pub stat: bool,
    /// Two columns of this total width (terminal only).
    pub side_by_side: Option<usize>,
    /// Colour is on (terminal only): markers are then replaced by colour.
    pub color: bool,
    /// The brief only.
    pub brief: bool,
    /// Rewritten sections in full.
    pub full: bool,
    /// Every figure after the brief.
    pub all_figures: bool,
}

/// JSON per the contract.
pub fn json(report: &DiffReport) -> String {
    to_json(report)
}

/// [`json`], written to `out` as it is made: the JSON of a pair is several
/// times the size of its reports, and a whole string of it was half a
/// megabyte of fresh pages for the national pair before a byte was written.
/// (Its phrase changes, over half of it, are not serialized side by side as a
/// series' timelines are: that cost the national pair 1.4M instructions
/// for no wall time measurable.)
pub fn write_json(report: &DiffReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write;
    // serde_json writes a few bytes at a time: into a buffer it can call
    // directly, not through `out`'s vtable on every write.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, report)?;
    out.write_all(b"\n")?;
    out.flush()
}

impl super::ViewOptions for DiffView {
    fn color(&self) -> bool {
        self.color
    }
}

impl super::Render for DiffReport {
    type View = DiffView;
    fn terminal(&self, view: &DiffView) -> Option<String> {
        Some(terminal(self, *view))
    }
    fn json(&self, _view: &DiffView) -> Option<String> {
        Some(json(self))
    }
    fn markdown(&self, view: &DiffView) -> Option<String> {
        Some(markdown(self, view))
    }
    fn html(&self, view: &DiffView) -> Option<String> {
        Some(super::html::diff(self, view.context, view.brief, view.all_figures))
    }
}

fn paint_status(s: Status) -> String {
    let w = format!("{:<9}", s.as_str());
    match s {
        Status::Added => w.green().bold().to_string(),
        Status::Removed => w.red().bold().to_string(),
        Status::Moved => w.cyan().bold().to_string(),
        Status::Changed => w.yellow().bold().to_string(),
        Status::Unchanged => w.dimmed().to_string(),
    }
}

/// The one-line summary.
pub fn summary_line(r: &DiffReport) -> String {
    let s = &r.summary;
    let mut line = format!(
        "sections: {} added, {} removed, {} moved, {} changed, {} unchanged · words +{} −{} · phrases {} new, {} dropped, {} recurring",
        s.sections_added,
        s.sections_removed,
        s.sections_moved,
        s.sections_changed,
        s.sections_unchanged,
        thousands(s.words_inserted),
        thousands(s.words_deleted),
        s.phrases_new,
        s.phrases_dropped,
        s.phrases_recurring
    );
    if s.year_shifts > 0 {
        line.push_str(&format!(
            " · {} year shifts{}",
            s.year_shifts,
            if r.ignore_years { " (ignored)" } else { "" }
        ));
    }
    if r.degraded {
        line.push_str(" · degraded: some blocks compared whole, not word by word");
    }
    line
}

fn render_span(kind: SpanKind, text: &str, tag: Option<Tag>, phrases: &[String], color: bool) -> String {
    if !color {
        let moved = if tag == Some(Tag::Moved) { "↷" } else { "" };
        return match kind {
            SpanKind::Equal => text.to_string(),
            SpanKind::Deleted => format!("[-{moved}{text}-]"),
            SpanKind::Inserted => format!("{{+{moved}{text}+}}"),
        };
    }
    let mut out = String::new();
    for (is_phrase, piece) in phrase_pieces(text, phrases) {
        let styled = match (kind, tag) {
            (SpanKind::Equal, _) => piece.normal(),
            (_, Some(Tag::Moved)) => piece.cyan().italic(),
            (SpanKind::Deleted, Some(Tag::Number | Tag::Year)) => piece.yellow().strikethrough(),
            (SpanKind::Inserted, Some(Tag::Number | Tag::Year)) => piece.yellow().bold(),
            (SpanKind::Deleted, _) => piece.red().strikethrough(),
            (SpanKind::Inserted, _) => piece.green(),
        };
        let styled = if is_phrase && kind != SpanKind::Equal {
            styled.bold().underline()
        } else {
            styled
        };
        out.push_str(&styled.to_string());
    }
    out
}

fn render_sentence(s: &Sentence, color: bool) -> String {
    s.spans
        .iter()
        .map(|sp| render_span(sp.kind, &sp.text, sp.tag, &sp.phrases, color))
        .collect()
}

/// Terminal output.
pub fn terminal(r: &DiffReport, view: DiffView) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} → {}\n",
        format!("{} {}", r.old.label(), r.old.display_title()).bold(),
        format!("{} {}", r.new.label(), r.new.display_title()).bold()
    ));
    out.push_str(&summary_line(r));
    out.push('\n');
    if !view.stat {
        out.push_str(&brief_terminal(r, view.color));
    }
    if view.all_figures {
        out.push_str(&super::figure_list::terminal(r, view.color));
    }
    if view.brief {
        return out;
    }
    if view.stat {
        for s in &r.sections {
            if s.status != Status::Unchanged {
                out.push_str(&format!(
                    "  {} {}  +{} −{}\n",
                    paint_status(s.status),
                    section_title(s),
                    s.words_inserted,
                    s.words_deleted
                ));
            }
        }
        return out;
    }
    for s in r.sections.iter().filter(|s| s.status != Status::Unchanged) {
        section_terminal(&mut out, s, r, view);
    }
    out.push_str(&super::table_rows::terminal(r));
    phrases_terminal(&mut out, r);
    match view.side_by_side {
        Some(width) => fit(&out, width),
        None => out,
    }
}

/// One changed section pair in the terminal output.
fn section_terminal(out: &mut String, s: &SectionDiff, r: &DiffReport, view: DiffView) {
    out.push('\n');
    let sim = if s.old.is_some() && s.new.is_some() {
        format!("  similarity {:.2}", s.similarity)
    } else {
        String::new()
    };
    out.push_str(&format!(
        "{} {}{}\n",
        paint_status(s.status),
        section_title(s).bold(),
        sim.dimmed()
    ));
    if let (Status::Moved, Some(o)) = (s.status, &s.old) {
        out.push_str(&format!("          {}\n", format!("was: {}", o.path).dimmed()));
    }
    if let (Some(rw), false) = (&s.rewritten, view.full) {
        out.push_str(&format!("    {}\n", rewritten_line(rw).dimmed()));
        return;
    }
    let sents = sentences(&s.hunks, r.ignore_years);
    if matches!(s.status, Status::Added | Status::Removed) {
        let total: usize = sents
            .iter()
            .map(|x| x.new_text().chars().count().max(x.old_text().chars().count()))
            .sum();
        let first = sents
            .first()
            .map(|x| render_sentence(x, view.color))
            .unwrap_or_default();
        out.push_str(&format!("    {first}"));
        if sents.len() > 1 {
            out.push_str(&format!(
                " {}",
                format!("… ({} sentences, {} chars)", sents.len(), thousands(total)).dimmed()
            ));
        }
        out.push('\n');
        return;
    }
    match view.side_by_side {
        Some(width) => side_by_side(out, &sents, view, width),
        None => {
            for v in visible(&sents, view.context) {
                match v {
                    Some(i) => out.push_str(&format!("    {}\n", render_sentence(&sents[i], view.color))),
                    None => out.push_str(&format!("    {}\n", "⋯".dimmed())),
                }
            }
        }
    }
}

/// The phrase lists at the end of the terminal output, one line per status.
fn phrases_terminal(out: &mut String, r: &DiffReport) {
    if r.phrases.is_empty() {
        return;
    }
    out.push_str(&format!("\n{}\n", "phrases".bold()));
    for status in [
        PairStatus::New,
        PairStatus::Dropped,
        PairStatus::Recurring,
        PairStatus::Absent,
    ] {
        let items: Vec<String> = r
            .phrases
            .iter()
            .filter(|p| p.status == status)
            .map(|p| match p.last_seen {
                Some(y) => format!("{} ({}→{}, revived: {y})", p.label(), p.old_count, p.new_count),
                None => format!("{} ({}→{})", p.label(), p.old_count, p.new_count),
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        let name = format!("{:<10}", format!("{status:?}").to_lowercase());
        let name = match status {
            PairStatus::New => name.green().to_string(),
            PairStatus::Dropped => name.red().to_string(),
            _ => name.dimmed().to_string(),
        };
        out.push_str(&format!("  {name} {}\n", items.join(", ")));
    }
}

/// The summary line of a folded, rewritten section pair.
pub fn rewritten_line(rw: &Rewritten) -> String {
    let mut line = format!(
        "rewritten: {} → {} chars (too different to show as edits; --full shows the text)",
        thousands(rw.old_chars),
        thousands(rw.new_chars)
    );
    if !rw.gained.is_empty() {
        line.push_str(&format!(" · gained: {}", rw.gained.join("、")));
    }
    if !rw.lost.is_empty() {
        line.push_str(&format!(" · lost: {}", rw.lost.join("、")));
    }
    line
}

/// The image links of both sides in words, `None` when neither has any:
/// `old: 3 tables as images · new: 2 tables as images, 1 other image (not compared)`.
fn images_line(r: &DiffReport) -> Option<String> {
    let (old, new) = (describe(&r.images.old), describe(&r.images.new));
    if old.is_none() && new.is_none() {
        return None;
    }
    let none = || "none".to_string();
    Some(format!(
        "old: {} · new: {} (not compared)",
        old.unwrap_or_else(none),
        new.unwrap_or_else(none)
    ))
}

/// The brief in the terminal: key figures, formulations, most changed sections.
fn brief_terminal(r: &DiffReport, color: bool) -> String {
    let b = &r.brief;
    let mut out = String::from("\n");
    let head = |t: &str| if color { t.bold().to_string() } else { t.to_string() };
    if !b.figures.is_empty() {
        out.push_str(&format!("{}\n", head("key figures")));
        let w = b.figures.iter().map(|f| width(&f.indicator)).max().unwrap_or(0);
        for f in &b.figures {
            let (old, new) = figure_values(f);
            let line = format!(
                "  {:<7} {}  {} → {}",
                f.kind.as_str(),
                super::layout::pad(&f.indicator, w),
                old,
                if color { new.yellow().bold().to_string() } else { new }
            );
            out.push_str(&line);
            out.push('\n');
        }
    }
    let (new, revived) = b.new_and_revived();
    for (name, list) in [
        ("new formulations", new),
        ("dropped formulations", b.dropped_formulations.iter().collect()),
    ] {
        if !list.is_empty() {
            let items: Vec<String> = list.iter().map(|p| format!("{} ({})", p.text, p.count)).collect();
            out.push_str(&wrap_list(&head(name), width(name), &items));
            if name.starts_with("new") && !revived.is_empty() {
                let items: Vec<String> = revived
                    .iter()
                    .flat_map(|p| p.last_seen.map(|y| format!("{} ({y})", p.text)))
                    .collect();
                out.push_str(&wrap_list(&head("revived"), width("revived"), &items));
                if let Some(note) = crate::compare::report::brief::revived_note(false) {
                    out.push_str(&format!(
                        "    {}\n",
                        if color { note.dimmed().to_string() } else { note }
                    ));
                }
            }
            for p in list.iter().take(BRIEF_CONTEXTS) {
                if let Some(c) = &p.context {
                    out.push_str(&format!("    {}  {}\n", p.text.bold(), snippet(c, &p.text)));
                }
            }
        }
    }
    if let Some(line) = images_line(r) {
        out.push_str(&format!("{}  {line}\n", head("images")));
    }
    if !b.sections.is_empty() {
        out.push_str(&format!("{}\n", head("most changed sections")));
        for c in &b.sections {
            let s = &r.sections[c.index];
            out.push_str(&format!(
                "  {:<9} {}  {} words{}\n",
                c.status.as_str(),
                section_title(s),
                thousands(c.words_changed),
                if s.rewritten.is_some() { " (rewritten)" } else { "" }
            ));
        }
    }
    out
}

/// Columns the brief's lists of formulations wrap at.
const BRIEF_WIDTH: usize = 100;

/// `name  a, b, c` wrapped at [`BRIEF_WIDTH`] columns, continuation lines
/// indented by two spaces (`name_width`: the name's width without colour).
fn wrap_list(name: &str, name_width: usize, items: &[String]) -> String {
    let mut out = format!("{name} ");
    let mut col = name_width + 1;
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        let w = width(&piece);
        if col + 1 + w > BRIEF_WIDTH && col > 2 {
            out.push_str("\n ");
            col = 1;
        }
        out.push(' ');
        out.push_str(&piece);
        col += 1 + w;
    }
    out.push('\n');
    out
}

/// `text` with every line wider than `max` display columns wrapped, the
/// continuation lines indented; colour escapes take no room. Side-by-side
/// output promises its width for the header, summary and phrase lines too.
fn fit(text: &str, max: usize) -> String {
    const INDENT: &str = "    ";
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        // Pieces: one char, or one whole escape sequence (no width).
        let mut pieces: Vec<(&str, usize)> = Vec::new();
        let mut rest = line;
        while let Some(c) = rest.chars().next() {
            let len = match (c, rest.find('m')) {
                ('\u{1b}', Some(m)) => m + 1,
                _ => c.len_utf8(),
            };
            let piece = &rest[..len];
            pieces.push((piece, if c == '\u{1b}' { 0 } else { width(piece) }));
            rest = &rest[len..];
        }
        let mut used = 0;
        let mut start = 0;
        let mut last_space: Option<usize> = None;
        let mut i = 0;
        while i < pieces.len() {
            let (p, w) = pieces[i];
            if used + w > max && used > INDENT.len() {
                // Break after the line's last space unless that is too early.
                let cut = match last_space {
                    Some(s) if s > start + 8 => s + 1,
                    _ => i,
                };
                out.extend(pieces[start..cut].iter().map(|(p, _)| *p));
                out.push('\n');
                out.push_str(INDENT);
                used = INDENT.len();
                start = cut;
                last_space = None;
                i = cut;
                continue;
            }
            if p == " " {
                last_space = Some(i);
            }
            used += w;
            i += 1;
        }
        out.extend(pieces[start..].iter().map(|(p, _)| *p));
        out.push('\n');
    }
    out
}
/// Cuts `spans` (already styled per piece) into lines of at most `w` columns.
fn wrap(pieces: &[(String, String)], w: usize) -> Vec<String> {
    // pieces: (plain char, styled char)
    let mut lines = vec![String::new()];
    let mut used = 0;
    for (plain, styled) in pieces {
        let cw = width(plain);
        if used + cw > w && used > 0 {
            let pad = w.saturating_sub(used);
            if let Some(l) = lines.last_mut() {
                l.push_str(&" ".repeat(pad));
            }
            lines.push(String::new());
            used = 0;
        }
        if let Some(l) = lines.last_mut() {
            l.push_str(styled);
        }
        used += cw;
    }
    let pad = w.saturating_sub(used);
    if let Some(l) = lines.last_mut() {
        l.push_str(&" ".repeat(pad));
    }
    lines
}

fn side_pieces(s: &Sentence, keep: SpanKind, color: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sp in s
        .spans
        .iter()
        .filter(|sp| sp.kind == SpanKind::Equal || sp.kind == keep)
    {
        for c in sp.text.chars() {
            let plain = c.to_string();
            let styled = if color {
                render_span(sp.kind, &plain, sp.tag, &[], true)
            } else {
                plain.clone()
            };
            out.push((plain, styled));
        }
        if !color && sp.kind != SpanKind::Equal {
            // Without colour, bracket changed spans so they stay visible.
            let (open, close) = if keep == SpanKind::Deleted {
                ("[-", "-]")
            } else {
                ("{+", "+}")
            };
            let n = sp.text.chars().count();
            let len = out.len();
            out.insert(len - n, (open.to_string(), open.to_string()));
            out.push((close.to_string(), close.to_string()));
        }
    }
    out
}

fn side_by_side(out: &mut String, sents: &[Sentence], view: DiffView, total: usize) {
    let col = (total.saturating_sub(7) / 2).max(8);
    for v in visible(sents, view.context) {
        let Some(i) = v else {
            out.push_str(&format!("    {}\n", "⋯".dimmed()));
            continue;
        };
        let left = wrap(&side_pieces(&sents[i], SpanKind::Deleted, view.color), col);
        let right = wrap(&side_pieces(&sents[i], SpanKind::Inserted, view.color), col);
        let sep = if sents[i].changed { "│" } else { "┆" };
        for k in 0..left.len().max(right.len()) {
            let blank = " ".repeat(col);
            let l = left.get(k).unwrap_or(&blank);
            let r = right.get(k).map(|s| s.trim_end()).unwrap_or("");
            out.push_str(&format!("  {l} {sep} {r}\n"));
        }
    }
}

#[cfg(test)]
mod snippet_tests {
    use super::snippet;

    #[test]
    fn snippets_cut_around_the_phrase() {
        assert_eq!(snippet("推进五乐计划", "五乐"), "推进五乐计划");
        let long = format!("{}新质生产力{}", "甲".repeat(30), "乙".repeat(30));
        let s = snippet(&long, "新质生产力");
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert_eq!(s.chars().count(), 24 + 5 + 24 + 2);
    }
}

#[cfg(test)]
mod streamed_json_tests {
    use super::{json, write_json};
    use crate::compare::report::{diff_reports, DiffOptions};
    use crate::read::document::{load, LoadOptions};

    /// The streamed JSON is byte for byte the report's own serialization: on
    /// a real pair, and on one with no phrase to compare.
    #[test]
    fn streamed_json_is_the_serialized_report() {
        let dir = format!("{}/../shared/corpus/national", env!("CARGO_MANIFEST_DIR"));
        let read = |y: u32| load(&format!("{dir}/{y}.txt"), &LoadOptions::default()).expect("a national report");
        let (old, new) = (read(2012).remove(0), read(2013).remove(0));
        let real = diff_reports(&old, &new, &DiffOptions::default());
        assert!(real.phrases.len() > 64, "{} phrase changes", real.phrases.len());
        let mut bare = real.clone();
        bare.phrases.clear();
        for r in [real, bare] {
            let expected = json(&r);
            let mut written = Vec::new();
            write_json(&r, &mut written).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), expected);
        }
    }
}
