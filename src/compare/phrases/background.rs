//! The background: in how many of 1,386 government work reports (the national
//! reports 1954–2013 and 1,345 city reports 2014–2025 of the shared corpus)
//! each phrase's text occurs, built by `examples/build_background.rs` into
//! `data/background.tsv`. A phrase most reports use is stock phrasing; one
//! few use is a formulation of its own. Phrases in fewer than 3 reports are
//! not stored: their share is at most 2 / 1,386 and counts as 0.

//!
//! `data/background-national.tsv` (same builder) holds, for every phrase of
//! that table a national work report of the background holds, the years of
//! those reports: a diff of two national reports says of a phrase absent from
//! the old one when a background report last used it ([`national_last_before`]).

use super::keyed::Keyed;
use std::sync::OnceLock;

/// `data/background.tsv`: `phrase<TAB>reports holding it`, after a `# reports N` line.
const TABLE: Keyed = Keyed {
    text: include_str!("../../../data/background.tsv"),
    index: include_bytes!(concat!(env!("OUT_DIR"), "/background.tsv.index.bin")),
};

/// `data/background-national.tsv`: `phrase<TAB>years as runs`, after a `# national <years>` line.
const NATIONAL: Keyed = Keyed {
    text: include_str!("../../../data/background-national.tsv"),
    index: include_bytes!(concat!(env!("OUT_DIR"), "/background-national.tsv.index.bin")),
};

/// The number of reports of the background (the table's `# reports` line).
fn reports() -> u32 {
    static REPORTS: OnceLock<u32> = OnceLock::new();
    *REPORTS.get_or_init(|| {
        TABLE
            .header("# reports ")
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    })
}

/// Share of the background reports whose text holds `phrase` (0 to 1, two decimals).
pub fn share(phrase: &str) -> f64 {
    let reports = reports();
    if reports == 0 {
        return 0.0;
    }
    let n: u32 = TABLE.get(phrase).and_then(|n| n.parse().ok()).unwrap_or(0);
    (f64::from(n) / f64::from(reports) * 100.0).round() / 100.0
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

/// The years of the national work reports the background holds, ascending
/// (41: 1954–2013 with gaps).
pub fn national_years() -> &'static [i32] {
    static YEARS: OnceLock<Vec<i32>> = OnceLock::new();
    YEARS.get_or_init(|| {
        NATIONAL
            .header("# national ")
            .map(|list| list.split_whitespace().filter_map(|y| y.parse().ok()).collect())
            .unwrap_or_default()
    })
}

/// The years of the background's national reports holding `phrase`: `runs`
/// (`1988-1992,1997`) over `all`, each run every report year from its first to
/// its last.
fn expand(runs: &str, all: &[i32]) -> Vec<i32> {
    let mut out = Vec::new();
    for run in runs.split(',') {
        let (a, b) = run.split_once('-').unwrap_or((run, run));
        if let (Ok(a), Ok(b)) = (a.trim().parse::<i32>(), b.trim().parse::<i32>()) {
            out.extend(all.iter().filter(|&&y| a <= y && y <= b));
        }
    }
    out
}

/// The latest year before `year` whose national work report in the
/// background holds `phrase`'s text (`None`: none does, or the phrase is
/// not in the background's vocabulary). Says nothing of years the background
/// lacks (after 2013, and the gaps before).
pub fn national_last_before(phrase: &str, year: i32) -> Option<i32> {
    let runs = NATIONAL.get(phrase)?;
    expand(runs, national_years()).into_iter().rfind(|&y| y < year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stock_phrasing_has_a_high_share_and_coinages_none() {
        assert!(reports() > 1000);
        assert!(share("高质量发展") > 0.3, "{}", share("高质量发展"));
        assert_eq!(share("不在任何报告里的词组"), 0.0);
        assert_eq!(novelty("不在任何报告里的词组"), 1.0);
    }

    #[test]
    fn national_years_are_runs_over_the_report_years() {
        let all = [1959, 1960, 1964, 1975, 1978];
        assert_eq!(expand("1960-1975,1978", &all), [1960, 1964, 1975, 1978]);
        assert_eq!(expand("", &all), Vec::<i32>::new());
        assert_eq!(national_years().len(), 41);
        // 十一五 (the 11th five-year plan): 2005–2011 and 2013 in the table.
        assert_eq!(national_last_before("十一五", 2013), Some(2011));
        assert_eq!(national_last_before("十一五", 2005), None);
        assert_eq!(national_last_before("不在任何报告里的词组", 2025), None);
    }

    /// The index finds every row of both tables, and nothing else.
    #[test]
    fn every_row_is_found_through_the_index() {
        for table in [&TABLE, &NATIONAL] {
            let rows = table.text.lines().filter(|l| !l.starts_with('#')).count();
            assert!(rows > 10_000);
            assert_eq!(table.len(), rows);
            let mut previous = "";
            for line in table.text.lines().filter(|l| !l.starts_with('#')) {
                let (key, value) = line.split_once('\t').unwrap();
                assert_eq!(table.get(key), Some(value.trim()), "{key}");
                assert!(previous < key, "the file is sorted: {previous} {key}");
                previous = key;
            }
            assert_eq!(table.get(""), None);
            assert_eq!(table.get("不在任何报告里的词组"), None);
        }
    }
}
