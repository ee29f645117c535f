//! The gate behind `twin gate`: everything a pull request must keep green, in lanes.
//!
//! ```text
//!   conformance-x86_64   the gated suites on every engine configuration, natively
//!   conformance-arm64    the same suites on the `-arm64` configurations, under QEMU
//!                        (a suite given as `DIR@x86_64` or `DIR@arm64` runs on that
//!                        architecture only: its expected files hold one ABI's answers)
//!   regressions          conformance/regressions/** on every configuration, both
//!                        architectures; every case must now be `same`
//!   fuzz-x86_64          twin-gen programs from fixed seeds, oracle vs configurations
//!   fuzz-arm64           fewer seeds, the x86-64 oracle vs the arm64 configurations
//!   informational        suites still being finished (e.g. conformance/stdlib): run and
//!                        reported, never failing the gate; on x86-64, or under QEMU
//!                        for a suite given as `DIR@arm64`
//! ```
//!
//! The gate is deterministic: the suites and the corpus are files, and the fuzz lanes run
//! `twin_gen::from_seed` on the same seeds every time. It fails (exit 1) on any finding in
//! a gating lane (an expected-output failure, a divergence, a crash or timeout) and when a
//! gating lane cannot run at all (say the aarch64 build is missing): a gate that silently
//! skips an architecture would pass a change it never tested.
//!
//! A finding is *known* when its verdict signature is the one a regression case records
//! (the corpus header `-- signature:`) or when it is listed in a `--known` file (one
//! `NAME [ENGINE]` or signature a line); known findings still fail the gate, but are
//! listed after the new ones.
//!
//! Regression cases record the engines and verdict of the finding when it was made
//! (`-- engines:`, `-- verdict:`). The gate runs each on twin-lua's configurations, where
//! it must be `same`: a finding in LuaJIT is a trap twin-lua must not fall into, a finding
//! in twin-lua one it must not fall into again. Whether LuaJIT still has its bug is
//! `cargo test -p twin-oracle --test regressions`' business.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::conform;
use crate::engine::{Engine, Registry};
use crate::session::{Options as SessionOptions, Report as DiffReport, Session};
use crate::summary::{self, Case, Section, Status};
use crate::verdict::Verdict;

/// A lane of the gate (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Lane {
    #[value(name = "conformance-x86_64")]
    ConformanceX86,
    #[value(name = "conformance-arm64")]
    ConformanceArm64,
    Regressions,
    #[value(name = "fuzz-x86_64")]
    FuzzX86,
    #[value(name = "fuzz-arm64")]
    FuzzArm64,
    Informational,
}

impl Lane {
    pub const ALL: [Lane; 6] = [
        Lane::ConformanceX86,
        Lane::ConformanceArm64,
        Lane::Regressions,
        Lane::FuzzX86,
        Lane::FuzzArm64,
        Lane::Informational,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Lane::ConformanceX86 => "conformance-x86_64",
            Lane::ConformanceArm64 => "conformance-arm64",
            Lane::Regressions => "regressions",
            Lane::FuzzX86 => "fuzz-x86_64",
            Lane::FuzzArm64 => "fuzz-arm64",
            Lane::Informational => "informational",
        }
    }
}

/// An architecture of the gate's lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    X86_64,
    Arm64,
}

/// A suite directory, and the one architecture it is restricted to, if any (`DIR@arm64`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suite {
    pub dir: PathBuf,
    pub arch: Option<Arch>,
}

impl Suite {
    fn runs_on(&self, arch: Arch) -> bool {
        self.arch.is_none_or(|a| a == arch)
    }
}

impl std::str::FromStr for Suite {
    type Err = String;

    fn from_str(s: &str) -> Result<Suite, String> {
        let (dir, arch) = match s.rsplit_once('@') {
            Some((dir, "x86_64")) => (dir, Some(Arch::X86_64)),
            Some((dir, "arm64")) => (dir, Some(Arch::Arm64)),
            Some((_, other)) => return Err(format!("unknown architecture `{other}` (x86_64 or arm64)")),
            None => (s, None),
        };
        Ok(Suite { dir: PathBuf::from(dir), arch })
    }
}

/// What the gate runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub lanes: Vec<Lane>,
    /// Gated suites (directories, any layout [`conform::detect`] knows).
    pub suites: Vec<Suite>,
    /// Suites run in the informational lane.
    pub informational: Vec<Suite>,
    /// The regression corpus, searched recursively for cases.
    pub regressions: PathBuf,
    /// x86-64 engine configurations; the first is the oracle. The arm64 lanes use the
    /// same names with `-arm64`.
    pub engines: Vec<String>,
    pub fuzz_seeds: Range<u64>,
    pub fuzz_seeds_arm64: Range<u64>,
    pub jobs: usize,
    /// Signatures or `NAME [ENGINE]` lines of findings already known.
    pub known: Vec<String>,
    /// Scratch space for suites that are cut into files (the LuaJIT layout).
    pub scratch: PathBuf,
}

/// The gate's result: one section per lane, in lane order.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub sections: Vec<Section>,
}

impl Outcome {
    /// No gating lane has a finding or failed to run.
    pub fn passed(&self) -> bool {
        !summary::failing(&self.sections)
    }
}

/// Runs the selected lanes; `progress` hears about each lane as it ends.
pub fn run(
    registry: &Registry,
    options: &Options,
    progress: &mut dyn FnMut(&Section),
) -> Result<Outcome, String> {
    let native = registry.select(&options.engines.join(","))?;
    let arm64_names: Vec<String> = options.engines.iter().map(|e| format!("{e}-arm64")).collect();
    let arm64 = registry.select(&arm64_names.join(","));
    // The corpus is read when a lane uses it (its own, or fuzzing for known signatures).
    let uses_corpus = |l: &Lane| matches!(l, Lane::Regressions | Lane::FuzzX86 | Lane::FuzzArm64);
    let cases = if options.lanes.iter().any(uses_corpus) {
        regression_cases(&options.regressions)?
    } else {
        Vec::new()
    };
    let mut known: BTreeMap<String, String> =
        cases.iter().map(|c| (c.signature.clone(), c.path.display().to_string())).collect();
    for k in &options.known {
        known.insert(k.clone(), "--known".into());
    }
    let mut lanes = options.lanes.clone();
    lanes.sort();
    lanes.dedup();
    let mut sections = Vec::new();
    for lane in lanes {
        let start = Instant::now();
        let arm = || {
            arm64.clone().map_err(|e| {
                format!("no arm64 configurations ({e}); build twin-lua for aarch64 with ci/cross and install QEMU with ci/setup")
            })
        };
        let result = match lane {
            Lane::ConformanceX86 => conformance(&on(&options.suites, Arch::X86_64), &native, options),
            Lane::ConformanceArm64 => {
                arm().and_then(|a| conformance(&on(&options.suites, Arch::Arm64), &a, options))
            }
            Lane::Informational => {
                let native_run = conformance(&on(&options.informational, Arch::X86_64), &native, options);
                let arm_only: Vec<PathBuf> = options
                    .informational
                    .iter()
                    .filter(|s| s.arch == Some(Arch::Arm64))
                    .map(|s| s.dir.clone())
                    .collect();
                if arm_only.is_empty() {
                    native_run
                } else {
                    native_run.and_then(|(mut cases, note)| {
                        let (more, arm_note) = arm().and_then(|a| conformance(&arm_only, &a, options))?;
                        cases.extend(more);
                        Ok((cases, format!("{note}; {arm_note}")))
                    })
                }
            }
            Lane::Regressions => {
                // Both architectures when the gate covers arm64 at all.
                let both = options.lanes.contains(&Lane::ConformanceArm64)
                    || options.lanes.contains(&Lane::FuzzArm64);
                let arm_engines = if both { arm() } else { Ok(Vec::new()) };
                arm_engines.and_then(|a| {
                    let engines: Vec<Engine> = native.iter().cloned().chain(a).collect();
                    regressions(&cases, &engines, options)
                })
            }
            Lane::FuzzX86 => fuzz(options.fuzz_seeds.clone(), &native, options),
            Lane::FuzzArm64 => arm().and_then(|a| {
                let engines: Vec<Engine> = native.iter().take(1).cloned().chain(a).collect();
                fuzz(options.fuzz_seeds_arm64.clone(), &engines, options)
            }),
        };
        let gating = lane != Lane::Informational;
        let (cases, note, broken) = match result {
            Ok((cases, note)) => (cases, note, None),
            Err(why) => (Vec::new(), String::new(), Some(why)),
        };
        let mut section =
            Section { name: lane.name().into(), cases, elapsed: Duration::ZERO, note, broken, gating };
        for case in &mut section.cases {
            if case.status.is_finding() && case.known.is_none() {
                let by_name = format!("{} [{}]", case.name, case.engine);
                case.known = case
                    .signature
                    .as_ref()
                    .and_then(|s| known.get(s).cloned())
                    .or_else(|| known.get(&by_name).cloned());
            }
        }
        section.elapsed = start.elapsed();
        progress(&section);
        sections.push(section);
    }
    Ok(Outcome { sections })
}

type LaneResult = Result<(Vec<Case>, String), String>;

fn engine_list(engines: &[Engine]) -> String {
    let names: Vec<&str> = engines.iter().map(|e| e.name.as_str()).collect();
    format!("engines {} (oracle {})", names.join(", "), names.first().copied().unwrap_or("-"))
}

/// The directories of the suites that run on `arch`.
fn on(suites: &[Suite], arch: Arch) -> Vec<PathBuf> {
    suites.iter().filter(|s| s.runs_on(arch)).map(|s| s.dir.clone()).collect()
}

fn conformance(suites: &[PathBuf], engines: &[Engine], options: &Options) -> LaneResult {
    let mut tests = Vec::new();
    let mut names = Vec::new();
    for dir in suites {
        let format = conform::detect(dir);
        tests.extend(conform::discover(dir, format, &options.scratch)?);
        names.push(format!("{} ({})", dir.display(), format.name()));
    }
    let run_options = conform::Options { jobs: options.jobs, ..conform::Options::default() };
    let report = conform::run(&tests, engines, &run_options)?;
    let cases = report.results.iter().flat_map(|r| report.cases_of(r)).collect();
    Ok((cases, format!("{}; {} tests from {}", engine_list(engines), tests.len(), names.join(", "))))
}

/// A case of the regression corpus and what its header records.
#[derive(Debug, Clone)]
pub struct RegressionCase {
    pub path: PathBuf,
    /// The engines the finding was made with, as recorded (`a (oracle) vs b (...)`).
    pub engines: String,
    pub verdict: String,
    pub signature: String,
}

/// Every `.lua` file under `dir` (recursively, sorted) whose leading comment block has the
/// `-- verdict:` and `-- signature:` lines; files without them are helpers of the cases.
pub fn regression_cases(dir: &Path) -> Result<Vec<RegressionCase>, String> {
    let mut files = Vec::new();
    collect_lua(dir, &mut files, 0)?;
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let field = |name: &str| {
            text.lines()
                .take_while(|l| l.starts_with("--"))
                .find_map(|l| l.strip_prefix(&format!("-- {name}:")).map(|v| v.trim().to_owned()))
        };
        if let (Some(verdict), Some(signature)) = (field("verdict"), field("signature")) {
            cases.push(RegressionCase {
                engines: field("engines").unwrap_or_default(),
                path,
                verdict,
                signature,
            });
        }
    }
    Ok(cases)
}

fn collect_lua(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), String> {
    if depth > 16 {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect_lua(&p, out, depth + 1)?;
        } else if p.extension().is_some_and(|x| x == "lua") {
            out.push(p);
        }
    }
    Ok(())
}

/// The cases of one differential report: a case per non-oracle engine.
fn diff_cases(name: &str, report: &DiffReport, render: impl Fn(&DiffReport) -> String) -> Vec<Case> {
    report
        .judgements
        .iter()
        .map(|j| {
            let status = match &j.verdict {
                Verdict::Same => Status::Passed,
                Verdict::Divergent { .. } => Status::Diverged,
                Verdict::Crash { .. } | Verdict::Timeout { .. } => Status::Crashed,
                Verdict::Poisoned { .. } => Status::Skipped,
            };
            let detail = match status {
                Status::Passed => String::new(),
                Status::Skipped => format!("poisoned: {}", j.signature),
                _ => render(report),
            };
            Case {
                name: name.to_owned(),
                engine: j.engine.clone(),
                status,
                signature: (status != Status::Passed).then(|| j.signature.clone()),
                detail,
                known: None,
            }
        })
        .collect()
}

fn regressions(cases: &[RegressionCase], engines: &[Engine], options: &Options) -> LaneResult {
    let programs: Vec<(String, String)> = cases
        .iter()
        .map(|c| {
            let text = std::fs::read_to_string(&c.path).map_err(|e| format!("{}: {e}", c.path.display()))?;
            Ok((c.path.display().to_string(), text))
        })
        .collect::<Result<_, String>>()?;
    let results = parallel_diff(&programs, engines, options.jobs)?;
    let note = format!("{}; {} cases, each must be `same`", engine_list(engines), cases.len());
    Ok((results, note))
}

fn fuzz(seeds: Range<u64>, engines: &[Engine], options: &Options) -> LaneResult {
    let programs: Vec<(String, String)> =
        seeds.clone().map(|s| (format!("seed {s}"), twin_gen::from_seed(s).text)).collect();
    let results = parallel_diff(&programs, engines, options.jobs)?;
    let note = format!("{}; twin-gen seeds {}..{}", engine_list(engines), seeds.start, seeds.end);
    Ok((results, note))
}

/// Diffs `(name, program)`s on `jobs` threads, each with its own session (a session's
/// workers stay on the thread that started them), keeping the programs' order.
fn parallel_diff(
    programs: &[(String, String)],
    engines: &[Engine],
    jobs: usize,
) -> Result<Vec<Case>, String> {
    let next = AtomicU64::new(0);
    let slots: Mutex<Vec<Option<Result<Vec<Case>, String>>>> = Mutex::new(vec![None; programs.len()]);
    thread::scope(|s| {
        for _ in 0..jobs.max(1).min(programs.len().max(1)) {
            s.spawn(|| {
                let mut session = match Session::new(engines.to_vec(), SessionOptions::default()) {
                    Ok(s) => s,
                    Err(e) => {
                        if let Ok(mut slots) = slots.lock() {
                            slots[0] = Some(Err(e.0));
                        }
                        return;
                    }
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed) as usize;
                    let Some((name, text)) = programs.get(i) else { break };
                    let result = session
                        .diff(text)
                        .map(|report| {
                            diff_cases(name, &report, |r| {
                                let mut s = format!("program: {name}\n");
                                s += &crate::cli::render_report(Path::new(name), r, false);
                                s
                            })
                        })
                        .map_err(|e| format!("{name}: {}", e.0));
                    if let Ok(mut slots) = slots.lock() {
                        slots[i] = Some(result);
                    }
                }
            });
        }
    });
    let slots = slots.into_inner().map_err(|_| "a gate thread panicked".to_string())?;
    let mut cases = Vec::new();
    for slot in slots {
        match slot {
            Some(Ok(c)) => cases.extend(c),
            Some(Err(e)) => return Err(e),
            None => return Err("a program was not run".into()),
        }
    }
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suites_may_name_one_architecture() {
        let s: Suite = "conformance/ffi@arm64".parse().unwrap();
        assert_eq!((s.dir.as_path(), s.arch), (Path::new("conformance/ffi"), Some(Arch::Arm64)));
        assert!(s.runs_on(Arch::Arm64) && !s.runs_on(Arch::X86_64));
        let all: Suite = "conformance/core".parse().unwrap();
        assert!(all.runs_on(Arch::Arm64) && all.runs_on(Arch::X86_64));
        assert!("x@sparc".parse::<Suite>().unwrap_err().contains("unknown architecture"));
    }

    #[test]
    fn the_corpus_headers_are_read() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/regressions");
        let cases = regression_cases(&dir).expect("corpus readable");
        assert!(cases.len() >= 5, "{cases:?}");
        let nan = cases.iter().find(|c| c.path.ends_with("nan_key_store.lua")).expect("nan_key_store");
        assert_eq!(nan.verdict, "divergent");
        assert!(nan.engines.starts_with("luajit-joff (oracle) vs luajit-stress"));
        assert!(nan.signature.starts_with("divergent|error|"));
    }
}
