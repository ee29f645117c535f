//! The recorder: turns the bytecode the interpreter is about to execute, and the live
//! values it will execute it on, into trace IR.
//!
//! The interpreter calls [`Recorder::record`] before every instruction while a trace is
//! being recorded. The recorder looks at the operands' live values, emits IR that
//! computes the same result *on this path*, and guards every assumption it made (types,
//! branch directions, fast paths of table accesses) so that any other path leaves the
//! trace. Then the interpreter executes the instruction as usual.
//!
//! Invariants the rest of the JIT relies on:
//!
//! * Guards of an instruction are emitted before any of its effects (slot writes,
//!   stores), so every guard can exit through a snapshot taken *before* the
//!   instruction, resuming the interpreter at that instruction. Where a guarded helper
//!   has effects before a later guard of the same instruction, redoing the instruction
//!   gives the same state: a pure native's call (`FFCALL`) writes only dead slots above
//!   the call; `TSETM` stores the same values into the same fresh table again.
//! * `slots[s]` is the IR value of stack slot `s` (relative to the trace's base) as of
//!   the current instruction, or `REF_NONE` while the stack still holds it (it is then
//!   loaded on first use, with a type guard); `modified[s]` says the stack is stale
//!   for `s`.
//! * The count of values an instruction with multiple results leaves (`multres`) is
//!   fixed on the recorded path; a snapshot before a consumer of it carries it, since
//!   the interpreter did not see the producer run.
//! * Anything not handled aborts with a named reason; the interpreter is unaffected.
//!
//! Calls of Lua functions are inlined: the callee's frame lives on trace, above the
//! caller's, exactly where the interpreter would put it, and its function and
//! frame-link slots are ordinary slot values, so a snapshot inside the callee
//! describes both frames and an exit rebuilds them:
//!
//! ```text
//!   trace base                 caller A   A+1        callee base = fb
//!   | root frame slots ... | fn (guarded) | link (constant) | args, locals ...
//!   frames: [ {fb: 0, root proto}, {fb, callee proto, return pc} ]
//! ```
//!
//! A vararg callee's frame goes above its arguments, as the interpreter puts it (see
//! `record_call`); `VARG` reads the arguments below it. A tail call replaces the
//! inlined frame. Returns and tail calls out of the trace's start frame end function
//! traces (and side traces) in the interpreter (`EXIT`), except a function trace's tail
//! call of a Lua function, which replaces the start frame; a loop's root trace aborts
//! there. Recursion closes function traces (see `call`).
//!
//! What records: numbers (arithmetic, comparisons), string equality and order,
//! locals, upvalues (closed ones through the closure; open ones into the trace's own
//! frames as those slots), globals through the closure's environment, table loads and
//! stores (array and hash part, growth, nil stores, `__index` tables), `#`, `..`,
//! table constructors, calls (inlined), multiple results, varargs (of inlined frames
//! and of the start frame), tail calls, `pairs`/`next`/`ipairs`/Lua iterators
//! (`ITERC`), and the pure fast functions (`record_ff`): `math.*` but `random`, `bit.*`, `string.byte` (one index),
//! `sub`, `len`, `upper`, `lower`, `reverse`, `type`, `tostring`/`tonumber` on numbers
//! and strings, `rawget`, `rawequal`, `select`; metamethods of Lua functions, inlined
//! behind continuation frames (`meta`).
//!
//! Calls of C functions (`C.f(...)`, function pointer cdata) become direct native calls
//! (`ffi_call`), whose callbacks into Lua bail the trace (`trace::bail`).
//!
//! Calls of other natives (`pcall`, `string.format`, `coroutine.yield`, ...) end the
//! trace with a stitch (`stitch`): the interpreter makes the call and a stitched trace
//! continues after it.
//!
//! What aborts (`NYI: ...`): natives as metamethods, closures made on trace (`FNEW`),
//! tail calls out of a loop's root trace, inner loops of root traces (see `loops`), `UCLO`
//! with open upvalues.

use super::ir::*;
use super::snap::{SnapFrame as Frame, Snapshot};
use crate::bytecode::op::{Ins, Op};
use crate::vm::arith::{ArithOp, arith_num};
use crate::vm::func::{Func, ProtoObj};
use crate::vm::state::{State, Thread};
use crate::vm::string::LStr;
use crate::vm::table::Table;
use crate::vm::value::*;

/// Why a recording ended early.
pub type Abort = String;

pub enum RecStatus {
    Continue,
    /// The loop closed: the trace is complete.
    Stop,
    Abort(Abort),
}

/// The slot index offset: `slots[s + SLOT_BIAS]` is slot `s` (the root frame's
/// function slot -2 included).
const SLOT_BIAS: i32 = 2;
/// Most slots a trace may use above its base (LuaJIT's LJ_MAX_JSLOTS).
const MAX_JSLOTS: i32 = 250;

/// What a side trace starts from.
#[derive(Clone, Copy, Debug)]
pub struct SideStart {
    /// The trace and exit (snapshot) it is attached to.
    pub parent: u16,
    pub exit: u32,
    /// The root of the trace tree, whose loop the side trace links back to.
    pub root: u16,
}

pub struct Recorder {
    pub thread: *mut Thread,
    pub proto: *mut ProtoObj,
    /// Stack index of the traced frame's base.
    pub base: usize,
    /// First instruction of the trace (the loop body).
    pub start_pc: usize,
    /// The loop instruction that closes the trace (`FORL` or `LOOP`).
    pub loop_pc: usize,
    pub ir: IrBuf,
    pub snaps: Vec<Snapshot>,
    /// The snapshot the trace's back edge writes back.
    pub loop_snap: u32,
    /// Set for a side trace.
    pub side: Option<SideStart>,
    /// The prototype whose `start_pc` the trace starts at (a side trace may start in
    /// an inlined frame).
    pub start_proto: *mut ProtoObj,
    slots: Vec<IrRef>,
    modified: Vec<bool>,
    frames: Vec<Frame>,
    /// Base of the innermost frame (`frames.last().fb`).
    fb: i32,
    /// Highest slot any frame on trace may use: the stack an entry must provide.
    pub max_slot: i32,
    /// Prototypes of inlined calls (with repeats).
    inlined: Vec<*mut ProtoObj>,
    /// The pc whose snapshot is the last one in `snaps`, if taken for this instruction.
    snap_pc: Option<usize>,
    cur_pc: usize,
    /// Bytecodes recorded so far.
    pub nins: usize,
    /// The recorded bytecodes, for `-jdump`.
    pub bytecodes: Vec<(*mut ProtoObj, usize)>,
    maxrecord: usize,
    maxsnap: usize,
    maxirconst: usize,
    callunroll: usize,
    recunroll: usize,
    loopunroll: usize,
    /// The IR position where the trace last entered an inner loop (`loops`).
    loopref: IrRef,
    /// Tail calls recorded so far (they count towards the unroll limits: LuaJIT's
    /// `tailcalled`).
    tailcalled: usize,
    /// Returns below the start frame recorded so far (`RETF`).
    retf: usize,
    fold: bool,
    /// The count of values left by the last instruction with multiple results.
    multres: Option<i32>,
    /// `multres` as the current instruction found it (what snapshots before it carry).
    ins_multres: Option<i32>,
    /// The trace ends by leaving to the interpreter (`EXIT`), not with a loop or link.
    pub ends_in_interp: bool,
    /// Set for a stitched trace: the trace whose stitch it continues (see `stitch`).
    pub stitch_parent: Option<u16>,
    /// The trace a `LINK` at the end continues in, when not the root of the tree: the
    /// compiled loop a stitched or side trace got to.
    pub link_to: Option<u16>,
    /// The trace ends with a stitch at a call of this native (its `-jv` name).
    pub stitch_end: Option<String>,
    /// The start frame's varargs loaded so far: (slot, ref).
    vargs: Vec<(i32, IrRef)>,
    /// A C call's boxed result whose type the next instruction guards (see `ffi_call`):
    /// its slot (relative to the trace base) and ref.
    untyped_result: Option<(i32, IrRef)>,
    /// The C call the last instruction recorded, until the next one (`ffi_call`).
    c_call: Option<ffi_call::CallInFlight>,
    /// How the trace ends, where the recorder decided it (recursion, returns).
    pub link: Option<super::LinkType>,
    /// A function trace to unpatch when this recording aborts (see `record_func_entry`).
    pub flush: Option<u16>,
    /// Recording restarts at the aborting return (see `record_ret_below`).
    pub restart: bool,
}

type Val = (IrRef, IrType);

macro_rules! nyi {
    ($($arg:tt)*) => { return Err(format!("NYI: {}", format!($($arg)*))) };
}

mod call;
mod ff;
pub mod ffi_call;
mod ffi_data;
mod ffi_meta;
mod loops;
mod meta;
mod stitch;
mod tab;

pub(super) use loops::{INNER_LOOP, LOOP_LEFT, abort_pc};

impl Recorder {
    pub(crate) fn new(
        thread: *mut Thread,
        proto: *mut ProtoObj,
        base: usize,
        start_pc: usize,
        loop_pc: usize,
        p: &super::JitParams,
    ) -> Recorder {
        // SAFETY: the interpreter is running this prototype.
        let fs = unsafe { (*proto).framesize as usize };
        Recorder {
            thread,
            proto,
            base,
            start_pc,
            loop_pc,
            ir: IrBuf::default(),
            snaps: Vec::new(),
            loop_snap: 0,
            side: None,
            start_proto: proto,
            slots: vec![REF_NONE; fs + SLOT_BIAS as usize],
            modified: vec![false; fs + SLOT_BIAS as usize],
            frames: vec![Frame { fb: 0, proto, retpc: 0 }],
            fb: 0,
            max_slot: fs as i32,
            inlined: Vec::new(),
            snap_pc: None,
            cur_pc: start_pc,
            nins: 0,
            bytecodes: Vec::new(),
            maxrecord: p.maxrecord as usize,
            maxsnap: p.maxsnap as usize,
            maxirconst: p.maxirconst as usize,
            callunroll: p.callunroll as usize,
            recunroll: p.recunroll as usize,
            loopunroll: p.loopunroll as usize,
            loopref: 0,
            tailcalled: 0,
            retf: 0,
            fold: p.fold,
            multres: None,
            ins_multres: None,
            ends_in_interp: false,
            stitch_parent: None,
            link_to: None,
            stitch_end: None,
            vargs: Vec::new(),
            untyped_result: None,
            c_call: None,
            link: None,
            flush: None,
            restart: false,
        }
    }

    /// A recorder for a side trace of the tree whose root runs `proto`'s loop at
    /// `loop_pc`, starting where exit `snap` of the parent left the interpreter (the
    /// stack holds every value; the frames on trace are the snapshot's).
    pub(crate) fn new_side(
        thread: *mut Thread,
        proto: *mut ProtoObj,
        base: usize,
        loop_pc: usize,
        snap: &Snapshot,
        side: SideStart,
        p: &super::JitParams,
    ) -> Recorder {
        let mut r = Recorder::new(thread, proto, base, snap.pc, loop_pc, p);
        r.side = Some(side);
        r.start_proto = snap.frames.last().map_or(proto, |f| f.proto);
        if !snap.frames.is_empty() {
            r.frames = snap.frames.clone();
        }
        r.fb = snap.base;
        r.multres = snap.multres.map(|n| n as i32);
        for f in &r.frames {
            // SAFETY: the snapshot's frames run live prototypes.
            let top = f.fb + unsafe { (*f.proto).framesize as i32 };
            r.max_slot = r.max_slot.max(top);
            if f.proto != proto && !r.inlined.contains(&f.proto) {
                r.inlined.push(f.proto);
            }
        }
        // Values a multiple-results instruction left above the frames (the snapshot
        // names them) are slots of the side trace too.
        r.max_slot = snap.entries.iter().fold(r.max_slot, |m, e| m.max(e.0 + 1));
        let n = (r.max_slot + SLOT_BIAS) as usize;
        r.slots.resize(n, REF_NONE);
        r.modified.resize(n, false);
        r
    }

    /// Records the instruction at `pc` of the frame at `base` of the running thread.
    pub fn record(&mut self, st: &mut State, base: usize, pc: usize) -> RecStatus {
        if st.cur != self.thread || base as isize != self.base as isize + self.fb as isize {
            return RecStatus::Abort("NYI: frame change".into());
        }
        self.nins += 1;
        if self.nins > self.maxrecord {
            return RecStatus::Abort("trace too long".into());
        }
        if self.ir.kins.len() > self.maxirconst {
            return RecStatus::Abort("too many IR constants".into());
        }
        self.cur_pc = pc;
        self.ins_multres = self.multres;
        self.bytecodes.push((self.cur_proto(), pc));
        if let Err(e) = self.after_c_call(st) {
            return RecStatus::Abort(e);
        }
        if self.outside_root_loop(pc) {
            return RecStatus::Abort(LOOP_LEFT.into());
        }
        match self.record_ins(st, pc) {
            Ok(true) => RecStatus::Stop,
            // A stitch ends the trace at a call (`record_ff`).
            Ok(false) if self.ends_in_interp => RecStatus::Stop,
            Ok(false) => RecStatus::Continue,
            Err(e) => RecStatus::Abort(e),
        }
    }

    /// Every prototype entered while recording, the start frame's first.
    pub fn protos(&self) -> impl Iterator<Item = *mut ProtoObj> + '_ {
        std::iter::once(self.proto).chain(self.inlined.iter().copied())
    }

    /// The prototype of the innermost frame on trace.
    pub fn cur_proto(&self) -> *mut ProtoObj {
        self.frames.last().map_or(self.proto, |f| f.proto)
    }

    // ---- Slots and snapshots. ---------------------------------------------------

    /// The live value of slot `slot` of the innermost frame.
    fn live(&self, st: &State, slot: i32) -> TValue {
        // SAFETY: the running thread is `self.thread` (checked in `record`), and every
        // slot of the frame is below its top.
        unsafe { (&(*st.cur).stack)[(self.base as isize + (self.fb + slot) as isize) as usize] }
    }

    /// Writes slot `slot` of the innermost frame on the stack (only with the value the
    /// instruction being recorded is about to write there itself).
    fn set_live(&self, st: &mut State, slot: i32, v: TValue) {
        let i = (self.base as isize + (self.fb + slot) as isize) as usize;
        // SAFETY: as in `live`.
        let stack = unsafe { &mut (*st.cur).stack };
        if let Some(s) = stack.get_mut(i) {
            *s = v;
        }
    }

    fn ty(&self, r: IrRef) -> IrType {
        self.ir.get(r).t
    }

    /// The current IR value of `slot` of the innermost frame, loading it (with a type
    /// guard) on first use.
    fn get(&mut self, st: &State, slot: i32) -> Result<Val, Abort> {
        let abs = self.fb + slot;
        let i = (abs + SLOT_BIAS) as usize;
        if i >= self.slots.len() {
            nyi!("slot {slot} outside the frame");
        }
        if self.slots[i] != REF_NONE {
            return Ok((self.slots[i], self.ty(self.slots[i])));
        }
        let v = self.live(st, slot);
        // The root frame's function slot always holds its closure; inlined frames'
        // function slots are set (and guarded) by their CALL.
        let t = if abs == -2 { IrType::Func } else { IrType::of(v) };
        if t == IrType::Any {
            nyi!("internal value in slot {slot}");
        }
        let snap = if abs == -2 { 0 } else { self.resumable_snap()? };
        let r = self.ir.emit(IrOp::SLOAD, t, REF_NONE, REF_NONE, REF_NONE, abs as i64 as u64, snap);
        self.slots[i] = r;
        Ok((r, t))
    }

    /// Sets slot `slot` of the innermost frame.
    fn set(&mut self, slot: i32, r: IrRef) {
        self.set_abs(self.fb + slot, r);
    }

    fn set_abs(&mut self, abs: i32, r: IrRef) {
        let i = (abs + SLOT_BIAS) as usize;
        self.slots[i] = r;
        self.modified[i] = true;
    }

    /// The snapshot of the state before the current instruction (taken once per
    /// instruction, on its first guard).
    fn snap(&mut self) -> Result<u32, Abort> {
        if self.snap_pc == Some(self.cur_pc) {
            return Ok(self.snaps.len() as u32 - 1);
        }
        if self.snaps.len() >= self.maxsnap {
            return Err("too many snapshots".into());
        }
        self.snaps.push(self.take_snapshot(self.cur_pc));
        self.snap_pc = Some(self.cur_pc);
        Ok(self.snaps.len() as u32 - 1)
    }

    /// The snapshot for a guard that is, or checks the result of, a [`resumable`]
    /// instruction: the last one where exits may resume there, else a new one.
    fn resumable_snap(&mut self) -> Result<u32, Abort> {
        if self.snap_pc.is_some() && self.last_snap_resumes() {
            return Ok(self.snaps.len() as u32 - 1);
        }
        self.snap()
    }

    /// Whether a guard may exit through the last snapshot although the recording has
    /// moved on from its bytecode, as LuaJIT's guards do until a store or a call makes
    /// it take another: the interpreter resumes there and runs the bytecodes between
    /// again, which is only the same when nothing recorded since has an effect
    /// ([`resumable`]) or left the frame. Fewer snapshots mean fewer exits: less code
    /// to compile and to keep values live for.
    fn last_snap_resumes(&self) -> bool {
        let Some(s) = self.snaps.last() else { return false };
        let since = (s.ref_at - REF_BIAS) as usize;
        !s.loopchk
            && s.frames.len() == self.frames.len()
            && s.base == self.frames.last().map_or(0, |f| f.fb)
            && self.ir.ins.get(since..).is_some_and(|xs| xs.iter().all(|x| resumable(x.op)))
    }

    fn take_snapshot(&self, pc: usize) -> Snapshot {
        let entries = (0..self.slots.len())
            .filter(|&i| self.modified[i])
            .map(|i| (i as i32 - SLOT_BIAS, self.slots[i]))
            .collect();
        let f = self.frames.last().map_or((0, std::ptr::null_mut()), |f| (f.fb, f.proto));
        // SAFETY: frames' prototypes are live (the interpreter runs them).
        let framesize = if f.1.is_null() { 0 } else { unsafe { (*f.1).framesize as u32 } };
        Snapshot {
            pc,
            base: f.0,
            framesize,
            frames: self.frames.clone(),
            entries,
            ref_at: self.ir.next_ref(),
            count: 0,
            loopchk: false,
            multres: if pc == self.cur_pc { self.ins_multres.map(|n| n as u32) } else { None },
        }
    }

    /// The budget/GC check, through a snapshot of its own: its exits are never hot
    /// (a side trace cannot make a collection or the budget go away).
    fn loopchk(&mut self) -> Result<(), Abort> {
        if self.snaps.len() >= self.maxsnap {
            return Err("too many snapshots".into());
        }
        let mut s = self.take_snapshot(self.cur_pc);
        s.loopchk = true;
        self.snaps.push(s);
        self.snap_pc = None;
        let n = self.snaps.len() as u32 - 1;
        self.ir.emit(IrOp::LOOPCHK, IrType::Void, REF_NONE, REF_NONE, REF_NONE, 0, n);
        Ok(())
    }

    fn guard(&mut self, op: IrOp, a: IrRef, b: IrRef) -> Result<(), Abort> {
        // A comparison's exit stays at its bytecode: a side trace there records the
        // other branch, not the loads before the comparison again (as LuaJIT's).
        let identity = matches!(op, IrOp::EQV | IrOp::NEV | IrOp::EQPROTO);
        let s = if identity { self.resumable_snap()? } else { self.snap()? };
        self.ir.emit(op, IrType::Void, a, b, REF_NONE, 0, s);
        Ok(())
    }

    /// A boxed value of unknown type, narrowed to the type of its live value `v`.
    fn typed(&mut self, r: IrRef, v: TValue) -> Result<Val, Abort> {
        let t = IrType::of(v);
        if t == IrType::Any {
            nyi!("internal value");
        }
        // A nil or a boolean is often a branch's condition, its check the branch: its
        // exit stays at its bytecode, as a comparison's does (see `guard`).
        let branch = matches!(t, IrType::Nil | IrType::False | IrType::True);
        let s = if branch { self.snap()? } else { self.resumable_snap()? };
        Ok((self.ir.emit(IrOp::TYPE, t, r, REF_NONE, REF_NONE, 0, s), t))
    }

    fn num(&self, v: Val, what: &str) -> Result<IrRef, Abort> {
        if v.1 != IrType::Num {
            nyi!("{what} on {}", type_name(v.1));
        }
        Ok(v.0)
    }

    fn knum(&mut self, p: *const ProtoObj, i: usize) -> IrRef {
        // SAFETY: `p` is the traced prototype; `i` is a constant index of its bytecode.
        let v = unsafe { (&(*p).knum)[i] };
        self.ir.knum(v.as_number())
    }

    fn kgc(&mut self, p: *const ProtoObj, i: usize) -> (IrRef, TValue) {
        // SAFETY: as in `knum`.
        let v = unsafe { (&(*p).kgc)[i] };
        (self.ir.kval(v), v)
    }

    fn arith(&mut self, op: ArithOp, b: Val, c: Val) -> Result<IrRef, Abort> {
        let (b, c) = (self.num(b, "arithmetic")?, self.num(c, "arithmetic")?);
        if self.fold
            && let (Some(x), Some(y)) = (self.ir.const_value(b), self.ir.const_value(c))
        {
            return Ok(self.ir.knum(arith_num(op, x.as_number(), y.as_number())));
        }
        let irop = match op {
            ArithOp::Add => IrOp::ADD,
            ArithOp::Sub => IrOp::SUB,
            ArithOp::Mul => IrOp::MUL,
            ArithOp::Div => IrOp::DIV,
            ArithOp::Mod => IrOp::MOD,
            ArithOp::Pow => IrOp::POW,
            ArithOp::Unm => IrOp::NEG,
        };
        Ok(self.ir.emit(irop, IrType::Num, b, c, REF_NONE, 0, 0))
    }

    // ---- Instructions. ----------------------------------------------------------

    /// Records one instruction; `Ok(true)` when it closed the loop.
    // ISGE/ISGT are `not (a < b)` / `not (a <= b)`: with NaN that is not `>=` / `>`.
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    fn record_ins(&mut self, st: &mut State, pc: usize) -> Result<bool, Abort> {
        let p = self.frames.last().map_or(self.proto, |f| f.proto);
        // SAFETY: `p` is the live prototype the interpreter runs; `pc` is in range.
        let ins: Ins = unsafe { (&(*p).code)[pc] };
        let a = ins.a() as i32;
        let (b, c, d) = (ins.b() as i32, ins.c() as i32, ins.d() as i32);
        match ins.op() {
            op @ (Op::ISLT | Op::ISGE | Op::ISLE | Op::ISGT) => {
                let (x, y) = (self.get(st, a)?, self.get(st, d)?);
                if x.1 == IrType::Cdata || y.1 == IrType::Cdata {
                    let (lx, ly) = (self.live(st, a), self.live(st, d));
                    self.record_cdata_order(st, matches!(op, Op::ISLE | Op::ISGT), x, lx, y, ly)?;
                    return Ok(false);
                }
                // Strings compare through their order (-1, 0, 1) against 0.
                let ((x, y), (lx, ly)) = if x.1 == IrType::Str && y.1 == IrType::Str {
                    let (sx, sy) = (self.live(st, a), self.live(st, d));
                    let c = super::helpers::strcmp(sx.bits(), sy.bits());
                    let r = self.ir.emit(IrOp::STRCMP, IrType::Num, x.0, y.0, REF_NONE, 0, 0);
                    ((r, self.ir.knum(0.0)), (c, 0.0))
                } else if x.1 != IrType::Num || y.1 != IrType::Num {
                    let (lx, ly) = (self.live(st, a), self.live(st, d));
                    self.record_compare(st, op as u32 - Op::ISLT as u32, x, y, lx, ly)?;
                    return Ok(false);
                } else {
                    let (x, y) = (self.num(x, "comparison")?, self.num(y, "comparison")?);
                    ((x, y), (self.live(st, a).as_number(), self.live(st, d).as_number()))
                };
                // The condition as the interpreter evaluates it; guard its outcome.
                let (lt, holds) = match op {
                    Op::ISLT => (true, lx < ly),
                    Op::ISGE => (true, !(lx < ly)),
                    Op::ISLE => (false, lx <= ly),
                    _ => (false, !(lx <= ly)),
                };
                let less = if matches!(op, Op::ISLT | Op::ISLE) { holds } else { !holds };
                let g = match (lt, less) {
                    (true, true) => IrOp::LT,
                    (true, false) => IrOp::GE,
                    (false, true) => IrOp::LE,
                    (false, false) => IrOp::GT,
                };
                self.guard(g, x, y)?;
            }
            Op::ISEQV | Op::ISNEV => {
                let (x, y) = (self.get(st, a)?, self.get(st, d)?);
                let (lx, ly) = (self.live(st, a), self.live(st, d));
                if x.1 == IrType::Cdata || y.1 == IrType::Cdata {
                    self.record_cdata_eq(st, x, lx, y, ly)?;
                } else {
                    self.record_eq(st, x, y, lx, ly)?;
                }
            }
            Op::ISEQS | Op::ISNES => {
                let x = self.get(st, a)?;
                let (k, kv) = self.kgc(p, d as usize);
                if x.1 == IrType::Cdata {
                    let lx = self.live(st, a);
                    self.record_cdata_eq(st, x, lx, (k, IrType::Str), kv)?;
                } else {
                    self.record_eq(st, x, (k, IrType::Str), self.live(st, a), kv)?;
                }
            }
            Op::ISEQN | Op::ISNEN => {
                let x = self.get(st, a)?;
                let k = self.knum(p, d as usize);
                // SAFETY: as in `knum`.
                let kv = unsafe { (&(*p).knum)[d as usize] };
                if x.1 == IrType::Cdata {
                    let lx = self.live(st, a);
                    self.record_cdata_eq(st, x, lx, (k, IrType::Num), kv)?;
                } else {
                    self.record_eq(st, x, (k, IrType::Num), self.live(st, a), kv)?;
                }
            }
            // A cdata equals nil when it is a NULL pointer.
            Op::ISEQP | Op::ISNEP if self.live(st, a).tag() == TAG_CDATA => {
                let x = self.get(st, a)?;
                let lx = self.live(st, a);
                let k = self.ir.kval(prim(d));
                self.record_cdata_eq(st, x, lx, (k, IrType::of(prim(d))), prim(d))?;
            }
            // Primitive comparisons and truth tests follow from the (guarded) type.
            Op::ISEQP | Op::ISNEP | Op::IST | Op::ISF => {
                let s = if matches!(ins.op(), Op::ISEQP | Op::ISNEP) { a } else { d };
                self.get(st, s)?;
            }
            Op::ISTC | Op::ISFC => {
                let v = self.get(st, d)?;
                if v.1.is_falsy() == (ins.op() == Op::ISFC) {
                    self.set(a, v.0);
                }
            }
            Op::MOV => {
                let v = self.get(st, d)?;
                self.set(a, v.0);
            }
            Op::NOT => {
                let v = self.get(st, d)?;
                let r = self.ir.kval(TValue::boolean(v.1.is_falsy()));
                self.set(a, r);
            }
            Op::UNM => {
                let v = self.get(st, d)?;
                let lv = self.live(st, d);
                self.record_arith(st, ArithOp::Unm, v, v, lv, lv, a)?;
            }
            Op::LEN => {
                let v = self.get(st, d)?;
                if v.1 == IrType::Cdata {
                    let lv = self.live(st, d);
                    return self.record_cdata_len(st, v, lv).map(|()| false);
                }
                if !matches!(v.1, IrType::Str | IrType::Tab) {
                    nyi!("length of {}", type_name(v.1));
                }
                let r = self.ir.emit(IrOp::LEN, IrType::Num, v.0, REF_NONE, REF_NONE, 0, 0);
                self.set(a, r);
            }
            op @ (Op::ADDVN | Op::SUBVN | Op::MULVN | Op::DIVVN | Op::MODVN) => {
                let x = self.get(st, b)?;
                let k = (self.knum(p, c as usize), IrType::Num);
                // SAFETY: as in `knum`.
                let (lx, lk) = (self.live(st, b), unsafe { (&(*p).knum)[c as usize] });
                self.record_arith(st, arith_of(op), x, k, lx, lk, a)?;
            }
            op @ (Op::ADDNV | Op::SUBNV | Op::MULNV | Op::DIVNV | Op::MODNV) => {
                let x = self.get(st, b)?;
                let k = (self.knum(p, c as usize), IrType::Num);
                // SAFETY: as in `knum`.
                let (lx, lk) = (self.live(st, b), unsafe { (&(*p).knum)[c as usize] });
                self.record_arith(st, arith_of(op), k, x, lk, lx, a)?;
            }
            op @ (Op::ADDVV | Op::SUBVV | Op::MULVV | Op::DIVVV | Op::MODVV | Op::POW) => {
                let (x, y) = (self.get(st, b)?, self.get(st, c)?);
                let (lx, ly) = (self.live(st, b), self.live(st, c));
                self.record_arith(st, arith_of(op), x, y, lx, ly, a)?;
            }
            Op::KSTR => {
                let (k, _) = self.kgc(p, d as usize);
                self.set(a, k);
            }
            // The prototype's boxed cdata constant itself (`12LL`), as the interpreter.
            Op::KCDATA => {
                let (k, _) = self.kgc(p, d as usize);
                self.set(a, k);
            }
            Op::KSHORT => {
                let k = self.ir.knum(ins.sd() as f64);
                self.set(a, k);
            }
            Op::KNUM => {
                let k = self.knum(p, d as usize);
                self.set(a, k);
            }
            Op::KPRI => {
                let k = self.ir.kval(prim(d));
                self.set(a, k);
            }
            Op::KNIL => {
                let k = self.ir.kval(TValue::NIL);
                for s in a..=d {
                    self.set(s, k);
                }
            }
            Op::UGET => {
                let f = self.get(st, -2)?;
                if let Some(slot) = self.upvalue_slot(st, f.0, d as usize)? {
                    let v = self.get(st, slot - self.fb)?;
                    self.set(a, v.0);
                    return Ok(false);
                }
                let s = self.resumable_snap()?;
                let k = d as u64 | self.uv_window() << 32;
                let r = self.ir.emit(IrOp::UGET, IrType::Any, f.0, REF_NONE, REF_NONE, k, s);
                let v = self.upvalue(st, d as usize);
                let r = self.typed(r, v)?;
                self.set(a, r.0);
            }
            Op::USETV | Op::USETS | Op::USETN | Op::USETP => {
                let v = match ins.op() {
                    Op::USETV => self.get(st, d)?.0,
                    Op::USETS => self.kgc(p, d as usize).0,
                    Op::USETN => self.knum(p, d as usize),
                    _ => self.ir.kval(prim(d)),
                };
                let f = self.get(st, -2)?;
                if let Some(slot) = self.upvalue_slot(st, f.0, a as usize)? {
                    self.set_abs(slot, v);
                    return Ok(false);
                }
                let s = self.snap()?;
                let k = a as u64 | self.uv_window() << 32;
                self.ir.emit(IrOp::USET, IrType::Void, f.0, v, REF_NONE, k, s);
            }
            Op::UCLO => {
                // Closing nothing is nothing to record. (Closures are not made on trace,
                // so no upvalue opens into these slots while the trace runs.)
                if self.open_upvals_from(self.fb + a) {
                    nyi!("bytecode UCLO with open upvalues");
                }
            }
            Op::GGET => {
                let f = self.get(st, -2)?;
                let (k, kv) = self.kgc(p, d as usize);
                // SAFETY: the frame's function slot holds its live closure, whose
                // environment is a live table.
                let env = unsafe { &*(*self.live(st, -2).ptr::<Func>()).env };
                let v = env.get_str(kv.ptr::<LStr>());
                if v.is_nil() && !env.metatable.is_null() {
                    nyi!("__index on the environment");
                }
                let r = self.global_load(f.0, k, kv, env, v)?;
                self.set(a, r.0);
            }
            Op::GSET => {
                let f = self.get(st, -2)?;
                let v = self.get(st, a)?;
                let (k, kv) = self.kgc(p, d as usize);
                // SAFETY: as for GGET.
                let env = unsafe { &mut *(*self.live(st, -2).ptr::<Func>()).env };
                if !env.metatable.is_null() && env.slot_mut(kv).is_none_or(|s| s.is_nil()) {
                    nyi!("__newindex on the environment");
                }
                let s = self.snap()?;
                self.ir.emit(IrOp::GSET, IrType::Void, f.0, k, v.0, 0, s);
            }
            op @ (Op::TGETV | Op::TGETS | Op::TGETB) => {
                let t = self.get(st, b)?;
                let (k, kv) = self.key(st, p, op, c)?;
                if t.1 == IrType::Udata && self.record_clib_index(st, a, b, t, (k, kv))? {
                    return Ok(false);
                }
                if t.1 == IrType::Str {
                    // Method lookup on a string (`s:sub(...)`).
                    let Some(it) = super::helpers::string_index_table(st) else {
                        nyi!("indexing string");
                    };
                    // SAFETY: `string_index_table` returns a live table.
                    let v = unsafe { (*it).get(kv) };
                    // SAFETY: as above.
                    if v.is_nil() && unsafe { !(*it).metatable.is_null() } {
                        nyi!("__index metamethod");
                    }
                    let s = self.snap()?;
                    let r = self.ir.emit(IrOp::STRIDX, IrType::Any, t.0, k, REF_NONE, 0, s);
                    let r = self.typed(r, v)?;
                    self.set(a, r.0);
                    return Ok(false);
                }
                if t.1 == IrType::Cdata {
                    let tv = self.live(st, b);
                    self.record_cdata_index(st, t, tv, k, kv, a)?;
                    return Ok(false);
                }
                if t.1 != IrType::Tab {
                    self.record_index(st, t, self.live(st, b), (k, kv), a)?;
                    return Ok(false);
                }
                // SAFETY: the live value is a table (its type was just guarded).
                let tp = unsafe { &*self.live(st, b).ptr::<Table>() };
                let v = tp.get(kv);
                if v.is_nil() && !tp.metatable.is_null() {
                    self.record_index(st, t, self.live(st, b), (k, kv), a)?;
                    return Ok(false);
                }
                let r = self.table_load(t.0, k, kv, tp, v)?;
                self.set(a, r.0);
            }
            op @ (Op::TSETV | Op::TSETS | Op::TSETB) => {
                let t = self.get(st, b)?;
                let (k, kv) = self.key(st, p, op, c)?;
                let v = self.get(st, a)?;
                if t.1 == IrType::Cdata {
                    let (tv, lv) = (self.live(st, b), self.live(st, a));
                    return self.record_cdata_newindex(st, t, tv, k, kv, v, lv).map(|()| false);
                }
                if t.1 != IrType::Tab {
                    self.record_newindex(st, t, self.live(st, b), (k, kv), v)?;
                    return Ok(false);
                }
                // SAFETY: as for TGETV.
                let tp = unsafe { &mut *self.live(st, b).ptr::<Table>() };
                let no_mt = tp.metatable.is_null();
                let fast = match tp.slot_mut(kv) {
                    Some(s) => !s.is_nil() || no_mt,
                    None => no_mt,
                };
                if !fast {
                    self.record_newindex(st, t, self.live(st, b), (k, kv), v)?;
                    return Ok(false);
                }
                if kv.is_nil() || kv.is_number() && kv.as_number().is_nan() {
                    nyi!("invalid table key");
                }
                self.table_store(t.0, k, kv, tp, v)?;
            }
            Op::FORL | Op::JFORL | Op::IFORL if pc == self.loop_pc && self.fb == 0 => {
                let idx = self.get(st, a)?;
                let lim = self.get(st, a + 1)?;
                let step = self.get(st, a + 2)?;
                let (idx, lim, step) = (self.num(idx, "for")?, self.num(lim, "for")?, self.num(step, "for")?);
                let ls = self.live(st, a + 2).as_number();
                let li = self.live(st, a).as_number() + ls;
                let ll = self.live(st, a + 1).as_number();
                let up = ls >= 0.0;
                let leaving = !(if up { li <= ll } else { li >= ll });
                if leaving && self.side.is_none() {
                    return Err("leaving loop in root trace".into());
                }
                if self.ir.const_value(step).is_none() {
                    let zero = self.ir.knum(0.0);
                    self.guard(if up { IrOp::LE } else { IrOp::GT }, zero, step)?;
                }
                let next = self.ir.emit(IrOp::ADD, IrType::Num, idx, step, REF_NONE, 0, 0);
                if leaving {
                    // A side trace leaves the loop with the interpreter (as LuaJIT's
                    // do) and goes on recording after it: `not (next <= lim)` going up.
                    let (x, y) = if up { (next, lim) } else { (lim, next) };
                    self.guard(IrOp::GT, x, y)?;
                    return Ok(false);
                }
                if up {
                    self.guard(IrOp::LE, next, lim)?;
                } else {
                    self.guard(IrOp::LE, lim, next)?;
                }
                self.loopchk()?;
                self.set(a, next);
                self.set(a + 3, next);
                // The body's locals and temporaries are dead at its start: the back
                // edge need not keep them (nor the tables in them, see opt::sink).
                self.kill_above(a + 4);
                self.close();
                return Ok(true);
            }
            Op::LOOP | Op::JLOOP | Op::ILOOP if pc == self.loop_pc && self.fb == 0 => {
                self.loopchk()?;
                // `A` is the first slot above the loop's enclosing locals (as for FORL).
                self.kill_above(a);
                self.close();
                return Ok(true);
            }
            // (A side trace that leaves the loop carries on: `loops`.)
            Op::ITERL | Op::JITERL | Op::IITERL
                if pc == self.loop_pc
                    && self.fb == 0
                    && (self.side.is_none() || !self.live(st, a).is_nil()) =>
            {
                let v = self.get(st, a)?;
                if v.1 == IrType::Nil {
                    return Err("leaving loop in root trace".into());
                }
                self.loopchk()?;
                self.set(a - 1, v.0);
                self.close();
                return Ok(true);
            }
            // Any other loop instruction: what the trace does there is `loops`'s.
            Op::FORI
            | Op::JFORI
            | Op::FORL
            | Op::JFORL
            | Op::IFORL
            | Op::LOOP
            | Op::JLOOP
            | Op::ILOOP
            | Op::ITERL
            | Op::JITERL
            | Op::IITERL => return self.record_loop_event(st, pc, ins),
            // A backward jump spends budget in the interpreter (it may close a loop).
            // A jump's A is the first slot free where it goes (LuaJIT's): the slots from
            // there up are dead, and exits after it need not write them back.
            Op::JMP => {
                if d as u32 <= crate::bytecode::op::JUMP_BIAS {
                    self.loopchk()?;
                }
                self.kill_above(self.fb + a);
            }
            Op::CAT => {
                let mut vals = Vec::new();
                for s in b..=c {
                    let v = self.get(st, s)?;
                    if !matches!(v.1, IrType::Str | IrType::Num) {
                        self.record_concat(st, pc, ins, c, None)?;
                        return Ok(false);
                    }
                    vals.push(v.0);
                }
                // Three at a time from the right (the result is the same string
                // however the pieces are grouped).
                let nil = self.ir.kval(TValue::NIL);
                let mut r = vals.pop().unwrap_or(REF_NONE);
                while let Some(y) = vals.pop() {
                    r = match vals.pop() {
                        Some(x) => self.ir.emit(IrOp::CAT, IrType::Str, x, y, r, 0, 0),
                        None => self.ir.emit(IrOp::CAT, IrType::Str, y, r, nil, 0, 0),
                    };
                }
                // The interpreter leaves the result in B as well.
                self.set(b, r);
                self.set(a, r);
            }
            Op::TNEW => {
                let r = self.ir.emit(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE, REF_NONE, d as u64, 0);
                self.set(a, r);
            }
            Op::TDUP => {
                let (k, _) = self.kgc(p, d as usize);
                let r = self.ir.emit(IrOp::TDUP, IrType::Tab, k, REF_NONE, REF_NONE, 0, 0);
                self.set(a, r);
            }
            Op::CALL | Op::CALLM => {
                let nargs = if ins.op() == Op::CALLM { c + self.take_multres()? } else { c - 1 };
                if self.live(st, a).tag() == TAG_CDATA {
                    if !self.record_metatype_call_op(st, a, nargs, pc + 1)? {
                        match self.record_c_call(st, a, b - 1, nargs) {
                            // Varargs, aggregates by value and the like: the interpreter
                            // makes the call through its generic path, between traces.
                            Err(why) if why.starts_with("NYI") => {
                                self.record_stitch(st, None, a, why)?;
                            }
                            r => r?,
                        }
                    }
                    return Ok(false);
                }
                if !self.live(st, a).is_func() {
                    self.record_call_mm(st, a, nargs, pc + 1)?;
                    return Ok(false);
                }
                let fp = self.guard_callee(st, a)?;
                if fp.is_lua() {
                    self.record_call(st, fp.proto, a, nargs, pc + 1)?;
                } else {
                    self.record_ff(st, fp, a, b - 1, nargs)?;
                }
            }
            // A tail call out of the start frame of a function trace (or a side trace):
            // the trace ends, the interpreter makes the call.
            Op::CALLT | Op::CALLMT
                if self.frames.len() < 2
                    && (self.side.is_some() || self.stitch_parent.is_some() || self.is_func_trace())
                    && !self.tailcall_stays(st, a) =>
            {
                self.end_in_interp();
                return Ok(true);
            }
            Op::CALLT | Op::CALLMT => {
                let nargs = if ins.op() == Op::CALLMT { d + self.take_multres()? } else { d - 1 };
                let fp = self.guard_callee(st, a)?;
                if self.in_cont_frame(st) {
                    self.record_cont_tailcall(st, fp, a, nargs)?;
                    return Ok(false);
                }
                self.record_tailcall(st, fp, a, nargs)?;
            }
            Op::VARG => self.record_varg(st, a, b - 1)?,
            Op::ITERC => {
                // The iterator call: fn, state and control copied above the loop's
                // slots, then called with two arguments. The copies are made on the
                // stack too (the interpreter's first step of ITERC, with the same
                // values), so the call is recorded against its live arguments.
                for (to, from) in [(a, a - 3), (a + 2, a - 2), (a + 3, a - 1)] {
                    let v = self.get(st, from)?;
                    self.set(to, v.0);
                    let lv = self.live(st, from);
                    self.set_live(st, to, lv);
                }
                let fp = self.guard_callee(st, a)?;
                if fp.is_lua() {
                    self.record_call(st, fp.proto, a, 2, pc + 1)?;
                } else if fp.name == "next" {
                    self.record_next(st, a, b - 1)?;
                } else {
                    self.record_ff(st, fp, a, b - 1, 2)?;
                }
            }
            Op::TSETM => {
                let n = self.take_multres()?;
                let t = self.get(st, a - 1)?;
                if t.1 != IrType::Tab {
                    nyi!("indexing {}", type_name(t.1));
                }
                // SAFETY: as in `knum`.
                let start = unsafe { (&(*p).knum)[d as usize].as_number() };
                // A table constructor's fresh table: no metatable, every store raw.
                let s = self.snap()?;
                for i in 0..n {
                    let k = self.ir.knum(start + i as f64);
                    let v = self.get(st, a + i)?;
                    self.ir.emit(IrOp::TSET, IrType::Void, t.0, k, v.0, 0, s);
                }
            }
            Op::FUNCF | Op::JFUNCF | Op::IFUNCF | Op::FUNCV => {
                if self.record_func_entry(st, ins, pc)? {
                    return Ok(true);
                }
            }
            // A side trace of a trace started at a return that gets to that return
            // again (not the one it starts at: that would loop without progress)
            // continues in its root there.
            Op::RET0 | Op::RET1 | Op::RET
                if self.frames.len() < 2
                    && self.side.is_some()
                    && self.nins > 1
                    && pc == self.loop_pc
                    && self.cur_proto() == self.proto
                    && self.starts_at_return() =>
            {
                self.close();
                return Ok(true);
            }
            Op::RET0 | Op::RET1 | Op::RET
                if self.frames.len() < 2 && (self.is_downrec_start() || self.is_loop_side()) =>
            {
                let n = match ins.op() {
                    Op::RET0 => 0,
                    Op::RET1 => 1,
                    _ => d - 1,
                };
                return self.record_ret_below(st, pc, a, n);
            }
            Op::RET0 | Op::RET1 | Op::RET | Op::RETM if self.frames.len() < 2 => {
                // A return from the start frame: a function trace (or a side trace
                // that got here) ends and the interpreter does the return. A loop's
                // root trace must loop instead.
                if self.side.is_none() && self.stitch_parent.is_none() && !self.is_func_trace() {
                    return Err("leaving loop in root trace".into());
                }
                if let Some(no) = self.downrec_target(st, pc) {
                    self.link_at_return(no, pc)?;
                    return Ok(true);
                }
                self.end_in_interp();
                self.link = Some(super::LinkType::Return);
                return Ok(true);
            }
            Op::RET0 | Op::RET1 | Op::RET | Op::RETM => {
                let n = match ins.op() {
                    Op::RET0 => 0,
                    Op::RET1 => 1,
                    Op::RETM => d + self.take_multres()?,
                    _ => d - 1,
                };
                if self.in_cont_frame(st) {
                    self.record_cont_ret(st, a, n)?;
                } else {
                    self.record_ret(st, a, n)?;
                }
            }
            op => nyi!("bytecode {}", op.name()),
        }
        Ok(false)
    }

    /// The key operand of a table access: its IR value and live value.
    fn key(&mut self, st: &State, p: *const ProtoObj, op: Op, c: i32) -> Result<(IrRef, TValue), Abort> {
        Ok(match op {
            Op::TGETV | Op::TSETV => {
                let k = self.get(st, c)?;
                (k.0, self.live(st, c))
            }
            Op::TGETS | Op::TSETS => self.kgc(p, c as usize),
            _ => {
                let v = TValue::number(c as f64);
                (self.ir.kval(v), v)
            }
        })
    }

    /// If upvalue `i` of the frame's closure (`f`) is open into a slot of the frames on
    /// trace, that slot (relative to the trace base), guarded to stay so: the trace
    /// then reads and writes the slot's value, which may be newer than the stack's.
    fn upvalue_slot(&mut self, st: &State, f: IrRef, i: usize) -> Result<Option<i32>, Abort> {
        // SAFETY: the frame's closure is live and `i` one of its upvalue indices.
        // An upvalue open on another thread's stack (a coroutine's closure over the
        // main chunk's locals) is not in the trace's frames, whatever its slot number.
        let (closed, at) = unsafe {
            let uv = (&(*self.live(st, -2).ptr::<Func>()).uvs)[i];
            let ours = (*self.thread).stack.as_ptr_range().contains(&((*uv).v as *const TValue));
            ((*uv).is_closed() || !ours, (*uv).slot as isize - self.base as isize)
        };
        if closed || at < 0 || at >= (self.slots.len() as isize - SLOT_BIAS as isize) {
            return Ok(None);
        }
        let s = self.snap()?;
        let k = i as u64 | u64::from(at as i32 as u32) << 32;
        self.ir.emit(IrOp::UREFO, IrType::Void, f, REF_NONE, REF_NONE, k, s);
        Ok(Some(at as i32))
    }

    /// The slot window of the trace's frames (from the root function slot up), which
    /// an upvalue read or written through memory must not point into (`UGET`).
    fn uv_window(&self) -> u64 {
        self.slots.len() as u64
    }

    fn upvalue(&self, st: &State, i: usize) -> TValue {
        // SAFETY: the frame's closure is live and `i` is an upvalue index its bytecode
        // uses; the upvalue's `v` points at its value.
        unsafe { *(*(&(*self.live(st, -2).ptr::<Func>()).uvs)[i]).v }
    }

    /// Equality of `x` and `y` (live `lx`, `ly`), guarding the outcome. Which branch
    /// the interpreter takes follows from it and the instruction.
    fn record_eq(&mut self, st: &State, x: Val, y: Val, lx: TValue, ly: TValue) -> Result<(), Abort> {
        if x.1 == IrType::Num && y.1 == IrType::Num {
            let g = if lx.raw_eq(ly) { IrOp::EQ } else { IrOp::NE };
            return self.guard(g, x.0, y.0);
        }
        if x.1 != y.1 {
            // Different (guarded) types: never equal, nothing to check.
            return Ok(());
        }
        if x.1.prim_bits().is_some() {
            return Ok(());
        }
        if lx != ly && matches!(x.1, IrType::Tab | IrType::Udata) {
            return self.record_eq_mm(st, x, y, lx, ly);
        }
        let g = if lx == ly { IrOp::EQV } else { IrOp::NEV };
        self.guard(g, x.0, y.0)
    }

    /// Whether this is a function trace: started at a function's entry (`FUNCF`).
    fn is_func_trace(&self) -> bool {
        // SAFETY: the traced prototype is live; `loop_pc` is one of its instructions.
        let op = unsafe { (&(*self.proto).code)[self.loop_pc].op() };
        matches!(op, Op::FUNCF | Op::JFUNCF | Op::IFUNCF)
    }

    /// Ends the trace before the current instruction, leaving to the interpreter
    /// through a snapshot of the state there (whose exit is never hot: a side trace
    /// from it would do nothing but leave again).
    fn end_in_interp(&mut self) {
        let mut s = self.take_snapshot(self.cur_pc);
        s.loopchk = true;
        self.snaps.push(s);
        self.loop_snap = self.snaps.len() as u32 - 1;
        self.ir.emit(IrOp::EXIT, IrType::Void, REF_NONE, REF_NONE, REF_NONE, 0, self.loop_snap);
        self.ends_in_interp = true;
    }

    /// Ends the trace at its root's loop instruction: a root trace loops back to its
    /// start, a side trace continues in its root trace. Either way every modified
    /// slot is written back first (the snapshot `loop_snap`).
    fn close(&mut self) {
        let s = self.take_snapshot(self.start_pc);
        self.snaps.push(s);
        self.loop_snap = self.snaps.len() as u32 - 1;
        let (op, k) = match (self.link_to, self.side) {
            (Some(n), _) => (IrOp::LINK, n as u64),
            (None, Some(side)) => (IrOp::LINK, side.root as u64),
            (None, None) => (IrOp::LOOP, 0),
        };
        self.ir.emit(op, IrType::Void, REF_NONE, REF_NONE, REF_NONE, k, self.loop_snap);
    }
}

fn arith_of(op: Op) -> ArithOp {
    match op {
        Op::ADDVN | Op::ADDNV | Op::ADDVV => ArithOp::Add,
        Op::SUBVN | Op::SUBNV | Op::SUBVV => ArithOp::Sub,
        Op::MULVN | Op::MULNV | Op::MULVV => ArithOp::Mul,
        Op::DIVVN | Op::DIVNV | Op::DIVVV => ArithOp::Div,
        Op::MODVN | Op::MODNV | Op::MODVV => ArithOp::Mod,
        _ => ArithOp::Pow,
    }
}

fn prim(d: i32) -> TValue {
    match d {
        0 => TValue::NIL,
        1 => TValue::FALSE,
        _ => TValue::TRUE,
    }
}

fn type_name(t: IrType) -> &'static str {
    match t {
        IrType::Num => "number",
        IrType::Nil => "nil",
        IrType::False | IrType::True => "boolean",
        IrType::Str => "string",
        IrType::Tab => "table",
        IrType::Func => "function",
        IrType::Udata | IrType::Lightud => "userdata",
        IrType::Thread => "thread",
        IrType::Cdata => "cdata",
        _ => "value",
    }
}

/// Whether re-running the bytecodes an instruction was recorded from repeats nothing
/// anyone could see: loads, checks and arithmetic. Stores, calls, allocations, the
/// budget/GC and stack checks and frame changes are not (`Recorder::last_snap_resumes`).
fn resumable(op: IrOp) -> bool {
    use IrOp::*;
    op.is_comparison()
        || op.is_inline_arith()
        || op.is_helper_arith()
        || op.is_plain_read()
        || matches!(op, UGET | NOMT | FENV | MTLOAD)
}

#[cfg(test)]
pub(super) mod tests {
    use crate::trace::{JitParams, JitStats};
    use crate::vm::api::Lua;
    use crate::vm::value::TValue;

    /// Runs `src` with the JIT off and then on (hotloop=1): what `read` makes of each
    /// run's first result, and the JIT run's statistics.
    pub(super) fn off_and_on<T>(src: &str, read: impl Fn(TValue) -> T) -> (T, T, JitStats) {
        let mut out = Vec::new();
        let mut stats = JitStats::default();
        for on in [false, true] {
            let mut lua = Lua::new();
            let st = lua.state();
            assert!(st.lib.jit.apply("hotloop=1"));
            st.lib.jit.enabled = on;
            let p = JitParams::from_settings(&st.lib.jit, 1);
            st.jit.set_params(p);
            let r = lua.exec(src.as_bytes(), "=t").expect("runs");
            out.push(read(r[0]));
            stats = lua.state().jit.stats;
        }
        let on = out.pop().expect("ran");
        (out.pop().expect("ran"), on, stats)
    }

    /// A test program's string result.
    pub(super) fn string(v: TValue) -> String {
        assert!(v.is_str(), "the test program returns a string");
        // SAFETY: a string value points at a live string.
        String::from_utf8_lossy(unsafe { crate::lib::str_bytes(v) }).into_owned()
    }

    /// The program's loops trace without aborting and compute what the interpreter does.
    pub(super) fn traces_cleanly(src: &str) {
        let (off, on, s) = off_and_on(src, string);
        assert_eq!(off, on, "{src}");
        assert!(s.traces >= 1 && s.aborts == 0, "traces {}, aborts {}: {src}", s.traces, s.aborts);
    }

    #[test]
    fn pure_fast_functions_record() {
        traces_cleanly(
            "local s, t = 0, '' for i = 1, 60 do s = s + math.sin(i) + math.max(i, 9, 3) + bit.bxor(i, 5) \
             + (string.byte('abc', i % 4 + 1) or -1) + #tostring(i) + (tonumber('0x10')) \
             local m, f = math.modf(i / 3) s = s + m + f t = string.sub('hello', 2, i % 5) .. type(t) end \
             return s .. t",
        );
    }

    #[test]
    fn select_and_string_order_record() {
        traces_cleanly(
            "local n = 0 for i = 1, 60 do n = n + select('#', i, i) + select(2, i, 7) \
             if ('a' .. i) < 'a5' then n = n + 1 end end return tostring(n)",
        );
    }

    #[test]
    fn multiple_results_varargs_and_tail_calls_record() {
        traces_cleanly(
            "local function two(x) return x, x + 1 end local function va(...) return select('#', ...), ... end \
             local function tc(x) return two(x) end local function add(a, b, c) return a + b + (c or 0) end \
             local s = 0 for i = 1, 60 do s = s + add(two(i)) + add(va(i)) + add(tc(i)) + #{two(i)} end \
             return tostring(s)",
        );
    }

    #[test]
    fn iteration_and_upvalues_record() {
        traces_cleanly(
            "local t = {} for i = 1, 30 do t[i] = i end t.x = 5 local acc = 0 \
             local function add(v) acc = acc + v end \
             for k, v in pairs(t) do add(v) end for i, v in ipairs(t) do add(i * v) end \
             return tostring(acc)",
        );
    }

    #[test]
    fn guards_share_a_snapshot_until_an_effect() {
        use crate::trace::ir::IrOp::*;
        assert!([SLOAD, HLOAD, ALOAD, TYPE, ADD, LE, EQV].into_iter().all(super::resumable));
        let effects = [HSTORE, ASTORE, TSET, USET, FFCALL, TNEW, CAT, SETMT, LOOPCHK, STACKCHK, RETF];
        assert!(!effects.into_iter().any(super::resumable));
        // The element's check fails at i = 45: after the loads of `o.x` and `o.y` it
        // resumes before them (no effect between), after the store and the call it
        // resumes after them (neither is repeated).
        traces_cleanly(
            "local c, calls = { n = 0 }, 0 local function f() calls = calls + 1 end \
             local o, t = { x = 2, y = 3 }, {} for i = 1, 60 do t[i] = i end t[45] = 'x' \
             local s = 0 for i = 1, 60 do local a = o.x * i + o.y local v = t[i] \
             c.n = c.n + 1 f() local w = t[i] \
             s = s + a + (type(v) == 'number' and v or 100) + (type(w) == 'number' and w or 7) end \
             return s .. ' ' .. c.n .. ' ' .. calls",
        );
    }

    #[test]
    fn unsupported_bytecodes_abort_by_name() {
        let mut lua = Lua::new();
        let st = lua.state();
        assert!(st.lib.jit.apply("hotloop=1"));
        let p = JitParams::from_settings(&st.lib.jit, 1);
        st.jit.set_params(p);
        lua.exec(b"local t = {} for i = 1, 50 do t[i] = function() return i end end", "=t").expect("runs");
        assert_eq!(lua.state().jit.stats.traces, 0);
        assert!(lua.state().jit.stats.aborts >= 1);
    }
}
