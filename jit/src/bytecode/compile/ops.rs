//! Operators: unary, arithmetic, comparison, `and`/`or`, with LuaJIT's operand forms
//! and constant folding.
//!
//! Folding happens only where LuaJIT folds, because the result must not depend on
//! whether a value was known at compile time: arithmetic on two number constants
//! unless the result is NaN or -0 (those are never constants), and negation of a
//! nonzero number constant.

use super::Fail;
use super::expdesc::{EK, ExpDesc, pri};
use super::func::FuncState;
use crate::bytecode::op::Op;
use crate::bytecode::proto::Const;
use crate::syntax::ast::{BinOp, UnOp};

/// Offset of an arithmetic operator inside its opcode group (`ADDVN .. MODVN` etc.).
fn arith_offset(op: BinOp) -> Option<u8> {
    Some(match op {
        BinOp::Add => 0,
        BinOp::Sub => 1,
        BinOp::Mul => 2,
        BinOp::Div => 3,
        BinOp::Mod => 4,
        _ => return None,
    })
}

fn fold(op: BinOp, a: f64, b: f64) -> Option<f64> {
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        BinOp::Mod => a - (a / b).floor() * b,
        BinOp::Pow => a.powf(b),
        _ => return None,
    };
    let unfoldable = r.is_nan() || (r == 0.0 && r.is_sign_negative());
    (!unfoldable).then_some(r)
}

fn op_at(base: Op, offset: u8) -> Op {
    Op::ALL[base as usize + offset as usize]
}

impl FuncState {
    pub fn unop(&mut self, op: UnOp, e: &mut ExpDesc) -> Result<(), Fail> {
        let bcop = match op {
            UnOp::Not => {
                std::mem::swap(&mut e.t, &mut e.f);
                self.drop_val(&e.f);
                self.drop_val(&e.t);
                self.discharge(e)?;
                match e.k {
                    EK::Nil | EK::False => {
                        e.k = EK::True;
                        return Ok(());
                    }
                    EK::Str(_) | EK::Num(_) | EK::True | EK::Cdata(_) => {
                        e.k = EK::False;
                        return Ok(());
                    }
                    EK::Jmp(pc) => {
                        self.invert_cond(pc);
                        return Ok(());
                    }
                    EK::Reloc(pc) => {
                        self.reserve(1)?;
                        let r = self.freereg - 1;
                        self.set_a(pc, r);
                        e.k = EK::NonReloc(r);
                    }
                    EK::NonReloc(_) => {}
                    _ => {
                        self.toanyreg(e)?;
                    }
                }
                Op::NOT
            }
            UnOp::Neg | UnOp::Len => {
                if op == UnOp::Neg && !e.has_jump() {
                    match &mut e.k {
                        EK::Num(n) if *n != 0.0 => {
                            *n = -*n;
                            return Ok(());
                        }
                        EK::Cdata(c) => {
                            // Cdata constants are not shared, so they negate in place
                            // like LuaJIT does; for a complex that flips only the sign of
                            // the imaginary part (`-2i` is `0-2i`, its real part stays +0).
                            *c = match *c {
                                Const::Int64(v) => Const::Int64(v.wrapping_neg()),
                                Const::UInt64(v) => Const::UInt64(v.wrapping_neg()),
                                Const::Complex(re, im) => Const::Complex(re, -im),
                                ref other => other.clone(),
                            };
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                self.toanyreg(e)?;
                if op == UnOp::Neg { Op::UNM } else { Op::LEN }
            }
        };
        let r = match e.k {
            EK::NonReloc(r) => r,
            _ => return Err(self.fail("expression has no value")),
        };
        self.free_exp(e);
        e.k = EK::Reloc(self.emit_ad(bcop, 0, r)?);
        Ok(())
    }

    /// Prepares the left operand of a binary operator before the right one is compiled.
    pub fn infix(&mut self, op: BinOp, e: &mut ExpDesc) -> Result<(), Fail> {
        match op {
            BinOp::And => self.branch_t(e),
            BinOp::Or => self.branch_f(e),
            BinOp::Concat => self.tonextreg(e),
            BinOp::Eq | BinOp::Ne => {
                if !e.is_k_nojump() {
                    self.toanyreg(e)?;
                }
                Ok(())
            }
            _ => {
                if e.num_nojump().is_none() {
                    self.toanyreg(e)?;
                }
                Ok(())
            }
        }
    }

    /// Combines both operands (`Concat` is handled by the caller, which builds one `CAT`
    /// for a whole chain).
    pub fn posfix(&mut self, op: BinOp, e1: ExpDesc, mut e2: ExpDesc) -> Result<ExpDesc, Fail> {
        match op {
            BinOp::And => {
                self.discharge(&mut e2)?;
                e2.f.extend(e1.f);
                Ok(e2)
            }
            BinOp::Or => {
                self.discharge(&mut e2)?;
                e2.t.extend(e1.t);
                Ok(e2)
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => self.comp(op, e1, e2),
            _ => self.arith(op, e1, e2),
        }
    }

    /// Frees the operand registers of a two-operand instruction (both are temporaries
    /// on top of the stack, or locals).
    fn free_operands(&mut self, e1: &ExpDesc, e2: &ExpDesc) {
        for e in [e1, e2] {
            if let EK::NonReloc(r) = e.k
                && r >= self.nactvar()
            {
                self.freereg -= 1;
            }
        }
    }

    fn arith(&mut self, op: BinOp, mut e1: ExpDesc, mut e2: ExpDesc) -> Result<ExpDesc, Fail> {
        if let (Some(a), Some(b)) = (e1.num_nojump(), e2.num_nojump())
            && let Some(r) = fold(op, a, b)
        {
            return Ok(ExpDesc::new(EK::Num(r)));
        }
        let (bcop, rb, rc);
        if let Some(off) = arith_offset(op) {
            self.toval(&mut e2)?;
            let k2 = match e2.num() {
                Some(n) => Some(self.const_num(n)).filter(|&k| k <= 255),
                None => None,
            };
            let mut c = match k2 {
                Some(k) => k,
                None => self.toanyreg(&mut e2)?,
            };
            let mut o = op_at(if k2.is_some() { Op::ADDVN } else { Op::ADDVV }, off);
            self.toval(&mut e1)?;
            let k1 = match (e1.num(), e2.num()) {
                (Some(n), None) => Some(self.const_num(n)).filter(|&k| k <= 255),
                _ => None,
            };
            let b = match k1 {
                Some(k) => {
                    o = op_at(Op::ADDNV, off);
                    std::mem::replace(&mut c, k)
                }
                None => self.toanyreg(&mut e1)?,
            };
            (bcop, rb, rc) = (o, b, c);
        } else {
            rc = self.toanyreg(&mut e2)?;
            rb = self.toanyreg(&mut e1)?;
            bcop = Op::POW;
        }
        self.free_operands(&e1, &e2);
        Ok(ExpDesc::new(EK::Reloc(self.emit_abc(bcop, 0, rb, rc)?)))
    }

    fn comp(&mut self, op: BinOp, mut e1: ExpDesc, mut e2: ExpDesc) -> Result<ExpDesc, Fail> {
        self.toval(&mut e1)?;
        let (bcop, ra, rd);
        if matches!(op, BinOp::Eq | BinOp::Ne) {
            let eq = op == BinOp::Eq;
            if e1.is_k() {
                std::mem::swap(&mut e1, &mut e2);
            }
            ra = self.toanyreg(&mut e1)?;
            self.toval(&mut e2)?;
            let pick = |v: Op, n: Op| if eq { v } else { n };
            (bcop, rd) = match &e2.k {
                EK::Nil | EK::False | EK::True => (pick(Op::ISEQP, Op::ISNEP), pri(&e2.k)),
                EK::Str(s) => {
                    let s = s.clone();
                    (pick(Op::ISEQS, Op::ISNES), self.const_str(&s))
                }
                &EK::Num(n) => (pick(Op::ISEQN, Op::ISNEN), self.const_num(n)),
                _ => (pick(Op::ISEQV, Op::ISNEV), self.toanyreg(&mut e2)?),
            };
        } else {
            // `a > b` is `b < a` and `a >= b` is `b <= a` (Lua 5.1's definition).
            let (o, swap) = match op {
                BinOp::Lt => (Op::ISLT, false),
                BinOp::Le => (Op::ISLE, false),
                BinOp::Gt => (Op::ISLT, true),
                _ => (Op::ISLE, true),
            };
            if swap {
                std::mem::swap(&mut e1, &mut e2);
                self.toval(&mut e1)?;
                ra = self.toanyreg(&mut e1)?;
                rd = self.toanyreg(&mut e2)?;
            } else {
                rd = self.toanyreg(&mut e2)?;
                ra = self.toanyreg(&mut e1)?;
            }
            bcop = o;
        }
        self.free_operands(&e1, &e2);
        self.emit_ad(bcop, ra, rd)?;
        // The comparison flushed pending jumps, so the new jump is the list's only entry.
        let list = self.emit_jmp()?;
        Ok(ExpDesc::new(EK::Jmp(list[0])))
    }
}
