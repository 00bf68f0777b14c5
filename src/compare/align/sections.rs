//! How sections are matched between two years: the similarity of two
//! sections (headings and words), the minimum to be the same section, and the
//! two-pass assignment (top level first, then the rest with a bonus for staying
//! under paired parents). The generic maths is in [`super`].

use super::{assign, dice, moved, tfidf, Pair, TermVector};
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
    /// The section's words with those of its descendants.
    pub words: &'a [String],
}

/// Pairs the sections of two reports and says which pairs moved.
pub fn align(old_units: &[Unit], new_units: &[Unit]) -> (Vec<Pair>, Vec<bool>) {
    let docs: Vec<&[String]> = old_units.iter().chain(new_units).map(|u| u.words).collect();
    let vectors = tfidf(&docs);
    let (ov, nv) = vectors.split_at(old_units.len());
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
    let pairs = assign_by_level(&sim, old_units, new_units);
    let old_parent: Vec<Option<usize>> = old_units.iter().map(|u| u.parent).collect();
    let new_parent: Vec<Option<usize>> = new_units.iter().map(|u| u.parent).collect();
    let moved = moved(&pairs, &old_parent, &new_parent);
    (pairs, moved)
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
