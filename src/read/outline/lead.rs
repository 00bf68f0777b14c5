//! Lead sentences: a paragraph opening with a short sentence
//! (`加快推进新型工业化。…`) is titled by it, one level below its section.

use super::{Role, Section};
use crate::text::is_cjk;

/// Adds titled paragraphs for short lead sentences inside numbered sections.
pub(super) fn add_lead_sentences(chars: &[char], sections: &mut Vec<Section>) {
    let mut sorted: Vec<Section> = sections.clone();
    sorted.sort_by_key(|s| s.start);
    let mut leads = Vec::new();
    let mut para_start = 0;
    let mut current: Option<&Section> = None;
    let mut idx = 0;
    while para_start < chars.len() {
        let para_end = chars[para_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |k| para_start + k);
        while idx < sorted.len() && sorted[idx].start <= para_start {
            current = Some(&sorted[idx]);
            idx += 1;
        }
        let is_heading_para = sorted.binary_search_by_key(&para_start, |s| s.start).is_ok();
        if let Some(sec) = current {
            if sec.role == Role::Heading && !is_heading_para {
                if let Some(h) = lead_sentence(&chars[para_start..para_end]) {
                    leads.push(Section {
                        level: sec.level + 1,
                        marker: String::new(),
                        heading: h,
                        role: Role::Lead,
                        start: para_start,
                        end: 0,
                    });
                }
            }
        }
        para_start = para_end + 1;
    }
    sections.extend(leads);
}

/// `加快推进新型工业化。围绕…` → `加快推进新型工业化`.
fn lead_sentence(para: &[char]) -> Option<String> {
    let skip = para.iter().take_while(|&&c| c == '—' || c == ' ').count();
    let body = &para[skip..];
    let end = body.iter().take(26).position(|&c| c == '。')?;
    let sentence = &body[..end];
    let ok = sentence.len() >= 4
        && !sentence
            .iter()
            .any(|&c| matches!(c, ',' | ';' | ':' | '!' | '?' | '“' | '(' | '、'))
        && sentence.iter().filter(|&&c| is_cjk(c)).count() * 10 >= sentence.len() * 8
        && body.len() > end + 10;
    ok.then(|| sentence.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(para: &str) -> Option<String> {
        lead_sentence(&para.chars().collect::<Vec<char>>())
    }

    #[test]
    fn a_short_first_sentence_titles_its_paragraph() {
        assert_eq!(
            lead("加快推进新型工业化。围绕先进制造业强市建设出台政策,动工建设。").as_deref(),
            Some("加快推进新型工业化")
        );
        // A first sentence with a comma is running text; so is a paragraph that is one sentence.
        assert_eq!(
            lead("今年,我们加快推进新型工业化。围绕先进制造业强市建设出台政策。"),
            None
        );
        assert_eq!(lead("加快推进新型工业化。"), None);
    }
}
