//! Numeric literals: the text the lexer collected, to a value, as LuaJIT 2.1 reads it.
//!
//! The lexer (like LuaJIT's `lex_number`) first swallows a maximal run of identifier
//! characters, dots, and signs that directly follow an exponent letter, then hands the
//! whole run here; anything that does not form a number is "malformed number". The
//! accepted grammar (case-insensitive letters):
//!
//! ```text
//!   literal  = body suffix?
//!   body     = dec | '0x' hex | '0b' bin
//!   dec      = digits ('.' digits?)? | '.' digits        then optional  e [+-] digits
//!   hex      = like dec with hex digits                  then optional  p [+-] digits
//!   bin      = [01]+                                     (no point, no exponent)
//!   suffix   = 'i'                  (imaginary; after any body)
//!            | 'll' | 'ull' | 'llu' (64-bit integers; only after a plain integer body)
//! ```
//!
//! An exponent must be below 2^20 in magnitude. Values follow LuaJIT's `lj_strscan`:
//! decimals are correctly rounded (large exponents give `inf` or `0`); hex and binary keep the top 64 significant bits exactly
//! plus a sticky bit for the rest, convert through a signed 64-bit integer and scale by
//! a power of two, pre-rounding values that land in the denormal range so they are not
//! rounded twice. 64-bit literals must fit in 64 bits (decimal: below 2^64; hex: at most
//! 16 significant digits; binary: at most 64) and wrap to signed for `LL`, so
//! `0xffffffffffffffffLL` is `-1LL`.

use super::token::Number;

#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Fmt {
    Num,
    Imag,
    Int,
    U32,
    I64,
    U64,
}

/// Parses a numeric literal as collected by the lexer; `None` means malformed.
pub fn scan_literal(s: &[u8]) -> Option<Number> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut p = 0usize;
    let mut base = 10u32;
    let mut hasdig = false;
    let mut dp: Option<usize> = None;

    // Base prefix and leading zeros (which may include the decimal point).
    if at(0) <= b'0' {
        if at(0) == b'0' {
            match at(1) | 0x20 {
                b'x' => {
                    base = 16;
                    p = 2;
                }
                b'b' => {
                    base = 2;
                    p = 2;
                }
                _ => {}
            }
        }
        loop {
            match at(p) {
                b'0' => hasdig = true,
                b'.' if dp.is_none() => dp = Some(p),
                b'.' => return None,
                _ => break,
            }
            p += 1;
        }
    }

    // Significant digits and the decimal point.
    let sp = p;
    let mut dig = 0u32;
    let mut x = 0u64; // Value of a short decimal integer, for the fast path.
    loop {
        let c = at(p);
        let isdig = if base == 16 { c.is_ascii_hexdigit() } else { c.is_ascii_digit() };
        if isdig {
            x = x.wrapping_mul(10).wrapping_add(u64::from(c & 15));
            dig += 1;
        } else if c == b'.' {
            if dp.is_some() {
                return None;
            }
            dp = Some(p);
        } else {
            break;
        }
        p += 1;
    }
    if !hasdig && dig == 0 {
        return None;
    }

    let mut fmt = Fmt::Int;
    let mut ex: i32 = 0;
    if let Some(d) = dp {
        if base == 2 {
            return None;
        }
        fmt = Fmt::Num;
        if dig > 0 {
            // Digits after the point, minus trailing zeros.
            ex = d as i32 - (p as i32 - 1);
            let mut q = p - 1;
            while ex < 0 && s[q] == b'0' {
                ex += 1;
                dig -= 1;
                q -= 1;
            }
            if base == 16 {
                ex *= 4;
            }
        }
    }

    // Exponent.
    if base >= 10 && at(p) | 0x20 == if base == 16 { b'p' } else { b'e' } {
        fmt = Fmt::Num;
        p += 1;
        let mut neg = false;
        if at(p) == b'+' || at(p) == b'-' {
            neg = at(p) == b'-';
            p += 1;
        }
        if !at(p).is_ascii_digit() {
            return None;
        }
        // Exponents of 2^20 and beyond are malformed (LuaJIT 2.1 as Debian ships it).
        let mut xx: i32 = 0;
        while at(p).is_ascii_digit() {
            xx = xx * 10 + i32::from(at(p) & 15);
            if xx >= 1 << 20 {
                return None;
            }
            p += 1;
        }
        ex += if neg { -xx } else { xx };
    }

    // Suffix.
    if p < s.len() {
        if at(p) | 0x20 == b'i' {
            p += 1;
            fmt = Fmt::Imag;
        } else if fmt == Fmt::Int {
            if at(p) | 0x20 == b'u' {
                p += 1;
                fmt = Fmt::U32;
            }
            if at(p) | 0x20 == b'l' {
                p += 1;
                if at(p) | 0x20 != b'l' {
                    return None;
                }
                p += 1;
                fmt = if fmt == Fmt::U32 { Fmt::U64 } else { Fmt::I64 };
            }
            if at(p) | 0x20 == b'u' && (fmt == Fmt::Int || fmt == Fmt::I64) {
                p += 1;
                fmt = if fmt == Fmt::Int { Fmt::U32 } else { Fmt::U64 };
            }
            if fmt == Fmt::U32 {
                return None;
            }
        }
        if p < s.len() {
            return None;
        }
    }

    // Fast path for short decimal integers.
    if fmt == Fmt::Int && base == 10 && (dig < 10 || (dig == 10 && s[sp] <= b'2' && x < 0x8000_0000)) {
        return Some(Number::Float(x as f64));
    }

    let digits = Digits { s, pos: sp, dig };
    match base {
        16 => scan_hex(digits, fmt, ex),
        2 => scan_bin(digits, fmt),
        _ => scan_dec(digits, fmt, ex),
    }
}

/// The significant digits of a literal: `dig` digits starting at `pos`, with at most
/// one '.' among them to skip.
struct Digits<'a> {
    s: &'a [u8],
    pos: usize,
    dig: u32,
}

impl Iterator for Digits<'_> {
    type Item = u8;
    fn next(&mut self) -> Option<u8> {
        if self.dig == 0 {
            return None;
        }
        if self.s[self.pos] == b'.' {
            self.pos += 1;
        }
        let c = self.s[self.pos];
        self.pos += 1;
        self.dig -= 1;
        Some(c)
    }
}

fn hexval(c: u8) -> u64 {
    u64::from(if c > b'9' { (c & 15) + 9 } else { c & 15 })
}

fn finish(fmt: Fmt, bits: u64, f: impl FnOnce() -> f64) -> Option<Number> {
    Some(match fmt {
        Fmt::I64 => Number::Int64(bits as i64),
        Fmt::U64 => Number::UInt64(bits),
        Fmt::Imag => Number::Imaginary(f()),
        _ => Number::Float(f()),
    })
}

fn scan_hex(digits: Digits, fmt: Fmt, mut ex2: i32) -> Option<Number> {
    let dig = digits.dig;
    if dig > 16 && fmt >= Fmt::I64 {
        return None;
    }
    let mut x = 0u64;
    for (i, c) in digits.enumerate() {
        if i < 16 {
            x = (x << 4) + hexval(c);
        } else {
            // Only whether excess digits are non-zero matters for rounding.
            x |= u64::from(c != b'0');
            ex2 += 4;
        }
    }
    finish(fmt, x, || {
        if x & 0xc000_0000_0000_0000 != 0 {
            x = (x >> 2) | (x & 3);
            ex2 += 2;
        }
        int_to_double(x, ex2)
    })
}

fn scan_bin(digits: Digits, fmt: Fmt) -> Option<Number> {
    if digits.dig > 64 {
        return None;
    }
    let mut x = 0u64;
    for c in digits {
        if c & !1 != b'0' {
            return None;
        }
        x = (x << 1) | u64::from(c & 1);
    }
    finish(fmt, x, || {
        let (mut x, mut ex2) = (x, 0);
        if x & 0xc000_0000_0000_0000 != 0 {
            x = (x >> 2) | (x & 3);
            ex2 = 2;
        }
        int_to_double(x, ex2)
    })
}

fn scan_dec(digits: Digits, fmt: Fmt, ex10: i32) -> Option<Number> {
    if fmt >= Fmt::I64 {
        // Plain integers only (the suffix grammar guarantees no point or exponent).
        if digits.dig > 20 {
            return None;
        }
        let mut x = 0u64;
        for c in digits {
            x = x.checked_mul(10)?.checked_add(u64::from(c & 15))?;
        }
        return finish(fmt, x, || 0.0);
    }
    let mut text = String::with_capacity(digits.dig as usize + 16);
    text.extend(digits.map(char::from));
    if text.is_empty() {
        text.push('0');
    }
    text.push('e');
    text.push_str(&ex10.to_string());
    // Rust's float parser is correctly rounded, as is LuaJIT's.
    let v: f64 = text.parse().ok()?;
    finish(fmt, 0, || v)
}

/// `x * 2^ex2` for `x < 2^63`, rounded once, as LuaJIT's `strscan_double` does.
fn int_to_double(mut x: u64, ex2: i32) -> f64 {
    if ex2 <= -1075 && x != 0 {
        // The result is denormal: round to its precision here, so the conversion and
        // the scaling below are exact.
        let b = 63 - x.leading_zeros() as i32;
        if b + ex2 <= -1023 && b + ex2 >= -1075 {
            let rb = 1u64 << (-1075 - ex2);
            if x & rb != 0 && x & (rb + rb + rb - 1) != 0 {
                x += rb + rb;
            }
            x &= !(rb + rb - 1);
        }
    }
    ldexp(x as i64 as f64, ex2)
}

/// `n * 2^e` with a single rounding: intermediate steps stay normal for `|n| >= 1`.
pub fn ldexp(mut n: f64, mut e: i32) -> f64 {
    while e > 1000 {
        n *= f64::from_bits((1023 + 1000) << 52);
        e -= 1000;
        if n.is_infinite() {
            return n;
        }
    }
    while e < -1000 {
        n *= f64::from_bits((1023 - 1000) << 52);
        e += 1000;
        if n == 0.0 {
            return n;
        }
    }
    n * f64::from_bits(((1023 + e) as u64) << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> f64 {
        match scan_literal(s.as_bytes()) {
            Some(Number::Float(v)) => v,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn decimal() {
        assert_eq!(f("0"), 0.0);
        assert_eq!(f("08"), 8.0);
        assert_eq!(f("123"), 123.0);
        assert_eq!(f("1.5"), 1.5);
        assert_eq!(f(".5"), 0.5);
        assert_eq!(f("5."), 5.0);
        assert_eq!(f("1e3"), 1000.0);
        assert_eq!(f("1E+3"), 1000.0);
        assert_eq!(f("2.5e-1"), 0.25);
        assert_eq!(f("0.001"), 0.001);
        assert_eq!(f("1e999"), f64::INFINITY);
        assert_eq!(f("1e-999"), 0.0);
        assert_eq!(f("0e1048575"), 0.0);
        assert_eq!(f("5e001048575"), f64::INFINITY);
        assert_eq!(f("5e-1048575"), 0.0);
        assert_eq!(f("4294967295"), 4294967295.0);
        assert_eq!(f("123456789012345678901234567890"), 1.2345678901234568e29);
        assert_eq!(f("4.9406564584124654e-324"), 5e-324);
        assert_eq!(f("0.1"), 0.1);
        assert_eq!(f("1.000000000000000000000000000000000000001"), 1.0);
    }

    #[test]
    fn hex_and_binary() {
        assert_eq!(f("0x10"), 16.0);
        assert_eq!(f("0XfF"), 255.0);
        assert_eq!(f("0x.8p1"), 1.0);
        assert_eq!(f("0x8.p-1"), 4.0);
        assert_eq!(f("0x1p-1074"), 5e-324);
        assert_eq!(f("0x1p-1080"), 0.0);
        assert_eq!(f("0x1p1048575"), f64::INFINITY);
        assert_eq!(f("0xffffffffffffffff"), 18446744073709551615.0);
        assert_eq!(f("0x1fffffffffffffffff"), 5.902958103587057e20);
        assert_eq!(f("0b101"), 5.0);
        assert_eq!(f("0B11"), 3.0);
        assert_eq!(f("0b0000000000000000000000000000000000000000000000000000000000000000011"), 3.0);
    }

    #[test]
    fn suffixes() {
        let v = |s: &str| scan_literal(s.as_bytes());
        assert_eq!(v("1LL"), Some(Number::Int64(1)));
        assert_eq!(v("1lL"), Some(Number::Int64(1)));
        assert_eq!(v("1ULL"), Some(Number::UInt64(1)));
        assert_eq!(v("1LLU"), Some(Number::UInt64(1)));
        assert_eq!(v("18446744073709551615LL"), Some(Number::Int64(-1)));
        assert_eq!(v("9223372036854775808LL"), Some(Number::Int64(i64::MIN)));
        assert_eq!(v("0xffffffffffffffffLL"), Some(Number::Int64(-1)));
        assert_eq!(v("00000000000000000000000000000000001LL"), Some(Number::Int64(1)));
        assert_eq!(v("0x00000000000000000000001LL"), Some(Number::Int64(1)));
        assert_eq!(v("0b11ULL"), Some(Number::UInt64(3)));
        assert_eq!(v("3i"), Some(Number::Imaginary(3.0)));
        assert_eq!(v("0x10i"), Some(Number::Imaginary(16.0)));
        assert_eq!(v("1.5e2I"), Some(Number::Imaginary(150.0)));
        assert_eq!(v("0b1i"), Some(Number::Imaginary(1.0)));
    }

    #[test]
    fn malformed() {
        for s in [
            "3x",
            "0x",
            "0xp1",
            "1e",
            "1e+",
            "1..2",
            "1.2.3",
            "0x1p4LL",
            "1.5LL",
            "1e3LL",
            "1U",
            "1L",
            "1UL",
            "1LU",
            "1ii",
            "3iLL",
            "18446744073709551616ULL",
            "0xffffffffffffffffffLL",
            "0b102",
            "0b1.",
            "0b.1",
            "0b1p1",
            "0b1e1",
            ".",
            "0x.",
            "1_",
            "1\u{e9}",
            "5e1048576",
            "5e-1048576",
            "0x1p1048576",
            "5e99999999999999999999",
            "0e99999999999",
        ] {
            assert_eq!(scan_literal(s.as_bytes()), None, "{s}");
        }
    }
}
