//! Table loads and stores: which IR a `TGET*`/`TSET*` on a table records as.
//!
//! The recorder looks where the live key sits in the live table and records the
//! access as machine code reading or writing that place, guarded to still be the place
//! on later runs; everything else calls the helpers, which do the interpreter's fast
//! path (`trace::helpers`):
//!
//! ```text
//!   live key                            load                  store (value not nil)
//!   integer-valued number in 0..asize   ALOAD t i             ASTORE t i v
//!   constant string at node n           HLOAD t "k" #n        HSTORE t "k" v #n
//!   anything else                       TGET t k              TSET t k v
//! ```
//!
//! Nil stores always record as `TSET` (it may free a slot the border search depends on,
//! and it is rare in loops); so do stores past the array part and into absent keys,
//! which may grow the table, and stores into tables made on the trace (which sinking may
//! remove). A `TGET`/`TSET` with a string or number key is still no helper call in the
//! common case: the backend looks the key up inline (`backend::tab::key_slot`) and
//! calls out only to insert a new key.
//!
//! The interpreter's fast paths depend on the metatable only where a slot holds nil: a
//! load of nil is the result only without a metatable (else `__index` applies), and a
//! store into nil only without one (else `__newindex`). So a load's `TYPE` guard on
//! its result covers every non-nil case, and a nil result adds `NOMT`. A store into a
//! table without metatable is guarded by `NOMT` (which loop peeling hoists, as LuaJIT
//! guards the metatable once) and marked `STORE_RAW`; into one with a metatable, the
//! store checks "old value not nil" itself before writing. A live nil under a metatable
//! never gets here (`record::meta` walks the `__index` or `__newindex` chain).

use super::*;

impl Recorder {
    /// The global `env[k]` of closure `f` (a constant string key `k`, live value `v`
    /// in the live environment `env`, and the result without `__index`): a load from
    /// the environment table (`FENV`), which forwarding and loop peeling treat as any
    /// table load, so a global read in a loop is a node check and a load, or nothing
    /// at all when the loop stores into no table.
    pub(super) fn global_load(
        &mut self,
        f: IrRef,
        k: IrRef,
        kv: TValue,
        env: &Table,
        v: TValue,
    ) -> Result<Val, Abort> {
        let e = self.ir.emit(IrOp::FENV, IrType::Tab, f, REF_NONE, REF_NONE, 0, 0);
        self.table_load(e, k, kv, env, v)
    }

    /// `t[k]` (`t` a table whose live value `tp` has `v` at live key `kv`, and where `v`
    /// is the result without `__index`): the checked result.
    pub(super) fn table_load(
        &mut self,
        t: IrRef,
        k: IrRef,
        kv: TValue,
        tp: &Table,
        v: TValue,
    ) -> Result<Val, Abort> {
        let s = self.resumable_snap()?;
        let (op, node) = self.table_place(k, kv, tp);
        let r = self.ir.emit(op, IrType::Any, t, k, REF_NONE, node, s);
        let r = self.typed(r, v)?;
        if v.is_nil() && op != IrOp::TGET {
            self.ir.emit(IrOp::NOMT, IrType::Void, t, REF_NONE, REF_NONE, 0, s);
        }
        Ok(r)
    }

    /// `t[k] = v` (the interpreter's fast path, checked on the live values by the caller).
    pub(super) fn table_store(
        &mut self,
        t: IrRef,
        k: IrRef,
        kv: TValue,
        tp: &Table,
        v: Val,
    ) -> Result<(), Abort> {
        // A table made on this trace keeps `TSET`s: allocation sinking (`opt::sink`)
        // removes those and replays them at exits.
        let fresh = !IrBuf::is_const(t) && matches!(self.ir.get(t).op, IrOp::TNEW | IrOp::TDUP);
        let (op, node) =
            if v.1 == IrType::Nil || fresh { (IrOp::TGET, 0) } else { self.table_place(k, kv, tp) };
        let op = match op {
            IrOp::ALOAD => IrOp::ASTORE,
            IrOp::HLOAD => IrOp::HSTORE,
            _ => IrOp::TSET,
        };
        // A slot store's checks all come before it stores; the helper's may come after
        // it did something.
        let s = if op == IrOp::TSET { self.snap()? } else { self.resumable_snap()? };
        // Without a metatable (guarded once: loop peeling hoists the check), the store
        // needs no look at the slot's old value.
        let raw = op != IrOp::TSET && tp.metatable.is_null();
        if raw {
            self.ir.emit(IrOp::NOMT, IrType::Void, t, REF_NONE, REF_NONE, 0, s);
        }
        self.ir.emit(op, IrType::Void, t, k, v.0, node | if raw { STORE_RAW } else { 0 }, s);
        Ok(())
    }

    /// Where the access of `tp[kv]` happens: the array part, a node (its index in the
    /// literal), or the helpers (`TGET`).
    fn table_place(&mut self, k: IrRef, kv: TValue, tp: &Table) -> (IrOp, u64) {
        if self.ty(k) == IrType::Num && tp.array_index(kv).is_some() {
            return (IrOp::ALOAD, 0);
        }
        if IrBuf::is_const(k)
            && let Some(n) = tp.node_index(kv)
        {
            return (IrOp::HLOAD, n as u64);
        }
        (IrOp::TGET, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{off_and_on, string};

    #[test]
    fn inline_slots_stay_on_trace() {
        // Array and field loads and stores in a table with and without metatable: the
        // loops run on trace to their end (one exit each), never leaving at a slot check.
        // (The array is made by a constructor: a loop filling it would leave at every
        // growth.)
        let items: Vec<String> = (1..=500).map(|i| i.to_string()).collect();
        let (off, on, st) = off_and_on(
            &format!(
                "local o = setmetatable({{ x = 1, y = 2, z = 3 }}, {{}}) local a = {{ {} }} local s, q = 0, {{ f = 0 }} \
             for i = 1, 500 do o.x = o.x + a[i] o.y = o.y + 1 a[i] = o.z s = s + a[i] + (a[i + 1000] or 0) \
             q.f = q.f + 1 end return tostring(s + o.x + o.y + q.f)",
                items.join(", ")
            ),
            string,
        );
        assert_eq!(off, on);
        assert_eq!(st.aborts, 0);
        assert!(st.exits <= 2, "{} exits", st.exits);
    }
}
