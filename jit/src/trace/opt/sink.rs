//! Allocation sinking (`-Osink`), after LuaJIT's lj_opt_sink.
//!
//! A table made on trace (`TNEW`, `TDUP`) that nothing but the trace's own stores and
//! exits ever sees need not exist: its stores are known IR values, forwarding has
//! already replaced its loads by them, and an exit that names it can make it then
//! (`snap::Unsink`). Sinking marks such allocations and their stores; the backend
//! emits no code for them.
//!
//! ```text
//!   0001  tab TDUP   {x=0,y=0}        sunk: only stored into, and named by snapshots
//!   0002 >    TSET   0001 "x" 0007     sunk: a constant key into a sunk table
//!   ....  >   LT     ...  -> 3          SNAP #3 [ 5:0001 ]: the exit makes {x=0,y=0},
//!                                       replays 0001["x"] = 0007, writes slot 5
//! ```
//!
//! A table escapes (stays allocated) when anything other than a sinkable store uses it:
//!
//! * an instruction that reads it or passes it on: a load forwarding could not remove
//!   (`TGET`, `LEN`), an identity test, a native call's argument (`CARG`), a store of
//!   it into a global, an upvalue or a table that escapes, a store into it with a key
//!   that is not a constant, anything this pass does not know;
//! * a `PHI`: a table carried round a peeled loop lives across the back edge;
//! * the snapshot of the trace's end (`LOOP` of a loop that is not peeled, `LINK`),
//!   and the bail exit a C call publishes (`CCALL`, for a callback to find the frames
//!   on the stack), which the code itself writes to the stack.
//!
//! A table stored into a table that escapes escapes too; that is the only way escape
//! spreads, so a fixpoint over the sinkable stores finishes it. A table stored only into
//! sunk tables stays sunk (nested tables are made by the exit, in one plan).
//!
//! Snapshots of ordinary exits are not uses: they are what `Unsink` rebuilds from. A
//! store into a sunk table needs no guard: the table is fresh, has no metatable (that
//! would take a call), and the recorder never stores with a `nil` or NaN key.
//!
//! Sinking runs last, on the trace the backend gets; it changes no instruction, only
//! says which ones the backend skips.

use crate::trace::ir::*;
use crate::trace::snap::Snapshot;

/// Which instructions are sunk, indexed by instruction (not by ref).
pub fn run(ir: &IrBuf, snaps: &[Snapshot]) -> Vec<bool> {
    let n = ir.ins.len();
    let idx = |r: IrRef| (r >= REF_BIAS).then(|| (r - REF_BIAS) as usize);
    let is_alloc = |r: IrRef| idx(r).is_some_and(|i| matches!(ir.ins[i].op, IrOp::TNEW | IrOp::TDUP));
    // A store that stays sunk if its table does: a constant key into an allocation.
    let sinkable_store =
        |x: &IrIns| x.op == IrOp::TSET && is_alloc(x.a) && IrBuf::is_const(x.b) && x.b != REF_NONE;
    let mut escapes = vec![false; n];
    let mark = |escapes: &mut Vec<bool>, r: IrRef| {
        if let Some(i) = idx(r).filter(|_| is_alloc(r)) {
            escapes[i] = true;
        }
    };
    for x in &ir.ins {
        if sinkable_store(x) {
            // The value's fate is its table's (the fixpoint below).
            continue;
        }
        if matches!(x.op, IrOp::LOOP | IrOp::LINK | IrOp::CCALL) {
            for &(_, r) in &snaps[x.snap as usize].entries {
                mark(&mut escapes, r);
            }
        }
        for r in [x.a, x.b, x.c] {
            mark(&mut escapes, r);
        }
    }
    // A value stored into a table that escapes escapes with it.
    loop {
        let mut changed = false;
        for x in ir.ins.iter().filter(|x| sinkable_store(x)) {
            if escapes[(x.a - REF_BIAS) as usize] && is_alloc(x.c) && !escapes[(x.c - REF_BIAS) as usize] {
                escapes[(x.c - REF_BIAS) as usize] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    ir.ins
        .iter()
        .enumerate()
        .map(|(i, x)| {
            if is_alloc(REF_BIAS + i as IrRef) {
                !escapes[i]
            } else {
                sinkable_store(x) && !escapes[(x.a - REF_BIAS) as usize]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::build::B;
    use super::*;
    use crate::trace::snap::{SunkAlloc, SunkTab, SunkVal, Unsink};
    use crate::vm::value::TValue;

    /// The refs sinking marks, as `-jdump` numbers them.
    fn sunk_refs(b: &B) -> Vec<String> {
        let sunk = run(&b.ir, &b.snaps);
        (0..b.ir.ins.len()).filter(|&i| sunk[i]).map(|i| b.ir.fmt_ref(REF_BIAS + i as IrRef)).collect()
    }

    fn tnew(b: &mut B) -> IrRef {
        b.ir.emit(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE, REF_NONE, 3, 0)
    }

    #[test]
    fn a_table_only_stored_into_and_named_by_exits_is_sunk() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let t = tnew(&mut b);
        let kx = b.ir.kval(TValue::TRUE);
        b.guard3(IrOp::TSET, t, kx, x, s0);
        let s1 = b.snap(&[(3, t)]);
        b.guard(IrOp::LT, IrType::Void, x, x, s1);
        b.close(&[(0, x)]);
        assert_eq!(sunk_refs(&b), ["0002", "0003"]);
    }

    #[test]
    fn uses_that_need_the_table_make_it_escape() {
        // Each case: a table with one store, then one use of it.
        let uses: [(&str, fn(&mut B, IrRef, u32)); 6] = [
            ("load", |b, t, s| {
                let k = b.ir.kval(TValue::TRUE);
                b.guard(IrOp::TGET, IrType::Any, t, k, s);
            }),
            ("length", |b, t, _| {
                b.op(IrOp::LEN, IrType::Num, t, REF_NONE);
            }),
            ("identity", |b, t, s| {
                let u = b.sload(1, IrType::Tab, s);
                b.guard(IrOp::EQV, IrType::Void, t, u, s);
            }),
            ("call argument", |b, t, _| {
                b.op(IrOp::CARG, IrType::Void, REF_NONE, t);
            }),
            ("stored into a table from the stack", |b, t, s| {
                let u = b.sload(1, IrType::Tab, s);
                let k = b.ir.knum(1.0);
                b.guard3(IrOp::TSET, u, k, t, s);
            }),
            ("stored as a global", |b, t, s| {
                let f = b.sload(-2, IrType::Func, s);
                let k = b.ir.kval(TValue::TRUE);
                b.guard3(IrOp::GSET, f, k, t, s);
            }),
        ];
        for (what, add_use) in uses {
            let mut b = B::new();
            let s0 = b.snap(&[]);
            let t = tnew(&mut b);
            let k = b.ir.knum(2.0);
            b.guard3(IrOp::TSET, t, k, k, s0);
            add_use(&mut b, t, s0);
            b.close(&[]);
            assert_eq!(sunk_refs(&b), Vec::<String>::new(), "{what}");
        }
    }

    #[test]
    fn a_store_with_a_variable_key_makes_the_table_escape() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let i = b.sload(0, IrType::Num, s0);
        let t = tnew(&mut b);
        b.guard3(IrOp::TSET, t, i, i, s0);
        b.snap(&[(2, t)]);
        b.close(&[]);
        assert_eq!(sunk_refs(&b), Vec::<String>::new());
    }

    #[test]
    fn tables_carried_round_the_loop_or_written_back_escape() {
        // Written back by an unpeeled loop's back edge.
        let mut b = B::new();
        let t = tnew(&mut b);
        b.close(&[(1, t)]);
        assert_eq!(sunk_refs(&b), Vec::<String>::new());
        // Carried by a PHI (the pre-roll's table and the loop's).
        let mut b = B::new();
        let t = tnew(&mut b);
        b.op(IrOp::HEAD, IrType::Void, REF_NONE, REF_NONE);
        let t2 = tnew(&mut b);
        b.op(IrOp::PHI, IrType::Tab, t, t2);
        b.close(&[(1, t)]);
        assert_eq!(sunk_refs(&b), Vec::<String>::new());
    }

    #[test]
    fn nesting_sinks_both_unless_the_outer_escapes() {
        let build = |escape: bool| {
            let mut b = B::new();
            let s0 = b.snap(&[]);
            let inner = tnew(&mut b);
            let outer = tnew(&mut b);
            let k = b.ir.knum(1.0);
            b.guard3(IrOp::TSET, outer, k, inner, s0);
            b.snap(&[(4, outer)]);
            if escape {
                b.op(IrOp::LEN, IrType::Num, outer, REF_NONE);
            }
            b.close(&[]);
            b
        };
        assert_eq!(sunk_refs(&build(false)), ["0001", "0002", "0003"]);
        assert_eq!(sunk_refs(&build(true)), Vec::<String>::new());
    }

    /// Runs `src` with the JIT at `hotloop=1` and `-O<flag>`; returns its number result,
    /// how many allocations trace 1 sank and how much the collector's count grew.
    fn run_lua(src: &str, flag: &str) -> (f64, usize, usize) {
        let mut lua = crate::vm::api::Lua::new();
        for o in ["hotloop=1", flag] {
            assert!(lua.state().lib.jit.apply(o), "{o}");
        }
        let before = lua.state().gc.total;
        let r = lua.exec(src.as_bytes(), "=t").expect("runs")[0].as_number();
        let st = lua.state();
        let grew = st.gc.total.saturating_sub(before);
        let t = st.jit.trace(1).expect("a trace");
        let n =
            t.ir.ins
                .iter()
                .zip(&t.sunk)
                .filter(|(x, s)| **s && matches!(x.op, IrOp::TNEW | IrOp::TDUP))
                .count();
        (r, n, grew)
    }

    #[test]
    fn a_point_per_iteration_is_not_allocated_on_trace() {
        let src = "collectgarbage('stop') local s = 0 \
                   for i = 1, 2000 do local p = {x = i, y = 1} s = s + p.x + p.y end return s";
        let (r, sunk, grew) = run_lua(src, "+sink");
        let (r_off, sunk_off, grew_off) = run_lua(src, "-sink");
        assert_eq!((r, r_off), (2003000.0, 2003000.0));
        // The pre-roll's table and the loop's.
        assert_eq!((sunk, sunk_off), (2, 0));
        assert!(grew * 10 < grew_off, "sunk: {grew} bytes, not sunk: {grew_off} bytes");
    }

    #[test]
    fn the_exit_plan_replays_stores_before_the_snapshot_in_order() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let inner = tnew(&mut b);
        let outer = tnew(&mut b);
        let (k1, k2) = (b.ir.knum(1.0), b.ir.knum(2.0));
        b.guard3(IrOp::TSET, outer, k1, x, s0);
        b.guard3(IrOp::TSET, outer, k2, inner, s0);
        b.guard3(IrOp::TSET, inner, k1, k2, s0);
        // The same table in two slots, the inner one in a third.
        let s1 = b.snap(&[(1, x), (3, outer), (4, inner), (5, outer)]);
        b.guard(IrOp::LT, IrType::Void, x, x, s1);
        // After the snapshot: not replayed.
        b.guard3(IrOp::TSET, outer, k1, k2, s1);
        b.close(&[]);
        let sunk = run(&b.ir, &b.snaps);
        let plan = Unsink::plan(&b.ir, &sunk, &b.snaps[s1 as usize]);
        let num = |n: f64| TValue::number(n);
        assert_eq!(
            plan,
            Unsink {
                tabs: vec![
                    SunkTab {
                        alloc: SunkAlloc::New(3),
                        stores: vec![(num(1.0), SunkVal::Buf(0)), (num(2.0), SunkVal::Tab(1))]
                    },
                    SunkTab { alloc: SunkAlloc::New(3), stores: vec![(num(1.0), SunkVal::Const(num(2.0)))] },
                ],
                vals: vec![x],
                slots: vec![(3, 0), (4, 1), (5, 0)],
            }
        );
        assert_eq!(Unsink::plan(&b.ir, &sunk, &b.snaps[s0 as usize]), Unsink::default());
    }
}
