//! The `reportdiff` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

/// `--help`, `--version` or a usage error. Help and version go to standard
/// output and exit 0 only when they were written: a full or closed standard
/// output (`--help > /dev/full`) is one line on stderr and exit 2; a reader
/// gone early (`--help | head -1`) is a normal end. Usage errors exit 2.
fn parse_failure(e: &clap::Error) -> ExitCode {
    let printed = e.print().and_then(|()| std::io::stdout().flush());
    if e.use_stderr() {
        return ExitCode::from(2);
    }
    match printed {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("reportdiff: <stdout>: cannot write output: {err}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// glibc gives every thread that allocates at the same time as another its
/// own arena and keeps the memory freed there for that thread: with the
/// pipeline's side-by-side stages a 5 MB pair peaked at 160 MiB for 95 MiB
/// of live data. Two arenas serve the two threads the work mostly runs on.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: `mallopt` only sets an allocator parameter; called before any
    // thread is started.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

/// The global thread pool, with this thread as one of its workers: the work
/// starts here at once instead of waiting for a spawned thread to be
/// scheduled (on a busy 2-core machine that took up to 2.5 ms), and a pair
/// runs on two threads instead of three with one of them waiting. Built
/// before the arguments are parsed, so the other workers start meanwhile.
/// `RAYON_NUM_THREADS` still sets the number of threads, this one included.
fn start_thread_pool() {
    // Fails only when a pool exists already; the work then runs on that one.
    let _ = rayon::ThreadPoolBuilder::new().use_current_thread().build_global();
}

fn main() -> ExitCode {
    limit_malloc_arenas();
    start_thread_pool();
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
    let cli = match reportdiff::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return parse_failure(&e),
    };
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
