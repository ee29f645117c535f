//! The conformance suite runner: Lua programs with expected outputs, run against any engine
//! whose command line looks like `luajit`'s.
//!
//! # Layout
//!
//! ```text
//! conformance/core/            a suite
//!   <area>/                    one directory per area of the language (lexer, errors, ...)
//!     NN_name.lua              a program: two digits, '_', then [A-Za-z0-9_]
//!     NN_name.expected         what the reference engine (`luajit -joff`) did with it
//!     fixtures/                files the programs read (loadfile, require); not programs
//! ```
//!
//! # How a program is run
//!
//! The engine runs with the program's directory as its working directory and the bare file
//! name as its only script argument (`luajit -joff 03_foo.lua`), so chunknames in messages
//! are `03_foo.lua:LINE:` wherever the suite lives, and fixtures are found by relative path.
//! Every `LUA_*` variable is removed from the environment (`LUA_INIT` and `LUA_PATH` would
//! change behaviour); stdin is empty.
//!
//! # The expected-output format
//!
//! An expected file is the program's stdout, byte for byte. If the program exited with a
//! non-zero status, one trailer line follows:
//!
//! ```text
//! --- exit STATUS: FIRST-STDERR-LINE
//! ```
//!
//! where FIRST-STDERR-LINE is the first line of stderr with the engine's own name prefix
//! (`luajit: `, `twin-lua: `) removed, so every engine can meet the same file. A program that
//! exits 0 must write nothing to stderr, and its expected file has no trailer. Programs print
//! only through `print`, so stdout always ends in a newline and the trailer starts a line.
//! `conformance/bless` writes these files; [`render`] produces the same text from an
//! [`Observation`], and a program passes when the two are identical.
//!
//! A run that is killed by a signal or by the timeout renders as a `--- killed ...` or
//! `--- timed out ...` trailer, and a successful run that wrote to stderr as
//! `--- exit 0 with stderr: ...`; no expected file contains these, so such runs always fail.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// One program of a suite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    /// The area directory the program lives in, e.g. `errors`.
    pub area: String,
    /// The file stem, e.g. `03_error_level0`.
    pub name: String,
    /// Path of the `.lua` file.
    pub path: PathBuf,
}

impl Program {
    /// `area/name`, the program's name in reports.
    pub fn id(&self) -> String {
        format!("{}/{}", self.area, self.name)
    }

    /// Path of the expected-output file beside the program.
    pub fn expected_path(&self) -> PathBuf {
        self.path.with_extension("expected")
    }
}

/// Whether a file name is a program's: `NN_name.lua` with name made of `[A-Za-z0-9_]`.
pub fn is_program_name(file_name: &str) -> bool {
    let Some(stem) = file_name.strip_suffix(".lua") else { return false };
    let b = stem.as_bytes();
    b.len() > 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[2] == b'_'
        && b[3..].iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
}

/// Finds every program of the suite rooted at `suite` (its subdirectories are the areas),
/// sorted by area and then by name.
pub fn discover(suite: &Path) -> io::Result<Vec<Program>> {
    let mut programs = Vec::new();
    for area in sorted_entries(suite)? {
        if !area.is_dir() {
            continue;
        }
        let Some(area_name) = area.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        for file in sorted_entries(&area)? {
            let Some(file_name) = file.file_name().and_then(|n| n.to_str()) else { continue };
            if file.is_file() && is_program_name(file_name) {
                let name = file_name.trim_end_matches(".lua").to_owned();
                programs.push(Program { area: area_name.clone(), name, path: file });
            }
        }
    }
    Ok(programs)
}

fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

/// An engine: a program plus leading arguments, run as `program args... NN_name.lua`.
#[derive(Clone, Debug)]
pub struct Engine {
    program: PathBuf,
    args: Vec<OsString>,
    name: String,
    /// Variables set for every run (e.g. `TWIN_FFI_HELPER` for the FFI suite's helper
    /// programs).
    env: Vec<(OsString, OsString)>,
}

impl Engine {
    /// An engine whose stderr prefix is the program's file name (`luajit: `).
    pub fn new(program: impl Into<PathBuf>, args: &[&str]) -> Engine {
        let program = program.into();
        let name = program.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Engine { program, args: args.iter().map(OsString::from).collect(), name, env: Vec::new() }
    }

    /// Parses a whitespace-separated command line such as `luajit -joff`; `None` if empty.
    pub fn from_command_line(command: &str) -> Option<Engine> {
        let mut words = command.split_whitespace();
        let program = words.next()?;
        let args: Vec<&str> = words.collect();
        Some(Engine::new(program, &args))
    }

    /// The same command with another stderr prefix: for an engine started through a
    /// wrapper such as `qemu-aarch64 ... luajit`, whose messages still read `luajit: `.
    pub fn with_name(mut self, name: &str) -> Engine {
        self.name = name.to_owned();
        self
    }

    /// The same command with `key=value` in every run's environment.
    pub fn with_env(mut self, key: &str, value: &str) -> Engine {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The name the engine puts before its error messages, without the `: `.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The command line, for reports.
    pub fn describe(&self) -> String {
        let mut s = self.program.display().to_string();
        for a in &self.args {
            s.push(' ');
            s.push_str(&a.to_string_lossy());
        }
        s
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Exited(i32),
    /// Killed by a signal (the number, where the platform reports one).
    Signalled(Option<i32>),
    TimedOut(Duration),
}

/// What one run of one program produced.
#[derive(Clone, Debug)]
pub struct Observation {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: Status,
}

/// Runs `program` on `engine` as the module docs describe, killing it after `timeout`.
pub fn run(engine: &Engine, program: &Program, timeout: Duration) -> io::Result<Observation> {
    let dir = program.path.parent().unwrap_or(Path::new("."));
    let file = program.path.file_name().unwrap_or_default();
    let mut cmd = Command::new(&engine.program);
    cmd.args(&engine.args).arg(file).current_dir(dir);
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("LUA_") {
            cmd.env_remove(key);
        }
    }
    cmd.envs(engine.env.iter().map(|(k, v)| (k, v)));
    let mut child = cmd.spawn()?;
    // Both pipes are drained on their own threads so a chatty program cannot block on a
    // full pipe while we wait for it to exit.
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break exit_status(status);
        }
        if start.elapsed() >= timeout {
            // The child may exit between try_wait and kill; either way it is reaped below.
            let _ = child.kill();
            child.wait()?;
            break Status::TimedOut(timeout);
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let stdout = out.join().unwrap_or_else(|_| Ok(Vec::new()))?;
    let stderr = err.join().unwrap_or_else(|_| Ok(Vec::new()))?;
    Ok(Observation { stdout, stderr, status })
}

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<io::Result<Vec<u8>>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            p.read_to_end(&mut buf)?;
        }
        Ok(buf)
    })
}

#[cfg(unix)]
fn exit_status(status: std::process::ExitStatus) -> Status {
    use std::os::unix::process::ExitStatusExt;
    match status.code() {
        Some(code) => Status::Exited(code),
        None => Status::Signalled(status.signal()),
    }
}

#[cfg(not(unix))]
fn exit_status(status: std::process::ExitStatus) -> Status {
    match status.code() {
        Some(code) => Status::Exited(code),
        None => Status::Signalled(None),
    }
}

/// The observation in the expected-file format; `engine_name` is the stderr prefix to drop.
pub fn render(obs: &Observation, engine_name: &str) -> Vec<u8> {
    let mut text = obs.stdout.clone();
    let first = obs.stderr.split(|&b| b == b'\n').next().unwrap_or_default();
    let prefix = format!("{engine_name}: ");
    let first = first.strip_prefix(prefix.as_bytes()).unwrap_or(first);
    match obs.status {
        // Expected files never hold stderr of a successful run, so any makes the run fail.
        Status::Exited(0) if obs.stderr.is_empty() => {}
        Status::Exited(code) => {
            let head =
                if code == 0 { "--- exit 0 with stderr: ".to_owned() } else { format!("--- exit {code}: ") };
            text.extend_from_slice(head.as_bytes());
            text.extend_from_slice(first);
            text.push(b'\n');
        }
        Status::Signalled(sig) => {
            let sig = sig.map_or_else(|| "?".to_owned(), |s| s.to_string());
            text.extend_from_slice(format!("--- killed by signal {sig}\n").as_bytes());
        }
        Status::TimedOut(t) => {
            text.extend_from_slice(format!("--- timed out after {} ms\n", t.as_millis()).as_bytes());
        }
    }
    text
}

/// The verdict on one program.
#[derive(Clone, Debug)]
pub enum Verdict {
    Pass,
    /// The rendered output differs from the expected file.
    Fail {
        expected: Vec<u8>,
        actual: Vec<u8>,
    },
    /// The program could not be judged: no expected file, or the engine did not start.
    Broken(String),
}

/// One program and what became of it.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub program: Program,
    pub verdict: Verdict,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        matches!(self.verdict, Verdict::Pass)
    }
}

/// Runs one program and compares it with its expected file.
pub fn judge(engine: &Engine, program: &Program, timeout: Duration) -> Outcome {
    let verdict = match std::fs::read(program.expected_path()) {
        Err(e) => Verdict::Broken(format!("cannot read {}: {e}", program.expected_path().display())),
        Ok(expected) => match run(engine, program, timeout) {
            Err(e) => Verdict::Broken(format!("cannot run {}: {e}", engine.describe())),
            Ok(obs) => {
                let actual = render(&obs, engine.name());
                if actual == expected { Verdict::Pass } else { Verdict::Fail { expected, actual } }
            }
        },
    };
    Outcome { program: program.clone(), verdict }
}

/// Runs every program on `jobs` threads (at least one); outcomes keep the programs' order.
pub fn run_suite(engine: &Engine, programs: &[Program], timeout: Duration, jobs: usize) -> Report {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; programs.len()]);
    thread::scope(|s| {
        for _ in 0..jobs.max(1).min(programs.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(program) = programs.get(i) else { break };
                    let outcome = judge(engine, program, timeout);
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(outcome);
                    }
                }
            });
        }
    });
    let outcomes = results.into_inner().unwrap_or_default().into_iter().flatten().collect();
    Report { engine: engine.describe(), outcomes }
}

/// The outcomes of a suite run.
#[derive(Clone, Debug)]
pub struct Report {
    pub engine: String,
    pub outcomes: Vec<Outcome>,
}

impl Report {
    pub fn all_passed(&self) -> bool {
        self.outcomes.iter().all(Outcome::passed)
    }

    pub fn failures(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| !o.passed())
    }

    /// Ids (`area/name`) of the programs that did not pass.
    pub fn failing_ids(&self) -> Vec<String> {
        self.failures().map(|o| o.program.id()).collect()
    }

    /// A per-area table of passed, failed and total counts, with a total row.
    pub fn table(&self) -> String {
        let mut areas: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for o in &self.outcomes {
            let e = areas.entry(o.program.area.as_str()).or_default();
            if o.passed() { e.0 += 1 } else { e.1 += 1 }
        }
        let mut s = format!("conformance on {}\n", self.engine);
        let _ = writeln!(s, "{:<14} {:>6} {:>6} {:>6}", "area", "pass", "fail", "total");
        let (mut pass, mut fail) = (0, 0);
        for (area, (p, f)) in &areas {
            let _ = writeln!(s, "{area:<14} {p:>6} {f:>6} {:>6}", p + f);
            pass += p;
            fail += f;
        }
        let _ = writeln!(s, "{:<14} {pass:>6} {fail:>6} {:>6}", "total", pass + fail);
        s
    }

    /// Every failure with a line diff of expected (`-`) against actual (`+`), at most `limit`
    /// failures in full; the rest are only named.
    pub fn failure_details(&self, limit: usize) -> String {
        let mut s = String::new();
        if self.failures().next().is_some() {
            s.push_str("(diff lines: '-' expected only, '+' actual only)\n");
        }
        for (i, o) in self.failures().enumerate() {
            if i == limit {
                let _ = writeln!(s, "... and {} more failures", self.failures().count() - limit);
                break;
            }
            let _ = writeln!(s, "FAIL {} ({})", o.program.id(), o.program.path.display());
            match &o.verdict {
                Verdict::Pass => {}
                Verdict::Broken(why) => {
                    let _ = writeln!(s, "  {why}");
                }
                Verdict::Fail { expected, actual } => {
                    s.push_str(&diff(&String::from_utf8_lossy(expected), &String::from_utf8_lossy(actual)));
                }
            }
        }
        s
    }
}

/// A line diff of `expected` against `actual`: `-` lines only expected, `+` lines only
/// actual, unchanged lines as context (runs longer than six are shortened).
pub fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let ops = if a.len().saturating_mul(b.len()) <= 4_000_000 { lcs_ops(&a, &b) } else { naive_ops(&a, &b) };
    let mut out = String::new();
    let mut i = 0;
    while i < ops.len() {
        if let Op::Same(_) = ops[i] {
            let run = ops[i..].iter().take_while(|o| matches!(o, Op::Same(_))).count();
            let shown: Vec<usize> = if run > 6 {
                let head = if i == 0 { 0 } else { 3 };
                let tail = if i + run == ops.len() { 0 } else { 3 };
                let mut v: Vec<usize> = (i..i + head).collect();
                v.push(usize::MAX);
                v.extend(i + run - tail..i + run);
                v
            } else {
                (i..i + run).collect()
            };
            for k in shown {
                match ops.get(k) {
                    Some(Op::Same(line)) => {
                        let _ = writeln!(out, "   {line}");
                    }
                    _ => out.push_str("   ...\n"),
                }
            }
            i += run;
        } else {
            match ops[i] {
                Op::Del(line) => {
                    let _ = writeln!(out, "  -{line}");
                }
                Op::Ins(line) => {
                    let _ = writeln!(out, "  +{line}");
                }
                Op::Same(_) => {}
            }
            i += 1;
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("  (the outputs differ in their final newline)\n");
    }
    out
}

enum Op<'a> {
    Same(&'a str),
    Del(&'a str),
    Ins(&'a str),
}

/// Edit script from a longest-common-subsequence table (quadratic; outputs are small).
fn lcs_ops<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Op<'a>> {
    let (n, m) = (a.len(), b.len());
    // len[i][j] = LCS length of a[i..] and b[j..], stored row-major.
    let mut len = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i * (m + 1) + j] = if a[i] == b[j] {
                len[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                len[(i + 1) * (m + 1) + j].max(len[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same(a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || len[(i + 1) * (m + 1) + j] >= len[i * (m + 1) + j + 1]) {
            // Deletions first, so expected lines come before the actual ones replacing them.
            ops.push(Op::Del(a[i]));
            i += 1;
        } else {
            ops.push(Op::Ins(b[j]));
            j += 1;
        }
    }
    ops
}

/// For huge outputs: common prefix and suffix kept, the middle shown as deleted/inserted.
fn naive_ops<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Op<'a>> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..].iter().rev().zip(b[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
    let mut ops: Vec<Op<'a>> = a[..pre].iter().map(|l| Op::Same(l)).collect();
    ops.extend(a[pre..a.len() - suf].iter().map(|l| Op::Del(l)));
    ops.extend(b[pre..b.len() - suf].iter().map(|l| Op::Ins(l)));
    ops.extend(a[a.len() - suf..].iter().map(|l| Op::Same(l)));
    ops
}

/// The directory of the project's own core suite (`conformance/core`).
pub fn core_suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("core")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(stdout: &str, stderr: &str, status: Status) -> Observation {
        Observation { stdout: stdout.into(), stderr: stderr.into(), status }
    }

    #[test]
    fn program_names() {
        assert!(is_program_name("01_a.lua"));
        assert!(is_program_name("99_uncaught_Thing_2.lua"));
        assert!(!is_program_name("1_a.lua"));
        assert!(!is_program_name("01_.lua"));
        assert!(!is_program_name("01_a.expected"));
        assert!(!is_program_name("01_a-b.lua"));
        assert!(!is_program_name("ab_c.lua"));
    }

    #[test]
    fn render_exit_zero_is_stdout_only() {
        assert_eq!(render(&obs("a\nb\n", "", Status::Exited(0)), "luajit"), b"a\nb\n");
    }

    #[test]
    fn render_error_strips_the_engine_name_and_keeps_the_first_line() {
        let o = obs("out\n", "luajit: x.lua:1: boom\nstack traceback:\n", Status::Exited(1));
        assert_eq!(render(&o, "luajit"), b"out\n--- exit 1: x.lua:1: boom\n");
        let t = obs("out\n", "twin-lua: x.lua:1: boom\n", Status::Exited(1));
        assert_eq!(render(&t, "twin-lua"), render(&o, "luajit"));
        // A different engine's prefix is not stripped, so the outputs differ.
        assert_ne!(render(&o, "twin-lua"), render(&o, "luajit"));
    }

    #[test]
    fn render_stderr_of_a_successful_run_is_shown() {
        let o = obs("ok\n", "twin-lua: warning\n", Status::Exited(0));
        assert_eq!(render(&o, "twin-lua"), b"ok\n--- exit 0 with stderr: warning\n");
    }

    #[test]
    fn render_empty_stderr_gives_an_empty_message() {
        assert_eq!(render(&obs("", "", Status::Exited(1)), "luajit"), b"--- exit 1: \n");
    }

    #[test]
    fn render_kills_and_timeouts_never_look_like_exits() {
        let k = render(&obs("", "", Status::Signalled(Some(11))), "luajit");
        assert_eq!(k, b"--- killed by signal 11\n");
        let t = render(&obs("x\n", "", Status::TimedOut(Duration::from_secs(2))), "luajit");
        assert_eq!(t, b"x\n--- timed out after 2000 ms\n");
    }

    #[test]
    fn diff_marks_changed_lines_and_keeps_context() {
        let d = diff("a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(d, "   a\n  -b\n  +B\n   c\n");
    }

    #[test]
    fn diff_shortens_long_unchanged_runs() {
        let e: String = (0..20).map(|i| format!("{i}\n")).collect();
        let a = e.replace("10\n", "ten\n");
        let d = diff(&e, &a);
        assert!(d.contains("  -10\n  +ten\n"), "{d}");
        assert!(d.contains("   ...\n"), "{d}");
        assert!(!d.contains("   0\n"), "{d}");
        assert!(d.contains("   9\n   11\n") || d.contains("   9\n  -10"), "{d}");
    }

    #[test]
    fn diff_notes_a_missing_final_newline() {
        assert!(diff("a\n", "a").contains("final newline"));
    }

    #[test]
    fn engine_from_command_line() {
        let e = Engine::from_command_line("  /usr/bin/luajit -joff ").expect("engine");
        assert_eq!(e.name(), "luajit");
        assert_eq!(e.describe(), "/usr/bin/luajit -joff");
        assert!(Engine::from_command_line("   ").is_none());
        let q = Engine::new("qemu-aarch64", &["-L", "/x", "/opt/luajit"]).with_name("luajit");
        assert_eq!((q.name(), q.describe().as_str()), ("luajit", "qemu-aarch64 -L /x /opt/luajit"));
    }

    #[test]
    fn engine_env_reaches_the_program() {
        let p = discover(&core_suite_dir()).expect("core suite readable")[0].clone();
        let e =
            Engine::new("sh", &["-c", "echo \"$TWIN_CONFORMANCE_X\""]).with_env("TWIN_CONFORMANCE_X", "42");
        let o = run(&e, &p, Duration::from_secs(30)).expect("sh runs");
        assert_eq!(o.stdout, b"42\n");
    }

    #[test]
    fn the_core_suite_is_discovered_in_order() {
        let programs = discover(&core_suite_dir()).expect("core suite readable");
        assert!(programs.len() >= 300, "only {} programs", programs.len());
        let ids: Vec<String> = programs.iter().map(Program::id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert!(programs.iter().all(|p| p.expected_path().is_file()), "a program lacks its .expected");
        assert!(!ids.iter().any(|id| id.contains("fixtures")));
    }
}
