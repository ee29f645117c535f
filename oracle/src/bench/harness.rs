//! `twin bench --harness`: how many generated programs the differential
//! harness judges per second, and where the time goes.
//!
//! For each engine pair and each worker mode (persistent workers, one
//! process per program) a [`Session`] judges the same generated programs
//! (`twin_gen::from_seed(seed + k)`, as `twin fuzz` draws them) on one
//! thread, the way one campaign thread does:
//!
//! ```text
//!   generation   twin_gen::from_seed            (timed around the call)
//!   execution    the engines' runs              (Session::engine_seconds:
//!                                                 the oracle twice, the other once)
//!   comparison   the rest of Session::diff      (liveness masking, diff, verdict)
//! ```
//!
//! Two rates are reported. Programs per wall-clock second is what one
//! campaign thread achieves on this machine now, load included. Programs per
//! CPU second (harness and engine processes together, from getrusage) is the
//! rate per core: what each core adds to a campaign, and much less disturbed
//! by other work on a shared machine. Programs the generator marks
//! `same_engine_only` are skipped for pairs that include a non-twin engine,
//! as `twin fuzz` skips them.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::machine::Meta;
use super::measure::cpu_seconds;
use crate::engine::{Engine, EngineKind};
use crate::session::{Options, Session};

/// One pair in one mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Throughput {
    pub engines: Vec<String>,
    pub persistent: bool,
    /// Programs judged (skipped ones not counted).
    pub programs: usize,
    pub skipped: usize,
    pub processes: u64,
    /// Programs with a divergent, crash or timeout verdict.
    pub failing: usize,
    pub wall: f64,
    pub cpu: f64,
    pub generation: f64,
    pub execution: f64,
    pub comparison: f64,
}

impl Throughput {
    pub fn per_wall_second(&self) -> f64 {
        self.programs as f64 / self.wall
    }

    pub fn per_cpu_second(&self) -> f64 {
        self.programs as f64 / self.cpu
    }

    /// Shares of generation, execution and comparison in their sum.
    pub fn shares(&self) -> (f64, f64, f64) {
        let total = self.generation + self.execution + self.comparison;
        if total <= 0.0 {
            return (0.0, 0.0, 0.0);
        }
        (self.generation / total, self.execution / total, self.comparison / total)
    }
}

/// The `--harness` report (its JSON file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HarnessReport {
    pub meta: Meta,
    pub seed: u64,
    /// Programs drawn per pair and mode (some may be skipped).
    pub count: usize,
    pub oracle_runs: usize,
    pub rows: Vec<Throughput>,
}

/// Judges `count` generated programs with `engines` in one mode.
pub fn measure(
    engines: &[Engine],
    persistent: bool,
    seed: u64,
    count: usize,
    oracle_runs: usize,
) -> Result<Throughput, String> {
    let deterministic = engines.iter().all(|e| e.kind == EngineKind::TwinLua);
    let options =
        Options { persist: persistent, oracle_runs: oracle_runs.max(1), compare_dead_locals: false };
    let (self0, children0) = cpu_seconds();
    let started = Instant::now();
    let mut session = Session::new(engines.to_vec(), options).map_err(|e| e.0)?;
    let (mut generation, mut judging) = (0.0, 0.0);
    let (mut programs, mut skipped, mut failing) = (0, 0, 0);
    for k in 0..count as u64 {
        let t = Instant::now();
        let program = twin_gen::from_seed(seed.wrapping_add(k));
        generation += t.elapsed().as_secs_f64();
        if program.same_engine_only && !deterministic {
            skipped += 1;
            continue;
        }
        let t = Instant::now();
        let report =
            session.diff(&program.text).map_err(|e| format!("program {}: {e}", seed.wrapping_add(k)))?;
        judging += t.elapsed().as_secs_f64();
        programs += 1;
        if report.has_failure() {
            failing += 1;
        }
    }
    let execution = session.engine_seconds();
    let processes = session.spawns().iter().map(|(_, n)| n).sum();
    // Dropping the session ends and reaps the persistent workers, so their
    // CPU time shows in RUSAGE_CHILDREN.
    drop(session);
    let wall = started.elapsed().as_secs_f64();
    let (self1, children1) = cpu_seconds();
    Ok(Throughput {
        engines: engines.iter().map(|e| e.name.clone()).collect(),
        persistent,
        programs,
        skipped,
        processes,
        failing,
        wall,
        cpu: (self1 - self0) + (children1 - children0),
        generation,
        execution,
        comparison: (judging - execution).max(0.0),
    })
}

/// The report as a Markdown table.
pub fn markdown(r: &HarnessReport) -> String {
    let mut s = format!(
        "# twin bench --harness: {} generated programs per pair and mode\n\n{}\n\n\
         Programs `twin_gen::from_seed({} + k)`, judged on one thread by a session as `twin fuzz` \
         runs them (the oracle {} times, the other engine once). Per CPU second counts the harness \
         and its engine processes together: the rate one core adds to a campaign.\n\n",
        r.count,
        r.meta.describe(),
        r.seed,
        r.oracle_runs
    );
    s += "| engines | workers | programs | programs/s (wall) | programs per CPU second | processes \
          | generation | execution | comparison | failing |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for t in &r.rows {
        let (g, e, c) = t.shares();
        let programs = if t.skipped > 0 {
            format!("{} ({} skipped)", t.programs, t.skipped)
        } else {
            t.programs.to_string()
        };
        s += &format!(
            "| {} | {} | {programs} | {:.1} | {:.1} | {} | {:.1}% | {:.1}% | {:.1}% | {} |\n",
            t.engines.join(" vs "),
            if t.persistent { "persistent" } else { "one process per program" },
            t.per_wall_second(),
            t.per_cpu_second(),
            t.processes,
            g * 100.0,
            e * 100.0,
            c * 100.0,
            t.failing
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_exactly_this() {
        let t = Throughput {
            engines: vec!["a".into(), "b".into()],
            persistent: true,
            programs: 10,
            skipped: 2,
            processes: 2,
            failing: 1,
            wall: 2.0,
            cpu: 4.0,
            generation: 0.5,
            execution: 3.0,
            comparison: 0.5,
        };
        let one = Throughput { persistent: false, skipped: 0, processes: 30, wall: 4.0, ..t.clone() };
        let r = HarnessReport {
            meta: crate::bench::fixture::meta(),
            seed: 7,
            count: 12,
            oracle_runs: 2,
            rows: vec![t, one],
        };
        let expected = "\
# twin bench --harness: 12 generated programs per pair and mode

2026-11-21T13:02:03Z, box (Some CPU, 2 cores, x86_64), load 1.50 -> 2.25, commit abc123

Programs `twin_gen::from_seed(7 + k)`, judged on one thread by a session as `twin fuzz` runs them \
(the oracle 2 times, the other engine once). Per CPU second counts the harness and its engine \
processes together: the rate one core adds to a campaign.

| engines | workers | programs | programs/s (wall) | programs per CPU second | processes | generation | execution | comparison | failing |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
| a vs b | persistent | 10 (2 skipped) | 5.0 | 2.5 | 2 | 12.5% | 75.0% | 12.5% | 1 |
| a vs b | one process per program | 10 | 2.5 | 2.5 | 30 | 12.5% | 75.0% | 12.5% | 1 |
";
        assert_eq!(markdown(&r), expected);
    }
}
