//! Deep bail: a callback into Lua while trace code is in a C call.
//!
//! A compiled C call (`CCALL`, see `record::ffi_call`) may call back into Lua. The
//! trace's frames are then half in registers, so before the call the trace publishes a
//! *bail exit*: it writes its snapshot for the CALL instruction back to the stack (the
//! interpreter's view of every frame as at that CALL) and stores the exit's number in
//! its activation's header. The callback's entry ([`State::trace_callback`]) finds the
//! innermost activation live with a published exit, completes the interpreter's view by
//! doing what the interpreter's CALL of the function cdata does (the frame link, the
//! `__call` native's frame with the cdata and the arguments), marks the activation
//! bailed and runs the callback as if the interpreter had made the call. Lua code may
//! then do anything: run traces of its own (pushing activations), call C again, raise
//! errors, reallocate the stack.
//!
//! When C returns, the trace reads the bailed flag (`trace_after_call`) and, if set,
//! stores the raw result in the header and returns [`BAILED_EXIT`] at once, touching
//! nothing else (its base pointer may be stale). `trace_enter` then finishes the call
//! as the interpreter's FFI call path does (a callback's error raised, else the result
//! pushed) and the interpreter returns from the `__call` native's frame: the results go
//! where the CALL wants them and it resumes after the CALL.
//!
//! ```text
//!   Activation::exitbuf   (the trace gets a pointer to word HDR)
//!  +--------------+--------+--------+-----------+--------------------------
//!  | published    | bailed | result | published | exit buffer entries ...
//!  | exit (0: no) | flag   | bits   | base      | (snapshot values at exits)
//!  +--------------+--------+--------+-----------+--------------------------
//! ```
//!
//! The published base is the address the snapshot's slots are relative to: recursive
//! traces move their base up from the one they were entered with.
//!
//! A callback while the innermost activation is live without a published exit cannot
//! be given a consistent stack: that is an engine bug, and the process aborts naming
//! the trace.
//!
//! Recording spans callbacks. LuaJIT aborts a recording when a callback arrives and
//! blacklists functions that called back, so a loop whose C call calls back on every
//! iteration never compiles, and a call compiled before it started calling back panics
//! ("bad callback"). Here the rule is: a callback that arrives while the interpreter
//! makes a C call the recorder has just recorded *suspends* the recording. The
//! recorder is set aside (`JitState::suspended`, where the collector still sees it)
//! and the callback's Lua code runs in the interpreter, unrecorded: it may enter
//! existing traces (their own activations), and its hot loops may record and compile
//! traces of their own, which must end before it returns (one still recording then is
//! aborted). When the callback returns, the recording resumes
//! ([`State::trace_callback_return`]) and goes on after the C call, whose `CCALL`
//! publishes its bail exit like every compiled C call: nothing is ever assumed
//! callback-free, and twin keeps no list of functions that called back (LuaJIT's
//! blacklist is a speed heuristic twin does without): the bail exit is what makes a
//! callback correct, at any time, from any compiled call. The suspended recording is
//! aborted instead when the callback failed (its error is raised by the CALL, which
//! then never completes), when `jit.off()` ran in it, or when the callback ran the
//! recording's own loop until that compiled; it is dropped when `jit.flush()` ran in
//! it. A callback while a recording is anywhere but in a recorded C call (which no
//! recorded instruction leads to) aborts it, as LuaJIT does.
//!
//! What the callback did to the Lua state does not make the trace wrong: at run time
//! a callback in that C call bails the trace before anything after the call runs, so
//! the code after the call is only ever run when C did not call back. But the
//! recorder itself reads live values after the call, and relies on the slots it holds
//! IR values for having live values of those types; a callback can change them only
//! through open upvalues, and the recorder checks them at the next instruction
//! (`record::ffi_call`). It keeps no pointers into the stack (slots are indices), so
//! a callback that grows the stack does not affect it.

use super::record::Recorder;
use crate::bytecode::op::Op;
use crate::vm::frame::{FRAME_LUA, link};
use crate::vm::state::{MIN_STACK, State};

/// Header words before the exit buffer entries.
pub const HDR: usize = 4;
const PUBLISHED: usize = 0;
const BAILED: usize = 1;
pub(super) const RESULT: usize = 2;
const BASE: usize = 3;

/// What a trace returns after its C call was bailed (no exit number looks like it).
pub const BAILED_EXIT: u64 = u64::MAX;

/// Byte offset of header word `w` from the pointer the trace holds.
const fn offset(w: usize) -> i32 {
    (w as i32 - HDR as i32) * 8
}
/// Where the trace stores its published exit (`trace << 16 | snapshot`) and, after a
/// bail, the call's raw result.
pub const PUBLISHED_OFFSET: i32 = offset(PUBLISHED);
pub const RESULT_OFFSET: i32 = offset(RESULT);
/// Where a C call publishes the base its bail snapshot is relative to.
pub const BASE_OFFSET: i32 = offset(BASE);

/// The stack index of the base the published bail exit stored in the header of
/// `exitbuf`, given the address of the running thread's stack.
pub fn exit_base(exitbuf: &[u64], stack: usize) -> usize {
    (exitbuf[BASE] as usize).wrapping_sub(stack) / 8
}

/// Called by trace code right after a compiled C call: saves `errno` for `ffi.errno()`
/// (as the interpreter's call path does), withdraws the published exit and returns
/// the bailed flag.
///
/// # Safety
/// `st` is the state running the trace, `exitbuf` the exit buffer pointer it got.
pub unsafe extern "C" fn trace_after_call(st: *mut State, exitbuf: *mut u64) -> u64 {
    // SAFETY: reading the thread's errno before anything else can change it; the
    // header words precede the pointer the trace got (see `trace_enter`).
    unsafe {
        let e = *libc::__errno_location();
        (*st).ffi().errno = e;
        let hdr = exitbuf.sub(HDR);
        *hdr.add(PUBLISHED) = 0;
        *hdr.add(BAILED)
    }
}

impl State {
    /// A callback arrived (`ffi::callback`'s entry), before it runs any Lua code:
    /// suspends a recording that recorded the C call being made (true: the entry
    /// passes that on to [`State::trace_callback_return`]), aborts any other, and
    /// bails the innermost activation if its trace is in a C call.
    pub(crate) fn trace_callback(&mut self) -> bool {
        let suspended = self.trace_suspend();
        self.trace_bail();
        suspended
    }

    fn trace_suspend(&mut self) -> bool {
        let Some(mut rec) = self.jit.rec.take() else { return false };
        if rec.callback_arrived().is_none() {
            self.trace_abort(&rec, "NYI: callback while recording", usize::MAX);
            return false;
        }
        // Set aside where the collector sees it; a flush in the callback drops it.
        self.jit.suspended.push(*rec);
        true
    }

    /// The callback's Lua code is done (`failed`: it raised an error or tried to
    /// yield, which the C call's CALL raises when C returns): ends a recording the
    /// callback started, then resumes or aborts the recording it suspended.
    pub(crate) fn trace_callback_return(&mut self, suspended: bool, failed: bool) {
        if let Some(rec) = self.jit.rec.take() {
            self.trace_abort(&rec, "NYI: return from a callback while recording", usize::MAX);
        }
        if !suspended {
            return;
        }
        // Nested callbacks suspend and resume in LIFO order; a flush emptied the list.
        let Some(mut rec) = self.jit.suspended.pop() else { return };
        // Aborts are reported at the C call.
        let pc = rec.callback_arrived().unwrap_or(usize::MAX);
        if failed {
            self.trace_abort(&rec, "error thrown or yield attempted in a callback", pc);
        } else if !self.lib.jit.enabled {
            self.trace_abort(&rec, "JIT turned off in a callback", pc);
        } else if Self::start_compiled(&rec) {
            self.trace_abort(&rec, "NYI: its loop was compiled in a callback", pc);
        } else {
            self.jit.rec = Some(Box::new(rec));
        }
    }

    /// A root recording's loop instruction became another trace's entry while the
    /// recording was suspended (the callback ran the same loop, which got hot).
    fn start_compiled(rec: &Recorder) -> bool {
        // SAFETY: the recorded prototype is live (the collector sees suspended recordings).
        let ins = unsafe { (&(*rec.proto).code)[rec.loop_pc] };
        let root = rec.side.is_none() && rec.stitch_parent.is_none();
        root && matches!(ins.op(), Op::JFORL | Op::JLOOP | Op::JITERL | Op::JFUNCF)
    }

    fn trace_bail(&mut self) {
        let Some(act) = self.jit.activations.last() else { return };
        if act.exitbuf[BAILED] != 0 {
            return;
        }
        let published = act.exitbuf[PUBLISHED];
        // SAFETY: the running thread is live; no Lua code ran since the trace published
        // its base, so its stack is where it was.
        let stack = unsafe { (*self.cur).stack.as_ptr() } as usize;
        let (no, base) = (act.trace, exit_base(&act.exitbuf, stack));
        let (tno, sno) = ((published >> 16) as u16, (published & 0xffff) as usize);
        let Some(snap) = self.jit.trace(tno).and_then(|t| t.snaps.get(sno)) else {
            eprintln!(
                "twin-lua: engine bug: a callback arrived while trace {no} is live without a published bail exit"
            );
            std::process::abort();
        };
        let (sbase, pc, multres) = (snap.base, snap.pc, snap.multres.unwrap_or(0) as usize);
        let proto =
            snap.frames.last().map_or_else(|| self.jit.trace(tno).map(|t| t.proto), |f| Some(f.proto));
        if let Some(act) = self.jit.activations.last_mut() {
            act.exitbuf[BAILED] = 1;
        }
        self.jit.stats.bails += 1;
        // The trace wrote the snapshot back: the frames are the interpreter's as at the
        // CALL. Now what the interpreter's CALL of a function cdata did before C ran.
        let fb = (base as isize + sbase as isize) as usize;
        // SAFETY: the snapshot's frames run live prototypes; `pc` is the CALL's.
        let ins = unsafe { proto.map(|p| (&(*p).code)[pc]) };
        let Some(ins) = ins.filter(|i| matches!(i.op(), Op::CALL | Op::CALLM)) else {
            eprintln!("twin-lua: engine bug: trace {no} published a bail exit that is not at a call");
            std::process::abort();
        };
        let a = ins.a() as usize;
        let nargs = if ins.op() == Op::CALL { ins.c() as usize - 1 } else { ins.c() as usize + multres };
        let func = fb + a;
        let th = self.th();
        th.stack[func + 1] = link(FRAME_LUA, a + 2, pc + 1);
        th.base = fb;
        th.pc = pc;
        th.top = func + 2 + nargs;
        // `precall` of a callable non-function: its `__call` (the cdata metatable's
        // native) called with the cdata inserted as the first argument.
        if self.ensure_stack(1 + MIN_STACK).is_err() {
            eprintln!("twin-lua: engine bug: no stack for the frame of trace {no}'s bailed call");
            std::process::abort();
        }
        let f = self.th().stack[func];
        let mm = self.get_mm(f, crate::vm::meta::MM_CALL);
        let th = self.th();
        th.stack.copy_within(func + 2..func + 2 + nargs, func + 3);
        th.stack[func + 2] = f;
        th.stack[func] = mm;
        th.base = func + 2;
        th.top = func + 3 + nargs;
    }
}

#[cfg(test)]
mod tests {
    use crate::trace::JitParams;
    use crate::vm::api::Lua;

    /// Runs `src` (returning one string) with the JIT off and on at `hotloop=1`: both
    /// results and the JIT run's stats.
    fn both(src: &str) -> (String, String, crate::trace::JitStats) {
        let mut out = Vec::new();
        let mut stats = Default::default();
        for on in [false, true] {
            let mut lua = Lua::new();
            let st = lua.state();
            assert!(st.lib.jit.apply("hotloop=1"));
            st.lib.jit.enabled = on;
            let p = JitParams::from_settings(&st.lib.jit, 1);
            st.jit.set_params(p);
            let r = lua.exec(src.as_bytes(), "=t").expect("runs");
            // SAFETY: the program returns a string.
            let s = unsafe { crate::lib::str_bytes(r[0]) };
            out.push(String::from_utf8_lossy(s).into_owned());
            stats = lua.state().jit.stats;
        }
        (out[0].clone(), out[1].clone(), stats)
    }

    /// libc's qsort calls its comparator only for two or more elements: compiled while
    /// sorting none, the call starts calling back from trace code.
    const QSORT: &str = "local ffi = require 'ffi' \
        ffi.cdef 'void qsort(void *, size_t, size_t, int (*)(const void *, const void *));' \
        local calls = 0 \
        local cmp = ffi.cast('int (*)(const void *, const void *)', function(a, b) calls = calls + 1 BODY return 0 end) \
        local arr, n = ffi.new('int[2]'), {} for i = 1, 100 do n[i] = i >= 60 and 2 or 0 end \
        local function run() for i = 1, 100 do ffi.C.qsort(arr, n[i], 4, cmp) end end";

    #[test]
    fn a_callback_from_a_compiled_call_bails_and_the_loop_goes_on() {
        let src = QSORT.replace("BODY", "") + " run() return tostring(calls)";
        let (off, on, s) = both(&src);
        assert_eq!(off, on);
        assert!(s.traces >= 1 && s.bails >= 1, "{s:?}");
    }

    #[test]
    fn a_loop_whose_call_calls_back_every_time_compiles() {
        let src = QSORT.replace("n[i] = i >= 60 and 2 or 0", "n[i] = 2").replace("BODY", "")
            + " run() return tostring(calls)";
        let (off, on, s) = both(&src);
        assert_eq!(off, on);
        // The loop's recording was suspended for the comparator's callbacks and resumed:
        // it compiled (the only trace with a C call), and its calls bail at run time.
        assert!(s.traces >= 1 && s.bails >= 1, "{s:?}");
    }

    #[test]
    fn a_callback_error_while_recording_aborts_the_recording() {
        // At hotloop=1 the second iteration is recorded; its callback fails.
        let src = QSORT
            .replace("n[i] = i >= 60 and 2 or 0", "n[i] = 2")
            .replace("BODY", "if calls == 2 then error('cmp') end")
            + " local ok, e = pcall(run) return tostring(ok) .. ' ' .. tostring(e) .. ' ' .. calls";
        let (off, on, s) = both(&src);
        assert_eq!(off, on);
        assert!(off.starts_with("false t:1: cmp 2"), "{off}");
        assert!(s.aborts >= 1 && s.bails == 0, "{s:?}");
    }

    #[test]
    fn a_callback_error_after_a_bail_is_caught_outside_the_call() {
        let src = QSORT.replace("BODY", "if calls == 5 then error('cmp ' .. calls) end")
            + " local ok, e = pcall(run) return tostring(ok) .. ' ' .. tostring(e) .. ' ' .. calls";
        let (off, on, s) = both(&src);
        assert_eq!(off, on);
        assert!(off.starts_with("false t:1: cmp 5"), "{off}");
        assert!(s.bails >= 1, "{s:?}");
    }
}
