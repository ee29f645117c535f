//! Differential target: a generated program run twice in-process through the
//! twin_lua API, the two runs compared; any difference in output, error or
//! number of results panics (a finding for libFuzzer).
//!
//! Meant as interpreter vs JIT configurations. twin-lua has no JIT yet, so
//! today both sides are the interpreter and they differ only in an option
//! that must not change any result: side B runs in GC stress mode (a full
//! collection at every safe point). That checks that collection timing never
//! shows (a freed object still in use, a missed root) and keeps the target
//! building and running; when the JIT lands, side B becomes the JIT with
//! aggressive options (hotloop=1, hotexit=1) and nothing else changes.
#![no_main]

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use twin_lua::vm::api::Lua;

/// Function entries plus loop iterations per run: enough for most generated
/// programs' hot loops; the bound keeps one input (GC stress included) short.
/// A program cut by the budget is cut at the same point on both sides.
const BUDGET: u64 = 200_000;

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
fn run(mut lua: Lua, program: &str) -> (Vec<u8>, Result<usize, String>) {
    let sink = Sink::default();
    lua.set_budget(Some(BUDGET));
    lua.set_output(Box::new(sink.clone()));
    let r = lua.exec(program.as_bytes(), "=prog").map(|v| v.len()).map_err(|e| e.message);
    lua.flush();
    let out = sink.0.borrow().clone();
    (out, r)
}

fuzz_target!(|data: &[u8]| {
    let Ok(program) = twin_gen::generate(&mut Unstructured::new(data)) else { return };
    let a = run(Lua::new(), &program.text);
    let mut stressed = Lua::new();
    stressed.set_gc_stress(true);
    let b = run(stressed, &program.text);
    if a != b {
        panic!(
            "divergence\n--- A: {:?}\n{}\n--- B: {:?}\n{}\n--- program\n{}",
            a.1,
            String::from_utf8_lossy(&a.0),
            b.1,
            String::from_utf8_lossy(&b.0),
            program.text
        );
    }
});
