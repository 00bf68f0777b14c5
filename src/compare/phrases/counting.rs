//! Counting occurrences: substrings of the normalized text with quote marks
//! removed, never inside a longer number or ordinal (`十五` is not in `十五年`
//! or `第十五届`), and — for every candidate except watched ones — never inside
//! a longer candidate (`两制` counts only where it stands outside `一国两制`).

use super::matcher::{Matcher, Matches};
use super::{candidates, PhraseKind, QUOTES};
use crate::text::is_cjk_numeral;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Normalized text with quote marks removed: what occurrences are counted in.
pub fn counting_text(text: &str) -> String {
    // Sized once: collecting grows by doubling, up to twice the text.
    let mut out = String::with_capacity(text.len());
    push_counting_text(&mut out, text);
    out
}

/// Appends the [`counting_text`] of `text` to `out`.
pub fn push_counting_text(out: &mut String, text: &str) {
    // The runs between quote marks are copied whole. Every mark is ASCII or
    // starts with byte E2 or E3, so only those bytes are decoded.
    let bytes = text.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        if !matches!(bytes[i], b'"' | b'\'' | 0xE2 | 0xE3) {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        if QUOTES.contains(&c) {
            out.push_str(&text[copied..i]);
            copied = i + c.len_utf8();
        }
        i += c.len_utf8().max(1);
    }
    out.push_str(&text[copied..]);
}

/// A numeral (CJK or ASCII digit): a phrase that starts or ends with one is not
/// found inside a longer number (`九五` is not in `一九五四年`).
fn is_numeral(c: char) -> bool {
    is_cjk_numeral(c) || c.is_ascii_digit()
}

/// Units and counters that make a numeral before them a quantity or an ordinal
/// (`十五年`, `十五届`, `十五大`), not a named period or set (`十五计划`, `“十五”期间`).
const UNITS_AFTER_NUMERAL: &[char] = &[
    '年', '月', '日', '天', '次', '个', '项', '条', '位', '批', '倍', '届', '级', '名', '家', '人', '岁', '周', '万',
    '千', '百', '亿', '大',
];

/// Whether the occurrence at byte range `start..end` of `text` stands clear of
/// neighbouring numerals, units and ordinal marks where the phrase itself
/// begins or ends with a numeral.
fn clear_of_numbers(text: &str, phrase: &str, start: usize, end: usize) -> bool {
    let starts_num = phrase.chars().next().is_some_and(is_numeral);
    let ends_num = phrase.chars().next_back().is_some_and(is_numeral);
    let joined_before = starts_num
        && text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| is_numeral(c) || c == '第');
    let joined_after = ends_num
        && text[end..]
            .chars()
            .next()
            .is_some_and(|c| is_numeral(c) || UNITS_AFTER_NUMERAL.contains(&c));
    !joined_before && !joined_after
}

/// Non-overlapping occurrences of `phrase` in `counting` (a [`counting_text`]),
/// as a plain substring apart from the numeral rule.
pub fn count(counting: &str, phrase: &str) -> usize {
    if phrase.is_empty() {
        return 0;
    }
    counting
        .match_indices(phrase)
        .filter(|&(i, m)| clear_of_numbers(counting, phrase, i, i + m.len()))
        .count()
}

/// Which of `phrases` occur in `text` (quote marks ignored), as indices in
/// ascending order: one pass of a prebuilt automaton.
pub fn present(automaton: &aho_corasick::AhoCorasick, text: &str) -> Vec<usize> {
    let counting = counting_text(text);
    let mut found: Vec<usize> = automaton
        .find_overlapping_iter(&counting)
        .map(|m| m.pattern().as_usize())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The byte offsets of a counting text where a token begins or ends (see
/// [`PhraseSet::counts`]), one bit each: a byte each was as large as the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Boundaries {
    bits: Vec<u64>,
}

impl Boundaries {
    /// No boundary among the offsets `0..=len` (`len`: the counting text's length).
    pub fn new(len: usize) -> Boundaries {
        Boundaries {
            bits: vec![0; (len + 1).div_ceil(64)],
        }
    }

    /// Marks offset `i` (within `0..=len`) as a boundary.
    pub fn insert(&mut self, i: usize) {
        if let Some(word) = self.bits.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    /// Whether offset `i` is a boundary.
    pub fn contains(&self, i: usize) -> bool {
        self.bits.get(i / 64).is_some_and(|word| word & (1 << (i % 64)) != 0)
    }
}

/// An ordinary word is a term of art in a report that quotes it this often: a
/// word quoted once is more likely a quotation in passing (“和平”, “自由”).
pub const TERM_OF_ART_QUOTES: usize = 2;

/// The candidates of a comparison, ready to be counted in each report: a view
/// of the run's one [`Matcher`] (its automaton built once), with the counting
/// rules of each candidate.
pub struct PhraseSet {
    kinds: Vec<PhraseKind>,
    matcher: Arc<Matcher>,
    /// The matcher's id of each phrase.
    ids: Vec<usize>,
    /// For each of the matcher's ids, the phrase's index here (`usize::MAX`: not in the set).
    local: Vec<usize>,
    /// Counted as plain substrings, nested or not: watched phrases, whose counts
    /// the user checks against a text search.
    substring: Vec<bool>,
    /// Hides the shorter candidates nested in it. A candidate that is two others
    /// joined (`六稳六保` = `六稳` + `六保`) hides neither, nor does a list
    /// (`大众创业、万众创新`, see [`super::list_items`]) hide its items.
    container: Vec<bool>,
    /// Counted only where they begin and end at token boundaries: lexicon and
    /// discovered phrases, which no quote marks delimit (`大产业` is not in `扩大产业`).
    whole_words: Vec<bool>,
    /// Ordinary words quoted as a term of art: only their quoted occurrences
    /// count, and only in a report that quotes them at least [`TERM_OF_ART_QUOTES`] times.
    quoted_only: Vec<bool>,
}

impl PhraseSet {
    /// The set of `candidates`, in key order, with a matcher of its own.
    pub fn new(candidates: &BTreeMap<String, PhraseKind>) -> PhraseSet {
        PhraseSet::view(Arc::new(Matcher::new(candidates.keys().cloned().collect())), candidates)
    }

    /// The set of `candidates` (in key order) matched by `matcher`, which
    /// holds them all (else the set gets a matcher of its own).
    pub fn view(matcher: Arc<Matcher>, candidates: &BTreeMap<String, PhraseKind>) -> PhraseSet {
        let ids: Option<Vec<usize>> = candidates.keys().map(|t| matcher.id(t)).collect();
        let (matcher, ids) = match ids {
            Some(ids) => (matcher, ids),
            None => (
                Arc::new(Matcher::new(candidates.keys().cloned().collect())),
                (0..candidates.len()).collect(),
            ),
        };
        let joined = |t: &str| {
            t.char_indices()
                .skip(1)
                .any(|(i, _)| candidates.contains_key(&t[..i]) && candidates.contains_key(&t[i..]))
        };
        let joined = candidates.keys().map(|t| joined(t)).collect();
        PhraseSet::build(matcher, ids, candidates.values().copied().collect(), joined)
    }

    /// The set of the matcher's phrases `entries` (id ascending, with their
    /// kinds); `splits[id]`: the pairs of the matcher's phrases that joined
    /// make phrase `id` (see [`PhraseSet::splits`]).
    pub fn of_ids(matcher: Arc<Matcher>, entries: &[(usize, PhraseKind)], splits: &[Vec<(usize, usize)>]) -> PhraseSet {
        let mut member = vec![false; matcher.texts().len()];
        for &(id, _) in entries {
            member[id] = true;
        }
        let joined = entries
            .iter()
            .map(|&(id, _)| splits[id].iter().any(|&(l, r)| member[l] && member[r]))
            .collect();
        let ids = entries.iter().map(|&(id, _)| id).collect();
        PhraseSet::build(matcher, ids, entries.iter().map(|&(_, k)| k).collect(), joined)
    }

    /// For each of the matcher's phrases, the pairs of its phrases that joined make it.
    pub fn splits(matcher: &Matcher) -> Vec<Vec<(usize, usize)>> {
        matcher
            .texts()
            .iter()
            .map(|t| {
                t.char_indices()
                    .skip(1)
                    .filter_map(|(i, _)| Some((matcher.id(&t[..i])?, matcher.id(&t[i..])?)))
                    .collect()
            })
            .collect()
    }

    /// The set of the matcher's phrases `ids` with their kinds; `joined`: which
    /// are two phrases of the set joined. The counting rules of each phrase.
    fn build(matcher: Arc<Matcher>, ids: Vec<usize>, kinds: Vec<PhraseKind>, joined: Vec<bool>) -> PhraseSet {
        let mut local = vec![usize::MAX; matcher.texts().len()];
        for (k, &id) in ids.iter().enumerate() {
            local[id] = k;
        }
        PhraseSet {
            substring: kinds.iter().map(|&k| k == PhraseKind::Watch).collect(),
            whole_words: kinds
                .iter()
                .map(|&k| matches!(k, PhraseKind::Lexicon | PhraseKind::Discovered))
                .collect(),
            container: ids
                .iter()
                .zip(&joined)
                .map(|(&id, &j)| !j && !matcher.shape(id).list)
                .collect(),
            quoted_only: ids
                .iter()
                .zip(&kinds)
                .map(|(&id, &k)| k == PhraseKind::Quoted && matcher.shape(id).ordinary)
                .collect(),
            kinds,
            matcher,
            ids,
            local,
        }
    }

    /// Where each phrase came from, in the order of [`PhraseSet::texts`].
    pub fn kinds(&self) -> &[PhraseKind] {
        &self.kinds
    }

    /// The phrases, in the order of the counts: the matcher's texts, which
    /// the set does not copy (a series makes one set per year pair).
    pub fn texts(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        self.ids.iter().map(|&id| self.matcher.texts()[id].as_str())
    }

    /// The phrase `k` of the set.
    pub fn text(&self, k: usize) -> &str {
        &self.matcher.texts()[self.ids[k]]
    }

    /// How many phrases the set holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the set holds no phrase.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The matcher the set is a view of.
    pub fn matcher(&self) -> &Arc<Matcher> {
        &self.matcher
    }

    /// The index in this set of the matcher's phrase `id`.
    pub fn local(&self, id: usize) -> Option<usize> {
        self.local.get(id).copied().filter(|&k| k != usize::MAX)
    }

    /// The matcher's id of the set's phrase `k`.
    pub fn id(&self, k: usize) -> usize {
        self.ids[k]
    }

    /// Counts of every phrase in a report: `text` is its normalized text,
    /// `counting` the same as a [`counting_text`], `boundaries` marks the byte
    /// offsets of `counting` where a token begins or ends.
    pub fn counts(&self, text: &str, counting: &str, boundaries: &Boundaries) -> Vec<usize> {
        self.tally(text, counting, boundaries).counts
    }

    /// Counts of every phrase in a report (as [`PhraseSet::counts`]), and
    /// which phrases stand in its text at all: a phrase whose text occurs only
    /// inside a longer form or across a word boundary counts 0 there, but is
    /// [`Tally::present`], with the longer forms in [`Tally::within`].
    pub fn tally(&self, text: &str, counting: &str, boundaries: &Boundaries) -> Tally {
        self.tally_found(text, counting, boundaries, self.matcher.find(counting).as_ref())
    }

    /// [`PhraseSet::tally`] from the matcher's occurrences in `counting`
    /// (`found`, `None` when the matcher has no automaton).
    pub fn tally_found(&self, text: &str, counting: &str, boundaries: &Boundaries, found: Option<&Matches>) -> Tally {
        let whole = |s: usize, e: usize| boundaries.contains(s) && boundaries.contains(e);
        let mut counts = vec![0usize; self.len()];
        let mut present = vec![false; self.len()];
        let Some(found) = found else {
            // Only possible with an empty phrase or a pathological set: count one by one.
            let counts: Vec<usize> = self.texts().map(|p| count(counting, p)).collect();
            let present = self.texts().map(|p| !p.is_empty() && counting.contains(p)).collect();
            return Tally {
                counts,
                present,
                within: BTreeMap::new(),
            };
        };
        // Start ascending, end descending (as `found`): every match that contains
        // another comes before it, so a running maximum of container ends finds nesting.
        let raw: Vec<(usize, usize, usize)> = found
            .all()
            .iter()
            .filter_map(|m| self.local(m.id).map(|k| (m.start, m.end, k)))
            .collect();
        for &(_, _, k) in &raw {
            present[k] = true;
        }
        let matches: Vec<(usize, usize, usize)> = raw
            .iter()
            .copied()
            .filter(|&(s, e, k)| clear_of_numbers(counting, self.text(k), s, e))
            .filter(|&(s, e, k)| !self.whole_words[k] || whole(s, e))
            .collect();
        let mut container_end = 0;
        let mut last_end = vec![0usize; self.len()];
        for &(s, e, k) in &matches {
            let nested = container_end >= e;
            // Non-overlapping per phrase, leftmost first, like `str::matches`.
            if s >= last_end[k] && (self.substring[k] || !nested) {
                counts[k] += 1;
                last_end[k] = e;
            }
            if self.container[k] {
                container_end = container_end.max(e);
            }
        }
        if self.quoted_only.iter().any(|&q| q) {
            let quoted = candidates::quoted_terms(text);
            for (k, c) in counts.iter_mut().enumerate() {
                if self.quoted_only[k] {
                    *c = quoted
                        .get(self.text(k))
                        .copied()
                        .filter(|&n| n >= TERM_OF_ART_QUOTES)
                        .unwrap_or(0);
                }
            }
        }
        let within = longer_forms(counting, boundaries, &raw, &counts, self);
        Tally {
            counts,
            present,
            within,
        }
    }
}

/// What [`PhraseSet::tally`] finds in one report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Occurrences of each phrase under the counting rules.
    pub counts: Vec<usize>,
    /// Whether each phrase's text occurs in the counting text at all.
    pub present: Vec<bool>,
    /// For each phrase present but counted 0: the longer forms it stands in
    /// (most frequent first, at most [`MAX_WITHIN`]).
    pub within: BTreeMap<usize, Vec<String>>,
}

/// Longer forms listed per phrase.
pub const MAX_WITHIN: usize = 3;

/// Most characters a longer form grows by, each way, to the token boundaries
/// around an occurrence.
const MAX_FORM_GROWTH: usize = 4;

/// The longer forms holding each phrase that is present but counted 0: the
/// longest candidate around the occurrence, else the occurrence grown to the
/// token boundaries around it. `raw` (every match) sorted by start
/// ascending, end descending.
fn longer_forms(
    counting: &str,
    boundaries: &Boundaries,
    raw: &[(usize, usize, usize)],
    counts: &[usize],
    set: &PhraseSet,
) -> BTreeMap<usize, Vec<String>> {
    let mut forms: BTreeMap<usize, BTreeMap<&str, usize>> = BTreeMap::new();
    for &(s, e, k) in raw.iter().filter(|&&(_, _, k)| counts[k] == 0) {
        // Matches starting at or before `s`: the last of them is at index `upto - 1`.
        let upto = raw.partition_point(|&(ms, _, _)| ms <= s);
        let container = raw[..upto]
            .iter()
            .rev()
            .take(64)
            .filter(|&&(ms, me, _)| ms <= s && me >= e && me - ms > e - s)
            .max_by_key(|&&(ms, me, _)| (me - ms, std::cmp::Reverse(ms)));
        let (fs, fe) = match container {
            Some(&(ms, me, _)) => (ms, me),
            None => grown_to_tokens(counting, boundaries, s, e),
        };
        let form = &counting[fs..fe];
        if form != set.text(k) {
            *forms.entry(k).or_default().entry(form).or_insert(0) += 1;
        }
    }
    forms
        .into_iter()
        .map(|(k, f)| {
            let mut f: Vec<(&str, usize)> = f.into_iter().collect();
            f.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            (k, f.into_iter().take(MAX_WITHIN).map(|(t, _)| t.to_string()).collect())
        })
        .collect()
}

/// `s..e` of `counting` grown to the token boundaries around it, each way
/// only where one lies within [`MAX_FORM_GROWTH`] characters and no
/// punctuation or space comes first.
fn grown_to_tokens(counting: &str, boundaries: &Boundaries, s: usize, e: usize) -> (usize, usize) {
    let word = |c: char| c.is_alphanumeric() || c == '+';
    let mut fs = s;
    for c in counting[..s].chars().rev().take(MAX_FORM_GROWTH) {
        if boundaries.contains(fs) || !word(c) {
            break;
        }
        fs -= c.len_utf8();
    }
    if !boundaries.contains(fs) {
        fs = s;
    }
    let mut fe = e;
    for c in counting[e..].chars().take(MAX_FORM_GROWTH) {
        if boundaries.contains(fe) || !word(c) {
            break;
        }
        fe += c.len_utf8();
    }
    if !boundaries.contains(fe) {
        fe = e;
    }
    (fs, fe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(phrases: &[(&str, PhraseKind)]) -> PhraseSet {
        PhraseSet::new(&phrases.iter().map(|&(p, k)| (p.to_string(), k)).collect())
    }

    /// Counts with a boundary at every character.
    fn counts_in(set: &PhraseSet, text: &str) -> Vec<usize> {
        let counting = counting_text(text);
        let mut boundaries = Boundaries::new(counting.len());
        for (i, _) in counting.char_indices() {
            boundaries.insert(i);
        }
        boundaries.insert(counting.len());
        set.counts(text, &counting, &boundaries)
    }

    #[test]
    fn a_list_does_not_hide_its_items() {
        let s = set(&[
            ("大众创业、万众创新", PhraseKind::Quoted),
            ("大众创业", PhraseKind::Quoted),
            ("万众创新", PhraseKind::Quoted),
        ]);
        // Key order: 万众创新, 大众创业, 大众创业、万众创新.
        assert_eq!(counts_in(&s, "推进“大众创业、万众创新”,支持大众创业"), vec![1, 2, 1]);
    }

    #[test]
    fn lexicon_phrases_count_only_as_whole_words() {
        let s = set(&[("大产业", PhraseKind::Lexicon), ("大产业", PhraseKind::Lexicon)]);
        let text = "扩大产业布局,发展大产业";
        let counting = counting_text(text);
        // Tokens: 扩大|产业|布局|,|发展|大产业
        let mut boundaries = Boundaries::new(counting.len());
        for b in [0, 6, 12, 18, 19, 25, 34] {
            boundaries.insert(b);
        }
        assert!(boundaries.contains(34) && !boundaries.contains(33) && !boundaries.contains(35));
        assert_eq!(s.counts(text, &counting, &boundaries), vec![1]);
    }

    #[test]
    fn counting_ignores_quotes_and_counts_substrings() {
        let t = counting_text("做好“六稳”工作,落实“六稳六保”,构建新发展格局和发展格局");
        assert_eq!(count(&t, "六稳"), 2);
        assert_eq!(count(&t, "新发展格局"), 1);
        assert_eq!(count(&t, "发展格局"), 2);
    }

    #[test]
    fn nested_candidates_count_only_where_they_stand_alone() {
        use PhraseKind::*;
        let s = set(&[
            ("一国两制", Quoted),
            ("两制", NumberSet),
            ("发展格局", Watch),
            ("新发展格局", Discovered),
            ("六稳", Quoted),
            ("六保", Quoted),
            ("六稳六保", NumberSet),
        ]);
        let text = "坚持“一国两制”,两制并存;构建新发展格局和发展格局;做好“六稳”“六保”";
        let got: BTreeMap<&str, usize> = s.texts().zip(counts_in(&s, text)).collect();
        assert_eq!(got["一国两制"], 1);
        assert_eq!(got["两制"], 1, "only the one outside 一国两制");
        assert_eq!(got["发展格局"], 2, "watched: a plain substring count");
        assert_eq!(got["新发展格局"], 1);
        // 六稳六保 is 六稳 + 六保 joined: it hides neither.
        assert_eq!((got["六稳"], got["六保"], got["六稳六保"]), (1, 1, 1));
    }

    #[test]
    fn numerals_are_not_counted_inside_numbers_or_ordinals() {
        let raw = "一九五四年,“九五”计划,“12218”与122180,十五年来,第十五届,党的十五大,“十五”期间,十五计划";
        let t = counting_text(raw);
        assert_eq!(count(&t, "九五"), 1);
        assert_eq!(count(&t, "12218"), 1);
        assert_eq!(count(&t, "十五"), 2, "期间 and 计划, not 年, 届, 大");
        let s = set(&[("九五", PhraseKind::Watch), ("十五", PhraseKind::Watch)]);
        assert_eq!(counts_in(&s, raw), vec![1, 2]);
    }

    #[test]
    fn set_counts_equal_plain_counts_without_nesting() {
        let t = "做好“六稳”工作,构建新发展格局,啊啊啊,一九五四年“九五”";
        let phrases = ["六稳", "发展格局", "啊啊", "不在", "九五"];
        let s = set(&phrases.map(|p| (p, PhraseKind::Quoted)));
        let c = counting_text(t);
        let expect: Vec<usize> = s.texts().map(|p| count(&c, p)).collect();
        assert_eq!(counts_in(&s, t), expect);
    }

    #[test]
    fn a_phrase_only_inside_a_longer_one_is_present_with_its_longer_form() {
        use PhraseKind::*;
        let s = set(&[("五乐", Quoted), ("五乐计划", Quoted), ("新药", Lexicon)]);
        let text = "实施“五乐计划”2.0版,发展创新药";
        let counting = counting_text(text);
        // Tokens: every char a boundary except inside 创新药 (one token).
        let mut boundaries = Boundaries::new(counting.len());
        let inner = counting.find("新药").unwrap_or(0);
        for (i, _) in counting.char_indices().filter(|&(i, _)| i != inner && i != inner + 3) {
            boundaries.insert(i);
        }
        boundaries.insert(counting.len());
        let t = s.tally(text, &counting, &boundaries);
        // Key order: 五乐, 五乐计划, 新药.
        assert_eq!(t.counts, vec![0, 1, 0]);
        assert_eq!(t.present, vec![true, true, true]);
        assert_eq!(t.within.get(&0), Some(&vec!["五乐计划".to_string()]));
        assert_eq!(t.within.get(&2), Some(&vec!["创新药".to_string()]));
        assert_eq!(t.within.get(&1), None);
    }

    #[test]
    fn ordinary_words_count_only_quoted() {
        let s = set(&[("社会主义", PhraseKind::Quoted)]);
        assert_eq!(counts_in(&s, "建设社会主义,坚持社会主义"), vec![0]);
        assert_eq!(counts_in(&s, "所谓“社会主义”,建设社会主义"), vec![0]);
        assert_eq!(counts_in(&s, "坚持“社会主义”,建设“社会主义”,社会主义"), vec![2]);
    }
}

/// Counts a fixed list of phrases in many counting texts as plain substrings
/// (the rule of [`count`] for each; no word boundaries, so no segmentation):
/// the automaton is built once.
pub struct PhraseCounter {
    patterns: Vec<String>,
    automaton: Option<aho_corasick::AhoCorasick>,
}

impl PhraseCounter {
    /// A counter of `phrases`, in this order.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseCounter {
        let patterns: Vec<String> = phrases.into_iter().map(str::to_string).collect();
        let automaton = if patterns.iter().any(|p| p.is_empty()) {
            None
        } else {
            aho_corasick::AhoCorasick::new(&patterns).ok()
        };
        PhraseCounter { patterns, automaton }
    }

    /// Counts of every phrase in `counting` (a [`counting_text`]), each as [`count`] gives.
    pub fn count(&self, counting: &str) -> Vec<usize> {
        let Some(ac) = &self.automaton else {
            return self.patterns.iter().map(|p| count(counting, p)).collect();
        };
        let mut counts = vec![0usize; self.patterns.len()];
        let mut last_end = vec![0usize; self.patterns.len()];
        for m in ac.find_overlapping_iter(counting) {
            let k = m.pattern().as_usize();
            // Non-overlapping per phrase, leftmost first, like `str::matches`.
            if m.start() >= last_end[k] && clear_of_numbers(counting, &self.patterns[k], m.start(), m.end()) {
                counts[k] += 1;
                last_end[k] = m.end();
            }
        }
        counts
    }
}

#[cfg(test)]
mod counter_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The run copy removes exactly the quote marks, whatever surrounds them.
        #[test]
        fn counting_text_drops_only_quote_marks(text in "[“”「」『』‘’\"'。、…—《》a-z0-9新质生产力\\u{2000}-\\u{3100}]{0,60}") {
            let expected: String = text.chars().filter(|c| !QUOTES.contains(c)).collect();
            prop_assert_eq!(counting_text(&text), expected);
        }
    }

    #[test]
    fn counter_agrees_with_count() {
        let text = counting_text("“六稳”六保，六稳六保；一九五四年九五规划，新质生产力新质生产力");
        let phrases = ["六稳", "六稳六保", "九五", "新质生产力", "无"];
        let counter = PhraseCounter::new(phrases);
        let expected: Vec<usize> = phrases.iter().map(|p| count(&text, p)).collect();
        assert_eq!(counter.count(&text), expected);
        // Quote marks are removed before counting: “六稳”六保 is 六稳六保.
        assert_eq!(expected, [2, 2, 1, 2, 0]);
    }
}
