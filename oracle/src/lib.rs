//! twin-oracle: the differential harness behind the `twin` binary.
//!
//! The pieces, each in its own module, in the order a program meets them:
//!
//! ```text
//!   engine    named engine configurations (built-ins + twin.toml)
//!   scripts   the Lua worker server and stack-state probe, embedded
//!   worker    one child process per engine: spawn, run, timeout, restart
//!   protocol  the framing between worker and harness
//!   observation  what an engine showed: output, error, returns, checkpoints
//!   liveness  which checkpoint locals are live (dead ones are masked before comparing)
//!   diff      field-by-field comparison, first differing checkpoint, unified diffs
//!   verdict   same / divergent / crash / timeout / poisoned, and signatures
//!   session   a set of engines judging programs against the first (the oracle)
//!
//!   campaign  `twin fuzz`: threads of sessions judging generated programs
//!   findings  one directory per finding, written atomically
//!   dedup     findings grouped by signature; the index rebuilt from disk
//!   corpus    interesting generator inputs, trace shapes from -jv, mutation
//!   progress  live status, --json lines, the summary table
//!   sync      several instances sharing one output directory
//!
//!   reduce    shrinking a program while its signature stays (`twin reduce`)
//!   triage_input  what `twin triage` reads from a findings directory
//!   triage    dedupe, reduce, re-check, trace log, bisect (`twin triage`)
//!   bisect    which JIT flags/params a divergence needs (`twin bisect`)
//!   report    triage reports: Markdown and one self-contained HTML page
//!
//!   bench     `twin bench`: the suite across engines, harness throughput, instruction counts
//!   cli       the `twin` command line
//!   conform   suites (three layouts) across engines: passed/failed/diverged/skipped
//!   gate      the PR gate's lanes: suites, regression corpus, fixed-seed fuzzing
//!   summary   JUnit XML and Markdown reports of conform and gate
//!   cli_gate  the `twin conform` and `twin gate` command lines
//! ```

pub mod bench;
pub mod bisect;
pub mod campaign;
pub mod cli;
pub mod cli_gate;
pub mod conform;
pub mod corpus;
pub mod dedup;
pub mod diff;
pub mod engine;
pub mod findings;
pub mod gate;
pub mod liveness;
pub mod observation;
pub mod progress;
pub mod protocol;
pub mod reduce;
pub mod report;
pub mod scripts;
pub mod session;
pub mod summary;
pub mod sync;
pub mod triage;
pub mod triage_input;
pub mod verdict;
pub mod worker;
