//! What a peeled loop (`trace::opt::loop_`) lets the backend keep round its back edge
//! instead of recomputing it every iteration: the GC half of `LOOPCHK` and the headers
//! of the tables the loop indexes.
//!
//! ```text
//!   pre-roll ... LOOPCHK (budget + GC)  | hoisted: p = t & PAYLOAD_MASK
//!                                       |          alen, aptr = p.array  (ALOAD/ASTORE of t)
//!                                       |          nlen, nptr = p.node   (HLOAD/HSTORE of t,
//!                                       |                                 TGET t "str"|num)
//!   HEAD                                v
//!   loop ... ALOAD t i  -> aptr[i] checked against alen (no reload)
//!        ... LOOPCHK    -> budget only, unless the loop may allocate
//!   LOOP
//! ```
//!
//! Both rest on facts about the loop proper (the instructions between `HEAD` and
//! `LOOP`), because control only ever enters it from the pre-roll or from its own back
//! edge, and only ever leaves it through an exit (to the interpreter, or to a side
//! trace that links back to the root's entry, which runs the pre-roll again):
//!
//! * **GC.** `gc.total` only grows by allocation, and the collector's threshold and
//!   `stopped` flag only change when it runs or is told to (`collectgarbage`, which no
//!   instruction that cannot allocate does). A `LOOPCHK` checks the full condition
//!   only where an allocation on trace may have made it true: in the loop proper if
//!   anything in the loop proper may allocate ([`may_allocate`]), before `HEAD` (and in
//!   a trace without one) if an instruction before the check may. Where none has, the
//!   check could only see allocations made before the trace was entered, and the
//!   interpreter, which steps the collector after its allocating instructions only,
//!   would not collect while running the same allocation-free code either. The
//!   invariant of `trace::helpers` ("GC never runs inside a trace: allocation past the
//!   threshold makes the trace exit at its next loop edge") still holds: every
//!   allocation on trace is followed by a checking `LOOPCHK` before the next loop edge
//!   or link (the recorder's closing `LOOPCHK` comes after everything it recorded), and
//!   no `LOOPCHK` skips the check after one.
//!
//! * **Table headers.** A table's array and hash parts move or change size only when
//!   the table is resized, which only a key insertion (`TSET`, `TSETR`, `GSET`, or a
//!   native called on trace) does; stores into existing slots (`ASTORE`, `HSTORE`) never
//!   do, and the collector (which does not run on trace) neither moves nor shrinks
//!   tables. So if no instruction of the loop proper may resize a table
//!   ([`may_resize`]), the part pointers and lengths of a table the loop indexes are
//!   the same in every iteration, provided the table itself is: its ref is defined
//!   before `HEAD` (or a constant) and has no `PHI`. Those are loaded once at the end of
//!   the pre-roll. A loop that may resize loads them at every access, as before.
//!   Sunk tables (`trace::opt::sink`) have no header on trace and are never hoisted.
//!
//! Both lists are of what is known *not* to allocate or resize: an opcode added later
//! is assumed to do both until it is listed here.

use crate::trace::ir::*;

/// Whether an instruction may allocate a collectable object (grow `gc.total`).
pub fn may_allocate(op: IrOp) -> bool {
    use IrOp::*;
    let reads_or_computes =
        op.is_comparison() || op.is_inline_arith() || op.is_helper_arith() || op.is_plain_read();
    !(reads_or_computes
        || matches!(
            op,
            TGET | GGET
                | UGET
                | USET
                | LEN
                | LOOPCHK
                | LOOP
                | LINK
                | RLOOP
                | RETF
                | STACKCHK
                | HEAD
                | PHI
                | EXIT
                | CARG
                | FFRES
                | STRCMP
                | STRIDX
                | UREFO
                | NEXT
                | MMGET
                | TGETR
                | ASTORE
                | HSTORE
                | NOMT
                | SETMT
                | MTLOAD
                | FENV
                | CDTYPE
                | CDPTR
                | XLOAD
                | XSTORE
                | IADD
                | ISUB
                | IMUL
                | INEG
                | ISDIV
                | I64ARITH
                | ICMP
                | CONV
        ))
}

/// Whether an instruction may resize (or otherwise replace the array or hash part of)
/// a table that exists before it runs. Allocating a new table does not.
pub fn may_resize(op: IrOp) -> bool {
    use IrOp::*;
    may_allocate(op) && !matches!(op, CAT | TNEW | TDUP | CDBOX | CBOX)
}

/// Whether an instruction is lowered to inline code that does not use the trace's
/// `st` and `exitbuf` parameters (no helper call, no VM state), given that a
/// `LOOPCHK` without its GC part keeps the budget in a register.
fn inline_only(ir: &IrBuf, x: &IrIns) -> bool {
    use IrOp::*;
    // A string- or number-keyed `TGET` or `TGETR` is lowered inline (`tab::raw_get`).
    if matches!(x.op, TGET | TGETR) && super::tab::inline_key(ir, x.b) {
        return true;
    }
    matches!(
        x.op,
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
            | TONUM
            | ADDOV
            | SUBOV
            | MULOV
            | TYPE
            | ALOAD
            | ASTORE
            | HLOAD
            | HSTORE
            | NOMT
            | SETMT
            | MTLOAD
            | FENV
            | PHI
            | LOOP
            | LOOPCHK
    )
}

/// The table parts a loop indexes through one table ref.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub array: bool,
    pub hash: bool,
}

/// The facts about a trace's loop proper that the lowering uses.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LoopFacts {
    /// The index of `HEAD`, if the trace is a peeled loop.
    pub head: Option<usize>,
    /// Whether an instruction of the loop proper may allocate.
    pub alloc: bool,
    /// The first instruction of the trace that may allocate, if any.
    pub first_alloc: Option<usize>,
    /// Whether the loop proper uses the trace's `st`/`exitbuf` parameters outside its
    /// exit blocks (which load them themselves): only then does `HEAD` load them.
    pub needs_state: bool,
    /// The loop-invariant tables whose headers are loaded once, before `HEAD`, with
    /// the parts the loop indexes.
    pub tables: Vec<(IrRef, Parts)>,
}

impl LoopFacts {
    /// `sunk[i]`: whether instruction `i` emits nothing (allocation sinking).
    pub fn of(ir: &IrBuf, sunk: &[bool]) -> LoopFacts {
        let first_alloc = ir
            .ins
            .iter()
            .enumerate()
            .position(|(i, x)| !sunk.get(i).copied().unwrap_or(false) && may_allocate(x.op));
        let Some(head) = ir.ins.iter().position(|x| x.op == IrOp::HEAD) else {
            return LoopFacts { first_alloc, ..LoopFacts::default() };
        };
        let is_sunk = |r: IrRef| r >= REF_BIAS && sunk.get((r - REF_BIAS) as usize).copied().unwrap_or(false);
        let body = || {
            ir.ins.iter().enumerate().skip(head + 1).filter(|&(i, _)| !sunk.get(i).copied().unwrap_or(false))
        };
        let alloc = body().any(|(_, x)| may_allocate(x.op));
        let resize = body().any(|(_, x)| may_resize(x.op));
        // With `alloc`, the `LOOPCHK`s read the GC fields through `st`.
        let needs_state = alloc || body().any(|(_, x)| !inline_only(ir, x));
        let mut tables: Vec<(IrRef, Parts)> = Vec::new();
        if !resize {
            // A ref with a PHI changes from one iteration to the next.
            let carried = |r: IrRef| ir.ins.iter().any(|p| p.op == IrOp::PHI && p.a == r);
            let head_ref = REF_BIAS + head as IrRef;
            for (_, x) in body() {
                let (array, hash) = match x.op {
                    IrOp::ALOAD | IrOp::ASTORE => (true, false),
                    IrOp::HLOAD | IrOp::HSTORE => (false, true),
                    // Lowered inline (`tab::raw_get`); a number key may be in
                    // either part.
                    IrOp::TGET | IrOp::TGETR if ir.get(x.b).t == IrType::Str => (false, true),
                    IrOp::TGET | IrOp::TGETR if ir.get(x.b).t == IrType::Num => (true, true),
                    _ => continue,
                };
                let t = x.a;
                if t >= head_ref || is_sunk(t) || carried(t) {
                    continue;
                }
                match tables.iter_mut().find(|e| e.0 == t) {
                    Some(e) => {
                        e.1.array |= array;
                        e.1.hash |= hash;
                    }
                    None => tables.push((t, Parts { array, hash })),
                }
            }
        }
        LoopFacts { head: Some(head), alloc, first_alloc, needs_state, tables }
    }

    /// Whether the `LOOPCHK` at instruction `i` must check the GC threshold: in the
    /// loop proper if it may allocate, elsewhere if something before `i` may.
    pub fn gc_check_at(&self, i: usize) -> bool {
        match self.head {
            Some(h) if i > h => self.alloc,
            _ => self.first_alloc.is_some_and(|a| a < i),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn ins(ir: &mut IrBuf, op: IrOp, t: IrType, a: IrRef, b: IrRef) -> IrRef {
        ir.emit(op, t, a, b, REF_NONE, 0, 0)
    }

    /// pre-roll: t = SLOAD, i = SLOAD; HEAD; loop: ALOAD t i, `extra`, PHI i i', LOOP
    fn looped(extra: Option<IrOp>) -> (IrBuf, IrRef) {
        let mut ir = IrBuf::default();
        let t = ins(&mut ir, IrOp::SLOAD, IrType::Tab, REF_NONE, REF_NONE);
        let i = ins(&mut ir, IrOp::SLOAD, IrType::Num, REF_NONE, REF_NONE);
        ins(&mut ir, IrOp::LOOPCHK, IrType::Void, REF_NONE, REF_NONE);
        ins(&mut ir, IrOp::HEAD, IrType::Void, REF_NONE, REF_NONE);
        ins(&mut ir, IrOp::ALOAD, IrType::Any, t, i);
        ins(&mut ir, IrOp::HLOAD, IrType::Any, t, i);
        if let Some(op) = extra {
            ins(&mut ir, op, IrType::Any, t, i);
        }
        let one = ir.knum(1.0);
        let i2 = ins(&mut ir, IrOp::ADD, IrType::Num, i, one);
        ins(&mut ir, IrOp::LOOPCHK, IrType::Void, REF_NONE, REF_NONE);
        ins(&mut ir, IrOp::PHI, IrType::Num, i, i2);
        ins(&mut ir, IrOp::LOOP, IrType::Void, REF_NONE, REF_NONE);
        (ir, t)
    }

    #[test]
    fn a_loop_that_only_reads_keeps_headers_and_skips_the_gc_check() {
        let (ir, t) = looped(None);
        let f = LoopFacts::of(&ir, &vec![false; ir.ins.len()]);
        assert!(!f.alloc && !f.needs_state);
        assert_eq!(f.tables, vec![(t, Parts { array: true, hash: true })]);
        assert!(!f.gc_check_at(2), "nothing before the pre-roll's check allocates");
        assert!(!f.gc_check_at(8));
    }

    #[test]
    fn a_loop_that_may_insert_keys_reloads_headers_and_checks_the_gc() {
        for op in [IrOp::TSET, IrOp::TSETR, IrOp::GSET, IrOp::FFCALL, IrOp::CCALL] {
            let (ir, _) = looped(Some(op));
            let f = LoopFacts::of(&ir, &vec![false; ir.ins.len()]);
            assert!(f.alloc && f.needs_state && f.tables.is_empty(), "{op:?}");
            assert!(f.gc_check_at(9), "{op:?}");
        }
    }

    #[test]
    fn a_loop_that_allocates_new_objects_keeps_headers_but_checks_the_gc() {
        for op in [IrOp::TNEW, IrOp::TDUP, IrOp::CAT] {
            let (ir, _) = looped(Some(op));
            let f = LoopFacts::of(&ir, &vec![false; ir.ins.len()]);
            assert!(f.alloc && f.tables.len() == 1, "{op:?}");
            // A sunk allocation makes nothing on trace.
            let mut sunk = vec![false; ir.ins.len()];
            sunk[6] = true;
            assert!(!LoopFacts::of(&ir, &sunk).alloc, "{op:?}");
        }
    }

    /// Runs `src` with the budget `n` under the interpreter and the JIT; the error and
    /// the global `n` it reached must be the same.
    pub(in crate::backend) fn budget_runs_out_alike(src: &str, budget: u64) {
        let mut seen = Vec::new();
        for on in [false, true] {
            let mut lua = crate::vm::api::Lua::new();
            let st = lua.state();
            assert!(st.lib.jit.apply("hotloop=1"));
            st.lib.jit.enabled = on;
            let p = crate::trace::JitParams::from_settings(&st.lib.jit, 7);
            st.jit.set_params(p);
            lua.set_budget(Some(budget));
            let e = lua.exec(src.as_bytes(), "=t").expect_err("the budget runs out");
            let st = lua.state();
            let k = st.str_value(b"n");
            // SAFETY: the globals table is live.
            let n = unsafe { (*st.globals).get(k) }.as_number();
            seen.push((e.message, n, on && st.jit.stats.traces > 0));
        }
        assert!(seen[1].2, "no trace ran");
        assert_eq!((&seen[0].0, seen[0].1), (&seen[1].0, seen[1].1), "{src}");
    }

    #[test]
    fn the_budget_in_a_register_runs_out_where_the_interpreter_stops() {
        // A loop proper with no call (budget only in a register), one whose calls spend
        // budget themselves (pattern matching charges fuel), and one that allocates.
        budget_runs_out_alike("local t = {1, 2} n = 0 while true do t[1] = t[1] + t[2] n = t[1] end", 20_000);
        budget_runs_out_alike(
            "local s = string.rep('ab', 50) .. 'c' n = 0 local t = {} \
             while true do if s:find('a*c') then t[1] = (t[1] or 0) + 1 end n = t[1] end",
            30_000,
        );
        budget_runs_out_alike("n = 0 local t = {} while true do t = {t} n = n + 1 end", 20_000);
    }

    #[test]
    fn carried_tables_and_unpeeled_traces_are_not_hoisted() {
        let (mut ir, t) = looped(None);
        let n = ir.ins.len();
        ir.ins.insert(n - 1, IrIns { op: IrOp::PHI, t: IrType::Tab, a: t, b: t, c: REF_NONE, k: 0, snap: 0 });
        assert!(LoopFacts::of(&ir, &vec![false; ir.ins.len()]).tables.is_empty());
        ir.ins.retain(|x| x.op != IrOp::HEAD);
        let f = LoopFacts::of(&ir, &vec![false; ir.ins.len()]);
        assert_eq!(f, LoopFacts::default());
    }

    #[test]
    fn the_gc_is_checked_after_the_first_allocation_on_trace() {
        // SLOAD, LOOPCHK, TNEW, LOOPCHK, HEAD, LOOPCHK, LOOP: the loop proper does not
        // allocate, the pre-roll does between its checks.
        let mut ir = IrBuf::default();
        ins(&mut ir, IrOp::SLOAD, IrType::Num, REF_NONE, REF_NONE);
        for op in [IrOp::LOOPCHK, IrOp::TNEW, IrOp::LOOPCHK, IrOp::HEAD, IrOp::LOOPCHK, IrOp::LOOP] {
            ins(&mut ir, op, IrType::Void, REF_NONE, REF_NONE);
        }
        let all = vec![false; ir.ins.len()];
        let f = LoopFacts::of(&ir, &all);
        assert_eq!(f.first_alloc, Some(2));
        assert!(!f.gc_check_at(1) && f.gc_check_at(3) && !f.gc_check_at(5));
        // A sunk allocation makes nothing on trace; without `HEAD` the same holds.
        let mut sunk = all.clone();
        sunk[2] = true;
        assert!(!LoopFacts::of(&ir, &sunk).gc_check_at(3));
        ir.ins.retain(|x| x.op != IrOp::HEAD);
        let f = LoopFacts::of(&ir, &all);
        assert!(!f.gc_check_at(1) && f.gc_check_at(3) && f.gc_check_at(4));
    }
}
