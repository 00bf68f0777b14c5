//! The `reportdiff` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let info = info.to_string();
        eprintln!(
            "reportdiff: internal error: {}",
            reportdiff::text::escape_for_display(&info)
        );
        eprintln!("reportdiff: this is a bug; please report it with the input that caused it");
    }));
    // Without the handler an interrupt still stops the program, only without
    // removing its temporary files: not a reason to refuse to run.
    let _ = reportdiff::interrupt::install();
    let cli = reportdiff::cli::Cli::parse();
    match std::panic::catch_unwind(|| reportdiff::command::run(cli)) {
        Ok(Ok(status)) => ExitCode::from(status),
        Ok(Err(e)) => {
            // One line, whatever the file names in it hold (a newline could
            // otherwise inject a GitHub workflow command into a CI log).
            eprintln!("reportdiff: {}", reportdiff::text::escape_for_display(&e.to_string()));
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}
