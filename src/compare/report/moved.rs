//! Passages deleted in one section and inserted in another, paired as moved.

use super::SectionDiff;
use crate::compare::diff::{sentence_edits, Move, Op, Tag};

/// A deleted and an inserted passage this similar (Dice of char bigrams) are one
/// passage moved between sections.
const MIN_MOVED_SIMILARITY: f64 = 0.6;
/// Passages are looked for this many section entries away (neighbouring sections).
const MOVE_WINDOW: usize = 6;
/// Passages shorter than this are too generic to call moved; longer ones are
/// rewritten blocks, not sentences.
const MOVED_CHARS: std::ops::RangeInclusive<usize> = 12..=600;

/// A deleted or inserted passage: section index, hunk index, sorted char bigrams.
type Passage = (usize, usize, Vec<u64>);

/// Pairs a passage deleted in one section with a nearly identical passage
/// inserted in a neighbouring one: both are tagged `moved`, point at each
/// other's section, and carry the word edits between the two wordings (a number
/// changed on the way is tagged). Work is bounded by the window and the lengths.
pub(super) fn pair_moved_passages(sections: &mut [SectionDiff]) {
    let pick = |op: Op| -> Vec<Passage> {
        let mut out = Vec::new();
        for (si, s) in sections.iter().enumerate() {
            for (hi, h) in s.hunks.iter().enumerate() {
                let text = if op == Op::Delete { &h.old } else { &h.new };
                if h.op == op && h.tag.is_none() && MOVED_CHARS.contains(&text.chars().count()) {
                    out.push((si, hi, crate::compare::align::sorted_bigrams(text)));
                }
            }
        }
        out
    };
    let (deleted, inserted) = (pick(Op::Delete), pick(Op::Insert));
    let mut taken = vec![false; inserted.len()];
    let mut found: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for (si, hi, g) in &deleted {
        let best = inserted
            .iter()
            .enumerate()
            .filter(|(k, (sj, _, _))| !taken[*k] && sj != si && sj.abs_diff(*si) <= MOVE_WINDOW)
            .map(|(k, (_, _, h))| (crate::compare::align::sorted_dice(g, h), k))
            .filter(|&(d, _)| d >= MIN_MOVED_SIMILARITY)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, k)) = best {
            taken[k] = true;
            found.push(((*si, *hi), (inserted[k].0, inserted[k].1)));
        }
    }
    let place = |s: &SectionDiff, old_side: bool| {
        let r = if old_side { s.old.as_ref() } else { s.new.as_ref() };
        r.map_or((String::new(), String::new()), |r| (r.id.clone(), r.path.clone()))
    };
    for ((si, hi), (sj, hj)) in found {
        let edits = sentence_edits(&sections[si].hunks[hi].old, &sections[sj].hunks[hj].new);
        let (to_id, to_path) = place(&sections[sj], false);
        let (from_id, from_path) = place(&sections[si], true);
        let d = &mut sections[si].hunks[hi];
        d.tag = Some(Tag::Moved);
        d.moved = Some(Box::new(Move {
            id: to_id,
            section: to_path,
            edits: edits.clone(),
        }));
        let i = &mut sections[sj].hunks[hj];
        i.tag = Some(Tag::Moved);
        i.moved = Some(Box::new(Move {
            id: from_id,
            section: from_path,
            edits,
        }));
    }
}
