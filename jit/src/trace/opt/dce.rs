//! Dead-code elimination (`-Odce`).
//!
//! Roots are every instruction that is not [`Class::Pure`] (guards, loads that may
//! exit, stores, allocations, the loop's own instructions) and every snapshot entry: a
//! value that only an exit needs, to restore a slot, is as live as one the trace
//! computes with. A `PHI` is a root too, which keeps both its values. What no root
//! reaches, backwards through operands, is removed.

use super::{Class, Rebuild, class};
use crate::trace::ir::*;
use crate::trace::snap::Snapshot;

pub fn run(ir: &mut IrBuf, snaps: &mut [Snapshot]) {
    let n = ir.ins.len();
    let mut live = vec![false; n];
    let mark = |live: &mut Vec<bool>, r: IrRef| {
        if r != REF_NONE && !IrBuf::is_const(r) {
            live[(r - REF_BIAS) as usize] = true;
        }
    };
    for s in snaps.iter() {
        for &(_, r) in &s.entries {
            mark(&mut live, r);
        }
    }
    // Operands come before their users: one backward sweep sees every use first.
    for i in (0..n).rev() {
        let x = &ir.ins[i];
        if class(x.op) != Class::Pure {
            live[i] = true;
        }
        if live[i] {
            for r in [x.a, x.b, x.c] {
                mark(&mut live, r);
            }
        }
    }
    let mut rb = Rebuild::new(ir);
    for (i, x) in ir.ins.iter().enumerate() {
        let x = rb.renamed(x);
        if live[i] {
            rb.keep(x);
        } else {
            rb.replace(REF_NONE);
        }
    }
    *ir = rb.finish(snaps);
}

#[cfg(test)]
mod tests {
    use super::super::build::B;
    use super::*;

    #[test]
    fn values_only_snapshots_need_survive() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let dead = b.op(IrOp::MUL, IrType::Num, x, x);
        let _ = b.op(IrOp::ADD, IrType::Num, dead, x);
        let one = b.ir.knum(1.0);
        let only_snap = b.op(IrOp::SUB, IrType::Num, x, one);
        let used = b.op(IrOp::ADD, IrType::Num, x, one);
        let s1 = b.snap(&[(1, only_snap)]);
        b.guard(IrOp::LT, IrType::Void, used, x, s1);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002   num SUB     0001  +1
0003   num ADD     0001  +1
0004 >     LT      0003  0001  -> 1
SNAP #0 [  ]
SNAP #1 [ 1:0002 ]
"
        );
    }

    #[test]
    fn stores_and_allocations_stay() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.op(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE);
        let k = b.ir.knum(1.0);
        b.guard3(IrOp::TSET, t, k, k, s0);
        let before = b.listing();
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(b.listing(), before);
    }
}
