//! A commented starter rules file from the reports in a folder (`reportdiff init`).

use super::shares::{percent, shares};
use crate::compare::phrases::{self, PhraseKind};
use crate::compare::report::{self, DiffOptions};
use crate::error::{Error, Result};
use crate::read::document::Report;
use crate::read::outline::Role;
use std::collections::BTreeMap;
use std::path::Path;

/// File extensions `init` treats as reports.
pub const REPORT_EXTENSIONS: [&str; 4] = ["txt", "text", "htm", "html"];

/// A starter rules file and a one-line description of it.
pub struct Starter {
    /// The rules file's text.
    pub text: String,
    /// What it checks, in one line.
    pub summary: String,
}

/// What `init` decided from the folder: the group of reports to check and
/// every value the rules file is written from.
struct Plan<'a> {
    /// The jurisdiction of the chosen group, as detected.
    jurisdiction: String,
    /// The chosen group, oldest first: (file name, report).
    members: Vec<(&'a str, &'a Report)>,
    /// Files left out, one comment line each.
    other: Vec<String>,
    /// Phrases to require (most frequent recurring formulations).
    require: Vec<String>,
    /// Phrases to track (new in the newest report).
    track: Vec<String>,
    /// Top-level headings of the newest report.
    headings: Vec<String>,
    /// Sections of the newest report (leads left out).
    section_count: usize,
    /// Changed share between the two newest reports, with two or more.
    share: Option<f64>,
}

/// Groups the single-report files by jurisdiction and kind; the largest group
/// (then the newest) becomes `reports`, the rest is listed in comments. Every
/// threshold is set from the reports as they are now, so the file passes.
pub fn starter_rules(dir: &Path, scanned: &[(String, Result<Vec<Report>>)]) -> Result<Starter> {
    let plan = plan(dir, scanned)?;
    let label = |r: &Report| r.meta.label();
    Ok(Starter {
        summary: format!(
            "{} report(s) of {} ({}), {} required and {} tracked phrase(s)",
            plan.members.len(),
            plan.jurisdiction.trim(),
            plan.members
                .iter()
                .map(|(_, r)| label(r))
                .collect::<Vec<_>>()
                .join(", "),
            plan.require.len(),
            plan.track.len()
        ),
        text: rules_text(&plan),
    })
}

/// The decision step: which reports, which phrases, which thresholds.
fn plan<'a>(dir: &Path, scanned: &'a [(String, Result<Vec<Report>>)]) -> Result<Plan<'a>> {
    let (jurisdiction, members, other) = choose_group(dir, scanned)?;
    let Some(&(_, newest)) = members.last() else {
        return Err(Error::input(dir.display(), "no report with a known year"));
    };
    let previous = members.len().checked_sub(2).map(|i| members[i].1);
    let (require, track) = suggest_phrases(newest, previous);
    let section_count = newest.sections.iter().filter(|s| s.role != Role::Lead).count();
    let headings: Vec<String> = newest
        .sections
        .iter()
        .filter(|s| s.role == Role::Heading && s.level == 1)
        .map(|s| s.heading.clone())
        .collect();
    let share = previous.map(|old| {
        let diff = report::diff_reports(old, newest, &DiffOptions::default());
        shares(&diff, old, newest).0.value()
    });
    Ok(Plan {
        jurisdiction,
        members,
        other,
        require,
        track,
        headings,
        section_count,
        share,
    })
}

/// The chosen group's jurisdiction, its members (oldest first) and the
/// comment lines for every file left out.
#[allow(clippy::type_complexity)]
fn choose_group<'a>(
    dir: &Path,
    scanned: &'a [(String, Result<Vec<Report>>)],
) -> Result<(String, Vec<(&'a str, &'a Report)>, Vec<String>)> {
    let mut groups: BTreeMap<(String, &'static str), Vec<(&str, &Report)>> = BTreeMap::new();
    let mut other: Vec<String> = Vec::new();
    for (name, loaded) in scanned {
        match loaded {
            Ok(reports) if reports.len() == 1 && reports[0].meta.year.is_some() => {
                let r = &reports[0];
                let key = (r.meta.jurisdiction.clone().unwrap_or_default(), r.meta.kind.as_str());
                groups.entry(key).or_default().push((name, r));
            }
            Ok(reports) if reports.len() > 1 => other.push(format!(
                "{name}: holds {} reports; name one as {{ path = {}, report = 1 }} or split it with `reportdiff split --out-dir`",
                reports.len(),
                toml_string(name)
            )),
            Ok(_) => other.push(format!(
                "{name}: no year detected; add {{ path = {}, year = … }}",
                toml_string(name)
            )),
            Err(e) => other.push(format!("{name}: {e}")),
        }
    }
    let best = groups
        .iter()
        .max_by_key(|(_, members)| (members.len(), members.iter().filter_map(|(_, r)| r.meta.year).max()))
        .map(|(k, _)| k.clone());
    let Some(best) = best else {
        return Err(Error::input(
            dir.display(),
            format!(
                "no report files to check ({} here){}",
                REPORT_EXTENSIONS.map(|e| format!("*.{e}")).join(", "),
                if other.is_empty() {
                    String::new()
                } else {
                    format!(": {}", other.join("; "))
                }
            ),
        ));
    };
    let mut members = groups.remove(&best).unwrap_or_default();
    members.sort_by(|a, b| a.1.meta.year.cmp(&b.1.meta.year).then(a.0.cmp(b.0)));
    for (key, rest) in &groups {
        for (name, r) in rest {
            other.push(format!(
                "{name}: {} {} ({})",
                r.meta.label(),
                key.1,
                "another jurisdiction or kind"
            ));
        }
    }
    other.sort();
    Ok((best.0, members, other))
}

/// Up to four recurring formulations to require (most frequent first) and up
/// to four new ones to track.
fn suggest_phrases(newest: &Report, previous: Option<&Report>) -> (Vec<String>, Vec<String>) {
    let new_counting = phrases::counting_text(newest.text());
    let old_counting = previous.map(|p| phrases::counting_text(p.text()));
    let mut recurring: Vec<(usize, String)> = Vec::new();
    let mut fresh: Vec<(usize, String)> = Vec::new();
    for (phrase, kind) in phrases::candidates(newest.text()) {
        if !is_formulation(&phrase, kind) {
            continue;
        }
        let n = phrases::count(&new_counting, &phrase);
        match old_counting.as_deref().map(|t| phrases::count(t, &phrase)) {
            Some(0) => fresh.push((n, phrase)),
            _ => recurring.push((n, phrase)),
        }
    }
    let top = |mut list: Vec<(usize, String)>| -> Vec<String> {
        list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        list.into_iter().take(4).map(|(_, p)| p).collect()
    };
    (top(recurring), top(fresh))
}

/// The template: the rules file's text from the plan.
fn rules_text(plan: &Plan) -> String {
    let quoted = |items: &[String]| items.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", ");
    let label = |r: &Report| r.meta.label();
    let newest = plan.members.last().map(|m| m.1);
    let previous = plan.members.len().checked_sub(2).map(|i| plan.members[i].1);
    let mut t = String::new();
    t.push_str("# reportdiff check rules, written by `reportdiff init`.\n");
    t.push_str("# Run `reportdiff check` in this folder (or `reportdiff check --config PATH`).\n");
    t.push_str("# Exit 0: every rule holds; 1: a rule is violated; 2: this file or a report cannot be read.\n");
    t.push_str("# Every threshold below was set from the reports as they are today: tighten them.\n\n");
    t.push_str("# Reports of one jurisdiction: paths or globs relative to this file's folder,\n");
    t.push_str("# ordered by detected year; the last is the newest. A table picks one report of a\n");
    t.push_str("# multi-report file or sets the year: { path = \"scrape.txt\", report = 2, year = 2021 }\n");
    let names: Vec<String> = plan.members.iter().map(|(n, _)| n.to_string()).collect();
    // Comments carry file names and report text: escaped, so a name holding a
    // line break cannot end the comment and inject live TOML.
    t.push_str(&format!(
        "# ({}: {})\n",
        comment(plan.jurisdiction.trim()),
        comment(
            &plan
                .members
                .iter()
                .map(|(_, r)| label(r))
                .collect::<Vec<_>>()
                .join(", ")
        )
    ));
    t.push_str(&format!("reports = [{}]\n", quoted(&names)));
    if !plan.other.is_empty() {
        t.push_str("# Also in this folder, left out:\n");
        for o in &plan.other {
            t.push_str(&format!("#   {}\n", comment(o)));
        }
    }
    t.push_str("\n[phrases]\n");
    t.push_str(&format!(
        "# Must appear in the newest report ({}); these occur there most often.\nrequire = [{}]\n",
        comment(&newest.map(label).unwrap_or_default()),
        quoted(&plan.require)
    ));
    t.push_str("# Must not appear in the newest report.\nforbid = []\n");
    t.push_str("# Status (new, dropped, recurring) reported, never a failure");
    if previous.is_some() {
        t.push_str("; these are new in the newest report");
    }
    t.push_str(&format!(".\ntrack = [{}]\n", quoted(&plan.track)));
    t.push_str("\n[sections]\n");
    t.push_str("# Text some heading of the newest report must contain. Its top-level headings:\n");
    for h in &plan.headings {
        t.push_str(&format!("#   {}\n", toml_string(h)));
    }
    t.push_str("require = []\n");
    t.push_str(&format!(
        "# The newest report has at least this many sections (it has {} now);\n# a scrape that suddenly parses into one section is broken.\nmin_count = {}\n",
        plan.section_count,
        plan.section_count.div_ceil(2).max(1)
    ));
    match plan.share {
        Some(share) => changes_text(&mut t, share, previous.map(label), newest.map(label)),
        None => t.push_str("\n# With two or more reports: [changes] max_changed_share and [baseline] path.\n"),
    }
    t
}

/// The `[changes]` and `[baseline]` part, with two or more reports.
fn changes_text(t: &mut String, share: f64, previous: Option<String>, newest: Option<String>) {
    // Halfway to 1, at least 2 points above today's share.
    let limit = (((share + ((1.0 - share) / 2.0).max(0.02)) * 100.0).ceil() / 100.0).min(1.0);
    t.push_str(&format!(
        "\n[changes]\n# Share of changed words between the two newest reports: (inserted + deleted) /\n# (words of both); {} now ({} → {}).\nmax_changed_share = {limit:.2}\n",
        percent(share),
        comment(&previous.unwrap_or_default()),
        comment(&newest.unwrap_or_default())
    ));
    if share >= 0.1 {
        t.push_str("# At least this share: catches an earlier report saved again under a new name.\n");
        t.push_str("min_changed_share = 0.05\n");
    }
    t.push_str("# The same per paired section (sections under min_section_words are left out).\n");
    t.push_str("# max_section_changed_share = 0.9\n# min_section_words = 50\n");
    t.push_str("# Pure year shifts (2024年 → 2025年) are not changes.\nignore_years = false\n");
    t.push_str("\n# A committed snapshot of the diff of the two newest reports; any difference\n");
    t.push_str("# fails. Create or refresh it with `reportdiff check --update-baseline`.\n");
    t.push_str("# [baseline]\n# path = \"reportdiff-baseline.json\"\n");
}

/// Text safe inside a `#` comment: no line breaks or other control characters.
/// Whether `init` may suggest `phrase`: a formulation (提法) a rule is worth
/// writing for: a lexicon entry, a numeric slogan or number set, or a quoted
/// term of four characters or more that is no ordinary word (a report may
/// quote “竞争力”, which is still an ordinary word). Titles are not phrases.
fn is_formulation(phrase: &str, kind: PhraseKind) -> bool {
    let chars = phrase.chars().count();
    match kind {
        PhraseKind::Title | PhraseKind::Discovered => false,
        PhraseKind::Quoted => {
            chars >= 4 && !phrases::lexicon::is_ordinary(phrase) || phrases::lexicon::contains(phrase)
        }
        PhraseKind::Watch | PhraseKind::Slogan | PhraseKind::NumberSet | PhraseKind::Lexicon => chars >= 2,
    }
}

fn comment(s: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape_for_display(s)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_suggests_formulations_not_ordinary_words() {
        assert!(!is_formulation("竞争力", PhraseKind::Quoted));
        assert!(!is_formulation("政府工作报告", PhraseKind::Title));
        assert!(is_formulation("百千万工程", PhraseKind::Quoted));
        assert!(is_formulation("六稳", PhraseKind::NumberSet));
        assert!(is_formulation("12218", PhraseKind::Slogan));
    }
}
