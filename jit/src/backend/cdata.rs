//! Lowering of the C data instructions (`trace::record::ffi_data`).
//!
//! C memory is accessed with plain (possibly unaligned, possibly trapping) memory
//! flags: a packed struct's field may be unaligned, and a wild pointer faults as it
//! would in C and in LuaJIT. Words are `I64`; numbers `F64`.
//!
//! Number-to-integer conversions must give the interpreter's answer for every double,
//! including NaN and out-of-range values, and those answers differ by target (they are
//! LuaJIT's: x86-64's `cvttsd2si` gives the "integer indefinite" value, arm64's `fcvtzs`
//! saturates). `fcvt_to_sint_sat` is exactly arm64's; on x86-64 a range check selects
//! the indefinite value (`conv::f2i64`, `conv::f2i32`). The unsigned ones are calls.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value, types};

use super::Lower;
use crate::ffi::cdata::Cdata;
use crate::trace::helpers::BAIL;
use crate::trace::helpers_ffi as hf;
use crate::trace::ir::*;
use crate::vm::value::{CANONICAL_NAN, NUMBER_LIMIT, PAYLOAD_MASK};

/// C memory: no alignment or no-trap promise.
fn cmem() -> MemFlagsData {
    MemFlagsData::new()
}

// The `CDTYPE` check reads `ctype` and `flags` as one word: the id in the low half,
// no flags (not a ctype object) in the high half.
const _: () = assert!(std::mem::offset_of!(Cdata, flags) == std::mem::offset_of!(Cdata, ctype) + 4);
const _: () = assert!(std::mem::size_of::<crate::ffi::ctype::CTypeId>() == 4);
const _: () = assert!(cfg!(target_endian = "little"));

impl Lower<'_, '_> {
    /// The value of C data instruction `x` (operands `va`, `vb` already lowered).
    pub(super) fn lower_cdata(&mut self, x: &IrIns, va: Value, vb: Value) -> Value {
        use types::{F32, F64, I32, I64};
        match x.op {
            IrOp::CDTYPE => {
                let p = self.b.ins().band_imm_u(va, PAYLOAD_MASK as i64);
                let w = self.b.ins().load(I64, super::mem(), p, std::mem::offset_of!(Cdata, ctype) as i32);
                let ok = self.b.ins().icmp_imm_u(IntCC::Equal, w, x.k as i64);
                self.guard(ok, x.snap);
                ok
            }
            IrOp::CDPTR => {
                let p = self.b.ins().band_imm_u(va, PAYLOAD_MASK as i64);
                self.b.ins().load(I64, super::mem(), p, std::mem::offset_of!(Cdata, ptr) as i32)
            }
            IrOp::XLOAD => {
                let (size, signed) = (hf::mem_size(x.k), hf::mem_signed(x.k));
                if hf::mem_float(x.k) {
                    let f = if size == 4 {
                        let f = self.b.ins().load(F32, cmem(), va, 0);
                        self.b.ins().fpromote(F64, f)
                    } else {
                        self.b.ins().load(F64, cmem(), va, 0)
                    };
                    return self.canonical_nan(f);
                }
                let w = match (size, signed) {
                    (1, true) => self.b.ins().sload8(I64, cmem(), va, 0),
                    (1, false) => self.b.ins().uload8(I64, cmem(), va, 0),
                    (2, true) => self.b.ins().sload16(I64, cmem(), va, 0),
                    (2, false) => self.b.ins().uload16(I64, cmem(), va, 0),
                    (4, true) => self.b.ins().sload32(cmem(), va, 0),
                    (4, false) => self.b.ins().uload32(cmem(), va, 0),
                    _ => self.b.ins().load(I64, cmem(), va, 0),
                };
                if x.t == IrType::Num {
                    if size == 8 && !signed {
                        self.b.ins().fcvt_from_uint(F64, w)
                    } else {
                        self.b.ins().fcvt_from_sint(F64, w)
                    }
                } else {
                    w
                }
            }
            IrOp::XSTORE => {
                let size = hf::mem_size(x.k);
                if hf::mem_float(x.k) {
                    let v = if size == 4 { self.b.ins().fdemote(F32, vb) } else { vb };
                    self.b.ins().store(cmem(), v, va, 0);
                } else {
                    match size {
                        1 => self.b.ins().istore8(cmem(), vb, va, 0),
                        2 => self.b.ins().istore16(cmem(), vb, va, 0),
                        4 => self.b.ins().istore32(cmem(), vb, va, 0),
                        _ => self.b.ins().store(cmem(), vb, va, 0),
                    };
                }
                self.base
            }
            IrOp::IADD => self.b.ins().iadd(va, vb),
            IrOp::ISUB => self.b.ins().isub(va, vb),
            IrOp::IMUL => self.b.ins().imul(va, vb),
            IrOp::INEG => self.b.ins().ineg(va),
            // The divisor is a constant element size > 0: no trap.
            IrOp::ISDIV => self.b.ins().sdiv(va, vb),
            IrOp::I64ARITH => {
                let k = self.b.ins().iconst(I64, x.k as i64);
                self.call(hf::i64arith as *const () as usize, &[va, vb, k], &[I64; 3], I64)
            }
            IrOp::ICMP => {
                let cc = match x.k {
                    hf::CC_EQ => IntCC::Equal,
                    hf::CC_NE => IntCC::NotEqual,
                    hf::CC_SLT => IntCC::SignedLessThan,
                    hf::CC_SGE => IntCC::SignedGreaterThanOrEqual,
                    hf::CC_SLE => IntCC::SignedLessThanOrEqual,
                    hf::CC_SGT => IntCC::SignedGreaterThan,
                    hf::CC_ULT => IntCC::UnsignedLessThan,
                    hf::CC_UGE => IntCC::UnsignedGreaterThanOrEqual,
                    hf::CC_ULE => IntCC::UnsignedLessThanOrEqual,
                    _ => IntCC::UnsignedGreaterThan,
                };
                let ok = self.b.ins().icmp(cc, va, vb);
                self.guard(ok, x.snap);
                ok
            }
            IrOp::CONV => match x.k {
                hf::CONV_NUM_I64 => self.f2int(va, I64),
                hf::CONV_NUM_I32 => {
                    let i = self.f2int(va, I32);
                    self.b.ins().sextend(I64, i)
                }
                hf::CONV_I64_NUM => self.b.ins().fcvt_from_sint(F64, va),
                hf::CONV_U64_NUM => self.b.ins().fcvt_from_uint(F64, va),
                k => {
                    let k = self.b.ins().iconst(I64, k as i64);
                    self.call(hf::conv_num as *const () as usize, &[va, k], &[F64, I64], I64)
                }
            },
            IrOp::CDBOX | IrOp::CDCOPY => {
                let ty = self.b.ins().iconst(I64, x.k as i64);
                let f = if x.op == IrOp::CDBOX { hf::cdbox as *const () } else { hf::cdcopy as *const () };
                let r = self.call(f as usize, &[self.st, ty, va], &[I64; 3], I64);
                let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, BAIL as i64);
                self.guard(ok, x.snap);
                r
            }
            IrOp::BFEXT => {
                // Shift the field to the top, then back down: the right shift
                // zero- or sign-extends it.
                let (pos, width, signed) = hf::bf_parts(x.k);
                let up = self.b.ins().ishl_imm_u(va, i64::from(64 - pos - width));
                let sh = i64::from(64 - width);
                if signed { self.b.ins().sshr_imm_u(up, sh) } else { self.b.ins().ushr_imm_u(up, sh) }
            }
            IrOp::BFINS => {
                let (pos, width, _) = hf::bf_parts(x.k);
                let mask = (u64::MAX >> (64 - width)) << pos;
                let kept = self.b.ins().band_imm_u(va, !mask as i64);
                let v = self.b.ins().ishl_imm_u(vb, i64::from(pos));
                let v = self.b.ins().band_imm_u(v, mask as i64);
                self.b.ins().bor(kept, v)
            }
            _ => {
                // CDNUM
                let ty = self.b.ins().iconst(I64, x.k as i64);
                self.call(hf::cdnum as *const () as usize, &[self.st, ty, va], &[I64, I64, F64], I64)
            }
        }
    }

    /// `n`, with a NaN whose bits would alias a tagged value replaced by the canonical
    /// NaN, as `TValue::number` does for every double read from C memory.
    fn canonical_nan(&mut self, n: Value) -> Value {
        use types::{F64, I64};
        let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), n);
        let bad = self.b.ins().icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, bits, NUMBER_LIMIT as i64);
        let nan = self.b.ins().iconst(I64, CANONICAL_NAN as i64);
        let bits = self.b.ins().select(bad, nan, bits);
        self.b.ins().bitcast(F64, MemFlagsData::new(), bits)
    }

    /// `(int)n` of width `ty` (I32 or I64) with the target's answer for NaN and
    /// out-of-range values (see the module documentation).
    fn f2int(&mut self, n: Value, ty: types::Type) -> Value {
        let sat = self.b.ins().fcvt_to_sint_sat(ty, n);
        if cfg!(target_arch = "aarch64") {
            return sat;
        }
        let bits = ty.bits();
        let lim = 2f64.powi(bits as i32 - 1);
        // n > -2^(bits-1) - 1 (for 64 bits that constant rounds to -2^63, which itself
        // converts to the indefinite value) and n < 2^(bits-1).
        let lo = if bits == 64 { -lim } else { -lim - 1.0 };
        let (klo, khi) = (self.b.ins().f64const(lo), self.b.ins().f64const(lim));
        let above = self.b.ins().fcmp(FloatCC::GreaterThan, n, klo);
        let below = self.b.ins().fcmp(FloatCC::LessThan, n, khi);
        let inr = self.b.ins().band(above, below);
        let min = self.b.ins().iconst(ty, if bits == 64 { i64::MIN } else { i64::from(i32::MIN) });
        self.b.ins().select(inr, sat, min)
    }
}
