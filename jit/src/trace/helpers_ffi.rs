//! C data on trace: the encodings of the cdata IR operands and the helpers that traces
//! call for what is not a machine instruction.
//!
//! Machine code does the work that has one obvious machine meaning: loads and stores
//! of C scalars (`XLOAD`/`XSTORE`, described by [`mem_k`]), wrapping 64-bit integer
//! arithmetic, comparisons of words. Everything whose exact result is a matter of the
//! interpreter's conventions goes through the interpreter's own routine here, so it
//! cannot differ from it: allocation of boxed results (`CDBOX`, `CDCOPY`), LuaJIT's answers for
//! division by zero and `INT64_MIN / -1` (`I64ARITH`), conversions of Lua numbers to
//! unsigned and narrow C storage (`CDNUM`, `CONV`).
//!
//! Helpers never run Lua code and never collect; `cdbox` allocates, which only counts
//! towards the collector's threshold (the trace's loop edge leaves when one is due).

use crate::ffi::arith::{ArithOp, i64_arith, u64_arith};
use crate::ffi::cdata::as_cdata;
use crate::ffi::conv::{Scalar, f2i32, f2i64, f2u64, lua_num};
use crate::ffi::ctype::CTypeId;
use crate::vm::state::State;

use super::helpers::BAIL;

/// How an `XLOAD`/`XSTORE` accesses C memory, in its `k`:
///
/// ```text
///   bits 0..4   size in bytes: 1, 2, 4 or 8
///   bit  8      signed integer (sign-extended on load)
///   bit  9      floating point (float for size 4, double for size 8)
/// ```
pub fn mem_k(size: u32, signed: bool, float: bool) -> u64 {
    u64::from(size & 0xf) | u64::from(signed) << 8 | u64::from(float) << 9
}

pub fn mem_size(k: u64) -> u32 {
    (k & 0xf) as u32
}

pub fn mem_signed(k: u64) -> bool {
    k & 1 << 8 != 0
}

pub fn mem_float(k: u64) -> bool {
    k & 1 << 9 != 0
}

// Conditions of `ICMP` (its `k`).
pub const CC_EQ: u64 = 0;
pub const CC_NE: u64 = 1;
pub const CC_SLT: u64 = 2;
pub const CC_SGE: u64 = 3;
pub const CC_SLE: u64 = 4;
pub const CC_SGT: u64 = 5;
pub const CC_ULT: u64 = 6;
pub const CC_UGE: u64 = 7;
pub const CC_ULE: u64 = 8;
pub const CC_UGT: u64 = 9;

/// The condition that holds exactly when `cc` does not.
pub fn cc_not(cc: u64) -> u64 {
    cc ^ 1
}

// Conversions of `CONV` (its `k`).
/// Number -> `int64_t` as `conv::f2i64` (the target's out-of-range answer).
pub const CONV_NUM_I64: u64 = 0;
/// Number -> `int32_t` as `conv::f2i32`, sign-extended to a word.
pub const CONV_NUM_I32: u64 = 1;
/// Number -> `uint64_t` as `conv::f2u64` (a `float`/`double` cdata operand).
pub const CONV_NUM_U64: u64 = 2;
/// Number -> `uint64_t` as a Lua number operand of unsigned arithmetic converts
/// (`lua_num(n).to_u64()`).
pub const CONV_LUANUM_U64: u64 = 3;
/// Signed word -> number.
pub const CONV_I64_NUM: u64 = 4;
/// Unsigned word -> number.
pub const CONV_U64_NUM: u64 = 5;

/// The number-to-word conversions lowered as calls (the others are instructions).
pub extern "C" fn conv_num(n: f64, k: u64) -> u64 {
    match k {
        CONV_NUM_I64 => f2i64(n) as u64,
        CONV_NUM_I32 => i64::from(f2i32(n)) as u64,
        CONV_NUM_U64 => f2u64(n),
        _ => lua_num(n).to_u64(),
    }
}

/// What a recorder folds a constant conversion to: the same function as the trace's.
pub fn conv_const(n: f64, k: u64) -> u64 {
    conv_num(n, k)
}

/// A bitfield as `BFEXT`/`BFINS` name it in their `k`:
///
/// ```text
///   bits 0..8   position of the lowest bit in the container
///   bits 8..16  width (1 ..= 32)
///   bit  16     signed (sign-extended on extraction)
/// ```
pub fn bf_k(pos: u32, width: u32, signed: bool) -> u64 {
    u64::from(pos) | u64::from(width) << 8 | u64::from(signed) << 16
}

/// A bitfield's `(position, width, signed)`.
pub fn bf_parts(k: u64) -> (u32, u32, bool) {
    ((k & 0xff) as u32, ((k >> 8) & 0xff) as u32, k & 1 << 16 != 0)
}

/// `I64ARITH`'s `k`: the operation and whether it is unsigned.
pub fn arith_k(op: ArithOp, unsigned: bool) -> u64 {
    op as u64 | u64::from(unsigned) << 8
}

fn arith_op(k: u64) -> ArithOp {
    match k & 0xff {
        x if x == ArithOp::Add as u64 => ArithOp::Add,
        x if x == ArithOp::Sub as u64 => ArithOp::Sub,
        x if x == ArithOp::Mul as u64 => ArithOp::Mul,
        x if x == ArithOp::Div as u64 => ArithOp::Div,
        x if x == ArithOp::Mod as u64 => ArithOp::Mod,
        x if x == ArithOp::Pow as u64 => ArithOp::Pow,
        _ => ArithOp::Unm,
    }
}

/// `a op b` on 64-bit integers, signed or unsigned as `k` says (`arith_k`).
pub extern "C" fn i64arith(a: u64, b: u64, k: u64) -> u64 {
    let op = arith_op(k);
    if k & 1 << 8 != 0 { u64_arith(op, a, b) } else { i64_arith(op, a as i64, b as i64) as u64 }
}

/// A new cdata of ctype `ty` (a 64-bit integer, pointer or reference type) holding
/// `bits`, as the interpreter boxes such values; `BAIL` when it cannot be allocated.
///
/// # Safety
///
/// `st` is the state running the trace; `ty` a ctype id of its FFI state.
pub unsafe extern "C" fn cdbox(st: *mut State, ty: u64, bits: u64) -> u64 {
    // SAFETY: `st` is the state running the trace.
    let st = unsafe { &mut *st };
    match st.box_scalar(ty as CTypeId, Scalar::U(bits)) {
        Ok(v) if as_cdata(v).is_some() => v.bits(),
        _ => {
            st.errval = crate::vm::value::TValue::NIL;
            BAIL
        }
    }
}

/// A new cdata of ctype `ty` (a complex number) copied from the one at `addr`, as the
/// interpreter reads such a value (`State::c_to_lua`); `BAIL` when it cannot be
/// allocated.
///
/// # Safety
///
/// `st` is the state running the trace; `ty` a ctype id of its FFI state; `addr`
/// points at a live object of that type.
pub unsafe extern "C" fn cdcopy(st: *mut State, ty: u64, addr: u64) -> u64 {
    // SAFETY: `st` is the state running the trace.
    let st = unsafe { &mut *st };
    // SAFETY: `addr` points at a complex of type `ty` (the contract).
    match unsafe { st.c_to_lua(ty as CTypeId, addr as *const u8) } {
        Ok(v) if as_cdata(v).is_some() => v.bits(),
        _ => {
            st.errval = crate::vm::value::TValue::NIL;
            BAIL
        }
    }
}

/// The bits that C storage of ctype `ty` (an integer, enum, bool or float) gets when
/// the interpreter stores Lua number `n` into it.
///
/// # Safety
///
/// `st` is the state running the trace; `ty` a scalar ctype id of its FFI state.
pub unsafe extern "C" fn cdnum(st: *mut State, ty: u64, n: f64) -> u64 {
    // SAFETY: `st` is the state running the trace.
    let st = unsafe { &mut *st };
    let mut tmp = [0u8; 8];
    // SAFETY: `tmp` has room for any scalar (at most 8 bytes).
    unsafe { st.ffi().write_scalar(ty as CTypeId, tmp.as_mut_ptr(), lua_num(n)) };
    u64::from_le_bytes(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_round_trip() {
        let k = mem_k(4, true, false);
        assert_eq!((mem_size(k), mem_signed(k), mem_float(k)), (4, true, false));
        let k = mem_k(8, false, true);
        assert_eq!((mem_size(k), mem_signed(k), mem_float(k)), (8, false, true));
        assert_eq!(bf_parts(bf_k(31, 1, true)), (31, 1, true));
        assert_eq!(bf_parts(bf_k(0, 32, false)), (0, 32, false));
        assert_eq!(cc_not(CC_SLT), CC_SGE);
        assert_eq!(cc_not(CC_UGT), CC_ULE);
        assert_eq!(cc_not(CC_EQ), CC_NE);
    }

    #[test]
    fn integer_helpers_are_the_interpreters() {
        let k = arith_k(ArithOp::Div, false);
        assert_eq!(i64arith(i64::MIN as u64, -1i64 as u64, k), i64::MIN as u64);
        assert_eq!(i64arith(7, 0, k), i64::MIN as u64);
        assert_eq!(i64arith(7, 0, arith_k(ArithOp::Mod, true)), 1 << 63);
        assert_eq!(i64arith(-7i64 as u64, 2, arith_k(ArithOp::Mod, false)), -1i64 as u64);
        assert_eq!(i64arith(3, 4, arith_k(ArithOp::Pow, false)), 81);
        assert_eq!(conv_num(-1.0, CONV_NUM_I64), u64::MAX);
        assert_eq!(conv_num(-3.7, CONV_NUM_I32), -3i64 as u64);
    }
}
