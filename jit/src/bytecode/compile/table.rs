//! Table constructors.
//!
//! `TNEW` with size hints, or `TDUP` of a template holding every entry whose key and
//! value are constants (string keys are always constant). Everything else is stored by
//! code after the `TDUP`, so a runtime store always wins over a template entry for the
//! same key, as in LuaJIT. A multi-valued last positional entry (`{f()}`, `{...}`)
//! ends in `TSETM`.
//!
//! Template layout: positional entries and constant integer keys `1 ..= npos` go to the
//! array part (`array[i]` is key `i + 1`, holes are `Nil`, its length is the number of
//! positional entries); other constant keys go to the hash part in first-insertion
//! order, a later entry for the same key replacing the earlier value.

use std::collections::HashMap;

use super::expdesc::{EK, ExpDesc, Key};
use super::{Compiler, Fail};
use crate::bytecode::op::{Ins, Op};
use crate::bytecode::proto::{Const, KValue, TableTemplate};
use crate::syntax::ast::TableField;

/// Constant entries in order, with replacement.
#[derive(Default)]
struct Entries {
    list: Vec<(KValue, KValue)>,
    index: HashMap<(u8, Vec<u8>), usize>,
}

impl Entries {
    fn set(&mut self, k: KValue, v: KValue) {
        let id = match &k {
            KValue::Num(n) => (0, n.to_bits().to_le_bytes().to_vec()),
            KValue::Str(s) => (1, s.clone()),
            KValue::True => (2, Vec::new()),
            KValue::False => (3, Vec::new()),
            KValue::Nil => return,
        };
        match self.index.get(&id) {
            Some(&i) => self.list[i].1 = v,
            None => {
                self.index.insert(id, self.list.len());
                self.list.push((k, v));
            }
        }
    }

    fn into_template(self, npos: usize) -> TableTemplate {
        let mut t = TableTemplate { array: vec![KValue::Nil; npos], hash: Vec::new() };
        for (k, v) in self.list {
            if let KValue::Num(n) = k
                && n >= 1.0
                && n <= npos as f64
                && n.fract() == 0.0
            {
                t.array[n as usize - 1] = v;
                continue;
            }
            if v != KValue::Nil {
                t.hash.push((k, v));
            }
        }
        t
    }
}

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

/// LuaJIT's `hsize2hbits`: log2 of the hash size for `n` entries.
fn hash_bits(n: u32) -> u32 {
    match n {
        0 => 0,
        1 => 1,
        n => 32 - (n - 1).leading_zeros(),
    }
}

impl Compiler {
    pub(super) fn table(&mut self, fields: &[TableField]) -> Result<ExpDesc, Fail> {
        let treg = self.fs.freereg;
        let pc = self.fs.emit_ad(Op::TNEW, treg, 0)?;
        self.fs.reserve(1)?;
        let freg = treg + 1;
        let mut template: Option<u32> = None;
        let mut entries = Entries::default();
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
                template = Some(k);
            }
            if let (true, Some(k), Some(v)) = (constant, kvalue(&key), kvalue(&val)) {
                entries.set(k, v);
            } else {
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
        let npos = if needarr { narr as usize - 1 } else { 0 };
        match template {
            Some(k) => {
                self.fs.kgc[k as usize] = Const::Table(entries.into_template(npos));
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
