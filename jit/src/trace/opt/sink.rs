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
//! The stores that sink are `TSET`, `ASTORE` and `HSTORE` with a constant key (its
//! place in the table is then the same on every run), and the `NOMT` guards of a fresh
//! table (which has no metatable) go with them, as does its `SETMT` (`setmetatable`
//! of a constructor): the exit sets the metatable after replaying the stores, which
//! the trace made as raw stores (the recorder saw to that), so the replay does too.
//!
//! A cdata box (`CDBOX w`: a 64-bit integer or pointer result, ctype `k`) is the same
//! with nothing to replay: folding has replaced its reads by its word `w`
//! (`fold::unbox`), so an exit that names it makes a cdata of ctype `k` holding the
//! value `w` has there. A box carried round a peeled loop is a `PHI` of the pre-roll's
//! box and the loop's; the reads of it in the loop are the pre-roll box's word, which
//! then has a `PHI` of its own with the loop box's word. Such a `PHI` of boxes is no
//! use: in the loop the pre-roll box stands for the current one, whose word is at hand,
//! so both boxes sink (and the `PHI` with them) or neither does.
//!
//! ```text
//!   0016   wrd IADD   0013  0015          0038   wrd IADD   0016  0037
//!   0017 > cdt CDBOX  0016  ctype #10  {sink}   0039 > cdt CDBOX  0038  ctype #10  {sink}
//!   ....   wrd PHI    0016  0038          ....   cdt PHI    0017  0039  {sink}
//! ```
//!
//! An allocation escapes (stays allocated) when anything other than a sinkable store
//! or a box `PHI` uses it:
//!
//! * an instruction that reads it or passes it on: a load forwarding could not remove
//!   (`TGET`, `ALOAD`, `HLOAD`, `LEN`, a `CDPTR` of a box read other than whole), an
//!   identity test, a `CDTYPE` that did not fold, a native call's argument (`CARG`), a
//!   store of it into a global, an upvalue or a table that escapes, a store into a
//!   table with a key that is not a constant, anything this pass does not know;
//! * any other `PHI`: a table carried round a peeled loop lives across the back edge;
//! * the snapshot of the trace's end (`LOOP` of a loop that is not peeled, `LINK`,
//!   the recursive back edge `RLOOP`),
//!   and the bail exit a C call publishes (`CCALL`, for a callback to find the frames
//!   on the stack), which the code itself writes to the stack.
//!
//! An allocation stored into a table that escapes escapes too, and a box of a `PHI`
//! whose other box escapes; that is the only way escape spreads, so a fixpoint over
//! the sinkable stores and box `PHI`s finishes it. An allocation stored only into sunk
//! tables stays sunk (nested objects are made by the exit, in one plan).
//!
//! Snapshots of ordinary exits are not uses: they are what `Unsink` rebuilds from. A
//! store into a sunk table needs no guard: the table is fresh, has no metatable (that
//! would take a call), the recorder never stores with a `nil` or NaN key, and the place
//! an inline store checks (array index, hash node) is where the same stores into the
//! same fresh table always put the key. The exit replays stores by key, as `TSET`.
//! A sunk box loses its guard (`CDBOX` exits only when memory runs out).
//!
//! Sinking runs last, on the trace the backend gets; it changes no instruction, only
//! says which ones the backend skips.

use crate::trace::ir::*;
use crate::trace::snap::Snapshot;
use crate::vm::value::TValue;

/// The key of a store that stays sunk if its table does (a constant key into a table
/// made on trace); its table is `x.a` and its value `x.c`.
pub fn store_key(ir: &IrBuf, x: &IrIns) -> Option<TValue> {
    if !matches!(x.op, IrOp::TSET | IrOp::ASTORE | IrOp::HSTORE) || !is_table(ir, x.a) {
        return None;
    }
    ir.const_value(x.b).or_else(|| ir.const_int(x.b).map(|i| TValue::number(i as f64)))
}

fn is_table(ir: &IrBuf, r: IrRef) -> bool {
    r >= REF_BIAS && matches!(ir.get(r).op, IrOp::TNEW | IrOp::TDUP)
}

fn is_box(ir: &IrBuf, r: IrRef) -> bool {
    r >= REF_BIAS && ir.get(r).op == IrOp::CDBOX
}

/// Whether `x` sets the metatable of a table made on trace; the metatable is `x.b`.
fn sets_metatable(ir: &IrBuf, x: &IrIns) -> bool {
    x.op == IrOp::SETMT && is_table(ir, x.a)
}

/// Whether `x` is a `PHI` of two boxes that may sink together: the same ctype, and
/// their words carried round the loop alike (the same ref, or a `PHI` of their own),
/// so that inside the loop the pre-roll box's word is the current box's.
fn box_phi(ir: &IrBuf, x: &IrIns) -> bool {
    if x.op != IrOp::PHI || !is_box(ir, x.a) || !is_box(ir, x.b) {
        return false;
    }
    let (p, q) = (ir.get(x.a), ir.get(x.b));
    p.k == q.k && (p.a == q.a || ir.ins.iter().any(|y| y.op == IrOp::PHI && (y.a, y.b) == (p.a, q.a)))
}

/// Which instructions are sunk, indexed by instruction (not by ref).
pub fn run(ir: &IrBuf, snaps: &[Snapshot]) -> Vec<bool> {
    let n = ir.ins.len();
    let idx = |r: IrRef| (r >= REF_BIAS).then(|| (r - REF_BIAS) as usize);
    let is_alloc = |r: IrRef| is_table(ir, r) || is_box(ir, r);
    // Sunk with their table: its constant-key stores, its metatable checks and store.
    let sinkable_store = |x: &IrIns| store_key(ir, x).is_some();
    let goes_with_table =
        |x: &IrIns| sinkable_store(x) || x.op == IrOp::NOMT && is_table(ir, x.a) || sets_metatable(ir, x);
    // A peeled loop's back edge writes nothing back (its values stay in registers).
    let peeled = super::head(ir).is_some();
    let box_phis: Vec<bool> = ir.ins.iter().map(|x| box_phi(ir, x)).collect();
    let mut escapes = vec![false; n];
    let mark = |escapes: &mut Vec<bool>, r: IrRef| {
        if let Some(i) = idx(r).filter(|_| is_alloc(r)) {
            escapes[i] = true;
        }
    };
    for (i, x) in ir.ins.iter().enumerate() {
        if goes_with_table(x) || box_phis[i] {
            // A stored value's fate is its table's, a box PHI's boxes share theirs
            // (the fixpoint below).
            continue;
        }
        if matches!(x.op, IrOp::LINK | IrOp::RLOOP | IrOp::CCALL) || x.op == IrOp::LOOP && !peeled {
            for &(_, r) in &snaps[x.snap as usize].entries {
                mark(&mut escapes, r);
            }
        }
        for r in [x.a, x.b, x.c] {
            mark(&mut escapes, r);
        }
    }
    // A value stored into a table that escapes escapes with it; of the two boxes of a
    // PHI, both or neither are made.
    loop {
        let mut changed = false;
        let mut spread = |escapes: &mut Vec<bool>, from: IrRef, to: IrRef| {
            if escapes[(from - REF_BIAS) as usize] && is_alloc(to) && !escapes[(to - REF_BIAS) as usize] {
                escapes[(to - REF_BIAS) as usize] = true;
                changed = true;
            }
        };
        for (i, x) in ir.ins.iter().enumerate() {
            if sinkable_store(x) {
                spread(&mut escapes, x.a, x.c);
            } else if sets_metatable(ir, x) {
                spread(&mut escapes, x.a, x.b);
            } else if box_phis[i] {
                spread(&mut escapes, x.a, x.b);
                spread(&mut escapes, x.b, x.a);
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
            } else if box_phis[i] {
                !escapes[(x.a - REF_BIAS) as usize]
            } else {
                goes_with_table(x) && !escapes[(x.a - REF_BIAS) as usize]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::build::B;
    use super::*;
    use crate::trace::snap::{SunkAlloc, SunkObj, SunkVal, Unsink};

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
    fn inline_slot_stores_and_metatable_checks_sink_with_their_table() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let t = tnew(&mut b);
        b.guard(IrOp::NOMT, IrType::Void, t, REF_NONE, s0);
        let (one, k) = (b.ir.kint(1), b.ir.kval(TValue::TRUE));
        b.ir.emit(IrOp::ASTORE, IrType::Void, t, one, x, STORE_RAW, s0);
        b.ir.emit(IrOp::HSTORE, IrType::Void, t, k, x, STORE_RAW | 2, s0);
        let s1 = b.snap(&[(3, t)]);
        b.guard(IrOp::LT, IrType::Void, x, x, s1);
        b.close(&[]);
        assert_eq!(sunk_refs(&b), ["0002", "0003", "0004", "0005"]);
        let sunk = run(&b.ir, &b.snaps);
        let plan = Unsink::plan(&b.ir, &sunk, &b.snaps[s1 as usize]);
        // The integer constant key is the number it stands for.
        assert_eq!(
            plan.objs[0].stores,
            [(TValue::number(1.0), SunkVal::Buf(0)), (TValue::TRUE, SunkVal::Buf(1))]
        );
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

    /// Runs `src` (a loop making one table per iteration, whose sum is 2003000) with
    /// and without sinking: the same result, the pre-roll's table and the loop's sunk,
    /// and a tenth of the memory.
    fn assert_one_table_per_iteration_sinks(src: &str) {
        let (r, sunk, grew) = run_lua(src, "+sink");
        let (r_off, sunk_off, grew_off) = run_lua(src, "-sink");
        assert_eq!((r, r_off), (2003000.0, 2003000.0));
        assert_eq!((sunk, sunk_off), (2, 0));
        assert!(grew * 10 < grew_off, "sunk: {grew} bytes, not sunk: {grew_off} bytes");
    }

    #[test]
    fn a_point_per_iteration_is_not_allocated_on_trace() {
        assert_one_table_per_iteration_sinks(
            "collectgarbage('stop') local s = 0 \
             for i = 1, 2000 do local p = {x = i, y = 1} s = s + p.x + p.y end return s",
        );
    }

    #[test]
    fn an_object_of_a_class_per_iteration_is_not_allocated_on_trace() {
        assert_one_table_per_iteration_sinks(
            "collectgarbage('stop') local P = {} P.__index = P \
             function P.get(o) return o.x + o.y end local s = 0 \
             for i = 1, 2000 do local p = setmetatable({x = i, y = 1}, P) s = s + p:get() end return s",
        );
    }

    #[test]
    fn the_exit_plan_sets_a_sunk_metatable_after_the_stores() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let class = b.sload(1, IrType::Tab, s0);
        let obj = tnew(&mut b);
        let meta = tnew(&mut b);
        let k = b.ir.knum(1.0);
        b.guard3(IrOp::TSET, obj, k, x, s0);
        b.guard(IrOp::NOMT, IrType::Void, obj, REF_NONE, s0);
        b.ir.emit(IrOp::SETMT, IrType::Void, obj, class, REF_NONE, 0, 0);
        // A fresh metatable sinks with the table it is the metatable of.
        b.guard3(IrOp::TSET, meta, k, class, s0);
        b.guard(IrOp::NOMT, IrType::Void, meta, REF_NONE, s0);
        b.ir.emit(IrOp::SETMT, IrType::Void, meta, obj, REF_NONE, 0, 0);
        let s1 = b.snap(&[(2, meta)]);
        b.guard(IrOp::LT, IrType::Void, x, x, s1);
        b.close(&[]);
        let sunk = run(&b.ir, &b.snaps);
        assert!(sunk.iter().filter(|&&s| s).count() == 8, "{}", b.listing());
        assert_eq!(
            Unsink::plan(&b.ir, &sunk, &b.snaps[s1 as usize]).objs,
            [
                SunkObj {
                    alloc: SunkAlloc::New(3),
                    stores: vec![(TValue::number(1.0), SunkVal::Buf(0))],
                    meta: Some(SunkVal::Obj(1)),
                },
                SunkObj {
                    alloc: SunkAlloc::New(3),
                    stores: vec![(TValue::number(1.0), SunkVal::Buf(1))],
                    meta: Some(SunkVal::Buf(2)),
                },
            ]
        );
    }

    #[test]
    fn a_metatable_escapes_with_its_table() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let obj = tnew(&mut b);
        let meta = tnew(&mut b);
        b.guard(IrOp::NOMT, IrType::Void, obj, REF_NONE, s0);
        b.ir.emit(IrOp::SETMT, IrType::Void, obj, meta, REF_NONE, 0, 0);
        // A load forwarding could not remove.
        b.ir.emit(IrOp::LEN, IrType::Num, obj, REF_NONE, REF_NONE, 0, s0);
        b.close(&[]);
        assert!(sunk_refs(&b).is_empty(), "{}", b.listing());
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
                objs: vec![
                    SunkObj {
                        alloc: SunkAlloc::New(3),
                        stores: vec![(num(1.0), SunkVal::Buf(0)), (num(2.0), SunkVal::Obj(1))],
                        meta: None,
                    },
                    SunkObj {
                        alloc: SunkAlloc::New(3),
                        stores: vec![(num(1.0), SunkVal::Const(num(2.0)))],
                        meta: None
                    },
                ],
                vals: vec![x],
                slots: vec![(3, 0), (4, 1), (5, 0)],
            }
        );
        assert_eq!(Unsink::plan(&b.ir, &sunk, &b.snaps[s0 as usize]), Unsink::default());
    }

    /// A peeled loop carrying a 64-bit integer box: the pre-roll's box and the loop's,
    /// their words and (if `phi_words`) the `PHI` of the words; `use_box` adds a use of
    /// the loop's box. Returns the builder and the first exit inside the loop.
    fn box_loop(phi_words: bool, use_box: Option<fn(&mut B, IrRef, u32)>) -> (B, u32) {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Word, s0);
        let w1 = b.op(IrOp::IADD, IrType::Word, x, x);
        let b1 = b.ir.emit(IrOp::CDBOX, IrType::Cdata, w1, REF_NONE, REF_NONE, 10, s0);
        b.op(IrOp::HEAD, IrType::Void, REF_NONE, REF_NONE);
        let w2 = b.op(IrOp::IADD, IrType::Word, w1, x);
        // An exit in the loop naming the current box (the pre-roll's ref stands for it).
        let s1 = b.snap(&[(1, b1)]);
        b.guard(IrOp::ICMP, IrType::Void, w2, x, s1);
        let b2 = b.ir.emit(IrOp::CDBOX, IrType::Cdata, w2, REF_NONE, REF_NONE, 10, s1);
        if let Some(f) = use_box {
            f(&mut b, b2, s1);
        }
        b.op(IrOp::PHI, IrType::Cdata, b1, b2);
        if phi_words {
            b.op(IrOp::PHI, IrType::Word, w1, w2);
        }
        b.close(&[(1, b1)]);
        (b, s1)
    }

    #[test]
    fn a_box_carried_round_the_loop_with_its_word_sinks_with_its_phi() {
        let (b, s1) = box_loop(true, None);
        assert_eq!(sunk_refs(&b), ["0003", "0007", "0008"]);
        let sunk = run(&b.ir, &b.snaps);
        // The exit makes a cdata of ctype 10 holding the pre-roll word's current value.
        let plan = Unsink::plan(&b.ir, &sunk, &b.snaps[s1 as usize]);
        assert_eq!(
            plan,
            Unsink {
                objs: vec![SunkObj {
                    alloc: SunkAlloc::Cdata { ctype: 10, payload: 0 },
                    stores: vec![],
                    meta: None
                }],
                vals: vec![REF_BIAS + 1],
                slots: vec![(1, 0)],
            }
        );
    }

    #[test]
    fn boxes_escape_through_uses_phis_without_their_words_and_each_other() {
        // Without a PHI of the words, the pre-roll word in the loop is not the current one.
        assert_eq!(sunk_refs(&box_loop(false, None).0), Vec::<String>::new());
        let uses: [(&str, fn(&mut B, IrRef, u32)); 4] = [
            ("call argument", |b, x, _| {
                b.op(IrOp::CARG, IrType::Void, REF_NONE, x);
            }),
            ("identity", |b, x, s| {
                let u = b.sload(2, IrType::Cdata, s);
                b.guard(IrOp::EQV, IrType::Void, x, u, s);
            }),
            ("payload address", |b, x, _| {
                b.op(IrOp::CDPTR, IrType::Word, x, REF_NONE);
            }),
            ("type check of another type", |b, x, s| {
                b.ir.emit(IrOp::CDTYPE, IrType::Void, x, REF_NONE, REF_NONE, 11, s);
            }),
        ];
        for (what, f) in uses {
            // The loop's box escapes, so the pre-roll's (its PHI partner) does too.
            assert_eq!(sunk_refs(&box_loop(true, Some(f)).0), Vec::<String>::new(), "{what}");
        }
    }

    #[test]
    fn a_box_stored_into_a_sunk_table_is_made_before_the_store_is_replayed() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Word, s0);
        let bx = b.ir.emit(IrOp::CDBOX, IrType::Cdata, x, REF_NONE, REF_NONE, 10, s0);
        let t = tnew(&mut b);
        let k = b.ir.kval(TValue::TRUE);
        b.guard3(IrOp::TSET, t, k, bx, s0);
        let s1 = b.snap(&[(3, t)]);
        b.guard(IrOp::ICMP, IrType::Void, x, x, s1);
        b.close(&[]);
        assert_eq!(sunk_refs(&b), ["0002", "0003", "0004"]);
        let sunk = run(&b.ir, &b.snaps);
        let plan = Unsink::plan(&b.ir, &sunk, &b.snaps[s1 as usize]);
        assert_eq!(
            plan.objs,
            [
                SunkObj {
                    alloc: SunkAlloc::New(3),
                    stores: vec![(TValue::TRUE, SunkVal::Obj(1))],
                    meta: None
                },
                SunkObj { alloc: SunkAlloc::Cdata { ctype: 10, payload: 0 }, stores: vec![], meta: None },
            ]
        );
        assert_eq!(plan.vals, [x]);
    }

    #[test]
    fn an_int64_hash_per_iteration_is_not_allocated_on_trace() {
        let src = "collectgarbage('stop') local h = 0ULL \
                   for i = 1, 2000 do h = h * 31ULL + i end return tonumber(h % 1000000ULL)";
        let count = |flag| {
            let mut lua = crate::vm::api::Lua::new();
            for o in ["hotloop=1", flag] {
                assert!(lua.state().lib.jit.apply(o), "{o}");
            }
            let before = lua.state().gc.total;
            let r = lua.exec(src.as_bytes(), "=t").expect("runs")[0].as_number();
            let st = lua.state();
            let t = st.jit.trace(1).expect("a trace");
            let n = t.ir.ins.iter().zip(&t.sunk).filter(|(x, s)| **s && x.op == IrOp::CDBOX).count();
            (r, n, st.gc.total.saturating_sub(before))
        };
        let ((r, sunk, grew), (r_off, sunk_off, grew_off)) = (count("+sink"), count("-sink"));
        assert_eq!(r, r_off);
        // `h * 31ULL` and `... + i`, in the pre-roll and in the loop.
        assert_eq!((sunk, sunk_off), (4, 0));
        assert!(grew * 10 < grew_off, "sunk: {grew} bytes, not sunk: {grew_off} bytes");
    }
}
