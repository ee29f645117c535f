//! Lowering of the table-slot instructions (`ALOAD`, `ASTORE`, `HLOAD`, `HSTORE`,
//! `NOMT`): loads and stores at the offsets `vm::table` asserts for its `#[repr(C)]`
//! layout.
//!
//! ```text
//!   ALOAD t i:   p = t & PAYLOAD_MASK             HLOAD t k #n:  p = t & PAYLOAD_MASK
//!                n = low32(i + 1.5*2^52)                         exit unless n < p.node.len  (not sized)
//!                exit unless float(n) == i                       q = p.node.ptr + 32*n
//!                exit unless n <u p.array.len                    exit unless q.key == k      (not keyed)
//!                v = p.array.ptr[n]                              v = q.val
//! ```
//!
//! A `TGET` or `TSET` whose key is a string or a number finds the key's slot inline
//! (`key_slot`: the array part for an integral number in range, else the chain from
//! the key's main position, hashed as `Table` hashes it), the split LuaJIT makes with
//! `HREF`/`NEWREF`: a load of an absent key is nil without another look; a store into an
//! existing key (or an empty slot of a table without metatable) writes the slot; only a
//! store of a new key, which may grow the table, or one `__newindex` may apply to, calls
//! `helpers::tset` (one lookup there too). Other keys call the helpers.
//!
//! An `HSTORE` whose key is the name of a metamethod the table's negative cache
//! (`nomm`) covers clears that cache, as every store through `Table::slot_mut` does: it
//! may re-add the name into a dead node. Other keys cannot make a metamethod appear.
//!
//! The parts' pointers and lengths are loaded at every access: a `TSET` on the same
//! trace may have grown the table and moved them. The exceptions: a peeled loop
//! that cannot resize any table (`loopinv`), where the headers of the invariant tables
//! it indexes are loaded once before `HEAD` (`Hdr`) and the loop uses those; and an
//! `HLOAD`/`HSTORE` that `opt::fwd::mark_nodes` found checked by an earlier one with
//! nothing between able to resize the table (`NODE_SIZED`, `NODE_KEYED`), which takes
//! the node pointer that one used and checks at most the node's key. Stores
//! check the slot's old value: a nil there may need `__newindex` unless the table has
//! no metatable.
//!
//! No write barrier: the collector is a stop-the-world mark-and-sweep (`vm::gc`) that
//! never runs while a trace does, so there is no marked object a store could hide a new
//! reference from.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{BlockArg, InstBuilder, MemFlagsData, Value, types};

use super::{Lower, mem};
use crate::trace::helpers;
use crate::trace::ir::*;
use crate::vm::string::LStr;
use crate::vm::table::*;
use crate::vm::value::*;

/// Where a node's chain link is (`Node::next`).
const NODE_NEXT: usize = 16;
const _: () = assert!(std::mem::offset_of!(Node, next) == NODE_NEXT);

/// A field offset as the 32-bit displacement loads take (every one is small).
fn at(off: usize) -> i32 {
    i32::try_from(off).unwrap_or(i32::MAX)
}

/// Whether a `TGET`/`TSET` with key `k` is lowered inline (`key_slot`): a string or a
/// number key, whose place in the table machine code can compute.
pub(super) fn inline_key(ir: &IrBuf, k: IrRef) -> bool {
    matches!(ir.get(k).t, IrType::Str | IrType::Num)
}

/// The array slot addresses the trace has computed and checked so far, by table and
/// index instruction: a later access of the same slot (the store of `t[i] = t[i] + 1`,
/// of a swap `t[i], t[j] = t[j], t[i]`) uses the address without converting the index
/// or checking the bounds again.
///
/// Sound while no instruction in between can move or shrink an array part, and while
/// the address's value still dominates the access (lowering is in trace order, so an
/// address made on the trace's main path dominates what follows) and means the same
/// slot (an instruction's value is the same until `HEAD`, where the loop proper's
/// `PHI`s give the pre-roll's references new values). So the cache is emptied at `HEAD`
/// and at every instruction that may resize a table: every call, every store of a new
/// key, and every opcode `loopinv` does not list as harmless.
#[derive(Default)]
pub(super) struct ArraySlots(Vec<(IrRef, IrRef, Value)>);

impl ArraySlots {
    /// Forgets every address at `HEAD` and before an instruction that may move or
    /// shrink an array part (`loopinv::may_resize`).
    pub(super) fn before(&mut self, op: IrOp) {
        if op == IrOp::HEAD || super::loopinv::may_resize(op) {
            self.0.clear();
        }
    }

    fn get(&self, t: IrRef, i: IrRef) -> Option<Value> {
        self.0.iter().find(|e| e.0 == t && e.1 == i).map(|e| e.2)
    }

    fn put(&mut self, t: IrRef, i: IrRef, slot: Value) {
        self.0.push((t, i, slot));
    }
}

/// The part pointers and lengths of a table, loaded before a loop that cannot change
/// them (`loopinv`); `None` for a part the loop does not index.
#[derive(Clone, Copy)]
pub(super) struct Hdr {
    array: Option<(Value, Value)>,
    node: Option<(Value, Value)>,
}

/// How many metamethods the negative cache covers: one bit each of `Table::nomm`.
const NOMM_BITS: usize = u8::BITS as usize;

/// Whether a store into key `k` may make a metamethod the negative cache (`nomm`,
/// `State::mt_get`) says is absent present: `k` is the name of one it covers.
fn names_cached_mm(k: TValue) -> bool {
    if !k.is_str() {
        return false;
    }
    // SAFETY: a string constant of the trace is a live string: the prototype that
    // holds it is on trace, and nothing runs the collector while the backend does.
    let name = unsafe { (*k.ptr::<LStr>()).as_bytes() };
    crate::vm::meta::MM_NAMES[..NOMM_BITS].iter().any(|m| m.as_bytes() == name)
}

impl Lower<'_, '_> {
    /// Loads the headers of `facts.tables` (at the end of the pre-roll).
    pub(super) fn hoist_headers(&mut self) {
        use types::I64;
        for (t, parts) in self.facts.tables.clone() {
            let p = self.val(t);
            let p = self.table_ptr(p);
            let mut part = |on: bool, ptr: usize, len: usize| {
                on.then(|| {
                    let ptr = self.b.ins().load(I64, mem(), p, at(ptr));
                    let len = self.b.ins().load(I64, mem(), p, at(len));
                    (ptr, len)
                })
            };
            let array = part(parts.array, TAB_ARRAY_PTR, TAB_ARRAY_LEN);
            let node = part(parts.hash, TAB_NODE_PTR, TAB_NODE_LEN);
            self.hdrs.push((t, Hdr { array, node }));
        }
    }

    fn hdr(&self, t: IrRef) -> Option<Hdr> {
        self.hdrs.iter().find(|e| e.0 == t).map(|e| e.1)
    }

    /// The table behind boxed table value `t`.
    fn table_ptr(&mut self, t: Value) -> Value {
        self.b.ins().band_imm_u(t, PAYLOAD_MASK as i64)
    }

    /// The address of array slot `i` (a number, or an `Int`) of table `t`, exiting
    /// through `snap` unless `i` is an integer in `0 .. asize`. An address an earlier
    /// access checked is reused ([`ArraySlots`]).
    fn array_slot(&mut self, ir: &IrBuf, t: IrRef, i: IrRef, snap: u32) -> Value {
        use types::I64;
        if let Some(slot) = self.aslots.get(t, i) {
            return slot;
        }
        let (base, len) = self.array_part(t);
        let n = match ir.const_value(i).map(|v| v.as_number()) {
            // An integer (`opt::narrow`) is integral already; a negative one is far
            // outside as an unsigned 64-bit number.
            _ if ir.get(i).t == IrType::Int => {
                let x = self.val(i);
                self.b.ins().sextend(I64, x)
            }
            // A constant index is checked against the length only; the recorder made it
            // from a live array index, so it is integral and not negative.
            Some(n) if n >= 0.0 && n == (n as i64) as f64 => self.b.ins().iconst(I64, n as i64),
            _ => {
                let x = self.val(i);
                self.index_of(x, snap)
            }
        };
        let inside = self.b.ins().icmp(IntCC::UnsignedLessThan, n, len);
        self.guard(inside, snap);
        let off = self.b.ins().ishl_imm_u(n, 3);
        let slot = self.b.ins().iadd(base, off);
        self.aslots.put(t, i, slot);
        slot
    }

    /// Double `x` as a 64-bit index (sign-extended from 32 bits), exiting through
    /// `snap` unless `x` is an integer in `i32`'s range (-0 is 0, as for the table).
    /// Adding 1.5 * 2^52 leaves an integral double below 2^51 in magnitude in the low
    /// bits of the sum; fractions, NaN, infinities and everything beyond `i32` fail the
    /// round trip (their low 32 bits stand for another double). One add, two
    /// conversions and a compare, where the saturating conversion (`fcvt_to_sint_sat`)
    /// costs x86-64 a NaN test and range fix-ups with three branches.
    fn index_of(&mut self, x: Value, snap: u32) -> Value {
        use types::{F64, I32, I64};
        const ROUND: f64 = 6755399441055744.0;
        let magic = self.b.ins().f64const(ROUND);
        let sum = self.b.ins().fadd(x, magic);
        let sum = self.b.ins().bitcast(I64, MemFlagsData::new(), sum);
        let n = self.b.ins().ireduce(I32, sum);
        let back = self.b.ins().fcvt_from_sint(F64, n);
        let whole = self.b.ins().fcmp(FloatCC::Equal, back, x);
        self.guard(whole, snap);
        self.b.ins().sextend(I64, n)
    }

    /// The address of the value of node `k & NODE_MASK` of table `t`, exiting through
    /// `snap` unless the hash part has that node (and the ones the accesses after it
    /// use: `NODE_BOUND_SHIFT`) and it holds key `key`, less the checks an earlier
    /// access made (`NODE_SIZED`, `NODE_KEYED`).
    ///
    /// Such an access also takes the hash part's pointer from the table's last
    /// `HLOAD`/`HSTORE` (`Lower::nodes`), which came after the checking one: nothing
    /// since has resized the table (`opt::fwd::mark_nodes`). That access was lowered
    /// on the trace's main path, so its values dominate this one.
    fn node_slot(&mut self, ir: &IrBuf, t: IrRef, key: IrRef, k: u64, snap: u32) -> Value {
        use types::I64;
        let n = k & NODE_MASK;
        let checked = k & (NODE_SIZED | NODE_KEYED) != 0;
        let seen = self.nodes.iter().find(|e| e.0 == t).map(|e| e.1).filter(|_| checked);
        let (base, len) = match seen {
            Some(part) => part,
            None => {
                let part = self.node_part(t);
                self.nodes.retain(|e| e.0 != t);
                self.nodes.push((t, part));
                part
            }
        };
        if !checked {
            let bound = n.max(k >> NODE_BOUND_SHIFT);
            let ok = self.b.ins().icmp_imm_u(IntCC::UnsignedGreaterThan, len, bound as i64);
            self.guard(ok, snap);
        }
        let q = self.b.ins().iadd_imm_s(base, (n as usize * NODE_SIZE) as i64);
        if k & NODE_KEYED == 0 {
            let have = self.b.ins().load(I64, mem(), q, at(NODE_KEY));
            let want = self.boxed(ir, key);
            let ok = self.b.ins().icmp(IntCC::Equal, have, want);
            self.guard(ok, snap);
        }
        self.b.ins().iadd_imm_s(q, NODE_VAL as i64)
    }

    /// The array part of table `t`: its pointer and length (hoisted or loaded).
    fn array_part(&mut self, t: IrRef) -> (Value, Value) {
        self.part(t, |h| h.array, TAB_ARRAY_PTR, TAB_ARRAY_LEN)
    }

    /// The hash part of table `t`: its node pointer and length (hoisted or loaded).
    fn node_part(&mut self, t: IrRef) -> (Value, Value) {
        self.part(t, |h| h.node, TAB_NODE_PTR, TAB_NODE_LEN)
    }

    /// A part's (pointer, length) of table `t`: loaded before the loop (`Hdr`) or now.
    fn part(
        &mut self,
        t: IrRef,
        hoisted: fn(Hdr) -> Option<(Value, Value)>,
        ptr: usize,
        len: usize,
    ) -> (Value, Value) {
        if let Some(part) = self.hdr(t).and_then(hoisted) {
            return part;
        }
        let p = self.val(t);
        let p = self.table_ptr(p);
        let n = self.b.ins().load(types::I64, mem(), p, at(len));
        let base = self.b.ins().load(types::I64, mem(), p, at(ptr));
        (base, n)
    }

    /// The address of the value slot that holds key `k` (a string or a number, see
    /// [`inline_key`]) in table `t`, or 0 if the key is in neither part: the lookup of
    /// `Table::get`, inline. A slot found may hold nil (a dead node, an empty array
    /// slot).
    ///
    /// ```text
    ///   number k, integral, 0 <= k < array.len:   array.ptr + 8*k
    ///   otherwise (no nodes: 0)                   bits = string k: k
    ///                                                    number k: bits of k + 0.0 (-0 is 0)
    ///     n = node.ptr + 32 * (hash & (node.len - 1))    string: its stored hash
    ///                                                    number: table::hash_bits(bits)
    ///     walk: n.key == bits ? n + NODE_VAL : (n = n.next) == null ? 0 : walk
    /// ```
    ///
    /// Node keys are normalised, so comparing bits is key equality; a NaN key matches
    /// no node.
    fn key_slot(&mut self, ir: &IrBuf, t: IrRef, k: IrRef) -> Value {
        use types::{F64, I32, I64};
        const _: () = assert!(std::mem::size_of::<u32>() == 4); // LStr::hash: I32
        let (first, walk, next, done) =
            (self.b.create_block(), self.b.create_block(), self.b.create_block(), self.b.create_block());
        let n = self.b.append_block_param(walk, I64);
        let slot = self.b.append_block_param(done, I64);
        let zero = self.b.ins().iconst(I64, 0);
        let kv = self.val(k);
        let (base, len) = self.node_part(t);
        let (bits, h) = if ir.get(k).t == IrType::Str {
            self.b.ins().brif(len, first, &[], done, &[BlockArg::Value(zero)]);
            self.b.switch_to_block(first);
            let s = self.table_ptr(kv);
            let h = self.b.ins().load(I32, mem(), s, at(std::mem::offset_of!(LStr, hash)));
            (kv, h)
        } else {
            let hash = self.b.create_block();
            let (abase, alen) = self.array_part(t);
            let i = self.b.ins().fcvt_to_sint_sat(I64, kv);
            let back = self.b.ins().fcvt_from_sint(F64, i);
            let whole = self.b.ins().fcmp(FloatCC::Equal, back, kv);
            let inside = self.b.ins().icmp(IntCC::UnsignedLessThan, i, alen);
            let in_array = self.b.ins().band(whole, inside);
            let off = self.b.ins().ishl_imm_u(i, 3);
            let at_i = self.b.ins().iadd(abase, off);
            self.b.ins().brif(in_array, done, &[BlockArg::Value(at_i)], hash, &[]);
            self.b.switch_to_block(hash);
            self.b.ins().brif(len, first, &[], done, &[BlockArg::Value(zero)]);
            self.b.switch_to_block(first);
            let pz = self.b.ins().f64const(0.0);
            let norm = self.b.ins().fadd(kv, pz);
            let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), norm);
            let hi = self.b.ins().ushr_imm_u(bits, 32);
            let folded = self.b.ins().bxor(bits, hi);
            let h = self.b.ins().ireduce(I32, folded);
            let h = self.b.ins().imul_imm_u(h, HASH_MUL as i64);
            let down = self.b.ins().ushr_imm_u(h, HASH_SHIFT as i64);
            (bits, self.b.ins().bxor(h, down))
        };
        let h = self.b.ins().uextend(I64, h);
        let mask = self.b.ins().iadd_imm_s(len, -1);
        let i = self.b.ins().band(h, mask);
        let off = self.b.ins().imul_imm_s(i, NODE_SIZE as i64);
        let n0 = self.b.ins().iadd(base, off);
        self.b.ins().jump(walk, &[BlockArg::Value(n0)]);
        self.b.switch_to_block(walk);
        let key = self.b.ins().load(I64, mem(), n, at(NODE_KEY));
        let same = self.b.ins().icmp(IntCC::Equal, key, bits);
        let val_at = self.b.ins().iadd_imm_s(n, NODE_VAL as i64);
        self.b.ins().brif(same, done, &[BlockArg::Value(val_at)], next, &[]);
        self.b.switch_to_block(next);
        let nx = self.b.ins().load(I64, mem(), n, at(NODE_NEXT));
        self.b.ins().brif(nx, walk, &[BlockArg::Value(nx)], done, &[BlockArg::Value(zero)]);
        self.b.switch_to_block(done);
        slot
    }

    /// Raw `t[k]` for a key [`inline_key`] allows (`TGETR`, and `TGET`'s lookup): the
    /// slot's value, nil where there is none.
    pub(super) fn raw_get(&mut self, ir: &IrBuf, t: IrRef, k: IrRef) -> Value {
        use types::I64;
        let slot = self.key_slot(ir, t, k);
        let (hit, done) = (self.b.create_block(), self.b.create_block());
        let v = self.b.append_block_param(done, I64);
        let nil = self.b.ins().iconst(I64, TValue::NIL.bits() as i64);
        self.b.ins().brif(slot, hit, &[], done, &[BlockArg::Value(nil)]);
        self.b.switch_to_block(hit);
        let val = self.b.ins().load(I64, mem(), slot, 0);
        self.b.ins().jump(done, &[BlockArg::Value(val)]);
        self.b.switch_to_block(done);
        v
    }

    /// `TGET t k` for a key [`inline_key`] allows: the slot's value (`raw_get`), then
    /// the helper's rule (`helpers::tget`): a nil found in a table with a metatable
    /// leaves through the snapshot (`__index` may apply).
    pub(super) fn inline_get(&mut self, ir: &IrBuf, x: &IrIns) -> Value {
        use types::I64;
        let v = self.raw_get(ir, x.a, x.b);
        let nil = self.b.ins().iconst(I64, TValue::NIL.bits() as i64);
        // A nil is the result only without a metatable.
        let (check, cont) = (self.b.create_block(), self.b.create_block());
        let is_nil = self.b.ins().icmp(IntCC::Equal, v, nil);
        self.b.ins().brif(is_nil, check, &[], cont, &[]);
        self.b.switch_to_block(check);
        let plain = self.no_metatable(x.a);
        self.guard(plain, x.snap);
        self.b.ins().jump(cont, &[]);
        self.b.switch_to_block(cont);
        v
    }

    /// `TSET t k v` for a key [`inline_key`] allows: a store into the key's slot when
    /// the interpreter's fast path would make it there without growing the table (the
    /// slot exists and holds a value, or the table has no metatable). A nil slot under
    /// a metatable leaves through the snapshot (`__newindex` may apply); an absent key
    /// calls `helpers::tnewkey`, which inserts it without another lookup (or reports a
    /// bail).
    ///
    /// ```text
    ///   slot = key_slot(t, k)
    ///   slot != 0, *slot != nil          ->  *slot = v
    ///   slot != 0, t.metatable == null   ->  *slot = v
    ///   slot != 0                        ->  exit
    ///   slot == 0                        ->  tnewkey(st, t, k, v), exit on bail
    /// ```
    ///
    /// A store into a nil slot clears `nomm` as `Table::slot_mut` does (a string key
    /// may re-add a metamethod name). No write barrier: see the module documentation.
    pub(super) fn inline_set(&mut self, ir: &IrBuf, x: &IrIns) -> Value {
        use types::I64;
        let slot = self.key_slot(ir, x.a, x.b);
        let (have, empty, store, slow, done) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        self.b.set_cold_block(slow);
        self.b.ins().brif(slot, have, &[], slow, &[]);
        self.b.switch_to_block(have);
        let old = self.b.ins().load(I64, mem(), slot, 0);
        let held = self.b.ins().icmp_imm_u(IntCC::NotEqual, old, TValue::NIL.bits() as i64);
        self.b.ins().brif(held, store, &[], empty, &[]);
        self.b.switch_to_block(empty);
        let plain = self.no_metatable(x.a);
        self.guard(plain, x.snap);
        if ir.get(x.b).t == IrType::Str {
            let p = self.val(x.a);
            let p = self.table_ptr(p);
            let zero = self.b.ins().iconst(types::I8, 0);
            self.b.ins().store(mem(), zero, p, at(TAB_NOMM));
        }
        self.b.ins().jump(store, &[]);
        self.b.switch_to_block(store);
        let v = self.boxed(ir, x.c);
        self.b.ins().store(mem(), v, slot, 0);
        self.b.ins().jump(done, &[]);
        // The helper call: `call` reloads `st` and `exitbuf` after it, in this block
        // only, so the values from before the branch are put back for `done`.
        self.b.switch_to_block(slow);
        let (st, exitbuf) = (self.st, self.exitbuf);
        let args = [self.st, self.boxed(ir, x.a), self.boxed(ir, x.b), self.boxed(ir, x.c)];
        let r = self.call(helpers::tnewkey as *const () as usize, &args, &[I64; 4], I64);
        let ok = self.b.ins().icmp_imm_u(IntCC::Equal, r, 0);
        self.guard(ok, x.snap);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
        (self.st, self.exitbuf) = (st, exitbuf);
        slot
    }

    /// A boolean: table `t` has no metatable.
    fn no_metatable(&mut self, t: IrRef) -> Value {
        let p = self.val(t);
        let p = self.table_ptr(p);
        let mt = self.b.ins().load(types::I64, mem(), p, at(TAB_METATABLE));
        self.b.ins().icmp_imm_u(IntCC::Equal, mt, 0)
    }

    /// Stores boxed `v` at `slot`; unless the store is `raw` (`STORE_RAW`), exits
    /// through `snap` first if the slot holds nil and table `t` has a metatable. No write
    /// barrier: see the module documentation.
    fn store_slot(&mut self, ir: &IrBuf, t: IrRef, slot: Value, v: IrRef, raw: bool, snap: u32) {
        if !raw {
            let old = self.b.ins().load(types::I64, mem(), slot, 0);
            let held = self.b.ins().icmp_imm_u(IntCC::NotEqual, old, TValue::NIL.bits() as i64);
            let (check, store) = (self.b.create_block(), self.b.create_block());
            self.b.ins().brif(held, store, &[], check, &[]);
            self.b.switch_to_block(check);
            let plain = self.no_metatable(t);
            self.guard(plain, snap);
            self.b.ins().jump(store, &[]);
            self.b.switch_to_block(store);
        }
        let v = self.boxed(ir, v);
        self.b.ins().store(mem(), v, slot, 0);
    }

    /// Lowers one of the table-slot instructions; its value (the loaded TValue, or a
    /// placeholder for the others).
    pub(super) fn table_slot(&mut self, ir: &IrBuf, x: &IrIns) -> Value {
        match x.op {
            IrOp::ALOAD => {
                let slot = self.array_slot(ir, x.a, x.b, x.snap);
                self.b.ins().load(types::I64, mem(), slot, 0)
            }
            IrOp::HLOAD => {
                let slot = self.node_slot(ir, x.a, x.b, x.k, x.snap);
                self.b.ins().load(types::I64, mem(), slot, 0)
            }
            IrOp::ASTORE => {
                let slot = self.array_slot(ir, x.a, x.b, x.snap);
                self.store_slot(ir, x.a, slot, x.c, x.k & STORE_RAW != 0, x.snap);
                slot
            }
            IrOp::HSTORE => {
                let slot = self.node_slot(ir, x.a, x.b, x.k, x.snap);
                self.store_slot(ir, x.a, slot, x.c, x.k & STORE_RAW != 0, x.snap);
                // As `Table::slot_mut`: the key may be a metamethod name the negative
                // cache says is absent. Any other key leaves the cache right.
                if ir.const_value(x.b).is_none_or(names_cached_mm) {
                    let p = self.val(x.a);
                    let p = self.table_ptr(p);
                    let zero = self.b.ins().iconst(types::I8, 0);
                    self.b.ins().store(mem(), zero, p, at(TAB_NOMM));
                }
                slot
            }
            _ => {
                let ok = self.no_metatable(x.a);
                self.guard(ok, x.snap);
                ok
            }
        }
    }
}
