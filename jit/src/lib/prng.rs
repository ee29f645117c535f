//! `math.random` and `math.randomseed`, bit for bit as LuaJIT 2.1 computes them.
//!
//! # The generator
//!
//! LuaJIT uses a combined Tausworthe generator (L'Ecuyer's "maximally equidistributed"
//! construction with four 64-bit component generators, period about 2^223). Each
//! component is a linear feedback shift register over GF(2) described by three numbers
//! `(k, q, s)`: its state keeps `k` significant high bits, and one step is
//!
//! ```text
//!   b     = ((z << q) ^ z) >> (k - s)          feedback bits from the taps
//!   z'    = ((z with its low 64-k bits cleared) << s) ^ b
//! ```
//!
//! with `(k, q, s)` = (63, 31, 18), (58, 19, 28), (55, 24, 7), (47, 21, 8) for the four
//! components. The output of a step is the xor of the four new states; its low 52 bits
//! become the mantissa of a double in [1, 2), and `math.random()` returns that minus 1.
//!
//! # Seeding
//!
//! `math.randomseed(d)` derives the four states from the double `d` by iterating
//! `d = d * pi + e` four times and taking each result's bit pattern; a state whose
//! pattern is too small to have a bit among its component's `k` significant bits gets
//! `2^(64-k)` added, so no component starts out all zero. Ten steps are then discarded.
//! Before any `randomseed`, the state is the one seed 0 gives.
//!
//! A NaN seed keeps its bit pattern through the arithmetic (as IEEE hardware propagates
//! a NaN operand), so the sequence depends on the NaN's sign and payload; we compute that
//! explicitly rather than rely on the host's NaN propagation.
//!
//! # Ranges
//!
//! `math.random(m)` is `floor(r * m) + 1` and `math.random(m, n)` is
//! `floor(r * (n - m + 1)) + m`, in doubles, with no argument checks (LuaJIT 2.1 has no
//! "interval is empty" error: `math.random(2, 1)` is 2).

/// `(k, q, s)` of the four component generators.
const COMPONENTS: [(u32, u32, u32); 4] = [(63, 31, 18), (58, 19, 28), (55, 24, 7), (47, 21, 8)];

/// The generator state behind `math.random`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prng {
    state: [u64; 4],
}

impl Default for Prng {
    fn default() -> Self {
        Self::new()
    }
}

impl Prng {
    /// The state a fresh LuaJIT has: the one `math.randomseed(0)` sets.
    pub fn new() -> Self {
        let mut p = Prng { state: [0; 4] };
        p.seed(0.0);
        p
    }

    /// `math.randomseed(d)`.
    pub fn seed(&mut self, mut d: f64) {
        for (i, &(k, _, _)) in COMPONENTS.iter().enumerate() {
            d = if d.is_nan() {
                f64::from_bits(d.to_bits() | (1 << 51))
            } else {
                d * std::f64::consts::PI + std::f64::consts::E
            };
            let min = 1u64 << (64 - k);
            let mut u = d.to_bits();
            if u < min {
                u += min;
            }
            self.state[i] = u;
        }
        for _ in 0..10 {
            self.step();
        }
    }

    /// One step: the bit pattern of a double in [1, 2).
    fn step(&mut self) -> u64 {
        let mut r = 0;
        for (z, &(k, q, s)) in self.state.iter_mut().zip(&COMPONENTS) {
            let feedback = ((*z << q) ^ *z) >> (k - s);
            *z = ((*z & (u64::MAX << (64 - k))) << s) ^ feedback;
            r ^= *z;
        }
        (r & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000
    }

    /// `math.random()`: a double in [0, 1).
    pub fn random(&mut self) -> f64 {
        f64::from_bits(self.step()) - 1.0
    }

    /// `math.random(m)`.
    pub fn random_upto(&mut self, m: f64) -> f64 {
        (self.random() * m).floor() + 1.0
    }

    /// `math.random(m, n)`.
    pub fn random_between(&mut self, m: f64, n: f64) -> f64 {
        (self.random() * (n - m + 1.0)).floor() + m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lib::format::tests::format_num;
    use crate::vm::numfmt::tests::{Rng, lua_literal, run_luajit};

    fn hex(x: f64) -> String {
        format_num("%a", x)
    }

    #[test]
    fn known_sequences() {
        // Expected values from luajit -joff, printed with %a / %.17g.
        let mut p = Prng::new();
        assert_eq!(hex(p.random()), "0x1.96a235088a08p-1");
        assert_eq!(hex(p.random()), "0x1.65cffd8947fa8p-1");
        assert_eq!(hex(p.random()), "0x1.2e2213dff059cp-1");
        p.seed(0.0);
        assert_eq!(hex(p.random()), "0x1.96a235088a08p-1");
        p.seed(42.0);
        assert_eq!(hex(p.random()), "0x1.e9833973fbbdcp-1");
        assert_eq!(hex(p.random()), "0x1.25760a17604p-7");
        assert_eq!(p.random_upto(10.0), 6.0);
        assert_eq!(p.random_between(-5.0, 5.0), -1.0);
        assert_eq!(p.random_upto(0.0), 1.0);
        // x86-64's 0/0 has the sign bit set; -(0/0) has it clear.
        p.seed(f64::from_bits(0xfff8_0000_0000_0000));
        assert_eq!(hex(p.random()), "0x1.fceff4878756ap-1");
        p.seed(f64::from_bits(0x7ff8_0000_0000_0000));
        assert_eq!(hex(p.random()), "0x1.fc27fc03878b4p-1");
        // math.random(2, 1) is 2 in LuaJIT 2.1.
        assert_eq!(p.random_between(2.0, 1.0), 2.0);
    }

    #[test]
    fn agrees_with_luajit() {
        let seed = 0x0dd5_eed5_0f00_ba11u64;
        println!("seed {seed:#x}");
        let mut rng = Rng(seed);
        let seeds: Vec<f64> = (0..40)
            .map(|i| match i % 4 {
                0 => rng.below(100_000) as f64,
                1 => rng.number(),
                2 => -(rng.below(1000) as f64) / 7.0,
                _ => f64::from_bits(rng.next() >> 1),
            })
            .collect();
        let mut script = String::from("local f = string.format\n");
        for s in &seeds {
            script.push_str(&format!(
                "math.randomseed({})\n\
                 print(f('%a %a %.17g %.17g %.17g %.17g', math.random(), math.random(), math.random(6), \
                 math.random(1000000), math.random(-3, 3), math.random(0.5, 100.25)))\n",
                lua_literal(*s)
            ));
        }
        let Some(out) = run_luajit(&script) else { return };
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), seeds.len());
        let g = |x: f64| format_num("%.17g", x);
        for (s, want) in seeds.iter().zip(lines) {
            let mut p = Prng::new();
            p.seed(*s);
            let got = format!(
                "{} {} {} {} {} {}",
                hex(p.random()),
                hex(p.random()),
                g(p.random_upto(6.0)),
                g(p.random_upto(1_000_000.0)),
                g(p.random_between(-3.0, 3.0)),
                g(p.random_between(0.5, 100.25))
            );
            assert_eq!(got, want, "seed {s:e}");
        }
    }
}
