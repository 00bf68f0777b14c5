//! Stage 7, **diff**: word-level differences between two aligned texts.
//!
//! Texts are compared sentence by sentence first (Patience over interned
//! sentences), then each changed block word by word (Patience over interned
//! token ids from [`crate::compare::segment`]). Tiny equal islands between changes are
//! folded into the change (semantic cleanup), changed numbers and pure year
//! shifts are tagged, and a deleted passage that reappears elsewhere in the same
//! section is tagged `moved`. Work is bounded by size, not by time: a block too
//! large to diff word by word is reported whole and marked degraded, so the output
//! never depends on the machine's speed.

mod cleanup;
pub(crate) mod engine;

use crate::compare::segment::{is_year, Token, TokenKind};
use cleanup::{cleanup, merge, tag_moves, to_hunks};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use similar::{DiffOp, DiffTag};

/// Largest product of token counts diffed word by word in one block.
pub const MAX_WORD_CELLS: usize = 4_000_000;
/// Largest product of sentence counts diffed sentence by sentence.
pub const MAX_SENTENCE_CELLS: usize = 25_000_000;
/// Changed blocks up to this product of token counts are diffed word by word at once.
const DIRECT_WORD_CELLS: usize = 40_000;
/// Larger blocks first pair their sentences (up to this many sentence pairs).
const MAX_SENTENCE_PAIRS: usize = 250_000;
/// Sentences less similar than this (Dice of character bigrams) are not paired.
const MIN_SENTENCE_SIMILARITY: f64 = 0.3;

/// What a hunk does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Same text on both sides.
    Equal,
    /// Text only in NEW.
    Insert,
    /// Text only in OLD.
    Delete,
    /// OLD text replaced by NEW text.
    Replace,
}

/// Why a change is special.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// A number changed (`5%` → `5.5%`).
    Number,
    /// Only a year changed (`2024年` → `2025年`): hidden with `--ignore-years`.
    Year,
    /// The passage moved within the section.
    Moved,
}

/// One hunk: concatenating `old` (resp. `new`) of all hunks rebuilds the OLD
/// (resp. NEW) text exactly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hunk {
    /// What the hunk does.
    pub op: Op,
    /// OLD text ("" for insert).
    pub old: String,
    /// NEW text ("" for delete).
    pub new: String,
    /// Special kind of change, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
    /// New, dropped or watched phrases in the changed text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<String>,
    /// A passage moved to (delete) or from (insert) another section, with the
    /// edits between its two wordings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved: Option<Box<Move>>,
    /// Words (not punctuation or spaces) deleted by this hunk.
    #[serde(skip)]
    pub words_deleted: usize,
    /// Words inserted by this hunk.
    #[serde(skip)]
    pub words_inserted: usize,
}

impl Hunk {
    fn new(op: Op, old: String, new: String) -> Hunk {
        Hunk {
            op,
            old,
            new,
            tag: None,
            phrases: Vec::new(),
            moved: None,
            words_deleted: 0,
            words_inserted: 0,
        }
    }
}

/// Where a moved passage went (or came from), and how it was reworded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    /// The other section's id (`s<index>` in its report).
    pub id: String,
    /// The other section's path.
    pub section: String,
    /// Hunks from the OLD wording to the NEW one (numbers tagged).
    pub edits: Vec<Hunk>,
}

/// Edits between two wordings of one sentence: numbers (with decimals, `%`) and
/// Latin runs are units, every other character is one; Patience over them,
/// changed numbers tagged. Sentences are short, so this is cheap.
pub fn sentence_edits(old: &str, new: &str) -> Vec<Hunk> {
    fn units(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            let len = if c.is_ascii_alphanumeric() {
                rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '%'))
                    .unwrap_or(rest.len())
            } else {
                c.len_utf8()
            };
            out.push(&rest[..len]);
            rest = &rest[len..];
        }
        out
    }
    let (a, b) = (units(old), units(new));
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let x: Vec<u32> = a.iter().map(|u| intern(&mut ids, u)).collect();
    let y: Vec<u32> = b.iter().map(|u| intern(&mut ids, u)).collect();
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '%');
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in engine::patience(&x, &y) {
        let (mut o, mut n) = (&a[op.old_range()], &b[op.new_range()]);
        // A number replaced by a number is its own tagged edit, whatever follows.
        if op.tag() == DiffTag::Replace && numeric(o[0]) && numeric(n[0]) {
            let mut h = Hunk::new(Op::Replace, o[0].to_string(), n[0].to_string());
            h.tag = Some(Tag::Number);
            hunks.push(h);
            (o, n) = (&o[1..], &n[1..]);
        }
        let kind = match (op.tag(), o.is_empty(), n.is_empty()) {
            (_, true, true) => continue,
            (DiffTag::Equal, _, _) => Op::Equal,
            (_, false, true) => Op::Delete,
            (_, true, false) => Op::Insert,
            _ => Op::Replace,
        };
        hunks.push(Hunk::new(kind, o.concat(), n.concat()));
    }
    hunks
}

/// A text with its tokens.
#[derive(Debug, Clone, Copy)]
pub struct Tokenized<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens, covering it.
    pub tokens: &'a [Token],
}

/// The differences between two texts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextDiff {
    /// Hunks in text order.
    pub hunks: Vec<Hunk>,
    /// Some block was too large to diff word by word.
    pub degraded: bool,
}

/// A piece of the diff before hunks are formed.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    op: Op,
    text: String,
    words: usize,
    /// The piece is one number (or year) token.
    number: bool,
    year: bool,
}

/// Diffs OLD against NEW.
pub fn diff_texts(old: Tokenized, new: Tokenized) -> TextDiff {
    if old.text == new.text {
        return TextDiff {
            hunks: if old.text.is_empty() {
                Vec::new()
            } else {
                vec![Hunk::new(Op::Equal, old.text.to_string(), new.text.to_string())]
            },
            degraded: false,
        };
    }
    let mut degraded = false;
    let mut pieces: Vec<Piece> = Vec::new();
    let old_s = sentences(old);
    let new_s = sentences(new);
    // Sentences equal at both ends are matched first (linear): one sentence
    // inserted among thousands of identical ones leaves a tiny middle, which
    // the sentence limit below then never degrades.
    let same = |i: usize, j: usize| text_of(old, &old_s[i]) == text_of(new, &new_s[j]);
    let prefix = (0..old_s.len().min(new_s.len())).take_while(|&i| same(i, i)).count();
    let suffix = (0..old_s.len().min(new_s.len()) - prefix)
        .take_while(|&k| same(old_s.len() - 1 - k, new_s.len() - 1 - k))
        .count();
    let (old_mid, new_mid) = (prefix..old_s.len() - suffix, prefix..new_s.len() - suffix);
    let mut ops: Vec<DiffOp> = Vec::new();
    if prefix > 0 {
        ops.push(DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: prefix,
        });
    }
    if old_mid.len().saturating_mul(new_mid.len()) <= MAX_SENTENCE_CELLS {
        let mut ids: HashMap<&str, u32> =
            HashMap::with_capacity_and_hasher(old_mid.len() + new_mid.len(), Default::default());
        let a: Vec<u32> = old_s[old_mid.clone()]
            .iter()
            .map(|r| intern(&mut ids, text_of(old, r)))
            .collect();
        let b: Vec<u32> = new_s[new_mid.clone()]
            .iter()
            .map(|r| intern(&mut ids, text_of(new, r)))
            .collect();
        ops.extend(engine::patience(&a, &b).into_iter().map(|op| shift(op, prefix)));
    } else {
        degraded = true;
        ops.push(DiffOp::Replace {
            old_index: prefix,
            old_len: old_mid.len(),
            new_index: prefix,
            new_len: new_mid.len(),
        });
    }
    if suffix > 0 {
        ops.push(DiffOp::Equal {
            old_index: old_mid.end,
            new_index: new_mid.end,
            len: suffix,
        });
    }
    let span = |ss: &[std::ops::Range<usize>], r: std::ops::Range<usize>| -> std::ops::Range<usize> {
        if r.is_empty() {
            0..0
        } else {
            ss[r.start].start..ss[r.end - 1].end
        }
    };
    for op in ops {
        let old_span = |r| span(&old_s, r);
        let new_span = |r| span(&new_s, r);
        let Some((a, b)) = push_op(&mut pieces, &op, old, new, old_span, new_span) else {
            continue;
        };
        let (os, ns) = (op.old_range(), op.new_range());
        if a.len().saturating_mul(b.len()) <= DIRECT_WORD_CELLS {
            diff_tokens(&mut pieces, old, a, new, b);
        } else if os.len().saturating_mul(ns.len()) <= MAX_SENTENCE_PAIRS {
            degraded |= diff_sentence_block(&mut pieces, old, &old_s[os], new, &new_s[ns]);
        } else if a.len().saturating_mul(b.len()) <= MAX_WORD_CELLS {
            diff_tokens(&mut pieces, old, a, new, b);
        } else {
            degraded = true;
            push_tokens(&mut pieces, Op::Delete, old, a);
            push_tokens(&mut pieces, Op::Insert, new, b);
        }
    }
    let pieces = cleanup(merge(pieces));
    let mut hunks = to_hunks(pieces);
    tag_moves(&mut hunks);
    TextDiff { hunks, degraded }
}

/// `op` with both sides moved `by` sentences later.
fn shift(op: DiffOp, by: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + by,
            new_index: new_index + by,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + by,
            old_len,
            new_index: new_index + by,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + by,
            new_index: new_index + by,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + by,
            old_len,
            new_index: new_index + by,
            new_len,
        },
    }
}

/// The text of a token range.
fn text_of<'a>(t: Tokenized<'a>, r: &std::ops::Range<usize>) -> &'a str {
    if r.is_empty() {
        ""
    } else {
        &t.text[t.tokens[r.start].start()..t.tokens[r.end - 1].end()]
    }
}

/// The id of `s`, assigning the next one on first sight.
fn intern<'a>(ids: &mut HashMap<&'a str, u32>, s: &'a str) -> u32 {
    let n = ids.len() as u32;
    *ids.entry(s).or_insert(n)
}

/// Token ranges of sentences: each ends after `。!?;` or a line break.
fn sentences(t: Tokenized) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, tok) in t.tokens.iter().enumerate() {
        let s = tok.text(t.text);
        let ends = match tok.kind {
            TokenKind::Punct => matches!(s, "。" | "!" | "?" | ";" | "！" | "？" | "；"),
            TokenKind::Space => s.contains('\n'),
            _ => false,
        };
        if ends {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < t.tokens.len() {
        out.push(start..t.tokens.len());
    }
    out
}

fn piece_of(op: Op, t: Tokenized, range: std::ops::Range<usize>) -> Option<Piece> {
    if range.is_empty() {
        return None;
    }
    let toks = &t.tokens[range];
    let text = &t.text[toks[0].start()..toks[toks.len() - 1].end()];
    let single_number = toks.len() == 1 && toks[0].kind == TokenKind::Number;
    Some(Piece {
        op,
        text: text.to_string(),
        words: toks.iter().filter(|x| x.kind.is_word()).count(),
        number: single_number,
        year: single_number && is_year(text),
    })
}

fn push_tokens(pieces: &mut Vec<Piece>, op: Op, t: Tokenized, range: std::ops::Range<usize>) {
    pieces.extend(piece_of(op, t, range));
}

/// A changed block of several sentences: pair similar sentences in order (a
/// monotone alignment maximising total similarity), diff each pair word by
/// word, and report the rest as deleted or inserted sentences. Returns whether a
/// pair was too large to diff by words.
fn diff_sentence_block(
    pieces: &mut Vec<Piece>,
    old: Tokenized,
    old_s: &[std::ops::Range<usize>],
    new: Tokenized,
    new_s: &[std::ops::Range<usize>],
) -> bool {
    let grams = |t: Tokenized, r: &std::ops::Range<usize>| crate::compare::align::sorted_bigrams(text_of(t, r));
    let og: Vec<Vec<u64>> = old_s.iter().map(|r| grams(old, r)).collect();
    let ng: Vec<Vec<u64>> = new_s.iter().map(|r| grams(new, r)).collect();
    let (m, n) = (old_s.len(), new_s.len());
    // score[i][j]: best total similarity aligning the first i old and j new sentences.
    let mut score = vec![vec![0.0f64; n + 1]; m + 1];
    for i in 1..=m {
        for j in 1..=n {
            let s = crate::compare::align::sorted_dice(&og[i - 1], &ng[j - 1]);
            let diag = if s >= MIN_SENTENCE_SIMILARITY {
                score[i - 1][j - 1] + s
            } else {
                f64::MIN
            };
            score[i][j] = score[i - 1][j].max(score[i][j - 1]).max(diag);
        }
    }
    let mut matched: Vec<(usize, usize)> = Vec::new();
    let (mut i, mut j) = (m, n);
    while i > 0 && j > 0 {
        if score[i][j] == score[i - 1][j] {
            i -= 1;
        } else if score[i][j] == score[i][j - 1] {
            j -= 1;
        } else {
            matched.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        }
    }
    matched.reverse();
    let mut degraded = false;
    let (mut oi, mut nj) = (0, 0);
    for (a, b) in matched.into_iter().chain([(m, n)]) {
        for r in &old_s[oi..a] {
            push_tokens(pieces, Op::Delete, old, r.clone());
        }
        for r in &new_s[nj..b] {
            push_tokens(pieces, Op::Insert, new, r.clone());
        }
        if a < m && b < n {
            let (x, y) = (old_s[a].clone(), new_s[b].clone());
            if x.len().saturating_mul(y.len()) <= MAX_WORD_CELLS {
                diff_tokens(pieces, old, x, new, y);
            } else {
                degraded = true;
                push_tokens(pieces, Op::Delete, old, x);
                push_tokens(pieces, Op::Insert, new, y);
            }
        }
        (oi, nj) = (a + 1, b + 1);
    }
    degraded
}

/// Word-level diff of one changed block.
fn diff_tokens(
    pieces: &mut Vec<Piece>,
    old: Tokenized,
    a: std::ops::Range<usize>,
    new: Tokenized,
    b: std::ops::Range<usize>,
) {
    let mut ids: HashMap<&str, u32> = HashMap::with_capacity_and_hasher(a.len() + b.len(), Default::default());
    let x: Vec<u32> = old.tokens[a.clone()]
        .iter()
        .map(|t| intern(&mut ids, t.text(old.text)))
        .collect();
    let y: Vec<u32> = new.tokens[b.clone()]
        .iter()
        .map(|t| intern(&mut ids, t.text(new.text)))
        .collect();
    let (ot, nt) = (a.start, b.start);
    for op in engine::patience(&x, &y) {
        let shift_old = |r: std::ops::Range<usize>| ot + r.start..ot + r.end;
        let shift_new = |r: std::ops::Range<usize>| nt + r.start..nt + r.end;
        if let Some((x, y)) = push_op(pieces, &op, old, new, shift_old, shift_new) {
            push_tokens(pieces, Op::Delete, old, x);
            push_tokens(pieces, Op::Insert, new, y);
        }
    }
}

/// Pushes the piece of an equal, delete or insert op, its unit ranges turned into
/// token ranges by `old_at` / `new_at`; for a replace op pushes nothing and
/// returns the two token ranges, for the caller to diff further.
fn push_op(
    pieces: &mut Vec<Piece>,
    op: &DiffOp,
    old: Tokenized,
    new: Tokenized,
    old_at: impl Fn(std::ops::Range<usize>) -> std::ops::Range<usize>,
    new_at: impl Fn(std::ops::Range<usize>) -> std::ops::Range<usize>,
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let (a, b) = (old_at(op.old_range()), new_at(op.new_range()));
    match op.tag() {
        DiffTag::Equal => push_tokens(pieces, Op::Equal, old, a),
        DiffTag::Delete => push_tokens(pieces, Op::Delete, old, a),
        DiffTag::Insert => push_tokens(pieces, Op::Insert, new, b),
        DiffTag::Replace => return Some((a, b)),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::segment::Segmenter;

    fn diff(a: &str, b: &str) -> TextDiff {
        let seg = Segmenter::new([a, b], &["百千万工程".to_string()]);
        let (ta, tb) = (seg.tokenize(a), seg.tokenize(b));
        diff_texts(Tokenized { text: a, tokens: &ta }, Tokenized { text: b, tokens: &tb })
    }

    fn rebuild(d: &TextDiff) -> (String, String) {
        (
            d.hunks.iter().map(|h| h.old.as_str()).collect(),
            d.hunks.iter().map(|h| h.new.as_str()).collect(),
        )
    }

    #[test]
    fn whole_words_change() {
        let a = "坚持稳中求进工作总基调。全面深化改革开放。";
        let b = "坚持稳中求进工作总基调。全面推进乡村振兴。";
        let d = diff(a, b);
        assert_eq!(rebuild(&d), (a.to_string(), b.to_string()));
        let changed: Vec<&Hunk> = d.hunks.iter().filter(|h| h.op != Op::Equal).collect();
        assert_eq!(changed.len(), 1);
        assert_eq!(
            (changed[0].old.as_str(), changed[0].new.as_str()),
            ("深化改革开放", "推进乡村振兴")
        );
    }

    #[test]
    fn number_and_year_tags() {
        let d = diff("增长5%左右。", "增长5.5%左右。");
        let h = d.hunks.iter().find(|h| h.op == Op::Replace).unwrap();
        assert_eq!(
            (h.old.as_str(), h.new.as_str(), h.tag),
            ("5%", "5.5%", Some(Tag::Number))
        );
        let d = diff("2024年工作安排", "2025年工作安排");
        assert_eq!(d.hunks[0].tag, Some(Tag::Year));
    }

    #[test]
    fn moved_sentence_is_tagged() {
        let a = "第一句关于扩大有效投资的内容。第二句关于发展新质生产力的内容。第三句。";
        let b = "第二句关于发展新质生产力的内容。第一句关于扩大有效投资的内容。第三句。";
        let d = diff(a, b);
        assert_eq!(rebuild(&d), (a.to_string(), b.to_string()));
        assert!(
            d.hunks.iter().filter(|h| h.tag == Some(Tag::Moved)).count() >= 2,
            "{:?}",
            d.hunks
        );
    }

    #[test]
    fn protected_phrase_inserted_whole() {
        let d = diff("推进乡村振兴。", "推进百千万工程。");
        assert!(d
            .hunks
            .iter()
            .any(|h| h.new.contains("百千万工程") && h.op != Op::Equal));
    }

    #[test]
    fn sentence_edits_tag_numbers() {
        let h = sentence_edits("技术合同成交额增长28.6%。", "技术合同成交额增长11.2%,创新高。");
        let changed: Vec<(&str, &str, Option<Tag>)> = h
            .iter()
            .filter(|h| h.op != Op::Equal)
            .map(|h| (h.old.as_str(), h.new.as_str(), h.tag))
            .collect();
        assert_eq!(
            changed,
            vec![("28.6%", "11.2%", Some(Tag::Number)), ("", ",创新高", None)]
        );
    }

    #[test]
    fn identical_is_one_equal_hunk() {
        let d = diff("一样。", "一样。");
        assert_eq!(d.hunks.len(), 1);
        assert_eq!(d.hunks[0].op, Op::Equal);
    }
}
