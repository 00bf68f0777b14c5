//! `reportdiff check` and `reportdiff init` as a CI job runs them.

use crate::common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A folder with copies of sample reports (and whatever a test adds).
fn workspace(samples: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for s in samples {
        std::fs::copy(sample(s), dir.path().join(s)).unwrap();
    }
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Runs `check --config CONFIG EXTRA…`; returns (exit code, stdout, stderr).
fn check(config: &Path, extra: &[&str]) -> (i32, String, String) {
    // From the project root, as CI runs it: relative paths stay relative.
    let out = bin()
        .current_dir(root())
        .args(["check", "--config", &path_str(config), "--color", "never"])
        .args(extra)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The 1-based number of the first line of `file` containing `needle`.
fn first_line_with(file: &str, needle: &str) -> usize {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in {file}"))
        + 1
}

fn check_json(config: &Path, code: i32) -> Value {
    let (c, out, err) = check(config, &["--format", "json"]);
    assert_eq!(c, code, "stdout: {out}\nstderr: {err}");
    serde_json::from_str(&out).unwrap()
}

fn results(v: &Value) -> &Vec<Value> {
    v["results"].as_array().unwrap()
}

fn result<'a>(v: &'a Value, name: &str) -> &'a Value {
    results(v)
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no result {name}"))
}

const GUANGZHOU: [&str; 2] = ["guangzhou-2021.txt", "guangzhou-2025.txt"];

const RULES: &str = r#"reports = ["guangzhou-*.txt"]

[phrases]
require = ["百千万工程", "12218", "粤港澳大湾区"]
track = ["六稳"]

[sections]
require = ["政府自身建设"]
min_count = 10
"#;

#[test]
fn samples_rules_pass() {
    let config = Path::new("samples/reportdiff.toml");
    let (code, out, err) = check(config, &[]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("✓ phrases.require 百千万工程"), "{out}");
    assert!(!out.contains('✗'), "{out}");
    let v = check_json(config, 0);
    assert_eq!(v["schema_version"], 1);
    let years: Vec<i64> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["year"].as_i64().unwrap())
        .collect();
    assert_eq!(
        years,
        vec![2021, 2025],
        "the glob leaves out the 2023 summary; ordered by year"
    );
    assert!(results(&v).iter().all(|r| r["passed"] == true));
    // Passing phrase rules point at the line of the first occurrence.
    let r = result(&v, "phrases.require 12218");
    assert_eq!(r["file"], "samples/guangzhou-2025.txt");
    let expected = first_line_with(&sample("guangzhou-2025.txt"), "12218");
    assert_eq!(r["line"].as_u64(), Some(expected as u64));
}

#[test]
fn required_phrase_removed_from_the_newest_report_fails() {
    let dir = workspace(&GUANGZHOU);
    let newest = dir.path().join("guangzhou-2025.txt");
    let text = std::fs::read_to_string(&newest).unwrap().replace("粤港澳大湾区", "");
    write(&newest, &text);
    let config = dir.path().join("reportdiff.toml");
    write(&config, RULES);
    let (code, out, err) = check(&config, &[]);
    assert_eq!(code, 1, "{out}\n{err}");
    let line = out.lines().find(|l| l.starts_with("✗")).expect("a failed rule");
    assert!(line.contains("粤港澳大湾区"), "{line}");
    assert!(line.contains("guangzhou-2025.txt"), "{line}");
    assert!(line.contains("2025"), "{line}");
    assert_eq!(out.lines().filter(|l| l.starts_with("✗")).count(), 1, "{out}");
    // The details say where the phrase was last seen.
    assert!(out.contains("last found in 2021 广州市"), "{out}");
    assert!(out.contains("6 rules: 5 passed, 1 failed"), "{out}");

    let v = check_json(&config, 1);
    let r = result(&v, "phrases.require 粤港澳大湾区");
    assert_eq!(r["passed"], false);
    assert!(r["file"].as_str().unwrap().ends_with("guangzhou-2025.txt"));
    assert_eq!(v["summary"]["failed"], 1);
    assert_eq!(result(&v, "phrases.require 12218")["passed"], true);
}

#[test]
fn malformed_rules_file_is_an_error_with_its_line() {
    let dir = workspace(&GUANGZHOU);
    let config = dir.path().join("reportdiff.toml");
    write(
        &config,
        "reports = [\"guangzhou-*.txt\"]\n\n[phrases]\nrequire = [\"百千万工程\"]\nrequre = [\"12218\"]\n",
    );
    let (code, out, err) = check(&config, &[]);
    assert_eq!(code, 2, "{out}\n{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("reportdiff.toml:5:"), "{err}");
    assert!(err.contains("requre"), "{err}");

    // In a workflow the error is an annotation on that line of the rules file.
    let (code, out, _) = check(&config, &["--format", "github"]);
    assert_eq!(code, 2);
    let cmd = parse_command(out.lines().next().unwrap()).expect("a workflow command");
    assert_eq!(cmd.name, "error");
    assert_eq!(
        cmd.props.get("file").map(String::as_str),
        Some(path_str(&config).as_str())
    );
    assert_eq!(cmd.props.get("line").map(String::as_str), Some("5"));

    for (rules, line) in [
        (
            "reports = [\"guangzhou-*.txt\"]\n[changes]\nmax_changed_share = 1.5\n",
            ":3:",
        ),
        ("reports = [\"nothing-*.txt\"]\n", ":1:"),
        ("reports = [\"guangzhou-*.txt\"\n", ":2:"),
        ("\nreports = [{ path = \"guangzhou-2025.txt\", reprt = 1 }]\n", ":2:"),
    ] {
        write(&config, rules);
        let (code, _, err) = check(&config, &[]);
        assert_eq!(code, 2, "{rules}: {err}");
        assert!(err.contains(&format!("reportdiff.toml{line}")), "{rules}: {err}");
    }
}

#[test]
fn missing_rules_file_and_unreadable_report_are_errors() {
    let dir = workspace(&[]);
    let (code, _, err) = check(&dir.path().join("reportdiff.toml"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("reportdiff init"), "{err}");
    write(&dir.path().join("2025.txt"), "\u{0}\u{1}binary\u{0}");
    let config = dir.path().join("reportdiff.toml");
    write(&config, "reports = [\"2025.txt\"]\n");
    let (code, _, err) = check(&config, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("2025.txt"), "{err}");
}

#[test]
fn baseline_round_trip() {
    let dir = workspace(&GUANGZHOU);
    let config = dir.path().join("reportdiff.toml");
    write(
        &config,
        &format!("{RULES}\n[changes]\nmax_changed_share = 1.0\n\n[baseline]\npath = \"baseline.json\"\n"),
    );
    let baseline = dir.path().join("baseline.json");

    let (code, out, _) = check(&config, &[]);
    assert_eq!(code, 1, "no baseline yet: {out}");
    assert!(out.contains("--update-baseline"), "{out}");

    let (code, out, err) = check(&config, &["--update-baseline"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let snapshot: Value = serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(snapshot["schema_version"], 2);
    assert_eq!(snapshot["new"]["year"], 2025);
    assert!(snapshot["old"].get("path").is_none() && snapshot["new"].get("path").is_none());
    assert!(!snapshot["sections"].as_array().unwrap().is_empty());
    // The snapshot does not depend on where the reports are.
    assert!(!std::fs::read_to_string(&baseline)
        .unwrap()
        .contains(&*dir.path().to_string_lossy()));

    let (code, out, _) = check(&config, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("✓ baseline"), "{out}");

    // Change one word of the newest report.
    let newest = dir.path().join("guangzhou-2025.txt");
    let text = std::fs::read_to_string(&newest).unwrap();
    write(
        &newest,
        &text.replacen("“12218”现代化产业体系", "“12218”数字化产业体系", 1),
    );
    let before = std::fs::read(&baseline).unwrap();
    let (code, out, _) = check(&config, &[]);
    assert_eq!(code, 1, "{out}");
    let failed: Vec<&str> = out.lines().filter(|l| l.starts_with("✗")).collect();
    assert_eq!(failed.len(), 1, "{out}");
    assert!(failed[0].starts_with("✗ baseline"), "{out}");
    assert!(failed[0].contains("guangzhou-2025.txt"), "{out}");
    assert!(failed[0].contains("line 37"), "the changed line: {out}");
    assert!(out.contains("[数字]化产业体系"), "{out}");
    assert!(out.contains("[现代]化产业体系"), "{out}");
    assert_eq!(
        std::fs::read(&baseline).unwrap(),
        before,
        "a failed check leaves the baseline alone"
    );

    // Accepting the change makes the check pass again.
    assert_eq!(check(&config, &["--update-baseline"]).0, 0);
    assert_eq!(check(&config, &[]).0, 0);
}

/// A workflow command as the Actions runner reads it.
struct WorkflowCommand {
    name: String,
    props: std::collections::BTreeMap<String, String>,
    data: String,
}

fn unescape(s: &str, property: bool) -> String {
    let mut out = s.replace("%0D", "\r").replace("%0A", "\n");
    if property {
        out = out.replace("%3A", ":").replace("%2C", ",");
    }
    out.replace("%25", "%")
}

/// `::name key=value,key=value::data` (the runner trims leading space first).
fn parse_command(line: &str) -> Option<WorkflowCommand> {
    let rest = line.trim_start().strip_prefix("::")?;
    let (head, data) = rest.split_once("::")?;
    let (name, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_string(), unescape(v, true))
        })
        .collect();
    Some(WorkflowCommand {
        name: name.to_string(),
        props,
        data: unescape(data, false),
    })
}

#[test]
fn github_annotations_follow_the_workflow_command_syntax() {
    let dir = workspace(&["guangzhou-2021.txt"]);
    // A file name with the characters properties must escape.
    let newest_name = "gz,2025:new%.txt";
    std::fs::copy(sample("guangzhou-2025.txt"), dir.path().join(newest_name)).unwrap();
    let config = dir.path().join("reportdiff.toml");
    let mut missing: Vec<String> = (1..=12).map(|i| format!("缺失{i}")).collect();
    missing[0] = "100%:全覆盖,好".into();
    let require: Vec<String> = missing.iter().map(|p| format!("\"{p}\"")).collect();
    write(
        &config,
        &format!(
            "reports = [\"guangzhou-2021.txt\", \"gz*.txt\"]\n[phrases]\nrequire = [\"12218\", {}]\nforbid = [\"新质生产力\"]\ntrack = [\"六稳\"]\n",
            require.join(", ")
        ),
    );
    let summary = dir.path().join("summary.md");
    let out = bin()
        .args(["check", "--config", &path_str(&config), "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let v = check_json(&config, 1);
    assert_eq!(v["summary"]["failed"], 13);

    let commands: Vec<WorkflowCommand> = text.lines().filter_map(parse_command).collect();
    let errors: Vec<&WorkflowCommand> = commands.iter().filter(|c| c.name == "error").collect();
    // GitHub shows 10 error annotations per step: 9 rules, then how many more.
    assert_eq!(errors.len(), 10, "{text}");
    assert!(errors[9].data.contains("4 more"), "{}", errors[9].data);
    // Every annotated rule round-trips through the escaping exactly.
    for cmd in &errors[..9] {
        let title = cmd.props.get("title").expect("title");
        let r = results(&v)
            .iter()
            .find(|r| format!("reportdiff {}", r["name"].as_str().unwrap()) == *title)
            .unwrap_or_else(|| panic!("no result for {title}"));
        let mut message = r["message"].as_str().unwrap().to_string();
        for d in r["details"].as_array().unwrap() {
            message.push('\n');
            message.push_str(d.as_str().unwrap());
        }
        assert_eq!(cmd.data, message);
        assert_eq!(cmd.props.get("file").map(String::as_str), r["file"].as_str());
        assert_eq!(
            cmd.props.get("line").and_then(|l| l.parse::<u64>().ok()),
            r["line"].as_u64()
        );
    }
    let special = errors
        .iter()
        .find(|c| c.data.contains("100%:全覆盖,好"))
        .expect("escaped phrase");
    assert!(special.props["file"].ends_with(newest_name), "{:?}", special.props);
    // The raw line escapes `%`, `:` and `,` in properties and `%`, newlines in data.
    let raw = text
        .lines()
        .find(|l| l.contains("100%25:全覆盖,好"))
        .expect("raw annotation");
    assert!(raw.contains("gz%2C2025%3Anew%25.txt"), "{raw}");
    assert!(raw.contains("%0A"), "details on their own lines: {raw}");
    // A tracked phrase that changed status is a notice, not an error.
    let notices: Vec<&WorkflowCommand> = commands.iter().filter(|c| c.name == "notice").collect();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].data.contains("六稳") && notices[0].data.contains("dropped"));
    // Log lines are never commands, whatever the reports contain.
    assert_eq!(
        text.lines().filter(|l| l.trim_start().starts_with("::")).count(),
        commands.len()
    );
    // The step summary: a Markdown table with one row per rule.
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("### reportdiff check: ✗ 13 of 15 rules failed"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| ✗ |")).count(), 13, "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), 15 + 1, "{md}");

    // A rule that found something points at its line.
    write(
        &config,
        "reports = [\"guangzhou-2021.txt\", \"gz*.txt\"]\n[phrases]\nforbid = [\"新质生产力\"]\n",
    );
    let (code, text, _) = check(&config, &["--format", "github"]);
    assert_eq!(code, 1);
    let forbid: Vec<WorkflowCommand> = text.lines().filter_map(parse_command).collect();
    assert_eq!(forbid.len(), 1, "{text}");
    let expected = first_line_with(&sample("guangzhou-2025.txt"), "新质生产力");
    assert_eq!(forbid[0].props["line"], expected.to_string());
    assert!(forbid[0].props["file"].ends_with(newest_name));
}

#[test]
fn junit_output_is_xml_with_one_testcase_per_rule() {
    use quick_xml::events::Event;
    let dir = workspace(&GUANGZHOU);
    let config = dir.path().join("reportdiff.toml");
    write(&config, &RULES.replace("\"12218\"", "\"12218\", \"<&\\\"'>\""));
    let (code, xml, _) = check(&config, &["--format", "junit"]);
    assert_eq!(code, 1);
    let v = check_json(&config, 1);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut testcases, mut failures, mut names) = (0, 0, Vec::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"testcase" => {
                    testcases += 1;
                    let name = e.try_get_attribute("name").unwrap().expect("name");
                    names.push(name.unescape_value().unwrap().into_owned());
                }
                b"failure" => failures += 1,
                _ => {}
            },
            Event::Text(t) => {
                t.unescape().expect("valid text");
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(testcases, results(&v).len());
    assert_eq!(failures, 1);
    assert!(names.contains(&"phrases.require <&\"'>".to_string()), "{names:?}");
}

#[test]
fn forbidden_phrase_points_at_its_line_in_a_full_width_report() {
    let dir = workspace(&["national-2012.txt", "national-2013.txt"]);
    let config = dir.path().join("reportdiff.toml");
    write(
        &config,
        "reports = [\"national-*.txt\"]\n[phrases]\nforbid = [\"稳中求进\"]\n",
    );
    let v = check_json(&config, 1);
    let r = result(&v, "phrases.forbid 稳中求进");
    let expected = first_line_with(&sample("national-2013.txt"), "稳中求进");
    assert_eq!(r["line"].as_u64(), Some(expected as u64));
    assert!(r["message"].as_str().unwrap().contains("2013 国务院"), "{r}");
}

#[test]
fn a_broken_scrape_fails_the_minimum_outline_size() {
    let dir = workspace(&GUANGZHOU);
    let newest = dir.path().join("guangzhou-2025.txt");
    let text = std::fs::read_to_string(&newest).unwrap();
    let cut: String = text.chars().take(3000).collect();
    write(&newest, &cut);
    let config = dir.path().join("reportdiff.toml");
    write(&config, RULES);
    let v = check_json(&config, 1);
    let r = result(&v, "sections.min_count");
    assert_eq!(r["passed"], false, "{r}");
    assert!(r["details"].to_string().contains("reportdiff outline"), "{r}");
}

#[test]
fn multi_report_file_needs_a_selector() {
    let dir = workspace(&["guangzhou-2025.txt"]);
    let config = dir.path().join("reportdiff.toml");
    let scrape = seed("003");
    write(&config, &format!("reports = [{:?}, \"guangzhou-2025.txt\"]\n", scrape));
    let (code, _, err) = check(&config, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("reports") && err.contains("report = 2"), "{err}");
    write(
        &config,
        &format!(
            "reports = [{{ path = {:?}, report = \"广州市\" }}, \"guangzhou-2025.txt\"]\n[phrases]\ntrack = [\"百千万工程\"]\n",
            scrape
        ),
    );
    let v = check_json(&config, 0);
    let r = result(&v, "phrases.track 百千万工程");
    assert!(r["message"].as_str().unwrap().contains("new"), "{r}");
}

#[test]
fn init_writes_a_starter_that_check_accepts() {
    let dir = workspace(&[
        "guangzhou-2021.txt",
        "guangzhou-2025.txt",
        "guangzhou-2023-summary.txt",
        "tianhe-2021.txt",
    ]);
    let out = bin().args(["init", &path_str(dir.path())]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let config: PathBuf = dir.path().join("reportdiff.toml");
    let rules = std::fs::read_to_string(&config).unwrap();
    assert!(
        rules.contains("reports = [\"guangzhou-2021.txt\", \"guangzhou-2025.txt\"]"),
        "{rules}"
    );
    assert!(
        rules.contains("#   tianhe-2021.txt"),
        "others listed in comments: {rules}"
    );
    assert!(
        rules.lines().filter(|l| l.starts_with('#')).count() >= 10,
        "commented: {rules}"
    );
    let (code, out, err) = check(&config, &[]);
    assert_eq!(code, 0, "{rules}\n{out}\n{err}");
    assert!(out.contains("phrases.require"), "{out}");

    // Never overwrites.
    let again = bin().args(["init", &path_str(dir.path())]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), rules);

    // An empty folder has nothing to check.
    let empty = tempfile::tempdir().unwrap();
    let out = bin().args(["init", &path_str(empty.path())]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!empty.path().join("reportdiff.toml").exists());
}

#[test]
fn shares_of_changed_words_catch_a_report_saved_twice() {
    let dir = workspace(&GUANGZHOU);
    std::fs::copy(sample("guangzhou-2025.txt"), dir.path().join("copy.txt")).unwrap();
    let config = dir.path().join("reportdiff.toml");
    let rules = "[changes]\nmin_changed_share = 0.2\nmax_changed_share = 0.99\nmax_section_changed_share = 0.5\n";
    // Last year's report saved again under this year's name: nothing changed.
    write(
        &config,
        &format!("reports = [\"guangzhou-2025.txt\", {{ path = \"copy.txt\", year = 2026 }}]\n{rules}"),
    );
    let v = check_json(&config, 1);
    let min = result(&v, "changes.min_changed_share");
    assert_eq!(min["passed"], false, "{min}");
    assert!(
        min["message"]
            .as_str()
            .unwrap()
            .starts_with("0.0% of the words changed"),
        "{min}"
    );
    assert_eq!(result(&v, "changes.max_changed_share")["passed"], true);
    assert_eq!(result(&v, "changes.max_section_changed_share")["passed"], true);
    // Two real years: most words change, and so do whole sections.
    write(&config, &format!("reports = [\"guangzhou-*.txt\"]\n{rules}"));
    let v = check_json(&config, 1);
    assert_eq!(result(&v, "changes.min_changed_share")["passed"], true);
    assert_eq!(result(&v, "changes.max_changed_share")["passed"], true);
    let sections = result(&v, "changes.max_section_changed_share");
    assert_eq!(sections["passed"], false);
    assert!(
        sections["line"].as_u64().is_some(),
        "points at the most changed section: {sections}"
    );
    assert!(!sections["details"].as_array().unwrap().is_empty());
}
