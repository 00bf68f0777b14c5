//! Every read is bounded before it starts: a huge (sparse) file, a symlink
//! to /dev/zero and a FIFO in a `corpus` folder are problems, found without
//! reading them whole and without waiting for a writer.

use crate::common;

use common::{bin, sample};
use std::time::Duration;

#[test]
fn corpus_refuses_huge_files_devices_and_fifos_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir(&c).unwrap();
    std::fs::copy(sample("guangzhou-2021.txt"), c.join("guangzhou-2021.txt")).unwrap();
    // 1 TiB, sparse: no disk used; read whole it would exhaust memory.
    std::fs::File::create(c.join("big.txt"))
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    std::os::unix::fs::symlink("/dev/zero", c.join("zero.txt")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(c.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    // The timeout only stops a hang (today's failure mode for the FIFO); it
    // measures nothing.
    let out = bin()
        .current_dir(dir.path())
        .args([
            "corpus",
            "c",
            "--no-cache",
            "--format",
            "json",
            "--max-input-size",
            "1000000",
        ])
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems: Vec<(String, String)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let message = |name: &str| {
        problems
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("no problem for {name}: {problems:?}"))
    };
    assert!(message("big.txt").contains("larger than the limit of 1000000 bytes"));
    assert!(message("zero.txt").contains("not a regular file"));
    assert!(message("pipe.txt").contains("FIFO"));
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!(v["jurisdictions"].as_array().unwrap().len(), 1);
}

#[test]
fn a_named_device_is_read_within_the_limit() {
    let out = bin()
        .args(["outline", "/dev/zero", "--max-input-size", "1000"])
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("larger than the limit of 1000 bytes"), "{err}");
}

/// A file or folder whose name is not UTF-8 is a problem that says so; it was
/// listed with a false "no such file" (its lossy name), and a folder's reports
/// were lost the same way.
#[cfg(unix)]
#[test]
fn corpus_names_non_utf8_names_as_such() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir_all(c.join(std::ffi::OsStr::from_bytes(b"d\xff"))).unwrap();
    std::fs::copy(
        sample("guangzhou-2021.txt"),
        c.join(std::ffi::OsStr::from_bytes(b"g\xff.txt")),
    )
    .unwrap();
    std::fs::copy(sample("guangzhou-2025.txt"), c.join("guangzhou-2025.txt")).unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["corpus", "c", "--no-cache", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().all(|m| m.contains("not valid UTF-8")), "{messages:?}");
}

/// CSV cells a spreadsheet would run as a formula (a folder named
/// `=HYPERLINK(…)` becomes the jurisdiction of its reports) start with `'`.
#[test]
fn corpus_csv_cells_are_neutralised_against_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let place = dir.path().join("c/=HYPERLINK(\"http:x\")");
    std::fs::create_dir_all(&place).unwrap();
    for s in ["guangzhou-2021.txt", "guangzhou-2025.txt"] {
        std::fs::copy(sample(s), place.join(s)).unwrap();
    }
    let out = bin()
        .current_dir(dir.path())
        .args([
            "corpus",
            "c",
            "--no-cache",
            "--group-by-folder",
            "--format",
            "csv",
            "--out-dir",
            "t",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let reports = std::fs::read_to_string(dir.path().join("t/reports.csv")).unwrap();
    let rows: Vec<&str> = reports.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{reports}");
    for row in rows {
        assert!(row.starts_with("\"'=HYPERLINK("), "{row}");
    }
}
