//! Narrowing (`-Onarrow`): numbers that are provably integers become 32-bit integers
//! (`IrType::Int`), after LuaJIT's lj_opt_narrow.
//!
//! Every Lua number is a double, and the interpreter only knows doubles: an integer on
//! trace must always stand for exactly one double, and become it again wherever a
//! double is needed (an operand of a double instruction: `TONUM`; a stack slot written
//! by an exit or a back edge: the backend converts). So an integer is only ever made
//! from a double that is integral, in range and not `-0` (`0` would come back as `+0`),
//! and only by operations whose integer result is the double result:
//!
//! ```text
//!   numeric for loop  for i = start, stop, step  (root trace closing at its FORL)
//!     when the live start, stop and step are integers and stop + step cannot
//!     overflow (LuaJIT's narrow_forl and rec_for_check):
//!       SLOAD #i, #stop, #step, #visible-i  -> int SLOADs (each exits unless its slot
//!                                              holds such a double)
//!       ADD idx step                        -> int ADD: no overflow, since idx never
//!                                              passes stop and stop + step fits,
//!       ADDOV stop step                     <- which this guard checks once per entry
//!                                              (invariant: peeling hoists it)
//!
//!   demand-driven (lj_opt_narrow_convert's backward propagation): an expression of
//!   ADD / SUB / MUL over integers and integral constants whose value an integer
//!   consumer wants (a comparison with another integer, or a narrowed operation)
//!     ADD a b -> ADDOV a b   SUB -> SUBOV   MUL -> MULOV   (exit on overflow)
//!     a product only where nothing but such consumers sees it: `0 * -1` is the double
//!     -0, which an integer cannot be (a comparison cannot tell -0 from 0);
//!     a constant -0 is no integer; DIV, MOD, POW, NEG always stay doubles.
//!
//!   comparisons of two integers (or an integer and an integral constant) compare
//!   integers: the same answer, NaN being impossible.
//! ```
//!
//! An overflow guard added by this pass exits through the latest snapshot before its
//! instruction, which resumes at an earlier bytecode and re-executes what lies
//! between: that is only sound when nothing between has an effect (a store, a call,
//! an allocation). Where something has, the arithmetic stays a double.
//!
//! Why LuaJIT bothers (and why we do): an integer induction variable feeds table
//! indexes and bit operations without a conversion, and integer compares and adds are
//! cheaper and shorter than their double forms on both targets.
//!
//! The pass runs first, on the recorded trace, so that folding, CSE and peeling see
//! integers (a `PHI` of an integer carries it round the loop in an integer register).

use std::collections::HashMap;

use super::{Class, Rebuild, class};
use crate::trace::ir::*;
use crate::trace::snap::Snapshot;

/// The numeric `for` loop a root trace closes, as the interpreter holds it when the
/// recording ends (at the `FORL`, before it runs).
#[derive(Clone, Copy, Debug)]
pub struct ForLoop {
    /// The loop's first slot (the hidden index; stop, step and the visible copy follow).
    pub slot: i32,
    pub idx: f64,
    pub stop: f64,
    pub step: f64,
}

/// The integer a double stands for, if it is one (integral, in range, not `-0`).
pub fn int_of(n: f64) -> Option<i32> {
    let i = n as i32;
    (i as f64 == n && (n != 0.0 || n.is_sign_positive())).then_some(i)
}

/// The induction variable of a trace, as found in its IR.
struct Induction {
    /// The slots whose loads become integer loads.
    slots: [i32; 4],
    /// The instruction computing the next index.
    add: usize,
    stop: IrRef,
    /// The loop test's snapshot (before the `FORL`), for the overflow check.
    snap: u32,
}

fn find_induction(ir: &IrBuf, snaps: &[Snapshot], f: ForLoop) -> Option<Induction> {
    let last = ir.ins.last()?;
    if last.op != IrOp::LOOP {
        return None;
    }
    let (_, stop, step) = (int_of(f.idx)?, int_of(f.stop)?, int_of(f.step)?);
    stop.checked_add(step)?;
    let entry = |slot: i32| snaps[last.snap as usize].entries.iter().find(|e| e.0 == slot).map(|e| e.1);
    let next = entry(f.slot)?;
    if next < REF_BIAS || entry(f.slot + 3) != Some(next) {
        return None;
    }
    let add = (next - REF_BIAS) as usize;
    let x = ir.get(next);
    let is_sload = |r: IrRef, slot: i32| {
        r >= REF_BIAS && {
            let y = ir.get(r);
            y.op == IrOp::SLOAD && y.t == IrType::Num && y.k as i64 as i32 == slot
        }
    };
    // Stop and step are loaded from their slots, or constants equal to the live ones.
    let is_arg = |r: IrRef, slot: i32, v: f64| {
        is_sload(r, slot) || ir.const_value(r).map(|k| k.as_number()) == Some(v)
    };
    if x.op != IrOp::ADD || x.t != IrType::Num || !is_sload(x.a, f.slot) || !is_arg(x.b, f.slot + 2, f.step) {
        return None;
    }
    let test = ir.ins[add + 1..].iter().find(|y| {
        y.op == IrOp::LE
            && ((y.a == next && is_arg(y.b, f.slot + 1, f.stop))
                || (y.b == next && is_arg(y.a, f.slot + 1, f.stop)))
    })?;
    let stop_ref = if test.a == next { test.b } else { test.a };
    Some(Induction {
        slots: [f.slot, f.slot + 1, f.slot + 2, f.slot + 3],
        add,
        stop: stop_ref,
        snap: test.snap,
    })
}

/// The integer of constant `r`, if it is a number constant that is one.
fn const_int(ir: &IrBuf, r: IrRef) -> Option<i32> {
    if r == REF_NONE || !IrBuf::is_const(r) {
        return None;
    }
    ir.const_int(r)
        .or_else(|| ir.const_value(r).filter(|v| v.is_number()).and_then(|v| int_of(v.as_number())))
}

fn is_cmp(op: IrOp) -> bool {
    matches!(op, IrOp::LT | IrOp::GE | IrOp::LE | IrOp::GT | IrOp::EQ | IrOp::NE)
}

/// The snapshot a guard at instruction `i` may exit through: the latest one taken
/// before it, if nothing with an effect lies between (see the module essay).
fn guard_snap(ir: &IrBuf, snaps: &[Snapshot], i: usize) -> Option<u32> {
    let r = REF_BIAS + i as IrRef;
    let (n, s) =
        snaps.iter().enumerate().filter(|(_, s)| s.ref_at <= r).max_by_key(|&(n, s)| (s.ref_at, n))?;
    let from = (s.ref_at - REF_BIAS) as usize;
    let pure =
        ir.ins[from..i].iter().all(|y| matches!(class(y.op), Class::Pure | Class::Check | Class::Load));
    (pure && !s.loopchk).then_some(n as u32)
}

/// Which instructions become integers: `int[i]`.
fn plan(ir: &IrBuf, snaps: &[Snapshot], ind: Option<&Induction>) -> Vec<bool> {
    let n = ir.ins.len();
    let idx = |r: IrRef| (r >= REF_BIAS).then(|| (r - REF_BIAS) as usize);
    let mut fixed = vec![false; n];
    if let Some(ind) = ind {
        fixed[ind.add] = true;
        for (i, x) in ir.ins.iter().enumerate() {
            if x.op == IrOp::SLOAD && x.t == IrType::Num && ind.slots.contains(&(x.k as i64 as i32)) {
                fixed[i] = true;
            }
        }
    }
    let arith = |x: &IrIns| matches!(x.op, IrOp::ADD | IrOp::SUB | IrOp::MUL) && x.t == IrType::Num;
    let snap_ok: Vec<bool> =
        (0..n).map(|i| arith(&ir.ins[i]) && !fixed[i] && guard_snap(ir, snaps, i).is_some()).collect();
    // Values exits need (as doubles).
    let mut in_snap = vec![false; n];
    for s in snaps {
        for e in &s.entries {
            if let Some(j) = idx(e.1) {
                in_snap[j] = true;
            }
        }
    }
    let mut excluded = vec![false; n];
    loop {
        // Forward: what could be an integer.
        let mut cand = fixed.clone();
        for (i, x) in ir.ins.iter().enumerate() {
            if snap_ok[i] && !excluded[i] {
                let var = |r: IrRef| idx(r).is_some_and(|j| cand[j]);
                let leaf = |r: IrRef| var(r) || const_int(ir, r).is_some();
                let v = leaf(x.a) && leaf(x.b) && (var(x.a) || var(x.b));
                cand[i] = v;
            }
        }
        let able = |cand: &[bool], r: IrRef| idx(r).is_some_and(|j| cand[j]) || const_int(ir, r).is_some();
        // Backward: what an integer consumer wants.
        let mut want = fixed.clone();
        for i in (0..n).rev() {
            let x = &ir.ins[i];
            let consumer = (is_cmp(x.op) && able(&cand, x.a) && able(&cand, x.b)) || (cand[i] && want[i]);
            if consumer {
                for r in [x.a, x.b] {
                    if let Some(j) = idx(r).filter(|&j| cand[j]) {
                        want[j] = true;
                    }
                }
            }
        }
        let int: Vec<bool> = (0..n).map(|i| cand[i] && want[i]).collect();
        // A product any other consumer sees stays a double (it may be -0).
        let mut seen_as_double = in_snap.clone();
        for (u, x) in ir.ins.iter().enumerate() {
            let int_user = int[u] || (is_cmp(x.op) && able(&int, x.a) && able(&int, x.b));
            if !int_user {
                for r in [x.a, x.b, x.c] {
                    if let Some(j) = idx(r) {
                        seen_as_double[j] = true;
                    }
                }
            }
        }
        let mut changed = false;
        for (i, x) in ir.ins.iter().enumerate() {
            if int[i] && x.op == IrOp::MUL && !fixed[i] && seen_as_double[i] && !excluded[i] {
                excluded[i] = true;
                changed = true;
            }
        }
        if !changed {
            return int;
        }
    }
}

pub fn run(ir: &mut IrBuf, snaps: &mut [Snapshot], forl: Option<ForLoop>) {
    let ind = forl.and_then(|f| find_induction(ir, snaps, f));
    let int = plan(ir, snaps, ind.as_ref());
    if !int.contains(&true) {
        return;
    }
    let mut rb = Rebuild::new(ir);
    // The double of each integer, made once where first needed.
    let mut num: HashMap<IrRef, IrRef> = HashMap::new();
    let is_int = |out: &IrBuf, r: IrRef| r != REF_NONE && out.get(r).t == IrType::Int;
    for (i, x) in ir.ins.iter().enumerate() {
        let mut y = rb.renamed(x);
        // An operand as an integer (an integer ref, or a constant made one).
        let int_opnd = |out: &mut IrBuf, r: IrRef| match const_int(out, r) {
            Some(k) if IrBuf::is_const(r) => out.kint(k),
            _ => r,
        };
        if int[i] && x.op == IrOp::SLOAD {
            y.t = IrType::Int;
        } else if let Some(d) = ind.as_ref().filter(|d| d.add == i && int[i]) {
            let stop = rb.rename(d.stop);
            let (stop, step) = (int_opnd(&mut rb.out, stop), int_opnd(&mut rb.out, y.b));
            if !(IrBuf::is_const(stop) && IrBuf::is_const(step)) {
                rb.out.emit(IrOp::ADDOV, IrType::Int, stop, step, REF_NONE, 0, d.snap);
            }
            y = IrIns { t: IrType::Int, b: step, ..y };
        } else if int[i] {
            let snap = guard_snap(ir, snaps, i).unwrap_or(0);
            let op = match x.op {
                IrOp::ADD => IrOp::ADDOV,
                IrOp::SUB => IrOp::SUBOV,
                _ => IrOp::MULOV,
            };
            let (a, b) = (int_opnd(&mut rb.out, y.a), int_opnd(&mut rb.out, y.b));
            y = IrIns { op, t: IrType::Int, a, b, snap, ..y };
        } else if is_cmp(x.op)
            && (is_int(&rb.out, y.a) || is_int(&rb.out, y.b))
            && (is_int(&rb.out, y.a) || const_int(&rb.out, y.a).is_some())
            && (is_int(&rb.out, y.b) || const_int(&rb.out, y.b).is_some())
        {
            y.a = int_opnd(&mut rb.out, y.a);
            y.b = int_opnd(&mut rb.out, y.b);
        } else {
            for r in [&mut y.a, &mut y.b, &mut y.c] {
                let v = *r;
                if v != REF_NONE && !IrBuf::is_const(v) && rb.out.get(v).t == IrType::Int {
                    let out = &mut rb.out;
                    *r = *num
                        .entry(v)
                        .or_insert_with(|| out.emit(IrOp::TONUM, IrType::Num, v, REF_NONE, REF_NONE, 0, 0));
                }
            }
        }
        rb.keep(y);
    }
    *ir = rb.finish(snaps);
}
