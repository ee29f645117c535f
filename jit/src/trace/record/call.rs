//! Recording calls and returns of Lua functions: inlined frames, tail calls, varargs
//! of inlined frames, and the multiple results that flow between them.

use super::*;

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
        let depth = self.frames.iter().filter(|f| f.proto == cp).count();
        if depth > self.callunroll {
            return Err("call unroll limit reached".into());
        }
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
        self.max_slot = self.max_slot.max(nfb + fs);
        Ok(())
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
        if self.frames.len() < 2 {
            nyi!("tail call from the trace's start frame");
        }
        if self.open_upvals_from(self.fb) {
            nyi!("tail call with open upvalues");
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
