//! `twin-conformance`: runs a conformance suite on one engine and prints the per-area table
//! and a diff for every failure.
//!
//! ```text
//! twin-conformance [--engine "CMD ARGS"] [--suite DIR] [--timeout SECS] [--jobs N] [FILTER...]
//! ```
//!
//! The engine defaults to `$TWIN_CONFORMANCE_ENGINE`, else `luajit -joff`; the suite to the
//! project's `conformance/core`. A FILTER keeps the programs whose `area/name` contains it.
//! Exits 0 when every selected program passes, 1 when one fails, 2 on a usage error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use twin_conformance::{Engine, core_suite_dir, discover, run_suite};

fn main() -> ExitCode {
    match real_main() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(msg) => {
            eprintln!("twin-conformance: {msg}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> Result<bool, String> {
    let mut engine = std::env::var("TWIN_CONFORMANCE_ENGINE").unwrap_or_else(|_| "luajit -joff".to_owned());
    let mut suite = core_suite_dir();
    let mut timeout = 20.0;
    let mut jobs = 2;
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--engine" => engine = value("--engine")?,
            "--suite" => suite = PathBuf::from(value("--suite")?),
            "--timeout" => timeout = value("--timeout")?.parse().map_err(|e| format!("--timeout: {e}"))?,
            "--jobs" => jobs = value("--jobs")?.parse().map_err(|e| format!("--jobs: {e}"))?,
            "-h" | "--help" => {
                println!(
                    "usage: twin-conformance [--engine CMD] [--suite DIR] [--timeout SECS] [--jobs N] [FILTER...]"
                );
                return Ok(true);
            }
            f if f.starts_with("--") => return Err(format!("unknown option {f}")),
            f => filters.push(f.to_owned()),
        }
    }
    let engine = Engine::from_command_line(&engine).ok_or("the engine command is empty")?;
    let mut programs = discover(&suite).map_err(|e| format!("{}: {e}", suite.display()))?;
    if !filters.is_empty() {
        programs.retain(|p| filters.iter().any(|f| p.id().contains(f.as_str())));
    }
    if !(timeout > 0.0 && timeout < 1e6) {
        return Err("--timeout must be a positive number of seconds".to_owned());
    }
    let report = run_suite(&engine, &programs, Duration::from_secs_f64(timeout), jobs);
    print!("{}", report.failure_details(usize::MAX));
    print!("{}", report.table());
    Ok(report.all_passed())
}
