//! LuaJIT's BitOp library (`bit.*`) on plain numbers, as pure functions.
//!
//! # Numbers to bits
//!
//! Every operand first goes through [`tobit`]: LuaJIT adds 2^52 + 2^51 to the double and
//! keeps the low 32 bits of the sum's bit pattern. For any `|n| < 2^51` the sum's
//! mantissa holds `n` rounded to an integer (ties to even, so `tobit(2.5)` is 2 and
//! `tobit(-1.5)` is -2) in two's complement, and the low 32 bits are that integer modulo
//! 2^32. Beyond that range the result is whatever the low bits of the rounded sum are
//! (`tobit(1e300)` is -2013235812); infinities and the usual NaNs give 0. This is plain
//! IEEE arithmetic, so it is the same on every host.
//!
//! # Operations
//!
//! Shift and rotate counts are themselves converted with `tobit` and taken modulo 32.
//! `band`, `bor` and `bxor` take one or more operands (the VM folds them with the binary
//! functions here). Results are signed 32-bit integers, as BitOp returns them.

/// 2^52 + 2^51: adding it moves the integer part of any |n| < 2^51 into the low
/// mantissa bits.
const TOBIT_MAGIC: f64 = 6755399441055744.0;

/// `bit.tobit(n)`: the 32-bit integer BitOp makes of a number.
pub fn tobit(n: f64) -> i32 {
    (n + TOBIT_MAGIC).to_bits() as u32 as i32
}

pub fn bnot(x: i32) -> i32 {
    !x
}

pub fn band(x: i32, y: i32) -> i32 {
    x & y
}

pub fn bor(x: i32, y: i32) -> i32 {
    x | y
}

pub fn bxor(x: i32, y: i32) -> i32 {
    x ^ y
}

/// `bit.lshift(x, n)`: `n` modulo 32.
pub fn lshift(x: i32, n: i32) -> i32 {
    ((x as u32) << (n & 31)) as i32
}

/// `bit.rshift(x, n)`: logical shift, `n` modulo 32.
pub fn rshift(x: i32, n: i32) -> i32 {
    ((x as u32) >> (n & 31)) as i32
}

/// `bit.arshift(x, n)`: arithmetic shift, `n` modulo 32.
pub fn arshift(x: i32, n: i32) -> i32 {
    x >> (n & 31)
}

/// `bit.rol(x, n)`.
pub fn rol(x: i32, n: i32) -> i32 {
    (x as u32).rotate_left((n & 31) as u32) as i32
}

/// `bit.ror(x, n)`.
pub fn ror(x: i32, n: i32) -> i32 {
    (x as u32).rotate_right((n & 31) as u32) as i32
}

/// `bit.bswap(x)`.
pub fn bswap(x: i32) -> i32 {
    x.swap_bytes()
}

/// Appends `bit.tohex(x, n)` (`n` defaults to 8 in Lua; pass 8 then).
///
/// `|n|` hex digits of `x`, upper case if `n < 0`. LuaJIT 2.1 (with the FFI) treats `x` as
/// the unsigned 64-bit zero extension of its 32 bits, keeps the low `4|n|` bits when
/// `|n| < 16`, and prints with `|n|` as the precision of `%x` (LuaJIT stores that
/// precision in 8 bits: it is `(|n| + 1) mod 256 - 1`, and -1 means "none"), so
/// `tohex(-1, 20)` is `000000000000ffffffff` and `tohex(1, 0)` is empty.
pub fn tohex(x: i32, n: i32, out: &mut Vec<u8>) {
    let upper = n < 0;
    let n = if upper { n.wrapping_neg() } else { n };
    let mut b = u64::from(x as u32);
    if n < 16 {
        // n is negative here only for -2^31, whose 4n wraps to a zero shift: no bits.
        let shift = (n.wrapping_mul(4) & 63) as u32;
        b &= (1u64 << shift).wrapping_sub(1);
    }
    let prec = match n.wrapping_add(1) & 255 {
        0 => None,
        p => Some(p as usize - 1),
    };
    let digits = if b == 0 && prec == Some(0) {
        String::new()
    } else if upper {
        format!("{b:X}")
    } else {
        format!("{b:x}")
    };
    if let Some(p) = prec {
        out.resize(out.len() + p.saturating_sub(digits.len()), b'0');
    }
    out.extend_from_slice(digits.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::numfmt::tests::{Rng, lua_literal, run_luajit};

    fn hex(x: i32, n: i32) -> String {
        let mut v = Vec::new();
        tohex(x, n, &mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn tobit_values() {
        // Expected values from luajit -joff: bit.tobit(x).
        let cases: &[(f64, i32)] = &[
            (4294967295.0, -1),
            (2f64.powi(32) + 5.0, 5),
            (1.5, 2),
            (2.5, 2),
            (-1.5, -2),
            (f64::NAN, 0),
            (f64::INFINITY, 0),
            (f64::NEG_INFINITY, 0),
            (2f64.powi(52), 0),
            (2f64.powi(53) + 4.0, 2),
            (1e300, -2013235812),
            (-0.5, 0),
            (0.5, 0),
            (2f64.powi(51) + 0.5, 0),
        ];
        for &(x, want) in cases {
            assert_eq!(tobit(x), want, "tobit({x:e})");
        }
    }

    #[test]
    fn operations() {
        // Expected values from luajit -joff with the bit library.
        assert_eq!(band(band(0xff, 0x0f), 0x3), 3);
        assert_eq!(bor(bor(1, 2), 4), 7);
        assert_eq!(bxor(bxor(1, 3), 7), 5);
        assert_eq!(bnot(0), -1);
        assert_eq!(lshift(1, 33), 2);
        assert_eq!(rshift(-1, 28), 15);
        assert_eq!(arshift(-256, 4), -16);
        assert_eq!(rol(tobit(2147483649.0), 1), 3);
        assert_eq!(ror(1, 1), -2147483648);
        assert_eq!(bswap(0x12345678), 2018915346);
        assert_eq!(lshift(1, -1), -2147483648);
        assert_eq!(rshift(tobit(2147483648.0), 31), 1);
        assert_eq!(arshift(tobit(2147483648.0), 31), -1);
        assert_eq!(rol(1, 32), 1);
        assert_eq!(ror(1, -1), 2);
        assert_eq!(lshift(1, tobit(2.5)), 4);
        assert_eq!(lshift(1, tobit(3.5)), 16);
        assert_eq!(bswap(-1), -1);
        assert_eq!(bswap(0x80), -2147483648);
    }

    #[test]
    fn hex_strings() {
        // Expected strings from luajit -joff: bit.tohex(x, n).
        assert_eq!(hex(255, 8), "000000ff");
        assert_eq!(hex(-1, 8), "ffffffff");
        assert_eq!(hex(255, -4), "00FF");
        assert_eq!(hex(255, 2), "ff");
        assert_eq!(hex(1, 20), "00000000000000000001");
        assert_eq!(hex(-1, 20), "000000000000ffffffff");
        assert_eq!(hex(1, 0), "");
        assert_eq!(hex(1, 300), format!("{}1", "0".repeat(43)));
        assert_eq!(hex(0x12345678, -20), "00000000000012345678");
        assert_eq!(hex(1, 16), "0000000000000001");
        assert_eq!(hex(-1, 16), "00000000ffffffff");
        assert_eq!(hex(-1, 15), "0000000ffffffff");
        assert_eq!(hex(1, i32::MIN), "");
        assert_eq!(hex(1, i32::MAX), "1");
        assert_eq!(hex(1, -i32::MAX), "1");
        assert_eq!(hex(1, tobit(2.5)), "01");
        assert_eq!(hex(tobit(f64::NAN), 8), "00000000");
        assert_eq!(hex(tobit(2f64.powi(31)), 8), "80000000");
        assert_eq!(hex(1, -9), "000000001");
        assert_eq!(hex(1, -17), "00000000000000001");
    }

    #[test]
    fn agrees_with_luajit() {
        let seed = 0xb17_0b5e_55ed_u64;
        println!("seed {seed:#x}");
        let mut rng = Rng(seed);
        let mut cases = Vec::new();
        for _ in 0..300 {
            let x = match rng.below(3) {
                0 => rng.number(),
                1 => (rng.next() as i64 as f64) / 2f64.powi(rng.below(40) as i32),
                _ => rng.below(1 << 33) as f64 - 2f64.powi(32),
            };
            let y = rng.below(80) as f64 - 40.0 + [0.0, 0.5, 0.25][rng.below(3) as usize];
            cases.push((x, y));
        }
        let mut script = String::from("local b = bit\n");
        for (x, y) in &cases {
            let (x, y) = (lua_literal(*x), lua_literal(*y));
            script.push_str(&format!(
                "print(b.tobit({x}), b.band({x}, {y}), b.bor({x}, {y}), b.bxor({x}, {y}), b.bnot({x}), \
                 b.lshift({x}, {y}), b.rshift({x}, {y}), b.arshift({x}, {y}), b.rol({x}, {y}), \
                 b.ror({x}, {y}), b.bswap({x}), b.tohex({x}), b.tohex({x}, {y}))\n"
            ));
        }
        let Some(out) = run_luajit(&script) else { return };
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), cases.len());
        for ((x, y), want) in cases.iter().zip(lines) {
            let (a, n) = (tobit(*x), tobit(*y));
            let got = format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                a,
                band(a, n),
                bor(a, n),
                bxor(a, n),
                bnot(a),
                lshift(a, n),
                rshift(a, n),
                arshift(a, n),
                rol(a, n),
                ror(a, n),
                bswap(a),
                hex(a, 8),
                hex(a, n)
            );
            assert_eq!(got, want, "x = {x:e}, y = {y}");
        }
    }
}
