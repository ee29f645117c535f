//! The interpreter: one loop over the frames of the running thread.
//!
//! Lua-to-Lua calls and returns never recurse in Rust: a call sets up the callee's frame
//! on the stack (see [`super::frame`]) and the dispatch loop continues with it. Rust
//! recursion happens only where Rust code calls Lua (`State::call_at`: natives such as
//! `table.sort` comparators, `coroutine.resume`), bounded by `MAX_CCALLS`.
//!
//! Metamethods invoked by instructions are called through continuation frames, so a
//! coroutine can yield inside them; when the metamethod returns, the continuation is
//! derived from the instruction that invoked it (store the result, branch on it, or
//! continue a concatenation).
//!
//! `execute` alternates between three steps, each of which may fail with a Lua error
//! that `unwind` turns into a return from the nearest `pcall` frame of this execution:
//!
//! * `Next::Call`: set up a call (`precall`); natives run right away,
//! * `Next::Return`: return values from a frame (`poscall`), through pcall, vararg and
//!   continuation frames, until a Lua frame continues or a C frame ends the execution,
//! * `Next::Run`: run the Lua frame on top (`run`) until it calls or returns.
//!
//! Two counters bound and observe execution. The instruction budget (`State::budget`)
//! ticks at function entries and loop back edges (`FUNCF`/`FUNCV`, `FORL`, `ITERL`,
//! `LOOP`, backward `JMP`), which every unbounded run passes through; once spent it
//! stays spent, so `pcall` cannot swallow it for good. Debug hooks run in a second
//! instantiation of the dispatch loop (`run::<true>`) that checks count, call, line and
//! return events before each instruction; the loop without hooks pays nothing for them.

use super::arith::*;
use super::frame::*;
use super::func::*;
use super::meta::*;
use super::state::{MAX_CCALLS, MIN_STACK, State};
use super::string::LStr;
use super::table::Table;
use super::value::*;
use crate::bytecode::op::{JUMP_BIAS, Op};

/// Slots kept free above every Lua frame, for continuation frames of metamethods.
const FRAME_SLACK: usize = 8;

#[derive(Clone, Copy, Debug)]
pub(crate) enum Next {
    /// Call the value at stack index `func` with `nargs` arguments at `func + 2 ..`; its
    /// frame link is already written. `slot` names the callee's register in the current
    /// Lua frame, for "attempt to call" messages.
    Call { func: usize, nargs: usize, slot: Option<u32> },
    /// Return `n` values found at `src` from the frame at `base`.
    Return { base: usize, src: usize, n: usize },
    /// Run the Lua frame described by the thread's `base` and `pc`.
    Run,
}

enum Ret {
    /// Back in a Lua frame (thread's base/pc set).
    Lua,
    /// Back to Rust: results at the thread's `top - n .. top`.
    Exit,
    /// A metamethod returned `result` to the instruction at `pc` of the frame at `base`.
    Cont { base: usize, pc: usize, data: TValue, result: TValue },
}

/// The interpreter's side of `debug.sethook` (the setting itself is in
/// `State::lib.hook`, global as in LuaJIT): instructions left until the next count
/// event, where the last line event was taken, and whether a hook is running (hooks do
/// not fire inside hooks).
#[derive(Default)]
pub(crate) struct HookState {
    count_left: i64,
    /// The setting `count_left` was started for: (function bits, mask, count).
    seen: (u64, u8, i64),
    last_base: usize,
    last_pc: usize,
    running: bool,
}

const HOOK_CALL: u8 = 1;
const HOOK_RET: u8 = 2;
const HOOK_LINE: u8 = 4;

/// A number computed by a hardware add, subtract, multiply, divide or negate of valid
/// numbers. Such a NaN is either the hardware default NaN or an operand's NaN (quieted),
/// both below the tag range, so `TValue::number`'s canonicalisation can be skipped.
#[inline(always)]
fn hw_number(n: f64) -> TValue {
    TValue(n.to_bits())
}

/// The value of an arithmetic result: `%` and `^` go through library code whose NaNs are
/// canonicalised; the rest are hardware results.
#[inline(always)]
fn arith_value(op: ArithOp, n: f64) -> TValue {
    match op {
        ArithOp::Mod | ArithOp::Pow => TValue::number(n),
        _ => hw_number(n),
    }
}

#[inline(always)]
fn pri(d: u16) -> TValue {
    match d {
        0 => TValue::NIL,
        1 => TValue::FALSE,
        _ => TValue::TRUE,
    }
}

/// What a native returns when it ended with `State::tail_call`.
const TAIL_CALL: usize = usize::MAX;

impl State {
    /// Calls the value at stack index `func` of the running thread with the `nargs`
    /// values above its link slot (`top` must be `func + 2 + nargs`). Returns the number
    /// of results, which end at `top`.
    pub fn call_at(&mut self, func: usize, nargs: usize) -> LResult<usize> {
        if self.nccalls >= MAX_CCALLS {
            return Err(self.rt_error("C stack overflow"));
        }
        let th = self.th();
        let (saved_base, saved_pc) = (th.base, th.pc);
        th.stack[func + 1] = link(FRAME_C, func + 2 - saved_base, saved_pc);
        th.nccalls += 1;
        self.nccalls += 1;
        let r = self.execute(Next::Call { func, nargs, slot: None });
        self.nccalls -= 1;
        let th = self.th();
        th.nccalls -= 1;
        th.base = saved_base;
        th.pc = saved_pc;
        if r.is_err() {
            // The frames above `func` are abandoned: their upvalues must not keep
            // pointing at slots that will be reused.
            self.close_upvals(func);
            r?;
        }
        Ok(self.th().top - func)
    }

    /// Calls `f` with `args`, returning up to `nres` results (all if `nres` is
    /// `usize::MAX`) as a vector. The values are unrooted once returned.
    pub fn call_value(&mut self, f: TValue, args: &[TValue], nres: usize) -> LResult<Vec<TValue>> {
        self.ensure_stack(args.len() + 2 + MIN_STACK)?;
        let th = self.th();
        let func = th.top;
        th.stack[func] = f;
        th.stack[func + 1] = TValue::NIL;
        th.stack[func + 2..func + 2 + args.len()].copy_from_slice(args);
        th.top = func + 2 + args.len();
        let n = self.call_at(func, args.len())?;
        let th = self.th();
        let take = n.min(nres);
        let out = th.stack[func..func + take].to_vec();
        th.top = func;
        Ok(out)
    }

    /// Runs until the frame that `start` calls or returns into hands control back to Rust.
    ///
    /// Errors unwind only frames of this execution: one raised while the entry call is
    /// still being set up (an uncallable value, a stack overflow), before its frame with
    /// the `C` link exists, belongs to the Rust caller. The thread's base then still
    /// names an outer execution's frame, whose pcall frames this one must not return into.
    pub(crate) fn execute(&mut self, start: Next) -> LResult<()> {
        let floor = match start {
            Next::Call { func, .. } => func + 2,
            _ => 0,
        };
        let mut next = start;
        loop {
            let r = match next {
                Next::Call { func, nargs, slot } => match self.precall(func, nargs, slot) {
                    Ok(None) => Ok(Next::Run),
                    Ok(Some(n)) => {
                        let th = self.th();
                        Ok(Next::Return { base: th.base, src: th.top - n, n })
                    }
                    Err(e) => Err(e),
                },
                Next::Return { base, src, n } => match self.poscall(base, src, n) {
                    // A return into a Lua frame may continue a trace's stitch.
                    Ok(Ret::Lua) if self.jit.stitch_pending() => self.trace_stitch_return(),
                    Ok(Ret::Lua) => Ok(Next::Run),
                    Ok(Ret::Exit) => return Ok(()),
                    Ok(Ret::Cont { base, pc, data, result }) => self.continuation(base, pc, data, result),
                    Err(e) => Err(e),
                },
                Next::Run => {
                    if self.hooks_on() || self.jit.is_recording() {
                        self.run::<true>()
                    } else {
                        self.run::<false>()
                    }
                }
            };
            next = match r {
                Ok(n) => n,
                Err(Throw::Yield) => return Err(Throw::Yield),
                Err(Throw::Error) if self.th().base < floor => return Err(Throw::Error),
                Err(Throw::Error) => self.unwind()?,
            };
        }
    }

    /// Sets up a call. For a Lua function, its frame becomes current and `None` is
    /// returned; a native is run and `Some(number of results)` returned.
    fn precall(
        &mut self,
        mut func: usize,
        mut nargs: usize,
        mut slot: Option<u32>,
    ) -> LResult<Option<usize>> {
        // A loop, not recursion: `pcall(pcall, pcall, ...)` nests without Rust depth.
        loop {
            let mut f = self.th().stack[func];
            if !f.is_func() {
                let mm = self.get_mm(f, MM_CALL);
                if !mm.is_func() {
                    return Err(self.type_error("call", f, slot));
                }
                // Insert the object as the first argument.
                self.th().top = func + 2 + nargs;
                self.ensure_stack(1)?;
                let th = self.th();
                th.stack.copy_within(func + 2..func + 2 + nargs, func + 3);
                th.stack[func + 2] = f;
                th.stack[func] = mm;
                nargs += 1;
                f = mm;
            }
            // SAFETY: function values point at live closures.
            let fp = unsafe { &*f.ptr::<Func>() };
            let base = func + 2;
            if fp.is_lua() {
                // SAFETY: a Lua closure's prototype is live.
                let p = unsafe { &*fp.proto };
                let framesize = p.framesize as usize;
                let mut base = base;
                self.th().top = base + nargs;
                if p.is_vararg {
                    self.ensure_stack(2 + framesize + FRAME_SLACK)?;
                    let th = self.th();
                    let nb = base + nargs + 2;
                    th.stack[nb - 2] = f;
                    th.stack[nb - 1] = link(FRAME_VARG, nb - base, 0);
                    for i in 0..p.numparams as usize {
                        th.stack[nb + i] = if i < nargs { th.stack[base + i] } else { TValue::NIL };
                    }
                    base = nb;
                } else {
                    self.ensure_stack(framesize + FRAME_SLACK)?;
                    let th = self.th();
                    for i in nargs..p.numparams as usize {
                        th.stack[base + i] = TValue::NIL;
                    }
                }
                let th = self.th();
                th.base = base;
                th.pc = 0;
                th.top = base + framesize;
                return Ok(None);
            }
            if fp.ffid == ffid::PCALL || fp.ffid == ffid::XPCALL {
                (func, nargs) = self.pcall_setup(func, nargs, fp.ffid)?;
                slot = None;
                continue;
            }
            let Some(native) = fp.native else {
                return Err(self.rt_error("internal error: native function without code"));
            };
            let th = self.th();
            th.base = base;
            th.top = base + nargs;
            self.ensure_stack(MIN_STACK)?;
            self.gc_check();
            // Natives get call hooks but, as LuaJIT's fast functions, no return hooks.
            if self.lib.hook.mask & HOOK_CALL != 0 && self.hooks_on() {
                self.call_hook(b"call", None)?;
            }
            let n = native(self)?;
            if n == TAIL_CALL {
                // The native handed its frame to the callee it left in its function
                // slot (`tail_call`), which returns through the same link.
                nargs = self.th().top - base;
                slot = None;
                continue;
            }
            return Ok(Some(n));
        }
    }

    /// Ends the running native by calling `f` with `args` in its place, as LuaJIT's
    /// `lj_meta_tailcall`: `f` takes over the native's frame and link, so its results
    /// are the native's, and a Lua `f` runs as an ordinary frame of this execution
    /// (not nested below a C frame). The native returns what this returns.
    pub(crate) fn tail_call(&mut self, f: TValue, args: &[TValue]) -> LResult<usize> {
        self.ensure_stack(args.len() + MIN_STACK)?;
        let th = self.th();
        let base = th.base;
        th.stack[base - 2] = f;
        th.stack[base..base + args.len()].copy_from_slice(args);
        th.top = base + args.len();
        Ok(TAIL_CALL)
    }

    /// `pcall(f, ...)` / `xpcall(f, h, ...)`: turns the native's frame into a protected
    /// call of `f` (see `frame`'s layout notes).
    /// Returns the callee's function slot and argument count.
    fn pcall_setup(&mut self, func: usize, nargs: usize, id: u8) -> LResult<(usize, usize)> {
        let pbase = func + 2;
        {
            let th = self.th();
            th.base = pbase;
            th.top = pbase + nargs;
        }
        if self.lib.hook.mask & HOOK_CALL != 0 && self.hooks_on() {
            self.call_hook(b"call", None)?;
        }
        if nargs < 1 {
            return Err(self.arg_error(1, "value expected"));
        }
        if id == ffid::XPCALL && (nargs < 2 || !self.th().stack[pbase + 1].is_func()) {
            return Err(self.arg_type_error(2, "function"));
        }
        self.ensure_stack(MIN_STACK)?;
        let th = self.th();
        let (fslot, kind, nrest) = if id == ffid::PCALL {
            // | f | a1 .. | -> | f | link | a1 .. |
            th.stack.copy_within(pbase + 1..pbase + nargs, pbase + 2);
            (pbase, FRAME_PCALL, nargs - 1)
        } else {
            // | f | h | a1 .. | -> | h | f | link | a1 .. |
            let (f, h) = (th.stack[pbase], th.stack[pbase + 1]);
            th.stack.copy_within(pbase + 2..pbase + nargs, pbase + 3);
            th.stack[pbase] = h;
            th.stack[pbase + 1] = f;
            (pbase + 1, FRAME_XPCALL, nargs - 2)
        };
        th.stack[fslot + 1] = link(kind, fslot + 2 - pbase, 0);
        th.base = fslot + 2;
        th.top = fslot + 2 + nrest;
        // A native `f` returns through the PCALL link like any callee.
        Ok((fslot, nrest))
    }

    /// Returns `n` values at `src` from the frame at `base`, following links.
    fn poscall(&mut self, mut base: usize, mut src: usize, mut n: usize) -> LResult<Ret> {
        loop {
            let th = self.th();
            let l = th.stack[base - 1];
            let delta = link_delta(l);
            match link_kind(l) {
                FRAME_LUA => {
                    let caller = base - delta;
                    let retpc = link_pc(l);
                    let cf = th.stack[caller - 2];
                    // SAFETY: a Lua frame's function slot holds its live Lua closure.
                    let p = unsafe { &*(*cf.ptr::<Func>()).proto };
                    let ins = p.code[retpc - 1];
                    let dest = base - 2;
                    let wanted = ins.b() as usize;
                    let fs = p.framesize as usize;
                    th.stack.copy_within(src..src + n, dest);
                    if wanted == 0 {
                        th.top = (dest + n).max(caller + fs);
                        self.multres = n;
                    } else {
                        for i in n..wanted - 1 {
                            th.stack[dest + i] = TValue::NIL;
                        }
                        th.top = caller + fs;
                    }
                    let th = self.th();
                    th.base = caller;
                    th.pc = retpc;
                    return Ok(Ret::Lua);
                }
                FRAME_C => {
                    let dest = base - 2;
                    th.stack.copy_within(src..src + n, dest);
                    th.top = dest + n;
                    th.base = base - delta;
                    return Ok(Ret::Exit);
                }
                FRAME_CONT => {
                    let caller = base - delta;
                    let data = th.stack[base - 3];
                    let result = if n > 0 { th.stack[src] } else { TValue::NIL };
                    return Ok(Ret::Cont { base: caller, pc: link_pc(l), data, result });
                }
                FRAME_VARG => {
                    base -= delta;
                }
                _ => {
                    // PCALL / XPCALL: prepend `true` and return from the pcall's frame.
                    let pbase = base - delta;
                    th.stack.copy_within(src..src + n, pbase + 1);
                    th.stack[pbase] = TValue::TRUE;
                    base = pbase;
                    src = pbase;
                    n += 1;
                }
            }
        }
    }

    /// Finds the nearest pcall frame of this execution, runs the xpcall handler if any,
    /// and returns (false, error) from it. Without one, the error propagates.
    fn unwind(&mut self) -> LResult<Next> {
        let mut base = self.th().base;
        loop {
            let th = self.th();
            if base < 2 || !th.stack[base - 1].is_frame() {
                return Err(Throw::Error);
            }
            let l = th.stack[base - 1];
            match link_kind(l) {
                FRAME_C => return Err(Throw::Error),
                FRAME_PCALL | FRAME_XPCALL => {
                    let pbase = base - link_delta(l);
                    if link_kind(l) == FRAME_XPCALL {
                        let h = th.stack[pbase];
                        let e = self.errval;
                        let r = self.call_value(h, &[e], 1);
                        self.errval = match r {
                            Ok(v) => v.first().copied().unwrap_or(TValue::NIL),
                            Err(_) => self.str_value(b"error in error handling"),
                        };
                    }
                    self.close_upvals(pbase);
                    self.end_overflow(pbase + 2);
                    let e = self.errval;
                    let th = self.th();
                    th.stack[pbase] = TValue::FALSE;
                    th.stack[pbase + 1] = e;
                    th.base = pbase;
                    return Ok(Next::Return { base: pbase, src: pbase, n: 2 });
                }
                _ => base -= link_delta(l),
            }
        }
    }

    /// Pushes a continuation frame above the Lua frame at `base` and calls `mm` with
    /// `args`. `pc` is the invoking instruction; `data` is kept for the continuation.
    fn cont_call(&mut self, base: usize, pc: usize, mm: TValue, args: &[TValue], data: f64) -> Next {
        let th = self.th();
        // SAFETY: the frame's function slot holds its Lua closure.
        let fs = unsafe { (*(*th.stack[base - 2].ptr::<Func>()).proto).framesize as usize };
        let t = base + fs;
        th.stack[t] = TValue::number(data);
        th.stack[t + 1] = mm;
        th.stack[t + 2] = link(FRAME_CONT, t + 3 - base, pc);
        th.stack[t + 3..t + 3 + args.len()].copy_from_slice(args);
        th.top = t + 3 + args.len();
        th.base = base;
        th.pc = pc;
        Next::Call { func: t + 1, nargs: args.len(), slot: None }
    }

    /// Applies a metamethod's result to the instruction that invoked it.
    fn continuation(&mut self, base: usize, pc: usize, data: TValue, result: TValue) -> LResult<Next> {
        let th = self.th();
        let cf = th.stack[base - 2];
        // SAFETY: a Lua frame's function slot holds its live Lua closure.
        let p = unsafe { &*(*cf.ptr::<Func>()).proto };
        let ins = p.code[pc];
        th.base = base;
        th.top = base + p.framesize as usize;
        let a = base + ins.a() as usize;
        let mut next_pc = pc + 1;
        match ins.op() {
            Op::ISLT
            | Op::ISGE
            | Op::ISLE
            | Op::ISGT
            | Op::ISEQV
            | Op::ISNEV
            | Op::ISEQS
            | Op::ISNES
            | Op::ISEQN
            | Op::ISNEN
            | Op::ISEQP
            | Op::ISNEP => {
                let negate = data.as_number() as u32 & 1 != 0;
                if result.is_truthy() ^ negate {
                    next_pc = p.code[pc + 1].target(pc + 1);
                } else {
                    next_pc = pc + 2;
                }
            }
            Op::TSETV | Op::TSETS | Op::TSETB | Op::GSET => {}
            Op::CAT => {
                let pos = data.as_number() as usize;
                th.stack[base + pos] = result;
                th.pc = pc;
                if let Some(n) = self.concat(base, pc, pos)? {
                    return Ok(n);
                }
            }
            _ => th.stack[a] = result,
        }
        let th = self.th();
        th.pc = next_pc;
        Ok(Next::Run)
    }

    /// Continues `CAT A B C` of the frame at `base` whose operands `B ..= top` are still
    /// to be joined. Returns a call of `__concat` if one is needed, else stores the result
    /// in A.
    fn concat(&mut self, base: usize, pc: usize, mut top: usize) -> LResult<Option<Next>> {
        let th = self.th();
        let cf = th.stack[base - 2];
        // SAFETY: as in `continuation`.
        let p = unsafe { &*(*cf.ptr::<Func>()).proto };
        let ins = p.code[pc];
        let (a, b) = (ins.a() as usize, ins.b() as usize);
        let mut buf = Vec::new();
        while top > b {
            let th = self.th();
            let (x, y) = (th.stack[base + top - 1], th.stack[base + top]);
            let xs = x.is_str() || x.is_number();
            let ys = y.is_str() || y.is_number();
            if xs && ys {
                // Join the longest run of strings and numbers ending at `top`.
                let mut start = top - 1;
                while start > b {
                    let v = th.stack[base + start - 1];
                    if v.is_str() || v.is_number() {
                        start -= 1;
                    } else {
                        break;
                    }
                }
                buf.clear();
                for i in start..=top {
                    State::append_str_or_num(th.stack[base + i], &mut buf);
                }
                let s = self.str_value(&buf);
                self.th().stack[base + start] = s;
                top = start;
                continue;
            }
            let mut mm = self.get_mm(x, MM_CONCAT);
            if mm.is_nil() {
                mm = self.get_mm(y, MM_CONCAT);
            }
            if mm.is_nil() {
                let (culprit, slot) = if xs { (y, top) } else { (x, top - 1) };
                return Err(self.type_error("concatenate", culprit, Some(slot as u32)));
            }
            return Ok(Some(self.cont_call(base, pc, mm, &[x, y], (top - 1) as f64)));
        }
        let th = self.th();
        th.stack[base + a] = th.stack[base + b];
        Ok(None)
    }

    /// Raises the "budget exceeded" error once the instruction budget is used up.
    #[cold]
    fn budget_error(&mut self) -> Throw {
        self.budget_left = 0;
        self.rt_error("instruction budget exceeded")
    }

    /// Runs the Lua frame on top of the running thread. `HOOKED` selects the variant
    /// that checks debug hooks, and feeds the trace recorder, before every instruction,
    /// so the common one pays nothing.
    // ISGE/ISGT are `not (a < b)` / `not (a <= b)`: with NaN that is not `>=` / `>`.
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    fn run<const HOOKED: bool>(&mut self) -> LResult<Next> {
        let th = self.cur;
        // SAFETY (whole function): `th` is the live running thread. `stk` points at its
        // stack and is reloaded after every operation that may reallocate it (anything
        // that calls back into `self` with the possibility of pushing or calling). Every
        // Lua frame was entered with `base + framesize + FRAME_SLACK` slots available,
        // and the compiler keeps every register operand below `framesize`. Function
        // values in frame slots point at live closures; constants at live objects.
        unsafe {
            let mut stk: *mut TValue = (*th).stack.as_mut_ptr();
            let mut base = (*th).base;
            let mut pc = (*th).pc;
            let mut cl: *mut Func = (*stk.add(base - 2)).ptr();
            let mut proto: *const ProtoObj = (*cl).proto;
            let mut code = (*proto).code.as_ptr();
            let mut knum = (*proto).knum.as_ptr();
            let mut kgc = (*proto).kgc.as_ptr();

            macro_rules! r {
                ($i:expr) => {
                    *stk.add(base + ($i) as usize)
                };
            }
            macro_rules! save {
                () => {{
                    (*th).base = base;
                    (*th).pc = pc - 1;
                    (*th).top = base + (*proto).framesize as usize;
                }};
            }
            macro_rules! refresh {
                () => {{
                    stk = (*th).stack.as_mut_ptr();
                }};
            }
            macro_rules! tryv {
                ($e:expr) => {{
                    let r = $e;
                    refresh!();
                    r?
                }};
            }
            macro_rules! jump {
                ($ins:expr) => {{
                    pc = (pc as isize + $ins.d() as isize - JUMP_BIAS as isize) as usize;
                }};
            }
            macro_rules! cond_jump {
                ($c:expr) => {{
                    if $c {
                        let j = *code.add(pc);
                        pc = (pc as isize + 1 + j.d() as isize - JUMP_BIAS as isize) as usize;
                    } else {
                        pc += 1;
                    }
                }};
            }
            macro_rules! tick {
                () => {{
                    self.budget_left = self.budget_left.saturating_sub(1);
                    if self.budget_left == 0 {
                        save!();
                        return Err(self.budget_error());
                    }
                }};
            }
            macro_rules! gc_step {
                () => {{
                    if self.gc.total >= self.gc.threshold {
                        save!();
                        self.gc_check();
                        refresh!();
                    }
                }};
            }
            macro_rules! resolved {
                // Store a resolved value in register A, or call the metamethod.
                ($res:expr, $a:expr, $args:expr) => {{
                    match $res {
                        Resolved::Value(v) => r!($a) = v,
                        Resolved::Call(mm, _) => {
                            let n = self.cont_call(base, pc - 1, mm, &$args, 0.0);
                            return Ok(n);
                        }
                    }
                }};
            }
            macro_rules! arith {
                ($op:expr, $a:expr, $b:expr, $c:expr, $slots:expr) => {{
                    let (b, c): (TValue, TValue) = ($b, $c);
                    if b.is_number() && c.is_number() {
                        r!($a) = arith_value($op, arith_num($op, b.as_number(), c.as_number()));
                    } else {
                        save!();
                        let res = tryv!(self.arith_resolve($op, b, c, $slots));
                        resolved!(res, $a, [b, c]);
                    }
                }};
            }

            macro_rules! compare_slow {
                ($opn:expr, $x:expr, $y:expr) => {{
                    save!();
                    match tryv!(self.compare_resolve($opn, $x, $y)) {
                        Ok(c) => cond_jump!(c),
                        Err((mm, x, y, op2)) => {
                            return Ok(self.cont_call(base, pc - 1, mm, &[x, y], op2 as f64));
                        }
                    }
                }};
            }

            loop {
                if HOOKED {
                    (*th).base = base;
                    (*th).pc = pc;
                    (*th).top = base + (*proto).framesize as usize;
                    if self.jit.is_recording() {
                        // May patch the instruction at `pc` (a trace's loop entry).
                        self.trace_record(base, pc);
                        if !self.jit.is_recording() && !self.hooks_on() {
                            return Ok(Next::Run);
                        }
                    }
                    if self.hooks_on() {
                        let r = self.hook_ins(&*proto, base, pc);
                        refresh!();
                        r?;
                    }
                }
                let ins = *code.add(pc);
                pc += 1;
                let a = ins.a() as usize;
                match ins.op() {
                    Op::ISLT => {
                        let (x, y) = (r!(a), r!(ins.d()));
                        if x.is_number() && y.is_number() {
                            let (x, y) = (x.as_number(), y.as_number());
                            cond_jump!(x < y);
                        } else {
                            compare_slow!(0, x, y);
                        }
                    }
                    Op::ISGE => {
                        let (x, y) = (r!(a), r!(ins.d()));
                        if x.is_number() && y.is_number() {
                            let (x, y) = (x.as_number(), y.as_number());
                            cond_jump!(!(x < y));
                        } else {
                            compare_slow!(1, x, y);
                        }
                    }
                    Op::ISLE => {
                        let (x, y) = (r!(a), r!(ins.d()));
                        if x.is_number() && y.is_number() {
                            let (x, y) = (x.as_number(), y.as_number());
                            cond_jump!(x <= y);
                        } else {
                            compare_slow!(2, x, y);
                        }
                    }
                    Op::ISGT => {
                        let (x, y) = (r!(a), r!(ins.d()));
                        if x.is_number() && y.is_number() {
                            let (x, y) = (x.as_number(), y.as_number());
                            cond_jump!(!(x <= y));
                        } else {
                            compare_slow!(3, x, y);
                        }
                    }
                    op @ (Op::ISEQV | Op::ISNEV) => {
                        let (x, y) = (r!(a), r!(ins.d()));
                        let ne = op == Op::ISNEV;
                        // FFI: cdata always compare through the cdata `__eq` (as in
                        // LuaJIT, a metatype's `__eq` sees even identical objects).
                        if x.raw_eq(y) && x.tag() != TAG_CDATA {
                            cond_jump!(!ne);
                        } else if let Some(mm) = self.eq_metamethod(x, y) {
                            save!();
                            return Ok(self.cont_call(base, pc - 1, mm, &[x, y], ne as u32 as f64));
                        } else {
                            cond_jump!(ne);
                        }
                    }
                    op @ (Op::ISEQS | Op::ISNES) => {
                        let (x, k) = (r!(a), *kgc.add(ins.d() as usize));
                        if x.tag() == TAG_CDATA
                            && let Some(mm) = self.eq_metamethod(x, k)
                        {
                            save!();
                            return Ok(self.cont_call(
                                base,
                                pc - 1,
                                mm,
                                &[x, k],
                                (op == Op::ISNES) as u32 as f64,
                            ));
                        }
                        cond_jump!((x == k) ^ (op == Op::ISNES));
                    }
                    op @ (Op::ISEQN | Op::ISNEN) => {
                        let (x, k) = (r!(a), *knum.add(ins.d() as usize));
                        let eq = x.raw_eq(k);
                        if !eq
                            && x.tag() == TAG_CDATA
                            && let Some(mm) = self.eq_metamethod(x, k)
                        {
                            // FFI: `1LL == 1` compares as C values.
                            save!();
                            return Ok(self.cont_call(
                                base,
                                pc - 1,
                                mm,
                                &[x, k],
                                (op == Op::ISNEN) as u32 as f64,
                            ));
                        }
                        cond_jump!(eq ^ (op == Op::ISNEN));
                    }
                    op @ (Op::ISEQP | Op::ISNEP) => {
                        let (x, k) = (r!(a), pri(ins.d()));
                        let eq = x == k;
                        if !eq
                            && x.tag() == TAG_CDATA
                            && let Some(mm) = self.eq_metamethod(x, k)
                        {
                            // FFI: a NULL pointer cdata equals nil.
                            save!();
                            return Ok(self.cont_call(
                                base,
                                pc - 1,
                                mm,
                                &[x, k],
                                (op == Op::ISNEP) as u32 as f64,
                            ));
                        }
                        cond_jump!(eq ^ (op == Op::ISNEP));
                    }
                    Op::ISTC => {
                        let v = r!(ins.d());
                        if v.is_truthy() {
                            r!(a) = v;
                        }
                        cond_jump!(v.is_truthy());
                    }
                    Op::ISFC => {
                        let v = r!(ins.d());
                        if v.is_falsy() {
                            r!(a) = v;
                        }
                        cond_jump!(v.is_falsy());
                    }
                    Op::IST => cond_jump!(r!(ins.d()).is_truthy()),
                    Op::ISF => cond_jump!(r!(ins.d()).is_falsy()),
                    Op::MOV => r!(a) = r!(ins.d()),
                    Op::NOT => r!(a) = TValue::boolean(r!(ins.d()).is_falsy()),
                    Op::UNM => {
                        let v = r!(ins.d());
                        if v.is_number() {
                            r!(a) = hw_number(-v.as_number());
                        } else {
                            save!();
                            let res = tryv!(self.arith_resolve(
                                ArithOp::Unm,
                                v,
                                v,
                                (Some(ins.d() as u32), Some(ins.d() as u32))
                            ));
                            resolved!(res, a, [v, v]);
                        }
                    }
                    Op::LEN => {
                        let v = r!(ins.d());
                        if v.is_str() {
                            r!(a) = TValue::number((*v.ptr::<LStr>()).len() as f64);
                        } else if v.is_table() {
                            r!(a) = TValue::number((*v.ptr::<Table>()).len() as f64);
                        } else {
                            save!();
                            let mm = self.get_mm(v, MM_LEN);
                            if mm.is_nil() {
                                return Err(self.type_error("get length of", v, Some(ins.d() as u32)));
                            }
                            return Ok(self.cont_call(base, pc - 1, mm, &[v, TValue::NIL], 0.0));
                        }
                    }
                    Op::ADDVN => {
                        let b = ins.b();
                        arith!(ArithOp::Add, a, r!(b), *knum.add(ins.c() as usize), (Some(b as u32), None));
                    }
                    Op::SUBVN => {
                        let b = ins.b();
                        arith!(ArithOp::Sub, a, r!(b), *knum.add(ins.c() as usize), (Some(b as u32), None));
                    }
                    Op::MULVN => {
                        let b = ins.b();
                        arith!(ArithOp::Mul, a, r!(b), *knum.add(ins.c() as usize), (Some(b as u32), None));
                    }
                    Op::DIVVN => {
                        let b = ins.b();
                        arith!(ArithOp::Div, a, r!(b), *knum.add(ins.c() as usize), (Some(b as u32), None));
                    }
                    Op::MODVN => {
                        let b = ins.b();
                        arith!(ArithOp::Mod, a, r!(b), *knum.add(ins.c() as usize), (Some(b as u32), None));
                    }
                    Op::ADDNV => {
                        let b = ins.b();
                        arith!(ArithOp::Add, a, *knum.add(ins.c() as usize), r!(b), (None, Some(b as u32)));
                    }
                    Op::SUBNV => {
                        let b = ins.b();
                        arith!(ArithOp::Sub, a, *knum.add(ins.c() as usize), r!(b), (None, Some(b as u32)));
                    }
                    Op::MULNV => {
                        let b = ins.b();
                        arith!(ArithOp::Mul, a, *knum.add(ins.c() as usize), r!(b), (None, Some(b as u32)));
                    }
                    Op::DIVNV => {
                        let b = ins.b();
                        arith!(ArithOp::Div, a, *knum.add(ins.c() as usize), r!(b), (None, Some(b as u32)));
                    }
                    Op::MODNV => {
                        let b = ins.b();
                        arith!(ArithOp::Mod, a, *knum.add(ins.c() as usize), r!(b), (None, Some(b as u32)));
                    }
                    Op::ADDVV => {
                        let (b, c) = (ins.b(), ins.c());
                        arith!(ArithOp::Add, a, r!(b), r!(c), (Some(b as u32), Some(c as u32)));
                    }
                    Op::SUBVV => {
                        let (b, c) = (ins.b(), ins.c());
                        arith!(ArithOp::Sub, a, r!(b), r!(c), (Some(b as u32), Some(c as u32)));
                    }
                    Op::MULVV => {
                        let (b, c) = (ins.b(), ins.c());
                        arith!(ArithOp::Mul, a, r!(b), r!(c), (Some(b as u32), Some(c as u32)));
                    }
                    Op::DIVVV => {
                        let (b, c) = (ins.b(), ins.c());
                        arith!(ArithOp::Div, a, r!(b), r!(c), (Some(b as u32), Some(c as u32)));
                    }
                    Op::MODVV => {
                        let (b, c) = (ins.b(), ins.c());
                        arith!(ArithOp::Mod, a, r!(b), r!(c), (Some(b as u32), Some(c as u32)));
                    }
                    Op::POW => {
                        let (b, c) = (ins.b(), ins.c());
                        arith!(ArithOp::Pow, a, r!(b), r!(c), (Some(b as u32), Some(c as u32)));
                    }
                    Op::CAT => {
                        save!();
                        let next = tryv!(self.concat(base, pc - 1, ins.c() as usize));
                        if let Some(n) = next {
                            return Ok(n);
                        }
                        gc_step!();
                    }
                    Op::KSTR => r!(a) = *kgc.add(ins.d() as usize),
                    // Boxed 64-bit and complex constants are immutable, so the prototype's
                    // object is shared, as in LuaJIT.
                    Op::KCDATA => r!(a) = *kgc.add(ins.d() as usize),
                    Op::KSHORT => r!(a) = TValue::number(ins.sd() as f64),
                    Op::KNUM => r!(a) = *knum.add(ins.d() as usize),
                    Op::KPRI => r!(a) = pri(ins.d()),
                    Op::KNIL => {
                        for i in a..=ins.d() as usize {
                            r!(i) = TValue::NIL;
                        }
                    }
                    Op::UGET => r!(a) = *(**(*cl).uvs.as_ptr().add(ins.d() as usize)).v,
                    Op::USETV => *(**(*cl).uvs.as_ptr().add(a)).v = r!(ins.d()),
                    Op::USETS => *(**(*cl).uvs.as_ptr().add(a)).v = *kgc.add(ins.d() as usize),
                    Op::USETN => *(**(*cl).uvs.as_ptr().add(a)).v = *knum.add(ins.d() as usize),
                    Op::USETP => *(**(*cl).uvs.as_ptr().add(a)).v = pri(ins.d()),
                    Op::UCLO => {
                        self.close_upvals(base + a);
                        jump!(ins);
                    }
                    Op::FNEW => {
                        let child = *(*proto).protos.as_ptr().add(ins.d() as usize);
                        save!();
                        let f = self.new_lua_func(child, (*cl).env);
                        let n = (*child).uvdesc.len();
                        let mut uvs = Vec::with_capacity(n);
                        for i in 0..n {
                            let d = (&(*child).uvdesc)[i];
                            if d.in_parent_local {
                                uvs.push(self.find_upval(base + d.index as usize));
                            } else {
                                uvs.push(*(*cl).uvs.as_ptr().add(d.index as usize));
                            }
                        }
                        (*f).uvs = uvs.into();
                        r!(a) = TValue::gc(TAG_FUNC, f);
                        gc_step!();
                    }
                    Op::TNEW => {
                        let d = ins.d() as usize;
                        let hbits = d >> 11;
                        let t = self.new_table(d & 0x7ff, if hbits > 0 { 1 << hbits } else { 0 });
                        r!(a) = t;
                        gc_step!();
                    }
                    Op::TDUP => {
                        let tpl = *kgc.add(ins.d() as usize);
                        let t = self.alloc((*tpl.ptr::<Table>()).dup());
                        r!(a) = TValue::gc(TAG_TABLE, t);
                        gc_step!();
                    }
                    Op::GGET => {
                        let env = (*cl).env;
                        let k = *kgc.add(ins.d() as usize);
                        let v = (*env).get_str(k.ptr());
                        if !v.is_nil() || (*env).metatable.is_null() {
                            r!(a) = v;
                        } else {
                            save!();
                            let t = TValue::gc(TAG_TABLE, env);
                            match tryv!(self.index_resolve(t, k, None)) {
                                Resolved::Value(v) => r!(a) = v,
                                Resolved::Call(mm, o) => {
                                    return Ok(self.cont_call(base, pc - 1, mm, &[o, k], 0.0));
                                }
                            }
                        }
                    }
                    Op::GSET => {
                        let env = (*cl).env;
                        let k = *kgc.add(ins.d() as usize);
                        let v = r!(a);
                        save!();
                        let t = TValue::gc(TAG_TABLE, env);
                        if (*env).metatable.is_null() {
                            self.raw_set(t, k, v);
                        } else if let Resolved::Call(mm, o) = tryv!(self.newindex_resolve(t, k, v, None)) {
                            return Ok(self.cont_call(base, pc - 1, mm, &[o, k, v], 0.0));
                        }
                    }
                    op @ (Op::TGETV | Op::TGETS | Op::TGETB) => {
                        let t = r!(ins.b());
                        let k = match op {
                            Op::TGETV => r!(ins.c()),
                            Op::TGETS => *kgc.add(ins.c() as usize),
                            _ => TValue::number(ins.c() as f64),
                        };
                        let mut done = false;
                        if t.is_table() {
                            let tp = &*t.ptr::<Table>();
                            let v = if k.is_str() {
                                tp.get_str(k.ptr())
                            } else if k.is_number() {
                                tp.get_num(k.as_number())
                            } else {
                                tp.get(k)
                            };
                            if !v.is_nil() || tp.metatable.is_null() {
                                r!(a) = v;
                                done = true;
                            }
                        }
                        if !done {
                            save!();
                            match tryv!(self.index_resolve(t, k, Some(ins.b() as u32))) {
                                Resolved::Value(v) => r!(a) = v,
                                Resolved::Call(mm, o) => {
                                    return Ok(self.cont_call(base, pc - 1, mm, &[o, k], 0.0));
                                }
                            }
                        }
                    }
                    op @ (Op::TSETV | Op::TSETS | Op::TSETB) => {
                        let t = r!(ins.b());
                        let k = match op {
                            Op::TSETV => r!(ins.c()),
                            Op::TSETS => *kgc.add(ins.c() as usize),
                            _ => TValue::number(ins.c() as f64),
                        };
                        let v = r!(a);
                        let mut done = false;
                        if t.is_table() {
                            let tp = &mut *t.ptr::<Table>();
                            let no_mt = tp.metatable.is_null();
                            if let Some(s) = tp.slot_mut(k)
                                && (!s.is_nil() || no_mt)
                            {
                                *s = v;
                                done = true;
                            } else if tp.metatable.is_null() {
                                save!();
                                tryv!(self.raw_set_checked(t, k, v));
                                done = true;
                            }
                        }
                        if !done {
                            save!();
                            if let Resolved::Call(mm, o) =
                                tryv!(self.newindex_resolve(t, k, v, Some(ins.b() as u32)))
                            {
                                return Ok(self.cont_call(base, pc - 1, mm, &[o, k, v], 0.0));
                            }
                        }
                    }
                    Op::TSETM => {
                        let t = r!(a - 1);
                        let start = (*knum.add(ins.d() as usize)).as_number() as usize;
                        let tp = &mut *t.ptr::<Table>();
                        let n = self.multres;
                        for i in 0..n {
                            self.gc.total += tp.set_int(start + i, r!(a + i));
                        }
                    }
                    Op::CALLM | Op::CALL => {
                        let nargs = if ins.op() == Op::CALL {
                            ins.c() as usize - 1
                        } else {
                            ins.c() as usize + self.multres
                        };
                        r!(a + 1) = link(FRAME_LUA, a + 2, pc);
                        let f = r!(a);
                        if f.is_func() {
                            // Fast path: a fixed-arg Lua function whose frame fits.
                            let fp: *mut Func = f.ptr();
                            let p = (*fp).proto;
                            let nb = base + a + 2;
                            if !p.is_null()
                                && !(*p).is_vararg
                                && nb + nargs + (*p).framesize as usize + FRAME_SLACK <= (*th).stack.len()
                            {
                                for i in nargs..(*p).numparams as usize {
                                    *stk.add(nb + i) = TValue::NIL;
                                }
                                base = nb;
                                pc = 0;
                                cl = fp;
                                proto = p;
                                code = (*proto).code.as_ptr();
                                knum = (*proto).knum.as_ptr();
                                kgc = (*proto).kgc.as_ptr();
                                (*th).base = base;
                                (*th).top = base + (*proto).framesize as usize;
                                continue;
                            }
                        }
                        save!();
                        (*th).top = base + a + 2 + nargs;
                        return Ok(Next::Call { func: base + a, nargs, slot: Some(a as u32) });
                    }
                    Op::CALLMT | Op::CALLT => {
                        let nargs = if ins.op() == Op::CALLT {
                            ins.d() as usize - 1
                        } else {
                            ins.d() as usize + self.multres
                        };
                        save!();
                        let f = r!(a);
                        if !f.is_func() && self.get_mm(f, MM_CALL).is_nil() {
                            return Err(self.type_error("call", f, Some(a as u32)));
                        }
                        if !(*th).openupval.is_null() {
                            self.close_upvals(base);
                        }
                        let mut fb = base;
                        let l = *stk.add(fb - 1);
                        if link_kind(l) == FRAME_VARG {
                            fb -= link_delta(l);
                        }
                        let src = base + a;
                        std::ptr::copy(stk.add(src), stk.add(fb - 2), 1);
                        std::ptr::copy(stk.add(src + 2), stk.add(fb), nargs);
                        (*th).top = fb + nargs;
                        (*th).base = fb;
                        return Ok(Next::Call { func: fb - 2, nargs, slot: None });
                    }
                    Op::ITERC | Op::ITERN => {
                        r!(a) = r!(a - 3);
                        r!(a + 2) = r!(a - 2);
                        r!(a + 3) = r!(a - 1);
                        save!();
                        r!(a + 1) = link(FRAME_LUA, a + 2, pc);
                        (*th).top = base + a + 4;
                        return Ok(Next::Call { func: base + a, nargs: 2, slot: None });
                    }
                    Op::VARG => {
                        let l = *stk.add(base - 1);
                        let delta = link_delta(l);
                        let nargs = delta - 2;
                        let np = (*proto).numparams as usize;
                        let nv = nargs.saturating_sub(np);
                        let src = base - delta + np;
                        let b = ins.b() as usize;
                        if b == 0 {
                            save!();
                            (*th).top = base + a;
                            tryv!(self.ensure_stack(nv + FRAME_SLACK));
                            std::ptr::copy(stk.add(src), stk.add(base + a), nv);
                            self.multres = nv;
                            (*th).top = (base + a + nv).max(base + (*proto).framesize as usize);
                        } else {
                            for i in 0..b - 1 {
                                r!(a + i) = if i < nv { *stk.add(src + i) } else { TValue::NIL };
                            }
                        }
                    }
                    Op::ISNEXT => jump!(ins),
                    Op::RETM | Op::RET | Op::RET0 | Op::RET1 => {
                        let n = match ins.op() {
                            Op::RETM => ins.d() as usize + self.multres,
                            Op::RET => ins.d() as usize - 1,
                            Op::RET0 => 0,
                            _ => 1,
                        };
                        if !(*th).openupval.is_null() {
                            self.close_upvals(base);
                        }
                        // Fast path: returning to a Lua frame with a fixed result count.
                        let l = *stk.add(base - 1);
                        if link_kind(l) == FRAME_LUA {
                            let retpc = link_pc(l);
                            let caller = base - link_delta(l);
                            let ccl: *mut Func = (*stk.add(caller - 2)).ptr();
                            let cproto = (*ccl).proto;
                            let cins = *(*cproto).code.as_ptr().add(retpc - 1);
                            let wanted = cins.b() as usize;
                            if wanted != 0 {
                                let dest = base - 2;
                                let src = base + a;
                                for i in 0..wanted - 1 {
                                    *stk.add(dest + i) = if i < n { *stk.add(src + i) } else { TValue::NIL };
                                }
                                base = caller;
                                pc = retpc;
                                cl = ccl;
                                proto = cproto;
                                code = (*proto).code.as_ptr();
                                knum = (*proto).knum.as_ptr();
                                kgc = (*proto).kgc.as_ptr();
                                (*th).base = base;
                                (*th).top = base + (*proto).framesize as usize;
                                continue;
                            }
                        }
                        save!();
                        return Ok(Next::Return { base, src: base + a, n });
                    }
                    Op::FORI | Op::JFORI => {
                        let (i, lim, step) = (r!(a), r!(a + 1), r!(a + 2));
                        let (i, lim, step) = if i.is_number() && lim.is_number() && step.is_number() {
                            (i.as_number(), lim.as_number(), step.as_number())
                        } else {
                            save!();
                            let (i, lim, step) = tryv!(self.for_coerce(i, lim, step));
                            r!(a) = TValue::number(i);
                            r!(a + 1) = TValue::number(lim);
                            r!(a + 2) = TValue::number(step);
                            (i, lim, step)
                        };
                        // Test-only fault hook; a no-op unless TWIN_LUA_FAULT is set.
                        let lim = super::fault::for_limit(i, lim, step);
                        r!(a + 1) = TValue::number(lim);
                        if if step >= 0.0 { i <= lim } else { i >= lim } {
                            r!(a + 3) = TValue::number(i);
                        } else {
                            jump!(ins);
                        }
                    }
                    Op::FORL | Op::IFORL | Op::JFORL => {
                        tick!();
                        // A JFORL's D is its trace; the loop's own jump is the trace's.
                        let lins = if ins.op() == Op::JFORL { self.jit.loop_ins(ins) } else { ins };
                        let step = r!(a + 2).as_number();
                        let i = r!(a).as_number() + step;
                        let lim = r!(a + 1).as_number();
                        let lpc = pc - 1;
                        let body = lins.target(lpc);
                        let taken = if step >= 0.0 { i <= lim } else { i >= lim };
                        if taken {
                            r!(a) = hw_number(i);
                            r!(a + 3) = hw_number(i);
                            pc = body;
                        }
                        // Traces run no hooks: with hooks (or while recording), stay here.
                        // Every FORL counts, taken or not (as LuaJIT's): a hot loop that
                        // is being left starts a recording that aborts at once for
                        // leaving it, the penalty that marks a short inner loop
                        // (`record::loops`).
                        if ins.op() != Op::IFORL && self.lib.jit.enabled && !HOOKED {
                            let enter = ins.op() == Op::JFORL && taken;
                            if enter || ins.op() == Op::FORL && self.jit.hot((*proto).hotkey(lpc)) {
                                (*th).base = base;
                                (*th).top = base + (*proto).framesize as usize;
                                (*th).pc = pc;
                                if enter {
                                    return self.trace_enter(ins.d(), base);
                                }
                                self.trace_hot(base, lpc, body);
                                return Ok(Next::Run);
                            }
                        }
                    }
                    Op::ITERL | Op::IITERL | Op::JITERL => {
                        tick!();
                        let v = r!(a);
                        // As FORL: a JITERL's D is its trace, the jump the original's.
                        let lins = if ins.op() == Op::JITERL { self.jit.loop_ins(ins) } else { ins };
                        let lpc = pc - 1;
                        let body = lins.target(lpc);
                        let taken = !v.is_nil();
                        if taken {
                            r!(a - 1) = v;
                            pc = body;
                        }
                        // Counted taken or not, as FORL.
                        if ins.op() != Op::IITERL && self.lib.jit.enabled && !HOOKED {
                            let enter = ins.op() == Op::JITERL && taken;
                            if enter || ins.op() == Op::ITERL && self.jit.hot((*proto).hotkey(lpc)) {
                                (*th).base = base;
                                (*th).top = base + (*proto).framesize as usize;
                                (*th).pc = pc;
                                if enter {
                                    return self.trace_enter(ins.d(), base);
                                }
                                self.trace_hot(base, lpc, body);
                                return Ok(Next::Run);
                            }
                        }
                    }
                    Op::LOOP | Op::ILOOP | Op::JLOOP => {
                        tick!();
                        if ins.op() != Op::ILOOP && self.lib.jit.enabled && !HOOKED {
                            if ins.op() == Op::JLOOP {
                                (*th).base = base;
                                (*th).top = base + (*proto).framesize as usize;
                                (*th).pc = pc;
                                return self.trace_enter(ins.d(), base);
                            }
                            if self.jit.hot((*proto).hotkey(pc - 1)) {
                                (*th).base = base;
                                (*th).pc = pc;
                                (*th).top = base + (*proto).framesize as usize;
                                self.trace_hot(base, pc - 1, pc);
                                return Ok(Next::Run);
                            }
                        }
                    }
                    Op::JMP => {
                        if ins.d() as u32 <= JUMP_BIAS {
                            tick!();
                        }
                        jump!(ins);
                    }
                    Op::FUNCF | Op::JFUNCF => {
                        tick!();
                        // Function entries are hot counted like loops (function traces).
                        if self.lib.jit.enabled && !HOOKED {
                            (*th).base = base;
                            (*th).top = base + (*proto).framesize as usize;
                            (*th).pc = pc;
                            if ins.op() == Op::JFUNCF {
                                return self.trace_enter(ins.d(), base);
                            }
                            if self.jit.hot_call((*proto).hotkey(pc - 1)) {
                                self.trace_hot(base, pc - 1, pc);
                                return Ok(Next::Run);
                            }
                        }
                    }
                    Op::IFUNCF | Op::FUNCV | Op::IFUNCV | Op::JFUNCV => tick!(),
                }
            }
        }
    }

    /// Whether hooks must be checked, refreshing the count when the setting changed.
    fn hooks_on(&mut self) -> bool {
        let h = self.lib.hook;
        if h.mask == 0 && h.count <= 0 || self.hookstate.running {
            return false;
        }
        let cfg = (h.func.bits(), h.mask, h.count);
        if self.hookstate.seen != cfg {
            self.hookstate.seen = cfg;
            self.hookstate.count_left = h.count;
            self.hookstate.last_base = usize::MAX;
        }
        true
    }

    /// Calls the hook function with `event` (and `line`), hooks disabled meanwhile.
    fn call_hook(&mut self, event: &[u8], line: Option<u32>) -> LResult<()> {
        let f = self.lib.hook.func;
        if !f.is_func() {
            return Ok(());
        }
        let ev = self.str_value(event);
        let args = [ev, line.map(|l| TValue::number(l as f64)).unwrap_or(TValue::NIL)];
        self.hookstate.running = true;
        // LuaJIT always passes two arguments (the line is nil except for line events).
        let r = self.call_value(f, &args, 0);
        self.hookstate.running = false;
        r.map(|_| ())
    }

    /// The hooks due before the instruction at `pc` of the Lua frame at `base` runs:
    /// count, call (at the function header), line (a new line, or a jump backwards),
    /// return (at a return instruction). The thread's base/pc/top describe the frame.
    fn hook_ins(&mut self, p: &ProtoObj, base: usize, pc: usize) -> LResult<()> {
        let h = self.lib.hook;
        if h.count > 0 {
            self.hookstate.count_left -= 1;
            if self.hookstate.count_left <= 0 {
                self.hookstate.count_left = h.count;
                self.call_hook(b"count", None)?;
            }
        }
        let op = p.code[pc].op();
        if pc == 0 {
            if h.mask & HOOK_CALL != 0 {
                self.call_hook(b"call", None)?;
            }
        } else if h.mask & HOOK_LINE != 0 {
            let line = p.line_at(pc);
            let hs = &self.hookstate;
            let fire = if hs.last_base != base {
                // Entered a function, or came back to one after a call.
                pc == 1 || p.line_at(pc - 1) != line
            } else {
                pc <= hs.last_pc || p.line_at(hs.last_pc) != line
            };
            if fire {
                self.call_hook(b"line", Some(line))?;
            }
        }
        self.hookstate.last_base = base;
        // After the header, the first instruction always counts as a new line (LuaJIT
        // fires on entry even when the body shares the header's line).
        self.hookstate.last_pc = if pc == 0 { usize::MAX } else { pc };
        if h.mask & HOOK_RET != 0 && matches!(op, Op::RET | Op::RET0 | Op::RET1 | Op::RETM) {
            self.call_hook(b"return", None)?;
        }
        Ok(())
    }

    /// Coerces numeric-for controls (strings convert, as in LuaJIT).
    fn for_coerce(&mut self, i: TValue, lim: TValue, step: TValue) -> LResult<(f64, f64, f64)> {
        let Some(i) = coerce_num(i) else {
            return Err(self.rt_error("'for' initial value must be a number"));
        };
        let Some(lim) = coerce_num(lim) else { return Err(self.rt_error("'for' limit must be a number")) };
        let Some(step) = coerce_num(step) else { return Err(self.rt_error("'for' step must be a number")) };
        Ok((i, lim, step))
    }
}
