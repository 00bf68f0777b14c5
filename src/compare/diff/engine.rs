//! The Patience and Myers diffs of [`similar`], computed faster: the same
//! algorithms making the same calls on the same hooks (`similar`'s own
//! `Compact`, `Replace` and `Capture`), so the ops are exactly those of
//! `similar::capture_diff_slices` (checked by a property test below), but
//! over slices instead of generic `Index` lookups, with the unique items of
//! Patience found by an Fx hash map instead of SipHash, and with the two
//! diagonal arrays of Myers allocated once per diff instead of once per gap
//! between unique items. The word diff spent about a fifth of a series'
//! time in `similar`'s `find_middle_snake` (docs/performance.md).
//!
//! Adapted from `similar` 2.7 (`algorithms/myers.rs`, `algorithms/patience.rs`,
//! Apache-2.0), itself after Myers (1986) "An O(ND) Difference Algorithm and
//! Its Variations".

use rustc_hash::FxHashMap as HashMap;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace};
use similar::DiffOp;
use std::hash::Hash;
use std::ops::Range;

/// `similar::capture_diff_slices(Algorithm::Patience, old, new)`.
pub fn patience<T: Eq + Hash + Ord>(old: &[T], new: &[T]) -> Vec<DiffOp> {
    let mut d = Compact::new(Replace::new(Capture::new()), old, new);
    let Ok(()) = if fits_u32(old.len(), new.len()) {
        patience_into::<T, _, u32>(&mut d, old, new)
    } else {
        patience_into::<T, _, usize>(&mut d, old, new)
    };
    d.into_inner().into_inner().into_ops()
}

/// `similar::capture_diff_slices(Algorithm::Myers, old, new)`.
pub fn myers<T: Eq + Hash + Ord>(old: &[T], new: &[T]) -> Vec<DiffOp> {
    let mut d = Compact::new(Replace::new(Capture::new()), old, new);
    let (a, b) = (0..old.len(), 0..new.len());
    let Ok(()) = if fits_u32(old.len(), new.len()) {
        myers_into(&mut d, old, a, new, b, &mut Vec::<u32>::new())
    } else {
        myers_into(&mut d, old, a, new, b, &mut Vec::<usize>::new())
    };
    d.into_inner().into_inner().into_ops()
}

/// Whether every position of a diff of `n` and `m` items fits in a `u32`:
/// then the diagonal arrays hold `u32`s, half the memory the search sweeps.
fn fits_u32(n: usize, m: usize) -> bool {
    n.saturating_add(m) < u32::MAX as usize / 2
}

/// A position in a sequence, as the diagonal arrays store it.
trait Position: Copy + Default {
    fn of(x: usize) -> Self;
    fn at(self) -> usize;
}

impl Position for u32 {
    #[inline(always)]
    fn of(x: usize) -> u32 {
        x as u32
    }
    #[inline(always)]
    fn at(self) -> usize {
        self as usize
    }
}

impl Position for usize {
    #[inline(always)]
    fn of(x: usize) -> usize {
        x
    }
    #[inline(always)]
    fn at(self) -> usize {
        self
    }
}

/// Patience: Myers over the items unique on each side, then Myers over the
/// gaps between the unique items it matched (`similar::algorithms::patience`).
fn patience_into<T: Eq + Hash, D: DiffHook, P: Position>(d: &mut D, old: &[T], new: &[T]) -> Result<(), D::Error> {
    let old_unique = unique(old);
    let new_unique = unique(new);
    let old_values: Vec<&T> = old_unique.iter().map(|&i| &old[i]).collect();
    let new_values: Vec<&T> = new_unique.iter().map(|&i| &new[i]).collect();
    let mut hook = Replace::new(Patience {
        d,
        old,
        old_current: 0,
        old_unique: &old_unique,
        new,
        new_current: 0,
        new_unique: &new_unique,
        gap_buffer: Vec::<P>::new(),
    });
    myers_into(
        &mut hook,
        &old_values,
        0..old_values.len(),
        &new_values,
        0..new_values.len(),
        &mut Vec::<P>::new(),
    )
}

/// Indexes of the items that occur once in `items`, ascending.
fn unique<T: Eq + Hash>(items: &[T]) -> Vec<usize> {
    let mut by_item: HashMap<&T, Option<usize>> = HashMap::default();
    by_item.reserve(items.len());
    for (index, item) in items.iter().enumerate() {
        by_item
            .entry(item)
            .and_modify(|seen| *seen = None)
            .or_insert(Some(index));
    }
    let mut out: Vec<usize> = by_item.into_values().flatten().collect();
    out.sort_unstable();
    out
}

/// The hook Patience's first Myers drives: each matched unique item closes a
/// gap, diffed by Myers into the caller's hook.
struct Patience<'a, T, D, P> {
    d: &'a mut D,
    old: &'a [T],
    old_current: usize,
    old_unique: &'a [usize],
    new: &'a [T],
    new_current: usize,
    new_unique: &'a [usize],
    /// The diagonal arrays of the gaps' Myers, reused gap after gap.
    gap_buffer: Vec<P>,
}

impl<T: Eq, D: DiffHook, P: Position> DiffHook for Patience<'_, T, D, P> {
    type Error = D::Error;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), D::Error> {
        for (old, new) in (old..old + len).zip(new..new + len) {
            let (old_to, new_to) = (self.old_unique[old], self.new_unique[new]);
            let (a0, b0) = (self.old_current, self.new_current);
            while self.old_current < old_to
                && self.new_current < new_to
                && self.new[self.new_current] == self.old[self.old_current]
            {
                self.old_current += 1;
                self.new_current += 1;
            }
            if self.old_current > a0 {
                self.d.equal(a0, b0, self.old_current - a0)?;
            }
            myers_into(
                &mut NoFinishHook::new(&mut *self.d),
                self.old,
                self.old_current..old_to,
                self.new,
                self.new_current..new_to,
                &mut self.gap_buffer,
            )?;
            (self.old_current, self.new_current) = (old_to, new_to);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), D::Error> {
        myers_into(
            self.d,
            self.old,
            self.old_current..self.old.len(),
            self.new,
            self.new_current..self.new.len(),
            &mut self.gap_buffer,
        )
    }
}

/// Myers over `old[old_range]` and `new[new_range]` into `d`, then
/// `d.finish()` (`similar::algorithms::myers::diff_deadline` without a
/// deadline). `buffer` holds the two diagonal arrays, zeroed here as
/// `similar` allocates them.
fn myers_into<T: PartialEq, D: DiffHook, P: Position>(
    d: &mut D,
    old: &[T],
    old_range: Range<usize>,
    new: &[T],
    new_range: Range<usize>,
    buffer: &mut Vec<P>,
) -> Result<(), D::Error> {
    let max_d = max_d(old_range.len(), new_range.len());
    buffer.clear();
    buffer.resize(4 * max_d, P::default());
    let (vf, vb) = buffer.split_at_mut(2 * max_d);
    let mut v = Diagonals {
        vf,
        vb,
        offset: max_d as isize,
    };
    conquer(d, old, old_range, new, new_range, &mut v)?;
    d.finish()
}

/// The furthest x reached on each diagonal k, forward and backward, stored at
/// `k + offset`.
struct Diagonals<'a, P> {
    vf: &'a mut [P],
    vb: &'a mut [P],
    offset: isize,
}

fn max_d(len1: usize, len2: usize) -> usize {
    (len1 + len2).div_ceil(2) + 1
}

/// Length of the common prefix of `a` and `b`.
#[inline(always)]
fn common_prefix<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Length of the common suffix of `a` and `b`.
#[inline(always)]
fn common_suffix<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// The start of the middle snake of the optimal path, if found.
///
/// `similar` sweeps every diagonal `-d..=d` at each step `d`, also those
/// wholly outside the edit grid (below `-m` or beyond `n`), where a block of
/// 2,468 words against 15 spends half its steps. Here each sweep stops one
/// diagonal outside the grid, with the same values on every diagonal it keeps,
/// so the same snake is found:
/// - No snake lies outside the grid (one needs `x < n` and `y < m`), so the
///   furthest point on a diagonal `k < -m` is the one on `k + 1` a step
///   earlier, moved down: a path that went further right outside could have
///   moved right one step sooner and stayed a diagonal closer. So the edge
///   diagonal `-m - 1` is that copy, read from `-m`; symmetrically `n + 1` is
///   the point on `n` a step earlier, moved right. No diagonal inside reads
///   beyond them.
/// - An overlap check on a skipped diagonal would need `d ≥ max(n, m) + 2`,
///   and the search ends before `max_d(n, m) ≤ max(n, m) + 1`; the checks on
///   the kept diagonals `-m - 1..=n + 1` read the other side's diagonals
///   `delta - k`, the same range.
///
/// The engine's property tests compare the ops with `similar`'s, lopsided
/// blocks included.
fn find_middle_snake<T: PartialEq, P: Position>(
    old: &[T],
    old_range: Range<usize>,
    new: &[T],
    new_range: Range<usize>,
    v: &mut Diagonals<P>,
) -> Option<(usize, usize)> {
    let n = old_range.len();
    let m = new_range.len();
    let (old, new) = (&old[old_range.clone()], &new[new_range.clone()]);
    let delta = n as isize - m as isize;
    let odd = delta & 1 == 1;
    let d_max = max_d(n, m) as isize;
    assert!(v.vf.len() as isize >= d_max && v.vb.len() as isize >= d_max);
    // The diagonals kept: one beyond each edge of the grid.
    let (low, high) = (-(m as isize) - 1, n as isize + 1);
    let offset = v.offset;
    for d in 0..d_max {
        // The sweep's ends: within -d..=d and low..=high, of d's parity.
        let top = if d <= high { d } else { high - ((d - high) & 1) };
        let bottom = if -d >= low { -d } else { low + ((d + low) & 1) };
        let sweep = Sweep {
            d,
            top,
            bottom,
            low,
            high,
            offset,
        };
        // Forward paths: overlaps checked on `|k - delta| < d` when delta is
        // odd; backward paths on `|k - delta| <= d` when it is even.
        let forward = if odd {
            sweep.run::<T, P, true, true>(v.vf, v.vb, delta, old, new, (delta - d + 1, delta + d - 1))
        } else {
            sweep.run::<T, P, true, false>(v.vf, v.vb, delta, old, new, (0, 0))
        };
        if let Some((x0, y0, _, _)) = forward {
            return Some((x0 + old_range.start, y0 + new_range.start));
        }
        let backward = if odd {
            sweep.run::<T, P, false, false>(v.vb, v.vf, delta, old, new, (0, 0))
        } else {
            sweep.run::<T, P, false, true>(v.vb, v.vf, delta, old, new, (delta - d, delta + d))
        };
        if let Some((_, _, x, y)) = backward {
            return Some((n - x + old_range.start, m - y + new_range.start));
        }
    }
    None
}

/// One direction's sweep of step `d` of [`find_middle_snake`], over the
/// diagonals `top`, `top - 2`, … `bottom`.
struct Sweep {
    d: isize,
    top: isize,
    bottom: isize,
    low: isize,
    high: isize,
    offset: isize,
}

impl Sweep {
    /// Extends the furthest paths `own` (x per diagonal `k`, at `k + offset`)
    /// one step, each followed by its snake (forward: from the start of
    /// `old` and `new`; backward: from their end); with `CHECK`, on a
    /// diagonal `k` within `check` (inclusive), an overlap with the other
    /// direction's path on `delta - k` (`other`) ends the search. Returns the
    /// overlapping path's start and end (before and after its snake).
    ///
    /// A diagonal's path comes from the one above (`k + 1`, moving down) or
    /// the one below (`k - 1`, moving right), whichever reaches further,
    /// the one below on a tie: `max(left + 1, above)`, as `left >= above`
    /// is `left + 1 > above`. The sweep's top, when it is the edge `d` or
    /// `high`, has no diagonal above (moving right: `above` starts at 0); its
    /// bottom, when it is the edge `-d` or `low`, has none below (moving
    /// down) and is done after the loop.
    ///
    /// The direction and the check are constants, and the step of one
    /// diagonal is a function, not a closure: the sweep is the hottest loop
    /// of a series, and a closure's inlining came and went with unrelated
    /// changes elsewhere in the crate (+76M instructions, 1.2 % of a series).
    #[inline(always)]
    fn run<T: PartialEq, P: Position, const FORWARD: bool, const CHECK: bool>(
        &self,
        own: &mut [P],
        other: &[P],
        delta: isize,
        old: &[T],
        new: &[T],
        check: (isize, isize),
    ) -> Option<(usize, usize, usize, usize)> {
        let Sweep {
            d,
            top,
            bottom,
            low,
            high,
            offset,
        } = *self;
        let at = |k: isize| (k + offset) as usize;
        // own[k + 1], carried from the diagonal above (read as its k - 1).
        let mut above = if top == d || top == high {
            0
        } else {
            own[at(top + 1)].at()
        };
        let bottom_is_edge = bottom == -d || bottom == low;
        let last_inner = if bottom_is_edge { bottom + 2 } else { bottom };
        let mut k = top;
        while k >= last_inner {
            let left = own[at(k - 1)].at();
            let hit = step::<T, P, FORWARD, CHECK>(
                own,
                other,
                at(k),
                at(delta - k),
                k,
                (left + 1).max(above),
                old,
                new,
                check,
            );
            if hit.is_some() {
                return hit;
            }
            above = left;
            k -= 2;
        }
        if bottom_is_edge {
            return step::<T, P, FORWARD, CHECK>(
                own,
                other,
                at(bottom),
                at(delta - bottom),
                bottom,
                above,
                old,
                new,
                check,
            );
        }
        None
    }
}

/// One diagonal `k` of a [`Sweep`]: its path moved to `x0`, then along its
/// snake, stored at `own[slot]`; the overlap with `other[other_slot]` when
/// `CHECK` and `k` is within `check`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn step<T: PartialEq, P: Position, const FORWARD: bool, const CHECK: bool>(
    own: &mut [P],
    other: &[P],
    slot: usize,
    other_slot: usize,
    k: isize,
    x0: usize,
    old: &[T],
    new: &[T],
    check: (isize, isize),
) -> Option<(usize, usize, usize, usize)> {
    let (n, m) = (old.len(), new.len());
    let y0 = (x0 as isize - k) as usize;
    let run = if x0 < n && y0 < m {
        snake::<T, FORWARD>(old, new, x0, y0)
    } else {
        0
    };
    let (x, y) = (x0 + run, y0 + run);
    own[slot] = P::of(x);
    if CHECK && (check.0..=check.1).contains(&k) && x + other[other_slot].at() >= n {
        return Some((x0, y0, x, y));
    }
    None
}

/// The length of the snake from `(x, y)` (both within the grid): forward,
/// the common prefix of `old[x..]` and `new[y..]`; backward, the common
/// suffix of `old[..n - x]` and `new[..m - y]`. Most paths have none, so the
/// first pair is compared before the rest.
#[inline(always)]
fn snake<T: PartialEq, const FORWARD: bool>(old: &[T], new: &[T], x: usize, y: usize) -> usize {
    if FORWARD {
        let (a, b) = (&old[x..], &new[y..]);
        if a.first() == b.first() {
            common_prefix(a, b)
        } else {
            0
        }
    } else {
        let (a, b) = (&old[..old.len() - x], &new[..new.len() - y]);
        if a.last() == b.last() {
            common_suffix(a, b)
        } else {
            0
        }
    }
}

fn conquer<T: PartialEq, D: DiffHook, P: Position>(
    d: &mut D,
    old: &[T],
    mut old_range: Range<usize>,
    new: &[T],
    mut new_range: Range<usize>,
    v: &mut Diagonals<P>,
) -> Result<(), D::Error> {
    let prefix = common_prefix(&old[old_range.clone()], &new[new_range.clone()]);
    if prefix > 0 {
        d.equal(old_range.start, new_range.start, prefix)?;
    }
    old_range.start += prefix;
    new_range.start += prefix;
    let suffix = common_suffix(&old[old_range.clone()], &new[new_range.clone()]);
    let suffix_at = (old_range.end - suffix, new_range.end - suffix);
    old_range.end -= suffix;
    new_range.end -= suffix;
    if old_range.is_empty() && new_range.is_empty() {
        // Nothing left between the common prefix and suffix.
    } else if new_range.is_empty() {
        d.delete(old_range.start, old_range.len(), new_range.start)?;
    } else if old_range.is_empty() {
        d.insert(old_range.start, new_range.start, new_range.len())?;
    } else if let Some((x, y)) = find_middle_snake(old, old_range.clone(), new, new_range.clone(), v) {
        conquer(d, old, old_range.start..x, new, new_range.start..y, v)?;
        conquer(d, old, x..old_range.end, new, y..new_range.end, v)?;
    } else {
        d.delete(old_range.start, old_range.len(), new_range.start)?;
        d.insert(old_range.start, new_range.start, new_range.len())?;
    }
    if suffix > 0 {
        d.equal(suffix_at.0, suffix_at.1, suffix)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use similar::{capture_diff_slices, Algorithm};

    fn both(a: &[u32], b: &[u32]) {
        assert_eq!(
            patience(a, b),
            capture_diff_slices(Algorithm::Patience, a, b),
            "patience {a:?} {b:?}"
        );
        assert_eq!(
            myers(a, b),
            capture_diff_slices(Algorithm::Myers, a, b),
            "myers {a:?} {b:?}"
        );
    }

    #[test]
    fn same_ops_as_similar_on_edge_cases() {
        both(&[], &[]);
        both(&[1], &[]);
        both(&[], &[1]);
        both(&[1, 2, 3], &[1, 2, 3]);
        both(
            &[11, 1, 2, 2, 3, 4, 4, 4, 5, 47, 19],
            &[10, 1, 2, 2, 8, 9, 4, 4, 7, 47, 18],
        );
        both(&[1, 2, 3, 4], &[1, 2, 3]);
        both(&[1, 1, 1, 1], &[2, 2, 2]);
        // Where a search that skipped the grid's outermost diagonals too
        // (`-m` and `n`) takes another path: found by proptest on such a cut.
        both(&[2, 4, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4], &[4, 4, 0, 1, 0, 0]);
        both(&[4, 4, 1, 1, 1, 3], &[5, 4]);
        both(&[5, 4], &[4, 4, 1, 1, 1, 3]);
    }

    #[test]
    fn same_ops_as_similar_on_real_words() {
        // Two national reports' characters as ids: long sequences with many
        // repeats, where the unique items are few and the gaps long.
        let read = |y: u32| -> Vec<u32> {
            let p = format!("{}/../shared/corpus/national/{y}.txt", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(p).map_or_else(|_| Vec::new(), |t| t.chars().take(3_000).map(u32::from).collect())
        };
        let (a, b) = (read(2012), read(2013));
        assert!(
            !a.is_empty() && !b.is_empty(),
            "the national corpus is needed for this test"
        );
        both(&a, &b);
        both(&a[..1_000], &b[500..2_500]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// Small alphabets make repeats, long common runs and ties between
        /// equally short scripts: where an implementation would pick another path.
        #[test]
        fn same_ops_as_similar(
            a in proptest::collection::vec(0u32..6, 0..60),
            b in proptest::collection::vec(0u32..6, 0..60),
            edits in proptest::collection::vec((0usize..60, 0u32..40), 0..8),
        ) {
            both(&a, &b);
            // A near copy: what a report's next year mostly is.
            let mut c = a.clone();
            for (at, v) in edits {
                if !c.is_empty() {
                    let i = at % c.len();
                    c[i] = v;
                }
            }
            both(&a, &c);
        }

        /// A long block against a short one, both ways round: where the
        /// search is cut to the diagonals near the grid.
        #[test]
        fn same_ops_as_similar_lopsided(
            long in proptest::collection::vec(0u32..8, 0..300),
            short in proptest::collection::vec(0u32..8, 0..12),
            keep in proptest::collection::vec(any::<bool>(), 0..300),
        ) {
            both(&long, &short);
            both(&short, &long);
            // The short side mostly taken from the long one: a block cut down.
            let kept: Vec<u32> = long.iter().zip(&keep).filter(|(_, &k)| k).map(|(&x, _)| x).take(12).collect();
            both(&long, &kept);
            both(&kept, &long);
        }
    }
}
