//! Number <-> string conversions as the VM uses them (`tostring`, concatenation,
//! arithmetic coercion, `tonumber`): the one place the interpreter and the libraries
//! reach `numfmt` and `strscan`.

/// Appends the `tostring` form of a number (LuaJIT's `%.14g`).
#[inline]
pub fn number_to_str(n: f64, out: &mut Vec<u8>) {
    super::numfmt::fmt_number(n, out);
}

/// Lua's string -> number coercion, as LuaJIT scans.
#[inline]
pub fn str_to_number(s: &[u8]) -> Option<f64> {
    super::strscan::scan_number(s)
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
    fn formats_like_luajit() {
        assert_eq!(fmt(1.0), "1");
        assert_eq!(fmt(-0.0), "-0");
        assert_eq!(fmt(2f64.powi(53)), "9.007199254741e+15");
        assert_eq!(fmt(1.0 / 3.0), "0.33333333333333");
    }

    #[test]
    fn scans() {
        assert_eq!(str_to_number(b" 10 "), Some(10.0));
        assert_eq!(str_to_number(b"0x1F"), Some(31.0));
        assert_eq!(str_to_number(b"abc"), None);
    }
}
