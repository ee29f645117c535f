//! The `bit` library (LuaJIT's BitOp) over [`super::bitop`].
//!
//! Every operand is a number or a string convertible to one ("number expected"
//! otherwise) and goes through `tobit`; results are signed 32-bit integers. `band`,
//! `bor` and `bxor` take one or more operands. `tohex`'s count defaults to 8 only when
//! absent: an explicit nil is an error, as in LuaJIT. With a 64-bit cdata operand
//! every function works on 64 bits instead (`State::bit64`, in the FFI).

use super::bitop;
use super::register_lib;
use crate::ffi::arith::BitOp;
use crate::vm::func::LResult;
use crate::vm::state::State;
use crate::vm::value::*;

pub fn open(st: &mut State) {
    register_lib(
        st,
        "bit",
        &[
            ("tobit", tobit),
            ("tohex", tohex),
            ("bnot", bnot),
            ("band", band),
            ("bor", bor),
            ("bxor", bxor),
            ("lshift", lshift),
            ("rshift", rshift),
            ("arshift", arshift),
            ("rol", rol),
            ("ror", ror),
            ("bswap", bswap),
        ],
    );
}

fn bit_arg(st: &mut State, n: usize) -> LResult<i32> {
    Ok(bitop::tobit(st.check_number(n)?))
}

fn ret(st: &mut State, x: i32) -> LResult<usize> {
    st.ret1(TValue::number(f64::from(x)))
}

fn tobit(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Tobit)? {
        return Ok(n);
    }
    let x = bit_arg(st, 1)?;
    ret(st, x)
}

fn bnot(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Bnot)? {
        return Ok(n);
    }
    let x = bit_arg(st, 1)?;
    ret(st, bitop::bnot(x))
}

fn bswap(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Bswap)? {
        return Ok(n);
    }
    let x = bit_arg(st, 1)?;
    ret(st, bitop::bswap(x))
}

fn fold(st: &mut State, op: fn(i32, i32) -> i32) -> LResult<usize> {
    let mut r = bit_arg(st, 1)?;
    for i in 2..=st.nargs() {
        r = op(r, bit_arg(st, i)?);
    }
    ret(st, r)
}

fn band(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Band)? {
        return Ok(n);
    }
    fold(st, bitop::band)
}

fn bor(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Bor)? {
        return Ok(n);
    }
    fold(st, bitop::bor)
}

fn bxor(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Bxor)? {
        return Ok(n);
    }
    fold(st, bitop::bxor)
}

fn shift(st: &mut State, op: fn(i32, i32) -> i32) -> LResult<usize> {
    let x = bit_arg(st, 1)?;
    let n = bit_arg(st, 2)?;
    ret(st, op(x, n))
}

fn lshift(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Lshift)? {
        return Ok(n);
    }
    shift(st, bitop::lshift)
}

fn rshift(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Rshift)? {
        return Ok(n);
    }
    shift(st, bitop::rshift)
}

fn arshift(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Arshift)? {
        return Ok(n);
    }
    shift(st, bitop::arshift)
}

fn rol(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Rol)? {
        return Ok(n);
    }
    shift(st, bitop::rol)
}

fn ror(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Ror)? {
        return Ok(n);
    }
    shift(st, bitop::ror)
}

fn tohex(st: &mut State) -> LResult<usize> {
    if let Some(n) = st.bit64(BitOp::Tohex)? {
        return Ok(n);
    }
    let x = bit_arg(st, 1)?;
    let n = if st.nargs() >= 2 { bit_arg(st, 2)? } else { 8 };
    let mut out = Vec::new();
    bitop::tohex(x, n, &mut out);
    let s = st.str_value(&out);
    st.ret1(s)
}
