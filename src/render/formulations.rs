//! The parts of `series` and `phrases` output about formulations: the top
//! formulations of each report with a keyword-in-context line, and the years
//! missing from a series.

use super::outline::md_escape;
use crate::compare::series::ReportTop;
use colored::Colorize;

/// Characters of context shown on each side of a phrase.
const KWIC_SIDE: usize = 18;

/// `…left context【phrase】right context…` around the first occurrence of
/// `phrase` in `sentence` (the whole sentence, cut, if it does not hold it
/// verbatim, e.g. because of quote marks inside the phrase).
pub fn kwic(sentence: &str, phrase: &str) -> (String, String, String) {
    let Some(at) = sentence.find(phrase) else {
        let cut: String = sentence.chars().take(2 * KWIC_SIDE).collect();
        return (String::new(), cut, String::new());
    };
    let left: Vec<char> = sentence[..at].chars().collect();
    let right: Vec<char> = sentence[at + phrase.len()..].chars().collect();
    let l = left.len().saturating_sub(KWIC_SIDE);
    let mut before: String = left[l..].iter().collect();
    if l > 0 {
        before.insert(0, '…');
    }
    let mut after: String = right.iter().take(KWIC_SIDE).collect();
    if right.len() > KWIC_SIDE {
        after.push('…');
    }
    (before, phrase.to_string(), after)
}

/// Terminal section: the top formulations of each report.
pub fn top_terminal(tops: &[ReportTop]) -> String {
    if tops.iter().all(|t| t.phrases.is_empty()) {
        return String::new();
    }
    let mut out = format!(
        "\n{} (per report: count, per 10,000 characters, first use)\n",
        "top formulations".bold()
    );
    for t in tops.iter().filter(|t| !t.phrases.is_empty()) {
        out.push_str(&format!("  {}\n", t.report.bold()));
        for p in &t.phrases {
            out.push_str(&format!(
                "    {} {}  {}\n",
                p.text.yellow(),
                format!("×{} {:.1}/10k", p.count, p.per_10k).dimmed(),
                p.context.as_ref().map_or_else(String::new, |c| {
                    let (before, hit, after) = kwic(&c.text, &p.text);
                    format!("{before}{}{after}", hit.bold())
                })
            ));
        }
    }
    out
}

/// Markdown section: the top formulations of each report.
pub fn top_markdown(tops: &[ReportTop]) -> String {
    if tops.iter().all(|t| t.phrases.is_empty()) {
        return String::new();
    }
    let mut out = String::from(
        "\n## Top formulations\n\n| report | formulation | count | per 10k chars | first use |\n|---|---|---|---|---|\n",
    );
    for t in tops {
        for p in &t.phrases {
            let context = p.context.as_ref().map_or_else(String::new, |c| {
                let (before, hit, after) = kwic(&c.text, &p.text);
                format!("{}**{}**{}", md_escape(&before), md_escape(&hit), md_escape(&after))
            });
            out.push_str(&format!(
                "| {} | {} | {} | {:.2} | {} |\n",
                md_escape(&t.report),
                md_escape(&p.text),
                p.count,
                p.per_10k,
                context
            ));
        }
    }
    out
}

/// One line naming the years missing from a series, or nothing.
pub fn missing_note(missing: &[i32]) -> String {
    if missing.is_empty() {
        return String::new();
    }
    format!(
        "missing years: {} (no report; a phrase first or last seen next to one is marked *)\n",
        super::year_ranges(missing)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kwic_cuts_both_sides() {
        let s = "我们要坚持以人民为中心的发展思想,加快发展新质生产力,因地制宜推动产业升级,这是一个很长的句子。";
        let (b, h, a) = kwic(s, "新质生产力");
        assert_eq!(h, "新质生产力");
        assert!(b.starts_with('…') && b.ends_with("加快发展"), "{b}");
        assert_eq!(b.chars().count(), KWIC_SIDE + 1);
        assert!(a.ends_with('…'));
        assert_eq!(kwic("短句。", "不在").1, "短句。");
    }

    #[test]
    fn missing_years_are_named() {
        assert_eq!(missing_note(&[]), "");
        assert!(missing_note(&[2017, 2019]).starts_with("missing years: 2017, 2019"));
    }
}
