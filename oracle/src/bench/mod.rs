//! `twin bench`: the engines measured side by side, and the harness measured.
//!
//! Three measurements, one command:
//!
//! ```text
//!   twin bench [NAME...]        the suite (bench/programs) on every engine:
//!                               time, ratios to luajit and lua5.1, peak RSS
//!                               -> suite.md, suite.svg, suite-<time>.json
//!   twin bench --harness        generated programs judged per second, per
//!                               engine pair, persistent vs one process each
//!                               -> harness.md, harness-<time>.json
//!   twin bench --instructions   instructions retired per benchmark on the
//!                               interpreters (perf or callgrind)
//!                               -> instructions.md, instructions-<time>.json
//! ```
//!
//! Every figure is measured in the same run on the same machine as the
//! figures it is compared with: a ratio is never taken between two runs.
//! The JSON files carry a timestamp in their name and the machine, load and
//! git commit inside, so `--out` accumulates a history; the Markdown and SVG
//! files are the latest run's.
//!
//! Speed is measured, never asserted: `twin bench` exits 1 only when a
//! benchmark failed or its output disagreed between engines, 2 on a harness
//! error.
//!
//! The pieces: [`suite`] (programs as data), [`measure`] (one timed process),
//! [`stats`], [`runner`] (the suite), [`markdown`] and [`svg`] (its reports),
//! [`harness`], [`instructions`], [`machine`] (when and where).

pub mod harness;
pub mod instructions;
pub mod machine;
pub mod markdown;
pub mod measure;
pub mod runner;
pub mod stats;
pub mod suite;
pub mod svg;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::engine::{Engine, EngineKind, Registry};
use runner::{Clock, Plan};
use suite::Size;

/// The suite's engines: ours, then what a user would pick instead.
pub const DEFAULT_ENGINES: &str = "twin-interp,twin-jit,luajit-joff,luajit,lua5.1";
/// The interpreters whose instructions are counted.
pub const DEFAULT_INSTRUCTION_ENGINES: &str = "twin-interp,luajit-joff,lua5.1";
/// The harness's engine pairs: ours, and the LuaJIT pair campaigns also run.
pub const DEFAULT_PAIRS: [&str; 2] = ["twin-interp,twin-jit", "luajit-joff,luajit-stress"];

#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Benchmarks to run (file stems in the programs directory; default all).
    names: Vec<String>,
    /// Comma-separated engines. A name that is not a known engine runs as the
    /// command of that name (e.g. lua5.1). Default: the suite's five, or
    /// with --instructions the three interpreters.
    #[arg(long)]
    engines: Option<String>,
    /// Timed runs per engine and benchmark, after one warm-up run.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Problem size: `small` takes milliseconds (tests, instruction counts).
    /// Default: `default`, or `small` with --instructions.
    #[arg(long, value_enum)]
    size: Option<Size>,
    /// Which time the tables show (both are recorded in the JSON).
    #[arg(long, value_enum, default_value_t = Clock::Cpu)]
    clock: Clock,
    /// Output directory.
    #[arg(long, default_value = "target/bench")]
    out: PathBuf,
    /// The benchmark programs (default: bench/programs of the source tree).
    #[arg(long)]
    programs: Option<PathBuf>,
    /// Per-run time limit in seconds.
    #[arg(long, default_value_t = 300)]
    timeout: u64,
    /// Measure the harness's throughput on generated programs instead.
    #[arg(long, conflicts_with = "instructions")]
    harness: bool,
    /// --harness: engine pair, oracle first (repeatable; default
    /// twin-interp,twin-jit and luajit-joff,luajit-stress).
    #[arg(long = "pair")]
    pairs: Vec<String>,
    /// --harness: generated programs per pair and mode (default 200, 20 with --size small).
    #[arg(long)]
    count: Option<usize>,
    /// --harness: program k is twin_gen::from_seed(seed + k).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// --harness: runs of the oracle per program, as in `twin fuzz`.
    #[arg(long, default_value_t = 2)]
    oracle_runs: usize,
    /// Count instructions on the interpreters instead (perf or callgrind).
    #[arg(long)]
    instructions: bool,
}

/// Looks up comma-separated engine names; a name the registry does not know
/// but that is a command on PATH runs as that command.
pub fn engines(registry: &Registry, names: &str) -> Result<Vec<Engine>, String> {
    names
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| match registry.get(n) {
            Some(e) => Ok(e.clone()),
            None if on_path(n) => Ok(Engine {
                name: n.to_string(),
                kind: EngineKind::External,
                command: Some(n.to_string()),
                args: Vec::new(),
                emulator: Vec::new(),
                env: Default::default(),
                timeout_ms: crate::engine::DEFAULT_TIMEOUT_MS,
                memory_mb: None,
            }),
            None => registry.select(n).map(|mut v| v.remove(0)),
        })
        .collect()
}

fn on_path(name: &str) -> bool {
    !name.contains('/')
        && std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
}

/// Writes `text` to `dir/name`, creating `dir`; returns the path.
fn write(dir: &Path, name: &str, text: &str) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map(|s| s + "\n").map_err(|e| e.to_string())
}

/// `twin bench`; returns the exit status.
pub fn run(registry: &Registry, args: BenchArgs) -> Result<i32, String> {
    let meta = machine::Meta::collect(&runner::source_root());
    let limit = Duration::from_secs(args.timeout);
    if args.harness {
        let size = args.size.unwrap_or(Size::Default);
        let count = args.count.unwrap_or(if size == Size::Small { 20 } else { 200 });
        let pairs: Vec<String> = if args.pairs.is_empty() {
            DEFAULT_PAIRS.iter().map(|s| s.to_string()).collect()
        } else {
            args.pairs
        };
        let mut rows = Vec::new();
        for pair in &pairs {
            let engines = engines(registry, pair)?;
            for persistent in [true, false] {
                let t = harness::measure(&engines, persistent, args.seed, count, args.oracle_runs)?;
                eprintln!(
                    "twin bench --harness: {} {}: {:.1} programs/s, {:.1} per CPU second",
                    t.engines.join(" vs "),
                    if persistent { "persistent" } else { "one process each" },
                    t.per_wall_second(),
                    t.per_cpu_second()
                );
                rows.push(t);
            }
        }
        let mut meta = meta;
        meta.load_after = machine::load_average();
        let report = harness::HarnessReport {
            meta,
            seed: args.seed,
            count,
            oracle_runs: args.oracle_runs.max(1),
            rows,
        };
        let md = harness::markdown(&report);
        write(&args.out, "harness.md", &md)?;
        let j = write(&args.out, &format!("harness-{}.json", report.meta.stamp()), &json(&report)?)?;
        print!("{md}");
        eprintln!("twin bench: wrote {}/harness.md and {}", args.out.display(), j.display());
        return Ok(0);
    }
    let dir = args.programs.clone().unwrap_or_else(suite::default_dir);
    let benchmarks = suite::load(&dir, &args.names)?;
    let default_engines = if args.instructions { DEFAULT_INSTRUCTION_ENGINES } else { DEFAULT_ENGINES };
    let selected = engines(registry, args.engines.as_deref().unwrap_or(default_engines))?;
    let engines = selected
        .into_iter()
        .map(|e| runner::probe(&e).map(|info| (e, info)))
        .collect::<Result<Vec<_>, _>>()?;
    if args.instructions {
        let counter = instructions::Counter::detect()?;
        let size = args.size.unwrap_or(Size::Small);
        let infos: Vec<_> = engines.iter().map(|(_, i)| i.clone()).collect();
        eprintln!("twin bench --instructions: counting with {}", counter.name());
        let report = instructions::run(counter, &infos, &benchmarks, size, limit, meta)?;
        let md = instructions::markdown(&report);
        write(&args.out, "instructions.md", &md)?;
        let j = write(&args.out, &format!("instructions-{}.json", report.meta.stamp()), &json(&report)?)?;
        print!("{md}");
        eprintln!("twin bench: wrote {}/instructions.md and {}", args.out.display(), j.display());
        let bad =
            report.rows.iter().flat_map(|r| &r.counts).any(|c| {
                matches!(c, instructions::Count::Mismatch { .. } | instructions::Count::Failed { .. })
            });
        return Ok(i32::from(bad));
    }
    let plan = Plan {
        engines,
        benchmarks,
        size: args.size.unwrap_or(Size::Default),
        runs: args.runs,
        clock: args.clock,
        limit,
    };
    let report = runner::run(&plan, meta);
    let names = report.engine_names();
    let baseline = ["luajit", "lua5.1"].into_iter().find(|b| names.contains(b)).unwrap_or(names[0]);
    let svg = svg::render(&report, baseline);
    let md = markdown::render(&report, Some("suite.svg"));
    write(&args.out, "suite.svg", &svg)?;
    write(&args.out, "suite.md", &md)?;
    let j = write(&args.out, &format!("suite-{}.json", report.meta.stamp()), &json(&report)?)?;
    print!("{md}");
    eprintln!("twin bench: wrote {0}/suite.md, {0}/suite.svg and {1}", args.out.display(), j.display());
    Ok(i32::from(report.has_failure()))
}

/// A small, fixed suite report for the writers' tests.
#[cfg(test)]
pub(crate) mod fixture {
    use super::machine::Meta;
    use super::runner::{Cell, EngineInfo, Outcome, Row, SuiteReport};
    use super::stats::summarise;
    use super::suite::Size;

    fn timed(engine: &str, cpu: &[f64], rss: u64) -> Cell {
        Cell {
            engine: engine.into(),
            outcome: Outcome::Timed {
                time: summarise(cpu).unwrap(),
                wall: cpu.iter().map(|x| x * 2.0).collect(),
                cpu: cpu.to_vec(),
                max_rss_kib: rss,
                rss_floor_kib: 3000,
            },
        }
    }

    pub fn meta() -> Meta {
        Meta {
            timestamp: "2026-11-21T13:02:03Z".into(),
            unix_time: 1_795_266_123,
            host: "box".into(),
            cpu: "Some CPU".into(),
            cores: 2,
            arch: "x86_64".into(),
            kernel: "6.1".into(),
            load_before: 1.5,
            load_after: 2.25,
            commit: "abc123".into(),
            command: vec!["twin".into(), "bench".into()],
        }
    }

    pub fn report() -> SuiteReport {
        let info = |name: &str, argv: &[&str], ffi| EngineInfo {
            name: name.into(),
            argv: argv.iter().map(|s| s.to_string()).collect(),
            version: format!("{name} 1.0"),
            ffi,
        };
        SuiteReport {
            meta: meta(),
            size: Size::Small,
            runs: 3,
            clock: super::Clock::Cpu,
            engines: vec![
                info("twin-interp", &["twin-lua", "-joff"], true),
                info("luajit", &["luajit"], true),
                info("lua5.1", &["lua5.1"], false),
            ],
            rows: vec![
                Row {
                    benchmark: "fib".into(),
                    what: "calls".into(),
                    arg: "20".into(),
                    reference: Some("lua5.1".into()),
                    checksum: Some("6765".into()),
                    cells: vec![
                        timed("twin-interp", &[0.5, 0.4, 0.6], 4096),
                        timed("luajit", &[0.1, 0.1, 0.1], 2048),
                        timed("lua5.1", &[0.25, 0.2, 0.3], 3072),
                    ],
                },
                Row {
                    benchmark: "ffi".into(),
                    what: "cdata".into(),
                    arg: "9".into(),
                    reference: Some("luajit".into()),
                    checksum: Some("1 2ULL".into()),
                    cells: vec![
                        Cell {
                            engine: "twin-interp".into(),
                            outcome: Outcome::Mismatch { expected: "1 2ULL".into(), got: "1 3ULL".into() },
                        },
                        timed("luajit", &[0.02], 1024),
                        Cell {
                            engine: "lua5.1".into(),
                            outcome: Outcome::NotApplicable { reason: "no FFI".into() },
                        },
                    ],
                },
            ],
        }
    }

    /// `report` with both JITs and luajit's interpreter added: fib timed by all four,
    /// ffi by luajit's two only (twin-interp's run mismatched).
    pub fn jit_report() -> SuiteReport {
        let mut r = report();
        for name in ["twin-jit", "luajit-joff"] {
            let mut info = r.engines[0].clone();
            info.name = name.into();
            r.engines.push(info);
        }
        r.rows[0].cells.push(timed("twin-jit", &[0.125], 4096));
        r.rows[0].cells.push(timed("luajit-joff", &[0.4], 4096));
        r.rows[1]
            .cells
            .push(Cell { engine: "twin-jit".into(), outcome: Outcome::Failed { message: "crashed".into() } });
        r.rows[1].cells.push(timed("luajit-joff", &[0.08], 1024));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_file_round_trips_and_keeps_raw_samples() {
        let r = fixture::report();
        let text = json(&r).unwrap();
        let back: runner::SuiteReport = serde_json::from_str(&text).unwrap();
        assert_eq!(back, r);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["meta"]["timestamp"], "2026-11-21T13:02:03Z");
        assert_eq!(v["meta"]["commit"], "abc123");
        let cell = &v["rows"][0]["cells"][0];
        assert_eq!(cell["engine"], "twin-interp");
        assert_eq!(cell["status"], "timed");
        assert_eq!(cell["cpu"], serde_json::json!([0.5, 0.4, 0.6]));
        assert_eq!(cell["time"]["median"], 0.5);
        assert_eq!(v["rows"][1]["cells"][0]["status"], "mismatch");
        assert_eq!(
            v["rows"][1]["cells"][2],
            serde_json::json!({"engine": "lua5.1", "status": "not-applicable", "reason": "no FFI"})
        );
    }

    #[test]
    fn unknown_names_on_path_become_external_engines() {
        let r = Registry::builtin();
        let e = engines(&r, "luajit-joff,sh").unwrap();
        assert_eq!(e[0].argv().unwrap(), ["luajit", "-joff"]);
        assert_eq!((e[1].name.as_str(), e[1].argv().unwrap()), ("sh", vec!["sh".to_string()]));
        assert!(engines(&r, "no-such-engine-anywhere").unwrap_err().contains("unknown engine"));
    }
}
