//! Arithmetic, with Lua 5.1's string coercion and metamethod fallback, and
//! concatenation.

use super::convert::{number_to_str, str_to_number};
use super::func::LResult;
use super::meta::*;
use super::state::State;
use super::string::LStr;
use super::value::*;

/// Arithmetic operators, in metamethod order (`MM_ADD + op`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Unm,
}

impl ArithOp {
    pub const ALL: [ArithOp; 7] =
        [ArithOp::Add, ArithOp::Sub, ArithOp::Mul, ArithOp::Div, ArithOp::Mod, ArithOp::Pow, ArithOp::Unm];

    pub fn mm(self) -> usize {
        MM_ADD + self as usize
    }
}

/// `a % b` as Lua defines it: `a - floor(a/b)*b`.
#[inline(always)]
pub fn lua_mod(a: f64, b: f64) -> f64 {
    a - (a / b).floor() * b
}

#[inline(always)]
pub fn arith_num(op: ArithOp, a: f64, b: f64) -> f64 {
    match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        ArithOp::Div => a / b,
        ArithOp::Mod => lua_mod(a, b),
        ArithOp::Pow => a.powf(b),
        ArithOp::Unm => -a,
    }
}

/// A number, or a string that converts to one.
pub fn coerce_num(v: TValue) -> Option<f64> {
    if v.is_number() {
        return Some(v.as_number());
    }
    if v.is_str() {
        // SAFETY: string values point at live strings.
        return str_to_number(unsafe { (*v.ptr::<LStr>()).as_bytes() });
    }
    None
}

impl State {
    /// The slow path of arithmetic: coercion, else the metamethod to call with (b, c).
    /// `slots` are the registers of b and c, for naming the culprit in errors.
    pub fn arith_resolve(
        &mut self,
        op: ArithOp,
        b: TValue,
        c: TValue,
        slots: (Option<u32>, Option<u32>),
    ) -> LResult<Resolved> {
        if let (Some(x), Some(y)) = (coerce_num(b), coerce_num(c)) {
            return Ok(Resolved::Value(TValue::number(arith_num(op, x, y))));
        }
        let mut mm = self.get_mm(b, op.mm());
        if mm.is_nil() {
            mm = self.get_mm(c, op.mm());
        }
        if mm.is_nil() {
            let (culprit, slot) = if coerce_num(b).is_some() { (c, slots.1) } else { (b, slots.0) };
            return Err(self.type_error("perform arithmetic on", culprit, slot));
        }
        Ok(Resolved::Call(mm, b))
    }

    /// Appends the string form of a string or number, or returns false.
    pub fn append_str_or_num(v: TValue, out: &mut Vec<u8>) -> bool {
        if v.is_str() {
            // SAFETY: string values point at live strings.
            out.extend_from_slice(unsafe { (*v.ptr::<LStr>()).as_bytes() });
            true
        } else if v.is_number() {
            number_to_str(v.as_number(), out);
            true
        } else {
            false
        }
    }

    /// The string value of a number.
    pub fn number_string(&mut self, n: f64) -> TValue {
        let mut buf = Vec::with_capacity(24);
        number_to_str(n, &mut buf);
        self.str_value(&buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modulo_follows_floor_division() {
        assert_eq!(lua_mod(7.0, 3.0), 1.0);
        assert_eq!(lua_mod(-7.0, 3.0), 2.0);
        assert_eq!(lua_mod(7.0, -3.0), -2.0);
        assert!(lua_mod(5.0, 0.0).is_nan());
    }

    #[test]
    fn strings_coerce_to_numbers() {
        let mut st = State::new();
        let s = st.str_value(b" 0x10 ");
        let bad = st.str_value(b"1x");
        assert_eq!(coerce_num(s), Some(16.0));
        assert_eq!(coerce_num(bad), None);
        assert_eq!(coerce_num(TValue::TRUE), None);
        match st.arith_resolve(ArithOp::Add, s, TValue::number(1.0), (None, None)) {
            Ok(Resolved::Value(v)) => assert_eq!(v.as_number(), 17.0),
            _ => panic!("string arithmetic must coerce"),
        }
        assert!(st.arith_resolve(ArithOp::Mul, bad, TValue::number(1.0), (None, None)).is_err());
        assert_eq!(st.error_message(st.errval), "attempt to perform arithmetic on a string value");
    }
}
