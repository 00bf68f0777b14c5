//! Hardening: a gate that a closed pipe cannot fool, outputs that never harm an
//! input, and clear one-line errors. Each test reproduces a defect of issue 16.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("reportdiff")
}

/// Runs expecting exit 2 and one stderr line; returns that line.
fn fails(args: &[&str]) -> String {
    let out = bin().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "args {args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "one line expected: {err:?}");
    err
}

fn copy_sample(dir: &Path, name: &str) -> String {
    let p = dir.join(name);
    std::fs::copy(sample(name), &p).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn closed_stdout_keeps_the_difference_status() {
    let mut child = StdCommand::new(binary())
        .args(["diff", &sample("guangzhou-2021.txt"), &sample("guangzhou-2025.txt")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the first byte (`| head -0`).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
}

#[test]
fn output_that_is_an_input_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let old = copy_sample(d.path(), "guangzhou-2021.txt");
    let new = copy_sample(d.path(), "guangzhou-2025.txt");
    let before = std::fs::read(&new).unwrap();
    // The same file under another spelling, and through a hard link.
    let respelled = d.path().join(".").join("guangzhou-2025.txt");
    let hard = d.path().join("hard.txt");
    std::fs::hard_link(&new, &hard).unwrap();
    for out in [
        new.clone(),
        respelled.to_str().unwrap().into(),
        hard.to_str().unwrap().into(),
    ] {
        let err = fails(&["diff", &old, &new, "-o", &out]);
        assert!(err.contains("refusing to overwrite an input"), "{err}");
        fails(&["series", &old, &new, "-o", &out]);
        fails(&["phrases", &old, &new, "-o", &out]);
        fails(&["outline", &new, "-o", &out]);
        fails(&["split", &new, "-o", &out]);
    }
    assert_eq!(std::fs::read(&new).unwrap(), before);
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn output_keeps_mode_and_honours_umask() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let existing = d.path().join("private.txt");
    std::fs::write(&existing, "old").unwrap();
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o600)).unwrap();
    run_ok(
        &[
            "outline",
            &sample("guangzhou-2025.txt"),
            "-o",
            existing.to_str().unwrap(),
        ],
        0,
    );
    assert_eq!(mode(&existing), 0o600);
    assert!(std::fs::read_to_string(&existing).unwrap().contains("广州"));

    let fresh = d.path().join("fresh.txt");
    let status = StdCommand::new("sh")
        .arg("-c")
        .arg("umask 027; exec \"$0\" outline \"$1\" -o \"$2\"")
        .arg(binary())
        .arg(sample("guangzhou-2025.txt"))
        .arg(&fresh)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&fresh), 0o640);
}

#[cfg(unix)]
#[test]
fn output_writes_through_a_symlink() {
    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("real.txt");
    std::fs::write(&target, "old").unwrap();
    let link = d.path().join("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    run_ok(
        &["outline", &sample("guangzhou-2025.txt"), "-o", link.to_str().unwrap()],
        0,
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("广州"));
}

#[test]
fn output_leaves_no_temporary_files_and_names_the_users_path() {
    let d = tempfile::tempdir().unwrap();
    let missing = d.path().join("no-such-folder").join("out.txt");
    let err = fails(&[
        "outline",
        &sample("guangzhou-2025.txt"),
        "-o",
        missing.to_str().unwrap(),
    ]);
    let err = err.replace(d.path().to_str().unwrap(), "<dir>");
    assert!(err.contains("<dir>/no-such-folder/out.txt"), "{err}");
    assert!(!err.contains("tmp"), "temporary name in {err}");
    assert!(err.contains("does not exist"), "{err}");
    // Writing over a folder fails before anything is renamed; no temp file stays.
    let folder = d.path().join("taken");
    std::fs::create_dir(&folder).unwrap();
    fails(&["outline", &sample("guangzhou-2025.txt"), "-o", folder.to_str().unwrap()]);
    let names: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn failing_split_removes_the_pieces_it_wrote() {
    let d = tempfile::tempdir().unwrap();
    let out_dir = d.path().join("pieces");
    run_ok(&["split", &seed("003"), "--out-dir", out_dir.to_str().unwrap()], 0);
    let mut names: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 3);
    // Occupy the last piece's name with a folder: its rename fails.
    let blocked = d.path().join("blocked");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::create_dir(blocked.join(names.last().unwrap())).unwrap();
    fails(&["split", &seed("003"), "--out-dir", blocked.to_str().unwrap()]);
    let left: Vec<_> = std::fs::read_dir(&blocked)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![names.last().unwrap().clone()], "pieces left behind");
}

#[test]
fn out_dir_that_is_a_file_is_named_clearly() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("plain.txt");
    std::fs::write(&file, "x").unwrap();
    let err = fails(&["split", &seed("003"), "--out-dir", file.to_str().unwrap()]);
    assert!(err.contains("plain.txt: cannot write output: is not a folder"), "{err}");
}

#[test]
fn side_by_side_width_is_clamped() {
    let run = |columns: &str| {
        let out = bin()
            .args([
                "diff",
                &sample("guangzhou-2021.txt"),
                &sample("guangzhou-2025.txt"),
                "--side-by-side",
            ])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    assert!(run("100000000") == run("1000"), "COLUMNS above 1000 is not clamped");
}

#[test]
fn error_lines_escape_control_and_bidi_characters() {
    let d = tempfile::tempdir().unwrap();
    let name = "a\n::error::owned\u{1b}[31m\u{202E}txt.exe";
    let p = d.path().join(name);
    std::fs::write(&p, "").unwrap();
    let err = fails(&["outline", p.to_str().unwrap()]);
    assert!(err.contains("a\\n::error::owned\\u{1b}[31m\\u{202e}txt.exe"), "{err}");
}
