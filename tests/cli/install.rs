//! The README's install commands work on a fresh home folder: every command
//! of its `## Install` block except `cargo install` is run by `sh` with HOME
//! set to an empty folder and `reportdiff` on PATH (the built binary), and
//! must succeed and leave the files it names.

use crate::common;

use std::path::Path;

/// The lines of the first ```sh block after `## Install`, comments removed.
fn install_commands(readme: &str) -> Vec<String> {
    let section = readme
        .split("\n## Install")
        .nth(1)
        .expect("README has an ## Install section");
    let block = section.split("```sh\n").nth(1).expect("an sh block under ## Install");
    let block = block.split("```").next().unwrap_or_default();
    block
        .lines()
        .map(|l| l.split(" #").next().unwrap_or_default().trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn readme_install_commands_run_on_an_empty_home() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let commands = install_commands(&readme);
    let run: Vec<&String> = commands.iter().filter(|c| !c.starts_with("cargo install")).collect();
    assert!(
        run.len() >= 2,
        "expected completions and man commands, got {commands:?}"
    );
    let home = std::env::temp_dir().join(format!("reportdiff-install-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("reportdiff");
    let bin_dir = bin.parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    for c in &run {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(c.as_str())
            .current_dir(&home)
            .env("HOME", &home)
            .env("PATH", &path)
            .env_remove("XDG_DATA_HOME")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "`{c}` failed on an empty HOME: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let exists = |rel: &str| home.join(rel).is_file();
    assert!(exists(".local/share/bash-completion/completions/reportdiff.bash"));
    let man = home.join(".local/share/man/man1");
    for page in [
        "reportdiff.1",
        "reportdiff-diff.1",
        "reportdiff-series.1",
        "reportdiff-corpus.1",
    ] {
        assert!(Path::new(&man.join(page)).is_file(), "{page} not written");
    }
    std::fs::remove_dir_all(&home).unwrap();
}
