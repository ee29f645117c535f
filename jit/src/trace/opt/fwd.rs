//! Load forwarding and store-to-load forwarding (`-Ofwd`).
//!
//! While walking the trace, forwarding remembers what memory is known to hold:
//!
//! ```text
//!   TGET t k  -> r      "t[k] is r"        (load-to-load: a later TGET t k is r;
//!                                           TGETR, the raw load, alike)
//!   TSET t k v          "t[k] is v"        (store-to-load: a later TGET t k is v)
//!   ALOAD/HLOAD, ASTORE/HSTORE   the same: a table slot is one memory whichever
//!                       part it is in, so the helpers' and the inline accesses mix
//!   GGET f k, GSET f k v  the same for the closure's environment
//!   UGET f #n, LEN t      the same for upvalues and lengths
//!   FENV f                "f's environment is r" (only a call, `setfenv`, changes it)
//!   NOMT t                "t has no metatable" (until a `SETMT` of a table that
//!                         may be t; a metatable changes no slot)
//!   SETMT t m, MTLOAD t   "t's metatable is m" (the same for the metatable itself)
//! ```
//!
//! A load forwarded from an earlier one drops its own guards (bounds, node key): they
//! only decide where the value is, and the value is the earlier load's, unchanged
//! since (a store that grows the table moves slots, not values).
//!
//! and forgets it at any write that may alias. Alias analysis is deliberately simple
//! and sound: two keys are surely different only if both are constants with different
//! values (`0` and `-0` are one key); two tables are surely different only if one is
//! an allocation on trace and the other existed before it (`tables_may_alias`). A raw
//! load (`TGETR`) of a constant key from a table made on trace, which nothing since may
//! have stored to, is `nil` unless its template has the key (`fresh_miss`): the first
//! step of a method lookup in a new object. Everything else may alias: a store kills every fact
//! it may touch, the environment may be any table, an opcode forwarding does not know
//! kills everything.
//!
//! A load replaced by a stored value must keep its meaning as a checked value: the
//! recorder follows every `TGET`/`GGET` by a `TYPE` check, so a store is forwarded only
//! if every use of the load is such a check of the stored value's own type (which then
//! folds to the value), and never a `nil` (a `nil` may mean `__index` in the
//! interpreter). Facts do not cross `HEAD` (see `opt`).

use super::fold::konst;
use super::{Class, Rebuild, class};
use crate::trace::ir::*;
use crate::trace::snap::Snapshot;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mem {
    /// A table slot, `t[k]`.
    Slot,
    /// A global: `k` of the environment of closure `t`.
    Global,
    /// Upvalue `k` (a literal) of closure `t`.
    Upval,
    /// `#t`.
    Len,
    /// Whether table `t` has a metatable.
    Meta,
    /// Table `t`'s metatable.
    MetaVal,
    /// The environment of closure `t` (only `setfenv`, a call, changes it).
    Env,
}

#[derive(Clone, Copy)]
struct Fact {
    mem: Mem,
    t: IrRef,
    k: IrRef,
    /// The value there: a load's result (boxed) or a stored value (any type).
    val: IrRef,
    stored: bool,
}

pub fn run(ir: &mut IrBuf, snaps: &mut [Snapshot]) {
    let only_checked = checked_uses(ir, snaps);
    let mut rb = Rebuild::new(ir);
    let mut facts: Vec<Fact> = Vec::new();
    // `TYPE` checks made in this region: (value, type, the check's ref).
    let mut checks: Vec<(IrRef, IrType, IrRef)> = Vec::new();
    for (i, x) in ir.ins.iter().enumerate() {
        let x = rb.renamed(x);
        let out = &rb.out;
        if let Some((mem, t, k)) = loaded(&x) {
            let hit = facts.iter().rev().find(|f| f.mem == mem && f.t == t && f.k == k).copied();
            let usable = hit.filter(|f| {
                if !f.stored {
                    return true;
                }
                let vt = out.get(f.val).t;
                !matches!(vt, IrType::Nil | IrType::Any | IrType::Void | IrType::Word)
                    && only_checked[i] == Some(vt)
            });
            match usable {
                Some(f) => rb.replace(f.val),
                None if x.op == IrOp::TGETR && fresh_miss(out, t, k) => {
                    let nil = rb.out.kval(crate::vm::value::TValue::NIL);
                    rb.replace(nil);
                }
                None => {
                    let r = rb.keep(x);
                    facts.push(Fact { mem, t, k, val: r, stored: false });
                }
            }
            continue;
        }
        if clobbers_all(&x) {
            facts.clear();
        } else {
            facts.retain(|f| !clobbers(out, &x, f.mem, f.t, f.k));
        }
        match x.op {
            IrOp::TSET | IrOp::ASTORE | IrOp::HSTORE => {
                facts.push(Fact { mem: Mem::Slot, t: x.a, k: x.b, val: x.c, stored: true })
            }
            IrOp::GSET => facts.push(Fact { mem: Mem::Global, t: x.a, k: x.b, val: x.c, stored: true }),
            IrOp::SETMT => {
                facts.push(Fact { mem: Mem::MetaVal, t: x.a, k: REF_NONE, val: x.b, stored: true })
            }
            IrOp::USET => {
                facts.push(Fact { mem: Mem::Upval, t: x.a, k: x.k as IrRef, val: x.b, stored: true })
            }
            IrOp::HEAD => {
                facts.clear();
                checks.clear();
            }
            _ => {}
        }
        // A check of a value of the checked type (a forwarded store) is the value; a
        // second check of a forwarded load is the first one (so loads through it, such
        // as `math.sqrt` after `math`, forward too).
        let earlier = checks.iter().find(|c| (c.0, c.1) == (x.a, x.t)).map(|c| c.2);
        if x.op == IrOp::TYPE && rb.out.get(x.a).t == x.t {
            rb.replace(x.a);
        } else if x.op == IrOp::TYPE
            && let Some(r) = earlier
        {
            rb.replace(r);
        } else {
            let (a, t) = (x.a, x.t);
            let r = rb.keep(x);
            if x.op == IrOp::TYPE {
                checks.push((a, t, r));
            }
            if x.op == IrOp::TDUP {
                template_facts(&mut rb.out, r, &mut facts);
            }
        }
    }
    *ir = rb.finish(snaps);
}

/// Marks the `HLOAD`s and `HSTORE`s whose node an earlier one already checked, on the
/// trace as the backend gets it (after peeling and sinking; `sunk` as `opt::sink`
/// returns it), so that the checks it leaves out are ones the machine code makes:
///
/// ```text
///   0007 > any HLOAD   0006 "x"  node #6         checks node.len > 6, node 6's key
///   0011 > any HLOAD   0006 "y"  node #0  sized  checks node 0's key only
///   0061 >     HSTORE  0006 "y"  0059  node #0  keyed  checks nothing
/// ```
///
/// What an access checked holds until something may move a key to another node or
/// resize the hash part (`may_resize`): a store that may insert (`TSET` of a table that
/// may be the same, `GSET` into any environment) or an opcode this pass does not know.
/// Stores into existing slots (`HSTORE`, `ASTORE`) move nothing. A sunk store is no
/// check: the backend skips it.
///
/// At `HEAD` the pre-roll's checks of an invariant table (no `PHI`) stay if nothing in
/// the loop may resize it: they then hold in every iteration, and the loop's accesses
/// of the table check nothing at all (LuaJIT's `HREFK` hoisted). Every other table is
/// checked afresh by the loop.
pub fn mark_nodes(ir: &mut IrBuf, sunk: &[bool]) {
    // (table, key, node): the node was seen to hold the key; (table, n): the hash
    // part was seen to have more than n nodes.
    let mut keyed: Vec<(IrRef, IrRef, u64)> = Vec::new();
    let mut sized: Vec<(IrRef, u64)> = Vec::new();
    for i in 0..ir.ins.len() {
        let x = ir.ins[i];
        if sunk.get(i).copied().unwrap_or(false) {
            continue;
        }
        match x.op {
            IrOp::HLOAD | IrOp::HSTORE => {
                let n = x.k & NODE_MASK;
                if keyed.contains(&(x.a, x.b, n)) {
                    ir.ins[i].k |= NODE_KEYED;
                    continue;
                }
                keyed.push((x.a, x.b, n));
                match sized.iter().position(|s| s.0 == x.a) {
                    Some(j) if sized[j].1 >= n => ir.ins[i].k |= NODE_SIZED,
                    j => {
                        // One check of the size for the accesses that follow.
                        let m = node_bound(ir, sunk, i);
                        if m > n {
                            ir.ins[i].k |= m << NODE_BOUND_SHIFT;
                        }
                        let m = m.max(n);
                        match j {
                            Some(j) => sized[j].1 = m,
                            None => sized.push((x.a, m)),
                        }
                    }
                }
            }
            IrOp::HEAD => {
                let body = &ir.ins[i + 1..];
                let stays =
                    |t: IrRef| !body.iter().any(|w| w.op == IrOp::PHI && w.a == t || may_resize(ir, w, t));
                keyed.retain(|f| stays(f.0));
                sized.retain(|f| stays(f.0));
            }
            _ => {
                keyed.retain(|f| !may_resize(ir, &x, f.0));
                sized.retain(|f| !may_resize(ir, &x, f.0));
            }
        }
    }
}

/// How far `node_bound` looks ahead (a bound on the pass's work per access).
const MAX_BOUND_SCAN: usize = 1024;

/// The highest node index of the `HLOAD`s and `HSTORE`s of the table of access `i`
/// from it up to the next instruction that may resize the table (or `HEAD`, or
/// `MAX_BOUND_SCAN` instructions on), if it fits the bound's field (else 0: each
/// access checks for itself).
fn node_bound(ir: &IrBuf, sunk: &[bool], i: usize) -> u64 {
    let t = ir.ins[i].a;
    let mut m = 0;
    for (j, w) in ir.ins.iter().enumerate().skip(i).take(MAX_BOUND_SCAN) {
        if w.op == IrOp::HEAD || may_resize(ir, w, t) {
            break;
        }
        if matches!(w.op, IrOp::HLOAD | IrOp::HSTORE) && w.a == t && !sunk.get(j).copied().unwrap_or(false) {
            m = m.max(w.k & NODE_MASK);
        }
    }
    if m < 1 << (64 - NODE_BOUND_SHIFT) { m } else { 0 }
}

/// Whether `w` may insert a key into table `t` or resize it, which moves keys.
fn may_resize(ir: &IrBuf, w: &IrIns, t: IrRef) -> bool {
    match w.op {
        IrOp::TSET => tables_may_alias(ir, t, w.a),
        IrOp::GSET => true,
        _ => clobbers_all(w),
    }
}

/// Most entries of a `TDUP` template that become facts (each one a constant).
const MAX_TEMPLATE_FACTS: usize = 64;

/// A copy of a template holds the template's entries until a store says otherwise:
/// `{x = 0}.x` is 0 without a load, which lets a table whose every load is known stay
/// unallocated (`opt::sink`). Templates are constants of the prototype, never written.
fn template_facts(out: &mut IrBuf, tdup: IrRef, facts: &mut Vec<Fact>) {
    let Some(tpl) = out.const_value(out.get(tdup).a).filter(|v| v.is_table()) else { return };
    // SAFETY: the template is a constant of a prototype on trace, which the recorder
    // and the collector keep alive; nothing runs while the optimiser does.
    let tpl = unsafe { &*tpl.ptr::<crate::vm::table::Table>() };
    let mut key = crate::vm::value::TValue::NIL;
    let mut entries = Vec::new();
    while let Ok(Some((k, v))) = tpl.next(key) {
        if entries.len() == MAX_TEMPLATE_FACTS {
            return;
        }
        entries.push((k, v));
        key = k;
    }
    for (k, v) in entries {
        let (k, val) = (out.kval(k), out.kval(v));
        facts.push(Fact { mem: Mem::Slot, t: tdup, k, val, stored: true });
    }
}

/// For each instruction, `Some(t)` if it has uses and every use is a `TYPE` check to
/// type `t` (no snapshot names it).
fn checked_uses(ir: &IrBuf, snaps: &[Snapshot]) -> Vec<Option<IrType>> {
    // None: no use yet; Some(Some(t)): checks to t; Some(None): some other use.
    let mut u: Vec<Option<Option<IrType>>> = vec![None; ir.ins.len()];
    let mut note = |r: IrRef, t: Option<IrType>| {
        if r != REF_NONE && !IrBuf::is_const(r) {
            let e = &mut u[(r - REF_BIAS) as usize];
            *e = match *e {
                None => Some(t),
                Some(old) if old == t => Some(t),
                Some(_) => Some(None),
            };
        }
    };
    for x in &ir.ins {
        if x.op == IrOp::TYPE {
            note(x.a, Some(x.t));
            note(x.b, None);
            note(x.c, None);
        } else {
            for r in [x.a, x.b, x.c] {
                note(r, None);
            }
        }
    }
    for s in snaps {
        for &(_, r) in &s.entries {
            note(r, None);
        }
    }
    u.into_iter().map(|e| e.flatten()).collect()
}

/// What memory a load reads: its kind, table (or closure) and key.
pub fn loaded(x: &IrIns) -> Option<(Mem, IrRef, IrRef)> {
    match x.op {
        IrOp::TGET | IrOp::TGETR | IrOp::ALOAD | IrOp::HLOAD => Some((Mem::Slot, x.a, x.b)),
        IrOp::NOMT => Some((Mem::Meta, x.a, REF_NONE)),
        IrOp::MTLOAD => Some((Mem::MetaVal, x.a, REF_NONE)),
        IrOp::GGET => Some((Mem::Global, x.a, x.b)),
        IrOp::UGET => Some((Mem::Upval, x.a, x.k as IrRef)),
        IrOp::LEN => Some((Mem::Len, x.a, REF_NONE)),
        IrOp::FENV => Some((Mem::Env, x.a, REF_NONE)),
        _ => None,
    }
}

/// Whether `w` may write any memory at all that a load reads (an opcode this pass does
/// not know is assumed to).
fn clobbers_all(w: &IrIns) -> bool {
    match w.op {
        IrOp::TSET | IrOp::ASTORE | IrOp::HSTORE | IrOp::GSET | IrOp::USET | IrOp::SETMT => false,
        // Pure values, checks, allocations, metamethod lookups, the open-upvalue check
        // and the loop's bookkeeping write nothing a load reads.
        IrOp::CAT
        | IrOp::MMGET
        | IrOp::UREFO
        | IrOp::TNEW
        | IrOp::TDUP
        | IrOp::LOOPCHK
        | IrOp::HEAD
        | IrOp::PHI
        | IrOp::LOOP
        | IrOp::LINK => false,
        op => !matches!(class(op), Class::Pure | Class::Check | Class::Load),
    }
}

/// Whether `w` may change what the load of (`mem`, `t`, `k`) reads.
pub fn clobbers(ir: &IrBuf, w: &IrIns, mem: Mem, t: IrRef, k: IrRef) -> bool {
    if clobbers_all(w) {
        return true;
    }
    let tstore = matches!(w.op, IrOp::TSET | IrOp::ASTORE | IrOp::HSTORE);
    match (w.op, mem) {
        (_, Mem::Slot) if tstore => may_alias(ir, t, k, w.a, w.b),
        // The environment may be any table.
        (_, Mem::Global) if tstore => keys_may_alias(ir, k, w.b),
        (IrOp::GSET, Mem::Global) | (IrOp::GSET, Mem::Slot) => keys_may_alias(ir, k, w.b),
        (_, Mem::Len) if tstore => tables_may_alias(ir, t, w.a),
        (IrOp::GSET, Mem::Len) => true,
        (IrOp::USET, Mem::Upval) => true,
        (IrOp::SETMT, Mem::Meta | Mem::MetaVal) => tables_may_alias(ir, t, w.a),
        _ => false,
    }
}

fn is_alloc(ir: &IrBuf, r: IrRef) -> bool {
    !IrBuf::is_const(r) && matches!(ir.get(r).op, IrOp::TNEW | IrOp::TDUP)
}

/// Two tables are different if one is an allocation and the other a value that
/// existed before it ran: a constant, or any earlier ref (in a peeled loop, a ref with
/// a `PHI` is the value the iteration started with, also made before).
pub fn tables_may_alias(ir: &IrBuf, t1: IrRef, t2: IrRef) -> bool {
    let fresh_after = |a: IrRef, b: IrRef| is_alloc(ir, a) && (IrBuf::is_const(b) || b < a);
    t1 == t2 || !(fresh_after(t1, t2) || fresh_after(t2, t1))
}

/// Whether raw `t[k]` is surely nil: `t` is a table made in this region of the trace
/// whose template (if any) has no constant key `k`, and nothing since may have stored
/// there.
fn fresh_miss(out: &IrBuf, t: IrRef, k: IrRef) -> bool {
    if !is_alloc(out, t) {
        return false;
    }
    let Some(key) = konst(out, k) else { return false };
    let alloc = out.get(t);
    if alloc.op == IrOp::TDUP {
        let Some(tpl) = out.const_value(alloc.a).filter(|v| v.is_table()) else { return false };
        // SAFETY: as in `template_facts`.
        if !unsafe { (*tpl.ptr::<crate::vm::table::Table>()).get(key) }.is_nil() {
            return false;
        }
    }
    out.ins[(t - REF_BIAS) as usize + 1..]
        .iter()
        .all(|w| w.op != IrOp::HEAD && !clobbers(out, w, Mem::Slot, t, k))
}

fn keys_may_alias(ir: &IrBuf, k1: IrRef, k2: IrRef) -> bool {
    match (konst(ir, k1), konst(ir, k2)) {
        (Some(a), Some(b)) if a.is_number() && b.is_number() => a.as_number() == b.as_number(),
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Whether `t1[k1]` and `t2[k2]` may be the same slot.
pub fn may_alias(ir: &IrBuf, t1: IrRef, k1: IrRef, t2: IrRef, k2: IrRef) -> bool {
    tables_may_alias(ir, t1, t2) && keys_may_alias(ir, k1, k2)
}

#[cfg(test)]
mod tests {
    use super::super::build::B;
    use super::*;
    use crate::vm::value::TValue;

    /// An `HLOAD` of node `n` (an `HSTORE` of `x` there) of table `t` under key `k`.
    fn node_access(b: &mut B, op: IrOp, t: IrRef, k: IrRef, x: IrRef, n: u64, snap: u32) -> IrRef {
        let (ty, c) = if op == IrOp::HLOAD { (IrType::Any, REF_NONE) } else { (IrType::Void, x) };
        b.ir.emit(op, ty, t, k, c, n, snap)
    }

    /// The check flags `mark_nodes` gave each `HLOAD`/`HSTORE`, in trace order.
    fn node_flags(ir: &IrBuf) -> Vec<u64> {
        ir.ins
            .iter()
            .filter(|x| matches!(x.op, IrOp::HLOAD | IrOp::HSTORE))
            .map(|x| x.k & !NODE_MASK)
            .collect()
    }

    #[test]
    fn node_checks_hold_until_a_table_may_be_resized() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let u = b.sload(1, IrType::Tab, s0);
        let x = b.sload(2, IrType::Num, s0);
        let (k1, k2, k3) = (b.ir.knum(1.5), b.ir.knum(2.5), b.ir.knum(3.5));
        let node = |b: &mut B, op, t, k, n| node_access(b, op, t, k, x, n, s0);
        node(&mut b, IrOp::HLOAD, t, k1, 3);
        // Node 1 is below node 3: the part is big enough, the key is to check.
        node(&mut b, IrOp::HLOAD, t, k2, 1);
        // Node 3 holds k1 already.
        node(&mut b, IrOp::HSTORE, t, k1, 3);
        // Another table ref knows nothing; a store that may insert into it (it may be
        // t) forgets t's nodes.
        node(&mut b, IrOp::HLOAD, u, k1, 3);
        b.guard3(IrOp::TSET, u, k3, x, s0);
        node(&mut b, IrOp::HSTORE, t, k1, 3);
        node(&mut b, IrOp::HLOAD, t, k2, 5);
        // Inserting into a table made since cannot move t's keys; a sunk store is no
        // check.
        let fresh = b.op(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE);
        b.guard3(IrOp::TSET, fresh, k3, x, s0);
        node(&mut b, IrOp::HSTORE, t, k2, 5);
        node(&mut b, IrOp::HSTORE, t, k3, 7);
        node(&mut b, IrOp::HLOAD, t, k3, 7);
        // The loop checks afresh what it may resize.
        b.op(IrOp::HEAD, IrType::Void, REF_NONE, REF_NONE);
        node(&mut b, IrOp::HLOAD, t, k2, 5);
        b.guard3(IrOp::TSET, t, k3, x, s0);
        let mut sunk = vec![false; b.ir.ins.len()];
        sunk[13] = true; // the HSTORE at node 7
        mark_nodes(&mut b.ir, &sunk);
        let flags = node_flags(&b.ir);
        // After the resize, the first access checks the size for node 7, the highest
        // its table's accesses use before the loop.
        let (none, sized, keyed, seven) = (0, NODE_SIZED, NODE_KEYED, 7 << NODE_BOUND_SHIFT);
        assert_eq!(flags, [none, sized, keyed, none, seven, sized, keyed, none, sized, none]);
    }

    #[test]
    fn node_checks_of_invariant_tables_hold_in_the_loop() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let u = b.sload(1, IrType::Tab, s0);
        let x = b.sload(2, IrType::Num, s0);
        let (k1, k2) = (b.ir.knum(1.5), b.ir.knum(2.5));
        let node = |b: &mut B, op, t, k, n| node_access(b, op, t, k, x, n, s0);
        node(&mut b, IrOp::HLOAD, t, k1, 3);
        node(&mut b, IrOp::HLOAD, u, k1, 3);
        b.op(IrOp::HEAD, IrType::Void, REF_NONE, REF_NONE);
        // t is the same table in every iteration, and nothing inserts into it (a new
        // table does not count); u is another table in the next iteration.
        node(&mut b, IrOp::HLOAD, t, k1, 3);
        node(&mut b, IrOp::HSTORE, t, k2, 1);
        node(&mut b, IrOp::HLOAD, u, k1, 3);
        let fresh = b.op(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE);
        b.guard3(IrOp::TSET, fresh, k1, x, s0);
        let v = b.sload(3, IrType::Tab, s0);
        b.op(IrOp::PHI, IrType::Tab, u, v);
        mark_nodes(&mut b.ir, &[]);
        let flags = node_flags(&b.ir);
        assert_eq!(flags, [0, 0, NODE_KEYED, NODE_SIZED, 0]);
    }

    #[test]
    fn stores_forward_to_loads_until_an_alias_may_write() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let u = b.sload(1, IrType::Tab, s0);
        let x = b.sload(2, IrType::Num, s0);
        let (k1, k2) = (b.ir.knum(1.0), b.ir.knum(2.0));
        b.guard3(IrOp::TSET, t, k1, x, s0);
        // t[2] = x cannot change t[1]; the load is x.
        b.guard3(IrOp::TSET, t, k2, x, s0);
        let g = b.guard(IrOp::TGET, IrType::Any, t, k1, s0);
        let v = b.guard(IrOp::TYPE, IrType::Num, g, REF_NONE, s0);
        // u may be t: after u[1] = v, t[1] must be loaded.
        b.guard3(IrOp::TSET, u, k1, v, s0);
        let g2 = b.guard(IrOp::TGET, IrType::Any, t, k1, s0);
        let v2 = b.guard(IrOp::TYPE, IrType::Num, g2, REF_NONE, s0);
        // A second load of t[1] is the first, and so is its check.
        let g3 = b.guard(IrOp::TGET, IrType::Any, t, k1, s0);
        let v3 = b.guard(IrOp::TYPE, IrType::Num, g3, REF_NONE, s0);
        b.snap(&[(3, v2), (4, v3)]);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > tab SLOAD   #0  -> 0
0002 > tab SLOAD   #1  -> 0
0003 > num SLOAD   #2  -> 0
0004 >     TSET    0001  +1  0003  -> 0
0005 >     TSET    0001  +2  0003  -> 0
0006 >     TSET    0002  +1  0003  -> 0
0007 > any TGET    0001  +1  -> 0
0008 > num TYPE    0007  -> 0
SNAP #0 [  ]
SNAP #1 [ 3:0008 4:0008 ]
"
        );
    }

    #[test]
    fn nil_stores_and_zero_keys_are_not_trusted() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.op(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE);
        let (z, nz, nil) = (b.ir.knum(0.0), b.ir.knum(-0.0), b.ir.kval(crate::vm::value::TValue::NIL));
        b.guard3(IrOp::TSET, t, z, nil, s0);
        let g = b.guard(IrOp::TGET, IrType::Any, t, z, s0);
        let v = b.guard(IrOp::TYPE, IrType::Nil, g, REF_NONE, s0);
        let one = b.ir.knum(1.0);
        b.guard3(IrOp::TSET, t, z, one, s0);
        // t[-0] is t[0].
        b.guard3(IrOp::TSET, t, nz, z, s0);
        let g2 = b.guard(IrOp::TGET, IrType::Any, t, z, s0);
        let v2 = b.guard(IrOp::TYPE, IrType::Num, g2, REF_NONE, s0);
        b.snap(&[(1, v), (2, v2)]);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001   tab TNEW
0002 >     TSET    0001  +0  nil  -> 0
0003 > any TGET    0001  +0  -> 0
0004 > nil TYPE    0003  -> 0
0005 >     TSET    0001  +0  +1  -> 0
0006 >     TSET    0001  -0  +0  -> 0
0007 > any TGET    0001  +0  -> 0
0008 > num TYPE    0007  -> 0
SNAP #0 [  ]
SNAP #1 [ 1:0004 2:0008 ]
"
        );
    }

    #[test]
    fn a_load_through_a_forwarded_load_forwards_too() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let env = b.sload(0, IrType::Tab, s0);
        let (kmath, ksqrt) = (b.ir.kval(TValue::TRUE), b.ir.kval(TValue::FALSE));
        let mut sqrt = || {
            let m = b.guard(IrOp::TGET, IrType::Any, env, kmath, s0);
            let m = b.guard(IrOp::TYPE, IrType::Tab, m, REF_NONE, s0);
            let f = b.guard(IrOp::TGET, IrType::Any, m, ksqrt, s0);
            b.guard(IrOp::TYPE, IrType::Func, f, REF_NONE, s0)
        };
        let (f1, f2) = (sqrt(), sqrt());
        b.snap(&[(1, f1), (2, f2)]);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > tab SLOAD   #0  -> 0
0002 > any TGET    0001  true  -> 0
0003 > tab TYPE    0002  -> 0
0004 > any TGET    0003  false  -> 0
0005 > fun TYPE    0004  -> 0
SNAP #0 [  ]
SNAP #1 [ 1:0005 2:0005 ]
"
        );
    }

    #[test]
    fn a_metatable_store_kills_only_what_it_tells_about_its_table() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let x = b.sload(0, IrType::Num, s0);
        let mt = b.sload(1, IrType::Tab, s0);
        let t = b.ir.emit(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE, REF_NONE, 0, s0);
        let u = b.ir.emit(IrOp::TNEW, IrType::Tab, REF_NONE, REF_NONE, REF_NONE, 0, s0);
        let k = b.ir.kval(TValue::TRUE);
        b.ir.emit(IrOp::HSTORE, IrType::Void, t, k, x, 0, s0);
        b.ir.emit(IrOp::NOMT, IrType::Void, t, REF_NONE, REF_NONE, 0, s0);
        b.ir.emit(IrOp::NOMT, IrType::Void, u, REF_NONE, REF_NONE, 0, s0);
        b.ir.emit(IrOp::SETMT, IrType::Void, t, mt, REF_NONE, 0, 0);
        // u is another allocation: still without a metatable. t has one now, but
        // t[true] is still x.
        b.ir.emit(IrOp::NOMT, IrType::Void, u, REF_NONE, REF_NONE, 0, s0);
        b.ir.emit(IrOp::NOMT, IrType::Void, t, REF_NONE, REF_NONE, 0, s0);
        let g = b.ir.emit(IrOp::HLOAD, IrType::Any, t, k, REF_NONE, 0, s0);
        let v = b.guard(IrOp::TYPE, IrType::Num, g, REF_NONE, s0);
        b.snap(&[(2, v)]);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002 > tab SLOAD   #1  -> 0
0003   tab TNEW
0004   tab TNEW
0005 >     HSTORE  0003  true  0001  node #0  -> 0
0006 >     NOMT    0003  -> 0
0007 >     NOMT    0004  -> 0
0008       SETMT   0003  0002
0009 >     NOMT    0003  -> 0
SNAP #0 [  ]
SNAP #1 [ 2:0001 ]
"
        );
    }

    #[test]
    fn inline_slots_forward_like_the_helpers() {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let t = b.sload(0, IrType::Tab, s0);
        let u = b.sload(1, IrType::Tab, s0);
        let i = b.sload(2, IrType::Num, s0);
        let x = b.sload(3, IrType::Num, s0);
        let (kx, ky) = (b.ir.kval(TValue::TRUE), b.ir.kval(TValue::FALSE));
        b.ir.emit(IrOp::ASTORE, IrType::Void, t, i, x, 0, s0);
        // t.x = x at a node: a different constant key from t[i]? i is no constant, so
        // the fact about t[i] dies.
        b.ir.emit(IrOp::HSTORE, IrType::Void, t, kx, x, 3, s0);
        let g1 = b.ir.emit(IrOp::ALOAD, IrType::Any, t, i, REF_NONE, 0, s0);
        let v1 = b.guard(IrOp::TYPE, IrType::Num, g1, REF_NONE, s0);
        // t[y] (another constant) keeps t[x]; the load of t.x is the stored x.
        b.ir.emit(IrOp::HSTORE, IrType::Void, t, ky, v1, 1, s0);
        let g2 = b.ir.emit(IrOp::HLOAD, IrType::Any, t, kx, REF_NONE, 3, s0);
        let v2 = b.guard(IrOp::TYPE, IrType::Num, g2, REF_NONE, s0);
        // u may be t: after u[i] = x, t[i] is loaded again.
        b.ir.emit(IrOp::ASTORE, IrType::Void, u, i, x, 0, s0);
        let g3 = b.ir.emit(IrOp::ALOAD, IrType::Any, t, i, REF_NONE, 0, s0);
        let v3 = b.guard(IrOp::TYPE, IrType::Num, g3, REF_NONE, s0);
        // Stores do not give a table a metatable: the second check is the first.
        b.ir.emit(IrOp::NOMT, IrType::Void, u, REF_NONE, REF_NONE, 0, s0);
        b.ir.emit(IrOp::NOMT, IrType::Void, u, REF_NONE, REF_NONE, 0, s0);
        b.snap(&[(4, v1), (5, v2), (6, v3)]);
        run(&mut b.ir, &mut b.snaps);
        assert_eq!(
            b.listing(),
            "\
0001 > tab SLOAD   #0  -> 0
0002 > tab SLOAD   #1  -> 0
0003 > num SLOAD   #2  -> 0
0004 > num SLOAD   #3  -> 0
0005 >     ASTORE  0001  0003  0004  -> 0
0006 >     HSTORE  0001  true  0004  node #3  -> 0
0007 > any ALOAD   0001  0003  -> 0
0008 > num TYPE    0007  -> 0
0009 >     HSTORE  0001  false  0008  node #1  -> 0
0010 >     ASTORE  0002  0003  0004  -> 0
0011 > any ALOAD   0001  0003  -> 0
0012 > num TYPE    0011  -> 0
0013 >     NOMT    0002  -> 0
SNAP #0 [  ]
SNAP #1 [ 4:0008 5:0004 6:0012 ]
"
        );
    }
}
