//! How sections are matched between two years: the similarity of two
//! sections (headings and words), the minimum to be the same section, and the
//! two-pass assignment (top level first, then the rest with a bonus for staying
//! under paired parents). The generic maths is in [`super`].

use super::{assign, dice, moved, tfidf, Pair, TermVector};
use crate::compare::diff::Tokenized;
use crate::read::outline::{Part, Role};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Pairs less similar than this are not the same section.
/// Similarities between years are low in absolute terms (each year's text is
/// new); the assignment decides, this only keeps out pairs with nothing in common.
pub const MIN_SECTION_SIMILARITY: f64 = 0.08;

/// Similarity kept by a pair across parts (review ↔ plan).
const CROSS_PART_FACTOR: f64 = 0.5;

/// Bonus for pairing children of paired parents.
const SAME_PARENT_BONUS: f64 = 0.15;

/// What alignment reads of one section of a report.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    /// Heading text without its marker (empty for preamble and closing).
    pub heading: &'a str,
    /// 1 = top level.
    pub level: u32,
    /// Heading, preamble or closing.
    pub role: Role,
    /// Review, plan or other (from the top-level heading above it).
    pub part: Part,
    /// The enclosing section's index, if any.
    pub parent: Option<usize>,
    /// The section's text with those of its descendants, as tokenized: its
    /// words are the similarity's terms.
    pub texts: &'a [Tokenized<'a>],
}

impl<'a> Unit<'a> {
    /// The words of the section and its descendants, in order (punctuation and
    /// spaces left out).
    fn words(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.texts.iter().flat_map(|t| {
            t.tokens
                .iter()
                .filter(|k| k.kind.is_word())
                .map(move |k| k.text(t.text))
        })
    }
}

/// Above this many section pairs the full similarity matrix is not built:
/// similarities are computed only for candidate pairs (see [`blocked`]).
const MAX_FULL_MATRIX: usize = 160_000;

/// Candidates by shared rare terms: a section's terms with the highest TF-IDF
/// weight, followed only when fewer than [`MAX_POSTING`] sections hold them.
const RARE_TERMS: usize = 8;

/// Longest posting list followed: a term in more NEW sections is not rare.
const MAX_POSTING: usize = 32;

/// Candidates by position: this many neighbours on each side of the
/// proportional position, overall and among the children of a paired parent.
const POSITION_WINDOW: usize = 3;

/// Pairs the sections of two reports and says which pairs moved.
pub fn align(old_units: &[Unit], new_units: &[Unit]) -> (Vec<Pair>, Vec<bool>) {
    let vectors = tfidf(old_units.iter().chain(new_units).map(Unit::words));
    let (ov, nv) = vectors.split_at(old_units.len());
    let pairs = if old_units.len() * new_units.len() <= MAX_FULL_MATRIX {
        full(old_units, new_units, ov, nv)
    } else {
        blocked(old_units, new_units, ov, nv)
    };
    let old_parent: Vec<Option<usize>> = old_units.iter().map(|u| u.parent).collect();
    let new_parent: Vec<Option<usize>> = new_units.iter().map(|u| u.parent).collect();
    let moved = moved(&pairs, &old_parent, &new_parent);
    (pairs, moved)
}

/// Every pair scored, optimal assignments (small inputs).
fn full(old_units: &[Unit], new_units: &[Unit], ov: &[TermVector], nv: &[TermVector]) -> Vec<Pair> {
    let sim: Vec<Vec<f64>> = old_units
        .par_iter()
        .enumerate()
        .map(|(i, x)| {
            new_units
                .iter()
                .enumerate()
                .map(|(j, y)| unit_similarity(x, y, &ov[i], &nv[j]))
                .collect()
        })
        .collect();
    assign_by_level(&sim, old_units, new_units)
}

/// Large inputs: the same two passes (top level, then the rest with a bonus
/// under paired parents), but each OLD section is scored only against its
/// candidates — NEW sections sharing one of its rarest terms, those near its
/// proportional position, and (second pass) the children of its parent's
/// partner near its rank among its siblings. Cost grows with the number of
/// sections times a constant instead of their product. Each pass pairs greedily,
/// best score first and, among equal scores, the pair closest to its expected
/// position, so unchanged sections stay paired in order and are not `moved`.
fn blocked(old_units: &[Unit], new_units: &[Unit], ov: &[TermVector], nv: &[TermVector]) -> Vec<Pair> {
    let (m, n) = (old_units.len(), new_units.len());
    let mut postings: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (j, v) in nv.iter().enumerate() {
        for &(term, _) in &v.0 {
            postings.entry(term).or_default().push(j);
        }
    }
    let expected = |i: usize| i * n / m.max(1);
    let window =
        |centre: usize, len: usize| centre.saturating_sub(POSITION_WINDOW)..(centre + POSITION_WINDOW + 1).min(len);
    let candidates: Vec<Vec<usize>> = (0..m)
        .into_par_iter()
        .map(|i| {
            let mut terms = ov[i].0.clone();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut c: Vec<usize> = terms
                .iter()
                .filter_map(|(t, _)| postings.get(t).filter(|p| p.len() <= MAX_POSTING))
                .take(RARE_TERMS)
                .flatten()
                .copied()
                .chain(window(expected(i), n))
                .collect();
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    let score = |i: usize, j: usize| unit_similarity(&old_units[i], &new_units[j], &ov[i], &nv[j]);
    let distance = |i: usize, j: usize| expected(i).abs_diff(j);
    let top = |u: &Unit| u.parent.is_none();

    // Pass 1: top-level sections (few: all pairs among them).
    let old_top: Vec<usize> = (0..m).filter(|&i| top(&old_units[i])).collect();
    let new_top: Vec<usize> = (0..n).filter(|&j| top(&new_units[j])).collect();
    let top_cells: Vec<(usize, usize, f64)> = if old_top.len() * new_top.len() <= MAX_FULL_MATRIX {
        old_top
            .iter()
            .flat_map(|&i| new_top.iter().map(move |&j| (i, j)))
            .map(|(i, j)| (i, j, score(i, j)))
            .collect()
    } else {
        old_top
            .iter()
            .flat_map(|&i| {
                candidates[i]
                    .iter()
                    .filter(|&&j| top(&new_units[j]))
                    .map(move |&j| (i, j))
            })
            .map(|(i, j)| (i, j, score(i, j)))
            .collect()
    };
    let mut pairs = greedy_by_score(top_cells, &distance);
    let partner_of: BTreeMap<usize, usize> = pairs.iter().map(|p| (p.old, p.new)).collect();
    let partner = &partner_of;

    // Pass 2: the rest, with the children of the parent's partner as candidates.
    let children = |units: &[Unit]| {
        let mut c: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (k, u) in units.iter().enumerate() {
            if let Some(p) = u.parent {
                c.entry(p).or_default().push(k);
            }
        }
        c
    };
    let (old_children, new_children) = (children(old_units), children(new_units));
    let rest_cells: Vec<(usize, usize, f64)> = (0..m)
        .into_par_iter()
        .filter(|&i| !top(&old_units[i]))
        .flat_map_iter(|i| {
            let mut c: Vec<usize> = candidates[i].iter().copied().filter(|&j| !top(&new_units[j])).collect();
            let partner_parent = old_units[i].parent.and_then(|p| Some((p, *partner.get(&p)?)));
            if let Some((op, np)) = partner_parent {
                if let (Some(siblings), Some(theirs)) = (old_children.get(&op), new_children.get(&np)) {
                    let rank = siblings.iter().position(|&k| k == i).unwrap_or(0);
                    let centre = rank * theirs.len() / siblings.len().max(1);
                    c.extend(theirs[window(centre, theirs.len())].iter().copied());
                }
            }
            c.sort_unstable();
            c.dedup();
            c.into_iter().map(move |j| {
                let bonus = match (old_units[i].parent, new_units[j].parent) {
                    (Some(a), Some(b)) if partner.get(&a) == Some(&b) => SAME_PARENT_BONUS,
                    _ => 0.0,
                };
                (i, j, score(i, j) + bonus)
            })
        })
        .collect();
    for p in greedy_by_score(rest_cells, &distance) {
        let similarity = score(p.old, p.new);
        if similarity >= MIN_SECTION_SIMILARITY {
            pairs.push(Pair { similarity, ..p });
        }
    }
    pairs.sort_by_key(|p| p.new);
    pairs
}

/// Greedy assignment over scored cells: best score first; among equal scores
/// the pair nearest its expected position, then the first by index (so the
/// result does not depend on the order cells were found in).
fn greedy_by_score(mut cells: Vec<(usize, usize, f64)>, distance: &dyn Fn(usize, usize) -> usize) -> Vec<Pair> {
    cells.retain(|c| c.2 >= MIN_SECTION_SIMILARITY);
    cells.sort_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then(distance(a.0, a.1).cmp(&distance(b.0, b.1)))
            .then((a.0, a.1).cmp(&(b.0, b.1)))
    });
    let (mut used_old, mut used_new) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
    let mut pairs = Vec::new();
    for (i, j, similarity) in cells {
        if !used_old.contains(&i) && !used_new.contains(&j) {
            used_old.insert(i);
            used_new.insert(j);
            pairs.push(Pair {
                old: i,
                new: j,
                similarity,
            });
        }
    }
    pairs
}

/// Similarity of two units from their headings and their word vectors.
fn unit_similarity(a: &Unit, b: &Unit, va: &TermVector, vb: &TermVector) -> f64 {
    let body = va.cosine(vb);
    let (ha, hb) = (&a.heading, &b.heading);
    let mut sim = if !ha.is_empty() && !hb.is_empty() {
        0.4 * dice(ha, hb) + 0.6 * body
    } else if ha.is_empty() && hb.is_empty() && a.role == b.role {
        0.3 + 0.7 * body
    } else {
        0.5 * body
    };
    if a.level != b.level {
        sim *= 0.85;
    }
    // A review item and a plan item share vocabulary (the same policy areas) but
    // are not the same text: prefer a partner in the corresponding part.
    if matches!(
        (a.part, b.part),
        (Part::Review, Part::Plan) | (Part::Plan, Part::Review)
    ) {
        sim *= CROSS_PART_FACTOR;
    }
    sim.clamp(0.0, 1.0)
}

/// Pairs top-level sections first, then the others with a bonus for staying
/// under paired parents, each pass a global assignment.
fn assign_by_level(sim: &[Vec<f64>], old_units: &[Unit], new_units: &[Unit]) -> Vec<Pair> {
    let top = |u: &Unit| u.parent.is_none();
    let old_top: Vec<usize> = (0..old_units.len()).filter(|&i| top(&old_units[i])).collect();
    let new_top: Vec<usize> = (0..new_units.len()).filter(|&j| top(&new_units[j])).collect();
    let sub = |rows: &[usize], cols: &[usize], bonus: &dyn Fn(usize, usize) -> f64| -> Vec<Vec<f64>> {
        rows.iter()
            .map(|&i| cols.iter().map(|&j| sim[i][j] + bonus(i, j)).collect())
            .collect()
    };
    let mut pairs: Vec<Pair> = assign(&sub(&old_top, &new_top, &|_, _| 0.0), MIN_SECTION_SIMILARITY)
        .into_iter()
        .map(|p| Pair {
            old: old_top[p.old],
            new: new_top[p.new],
            similarity: sim[old_top[p.old]][new_top[p.new]],
        })
        .collect();
    let partner: BTreeMap<usize, usize> = pairs.iter().map(|p| (p.old, p.new)).collect();
    let old_rest: Vec<usize> = (0..old_units.len()).filter(|&i| !top(&old_units[i])).collect();
    let new_rest: Vec<usize> = (0..new_units.len()).filter(|&j| !top(&new_units[j])).collect();
    let bonus = |i: usize, j: usize| match (old_units[i].parent, new_units[j].parent) {
        (Some(a), Some(b)) if partner.get(&a) == Some(&b) => SAME_PARENT_BONUS,
        _ => 0.0,
    };
    for p in assign(&sub(&old_rest, &new_rest, &bonus), MIN_SECTION_SIMILARITY) {
        let (i, j) = (old_rest[p.old], new_rest[p.new]);
        if sim[i][j] >= MIN_SECTION_SIMILARITY {
            pairs.push(Pair {
                old: i,
                new: j,
                similarity: sim[i][j],
            });
        }
    }
    pairs.sort_by_key(|p| p.new);
    pairs
}
