//! Recording metamethods: arithmetic, comparisons, `__eq`, `__index`/`__newindex`
//! (functions and chains), `__call` and `__concat`, inlined behind continuation frames.
//!
//! The interpreter calls a metamethod that an instruction needs through a
//! continuation frame above the invoking frame (`vm::interp`'s `cont_call`): the
//! slot below the metamethod holds a number of continuation data, its link is a
//! `CONT` link naming the invoking instruction, and when the metamethod returns, that
//! instruction's opcode says what to do with the result (`continuation`):
//!
//! ```text
//!   caller fb                      t = fb + framesize(caller)
//!   | caller frame ............... | data | mm | link(CONT, t+3-fb, pc) | args ... |
//!                                                                       ^ mm base
//!   frames: [ ..., {fb, caller proto, retpc}, {t + 3, mm proto, retpc: pc} ]
//! ```
//!
//! The recorder lays the frame out exactly so, as ordinary slot values (the data a
//! number constant, the link a constant, the metamethod the guarded value loaded from
//! the operand's metatable), and inlines the metamethod like any Lua call. A snapshot
//! inside it therefore describes the continuation frame too: an exit rebuilds it, the
//! interpreter finishes the metamethod, and its return applies the continuation to the
//! interrupted instruction just as if no trace had run. A side trace starting inside a
//! metamethod finds the frame on the stack (its link slot tells it is a continuation).
//!
//! Guards: every metamethod is loaded at run time from the operand's metatable
//! (`MMGET`, which sees swapped metatables and reassigned fields) and guarded to have
//! the type it has now; a function is guarded to run the prototype that was inlined
//! (`EQPROTO`). Where the interpreter's choice depends on two metamethods being the same
//! (`__eq`, `__lt`, `__le`) the two loaded values are guarded equal or unequal.
//! `__index`/`__newindex` chains are walked step by step with raw loads (`TGETR`),
//! each guarded to be nil or not, as the interpreter walks them.
//!
//! On return into the continuation frame (`record_cont_ret`): comparisons need nothing
//! more (the result's type is guarded, so its truthiness, and so the branch the
//! interpreter takes, is fixed on the trace); stores need nothing; `CAT` stores the
//! result and resumes the rest of the concatenation, which may call `__concat` again;
//! everything else stores the result in the instruction's A.
//!
//! cdata reach their metatype's metamethods through the natives of the cdata
//! metatable, which tail-call them: `record::ffi_meta` records them with `mm_call`,
//! `__concat` diverted there from `record_concat`.
//!
//! What aborts: metamethods that are natives (the recorder inlines only Lua code; a
//! native such as `pcall` as `__concat` would run nested), non-function metamethods
//! that would be called through their own `__call`, `__len` (userdata only in Lua 5.1), the environment's metamethods, and the
//! error paths (the interpreter raises the error with the trace aborted).

use super::*;
use crate::vm::arith::coerce_num;
use crate::vm::frame::{FRAME_CONT, FRAME_VARG, link, link_delta, link_kind};
use crate::vm::meta::{MM_CALL, MM_CONCAT, MM_EQ, MM_INDEX, MM_LE, MM_LT, MM_NEWINDEX};

/// Most `__index`/`__newindex` steps a lookup follows (the interpreter's limit, past
/// which it raises "loop in gettable").
const MAX_META_LOOP: usize = 100;

impl Recorder {
    /// The live value of slot `abs` (relative to the trace base).
    fn live_abs(&self, st: &State, abs: i32) -> TValue {
        self.live(st, abs - self.fb)
    }

    /// The value of slot `abs` as far as the recording knows it without emitting
    /// anything: a constant written on trace, or the stack's value if never written.
    fn known_abs(&self, st: &State, abs: i32) -> Option<TValue> {
        let r = *self.slots.get((abs + SLOT_BIAS) as usize)?;
        if r == REF_NONE { Some(self.live_abs(st, abs)) } else { self.ir.const_value(r) }
    }

    /// The base the call of the innermost frame created (below a vararg frame's own
    /// base), if the frame is a continuation frame.
    fn cont_base(&self, st: &State) -> Option<i32> {
        if self.frames.len() < 2 {
            return None;
        }
        let mut b = self.fb;
        let mut l = self.known_abs(st, b - 1)?;
        if l.is_frame() && link_kind(l) == FRAME_VARG {
            b -= link_delta(l) as i32;
            l = self.known_abs(st, b - 1)?;
        }
        (l.is_frame() && link_kind(l) == FRAME_CONT).then_some(b)
    }

    /// Whether the innermost frame on trace is a metamethod called through a
    /// continuation frame.
    pub(super) fn in_cont_frame(&self, st: &State) -> bool {
        self.cont_base(st).is_some()
    }

    /// Metamethod `mm` of value `v` (live `lv`), loaded at run time and guarded to the
    /// type it has now; with its live value.
    ///
    /// A table's metatable is loaded (`MTLOAD`) and guarded to be the one it is now,
    /// and the metamethod is a raw load from that constant: on a table made on trace
    /// forwarding knows the metatable (`SETMT`), and in a loop the load from the
    /// constant metatable is invariant, so a method call on a new object costs no load
    /// at all (and the object can sink). Other values go through their type's metatable
    /// (`MMGET`).
    fn mm_of(&mut self, st: &State, v: Val, lv: TValue, mm: usize) -> Result<(Val, TValue), Abort> {
        let live = st.get_mm(lv, mm);
        if v.1 != IrType::Tab {
            let r = self.ir.emit(IrOp::MMGET, IrType::Any, v.0, REF_NONE, REF_NONE, mm as u64, 0);
            return Ok((self.typed(r, live)?, live));
        }
        // SAFETY: a table value points at a live table.
        let mt = unsafe { (*lv.ptr::<Table>()).metatable };
        let r = self.ir.emit(IrOp::MTLOAD, IrType::Any, v.0, REF_NONE, REF_NONE, 0, 0);
        if mt.is_null() {
            return Ok((self.typed(r, TValue::NIL)?, TValue::NIL));
        }
        let mtv = TValue::gc(TAG_TABLE, mt);
        let m = self.typed(r, mtv)?;
        let kmt = self.ir.kval(mtv);
        if m.0 != kmt {
            self.guard(IrOp::EQV, m.0, kmt)?;
        }
        let name = self.ir.kval(TValue::gc(TAG_STR, st.mmname[mm]));
        let r = self.ir.emit(IrOp::TGETR, IrType::Any, kmt, name, REF_NONE, 0, 0);
        Ok((self.typed(r, live)?, live))
    }

    /// Guards that the loaded metamethods `m1` and `m2` are the same value (`same`) or
    /// not, where their guarded types do not already decide it.
    fn guard_same(&mut self, m1: Val, m2: Val, same: bool) -> Result<(), Abort> {
        if m1.1 == m2.1 && m1.1.prim_bits().is_none() {
            self.guard(if same { IrOp::EQV } else { IrOp::NEV }, m1.0, m2.0)?;
        }
        Ok(())
    }

    /// Calls metamethod `f` (live `fv`) for the current instruction with `args`
    /// through a continuation frame carrying `data`, laid out as the interpreter's
    /// `cont_call` lays it out (see the module essay), and enters its frame.
    pub(super) fn mm_call(
        &mut self,
        st: &State,
        f: Val,
        fv: TValue,
        args: &[IrRef],
        data: f64,
    ) -> Result<(), Abort> {
        self.mm_call_at(st, f, fv, args, data, self.cur_pc)
    }

    /// `mm_call` for the instruction at `pc` of the innermost frame (a concatenation
    /// resumed by a continuation calls its next `__concat` for its own `CAT`).
    pub(super) fn mm_call_at(
        &mut self,
        st: &State,
        f: Val,
        fv: TValue,
        args: &[IrRef],
        data: f64,
        pc: usize,
    ) -> Result<(), Abort> {
        if f.1 != IrType::Func {
            nyi!("{} value as a metamethod", type_name(f.1));
        }
        // SAFETY: a function value points at a live closure, which the trace keeps
        // alive through its prototype (`protos`).
        let fp = unsafe { &*fv.ptr::<Func>() };
        if !fp.is_lua() {
            nyi!("native metamethod {}", fp.name);
        }
        let s = self.snap()?;
        self.ir.emit(IrOp::EQPROTO, IrType::Void, f.0, REF_NONE, REF_NONE, fp.proto as u64, s);
        // SAFETY: the innermost frame's prototype is live.
        let t = self.fb + unsafe { (*self.cur_proto()).framesize as i32 };
        let nargs = args.len() as i32;
        self.ensure_slots(t + 3 + nargs)?;
        let kd = self.ir.knum(data);
        self.set_abs(t, kd);
        self.set_abs(t + 1, f.0);
        for (i, &r) in args.iter().enumerate() {
            self.set_abs(t + 3 + i as i32, r);
        }
        let fb = self.fb;
        self.record_call(st, fp.proto, t + 1 - fb, nargs, pc)?;
        // `record_call` wrote a Lua link; this frame returns into the continuation.
        let l = self.ir.kval(link(FRAME_CONT, (t + 3 - fb) as usize, pc));
        self.set_abs(t + 2, l);
        Ok(())
    }

    /// Returns `n` values from slot `a` of a metamethod's frame into its continuation:
    /// the invoking instruction of the frame below finishes with the first of them.
    pub(super) fn record_cont_ret(&mut self, st: &mut State, a: i32, n: i32) -> Result<(), Abort> {
        let Some(cb) = self.cont_base(st) else { nyi!("return into a continuation") };
        let data = match self.known_abs(st, cb - 3) {
            Some(d) if d.is_number() => d.as_number(),
            _ => nyi!("continuation data"),
        };
        // SAFETY: the frames' prototypes are live; the continuation's pc is one of the
        // caller's instructions.
        let ins = match self.frames.len().checked_sub(2).map(|i| self.frames[i]) {
            Some(caller) => unsafe { (&(*caller.proto).code)[self.frames[self.frames.len() - 1].retpc] },
            None => nyi!("return from the trace's start frame"),
        };
        if ins.op() == Op::CAT {
            // The rest of the concatenation may guard (metamethods of the operands
            // left): such an exit redoes this return in the interpreter, which then
            // resumes the concatenation itself.
            self.snap()?;
        }
        let (res, lres) = if n > 0 {
            (self.get(st, a)?, self.live(st, a))
        } else {
            ((self.ir.kval(TValue::NIL), IrType::Nil), TValue::NIL)
        };
        let (Some(callee), Some(&caller)) = (self.frames.pop(), self.frames.last()) else {
            nyi!("return from the trace's start frame");
        };
        // SAFETY: the caller's prototype is live.
        let cfs = unsafe { (*caller.proto).framesize as i32 };
        self.fb = caller.fb;
        // The continuation frame and everything above it are dead.
        self.kill_above(caller.fb + cfs);
        self.multres = None;
        match ins.op() {
            // The branch follows from the result's truthiness, which its guarded type
            // fixes.
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
            | Op::ISNEP => {}
            Op::TSETV | Op::TSETS | Op::TSETB | Op::GSET => {}
            Op::CAT => {
                let pos = data as i32;
                self.set(pos, res.0);
                self.record_concat(st, callee.retpc, ins, pos, Some(lres))?;
            }
            _ => self.set(ins.a() as i32, res.0),
        }
        Ok(())
    }

    /// A tail call from a metamethod's frame: the callee takes the frame's place and
    /// returns into the same continuation (the interpreter's `CALLT` moves it down to
    /// the base the metamethod's call made, below a vararg frame, and keeps the link).
    pub(super) fn record_cont_tailcall(
        &mut self,
        st: &mut State,
        fp: &Func,
        a: i32,
        nargs: i32,
    ) -> Result<(), Abort> {
        if self.open_upvals_from(self.fb) {
            nyi!("tail call with open upvalues");
        }
        if !fp.is_lua() {
            let n = self.record_ff(st, fp, a, -1, nargs)?;
            self.multres = None;
            return self.record_cont_ret(st, a, n);
        }
        let Some(cb) = self.cont_base(st) else { nyi!("tail call from a metamethod") };
        let mut vals = Vec::with_capacity(nargs as usize);
        for i in 0..nargs {
            vals.push(self.get(st, a + 2 + i)?.0);
        }
        let f = self.get(st, a)?.0;
        let (Some(cur), Some(&caller)) = (self.frames.pop(), self.frames.last()) else {
            nyi!("tail call from the trace's start frame");
        };
        self.kill_above(cb);
        self.fb = caller.fb;
        self.set_abs(cb - 2, f);
        for (i, v) in vals.into_iter().enumerate() {
            self.set_abs(cb + i as i32, v);
        }
        self.record_call(st, fp.proto, cb - 2 - caller.fb, nargs, cur.retpc)?;
        let l = self.ir.kval(link(FRAME_CONT, (cb - caller.fb) as usize, cur.retpc));
        self.set_abs(cb - 1, l);
        Ok(())
    }

    /// `A = x op y`: numbers (and strings that convert) directly, cdata through the
    /// FFI's arithmetic (`record_cdata_arith`, which has the cdata metamethods checked),
    /// anything else through the operands' metamethod (the first operand's, else the
    /// second's), as `arith_resolve`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn record_arith(
        &mut self,
        st: &mut State,
        op: ArithOp,
        x: Val,
        y: Val,
        lx: TValue,
        ly: TValue,
        a: i32,
    ) -> Result<(), Abort> {
        if x.1 == IrType::Cdata || y.1 == IrType::Cdata {
            if let Some(r) = self.record_cdata_arith(st, op, x, lx, y, ly)? {
                self.set(a, r);
            }
            return Ok(());
        }
        if x.1 == IrType::Num && y.1 == IrType::Num || coerce_num(lx).is_some() && coerce_num(ly).is_some() {
            let r = self.arith(op, x, y)?;
            self.set(a, r);
            return Ok(());
        }
        let (mut m, mut mv) = self.mm_of(st, x, lx, op.mm())?;
        if mv.is_nil() {
            (m, mv) = self.mm_of(st, y, ly, op.mm())?;
        }
        if mv.is_nil() {
            nyi!("arithmetic on {}", type_name(if coerce_num(lx).is_some() { y.1 } else { x.1 }));
        }
        self.mm_call(st, m, mv, &[x.0, y.0], 0.0)
    }

    /// `ISLT`/`ISGE`/`ISLE`/`ISGT` (`opn` 0..3) on values that are neither two numbers
    /// nor two strings: `__lt`/`__le` when both operands have the same one, `__le` falling
    /// back to `not __lt` with swapped operands, as `compare_resolve`.
    pub(super) fn record_compare(
        &mut self,
        st: &State,
        opn: u32,
        x: Val,
        y: Val,
        lx: TValue,
        ly: TValue,
    ) -> Result<(), Abort> {
        if x.1 != y.1 || matches!(x.1, IrType::Num | IrType::Str | IrType::Cdata) {
            nyi!("comparison of {} with {}", type_name(x.1), type_name(y.1));
        }
        let (mut op, mut p, mut q) = (opn, (x, lx), (y, ly));
        loop {
            let mm = if op & 2 != 0 { MM_LE } else { MM_LT };
            let (m1, v1) = self.mm_of(st, p.0, p.1, mm)?;
            let (m2, v2) = self.mm_of(st, q.0, q.1, mm)?;
            let same = !v1.is_nil() && v1.raw_eq(v2);
            if !v1.is_nil() {
                self.guard_same(m1, m2, same)?;
            }
            if same {
                return self.mm_call(st, m1, v1, &[p.0.0, q.0.0], op as f64);
            }
            if op & 2 == 0 {
                nyi!("comparison of two {} values", type_name(x.1));
            }
            std::mem::swap(&mut p, &mut q);
            op ^= 3;
        }
    }

    /// `ISEQV`/`ISNEV` of two different tables or userdata (guarded different):
    /// `__eq` if both have the same one, else they are unequal, as `eq_metamethod`.
    pub(super) fn record_eq_mm(
        &mut self,
        st: &State,
        x: Val,
        y: Val,
        lx: TValue,
        ly: TValue,
    ) -> Result<(), Abort> {
        // SAFETY: the innermost frame's prototype is live; the current pc is in range.
        let ne = unsafe { (&(*self.cur_proto()).code)[self.cur_pc].op() == Op::ISNEV };
        self.guard(IrOp::NEV, x.0, y.0)?;
        let (m1, v1) = self.mm_of(st, x, lx, MM_EQ)?;
        if v1.is_nil() {
            return Ok(());
        }
        let (m2, v2) = self.mm_of(st, y, ly, MM_EQ)?;
        let same = v1.raw_eq(v2);
        self.guard_same(m1, m2, same)?;
        if !same {
            return Ok(());
        }
        self.mm_call(st, m1, v1, &[x.0, y.0], ne as u32 as f64)
    }

    /// `A = t[k]` where the lookup needs more than the table chain a load helper
    /// follows: each step of the `__index` chain recorded, as `index_resolve` walks it,
    /// up to a function to call.
    pub(super) fn record_index(
        &mut self,
        st: &State,
        t: Val,
        lt: TValue,
        k: (IrRef, TValue),
        a: i32,
    ) -> Result<(), Abort> {
        let (mut o, mut lo) = (t, lt);
        for _ in 0..MAX_META_LOOP {
            if o.1 == IrType::Tab {
                // SAFETY: a table value points at a live table.
                let v = unsafe { (*lo.ptr::<Table>()).get(k.1) };
                let r = self.ir.emit(IrOp::TGETR, IrType::Any, o.0, k.0, REF_NONE, 0, 0);
                let r = self.typed(r, v)?;
                if !v.is_nil() {
                    self.set(a, r.0);
                    return Ok(());
                }
                let (m, mv) = self.mm_of(st, o, lo, MM_INDEX)?;
                if mv.is_nil() {
                    self.set(a, r.0);
                    return Ok(());
                }
                if mv.is_func() {
                    return self.mm_call(st, m, mv, &[o.0, k.0], 0.0);
                }
                (o, lo) = (m, mv);
            } else {
                let (m, mv) = self.mm_of(st, o, lo, MM_INDEX)?;
                if mv.is_nil() {
                    nyi!("indexing {}", type_name(o.1));
                }
                if mv.is_func() {
                    return self.mm_call(st, m, mv, &[o.0, k.0], 0.0);
                }
                (o, lo) = (m, mv);
            }
        }
        nyi!("loop in gettable")
    }

    /// `t[k] = v` through `__newindex`, each step of the chain recorded as
    /// `newindex_resolve` walks it: a raw store where the key exists or no
    /// `__newindex` is left, else a function to call.
    pub(super) fn record_newindex(
        &mut self,
        st: &State,
        t: Val,
        lt: TValue,
        k: (IrRef, TValue),
        v: Val,
    ) -> Result<(), Abort> {
        let (mut o, mut lo) = (t, lt);
        for _ in 0..MAX_META_LOOP {
            let (m, mv) = if o.1 == IrType::Tab {
                // SAFETY: a table value points at a live table.
                let cur = unsafe { (*lo.ptr::<Table>()).get(k.1) };
                let r = self.ir.emit(IrOp::TGETR, IrType::Any, o.0, k.0, REF_NONE, 0, 0);
                self.typed(r, cur)?;
                let (m, mv) =
                    if cur.is_nil() { self.mm_of(st, o, lo, MM_NEWINDEX)? } else { (o, TValue::NIL) };
                if mv.is_nil() {
                    if k.1.is_nil() || k.1.is_number() && k.1.as_number().is_nan() {
                        nyi!("invalid table key");
                    }
                    let s = self.snap()?;
                    self.ir.emit(IrOp::TSETR, IrType::Void, o.0, k.0, v.0, 0, s);
                    return Ok(());
                }
                (m, mv)
            } else {
                let (m, mv) = self.mm_of(st, o, lo, MM_NEWINDEX)?;
                if mv.is_nil() {
                    nyi!("indexing {}", type_name(o.1));
                }
                (m, mv)
            };
            if mv.is_func() {
                return self.mm_call(st, m, mv, &[o.0, k.0, v.0], 0.0);
            }
            (o, lo) = (m, mv);
        }
        nyi!("loop in settable")
    }

    /// `CALL`/`CALLM` of a value that is not a function: its `__call` is called with
    /// the value inserted as the first argument, as the interpreter's `precall` does it
    /// (an ordinary call frame, no continuation).
    pub(super) fn record_call_mm(
        &mut self,
        st: &State,
        a: i32,
        nargs: i32,
        retpc: usize,
    ) -> Result<(), Abort> {
        let (o, lo) = (self.get(st, a)?, self.live(st, a));
        let (m, mv) = self.mm_of(st, o, lo, MM_CALL)?;
        if m.1 != IrType::Func {
            nyi!("call of a {} value", type_name(o.1));
        }
        self.call_with_self(st, o, m, mv, a, nargs, retpc)
    }

    /// Calls `m` (live `mv`, a `__call` metamethod) in place of the value `o` in slot
    /// `a` with `o` inserted as the first of the `nargs` arguments.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn call_with_self(
        &mut self,
        st: &State,
        o: Val,
        m: Val,
        mv: TValue,
        a: i32,
        nargs: i32,
        retpc: usize,
    ) -> Result<(), Abort> {
        if m.1 != IrType::Func {
            nyi!("{} value as __call", type_name(m.1));
        }
        // SAFETY: as in `mm_call`.
        let fp = unsafe { &*mv.ptr::<Func>() };
        if !fp.is_lua() {
            nyi!("native __call {}", fp.name);
        }
        let s = self.snap()?;
        self.ir.emit(IrOp::EQPROTO, IrType::Void, m.0, REF_NONE, REF_NONE, fp.proto as u64, s);
        let mut args = Vec::with_capacity(nargs as usize);
        for i in 0..nargs {
            args.push(self.get(st, a + 2 + i)?.0);
        }
        self.ensure_slots(self.fb + a + 3 + nargs)?;
        self.set(a, m.0);
        self.set(a + 2, o.0);
        for (i, r) in args.into_iter().enumerate() {
            self.set(a + 3 + i as i32, r);
        }
        self.record_call(st, fp.proto, a, nargs + 1, retpc)
    }

    /// `CAT A B C` (at `pc` of the innermost frame) from operand `top` down (the operands above it are joined already;
    /// `top_live` overrides slot `top`'s live value, a metamethod's result the stack
    /// does not hold yet), as the interpreter's `concat`: the longest run of strings
    /// and numbers ending at `top` is joined, else `__concat` of the top two is called
    /// and the rest resumes when it returns (`record_cont_ret`).
    pub(super) fn record_concat(
        &mut self,
        st: &mut State,
        pc: usize,
        ins: Ins,
        mut top: i32,
        top_live: Option<TValue>,
    ) -> Result<(), Abort> {
        let (a, b) = (ins.a() as i32, ins.b() as i32);
        // A joined string's live value is not made while recording; any string (here
        // an interned metamethod name) stands for it where only its type matters: its
        // metamethods are the string type's.
        let some_str = TValue::gc(TAG_STR, st.mmname[MM_CONCAT]);
        let mut ops = Vec::with_capacity((top - b + 1).max(0) as usize);
        for s in b..=top {
            let v = self.get(st, s)?;
            let lv = if s == top { top_live.unwrap_or_else(|| self.live(st, s)) } else { self.live(st, s) };
            ops.push((v, lv));
        }
        let strnum = |v: &(Val, TValue)| matches!(v.0.1, IrType::Str | IrType::Num);
        while top > b {
            let (x, y) = (ops[(top - 1 - b) as usize], ops[(top - b) as usize]);
            if strnum(&x) && strnum(&y) {
                let mut start = top - 1;
                while start > b && strnum(&ops[(start - 1 - b) as usize]) {
                    start -= 1;
                }
                let r =
                    self.cat(ops[(start - b) as usize..=(top - b) as usize].iter().map(|o| o.0.0).collect());
                self.set(start, r);
                ops[(start - b) as usize] = ((r, IrType::Str), some_str);
                top = start;
                continue;
            }
            let (mut m, mut mv) = self.mm_of(st, x.0, x.1, MM_CONCAT)?;
            let mut from = x.1;
            if mv.is_nil() {
                (m, mv) = self.mm_of(st, y.0, y.1, MM_CONCAT)?;
                from = y.1;
            }
            if mv.is_nil() {
                nyi!("concatenating a {} value", type_name(if strnum(&x) { y.0.1 } else { x.0.1 }));
            }
            let (args, data) = ([x.0.0, y.0.0], (top - 1) as f64);
            if from.tag() == TAG_CDATA {
                // The cdata metatable's native, which calls the metatype's `__concat`.
                if self.metatype_call_at(st, b"__concat", &[x, y], &args, data, pc)? {
                    return Ok(());
                }
                nyi!("concatenating cdata");
            }
            return self.mm_call_at(st, m, mv, &args, data, pc);
        }
        let r = ops[0].0.0;
        self.set(a, r);
        Ok(())
    }

    /// The concatenation of strings and numbers `vals` (at least one): three at a time
    /// from the right (the result is the same string however the pieces are grouped).
    fn cat(&mut self, mut vals: Vec<IrRef>) -> IrRef {
        let nil = self.ir.kval(TValue::NIL);
        let mut r = vals.pop().unwrap_or(nil);
        while let Some(y) = vals.pop() {
            r = match vals.pop() {
                Some(x) => self.ir.emit(IrOp::CAT, IrType::Str, x, y, r, 0, 0),
                None => self.ir.emit(IrOp::CAT, IrType::Str, y, r, nil, 0, 0),
            };
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::traces_cleanly;

    #[test]
    fn arithmetic_and_comparison_metamethods_record() {
        traces_cleanly(
            "local V = {} V.__add = function(a, b) return a.x + b end V.__unm = function(a) return -a.x end \
             V.__lt = function(a, b) return a.x < b.x end V.__le = function(a, b) return a.x <= b.x end \
             V.__eq = function(a, b) return a.x == b.x end V.__mod = function(a, b) return a % b.x end \
             local a, b, c = setmetatable({x = 3}, V), setmetatable({x = 5}, V), setmetatable({x = 3}, V) \
             local s = 0 for i = 1, 60 do s = s + (a + i) + -b + (i % a) \
             if a < b then s = s + 1 end if b <= a then s = s + 10 end if a >= b then s = s + 100 end \
             if a == c then s = s + 1000 end if a ~= b then s = s + 3 end end return tostring(s)",
        );
    }

    #[test]
    fn index_newindex_call_and_concat_metamethods_record() {
        traces_cleanly(
            "local store = {} local P = setmetatable({}, {__index = function(t, k) return k * 2 end, \
             __newindex = function(t, k, v) store[k] = v end}) local Q = setmetatable({}, {__index = P}) \
             local C = setmetatable({k = 4}, {__call = function(self, x, ...) return self.k * x + select('#', ...) end, \
             __concat = function(a, b) return (type(a) == 'table' and 'T' or a) .. (type(b) == 'table' and 'T' or b) end}) \
             local s, r = 0, '' for i = 1, 60 do P[i] = i Q[i] = i s = s + P[i] + Q[i] + store[i] + C(i, 1, 2) \
             r = 'a' .. i .. C .. 'b' .. C .. 'c' .. 'd' end return s .. r",
        );
    }
}
