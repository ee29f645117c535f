//! Table constructors.
//!
//! `TNEW` with size hints, or `TDUP` of a template holding every entry whose key and
//! value are constants (string keys are always constant). Everything else is stored by
//! code after the `TDUP`, so a runtime store always wins over a template entry for the
//! same key, as in LuaJIT. A multi-valued last positional entry (`{f()}`, `{...}`)
//! ends in `TSETM`.
//!
//! The template's layout (which keys sit in its array part, and how big that is) is the
//! one LuaJIT's own template would have, see `template.rs`.

use super::expdesc::{EK, ExpDesc, Key};
use super::template::{Layout, Slot, hash_bits};
use super::{Compiler, Fail};
use crate::bytecode::op::{Ins, Op};
use crate::bytecode::proto::{Const, KValue, TableTemplate};
use crate::syntax::ast::TableField;

fn kvalue(e: &ExpDesc) -> Option<KValue> {
    Some(match &e.k {
        EK::Nil => KValue::Nil,
        EK::False => KValue::False,
        EK::True => KValue::True,
        EK::Num(n) => KValue::Num(*n),
        EK::Str(s) => KValue::Str(s.clone()),
        _ => return None,
    })
}

impl Compiler {
    pub(super) fn table(&mut self, fields: &[TableField], line: u32) -> Result<ExpDesc, Fail> {
        let treg = self.fs.freereg;
        let pc = self.fs.emit_ad(Op::TNEW, treg, 0)?;
        self.fs.see(line);
        self.fs.reserve(1)?;
        let freg = treg + 1;
        // The template's constant index and LuaJIT's layout of it.
        let mut template: Option<(u32, Layout)> = None;
        let (mut narr, mut nhash, mut needarr) = (1u32, 0u32, false);
        for (i, field) in fields.iter().enumerate() {
            let last = i + 1 == fields.len();
            let (mut key, val) = match field {
                TableField::Keyed(k, v) => {
                    let mut key = self.expr(k)?;
                    self.fs.toval(&mut key)?;
                    if !key.is_k() {
                        // A computed key is evaluated (into a register) before the value.
                        let reg = self.index_key(&mut key)?;
                        key = ExpDesc::new(EK::Indexed(treg, reg));
                    }
                    if key.num() == Some(0.0) {
                        needarr = true;
                    } else {
                        nhash += 1;
                    }
                    (key, v)
                }
                TableField::Named(name, v) => {
                    nhash += 1;
                    (ExpDesc::new(EK::Str(name.as_bytes().to_vec())), v)
                }
                TableField::Positional(v) => {
                    let key = ExpDesc::new(EK::Num(narr as f64));
                    narr += 1;
                    needarr = true;
                    (key, v)
                }
            };
            if !matches!(field, TableField::Positional(_)) {
                // The value follows `=`, which is on its line.
                self.fs.see(super::expr::first_line(val));
            }
            let mut val = self.expr(val)?;
            if last
                && matches!(field, TableField::Positional(_))
                && let EK::Call { pc: cpc, base } = val.k
            {
                self.fs.set_b(cpc, 0);
                let n = self.fs.const_num((narr - 1) as f64);
                self.fs.emit_ad(Op::TSETM, base, n)?;
                self.fs.freereg = freg;
                break;
            }
            // LuaJIT makes the template as soon as one entry has a constant key and
            // either a constant value or a string key.
            let in_template =
                key.is_k() && !matches!(key.k, EK::Nil) && (matches!(key.k, EK::Str(_)) || val.is_k_nojump());
            let constant = in_template && val.is_k_nojump();
            if in_template && template.is_none() {
                let k = self.fs.const_gc(Const::Table(TableTemplate::default()));
                self.fs.code[pc] = Ins::ad(Op::TDUP, treg as u8, k as u16);
                let asize = if needarr { narr } else { 0 };
                template = Some((k, Layout::new(asize, hash_bits(nhash))));
            }
            let layout = template.as_mut().map(|(_, l)| l).filter(|_| in_template);
            if let (Some(layout), Some(k)) = (layout, kvalue(&key)) {
                let v = match kvalue(&val) {
                    Some(KValue::Nil) if constant => Slot::Nil,
                    Some(v) if constant => Slot::Val(v),
                    _ => Slot::Dummy,
                };
                layout.set(k, v);
            }
            if !constant {
                // The value goes to a register before a constant key that needs one;
                // both are dropped together below, so no store-order freeing here.
                let ra = self.fs.toanyreg(&mut val)?;
                let k = match key.k {
                    EK::Indexed(_, k) => k,
                    _ => self.index_key(&mut key)?,
                };
                let (op, c) = match k {
                    Key::Str(i) => (Op::TSETS, i),
                    Key::Byte(b) => (Op::TSETB, b),
                    Key::Reg(r) => (Op::TSETV, r),
                };
                self.fs.emit_abc(op, ra, treg, c)?;
            }
            self.fs.freereg = freg;
        }
        match template {
            Some((k, mut layout)) => {
                if needarr && layout.asize() < narr as usize {
                    layout.reasize(narr - 1);
                }
                self.fs.kgc[k as usize] = Const::Table(layout.finish());
            }
            None => {
                let asize = if !needarr { 0 } else { narr.clamp(3, 0x7ff) };
                let d = asize | hash_bits(nhash).min(31) << 11;
                self.fs.code[pc] = Ins::ad(Op::TNEW, treg as u8, d as u16);
            }
        }
        if pc == self.fs.pc() - 1 {
            self.fs.freereg -= 1;
            Ok(ExpDesc::new(EK::Reloc(pc)))
        } else {
            Ok(ExpDesc::new(EK::NonReloc(treg)))
        }
    }
}
