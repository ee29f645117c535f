//! Differential target: a generated program run in-process through the
//! twin_lua API by the interpreter alone (the oracle) and by the JIT under
//! stress options (`hotloop=1`, `hotexit=1`: every loop is hot at once, every
//! side exit grows a side trace), plus once more by the interpreter under GC
//! stress (a full collection at every safe point, which checks that
//! collection timing never shows: a freed object still in use, a missed
//! root). Any difference from the oracle in output, error or number of
//! results panics with both sides and the program: a finding for libFuzzer.
//!
//! This is `twin fuzz`'s comparison without the harness's probe (no
//! checkpoints): what it gains is libFuzzer's coverage feedback over the
//! generator's input bytes, and no process per program.
#![no_main]

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use twin_lua::trace::JitParams;
use twin_lua::vm::api::Lua;

/// Function entries plus loop iterations per run: enough for most generated
/// programs' hot loops; the bound keeps one input (GC stress included) short.
/// A program cut by the budget is cut at the same point on every side.
const BUDGET: u64 = 200_000;

/// The JIT side's options, as `twin-lua -O...` would apply them.
const STRESS: &[&str] = &["hotloop=1", "hotexit=1"];

/// A `Write` both the state and the harness can reach.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What one side showed: output, then the error or the number of results.
type Shown = (Vec<u8>, Result<usize, String>);

fn interpreter() -> Lua {
    let mut lua = Lua::new();
    lua.state().lib.jit.enabled = false;
    lua
}

fn jit() -> Lua {
    let mut lua = Lua::new();
    let st = lua.state();
    for opt in STRESS {
        assert!(st.lib.jit.apply(opt), "twin-lua rejects the JIT option {opt}");
    }
    let params = JitParams::from_settings(&st.lib.jit, 0);
    st.jit.set_params(params);
    lua
}

fn gc_stress() -> Lua {
    let mut lua = interpreter();
    lua.set_gc_stress(true);
    lua
}

fn run(mut lua: Lua, program: &str) -> Shown {
    let sink = Sink::default();
    lua.set_budget(Some(BUDGET));
    lua.set_output(Box::new(sink.clone()));
    let r = lua.exec(program.as_bytes(), "=prog").map(|v| v.len()).map_err(|e| e.message);
    lua.flush();
    let out = sink.0.borrow().clone();
    (out, r)
}

fn check(side: &str, oracle: &Shown, other: &Shown, program: &str) {
    if oracle != other {
        panic!(
            "divergence: interpreter vs {side}\n--- interpreter: {:?}\n{}\n--- {side}: {:?}\n{}\n--- program\n{}",
            oracle.1,
            String::from_utf8_lossy(&oracle.0),
            other.1,
            String::from_utf8_lossy(&other.0),
            program
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(program) = twin_gen::generate(&mut Unstructured::new(data)) else { return };
    let oracle = run(interpreter(), &program.text);
    check("jit (hotloop=1, hotexit=1)", &oracle, &run(jit(), &program.text), &program.text);
    check("gc stress", &oracle, &run(gc_stress(), &program.text), &program.text);
});
