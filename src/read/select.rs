//! Picking one report of a file that holds several (`--report`,
//! `--old-report`/`--new-report`, a rules file's `report =`).

use crate::error::{Error, Result};
use crate::read::document::Report;

/// Picks one report of a file: by number (1-based) or by text in its title or
/// jurisdiction; a file with one report needs no selector.
pub fn select_report(path: &str, mut reports: Vec<Report>, selector: Option<&str>) -> Result<Report> {
    let listing = || {
        reports
            .iter()
            .enumerate()
            .map(|(i, r)| format!("{} = {} {}", i + 1, r.meta.label(), r.meta.display_title()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let index = match selector {
        None if reports.len() == 1 => 0,
        None => {
            return Err(Error::input(
                path,
                format!(
                    "holds {} reports; choose one with --report/--old-report/--new-report ({})",
                    reports.len(),
                    listing()
                ),
            ))
        }
        Some(sel) => match sel.parse::<usize>() {
            Ok(n) if (1..=reports.len()).contains(&n) => n - 1,
            Ok(n) => {
                return Err(Error::input(
                    path,
                    format!("has no report {n} (it holds {})", reports.len()),
                ))
            }
            Err(_) => match_selector(path, &reports, sel)?,
        },
    };
    Ok(reports.swap_remove(index))
}

/// The one report whose title or jurisdiction contains `sel`. Several matches
/// are an error listing them, unless exactly one matches in full (`广州市`
/// among `广州市` and `广州市天河区`); an empty selector matches nothing.
fn match_selector(path: &str, reports: &[Report], sel: &str) -> Result<usize> {
    let describe = |indices: &[usize]| {
        indices
            .iter()
            .map(|&i| {
                format!(
                    "{} = {} {}",
                    i + 1,
                    reports[i].meta.label(),
                    reports[i].meta.display_title()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let all: Vec<usize> = (0..reports.len()).collect();
    let sel = sel.trim();
    if sel.is_empty() {
        return Err(Error::input(
            path,
            format!(
                "an empty report selector matches every report; give a number or a name ({})",
                describe(&all)
            ),
        ));
    }
    let fields = |r: &Report| [r.meta.title.clone(), r.meta.jurisdiction.clone()];
    let matching: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| fields(&reports[i]).iter().flatten().any(|f| f.contains(sel)))
        .collect();
    let exact: Vec<usize> = matching
        .iter()
        .copied()
        .filter(|&i| fields(&reports[i]).iter().flatten().any(|f| f == sel))
        .collect();
    match (matching.as_slice(), exact.as_slice()) {
        ([], _) => Err(Error::input(
            path,
            format!("no report matches '{sel}' ({})", describe(&all)),
        )),
        ([only], _) | (_, [only]) => Ok(*only),
        _ => Err(Error::input(
            path,
            format!(
                "'{sel}' matches {} reports; choose one by number or a longer name ({})",
                matching.len(),
                describe(&matching)
            ),
        )),
    }
}
