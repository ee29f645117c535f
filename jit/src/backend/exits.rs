//! Exit blocks: how a trace leaves through a snapshot.
//!
//! An exit writes its snapshot's values straight into their stack slots, the state the
//! interpreter (or an attached side trace) resumes from, then either continues in the
//! side trace attached to the exit or returns the exit's number:
//!
//! ```text
//!   guard: brif ok, next, stub_n
//!   stub_n:     jump exit_k(n)               n: the snapshot's number
//!   exit_k(n):  base[slot] = value           for every entry of the snapshot (boxed bits)
//!               exitbuf[nentries] = base     the base the entries are relative to
//!               exitbuf[nentries + 1 ..] = values the unsink plan needs (if any)
//!               jump leave(n, base)
//!   leave(n, base):                          one per trace
//!               cell = cells[n]
//!               brif cell, side, back
//!   side:       return_call_indirect cell(base, st, exitbuf)
//!   back:       return trace << 16 | n
//! ```
//!
//! One block serves every snapshot that writes the same values to the same slots from
//! the same base, whatever its pc: consecutive snapshots of a trace often differ only in
//! where the interpreter resumes (a guard's instruction and the loop check after it, the
//! instructions of a table access), and each exit block is code that the register
//! allocator and the emitter go through in full. The snapshot's number travels as the
//! block's argument, which is where the exit reads its cell and makes its exit number;
//! each snapshot jumps there from a stub of its own, so that the guard's branch carries
//! no argument (a constant argument on the branch itself would be put in its register
//! on the trace's path, before every guard).
//! An exit whose plan makes sunk objects keeps a block of its own (the plan is the
//! snapshot's), and so does a loop check's: it never gets a side trace, so it skips the
//! cell. So does a trace's end in the interpreter, but at a return, where a
//! down-recursive trace compiled later may take it over (`TraceCode::ret_exit`).
//!
//! Everything after the stores is the same for every exit, and both ways out of a
//! function are long: each restores the callee-saved registers and tears the frame down
//! (about eight instructions on x86-64). So every exit block jumps to the trace's one
//! `leave` block, which alone holds the cell test, the tail call and the return: per
//! exit block that saves two epilogues of code and the register allocator's work on
//! them. Only a block whose exit makes sunk objects tail-calls on its own, after the
//! unsink call its plan needs; a loop check's exit, which never gets a side trace, goes
//! straight to `leave`'s `back` half.
//!
//! Writing the stack here, rather than handing the values to the exit handler in the
//! exit buffer, means one store per entry on either path: the handler has nothing left
//! to restore but the objects sinking left out (`snap::Unsink`), from the buffer.

use cranelift_codegen::ir::{AbiParam, Block, BlockArg, InstBuilder, Signature, Value, types};

use super::{Lower, mem};
use crate::trace::ir::*;
use crate::trace::snap::Unsink;

/// What makes two exits the same code.
#[derive(PartialEq, Eq)]
struct Shape {
    entries: Vec<(i32, IrRef)>,
    base: Value,
    loopchk: bool,
    /// The snapshot, for one whose exit makes sunk objects (its plan is its own).
    own: Option<u32>,
}

/// The exit blocks of one trace.
#[derive(Default)]
pub(super) struct Exits {
    /// Per snapshot, once a guard has used it: its stub and the index of its block in
    /// `blocks`.
    of_snap: Vec<Option<(Block, usize)>>,
    /// Each block with its shape and a snapshot it serves (all serve alike).
    blocks: Vec<(Shape, Block, u32)>,
}

impl Exits {
    pub(super) fn new(nsnaps: usize) -> Exits {
        Exits { of_snap: vec![None; nsnaps], blocks: Vec::new() }
    }
}

/// The trace's shared way out: `leave(n, base)` continues in exit `n`'s side trace if one
/// is attached, else returns the exit's number; `back(n)` only returns it.
struct Leave {
    leave: Block,
    back: Block,
}

impl Lower<'_, '_> {
    /// Where a guard or a trace's end taken at the current base leaves through
    /// snapshot `snap`: the snapshot's stub.
    pub(super) fn exit_block(&mut self, snap: u32) -> Block {
        if let Some((stub, _)) = self.exits.of_snap[snap as usize] {
            return stub;
        }
        let s = &self.snaps[snap as usize];
        let shape = Shape {
            entries: s.entries.clone(),
            base: self.base,
            loopchk: s.loopchk && self.ret_exit != Some(snap),
            own: (!self.unsink[snap as usize].is_empty()).then_some(snap),
        };
        let i = match self.exits.blocks.iter().position(|(sh, _, _)| *sh == shape) {
            Some(i) => i,
            None => {
                let blk = self.b.create_block();
                self.b.set_cold_block(blk);
                self.b.append_block_param(blk, types::I64);
                self.exits.blocks.push((shape, blk, snap));
                self.exits.blocks.len() - 1
            }
        };
        let stub = self.b.create_block();
        self.b.set_cold_block(stub);
        self.exits.of_snap[snap as usize] = Some((stub, i));
        stub
    }

    /// Emits the body of every exit block used (after the trace's own code).
    pub(super) fn emit_exits(&mut self, ir: &IrBuf) {
        use types::I64;
        if self.exits.blocks.is_empty() {
            return;
        }
        for (n, e) in self.exits.of_snap.clone().into_iter().enumerate() {
            let Some((stub, i)) = e else { continue };
            self.b.switch_to_block(stub);
            let arg = self.b.ins().iconst(I64, n as i64);
            self.b.ins().jump(self.exits.blocks[i].1, &[BlockArg::Value(arg)]);
        }
        let out = self.leave_blocks();
        let blocks: Vec<(Block, Value, u32, bool)> =
            self.exits.blocks.iter().map(|(sh, blk, n)| (*blk, sh.base, *n, sh.loopchk)).collect();
        for (blk, base, snap, loopchk) in blocks {
            self.base = base;
            self.b.switch_to_block(blk);
            let n = self.b.block_params(blk)[0];
            self.reload();
            self.budget_out();
            self.write_back(ir, snap);
            let nentries = self.snaps[snap as usize].entries.len();
            self.b.ins().store(mem(), self.base, self.exitbuf, (nentries * 8) as i32);
            self.store_unsink_vals(ir, snap as usize);
            if loopchk {
                self.b.ins().jump(out.back, &[BlockArg::Value(n)]);
            } else if self.unsink[snap as usize].is_empty() {
                self.b.ins().jump(out.leave, &[BlockArg::Value(n), BlockArg::Value(self.base)]);
            } else {
                self.unsinking_exit(n, snap, nentries, out.back);
            }
        }
        self.emit_leave(&out);
    }

    fn leave_blocks(&mut self) -> Leave {
        let (leave, back) = (self.b.create_block(), self.b.create_block());
        for (blk, params) in [(leave, 2), (back, 1)] {
            self.b.set_cold_block(blk);
            for _ in 0..params {
                self.b.append_block_param(blk, types::I64);
            }
        }
        Leave { leave, back }
    }

    /// The cell of exit `n`, loaded.
    fn cell(&mut self, n: Value) -> Value {
        let cells = self.b.ins().iconst(types::I64, self.cells as i64);
        let off = self.b.ins().ishl_imm_u(n, 3);
        let cell_at = self.b.ins().iadd(cells, off);
        self.b.ins().load(types::I64, mem(), cell_at, 0)
    }

    fn emit_leave(&mut self, out: &Leave) {
        self.b.switch_to_block(out.leave);
        let (n, base) = (self.b.block_params(out.leave)[0], self.b.block_params(out.leave)[1]);
        self.reload();
        let cell = self.cell(n);
        let side = self.b.create_block();
        self.b.set_cold_block(side);
        self.b.ins().brif(cell, side, &[], out.back, &[BlockArg::Value(n)]);
        self.b.switch_to_block(side);
        self.tail_call(cell, base);
        self.b.switch_to_block(out.back);
        let n = self.b.block_params(out.back)[0];
        let id = self.b.ins().bor_imm_u(n, (self.no as i64) << 16);
        self.b.ins().return_(&[id]);
    }

    /// The end of an exit block whose exit makes sunk objects: a side trace attached
    /// to it is entered after `snap::unsink_exit` has made them, from this block.
    fn unsinking_exit(&mut self, n: Value, snap: u32, nentries: usize, back: Block) {
        use types::I64;
        let cell = self.cell(n);
        let side = self.b.create_block();
        self.b.set_cold_block(side);
        self.b.ins().brif(cell, side, &[], back, &[BlockArg::Value(n)]);
        self.b.switch_to_block(side);
        let plan: *const Unsink = &self.unsink[snap as usize];
        let args = [
            self.st,
            self.base,
            self.exitbuf,
            self.b.ins().iconst(I64, Unsink::vals_at(nentries) as i64),
            self.b.ins().iconst(I64, plan as i64),
        ];
        let mut sig = Signature::new(self.cc);
        sig.params.extend([AbiParam::new(I64); 5]);
        let sref = self.b.import_signature(sig);
        let callee = self.b.ins().iconst(I64, crate::trace::snap::unsink_exit as *const () as i64);
        self.b.ins().call_indirect(sref, callee, &args);
        self.tail_call(cell, self.base);
    }
}
