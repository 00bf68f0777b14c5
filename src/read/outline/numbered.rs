//! Which marker candidates are numbered headings: per style, in order of
//! rank, the best chain of consecutive ordinals.

use super::markers::{rank_order, Candidate};

/// The numbered headings (styles in order of rank, each the best chain of
/// consecutive ordinals), and whether the top numbering restarts under the
/// unnumbered headings at `plain` (then those rank above it: 酒泉 2016's
/// `2016年工作安排` holds its own `一、`…`九、`).
pub(super) fn numbered_headings(candidates: &[Candidate], plain: &[usize]) -> (Vec<Candidate>, bool) {
    let mut accepted: Vec<Candidate> = Vec::new();
    let mut plain_on_top = false;
    for style in rank_order(candidates) {
        let of_style: Vec<&Candidate> = candidates.iter().filter(|c| c.style == style).collect();
        if of_style.is_empty() {
            continue;
        }
        let mut boundaries: Vec<usize> = accepted.iter().map(|c| c.pos).collect();
        boundaries.sort_unstable();
        let mut chain = best_chain(&of_style, &boundaries);
        if accepted.is_empty() && !plain.is_empty() {
            let mut with_plain = boundaries.clone();
            with_plain.extend_from_slice(plain);
            with_plain.sort_unstable();
            let restarted = best_chain(&of_style, &with_plain);
            let runs = runs_of(&restarted);
            if runs.len() >= 2 && runs.iter().all(|&n| n >= 2) {
                chain = restarted;
                plain_on_top = true;
            }
        }
        accepted.extend(chain.into_iter().cloned());
    }
    accepted.sort_by_key(|c| c.pos);
    (accepted, plain_on_top)
}

/// Lengths of the runs of a chain (a run starts at every ordinal 1).
fn runs_of(chain: &[&Candidate]) -> Vec<usize> {
    let mut runs: Vec<usize> = Vec::new();
    for c in chain {
        match runs.last_mut() {
            Some(n) if c.ordinal != 1 => *n += 1,
            _ => runs.push(1),
        }
    }
    runs
}

/// Score of one chain member; a skipped ordinal costs 1.
const MEMBER: u32 = 5;

/// The best chain of consecutive ordinals among `cands` (sorted by position):
/// most members first, then the strongest boundaries. A chain restarts at 1 only
/// across a higher-ranked heading (in `boundaries`).
fn best_chain<'a>(cands: &[&'a Candidate], boundaries: &[usize]) -> Vec<&'a Candidate> {
    let n = cands.len();
    // score[j] = (MEMBER per member less skipped numbers, strength) of the best
    // chain ending at j.
    let mut score: Vec<(u32, u32)> = vec![(0, 0); n];
    let mut prev: Vec<Option<usize>> = vec![None; n];
    // The best chain so far ending at each ordinal, and (prefix_best[k]) among the
    // first k candidates; the earliest wins ties. Keeps the search linear in a
    // one-line scrape with thousands of candidates of one ordinal.
    let mut best_by_ordinal: std::collections::HashMap<u32, ((u32, u32), usize)> = Default::default();
    let mut prefix_best: Vec<Option<((u32, u32), usize)>> = vec![None];
    for j in 0..n {
        let c = cands[j];
        let mut best: Option<((u32, u32), Option<usize>)> = None;
        let mut consider = |s: (u32, u32), from: Option<usize>| {
            if best.is_none_or(|(bs, _)| s > bs) {
                best = Some((s, from));
            }
        };
        if c.ordinal == 1 {
            consider((MEMBER, c.strength), None);
            // Restart: continue the best chain ending before the last boundary.
            let last_boundary = boundaries.iter().rev().find(|&&b| b < c.pos);
            if let Some(&b) = last_boundary {
                let before = cands[..j].partition_point(|x| x.pos < b);
                if let Some((s, i)) = prefix_best[before] {
                    consider((s.0 + MEMBER, s.1 + c.strength), Some(i));
                }
            }
        }
        // Continue from ordinal - 1; a heading at a paragraph start may also skip
        // up to four numbers that a scrape lost (each skipped number costs).
        let max_gap = if c.strength == 3 { 4 } else { 0 };
        for gap in 0..=max_gap {
            let Some(prev_ordinal) = c.ordinal.checked_sub(gap + 1).filter(|&o| o > 0) else {
                break;
            };
            if let Some(&(s, i)) = best_by_ordinal.get(&prev_ordinal) {
                consider((s.0 + MEMBER - gap, s.1 + c.strength), Some(i));
            }
        }
        if let Some((s, p)) = best {
            score[j] = s;
            prev[j] = p;
            let entry = best_by_ordinal.entry(c.ordinal).or_insert((s, j));
            if s > entry.0 {
                *entry = (s, j);
            }
        }
        let last = prefix_best[j];
        prefix_best.push(match last {
            Some((ls, _)) if ls >= score[j] => last,
            _ if score[j].0 > 0 => Some((score[j], j)),
            _ => last,
        });
    }
    let Some(end) = (0..n)
        .filter(|&j| score[j].0 > 0)
        .max_by_key(|&j| (score[j], std::cmp::Reverse(j)))
    else {
        return Vec::new();
    };
    let mut chain = Vec::new();
    let mut cur = Some(end);
    while let Some(j) = cur {
        chain.push(cands[j]);
        cur = prev[j];
    }
    chain.reverse();
    // A lone heading must stand at the start of a paragraph.
    if chain.len() == 1 && chain[0].strength < 3 {
        chain.clear();
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::super::tests::headings;
    use super::super::{outline, Role};

    #[test]
    fn inline_headings_by_continuity() {
        let t = "意见。 一、“十三五”成就 正文占全国四分之 一、全省一半;正文。 二、奋斗目标 正文。 三、2021年工作安排 正文。";
        let o = outline(t);
        let h: Vec<_> = o.iter().filter(|s| s.role == Role::Heading).collect();
        assert_eq!(h.len(), 3);
        assert_eq!(h[0].heading, "“十三五”成就");
        assert_eq!(h[0].start, 4);
    }

    #[test]
    fn running_text_numbering_rejected() {
        let h = headings("吞吐量分别居全球第五、第六,运营。\n落实“五统一、一开放”基本要求。");
        assert!(h.is_empty(), "{h:?}");
    }
}
