//! Constant folding and algebraic simplification (`-Ofold`).
//!
//! Arithmetic on constants becomes a constant, computed by the interpreter's own
//! routine (`arith_num`), so the result is bit-for-bit the interpreter's. Identities
//! are only those that hold for every double, `-0`, infinities and NaN included:
//!
//! ```text
//!   x - 0 = x     x + -0 = x     x * 1 = x     x / 1 = x     -(-x) = x
//!   (not x + 0 = x: -0 + 0 is +0; not x * 0 = 0: NaN, -0, inf)
//! ```
//!
//! A guard whose operands are constants and which holds is dropped (it can never
//! exit); one that fails is kept (the trace always leaves there, as it must). A type
//! check of a value whose type is already that type (after forwarding) is the value.
//! Integers (`trace::opt::narrow`) fold with integer arithmetic, and only when the
//! result fits: an overflowing `ADDOV` of constants is kept, since it must exit.
//!
//! A cdata box made on trace (`CDBOX w`, ctype `k`) is read back only through its
//! payload, which nothing ever writes after the box is made (a Lua program cannot get
//! the address of a scalar box's payload), so its reads are known ([`unbox`]):
//!
//! ```text
//!   CDTYPE (CDBOX w #k) #k           holds: dropped
//!   XLOAD (CDPTR (CDBOX w)) 8 bytes  = w (the whole payload, read as a word)
//! ```
//!
//! The box is then left with no uses but exits, and allocation sinking
//! (`trace::opt::sink`) can leave it out.

use super::Rebuild;
use crate::trace::ir::*;
use crate::trace::snap::Snapshot;
use crate::vm::arith::{ArithOp, arith_num};

pub fn run(ir: &mut IrBuf, snaps: &mut [Snapshot]) {
    let mut rb = Rebuild::new(ir);
    for x in &ir.ins {
        let x = rb.renamed(x);
        match fold(&mut rb.out, &x) {
            Some(r) => rb.replace(r),
            None => {
                rb.keep(x);
            }
        }
    }
    *ir = rb.finish(snaps);
}

/// What reading cdata box `a` (`CDTYPE` with ctype `k`, or `XLOAD` described by `k`
/// of its payload address `a`) is, when `a` is a box made on trace (see the module
/// essay): `Some(REF_NONE)` for a type check that holds, `Some(w)` for a load of the
/// whole payload word `w`.
pub fn unbox(ir: &IrBuf, op: IrOp, a: IrRef, k: u64) -> Option<IrRef> {
    use crate::trace::helpers_ffi::{mem_float, mem_size};
    let made = |r: IrRef| (r >= REF_BIAS && ir.get(r).op == IrOp::CDBOX).then(|| *ir.get(r));
    match op {
        IrOp::CDTYPE => made(a).filter(|b| b.k == k).map(|_| REF_NONE),
        IrOp::XLOAD if mem_size(k) == 8 && !mem_float(k) && a >= REF_BIAS && ir.get(a).op == IrOp::CDPTR => {
            made(ir.get(a).a).map(|b| b.a)
        }
        _ => None,
    }
}

/// What `x` (operands already renamed into `ir`) folds to, if anything.
fn fold(ir: &mut IrBuf, x: &IrIns) -> Option<IrRef> {
    if let Some(r) = unbox(ir, x.op, x.a, x.k) {
        return Some(r);
    }
    if x.t == IrType::Int || x.op == IrOp::TONUM || (x.a != REF_NONE && ir.get(x.a).t == IrType::Int) {
        return fold_int(ir, x);
    }
    let num = |ir: &IrBuf, r: IrRef| konst(ir, r).filter(|v| v.is_number()).map(|v| v.as_number());
    let (ka, kb) = (num(ir, x.a), num(ir, x.b));
    let arith = match x.op {
        IrOp::ADD => Some(ArithOp::Add),
        IrOp::SUB => Some(ArithOp::Sub),
        IrOp::MUL => Some(ArithOp::Mul),
        IrOp::DIV => Some(ArithOp::Div),
        IrOp::MOD => Some(ArithOp::Mod),
        IrOp::POW => Some(ArithOp::Pow),
        IrOp::NEG => Some(ArithOp::Unm),
        _ => None,
    };
    if let Some(op) = arith {
        if let Some(a) = ka
            && (op == ArithOp::Unm || kb.is_some())
        {
            return Some(ir.knum(arith_num(op, a, kb.unwrap_or(a))));
        }
        let kb_bits = kb.map(f64::to_bits);
        return match (x.op, kb_bits) {
            (IrOp::SUB, Some(b)) if b == 0f64.to_bits() => Some(x.a),
            (IrOp::ADD, Some(b)) if b == (-0f64).to_bits() => Some(x.a),
            (IrOp::MUL | IrOp::DIV, Some(b)) if b == 1f64.to_bits() => Some(x.a),
            (IrOp::NEG, _) if !IrBuf::is_const(x.a) && ir.get(x.a).op == IrOp::NEG => Some(ir.get(x.a).a),
            _ => None,
        };
    }
    match x.op {
        IrOp::ABS | IrOp::SQRT | IrOp::FLOOR | IrOp::CEIL => {
            let a = ka?;
            Some(ir.knum(match x.op {
                IrOp::ABS => a.abs(),
                IrOp::SQRT => a.sqrt(),
                IrOp::FLOOR => a.floor(),
                _ => a.ceil(),
            }))
        }
        // ISGE/ISGT are `not (a < b)` / `not (a <= b)`: with NaN that is not `>=` / `>`.
        #[allow(clippy::neg_cmp_op_on_partial_ord)]
        IrOp::LT | IrOp::GE | IrOp::LE | IrOp::GT | IrOp::EQ | IrOp::NE => {
            let (a, b) = (ka?, kb?);
            let holds = match x.op {
                IrOp::LT => a < b,
                IrOp::GE => !(a < b),
                IrOp::LE => a <= b,
                IrOp::GT => !(a <= b),
                IrOp::EQ => a == b,
                _ => a != b,
            };
            holds.then_some(REF_NONE)
        }
        IrOp::EQV | IrOp::NEV => {
            let same = if x.a == x.b {
                true
            } else if !super::fwd::tables_may_alias(ir, x.a, x.b) {
                // A table made on trace is no table that existed before it.
                false
            } else {
                konst(ir, x.a)? == konst(ir, x.b)?
            };
            (same == (x.op == IrOp::EQV)).then_some(REF_NONE)
        }
        IrOp::TYPE if ir.get(x.a).t == x.t => Some(x.a),
        _ => None,
    }
}

/// Integer instructions (`trace::opt::narrow`): constants fold when the result is an
/// integer (an overflowing `ADDOV` is kept: it must exit); `x + 0`, `x - 0` and `x * 1`
/// are `x` (no -0 among integers).
fn fold_int(ir: &mut IrBuf, x: &IrIns) -> Option<IrRef> {
    let (ka, kb) = (ir.const_int(x.a), ir.const_int(x.b));
    match x.op {
        IrOp::TONUM => Some(ir.knum(ka? as f64)),
        IrOp::ADD | IrOp::SUB | IrOp::MUL | IrOp::ADDOV | IrOp::SUBOV | IrOp::MULOV => {
            if let (Some(a), Some(b)) = (ka, kb) {
                let r = match x.op {
                    IrOp::ADD | IrOp::ADDOV => a.checked_add(b),
                    IrOp::SUB | IrOp::SUBOV => a.checked_sub(b),
                    _ => a.checked_mul(b),
                };
                return r.map(|r| ir.kint(r));
            }
            match (x.op, kb) {
                (IrOp::ADD | IrOp::ADDOV | IrOp::SUB | IrOp::SUBOV, Some(0)) => Some(x.a),
                (IrOp::MUL | IrOp::MULOV, Some(1)) => Some(x.a),
                _ => None,
            }
        }
        IrOp::LT | IrOp::GE | IrOp::LE | IrOp::GT | IrOp::EQ | IrOp::NE => {
            let (a, b) = (ka?, kb?);
            let holds = match x.op {
                IrOp::LT => a < b,
                IrOp::GE => a >= b,
                IrOp::LE => a <= b,
                IrOp::GT => a > b,
                IrOp::EQ => a == b,
                _ => a != b,
            };
            holds.then_some(REF_NONE)
        }
        _ => None,
    }
}

/// The value of constant `r` (not of "no operand").
pub fn konst(ir: &IrBuf, r: IrRef) -> Option<crate::vm::value::TValue> {
    if r == REF_NONE { None } else { ir.const_value(r) }
}

#[cfg(test)]
mod tests {
    use super::super::build::B;
    use super::*;

    #[test]
    fn constants_fold_with_the_interpreters_arithmetic() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let (k7, k2, km3) = (b.ir.knum(7.0), b.ir.knum(2.0), b.ir.knum(-3.0));
        let m = b.op(IrOp::MOD, IrType::Num, k7, km3);
        let p = b.op(IrOp::POW, IrType::Num, k2, k2);
        let x = b.sload(0, IrType::Num, s0);
        let s = b.op(IrOp::ADD, IrType::Num, x, m);
        let t = b.op(IrOp::MUL, IrType::Num, s, p);
        let s1 = b.snap(&[(1, t)]);
        b.guard(IrOp::LT, IrType::Void, m, p, s1);
        b.guard(IrOp::GT, IrType::Void, m, p, s1);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002   num ADD     0001  -2
0003   num MUL     0002  +4
0004 >     GT      -2  +4  -> 1
SNAP #0 [  ]
SNAP #1 [ 1:0003 ]
"
        );
    }

    #[test]
    fn only_identities_true_for_every_double() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let (z, nz, one) = (b.ir.knum(0.0), b.ir.knum(-0.0), b.ir.knum(1.0));
        let a = b.op(IrOp::ADD, IrType::Num, x, z);
        let c = b.op(IrOp::ADD, IrType::Num, a, nz);
        let d = b.op(IrOp::SUB, IrType::Num, c, z);
        let e = b.op(IrOp::MUL, IrType::Num, d, one);
        let f = b.op(IrOp::MUL, IrType::Num, e, z);
        let g = b.op(IrOp::NEG, IrType::Num, f, REF_NONE);
        let h = b.op(IrOp::NEG, IrType::Num, g, REF_NONE);
        b.snap(&[(1, h)]);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002   num ADD     0001  +0
0003   num MUL     0002  +0
0004   num NEG     0003
SNAP #0 [  ]
SNAP #1 [ 1:0003 ]
"
        );
    }

    #[test]
    fn type_checks_of_known_types_fold_away() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Tab, s0);
        let k = b.ir.knum(1.0);
        let v = b.op3(IrOp::TSET, IrType::Void, x, k, x);
        let _ = v;
        let y = b.guard(IrOp::TYPE, IrType::Tab, x, REF_NONE, s0);
        b.snap(&[(1, y)]);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > tab SLOAD   #0  -> 0
0002 >     TSET    0001  +1  0001  -> 0
SNAP #0 [  ]
SNAP #1 [ 1:0001 ]
"
        );
    }

    #[test]
    fn integer_constants_fold_unless_they_overflow() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let (max, one, zero) = (b.ir.kint(i32::MAX), b.ir.kint(1), b.ir.kint(0));
        let x = b.sload(0, IrType::Int, s0);
        let ov = b.guard(IrOp::ADDOV, IrType::Int, max, one, s0);
        let k = b.guard(IrOp::SUBOV, IrType::Int, max, one, s0);
        let y = b.op(IrOp::ADD, IrType::Int, x, zero);
        let n = b.op(IrOp::TONUM, IrType::Num, k, REF_NONE);
        b.guard(IrOp::LT, IrType::Void, k, max, s0);
        b.guard(IrOp::GE, IrType::Void, k, max, s0);
        b.snap(&[(1, n), (2, y), (3, ov)]);
        run(&mut b.ir, &mut b.snaps);
        // The overflowing sum must still exit; the failing compare too.
        assert_eq!(
            b.listing(),
            "\
0001 > int SLOAD   #0  -> 0
0002 > int ADDOV   +2147483647  +1  -> 0
0003 >     GE      +2147483646  +2147483647  -> 0
SNAP #0 [  ]
SNAP #1 [ 1:+2147483646 2:0001 3:0002 ]
"
        );
    }

    #[test]
    fn reads_of_a_box_made_on_trace_are_its_word() {
        use crate::trace::helpers_ffi::mem_k;
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Cdata, s0);
        let p = b.op(IrOp::CDPTR, IrType::Word, x, REF_NONE);
        let w = b.ir.emit(IrOp::XLOAD, IrType::Word, p, REF_NONE, REF_NONE, mem_k(8, true, false), 0);
        let bx = b.ir.emit(IrOp::CDBOX, IrType::Cdata, w, REF_NONE, REF_NONE, 10, s0);
        // The right type holds; another would always exit and stays.
        b.ir.emit(IrOp::CDTYPE, IrType::Void, bx, REF_NONE, REF_NONE, 10, s0);
        b.ir.emit(IrOp::CDTYPE, IrType::Void, bx, REF_NONE, REF_NONE, 11, s0);
        let q = b.op(IrOp::CDPTR, IrType::Word, bx, REF_NONE);
        // The whole payload is the word; a part of it, or as a double, is not.
        let whole = b.ir.emit(IrOp::XLOAD, IrType::Word, q, REF_NONE, REF_NONE, mem_k(8, false, false), 0);
        let part = b.ir.emit(IrOp::XLOAD, IrType::Word, q, REF_NONE, REF_NONE, mem_k(4, false, false), 0);
        let dbl = b.ir.emit(IrOp::XLOAD, IrType::Num, q, REF_NONE, REF_NONE, mem_k(8, false, true), 0);
        b.snap(&[(1, whole), (2, part), (3, dbl)]);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > cdt SLOAD   #0  -> 0
0002   wrd CDPTR   0001
0003   wrd XLOAD   0002  #0x108
0004 > cdt CDBOX   0003  ctype #10  -> 0
0005 >     CDTYPE  0004  ctype #11  -> 0
0006   wrd CDPTR   0004
0007   wrd XLOAD   0006  #0x4
0008   num XLOAD   0006  #0x208
SNAP #0 [  ]
SNAP #1 [ 1:0003 2:0007 3:0008 ]
"
        );
    }
}
