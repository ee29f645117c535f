//! Loop peeling with invariant hoisting (`-Oloop`), after LuaJIT's lj_opt_loop.
//!
//! A recorded root trace is one iteration of its loop, reading the stack at its start
//! (`SLOAD`) and writing every modified slot back at its end. Peeling keeps that
//! iteration as a pre-roll, run once, and appends a second copy, the loop proper:
//!
//! ```text
//!   pre-roll:  0001 SLOAD #0 (s)   0002 SLOAD #1 (i)  ...  0004 ADD 0001 0002 ...
//!   HEAD
//!   loop:      each body instruction again, operands substituted:
//!                SLOAD #n  -> the value slot n had at the end of the last iteration
//!                             (the loop snapshot's entry), or the pre-roll's own
//!                             SLOAD if nothing writes the slot (invariant);
//!                an instruction whose operands all stayed the same is the pre-roll's
//!                  (hoisted): pure values and checks always, loads when no store in
//!                  the body may write what they read;
//!                a pure value the pre-roll computes from the same refs is that
//!                  pre-roll ref, lagged (see below);
//!                a read of a cdata box the pre-roll made (carried round the loop)
//!                  is that box's word, lagged too (`fold::unbox`);
//!                anything else is emitted anew.
//!   PHI r, r'  for each slot carried round the loop: pre-roll value r on entry,
//!              the loop's r' after each iteration
//!   LOOP       jumps to HEAD: no slot is written back, values stay in registers.
//! ```
//!
//! The stack is then stale inside the loop, so every exit from it must restore every
//! slot written so far: a guard copied into the loop gets a copy of its snapshot whose
//! entries are the loop snapshot's (values at the start of the iteration: the `PHI`s)
//! overridden by its own (substituted).
//!
//! After `HEAD`, a pre-roll ref with a `PHI` means the current iteration's value. That
//! is consistent because the loop only ever names such a ref through a substituted
//! `SLOAD` (an instruction naming it directly is variant and names its copy instead).
//!
//! The same reading gives the loop values for free: a loop instruction `f(p, q)` whose
//! operands are pre-roll refs (with `PHI`s, or invariant) computes in iteration k what
//! the loop's copy of the pre-roll's `X = f(p, q)` computed in iteration k-1 (and `X`
//! itself before the first): it is `X` with `PHI X, copy-of-X`. So `zr * zr` at the
//! top of an iteration is the `zr * zr` of the previous iteration's loop test.
//!
//! A loop whose slot changes type across the back edge (the pre-roll's `SLOAD` guard
//! would fail on the second iteration) is left unpeeled: it writes back and re-reads
//! the stack each iteration, as without this pass.

use std::collections::HashMap;

use super::fwd::{clobbers, loaded};
use super::{Class, class};
use crate::trace::ir::*;
use crate::trace::snap::Snapshot;

/// Peels a root trace's loop; false (and nothing changed) if it cannot.
/// `hoist_loads`: whether invariant loads may be hoisted (`-Ofwd`).
pub fn run(ir: &mut IrBuf, snaps: &mut Vec<Snapshot>, hoist_loads: bool) -> bool {
    let Some(&last) = ir.ins.last() else { return false };
    if last.op != IrOp::LOOP || super::head(ir).is_some() {
        return false;
    }
    let n = ir.ins.len() - 1;
    let carried_out = snaps[last.snap as usize].entries.clone();
    let carried = |slot: i32| carried_out.iter().find(|e| e.0 == slot).map(|e| e.1);
    let mut out = IrBuf { kins: ir.kins.clone(), ins: ir.ins[..n].to_vec() };
    // subst[i]: what body instruction i is in the loop.
    let mut subst: Vec<IrRef> = (0..n as IrRef).map(|i| REF_BIAS + i).collect();
    let sub = |subst: &[IrRef], r: IrRef| {
        if r == REF_NONE || IrBuf::is_const(r) { r } else { subst[(r - REF_BIAS) as usize] }
    };
    let body = &ir.ins[..n];
    // Pure pre-roll values by what they compute, for the loop to reuse (see `lagged`).
    let mut pre: HashMap<(u8, u8, IrRef, IrRef, IrRef, u64), IrRef> = HashMap::new();
    for (i, x) in body.iter().enumerate() {
        if class(x.op) == Class::Pure {
            pre.entry((x.op as u8, x.t as u8, x.a, x.b, x.c, x.k)).or_insert(REF_BIAS + i as IrRef);
        }
    }
    let mut lagged: Vec<IrRef> = Vec::new();
    let mut new_snaps: Vec<Snapshot> = Vec::new();
    let mut snap_copy: Vec<Option<u32>> = vec![None; snaps.len()];
    let head_ref = out.emit(IrOp::HEAD, IrType::Void, REF_NONE, REF_NONE, REF_NONE, 0, 0);
    for (i, x) in body.iter().enumerate() {
        if x.op == IrOp::SLOAD {
            if let Some(r) = carried(x.k as i64 as i32) {
                if out.get(r).t != x.t {
                    return false;
                }
                subst[i] = r;
            }
            continue;
        }
        let (a, b, c) = (sub(&subst, x.a), sub(&subst, x.b), sub(&subst, x.c));
        // Substitution makes a read of the box the last iteration made (a pre-roll
        // `CDBOX` that has a `PHI`), which is known: its word, whose `PHI` then
        // carries it (`fold::unbox`; sinking may then leave both boxes out).
        if let Some(r) = super::fold::unbox(&out, x.op, a, x.k) {
            subst[i] = r;
            if r >= REF_BIAS && r < head_ref {
                lagged.push(r);
            }
            continue;
        }
        let invariant = (a, b, c) == (x.a, x.b, x.c);
        let hoist = invariant
            && match class(x.op) {
                Class::Pure | Class::Check => true,
                Class::Load => {
                    hoist_loads
                        && loaded(x)
                            .is_some_and(|(mem, t, k)| !body.iter().any(|w| clobbers(ir, w, mem, t, k)))
                }
                _ => false,
            };
        if hoist {
            continue;
        }
        // (Not a box's payload address: it is only ever read through, which `unbox`
        // answers; reusing the pre-roll's would carry it round the loop for nothing.)
        let box_addr = x.op == IrOp::CDPTR && a >= REF_BIAS && out.get(a).op == IrOp::CDBOX;
        if class(x.op) == Class::Pure
            && !box_addr
            && let Some(&r) = pre.get(&(x.op as u8, x.t as u8, a, b, c, x.k))
        {
            subst[i] = r;
            lagged.push(r);
            continue;
        }
        let mut snap = x.snap;
        if x.op.is_guard() {
            let s = x.snap as usize;
            snap = match snap_copy[s] {
                Some(c) => c,
                None => {
                    let mut copy = snaps[s].clone();
                    let mut entries = carried_out.clone();
                    for &(slot, r) in &snaps[s].entries {
                        let r = sub(&subst, r);
                        match entries.iter_mut().find(|e| e.0 == slot) {
                            Some(e) => e.1 = r,
                            None => entries.push((slot, r)),
                        }
                    }
                    entries.sort_by_key(|e| e.0);
                    copy.entries = entries;
                    copy.ref_at = out.next_ref();
                    copy.count = 0;
                    let no = (snaps.len() + new_snaps.len()) as u32;
                    new_snaps.push(copy);
                    snap_copy[s] = Some(no);
                    no
                }
            };
        }
        subst[i] = out.emit(x.op, x.t, a, b, c, x.k, snap);
    }
    let mut phis: Vec<IrRef> = Vec::new();
    for r in carried_out.iter().map(|e| e.1).chain(lagged) {
        // A value of a primitive type (nil, false, true) is the same in every
        // iteration: the pre-roll's ref serves, with no register carried round.
        if !IrBuf::is_const(r)
            && sub(&subst, r) != r
            && !phis.contains(&r)
            && out.get(r).t.prim_bits().is_none()
        {
            phis.push(r);
        }
    }
    for r in phis {
        let t = out.get(r).t;
        out.emit(IrOp::PHI, t, r, sub(&subst, r), REF_NONE, 0, 0);
    }
    out.emit(IrOp::LOOP, IrType::Void, REF_NONE, REF_NONE, REF_NONE, 0, last.snap);
    snaps.extend(new_snaps);
    *ir = out;
    true
}

#[cfg(test)]
mod tests {
    use super::super::build::B;
    use super::*;

    #[test]
    fn invariant_guards_and_loads_stay_in_the_pre_roll() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let i = b.sload(1, IrType::Num, s0);
        let k = b.ir.kval(crate::vm::value::TValue::TRUE);
        let g = b.guard(IrOp::TGET, IrType::Any, t, k, s0);
        let v = b.guard(IrOp::TYPE, IrType::Num, g, REF_NONE, s0);
        let i2 = b.op(IrOp::ADD, IrType::Num, i, v);
        let s1 = b.snap(&[(1, i2)]);
        b.guard3(IrOp::TSET, t, i2, v, s1);
        let lim = b.ir.knum(100.0);
        b.guard(IrOp::LE, IrType::Void, i2, lim, s1);
        b.close(&[(1, i2)]);
        assert!(run(&mut b.ir, &mut b.snaps, true));
        // t[i2] may be t[true]? No: but i2 is not a constant, so the load must stay.
        assert_eq!(
            b.listing(),
            "\
0001 > tab SLOAD   #0  -> 0
0002 > num SLOAD   #1  -> 0
0003 > any TGET    0001  true  -> 0
0004 > num TYPE    0003  -> 0
0005   num ADD     0002  0004
0006 >     TSET    0001  0005  0004  -> 1
0007 >     LE      0005  +100  -> 1
0008       HEAD
0009 > any TGET    0001  true  -> 3
0010 > num TYPE    0009  -> 3
0011   num ADD     0005  0010
0012 >     TSET    0001  0011  0010  -> 4
0013 >     LE      0011  +100  -> 4
0014   num PHI     0005  0011
0015       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [ 1:0005 ]
SNAP #2 [ 1:0005 ]
SNAP #3 [ 1:0005 ]
SNAP #4 [ 1:0011 ]
"
        );
    }

    #[test]
    fn loads_no_store_may_touch_are_hoisted() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let i = b.sload(1, IrType::Num, s0);
        let (k1, k2) = (b.ir.knum(1.0), b.ir.knum(2.0));
        let g = b.guard(IrOp::TGET, IrType::Any, t, k1, s0);
        let v = b.guard(IrOp::TYPE, IrType::Num, g, REF_NONE, s0);
        let i2 = b.op(IrOp::ADD, IrType::Num, i, v);
        let s1 = b.snap(&[(1, i2)]);
        b.guard3(IrOp::TSET, t, k2, i2, s1);
        b.close(&[(1, i2)]);
        assert!(run(&mut b.ir, &mut b.snaps, true));
        assert_eq!(
            b.listing(),
            "\
0001 > tab SLOAD   #0  -> 0
0002 > num SLOAD   #1  -> 0
0003 > any TGET    0001  +1  -> 0
0004 > num TYPE    0003  -> 0
0005   num ADD     0002  0004
0006 >     TSET    0001  +2  0005  -> 1
0007       HEAD
0008   num ADD     0005  0004
0009 >     TSET    0001  +2  0008  -> 3
0010   num PHI     0005  0008
0011       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [ 1:0005 ]
SNAP #2 [ 1:0005 ]
SNAP #3 [ 1:0008 ]
"
        );
    }

    #[test]
    fn swapped_slots_get_crossed_phis() {
        // `a, b = b, a` and a value (`c = a * 2`) only exits read.
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let y = b.sload(1, IrType::Num, s0);
        let two = b.ir.knum(2.0);
        let c = b.op(IrOp::MUL, IrType::Num, y, two);
        let s1 = b.snap(&[(0, y), (1, x), (2, c)]);
        b.guard(IrOp::LT, IrType::Void, x, y, s1);
        b.close(&[(0, y), (1, x), (2, c)]);
        assert!(run(&mut b.ir, &mut b.snaps, true));
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002 > num SLOAD   #1  -> 0
0003   num MUL     0002  +2
0004 >     LT      0001  0002  -> 1
0005       HEAD
0006   num MUL     0001  +2
0007 >     LT      0002  0001  -> 3
0008   num PHI     0002  0001
0009   num PHI     0001  0002
0010   num PHI     0003  0006
0011       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [ 0:0002 1:0001 2:0003 ]
SNAP #2 [ 0:0002 1:0001 2:0003 ]
SNAP #3 [ 0:0001 1:0002 2:0006 ]
"
        );
    }

    #[test]
    fn values_the_pre_roll_computed_are_reused_an_iteration_late() {
        // z = z * z + c while z * z <= 4: the loop's first `z * z` is the last one of
        // the iteration before.
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let z = b.sload(0, IrType::Num, s0);
        let c = b.sload(1, IrType::Num, s0);
        let sq = b.op(IrOp::MUL, IrType::Num, z, z);
        let z1 = b.op(IrOp::ADD, IrType::Num, sq, c);
        let sq1 = b.op(IrOp::MUL, IrType::Num, z1, z1);
        let s1 = b.snap(&[(0, z1)]);
        let four = b.ir.knum(4.0);
        b.guard(IrOp::LE, IrType::Void, sq1, four, s1);
        b.close(&[(0, z1)]);
        assert!(run(&mut b.ir, &mut b.snaps, true));
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002 > num SLOAD   #1  -> 0
0003   num MUL     0001  0001
0004   num ADD     0003  0002
0005   num MUL     0004  0004
0006 >     LE      0005  +4  -> 1
0007       HEAD
0008   num ADD     0005  0002
0009   num MUL     0008  0008
0010 >     LE      0009  +4  -> 3
0011   num PHI     0004  0008
0012   num PHI     0005  0009
0013       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [ 0:0004 ]
SNAP #2 [ 0:0004 ]
SNAP #3 [ 0:0008 ]
"
        );
    }

    #[test]
    fn a_slot_changing_type_is_not_peeled() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let k = b.ir.kval(crate::vm::value::TValue::TRUE);
        let s1 = b.snap(&[(0, k)]);
        b.guard(IrOp::LT, IrType::Void, x, x, s1);
        b.close(&[(0, k)]);
        let before = b.listing();
        assert!(!run(&mut b.ir, &mut b.snaps, true));
        assert_eq!(b.listing(), before);
    }
}
