//! One timed process: wall time, CPU time and peak resident memory.
//!
//! The benchmark runs each program as a fresh process (not through a worker:
//! a worker's own Lua code would be part of the time) and reaps it with
//! `wait4`, whose `rusage` is the child's own: user + system CPU time and
//! `ru_maxrss`, the peak resident set in KiB. CPU time is the default clock
//! because the machines this runs on are shared: waiting for a core makes a
//! run slower on the wall clock but not on the CPU clock.
//!
//! Linux carries a process's peak RSS over `exec` from the memory it had
//! before, and a spawned child starts with its parent's (std spawns with
//! `vfork` semantics or `fork`; either way the pre-exec memory is ours). So a
//! child's `ru_maxrss` is never below this process's own peak at the time of
//! the spawn; that floor is recorded with each run, and a peak at or below
//! it only says "at most this much".
//!
//! A watchdog thread kills a run that exceeds its time limit. It may only
//! signal the child while the child cannot have been reaped (a reaped pid can
//! be reused by an unrelated process), so the order is:
//!
//! ```text
//!   spawn -> read stdout/stderr to EOF -> waitid(WNOWAIT): exited, not reaped
//!         -> stop and join the watchdog -> wait4: reap, collect rusage
//! ```

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// How a measured process ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exit {
    Code(i32),
    Signal(i32),
    /// Killed by the watchdog after the time limit.
    TimedOut,
}

/// One measured run.
#[derive(Debug, Clone)]
pub struct Run {
    pub exit: Exit,
    pub wall: f64,
    /// User + system CPU seconds of the child.
    pub cpu: f64,
    pub max_rss_kib: u64,
    /// This process's own peak RSS when it spawned the child (see above).
    pub rss_floor_kib: u64,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.exit == Exit::Code(0)
    }
}

/// Runs `argv` to completion (stdin empty), killing it after `limit`.
pub fn run(argv: &[String], limit: Duration) -> Result<Run, String> {
    let (program, args) = argv.split_first().ok_or("empty command line")?;
    let rss_floor_kib = own_peak_rss_kib();
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if stop_rx.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout) {
            // SAFETY: kill(2) has no memory effects here. The child is not
            // reaped before this thread is joined (see the module comment),
            // so `pid` still names it.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            return true;
        }
        false
    });
    let mut stderr_pipe = child.stderr.take();
    let stderr_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(p) = stderr_pipe.as_mut() {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    });
    let mut stdout = Vec::new();
    if let Some(p) = child.stdout.as_mut() {
        let _ = p.read_to_end(&mut stdout);
    }
    let stderr = stderr_reader.join().unwrap_or_default();
    // Wait for the exit without reaping, so the watchdog can still kill a
    // child that closed its pipes but keeps running.
    loop {
        // SAFETY: `info` is a plain C struct that waitid fills; zeroed is a
        // valid value for it.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: waitid writes only to `info`; `pid` is our unreaped child.
        let r =
            unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT) };
        if r == 0 {
            break;
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return Err(format!("waitid on `{program}`: {}", std::io::Error::last_os_error()));
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let _ = stop_tx.send(());
    let timed_out = watchdog.join().unwrap_or(false);
    let mut status: libc::c_int = 0;
    // SAFETY: as above, a zeroed rusage is valid and wait4 fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 writes only to `status` and `usage`; the child has
    // exited (waitid above), so this reaps it without blocking. `child` is
    // not waited on afterwards (dropping a `Child` does not wait).
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if r != pid {
        return Err(format!("wait4 on `{program}`: {}", std::io::Error::last_os_error()));
    }
    let exit = if timed_out {
        Exit::TimedOut
    } else if libc::WIFSIGNALED(status) {
        Exit::Signal(libc::WTERMSIG(status))
    } else {
        Exit::Code(libc::WEXITSTATUS(status))
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Run {
        exit,
        wall,
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        max_rss_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
        rss_floor_kib,
        stdout,
        stderr,
    })
}

/// This process's peak resident set (`VmHWM`), in KiB; 0 when unknown.
pub fn own_peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("VmHWM:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
        })
        .unwrap_or(0)
}

/// CPU seconds (user + system) used so far by this process, and by its
/// children that have been reaped.
pub fn cpu_seconds() -> (f64, f64) {
    let get = |who| {
        // SAFETY: a zeroed rusage is valid; getrusage only writes to it.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `u` is a valid, writable rusage.
        unsafe { libc::getrusage(who, &mut u) };
        let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        secs(u.ru_utime) + secs(u.ru_stime)
    };
    (get(libc::RUSAGE_SELF), get(libc::RUSAGE_CHILDREN))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Vec<String> {
        vec!["sh".into(), "-c".into(), script.into()]
    }

    #[test]
    fn output_exit_and_memory_are_collected() {
        let r = run(&sh("echo out; echo err >&2; exit 3"), Duration::from_secs(10)).unwrap();
        assert_eq!(
            (r.exit, r.stdout.as_slice(), r.stderr.as_slice()),
            (Exit::Code(3), &b"out\n"[..], &b"err\n"[..])
        );
        assert!(r.max_rss_kib > 0 && r.wall > 0.0);
        assert!(r.rss_floor_kib > 0 && r.rss_floor_kib <= own_peak_rss_kib());
    }

    #[test]
    fn cpu_time_is_the_childs() {
        let r =
            run(&sh("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done"), Duration::from_secs(30)).unwrap();
        assert!(r.ok() && r.cpu > 0.0, "{r:?}");
    }

    #[test]
    fn a_run_past_its_limit_is_killed() {
        let r = run(&sh("exec sleep 5"), Duration::from_millis(100)).unwrap();
        assert_eq!(r.exit, Exit::TimedOut);
        assert!(r.wall < 4.0);
    }

    #[test]
    fn a_signal_is_reported() {
        let r = run(&sh("kill -SEGV $$"), Duration::from_secs(10)).unwrap();
        assert_eq!(r.exit, Exit::Signal(libc::SIGSEGV));
    }

    #[test]
    fn a_missing_program_is_an_error() {
        assert!(run(&["/nonexistent/engine".to_string()], Duration::from_secs(1)).is_err());
    }
}
