//! `twin fuzz`: a continuous differential campaign.
//!
//! ```text
//!            main thread                              campaign threads (--jobs)
//!   ┌──────────────────────────┐         ┌──────────────────────────────────────────┐
//!   │ signals, --time          │  stop   │ own Session (persistent engine workers)   │
//!   │ live display, --json     │ ──────> │ loop: number k ─> input ─> program        │
//!   │ every SYNC: state.json,  │         │       judge ─> counters                   │
//!   │   counts, index, import  │ <────── │       non-same ─> finding on disk (first) │
//!   │   other instances        │  index  │       -jv sample ─> corpus if new shape   │
//!   └──────────────────────────┘ corpus  └──────────────────────────────────────────┘
//! ```
//!
//! **Programs.** Program number `k` of a campaign with seed `S` is, by
//! default, `twin_gen::from_seed(S + k)`: the same seed and options give the
//! same programs, and `twin gen --seed S+k` prints any one of them. Every
//! [`MUTATE_EVERY`]th number instead mutates a corpus entry (see
//! [`crate::corpus`]); which entries exist depends on what was found, so
//! those programs replay exactly only with `--jobs 1` and one instance.
//! `--families` forces the swarm configuration's family mask in the input
//! bytes (the recorded bytes are the forced ones, so they reproduce).
//! `--favor` weights families up without excluding the others: every odd
//! program number is restricted to them as `--families` would, every even
//! one is drawn from all families as usual.
//!
//! **Engines.** The first engine is the oracle. Programs the generator marks
//! `same_engine_only` (output that depends on string hashing or `#` of tables
//! with holes) are only comparable between configurations of one
//! deterministic engine, so they run only when every engine is twin-lua;
//! with any other engine (LuaJIT randomises its hashes per process) they are
//! skipped and counted as such.
//!
//! **Findings first.** A program with any non-same verdict is written to disk
//! (see [`crate::findings`], [`crate::dedup`], [`crate::sync`]) before the
//! thread does anything else; only then is it re-run in fresh workers to
//! record whether it reproduces (LuaJIT is not repeatable run to run), which
//! the console and summary show per group.
//!
//! **Stopping.** SIGINT and SIGTERM set a flag; every thread finishes the
//! program in flight, then the main thread writes the state and the summary.
//! Engine workers are in their own process groups, so Ctrl-C does not reach
//! them mid-program. SIGKILL loses at most the programs in flight and the
//! last interval's counts; `--out` resumes: the seed and next program number
//! come from `state.json`, the dedup index is rebuilt from the finding
//! directories, and programs run again after the resume point are not
//! recorded twice (see the claims in [`crate::sync`]).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use arbitrary::Unstructured;
use serde::{Deserialize, Serialize};
use twin_gen::{Family, Program};

use crate::corpus::{self, Corpus, TraceLog};
use crate::dedup::{Decision, Index, Member};
use crate::engine::{Engine, EngineKind};
use crate::findings::{self, Finding, JudgedWith, Meta, Origin, Recheck};
use crate::progress::{Counters, Display, Snapshot};
use crate::session::{self, Report, Session};
use crate::sync::{Importer, Layout};

/// One program number in this many mutates a corpus entry (when there is one).
pub const MUTATE_EVERY: u64 = 3;
/// How often instances write their state and read each other's.
pub const SYNC_EVERY: Duration = Duration::from_secs(10);
/// How often a `--json` line is printed.
pub const JSON_EVERY: Duration = Duration::from_secs(10);
/// One program in this many is run once more with `-jv` to read its traces.
pub const TRACE_LOG_EVERY: u64 = 4;
/// Harness errors in a row (an engine that cannot start) that end a campaign.
const MAX_HARNESS_ERRORS: u32 = 5;

/// What `twin fuzz` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The first is the oracle.
    pub engines: Vec<Engine>,
    pub jobs: usize,
    /// `None`: the resumed campaign's seed, else one from the clock.
    pub seed: Option<u64>,
    pub time: Option<Duration>,
    /// Programs to judge in this run (skipped ones not counted).
    pub runs: Option<u64>,
    pub out: PathBuf,
    pub families: Option<Vec<Family>>,
    /// Families that every other program is restricted to (`--favor`).
    pub favor: Option<Vec<Family>>,
    pub json: bool,
    pub instance_id: String,
    pub oracle_runs: usize,
    pub compare_dead_locals: bool,
}

impl Options {
    /// The families program number `k` is restricted to, if any.
    fn restriction(&self, k: u64) -> Option<&[Family]> {
        self.families.as_deref().or(if k % 2 == 1 { self.favor.as_deref() } else { None })
    }
}

/// `<instance>/state.json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct State {
    seed: u64,
    next_program: u64,
    programs_total: u64,
}

/// How a campaign ended.
pub struct Outcome {
    pub snapshot: Snapshot,
    pub index: Index,
    /// Divergences, crashes or timeouts were seen in this run.
    pub failures: bool,
}

static SIGNALS: AtomicUsize = AtomicUsize::new(0);

extern "C" fn on_signal(_: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    SIGNALS.fetch_add(1, Relaxed);
}

fn install_signal_handlers() {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: the handler only touches an atomic, which is async-signal-safe;
        // `sigaction` is given a zeroed, fully initialised struct.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// Whether `arbitrary` reads a `u16` little-endian (checked once, so the
/// family mask is forced at the right bytes whatever its version does).
static LE_U16: LazyLock<bool> = LazyLock::new(|| {
    let bytes = [1u8, 0, 0, 0, 0, 0, 0, 0];
    twin_gen::generate(&mut Unstructured::new(&bytes)).is_ok_and(|p| p.config.families_off == 1)
});

/// Forces `bytes` so that only `families` are on (bits of `Config::families_off`,
/// the first field drawn). Leaves at least one of them on, since all-off
/// means all-on.
fn force_families(bytes: &mut Vec<u8>, families: &[Family], all_features: bool) {
    if bytes.len() < 6 {
        bytes.resize(6, 0);
    }
    let allowed: u16 = families.iter().map(|&f| 1u16 << f as u16).fold(0, |a, b| a | b);
    let all: u16 = (1u16 << Family::ALL.len()) - 1;
    let orig = if *LE_U16 {
        u16::from_le_bytes([bytes[0], bytes[1]])
    } else {
        u16::from_be_bytes([bytes[0], bytes[1]])
    };
    let mut off = (all & !allowed) | (orig & allowed);
    if off & allowed == allowed {
        off = all & !allowed;
    }
    let b = if *LE_U16 { off.to_le_bytes() } else { off.to_be_bytes() };
    bytes[..2].copy_from_slice(&b);
    if all_features {
        // features_off is the next field: zero switches every feature on, so a
        // family that needs a feature is not replaced by the fallback.
        bytes[2..6].fill(0);
    }
}

/// One input to run.
struct Input {
    bytes: Vec<u8>,
    origin: Origin,
    program: Program,
}

struct Shared<'a> {
    opts: &'a Options,
    layout: &'a Layout,
    seed: u64,
    counters: Counters,
    index: Mutex<Index>,
    corpus: Mutex<Corpus>,
    next: AtomicU64,
    runs_left: AtomicI64,
    stop: AtomicBool,
    fatal: Mutex<Option<String>>,
    messages: Mutex<Vec<String>>,
    tracelog: Option<TraceLog>,
    /// Every engine is twin-lua: `same_engine_only` programs can be compared.
    deterministic: bool,
    session_options: session::Options,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A thread that panicked while holding a lock leaves valid data here
    // (counters and sets); keep going rather than lose the campaign.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn now_unix() -> u64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl Shared<'_> {
    fn say(&self, msg: String) {
        lock(&self.messages).push(msg);
    }

    /// The input of program number `k`.
    fn input(&self, k: u64) -> Option<Input> {
        let mutation = if k % MUTATE_EVERY == MUTATE_EVERY - 1 {
            lock(&self.corpus).mutate(self.seed ^ k.wrapping_mul(0x9e37_79b9_7f4a_7c15))
        } else {
            None
        };
        let restrict = self.opts.restriction(k);
        let (mut bytes, origin) = match mutation {
            Some((parent, bytes)) => {
                self.counters.mutations.fetch_add(1, Relaxed);
                (bytes, Origin::Mutation { parent })
            }
            None => {
                let seed = self.seed.wrapping_add(k);
                let origin =
                    if restrict.is_some() { Origin::Restricted { seed } } else { Origin::Fresh { seed } };
                (twin_gen::seed_bytes(seed), origin)
            }
        };
        if let Some(fams) = restrict {
            for all_features in [false, true] {
                force_families(&mut bytes, fams, all_features);
                let program = twin_gen::generate(&mut Unstructured::new(&bytes)).ok()?;
                if program.families.iter().all(|f| fams.contains(f)) {
                    return Some(Input { bytes, origin, program });
                }
            }
            return None;
        }
        let program = match origin {
            Origin::Fresh { seed } => twin_gen::from_seed(seed),
            _ => twin_gen::generate(&mut Unstructured::new(&bytes)).ok()?,
        };
        Some(Input { bytes, origin, program })
    }

    /// One campaign thread: its own engine workers, programs until told to stop.
    fn thread(&self) {
        let mut session = match Session::new(self.opts.engines.clone(), self.session_options.clone()) {
            Ok(s) => s,
            Err(e) => return self.fail(e.0),
        };
        let mut errors_in_a_row = 0;
        while !self.stop.load(Relaxed) {
            let k = self.next.fetch_add(1, Relaxed);
            let Some(input) = self.input(k) else {
                self.counters.skipped.fetch_add(1, Relaxed);
                continue;
            };
            if input.program.same_engine_only && !self.deterministic {
                self.counters.skipped.fetch_add(1, Relaxed);
                continue;
            }
            if self.runs_left.fetch_sub(1, Relaxed) <= 0 {
                break;
            }
            let report = match session.diff(&input.program.text) {
                Ok(r) => r,
                Err(e) => {
                    self.counters.harness_errors.fetch_add(1, Relaxed);
                    errors_in_a_row += 1;
                    if errors_in_a_row >= MAX_HARNESS_ERRORS {
                        return self.fail(format!("{e} ({errors_in_a_row} harness errors in a row)"));
                    }
                    self.say(format!("harness error on program {k}: {e}"));
                    continue;
                }
            };
            errors_in_a_row = 0;
            self.counters.record(&report);
            if !report.all_same() {
                self.finding(k, &input, &report);
            }
            if let Some(t) = &self.tracelog
                && k.is_multiple_of(TRACE_LOG_EVERY)
                && let Some(log) = t.run(&input.program.text)
            {
                self.counters.traced_runs.fetch_add(1, Relaxed);
                self.counters.traces.fetch_add(u64::from(corpus::trace_count(&log)), Relaxed);
                let novel = lock(&self.corpus).novel_shapes(corpus::shape_tokens(&log));
                if novel {
                    self.keep_input(&input);
                }
            }
        }
    }

    fn fail(&self, msg: String) {
        lock(&self.fatal).get_or_insert(msg);
        self.stop.store(true, Relaxed);
    }

    fn keep_input(&self, input: &Input) {
        let id = findings::program_id(&input.program.text);
        if let Err(e) = lock(&self.corpus).keep(&self.layout.corpus(), &id, &input.bytes) {
            self.say(format!("cannot store corpus entry {id}: {e}"));
        }
    }

    /// Records a program with a non-same verdict: on disk first, then the
    /// recheck in fresh workers.
    fn finding(&self, k: u64, input: &Input, report: &Report) {
        let judgements = &report.judgements;
        let primary = judgements
            .iter()
            .find(|j| j.verdict.is_failure())
            .or_else(|| judgements.iter().find(|j| !j.verdict.is_same()))
            .map_or_else(|| "same".to_string(), crate::dedup::group_key);
        let text = &input.program.text;
        let program_id = findings::program_id(text);
        let mut written = None;
        let new_signature;
        {
            let mut index = lock(&self.index);
            new_signature = !index.groups.contains_key(&primary);
            index.bump(&primary, &self.layout.instance);
            if index.decide(&primary, text.len()) == Decision::Keep {
                match self.layout.claim(&program_id) {
                    Ok(true) => {
                        let meta = Meta {
                            signature: primary.clone(),
                            signatures: judgements.iter().map(|j| j.signature.clone()).collect(),
                            program_id: program_id.clone(),
                            size: text.len(),
                            instance: self.layout.instance.clone(),
                            campaign_seed: self.seed,
                            program_number: k,
                            origin: input.origin.clone(),
                            families: input.program.families.iter().map(|f| f.name().to_string()).collect(),
                            config: format!("{:?}", input.program.config),
                            same_engine_only: input.program.same_engine_only,
                            engines: self.opts.engines.clone(),
                            judged_with: JudgedWith {
                                oracle_runs: self.session_options.oracle_runs,
                                compare_dead_locals: self.session_options.compare_dead_locals,
                            },
                            command: Vec::new(),
                            found_at: now_unix(),
                        };
                        let f = Finding { meta, program: text, input: &input.bytes, report };
                        match findings::write(&self.layout.findings(), &f) {
                            Ok((dir, created)) => {
                                if created {
                                    self.counters.findings_written.fetch_add(1, Relaxed);
                                }
                                index.add(
                                    &primary,
                                    Member {
                                        instance: self.layout.instance.clone(),
                                        dir: dir.clone(),
                                        program_id: program_id.clone(),
                                        size: text.len(),
                                        reproduced: findings::read_recheck(&dir).map(|r| r.reproduced),
                                    },
                                );
                                if created {
                                    written = Some(dir);
                                }
                            }
                            Err(e) => {
                                // Not silently lost: say so, and stop, since a
                                // campaign that cannot write findings is useless.
                                drop(index);
                                return self.fail(format!("cannot write finding of program {k}: {e}"));
                            }
                        }
                    }
                    Ok(false) => {}
                    Err(e) => self.say(format!("cannot claim program {program_id}: {e}")),
                }
            }
        }
        if new_signature {
            self.keep_input(input);
        }
        if let Some(dir) = written {
            let again = Session::new(self.opts.engines.clone(), self.session_options.clone())
                .and_then(|mut s| s.diff(text));
            let recheck = match again {
                Ok(r) => {
                    let keys: Vec<String> = r.judgements.iter().map(crate::dedup::group_key).collect();
                    Recheck { reproduced: keys.contains(&primary), signature: keys.join(" ; ") }
                }
                Err(e) => Recheck { reproduced: false, signature: format!("harness error: {e}") },
            };
            if let Err(e) = findings::write_recheck(&dir, &recheck) {
                self.say(format!("cannot write {}/recheck.json: {e}", dir.display()));
            }
            lock(&self.index).set_reproduced(&primary, &dir, recheck.reproduced);
        }
    }
}

fn read_state(layout: &Layout) -> Option<State> {
    serde_json::from_str(&std::fs::read_to_string(layout.me.join("state.json")).ok()?).ok()
}

fn write_state(shared: &Shared) -> std::io::Result<()> {
    let layout = shared.layout;
    let state = State {
        seed: shared.seed,
        next_program: shared.next.load(Relaxed),
        programs_total: shared.counters.programs.load(Relaxed),
    };
    findings::write_atomic(&layout.me.join("state.json"), findings::to_json(&state).as_bytes())?;
    let index = lock(&shared.index);
    findings::write_atomic(
        &layout.me.join("counts.json"),
        findings::to_json(&index.counts_of(&layout.instance)).as_bytes(),
    )?;
    let summary: BTreeMap<&String, (u64, Option<&std::path::Path>)> =
        index.groups.iter().map(|(s, g)| (s, (g.count(), g.smallest().map(|m| m.dir.as_path())))).collect();
    findings::write_atomic(&layout.me.join("index.json"), findings::to_json(&summary).as_bytes())
}

/// Runs a campaign until `--time`, `--runs`, SIGINT or SIGTERM.
pub fn run(opts: &Options) -> Result<Outcome, String> {
    if opts.engines.len() < 2 {
        return Err("a campaign needs an oracle and at least one engine to compare".into());
    }
    build_twin_lua_if_missing(&opts.engines)?;
    let layout = Layout::open(&opts.out, &opts.instance_id)?;
    let previous = read_state(&layout);
    let (seed, start) = match (&previous, opts.seed) {
        (Some(p), None) => (p.seed, p.next_program),
        (Some(p), Some(s)) if p.seed == s => (s, p.next_program),
        (_, Some(s)) => (s, 0),
        (None, None) => {
            let t = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            (t as u64 ^ u64::from(std::process::id()).rotate_left(32), 0)
        }
    };
    let mut warnings = Vec::new();
    let index = Index::rebuild(&opts.out, &mut |w| warnings.push(w));
    let mut corpus = Corpus::load(&layout.corpus());
    let mut importer = Importer::default();
    for (id, bytes) in importer.import(&layout) {
        corpus.insert(id, bytes);
    }
    let jit = opts.engines.last().cloned();
    let tracelog = jit.as_ref().and_then(TraceLog::for_engine);
    let names: Vec<&str> = opts.engines.iter().map(|e| e.name.as_str()).collect();
    eprintln!(
        "twin fuzz: seed {seed}{}, engines {} (oracle {}), {} jobs, out {} (instance {}), trace log {}",
        if start > 0 { format!(" (resuming at program {start})") } else { String::new() },
        names.join(","),
        names[0],
        opts.jobs,
        opts.out.display(),
        opts.instance_id,
        match (&tracelog, &jit) {
            (Some(_), Some(e)) => format!("from {} -jv", e.name),
            _ => "unavailable (no -jv)".into(),
        }
    );
    if !index.groups.is_empty() || !corpus.is_empty() {
        eprintln!(
            "twin fuzz: {} signatures and {} corpus entries already in {}",
            index.groups.len(),
            corpus.len(),
            opts.out.display()
        );
    }
    for w in warnings {
        eprintln!("twin fuzz: {w}");
    }
    install_signal_handlers();
    let shared = Shared {
        opts,
        layout: &layout,
        seed,
        counters: Counters::default(),
        index: Mutex::new(index),
        corpus: Mutex::new(corpus),
        next: AtomicU64::new(start),
        runs_left: AtomicI64::new(opts.runs.map_or(i64::MAX, |r| r.min(i64::MAX as u64) as i64)),
        stop: AtomicBool::new(false),
        fatal: Mutex::new(None),
        messages: Mutex::new(Vec::new()),
        tracelog,
        deterministic: opts.engines.iter().all(|e| e.kind == EngineKind::TwinLua),
        session_options: session::Options {
            persist: true,
            oracle_runs: opts.oracle_runs.max(1),
            compare_dead_locals: opts.compare_dead_locals,
        },
    };
    // The seed is on disk before the first program: a campaign killed at any
    // moment resumes with it.
    write_state(&shared).map_err(|e| format!("cannot write {}/state.json: {e}", layout.me.display()))?;
    let started = Instant::now();
    let deadline = opts.time.map(|t| started + t);
    let mut display = Display::new();
    let snapshot = |shared: &Shared| {
        let distinct = lock(&shared.index).groups.len();
        let corpus = lock(&shared.corpus).len();
        shared.counters.snapshot(started.elapsed(), distinct, corpus)
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..opts.jobs.max(1)).map(|_| scope.spawn(|| shared.thread())).collect();
        let (mut last_sync, mut last_json, mut last_plain) = (Instant::now(), Instant::now(), Instant::now());
        while !handles.iter().all(|h| h.is_finished()) {
            std::thread::sleep(Duration::from_millis(200));
            if SIGNALS.load(Relaxed) > 0 && !shared.stop.swap(true, Relaxed) {
                display.println("twin fuzz: stopping after the programs in flight");
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                shared.stop.store(true, Relaxed);
            }
            for m in std::mem::take(&mut *lock(&shared.messages)) {
                display.println(&m);
            }
            let snap = snapshot(&shared);
            display.update(&snap, &lock(&shared.index));
            if last_sync.elapsed() >= SYNC_EVERY {
                last_sync = Instant::now();
                sync(&shared, &mut importer, &mut display);
            }
            if opts.json && last_json.elapsed() >= JSON_EVERY {
                last_json = Instant::now();
                println!("{}", serde_json::to_string(&snap).unwrap_or_default());
            }
            if last_plain.elapsed() >= Duration::from_secs(30) {
                last_plain = Instant::now();
                display.plain_status(&snap);
            }
        }
    });
    for m in std::mem::take(&mut *lock(&shared.messages)) {
        display.println(&m);
    }
    sync(&shared, &mut importer, &mut display);
    let snap = snapshot(&shared);
    display.update(&snap, &lock(&shared.index));
    display.finish();
    if opts.json {
        println!("{}", serde_json::to_string(&snap).unwrap_or_default());
    }
    if let Some(e) = lock(&shared.fatal).take() {
        return Err(e);
    }
    let failures = snap.divergent + snap.crashes + snap.timeouts > 0;
    let index = std::mem::take(&mut *lock(&shared.index));
    Ok(Outcome { snapshot: snap, index, failures })
}

/// `twin fuzz` straight from a checkout (`cargo run -p twin-oracle --bin twin
/// -- fuzz`) builds only `twin`; the default engines need the `twin-lua`
/// binary beside it. Build it with the same profile, once, rather than fail.
/// Outside the source tree nothing is built and the engine reports what is missing.
fn build_twin_lua_if_missing(engines: &[Engine]) -> Result<(), String> {
    let needs = engines.iter().any(|e| e.kind == EngineKind::TwinLua && e.command.is_none() && !e.is_arm64());
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    if !needs || crate::engine::twin_lua_binary(false).is_some() || !manifest.is_file() {
        return Ok(());
    }
    let mut cmd = std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.args(["build", "-q", "-p", "twin-lua", "--manifest-path"]).arg(&manifest);
    if !cfg!(debug_assertions) {
        cmd.arg("--release");
    }
    eprintln!("twin fuzz: the twin-lua binary is not built yet; building it");
    match cmd.status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("building twin-lua failed ({s})")),
        Err(e) => Err(format!("cannot run cargo to build twin-lua: {e}")),
    }
}

/// Writes this instance's state and reads the others'.
fn sync(shared: &Shared, importer: &mut Importer, display: &mut Display) {
    if let Err(e) = write_state(shared) {
        display.println(&format!("twin fuzz: cannot write state: {e}"));
    }
    let imported = importer.import(shared.layout);
    if !imported.is_empty() {
        let mut corpus = lock(&shared.corpus);
        for (id, bytes) in imported {
            corpus.insert(id, bytes);
        }
    }
    let mut index = lock(&shared.index);
    for dir in crate::sync::instance_dirs(&shared.layout.out) {
        if dir != shared.layout.me {
            index.load_instance(&dir, &mut |_| {});
        }
    }
}

/// Parses `--time`: `90`, `90s`, `20m`, `1h`, `1h30m`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("bad duration `{s}` (e.g. 90s, 20m, 1h30m)");
    let mut total = 0u64;
    let mut num = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: u64 = num.parse().map_err(|_| bad())?;
        num.clear();
        total += n * match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => return Err(bad()),
        };
    }
    if !num.is_empty() {
        total += num.parse::<u64>().map_err(|_| bad())?;
    }
    if s.trim().is_empty() {
        return Err(bad());
    }
    Ok(Duration::from_secs(total))
}

/// Parses `--families`: comma-separated family names.
pub fn parse_families(s: &str) -> Result<Vec<Family>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            Family::ALL.iter().copied().find(|f| f.name() == n).ok_or_else(|| {
                let known: Vec<&str> = Family::ALL.iter().map(|f| f.name()).collect();
                format!("unknown family `{n}` (known: {})", known.join(", "))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("20m").unwrap(), Duration::from_secs(1200));
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
        assert!(parse_duration("x").is_err() && parse_duration("").is_err());
    }

    #[test]
    fn forced_families_are_the_only_ones() {
        let fams = parse_families("recursion,numbers").unwrap();
        for seed in 0..40u64 {
            let mut bytes = twin_gen::seed_bytes(seed);
            force_families(&mut bytes, &fams, false);
            let p = twin_gen::generate(&mut Unstructured::new(&bytes)).unwrap();
            let ok = p.families.iter().all(|f| fams.contains(f));
            if !ok {
                force_families(&mut bytes, &fams, true);
                let p = twin_gen::generate(&mut Unstructured::new(&bytes)).unwrap();
                assert!(p.families.iter().all(|f| fams.contains(f)), "seed {seed}: {:?}", p.families);
            }
        }
        assert!(parse_families("nope").is_err());
    }

    #[test]
    fn favored_families_restrict_every_other_program() {
        let fams = parse_families("recursion,metamethods").unwrap();
        let opts = Options {
            engines: Vec::new(),
            jobs: 1,
            seed: Some(1),
            time: None,
            runs: None,
            out: PathBuf::new(),
            families: None,
            favor: Some(fams.clone()),
            json: false,
            instance_id: "main".into(),
            oracle_runs: 1,
            compare_dead_locals: false,
        };
        let restricted: Vec<bool> = (0..6).map(|k| opts.restriction(k).is_some()).collect();
        assert_eq!(restricted, [false, true, false, true, false, true]);
        assert_eq!(opts.restriction(3), Some(&fams[..]));
        let only = Options { families: Some(fams.clone()), favor: None, ..opts };
        assert!((0..6).all(|k| only.restriction(k) == Some(&fams[..])));
    }
}
