//! Seeds → regions → local alignments (the stretches two reports share).

use super::{Keys, ReuseOptions, Seed, Span, Stretch};
use crate::compare::diff::engine;
use rayon::prelude::*;
use similar::DiffOp;

/// Seeds further apart than this (in compared chars) start a new region.
const MAX_GAP: u32 = 40;
/// How far the diagonal may drift between two seeds of one region (inserted
/// or deleted chars).
const MAX_DRIFT: i64 = 12;
/// Score of a shared char in an alignment.
const SAME: i64 = 1;
/// Score of a changed, inserted or deleted char.
const CHANGED: i64 = -2;
/// An ungapped extension stops when its score falls this far below its best.
const X_DROP: i64 = 8;
/// A change longer than this (chars on either side) ends a stretch.
const BREAK: usize = 12;

/// A chain of seeds of one report pair along nearly one diagonal.
#[derive(Debug, Clone, Copy)]
struct Region {
    a_lo: u32,
    a_hi: u32,
    b_lo: u32,
    b_hi: u32,
    diag: i64,
}

/// Every stretch of at least `opts.min_chars` compared chars, `opts.min_identity`
/// the same, shared by the two reports of a seed.
pub(super) fn stretches(seeds: &[Seed], keys: &[Keys], opts: &ReuseOptions) -> Vec<Stretch> {
    let pairs: Vec<&[Seed]> = seeds.chunk_by(|x, y| (x.a, x.b) == (y.a, y.b)).collect();
    pairs
        .par_iter()
        .flat_map_iter(|ss| {
            let (a, b) = (ss[0].a as usize, ss[0].b as usize);
            let regions = regions(ss, opts.shingle as u32);
            let mut found: Vec<Stretch> = regions
                .into_iter()
                .filter_map(|r| extend(r, &keys[a], &keys[b], opts))
                .flat_map(|r| align(r, a, b, &keys[a], &keys[b], opts))
                .collect();
            dedup(&mut found);
            found
        })
        .collect()
}

/// Chains the seeds of one pair (sorted by position in the first report).
fn regions(seeds: &[Seed], k: u32) -> Vec<Region> {
    let mut open: Vec<Region> = Vec::new();
    let mut done = Vec::new();
    for s in seeds {
        let diag = i64::from(s.at_a) - i64::from(s.at_b);
        // Regions left behind cannot grow any more.
        let (keep, closed): (Vec<Region>, Vec<Region>) = open.into_iter().partition(|r| s.at_a <= r.a_hi + MAX_GAP);
        done.extend(closed);
        open = keep;
        match open.iter_mut().find(|r| (diag - r.diag).abs() <= MAX_DRIFT) {
            Some(r) => {
                r.a_hi = r.a_hi.max(s.at_a + k);
                r.b_lo = r.b_lo.min(s.at_b);
                r.b_hi = r.b_hi.max(s.at_b + k);
                r.diag = diag;
            }
            None => open.push(Region {
                a_lo: s.at_a,
                a_hi: s.at_a + k,
                b_lo: s.at_b,
                b_hi: s.at_b + k,
                diag,
            }),
        }
    }
    done.extend(open);
    done
}

/// Grows a region without gaps along its end diagonals (X-drop), so a lone
/// chance seed is dropped cheaply before any alignment.
fn extend(r: Region, a: &Keys, b: &Keys, opts: &ReuseOptions) -> Option<Region> {
    let (ka, kb) = (&a.chars, &b.chars);
    // Leftwards from the region's start.
    let (mut i, mut j) = (r.a_lo as usize, r.b_lo as usize);
    let (mut score, mut best, mut best_step) = (0i64, 0i64, 0usize);
    let mut step = 0;
    while i > step && j > step {
        step += 1;
        score += if ka[i - step] == kb[j - step] { SAME } else { CHANGED };
        if score > best {
            best = score;
            best_step = step;
        }
        if best - score > X_DROP {
            break;
        }
    }
    i -= best_step;
    j -= best_step;
    // Rightwards from the region's end.
    let (mut x, mut y) = (r.a_hi as usize, r.b_hi as usize);
    let (mut score, mut best, mut best_step) = (0i64, 0i64, 0usize);
    let mut step = 0;
    while x + step < ka.len() && y + step < kb.len() {
        score += if ka[x + step] == kb[y + step] { SAME } else { CHANGED };
        step += 1;
        if score > best {
            best = score;
            best_step = step;
        }
        if best - score > X_DROP {
            break;
        }
    }
    x += best_step;
    y += best_step;
    let shorter = (x - i).min(y - j);
    // A passage with small edits still shows most of its length ungapped.
    (shorter * 5 >= opts.min_chars * 3).then_some(Region {
        a_lo: i as u32,
        a_hi: x as u32,
        b_lo: j as u32,
        b_hi: y as u32,
        diag: r.diag,
    })
}

/// Aligns a region (with a margin) and keeps its best-scoring stretches.
fn align(r: Region, a: usize, b: usize, ka: &Keys, kb: &Keys, opts: &ReuseOptions) -> Vec<Stretch> {
    let margin = BREAK as u32;
    let (a0, a1) = (
        r.a_lo.saturating_sub(margin) as usize,
        ((r.a_hi + margin) as usize).min(ka.chars.len()),
    );
    let (b0, b1) = (
        r.b_lo.saturating_sub(margin) as usize,
        ((r.b_hi + margin) as usize).min(kb.chars.len()),
    );
    let ops = engine::myers(&ka.chars[a0..a1], &kb.chars[b0..b1]);
    let mut out = Vec::new();
    for piece in ops.split(is_break) {
        let Some((first, last)) = best_segment(piece) else {
            continue;
        };
        let segment = &piece[first..=last];
        let same: usize = segment
            .iter()
            .map(|op| match op {
                DiffOp::Equal { len, .. } => *len,
                _ => 0,
            })
            .sum();
        let (sa, _) = bounds_old(&segment[0]);
        let (_, ea) = bounds_old(&segment[segment.len() - 1]);
        let (sb, _) = bounds_new(&segment[0]);
        let (_, eb) = bounds_new(&segment[segment.len() - 1]);
        // A diff may pair an end char with a later copy of it (a tie between
        // equally short scripts); chars that go on matching belong to the stretch.
        let (mut sa, mut ea, mut sb, mut eb) = (a0 + sa, a0 + ea, b0 + sb, b0 + eb);
        let mut same = same;
        while ea < ka.chars.len() && eb < kb.chars.len() && ka.chars[ea] == kb.chars[eb] {
            (ea, eb, same) = (ea + 1, eb + 1, same + 1);
        }
        while sa > 0 && sb > 0 && ka.chars[sa - 1] == kb.chars[sb - 1] {
            (sa, sb, same) = (sa - 1, sb - 1, same + 1);
        }
        let (len_a, len_b) = (ea - sa, eb - sb);
        let chars = len_a.min(len_b);
        let identity = same as f64 / len_a.max(len_b).max(1) as f64;
        if chars < opts.min_chars || identity < opts.min_identity {
            continue;
        }
        out.push(Stretch {
            a: span(a, ka, sa, ea),
            b: span(b, kb, sb, eb),
            chars,
            identity,
        });
    }
    out
}

/// The normalized-char span of compared chars `[from, to)`.
fn span(doc: usize, k: &Keys, from: usize, to: usize) -> Span {
    Span {
        doc,
        start: k.pos[from] as usize,
        end: k.pos[to - 1] as usize + 1,
    }
}

fn is_break(op: &DiffOp) -> bool {
    match *op {
        DiffOp::Equal { .. } => false,
        DiffOp::Delete { old_len, .. } => old_len > BREAK,
        DiffOp::Insert { new_len, .. } => new_len > BREAK,
        DiffOp::Replace { old_len, new_len, .. } => old_len.max(new_len) > BREAK,
    }
}

fn score(op: &DiffOp) -> i64 {
    match *op {
        DiffOp::Equal { len, .. } => SAME * len as i64,
        DiffOp::Delete { old_len, .. } => CHANGED * old_len as i64,
        DiffOp::Insert { new_len, .. } => CHANGED * new_len as i64,
        DiffOp::Replace { old_len, new_len, .. } => CHANGED * old_len.max(new_len) as i64,
    }
}

/// The first and last op of the best-scoring run (Kadane); it starts and ends
/// on shared text.
fn best_segment(ops: &[DiffOp]) -> Option<(usize, usize)> {
    let (mut best, mut best_at) = (0i64, None);
    let (mut run, mut start) = (0i64, 0usize);
    for (i, op) in ops.iter().enumerate() {
        if run <= 0 {
            run = 0;
            start = i;
        }
        run += score(op);
        if run > best && matches!(op, DiffOp::Equal { .. }) {
            best = run;
            best_at = Some((start, i));
        }
    }
    best_at
}

/// `[start, end)` of an op in the first sequence.
fn bounds_old(op: &DiffOp) -> (usize, usize) {
    let r = op.old_range();
    (r.start, r.end)
}

/// `[start, end)` of an op in the second sequence.
fn bounds_new(op: &DiffOp) -> (usize, usize) {
    let r = op.new_range();
    (r.start, r.end)
}

/// Drops stretches of one pair that lie inside another one.
fn dedup(found: &mut Vec<Stretch>) {
    found.sort_by_key(|s| (s.a.start, std::cmp::Reverse(s.a.end), s.b.start));
    let mut kept: Vec<Stretch> = Vec::with_capacity(found.len());
    for s in found.drain(..) {
        let inside = kept
            .iter()
            .rev()
            .take(8)
            .any(|k| k.a.start <= s.a.start && s.a.end <= k.a.end && k.b.start <= s.b.start && s.b.end <= k.b.end);
        if !inside {
            kept.push(s);
        }
    }
    *found = kept;
}
