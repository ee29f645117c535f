//! Batch statistics: how many programs ran cleanly, errored without meaning to, timed
//! out, and, read from the engine's `-jv` log, how many compiled a trace and how many
//! took a side exit into a side trace. Per family, whether it reached its target.
//!
//! The runner is a callback, so the same counting serves LuaJIT (`luajit -jv`), twin-lua
//! (`twin-lua -jv`, which prints the same lines) and in-process engines. `-jv` lines
//! look like this (LuaJIT's `jit/v.lua`):
//!
//! ```text
//! [TRACE   1 prog.lua:12 loop]                     root trace, linked to itself
//! [TRACE   3 (1/4) prog.lua:15 -> 1]                side trace: parent 1, exit 4
//! [TRACE   5 prog.lua:3 down-recursion]             root trace, link type
//! [TRACE --- prog.lua:8 -- NYI: bytecode 50]        aborted: not counted
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::{Family, Program};

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Exit status 0.
    Ok,
    /// A Lua error or panic message and a non-zero status.
    Error,
    /// Killed by the runner's time limit.
    Timeout,
    /// Killed by a signal (segfault, abort).
    Crash,
}

/// What one run produced.
#[derive(Clone, Debug)]
pub struct RunOutcome {
    pub exit: Exit,
    pub stdout: Vec<u8>,
    /// Where `-jv` writes its log (by default) and errors go.
    pub stderr: Vec<u8>,
}

/// What a `-jv` log says about one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JitLog {
    /// Traces compiled (root and side).
    pub traces: u32,
    /// Side traces compiled: a side exit got hot and was recorded.
    pub side_traces: u32,
    /// Root traces that end in down-recursion.
    pub down_recursion: u32,
    /// Traces aborted (`[TRACE --- ...]`).
    pub aborts: u32,
}

/// Parses the `[TRACE ...]` lines of a `-jv` log; other lines are ignored.
pub fn parse_jv(log: &str) -> JitLog {
    let mut j = JitLog::default();
    for line in log.lines() {
        let Some(rest) = line.trim_start().strip_prefix("[TRACE") else { continue };
        let rest = rest.trim_start();
        if rest.starts_with("---") {
            j.aborts += 1;
            continue;
        }
        let mut words = rest.split_whitespace();
        if words.next().is_none_or(|n| n.parse::<u32>().is_err()) {
            continue;
        }
        j.traces += 1;
        let side = words.next().is_some_and(|w| {
            w.strip_prefix('(').and_then(|w| w.strip_suffix(')')).is_some_and(|w| w.contains('/'))
        });
        if side {
            j.side_traces += 1;
        } else if rest.trim_end().ends_with("down-recursion]") {
            j.down_recursion += 1;
        }
    }
    j
}

/// LuaJIT's answer to a callback that arrives while a trace's C call is active: a known
/// gap of the reference engine, not an error of the program.
pub fn is_bad_callback(o: &RunOutcome) -> bool {
    let needle = b"bad callback";
    o.stderr.windows(needle.len()).any(|w| w == needle) || o.stdout.windows(needle.len()).any(|w| w == needle)
}

/// The target a family is judged by.
pub fn family_target(f: Family) -> &'static str {
    match f {
        Family::FfiCallback => "LuaJIT's \"bad callback\" panic",
        Family::Recursion => "a down-recursion trace",
        Family::HotLoops | Family::Metamethods | Family::Numbers | Family::Tables => "a side trace",
        _ => "a compiled trace",
    }
}

fn hits_target(f: Family, o: &RunOutcome, j: &JitLog) -> bool {
    match f {
        Family::FfiCallback => is_bad_callback(o),
        Family::Recursion => j.down_recursion > 0,
        Family::HotLoops | Family::Metamethods | Family::Numbers | Family::Tables => j.side_traces > 0,
        _ => j.traces > 0,
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FamilyStats {
    /// Programs with at least one instance of the family.
    pub programs: u64,
    pub unintended_errors: u64,
    /// Programs that reached [`family_target`].
    pub target_hits: u64,
    /// Seed of the first program that reached the target, if it has one.
    pub first_hit_seed: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub programs: u64,
    /// Ran to completion (exit status 0).
    pub valid: u64,
    /// Ended with an error the program did not mean (not a known engine gap).
    pub unintended_errors: u64,
    /// Ended with LuaJIT's "bad callback" panic (the callback family's target).
    pub bad_callback: u64,
    pub timeouts: u64,
    pub crashes: u64,
    /// Bytes of program output (stdout).
    pub output_bytes: u64,
    /// Compiled at least one trace.
    pub traced: u64,
    /// Compiled at least one side trace.
    pub side_traced: u64,
    pub down_recursion: u64,
    pub per_family: BTreeMap<Family, FamilyStats>,
    /// Seeds of programs with unintended errors, crashes or timeouts (first few).
    pub failing_seeds: Vec<u64>,
}

const FAILING_SEEDS_KEPT: usize = 20;

impl Stats {
    pub fn record(&mut self, p: &Program, o: &RunOutcome) {
        // `-jv` writes to stderr, unless the runner redirected it: read both.
        let mut log = String::from_utf8_lossy(&o.stderr).into_owned();
        log.push('\n');
        log.push_str(&String::from_utf8_lossy(&o.stdout));
        let j = parse_jv(&log);
        let bad_cb = o.exit == Exit::Error && is_bad_callback(o);
        let unintended = o.exit == Exit::Error && !bad_cb;
        self.programs += 1;
        self.output_bytes += o.stdout.len() as u64;
        match o.exit {
            Exit::Ok => self.valid += 1,
            Exit::Error if bad_cb => self.bad_callback += 1,
            Exit::Error => self.unintended_errors += 1,
            Exit::Timeout => self.timeouts += 1,
            Exit::Crash => self.crashes += 1,
        }
        if (unintended || matches!(o.exit, Exit::Timeout | Exit::Crash))
            && self.failing_seeds.len() < FAILING_SEEDS_KEPT
            && let Some(s) = p.seed
        {
            self.failing_seeds.push(s);
        }
        self.traced += u64::from(j.traces > 0);
        self.side_traced += u64::from(j.side_traces > 0);
        self.down_recursion += u64::from(j.down_recursion > 0);
        let mut seen: Vec<Family> = p.families.clone();
        seen.sort();
        seen.dedup();
        for f in seen {
            let fs = self.per_family.entry(f).or_default();
            fs.programs += 1;
            fs.unintended_errors += u64::from(unintended);
            if hits_target(f, o, &j) {
                fs.target_hits += 1;
                fs.first_hit_seed = match (fs.first_hit_seed, p.seed) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
        }
    }

    /// Runs every program through `run` and counts.
    pub fn collect(programs: &[Program], mut run: impl FnMut(&Program) -> RunOutcome) -> Stats {
        let mut s = Stats::default();
        for p in programs {
            let o = run(p);
            s.record(p, &o);
        }
        s
    }

    /// Adds the counts of `other` (for runs split across threads).
    pub fn merge(&mut self, other: &Stats) {
        self.programs += other.programs;
        self.valid += other.valid;
        self.unintended_errors += other.unintended_errors;
        self.bad_callback += other.bad_callback;
        self.timeouts += other.timeouts;
        self.crashes += other.crashes;
        self.output_bytes += other.output_bytes;
        self.traced += other.traced;
        self.side_traced += other.side_traced;
        self.down_recursion += other.down_recursion;
        for (f, o) in &other.per_family {
            let fs = self.per_family.entry(*f).or_default();
            fs.programs += o.programs;
            fs.unintended_errors += o.unintended_errors;
            fs.target_hits += o.target_hits;
            fs.first_hit_seed = match (fs.first_hit_seed, o.first_hit_seed) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        for &s in &other.failing_seeds {
            if self.failing_seeds.len() < FAILING_SEEDS_KEPT {
                self.failing_seeds.push(s);
            }
        }
        self.failing_seeds.sort();
    }

    /// A human summary, with the rates the generator is held to.
    pub fn report(&self) -> String {
        let pct = |n: u64| if self.programs == 0 { 0.0 } else { 100.0 * n as f64 / self.programs as f64 };
        let mut r = String::new();
        let no_unintended = self.programs - self.unintended_errors - self.timeouts - self.crashes;
        let _ = writeln!(r, "programs:                     {}", self.programs);
        let _ = writeln!(r, "ran to completion:            {} ({:.1}%)", self.valid, pct(self.valid));
        let _ = writeln!(
            r,
            "no unintended error:          {} ({:.1}%, target >= 95%)",
            no_unintended,
            pct(no_unintended)
        );
        let _ = writeln!(r, "  unintended errors:          {}", self.unintended_errors);
        let _ = writeln!(r, "  bad callback (known gap):   {}", self.bad_callback);
        let _ = writeln!(r, "  timeouts:                   {}", self.timeouts);
        let _ = writeln!(r, "  crashes:                    {}", self.crashes);
        let _ = writeln!(
            r,
            "compiled a trace:             {} ({:.1}%, target >= 80%)",
            self.traced,
            pct(self.traced)
        );
        let _ = writeln!(
            r,
            "side exit into a side trace:  {} ({:.1}%, target >= 30%)",
            self.side_traced,
            pct(self.side_traced)
        );
        let _ = writeln!(
            r,
            "down-recursion trace:         {} ({:.1}%)",
            self.down_recursion,
            pct(self.down_recursion)
        );
        let _ = writeln!(r, "output bytes:                 {}", self.output_bytes);
        let _ = writeln!(r, "per family (programs containing it; target; reached):");
        for (f, fs) in &self.per_family {
            let rate =
                if fs.programs == 0 { 0.0 } else { 100.0 * fs.target_hits as f64 / fs.programs as f64 };
            let first = fs.first_hit_seed.map(|s| format!(", first at seed {s}")).unwrap_or_default();
            let _ = writeln!(
                r,
                "  {:<13} {:>6} programs, {:>4} unintended errors; {}: {} ({:.1}%){}",
                f.name(),
                fs.programs,
                fs.unintended_errors,
                family_target(*f),
                fs.target_hits,
                rate,
                first
            );
        }
        if !self.failing_seeds.is_empty() {
            let seeds: Vec<String> = self.failing_seeds.iter().map(u64::to_string).collect();
            let _ = writeln!(r, "failing seeds: {}", seeds.join(" "));
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_luajit_jv_lines() {
        let log = "[TRACE   1 down.lua:1 up-recursion]\n\
                   [TRACE --- (1/3) down.lua:1 -- down-recursion, restarting]\n\
                   [TRACE   2 down.lua:1 down-recursion]\n\
                   [TRACE   3 (2/1) down.lua:1 -> 1]\n\
                   hello\n\
                   [TRACE  12 (11/1) x.lua:5 stitch print]\n";
        let j = parse_jv(log);
        assert_eq!(j, JitLog { traces: 4, side_traces: 2, down_recursion: 1, aborts: 1 });
    }
}
