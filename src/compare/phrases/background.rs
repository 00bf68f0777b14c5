//! The background: in how many of 1,386 government work reports (the national
//! reports 1954–2013 and 1,345 city reports 2014–2025 of the shared corpus)
//! each phrase's text occurs, built by `examples/build_background.rs` into
//! `data/background.tsv`. A phrase most reports use is stock phrasing; one
//! few use is a formulation of its own. Phrases in fewer than 3 reports are
//! not stored: their share is at most 2 / 1,386 and counts as 0.

use std::sync::OnceLock;

const TABLE: &str = include_str!("../../../data/background.tsv");

struct Background {
    reports: u32,
    /// (phrase, reports holding it), in phrase order.
    rows: Vec<(&'static str, u32)>,
}

fn table() -> &'static Background {
    static TABLE_PARSED: OnceLock<Background> = OnceLock::new();
    TABLE_PARSED.get_or_init(|| {
        let mut reports = 0;
        let mut rows = Vec::new();
        for line in TABLE.lines() {
            if let Some(n) = line.strip_prefix("# reports ") {
                reports = n.trim().parse().unwrap_or(0);
            } else if let Some((p, n)) = line.split_once('\t') {
                rows.push((p, n.trim().parse().unwrap_or(0)));
            }
        }
        rows.sort_unstable();
        Background { reports, rows }
    })
}

/// Share of the background reports whose text holds `phrase` (0 to 1, two decimals).
pub fn share(phrase: &str) -> f64 {
    let t = table();
    if t.reports == 0 {
        return 0.0;
    }
    let n = t
        .rows
        .binary_search_by(|(p, _)| (*p).cmp(phrase))
        .map_or(0, |i| t.rows[i].1);
    (f64::from(n) / f64::from(t.reports) * 100.0).round() / 100.0
}

/// How new a formulation is against the background: 1 for one no background
/// report uses, 0 for one all use.
pub fn novelty(phrase: &str) -> f64 {
    novelty_of_share(share(phrase))
}

/// [`novelty`] from the phrase's [`share`], already looked up.
pub fn novelty_of_share(share: f64) -> f64 {
    ((1.0 - share) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stock_phrasing_has_a_high_share_and_coinages_none() {
        assert!(table().reports > 1000);
        assert!(share("高质量发展") > 0.3, "{}", share("高质量发展"));
        assert_eq!(share("不在任何报告里的词组"), 0.0);
        assert_eq!(novelty("不在任何报告里的词组"), 1.0);
    }
}
