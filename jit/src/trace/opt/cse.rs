//! Common-subexpression elimination (`-Ocse`).
//!
//! A pure instruction equal to an earlier one (opcode, type, operands, literal) is that
//! earlier value. A check (a comparison or type guard) equal to an earlier one cannot
//! fail where the earlier one passed, since a trace is one straight line: it is dropped,
//! and a type check's value is the earlier one's. Loads and stores are forwarding's
//! business (`fwd`), allocations and everything else are left alone.
//!
//! Matching stops at `HEAD`: after it, a pre-roll ref with a `PHI` means a different
//! value than before it (see `opt`), so the loop is matched only against itself.

use std::collections::HashMap;

use super::{Class, Rebuild, class};
use crate::trace::ir::*;
use crate::trace::snap::Snapshot;

pub fn run(ir: &mut IrBuf, snaps: &mut [Snapshot]) {
    let mut rb = Rebuild::new(ir);
    // Keyed on everything but the snapshot: a guard exits through its own, but an equal
    // earlier guard already decided it.
    let mut seen: HashMap<(u8, u8, IrRef, IrRef, IrRef, u64), IrRef> = HashMap::new();
    for x in &ir.ins {
        let x = rb.renamed(x);
        if x.op == IrOp::HEAD {
            seen.clear();
        }
        // SLOADs are checks, but two of one slot never occur in one region.
        if !matches!(class(x.op), Class::Pure | Class::Check) || x.op == IrOp::SLOAD {
            rb.keep(x);
            continue;
        }
        let key = (x.op as u8, x.t as u8, x.a, x.b, x.c, x.k);
        match seen.get(&key) {
            Some(&r) => rb.replace(r),
            None => {
                let r = rb.keep(x);
                seen.insert(key, if x.t == IrType::Void { REF_NONE } else { r });
            }
        }
    }
    *ir = rb.finish(snaps);
}

#[cfg(test)]
mod tests {
    use super::super::build::B;
    use super::*;

    #[test]
    fn equal_values_and_decided_guards_merge() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let y = b.sload(1, IrType::Num, s0);
        let a1 = b.op(IrOp::MUL, IrType::Num, x, y);
        let a2 = b.op(IrOp::MUL, IrType::Num, x, y);
        let a3 = b.op(IrOp::MUL, IrType::Num, y, x);
        let s1 = b.snap(&[(2, a1)]);
        b.guard(IrOp::LT, IrType::Void, a1, a2, s1);
        let s2 = b.snap(&[(2, a2), (3, a3)]);
        b.guard(IrOp::LT, IrType::Void, a2, a1, s2);
        b.guard(IrOp::LT, IrType::Void, a1, a1, s2);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002 > num SLOAD   #1  -> 0
0003   num MUL     0001  0002
0004   num MUL     0002  0001
0005 >     LT      0003  0003  -> 1
SNAP #0 [  ]
SNAP #1 [ 2:0003 ]
SNAP #2 [ 2:0003 3:0004 ]
"
        );
    }

    #[test]
    fn loads_and_allocations_are_not_merged() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let k = b.ir.knum(1.0);
        let g1 = b.guard(IrOp::TGET, IrType::Any, t, k, s0);
        let g2 = b.guard(IrOp::TGET, IrType::Any, t, k, s0);
        let n1 = b.op(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE);
        let n2 = b.op(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE);
        b.snap(&[(1, g1), (2, g2), (3, n1), (4, n2)]);
        let before = b.listing();
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(b.listing(), before);
    }
}
