//! twin-gen: generates valid, terminating, JIT-hot Lua programs as `twin_lua::syntax`
//! trees, for differential fuzzing of tracing JITs.
//!
//! # Pipeline
//!
//! ```text
//!  seed ──SplitMix64──> bytes ──Unstructured──> Config ──> family instances ──> Chunk
//!                                                                 │
//!                              prelude (checkpoint fallback, output helpers, FFI)
//!                                                                 │
//!                          header comment + twin_lua::syntax::print_chunk ──> text
//! ```
//!
//! [`generate`] draws a swarm [`Config`], then a few instances of the case families
//! ([`Family`]) it enables, each a `do ... end` block built from a template whose shape
//! and parameters come from the bytes (each instance from its own share of them, so
//! a local byte change makes a local program change). Templates hold the hard part (getting hot,
//! changing a type or a branch after the loop was compiled, recursion that unwinds
//! through traced frames, metamethods with loops of their own, FFI callbacks), while
//! random typed expressions and statements (`expr`, `stmt`) vary the filler.
//!
//! # Guarantees, and where they come from
//!
//! * **Valid.** Programs are built as trees, so they are syntactically valid by
//!   construction; names are fresh per use (`ctx::Ctx::fresh`), so scoping is too.
//! * **Terminating.** Every loop is a numeric `for` with literal bounds or a loop with an
//!   explicit counter; recursion has a depth parameter; strings are cut to bounded length
//!   when assigned in loops; tables grow only inside bounded loops. The one deliberate
//!   non-terminating recursion (stack overflow) runs under `pcall` and ends at the
//!   engine's stack limit. The generator itself terminates: fuel is a counter, not a draw.
//! * **Error-free where not meant.** Expressions are typed (`expr`); runtime errors are
//!   raised only inside `pcall`, where families mean them.
//! * **Deterministic on every engine.** All output goes through `twin_out` (see
//!   `prelude`): no addresses, NaN signs canonical, no `pairs` order (keys are sorted or
//!   counted), `bit` operations only on inputs where LuaJIT defines them, no time, no
//!   unseeded randomness, no GC timing. The exception is `#` of tables with holes and
//!   `pairs` order, allowed in one program in four (`Config::same_engine`) and then
//!   flagged by [`Program::same_engine_only`].
//! * **The FFI helper.** FFI callback programs load `c/twin_ffi_helper.c`, built by this
//!   crate, from the path in the global `TWIN_FFI_HELPER`, which the runner sets (see
//!   [`helper_lib_path`]); [`Program::uses_ffi_helper`] says which programs need it.
//! * **Deterministic generation.** The same bytes give the same program; [`from_seed`]
//!   fixes the bytes of a seed forever (see `rng`).

use arbitrary::{Arbitrary, Unstructured};
use twin_lua::syntax::ast::{Block, Chunk};
use twin_lua::syntax::{parse, print_chunk};

mod config;
mod ctx;
mod dsl;
mod expr;
mod families;
mod ffi_helper;
mod prelude;
mod rng;
pub mod stats;
mod stmt;

pub use config::{Config, Feature};
pub use families::Family;
pub use ffi_helper::{CDEF as FFI_HELPER_CDEF, helper_lib_path, helper_lib_path_aarch64};
pub use rng::SplitMix64;

/// Bytes drawn from the seeded RNG for [`from_seed`]: enough that a program rarely runs
/// out (running out is harmless, just less varied).
const SEED_BYTES: usize = 16 * 1024;

/// A generated program.
#[derive(Clone, Debug)]
pub struct Program {
    /// The source: [`Program::header`] then `print_chunk(&chunk)`.
    pub text: String,
    pub chunk: Chunk,
    pub config: Config,
    /// The family of each instance, in program order.
    pub families: Vec<Family>,
    /// The output shows engine internals (`#` of a table with holes, `pairs` order of
    /// string keys): compare such a program only across configurations of one engine
    /// whose hashing and JIT decisions are deterministic (twin-lua with a fixed
    /// `-Oseed`). LuaJIT randomises string hashes and trace penalties per run, so there
    /// the output varies even from one run to the next.
    pub same_engine_only: bool,
    /// Loads the FFI helper library (needs the global `TWIN_FFI_HELPER`).
    pub uses_ffi_helper: bool,
    /// Uses the `ffi` library at all (LuaJIT-compatible engines only).
    pub uses_ffi: bool,
    /// Checkpoint ids used are `1..=checkpoints`.
    pub checkpoints: u32,
    /// The seed, for programs made by [`from_seed`].
    pub seed: Option<u64>,
}

impl Program {
    pub fn has_family(&self, f: Family) -> bool {
        self.families.contains(&f)
    }

    /// What every program promises about its text: it parses with twin-lua's parser back
    /// to [`Program::chunk`], and printing that tree again gives the same source. The
    /// tests and the fuzz target check this; an `Err` says what broke.
    pub fn check_round_trip(&self) -> Result<(), String> {
        let tree = parse(self.text.as_bytes(), "=twin-gen").map_err(|e| format!("does not parse: {e}"))?;
        if tree != self.chunk {
            return Err("parse(print(ast)) != ast".into());
        }
        if print_chunk(&tree) != print_chunk(&self.chunk) {
            return Err("print(parse(print(ast))) != print(ast)".into());
        }
        Ok(())
    }

    /// The header comment: how to regenerate the program and what it holds.
    pub fn header(&self) -> String {
        let mut h = String::from("-- twin-gen program");
        if let Some(s) = self.seed {
            h += &format!(" (seed {s})");
        }
        h.push('\n');
        let fams: Vec<&str> = self.families.iter().map(|f| f.name()).collect();
        h += &format!("-- families: {}\n", fams.join(", "));
        h += &format!(
            "-- same-engine-only: {}, ffi: {}, ffi helper: {}, checkpoints: {}\n",
            self.same_engine_only, self.uses_ffi, self.uses_ffi_helper, self.checkpoints
        );
        let off: Vec<String> =
            Feature::ALL.iter().filter(|&&f| !self.config.feature(f)).map(|f| format!("{f:?}")).collect();
        h += &format!("-- features off: {}\n", if off.is_empty() { "none".into() } else { off.join(", ") });
        h += &format!("-- config: {:?}\n", self.config);
        h
    }
}

/// Builds a program from `u`. Never fails for lack of bytes: an exhausted source gives
/// the smallest choices, which still make a complete program.
pub fn generate(u: &mut Unstructured) -> arbitrary::Result<Program> {
    build(u, None)
}

fn build(u: &mut Unstructured, seed: Option<u64>) -> arbitrary::Result<Program> {
    let config = Config::arbitrary(u)?;
    let mut ctx = ctx::Ctx::new(config.clone());
    let mut stats = Vec::new();
    let n = config.instances();
    for k in 0..n {
        // The rest of the input, split evenly among the instances still to come.
        let share = u.len() / (n - k) as usize;
        ctx.start_instance(u.bytes(share)?);
        let f = families::choose(&mut ctx);
        ctx.families.push(f);
        stats.push(f.generate(&mut ctx));
    }
    let mut body = prelude::prelude(&ctx);
    body.extend(stats);
    let mut p = Program {
        text: String::new(),
        chunk: Chunk { body: Block { stats: body }, end_line: Default::default() },
        config,
        families: ctx.families.clone(),
        same_engine_only: ctx.same_engine_only,
        uses_ffi_helper: ctx.uses_helper,
        uses_ffi: ctx.uses_ffi,
        checkpoints: ctx.checkpoint_count(),
        seed,
    };
    p.text = p.header() + &print_chunk(&p.chunk);
    Ok(p)
}

/// The generator input of program number `seed` (what [`from_seed`] feeds [`generate`]).
pub fn seed_bytes(seed: u64) -> Vec<u8> {
    rng::SplitMix64::new(seed).bytes(SEED_BYTES)
}

/// Program number `seed`: 16 KiB of bytes from SplitMix64 seeded with `seed`, then
/// [`generate`]. The same seed gives the same program on every machine and build.
pub fn from_seed(seed: u64) -> Program {
    let bytes = seed_bytes(seed);
    let mut u = Unstructured::new(&bytes);
    // Drawing fails only on malformed input, and running out of bytes is not that.
    build(&mut u, Some(seed)).unwrap_or_else(|e| unreachable!("generate failed on seed {seed}: {e}"))
}
