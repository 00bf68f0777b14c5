//! Hunks from the raw pieces of a diff: neighbouring pieces joined, tiny
//! equal islands folded into the change around them (semantic cleanup), pieces
//! turned into hunks with number and year tags, and deleted passages that
//! reappear in the same text tagged as moves.

use super::{Hunk, Op, Piece, Tag};

/// Equal islands of at most this many chars between changes are folded in.
const ISLAND_CHARS: usize = 2;
/// Longer equal islands are folded only up to this many chars.
const MAX_FOLDED_CHARS: usize = 12;

/// Joins neighbouring pieces of the same op (a change region keeps its deletes
/// before its inserts).
pub(super) fn merge(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut region: Vec<Piece> = Vec::new();
    // The region's deletes joined, then its inserts: a piece alone is moved
    // out as it is, others are appended to the first of their op.
    let flush = |region: &mut Vec<Piece>, out: &mut Vec<Piece>| {
        let (mut deleted, mut inserted): (Option<Piece>, Option<Piece>) = (None, None);
        for p in region.drain(..) {
            let joined = match p.op {
                Op::Delete => &mut deleted,
                Op::Insert => &mut inserted,
                Op::Equal | Op::Replace => continue,
            };
            match joined {
                None => *joined = Some(p),
                Some(first) => {
                    first.text.push_str(&p.text);
                    first.words += p.words;
                    // A number (or year) only when the piece is one.
                    first.number = false;
                    first.year = false;
                }
            }
        }
        out.extend(deleted);
        out.extend(inserted);
    };
    for p in pieces {
        if p.op == Op::Equal {
            flush(&mut region, &mut out);
            match out.last_mut() {
                Some(last) if last.op == Op::Equal => {
                    last.text.push_str(&p.text);
                    last.words += p.words;
                    last.number = false;
                    last.year = false;
                }
                _ => out.push(p),
            }
        } else {
            region.push(p);
        }
    }
    flush(&mut region, &mut out);
    out
}

/// Folds equal islands between two changes into them, so a common word does not
/// shred a rewritten passage: an island of at most [`ISLAND_CHARS`] chars always,
/// and one of at most [`MAX_FOLDED_CHARS`] when it is no longer than the changes
/// on each side (the rule of diff-match-patch's semantic cleanup) and ends no
/// sentence. Repeated until nothing changes.
pub(super) fn cleanup(mut pieces: Vec<Piece>) -> Vec<Piece> {
    loop {
        let n = pieces.len();
        if n < 3 {
            return pieces;
        }
        // Each piece's op and length in chars, as its neighbours' rules read them.
        let shapes: Vec<(Op, usize)> = pieces.iter().map(|p| (p.op, p.text.chars().count())).collect();
        // Pieces alternate Equal / change-region (deletes then inserts) after merge.
        let change_len = |k: usize, step: isize| -> usize {
            let mut len = 0;
            let mut idx = k as isize + step;
            while idx >= 0 && (idx as usize) < n && shapes[idx as usize].0 != Op::Equal {
                len = len.max(shapes[idx as usize].1);
                idx += step;
            }
            len
        };
        let mut folded = false;
        let mut out: Vec<Piece> = Vec::with_capacity(n);
        for (i, p) in pieces.into_iter().enumerate() {
            let between_changes = i > 0 && i + 1 < n && shapes[i - 1].0 != Op::Equal && shapes[i + 1].0 != Op::Equal;
            let len = shapes[i].1;
            let fold = p.op == Op::Equal
                && between_changes
                && (len <= ISLAND_CHARS
                    || (len <= MAX_FOLDED_CHARS
                        && !p.text.contains(['\n', '。', '!', '?', ';'])
                        && len <= change_len(i, -1)
                        && len <= change_len(i, 1)));
            if fold {
                folded = true;
                let deleted = Piece {
                    op: Op::Delete,
                    text: p.text.clone(),
                    words: p.words,
                    number: false,
                    year: false,
                };
                out.push(deleted);
                out.push(Piece {
                    op: Op::Insert,
                    number: false,
                    year: false,
                    ..p
                });
            } else {
                out.push(p);
            }
        }
        pieces = merge(out);
        if !folded {
            return pieces;
        }
    }
}

pub(super) fn to_hunks(pieces: Vec<Piece>) -> Vec<Hunk> {
    let mut hunks: Vec<Hunk> = Vec::with_capacity(pieces.len());
    let mut pieces = pieces.into_iter().peekable();
    while let Some(p) = pieces.next() {
        let h = match p.op {
            Op::Equal => Hunk::new(Op::Equal, p.text.clone(), p.text),
            Op::Delete => match pieces.next_if(|q| q.op == Op::Insert) {
                Some(q) => {
                    let tag = if p.year && q.year {
                        Some(Tag::Year)
                    } else if p.number && q.number {
                        Some(Tag::Number)
                    } else {
                        None
                    };
                    let mut h = Hunk::new(Op::Replace, p.text, q.text);
                    h.words_deleted = p.words;
                    h.words_inserted = q.words;
                    h.tag = tag;
                    h
                }
                None => {
                    let mut h = Hunk::new(Op::Delete, p.text, String::new());
                    h.words_deleted = p.words;
                    h
                }
            },
            Op::Insert | Op::Replace => {
                let mut h = Hunk::new(Op::Insert, String::new(), p.text);
                h.words_inserted = p.words;
                h
            }
        };
        hunks.push(h);
    }
    hunks
}

/// Passages at least this long are checked for moves.
const MIN_MOVE_CHARS: usize = 12;

/// Tags a deleted passage and an inserted one as `moved` when they are nearly the
/// same text (Dice of character bigrams ≥ 0.85).
pub(super) fn tag_moves(hunks: &mut [Hunk]) {
    let deleted: Vec<usize> = (0..hunks.len())
        .filter(|&i| hunks[i].op == Op::Delete && hunks[i].old.chars().count() >= MIN_MOVE_CHARS)
        .collect();
    let inserted: Vec<usize> = (0..hunks.len())
        .filter(|&i| hunks[i].op == Op::Insert && hunks[i].new.chars().count() >= MIN_MOVE_CHARS)
        .collect();
    let mut taken = vec![false; hunks.len()];
    for &d in &deleted {
        let best = inserted
            .iter()
            .filter(|&&k| !taken[k])
            .map(|&k| (crate::compare::align::dice(&hunks[d].old, &hunks[k].new), k))
            .filter(|&(s, _)| s >= 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, k)) = best {
            taken[k] = true;
            hunks[d].tag = Some(Tag::Moved);
            hunks[k].tag = Some(Tag::Moved);
        }
    }
}
