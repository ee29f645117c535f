//! Snapshots: what an exit must write back so the interpreter can resume.
//!
//! A trace keeps Lua values in machine registers and only writes stack slots back at
//! its loop edge. A snapshot, taken before an instruction that has guards, lists every
//! slot whose value differs from the stack at that point (`slot -> ref`) and the pc to
//! resume at (the guarded instruction itself, which the interpreter then re-executes:
//! every recorded instruction has its guards before its effects, so that is safe).
//!
//! ```text
//!   Snapshot { pc, entries: [(slot, ref), ...] }
//!                          |
//!   exit block for snap #n: stack[base + entry.slot] = the entry's value (boxed TValue
//!   bits; doubles are their own bits), then return n (or continue in the side trace
//!   attached there, see `backend::exits`); the exit handler sets pc = snap.pc
//! ```
//!
//! Slots never written on trace need no entry: the stack still holds them. All slots
//! are relative to the trace's start frame. Inlined frames need nothing special: their
//! function and link slots are slot values like any other (the link a constant), so
//! restoring the entries rebuilds every frame, and the snapshot's `base` names the
//! innermost one, where the interpreter resumes. A metamethod's continuation frame is
//! the same (its continuation data a number constant, its link a `CONT` one): after
//! the exit the metamethod returns into it and the interpreter finishes the
//! instruction that called it.
//!
//! A snapshot may name a table or a cdata box that allocation sinking (`opt::sink`)
//! left unallocated. The exit makes it then, as the interpreter would have had it at
//! that point: its [`Unsink`] plan lists the objects to make and, for each table, the
//! stores the trace had done to it before the snapshot, in order. A box's payload and
//! the stored values that are not constants travel in the exit buffer after the
//! entries:
//!
//! ```text
//!   exit buffer: | (n words) | base | vals[0] | vals[1] | ...
//!                  (n = the snapshot's entries, which went to the stack; `base` is
//!                  the word the backend's exits store after them, `Unsink::vals_at`)
//!   unsink: objs[i] = TNEW/TDUP, or a cdata of ctype k with payload vals[j]; then
//!           for each table i, its stores in order:
//!           objs[i][key] = Const | Buf(j) = vals[j] | Obj(m) = objs[m]
//!           then slot[base + s] = objs[i] for each (s, i) in `slots`
//! ```
//!
//! Every object is made before any store is replayed, so a sunk table stored in
//! another (or in itself) is the one table, a sunk box stored in a sunk table is the
//! box a slot naming it gets, and two slots naming the same sunk ref get the same
//! object. Making them allocates but never collects (the collector runs after the
//! exit, once the objects are in their slots), so the rule that trace code never
//! collects holds also when a side trace's exit path makes them.

use super::ir::{IrBuf, IrOp, IrRef, REF_BIAS};
use crate::bytecode::op::Op;
use crate::vm::func::ProtoObj;
use crate::vm::state::State;
use crate::vm::table::Table;
use crate::vm::value::TValue;

/// A frame on trace: where it is and how it returns.
#[derive(Clone, Copy, Debug)]
pub struct SnapFrame {
    /// Base, relative to the trace's base.
    pub fb: i32,
    pub proto: *mut ProtoObj,
    /// Where the caller continues (the instruction after its CALL); 0 for the start
    /// frame.
    pub retpc: usize,
}

#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The pc the interpreter resumes at, in the innermost frame.
    pub pc: usize,
    /// Base of the innermost frame (relative to the trace's base) and its frame size:
    /// the interpreter's base and top after the exit.
    pub base: i32,
    pub framesize: u32,
    /// The frames on trace at this point, outermost first (a side trace starting at
    /// this exit starts with them).
    pub frames: Vec<SnapFrame>,
    /// Slots to restore, in ascending slot order.
    pub entries: Vec<(i32, IrRef)>,
    /// The first instruction ref recorded after the snapshot was taken.
    pub ref_at: IrRef,
    /// How often this exit was taken (`-jv` statistics, hot exits).
    pub count: u32,
    /// The snapshot of a budget/GC check (`LOOPCHK`) or of a trace's end in the
    /// interpreter (`EXIT`): its exits never start side traces.
    pub loopchk: bool,
    /// The count of values the instruction before `pc` left for `pc` to consume
    /// (`CALLM`, `CALLMT`, `RETM`, `TSETM` take "C/D + multres" operands): the
    /// interpreter's multres after the exit.
    pub multres: Option<u32>,
}

impl Snapshot {
    /// The interpreter's stack top after an exit through this snapshot, relative to the
    /// innermost frame's base. That is the frame's top, unless values that an
    /// instruction with multiple results left for the one at `pc` reach above it: the
    /// interpreter's `VARG` and multres returns leave its top at their end, and so must
    /// an exit, because the collector (which may run right after the exit) clears every
    /// slot above top.
    pub fn top(&self) -> usize {
        let frame = self.framesize as usize;
        let (Some(n), Some(f)) = (self.multres, self.frames.last()) else { return frame };
        // SAFETY: the snapshot's frames run live prototypes (the collector keeps those
        // of traces alive); `get` bounds the pc.
        let Some(ins) = (unsafe { (&(*f.proto).code).get(self.pc).copied() }) else { return frame };
        let (a, n) = (ins.a() as usize, n as usize);
        let end = match ins.op() {
            // Arguments from the slot after the call's frame link on.
            Op::CALLM => a + 2 + ins.c() as usize + n,
            Op::CALLMT => a + 2 + ins.d() as usize + n,
            Op::RETM => a + ins.d() as usize + n,
            Op::TSETM => a + n,
            _ => return frame,
        };
        frame.max(end)
    }
}

/// How an object sinking left out was made: `TNEW`'s size hint, `TDUP`'s template,
/// or `CDBOX`'s ctype and payload word (value `payload` of the exit buffer's values).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SunkAlloc {
    New(u64),
    Dup(TValue),
    Cdata { ctype: u32, payload: usize },
}

/// A value stored into a sunk table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SunkVal {
    Const(TValue),
    /// Value `j` of the exit buffer's values (from `Unsink::vals_at` on).
    Buf(usize),
    /// Another sunk object of the same plan.
    Obj(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct SunkObj {
    pub alloc: SunkAlloc,
    /// `t[key] = val`, in the trace's order (none for a box).
    pub stores: Vec<(TValue, SunkVal)>,
    /// The metatable a sunk `SETMT` gave the table (a table, or `nil`), set after the
    /// stores.
    pub meta: Option<SunkVal>,
}

/// What an exit through one snapshot must make of the objects sinking left out (see
/// the module essay). Empty for a snapshot that names none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unsink {
    pub objs: Vec<SunkObj>,
    /// The refs whose values the exit buffer carries after the entries.
    pub vals: Vec<IrRef>,
    /// `(slot, object)`: the snapshot's entries that name sunk objects.
    pub slots: Vec<(i32, usize)>,
}

impl Unsink {
    /// Where in an exit buffer the plan's values start, after a snapshot's `nentries`
    /// entries and the base word an exit stores after them (see the backend's exits).
    pub fn vals_at(nentries: usize) -> usize {
        nentries + 1
    }

    /// Whether the exit has nothing to make.
    pub fn is_empty(&self) -> bool {
        self.objs.is_empty()
    }

    /// The plan for `snap`, given which instructions sinking marked (`sunk`, indexed by
    /// instruction): every sunk object its entries reach, directly or stored in a sunk
    /// table, with each table's stores before the snapshot.
    pub fn plan(ir: &IrBuf, sunk: &[bool], snap: &Snapshot) -> Unsink {
        let mut u = Unsink::default();
        let is_sunk = |r: IrRef| r >= REF_BIAS && sunk.get((r - REF_BIAS) as usize).copied().unwrap_or(false);
        if !snap.entries.iter().any(|&(_, r)| is_sunk(r)) {
            return u;
        }
        // The objects in the order first met; a worklist, not recursion: how deep sunk
        // tables nest is up to the program.
        let mut refs: Vec<IrRef> = Vec::new();
        let index = |refs: &mut Vec<IrRef>, r: IrRef| match refs.iter().position(|&x| x == r) {
            Some(i) => i,
            None => {
                refs.push(r);
                refs.len() - 1
            }
        };
        for &(slot, r) in &snap.entries {
            if is_sunk(r) {
                let i = index(&mut refs, r);
                u.slots.push((slot, i));
            }
        }
        let end = (snap.ref_at.saturating_sub(REF_BIAS) as usize).min(ir.ins.len());
        let mut done = 0;
        while done < refs.len() {
            let t = refs[done];
            let x = ir.get(t);
            let alloc = match x.op {
                IrOp::TDUP => SunkAlloc::Dup(ir.const_value(x.a).unwrap_or(TValue::NIL)),
                IrOp::CDBOX => {
                    u.vals.push(x.a);
                    SunkAlloc::Cdata { ctype: x.k as u32, payload: u.vals.len() - 1 }
                }
                _ => SunkAlloc::New(x.k),
            };
            let value = |refs: &mut Vec<IrRef>, u: &mut Unsink, r: IrRef| {
                if let Some(v) = ir.const_value(r) {
                    SunkVal::Const(v)
                } else if is_sunk(r) {
                    SunkVal::Obj(index(refs, r))
                } else {
                    u.vals.push(r);
                    SunkVal::Buf(u.vals.len() - 1)
                }
            };
            let (mut stores, mut meta) = (Vec::new(), None);
            let first = (t - REF_BIAS) as usize + 1;
            for (i, s) in ir.ins[first.min(end)..end].iter().enumerate() {
                if s.a != t || !sunk[first + i] {
                    continue;
                }
                if s.op == IrOp::SETMT {
                    meta = Some(value(&mut refs, &mut u, s.b));
                } else if let Some(key) = super::opt::sink::store_key(ir, s) {
                    stores.push((key, value(&mut refs, &mut u, s.c)));
                }
            }
            u.objs.push(SunkObj { alloc, stores, meta });
            done += 1;
        }
        u
    }

    /// Makes the objects and writes them into their slots: `base` the trace's base,
    /// `vals` the exit buffer's values after the entries.
    ///
    /// # Safety
    ///
    /// `st` is the state whose thread's stack `base` points into, covering every slot
    /// the plan names; the templates are live (trace constants), the ctypes those of
    /// the state's FFI state (the trace's own `CDBOX`es).
    pub unsafe fn materialise(&self, st: *mut State, base: *mut TValue, vals: &[u64]) {
        use super::{helpers, helpers_ffi};
        let val = |j: usize| vals.get(j).copied().unwrap_or(TValue::NIL.bits());
        // SAFETY: per this function's contract; the helpers get a state and tables
        // made just now, as trace code gives them.
        unsafe {
            let objs: Vec<u64> = self
                .objs
                .iter()
                .map(|t| match t.alloc {
                    SunkAlloc::New(d) => helpers::tnew(st, d),
                    SunkAlloc::Dup(tpl) => helpers::tdup(st, tpl.bits()),
                    // The box `CDBOX` would have made, by the same routine. It fails only
                    // when memory runs out, as the box on trace would have (there it
                    // exits to let the interpreter raise the error).
                    SunkAlloc::Cdata { ctype, payload } => {
                        match helpers_ffi::cdbox(st, u64::from(ctype), val(payload)) {
                            helpers::BAIL => TValue::NIL.bits(),
                            v => v,
                        }
                    }
                })
                .collect();
            let value = |v: SunkVal| match v {
                SunkVal::Const(v) => v.bits(),
                SunkVal::Buf(j) => val(j),
                SunkVal::Obj(m) => objs[m],
            };
            for (t, obj) in objs.iter().zip(&self.objs) {
                for &(k, v) in &obj.stores {
                    // A fresh table without a metatable and a valid constant key: the
                    // store cannot bail.
                    helpers::tset(st, *t, k.bits(), value(v));
                }
                if let Some(mt) = obj.meta {
                    let mt = TValue(value(mt));
                    (*TValue(*t).ptr::<Table>()).metatable =
                        if mt.is_table() { mt.ptr() } else { std::ptr::null_mut() };
                }
            }
            for &(slot, i) in &self.slots {
                *base.offset(slot as isize) = TValue(objs[i]);
            }
        }
    }
}

/// The exit path of a side trace's parent: makes the sunk tables of the exit's plan
/// before the jump into the side trace (whose start reads them from the stack).
///
/// # Safety
///
/// Called only by trace code: `st` runs the trace, `base` is its base, `buf` the exit
/// buffer holding the plan's values from entry `at` on ([`Unsink::vals_at`]), and
/// `plan` the plan of that snapshot (kept with the trace's code).
pub unsafe extern "C" fn unsink_exit(
    st: *mut State,
    base: *mut TValue,
    buf: *const u64,
    at: u64,
    plan: *const Unsink,
) {
    // SAFETY: per the contract above.
    unsafe {
        let plan = &*plan;
        let vals = std::slice::from_raw_parts(buf.add(at as usize), plan.vals.len());
        plan.materialise(st, base, vals);
    }
}
