//! Test-only fault injection: a switch that makes the engine wrong on purpose.
//!
//! The harness has to prove that it finds, records and reproduces a wrong
//! answer. A real JIT bug cannot be ordered on demand, so this hook plants a
//! known one, in the shape of the bugs a tracing JIT has: only hot loops are
//! affected, and only by an environment variable that no user sets.
//!
//! ```text
//!   TWIN_LUA_FAULT=for-last   a numeric `for` loop with step 1 and at least
//!                             HOT_TRIP iterations skips its last iteration
//! ```
//!
//! The variable is read once per process, at the first loop entry; any other
//! value (or none) means no fault. The only call site is the interpreter's
//! `FORI`, once per loop entry, so the cost when off is one load per loop, not
//! per iteration. Never set it outside tests (`oracle/tests/campaign.rs`).

use std::sync::OnceLock;

/// Loops shorter than this are left alone: the harness's own Lua code (worker
/// server, probe) has only short loops, so a faulty engine still serves.
pub const HOT_TRIP: f64 = 100.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    None,
    ForLast,
}

fn fault() -> Fault {
    static FAULT: OnceLock<Fault> = OnceLock::new();
    *FAULT.get_or_init(|| match std::env::var("TWIN_LUA_FAULT").as_deref() {
        Ok("for-last") => Fault::ForLast,
        _ => Fault::None,
    })
}

/// The limit a numeric `for` loop entered with (`start`, `limit`, `step`)
/// runs to: `limit` itself unless the `for-last` fault is switched on.
#[inline]
pub fn for_limit(start: f64, limit: f64, step: f64) -> f64 {
    if step == 1.0 && limit - start + 1.0 >= HOT_TRIP && fault() == Fault::ForLast {
        limit - 1.0
    } else {
        limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_loops_and_other_steps_are_untouched() {
        // Whatever the environment says, these never change.
        assert_eq!(for_limit(1.0, 10.0, 1.0), 10.0);
        assert_eq!(for_limit(1.0, 500.0, 2.0), 500.0);
    }
}
