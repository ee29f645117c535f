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
//!
//!   array indices carried round a loop in a slot and stepped by a constant after
//!   their bounds check (`lo, hi = lo + 1, hi - 1`, see `index_steps`):
//!     SLOAD #lo -> int SLOAD,  ADD lo +1 -> int ADD (the bounds check rules out
//!     overflow)
//!
//!   steps of an array index an access checked before (`t[j]; ... t[j + 1]`, an
//!   unrolled inner loop's index, see `checked_steps`), wanted as an array key:
//!     ADD j +1 -> int ADD (no overflow check, for the same reason)
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

/// The largest constant an index step may add (see [`index_steps`]): far below
/// `i32::MAX` minus the largest array part (`vm::table`'s `MAX_ASIZE`, 2^27 + 1).
const MAX_STEP: i32 = 1 << 20;

/// The array indices of a loop that are carried round it in a stack slot and move by
/// a constant step, `while lo < hi do t[lo], t[hi] = t[hi], t[lo]; lo, hi = lo + 1,
/// hi - 1 end` (LuaJIT narrows such index arithmetic too: lj_opt_narrow_index):
///
/// ```text
///   s = SLOAD #n (num)        the key of an ALOAD/ASTORE    -> int SLOAD
///   s' = ADD s +k / SUB s +k  after that access, |k| <= MAX_STEP, the value slot #n
///                             has at the LOOP              -> int ADD / SUB, unchecked
/// ```
///
/// The access's bounds check (`0 <= s < asize`, asize at most 2^27 + 1) has passed
/// before the step, so `s +- k` cannot overflow and needs no guard (whose exit would
/// have to re-execute the stores between). The recorder makes an `ALOAD`/`ASTORE`
/// only for a live key that is an array index, so the slot held an integer when the
/// loop was recorded; the `Int` `SLOAD` checks that it still does on entry. Both ends
/// of the slot become integers, so the `PHI` carrying it keeps one type (a slot whose
/// value at the `LOOP` is anything else is left a double: peeling would refuse a type
/// change). The access must keep its check: no earlier access may be one forwarding
/// could replace it by. Returns the `SLOAD`s and the steps.
fn index_steps(ir: &IrBuf, snaps: &[Snapshot]) -> (Vec<usize>, Vec<usize>) {
    let (mut loads, mut steps) = (Vec::new(), Vec::new());
    let Some(last) = ir.ins.last().filter(|x| x.op == IrOp::LOOP) else { return (loads, steps) };
    let carried = &snaps[last.snap as usize].entries;
    for (i, x) in ir.ins.iter().enumerate() {
        if x.op != IrOp::SLOAD || x.t != IrType::Num {
            continue;
        }
        let s = REF_BIAS + i as IrRef;
        let slot = x.k as i64 as i32;
        let Some(first_use) =
            ir.ins.iter().position(|y| matches!(y.op, IrOp::ALOAD | IrOp::ASTORE) && y.b == s)
        else {
            continue;
        };
        // Forwarding removes a load (and its bounds check) whose slot an earlier access
        // of the same key read or wrote; folding may yet make an earlier key (`lo + 0`)
        // this one. Only a constant or another slot's value is surely another key.
        let other_key =
            |r: IrRef| r == REF_NONE || IrBuf::is_const(r) || (r != s && ir.get(r).op == IrOp::SLOAD);
        let before = &ir.ins[..first_use];
        if before.iter().any(|y| matches!(class(y.op), Class::Load | Class::Store) && !other_key(y.b)) {
            continue;
        }
        let step = match carried.iter().find(|e| e.0 == slot).map(|e| e.1) {
            None => None,
            Some(r) if r == s => None,
            Some(r) if r >= REF_BIAS => {
                let j = (r - REF_BIAS) as usize;
                let y = ir.get(r);
                let small = |k: IrRef| const_int(ir, k).is_some_and(|k| k.unsigned_abs() <= MAX_STEP as u32);
                let stepped =
                    matches!(y.op, IrOp::ADD | IrOp::SUB) && y.t == IrType::Num && y.a == s && small(y.b);
                if !(stepped && j > first_use) {
                    continue;
                }
                Some(j)
            }
            Some(_) => continue,
        };
        loads.push(i);
        steps.extend(step);
    }
    (loads, steps)
}

/// Steps of an array index that an access has bounds-checked on the trace before,
/// `x = t[j]; ... t[j + 1]` as unrolled inner loops make them (a variant of
/// [`index_steps`] for values not carried in a slot): `ADD j +k` / `SUB j +k`, `|k| <=
/// MAX_STEP`, after an `ALOAD`/`ASTORE` keyed by `j`. If `j` is an integer that check
/// makes it one in `0 .. asize`, so the step cannot overflow and needs no guard. As
/// there, the check must stay: the first access keyed by `j` is that one, and no
/// access before it has a key that folding could yet make `j` without a bounds check
/// of its own (a constant, another slot's value or another array access's key cannot).
fn checked_steps(ir: &IrBuf) -> Vec<bool> {
    let n = ir.ins.len();
    let mut ok = vec![false; n];
    let array = |y: &IrIns| matches!(y.op, IrOp::ALOAD | IrOp::ASTORE);
    let sure = |y: &IrIns, j: IrRef| {
        let k = y.b;
        k == REF_NONE || IrBuf::is_const(k) || array(y) && k != j || k != j && ir.get(k).op == IrOp::SLOAD
    };
    for (i, x) in ir.ins.iter().enumerate() {
        let small = const_int(ir, x.b).is_some_and(|k| k.unsigned_abs() <= MAX_STEP as u32);
        if !(matches!(x.op, IrOp::ADD | IrOp::SUB) && x.t == IrType::Num && small) {
            continue;
        }
        let j = x.a;
        if j == REF_NONE || IrBuf::is_const(j) {
            continue;
        }
        let accesses = || ir.ins[..i].iter().filter(|y| matches!(class(y.op), Class::Load | Class::Store));
        let first = accesses().position(|y| y.b == j);
        ok[i] = first.is_some_and(|f| {
            let mut before = accesses().take(f + 1);
            before.all(|y| if y.b == j { array(y) } else { sure(y, j) })
        });
    }
    ok
}

/// Which instructions become integers: `int[i]`.
fn plan(
    ir: &IrBuf,
    snaps: &[Snapshot],
    ind: Option<&Induction>,
    index: &(Vec<usize>, Vec<usize>),
) -> Vec<bool> {
    let n = ir.ins.len();
    let idx = |r: IrRef| (r >= REF_BIAS).then(|| (r - REF_BIAS) as usize);
    let mut fixed = vec![false; n];
    for &i in index.0.iter().chain(&index.1) {
        fixed[i] = true;
    }
    if let Some(ind) = ind {
        fixed[ind.add] = true;
        for (i, x) in ir.ins.iter().enumerate() {
            if x.op == IrOp::SLOAD && x.t == IrType::Num && ind.slots.contains(&(x.k as i64 as i32)) {
                fixed[i] = true;
            }
        }
    }
    let arith = |x: &IrIns| matches!(x.op, IrOp::ADD | IrOp::SUB | IrOp::MUL) && x.t == IrType::Num;
    let steps = checked_steps(ir);
    let snap_ok: Vec<bool> = (0..n)
        .map(|i| arith(&ir.ins[i]) && !fixed[i] && (steps[i] || guard_snap(ir, snaps, i).is_some()))
        .collect();
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
            // An array access takes its key as an integer (`backend::tab`).
            let index = matches!(x.op, IrOp::ALOAD | IrOp::ASTORE) && able(&cand, x.b);
            if index && let Some(j) = idx(x.b) {
                want[j] = true;
            }
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
    let index = index_steps(ir, snaps);
    let int = plan(ir, snaps, ind.as_ref(), &index);
    if !int.contains(&true) {
        return;
    }
    let steps = checked_steps(ir);
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
        } else if index.1.contains(&i) || int[i] && steps[i] {
            y = IrIns { t: IrType::Int, b: int_opnd(&mut rb.out, y.b), ..y };
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
            // An array index is taken as an integer (`backend::tab`), not converted.
            let int_index = matches!(x.op, IrOp::ALOAD | IrOp::ASTORE);
            for (n, r) in [&mut y.a, &mut y.b, &mut y.c].into_iter().enumerate() {
                let v = *r;
                if int_index && n == 1 {
                    continue;
                }
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

#[cfg(test)]
mod tests {
    use super::super::build::B;
    use super::*;

    /// `for i = start, stop, step do s = s + i end` as the recorder writes it: `s` in
    /// slot 0, the loop in slots 1-4; `stop`/`step` constants or loaded.
    fn for_loop(stop: Option<f64>, step: Option<f64>) -> B {
        let down = step.is_some_and(|k| k < 0.0);
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let s = b.sload(0, IrType::Num, s0);
        let v = b.sload(4, IrType::Num, s0);
        let s2 = b.op(IrOp::ADD, IrType::Num, s, v);
        let s1 = b.snap(&[(0, s2)]);
        let idx = b.sload(1, IrType::Num, s1);
        let stop = match stop {
            Some(k) => b.ir.knum(k),
            None => b.sload(2, IrType::Num, s1),
        };
        let step = match step {
            Some(k) => b.ir.knum(k),
            None => {
                let st = b.sload(3, IrType::Num, s1);
                let zero = b.ir.knum(0.0);
                b.guard(IrOp::LE, IrType::Void, zero, st, s1);
                st
            }
        };
        let next = b.op(IrOp::ADD, IrType::Num, idx, step);
        if down {
            b.guard(IrOp::LE, IrType::Void, stop, next, s1);
        } else {
            b.guard(IrOp::LE, IrType::Void, next, stop, s1);
        }
        b.close(&[(0, s2), (1, next), (4, next)]);
        b
    }

    fn forl(idx: f64, stop: f64, step: f64) -> Option<ForLoop> {
        Some(ForLoop { slot: 1, idx, stop, step })
    }

    #[test]
    fn an_integer_for_loop_index_becomes_an_integer() {
        let mut b = for_loop(None, None);
        run(&mut b.ir, &mut b.snaps, forl(1.0, 100.0, 1.0));
        // The visible copy (#4) is read as a double by `s + i`; stop + step is checked
        // once (0009) under the loop test's snapshot.
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002 > int SLOAD   #4  -> 0
0003   num TONUM   0002
0004   num ADD     0001  0003
0005 > int SLOAD   #1  -> 1
0006 > int SLOAD   #2  -> 1
0007 > int SLOAD   #3  -> 1
0008 >     LE      +0  0007  -> 1
0009 > int ADDOV   0006  0007  -> 1
0010   int ADD     0005  0007
0011 >     LE      0010  0006  -> 1
0012       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [ 0:0004 ]
SNAP #2 [ 0:0004 1:0010 4:0010 ]
"
        );
    }

    #[test]
    fn constant_stop_and_step_need_no_overflow_check() {
        let mut b = for_loop(Some(1000.0), Some(-3.0));
        run(&mut b.ir, &mut b.snaps, forl(2000.0, 1000.0, -3.0));
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002 > int SLOAD   #4  -> 0
0003   num TONUM   0002
0004   num ADD     0001  0003
0005 > int SLOAD   #1  -> 1
0006   int ADD     0005  -3
0007 >     LE      +1000  0006  -> 1
0008       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [ 0:0004 ]
SNAP #2 [ 0:0004 1:0006 4:0006 ]
"
        );
    }

    #[test]
    fn loops_that_are_not_integer_loops_are_left_alone() {
        let cases = [
            (1.0, 100.0, 0.5),             // fractional step
            (0.5, 100.0, 1.0),             // fractional start
            (-0.0, 100.0, 1.0),            // -0 start
            (1.0, 1e10, 1.0),              // stop out of range
            (1.0, i32::MAX as f64, 1.0),   // stop + step overflows
            (-5.0, i32::MIN as f64, -1.0), // ... downwards
            (1.0, 2.0, f64::NAN),          // not even a number
        ];
        for (idx, stop, step) in cases {
            let mut b = for_loop(None, None);
            let before = b.listing();
            run(&mut b.ir, &mut b.snaps, forl(idx, stop, step));
            assert_eq!(b.listing(), before, "for i = {idx}, {stop}, {step}");
        }
        // A constant step that is not the live one means this is not that loop.
        let mut b = for_loop(None, Some(2.0));
        let before = b.listing();
        run(&mut b.ir, &mut b.snaps, forl(1.0, 100.0, 1.0));
        assert_eq!(b.listing(), before);
    }

    /// `if i <op> k < lim` in the body of `for i = 1, 1000`; `keep`: the loop's
    /// snapshot holds the result too (slot 5).
    fn demand(op: IrOp, k: f64, lim: f64, keep: bool) -> B {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let i = b.sload(4, IrType::Num, s0);
        let kk = b.ir.knum(k);
        let e = b.op(op, IrType::Num, i, kk);
        let kl = b.ir.knum(lim);
        b.guard(IrOp::LT, IrType::Void, e, kl, s0);
        let s1 = b.snap(&[]);
        let idx = b.sload(1, IrType::Num, s1);
        let one = b.ir.knum(1.0);
        let next = b.op(IrOp::ADD, IrType::Num, idx, one);
        let stop = b.ir.knum(1000.0);
        b.guard(IrOp::LE, IrType::Void, next, stop, s1);
        if keep {
            b.close(&[(1, next), (4, next), (5, e)]);
        } else {
            b.close(&[(1, next), (4, next)]);
        }
        b
    }

    #[test]
    fn arithmetic_an_integer_compare_wants_becomes_integer_arithmetic() {
        let mut b = demand(IrOp::ADD, 5.0, 100.0, false);
        run(&mut b.ir, &mut b.snaps, forl(1.0, 1000.0, 1.0));
        assert_eq!(
            b.listing(),
            "\
0001 > int SLOAD   #4  -> 0
0002 > int ADDOV   0001  +5  -> 0
0003 >     LT      0002  +100  -> 0
0004 > int SLOAD   #1  -> 1
0005   int ADD     0004  +1
0006 >     LE      0005  +1000  -> 1
0007       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [  ]
SNAP #2 [ 1:0005 4:0005 ]
"
        );
    }

    #[test]
    fn products_stay_doubles_where_minus_zero_could_be_seen() {
        // Only compared: an integer product (`i * -1` may be -0, which `< 100` cannot tell).
        let mut b = demand(IrOp::MUL, -1.0, 100.0, false);
        run(&mut b.ir, &mut b.snaps, forl(1.0, 1000.0, 1.0));
        assert!(b.listing().contains("int MULOV   0001  -1"), "{}", b.listing());
        // Also restored by an exit: a double, from the index's double.
        let mut b = demand(IrOp::MUL, -1.0, 100.0, true);
        run(&mut b.ir, &mut b.snaps, forl(1.0, 1000.0, 1.0));
        assert!(b.listing().contains("num MUL     0002  -1"), "{}", b.listing());
        assert!(!b.listing().contains("MULOV"));
        // A sum can be restored from its integer: no -0 among integer sums.
        let mut b = demand(IrOp::SUB, 7.0, 100.0, true);
        run(&mut b.ir, &mut b.snaps, forl(1.0, 1000.0, 1.0));
        assert!(b.listing().contains("int SUBOV   0001  +7"), "{}", b.listing());
        // Fractional and -0 constants, and division, are no integers.
        for (op, k) in [(IrOp::ADD, 0.5), (IrOp::SUB, -0.0), (IrOp::DIV, 1.0), (IrOp::MOD, 3.0)] {
            let mut b = demand(op, k, 100.0, false);
            run(&mut b.ir, &mut b.snaps, forl(1.0, 1000.0, 1.0));
            assert!(b.listing().contains(&format!("num {:<7} 0002", op.name())), "{}", b.listing());
        }
    }

    #[test]
    fn no_overflow_check_resumes_before_an_effect() {
        // `t[i] = i; if i + 1 < 100`: the only snapshot before the sum is the store's,
        // and resuming there would store again.
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let i = b.sload(4, IrType::Num, s0);
        b.guard3(IrOp::TSET, t, i, i, s0);
        let one = b.ir.knum(1.0);
        let e = b.op(IrOp::ADD, IrType::Num, i, one);
        let h = b.ir.knum(100.0);
        b.guard(IrOp::LT, IrType::Void, e, h, s0);
        let s1 = b.snap(&[]);
        let idx = b.sload(1, IrType::Num, s1);
        let next = b.op(IrOp::ADD, IrType::Num, idx, one);
        let stop = b.ir.knum(1000.0);
        b.guard(IrOp::LE, IrType::Void, next, stop, s1);
        b.close(&[(1, next), (4, next)]);
        run(&mut b.ir, &mut b.snaps, forl(1.0, 1000.0, 1.0));
        assert_eq!(
            b.listing(),
            "\
0001 > tab SLOAD   #0  -> 0
0002 > int SLOAD   #4  -> 0
0003   num TONUM   0002
0004 >     TSET    0001  0003  0003  -> 0
0005   num ADD     0003  +1
0006 >     LT      0005  +100  -> 0
0007 > int SLOAD   #1  -> 1
0008   int ADD     0007  +1
0009 >     LE      0008  +1000  -> 1
0010       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [  ]
SNAP #2 [ 1:0008 4:0008 ]
"
        );
    }

    #[test]
    fn level_3_carries_the_index_in_an_integer_phi() {
        let mut b = for_loop(None, None);
        let mut s = crate::lib::jit::JitSettings::default();
        s.set_level(3);
        let p = crate::trace::JitParams::from_settings(&s, 0);
        super::super::optimize(&mut b.ir, &mut b.snaps, &p, forl(1.0, 100.0, 1.0));
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002 > int SLOAD   #4  -> 0
0003   num TONUM   0002
0004   num ADD     0001  0003
0005 > int SLOAD   #1  -> 1
0006 > int SLOAD   #2  -> 1
0007 > int SLOAD   #3  -> 1
0008 >     LE      +0  0007  -> 1
0009 > int ADDOV   0006  0007  -> 1
0010   int ADD     0005  0007
0011 >     LE      0010  0006  -> 1
0012       HEAD
0013   num TONUM   0010
0014   num ADD     0004  0013
0015   int ADD     0010  0007
0016 >     LE      0015  0006  -> 3
0017   num PHI     0004  0014
0018   int PHI     0010  0015
0019       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [ 0:0004 ]
SNAP #2 [ 0:0004 1:0010 4:0010 ]
SNAP #3 [ 0:0014 1:0010 4:0010 ]
"
        );
    }
    /// `while lo < hi do t[lo], t[hi] = t[hi], t[lo]; lo, hi = lo + 1, hi - k end` with
    /// `lo` in slot 1 and `hi` in slot 2; `step_first`: `lo + 1` comes before the
    /// accesses (so no bounds check has passed when it runs).
    fn swap_loop(k: f64, step_first: bool) -> B {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let lo = b.sload(1, IrType::Num, s0);
        let hi = b.sload(2, IrType::Num, s0);
        let one = b.ir.knum(1.0);
        let early = step_first.then(|| b.op(IrOp::ADD, IrType::Num, lo, one));
        let x = b.guard(IrOp::ALOAD, IrType::Any, t, hi, s0);
        let y = b.guard(IrOp::ALOAD, IrType::Any, t, lo, s0);
        b.guard3(IrOp::ASTORE, t, lo, x, s0);
        b.guard3(IrOp::ASTORE, t, hi, y, s0);
        let lo2 = early.unwrap_or_else(|| b.op(IrOp::ADD, IrType::Num, lo, one));
        let kk = b.ir.knum(k);
        let hi2 = b.op(IrOp::SUB, IrType::Num, hi, kk);
        let s1 = b.snap(&[(1, lo2), (2, hi2)]);
        b.guard(IrOp::LT, IrType::Void, lo2, hi2, s1);
        b.close(&[(1, lo2), (2, hi2)]);
        b
    }

    #[test]
    fn stepped_array_indices_become_integers_without_overflow_checks() {
        let mut b = swap_loop(1.0, false);
        run(&mut b.ir, &mut b.snaps, None);
        assert_eq!(
            b.listing(),
            "\
0001 > tab SLOAD   #0  -> 0
0002 > int SLOAD   #1  -> 0
0003 > int SLOAD   #2  -> 0
0004 > any ALOAD   0001  0003  -> 0
0005 > any ALOAD   0001  0002  -> 0
0006 >     ASTORE  0001  0002  0004  -> 0
0007 >     ASTORE  0001  0003  0005  -> 0
0008   int ADD     0002  +1
0009   int SUB     0003  +1
0010 >     LT      0008  0009  -> 1
0011       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [ 1:0008 2:0009 ]
SNAP #2 [ 1:0008 2:0009 ]
"
        );
    }

    #[test]
    fn indices_stepped_before_their_check_or_too_far_stay_doubles() {
        for (k, first) in [(1.0, true), (0.5, false), ((1 << 21) as f64, false)] {
            let mut b = swap_loop(k, first);
            run(&mut b.ir, &mut b.snaps, None);
            let l = b.listing();
            // `hi` (slot 2) is stepped after the accesses; `lo` is an integer only
            // when it is too.
            assert_eq!(l.contains("int SLOAD   #2"), k == 1.0, "{l}");
            assert_eq!(l.contains("int SLOAD   #1"), !first, "{l}");
            assert!(!l.contains("ADDOV") && !l.contains("SUBOV"), "{l}");
        }
    }

    /// `x = t[lo]; y = t[lo + 1]; z = t[lo + 2]; lo = lo + 1`; `tget`: the access of
    /// `lo + 1` is a `TGET` (no bounds check).
    fn unrolled(tget: bool) -> (B, [IrRef; 2]) {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let lo = b.sload(1, IrType::Num, s0);
        let one = b.ir.knum(1.0);
        b.guard(IrOp::ALOAD, IrType::Any, t, lo, s0);
        let lo1 = b.op(IrOp::ADD, IrType::Num, lo, one);
        let second = if tget { IrOp::TGET } else { IrOp::ALOAD };
        b.guard(second, IrType::Any, t, lo1, s0);
        let lo2 = b.op(IrOp::ADD, IrType::Num, lo1, one);
        b.guard(IrOp::ALOAD, IrType::Any, t, lo2, s0);
        let next = b.op(IrOp::ADD, IrType::Num, lo, one);
        b.close(&[(1, next)]);
        (b, [lo1, lo2])
    }

    #[test]
    fn steps_of_checked_indices_become_integers_without_overflow_checks() {
        let at = |r: IrRef| (r - REF_BIAS) as usize;
        let (mut b, [lo1, lo2]) = unrolled(false);
        let steps = checked_steps(&b.ir);
        assert!(steps[at(lo1)] && steps[at(lo2)]);
        run(&mut b.ir, &mut b.snaps, None);
        let l = b.listing();
        assert!(
            l.contains("0004   int ADD     0002  +1") && l.contains("0006   int ADD     0004  +1"),
            "{l}"
        );
        assert!(l.contains("ALOAD   0001  0006") && !l.contains("OV") && !l.contains("TONUM"), "{l}");
        // A key first used by a `TGET` has no bounds check to rely on.
        let (b, [lo1, lo2]) = unrolled(true);
        let steps = checked_steps(&b.ir);
        assert!(steps[at(lo1)] && !steps[at(lo2)]);
    }

    #[test]
    fn an_index_whose_check_forwarding_may_remove_stays_a_double() {
        // `t[lo + 0] = v; x = t[lo]; lo = lo + 1`: once `lo + 0` folds to `lo`, the load
        // forwards from the store and no bounds check of `lo` is left.
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let lo = b.sload(1, IrType::Num, s0);
        let zero = b.ir.knum(0.0);
        let same = b.op(IrOp::ADD, IrType::Num, lo, zero);
        b.guard3(IrOp::TSET, t, same, lo, s0);
        b.guard(IrOp::ALOAD, IrType::Any, t, lo, s0);
        let one = b.ir.knum(1.0);
        let next = b.op(IrOp::ADD, IrType::Num, lo, one);
        b.close(&[(1, next)]);
        run(&mut b.ir, &mut b.snaps, None);
        assert!(!b.listing().contains("int"), "{}", b.listing());
    }
}
