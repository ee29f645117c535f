//! `twin triage DIR`: from a findings directory to one report section per bug.
//!
//! ```text
//!   findings (triage_input.rs) ─> signature (recorded, or judged afresh)
//!     ─> group by (engines, signature), sorted ─> representative: the smallest program
//!     ─> reduce (reduce/) ─> re-check N times in fresh workers (deterministic / flaky)
//!     ─> trace dump of the judged engine (`-jdump`), bisection over -O options (bisect.rs)
//!     ─> report.md + report.html (report/)
//! ```
//!
//! A finding whose program no longer reproduces (LuaJIT is not fully
//! repeatable) keeps its section, marked "not reproduced", with the original
//! program: losing it silently would lose a bug.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::bisect::{Bisection, bisect};
use crate::engine::{Engine, Registry};
use crate::reduce::{Goal, ReduceOptions, judge, reduce, size};
use crate::session::Report;
use crate::triage_input::{self as findings, Finding};

#[derive(Debug, Clone)]
pub struct TriageOptions {
    /// Engines for findings that do not name theirs.
    pub engines: String,
    /// Re-checks of each reduced program, each in fresh workers.
    pub rechecks: usize,
    pub threads: usize,
    pub bisect: bool,
}

/// One distinct bug.
#[derive(Debug, Clone)]
pub struct Bug {
    pub signature: String,
    pub engines: Vec<String>,
    pub findings: Vec<PathBuf>,
    /// Seconds since the epoch, one per finding.
    pub timestamps: Vec<u64>,
    pub original: String,
    /// The reduced program, or the original when reduction failed.
    pub program: String,
    /// Why reduction did not happen, if it did not.
    pub reduce_error: Option<String>,
    pub reduce_seconds: f64,
    /// The reduced program's judgement.
    pub report: Option<Report>,
    /// Re-checks that showed the same goal, of `rechecks`.
    pub reproduced: usize,
    pub rechecks: usize,
    pub command: String,
    pub trace_log: String,
    pub bisection: Option<Result<Bisection, String>>,
    /// Where the reduced program was written.
    pub file: PathBuf,
}

impl Bug {
    pub fn stability(&self) -> &'static str {
        match self.reproduced {
            0 => "not reproduced",
            n if n == self.rechecks => "deterministic",
            _ => "flaky",
        }
    }
    pub fn sizes(&self) -> ((usize, usize), (usize, usize)) {
        (size(&self.original), size(&self.program))
    }
}

pub struct Triage {
    pub dir: PathBuf,
    pub bugs: Vec<Bug>,
    pub skipped: Vec<String>,
    pub findings: usize,
}

/// Triage of every finding under `dir`; reduced programs go to `out`.
pub fn triage(
    dir: &Path,
    out: &Path,
    registry: &Registry,
    options: &TriageOptions,
    log: &mut dyn FnMut(&str),
) -> Result<Triage, String> {
    let mut skipped = Vec::new();
    let all = findings::read_dir(dir, &mut skipped)?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let default_engines: Vec<String> = options.engines.split(',').map(|s| s.trim().to_string()).collect();
    let mut groups: BTreeMap<(Vec<String>, String), Vec<Finding>> = BTreeMap::new();
    for f in &all {
        let engines = f.engines.clone().unwrap_or_else(|| default_engines.clone());
        let signature = match &f.signature {
            Some(s) => s.clone(),
            None => match registry.select(&engines.join(",")).and_then(|e| judge_key(&f.program, &e)) {
                Ok(key) => key,
                Err(e) => {
                    skipped.push(format!("{}: {e}", f.dir.display()));
                    continue;
                }
            },
        };
        if signature == "same" {
            skipped.push(format!("{}: the engines agree", f.dir.display()));
            continue;
        }
        groups.entry((engines, signature)).or_default().push(f.clone());
    }
    let mut bugs = Vec::new();
    for (n, ((engine_names, signature), members)) in groups.into_iter().enumerate() {
        log(&format!("bug {}: {signature} ({} findings)", n + 1, members.len()));
        let engines = registry.select(&engine_names.join(","))?;
        let rep = members.iter().min_by_key(|f| (size(&f.program).1, f.dir.clone())).ok_or("empty group")?;
        let file = out.join(format!("bug-{}.lua", n + 1));
        let mut ro = ReduceOptions::for_engines(&engines);
        ro.threads = options.threads;
        let started = std::time::Instant::now();
        let (program, reduce_error, goal) = match reduce(&rep.program, &engines, &ro, &mut |_| {}) {
            Ok(r) => (r.program, None, Some(r.goal)),
            Err(e) => (rep.program.clone(), Some(e), None),
        };
        let reduce_seconds = started.elapsed().as_secs_f64();
        std::fs::write(&file, &program).map_err(|e| format!("{}: {e}", file.display()))?;
        let (mut reproduced, mut report) = (0, None);
        for _ in 0..options.rechecks {
            if let Ok(r) = judge(&program, &engines) {
                let g = Goal::of(&r);
                let same = match &goal {
                    Some(goal) => g.as_ref() == Some(goal),
                    None => r.judgements.first().is_some_and(|j| j.signature == signature),
                };
                reproduced += usize::from(same);
                report.get_or_insert(r);
            }
        }
        let bisection = options.bisect.then(|| bisect(&program, &engines, &mut |_| {}));
        let mut timestamps: Vec<u64> = members.iter().filter_map(|f| f.timestamp).collect();
        timestamps.sort();
        bugs.push(Bug {
            command: format!("twin diff {} --engines {}", file.display(), engine_names.join(",")),
            trace_log: trace_log(&engines[1], &program),
            signature,
            engines: engine_names,
            findings: members.iter().map(|f| f.dir.clone()).collect(),
            timestamps,
            original: rep.program.clone(),
            program,
            reduce_error,
            reduce_seconds,
            report,
            reproduced,
            rechecks: options.rechecks,
            bisection,
            file,
        });
    }
    Ok(Triage { dir: dir.to_path_buf(), bugs, skipped, findings: all.len() })
}

/// A finding's group key ([`crate::dedup::group_key`]), judged afresh; a
/// flaky finding gets a few runs before it counts as agreeing.
fn judge_key(program: &str, engines: &[Engine]) -> Result<String, String> {
    let mut key = "same".to_string();
    for _ in 0..5 {
        let r = judge(program, engines)?;
        key = r.judgements.first().map_or_else(|| "same".into(), crate::dedup::group_key);
        if key != "same" {
            break;
        }
    }
    Ok(key)
}

/// The judged engine's `-jdump` output for `program`, run outside the
/// harness (checkpoints become no-ops on the program's first line, so line
/// numbers in the dump are the program's).
pub fn trace_log(engine: &Engine, program: &str) -> String {
    const NOT_AVAILABLE: &str = "not available";
    let Ok(argv) = engine.argv() else { return format!("{NOT_AVAILABLE} (engine cannot start)") };
    let path = std::env::temp_dir().join(format!("twin-triage-{}-{}.lua", std::process::id(), engine.name));
    let stub = "twin_checkpoint = function() end; TWIN_FFI_HELPER = os.getenv('TWIN_FFI_HELPER'); ";
    if std::fs::write(&path, format!("{stub}{program}")).is_err() {
        return format!("{NOT_AVAILABLE} (cannot write a temporary file)");
    }
    let mut cmd = std::process::Command::new("timeout");
    cmd.arg("20").args(&argv).arg("-jdump").arg(&path).envs(&engine.env);
    if let Some(helper) = crate::engine::ffi_helper_for(engine) {
        cmd.env("TWIN_FFI_HELPER", helper);
    }
    let result = cmd.output();
    let _ = std::fs::remove_file(&path);
    match result {
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
            if text.contains("---- TRACE") {
                text
            } else {
                format!("{NOT_AVAILABLE} ({} printed no trace dump for -jdump)", engine.name)
            }
        }
        Err(e) => format!("{NOT_AVAILABLE} ({e})"),
    }
}

/// `twin triage DIR [--out OUT] [--engines A,B] [--rechecks N] [--no-bisect]`:
/// writes OUT/report.md, OUT/report.html and OUT/bug-N.lua (OUT defaults to
/// DIR/triage), prints the Markdown report's path and a one-line summary per
/// bug. Exit status 0, or 2 on an error.
#[derive(clap::Args, Debug)]
pub struct TriageArgs {
    dir: PathBuf,
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Engines for findings that do not record theirs (oracle first).
    #[arg(long, default_value = "twin-interp,twin-jit")]
    engines: String,
    /// Re-checks of each reduced program in fresh workers.
    #[arg(long, default_value_t = 3)]
    rechecks: usize,
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Skip bisection over JIT options.
    #[arg(long)]
    no_bisect: bool,
}

pub fn run(registry: &Registry, args: TriageArgs) -> Result<i32, String> {
    let out = args.out.clone().unwrap_or_else(|| args.dir.join("triage"));
    let options = TriageOptions {
        engines: args.engines,
        rechecks: args.rechecks.max(1),
        threads: args.threads.max(1),
        bisect: !args.no_bisect,
    };
    let t = triage(&args.dir, &out, registry, &options, &mut |l| eprintln!("triage: {l}"))?;
    let write = |name: &str, text: String| {
        let p = out.join(name);
        std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display())).map(|_| p)
    };
    let md = write("report.md", crate::report::markdown(&t))?;
    let html = write("report.html", crate::report::html::render(&t))?;
    for (n, b) in t.bugs.iter().enumerate() {
        let ((bl, _), (al, _)) = b.sizes();
        println!(
            "bug {}: {} [{}] {bl} -> {al} lines, {} findings",
            n + 1,
            b.signature,
            b.stability(),
            b.findings.len()
        );
    }
    println!("{}\n{}", md.display(), html.display());
    Ok(0)
}
