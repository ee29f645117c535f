//! Expression descriptors: an expression that is compiled only as far as needed.
//!
//! Compiling `x` does not emit anything: whether it ends up in a fresh register, in the
//! register of the local being assigned, as a constant operand of `ADDVN`, or as the
//! condition of a jump depends on its consumer. An [`ExpDesc`] records how far an
//! expression has got ([`EK`]), plus two jump lists for `and`/`or`/comparisons: `t`
//! holds jumps taken when the value is true, `f` when it is false. The consumer then
//! *discharges* the descriptor to the form it needs:
//!
//! ```text
//!  constant ----------------------------------------+--> K*/MOV into a register
//!  Upval / Global / Indexed --discharge--> Reloc ---+    (toreg: any register,
//!  Local / Call ----------------discharge--> NonReloc     tonextreg: freereg)
//!  Jmp (comparison) -----------------------------> false/true loaders
//! ```
//!
//! `Reloc` is an emitted instruction whose destination (A) is still open; `NonReloc`
//! is a value fixed in a register.

use super::Fail;
use super::func::FuncState;
use crate::bytecode::op::{NO_REG, Op};
use crate::bytecode::proto::Const;

/// How far an expression has been compiled.
#[derive(Clone, Debug)]
pub(super) enum EK {
    /// No value (an empty expression list).
    Void,
    Nil,
    False,
    True,
    Str(Vec<u8>),
    Num(f64),
    Cdata(Const),
    /// A local variable: register and variable-stack index.
    Local(u32, usize),
    /// An upvalue: upvalue index and variable-stack index of the captured variable.
    Upval(u32, usize),
    Global(Vec<u8>),
    /// `t[key]` with `t` in a register.
    Indexed(u32, Key),
    /// A call or `VARG` at `pc`, results from `base`.
    Call {
        pc: usize,
        base: u32,
    },
    /// Value fixed in a register.
    NonReloc(u32),
    /// The instruction at pc computes the value; its A is not fixed yet.
    Reloc(usize),
    /// A comparison: the `JMP` at pc is taken when it holds.
    Jmp(usize),
}

/// The key of an indexed expression.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Key {
    Reg(u32),
    /// A string constant index that fits in C.
    Str(u32),
    /// An integer 0..=255.
    Byte(u32),
}

#[derive(Clone, Debug)]
pub(super) struct ExpDesc {
    pub k: EK,
    pub t: Vec<usize>,
    pub f: Vec<usize>,
}

impl ExpDesc {
    pub fn new(k: EK) -> ExpDesc {
        ExpDesc { k, t: Vec::new(), f: Vec::new() }
    }

    pub fn has_jump(&self) -> bool {
        !self.t.is_empty() || !self.f.is_empty()
    }

    /// A constant of the kinds that comparisons and templates take directly.
    pub fn is_k(&self) -> bool {
        matches!(self.k, EK::Nil | EK::False | EK::True | EK::Str(_) | EK::Num(_))
    }

    pub fn is_k_nojump(&self) -> bool {
        self.is_k() && !self.has_jump()
    }

    pub fn num(&self) -> Option<f64> {
        match self.k {
            EK::Num(n) => Some(n),
            _ => None,
        }
    }

    pub fn num_nojump(&self) -> Option<f64> {
        if self.has_jump() { None } else { self.num() }
    }
}

/// The `pri` operand of a primitive constant.
pub(super) fn pri(k: &EK) -> u32 {
    match k {
        EK::False => 1,
        EK::True => 2,
        _ => 0,
    }
}

/// `n` as a `KSHORT` operand, if it is an integer in i16 range (and not -0).
pub(super) fn short(n: f64) -> Option<i16> {
    let k = n as i16;
    (k as f64 == n && !(n == 0.0 && n.is_sign_negative())).then_some(k)
}

impl FuncState {
    pub fn free_exp(&mut self, e: &ExpDesc) {
        if let EK::NonReloc(r) = e.k {
            self.free_reg(r);
        }
    }

    /// Turns variables, indexing and calls into a register value or a relocatable
    /// instruction.
    pub fn discharge(&mut self, e: &mut ExpDesc) -> Result<(), Fail> {
        e.k = match std::mem::replace(&mut e.k, EK::Void) {
            EK::Upval(idx, _) => EK::Reloc(self.emit_ad(Op::UGET, 0, idx)?),
            EK::Global(name) => {
                let idx = self.const_str(&name);
                EK::Reloc(self.emit_ad(Op::GGET, 0, idx)?)
            }
            EK::Indexed(t, key) => {
                let pc = match key {
                    Key::Str(idx) => self.emit_abc(Op::TGETS, 0, t, idx)?,
                    Key::Byte(b) => self.emit_abc(Op::TGETB, 0, t, b)?,
                    Key::Reg(r) => {
                        self.free_reg(r);
                        self.emit_abc(Op::TGETV, 0, t, r)?
                    }
                };
                self.free_reg(t);
                EK::Reloc(pc)
            }
            EK::Local(r, _) => EK::NonReloc(r),
            EK::Call { base, .. } => EK::NonReloc(base),
            k => k,
        };
        Ok(())
    }

    /// Puts the value into `reg`, ignoring jump lists.
    fn toreg_nobranch(&mut self, e: &mut ExpDesc, reg: u32) -> Result<(), Fail> {
        self.discharge(e)?;
        match &e.k {
            EK::Str(s) => {
                let idx = self.const_str(s);
                self.emit_ad(Op::KSTR, reg, idx)?;
            }
            EK::Cdata(c) => {
                let idx = self.const_gc(c.clone());
                self.emit_ad(Op::KCDATA, reg, idx)?;
            }
            &EK::Num(n) => match short(n) {
                Some(k) => {
                    self.emit_ad(Op::KSHORT, reg, k as u16 as u32)?;
                }
                None => {
                    let idx = self.const_num(n);
                    self.emit_ad(Op::KNUM, reg, idx)?;
                }
            },
            &EK::Reloc(pc) => self.set_a(pc, reg),
            &EK::NonReloc(r) => {
                if r != reg {
                    self.emit_ad(Op::MOV, reg, r)?;
                }
            }
            EK::Nil => {
                if reg == NO_REG as u32 {
                    self.emit_ad(Op::KPRI, reg, 0)?;
                } else {
                    self.emit_nil(reg, 1)?;
                }
            }
            EK::False | EK::True => {
                self.emit_ad(Op::KPRI, reg, pri(&e.k))?;
            }
            _ => return Ok(()),
        }
        e.k = EK::NonReloc(reg);
        Ok(())
    }

    /// Puts the value into `reg`, resolving jump lists (emitting `false`/`true` loaders
    /// when some jump carries no value).
    pub fn toreg(&mut self, e: &mut ExpDesc, reg: u32) -> Result<(), Fail> {
        self.toreg_nobranch(e, reg)?;
        if let EK::Jmp(pc) = e.k {
            e.t.push(pc);
        }
        if e.has_jump() {
            let (mut jfalse, mut jtrue) = (None, None);
            if self.needs_loaders(&e.t) || self.needs_loaders(&e.f) {
                let jval = if matches!(e.k, EK::Jmp(_)) { None } else { Some(self.emit_jmp()?) };
                jfalse = Some(self.emit_ad(Op::KPRI, reg, 1)?);
                let skip = self.pc() + 2;
                self.emit_jump_to(Op::JMP, self.freereg, skip)?;
                jtrue = Some(self.emit_ad(Op::KPRI, reg, 2)?);
                if let Some(list) = jval {
                    self.jmp_tohere(list);
                }
            }
            let end = self.pc();
            self.lasttarget = end;
            let (t, f) = (std::mem::take(&mut e.t), std::mem::take(&mut e.f));
            self.patch_val(&f, end, Some(reg), jfalse.unwrap_or(end))?;
            self.patch_val(&t, end, Some(reg), jtrue.unwrap_or(end))?;
        }
        e.k = EK::NonReloc(reg);
        Ok(())
    }

    pub fn tonextreg(&mut self, e: &mut ExpDesc) -> Result<(), Fail> {
        self.discharge(e)?;
        self.free_exp(e);
        self.reserve(1)?;
        self.toreg(e, self.freereg - 1)
    }

    pub fn toanyreg(&mut self, e: &mut ExpDesc) -> Result<u32, Fail> {
        self.discharge(e)?;
        if let EK::NonReloc(r) = e.k {
            if !e.has_jump() {
                return Ok(r);
            }
            if r >= self.nactvar() {
                self.toreg(e, r)?;
                return Ok(r);
            }
        }
        self.tonextreg(e)?;
        match e.k {
            EK::NonReloc(r) => Ok(r),
            _ => Err(self.fail("expression has no value")),
        }
    }

    /// A value without pending jumps (constants stay constants).
    pub fn toval(&mut self, e: &mut ExpDesc) -> Result<(), Fail> {
        if e.has_jump() { self.toanyreg(e).map(|_| ()) } else { self.discharge(e) }
    }

    // ---- Conditions. -----------------------------------------------------------------

    /// A test of `e` followed by a jump taken when `e` is truthy (`cond`) or falsy.
    fn branch(&mut self, e: &mut ExpDesc, cond: bool) -> Result<Vec<usize>, Fail> {
        if let EK::Reloc(pc) = e.k {
            let ins = self.code[pc];
            if ins.op() == Op::NOT {
                let op = if cond { Op::ISF } else { Op::IST };
                self.code[pc] = crate::bytecode::op::Ins::ad(op, 0, ins.d());
                return self.emit_jmp();
            }
        }
        if !matches!(e.k, EK::NonReloc(_)) {
            self.reserve(1)?;
            self.toreg_nobranch(e, self.freereg - 1)?;
        }
        let r = match e.k {
            EK::NonReloc(r) => r,
            _ => return Err(self.fail("expression has no value")),
        };
        self.emit_ad(if cond { Op::ISTC } else { Op::ISFC }, NO_REG as u32, r)?;
        let list = self.emit_jmp()?;
        self.free_exp(e);
        Ok(list)
    }

    /// Falls through when `e` is truthy; jumps (list `f`) when it is falsy.
    pub fn branch_t(&mut self, e: &mut ExpDesc) -> Result<(), Fail> {
        self.discharge(e)?;
        let list = match e.k {
            EK::Str(_) | EK::Num(_) | EK::True => Vec::new(),
            EK::Jmp(pc) => {
                self.invert_cond(pc);
                vec![pc]
            }
            EK::Nil | EK::False => {
                self.emit_ad(Op::KPRI, NO_REG as u32, pri(&e.k))?;
                self.emit_jmp()?
            }
            _ => self.branch(e, false)?,
        };
        e.f.extend(list);
        let t = std::mem::take(&mut e.t);
        self.jmp_tohere(t);
        Ok(())
    }

    /// Falls through when `e` is falsy; jumps (list `t`) when it is truthy.
    pub fn branch_f(&mut self, e: &mut ExpDesc) -> Result<(), Fail> {
        self.discharge(e)?;
        let list = match e.k {
            EK::Nil | EK::False => Vec::new(),
            EK::Jmp(pc) => vec![pc],
            EK::Str(_) | EK::Num(_) | EK::True => {
                self.toreg_nobranch(e, NO_REG as u32)?;
                self.emit_jmp()?
            }
            _ => self.branch(e, true)?,
        };
        e.t.extend(list);
        let f = std::mem::take(&mut e.f);
        self.jmp_tohere(f);
        Ok(())
    }
}
