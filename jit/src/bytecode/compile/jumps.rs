//! Jump lists: forward jumps whose target is not known yet.
//!
//! A list holds the pcs of jump-carrying instructions (`JMP`, or a `UCLO` that doubles
//! as a jump) that all go to the same, still unknown place. The instruction before a
//! conditional jump tells what the jump carries:
//!
//! * `ISTC`/`ISFC`: the tested value, which the jump can store into a register on
//!   the way ("value jump"). When no register wants it, the test becomes `IST`/`ISF`.
//! * `KPRI`/`KSTR`/`KSHORT`/`KNUM` with `A = NO_REG`: a constant operand of
//!   `and`/`or` that always jumps. The register is filled in when the expression is put in one; when
//!   no value is wanted the load turns into a no-op `JMP`. `NO_REG` never survives
//!   patching.
//! * anything else: a comparison, which carries no value; materialising it needs the
//!   `false`/`true` loaders that `expr_toreg` emits.

use super::Fail;
use super::func::FuncState;
use crate::bytecode::op::{Ins, NO_REG, Op};

/// A constant load whose register is not known yet (see the module doc).
fn is_placeholder(ins: Ins) -> bool {
    matches!(ins.op(), Op::KPRI | Op::KSTR | Op::KSHORT | Op::KNUM) && ins.a() == NO_REG
}

impl FuncState {
    /// Lets the test before the jump at `pc` store into `reg` (or drop its value when
    /// `reg` is `None`). False if the jump carries no value.
    fn patch_test_reg(&mut self, pc: usize, reg: Option<u32>) -> bool {
        if pc == 0 {
            return false;
        }
        let ip = pc - 1;
        let ins = self.code[ip];
        match ins.op() {
            Op::ISTC | Op::ISFC => {
                match reg {
                    Some(r) if r != ins.d() as u32 => self.code[ip] = ins.with_a(r as u8),
                    _ => {
                        let op = if ins.op() == Op::ISTC { Op::IST } else { Op::ISF };
                        self.code[ip] = Ins::ad(op, 0, ins.d());
                    }
                }
                true
            }
            _ if is_placeholder(ins) => {
                match reg {
                    None => {
                        let a = self.code[pc].a();
                        self.code[ip] = Ins::jump(Op::JMP, a, ip, ip + 1);
                    }
                    Some(r) => {
                        self.code[ip] = ins.with_a(r as u8);
                        if r >= self.code[pc].a() as u32 {
                            self.code[pc] = self.code[pc].with_a(r as u8 + 1);
                        }
                    }
                }
                true
            }
            _ => false,
        }
    }

    /// Points every jump of `list` at `vtarget` if it carries its value into `reg`,
    /// else at `dtarget`.
    pub fn patch_val(
        &mut self,
        list: &[usize],
        vtarget: usize,
        reg: Option<u32>,
        dtarget: usize,
    ) -> Result<(), Fail> {
        for &pc in list {
            let target = if self.patch_test_reg(pc, reg) { vtarget } else { dtarget };
            self.set_target(pc, target)?;
        }
        Ok(())
    }

    /// The jumps of `list` go to the next instruction emitted.
    pub fn jmp_tohere(&mut self, list: Vec<usize>) {
        self.lasttarget = self.pc();
        self.jpc.extend(list);
    }

    /// The jumps of `list` go to `target` (here or backwards), dropping values.
    pub fn jmp_patch(&mut self, list: Vec<usize>, target: usize) -> Result<(), Fail> {
        if target == self.pc() {
            self.jmp_tohere(list);
            Ok(())
        } else {
            self.patch_val(&list, target, None, target)
        }
    }

    /// True if some jump of `list` carries no value of its own.
    pub fn needs_loaders(&self, list: &[usize]) -> bool {
        list.iter().any(|&pc| {
            let p = self.code[pc.saturating_sub(1)];
            !(matches!(p.op(), Op::ISTC | Op::ISFC) || is_placeholder(p))
        })
    }

    /// The values carried by the jumps of `list` are not wanted.
    pub fn drop_val(&mut self, list: &[usize]) {
        for &pc in list {
            self.patch_test_reg(pc, None);
        }
    }

    /// An unconditional jump with a pending target; pending jumps to here are threaded
    /// through to the same target. A `UCLO` just before (with no jump landing after it)
    /// becomes the jump itself.
    pub fn emit_jmp(&mut self) -> Result<Vec<usize>, Fail> {
        let pending = std::mem::take(&mut self.jpc);
        let pc = self.pc();
        let j = if pc > 0 && pc > self.lasttarget && self.code[pc - 1].op() == Op::UCLO {
            self.lasttarget = pc;
            pc - 1
        } else {
            self.emit_pending(Op::JMP, self.freereg)?
        };
        let mut list = vec![j];
        list.extend(pending);
        Ok(list)
    }

    /// Negates the comparison or test guarding the jump at `pc`.
    pub fn invert_cond(&mut self, pc: usize) {
        if pc == 0 {
            return;
        }
        let ins = self.code[pc - 1];
        let op = ins.opcode();
        if op <= Op::ISF as u8 {
            self.code[pc - 1] = ins.with_op(Op::ALL[(op ^ 1) as usize]);
        }
    }
}
