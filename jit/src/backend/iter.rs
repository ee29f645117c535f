//! Lowering of `NEXT` (`next(t, k)` of a `pairs` loop on trace): the step from the
//! key the previous step returned, inline, with `helpers::tnext` for the rest.
//!
//! `Table::next` remembers the node of the key it returned last (`Table::iter`, a
//! hint), so in a traversal each step starts where the last one stopped. Trace code
//! takes the same shortcut: if the hint's node holds key `k`, the next entry is the
//! first node after it with a value, or the end of the table; nothing else needs the
//! helper.
//!
//! ```text
//!   p = t & PAYLOAD_MASK, nodes = p.node.ptr, len = p.node.len, h = p.iter
//!   h <u len and nodes[h].key == k:                  (else: tnext(t, k, base, slot),
//!     i = h + 1                                          exit on a bail)
//!     scan: i == len   -> base[slot] = nil;  key = nil
//!           nodes[i].val == nil -> i += 1, scan
//!           else       -> p.iter = i; base[slot] = nodes[i].val;  key = nodes[i].key
//! ```
//!
//! The shortcut gives what `Table::next` gives: a node holding `k` is `k`'s only node
//! (keys occur once, `vm::table`), an array index is never a node's key, and the array
//! part comes before every node, so after `k`'s node only later nodes remain. A `k` of
//! another type than a string or a number (nil starts a traversal, and a free node's key
//! is nil) always takes the helper. Stores into existing fields during the traversal
//! change values only, and clearing a field leaves its key in its node (a dead entry),
//! so the hint's node still holds `k` when the loop asks for the key after it.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{BlockArg, InstBuilder, Value, types};

use super::{Lower, mem};
use crate::trace::helpers;
use crate::trace::ir::*;
use crate::vm::table::*;
use crate::vm::value::*;

impl Lower<'_, '_> {
    /// `NEXT t k #slot`: the next key (nil at the end), its value stored at `slot` of
    /// the frame.
    pub(super) fn next_entry(&mut self, ir: &IrBuf, x: &IrIns) -> Value {
        use types::{I32, I64};
        let slot = x.k as u32 as i32;
        let t = self.boxed(ir, x.a);
        let k = self.boxed(ir, x.b);
        let done = self.b.create_block();
        let key = self.b.append_block_param(done, I64);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        if matches!(ir.get(x.b).t, IrType::Str | IrType::Num) {
            let (check, scan, body, step, found, end) = (
                self.b.create_block(),
                self.b.create_block(),
                self.b.create_block(),
                self.b.create_block(),
                self.b.create_block(),
                self.b.create_block(),
            );
            let i = self.b.append_block_param(scan, I64);
            let p = self.b.ins().band_imm_u(t, PAYLOAD_MASK as i64);
            let nodes = self.b.ins().load(I64, mem(), p, TAB_NODE_PTR as i32);
            let len = self.b.ins().load(I64, mem(), p, TAB_NODE_LEN as i32);
            let h = self.b.ins().load(I32, mem(), p, TAB_ITER as i32);
            let h = self.b.ins().uextend(I64, h);
            let inside = self.b.ins().icmp(IntCC::UnsignedLessThan, h, len);
            self.b.ins().brif(inside, check, &[], slow, &[]);

            self.b.switch_to_block(check);
            let q = self.node_at(nodes, h);
            let held = self.b.ins().load(I64, mem(), q, NODE_KEY as i32);
            let same = self.b.ins().icmp(IntCC::Equal, held, k);
            let after = self.b.ins().iadd_imm_s(h, 1);
            self.b.ins().brif(same, scan, &[BlockArg::Value(after)], slow, &[]);

            self.b.switch_to_block(scan);
            let more = self.b.ins().icmp(IntCC::UnsignedLessThan, i, len);
            self.b.ins().brif(more, body, &[], end, &[]);

            self.b.switch_to_block(body);
            let q = self.node_at(nodes, i);
            let v = self.b.ins().load(I64, mem(), q, NODE_VAL as i32);
            let live = self.b.ins().icmp_imm_u(IntCC::NotEqual, v, TValue::NIL.bits() as i64);
            self.b.ins().brif(live, found, &[], step, &[]);

            self.b.switch_to_block(step);
            let i1 = self.b.ins().iadd_imm_s(i, 1);
            self.b.ins().jump(scan, &[BlockArg::Value(i1)]);

            self.b.switch_to_block(found);
            let i32v = self.b.ins().ireduce(I32, i);
            self.b.ins().store(mem(), i32v, p, TAB_ITER as i32);
            self.b.ins().store(mem(), v, self.base, slot * 8);
            let nk = self.b.ins().load(I64, mem(), q, NODE_KEY as i32);
            self.b.ins().jump(done, &[BlockArg::Value(nk)]);

            self.b.switch_to_block(end);
            let nil = self.b.ins().iconst(I64, TValue::NIL.bits() as i64);
            self.b.ins().store(mem(), nil, self.base, slot * 8);
            self.b.ins().jump(done, &[BlockArg::Value(nil)]);
        } else {
            self.b.ins().jump(slow, &[]);
        }

        // The helper call: `call` reloads `st` and `exitbuf` after it, in this block
        // only, so the values from before the branch are put back for `done`.
        self.b.switch_to_block(slow);
        let (st, exitbuf) = (self.st, self.exitbuf);
        let at = self.b.ins().iconst(I64, x.k as i64);
        let f = helpers::tnext as *const () as usize;
        let r = self.call(f, &[t, k, self.base, at], &[I64; 4], I64);
        let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, helpers::BAIL as i64);
        self.guard(ok, x.snap);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        (self.st, self.exitbuf) = (st, exitbuf);
        key
    }

    /// The address of node `i` of the node block at `nodes`.
    fn node_at(&mut self, nodes: Value, i: Value) -> Value {
        let off = self.b.ins().imul_imm_s(i, NODE_SIZE as i64);
        self.b.ins().iadd(nodes, off)
    }
}
