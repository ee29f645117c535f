//! What a side trace knows about its stack when it starts: its parent's exit has just
//! written every entry of the snapshot it left through, from values of known IR type.
//!
//! ```text
//!   parent:  exit #n  base[10] = boxed(0023 int)   base[11] = boxed(0024 int)
//!                     return_call_indirect side(base, ..)
//!   side:    SLOAD #10 num  -> no type check (a number is there)
//!            SLOAD #11 int  -> no round-trip check (an integer's double is there)
//! ```
//!
//! A side trace is entered only from that exit (its parent's exit cell is its only
//! way in), so its first read of such a slot sees the value the exit wrote, and the
//! `SLOAD`'s guard (or, for one `trace::opt::narrow` made an integer, the check that
//! the double is one) can only pass. That holds while the slot still holds what the exit
//! wrote and `SLOAD`s still address the frame the exit left: up to the first
//! instruction that may write the stack or move the base ([`keeps_stack`]). Slots the
//! exit makes sunk objects for (`snap::unsink_exit`) and values of no fixed type are
//! left out.
//!
//! Nor does a side trace need to ask again what its parent's failed guard answered. A
//! side trace starts at the instruction whose guard failed, so it records the same
//! comparison, taking the other branch:
//!
//! ```text
//!   parent:  0026 LT 0023 0024 -> #13        (the only instruction leaving through #13)
//!            #13 [ 10:0023 11:0024 ]
//!   side:    0001 SLOAD #10   0002 SLOAD #11
//!            0003 GE 0001 0002               <- holds whenever the side trace runs
//! ```
//!
//! When exit #13 is taken only by that guard, the side trace's first comparison, on the
//! slots the exit wrote those operands to (or on the same constants), with the opposite
//! condition, holds: the backend's conditions of `LT`/`GE`, `LE`/`GT` and `EQ`/`NE` are
//! each other's negation, NaN included, whether the operands are integers or their
//! doubles. It emits nothing ([`ParentGuard::holds`]).

use crate::trace::ir::*;

/// Whether an instruction leaves the stack and the base as they are: inline code, and
/// the calls of pure helpers (floating-point functions). Anything else may write the
/// stack (a native's frame, a C call's write-back), run Lua (a metamethod, a
/// callback) or move the base (`RETF`).
fn keeps_stack(op: IrOp) -> bool {
    use IrOp::*;
    op.is_comparison()
        || op.is_inline_arith()
        || op.is_helper_arith()
        || op.is_plain_read()
        || matches!(op, ASTORE | HSTORE | NOMT | MTLOAD | FENV | LOOPCHK | STACKCHK)
}

/// The slots whose type a side trace's entry knows, and how far that knowledge holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inherited {
    /// (slot, type) of each entry its parent's exit wrote, in slot order.
    slots: Vec<(i32, IrType)>,
    /// The index of the first instruction that may change the stack or the base.
    until: usize,
}

impl Inherited {
    /// For a trace with IR `ir` whose parent's exit wrote `slots` (empty for a root
    /// trace, which the interpreter enters).
    pub fn of(ir: &IrBuf, slots: &[(i32, IrType)]) -> Inherited {
        let until = ir.ins.iter().position(|x| !keeps_stack(x.op)).unwrap_or(ir.ins.len());
        Inherited { slots: slots.to_vec(), until }
    }

    /// The type of the value slot `slot` holds when instruction `i`, an `SLOAD` of it,
    /// runs, if the parent's exit fixed it.
    pub fn at(&self, i: usize, slot: i32) -> Option<IrType> {
        if i >= self.until {
            return None;
        }
        self.slots.binary_search_by_key(&slot, |e| e.0).ok().map(|j| self.slots[j].1)
    }

    /// The entries of a parent's snapshot with the type of the value its exit writes:
    /// the IR type of the entry's ref, where that fixes the value's type tag.
    pub fn entries(ir: &IrBuf, sunk: &[bool], entries: &[(i32, IrRef)]) -> Vec<(i32, IrType)> {
        let sunk = |r: IrRef| r >= REF_BIAS && sunk.get((r - REF_BIAS) as usize).copied().unwrap_or(false);
        let mut v: Vec<(i32, IrType)> = entries
            .iter()
            .filter(|&&(_, r)| !sunk(r))
            .map(|&(s, r)| (s, ir.get(r).t))
            .filter(|&(_, t)| fixes_tag(t))
            .collect();
        v.sort_by_key(|e| e.0);
        v
    }
}

/// An operand of a parent's failed guard: where the side trace finds the same value.
#[derive(Clone, Debug, PartialEq)]
enum Operand {
    /// The slots the exit wrote it to.
    Slots(Vec<i32>),
    /// A number constant.
    Num(f64),
}

/// The comparison whose failure is the only way into a side trace.
#[derive(Clone, Debug, PartialEq)]
pub struct ParentGuard {
    op: IrOp,
    a: Operand,
    b: Operand,
}

/// The condition that holds when comparison `op` fails.
fn negation(op: IrOp) -> Option<IrOp> {
    use IrOp::*;
    Some(match op {
        LT => GE,
        GE => LT,
        LE => GT,
        GT => LE,
        EQ => NE,
        NE => EQ,
        _ => return None,
    })
}

impl ParentGuard {
    /// The guard of the parent (IR `ir`) that exit `exit`, whose snapshot writes
    /// `entries`, is taken from, if it is the only instruction leaving through it and a
    /// comparison whose operands the side trace can find.
    pub fn of(ir: &IrBuf, exit: u32, entries: &[(i32, IrRef)]) -> Option<ParentGuard> {
        // Snapshot 0 is also the number of instructions without one.
        if exit == 0 {
            return None;
        }
        let mut users = ir.ins.iter().filter(|x| x.snap == exit);
        let (g, None) = (users.next()?, users.next()) else { return None };
        let op = negation(g.op)?;
        let operand = |r: IrRef| {
            if let Some(n) = ir.const_number(r) {
                return Some(Operand::Num(n));
            }
            let slots: Vec<i32> = entries.iter().filter(|e| e.1 == r).map(|e| e.0).collect();
            (!slots.is_empty()).then_some(Operand::Slots(slots))
        };
        Some(ParentGuard { op, a: operand(g.a)?, b: operand(g.b)? })
    }

    /// Whether instruction `i` of the side trace (IR `ir`) is its first instruction
    /// but `SLOAD`s and that comparison, with the opposite condition, on the values the
    /// parent compared: then it holds.
    pub fn holds(&self, ir: &IrBuf, i: usize) -> bool {
        let Some(x) = ir.ins.get(i) else { return false };
        let same = |r: IrRef, o: &Operand| match o {
            Operand::Num(n) => ir.const_number(r) == Some(*n),
            Operand::Slots(slots) => {
                r >= REF_BIAS && ir.get(r).op == IrOp::SLOAD && slots.contains(&(ir.get(r).k as i64 as i32))
            }
        };
        x.op == self.op
            && ir.ins[..i].iter().all(|y| y.op == IrOp::SLOAD)
            && same(x.a, &self.a)
            && same(x.b, &self.b)
    }
}

/// Whether a value of IR type `t` always has the same type tag (so the `SLOAD` guard of
/// that type passes on it). `Any` (an unchecked load) and `Word` (a raw frame link) do
/// not; nor do types with no guard of their own.
fn fixes_tag(t: IrType) -> bool {
    matches!(t, IrType::Num | IrType::Int) || t.prim_bits().is_some() || t.tag().is_some()
}

/// Whether an `SLOAD` of type `want` needs its check on a value of known type `have`:
/// a number needs none when one is there, an integer none when an integer's double is.
pub fn needs_check(want: IrType, have: Option<IrType>) -> bool {
    match (want, have) {
        (_, None) => true,
        (IrType::Int, Some(h)) => h != IrType::Int,
        (IrType::Num, Some(h)) => !matches!(h, IrType::Num | IrType::Int),
        (w, Some(h)) => w != h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ir_of(ops: &[IrOp]) -> IrBuf {
        let mut ir = IrBuf::default();
        for &op in ops {
            ir.emit(op, IrType::Num, REF_NONE, REF_NONE, REF_NONE, 0, 0);
        }
        ir
    }

    #[test]
    fn entry_types_hold_until_the_stack_may_change() {
        use IrOp::*;
        let ir = ir_of(&[SLOAD, GE, LOOPCHK, SLOAD, ALOAD, TYPE, FFCALL, SLOAD]);
        let inh = Inherited::of(&ir, &[(3, IrType::Int), (10, IrType::Tab)]);
        assert_eq!(inh.at(0, 3), Some(IrType::Int));
        assert_eq!(inh.at(3, 10), Some(IrType::Tab));
        assert_eq!(inh.at(3, 4), None, "not an entry");
        assert_eq!(inh.at(7, 3), None, "after a native call");
        for op in [RETF, CCALL, TGET, TSET, CAT, TNEW] {
            let ir = ir_of(&[op, SLOAD]);
            assert_eq!(Inherited::of(&ir, &[(3, IrType::Num)]).at(1, 3), None, "{op:?}");
        }
    }

    #[test]
    fn entries_keep_typed_values_only() {
        let mut ir = IrBuf::default();
        let n = ir.emit(IrOp::ADD, IrType::Int, REF_NONE, REF_NONE, REF_NONE, 0, 0);
        let a = ir.emit(IrOp::ALOAD, IrType::Any, REF_NONE, REF_NONE, REF_NONE, 0, 0);
        let t = ir.emit(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE, REF_NONE, 0, 0);
        let s = ir.emit(IrOp::SLOAD, IrType::Str, REF_NONE, REF_NONE, REF_NONE, 0, 0);
        let k = ir.knum(1.0);
        let sunk = [false, false, true, false];
        let got = Inherited::entries(&ir, &sunk, &[(9, k), (2, n), (3, a), (4, t), (5, s)]);
        assert_eq!(got, vec![(2, IrType::Int), (5, IrType::Str), (9, IrType::Num)]);
    }

    #[test]
    fn a_side_trace_does_not_ask_again_what_its_parent_answered() {
        use IrOp::*;
        // parent: 0001 SLOAD #3, 0002 SLOAD #4, 0003 ADD, 0004 LT 0003 0002 -> #2
        let mut p = IrBuf::default();
        let lo = p.emit(SLOAD, IrType::Int, REF_NONE, REF_NONE, REF_NONE, 3, 1);
        let hi = p.emit(SLOAD, IrType::Int, REF_NONE, REF_NONE, REF_NONE, 4, 1);
        let one = p.kint(1);
        let lo2 = p.emit(ADD, IrType::Int, lo, one, REF_NONE, 0, 0);
        p.emit(LT, IrType::Void, lo2, hi, REF_NONE, 0, 2);
        let entries = [(3, lo2), (7, lo2)];
        // hi is not written by the exit: nothing the side trace can compare with.
        assert_eq!(ParentGuard::of(&p, 2, &entries), None);
        let entries = [(3, lo2), (4, hi), (7, lo2)];
        let g = ParentGuard::of(&p, 2, &entries).expect("the one guard of #2");
        assert_eq!(ParentGuard::of(&p, 1, &entries), None, "two SLOADs leave through #1");
        assert_eq!(ParentGuard::of(&p, 0, &entries), None);

        let side = |op: IrOp, sa: u64, sb: u64, before: Option<IrOp>| {
            let mut s = IrBuf::default();
            if let Some(b) = before {
                s.emit(b, IrType::Num, REF_NONE, REF_NONE, REF_NONE, 0, 0);
            }
            let a = s.emit(SLOAD, IrType::Num, REF_NONE, REF_NONE, REF_NONE, sa, 0);
            let b = s.emit(SLOAD, IrType::Num, REF_NONE, REF_NONE, REF_NONE, sb, 0);
            s.emit(op, IrType::Void, a, b, REF_NONE, 0, 0);
            let i = s.ins.len() - 1;
            g.holds(&s, i)
        };
        assert!(side(GE, 3, 4, None));
        assert!(side(GE, 7, 4, None), "any slot the value went to");
        assert!(!side(LT, 3, 4, None), "the parent's own condition failed");
        assert!(!side(GE, 4, 3, None), "operands swapped");
        assert!(!side(GE, 3, 5, None), "a slot the exit did not write");
        assert!(!side(GE, 3, 4, Some(ADD)), "not the side trace's first guard");

        // A constant operand is the same number.
        let mut p = IrBuf::default();
        let x = p.emit(SLOAD, IrType::Num, REF_NONE, REF_NONE, REF_NONE, 2, 1);
        let k = p.knum(1.0);
        p.emit(NE, IrType::Void, x, k, REF_NONE, 0, 5);
        let g = ParentGuard::of(&p, 5, &[(9, x)]).expect("NE x 1");
        let mut s = IrBuf::default();
        let a = s.emit(SLOAD, IrType::Num, REF_NONE, REF_NONE, REF_NONE, 9, 0);
        let k1 = s.knum(1.0);
        s.emit(EQ, IrType::Void, a, k1, REF_NONE, 0, 0);
        assert!(g.holds(&s, 1));
        let mut s = IrBuf::default();
        let a = s.emit(SLOAD, IrType::Num, REF_NONE, REF_NONE, REF_NONE, 9, 0);
        let k2 = s.knum(2.0);
        s.emit(EQ, IrType::Void, a, k2, REF_NONE, 0, 0);
        assert!(!g.holds(&s, 1), "another number");
    }

    #[test]
    fn checks_go_where_the_type_is_not_the_one_loaded() {
        use IrType::*;
        assert!(!needs_check(Num, Some(Int)));
        assert!(!needs_check(Num, Some(Num)));
        assert!(!needs_check(Int, Some(Int)));
        assert!(needs_check(Int, Some(Num)), "a double may have a fraction");
        assert!(!needs_check(Tab, Some(Tab)));
        assert!(needs_check(Tab, Some(Str)));
        assert!(needs_check(Num, None));
    }
}
