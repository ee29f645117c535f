//! The `twin` command line.
//!
//! ```text
//!   twin run FILE --engine E [--json]          print one engine's observation
//!   twin diff FILE... [--engines A,B,...]       compare engines to the first (the oracle)
//!   twin bench [--harness|--instructions]     engines and harness measured (see `bench`)
//!   twin engines [--json]                      the known engines and their command lines
//!   twin reduce FILE --engines A,B             shrink a program, keeping its verdict signature
//!   twin triage DIR [--out OUT]                dedupe, reduce, re-check, report (md + html)
//!   twin bisect FILE --engines A,B             which -O flags/params a divergence needs
//!   twin fuzz [--engines ...] [--time T] ...   a differential campaign (see `campaign`)
//!   twin conform [DIR...] --engines A,B,...    suites across engines (see `cli_gate`)
//!   twin gate [--lanes ...]                    the pull-request gate (see `cli_gate`)
//! ```
//!
//! `fuzz` exits 0 when the campaign saw no divergence, crash or timeout, 1
//! when it did (the findings are in `--out`), 2 on a harness error.
//!
//! Exit status of `diff`: 0 when every engine agrees with the oracle or the
//! only disagreements are poisoned verdicts (reported, not failures), 1 when
//! any engine diverged, crashed or timed out, 2 on a harness error (unknown
//! engine, unreadable file, an engine that cannot be started). `run` exits 0
//! when it could observe the program (whatever the program did), 2 otherwise.
//!
//! Engines come from the built-ins and `twin.toml` (`--config` or the current
//! directory); see [`crate::engine`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::engine::Registry;
use crate::session::{Options, Report, Session};
use crate::verdict::Verdict;

#[derive(Parser, Debug)]
#[command(name = "twin", about = "Differential fuzzing and conformance harness for Lua engines")]
pub struct Cli {
    /// Engine configuration file (default: ./twin.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a program on one engine and print what it showed.
    Run {
        file: PathBuf,
        #[arg(long, short)]
        engine: String,
        #[arg(long)]
        json: bool,
        /// Override the engine's per-program timeout.
        #[arg(long)]
        timeout_ms: Option<u64>,
    },
    /// Run programs on several engines and compare each with the first.
    Diff {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Comma-separated engine names; the first is the oracle.
        #[arg(long, default_value = "twin-interp,twin-jit,twin-jit-stress")]
        engines: String,
        #[arg(long)]
        json: bool,
        /// Runs of the oracle per program (2 detects a nondeterministic oracle).
        #[arg(long, default_value_t = 2)]
        oracle_runs: usize,
        /// Start a new process for every program instead of keeping workers.
        #[arg(long)]
        no_persist: bool,
        /// Compare checkpoint locals also where they are dead (a JIT need not
        /// restore those; see `liveness`).
        #[arg(long)]
        compare_dead_locals: bool,
        /// Override every engine's per-program timeout.
        #[arg(long)]
        timeout_ms: Option<u64>,
        #[arg(long, value_enum, default_value_t = Colour::Auto)]
        colour: Colour,
    },
    /// Benchmarks: the suite across engines, the harness's throughput
    /// (--harness), instruction counts (--instructions).
    Bench(crate::bench::BenchArgs),
    /// Shrink a program while its verdict keeps its signature (see `reduce`).
    Reduce(crate::reduce::cli::ReduceArgs),
    /// Deduplicate, reduce, re-check and report a findings directory.
    Triage(crate::triage::TriageArgs),
    /// Find the JIT options and passes a divergence depends on.
    Bisect(crate::bisect::BisectArgs),
    /// Run a differential fuzzing campaign on generated programs until
    /// Ctrl-C, `--time` or `--runs`; findings go to `--out`.
    Fuzz {
        /// Comma-separated engine names; the first is the oracle.
        #[arg(long, default_value = "twin-interp,twin-jit,twin-jit-stress")]
        engines: String,
        /// Stop after this long (e.g. 90s, 20m, 1h30m).
        #[arg(long)]
        time: Option<String>,
        /// Stop after judging this many programs.
        #[arg(long)]
        runs: Option<u64>,
        /// Campaign threads, each with its own engine workers (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Campaign seed: program k is `twin_gen::from_seed(seed + k)`
        /// (default: the resumed campaign's, else from the clock; printed).
        #[arg(long)]
        seed: Option<u64>,
        /// Output directory (findings, corpus, state), shared by instances.
        #[arg(long, default_value = "twin-out")]
        out: PathBuf,
        /// Only these generator families (comma-separated, e.g. recursion,numbers).
        #[arg(long)]
        families: Option<String>,
        /// Weight these families up (comma-separated): every other program is drawn
        /// from them only, the rest from all families.
        #[arg(long, conflicts_with = "families")]
        favor: Option<String>,
        /// Print a JSON stats line every 10 seconds (and at the end) on stdout.
        #[arg(long)]
        json: bool,
        /// This instance's name under `--out` (one per concurrent instance).
        #[arg(long, default_value = "main")]
        instance_id: String,
        #[arg(long, default_value_t = 2)]
        oracle_runs: usize,
        #[arg(long)]
        compare_dead_locals: bool,
        /// Override every engine's per-program timeout.
        #[arg(long)]
        timeout_ms: Option<u64>,
    },
    /// List the known engines (built-ins and twin.toml) and how each starts.
    Engines {
        #[arg(long)]
        json: bool,
    },
    /// Run conformance suites (project, LuaJIT or Lua 5.1 layout) across engines.
    Conform(crate::cli_gate::ConformArgs),
    /// The pull-request gate: suites, regressions and fixed-seed fuzzing on both architectures.
    Gate(crate::cli_gate::GateArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Colour {
    Auto,
    Always,
    Never,
}

/// Entry point for the `twin` binary; returns the process exit status.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("twin: {e}");
            2
        }
    }
}

fn dispatch(cli: Cli) -> Result<i32, String> {
    let registry = Registry::discover(cli.config.as_deref())?;
    match cli.command {
        Command::Run { file, engine, json, timeout_ms } => {
            let mut engines = registry.select(&engine)?;
            if engines.len() != 1 {
                return Err("`run` takes exactly one engine".into());
            }
            if let Some(t) = timeout_ms {
                engines[0].timeout_ms = t;
            }
            let program = read_program(&file)?;
            let options = Options { persist: false, oracle_runs: 1, ..Options::default() };
            let mut session = Session::new(engines, options).map_err(|e| e.0)?;
            let obs = session.observe(0, &program).map_err(|e| e.0)?;
            if json {
                emit(&(serde_json::to_string_pretty(&obs).map_err(|e| e.to_string())? + "\n"))?;
            } else {
                emit(&obs.render())?;
            }
            Ok(0)
        }
        Command::Diff {
            files,
            engines,
            json,
            oracle_runs,
            no_persist,
            compare_dead_locals,
            timeout_ms,
            colour,
        } => {
            let mut engines = registry.select(&engines)?;
            if let Some(t) = timeout_ms {
                engines.iter_mut().for_each(|e| e.timeout_ms = t);
            }
            let options =
                Options { persist: !no_persist, oracle_runs: oracle_runs.max(1), compare_dead_locals };
            let mut session = Session::new(engines, options).map_err(|e| e.0)?;
            let colour = match colour {
                Colour::Auto => std::io::stdout().is_terminal(),
                Colour::Always => true,
                Colour::Never => false,
            };
            let mut status = 0;
            for file in &files {
                let program = read_program(file)?;
                let report = session.diff(&program).map_err(|e| format!("{}: {e}", file.display()))?;
                if report.has_failure() {
                    status = 1;
                }
                if json {
                    let line = serde_json::json!({ "file": file, "report": report });
                    emit(&(serde_json::to_string(&line).map_err(|e| e.to_string())? + "\n"))?;
                } else {
                    emit(&render_report(file, &report, colour))?;
                }
            }
            Ok(status)
        }
        Command::Reduce(args) => crate::reduce::cli::run(&registry, args),
        Command::Triage(args) => crate::triage::run(&registry, args),
        Command::Bisect(args) => crate::bisect::run(&registry, args),
        Command::Fuzz {
            engines,
            time,
            runs,
            jobs,
            seed,
            out,
            families,
            favor,
            json,
            instance_id,
            oracle_runs,
            compare_dead_locals,
            timeout_ms,
        } => {
            let mut engines = registry.select(&engines)?;
            if let Some(t) = timeout_ms {
                engines.iter_mut().for_each(|e| e.timeout_ms = t);
            }
            let opts = crate::campaign::Options {
                engines,
                jobs: jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
                seed,
                time: time.as_deref().map(crate::campaign::parse_duration).transpose()?,
                runs,
                out,
                families: families.as_deref().map(crate::campaign::parse_families).transpose()?,
                favor: favor.as_deref().map(crate::campaign::parse_families).transpose()?,
                json,
                instance_id,
                oracle_runs,
                compare_dead_locals,
            };
            let outcome = crate::campaign::run(&opts)?;
            let summary = crate::progress::summary(&outcome.snapshot, &outcome.index, "twin fuzz: summary");
            if json {
                eprint!("{summary}");
            } else {
                emit(&summary)?;
            }
            Ok(i32::from(outcome.failures))
        }
        Command::Engines { json } => {
            if json {
                let list = serde_json::to_string_pretty(registry.all()).map_err(|e| e.to_string())?;
                return emit(&(list + "\n")).map(|_| 0);
            }
            let mut text = String::new();
            for e in registry.all() {
                let argv = e.argv().unwrap_or_else(|err| vec![format!("<{err}>")]);
                let memory = e.memory_mb.map_or_else(|| "none".to_string(), |m| format!("{m} MiB"));
                text += &format!(
                    "{:<22} {}  (timeout {} ms, memory {memory})\n",
                    e.name,
                    argv.join(" "),
                    e.timeout_ms
                );
            }
            emit(&text)?;
            Ok(0)
        }
        Command::Conform(args) => crate::cli_gate::conform(&registry, args),
        Command::Gate(args) => crate::cli_gate::gate(&registry, args),
        Command::Bench(args) => crate::bench::run(&registry, args),
    }
}

/// Writes to stdout; a closed stdout (`twin diff ... | head`) is an error to
/// return, not a panic.
fn emit(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|_| out.flush()).map_err(|e| format!("cannot write output: {e}"))
}

fn read_program(file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    // Lua source is bytes; the protocol carries bytes, but programs handled
    // as text elsewhere (diffs, reducers) must be UTF-8.
    String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8", file.display()))
}

/// Human-readable report for one program.
pub fn render_report(file: &Path, report: &Report, colour: bool) -> String {
    let mut s = String::new();
    if report.all_same() {
        return format!(
            "{}: {} engines agree with {}\n",
            file.display(),
            report.results.len(),
            report.oracle
        );
    }
    for j in &report.judgements {
        s += &format!(
            "{}: {} vs {}: {}  [{}]\n",
            file.display(),
            j.engine,
            report.oracle,
            j.verdict.kind(),
            j.signature
        );
        match &j.verdict {
            Verdict::Same => continue,
            Verdict::Divergent { fields, checkpoint } => {
                let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
                s += &format!("  differing fields: {}\n", names.join(", "));
                if let Some(p) = checkpoint {
                    s += &format!(
                        "  first differing checkpoint: hit {} (id {}) in function {} at line {}\n",
                        p.hit + 1,
                        p.id,
                        p.function,
                        p.line
                    );
                }
            }
            Verdict::Crash { signal, exit_code, message, in_oracle } => {
                if *in_oracle {
                    s += &format!("  the oracle ({}) died\n", report.oracle);
                }
                if let Some(sig) = signal {
                    s += &format!("  killed by signal {sig} ({})\n", crate::observation::signal_name(*sig));
                }
                if let Some(c) = exit_code {
                    s += &format!("  exited with code {c}\n");
                }
                if let Some(m) = message {
                    s += &format!("  message: {m}\n");
                }
            }
            Verdict::Timeout { after_ms } => s += &format!("  no answer within {after_ms} ms\n"),
            Verdict::Poisoned { poison } => {
                s += &format!("  poisoned: {}\n", serde_json::to_string(poison).unwrap_or_default())
            }
        }
        for d in &j.diffs {
            s += &if colour { crate::diff::colourise(&d.diff) } else { d.diff.clone() };
        }
    }
    s
}
