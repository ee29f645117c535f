//! Running the suite: every benchmark on every engine, outputs checked,
//! times summarised.
//!
//! For one benchmark:
//!
//! ```text
//!   warm-up: each engine once ─> its output ─> the reference output is the
//!            first of luajit-joff, lua5.1, luajit (else the first engine)
//!            that ran cleanly; a different output marks the cell MISMATCH
//!   runs:    for r in 1..=N: each engine still in the race once
//!            (round robin, so a burst of load elsewhere on the machine
//!            slows every engine a little rather than one engine a lot);
//!            every run's output is checked again
//!   cell:    median, range and MAD of the runs; peak RSS over all runs
//! ```
//!
//! A cell that failed or mismatched is reported loudly on stderr and never
//! gets a time: a fast wrong answer is not a result.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::machine::Meta;
use super::measure::{self, Exit, Run};
use super::stats::{self, Summary};
use super::suite::{Benchmark, Size};
use crate::engine::Engine;

/// Engines whose output is the reference, most preferred first: the
/// project's oracle is LuaJIT's interpreter.
pub const REFERENCES: [&str; 3] = ["luajit-joff", "lua5.1", "luajit"];

/// `--clock`: which time the table shows (both are recorded).
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clock {
    /// User + system CPU seconds of the engine process.
    Cpu,
    /// Elapsed seconds, process start included.
    Wall,
}

impl Clock {
    pub fn describe(self) -> &'static str {
        match self {
            Clock::Cpu => "CPU seconds (user + system)",
            Clock::Wall => "wall-clock seconds",
        }
    }
}

/// An engine as the suite ran it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngineInfo {
    pub name: String,
    pub argv: Vec<String>,
    /// First line of `<argv> -v`.
    pub version: String,
    pub ffi: bool,
}

/// What became of one engine on one benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Outcome {
    Timed {
        /// The shown clock's summary.
        time: Summary,
        wall: Vec<f64>,
        cpu: Vec<f64>,
        max_rss_kib: u64,
        /// The harness's own peak RSS when it spawned the runs: a lower bound
        /// on what `max_rss_kib` can show (see [`super::measure`]).
        rss_floor_kib: u64,
    },
    /// The engine cannot run this benchmark (e.g. no FFI).
    NotApplicable { reason: String },
    /// The output differed from the reference engine's.
    Mismatch { expected: String, got: String },
    /// Non-zero exit, signal, timeout, or it could not be started.
    Failed { message: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub engine: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub benchmark: String,
    pub what: String,
    /// The `arg[1]` it ran with.
    pub arg: String,
    /// The engine whose output the others were checked against, and that
    /// output (trimmed); `None` when no engine ran cleanly.
    pub reference: Option<String>,
    pub checksum: Option<String>,
    /// One per engine, in engine order.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The shown median of `engine`, when it was timed.
    pub fn time(&self, engine: &str) -> Option<f64> {
        self.cells.iter().find(|c| c.engine == engine).and_then(|c| match &c.outcome {
            Outcome::Timed { time, .. } => Some(time.median),
            _ => None,
        })
    }
}

/// Everything one `twin bench` suite run produced (the JSON file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuiteReport {
    pub meta: Meta,
    pub size: Size,
    pub runs: usize,
    pub clock: Clock,
    pub engines: Vec<EngineInfo>,
    pub rows: Vec<Row>,
}

impl SuiteReport {
    pub fn engine_names(&self) -> Vec<&str> {
        self.engines.iter().map(|e| e.name.as_str()).collect()
    }

    /// Some cell failed or mismatched.
    pub fn has_failure(&self) -> bool {
        self.rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| matches!(c.outcome, Outcome::Mismatch { .. } | Outcome::Failed { .. }))
    }
}

/// What to run.
pub struct Plan {
    pub engines: Vec<(Engine, EngineInfo)>,
    pub benchmarks: Vec<Benchmark>,
    pub size: Size,
    pub runs: usize,
    pub clock: Clock,
    pub limit: Duration,
}

/// Describes `engine` for the report: its command line, version and
/// whether `require("ffi")` works in it.
pub fn probe(engine: &Engine) -> Result<EngineInfo, String> {
    let argv = engine.argv()?;
    let with = |extra: &[&str]| {
        let mut a = argv.clone();
        a.extend(extra.iter().map(|s| s.to_string()));
        measure::run(&a, Duration::from_secs(30))
    };
    let v = with(&["-v"]).map_err(|e| format!("engine {}: {e}", engine.name))?;
    let text = if v.stdout.is_empty() { &v.stderr } else { &v.stdout };
    let version = String::from_utf8_lossy(text).lines().next().unwrap_or("").trim().to_string();
    let ffi = with(&["-e", "require('ffi')"]).is_ok_and(|r| r.ok());
    Ok(EngineInfo { name: engine.name.clone(), argv, version, ffi })
}

/// Short, one-line form of an output for messages and the report.
pub fn shown(out: &[u8]) -> String {
    let s = String::from_utf8_lossy(out);
    let s = s.trim_end().replace('\n', "\\n").replace('\t', " ");
    if s.chars().count() > 80 { format!("{}...", s.chars().take(77).collect::<String>()) } else { s }
}

fn failure(r: &Run) -> Option<String> {
    let why = match r.exit {
        Exit::Code(0) => return None,
        Exit::Code(c) => format!("exit {c}"),
        Exit::Signal(s) => format!("signal {s} ({})", crate::observation::signal_name(s)),
        Exit::TimedOut => "timed out".to_string(),
    };
    let err = String::from_utf8_lossy(&r.stderr);
    let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    Some(if first.is_empty() { why } else { format!("{why}: {first}") })
}

/// Runs one benchmark on every engine (see the module comment).
pub fn run_benchmark(plan: &Plan, b: &Benchmark) -> Row {
    let n = plan.engines.len();
    let argv = |i: usize| {
        let mut a = plan.engines[i].1.argv.clone();
        a.push(b.path.to_string_lossy().into_owned());
        a.push(b.arg(plan.size).to_string());
        a
    };
    let mut outcome: Vec<Option<Outcome>> = vec![None; n];
    let mut warm: Vec<Option<Run>> = vec![None; n];
    for i in 0..n {
        let info = &plan.engines[i].1;
        if b.needs_ffi && !info.ffi {
            outcome[i] = Some(Outcome::NotApplicable { reason: "no FFI".into() });
            continue;
        }
        match measure::run(&argv(i), plan.limit) {
            Ok(r) => match failure(&r) {
                Some(message) => outcome[i] = Some(Outcome::Failed { message }),
                None => warm[i] = Some(r),
            },
            Err(message) => outcome[i] = Some(Outcome::Failed { message }),
        }
    }
    let names: Vec<&str> = plan.engines.iter().map(|(_, i)| i.name.as_str()).collect();
    let reference = REFERENCES
        .iter()
        .filter_map(|r| names.iter().position(|n| n == r))
        .chain(0..n)
        .find(|&i| warm[i].is_some());
    let expected: Option<Vec<u8>> = reference.and_then(|i| warm[i].as_ref()).map(|r| r.stdout.clone());
    let mut samples: Vec<Vec<Run>> = vec![Vec::new(); n];
    for i in 0..n {
        if let (Some(w), Some(e)) = (&warm[i], &expected)
            && &w.stdout != e
        {
            outcome[i] = Some(Outcome::Mismatch { expected: shown(e), got: shown(&w.stdout) });
        }
    }
    for _ in 0..plan.runs {
        for i in 0..n {
            if outcome[i].is_some() {
                continue;
            }
            match measure::run(&argv(i), plan.limit) {
                Ok(r) => match failure(&r) {
                    Some(message) => outcome[i] = Some(Outcome::Failed { message }),
                    None if Some(&r.stdout) != expected.as_ref() => {
                        let e = expected.as_deref().unwrap_or_default();
                        outcome[i] = Some(Outcome::Mismatch { expected: shown(e), got: shown(&r.stdout) });
                    }
                    None => samples[i].push(r),
                },
                Err(message) => outcome[i] = Some(Outcome::Failed { message }),
            }
        }
    }
    let cells = (0..n)
        .map(|i| {
            let o = outcome[i].take().unwrap_or_else(|| {
                let runs = &samples[i];
                let wall: Vec<f64> = runs.iter().map(|r| r.wall).collect();
                let cpu: Vec<f64> = runs.iter().map(|r| r.cpu).collect();
                let shown = match plan.clock {
                    Clock::Cpu => &cpu,
                    Clock::Wall => &wall,
                };
                match stats::summarise(shown) {
                    Some(time) => Outcome::Timed {
                        time,
                        max_rss_kib: runs.iter().map(|r| r.max_rss_kib).max().unwrap_or(0),
                        rss_floor_kib: runs.iter().map(|r| r.rss_floor_kib).max().unwrap_or(0),
                        wall,
                        cpu,
                    },
                    None => Outcome::Failed { message: "no timed runs (--runs 0)".into() },
                }
            });
            Cell { engine: names[i].to_string(), outcome: o }
        })
        .collect();
    Row {
        benchmark: b.name.clone(),
        what: b.what.clone(),
        arg: b.arg(plan.size).to_string(),
        reference: reference.map(|i| names[i].to_string()),
        checksum: expected.as_deref().map(shown),
        cells,
    }
}

/// Runs the whole plan, reporting progress and every failure on stderr.
pub fn run(plan: &Plan, meta: Meta) -> SuiteReport {
    let mut rows = Vec::new();
    for b in &plan.benchmarks {
        let row = run_benchmark(plan, b);
        let mut line = format!("twin bench: {:<12}", row.benchmark);
        for c in &row.cells {
            line += &match &c.outcome {
                Outcome::Timed { time, .. } => format!("  {} {:.3}s", c.engine, time.median),
                Outcome::NotApplicable { .. } => format!("  {} n/a", c.engine),
                Outcome::Mismatch { .. } => format!("  {} MISMATCH", c.engine),
                Outcome::Failed { .. } => format!("  {} FAILED", c.engine),
            };
        }
        eprintln!("{line}");
        for c in &row.cells {
            match &c.outcome {
                Outcome::Mismatch { expected, got } => eprintln!(
                    "twin bench: MISMATCH: {} on {}: printed `{got}`, {} printed `{expected}`; not timed",
                    row.benchmark,
                    c.engine,
                    row.reference.as_deref().unwrap_or("?")
                ),
                Outcome::Failed { message } => {
                    eprintln!("twin bench: FAILED: {} on {}: {message}; not timed", row.benchmark, c.engine)
                }
                _ => {}
            }
        }
        rows.push(row);
    }
    let mut meta = meta;
    meta.load_after = super::machine::load_average();
    SuiteReport {
        meta,
        size: plan.size,
        runs: plan.runs,
        clock: plan.clock,
        engines: plan.engines.iter().map(|(_, i)| i.clone()).collect(),
        rows,
    }
}

/// Each engine's time relative to a baseline engine's.
pub struct Ratios {
    /// Per benchmark, by engine; absent where either was not timed.
    pub per_row: Vec<BTreeMap<String, f64>>,
    /// By engine: the geometric mean, and how many benchmarks entered it.
    pub means: BTreeMap<String, (f64, usize)>,
}

/// The ratios of every engine's time to `baseline`'s.
pub fn ratios(report: &SuiteReport, baseline: &str) -> Ratios {
    let per_row: Vec<BTreeMap<String, f64>> = report
        .rows
        .iter()
        .map(|row| {
            let base = row.time(baseline);
            row.cells
                .iter()
                .filter_map(|c| Some((c.engine.clone(), row.time(&c.engine)? / base?)))
                .filter(|(_, r)| r.is_finite() && *r > 0.0)
                .collect()
        })
        .collect();
    let mut means = BTreeMap::new();
    for name in report.engine_names() {
        let xs: Vec<f64> = per_row.iter().filter_map(|m| m.get(name).copied()).collect();
        if let Some(g) = stats::geomean(&xs) {
            means.insert(name.to_string(), (g, xs.len()));
        }
    }
    Ratios { per_row, means }
}

/// The workspace root, for `git` and default paths.
pub fn source_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}
