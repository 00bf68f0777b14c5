//! How sections are matched between two years: the similarity of two
//! sections (headings and words), the minimum to be the same section, and the
//! two-pass assignment (top level first, then the rest with a bonus for staying
//! under paired parents). The generic maths is in [`super`].

use super::{assign, dice_bigrams, dice_of, moved, weigh, Pair, TermVector};
use crate::compare::diff::Tokenized;
use crate::read::outline::{Part, Role};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// Pairs less similar than this are not the same section.
/// Similarities between years are low in absolute terms (each year's text is
/// new); the assignment decides, this only keeps out pairs with nothing in common.
pub const MIN_SECTION_SIMILARITY: f64 = 0.08;

/// Similarity kept by a pair across parts (review ↔ plan).
const CROSS_PART_FACTOR: f64 = 0.5;

/// Weight of the similarity of two children of paired parents: staying under
/// paired parents is the likely reading. A factor, not an added bonus: a flat
/// bonus for every such pair made weak pairs (0.05) push strong moved ones
/// (0.2) out, once a pair was no longer forced on every section.
const SAME_PARENT_WEIGHT: f64 = 2.0;

/// The least similarity worth pairing for two children of paired parents: the
/// parents' pairing vouches for them (two review items of one theme written a
/// few years apart share little vocabulary).
const MIN_CHILD_SIMILARITY: f64 = 0.04;

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

/// The TF-IDF vectors of `units` over their words (those of each section and
/// its descendants, in order; punctuation and spaces left out): what
/// [`super::tfidf`] makes of them, with each tokenized text read once however
/// many subtrees hold it. Term ids are given in order of first appearance
/// either way (a word first appears where its text is first read), so the
/// vectors are the same, but a word of the third level is hashed once
/// instead of three times.
pub(crate) fn unit_vectors<'u, 'a: 'u>(units: impl IntoIterator<Item = &'u Unit<'a>>) -> Vec<TermVector> {
    let mut ids: HashMap<&str, u32> = HashMap::default();
    // Term ids of each text read so far, by the text's address.
    let mut read: HashMap<*const Tokenized, Vec<u32>> = HashMap::default();
    let mut counts: Vec<u32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut counted: Vec<Vec<(u32, f64)>> = Vec::new();
    for unit in units {
        for text in unit.texts {
            let terms = read.entry(std::ptr::from_ref(text)).or_insert_with(|| {
                text.tokens
                    .iter()
                    .filter(|k| k.kind.is_word())
                    .map(|k| {
                        let next = ids.len() as u32;
                        *ids.entry(k.text(text.text)).or_insert(next)
                    })
                    .collect()
            });
            counts.resize(ids.len(), 0);
            for &id in terms.iter() {
                if counts[id as usize] == 0 {
                    touched.push(id);
                }
                counts[id as usize] += 1;
            }
        }
        touched.sort_unstable();
        counted.push(
            touched
                .drain(..)
                .map(|id| (id, f64::from(std::mem::take(&mut counts[id as usize]))))
                .collect(),
        );
    }
    weigh(counted, ids.len())
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
    let vectors = unit_vectors(old_units.iter().chain(new_units));
    let (ov, nv) = vectors.split_at(old_units.len());
    let (oh, nh) = (heading_grams(old_units), heading_grams(new_units));
    let (old, new) = ((old_units, ov, &oh[..]), (new_units, nv, &nh[..]));
    let pairs = if old_units.len() * new_units.len() <= MAX_FULL_MATRIX {
        full(old, new)
    } else {
        blocked(old, new)
    };
    let old_parent: Vec<Option<usize>> = old_units.iter().map(|u| u.parent).collect();
    let new_parent: Vec<Option<usize>> = new_units.iter().map(|u| u.parent).collect();
    let moved = moved(&pairs, &old_parent, &new_parent);
    (pairs, moved)
}

/// Every pair scored, optimal assignments (small inputs).
fn full((old_units, ov, oh): Side, (new_units, nv, nh): Side) -> Vec<Pair> {
    let sim: Vec<Vec<f64>> = old_units
        .par_iter()
        .enumerate()
        .map(|(i, x)| {
            new_units
                .iter()
                .enumerate()
                .map(|(j, y)| unit_similarity(x, y, (&ov[i], &oh[i]), (&nv[j], &nh[j])))
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
fn blocked((old_units, ov, oh): Side, (new_units, nv, nh): Side) -> Vec<Pair> {
    let (m, n) = (old_units.len(), new_units.len());
    let expected = |i: usize| i * n / m.max(1);
    let candidates = rare_term_candidates(ov, nv, n);
    let score = |i: usize, j: usize| unit_similarity(&old_units[i], &new_units[j], (&ov[i], &oh[i]), (&nv[j], &nh[j]));
    let distance = |i: usize, j: usize| expected(i).abs_diff(j);
    let top = |u: &Unit| u.parent.is_none();

    // Pass 1: top-level sections (few: all pairs among them).
    let old_top: Vec<usize> = (0..m).filter(|&i| top(&old_units[i])).collect();
    let new_top: Vec<usize> = (0..n).filter(|&j| top(&new_units[j])).collect();
    let top_cells: Vec<(usize, usize, f64)> = if old_top.len() * new_top.len() <= MAX_FULL_MATRIX {
        old_top
            .iter()
            .flat_map(|&i| new_top.iter().map(move |&j| (i, j)))
            .map(|(i, j)| (i, j, score(i, j) - MIN_SECTION_SIMILARITY))
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
            .map(|(i, j)| (i, j, score(i, j) - MIN_SECTION_SIMILARITY))
            .collect()
    };
    let mut pairs: Vec<Pair> = greedy_by_score(top_cells, &distance)
        .into_iter()
        .map(|p| Pair {
            similarity: score(p.old, p.new),
            ..p
        })
        .collect();
    let partner_of: BTreeMap<usize, usize> = pairs.iter().map(|p| (p.old, p.new)).collect();
    let partner = &partner_of;

    // Pass 2: the rest, with the children of the parent's partner as candidates.
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
                    c.extend(theirs[position_window(centre, theirs.len())].iter().copied());
                }
            }
            c.sort_unstable();
            c.dedup();
            c.into_iter().map(move |j| {
                let (x, y) = (&old_units[i], &new_units[j]);
                (i, j, rest_gain(score(i, j), x, y, partner))
            })
        })
        .collect();
    for p in greedy_by_score(rest_cells, &distance) {
        pairs.push(Pair {
            similarity: score(p.old, p.new),
            ..p
        });
    }
    pairs.sort_by_key(|p| p.new);
    pairs
}

/// Sections of a side by the index of their parent.
fn children(units: &[Unit]) -> BTreeMap<usize, Vec<usize>> {
    let mut c: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, u) in units.iter().enumerate() {
        if let Some(p) = u.parent {
            c.entry(p).or_default().push(k);
        }
    }
    c
}

/// Indices within [`POSITION_WINDOW`] of `centre`, in `0..len`.
fn position_window(centre: usize, len: usize) -> std::ops::Range<usize> {
    centre.saturating_sub(POSITION_WINDOW)..(centre + POSITION_WINDOW + 1).min(len)
}

/// The NEW candidates of each OLD section: those sharing one of its rarest
/// terms, and those near its proportional position.
fn rare_term_candidates(ov: &[TermVector], nv: &[TermVector], n: usize) -> Vec<Vec<usize>> {
    let m = ov.len();
    let mut postings: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (j, v) in nv.iter().enumerate() {
        for &(term, _) in &v.0 {
            postings.entry(term).or_default().push(j);
        }
    }
    let expected = |i: usize| i * n / m.max(1);
    (0..m)
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
                .chain(position_window(expected(i), n))
                .collect();
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect()
}

/// Greedy assignment over cells scored by gain (only a positive gain is worth
/// a pair): best first; among equal gains the pair nearest its expected
/// position, then the first by index (so the result does not depend on the
/// order cells were found in).
fn greedy_by_score(mut cells: Vec<(usize, usize, f64)>, distance: &dyn Fn(usize, usize) -> usize) -> Vec<Pair> {
    cells.retain(|c| c.2 > 0.0);
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

/// A heading without a leading ordinal (`第十五章　`, `第三篇 `): two
/// headings do not become alike by their numbers (a plan's 第十五章 is rarely
/// about what the previous plan's 第十五章 was).
fn without_ordinal(heading: &str) -> &str {
    let h = heading.trim_start();
    let Some(rest) = h.strip_prefix('第') else {
        return heading;
    };
    let digits = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || crate::text::is_cjk_numeral(c) || c == '千'))
        .map_or(rest.len(), |(k, _)| k);
    let after = &rest[digits..];
    match after.chars().next() {
        Some(c) if digits > 0 && matches!(c, '篇' | '章' | '节' | '部' | '编' | '条' | '款') => {
            after[c.len_utf8()..].trim_start()
        }
        _ => heading,
    }
}

/// One report's units, their word vectors and their [`heading_grams`].
type Side<'s, 'a> = (&'s [Unit<'a>], &'s [TermVector], &'s [(&'a str, Vec<u64>)]);

/// Each unit's heading as its similarity compares it: without its ordinal,
/// with its bigrams (made once, not for every pair it is scored in).
fn heading_grams<'a>(units: &[Unit<'a>]) -> Vec<(&'a str, Vec<u64>)> {
    units
        .iter()
        .map(|u| {
            let h = without_ordinal(u.heading);
            (h, dice_bigrams(h))
        })
        .collect()
}

/// Similarity of two units from their headings (as [`heading_grams`]) and
/// their word vectors.
fn unit_similarity(
    a: &Unit,
    b: &Unit,
    (va, (ha, ga)): (&TermVector, &(&str, Vec<u64>)),
    (vb, (hb, gb)): (&TermVector, &(&str, Vec<u64>)),
) -> f64 {
    let body = va.cosine(vb);
    let mut sim = if !a.heading.is_empty() && !b.heading.is_empty() {
        0.4 * dice_of(ha, hb, ga, gb) + 0.6 * body
    } else if a.heading.is_empty() && b.heading.is_empty() && a.role == b.role {
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

/// What pairing a section below the top level with a candidate gains, given
/// the top-level pairs: children of paired parents count double and need less
/// similarity; any other pair (a move to another parent, or a child of a
/// section that found no partner) counts once over the common minimum. A
/// child whose parent is unpaired is thereby discounted against the children
/// of paired parents; a further factor on it (0.5 and 0.75 were tried) cost a
/// right national pair (2007 → 2008, 社会事业 → 文化, similarity 0.198) and
/// gained nothing on the gold lists (docs/alignment.md).
fn rest_gain(sim: f64, old: &Unit, new: &Unit, partner: &BTreeMap<usize, usize>) -> f64 {
    match (old.parent, new.parent) {
        // The weight ranks the candidates that pass the minimum; it does not
        // lift a pair over it.
        (Some(a), Some(b)) if partner.get(&a) == Some(&b) => match sim - MIN_CHILD_SIMILARITY {
            short if short < 0.0 => short,
            _ => SAME_PARENT_WEIGHT * sim - MIN_CHILD_SIMILARITY,
        },
        _ => sim - MIN_SECTION_SIMILARITY,
    }
}

/// Pairs top-level sections first, then the others given those pairs (see
/// [`rest_gain`]), each pass one global assignment in which leaving a section
/// unpaired is one of the choices.
fn assign_by_level(sim: &[Vec<f64>], old_units: &[Unit], new_units: &[Unit]) -> Vec<Pair> {
    let top = |u: &Unit| u.parent.is_none();
    let old_top: Vec<usize> = (0..old_units.len()).filter(|&i| top(&old_units[i])).collect();
    let new_top: Vec<usize> = (0..new_units.len()).filter(|&j| top(&new_units[j])).collect();
    let sub = |rows: &[usize], cols: &[usize], gain: &dyn Fn(usize, usize) -> f64| -> Vec<Vec<f64>> {
        rows.iter()
            .map(|&i| cols.iter().map(|&j| gain(i, j)).collect())
            .collect()
    };
    let mut pairs: Vec<Pair> = assign(&sub(&old_top, &new_top, &|i, j| sim[i][j] - MIN_SECTION_SIMILARITY))
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
    let gain = |i: usize, j: usize| rest_gain(sim[i][j], &old_units[i], &new_units[j], &partner);
    for p in assign(&sub(&old_rest, &new_rest, &gain)) {
        let (i, j) = (old_rest[p.old], new_rest[p.new]);
        pairs.push(Pair {
            old: i,
            new: j,
            similarity: sim[i][j],
        });
    }
    pairs.sort_by_key(|p| p.new);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::align::dice;

    #[test]
    fn ordinals_do_not_make_headings_alike() {
        assert_eq!(without_ordinal("第十五章　打造数字经济新优势"), "打造数字经济新优势");
        assert_eq!(without_ordinal("第3篇 绿色发展"), "绿色发展");
        assert_eq!(without_ordinal("第一产业"), "第一产业");
        assert_eq!(without_ordinal("第章"), "第章");
        assert!(
            dice(
                without_ordinal("第十五章 打造数字经济新优势"),
                without_ordinal("第十五章 大力提振消费")
            ) < 0.1
        );
    }

    fn unit(parent: Option<usize>) -> Unit<'static> {
        Unit {
            heading: "",
            level: if parent.is_some() { 2 } else { 1 },
            role: Role::Heading,
            part: Part::Other,
            parent,
            texts: &[],
        }
    }

    #[test]
    fn children_gain_by_their_parents() {
        // OLD: 0 and 1 top level, 2 under 0, 3 under 1; NEW: 0 top, 1 under 0.
        let old = [unit(None), unit(None), unit(Some(0)), unit(Some(1))];
        let new = [unit(None), unit(Some(0))];
        let partner = BTreeMap::from([(0, 0)]);
        let gain = |i: usize, sim: f64| rest_gain(sim, &old[i], &new[1], &partner);
        // Under paired parents a low similarity is still worth a pair, but
        // the weight does not make a pair of nothing in common.
        assert!(gain(2, 0.05) > 0.0);
        assert!(gain(2, 0.03) < 0.0);
        // Under an unpaired parent the same similarity is not, and a higher
        // one counts for less than under paired parents.
        assert!(gain(3, 0.05) < 0.0);
        assert!(gain(3, 0.3) < gain(2, 0.3));
    }
}
