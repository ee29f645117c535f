//! Arbitrary bytes as a Lua chunk, run with an instruction budget in a fresh, sandboxed
//! state (no process exit, no commands, no file writes: the fuzzer must not be able to
//! end itself or touch the machine): errors are fine, panics and crashes are findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twin_lua::lib::Options;
use twin_lua::vm::api::Lua;

/// Function entries plus loop iterations a single input may spend.
const BUDGET: u64 = 200_000;

fuzz_target!(|data: &[u8]| {
    let mut lua = Lua::with_options(Options { sandbox: true, allowed_paths: Vec::new() });
    lua.set_budget(Some(BUDGET));
    lua.set_output(Box::new(std::io::sink()));
    let _ = lua.exec(data, "=fuzz");
});
