//! Stage 6, **align**: pair the units (sections, sentences) of OLD and NEW.
//!
//! Similarity is TF-IDF cosine over words, mixed with the Dice coefficient of the
//! headings' character bigrams. Pairs come from a global optimal assignment
//! (Kuhn–Munkres, `pathfinding`), so a reordered or renamed section finds its
//! partner wherever it went; for very large inputs a global greedy assignment
//! (best pairs first) keeps the cost bounded. Leaving a unit unpaired (added /
//! removed) is one of the choices the assignment weighs, against a minimum
//! similarity the caller subtracts. Paired units out of order among their
//! siblings, or under a different parent, are `moved`.

pub mod sections;

use rustc_hash::FxHashMap as HashMap;

/// Above this many cells the assignment is greedy instead of optimal.
const MAX_OPTIMAL_CELLS: usize = 160_000;

/// A sparse, unit-length term vector: (term id, weight) sorted by term id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermVector(Vec<(u32, f64)>);

impl TermVector {
    /// Cosine similarity of two unit vectors.
    pub fn cosine(&self, other: &TermVector) -> f64 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }

    /// True when the vector has no terms.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// TF-IDF vectors of `docs` (each a sequence of words), with document
/// frequencies taken over all of them: the definition the sections'
/// [`sections::unit_vectors`] are tested against (they read each section's
/// text once instead of once per enclosing section).
#[cfg(test)]
pub(crate) fn tfidf<'a>(docs: impl IntoIterator<Item = impl IntoIterator<Item = &'a str>>) -> Vec<TermVector> {
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let mut counted: Vec<Vec<(u32, f64)>> = Vec::new();
    for doc in docs {
        let mut tf: HashMap<u32, f64> = HashMap::default();
        for w in doc {
            let next = ids.len() as u32;
            let id = *ids.entry(w).or_insert(next);
            *tf.entry(id).or_default() += 1.0;
        }
        let mut v: Vec<(u32, f64)> = tf.into_iter().collect();
        v.sort_by_key(|&(id, _)| id);
        counted.push(v);
    }
    weigh(counted, ids.len())
}

/// TF-IDF vectors from term frequencies: each document's `(term id, count)`
/// in increasing id order, ids below `terms`, document frequencies taken over
/// all of them.
fn weigh(counted: Vec<Vec<(u32, f64)>>, terms: usize) -> Vec<TermVector> {
    let mut df: Vec<f64> = vec![0.0; terms];
    for v in &counted {
        for &(id, _) in v {
            df[id as usize] += 1.0;
        }
    }
    let n = counted.len() as f64;
    counted
        .into_iter()
        .map(|v| {
            let mut w: Vec<(u32, f64)> = v
                .into_iter()
                .map(|(id, tf)| {
                    (
                        id,
                        (1.0 + tf.ln()) * ((1.0 + n) / (1.0 + df[id as usize])).ln().max(0.0) + 1e-9,
                    )
                })
                .collect();
            let norm = w.iter().map(|&(_, x)| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                for e in &mut w {
                    e.1 /= norm;
                }
            }
            TermVector(w)
        })
        .collect()
}

/// Dice coefficient of the character bigrams of two strings (1.0 for equal strings).
pub fn dice(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    dice_of(a, b, &dice_bigrams(a), &dice_bigrams(b))
}

/// [`dice`] of `a` and `b` with their [`dice_bigrams`] `x` and `y` already
/// made (a string compared with many others).
pub fn dice_of(a: &str, b: &str, x: &[u64], y: &[u64]) -> f64 {
    if a == b {
        1.0
    } else if x.is_empty() || y.is_empty() {
        0.0
    } else {
        sorted_dice(x, y)
    }
}

/// The bigrams [`dice`] compares: [`sorted_bigrams`], or a single char with
/// a space.
pub fn dice_bigrams(s: &str) -> Vec<u64> {
    let mut v = sorted_bigrams(s);
    if v.is_empty() {
        let mut chars = s.chars().filter(|c| !c.is_whitespace());
        if let (Some(c), None) = (chars.next(), chars.next()) {
            v.push(bigram(c, ' '));
        }
    }
    v
}

/// Chars `a` and `b` as one bigram: `a` in the high half, so bigrams sort
/// as the (char, char) pairs would, with one compare instead of two.
pub fn bigram(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// The bigrams of the chars of `s` that are not whitespace, sorted (a multiset).
pub fn sorted_bigrams(s: &str) -> Vec<u64> {
    let mut chars = s.chars().filter(|c| !c.is_whitespace());
    let mut v = Vec::with_capacity(s.len() / 3);
    if let Some(mut previous) = chars.next() {
        for c in chars {
            v.push(bigram(previous, c));
            previous = c;
        }
    }
    v.sort_unstable();
    v
}

/// Dice coefficient of two sorted lists (multisets) of bigrams.
pub fn sorted_dice(x: &[u64], y: &[u64]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return if x == y { 1.0 } else { 0.0 };
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

/// A pairing of OLD unit `old` with NEW unit `new`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    /// Index into OLD's units.
    pub old: usize,
    /// Index into NEW's units.
    pub new: usize,
    /// Similarity in 0..=1.
    pub similarity: f64,
}

/// Pairs rows (OLD) with columns (NEW) of `gain` to maximise the total gain of
/// the pairs made, where leaving a unit unpaired gains 0: a cell of gain 0 or
/// less is never a pair, and a unit stays unpaired whenever pairing it would
/// cost a better pair elsewhere more than it adds. (A caller passes similarity
/// minus the least similarity worth pairing: the minimum is part of the
/// optimisation, not a cut after it.) `similarity` of each result is the gain.
/// Result sorted by `new`.
pub fn assign(gain: &[Vec<f64>]) -> Vec<Pair> {
    let rows = gain.len();
    let cols = gain.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    let mut pairs = if rows * cols <= MAX_OPTIMAL_CELLS {
        optimal(gain, rows, cols)
    } else {
        greedy(gain)
    };
    pairs.sort_by_key(|p| p.new);
    pairs
}

/// Weight of a cell that must not be chosen: far below any real gain, small
/// enough that sums over a row stay far from overflow.
const FORBIDDEN: i64 = -(1 << 40);

fn optimal(gain: &[Vec<f64>], rows: usize, cols: usize) -> Vec<Pair> {
    // Kuhn–Munkres pairs every row: the shorter side becomes the rows, and each
    // row gets a dummy column of weight 0 of its own ("stays unpaired").
    let transpose = rows > cols;
    let (r, c) = if transpose { (cols, rows) } else { (rows, cols) };
    let at = |i: usize, j: usize| if transpose { gain[j][i] } else { gain[i][j] };
    let mut weights = pathfinding::matrix::Matrix::new(r, c + r, FORBIDDEN);
    for i in 0..r {
        for j in 0..c {
            let g = at(i, j);
            if g > 0.0 {
                // Small positional tie-breaker: among equals prefer the same rank.
                weights[(i, j)] = (g * 1_000_000.0).round() as i64 * 4 - (i as i64 - j as i64).abs().min(3);
            }
        }
        weights[(i, c + i)] = 0;
    }
    let (_, assignment) = pathfinding::kuhn_munkres::kuhn_munkres(&weights);
    assignment
        .into_iter()
        .enumerate()
        .filter(|&(i, j)| j < c && weights[(i, j)] > 0)
        .map(|(i, j)| {
            let (old, new) = if transpose { (j, i) } else { (i, j) };
            Pair {
                old,
                new,
                similarity: gain[old][new],
            }
        })
        .collect()
}

fn greedy(gain: &[Vec<f64>]) -> Vec<Pair> {
    let mut cells: Vec<(usize, usize)> = Vec::new();
    for (i, row) in gain.iter().enumerate() {
        for (j, &s) in row.iter().enumerate() {
            if s > 0.0 {
                cells.push((i, j));
            }
        }
    }
    cells.sort_by(|a, b| gain[b.0][b.1].total_cmp(&gain[a.0][a.1]).then(a.cmp(b)));
    let mut used_old = vec![false; gain.len()];
    let mut used_new = vec![false; gain.first().map_or(0, Vec::len)];
    let mut pairs = Vec::new();
    for (i, j) in cells {
        if !used_old[i] && !used_new[j] {
            used_old[i] = true;
            used_new[j] = true;
            pairs.push(Pair {
                old: i,
                new: j,
                similarity: gain[i][j],
            });
        }
    }
    pairs
}

/// For each pair (sorted by `new`), whether it moved: its OLD parent is not paired
/// with its NEW parent, or it is out of order among the pairs that share its
/// parent (outside the longest run kept in order).
pub fn moved(pairs: &[Pair], old_parent: &[Option<usize>], new_parent: &[Option<usize>]) -> Vec<bool> {
    let partner_of_old: HashMap<usize, usize> = pairs.iter().map(|p| (p.old, p.new)).collect();
    let mut flags = vec![false; pairs.len()];
    let mut groups: std::collections::BTreeMap<Option<usize>, Vec<usize>> = Default::default();
    for (k, p) in pairs.iter().enumerate() {
        let op = old_parent[p.old];
        let np = new_parent[p.new];
        let same_parent = match (op, np) {
            (None, None) => true,
            (Some(o), Some(n)) => partner_of_old.get(&o) == Some(&n),
            _ => false,
        };
        if same_parent {
            groups.entry(np).or_default().push(k);
        } else {
            flags[k] = true;
        }
    }
    for members in groups.values() {
        let olds: Vec<usize> = members.iter().map(|&k| pairs[k].old).collect();
        let keep = longest_increasing(&olds);
        for (idx, &k) in members.iter().enumerate() {
            if !keep[idx] {
                flags[k] = true;
            }
        }
    }
    flags
}

/// Marks the members of one longest strictly increasing subsequence.
fn longest_increasing(xs: &[usize]) -> Vec<bool> {
    let n = xs.len();
    let mut tails: Vec<usize> = Vec::new(); // indices into xs
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let pos = tails.partition_point(|&t| xs[t] < xs[i]);
        if pos > 0 {
            prev[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = vec![false; n];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep[i] = true;
        cur = prev[i];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`dice`] as first written, over (char, char) pairs.
    fn dice_by_pairs(a: &str, b: &str) -> f64 {
        if a == b {
            return 1.0;
        }
        let bigrams = |s: &str| {
            let c: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
            let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
            if c.len() == 1 {
                v.push((c[0], ' '));
            }
            v.sort_unstable();
            v
        };
        let (x, y) = (bigrams(a), bigrams(b));
        if x.is_empty() || y.is_empty() {
            return 0.0;
        }
        // The multiset intersection by counting, not by merging sorted lists.
        let mut left: std::collections::HashMap<(char, char), usize> = std::collections::HashMap::new();
        for p in &x {
            *left.entry(*p).or_default() += 1;
        }
        let common = y
            .iter()
            .filter(|p| match left.get_mut(p) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            })
            .count();
        2.0 * common as f64 / (x.len() + y.len()) as f64
    }

    proptest::proptest! {
        #[test]
        fn packed_bigrams_give_the_pairs_dice(a in "[推进改革 a\u{10000}-\u{10002}]{0,12}", b in "[推进改革 a\u{10000}-\u{10002}]{0,12}") {
            proptest::prop_assert_eq!(dice(&a, &b).to_bits(), dice_by_pairs(&a, &b).to_bits());
            let packed: Vec<(char, char)> = sorted_bigrams(&a)
                .iter()
                .map(|&g| (char::from_u32((g >> 32) as u32).unwrap(), char::from_u32(g as u32).unwrap()))
                .collect();
            let mut pairs: Vec<(char, char)> = a.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>().windows(2).map(|w| (w[0], w[1])).collect();
            pairs.sort_unstable();
            proptest::prop_assert_eq!(packed, pairs);
        }
    }

    #[test]
    fn tfidf_cosine_prefers_shared_rare_words() {
        let docs: [&[&str]; 3] = [
            &["扩大", "内需", "消费"],
            &["提振", "消费", "内需"],
            &["生态", "绿色", "发展"],
        ];
        let v = tfidf(docs.iter().map(|d| d.iter().copied()));
        assert!(v[0].cosine(&v[1]) > v[0].cosine(&v[2]));
        assert!((v[0].cosine(&v[0]) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn dice_of_headings() {
        assert_eq!(dice("扎实推进", "扎实推进"), 1.0);
        assert!(dice("着力扩大国内需求", "大力提振消费") < 0.2);
        assert!(dice("扎实推进城市品质提升", "推进城市品质提升") > 0.8);
    }

    #[test]
    fn assignment_is_global_not_first_match() {
        // Greedy first-match would give OLD 0 to NEW 0 (0.6) and leave OLD 1 poor.
        let sim = vec![vec![0.6, 0.5], vec![0.55, 0.0]];
        let pairs = assign(&sim);
        assert_eq!(
            pairs.iter().map(|p| (p.old, p.new)).collect::<Vec<_>>(),
            vec![(1, 0), (0, 1)]
        );
    }

    #[test]
    fn a_unit_may_stay_unpaired_inside_the_optimisation() {
        // Similarities [[0.50, 0.45], [0.09, 0.0]] with a minimum of 0.08: forced
        // to pair both rows, OLD 1 takes NEW 0 at 0.09 and pushes OLD 0 to NEW 1
        // (0.54 > 0.50); with the minimum inside, OLD 1 stays unpaired.
        let gain = vec![vec![0.42, 0.37], vec![0.01, -0.08]];
        let pairs = assign(&gain);
        assert_eq!(pairs.iter().map(|p| (p.old, p.new)).collect::<Vec<_>>(), vec![(0, 0)]);
        // Nothing worth pairing: no pair at all.
        assert!(assign(&[vec![-0.1, 0.0], vec![0.0, -0.3]]).is_empty());
        // More rows than columns (transposed): still partial.
        let gain = vec![vec![0.5], vec![0.7], vec![-0.2]];
        assert_eq!(
            assign(&gain).iter().map(|p| (p.old, p.new)).collect::<Vec<_>>(),
            vec![(1, 0)]
        );
    }

    #[test]
    fn swapped_units_are_moved() {
        let pairs = vec![
            Pair {
                old: 0,
                new: 0,
                similarity: 1.0,
            },
            Pair {
                old: 2,
                new: 1,
                similarity: 1.0,
            },
            Pair {
                old: 1,
                new: 2,
                similarity: 1.0,
            },
        ];
        let flags = moved(&pairs, &[None, None, None], &[None, None, None]);
        assert_eq!(flags.iter().filter(|&&f| f).count(), 1);
        // Under a different parent: moved.
        let pairs = vec![
            Pair {
                old: 0,
                new: 0,
                similarity: 1.0,
            },
            Pair {
                old: 2,
                new: 2,
                similarity: 1.0,
            },
            Pair {
                old: 1,
                new: 1,
                similarity: 1.0,
            },
        ];
        let flags = moved(&pairs, &[None, None, Some(0)], &[None, None, Some(1)]);
        assert_eq!(flags, vec![false, true, false]);
    }
}
