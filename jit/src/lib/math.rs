//! The math library: Lua 5.1's functions and constants with LuaJIT 2.1's details.
//!
//! * `log(x, base)` is `log2(x) * (1 / log2(base))`, computed in that order as LuaJIT
//!   does (so `log(8, 2)` is exactly 3).
//! * `max`/`min` keep the running value only if it compares greater (smaller), as the
//!   SSE `maxsd`/`minsd` LuaJIT compiles to: `max(nan, 1)` is 1, `max(1, nan)` is nan.
//! * `deg` and `rad` are Lua functions in LuaJIT; a bad argument is an arithmetic
//!   error raised at `[builtin:deg]:0:`, which is reproduced here.
//! * `random`/`randomseed` use [`super::prng`], LuaJIT's generator bit for bit; the
//!   state lives in the `State` (`LibState::prng`), so each Lua state has its own.
//! * `math.mod` does not exist (LuaJIT 2.1 drops the 5.0 alias).

use super::register_lib;
use crate::vm::arith::coerce_num;
use crate::vm::func::LResult;
use crate::vm::state::State;
use crate::vm::value::*;

pub fn open(st: &mut State) {
    let m = register_lib(
        st,
        "math",
        &[
            ("abs", abs),
            ("ceil", ceil),
            ("floor", floor),
            ("sqrt", sqrt),
            ("sin", sin),
            ("cos", cos),
            ("tan", tan),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("sinh", sinh),
            ("cosh", cosh),
            ("tanh", tanh),
            ("exp", exp),
            ("log10", log10),
            ("log", log),
            ("atan2", atan2),
            ("pow", pow),
            ("fmod", fmod),
            ("modf", modf),
            ("frexp", frexp),
            ("ldexp", ldexp),
            ("deg", deg),
            ("rad", rad),
            ("max", max),
            ("min", min),
            ("random", random),
            ("randomseed", randomseed),
        ],
    );
    for (name, v) in [("pi", std::f64::consts::PI), ("huge", f64::INFINITY)] {
        let k = st.str_value(name.as_bytes());
        st.raw_set(m, k, TValue::number(v));
    }
}

fn num1(st: &mut State, f: fn(f64) -> f64) -> LResult<usize> {
    let x = st.check_number(1)?;
    st.ret1(TValue::number(f(x)))
}

fn abs(st: &mut State) -> LResult<usize> {
    num1(st, f64::abs)
}
fn ceil(st: &mut State) -> LResult<usize> {
    num1(st, f64::ceil)
}
fn floor(st: &mut State) -> LResult<usize> {
    num1(st, f64::floor)
}
fn sqrt(st: &mut State) -> LResult<usize> {
    num1(st, f64::sqrt)
}
fn sin(st: &mut State) -> LResult<usize> {
    num1(st, f64::sin)
}
fn cos(st: &mut State) -> LResult<usize> {
    num1(st, f64::cos)
}
fn tan(st: &mut State) -> LResult<usize> {
    num1(st, f64::tan)
}
fn asin(st: &mut State) -> LResult<usize> {
    num1(st, f64::asin)
}
fn acos(st: &mut State) -> LResult<usize> {
    num1(st, f64::acos)
}
fn atan(st: &mut State) -> LResult<usize> {
    num1(st, f64::atan)
}
fn sinh(st: &mut State) -> LResult<usize> {
    num1(st, f64::sinh)
}
fn cosh(st: &mut State) -> LResult<usize> {
    num1(st, f64::cosh)
}
fn tanh(st: &mut State) -> LResult<usize> {
    num1(st, f64::tanh)
}
fn exp(st: &mut State) -> LResult<usize> {
    num1(st, f64::exp)
}
fn log10(st: &mut State) -> LResult<usize> {
    num1(st, f64::log10)
}

fn log(st: &mut State) -> LResult<usize> {
    let x = st.check_number(1)?;
    if st.nargs() < 2 {
        return st.ret1(TValue::number(x.ln()));
    }
    let b = st.check_number(2)?;
    let r = x.log2() * (1.0 / b.log2());
    st.ret1(TValue::number(r))
}

fn num2(st: &mut State, f: fn(f64, f64) -> f64) -> LResult<usize> {
    let x = st.check_number(1)?;
    let y = st.check_number(2)?;
    st.ret1(TValue::number(f(x, y)))
}

fn atan2(st: &mut State) -> LResult<usize> {
    num2(st, f64::atan2)
}
fn pow(st: &mut State) -> LResult<usize> {
    num2(st, f64::powf)
}
fn fmod(st: &mut State) -> LResult<usize> {
    num2(st, |x, y| x % y)
}

fn modf(st: &mut State) -> LResult<usize> {
    let x = st.check_number(1)?;
    let i = x.trunc();
    // C's modf: the fraction has the sign of `x` (-0 for negative integers and -inf).
    let f = if x.is_infinite() { 0.0f64.copysign(x) } else { (x - i).copysign(x) };
    st.push(TValue::number(i))?;
    st.push(TValue::number(f))?;
    Ok(2)
}

/// C's `frexp`: `x = m * 2^e` with `0.5 <= |m| < 1` (zero, inf and nan give themselves
/// and exponent 0).
pub fn frexp_f64(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp_f64(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// C's `ldexp`: `m * 2^e`, exact (scaling in steps so intermediate powers stay finite).
pub fn ldexp_f64(m: f64, e: i32) -> f64 {
    let mut r = m;
    let mut e = e;
    while e > 1000 {
        r *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        r *= 2f64.powi(-1000);
        e += 1000;
    }
    // Split the last step so a subnormal result is rounded once.
    if e < -1022 { r * 2f64.powi(e + 1022) * 2f64.powi(-1022) } else { r * 2f64.powi(e) }
}

fn frexp(st: &mut State) -> LResult<usize> {
    let x = st.check_number(1)?;
    let (m, e) = frexp_f64(x);
    st.push(TValue::number(m))?;
    st.push(TValue::number(f64::from(e)))?;
    Ok(2)
}

fn ldexp(st: &mut State) -> LResult<usize> {
    let m = st.check_number(1)?;
    let e = st.check_i32(2)?;
    st.ret1(TValue::number(ldexp_f64(m, e as i32)))
}

/// `deg`/`rad`: `x * factor` as LuaJIT's Lua definitions compute it.
fn scale(st: &mut State, name: &str, factor: f64) -> LResult<usize> {
    let v = st.arg(1);
    match coerce_num(v) {
        Some(x) if v.is_number() || v.is_str() => st.ret1(TValue::number(x * factor)),
        _ => {
            let msg = format!(
                "[builtin:{name}]:0: attempt to perform arithmetic on a {} value",
                v.type_of().name()
            );
            let m = st.str_value(msg.as_bytes());
            Err(st.throw_value(m))
        }
    }
}

fn deg(st: &mut State) -> LResult<usize> {
    scale(st, "deg", 180.0 / std::f64::consts::PI)
}

fn rad(st: &mut State) -> LResult<usize> {
    scale(st, "rad", std::f64::consts::PI / 180.0)
}

fn extreme(st: &mut State, keep: fn(f64, f64) -> bool) -> LResult<usize> {
    let mut r = st.check_number(1)?;
    for i in 2..=st.nargs() {
        let y = st.check_number(i)?;
        if !keep(r, y) {
            r = y;
        }
    }
    st.ret1(TValue::number(r))
}

fn max(st: &mut State) -> LResult<usize> {
    extreme(st, |r, y| r > y)
}

fn min(st: &mut State) -> LResult<usize> {
    extreme(st, |r, y| r < y)
}

fn random(st: &mut State) -> LResult<usize> {
    // LuaJIT steps the generator before it checks the arguments: a failing call still
    // consumes a number.
    for i in 1..=st.nargs().min(2) {
        if let Err(e) = st.check_number(i) {
            st.lib.prng.random();
            return Err(e);
        }
    }
    let r = match st.nargs() {
        0 => st.lib.prng.random(),
        1 => {
            let m = st.check_number(1)?;
            st.lib.prng.random_upto(m)
        }
        _ => {
            let m = st.check_number(1)?;
            let n = st.check_number(2)?;
            st.lib.prng.random_between(m, n)
        }
    };
    st.ret1(TValue::number(r))
}

fn randomseed(st: &mut State) -> LResult<usize> {
    let d = st.check_number(1)?;
    st.lib.prng.seed(d);
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_ldexp_round_trip() {
        // Expected pairs from luajit -joff math.frexp.
        assert_eq!(frexp_f64(8.0), (0.5, 4));
        assert_eq!(frexp_f64(-3.0), (-0.75, 2));
        assert_eq!(frexp_f64(5e-324), (0.5, -1073));
        assert_eq!(frexp_f64(f64::MAX), (1.0 - f64::EPSILON / 2.0, 1024));
        for x in [1.0, 3.25, 1e-310, 1e300, -7.5e-200] {
            let (m, e) = frexp_f64(x);
            assert_eq!(ldexp_f64(m, e), x);
        }
        assert_eq!(ldexp_f64(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp_f64(1.0, -1074), 5e-324);
    }
}
