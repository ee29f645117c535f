//! The `twin conform` and `twin gate` command lines (their engines: [`crate::conform`],
//! [`crate::gate`]).
//!
//! ```text
//!   twin conform [DIR...] [--engines A,B,...] [--format F] [--junit F] [--markdown F]
//!   twin gate [--lanes L,...] [--suites D,...] [--fuzz-seeds A..B] [--junit F] [--markdown F]
//! ```
//!
//! Both exit 0 when everything passed (skips allowed), 1 on any failure, divergence or
//! crash (for the gate: in a gating lane, or a gating lane that could not run), 2 on a
//! harness error (unknown engine, unreadable suite).

use std::ops::Range;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::conform::{self, Format};
use crate::engine::Registry;
use crate::gate::{self, Lane, Suite};
use crate::summary;

#[derive(Args, Debug)]
pub struct ConformArgs {
    /// Suite directories (default: conformance/core).
    dirs: Vec<PathBuf>,
    /// Comma-separated engines; the first is the oracle.
    #[arg(long, default_value = "twin-interp,twin-jit,twin-jit-stress")]
    engines: String,
    /// The suites' layout (default: detected per directory).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Parallel runs.
    #[arg(long, default_value_t = 2)]
    jobs: usize,
    /// Also run tests tagged `+slow` (LuaJIT layout).
    #[arg(long)]
    slow: bool,
    /// Override every engine's per-test timeout.
    #[arg(long)]
    timeout_ms: Option<u64>,
    /// Write a JUnit XML report here.
    #[arg(long)]
    junit: Option<PathBuf>,
    /// Write a Markdown summary here.
    #[arg(long)]
    markdown: Option<PathBuf>,
    /// Failures shown in full on stdout (the rest are named).
    #[arg(long, default_value_t = 20)]
    show: usize,
}

#[derive(Args, Debug)]
pub struct GateArgs {
    /// Lanes to run (default: all but `informational` unless --informational is given).
    #[arg(long, value_enum, value_delimiter = ',')]
    lanes: Vec<Lane>,
    /// Gated suites (comma-separated directories; `DIR@x86_64` or `DIR@arm64` for a suite
    /// whose expected files hold one architecture's answers).
    #[arg(long, value_delimiter = ',', default_value = "conformance/core")]
    suites: Vec<Suite>,
    /// Suites to run and report without gating on them (adds the `informational` lane;
    /// x86-64, or arm64 for `DIR@arm64`).
    #[arg(long, value_delimiter = ',')]
    informational: Vec<Suite>,
    /// The regression corpus.
    #[arg(long, default_value = "conformance/regressions")]
    regressions: PathBuf,
    /// x86-64 configurations (the first is the oracle); arm64 lanes add `-arm64`.
    #[arg(long, value_delimiter = ',', default_value = "twin-interp,twin-jit,twin-jit-stress")]
    engines: Vec<String>,
    /// twin-gen seeds of the x86-64 fuzz lane, `START..END`.
    #[arg(long, default_value = "0..200", value_parser = parse_range)]
    fuzz_seeds: Range<u64>,
    /// twin-gen seeds of the arm64 fuzz lane.
    #[arg(long, default_value = "0..40", value_parser = parse_range)]
    fuzz_seeds_arm64: Range<u64>,
    #[arg(long, default_value_t = 2)]
    jobs: usize,
    /// Findings already known, one signature or `NAME [ENGINE]` a line.
    #[arg(long)]
    known: Option<PathBuf>,
    #[arg(long)]
    junit: Option<PathBuf>,
    #[arg(long)]
    markdown: Option<PathBuf>,
}

fn parse_range(s: &str) -> Result<Range<u64>, String> {
    let (a, b) = s.split_once("..").ok_or("expected START..END")?;
    let a: u64 = a.trim().parse().map_err(|e| format!("{a}: {e}"))?;
    let b: u64 = b.trim().parse().map_err(|e| format!("{b}: {e}"))?;
    if a > b {
        return Err(format!("empty range {s}"));
    }
    Ok(a..b)
}

fn write(path: &Option<PathBuf>, text: &str) -> Result<(), String> {
    if let Some(p) = path {
        if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    Ok(())
}

/// A scratch directory for cut-out tests, unique to this process.
fn scratch() -> PathBuf {
    std::env::temp_dir().join(format!("twin-conform-{}", std::process::id()))
}

pub fn conform(registry: &Registry, args: ConformArgs) -> Result<i32, String> {
    let engines = registry.select(&args.engines)?;
    let dirs = if args.dirs.is_empty() { vec![PathBuf::from("conformance/core")] } else { args.dirs };
    let scratch = scratch();
    let result = (|| {
        let mut tests = Vec::new();
        for dir in &dirs {
            let format = args.format.unwrap_or_else(|| conform::detect(dir));
            let found = conform::discover(dir, format, &scratch)?;
            println!("{}: {} layout, {} tests", dir.display(), format.name(), found.len());
            tests.extend(found);
        }
        let options = conform::Options {
            jobs: args.jobs,
            slow: args.slow,
            timeout: args.timeout_ms.map(Duration::from_millis),
        };
        conform::run(&tests, &engines, &options)
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    let report = result?;
    let mut out = report.table();
    let failures = report.failures();
    for (i, (test, engine, outcome)) in failures.iter().enumerate() {
        if i == args.show {
            out += &format!("... and {} more\n", failures.len() - args.show);
            break;
        }
        out += &format!(
            "{} {} [{engine}] ({})\n",
            outcome.kind().to_uppercase(),
            test.id(),
            test.program.display()
        );
        for line in outcome.detail().lines() {
            out += &format!("  {line}\n");
        }
    }
    out += &format!("{:.1} s\n", report.elapsed.as_secs_f64());
    print!("{out}");
    let sections = report.sections();
    let title = format!("twin conform ({})", report.engines.join(", "));
    write(&args.junit, &summary::junit(&title, &sections))?;
    write(&args.markdown, &summary::markdown(&title, &sections))?;
    Ok(if failures.is_empty() { 0 } else { 1 })
}

pub fn gate(registry: &Registry, args: GateArgs) -> Result<i32, String> {
    let mut lanes = args.lanes;
    if lanes.is_empty() {
        lanes = Lane::ALL.iter().copied().filter(|&l| l != Lane::Informational).collect();
    }
    if !args.informational.is_empty() && !lanes.contains(&Lane::Informational) {
        lanes.push(Lane::Informational);
    }
    let known = match &args.known {
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| format!("{}: {e}", p.display()))?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect(),
        None => Vec::new(),
    };
    let options = gate::Options {
        lanes,
        suites: args.suites,
        informational: args.informational,
        regressions: args.regressions,
        engines: args.engines,
        fuzz_seeds: args.fuzz_seeds,
        fuzz_seeds_arm64: args.fuzz_seeds_arm64,
        jobs: args.jobs,
        known,
        scratch: scratch(),
    };
    let result = gate::run(registry, &options, &mut |s| {
        let [p, f, d, c, k] = s.counts();
        let broken = s.broken.as_deref().map(|b| format!(" DID NOT RUN: {b}")).unwrap_or_default();
        eprintln!(
            "twin gate: {:<20} {:<6} {}: {p} passed, {f} failed, {d} diverged, {c} crashed, {k} skipped in {:.1} s{broken}",
            s.name,
            s.arch,
            s.suite,
            s.elapsed.as_secs_f64()
        );
    });
    let _ = std::fs::remove_dir_all(&options.scratch);
    let outcome = result?;
    let title = "twin gate";
    print!("{}", summary::text(title, &outcome.sections));
    for (lane, case) in summary::findings(&outcome.sections).iter().filter(|(l, _)| l.gating).take(10) {
        println!("--- {} [{}] in {}", case.name, case.engine, lane.name);
        for line in case.detail.lines().take(40) {
            println!("  {line}");
        }
    }
    write(&args.junit, &summary::junit(title, &outcome.sections))?;
    write(&args.markdown, &summary::markdown(title, &outcome.sections))?;
    println!("twin gate: {}", if outcome.passed() { "passed" } else { "FAILED" });
    Ok(if outcome.passed() { 0 } else { 1 })
}
