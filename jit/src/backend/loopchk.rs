//! Runs of budget checks that one check can do: the interpreter ticks its budget at
//! every loop instruction, so a `while` loop's trace has two `LOOPCHK`s an iteration
//! (the backward `JMP` and the `LOOP` it reaches), and a side trace that goes round an
//! outer loop has one at each of its edges, often with nothing but a guard between.
//!
//! ```text
//!   LOOPCHK #a          exit #a if budget <= 1; budget -= 1
//!   LT x y   #b    ->   LOOPCHK #a   exit #a if budget <= 2 (or the GC is due); budget -= 1
//!   LOOPCHK #c          LT x y   #b
//!                       (#c)         budget -= 1
//! ```
//!
//! The first check of a run checks for the whole run's ticks, and the others only
//! tick. That exits through the first check's snapshot whenever any check of the run
//! would have exited, and sometimes earlier (the budget is short, but the trace would
//! have left through a guard between the checks anyway): both are exact interpreter
//! states, and the interpreter, ticking at the same instructions, raises "instruction
//! budget exceeded" at the same one as it would have. Each check still ticks where it
//! is, so a guard between them leaves with the budget the interpreter would have there.
//! The GC condition cannot change inside a run, because nothing in it may allocate
//! ([`transparent`]), so checking it once, at the start, is checking it at every member.
//!
//! A run never reaches across `HEAD`: the checks before it run once per entry, those
//! after it once per iteration.

use crate::trace::ir::*;

/// What may lie between two checks of a run: instructions that neither allocate, nor
/// call anything (which may spend budget or collect), nor end a part of the trace.
/// Guards are fine: their exits are exact states like the check's.
fn transparent(op: IrOp) -> bool {
    op.is_comparison() || op.is_inline_arith() || op.is_plain_read() || op == IrOp::STACKCHK
}

/// Whether instruction `i` is a check that spends budget (kind 0; kind 1, at a
/// return, checks the GC only and is never merged).
fn spends(ir: &IrBuf, i: usize) -> bool {
    let x = &ir.ins[i];
    x.op == IrOp::LOOPCHK && x.k == 0
}

/// The runs of a trace's spending `LOOPCHK`s: for each instruction, the ticks it
/// checks the budget for (0 for a check an earlier one of its run has checked for, and
/// for anything that is not a check) and the first check of its run.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Runs {
    units: Vec<u32>,
    /// For each instruction, the first check of its run (checks only).
    lead: Vec<Option<usize>>,
}

impl Runs {
    pub fn of(ir: &IrBuf, sunk: &[bool]) -> Runs {
        let n = ir.ins.len();
        let mut units = vec![0; n];
        let mut lead = vec![None; n];
        let mut open: Option<usize> = None;
        for (i, x) in ir.ins.iter().enumerate() {
            if sunk.get(i).copied().unwrap_or(false) {
                // A sunk instruction emits nothing (not even an allocation).
                continue;
            }
            if spends(ir, i) {
                let first = *open.get_or_insert(i);
                units[first] += 1;
                lead[i] = Some(first);
            } else if !transparent(x.op) {
                open = None;
            }
        }
        Runs { units, lead }
    }

    /// The ticks the check at `i` checks for (0: a check before it did).
    pub fn units(&self, i: usize) -> u32 {
        self.units.get(i).copied().unwrap_or(0)
    }

    /// The checks whose work the one at `i` does: itself and the rest of its run.
    pub fn members(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.lead.iter().enumerate().filter(move |(_, l)| **l == Some(i)).map(|(j, _)| j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ins(ir: &mut IrBuf, op: IrOp, k: u64) -> IrRef {
        ir.emit(op, IrType::Void, REF_NONE, REF_NONE, REF_NONE, k, 0)
    }

    fn runs(ops: &[(IrOp, u64)]) -> Vec<u32> {
        let mut ir = IrBuf::default();
        for &(op, k) in ops {
            ins(&mut ir, op, k);
        }
        let r = Runs::of(&ir, &vec![false; ir.ins.len()]);
        (0..ops.len()).map(|i| r.units(i)).collect()
    }

    #[test]
    fn checks_with_only_guards_between_are_one() {
        use IrOp::*;
        // A while loop's trace: JMP's check, the loop condition, LOOP's check, twice.
        let ops = [
            (SLOAD, 0),
            (LOOPCHK, 0),
            (LT, 0),
            (LOOPCHK, 0),
            (HEAD, 0),
            (ALOAD, 0),
            (LOOPCHK, 0),
            (LT, 0),
            (LOOPCHK, 0),
            (PHI, 0),
            (LOOP, 0),
        ];
        assert_eq!(runs(&ops), vec![0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0]);
    }

    #[test]
    fn calls_stores_head_and_gc_only_checks_end_a_run() {
        use IrOp::*;
        for barrier in [ASTORE, TSET, TGET, MOD, HEAD, TNEW, FFCALL] {
            let ops = [(LOOPCHK, 0), (barrier, 0), (LOOPCHK, 0), (LOOPCHK, 0)];
            assert_eq!(runs(&ops), vec![1, 0, 2, 0], "{barrier:?}");
        }
        // A return's GC-only check spends nothing and is done on its own.
        assert_eq!(runs(&[(LOOPCHK, 0), (LOOPCHK, 1), (LOOPCHK, 0)]), vec![1, 0, 1]);
    }

    #[test]
    fn the_lead_does_its_members_work() {
        use IrOp::*;
        let mut ir = IrBuf::default();
        for (op, k) in [(LOOPCHK, 0), (GE, 0), (LOOPCHK, 0), (TSET, 0), (LOOPCHK, 0)] {
            ins(&mut ir, op, k);
        }
        let r = Runs::of(&ir, &vec![false; ir.ins.len()]);
        assert_eq!(r.members(0).collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(r.members(4).collect::<Vec<_>>(), vec![4]);
        assert_eq!(r.members(2).count(), 0);
    }

    #[test]
    fn a_run_runs_out_of_budget_where_the_interpreter_does() {
        use crate::backend::loopinv::tests::budget_runs_out_alike;
        // Every residue of the budget against the two ticks of an iteration, in a
        // while loop (the pair straddles its condition) and in a side trace going
        // round an outer loop (a backward `JMP` right before a `LOOP`).
        for budget in 3000..3004 {
            budget_runs_out_alike("n = 0 local lo = 0 while lo < 1e9 do lo = lo + 1 n = lo end", budget);
            budget_runs_out_alike(
                "n = 0 local t = {} while true do local i = 0 while i < (n % 3) do i = i + 1 end \
                 while true do n = n + 1 if n % 2 == 0 then break end end t[1] = n end",
                budget,
            );
        }
    }
}
