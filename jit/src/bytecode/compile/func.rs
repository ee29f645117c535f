//! Per-function compiler state: the instruction buffer, constants, registers and scopes.
//!
//! Registers are allocated as a stack, as in LuaJIT: locals occupy slots
//! `0 .. nactvar`, temporaries live in `nactvar .. freereg`, and `framesize` is the high
//! water mark. Every allocation goes through [`FuncState::bump`], so no register operand
//! can reach [`MAX_SLOTS`]: the function is rejected first ("function or expression too
//! complex").
//!
//! ```text
//!   0        nactvar      freereg        framesize
//!   +---------+------------+---------------+
//!   | locals  | temporaries|  free         |
//!   +---------+------------+---------------+
//! ```

use std::collections::HashMap;

use super::Fail;
use crate::bytecode::op::{Ins, JUMP_BIAS, MAX_SLOTS, NO_REG, Op};
use crate::bytecode::proto::{Const, Proto, UpvalDesc};

/// LuaJIT's limit on the number of instructions in one function.
const MAX_BCINS: usize = 1 << 26;

/// Scope flags (LuaJIT's `FSCOPE_*`).
pub(super) const SCOPE_LOOP: u8 = 0x01;
/// A `break` is pending in the scope.
pub(super) const SCOPE_BREAK: u8 = 0x02;
/// A `goto` or label is in the scope.
pub(super) const SCOPE_GOLA: u8 = 0x04;
/// A local of the scope is captured by a closure: leaving the scope closes upvalues.
pub(super) const SCOPE_UPVAL: u8 = 0x08;
/// Leaving the scope needs no `UCLO` (the function end emits its own).
pub(super) const SCOPE_NOCLOSE: u8 = 0x10;

/// A block scope.
#[derive(Clone, Copy)]
pub(super) struct Scope {
    /// First entry of the variable stack that belongs to the scope.
    pub vstart: usize,
    /// Number of active locals outside the scope.
    pub nactvar: u32,
    pub flags: u8,
}

/// Upvalue variables of a finished prototype and its children, kept beside the
/// prototype until the whole chunk is compiled, when the final "immutable" flags are
/// known.
#[derive(Default)]
pub(super) struct UvTree {
    pub vars: Vec<u32>,
    pub children: Vec<UvTree>,
}

pub(super) struct FuncState {
    pub code: Vec<Ins>,
    pub lines: Vec<u32>,
    /// Line given to the next emitted instruction: the highest source line compiled so
    /// far, LuaJIT's "last line" (see [`FuncState::see`]).
    pub line: u32,
    pub knum: Vec<f64>,
    knum_map: HashMap<u64, u32>,
    pub kgc: Vec<Const>,
    kstr_map: HashMap<Vec<u8>, u32>,
    pub protos: Vec<Proto>,
    pub child_uv: Vec<UvTree>,
    /// Variable ids (see `Compiler::var_rw`) of the upvalues, parallel to `uvdesc`.
    pub uv_vars: Vec<u32>,
    /// Variable-stack index of each upvalue's variable (for lookups while compiling).
    pub uv_vidx: Vec<usize>,
    pub uvdesc: Vec<UpvalDesc>,
    pub uvnames: Vec<String>,
    /// Variable-stack indices of the active locals; local `i` lives in slot `i`.
    pub actvar: Vec<usize>,
    pub freereg: u32,
    pub framesize: u32,
    /// Jumps to the next instruction to be emitted (patched when it is).
    pub jpc: Vec<usize>,
    /// Highest pc that is a jump target (blocks merging into the previous instruction).
    pub lasttarget: usize,
    pub scopes: Vec<Scope>,
    /// First variable-stack entry of this function.
    pub vbase: usize,
    pub numparams: u32,
    pub is_vararg: bool,
    pub linedefined: u32,
    /// A closure has been created: later returns close upvalues first.
    pub has_child: bool,
    /// A return was compiled before the first closure: returns before the first
    /// `UCLO` are rewritten when the function is finished.
    pub fixup_return: bool,
    pub has_return: bool,
}

impl FuncState {
    pub fn new(linedefined: u32, is_vararg: bool, vbase: usize) -> FuncState {
        FuncState {
            code: Vec::new(),
            lines: Vec::new(),
            line: linedefined,
            knum: Vec::new(),
            knum_map: HashMap::new(),
            kgc: Vec::new(),
            kstr_map: HashMap::new(),
            protos: Vec::new(),
            child_uv: Vec::new(),
            uv_vars: Vec::new(),
            uv_vidx: Vec::new(),
            uvdesc: Vec::new(),
            uvnames: Vec::new(),
            actvar: Vec::new(),
            freereg: 0,
            framesize: 1,
            jpc: Vec::new(),
            lasttarget: 0,
            scopes: Vec::new(),
            vbase,
            numparams: 0,
            is_vararg,
            linedefined,
            has_child: false,
            fixup_return: false,
            has_return: false,
        }
    }

    /// The parser has got to `line`: the line of the last token seen only grows, and
    /// instructions emitted late (stores, jumps, closes) get it, as in LuaJIT.
    pub fn see(&mut self, line: u32) {
        self.line = self.line.max(line);
    }

    pub fn pc(&self) -> usize {
        self.code.len()
    }

    pub fn nactvar(&self) -> u32 {
        self.actvar.len() as u32
    }

    // ---- Errors. ---------------------------------------------------------------------

    pub fn fail(&self, msg: impl Into<String>) -> Fail {
        Fail { line: self.line, msg: msg.into() }
    }

    /// LuaJIT's `err_limit`: "main function has more than N what" or "function at line
    /// L has more than N what".
    pub fn limit(&self, limit: usize, what: &str) -> Fail {
        if self.linedefined == 0 {
            self.fail(format!("main function has more than {limit} {what}"))
        } else {
            self.fail(format!("function at line {} has more than {limit} {what}", self.linedefined))
        }
    }

    // ---- Emission. -------------------------------------------------------------------

    /// Emits `ins` at the current line, first pointing pending jumps-to-here at it.
    pub fn emit(&mut self, ins: Ins) -> Result<usize, Fail> {
        let pc = self.pc();
        let pending = std::mem::take(&mut self.jpc);
        self.patch_val(&pending, pc, None, pc)?;
        if pc >= MAX_BCINS {
            return Err(self.limit(MAX_BCINS, "bytecode instructions"));
        }
        self.code.push(ins);
        self.lines.push(self.line);
        Ok(pc)
    }

    pub fn emit_abc(&mut self, op: Op, a: u32, b: u32, c: u32) -> Result<usize, Fail> {
        self.emit(Ins::abc(op, a as u8, b as u8, c as u8))
    }

    pub fn emit_ad(&mut self, op: Op, a: u32, d: u32) -> Result<usize, Fail> {
        self.emit(Ins::ad(op, a as u8, d as u16))
    }

    /// Emits a jump-carrying instruction whose target is patched later.
    pub fn emit_pending(&mut self, op: Op, a: u32) -> Result<usize, Fail> {
        self.emit(Ins::ad(op, a as u8, 0))
    }

    /// Emits a jump-carrying instruction to a known target.
    pub fn emit_jump_to(&mut self, op: Op, a: u32, target: usize) -> Result<usize, Fail> {
        let pc = self.emit(Ins::ad(op, a as u8, 0))?;
        self.set_target(pc, target)?;
        Ok(pc)
    }

    pub fn set_a(&mut self, pc: usize, a: u32) {
        self.code[pc] = self.code[pc].with_a(a as u8);
    }

    pub fn set_b(&mut self, pc: usize, b: u32) {
        let i = self.code[pc];
        self.code[pc] = Ins::abc(i.op(), i.a(), b as u8, i.c());
    }

    pub fn set_line(&mut self, pc: usize, line: u32) {
        self.lines[pc] = line;
    }

    /// Points the jump at `pc` to `target` ("control structure too long" if the
    /// distance does not fit the D operand).
    pub fn set_target(&mut self, pc: usize, target: usize) -> Result<(), Fail> {
        let offset = target as i64 - (pc as i64 + 1) + JUMP_BIAS as i64;
        if !(0..=0xffff).contains(&offset) {
            return Err(self.fail("control structure too long"));
        }
        self.code[pc] = self.code[pc].with_d(offset as u16);
        Ok(())
    }

    /// `KPRI`/`KNIL` for `n` registers from `from`, merged into a preceding nil load
    /// when no jump lands between them.
    pub fn emit_nil(&mut self, from: u32, n: u32) -> Result<(), Fail> {
        let (mut from, mut n) = (from, n);
        if self.pc() > self.lasttarget && self.jpc.is_empty() {
            let last = self.pc() - 1;
            let prev = self.code[last];
            let pfrom = prev.a() as u32;
            match prev.op() {
                Op::KPRI if prev.d() == 0 && pfrom != NO_REG as u32 => {
                    if from == pfrom && n == 1 {
                        return Ok(());
                    }
                    if from == pfrom || from == pfrom + 1 {
                        n = (from + n).max(pfrom + 1) - pfrom;
                        from = pfrom;
                        self.code[last] = Ins::ad(Op::KNIL, from as u8, (from + n - 1) as u16);
                        return Ok(());
                    }
                }
                Op::KNIL => {
                    let pto = prev.d() as u32;
                    if pfrom <= from && from <= pto + 1 {
                        if from + n - 1 > pto {
                            self.code[last] = prev.with_d((from + n - 1) as u16);
                        }
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        if n == 1 {
            self.emit_ad(Op::KPRI, from, 0)?;
        } else {
            self.emit_ad(Op::KNIL, from, from + n - 1)?;
        }
        Ok(())
    }

    // ---- Registers. ------------------------------------------------------------------

    /// Makes room for `n` more registers above `freereg`.
    pub fn bump(&mut self, n: u32) -> Result<(), Fail> {
        let size = self.freereg + n;
        if size > self.framesize {
            if size >= MAX_SLOTS {
                return Err(self.fail("function or expression too complex"));
            }
            self.framesize = size;
        }
        Ok(())
    }

    pub fn reserve(&mut self, n: u32) -> Result<(), Fail> {
        self.bump(n)?;
        self.freereg += n;
        Ok(())
    }

    /// Frees a temporary register; registers are freed in stack order.
    pub fn free_reg(&mut self, reg: u32) {
        if reg >= self.nactvar() {
            self.freereg -= 1;
            debug_assert_eq!(reg, self.freereg, "bad register free order");
        }
    }

    // ---- Constants. ------------------------------------------------------------------

    pub fn const_num(&mut self, n: f64) -> u32 {
        let bits = n.to_bits();
        if let Some(&i) = self.knum_map.get(&bits) {
            return i;
        }
        let i = self.knum.len() as u32;
        self.knum.push(n);
        self.knum_map.insert(bits, i);
        i
    }

    pub fn const_str(&mut self, s: &[u8]) -> u32 {
        if let Some(&i) = self.kstr_map.get(s) {
            return i;
        }
        let i = self.kgc.len() as u32;
        self.kgc.push(Const::Str(s.to_vec()));
        self.kstr_map.insert(s.to_vec(), i);
        i
    }

    /// A GC constant that is never shared (templates, cdata).
    pub fn const_gc(&mut self, c: Const) -> u32 {
        let i = self.kgc.len() as u32;
        self.kgc.push(c);
        i
    }

    /// Checks the per-function limits that LuaJIT checks when a function is finished.
    pub fn check_const_limits(&self) -> Result<(), Fail> {
        const LIMIT: usize = 1 << 16;
        if self.knum.len() > LIMIT || self.kgc.len() > LIMIT || self.protos.len() > LIMIT {
            return Err(self.limit(LIMIT, "constants"));
        }
        Ok(())
    }
}
