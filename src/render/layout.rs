//! Layout shared by the diff renderers (terminal, Markdown, HTML): hunks cut
//! into display sentences, which sentences to show around changes, section
//! titles and figure values. Presentation only: the diff itself is
//! read from the report value.

use crate::compare::diff::{Hunk, Op, Tag};
use crate::compare::figures::FigureChange;
use crate::compare::report::{SectionDiff, SectionRef};
use unicode_width::UnicodeWidthChar;

/// What a span of a display sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// Same on both sides.
    Equal,
    /// Only in OLD.
    Deleted,
    /// Only in NEW.
    Inserted,
}

/// A span of text in a display sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Kind.
    pub kind: SpanKind,
    /// Text.
    pub text: String,
    /// Tag of the hunk it came from.
    pub tag: Option<Tag>,
    /// Notable phrases of the hunk (to highlight inside `text`).
    pub phrases: Vec<String>,
}

/// One display sentence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sentence {
    /// Spans in order.
    pub spans: Vec<Span>,
    /// Contains a visible change.
    pub changed: bool,
}

impl Sentence {
    /// The OLD side's text of the sentence.
    pub fn old_text(&self) -> String {
        self.spans
            .iter()
            .filter(|s| s.kind != SpanKind::Inserted)
            .map(|s| s.text.as_str())
            .collect()
    }

    /// The NEW side's text of the sentence.
    pub fn new_text(&self) -> String {
        self.spans
            .iter()
            .filter(|s| s.kind != SpanKind::Deleted)
            .map(|s| s.text.as_str())
            .collect()
    }
}

fn is_terminator(c: char) -> bool {
    // Hunks quote the report's own characters: full-width marks end sentences too.
    matches!(c, '。' | '!' | '?' | ';' | '！' | '？' | '；' | '\n')
}

/// Cuts hunks into display sentences. With `ignore_years`, year shifts are shown
/// as their NEW text and do not make a sentence changed.
pub fn sentences(hunks: &[Hunk], ignore_years: bool) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut cur = Sentence::default();
    for h in hunks {
        let hidden = ignore_years && h.tag == Some(Tag::Year);
        let parts: Vec<(SpanKind, &str)> = match h.op {
            Op::Equal => vec![(SpanKind::Equal, h.old.as_str())],
            _ if hidden => vec![(SpanKind::Equal, h.new.as_str())],
            Op::Delete => vec![(SpanKind::Deleted, h.old.as_str())],
            Op::Insert => vec![(SpanKind::Inserted, h.new.as_str())],
            Op::Replace => vec![
                (SpanKind::Deleted, h.old.as_str()),
                (SpanKind::Inserted, h.new.as_str()),
            ],
        };
        for (kind, text) in parts {
            let mut piece = String::new();
            for c in text.chars() {
                if c != '\n' {
                    piece.push(c);
                }
                if is_terminator(c) {
                    push_span(&mut cur, kind, std::mem::take(&mut piece), h);
                    if !cur.spans.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                }
            }
            push_span(&mut cur, kind, piece, h);
        }
    }
    if !cur.spans.is_empty() {
        out.push(cur);
    }
    out
}

fn push_span(cur: &mut Sentence, kind: SpanKind, text: String, h: &Hunk) {
    // Whitespace-only changes are layout, not content: show NEW's, mark nothing.
    let kind = match kind {
        SpanKind::Deleted if text.trim().is_empty() => return,
        SpanKind::Inserted if text.trim().is_empty() => SpanKind::Equal,
        k => k,
    };
    if text.is_empty() {
        return;
    }
    if kind != SpanKind::Equal {
        cur.changed = true;
    }
    // Only the hunk's phrases found in this span: highlighting looks for them
    // inside the span's text alone, and a hunk deleting thousands of quoted
    // terms must not copy its whole list into each of its sentences.
    let phrases = h
        .phrases
        .iter()
        .filter(|p| p.len() <= text.len() && text.contains(p.as_str()))
        .cloned()
        .collect();
    cur.spans.push(Span {
        kind,
        text,
        tag: if kind == SpanKind::Equal { None } else { h.tag },
        phrases,
    });
}

/// Indices of sentences to show: the changed ones and `context` sentences around
/// each; `None` marks a gap.
pub fn visible(sentences: &[Sentence], context: usize) -> Vec<Option<usize>> {
    let n = sentences.len();
    let mut show = vec![false; n];
    for (i, s) in sentences.iter().enumerate() {
        if s.changed {
            show[i.saturating_sub(context)..(i + context + 1).min(n)].fill(true);
        }
    }
    let mut out = Vec::new();
    let mut gap = false;
    for (i, &s) in show.iter().enumerate() {
        if s {
            if gap && !out.is_empty() {
                out.push(None);
            }
            gap = false;
            out.push(Some(i));
        } else {
            gap = true;
        }
    }
    if gap && !out.is_empty() {
        out.push(None);
    }
    out
}

/// Splits `text` into (is_phrase, piece) around occurrences of `phrases`
/// (longest first), for highlighting.
pub fn phrase_pieces<'a>(text: &'a str, phrases: &[String]) -> Vec<(bool, &'a str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let hit = phrases
            .iter()
            .find(|p| !p.is_empty() && text[i..].starts_with(p.as_str()));
        match hit {
            Some(p) => {
                out.push((true, &text[i..i + p.len()]));
                i += p.len();
            }
            None => {
                let c = text[i..].chars().next().map_or(1, char::len_utf8);
                match out.last_mut() {
                    Some((false, prev)) if prev.as_ptr() as usize + prev.len() == text[i..].as_ptr() as usize => {
                        *prev = &text[i - prev.len()..i + c];
                    }
                    _ => out.push((false, &text[i..i + c])),
                }
                i += c;
            }
        }
    }
    out
}

fn label(r: &SectionRef) -> String {
    if r.marker.is_empty() && r.heading.is_empty() {
        r.path.clone()
    } else {
        format!("{}{}", r.marker, r.heading)
    }
}

/// `old → new` heading of a section entry.
pub fn section_title(s: &SectionDiff) -> String {
    match (&s.old, &s.new) {
        (Some(o), Some(n)) if label(o) == label(n) && o.path == n.path => label(n),
        (Some(o), Some(n)) => format!("{} → {}", label(o), label(n)),
        (Some(o), None) => label(o),
        (None, Some(n)) => label(n),
        (None, None) => String::new(),
    }
}

/// `old → new` of a key figure, `(new)` / `(dropped)` for a one-sided one.
pub fn figure_values(f: &FigureChange) -> (String, String) {
    let v = |x: &Option<crate::compare::figures::FigureValue>, none: &str| {
        x.as_ref().map_or_else(|| none.to_string(), |x| x.value.clone())
    };
    (v(&f.old, "(new)"), v(&f.new, "(dropped)"))
}

/// Formulations of each brief list shown with a context line (terminal, Markdown, HTML).
pub const BRIEF_CONTEXTS: usize = 3;

/// Characters of context shown on each side of a phrase in the brief.
const SNIPPET_SIDE: usize = 24;

/// The part of `sentence` around `phrase` (its first occurrence, else the
/// sentence's start), at most [`SNIPPET_SIDE`] characters each side, `…` where cut.
pub fn snippet(sentence: &str, phrase: &str) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    let at = sentence.find(phrase).map_or(0, |b| sentence[..b].chars().count());
    let len = phrase.chars().count();
    let from = at.saturating_sub(SNIPPET_SIDE);
    let to = (at + len + SNIPPET_SIDE).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// Display width of a string (CJK characters are two columns).
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `s` padded with spaces to `w` display columns (never cut).
pub fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hunk(op: Op, old: &str, new: &str) -> Hunk {
        Hunk {
            op,
            old: old.into(),
            new: new.into(),
            tag: None,
            phrases: vec![],
            moved: None,
            words_deleted: 0,
            words_inserted: 0,
        }
    }

    #[test]
    fn sentences_and_context() {
        let hunks = vec![
            hunk(Op::Equal, "甲。乙。", "甲。乙。"),
            hunk(Op::Replace, "丙", "丁"),
            hunk(Op::Equal, "。戊。己。庚。", "。戊。己。庚。"),
        ];
        let s = sentences(&hunks, false);
        assert_eq!(s.len(), 6);
        assert!(s[2].changed);
        assert_eq!(
            (s[2].old_text(), s[2].new_text()),
            ("丙。".to_string(), "丁。".to_string())
        );
        assert_eq!(visible(&s, 1), vec![Some(1), Some(2), Some(3), None]);
    }

    #[test]
    fn phrase_highlight_pieces() {
        let p = phrase_pieces("推进百千万工程走深", &["百千万工程".to_string()]);
        assert_eq!(p, vec![(false, "推进"), (true, "百千万工程"), (false, "走深")]);
    }
}
