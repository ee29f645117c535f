//! `twin bisect FILE --engines A,B`: which JIT options a divergence needs.
//!
//! The judged engine is re-run with one option changed at a time, appended to
//! its arguments (LuaJIT and twin-lua both apply `-O` arguments in order, so
//! the last one wins):
//!
//! ```text
//!   -O-<flag>      for each optimisation flag: gone => the divergence needs <flag>
//!   -O0 + greedy   if no single flag matters but all flags off clear it:
//!                  re-enable flags one by one, keeping those that leave it
//!                  gone; what stays off is a 1-minimal set
//!   -O<param>=v    parameters pushed away from stress values (hotexit, maxside, ...)
//! ```
//!
//! "Gone" means, on two fresh runs in a row, the reduction goal (the relocatable signature, see
//! [`crate::reduce::Goal`]) is no longer shown. A program that does not show
//! its goal with the unchanged engines is reported as not reproducible.

use crate::engine::Engine;
use crate::reduce::{Goal, judge};

/// LuaJIT's optimisation flags (twin-lua takes the same, see `jit.opt`).
pub const FLAGS: [&str; 10] = ["fold", "cse", "dce", "fwd", "dse", "narrow", "loop", "abc", "sink", "fuse"];

/// Parameter settings tried, each pulling one trace decision away from the
/// eager side.
pub const PARAMS: [&str; 8] = [
    "hotexit=1000",
    "maxside=0",
    "tryside=0",
    "instunroll=0",
    "loopunroll=0",
    "callunroll=0",
    "recunroll=0",
    "hotloop=1000",
];

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Bisection {
    pub goal: String,
    /// Flags each of which alone clears the divergence when turned off.
    pub needs_flags: Vec<String>,
    /// A minimal set of flags that together clear it (when no single one does).
    pub minimal_set: Vec<String>,
    /// Parameter settings that clear it.
    pub gone_with: Vec<String>,
    /// Settings tried, in order, with whether the divergence was still there.
    pub tried: Vec<(String, bool)>,
}

impl Bisection {
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.needs_flags.is_empty() {
            let f: Vec<String> = self.needs_flags.iter().map(|f| format!("-O{f}")).collect();
            parts.push(format!("only with {}", f.join(", ")));
        }
        if !self.minimal_set.is_empty() {
            let f: Vec<String> = self.minimal_set.iter().map(|f| format!("-O-{f}")).collect();
            parts.push(format!("gone with {} together", f.join(" ")));
        }
        if !self.gone_with.is_empty() {
            let p: Vec<String> = self.gone_with.iter().map(|p| format!("-O{p}")).collect();
            parts.push(format!("gone with {}", p.join(", ")));
        }
        if parts.is_empty() { "no option tried clears it".into() } else { parts.join("; ") }
    }
}

/// Fresh runs in which the original divergence is looked for.
const BASELINE_RUNS: usize = 5;

/// Bisects `program`'s divergence between `engines[0]` and `engines[1]`.
pub fn bisect(program: &str, engines: &[Engine], log: &mut dyn FnMut(&str)) -> Result<Bisection, String> {
    if engines.len() != 2 {
        return Err("bisect takes exactly two engines: the oracle and the engine judged".into());
    }
    // LuaJIT is not fully repeatable: the divergence may hide in one run, so it is
    // looked for in up to BASELINE_RUNS fresh runs before there is nothing to bisect.
    let mut found = None;
    for _ in 0..BASELINE_RUNS {
        found = Goal::of(&judge(program, engines)?).filter(Goal::is_interesting);
        if found.is_some() {
            break;
        }
    }
    let Some(goal) = found else {
        return Err(format!("nothing to bisect: {} agrees with {}", engines[1].name, engines[0].name));
    };
    let mut b = Bisection { goal: goal.key.clone(), ..Bisection::default() };
    let mut shows = |extra: &[String], b: &mut Bisection| -> Result<bool, String> {
        let mut pair = engines.to_vec();
        pair[1].args.extend(extra.iter().cloned());
        // LuaJIT is not fully repeatable: "gone" must hold on a second,
        // fresh run too, or a flake would name an innocent option.
        let mut still = false;
        for _ in 0..2 {
            still |= Goal::of(&judge(program, &pair)?).as_ref() == Some(&goal);
            if still {
                break;
            }
        }
        let label = extra.join(" ");
        log(&format!("{label}: {}", if still { "still there" } else { "gone" }));
        b.tried.push((label, still));
        Ok(still)
    };
    for f in FLAGS {
        if !shows(&[format!("-O-{f}")], &mut b)? {
            b.needs_flags.push(f.to_string());
        }
    }
    if b.needs_flags.is_empty() {
        let off = |set: &[&str]| set.iter().map(|f| format!("-O-{f}")).collect::<Vec<_>>();
        let mut disabled: Vec<&str> = FLAGS.to_vec();
        if !shows(&off(&disabled), &mut b)? {
            for f in FLAGS {
                let without: Vec<&str> = disabled.iter().copied().filter(|d| *d != f).collect();
                if !shows(&off(&without), &mut b)? {
                    disabled = without;
                }
            }
            b.minimal_set = disabled.iter().map(|f| f.to_string()).collect();
        }
    }
    for p in PARAMS {
        if !shows(&[format!("-O{p}")], &mut b)? {
            b.gone_with.push(p.to_string());
        }
    }
    Ok(b)
}

/// `twin bisect FILE --engines A,B`: prints each setting tried and the
/// summary. Exit status 0, or 2 on an error (including no divergence).
#[derive(clap::Args, Debug)]
pub struct BisectArgs {
    file: std::path::PathBuf,
    #[arg(long, default_value = "twin-interp,twin-jit")]
    engines: String,
}

pub fn run(registry: &crate::engine::Registry, args: BisectArgs) -> Result<i32, String> {
    let engines = registry.select(&args.engines)?;
    let program = std::fs::read_to_string(&args.file).map_err(|e| format!("{}: {e}", args.file.display()))?;
    let b = bisect(&program, &engines, &mut |l| println!("  {l}"))?;
    println!("{}: {}", b.goal, b.summary());
    Ok(0)
}
