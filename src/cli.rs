//! Command-line definitions (clap derive). Parsing only; [`crate::command`] runs them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Track how Chinese government reports change from year to year.
#[derive(Debug, Parser)]
#[command(
    name = "reportdiff",
    version,
    about = "Section-aligned, word-level diffs of Chinese government reports across years",
    after_help = "Exit codes: 0 success (diff: identical; check: all rules hold), 1 differences or a violated rule, 2 error.\n\nExamples:\n  reportdiff outline samples/guangzhou-2025.txt\n  reportdiff split scrape.txt --out-dir reports/\n  reportdiff diff samples/guangzhou-2021.txt samples/guangzhou-2025.txt"
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the reports inside a scraped file (or write each to --out-dir).
    #[command(
        after_help = "Examples:\n  reportdiff split scrape.txt\n  reportdiff split scrape.txt --out-dir reports/\n  reportdiff split scrape.txt --format json"
    )]
    Split(SplitArgs),
    /// Compare two reports section by section, word by word (exit 0 same, 1 different).
    #[command(
        after_help = "Examples:\n  reportdiff diff samples/guangzhou-2021.txt samples/guangzhou-2025.txt\n  reportdiff diff old.txt new.txt --stat\n  reportdiff diff old.txt new.txt --side-by-side --context 0\n  reportdiff diff scrape.txt new.txt --old-report 5 --format json -o diff.json\n  reportdiff diff 2012.txt 2013.txt --ignore-years --format markdown"
    )]
    Diff(DiffArgs),
    /// One jurisdiction over many years: phrase timeline, section history, consecutive diffs.
    #[command(
        after_help = "Examples:\n  reportdiff series ../shared/corpus/national/*.txt\n  reportdiff series reports/*.txt --watch watch.txt --format json -o series.json\n  reportdiff series reports/*.txt --top 20 --limit 80"
    )]
    Series(SeriesArgs),
    /// Policy phrases found in each report, with counts and keyword-in-context lines.
    #[command(
        after_help = "Examples:\n  reportdiff phrases samples/guangzhou-2025.txt\n  reportdiff phrases 2024.txt 2025.txt --watch watch.txt --context 2\n  reportdiff phrases scrape.txt --format json"
    )]
    Phrases(PhrasesArgs),
    /// Many jurisdictions at once: every report under the given files and
    /// folders grouped by jurisdiction, a series summary each, and how each
    /// policy phrase spread across jurisdictions year by year.
    #[command(
        after_help = "Exit codes: 0 success (unreadable files and duplicate years are listed as problems, not errors), 2 error.\n\nExamples:\n  reportdiff corpus ../shared/corpus/cities\n  reportdiff corpus ../shared/corpus/cities --phrase 新质生产力\n  reportdiff corpus reports/ --format json -o corpus.json\n  reportdiff corpus reports/ --out-dir site/\n  reportdiff corpus reports/ --format csv --out-dir tables/"
    )]
    Corpus(CorpusArgs),
    /// Passages that reports of different jurisdictions share: from which
    /// common source, in which direction.
    #[command(
        after_help = "Exit codes: 0 success (unreadable files are listed as problems), 2 error.\n\nExamples:\n  reportdiff reuse ../shared/corpus/cities\n  reportdiff reuse reports/ --min-chars 80 --format html -o reuse.html\n  reportdiff reuse reports/ --format csv --out-dir tables/"
    )]
    Reuse(ReuseArgs),
    /// Show the detected section tree and metadata of each report in a file.
    #[command(
        after_help = "Examples:\n  reportdiff outline samples/guangzhou-2025.txt\n  reportdiff outline report.txt --format json -o outline.json\n  reportdiff outline report.txt --leads"
    )]
    Outline(OutlineArgs),
    /// CI gate: check the reports named in a rules file (exit 0 pass, 1 violation, 2 error).
    #[command(
        after_help = "Exit codes: 0 every rule holds, 1 a rule is violated, 2 the rules file or a report cannot be read.\n\nExamples:\n  reportdiff check\n  reportdiff check --config samples/reportdiff.toml --format github\n  reportdiff check --update-baseline\n  reportdiff check --format junit -o check.xml\n\nSee docs/ci.md for the rules file and CI setups."
    )]
    Check(CheckArgs),
    /// Write a commented starter rules file (reportdiff.toml) for the reports in DIR.
    #[command(after_help = "Examples:\n  reportdiff init\n  reportdiff init reports/guangzhou")]
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell),
    /// or write it into a folder.
    #[command(
        after_help = "Examples:\n  reportdiff completions bash --out-dir ~/.local/share/bash-completion/completions\n  reportdiff completions zsh --out-dir ~/.zfunc\n  reportdiff completions fish --out-dir ~/.config/fish/completions\n  reportdiff completions bash > reportdiff.bash\n\nWith --out-dir the folder is created if missing and the file takes the name the shell looks for (reportdiff.bash, _reportdiff, reportdiff.fish)."
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
        /// Write the script into DIR (created if missing) instead of standard output.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Print the man page (roff), or write one page per command into a folder.
    #[command(
        after_help = "Examples:\n  reportdiff man --out-dir ~/.local/share/man/man1\n  reportdiff man > reportdiff.1 && man ./reportdiff.1\n\nWith --out-dir the folder is created if missing and holds reportdiff.1 and one page per command (reportdiff-diff.1, reportdiff-series.1, ...)."
    )]
    Man {
        /// Write reportdiff.1 and one page per command into DIR (created if
        /// missing) instead of printing the top page.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, coloured when writing to a terminal.
    Terminal,
    /// Machine-readable JSON (contract: docs/json-schema.md).
    Json,
    /// Self-contained HTML page.
    Html,
    /// Markdown for articles and pull requests.
    Markdown,
}

/// Output formats of `series` (CSV only with `--figures`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeriesFormat {
    /// Human-readable, coloured when writing to a terminal.
    Terminal,
    /// Machine-readable JSON (contract: docs/json-schema.md).
    Json,
    /// Self-contained HTML page.
    Html,
    /// Markdown for articles and pull requests.
    Markdown,
    /// The targets table as CSV (with --figures).
    Csv,
}

/// Output formats of `outline` and `split` (no HTML page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Human-readable, coloured when writing to a terminal.
    Terminal,
    /// Machine-readable JSON (contract: docs/json-schema.md).
    Json,
    /// Markdown for articles and pull requests.
    Markdown,
}

/// Output formats of `corpus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusFormat {
    /// Summary tables for people.
    Terminal,
    /// Machine-readable JSON (contract: docs/json-schema.md).
    Json,
    /// Two JSON Lines tables (reports, phrase uses) written into --out-dir.
    Jsonl,
    /// Two CSV tables (reports, phrase uses) written into --out-dir.
    Csv,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Where the output goes and how it looks; every command that prints a result
/// flattens this group. `F` is the command's set of formats.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs<F: ValueEnum + Clone + Send + Sync + 'static> {
    /// Output format.
    #[arg(long, value_enum, default_value = "terminal")]
    pub format: F,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// How input files are read (every command that reads reports).
#[derive(Debug, Clone, Args)]
pub struct SourceArgs {
    /// Input encoding (e.g. gbk, big5, utf-16le), overriding detection.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Largest accepted input file, in bytes.
    #[arg(long, value_name = "BYTES")]
    pub max_input_size: Option<u64>,
}

/// Reading options plus metadata overrides, for commands given report files
/// on the command line.
#[derive(Debug, Clone, Args)]
pub struct LoadArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Year of delivery, overriding detection.
    #[arg(long, value_name = "N")]
    pub year: Option<i32>,
    /// Jurisdiction, overriding detection.
    #[arg(long, value_name = "NAME")]
    pub jurisdiction: Option<String>,
}

/// Which report of a multi-report file to use, and the phrases to watch.
#[derive(Debug, Clone, Args)]
pub struct SelectArgs {
    /// Which report of a multi-report file to use: a number (1 = first, as
    /// listed by reportdiff split) or text found in the title or jurisdiction.
    #[arg(long, value_name = "N|TEXT")]
    pub report: Option<String>,
    #[command(flatten)]
    pub watch: WatchArgs,
}

/// The phrases to watch (declared once, flattened by every command that takes them).
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// File of phrases to watch, in simplified or traditional script (one per
    /// line; lines starting with # are comments): always followed and shown.
    #[arg(long = "watch", value_name = "FILE")]
    pub file: Option<String>,
}

/// Options of the comparison itself, shared by `diff` and `series`.
#[derive(Debug, Clone, Args)]
pub struct CompareArgs {
    /// Treat pure year shifts (2024年 → 2025年) as no change.
    #[arg(long)]
    pub ignore_years: bool,
}

/// `reportdiff split`.
#[derive(Debug, Args)]
pub struct SplitArgs {
    /// The scraped file (- reads standard input).
    pub file: String,
    /// Write each report to its own UTF-8 file in DIR.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    #[command(flatten)]
    pub out: OutputArgs<ListFormat>,
    #[command(flatten)]
    pub load: LoadArgs,
}

/// `reportdiff outline`.
#[derive(Debug, Args)]
pub struct OutlineArgs {
    /// The report file (- reads standard input).
    pub file: String,
    /// Also list paragraphs titled by a lead sentence.
    #[arg(long)]
    pub leads: bool,
    #[command(flatten)]
    pub out: OutputArgs<ListFormat>,
    #[command(flatten)]
    pub load: LoadArgs,
}

/// `reportdiff diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older report (- reads standard input).
    pub old: String,
    /// The newer report.
    pub new: String,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Which report of OLD to use (overrides --report).
    #[arg(long, value_name = "N|TEXT")]
    pub old_report: Option<String>,
    /// Which report of NEW to use (overrides --report).
    #[arg(long, value_name = "N|TEXT")]
    pub new_report: Option<String>,
    /// Sentences of context shown around each change.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub context: usize,
    /// Only the summary and the list of changed sections.
    #[arg(long)]
    pub stat: bool,
    /// Two columns (old | new), sized to the terminal.
    #[arg(long)]
    pub side_by_side: bool,
    /// Only the brief: changed key figures, new and dropped formulations, the
    /// sections that changed most.
    #[arg(long)]
    pub brief: bool,
    /// Also print the full text of rewritten sections (too dissimilar to show
    /// as edits), which are otherwise folded to a summary.
    #[arg(long)]
    pub full: bool,
    /// List every figure after the brief: the key set (unchanged ones
    /// included) and the rest (JSON always has both: figures, all_figures).
    #[arg(long)]
    pub all_figures: bool,
    #[command(flatten)]
    pub phrase: PhraseArgs,
    #[command(flatten)]
    pub compare: CompareArgs,
    #[command(flatten)]
    pub out: OutputArgs<Format>,
    #[command(flatten)]
    pub load: LoadArgs,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per rule (✓/✗), coloured when writing to a terminal.
    Terminal,
    /// Machine-readable JSON (contract: docs/json-schema.md).
    Json,
    /// GitHub Actions workflow commands (annotations); also appends a Markdown
    /// summary to $GITHUB_STEP_SUMMARY when set.
    Github,
    /// JUnit XML, one test case per rule.
    Junit,
    /// Markdown table (what the GitHub step summary shows).
    Markdown,
}

/// `reportdiff check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The rules file; relative paths in it resolve against its folder.
    #[arg(long, value_name = "FILE", default_value = "reportdiff.toml")]
    pub config: PathBuf,
    /// Write the baseline snapshot from the current reports (atomically), then check.
    #[arg(long)]
    pub update_baseline: bool,
    #[command(flatten)]
    pub out: OutputArgs<CheckFormat>,
    #[command(flatten)]
    pub source: SourceArgs,
}

/// `reportdiff init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder holding the report files (default: the current folder).
    pub dir: Option<PathBuf>,
}

/// `reportdiff series`.
#[derive(Debug, Args)]
pub struct SeriesArgs {
    /// Report files, in any order (sorted by detected year).
    #[arg(required = true)]
    pub files: Vec<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Emerging terms shown per year.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// Phrase rows shown in the terminal and Markdown (watched phrases always shown).
    #[arg(long, value_name = "N", default_value_t = 40)]
    pub limit: usize,
    /// Print the targets table instead: each key annual target per year
    /// beside the result the next year's report gives (met, missed, absent).
    #[arg(long, conflicts_with = "out_dir")]
    pub figures: bool,
    /// Also write linked HTML pages to DIR: index.html (the series page) and
    /// step-K.html, the full diff of each consecutive pair.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    #[command(flatten)]
    pub phrase: PhraseArgs,
    #[command(flatten)]
    pub compare: CompareArgs,
    #[command(flatten)]
    pub out: OutputArgs<SeriesFormat>,
    #[command(flatten)]
    pub load: LoadArgs,
}

/// `reportdiff phrases`.
#[derive(Debug, Args)]
pub struct PhrasesArgs {
    /// Report files (every report of a multi-report file unless --report).
    #[arg(required = true)]
    pub files: Vec<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Keyword-in-context sentences shown per phrase and report.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub context: usize,
    /// Phrases shown in the terminal and Markdown.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
    /// Top formulations listed per report.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    #[command(flatten)]
    pub phrase: PhraseArgs,
    #[command(flatten)]
    pub out: OutputArgs<Format>,
    #[command(flatten)]
    pub load: LoadArgs,
}

/// `reportdiff corpus`.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Files and folders (folders are read recursively; hidden entries skipped).
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Follow only this phrase: substring counts per jurisdiction and year,
    /// no series (fast).
    #[arg(long, value_name = "TEXT")]
    pub phrase: Option<String>,
    #[command(flatten)]
    pub watch: WatchArgs,
    /// Follow a formulation when at least N jurisdictions have it as a
    /// candidate (marked as a term, a lexicon entry, or discovered in their series).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_jurisdictions: usize,
    /// Group reports by the folder they are in (one folder per place) instead
    /// of the jurisdiction the report names.
    #[arg(long)]
    pub group_by_folder: bool,
    /// Emerging terms kept per report in each series.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// Phrase rows shown in the terminal.
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub limit: usize,
    #[command(flatten)]
    pub compare: CompareArgs,
    /// Lexicon and phrase order of each jurisdiction's series.
    #[command(flatten)]
    pub phrase_options: PhraseArgs,
    /// Write the static site (index, one series page per jurisdiction, one
    /// diffusion page per phrase) into DIR; with --format csv or jsonl, the
    /// two export tables instead.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Cache of prepared reports [default: $XDG_CACHE_HOME/reportdiff or ~/.cache/reportdiff].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the cache.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    #[command(flatten)]
    pub out: OutputArgs<CorpusFormat>,
    #[command(flatten)]
    pub source: SourceArgs,
}

/// Output formats of `reuse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReuseFormat {
    /// Pairs and passages for people.
    Terminal,
    /// Machine-readable JSON (docs/json-schema.md, `reuse`).
    Json,
    /// Markdown for articles.
    Markdown,
    /// One self-contained HTML page, both texts side by side.
    Html,
    /// Two JSON Lines tables (passages, pairs) written into --out-dir.
    Jsonl,
    /// Two CSV tables (passages, pairs) written into --out-dir.
    Csv,
}

/// `reportdiff reuse`.
#[derive(Debug, Args)]
pub struct ReuseArgs {
    /// Files and folders (folders are read recursively; hidden entries skipped).
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Shortest passage reported, in compared characters (letters, digits,
    /// ideographs; punctuation is not counted).
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u64).range(20..=100_000))]
    pub min_chars: u64,
    /// Text used by more jurisdictions than this is boilerplate and starts no
    /// match (central formulae).
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u64).range(2..=100_000))]
    pub max_jurisdictions: u64,
    /// Group reports by the folder they are in (one folder per place) instead
    /// of the jurisdiction the report names.
    #[arg(long)]
    pub group_by_folder: bool,
    /// Pairs and passages shown (terminal, Markdown, HTML).
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub limit: usize,
    /// With --format csv or jsonl: the folder the two tables are written into.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    #[command(flatten)]
    pub out: OutputArgs<ReuseFormat>,
    #[command(flatten)]
    pub source: SourceArgs,
}

/// Options of the commands that find phrases (`diff`, `series`, `phrases`).
#[derive(Debug, Clone, Args)]
pub struct PhraseArgs {
    /// Leave out the built-in lexicon of formulations (find phrases from the reports alone).
    #[arg(long)]
    pub no_lexicon: bool,
    /// Order of the phrase lists.
    #[arg(long, value_enum, default_value_t = PhraseSort::Score)]
    pub sort: PhraseSort,
}

/// Order of phrase lists (`--sort`); the command layer maps it to the
/// comparing stage's own order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum PhraseSort {
    /// Most important first: phrases whose use rises or falls most, dense ones and known formulations.
    #[default]
    Score,
    /// By first appearance, earliest first.
    First,
    /// By last appearance, latest first.
    Last,
    /// By total count, largest first.
    Count,
}
