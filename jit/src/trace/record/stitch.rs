//! The recorder's side of trace stitching (see `trace::stitch` for the lifecycle): ending
//! a trace at a call of a native it does not record and starting a stitched trace after
//! such a call. A stitched trace ends where a side trace would (see `loops`).
//!
//! What stitches and what does not follows LuaJIT (`recff_nyi`): a call that returns
//! into a Lua frame stitches (a `CALL`/`CALLM`, or a tail call from an inlined frame,
//! which returns into that frame's caller), but only when the instruction it returns to
//! takes a fixed number of values (not `CALLM`, `CALLMT`, `RETM`, `TSETM`, whose count
//! the stitched trace could not know), and never across `error`, `debug.sethook` or
//! `jit.flush`. Those calls end the trace in the interpreter instead, without a stitched
//! trace after them. Tail calls from the start frame and iterator calls of such natives
//! abort.

use super::*;

impl Recorder {
    /// A recorder for the trace continuing the stitch of trace `parent`, whose call at
    /// `call_pc` of `proto` (the frame at `base`) just returned.
    pub(crate) fn new_stitch(
        thread: *mut Thread,
        proto: *mut ProtoObj,
        base: usize,
        call_pc: usize,
        parent: u16,
        p: &crate::trace::JitParams,
    ) -> Recorder {
        // The call's pc stands in for a loop instruction: nothing patches it, and no
        // loop instruction is ever at it, so the trace closes only by linking to a
        // compiled loop (`loops`), at a stitch or in the interpreter.
        let mut r = Recorder::new(thread, proto, base, call_pc + 1, call_pc, p);
        r.stitch_parent = Some(parent);
        r
    }

    /// The call at slot `a` of the current instruction is of native `fp`, or of a C
    /// function when `fp` is `None`, which the recorder could not record (`why`). Ends
    /// the trace with a stitch, or in the interpreter, where LuaJIT would; else the
    /// recording aborts with `why`.
    pub(super) fn record_stitch(
        &mut self,
        st: &mut State,
        fp: Option<&Func>,
        a: i32,
        why: Abort,
    ) -> Result<i32, Abort> {
        let p = self.cur_proto();
        // SAFETY: `p` is the live prototype the interpreter runs.
        let op = unsafe { (&(*p).code)[self.cur_pc].op() };
        // Where the native returns to: after this call, or, for a tail call from an
        // inlined frame, after the call of that frame.
        let (rp, retpc) = match (op, self.frames.len()) {
            (Op::CALL | Op::CALLM, _) => (p, self.cur_pc + 1),
            (Op::CALLT | Op::CALLMT, n) if n >= 2 => (self.frames[n - 2].proto, self.frames[n - 1].retpc),
            _ => return Err(why),
        };
        // SAFETY: frames on trace run live prototypes.
        let code = unsafe { &(*rp).code };
        let next = code.get(retpc).map(|i| i.op());
        let special = fp.is_some_and(|fp| matches!(fp.name, "error" | "sethook" | "flush"));
        let counted = matches!(next, Some(Op::CALLM | Op::CALLMT | Op::RETM | Op::TSETM) | None);
        self.end_in_interp();
        if !special && !counted {
            let f = self.live(st, a);
            self.stitch_end = Some(match fp {
                Some(fp) => native_name(st, f).unwrap_or_else(|| fp.name.to_string()),
                None => "C function".to_string(),
            });
        }
        Ok(0)
    }
}

/// `lib.name` of a native found in a standard library table, as `-jv` names fast
/// functions; `None` for the base library's and others.
fn native_name(st: &mut State, f: TValue) -> Option<String> {
    const LIBS: [&str; 9] = ["string", "table", "math", "coroutine", "os", "io", "bit", "debug", "jit"];
    for lib in LIBS {
        let k = st.str_value(lib.as_bytes());
        // SAFETY: the globals table is live.
        let t = unsafe { (*st.globals).get(k) };
        if !t.is_table() {
            continue;
        }
        // SAFETY: a table value points at a live table; its string keys at live strings.
        unsafe {
            let t = &*t.ptr::<Table>();
            let mut k = TValue::NIL;
            while let Ok(Some((nk, v))) = t.next(k) {
                if v == f && nk.is_str() {
                    let key = String::from_utf8_lossy((*nk.ptr::<LStr>()).as_bytes()).into_owned();
                    return Some(format!("{lib}.{key}"));
                }
                k = nk;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::vm::value::TValue;

    /// Runs `src` (which returns a number) with the JIT off and on at `hotloop=1`: both
    /// results and the JIT run's statistics.
    fn both(src: &str) -> (f64, f64, crate::trace::JitStats) {
        super::super::tests::off_and_on(src, TValue::as_number)
    }

    #[test]
    fn an_unrecorded_native_stitches_and_the_stitched_trace_links_back() {
        let (off, on, s) = both(
            "local n = 0 for i = 1, 100 do local x = string.rep('a', i % 4) n = n + #x + i end return n",
        );
        assert_eq!(off, on);
        // The loop's trace (ending in the stitch) and the stitched trace.
        assert_eq!((s.traces, s.aborts), (2, 0), "{s:?}");
    }

    #[test]
    fn no_stitch_before_an_instruction_taking_all_results() {
        let (off, on, s) = both(
            "local n = 0 for i = 1, 100 do local t = {string.rep('a', i % 4)} n = n + #t[1] end return n",
        );
        assert_eq!(off, on);
        assert_eq!((s.traces, s.aborts), (1, 0), "{s:?}");
    }

    #[test]
    fn no_stitch_across_error() {
        let (off, on, s) = both(
            "local n = 0 for i = 1, 100 do local ok = pcall(error, i) n = n + (ok and 1 or 2) end \
             local function f(i) if i > 0 then error(i, 0) end end \
             for i = 1, 100 do local ok, e = pcall(f, i) n = n + e end return n",
        );
        assert_eq!(off, on);
        assert!(s.traces >= 2 && s.aborts == 0, "{s:?}");
    }

    #[test]
    fn a_failed_stitched_recording_is_not_retried() {
        // The stitched trace meets a closure made on trace (FNEW): it aborts once, and
        // the stitch is blacklisted (other traces may form).
        let (off, on, s) = both(
            "local n = 0 for i = 1, 300 do local x = string.rep('a', i % 4) \
             local f = function() return #x end n = n + f() end return n",
        );
        assert_eq!(off, on);
        assert_eq!(s.aborts, 1, "{s:?}");
    }

    #[test]
    fn a_yield_stitches_and_the_coroutine_resumes_into_the_stitched_trace() {
        let (off, on, s) = both(
            "local co = coroutine.wrap(function() local s = 0 for i = 1, 200 do s = s + coroutine.yield(i) end \
             return s end) local acc, v = 0, co() for i = 1, 199 do acc = acc + v v = co(i) end \
             return acc + co(0)",
        );
        assert_eq!(off, on);
        assert!(s.traces >= 4, "{s:?}");
    }
}
