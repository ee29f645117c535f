//! Recording calls and returns of Lua functions: inlined frames, tail calls, varargs
//! of inlined frames, the multiple results that flow between them, and recursion.
//!
//! Calls are inlined, and LuaJIT's unroll limits decide where that stops, at each
//! function entry (`record_func_entry`), counting the frames on trace below the new
//! one that run the same prototype:
//!
//! * In a root function trace, the entry of its own function (the instruction the trace
//!   starts after) with more than `recunroll` such frames (plus tail calls) closes the
//!   trace: up-recursion (`UPREC`) when the new frame is above the start frame, tail
//!   recursion (`TAILREC`) when tail calls replaced it. The back edge (`RLOOP`) writes
//!   every frame back and moves the base to the new frame, which the next iteration
//!   runs as its start frame:
//!
//! ```text
//!   iteration k:   | f frame | f frame | f frame | f frame (new) ...
//!                  ^ base                          ^ base of iteration k+1
//!   RLOOP: store snapshot, STACKCHK (the tree fits above the new base), jump head
//! ```
//!
//!   Each iteration's frames are the interpreter's, written back before the base moves,
//!   so an exit many iterations deep rebuilds nothing but its own iteration's frames:
//!   the ones below are already on the stack. `STACKCHK` exits (before the entry's
//!   budget tick) where the stack would not hold another iteration: the interpreter
//!   then runs the entry itself, growing the stack or raising "stack overflow" exactly
//!   where it would have without the JIT.
//! * Elsewhere, more than `callunroll` such frames abort ("call unroll limit reached").
//!   Crossing the entry of a function trace that only returns (link `return`), that
//!   trace is flushed first (LuaJIT's check_call_unroll): recursion is better served by
//!   a recursive trace of its own, which the function's entry can now start.
//! * A side trace that reaches the entry of its own root function trace (not one that
//!   only returns) links to it there, the base moved to the new frame (`LINK`).
//!   LuaJIT links any trace at the entry of a compiled function trace that does more
//!   than return; here that made the trace started at fib's return link into fib's
//!   up-recursion instead of closing as down-recursion (fib 0.25 -> 0.46 s), and a loop
//!   link into a function trace that ends in the interpreter (methods 0.27 -> 1.03 s).
//!
//! Down-recursion: a trace that ends at a return (`return`) leaves to the interpreter;
//! where that return goes into a frame of the same function, the return instruction is
//! hot counted (`State::trace_enter`), and a root trace is recorded from it
//! (`record_ret_below`): its returns from the start frame into frames of the same
//! function stay on trace (`RETF` moves the base down to the caller), and at the start
//! instruction again, more than `recunroll` returns later, it closes as down-recursion,
//! each iteration one frame further down. It is entered where a trace exits at that
//! return (LuaJIT patches the return instruction; our interpreter's returns do not
//! enter traces), and a trace recorded later that gets to that return, into a frame of
//! the same function, links to it there (`link_at_return`, `-> N`) instead of exiting.
//!
//! A side trace of a loop's tree returns below its start frame the same way, once, into
//! a frame of its root's function: recursion that runs a loop at every level (queens'
//! backtracking) then goes from the end of one level's loop back into the loop of the
//! level below on trace, linking to the root there with the base moved down, instead of
//! leaving to the interpreter at every return.

use super::*;
use crate::trace::LinkType;

impl Recorder {
    /// The callee of a call at slot `a`, guarded: a Lua callee is specialised to its
    /// prototype, not its closure (closures made anew by a loop still run the trace:
    /// their upvalues and environment are read through the closure at run time); a
    /// native to itself.
    pub(super) fn guard_callee(&mut self, st: &State, a: i32) -> Result<&'static Func, Abort> {
        let f = self.get(st, a)?;
        let fv = self.live(st, a);
        if f.1 != IrType::Func {
            nyi!("call of a {} value", type_name(f.1));
        }
        // SAFETY: a function value points at a live closure, which stays alive while
        // the trace (its constant or the guarded slot) refers to it.
        let fp: &'static Func = unsafe { &*fv.ptr::<Func>() };
        let k = self.ir.kval(fv);
        if fp.is_lua() {
            let s = self.snap()?;
            self.ir.emit(IrOp::EQPROTO, IrType::Void, f.0, REF_NONE, REF_NONE, fp.proto as u64, s);
        } else if f.0 != k {
            self.guard(IrOp::EQV, f.0, k)?;
        }
        Ok(fp)
    }

    /// The count of values the last multiple-results instruction left (`CALLM`,
    /// `RETM`, `TSETM` and `CALLMT` consume it). Always known while recording: every
    /// producer's count is fixed on the recorded path.
    pub(super) fn take_multres(&mut self) -> Result<i32, Abort> {
        match self.multres.take() {
            Some(n) => Ok(n),
            None => nyi!("multiple results from an unrecorded instruction"),
        }
    }

    /// Enters the frame of a Lua function called at slot `a` (the callee value there
    /// was guarded already) with `nargs` arguments at `a + 2`; the caller continues at
    /// `retpc`. A vararg callee's frame goes above its arguments, as the interpreter
    /// puts it:
    ///
    /// ```text
    ///   a: fn | a+1: link(LUA) | a+2: args ... | fn | link(VARG, nargs+2) | params, locals
    ///                                                                    ^ callee base
    /// ```
    pub(super) fn record_call(
        &mut self,
        st: &State,
        cp: *mut ProtoObj,
        a: i32,
        nargs: i32,
        retpc: usize,
    ) -> Result<(), Abort> {
        // SAFETY: the callee's prototype is live (its closure is on the stack).
        let (vararg, np, fs) = unsafe { ((*cp).is_vararg, (*cp).numparams as i32, (*cp).framesize as i32) };
        let fslot = self.fb + a;
        let nfb = if vararg { fslot + 2 + nargs + 2 } else { fslot + 2 };
        self.ensure_slots(nfb + fs)?;
        let nil = self.ir.kval(TValue::NIL);
        let l = self.ir.kval(crate::vm::frame::link(crate::vm::frame::FRAME_LUA, (a + 2) as usize, retpc));
        self.set_abs(fslot + 1, l);
        if vararg {
            let f = self.get(st, a)?.0;
            self.set_abs(nfb - 2, f);
            let vl = crate::vm::frame::link(crate::vm::frame::FRAME_VARG, (nargs + 2) as usize, 0);
            let vl = self.ir.kval(vl);
            self.set_abs(nfb - 1, vl);
            for i in 0..np {
                let v = if i < nargs { self.get(st, a + 2 + i)?.0 } else { nil };
                self.set_abs(nfb + i, v);
            }
        } else {
            for i in nargs..np {
                self.set_abs(nfb + i, nil);
            }
        }
        self.frames.push(Frame { fb: nfb, proto: cp, retpc });
        if !self.inlined.contains(&cp) {
            self.inlined.push(cp);
        }
        self.fb = nfb;
        // What the interpreter's call makes sure of: the frame and its arguments fit.
        self.max_slot = self.max_slot.max(nfb + fs + if vararg { 0 } else { nargs });
        Ok(())
    }

    /// A function entry (`FUNCF`, `FUNCV`) of an inlined frame, the call's unroll
    /// limits (see the module essay); true when it closed the trace.
    pub(super) fn record_func_entry(&mut self, st: &State, ins: Ins, pc: usize) -> Result<bool, Abort> {
        let cp = self.cur_proto();
        let n = self.frames.len();
        let count = self.frames[..n - 1].iter().filter(|f| f.proto == cp).count();
        let target = (ins.op() == Op::JFUNCF).then(|| ins.d());
        let returns_only = target.and_then(|t| st.jit.trace(t)).is_some_and(|t| t.link == LinkType::Return);
        if self.side.is_none() && cp == self.proto && pc == self.loop_pc && self.is_func_trace() {
            if count + self.tailcalled > self.recunroll {
                let link = if n < 2 { LinkType::TailRec } else { LinkType::UpRec };
                self.close_at_entry(pc, IrOp::RLOOP, 0)?;
                self.link = Some(link);
                return Ok(true);
            }
        } else if let Some(side) = self.side
            && target == Some(side.root)
            && !returns_only
            && n >= 2
        {
            self.close_at_entry(pc, IrOp::LINK, side.root as u64)?;
            return Ok(true);
        } else if count > self.callunroll {
            if returns_only {
                self.flush = target;
            }
            return Err("call unroll limit reached".into());
        }
        // The interpreter spends budget at every function entry.
        self.loopchk()?;
        Ok(false)
    }

    /// Ends the trace at the entry (at `pc`) of the innermost frame, which the trace it
    /// continues in (`end`: itself or its root) runs as its start frame. The entry's
    /// checks come first, through one snapshot before the entry (its exits are never
    /// hot): the stack for the frame the base moves to, then the budget tick.
    fn close_at_entry(&mut self, pc: usize, end: IrOp, k: u64) -> Result<(), Abort> {
        self.close_checked(pc, 0, pc + 1, end, k)
    }

    /// Ends the trace with `end` (`k`) through a snapshot at `next`, after the checks
    /// at `pc` (one snapshot, whose exits are never hot): the stack for the innermost
    /// frame, which the base moves to, and the `LOOPCHK` of kind `chk` (0: budget and
    /// GC, 1: GC only).
    fn close_checked(&mut self, pc: usize, chk: u64, next: usize, end: IrOp, k: u64) -> Result<(), Abort> {
        if self.snaps.len() + 2 > self.maxsnap {
            return Err("too many snapshots".into());
        }
        let mut s = self.take_snapshot(pc);
        s.loopchk = true;
        self.snaps.push(s);
        let n = self.snaps.len() as u32 - 1;
        if self.fb != 0 {
            self.ir.emit(
                IrOp::STACKCHK,
                IrType::Void,
                REF_NONE,
                REF_NONE,
                REF_NONE,
                self.fb as i64 as u64,
                n,
            );
        }
        self.ir.emit(IrOp::LOOPCHK, IrType::Void, REF_NONE, REF_NONE, REF_NONE, chk, n);
        let s = self.take_snapshot(next);
        self.snaps.push(s);
        self.loop_snap = self.snaps.len() as u32 - 1;
        self.ir.emit(end, IrType::Void, REF_NONE, REF_NONE, REF_NONE, k, self.loop_snap);
        Ok(())
    }

    /// The down-recursive trace a return at `pc` out of the innermost frame can go on
    /// in: the one started at that return, where it goes into a frame of the same
    /// function, of a function that makes no closures (what `State::downrec_at_exit`
    /// enters after an exit there). Its entry guards the same again, and more (the
    /// frame link, so the call site returned to): where they fail, it exits at its
    /// start, and a side trace from that exit starts at this return. Such a trace
    /// never links here (`nins`: not at the first instruction it records), else the
    /// two would loop without progress.
    pub(super) fn downrec_target(&self, st: &State, pc: usize) -> Option<u16> {
        use crate::vm::frame::{FRAME_LUA, link_delta, link_kind};
        let p = self.cur_proto();
        // SAFETY: frames on trace run live prototypes.
        if self.nins < 2 || self.stitch_parent.is_some() || unsafe { !(*p).protos.is_empty() } {
            return None;
        }
        let link = self.live(st, -1);
        if !link.is_frame() || link_kind(link) != FRAME_LUA {
            return None;
        }
        let caller = self.live(st, -(link_delta(link) as i32) - 2);
        // SAFETY: a Lua frame's function slot holds its live closure.
        if !caller.is_func() || unsafe { (*caller.ptr::<Func>()).proto } != p {
            return None;
        }
        st.jit.downrec_trace(p, pc)
    }

    /// Ends the trace at the return at `pc` by continuing in trace `no`, the
    /// down-recursive trace that starts there (`downrec_target`), on the innermost
    /// frame: a tail call where an exit to the interpreter would find it and enter it.
    /// Returns spend no budget; the GC is checked, as at an exit.
    pub(super) fn link_at_return(&mut self, no: u16, pc: usize) -> Result<(), Abort> {
        self.close_checked(pc, 1, pc, IrOp::LINK, no as u64)?;
        self.link_to = Some(no);
        self.link = Some(LinkType::Root(no));
        Ok(())
    }

    /// Whether this is a root trace started at a return (down-recursion).
    pub(super) fn is_downrec_start(&self) -> bool {
        self.side.is_none() && self.starts_at_return()
    }

    /// Whether this is a side trace of a loop's tree (not a stitched trace, not one
    /// in a down-recursion tree): it may return below its start frame.
    pub(super) fn is_loop_side(&self) -> bool {
        self.side.is_some()
            && self.stitch_parent.is_none()
            && !self.is_func_trace()
            && !self.starts_at_return()
    }

    /// Whether the trace's tree starts at a return.
    pub(super) fn starts_at_return(&self) -> bool {
        // SAFETY: the traced prototype is live; `loop_pc` is one of its instructions.
        let op = unsafe { (&(*self.proto).code)[self.loop_pc].op() };
        matches!(op, Op::RET0 | Op::RET1 | Op::RET)
    }

    /// A return of `n` values from slot `a` out of the start frame (at `pc`) of a root
    /// trace that started at a return, or of a side trace in a loop's tree: into a
    /// frame of the same function it stays on trace, the caller's frame becoming the
    /// start frame; anything else ends the trace (`return`). True when the trace ended.
    ///
    /// A side trace goes below its start frame once, and never closes a down-recursion
    /// loop (LuaJIT's side traces that did corrupted the host stack): it goes on in the
    /// caller, a frame of its root's function, guarded like a root trace's return (the
    /// frame link and the caller's prototype), so where it gets to the root's loop again
    /// and links there (`-> N`, the base moved down), the root runs on a frame of its
    /// own function as it always does (recursive backtracking: the return from one
    /// level's loop continues the level below's, on trace). A second return below ends it.
    pub(super) fn record_ret_below(&mut self, st: &State, pc: usize, a: i32, n: i32) -> Result<bool, Abort> {
        use crate::vm::frame::{FRAME_LUA, link_delta, link_kind, link_pc};
        debug_assert!(self.frames.len() == 1);
        let side = self.side.is_some();
        let link = self.live(st, -1);
        let lua = link.is_frame() && link_kind(link) == FRAME_LUA;
        let delta = if lua { link_delta(link) as i32 } else { 0 };
        // SAFETY: a Lua frame's function slot holds its live Lua closure.
        let cp = lua.then(|| unsafe { (*self.live(st, -delta - 2).ptr::<Func>()).proto });
        // The frames returned from were made by the interpreter: a function that makes
        // closures may have left upvalues open in them, which a return must close. A
        // function without inner functions never has.
        // SAFETY: the traced prototype is live.
        if cp != Some(self.proto) || unsafe { !(*self.proto).protos.is_empty() } || side && self.retf > 0 {
            self.end_in_interp();
            self.link = Some(LinkType::Return);
            return Ok(true);
        }
        let again = !side && pc == self.start_pc && self.cur_proto() == self.proto;
        if again && self.retf + self.tailcalled > self.recunroll {
            // The back edge: no budget (returns spend none), but the GC check.
            if self.snaps.len() + 2 > self.maxsnap {
                return Err("too many snapshots".into());
            }
            let mut s = self.take_snapshot(pc);
            s.loopchk = true;
            self.snaps.push(s);
            let chk = self.snaps.len() as u32 - 1;
            self.ir.emit(IrOp::LOOPCHK, IrType::Void, REF_NONE, REF_NONE, REF_NONE, 1, chk);
            let s = self.take_snapshot(pc);
            self.snaps.push(s);
            self.loop_snap = self.snaps.len() as u32 - 1;
            self.ir.emit(IrOp::RLOOP, IrType::Void, REF_NONE, REF_NONE, REF_NONE, 0, self.loop_snap);
            self.link = Some(LinkType::DownRec);
            return Ok(true);
        }
        if !side && self.retf > 0 && !again {
            // Down-recursion through another return: where a trace starts at that one,
            // this trace continues in it (ending at the return, whose exit enters it);
            // else one is recorded from there, now (LuaJIT's restart).
            if let Some(no) = self.downrec_target(st, pc) {
                self.link_at_return(no, pc)?;
                return Ok(true);
            }
            self.restart = true;
            return Err("down-recursion, restarting".into());
        }
        let mut vals = Vec::with_capacity(n as usize);
        for i in 0..n {
            vals.push(self.get(st, a + i)?.0);
        }
        // The frame returned to must be the same on every iteration: this frame's link
        // and the caller's function are guarded.
        let s = self.snap()?;
        let lr = self.ir.emit(IrOp::SLOAD, IrType::Word, REF_NONE, REF_NONE, REF_NONE, -1i64 as u64, s);
        let lk = self.ir.kval(link);
        self.ir.emit(IrOp::EQV, IrType::Void, lr, lk, REF_NONE, 0, s);
        let fslot = (-delta - 2) as i64 as u64;
        let fr = self.ir.emit(IrOp::SLOAD, IrType::Func, REF_NONE, REF_NONE, REF_NONE, fslot, s);
        self.ir.emit(IrOp::EQPROTO, IrType::Void, fr, REF_NONE, REF_NONE, self.proto as u64, s);
        self.ir.emit(IrOp::RETF, IrType::Void, REF_NONE, REF_NONE, REF_NONE, delta as u64, 0);
        // SAFETY: the caller's prototype is live; `retpc - 1` is its CALL.
        let (wanted, cfs) =
            unsafe { ((&(*self.proto).code)[link_pc(link) - 1].b() as i32, (*self.proto).framesize as i32) };
        // The caller's frame is the start frame now: its slots are read from the stack
        // again, but for the results, which go where the callee's function was.
        self.base -= delta as usize;
        let dest = delta - 2;
        let count = if wanted == 0 { n } else { wanted - 1 };
        let len = (cfs.max(dest + count) + SLOT_BIAS) as usize;
        self.slots = vec![REF_NONE; len];
        self.modified = vec![false; len];
        let nil = self.ir.kval(TValue::NIL);
        for i in 0..count {
            self.set_abs(dest + i, vals.get(i as usize).copied().unwrap_or(nil));
        }
        self.frames = vec![Frame { fb: 0, proto: self.proto, retpc: 0 }];
        self.fb = 0;
        self.multres = (wanted == 0).then_some(n);
        self.retf += 1;
        // The same instruction may come next in the caller: no snapshot of the callee's.
        self.snap_pc = None;
        Ok(false)
    }

    /// Whether a tail call at slot `a` out of the start frame stays on trace: in a root
    /// function trace or one started at a return, of a Lua function with a fixed frame
    /// (it replaces the start frame, which may close tail recursion).
    pub(super) fn tailcall_stays(&self, st: &State, a: i32) -> bool {
        let f = self.live(st, a);
        if self.side.is_some() || !(self.is_func_trace() || self.is_downrec_start()) || !f.is_func() {
            return false;
        }
        // SAFETY: a function value points at a live closure; a Lua one's prototype is live.
        unsafe {
            let fp = &*f.ptr::<Func>();
            fp.is_lua() && !(*fp.proto).is_vararg
        }
    }

    /// A tail call from an inlined frame: the callee replaces the frame (it returns
    /// to the frame's caller). A native's results are returned at once.
    pub(super) fn record_tailcall(
        &mut self,
        st: &mut State,
        fp: &Func,
        a: i32,
        nargs: i32,
    ) -> Result<(), Abort> {
        if self.open_upvals_from(self.fb) {
            nyi!("tail call with open upvalues");
        }
        // Tail calls can form a loop: they count towards the loop unroll limit.
        self.tailcalled += 1;
        if self.tailcalled > self.loopunroll {
            return Err("loop unroll limit reached".into());
        }
        if self.frames.len() < 2 && fp.is_lua() && self.tailcall_stays(st, a) {
            return self.record_start_tailcall(st, fp.proto, a, nargs);
        }
        if self.frames.len() < 2 {
            nyi!("tail call from the trace's start frame");
        }
        if !fp.is_lua() {
            let n = self.record_ff(st, fp, a, -1, nargs)?;
            if self.ends_in_interp {
                // A stitch at the tail call (`record_stitch`).
                return Ok(());
            }
            self.multres = None;
            return self.record_ret(st, a, n);
        }
        let mut vals = Vec::with_capacity(nargs as usize + 1);
        for i in 0..nargs {
            vals.push(self.get(st, a + 2 + i)?.0);
        }
        let f = self.get(st, a)?.0;
        let (Some(cur), Some(&caller)) = (self.frames.pop(), self.frames.last()) else {
            nyi!("tail call from the trace's start frame");
        };
        let dest = self.call_slot(&caller, cur.retpc);
        self.kill_above(dest + 2);
        self.fb = caller.fb;
        self.set_abs(dest, f);
        for (i, v) in vals.into_iter().enumerate() {
            self.set_abs(dest + 2 + i as i32, v);
        }
        self.record_call(st, fp.proto, dest - caller.fb, nargs, cur.retpc)
    }

    /// A tail call out of the start frame (see `tailcall_stays`): the callee's frame
    /// replaces it, at the same base, below the same (unknown) frame link.
    fn record_start_tailcall(
        &mut self,
        st: &State,
        cp: *mut ProtoObj,
        a: i32,
        nargs: i32,
    ) -> Result<(), Abort> {
        // SAFETY: the callee's prototype is live (its closure is on the stack).
        let (np, fs) = unsafe { ((*cp).numparams as i32, (*cp).framesize as i32) };
        let f = self.get(st, a)?.0;
        let mut vals = Vec::with_capacity(nargs.max(np) as usize);
        for i in 0..nargs {
            vals.push(self.get(st, a + 2 + i)?.0);
        }
        let nil = self.ir.kval(TValue::NIL);
        vals.resize(vals.len().max(np as usize), nil);
        self.kill_above(0);
        self.ensure_slots(fs.max(vals.len() as i32))?;
        self.set_abs(-2, f);
        for (i, v) in vals.into_iter().enumerate() {
            self.set_abs(i as i32, v);
        }
        if let Some(f) = self.frames.first_mut() {
            f.proto = cp;
        }
        if !self.inlined.contains(&cp) {
            self.inlined.push(cp);
        }
        self.max_slot = self.max_slot.max(fs + nargs);
        Ok(())
    }

    /// The slot (relative to the trace base) of the function called by the
    /// instruction before `retpc` in frame `caller`.
    pub(super) fn call_slot(&self, caller: &Frame, retpc: usize) -> i32 {
        // SAFETY: the caller's prototype is live; `retpc - 1` is its CALL.
        caller.fb + unsafe { (&(*caller.proto).code)[retpc - 1].a() as i32 }
    }

    /// Makes room for slots below `top` (relative to the trace base): multiple results
    /// and frames go above the frame size of the frame that makes them. The stack an
    /// entry provides grows with it.
    pub(super) fn ensure_slots(&mut self, top: i32) -> Result<(), Abort> {
        if top > MAX_JSLOTS {
            return Err("too many stack slots".into());
        }
        let need = (top + SLOT_BIAS) as usize;
        if self.slots.len() < need {
            self.slots.resize(need, REF_NONE);
            self.modified.resize(need, false);
        }
        self.max_slot = self.max_slot.max(top);
        Ok(())
    }

    /// Whether an open upvalue points at slot `abs` (relative to the trace base) or
    /// above.
    pub(super) fn open_upvals_from(&self, abs: i32) -> bool {
        // SAFETY: the running thread is live; its open upvalues are sorted by slot,
        // highest first.
        unsafe {
            let u = (*self.thread).openupval;
            !u.is_null() && (*u).slot as isize >= self.base as isize + abs as isize
        }
    }

    /// Forgets every slot from `abs` up: they are dead, exits need not restore them.
    pub(super) fn kill_above(&mut self, abs: i32) {
        for i in ((abs + SLOT_BIAS).max(0) as usize)..self.slots.len() {
            self.slots[i] = REF_NONE;
            self.modified[i] = false;
        }
    }

    /// `VARG A B`: `wanted` (or, if negative, all) of the innermost frame's extra
    /// arguments, which lie below its function slot (see `record_call`).
    ///
    /// In an inlined frame the count is the constant of its VARG link. In the trace's
    /// start frame it is whatever the call that made the frame passed: the link is
    /// guarded to its recorded value (once per trace), and the arguments, below the
    /// trace's base and never written on trace, are loaded with type guards.
    pub(super) fn record_varg(&mut self, st: &State, a: i32, wanted: i32) -> Result<(), Abort> {
        let start = self.fb == 0 && self.frames.len() < 2;
        // The frame's VARG link: a constant when the call was recorded, else (the start
        // frame, or a side trace started inside the frame) unchanged on the stack.
        let li = (self.fb - 1 + SLOT_BIAS) as usize;
        let link = match self.slots[li] {
            REF_NONE => self.live(st, -1),
            r => match self.ir.const_value(r) {
                Some(l) => l,
                None => nyi!("vararg frame link"),
            },
        };
        if !link.is_frame() || crate::vm::frame::link_kind(link) != crate::vm::frame::FRAME_VARG {
            nyi!("vararg outside a vararg frame");
        }
        if start && !self.vargs.iter().any(|v| v.0 == -1) {
            let s = self.snap()?;
            let r = self.ir.emit(IrOp::SLOAD, IrType::Word, REF_NONE, REF_NONE, REF_NONE, -1i64 as u64, s);
            let k = self.ir.kval(link);
            self.guard(IrOp::EQV, r, k)?;
            self.vargs.push((-1, r));
        }
        let delta = crate::vm::frame::link_delta(link) as i32;
        // SAFETY: the innermost frame's prototype is live.
        let np = unsafe { (*self.cur_proto()).numparams as i32 };
        let nv = (delta - 2 - np).max(0);
        let src = -delta + np;
        let n = if wanted < 0 { nv } else { wanted };
        let nil = self.ir.kval(TValue::NIL);
        let mut vals = Vec::with_capacity(n as usize);
        for i in 0..n {
            vals.push(match i < nv {
                true if start => self.start_vararg(st, src + i)?,
                true => self.get(st, src + i)?.0,
                false => nil,
            });
        }
        self.ensure_slots(self.fb + a + n)?;
        for (i, v) in vals.into_iter().enumerate() {
            self.set(a + i as i32, v);
        }
        if wanted < 0 {
            self.multres = Some(nv);
        }
        Ok(())
    }

    /// Slot `slot` (below -2) of the start frame: one of its varargs, loaded once.
    fn start_vararg(&mut self, st: &State, slot: i32) -> Result<IrRef, Abort> {
        if let Some(&(_, r)) = self.vargs.iter().find(|v| v.0 == slot) {
            return Ok(r);
        }
        let t = IrType::of(self.live(st, slot));
        if t == IrType::Any {
            nyi!("internal value in slot {slot}");
        }
        let s = self.snap()?;
        let r = self.ir.emit(IrOp::SLOAD, t, REF_NONE, REF_NONE, REF_NONE, slot as i64 as u64, s);
        self.vargs.push((slot, r));
        Ok(r)
    }

    /// Returns `n` values from slot `a` of an inlined frame to its caller.
    pub(super) fn record_ret(&mut self, st: &State, a: i32, n: i32) -> Result<(), Abort> {
        if self.frames.len() < 2 {
            nyi!("return from the trace's start frame");
        }
        let mut vals = Vec::with_capacity(n as usize);
        for i in 0..n {
            vals.push(self.get(st, a + i)?.0);
        }
        let (Some(callee), Some(&caller)) = (self.frames.pop(), self.frames.last()) else {
            nyi!("return from the trace's start frame");
        };
        // SAFETY: the caller's prototype is live; `retpc - 1` is its CALL.
        let (wanted, cfs) = unsafe {
            ((&(*caller.proto).code)[callee.retpc - 1].b() as i32, (*caller.proto).framesize as i32)
        };
        let dest = self.call_slot(&caller, callee.retpc);
        let nil = self.ir.kval(TValue::NIL);
        let count = if wanted == 0 { n } else { wanted - 1 };
        self.ensure_slots(dest + count)?;
        for i in 0..count {
            self.set_abs(dest + i, vals.get(i as usize).copied().unwrap_or(nil));
        }
        // Slots above the caller's frame (and above the results) are dead: exits
        // need not restore them.
        self.kill_above((caller.fb + cfs).max(dest + count));
        self.max_slot = self.max_slot.max(dest + count);
        self.multres = (wanted == 0).then_some(n);
        self.fb = caller.fb;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::trace::{JitParams, LinkType};
    use crate::vm::api::Lua;

    /// Runs `src` with the JIT off and on (hotloop=1 and `opts`): the JIT run's links of
    /// its traces, after checking both give the same results (or the same error).
    fn both(src: &str, opts: &[&str]) -> Vec<LinkType> {
        let mut out = Vec::new();
        let mut links = Vec::new();
        for on in [false, true] {
            let mut lua = Lua::new();
            let st = lua.state();
            for o in ["hotloop=1"].iter().chain(opts) {
                assert!(st.lib.jit.apply(o), "{o}");
            }
            st.lib.jit.enabled = on;
            let p = JitParams::from_settings(&st.lib.jit, 3);
            st.jit.set_params(p);
            let r = lua.exec(src.as_bytes(), "=t");
            out.push(match r {
                Ok(v) => format!("{:?}", v.iter().map(|x| x.as_number()).collect::<Vec<_>>()),
                Err(e) => e.message,
            });
            let st = lua.state();
            links =
                (1..=st.jit.num_traces() as u16).filter_map(|n| st.jit.trace(n).map(|t| t.link)).collect();
        }
        assert_eq!(out[0], out[1], "{src}");
        links
    }

    #[test]
    fn self_calls_close_as_up_recursion() {
        let links = both(
            "local function d(n) if n == 0 then return 0 end return 1 + d(n - 1) end \
             return d(5000), d(20), d(0)",
            &[],
        );
        assert_eq!(links.first(), Some(&LinkType::UpRec), "{links:?}");
    }

    #[test]
    fn self_tail_calls_close_as_tail_recursion() {
        let links = both(
            "local function l(n, a) if n == 0 then return a end return l(n - 1, a + n) end \
             return l(100000, 0)",
            &[],
        );
        assert_eq!(links, [LinkType::TailRec]);
    }

    #[test]
    fn returns_into_the_same_function_close_as_down_recursion() {
        let links = both(
            "local function sum(t, i) if i > #t then return 0 end return t[i] + sum(t, i + 1) end \
             local t = {} for i = 1, 100 do t[i] = i end \
             local s = 0 for j = 1, 100 do s = s + sum(t, 1) end return s",
            &["hotloop=10"],
        );
        assert!(links.contains(&LinkType::DownRec), "{links:?}");
    }

    #[test]
    fn recunroll_sets_the_frames_per_iteration() {
        // With recunroll=0 a second frame closes the loop; more unrolling, same result.
        for r in ["recunroll=0", "recunroll=4"] {
            let links = both(
                "local function d(n) if n == 0 then return 0 end return 2 + d(n - 1) end return d(3000)",
                &[r],
            );
            assert_eq!(links.first(), Some(&LinkType::UpRec), "{r}: {links:?}");
        }
    }

    #[test]
    fn stack_overflow_from_a_recursive_trace_is_the_interpreters() {
        let links = both(
            "local function inf(n) return 1 + inf(n + 1) end \
             local ok, e = pcall(inf, 1) \
             local function d(n) if n == 0 then return 0 end return 1 + d(n - 1) end \
             return ok and 1 or 0, #e, d(7000)",
            &[],
        );
        assert_eq!(links.first(), Some(&LinkType::UpRec), "{links:?}");
    }

    #[test]
    fn the_budget_runs_out_inside_recursion_where_the_interpreter_stops() {
        let mut seen = Vec::new();
        for on in [false, true] {
            let mut lua = Lua::new();
            let st = lua.state();
            assert!(st.lib.jit.apply("hotloop=1"));
            st.lib.jit.enabled = on;
            let p = JitParams::from_settings(&st.lib.jit, 3);
            st.jit.set_params(p);
            lua.set_budget(Some(3000));
            let src = b"n = 0 local function d(k) n = k return d(k + 1) + 1 end d(1)";
            let e = lua.exec(src, "=t").expect_err("the budget runs out");
            let st = lua.state();
            let k = st.str_value(b"n");
            // SAFETY: the globals table is live.
            let n = unsafe { (*st.globals).get(k) }.as_number();
            seen.push((n, e.message));
            if on {
                assert_eq!(st.jit.trace(1).map(|t| t.link), Some(LinkType::UpRec));
            }
        }
        assert_eq!(seen[0], seen[1]);
    }
}
