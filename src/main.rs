//! The `reportdiff` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("reportdiff: internal error: {info}");
        eprintln!("reportdiff: this is a bug; please report it with the input that caused it");
    }));
    let cli = reportdiff::cli::Cli::parse();
    match std::panic::catch_unwind(|| reportdiff::command::run(cli)) {
        Ok(Ok(status)) => ExitCode::from(status),
        // The reader went away (`| head`): nothing more to say.
        Ok(Err(reportdiff::error::Error::BrokenPipe)) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("reportdiff: {e}");
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}
