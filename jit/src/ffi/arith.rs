//! cdata arithmetic and comparisons, as LuaJIT 2.1 defines them.
//!
//! Operands are numbers or cdata. If either is a pointer (or array, which decays),
//! the operation is pointer arithmetic: `p + n`, `p - n`, `p - q` (element
//! difference, same element size), comparisons of addresses. Otherwise both operands
//! convert to a 64-bit integer — `uint64_t` if either is `uint64_t`, else `int64_t` —
//! with doubles truncated; the result is a new boxed 64-bit cdata. Division and
//! modulo are C's (truncating); dividing by zero gives what LuaJIT's helpers give
//! (`INT64_MIN` signed, `2^63` unsigned) instead of trapping. `^` is integer power by
//! repeated squaring (negative exponents give 0, or 1 for base 1).

use super::cdata::as_cdata;
use super::conv::Scalar;
use super::ctype::*;
use crate::lib::bitop::tobit;
use crate::vm::func::LResult;
use crate::vm::state::State;
use crate::vm::value::*;

/// The interpreter's operator set: cdata arithmetic serves the same bytecodes.
pub use crate::vm::arith::ArithOp;

/// An operand reduced to what arithmetic needs.
enum Operand {
    Int(Scalar, bool),
    /// A pointer: address and element type.
    Ptr(u64, CTypeId),
    Other,
}

impl State {
    fn operand(&mut self, v: TValue) -> Operand {
        if v.is_number() {
            return Operand::Int(super::conv::lua_num(v.as_number()), false);
        }
        let Some(c) = as_cdata(v) else { return Operand::Other };
        if c.flags & super::cdata::IS_CTYPE != 0 {
            return Operand::Other;
        }
        let (mut ty, mut p) = (c.ctype, c.ptr as *const u8);
        let cts = &self.ffi().cts;
        if let Kind::Ref(inner) = cts.get(ty).kind {
            // SAFETY: a reference's payload holds a pointer to a live object.
            p = unsafe { *(p as *const *const u8) };
            ty = inner;
        }
        let ct = *cts.get(ty);
        match ct.kind {
            // SAFETY: a pointer cdata's payload holds the address.
            Kind::Ptr(e) => Operand::Ptr(unsafe { *(p as *const u64) }, e),
            Kind::Array { elem, .. } => Operand::Ptr(p as u64, elem),
            Kind::Int { .. } | Kind::Bool | Kind::Enum(_) | Kind::Float => {
                let unsigned = matches!(ct.kind, Kind::Int { unsigned: true, .. });
                // SAFETY: `p` points at a live scalar of type `ty`.
                let s = unsafe { self.ffi().read_scalar(ty, p) }.unwrap_or(Scalar::I(0));
                Operand::Int(s, unsigned && ct.size == 8)
            }
            _ => Operand::Other,
        }
    }

    fn arith_error(&mut self, a: TValue, b: TValue) -> crate::vm::func::Throw {
        let (x, y) = (self.conv_src_name(a), self.conv_src_name(b));
        self.caller_error(&format!("attempt to perform arithmetic on '{x}' and '{y}'"))
    }

    /// `a op b` where at least one operand is cdata. `None`: no FFI arithmetic applies
    /// (the caller then tries `__arith` metamethods of a metatype, or raises).
    pub fn cdata_arith(&mut self, op: ArithOp, a: TValue, b: TValue) -> LResult<TValue> {
        let (x, y) = (self.operand(a), self.operand(if op == ArithOp::Unm { a } else { b }));
        match (x, y) {
            (Operand::Ptr(p, e), Operand::Int(n, _)) if matches!(op, ArithOp::Add | ArithOp::Sub) => {
                let es = i64::from(self.ffi().cts.get(e).size.max(1));
                let d = n.to_i64().wrapping_mul(es);
                let addr =
                    if op == ArithOp::Add { p.wrapping_add(d as u64) } else { p.wrapping_sub(d as u64) };
                let pt = self.ffi().cts.ptr_to(e);
                self.box_scalar(pt, Scalar::U(addr))
            }
            (Operand::Int(n, _), Operand::Ptr(p, e)) if op == ArithOp::Add => {
                let es = i64::from(self.ffi().cts.get(e).size.max(1));
                let pt = self.ffi().cts.ptr_to(e);
                self.box_scalar(pt, Scalar::U(p.wrapping_add(n.to_i64().wrapping_mul(es) as u64)))
            }
            (Operand::Ptr(p, e1), Operand::Ptr(q, e2)) if op == ArithOp::Sub => {
                let (s1, s2) = (self.ffi().cts.get(e1).size, self.ffi().cts.get(e2).size);
                if s1 != s2 {
                    return Err(self.arith_error(a, b));
                }
                // The element difference is a plain number, as in LuaJIT 2.1.
                let d = (p.wrapping_sub(q) as i64) / i64::from(s1.max(1));
                Ok(TValue::number(d as f64))
            }
            (Operand::Int(m, mu), Operand::Int(n, nu)) => {
                if mu || nu {
                    let r = u64_arith(op, m.to_u64(), n.to_u64());
                    self.box_scalar(id::UINT64, Scalar::U(r))
                } else {
                    let r = i64_arith(op, m.to_i64(), n.to_i64());
                    self.box_scalar(id::INT64, Scalar::I(r))
                }
            }
            _ => Err(self.arith_error(a, b)),
        }
    }

    /// Whether the C operation itself answers `a op b` (`cdata_arith` succeeds). Where
    /// it does not, a metatype's metamethod is tried before the error (LuaJIT's
    /// `lj_carith_op`: the built-in operation first, then `lj_carith_meta`).
    pub fn cdata_arith_builtin(&mut self, op: ArithOp, a: TValue, b: TValue) -> bool {
        let (x, y) = (self.operand(a), self.operand(if op == ArithOp::Unm { a } else { b }));
        match (x, y) {
            (Operand::Ptr(..), Operand::Int(..)) => matches!(op, ArithOp::Add | ArithOp::Sub),
            (Operand::Int(..), Operand::Ptr(..)) => op == ArithOp::Add,
            (Operand::Ptr(_, e1), Operand::Ptr(_, e2)) => {
                op == ArithOp::Sub && self.ffi().cts.get(e1).size == self.ffi().cts.get(e2).size
            }
            (Operand::Int(..), Operand::Int(..)) => true,
            _ => false,
        }
    }

    /// Whether `cdata_equal` compares `a` and `b` as C values (two integers, two
    /// pointers, a pointer and nil, two ctype objects); else a metatype's `__eq` is
    /// tried first, and without one they are equal only if identical.
    pub fn cdata_eq_builtin(&mut self, a: TValue, b: TValue) -> bool {
        if let (Some(x), Some(y)) = (as_cdata(a), as_cdata(b))
            && x.flags & y.flags & super::cdata::IS_CTYPE != 0
        {
            return true;
        }
        let ptr_or_nil = |st: &mut State, v: TValue| v.is_nil() || matches!(st.operand(v), Operand::Ptr(..));
        if a.is_nil() || b.is_nil() {
            return ptr_or_nil(self, a) && ptr_or_nil(self, b);
        }
        matches!(
            (self.operand(a), self.operand(b)),
            (Operand::Ptr(..), Operand::Ptr(..)) | (Operand::Int(..), Operand::Int(..))
        )
    }

    /// Comparison where at least one operand is cdata: `Some(result)` or `None` when
    /// the operands are not comparable as C values (then `==` is false and `<` raises).
    /// `le` selects `<=` over `<`.
    pub fn cdata_compare(&mut self, a: TValue, b: TValue, le: bool) -> Option<bool> {
        match (self.operand(a), self.operand(b)) {
            (Operand::Ptr(p, _), Operand::Ptr(q, _)) => Some(if le { p <= q } else { p < q }),
            (Operand::Int(m, mu), Operand::Int(n, nu)) => Some(if mu || nu {
                let (x, y) = (m.to_u64(), n.to_u64());
                if le { x <= y } else { x < y }
            } else {
                let (x, y) = (m.to_i64(), n.to_i64());
                if le { x <= y } else { x < y }
            }),
            _ => None,
        }
    }

    /// `a == b` with at least one cdata operand.
    pub fn cdata_equal(&mut self, a: TValue, b: TValue) -> bool {
        if let (Some(x), Some(y)) = (as_cdata(a), as_cdata(b))
            && x.flags & y.flags & super::cdata::IS_CTYPE != 0
        {
            // ctype objects: the same type (ids are interned).
            return x.ctype == y.ctype;
        }
        if b.is_nil() || a.is_nil() {
            let other = if a.is_nil() { b } else { a };
            return matches!(self.operand(other), Operand::Ptr(0, _));
        }
        match (self.operand(a), self.operand(b)) {
            (Operand::Ptr(p, _), Operand::Ptr(q, _)) => p == q,
            (Operand::Int(m, mu), Operand::Int(n, nu)) => {
                if mu || nu {
                    m.to_u64() == n.to_u64()
                } else {
                    m.to_i64() == n.to_i64()
                }
            }
            _ => a.bits() == b.bits(),
        }
    }
}

pub fn i64_arith(op: ArithOp, a: i64, b: i64) -> i64 {
    match op {
        ArithOp::Add => a.wrapping_add(b),
        ArithOp::Sub => a.wrapping_sub(b),
        ArithOp::Mul => a.wrapping_mul(b),
        ArithOp::Div if b == 0 => i64::MIN,
        ArithOp::Div => a.wrapping_div(b),
        ArithOp::Mod if b == 0 => i64::MIN,
        ArithOp::Mod => a.wrapping_rem(b),
        ArithOp::Pow => {
            if b < 0 {
                return match a {
                    1 => 1,
                    -1 => {
                        if b & 1 != 0 {
                            -1
                        } else {
                            1
                        }
                    }
                    _ => 0,
                };
            }
            ipow(a as u64, b as u64) as i64
        }
        ArithOp::Unm => a.wrapping_neg(),
    }
}

pub fn u64_arith(op: ArithOp, a: u64, b: u64) -> u64 {
    match op {
        ArithOp::Add => a.wrapping_add(b),
        ArithOp::Sub => a.wrapping_sub(b),
        ArithOp::Mul => a.wrapping_mul(b),
        ArithOp::Div if b == 0 => 1 << 63,
        ArithOp::Div => a / b,
        ArithOp::Mod if b == 0 => 1 << 63,
        ArithOp::Mod => a % b,
        ArithOp::Pow => ipow(a, b),
        ArithOp::Unm => a.wrapping_neg(),
    }
}

fn ipow(mut base: u64, mut e: u64) -> u64 {
    let mut r: u64 = 1;
    while e > 0 {
        if e & 1 != 0 {
            r = r.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        e >>= 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_arith_matches_luajit() {
        assert_eq!(i64_arith(ArithOp::Div, 5, 0), i64::MIN);
        assert_eq!(i64_arith(ArithOp::Mod, 5, 0), i64::MIN);
        assert_eq!(u64_arith(ArithOp::Div, 5, 0), 1 << 63);
        assert_eq!(i64_arith(ArithOp::Div, -5, 2), -2);
        assert_eq!(i64_arith(ArithOp::Mod, -5, 3), -2);
        assert_eq!(i64_arith(ArithOp::Pow, 2, 10), 1024);
        assert_eq!(i64_arith(ArithOp::Pow, 2, -1), 0);
        assert_eq!(i64_arith(ArithOp::Div, i64::MIN, -1), i64::MIN);
    }
}

/// The `bit` library operations, for their 64-bit forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitOp {
    Tobit,
    Tohex,
    Bnot,
    Band,
    Bor,
    Bxor,
    Lshift,
    Rshift,
    Arshift,
    Rol,
    Ror,
    Bswap,
}

impl State {
    /// Operand `i` of a 64-bit `bit` operation, converted as the result type asks.
    fn bit64_arg(&mut self, i: usize, unsigned: bool) -> LResult<u64> {
        let v = self.arg(i);
        // arm64 LuaJIT takes a number operand as `bit.tobit` does, sign-extended;
        // x86-64's converts it as C does.
        if cfg!(target_arch = "aarch64")
            && let Some(n) = crate::vm::arith::coerce_num(v).filter(|_| v.is_number() || v.is_str())
        {
            return Ok(i64::from(tobit(n)) as u64);
        }
        if let Operand::Int(s, _) = self.operand(v) {
            return Ok(if unsigned { s.to_u64() } else { s.to_i64() as u64 });
        }
        if v.is_str()
            && let Some(n) = crate::vm::arith::coerce_num(v)
        {
            let s = super::conv::lua_num(n);
            return Ok(if unsigned { s.to_u64() } else { s.to_i64() as u64 });
        }
        Err(self.arg_type_error(i, "number"))
    }

    /// LuaJIT 2.1's `bit.*` on 64-bit operands: when the operands that decide the width
    /// (every operand of `band`/`bor`/`bxor`, the first of the others) include a cdata,
    /// the operation is done on 64 bits and the result is an `int64_t` cdata, or
    /// `uint64_t` if such an operand is one (`tobit` gives a number, `tohex` a string of
    /// 16 digits by default). `None`: the plain 32-bit library applies.
    pub fn bit64(&mut self, op: BitOp) -> LResult<Option<usize>> {
        let n = self.nargs();
        let deciding = if matches!(op, BitOp::Band | BitOp::Bor | BitOp::Bxor) { n } else { n.min(1) };
        let mut any = false;
        let mut unsigned = false;
        for i in 1..=deciding {
            let v = self.arg(i);
            if let Some(c) = as_cdata(v) {
                any = true;
                let ct = *self.ffi().cts.get(c.ctype);
                unsigned |= matches!(ct.kind, Kind::Int { unsigned: true, .. }) && ct.size == 8;
            }
        }
        if !any {
            // Only a count is cdata: the 32-bit operation takes it as a number.
            for i in deciding + 1..=n {
                let v = self.arg(i);
                if v.tag() == TAG_CDATA {
                    let num = crate::ffi::lib::cdata_tonumber(self, v)?;
                    self.set_arg(i, num);
                }
            }
            return Ok(None);
        }
        let x = self.bit64_arg(1, unsigned)?;
        // Counts and digit counts are numbers taken as `bit.tobit` takes them (rounded).
        let count = |st: &mut State| -> LResult<u32> { Ok(tobit(st.check_number(2)?) as u32 & 63) };
        let r = match op {
            BitOp::Tobit => return self.ret1(TValue::number(f64::from(x as i32))).map(Some),
            BitOp::Tohex => {
                let d = if n >= 2 { tobit(self.check_number(2)?) } else { 16 };
                let digits = d.unsigned_abs() as usize;
                let hex = if d < 0 { format!("{x:016X}") } else { format!("{x:016x}") };
                let s = if digits <= 16 {
                    hex[16 - digits..].to_string()
                } else {
                    format!("{}{hex}", "0".repeat(digits - 16))
                };
                let sv = self.str_value(s.as_bytes());
                return self.ret1(sv).map(Some);
            }
            BitOp::Bnot => !x,
            BitOp::Bswap => x.swap_bytes(),
            BitOp::Band | BitOp::Bor | BitOp::Bxor => {
                let mut r = x;
                for i in 2..=n {
                    let y = self.bit64_arg(i, unsigned)?;
                    r = match op {
                        BitOp::Band => r & y,
                        BitOp::Bor => r | y,
                        _ => r ^ y,
                    };
                }
                r
            }
            BitOp::Lshift => x << count(self)?,
            BitOp::Rshift => x >> count(self)?,
            BitOp::Arshift => ((x as i64) >> count(self)?) as u64,
            BitOp::Rol => x.rotate_left(count(self)?),
            BitOp::Ror => x.rotate_right(count(self)?),
        };
        let v = if unsigned {
            self.box_scalar(id::UINT64, Scalar::U(r))?
        } else {
            self.box_scalar(id::INT64, Scalar::I(r as i64))?
        };
        self.ret1(v).map(Some)
    }
}
