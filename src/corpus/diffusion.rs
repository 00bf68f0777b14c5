//! Counting the followed phrases in every work report and ranking how far
//! each spread across jurisdictions.

use super::followed::Followed;
use super::scan::{counting_text_of, Reloads};
use super::{CorpusOptions, Jurisdiction, Problem, Progress, ReportEntry};
use crate::compare::phrases::{self, PhraseCounter, PhraseKind};
use crate::read::meta::Kind;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A jurisdiction adopting a phrase in a year.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Adoption {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// The first year its report used the phrase.
    pub year: i32,
}

/// One row of the diffusion table: a phrase's count in one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Use {
    /// Index into [`CorpusReport::jurisdictions`](super::CorpusReport::jurisdictions).
    pub jurisdiction: usize,
    /// Year of the report.
    pub year: i32,
    /// Non-overlapping occurrences (quote marks ignored).
    pub count: usize,
}

/// How one phrase spread across jurisdictions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diffusion {
    /// The phrase.
    pub text: String,
    /// Its strongest source in any jurisdiction (watched, marked by a report,
    /// lexicon, discovered).
    pub kind: PhraseKind,
    /// Jurisdictions (work reports) by the phrase's strongest source there:
    /// `{"quoted": 40, "lexicon": 180, "discovered": 3}` — a lexicon entry that
    /// 40 jurisdictions also quote counts as quoted in those 40.
    pub sources: BTreeMap<PhraseKind, usize>,
    /// Jurisdictions whose work reports mark it as a term (quote it, title it,
    /// …): what tells a slogan from a common word that some report quoted.
    pub quoted_in: usize,
    /// In the built-in lexicon of formulations.
    pub lexicon: bool,
    /// Jurisdictions whose work report used it at least once.
    pub jurisdictions: usize,
    /// Per year: jurisdictions whose report of that year uses it.
    pub by_year: BTreeMap<i32, usize>,
    /// Per year: that number divided by the jurisdictions with a work report that year.
    pub share_by_year: BTreeMap<i32, f64>,
    /// How far it spread: the largest rise of `share_by_year` from a year to a
    /// later one, counting only years with enough work reports for a share to
    /// mean something ([`MIN_REPORTS_FOR_SHARE`]). A slogan taken up everywhere
    /// scores near 1; a common word used every year near 0.
    pub rise: f64,
    /// The first adopters: every jurisdiction using it in the earliest year it appears.
    pub first: Vec<Adoption>,
    /// Each using jurisdiction's first year, earliest first.
    pub first_years: Vec<Adoption>,
    /// Counts per jurisdiction and year (the rows of the CSV/JSONL export).
    #[serde(skip)]
    pub uses: Vec<Use>,
}

pub(super) fn reports_by_year(jurisdictions: &[Jurisdiction]) -> BTreeMap<i32, usize> {
    let mut by_year = BTreeMap::new();
    for j in jurisdictions.iter().filter(|j| j.kind == Kind::WorkReport) {
        for r in &j.reports {
            *by_year.entry(r.year).or_insert(0) += 1;
        }
    }
    by_year
}

/// Counts the phrases in every work report and assembles each phrase's diffusion.
pub(super) fn diffusion(
    jurisdictions: &[Jurisdiction],
    list: &[Followed],
    opts: &CorpusOptions,
    progress: &dyn Progress,
    reports_by_year: &BTreeMap<i32, usize>,
    problems: &mut Vec<Problem>,
) -> Vec<Diffusion> {
    let counter = PhraseCounter::new(list.iter().map(|f| f.text.as_str()));
    let work: Vec<(usize, &ReportEntry)> = jurisdictions
        .iter()
        .enumerate()
        .filter(|(_, j)| j.kind == Kind::WorkReport)
        .flat_map(|(i, j)| j.reports.iter().map(move |r| (i, r)))
        .collect();
    progress.stage("counting phrases", work.len() as u64);
    let reloads = Reloads::new(work.iter().map(|(_, e)| *e));
    // Sparse counts per report: (phrase, count) for the phrases it uses.
    let counted: Vec<Result<Vec<(usize, usize)>, Problem>> = work
        .par_iter()
        .map(|(_, entry)| {
            let text = counting_text_of(entry, opts, &reloads);
            progress.tick();
            let counts = counter.count(&text?);
            Ok(counts.into_iter().enumerate().filter(|&(_, n)| n > 0).collect())
        })
        .collect();
    let mut uses: Vec<Vec<Use>> = vec![Vec::new(); list.len()];
    for ((j, entry), c) in work.iter().zip(counted) {
        match c {
            Err(p) => problems.push(p),
            Ok(c) => {
                for (k, count) in c {
                    uses[k].push(Use {
                        jurisdiction: *j,
                        year: entry.year,
                        count,
                    });
                }
            }
        }
    }
    let mut out: Vec<Diffusion> = list
        .iter()
        .zip(uses)
        .map(|(f, uses)| diffusion_of(f, uses, jurisdictions, reports_by_year))
        .filter(|d| d.kind == PhraseKind::Watch || d.jurisdictions >= opts.min_jurisdictions.max(1))
        .collect();
    // Watched phrases, then established terms, then the rest (discovered in
    // some series, quoted by too few); within each, the phrases that spread
    // most first (a slogan over a word every report uses), then by adopters.
    let min = opts.min_jurisdictions.max(1);
    out.sort_by(|a, b| {
        tier(a, min)
            .cmp(&tier(b, min))
            .then(b.rise.total_cmp(&a.rise))
            .then(b.jurisdictions.cmp(&a.jurisdictions))
            .then(b.quoted_in.cmp(&a.quoted_in))
            .then(a.first.first().map(|x| x.year).cmp(&b.first.first().map(|x| x.year)))
            .then(a.text.cmp(&b.text))
    });
    out
}

/// Years with fewer work reports than this (or than the busiest year, in a
/// small corpus) are left out of [`Diffusion::rise`]: with two reports in a
/// year of a large corpus, a share is 0, 0.5 or 1 by chance.
pub const MIN_REPORTS_FOR_SHARE: usize = 10;

/// The largest rise of the share from one year to a later one, over the years
/// with enough work reports (see [`MIN_REPORTS_FOR_SHARE`]).
fn rise(share_by_year: &BTreeMap<i32, f64>, reports_by_year: &BTreeMap<i32, usize>) -> f64 {
    let busiest = reports_by_year.values().copied().max().unwrap_or(0);
    let enough = MIN_REPORTS_FOR_SHARE.min(busiest).max(1);
    let mut lowest = f64::INFINITY;
    let mut best: f64 = 0.0;
    for (year, &share) in share_by_year {
        if reports_by_year.get(year).copied().unwrap_or(0) < enough {
            continue;
        }
        lowest = lowest.min(share);
        best = best.max(share - lowest);
    }
    (best * 1000.0).round() / 1000.0
}

/// The rank tier of a phrase: 0 watched; 1 an established term (marked as a
/// term by at least `min` jurisdictions, or a lexicon entry); 2 the rest.
fn tier(d: &Diffusion, min: usize) -> u8 {
    if d.kind == PhraseKind::Watch {
        0
    } else if d.quoted_in >= min || d.lexicon {
        1
    } else {
        2
    }
}

fn diffusion_of(
    followed: &Followed,
    uses: Vec<Use>,
    jurisdictions: &[Jurisdiction],
    reports_by_year: &BTreeMap<i32, usize>,
) -> Diffusion {
    let mut by_year: BTreeMap<i32, usize> = reports_by_year.keys().map(|&y| (y, 0)).collect();
    let mut first_year: BTreeMap<usize, i32> = BTreeMap::new();
    for u in &uses {
        *by_year.entry(u.year).or_insert(0) += 1;
        let e = first_year.entry(u.jurisdiction).or_insert(u.year);
        *e = (*e).min(u.year);
    }
    let share_by_year: BTreeMap<i32, f64> = by_year
        .iter()
        .map(|(&y, &n)| {
            let total = reports_by_year.get(&y).copied().unwrap_or(0).max(1);
            (y, (n as f64 / total as f64 * 1000.0).round() / 1000.0)
        })
        .collect();
    let rise = rise(&share_by_year, reports_by_year);
    let mut first_years: Vec<Adoption> = first_year
        .iter()
        .map(|(&j, &year)| Adoption {
            jurisdiction: jurisdictions[j].name.clone(),
            year,
        })
        .collect();
    first_years.sort_by(|a, b| (a.year, &a.jurisdiction).cmp(&(b.year, &b.jurisdiction)));
    let earliest = first_years.first().map(|a| a.year);
    Diffusion {
        text: followed.text.clone(),
        kind: followed.kind,
        quoted_in: followed.quoted_in(),
        lexicon: phrases::lexicon::contains(&followed.text),
        sources: followed.sources.clone(),
        jurisdictions: first_years.len(),
        by_year,
        share_by_year,
        rise,
        first: first_years
            .iter()
            .filter(|a| Some(a.year) == earliest)
            .cloned()
            .collect(),
        first_years,
        uses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffusion_counts_jurisdictions_per_year_and_first_adopters() {
        let j = |name: &str| Jurisdiction {
            name: name.to_string(),
            level: "city",
            kind: Kind::WorkReport,
            name_from_folder: false,
            reports: Vec::new(),
            set_aside: 0,
            series: None,
            slug: name.to_string(),
            key_figures: Vec::new(),
        };
        let js = vec![j("甲市"), j("乙市"), j("丙市")];
        let by_year: BTreeMap<i32, usize> = [(2022, 3), (2023, 3), (2024, 2)].into_iter().collect();
        let uses = vec![
            Use {
                jurisdiction: 1,
                year: 2023,
                count: 2,
            },
            Use {
                jurisdiction: 0,
                year: 2023,
                count: 1,
            },
            Use {
                jurisdiction: 0,
                year: 2024,
                count: 5,
            },
        ];
        let followed = Followed {
            text: "新质生产力".to_string(),
            kind: PhraseKind::Watch,
            sources: [(PhraseKind::Quoted, 1), (PhraseKind::Lexicon, 1)]
                .into_iter()
                .collect(),
        };
        let d = diffusion_of(&followed, uses, &js, &by_year);
        assert_eq!((d.jurisdictions, d.quoted_in), (2, 1));
        assert_eq!(d.by_year.get(&2022), Some(&0));
        assert_eq!(d.by_year.get(&2023), Some(&2));
        assert_eq!(d.share_by_year.get(&2023), Some(&0.667));
        assert_eq!(d.share_by_year.get(&2024), Some(&0.5));
        assert_eq!(d.rise, 0.667, "from none before 2023 to 2 of 3 jurisdictions");
        let names: Vec<&str> = d.first.iter().map(|a| a.jurisdiction.as_str()).collect();
        assert_eq!(names, ["乙市", "甲市"]);
        assert!(d.first.iter().all(|a| a.year == 2023));
    }

    #[test]
    fn rise_skips_thin_years_and_measures_the_climb() {
        let reports: BTreeMap<i32, usize> = [(2012, 2), (2013, 20), (2014, 20), (2015, 20)].into();
        // 2012 has too few reports to count; the climb is 0.1 → 0.8.
        let shares: BTreeMap<i32, f64> = [(2012, 1.0), (2013, 0.1), (2014, 0.8), (2015, 0.5)].into();
        assert_eq!(rise(&shares, &reports), 0.7);
        // A word every report uses every year does not rise.
        let steady: BTreeMap<i32, f64> = [(2012, 0.0), (2013, 0.9), (2014, 0.9), (2015, 0.9)].into();
        assert_eq!(rise(&steady, &reports), 0.0);
        // A falling phrase does not rise either.
        let falling: BTreeMap<i32, f64> = [(2013, 0.9), (2014, 0.5), (2015, 0.1)].into();
        assert_eq!(rise(&falling, &reports), 0.0);
    }
}
