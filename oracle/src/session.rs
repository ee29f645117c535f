//! A session: one set of engines, their workers, and the judging of programs.
//!
//! The first engine is the oracle. For every program the oracle runs
//! `oracle_runs` times (2 by default: the second run is the nondeterminism
//! check behind the "poisoned" verdict), then every other engine runs once and
//! is judged against the first oracle run. A session is what `twin diff`, the
//! benchmark and (later) campaigns and the reducer drive; it keeps its workers
//! alive between programs.
//!
//! Judging compares copies of the observations in which checkpoint locals that
//! are dead where their frame stands are masked (see [`crate::liveness`]); the
//! report keeps the observations as they were.

use serde::{Deserialize, Serialize};

use crate::diff::{self, Field};
use crate::engine::Engine;
use crate::liveness::Liveness;
use crate::observation::Observation;
use crate::scripts::Scripts;
use crate::verdict::{self, Verdict};
use crate::worker::{HarnessError, Worker};

/// Session settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Keep workers between programs (false: one process per program).
    pub persist: bool,
    /// How many times the oracle runs each program (at least 1).
    pub oracle_runs: usize,
    /// Compare checkpoint locals even where they are dead (normally masked).
    pub compare_dead_locals: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { persist: true, oracle_runs: 2, compare_dead_locals: false }
    }
}

/// One engine's result on one program.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EngineResult {
    pub engine: String,
    pub observation: Observation,
    /// Wall-clock time of the run (first run for the oracle), worker start
    /// included when the run started one. Never compared.
    pub elapsed_ms: f64,
}

/// One non-oracle engine's verdict.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Judgement {
    pub engine: String,
    pub verdict: Verdict,
    pub signature: String,
    /// Unified diffs of the differing fields (oracle first), uncoloured.
    pub diffs: Vec<FieldDiff>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FieldDiff {
    pub field: Field,
    pub diff: String,
}

/// Everything `twin diff` knows about one program.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub oracle: String,
    /// The oracle's observation first, then each other engine's.
    pub results: Vec<EngineResult>,
    pub judgements: Vec<Judgement>,
}

impl Report {
    /// Every engine agrees with the oracle.
    pub fn all_same(&self) -> bool {
        self.judgements.iter().all(|j| j.verdict.is_same())
    }

    /// Some engine diverged, crashed or timed out.
    pub fn has_failure(&self) -> bool {
        self.judgements.iter().any(|j| j.verdict.is_failure())
    }
}

pub struct Session {
    workers: Vec<Worker>,
    options: Options,
    /// Seconds spent in engine runs (worker starts included); the rest of a
    /// `diff` is judging. Read by the harness benchmark.
    engine_seconds: f64,
}

impl Session {
    /// A session over `engines` (the first is the oracle).
    pub fn new(engines: Vec<Engine>, options: Options) -> Result<Session, HarnessError> {
        if engines.is_empty() {
            return Err(HarnessError("no engines".into()));
        }
        let scripts = Scripts::materialise()
            .map_err(|e| HarnessError(format!("cannot write the worker scripts: {e}")))?;
        let workers = engines.into_iter().map(|e| Worker::new(e, scripts.clone(), options.persist)).collect();
        Ok(Session { workers, options, engine_seconds: 0.0 })
    }

    /// Runs `program` on engine number `i` only.
    pub fn observe(&mut self, i: usize, program: &str) -> Result<Observation, HarnessError> {
        self.timed(i, program).map(|(o, _)| o)
    }

    fn timed(&mut self, i: usize, program: &str) -> Result<(Observation, f64), HarnessError> {
        let w = self.workers.get_mut(i).ok_or_else(|| HarnessError(format!("no engine number {i}")))?;
        let start = std::time::Instant::now();
        let o = w.run(program);
        let secs = start.elapsed().as_secs_f64();
        self.engine_seconds += secs;
        Ok((o?, secs * 1000.0))
    }

    /// Runs `program` on every engine and judges each against the oracle.
    pub fn diff(&mut self, program: &str) -> Result<Report, HarnessError> {
        let (oracle, oracle_ms) = self.timed(0, program)?;
        let again = if self.options.oracle_runs > 1 { Some(self.observe(0, program)?) } else { None };
        let oracle_name = self.workers[0].engine().name.clone();
        let liveness = if self.options.compare_dead_locals { None } else { Liveness::analyse(program) };
        let masked = |o: &Observation| liveness.as_ref().map_or_else(|| o.clone(), |l| l.mask(o));
        let (oracle_m, again_m) = (masked(&oracle), again.as_ref().map(&masked));
        let mut results = vec![EngineResult {
            engine: oracle_name.clone(),
            observation: oracle.clone(),
            elapsed_ms: oracle_ms,
        }];
        let mut judgements = Vec::new();
        for i in 1..self.workers.len() {
            let (other, elapsed_ms) = self.timed(i, program)?;
            let name = self.workers[i].engine().name.clone();
            let other_m = masked(&other);
            let v = verdict::judge(&oracle_m, again_m.as_ref(), &other_m);
            let signature = verdict::signature(&v, &oracle_m, &other_m);
            let shown: Vec<Field> = match &v {
                Verdict::Poisoned { poison: verdict::Poison::OracleNondeterministic { .. } } => Vec::new(),
                _ => diff::differing_fields(&oracle_m, &other_m),
            };
            let diffs = shown
                .into_iter()
                .map(|field| FieldDiff {
                    field,
                    diff: diff::unified(field, &oracle_name, &oracle_m, &name, &other_m),
                })
                .collect();
            judgements.push(Judgement { engine: name.clone(), verdict: v, signature, diffs });
            results.push(EngineResult { engine: name, observation: other, elapsed_ms });
        }
        if let (Some(again), Some(first)) = (again_m, judgements.first_mut())
            && let Verdict::Poisoned { poison: verdict::Poison::OracleNondeterministic { field } } =
                first.verdict
        {
            // Show how the oracle disagreed with itself, once.
            first.diffs.push(FieldDiff {
                field,
                diff: diff::unified(field, &oracle_name, &oracle_m, &format!("{oracle_name}(again)"), &again),
            });
        }
        Ok(Report { oracle: oracle_name, results, judgements })
    }

    /// Seconds spent waiting for engines so far (see the field).
    pub fn engine_seconds(&self) -> f64 {
        self.engine_seconds
    }

    /// Processes started so far, per engine.
    pub fn spawns(&self) -> Vec<(String, u64)> {
        self.workers.iter().map(|w| (w.engine().name.clone(), w.spawns)).collect()
    }
}
