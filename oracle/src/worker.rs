//! Worker processes: where engines actually run.
//!
//! A [`Worker`] owns at most one live child process for one engine and runs
//! programs through it one at a time (the protocol is in [`crate::protocol`]).
//! The child is the isolation boundary: a segfault, abort, panic, hang or
//! memory blow-up ends the child, never the harness, and becomes the
//! observation of the program that caused it.
//!
//! Life cycle:
//!
//! ```text
//!          spawn                 run(program)              answer
//!   (none) ------> live(idle) ------------------> running --------> live(idle)
//!     ^                                             |  died / timeout (killed)
//!     +---------------------------------------------+  / recycle / not persistent
//!
//! (recycle: the server saw a change that outlives the program in a shared
//! Lua state; twin-lua's workers make a new state per program and ignore it.)
//! ```
//!
//! A worker is started lazily by the first program and again after any death,
//! so "restart on death" is simply "no live child, so spawn one".
//! Persistent mode keeps the child between programs; one-process mode
//! (`persist = false`) ends it after every answer, which is how the
//! throughput of the two is compared on identical code paths.
//!
//! Each child gets its own process group, so a timeout kills whatever the
//! engine command started (a wrapper script's children included). Its
//! address space is limited with RLIMIT_AS and core dumps are switched off
//! (a crashing JIT should not write gigabytes per finding). Being in its own
//! group, a child does not see the terminal's Ctrl-C; instead it is killed
//! when the harness goes (PR_SET_PDEATHSIG), so an interrupted campaign leaves
//! no engine spinning in a hung program. Linux ties that signal to the thread
//! that spawned the child: keep a worker on the thread that created it, or at
//! least on one that outlives it.
//!
//! stdout and stderr are drained by one reader thread each into one channel,
//! so the harness can wait on both with a single deadline and never blocks a
//! child that writes a lot to the stream the harness is not reading.

use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::engine::Engine;
use crate::observation::{Checkpoint, Observation, Outcome, bytes_to_text};
use crate::protocol::{self, Cut};
use crate::scripts::Scripts;

/// Output kept per stream and program; a program that writes more is
/// stopped, so a runaway print loop cannot exhaust the harness's memory.
pub const MAX_STREAM_BYTES: usize = 32 << 20;

/// How long to wait for a child's exit status and remaining stderr once its
/// stdout has closed.
const REAP_GRACE: Duration = Duration::from_secs(2);

enum Event {
    Out(Vec<u8>),
    Err(Vec<u8>),
    OutEof,
    ErrEof,
}

struct Live {
    child: Child,
    stdin: Option<ChildStdin>,
    events: Receiver<Event>,
    nonce: String,
    out: Vec<u8>,
    err: Vec<u8>,
    out_eof: bool,
    err_eof: bool,
}

/// A failure of the harness itself (not of the engine under test).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarnessError(pub String);

impl std::fmt::Display for HarnessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One engine's worker.
pub struct Worker {
    engine: Engine,
    scripts: Scripts,
    persist: bool,
    live: Option<Live>,
    /// Processes started so far (restarts included).
    pub spawns: u64,
}

impl Worker {
    pub fn new(engine: Engine, scripts: Scripts, persist: bool) -> Worker {
        Worker { engine, scripts, persist, live: None, spawns: 0 }
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Runs one program and returns what the engine showed. Errors are only
    /// the harness's own (the engine cannot be started, the protocol broke).
    pub fn run(&mut self, program: &str) -> Result<Observation, HarnessError> {
        let mut live = match self.live.take() {
            Some(live) => live,
            None => self.spawn()?,
        };
        let request = protocol::request(program.as_bytes());
        // A write error means the child is already gone; collecting below sees
        // the closed stdout and reports how it ended.
        let wrote = live.stdin.as_mut().map(|s| s.write_all(&request).and_then(|_| s.flush()));
        if !matches!(wrote, Some(Ok(()))) {
            live.stdin = None;
        }
        let deadline = Instant::now() + Duration::from_millis(self.engine.timeout_ms);
        let (outcome, output, stderr) = match collect(&mut live, deadline) {
            Collected::Answer { output, stderr, payload } => {
                let decoded = protocol::parse_payload(&payload).and_then(|response| {
                    let checkpoints: Result<Vec<Checkpoint>, String> =
                        response.checkpoints.iter().map(|t| Checkpoint::parse(t)).collect();
                    checkpoints.map(|cps| (response, cps))
                });
                let (response, checkpoints) = match decoded {
                    Ok(d) => d,
                    Err(e) => {
                        kill(live);
                        return Err(HarnessError(format!(
                            "engine {}: protocol error: {e}",
                            self.engine.name
                        )));
                    }
                };
                if self.persist && (!response.recycle || self.engine.fresh_state_per_program()) {
                    self.live = Some(live);
                } else {
                    shutdown(live);
                }
                return Ok(Observation {
                    outcome: Outcome::Finished,
                    stdout: bytes_to_text(&output),
                    stderr: bytes_to_text(&stderr),
                    error: response.error,
                    returns: response.returns,
                    checkpoints,
                    checkpoints_dropped: response.dropped,
                });
            }
            Collected::Died { output, stderr, status } => {
                let outcome = match status.map(|s| (s.signal(), s.code())) {
                    Some((Some(signal), _)) => Outcome::Signaled { signal },
                    Some((None, code)) => Outcome::Exited { code: code.unwrap_or(-1) },
                    None => Outcome::Exited { code: -1 },
                };
                (outcome, output, stderr)
            }
            Collected::TimedOut { output, stderr } => {
                (Outcome::TimedOut { after_ms: self.engine.timeout_ms }, output, stderr)
            }
            Collected::TooMuch { mut output, mut stderr } => {
                output.truncate(MAX_STREAM_BYTES);
                stderr.truncate(MAX_STREAM_BYTES);
                (Outcome::OutputLimit { bytes: MAX_STREAM_BYTES as u64 }, output, stderr)
            }
        };
        // The child is dead or must die, with whatever it left in its group.
        kill(live);
        Ok(Observation {
            outcome,
            stdout: bytes_to_text(&output),
            stderr: bytes_to_text(&stderr),
            error: None,
            returns: Vec::new(),
            checkpoints: Vec::new(),
            checkpoints_dropped: 0,
        })
    }

    fn spawn(&mut self) -> Result<Live, HarnessError> {
        let argv = self.engine.worker_argv().map_err(HarnessError)?;
        self.spawns += 1;
        let nonce = make_nonce(self.spawns);
        let mut cmd = Command::new(&argv[0]);
        cmd.args(&argv[1..])
            .arg(&self.scripts.server)
            .arg(&self.scripts.probe)
            .arg(&nonce)
            .envs(&self.engine.env)
            .envs(crate::engine::ffi_helper_for(&self.engine).map(|p| ("TWIN_FFI_HELPER", p)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let limit = self.engine.memory_mb.map(|mb| mb.saturating_mul(1024 * 1024));
        // SAFETY: the closure runs in the forked child before exec, where only
        // async-signal-safe functions may be called. setpgid, prctl and
        // setrlimit are plain system calls (async-signal-safe); the closure
        // allocates nothing and touches only its captured `u64` and stack
        // locals.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setpgid(0, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                if libc::setrlimit(libc::RLIMIT_CORE, &no_core) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if let Some(bytes) = limit {
                    let as_limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
                    if libc::setrlimit(libc::RLIMIT_AS, &as_limit) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn().map_err(|e| {
            HarnessError(format!("engine {}: cannot start `{}`: {e}", self.engine.name, argv[0]))
        })?;
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().ok_or_else(|| HarnessError("child stdout missing".into()))?;
        let stderr = child.stderr.take().ok_or_else(|| HarnessError("child stderr missing".into()))?;
        spawn_reader(stdout, tx.clone(), Event::Out, Event::OutEof);
        spawn_reader(stderr, tx, Event::Err, Event::ErrEof);
        Ok(Live {
            stdin: child.stdin.take(),
            child,
            events: rx,
            nonce,
            out: Vec::new(),
            err: Vec::new(),
            out_eof: false,
            err_eof: false,
        })
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Some(live) = self.live.take() {
            shutdown(live);
        }
    }
}

/// Ends a child politely (stdin closed: the server's loop ends), killing it
/// if it does not go within the grace period.
fn shutdown(mut live: Live) {
    live.stdin = None;
    let deadline = Instant::now() + REAP_GRACE;
    loop {
        match live.child.try_wait() {
            Ok(Some(_)) | Err(_) => return,
            Ok(None) if Instant::now() >= deadline => break,
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
        }
    }
    kill(live);
}

/// Kills a child's whole process group and reaps the child.
fn kill(mut live: Live) {
    if let Ok(pid) = i32::try_from(live.child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group we
        // created for this child in pre_exec; it has no memory effects on this
        // process. The child is not reaped yet (we hold its `Child`), so its
        // pid, which is also the group id, cannot have been reused.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = live.child.kill();
    let _ = live.child.wait();
}

/// Not a secret: it only has to differ from anything a program prints by
/// accident. Process id, clock and spawn count make it unique per worker.
/// Its length is fixed: LuaJIT's hot counters are hashed by bytecode address,
/// so a string of varying length allocated before the program shifts where the
/// program's bytecode lands and can change which loops get compiled when.
fn make_nonce(spawn: u64) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    format!("{:08x}{:016x}{:016x}", std::process::id(), nanos, spawn)
}

fn spawn_reader(
    mut pipe: impl Read + Send + 'static,
    tx: mpsc::Sender<Event>,
    data: fn(Vec<u8>) -> Event,
    eof: Event,
) {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send(data(buf[..n].to_vec())).is_err() {
                        return;
                    }
                }
            }
        }
        let _ = tx.send(eof);
    });
}

enum Collected {
    Answer { output: Vec<u8>, stderr: Vec<u8>, payload: Vec<u8> },
    Died { output: Vec<u8>, stderr: Vec<u8>, status: Option<ExitStatus> },
    TimedOut { output: Vec<u8>, stderr: Vec<u8> },
    TooMuch { output: Vec<u8>, stderr: Vec<u8> },
}

/// Waits for the answer to the request just sent, the child's death, or the
/// deadline, whichever comes first.
fn collect(live: &mut Live, deadline: Instant) -> Collected {
    let out_marker = protocol::stdout_marker(&live.nonce);
    let err_marker = protocol::stderr_marker(&live.nonce);
    let mut answer: Option<(Vec<u8>, Vec<u8>)> = None;
    let mut stderr_done: Option<Vec<u8>> = None;
    // How far each buffer has been searched for its marker.
    let (mut out_from, mut err_from) = (0, 0);
    loop {
        if answer.is_none() {
            match protocol::cut_stdout(&live.out, &out_marker, out_from) {
                Ok(Cut::Complete { output, payload, rest }) => {
                    let (output, payload, rest) = (output.to_vec(), payload.to_vec(), rest.to_vec());
                    live.out = rest;
                    answer = Some((output, payload));
                }
                Ok(Cut::NoMarker) => out_from = live.out.len(),
                // A malformed length needs the nonce, which programs do not
                // know; should it happen, the wait ends at the deadline.
                Ok(Cut::Partial) | Err(_) => {}
            }
        }
        if stderr_done.is_none() {
            match protocol::find_from(&live.err, &err_marker, err_from) {
                Some(at) => {
                    let rest = live.err.split_off(at + err_marker.len());
                    let mut mine = std::mem::replace(&mut live.err, rest);
                    mine.truncate(at);
                    stderr_done = Some(mine);
                }
                None => err_from = live.err.len(),
            }
        }
        if let (Some(_), Some(_)) = (&answer, &stderr_done) {
            let (output, payload) = answer.take().unwrap_or_default();
            return Collected::Answer { output, stderr: stderr_done.take().unwrap_or_default(), payload };
        }
        if live.out_eof && answer.is_none() {
            return reap(live, deadline);
        }
        // The answer itself is small; anything this large is program output.
        if live.out.len() > MAX_STREAM_BYTES || live.err.len() > MAX_STREAM_BYTES {
            return Collected::TooMuch {
                output: std::mem::take(&mut live.out),
                stderr: std::mem::take(&mut live.err),
            };
        }
        let now = Instant::now();
        if now >= deadline {
            return Collected::TimedOut {
                output: std::mem::take(&mut live.out),
                stderr: std::mem::take(&mut live.err),
            };
        }
        match live.events.recv_timeout(deadline - now) {
            Ok(ev) => absorb(live, ev),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                live.out_eof = true;
                live.err_eof = true;
            }
        }
    }
}

fn absorb(live: &mut Live, ev: Event) {
    match ev {
        Event::Out(b) => live.out.extend_from_slice(&b),
        Event::Err(b) => live.err.extend_from_slice(&b),
        Event::OutEof => live.out_eof = true,
        Event::ErrEof => live.err_eof = true,
    }
}

/// stdout closed without an answer: the child is dying. Gather the rest of
/// its stderr and its exit status (bounded by the deadline plus a grace).
fn reap(live: &mut Live, deadline: Instant) -> Collected {
    let limit = deadline.max(Instant::now()) + REAP_GRACE;
    while !live.err_eof {
        let now = Instant::now();
        if now >= limit {
            break;
        }
        match live.events.recv_timeout(limit - now) {
            Ok(ev) => absorb(live, ev),
            Err(_) => break,
        }
    }
    let mut status = None;
    while Instant::now() < limit {
        match live.child.try_wait() {
            Ok(Some(s)) => {
                status = Some(s);
                break;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(_) => break,
        }
    }
    if status.is_none() {
        // Closed its stdout but will not exit: count it as killed.
        let _ = live.child.kill();
        status = live.child.wait().ok();
    }
    Collected::Died { output: std::mem::take(&mut live.out), stderr: std::mem::take(&mut live.err), status }
}
