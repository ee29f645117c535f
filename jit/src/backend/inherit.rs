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

use crate::trace::ir::*;

/// Whether an instruction leaves the stack and the base as they are: inline code, and
/// the calls of pure helpers (floating-point functions). Anything else may write the
/// stack (a native's frame, a C call's write-back), run Lua (a metamethod, a
/// callback) or move the base (`RETF`).
fn keeps_stack(op: IrOp) -> bool {
    use IrOp::*;
    matches!(
        op,
        SLOAD
            | LT
            | GE
            | LE
            | GT
            | EQ
            | NE
            | EQV
            | NEV
            | EQPROTO
            | ADD
            | SUB
            | MUL
            | DIV
            | NEG
            | ABS
            | SQRT
            | FLOOR
            | CEIL
            | MOD
            | POW
            | ADDOV
            | SUBOV
            | MULOV
            | TONUM
            | TYPE
            | ALOAD
            | ASTORE
            | HLOAD
            | HSTORE
            | NOMT
            | MTLOAD
            | FENV
            | LOOPCHK
            | STACKCHK
    )
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
