//! The reducer: shrinks a program while its verdict keeps its signature.
//!
//! ```text
//!   program ──judge──> goal (relocatable signature + oracle behaviour)
//!      │
//!      └─> repeat until a whole round accepts nothing:
//!            drop-statements, unwrap, drop-items, simplify (incl. loop counts),
//!            inline, rename                                (AST passes, walk.rs/passes.rs)
//!            drop-lines, drop-tokens                       (text passes, text.rs)
//!          each candidate: parse ─> print ─> strictly smaller? ─> judged in a batch (pool.rs)
//! ```
//!
//! A pass enumerates candidates by index on the current program. The reducer
//! takes them in batches as wide as the pool, and accepts the first one in
//! candidate order that keeps the goal; then it continues with the same index
//! on the smaller program (what was there moved up). Because the order of
//! acceptance depends only on the answers, never on timing, the same program
//! and engines give the same result. Engines that are not fully repeatable
//! (LuaJIT) make answers vary run to run, so for them each candidate is
//! judged best of three, in fresh processes, made as repeatable as possible
//! (see [`repeatable()`]).
//!
//! "Smaller" is (tokens, bytes, text) compared in that order; every accepted
//! candidate is strictly smaller, so reduction ends. Every candidate is
//! printed by twin-lua's printer, so the result is readable, indented Lua.
//!
//! Loops must stay hot: a trace compiler only diverges once a loop has run
//! `hotloop` times (and a side exit `hotexit` times). `min_trips` is the
//! floor for literal loop counts; [`min_trips_for`] derives it from the
//! engines' `-O` options.

pub mod cli;
mod goal;
mod passes;
mod pool;
mod repeatable;
mod text;
mod walk;

use std::sync::Arc;
use std::time::Instant;

use twin_lua::syntax::ast::Chunk;
use twin_lua::syntax::{parse, print_chunk};

pub use goal::Goal;
pub use repeatable::repeatable;
pub use text::tokens;

use crate::engine::{Engine, EngineKind};
use crate::session::{Options, Report, Session};
use pool::Pool;
use walk::{Pass, edit_nth};

/// LuaJIT's defaults for the parameters that decide when code gets hot.
const DEFAULT_HOTLOOP: u32 = 56;
const DEFAULT_HOTEXIT: u32 = 10;
/// Judgements of the original program before concluding the engines agree.
const JUDGE_ATTEMPTS: usize = 5;
/// PRNG seeds tried for repeatable engines.
const SEEDS: u32 = 16;
/// Iterations kept beyond `hotloop + hotexit`, so the trace runs a while
/// and its exits get hot too.
const HOT_MARGIN: u32 = 8;

#[derive(Debug, Clone)]
pub struct ReduceOptions {
    /// Candidates tested at once (one session per thread).
    pub threads: usize,
    /// Floor for literal `for` loop trip counts.
    pub min_trips: u32,
    /// Stop after this many engine runs (a budget, not a target).
    pub max_runs: usize,
    /// Runs per candidate, majority decides (1, or 3: best of three; see
    /// [`pool::Pool::test`]). twin-lua is deterministic by design (its JIT's
    /// PRNG is seeded by `-Oseed`), so one run does for twin-lua engines.
    pub votes: usize,
    /// Run the engines made repeatable (see [`repeatable()`]).
    pub repeatable: bool,
    /// Session options for candidates (one oracle run each is enough: the
    /// original program's judgement already checked the oracle twice). Not
    /// persistent by default: a persistent LuaJIT worker keeps its JIT state
    /// (hot counters, traces) from one program to the next, so a candidate's
    /// answer would depend on which candidates that worker ran before, and
    /// with several threads that is a matter of timing.
    pub session: Options,
}

impl ReduceOptions {
    pub fn for_engines(engines: &[Engine]) -> ReduceOptions {
        ReduceOptions {
            threads: 2,
            min_trips: min_trips_for(engines),
            max_runs: 20_000,
            votes: if engines.iter().all(|e| e.kind == EngineKind::TwinLua) { 1 } else { 3 },
            repeatable: true,
            session: Options { oracle_runs: 1, persist: false, ..Options::default() },
        }
    }
}

/// `hotloop + hotexit + margin`, for the hottest-needing judged engine (the
/// oracle, first, is not judged: its loops need not get hot); parameters read
/// from `-Ohotloop=N` / `-Ohotexit=N` in the engines' arguments.
pub fn min_trips_for(engines: &[Engine]) -> u32 {
    let param = |e: &Engine, name: &str, default: u32| {
        e.args
            .iter()
            .filter_map(|a| a.strip_prefix("-O")?.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
            .next_back()
            .unwrap_or(default)
    };
    engines
        .iter()
        .skip(1)
        .map(|e| param(e, "hotloop", DEFAULT_HOTLOOP) + param(e, "hotexit", DEFAULT_HOTEXIT) + HOT_MARGIN)
        .max()
        .unwrap_or(DEFAULT_HOTLOOP + DEFAULT_HOTEXIT + HOT_MARGIN)
}

/// A finished reduction.
#[derive(Debug, Clone)]
pub struct Reduction {
    pub program: String,
    /// What was kept.
    pub goal: Goal,
    /// The original program's report and the reduced program's.
    pub before: Report,
    pub after: Report,
    /// Engine runs made for candidates (cache misses).
    pub runs: usize,
    /// The PRNG seed of the repeatable engines the reduction ran on (see
    /// [`repeatable()`]); `None`: the engines as configured.
    pub seed: Option<u32>,
    pub seconds: f64,
}

/// Non-blank lines and tokens of a program.
pub fn size(program: &str) -> (usize, usize) {
    (program.lines().filter(|l| !l.trim().is_empty()).count(), tokens(program).len())
}

enum Source {
    Ast(&'static str, Box<dyn Pass + Send>),
    Rename,
    Lines,
    Tokens,
}

impl Source {
    fn name(&self) -> &'static str {
        match self {
            Source::Ast(name, _) => name,
            Source::Rename => "rename",
            Source::Lines => "drop-lines",
            Source::Tokens => "drop-tokens",
        }
    }

    fn candidate(&self, chunk: &Chunk, text: &str, k: usize) -> Option<String> {
        match self {
            Source::Ast(_, pass) => edit_nth(chunk, pass.as_ref(), k).map(|c| print_chunk(&c)),
            Source::Rename => passes::rename_candidates(chunk).get(k).map(print_chunk),
            Source::Lines => text::drop_lines(text, k),
            Source::Tokens => text::drop_tokens(text, k),
        }
    }
}

fn sources(min_trips: u32) -> Vec<Source> {
    vec![
        Source::Ast("drop-statements", Box::new(passes::DropStatements)),
        Source::Ast("unwrap", Box::new(passes::Unwrap)),
        Source::Ast("drop-items", Box::new(passes::DropItems)),
        Source::Ast("simplify", Box::new(passes::Simplify { min_trips })),
        Source::Ast("inline", Box::new(passes::Inline)),
        Source::Rename,
        Source::Lines,
        Source::Tokens,
    ]
}

/// The reduction order: fewer tokens, then fewer bytes, then the text.
fn measure(text: &str) -> (usize, usize, &str) {
    (tokens(text).len(), text.len(), text)
}

/// Judges `program` once on this thread (oracle run twice, as `twin diff`).
pub fn judge(program: &str, engines: &[Engine]) -> Result<Report, String> {
    let mut session = Session::new(engines.to_vec(), Options::default()).map_err(|e| e.0)?;
    session.diff(program).map_err(|e| e.0)
}

/// Reduces `program` on `engines` (oracle first, the engine judged second).
/// `log` receives one line per accepted step.
pub fn reduce(
    program: &str,
    engines: &[Engine],
    options: &ReduceOptions,
    log: &mut dyn FnMut(&str),
) -> Result<Reduction, String> {
    let started = Instant::now();
    if engines.len() != 2 {
        return Err("reduce takes exactly two engines: the oracle and the engine judged".into());
    }
    // A finding from a flaky engine may not show on every run: judge it a
    // few times before concluding there is nothing to keep.
    let mut before = judge(program, engines)?;
    for _ in 1..JUDGE_ATTEMPTS {
        if Goal::of(&before).is_some_and(|g| g.is_interesting()) {
            break;
        }
        before = judge(program, engines)?;
    }
    let goal = Goal::of(&before).ok_or("no judgement")?;
    if !goal.is_interesting() {
        return Err(format!(
            "nothing to reduce: {} agrees with {} ({JUDGE_ATTEMPTS} runs)",
            engines[1].name, engines[0].name
        ));
    }
    // The first seed (in order) under which the repeatable engines show
    // the goal; else the engines as configured.
    let chosen = if options.repeatable {
        (0..SEEDS)
            .map(|seed| (seed, repeatable(engines, seed)))
            .find(|(_, e)| judge(program, e).ok().and_then(|r| Goal::of(&r)).as_ref() == Some(&goal))
    } else {
        None
    };
    let seed = chosen.as_ref().map(|(s, _)| *s);
    let engines = chosen.as_ref().map_or(engines, |(_, e)| &e[..]);
    let oracle_ms = before.results.first().map_or(0.0, |r| r.elapsed_ms);
    let mut candidate_engines = engines.to_vec();
    if !goal.key.starts_with("timeout") && !goal.key.contains("timed-out") {
        // A candidate that loops forever should cost seconds, not the
        // engine's full timeout; the original's run time sets the scale.
        let limit = (oracle_ms * 20.0) as u64 + 2000;
        candidate_engines.iter_mut().for_each(|e| e.timeout_ms = e.timeout_ms.min(limit));
    }
    let chunk = parse(program.as_bytes(), "=prog").map_err(|e| format!("cannot parse the program: {e}"))?;
    let mut text = print_chunk(&chunk);
    let mut chunk = chunk;
    let mut pool = Pool::new(&candidate_engines, &options.session, options.threads, goal.clone())?;
    if !pool.test(&[Arc::from(text.as_str())], options.votes)[0] {
        return Err(format!("the printed program no longer shows `{}`", goal.key));
    }
    let sources = sources(options.min_trips);
    let width = options.threads.max(1);
    'rounds: loop {
        let mut changed = false;
        for source in &sources {
            let mut k = 0;
            loop {
                if pool.runs >= options.max_runs {
                    log(&format!("run budget of {} spent", options.max_runs));
                    break 'rounds;
                }
                let mut batch: Vec<(usize, Chunk, Arc<str>)> = Vec::new();
                let mut exhausted = false;
                while batch.len() < width {
                    let Some(cand) = source.candidate(&chunk, &text, k) else {
                        exhausted = true;
                        break;
                    };
                    k += 1;
                    let Ok(parsed) = parse(cand.as_bytes(), "=prog") else { continue };
                    let printed = print_chunk(&parsed);
                    if measure(&printed) < measure(&text) {
                        batch.push((k - 1, parsed, Arc::from(printed)));
                    }
                }
                let texts: Vec<Arc<str>> = batch.iter().map(|(_, _, t)| Arc::clone(t)).collect();
                let keeps = pool.test(&texts, options.votes);
                if let Some(i) = keeps.iter().position(|&k| k) {
                    let (at, parsed, printed) = batch.swap_remove(i);
                    let (old, new) = (size(&text), size(&printed));
                    log(&format!(
                        "{}: {} -> {} lines, {} -> {} tokens",
                        source.name(),
                        old.0,
                        new.0,
                        old.1,
                        new.1
                    ));
                    chunk = parsed;
                    text = printed.to_string();
                    k = at;
                    changed = true;
                } else if exhausted {
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let runs = pool.runs;
    drop(pool);
    let after = judge(&text, engines)?;
    Ok(Reduction { program: text, goal, before, after, runs, seed, seconds: started.elapsed().as_secs_f64() })
}
