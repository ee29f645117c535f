//! `twin reduce FILE --engines A,B [--threads N] [--min-trips N] [-o OUT]`:
//! prints the reduced program (or writes it to OUT), and its signature and
//! sizes on stderr. Exit status 0 when reduced, 2 on an error (including a
//! program whose engines agree: there is nothing to keep).

use std::path::PathBuf;

use clap::Args;

use super::{ReduceOptions, reduce, size};
use crate::engine::Registry;

#[derive(Args, Debug)]
pub struct ReduceArgs {
    file: PathBuf,
    /// The oracle and the engine judged, comma-separated.
    #[arg(long, default_value = "twin-interp,twin-jit")]
    engines: String,
    /// Candidates tested in parallel (one session each).
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Floor for literal loop trip counts (default: hotloop + hotexit + 8 of the engines).
    #[arg(long)]
    min_trips: Option<u32>,
    /// Stop after this many candidate runs.
    #[arg(long, default_value_t = 20_000)]
    max_runs: usize,
    /// Write the reduced program here instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Run the engines exactly as configured (by default they run without
    /// ASLR and LuaJIT with a fixed PRNG seed, see `reduce::repeatable`).
    #[arg(long)]
    as_configured: bool,
    /// Print each accepted step on stderr.
    #[arg(long, short)]
    verbose: bool,
}

pub fn run(registry: &Registry, args: ReduceArgs) -> Result<i32, String> {
    let engines = registry.select(&args.engines)?;
    let program = std::fs::read_to_string(&args.file).map_err(|e| format!("{}: {e}", args.file.display()))?;
    let mut options = ReduceOptions::for_engines(&engines);
    options.threads = args.threads.max(1);
    options.max_runs = args.max_runs;
    options.repeatable = !args.as_configured;
    if let Some(m) = args.min_trips {
        options.min_trips = m;
    }
    let verbose = args.verbose;
    let r = reduce(&program, &engines, &options, &mut |line| {
        if verbose {
            eprintln!("reduce: {line}");
        }
    })?;
    let (b, a) = (size(&program), size(&r.program));
    let signature = r.after.judgements.first().map_or("-", |j| j.signature.as_str());
    eprintln!(
        "reduce: {} -> {} non-blank lines, {} -> {} tokens, {} runs, {:.1} s; keeps `{}` ({signature}){}",
        b.0,
        a.0,
        b.1,
        a.1,
        r.runs,
        r.seconds,
        r.goal.key,
        r.seed.map_or_else(String::new, |s| format!("; engines without ASLR, PRNG seed {s}"))
    );
    match args.output {
        Some(path) => std::fs::write(&path, &r.program).map_err(|e| format!("{}: {e}", path.display()))?,
        None => print!("{}{}", r.program, if r.program.ends_with('\n') { "" } else { "\n" }),
    }
    Ok(0)
}
