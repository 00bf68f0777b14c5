//! Numbered lists inside running text: a run of numbered items that are each
//! one short paragraph, after which the running text goes on under the same
//! heading (national 1979: the five goals of the readjustment `（一）要使粮食
//! 生产…比较适应。` … `（五）…继续有所提高。`, then `我们讲改革…`). A reader takes
//! them for a list in the parent's text, not for sections: as sections, the
//! last item would take in all the text after the list (9,782 chars in 1979).

use super::{Para, Section};

/// Longest item paragraph (chars, marker included) a list may hold; numbered
/// subsections with a run-in heading hold their whole text in one paragraph,
/// hundreds of chars long.
const ITEM_MAX_CHARS: usize = 200;

/// Drops from `headings` (sorted by start) every run of sibling items that
/// reads as a list: at least two items, none with sub-headings, each one
/// paragraph of at most [`ITEM_MAX_CHARS`] starting with its marker and
/// followed directly by the next item, and two paragraphs or more of running
/// text after the last item before the next heading of a higher level (or
/// `end`: the closing or the end of the body).
pub(super) fn drop_lists(headings: &mut Vec<Section>, chars: &[char], paras: &[Para], end: usize) {
    let mut list = vec![false; headings.len()];
    for i in 0..headings.len() {
        let level = headings[i].level;
        if i > 0 && headings[i - 1].level >= level {
            continue; // not the first of its run
        }
        let mut run = Vec::new();
        let mut nested = false;
        let mut j = i;
        while j < headings.len() && headings[j].level >= level {
            if headings[j].level == level {
                run.push(j);
            } else {
                nested = true;
            }
            j += 1;
        }
        let run_end = headings.get(j).map_or(end, |h| h.start).min(end);
        if !nested && run.len() >= 2 && is_list(&run, headings, chars, paras, run_end) {
            for k in run {
                list[k] = true;
            }
        }
    }
    let mut k = 0;
    headings.retain(|_| {
        k += 1;
        !list[k - 1]
    });
}

fn is_list(run: &[usize], headings: &[Section], chars: &[char], paras: &[Para], run_end: usize) -> bool {
    // The paragraph each item opens (its index), if it opens one.
    let mut opened = Vec::with_capacity(run.len());
    for &k in run {
        let start = headings[k].start;
        let Some(p) = paras
            .iter()
            .position(|p| p.start <= start && start < p.end.max(p.start + 1))
        else {
            return false;
        };
        let para = &paras[p];
        if !chars[para.start..start].iter().all(|c| c.is_whitespace()) || para.end - start > ITEM_MAX_CHARS {
            return false;
        }
        opened.push(p);
    }
    let next_text = |p: usize| (p + 1..paras.len()).find(|&q| !paras[q].text.is_empty());
    // Each item is followed directly by the next.
    if opened.windows(2).any(|w| next_text(w[0]) != Some(w[1])) {
        return false;
    }
    // Running text after the last item, under the same heading: two paragraphs
    // at least (one alone is the part's wrap-up, `各位代表,…`, after subsections).
    let last = opened[opened.len() - 1];
    next_text(last)
        .and_then(next_text)
        .is_some_and(|q| paras[q].start < run_end)
}

#[cfg(test)]
mod tests {
    use super::super::{outline, Role};

    fn headings(text: &str) -> Vec<String> {
        outline(text)
            .into_iter()
            .filter(|s| s.role == Role::Heading)
            .map(|s| s.marker + &s.heading)
            .collect()
    }

    #[test]
    fn a_list_of_short_items_in_running_text_is_no_outline_level() {
        let t = "一、总结\n正文。\n二、安排\n今后的任务是:\n(一)要使粮食生产同人口增长相适应。\n\n(二)在轻纺工业方面加快增长。\n\n\
                 (三)基本建设要坚决缩短战线。\n\n我们讲改革,就是要对现行经济管理体制实行全面改革。\n我们讲整顿。\n三、外交\n正文。";
        assert_eq!(headings(t), ["一、总结", "二、安排", "三、外交"]);
        let o = outline(t);
        let part = o.iter().find(|s| s.heading == "安排").unwrap();
        assert!(part.end > t.chars().position(|c| c == '讲').unwrap());
    }

    #[test]
    fn subsections_stay_when_nothing_follows_or_items_are_long() {
        // Nothing after the last item, or one wrap-up paragraph: subsections.
        let t = "一、总结\n正文。\n二、安排\n(一)扩大内需。\n(二)稳定就业。\n三、外交\n正文。";
        assert_eq!(headings(t).len(), 5);
        let t = "一、总结\n正文。\n二、安排\n(一)扩大内需。\n(二)稳定就业。\n各位代表,任务艰巨。\n三、外交\n正文。";
        assert_eq!(headings(t).len(), 5);
        // Items longer than a list item: subsections with run-in headings, and
        // the paragraph after them belongs to the part.
        let long = "正文".repeat(120);
        let t = format!("一、回顾\n(一)发展经济。{long}\n(二)改善民生。{long}\n我们也清醒看到困难。\n二、安排\n正文。");
        assert_eq!(headings(&t).len(), 4);
        // An item with a paragraph of its own: subsections.
        let t = "一、安排\n(一)扩大内需。\n正文。\n(二)稳定就业。\n其后正文。\n二、外交\n正文。";
        assert_eq!(headings(t).len(), 4);
    }
}
