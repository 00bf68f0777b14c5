//! Shared passages between reports of different jurisdictions (`reportdiff
//! reuse`): which text one government's report shares with another's, from
//! which common source, in which direction.
//!
//! The method, after the Legislative Influence Detector and passim:
//! 1. **keys**: each report's normalized text reduced to its letters, digits
//!    and ideographs (punctuation and spaces are not compared), each key char
//!    remembering its position in the normalized text;
//! 2. **index**: every window of [`ReuseOptions::shingle`] key chars is hashed;
//!    one hash in [`ReuseOptions::sample`] is kept (the same windows are kept in
//!    every report, so a shared passage keeps its seeds). A hash used by more
//!    than [`ReuseOptions::max_jurisdictions`] jurisdictions is boilerplate
//!    (central formulae) and seeds nothing, so the work stays near-linear;
//! 3. **seeds → regions**: the shared hashes of two reports, chained along
//!    their diagonal (small edits shift it a little);
//! 4. **local alignment** of each region, char by char (a diff of the two key
//!    runs, then the best-scoring stretch: +1 a shared char, −2 a changed
//!    one), kept when at least [`ReuseOptions::min_chars`] chars long and
//!    mostly shared;
//! 5. **passages**: stretches that overlap in one report join one passage
//!    across all reports; each gets a boilerplate `weight` (how many
//!    jurisdictions use its text), a common `source` (the national report, or
//!    the province's report, when one of the inputs holds it) and a
//!    `direction` from the delivery dates.
//!
//! Everything here is pure: reports in, [`ReuseReport`] out.

mod align;
pub mod places;
mod result;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

pub use places::ForeignPlace;
pub use result::*;

/// The level of the government a report speaks for (decides common sources).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocLevel {
    /// The State Council.
    National,
    /// A province, autonomous region or municipality.
    Province,
    /// A prefecture, county or anything below.
    Local,
}

/// One report as the engine sees it.
#[derive(Debug, Clone)]
pub struct ReuseDoc<'a> {
    /// The jurisdiction (official name, or the folder when grouping by folder).
    pub jurisdiction: &'a str,
    /// The province the jurisdiction lies in (itself for a province).
    pub province: Option<&'a str>,
    /// National, provincial or local.
    pub level: DocLevel,
    /// The report's year.
    pub year: Option<i32>,
    /// Day of delivery as days since 1970-01-01, when the report gives it.
    pub delivered: Option<i64>,
    /// The normalized text.
    pub text: &'a str,
}

/// Parameters of a run.
#[derive(Debug, Clone, Copy)]
pub struct ReuseOptions {
    /// Shortest passage reported, in compared chars (letters, digits, ideographs).
    pub min_chars: usize,
    /// Chars per hashed window.
    pub shingle: usize,
    /// One window hash in this many is indexed.
    pub sample: u64,
    /// A window used by more jurisdictions than this seeds nothing.
    pub max_jurisdictions: usize,
    /// Share of a passage's chars that must be the same on both sides.
    pub min_identity: f64,
}

impl Default for ReuseOptions {
    fn default() -> Self {
        ReuseOptions {
            min_chars: 50,
            shingle: 10,
            sample: 4,
            max_jurisdictions: 20,
            min_identity: 0.8,
        }
    }
}

/// Where a passage stands in one report: `[start, end)` in normalized chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// Index of the report in the input order.
    pub doc: usize,
    /// First normalized char.
    pub start: usize,
    /// One past the last normalized char.
    pub end: usize,
}

/// Why several reports share a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// The national report among the inputs holds it too.
    National {
        /// Index of that report.
        doc: usize,
    },
    /// The report of the province all the sharing jurisdictions lie in holds it too.
    Province {
        /// Index of that report.
        doc: usize,
    },
}

/// One passage shared by reports of at least two jurisdictions.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    /// Its length in compared chars (the shortest occurrence).
    pub chars: usize,
    /// Distinct jurisdictions among the occurrences.
    pub jurisdictions: usize,
    /// How many jurisdictions of all the inputs use its text (boilerplate
    /// weight: 2 is a rare passage, 200 a central formula).
    pub weight: usize,
    /// Share of compared chars that are the same in every pair aligned (1.0 when
    /// copied verbatim).
    pub identity: f64,
    /// A common source among the inputs, if any.
    pub source: Option<Source>,
    /// `(from, to)`: indices of the earliest-delivered report and of the rest,
    /// when the earliest preceded every other by at least a week; `None` when
    /// the dates do not tell (or a common source explains it).
    pub direction: Option<(usize, Vec<usize>)>,
    /// Every place it stands, ordered by report index.
    pub occurrences: Vec<Span>,
}

/// Text a jurisdiction carried over from one of its own earlier reports.
#[derive(Debug, Clone, Serialize)]
pub struct Carried {
    /// The earlier report's span.
    pub earlier: Span,
    /// The later report's span.
    pub later: Span,
    /// Length in compared chars.
    pub chars: usize,
    /// Share of compared chars that are the same.
    pub identity: f64,
}

/// The engine's result.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReuseReport {
    /// Passages shared across jurisdictions, rarest (lowest weight) first, then longest.
    pub passages: Vec<Passage>,
    /// Text carried over within one jurisdiction, longest first.
    pub carried: Vec<Carried>,
}

/// The compared chars of a text and where each stands in it.
struct Keys {
    chars: Vec<u32>,
    pos: Vec<u32>,
}

/// Letters, digits and ideographs are compared; punctuation and spaces are not
/// (a copied passage keeps its words, not always its commas).
fn is_key(c: char) -> bool {
    c.is_alphanumeric()
}

fn keys_of(text: &str) -> Keys {
    let mut chars = Vec::new();
    let mut pos = Vec::new();
    for (i, c) in text.chars().enumerate() {
        if is_key(c) {
            chars.push(c.to_lowercase().next().unwrap_or(c) as u32);
            pos.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    Keys { chars, pos }
}

/// splitmix64's finalizer: spreads a polynomial hash so `% sample` is uniform.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const BASE: u64 = 0x0100_0000_01b3;

/// Hashes of every window of `k` chars, as `(hash, window start)`, kept when
/// `hash % sample == 0`.
fn sampled_windows(chars: &[u32], k: usize, sample: u64) -> Vec<(u64, u32)> {
    if chars.len() < k || k == 0 {
        return Vec::new();
    }
    let top = (0..k - 1).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut h = chars[..k]
        .iter()
        .fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(u64::from(c)));
    let mut out = Vec::with_capacity(chars.len() / sample.max(1) as usize + 1);
    for start in 0..=chars.len() - k {
        if start > 0 {
            h = h
                .wrapping_sub(u64::from(chars[start - 1]).wrapping_mul(top))
                .wrapping_mul(BASE)
                .wrapping_add(u64::from(chars[start + k - 1]));
        }
        let m = mix(h);
        if m.is_multiple_of(sample.max(1)) {
            out.push((m, u32::try_from(start).unwrap_or(u32::MAX)));
        }
    }
    out
}

/// One indexed window: its hash, report and key position.
#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
    doc: u32,
    at: u32,
}

/// Two reports share a window at these key positions.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Seed {
    a: u32,
    b: u32,
    at_a: u32,
    at_b: u32,
}

/// Finds every passage of at least `opts.min_chars` compared chars that
/// reports of different jurisdictions share, and the text each jurisdiction
/// carried over from its own earlier reports.
pub fn find_reuse(docs: &[ReuseDoc], opts: &ReuseOptions) -> ReuseReport {
    let keys: Vec<Keys> = docs.par_iter().map(|d| keys_of(d.text)).collect();
    let juris = jurisdiction_ids(docs);
    let mut entries: Vec<Entry> = keys
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, k)| {
            sampled_windows(&k.chars, opts.shingle, opts.sample)
                .into_iter()
                .map(move |(hash, at)| Entry {
                    hash,
                    doc: doc as u32,
                    at,
                })
        })
        .collect();
    entries.par_sort_unstable_by_key(|e| (e.hash, e.doc, e.at));
    let (seeds, spread) = seeds_of(&entries, &juris, opts.max_jurisdictions);
    let stretches = align::stretches(&seeds, &keys, opts);
    let (cross, own): (Vec<_>, Vec<_>) = stretches.into_iter().partition(|s| juris[s.a.doc] != juris[s.b.doc]);
    let mut passages = cluster(&cross, &juris);
    for p in &mut passages {
        p.weight = weight(p, &keys, &spread, opts);
        p.source = common_source(p, docs);
        if p.source.is_none() {
            p.direction = direction(p, docs);
        }
    }
    passages.sort_by(|x, y| {
        x.weight
            .cmp(&y.weight)
            .then(y.chars.cmp(&x.chars))
            .then(x.occurrences.cmp(&y.occurrences))
    });
    let mut carried: Vec<Carried> = own.into_iter().filter_map(|s| carried_over(s, docs)).collect();
    carried.sort_by(|x, y| {
        y.chars
            .cmp(&x.chars)
            .then(x.earlier.cmp(&y.earlier))
            .then(x.later.cmp(&y.later))
    });
    ReuseReport { passages, carried }
}

/// A dense id per distinct jurisdiction name.
fn jurisdiction_ids(docs: &[ReuseDoc]) -> Vec<usize> {
    let mut ids: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in docs {
        let n = ids.len();
        ids.entry(d.jurisdiction).or_insert(n);
    }
    docs.iter().map(|d| ids[d.jurisdiction]).collect()
}

/// Windows used by so many reports that pairing them all would be quadratic
/// work on repeated text; such a window is boilerplate anyway.
const MAX_ENTRIES_PER_WINDOW: usize = 200;

/// The seeds of every pair of reports sharing a window used by at most
/// `cap` jurisdictions, and for every window hash, how many jurisdictions use it.
fn seeds_of(entries: &[Entry], juris: &[usize], cap: usize) -> (Vec<Seed>, FxHashMap<u64, u32>) {
    let groups: Vec<&[Entry]> = entries.chunk_by(|x, y| x.hash == y.hash).collect();
    let per_group: Vec<(u64, u32, Vec<Seed>)> = groups
        .par_iter()
        .map(|g| {
            let mut js: Vec<usize> = g.iter().map(|e| juris[e.doc as usize]).collect();
            js.sort_unstable();
            js.dedup();
            let spread = u32::try_from(js.len()).unwrap_or(u32::MAX);
            let mut seeds = Vec::new();
            if g.len() > 1 && js.len() <= cap && g.len() <= MAX_ENTRIES_PER_WINDOW {
                for (i, x) in g.iter().enumerate() {
                    for y in &g[i + 1..] {
                        if x.doc != y.doc {
                            seeds.push(Seed {
                                a: x.doc,
                                b: y.doc,
                                at_a: x.at,
                                at_b: y.at,
                            });
                        }
                    }
                }
            }
            (g[0].hash, spread, seeds)
        })
        .collect();
    let mut spread = FxHashMap::default();
    let mut seeds = Vec::new();
    for (hash, n, s) in per_group {
        if n > 1 {
            spread.insert(hash, n);
        }
        seeds.extend(s);
    }
    seeds.par_sort_unstable();
    seeds.dedup();
    (seeds, spread)
}

/// One aligned stretch of two reports, in normalized chars.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stretch {
    a: Span,
    b: Span,
    /// Compared chars of the shorter side.
    chars: usize,
    /// Same chars / longer side.
    identity: f64,
}

/// Joins stretches that overlap in some report into passages.
fn cluster(stretches: &[Stretch], juris: &[usize]) -> Vec<Passage> {
    // Nodes are stretch ends; two ends in one report that overlap by half the
    // shorter are one occurrence.
    let mut ends: Vec<(Span, usize)> = Vec::with_capacity(stretches.len() * 2);
    for (i, s) in stretches.iter().enumerate() {
        ends.push((s.a, i));
        ends.push((s.b, i));
    }
    ends.sort_by_key(|(s, _)| (s.doc, s.start, s.end));
    let mut uf = UnionFind::new(stretches.len());
    for (k, (x, i)) in ends.iter().enumerate() {
        for (y, j) in ends[k + 1..].iter() {
            if y.doc != x.doc || y.start >= x.end {
                break;
            }
            let overlap = x.end.min(y.end) - y.start;
            let shorter = (x.end - x.start).min(y.end - y.start);
            if overlap * 2 >= shorter {
                uf.union(*i, *j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for i in 0..stretches.len() {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    groups
        .into_values()
        .map(|members| passage_of(&members, stretches, juris))
        .collect()
}

fn passage_of(members: &[usize], stretches: &[Stretch], juris: &[usize]) -> Passage {
    let mut spans: Vec<Span> = members.iter().flat_map(|&i| [stretches[i].a, stretches[i].b]).collect();
    spans.sort();
    // Overlapping spans in one report are one occurrence: their union.
    let mut occurrences: Vec<Span> = Vec::new();
    for s in spans {
        match occurrences.last_mut() {
            Some(o) if o.doc == s.doc && s.start < o.end => o.end = o.end.max(s.end),
            _ => occurrences.push(s),
        }
    }
    let mut js: Vec<usize> = occurrences.iter().map(|o| juris[o.doc]).collect();
    js.sort_unstable();
    js.dedup();
    let chars = members.iter().map(|&i| stretches[i].chars).min().unwrap_or(0);
    let identity = members
        .iter()
        .map(|&i| stretches[i].identity)
        .fold(f64::INFINITY, f64::min);
    Passage {
        chars,
        jurisdictions: js.len(),
        weight: js.len(),
        identity: if identity.is_finite() { identity } else { 1.0 },
        source: None,
        direction: None,
        occurrences,
    }
}

/// How many jurisdictions use the passage's text: the median spread of the
/// indexed windows of its first occurrence (at least its own jurisdictions).
fn weight(p: &Passage, keys: &[Keys], spread: &FxHashMap<u64, u32>, opts: &ReuseOptions) -> usize {
    let Some(first) = p.occurrences.first() else {
        return p.jurisdictions;
    };
    let k = &keys[first.doc];
    let lo = k.pos.partition_point(|&x| (x as usize) < first.start);
    let hi = k.pos.partition_point(|&x| (x as usize) < first.end);
    let mut spreads: Vec<u32> = sampled_windows(&k.chars[lo..hi], opts.shingle, opts.sample)
        .into_iter()
        .map(|(h, _)| spread.get(&h).copied().unwrap_or(1))
        .collect();
    if spreads.is_empty() {
        return p.jurisdictions;
    }
    spreads.sort_unstable();
    (spreads[spreads.len() / 2] as usize).max(p.jurisdictions)
}

/// The national report, or the report of the one province every sharing
/// jurisdiction lies in, when it is among the occurrences.
fn common_source(p: &Passage, docs: &[ReuseDoc]) -> Option<Source> {
    let at = |level: DocLevel| p.occurrences.iter().find(|o| docs[o.doc].level == level);
    if let Some(o) = at(DocLevel::National) {
        return Some(Source::National { doc: o.doc });
    }
    let o = at(DocLevel::Province)?;
    let province = docs[o.doc].province.or(Some(docs[o.doc].jurisdiction));
    p.occurrences
        .iter()
        .all(|x| docs[x.doc].province == province || docs[x.doc].jurisdiction == docs[o.doc].jurisdiction)
        .then_some(Source::Province { doc: o.doc })
}

/// Days apart below which two deliveries tell no direction.
const SAME_WEEK: i64 = 7;

/// The earliest-delivered occurrence and the rest, when it came at least a
/// week before every other one. Reports without a delivery day tell only by
/// year (a report of an earlier year came first).
fn direction(p: &Passage, docs: &[ReuseDoc]) -> Option<(usize, Vec<usize>)> {
    let mut reports: Vec<usize> = p.occurrences.iter().map(|o| o.doc).collect();
    reports.dedup();
    let earliest = *reports.iter().min_by_key(|&&d| (when(&docs[d]), d))?;
    let first = when(&docs[earliest])?;
    let rest: Vec<usize> = reports.iter().copied().filter(|&d| d != earliest).collect();
    let all_later = rest.iter().all(|&d| match (when(&docs[d]), first) {
        (Some(When::Day(x)), When::Day(y)) => x - y >= SAME_WEEK,
        (Some(w), _) => w.year() > first.year(),
        (None, _) => false,
    });
    all_later.then_some((earliest, rest))
}

/// What is known of when a report was delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum When {
    Year(i32),
    Day(i64),
}

impl When {
    fn year(self) -> i32 {
        match self {
            When::Year(y) => y,
            When::Day(d) => year_of_day(d),
        }
    }
}

fn when(d: &ReuseDoc) -> Option<When> {
    d.delivered.map(When::Day).or(d.year.map(When::Year))
}

/// The calendar year of a day counted from 1970-01-01.
fn year_of_day(days: i64) -> i32 {
    // Civil-from-days (H. Hinnant), year only.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

/// Days from 1970-01-01 to a civil date (H. Hinnant's days_from_civil).
pub fn day_number(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A stretch within one jurisdiction as text carried from the earlier report
/// to the later one; `None` when the two cannot be ordered.
fn carried_over(s: Stretch, docs: &[ReuseDoc]) -> Option<Carried> {
    let (x, y) = (when(&docs[s.a.doc])?, when(&docs[s.b.doc])?);
    let (earlier, later) = match x.year().cmp(&y.year()) {
        std::cmp::Ordering::Less => (s.a, s.b),
        std::cmp::Ordering::Greater => (s.b, s.a),
        std::cmp::Ordering::Equal => return None,
    };
    Some(Carried {
        earlier,
        later,
        chars: s.chars,
        identity: s.identity,
    })
}

/// Disjoint sets over `0..n`.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, x: usize, y: usize) {
        let (a, b) = (self.find(x), self.find(y));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests;
