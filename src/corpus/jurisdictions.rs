//! Grouping the scanned reports into jurisdictions: names, levels, one
//! report per year, page names.

use super::scan::{Scanned, SourceRef};
use super::{Jurisdiction, Problem, ReportEntry};
use crate::compare::phrases::PhraseKind;
use crate::compare::series::duplicates::{pick, reason, Copy, Reason};
use crate::corpus::cache::Key;
use crate::read::meta::Kind;
use std::collections::BTreeMap;
use std::path::Path;

/// The administrative level suggested by an official name.
pub fn level_of(name: &str) -> &'static str {
    const MUNICIPALITIES: &[&str] = &["北京市", "上海市", "天津市", "重庆市"];
    if name == "国务院" || name == "中国" || name == "全国" {
        "national"
    } else if MUNICIPALITIES.contains(&name)
        || name.ends_with('省')
        || name.ends_with("自治区")
        || name.ends_with("特别行政区")
    {
        "province"
    } else if name.ends_with('市') || name.ends_with("自治州") || name.ends_with("地区") || name.ends_with('盟')
    {
        "city"
    } else if name.ends_with('区') || name.ends_with('县') || name.ends_with('旗') {
        "county"
    } else if name.ends_with('镇') || name.ends_with('乡') || name.ends_with("街道") {
        "town"
    } else {
        "unknown"
    }
}

/// A report found by the scan, before grouping.
pub(super) struct Found {
    pub(super) name: String,
    pub(super) name_from_folder: bool,
    pub(super) kind: Kind,
    pub(super) year: Option<i32>,
    /// The outline found a closing.
    pub(super) closing: bool,
    /// Hash of the text.
    pub(super) digest: String,
    pub(super) entry: ReportEntry,
    pub(super) candidates: Vec<(String, PhraseKind)>,
}

pub(super) fn found_of(s: Scanned, file_key: Key, index: usize, several: bool, by_folder: bool) -> Found {
    let folder = Path::new(&s.meta.path)
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().to_string());
    let (name, name_from_folder) = match (&s.meta.jurisdiction, folder) {
        (_, Some(f)) if by_folder => (f, true),
        (Some(j), _) => (j.clone(), false),
        (None, Some(f)) => (f, true),
        (None, None) => ("(unknown)".to_string(), true),
    };
    Found {
        name,
        name_from_folder,
        kind: s.meta.kind,
        year: s.meta.year,
        closing: s.closing,
        digest: s.digest,
        entry: ReportEntry {
            year: s.meta.year.unwrap_or(0),
            path: s.meta.path.clone(),
            title: s.meta.title.clone(),
            report: several.then_some(index + 1),
            chars: s.chars,
            source: SourceRef { file_key, index },
        },
        candidates: s.candidates,
    }
}

/// Candidates of each jurisdiction (same order as the jurisdictions once sorted by key).
pub(super) type Candidates = BTreeMap<(String, Kind), BTreeMap<String, PhraseKind>>;

/// Groups reports by jurisdiction and kind, one per year: an undated report or
/// a second report for the same year is left out and listed as a problem, and
/// so is a report grouped by its folder because it names no jurisdiction
/// (unless grouping by folder was asked for).
pub(super) fn group(
    found: Vec<Found>,
    by_folder: bool,
    problems: &mut Vec<Problem>,
) -> (Vec<Jurisdiction>, Candidates) {
    let mut groups: BTreeMap<(String, Kind), Vec<Found>> = BTreeMap::new();
    for f in found {
        if f.year.is_none() {
            problems.push(Problem {
                path: f.entry.path.clone(),
                message: format!(
                    "no year detected for this {} of {}; left out (put the year in the file name or title)",
                    f.kind.as_str(),
                    f.name
                ),
            });
            continue;
        }
        if f.name_from_folder && !by_folder {
            problems.push(Problem {
                path: f.entry.path.clone(),
                message: format!(
                    "no jurisdiction named in the report; grouped under its folder name {}",
                    f.name
                ),
            });
        }
        groups.entry((f.name.clone(), f.kind)).or_default().push(f);
    }
    let mut out = Vec::new();
    let mut candidates = Candidates::new();
    for ((name, kind), reports) in groups {
        let name_from_folder = reports.iter().all(|r| r.name_from_folder);
        let mut by_year: BTreeMap<Option<i32>, Vec<Found>> = BTreeMap::new();
        for r in reports {
            by_year.entry(r.year).or_default().push(r);
        }
        let mut kept: Vec<ReportEntry> = Vec::new();
        let mut cands: BTreeMap<String, PhraseKind> = BTreeMap::new();
        let mut set_aside = 0;
        for (_, copies) in by_year {
            let Some((r, n)) = one_copy(copies, &name, kind, problems) else {
                continue;
            };
            set_aside += n;
            for (c, k) in r.candidates {
                let e = cands.entry(c).or_insert(k);
                *e = (*e).min(k);
            }
            kept.push(r.entry);
        }
        candidates.insert((name.clone(), kind), cands);
        out.push(Jurisdiction {
            level: level_of(&name),
            name,
            kind,
            name_from_folder,
            reports: kept,
            set_aside,
            series: None,
            slug: String::new(),
            key_figures: Vec::new(),
        });
    }
    (out, candidates)
}

/// The copy of one year a jurisdiction's series uses ([`pick`]: a closing,
/// then the longer, then the first by path) and how many were set aside; each
/// copy set aside is listed as a problem saying why. `None` for no copies.
fn one_copy(mut copies: Vec<Found>, name: &str, kind: Kind, problems: &mut Vec<Problem>) -> Option<(Found, usize)> {
    copies.sort_by(|a, b| (&a.entry.path, a.entry.source.index).cmp(&(&b.entry.path, b.entry.source.index)));
    let weights: Vec<Copy> = copies
        .iter()
        .map(|c| Copy {
            chars: c.entry.chars,
            closing: c.closing,
        })
        .collect();
    let used = pick(&weights)?;
    let set_aside = copies.len() - 1;
    let mut chosen = None;
    let mut rest = Vec::with_capacity(set_aside);
    for (k, c) in copies.into_iter().enumerate() {
        if k == used {
            chosen = Some(c);
        } else {
            rest.push(c);
        }
    }
    let chosen = chosen?;
    for c in rest {
        let why = match reason(
            weights[used],
            Copy {
                chars: c.entry.chars,
                closing: c.closing,
            },
            c.digest == chosen.digest,
        ) {
            Reason::SameText => "same text".to_string(),
            Reason::Closing => "no closing; the copy kept has one".to_string(),
            Reason::Longer => format!("shorter: {} vs {} chars", c.entry.chars, chosen.entry.chars),
            Reason::FirstGiven => "as long, later by path".to_string(),
        };
        problems.push(Problem {
            path: c.entry.path.clone(),
            message: format!(
                "second {} of {} for {}; left out, kept {} ({why})",
                kind.as_str(),
                name,
                c.entry.year,
                chosen.entry.path
            ),
        });
    }
    Some((chosen, set_aside))
}

/// Longest name part of a page name, in bytes (file names are limited to
/// 255 bytes; the kind, a hash and `.html` follow).
const MAX_SLUG_BYTES: usize = 120;

/// Page names: the jurisdiction's name, with the kind unless a work report.
/// A name that cannot be used as it is (characters other than letters, digits
/// and `_` replaced by `_`, or longer than [`MAX_SLUG_BYTES`], cut) gets a
/// stable short hash of the name, so `x y`, `x.y` and `x_y` get three pages
/// and a 252-byte folder name a valid file name.
pub(super) fn slugs(jurisdictions: &mut [Jurisdiction]) {
    for j in jurisdictions.iter_mut() {
        let mut base: String = j
            .name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        let mut altered = base != j.name;
        if base.len() > MAX_SLUG_BYTES {
            let cut = (0..=MAX_SLUG_BYTES)
                .rev()
                .find(|&i| base.is_char_boundary(i))
                .unwrap_or(0);
            base.truncate(cut);
            altered = true;
        }
        if altered {
            let hash = blake3::hash(j.name.as_bytes()).to_hex();
            base = format!("{base}-{}", &hash.as_str()[..10]);
        }
        j.slug = match j.kind {
            Kind::WorkReport => base,
            k => format!("{base}-{}", k.as_str()),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_are_distinct_and_bounded() {
        let j = |name: String| Jurisdiction {
            name,
            level: "city",
            kind: Kind::WorkReport,
            name_from_folder: true,
            reports: Vec::new(),
            set_aside: 0,
            series: None,
            slug: String::new(),
            key_figures: Vec::new(),
        };
        let mut js: Vec<Jurisdiction> = ["x y", "x.y", "x_y", "广州市", "a-summary"]
            .into_iter()
            .map(|n| j(n.to_string()))
            .chain([j("长".repeat(84))])
            .collect();
        js.push(Jurisdiction {
            kind: Kind::Summary,
            ..j("a".to_string())
        });
        slugs(&mut js);
        let names: std::collections::BTreeSet<&str> = js.iter().map(|j| j.slug.as_str()).collect();
        assert_eq!(names.len(), js.len(), "{names:?}");
        assert_eq!(js[2].slug, "x_y");
        assert_eq!(js[3].slug, "广州市");
        assert!(js.iter().all(|j| j.slug.len() + ".html".len() <= 255));
    }

    #[test]
    fn levels_from_names() {
        assert_eq!(level_of("广东省"), "province");
        assert_eq!(level_of("北京市"), "province");
        assert_eq!(level_of("广州市"), "city");
        assert_eq!(level_of("花都区"), "county");
        assert_eq!(level_of("梯面镇"), "town");
        assert_eq!(level_of("国务院"), "national");
        assert_eq!(level_of("内蒙古自治区"), "province");
    }
}
