//! Two reports for one year: the same report given twice, a draft and a final
//! version, a scrape that lost its end. A series follows one report a year, so
//! one copy is used and the others are set aside, and the result says which
//! and why. `corpus` picks the same way (see [`pick`]).

use crate::read::document::Report;
use crate::read::meta::Kind;
use crate::read::outline::Role;
use serde::Serialize;

/// Why the used copy was preferred to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The copies read the same: the first given is used.
    SameText,
    /// Only the used copy ends with a closing (the others lost their end).
    Closing,
    /// The used copy is the longest (a copy that lost text is shorter).
    Longer,
    /// As long as another, both with or without a closing: the first given.
    FirstGiven,
}

/// What [`pick`] weighs of one copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copy {
    /// Characters of the report's text.
    pub chars: usize,
    /// The outline found a closing.
    pub closing: bool,
}

/// The copy to use of several copies of one year, in the order they were
/// given: a copy with a closing before one without, then the longer, then the
/// first given. `None` for no copies.
pub fn pick(copies: &[Copy]) -> Option<usize> {
    (0..copies.len()).min_by_key(|&i| {
        (
            std::cmp::Reverse(copies[i].closing),
            std::cmp::Reverse(copies[i].chars),
            i,
        )
    })
}

/// Why `used` (picked by [`pick`]) was preferred to `other`; `same`: the two read the same.
pub fn reason(used: Copy, other: Copy, same: bool) -> Reason {
    if same {
        Reason::SameText
    } else if used.closing != other.closing {
        Reason::Closing
    } else if used.chars != other.chars {
        Reason::Longer
    } else {
        Reason::FirstGiven
    }
}

/// A copy in a duplicate year: its path as given and its length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyRef {
    /// The input path as given.
    pub path: String,
    /// Characters of the report's text.
    pub chars: usize,
    /// The outline found a closing.
    pub closing: bool,
}

/// A year given more than once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// The year.
    pub year: i32,
    /// The jurisdiction of the copies.
    pub jurisdiction: Option<String>,
    /// The copy the series uses.
    pub used: CopyRef,
    /// The copies left out, in the order given.
    pub set_aside: Vec<SetAside>,
}

/// A copy left out, and why the used one was preferred to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetAside {
    /// The copy.
    #[serde(flatten)]
    pub copy: CopyRef,
    /// Why the used copy was preferred to this one.
    pub reason: Reason,
}

fn copy_of(r: &Report) -> Copy {
    Copy {
        chars: r.text().chars().count(),
        closing: r.sections.iter().any(|s| s.role == Role::Closing),
    }
}

fn copy_ref(r: &Report) -> CopyRef {
    let c = copy_of(r);
    CopyRef {
        path: r.meta.path.clone(),
        chars: c.chars,
        closing: c.closing,
    }
}

/// Keeps one report per (jurisdiction, kind, year), in the order given;
/// returns the reports kept and the duplicate years (in year order). Reports
/// without a year are all kept.
pub fn set_aside_duplicates(reports: Vec<Report>) -> (Vec<Report>, Vec<Duplicate>) {
    type Key = (Option<String>, Kind, i32);
    let mut groups: std::collections::BTreeMap<Key, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(y) = r.meta.year {
            groups
                .entry((r.meta.jurisdiction.clone(), r.meta.kind, y))
                .or_default()
                .push(i);
        }
    }
    let mut dropped = vec![false; reports.len()];
    let mut duplicates = Vec::new();
    for ((jurisdiction, _, year), members) in groups {
        if members.len() < 2 {
            continue;
        }
        let copies: Vec<Copy> = members.iter().map(|&i| copy_of(&reports[i])).collect();
        let Some(used) = pick(&copies) else {
            continue;
        };
        let first = &reports[members[used]];
        let mut set_aside = Vec::new();
        for (k, &i) in members.iter().enumerate() {
            if k != used {
                dropped[i] = true;
                let same = reports[i].text() == first.text();
                set_aside.push(SetAside {
                    copy: copy_ref(&reports[i]),
                    reason: reason(copies[used], copies[k], same),
                });
            }
        }
        duplicates.push(Duplicate {
            year,
            jurisdiction,
            used: copy_ref(first),
            set_aside,
        });
    }
    duplicates.sort_by_key(|d| d.year);
    let kept = reports
        .into_iter()
        .zip(dropped)
        .filter_map(|(r, d)| (!d).then_some(r))
        .collect();
    (kept, duplicates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(chars: usize, closing: bool) -> Copy {
        Copy { chars, closing }
    }

    #[test]
    fn a_closing_outranks_length_then_the_first_given() {
        assert_eq!(pick(&[c(900, false), c(800, true)]), Some(1));
        assert_eq!(pick(&[c(800, true), c(900, true)]), Some(1));
        assert_eq!(pick(&[c(800, true), c(800, true)]), Some(0));
        assert_eq!(pick(&[c(500, false), c(800, true), c(900, true)]), Some(2));
        assert_eq!(pick(&[]), None);
    }

    #[test]
    fn the_reason_names_what_decided() {
        assert_eq!(reason(c(800, true), c(900, false), false), Reason::Closing);
        assert_eq!(reason(c(900, true), c(800, true), false), Reason::Longer);
        assert_eq!(reason(c(800, false), c(800, false), false), Reason::FirstGiven);
        assert_eq!(reason(c(800, true), c(800, true), true), Reason::SameText);
    }
}
