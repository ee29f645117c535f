//! Number <-> string conversions used by the VM (`tostring`, concatenation, arithmetic
//! coercion, `tonumber`).
//!
//! INTERIM: these two functions are the single switch-over point to `vm::numfmt` and
//! `vm::strscan` (LuaJIT-exact formatting and scanning, written separately). Until those
//! land, they approximate with `%.14g` formatting and Rust's float parser.

/// Appends the `tostring` form of a number.
pub fn number_to_str(n: f64, out: &mut Vec<u8>) {
    if n.is_nan() {
        out.extend_from_slice(b"nan");
        return;
    }
    if n.is_infinite() {
        out.extend_from_slice(if n > 0.0 { b"inf" } else { b"-inf" });
        return;
    }
    if n == 0.0 {
        out.extend_from_slice(if n.is_sign_negative() { b"-0" } else { b"0" });
        return;
    }
    // %.14g: 14 significant digits, exponent form outside 1e-4 .. 1e14.
    let e = format!("{:.13e}", n);
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..14).contains(&exp) {
        let mant = trim_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        out.extend_from_slice(format!("{mant}e{sign}{:02}", exp.abs()).as_bytes());
    } else {
        let decimals = (13 - exp).max(0) as usize;
        let f = format!("{:.*}", decimals, n);
        out.extend_from_slice(trim_zeros(&f).as_bytes());
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { s }
}

/// Lua's string -> number coercion (decimal, hex, surrounding whitespace allowed).
pub fn str_to_number(s: &[u8]) -> Option<f64> {
    let t = std::str::from_utf8(s).ok()?.trim_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    if t.is_empty() {
        return None;
    }
    let (neg, body) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let v = if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        if hex.is_empty() || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        hex.bytes().fold(0.0f64, |acc, c| acc * 16.0 + (c as char).to_digit(16).unwrap_or(0) as f64)
    } else {
        if body.is_empty()
            || !body.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
        {
            return None;
        }
        body.parse::<f64>().ok()?
    };
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(n: f64) -> String {
        let mut v = Vec::new();
        number_to_str(n, &mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn formats_like_percent_14g() {
        assert_eq!(fmt(1.0), "1");
        assert_eq!(fmt(0.1), "0.1");
        assert_eq!(fmt(-0.0), "-0");
        assert_eq!(fmt(1e15), "1e+15");
        assert_eq!(fmt(2f64.powi(53)), "9.007199254741e+15");
        assert_eq!(fmt(123456.5), "123456.5");
        assert_eq!(fmt(1e-5), "1e-05");
        assert_eq!(fmt(1.0 / 3.0), "0.33333333333333");
    }

    #[test]
    fn scans() {
        assert_eq!(str_to_number(b" 10 "), Some(10.0));
        assert_eq!(str_to_number(b"0x1F"), Some(31.0));
        assert_eq!(str_to_number(b"1e2"), Some(100.0));
        assert_eq!(str_to_number(b"abc"), None);
        assert_eq!(str_to_number(b""), None);
    }
}
