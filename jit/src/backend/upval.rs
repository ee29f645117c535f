//! Lowering of the upvalue instructions (`UGET`, `USET`, `UREFO`): three dependent loads
//! from the closure to the upvalue's value pointer, a guard, then the access, at the
//! offsets `vm::func` asserts for its `#[repr(C)]` layout. `UGET`/`USET` carry the
//! upvalue index `k` and the slot window `n` in their `k` (`k | n << 32`).
//!
//! ```text
//!   UGET f k n:      uv = (f & PAYLOAD_MASK).uvs.ptr[k]      UREFO f #k @s:
//!   USET f k n v     p  = uv.v                                 uv, p as UGET
//!                    exit if p - (base - 16) <u 8 * n          exit unless p == base + 8*s
//!                    load / store *p
//! ```
//!
//! The guard is the one fact machine code needs: the value is not in one of the trace's
//! own slots (`base - 2 ..`, `n` of them, the recorder's slot window), whose stack copy
//! may be stale while the trace keeps the slot in a register. A closed upvalue points at
//! its own `closed` field and an upvalue open on another thread's stack points into
//! that stack: neither allocation overlaps the running thread's stack, so one unsigned
//! range check covers open and closed alike and never confuses one thread's slots for
//! another's. (The recorder handles upvalues open into the window itself, with `UREFO`
//! and the slot's IR value.)
//!
//! No write barrier on `USET`: the collector never runs while a trace does (see
//! `backend::tab`).

use cranelift_codegen::ir::InstBuilder;
use cranelift_codegen::ir::Value;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::I64;

use super::{Lower, mem};
use crate::trace::ir::*;
use crate::vm::func::{FUNC_UVS_PTR, UPVAL_V};
use crate::vm::value::PAYLOAD_MASK;

/// A field offset as the 32-bit displacement loads take (every one is small).
fn at(off: usize) -> i32 {
    i32::try_from(off).unwrap_or(i32::MAX)
}

impl Lower<'_, '_> {
    /// Where upvalue `k` of boxed closure `f` keeps its value (the upvalue's `v`).
    fn upval_ptr(&mut self, f: Value, k: u32) -> Value {
        let f = self.b.ins().band_imm_u(f, PAYLOAD_MASK as i64);
        let uvs = self.b.ins().load(I64, mem(), f, at(FUNC_UVS_PTR));
        let uv = self.b.ins().load(I64, mem(), uvs, at(k as usize * 8));
        self.b.ins().load(I64, mem(), uv, at(UPVAL_V))
    }

    /// `UGET`/`USET`: the value (for `USET`, after storing `b`), exiting when the
    /// upvalue is open into the trace's slot window.
    pub(super) fn upval_access(&mut self, ir: &IrBuf, x: &IrIns) -> Value {
        let (k, window) = uv_operand(x.k);
        let f = self.opnd(x.a);
        let p = self.upval_ptr(f, k);
        let lo = self.b.ins().iadd_imm_s(self.base, -16);
        let off = self.b.ins().isub(p, lo);
        let outside = self.b.ins().icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, off, i64::from(window) * 8);
        self.guard(outside, x.snap);
        if x.op == IrOp::USET {
            let v = self.boxed(ir, x.b);
            self.b.ins().store(mem(), v, p, 0);
            v
        } else {
            self.b.ins().load(I64, mem(), p, 0)
        }
    }

    /// `UREFO`: exits unless the upvalue is open at its slot of the trace's frames.
    pub(super) fn upval_at_slot(&mut self, x: &IrIns) -> Value {
        let (k, slot) = (x.k as u32, (x.k >> 32) as u32 as i32);
        let f = self.opnd(x.a);
        let p = self.upval_ptr(f, k);
        let want = self.b.ins().iadd_imm_s(self.base, i64::from(slot) * 8);
        let ok = self.b.ins().icmp(IntCC::Equal, p, want);
        self.guard(ok, x.snap);
        ok
    }
}

/// `UGET`/`USET`'s `k`: the upvalue index and the slot window (see the module essay).
fn uv_operand(k: u64) -> (u32, u32) {
    (k as u32, (k >> 32) as u32)
}
