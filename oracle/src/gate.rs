//! The gate behind `twin gate`: everything a pull request must keep green, in lanes.
//!
//! ```text
//!   conformance-x86_64   the gated suites on every engine configuration, natively
//!   conformance-arm64    the same suites on the `-arm64` configurations, under QEMU
//!                        (a suite given as `DIR@x86_64` or `DIR@arm64` runs on that
//!                        architecture only: its expected files hold one ABI's answers)
//!   regressions-x86_64   conformance/regressions/** on every configuration; every case
//!   regressions-arm64    must now be `same`
//!   fuzz-x86_64          twin-gen programs from fixed seeds, oracle vs configurations
//!   fuzz-arm64           fewer seeds, on the arm64 configurations
//!   informational        suites still being finished (e.g. conformance/stdlib): run and
//!                        reported, never failing the gate; on x86-64, or under QEMU
//!                        for a suite given as `DIR@arm64`
//! ```
//!
//! Every lane runs on one architecture and is judged against that architecture's oracle:
//! the first configuration (`twin-interp`), or its `-arm64` build under QEMU. Expected
//! files hold Lua's semantics and are shared; what a program may legitimately see of its
//! machine (`ffi.arch`, struct layouts, `char` signedness) is compared with an oracle on
//! the same machine, never with the x86-64 one. Each suite of a lane is a section of the
//! summary, with its numbers per engine (see [`crate::summary`]).
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
use crate::summary::{self, Case, EngineRun, Section, Status};
use crate::verdict::Verdict;

/// A lane of the gate (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Lane {
    #[value(name = "conformance-x86_64")]
    ConformanceX86,
    #[value(name = "conformance-arm64")]
    ConformanceArm64,
    #[value(name = "regressions-x86_64")]
    RegressionsX86,
    #[value(name = "regressions-arm64")]
    RegressionsArm64,
    #[value(name = "fuzz-x86_64")]
    FuzzX86,
    #[value(name = "fuzz-arm64")]
    FuzzArm64,
    Informational,
}

impl Lane {
    pub const ALL: [Lane; 7] = [
        Lane::ConformanceX86,
        Lane::ConformanceArm64,
        Lane::RegressionsX86,
        Lane::RegressionsArm64,
        Lane::FuzzX86,
        Lane::FuzzArm64,
        Lane::Informational,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Lane::ConformanceX86 => "conformance-x86_64",
            Lane::ConformanceArm64 => "conformance-arm64",
            Lane::RegressionsX86 => "regressions-x86_64",
            Lane::RegressionsArm64 => "regressions-arm64",
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

impl Arch {
    pub fn name(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }
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

/// The gate's result: one section per lane and suite, in lane order.
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

/// What one suite of a lane produced.
struct Run {
    cases: Vec<Case>,
    engines: Vec<EngineRun>,
    programs: usize,
    note: String,
}

/// One section's work: what it runs (`suite`), where, and how.
struct Part<'a> {
    suite: String,
    arch: Arch,
    work: Box<dyn FnOnce() -> Result<Run, String> + 'a>,
}

/// Runs the selected lanes; `progress` hears about each section as it ends.
pub fn run(
    registry: &Registry,
    options: &Options,
    progress: &mut dyn FnMut(&Section),
) -> Result<Outcome, String> {
    let native = registry.select(&options.engines.join(","))?;
    let arm64_names: Vec<String> = options.engines.iter().map(|e| format!("{e}-arm64")).collect();
    let arm64 = registry.select(&arm64_names.join(",")).map_err(|e| {
        format!("no arm64 configurations ({e}); build twin-lua for aarch64 with ci/cross and install QEMU with ci/setup")
    });
    // Each architecture's lanes are judged against that architecture's oracle (the first
    // engine, `-arm64` on arm64): the expected files hold Lua's semantics, but what a
    // program may legitimately observe of its machine (`ffi.arch`, layouts, `char`
    // signedness) is the oracle's business, not the x86-64 build's.
    let engines_on = |arch: Arch| -> Result<Vec<Engine>, String> {
        match arch {
            Arch::X86_64 => Ok(native.clone()),
            Arch::Arm64 => arm64.clone(),
        }
    };
    // The corpus is read when a lane uses it (its own, or fuzzing for known signatures).
    let uses_corpus = |l: &Lane| {
        matches!(l, Lane::RegressionsX86 | Lane::RegressionsArm64 | Lane::FuzzX86 | Lane::FuzzArm64)
    };
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
        let suite_parts = |informational: bool, only: Option<Arch>| -> Vec<Part<'_>> {
            let suites = if informational { &options.informational } else { &options.suites };
            suites
                .iter()
                .filter(|s| only.is_none_or(|a| s.runs_on(a)))
                .map(|s| {
                    let arch = only.or(s.arch).unwrap_or(Arch::X86_64);
                    let engines = engines_on(arch);
                    Part {
                        suite: s.dir.display().to_string(),
                        arch,
                        work: Box::new(move || conformance(&s.dir, &engines?, options)),
                    }
                })
                .collect()
        };
        let corpus = |arch: Arch| Part {
            suite: options.regressions.display().to_string(),
            arch,
            work: Box::new({
                let engines = engines_on(arch);
                let cases = &cases;
                move || regressions(cases, &engines?, options)
            }),
        };
        let seeds = |arch: Arch, seeds: Range<u64>| Part {
            suite: format!("twin-gen seeds {}..{}", seeds.start, seeds.end),
            arch,
            work: Box::new({
                let engines = engines_on(arch);
                move || fuzz(seeds, &engines?, options)
            }),
        };
        let parts = match lane {
            Lane::ConformanceX86 => suite_parts(false, Some(Arch::X86_64)),
            Lane::ConformanceArm64 => suite_parts(false, Some(Arch::Arm64)),
            // Informational suites run on x86-64 unless given as `DIR@arm64`.
            Lane::Informational => suite_parts(true, None),
            Lane::RegressionsX86 => vec![corpus(Arch::X86_64)],
            Lane::RegressionsArm64 => vec![corpus(Arch::Arm64)],
            Lane::FuzzX86 => vec![seeds(Arch::X86_64, options.fuzz_seeds.clone())],
            Lane::FuzzArm64 => vec![seeds(Arch::Arm64, options.fuzz_seeds_arm64.clone())],
        };
        for part in parts {
            let start = Instant::now();
            let result = (part.work)();
            let mut section = Section {
                name: lane.name().into(),
                suite: part.suite,
                arch: part.arch.name().into(),
                programs: 0,
                engines: Vec::new(),
                cases: Vec::new(),
                elapsed: start.elapsed(),
                note: String::new(),
                broken: None,
                gating: lane != Lane::Informational,
            };
            match result {
                Ok(run) => {
                    section.cases = run.cases;
                    section.engines = run.engines;
                    section.programs = run.programs;
                    section.note = run.note;
                }
                Err(why) => section.broken = Some(why),
            }
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
            progress(&section);
            sections.push(section);
        }
    }
    Ok(Outcome { sections })
}

fn engine_list(engines: &[Engine]) -> String {
    let names: Vec<&str> = engines.iter().map(|e| e.name.as_str()).collect();
    format!("engines {} (oracle {})", names.join(", "), names.first().copied().unwrap_or("-"))
}

fn conformance(dir: &Path, engines: &[Engine], options: &Options) -> Result<Run, String> {
    let format = conform::detect(dir);
    let tests = conform::discover(dir, format, &options.scratch)?;
    let run_options = conform::Options { jobs: options.jobs, ..conform::Options::default() };
    let report = conform::run(&tests, engines, &run_options)?;
    let section = report.section(String::new(), &report.results);
    Ok(Run {
        cases: section.cases,
        engines: section.engines,
        programs: section.programs,
        note: format!("{}; {} tests ({} layout)", engine_list(engines), tests.len(), format.name()),
    })
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

fn regressions(cases: &[RegressionCase], engines: &[Engine], options: &Options) -> Result<Run, String> {
    let programs: Vec<(String, String)> = cases
        .iter()
        .map(|c| {
            let text = std::fs::read_to_string(&c.path).map_err(|e| format!("{}: {e}", c.path.display()))?;
            Ok((c.path.display().to_string(), text))
        })
        .collect::<Result<_, String>>()?;
    let note = format!("{}; {} cases, each must be `same`", engine_list(engines), cases.len());
    parallel_diff(&programs, engines, options.jobs, note)
}

fn fuzz(seeds: Range<u64>, engines: &[Engine], options: &Options) -> Result<Run, String> {
    let programs: Vec<(String, String)> =
        seeds.map(|s| (format!("seed {s}"), twin_gen::from_seed(s).text)).collect();
    parallel_diff(&programs, engines, options.jobs, engine_list(engines))
}

/// Diffs `(name, program)`s on `jobs` threads, each with its own session (a session's
/// workers stay on the thread that started them), keeping the programs' order. An engine's
/// time is its runs' (the oracle's first run of each program only).
fn parallel_diff(
    programs: &[(String, String)],
    engines: &[Engine],
    jobs: usize,
    note: String,
) -> Result<Run, String> {
    type Slot = Option<Result<(Vec<Case>, Vec<f64>), String>>;
    let next = AtomicU64::new(0);
    let slots: Mutex<Vec<Slot>> = Mutex::new(vec![None; programs.len()]);
    thread::scope(|s| {
        for _ in 0..jobs.max(1).min(programs.len().max(1)) {
            s.spawn(|| {
                let mut session = match Session::new(engines.to_vec(), SessionOptions::default()) {
                    Ok(s) => s,
                    Err(e) => {
                        if let Ok(mut slots) = slots.lock()
                            && let Some(first) = slots.first_mut()
                        {
                            *first = Some(Err(e.0));
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
                            let cases = diff_cases(name, &report, |r| {
                                let mut s = format!("program: {name}\n");
                                s += &crate::cli::render_report(Path::new(name), r, false);
                                s
                            });
                            (cases, report.results.iter().map(|r| r.elapsed_ms).collect())
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
    let mut run = Run {
        cases: Vec::new(),
        engines: engines
            .iter()
            .enumerate()
            .map(|(i, e)| EngineRun { engine: e.name.clone(), oracle: i == 0, time: Duration::ZERO })
            .collect(),
        programs: programs.len(),
        note,
    };
    for slot in slots {
        match slot {
            Some(Ok((cases, times))) => {
                run.cases.extend(cases);
                for (e, ms) in run.engines.iter_mut().zip(times) {
                    e.time += Duration::from_secs_f64(ms.max(0.0) / 1000.0);
                }
            }
            Some(Err(e)) => return Err(e),
            None => return Err("a program was not run".into()),
        }
    }
    Ok(run)
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
