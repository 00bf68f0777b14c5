//! `reportdiff completions` and `reportdiff man`: text generated from the
//! command-line definitions, printed or written into a folder that is created
//! when missing (a fresh home folder has no completions or man folder yet).

use super::Status;
use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::output;
use clap_complete::Generator;
use std::path::Path;

/// Prints the completion script for `shell`, or writes it into `out_dir`
/// under the file name the shell looks for.
pub fn completions(shell: clap_complete::Shell, out_dir: Option<&Path>) -> Result<Status> {
    let mut buf: Vec<u8> = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "reportdiff",
        &mut buf,
    );
    match out_dir {
        None => output::to_stdout(&buf)?,
        Some(dir) => {
            create_dir(dir)?;
            let path = dir.join(shell.file_name("reportdiff"));
            output::write_atomically(&path, &buf)?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(0)
}

/// Prints the top man page, or writes it and one page per subcommand
/// (`reportdiff-diff.1`, …, the names the top page refers to) into `out_dir`.
pub fn man(out_dir: Option<&Path>) -> Result<Status> {
    let mut cmd = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = out_dir else {
        output::to_stdout(&render(&cmd)?)?;
        return Ok(0);
    };
    let pages = man_pages(&cmd)?;
    create_dir(dir)?;
    for (name, roff) in &pages {
        output::write_atomically(&dir.join(name), roff)?;
    }
    eprintln!("wrote {} man pages to {}", pages.len(), dir.display());
    Ok(0)
}

/// Every page: the top command's first, then each visible subcommand's, as
/// (file name, roff). Rendered before anything is written, so a failure leaves
/// no partial set.
fn man_pages(cmd: &clap::Command) -> Result<Vec<(String, Vec<u8>)>> {
    let mut pages = vec![(clap_mangen::Man::new(cmd.clone()).get_filename(), render(cmd)?)];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let page = clap_mangen::Man::new(sub.clone());
        pages.push((page.get_filename(), render(sub)?));
    }
    Ok(pages)
}

fn render(cmd: &clap::Command) -> Result<Vec<u8>> {
    let mut buf: Vec<u8> = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .map_err(|e| Error::Usage(format!("cannot render the man page: {e}")))?;
    Ok(buf)
}

fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Output {
        path: dir.display().to_string(),
        problem: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_man_page_per_subcommand_and_the_top_page_names_them() {
        let mut cmd = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
        cmd.build();
        let pages = man_pages(&cmd).unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "reportdiff.1");
        for sub in [
            "diff", "series", "phrases", "outline", "split", "check", "corpus", "init", "man",
        ] {
            let name = format!("reportdiff-{sub}.1");
            assert!(names.contains(&name.as_str()), "{name} missing from {names:?}");
        }
        let top = String::from_utf8_lossy(&pages[0].1);
        for name in &names[1..] {
            // roff writes a hyphen as `\-`.
            let stem = name.trim_end_matches(".1").replace('-', "\\-");
            assert!(top.contains(&format!("{stem}(1)")), "top page does not name {stem}(1)");
        }
        let diff = pages.iter().find(|(n, _)| n == "reportdiff-diff.1").unwrap();
        assert!(String::from_utf8_lossy(&diff.1).contains("side\\-by\\-side"));
    }
}
