//! Instruction counts: a second measure of the interpreters that does not
//! move when the machine is busy.
//!
//! Wall and CPU time on a shared machine vary run to run; the number of
//! instructions retired by a deterministic program does not (to within a
//! fraction of a percent). `perf stat -e instructions:u` counts them in
//! hardware when the machine lets it (`<not supported>` in containers and
//! many VMs), else `valgrind --tool=callgrind` counts them in emulation,
//! some fifty times slower, which is why this runs the small size by default.
//!
//! A count includes starting the engine (dynamic linking, runtime and
//! library setup), which at small sizes can rival the benchmark itself, so
//! each engine's count for an empty program is measured once and subtracted:
//! the figures are the instructions the benchmark's own code cost.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::measure::{self, Run};
use super::runner::{EngineInfo, REFERENCES, shown};
use super::suite::{Benchmark, Size};

/// How instructions are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Counter {
    Perf,
    Callgrind,
}

impl Counter {
    /// `perf` when it can count instructions here, else `callgrind` when
    /// valgrind is installed.
    pub fn detect() -> Result<Counter, String> {
        let probe = |argv: &[&str]| {
            let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
            measure::run(&argv, Duration::from_secs(60)).ok()
        };
        if let Some(r) = probe(&["perf", "stat", "-x,", "-e", "instructions:u", "true"])
            && r.ok()
            && parse_perf(&String::from_utf8_lossy(&r.stderr)).is_some()
        {
            return Ok(Counter::Perf);
        }
        if probe(&["valgrind", "--version"]).is_some_and(|r| r.ok()) {
            return Ok(Counter::Callgrind);
        }
        Err("cannot count instructions: `perf stat -e instructions` is not supported here and \
             valgrind is not installed (ci/setup installs it)"
            .into())
    }

    pub fn name(self) -> &'static str {
        match self {
            Counter::Perf => "perf stat -e instructions:u",
            Counter::Callgrind => "valgrind --tool=callgrind",
        }
    }

    fn wrap(self, argv: &[String]) -> Vec<String> {
        let prefix: &[&str] = match self {
            Counter::Perf => &["perf", "stat", "-x,", "-e", "instructions:u", "--"],
            Counter::Callgrind => &["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"],
        };
        prefix.iter().map(|s| s.to_string()).chain(argv.iter().cloned()).collect()
    }

    /// Runs `argv` under the counter: the run (its stdout is the program's)
    /// and the count.
    pub fn count(self, argv: &[String], limit: Duration) -> Result<(Run, u64), String> {
        let r = measure::run(&self.wrap(argv), limit)?;
        let err = String::from_utf8_lossy(&r.stderr);
        let n = match self {
            Counter::Perf => parse_perf(&err),
            Counter::Callgrind => parse_callgrind(&err),
        };
        let n = n.ok_or_else(|| format!("no instruction count in the output of {}", self.name()))?;
        Ok((r, n))
    }
}

/// The count in `perf stat -x,` output: the line whose third field is the event.
pub fn parse_perf(stderr: &str) -> Option<u64> {
    stderr.lines().rev().find_map(|l| {
        let f: Vec<&str> = l.split(',').collect();
        (f.len() >= 3 && f[2].starts_with("instructions")).then(|| f[0].parse().ok()).flatten()
    })
}

/// The count in callgrind's summary: `==PID== Collected : N`.
pub fn parse_callgrind(stderr: &str) -> Option<u64> {
    stderr.lines().rev().find_map(|l| l.split_once("Collected :").and_then(|(_, n)| n.trim().parse().ok()))
}

/// What became of one engine on one benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Count {
    /// Instructions net of the engine's empty-program count.
    Counted {
        instructions: u64,
    },
    NotApplicable {
        reason: String,
    },
    Mismatch {
        expected: String,
        got: String,
    },
    Failed {
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountRow {
    pub benchmark: String,
    pub arg: String,
    /// One per engine, in engine order.
    pub counts: Vec<Count>,
}

/// The `--instructions` report (its JSON file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountReport {
    pub meta: super::machine::Meta,
    pub counter: Counter,
    pub size: Size,
    pub engines: Vec<EngineInfo>,
    /// Each engine's count for an empty program (subtracted from the rows).
    pub baselines: Vec<u64>,
    pub rows: Vec<CountRow>,
}

/// Counts every benchmark on every engine, outputs checked as in the suite.
pub fn run(
    counter: Counter,
    engines: &[EngineInfo],
    benchmarks: &[Benchmark],
    size: Size,
    limit: Duration,
    meta: super::machine::Meta,
) -> Result<CountReport, String> {
    let empty = std::env::temp_dir().join(format!("twin-bench-empty-{}.lua", std::process::id()));
    std::fs::write(&empty, "").map_err(|e| format!("{}: {e}", empty.display()))?;
    let mut baselines = Vec::new();
    for e in engines {
        let mut argv = e.argv.clone();
        argv.push(empty.to_string_lossy().into_owned());
        let (_, n) = counter.count(&argv, limit).map_err(|err| format!("engine {}: {err}", e.name))?;
        baselines.push(n);
    }
    let _ = std::fs::remove_file(&empty);
    let mut rows = Vec::new();
    for b in benchmarks {
        let mut runs: Vec<Result<(Run, u64), Count>> = Vec::new();
        for (e, base) in engines.iter().zip(&baselines) {
            if b.needs_ffi && !e.ffi {
                runs.push(Err(Count::NotApplicable { reason: "no FFI".into() }));
                continue;
            }
            let mut argv = e.argv.clone();
            argv.push(b.path.to_string_lossy().into_owned());
            argv.push(b.arg(size).to_string());
            runs.push(match counter.count(&argv, limit) {
                Ok((r, n)) if r.ok() => Ok((r, n.saturating_sub(*base))),
                Ok((r, _)) => Err(Count::Failed { message: format!("{:?}: {}", r.exit, shown(&r.stderr)) }),
                Err(message) => Err(Count::Failed { message }),
            });
        }
        let names: Vec<&str> = engines.iter().map(|e| e.name.as_str()).collect();
        let reference = REFERENCES
            .iter()
            .filter_map(|r| names.iter().position(|n| n == r))
            .chain(0..engines.len())
            .find_map(|i| runs[i].as_ref().ok().map(|(r, _)| r.stdout.clone()));
        let counts = runs
            .into_iter()
            .map(|r| match r {
                Ok((run, _)) if Some(&run.stdout) != reference.as_ref() => Count::Mismatch {
                    expected: shown(reference.as_deref().unwrap_or_default()),
                    got: shown(&run.stdout),
                },
                Ok((_, instructions)) => Count::Counted { instructions },
                Err(c) => c,
            })
            .collect::<Vec<_>>();
        let mut line = format!("twin bench --instructions: {:<12}", b.name);
        for (e, c) in engines.iter().zip(&counts) {
            line += &match c {
                Count::Counted { instructions } => format!("  {} {}", e.name, millions(*instructions)),
                Count::NotApplicable { .. } => format!("  {} n/a", e.name),
                Count::Mismatch { got, expected } => {
                    format!("  {} MISMATCH (`{got}`, expected `{expected}`)", e.name)
                }
                Count::Failed { message } => format!("  {} FAILED ({message})", e.name),
            };
        }
        eprintln!("{line}");
        rows.push(CountRow { benchmark: b.name.clone(), arg: b.arg(size).to_string(), counts });
    }
    let mut meta = meta;
    meta.load_after = super::machine::load_average();
    Ok(CountReport { meta, counter, size, engines: engines.to_vec(), baselines, rows })
}

/// `12.3 M` instructions.
pub fn millions(n: u64) -> String {
    let m = n as f64 / 1e6;
    if m >= 100.0 {
        format!("{m:.0} M")
    } else if m >= 1.0 {
        format!("{m:.1} M")
    } else {
        format!("{m:.2} M")
    }
}

/// The report as Markdown: counts, and the first engine's count relative to
/// each other engine's with geometric means.
pub fn markdown(r: &CountReport) -> String {
    let names: Vec<&str> = r.engines.iter().map(|e| e.name.as_str()).collect();
    let Some((ours, others)) = names.split_first() else { return String::new() };
    let mut s = format!(
        "# twin bench --instructions: {} benchmarks, size {}\n\n{}\n\n\
         Instructions retired, counted with `{}`, net of each engine's count for an empty program \
         ({}). Outputs checked as in the suite.\n\n",
        r.rows.len(),
        r.size.name(),
        r.meta.describe(),
        r.counter.name(),
        names
            .iter()
            .zip(&r.baselines)
            .map(|(n, b)| format!("{n} {}", millions(*b)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    s += &format!("| benchmark | arg | {} |", names.join(" | "));
    for o in others {
        s += &format!(" {ours} / {o} |");
    }
    s += &format!("\n|---|---:|{}\n", "---:|".repeat(names.len() + others.len()));
    let value = |c: &Count| match c {
        Count::Counted { instructions } => Some(*instructions as f64),
        _ => None,
    };
    let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); others.len()];
    for row in &r.rows {
        let cells: Vec<String> = row
            .counts
            .iter()
            .map(|c| match c {
                Count::Counted { instructions } => millions(*instructions),
                Count::NotApplicable { .. } => "n/a".into(),
                Count::Mismatch { .. } => "**MISMATCH**".into(),
                Count::Failed { .. } => "**FAILED**".into(),
            })
            .collect();
        s += &format!("| {} | {} | {} |", row.benchmark, row.arg, cells.join(" | "));
        for (j, _) in others.iter().enumerate() {
            match (value(&row.counts[0]), value(&row.counts[j + 1])) {
                (Some(a), Some(b)) if a > 0.0 && b > 0.0 => {
                    ratios[j].push(a / b);
                    s += &format!(" {} |", super::markdown::ratio(a / b));
                }
                _ => s += " - |",
            }
        }
        s += "\n";
    }
    s += &format!("| **geometric mean** | |{}", " |".repeat(names.len()));
    for rs in &ratios {
        s += &match super::stats::geomean(rs) {
            Some(g) => format!(" **{}** |", super::markdown::ratio(g)),
            None => " - |".into(),
        };
    }
    s + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perf_csv_is_parsed() {
        let err = "some program output\n123456789,,instructions:u,1002345,100.00,,\n";
        assert_eq!(parse_perf(err), Some(123_456_789));
        assert_eq!(parse_perf("<not supported>,,instructions:u,0,100.00,,\n"), None);
    }

    #[test]
    fn callgrind_summary_is_parsed() {
        let err = "==28616== Events    : Ir\n==28616== Collected : 465843\n==28616== \n==28616== I   refs: 465,843\n";
        assert_eq!(parse_callgrind(err), Some(465_843));
        assert_eq!(parse_callgrind("nothing"), None);
    }

    #[test]
    fn the_table_is_exactly_this() {
        let info = |name: &str, ffi| EngineInfo {
            name: name.into(),
            argv: vec![name.into()],
            version: String::new(),
            ffi,
        };
        let r = CountReport {
            meta: crate::bench::fixture::meta(),
            counter: Counter::Callgrind,
            size: Size::Small,
            engines: vec![info("ours", true), info("ref", false)],
            baselines: vec![1_000_000, 500_000],
            rows: vec![
                CountRow {
                    benchmark: "fib".into(),
                    arg: "20".into(),
                    counts: vec![
                        Count::Counted { instructions: 12_345_678 },
                        Count::Counted { instructions: 6_000_000 },
                    ],
                },
                CountRow {
                    benchmark: "ffi".into(),
                    arg: "9".into(),
                    counts: vec![
                        Count::Counted { instructions: 2_000_000 },
                        Count::NotApplicable { reason: "no FFI".into() },
                    ],
                },
            ],
        };
        let expected = "\
# twin bench --instructions: 2 benchmarks, size small

2026-11-21T13:02:03Z, box (Some CPU, 2 cores, x86_64), load 1.50 -> 2.25, commit abc123

Instructions retired, counted with `valgrind --tool=callgrind`, net of each engine's count for an empty \
program (ours 1.0 M, ref 0.50 M). Outputs checked as in the suite.

| benchmark | arg | ours | ref | ours / ref |
|---|---:|---:|---:|---:|
| fib | 20 | 12.3 M | 6.0 M | 2.06× |
| ffi | 9 | 2.0 M | n/a | - |
| **geometric mean** | | | | **2.06×** |
";
        assert_eq!(markdown(&r), expected);
    }

    #[test]
    fn counts_are_shown_in_millions() {
        assert_eq!(millions(123_456_789), "123 M");
        assert_eq!(millions(12_345_678), "12.3 M");
        assert_eq!(millions(123_456), "0.12 M");
    }
}
