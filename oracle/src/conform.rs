//! The conformance runner behind `twin conform`: a suite, several engines, one verdict per
//! test and engine.
//!
//! # Suite layouts
//!
//! ```text
//!   project   conformance/<suite>/<area>/NN_name.lua + NN_name.expected
//!             (twin-conformance's layout and runner; the test meets its expected file)
//!   luajit    a tree of directories, each with an `index` file listing its members, one a
//!             line, with tags:   lib          ffi.lua +ffi       trace +jit
//!             A listed `.lua` file holds tests as top-level blocks
//!                 do --- name +tag ...
//!                 end
//!             after a common prefix; a test asserts, so it meets its expectation when it
//!             runs to the end without an error. A file without such blocks is one test.
//!   lua51     a directory with a driver script `all.lua` that runs the others (`dofile`);
//!             the driver is one test, met when it runs to the end without an error.
//! ```
//!
//! [`detect`] tells them apart by an `index` file, then an `all.lua`, else the project
//! layout. Tags of the LuaJIT layout are requirements (`+ffi`, `+jit`, `+luajit>=2.1`,
//! `+lua<5.2`, `+slow`) or their negations (`-jit`) and are inherited from the index entries
//! above a test; a test whose requirement an engine lacks is skipped on that engine, with
//! the requirement as the reason. `!name` tags tune the LuaJIT runner's environment and
//! mean nothing here: every test runs in a fresh process.
//!
//! # Verdicts
//!
//! Every test runs on every engine as a command line (`[emulator] engine flags FILE`, see
//! [`twin_conformance::run`]). The first engine is the oracle. On each engine a test is
//!
//! ```text
//!   skipped   the engine lacks a requirement of the test
//!   diverged  the engine's run differs from the oracle's (whatever the expectation says)
//!   failed    it agrees with the oracle but misses the expectation (the oracle does too)
//!   passed    it meets the expectation and agrees with the oracle
//! ```
//!
//! "Agrees" compares what the layout makes deterministic: the rendered output (stdout plus
//! how the run ended) for project and LuaJIT tests; only how the run ended for a Lua 5.1
//! driver, whose output prints timings and memory figures.
//!
//! LuaJIT-layout tests are cut out of their files into a scratch directory, keeping their
//! line numbers (other tests' lines are left blank), with the suite root on `package.path`
//! so `require "common.x"` finds shared helpers as LuaJIT's runner provides them.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use twin_conformance as tc;

use crate::engine::Engine;
use crate::summary::{Case, EngineRun, Section, Status};

/// A suite layout (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Project,
    Luajit,
    Lua51,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Project => "project",
            Format::Luajit => "luajit",
            Format::Lua51 => "lua51",
        }
    }
}

/// The layout of the suite in `dir`: an `index` file means LuaJIT's, an `all.lua` Lua 5.1's.
pub fn detect(dir: &Path) -> Format {
    if dir.join("index").is_file() {
        Format::Luajit
    } else if dir.join("all.lua").is_file() {
        Format::Lua51
    } else {
        Format::Project
    }
}

/// What a test must do on an engine to meet its expectation.
#[derive(Debug, Clone)]
pub enum Expect {
    /// Render exactly as this expected file (project layout).
    Output(PathBuf),
    /// Exit 0 with nothing on stderr: no assertion failed.
    Success,
}

/// One test of a suite, ready to run.
#[derive(Debug, Clone)]
pub struct Test {
    /// The suite's directory name, e.g. `core`.
    pub suite: String,
    /// The area in the suite, e.g. `errors` or `lib/ffi`.
    pub area: String,
    pub name: String,
    /// The file to run; its directory is the working directory.
    pub program: PathBuf,
    pub expect: Expect,
    /// Requirements, inherited ones included (`+ffi`, `-jit`).
    pub tags: Vec<String>,
    /// Whether agreement is judged on how the run ended only (not its output).
    pub ending_only: bool,
}

impl Test {
    /// `suite/area/name`, the test's name in reports.
    pub fn id(&self) -> String {
        format!("{}/{}/{}", self.suite, self.area, self.name)
    }
}

/// Finds the tests of the suite in `dir`. LuaJIT-layout tests are written into `scratch`.
pub fn discover(dir: &Path, format: Format, scratch: &Path) -> Result<Vec<Test>, String> {
    let suite = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string());
    let io_err = |e: io::Error| format!("{}: {e}", dir.display());
    match format {
        Format::Project => Ok(tc::discover(dir)
            .map_err(io_err)?
            .into_iter()
            .map(|p| Test {
                suite: suite.clone(),
                area: p.area.clone(),
                name: p.name.clone(),
                expect: Expect::Output(p.expected_path()),
                program: p.path,
                tags: Vec::new(),
                ending_only: false,
            })
            .collect()),
        Format::Lua51 => Ok(vec![Test {
            suite,
            area: "driver".into(),
            name: "all.lua".into(),
            program: dir.join("all.lua"),
            expect: Expect::Success,
            tags: Vec::new(),
            ending_only: true,
        }]),
        Format::Luajit => {
            let root = dir.canonicalize().map_err(io_err)?;
            let mut tests = Vec::new();
            let out = scratch.join(&suite);
            walk_index(&root, &root, "", &[], &suite, &out, 0, &mut tests)?;
            Ok(tests)
        }
    }
}

/// Deepest index nesting followed; deeper is a cycle through symlinks or a mistake.
const MAX_INDEX_DEPTH: usize = 32;

#[allow(clippy::too_many_arguments)]
fn walk_index(
    root: &Path,
    dir: &Path,
    area: &str,
    inherited: &[String],
    suite: &str,
    scratch: &Path,
    depth: usize,
    tests: &mut Vec<Test>,
) -> Result<(), String> {
    if depth > MAX_INDEX_DEPTH {
        return Err(format!("{}: index files nested deeper than {MAX_INDEX_DEPTH}", dir.display()));
    }
    let index = dir.join("index");
    let text = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let Some(entry) = words.next().filter(|w| !w.starts_with('#')) else { continue };
        let mut tags = inherited.to_vec();
        tags.extend(words.map(str::to_owned));
        let path = dir.join(entry);
        if entry.ends_with(".lua") {
            let file_area = if area.is_empty() { ".".to_owned() } else { area.to_owned() };
            let source = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let out_dir = scratch.join(if area.is_empty() { "_" } else { area });
            std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
            let stem = entry.trim_end_matches(".lua");
            for (k, cut) in split_tests(&source).into_iter().enumerate() {
                let program = out_dir.join(format!("{stem}__{k:03}.lua"));
                let text = with_search_path(root, &path, &cut.text);
                std::fs::write(&program, text).map_err(|e| format!("{}: {e}", program.display()))?;
                let mut t = tags.clone();
                t.extend(cut.tags);
                let name =
                    if cut.name.is_empty() { entry.to_owned() } else { format!("{entry}: {}", cut.name) };
                tests.push(Test {
                    suite: suite.to_owned(),
                    area: file_area.clone(),
                    name,
                    program,
                    expect: Expect::Success,
                    tags: t,
                    ending_only: false,
                });
            }
        } else if path.join("index").is_file() {
            let sub = if area.is_empty() { entry.to_owned() } else { format!("{area}/{entry}") };
            walk_index(root, &path, &sub, &tags, suite, scratch, depth + 1, tests)?;
        } else {
            return Err(format!(
                "{}: `{entry}` is neither a .lua file nor a directory with an index",
                index.display()
            ));
        }
    }
    Ok(())
}

/// One test cut out of a LuaJIT-layout file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub name: String,
    pub tags: Vec<String>,
    /// The file with every other test's lines blank, so line numbers stay the file's.
    pub text: String,
}

/// Splits a file into its `do --- name tags` blocks, each with the common prefix (the
/// lines before the first block). A block ends at the first line that is `end` at column
/// 0. A file without blocks is one unnamed test.
pub fn split_tests(source: &str) -> Vec<Cut> {
    let lines: Vec<&str> = source.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(head) = lines[i].strip_prefix("do").and_then(|r| r.trim_start().strip_prefix("---")) {
            let start = i;
            let mut end = i + 1;
            while end < lines.len() && !is_block_end(lines[end]) {
                end += 1;
            }
            let (mut name, mut tags) = (Vec::new(), Vec::new());
            for w in head.split_whitespace() {
                if w.starts_with(['+', '-', '!']) { tags.push(w.to_owned()) } else { name.push(w) }
            }
            blocks.push((start, end.min(lines.len() - 1), name.join(" "), tags));
            i = end + 1;
        } else {
            i += 1;
        }
    }
    if blocks.is_empty() {
        return vec![Cut { name: String::new(), tags: Vec::new(), text: source.to_owned() }];
    }
    let prefix_end = blocks[0].0;
    blocks
        .into_iter()
        .map(|(start, end, name, tags)| {
            let text: String = lines
                .iter()
                .enumerate()
                .map(|(n, l)| if n < prefix_end || (start..=end).contains(&n) { *l } else { "" })
                .flat_map(|l| [l, "\n"])
                .collect();
            Cut { name, tags, text }
        })
        .collect()
}

fn is_block_end(line: &str) -> bool {
    line.strip_prefix("end").is_some_and(|r| r.trim().is_empty() || r.trim_start().starts_with("--"))
}

/// Puts the suite root and the test file's directory first on `package.path`, on the
/// first line (so no line number moves).
fn with_search_path(root: &Path, file: &Path, text: &str) -> String {
    let dir = file.parent().unwrap_or(root);
    let paths = format!("{}/?.lua;{}/?.lua;", root.display(), dir.display());
    let mut level = String::new();
    while paths.contains(&format!("]{level}]")) {
        level.push('=');
    }
    format!("package.path = [{level}[{paths}]{level}] .. package.path; {text}")
}

/// What the engines can do, for the tags.
#[derive(Debug, Clone, Copy)]
struct Features {
    luajit: bool,
    jit: bool,
}

impl Features {
    /// A LuaJIT-compatible engine unless the program is a plain `lua*` interpreter; JIT on
    /// unless `-joff` (or `-j off`) is among its flags.
    fn of(engine: &Engine, argv: &[String]) -> Features {
        let program = argv.get(engine.emulator.len()).map(String::as_str).unwrap_or_default();
        let base =
            Path::new(program).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let luajit = !base.starts_with("lua") || base.starts_with("luajit");
        let joff =
            engine.args.iter().any(|a| a == "-joff") || engine.args.windows(2).any(|w| w == ["-j", "off"]);
        Features { luajit, jit: luajit && !joff }
    }

    /// Why the engine cannot run a test with `tags`, if it cannot.
    fn lacks(self, tags: &[String], slow: bool) -> Option<String> {
        for tag in tags {
            let (want, feature) = match tag.as_bytes().first() {
                Some(b'+') => (true, &tag[1..]),
                Some(b'-') => (false, &tag[1..]),
                _ => continue,
            };
            let has = match feature {
                "ffi" | "bit" | "luajit" => Some(self.luajit),
                "jit" => Some(self.jit),
                "slow" => Some(slow),
                f if f.starts_with("luajit>=") || f.starts_with("luajit>") => Some(
                    self.luajit
                        && version_at_most(&f[f.find(|c: char| c.is_ascii_digit()).unwrap_or(0)..], "2.1"),
                ),
                f if f.starts_with("lua<") => Some(version_at_most("5.1", &f[4..]) && "5.1" != &f[4..]),
                f if f.starts_with("lua>=") => Some(version_at_most(&f[5..], "5.1")),
                _ => None,
            };
            match has {
                None => return Some(format!("unknown requirement {tag}")),
                Some(h) if h != want => return Some(format!("requires {tag}")),
                Some(_) => {}
            }
        }
        None
    }
}

/// `a <= b` for dotted version numbers.
fn version_at_most(a: &str, b: &str) -> bool {
    let parse = |v: &str| v.split('.').map(|p| p.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>();
    parse(a) <= parse(b)
}

/// One test on one engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    /// Missed the expectation; agrees with the oracle (details: a diff or the error).
    Failed(String),
    /// Differs from the oracle (details: a diff of the two runs).
    Diverged(String),
    Skipped(String),
}

impl Outcome {
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Failed(_) => "failed",
            Outcome::Diverged(_) => "diverged",
            Outcome::Skipped(_) => "skipped",
        }
    }

    pub fn is_failure(&self) -> bool {
        matches!(self, Outcome::Failed(_) | Outcome::Diverged(_))
    }

    pub fn detail(&self) -> &str {
        match self {
            Outcome::Passed => "",
            Outcome::Failed(d) | Outcome::Diverged(d) | Outcome::Skipped(d) => d,
        }
    }
}

/// A test's outcome on every engine, in engine order.
#[derive(Debug, Clone)]
pub struct TestResult {
    pub test: Test,
    pub outcomes: Vec<Outcome>,
    /// How long each engine's run took (zero where skipped).
    pub times: Vec<Duration>,
}

/// A suite run.
#[derive(Debug, Clone)]
pub struct Report {
    pub engines: Vec<String>,
    pub results: Vec<TestResult>,
    pub elapsed: Duration,
}

/// Settings of a run.
#[derive(Debug, Clone)]
pub struct Options {
    pub jobs: usize,
    /// Run `+slow` tests.
    pub slow: bool,
    /// Overrides every engine's timeout.
    pub timeout: Option<Duration>,
}

impl Default for Options {
    fn default() -> Options {
        Options { jobs: 2, slow: false, timeout: None }
    }
}

struct Runner {
    engine: tc::Engine,
    features: Features,
    timeout: Duration,
}

fn runner(engine: &Engine, options: &Options, scratch: &Path) -> Result<Runner, String> {
    let argv = engine.argv()?;
    let program_at = engine.emulator.len();
    let program = argv.get(program_at).ok_or_else(|| format!("engine {}: empty command", engine.name))?;
    let rest: Vec<&str> = argv.iter().enumerate().filter(|(i, _)| *i != 0).map(|(_, a)| a.as_str()).collect();
    let mut engine_cmd = tc::Engine::new(&argv[0], &rest);
    // Programs that call the FFI helper library (conformance/ffi/helper) find it here, built
    // for the engine's architecture, as generated programs do (see `engine`).
    let mut env = engine.env.clone();
    if let Some(helper) = crate::engine::ffi_helper_for(engine) {
        env.entry("TWIN_FFI_HELPER".into()).or_insert(helper);
    }
    for (k, v) in &env {
        engine_cmd = engine_cmd.with_env(k, v);
    }
    let name = message_prefix(&engine_cmd, scratch).unwrap_or_else(|| {
        Path::new(program).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    });
    Ok(Runner {
        engine: engine_cmd.with_name(&name),
        features: Features::of(engine, &argv),
        timeout: options.timeout.unwrap_or(Duration::from_millis(engine.timeout_ms)),
    })
}

/// The name an engine puts before its error messages (`luajit` in `luajit: x.lua:1: ...`),
/// learnt by running a program that raises an error: under an emulator or a wrapper
/// script the program's file name says nothing about it.
fn message_prefix(engine: &tc::Engine, scratch: &Path) -> Option<String> {
    const MARK: &str = "twin-conform-probe";
    std::fs::create_dir_all(scratch).ok()?;
    let path = scratch.join("00_probe.lua");
    std::fs::write(&path, format!("error('{MARK}', 0)\n")).ok()?;
    let program = tc::Program { area: String::new(), name: "00_probe".into(), path };
    let obs = tc::run(engine, &program, Duration::from_secs(60)).ok()?;
    let first = String::from_utf8_lossy(&obs.stderr).lines().next()?.to_owned();
    first.strip_suffix(&format!(": {MARK}")).map(str::to_owned)
}

/// One run, rendered, or why it could not be made.
type Rendered = Result<Vec<u8>, String>;

/// Runs `tests` on `engines` (the first is the oracle) and judges every pair.
pub fn run(tests: &[Test], engines: &[Engine], options: &Options) -> Result<Report, String> {
    if engines.is_empty() {
        return Err("no engines".into());
    }
    let start = Instant::now();
    let scratch = std::env::temp_dir().join(format!("twin-conform-probe-{}", std::process::id()));
    let runners: Result<Vec<Runner>, String> = engines.iter().map(|e| runner(e, options, &scratch)).collect();
    let _ = std::fs::remove_dir_all(&scratch);
    let runners = runners?;
    let n = runners.len();
    // Work items are (test, engine) pairs; skipped pairs never run.
    let skips: Vec<Option<String>> = tests
        .iter()
        .flat_map(|t| runners.iter().map(move |r| r.features.lacks(&t.tags, options.slow)))
        .collect();
    let next = AtomicUsize::new(0);
    let runs: Mutex<Vec<Option<(Rendered, Duration)>>> = Mutex::new(vec![None; tests.len() * n]);
    thread::scope(|s| {
        for _ in 0..options.jobs.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= tests.len() * n {
                        break;
                    }
                    if skips[i].is_some() {
                        continue;
                    }
                    let (t, r) = (&tests[i / n], &runners[i % n]);
                    let program =
                        tc::Program { area: t.area.clone(), name: t.name.clone(), path: t.program.clone() };
                    let started = Instant::now();
                    let rendered = tc::run(&r.engine, &program, r.timeout)
                        .map(|o| tc::render(&o, r.engine.name()))
                        .map_err(|e| format!("cannot run {}: {e}", r.engine.describe()));
                    if let Ok(mut runs) = runs.lock() {
                        runs[i] = Some((rendered, started.elapsed()));
                    }
                }
            });
        }
    });
    let runs = runs.into_inner().map_err(|_| "a runner thread panicked".to_string())?;
    let mut results = Vec::with_capacity(tests.len());
    for (k, test) in tests.iter().enumerate() {
        let expected = match &test.expect {
            Expect::Output(p) => Some(std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))),
            Expect::Success => None,
        };
        let oracle = runs[k * n].as_ref().map(|(r, _)| r);
        let outcomes = (0..n)
            .map(|e| match (&skips[k * n + e], runs[k * n + e].as_ref().map(|(r, _)| r)) {
                (Some(why), _) => Outcome::Skipped(why.clone()),
                (None, None) => Outcome::Failed("not run".into()),
                (None, Some(Err(why))) => Outcome::Failed(why.clone()),
                (None, Some(Ok(actual))) => {
                    judge(test, expected.as_ref(), oracle, actual, e == 0, &engines[0].name)
                }
            })
            .collect();
        let times = (0..n).map(|e| runs[k * n + e].as_ref().map_or(Duration::ZERO, |(_, t)| *t)).collect();
        results.push(TestResult { test: test.clone(), outcomes, times });
    }
    Ok(Report {
        engines: engines.iter().map(|e| e.name.clone()).collect(),
        results,
        elapsed: start.elapsed(),
    })
}

fn judge(
    test: &Test,
    expected: Option<&Result<Vec<u8>, String>>,
    oracle: Option<&Rendered>,
    actual: &[u8],
    is_oracle: bool,
    oracle_name: &str,
) -> Outcome {
    if !is_oracle && let Some(Ok(o)) = oracle {
        let key = |r: &[u8]| if test.ending_only { ending(r).to_vec() } else { r.to_vec() };
        if key(o) != key(actual) {
            return Outcome::Diverged(format!(
                "differs from the oracle {oracle_name} ('-' oracle, '+' this engine):\n{}",
                tc::diff(&String::from_utf8_lossy(o), &String::from_utf8_lossy(actual))
            ));
        }
    }
    match expected {
        Some(Err(why)) => Outcome::Failed(why.clone()),
        Some(Ok(e)) if e != actual => Outcome::Failed(format!(
            "misses the expected output ('-' expected, '+' actual):\n{}",
            tc::diff(&String::from_utf8_lossy(e), &String::from_utf8_lossy(actual))
        )),
        Some(Ok(_)) => Outcome::Passed,
        None if ending(actual).is_empty() => Outcome::Passed,
        None => Outcome::Failed(String::from_utf8_lossy(ending(actual)).trim_end().to_owned()),
    }
}

/// The `--- ...` trailer of a rendered run (how it ended), empty for a clean exit.
fn ending(rendered: &[u8]) -> &[u8] {
    let body = rendered.strip_suffix(b"\n").unwrap_or(rendered);
    let start = body.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    if rendered[start..].starts_with(b"--- ") { &rendered[start..] } else { &[] }
}

impl Report {
    /// Counts of (passed, failed, diverged, skipped) over every test and engine.
    pub fn counts(&self) -> [usize; 4] {
        let mut c = [0; 4];
        for o in self.results.iter().flat_map(|r| &r.outcomes) {
            c[slot(o)] += 1;
        }
        c
    }

    /// Per area (`suite/area`), the counts of [`Report::counts`], sorted.
    pub fn by_area(&self) -> Vec<(String, [usize; 4])> {
        let mut areas: std::collections::BTreeMap<String, [usize; 4]> = Default::default();
        for r in &self.results {
            let c = areas.entry(format!("{}/{}", r.test.suite, r.test.area)).or_default();
            for o in &r.outcomes {
                c[slot(o)] += 1;
            }
        }
        areas.into_iter().collect()
    }

    /// Each distinct skip reason with its count.
    pub fn skip_reasons(&self) -> Vec<(String, usize)> {
        let mut reasons: std::collections::BTreeMap<String, usize> = Default::default();
        for o in self.results.iter().flat_map(|r| &r.outcomes) {
            if let Outcome::Skipped(why) = o {
                *reasons.entry(why.clone()).or_default() += 1;
            }
        }
        reasons.into_iter().collect()
    }

    /// Every failed or diverged (test, engine, outcome).
    pub fn failures(&self) -> Vec<(&Test, &str, &Outcome)> {
        let mut v = Vec::new();
        for r in &self.results {
            for (e, o) in self.engines.iter().zip(&r.outcomes) {
                if o.is_failure() {
                    v.push((&r.test, e.as_str(), o));
                }
            }
        }
        v
    }

    /// The suites and areas as text: a table, the skip reasons, then every failure.
    pub fn table(&self) -> String {
        let mut s = format!("engines: {} (the first is the oracle)\n", self.engines.join(", "));
        s += &format!("{:<28} {:>7} {:>7} {:>9} {:>8}\n", "area", "passed", "failed", "diverged", "skipped");
        for (area, [p, f, d, k]) in self.by_area() {
            s += &format!("{area:<28} {p:>7} {f:>7} {d:>9} {k:>8}\n");
        }
        let [p, f, d, k] = self.counts();
        s += &format!("{:<28} {p:>7} {f:>7} {d:>9} {k:>8}\n", "total (tests x engines)");
        for (why, count) in self.skip_reasons() {
            s += &format!("skipped {count}: {why}\n");
        }
        s
    }
}

impl Report {
    /// The run as summary sections, one per area (`suite/area`, in the order met), each
    /// with its tests' cases on every engine and the engines' run times. Their `suite` and
    /// `arch` are left for the caller to say.
    pub fn sections(&self) -> Vec<Section> {
        let mut sections: Vec<Section> = Vec::new();
        for r in &self.results {
            let area = format!("{}/{}", r.test.suite, r.test.area);
            if sections.last().is_none_or(|s| s.name != area) {
                sections.push(self.section(area, &[]));
            }
            if let Some(section) = sections.last_mut() {
                section.cases.extend(self.cases_of(r));
                section.programs += 1;
                for (run, t) in section.engines.iter_mut().zip(&r.times) {
                    run.time += *t;
                }
            }
        }
        sections
    }

    /// The whole run as one section named `name`.
    pub fn section(&self, name: String, results: &[TestResult]) -> Section {
        let mut engines: Vec<EngineRun> = self
            .engines
            .iter()
            .enumerate()
            .map(|(i, e)| EngineRun { engine: e.clone(), oracle: i == 0, time: Duration::ZERO })
            .collect();
        for r in results {
            for (run, t) in engines.iter_mut().zip(&r.times) {
                run.time += *t;
            }
        }
        Section {
            name,
            suite: String::new(),
            arch: String::new(),
            programs: results.len(),
            engines,
            cases: results.iter().flat_map(|r| self.cases_of(r)).collect(),
            elapsed: Duration::ZERO,
            note: String::new(),
            broken: None,
            gating: true,
        }
    }

    /// One test's cases, one per engine.
    pub fn cases_of<'a>(&'a self, r: &'a TestResult) -> impl Iterator<Item = Case> + 'a {
        self.engines.iter().zip(&r.outcomes).map(|(engine, o)| Case {
            name: r.test.id(),
            engine: engine.clone(),
            status: match o {
                Outcome::Passed => Status::Passed,
                Outcome::Failed(_) => Status::Failed,
                Outcome::Diverged(_) => Status::Diverged,
                Outcome::Skipped(_) => Status::Skipped,
            },
            signature: None,
            detail: o.detail().to_owned(),
            known: None,
        })
    }
}

fn slot(o: &Outcome) -> usize {
    match o {
        Outcome::Passed => 0,
        Outcome::Failed(_) => 1,
        Outcome::Diverged(_) => 2,
        Outcome::Skipped(_) => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_line_numbers_and_the_prefix() {
        let src = "local x = 1\n\ndo --- first +jit\n  assert(x == 1)\nend\n\ndo --- second one\n  error('no')\nend\n";
        let cuts = split_tests(src);
        assert_eq!(cuts.len(), 2);
        assert_eq!(
            (cuts[0].name.as_str(), cuts[0].tags.as_slice()),
            ("first", ["+jit".to_string()].as_slice())
        );
        assert_eq!(cuts[1].name, "second one");
        let lines: Vec<&str> = cuts[1].text.lines().collect();
        assert_eq!(lines[0], "local x = 1");
        assert_eq!(lines[3], "");
        assert_eq!(lines[7], "  error('no')");
        assert_eq!(cuts[0].text.lines().count(), src.lines().count());
    }

    #[test]
    fn a_file_without_blocks_is_one_test() {
        let cuts = split_tests("assert(true)\n");
        assert_eq!(cuts, [Cut { name: String::new(), tags: vec![], text: "assert(true)\n".into() }]);
    }

    #[test]
    fn tags_decide_skips() {
        let lj = Features { luajit: true, jit: true };
        let joff = Features { luajit: true, jit: false };
        let lua = Features { luajit: false, jit: false };
        let t = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(lj.lacks(&t(&["+jit", "+ffi", "+luajit>=2.1", "+lua<5.2", "!private_G"]), false), None);
        assert_eq!(joff.lacks(&t(&["+jit"]), false).as_deref(), Some("requires +jit"));
        assert_eq!(joff.lacks(&t(&["-jit"]), false), None);
        assert_eq!(lua.lacks(&t(&["+ffi"]), false).as_deref(), Some("requires +ffi"));
        assert_eq!(lj.lacks(&t(&["+luajit>=2.2"]), false).as_deref(), Some("requires +luajit>=2.2"));
        assert_eq!(lj.lacks(&t(&["+lua>=5.2"]), false).as_deref(), Some("requires +lua>=5.2"));
        assert_eq!(lj.lacks(&t(&["+slow"]), false).as_deref(), Some("requires +slow"));
        assert_eq!(lj.lacks(&t(&["+slow"]), true), None);
        assert_eq!(lj.lacks(&t(&["+gtk"]), false).as_deref(), Some("unknown requirement +gtk"));
    }

    #[test]
    fn ending_is_the_trailer_only() {
        assert_eq!(ending(b"a\nb\n"), b"");
        assert_eq!(ending(b"a\n--- exit 1: x\n"), b"--- exit 1: x\n");
        assert_eq!(ending(b"--- killed by signal 11\n"), b"--- killed by signal 11\n");
    }
}
