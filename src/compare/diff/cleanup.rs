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
    let flush = |region: &mut Vec<Piece>, out: &mut Vec<Piece>| {
        for op in [Op::Delete, Op::Insert] {
            let parts: Vec<&Piece> = region.iter().filter(|p| p.op == op).collect();
            if parts.is_empty() {
                continue;
            }
            out.push(Piece {
                op,
                text: parts.iter().map(|p| p.text.as_str()).collect(),
                words: parts.iter().map(|p| p.words).sum(),
                number: parts.len() == 1 && parts[0].number,
                year: parts.len() == 1 && parts[0].year,
            });
        }
        region.clear();
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
        // Pieces alternate Equal / change-region (deletes then inserts) after merge.
        let change_len = |k: usize, step: isize| -> usize {
            let mut len = 0;
            let mut idx = k as isize + step;
            while idx >= 0 && (idx as usize) < n && pieces[idx as usize].op != Op::Equal {
                len = len.max(pieces[idx as usize].text.chars().count());
                idx += step;
            }
            len
        };
        let mut folded = false;
        let mut out: Vec<Piece> = Vec::with_capacity(n);
        for (i, p) in pieces.iter().enumerate() {
            let between_changes = i > 0 && i + 1 < n && pieces[i - 1].op != Op::Equal && pieces[i + 1].op != Op::Equal;
            let len = p.text.chars().count();
            let fold = p.op == Op::Equal
                && between_changes
                && (len <= ISLAND_CHARS
                    || (len <= MAX_FOLDED_CHARS
                        && !p.text.contains(['\n', '。', '!', '?', ';'])
                        && len <= change_len(i, -1)
                        && len <= change_len(i, 1)));
            if fold {
                folded = true;
                for op in [Op::Delete, Op::Insert] {
                    out.push(Piece {
                        op,
                        text: p.text.clone(),
                        words: p.words,
                        number: false,
                        year: false,
                    });
                }
            } else {
                out.push(p.clone());
            }
        }
        pieces = merge(out);
        if !folded {
            return pieces;
        }
    }
}

pub(super) fn to_hunks(pieces: Vec<Piece>) -> Vec<Hunk> {
    let mut hunks: Vec<Hunk> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let p = &pieces[i];
        match p.op {
            Op::Equal => {
                hunks.push(Hunk::new(Op::Equal, p.text.clone(), p.text.clone()));
                i += 1;
            }
            Op::Delete if pieces.get(i + 1).is_some_and(|q| q.op == Op::Insert) => {
                let q = &pieces[i + 1];
                let mut h = Hunk::new(Op::Replace, p.text.clone(), q.text.clone());
                h.words_deleted = p.words;
                h.words_inserted = q.words;
                if p.year && q.year {
                    h.tag = Some(Tag::Year);
                } else if p.number && q.number {
                    h.tag = Some(Tag::Number);
                }
                hunks.push(h);
                i += 2;
            }
            Op::Delete => {
                let mut h = Hunk::new(Op::Delete, p.text.clone(), String::new());
                h.words_deleted = p.words;
                hunks.push(h);
                i += 1;
            }
            Op::Insert | Op::Replace => {
                let mut h = Hunk::new(Op::Insert, String::new(), p.text.clone());
                h.words_inserted = p.words;
                hunks.push(h);
                i += 1;
            }
        }
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
