//! The `corpus` command's result: every report under some folders, grouped by
//! jurisdiction and kind, a series summary per jurisdiction, and how each
//! policy phrase spread across jurisdictions year by year.
//!
//! The work streams, so memory grows with the summaries, not the texts:
//! 1. **scan** (parallel over files): read, split, normalize, outline; keep the
//!    metadata and phrase candidates (marked terms, lexicon entries) of each
//!    report, store its counting text in the cache, drop the text;
//! 2. **group**: by jurisdiction and kind, ordered by year; duplicates and
//!    undated reports become problems;
//! 3. **series** (parallel over jurisdictions): each jurisdiction's reports are
//!    read again and its series built as `series` builds it (phrase discovery
//!    needs every report of the series at once), then dropped: memory holds
//!    the jurisdictions in flight, not the corpus. Its discovered formulations
//!    are kept;
//! 4. **count** (parallel over reports): the corpus-wide phrase list (watched,
//!    marked, lexicon, discovered) in each report's counting text, as plain
//!    substrings, one automaton pass.
//!
//! Every step reads and writes the optional [`Cache`], keyed by content.

use crate::cache::{Cache, Key};
use crate::compare::phrases::{self, PhraseCounter, PhraseKind, PhraseOptions};
use crate::compare::series::{self, EmergingYear, SectionTrack, SeriesOptions, SeriesReport, Step};
use crate::read::document::{self, LoadOptions, Report};
use crate::read::meta::{Kind, ReportMeta};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Options of a corpus run.
#[derive(Debug, Clone, Default)]
pub struct CorpusOptions {
    /// How files become reports.
    pub load: LoadOptions,
    /// Watched phrases, emerging terms, year shifts: as for `series`.
    pub series: SeriesOptions,
    /// Answer for this one phrase only: no candidates, no series.
    pub phrase: Option<String>,
    /// A formulation is followed when it is a candidate (marked, lexicon,
    /// discovered) in at least this many jurisdictions (watched phrases always are).
    pub min_jurisdictions: usize,
    /// Where prepared summaries are kept between runs.
    pub cache: Option<Cache>,
    /// Group by the folder each file is in, not by the jurisdiction the
    /// report names (for curated one-folder-per-place collections).
    pub group_by_folder: bool,
}

/// Progress of a long run (a bar on a terminal, nothing otherwise).
pub trait Progress: Sync {
    /// A stage with `len` steps begins.
    fn stage(&self, label: &str, len: u64);
    /// One step of the stage is done.
    fn tick(&self);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _: &str, _: u64) {}
    fn tick(&self) {}
}

/// Receives the rendered series page of each jurisdiction (file name, HTML).
pub type PageSink<'a> = &'a (dyn Fn(&str, &str) -> crate::error::Result<()> + Sync);

/// Renders the series page of a jurisdiction.
pub type PageRenderer<'a> = &'a (dyn Fn(&SeriesReport) -> String + Sync);

/// A file or report that could not be used, and why. Never fatal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The file.
    pub path: String,
    /// What is wrong and what was done about it.
    pub message: String,
}

/// One report of a jurisdiction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportEntry {
    /// Year of delivery.
    pub year: i32,
    /// The file.
    pub path: String,
    /// The title, if the scrape had one.
    pub title: Option<String>,
    /// Position of the report in its file (1-based), when the file holds several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<usize>,
    /// Characters of normalized text.
    pub chars: usize,
    #[serde(skip)]
    source: SourceRef,
}

/// Where a report is read from again, and its cache identity.
#[derive(Debug, Clone, PartialEq)]
struct SourceRef {
    /// Key of the file's scan (content, name, options).
    file_key: Key,
    /// Index of the report in the file.
    index: usize,
}

impl SourceRef {
    fn text_key(&self) -> Key {
        Key::of(&[b"text", self.file_key.as_str().as_bytes(), &self.index.to_le_bytes()])
    }
}

/// What the series of a jurisdiction says, without the texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesSummary {
    /// Consecutive diff summaries.
    pub steps: Vec<Step>,
    /// Level-1/2 sections followed across years.
    pub sections: Vec<SectionTrack>,
    /// Emerging terms per report after the first.
    pub emerging: Vec<EmergingYear>,
}

/// The reports of one jurisdiction and kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Jurisdiction {
    /// Official name as detected in the reports (`广州市`), or the folder name.
    pub name: String,
    /// `national`, `province`, `city`, `county` or `town`, from the name.
    pub level: &'static str,
    /// Kind of the reports.
    pub kind: Kind,
    /// The name is the folder's: no report named its jurisdiction.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub name_from_folder: bool,
    /// Reports ordered by year, one per year.
    pub reports: Vec<ReportEntry>,
    /// The series summary (absent with `--phrase`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<SeriesSummary>,
    /// File-name stem of its pages (`广州市` or `广州市-summary`).
    #[serde(skip)]
    pub slug: String,
}

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
    /// Index into [`CorpusReport::jurisdictions`].
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

/// The result of `reportdiff corpus`.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusReport {
    /// Always 1.
    pub schema_version: u32,
    /// Jurisdictions by name, then kind.
    pub jurisdictions: Vec<Jurisdiction>,
    /// Phrases: watched, then established terms, then the rest; each tier by
    /// [`Diffusion::rise`], then by adopters.
    pub phrases: Vec<Diffusion>,
    /// Files and reports left out, with the reason.
    pub problems: Vec<Problem>,
    /// Work reports per year (the denominators of `share_by_year`).
    pub reports_by_year: BTreeMap<i32, usize>,
}

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

/// Every file under `paths` (folders recursively, hidden entries skipped), in
/// a deterministic order; folders that cannot be listed become problems. A
/// path given that does not exist is an error (a typo, not a bad input).
pub fn walk(paths: &[String]) -> crate::error::Result<(Vec<String>, Vec<Problem>)> {
    fn visit(dir: &Path, files: &mut Vec<String>, problems: &mut Vec<Problem>) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem {
                    path: dir.display().to_string(),
                    message: format!("cannot list the folder: {e}"),
                });
                return;
            }
        };
        let mut children: Vec<std::path::PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        children.sort();
        for child in children {
            // Symbolic links to folders are not followed: no cycles.
            match std::fs::symlink_metadata(&child) {
                Ok(m) if m.is_dir() => visit(&child, files, problems),
                _ => files.push(child.display().to_string()),
            }
        }
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            visit(path, &mut files, &mut problems);
        } else if path.exists() {
            files.push(p.clone());
        } else {
            return Err(crate::error::Error::input(p, "no such file or folder"));
        }
    }
    let mut seen = BTreeSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok((files, problems))
}

/// What the scan keeps of one report.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Scanned {
    meta: ReportMeta,
    chars: usize,
    candidates: Vec<(String, PhraseKind)>,
}

/// Reads `path` into summaries, from the cache when its bytes were seen before.
fn scan_file(path: &str, opts: &CorpusOptions) -> Result<(Key, Vec<Scanned>), Problem> {
    let problem = |message: String| Problem {
        path: path.to_string(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| problem(format!("cannot read: {e}")))?;
    let key = file_key(path, &bytes, &opts.load);
    if let Some(cache) = &opts.cache {
        if let Some(mut scanned) = cache.get::<Vec<Scanned>>("scan", &key) {
            // The same bytes may sit at another path now.
            for s in &mut scanned {
                s.meta.path = path.to_string();
            }
            return Ok((key, scanned));
        }
    }
    drop(bytes);
    let reports = document::load(path, &opts.load).map_err(|e| match e {
        crate::error::Error::Input { problem: message, .. } => problem(message),
        other => problem(other.to_string()),
    })?;
    let scanned: Vec<Scanned> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let counting = phrases::counting_text(r.text());
            if let Some(cache) = &opts.cache {
                cache.put_text(
                    "text",
                    &SourceRef {
                        file_key: key.clone(),
                        index: i,
                    }
                    .text_key(),
                    &counting,
                );
            }
            Scanned {
                meta: r.meta.clone(),
                chars: r.text().chars().count(),
                // Marked terms and lexicon entries; ordinary words only quoted.
                candidates: phrases::candidates_of([r.text()], &PhraseOptions::default())
                    .into_iter()
                    .collect(),
            }
        })
        .collect();
    if let Some(cache) = &opts.cache {
        cache.put("scan", &key, &scanned);
    }
    Ok((key, scanned))
}

/// The cache key of a file: its bytes, its name (the year may come from it)
/// and the options that change reading.
fn file_key(path: &str, bytes: &[u8], load: &LoadOptions) -> Key {
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let options = format!(
        "{:?}|{:?}|{:?}|{:?}",
        load.source.encoding, load.year, load.jurisdiction, load.source.max_size
    );
    Key::of(&[b"file", name.as_bytes(), options.as_bytes(), bytes])
}

/// A report found by the scan, before grouping.
struct Found {
    name: String,
    name_from_folder: bool,
    kind: Kind,
    year: Option<i32>,
    entry: ReportEntry,
    candidates: Vec<(String, PhraseKind)>,
}

/// Builds the corpus report of `paths`. `pages`, when given, receives each
/// jurisdiction's series page rendered by the renderer.
pub fn build_corpus(
    paths: &[String],
    opts: &CorpusOptions,
    progress: &dyn Progress,
    pages: Option<(PageRenderer, PageSink)>,
) -> crate::error::Result<CorpusReport> {
    let (files, mut problems) = walk(paths)?;
    progress.stage("reading", files.len() as u64);
    let scans: Vec<Result<(Key, Vec<Scanned>), Problem>> = files
        .par_iter()
        .map(|f| {
            let r = scan_file(f, opts);
            progress.tick();
            r
        })
        .collect();
    let mut found: Vec<Found> = Vec::new();
    for scan in scans {
        match scan {
            Err(p) => problems.push(p),
            Ok((key, scanned)) => {
                let several = scanned.len() > 1;
                for (index, s) in scanned.into_iter().enumerate() {
                    found.push(found_of(s, key.clone(), index, several, opts.group_by_folder));
                }
            }
        }
    }
    let (mut jurisdictions, candidates) = group(found, opts.group_by_folder, &mut problems);
    jurisdictions.sort_by(|a, b| (&a.name, a.kind).cmp(&(&b.name, b.kind)));
    slugs(&mut jurisdictions);

    // The series come first: their discovered formulations join the list.
    let mut discovered: Vec<Vec<String>> = Vec::new();
    if opts.phrase.is_none() {
        let entries = series_all(&jurisdictions, opts, progress, pages)?;
        for (j, e) in jurisdictions.iter_mut().zip(entries) {
            j.series = Some(e.summary);
            discovered.push(e.discovered);
        }
    }
    let list: Vec<Followed> = match &opts.phrase {
        Some(p) => vec![Followed {
            text: p.clone(),
            kind: PhraseKind::Watch,
            sources: BTreeMap::new(),
        }],
        None => phrase_list(&jurisdictions, &candidates, &discovered, opts),
    };
    let reports_by_year = reports_by_year(&jurisdictions);
    let phrases = diffusion(&jurisdictions, &list, opts, progress, &reports_by_year, &mut problems);
    problems.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    Ok(CorpusReport {
        schema_version: 1,
        jurisdictions,
        phrases,
        problems,
        reports_by_year,
    })
}

fn found_of(s: Scanned, file_key: Key, index: usize, several: bool, by_folder: bool) -> Found {
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
type Candidates = BTreeMap<(String, Kind), BTreeMap<String, PhraseKind>>;

/// Groups reports by jurisdiction and kind, one per year: an undated report or
/// a second report for the same year is left out and listed as a problem, and
/// so is a report grouped by its folder because it names no jurisdiction
/// (unless grouping by folder was asked for).
fn group(found: Vec<Found>, by_folder: bool, problems: &mut Vec<Problem>) -> (Vec<Jurisdiction>, Candidates) {
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
    for ((name, kind), mut reports) in groups {
        // The longest report of a year is kept: scrapes that lost text are shorter.
        reports.sort_by(|a, b| {
            (
                a.year,
                std::cmp::Reverse(a.entry.chars),
                &a.entry.path,
                a.entry.source.index,
            )
                .cmp(&(
                    b.year,
                    std::cmp::Reverse(b.entry.chars),
                    &b.entry.path,
                    b.entry.source.index,
                ))
        });
        let mut kept: Vec<ReportEntry> = Vec::new();
        let mut cands: BTreeMap<String, PhraseKind> = BTreeMap::new();
        let name_from_folder = reports.iter().all(|r| r.name_from_folder);
        for r in reports {
            if let Some(k) = kept.iter().find(|k| k.year == r.entry.year) {
                problems.push(Problem {
                    path: r.entry.path.clone(),
                    message: format!(
                        "second {} of {} for {}; left out, kept {}",
                        kind.as_str(),
                        name,
                        r.entry.year,
                        k.path
                    ),
                });
                continue;
            }
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
            series: None,
            slug: String::new(),
        });
    }
    (out, candidates)
}

/// Page names: the jurisdiction's name, with the kind unless a work report,
/// characters unsafe in file names replaced.
fn slugs(jurisdictions: &mut [Jurisdiction]) {
    for j in jurisdictions.iter_mut() {
        let base: String = j
            .name
            .chars()
            .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' })
            .collect();
        j.slug = match j.kind {
            Kind::WorkReport => base,
            k => format!("{base}-{}", k.as_str()),
        };
    }
}

/// The followed phrases: watched ones, and the formulations (marked by a
/// report, lexicon entries, discovered in a series) that are candidates in at
/// least `min_jurisdictions` jurisdictions (work reports). Ordinary words are
/// left out unless watched: counted as plain substrings they would be found
/// everywhere, quoted or not.
///
/// `discovered[i]` lists the formulations discovered in jurisdiction `i`'s series.
fn phrase_list(
    jurisdictions: &[Jurisdiction],
    candidates: &Candidates,
    discovered: &[Vec<String>],
    opts: &CorpusOptions,
) -> Vec<Followed> {
    let mut sources: BTreeMap<&str, BTreeMap<PhraseKind, usize>> = BTreeMap::new();
    for (i, j) in jurisdictions
        .iter()
        .enumerate()
        .filter(|(_, j)| j.kind == Kind::WorkReport)
    {
        let mut own: BTreeMap<&str, PhraseKind> = BTreeMap::new();
        if let Some(c) = candidates.get(&(j.name.clone(), j.kind)) {
            for (text, &kind) in c {
                if kind != PhraseKind::Lexicon || !opts.series.phrases.no_lexicon {
                    own.insert(text.as_str(), kind);
                }
            }
        }
        for text in discovered.get(i).into_iter().flatten() {
            own.entry(text.as_str()).or_insert(PhraseKind::Discovered);
        }
        for (text, kind) in own {
            *sources.entry(text).or_default().entry(kind).or_insert(0) += 1;
        }
    }
    let mut list: BTreeMap<String, Followed> = sources
        .into_iter()
        .filter(|(t, by_kind)| {
            by_kind.values().sum::<usize>() >= opts.min_jurisdictions.max(1)
                && !is_short_number(t)
                && !phrases::lexicon::is_ordinary(t)
        })
        .map(|(t, sources)| {
            let kind = sources.keys().next().copied().unwrap_or(PhraseKind::Discovered);
            (
                t.to_string(),
                Followed {
                    text: t.to_string(),
                    kind,
                    sources,
                },
            )
        })
        .collect();
    for w in &opts.series.phrases.watch {
        let sources = list.remove(w).map(|f| f.sources).unwrap_or_default();
        list.insert(
            w.clone(),
            Followed {
                text: w.clone(),
                kind: PhraseKind::Watch,
                sources,
            },
        );
    }
    list.into_values().collect()
}

/// A followed phrase before counting.
struct Followed {
    text: String,
    kind: PhraseKind,
    /// Jurisdictions by the phrase's strongest source there.
    sources: BTreeMap<PhraseKind, usize>,
}

impl Followed {
    /// Jurisdictions whose reports mark it as a term.
    fn quoted_in(&self) -> usize {
        self.sources
            .iter()
            .filter(|(k, _)| {
                matches!(
                    k,
                    PhraseKind::Slogan | PhraseKind::NumberSet | PhraseKind::Quoted | PhraseKind::Title
                )
            })
            .map(|(_, n)| n)
            .sum()
    }
}

/// `10`, `35`: numbers some report quoted, not slogans (`12345` is a hotline).
fn is_short_number(text: &str) -> bool {
    text.len() < 4 && text.chars().all(|c| c.is_ascii_digit())
}

fn reports_by_year(jurisdictions: &[Jurisdiction]) -> BTreeMap<i32, usize> {
    let mut by_year = BTreeMap::new();
    for j in jurisdictions.iter().filter(|j| j.kind == Kind::WorkReport) {
        for r in &j.reports {
            *by_year.entry(r.year).or_insert(0) += 1;
        }
    }
    by_year
}

/// The counting text of a report: from the cache, else read again.
fn counting_text_of(entry: &ReportEntry, opts: &CorpusOptions) -> Result<String, Problem> {
    let key = entry.source.text_key();
    if let Some(text) = opts.cache.as_ref().and_then(|c| c.get_text("text", &key)) {
        return Ok(text);
    }
    let report = reload(entry, opts)?;
    let counting = phrases::counting_text(report.text());
    if let Some(cache) = &opts.cache {
        cache.put_text("text", &key, &counting);
    }
    Ok(counting)
}

/// Reads a report of the scan again (the file may have changed since: then a problem).
fn reload(entry: &ReportEntry, opts: &CorpusOptions) -> Result<Report, Problem> {
    let problem = |message: String| Problem {
        path: entry.path.clone(),
        message,
    };
    let bytes = std::fs::read(&entry.path).map_err(|e| problem(format!("cannot read: {e}")))?;
    if file_key(&entry.path, &bytes, &opts.load) != entry.source.file_key {
        return Err(problem("changed while being read; run again".to_string()));
    }
    drop(bytes);
    let mut reports = document::load(&entry.path, &opts.load).map_err(|e| problem(e.to_string()))?;
    if entry.source.index >= reports.len() {
        return Err(problem("changed while being read; run again".to_string()));
    }
    Ok(reports.swap_remove(entry.source.index))
}

/// Counts the phrases in every work report and assembles each phrase's diffusion.
fn diffusion(
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
    // Sparse counts per report: (phrase, count) for the phrases it uses.
    let counted: Vec<Result<Vec<(usize, usize)>, Problem>> = work
        .par_iter()
        .map(|(_, entry)| {
            let text = counting_text_of(entry, opts);
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

/// What the cache keeps of a jurisdiction's series.
#[derive(Serialize, Deserialize)]
struct SeriesEntry {
    summary: SeriesSummary,
    /// Formulations discovered in its reports (multiword expressions no report
    /// marks and the lexicon lacks), sorted: candidates of the diffusion table.
    discovered: Vec<String>,
}

/// The series summary of every jurisdiction.
fn series_all(
    jurisdictions: &[Jurisdiction],
    opts: &CorpusOptions,
    progress: &dyn Progress,
    pages: Option<(PageRenderer, PageSink)>,
) -> crate::error::Result<Vec<SeriesEntry>> {
    progress.stage("series", jurisdictions.len() as u64);
    let out: Vec<crate::error::Result<SeriesEntry>> = jurisdictions
        .par_iter()
        .map(|j| {
            let r = series_of(j, opts, pages);
            progress.tick();
            r
        })
        .collect();
    out.into_iter().collect()
}

fn series_of(
    j: &Jurisdiction,
    opts: &CorpusOptions,
    pages: Option<(PageRenderer, PageSink)>,
) -> crate::error::Result<SeriesEntry> {
    let s = &opts.series;
    let mut parts: Vec<Vec<u8>> = vec![
        b"series".to_vec(),
        format!(
            "{:?}|{}|{:?}|{}|{}",
            s.phrases.watch, s.phrases.no_lexicon, s.phrases.sort, s.top, s.ignore_years
        )
        .into_bytes(),
    ];
    for r in &j.reports {
        parts.push(r.source.file_key.as_str().as_bytes().to_vec());
        parts.push(format!("{}|{}", r.source.index, r.year).into_bytes());
    }
    let key = Key::of(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let page_name = format!("{}.html", j.slug);
    if let Some(cache) = &opts.cache {
        let entry = cache.get::<SeriesEntry>("series", &key);
        let page = pages.map(|_| cache.get_text("page", &key));
        match (entry, page) {
            (Some(entry), None) => return Ok(entry),
            (Some(entry), Some(Some(html))) => {
                if let Some((_, sink)) = pages {
                    sink(&page_name, &html)?;
                }
                return Ok(entry);
            }
            _ => {}
        }
    }
    // A report that vanished since the scan is left out of the series; the
    // counting step lists it as a problem.
    let reports: Vec<Report> = j.reports.iter().filter_map(|e| reload(e, opts).ok()).collect();
    // The series page shows the consecutive diffs; the summary does not.
    let page_options = SeriesOptions {
        keep_diffs: true,
        ..s.clone()
    };
    let series = series::build_series(&reports, if pages.is_some() { &page_options } else { s }, &|| {});
    drop(reports);
    let summary = SeriesSummary {
        steps: series.steps.clone(),
        sections: series.sections.clone(),
        emerging: series.emerging.clone(),
    };
    if let Some((render, sink)) = pages {
        let html = render(&series);
        if let Some(cache) = &opts.cache {
            cache.put_text("page", &key, &html);
        }
        sink(&page_name, &html)?;
    }
    let entry = SeriesEntry {
        summary,
        discovered: series
            .phrases
            .iter()
            .filter(|p| p.kind == PhraseKind::Discovered)
            .map(|p| p.text.clone())
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect(),
    };
    if let Some(cache) = &opts.cache {
        cache.put("series", &key, &entry);
    }
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn diffusion_counts_jurisdictions_per_year_and_first_adopters() {
        let j = |name: &str| Jurisdiction {
            name: name.to_string(),
            level: "city",
            kind: Kind::WorkReport,
            name_from_folder: false,
            reports: Vec::new(),
            series: None,
            slug: name.to_string(),
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
    fn walk_is_sorted_recursive_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/inner")).unwrap();
        std::fs::create_dir_all(root.join("a")).unwrap();
        for f in ["b/inner/2.md", "b/1.md", "a/z.md", ".hidden.md"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        assert!(walk(&[root.join("missing").display().to_string()]).is_err());
        let (files, problems) = walk(&[root.display().to_string()]).unwrap();
        let rel: Vec<String> = files
            .iter()
            .map(|f| f.trim_start_matches(&root.display().to_string()).to_string())
            .collect();
        assert_eq!(rel, ["/a/z.md", "/b/1.md", "/b/inner/2.md"]);
        assert!(problems.is_empty());
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
