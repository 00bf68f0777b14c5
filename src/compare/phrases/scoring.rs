//! How much a phrase matters: the keyness of its change across the reports,
//! its density per 10,000 characters, whether a report quotes it and whether
//! it is a known formulation (in the lexicon).

use serde::Serialize;

/// G² of a term seen `a` times in `c` units against `b` times in `d` units;
/// `None` unless the term is relatively more frequent in the first text.
pub fn log_likelihood(a: usize, c: usize, b: usize, d: usize) -> Option<f64> {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if a / c <= b / d {
        return None;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    Some(2.0 * (term(a, e1) + term(b, e2)))
}

/// How strongly a phrase's use changes across reports in order (`sizes` in
/// the same unit, words or characters): the largest G² of
/// - one report against all the others together (a phrase of one year), or
/// - the reports before a point against those from it on, either way (a
///   phrase that arrives and stays, like 高质量发展 from 2018, or one that goes).
///
/// The side that is more frequent needs two occurrences; one report alone has
/// no keyness (0).
pub fn keyness(per_report: &[usize], sizes: &[usize]) -> f64 {
    if per_report.len() < 2 {
        return 0.0;
    }
    let total: usize = per_report.iter().sum();
    let grand: usize = sizes.iter().sum();
    // G² of a part (count a in size c) against the rest, if the part is more frequent.
    let part = |a: usize, c: usize| -> f64 {
        if a < 2 {
            return 0.0;
        }
        log_likelihood(a, c.max(1), total - a, grand.saturating_sub(c).max(1)).unwrap_or(0.0)
    };
    let single = per_report.iter().zip(sizes).map(|(&a, &c)| part(a, c));
    let (mut a, mut c) = (0, 0);
    let splits = (1..per_report.len()).map(move |i| {
        a += per_report[i - 1];
        c += sizes[i - 1];
        part(a, c).max(part(total - a, grand - c))
    });
    single.chain(splits).fold(0.0, f64::max)
}

/// Occurrences per 10,000 characters, to two decimals: reports differ in length by 2×.
pub fn per_10k(count: usize, chars: usize) -> f64 {
    round2(count as f64 * 10_000.0 / chars.max(1) as f64)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Importance of a phrase: `ln(1 + keyness) + ln(1 + highest per-10k density)`,
/// plus 1 when a report quotes it and 1 when it is in the lexicon. Keyness
/// dominates for phrases that come or go, density for steady ones.
pub fn score(keyness: f64, max_per_10k: f64, quoted: bool, lexicon: bool) -> f64 {
    round2(keyness.ln_1p() + max_per_10k.ln_1p() + f64::from(u8::from(quoted)) + f64::from(u8::from(lexicon)))
}

/// Order of phrase lists (`--sort`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhraseSort {
    /// Most important first (see [`score`]).
    #[default]
    Score,
    /// By first appearance, earliest first.
    First,
    /// By last appearance, latest first.
    Last,
    /// By total count, largest first.
    Count,
}

/// What a phrase is sorted by: `(score, first report index, last report index, total)`.
#[derive(Debug, Clone, Copy)]
pub struct SortKey {
    /// Importance.
    pub score: f64,
    /// Index of the first report it occurs in (`usize::MAX` if none).
    pub first: usize,
    /// Index of the last report it occurs in (0 if none).
    pub last: usize,
    /// Total count.
    pub total: usize,
}

impl SortKey {
    /// The key of a phrase from its counts per report.
    pub fn of(score: f64, counts: &[usize]) -> SortKey {
        SortKey {
            score,
            first: counts.iter().position(|&c| c > 0).unwrap_or(usize::MAX),
            last: counts.iter().rposition(|&c| c > 0).unwrap_or(0),
            total: counts.iter().sum(),
        }
    }

    /// Compares two keys under `sort`; ties fall to the other keys, then the caller's text order.
    pub fn cmp(&self, other: &SortKey, sort: PhraseSort) -> std::cmp::Ordering {
        let by_score = other.score.total_cmp(&self.score);
        let by_total = other.total.cmp(&self.total);
        match sort {
            PhraseSort::Score => by_score.then(by_total),
            PhraseSort::First => self.first.cmp(&other.first).then(by_total),
            PhraseSort::Last => other.last.cmp(&self.last).then(by_total),
            PhraseSort::Count => by_total.then(by_score),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_is_zero_for_equal_rates_and_grows_with_difference() {
        assert_eq!(log_likelihood(10, 1000, 10, 1000), None);
        let small = log_likelihood(12, 1000, 10, 1000).unwrap();
        let large = log_likelihood(40, 1000, 10, 1000).unwrap();
        assert!(small > 0.0 && large > small);
        // Known value: a=30,c=1000,b=0,d=1000 → 2*30*ln(2) ≈ 41.59.
        assert!((log_likelihood(30, 1000, 0, 1000).unwrap() - 41.5888).abs() < 1e-3);
    }

    #[test]
    fn keyness_finds_the_report_that_stands_out() {
        assert_eq!(keyness(&[5, 5, 5], &[1000, 1000, 1000]), 0.0);
        assert!(keyness(&[0, 0, 30], &[1000, 1000, 1000]) > 10.83);
        assert_eq!(keyness(&[1, 0], &[1000, 1000]), 0.0, "one occurrence cannot stand out");
        assert_eq!(keyness(&[9], &[1000]), 0.0);
        // Arrives and stays: no single year stands out, the split does.
        let steady_from_third = keyness(&[0, 0, 6, 6, 6, 6], &[1000; 6]);
        assert!(steady_from_third > 10.83, "{steady_from_third}");
    }

    #[test]
    fn scores_order_change_density_and_marks() {
        assert!(score(50.0, 1.0, false, false) > score(0.0, 1.0, false, false));
        assert!(score(0.0, 1.0, true, true) > score(0.0, 1.0, false, false));
        assert_eq!(per_10k(3, 20_000), 1.5);
    }

    #[test]
    fn sort_keys() {
        use std::cmp::Ordering::*;
        let a = SortKey::of(2.0, &[0, 1, 3]);
        let b = SortKey::of(1.0, &[2, 0, 0]);
        assert_eq!(a.cmp(&b, PhraseSort::Score), Less);
        assert_eq!(a.cmp(&b, PhraseSort::First), Greater);
        assert_eq!(a.cmp(&b, PhraseSort::Last), Less);
        assert_eq!(a.cmp(&b, PhraseSort::Count), Less);
    }
}
