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
//!   reduce    shrinking a program while its signature stays (twin reduce)
//!   findings, triage, bisect, report  twin triage / twin bisect and their reports
//!   cli       the `twin` command line
//! ```

pub mod bisect;
pub mod cli;
pub mod diff;
pub mod engine;
pub mod findings;
pub mod liveness;
pub mod observation;
pub mod protocol;
pub mod reduce;
pub mod report;
pub mod scripts;
pub mod session;
pub mod triage;
pub mod verdict;
pub mod worker;
